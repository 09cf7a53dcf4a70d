/* cli: what the verbs share: the common run options, their parsing, the default
 * output folder, and the progress bar. */
#ifndef CAMPSIM_CLI_H
#define CAMPSIM_CLI_H
#include <time.h>
#include "config.h"
#include "ensemble.h"

typedef struct {
    const char *config;          /* the scenario file */
    const char *out;             /* -o, or NULL for the default */
    const char *observed;        /* --observed FILE */
    override *sets; int n_sets;  /* --set, -s and -r (as scenario.seed / scenario.replicates) */
    int threads, deterministic, quiet, plot;
    int force;                   /* --force: -o may replace a folder campsim did not write */
    int fixed;                   /* --fixed: uncertain parameters at their central values */
    long pilot_mb;               /* --pilot-memory, MiB; 0: the default */
    const char *format;          /* --format for --plot */
    const char *fit;             /* calibrate: --fit, every --fit given joined by commas */
    char *fit_joined;            /* the joined copy when --fit was given more than once */
    const char **vary; int n_vary;   /* sweep: --vary */
    long samples;                /* sweep: --samples */
    const char *method;          /* sweep: --method */
    char *command;               /* the command line as a shell would take it back (provenance.txt) */
    struct { struct timespec start, last; } bar;   /* the progress bar's clock */
} cli_options;

/* Parses the options shared by run, compare, calibrate and sweep (argv[0] is
 * the verb). Returns 0, or 2 after printing a usage error. */
int cli_parse(int argc, char **argv, cli_options *o);
void cli_options_free(cli_options *o);

/* Loads the scenario with the options' overrides; prints errors and returns
 * NULL on bad input (exit status 2). With --fixed or --deterministic, uncertain
 * parameters are set to their central values (uncertainty_fix). */
scenario *cli_load(const cli_options *o);

/* The same with more overrides after the options' own (calibrate, sweep);
 * errors go to d. */
scenario *cli_load_with(const cli_options *o, const override *extra, int n_extra, diag *d);

/* Parses "PATH", "PATH=LO:HI" into path (at most n bytes), lo, hi. Returns 1 when
 * a range was given, 0 when not, -1 when malformed. */
int cli_parse_range(const char *spec, char *path, size_t n, double *lo, double *hi);

/* out/<config name without .cfg>[-suffix] unless -o was given (trailing
 * slashes taken off). */
void cli_out_dir(const cli_options *o, const char *suffix, char *buf, size_t n);

/* cli_out_dir, then output_check against the config, the observations and
 * --force: 0, or 2 after printing why the folder cannot take the results. To be
 * called before anything is simulated. */
int cli_out_prepare(const cli_options *o, const char *suffix, char *buf, size_t n);

/* run_options for the scenario, with a progress bar on a terminal unless -q. */
void cli_run_options(cli_options *o, const scenario *s, run_options *ro);

#endif
