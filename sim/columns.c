/* columns: the one table of output columns (see columns.h). */
#include "columns.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const column_def columns_fixed[N_FIXED_COLUMNS] = {
    [COL_SET_OUT] = {"set_out", COL_FLOW, "people who set out toward the border today"},
    [COL_TRANSIT_LOST] = {"transit_lost", COL_FLOW, "travellers who did not arrive (lost on the way) today"},
    [COL_IN_TRANSIT] = {"in_transit", COL_STOCK, "people on their way at the end of the day"},
    [COL_ARRIVALS] = {"arrivals", COL_FLOW, "people who reached a border site today"},
    [COL_BORDER_BIRTHS] = {"border_births", COL_FLOW, "births at the border sites"},
    [COL_BORDER_DEATHS] = {"border_deaths", COL_FLOW, "deaths at the border sites"},
    [COL_BORDER_LEFT] = {"border_left", COL_FLOW, "people who gave up waiting and left"},
    [COL_ADMITTED] = {"admitted", COL_FLOW, "people admitted into screening"},
    [COL_STRANDED] = {"stranded", COL_STOCK, "people waiting at all border sites"},
    [COL_SCREENING] = {"screening", COL_STOCK, "people being vetted"},
    [COL_REJECTED] = {"rejected", COL_FLOW, "people refused after vetting (leave the system)"},
    [COL_CAMP_ENTRIES] = {"camp_entries", COL_FLOW, "people entering the camp after vetting"},
    [COL_CAMP_BIRTHS] = {"camp_births", COL_FLOW, "births in the camps"},
    [COL_CAMP_DEATHS] = {"camp_deaths", COL_FLOW, "deaths in the camps"},
    [COL_CAMP_LEFT] = {"camp_left", COL_FLOW, "people leaving the camps"},
    [COL_CAMP_POPULATION] = {"camp_population", COL_STOCK, "people in all camps"},
    [COL_CAMP_CAPACITY] = {"camp_capacity", COL_STOCK, "places in all camps"},
    [COL_WAIT_MEAN] = {"wait_mean", COL_MEAN, "mean wait in days of the people admitted today (0: none)"},
    [COL_WATER_NEED_L] = {"water_need_l", COL_LEVEL, "litres of water the border sites need (people x standard)"},
    [COL_WATER_SUPPLY_L] = {"water_supply_l", COL_LEVEL, "litres of water delivered to the border sites"},
    [COL_WATER_LPD] = {"water_lpd", COL_LEVEL, "litres per person per day actually available at the border"},
    [COL_WATER_SHORTFALL_L] = {"water_shortfall_l", COL_LEVEL, "litres short of the need at the border (never negative)"},
    [COL_SHELTERS_NEEDED] = {"shelters_needed", COL_LEVEL, "shelters the border sites need"},
    [COL_SHELTER_SHORTFALL] = {"shelter_shortfall", COL_LEVEL, "shelters missing at the border"},
    [COL_LATRINES_NEEDED] = {"latrines_needed", COL_LEVEL, "latrines the border sites need"},
    [COL_LATRINE_SHORTFALL] = {"latrine_shortfall", COL_LEVEL, "latrines missing at the border"},
    [COL_HEALTH_FACILITIES_NEEDED] = {"health_facilities_needed", COL_LEVEL, "primary health facilities needed at the border"},
    [COL_FOOD_NEED_KCAL] = {"food_need_kcal", COL_LEVEL, "kcal of food the border sites need"},
    [COL_FOOD_SUPPLY_KCAL] = {"food_supply_kcal", COL_LEVEL, "kcal of food available at the border (deliveries and rations)"},
    [COL_FOOD_SHORTFALL_KCAL] = {"food_shortfall_kcal", COL_LEVEL, "kcal short of the need at the border"},
};

const column_def columns_place_needs[PLACE_NEEDS] = {
    [PN_WATER_LPD] = {"water_lpd", COL_LEVEL, "litres per person per day available"},
    [PN_WATER_SHORTFALL_L] = {"water_shortfall_l", COL_LEVEL, "litres of water short of the need"},
    [PN_SHELTER_SHORTFALL] = {"shelter_shortfall", COL_LEVEL, "shelters missing"},
    [PN_LATRINE_SHORTFALL] = {"latrine_shortfall", COL_LEVEL, "latrines missing"},
    [PN_FOOD_SHORTFALL_KCAL] = {"food_shortfall_kcal", COL_LEVEL, "kcal of food short of the need"},
};

/* Precisions other than the default (hundredths), by column: litres and kcal
 * are whole, litres per person are a rate. */
const enum column_precision columns_fixed_precision[N_FIXED_COLUMNS] = {
    [COL_WATER_NEED_L] = PREC_WHOLE, [COL_WATER_SUPPLY_L] = PREC_WHOLE, [COL_WATER_LPD] = PREC_SIGNIFICANT4,
    [COL_WATER_SHORTFALL_L] = PREC_WHOLE, [COL_FOOD_NEED_KCAL] = PREC_WHOLE, [COL_FOOD_SUPPLY_KCAL] = PREC_WHOLE,
    [COL_FOOD_SHORTFALL_KCAL] = PREC_WHOLE,
};
const enum column_precision columns_place_precision[PLACE_NEEDS] = {
    [PN_WATER_LPD] = PREC_SIGNIFICANT4, [PN_WATER_SHORTFALL_L] = PREC_WHOLE, [PN_FOOD_SHORTFALL_KCAL] = PREC_WHOLE,
};

const char *columns_precision_text(enum column_precision p)
{
    static const char *const text[] = {[PREC_HUNDREDTHS] = "0.01", [PREC_WHOLE] = "whole",
                                       [PREC_SIGNIFICANT4] = "4 digits", [PREC_THOUSANDTHS] = "0.001"};
    return text[p];
}

enum column_precision columns_metric_precision(const char *m)
{
    size_t n = strlen(m);
    if ((n > 2 && !strcmp(m + n - 2, "_l")) || (n > 5 && !strcmp(m + n - 5, "_kcal"))) return PREC_WHOLE;
    if (!strcmp(m, "ard") || !strcmp(m, "band_coverage") || !strncmp(m, "coverage_", 9)) return PREC_SIGNIFICANT4;
    return PREC_HUNDREDTHS;
}

columns *columns_new(const scenario *s)
{
    columns *c = calloc(1, sizeof *c);
    if (!c) return NULL;
    int n = N_FIXED_COLUMNS + s->n_sites + 2 * s->n_camps + 3 * s->n_groups + PLACE_NEEDS * (s->n_sites + s->n_camps);
    c->names = calloc((size_t)n, sizeof *c->names);
    c->kind = calloc((size_t)n, sizeof *c->kind);
    c->prec = calloc((size_t)n, sizeof *c->prec);   /* PREC_HUNDREDTHS unless set below */
    if (!c->names || !c->kind || !c->prec) { columns_free(c); return NULL; }
    c->n = n;
    int k = 0;
    for (; k < N_FIXED_COLUMNS; k++) {
        c->names[k] = strdup(columns_fixed[k].name);
        c->kind[k] = columns_fixed[k].kind;
        c->prec[k] = columns_fixed_precision[k];
    }
    char buf[256];
#define ADD(kd, ...) do { snprintf(buf, sizeof buf, __VA_ARGS__); c->names[k] = strdup(buf); c->kind[k++] = kd; } while (0)
    c->site0 = k;
    for (int i = 0; i < s->n_sites; i++) ADD(COL_STOCK, "stranded_%s", s->sites[i].name);
    c->camp0 = k;
    for (int i = 0; i < s->n_camps; i++) ADD(COL_STOCK, "camp_%s", s->camps[i].name);
    c->capacity0 = k;
    for (int i = 0; i < s->n_camps; i++) ADD(COL_STOCK, "capacity_%s", s->camps[i].name);
    c->group_stranded0 = k;
    for (int i = 0; i < s->n_groups; i++) ADD(COL_STOCK, "stranded_group_%s", s->groups[i].name);
    c->group_admitted0 = k;
    for (int i = 0; i < s->n_groups; i++) ADD(COL_FLOW, "admitted_group_%s", s->groups[i].name);
    c->group_wait0 = k;
    for (int i = 0; i < s->n_groups; i++) ADD(COL_MEAN, "wait_mean_group_%s", s->groups[i].name);
    c->place_needs0 = k;
    for (int i = 0; i < s->n_sites + s->n_camps; i++)
        for (int j = 0; j < PLACE_NEEDS; j++) {
            c->prec[k] = columns_place_precision[j];
            ADD(COL_LEVEL, "%s_%s", columns_place_needs[j].name,
                i < s->n_sites ? s->sites[i].name : s->camps[i - s->n_sites].name);
        }
#undef ADD
    for (int i = 0; i < n; i++)
        if (!c->names[i]) { columns_free(c); return NULL; }
    return c;
}

void columns_free(columns *c)
{
    if (!c) return;
    for (int i = 0; c->names && i < c->n; i++) free(c->names[i]);
    free(c->names);
    free(c->kind);
    free(c->prec);
    free(c);
}

int columns_find(const columns *c, const char *name)
{
    for (int i = 0; i < c->n; i++)
        if (strcmp(c->names[i], name) == 0) return i;
    return -1;
}
