/* Tests of relocations, evacuations and transfers (moves.h): hand-computed
 * deterministic cases, whole batches, the waits of people moved between sites,
 * a draw of their own, and the split of a batch among groups within k standard
 * errors of the multivariate hypergeometric's. */
#include "columns.h"
#include "config.h"
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
    snprintf(path, sizeof path, "tests/tmp/unit_moves_%d.cfg", n++);
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

static sim *started(const scenario *s, int deterministic, unsigned long seed, long rep)
{
    sim *m = sim_new(s, -1, deterministic);
    sim_start(m, seed, rep);
    return m;
}

/* Nobody arrives, nobody is admitted: only the moves and what the config adds. */
#define STILL(days, extra) \
    "scenario = { name = \"t\"; start = \"2016-01-01\"; days = " #days "; };\n" \
    "admission = { policy = \"closed\"; };\n" extra

static double col(const sim *m, const char *name)
{
    int i = columns_find(sim_columns(m), name);
    if (i < 0) { fprintf(stderr, "no column %s\n", name); exit(1); }
    return sim_row(m)[i];
}

/* share 1 over 3 days: each day a person there goes with the chance
 * 1/(3 - k): 3000 -> 2000 -> 1000 -> 0, 1000 a day into the camp; share 0.6
 * over 3 days: chances 0.2, 0.25, 1/3, so 600 a day of 3000, 1800 in all. */
TEST(evacuation_by_share_deterministic)
{
    scenario *s = load(STILL(6,
        "sites = ( { name = \"A\"; initial = 3000.0; }, { name = \"B\"; initial = 3000.0; } );\n"
        "camps = ( { name = \"C\"; capacity = 10.0; }, { name = \"D\"; capacity = 10.0; } );\n"
        "relocations = ( { date = \"2016-01-02\"; days = 3; site = \"A\"; to = \"camp:D\"; share = 1.0; },\n"
        "                { date = \"2016-01-02\"; days = 3; site = \"B\"; to = \"out\"; share = 0.6; } );\n"));
    sim *m = started(s, 1, 1, 0);
    const double a[] = {3000, 2000, 1000, 0, 0, 0}, b[] = {3000, 2400, 1800, 1200, 1200, 1200};
    for (int t = 0; t < 6; t++) {
        sim_step(m);
        CHECK_NEAR(col(m, "stranded_A"), a[t], 1e-9);
        CHECK_NEAR(col(m, "camp_D"), 3000 - a[t], 1e-9);   /* over its capacity of 10: moves ignore room */
        CHECK_NEAR(col(m, "relocated_to_camps"), t >= 1 && t <= 3 ? 1000 : 0, 1e-9);
        CHECK_NEAR(col(m, "stranded_B"), b[t], 1e-9);
        CHECK_NEAR(col(m, "relocated_out"), t >= 1 && t <= 3 ? 600 : 0, 1e-9);
        CHECK_NEAR(sim_row(m)[COL_BORDER_LEFT], t >= 1 && t <= 3 ? 600 : 0, 1e-9);   /* they leave the border */
        CHECK_NEAR(col(m, "camp_C"), 0, 0);
        CHECK_NEAR(sim_row(m)[COL_ADMITTED] + sim_row(m)[COL_CAMP_ENTRIES], 0, 0);   /* no screening */
    }
    sim_free(m);
    scenario_free(s);
}

/* With people giving up as well (leave_rate 0.1, before the move each day):
 * day 0: 1000 - 100 leave = 900, half of them moved (450); day 1: 450 - 45 =
 * 405, all moved. 855 evacuated, 145 gave up: border_left 550, 450, 0 (the
 * evacuated leave the border too), 1000 in all. */
TEST(evacuation_with_leavers_deterministic)
{
    scenario *s = load(STILL(3,
        "sites = ( { name = \"A\"; initial = 1000.0; leave_rate = 0.1; } );\n"
        "camps = ( { name = \"C\"; capacity = 10.0; } );\n"
        "relocations = ( { date = \"2016-01-01\"; days = 2; site = \"A\"; to = \"out\"; share = 1.0; } );\n"));
    sim *m = started(s, 1, 1, 0);
    double out = 0, left = 0;
    const double moved[] = {450, 405, 0}, gone[] = {550, 450, 0};
    for (int t = 0; t < 3; t++) {
        sim_step(m);
        CHECK_NEAR(col(m, "relocated_out"), moved[t], 1e-9);
        CHECK_NEAR(sim_row(m)[COL_BORDER_LEFT], gone[t], 1e-9);
        out += col(m, "relocated_out");
        left += sim_row(m)[COL_BORDER_LEFT];
    }
    CHECK_NEAR(out, 855, 1e-9);
    CHECK_NEAR(left - out, 145, 1e-9);   /* gave up */
    CHECK_NEAR(col(m, "stranded_A"), 0, 1e-9);
    sim_free(m);
    scenario_free(s);
}

/* people = 1000 over 3 days: 333.33 a day in expectation; whole batches
 * 333, 333, 334 in stochastic mode; never more than are there (500 of 1200). */
TEST(batches_of_people)
{
    scenario *s = load(STILL(4,
        "sites = ( { name = \"A\"; initial = 5000.0; }, { name = \"B\"; initial = 500.0; } );\n"
        "camps = ( { name = \"C\"; capacity = 10.0; } );\n"
        "relocations = ( { date = \"2016-01-01\"; days = 3; site = \"A\"; to = \"out\"; people = 1000.0; },\n"
        "                { date = \"2016-01-04\"; site = \"B\"; to = \"camp:C\"; people = 1200.0; } );\n"));
    const double whole[] = {333, 333, 334, 0};
    for (int det = 0; det < 2; det++) {
        sim *m = started(s, det, 5, 0);
        for (int t = 0; t < 4; t++) {
            sim_step(m);
            CHECK_NEAR(col(m, "relocated_out"), det ? (t < 3 ? 1000.0 / 3 : 0) : whole[t], 1e-9);
            CHECK_NEAR(col(m, "relocated_to_camps"), t == 3 ? 500 : 0, 1e-9);
        }
        CHECK_NEAR(col(m, "stranded_A"), 4000, 1e-9);
        CHECK_NEAR(col(m, "camp_C"), 500, 1e-9);
        sim_free(m);
    }
    scenario_free(s);
}

/* People moved to another site queue there from the day of the move: 100 wait
 * at A from day 0, all moved to B on day 5 and admitted on day 5 (the border
 * opens then) wait 0 days; without the move they would have waited 5. */
TEST(moved_between_sites_queue_anew)
{
    const char *text =
        "scenario = { name = \"t\"; start = \"2016-01-01\"; days = 7; };\n"
        "sites = ( { name = \"A\"; initial = 100.0; }, { name = \"B\"; } );\n"
        "camps = ( { name = \"C\"; capacity = 1000.0; } );\n"
        "admission = { policy = \"closed\"; policy_changes = ( { date = \"2016-01-06\"; policy = \"open\"; } ); };\n"
        "relocations = ( { date = \"2016-01-06\"; site = \"A\"; to = \"site:B\"; share = 1.0; } );\n";
    char other[2048];
    snprintf(other, sizeof other, "%s", text);
    char *at = strstr(other, "relocations");
    *at = 0;   /* the same without the move */
    for (int k = 0; k < 2; k++) {
        scenario *s = load(k ? other : text);
        sim *m = started(s, 1, 1, 0);
        for (int t = 0; t < 6; t++) {
            sim_step(m);
            if (t == 4) CHECK_NEAR(col(m, "stranded_A"), 100, 1e-9);
        }
        CHECK_NEAR(sim_row(m)[COL_ADMITTED], 100, 1e-9);
        CHECK_NEAR(sim_row(m)[COL_WAIT_MEAN], k ? 5 : 0, 1e-12);
        if (!k) CHECK_NEAR(col(m, "relocated_to_sites"), 100, 1e-9);
        sim_free(m);
        scenario_free(s);
    }
}

/* Transfers: a share 0.5 of 1000 -> 500 and 500; 301 over two days: 150, then
 * 151 (whole), 150.5 a day in expectation; never more than the camp holds. */
TEST(transfers_between_camps)
{
    scenario *s = load(STILL(4,
        "sites = ( { name = \"A\"; } );\n"
        "camps = ( { name = \"C\"; initial = 1000.0; capacity = 10.0; }, { name = \"D\"; capacity = 10.0; },\n"
        "          { name = \"E\"; initial = 301.0; capacity = 10.0; }, { name = \"F\"; initial = 20.0; capacity = 10.0; } );\n"
        "transfers = ( { date = \"2016-01-01\"; from = \"C\"; to = \"D\"; share = 0.5; },\n"
        "              { date = \"2016-01-02\"; days = 2; from = \"E\"; to = \"D\"; people = 301.0; },\n"
        "              { date = \"2016-01-04\"; from = \"F\"; to = \"E\"; people = 50.0; } );\n"));
    for (int det = 0; det < 2; det++) {
        sim *m = started(s, det, 3, 0);
        sim_step(m);
        if (det) CHECK_NEAR(col(m, "camp_C"), 500, 1e-9);
        CHECK_NEAR(col(m, "camp_C") + col(m, "camp_D"), 1000, 1e-9);
        double d0 = col(m, "camp_D");
        sim_step(m);
        CHECK_NEAR(col(m, "transferred"), det ? 150.5 : 150, 1e-9);
        sim_step(m);
        CHECK_NEAR(col(m, "transferred"), det ? 150.5 : 151, 1e-9);
        CHECK_NEAR(col(m, "camp_D"), d0 + 301, 1e-9);
        CHECK_NEAR(col(m, "camp_E"), 0, 1e-9);
        sim_step(m);
        CHECK_NEAR(col(m, "transferred"), 20, 1e-9);
        CHECK_NEAR(col(m, "camp_E"), 20, 1e-9);
        sim_free(m);
    }
    scenario_free(s);
}

/* Stochastic: share 0.5 of 10,000 in one day is a binomial (mean 5000, sd 50);
 * a batch of 1000 from groups of 4000 and 6000 takes each person alike: the
 * first group's share is hypergeometric, mean 400, variance
 * 1000 x 0.4 x 0.6 x 9000 / 9999 = 216. Means within 4 standard errors over
 * 400 replicates, variances within 25%. */
TEST(moves_within_4_standard_errors_stochastic)
{
    const char *groups = "groups = ( { name = \"g\"; share = 0.4; }, { name = \"h\"; share = 0.6; } );\n"
                         "camps = ( { name = \"C\"; capacity = 10.0; } );\n"
                         "sites = ( { name = \"A\"; initial = 10000.0; } );\n";
    char text[2][1024];
    snprintf(text[0], sizeof text[0], STILL(1, "%s"
             "relocations = ( { date = \"2016-01-01\"; site = \"A\"; to = \"out\"; share = 0.5; } );\n"), groups);
    snprintf(text[1], sizeof text[1], STILL(1, "%s"
             "relocations = ( { date = \"2016-01-01\"; site = \"A\"; to = \"camp:C\"; people = 1000.0; } );\n"), groups);
    const double want_mean[2] = {5000, 400}, want_var[2] = {2500, 1000 * 0.4 * 0.6 * 9000 / 9999.0};
    int R = 400;
    for (int k = 0; k < 2; k++) {
        scenario *s = load(text[k]);
        sim *m = sim_new(s, -1, 0);
        int g = columns_find(sim_columns(m), "stranded_group_g");
        double sx = 0, sxx = 0;
        int whole = 1;
        for (int r = 0; r < R; r++) {
            sim_start(m, 11, r);
            sim_step(m);
            /* k = 0: the people evacuated; k = 1: those of group g in the batch */
            double x = k == 0 ? col(m, "relocated_out") : 4000 - sim_row(m)[g];
            if (x != floor(x) || (k == 1 && col(m, "relocated_to_camps") != 1000)) whole = 0;
            sx += x;
            sxx += x * x;
        }
        double mean = sx / R, var = (sxx - sx * sx / R) / (R - 1);
        CHECK(whole);
        CHECK_NEAR(mean, want_mean[k], 4 * sqrt(want_var[k] / R));
        CHECK_NEAR(var, want_var[k], 0.25 * want_var[k]);
        sim_free(m);
        scenario_free(s);
    }
}

/* The moves draw from a stream of their own: a relocation on day 20 leaves
 * days 0-19 as they were, and a scenario without moves has no move columns. */
TEST(moves_shift_no_other_draw)
{
    const char *with =
        "scenario = { name = \"t\"; start = \"2016-01-01\"; days = 25; };\n"
        "origins = ( { name = \"O\"; rate = 50.0; travel = { mean_days = 3.0; sd_days = 1.0; }; } );\n"
        "sites = ( { name = \"A\"; initial = 500.0; cmr = 1.0; leave_rate = 0.01; } );\n"
        "admission = { policy = \"proportional\"; fraction = 0.05; screening = { days = 2.0; sd_days = 1.0; reject = 0.1; }; };\n"
        "camps = ( { name = \"C\"; initial = 100.0; capacity = 1000.0; cmr = 1.0; leave_rate = 0.01; } );\n"
        "relocations = ( { date = \"2016-01-21\"; site = \"A\"; to = \"out\"; share = 0.5; } );\n";
    char without[2048];
    snprintf(without, sizeof without, "%s", with);
    *strstr(without, "relocations") = 0;
    scenario *a = load(with), *b = load(without);
    sim *ma = started(a, 0, 9, 3), *mb = started(b, 0, 9, 3);
    CHECK(sim_columns(mb)->moves0 < 0 && sim_columns(mb)->n + MOVE_COLUMNS == sim_columns(ma)->n);
    CHECK(columns_find(sim_columns(mb), "relocated_out") < 0);
    int same = 1, differ = 0;
    for (int t = 0; t < 25; t++) {
        sim_step(ma);
        sim_step(mb);
        int eq = memcmp(sim_row(ma), sim_row(mb), sizeof(double) * (size_t)sim_columns(mb)->n) == 0;
        if (t < 20 && !eq) same = 0;
        if (t >= 20 && !eq) differ = 1;
    }
    CHECK(same);
    CHECK(differ);
    sim_free(ma); sim_free(mb);
    scenario_free(a); scenario_free(b);
}

int main(void)
{
    RUN(evacuation_by_share_deterministic);
    RUN(evacuation_with_leavers_deterministic);
    RUN(batches_of_people);
    RUN(moved_between_sites_queue_anew);
    RUN(transfers_between_camps);
    RUN(moves_within_4_standard_errors_stochastic);
    RUN(moves_shift_no_other_draw);
    return test_summary();
}
