/* metrics: summary metrics of a replicate (see metrics.h). */
#include "metrics.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The fixed metrics, in output order. */
enum {
    M_PEAK_STRANDED, M_FINAL_STRANDED, M_STRANDED_PERSON_DAYS, M_TOTAL_SET_OUT, M_TOTAL_ARRIVALS,
    M_TOTAL_ADMITTED, M_TOTAL_REJECTED, M_BORDER_DEATHS, M_CAMP_DEATHS, M_MEAN_WAIT, M_P90_WAIT,
    M_PEAK_CAMP, M_DAYS_CAMP_FULL, M_FINAL_CAMP, M_TRANSIT_LOST, M_BORDER_BIRTHS, M_BORDER_LEFT,
    M_CAMP_ENTRIES, M_PEAK_SCREENING, M_DAYS_BELOW_WATER, M_PEAK_WATER_SHORTFALL, M_PEAK_SHELTER_SHORTFALL,
    M_PEAK_LATRINE_SHORTFALL, M_PEAK_FOOD_SHORTFALL,
    M_DAYS_BOUND_QUOTA, M_DAYS_BOUND_SCREENING, M_DAYS_BOUND_CAMP, M_DAYS_BOUND_CLOSURE, M_DAYS_BOUND_NOBODY,
    M_PEAK_HEALTH_SHORTFALL, N_FIXED_METRICS
};
static const char *const fixed_names[N_FIXED_METRICS] = {
    "peak_stranded", "final_stranded", "stranded_person_days", "total_set_out", "total_arrivals",
    "total_admitted", "total_rejected", "border_deaths", "camp_deaths", "mean_wait_days",
    "p90_wait_days", "peak_camp_population", "days_camp_full", "final_camp_population",
    "total_transit_lost", "border_births", "border_left", "total_camp_entries", "peak_screening",
    "days_below_water_minimum", "peak_water_shortfall_l", "peak_shelter_shortfall", "peak_latrine_shortfall",
    "peak_food_shortfall_kcal",
    "days_bound_quota", "days_bound_screening", "days_bound_camp", "days_bound_closure", "days_bound_nobody",
    "peak_health_shortfall",
};
/* Per group g: admitted_group_<g>, mean_wait_group_<g>, peak_stranded_group_<g>. */
#define PER_GROUP 3
/* Per camp k, after the groups: the needs summaries the border has, from the
 * camp's own needs columns (a camp short of latrines is not hidden by a border
 * that has enough). */
enum { PC_DAYS_BELOW_WATER, PC_PEAK_WATER_SHORTFALL, PC_PEAK_SHELTER_SHORTFALL, PC_PEAK_LATRINE_SHORTFALL,
       PC_PEAK_HEALTH_SHORTFALL, PC_PEAK_FOOD_SHORTFALL, PER_CAMP };
static const char *const camp_prefixes[PER_CAMP] = {
    "days_below_water_minimum_", "peak_water_shortfall_l_", "peak_shelter_shortfall_", "peak_latrine_shortfall_",
    "peak_health_shortfall_", "peak_food_shortfall_kcal_",
};

metric_set *metrics_new(const scenario *s)
{
    metric_set *m = calloc(1, sizeof *m);
    if (!m) return NULL;
    m->n = N_FIXED_METRICS + PER_GROUP * s->n_groups + PER_CAMP * s->n_camps;
    m->names = calloc((size_t)m->n, sizeof *m->names);
    if (!m->names) { free(m); return NULL; }
    for (int i = 0; i < N_FIXED_METRICS; i++) m->names[i] = strdup(fixed_names[i]);
    char buf[256];
    for (int g = 0; g < s->n_groups; g++) {
        const char *name = s->groups[g].name;
        snprintf(buf, sizeof buf, "admitted_group_%s", name);
        m->names[N_FIXED_METRICS + PER_GROUP * g] = strdup(buf);
        snprintf(buf, sizeof buf, "mean_wait_group_%s", name);
        m->names[N_FIXED_METRICS + PER_GROUP * g + 1] = strdup(buf);
        snprintf(buf, sizeof buf, "peak_stranded_group_%s", name);
        m->names[N_FIXED_METRICS + PER_GROUP * g + 2] = strdup(buf);
    }
    for (int k = 0; k < s->n_camps; k++)
        for (int j = 0; j < PER_CAMP; j++) {
            snprintf(buf, sizeof buf, "%s%s", camp_prefixes[j], s->camps[k].name);
            m->names[N_FIXED_METRICS + PER_GROUP * s->n_groups + PER_CAMP * k + j] = strdup(buf);
        }
    for (int i = 0; i < m->n; i++)
        if (!m->names[i]) { metrics_free(m); return NULL; }
    return m;
}

void metrics_free(metric_set *m)
{
    if (!m) return;
    for (int i = 0; m->names && i < m->n; i++) free(m->names[i]);
    free(m->names);
    free(m);
}

int metrics_find(const metric_set *m, const char *name)
{
    for (int i = 0; i < m->n; i++)
        if (strcmp(m->names[i], name) == 0) return i;
    return -1;
}

double metrics_wait_quantile(const double *waits, int days, double level)
{
    double total = 0;
    for (int w = 0; w < days; w++) total += waits[w];
    if (total <= 0) return 0;
    double cum = 0;
    for (int w = 0; w < days; w++) {
        cum += waits[w];
        if (cum >= level * total * (1 - 1e-12)) return w;
    }
    return days - 1;
}

void metrics_compute(const metric_set *m, const scenario *s, const columns *c, const admission_cfg *adm,
                     const double *series, const double *waits, double *out)
{
    int days = (int)s->days, n = c->n, G = s->n_groups;
    for (int i = 0; i < m->n; i++) out[i] = 0;
    for (int t = 0; t < days; t++) {
        const double *r = series + (size_t)t * n;
        double st = r[COL_STRANDED];
        if (st > out[M_PEAK_STRANDED]) out[M_PEAK_STRANDED] = st;
        out[M_STRANDED_PERSON_DAYS] += st;
        out[M_TOTAL_SET_OUT] += r[COL_SET_OUT];
        out[M_TOTAL_ARRIVALS] += r[COL_ARRIVALS];
        out[M_TOTAL_ADMITTED] += r[COL_ADMITTED];
        out[M_TOTAL_REJECTED] += r[COL_REJECTED];
        out[M_BORDER_DEATHS] += r[COL_BORDER_DEATHS];
        out[M_CAMP_DEATHS] += r[COL_CAMP_DEATHS];
        out[M_TRANSIT_LOST] += r[COL_TRANSIT_LOST];
        out[M_BORDER_BIRTHS] += r[COL_BORDER_BIRTHS];
        out[M_BORDER_LEFT] += r[COL_BORDER_LEFT];
        out[M_CAMP_ENTRIES] += r[COL_CAMP_ENTRIES];
        if (r[COL_SCREENING] > out[M_PEAK_SCREENING]) out[M_PEAK_SCREENING] = r[COL_SCREENING];
        if (r[COL_CAMP_POPULATION] > out[M_PEAK_CAMP]) out[M_PEAK_CAMP] = r[COL_CAMP_POPULATION];
        int full = adm->n_receiving > 0;
        for (int i = 0; i < adm->n_receiving; i++) {
            int k = adm->receiving[i];
            full &= r[c->camp0 + k] >= r[c->capacity0 + k];
        }
        if (full) out[M_DAYS_CAMP_FULL] += 1;
        if (r[COL_STRANDED] > 0 && r[COL_WATER_LPD] < s->standards.water_minimum_lpd) out[M_DAYS_BELOW_WATER] += 1;
        if (r[COL_WATER_SHORTFALL_L] > out[M_PEAK_WATER_SHORTFALL]) out[M_PEAK_WATER_SHORTFALL] = r[COL_WATER_SHORTFALL_L];
        if (r[COL_SHELTER_SHORTFALL] > out[M_PEAK_SHELTER_SHORTFALL]) out[M_PEAK_SHELTER_SHORTFALL] = r[COL_SHELTER_SHORTFALL];
        if (r[COL_LATRINE_SHORTFALL] > out[M_PEAK_LATRINE_SHORTFALL]) out[M_PEAK_LATRINE_SHORTFALL] = r[COL_LATRINE_SHORTFALL];
        if (r[COL_FOOD_SHORTFALL_KCAL] > out[M_PEAK_FOOD_SHORTFALL]) out[M_PEAK_FOOD_SHORTFALL] = r[COL_FOOD_SHORTFALL_KCAL];
        double health_short = 0;   /* the border's: its sites' shortfalls added (no border column holds it) */
        for (int i = 0; i < s->n_sites; i++) health_short += r[c->place_needs0 + (size_t)i * PLACE_NEEDS + PN_HEALTH_SHORTFALL];
        if (health_short > out[M_PEAK_HEALTH_SHORTFALL]) out[M_PEAK_HEALTH_SHORTFALL] = health_short;
        for (int b = 0; b <= M_DAYS_BOUND_NOBODY - M_DAYS_BOUND_QUOTA; b++)
            out[M_DAYS_BOUND_QUOTA + b] += r[COL_BOUND_QUOTA + b];
        for (int g = 0; g < G; g++) {
            double *o = out + N_FIXED_METRICS + PER_GROUP * g;
            double a = r[c->group_admitted0 + g];
            o[0] += a;
            o[1] += a * r[c->group_wait0 + g];   /* a wait sum, divided below */
            if (r[c->group_stranded0 + g] > o[2]) o[2] = r[c->group_stranded0 + g];
        }
        for (int k = 0; k < s->n_camps; k++) {
            double *o = out + N_FIXED_METRICS + PER_GROUP * G + PER_CAMP * k;
            const double *pn = r + c->place_needs0 + (size_t)(s->n_sites + k) * PLACE_NEEDS;
            double people = r[c->camp0 + k];
            if (people > 0 && pn[PN_WATER_LPD] < s->standards.water_minimum_lpd) o[PC_DAYS_BELOW_WATER] += 1;
            if (pn[PN_WATER_SHORTFALL_L] > o[PC_PEAK_WATER_SHORTFALL]) o[PC_PEAK_WATER_SHORTFALL] = pn[PN_WATER_SHORTFALL_L];
            if (pn[PN_SHELTER_SHORTFALL] > o[PC_PEAK_SHELTER_SHORTFALL]) o[PC_PEAK_SHELTER_SHORTFALL] = pn[PN_SHELTER_SHORTFALL];
            if (pn[PN_LATRINE_SHORTFALL] > o[PC_PEAK_LATRINE_SHORTFALL]) o[PC_PEAK_LATRINE_SHORTFALL] = pn[PN_LATRINE_SHORTFALL];
            if (pn[PN_HEALTH_SHORTFALL] > o[PC_PEAK_HEALTH_SHORTFALL]) o[PC_PEAK_HEALTH_SHORTFALL] = pn[PN_HEALTH_SHORTFALL];
            if (pn[PN_FOOD_SHORTFALL_KCAL] > o[PC_PEAK_FOOD_SHORTFALL]) o[PC_PEAK_FOOD_SHORTFALL] = pn[PN_FOOD_SHORTFALL_KCAL];
        }
    }
    const double *last = series + (size_t)(days - 1) * n;
    out[M_FINAL_STRANDED] = last[COL_STRANDED];
    out[M_FINAL_CAMP] = last[COL_CAMP_POPULATION];
    double people = 0, waited = 0;   /* from the exact waits, not the rounded daily means */
    for (int w = 0; w < days; w++) { people += waits[w]; waited += w * waits[w]; }
    out[M_MEAN_WAIT] = people > 0 ? waited / people : 0;
    out[M_P90_WAIT] = metrics_wait_quantile(waits, days, 0.9);
    for (int g = 0; g < G; g++) {
        double *o = out + N_FIXED_METRICS + PER_GROUP * g;
        o[1] = o[0] > 0 ? o[1] / o[0] : 0;
    }
}
