/* The samplers tested whole, against GSL's densities (issue 20, item 7): the
 * multinomial cell by cell of its outcome table and in its covariances, the
 * negative binomial (the gamma-Poisson mixture of departures), the binomial's
 * variance for n past 2^32 (where only its mean was checked), and the date
 * code over every day of the years 1 to 9999 against gmtime_r. Fixed seeds;
 * p-values above 1e-4, moments within 4 standard errors. */
#include "binomial.h"
#include "chisq.h"
#include "dates.h"
#include "draws.h"
#include "testlib.h"
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Chi-square p-value of seen[i] against N expect[i] (probabilities), the
 * classes of small expectation pooled together so that each expects >= 5. */
static double pooled_pvalue(const double *seen, const double *prob, size_t n, double N)
{
    double chi2 = 0, obs = 0, exp_ = 0, rest_obs = 0, rest_exp = 0;
    int dof = -1;
    for (size_t i = 0; i < n; i++) {
        if (N * prob[i] < 5) { rest_obs += seen[i]; rest_exp += N * prob[i]; continue; }
        obs = seen[i];
        exp_ = N * prob[i];
        chi2 += (obs - exp_) * (obs - exp_) / exp_;
        dof++;
    }
    if (rest_exp > 0) { chi2 += (rest_obs - rest_exp) * (rest_obs - rest_exp) / rest_exp; dof++; }
    return dof > 0 ? gsl_cdf_chisq_Q(chi2, dof) : 1;
}

/* The multinomial's whole outcome table for small n and k: every outcome
 * (x_0 .. x_{k-1}) summing to n is a cell, expected with
 * gsl_ran_multinomial_pdf. Shares need not sum to 1 (draw_multinomial takes
 * them in proportion), and a zero share must give zeros. */
#define MK 4
static size_t outcome_index(const unsigned *x, int k, unsigned n)
{
    /* mixed radix over (n + 1)^(k - 1): the last count is implied */
    size_t i = 0;
    for (int j = 0; j < k - 1; j++) i = i * (n + 1) + x[j];
    return i;
}

TEST(multinomial_matches_its_pdf_cell_by_cell)
{
    static const struct { unsigned n; int k; double p[MK]; } cases[] = {
        {6, 3, {0.2, 0.5, 0.3}},
        {9, 4, {0.05, 0.4, 0.0, 0.55}},           /* a zero share */
        {5, 4, {0.3, 0.3, 0.2, 0.2 - 1e-9}},      /* shares summing to 1 - 1e-9 */
        {12, 3, {2.0, 1.0, 1.0}},                 /* shares in proportion */
    };
    const int N = 400000;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 2016);
    draws d = {r};
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        unsigned n = cases[c].n;
        int k = cases[c].k;
        size_t cells = 1;
        for (int j = 0; j < k - 1; j++) cells *= n + 1;
        double *seen = calloc(cells, sizeof *seen), *prob = calloc(cells, sizeof *prob);
        double sum_p = 0, pn[MK];
        for (int j = 0; j < k; j++) sum_p += cases[c].p[j];
        for (int j = 0; j < k; j++) pn[j] = cases[c].p[j] / sum_p;
        /* every outcome's probability, from GSL */
        unsigned x[MK];
        for (size_t i = 0; i < cells; i++) {
            size_t rest = i;
            unsigned used = 0;
            for (int j = k - 2; j >= 0; j--) { x[j] = (unsigned)(rest % (n + 1)); rest /= n + 1; used += x[j]; }
            if (used > n) continue;
            x[k - 1] = n - used;
            prob[i] = gsl_ran_multinomial_pdf((size_t)k, pn, x);
        }
        double mean[MK] = {0}, cov01 = 0, cov12 = 0, out[MK];
        int lost = 0;
        for (int i = 0; i < N; i++) {
            draw_multinomial(&d, n, (size_t)k, cases[c].p, out);
            unsigned total = 0;
            for (int j = 0; j < k; j++) {
                x[j] = (unsigned)out[j];
                total += x[j];
                mean[j] += out[j];
                if (out[j] != floor(out[j]) || (cases[c].p[j] == 0 && out[j] != 0)) lost++;
            }
            if (total != n) { lost++; continue; }
            seen[outcome_index(x, k, n)]++;
            cov01 += (out[0] - n * pn[0]) * (out[1] - n * pn[1]);
            cov12 += (out[1] - n * pn[1]) * (out[2] - n * pn[2]);
        }
        CHECK_MSG(lost == 0, "case %zu: %d draws not whole, not summing to n, or in a zero share", c, lost);
        double pv = pooled_pvalue(seen, prob, cells, N);
        CHECK_MSG(pv > 1e-4, "case %zu: chi-square over the %zu outcomes, p-value %.2g", c, cells, pv);
        /* Cov(X_i, X_j) = -n p_i p_j; the product's variance is about
         * Var X_i Var X_j + Cov^2 (normal approximation), a generous bound. */
        double want[2] = {-(double)n * pn[0] * pn[1], -(double)n * pn[1] * pn[2]}, got[2] = {cov01 / N, cov12 / N};
        for (int j = 0; j < 2; j++) {
            double va = n * pn[j] * (1 - pn[j]), vb = n * pn[j + 1] * (1 - pn[j + 1]);
            double se = sqrt((va * vb + want[j] * want[j]) / N);
            CHECK_MSG(fabs(got[j] - want[j]) <= 4 * se + 1e-12, "case %zu: cov(X%d, X%d) %g, expected %g (se %g)", c,
                      j, j + 1, got[j], want[j], se);
        }
        free(seen);
        free(prob);
    }
    gsl_rng_free(r);
}

/* Large n: each cell's count against its binomial marginal (chi-square with
 * gsl_ran_binomial_pdf), and the covariance of two cells, -n p_i p_j. */
static double binom_pmf(double x, const double *np) { return gsl_ran_binomial_pdf((unsigned)x, np[1], (unsigned)np[0]); }
static double binom_P(double x, const double *np) { return gsl_cdf_binomial_P((unsigned)x, np[1], (unsigned)np[0]); }
static double binom_Q(double x, const double *np) { return gsl_cdf_binomial_Q((unsigned)x - 1, np[1], (unsigned)np[0]); }

TEST(multinomial_cells_match_their_binomials)
{
    const double p[5] = {0.1, 0.25, 0.0, 0.45, 0.2};
    const double n = 2000;
    const int N = 200000;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 7);
    draws d = {r};
    double *seen[5], out[5], cov = 0;
    size_t K[5];
    double lo[5];
    for (int j = 0; j < 5; j++) {
        double sd = sqrt(n * p[j] * (1 - p[j]));
        lo[j] = fmax(0, floor(n * p[j] - 6 * sd - 1));
        K[j] = (size_t)(fmin(n, ceil(n * p[j] + 6 * sd + 1)) - lo[j]) + 1;
        seen[j] = calloc(K[j], sizeof **seen);
    }
    for (int i = 0; i < N; i++) {
        draw_multinomial(&d, n, 5, p, out);
        for (int j = 0; j < 5; j++) seen[j][(size_t)(fmin(fmax(out[j], lo[j]), lo[j] + (double)K[j] - 1) - lo[j])]++;
        cov += (out[1] - n * p[1]) * (out[3] - n * p[3]);
    }
    for (int j = 0; j < 5; j++) {
        if (p[j] == 0) { CHECK(seen[j][0] == N); free(seen[j]); continue; }
        double pv = chi_square_pvalue(seen[j], lo[j], K[j], N, (double[]){n, p[j]}, binom_pmf, binom_P, binom_Q);
        CHECK_MSG(pv > 1e-4, "cell %d: chi-square p-value %.2g against Binomial(%g, %g)", j, pv, n, p[j]);
        free(seen[j]);
    }
    double want = -n * p[1] * p[3], va = n * p[1] * (1 - p[1]), vb = n * p[3] * (1 - p[3]);
    CHECK_MSG(fabs(cov / N - want) <= 4 * sqrt((va * vb + want * want) / N), "cov(X1, X3) %g, expected %g", cov / N, want);
    gsl_rng_free(r);
}

/* draw_negbin(mean, dispersion): a gamma-Poisson mixture, size s = 1/dispersion,
 * variance mean + dispersion mean^2: GSL's negative binomial with s and success
 * probability s / (s + mean). Chi-square against gsl_ran_negative_binomial_pdf
 * over cases from nearly Poisson to very overdispersed; dispersion 0 is the
 * Poisson itself. */
static double nb_pmf(double x, const double *sp) { return gsl_ran_negative_binomial_pdf((unsigned)x, sp[1], sp[0]); }
static double nb_P(double x, const double *sp) { return gsl_cdf_negative_binomial_P((unsigned)x, sp[1], sp[0]); }
static double nb_Q(double x, const double *sp) { return gsl_cdf_negative_binomial_Q((unsigned)x - 1, sp[1], sp[0]); }
static double pois_pmf(double x, const double *mu) { return gsl_ran_poisson_pdf((unsigned)x, mu[0]); }
static double pois_P(double x, const double *mu) { return gsl_cdf_poisson_P((unsigned)x, mu[0]); }
static double pois_Q(double x, const double *mu) { return gsl_cdf_poisson_Q((unsigned)x - 1, mu[0]); }

TEST(negative_binomial_matches_its_pdf)
{
    static const struct { double mean, dispersion; } cases[] = {
        {0.4, 0.5}, {3, 0.01}, {3, 1.0}, {12, 0.2}, {80, 0.05}, {300, 0.5}, {25, 3.0}, {40, 0},
    };
    const int N = 500000;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 2016);
    draws d = {r};
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        double mu = cases[c].mean, k = cases[c].dispersion, var = mu + k * mu * mu, sd = sqrt(var);
        double lo = 0, hi = ceil(mu + 12 * sd + 10);   /* right-skewed: a long upper tail */
        size_t K = (size_t)(hi - lo) + 1;
        double *seen = calloc(K, sizeof *seen), sum = 0, sum2 = 0;
        for (int i = 0; i < N; i++) {
            double x = draw_negbin(&d, mu, k);
            CHECK(x >= 0 && x == floor(x));
            sum += x - mu;
            sum2 += (x - mu) * (x - mu);
            seen[(size_t)fmin(x, hi)]++;
        }
        double s = k > 0 ? 1 / k : 0, sp[2] = {s, k > 0 ? s / (s + mu) : 0};
        double pv = k > 0 ? chi_square_pvalue(seen, lo, K, N, sp, nb_pmf, nb_P, nb_Q)
                          : chi_square_pvalue(seen, lo, K, N, &mu, pois_pmf, pois_P, pois_Q);
        CHECK_MSG(pv > 1e-4, "mean %g dispersion %g: chi-square p-value %.2g", mu, k, pv);
        CHECK_MSG(fabs(sum / N) <= 4 * sd / sqrt(N), "mean %g dispersion %g: mean off by %g", mu, k, sum / N);
        CHECK_MSG(fabs(sum2 / N - var) <= 0.05 * var, "mean %g dispersion %g: variance %g, expected %g", mu, k,
                  sum2 / N, var);
        free(seen);
    }
    /* deterministic mode: the mean */
    draws det = {NULL};
    CHECK(draw_negbin(&det, 12.5, 0.3) == 12.5);
    gsl_rng_free(r);
}

/* Past 2^32 the binomial cannot be checked against GSL's pdf (an unsigned n):
 * its sample variance must be n p q within 4 standard errors,
 * se = sqrt((mu4 - sigma^4) / N) with mu4 = sigma^4 (3 + (1 - 6 p q) / (n p q)).
 * Both entry points, each branch: inversion (n p < 10) and BTRS, p above 1/2. */
TEST(binomial_variance_past_2_to_the_32)
{
    static const struct { double n, p; } cases[] = {
        {5e9, 1e-9}, {3e9, 2e-9}, {1e10, 0.4}, {6e12, 1e-3}, {4294967297.0, 0.5}, {8e9, 0.93}, {1e15, 2e-13},
    };
    const int N = 400000;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 32);
    for (size_t c = 0; c < 2 * sizeof cases / sizeof *cases; c++) {
        int logq = c % 2;
        double n = cases[c / 2].n, p = cases[c / 2].p, q = 1 - p, mu = n * p, var = n * p * q;
        double mu4 = var * var * (3 + (1 - 6 * p * q) / var), se = sqrt((mu4 - var * var) / N);
        double sum = 0, sum2 = 0;
        for (int i = 0; i < N; i++) {
            double x = logq ? binomial_draw_logq(r, n, p, log1p(-p)) : binomial_draw(r, n, p);
            sum += x - mu;
            sum2 += (x - mu) * (x - mu);
        }
        double v = sum2 / N - (sum / N) * (sum / N);
        CHECK_MSG(fabs(v - var) <= 4 * se, "n %g p %g (%d): variance %.6g, expected %.6g (se %.3g)", n, p, logq, v,
                  var, se);
        CHECK_MSG(fabs(sum / N) <= 4 * sqrt(var / N), "n %g p %g (%d): mean off by %g", n, p, logq, sum / N);
    }
    gsl_rng_free(r);
}

/* Every day of the years 1 to 9999: date_format gives gmtime_r's calendar day
 * of day * 86400 seconds, and date_parse reads it back to the same day; day 0
 * is 1970-01-01. Dates that are not days are refused. */
TEST(dates_round_trip_over_years_1_to_9999)
{
    long first, last, day;
    CHECK(date_parse("0001-01-01", &first) == 0 && date_parse("9999-12-31", &last) == 0);
    CHECK(date_parse("1970-01-01", &day) == 0 && day == 0);
    long bad = 0, n = 0;
    char got[16], want[48];
    for (long z = first; z <= last; z++, n++) {
        time_t t = (time_t)z * 86400;
        struct tm tm;
        if (!gmtime_r(&t, &tm)) { bad++; continue; }
        snprintf(want, sizeof want, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
        date_format(z, got);
        if (strcmp(got, want) != 0 || date_parse(got, &day) != 0 || day != z) {
            if (bad++ < 5) printf("  day %ld: date_format %s, gmtime_r %s, parsed back %ld\n", z, got, want, day);
        }
    }
    CHECK_MSG(bad == 0, "%ld of %ld days wrong", bad, n);
    CHECK_MSG(n == 3652059, "%ld days from 0001-01-01 to 9999-12-31, expected 3,652,059", n);
    static const char *const not_days[] = {"0000-12-31", "2015-02-29", "2100-02-29", "2016-13-01", "2016-04-31",
                                           "2016-4-01", "2016-04-01x", "abcd-01-01", ""};
    for (size_t i = 0; i < sizeof not_days / sizeof *not_days; i++)
        CHECK_MSG(date_parse(not_days[i], &day) != 0, "'%s' was read as a day", not_days[i]);
    CHECK(date_parse("2000-02-29", &day) == 0 && date_parse("2016-02-29", &day) == 0);
}

int main(void)
{
    RUN(multinomial_matches_its_pdf_cell_by_cell);
    RUN(multinomial_cells_match_their_binomials);
    RUN(negative_binomial_matches_its_pdf);
    RUN(binomial_variance_past_2_to_the_32);
    RUN(dates_round_trip_over_years_1_to_9999);
    return test_summary();
}
