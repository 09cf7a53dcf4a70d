/* orderstat: quantiles from order statistics by buckets and quickselect (see
 * orderstat.h). */
#include "orderstat.h"
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <string.h>

/* Puts the order statistics ks[a .. b-1] (ascending, each in [lo, hi)) of v in
 * place, given that v[lo .. hi-1] holds exactly those of ranks lo .. hi-1. The
 * middle one first, then each half on its own side: about two passes over v in
 * all, where one select per rank over the rest of v would make one per rank. */
static void multiselect(double *v, size_t lo, size_t hi, const size_t *ks, int a, int b)
{
    if (a >= b) return;
    int mid = a + (b - a) / 2;
    size_t k = ks[mid];
    gsl_stats_select(v + lo, 1, hi - lo, k - lo);   /* v[k] in place, smaller before, larger after */
    int left = mid, right = mid + 1;
    while (left > a && ks[left - 1] == k) left--;
    while (right < b && ks[right] == k) right++;
    multiselect(v, lo, k, ks, a, left);
    multiselect(v, k + 1, hi, ks, right, b);
}

/* The order statistics a type-7 quantile needs: for each level, ranks floor(h)
 * and the next, h = level (n - 1). Sorted, at most 2 * QSTORE_MAX_LEVELS. */
static int needed_ranks(size_t n, const double *levels, int nl, size_t *ks)
{
    int m = 0;
    for (int i = 0; i < nl; i++) {
        size_t k = (size_t)floor(levels[i] * (double)(n - 1));
        if (k >= n) k = n - 1;
        ks[m++] = k;
        if (k + 1 < n) ks[m++] = k + 1;
    }
    for (int i = 1; i < m; i++)   /* insertion sort: at most 128 ranks */
        for (int j = i; j > 0 && ks[j - 1] > ks[j]; j--) { size_t t = ks[j]; ks[j] = ks[j - 1]; ks[j - 1] = t; }
    return m;
}

#define MARK 0x80000000u   /* a bucket holding a needed rank, in bucket_ranks */

/* Bucket of x among n equal buckets of width 1/scale from lo; hi falls in the last. */
static size_t bucket_of(double x, double lo, double scale, size_t n)
{
    size_t b = (size_t)((x - lo) * scale);
    return b < n ? b : n - 1;
}

/* The values at ranks ks[0 .. m-1] (sorted) of v[0 .. n-1], whose min lo and
 * max hi differ: the values are counted into n / 4 equal buckets over [lo, hi]
 * (the bucket is monotone in the value, so bucket order is value order), one
 * walk over the counts finds each rank's bucket, and only the values of those
 * buckets (a few each, for most data) are copied to `region` and selected
 * among. About two passes over v, with no moves; count holds n + 4 and region n.
 *
 * The count runs in four interleaved histograms, added at the end. With one,
 * a run of equal values (whole counts, most cells) is a chain of increments of
 * one address, each waiting for the last to be stored: on this machine's AMD
 * EPYC that made some processes' summaries take 200-230 ms instead of 120-130
 * (-r 1000 -j 1, the same in every repeat within a process). Four break the
 * chain: 120-160 ms in every process. */
static void bucket_ranks(const double *v, size_t n, double lo, double hi, uint32_t *count, double *region,
                         const size_t *ks, int m, double *vals)
{
    size_t buckets = n / 4 ? n / 4 : 1;
    double scale = (double)buckets / (hi - lo);
    uint32_t *c1 = count + buckets, *c2 = c1 + buckets, *c3 = c2 + buckets;
    memset(count, 0, sizeof *count * 4 * buckets);
    size_t r = 0;
    for (; r + 4 <= n; r += 4) {
        count[bucket_of(v[r], lo, scale, buckets)]++;
        c1[bucket_of(v[r + 1], lo, scale, buckets)]++;
        c2[bucket_of(v[r + 2], lo, scale, buckets)]++;
        c3[bucket_of(v[r + 3], lo, scale, buckets)]++;
    }
    for (; r < n; r++) count[bucket_of(v[r], lo, scale, buckets)]++;
    for (size_t b = 0; b < buckets; b++) count[b] += c1[b] + c2[b] + c3[b];
    size_t bk[2 * QSTORE_MAX_LEVELS], at[2 * QSTORE_MAX_LEVELS + 1];
    size_t kl[2 * QSTORE_MAX_LEVELS], fill[2 * QSTORE_MAX_LEVELS];
    int which[2 * QSTORE_MAX_LEVELS], nb = 0;
    size_t seen = 0, b = 0;   /* seen: values in buckets before b */
    for (int i = 0; i < m; i++) {
        while (seen + count[b] <= ks[i]) seen += count[b++];
        if (nb == 0 || bk[nb - 1] != b) bk[nb++] = b;
        which[i] = nb - 1;
        kl[i] = ks[i] - seen;   /* its rank inside its bucket */
    }
    at[0] = 0;
    for (int j = 0; j < nb; j++) {
        at[j + 1] = at[j] + count[bk[j]];
        fill[j] = at[j];
        count[bk[j]] = MARK | (uint32_t)j;   /* counts are below 2^31: a mark cannot be a count */
    }
    for (size_t r = 0; r < n; r++) {
        uint32_t c = count[bucket_of(v[r], lo, scale, buckets)];
        if (c & MARK) region[fill[c & ~MARK]++] = v[r];
    }
    for (int i = 0, j; i < m; i = j) {
        for (j = i; j < m && which[j] == which[i]; j++) {}
        int w = which[i];
        multiselect(region + at[w], 0, at[w + 1] - at[w], kl, i, j);
        for (int t = i; t < j; t++) vals[t] = region[at[w] + kl[t]];
    }
}

void orderstat_quantiles(const double *v, size_t n, double lo, double hi, uint32_t *count, double *region,
                            const double *levels, int nl, double *out)
{
    size_t ks[2 * QSTORE_MAX_LEVELS] = {0};
    double vals[2 * QSTORE_MAX_LEVELS];
    int m = needed_ranks(n, levels, nl, ks);
    if (lo == hi) {
        for (int i = 0; i < nl; i++) out[i] = lo;
        return;
    }
    bucket_ranks(v, n, lo, hi, count, region, ks, m, vals);
    for (int i = 0; i < nl; i++) {
        double h = levels[i] * (double)(n - 1);
        size_t k = (size_t)floor(h);
        if (k >= n) k = n - 1;
        int at = 0;
        while (ks[at] != k) at++;   /* k + 1, when there is one, is the next entry with a larger rank */
        int next = at;
        while (next < m && ks[next] == k) next++;
        double a = vals[at], b = next < m && ks[next] == k + 1 ? vals[next] : a;
        out[i] = a + (h - (double)k) * (b - a);
    }
}
