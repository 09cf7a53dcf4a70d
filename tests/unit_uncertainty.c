/* Tests of the uncertain parameters and the walk of the departure rates: each
 * prior's draws against its truncated GSL cdf (Kolmogorov-Smirnov), densities
 * against GSL's pdfs, the per-replicate stream, the posterior's resampling
 * (chi-square), a set written into a scenario and its policies, sim_rederive
 * against a fresh sim, common random numbers across policies, and the walk's
 * variance growth and mean correction. Fixed seeds throughout. */
#include "config.h"
#include "ensemble.h"
#include "model.h"
#include "posterior.h"
#include "prior.h"
#include "testlib.h"
#include "uncertainty.h"
#include "walk.h"
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static scenario *load_sets(const char *text, const override *sets, int n_sets)
{
    static int n;
    char path[256];
    snprintf(path, sizeof path, "tests/tmp/unit_uncertainty_%d.cfg", n++);
    FILE *f = fopen(path, "w");
    if (!f) { perror(path); exit(1); }
    fputs(text, f);
    fclose(f);
    diag d = {0};
    scenario *s = scenario_load(path, sets, n_sets, &d);
    if (!s) { diag_print(&d); fprintf(stderr, "bad test config %s\n", path); exit(1); }
    diag_clear(&d);
    return s;
}
static scenario *load(const char *text) { return load_sets(text, NULL, 0); }

#define BASE0 "scenario = { name = \"t\"; start = \"2016-01-01\"; days = 60; seed = 11; };\n" \
    "origins = ( { name = \"A\"; rate = 100.0; travel = { mean_days = 6.0; sd_days = 2.0; }; } );\n" \
    "sites = ( { name = \"R\"; initial = 1000.0; cmr = 0.5; } );\n" \
    "camps = ( { name = \"Z\"; capacity = 100000.0; } );\n"
#define BASE BASE0 "admission = { quota = 50.0; };\n"

/* The truncated cdf straight from GSL, independent of prior.c. */
static double gsl_trunc_cdf(int dist, double a, double b, double lo, double hi, double x)
{
    double (*P)(double, double, double) = NULL;
    double F, Flo, Fhi;
#define CDF(v) (dist == PRIOR_NORMAL ? gsl_cdf_gaussian_P((v) - a, b) \
              : dist == PRIOR_LOGUNIFORM ? ((v) <= a ? 0 : (v) >= b ? 1 : gsl_cdf_flat_P(log(v), log(a), log(b))) \
              : dist == PRIOR_LOGNORMAL ? gsl_cdf_lognormal_P((v), log(a), b) : P((v), a, b))
    if (dist == PRIOR_UNIFORM) P = gsl_cdf_flat_P;
    if (dist == PRIOR_BETA) P = gsl_cdf_beta_P;
    if (dist == PRIOR_GAMMA) P = gsl_cdf_gamma_P;
    if (x <= lo) return 0;
    if (x >= hi) return 1;
    F = CDF(x);
    Flo = isfinite(lo) ? CDF(lo) : 0;
    Fhi = isfinite(hi) ? CDF(hi) : 1;
#undef CDF
    return (F - Flo) / (Fhi - Flo);
}

/* KS statistic of draws x[n] (sorted here) against the truncated GSL cdf. */
static double ks(double *x, size_t n, int dist, double a, double b, double lo, double hi)
{
    gsl_sort(x, 1, n);
    double D = 0;
    for (size_t i = 0; i < n; i++) {
        double F = gsl_trunc_cdf(dist, a, b, lo, hi, x[i]);
        D = fmax(D, fmax(fabs(F - (double)i / n), fabs((double)(i + 1) / n - F)));
    }
    return D;
}

typedef struct { int dist; double a, b, lo, hi, trunc_lo, trunc_hi; } pcase;
/* Each distribution, truncated on one side, both sides, in a far tail (inverted
 * through Q), and shapes GSL's own inverses abort on. trunc_*: where the
 * truncated interval really ends (the support and the bounds). */
static const pcase cases[] = {
    {PRIOR_UNIFORM, 1, 3, 0, 2.5, 1, 2.5},
    {PRIOR_LOGUNIFORM, 0.1, 100, -INFINITY, 10, 0.1, 10},
    {PRIOR_NORMAL, 5, 2, 1, INFINITY, 1, INFINITY},
    {PRIOR_NORMAL, 0, 1, 3, 5, 3, 5},
    {PRIOR_LOGNORMAL, 1, 0.5, 0, 2, 0, 2},
    {PRIOR_LOGNORMAL, 1, 0.2, 1.5, 1000, 1.5, 1000},
    {PRIOR_BETA, 1, 400, 0, 1, 0, 1},
    {PRIOR_BETA, 2, 5, 0.1, 0.5, 0.1, 0.5},
    {PRIOR_GAMMA, 4, 0.075, 0.2, 1e9, 0.2, 1e9},
    {PRIOR_GAMMA, 0.5, 2, 0, 1, 0, 1},
};
#define NCASES (sizeof cases / sizeof *cases)

TEST(prior_draws_follow_truncated_cdf)
{
    const size_t N = 4000;
    double *x = malloc(sizeof *x * N);
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_taus2);
    for (size_t c = 0; c < NCASES; c++) {
        const pcase *k = &cases[c];
        prior p;
        const char *why = prior_init(&p, k->dist, k->a, k->b, k->lo, k->hi);
        CHECK_MSG(!why, "case %zu: %s", c, why ? why : "");
        if (why) continue;
        gsl_rng_set(rng, 7 + c);
        int inside = 1;
        for (size_t i = 0; i < N; i++) {
            x[i] = prior_quantile(&p, gsl_rng_uniform_pos(rng));
            inside &= x[i] >= k->trunc_lo && x[i] <= k->trunc_hi;
        }
        CHECK_MSG(inside, "case %zu: a draw outside [%g, %g]", c, k->trunc_lo, k->trunc_hi);
        double D = ks(x, N, k->dist, k->a, k->b, k->trunc_lo, k->trunc_hi);
        /* 1.95 / sqrt(N): the KS critical value at the 0.1% level. */
        CHECK_MSG(D * sqrt((double)N) < 1.95, "case %zu: KS D = %g (sqrt(N) D = %g)", c, D, D * sqrt((double)N));
        /* The central value is the truncated median. */
        CHECK_NEAR(gsl_trunc_cdf(k->dist, k->a, k->b, k->trunc_lo, k->trunc_hi, prior_quantile(&p, 0.5)), 0.5, 1e-9);
    }
    gsl_rng_free(rng);
    free(x);
}

TEST(prior_density_matches_gsl_pdf)
{
    for (size_t c = 0; c < NCASES; c++) {
        const pcase *k = &cases[c];
        prior p;
        if (prior_init(&p, k->dist, k->a, k->b, k->lo, k->hi)) { CHECK(0); continue; }
        double Flo = isfinite(k->trunc_lo) ? gsl_trunc_cdf(k->dist, k->a, k->b, -INFINITY, INFINITY, k->trunc_lo) : 0;
        double Fhi = isfinite(k->trunc_hi) ? gsl_trunc_cdf(k->dist, k->a, k->b, -INFINITY, INFINITY, k->trunc_hi) : 1;
        for (double u = 0.1; u < 0.95; u += 0.2) {
            double x = prior_quantile(&p, u), pdf;
            switch (k->dist) {
            case PRIOR_UNIFORM: pdf = gsl_ran_flat_pdf(x, k->a, k->b); break;
            case PRIOR_LOGUNIFORM: pdf = gsl_ran_flat_pdf(log(x), log(k->a), log(k->b)) / x; break;
            case PRIOR_NORMAL: pdf = gsl_ran_gaussian_pdf(x - k->a, k->b); break;
            case PRIOR_LOGNORMAL: pdf = gsl_ran_lognormal_pdf(x, log(k->a), k->b); break;
            case PRIOR_BETA: pdf = gsl_ran_beta_pdf(x, k->a, k->b); break;
            default: pdf = gsl_ran_gamma_pdf(x, k->a, k->b);
            }
            CHECK_NEAR(prior_log_density(&p, x), log(pdf / (Fhi - Flo)), 1e-9);
        }
        CHECK(prior_log_density(&p, k->trunc_lo - 1) == -INFINITY);
    }
}

TEST(prior_init_refuses_bad_parameters)
{
    prior p;
    CHECK(prior_init(&p, PRIOR_NORMAL, 0, 0, -1, 1) != NULL);        /* sd 0 */
    CHECK(prior_init(&p, PRIOR_UNIFORM, 2, 1, -10, 10) != NULL);     /* lo > hi */
    CHECK(prior_init(&p, PRIOR_LOGUNIFORM, 0, 1, 0, 10) != NULL);    /* lo 0 */
    CHECK(prior_init(&p, PRIOR_LOGNORMAL, -1, 1, 0, 10) != NULL);    /* median < 0 */
    CHECK(prior_init(&p, PRIOR_NORMAL, 0, 1, 40, 50) != NULL);       /* no mass */
    CHECK(prior_init(&p, PRIOR_GAMMA, 2e6, 1, 0, 1e9) != NULL);      /* beyond GSL */
    CHECK(prior_init(&p, PRIOR_BETA, 2, 2, 0, 1) == NULL);
}

static const char *with_priors = BASE
    "uncertainty = { parameters = (\n"
    "  { path = \"scenario.rate_factor\"; dist = \"lognormal\"; median = 1.0; sd_log = 0.3; },\n"
    "  { path = \"sites.[0].cmr\"; dist = \"gamma\"; shape = 2.0; scale = 0.5; hi = 3.0; } ); };\n";

/* Replicate r's set comes from (seed, r) alone, and over replicates the sets
 * follow the priors. */
TEST(replicate_sets_follow_priors)
{
    scenario *s = load(with_priors);
    const uncertainty *u = s->unc;
    CHECK(u && uncertainty_count(u) == 2);
    const size_t N = 3000;
    double *a = malloc(sizeof *a * N), *b = malloc(sizeof *b * N), x[2], y[2];
    for (size_t r = 0; r < N; r++) {
        uncertainty_draw(u, 11, (long)r, x);
        a[r] = x[0];
        b[r] = x[1];
    }
    uncertainty_draw(u, 11, 5, x);
    uncertainty_draw(u, 11, 5, y);
    CHECK(x[0] == y[0] && x[1] == y[1]);
    uncertainty_draw(u, 12, 5, y);
    CHECK(x[0] != y[0]);
    /* The two parameters of one replicate are independent draws. */
    double r_ab = gsl_stats_correlation(a, 1, b, 1, N);
    CHECK_MSG(fabs(r_ab) < 4 / sqrt((double)N), "correlation %g", r_ab);
    CHECK(sqrt((double)N) * ks(a, N, PRIOR_LOGNORMAL, 1.0, 0.3, 0, 1000) < 1.95);   /* ks sorts */
    CHECK(sqrt((double)N) * ks(b, N, PRIOR_GAMMA, 2.0, 0.5, 0, 3.0) < 1.95);
    free(a);
    free(b);
    scenario_free(s);
}

TEST(fixed_runs_at_the_medians)
{
    scenario *s = load(with_priors);
    double x[2];
    uncertainty_central(s->unc, x);
    CHECK(uncertainty_fix(s) == 0 && s->unc == NULL);
    CHECK(s->rate_factor == x[0] && s->sites[0].cmr == x[1]);
    CHECK_NEAR(x[0], 1.0, 1e-12);
    CHECK_NEAR(gsl_cdf_gamma_P(x[1], 2.0, 0.5) / gsl_cdf_gamma_P(3.0, 2.0, 0.5), 0.5, 1e-9);
    scenario_free(s);
}

/* A base admission setting reaches the policies that do not set their own. */
TEST(sets_reach_inheriting_policies)
{
    scenario *s = load(BASE0
        "admission = { quota = 50.0; quota_changes = ( { date = \"2016-02-01\"; quota = 70.0; } ); "
        "  screening = { days = 2.0; }; };\n"
        "policies = ( { name = \"same\"; },\n"
        "  { name = \"own\"; admission = { quota = 10.0; quota_changes = ( { date = \"2016-02-01\"; quota = 5.0; } ); "
        "    screening = { sd_days = 1.0; }; }; } );\n"
        "uncertainty = { parameters = (\n"
        "  { path = \"admission.quota\"; dist = \"uniform\"; lo = 0.0; hi = 100.0; },\n"
        "  { path = \"admission.quota_changes.[0].quota\"; dist = \"uniform\"; lo = 0.0; hi = 100.0; },\n"
        "  { path = \"admission.screening.days\"; dist = \"uniform\"; lo = 1.0; hi = 9.0; } ); };\n");
    scenario *c = uncertainty_clone(s);
    uncertainty_targets *t = uncertainty_bind(s->unc, c);
    double x[3] = {33, 44, 7};
    uncertainty_apply(t, x);
    CHECK(c->admission.quota == 33 && c->policies[0].admission.quota == 33 && c->policies[1].admission.quota == 10);
    CHECK(c->admission.quota_changes.v[0].value == 44 && c->policies[0].admission.quota_changes.v[0].value == 44);
    CHECK(c->policies[1].admission.quota_changes.v[0].value == 5);
    /* screening is a group: the policy sets sd_days only, so it takes days. */
    CHECK(c->policies[0].admission.screening.days == 7 && c->policies[1].admission.screening.days == 7);
    CHECK(c->policies[1].admission.screening.sd_days == 1);
    /* The original is untouched: the clone's lists are its own. */
    CHECK(s->admission.quota == 50 && s->admission.quota_changes.v[0].value == 70 && s->policies[0].admission.quota == 50);
    uncertainty_unbind(t);
    uncertainty_clone_free(c);
    scenario_free(s);
}

/* sim_rederive after a set is applied gives the same days as a sim made afresh
 * from a scenario with those values set (--set), for two sets in a row (the
 * kept journeys must be made again when their mean changes, and kept when not). */
TEST(rederive_matches_fresh_sim)
{
    const char *text = BASE
        "uncertainty = { parameters = (\n"
        "  { path = \"scenario.rate_factor\"; dist = \"uniform\"; lo = 0.5; hi = 2.0; },\n"
        "  { path = \"origins.[0].travel.mean_days\"; dist = \"uniform\"; lo = 2.0; hi = 20.0; },\n"
        "  { path = \"admission.quota\"; dist = \"uniform\"; lo = 10.0; hi = 200.0; },\n"
        "  { path = \"admission.screening.days\"; dist = \"uniform\"; lo = 0.0; hi = 9.0; },\n"
        "  { path = \"camps.[0].capacity\"; dist = \"uniform\"; lo = 1000.0; hi = 5000.0; },\n"
        "  { path = \"walk.volatility\"; dist = \"uniform\"; lo = 0.0; hi = 0.5; } ); };\n";
    scenario *s = load(text);
    scenario *c = uncertainty_clone(s);
    uncertainty_targets *t = uncertainty_bind(s->unc, c);
    sim *m = sim_new(c, -1, 0);
    const double sets[3][6] = {{1.5, 12.0, 80.0, 3.0, 2000.0, 0.3}, {0.7, 12.0, 150.0, 0.0, 4000.0, 0.0},
                               {0.7, 4.0, 150.0, 6.0, 4000.0, 0.1}};
    for (int k = 0; k < 3; k++) {
        uncertainty_apply(t, sets[k]);
        CHECK(sim_rederive(m) == 0);
        sim_start(m, 3, 1);
        char v[6][32];
        override o[6];
        for (int i = 0; i < 6; i++) {
            snprintf(v[i], sizeof v[i], "%.17g", sets[k][i]);
            o[i] = (override){uncertainty_path(s->unc, i), v[i]};
        }
        scenario *f = load_sets(text, o, 6);
        CHECK(f->unc == NULL);   /* every prior fixed by --set */
        sim *g = sim_new(f, -1, 0);
        sim_start(g, 3, 1);
        int same = 1, n = sim_columns(m)->n;
        for (int d = 0; d < 60; d++) {
            sim_step(m);
            sim_step(g);
            same &= memcmp(sim_row(m), sim_row(g), sizeof(double) * (size_t)n) == 0;
        }
        CHECK_MSG(same, "set %d: rederived sim differs from a fresh one", k);
        sim_free(g);
        scenario_free(f);
    }
    sim_free(m);
    uncertainty_unbind(t);
    uncertainty_clone_free(c);
    scenario_free(s);
}

/* Leave rates are laid out by day (leave_changes), so a prior on one needs
 * sim_rederive: read as it runs, its draws would be silently ignored. */
TEST(leave_rates_need_layout)
{
    const char *site = BASE
        "uncertainty = { parameters = (\n"
        "  { path = \"sites.[0].leave_rate\"; dist = \"uniform\"; lo = 0.0; hi = 0.05; } ); };\n";
    const char *camp = BASE
        "uncertainty = { parameters = (\n"
        "  { path = \"camps.[0].leave_rate\"; dist = \"uniform\"; lo = 0.0; hi = 0.05; } ); };\n";
    scenario *s = load(site), *c = load(camp);
    CHECK(uncertainty_needs_layout(s->unc));
    CHECK(uncertainty_needs_layout(c->unc));
    scenario_free(s);
    scenario_free(c);
}

/* Settings the model reads as it runs need no sim_rederive: applied alone, they
 * give the days of a fresh sim made with them; a laid-out setting says it needs
 * one. */
TEST(read_as_it_runs_needs_no_layout)
{
    const char *text = BASE
        "groups = ( { name = \"v\"; share = 0.5; }, { name = \"o\"; share = 0.5; } );\n"
        "conditions = { water_mortality = true; };\n"
        "uncertainty = { parameters = (\n"
        "  { path = \"sites.[0].cmr\"; dist = \"uniform\"; lo = 0.0; hi = 5.0; },\n"
        "  { path = \"sites.[0].birth_rate\"; dist = \"uniform\"; lo = 0.0; hi = 50.0; },\n"
        "  { path = \"sites.[0].initial\"; dist = \"uniform\"; lo = 0.0; hi = 5000.0; },\n"
        "  { path = \"camps.[0].initial\"; dist = \"uniform\"; lo = 0.0; hi = 5000.0; },\n"
        "  { path = \"camps.[0].cmr\"; dist = \"uniform\"; lo = 0.0; hi = 2.0; },\n"
        "  { path = \"groups.[0].mortality_factor\"; dist = \"uniform\"; lo = 1.0; hi = 3.0; },\n"
        "  { path = \"standards.water_border_lpd\"; dist = \"uniform\"; lo = 5.0; hi = 30.0; },\n"
        "  { path = \"conditions.water_threshold_lpd\"; dist = \"uniform\"; lo = 5.0; hi = 30.0; },\n"
        "  { path = \"walk.volatility\"; dist = \"uniform\"; lo = 0.0; hi = 0.3; } ); };\n";
    scenario *s = load(text);
    CHECK(!uncertainty_needs_layout(s->unc));
    scenario *c = uncertainty_clone(s);
    uncertainty_targets *t = uncertainty_bind(s->unc, c);
    sim *m = sim_new(c, -1, 0);
    const double x[9] = {2.5, 40.0, 3000, 4000, 1.5, 2.0, 25.0, 20.0, 0.2};
    uncertainty_apply(t, x);
    sim_start(m, 3, 1);
    char v[9][32];
    override o[9];
    for (int i = 0; i < 9; i++) {
        snprintf(v[i], sizeof v[i], "%.17g", x[i]);
        o[i] = (override){uncertainty_path(s->unc, i), v[i]};
    }
    scenario *f = load_sets(text, o, 9);
    sim *g = sim_new(f, -1, 0);
    sim_start(g, 3, 1);
    int same = 1, n = sim_columns(m)->n;
    for (int d = 0; d < 60; d++) {
        sim_step(m);
        sim_step(g);
        same &= memcmp(sim_row(m), sim_row(g), sizeof(double) * (size_t)n) == 0;
    }
    CHECK(same);
    sim_free(g);
    scenario_free(f);
    sim_free(m);
    uncertainty_unbind(t);
    uncertainty_clone_free(c);
    scenario_free(s);
    const char *laid[] = {"camps.[0].capacity", "sites.[0].supply.water_l", "origins.[0].rate", "admission.quota",
                          "scenario.rate_factor"};   /* leave rates: leave_rates_need_layout */
    for (int i = 0; i < 5; i++) {
        char cfg[1024];
        snprintf(cfg, sizeof cfg, "%suncertainty = { parameters = ( { path = \"%s\"; dist = \"uniform\"; "
                 "lo = 0.5; hi = 1.0; } ); };\n", BASE, laid[i]);
        scenario *l = load(cfg);
        CHECK_MSG(uncertainty_needs_layout(l->unc), "%s", laid[i]);
        scenario_free(l);
    }
}

/* Under compare, replicate r runs the same set under every policy: departures
 * depend on the set and the departures stream only, so they agree replicate by
 * replicate across two policies, while the prior on the rate spreads them far
 * more than Poisson noise would. */
TEST(policies_share_replicate_sets)
{
    scenario *s = load(BASE0 "admission = { quota = 20.0; };\n"
        "policies = ( { name = \"a\"; }, { name = \"b\"; admission = { quota = 400.0; }; } );\n"
        "uncertainty = { parameters = (\n"
        "  { path = \"scenario.rate_factor\"; dist = \"lognormal\"; median = 1.0; sd_log = 0.3; } ); };\n");
    run_options o = {.seed = 11, .replicates = 200, .threads = 2, .local = 1};
    ensemble *a = ensemble_run(s, 0, &o), *b = ensemble_run(s, 1, &o);
    int m = metrics_find(a->ms, "total_set_out"), adm = metrics_find(a->ms, "total_admitted"), M = a->ms->n;
    int same = 1, differ = 0;
    double sum = 0, sum2 = 0;
    for (long r = 0; r < 200; r++) {
        double x = a->metrics[r * M + m];
        same &= x == b->metrics[r * M + m];
        differ |= a->metrics[r * M + adm] != b->metrics[r * M + adm];
        sum += x;
        sum2 += x * x;
    }
    CHECK(same && differ);
    double mean = sum / 200, var = sum2 / 200 - mean * mean;
    /* Poisson alone: variance = mean (6000); the prior gives about (0.3 mean)^2. */
    CHECK_MSG(var > 100 * mean, "variance %g, mean %g", var, mean);
    ensemble_free(a);
    ensemble_free(b);
    scenario_free(s);
}

/* A posterior's particles are resampled in proportion to their weights, whole
 * rows at a time; a prior on another path is drawn alongside. */
TEST(posterior_resampling)
{
    FILE *f = fopen("tests/tmp/unit_posterior.csv", "w");
    fputs("# weights 1:2:3:4, not normalised\nparticle,weight,scenario.rate_factor,sites.[0].cmr\n"
          "0,1,0.5,0.1\n1,2,1.0,0.2\n2,3,1.5,0.3\n3,4,2.0,0.4\n", f);
    fclose(f);
    scenario *s = load(BASE "uncertainty = { posterior = \"unit_posterior.csv\";\n"
        "  parameters = ( { path = \"camps.[0].cmr\"; dist = \"uniform\"; lo = 0.0; hi = 1.0; } ); };\n");
    const uncertainty *u = s->unc;
    CHECK(u && uncertainty_count(u) == 3 && uncertainty_particles(u) == 4);
    CHECK(!strcmp(uncertainty_path(u, 0), "camps.[0].cmr") && !strcmp(uncertainty_path(u, 1), "scenario.rate_factor"));
    const long N = 4000;
    double count[4] = {0}, x[3];
    int joint = 1;
    for (long r = 0; r < N; r++) {
        uncertainty_draw(u, 5, r, x);
        int k = (int)lround(x[1] / 0.5) - 1;
        joint &= k >= 0 && k < 4 && fabs(x[2] - 0.1 * (k + 1)) < 1e-12 && x[0] >= 0 && x[0] <= 1;
        if (k >= 0 && k < 4) count[k]++;
    }
    CHECK(joint);
    double chi2 = 0;
    for (int k = 0; k < 4; k++) {
        double e = N * (k + 1) / 10.0;
        chi2 += (count[k] - e) * (count[k] - e) / e;
    }
    CHECK_MSG(gsl_cdf_chisq_Q(chi2, 3) > 0.001, "chi-square %g on 3 df", chi2);
    /* Central values: the weighted medians (cumulative weight 0.1, 0.3, 0.6: the third). */
    uncertainty_central(u, x);
    CHECK(x[1] == 1.5 && x[2] == 0.3 && x[0] == 0.5);
    scenario_free(s);
}

TEST(parameters_csv_row_round_trip)
{
    scenario *s = load(with_priors);
    double x[2], y[2];
    uncertainty_draw(s->unc, 11, 42, x);
    FILE *f = tmpfile();
    uncertainty_write_header(f, s->unc);
    uncertainty_write_row(f, s->unc, 42, x);
    rewind(f);
    char line[512];
    CHECK(fgets(line, sizeof line, f) && !strcmp(line, "replicate,scenario.rate_factor,sites.[0].cmr\n"));
    long r = 0;
    CHECK(fgets(line, sizeof line, f) && uncertainty_read_row(s->unc, line, &r, y) == 0);
    CHECK(r == 42 && x[0] == y[0] && x[1] == y[1]);
    CHECK(uncertainty_read_row(s->unc, "1,2", &r, y) != 0);
    fclose(f);
    scenario_free(s);
}

/* ---- the walk ---- */

/* After k steps the log-factor has variance k sigma^2 (within 4 standard errors
 * of a sample variance, 2 sigma^4 k^2 / (N - 1)), and the factor mean 1. */
TEST(walk_variance_grows_linearly)
{
    const int N = 4000, days = 71, step = 7;
    const double sd = 0.2;
    double *f = malloc(sizeof *f * days), sum[11] = {0}, sum2[11] = {0}, fsum[11] = {0}, fsum2[11] = {0};
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_taus2);
    gsl_rng_set(rng, 99);
    for (int n = 0; n < N; n++) {
        walk_fill(f, days, sd, step, 0, rng);
        CHECK(f[0] == 1 && f[6] == 1);
        for (int k = 0; k <= 10; k++) {
            double x = log(f[k * step]);
            sum[k] += x, sum2[k] += x * x;
            fsum[k] += f[k * step], fsum2[k] += f[k * step] * f[k * step];
        }
    }
    for (int k = 1; k <= 10; k++) {
        double mean = sum[k] / N, var = (sum2[k] - N * mean * mean) / (N - 1), want = k * sd * sd;
        CHECK_MSG(fabs(var - want) < 4 * want * sqrt(2.0 / (N - 1)), "k = %d: var %g, want %g", k, var, want);
        double fm = fsum[k] / N, fse = sqrt((fsum2[k] / N - fm * fm) / N);
        CHECK_MSG(fabs(fm - 1) < 4 * fse, "k = %d: E[factor] %g +- %g, want 1", k, fm, fse);
    }
    gsl_rng_free(rng);
    free(f);
}

static double total_set_out(sim *m, int days)
{
    double n = 0;
    for (int d = 0; d < days; d++) sim_step(m), n += sim_row(m)[COL_SET_OUT];
    return n;
}

/* From `from` on: a factor of 1 until its first step, step_days after `from`. */
TEST(walk_starts_at_from)
{
    double f[40];
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_taus2);
    gsl_rng_set(rng, 3);
    walk_fill(f, 40, 0.5, 5, 20, rng);
    int flat = 1;
    for (int t = 0; t < 25; t++) flat &= f[t] == 1;
    CHECK(flat);
    CHECK(f[25] != 1 && f[25] == f[29] && f[30] != f[29]);
    gsl_rng_free(rng);
}

/* Deterministic mode runs the walk's mean path: the same days as no walk. A
 * volatility of 0 is no walk in stochastic mode too. */
TEST(walk_off_and_deterministic_exact)
{
    scenario *off = load(BASE), *on = load(BASE "walk = { volatility = 0.3; step_days = 1; };\n"),
             *zero = load(BASE "walk = { volatility = 0.0; };\n");
    for (int det = 0; det <= 1; det++) {
        sim *a = sim_new(off, -1, det), *b = sim_new(det ? on : zero, -1, det);
        sim_start(a, 4, 2);
        sim_start(b, 4, 2);
        int same = 1, n = sim_columns(a)->n;
        for (int d = 0; d < 60; d++) {
            sim_step(a);
            sim_step(b);
            same &= memcmp(sim_row(a), sim_row(b), sizeof(double) * (size_t)n) == 0;
        }
        CHECK_MSG(same, "det %d", det);
        sim_free(a);
        sim_free(b);
    }
    scenario_free(off);
    scenario_free(on);
    scenario_free(zero);
}

/* The walk is mean-corrected: departures keep their mean (100 a day) however
 * far it wanders, within 4 standard errors over replicates; it widens them far
 * beyond Poisson; and two policies walk alike (its own stream). */
TEST(walk_keeps_mean_and_widens)
{
    scenario *s = load(BASE "walk = { volatility = 0.3; step_days = 7; };\n"
                       "policies = ( { name = \"a\"; }, { name = \"b\"; admission = { quota = 5.0; }; } );\n");
    sim *a = sim_new(s, 0, 0), *b = sim_new(s, 1, 0);
    const int R = 2000;
    double sum = 0, sum2 = 0;
    int same = 1;
    for (int r = 0; r < R; r++) {
        sim_start(a, 8, r);
        sim_start(b, 8, r);
        double x = total_set_out(a, 60);
        same &= x == total_set_out(b, 60);
        sum += x, sum2 += x * x;
    }
    double mean = sum / R, var = sum2 / R - mean * mean, se = sqrt(var / R);
    CHECK_MSG(fabs(mean - 6000) < 4 * se, "mean %g +- %g, want 6000", mean, se);
    CHECK_MSG(var > 50 * 6000, "variance %g", var);
    CHECK(same);
    sim_free(a);
    sim_free(b);
    scenario_free(s);
}

int main(void)
{
    RUN(prior_draws_follow_truncated_cdf);
    RUN(prior_density_matches_gsl_pdf);
    RUN(prior_init_refuses_bad_parameters);
    RUN(replicate_sets_follow_priors);
    RUN(fixed_runs_at_the_medians);
    RUN(sets_reach_inheriting_policies);
    RUN(rederive_matches_fresh_sim);
    RUN(read_as_it_runs_needs_no_layout);
    RUN(leave_rates_need_layout);
    RUN(policies_share_replicate_sets);
    RUN(posterior_resampling);
    RUN(parameters_csv_row_round_trip);
    RUN(walk_variance_grows_linearly);
    RUN(walk_starts_at_from);
    RUN(walk_off_and_deterministic_exact);
    RUN(walk_keeps_mean_and_widens);
    return test_summary();
}
