/* report_parts: the pieces report.c puts together (not for use outside the
 * report): the CSV files read back, the sentences, the charts. */
#ifndef CAMPSIM_REPORT_PARTS_H
#define CAMPSIM_REPORT_PARTS_H
#include "config.h"
#include "report.h"

/* A campsim CSV in memory: cell[0..cols) is the header, then rows of cols cells. */
typedef struct { char *text; char **cell; int cols, rows; int deterministic; /* provenance.txt: "mode: deterministic" */ } csv;
csv *csv_read(const char *path);
void csv_free(csv *c);
int csv_col(const csv *c, const char *name);                /* -1 when absent */
const char *csv_at(const csv *c, int row, int col);
double csv_num(const csv *c, int row, int col);             /* NAN when empty or absent */
int csv_find(const csv *c, int mcol, const char *name, int pcol, const char *policy);
void csv_band(const csv *c, int from, int *lo, int *hi, char *words, size_t n);

/* The plain label and report digits of a metric (the metric's own name when the
 * table does not know it). */
void metric_words(const char *metric, char *label, size_t n, int *digits);
void value_band(char *buf, size_t n, double mean, double lo, double hi, int digits, const char *words);
/* "12,000 fewer (90% band of the difference 11,000 to 13,000 fewer)" and the like. */
void report_difference(char *buf, size_t n, double mean, double lo, double hi, int digits, const char *more,
                       const char *less);

/* report_text.c */
int report_policy_index(const scenario *s, const char *name);   /* -1 for NULL or unknown */
void report_intro(report_doc *d, const scenario *s, const char *band_words, int deterministic);
/* What limited admissions, from the days_bound_* metrics (rows of `policy_name`
 * in a comparison.csv, or NULL for a summary.csv). */
void report_limits(report_doc *d, const csv *c, const scenario *s, int policy, const char *policy_name);
/* drawn: the replicates drew uncertain settings (the folder has parameters.csv). */
void report_assumptions(report_doc *d, const scenario *s, int policy, int drawn);
void report_policy_settings(report_doc *d, const scenario *s, int policy);
void report_footer(report_doc *d, int compare);

/* report_scenario.c: the newer mechanisms in words, from the run.cfg. */
/* Where the screened go: "WHO go to KBE", or the shares, or the order. */
void report_routing_words(const scenario *s, const admission_cfg *a, const char *who, char *buf, size_t n);
/* Departures that answer to the border, leave rates and their changes, giving
 * up, relocations and transfers: one bullet each, only those the scenario uses. */
void report_mechanisms(report_doc *d, const scenario *s);
void report_supply_item(report_doc *d, const scenario *s, const char *place, const supply_cfg *c);
/* The priors the replicates draw from, in words (nothing with a posterior file). */
void report_priors_item(report_doc *d, const scenario *s);
int report_any_gives_up(const scenario *s);   /* a site's give_up is on */
int report_any_answers(const scenario *s);    /* an origin's departures answer to the border */

/* report_places.c: each site's and camp's totals from dir/summary_places.csv
 * (nothing when the folder has none). */
/* moves: the scenario has relocations or transfers (said to be in no column). */
void report_places(report_doc *d, const char *dir, int moves);
/* The same for a compare folder: each place's row under each policy, from
 * dir/POLICY/summary_places.csv. */
void report_places_compare(report_doc *d, const char *dir, const char *const *policies, int np, int moves);

/* report_charts.c: the folder's charts, as SVG for the HTML (drawn into a
 * temporary folder when the folder's charts are PNG or PDF). */
#define REPORT_MAX_CHARTS 32
typedef struct {
    int n;
    char name[REPORT_MAX_CHARTS][64];
    char svg[REPORT_MAX_CHARTS][4600];    /* "" when there is none */
    char link[REPORT_MAX_CHARTS][128];    /* charts/NAME.EXT inside the folder */
    char shadow[4200];                    /* the temporary folder, removed by free */
    int drawn;                            /* charts/ exists */
} report_charts;
void report_charts_find(report_charts *c, const char *dir);
void report_charts_free(report_charts *c);
void report_charts_write(report_doc *d, const report_charts *c);

#endif
