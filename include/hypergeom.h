/* hypergeom: exact hypergeometric draws in constant expected time.
 *
 * GSL's gsl_ran_hypergeometric draws the sample one person at a time (O(n)), and
 * takes unsigned ints. This is Stadlober's ratio-of-uniforms method HRUA
 * (E. Stadlober, "The ratio of uniforms approach for generating discrete random
 * variates", J. Comput. Appl. Math. 31, 1990; the form NumPy uses) for samples
 * of 10 or more, with at most 10 steps of inversion below that; both exact up to
 * floating point. Counts are whole numbers held in doubles (exact below 2^53).
 * tests/unit_stats.c checks it against gsl_ran_hypergeometric_pdf with
 * chi-square tests across its branches. */
#ifndef CAMPSIM_HYPERGEOM_H
#define CAMPSIM_HYPERGEOM_H
#include <gsl/gsl_rng.h>

/* The number of `good` people in a sample of n drawn without replacement from
 * good + bad people (0 <= n <= good + bad). */
double hypergeom_draw(const gsl_rng *r, double good, double bad, double n);

#endif
