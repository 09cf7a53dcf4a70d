/* cli: options shared by the verbs, and the progress bar (see cli.h). */
#include "cli.h"
#include "columns.h"
#include "dist.h"
#include "outdir.h"
#include "qstore.h"
#include "places.h"
#include "uncertainty.h"
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int add_set(cli_options *o, const char *path, const char *value)
{
    override *s = realloc(o->sets, sizeof *s * (size_t)(o->n_sets + 1));
    if (!s) return -1;
    o->sets = s;
    o->sets[o->n_sets++] = (override){path, value};
    return 0;
}

static int usage_error(const char *verb, const char *msg, const char *arg)
{
    fprintf(stderr, "campsim %s: %s%s%s\nTry 'campsim --help'.\n", verb, msg, arg ? ": " : "", arg ? arg : "");
    return 2;
}

static int out_of_memory(const char *verb)
{
    fprintf(stderr, "campsim %s: out of memory reading the options\n", verb);
    return 1;
}

static int whole_arg(const char *s, long lo, long hi, long *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (end == s || *end || v < lo || v > hi) return -1;
    *out = v;
    return 0;
}

/* "campsim VERB ARGS...", each argument quoted for a POSIX shell when it needs it. */
static char *command_line(int argc, char **argv)
{
    size_t n = sizeof "campsim";
    for (int i = 0; i < argc; i++) n += 3 + 4 * strlen(argv[i]);
    char *s = malloc(n), *at = s;
    if (!s) return NULL;
    at += sprintf(at, "campsim");
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        *at++ = ' ';
        if (*a && strspn(a, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_./=:,+@%-[]") == strlen(a)) {
            at += sprintf(at, "%s", a);
            continue;
        }
        *at++ = '\'';
        for (; *a; a++) {
            if (*a == '\'') { memcpy(at, "'\\''", 4); at += 4; }
            else *at++ = *a;
        }
        *at++ = '\'';
    }
    *at = 0;
    return s;
}

int cli_parse(int argc, char **argv, cli_options *o)
{
    static const struct option longs[] = {
        {"out", required_argument, 0, 'o'}, {"seed", required_argument, 0, 's'},
        {"replicates", required_argument, 0, 'r'}, {"threads", required_argument, 0, 'j'},
        {"set", required_argument, 0, 'S'}, {"deterministic", no_argument, 0, 'd'},
        {"quiet", no_argument, 0, 'q'}, {"plot", no_argument, 0, 'p'},
        {"format", required_argument, 0, 'f'}, {"observed", required_argument, 0, 'O'},
        {"fit", required_argument, 0, 'F'}, {"vary", required_argument, 0, 'V'},
        {"samples", required_argument, 0, 'N'}, {"method", required_argument, 0, 'M'},
        {"pilot-memory", required_argument, 0, 'P'}, {"fixed", no_argument, 0, 'X'},
        {"force", no_argument, 0, 'W'},
        {0, 0, 0, 0}};
    const char *verb = argv[0];
    memset(o, 0, sizeof *o);
    o->command = command_line(argc, argv);
    optind = 1;
    opterr = 0;
    int c;
    long v;
    while ((c = getopt_long(argc, argv, ":o:s:r:j:dq", longs, NULL)) != -1) {
        switch (c) {
        case 'o': o->out = optarg; break;
        case 's':
            if (whole_arg(optarg, 0, 4294967295L, &v)) return usage_error(verb, "-s needs a whole number from 0 to 4294967295", optarg);
            if (add_set(o, "scenario.seed", optarg)) return out_of_memory(verb);
            break;
        case 'r':
            if (whole_arg(optarg, 1, 10000000, &v)) return usage_error(verb, "-r needs a whole number from 1 to 10000000", optarg);
            if (add_set(o, "scenario.replicates", optarg)) return out_of_memory(verb);
            break;
        case 'j':
            if (whole_arg(optarg, 1, 1024, &v)) return usage_error(verb, "-j needs a whole number from 1 to 1024", optarg);
            o->threads = (int)v;
            break;
        case 'S': {
            char *eq = strchr(optarg, '=');
            if (!eq || eq == optarg) return usage_error(verb, "--set needs PATH=VALUE", optarg);
            *eq = 0;
            if (add_set(o, optarg, eq + 1)) return out_of_memory(verb);
            break;
        }
        case 'P':
            if (whole_arg(optarg, 1, 1048576, &v)) return usage_error(verb, "--pilot-memory needs a whole number of MiB from 1 to 1048576", optarg);
            o->pilot_mb = v;
            break;
        case 'd': o->deterministic = 1; break;
        case 'X': o->fixed = 1; break;
        case 'q': o->quiet = 1; break;
        case 'p': o->plot = 1; break;
        case 'W': o->force = 1; break;
        case 'f': o->format = optarg; break;
        case 'O': o->observed = optarg; break;
        case 'F':
            if (!o->fit) { o->fit = optarg; break; }
            {   /* --fit A --fit B is --fit A,B (as --vary repeats), not B alone */
                size_t n = strlen(o->fit) + strlen(optarg) + 2;
                char *j = malloc(n);
                if (!j) return out_of_memory(verb);
                snprintf(j, n, "%s,%s", o->fit, optarg);
                free(o->fit_joined);
                o->fit = o->fit_joined = j;
            }
            break;
        case 'V': {
            const char **vs = realloc(o->vary, sizeof *vs * (size_t)(o->n_vary + 1));
            if (!vs) return out_of_memory(verb);
            o->vary = vs;
            o->vary[o->n_vary++] = optarg;
            break;
        }
        case 'N':
            if (whole_arg(optarg, 1, 100000000, &v)) return usage_error(verb, "--samples needs a whole number >= 1", optarg);
            o->samples = v;
            break;
        case 'M': o->method = optarg; break;
        case ':': return usage_error(verb, "an option needs a value", argv[optind - 1]);
        default: return usage_error(verb, "unknown option", argv[optind - 1]);
        }
    }
    if (optind >= argc) return usage_error(verb, "missing the config file", NULL);
    if (optind + 1 < argc) return usage_error(verb, "one config file only; extra argument", argv[optind + 1]);
    o->config = argv[optind];
    if (o->format && strcmp(o->format, "png") && strcmp(o->format, "svg") && strcmp(o->format, "pdf"))
        return usage_error(verb, "--format must be png, svg or pdf", o->format);
    return 0;
}

void cli_options_free(cli_options *o)
{
    free(o->sets);
    free(o->vary);
    free(o->fit_joined);
    free(o->command);
    o->command = NULL;
    o->sets = NULL;
    o->vary = NULL;
    o->fit_joined = NULL;
}

/* Past 10,000 replicates the quantiles' pilot is run once per block of cells
 * that fits --pilot-memory (qstore.h). Thousands of passes would run for hours:
 * refused up front, with what to change. */
#define CLI_MAX_PASSES 100
static scenario *check_pilot(const cli_options *o, scenario *s, diag *d)
{
    if (!s || o->deterministic) return s;
    columns *c = columns_new(s);
    if (!c) { diag_add(d, "out of memory"); scenario_free(s); return NULL; }
    size_t cells = (size_t)s->days * (size_t)c->n, bytes = (size_t)o->pilot_mb << 20;
    /* The places' store runs its pilot alongside, in its share of the memory (ensemble.c). */
    places *pl = places_new(s, c);
    size_t pcells = pl ? (size_t)s->days * (size_t)pl->cells : 0, bq, bp;
    places_free(pl);
    ensemble_pilot_split(bytes, cells, pcells, &bq, &bp);
    size_t passes = qstore_passes(cells, (size_t)s->replicates, bq), more = qstore_passes(pcells, (size_t)s->replicates, bp);
    if (more > passes) passes = more;
    if (passes > CLI_MAX_PASSES) {
        double one = (double)(cells + pcells) * QSTORE_PILOT * sizeof(float) / (1 << 20);
        diag_add(d, "%s: %ld replicates would run the quantiles' pilot (%d replicates) %zu times: %zu cells "
                 "(%ld days x %d columns, and %zu of the places) at %zu MB per pass; give --pilot-memory %.0f for "
                 "one pass, or at most %d replicates (exact quantiles, no pilot)", o->config, s->replicates,
                 QSTORE_PILOT, passes, cells + pcells, s->days, c->n, pcells,
                 (bytes ? bytes : QSTORE_PILOT_BYTES) >> 20, ceil(one), QSTORE_EXACT_MAX);
        scenario_free(s);
        s = NULL;
    }
    columns_free(c);
    return s;
}

scenario *cli_load(const cli_options *o)
{
    diag d = {0};
    scenario *s = check_pilot(o, scenario_load(o->config, o->sets, o->n_sets, &d), &d);
    if (s && (o->fixed || o->deterministic) && uncertainty_fix(s) != 0) diag_add(&d, "out of memory");
    diag_print(&d);
    diag_clear(&d);
    return s;
}

scenario *cli_load_with(const cli_options *o, const override *extra, int n_extra, diag *d)
{
    override *all = malloc(sizeof *all * (size_t)(o->n_sets + n_extra + 1));
    if (!all) { diag_add(d, "out of memory"); return NULL; }
    for (int i = 0; i < o->n_sets; i++) all[i] = o->sets[i];
    for (int i = 0; i < n_extra; i++) all[o->n_sets + i] = extra[i];
    scenario *s = check_pilot(o, scenario_load(o->config, all, o->n_sets + n_extra, d), d);
    if (s && (o->fixed || o->deterministic) && uncertainty_fix(s) != 0) diag_add(d, "out of memory");
    free(all);
    return s;
}

int cli_parse_range(const char *spec, char *path, size_t n, double *lo, double *hi)
{
    const char *eq = strchr(spec, '=');
    size_t len = eq ? (size_t)(eq - spec) : strlen(spec);
    if (len == 0 || len >= n) return -1;
    memcpy(path, spec, len);
    path[len] = 0;
    if (!eq) return 0;
    char *end;
    *lo = strtod(eq + 1, &end);
    if (end == eq + 1 || *end != ':') return -1;
    const char *h = end + 1;
    *hi = strtod(h, &end);
    if (end == h || *end || !(*lo < *hi) || !isfinite(*lo) || !isfinite(*hi)) return -1;
    return 1;
}

void cli_out_dir(const cli_options *o, const char *suffix, char *buf, size_t n)
{
    if (o->out) {   /* "res/" is "res": the temporary folder goes beside it, not in it */
        snprintf(buf, n, "%s", o->out);
        for (size_t len = strlen(buf); len > 1 && buf[len - 1] == '/'; len--) buf[len - 1] = 0;
        return;
    }
    const char *base = strrchr(o->config, '/');
    base = base ? base + 1 : o->config;
    size_t len = strlen(base);
    if (len > 4 && strcmp(base + len - 4, ".cfg") == 0) len -= 4;
    snprintf(buf, n, "out/%.*s%s%s", (int)len, base, suffix ? "-" : "", suffix ? suffix : "");
}

int cli_out_prepare(const cli_options *o, const char *suffix, char *buf, size_t n)
{
    cli_out_dir(o, suffix, buf, n);
    outdir_rules rules = {o->config, o->observed, o->force};
    diag d = {0};
    int rc = output_check(buf, &rules, &d);
    diag_print(&d);
    diag_clear(&d);
    return rc;
}

/* ---- progress bar ---- */

static double seconds_since(const struct timespec *t)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t->tv_sec) + 1e-9 * (double)(now.tv_nsec - t->tv_nsec);
}

static void progress_bar(void *ctx, long done, long total)
{
    cli_options *p = ctx;
    if (done < total && seconds_since(&p->bar.last) < 0.1) return;
    clock_gettime(CLOCK_MONOTONIC, &p->bar.last);
    double el = seconds_since(&p->bar.start), rate = el > 0 ? done / el : 0;
    int width = 30, fill = total > 0 ? (int)(width * done / total) : width;
    fprintf(stderr, "\r[%.*s%*s] %ld/%ld replicates, %.0f/s, %.1f s left ", fill,
            "##############################", width - fill, "", done, total, rate,
            rate > 0 ? (total - done) / rate : 0.0);
    if (done >= total) fputc('\n', stderr);
}

void cli_run_options(cli_options *o, const scenario *s, run_options *ro)
{
    memset(ro, 0, sizeof *ro);
    ro->seed = (unsigned long)s->seed;
    ro->replicates = s->replicates;
    ro->threads = o->threads;
    ro->pilot_bytes = (size_t)o->pilot_mb << 20;
    ro->deterministic = o->deterministic;
    if (!o->quiet && isatty(2) && dist_rank() == 0) {
        clock_gettime(CLOCK_MONOTONIC, &o->bar.start);
        o->bar.last = o->bar.start;
        ro->progress = progress_bar;
        ro->progress_ctx = o;
    }
}
