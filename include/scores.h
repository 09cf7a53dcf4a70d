/* scores: how good a probabilistic forecast was, once the truth is known.
 * A forecast is a set of replicate values (an ensemble) or its quantiles; the
 * truth is one observed value y. The scores are those of the forecasting hubs
 * (Bracher et al. 2021, "Evaluating epidemic forecasts in an interval format"):
 * ARD of the mean, CRPS from the replicates, the weighted interval score over
 * the hubs' 23 quantile levels, 50% and 90% central interval coverage, and the
 * mid-PIT. Two naive forecasts (persistence and a linear trend) give a baseline
 * for skill = 1 - WIS_model / WIS_baseline. Formulas: docs/calibration.md. */
#ifndef CAMPSIM_SCORES_H
#define CAMPSIM_SCORES_H
#include <stddef.h>

/* The hubs' levels: 0.01, 0.025, 0.05, 0.10, 0.15, ..., 0.90, 0.95, 0.975, 0.99
 * (ascending, symmetric about the median 0.5, which is level 11). */
#define SCORES_N_LEVELS 23
const double *scores_hub_levels(void);

/* |pred - y| / y; NAN when y <= 0. */
double scores_ard(double pred, double y);

/* The CRPS of the empirical distribution of x[0..n-1], sorted ascending:
 * E|X - y| - 0.5 E|X - X'| with X, X' independent draws from x (i = j
 * included), in O(n) as mean|x_i - y| - (1/n^2) sum_i (2i - n - 1) x_(i).
 * NAN when n = 0. */
double scores_crps_sorted(const double *x, size_t n, double y);

/* Quantiles of sorted x at levels[k] (GSL's type-7 definition). */
void scores_quantiles_sorted(const double *x, size_t n, const double *levels, int k, double *q);

/* The weighted interval score of the predictive quantiles q[] at levels[] (nlev
 * of them, ascending, symmetric about 0.5, with 0.5 among them):
 * (1 / (K + 0.5)) (0.5 |y - m| + sum_k (alpha_k / 2) IS_alpha_k(y)), where the
 * K central intervals [l, u] pair levels alpha/2 and 1 - alpha/2 and
 * IS_alpha = (u - l) + (2/alpha)(l - y)[y < l] + (2/alpha)(y - u)[y > u].
 * NAN when the levels are not of that form. */
double scores_wis(const double *q, const double *levels, int nlev, double y);

/* 1 when y lies in the central interval of the given coverage (e.g. 0.5: the
 * quantiles at 0.25 and 0.75, ends included), 0 when not, -1 when levels hold
 * no such pair. */
int scores_covered(const double *q, const double *levels, int nlev, double coverage, double y);

/* The mid-PIT of y under sorted x: (#{x_i < y} + 0.5 #{x_i = y}) / n, the
 * middle of the randomised PIT's range for whole counts (no random numbers,
 * so scores keep the same bytes). NAN when n = 0. */
double scores_mid_pit_sorted(const double *x, size_t n, double y);

/* The scores of one forecast against one value. mean (and ard of it): the
 * replicates' mean, or a baseline's median (its point). */
typedef struct {
    double mean, ard, crps, wis, pit;
    double in50, in90;       /* 1 or 0: inside the central 50% / 90% interval; NAN: unknown */
} score_set;

/* From sorted replicates (n >= 1). */
void scores_from_replicates(const double *sorted, size_t n, double y, score_set *out);

/* The naive forecasts, each a log-normal predictive distribution: the median
 * is a point, the spread that of a random walk of the log. `past` holds the
 * reports of one series known at the cut-off (any order; several on one day
 * all count), each a day and a value. Persistence's point is the mean of the
 * reports on the last reported day; the trend's is the least-squares line
 * through the last SCORES_TREND_POINTS reports (persistence when they share
 * one day), at least 0. At h days after the last report the sd of the log is
 * s sqrt(h), s the root mean square of the per-day log changes
 * log(v_j / v_{j-1}) / sqrt(day_j - day_{j-1}) between consecutive reported
 * days (day means); s = 0 (a point forecast) with fewer than two. */
#define SCORES_TREND_POINTS 3
typedef enum { SCORES_PERSISTENCE, SCORES_TREND } scores_baseline_kind;
typedef struct { long day; double value; } scores_point;
/* Fills *median and *sdlog for day `day`; returns 0, or -1 when past is empty
 * or out of memory. */
int scores_baseline(scores_baseline_kind kind, const scores_point *past, size_t n, long day, double *median,
                    double *sdlog);

/* The quantiles at the hub levels of the log-normal of that median and sdlog:
 * median exp(sdlog z_tau), z_tau the standard normal quantile. */
void scores_lognormal_quantiles(double median, double sdlog, double *q);
/* Its scores against y: CRPS exact (Baran and Lerch 2015:
 * y (2 Phi(w) - 1) - 2 e^(mu + sdlog^2/2) (Phi(w - sdlog) + Phi(sdlog / sqrt 2) - 1),
 * mu = log median, w = (log y - mu) / sdlog; |y - median| when sdlog = 0),
 * PIT = Phi(w) (mid-PIT of a point), WIS and coverage from the quantiles. */
void scores_from_lognormal(double median, double sdlog, double y, score_set *out);

/* 1 - wis_model / wis_baseline; NAN when wis_baseline is 0 or not finite. */
double scores_skill(double wis_model, double wis_baseline);

#endif
