/* abcfit: ABC-SMC (abc.h) on a scenario: its uncertain parameters (every one
 * with a prior, uncertainty.h) fitted to observations through the observation
 * model (obsmodel.h). Each simulation is one replicate of the base settings
 * (or the deterministic run), laid out again with the proposed set, stepped to
 * the last observed day only, and scored by obsmodel_distance. */
#ifndef CAMPSIM_ABCFIT_H
#define CAMPSIM_ABCFIT_H
#include "abc.h"
#include "config.h"
#include "observed.h"

/* The sampler's options from s's calibration.abc, its seed, and `threads`. */
void abcfit_options(const scenario *s, int threads, abc_options *o);

/* Fits s->unc's parameters to obs. Returns 0; 2 with a message in d on bad
 * input, found before any simulation (no uncertain parameters, one without a
 * prior, no observation on a target in the period); 1 when out of memory or
 * the sampler failed. */
int abcfit_run(const scenario *s, const observations *obs, const abc_options *o, int deterministic,
               abc_result *r, diag *d);

#endif
