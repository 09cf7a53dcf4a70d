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

/* The cells (day * columns + column) of every observation a target picks,
 * in the order of fitting_rows: run_options.keep for the ensemble, so that
 * the rows get their replicate scores. *cells malloc'd. Returns 0, or -1 with
 * a message (as fitting_rows). */
int fitting_keep(const scenario *s, const observations *obs, size_t **cells, size_t *n, diag *d);

/* Fills *rows (malloc'd, *n of them) for every observation a target picks inside
 * the simulated period. Returns 0, or -1 with a message (a target naming no
 * series column, no target at all). With the ensemble run on fitting_keep's
 * cells, each row also gets its scores and log-likelihood; else those are NAN. */
int fitting_rows(const scenario *s, const observations *obs, const ensemble *e, fit_row **rows, size_t *n,
                 diag *d);

#endif
