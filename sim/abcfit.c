/* abcfit: the scenario's side of ABC-SMC (see abcfit.h). */
#include "abcfit.h"
#include "model.h"
#include "obsmodel.h"
#include "uncertainty.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const scenario *s;
    const uncertainty *u;
    obs_link *links;
    size_t n_links;
    int n_cols, days, deterministic;
    int layout;                 /* the set changes what sim_new lays out (uncertainty_needs_layout) */
} fit_ctx;

typedef struct {
    const fit_ctx *c;
    scenario *own;              /* this thread's copy, the proposed set written into it */
    uncertainty_targets *tg;
    sim *m;
    double *series;             /* [days * n_cols] */
} fit_state;

static void prior_draw(void *ctx, gsl_rng *rng, double *theta)
{
    uncertainty_prior_draw(((fit_ctx *)ctx)->u, rng, theta);
}

static double log_prior(void *ctx, const double *theta) { return uncertainty_log_prior(((fit_ctx *)ctx)->u, theta); }

static void state_free(void *p)
{
    fit_state *st = p;
    if (!st) return;
    sim_free(st->m);
    uncertainty_unbind(st->tg);
    uncertainty_clone_free(st->own);
    free(st->series);
    free(st);
}

static void *state_new(void *ctx)
{
    const fit_ctx *c = ctx;
    fit_state *st = calloc(1, sizeof *st);
    if (!st) return NULL;
    st->c = c;
    st->own = uncertainty_clone(c->s);
    st->tg = st->own ? uncertainty_bind(c->u, st->own) : NULL;
    st->m = st->tg ? sim_new(st->own, -1, c->deterministic) : NULL;
    st->series = malloc(sizeof *st->series * (size_t)c->days * (size_t)c->n_cols + 1);
    if (!st->m || !st->series) { state_free(st); return NULL; }
    return st;
}

static double distance(void *p, const double *theta, unsigned long seed, long index)
{
    fit_state *st = p;
    const fit_ctx *c = st->c;
    uncertainty_apply(st->tg, theta);
    if (c->layout && sim_rederive(st->m) != 0) return INFINITY;
    sim_start(st->m, seed, index);
    for (int t = 0; t < c->days; t++) {
        sim_step(st->m);
        memcpy(st->series + (size_t)t * (size_t)c->n_cols, sim_row(st->m), sizeof *st->series * (size_t)c->n_cols);
    }
    double d = obsmodel_distance(st->own, c->links, c->n_links, st->series, c->n_cols);
    return isnan(d) ? INFINITY : d;
}

void abcfit_options(const scenario *s, int threads, abc_options *o)
{
    *o = (abc_options){.particles = s->abc.particles, .ess_fraction = s->abc.ess_fraction,
                       .min_acceptance = s->abc.min_acceptance, .max_simulations = s->abc.max_simulations,
                       .max_generations = (int)s->abc.max_generations, .kernel_scale = 2,
                       .seed = (unsigned long)s->seed, .threads = threads};
}

int abcfit_run(const scenario *s, const observations *obs, const abc_options *o, int deterministic,
               abc_result *r, diag *d)
{
    const uncertainty *u = s->unc;
    if (!u) {
        diag_add(d, "%s: no uncertain parameters to fit: give them priors (uncertainty.parameters) or name them "
                 "with --fit PATH=LO:HI", s->path);
        return 2;
    }
    int k = uncertainty_count(u);
    double *lo = malloc(sizeof *lo * (size_t)k), *hi = malloc(sizeof *hi * (size_t)k);
    if (!lo || !hi) { free(lo); free(hi); diag_add(d, "out of memory"); return 1; }
    size_t before = d->n;
    for (int i = 0; i < k; i++)
        if (uncertainty_prior_bounds(u, i, &lo[i], &hi[i]) != 0)
            diag_add(d, "%s: %s has no prior (a posterior column): calibrate fits settings with priors", s->path,
                     uncertainty_path(u, i));
    fit_ctx c = {.s = s, .u = u, .deterministic = deterministic, .layout = uncertainty_needs_layout(u)};
    columns *cols = columns_new(s);
    int rc = 2;
    if (!cols) { diag_add(d, "out of memory"); rc = 1; }
    else if (d->n == before && obsmodel_links(s, obs, cols, &c.links, &c.n_links, d) == 0) {
        if (c.n_links == 0) diag_add(d, "%s: no observation falls on a target inside the period", s->path);
        c.n_cols = cols->n;
        for (size_t i = 0; i < c.n_links; i++) c.days = c.links[i].day + 1 > c.days ? c.links[i].day + 1 : c.days;
    }
    if (cols && d->n == before) {
        abc_model m = {.k = k, .lo = lo, .hi = hi, .ctx = &c, .prior_draw = prior_draw, .log_prior = log_prior,
                       .thread_new = state_new, .thread_free = state_free, .distance = distance};
        rc = abc_run(&m, o, r) == 0 ? 0 : 1;
        if (rc && !(o->stop && *o->stop))   /* stopped by a signal: the caller says so, nothing failed */
            diag_add(d, "%s: ABC-SMC failed: out of memory, every simulation failed, or the budget "
                         "(calibration.abc.max_simulations) is below one population", s->path);
    }
    columns_free(cols);
    free(c.links);
    free(lo);
    free(hi);
    return rc;
}
