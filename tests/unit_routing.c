/* Tests of the routing of the screened into several camps (routing.h):
 * hand-computed deterministic cases for each routing and for overflow, the
 * shares split within k standard errors of its multinomial, and the admission
 * limits that use the receiving camps' free places together. */
#include "columns.h"
#include "config.h"
#include "metrics.h"
#include "model.h"
#include "testlib.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static scenario *load(const char *text)
{
    static int n;
    char path[256];
    snprintf(path, sizeof path, "tests/tmp/unit_routing_%d.cfg", n++);
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

static double col(const sim *m, const char *name)
{
    int i = columns_find(sim_columns(m), name);
    if (i < 0) { fprintf(stderr, "no column %s\n", name); exit(1); }
    return sim_row(m)[i];
}

/* 1000 people waiting, all admitted on day 0 (policy open unless given) and through screening the same
 * day (no vetting time), into camps A, B, C with the given capacities and
 * initial populations, under the given admission keys. One day. */
static sim *one_day(const char *admission, double capA, double initA, double capB, double initB, int det,
                    unsigned long seed, long rep, scenario **s)
{
    char text[2048];
    snprintf(text, sizeof text,
             "scenario = { name = \"t\"; start = \"2016-01-01\"; days = 1; };\n"
             "sites = ( { name = \"S\"; initial = 1000.0; } );\n"
             "admission = { %s %s };\n"
             "camps = ( { name = \"A\"; capacity = %.1f; initial = %.1f; }, { name = \"B\"; capacity = %.1f; initial = %.1f; },\n"
             "          { name = \"C\"; capacity = 0.0; } );\n",
             strstr(admission, "policy") ? "" : "policy = \"open\";", admission, capA, initA, capB, initB);
    *s = load(text);
    sim *m = sim_new(*s, -1, det);
    sim_start(m, seed, rep);
    sim_step(m);
    return m;
}

/* days_camp_full of a one-day run: 1 when every receiving camp is full. */
static double days_full(const sim *m, const scenario *s)
{
    metric_set *ms = metrics_new(s);
    double *out = calloc((size_t)ms->n, sizeof *out), w[1] = {0}, v;
    metrics_compute(ms, s, sim_columns(m), &s->admission, sim_row(m), w, out);
    v = out[metrics_find(ms, "days_camp_full")];
    free(out);
    metrics_free(ms);
    return v;
}

#define ENTERED(m, camp, init) (col(m, "camp_" camp) - (init))

TEST(shares_split_the_entries_deterministic)
{
    scenario *s;
    /* 0.7 / 0.3 of 1000: 700 and 300. */
    sim *m = one_day("routing = \"shares\"; camp_shares = { A = 0.7; B = 0.3; };", 1e6, 0, 1e6, 0, 1, 1, 0, &s);
    CHECK_NEAR(sim_row(m)[COL_CAMP_ENTRIES], 1000, 1e-9);
    CHECK_NEAR(ENTERED(m, "A", 0), 700, 1e-9);
    CHECK_NEAR(ENTERED(m, "B", 0), 300, 1e-9);
    CHECK_NEAR(col(m, "camp_C"), 0, 0);
    sim_free(m); scenario_free(s);
    /* A has 500 free places: its 700 are 500, and the 200 it cannot take go on to B. */
    m = one_day("routing = \"shares\"; camp_shares = { A = 0.7; B = 0.3; };", 600, 100, 1e6, 0, 1, 1, 0, &s);
    CHECK_NEAR(ENTERED(m, "A", 100), 500, 1e-9);
    CHECK_NEAR(ENTERED(m, "B", 0), 500, 1e-9);
    sim_free(m); scenario_free(s);
    /* B (second) is full: its 300 go around to A. */
    m = one_day("routing = \"shares\"; camp_shares = { A = 0.7; B = 0.3; };", 1e6, 0, 50, 50, 1, 1, 0, &s);
    CHECK_NEAR(ENTERED(m, "A", 0), 1000, 1e-9);
    CHECK_NEAR(ENTERED(m, "B", 50), 0, 1e-9);
    sim_free(m); scenario_free(s);
}

TEST(first_with_room_fills_in_rank_order_deterministic)
{
    scenario *s;
    /* A (rank 1, written second) to its capacity of 600, then B. */
    sim *m = one_day("routing = \"first_with_room\"; camp_order = { B = 2.0; A = 1.0; };", 600, 0, 1e6, 0, 1, 1, 0, &s);
    CHECK_NEAR(ENTERED(m, "A", 0), 600, 1e-9);
    CHECK_NEAR(ENTERED(m, "B", 0), 400, 1e-9);
    sim_free(m); scenario_free(s);
    /* Room for 600 + 300 only: the last, B, takes the rest past its capacity. */
    m = one_day("routing = \"first_with_room\"; camp_order = { B = 2.0; A = 1.0; };", 600, 0, 300, 0, 1, 1, 0, &s);
    CHECK_NEAR(ENTERED(m, "A", 0), 600, 1e-9);
    CHECK_NEAR(ENTERED(m, "B", 0), 400, 1e-9);
    sim_free(m); scenario_free(s);
    /* The same in stochastic mode: whole people, the same numbers. */
    m = one_day("routing = \"first_with_room\"; camp_order = { B = 2.0; A = 1.0; };", 600.5, 0, 1e6, 0, 0, 1, 0, &s);
    CHECK_NEAR(ENTERED(m, "A", 0), 600, 0);
    CHECK_NEAR(ENTERED(m, "B", 0), 400, 0);
    sim_free(m); scenario_free(s);
}

TEST(free_places_in_proportion_deterministic)
{
    scenario *s;
    /* Free places 200 (300 - 100) and 800 (1000 - 200); C has none: 500 go
     * 500 x 200/1000 = 100 and 500 x 800/1000 = 400. */
    sim *m = one_day("routing = \"free_places\";", 300, 100, 1000, 200, 1, 1, 0, &s);
    CHECK_NEAR(ENTERED(m, "A", 100), 1000 * 0.2, 1e-9);   /* 1000 admitted: A is filled, B too */
    sim_free(m); scenario_free(s);
    m = one_day("routing = \"free_places\"; quota = 500.0; policy = \"quota\";", 300, 100, 1000, 200, 1, 1, 0, &s);
    CHECK_NEAR(ENTERED(m, "A", 100), 100, 1e-9);
    CHECK_NEAR(ENTERED(m, "B", 200), 400, 1e-9);
    CHECK_NEAR(col(m, "camp_C"), 0, 1e-9);
    sim_free(m); scenario_free(s);
}

/* Stochastic: 0.7 / 0.3 of 1000 is a binomial for A, mean 700, variance 210;
 * the mean within 4 standard errors over 400 replicates, the variance within 25%. */
TEST(shares_split_within_4_standard_errors_stochastic)
{
    double sx = 0, sxx = 0;
    int R = 400, whole = 1;
    for (int r = 0; r < R; r++) {
        scenario *s;
        sim *m = one_day("routing = \"shares\"; camp_shares = { A = 0.7; B = 0.3; };", 1e6, 0, 1e6, 0, 0, 5, r, &s);
        double a = ENTERED(m, "A", 0), b = ENTERED(m, "B", 0);
        if (a != floor(a) || a + b != 1000) whole = 0;
        sx += a;
        sxx += a * a;
        sim_free(m);
        scenario_free(s);
    }
    double mean = sx / R, var = (sxx - sx * sx / R) / (R - 1);
    CHECK(whole);
    CHECK_NEAR(mean, 700, 4 * sqrt(210.0 / R));
    CHECK_NEAR(var, 210, 0.25 * 210);
}

/* The limits that use camp room see the receiving camps' free places together:
 * capacity admits 100 + 50 (A and B have 100 and 50 free), camp_limit holds a
 * quota of 500 to the same 150; with one camp (routing camp, A) 100. */
TEST(camp_room_of_the_receiving_camps_together)
{
    scenario *s;
    sim *m = one_day("routing = \"first_with_room\"; camp_order = { A = 1.0; B = 2.0; }; policy = \"capacity\";",
                     100, 0, 60, 10, 1, 1, 0, &s);
    CHECK_NEAR(sim_row(m)[COL_ADMITTED], 150, 1e-9);
    CHECK_NEAR(ENTERED(m, "A", 0), 100, 1e-9);
    CHECK_NEAR(ENTERED(m, "B", 10), 50, 1e-9);
    CHECK(sim_camp_full(m));
    CHECK_NEAR(days_full(m, s), 1, 0);
    sim_free(m); scenario_free(s);
    m = one_day("routing = \"free_places\"; camp_order = { A = 1.0; B = 2.0; }; policy = \"quota\"; quota = 500.0; "
                "camp_limit = true;", 100, 0, 60, 10, 1, 1, 0, &s);
    CHECK_NEAR(sim_row(m)[COL_ADMITTED], 150, 1e-9);
    CHECK_NEAR(sim_row(m)[COL_BOUND_CAMP], 1, 0);
    sim_free(m); scenario_free(s);
    m = one_day("policy = \"capacity\";", 100, 0, 60, 10, 1, 1, 0, &s);
    CHECK_NEAR(sim_row(m)[COL_ADMITTED], 100, 1e-9);
    CHECK(sim_camp_full(m));
    sim_free(m); scenario_free(s);
    /* Not full while one receiving camp has room. */
    m = one_day("routing = \"first_with_room\"; camp_order = { A = 1.0; B = 2.0; }; policy = \"quota\"; quota = 120.0;",
                100, 0, 60, 10, 1, 1, 0, &s);
    CHECK(!sim_camp_full(m));
    CHECK_NEAR(days_full(m, s), 0, 0);   /* A is full, B is not: days_camp_full counts all of them */
    sim_free(m); scenario_free(s);
}

int main(void)
{
    RUN(shares_split_the_entries_deterministic);
    RUN(first_with_room_fills_in_rank_order_deterministic);
    RUN(free_places_in_proportion_deterministic);
    RUN(shares_split_within_4_standard_errors_stochastic);
    RUN(camp_room_of_the_receiving_camps_together);
    return test_summary();
}
