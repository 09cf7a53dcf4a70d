/* binomial: Binomial(n, p) draws for the model's hot path.
 *
 * GSL's gsl_ran_binomial (BTPE) redoes its set-up on every call and computes a
 * power by repeated squaring for small means; with 45 draws per replicate-day,
 * most with a new n, it was 40% of a run. This is Hormann's BTRS (transformed
 * rejection with squeeze; W. Hormann, "The generation of binomial random
 * variates", J. Statist. Comput. Simul. 46, 1993), whose set-up is a square root
 * and a few divisions, for n p >= 10, and sequential inversion below that. Both
 * are exact: tests/unit_stats.c checks them against gsl_ran_binomial_pdf with
 * chi-square tests over a grid of (n, p). n is a whole number held in a double
 * (exact below 2^53), so no splitting into unsigned-int chunks is needed. */
#ifndef CAMPSIM_BINOMIAL_H
#define CAMPSIM_BINOMIAL_H
#include <gsl/gsl_rng.h>

double binomial_draw(const gsl_rng *r, double n, double p);

/* The same, given log_q = log(1 - p) < 0 (0: not given): a caller that draws
 * many times with the same p, as a delay's conditional binomials do, saves the
 * power q^n of every inversion, which becomes one exp. The numbers differ from
 * binomial_draw's in the last bits of q^n, so a draw may rarely differ. */
double binomial_draw_logq(const gsl_rng *r, double n, double p, double log_q);

/* log k! - [(k + 1/2) log(k + 1) - (k + 1) + log(2 pi) / 2]: the remainder of
 * Stirling's formula that BTRS's acceptance test uses (exported for its test). */
double binomial_stirling_tail(double k);

#endif
