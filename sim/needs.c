/* needs: daily needs against supply (see needs.h). */
#include "needs.h"
#include <stdlib.h>

/* out[t]: the supply of day t (< 0: enough); share[t] (when not NULL): what an
 * "enough" supply gives of the need that day, the factor while aid is cut. */
static void lay(double *out, double *share, int days, double base, const changes *c, const unsigned char *cut,
                double factor)
{
    for (int t = 0; t < days; t++) {
        int best = -1;
        for (int i = 0; i < c->n; i++)
            if (c->v[i].day <= t && (best < 0 || c->v[i].day >= c->v[best].day)) best = i;
        double v = best < 0 ? base : c->v[best].value;
        out[t] = v >= 0 && cut[t] ? v * factor : v;
        if (share) share[t] = v < 0 && cut[t] ? factor : 1.0;
    }
}

int needs_plan(supply_plan *p, const supply_cfg *cfg, int days, const unsigned char *cut)
{
    p->cfg = cfg;
    p->food_stock = 0;
    p->water = calloc((size_t)days, sizeof *p->water);
    p->food = calloc((size_t)days, sizeof *p->food);
    p->ration_days = calloc((size_t)days, sizeof *p->ration_days);
    p->shelters = calloc((size_t)days, sizeof *p->shelters);
    p->latrines = calloc((size_t)days, sizeof *p->latrines);
    p->health = calloc((size_t)days, sizeof *p->health);
    p->water_share = calloc((size_t)days, sizeof *p->water_share);
    p->food_share = calloc((size_t)days, sizeof *p->food_share);
    if (!p->water || !p->food || !p->ration_days || !p->shelters || !p->latrines || !p->health || !p->water_share ||
        !p->food_share) {
        needs_plan_free(p);
        return -1;
    }
    lay(p->water, p->water_share, days, cfg->water_l, &cfg->water_changes, cut, cfg->water_cut_factor);
    lay(p->food, p->food_share, days, cfg->food_kcal, &cfg->food_changes, cut, cfg->food_cut_factor);
    /* what is in place does not go away while aid is cut: factor 1 */
    lay(p->shelters, NULL, days, cfg->shelters, &cfg->shelter_changes, cut, 1.0);
    lay(p->latrines, NULL, days, cfg->latrines, &cfg->latrine_changes, cut, 1.0);
    lay(p->health, NULL, days, cfg->health_facilities, &cfg->health_changes, cut, 1.0);
    for (int i = 0; i < cfg->n_deliveries; i++) {
        const delivery *d = &cfg->deliveries[i];
        for (long t = d->day; t < d->day + d->days && t < days; t++) p->ration_days[t] += d->ration_days / (double)d->days;
    }
    return 0;
}

void needs_plan_free(supply_plan *p)
{
    free(p->water);
    free(p->food);
    free(p->ration_days);
    free(p->shelters);
    free(p->latrines);
    free(p->health);
    free(p->water_share);
    free(p->food_share);
    p->water = p->food = p->ration_days = p->shelters = p->latrines = p->health = NULL;
    p->water_share = p->food_share = NULL;
}

/* A stock that is enough (< 0) gives exactly what is needed. */
static double give(double supply, double need) { return supply < 0 ? need : supply; }

void needs_day_compute(supply_plan *p, const standards_cfg *std, int border, double people, int t, needs_day *out)
{
    double standard = border ? std->water_border_lpd : std->water_camp_lpd;
    out->water_need = people * standard;
    double ws = p->water_share[t];
    out->water_supply = p->water[t] < 0 ? out->water_need * ws : p->water[t];
    out->water_enough = p->water[t] < 0 && ws == 1.0;
    /* An "enough" supply gives exactly the standard, or its share of it: not
     * supply / people, which can come out a hair under it. */
    out->water_lpd = people <= 0 ? 0 : p->water[t] < 0 ? standard * ws : out->water_supply / people;
    out->food_need = people * std->kcal_per_person;
    p->food_stock += p->ration_days[t] * people * std->kcal_per_person;
    double food = p->food[t] < 0 ? out->food_need * p->food_share[t] : p->food[t];
    if (food < out->food_need && p->food_stock > 0) {   /* eat from the delivered rations */
        double gap = out->food_need - food;
        if (gap <= p->food_stock) {   /* covered: exactly the need (food + gap can round a hair under it) */
            food = out->food_need;
            p->food_stock -= gap;
        } else {
            food += p->food_stock;
            p->food_stock = 0;
        }
    }
    out->food_supply = food;
    out->shelters_need = people / std->persons_per_shelter;
    out->shelters = give(p->shelters[t], out->shelters_need);
    out->latrines_need = people / (border ? std->persons_per_latrine_border : std->persons_per_latrine_camp);
    out->latrines = give(p->latrines[t], out->latrines_need);
    out->health_need = people / std->persons_per_health_facility;
    out->health = give(p->health[t], out->health_need);
}

double needs_water_lpd(const needs_day *n, double people)
{
    return people > 0 ? n->water_lpd : 0;
}

/* Assumption (docs/model.md, "Needs and conditions"): below the threshold, border crude
 * mortality rises linearly with the water shortfall, to water_max_factor times
 * the usual rate with no water at all. The form follows the dose-response shape
 * of diarrhoeal disease risk against water quantity, steepest below the 15 L/day
 * emergency standard (UNHCR WASH standards, data/standards.md); the size of the
 * effect is not known from the 2016 data and is a scenario parameter. */
double needs_mortality_factor(const conditions_cfg *c, double lpd, double people)
{
    if (!c->water_mortality || people <= 0 || lpd >= c->water_threshold_lpd) return 1.0;
    double short_share = 1.0 - lpd / c->water_threshold_lpd;
    return 1.0 + (c->water_max_factor - 1.0) * short_share;
}
