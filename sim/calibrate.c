/* calibrate: fits named settings to observations. The objective is the weighted
 * squared relative error of the targets (fit.h), on the deterministic model with
 * --deterministic, otherwise on the ensemble mean with fixed seeds, so the same
 * settings always give the same objective. GSL's Nelder-Mead simplex searches
 * on log or logit transforms within the bounds, restarted from quasi-random
 * points (minimize.h). Writes calibrated.cfg, calibration.csv, and the run of the
 * calibrated scenario with its fit.csv. */
#include "cfgwrite.h"
#include "cli.h"
#include "setpath.h"
#include "commands.h"
#include "calibrate_abc.h"
#include "fitting.h"
#include "interrupt.h"
#include "minimize.h"
#include "output.h"
#include "params.h"
#include <errno.h>
#include <libconfig.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FIT 20
#define FAILED 1e300   /* the objective of settings that cannot run */

typedef struct {
    cli_options *o;
    const observations *obs;
    int n;
    char path[MAX_FIT][256];
    char value[MAX_FIT][40];
    override extra[MAX_FIT];
    int evaluations;
    volatile sig_atomic_t *stop;   /* SIGINT/SIGTERM: every further evaluation fails at once */
    int invalid;                   /* an evaluation's settings made the config invalid (reported) */
} problem;

/* Settings are written with 12 significant digits everywhere (objective,
 * calibrated.cfg), so that the file reproduces the fitted run exactly. */
static void set_values(problem *p, const double *x)
{
    for (int i = 0; i < p->n; i++) {
        snprintf(p->value[i], sizeof p->value[i], "%.12g", x[i]);
        p->extra[i] = (override){p->path[i], p->value[i]};
    }
}

/* Each message of d on one line after `what` (the --fit that caused it). */
static void print_caused(const char *what, diag *d)
{
    for (size_t i = 0; i < d->n; i++) fprintf(stderr, "campsim calibrate: %s: %s\n", what, d->msgs[i]);
    diag_clear(d);
}

/* "--fit a = 1, b = 2": the settings of the last set_values. */
static void fit_values(const problem *p, char *buf, size_t n)
{
    size_t len = 0;
    buf[0] = 0;
    for (int i = 0; i < p->n && len < n; i++)
        len += (size_t)snprintf(buf + len, n - len, "%s--fit %s = %s", i ? ", " : "", p->path[i], p->value[i]);
}

/* Runs the scenario with settings x; fills *metrics when given. With keep,
 * the run is kept (*keep, *keep_s) and holds every replicate's value on the
 * observations' days, so that its fit rows carry their scores. Settings that
 * make the config invalid are reported (naming the --fit) once, and set
 * p->invalid; running out of memory is said too. */
static double evaluate(problem *p, const double *x, fit_metrics *metrics, ensemble **keep, scenario **keep_s)
{
    if (*p->stop || p->invalid) return FAILED;
    set_values(p, x);
    diag d = {0};
    scenario *s = cli_load_with(p->o, p->extra, p->n, &d);
    if (!s) {
        char what[MAX_FIT * 320];
        fit_values(p, what, sizeof what);
        strncat(what, " makes the config invalid", sizeof what - strlen(what) - 1);
        print_caused(what, &d);
        p->invalid = 1;
        return FAILED;
    }
    run_options ro;
    cli_run_options(p->o, s, &ro);
    ro.progress = NULL;   /* many short runs: no bar */
    ro.stop = p->stop;
    ro.no_places = !keep;   /* only the kept run writes a folder */
    size_t *cells = NULL;
    if (keep && fitting_keep(s, p->obs, &cells, &ro.n_keep, &d) == 0) ro.keep = cells;
    ensemble *e = ensemble_run(s, -1, &ro);
    free(cells);
    if (!e && !*p->stop) fprintf(stderr, "campsim calibrate: out of memory running %ld replicates\n", s->replicates);
    double f = FAILED;
    fit_row *rows;
    size_t n;
    if (e && fitting_rows(s, p->obs, e, &rows, &n, &d) == 0) {
        fit_metrics m;
        fit_compute(rows, n, &m);
        f = m.objective;
        if (metrics) *metrics = m;
        free(rows);
    }
    diag_print(&d);   /* config checks make these rare: a target the run cannot compare */
    diag_clear(&d);
    p->evaluations++;
    if (keep && e) { *keep = e; *keep_s = s; return f; }
    ensemble_free(e);
    scenario_free(s);
    return f;
}

static double objective(const double *x, void *ctx) { return evaluate(ctx, x, NULL, NULL, NULL); }

/* "lower" or "upper" when a fitted value sits on that bound (within a
 * millionth of the range, or of the start value when the range has no upper
 * end: the search moves on log or logit scales, so it only comes near a
 * bound), else "". A value on its bound says the best fit may lie beyond it. */
static const char *at_bound(double x, double start, double lo, double hi)
{
    double tol = 1e-6 * (isfinite(hi) && isfinite(lo) ? hi - lo : fmax(1, fabs(start)));
    if (isfinite(lo) && x - lo <= tol) return "lower";
    if (isfinite(hi) && hi - x <= tol) return "upper";
    return "";
}

static int write_calibration(const char *dir, const problem *p, const double *start, const double *fitted,
                             const double *lo, const double *hi, diag *d)
{
    char path[4400];
    snprintf(path, sizeof path, "%s/calibration.csv", dir);
    FILE *f = fopen(path, "w");
    if (!f) { diag_add(d, "%s: cannot write: %s", path, strerror(errno)); return -1; }
    fputs("parameter,start,fitted,lower,upper,at_bound\n", f);   /* settings: all their digits, as in calibrated.cfg */
    for (int i = 0; i < p->n; i++)
        fprintf(f, "%s,%.12g,%.12g,%.12g,%.12g,%s\n", p->path[i], start[i], fitted[i], lo[i], hi[i],
                at_bound(fitted[i], start[i], lo[i], hi[i]));
    return output_close(f, path, d);
}

/* calibrated.cfg: the config with the fitted values, and a comment saying what
 * they were fitted to. */
static int write_calibrated(const char *dir, const scenario *s, const problem *p, const fit_metrics *m, diag *d)
{
    char path[4400];
    snprintf(path, sizeof path, "%s/calibrated.cfg", dir);
    FILE *f = fopen(path, "w");
    if (!f) { diag_add(d, "%s: cannot write: %s", path, strerror(errno)); return -1; }
    fprintf(f, "# Calibrated by campsim %s from %s\n# to the observations in %s (targets: calibration.targets)\n",
            CAMPSIM_VERSION, p->o->config, p->o->observed);
    fprintf(f, "# on the %s; objective %.6g, ARD %.4f, band coverage %.2f\n# fitted:",
            p->o->deterministic ? "deterministic model" : "ensemble mean with fixed seeds", m->objective, m->ard,
            m->band_coverage);
    for (int i = 0; i < p->n; i++) fprintf(f, " %s = %s;", p->path[i], p->value[i]);
    fputc('\n', f);
    cfgwrite(s->tree, f);   /* every float as exact as it is (libconfig writes 15 digits) */
    return output_close(f, path, d);
}

/* Reads the --fit list: each PATH must be a number of the parameter table with a
 * value in the scenario; bounds are the given LO:HI, else the table's. */
static int parse_fit(problem *p, const scenario *s, double *start, double *lo, double *hi)
{
    char *list = strdup(p->o->fit), *save = NULL;
    if (!list) { fprintf(stderr, "campsim calibrate: out of memory\n"); return -1; }
    int ok = 1;
    for (char *tok = strtok_r(list, ",", &save); tok && ok; tok = strtok_r(NULL, ",", &save)) {
        if (p->n == MAX_FIT) { fprintf(stderr, "campsim calibrate: --fit takes at most %d settings\n", MAX_FIT); ok = 0; break; }
        int i = p->n;
        int range = cli_parse_range(tok, p->path[i], sizeof p->path[i], &lo[i], &hi[i]);
        const param *pm = range >= 0 ? params_lookup(p->path[i]) : NULL;
        if (range < 0) { fprintf(stderr, "campsim calibrate: --fit %s: not PATH or PATH=LO:HI with LO < HI\n", tok); ok = 0; break; }
        char why[SETPATH_MAX + 200];
        if (!pm || pm->type != P_FLOAT) {
            if (pm && pm->type == P_INT) snprintf(why, sizeof why, "not a number setting");
            else setpath_explain(NULL, p->path[i], why, sizeof why);
            fprintf(stderr, "campsim calibrate: --fit %s: %s (see campsim --help-keys)\n", p->path[i], why);
            ok = 0;
            break;
        }
        for (int j = 0; j < i && ok; j++)   /* the fit would move one setting as two */
            if (setpath_same(s, p->path[i], p->path[j])) {
                fprintf(stderr, "campsim calibrate: --fit %s: the same setting as --fit %s\n", p->path[i], p->path[j]);
                ok = 0;
            }
        if (!ok) break;
        start[i] = params_value(s, p->path[i]);
        if (isnan(start[i])) {
            if (setpath_explain(s, p->path[i], why, sizeof why) == 0)
                fprintf(stderr, "campsim calibrate: --fit %s: %s has no such setting\n", p->path[i], p->o->config);
            else
                fprintf(stderr, "campsim calibrate: --fit %s: %s: %s\n", p->path[i], p->o->config, why);
            ok = 0;
            break;
        }
        if (range == 0) {
            lo[i] = pm->lo;
            hi[i] = pm->hi >= 1e8 ? INFINITY : pm->hi;   /* "no real upper bound": a log scale */
        } else if (lo[i] < pm->lo || hi[i] > pm->hi) {
            fprintf(stderr, "campsim calibrate: --fit %s: the range must lie within %.15g to %.15g\n", tok, pm->lo,
                    pm->hi);
            ok = 0;
            break;
        }
        if (start[i] < lo[i] || start[i] > hi[i]) {
            fprintf(stderr, "campsim calibrate: --fit %s: the start value %g is outside %g:%g\n", p->path[i], start[i],
                    lo[i], hi[i]);
            ok = 0;
        }
        p->n++;
    }
    free(list);
    if (ok && p->n == 0) { fprintf(stderr, "campsim calibrate: --fit names no setting\n"); ok = 0; }
    return ok ? 0 : -1;
}

/* A --fit can make the config invalid (group shares that no longer sum to 1,
 * say): each is tried alone at both ends of its range, the others at their
 * start, before anything runs; the error names the --fit. */
static int check_fit(problem *p, const double *start, const double *lo, const double *hi)
{
    double x[MAX_FIT];
    for (int i = 0; i < p->n; i++)
        for (int end = 0; end < 2; end++) {
            double b = end ? hi[i] : lo[i];
            if (!isfinite(b)) continue;
            for (int j = 0; j < p->n; j++) x[j] = j == i ? b : start[j];
            set_values(p, x);
            diag d = {0};
            scenario *s = cli_load_with(p->o, p->extra + i, 1, &d);
            if (!s) {
                char what[600];
                snprintf(what, sizeof what, "--fit %s=%.12g:%.12g makes the config invalid at %s = %s (narrow the range)",
                         p->path[i], lo[i], hi[i], p->path[i], p->value[i]);
                print_caused(what, &d);
                return -1;
            }
            scenario_free(s);
        }
    return 0;
}

int cmd_calibrate(int argc, char **argv)
{
    cli_options o;
    int rc = cli_parse(argc, argv, &o);
    if (rc) { cli_options_free(&o); return rc; }
    int abc = !o.method || !strcmp(o.method, "abc");
    if (!abc && strcmp(o.method, "optimize")) {
        fprintf(stderr, "campsim calibrate: --method %s: abc (ABC-SMC, the default) or optimize (Nelder-Mead)\n",
                o.method);
        cli_options_free(&o);
        return 2;
    }
    if (!o.observed || (!abc && !o.fit)) {
        fprintf(stderr, "campsim calibrate: needs --observed FILE%s\n",
                abc ? "" : " and, with --method optimize, --fit PATH[=LO:HI][,PATH...]");
        cli_options_free(&o);
        return 2;
    }
    if (abc) {
        rc = calibrate_abc(&o);
        cli_options_free(&o);
        return rc;
    }
    scenario *base = cli_load(&o);
    diag d = {0};
    observations *obs = base ? observed_read(o.observed, &d) : NULL;
    problem p = {.o = &o, .obs = obs, .stop = interrupt_catch()};
    double start[MAX_FIT], lo[MAX_FIT], hi[MAX_FIT], x[MAX_FIT];
    if (base && base->n_targets == 0)
        diag_add(&d, "%s: calibration.targets: none, so there is nothing to calibrate to", o.config);
    if (!base || !obs || base->n_targets == 0 || parse_fit(&p, base, start, lo, hi) != 0 ||
        check_fit(&p, start, lo, hi) != 0) {
        diag_print(&d);
        diag_clear(&d);
        observed_free(obs);
        scenario_free(base);
        cli_options_free(&o);
        return 2;
    }
    /* Where the results go, checked and made before anything is simulated. */
    char final[4096], tmp[4200] = "";
    rc = 2;
    if (cli_out_prepare(&o, "calibrate", final, sizeof final) != 0 || output_begin(final, tmp, sizeof tmp, &d) != 0)
        goto done;
    /* The targets must pick something before any search starts. */
    fit_metrics m0;
    rc = 1;
    double f0 = evaluate(&p, start, &m0, NULL, NULL);
    if (f0 >= FAILED) goto stopped;   /* out of memory (said), or interrupted */
    if (m0.n_valued == 0) {
        fprintf(stderr, "campsim calibrate: no observation of %s falls on a target of %s inside the period\n",
                o.observed, o.config);
        rc = 2;
        goto done;
    }
    min_problem mp = {.n = (size_t)p.n, .start = start, .lo = lo, .hi = hi, .restarts = 4, .max_iter = 400, .tol = 1e-8};
    min_result res = {.x = x};
    if (min_solve(&mp, objective, &p, &res) != 0) { fprintf(stderr, "campsim calibrate: out of memory in the minimiser\n"); goto done; }
    if (p.invalid) { rc = 2; goto done; }   /* a point of the search made the config invalid: said */
    if (*p.stop) goto stopped;
    /* Round as written, then run the calibrated scenario once more for its outputs. */
    for (int i = 0; i < p.n; i++) {
        char buf[40];
        snprintf(buf, sizeof buf, "%.12g", x[i]);
        x[i] = strtod(buf, NULL);
    }
    ensemble *e = NULL;
    scenario *s = NULL;
    fit_metrics m;
    evaluate(&p, x, &m, &e, &s);
    if (!e) goto stopped;   /* out of memory (said), or interrupted */
    {
        double fit[OUTPUT_N_FIT] = {m.ard, m.rmse, m.band_coverage, m.crps, m.wis, m.coverage_50, m.coverage_90};
        output_info info = {s, NULL, (unsigned long)s->seed, s->replicates, o.deterministic, fit, o.command};
        fit_row *rows;
        size_t n;
        char fitpath[4400];
        snprintf(fitpath, sizeof fitpath, "%s/fit.csv", tmp);
        if (output_run(tmp, &info, e, &d) == 0 && write_calibration(tmp, &p, start, x, lo, hi, &d) == 0 &&
            write_calibrated(tmp, s, &p, &m, &d) == 0 && fitting_rows(s, obs, e, &rows, &n, &d) == 0) {
            fit_metrics rm;
            fit_compute(rows, n, &rm);   /* fills each row's rel_diff */
            int w = fit_write_csv(fitpath, rows, n, &d);
            free(rows);
            if (w == 0 && output_commit(tmp, final, o.force, &d) == 0) rc = 0;
        }
    }
    printf("calibrated %d setting(s) to %s in %d runs (objective %.6g -> %.6g)\n", p.n, o.observed, p.evaluations,
           m0.objective, m.objective);
    printf("%-40s %14s %14s %14s %14s\n", "parameter", "start", "fitted", "lower", "upper");
    for (int i = 0; i < p.n; i++) {
        printf("%-40s %14.6g %14.6g %14.6g %14.6g\n", p.path[i], start[i], x[i], lo[i], hi[i]);
        const char *b = at_bound(x[i], start[i], lo[i], hi[i]);
        if (*b)
            fprintf(stderr, "campsim calibrate: warning: %s = %.12g sits on its %s bound (%.12g): the best fit may lie "
                    "beyond it; widen the range (--fit %s=LO:HI) or question the model\n", p.path[i], x[i], b,
                    *b == 'l' ? lo[i] : hi[i], p.path[i]);
    }
    printf("ARD %.4f, RMSE %.6g, band coverage %.2f over %zu observations\n", m.ard, m.rmse, m.band_coverage,
           m.n_rows);
    if (rc == 0 && !o.quiet) fprintf(stderr, "results in %s/\n", final);
    ensemble_free(e);
    scenario_free(s);
    goto done;
stopped:
    if (*p.stop) fprintf(stderr, "campsim calibrate: " INTERRUPT_MESSAGE "\n");
done:
    if (rc) output_abort(tmp);
    diag_print(&d);
    diag_clear(&d);
    observed_free(obs);
    scenario_free(base);
    cli_options_free(&o);
    return rc;
}
