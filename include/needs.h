/* needs: what the people at a border site or in a camp need each day (water,
 * food, shelters, latrines, health facilities, from the standards) against what
 * they get (the place's supply). Needs are population x standard, exactly. */
#ifndef CAMPSIM_NEEDS_H
#define CAMPSIM_NEEDS_H
#include "config.h"

/* One place's supply laid out by day (aid cuts and dated changes in). */
typedef struct {
    const supply_cfg *cfg;
    double *water, *food;      /* [days]; < 0: enough */
    /* [days]: the share of the need that an "enough" supply gives: 1, or the cut
     * factor while aid is cut (a cut of "enough" food to 0 is no food). */
    double *water_share, *food_share;
    double *shelters, *latrines, *health;   /* [days] in place; < 0: enough */
    double *ration_days;       /* [days]: days of rations delivered that day, per person present */
    double food_stock;         /* kcal delivered and not yet eaten */
} supply_plan;

typedef struct {
    double water_need, water_supply, food_need, food_supply;
    double shelters_need, shelters, latrines_need, latrines, health_need, health;
    /* Litres per person: with enough water (supply < 0) exactly the standard,
     * not supply / people, which can come out a hair under it; 0 with nobody. */
    double water_lpd;
    int water_enough;          /* the supply is "enough", and not cut */
} needs_day;

/* Lays out the supply of one place over the days; cut[t] says whether aid is cut.
 * Returns 0, or -1 when out of memory. */
int needs_plan(supply_plan *p, const supply_cfg *cfg, int days, const unsigned char *cut);
void needs_plan_free(supply_plan *p);

/* Needs and supply of `people` on day t; border: 1 for a border site, 0 for a camp.
 * Draws rations from the food stock as needed. */
void needs_day_compute(supply_plan *p, const standards_cfg *std, int border, double people, int t, needs_day *out);

/* Water per person per day (0 with nobody there: no shortfall to speak of):
 * n->water_lpd. */
double needs_water_lpd(const needs_day *n, double people);

/* The factor on border mortality of the water rule (1 when the rule is off). */
double needs_mortality_factor(const conditions_cfg *c, double lpd, double people);

#endif
