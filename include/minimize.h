/* minimize: a bounded minimiser for calibration: GSL's Nelder-Mead simplex
 * (nmsimplex2) on transformed coordinates, so the search never leaves the
 * bounds: log for (0, inf), logit for finite (lo, hi), identity when unbounded;
 * restarted from quasi-random points (GSL's Sobol sequence over the box) after
 * the user's start, keeping the best. Deterministic. */
#ifndef CAMPSIM_MINIMIZE_H
#define CAMPSIM_MINIMIZE_H
#include <stddef.h>

typedef double (*min_objective)(const double *x, void *ctx);

typedef struct {
    size_t n;
    const double *start, *lo, *hi;   /* hi may be INFINITY, lo -INFINITY */
    int restarts;                    /* extra starts after the user's */
    int max_iter;                    /* per start */
    double tol;                      /* simplex size at convergence (transformed units) */
} min_problem;

typedef struct {
    double *x;                       /* caller's [n] */
    double f;
    int evaluations, converged;
} min_result;

/* Returns 0, or -1 when out of memory or n is 0. */
int min_solve(const min_problem *p, min_objective f, void *ctx, min_result *r);

#endif
