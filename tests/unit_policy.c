/* Tests of the admission policies and of common random numbers across policies. */
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
    snprintf(path, sizeof path, "tests/tmp/unit_policy_%d.cfg", n++);
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

/* A berm fed every day, with every policy of SPEC section 1 in the policies list. */
static const char *base =
    "scenario = { name = \"p\"; start = \"2016-01-01\"; days = 120; };\n"
    "groups = ( { name = \"vulnerable\"; share = 0.5; priority = 0; }, { name = \"other\"; share = 0.5; priority = 1; } );\n"
    "origins = ( { name = \"O\"; rate = 120.0; travel = { mean_days = 6.0; sd_days = 2.0; }; } );\n"
    "sites = ( { name = \"S\"; initial = 5000.0; cmr = 0.5; birth_rate = 30.0; leave_rate = 0.002; } );\n"
    "admission = { quota = 100.0; screening = { days = 3.0; reject = 0.05; capacity = 2000.0; };\n"
    "              closures = ( { from = \"2016-02-01\"; to = \"2016-02-10\"; } ); };\n"
    "camps = ( { name = \"C\"; initial = 1000.0; capacity = 5000.0; cmr = 0.2; leave_rate = 0.001;\n"
    "            expansions = ( { date = \"2016-03-01\"; add = 3000.0; } ); } );\n"
    "policies = ( { name = \"quota\"; },\n"
    "             { name = \"screening\"; admission = { policy = \"screening\"; }; },\n"
    "             { name = \"capacity\"; admission = { policy = \"capacity\"; reserve = 500.0; quota = 0.0; }; },\n"
    "             { name = \"capped\"; admission = { policy = \"capacity\"; reserve = 500.0; quota = 150.0; }; },\n"
    "             { name = \"proportional\"; admission = { policy = \"proportional\"; fraction = 0.05; }; },\n"
    "             { name = \"open\"; admission = { policy = \"open\"; }; },\n"
    "             { name = \"closed\"; admission = { policy = \"closed\"; }; },\n"
    "             { name = \"vulnerable_first\"; admission = { order = \"vulnerable_first\"; }; },\n"
    "             { name = \"random\"; admission = { order = \"random\"; }; },\n"
    "             { name = \"no_closure\"; admission = { closures = (); }; } );\n";

static int policy_index(const scenario *s, const char *name)
{
    for (int p = 0; p < s->n_policies; p++)
        if (!strcmp(s->policies[p].name, name)) return p;
    return -1;
}

TEST(policies_override_key_by_key)
{
    scenario *s = load(base);
    const admission_cfg *cap = scenario_admission(s, policy_index(s, "capacity"));
    CHECK(cap->policy == POLICY_CAPACITY);
    CHECK(cap->reserve == 500.0);
    CHECK(cap->screening.capacity == 2000.0);   /* kept from the base */
    CHECK(cap->closures.n == 1);
    CHECK(scenario_admission(s, policy_index(s, "no_closure"))->closures.n == 0);
    CHECK(scenario_admission(s, policy_index(s, "no_closure"))->quota == 100.0);
    scenario_free(s);
}

TEST(closed_admits_nobody_and_closures_stop_every_policy)
{
    scenario *s = load(base);
    for (int p = 0; p < s->n_policies; p++) {
        int no_closure = !strcmp(s->policies[p].name, "no_closure");
        int closed = !strcmp(s->policies[p].name, "closed");
        for (int det = 0; det < 2; det++) {
            sim *m = sim_new(s, p, det);
            sim_start(m, 11, 0);
            int bad = 0;
            double total = 0;
            for (int t = 0; t < 120; t++) {
                sim_step(m);
                double a = sim_row(m)[COL_ADMITTED];
                total += a;
                if ((closed || (!no_closure && t >= 31 && t <= 40)) && a != 0) bad++;
            }
            CHECK_MSG(bad == 0, "policy %s admitted people on %d closed days", s->policies[p].name, bad);
            if (!closed) CHECK_MSG(total > 0, "policy %s admitted nobody", s->policies[p].name);
            sim_free(m);
        }
    }
    scenario_free(s);
}

TEST(capacity_never_takes_the_camp_above_capacity)
{
    scenario *s = load(base);
    const char *names[] = {"capacity", "capped"};
    for (int i = 0; i < 2; i++) {
        int p = policy_index(s, names[i]);
        for (int det = 0; det < 2; det++) {
            sim *m = sim_new(s, p, det);
            sim_start(m, 5, 0);
            const columns *c = sim_columns(m);
            int over = 0, full = 0, over_cap = 0;
            for (int t = 0; t < 120; t++) {
                sim_step(m);
                const double *r = sim_row(m);
                if (r[c->camp0] > r[c->capacity0] + 1e-9) over++;
                /* full: within a day's rejections and departures of capacity - reserve */
                if (r[c->camp0] + r[COL_SCREENING] >= r[c->capacity0] - 500 - 100) full++;
                if (i == 1 && r[COL_ADMITTED] > 150) over_cap++;
            }
            CHECK_MSG(over == 0, "%s: camp above capacity on %d days", names[i], over);
            CHECK_MSG(full > 0, "%s: the camp never filled, so the test proves nothing", names[i]);
            CHECK(over_cap == 0);
            sim_free(m);
        }
    }
    scenario_free(s);
}

/* With no arrivals and no life at the border, proportional leaves
 * S0 (1 - f)^(t+1) after day t, and open leaves nobody. */
TEST(proportional_and_open_match_closed_forms)
{
    scenario *s = load(
        "scenario = { name = \"p\"; start = \"2016-01-01\"; days = 30; };\n"
        "sites = ( { name = \"S\"; initial = 10000.0; } );\n"
        "admission = { policy = \"proportional\"; fraction = 0.1; };\n"
        "camps = ( { name = \"C\"; capacity = 1e9; } );\n"
        "policies = ( { name = \"prop\"; }, { name = \"open\"; admission = { policy = \"open\"; }; } );\n");
    sim *m = sim_new(s, 0, 1);
    sim_start(m, 1, 0);
    int bad = 0;
    for (int t = 0; t < 30; t++) {
        sim_step(m);
        if (fabs(sim_row(m)[COL_STRANDED] - 10000 * pow(0.9, t + 1)) > 1e-9) bad++;
    }
    CHECK(bad == 0);
    sim_free(m);
    m = sim_new(s, 1, 1);
    sim_start(m, 1, 0);
    sim_step(m);
    CHECK(sim_row(m)[COL_STRANDED] == 0 && sim_row(m)[COL_ADMITTED] == 10000);
    sim_free(m);
    /* Stochastic proportional: the expected admissions of day 0 are f S0 = 1000;
     * binomial sd sqrt(S0 f (1-f)) = 30 for one replicate. */
    m = sim_new(s, 0, 0);
    double sum = 0;
    const int R = 200;
    for (int r = 0; r < R; r++) {
        sim_start(m, 3, r);
        sim_step(m);
        sum += sim_row(m)[COL_ADMITTED];
    }
    CHECK_MSG(fabs(sum / R - 1000) < 4 * 30 / sqrt(R), "mean %g", sum / R);
    sim_free(m);
    scenario_free(s);
}

static double group_wait(const scenario *s, int p, int g)
{
    sim *m = sim_new(s, p, 0);
    const columns *c = sim_columns(m);
    double admitted = 0, waited = 0;
    for (int r = 0; r < 20; r++) {
        sim_start(m, 8, r);
        for (int t = 0; t < 120; t++) {
            sim_step(m);
            const double *row = sim_row(m);
            admitted += row[c->group_admitted0 + g];
            waited += row[c->group_admitted0 + g] * row[c->group_wait0 + g];
        }
    }
    sim_free(m);
    return waited / admitted;
}

TEST(vulnerable_first_shortens_the_vulnerable_wait)
{
    scenario *s = load(base);
    int vf = policy_index(s, "vulnerable_first"), fifo = policy_index(s, "quota");
    double v = group_wait(s, vf, 0), o = group_wait(s, vf, 1);
    double fv = group_wait(s, fifo, 0), fo = group_wait(s, fifo, 1);
    CHECK_MSG(v < o / 2, "vulnerable_first: vulnerable wait %g, other %g", v, o);
    CHECK_MSG(fabs(fv - fo) < 0.05 * fo, "fifo: vulnerable %g, other %g should be close", fv, fo);
    CHECK(v < fv);
    scenario_free(s);
}

/* Replicate r of every policy sees the same departures and arrivals. */
TEST(departures_and_arrivals_identical_across_policies)
{
    scenario *s = load(base);
    const int P = s->n_policies;
    sim **m = calloc((size_t)P, sizeof *m);
    for (int p = 0; p < P; p++) m[p] = sim_new(s, p, 0);
    int differ = 0, stranded_differ = 0;
    for (int r = 0; r < 3; r++) {
        for (int p = 0; p < P; p++) sim_start(m[p], 21, r);
        for (int t = 0; t < 120; t++)
            for (int p = 0; p < P; p++) {
                sim_step(m[p]);
                const double *a = sim_row(m[0]), *b = sim_row(m[p]);
                if (p == 0) continue;
                if (a[COL_SET_OUT] != b[COL_SET_OUT] || a[COL_ARRIVALS] != b[COL_ARRIVALS] ||
                    a[COL_TRANSIT_LOST] != b[COL_TRANSIT_LOST]) differ++;
                if (a[COL_STRANDED] != b[COL_STRANDED]) stranded_differ++;
            }
    }
    CHECK(differ == 0);
    CHECK(stranded_differ > 0);   /* the policies do differ */
    for (int p = 0; p < P; p++) sim_free(m[p]);
    free(m);
    scenario_free(s);
}

/* Common random numbers: the replicate-by-replicate difference of a metric
 * between two policies varies much less than the difference of independent runs. */
TEST(common_random_numbers_narrow_the_difference)
{
    scenario *s = load(base);
    int a = policy_index(s, "quota"), b = policy_index(s, "capped");
    sim *ma = sim_new(s, a, 0), *mb = sim_new(s, b, 0);
    const int R = 60;
    double crn[60], ind[60];
    for (int r = 0; r < R; r++) {
        double sa = 0, sb = 0, si = 0;
        sim_start(ma, 4, r);
        sim_start(mb, 4, r);
        for (int t = 0; t < 120; t++) { sim_step(ma); sim_step(mb); sa += sim_row(ma)[COL_STRANDED]; sb += sim_row(mb)[COL_STRANDED]; }
        sim_start(mb, 4, r + 1000);
        for (int t = 0; t < 120; t++) { sim_step(mb); si += sim_row(mb)[COL_STRANDED]; }
        crn[r] = sb - sa;
        ind[r] = si - sa;
    }
    double mc = 0, mi = 0, vc = 0, vi = 0;
    for (int r = 0; r < R; r++) { mc += crn[r] / R; mi += ind[r] / R; }
    for (int r = 0; r < R; r++) { vc += (crn[r] - mc) * (crn[r] - mc); vi += (ind[r] - mi) * (ind[r] - mi); }
    CHECK_MSG(sqrt(vc) < 0.5 * sqrt(vi), "sd of the difference: crn %g, independent %g", sqrt(vc / R), sqrt(vi / R));
    sim_free(ma);
    sim_free(mb);
    scenario_free(s);
}

/* Which limit set each day's admissions, hand-computed. Nobody arrives or dies
 * and vetting takes 100 days (nobody leaves screening in the run).
 * quota: 100 a day from 1,000 waiting into 450 places of screening: the quota
 * binds on days 0-3 (450, 350, 250, 150 free), screening room on day 4 (50
 * free) and after, the closure on days 20-22. capacity: 150 free places in the
 * camp, quota cap 100: the cap on day 0, camp room after (50, then 0).
 * proportional binds every day by its own share; open admits everyone on day 0
 * (nothing bound), then finds nobody; closed is a closure. few: 250 waiting, no
 * screening limit: the quota on days 0-1, nothing on day 2 (the last 50 all
 * admitted), nobody waiting after. Q quota, S screening, K camp, C closure,
 * N nobody, - none. Both modes. */
TEST(the_binding_limit_is_named_each_day)
{
    scenario *s = load(
        "scenario = { name = \"b\"; start = \"2016-01-01\"; days = 30; };\n"
        "sites = ( { name = \"S\"; initial = 1000.0; } );\n"
        "admission = { quota = 100.0; screening = { days = 100.0; capacity = 450.0; };\n"
        "              closures = ( { from = \"2016-01-21\"; to = \"2016-01-23\"; } ); };\n"
        "camps = ( { name = \"C\"; initial = 1000.0; capacity = 1150.0; } );\n"
        "policies = ( { name = \"quota\"; },\n"
        "  { name = \"capacity\"; admission = { policy = \"capacity\"; screening = { capacity = 1e9; }; closures = (); }; },\n"
        "  { name = \"proportional\"; admission = { policy = \"proportional\"; fraction = 0.1;\n"
        "                                         screening = { capacity = 1e9; }; closures = (); }; },\n"
        "  { name = \"open\"; admission = { policy = \"open\"; screening = { capacity = 1e9; }; closures = (); }; },\n"
        "  { name = \"closed\"; admission = { policy = \"closed\"; }; } );\n");
    scenario *few = load(
        "scenario = { name = \"few\"; start = \"2016-01-01\"; days = 30; };\n"
        "sites = ( { name = \"S\"; initial = 250.0; } );\n"
        "admission = { quota = 100.0; screening = { days = 100.0; }; };\n"
        "camps = ( { name = \"C\"; capacity = 1e9; } );\n"
        "policies = ( { name = \"few\"; } );\n");
    const struct { const scenario *s; int p; const char *want; double admitted; } cases[] = {
        {s, 0, "QQQQSSSSSSSSSSSSSSSSCCCSSSSSSS", 450}, {s, 1, "QKKKKKKKKKKKKKKKKKKKKKKKKKKKKK", 150},
        {s, 2, "QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ", -1},  {s, 3, "-NNNNNNNNNNNNNNNNNNNNNNNNNNNNN", 1000},
        {s, 4, "CCCCCCCCCCCCCCCCCCCCCCCCCCCCCC", 0},   {few, 0, "QQ-NNNNNNNNNNNNNNNNNNNNNNNNNNN", 250}};
    const char *code = "QSKCN";
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        for (int det = 0; det < 2; det++) {
            const char *name = cases[i].s->policies[cases[i].p].name;
            sim *m = sim_new(cases[i].s, cases[i].p, det);
            sim_start(m, 7, 0);
            char got[31] = {0};
            double total = 0;
            int several = 0, other = 0;
            for (int t = 0; t < 30; t++) {
                sim_step(m);
                const double *r = sim_row(m);
                int ones = 0;
                got[t] = '-';
                for (int b = 0; b < 5; b++) {
                    if (r[COL_BOUND_QUOTA + b] == 1) { got[t] = code[b]; ones++; }
                    else other += r[COL_BOUND_QUOTA + b] != 0;
                }
                several += ones > 1;
                total += r[COL_ADMITTED];
            }
            CHECK_MSG(!strcmp(got, cases[i].want), "%s (%s): bound %s, expected %s", name,
                      det ? "deterministic" : "stochastic", got, cases[i].want);
            CHECK(several == 0 && other == 0);
            if (cases[i].admitted >= 0)
                CHECK_MSG(fabs(total - cases[i].admitted) < 1e-9, "%s admitted %g", name, total);
            sim_free(m);
        }
    scenario_free(few);
    scenario_free(s);
}

/* Limits that combine: 10,000 wait, proportional admits 10% (1,000) a day,
 * vetting is instant, the camp holds 1,000 of 1,300 places. Held to the camp
 * (camp_limit): 300 on day 0 (camp room), none after. With 200 places in
 * screening as well: 200 on day 0 (screening room), the other 100 of the camp's
 * room on day 1, none after. Without camp_limit the camp overflows (1,000 on day
 * 0, the policy's own share). Both modes (a binomial of mean 1,000 and sd 30 is
 * far above 300). */
TEST(limits_combine_under_any_policy)
{
    scenario *s = load(
        "scenario = { name = \"l\"; start = \"2016-01-01\"; days = 10; };\n"
        "sites = ( { name = \"S\"; initial = 10000.0; } );\n"
        "admission = { policy = \"proportional\"; fraction = 0.1; camp_limit = true; };\n"
        "camps = ( { name = \"C\"; initial = 1000.0; capacity = 1300.0; } );\n"
        "policies = ( { name = \"camp\"; },\n"
        "  { name = \"camp_and_screening\"; admission = { screening = { capacity = 200.0; }; }; },\n"
        "  { name = \"unheld\"; admission = { camp_limit = false; }; } );\n");
    const struct { const char *bound; double day0, day1; } want[] = {
        {"KKKKKKKKKK", 300, 0}, {"SKKKKKKKKK", 200, 100}, {"QQQQQQQQQQ", 1000, 900}};
    const char *code = "QSKCN";
    for (int p = 0; p < 3; p++)
        for (int det = 0; det < 2; det++) {
            sim *m = sim_new(s, p, det);
            sim_start(m, 3, 0);
            const columns *c = sim_columns(m);
            char got[11] = {0};
            double a[10], over = 0;
            for (int t = 0; t < 10; t++) {
                sim_step(m);
                const double *r = sim_row(m);
                got[t] = '-';
                for (int b = 0; b < 5; b++)
                    if (r[COL_BOUND_QUOTA + b] == 1) got[t] = code[b];
                a[t] = r[COL_ADMITTED];
                if (r[c->camp0] > r[c->capacity0]) over++;
            }
            const char *name = s->policies[p].name;
            CHECK_MSG(!strcmp(got, want[p].bound), "%s (%d): bound %s, expected %s", name, det, got, want[p].bound);
            if (p < 2 || det)
                CHECK_MSG(a[0] == want[p].day0 && a[1] == want[p].day1, "%s (%d): admitted %g, %g", name, det, a[0], a[1]);
            CHECK_MSG((over == 0) == (p < 2), "%s (%d): camp over capacity on %g days", name, det, over);
            sim_free(m);
        }
    scenario_free(s);
}

/* Reserved places: quota 100 a day under vulnerable_first, 5,000 vulnerable
 * waiting. Without reserve nobody of the other group is admitted; with 25%
 * reserved for them, 25 a day, the vulnerable 75. With only 30 others waiting,
 * they take 25 on day 0 and the last 5 on day 1; the 20 unused places of day 1
 * and all 25 after go to the vulnerable (95, then 100). Stochastic: quota 10 and
 * 25% is 2.5 places a day, 2 or 3, mean 2.5 within 4 SE over 200 days x 10
 * replicates (a floor or ceiling: variance 1/4). */
TEST(reserved_places_for_a_group)
{
    const char *head =
        "scenario = { name = \"r\"; start = \"2016-01-01\"; days = 200; };\n"
        "groups = ( { name = \"vulnerable\"; share = 0.5; priority = 0; }, { name = \"other\"; share = 0.5; priority = 1; } );\n"
        "admission = { quota = 100.0; order = \"vulnerable_first\"; };\n"
        "camps = ( { name = \"C\"; capacity = 1e9; } );\n"
        "policies = ( { name = \"strict\"; }, { name = \"reserved\"; admission = { reserved = { other = 0.25; }; }; },\n"
        "             { name = \"tenth\"; admission = { quota = 10.0; reserved = { other = 0.25; }; }; } );\n";
    char cfg[2000];
    snprintf(cfg, sizeof cfg, "%s%s", head, "sites = ( { name = \"S\"; initial = 10000.0; } );\n");
    scenario *s = load(cfg);
    /* 30 others of 5,000 */
    scenario *few = load(
        "scenario = { name = \"r\"; start = \"2016-01-01\"; days = 5; };\n"
        "groups = ( { name = \"vulnerable\"; share = 0.994; priority = 0; }, { name = \"other\"; share = 0.006; priority = 1; } );\n"
        "sites = ( { name = \"S\"; initial = 5000.0; } );\n"
        "admission = { quota = 100.0; order = \"vulnerable_first\"; reserved = { other = 0.25; }; };\n"
        "camps = ( { name = \"C\"; capacity = 1e9; } );\n");
    for (int det = 0; det < 2; det++) {
        for (int p = 0; p < 2; p++) {
            sim *m = sim_new(s, p, det);
            sim_start(m, 9, 0);
            const columns *c = sim_columns(m);
            int bad = 0;
            for (int t = 0; t < 20; t++) {
                sim_step(m);
                const double *r = sim_row(m);
                if (r[c->group_admitted0 + 1] != (p ? 25 : 0) || r[c->group_admitted0] != (p ? 75 : 100)) bad++;
            }
            CHECK_MSG(bad == 0, "%s (%d): %d days off", s->policies[p].name, det, bad);
            sim_free(m);
        }
        sim *m = sim_new(few, -1, det);
        sim_start(m, 9, 0);
        const columns *c = sim_columns(m);
        const double other[5] = {25, 5, 0, 0, 0}, vuln[5] = {75, 95, 100, 100, 100};
        int bad = 0;
        for (int t = 0; t < 5; t++) {
            sim_step(m);
            const double *r = sim_row(m);
            if (fabs(r[c->group_admitted0 + 1] - other[t]) > 1e-9 || fabs(r[c->group_admitted0] - vuln[t]) > 1e-9) bad++;
        }
        CHECK_MSG(bad == 0, "few others (%d): %d days off", det, bad);
        sim_free(m);
    }
    sim *m = sim_new(s, 2, 0);
    const columns *c = sim_columns(m);
    double sum = 0, n = 0;
    int whole = 1;
    for (int rep = 0; rep < 10; rep++) {
        sim_start(m, 9, rep);
        for (int t = 0; t < 200; t++) {
            sim_step(m);
            double o = sim_row(m)[c->group_admitted0 + 1];
            whole &= o == 2 || o == 3;
            sum += o;
            n++;
        }
    }
    CHECK(whole);
    CHECK_MSG(fabs(sum / n - 2.5) < 4 * 0.5 / sqrt(n), "others admitted %g a day, expected 2.5", sum / n);
    sim_free(m);
    scenario_free(few);
    scenario_free(s);
}

int main(void)
{
    RUN(policies_override_key_by_key);
    RUN(closed_admits_nobody_and_closures_stop_every_policy);
    RUN(capacity_never_takes_the_camp_above_capacity);
    RUN(proportional_and_open_match_closed_forms);
    RUN(vulnerable_first_shortens_the_vulnerable_wait);
    RUN(departures_and_arrivals_identical_across_policies);
    RUN(common_random_numbers_narrow_the_difference);
    RUN(the_binding_limit_is_named_each_day);
    RUN(limits_combine_under_any_policy);
    RUN(reserved_places_for_a_group);
    return test_summary();
}
