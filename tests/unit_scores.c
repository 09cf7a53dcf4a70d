/* Tests of the observation model (obsmodel.h) against hand-computed values, and
 * of the forecast scores and baselines (scores.h, scoretable.h) against direct
 * computations: CRPS against the O(n^2) double sum, WIS against the quantile
 * (pinball) form and the covidHubUtils example, the log-normal CRPS against
 * numerical integration, and scores.csv against a computation from the
 * replicates. Hand values: Python's math.erfc and math.lgamma. */
#include "columns.h"
#include "config.h"
#include "dates.h"
#include "ensemble.h"
#include "fit.h"
#include "model.h"
#include "obsmodel.h"
#include "observed.h"
#include "scores.h"
#include "scoretable.h"
#include "testlib.h"
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <stdlib.h>
#include <string.h>

static observation point(double v) { return (observation){.value = v, .has_value = 1}; }
static observation range(double v, int has_lo, double lo, int has_hi, double hi)
{
    return (observation){.value = v, .has_value = 1, .low = lo, .has_low = has_lo, .high = hi, .has_high = has_hi};
}

TEST(lognormal_loglik_matches_hand_values)
{
    obs_error m = {OBS_LOGNORMAL, 0.5, 0};
    /* log y = log x + sigma: -log y - log sigma - log sqrt(2 pi) - 1/2 */
    observation y = point(10000 * exp(0.5));
    CHECK_NEAR(obsmodel_loglik(&m, &y, 10000), -10.43613172462091, 1e-10);
    /* "over 20,000", "up to 20,000", 5,000 to 20,000, all for x = 10,000: z = log 2 / 0.5 */
    observation over = range(20000, 1, 20000, 0, 0), upto = range(20000, 0, 0, 1, 20000);
    observation both = range(10000, 1, 5000, 1, 20000);
    CHECK_NEAR(obsmodel_loglik(&m, &over, 10000), -2.490982844506478, 1e-10);
    CHECK_NEAR(obsmodel_loglik(&m, &upto, 10000), -0.08646082202922738, 1e-10);
    CHECK_NEAR(obsmodel_loglik(&m, &both, 10000), -0.1811107357377973, 1e-10);
    /* Far in the tail the cdfs underflow: the log of Q(z) at z = 76.75 by its
     * asymptotic series (-z^2/2 - log z - log sqrt(2 pi) + log(1 - 1/z^2 + 3/z^4 - 15/z^6)). */
    obs_error tight = {OBS_LOGNORMAL, 0.15, 0};
    observation far = range(1e6, 1, 1e6, 0, 0), far2 = range(1e6, 1, 1e6, 1, 2e6);
    CHECK_NEAR(obsmodel_loglik(&tight, &far, 10), -2950.7586488200986, 1e-6);
    observation below = range(10, 0, 0, 1, 10);   /* "up to 10" when x = 10^6: the mirror image */
    CHECK_NEAR(obsmodel_loglik(&tight, &below, 1e6), -2950.7586488200986, 1e-6);
    CHECK(isfinite(obsmodel_loglik(&tight, &far2, 10)) && obsmodel_loglik(&tight, &far2, 10) < -2950.75);
    /* A range of zero width is the value; simulated 0 counts as 1. */
    observation flat = range(300, 1, 300, 1, 300), p300 = point(300);
    CHECK_NEAR(obsmodel_loglik(&m, &flat, 250), obsmodel_loglik(&m, &p300, 250), 1e-12);
    observation one = point(1);
    CHECK_NEAR(obsmodel_loglik(&m, &one, 0), -log(0.5) - 0.91893853320467274, 1e-12);
}

TEST(negbin_loglik_matches_hand_values)
{
    obs_error pois = {OBS_NEGBIN, 0, 0}, nb = {OBS_NEGBIN, 0, 0.5};
    observation ten = point(10);
    CHECK_NEAR(obsmodel_loglik(&pois, &ten, 10), -2.0785616431350533, 1e-10);   /* 10 log 10 - 10 - log 10! */
    CHECK_NEAR(obsmodel_loglik(&nb, &ten, 10), -3.008839233597285, 1e-10);      /* log 11 + 2 log 1/6 + 10 log 5/6 */
    observation in = range(10, 1, 8, 1, 12), over = range(13, 1, 13, 0, 0);
    CHECK_NEAR(obsmodel_loglik(&pois, &in, 10), -0.5597780989690854, 1e-10);    /* log sum_{8..12} pmf */
    CHECK_NEAR(obsmodel_loglik(&pois, &over, 10), -1.5680871444345927, 1e-10);  /* log P(Y >= 13) */
    CHECK_NEAR(obsmodel_loglik(&nb, &in, 10), -1.3996235680804239, 1e-10);
    /* Underflow: the pmf at the nearer end, a lower bound, still finite. */
    observation far = range(1e5, 1, 1e5, 1, 2e5);
    double l = obsmodel_loglik(&pois, &far, 10);
    CHECK(isfinite(l) && l < -1e5);
}

/* The saturated log-likelihood is at least that of any x, and reached. */
TEST(best_loglik_bounds_every_simulated_value)
{
    obs_error ms[3] = {{OBS_LOGNORMAL, 0.2, 0}, {OBS_NEGBIN, 0, 0.05}, {OBS_NEGBIN, 0, 0}};
    observation os[4] = {point(5000), range(35000, 1, 23000, 1, 35000), range(28000, 1, 28000, 0, 0),
                         range(40, 1, 30, 1, 60)};
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 4; j++) {
            double best = obsmodel_loglik_best(&ms[i], &os[j]), grid = -INFINITY;
            for (double lx = 0; lx < 13; lx += 0.001) {
                double l = obsmodel_loglik(&ms[i], &os[j], exp(lx));
                CHECK_MSG(l <= best + 1e-9, "model %d report %d: x %g gives %.12g above the best %.12g", i, j, exp(lx),
                          l, best);
                if (l > grid) grid = l;
            }
            /* a one-sided range's best is the limit 0; otherwise the grid nearly reaches it */
            CHECK_MSG(best - grid < (j == 2 ? 1e-2 : 1e-3), "model %d report %d: best %.12g, grid %.12g", i, j, best, grid);
        }
    /* lognormal two-sided: 2 Phi(log(hi/lo) / (2 sigma)) - 1 */
    CHECK_NEAR(obsmodel_loglik_best(&ms[0], &os[1]), log(2 * gsl_cdf_ugaussian_P(log(35000.0 / 23000) / 0.4) - 1), 1e-12);
}

/* Links, the series log-likelihood (two reports on one day both count) and the
 * deviance, on the calib scenario (series column "stranded"). */
TEST(series_loglik_adds_every_report_and_distance_is_a_deviance)
{
    diag d = {0};
    scenario *s = scenario_load("tests/data/calib.cfg", NULL, 0, &d);
    CHECK(s != NULL);
    if (!s) { diag_print(&d); diag_clear(&d); return; }
    const char *text = "date,site,variable,value,low,high,source_url,note\n"
                       "2016-01-11,berm,stranded,900,,,,\n"
                       "2016-01-11,berm,stranded,1100,1000,1200,,\n"
                       "2016-02-01,berm,stranded,2000,,,,\n"
                       "2016-02-01,other,stranded,5,,,,\n"
                       "2017-02-01,berm,stranded,5,,,,\n";
    observations *obs = observed_parse("t.csv", text, strlen(text), &d);
    columns *cols = columns_new(s);
    obs_link *l;
    size_t n;
    CHECK(obs && cols && obsmodel_links(s, obs, cols, &l, &n, &d) == 0);
    CHECK(n == 3);   /* not the other site, nor after the period */
    double *series = calloc((size_t)s->days * (size_t)cols->n, sizeof *series);
    int c = columns_find(cols, "stranded");
    series[10 * cols->n + c] = 1000;
    series[31 * cols->n + c] = 2100;
    obs_error m = {OBS_LOGNORMAL, 0.15, 0};
    double want = obsmodel_loglik(&m, &obs->v[0], 1000) + obsmodel_loglik(&m, &obs->v[1], 1000) +
                  obsmodel_loglik(&m, &obs->v[2], 2100);
    CHECK_NEAR(obsmodel_loglik_series(s, l, n, series, cols->n), want, 1e-12);
    double dev = 2 * (obsmodel_loglik_best(&m, &obs->v[0]) - obsmodel_loglik(&m, &obs->v[0], 1000) +
                      obsmodel_loglik_best(&m, &obs->v[1]) - obsmodel_loglik(&m, &obs->v[1], 1000) +
                      obsmodel_loglik_best(&m, &obs->v[2]) - obsmodel_loglik(&m, &obs->v[2], 2100));
    CHECK_NEAR(obsmodel_distance(s, l, n, series, cols->n), dev, 1e-12);
    /* At the best x of each report (900; the range's geometric middle; 2000) the distance is 0. */
    series[10 * cols->n + c] = 900;
    series[31 * cols->n + c] = 2000;
    obs_link one[2] = {l[0], l[2]};
    CHECK_NEAR(obsmodel_distance(s, one, 2, series, cols->n), 0, 1e-12);
    CHECK(obsmodel_distance(s, l, n, series, cols->n) > 0);
    free(series);
    free(l);
    columns_free(cols);
    observed_free(obs);
    scenario_free(s);
    diag_clear(&d);
}

static double crps_direct(const double *x, size_t n, double y)
{
    double a = 0, b = 0;
    for (size_t i = 0; i < n; i++) {
        a += fabs(x[i] - y);
        for (size_t j = 0; j < n; j++) b += fabs(x[i] - x[j]);
    }
    return a / (double)n - 0.5 * b / ((double)n * (double)n);
}

TEST(crps_sorted_matches_the_double_sum)
{
    double ex[3] = {1, 2, 3};
    CHECK_NEAR(scores_crps_sorted(ex, 3, 2), 2.0 / 9, 1e-15);   /* 2/3 - (1/2)(8/9) */
    CHECK_NEAR(scores_crps_sorted(ex, 1, 5), 4, 1e-15);
    gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(g, 22);
    for (int rep = 0; rep < 50; rep++) {
        size_t n = 1 + gsl_rng_uniform_int(g, 300);
        double *x = malloc(sizeof *x * n);
        for (size_t i = 0; i < n; i++) x[i] = rep % 2 ? (double)gsl_ran_poisson(g, 20) : gsl_ran_gaussian(g, 3);
        double y = rep % 2 ? (double)gsl_ran_poisson(g, 20) : gsl_ran_gaussian(g, 3);
        double direct = crps_direct(x, n, y);
        gsl_sort(x, 1, n);
        CHECK_NEAR(scores_crps_sorted(x, n, y), direct, 1e-10 * (1 + direct));
        free(x);
    }
    gsl_rng_free(g);
}

/* The pinball form: WIS = (1 / (K + 0.5)) sum_tau rho_tau(y - q_tau), rho_tau(u) = u (tau - [u < 0]). */
static double wis_pinball(const double *q, const double *lv, int n, double y)
{
    double sum = 0;
    for (int i = 0; i < n; i++) sum += (y - q[i]) * (lv[i] - (y < q[i]));
    return sum / (n / 2 + 0.5);
}

TEST(wis_matches_the_covidhubutils_example_and_the_pinball_form)
{
    /* reichlab/covidHubUtils' example (also in scoringutils' tests): y = 1, -15, 22
     * and quantiles at 0.1, 0.25, 0.5, 0.75, 0.9; by hand from Bracher et al.'s
     * formula: 0.9 / 2.5, 38.35 / 2.5, 47.85 / 2.5. */
    const double lv[5] = {0.1, 0.25, 0.5, 0.75, 0.9};
    const double q[3][5] = {{-1, 0, 1, 2, 3}, {-2, 1, 2, 2, 4}, {-2, 0, 3, 3, 4}};
    const double y[3] = {1, -15, 22}, want[3] = {0.36, 15.34, 19.14};
    for (int i = 0; i < 3; i++) CHECK_NEAR(scores_wis(q[i], lv, 5, y[i]), want[i], 1e-12);
    const double *hub = scores_hub_levels();
    CHECK_NEAR(hub[0], 0.01, 0);
    CHECK_NEAR(hub[SCORES_N_LEVELS / 2], 0.5, 0);
    CHECK_NEAR(hub[SCORES_N_LEVELS - 1], 0.99, 0);
    gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(g, 5);
    for (int rep = 0; rep < 200; rep++) {
        double qq[SCORES_N_LEVELS];
        for (int i = 0; i < SCORES_N_LEVELS; i++) qq[i] = gsl_ran_gaussian(g, 10);
        gsl_sort(qq, 1, SCORES_N_LEVELS);
        double yy = gsl_ran_gaussian(g, 15);
        CHECK_NEAR(scores_wis(qq, hub, SCORES_N_LEVELS, yy), wis_pinball(qq, hub, SCORES_N_LEVELS, yy), 1e-10);
    }
    gsl_rng_free(g);
    const double bad[4] = {0.1, 0.4, 0.6, 0.9};   /* no median */
    CHECK(isnan(scores_wis(q[0], bad, 4, 1)));
}

TEST(coverage_and_mid_pit)
{
    double x[4] = {1, 2, 2, 3};
    CHECK_NEAR(scores_mid_pit_sorted(x, 4, 2), 0.5, 0);    /* (1 + 2/2) / 4 */
    CHECK_NEAR(scores_mid_pit_sorted(x, 4, 2.5), 0.75, 0);
    CHECK_NEAR(scores_mid_pit_sorted(x, 4, 0), 0, 0);
    CHECK_NEAR(scores_mid_pit_sorted(x, 4, 3), 0.875, 0);
    const double lv[5] = {0.05, 0.25, 0.5, 0.75, 0.95}, q[5] = {1, 2, 3, 4, 5};
    CHECK(scores_covered(q, lv, 5, 0.5, 2) == 1 && scores_covered(q, lv, 5, 0.5, 4.5) == 0);
    CHECK(scores_covered(q, lv, 5, 0.9, 4.5) == 1 && scores_covered(q, lv, 5, 0.9, 5.5) == 0);
    CHECK(scores_covered(q, lv, 5, 0.8, 3) == -1);
    CHECK_NEAR(scores_ard(110, 100), 0.1, 1e-15);
    CHECK(isnan(scores_ard(1, 0)));
    CHECK_NEAR(scores_skill(2, 4), 0.5, 0);
    CHECK(isnan(scores_skill(2, 0)));
}

/* The closed-form CRPS of a log-normal against the integral of (F(t) - [t >= y])^2. */
TEST(lognormal_crps_matches_the_integral)
{
    const double med[3] = {100, 5000, 40}, sd[3] = {0.3, 0.05, 1.0}, y[3] = {130, 4000, 40};
    for (int k = 0; k < 3; k++) {
        score_set sc;
        scores_from_lognormal(med[k], sd[k], y[k], &sc);
        double hi = med[k] * exp(12 * sd[k]), h = hi / 2e6, sum = 0;
        for (int i = 0; i < 2000000; i++) {
            double t = (i + 0.5) * h, F = gsl_cdf_lognormal_P(t, log(med[k]), sd[k]) - (t >= y[k]);
            sum += F * F * h;
        }
        CHECK_NEAR(sc.crps, sum, 1e-5 * med[k]);
        CHECK_NEAR(sc.pit, gsl_cdf_lognormal_P(y[k], log(med[k]), sd[k]), 1e-12);
    }
    score_set pt;
    scores_from_lognormal(100, 0, 130, &pt);
    CHECK_NEAR(pt.crps, 30, 0);
    CHECK_NEAR(pt.wis, 30, 1e-12);   /* every quantile at the point: the absolute error */
    CHECK(pt.pit == 1 && pt.in90 == 0);
}

TEST(baselines_persistence_and_trend)
{
    /* days 0, 2, 4 on a line 100 + 75 t; two reports on day 4 (380, 420: mean 400);
     * a report at day -10 before the last three */
    scores_point p[5] = {{4, 380}, {-10, 5000}, {0, 100}, {2, 250}, {4, 420}};
    double med, sd;
    CHECK(scores_baseline(SCORES_PERSISTENCE, p, 5, 13, &med, &sd) == 0);
    CHECK_NEAR(med, 400, 1e-12);
    double z1 = log(100.0 / 5000) / sqrt(10), z2 = log(2.5) / sqrt(2), z3 = log(1.6) / sqrt(2);
    double s = sqrt((z1 * z1 + z2 * z2 + z3 * z3) / 3);
    CHECK_NEAR(sd, s * 3, 1e-12);   /* 9 days ahead */
    /* the trend through the last three reports (2, 250), (4, 380), (4, 420): slope 75 */
    CHECK(scores_baseline(SCORES_TREND, p, 5, 13, &med, &sd) == 0);
    CHECK_NEAR(med, 400 + 75 * 9, 1e-9);
    /* falling below 0: held at 0 */
    scores_point down[2] = {{0, 100}, {1, 50}};
    CHECK(scores_baseline(SCORES_TREND, down, 2, 10, &med, &sd) == 0 && med == 0);
    /* one reported day: no spread, and the trend is persistence */
    scores_point one[2] = {{3, 10}, {3, 30}};
    CHECK(scores_baseline(SCORES_TREND, one, 2, 10, &med, &sd) == 0);
    CHECK(med == 20 && sd == 0);
    CHECK(scores_baseline(SCORES_PERSISTENCE, one, 0, 10, &med, &sd) == -1);
    double q[SCORES_N_LEVELS];
    scores_lognormal_quantiles(400, 0.2, q);
    CHECK_NEAR(q[SCORES_N_LEVELS - 2], 400 * exp(0.2 * 1.959963984540054), 1e-9);   /* 0.975 */
}

/* scores.csv's table against a direct computation from the replicates. */
TEST(scoretable_matches_a_direct_computation)
{
    diag d = {0};
    scenario *s = scenario_load("tests/data/calib.cfg", NULL, 0, &d);
    CHECK(s != NULL);
    if (!s) { diag_print(&d); diag_clear(&d); return; }
    const char *text = "date,site,variable,value,low,high,source_url,note\n"
                       "2016-01-06,berm,stranded,600,,,,\n"
                       "2016-01-16,berm,stranded,800,,,,\n"
                       "2016-01-26,berm,stranded,1000,,,,\n"   /* cut-off */
                       "2016-02-05,berm,stranded,1150,,,,\n"
                       "2016-02-15,berm,stranded,1500,1400,,,\n"
                       "2016-02-15,berm,stranded,,1400,1600,,\n";   /* no value: not scored */
    observations *obs = observed_parse("t.csv", text, strlen(text), &d);
    columns *cols = columns_new(s);
    long R = 257, cells = s->days * cols->n, cutoff;
    CHECK(obs && cols && date_parse("2016-01-26", &cutoff) == 0);
    double *reps = calloc((size_t)(R * cells), sizeof *reps);
    gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(g, 9);
    int c = columns_find(cols, "stranded");
    for (long r = 0; r < R; r++)
        for (int t = 0; t < s->days; t++) reps[r * cells + t * cols->n + c] = (double)gsl_ran_poisson(g, 500 + 15.0 * t);
    score_table tb;
    CHECK(scoretable_build(s, obs, cols, reps, R, cutoff, &tb, &d) == 0);
    CHECK(tb.n == 2);
    const long days[2] = {35, 45};
    const double ys[2] = {1150, 1500};
    double wis_sum = 0, pers_sum = 0, in90 = 0;
    for (size_t i = 0; i < tb.n && i < 2; i++) {
        double x[257];
        for (long r = 0; r < R; r++) x[r] = reps[r * cells + days[i] * cols->n + c];
        double direct_crps = crps_direct(x, (size_t)R, ys[i]);
        gsl_sort(x, 1, (size_t)R);
        double q[SCORES_N_LEVELS], below = 0, equal = 0;
        for (int k = 0; k < SCORES_N_LEVELS; k++) q[k] = gsl_stats_quantile_from_sorted_data(x, 1, (size_t)R, scores_hub_levels()[k]);
        for (long r = 0; r < R; r++) below += x[r] < ys[i], equal += x[r] == ys[i];
        const score_entry *e = &tb.v[i];
        CHECK(e->o->value == ys[i] && e->horizon == days[i] - 25);
        CHECK_NEAR(e->model.mean, gsl_stats_mean(x, 1, (size_t)R), 1e-9);
        CHECK_NEAR(e->model.ard, fabs(gsl_stats_mean(x, 1, (size_t)R) - ys[i]) / ys[i], 1e-12);
        CHECK_NEAR(e->model.crps, direct_crps, 1e-8);
        CHECK_NEAR(e->model.wis, wis_pinball(q, scores_hub_levels(), SCORES_N_LEVELS, ys[i]), 1e-8);
        CHECK(e->model.in50 == (ys[i] >= q[6] && ys[i] <= q[16]));
        CHECK(e->model.in90 == (ys[i] >= q[2] && ys[i] <= q[20]));
        CHECK_NEAR(e->model.pit, (below + 0.5 * equal) / R, 1e-15);
        /* persistence: 1000 with s = RMS of log(800/600)/sqrt 10 and log(1000/800)/sqrt 10 */
        double z1 = log(800.0 / 600) / sqrt(10), z2 = log(1000.0 / 800) / sqrt(10);
        double sd = sqrt((z1 * z1 + z2 * z2) / 2) * sqrt((double)e->horizon), pq[SCORES_N_LEVELS];
        for (int k = 0; k < SCORES_N_LEVELS; k++) pq[k] = 1000 * exp(sd * gsl_cdf_ugaussian_Pinv(scores_hub_levels()[k]));
        CHECK(e->has_baselines);
        CHECK_NEAR(e->persistence.mean, 1000, 1e-9);   /* the median */
        CHECK_NEAR(e->persistence.wis, wis_pinball(pq, scores_hub_levels(), SCORES_N_LEVELS, ys[i]), 1e-8);
        CHECK_NEAR(e->skill_persistence, 1 - e->model.wis / e->persistence.wis, 1e-12);
        /* the trend through (0, 600), (10, 800), (20, 1000): 20 a day */
        CHECK_NEAR(e->trend.ard, fabs(1000 + 20.0 * e->horizon - ys[i]) / ys[i], 1e-9);
        wis_sum += e->model.wis;
        pers_sum += e->persistence.wis;
        in90 += e->model.in90;
    }
    CHECK_NEAR(tb.model.wis, wis_sum / 2, 1e-9);
    CHECK_NEAR(tb.model.in90, in90 / 2, 1e-15);
    CHECK_NEAR(tb.skill_persistence, 1 - wis_sum / pers_sum, 1e-12);
    CHECK(scoretable_write_csv("tests/tmp/unit_scores.csv", &tb) == 0);
    FILE *f = fopen("tests/tmp/unit_scores.csv", "r");
    char line[2048];
    int lines = 0, header_ok = 0, overall = 0;
    while (f && fgets(line, sizeof line, f)) {
        const char *head = "date,site,variable,series,horizon_days,observed,mean,ard,crps,wis,in_50,in_90,pit,"
                           "persistence_median,persistence_ard,";
        if (lines == 0) header_ok = strncmp(line, head, strlen(head)) == 0;
        if (strncmp(line, "overall,", 8) == 0) overall = 1;
        lines++;
    }
    if (f) fclose(f);
    CHECK(lines == 4 && header_ok && overall);
    /* A full disk: the write fails with the reason in errno, for forecast's message. */
    errno = 0;
    CHECK(scoretable_write_csv("/dev/full", &tb) == -1 && errno == ENOSPC);
    scoretable_free(&tb);
    gsl_rng_free(g);
    free(reps);
    columns_free(cols);
    observed_free(obs);
    scenario_free(s);
    diag_clear(&d);
}

/* run_options.keep: every replicate's value of the kept cells is that
 * replicate's own, as a sim started from (seed, r) gives it. */
TEST(ensemble_keeps_every_replicates_value)
{
    diag d = {0};
    scenario *s = scenario_load("tests/data/calib.cfg", NULL, 0, &d);
    CHECK(s != NULL);
    if (!s) { diag_print(&d); diag_clear(&d); return; }
    columns *cols = columns_new(s);
    int c = columns_find(cols, "stranded");
    size_t keep[3] = {(size_t)(5 * cols->n + c), (size_t)(40 * cols->n + c), (size_t)(79 * cols->n + COL_ARRIVALS)};
    run_options ro = {.seed = 7, .replicates = 37, .threads = 2, .keep = keep, .n_keep = 3, .local = 1};
    ensemble *e = ensemble_run(s, -1, &ro);
    CHECK(e && e->n_keep == 3);
    sim *m = sim_new(s, -1, 0);
    double *row = malloc(sizeof *row * (size_t)cols->n * (size_t)s->days);
    for (long r = 0; e && m && r < 37; r++) {
        sim_start(m, 7, r);
        for (int t = 0; t < s->days; t++) {
            sim_step(m);
            memcpy(row + (size_t)t * cols->n, sim_row(m), sizeof *row * (size_t)cols->n);
        }
        for (int k = 0; k < 3; k++) CHECK_NEAR(e->kept[r * 3 + k], row[keep[k]], 0);
    }
    free(row);
    sim_free(m);
    ensemble_free(e);
    columns_free(cols);
    scenario_free(s);
    diag_clear(&d);
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *b = calloc(1 << 16, 1);
    if (b) fread(b, 1, (1 << 16) - 1, f);
    fclose(f);
    return b;
}

/* The forecast's way: an ensemble keeping only scoretable_cells gives the same
 * scores.csv as the whole replicate matrix (sims run by hand). */
TEST(scoretable_from_kept_cells_matches_the_whole_matrix)
{
    diag d = {0};
    scenario *s = scenario_load("tests/data/calib.cfg", NULL, 0, &d);
    CHECK(s != NULL);
    if (!s) { diag_print(&d); diag_clear(&d); return; }
    const char *text = "date,site,variable,value,low,high,source_url,note\n"
                       "2016-01-21,berm,stranded,1000,,,,\n"
                       "2016-02-10,berm,stranded,1400,,,,\n"
                       "2016-03-01,berm,stranded,1500,,,,\n"
                       "2016-03-01,berm,stranded,1700,,,,\n";
    observations *obs = observed_parse("t.csv", text, strlen(text), &d);
    columns *cols = columns_new(s);
    long cutoff, R = 41;
    CHECK(obs && cols && date_parse("2016-01-31", &cutoff) == 0);
    size_t *cells, n;
    CHECK(scoretable_cells(s, obs, cols, cutoff, &cells, &n, &d) == 0 && n == 3);
    run_options ro = {.seed = 3, .replicates = R, .threads = 2, .keep = cells, .n_keep = n, .local = 1};
    ensemble *e = ensemble_run(s, -1, &ro);
    size_t per = (size_t)s->days * (size_t)cols->n;
    double *reps = malloc(sizeof *reps * per * (size_t)R);
    sim *m = sim_new(s, -1, 0);
    for (long r = 0; r < R; r++) {
        sim_start(m, 3, r);
        for (int t = 0; t < s->days; t++) {
            sim_step(m);
            memcpy(reps + (size_t)r * per + (size_t)t * cols->n, sim_row(m), sizeof *reps * (size_t)cols->n);
        }
    }
    score_table a, b, c;
    CHECK(e && scoretable_build_kept(s, obs, cols, e->kept, R, e->n_keep, cutoff, &a, &d) == 0);
    CHECK(scoretable_build(s, obs, cols, reps, R, cutoff, &b, &d) == 0);
    CHECK(scoretable_write_csv("tests/tmp/unit_scores_kept.csv", &a) == 0);
    CHECK(scoretable_write_csv("tests/tmp/unit_scores_full.csv", &b) == 0);
    char *ka = slurp("tests/tmp/unit_scores_kept.csv"), *kb = slurp("tests/tmp/unit_scores_full.csv");
    CHECK(ka && kb && strlen(ka) > 100 && strcmp(ka, kb) == 0);
    /* kept values that are not those cells are refused */
    CHECK(e && scoretable_build_kept(s, obs, cols, e->kept, R, n - 1, cutoff, &c, &d) == -1 && d.n > 0);
    scoretable_free(&c);
    free(ka);
    free(kb);
    scoretable_free(&a);
    scoretable_free(&b);
    sim_free(m);
    free(reps);
    free(cells);
    ensemble_free(e);
    columns_free(cols);
    observed_free(obs);
    scenario_free(s);
    diag_clear(&d);
}

/* fit_compute's scores: means over the rows with a value and scores; the
 * log-likelihoods add over the rows that have one. */
TEST(fit_metrics_average_the_row_scores)
{
    fit_row rows[4] = {
        {.observed = 100, .has_value = 1, .sim_mean = 110, .weight = 1, .crps = 3, .wis = 2, .in50 = 1, .in90 = 1,
         .pit = 0.4, .loglik = -2},
        {.observed = 200, .has_value = 1, .sim_mean = 150, .weight = 1, .crps = 5, .wis = 4, .in50 = 0, .in90 = 1,
         .pit = 1, .loglik = -5},
        {.observed = 300, .has_value = 1, .sim_mean = 150, .weight = 1, .crps = NAN, .wis = NAN, .in50 = -1,
         .in90 = -1, .pit = NAN, .loglik = NAN},   /* no replicates kept */
        {.low = 40, .has_low = 1, .sim_mean = 70, .weight = 1, .crps = NAN, .wis = NAN, .in50 = -1, .in90 = -1,
         .pit = NAN, .loglik = -0.5},   /* a range: no scores, but a likelihood */
    };
    fit_metrics m;
    fit_compute(rows, 4, &m);
    CHECK_NEAR(m.crps, 4, 1e-15);
    CHECK_NEAR(m.wis, 3, 1e-15);
    CHECK_NEAR(m.coverage_50, 0.5, 1e-15);
    CHECK_NEAR(m.coverage_90, 1, 1e-15);
    CHECK_NEAR(m.loglik, -7.5, 1e-15);
    for (int i = 0; i < 4; i++) rows[i].loglik = NAN, rows[i].crps = NAN;
    fit_compute(rows, 4, &m);
    CHECK(isnan(m.loglik) && isnan(m.crps) && isnan(m.coverage_90));
}

int main(void)
{
    RUN(lognormal_loglik_matches_hand_values);
    RUN(negbin_loglik_matches_hand_values);
    RUN(best_loglik_bounds_every_simulated_value);
    RUN(series_loglik_adds_every_report_and_distance_is_a_deviance);
    RUN(crps_sorted_matches_the_double_sum);
    RUN(wis_matches_the_covidhubutils_example_and_the_pinball_form);
    RUN(coverage_and_mid_pit);
    RUN(lognormal_crps_matches_the_integral);
    RUN(baselines_persistence_and_trend);
    RUN(scoretable_matches_a_direct_computation);
    RUN(ensemble_keeps_every_replicates_value);
    RUN(scoretable_from_kept_cells_matches_the_whole_matrix);
    RUN(fit_metrics_average_the_row_scores);
    return test_summary();
}
