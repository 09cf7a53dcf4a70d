/* results: reading a result folder's CSV files back (for `campsim plot`), with
 * the care of a config: the file is checked whole before anything is drawn, and
 * what is wrong is said as file:line. campsim's own CSV files have no quotes;
 * "#" provenance lines may come before the header (older folders) or not. */
#ifndef CAMPSIM_RESULTS_H
#define CAMPSIM_RESULTS_H
#include <stddef.h>
#include "diag.h"

typedef enum {
    RESULT_SERIES,        /* day,date,<numbers>: series.csv */
    RESULT_ENSEMBLE,      /* day,date,<numbers>, with stranded_mean: ensemble.csv */
    RESULT_SUMMARY,       /* metric,<numbers or empty>: summary.csv */
    RESULT_WAITS,         /* wait_days,people: waits.csv */
    RESULT_COMPARISON,    /* policy,metric,<numbers>: comparison.csv */
    RESULT_SENSITIVITY,   /* metric,parameter,<numbers>: sensitivity.csv */
    RESULT_PLACES,        /* day,date,kind,place,<numbers or empty>, with people_mean: places_ensemble.csv */
    RESULT_SUMMARY_PLACES,   /* kind,place,metric,mean,<numbers>: summary_places.csv */
} result_kind;
#define RESULT_KINDS (RESULT_SUMMARY_PLACES + 1)

/* The kinds of place (places.h), in the order of each day's rows. */
enum { PLACE_ROW_SITE, PLACE_ROW_SITES, PLACE_ROW_CAMP, PLACE_ROW_CAMPS, PLACE_ROW_KINDS };

typedef struct {
    char **cols;          /* the header's column names */
    int n_cols;
    long rows;            /* data rows */
    long first, last;     /* series, ensemble, places: day numbers (dates.h) of the first and last day */
    /* places: the rows of each kind every day (the same each day: each site, one
     * row of all sites, each camp, one of all camps, in that order). */
    long per_kind[PLACE_ROW_KINDS];
    /* comparison: the policies and metrics; sensitivity: the metrics and
     * parameters; summary: the metrics (keys[0]): each distinct, in order of
     * first appearance, as "a b c" (the form gnuplot's words() takes). */
    char *keys[2];
} result_csv;

/* Checks text (len bytes) as a CSV of `kind`; `path` names it in messages.
 * Returns 0 and fills *out, or -1 with "path:line: what is wrong" in d. */
int results_parse(const char *path, const char *text, size_t len, result_kind kind, result_csv *out, diag *d);
/* The same from a file; a missing file is an error too. */
int results_read(const char *path, result_kind kind, result_csv *out, diag *d);
void results_free(result_csv *r);   /* accepts a zeroed or freed one */
/* Whether the header has a column of this name. */
int results_has(const result_csv *r, const char *col);

#endif
