/* hypergeom: HRUA and short inversion (see hypergeom.h). */
#include "hypergeom.h"
#include "binomial.h"
#include <math.h>

/* Below this sample (or its complement), inversion: at most SMALL steps. */
#define SMALL 10

/* log k! - log j! from the Stirling remainder (binomial.h), written so that
 * nothing of the size of k log k is subtracted: log k! itself is 2e10 at
 * k = 1e9, where a double's rounding (4e-6) would be far above the 1e-10 the
 * remainder is good to. With d = k - j:
 * (k + 1/2) log(k+1) - (j + 1/2) log(j+1) = d log(k+1) + (j + 1/2) log1p(d / (j+1)). */
static double lnfact_diff(double k, double j)
{
    double d = k - j;
    return d * log(k + 1) + (j + 0.5) * log1p(d / (j + 1)) - d + binomial_stirling_tail(k) -
           binomial_stirling_tail(j);
}

/* Inversion for a sample m < SMALL from g good among N (g <= N/2, m <= N/2, so
 * the lowest value is 0): P(0) = prod (N-g-i)/(N-i), then
 * P(k+1) = P(k) (g-k)(m-k) / ((k+1)(N-g-m+k+1)). Roundoff can leave u above the
 * last term: then draw u again. */
static double inversion(const gsl_rng *r, double g, double N, double m)
{
    double p0 = 1;
    for (double i = 0; i < m; i++) p0 *= (N - g - i) / (N - i);
    double top = m < g ? m : g;
    for (;;) {
        double u = gsl_rng_uniform(r), p = p0;
        for (double k = 0; k <= top; k++) {
            if (u < p) return k;
            u -= p;
            p *= (g - k) * (m - k) / ((k + 1) * (N - g - m + k + 1));
        }
    }
}

/* HRUA for m >= SMALL, g <= N/2, m <= N/2: a table mountain hat of width h
 * around the mean a, centred ratio of uniforms X = a + h (V - 1/2) / U, accepted
 * when U^2 <= P(floor X) / P(mode), in logs; the two quick tests bound log U^2 by
 * the first terms of its series on either side (Stadlober's squeezes). */
#define D1 1.7155277699214135   /* 2 sqrt(2/e) */
#define D2 0.8989161620588988   /* 3 - 2 sqrt(3/e) */
static double hrua(const gsl_rng *r, double g, double N, double m)
{
    double B = N - g, p = g / N, q = B / N;
    double a = m * p + 0.5, c = sqrt((N - m) * m * p * q / (N - 1) + 0.5), h = D1 * c + D2;
    double mode = floor((m + 1) * (g + 1) / (N + 2));
    double b = fmin(fmin(m, g) + 1, floor(a + 16 * c));
    for (;;) {
        double U = gsl_rng_uniform_pos(r), V = gsl_rng_uniform(r), X = a + h * (V - 0.5) / U;
        if (X < 0 || X >= b) continue;
        double K = floor(X);
        /* T = log P(K) - log P(mode) */
        double T = lnfact_diff(mode, K) + lnfact_diff(g - mode, g - K) + lnfact_diff(m - mode, m - K) +
                   lnfact_diff(B - m + mode, B - m + K);
        if (U * (4 - U) - 3 <= T) return K;   /* log U^2 <= U(4 - U) - 3 <= T */
        if (U * (U - T) >= 1) continue;       /* log U^2 >= U - 1/U >= T */
        if (2 * log(U) <= T) return K;
    }
}

double hypergeom_draw(const gsl_rng *r, double good, double bad, double n)
{
    double N = good + bad;
    if (n <= 0 || good <= 0) return 0;
    if (bad <= 0) return n;
    if (n >= N) return good;
    /* Draw the smaller of good and bad, in the smaller of the sample and its
     * complement, and map back. */
    double g = good < bad ? good : bad, m = n < N - n ? n : N - n;
    double k = m < SMALL ? inversion(r, g, N, m) : hrua(r, g, N, m);
    if (good > bad) k = m - k;     /* bad people drawn: the rest are good */
    if (m < n) k = good - k;       /* the complement drawn: the rest of the good are in the sample */
    return k;
}
