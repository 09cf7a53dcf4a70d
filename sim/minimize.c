/* minimize: Nelder-Mead within bounds, with restarts (see minimize.h). */
#include "minimize.h"
#include <gsl/gsl_multimin.h>
#include <gsl/gsl_qrng.h>
#include <math.h>
#include <stdlib.h>

typedef struct {
    const min_problem *p;
    min_objective f;
    void *ctx;
    double *x;
    int evaluations;
} wrap;

/* u (unbounded) -> x within [lo, hi]. */
static double to_x(double u, double lo, double hi)
{
    if (isfinite(lo) && isfinite(hi)) return lo + (hi - lo) / (1 + exp(-u));
    if (isfinite(lo)) return lo + exp(u);
    if (isfinite(hi)) return hi - exp(u);
    return u;
}

/* x -> u; x is pulled a little inside the bounds, where the transforms are finite. */
static double to_u(double x, double lo, double hi)
{
    if (isfinite(lo) && isfinite(hi)) {
        double eps = 1e-9 * (hi - lo), y = x < lo + eps ? lo + eps : x > hi - eps ? hi - eps : x;
        return log((y - lo) / (hi - y));
    }
    if (isfinite(lo)) return log(x - lo > 1e-12 ? x - lo : 1e-12);
    if (isfinite(hi)) return log(hi - x > 1e-12 ? hi - x : 1e-12);
    return x;
}

static double eval(const gsl_vector *u, void *params)
{
    wrap *w = params;
    for (size_t i = 0; i < w->p->n; i++) w->x[i] = to_x(gsl_vector_get(u, i), w->p->lo[i], w->p->hi[i]);
    w->evaluations++;
    double f = w->f(w->x, w->ctx);
    return isfinite(f) ? f : GSL_POSINF;
}

/* One Nelder-Mead run from x0; the best point into best (if better). */
static int run_from(wrap *w, const double *x0, double *best, double *best_f, int *converged)
{
    const min_problem *p = w->p;
    gsl_vector *u = gsl_vector_alloc(p->n), *step = gsl_vector_alloc(p->n);
    gsl_multimin_fminimizer *m = gsl_multimin_fminimizer_alloc(gsl_multimin_fminimizer_nmsimplex2, p->n);
    if (!u || !step || !m) { gsl_vector_free(u); gsl_vector_free(step); gsl_multimin_fminimizer_free(m); return -1; }
    for (size_t i = 0; i < p->n; i++) {
        gsl_vector_set(u, i, to_u(x0[i], p->lo[i], p->hi[i]));
        gsl_vector_set(step, i, 0.5);   /* about 40% of a log scale; a good share of a logit one */
    }
    gsl_multimin_function fn = {eval, p->n, w};
    gsl_multimin_fminimizer_set(m, &fn, u, step);
    int status = GSL_CONTINUE;
    for (int it = 0; it < p->max_iter && status == GSL_CONTINUE; it++) {
        if (gsl_multimin_fminimizer_iterate(m)) break;
        status = gsl_multimin_test_size(gsl_multimin_fminimizer_size(m), p->tol);
    }
    if (m->fval < *best_f) {
        *best_f = m->fval;
        for (size_t i = 0; i < p->n; i++) best[i] = to_x(gsl_vector_get(m->x, i), p->lo[i], p->hi[i]);
        *converged = status == GSL_SUCCESS;
    }
    gsl_multimin_fminimizer_free(m);
    gsl_vector_free(u);
    gsl_vector_free(step);
    return 0;
}

int min_solve(const min_problem *p, min_objective f, void *ctx, min_result *r)
{
    if (p->n == 0 || p->n > 40) return -1;   /* GSL's Sobol sequence has 40 dimensions */
    wrap w = {p, f, ctx, malloc(sizeof(double) * p->n), 0};
    double *x0 = malloc(sizeof(double) * p->n), *q = malloc(sizeof(double) * p->n);
    gsl_qrng *seq = gsl_qrng_alloc(gsl_qrng_sobol, p->n <= 40 ? (unsigned)p->n : 40);
    int rc = w.x && x0 && q && seq ? 0 : -1;
    r->f = GSL_POSINF;
    r->converged = 0;
    for (size_t i = 0; i < p->n && rc == 0; i++) r->x[i] = p->start[i];
    if (rc == 0) rc = run_from(&w, p->start, r->x, &r->f, &r->converged);
    for (int k = 0; k < p->restarts && rc == 0; k++) {
        gsl_qrng_get(seq, q);
        for (size_t i = 0; i < p->n; i++) {
            /* A point of the box; unbounded sides are taken as a factor 10 around the start. */
            double lo = isfinite(p->lo[i]) ? p->lo[i] : p->start[i] - 10 * fabs(p->start[i]) - 1;
            double hi = isfinite(p->hi[i]) ? p->hi[i] : (p->start[i] > 0 ? 10 * p->start[i] : 1);
            if (isfinite(p->lo[i]) && !isfinite(p->hi[i]) && p->lo[i] == 0 && p->start[i] > 0) {
                lo = p->start[i] / 10;   /* a log scale: a decade either side of the start */
                hi = p->start[i] * 10;
                x0[i] = lo * pow(hi / lo, q[i]);
            } else {
                x0[i] = lo + q[i] * (hi - lo);
            }
        }
        rc = run_from(&w, x0, r->x, &r->f, &r->converged);
    }
    r->evaluations = w.evaluations;
    gsl_qrng_free(seq);
    free(w.x);
    free(x0);
    free(q);
    return rc;
}
