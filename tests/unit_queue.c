/* Tests of the border queues' sampling (sim/queue.c): removals and splits take
 * exactly the number asked for at any offset the generator can give, down to the
 * last point of the line, and every waiting person has the same chance. */
#include "queue.h"
#include "testlib.h"
#include <gsl/gsl_rng.h>
#include <stdlib.h>

/* A generator whose every uniform is `fixed_u`: systematic sampling's one
 * offset at the ends of its range, where rounding is most likely to move the
 * last point off the line. */
static double fixed_u;
static void fixed_set(void *s, unsigned long seed) { (void)s; (void)seed; }
static unsigned long fixed_get(void *s) { (void)s; return 0; }
static double fixed_get_double(void *s) { (void)s; return fixed_u; }
static const gsl_rng_type fixed_type = {"fixed", 0xffffffffUL, 0, 0, &fixed_set, &fixed_get, &fixed_get_double};

/* The largest uniforms gsl_rng_uniform returns (taus2: 1 - 2^-32) and one
 * beyond (a 53-bit generator's), the smallest, and the middle. */
static const double offsets[] = {0, 0.5, 1 - 0x1p-32, 1 - 0x1p-53};
#define DAYS 300

static double cohort_sum(const cohort_queue *q)
{
    double s = 0;
    for (int a = 0; a < q->len; a++) s += q->n[a];
    return s;
}

TEST(spread_removes_exactly_k_at_every_offset)
{
    gsl_rng *r = gsl_rng_alloc(&fixed_type);
    draws d = {r};
    cohort_queue q;
    CHECK(queue_init(&q, DAYS) == 0);
    int bad = 0;
    for (double N = 1e3; N <= 1e13; N *= 10)
        for (size_t u = 0; u < sizeof offsets / sizeof *offsets; u++)
            for (double k = 1; k <= N; k = floor(k * 3.7) + 1) {
                fixed_u = offsets[u];
                queue_reset(&q);
                for (int a = 0; a < DAYS; a++) queue_add(&q, a, floor(N / DAYS) + a % 7);
                double before = q.total, negative = 0;
                queue_remove_spread(&q, k, &d, DAYS - 1);
                for (int a = 0; a < DAYS; a++) negative += q.n[a] < 0;
                if (before - q.total != k || cohort_sum(&q) != q.total || negative) {
                    if (bad++ < 5)
                        CHECK_MSG(0, "N %g offset 1-%.3g k %.0f: removed %.0f, cohorts hold %.0f of %.0f, %.0f negative",
                                  N, 1 - fixed_u, k, before - q.total, cohort_sum(&q), q.total, negative);
                }
            }
    CHECK(bad == 0);
    queue_free(&q);
    gsl_rng_free(r);
}

TEST(split_takes_exactly_k_at_every_offset)
{
    gsl_rng *r = gsl_rng_alloc(&fixed_type);
    draws d = {r};
    int bad = 0;
    for (double N = 10; N <= 1e13; N *= 10)
        for (size_t u = 0; u < sizeof offsets / sizeof *offsets; u++)
            for (double k = 1; k <= N; k = floor(k * 3.7) + 1) {
                fixed_u = offsets[u];
                double counts[5] = {floor(N / 3), 0, floor(N / 7), floor(N / 5) + 1, 0}, out[5], sum = 0;
                if (k > counts[0] + counts[2] + counts[3]) continue;
                queue_split(counts, 5, k, &d, out);
                int over = 0;
                for (int i = 0; i < 5; i++) sum += out[i], over += out[i] > counts[i] || out[i] < 0;
                if (sum != k || over) {
                    if (bad++ < 5) CHECK_MSG(0, "N %g offset 1-%.3g k %.0f: took %.0f", N, 1 - fixed_u, k, sum);
                }
            }
    CHECK(bad == 0);
    gsl_rng_free(r);
}

/* Each waiting person is removed with probability k / total: over many draws
 * the mean taken from each cohort is k n_a / total within 4 standard errors
 * (the per-draw count is within one of its expectation, so its variance is at
 * most 1/4). Cohorts of 0, 1 and many people, with gaps; k = 2 takes the
 * sparse walk, 13 and 300 the dense pass (sim/queue.c). */
TEST(spread_gives_everyone_the_same_chance)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
    gsl_rng_set(r, 2016);
    draws d = {r};
    cohort_queue q;
    CHECK(queue_init(&q, 40) == 0);
    const double sizes[40] = {3, 0, 1, 17, 0, 0, 2, 250, 1, 1, 1, 0, 9, 40, 0, 5, 0, 0, 0, 0,
                              0, 0, 12, 1, 0, 3, 3, 3, 0, 60, 0, 1, 0, 0, 2, 0, 7, 0, 0, 1};
    double total = 0;
    for (int a = 0; a < 40; a++) total += sizes[a];
    const int N = 200000;
    const double ks[] = {2, 13, 300};
    for (size_t i = 0; i < sizeof ks / sizeof *ks; i++) {
        double k = ks[i], taken[40] = {0};
        for (int n = 0; n < N; n++) {
            queue_reset(&q);
            for (int a = 0; a < 40; a++) queue_add(&q, a, sizes[a]);
            queue_remove_spread(&q, k, &d, 39);
            for (int a = 0; a < 40; a++) taken[a] += sizes[a] - q.n[a];
        }
        for (int a = 0; a < 40; a++)
            CHECK_MSG(fabs(taken[a] / N - k * sizes[a] / total) <= 4 * 0.5 / sqrt(N),
                      "k %g, cohort %d of %g: took %g on average, expected %g",
                      k, a, sizes[a], taken[a] / N, k * sizes[a] / total);
    }
    queue_free(&q);
    gsl_rng_free(r);
}

int main(void)
{
    RUN(spread_removes_exactly_k_at_every_offset);
    RUN(split_takes_exactly_k_at_every_offset);
    RUN(spread_gives_everyone_the_same_chance);
    return test_summary();
}
