/* poisson: PTRS and inversion (see poisson.h). */
#include "poisson.h"
#include "binomial.h"
#include <math.h>

/* Below this mean, inversion: PTRS's constants are fitted from mu >= 10. */
#define INVERSION_MEAN 10.0
#define STEPS 64   /* P(X >= 64 | mu < 10) < 1e-25: past it only roundoff is left */

/* Sequential inversion from P(0) = e^-mu with P(x+1) = P(x) mu / (x+1). Most
 * calls (births at a small site, a quiet day's departures) have a mean well
 * below 1, and since e^-mu >= 1 - mu, u below 1 - mu is a 0 without the exp.
 * Roundoff can leave u above the last term: then draw u again (as binomial.c). */
static double inversion(const gsl_rng *r, double mu)
{
    double u = gsl_rng_uniform(r);
    if (u < 1 - mu) return 0;
    double f0 = exp(-mu);
    for (;; u = gsl_rng_uniform(r)) {
        double f = f0;
        for (int x = 0; x < STEPS; x++) {
            if (u < f) return x;
            u -= f;
            f *= mu / (x + 1);
        }
    }
}

/* PTRS, Hormann (1993) section 3: a pair of uniforms (u, v) gives k by the
 * transformed-rejection hat; the box us >= 0.07, v <= v_r lies under the density
 * and accepts at once (about 86% of pairs); otherwise k is accepted when
 * log(v alpha / (a / us^2 + b)) <= log f(k), with
 * log f(k) = k log mu - mu - log k!. log k! is Stirling's formula plus its
 * remainder (binomial_stirling_tail), and k log mu - mu is taken as
 * k log1p((mu - k - 1) / (k + 1)) + (k + 1 - mu) - ... so that the two large
 * terms cancel before rounding, not after: at a mean of 1e12 the naive form
 * loses three digits of the acceptance test. */
static double ptrs(const gsl_rng *r, double mu)
{
    double smu = sqrt(mu), b = 0.931 + 2.53 * smu, a = -0.059 + 0.02483 * b;
    double log_alpha = log(1.1239 + 1.1328 / (b - 3.4)), vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
        double u = gsl_rng_uniform_pos(r) - 0.5, v = gsl_rng_uniform_pos(r);
        double us = 0.5 - fabs(u), k = floor((2 * a / us + b) * u + mu + 0.43);
        if (us >= 0.07 && v <= vr) return k;
        if (k < 0 || (us < 0.013 && v > us)) continue;
        double log_f = k * log1p((mu - k - 1) / (k + 1)) + (k + 1 - mu) - 0.5 * log(k + 1) -
                       0.91893853320467274178 - binomial_stirling_tail(k);   /* log(2 pi) / 2 */
        if (log(v) + log_alpha - log(a / (us * us) + b) <= log_f) return k;
    }
}

double poisson_draw(const gsl_rng *r, double mu)
{
    if (mu <= 0) return 0;
    return mu < INVERSION_MEAN ? inversion(r, mu) : ptrs(r, mu);
}
