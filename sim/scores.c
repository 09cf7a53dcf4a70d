/* scores: forecast scores and naive baselines (see scores.h). */
#include "scores.h"
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_fit.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const double hub_levels[SCORES_N_LEVELS] = {
    0.01, 0.025, 0.05, 0.10, 0.15, 0.20, 0.25, 0.30, 0.35, 0.40, 0.45, 0.50,
    0.55, 0.60, 0.65, 0.70, 0.75, 0.80, 0.85, 0.90, 0.95, 0.975, 0.99};

const double *scores_hub_levels(void) { return hub_levels; }

double scores_ard(double pred, double y) { return y > 0 ? fabs(pred - y) / y : NAN; }

double scores_crps_sorted(const double *x, size_t n, double y)
{
    if (n == 0) return NAN;
    double abs_err = 0, spread = 0, dn = (double)n;
    for (size_t i = 0; i < n; i++) {
        abs_err += fabs(x[i] - y);
        /* sum_i sum_j |x_i - x_j| = 2 sum_i (2i - n - 1) x_(i), i from 1 */
        spread += (2.0 * (double)(i + 1) - dn - 1.0) * x[i];
    }
    return abs_err / dn - spread / (dn * dn);
}

void scores_quantiles_sorted(const double *x, size_t n, const double *levels, int k, double *q)
{
    for (int i = 0; i < k; i++) q[i] = gsl_stats_quantile_from_sorted_data(x, 1, n, levels[i]);
}

/* The index of the median among levels, or -1 when the levels are not
 * ascending pairs symmetric about it. */
static int median_index(const double *levels, int nlev)
{
    if (nlev < 1 || nlev % 2 == 0) return -1;
    int mid = nlev / 2;
    if (fabs(levels[mid] - 0.5) > 1e-12) return -1;
    for (int i = 0; i < mid; i++)
        if (fabs(levels[i] + levels[nlev - 1 - i] - 1) > 1e-12 || !(levels[i] < levels[i + 1])) return -1;
    return mid;
}

double scores_wis(const double *q, const double *levels, int nlev, double y)
{
    int mid = median_index(levels, nlev);
    if (mid < 0) return NAN;
    double sum = 0.5 * fabs(y - q[mid]);
    for (int i = 0; i < mid; i++) {
        double alpha = 2 * levels[i], l = q[i], u = q[nlev - 1 - i];
        double is = (u - l) + (y < l ? 2 / alpha * (l - y) : 0) + (y > u ? 2 / alpha * (y - u) : 0);
        sum += alpha / 2 * is;
    }
    return sum / (mid + 0.5);
}

int scores_covered(const double *q, const double *levels, int nlev, double coverage, double y)
{
    double lo = (1 - coverage) / 2;
    for (int i = 0; i < nlev; i++)
        if (fabs(levels[i] - lo) < 1e-12)
            for (int j = i + 1; j < nlev; j++)
                if (fabs(levels[j] - (1 - lo)) < 1e-12) return y >= q[i] && y <= q[j];
    return -1;
}

double scores_mid_pit_sorted(const double *x, size_t n, double y)
{
    if (n == 0) return NAN;
    size_t below = 0, equal = 0;
    while (below < n && x[below] < y) below++;
    while (below + equal < n && x[below + equal] == y) equal++;
    return ((double)below + 0.5 * (double)equal) / (double)n;
}

void scores_from_replicates(const double *sorted, size_t n, double y, score_set *out)
{
    double q[SCORES_N_LEVELS];
    scores_quantiles_sorted(sorted, n, hub_levels, SCORES_N_LEVELS, q);
    out->mean = gsl_stats_mean(sorted, 1, n);
    out->ard = scores_ard(out->mean, y);
    out->crps = scores_crps_sorted(sorted, n, y);
    out->wis = scores_wis(q, hub_levels, SCORES_N_LEVELS, y);
    out->pit = scores_mid_pit_sorted(sorted, n, y);
    out->in50 = scores_covered(q, hub_levels, SCORES_N_LEVELS, 0.5, y);   /* the hub levels hold both pairs */
    out->in90 = scores_covered(q, hub_levels, SCORES_N_LEVELS, 0.9, y);
}

static int by_day(const void *a, const void *b)
{
    const scores_point *p = a, *q = b;
    if (p->day != q->day) return p->day < q->day ? -1 : 1;
    return p->value < q->value ? -1 : p->value > q->value;   /* a total order: the same result whatever came first */
}

int scores_baseline(scores_baseline_kind kind, const scores_point *past, size_t n, long day, double *median,
                    double *sdlog)
{
    if (n == 0) return -1;
    scores_point *p = malloc(sizeof *p * n);
    if (!p) return -1;
    memcpy(p, past, sizeof *p * n);
    qsort(p, n, sizeof *p, by_day);
    /* Day means, and the per-day log changes between consecutive reported days. */
    double sq = 0, prev = 0;
    long prev_day = 0;
    size_t changes = 0, days = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        double sum = 0;
        for (; j < n && p[j].day == p[i].day; j++) sum += p[j].value;
        double mean = sum / (double)(j - i);
        if (days > 0 && prev > 0 && mean > 0) {
            double z = log(mean / prev) / sqrt((double)(p[i].day - prev_day));
            sq += z * z;
            changes++;
        }
        prev = mean;
        prev_day = p[i].day;
        days++;
        i = j;
    }
    *median = prev;   /* persistence: the last day's mean */
    if (kind == SCORES_TREND) {
        size_t k = n < SCORES_TREND_POINTS ? n : SCORES_TREND_POINTS, first = n - k;
        double x[SCORES_TREND_POINTS], v[SCORES_TREND_POINTS];
        for (size_t i = 0; i < k; i++) {
            x[i] = (double)(p[first + i].day - prev_day);   /* days from the last report: small numbers */
            v[i] = p[first + i].value;
        }
        double c0, c1, c00, c01, c11, ss;
        if (x[0] < x[k - 1] && gsl_fit_linear(x, 1, v, 1, k, &c0, &c1, &c00, &c01, &c11, &ss) == 0)
            *median = fmax(0, c0 + c1 * (double)(day - prev_day));
    }
    free(p);
    double s = changes ? sqrt(sq / (double)changes) : 0;
    *sdlog = day > prev_day ? s * sqrt((double)(day - prev_day)) : 0;
    return 0;
}

void scores_lognormal_quantiles(double median, double sdlog, double *q)
{
    for (int i = 0; i < SCORES_N_LEVELS; i++) {
        double z = i == SCORES_N_LEVELS / 2 ? 0 : gsl_cdf_ugaussian_Pinv(hub_levels[i]);
        q[i] = median * exp(sdlog * z);
    }
}

void scores_from_lognormal(double median, double sdlog, double y, score_set *out)
{
    double q[SCORES_N_LEVELS];
    scores_lognormal_quantiles(median, sdlog, q);
    out->mean = median;   /* the point, as the baselines' columns say */
    out->ard = scores_ard(median, y);   /* of the point the baseline stands for */
    out->wis = scores_wis(q, hub_levels, SCORES_N_LEVELS, y);
    out->in50 = scores_covered(q, hub_levels, SCORES_N_LEVELS, 0.5, y);   /* the hub levels hold both pairs */
    out->in90 = scores_covered(q, hub_levels, SCORES_N_LEVELS, 0.9, y);
    if (sdlog == 0 || median <= 0) {   /* a point */
        out->crps = fabs(y - median);
        out->pit = y > median ? 1 : y < median ? 0 : 0.5;
        return;
    }
    double w = y > 0 ? (log(y) - log(median)) / sdlog : -INFINITY;
    double Pw = y > 0 ? gsl_cdf_ugaussian_P(w) : 0, Pws = y > 0 ? gsl_cdf_ugaussian_P(w - sdlog) : 0;
    out->crps = y * (2 * Pw - 1) - 2 * median * exp(sdlog * sdlog / 2) * (Pws + gsl_cdf_ugaussian_P(sdlog / sqrt(2)) - 1);
    out->pit = Pw;
}

double scores_skill(double wis_model, double wis_baseline)
{
    return wis_baseline > 0 && isfinite(wis_baseline) ? 1 - wis_model / wis_baseline : NAN;
}
