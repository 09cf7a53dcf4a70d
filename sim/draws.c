/* draws: draws of whole counts, or expected values (see draws.h). Poisson and
 * binomial draws are poisson.c's and binomial.c's, which take and return doubles. */
#include "draws.h"
#include "binomial.h"
#include "poisson.h"
#include <gsl/gsl_randist.h>

double draw_poisson(const draws *d, double mean)
{
    if (mean <= 0) return 0;
    if (!d->rng) return mean;
    return poisson_draw(d->rng, mean);
}

double draw_negbin(const draws *d, double mean, double dispersion)
{
    if (dispersion <= 0) return draw_poisson(d, mean);
    if (mean <= 0) return 0;
    if (!d->rng) return mean;
    /* A gamma-Poisson mixture: size n = 1/dispersion, Poisson mean ~ Gamma(n, mean/n). */
    double n = 1.0 / dispersion;
    return draw_poisson(d, gsl_ran_gamma(d->rng, n, mean / n));
}

double draw_binomial(const draws *d, double n, double p)
{
    return draw_binomial_logq(d, n, p, 0);
}

double draw_binomial_logq(const draws *d, double n, double p, double log_q)
{
    if (n <= 0 || p <= 0) return 0;
    if (p >= 1) return n;
    if (!d->rng) return n * p;
    return binomial_draw_logq(d->rng, n, p, log_q);
}

void draw_multinomial(const draws *d, double n, size_t k, const double *p, double *out)
{
    /* Conditional binomials (as gsl_ran_multinomial does), stopping once everyone
     * is placed: with few people and many categories most draws are skipped. The
     * probabilities are shares of their sum, and the last category with a share
     * takes whoever is left, so that everyone is placed: shares that sum to
     * 1 - 1e-9 (within the config's tolerance) would otherwise lose about one
     * person in 10^9 through the last conditional probability. */
    double mass = 0;
    size_t last = 0;
    for (size_t i = 0; i < k; i++)
        if (p[i] > 0) mass += p[i], last = i;
    double left = n, total = mass;
    for (size_t i = 0; i < k; i++) {
        if (left <= 0 || mass <= 0 || p[i] <= 0) { out[i] = 0; continue; }
        double q = i == last ? 1 : p[i] / mass;
        out[i] = d->rng ? draw_binomial(d, left, q > 1 ? 1 : q) : n * p[i] / total;
        left -= out[i];
        mass -= p[i];
    }
}

double draw_uniform(const draws *d)
{
    return d->rng ? gsl_rng_uniform(d->rng) : 0.5;
}
