/* unit_places: the layout of the series by place (places.h) and its running
 * totals and metrics on numbers worked by hand. */
#include "columns.h"
#include "config.h"
#include "places.h"
#include "testlib.h"
#include <stdlib.h>
#include <string.h>

static scenario *load(const char *path)
{
    diag d = {0};
    scenario *s = scenario_load(path, NULL, 0, &d);
    if (!s) { diag_print(&d); fprintf(stderr, "bad test config %s\n", path); exit(1); }
    diag_clear(&d);
    return s;
}

/* Two sites and two camps: each total has running totals of its own. */
TEST(layout_two_and_two)
{
    scenario *s = load("tests/data/places.cfg");
    columns *c = columns_new(s);
    places *p = places_new(s, c);
    CHECK(p && p->n_rows == 6);
    static const char *const kinds[] = {"site", "site", "sites", "camp", "camp", "camps"};
    static const char *const names[] = {"East", "West", "all", "Azraq", "Zaatari", "all"};
    for (int r = 0; r < 6; r++) {
        CHECK(!strcmp(places_kind_name(p->rows[r].kind), kinds[r]));
        CHECK(!strcmp(p->rows[r].name, names[r]));
    }
    /* a site: 6 flows and 3 running totals stored; a camp 5 and 2; each total its 3 or 2 */
    CHECK(p->cells == 2 * 9 + 3 + 2 * 7 + 2);
    CHECK(p->rows[1].cell[PL_PEOPLE] == PLACE_SERIES(c->site0 + 1));
    CHECK(p->rows[4].cell[PL_CAPACITY] == PLACE_SERIES(c->capacity0 + 1));
    CHECK(p->rows[2].cell[PF_ADMITTED] == PLACE_SERIES(COL_ADMITTED));
    CHECK(p->rows[5].cell[PF_ENTRIES] == PLACE_SERIES(COL_CAMP_ENTRIES));
    CHECK(p->rows[0].cell[PF_ENTRIES] == PLACE_NONE && p->rows[3].cell[PF_ARRIVALS] == PLACE_NONE);
    CHECK(p->rows[2].cell[PL_CUM_DEATHS] >= 0 && p->rows[5].cell[PL_CUM_DEATHS] >= 0);
    places_free(p);
    columns_free(c);
    scenario_free(s);
}

/* One site and one camp: the totals are those places' own cells. */
TEST(layout_single_places_share)
{
    scenario *s = load("configs/examples/steady-queue.cfg");
    columns *c = columns_new(s);
    places *p = places_new(s, c);
    CHECK(p && p->n_rows == 4 && p->cells == 9 + 7);
    for (int k = 0; k < PLACE_COLUMNS; k++) {
        if (k >= PL_CUM_ARRIVALS) CHECK(p->rows[1].cell[k] == p->rows[0].cell[k] && p->rows[3].cell[k] == p->rows[2].cell[k]);
    }
    places_free(p);
    columns_free(c);
    scenario_free(s);
}

/* Three days of hand-made flows at two sites and two camps: running totals
 * and the totals of all sites and camps, then the metrics. Site East arrives
 * 10, 20, 30 and loses 1, 0, 2 to death; West 5, 5, 5 and 0, 1, 1. Azraq takes
 * in 4, 6, 8, Zaatari nothing; camps' deaths 1, 1, 0 (Azraq) and 0, 2, 0. */
TEST(running_totals_and_metrics_by_hand)
{
    scenario *s = load("tests/data/places.cfg");
    columns *c = columns_new(s);
    places *p = places_new(s, c);
    int n = c->n, pc = p->cells, F = PLACE_FLOWS;
    double series[3 * 200] = {0}, cells[3 * 64] = {0}, flows[4 * PLACE_FLOWS];
    CHECK(n <= 200 && pc <= 64);
    double east_arr[] = {10, 20, 30}, east_dead[] = {1, 0, 2}, west_arr[] = {5, 5, 5}, west_dead[] = {0, 1, 1};
    double azraq_in[] = {4, 6, 8}, azraq_dead[] = {1, 1, 0}, zaatari_dead[] = {0, 2, 0};
    double east_people[] = {100, 120, 140}, west_people[] = {50, 40, 60}, azraq_people[] = {900, 1000, 1000};
    for (int t = 0; t < 3; t++) {
        memset(flows, 0, sizeof flows);
        flows[0 * F + PF_ARRIVALS] = east_arr[t], flows[0 * F + PF_DEATHS] = east_dead[t];
        flows[1 * F + PF_ARRIVALS] = west_arr[t], flows[1 * F + PF_DEATHS] = west_dead[t];
        flows[2 * F + PF_ENTRIES] = azraq_in[t], flows[2 * F + PF_DEATHS] = azraq_dead[t];
        flows[3 * F + PF_DEATHS] = zaatari_dead[t];
        double *row = series + t * n;   /* the series' own totals, as the model writes them */
        row[COL_ARRIVALS] = east_arr[t] + west_arr[t];
        row[COL_BORDER_DEATHS] = east_dead[t] + west_dead[t];
        row[COL_CAMP_ENTRIES] = azraq_in[t];
        row[COL_CAMP_DEATHS] = azraq_dead[t] + zaatari_dead[t];
        row[c->site0] = east_people[t], row[c->site0 + 1] = west_people[t];
        row[COL_STRANDED] = east_people[t] + west_people[t];
        row[c->camp0] = azraq_people[t], row[c->capacity0] = 1000, row[c->camp0 + 1] = 700, row[c->capacity0 + 1] = 1000;
        row[COL_CAMP_POPULATION] = azraq_people[t] + 700, row[COL_CAMP_CAPACITY] = 2000;
        places_day(p, row, flows, t ? cells + (t - 1) * pc : NULL, cells + t * pc);
    }
#define AT(t, r, k) places_value(p->rows[r].cell[k], series + (t) * n, cells + (t) * pc)
    CHECK(AT(2, 0, PL_CUM_ARRIVALS) == 60 && AT(2, 1, PL_CUM_ARRIVALS) == 15 && AT(2, 2, PL_CUM_ARRIVALS) == 75);
    CHECK(AT(1, 0, PL_CUM_DEATHS) == 1 && AT(2, 0, PL_CUM_DEATHS) == 3 && AT(2, 2, PL_CUM_DEATHS) == 5);
    CHECK(AT(2, 3, PL_CUM_ENTRIES) == 18 && AT(2, 5, PL_CUM_ENTRIES) == 18);
    CHECK(AT(2, 4, PL_CUM_DEATHS) == 2 && AT(2, 5, PL_CUM_DEATHS) == 4);
    CHECK(AT(1, 2, PF_ARRIVALS) == 25 && AT(2, 2, PL_PEOPLE) == 200);
    double m[6 * PLACE_METRICS];
    places_metrics(p, 3, series, n, cells, m);
#define M(r, k) m[(r) * PLACE_METRICS + (k)]
    CHECK(M(0, PM_ARRIVALS) == 60 && M(0, PM_DEATHS) == 3 && M(0, PM_PEAK) == 140 && M(0, PM_FINAL) == 140);
    CHECK(M(0, PM_PERSON_DAYS) == 360 && M(1, PM_PEAK) == 60 && M(1, PM_FINAL) == 60 && M(1, PM_PERSON_DAYS) == 150);
    CHECK(M(2, PM_ARRIVALS) == 75 && M(2, PM_PEAK) == 200 && M(2, PM_PERSON_DAYS) == 510);
    CHECK(M(3, PM_ENTRIES) == 18 && M(3, PM_DAYS_FULL) == 2 && M(3, PM_PEAK) == 1000);   /* full on days 1 and 2 */
    CHECK(M(4, PM_DAYS_FULL) == 0 && M(4, PM_DEATHS) == 2 && M(5, PM_DEATHS) == 4 && M(5, PM_DAYS_FULL) == 0);
    places_free(p);
    columns_free(c);
    scenario_free(s);
}

int main(void)
{
    RUN(layout_two_and_two);
    RUN(layout_single_places_share);
    RUN(running_totals_and_metrics_by_hand);
    return test_summary();
}
