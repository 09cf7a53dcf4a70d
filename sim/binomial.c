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

/* x^n by squaring: the multiplications of gsl_pow_uint in the same order (so the
 * same bits), but inlined; the call into libgsl for each q^n was 9% of a run. */
static double power(double x, unsigned n)
{
    double v = 1;
    for (; n; n >>= 1, x *= x)
        if (n & 1) v *= x;
    return v;
}

/* Sequential inversion from P(0) = q^n with P(x+1) = P(x) (n-x)/(x+1) p/q. With
 * n p < 10 and p <= 1/2, P(0) >= e^-14, and the walk ends within a few steps of
 * n p. Roundoff can leave u above the last term: then draw u again (as GSL).
 * Most calls have n p well below 1 (the tails of a journey's spread), and since
 * q^n >= 1 - n p (Bernoulli's inequality), u below 1 - n p is a 0 without
 * computing q^n. Given log q, q^n is one exp; otherwise whole n below 2^32 take
 * it by squaring (cheaper than exp and log1p), and 1/(x+1) comes from a table:
 * a division per step was the cost. */
#define STEPS 111
static double inversion(const gsl_rng *r, double n, double p, double log_q)
{
    static const double recip[STEPS] = {   /* 1/(x+1) */
        1.0 / 1, 1.0 / 2, 1.0 / 3, 1.0 / 4, 1.0 / 5, 1.0 / 6, 1.0 / 7, 1.0 / 8, 1.0 / 9, 1.0 / 10,
        1.0 / 11, 1.0 / 12, 1.0 / 13, 1.0 / 14, 1.0 / 15, 1.0 / 16, 1.0 / 17, 1.0 / 18, 1.0 / 19, 1.0 / 20,
        1.0 / 21, 1.0 / 22, 1.0 / 23, 1.0 / 24, 1.0 / 25, 1.0 / 26, 1.0 / 27, 1.0 / 28, 1.0 / 29, 1.0 / 30,
        1.0 / 31, 1.0 / 32, 1.0 / 33, 1.0 / 34, 1.0 / 35, 1.0 / 36, 1.0 / 37, 1.0 / 38, 1.0 / 39, 1.0 / 40,
        1.0 / 41, 1.0 / 42, 1.0 / 43, 1.0 / 44, 1.0 / 45, 1.0 / 46, 1.0 / 47, 1.0 / 48, 1.0 / 49, 1.0 / 50,
        1.0 / 51, 1.0 / 52, 1.0 / 53, 1.0 / 54, 1.0 / 55, 1.0 / 56, 1.0 / 57, 1.0 / 58, 1.0 / 59, 1.0 / 60,
        1.0 / 61, 1.0 / 62, 1.0 / 63, 1.0 / 64, 1.0 / 65, 1.0 / 66, 1.0 / 67, 1.0 / 68, 1.0 / 69, 1.0 / 70,
        1.0 / 71, 1.0 / 72, 1.0 / 73, 1.0 / 74, 1.0 / 75, 1.0 / 76, 1.0 / 77, 1.0 / 78, 1.0 / 79, 1.0 / 80,
        1.0 / 81, 1.0 / 82, 1.0 / 83, 1.0 / 84, 1.0 / 85, 1.0 / 86, 1.0 / 87, 1.0 / 88, 1.0 / 89, 1.0 / 90,
        1.0 / 91, 1.0 / 92, 1.0 / 93, 1.0 / 94, 1.0 / 95, 1.0 / 96, 1.0 / 97, 1.0 / 98, 1.0 / 99, 1.0 / 100,
        1.0 / 101, 1.0 / 102, 1.0 / 103, 1.0 / 104, 1.0 / 105, 1.0 / 106, 1.0 / 107, 1.0 / 108, 1.0 / 109, 1.0 / 110,
        1.0 / 111,
    };
    double u = gsl_rng_uniform(r);
    if (u < 1 - n * p) return 0;
    double s = p / (1 - p);
    double f0 = log_q < 0 ? exp(n * log_q) : n < 4294967296.0 ? power(1 - p, (unsigned)n) : exp(n * log1p(-p));
    for (;; u = gsl_rng_uniform(r)) {
        double f = f0;
        for (int x = 0; x < STEPS && x <= n; x++) {
            if (u < f) return x;
            u -= f;
            f *= s * (n - x) * recip[x];
        }
    }
}

/* BTRS, Hormann (1993) section 3, for n p >= 10 and p <= 1/2. A pair of uniforms
 * (u, v) gives k by the transformed-rejection hat; the box us >= 0.07, v <= v_r
 * lies under the density and accepts at once (about 80% of pairs for large
 * n p, half for n p near 10); otherwise k is accepted when v <= f(k) / f(m), m
 * the mode: within 15 of the mode by the product of the ratios
 * f(i) / f(i-1) = (n+1) r / i - r (the paper's step 3.2, a division a step, where
 * most draws land), farther in logs with Stirling's formula, so that no
 * log-factorial is computed. */
static double btrs(const gsl_rng *rng, double n, double p)
{
    double q = 1 - p, spq = sqrt(n * p * q);
    double b = 1.15 + 2.53 * spq, a = -0.0873 + 0.0248 * b + 0.01 * p, c = n * p + 0.5;
    double alpha = (2.83 + 5.1 / b) * spq, vr = 0.92 - 4.2 / b, r = p / q, nr = (n + 1) * r;
    double m = floor((n + 1) * p);
    for (;;) {
        double u = gsl_rng_uniform_pos(rng) - 0.5, v = gsl_rng_uniform_pos(rng);
        double us = 0.5 - fabs(u), k = floor((2 * a / us + b) * u + c);
        if (k < 0 || k > n) continue;
        if (us >= 0.07 && v <= vr) return k;
        v *= alpha / (a / (us * us) + b);
        if (fabs(k - m) <= 15) {
            double f = 1;
            for (double i = m + 1; i <= k; i++) f *= nr / i - r;   /* k above the mode */
            for (double i = k + 1; i <= m; i++) v *= nr / i - r;   /* k below it */
            if (v <= f) return k;
            continue;
        }
        /* log1p: the ratio (n - m + 1) / (n - k + 1) is 1 within |k - m| / n, and
         * its log, times n + 1, lost all precision past n ~ 1e15 (the variance
         * came out 5 to 11 standard errors high: tests/unit_samplers.c). */
        double h = (m + 0.5) * log((m + 1) / (r * (n - m + 1))) + (n + 1) * log1p((k - m) / (n - k + 1)) +
                   (k + 0.5) * log(r * (n - k + 1) / (k + 1)) + binomial_stirling_tail(m) +
                   binomial_stirling_tail(n - m) - binomial_stirling_tail(k) - binomial_stirling_tail(n - k);
        if (log(v) <= h) return k;
    }
}

double binomial_draw_logq(const gsl_rng *r, double n, double p, double log_q)
{
    if (n <= 0 || p <= 0) return 0;
    if (p >= 1) return n;
    if (p > 0.5) return n - binomial_draw_logq(r, n, 1 - p, 0);   /* both methods want p <= 1/2 */
    return n * p < INVERSION_MEAN ? inversion(r, n, p, log_q) : btrs(r, n, p);
}

double binomial_draw(const gsl_rng *r, double n, double p)
{
    return binomial_draw_logq(r, n, p, 0);
}
