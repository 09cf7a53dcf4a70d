/* uncertainty: the uncertain parameters of a scenario (docs/uncertainty.md). A
 * parameter set is one value per path (origins.[0].rate, ...), in the order of
 * uncertainty_path. It comes from priors (uncertainty.parameters) and/or from a
 * weighted-particle posterior (uncertainty.posterior = "posterior.csv"), whose
 * columns are resampled jointly; a path with both takes the posterior's value.
 *
 * Replicate r's set is drawn from a stream of its own seeded from (seed, r), so
 * it is the same at any -j, on any MPI rank, and under every policy of compare.
 * The draw takes the stream's uniforms in a fixed order: one for the particle
 * (with a posterior), then one per prior in the config's order, used or not. */
#ifndef CAMPSIM_UNCERTAINTY_H
#define CAMPSIM_UNCERTAINTY_H
#include <gsl/gsl_rng.h>
#include <stdio.h>
#include "config.h"
#include "diag.h"

typedef struct uncertainty uncertainty;

/* Checks s->priors and s->posterior and sets s->unc (NULL when there is neither).
 * Priors on paths given with --set (set_paths) are dropped: the --set value
 * holds. Every problem goes to d as file:line: setting: message; returns -1. */
int uncertainty_resolve(scenario *s, const char *const *set_paths, int n_set, diag *d);
void uncertainty_free(uncertainty *u);   /* accepts NULL */

int uncertainty_count(const uncertainty *u);
const char *uncertainty_path(const uncertainty *u, int i);
int uncertainty_has_prior(const uncertainty *u, int i);
long uncertainty_particles(const uncertainty *u);   /* 0: no posterior */
const char *uncertainty_posterior_file(const uncertainty *u);   /* its absolute path, or NULL */

/* 1 when a set changes what sim_new laid out (so each replicate must
 * sim_rederive); 0 when every path is read by the model as it runs (cmr,
 * initial stocks, standards, conditions, the walk; not leave rates, laid out by
 * day for leave_changes). */
int uncertainty_needs_layout(const uncertainty *u);

/* Replicate r's set into x[count] (integer settings rounded, as applied). */
void uncertainty_draw(const uncertainty *u, unsigned long seed, long replicate, double *x);
/* A set drawn from the priors alone with the caller's generator (ABC's first
 * population); a path with no prior takes its central value. */
void uncertainty_prior_draw(const uncertainty *u, gsl_rng *rng, double *x);
/* The interval of parameter i's prior (its truncation); -1 when it has none. */
int uncertainty_prior_bounds(const uncertainty *u, int i, double *lo, double *hi);
/* The p-quantile of parameter i's prior (NAN when it has none). */
double uncertainty_prior_quantile(const uncertainty *u, int i, double p);
/* The central set: each prior's median on its truncated interval; a posterior
 * column's weighted median. This is what --fixed and --deterministic run. */
void uncertainty_central(const uncertainty *u, double *x);
/* Sum of the priors' log densities at x (paths without a prior add nothing);
 * -INFINITY outside a prior's interval. */
double uncertainty_log_prior(const uncertainty *u, const double *x);

/* Where a set goes in one scenario: the settings at the paths, and for a base
 * admission or aid path, the same setting of every policy that does not set its
 * own. Bind once, then apply many sets. */
typedef struct uncertainty_targets uncertainty_targets;
uncertainty_targets *uncertainty_bind(const uncertainty *u, scenario *s);
void uncertainty_apply(const uncertainty_targets *t, const double *x);
void uncertainty_unbind(uncertainty_targets *t);   /* accepts NULL */

/* A copy of s whose numbers can be overwritten (each thread's own scenario);
 * it shares s's tree and names, so it must not outlive s. */
scenario *uncertainty_clone(const scenario *s);
void uncertainty_clone_free(scenario *c);   /* accepts NULL */

/* Applies the central set to s itself and drops s->unc (--fixed). */
int uncertainty_fix(scenario *s);

/* parameters.csv rows: "replicate,<path>,..." then one row per set. */
void uncertainty_write_header(FILE *f, const uncertainty *u);
void uncertainty_write_row(FILE *f, const uncertainty *u, long replicate, const double *x);
/* Reads a row written by uncertainty_write_row. Returns 0, or -1 when it is not
 * one (wrong count, not numbers). */
int uncertainty_read_row(const uncertainty *u, const char *line, long *replicate, double *x);

#endif
