/* walk: the departure rates' random walk (see walk.h). The steps are drawn in
 * day order from a stream of their own, so turning the walk on shifts no other
 * draw of the model, and two policies walk alike. */
#include "walk.h"
#include <gsl/gsl_randist.h>
#include <math.h>

void walk_fill(double *factor, int days, double volatility, long step_days, int from, gsl_rng *rng)
{
    double x = 0, drift = -0.5 * volatility * volatility;   /* the mean correction: E[exp(X)] = 1 */
    for (int t = 0; t < days; t++) {
        if (t > from && (t - from) % step_days == 0) x += gsl_ran_gaussian_ziggurat(rng, volatility) + drift;
        factor[t] = exp(x);
    }
}
