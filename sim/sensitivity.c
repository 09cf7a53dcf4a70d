/* sensitivity: designs and Sobol indices (see sensitivity.h). */
#include "sensitivity.h"
#include <gsl/gsl_qrng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

size_t sens_saltelli_rows(size_t N, size_t k) { return N * (k + 2); }

int sens_sobol_points(size_t n, size_t k, double *points, char *err, size_t errlen)
{
    if (k == 0 || k > SENS_SOBOL_MAX_DIM) {
        snprintf(err, errlen, "Sobol sampling supports 1 to %d dimensions, got %zu", SENS_SOBOL_MAX_DIM, k);
        return -1;
    }
    gsl_qrng *q = gsl_qrng_alloc(gsl_qrng_sobol, (unsigned)k);
    if (!q) { snprintf(err, errlen, "out of memory"); return -1; }
    for (size_t i = 0; i < n; i++) gsl_qrng_get(q, points + i * k);
    gsl_qrng_free(q);
    return 0;
}

int sens_saltelli_design(size_t N, size_t k, double *design, char *err, size_t errlen)
{
    if (2 * k > SENS_SOBOL_MAX_DIM) {
        snprintf(err, errlen, "Sobol sensitivity supports at most %d parameters (a Saltelli design takes 2 per "
                 "parameter of GSL's %d Sobol dimensions), got %zu", SENS_SOBOL_MAX_DIM / 2, SENS_SOBOL_MAX_DIM, k);
        return -1;
    }
    double *ab = malloc(sizeof *ab * N * 2 * k);
    if (!ab || sens_sobol_points(N, 2 * k, ab, err, errlen)) { free(ab); return -1; }
    for (size_t j = 0; j < N; j++)
        for (size_t i = 0; i < k; i++) {
            double a = ab[j * 2 * k + i], b = ab[j * 2 * k + k + i];
            design[j * k + i] = a;                          /* A */
            design[(N + j) * k + i] = b;                    /* B */
            for (size_t c = 0; c < k; c++)                  /* AB_c: column c from B */
                design[((2 + c) * N + j) * k + i] = i == c ? b : a;
        }
    free(ab);
    return 0;
}

/* S1 and ST of parameter i from the rows idx[0..N-1] (a bootstrap resample, or
 * 0..N-1). */
static void indices(size_t N, size_t i, const double *y, const size_t *idx, double *s1, double *st)
{
    const double *fa = y, *fb = y + N, *fab = y + (2 + i) * N;
    double mean = 0, var = 0, a1 = 0, at = 0;
    for (size_t j = 0; j < N; j++) mean += fa[idx[j]] + fb[idx[j]];
    mean /= 2.0 * N;
    for (size_t j = 0; j < N; j++) {
        double da = fa[idx[j]] - mean, db = fb[idx[j]] - mean;
        var += da * da + db * db;
        /* Saltelli (2010) with f_B centred: E[f_AB - f_A] = 0, so the estimate is
         * the same in expectation, but without the centring its noise grows with
         * the output's mean (a wait of 80 days +- 5 gave intervals of width 1.7). */
        a1 += db * (fab[idx[j]] - fa[idx[j]]);
        at += (fa[idx[j]] - fab[idx[j]]) * (fa[idx[j]] - fab[idx[j]]);
    }
    var /= 2.0 * N;
    /* A constant output depends on nothing: all indices 0, never 0/0. */
    if (!(var > 1e-300 * (1 + mean * mean))) { *s1 = *st = 0; return; }
    *s1 = a1 / N / var;
    *st = at / N / (2 * var);
}

int sens_sobol_indices(size_t N, size_t k, const double *y, size_t n_boot, unsigned long seed, sens_index *out)
{
    size_t *idx = malloc(sizeof *idx * N);
    double *b1 = malloc(sizeof *b1 * (n_boot ? n_boot : 1)), *bt = malloc(sizeof *bt * (n_boot ? n_boot : 1));
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    if (!idx || !b1 || !bt || !r) { free(idx); free(b1); free(bt); gsl_rng_free(r); return -1; }
    for (size_t i = 0; i < k; i++) {
        for (size_t j = 0; j < N; j++) idx[j] = j;
        indices(N, i, y, idx, &out[i].S1, &out[i].ST);
        gsl_rng_set(r, seed + i);   /* each parameter its own resamples: the same on every run */
        for (size_t b = 0; b < n_boot; b++) {
            for (size_t j = 0; j < N; j++) idx[j] = gsl_rng_uniform_int(r, N);
            indices(N, i, y, idx, &b1[b], &bt[b]);
        }
        if (n_boot > 1) {
            gsl_sort(b1, 1, n_boot);
            gsl_sort(bt, 1, n_boot);
            out[i].S1_lo = gsl_stats_quantile_from_sorted_data(b1, 1, n_boot, 0.025);
            out[i].S1_hi = gsl_stats_quantile_from_sorted_data(b1, 1, n_boot, 0.975);
            out[i].ST_lo = gsl_stats_quantile_from_sorted_data(bt, 1, n_boot, 0.025);
            out[i].ST_hi = gsl_stats_quantile_from_sorted_data(bt, 1, n_boot, 0.975);
        } else {
            out[i].S1_lo = out[i].S1_hi = out[i].S1;
            out[i].ST_lo = out[i].ST_hi = out[i].ST;
        }
    }
    free(idx);
    free(b1);
    free(bt);
    gsl_rng_free(r);
    return 0;
}

int sens_lhs_points(size_t n, size_t k, unsigned long seed, double *points)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    size_t *perm = malloc(sizeof *perm * (n ? n : 1));
    if (!r || !perm) { gsl_rng_free(r); free(perm); return -1; }
    gsl_rng_set(r, seed);
    for (size_t i = 0; i < k; i++) {
        for (size_t j = 0; j < n; j++) perm[j] = j;
        gsl_ran_shuffle(r, perm, n, sizeof *perm);
        for (size_t j = 0; j < n; j++) points[j * k + i] = (perm[j] + gsl_rng_uniform(r)) / (double)n;
    }
    gsl_rng_free(r);
    free(perm);
    return 0;
}

int sens_grid_points(size_t n, size_t k, double *points, size_t *n_out)
{
    size_t m = (size_t)floor(pow((double)n, 1.0 / (double)k) + 1e-9);
    if (m < 1) m = 1;
    size_t total = 1;
    for (size_t i = 0; i < k; i++) total *= m;
    for (size_t j = 0; j < total; j++) {
        size_t rest = j;
        for (size_t i = 0; i < k; i++) {
            points[j * k + i] = ((double)(rest % m) + 0.5) / (double)m;
            rest /= m;
        }
    }
    *n_out = total;
    return 0;
}
