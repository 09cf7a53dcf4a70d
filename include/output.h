/* output: the files of an output folder (SPEC section 4), and writing a folder
 * whole or not at all: everything goes into a temporary folder beside the final
 * one, which replaces the final folder in one atomic rename at the end. */
#ifndef CAMPSIM_OUTPUT_H
#define CAMPSIM_OUTPUT_H
#include <stddef.h>
#include <stdio.h>
#include "config.h"
#include "diag.h"
#include "ensemble.h"

/* What the "#" lines at the top of every CSV say. */
/* The fit metrics summary.csv gets with observations: ard, rmse, band_coverage,
 * crps, wis, coverage_50, coverage_90 (fit.h). */
#define OUTPUT_N_FIT 7

typedef struct {
    const scenario *s;
    const char *policy;      /* NULL for a plain run */
    unsigned long seed;
    long replicates;
    int deterministic;
    const double *fit;       /* the OUTPUT_N_FIT fit metrics for summary.csv, or NULL */
} output_info;

/* Makes a fresh temporary folder for `final` (its parent is created if
 * missing) and removes stale ones left by killed runs. Returns 0, or -1 with a
 * message in d. tmp receives its path. */
int output_begin(const char *final, char *tmp, size_t n, diag *d);
/* Puts tmp in place of final (atomically when final exists) and removes the old
 * folder. Returns 0, or -1 with a message. */
int output_commit(const char *tmp, const char *final, diag *d);
/* Removes a temporary folder after a failure. */
void output_abort(const char *tmp);
/* Removes a folder and everything in it. */
int output_remove_tree(const char *path);

/* Writes series.csv, ensemble.csv, summary.csv, waits.csv and run.cfg into dir.
 * Returns 0, or -1 with a message (e.g. disk full). */
int output_run(const char *dir, const output_info *info, const ensemble *e, diag *d);

/* The name of quantile level x as a column suffix: 0.05 -> "p05", 0.975 -> "p97_5". */
void output_level_name(double level, char *buf, size_t n);
/* Writes the "#" header lines. */
void output_header(FILE *f, const output_info *info);
/* Formats a number: whole numbers without decimals, others with 12 digits. */
void output_number(char *buf, size_t n, double v);
/* Formats v to a column's precision (columns.h: digits >= 0 decimals, SIG(k)
 * significant digits), trailing zeros dropped: 12.46 at 1 -> "12.5", 128427 at
 * SIG(3) -> "128000". */
void output_rounded(char *buf, size_t n, double v, int digits);

#endif
