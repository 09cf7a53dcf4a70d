/* run: the verbs `run`, `compare` and `check`. A run writes one output folder;
 * compare runs every policy on common random numbers and writes one sub-folder
 * per policy plus comparison.csv. Folders are written whole or not at all. */
#include "cli.h"
#include "commands.h"
#include "dist.h"
#include "ensemble.h"
#include "fitting.h"
#include "interrupt.h"
#include "output.h"
#include "plot.h"
#include "uncertainty.h"
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* comparison.csv: each metric per policy, and its difference from the first
 * policy taken replicate by replicate (common random numbers make that
 * difference far less noisy than the difference of two independent runs). */
static int write_comparison(const char *dir, const output_info *info, ensemble **e, int n, diag *d)
{
    char path[4400];
    snprintf(path, sizeof path, "%s/comparison.csv", dir);
    FILE *f = fopen(path, "w");
    if (!f) { diag_add(d, "%s: cannot write: %s", path, strerror(errno)); return -1; }
    const quantile_levels *ql = &info->s->quantiles;
    char lo[32], hi[32];
    output_level_name(ql->levels[0], lo, sizeof lo);
    output_level_name(ql->levels[ql->n - 1], hi, sizeof hi);
    fputs("policy,metric,mean", f);
    for (int i = 0; i < ql->n; i++) {
        char lv[32];
        output_level_name(ql->levels[i], lv, sizeof lv);
        fprintf(f, ",%s", lv);
    }
    fprintf(f, ",diff_mean,diff_%s,diff_%s\n", lo, hi);
    size_t R = (size_t)e[0]->R, M = (size_t)e[0]->ms->n;
    double *v = malloc(sizeof *v * R), *dv = malloc(sizeof *dv * R);
    if (!v || !dv) { free(v); free(dv); fclose(f); diag_add(d, "out of memory"); return -1; }
    char b[64];
    for (int p = 0; p < n; p++)
        for (size_t m = 0; m < M; m++) {
            for (size_t r = 0; r < R; r++) {
                v[r] = e[p]->metrics[r * M + m];
                dv[r] = v[r] - e[0]->metrics[r * M + m];
            }
            char label[256];
            int dg = SIG(12);   /* every metric is in the table (unit_stats checks) */
            columns_metric_info(e[p]->ms->names[m], label, sizeof label, &dg, NULL);
            fprintf(f, "%s,%s", info->s->policies[p].name, e[p]->ms->names[m]);
            output_rounded(b, sizeof b, gsl_stats_mean(v, 1, R), dg);
            fprintf(f, ",%s", b);
            gsl_sort(v, 1, R);
            for (int i = 0; i < ql->n; i++) {
                output_rounded(b, sizeof b, gsl_stats_quantile_from_sorted_data(v, 1, R, ql->levels[i]), dg);
                fprintf(f, ",%s", b);
            }
            output_rounded(b, sizeof b, gsl_stats_mean(dv, 1, R), dg);
            fprintf(f, ",%s", b);
            gsl_sort(dv, 1, R);
            output_rounded(b, sizeof b, gsl_stats_quantile_from_sorted_data(dv, 1, R, ql->levels[0]), dg);
            fprintf(f, ",%s", b);
            output_rounded(b, sizeof b, gsl_stats_quantile_from_sorted_data(dv, 1, R, ql->levels[ql->n - 1]), dg);
            fprintf(f, ",%s\n", b);
        }
    free(v);
    free(dv);
    if (output_close(f, path, d) != 0) return -1;
    return output_provenance(dir, info, "policies: one sub-folder each, with its own provenance.txt\n", d);
}

/* fit.csv against the observations, and the fit metrics for summary.csv. */
static int write_fit(const char *dir, const scenario *s, const observations *obs, const ensemble *e, double *metrics,
                     diag *d)
{
    fit_row *rows;
    size_t n;
    if (fitting_rows(s, obs, e, &rows, &n, d) != 0) return -1;
    fit_metrics m;
    fit_compute(rows, n, &m);
    double v[OUTPUT_N_FIT] = {m.ard, m.rmse, m.band_coverage, m.crps, m.wis, m.coverage_50, m.coverage_90};
    memcpy(metrics, v, sizeof v);
    char path[4400];
    snprintf(path, sizeof path, "%s/fit.csv", dir);
    int rc = fit_write_csv(path, rows, n, d);
    free(rows);
    return rc;
}

/* Runs one policy (or the base settings, p = -1) into folder dir; with
 * observations, also fit.csv and the fit metrics. */
static int run_one(const char *dir, cli_options *o, const scenario *s, int p, const observations *obs,
                   volatile sig_atomic_t *stop, ensemble **out, diag *d)
{
    run_options ro;
    cli_run_options(o, s, &ro);
    ro.stop = stop;
    size_t *keep = NULL;   /* each replicate's value on each observation's day, for the scores */
    if (obs && fitting_keep(s, obs, &keep, &ro.n_keep, d) != 0) return -2;
    ro.keep = keep;
    ensemble *e = ensemble_run(s, p, &ro);
    free(keep);
    if (!e && *stop) { diag_add(d, INTERRUPT_MESSAGE); return -1; }
    if (!e) { diag_add(d, "out of memory running %ld replicates", s->replicates); return -1; }
    if (dist_rank() != 0) {   /* campsim-mpi: rank 0 holds the results and writes them */
        ensemble_free(e);
        return 0;
    }
    output_info info = {s, p >= 0 ? s->policies[p].name : NULL, ro.seed, ro.replicates, o->deterministic, NULL,
                        o->command};
    if (p >= 0 && ((mkdir(dir, 0777) != 0 && errno != EEXIST) || output_mark(dir, d) != 0)) {   /* compare's sub-folder */
        diag_add(d, "%s: cannot create: %s", dir, strerror(errno));
        ensemble_free(e);
        return -1;
    }
    double fit[OUTPUT_N_FIT];
    if (obs) {
        if (write_fit(dir, s, obs, e, fit, d) != 0) { ensemble_free(e); return -2; }
        info.fit = fit;
    }
    int rc = output_run(dir, &info, e, d);
    if (out && rc == 0) *out = e;
    else ensemble_free(e);
    return rc;
}

int cmd_run(int argc, char **argv)
{
    int compare = strcmp(argv[0], "compare") == 0;
    cli_options o;
    int rc = cli_parse(argc, argv, &o);
    if (rc) { cli_options_free(&o); return rc; }
    scenario *s = cli_load(&o);
    if (!s) { cli_options_free(&o); return 2; }
    if (compare && s->n_policies == 0) {
        fprintf(stderr, "%s: compare needs a 'policies' list with at least one policy\n", o.config);
        scenario_free(s);
        cli_options_free(&o);
        return 2;
    }
    char final[4096], tmp[4200] = "";
    volatile sig_atomic_t *stop = interrupt_catch();
    diag d = {0};
    observations *obs = NULL;
    if (o.observed && !(obs = observed_read(o.observed, &d))) {
        diag_print(&d);
        diag_clear(&d);
        scenario_free(s);
        cli_options_free(&o);
        return 2;
    }
    /* The folder is checked and its temporary folder made before anything is
     * simulated: a run never finds out at the end that it has nowhere to go. */
    int root = dist_rank() == 0;
    rc = 2;
    if (dist_any(root && (cli_out_prepare(&o, compare ? "compare" : NULL, final, sizeof final) != 0 ||
                          output_begin(final, tmp, sizeof tmp, &d) != 0)))
        goto fail;
    rc = 1;
    if (!compare) {
        int r = run_one(tmp, &o, s, -1, obs, stop, NULL, &d);
        if (r == -2) rc = 2;
        if (r != 0) goto fail;
    } else {
        ensemble **e = calloc((size_t)s->n_policies, sizeof *e);
        int ok = e != NULL;
        for (int p = 0; ok && p < s->n_policies; p++) {
            char sub[4400];
            snprintf(sub, sizeof sub, "%s/%s", tmp, s->policies[p].name);
            if (!o.quiet) fprintf(stderr, "policy %s\n", s->policies[p].name);
            int r = run_one(sub, &o, s, p, obs, stop, &e[p], &d);
            if (r == -2) rc = 2;
            ok = r == 0;
        }
        if (ok && root) {
            output_info info = {s, NULL, (unsigned long)s->seed, s->replicates, o.deterministic, NULL, o.command};
            ok = write_comparison(tmp, &info, e, s->n_policies, &d) == 0;
        }
        for (int p = 0; e && p < s->n_policies; p++) ensemble_free(e[p]);
        free(e);
        if (!ok) goto fail;
    }
    /* Charts inside the folder, so they land with it; but they never cost the
     * run: a chart that cannot be drawn is a warning (in d), the results stay. */
    if (root && o.plot) plot_folder(tmp, o.format, o.observed, &d);
    if (root && report_write(tmp, &d) != 0) goto fail;
    size_t before = d.n;   /* the warnings so far name files of tmp, which are now final's */
    if (root && output_commit(tmp, final, o.force, &d) != 0) goto fail;
    if (root) diag_rename(&d, before, tmp, final);
    if (root && !o.quiet) fprintf(stderr, "results in %s/\n", final);
    rc = 0;
    goto done;
fail:
    if (root) output_abort(tmp);
done:
    diag_print(&d);
    diag_clear(&d);
    observed_free(obs);
    scenario_free(s);
    cli_options_free(&o);
    return rc;
}

int cmd_check(int argc, char **argv)
{
    /* check CONFIG [--set PATH=VALUE ...]: the --set values checked as run would */
    cli_options o = {0};
    if (argc < 2) {
        fprintf(stderr, "campsim check: usage: campsim check CONFIG [--set PATH=VALUE ...]\n");
        return 2;
    }
    int rc = argc > 2 ? cli_parse(argc, argv, &o) : 0;
    if (rc) { cli_options_free(&o); return rc; }
    const char *config = argc > 2 ? o.config : argv[1];
    diag d = {0};
    scenario *s = scenario_load(config, o.sets, o.n_sets, &d);
    diag_print(&d);
    diag_clear(&d);
    if (!s) { cli_options_free(&o); return 2; }
    printf("%s: valid: %ld days from %s, %d origins, %d sites, %d camps, %d groups, %d policies\n",
           config, s->days, s->start_text, s->n_origins, s->n_sites, s->n_camps, s->n_groups, s->n_policies);
    if (s->unc) {   /* what --fixed would run */
        const uncertainty *u = s->unc;
        double *x = malloc(sizeof *x * (size_t)uncertainty_count(u));
        printf("uncertain: %d parameters", uncertainty_count(u));
        if (uncertainty_particles(u)) printf(", %ld posterior particles", uncertainty_particles(u));
        printf("; central values:\n");
        if (x) uncertainty_central(u, x);
        for (int i = 0; x && i < uncertainty_count(u); i++) printf("  %s = %.17g\n", uncertainty_path(u, i), x[i]);
        free(x);
    }
    scenario_free(s);
    cli_options_free(&o);
    return 0;
}
