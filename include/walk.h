/* walk: a random walk of the log of the departure rates (docs/model.md). The
 * log-factor X is 0 until day `from` + step_days, and steps every step_days days:
 *     X_k = X_{k-1} + volatility * Z_k - volatility^2 / 2,   Z_k ~ N(0, 1),
 * so after k steps X ~ N(-k v^2 / 2, k v^2) and E[exp(X)] = 1: the walk widens
 * the departures without moving their mean. Day t's factor is exp(X_k), k the
 * steps taken by day t ((t - from) / step_days, 0 before `from`). */
#ifndef CAMPSIM_WALK_H
#define CAMPSIM_WALK_H
#include <gsl/gsl_rng.h>

/* Fills factor[days] with one path of the walk, drawn from rng. */
void walk_fill(double *factor, int days, double volatility, long step_days, int from, gsl_rng *rng);

#endif
