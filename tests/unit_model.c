/* Tests of the daily model: each step on its own, conservation of people, exact
 * answers in degenerate cases, the steady queue against its closed form, and
 * statistical checks within k standard errors under fixed seeds. */
#include "columns.h"
#include "config.h"
#include "model.h"
#include "testlib.h"
#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Writes cfg text to a file and loads it; aborts the test run on a bad config. */
static scenario *load(const char *text)
{
    static int n;
    char path[256];
    snprintf(path, sizeof path, "tests/tmp/unit_model_%d.cfg", n++);
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

/* A simulation of s (-1: the scenario's own policy) at replicate 0 of seed. */
static sim *started(const scenario *s, int deterministic, unsigned long seed)
{
    sim *m = sim_new(s, -1, deterministic);
    sim_start(m, seed, 0);
    return m;
}

#define HEAD "scenario = { name = \"t\"; start = \"2016-01-01\"; days = %d; };\n"

/* A scenario that uses every part of the model. */
static const char *full =
    "scenario = { name = \"full\"; start = \"2016-01-01\"; days = 200; };\n"
    "groups = ( { name = \"vulnerable\"; share = 0.6; mortality_factor = 1.5; },\n"
    "           { name = \"other\"; share = 0.4; } );\n"
    "origins = ( { name = \"A\"; rate = 80.0; dispersion = 0.2;\n"
    "              rate_changes = ( { date = \"2016-03-01\"; rate = 150.0; } );\n"
    "              surges = ( { date = \"2016-04-01\"; people = 5000.0; days = 3; } );\n"
    "              travel = { mean_days = 12.0; sd_days = 4.0; loss = 0.02; };\n"
    "              sites = { R = 0.85; H = 0.15; }; },\n"
    "            { name = \"B\"; rate = 20.0; travel = { mean_days = 3.0; }; sites = { R = 0.5; H = 0.5; }; } );\n"
    "sites = ( { name = \"R\"; initial = 11000.0; cmr = 0.5; birth_rate = 30.0; leave_rate = 0.001; aid_cut_factor = 2.0; },\n"
    "          { name = \"H\"; initial = 1000.0; cmr = 0.5; birth_rate = 30.0; } );\n"
    "aid = { cuts = ( { from = \"2016-05-01\"; to = \"2016-06-01\"; } ); };\n"
    "admission = { quota = 75.5; quota_changes = ( { date = \"2016-03-24\"; quota = 300.0; } );\n"
    "              closures = ( { from = \"2016-06-10\"; to = \"2016-06-20\"; } );\n"
    "              screening = { days = 5.0; sd_days = 2.0; reject = 0.02; capacity = 1000.0; }; };\n"
    "camps = ( { name = \"Z\"; initial = 20000.0; capacity = 30000.0; cmr = 0.2; birth_rate = 30.0; leave_rate = 0.0005;\n"
    "            expansions = ( { date = \"2016-05-15\"; add = 10000.0; } ); },\n"
    "          { name = \"Y\"; initial = 500.0; capacity = 1000.0; cmr = 1.0; } );\n";

/* The same with every dated switch: policy and order (quota, then random
 * proportional, closed, open fifo, capacity), leave rates at a site and a camp,
 * shelters, latrines and health facilities; and the camp limit, camp leavers
 * who go back to a site, and places reserved for a group. */
static const char *switches =
    "scenario = { name = \"switches\"; start = \"2016-01-01\"; days = 200; };\n"
    "groups = ( { name = \"vulnerable\"; share = 0.6; mortality_factor = 1.5; },\n"
    "           { name = \"other\"; share = 0.4; } );\n"
    "origins = ( { name = \"A\"; rate = 80.0; dispersion = 0.2; travel = { mean_days = 12.0; sd_days = 4.0; loss = 0.02; };\n"
    "              sites = { R = 0.85; H = 0.15; }; } );\n"
    "sites = ( { name = \"R\"; initial = 11000.0; cmr = 0.5; birth_rate = 30.0; leave_rate = 0.001;\n"
    "            leave_changes = ( { date = \"2016-02-01\"; rate = 0.01; }, { date = \"2016-03-01\"; rate = 0.0; } );\n"
    "            supply = { shelters = 100.0; latrines = 10.0; shelter_changes = ( { date = \"2016-02-10\"; value = 2000.0; } );\n"
    "                       latrine_changes = ( { date = \"2016-04-01\"; value = -1.0; } ); }; },\n"
    "          { name = \"H\"; initial = 1000.0; cmr = 0.5; birth_rate = 30.0; } );\n"
    "admission = { quota = 75.5; fraction = 0.01; reserve = 100.0; camp_limit = true; reserved = { other = 0.3; };\n"
    "              policy_changes = ( { date = \"2016-02-01\"; policy = \"proportional\"; order = \"random\"; },\n"
    "                                 { date = \"2016-03-01\"; policy = \"closed\"; },\n"
    "                                 { date = \"2016-04-01\"; policy = \"open\"; order = \"fifo\"; },\n"
    "                                 { date = \"2016-04-03\"; policy = \"capacity\"; } );\n"
    "              screening = { days = 5.0; sd_days = 2.0; reject = 0.02; capacity = 1000.0; }; };\n"
    "camps = ( { name = \"Z\"; initial = 20000.0; capacity = 30000.0; cmr = 0.2; birth_rate = 30.0; leave_rate = 0.0005;\n"
    "            leave_changes = ( { date = \"2016-05-01\"; rate = 0.01; } ); return_share = 0.3; return_site = \"H\";\n"
    "            supply = { health_facilities = 1.0; health_changes = ( { date = \"2016-03-01\"; value = 3.0; } ); }; } );\n";

/* The same with relocations from a site to a camp, to another site and out,
 * an evacuation of a site over three days, transfers between camps, and two
 * receiving camps (the routing, %s, below), the smaller one soon full. */
static const char *moving_routed =
    "scenario = { name = \"moving\"; start = \"2016-01-01\"; days = 200; };\n"
    "groups = ( { name = \"vulnerable\"; share = 0.6; mortality_factor = 1.5; },\n"
    "           { name = \"other\"; share = 0.4; } );\n"
    "origins = ( { name = \"A\"; rate = 80.0; dispersion = 0.2; travel = { mean_days = 12.0; sd_days = 4.0; loss = 0.02; };\n"
    "              sites = { R = 0.85; H = 0.15; }; } );\n"
    "sites = ( { name = \"R\"; initial = 11000.0; cmr = 0.5; birth_rate = 30.0; leave_rate = 0.001; },\n"
    "          { name = \"H\"; initial = 1000.0; cmr = 0.5; birth_rate = 30.0; } );\n"
    "admission = { quota = 75.5; screening = { days = 5.0; sd_days = 2.0; reject = 0.02; }; %s };\n"
    "camps = ( { name = \"Z\"; initial = 20000.0; capacity = 30000.0; cmr = 0.2; birth_rate = 30.0; leave_rate = 0.0005;\n"
    "            return_share = 0.3; return_site = \"H\"; },\n"
    "          { name = \"Y\"; initial = 500.0; capacity = 1000.0; cmr = 1.0; } );\n"
    "relocations = ( { date = \"2016-02-01\"; days = 4; site = \"R\"; to = \"site:H\"; share = 0.3; },\n"
    "                { date = \"2016-03-01\"; days = 3; site = \"H\"; to = \"camp:Y\"; people = 2501.0; },\n"
    "                { date = \"2016-04-01\"; site = \"R\"; to = \"out\"; people = 777.7; },\n"
    "                { date = \"2016-05-01\"; days = 3; site = \"R\"; to = \"out\"; share = 1.0; } );\n"
    "transfers = ( { date = \"2016-03-10\"; days = 2; from = \"Z\"; to = \"Y\"; people = 1001.0; },\n"
    "              { date = \"2016-06-01\"; from = \"Y\"; to = \"Z\"; share = 0.5; } );\n";

static const char *const routings[] = {
    "", "routing = \"shares\"; camp_shares = { Y = 0.4; Z = 0.6; };",
    "routing = \"first_with_room\"; camp_order = { Z = 2.0; Y = 1.0; };", "routing = \"free_places\";"};

/* moving_routed with each routing in turn. */
static void check_moving(int deterministic);

static double inflow(const double *r) { return r[COL_SET_OUT] + r[COL_BORDER_BIRTHS] + r[COL_CAMP_BIRTHS]; }
/* People leaving the system: the contract's six outflows only (SPEC section 4,
 * tests/check-outputs). Relocations "out" are in border_left (relocated_out is
 * an "of which"); moves between places, to camps and transfers change no total. */
static double outflow(const double *r)
{
    return r[COL_TRANSIT_LOST] + r[COL_BORDER_DEATHS] + r[COL_BORDER_LEFT] + r[COL_REJECTED] +
           r[COL_CAMP_DEATHS] + r[COL_CAMP_LEFT];
}
static double stocks(const double *r)
{
    return r[COL_IN_TRANSIT] + r[COL_STRANDED] + r[COL_SCREENING] + r[COL_CAMP_POPULATION];
}

static void check_conservation(const char *text, int deterministic)
{
    scenario *s = load(text);
    sim *m = sim_new(s, -1, deterministic);
    const columns *c = sim_columns(m);
    double initial = 0;
    for (int i = 0; i < s->n_sites; i++) initial += s->sites[i].initial;
    for (int i = 0; i < s->n_camps; i++) initial += s->camps[i].initial;
    for (long rep = 0; rep < (deterministic ? 1 : 5); rep++) {
        sim_start(m, 7, rep);
        double prev = sim_people(m);
        CHECK_NEAR(prev, initial, 0);
        int bad = 0;
        for (int t = 0; t < s->days; t++) {
            sim_step(m);
            const double *r = sim_row(m);
            double now = stocks(r);
            double gap = now - prev - inflow(r) + outflow(r);
            double tol = deterministic ? 1e-9 * now : 0;
            if (fabs(gap) > tol || fabs(now - sim_people(m)) > tol) bad++;
            if (c->moves0 >= 0 && r[c->moves0 + MV_RELOCATED_OUT] > r[COL_BORDER_LEFT] * (1 + 1e-12)) bad++;   /* of which */
            if (!deterministic) {
                for (int k = 0; k < N_FIXED_COLUMNS; k++)
                    if (columns_fixed[k].kind <= COL_STOCK && (r[k] != floor(r[k]) || r[k] < 0)) bad++;
                for (int k = 0; c->moves0 >= 0 && k < MOVE_COLUMNS; k++)
                    if (r[c->moves0 + k] != floor(r[c->moves0 + k]) || r[c->moves0 + k] < 0) bad++;
            }
            prev = now;
        }
        CHECK_MSG(bad == 0, "%s, replicate %ld: %d days where the books do not balance", s->name, rep, bad);
    }
    sim_free(m);
    scenario_free(s);
}

static void check_moving(int deterministic)
{
    for (size_t i = 0; i < sizeof routings / sizeof *routings; i++) {
        char text[4096];
        snprintf(text, sizeof text, moving_routed, routings[i]);
        check_conservation(text, deterministic);
    }
}

TEST(people_conserved_every_day_stochastic)
{
    check_conservation(full, 0);
    check_conservation(switches, 0);
    check_moving(0);
}
TEST(people_conserved_every_day_deterministic)
{
    check_conservation(full, 1);
    check_conservation(switches, 1);
    check_moving(1);
}

TEST(nothing_happens_without_people)
{
    char cfg[1024];
    snprintf(cfg, sizeof cfg, HEAD
             "sites = ( { name = \"S\"; cmr = 1.0; birth_rate = 30.0; leave_rate = 0.1; } );\n"
             "admission = { quota = 100.0; };\n"
             "camps = ( { name = \"C\"; capacity = 100.0; cmr = 1.0; birth_rate = 30.0; leave_rate = 0.1; } );\n", 50);
    scenario *s = load(cfg);
    for (int det = 0; det < 2; det++) {
        sim *m = started(s, det, 1);
        const columns *c = sim_columns(m);
        int moved = 0, nobody = 0;
        for (int t = 0; t < 50; t++) {
            sim_step(m);
            nobody += sim_row(m)[COL_BOUND_NOBODY] == 1;   /* what says nothing happened */
            for (int k = 0; k < c->n; k++)
                if (k != COL_CAMP_CAPACITY && k != c->capacity0 && k != COL_BOUND_NOBODY && sim_row(m)[k] != 0)
                    moved++;
        }
        CHECK(moved == 0);
        CHECK(nobody == 50);
        sim_free(m);
    }
    scenario_free(s);
}

/* The steady queue: rate L a day, a fixed journey of D days, quota Q < L, no
 * losses, no births or deaths, instant vetting. From day D on, the berm grows by
 * L - Q a day: stranded(t) = (t - D + 1)(L - Q). FIFO admits on day t the people
 * with arrival ranks in [(t-D)Q, (t-D+1)Q), who arrived on day D + floor(rank/L). */
#define L 100.0
#define Q 60.0
#define D 5
static const char *steady =
    "scenario = { name = \"steady\"; start = \"2016-01-01\"; days = 60; };\n"
    "origins = ( { name = \"O\"; rate = 100.0; travel = { mean_days = 5.0; }; } );\n"
    "sites = ( { name = \"S\"; } );\n"
    "admission = { quota = 60.0; };\n"
    "camps = ( { name = \"C\"; capacity = 1e9; } );\n";

static double fifo_wait(int t)
{
    /* Mean wait of the continuous block of ranks [(t-D)Q, (t-D+1)Q). */
    double lo = (t - D) * Q, hi = lo + Q, sum = 0;
    for (int a = 0; a * L < hi; a++) {
        double x0 = fmax(lo, a * L), x1 = fmin(hi, (a + 1) * L);
        if (x1 > x0) sum += (x1 - x0) * (t - (D + a));
    }
    return sum / Q;
}

TEST(steady_queue_matches_closed_form_deterministic)
{
    scenario *s = load(steady);
    sim *m = started(s, 1, 1);
    int bad = 0;
    for (int t = 0; t < 60; t++) {
        sim_step(m);
        const double *r = sim_row(m);
        double want = t < D ? 0 : (t - D + 1) * (L - Q);
        double wait = t < D ? 0 : fifo_wait(t);
        if (fabs(r[COL_STRANDED] - want) > 1e-9 || fabs(r[COL_WAIT_MEAN] - wait) > 1e-9) {
            bad++;
            printf("  day %d: stranded %g (want %g), wait %g (want %g)\n", t, r[COL_STRANDED], want,
                   r[COL_WAIT_MEAN], wait);
        }
        if (fabs(r[COL_ADMITTED] - (t < D ? 0 : Q)) > 1e-9) bad++;
    }
    CHECK(bad == 0);
    sim_free(m);
    scenario_free(s);
}

TEST(steady_queue_within_4_standard_errors_stochastic)
{
    /* Departures are Poisson(L): stranded(T) = arrivals - (T-D+1)Q while the queue
     * never empties, so its variance is (T-D+1)L: one replicate's sd. */
    scenario *s = load(steady);
    sim *m = sim_new(s, -1, 0);
    const int R = 400, T = 59;
    double sum = 0, wsum = 0;
    for (int rep = 0; rep < R; rep++) {
        sim_start(m, 42, rep);
        for (int t = 0; t <= T; t++) sim_step(m);
        sum += sim_row(m)[COL_STRANDED];
        wsum += sim_row(m)[COL_WAIT_MEAN];
    }
    double want = (T - D + 1) * (L - Q), se = sqrt((T - D + 1) * L / R);
    CHECK_MSG(fabs(sum / R - want) < 4 * se, "mean stranded %g, closed form %g, se %g", sum / R, want, se);
    /* The mean wait on day T is close to FIFO's (arrival noise moves it by a day at most). */
    CHECK_NEAR(wsum / R, fifo_wait(T), 1.0);
    sim_free(m);
    scenario_free(s);
}

TEST(same_seed_same_numbers_other_seed_others)
{
    scenario *s = load(full);
    sim *a = sim_new(s, -1, 0), *b = sim_new(s, -1, 0);
    sim_start(a, 99, 3);
    sim_start(b, 99, 3);
    int n = sim_columns(a)->n, differ = 0;
    for (int t = 0; t < 200; t++) {
        sim_step(a);
        sim_step(b);
        if (memcmp(sim_row(a), sim_row(b), sizeof(double) * (size_t)n) != 0) differ++;
    }
    CHECK(differ == 0);
    sim_start(b, 99, 4);
    sim_start(a, 99, 3);
    differ = 0;
    for (int t = 0; t < 200; t++) {
        sim_step(a);
        sim_step(b);
        if (sim_row(a)[COL_SET_OUT] != sim_row(b)[COL_SET_OUT]) differ++;
    }
    CHECK(differ > 100);
    sim_free(a);
    sim_free(b);
    scenario_free(s);
}

/* Step 1: Poisson departures have mean and variance `rate`; negative binomial
 * ones variance rate + dispersion * rate^2. */
TEST(departures_poisson_and_negative_binomial)
{
    for (int nb = 0; nb < 2; nb++) {
        char cfg[1024];
        snprintf(cfg, sizeof cfg, HEAD
                 "origins = ( { name = \"O\"; rate = 50.0; dispersion = %s; travel = { mean_days = 2.0; }; } );\n"
                 "sites = ( { name = \"S\"; } );\ncamps = ( { name = \"C\"; capacity = 1.0; } );\n",
                 2000, nb ? "0.1" : "0.0");
        scenario *s = load(cfg);
        sim *m = started(s, 0, 5);
        double sum = 0, sq = 0;
        const int n = 2000;
        for (int t = 0; t < n; t++) {
            sim_step(m);
            double x = sim_row(m)[COL_SET_OUT];
            sum += x;
            sq += x * x;
        }
        double mean = sum / n, var = sq / n - mean * mean, want_var = 50 + (nb ? 0.1 * 2500 : 0);
        CHECK_MSG(fabs(mean - 50) < 4 * sqrt(want_var / n), "mean %g", mean);
        /* var of the sample variance ~ 2 var^2 / n for near-normal data (x2 margin for the tails) */
        CHECK_MSG(fabs(var - want_var) < 4 * sqrt(2 * 2 * want_var * want_var / n), "var %g want %g", var, want_var);
        sim_free(m);
        scenario_free(s);
    }
}

/* Steps 2-3: a pulse of travellers arrives spread as the discretised gamma says,
 * minus the lost share, split among sites by the origin's shares. */
TEST(journey_loss_and_site_shares_deterministic)
{
    char cfg[1024];
    snprintf(cfg, sizeof cfg, HEAD
             "origins = ( { name = \"O\"; rate = 0.0; surges = ( { date = \"2016-01-01\"; people = 1000.0; } );\n"
             "   travel = { mean_days = 10.0; sd_days = 3.0; loss = 0.1; }; sites = { S = 0.7; T = 0.3; }; } );\n"
             "sites = ( { name = \"S\"; }, { name = \"T\"; } );\ncamps = ( { name = \"C\"; capacity = 1.0; } );\n", 60);
    scenario *s = load(cfg);
    sim *m = started(s, 1, 1);
    const columns *c = sim_columns(m);
    double arrived = 0, lost = 0, mean_day = 0;
    for (int t = 0; t < 60; t++) {
        sim_step(m);
        const double *r = sim_row(m);
        arrived += r[COL_ARRIVALS];
        lost += r[COL_TRANSIT_LOST];
        mean_day += t * (r[COL_ARRIVALS] + r[COL_TRANSIT_LOST]);
    }
    CHECK_NEAR(arrived, 900, 1e-6);
    CHECK_NEAR(lost, 100, 1e-6);
    CHECK_NEAR(mean_day / 1000, 10.0, 0.01);   /* rounding to whole days keeps the mean */
    CHECK_NEAR(sim_row(m)[c->site0], 630, 1e-6);
    CHECK_NEAR(sim_row(m)[c->site0 + 1], 270, 1e-6);
    sim_free(m);
    scenario_free(s);
}

/* Steps 1-2: origins that travel alike share one calendar, their travellers
 * taking the journeys mixed by the day's rates (plan_routes). In expected
 * values each day's arrivals must still be the sum over origins of rate on the
 * day of departure times P(journey = k), whatever the rates do. */
TEST(pooled_origins_keep_their_own_journeys_deterministic)
{
    char cfg[1024];
    snprintf(cfg, sizeof cfg, HEAD
             "origins = ( { name = \"A\"; rate = 100.0; rate_changes = ( { date = \"2016-01-21\"; rate = 300.0; } );\n"
             "              travel = { mean_days = 5.0; sd_days = 2.0; loss = 0.1; }; },\n"
             "            { name = \"B\"; rate = 50.0; surges = ( { date = \"2016-01-11\"; people = 900.0; days = 3; } );\n"
             "              travel = { mean_days = 15.0; sd_days = 4.0; loss = 0.1; }; } );\n"
             "sites = ( { name = \"S\"; } );\ncamps = ( { name = \"C\"; capacity = 1.0; } );\n", 60);
    scenario *s = load(cfg);
    sim *m = started(s, 1, 1);
    const double mean[2] = {5, 15}, sd[2] = {2, 4};
    double worst = 0;
    for (int t = 0; t < 60; t++) {
        sim_step(m);
        double want = 0;
        for (int o = 0; o < 2; o++) {
            double shape = mean[o] * mean[o] / (sd[o] * sd[o]), scale = sd[o] * sd[o] / mean[o];
            for (int k = 0; k <= t; k++) {   /* left on day t - k, k days on the way */
                int d = t - k;
                double rate = o == 0 ? (d >= 20 ? 300 : 100) : 50 + (d >= 10 && d < 13 ? 300 : 0);
                double p = gsl_cdf_gamma_P(k + 0.5, shape, scale) - (k ? gsl_cdf_gamma_P(k - 0.5, shape, scale) : 0);
                want += rate * p;
            }
        }
        const double *r = sim_row(m);
        double got = r[COL_ARRIVALS] + r[COL_TRANSIT_LOST];
        CHECK_NEAR(r[COL_TRANSIT_LOST], 0.1 * got, 1e-9 * got);
        if (fabs(got - want) > worst) worst = fabs(got - want);
    }
    CHECK_MSG(worst < 1e-6, "arrivals differ from the sum over origins by up to %g", worst);
    sim_free(m);
    scenario_free(s);
}

/* Step 4: expected deaths N * cmr / 10000 * factor, doubled while aid is cut;
 * births N * rate / 1000 / 365; leavers N * leave_rate (a person dies with
 * probability pd and leaves with probability pl on the same day). */
TEST(border_life_rates_deterministic)
{
    char cfg[1500];
    snprintf(cfg, sizeof cfg, HEAD
             "groups = ( { name = \"v\"; share = 0.5; mortality_factor = 3.0; }, { name = \"o\"; share = 0.5; } );\n"
             "sites = ( { name = \"S\"; initial = 100000.0; cmr = 1.0; birth_rate = 36.5; leave_rate = 0.01;\n"
             "            aid_cut_factor = 2.0; } );\n"
             "aid = { cuts = ( { from = \"2016-01-02\"; to = \"2016-01-02\"; } ); };\n"
             "camps = ( { name = \"C\"; capacity = 1.0; } );\n", 3);
    scenario *s = load(cfg);
    sim *m = started(s, 1, 1);
    sim_step(m);
    const double *r = sim_row(m);
    /* 50,000 at 3/10,000 + 50,000 at 1/10,000 */
    CHECK_NEAR(r[COL_BORDER_DEATHS], 15 + 5, 1e-9);
    CHECK_NEAR(r[COL_BORDER_BIRTHS], 100000 * 0.1 / 1000, 1e-9);
    CHECK_NEAR(r[COL_BORDER_LEFT], 0.01 * 100000, 1e-9);
    sim_step(m);   /* aid cut: deaths doubled; day 1's newborns joined the first group */
    const double *r2 = sim_row(m);
    double v = 50000 - 15 - 500 + 10, o = 50000 - 5 - 500;
    CHECK_NEAR(r2[COL_BORDER_DEATHS], 2 * (v * 3e-4 + o * 1e-4), 1e-9);
    sim_free(m);
    scenario_free(s);
}

/* Step 5: closures admit nobody; quota changes take effect on their date. */
TEST(quota_changes_and_closures)
{
    char cfg[1500];
    snprintf(cfg, sizeof cfg, HEAD
             "sites = ( { name = \"S\"; initial = 10000.0; } );\n"
             "admission = { quota = 10.0; quota_changes = ( { date = \"2016-01-05\"; quota = 30.0; } );\n"
             "              closures = ( { from = \"2016-01-08\"; to = \"2016-01-09\"; } ); };\n"
             "camps = ( { name = \"C\"; capacity = 1e9; } );\n", 12);
    scenario *s = load(cfg);
    for (int det = 0; det < 2; det++) {
        sim *m = started(s, det, 1);
        double want[12] = {10, 10, 10, 10, 30, 30, 30, 0, 0, 30, 30, 30};
        int bad = 0;
        for (int t = 0; t < 12; t++) {
            sim_step(m);
            if (sim_row(m)[COL_ADMITTED] != want[t]) bad++;
        }
        CHECK(bad == 0);
        sim_free(m);
    }
    scenario_free(s);
}

/* Dated switches, hand-computed in expected values (and the same whole numbers
 * stochastically where no draw is involved). 10,000 wait, nobody arrives or
 * dies. Quota 100 on days 0-9; closed on days 10-19; proportional 10% in random
 * order on days 20-29 (9,000 wait on day 20: 9,000 (0.9^(t-19) - 0.9^(t-20)) a
 * day); open from day 30 (everyone), with the order switched alone on day 35.
 * The site's leave rate is 0, then 0.01 from day 12 to day 14; the camp's
 * 0.05 until day 2, 0 after. */
TEST(dated_switches_of_policy_and_leave_rates)
{
    char cfg[2000];
    snprintf(cfg, sizeof cfg, HEAD
             "sites = ( { name = \"S\"; initial = 10000.0;\n"
             "            leave_changes = ( { date = \"2016-01-13\"; rate = 0.01; }, { date = \"2016-01-16\"; rate = 0.0; } ); } );\n"
             "admission = { quota = 100.0; fraction = 0.1;\n"
             "  policy_changes = ( { date = \"2016-01-11\"; policy = \"closed\"; },\n"
             "                     { date = \"2016-01-21\"; policy = \"proportional\"; order = \"random\"; },\n"
             "                     { date = \"2016-01-31\"; policy = \"open\"; }, { date = \"2016-02-05\"; order = \"fifo\"; } ); };\n"
             "camps = ( { name = \"C\"; initial = 1000.0; capacity = 1e9; leave_rate = 0.05;\n"
             "            leave_changes = ( { date = \"2016-01-03\"; rate = 0.0; } ); } );\n", 40);
    scenario *s = load(cfg);
    sim *m = started(s, 1, 1);
    const columns *c = sim_columns(m);
    double waiting = 10000, camp = 1000;
    int bad = 0;
    for (int t = 0; t < 40; t++) {
        sim_step(m);
        const double *r = sim_row(m);
        double left = t >= 12 && t <= 14 ? 0.01 * waiting : 0;
        waiting -= left;
        double adm = t < 10 ? 100 : t < 20 ? 0 : t < 30 ? 0.1 * waiting : waiting;
        waiting -= adm;
        double camp_left = t < 2 ? 0.05 * (camp + adm) : 0;
        camp += adm - camp_left;
        int closure = t >= 10 && t < 20;
        if (fabs(r[COL_ADMITTED] - adm) > 1e-9 || fabs(r[COL_BORDER_LEFT] - left) > 1e-9 ||
            fabs(r[COL_STRANDED] - waiting) > 1e-9 || fabs(r[c->camp0] - camp) > 1e-6 ||
            r[COL_BOUND_CLOSURE] != closure || r[COL_BOUND_QUOTA] != (t < 10 || (t >= 20 && t < 30))) {
            if (bad++ < 3)
                CHECK_MSG(0, "day %d: admitted %g (want %g), left %g (%g), stranded %g (%g), camp %g (%g)", t,
                          r[COL_ADMITTED], adm, r[COL_BORDER_LEFT], left, r[COL_STRANDED], waiting, r[c->camp0], camp);
        }
    }
    CHECK(bad == 0);
    sim_free(m);
    scenario_free(s);
}

/* Camp leavers who go back to the border: the camp's 1,000 leave at 10% a day,
 * a quarter of them to site H (the second). Nobody is admitted. Day t:
 * camp 1000 0.9^(t+1), camp_left 75 0.9^t, camp_returned 25 0.9^t, and H holds
 * what came back, with an arrival day each. */
TEST(camp_leavers_go_back_to_a_border_site)
{
    char cfg[1500];
    snprintf(cfg, sizeof cfg, HEAD
             "sites = ( { name = \"R\"; }, { name = \"H\"; } );\n"
             "admission = { policy = \"closed\"; };\n"
             "camps = ( { name = \"C\"; initial = 1000.0; capacity = 1e9; leave_rate = 0.1;\n"
             "            return_share = 0.25; return_site = \"H\"; } );\n", 20);
    scenario *s = load(cfg);
    sim *m = started(s, 1, 1);
    const columns *c = sim_columns(m);
    double back = 0;
    int bad = 0;
    for (int t = 0; t < 20; t++) {
        sim_step(m);
        const double *r = sim_row(m);
        back += 25 * pow(0.9, t);
        if (fabs(r[c->camp0] - 1000 * pow(0.9, t + 1)) > 1e-9 || fabs(r[COL_CAMP_LEFT] - 75 * pow(0.9, t)) > 1e-9 ||
            fabs(r[COL_CAMP_RETURNED] - 25 * pow(0.9, t)) > 1e-9 || fabs(r[c->site0 + 1] - back) > 1e-9 ||
            r[c->site0] != 0)
            bad++;
    }
    CHECK(bad == 0);
    sim_free(m);
    /* stochastic: whole people, the share within 4 SE of 1/4 over 20 replicates */
    m = sim_new(s, -1, 0);
    double left = 0, returned = 0;
    for (int rep = 0; rep < 20; rep++) {
        sim_start(m, 5, rep);
        for (int t = 0; t < 20; t++) {
            sim_step(m);
            left += sim_row(m)[COL_CAMP_LEFT];
            returned += sim_row(m)[COL_CAMP_RETURNED];
        }
    }
    double n = left + returned;
    CHECK_MSG(fabs(returned / n - 0.25) < 4 * sqrt(0.25 * 0.75 / n), "returned %g of %g", returned, n);
    sim_free(m);
    scenario_free(s);
}

/* Dated changes of what is in place: 1,000 people at the border need 200
 * shelters, 20 latrines; 10 shelters, 100 from day 5; 5 latrines, enough from
 * day 7. The camp's 2,000 people need 400 shelters: 0, then 500 from day 3. */
TEST(dated_changes_of_shelters_and_latrines)
{
    char cfg[2000];
    snprintf(cfg, sizeof cfg, HEAD
             "sites = ( { name = \"S\"; initial = 1000.0;\n"
             "  supply = { shelters = 10.0; latrines = 5.0; shelter_changes = ( { date = \"2016-01-06\"; value = 100.0; } );\n"
             "             latrine_changes = ( { date = \"2016-01-08\"; value = -1.0; } ); }; } );\n"
             "admission = { policy = \"closed\"; };\n"
             "camps = ( { name = \"C\"; initial = 2000.0; capacity = 1e9;\n"
             "  supply = { shelters = 0.0; shelter_changes = ( { date = \"2016-01-04\"; value = 500.0; } ); }; } );\n", 10);
    scenario *s = load(cfg);
    for (int det = 0; det < 2; det++) {
        sim *m = started(s, det, 1);
        const columns *c = sim_columns(m);
        int camp_shelters = c->place_needs0 + PLACE_NEEDS + PN_SHELTER_SHORTFALL, bad = 0;
        for (int t = 0; t < 10; t++) {
            sim_step(m);
            const double *r = sim_row(m);
            if (r[COL_SHELTER_SHORTFALL] != (t < 5 ? 190 : 100) || r[COL_LATRINE_SHORTFALL] != (t < 7 ? 15 : 0) ||
                r[camp_shelters] != (t < 3 ? 400 : 0))
                bad++;
        }
        CHECK(bad == 0);
        sim_free(m);
    }
    scenario_free(s);
}

/* Step 5: site_weights share the quota 3:1 while both sites have people. */
TEST(site_weights_share_the_quota)
{
    char cfg[1500];
    snprintf(cfg, sizeof cfg, HEAD
             "sites = ( { name = \"A\"; initial = 1000.0; }, { name = \"B\"; initial = 1000.0; } );\n"
             "admission = { quota = 40.0; site_weights = { A = 3.0; B = 1.0; }; };\n"
             "camps = ( { name = \"C\"; capacity = 1e9; } );\n", 10);
    scenario *s = load(cfg);
    for (int det = 0; det < 2; det++) {
        sim *m = started(s, det, 1);
        for (int t = 0; t < 10; t++) sim_step(m);
        const columns *c = sim_columns(m);
        CHECK_NEAR(sim_row(m)[c->site0], 1000 - 300, 1e-9);
        CHECK_NEAR(sim_row(m)[c->site0 + 1], 1000 - 100, 1e-9);
        sim_free(m);
    }
    scenario_free(s);
}

/* Step 6: vetting lasts its days, a share is refused, and screening never holds
 * more than its capacity. */
TEST(screening_delay_rejection_capacity)
{
    char cfg[1500];
    snprintf(cfg, sizeof cfg, HEAD
             "sites = ( { name = \"S\"; initial = 100000.0; } );\n"
             "admission = { quota = 400.0; screening = { days = 4.0; reject = 0.25; capacity = 1000.0; }; };\n"
             "camps = ( { name = \"C\"; capacity = 1e9; } );\n", 30);
    scenario *s = load(cfg);
    for (int det = 0; det < 2; det++) {
        sim *m = started(s, det, 3);
        int over = 0;
        double admitted = 0, rejected = 0, entered = 0;
        for (int t = 0; t < 30; t++) {
            sim_step(m);
            const double *r = sim_row(m);
            if (r[COL_SCREENING] > 1000) over++;
            if (t < 4 && r[COL_CAMP_ENTRIES] + r[COL_REJECTED] != 0) over++;
            admitted += r[COL_ADMITTED];
            rejected += r[COL_REJECTED];
            entered += r[COL_CAMP_ENTRIES];
        }
        CHECK(over == 0);
        /* capacity 1000 and 4 days of vetting: 250 a day on average after the start */
        CHECK(admitted < 400 * 30);
        double done = rejected + entered;
        if (det) CHECK_NEAR(rejected / done, 0.25, 1e-12);
        else CHECK_MSG(fabs(rejected / done - 0.25) < 4 * sqrt(0.25 * 0.75 / done), "%g", rejected / done);
        sim_free(m);
    }
    scenario_free(s);
}

/* Step 7: camp capacity grows on the expansion date; camp life rates. */
TEST(camp_expansions_and_life)
{
    char cfg[1500];
    snprintf(cfg, sizeof cfg, HEAD
             "sites = ( { name = \"S\"; } );\n"
             "camps = ( { name = \"C\"; initial = 36500.0; capacity = 100.0; cmr = 2.0; birth_rate = 10.0;\n"
             "            leave_rate = 0.001; expansions = ( { date = \"2016-01-03\"; add = 50.0; } ); } );\n", 4);
    scenario *s = load(cfg);
    sim *m = started(s, 1, 1);
    double cap[4];
    for (int t = 0; t < 4; t++) {
        sim_step(m);
        cap[t] = sim_row(m)[COL_CAMP_CAPACITY];
        if (t == 0) {
            CHECK_NEAR(sim_row(m)[COL_CAMP_BIRTHS], 1.0, 1e-12);
            CHECK_NEAR(sim_row(m)[COL_CAMP_DEATHS], 7.3, 1e-12);
            CHECK_NEAR(sim_row(m)[COL_CAMP_LEFT], 0.001 * 36500, 1e-9);
        }
    }
    CHECK(cap[0] == 100 && cap[1] == 100 && cap[2] == 150 && cap[3] == 150);
    sim_free(m);
    scenario_free(s);
}

int main(void)
{
    RUN(people_conserved_every_day_stochastic);
    RUN(people_conserved_every_day_deterministic);
    RUN(nothing_happens_without_people);
    RUN(steady_queue_matches_closed_form_deterministic);
    RUN(steady_queue_within_4_standard_errors_stochastic);
    RUN(same_seed_same_numbers_other_seed_others);
    RUN(departures_poisson_and_negative_binomial);
    RUN(journey_loss_and_site_shares_deterministic);
    RUN(pooled_origins_keep_their_own_journeys_deterministic);
    RUN(border_life_rates_deterministic);
    RUN(quota_changes_and_closures);
    RUN(site_weights_share_the_quota);
    RUN(dated_switches_of_policy_and_leave_rates);
    RUN(dated_changes_of_shelters_and_latrines);
    RUN(camp_leavers_go_back_to_a_border_site);
    RUN(screening_delay_rejection_capacity);
    RUN(camp_expansions_and_life);
    return test_summary();
}
