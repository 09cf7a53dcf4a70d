/* Tests of forecast (forecast.h) on a small synthetic scenario
 * (tests/data/forecast.cfg): the truth is one run of the model at parameters
 * drawn from the priors; the reports up to the cut-off are that run with the
 * target's log-normal error (sigma 0.15), the held-out reports its true values.
 * - From its own model, the forecast covers the truth at the nominal rates
 *   (50% and 90% central intervals, within 3 binomial SE over the held-out
 *   reports of FORECAST_SEEDS truths; make validate runs more).
 * - From a model whose departure rate is twice the truth's (and whose only
 *   uncertain setting, the journey time, cannot make up for it), its skill
 *   against persistence is negative.
 * - scores.csv's model scores are those computed directly from the replicates
 *   (CRPS by the O(n^2) double sum), and the ensemble's hub quantiles are the
 *   replicates' type-7 quantiles. */
#include "columns.h"
#include "config.h"
#include "dates.h"
#include "ensemble.h"
#include "forecast.h"
#include "model.h"
#include "observed.h"
#include "scores.h"
#include "scoretable.h"
#include "testlib.h"
#include "uncertainty.h"
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CFG "tests/data/forecast.cfg"
#define CUT_DAY 44                       /* the cut-off: day index 44, 2016-02-14 */
static const int held_out[] = {59, 74, 89};   /* 15, 30 and 45 days after it */
#define DRAWS 600

/* The truth's stranded series at parameters drawn from the priors of s. */
static void truth_series(const scenario *s, unsigned long seed, double *theta, double *x)
{
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_taus2);
    gsl_rng_set(rng, seed);
    uncertainty_prior_draw(s->unc, rng, theta);
    gsl_rng_free(rng);
    scenario *own = uncertainty_clone(s);
    uncertainty_targets *tg = uncertainty_bind(s->unc, own);
    uncertainty_apply(tg, theta);
    sim *m = sim_new(own, -1, 0);
    sim_rederive(m);
    sim_start(m, seed + 7777, 0);
    int c = columns_find(sim_columns(m), "stranded");
    for (int t = 0; t < s->days; t++) {
        sim_step(m);
        x[t] = sim_row(m)[c];
    }
    sim_free(m);
    uncertainty_unbind(tg);
    uncertainty_clone_free(own);
}

/* Reports every 4 days up to the cut-off with log-normal error, then the
 * truth itself on the held-out days. */
static observations *reports(const scenario *s, const double *x, unsigned long seed)
{
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_taus2);
    gsl_rng_set(rng, seed + 99);
    static char text[8192];
    size_t n = (size_t)snprintf(text, sizeof text, "date,site,variable,value,low,high,source_url,note\n");
    char date[11];
    for (int t = 4; t <= CUT_DAY; t += 4) {
        date_format(s->start + t, date);
        n += (size_t)snprintf(text + n, sizeof text - n, "%s,berm,stranded,%.1f,,,,\n", date,
                              x[t] * exp(gsl_ran_gaussian(rng, 0.15)));
    }
    for (size_t h = 0; h < sizeof held_out / sizeof *held_out; h++) {
        date_format(s->start + held_out[h], date);
        n += (size_t)snprintf(text + n, sizeof text - n, "%s,berm,stranded,%.1f,,,,\n", date, x[held_out[h]]);
    }
    gsl_rng_free(rng);
    diag d = {0};
    observations *o = observed_parse("reports.csv", text, n, &d);
    diag_print(&d);
    diag_clear(&d);
    return o;
}

typedef struct {
    score_table st;
    ensemble *e;
    scenario *s;
    size_t *cells;
    size_t n_cells;
    observations *obs;   /* the table's entries point into it */
} run;

/* The forecast of truth k: fitted to its reports up to the cut-off, the
 * predictive ensemble run, the held-out reports scored. wrong: the model's
 * rate is twice the truth's and its leave rate the truth's (both fixed). */
static int forecast_truth(int k, int wrong, run *r)
{
    memset(r, 0, sizeof *r);
    diag d = {0};
    scenario *base = scenario_load(CFG, NULL, 0, &d);
    if (!base) { diag_print(&d); return -1; }
    double theta[3], x[90];
    truth_series(base, 1000 + (unsigned long)k, theta, x);
    observations *obs = reports(base, x, 1000 + (unsigned long)k);
    char seed[32], rate[40], leave[40];
    snprintf(seed, sizeof seed, "%d", k + 1);
    snprintf(rate, sizeof rate, "%.12g", 2 * theta[0]);
    snprintf(leave, sizeof leave, "%.12g", theta[1]);
    override sets[] = {{"scenario.seed", seed}, {"origins.[0].rate", rate}, {"sites.[0].leave_rate", leave}};
    const char *paths[] = {sets[0].path, sets[1].path, sets[2].path};
    int n_sets = wrong ? 3 : 1;
    scenario *s = scenario_load(CFG, sets, n_sets, &d);
    scenario_free(base);
    int rc = -1;
    observations cut;
    forecast_posterior post;
    char path[64];
    snprintf(path, sizeof path, "/tmp/unit_forecast_%ld.csv", (long)getpid());
    long cutoff = s->start + CUT_DAY;
    if (forecast_use_hub_levels(s, &d) == 0 && forecast_cut(obs, cutoff, &cut) == 0) {
        int f = forecast_fit(s, &cut, 2, 0, DRAWS, &post, &d);
        free(cut.v);
        if (f == 0 && forecast_write_posterior(path, s, &post, &d) == 0 &&
            forecast_use_posterior(s, path, paths, n_sets, &d) == 0) {
            columns *cols = columns_new(s);
            if (scoretable_cells(s, obs, cols, cutoff, &r->cells, &r->n_cells, &d) == 0) {
                run_options ro = {.seed = (unsigned long)s->seed, .replicates = s->replicates, .threads = 2,
                                  .local = 1, .keep = r->cells, .n_keep = r->n_cells};
                r->e = ensemble_run(s, -1, &ro);
                if (r->e && scoretable_build_kept(s, obs, cols, r->e->kept, r->e->R, r->e->n_keep, cutoff, &r->st,
                                                  &d) == 0)
                    rc = 0;
            }
            columns_free(cols);
        }
        if (f == 0) forecast_posterior_free(&post);
    }
    unlink(path);
    diag_print(&d);
    diag_clear(&d);
    r->obs = obs;
    r->s = s;
    return rc;
}

static void run_free(run *r)
{
    scoretable_free(&r->st);
    ensemble_free(r->e);
    free(r->cells);
    scenario_free(r->s);
    observed_free(r->obs);
}

static int n_seeds(void)
{
    const char *e = getenv("FORECAST_SEEDS");
    return e && atoi(e) > 0 ? atoi(e) : 40;
}

TEST(forecast_covers_the_truth_at_nominal_rates)
{
    int M = n_seeds();
    double n = 0, in50 = 0, in90 = 0;
    for (int k = 0; k < M; k++) {
        run r;
        CHECK(forecast_truth(k, 0, &r) == 0);
        for (size_t i = 0; i < r.st.n; i++) {
            n++;
            in50 += r.st.v[i].model.in50;
            in90 += r.st.v[i].model.in90;
        }
        run_free(&r);
    }
    CHECK(n == M * 3.0);
    double c50 = in50 / n, c90 = in90 / n;
    printf("  coverage over %.0f held-out reports of %d truths: 50%%: %.3f, 90%%: %.3f\n", n, M, c50, c90);
    CHECK_MSG(fabs(c50 - 0.5) <= 3 * sqrt(0.25 / n), "50%% coverage %.3f, n %.0f", c50, n);
    CHECK_MSG(fabs(c90 - 0.9) <= 3 * sqrt(0.09 / n), "90%% coverage %.3f, n %.0f", c90, n);
}

TEST(wrong_model_has_negative_skill)
{
    double wis = 0, wis_p = 0;
    for (int k = 0; k < 10; k++) {
        run r;
        CHECK(forecast_truth(k, 1, &r) == 0);
        wis += r.st.model.wis * (double)r.st.n;
        wis_p += r.st.persistence.wis * (double)r.st.n;
        run_free(&r);
    }
    double skill = scores_skill(wis, wis_p);
    printf("  twice the rate: skill against persistence %.3f (WIS %.1f against %.1f)\n", skill, wis, wis_p);
    CHECK(skill < 0);
    /* and the right model, on the same truths, has positive skill */
    wis = wis_p = 0;
    for (int k = 0; k < 10; k++) {
        run r;
        CHECK(forecast_truth(k, 0, &r) == 0);
        wis += r.st.model.wis * (double)r.st.n;
        wis_p += r.st.persistence.wis * (double)r.st.n;
        run_free(&r);
    }
    printf("  its own model: skill against persistence %.3f\n", scores_skill(wis, wis_p));
    CHECK(scores_skill(wis, wis_p) > 0);
}

TEST(scores_match_the_replicates)
{
    run r;
    CHECK(forecast_truth(3, 0, &r) == 0);
    int ncols = r.e->cols->n, c = columns_find(r.e->cols, "stranded");
    size_t R = (size_t)r.e->R;
    double *v = malloc(sizeof *v * R);
    CHECK(r.st.n == 3 && r.e->rank_error == 0 && r.e->n_levels == SCORES_N_LEVELS);
    for (size_t i = 0; i < r.st.n; i++) {
        const score_entry *en = &r.st.v[i];
        size_t cell = (size_t)(en->o->day - r.s->start) * (size_t)ncols + (size_t)c, j = 0;
        while (j < r.n_cells && r.cells[j] != cell) j++;
        CHECK(j < r.n_cells);
        if (j == r.n_cells) continue;
        for (size_t q = 0; q < R; q++) v[q] = r.e->kept[q * r.n_cells + j];
        double y = en->o->value, mean = gsl_stats_mean(v, 1, R), e1 = 0, e2 = 0;
        for (size_t a = 0; a < R; a++) {
            e1 += fabs(v[a] - y);
            for (size_t b = 0; b < R; b++) e2 += fabs(v[a] - v[b]);
        }
        double crps = e1 / (double)R - 0.5 * e2 / ((double)R * (double)R);
        gsl_sort(v, 1, R);
        double lo90 = gsl_stats_quantile_from_sorted_data(v, 1, R, 0.05);
        double hi90 = gsl_stats_quantile_from_sorted_data(v, 1, R, 0.95);
        CHECK_NEAR(en->model.mean, mean, 1e-9 * fabs(mean));
        CHECK_NEAR(en->model.crps, crps, 1e-7 * fmax(1, crps));
        CHECK_NEAR(en->model.ard, fabs(mean - y) / y, 1e-12);
        CHECK(en->model.in90 == (y >= lo90 && y <= hi90));
        /* the ensemble's hub quantiles (forecast.csv) are the replicates' */
        int t = (int)(en->o->day - r.s->start);
        for (int l = 0; l < SCORES_N_LEVELS; l++)
            CHECK_NEAR(r.e->quant[ensemble_q(r.e, t, c, l)],
                       gsl_stats_quantile_from_sorted_data(v, 1, R, scores_hub_levels()[l]), 1e-9 * fabs(mean));
    }
    free(v);
    run_free(&r);
}

int main(void)
{
    RUN(scores_match_the_replicates);
    RUN(wrong_model_has_negative_skill);
    RUN(forecast_covers_the_truth_at_nominal_rates);
    return test_summary();
}
