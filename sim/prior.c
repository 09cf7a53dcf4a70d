/* prior: truncated distributions by the inverse cdf (see prior.h). */
#include "prior.h"
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_sf_gamma.h>
#include <float.h>
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

static double base_log_pdf(const prior *p, double x);

/* Beta and gamma: GSL's inverses abort on shapes such as beta(1, 400) ("inverse
 * failed to converge"), so the cdf is inverted here: Newton steps on GSL's cdf,
 * kept inside a bracket that every step shrinks, and halving the bracket when a
 * step would leave it; it ends when the bracket or the step reaches the last
 * bits of x. */
static double solve(const prior *p, double c, int upper)
{
    double a = p->lo, b = p->hi;
    if (!isfinite(b)) {   /* gamma: find an upper end */
        b = fmax(2 * a, p->p1 * p->p2 + 10 * sqrt(p->p1) * p->p2);
        while ((upper ? base_cdf(p, b, 1) > c : base_cdf(p, b, 0) < c) && b < 1e300) a = b, b *= 2;
    }
    /* Start from the normal with the same mean and sd: a few Newton steps from the answer. */
    double mean = p->p1 * p->p2, sd = sqrt(p->p1) * p->p2;
    if (p->dist == PRIOR_BETA) {
        double n = p->p1 + p->p2;
        mean = p->p1 / n;
        sd = sqrt(p->p1 * p->p2 / (n * n * (n + 1)));
    }
    double x = mean + sd * (upper ? gsl_cdf_ugaussian_Qinv(c) : gsl_cdf_ugaussian_Pinv(c));
    if (!(x > a && x < b)) x = 0.5 * (a + b);
    for (int i = 0; i < 400; i++) {
        double f = base_cdf(p, x, upper) - c;
        if (f == 0) return x;
        if (upper ? f > 0 : f < 0) a = x;   /* below the answer */
        else b = x;
        double slope = exp(base_log_pdf(p, x)) * (upper ? -1 : 1);
        double next = slope != 0 && isfinite(slope) ? x - f / slope : NAN;
        if (!(next > a && next < b)) next = 0.5 * (a + b);
        if (fabs(next - x) <= 4 * DBL_EPSILON * fabs(x) || b - a <= 4 * DBL_EPSILON * fabs(x)) return next;
        x = next;
    }
    return x;
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
    default: return solve(p, c, upper);
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
    /* GSL's incomplete gamma function fails ("error in large x asymptotic") from
     * shapes of about 10^6; such a gamma is a normal for every purpose here. */
    case PRIOR_BETA: if (p1 <= 0 || p2 <= 0) return "a and b must be > 0"; break;
    case PRIOR_GAMMA:
        if (p1 <= 0 || p2 <= 0) return "shape and scale must be > 0";
        if (p1 > 1e5) return "shape above 100000 is beyond GSL's gamma cdf (use a normal prior)";
        break;
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

/* The untruncated log density. */
static double base_log_pdf(const prior *p, double x)
{
    double a = p->p1, b = p->p2;
    switch (p->dist) {
    case PRIOR_UNIFORM: return x < a || x > b ? -INFINITY : -log(b - a);
    case PRIOR_LOGUNIFORM: return x < a || x > b ? -INFINITY : -log(x) - log(log(b / a));
    case PRIOR_NORMAL: { double z = (x - a) / b; return -0.5 * z * z - log(b) - 0.5 * log(2 * M_PI); }
    case PRIOR_LOGNORMAL: {
        if (x <= 0) return -INFINITY;
        double z = (log(x) - log(a)) / b;
        return -0.5 * z * z - log(x) - log(b) - 0.5 * log(2 * M_PI);
    }
    case PRIOR_BETA:
        if (x <= 0 || x >= 1) return -INFINITY;
        return (a - 1) * log(x) + (b - 1) * log1p(-x) - gsl_sf_lnbeta(a, b);
    default:
        if (x <= 0) return -INFINITY;
        return (a - 1) * log(x) - x / b - a * log(b) - gsl_sf_lngamma(a);
    }
}

double prior_log_density(const prior *p, double x)
{
    if (!(x >= p->lo && x <= p->hi)) return -INFINITY;
    return base_log_pdf(p, x) - p->log_mass;
}
