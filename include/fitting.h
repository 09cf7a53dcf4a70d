/* fitting: a run against observations. The scenario's calibration.targets say
 * which observations (site, variable) are compared with which series column,
 * with what weight and in what window; this builds the fit rows from an
 * ensemble (mean and band on each observation's date). */
#ifndef CAMPSIM_FITTING_H
#define CAMPSIM_FITTING_H
#include "config.h"
#include "ensemble.h"
#include "fit.h"
#include "observed.h"

/* Fills *rows (malloc'd, *n of them) for every observation a target picks inside
 * the simulated period. Returns 0, or -1 with a message (a target naming no
 * series column, no target at all). */
int fitting_rows(const scenario *s, const observations *obs, const ensemble *e, fit_row **rows, size_t *n,
                 diag *d);

#endif
