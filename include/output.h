/* output: the files of an output folder (SPEC section 4); the folders themselves,
 * their mark and writing them whole are outdir's. */
#ifndef CAMPSIM_OUTPUT_H
#define CAMPSIM_OUTPUT_H
#include <stddef.h>
#include <stdio.h>
#include "columns.h"
#include "config.h"
#include "diag.h"
#include "ensemble.h"
#include "outdir.h"

/* The fit metrics summary.csv gets with observations: ard, rmse, band_coverage,
 * crps, wis, coverage_50, coverage_90 (fit.h). */
#define OUTPUT_N_FIT 7

/* What provenance.txt says. */
typedef struct {
    const scenario *s;
    const char *policy;      /* NULL for a plain run */
    unsigned long seed;
    long replicates;
    int deterministic;
    const double *fit;       /* the OUTPUT_N_FIT fit metrics for summary.csv, or NULL */
    const char *command;     /* the command line, or NULL */
} output_info;

/* Closes a file written for output: 0, or -1 with "PATH: write failed: why"
 * in d when any write to it failed (a full disk, a file-size limit). */
int output_close(FILE *f, const char *path, diag *d);

/* Writes series.csv, ensemble.csv, summary.csv, waits.csv, provenance.txt and run.cfg into dir.
 * Returns 0, or -1 with a message (e.g. disk full). */
int output_run(const char *dir, const output_info *info, const ensemble *e, diag *d);

/* The name of quantile level x as a column suffix: 0.05 -> "p05", 0.975 -> "p97_5". */
void output_level_name(double level, char *buf, size_t n);
/* dir/provenance.txt: version, command, date, config, scenario, policy, mode,
 * seed, replicates, generator, then `extra` ("key: value" lines) if not NULL.
 * Returns 0, or -1 with a message. */
int output_provenance(const char *dir, const output_info *info, const char *extra, diag *d);
/* Formats a number: whole numbers without decimals, others with 12 digits
 * (settings, which must read back exactly). */
void output_number(char *buf, size_t n, double v);
/* Formats v to a column's precision (columns.h: digits >= 0 decimals, SIG(k)
 * significant digits), trailing zeros dropped: 12.46 at 1 -> "12.5", 128427 at
 * SIG(3) -> "128000". */
void output_rounded(char *buf, size_t n, double v, int digits);

#endif
