/* scoretable: a forecast made at a cut-off date, scored against the reports
 * that came after it (scores.csv, for `campsim forecast`). Each report of a
 * target's site and variable dated after the cut-off, inside the simulated
 * period and with a value, is scored from the replicates of the target's
 * series on its day; the two naive forecasts (scores.h) are built from the
 * reports of the same site and variable dated on or before the cut-off. The
 * targets' from/to windows say what is fitted, not what is scored, so they do
 * not apply here. A report with a range and no value has no point to score
 * and is left out. */
#ifndef CAMPSIM_SCORETABLE_H
#define CAMPSIM_SCORETABLE_H
#include <stddef.h>
#include "columns.h"
#include "config.h"
#include "observed.h"
#include "scores.h"

typedef struct {
    const observation *o;
    const char *series;           /* the target's series column */
    long horizon;                 /* days after the cut-off */
    score_set model, persistence, trend;
    double skill_persistence, skill_trend;   /* 1 - WIS_model / WIS_baseline */
    int has_baselines;            /* 0: no report on or before the cut-off (baseline fields NAN) */
} score_entry;

typedef struct {
    score_entry *v;
    size_t n;
    /* Means over the entries (in50, in90: the shares covered; pit: not
     * averaged, NAN; baselines: over the entries that have them), and skill =
     * 1 - mean WIS_model / mean WIS_baseline over the entries with baselines. */
    score_set model, persistence, trend;
    double skill_persistence, skill_trend;
} score_table;

/* reps: R replicate series, each days x cols->n row-major (the layout of a
 * replicate's rows, one after the other); cutoff: a day number (dates.h).
 * Returns 0, or -1 with a message in d (no target, a target naming no series
 * column, out of memory). */
int scoretable_build(const scenario *s, const observations *obs, const columns *cols, const double *reps, long R,
                     long cutoff, score_table *t, diag *d);
/* The same from an ensemble run with run_options.keep = the cells that
 * scoretable_cells gives (R x n_keep values, ensemble.kept): the memory of a
 * few values per replicate instead of whole series. */
int scoretable_cells(const scenario *s, const observations *obs, const columns *cols, long cutoff, size_t **cells,
                     size_t *n, diag *d);
int scoretable_build_kept(const scenario *s, const observations *obs, const columns *cols, const double *kept,
                          long R, size_t n_keep, long cutoff, score_table *t, diag *d);
void scoretable_free(score_table *t);   /* accepts a table that failed to build */

/* scores.csv: date,site,variable,series,horizon_days,observed, then for the
 * model, persistence_ and trend_: mean (model) or median (baselines), ard,
 * crps, wis, in_50, in_90, pit; then skill_persistence, skill_trend. One row
 * per entry, then a row "overall" (date field) with the table's means and
 * coverage shares. Returns 0, or -1 when writing failed. */
int scoretable_write_csv(const char *path, const score_table *t);

#endif
