/* fit: how well a run meets observations. One row per observation a target
 * picks; the metrics are those of Flee (ARD) and the usual ones. */
#ifndef CAMPSIM_FIT_H
#define CAMPSIM_FIT_H
#include <stddef.h>
#include <stdio.h>

typedef struct {
    long day;
    const char *site, *variable, *series;
    double observed, low, high;
    int has_value, has_low, has_high;
    double sim_mean, sim_lo, sim_hi;   /* the mean and the band (lowest and highest quantile levels) */
    double rel_diff;                   /* (sim_mean - observed) / observed; NAN without a value */
    double weight;
    /* Scores of the replicates against the value (scores.h), NAN (in50, in90: -1)
     * without a value or without the replicates. */
    double crps, wis, pit;
    int in50, in90;
    double loglik;   /* log of the mean over replicates of the report's likelihood (obsmodel.h) */
} fit_row;

typedef struct {
    double ard;             /* mean over rows with a value (> 0) of |sim_mean - observed| / observed */
    double rmse;            /* root mean square of sim_mean - observed over rows with a value */
    double band_coverage;   /* share of rows whose value (or low-high range) meets the band */
    double objective;       /* sum of weight * relative error^2 (calibration) */
    size_t n_rows, n_valued;
    /* Means over the rows with a value and replicate scores (NAN when none). */
    double crps, wis, coverage_50, coverage_90;
    double loglik;          /* sum of the rows' loglik; NAN when no row has one */
} fit_metrics;

/* Fills rel_diff and m. Range-only rows count in band_coverage and, when the
 * simulated mean is outside the range, in the objective (distance to the nearer
 * end, relative to the range's middle). */
void fit_compute(fit_row *rows, size_t n, fit_metrics *m);

/* fit.csv: date,site,variable,series,observed,low,high,sim_mean,sim_p05,sim_p95,rel_diff,
 * crps,wis,in_50,in_90,pit,loglik (empty fields where unknown). Returns 0, or -1
 * when writing failed. */
int fit_write_csv(const char *path, const fit_row *rows, size_t n);

/* A CSV field: quoted when it holds a comma, a quote or a line break. */
void fit_csv_field(FILE *f, const char *s);

#endif
