/* forecast: a forecast made at a cut-off date (`campsim forecast`,
 * docs/forecast.md). The scenario's uncertain parameters are fitted to the
 * reports dated on or before the cut-off only, the posterior predictive
 * ensemble runs to the horizon, and forecast.csv gets the mean and the hubs'
 * 23 quantiles of each target's series a day; where the observation file holds
 * later reports, scores.csv scores the forecast against them (scoretable.h). */
#ifndef CAMPSIM_FORECAST_H
#define CAMPSIM_FORECAST_H
#include "config.h"
#include "diag.h"
#include "observed.h"

/* A weighted-particle posterior in memory: what forecast_fit gives. */
typedef struct {
    long n;
    int k;
    double *theta;        /* [n * k], particle-major, in the order of uncertainty_path */
    double *weight;       /* [n], summing to 1 */
    long simulations;
    double ess;           /* (sum w)^2 / sum w^2 */
    const char *method;   /* what made it, for the report */
} forecast_posterior;

/* The one calibration call of forecast: fits s->unc's priors to obs (already
 * cut at the cut-off). Until ABC-SMC (calibrate's sampler) is on main, this is
 * sampling importance resampling: `draws` sets from the priors, each simulated
 * once (one replicate, streams (seed', i)), weighted by the observation model's
 * likelihood of the reports (obsmodel.h): the same target as ABC-SMC at
 * tolerance 1, in more simulations. Returns 0, 2 with a message in d on bad
 * input (no priors, no report on a target), 1 when out of memory. */
int forecast_fit(const scenario *s, const observations *obs, int threads, int deterministic, long draws,
                 forecast_posterior *p, diag *d);
void forecast_posterior_free(forecast_posterior *p);

/* posterior.csv in the format uncertainty.posterior reads (posterior.h). */
int forecast_write_posterior(const char *path, const scenario *s, const forecast_posterior *p, diag *d);

/* The reports of obs dated on or before day `cutoff`: a view (the strings stay
 * obs's); free with free(view->v). */
int forecast_cut(const observations *obs, long cutoff, observations *view);

/* Makes s's uncertainty the posterior in file `path` (absolute), beside its
 * priors (a path in both takes the particle's value): each replicate then
 * draws a particle, so the ensemble is the posterior predictive. set_paths as
 * uncertainty_resolve. Returns 0, or -1 with messages in d. */
int forecast_use_posterior(scenario *s, const char *path, const char *const *set_paths, int n_set, diag *d);
/* The ensemble's quantiles at the hubs' 23 levels (scores.h), in s and its tree. */
int forecast_use_hub_levels(scenario *s, diag *d);

int cmd_forecast(int argc, char **argv);

#endif
