/* scoretable: scores of a forecast against later reports (see scoretable.h). */
#include "scoretable.h"
#include <errno.h>
#include "dates.h"
#include "fit.h"
#include "obsmodel.h"
#include <gsl/gsl_sort.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const score_set no_scores = {NAN, NAN, NAN, NAN, NAN, NAN, NAN};

static int same_series(const observation *o, const target_cfg *tg)
{
    return strcmp(o->site, tg->site) == 0 && strcmp(o->variable, tg->variable) == 0;
}

/* The naive forecasts of entry e from the reports known at the cut-off (past:
 * room for every report). */
static int baselines(const observations *obs, const target_cfg *tg, long cutoff, scores_point *past,
                     score_entry *e)
{
    size_t n = 0;
    for (size_t i = 0; i < obs->n; i++) {
        const observation *o = &obs->v[i];
        if (o->has_value && o->day <= cutoff && same_series(o, tg)) past[n++] = (scores_point){o->day, o->value};
    }
    if (n == 0) return 0;
    double med, sd;
    if (scores_baseline(SCORES_PERSISTENCE, past, n, e->o->day, &med, &sd) != 0) return -1;
    scores_from_lognormal(med, sd, e->o->value, &e->persistence);
    if (scores_baseline(SCORES_TREND, past, n, e->o->day, &med, &sd) != 0) return -1;
    scores_from_lognormal(med, sd, e->o->value, &e->trend);
    e->skill_persistence = scores_skill(e->model.wis, e->persistence.wis);
    e->skill_trend = scores_skill(e->model.wis, e->trend.wis);
    e->has_baselines = 1;
    return 0;
}

/* The mean of every field of one forecast (0 the model, 1 persistence, 2 the
 * trend) over the entries (only those with baselines when `with_baselines`);
 * PIT is not averaged. */
static score_set mean_of(const score_entry *v, size_t n, int which, int with_baselines)
{
    score_set m = {0};
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (with_baselines && !v[i].has_baselines) continue;
        const score_set *s = which == 0 ? &v[i].model : which == 1 ? &v[i].persistence : &v[i].trend;
        m.mean += s->mean, m.ard += s->ard, m.crps += s->crps, m.wis += s->wis, m.in50 += s->in50, m.in90 += s->in90;
        k++;
    }
    if (k == 0) return no_scores;
    double dk = (double)k;
    return (score_set){m.mean / dk, m.ard / dk, m.crps / dk, m.wis / dk, NAN, m.in50 / dk, m.in90 / dk};
}

/* The reports scored: of a target's site and variable, with a value, after
 * the cut-off and inside the period; *links malloc'd, in the order of
 * scoretable_cells. */
static int held_out(const scenario *s, const observations *obs, const columns *cols, long cutoff, obs_link **links,
                    size_t *n, diag *d)
{
    *links = NULL;
    *n = 0;
    if (s->n_targets == 0) {
        diag_add(d, "%s: calibration.targets: none, so no observation is scored", s->path);
        return -1;
    }
    obs_link *l = calloc(obs->n * (size_t)s->n_targets + 1, sizeof *l);
    if (!l) { diag_add(d, "out of memory"); return -1; }
    size_t k = 0;
    for (int g = 0; g < s->n_targets; g++) {
        const target_cfg *tg = &s->targets[g];
        int col = columns_find(cols, tg->series);
        if (col < 0) {
            diag_add(d, "%s: calibration.targets.[%d].series: no series column is named '%s'", s->path, g, tg->series);
            free(l);
            return -1;
        }
        for (size_t i = 0; i < obs->n; i++) {
            const observation *o = &obs->v[i];
            long day = o->day - s->start;
            if (!o->has_value || o->day <= cutoff || day < 0 || day >= s->days || !same_series(o, tg)) continue;
            l[k++] = (obs_link){.o = o, .target = g, .day = (int)day, .col = col};
        }
    }
    *links = l;
    *n = k;
    return 0;
}

int scoretable_cells(const scenario *s, const observations *obs, const columns *cols, long cutoff, size_t **cells,
                     size_t *n, diag *d)
{
    obs_link *l;
    *cells = NULL;
    if (held_out(s, obs, cols, cutoff, &l, n, d) != 0) return -1;
    *cells = malloc(sizeof **cells * (*n + 1));
    for (size_t k = 0; *cells && k < *n; k++) (*cells)[k] = (size_t)l[k].day * (size_t)cols->n + (size_t)l[k].col;
    free(l);
    if (!*cells) { *n = 0; diag_add(d, "out of memory"); return -1; }
    return 0;
}

/* Replicate r's value for report k is reps[r * stride + (kept ? k : its cell)]. */
static int build(const scenario *s, const observations *obs, const columns *cols, const double *reps, long R,
                 size_t stride, int kept, long cutoff, score_table *t, diag *d)
{
    memset(t, 0, sizeof *t);
    obs_link *l;
    size_t n;
    if (held_out(s, obs, cols, cutoff, &l, &n, d) != 0) return -1;
    if (kept && n != stride) {
        diag_add(d, "scores: %zu values kept per replicate for %zu reports (not the cells of scoretable_cells)", stride, n);
        free(l);
        return -1;
    }
    t->v = calloc(n + 1, sizeof *t->v);
    double *x = malloc(sizeof *x * ((size_t)R + 1));
    scores_point *past = malloc(sizeof *past * (obs->n + 1));
    int rc = t->v && x && past && R > 0 ? 0 : -1;
    if (rc) diag_add(d, R > 0 ? "out of memory" : "no replicates to score");
    for (size_t k = 0; k < n && rc == 0; k++) {
        const observation *o = l[k].o;
        const target_cfg *tg = &s->targets[l[k].target];
        size_t at = kept ? k : (size_t)l[k].day * (size_t)cols->n + (size_t)l[k].col;
        for (long r = 0; r < R; r++) x[r] = reps[(size_t)r * stride + at];
        gsl_sort(x, 1, (size_t)R);
        score_entry *e = &t->v[t->n++];
        *e = (score_entry){.o = o, .series = tg->series, .horizon = o->day - cutoff, .persistence = no_scores,
                           .trend = no_scores, .skill_persistence = NAN, .skill_trend = NAN};
        scores_from_replicates(x, (size_t)R, o->value, &e->model);
        if (baselines(obs, tg, cutoff, past, e) != 0) { diag_add(d, "out of memory"); rc = -1; }
    }
    free(l);
    free(x);
    free(past);
    if (rc) { scoretable_free(t); return -1; }
    t->model = mean_of(t->v, t->n, 0, 0);
    t->persistence = mean_of(t->v, t->n, 1, 1);
    t->trend = mean_of(t->v, t->n, 2, 1);
    double wis = mean_of(t->v, t->n, 0, 1).wis;   /* the model on the entries the baselines score */
    t->skill_persistence = scores_skill(wis, t->persistence.wis);
    t->skill_trend = scores_skill(wis, t->trend.wis);
    return 0;
}

int scoretable_build(const scenario *s, const observations *obs, const columns *cols, const double *reps, long R,
                     long cutoff, score_table *t, diag *d)
{
    return build(s, obs, cols, reps, R, (size_t)s->days * (size_t)cols->n, 0, cutoff, t, d);
}

int scoretable_build_kept(const scenario *s, const observations *obs, const columns *cols, const double *kept,
                          long R, size_t n_keep, long cutoff, score_table *t, diag *d)
{
    return build(s, obs, cols, kept, R, n_keep, 1, cutoff, t, d);
}

void scoretable_free(score_table *t)
{
    free(t->v);
    t->v = NULL;
    t->n = 0;
}

static void num(FILE *f, double v)
{
    fputc(',', f);
    if (isfinite(v)) fprintf(f, "%.10g", v);
}

static void put_set(FILE *f, const score_set *s)
{
    num(f, s->mean);
    num(f, s->ard);
    num(f, s->crps);
    num(f, s->wis);
    num(f, s->in50);
    num(f, s->in90);
    num(f, s->pit);
}

int scoretable_write_csv(const char *path, const score_table *t)
{
    FILE *f = fopen(path, "w");
    if (!f) return -1;
    fputs("date,site,variable,series,horizon_days,observed", f);
    static const char *const who[3] = {"", "persistence_", "trend_"};
    for (int w = 0; w < 3; w++)
        fprintf(f, ",%s%s,%sard,%scrps,%swis,%sin_50,%sin_90,%spit", who[w], w ? "median" : "mean", who[w], who[w],
                who[w], who[w], who[w], who[w]);
    fputs(",skill_persistence,skill_trend\n", f);
    for (size_t i = 0; i < t->n; i++) {
        const score_entry *e = &t->v[i];
        char date[11];
        date_format(e->o->day, date);
        fprintf(f, "%s,", date);
        fit_csv_field(f, e->o->site);
        fputc(',', f);
        fit_csv_field(f, e->o->variable);
        fputc(',', f);
        fit_csv_field(f, e->series);
        fprintf(f, ",%ld", e->horizon);
        num(f, e->o->value);
        put_set(f, &e->model);
        put_set(f, &e->persistence);
        put_set(f, &e->trend);
        num(f, e->skill_persistence);
        num(f, e->skill_trend);
        fputc('\n', f);
    }
    fputs("overall,,,,,", f);
    put_set(f, &t->model);
    put_set(f, &t->persistence);
    put_set(f, &t->trend);
    num(f, t->skill_persistence);
    num(f, t->skill_trend);
    fputc('\n', f);
    /* errno is kept from the first call that failed, for the caller's message. */
    int bad = ferror(f), err = errno;
    if (fclose(f) != 0) return -1;
    if (bad) { errno = err ? err : EIO; return -1; }
    return 0;
}
