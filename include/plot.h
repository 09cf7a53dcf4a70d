/* plot: the charts of an output folder, drawn by gnuplot (an external program)
 * from the scripts in plots/, and the folder's report.md. */
#ifndef CAMPSIM_PLOT_H
#define CAMPSIM_PLOT_H
#include "diag.h"

/* Renders DIR/charts/ (stranded, camps, flows, wait, deaths, water; for a
 * compare folder compare_stranded and compare_metrics; for a sweep folder
 * sensitivity) in format png, svg or pdf, with the observations of `observed`
 * (or NULL) that the calibration.targets of DIR/run.cfg pick. Every CSV of the
 * folder is checked first: a folder that is not a result, or a corrupt one, is
 * refused (2, "file:line: ..." in d) and nothing is written into it. Each image
 * is written under a temporary name and renamed; a chart gnuplot cannot draw is
 * a warning in d naming it and gnuplot's reason, and the others are still
 * drawn. The scripts are copied into charts/ too, to restyle and rerun.
 * Returns 0; 1 when a chart was not drawn or gnuplot is missing (said once in
 * d: the CSV files and scripts are still there); 2 on bad input. */
int plot_folder(const char *dir, const char *format, const char *observed, diag *d);

/* DIR/report.md: scenario, seed, replicates, the summary (and, for a compare
 * folder, the comparison) table, and the charts that exist. Returns 0 or -1. */
int report_write(const char *dir, diag *d);

/* The folder of the gnuplot scripts: $CAMPSIM_PLOTS, else plots/ beside the
 * program, else ../share/campsim/plots from it (installed). */
const char *plot_scripts_dir(char *buf, size_t n);

#endif
