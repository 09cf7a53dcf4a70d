/* prior: one probability distribution on a number, truncated to an interval.
 * Draws go through the inverse cdf on the truncated interval, which is exact and
 * takes one uniform per draw; cdfs and inverses are GSL's (gsl_cdf_*). */
#ifndef CAMPSIM_PRIOR_H
#define CAMPSIM_PRIOR_H

enum prior_dist { PRIOR_UNIFORM, PRIOR_LOGUNIFORM, PRIOR_NORMAL, PRIOR_LOGNORMAL, PRIOR_BETA, PRIOR_GAMMA };

typedef struct {
    int dist;           /* enum prior_dist */
    double p1, p2;      /* uniform, loguniform: lo, hi; normal: mean, sd; lognormal: median, sd_log;
                         * beta: a, b; gamma: shape, scale */
    double lo, hi;      /* the truncation interval, inside the distribution's support */
    int upper;          /* 1: the interval lies in the upper tail, inverted through Q = 1 - F */
    double c_lo, c_hi;  /* F (or Q when upper) at lo and hi */
    double log_mass;    /* log of the probability of [lo, hi] */
} prior;

/* Sets up distribution `dist` with parameters p1, p2 truncated to [lo, hi]
 * (infinite ends allowed). Returns NULL, or a message when the parameters are
 * bad or the interval holds (almost) no probability. */
const char *prior_init(prior *p, int dist, double p1, double p2, double lo, double hi);

/* The value at probability u of the truncated distribution (0 < u < 1):
 * u = 0.5 gives its median, u uniform a draw. */
double prior_quantile(const prior *p, double u);
/* The cdf of the truncated distribution. */
double prior_cdf(const prior *p, double x);
/* The log density of the truncated distribution; -INFINITY outside [lo, hi]. */
double prior_log_density(const prior *p, double x);

#endif
