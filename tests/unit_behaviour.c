/* Tests of behaviour that answers to the border (behaviour.h): giving up by the
 * days waited and with conditions, departures that answer to the expected wait
 * and to closure; closed-form answers in deterministic mode, k-standard-error
 * checks under fixed seeds, and people conserved every day in both modes. */
#include "columns.h"
#include "config.h"
#include "model.h"
#include "queue.h"
#include <gsl/gsl_rng.h>
#include "testlib.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static scenario *load(const char *text)
{
    static int n;
    char path[256];
    snprintf(path, sizeof path, "tests/tmp/unit_behaviour_%d.cfg", n++);
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

/* One site of N0 people, the border closed, nobody arriving, nobody dying:
 * only giving up changes the count. `give_up`, the site's `extra` keys and
 * `top` settings are spliced in. */
static scenario *lone_site(int days, double n0, const char *give_up, const char *extra, const char *top)
{
    char cfg[2000];
    snprintf(cfg, sizeof cfg,
             "scenario = { name = \"t\"; start = \"2016-01-01\"; days = %d; };\n"
             "groups = ( { name = \"all\"; share = 1.0; } );\n"
             "sites = ( { name = \"S\"; initial = %.1f; give_up = { %s }; %s } );\n"
             "admission = { policy = \"closed\"; };\n"
             "camps = ( { name = \"C\"; capacity = 1.0; } );\n%s",
             days, n0, give_up, extra, top);
    return load(cfg);
}

/* A constant hazard (shape 1, median m): N0 2^(-(t + 1) / m) at the end of day t. */
TEST(constant_hazard_halves_every_median_deterministic)
{
    scenario *s = lone_site(60, 1000, "median_days = 20.0;", "", "");
    sim *m = started(s, 1, 1, 0);
    int bad = 0;
    double left = 0;
    for (int t = 0; t < 60; t++) {
        sim_step(m);
        const double *r = sim_row(m);
        left += r[COL_BORDER_LEFT];
        if (fabs(r[COL_STRANDED] - 1000 * pow(2, -(t + 1) / 20.0)) > 1e-9) bad++;
    }
    CHECK_MSG(bad == 0, "%d days off N0 2^(-(t+1)/m)", bad);
    CHECK_NEAR(sim_row(m)[COL_STRANDED], 125, 1e-9);   /* 60 days: three halvings */
    CHECK_NEAR(left, 875, 1e-9);
    sim_free(m);
    scenario_free(s);
}

/* A rising hazard (shape 2): the chances multiply out to 2^(-((t + 1) / m)^2);
 * half are left after m days, a sixteenth after 2m. */
TEST(rising_hazard_is_the_weibull_product_deterministic)
{
    scenario *s = lone_site(20, 1000, "median_days = 10.0; shape = 2.0;", "", "");
    sim *m = started(s, 1, 1, 0);
    int bad = 0;
    for (int t = 0; t < 20; t++) {
        sim_step(m);
        if (fabs(sim_row(m)[COL_STRANDED] - 1000 * pow(2, -pow((t + 1) / 10.0, 2))) > 1e-9) bad++;
        if (t == 9) CHECK_NEAR(sim_row(m)[COL_STRANDED], 500, 1e-9);
    }
    CHECK_MSG(bad == 0, "%d days off N0 2^(-((t+1)/m)^2)", bad);
    CHECK_NEAR(sim_row(m)[COL_STRANDED], 1000.0 / 16, 1e-9);
    sim_free(m);
    scenario_free(s);
}

/* Two cohorts: 1,000 waiting from day 0 and 2,000 arriving on day 5 (a surge on
 * day 0, a fixed five-day journey). Each keeps 2^(-((w + 1) / m)^2) by its own
 * wait w: a hazard shared alike by everyone waiting could not give this. */
TEST(each_cohort_by_its_own_wait_deterministic)
{
    const char *text =
        "scenario = { name = \"t\"; start = \"2016-01-01\"; days = 20; };\n"
        "groups = ( { name = \"all\"; share = 1.0; } );\n"
        "origins = ( { name = \"O\"; rate = 0.0; surges = ( { date = \"2016-01-01\"; people = 2000.0; } );\n"
        "              travel = { mean_days = 5.0; }; sites = { S = 1.0; }; } );\n"
        "sites = ( { name = \"S\"; initial = 1000.0; give_up = { median_days = 10.0; shape = 2.0; }; } );\n"
        "admission = { policy = \"closed\"; };\n"
        "camps = ( { name = \"C\"; capacity = 1.0; } );\n";
    scenario *s = load(text);
    sim *m = started(s, 1, 1, 0);
    int bad = 0;
    for (int t = 0; t < 20; t++) {
        sim_step(m);
        double want = 1000 * pow(2, -pow((t + 1) / 10.0, 2)) + (t >= 5 ? 2000 * pow(2, -pow((t - 4) / 10.0, 2)) : 0);
        if (fabs(sim_row(m)[COL_STRANDED] - want) > 1e-9) bad++;
    }
    CHECK_MSG(bad == 0, "%d days off the sum of the two cohorts' survivals", bad);
    CHECK_NEAR(sim_row(m)[COL_STRANDED], 1000.0 / 16 + 2000 * pow(2, -2.25), 1e-9);
    sim_free(m);
    scenario_free(s);
}

/* Conditions multiply the hazard: aid cut on days 10-19 (factor 2), and the
 * water cut to nothing then (water_factor 3 at no water at all): 6 times the
 * hazard for ten days. Shape 1, m = 40: N0 2^(-(10 + 60 + 10) / 40) after 30 days. */
TEST(aid_cut_and_water_multiply_the_hazard_deterministic)
{
    scenario *s = lone_site(30, 1000, "median_days = 40.0; aid_cut_factor = 2.0; water_factor = 3.0;",
                            "supply = { water_l = 1e9; water_cut_factor = 0.0; };",
                            "aid = { cuts = ( { from = \"2016-01-11\"; to = \"2016-01-20\"; } ); };\n");
    sim *m = started(s, 1, 1, 0);
    for (int t = 0; t < 30; t++) {
        sim_step(m);
        if (t == 9) CHECK_NEAR(sim_row(m)[COL_STRANDED], 1000 * pow(2, -10 / 40.0), 1e-9);
        if (t == 19) CHECK_NEAR(sim_row(m)[COL_STRANDED], 1000 * pow(2, -70 / 40.0), 1e-9);
    }
    CHECK_NEAR(sim_row(m)[COL_STRANDED], 1000 * pow(2, -2.0), 1e-9);
    sim_free(m);
    scenario_free(s);
}

/* Half the standard's water per person: the factor is 1 + (3 - 1) / 2 = 2, read
 * from the day's own people (15 L standard, 7.5 L each on day 0). */
TEST(water_below_the_standard_deterministic)
{
    scenario *s = lone_site(1, 1000, "median_days = 10.0; water_factor = 3.0;",
                            "supply = { water_l = 7500.0; };", "");
    sim *m = started(s, 1, 1, 0);
    sim_step(m);
    CHECK_NEAR(sim_row(m)[COL_BORDER_LEFT], 1000 * (1 - pow(2, -2 / 10.0)), 1e-9);
    sim_free(m);
    scenario_free(s);
}

/* Competing risks: deaths at cmr, leaving at leave_rate, then giving up among
 * the rest: N0 ((1 - pd - pl))^(t+1) 2^(-((t + 1) / m)^2). */
TEST(deaths_leaving_and_giving_up_compete_deterministic)
{
    scenario *s = lone_site(30, 10000, "median_days = 15.0; shape = 2.0;",
                            "cmr = 10.0; leave_rate = 0.01;", "");
    sim *m = started(s, 1, 1, 0);
    double prev = 10000;
    for (int t = 0; t < 30; t++) {
        sim_step(m);
        CHECK_NEAR(sim_row(m)[COL_BORDER_DEATHS], prev * 1e-3, 1e-9);
        prev = sim_row(m)[COL_STRANDED];
    }
    CHECK_NEAR(prev, 10000 * pow(1 - 0.001 - 0.01, 30) * pow(2, -4.0), 1e-9);
    sim_free(m);
    scenario_free(s);
}

/* Stochastic: one cohort thinned by binomials is binomial, N0 people each kept
 * with S = 2^(-((T + 1) / m)^k): within 4 standard errors, and whole people. */
TEST(giving_up_within_4_standard_errors_stochastic)
{
    scenario *s = lone_site(30, 100000, "median_days = 20.0; shape = 1.5;", "", "");
    double S = pow(2, -pow(30 / 20.0, 1.5)), se = sqrt(100000 * S * (1 - S));
    for (long rep = 0; rep < 5; rep++) {
        sim *m = started(s, 0, 23, rep);
        for (int t = 0; t < 30; t++) sim_step(m);
        double n = sim_row(m)[COL_STRANDED];
        CHECK_MSG(fabs(n - 100000 * S) < 4 * se, "replicate %ld: %g against %g +- %g", rep, n, 100000 * S, se);
        CHECK(n == floor(n));
        sim_free(m);
    }
    scenario_free(s);
}

/* Departures: the border closed from day 0, nobody admitted, so the expected
 * wait is the cap (100 days); e = 1 at W0 = 100 halves departures and the
 * closure factor quarters them: 1/8 of the rate, from news_lag_days (3) on. */
TEST(departures_answer_to_closure_and_wait_deterministic)
{
    const char *text =
        "scenario = { name = \"t\"; start = \"2016-01-01\"; days = 10; };\n"
        "groups = ( { name = \"all\"; share = 1.0; } );\n"
        "origins = ( { name = \"O\"; rate = 800.0; travel = { mean_days = 4.0; }; sites = { S = 1.0; };\n"
        "              wait_elasticity = 1.0; wait_scale_days = 100.0; closed_factor = 0.25; news_lag_days = 3; },\n"
        "            { name = \"P\"; rate = 100.0; travel = { mean_days = 4.0; }; sites = { S = 1.0; }; } );\n"
        "sites = ( { name = \"S\"; initial = 500.0; } );\n"
        "behaviour = { wait_cap_days = 100.0; };\n"
        "admission = { policy = \"closed\"; };\n"
        "camps = ( { name = \"C\"; capacity = 1.0; } );\n";
    scenario *s = load(text);
    sim *m = started(s, 1, 1, 0);
    for (int t = 0; t < 10; t++) {
        sim_step(m);
        /* P answers to nothing: its 100 a day stay, so O and P must not share a route */
        CHECK_NEAR(sim_row(m)[COL_SET_OUT], (t < 3 ? 800 : 100) + 100, 1e-9);
    }
    sim_free(m);
    scenario_free(s);
}

/* The expected wait by Little's law: 1,000 waiting, a quota of 100 then 50
 * (from day 1), nobody arriving before day 5. End of day 0: W = 900 / 100 = 9;
 * end of day 1, a two-day window: 850 / 75. With W0 = 9 and e = 2, departures
 * on day 1 are rate / 4, on day 2 rate (1 + 850 / 75 / 9)^-2. */
TEST(departures_answer_to_the_expected_wait_deterministic)
{
    const char *text =
        "scenario = { name = \"t\"; start = \"2016-01-01\"; days = 4; };\n"
        "groups = ( { name = \"all\"; share = 1.0; } );\n"
        "origins = ( { name = \"O\"; rate = 360.0; travel = { mean_days = 5.0; }; sites = { S = 1.0; };\n"
        "              wait_elasticity = 2.0; wait_scale_days = 9.0; } );\n"
        "sites = ( { name = \"S\"; initial = 1000.0; } );\n"
        "behaviour = { wait_window_days = 2; };\n"
        "admission = { policy = \"quota\"; quota = 100.0; quota_changes = ( { date = \"2016-01-02\"; quota = 50.0; } ); };\n"
        "camps = ( { name = \"C\"; capacity = 1e6; } );\n";
    scenario *s = load(text);
    sim *m = started(s, 1, 1, 0);
    double want[4] = {360, 90, 360 * pow(1 + 850.0 / 75 / 9, -2), 360 * pow(1 + 800.0 / 50 / 9, -2)};
    for (int t = 0; t < 4; t++) {
        sim_step(m);
        CHECK_NEAR(sim_row(m)[COL_SET_OUT], want[t], 1e-9);
    }
    sim_free(m);
    scenario_free(s);
}

/* Stochastic departures: Poisson with the answered mean; over 200 days of
 * closure at factor 0.5 (lag 1), the total within 4 standard errors. */
TEST(departures_within_4_standard_errors_stochastic)
{
    const char *text =
        "scenario = { name = \"t\"; start = \"2016-01-01\"; days = 200; };\n"
        "groups = ( { name = \"all\"; share = 1.0; } );\n"
        "origins = ( { name = \"O\"; rate = 300.0; travel = { mean_days = 4.0; sd_days = 2.0; };\n"
        "              sites = { S = 1.0; }; closed_factor = 0.5; } );\n"
        "sites = ( { name = \"S\"; initial = 0.0; } );\n"
        "admission = { policy = \"closed\"; };\n"
        "camps = ( { name = \"C\"; capacity = 1.0; } );\n";
    scenario *s = load(text);
    double mean = 300 + 199 * 150, se = sqrt(mean);
    for (long rep = 0; rep < 5; rep++) {
        sim *m = started(s, 0, 5, rep);
        double total = 0;
        for (int t = 0; t < 200; t++) {
            sim_step(m);
            total += sim_row(m)[COL_SET_OUT];
        }
        CHECK_MSG(fabs(total - mean) < 4 * se, "replicate %ld: %g against %g +- %g", rep, total, mean, se);
        sim_free(m);
    }
    scenario_free(s);
}

/* Everything on, in a scenario with every part of the model (relocations too,
 * between sites and out): the books balance every day, stocks are whole people
 * in stochastic mode. */
static const char *all_on =
    "scenario = { name = \"all\"; start = \"2016-01-01\"; days = 200; };\n"
    "groups = ( { name = \"vulnerable\"; share = 0.6; mortality_factor = 1.5; },\n"
    "           { name = \"other\"; share = 0.4; } );\n"
    "origins = ( { name = \"A\"; rate = 80.0; dispersion = 0.2; wait_elasticity = 0.8; closed_factor = 0.3; news_lag_days = 7;\n"
    "              rate_changes = ( { date = \"2016-03-01\"; rate = 150.0; } );\n"
    "              surges = ( { date = \"2016-04-01\"; people = 5000.0; days = 3; } );\n"
    "              travel = { mean_days = 12.0; sd_days = 4.0; loss = 0.02; };\n"
    "              sites = { R = 0.85; H = 0.15; }; },\n"
    "            { name = \"B\"; rate = 20.0; travel = { mean_days = 3.0; }; sites = { R = 0.5; H = 0.5; };\n"
    "              wait_elasticity = 1.5; wait_scale_days = 10.0; } );\n"
    "sites = ( { name = \"R\"; initial = 11000.0; cmr = 0.5; birth_rate = 30.0; leave_rate = 0.001; aid_cut_factor = 2.0;\n"
    "            give_up = { median_days = 90.0; shape = 1.5; aid_cut_factor = 2.0; water_factor = 2.0; };\n"
    "            supply = { water_l = 100000.0; water_cut_factor = 0.3; }; },\n"
    "          { name = \"H\"; initial = 1000.0; cmr = 0.5; birth_rate = 30.0; give_up = { median_days = 30.0; }; } );\n"
    "aid = { cuts = ( { from = \"2016-05-01\"; to = \"2016-06-01\"; } ); };\n"
    "admission = { quota = 75.5; quota_changes = ( { date = \"2016-03-24\"; quota = 300.0; } ); order = \"vulnerable_first\";\n"
    "              closures = ( { from = \"2016-06-10\"; to = \"2016-06-20\"; } );\n"
    "              screening = { days = 5.0; sd_days = 2.0; reject = 0.02; capacity = 1000.0; }; };\n"
    "camps = ( { name = \"Z\"; initial = 20000.0; capacity = 30000.0; cmr = 0.2; birth_rate = 30.0; leave_rate = 0.0005;\n"
    "            return_share = 0.2; return_site = \"R\"; } );\n"
    "relocations = ( { date = \"2016-03-01\"; days = 3; site = \"H\"; to = \"site:R\"; share = 0.5; },\n"
    "                { date = \"2016-05-10\"; site = \"R\"; to = \"out\"; people = 1000.0; } );\n";

static double inflow(const double *r) { return r[COL_SET_OUT] + r[COL_BORDER_BIRTHS] + r[COL_CAMP_BIRTHS]; }
/* The contract's six outflows: relocations "out" are border leavers. */
static double outflow(const double *r)
{
    return r[COL_TRANSIT_LOST] + r[COL_BORDER_DEATHS] + r[COL_BORDER_LEFT] + r[COL_REJECTED] +
           r[COL_CAMP_DEATHS] + r[COL_CAMP_LEFT];
}
static double stocks(const double *r)
{
    return r[COL_IN_TRANSIT] + r[COL_STRANDED] + r[COL_SCREENING] + r[COL_CAMP_POPULATION];
}

static void check_conservation(int deterministic)
{
    scenario *s = load(all_on);
    sim *m = sim_new(s, -1, deterministic);
    double left = 0, moved = 0;
    for (long rep = 0; rep < (deterministic ? 1 : 5); rep++) {
        sim_start(m, 7, rep);
        double prev = sim_people(m);
        int bad = 0;
        for (int t = 0; t < s->days; t++) {
            sim_step(m);
            const double *r = sim_row(m);
            double now = stocks(r), gap = now - prev - inflow(r) + outflow(r);
            double tol = deterministic ? 1e-9 * now : 0;
            if (fabs(gap) > tol || fabs(now - sim_people(m)) > tol) bad++;
            if (!deterministic)
                for (int c = 0; c < N_FIXED_COLUMNS; c++)
                    if (columns_fixed[c].kind <= COL_STOCK && (r[c] != floor(r[c]) || r[c] < 0)) bad++;
            left += r[COL_BORDER_LEFT];
            moved += r[sim_columns(m)->moves0 + MV_RELOCATED_OUT];
            prev = now;
        }
        CHECK_MSG(bad == 0, "replicate %ld: %d days where the books do not balance", rep, bad);
    }
    CHECK(left - moved > 1000);   /* the mechanism was at work (border_left holds the relocated out too) */
    CHECK(moved > 900);   /* and the relocation out */
    sim_free(m);
    scenario_free(s);
}

TEST(people_conserved_every_day_stochastic) { check_conservation(0); }
TEST(people_conserved_every_day_deterministic) { check_conservation(1); }

/* Off by default: the keys at their defaults give the same numbers as without them. */
TEST(defaults_change_nothing)
{
    const char *base =
        "scenario = { name = \"t\"; start = \"2016-01-01\"; days = 60; };\n"
        "groups = ( { name = \"all\"; share = 1.0; } );\n"
        "origins = ( { name = \"O\"; rate = 300.0; travel = { mean_days = 4.0; sd_days = 2.0; }; sites = { S = 1.0; }; %s } );\n"
        "sites = ( { name = \"S\"; initial = 5000.0; cmr = 1.0; leave_rate = 0.01; %s } );\n"
        "admission = { quota = 100.0; closures = ( { from = \"2016-01-20\"; to = \"2016-02-10\"; } ); };\n"
        "camps = ( { name = \"C\"; capacity = 1e6; } );\n";
    char a[2000], b[2000];
    snprintf(a, sizeof a, base, "", "");
    snprintf(b, sizeof b, base, "wait_elasticity = 0.0; closed_factor = 1.0; news_lag_days = 5;",
             "give_up = { median_days = 0.0; shape = 3.0; water_factor = 5.0; };");
    scenario *sa = load(a), *sb = load(b);
    sim *ma = started(sa, 0, 9, 2), *mb = started(sb, 0, 9, 2);
    int n = sim_columns(ma)->n, differ = 0;
    for (int t = 0; t < 60; t++) {
        sim_step(ma);
        sim_step(mb);
        differ += memcmp(sim_row(ma), sim_row(mb), sizeof(double) * (size_t)n) != 0;
    }
    CHECK(differ == 0);
    sim_free(ma); sim_free(mb);
    scenario_free(sa); scenario_free(sb);
}

/* The queue's thinning by wait (queue_thin_by_wait): 100 people who arrived on
 * day 0 with a chance of 1 on day 1, and 100 who arrived on day 1 with 0.01.
 * Deterministic: exactly 101 go, the first cohort all of it. Stochastic: the
 * day's total is one binomial of mean 101, whole; a draw above it cannot take
 * more than a cohort holds (the first cohort then loses everyone and the rest
 * share what is left): no cohort's expectation goes below 0, and admitting everyone
 * afterwards books them all. */
TEST(thinning_by_wait_takes_each_cohort_its_share)
{
    double chance[2] = {0.01, 1.0};
    wait_book b = {0};
    double admitted[1], wait_sum[1], hist[2];
    b.admitted = admitted; b.wait_sum = wait_sum; b.hist = hist;
    cohort_queue q;
    CHECK(queue_init(&q, 2) == 0);
    queue_add(&q, 0, 100);
    queue_add(&q, 1, 100);
    draws det = {0};
    CHECK_NEAR(queue_thin_by_wait(&q, chance, 1, &det), 101, 1e-9);
    admitted[0] = wait_sum[0] = hist[0] = hist[1] = 0;
    queue_admit_fifo(&q, 1, 1000, &det, 1, &b);
    CHECK_NEAR(hist[1], 0, 1e-9);
    CHECK_NEAR(hist[0], 99, 1e-9);
    gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
    gsl_rng_set(r, 3);
    draws st = {r};
    double sum = 0, negative = 0, over = 0;
    int n = 2000;
    for (int i = 0; i < n; i++) {
        queue_reset(&q);
        queue_add(&q, 0, 100);
        queue_add(&q, 1, 100);
        double k = queue_thin_by_wait(&q, chance, 1, &st);
        sum += k;
        over += k > 101;
        CHECK(k == floor(k) && q.total == 200 - k);
        if (q.n[0] < 0 || q.n[1] < 0) negative++;   /* no cohort overdrawn */
        admitted[0] = wait_sum[0] = hist[0] = hist[1] = 0;
        double in = queue_admit_fifo(&q, 1, 1000, &st, 1, &b);
        if (hist[0] < 0 || hist[1] < 0 || in != 200 - k) negative++;
    }
    double se = sqrt(200 * 0.505 * 0.495 / n);
    CHECK_MSG(fabs(sum / n - 101) < 4 * se, "mean %g against 101 +- %g", sum / n, se);
    CHECK(over > 100);   /* the draws above the mean, where a cohort could be overdrawn, were tried */
    CHECK(negative == 0);
    gsl_rng_free(r);
    queue_free(&q);
}

int main(void)
{
    RUN(constant_hazard_halves_every_median_deterministic);
    RUN(rising_hazard_is_the_weibull_product_deterministic);
    RUN(each_cohort_by_its_own_wait_deterministic);
    RUN(aid_cut_and_water_multiply_the_hazard_deterministic);
    RUN(water_below_the_standard_deterministic);
    RUN(deaths_leaving_and_giving_up_compete_deterministic);
    RUN(giving_up_within_4_standard_errors_stochastic);
    RUN(departures_answer_to_closure_and_wait_deterministic);
    RUN(departures_answer_to_the_expected_wait_deterministic);
    RUN(departures_within_4_standard_errors_stochastic);
    RUN(people_conserved_every_day_stochastic);
    RUN(people_conserved_every_day_deterministic);
    RUN(defaults_change_nothing);
    RUN(thinning_by_wait_takes_each_cohort_its_share);
    return test_summary();
}
