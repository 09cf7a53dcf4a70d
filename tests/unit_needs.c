/* Tests of needs, supply and the water mortality rule. */
#include "columns.h"
#include "config.h"
#include "model.h"
#include "needs.h"
#include "testlib.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static scenario *load(const char *text)
{
    static int n;
    char path[256];
    snprintf(path, sizeof path, "tests/tmp/unit_needs_%d.cfg", n++);
    FILE *f = fopen(path, "w");
    if (!f) { perror(path); exit(1); }
    fputs(text, f);
    fclose(f);
    diag d = {0};
    scenario *s = scenario_load(path, NULL, 0, &d);
    if (!s) { diag_print(&d); fprintf(stderr, "bad test config %s\n", path); exit(1); }
    diag_clear(&d);
    return s;
}

#define BASE \
    "scenario = { name = \"n\"; start = \"2016-01-01\"; days = 90; };\n" \
    "origins = ( { name = \"O\"; rate = 300.0; travel = { mean_days = 5.0; sd_days = 2.0; }; sites = { R = 0.7; H = 0.3; }; } );\n" \
    "aid = { cuts = ( { from = \"2016-02-01\"; to = \"2016-03-01\"; } ); };\n" \
    "admission = { quota = 100.0; };\n"
#define PLAIN_SITES \
    "sites = ( { name = \"R\"; initial = 20000.0; cmr = 0.5; birth_rate = 30.0; leave_rate = 0.001; aid_cut_factor = 2.0; },\n" \
    "          { name = \"H\"; initial = 2000.0; cmr = 0.5; } );\n" \
    "camps = ( { name = \"C\"; initial = 5000.0; capacity = 1e6; cmr = 0.2; } );\n"
#define SUPPLIED_SITES \
    "sites = ( { name = \"R\"; initial = 20000.0; cmr = 0.5; birth_rate = 30.0; leave_rate = 0.001; aid_cut_factor = 2.0;\n" \
    "            supply = { water_l = 200000.0; water_cut_factor = 0.3; food_kcal = 0.0; shelters = 3000.0; latrines = 100.0;\n" \
    "                       deliveries = ( { date = \"2016-02-10\"; days = 3; ration_days = 30.0; } ); }; },\n" \
    "          { name = \"H\"; initial = 2000.0; cmr = 0.5; supply = { water_l = 50000.0; }; } );\n" \
    "camps = ( { name = \"C\"; initial = 5000.0; capacity = 1e6; cmr = 0.2; supply = { water_l = 150000.0; latrines = 100.0; }; } );\n"

TEST(needs_are_population_times_standard)
{
    scenario *s = load(BASE SUPPLIED_SITES "standards = { water_border_lpd = 15.0; persons_per_latrine_border = 50.0; };\n");
    sim *m = sim_new(s, -1, 1);
    sim_start(m, 1, 0);
    const columns *c = sim_columns(m);
    int bad = 0;
    for (int t = 0; t < 90; t++) {
        /* the needs are reckoned on the people there after today's arrivals */
        sim_step(m);
        const double *r = sim_row(m);
        double people = r[COL_WATER_NEED_L] / 15.0;
        if (fabs(r[COL_SHELTERS_NEEDED] - people / 5.0) > 1e-9 * people) bad++;
        if (fabs(r[COL_LATRINES_NEEDED] - people / 50.0) > 1e-9 * people) bad++;
        if (fabs(r[COL_FOOD_NEED_KCAL] - people * 2100.0) > 1e-6 * people) bad++;
        if (fabs(r[COL_HEALTH_FACILITIES_NEEDED] - people / 10000.0) > 1e-12 * people) bad++;
        if (fabs(r[COL_WATER_LPD] - r[COL_WATER_SUPPLY_L] / people) > 1e-9) bad++;
        /* the camp's water: 150,000 litres for its population */
        double camp = r[c->camp0];
        if (fabs(r[c->place_needs0 + 2 * PLACE_NEEDS + PN_WATER_LPD] - 150000.0 / camp) > 1e-9) bad++;
    }
    CHECK(bad == 0);
    sim_free(m);
    /* On day 0 the people at the border are the initial 22,000 and day 0's few
     * arrivals (a = those of a zero-day journey), 70% of them at R. */
    m = sim_new(s, -1, 1);
    sim_start(m, 1, 0);
    sim_step(m);
    double a = sim_row(m)[COL_ARRIVALS];
    CHECK_NEAR(sim_row(m)[COL_WATER_NEED_L], (22000 + a) * 15.0, 1e-9);
    CHECK_NEAR(sim_row(m)[COL_WATER_SUPPLY_L], 250000.0, 1e-9);
    CHECK_NEAR(sim_row(m)[COL_WATER_SHORTFALL_L], (20000 + 0.7 * a) * 15.0 - 200000.0, 1e-9);   /* R short, H not */
    sim_free(m);
    scenario_free(s);
}

TEST(shortfalls_never_negative_and_rations_are_eaten)
{
    scenario *s = load(BASE SUPPLIED_SITES);
    sim *m = sim_new(s, -1, 0);
    const columns *c = sim_columns(m);
    int negative = 0, fed = 0, cut_less = 0;
    for (int r = 0; r < 5; r++) {
        sim_start(m, 2, r);
        for (int t = 0; t < 90; t++) {
            sim_step(m);
            const double *row = sim_row(m);
            for (int k = c->place_needs0; k < c->place_needs0 + 3 * PLACE_NEEDS; k++)
                if (row[k] < 0) negative++;
            int shortfalls[] = {COL_WATER_SHORTFALL_L, COL_SHELTER_SHORTFALL, COL_LATRINE_SHORTFALL, COL_FOOD_SHORTFALL_KCAL};
            for (int i = 0; i < 4; i++)
                if (row[shortfalls[i]] < 0) negative++;
            if (t >= 40 && t <= 60 && row[COL_FOOD_SUPPLY_KCAL] > 0) fed++;   /* the rations of 10 Feb */
            if (t >= 31 && t <= 60 && row[COL_WATER_SUPPLY_L] >= 250000.0) cut_less++;
        }
    }
    CHECK(negative == 0);
    CHECK(fed > 0);
    CHECK(cut_less == 0);   /* water is cut to 30% at R while aid is cut */
    sim_free(m);
    scenario_free(s);
}

TEST(rule_off_gives_the_same_numbers_as_without_the_feature)
{
    scenario *a = load(BASE PLAIN_SITES);
    scenario *b = load(BASE SUPPLIED_SITES "conditions = { water_mortality = false; water_max_factor = 3.0; };\n");
    sim *ma = sim_new(a, -1, 0), *mb = sim_new(b, -1, 0);
    const columns *c = sim_columns(ma);
    int differ = 0;
    for (int r = 0; r < 3; r++) {
        sim_start(ma, 9, r);
        sim_start(mb, 9, r);
        for (int t = 0; t < 90; t++) {
            sim_step(ma);
            sim_step(mb);
            for (int k = 0; k < c->n; k++) {
                int needs_col = (k >= COL_WATER_NEED_L && k < N_FIXED_COLUMNS) || k >= c->place_needs0;
                if (!needs_col && memcmp(&sim_row(ma)[k], &sim_row(mb)[k], sizeof(double))) differ++;
            }
        }
    }
    CHECK(differ == 0);
    sim_free(ma);
    sim_free(mb);
    scenario_free(a);
    scenario_free(b);
}

TEST(rule_on_raises_deaths_when_water_is_short)
{
    scenario *off = load(BASE SUPPLIED_SITES);
    scenario *on = load(BASE SUPPLIED_SITES "conditions = { water_mortality = true; water_max_factor = 3.0; };\n");
    sim *a = sim_new(off, -1, 1), *b = sim_new(on, -1, 1);
    sim_start(a, 1, 0);
    sim_start(b, 1, 0);
    sim_step(a);
    sim_step(b);
    /* Day 0: R has about 20,000 people and 200,000 L: about 10 L/p/d, a third short
     * of 15, so its cmr is multiplied by 1 + 2 (1 - lpd / 15); H has 25 L/p/d: no change. */
    double arrived = sim_row(a)[COL_ARRIVALS], r = 20000 + 0.7 * arrived, h = 2000 + 0.3 * arrived;
    double lpd = 200000.0 / r;
    CHECK_NEAR(sim_row(a)[COL_BORDER_DEATHS], (r + h) * 0.5e-4, 1e-9);
    CHECK_NEAR(sim_row(b)[COL_BORDER_DEATHS], r * 0.5e-4 * (1 + 2.0 * (1 - lpd / 15.0)) + h * 0.5e-4, 1e-9);
    sim_free(a);
    sim_free(b);
    scenario_free(off);
    scenario_free(on);
}

/* Health facilities in place change on dates like shelters and latrines (no
 * column reports them: the plan itself is read). 2 facilities, 5 from day 3,
 * "enough" (-1) from day 6: then what is needed is what is in place. */
TEST(health_facilities_change_on_dates)
{
    scenario *s = load("scenario = { name = \"h\"; start = \"2016-01-01\"; days = 10; };\n"
                       "sites = ( { name = \"S\"; initial = 30000.0; supply = { health_facilities = 2.0;\n"
                       "  health_changes = ( { date = \"2016-01-04\"; value = 5.0; }, { date = \"2016-01-07\"; value = -1.0; } ); }; } );\n"
                       "camps = ( { name = \"C\"; capacity = 1e9; } );\n");
    unsigned char cut[10] = {0};
    supply_plan p;
    CHECK(needs_plan(&p, &s->sites[0].supply, 10, cut) == 0);
    int bad = 0;
    for (int t = 0; t < 10; t++) {
        needs_day n;
        needs_day_compute(&p, &s->standards, 1, 30000, t, &n);
        if (n.health_need != 3 || n.health != (t < 3 ? 2 : t < 6 ? 5 : 3)) bad++;
    }
    CHECK(bad == 0);
    needs_plan_free(&p);
    scenario_free(s);
}

int main(void)
{
    RUN(needs_are_population_times_standard);
    RUN(shortfalls_never_negative_and_rations_are_eaten);
    RUN(rule_off_gives_the_same_numbers_as_without_the_feature);
    RUN(rule_on_raises_deaths_when_water_is_short);
    RUN(health_facilities_change_on_dates);
    return test_summary();
}
