/* orderstat: the quantiles from buckets and quickselect are the type-7
 * quantiles of the sorted values: the order statistics exactly (the result is
 * the same bits as a + (h - k)(b - a) from the sorted values), and GSL's
 * gsl_stats_quantile_from_sorted_data to rounding (it interpolates as
 * (1 - d) a + d b, which can differ in the last bit, and gives 6.9999999999999991
 * between two 7s), for spread and tied values, every n from 1 to 300 and some
 * larger, at the 23 levels of the forecasting hubs and the ends; v is left as it was. */
#include "orderstat.h"
#include "testlib.h"
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <stdlib.h>
#include <string.h>

static const double levels[] = {0, 0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5,
                                0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.975, 0.99, 1};
#define NL ((int)(sizeof levels / sizeof *levels))

/* Compares n values drawn by kind (0 spread, 1 whole counts with ties, 2 one
 * outlier among equal values); returns the number of levels that differ. */
static int differs(gsl_rng *g, size_t n, int kind)
{
    double *v = malloc(n * sizeof *v), *copy = malloc(n * sizeof *v), *sorted = malloc(n * sizeof *v);
    double *region = malloc(n * sizeof *v), got[NL];
    uint32_t *count = malloc((n + 4) * sizeof *count);
    for (size_t i = 0; i < n; i++)
        v[i] = kind == 0 ? gsl_ran_lognormal(g, 5, 2) : kind == 1 ? (double)gsl_ran_poisson(g, 3) : 7.0;
    if (kind == 2) v[gsl_rng_uniform_int(g, n)] = 1e9;
    memcpy(copy, v, n * sizeof *v);
    memcpy(sorted, v, n * sizeof *v);
    gsl_sort(sorted, 1, n);
    orderstat_quantiles(v, n, sorted[0], sorted[n - 1], count, region, levels, NL, got);
    int bad = memcmp(copy, v, n * sizeof *v) != 0;
    for (int i = 0; i < NL; i++) {
        double h = levels[i] * (double)(n - 1);
        size_t k = (size_t)floor(h);
        if (k >= n) k = n - 1;
        double a = sorted[k], b = k + 1 < n ? sorted[k + 1] : a, want = a + (h - (double)k) * (b - a);
        double gsl = gsl_stats_quantile_from_sorted_data(sorted, 1, n, levels[i]);
        if (got[i] != want || fabs(got[i] - gsl) > 4e-16 * fmax(fabs(a), fabs(b))) {
            if (!bad) printf("  n %zu kind %d level %g: %.17g, sorted %.17g, GSL %.17g\n", n, kind, levels[i],
                             got[i], want, gsl);
            bad++;
        }
    }
    free(v); free(copy); free(sorted); free(region); free(count);
    return bad;
}

TEST(same_as_gsl_quantiles)
{
    gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(g, 20161201);
    int bad = 0;
    for (int kind = 0; kind < 3; kind++) {
        for (size_t n = 1; n <= 300; n++) bad += differs(g, n, kind);
        for (size_t n = 1000; n <= 100000; n *= 10) bad += differs(g, n + 7, kind);
    }
    CHECK(bad == 0);
    gsl_rng_free(g);
}

int main(void)
{
    RUN(same_as_gsl_quantiles);
    return test_summary();
}
