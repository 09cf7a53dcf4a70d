/* unit_abc: the ABC-SMC sampler (sim/abc.c) against posteriors known in closed
 * form, its reproducibility across threads, and its stopping rules. The model
 * is deterministic and log-linear, log x_i = a_i mu_1 + b_i mu_2 with
 * mu = log theta, the reports log-normal around x_i (obsmodel.h) and the
 * priors log-normal: the posterior of mu is normal, by the conjugate formulas
 * of Bayesian linear regression. */
#include "abc.h"
#include "obsmodel.h"
#include "prior.h"
#include "testlib.h"
#include <gsl/gsl_rng.h>
#include <stdlib.h>
#include <string.h>

#define N_OBS 5
typedef struct {
    int k;
    prior pr[2];
    double a[N_OBS], b[N_OBS];
    observation obs[N_OBS];
    obs_error err;
    long calls;
} lin;

static void draw(void *ctx, gsl_rng *rng, double *theta)
{
    lin *l = ctx;
    for (int i = 0; i < l->k; i++) theta[i] = prior_quantile(&l->pr[i], gsl_rng_uniform_pos(rng));
}
static double logp(void *ctx, const double *theta)
{
    lin *l = ctx;
    double s = 0;
    for (int i = 0; i < l->k; i++) s += prior_log_density(&l->pr[i], theta[i]);
    return s;
}
static void *state_new(void *ctx) { return ctx; }
static void state_free(void *st) { (void)st; }
/* The deviance of the reports given x: what obsmodel_distance computes for a series. */
static double dist(void *st, const double *theta, unsigned long seed, long index)
{
    (void)seed, (void)index;
    lin *l = st;
    double d = 0;
    for (int i = 0; i < N_OBS; i++) {
        double lx = l->a[i] * log(theta[0]) + (l->k > 1 ? l->b[i] * log(theta[1]) : 0);
        d += 2 * (obsmodel_loglik_best(&l->err, &l->obs[i]) - obsmodel_loglik(&l->err, &l->obs[i], exp(lx)));
    }
#pragma omp atomic
    l->calls++;
    return d;
}

static void setup(lin *l, int k, double sigma)
{
    memset(l, 0, sizeof *l);
    l->k = k;
    prior_init(&l->pr[0], PRIOR_LOGNORMAL, 1000, 1.0, 0, INFINITY);   /* mu_1 ~ N(log 1000, 1) */
    prior_init(&l->pr[1], PRIOR_LOGNORMAL, 1.0, 0.5, 0, INFINITY);    /* mu_2 ~ N(0, 0.25) */
    const double y[N_OBS] = {1800, 2100, 2600, 2500, 3300};
    for (int i = 0; i < N_OBS; i++) {
        l->a[i] = 1, l->b[i] = i - 1;   /* not centred: mu_1 and mu_2 correlate */
        l->obs[i] = (observation){.value = y[i], .has_value = 1};
    }
    l->err = (obs_error){.kind = OBS_LOGNORMAL, .sigma = sigma};
}

/* The exact posterior of mu: mean m[k], covariance V[k*k]. */
static void exact(const lin *l, double *m, double *V)
{
    double s2 = l->err.sigma * l->err.sigma, P[4] = {0}, r[2] = {0};
    double m0[2] = {log(1000), 0}, v0[2] = {1, 0.25};
    int k = l->k;
    for (int i = 0; i < k; i++) P[i * k + i] = 1 / v0[i], r[i] = m0[i] / v0[i];
    for (int j = 0; j < N_OBS; j++) {
        double x[2] = {l->a[j], l->b[j]}, ly = log(l->obs[j].value);
        for (int i = 0; i < k; i++) {
            r[i] += x[i] * ly / s2;
            for (int c = 0; c < k; c++) P[i * k + c] += x[i] * x[c] / s2;
        }
    }
    if (k == 1) { V[0] = 1 / P[0]; m[0] = V[0] * r[0]; return; }
    double det = P[0] * P[3] - P[1] * P[2];
    V[0] = P[3] / det, V[3] = P[0] / det, V[1] = V[2] = -P[1] / det;
    m[0] = V[0] * r[0] + V[1] * r[1], m[1] = V[2] * r[0] + V[3] * r[1];
}

static abc_options opts(long n, int threads)
{
    return (abc_options){.particles = n, .ess_fraction = 0.5, .min_acceptance = 0.001, .max_simulations = 10000000,
                         .max_generations = 40, .kernel_scale = 2, .seed = 7, .threads = threads};
}

static int run(lin *l, const abc_options *o, abc_result *r)
{
    double lo[2] = {0, 0}, hi[2] = {INFINITY, INFINITY};
    abc_model m = {.k = l->k, .lo = lo, .hi = hi, .ctx = l, .prior_draw = draw, .log_prior = logp,
                   .thread_new = state_new, .thread_free = state_free, .distance = dist};
    return abc_run(&m, o, r);
}

/* Weighted mean, sd of log theta_c, and the correlation of the two. */
static void moments(const abc_result *r, double *mean, double *sd, double *rho)
{
    double m[2] = {0}, v[3] = {0};
    for (long j = 0; j < r->n; j++)
        for (int c = 0; c < r->k; c++) m[c] += r->weight[j] * log(r->theta[j * r->k + c]);
    for (long j = 0; j < r->n; j++) {
        double d0 = log(r->theta[j * r->k]) - m[0], d1 = r->k > 1 ? log(r->theta[j * r->k + 1]) - m[1] : 0;
        v[0] += r->weight[j] * d0 * d0, v[1] += r->weight[j] * d1 * d1, v[2] += r->weight[j] * d0 * d1;
    }
    mean[0] = m[0], mean[1] = m[1], sd[0] = sqrt(v[0]), sd[1] = sqrt(v[1]);
    *rho = r->k > 1 ? v[2] / (sd[0] * sd[1]) : 0;
}

static void check_against_exact(int k)
{
    lin l;
    setup(&l, k, 0.15);
    abc_options o = opts(2000, 2);
    abc_result r;
    CHECK(run(&l, &o, &r) == 0);
    if (!r.n) return;
    double m[2], V[4], mean[2], sd[2], rho;
    exact(&l, m, V);
    moments(&r, mean, sd, &rho);
    CHECK(r.epsilon == 1 && !strcmp(r.stop, "converged"));
    double e = r.ess;
    CHECK_MSG(e > 0.5 * r.n, "ESS %.0f of %ld particles", e, r.n);   /* 1700-1900 over seeds 1-10 */
    for (int c = 0; c < k; c++) {
        double s = sqrt(V[c * k + c]);
        CHECK_MSG(fabs(mean[c] - m[c]) < 4 * s / sqrt(e), "mean %d: %.5f against %.5f (sd %.4f, ESS %.0f)", c,
                  mean[c], m[c], s, e);
        CHECK_MSG(fabs(sd[c] / s - 1) < 4 / sqrt(2 * e), "sd %d: %.5f against %.5f (ESS %.0f)", c, sd[c], s, e);
    }
    if (k == 2) {
        double ex = V[1] / sqrt(V[0] * V[3]);
        CHECK_MSG(fabs(rho - ex) < 4 * (1 - ex * ex) / sqrt(e) + 0.01, "rho %.4f against %.4f", rho, ex);
    }
    printf("  k=%d: %d generations, %ld simulations, ESS %.0f; mean %.4f (exact %.4f), sd %.4f (exact %.4f)\n", k,
           r.generations, r.simulations, e, mean[0], m[0], sd[0], sqrt(V[0]));
    abc_result_free(&r);
}

TEST(one_parameter_matches_the_conjugate_posterior) { check_against_exact(1); }
TEST(two_correlated_parameters_match_the_conjugate_posterior) { check_against_exact(2); }

/* Ignoring the kernel weights (every particle alike) or a kernel shrunk 100x
 * must be visible to the exact check: the same criteria fail. */
TEST(a_broken_kernel_fails_the_exact_check)
{
    lin l;
    setup(&l, 2, 0.15);
    abc_options o = opts(2000, 2);
    o.kernel_scale = 0.02;
    abc_result r;
    CHECK(run(&l, &o, &r) == 0);
    double m[2], V[4], mean[2], sd[2], rho;
    exact(&l, m, V);
    moments(&r, mean, sd, &rho);
    int bad = !(r.ess > 0.5 * r.n);
    for (int c = 0; c < 2; c++) {
        double s = sqrt(V[c * 2 + c]);
        bad |= !(fabs(mean[c] - m[c]) < 4 * s / sqrt(r.ess)) || !(fabs(sd[c] / s - 1) < 4 / sqrt(2 * r.ess));
    }
    CHECK_MSG(bad, "a kernel of 0.02 times the covariance passed (ESS %.0f)", r.ess);
    abc_result_free(&r);
}

TEST(the_same_bytes_at_one_and_two_threads)
{
    lin l;
    setup(&l, 2, 0.15);
    abc_options o1 = opts(300, 1), o2 = opts(300, 2);
    abc_result a, b;
    CHECK(run(&l, &o1, &a) == 0 && run(&l, &o2, &b) == 0);
    CHECK(a.n == b.n && a.simulations == b.simulations && a.generations == b.generations);
    CHECK(!memcmp(a.theta, b.theta, sizeof *a.theta * (size_t)(a.n * a.k)));
    CHECK(!memcmp(a.weight, b.weight, sizeof *a.weight * (size_t)a.n));
    abc_options o3 = opts(300, 2);
    o3.seed = 8;
    abc_result c;
    CHECK(run(&l, &o3, &c) == 0 && memcmp(a.theta, c.theta, sizeof *a.theta * (size_t)(a.n * a.k)));
    abc_result_free(&a);
    abc_result_free(&b);
    abc_result_free(&c);
}

TEST(a_budget_keeps_the_last_whole_population)
{
    lin l;
    setup(&l, 2, 0.02);   /* narrow reports: many generations */
    abc_options o = opts(200, 2);
    o.max_simulations = 1500;
    abc_result r;
    CHECK(run(&l, &o, &r) == 0);
    CHECK(!strcmp(r.stop, "budget") && r.simulations <= 1500 && r.epsilon > 1 && r.n == 200);
    double s = 0;
    for (long j = 0; j < r.n; j++) s += r.weight[j];
    CHECK_NEAR(s, 1, 1e-12);
    abc_result_free(&r);
    o.max_simulations = 100;   /* below one population */
    CHECK(run(&l, &o, &r) == -1);
    o = opts(200, 2);
    o.min_acceptance = 0.5;    /* the first tempered generation accepts less */
    CHECK(run(&l, &o, &r) == 0 && !strcmp(r.stop, "acceptance"));
    abc_result_free(&r);
}

TEST(weighted_quantiles)
{
    double theta[4] = {3, 1, 2, 4}, w[4] = {0.1, 0.4, 0.2, 0.3};
    abc_result r = {.n = 4, .k = 1, .theta = theta, .weight = w};
    CHECK(abc_quantile(&r, 0, 0.05) == 1 && abc_quantile(&r, 0, 0.4) == 1 && abc_quantile(&r, 0, 0.5) == 2);
    CHECK(abc_quantile(&r, 0, 0.7) == 3 && abc_quantile(&r, 0, 0.71) == 4 && abc_quantile(&r, 0, 1) == 4);
    CHECK_NEAR(abc_mean(&r, 0), 0.3 + 0.4 + 0.4 + 1.2, 1e-12);
}

int main(void)
{
    RUN(one_parameter_matches_the_conjugate_posterior);
    RUN(two_correlated_parameters_match_the_conjugate_posterior);
    RUN(a_broken_kernel_fails_the_exact_check);
    RUN(the_same_bytes_at_one_and_two_threads);
    RUN(a_budget_keeps_the_last_whole_population);
    RUN(weighted_quantiles);
    return test_summary();
}
