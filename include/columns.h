/* columns: the output columns of series.csv, declared once. The fixed columns
 * come from one table; per-site, per-camp and per-group columns follow it. The
 * header, the rows, ensemble.csv and the documentation are all made from here. */
#ifndef CAMPSIM_COLUMNS_H
#define CAMPSIM_COLUMNS_H
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
    N_FIXED_COLUMNS
};

typedef struct { const char *name; enum column_kind kind; const char *doc; } column_def;

/* The digits of a value that mean something, which are what a CSV shows (its
 * means and quantiles too). Whole values are always written as integers, as
 * every count of a stochastic replicate is. */
enum column_precision {
    PREC_HUNDREDTHS,     /* people and days (the default): means of counts, waits, needs of items */
    PREC_WHOLE,          /* litres and kcal */
    PREC_SIGNIFICANT4,   /* rates and ratios: litres per person, relative differences */
    PREC_THOUSANDTHS,    /* shares in [0, 1]: sensitivity indices */
};

/* Needs columns of each site and camp, in this order. */
enum { PN_WATER_LPD, PN_WATER_SHORTFALL_L, PN_SHELTER_SHORTFALL, PN_LATRINE_SHORTFALL, PN_FOOD_SHORTFALL_KCAL,
       PLACE_NEEDS };
extern const column_def columns_place_needs[PLACE_NEEDS];
extern const column_def columns_fixed[N_FIXED_COLUMNS];
extern const enum column_precision columns_fixed_precision[N_FIXED_COLUMNS];
extern const enum column_precision columns_place_precision[PLACE_NEEDS];

typedef struct {
    int n;                      /* numeric columns in a row */
    char **names;               /* [n] */
    enum column_kind *kind;     /* [n] */
    enum column_precision *prec;   /* [n] */
    int site0, camp0, capacity0, group_stranded0, group_admitted0, group_wait0;
    int place_needs0;           /* per site, then per camp: PLACE_NEEDS columns each */
} columns;

columns *columns_new(const scenario *s);   /* NULL when out of memory */
void columns_free(columns *c);             /* accepts NULL */
int columns_find(const columns *c, const char *name);   /* index, or -1 */

/* The precision of a summary metric (summary.csv, comparison.csv, sweep.csv):
 * that of the column it sums up. */
enum column_precision columns_metric_precision(const char *metric);
/* "0.01", "whole", "4 digits", "0.001": the precision in words for the docs. */
const char *columns_precision_text(enum column_precision p);

#endif
