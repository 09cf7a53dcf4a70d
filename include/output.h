/* output: the files of an output folder (SPEC section 4); the folders themselves,
 * their mark and writing them whole are outdir's. */
#ifndef CAMPSIM_OUTPUT_H
#define CAMPSIM_OUTPUT_H
#include <stddef.h>
#include <stdio.h>
#include "config.h"
#include "diag.h"
#include "ensemble.h"
#include "outdir.h"

/* What the "#" lines at the top of every CSV say. */
typedef struct {
    const scenario *s;
    const char *policy;      /* NULL for a plain run */
    unsigned long seed;
    long replicates;
    int deterministic;
    const double *fit;       /* ard, rmse, band_coverage to add to summary.csv, or NULL */
} output_info;

/* Writes series.csv, ensemble.csv, summary.csv, waits.csv and run.cfg into dir.
 * Returns 0, or -1 with a message (e.g. disk full). */
int output_run(const char *dir, const output_info *info, const ensemble *e, diag *d);

/* The name of quantile level x as a column suffix: 0.05 -> "p05", 0.975 -> "p97_5". */
void output_level_name(double level, char *buf, size_t n);
/* Writes the "#" header lines. */
void output_header(FILE *f, const output_info *info);
/* Formats a number: whole numbers without decimals, others with 12 digits. */
void output_number(char *buf, size_t n, double v);

#endif
