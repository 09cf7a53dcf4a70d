/* Tests of the numerical pieces: the binomial and Poisson samplers against their pmfs, the
 * quantile store (exact, and binned within its rank error), the fit metrics on a hand-computed example, the bounded
 * minimiser, and the Sobol indices on the Ishigami function. */
#include "binomial.h"
#include "draws.h"
#include "hypergeom.h"
#include "poisson.h"
#include "fit.h"
#include "minimize.h"
#include "output.h"
#include "qstore.h"
#include "sensitivity.h"
#include "testlib.h"
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const double levels[] = {0.05, 0.5, 0.95};
#define PI 3.14159265358979323846

/* The Stirling remainder BTRS uses, against GSL's log-factorials: a table to
 * k = 9, then three terms of the series, whose next term (1/1680 (k+1)^7) is
 * below 4e-11: a relative error of that size in an acceptance probability. */
TEST(binomial_stirling_tail_matches_lnfact)
{
    for (unsigned k = 0; k < 300; k++) {
        double exact = gsl_sf_lnfact(k) - ((k + 0.5) * log(k + 1.0) - (k + 1.0) + 0.5 * log(2 * PI));
        CHECK_NEAR(binomial_stirling_tail(k), exact, k < 10 ? 1e-13 : 4e-11);
    }
}

/* The p-value of a chi-square test of counts seen[k] of the values lo + k
 * (k < K; the first and last classes hold the tails) against N draws from a
 * distribution with probability pmf(x) and tails cdf_P(x) = P(X <= x) and
 * cdf_Q(x) = P(X >= x); classes are pooled until each expects at least 5. */
typedef double (*prob_fn)(double x, const double *par);
static double chi_square_pvalue(const double *seen, double lo, size_t K, int N, const double *par,
                                prob_fn pmf, prob_fn cdf_P, prob_fn cdf_Q)
{
    double chi2 = 0, obs = 0, exp_ = 0;
    int dof = -1;
    for (size_t k = 0; k < K; k++) {
        double x = lo + (double)k;
        obs += seen[k];
        exp_ += N * (k == 0 ? cdf_P(x, par) : k == K - 1 ? cdf_Q(x, par) : pmf(x, par));
        if (exp_ >= 5 || k == K - 1) {
            chi2 += (obs - exp_) * (obs - exp_) / exp_;
            dof++;
            obs = exp_ = 0;
        }
    }
    return dof > 0 ? gsl_cdf_chisq_Q(chi2, dof) : 1;
}

static double binom_pmf(double x, const double *np) { return gsl_ran_binomial_pdf((unsigned)x, np[1], (unsigned)np[0]); }
static double binom_P(double x, const double *np) { return gsl_cdf_binomial_P((unsigned)x, np[1], (unsigned)np[0]); }
static double binom_Q(double x, const double *np) { return gsl_cdf_binomial_Q((unsigned)x - 1, np[1], (unsigned)np[0]); }
static double pois_pmf(double x, const double *mu) { return gsl_ran_poisson_pdf((unsigned)x, mu[0]); }
static double pois_P(double x, const double *mu) { return gsl_cdf_poisson_P((unsigned)x, mu[0]); }
static double pois_Q(double x, const double *mu) { return gsl_cdf_poisson_Q((unsigned)x - 1, mu[0]); }

/* Draws against gsl_ran_binomial_pdf: a chi-square test over the values (tails
 * pooled so that every class expects at least 5), at p-value 1e-4 under a fixed
 * seed, and the mean within 4 standard errors. The cases cross each branch:
 * tiny means (the Bernoulli bound), inversion up to n p just below 10, BTRS
 * from just above 10, p > 1/2 (mirrored), and n beyond 2^32; each through both
 * entry points (q^n by squaring, and from a given log(1 - p)). */
TEST(binomial_matches_its_pmf)
{
    static const struct { double n, p; } cases[] = {
        {1, 0.3}, {600, 1e-4}, {7, 0.5}, {20, 0.3}, {30, 0.9}, {100, 0.0999}, {100, 0.1001},
        {50, 0.5}, {1000, 0.02}, {400, 0.75}, {10000, 0.37}, {3e9, 2e-9}, {1e10, 0.4},
    };
    const int N = 1000000;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 2016);
    for (size_t c = 0; c < 2 * sizeof cases / sizeof *cases; c++) {
        int logq = c % 2;
        double n = cases[c / 2].n, p = cases[c / 2].p, mu = n * p, sd = sqrt(n * p * (1 - p)), lq = log1p(-p);
        /* classes: values lo .. hi one by one, the tails pooled into the ends */
        double lo = fmax(0, floor(mu - 6 * sd - 1)), hi = fmin(n, ceil(mu + 6 * sd + 1));
        size_t K = (size_t)(hi - lo) + 1;
        double *seen = calloc(K, sizeof *seen), sum = 0;
        for (int i = 0; i < N; i++) {
            double x = logq ? binomial_draw_logq(r, n, p, lq) : binomial_draw(r, n, p);
            CHECK(x >= 0 && x <= n && x == floor(x));
            sum += x;
            seen[(size_t)(fmin(fmax(x, lo), hi) - lo)]++;
        }
        CHECK_MSG(fabs(sum / N - mu) <= 4 * sd / sqrt(N) + 1e-9, "n %g p %g (%d): mean %g, expected %g", n, p, logq, sum / N, mu);
        if (n < 4e9) {   /* the pdf wants an unsigned n */
            double pv = chi_square_pvalue(seen, lo, K, N, (double[]){n, p}, binom_pmf, binom_P, binom_Q);
            CHECK_MSG(pv > 1e-4, "n %g p %g (%d): chi-square p-value %.2g", n, p, logq, pv);
        }
        free(seen);
    }
    gsl_rng_free(r);
}

static double hyp_pmf(double x, const double *gbn)
{
    return gsl_ran_hypergeometric_pdf((unsigned)x, (unsigned)gbn[0], (unsigned)gbn[1], (unsigned)gbn[2]);
}
static double hyp_P(double x, const double *gbn)
{
    return gsl_cdf_hypergeometric_P((unsigned)x, (unsigned)gbn[0], (unsigned)gbn[1], (unsigned)gbn[2]);
}
static double hyp_Q(double x, const double *gbn)   /* P(X >= x) */
{
    return x < 1 ? 1 : gsl_cdf_hypergeometric_Q((unsigned)x - 1, (unsigned)gbn[0], (unsigned)gbn[1], (unsigned)gbn[2]);
}

/* Draws against gsl_ran_hypergeometric_pdf, as the binomial above: a chi-square
 * test over the values (tails pooled), p-value above 1e-4 under a fixed seed,
 * and the mean and variance within 4 standard errors (the variance's SE from
 * the fourth central moment, bounded by 3 var^2 + var). The cases cross each
 * branch: inversion (samples below 10, and samples within 10 of everyone, drawn
 * as their complement), HRUA (a 50/50 split of 50, one or a few good among
 * many, good > bad mirrored, counts near 2^31), and counts past 2^32, where only
 * the mean and variance are checked (the pdf wants unsigned counts). */
TEST(hypergeometric_matches_its_pmf)
{
    static const struct { double good, bad, n; } cases[] = {
        {5, 5, 3}, {1e6, 2e6, 9}, {3, 40, 9}, {50, 50, 95}, {7, 13, 15}, {50, 50, 50}, {1, 999, 500},
        {3, 1e6, 1e5}, {900, 100, 300}, {10, 10, 10}, {400, 600, 10}, {1e6, 2e6, 1e5}, {2e9, 2e9, 1e9},
        {1e12, 3e12, 2e11},
    };
    const int N = 500000;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 2023);
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        double g = cases[c].good, b = cases[c].bad, n = cases[c].n, T = g + b;
        double mu = n * g / T, var = n * (g / T) * (b / T) * (T - n) / (T - 1), sd = sqrt(var);
        double lo = fmax(fmax(0, n - b), floor(mu - 6 * sd - 1)), hi = fmin(fmin(n, g), ceil(mu + 6 * sd + 1));
        size_t K = (size_t)(hi - lo) + 1;
        double *seen = calloc(K, sizeof *seen), s1 = 0, s2 = 0;
        for (int i = 0; i < N; i++) {
            double x = hypergeom_draw(r, g, b, n);
            CHECK(x >= fmax(0, n - b) && x <= fmin(n, g) && x == floor(x));
            s1 += x - mu;
            s2 += (x - mu) * (x - mu);
            seen[(size_t)(fmin(fmax(x, lo), hi) - lo)]++;
        }
        CHECK_MSG(fabs(s1 / N) <= 4 * sd / sqrt(N) + 1e-9, "good %g bad %g n %g: mean %g, expected %g", g, b, n,
                  mu + s1 / N, mu);
        CHECK_MSG(fabs(s2 / N - var) <= 4 * sqrt((2 * var * var + var) / N) + 1e-9,
                  "good %g bad %g n %g: variance %g, expected %g", g, b, n, s2 / N, var);
        if (T < 4e9) {
            double pv = chi_square_pvalue(seen, lo, K, N, (double[]){g, b, n}, hyp_pmf, hyp_P, hyp_Q);
            CHECK_MSG(pv > 1e-4, "good %g bad %g n %g: chi-square p-value %.2g", g, b, n, pv);
        }
        free(seen);
    }
    gsl_rng_free(r);
}

/* Draws against gsl_ran_poisson_pdf, as the binomial above. The means cross
 * each branch: the zero shortcut (mu < 1), inversion up to just below 10, PTRS
 * from 10 (where its hat is widest against the density), a departure day's few
 * hundred, and means far past 2^32, where only the mean is checked (the cdf
 * wants an unsigned value) and the variance must be mu too. */
TEST(poisson_matches_its_pmf)
{
    static const double cases[] = {1e-4, 0.3, 2.5, 9.99, 10, 10.5, 37, 400, 25000, 1e12};
    const int N = 1000000;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 2016);
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        double mu = cases[c], sd = sqrt(mu);
        double lo = fmax(0, floor(mu - 6 * sd - 1)), hi = ceil(mu + 6 * sd + 1);
        int counted = mu < 4e9;   /* the cdf wants an unsigned value */
        size_t K = counted ? (size_t)(hi - lo) + 1 : 1;
        double *seen = calloc(K, sizeof *seen), sum = 0, sum2 = 0;
        for (int i = 0; i < N; i++) {
            double x = poisson_draw(r, mu);
            CHECK(x >= 0 && x == floor(x));
            sum += x - mu;
            sum2 += (x - mu) * (x - mu);
            if (counted) seen[(size_t)(fmin(fmax(x, lo), hi) - lo)]++;
        }
        CHECK_MSG(fabs(sum / N) <= 4 * sd / sqrt(N), "mu %g: mean off by %g", mu, sum / N);
        /* the variance of the sample variance is about 2 mu^2 / N for large mu */
        CHECK_MSG(fabs(sum2 / N - mu) <= 4 * sqrt((2 * mu * mu + mu) / N), "mu %g: variance %g", mu, sum2 / N);
        if (counted) {
            double pv = chi_square_pvalue(seen, lo, K, N, &mu, pois_pmf, pois_P, pois_Q);
            CHECK_MSG(pv > 1e-4, "mu %g: chi-square p-value %.2g", mu, pv);
        }
        free(seen);
    }
    gsl_rng_free(r);
}

/* draw_multinomial places everyone, whole, even when the shares sum to a hair
 * under 1 (the config accepts 1 - 1e-9) or end in zeros, and each category's
 * mean count is n p / sum(p) within 4 standard errors. */
TEST(multinomial_places_everyone)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
    gsl_rng_set(r, 2016);
    draws d = {r}, det = {NULL};
    const double p[4] = {0.3, 0.7 - 1e-9, 0, 0}, sum = 1 - 1e-9;
    double out[4];
    int lost = 0;
    for (int i = 0; i < 20000; i++) {
        double n = i < 10000 ? 1e12 : 1 + i % 50;
        draw_multinomial(&d, n, 4, p, out);
        lost += out[0] + out[1] + out[2] + out[3] != n || out[2] != 0 || out[3] != 0 || out[0] != floor(out[0]);
    }
    CHECK_MSG(lost == 0, "%d draws did not place everyone", lost);
    const int N = 200000;
    double n = 37, s0 = 0;
    for (int i = 0; i < N; i++) {
        draw_multinomial(&d, n, 4, p, out);
        s0 += out[0];
    }
    double q = p[0] / sum;
    CHECK_MSG(fabs(s0 / N - n * q) <= 4 * sqrt(n * q * (1 - q) / N), "mean %g, expected %g", s0 / N, n * q);
    draw_multinomial(&det, 10, 4, p, out);
    CHECK_NEAR(out[0] + out[1], 10, 1e-12);
    CHECK_NEAR(out[0], 10 * q, 1e-12);
    gsl_rng_free(r);
}

/* Whole numbers are written by output.c's own digit loop, not printf: the text
 * must be printf's, at every length, both signs, and at the 1e15 edge past
 * which printf takes over again; fractions keep "%.12g". */
TEST(output_numbers_are_printfs_text)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    char got[64], want[64];
    for (int i = 0; i < 200000; i++) {
        double mag = pow(10, gsl_rng_uniform(r) * 16), v = floor(mag) * (i % 2 ? -1 : 1);
        if (i < 40) v = (i % 2 ? -1 : 1) * (i < 20 ? (double)(i / 2) : pow(10, i / 2 - 5) - 1);
        if (i % 7 == 0) v += 0.25;
        output_number(got, sizeof got, v);
        if (v == 0) snprintf(want, sizeof want, "0");
        else if (v == floor(v) && fabs(v) < 1e15) snprintf(want, sizeof want, "%.0f", v);
        else snprintf(want, sizeof want, "%.12g", v);
        CHECK_MSG(strcmp(got, want) == 0, "%.17g: wrote %s, printf %s", v, got, want);
        if (strcmp(got, want)) break;
    }
    output_number(got, sizeof got, 999999999999999.0);
    CHECK(strcmp(got, "999999999999999") == 0);
    output_number(got, sizeof got, -0.0);
    CHECK(strcmp(got, "0") == 0);
    gsl_rng_free(r);
}

/* Exact mode: the quantiles of a direct sort, in order; means exact. */
TEST(qstore_exact_matches_a_direct_sort)
{
    const size_t cells = 7, R = 301;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    double *all = malloc(sizeof *all * cells * R), row[7];
    qstore *q = qstore_new(cells, R, levels, 3, 0, 0);
    CHECK(qstore_pilot(q) == R && qstore_pilot_passes(q) == 1);
    for (size_t k = 0; k < R; k++) {
        /* a constant (no order statistics needed), whole counts in a narrow
         * range (several values a bucket), fractions, one far outlier (every
         * other value in the first bucket), and whole numbers spread wide */
        for (size_t c = 0; c < cells; c++) row[c] = c == 0 ? 5.0 : gsl_ran_poisson(r, 10.0 * (double)c) + 0.25 * (double)(c == 3);
        if (k == 17) row[5] = 1e9;
        row[6] = 1000.0 * gsl_ran_poisson(r, 60.0) - 5e4;
        qstore_put(q, &(size_t){R - 1 - k}, row, 1);   /* any order */
        for (size_t c = 0; c < cells; c++) all[c * R + (R - 1 - k)] = row[c];
    }
    qstore_freeze(q, 1);
    double mean[7], qs[21];
    qstore_summarize(q, levels, 3, mean, qs);
    int bad = 0;
    for (size_t c = 0; c < cells; c++) {
        double *v = all + c * R;
        double m = gsl_stats_mean(v, 1, R);
        gsl_sort(v, 1, R);
        if (fabs(mean[c] - m) > 1e-12 * fabs(m)) bad++;
        for (int i = 0; i < 3; i++)
            if (qs[c * 3 + i] != gsl_stats_quantile_from_sorted_data(v, 1, R, levels[i])) bad++;
        if (!(qs[c * 3] <= qs[c * 3 + 1] && qs[c * 3 + 1] <= qs[c * 3 + 2])) bad++;
    }
    CHECK(bad == 0);
    CHECK(qstore_rank_error(q) == 0);
    qstore_free(q);
    free(all);
    gsl_rng_free(r);
}

/* Replicate k's five cells in the binned tests: seeded by k alone, so that a
 * pilot pass can run it again. */
static void binned_row(gsl_rng *r, size_t k, double *row)
{
    gsl_rng_set(r, 1 + k);
    row[0] = gsl_ran_poisson(r, 50);                 /* few distinct values */
    row[1] = gsl_ran_poisson(r, 20000);              /* many */
    row[2] = floor(gsl_ran_pareto(r, 1.5, 100));     /* heavy tail */
    row[3] = 42;                                     /* constant */
    row[4] = gsl_rng_uniform(r) < 0.3 ? 0 : 1000;    /* two values */
}

/* A binned store of R replicates of binned_row, put as a run puts them: the
 * pilot once per pass, one at a time, then the rest in batches of 7. */
static qstore *binned_run(size_t R, size_t pilot_bytes, double *mean, double *qs)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    qstore *q = qstore_new(5, R, levels, 3, pilot_bytes, 0);
    size_t P = qstore_pilot(q), ids[7], held = 0;
    double batch[7 * 5];
    for (int pass = 0; pass < qstore_pilot_passes(q); pass++) {
        for (size_t k = 0; k < P; k++) {
            binned_row(r, k, batch);
            qstore_put(q, &k, batch, 1);
        }
        qstore_freeze(q, 1);
    }
    for (size_t k = P; k < R; k++) {
        binned_row(r, k, batch + held * 5);
        ids[held++] = k;
        if (held == 7 || k == R - 1) qstore_put(q, ids, batch, held), held = 0;
    }
    qstore_summarize(q, levels, 3, mean, qs);
    gsl_rng_free(r);
    return q;
}

/* Binned mode (more than 10,000 replicates): each quantile's rank among all
 * values is within the stated rank error (< 0.005) of its level. */
TEST(qstore_binned_within_its_rank_error)
{
    const size_t cells = 5, R = 30000;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    double *all = malloc(sizeof *all * cells * R), row[5], mean[5], qs[15];
    qstore *q = binned_run(R, 0, mean, qs);
    CHECK(qstore_pilot(q) < R && qstore_pilot_passes(q) == 1);
    for (size_t k = 0; k < R; k++) {
        binned_row(r, k, row);
        for (size_t c = 0; c < cells; c++) all[c * R + k] = row[c];
    }
    double bound = qstore_rank_error(q);
    CHECK_MSG(bound < 0.005, "rank error bound %g", bound);
    int bad = 0;
    for (size_t c = 0; c < cells; c++) {
        double *v = all + c * R;
        CHECK_NEAR(mean[c], gsl_stats_mean(v, 1, R), 1e-3 * (1 + fabs(mean[c])));
        gsl_sort(v, 1, R);
        for (int i = 0; i < 3; i++) {
            double x = qs[c * 3 + i];
            /* the ranks of x: values strictly below, and at or below */
            size_t below = 0, upto = 0;
            while (below < R && v[below] < x) below++;
            upto = below;
            while (upto < R && v[upto] <= x) upto++;
            double target = levels[i];
            double lo = (double)below / R - bound - 1.0 / R, hi = (double)upto / R + bound + 1.0 / R;
            if (target < lo || target > hi) {
                bad++;
                printf("  cell %zu level %g: value %g has ranks %g..%g\n", c, target, x, (double)below / R, (double)upto / R);
            }
        }
    }
    CHECK(bad == 0);
    qstore_free(q);
    free(all);
    gsl_rng_free(r);
}

/* A pilot too large for pilot_bytes is taken in passes (here 3: two cells,
 * two, one), with the same bytes as in one pass and less memory; and memory
 * does not grow with replicates past the exact limit. */
TEST(qstore_pilot_passes_give_the_same_bytes)
{
    double mean1[5], qs1[15], mean3[5], qs3[15], mean_more[5], qs_more[15];
    qstore *one = binned_run(12000, 0, mean1, qs1);
    qstore *three = binned_run(12000, 2 * QSTORE_PILOT * sizeof(float), mean3, qs3);
    qstore *more = binned_run(24000, 2 * QSTORE_PILOT * sizeof(float), mean_more, qs_more);
    CHECK(qstore_pilot_passes(one) == 1 && qstore_pilot_passes(three) == 3);
    CHECK(memcmp(mean1, mean3, sizeof mean1) == 0 && memcmp(qs1, qs3, sizeof qs1) == 0);
    CHECK(qstore_rank_error(one) == qstore_rank_error(three));
    CHECK_MSG(qstore_bytes(three) < qstore_bytes(one), "peak bytes: %zu in 3 passes, %zu in 1",
              qstore_bytes(three), qstore_bytes(one));
    CHECK_MSG(qstore_bytes(more) == qstore_bytes(three), "peak bytes: %zu at 24,000 replicates, %zu at 12,000",
              qstore_bytes(more), qstore_bytes(three));
    qstore_free(one);
    qstore_free(three);
    qstore_free(more);
}

/* Hand-computed: observed 100 (sim 110, band 90..120), 200 (sim 150, band 160..180),
 * a range 40..60 (sim 70, band 65..75) and a range 10..20 (sim 15, band 5..25).
 * ARD = (0.10 + 0.25) / 2 = 0.175; RMSE = sqrt((10^2 + 50^2) / 2) = sqrt(1300);
 * coverage: 100 in its band, 200 not, 40..60 misses 65..75, 10..20 meets 5..25: 2/4. */
TEST(fit_metrics_hand_example)
{
    fit_row rows[4] = {
        {.observed = 100, .has_value = 1, .sim_mean = 110, .sim_lo = 90, .sim_hi = 120, .weight = 1},
        {.observed = 200, .has_value = 1, .sim_mean = 150, .sim_lo = 160, .sim_hi = 180, .weight = 1},
        {.low = 40, .high = 60, .has_low = 1, .has_high = 1, .sim_mean = 70, .sim_lo = 65, .sim_hi = 75, .weight = 1},
        {.low = 10, .high = 20, .has_low = 1, .has_high = 1, .sim_mean = 15, .sim_lo = 5, .sim_hi = 25, .weight = 1},
    };
    fit_metrics m;
    fit_compute(rows, 4, &m);
    CHECK_NEAR(m.ard, 0.175, 1e-12);
    CHECK_NEAR(m.rmse, sqrt(1300.0), 1e-9);
    CHECK_NEAR(m.band_coverage, 0.5, 1e-12);
    CHECK_NEAR(rows[0].rel_diff, 0.1, 1e-12);
    /* objective: 0.1^2 + 0.25^2 + ((70 - 60) / 50)^2 */
    CHECK_NEAR(m.objective, 0.01 + 0.0625 + 0.04, 1e-12);
}

static int outside;
static double rosenbrock(const double *x, void *ctx)
{
    const double *lo = ((const double **)ctx)[0], *hi = ((const double **)ctx)[1];
    for (int i = 0; i < 2; i++)
        if (x[i] < lo[i] || x[i] > hi[i]) outside++;
    return 100 * pow(x[1] - x[0] * x[0], 2) + pow(1 - x[0], 2);
}

static double one_d(const double *x, void *ctx) { (void)ctx; return pow(log(x[0] / 3.7), 2); }
static double bowl(const double *x, void *ctx) { (void)ctx; return pow(x[0] - 0.3, 2) + pow(x[1] - 7.5, 2); }

TEST(minimiser_stays_in_bounds_and_finds_minima)
{
    double lo[2] = {-5, -5}, hi[2] = {5, 5}, start[2] = {-1.2, 1}, x[2];
    const double *ctx[2] = {lo, hi};
    min_problem p = {2, start, lo, hi, 2, 2000, 1e-10};
    min_result r = {.x = x};
    outside = 0;
    CHECK(min_solve(&p, rosenbrock, ctx, &r) == 0);
    CHECK_NEAR(x[0], 1, 1e-4);
    CHECK_NEAR(x[1], 1, 1e-4);
    CHECK(outside == 0);
    double lo1 = 0, hi1 = INFINITY, s1 = 3.7 * 1.5, x1;
    min_problem p1 = {1, &s1, &lo1, &hi1, 0, 1000, 1e-12};
    min_result r1 = {.x = &x1};
    min_solve(&p1, one_d, NULL, &r1);
    CHECK_NEAR(x1, 3.7, 1e-6);
    double lo2[2] = {0, 5}, hi2[2] = {1, 10}, s2[2] = {0.15, 9.0}, x2[2];
    min_problem p2 = {2, s2, lo2, hi2, 1, 2000, 1e-12};
    min_result r2 = {.x = x2};
    min_solve(&p2, bowl, NULL, &r2);
    CHECK_NEAR(x2[0], 0.3, 1e-6);
    CHECK_NEAR(x2[1], 7.5, 1e-6);
}

/* Ishigami, a = 7, b = 0.1, inputs uniform on [-pi, pi]: S1 = 0.3139, 0.4424, 0;
 * ST = 0.5576, 0.4424, 0.2437 (Saltelli et al. 2010). */
static double ishigami(const double *u)
{
    double x1 = -PI + 2 * PI * u[0], x2 = -PI + 2 * PI * u[1], x3 = -PI + 2 * PI * u[2];
    return sin(x1) + 7 * sin(x2) * sin(x2) + 0.1 * pow(x3, 4) * sin(x1);
}

TEST(sobol_indices_of_ishigami)
{
    const size_t N = 1 << 14, k = 3, rows = sens_saltelli_rows(N, k);
    double *u = malloc(sizeof *u * rows * k), *y = malloc(sizeof *y * rows);
    char err[256];
    CHECK(sens_saltelli_design(N, k, u, err, sizeof err) == 0);
    for (size_t j = 0; j < rows; j++) y[j] = ishigami(u + j * k);
    sens_index s[3];
    CHECK(sens_sobol_indices(N, k, y, 200, 1, s) == 0);
    double S1[3] = {0.3139, 0.4424, 0}, ST[3] = {0.5576, 0.4424, 0.2437};
    for (int i = 0; i < 3; i++) {
        CHECK_NEAR(s[i].S1, S1[i], 0.05);
        CHECK_NEAR(s[i].ST, ST[i], 0.05);
        CHECK(s[i].S1_lo <= s[i].S1 && s[i].S1 <= s[i].S1_hi);
        CHECK(s[i].ST_lo <= s[i].ST && s[i].ST <= s[i].ST_hi);
    }
    /* one parameter alone drives the output */
    for (size_t j = 0; j < rows; j++) y[j] = 3 * u[j * k + 1];
    sens_sobol_indices(N, k, y, 100, 1, s);
    CHECK(s[1].S1 >= 0.9 && s[0].ST <= 0.05 && s[2].ST <= 0.05);
    free(u);
    free(y);
}

TEST(sobol_dimensions_are_checked)
{
    char err[256] = "";
    double p[64];
    CHECK(sens_sobol_points(1, 41, p, err, sizeof err) == -1);
    CHECK(strstr(err, "40") != NULL);
    CHECK(sens_saltelli_design(1, 21, p, err, sizeof err) == -1);
    CHECK(strstr(err, "at most 20 parameters") != NULL);
    /* LHS: one point per stratum in every dimension */
    double lhs[20 * 3];
    sens_lhs_points(20, 3, 7, lhs);
    int strata[3][20] = {{0}}, bad = 0;
    for (int j = 0; j < 20; j++)
        for (int i = 0; i < 3; i++) strata[i][(int)(lhs[j * 3 + i] * 20)]++;
    for (int i = 0; i < 3; i++)
        for (int s = 0; s < 20; s++) if (strata[i][s] != 1) bad++;
    CHECK(bad == 0);
    size_t n;
    double grid[27 * 3];
    sens_grid_points(30, 3, grid, &n);
    CHECK(n == 27);
}

int main(void)
{
    RUN(binomial_stirling_tail_matches_lnfact);
    RUN(binomial_matches_its_pmf);
    RUN(hypergeometric_matches_its_pmf);
    RUN(poisson_matches_its_pmf);
    RUN(multinomial_places_everyone);
    RUN(output_numbers_are_printfs_text);
    RUN(qstore_exact_matches_a_direct_sort);
    RUN(qstore_binned_within_its_rank_error);
    RUN(qstore_pilot_passes_give_the_same_bytes);
    RUN(fit_metrics_hand_example);
    RUN(minimiser_stays_in_bounds_and_finds_minima);
    RUN(sobol_indices_of_ishigami);
    RUN(sobol_dimensions_are_checked);
    return test_summary();
}
