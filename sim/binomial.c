/* binomial: BTRS and inversion (see binomial.h). */
#include "binomial.h"
#include <math.h>

/* Below this mean, inversion: BTRS's hat is only valid from n p >= 10. */
#define INVERSION_MEAN 10.0

double binomial_stirling_tail(double k)
{
    static const double small[10] = {   /* exact for k = 0 .. 9 */
        0.08106146679532726, 0.04134069595540929, 0.02767792568499834, 0.02079067210376509,
        0.01664469118982119, 0.01387612882307075, 0.01189670994589177, 0.01041126526197209,
        0.009255462182712733, 0.008330563433362871,
    };
    if (k < 10) return small[(int)k];
    double r = 1.0 / (k + 1), r2 = r * r;   /* the series 1/12k - 1/360k^3 + 1/1260k^5, in k + 1 */
    return (1.0 / 12 - (1.0 / 360 - 1.0 / 1260 * r2) * r2) * r;
}

/* Sequential inversion from P(0) = q^n with P(x+1) = P(x) (n-x)/(x+1) p/q. With
 * n p < 10 and p <= 1/2, P(0) >= e^-14, and the walk ends within a few steps of
 * n p. Roundoff can leave u above the last term: then draw u again (as GSL).
 * Most calls have n p well below 1 (the tails of a journey's spread), and since
 * q^n >= 1 - n p (Bernoulli's inequality), u below 1 - n p is a 0 without the
 * exp and log1p of q^n. */
static double inversion(const gsl_rng *r, double n, double p)
{
    double u = gsl_rng_uniform(r);
    if (u < 1 - n * p) return 0;
    double s = p / (1 - p), f0 = exp(n * log1p(-p));
    for (;; u = gsl_rng_uniform(r)) {
        double f = f0;
        for (double x = 0; x <= n && x <= 110; x++) {
            if (u < f) return x;
            u -= f;
            f *= s * (n - x) / (x + 1);
        }
    }
}

/* BTRS, Hormann (1993) section 3, for n p >= 10 and p <= 1/2. A pair of uniforms
 * (u, v) gives k by the transformed-rejection hat; the box us >= 0.07, v <= v_r
 * lies under the density and accepts at once (about 80% of pairs for large
 * n p); otherwise k is accepted when log v <= log(f(k) / f(m)), m the mode,
 * written with Stirling's formula so that no log-factorial is computed. */
static double btrs(const gsl_rng *rng, double n, double p)
{
    double q = 1 - p, spq = sqrt(n * p * q);
    double b = 1.15 + 2.53 * spq, a = -0.0873 + 0.0248 * b + 0.01 * p, c = n * p + 0.5;
    double alpha = (2.83 + 5.1 / b) * spq, vr = 0.92 - 4.2 / b, r = p / q;
    double m = floor((n + 1) * p);
    for (;;) {
        double u = gsl_rng_uniform_pos(rng) - 0.5, v = gsl_rng_uniform_pos(rng);
        double us = 0.5 - fabs(u), k = floor((2 * a / us + b) * u + c);
        if (k < 0 || k > n) continue;
        if (us >= 0.07 && v <= vr) return k;
        double lv = log(v * alpha / (a / (us * us) + b));
        double h = (m + 0.5) * log((m + 1) / (r * (n - m + 1))) + (n + 1) * log((n - m + 1) / (n - k + 1)) +
                   (k + 0.5) * log(r * (n - k + 1) / (k + 1)) + binomial_stirling_tail(m) +
                   binomial_stirling_tail(n - m) - binomial_stirling_tail(k) - binomial_stirling_tail(n - k);
        if (lv <= h) return k;
    }
}

double binomial_draw(const gsl_rng *r, double n, double p)
{
    if (n <= 0 || p <= 0) return 0;
    if (p >= 1) return n;
    if (p > 0.5) return n - binomial_draw(r, n, 1 - p);   /* both methods want p <= 1/2 */
    return n * p < INVERSION_MEAN ? inversion(r, n, p) : btrs(r, n, p);
}
