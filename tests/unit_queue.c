/* Tests of the border queues' sampling (sim/queue.c): admissions take exactly
 * the number asked for, in whole people, at any offset the generator can give,
 * down to the last person of the line; splits likewise; and every waiting person
 * has the same chance, of removal and of admission. */
#include "queue.h"
#include "testlib.h"
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
/* A generator whose every uniform is `fixed_u`: systematic sampling's and
 * systematic rounding's one offset at the ends of its range, where rounding is
 * most likely to move the last point off the line. */
static double fixed_u;
static void fixed_set(void *s, unsigned long seed) { (void)s; (void)seed; }
static unsigned long fixed_get(void *s) { (void)s; return 0; }
static double fixed_get_double(void *s) { (void)s; return fixed_u; }
static const gsl_rng_type fixed_type = {"fixed", 0xffffffffUL, 0, 0, &fixed_set, &fixed_get, &fixed_get_double};

/* The largest uniforms gsl_rng_uniform returns (taus2: 1 - 2^-32) and one
 * beyond (a 53-bit generator's), the smallest, and the middle. */
static const double offsets[] = {0, 0.5, 1 - 0x1p-32, 1 - 0x1p-53};
#define DAYS 300

/* The expected people still waiting, as the queue keeps them. */
static double expected(const cohort_queue *q)
{
    double s = q->lead;
    for (int a = 0; a < q->len; a++) s += q->n[a] * q->scale;
    return s;
}

typedef struct { double admitted[1], wait_sum[1], hist[DAYS]; } book_space;

static wait_book book_in(book_space *s)
{
    memset(s, 0, sizeof *s);
    return (wait_book){s->admitted, s->wait_sum, s->hist};
}

/* After thinning, admitting k whole people in arrival order takes exactly
 * min(k, total), books whole people per arrival day, and leaves expected counts
 * that add up to the people still waiting; admitting the rest then takes all. */
TEST(admission_takes_exactly_k_whole_people_at_every_offset)
{
    gsl_rng *r = gsl_rng_alloc(&fixed_type);
    draws d = {r};
    cohort_queue q;
    CHECK(queue_init(&q, DAYS) == 0);
    book_space space;
    int bad = 0;
    for (double N = 1e3; N <= 1e13; N *= 10)
        for (size_t u = 0; u < sizeof offsets / sizeof *offsets; u++)
            for (double k = 1; k <= N; k = floor(k * 3.7) + 1) {
                fixed_u = offsets[u];
                queue_reset(&q);
                for (int a = 0; a < DAYS; a++) queue_add(&q, a, floor(N / DAYS) + a % 7);
                queue_thin(&q, floor(q.total / 3));
                double before = q.total, want = k < before ? k : before;
                wait_book b = book_in(&space);
                double got = queue_admit_group(&q, 0, k, DAYS - 1, &d, &b), whole = 0, negative = 0;
                for (int w = 0; w < DAYS; w++) whole += b.hist[w] != floor(b.hist[w]);
                for (int a = 0; a < DAYS; a++) negative += q.n[a] < 0;
                /* more removals and an arrival, after a walk that may have ended
                 * at a cohort's end, with a residue ahead of the line */
                queue_thin(&q, floor(q.total / 5));
                queue_add(&q, DAYS - 1, 7);
                double rest = expected(&q), total_after = q.total, left = before - want;
                double all = queue_admit_group(&q, 0, q.total, DAYS - 1, &d, &b);
                if (got != want || b.admitted[0] != before - left + total_after || whole || negative ||
                    total_after != left - floor(left / 5) + 7 || fabs(rest - total_after) > 1e-9 * before ||
                    all != total_after || q.total != 0) {
                    if (bad++ < 5)
                        CHECK_MSG(0, "N %g offset 1-%.3g k %.0f: took %.0f of %.0f, then %.0f; booked %.0f; "
                                  "%.0f days not whole, %.0f cohorts negative, expected %.6f of %.0f left",
                                  N, 1 - fixed_u, k, got, before, all, b.admitted[0], whole, negative, rest,
                                  total_after);
                }
            }
    CHECK(bad == 0);
    queue_free(&q);
    gsl_rng_free(r);
}

/* Splits take exactly k whole people, never more than a cell holds, for lines
 * of 10 to 10^13 people and k from 1 to all of them. */
TEST(split_takes_exactly_k)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
    gsl_rng_set(r, 2019);
    draws d = {r};
    int bad = 0;
    for (double N = 10; N <= 1e13; N *= 10)
        for (int rep = 0; rep < 20; rep++)
            for (double k = 1; k <= N; k = floor(k * 3.7) + 1) {
                double counts[5] = {floor(N / 3), 0, floor(N / 7), floor(N / 5) + 1, 0}, out[5], sum = 0;
                if (k > counts[0] + counts[2] + counts[3]) continue;
                queue_split(counts, 5, k, &d, out);
                int over = 0;
                for (int i = 0; i < 5; i++)
                    sum += out[i], over += out[i] > counts[i] || out[i] < 0 || out[i] != floor(out[i]);
                if (sum != k || over) {
                    if (bad++ < 5) CHECK_MSG(0, "N %g k %.0f: took %.0f", N, k, sum);
                }
            }
    CHECK(bad == 0);
    gsl_rng_free(r);
}

/* A simple random sample of k from cells of people: cell i's count is
 * hypergeometric, Hyp(k; counts[i], total - counts[i]), whatever its place in
 * the line (the draws are sequential conditionals). Chi-square of each cell's
 * counts against gsl_ran_hypergeometric_pdf, p-value above 1e-4 under a fixed
 * seed; and the variance of 50 from 50 + 50 within 5% of 6.31 (systematic
 * sampling gave 0.25). */
TEST(split_is_a_simple_random_sample)
{
    static const struct { int n; double counts[4], k; } cases[] = {
        {2, {50, 50}, 50}, {3, {30, 5, 65}, 40}, {4, {1, 400, 7, 92}, 250}, {2, {2000, 3000}, 7},
    };
    const int R = 200000;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
    gsl_rng_set(r, 2020);
    draws d = {r};
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        int n = cases[c].n;
        double total = 0, k = cases[c].k;
        for (int i = 0; i < n; i++) total += cases[c].counts[i];
        for (int i = 0; i < n; i++) {
            unsigned ci = (unsigned)cases[c].counts[i], hi = ci < (unsigned)k ? ci : (unsigned)k;
            double *seen = calloc(hi + 1, sizeof *seen), out[4], s1 = 0, s2 = 0;
            gsl_rng_set(r, 2020 + 10 * c + (unsigned)i);
            for (int t = 0; t < R; t++) {
                queue_split(cases[c].counts, n, k, &d, out);
                seen[(unsigned)out[i]]++;
                s1 += out[i], s2 += out[i] * out[i];
            }
            double chi2 = 0, obs = 0, exp_ = 0;
            int dof = -1;
            for (unsigned x = 0; x <= hi; x++) {
                obs += seen[x];
                exp_ += R * gsl_ran_hypergeometric_pdf(x, ci, (unsigned)(total - ci), (unsigned)k);
                if (exp_ >= 5 || x == hi) { chi2 += (obs - exp_) * (obs - exp_) / exp_; dof++; obs = exp_ = 0; }
            }
            double pv = dof > 0 ? gsl_cdf_chisq_Q(chi2, dof) : 1;
            CHECK_MSG(pv > 1e-4, "case %zu cell %d: chi-square p-value %.2g", c, i, pv);
            if (c == 0 && i == 0) {
                double var = s2 / R - (s1 / R) * (s1 / R), want = 50 * 0.25 * 50 / 99;
                CHECK_MSG(fabs(var / want - 1) < 0.05, "variance %g, expected %g", var, want);
            }
            free(seen);
        }
    }
    gsl_rng_free(r);
}

/* Cohorts of 0, 1 and many people, with gaps. */
static const double sizes[40] = {3, 0, 1, 17, 0, 0, 2, 250, 1, 1, 1, 0, 9, 40, 0, 5, 0, 0, 0, 0,
                                 0, 0, 12, 1, 0, 3, 3, 3, 0, 60, 0, 1, 0, 0, 2, 0, 7, 0, 0, 1};
#define ROUNDS 200000

/* Everyone has the same chance of removal and, in arrival order, of admission.
 * After k removals among T people, cohort a holds n_a (T - k) / T in
 * expectation (cohorts that arrive later miss the earlier removals); admitting
 * m in arrival order takes from it, on average, its part of the first m of that
 * expected line. Over many draws each cohort's mean is
 * within 4 standard errors (a cohort's whole count is within one of its
 * expectation, so its variance is at most 1/4). Also in expected values, where
 * it must be exact. */
TEST(removal_and_admission_in_order_give_everyone_the_same_chance)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
    gsl_rng_set(r, 2016);
    cohort_queue q;
    CHECK(queue_init(&q, 40) == 0);
    /* cohorts 0-19 arrive, 7 people are removed, cohorts 20-39 arrive, 13 more are removed */
    const double early = 7, removed = 13;
    double T1 = 0, T2;
    for (int a = 0; a < 20; a++) T1 += sizes[a];
    T2 = T1 - early;
    for (int a = 20; a < 40; a++) T2 += sizes[a];
    const double admits[] = {100, T2 - removed};
    for (int det = 0; det <= 1; det++)
        for (size_t i = 0; i < sizeof admits / sizeof *admits; i++) {
            draws d = {det ? NULL : r};
            double m = admits[i], took[40] = {0}, before = 0;
            int rounds = det ? 1 : ROUNDS;
            for (int n = 0; n < rounds; n++) {
                queue_reset(&q);
                for (int a = 0; a < 20; a++) queue_add(&q, a, sizes[a]);
                queue_thin(&q, early);
                for (int a = 20; a < 40; a++) queue_add(&q, a, sizes[a]);
                queue_thin(&q, removed);
                book_space space;
                wait_book b = book_in(&space);
                queue_admit_group(&q, 0, m, 39, &d, &b);
                for (int w = 0; w < 40; w++) took[39 - w] += b.hist[w];
            }
            for (int a = 0; a < 40; a++) {
                double e = sizes[a] * (a < 20 ? (T1 - early) / T1 : 1) * (T2 - removed) / T2, upto = before + e;
                double want = (upto < m ? upto : m) - (before < m ? before : m);
                before = upto;
                double tol = det ? 1e-9 : 4 * 0.5 / sqrt(rounds);
                CHECK_MSG(fabs(took[a] / rounds - want) <= tol,
                          "%s, admitting %g: cohort %d of %g took %g on average, expected %g",
                          det ? "expected values" : "stochastic", m, a, sizes[a], took[a] / rounds, want);
            }
        }
    queue_free(&q);
    gsl_rng_free(r);
}

/* In random order each waiting person is equally likely to be admitted: cohort
 * a gives m e_a / total on average, e_a its expected count after removals.
 * Its share is hypergeometric given the cohorts' whole counts, each within one
 * of its expectation (variance at most 1/4, which the share passes on times
 * k / total < 1), so the variance is at most the hypergeometric's + 1.
 * k = 2, 13 and 300. */
TEST(random_admission_gives_everyone_the_same_chance)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
    gsl_rng_set(r, 2017);
    draws d = {r};
    cohort_queue q;
    CHECK(queue_init(&q, 40) == 0);
    double T = 0;
    for (int a = 0; a < 40; a++) T += sizes[a];
    const double removed = 13, ks[] = {2, 13, 300};
    for (size_t i = 0; i < sizeof ks / sizeof *ks; i++) {
        double k = ks[i], took[40] = {0}, sq7 = 0;
        for (int n = 0; n < ROUNDS; n++) {
            queue_reset(&q);
            for (int a = 0; a < 40; a++) queue_add(&q, a, sizes[a]);
            queue_thin(&q, removed);
            book_space space;
            wait_book b = book_in(&space);
            CHECK(queue_admit_random(&q, 0, k, &d, 39, &b) == k);
            for (int w = 0; w < 40; w++) took[39 - w] += b.hist[w];
            sq7 += b.hist[39 - 7] * b.hist[39 - 7];
        }
        /* The largest cohort's variance is the hypergeometric's (its whole count's
         * rounding adds under 0.3%), within 5%: k = 2 and 13 draw people one by
         * one, k = 300 one hypergeometric per cohort. */
        double p7 = sizes[7] / T, L = T - removed, m7 = took[7] / ROUNDS;
        double v7 = sq7 / ROUNDS - m7 * m7, h7 = k * p7 * (1 - p7) * (L - k) / (L - 1);
        CHECK_MSG(fabs(v7 / h7 - 1) < 0.05, "k %g: cohort 7's variance %g, hypergeometric %g", k, v7, h7);
        for (int a = 0; a < 40; a++) {
            double want = k * sizes[a] / T;   /* (T - removed) cancels */
            double p = sizes[a] / T, L = T - removed, var = k * p * (1 - p) * (L - k) / (L - 1) + 1;
            CHECK_MSG(fabs(took[a] / ROUNDS - want) <= 4 * sqrt(var / ROUNDS),
                      "k %g: cohort %d of %g took %g on average, expected %g", k, a, sizes[a], took[a] / ROUNDS, want);
        }
    }
    queue_free(&q);
    gsl_rng_free(r);
}

/* Arrival order across two groups: exactly min(m, total) whole people, no
 * one admitted while someone who arrived earlier, in either group, still waits
 * (what a second admission of everyone finds is never older than the first's
 * newest), and in expected values each group's exact share: whole days first,
 * then the partial day in proportion to the groups' expected counts. */
TEST(fifo_across_groups_takes_exactly_k_in_arrival_order)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
    gsl_rng_set(r, 2018);
    cohort_queue q[2];
    CHECK(queue_init(&q[0], 40) == 0 && queue_init(&q[1], 40) == 0);
    const double cut[2] = {7, 30};
    double T[2] = {0, 0};
    for (int a = 0; a < 40; a++) T[0] += sizes[a], T[1] += sizes[39 - a];
    const double ms[] = {1, 50, 100, 1000};
    int bad = 0;
    for (int det = 0; det <= 1; det++)
        for (size_t i = 0; i < sizeof ms / sizeof *ms; i++)
            for (int n = 0; n < (det ? 1 : 2000); n++) {
                draws d = {det ? NULL : r};
                for (int g = 0; g < 2; g++) {
                    queue_reset(&q[g]);
                    for (int a = 0; a < 40; a++) queue_add(&q[g], a, g ? sizes[39 - a] : sizes[a]);
                    queue_thin(&q[g], cut[g]);
                }
                double m = ms[i], total = q[0].total + q[1].total, want = m < total ? m : total;
                double adm1[2] = {0}, ws1[2] = {0}, h1[40] = {0}, adm2[2] = {0}, ws2[2] = {0}, h2[40] = {0};
                wait_book b1 = {adm1, ws1, h1}, b2 = {adm2, ws2, h2};
                double got = queue_admit_fifo(q, 2, m, &d, 39, &b1);
                double rest = queue_admit_fifo(q, 2, total, &d, 39, &b2);
                int newest = -1, oldest = 40, whole = 1;
                for (int w = 0; w < 40; w++) {
                    if (h1[w] > 0 && 39 - w > newest) newest = 39 - w;
                    if (h2[w] > 0 && 39 - w < oldest) oldest = 39 - w;
                    whole &= det || (h1[w] == floor(h1[w]) && h2[w] == floor(h2[w]));
                }
                for (int g = 0; g < 2; g++) whole &= det || (adm1[g] == floor(adm1[g]) && adm2[g] == floor(adm2[g]));
                int ok = fabs(got - want) <= 1e-9 * total && fabs(got + rest - total) <= 1e-9 * total &&
                         (oldest >= newest || rest == 0) && whole;
                if (det) {   /* each group's exact share */
                    double e[2][40], took[2] = {0}, left = m;
                    for (int a = 0; a < 40; a++)
                        for (int g = 0; g < 2; g++) e[g][a] = (g ? sizes[39 - a] : sizes[a]) * (T[g] - cut[g]) / T[g];
                    for (int a = 0; a < 40 && left > 0; a++) {
                        double day = e[0][a] + e[1][a], f = day <= left ? 1 : left / day;
                        for (int g = 0; g < 2; g++) took[g] += f * e[g][a];
                        left -= f * day;
                    }
                    for (int g = 0; g < 2; g++) ok &= fabs(adm1[g] - took[g]) <= 1e-9 * total;
                }
                if (!ok && bad++ < 5)
                    CHECK_MSG(0, "%s, m %g: took %g of %g, then %g; newest first %d, oldest after %d; whole %d; "
                              "groups %g and %g", det ? "expected values" : "stochastic", m, got, total, rest,
                              newest, oldest, whole, adm1[0], adm1[1]);
            }
    CHECK(bad == 0);
    queue_free(&q[0]);
    queue_free(&q[1]);
    gsl_rng_free(r);
}

int main(void)
{
    RUN(admission_takes_exactly_k_whole_people_at_every_offset);
    RUN(split_takes_exactly_k);
    RUN(split_is_a_simple_random_sample);
    RUN(removal_and_admission_in_order_give_everyone_the_same_chance);
    RUN(random_admission_gives_everyone_the_same_chance);
    RUN(fifo_across_groups_takes_exactly_k_in_arrival_order);
    return test_summary();
}
