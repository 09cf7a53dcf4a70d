/* columns: the output columns of series.csv, declared once. The fixed columns
 * come from one table; per-site, per-camp and per-group columns follow it. The
 * header, the rows, ensemble.csv and the documentation are all made from here. */
#ifndef CAMPSIM_COLUMNS_H
#define CAMPSIM_COLUMNS_H
#include <stdio.h>
#include "config.h"

enum column_kind { COL_FLOW, COL_STOCK, COL_MEAN, COL_LEVEL };

/* Fixed columns, in output order (after day and date). */
enum {
    COL_SET_OUT, COL_TRANSIT_LOST, COL_IN_TRANSIT, COL_ARRIVALS, COL_BORDER_BIRTHS,
    COL_BORDER_DEATHS, COL_BORDER_LEFT, COL_ADMITTED, COL_STRANDED, COL_SCREENING,
    COL_REJECTED, COL_CAMP_ENTRIES, COL_CAMP_BIRTHS, COL_CAMP_DEATHS, COL_CAMP_LEFT,
    COL_CAMP_POPULATION, COL_CAMP_CAPACITY, COL_WAIT_MEAN,
    /* needs and supply at the border, all sites */
    COL_WATER_NEED_L, COL_WATER_SUPPLY_L, COL_WATER_LPD, COL_WATER_SHORTFALL_L,
    COL_SHELTERS_NEEDED, COL_SHELTER_SHORTFALL, COL_LATRINES_NEEDED, COL_LATRINE_SHORTFALL,
    COL_HEALTH_FACILITIES_NEEDED, COL_FOOD_NEED_KCAL, COL_FOOD_SUPPLY_KCAL, COL_FOOD_SHORTFALL_KCAL,
    /* which limit set today's admissions: 1 for the binding one, at most one a day */
    COL_BOUND_QUOTA, COL_BOUND_SCREENING, COL_BOUND_CAMP, COL_BOUND_CLOSURE, COL_BOUND_NOBODY,
    COL_CAMP_RETURNED,
    N_FIXED_COLUMNS
};

/* Precision of a column or metric: digits >= 0 is that many decimals, SIG(n) is n
 * significant digits. It says what one replicate's value can mean: whole counts
 * have no decimals, waits 0.1 day, rates per person 3 significant digits. */
#define SIG(n) (-(n))

/* label: plain words for a report ("People stranded at the border"); a
 * per-place or per-group column's label has one %s for the name. */
typedef struct { const char *name; enum column_kind kind; const char *doc; const char *label; int digits; } column_def;

/* Needs columns of each site and camp, in this order. */
enum { PN_WATER_LPD, PN_WATER_SHORTFALL_L, PN_SHELTER_SHORTFALL, PN_LATRINE_SHORTFALL, PN_FOOD_SHORTFALL_KCAL,
       PN_HEALTH_SHORTFALL, PLACE_NEEDS };
extern const column_def columns_place_needs[PLACE_NEEDS];
extern const column_def columns_fixed[N_FIXED_COLUMNS];

/* Flows of the relocations and transfers (moves.h), after every other column and
 * only in a scenario that has some: a config without them keeps its bytes. */
enum { MV_RELOCATED_OUT, MV_RELOCATED_TO_CAMPS, MV_RELOCATED_TO_SITES, MV_TRANSFERRED, MOVE_COLUMNS };
extern const column_def columns_moves[MOVE_COLUMNS];

typedef struct {
    int n;                      /* numeric columns in a row */
    char **names;               /* [n] */
    char **labels;              /* [n]: plain words, the place or group named */
    enum column_kind *kind;     /* [n] */
    int *digits;                /* [n]: precision of one replicate's value (SIG above) */
    int site0, camp0, capacity0, group_stranded0, group_admitted0, group_wait0;
    int place_needs0;           /* per site, then per camp: PLACE_NEEDS columns each */
    int moves0;                 /* MOVE_COLUMNS columns; -1 when the scenario moves nobody */
} columns;

columns *columns_new(const scenario *s);   /* NULL when out of memory */
void columns_free(columns *c);             /* accepts NULL */
int columns_find(const columns *c, const char *name);   /* index, or -1 */

/* The precision of a column's ensemble mean and quantiles: a mean of whole counts
 * keeps one decimal, other columns their own precision. */
int columns_mean_digits(enum column_kind kind, int digits);

/* A summary metric's plain label (the place or group named), the precision of its
 * mean and quantiles over replicates in the CSV files, and (report, may be NULL)
 * the decimals the report gives it, by its name (metrics.c makes the names).
 * Returns 0, or -1 for a name the table does not know. */
int columns_metric_info(const char *metric, char *label, size_t n, int *digits, int *report);

/* Prints the column and metric tables as markdown (campsim --help-columns). */
void columns_document(FILE *f);

#endif
