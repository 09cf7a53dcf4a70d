/* forecast: `campsim forecast CONFIG --observed FILE --as-of DATE [--to DATE]`
 * (forecast.h, docs/forecast.md). The folder it writes is a run folder (the
 * posterior predictive ensemble, to the horizon) with forecast.csv,
 * forecast_observed.csv, posterior.csv and, with later reports, scores.csv. */
#define _XOPEN_SOURCE 700   /* realpath */
#include "forecast.h"
#include "inventory.h"
#include "cli.h"
#include "columns.h"
#include "commands.h"
#include "dates.h"
#include "dist.h"
#include "ensemble.h"
#include "model.h"
#include "obsmodel.h"
#include "output.h"
#include "outdir.h"
#include "plot.h"
#include "scoretable.h"
#include "uncertainty.h"
#include <errno.h>
#include <gsl/gsl_rng.h>
#include <libconfig.h>
#include <limits.h>
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define DEFAULT_DRAWS 4000
/* The fit's simulations take streams of their own: (seed ^ FIT_SALT, i), so
 * they are not the predictive ensemble's replicates. */
#define FIT_SALT 0x5eed0f17UL

int forecast_cut(const observations *obs, long cutoff, observations *view)
{
    view->n = 0;
    view->v = malloc(sizeof *view->v * (obs->n + 1));
    if (!view->v) return -1;
    for (size_t i = 0; i < obs->n; i++)
        if (obs->v[i].day <= cutoff) view->v[view->n++] = obs->v[i];
    return 0;
}

void forecast_posterior_free(forecast_posterior *p)
{
    free(p->theta);
    free(p->weight);
    p->theta = p->weight = NULL;
}

/* One thread's model: a copy of the scenario the draws are written into. */
typedef struct {
    scenario *own;
    uncertainty_targets *tg;
    sim *m;
    double *series;
} fit_state;

static void state_free(fit_state *st)
{
    sim_free(st->m);
    uncertainty_unbind(st->tg);
    uncertainty_clone_free(st->own);
    free(st->series);
}

int forecast_fit(const scenario *s, const observations *obs, int threads, int deterministic, long draws,
                 forecast_posterior *p, diag *d)
{
    memset(p, 0, sizeof *p);
    const uncertainty *u = s->unc;
    if (!u) {
        diag_add(d, "%s: no uncertain parameters to fit: give them priors (uncertainty.parameters)", s->path);
        return 2;
    }
    int k = uncertainty_count(u);
    for (int i = 0; i < k; i++)
        if (!uncertainty_has_prior(u, i)) {
            diag_add(d, "%s: %s has no prior (a posterior column): forecast fits settings with priors", s->path,
                     uncertainty_path(u, i));
            return 2;
        }
    columns *cols = columns_new(s);
    if (!cols) { diag_add(d, "out of memory"); return 1; }
    obs_link *links = NULL;
    size_t nl = 0;
    if (obsmodel_links(s, obs, cols, &links, &nl, d) != 0) { columns_free(cols); return 2; }
    int days = 0, ncols = cols->n;
    columns_free(cols);
    for (size_t i = 0; i < nl; i++) if (links[i].day + 1 > days) days = links[i].day + 1;
    if (nl == 0) {
        diag_add(d, "%s: no report dated on or before the cut-off falls on a target inside the period", s->path);
        free(links);
        return 2;
    }
    p->k = k;
    p->n = draws;
    p->method = "sampling importance resampling from the priors";
    p->theta = malloc(sizeof *p->theta * (size_t)draws * (size_t)k);
    p->weight = malloc(sizeof *p->weight * (size_t)draws);
    if (!p->theta || !p->weight) {
        forecast_posterior_free(p);
        free(links);
        diag_add(d, "out of memory");
        return 1;
    }
    int failed = 0;
    unsigned long seed = (unsigned long)s->seed ^ FIT_SALT;
    omp_set_num_threads(threads > 0 ? threads : omp_get_num_procs());
#pragma omp parallel
    {
        fit_state st = {0};
        st.own = uncertainty_clone(s);
        st.tg = st.own ? uncertainty_bind(u, st.own) : NULL;
        st.m = st.tg ? sim_new(st.own, -1, deterministic) : NULL;
        st.series = malloc(sizeof *st.series * (size_t)days * (size_t)ncols);
        gsl_rng *rng = gsl_rng_alloc(gsl_rng_taus2);
        if (!st.m || !st.series || !rng) {
#pragma omp atomic write
            failed = 1;
        }
#pragma omp for schedule(dynamic, 16)
        for (long i = 0; i < draws; i++) {
            if (!st.m || !st.series || !rng) continue;
            double *x = p->theta + (size_t)i * (size_t)k;
            gsl_rng_set(rng, sim_stream_seed(seed, i, STREAM_PRIORS));
            uncertainty_prior_draw(u, rng, x);
            uncertainty_apply(st.tg, x);
            double ll = -INFINITY;
            if (sim_rederive(st.m) == 0) {
                sim_start(st.m, seed, i);
                for (int t = 0; t < days; t++) {
                    sim_step(st.m);
                    memcpy(st.series + (size_t)t * (size_t)ncols, sim_row(st.m), sizeof *st.series * (size_t)ncols);
                }
                ll = obsmodel_loglik_series(st.own, links, nl, st.series, ncols);
                if (isnan(ll)) ll = -INFINITY;
            }
            p->weight[i] = ll;   /* the log-likelihood for now */
        }
        gsl_rng_free(rng);
        state_free(&st);
    }
    free(links);
    if (failed) { forecast_posterior_free(p); diag_add(d, "out of memory"); return 1; }
    /* Weights in a fixed order, so the same bytes at any -j. */
    double top = -INFINITY, sum = 0, sum2 = 0;
    for (long i = 0; i < draws; i++) if (p->weight[i] > top) top = p->weight[i];
    if (!isfinite(top)) {
        forecast_posterior_free(p);
        diag_add(d, "%s: no draw from the priors could run or meet the reports", s->path);
        return 1;
    }
    for (long i = 0; i < draws; i++) { p->weight[i] = exp(p->weight[i] - top); sum += p->weight[i]; }
    for (long i = 0; i < draws; i++) { p->weight[i] /= sum; sum2 += p->weight[i] * p->weight[i]; }
    p->ess = 1 / sum2;
    p->simulations = draws;
    return 0;
}

int forecast_write_posterior(const char *path, const scenario *s, const forecast_posterior *p, diag *d)
{
    FILE *f = fopen(path, "w");
    if (!f) { diag_add(d, "%s: cannot write: %s", path, strerror(errno)); return -1; }
    fputs("particle,weight", f);   /* the method, simulations and ESS: provenance.txt */
    for (int j = 0; j < p->k; j++) fprintf(f, ",%s", uncertainty_path(s->unc, j));
    fputc('\n', f);
    for (long i = 0; i < p->n; i++) {
        if (!(p->weight[i] > 0)) continue;   /* underflowed: never resampled */
        fprintf(f, "%ld,%.17g", i, p->weight[i]);
        for (int j = 0; j < p->k; j++) fprintf(f, ",%.17g", p->theta[(size_t)i * (size_t)p->k + (size_t)j]);
        fputc('\n', f);
    }
    return output_close(f, path, d);
}

int forecast_use_posterior(scenario *s, const char *path, const char *const *set_paths, int n_set, diag *d)
{
    s->posterior = arena_strdup(&s->mem, path);
    if (!s->posterior) { diag_add(d, "out of memory"); return -1; }
    uncertainty_free(s->unc);
    s->unc = NULL;
    return uncertainty_resolve(s, set_paths, n_set, d);
}

/* The hubs' levels as the ensemble's quantiles, in the scenario and in its
 * tree (so that run.cfg says what ran). */
int forecast_use_hub_levels(scenario *s, diag *d)
{
    double *lv = arena_alloc(&s->mem, sizeof *lv * SCORES_N_LEVELS);
    if (!lv) { diag_add(d, "out of memory"); return -1; }
    memcpy(lv, scores_hub_levels(), sizeof *lv * SCORES_N_LEVELS);
    s->quantiles = (quantile_levels){lv, SCORES_N_LEVELS};
    config_setting_t *root = config_root_setting((config_t *)s->tree);
    config_setting_t *out = config_setting_get_member(root, "output");
    if (!out) out = config_setting_add(root, "output", CONFIG_TYPE_GROUP);
    if (out && config_setting_get_member(out, "quantiles")) config_setting_remove(out, "quantiles");
    config_setting_t *q = out ? config_setting_add(out, "quantiles", CONFIG_TYPE_ARRAY) : NULL;
    for (int i = 0; q && i < SCORES_N_LEVELS; i++)
        if (!config_setting_set_float_elem(q, -1, lv[i])) q = NULL;
    if (!q) { diag_add(d, "out of memory"); return -1; }
    return 0;
}

/* The series the targets compare with, each once. */
static int target_series(const scenario *s, const columns *cols, int *col, const char **name)
{
    int n = 0;
    for (int t = 0; t < s->n_targets; t++) {
        int c = columns_find(cols, s->targets[t].series), seen = 0;
        for (int j = 0; j < n; j++) seen |= col[j] == c;
        if (c >= 0 && !seen) { col[n] = c; name[n++] = s->targets[t].series; }
    }
    return n;
}

/* forecast.csv: date,series,mean,p01,p02_5,...,p99, every day of every target's
 * series to the horizon (the fitted period too, for the chart). */
static int write_forecast(const char *dir, const output_info *info, const ensemble *e, long horizon, diag *d)
{
    char path[4400];
    snprintf(path, sizeof path, "%s/forecast.csv", dir);
    FILE *f = fopen(path, "w");
    if (!f) { diag_add(d, "%s: cannot write: %s", path, strerror(errno)); return -1; }
    fputs("date,series,mean", f);
    for (int i = 0; i < e->n_levels; i++) {
        char lv[32];
        output_level_name(info->s->quantiles.levels[i], lv, sizeof lv);
        fprintf(f, ",%s", lv);
    }
    fputc('\n', f);
    int col[64];
    const char *name[64];
    int ns = target_series(info->s, e->cols, col, name);
    char b[64], date[11];
    for (int j = 0; j < ns; j++)
        for (int t = 0; t < e->days && info->s->start + t <= horizon; t++) {
            date_format(info->s->start + t, date);
            output_number(b, sizeof b, e->mean[(size_t)t * (size_t)e->cols->n + (size_t)col[j]]);
            fprintf(f, "%s,%s,%s", date, name[j], b);
            for (int i = 0; i < e->n_levels; i++) {
                output_number(b, sizeof b, e->quant[ensemble_q(e, t, col[j], i)]);
                fprintf(f, ",%s", b);
            }
            fputc('\n', f);
        }
    int bad = ferror(f);
    if (fclose(f) != 0 || bad) { diag_add(d, "%s: write failed", path); return -1; }
    return 0;
}

/* forecast_observed.csv: the reports on the targets inside the period, each
 * marked fitted (on or before the cut-off) or held out, for the chart; its
 * cut-off is in provenance.txt. */
static int write_observed(const char *dir, const scenario *s, const observations *obs, long cutoff, diag *d)
{
    char path[4400], date[11];
    snprintf(path, sizeof path, "%s/forecast_observed.csv", dir);
    FILE *f = fopen(path, "w");
    if (!f) { diag_add(d, "%s: cannot write: %s", path, strerror(errno)); return -1; }
    date_format(cutoff, date);
    fprintf(f, "date,series,observed,low,high,held_out\n");   /* the cut-off: provenance.txt */
    for (int t = 0; t < s->n_targets; t++)
        for (size_t i = 0; i < obs->n; i++) {
            const observation *o = &obs->v[i];
            if (strcmp(o->site, s->targets[t].site) || strcmp(o->variable, s->targets[t].variable)) continue;
            if (o->day < s->start || o->day >= s->start + s->days) continue;
            double v = o->has_value ? o->value
                       : o->has_low && o->has_high ? (o->low + o->high) / 2 : o->has_low ? o->low : o->high;
            char lo[32], hi[32];
            observed_ends(o, v, lo, hi);
            date_format(o->day, date);
            fprintf(f, "%s,%s,%.10g,%s,%s,%d\n", date, s->targets[t].series, v, lo, hi, o->day > cutoff);
        }
    int bad = ferror(f);
    if (fclose(f) != 0 || bad) { diag_add(d, "%s: write failed", path); return -1; }
    return 0;
}

/* run.cfg names the posterior by the temporary folder's path; after the commit
 * it lives in the final folder. run.cfg is rewritten whole (a temporary name
 * and a rename), and the folder's list of what campsim wrote takes it in. */
static void repoint_run_cfg(const char *final, const char *tmp_posterior, diag *d)
{
    char abs[PATH_MAX], cfg[PATH_MAX + 16], post[PATH_MAX + 32], next[PATH_MAX + 32];
    struct timespec since;
    if (!realpath(final, abs) || inventory_now(abs, &since) != 0) return;
    snprintf(cfg, sizeof cfg, "%s/run.cfg", abs);
    snprintf(next, sizeof next, "%s/.run.cfg.tmp", abs);
    snprintf(post, sizeof post, "%s/posterior.csv", abs);
    FILE *f = fopen(cfg, "r");
    if (!f) return;
    char *text = NULL;
    size_t cap = 0, len = 0, got;
    char buf[8192];
    while ((got = fread(buf, 1, sizeof buf, f)) > 0) {
        char *t = realloc(text, cap = len + got + 1);
        if (!t) { free(text); fclose(f); return; }
        text = t;
        memcpy(text + len, buf, got);
        len += got;
    }
    fclose(f);
    if (!text) return;
    text[len] = 0;
    char *at = strstr(text, tmp_posterior);
    if (at && (f = fopen(next, "w"))) {
        fwrite(text, 1, (size_t)(at - text), f);
        fputs(post, f);
        fputs(at + strlen(tmp_posterior), f);
        int bad = ferror(f);
        if (fclose(f) != 0 || bad || rename(next, cfg) != 0) {
            diag_add(d, "warning: %s: cannot point it at %s: %s (it names the temporary folder's)", cfg, post,
                     strerror(errno ? errno : EIO));
            unlink(next);
        } else inventory_write(abs, &since, d);
    }
    free(text);
}

static double seconds_since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) + 1e-9 * (double)(t.tv_nsec - t0->tv_nsec);
}

/* --as-of and --to are forecast's own; the rest are the shared options. */
static int take_dates(int argc, char **argv, char **rest, int *n_rest, const char **as_of, const char **to)
{
    *n_rest = 0;
    for (int i = 0; i < argc; i++) {
        const char **dst = !strcmp(argv[i], "--as-of") ? as_of : !strcmp(argv[i], "--to") ? to : NULL;
        if (dst && i + 1 >= argc) {
            fprintf(stderr, "campsim forecast: %s needs a date (YYYY-MM-DD)\n", argv[i]);
            return 2;
        }
        if (dst) *dst = argv[++i];
        else rest[(*n_rest)++] = argv[i];
    }
    rest[*n_rest] = NULL;
    return 0;
}

int cmd_forecast(int argc, char **argv)
{
    const char *as_of = NULL, *to = NULL;
    char **rest = malloc(sizeof *rest * (size_t)(argc + 1));
    int n_rest;
    if (!rest || take_dates(argc, argv, rest, &n_rest, &as_of, &to)) { free(rest); return 2; }
    cli_options o;
    int rc = cli_parse(n_rest, rest, &o);
    if (rc) { cli_options_free(&o); free(rest); return rc; }
    long cutoff = 0, horizon = 0;
    if (!o.observed || !as_of) {
        fprintf(stderr, "campsim forecast: needs --observed FILE and --as-of DATE\n");
        rc = 2;
    } else if (date_parse(as_of, &cutoff) != 0 || (to && date_parse(to, &horizon) != 0)) {
        fprintf(stderr, "campsim forecast: --as-of %s%s%s: not a date (YYYY-MM-DD)\n", as_of, to ? ", --to " : "",
                to ? to : "");
        rc = 2;
    } else if (o.fixed || o.deterministic) {
        fprintf(stderr, "campsim forecast: --fixed and --deterministic leave nothing to fit\n");
        rc = 2;
    }
    if (rc) { cli_options_free(&o); free(rest); return rc; }
    scenario *s = cli_load(&o);
    observation *observed_free_view = NULL;
    diag d = {0};
    char final[4096], tmp[4200] = "";
    int root = dist_rank() == 0;
    observations *obs = s ? observed_read(o.observed, &d) : NULL;
    rc = 2;
    if (!s || !obs) goto done;
    long last = s->start + s->days - 1;
    if (!to) horizon = last;
    if (cutoff < s->start || cutoff >= last) {
        diag_add(&d, "campsim forecast: --as-of %s is not inside the scenario's period before its last day", as_of);
        goto done;
    }
    /* The ensemble runs the scenario's whole period (its dated events must lie
     * inside it); --to only cuts what is written and scored. */
    if (horizon <= cutoff || horizon > last) {
        diag_add(&d, "campsim forecast: --to %s must come after --as-of %s and not after the scenario's last day "
                 "(a longer horizon: --set scenario.days=N)", to, as_of);
        goto done;
    }
    if (forecast_use_hub_levels(s, &d) != 0) goto done;
    /* Where the results go, checked and made before anything is simulated. */
    if (dist_any(root && (cli_out_prepare(&o, "forecast", final, sizeof final) != 0 ||
                          output_begin(final, tmp, sizeof tmp, &d) != 0)))
        goto done;
    observations upto = {0};   /* the reports to the horizon: what is scored and drawn */
    if (forecast_cut(obs, horizon, &upto) != 0) { diag_add(&d, "out of memory"); rc = 1; goto done; }
    observed_free_view = upto.v;

    observations cut = {0};
    if (forecast_cut(obs, cutoff, &cut) != 0) { diag_add(&d, "out of memory"); rc = 1; goto done; }
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    forecast_posterior post;
    rc = forecast_fit(s, &cut, o.threads, 0, o.samples ? o.samples : DEFAULT_DRAWS, &post, &d);
    free(cut.v);
    if (rc) goto done;
    double fit_s = seconds_since(&t0);

    rc = 1;
    char abs[PATH_MAX], ppath[PATH_MAX + 32];
    /* campsim-mpi: every rank fits alike and reads the posterior from a file of
     * its own; rank 0's is the folder's. */
    if (root && !realpath(tmp, abs)) { diag_add(&d, "%s: %s", tmp, strerror(errno)); goto fail; }
    if (root) snprintf(ppath, sizeof ppath, "%s/posterior.csv", abs);
    else {
        const char *td = getenv("TMPDIR");
        snprintf(ppath, sizeof ppath, "%s/campsim-posterior-%ld.csv", td && *td ? td : "/tmp", (long)getpid());
    }
    if (forecast_write_posterior(ppath, s, &post, &d) != 0) goto fail;
    /* The predictive ensemble: every replicate draws a particle. */
    {
        const char **set_paths = calloc((size_t)o.n_sets + 1, sizeof *set_paths);
        if (!set_paths) goto fail;
        for (int i = 0; i < o.n_sets; i++) set_paths[i] = o.sets[i].path;
        int r = forecast_use_posterior(s, ppath, set_paths, o.n_sets, &d);
        free(set_paths);
        if (r != 0) goto fail;
    }
    columns *cols = columns_new(s);
    size_t *cells = NULL, n_cells = 0;
    if (!cols || scoretable_cells(s, &upto, cols, cutoff, &cells, &n_cells, &d) != 0) {
        columns_free(cols);
        goto fail;
    }
    run_options ro;
    cli_run_options(&o, s, &ro);
    ro.keep = cells;
    ro.n_keep = n_cells;
    ensemble *e = ensemble_run(s, -1, &ro);
    score_table st = {0};
    int ok = e != NULL;
    if (!e) diag_add(&d, "out of memory running %ld replicates", s->replicates);
    if (ok && root) {
        output_info info = {s, NULL, ro.seed, ro.replicates, 0, NULL, o.command};
        char what[512], d1[11], d2[11];
        date_format(cutoff, d1);
        date_format(horizon, d2);
        snprintf(what, sizeof what, "forecast: fitted to the reports up to %s, written to %s\n"
                 "posterior: %s, %ld simulations, ESS %.1f\n", d1, d2, post.method, post.simulations, post.ess);
        ok = output_run(tmp, &info, e, &d) == 0 && output_provenance(tmp, &info, what, &d) == 0 && write_forecast(tmp, &info, e, horizon, &d) == 0 &&
             write_observed(tmp, s, &upto, cutoff, &d) == 0 &&
             scoretable_build_kept(s, &upto, cols, e->kept, e->R, e->n_keep, cutoff, &st, &d) == 0;
        char sp[4400];
        snprintf(sp, sizeof sp, "%s/scores.csv", tmp);
        if (ok && st.n > 0 && scoretable_write_csv(sp, &st) != 0) { diag_add(&d, "%s: write failed: %s", sp, strerror(errno)); ok = 0; }
    }
    free(cells);
    columns_free(cols);
    ensemble_free(e);
    if (!root) unlink(ppath);
    if (!ok) { scoretable_free(&st); goto fail; }
    if (root && o.plot) plot_folder(tmp, o.format, NULL, &d);
    size_t before = d.n;   /* the warnings so far name files of tmp, which are now final's */
    if (root && output_commit(tmp, final, o.force, &d) != 0) { scoretable_free(&st); goto fail_committed; }
    if (root) diag_rename(&d, before, tmp, final);
    if (root) repoint_run_cfg(final, ppath, &d);
    if (root) {
        char date[11];
        date_format(cutoff, date);
        printf("forecast from %s: fitted %d parameter(s) to the reports up to %s by %s: %ld simulations, ESS %.1f, "
               "%.2f s\n", o.config, post.k, date, post.method, post.simulations, post.ess, fit_s);
        char ard[32] = "none (every report 0)";   /* a relative error of a count of 0 is not a number */
        if (!isnan(st.model.ard)) snprintf(ard, sizeof ard, "%.4f", st.model.ard);
        if (st.n > 0)
            printf("scored against %zu later report(s): ARD %s, CRPS %.6g, WIS %.6g, 50%% coverage %.2f, "
                   "90%% coverage %.2f; skill against persistence %.3f, against the linear trend %.3f\n",
                   st.n, ard, st.model.crps, st.model.wis, st.model.in50, st.model.in90,
                   st.skill_persistence, st.skill_trend);
        else printf("no report after %s to score\n", date);
        printf("total %.2f s\n", seconds_since(&t0));
        if (!o.quiet) fprintf(stderr, "results in %s/\n", final);
    }
    scoretable_free(&st);
    forecast_posterior_free(&post);
    rc = 0;
    goto done;
fail:
    if (root) output_abort(tmp);
    else unlink(ppath);
    *tmp = 0;
fail_committed:
    forecast_posterior_free(&post);
    if (rc == 0) rc = 1;
done:
    if (root && rc && *tmp) output_abort(tmp);
    free(observed_free_view);
    diag_print(&d);
    diag_clear(&d);
    observed_free(obs);
    scenario_free(s);
    cli_options_free(&o);
    free(rest);
    return rc;
}
