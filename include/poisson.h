/* poisson: Poisson(mu) draws for the model's hot path.
 *
 * GSL's gsl_ran_poisson takes a mean above 10 down by gamma variates (each a tan,
 * a log and an exp, and a rejection loop) and ends with a binomial or the
 * product of uniforms, one uniform per unit of the mean; with departures of a
 * few hundred a day and births every day at every site it was 11% of a run.
 * This is Hormann's PTRS (transformed rejection with squeeze; W. Hormann, "The
 * transformed rejection method for generating Poisson random variables",
 * Insurance: Mathematics and Economics 12, 1993) for mu >= 10, whose set-up is a
 * square root and two divisions, and inversion from one uniform below that.
 * Both are exact: tests/unit_stats.c checks them against gsl_ran_poisson_pdf
 * with chi-square tests over a grid of means. The mean and the draw are doubles:
 * no splitting of large means into unsigned-int chunks. */
#ifndef CAMPSIM_POISSON_H
#define CAMPSIM_POISSON_H
#include <gsl/gsl_rng.h>

double poisson_draw(const gsl_rng *r, double mu);

#endif
