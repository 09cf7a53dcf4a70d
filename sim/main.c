/* campsim: refugee populations at a closed border and in the camps behind it.
 * main dispatches the verb; each verb returns its exit status; only main exits. */
#include "columns.h"
#include "commands.h"
#include "dist.h"
#include "params.h"
#include <errno.h>
#include <gsl/gsl_errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "campsim " CAMPSIM_VERSION ": refugees stranded at a closed border and the camps behind it\n"
    "\n"
    "usage:\n"
    "  campsim run CONFIG [-o DIR] [-s SEED] [-r REPLICATES] [-j THREADS] [--set PATH=VALUE]...\n"
    "                     [--deterministic] [--fixed] [-q] [--plot [--format png|svg|pdf]] [--observed FILE]\n"
    "  campsim compare CONFIG [same options]     every policy in CONFIG, on common random numbers\n"
    "  campsim check CONFIG [--set P=V]          validate only; exit 0 when valid\n"
    "  campsim plot DIR [--format png|svg|pdf] [--observed FILE]\n"
    "  campsim calibrate CONFIG --observed FILE [--fit PATH=LO:HI[,PATH...]] [--method abc|optimize]\n"
    "                       [same options]   ABC-SMC posterior of the priors (or --fit's uniform ones);\n"
    "                                        optimize: Nelder-Mead (then --fit PATH[=LO:HI] is needed)\n"
    "  campsim forecast CONFIG --observed FILE --as-of DATE [--to DATE] [--samples N] [same options]\n"
    "  campsim sweep CONFIG --vary PATH=LO:HI [--vary ...] --samples N [--method sobol|lhs|grid]\n"
    "                       [same options]\n"
    "  campsim --help | --version | --help-keys | --help-columns\n"
    "\n"
    "options:\n"
    "  -o, --out DIR        output folder (default out/<config name>[-compare|-calibrate|-sweep]);\n"
    "                       replaced only when campsim wrote it (it has a .campsim mark)\n"
    "  -s, --seed SEED      random seed (default: scenario.seed)\n"
    "  -r, --replicates N   stochastic replicates (default: scenario.replicates)\n"
    "  -j, --threads N      threads (default: all cores); results do not depend on it\n"
    "      --pilot-memory MB past 10,000 replicates, the most the quantiles' pilot holds at\n"
    "                       once (default 128); less costs more passes; results do not depend on it\n"
    "      --set PATH=VALUE override one setting, e.g. --set admission.quota=150\n"
    "      --deterministic  expected values instead of random draws (one replicate)\n"
    "      --fixed          uncertain parameters at their central values, not drawn per replicate\n"
    "  -q, --quiet          no progress bar\n"
    "      --plot           render the charts into DIR/charts at the end\n"
    "      --force          let -o replace a folder campsim did not write (never the current\n"
    "                       folder, the config's, a parent of them, / or $HOME)\n"
    "\n"
    "exit status: 0 success, 1 failure while running, 2 bad usage or bad input\n"
    "--help-keys prints every configuration key with its default, range and unit;\n"
    "--help-columns every column of series.csv.\n";

static int dispatch(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage, stderr);
        return 2;
    }
    const char *verb = argv[1];
    if (!strcmp(verb, "--help") || !strcmp(verb, "-h")) { fputs(usage, stdout); return 0; }
    if (!strcmp(verb, "--version")) { printf("campsim %s\n", CAMPSIM_VERSION); return 0; }
    if (!strcmp(verb, "--help-keys")) { params_document(stdout); return 0; }
    if (!strcmp(verb, "--help-columns")) { columns_document(stdout); return 0; }
    if (!strcmp(verb, "run") || !strcmp(verb, "compare")) return cmd_run(argc - 1, argv + 1);
    if (!strcmp(verb, "check")) return cmd_check(argc - 1, argv + 1);
    if (!strcmp(verb, "plot")) return cmd_plot(argc - 1, argv + 1);
    if (!strcmp(verb, "calibrate")) return cmd_calibrate(argc - 1, argv + 1);
    if (!strcmp(verb, "sweep")) return cmd_sweep(argc - 1, argv + 1);
    if (!strcmp(verb, "forecast")) return cmd_forecast(argc - 1, argv + 1);
    fprintf(stderr, "campsim: unknown command '%s'\nTry 'campsim --help'.\n", verb);
    return 2;
}

/* GSL's default handler aborts on every error, running out of memory
 * included; campsim checks every allocation (GSL's too) and says "out of
 * memory", so that one returns to the caller. Any other GSL error is a bug:
 * GSL's message, and abort, as before. */
static void gsl_errors(const char *reason, const char *file, int line, int gsl_errno)
{
    if (gsl_errno == GSL_ENOMEM) return;
    fprintf(stderr, "gsl: %s:%d: ERROR: %s\n", file, line, reason);
    abort();
}

int main(int argc, char **argv)
{
    gsl_set_error_handler(gsl_errors);
    dist_start(&argc, &argv);
    int rc = dispatch(argc, argv);
    /* A full disk or a closed pipe on standard output (campsim --help-keys >
     * /dev/full) is a failure like any other write error, not a silent success. */
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "campsim: standard output: %s\n", strerror(errno));
        if (rc == 0) rc = 1;
    }
    dist_stop();
    return rc;
}
