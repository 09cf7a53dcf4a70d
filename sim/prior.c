/* prior: truncated distributions by the inverse cdf (see prior.h). */
#include "prior.h"
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_sf_gamma.h>
#include <math.h>
#include <stddef.h>

/* The untruncated cdf F(x) (upper = 0) or Q(x) = 1 - F(x) (upper = 1). */
static double base_cdf(const prior *p, double x, int upper)
{
    double a = p->p1, b = p->p2;
    switch (p->dist) {
    case PRIOR_UNIFORM: return upper ? gsl_cdf_flat_Q(x, a, b) : gsl_cdf_flat_P(x, a, b);
    case PRIOR_LOGUNIFORM:
        if (x <= a) return upper ? 1 : 0;
        if (x >= b) return upper ? 0 : 1;
        return upper ? log(b / x) / log(b / a) : log(x / a) / log(b / a);
    case PRIOR_NORMAL: return upper ? gsl_cdf_gaussian_Q(x - a, b) : gsl_cdf_gaussian_P(x - a, b);
    case PRIOR_LOGNORMAL:
        if (x <= 0) return upper ? 1 : 0;
        return upper ? gsl_cdf_lognormal_Q(x, log(a), b) : gsl_cdf_lognormal_P(x, log(a), b);
    case PRIOR_BETA:
        if (x <= 0) return upper ? 1 : 0;
        if (x >= 1) return upper ? 0 : 1;
        return upper ? gsl_cdf_beta_Q(x, a, b) : gsl_cdf_beta_P(x, a, b);
    default:
        if (x <= 0) return upper ? 1 : 0;
        return upper ? gsl_cdf_gamma_Q(x, a, b) : gsl_cdf_gamma_P(x, a, b);
    }
}

/* The inverse of base_cdf. */
static double base_inverse(const prior *p, double c, int upper)
{
    double a = p->p1, b = p->p2;
    switch (p->dist) {
    case PRIOR_UNIFORM: return upper ? gsl_cdf_flat_Qinv(c, a, b) : gsl_cdf_flat_Pinv(c, a, b);
    case PRIOR_LOGUNIFORM: return upper ? b * pow(a / b, c) : a * pow(b / a, c);
    case PRIOR_NORMAL: return a + (upper ? gsl_cdf_gaussian_Qinv(c, b) : gsl_cdf_gaussian_Pinv(c, b));
    case PRIOR_LOGNORMAL: return upper ? gsl_cdf_lognormal_Qinv(c, log(a), b) : gsl_cdf_lognormal_Pinv(c, log(a), b);
    case PRIOR_BETA: return upper ? gsl_cdf_beta_Qinv(c, a, b) : gsl_cdf_beta_Pinv(c, a, b);
    default: return upper ? gsl_cdf_gamma_Qinv(c, a, b) : gsl_cdf_gamma_Pinv(c, a, b);
    }
}

/* Below this probability of the interval, draws would lean on the far tail of a
 * cdf's inverse, where GSL's are not accurate: the prior is taken as a mistake. */
#define MIN_MASS 1e-9

const char *prior_init(prior *p, int dist, double p1, double p2, double lo, double hi)
{
    *p = (prior){dist, p1, p2, lo, hi, 0, 0, 0, 0};
    if (!isfinite(p1) || !isfinite(p2)) return "the distribution's parameters must be finite numbers";
    switch (dist) {
    case PRIOR_UNIFORM: case PRIOR_LOGUNIFORM:
        if (!(p1 < p2)) return "needs lo < hi";
        if (dist == PRIOR_LOGUNIFORM && p1 <= 0) return "loguniform needs lo > 0";
        break;
    case PRIOR_NORMAL: if (p2 <= 0) return "sd must be > 0"; break;
    case PRIOR_LOGNORMAL:
        if (p1 <= 0) return "median must be > 0";
        if (p2 <= 0) return "sd_log must be > 0";
        break;
    case PRIOR_BETA: if (p1 <= 0 || p2 <= 0) return "a and b must be > 0"; break;
    case PRIOR_GAMMA: if (p1 <= 0 || p2 <= 0) return "shape and scale must be > 0"; break;
    default: return "unknown distribution";
    }
    /* The support: the interval cannot reach past where the density is 0. */
    double s_lo = -INFINITY, s_hi = INFINITY;
    if (dist == PRIOR_UNIFORM || dist == PRIOR_LOGUNIFORM) s_lo = p1, s_hi = p2;
    if (dist == PRIOR_LOGNORMAL || dist == PRIOR_BETA || dist == PRIOR_GAMMA) s_lo = 0;
    if (dist == PRIOR_BETA) s_hi = 1;
    p->lo = fmax(lo, s_lo);
    p->hi = fmin(hi, s_hi);
    if (!(p->lo < p->hi)) return "the truncation interval holds none of the distribution";
    /* Invert in the tail the interval sits in, where the cdf keeps its digits. */
    p->upper = base_cdf(p, p->lo, 0) > 0.5;
    p->c_lo = base_cdf(p, p->lo, p->upper);
    p->c_hi = base_cdf(p, p->hi, p->upper);
    double mass = fabs(p->c_hi - p->c_lo);
    if (!(mass >= MIN_MASS)) return "the truncation interval holds (almost) none of the distribution";
    p->log_mass = log(mass);
    return NULL;
}

double prior_quantile(const prior *p, double u)
{
    double x = base_inverse(p, p->c_lo + u * (p->c_hi - p->c_lo), p->upper);
    return x < p->lo ? p->lo : x > p->hi ? p->hi : x;   /* rounding at the ends */
}

double prior_cdf(const prior *p, double x)
{
    if (x <= p->lo) return 0;
    if (x >= p->hi) return 1;
    return (base_cdf(p, x, p->upper) - p->c_lo) / (p->c_hi - p->c_lo);
}

double prior_log_density(const prior *p, double x)
{
    if (!(x >= p->lo && x <= p->hi)) return -INFINITY;
    double a = p->p1, b = p->p2, l;
    switch (p->dist) {
    case PRIOR_UNIFORM: l = -log(b - a); break;
    case PRIOR_LOGUNIFORM: l = -log(x) - log(log(b / a)); break;
    case PRIOR_NORMAL: { double z = (x - a) / b; l = -0.5 * z * z - log(b) - 0.5 * log(2 * M_PI); break; }
    case PRIOR_LOGNORMAL: {
        if (x <= 0) return -INFINITY;
        double z = (log(x) - log(a)) / b;
        l = -0.5 * z * z - log(x) - log(b) - 0.5 * log(2 * M_PI);
        break;
    }
    case PRIOR_BETA:
        if (x <= 0 || x >= 1) return -INFINITY;
        l = (a - 1) * log(x) + (b - 1) * log1p(-x) - gsl_sf_lnbeta(a, b);
        break;
    default:
        if (x <= 0) return -INFINITY;
        l = (a - 1) * log(x) - x / b - a * log(b) - gsl_sf_lngamma(a);
    }
    return l - p->log_mass;
}
