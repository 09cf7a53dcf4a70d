/* places: the series by place (places.csv, places_ensemble.csv and
 * summary_places.csv): each site's and camp's daily flows, stocks and running
 * totals, and the totals of all sites and of all camps, which hold the
 * system's cumulative arrivals, admissions and deaths.
 *
 * The model adds each place's flows into an array (sim_place_flows, PF_*
 * below); places_day turns one day of them, with the day's series row (the
 * stocks), into the day's place cells. Nothing is stored twice: the cells of
 * a day are only the values that are not already a column of series.csv (a
 * site's people are its stranded_<site>, all sites' arrivals are arrivals, ...)
 * or another place's (a total over a single place is that place), and only
 * those that apply (a site has no capacity, a camp no arrivals). */
#ifndef CAMPSIM_PLACES_H
#define CAMPSIM_PLACES_H
#include "columns.h"
#include "config.h"

/* Flows the model records at each place (sites, then camps), per day. At a
 * site, PF_RETURNED is the people who came back from a camp; at a camp, its
 * leavers who went back to a border site (not in PF_LEFT, as in series.csv).
 * PF_MOVED: relocations and transfers in, less those out (moves.h); a
 * scenario without moves has no such cells. */
enum { PF_ARRIVALS, PF_RETURNED, PF_ADMITTED, PF_ENTRIES, PF_BIRTHS, PF_DEATHS, PF_LEFT, PF_MOVED, PLACE_FLOWS };

/* The columns of places.csv after day,date,kind,place: the flows above (same
 * indices), then stocks, then running totals. */
enum { PL_PEOPLE = PLACE_FLOWS, PL_CAPACITY, PL_CUM_ARRIVALS, PL_CUM_ADMITTED, PL_CUM_ENTRIES, PL_CUM_DEATHS,
       PLACE_COLUMNS };

/* The summary metrics of each place (summary_places.csv). */
enum { PM_ARRIVALS, PM_ADMITTED, PM_ENTRIES, PM_DEATHS, PM_LEFT, PM_PEAK, PM_FINAL, PM_PERSON_DAYS, PM_DAYS_FULL,
       PLACE_METRICS };

/* The one column table (columns.c) holds these columns' names, kinds, meaning,
 * labels (one %s for the place) and precision, and the metrics' names (NULL:
 * does not apply to that kind), labels and precision of their means. */
extern const column_def places_columns[PLACE_COLUMNS];
typedef struct { const char *site, *camp, *site_label, *camp_label; int digits; } place_metric_def;
extern const place_metric_def places_metric_defs[PLACE_METRICS];

typedef enum { PLACE_SITE, PLACE_ALL_SITES, PLACE_CAMP, PLACE_ALL_CAMPS } place_kind;

typedef struct {
    place_kind kind;
    const char *name;           /* the site's or camp's, or "all" */
    int index;                  /* site or camp index; -1 for a total */
    int cell[PLACE_COLUMNS];    /* index among the day's cells; PLACE_NONE: does not apply; at most
                                 * PLACE_SERIES(0): the series.csv column PLACE_SERIES(cell) */
} place_row;

#define PLACE_NONE (-1)
#define PLACE_SERIES(x) (-2 - (x))   /* a series column as a cell, and back */

/* The value of a row's cell, from that day's series row and place cells. */
static inline double places_value(int cell, const double *series_row, const double *place_cells)
{
    return cell >= 0 ? place_cells[cell] : series_row[PLACE_SERIES(cell)];
}

typedef struct {
    int S, C;
    int n_rows;                 /* S + 1 + C + 1: sites, all sites, camps, all camps */
    place_row *rows;
    int cells;                  /* cells per day */
} places;

places *places_new(const scenario *s, const columns *c);   /* NULL when out of memory */
void places_free(places *p);             /* accepts NULL */

/* Names for the file: "site", "sites", "camp", "camps". */
const char *places_kind_name(place_kind k);
/* Whether metric m applies to rows of kind k (sites: arrivals, admitted,
 * deaths, left, peak, final, person-days; camps: entries, deaths, left, peak,
 * final, days full). */
int places_metric_applies(place_kind k, int m);
/* The metric's name in summary_places.csv ("peak_stranded", "entries", ...). */
const char *places_metric_name(place_kind k, int m);

/* Day t's cells (out[p->cells]) from the model's place flows that day
 * (flows[(S + C) * PLACE_FLOWS]), the day's series row and the day before's
 * cells (prev; NULL on day 0), which carry the running totals. */
void places_day(const places *p, const double *row, const double *flows, const double *prev, double *out);

/* One replicate's metrics (out[n_rows * PLACE_METRICS], row-major; those that
 * do not apply are 0) from its series (days x n columns) and its days x cells
 * place values. */
void places_metrics(const places *p, int days, const double *series, int n, const double *cells, double *out);

#endif
