/* qstore: per-cell means and quantiles over replicates (see qstore.h).
 *
 * Exact mode keeps every value, replicate-major (a put is one copy), in double
 * while the store is at most EXACT_DOUBLE_BYTES, else in float (whole counts
 * below 2^24 are exact in float; other values keep 7 digits). Summaries work on
 * tiles of cells so the values of a tile are gathered with sequential reads,
 * and use GSL's quickselect (gsl_stats_select) instead of a full sort.
 *
 * Binned mode: the pilot's values of a cell, sorted, give QSTORE_BINS + 1 edges
 * at its quantiles (duplicates removed). A value is counted either at an edge
 * (when equal to it) or in the open interval between two edges, or in a tail
 * below the first / above the last edge, whose exact min / max are tracked. The
 * quantile of rank h = level (R - 1) lies in the bin whose cumulative count
 * passes h; inside an interval it is interpolated linearly, so its rank error
 * is at most the interval's count / R. Means come from sums of values in fixed
 * point (1/1024), integers, so they too are independent of the order of puts. */
#include "qstore.h"
#include "dist.h"
#include <gsl/gsl_sort_float.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <omp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define EXACT_DOUBLE_BYTES (256u << 20)
#define FIXED 1024.0   /* fixed-point scale of binned sums */
#define TILE 64

struct qstore {
    size_t cells, R, pilot;
    int exact, single;          /* single: exact values held as float */
    double *vd;                 /* exact, double: [R * cells] */
    float *vf;                  /* exact float, or the pilot in binned mode: [pilot * cells] */
    /* binned */
    int frozen;
    float *edges;               /* [cells * (QSTORE_BINS + 1)] */
    int *n_edges;               /* [cells] */
    uint32_t *counts;           /* [cells * (2 * QSTORE_BINS + 3)]: tail, edge 0, gap 0, edge 1, ..., tail */
    int64_t *sum;               /* [cells], fixed point */
    float *lo, *hi;             /* [cells] exact min and max */
};

#define SLOTS (2 * QSTORE_BINS + 3)

qstore *qstore_new(size_t cells, size_t R)
{
    qstore *q = calloc(1, sizeof *q);
    if (!q) return NULL;
    q->cells = cells;
    q->R = R;
    q->exact = R <= QSTORE_EXACT_MAX;
    if (q->exact) {
        q->pilot = R;
        q->single = (double)R * cells * sizeof(double) > EXACT_DOUBLE_BYTES;
        if (q->single) q->vf = malloc(sizeof *q->vf * R * cells);
        else q->vd = malloc(sizeof *q->vd * R * cells);
        if (!q->vf && !q->vd) { free(q); return NULL; }
        return q;
    }
    q->pilot = QSTORE_PILOT;
    q->vf = malloc(sizeof *q->vf * q->pilot * cells);
    q->edges = malloc(sizeof *q->edges * cells * (QSTORE_BINS + 1));
    q->n_edges = calloc(cells, sizeof *q->n_edges);
    q->counts = calloc(cells * SLOTS, sizeof *q->counts);
    q->sum = calloc(cells, sizeof *q->sum);
    q->lo = malloc(sizeof *q->lo * cells);
    q->hi = malloc(sizeof *q->hi * cells);
    if (!q->vf || !q->edges || !q->n_edges || !q->counts || !q->sum || !q->lo || !q->hi) {
        qstore_free(q);
        return NULL;
    }
    for (size_t c = 0; c < cells; c++) { q->lo[c] = INFINITY; q->hi[c] = -INFINITY; }
    return q;
}

void qstore_free(qstore *q)
{
    if (!q) return;
    free(q->vd); free(q->vf); free(q->edges); free(q->n_edges); free(q->counts); free(q->sum);
    free(q->lo); free(q->hi);
    free(q);
}

size_t qstore_pilot(const qstore *q) { return q->pilot; }
float *qstore_pilot_data(qstore *q) { return q->exact ? NULL : q->vf; }

/* The slot of value x in cell c: 2j+1 at edge j, 2j+2 between edges j and j+1,
 * 0 below the first edge, 2n below... above the last. */
static size_t slot_of(const qstore *q, size_t c, float x)
{
    const float *e = q->edges + c * (QSTORE_BINS + 1);
    int n = q->n_edges[c];
    if (x < e[0]) return 0;
    if (x > e[n - 1]) return (size_t)(2 * n);
    int lo = 0, hi = n - 1;   /* the last edge <= x */
    while (lo < hi) {
        int mid = (lo + hi + 1) / 2;
        if (e[mid] <= x) lo = mid; else hi = mid - 1;
    }
    return e[lo] == x ? (size_t)(2 * lo + 1) : (size_t)(2 * lo + 2);
}

static void count_row(qstore *q, const double *cells)
{
    for (size_t c = 0; c < q->cells; c++) {
        float x = (float)cells[c];
        size_t s = slot_of(q, c, x);
        int64_t fx = llround(cells[c] * FIXED);
        uint32_t *n = &q->counts[c * SLOTS + s];
#pragma omp atomic
        *n += 1;
#pragma omp atomic
        q->sum[c] += fx;
        /* min and max: compare-and-swap loops would do; a critical section per
         * cell is too slow, so tails are updated only when they change. */
        if (x < q->lo[c] || x > q->hi[c]) {
#pragma omp critical(qstore_range)
            {
                if (x < q->lo[c]) q->lo[c] = x;
                if (x > q->hi[c]) q->hi[c] = x;
            }
        }
    }
}

int qstore_put(qstore *q, size_t r, const double *cells)
{
    size_t n = q->cells;
    if (q->exact) {
        if (q->single) for (size_t c = 0; c < n; c++) q->vf[r * n + c] = (float)cells[c];
        else memcpy(q->vd + r * n, cells, sizeof *cells * n);
        return 0;
    }
    if (!q->frozen) {   /* a pilot replicate: kept, counted at the freeze */
        for (size_t c = 0; c < n; c++) q->vf[r * n + c] = (float)cells[c];
        return 0;
    }
    count_row(q, cells);
    return 0;
}

int qstore_freeze(qstore *q, size_t first, size_t count)
{
    if (q->exact || q->frozen) return 0;
    size_t P = q->pilot, n = q->cells;
    int failed = 0;
#pragma omp parallel
    {
        float *v = malloc(sizeof *v * P);
        if (!v) {
#pragma omp atomic write
            failed = 1;
        }
#pragma omp for schedule(static)
        for (size_t c = 0; c < n; c++) {
            if (!v) continue;
            for (size_t r = 0; r < P; r++) v[r] = q->vf[r * n + c];
            gsl_sort_float(v, 1, P);
            float *e = q->edges + c * (QSTORE_BINS + 1);
            int k = 0;
            for (int j = 0; j <= QSTORE_BINS; j++) {
                float x = v[(size_t)((double)j * (P - 1) / QSTORE_BINS)];
                if (k == 0 || x > e[k - 1]) e[k++] = x;
            }
            q->n_edges[c] = k;
        }
        free(v);
    }
    if (failed) return -1;
    q->frozen = 1;
    double *row = malloc(sizeof *row * n);
    if (!row) return -1;
    for (size_t r = first; r < first + count && r < P; r++) {   /* this process's pilot replicates are counted too */
        for (size_t c = 0; c < n; c++) row[c] = q->vf[r * n + c];
        count_row(q, row);
    }
    free(row);
    free(q->vf);   /* from here on memory no longer depends on R */
    q->vf = NULL;
    return 0;
}

/* Type-7 quantiles of the n values in v (reordered): v[floor(h)] and the next. */
static void exact_quantiles(double *v, size_t n, const double *levels, int nl, double *out)
{
    size_t done = 0;   /* v[0 .. done-1] are <= everything after them */
    for (int i = 0; i < nl; i++) {
        double h = levels[i] * (double)(n - 1);
        size_t k = (size_t)floor(h);
        if (k >= n) k = n - 1;
        double a = k >= done ? gsl_stats_select(v + done, 1, n - done, k - done) : v[k];
        if (k >= done) done = k;   /* select leaves v[k] in place, smaller ones before it */
        double b = a;
        if (k + 1 < n) {
            b = v[k + 1];
            for (size_t j = k + 2; j < n; j++) if (v[j] < b) b = v[j];
        }
        out[i] = a + (h - (double)k) * (b - a);
    }
}

static void binned_cell(const qstore *q, size_t c, const double *levels, int nl, double *mean, double *out)
{
    const uint32_t *n = q->counts + c * SLOTS;
    const float *e = q->edges + c * (QSTORE_BINS + 1);
    int ne = q->n_edges[c];
    *mean = (double)q->sum[c] / FIXED / (double)q->R;
    for (int i = 0; i < nl; i++) {
        double h = levels[i] * (double)(q->R - 1), cum = 0;
        out[i] = q->hi[c];
        for (int s = 0; s <= 2 * ne; s++) {
            if (n[s] == 0 || cum + n[s] <= h) { cum += n[s]; continue; }
            /* the bin holding rank h: its value range, and the rank's place in it */
            double lo = s == 0 ? q->lo[c] : e[(s - 1) / 2];
            double hi = s == 2 * ne ? q->hi[c] : e[s / 2];
            if (s % 2 == 1) { out[i] = e[(s - 1) / 2]; break; }   /* an edge: exact */
            double f = n[s] > 1 ? (h - cum) / (double)(n[s] - 1) : 0.5;
            out[i] = lo + (f > 1 ? 1 : f) * (hi - lo);
            break;
        }
    }
}

int qstore_summarize(const qstore *q, const double *levels, int n_levels, double *out_mean, double *out_q)
{
    size_t n = q->cells, R = q->R;
    if (!q->exact) {
#pragma omp parallel for schedule(static)
        for (size_t c = 0; c < n; c++) binned_cell(q, c, levels, n_levels, &out_mean[c], &out_q[c * n_levels]);
        return 0;
    }
    int failed = 0;
#pragma omp parallel
    {
        double *tile = malloc(sizeof *tile * R * TILE);
        if (!tile) {
#pragma omp atomic write
            failed = 1;
        }
#pragma omp for schedule(dynamic, 1)
        for (size_t c0 = 0; c0 < n; c0 += TILE) {
            if (!tile) continue;
            size_t w = n - c0 < TILE ? n - c0 : TILE;
            for (size_t r = 0; r < R; r++)   /* gather: sequential reads of each replicate's row */
                for (size_t j = 0; j < w; j++)
                    tile[j * R + r] = q->single ? q->vf[r * n + c0 + j] : q->vd[r * n + c0 + j];
            for (size_t j = 0; j < w; j++) {
                double *v = tile + j * R, sum = 0;
                for (size_t r = 0; r < R; r++) sum += v[r];   /* replicate order: the same bytes always */
                out_mean[c0 + j] = sum / (double)R;
                exact_quantiles(v, R, levels, n_levels, &out_q[(c0 + j) * n_levels]);
            }
        }
        free(tile);
    }
    return failed ? -1 : 0;
}

double qstore_rank_error(const qstore *q)
{
    if (q->exact) return 0;
    uint32_t worst = 0;
    for (size_t c = 0; c < q->cells; c++) {
        const uint32_t *n = q->counts + c * SLOTS;
        for (int s = 0; s <= 2 * q->n_edges[c]; s += 2)   /* the gaps and tails, not the edges */
            if (n[s] > worst) worst = n[s];
    }
    return (double)worst / (double)q->R;
}

size_t qstore_bytes(const qstore *q)
{
    size_t b = sizeof *q;
    if (q->vd) b += sizeof *q->vd * q->R * q->cells;
    if (q->vf) b += sizeof *q->vf * q->pilot * q->cells;
    if (!q->exact)
        b += q->cells * ((QSTORE_BINS + 1) * sizeof(float) + sizeof(int) + SLOTS * sizeof(uint32_t) +
                         sizeof(int64_t) + 2 * sizeof(float));
    return b;
}

int qstore_merge_to_root(qstore *q)
{   /* each rank's replicates are its dist_share block of R */
    if (q->exact) {
        if (q->single) return dist_gather(q->vf, sizeof *q->vf * q->cells, (long)q->R);
        return dist_gather(q->vd, sizeof *q->vd * q->cells, (long)q->R);
    }
    dist_reduce(q->counts, q->cells * SLOTS, DIST_U32, DIST_SUM);
    dist_reduce(q->sum, q->cells, DIST_I64, DIST_SUM);
    dist_reduce(q->lo, q->cells, DIST_FLOAT, DIST_MIN);
    dist_reduce(q->hi, q->cells, DIST_FLOAT, DIST_MAX);
    return 0;
}
