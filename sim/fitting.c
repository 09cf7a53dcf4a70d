/* fitting: observations against an ensemble (see fitting.h). */
#include "fitting.h"
#include "obsmodel.h"
#include "scores.h"
#include <gsl/gsl_sort.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

int fitting_keep(const scenario *s, const observations *obs, size_t **cells, size_t *n, diag *d)
{
    *cells = NULL;
    *n = 0;
    columns *cols = columns_new(s);
    if (!cols) { diag_add(d, "out of memory"); return -1; }
    obs_link *l;
    size_t k;
    int rc = obsmodel_links(s, obs, cols, &l, &k, d);
    if (rc == 0) {
        size_t *c = malloc(sizeof *c * (k + 1));
        if (!c) { diag_add(d, "out of memory"); rc = -1; }
        for (size_t i = 0; c && i < k; i++) c[i] = (size_t)l[i].day * (size_t)cols->n + (size_t)l[i].col;
        *cells = c;
        *n = c ? k : 0;
        free(l);
    }
    columns_free(cols);
    return rc;
}

/* The scores of row r (report o of target t) from its replicate values
 * x[0..R-1] (sorted here). */
static void score_row(const scenario *s, int t, const observation *o, fit_row *r, double *x, size_t R)
{
    gsl_sort(x, 1, R);
    obs_error m = obsmodel_of_target(s, t);
    /* log mean_r L(report | x_r), by log-sum-exp: the likelihoods are tiny */
    double top = -INFINITY, sum = 0;
    for (size_t i = 0; i < R; i++) top = fmax(top, obsmodel_loglik(&m, o, x[i]));
    for (size_t i = 0; i < R && isfinite(top); i++) sum += exp(obsmodel_loglik(&m, o, x[i]) - top);
    r->loglik = isfinite(top) ? top + log(sum / (double)R) : top;
    if (!r->has_value) return;
    score_set sc;
    scores_from_replicates(x, R, r->observed, &sc);
    r->crps = sc.crps;
    r->wis = sc.wis;
    r->pit = sc.pit;
    r->in50 = (int)sc.in50;
    r->in90 = (int)sc.in90;
}

int fitting_rows(const scenario *s, const observations *obs, const ensemble *e, fit_row **rows, size_t *n,
                 diag *d)
{
    *rows = NULL;
    *n = 0;
    obs_link *l;
    size_t k;
    if (obsmodel_links(s, obs, e->cols, &l, &k, d) != 0) return -1;
    fit_row *r = calloc(k + 1, sizeof *r);
    size_t R = (size_t)e->R;
    double *x = malloc(sizeof *x * R);
    if (!r || !x) { free(l); free(r); free(x); diag_add(d, "out of memory"); return -1; }
    int top = e->n_levels - 1, scored = e->n_keep == k;   /* the cells fitting_keep gave, in its order */
    for (size_t i = 0; i < k; i++) {
        const observation *o = l[i].o;
        const target_cfg *tg = &s->targets[l[i].target];
        int day = l[i].day, col = l[i].col;
        size_t cell = (size_t)day * (size_t)e->cols->n + (size_t)col;
        r[i] = (fit_row){.day = o->day, .site = o->site, .variable = o->variable, .series = tg->series,
                         .observed = o->value, .low = o->low, .high = o->high, .has_value = o->has_value,
                         .has_low = o->has_low, .has_high = o->has_high,
                         .sim_mean = e->mean[cell],
                         .sim_lo = e->quant[ensemble_q(e, day, col, 0)],
                         .sim_hi = e->quant[ensemble_q(e, day, col, top)],
                         .weight = tg->weight,
                         .crps = NAN, .wis = NAN, .pit = NAN, .in50 = -1, .in90 = -1, .loglik = NAN};
        if (!scored) continue;
        for (size_t j = 0; j < R; j++) x[j] = e->kept[j * k + i];
        score_row(s, l[i].target, o, &r[i], x, R);
    }
    free(l);
    free(x);
    *rows = r;
    *n = k;
    return 0;
}
