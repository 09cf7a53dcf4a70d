/* obsmodel: the observation model. A reported figure is an estimate of the
 * true (simulated) value x, with an error model per target
 * (calibration.targets: error, sigma, dispersion):
 *   lognormal: log y ~ N(log x, sigma^2);
 *   negbin:    y ~ NegBin(mean x, variance x + dispersion x^2) (Poisson at 0).
 * A report with a range (low and/or high) is interval-censored: its likelihood
 * is P(low <= y <= high | x) (only low: "over 70,000"; only high: "up to");
 * without one, the density (lognormal) or the probability (negbin) of its
 * value. Several reports on one day each count (their log-likelihoods add).
 * Values below 1 (simulated or reported) count as 1: a count's log has no
 * value at 0. Formulas: docs/calibration.md. The log-likelihood and the ABC
 * distance built on it are what a sampler (ABC-SMC, MCMC) needs; sigma and
 * dispersion are settings, so a sampler can also fit them. */
#ifndef CAMPSIM_OBSMODEL_H
#define CAMPSIM_OBSMODEL_H
#include <stddef.h>
#include "columns.h"
#include "config.h"
#include "observed.h"

typedef enum { OBS_LOGNORMAL, OBS_NEGBIN } obs_error_kind;   /* the order of `error` in params.c */

typedef struct {
    obs_error_kind kind;
    double sigma;            /* lognormal: sd of log y */
    double dispersion;       /* negbin: variance = x + dispersion x^2 */
} obs_error;

/* The error model of target t of s. */
obs_error obsmodel_of_target(const scenario *s, int t);

/* log P(report o | simulated value x): a log density for a lognormal value,
 * else the log of a probability. */
double obsmodel_loglik(const obs_error *m, const observation *o, double x);

/* The largest log-likelihood any x gives report o (the saturated model):
 * 0 for a one-sided range, the value's own x for a value, the middle of the
 * range on the log scale (lognormal) or the best x found by a golden-section
 * search (negbin) for a two-sided range. */
double obsmodel_loglik_best(const obs_error *m, const observation *o);

/* One observation matched to a target: the report, the target, and the cell
 * of the series (day index from the start, column). */
typedef struct {
    const observation *o;
    int target;
    int day, col;
} obs_link;

/* Every report a target of s picks inside the simulated period, with its
 * series column (cols->n columns; columns.h): *links malloc'd, *n of them.
 * Returns 0, or -1 with a message in d (no target, a target naming no series
 * column). */
int obsmodel_links(const scenario *s, const observations *obs, const columns *cols, obs_link **links,
                   size_t *n, diag *d);

/* The log-likelihood of every linked report given one simulated series
 * (days x n_cols, row-major, as a replicate's series). */
double obsmodel_loglik_series(const scenario *s, const obs_link *links, size_t n, const double *series, int n_cols);

/* The ABC distance: the deviance 2 sum_i w_i (best_i - loglik_i), each term
 * at least 0 and 0 when x gives report i its best likelihood; w_i the target's
 * weight. */
double obsmodel_distance(const scenario *s, const obs_link *links, size_t n, const double *series, int n_cols);

#endif
