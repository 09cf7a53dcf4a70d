/* draws: whole-count random draws (stochastic mode) or their expected values
 * (deterministic mode) behind one interface, so the model is written once.
 * Counts are doubles holding whole numbers (exact below 2^53). */
#ifndef CAMPSIM_DRAWS_H
#define CAMPSIM_DRAWS_H
#include <gsl/gsl_rng.h>
#include <stddef.h>

typedef struct {
    gsl_rng *rng;       /* NULL in deterministic mode */
} draws;

double draw_poisson(const draws *d, double mean);
/* Negative binomial with the given mean; variance = mean + dispersion * mean^2. */
double draw_negbin(const draws *d, double mean, double dispersion);
double draw_binomial(const draws *d, double n, double p);
/* The same with log(1 - p) given (see binomial_draw_logq). */
double draw_binomial_logq(const draws *d, double n, double p, double log_q);
/* Splits n over k categories with probabilities in proportion to p (shares;
 * zeros allowed); out[k] receives the counts, which sum to n. */
void draw_multinomial(const draws *d, double n, size_t k, const double *p, double *out);
double draw_uniform(const draws *d);   /* 0.5 in deterministic mode */

#endif
