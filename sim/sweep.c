/* sweep: runs the scenario over sampled settings and estimates how much each
 * setting drives each summary metric. --method sobol (default) samples a
 * Saltelli design from GSL's Sobol sequence and writes Sobol first-order and
 * total indices with bootstrap intervals (sensitivity.csv); lhs and grid only
 * sample (sweep.csv). Every sample runs the config's replicates on the same
 * random streams (common random numbers), so differences between samples come
 * from the settings, not from noise. */
#include "cli.h"
#include "commands.h"
#include "dist.h"
#include "interrupt.h"
#include "output.h"
#include "params.h"
#include "sensitivity.h"
#include "setpath.h"
#include <errno.h>
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_VARY 40

typedef struct {
    int k;
    char path[MAX_VARY][256];
    double lo[MAX_VARY], hi[MAX_VARY];
} design_space;

static int parse_vary(const cli_options *o, const scenario *base, design_space *ds)
{
    if (o->n_vary == 0) { fprintf(stderr, "campsim sweep: needs --vary PATH=LO:HI\n"); return -1; }
    if (o->n_vary > MAX_VARY) {
        fprintf(stderr, "campsim sweep: at most %d --vary settings (GSL's Sobol sequence has 40 dimensions)\n", MAX_VARY);
        return -1;
    }
    for (int i = 0; i < o->n_vary; i++) {
        int r = cli_parse_range(o->vary[i], ds->path[i], sizeof ds->path[i], &ds->lo[i], &ds->hi[i]);
        const param *p = r == 1 ? params_lookup(ds->path[i]) : NULL;
        if (r != 1) { fprintf(stderr, "campsim sweep: --vary %s: not PATH=LO:HI with LO < HI\n", o->vary[i]); return -1; }
        char why[SETPATH_MAX + 200];
        if (!p || (p->type != P_FLOAT && p->type != P_INT)) {
            setpath_explain(NULL, ds->path[i], why, sizeof why);
            fprintf(stderr, "campsim sweep: --vary %s: %s (see campsim --help-keys)\n", ds->path[i], why);
            return -1;
        }
        if (ds->lo[i] < p->lo || ds->hi[i] > p->hi) {
            fprintf(stderr, "campsim sweep: --vary %s: the range must lie within %.15g to %.15g\n", ds->path[i], p->lo, p->hi);
            return -1;
        }
        for (int j = 0; j < i; j++)   /* one of them would be overwritten by the other, silently */
            if (setpath_same(base, ds->path[i], ds->path[j])) {
                fprintf(stderr, "campsim sweep: --vary %s: the same setting as --vary %s\n", ds->path[i], ds->path[j]);
                return -1;
            }
    }
    ds->k = o->n_vary;
    return 0;
}

/* The text of setting i at unit-cube coordinate u, as --set would give it. */
static void vary_value(const design_space *ds, int i, double u, char *buf, size_t n)
{
    const param *p = params_lookup(ds->path[i]);
    double x = ds->lo[i] + u * (ds->hi[i] - ds->lo[i]);
    if (p->type == P_INT) snprintf(buf, n, "%.0f", round(x));
    else snprintf(buf, n, "%.12g", x);
}

/* The config with the settings of sample u; NULL with the reasons in d. */
static scenario *load_sample(const cli_options *o, const design_space *ds, const double *u, diag *d)
{
    char values[MAX_VARY][40];
    override extra[MAX_VARY];
    for (int i = 0; i < ds->k; i++) {
        vary_value(ds, i, u[i], values[i], sizeof values[i]);
        extra[i] = (override){ds->path[i], values[i]};
    }
    return cli_load_with(o, extra, ds->k, d);
}

/* Each message of d on one line after `what` (the --vary that caused it). */
static void print_caused(const char *what, diag *d)
{
    for (size_t i = 0; i < d->n; i++) fprintf(stderr, "campsim sweep: %s: %s\n", what, d->msgs[i]);
    diag_clear(d);
}

/* A --vary can make the config invalid (group shares that no longer sum to
 * 1, say): each is tried alone at both ends of its range before anything
 * runs, and the error names the --vary, not the file's line. */
static int check_vary(const cli_options *o, const design_space *ds)
{
    int bad = 0;
    for (int i = 0; i < ds->k && !bad; i++)
        for (int end = 0; end < 2 && !bad; end++) {
            char value[40], what[400];
            vary_value(ds, i, end, value, sizeof value);
            override one = {ds->path[i], value};
            diag d = {0};
            scenario *s = cli_load_with(o, &one, 1, &d);
            if (!s) {
                snprintf(what, sizeof what, "--vary %s=%.15g:%.15g makes the config invalid at %s = %s", ds->path[i],
                         ds->lo[i], ds->hi[i], ds->path[i], value);
                print_caused(what, &d);
                bad = 1;
            }
            scenario_free(s);
            diag_clear(&d);
        }
    return bad ? -1 : 0;
}

enum { SAMPLE_OK, SAMPLE_FAILED, SAMPLE_BAD_INPUT };

/* The mean of every summary metric for one sample (unit-cube point u). */
static int run_sample(cli_options *o, const design_space *ds, const double *u, int inner_threads,
                      volatile sig_atomic_t *stop, double *means, int n_metrics)
{
    diag d = {0};
    scenario *s = load_sample(o, ds, u, &d);
    if (!s) {   /* valid at every end of every range, but not at this point of the design */
        char what[MAX_VARY * 80 + 64];
        int len = snprintf(what, sizeof what, "the sample with");
        for (int i = 0; i < ds->k && len < (int)sizeof what; i++) {
            char value[40];
            vary_value(ds, i, u[i], value, sizeof value);
            len += snprintf(what + len, sizeof what - (size_t)len, "%s --vary %s = %s", i ? "," : "", ds->path[i], value);
        }
#pragma omp critical
        print_caused(what, &d);
        diag_clear(&d);
        return SAMPLE_BAD_INPUT;
    }
    run_options ro;
    cli_run_options(o, s, &ro);
    ro.progress = NULL;
    ro.threads = inner_threads;
    ro.local = 1;
    ro.stop = stop;
    ro.no_places = 1;   /* a sample writes no folder: only its metrics are kept */
    ensemble *e = ensemble_run(s, -1, &ro);
    if (!e) {
        if (!*stop) {
#pragma omp critical
            fprintf(stderr, "campsim sweep: out of memory running %ld replicates of a sample\n", s->replicates);
        }
        scenario_free(s);
        return SAMPLE_FAILED;
    }
    int M = e->ms->n;
    for (int m = 0; m < M && m < n_metrics; m++) {
        double sum = 0;
        for (long r = 0; r < e->R; r++) sum += e->metrics[(size_t)r * M + m];   /* replicate order: exact bytes */
        means[m] = sum / (double)e->R;
    }
    ensemble_free(e);
    scenario_free(s);
    return SAMPLE_OK;
}

static int write_sweep(const char *dir, const design_space *ds, const metric_set *ms, const double *u,
                       const double *y, long rows, diag *d)
{
    char path[4400];
    snprintf(path, sizeof path, "%s/sweep.csv", dir);
    FILE *f = fopen(path, "w");
    if (!f) { diag_add(d, "%s: cannot write: %s", path, strerror(errno)); return -1; }
    fputs("sample", f);
    for (int i = 0; i < ds->k; i++) fprintf(f, ",%s", ds->path[i]);
    for (int m = 0; m < ms->n; m++) fprintf(f, ",%s", ms->names[m]);
    fputc('\n', f);
    char b[64];
    for (long r = 0; r < rows; r++) {
        fprintf(f, "%ld", r);
        for (int i = 0; i < ds->k; i++) {
            const param *p = params_lookup(ds->path[i]);
            double x = ds->lo[i] + u[(size_t)r * ds->k + i] * (ds->hi[i] - ds->lo[i]);
            output_number(b, sizeof b, p->type == P_INT ? round(x) : x);
            fprintf(f, ",%s", b);
        }
        for (int m = 0; m < ms->n; m++) {   /* to the metric's precision (columns.c), like summary.csv */
            char label[320];
            int dg = SIG(12);
            columns_metric_info(ms->names[m], label, sizeof label, &dg, NULL);
            output_rounded(b, sizeof b, y[(size_t)r * ms->n + m], dg);
            fprintf(f, ",%s", b);
        }
        fputc('\n', f);
    }
    return output_close(f, path, d);
}

static int write_sensitivity(const char *dir, const design_space *ds, const metric_set *ms, long N, const double *y,
                             unsigned long seed, diag *d)
{
    char path[4400];
    snprintf(path, sizeof path, "%s/sensitivity.csv", dir);
    FILE *f = fopen(path, "w");
    if (!f) { diag_add(d, "%s: cannot write: %s", path, strerror(errno)); return -1; }
    fputs("metric,parameter,S1,S1_lo,S1_hi,ST,ST_lo,ST_hi\n", f);
    size_t rows = sens_saltelli_rows((size_t)N, (size_t)ds->k);
    double *ym = malloc(sizeof *ym * rows);
    sens_index *idx = malloc(sizeof *idx * (size_t)ds->k);
    int rc = ym && idx ? 0 : -1;
    for (int m = 0; m < ms->n && rc == 0; m++) {
        for (size_t r = 0; r < rows; r++) ym[r] = y[r * (size_t)ms->n + m];
        if (sens_sobol_indices((size_t)N, (size_t)ds->k, ym, 500, seed, idx) != 0) { rc = -1; break; }
        for (int i = 0; i < ds->k; i++) {
            char v[6][64];
            double x[6] = {idx[i].S1, idx[i].S1_lo, idx[i].S1_hi, idx[i].ST, idx[i].ST_lo, idx[i].ST_hi};
            for (int j = 0; j < 6; j++) output_rounded(v[j], sizeof v[j], x[j], 3);   /* shares of variance: 0.001 */
            fprintf(f, "%s,%s,%s,%s,%s,%s,%s,%s\n", ms->names[m], ds->path[i], v[0], v[1], v[2], v[3], v[4], v[5]);
        }
    }
    free(ym);
    free(idx);
    if (rc) {   /* no memory for the indices: not a write error */
        fclose(f);
        diag_add(d, "%s: out of memory for the Sobol indices", path);
        return -1;
    }
    return output_close(f, path, d);
}

int cmd_sweep(int argc, char **argv)
{
    cli_options o;
    int rc = cli_parse(argc, argv, &o);
    if (rc) { cli_options_free(&o); return rc; }
    design_space ds;
    const char *method = o.method ? o.method : "sobol";
    if (strcmp(method, "sobol") && strcmp(method, "lhs") && strcmp(method, "grid")) {
        fprintf(stderr, "campsim sweep: --method must be sobol, lhs or grid, got %s\n", method);
        cli_options_free(&o);
        return 2;
    }
    if (o.samples <= 0) { fprintf(stderr, "campsim sweep: needs --samples N\n"); cli_options_free(&o); return 2; }
    scenario *base = cli_load(&o);
    if (!base || parse_vary(&o, base, &ds) != 0 || check_vary(&o, &ds) != 0) {
        scenario_free(base);
        cli_options_free(&o);
        return 2;
    }
    int saltelli = !strcmp(method, "sobol");
    size_t rows = saltelli ? sens_saltelli_rows((size_t)o.samples, (size_t)ds.k) : (size_t)o.samples;
    double *u = calloc(rows * (size_t)ds.k, sizeof *u);
    metric_set *ms = metrics_new(base);
    double *y = ms ? calloc(rows * (size_t)ms->n, sizeof *y) : NULL;
    char err[256] = "";
    int drc = -1;
    /* Where the results go, checked and made before any sample is run. */
    char final[4096], tmp[4200] = "";
    diag d = {0};
    int root = dist_rank() == 0;
    rc = 2;
    if (!u || !ms || !y) {
        fprintf(stderr, "campsim sweep: out of memory for %zu samples\n", rows);
        rc = 1;
        goto done;
    }
    if (saltelli) drc = sens_saltelli_design((size_t)o.samples, (size_t)ds.k, u, err, sizeof err);
    else if (!strcmp(method, "lhs")) drc = sens_lhs_points(rows, (size_t)ds.k, (unsigned long)base->seed, u);
    else drc = sens_grid_points(rows, (size_t)ds.k, u, &rows);
    if (drc != 0) {   /* only the Saltelli design has a reason other than memory */
        fprintf(stderr, "campsim sweep: %s\n", *err ? err : "out of memory for the design");
        rc = *err ? 2 : 1;
        goto done;
    }
    if (dist_any(root && (cli_out_prepare(&o, "sweep", final, sizeof final) != 0 ||
                          output_begin(final, tmp, sizeof tmp, &d) != 0)))
        goto done;
    volatile sig_atomic_t *stop = interrupt_catch();
    long first, count;
    dist_share((long)rows, &first, &count);
    /* Many samples: one thread each; few samples with many replicates: threads
     * inside each ensemble. Either way each sample's numbers are the same. */
    int threads = o.threads > 0 ? o.threads : omp_get_num_procs();
    int outer = count >= 2 * threads || base->replicates < 4 * threads;
    int failed = 0, bad_input = 0;
    long done = 0;
#pragma omp parallel for schedule(dynamic, 1) num_threads(outer ? threads : 1)
    for (long r = first; r < first + count; r++) {
        if (failed || bad_input || *stop) continue;
        int sr = run_sample(&o, &ds, u + (size_t)r * ds.k, outer ? 1 : threads, stop, y + (size_t)r * ms->n, ms->n);
        if (sr == SAMPLE_FAILED) {
#pragma omp atomic write
            failed = 1;
        } else if (sr == SAMPLE_BAD_INPUT) {
#pragma omp atomic write
            bad_input = 1;
        }
#pragma omp atomic
        done++;
        if (!o.quiet && omp_get_thread_num() == 0 && dist_rank() == 0)
            fprintf(stderr, "\rsample %ld of %ld ", done, count);
    }
    if (!o.quiet && dist_rank() == 0) fputc('\n', stderr);
    int stopped = dist_any(*stop != 0);
    failed = dist_any(failed);
    bad_input = dist_any(bad_input);
    dist_gather(y, sizeof *y * (size_t)ms->n, (long)rows);
    rc = bad_input ? 2 : 1;
    if (stopped && root) fprintf(stderr, "campsim sweep: " INTERRUPT_MESSAGE "\n");
    output_info info = {base, NULL, (unsigned long)base->seed, base->replicates, o.deterministic, NULL, o.command};
    char what[256];
    snprintf(what, sizeof what, "sweep: %s, %ld samples, %zu runs\n%s", method, o.samples, rows,
             saltelli ? "sensitivity: Sobol indices, Saltelli (2010) first order, Jansen (1999) total; "
                        "95% bootstrap intervals\n" : "");
    if (root && !failed && !bad_input && !stopped && write_sweep(tmp, &ds, ms, u, y, (long)rows, &d) == 0 &&
        output_provenance(tmp, &info, what, &d) == 0 &&
        (!saltelli || write_sensitivity(tmp, &ds, ms, o.samples, y, (unsigned long)base->seed, &d) == 0) &&
        output_commit(tmp, final, o.force, &d) == 0)
        rc = 0;
    if (root && rc == 0 && !o.quiet) fprintf(stderr, "results in %s/\n", final);
    if (!root && !failed && !bad_input && !stopped) rc = 0;
done:
    if (root && rc && *tmp) output_abort(tmp);
    diag_print(&d);
    diag_clear(&d);
    free(u);
    free(y);
    metrics_free(ms);
    scenario_free(base);
    cli_options_free(&o);
    return rc;
}
