/* qstore: per-cell means and quantiles over replicates (see qstore.h).
 *
 * Exact mode keeps every value, replicate-major (a put is one copy), in double
 * while the store is at most EXACT_DOUBLE_BYTES, else in float (whole counts
 * below 2^24 are exact in float; other values keep 7 digits). Spread over MPI
 * ranks, a rank holds its own replicates only, each row cut into one part per
 * rank (the ranks' blocks of cells, padded to the widest); before summarising,
 * the ranks swap parts (dist_swap_parts), and row i's part p then holds rank
 * p's i-th replicate's values of this rank's cells. Summaries work on
 * tiles of cells so the values of a tile are gathered with sequential reads;
 * a cell's order statistics need nothing when it is constant, else a count
 * into buckets and GSL's quickselect (gsl_stats_select) among the few values
 * of the buckets that hold them, never a full sort (orderstat.h).
 *
 * Binned mode: the pilot's values of a cell, sorted, give its bin edges: every
 * pilot value within QSTORE_WINDOW of a requested quantile level (where the
 * answers are read, so bins there are as narrow as the pilot allows), and every
 * QSTORE_STRIDE-th value elsewhere, at most QSTORE_BINS + 1 (duplicates removed).
 * A value is counted either at an edge (when equal to it) or in the open
 * interval between two edges, or in a tail below the first / above the last
 * edge, whose exact min / max are tracked. The quantile of rank h = level (R - 1)
 * lies in the bin whose cumulative count passes h; inside an interval it is
 * interpolated linearly, so its rank error is at most the interval's count / R;
 * qstore_rank_error is the largest such count among the intervals that held a
 * requested quantile. Means come from sums of values in fixed point (1/1024),
 * integers, so they too are independent of the order of puts.
 *
 * The bins take only the room their edges need (a cell that is constant in the
 * pilot has one edge; the reference scenario averages about 160 of the 1,001
 * allowed). The pilot itself is the larger part: when it would exceed
 * pilot_bytes, it is taken one block of cells per pass, the caller running the
 * pilot replicates again for each block (a replicate's values depend only on
 * the seed and its number). A cell's edges depend only on its own pilot values,
 * so the results are the same bytes whatever the number of passes. */
#include "qstore.h"
#include "dist.h"
#include "orderstat.h"
#include <gsl/gsl_sort_float.h>
#include <math.h>
#include <omp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define EXACT_DOUBLE_BYTES (256u << 20)
#define FIXED 1024.0   /* fixed-point scale of binned sums */
#define TILE 64
#define SLOTS (2 * QSTORE_BINS + 3)   /* the most slots of a cell: tail, edge 0, gap 0, edge 1, ..., tail */
#define QSTORE_STRIDE 10        /* away from the requested levels: every 10th pilot value */
#define QSTORE_WINDOW 0.025     /* near them: every pilot value within +-0.025 in rank */

struct qstore {
    size_t cells, R, pilot;
    double levels[QSTORE_MAX_LEVELS];
    int n_levels;
    uint32_t worst;             /* the largest interval count that held a quantile */
    int exact, single;          /* single: exact values held as float */
    /* exact: rows of `parts` parts of `width` values, part p holding rank p's
     * block of cells (part_block); one part, and a row per replicate, when not
     * spread */
    int parts, part;            /* parts (ranks), and this rank's */
    size_t width, rows;         /* values per part; rows held (this rank's replicates, padded to the most) */
    size_t first_row;           /* the replicate of row 0 */
    double *vd;                 /* exact, double: [rows * parts * width] */
    float *vf;                  /* exact float, as vd, or binned the pilot of one block of cells: [pilot * block_cells] */
    size_t peak;                /* the most bytes held at once */
    /* binned */
    size_t blocks, block, block_cells;   /* pilot passes, the one being taken, cells per pass */
    int frozen;                 /* every block has its bins */
    size_t *eoff;               /* [cells + 1]: cell c's edges are edges[eoff[c] .. eoff[c + 1]) and its
                                   slots counts[2 eoff[c] + c ...], 2 k + 1 for k edges */
    float *edges;
    uint32_t *counts;
    int64_t *sum;               /* [cells], fixed point */
    float *lo, *hi;             /* [cells] exact min and max */
    volatile sig_atomic_t *stop;   /* set by a signal handler: stop freezing; NULL: never */
};

qstore *qstore_new(size_t cells, size_t R, const double *levels, int n_levels, size_t pilot_bytes, int spread)
{
    if (n_levels < 0 || n_levels > QSTORE_MAX_LEVELS || cells == 0) return NULL;
    qstore *q = calloc(1, sizeof *q);
    if (!q) return NULL;
    q->cells = cells;
    q->R = R;
    q->n_levels = n_levels;
    for (int i = 0; i < n_levels; i++) q->levels[i] = levels[i];
    q->exact = R <= QSTORE_EXACT_MAX;
    if (q->exact) {
        q->pilot = R;
        /* the whole ensemble's size decides, so every number of ranks keeps the same values */
        q->single = (double)R * cells * sizeof(double) > EXACT_DOUBLE_BYTES;
        q->parts = spread ? dist_size() : 1;
        q->part = spread ? dist_rank() : 0;
        q->width = (cells + (size_t)q->parts - 1) / (size_t)q->parts;
        q->rows = (R + (size_t)q->parts - 1) / (size_t)q->parts;
        long first = 0, count = (long)R;
        if (spread) dist_share((long)R, &first, &count);
        q->first_row = (size_t)first;
        /* zeroed: padding is sent in the swap, and its bytes should be defined */
        size_t n = q->rows * (size_t)q->parts * q->width;
        if (q->single) q->vf = calloc(n, sizeof *q->vf);
        else q->vd = calloc(n, sizeof *q->vd);
        if (!q->vf && !q->vd) { free(q); return NULL; }
        q->peak = sizeof *q + (q->single ? sizeof(float) : sizeof(double)) * n;
        return q;
    }
    q->pilot = QSTORE_PILOT;
    q->blocks = qstore_passes(cells, R, pilot_bytes);
    q->block_cells = (cells + q->blocks - 1) / q->blocks;   /* as even as the passes allow */
    q->vf = malloc(sizeof *q->vf * q->pilot * q->block_cells);
    q->eoff = calloc(cells + 1, sizeof *q->eoff);
    q->sum = calloc(cells, sizeof *q->sum);
    q->lo = malloc(sizeof *q->lo * cells);
    q->hi = malloc(sizeof *q->hi * cells);
    if (!q->vf || !q->eoff || !q->sum || !q->lo || !q->hi) {
        qstore_free(q);
        return NULL;
    }
    for (size_t c = 0; c < cells; c++) { q->lo[c] = INFINITY; q->hi[c] = -INFINITY; }
    return q;
}

void qstore_free(qstore *q)
{
    if (!q) return;
    free(q->vd); free(q->vf); free(q->eoff); free(q->edges); free(q->counts); free(q->sum);
    free(q->lo); free(q->hi);
    free(q);
}

size_t qstore_passes(size_t cells, size_t R, size_t pilot_bytes)
{
    if (R <= QSTORE_EXACT_MAX) return 1;
    size_t fit = (pilot_bytes ? pilot_bytes : QSTORE_PILOT_BYTES) / (sizeof(float) * QSTORE_PILOT);
    return fit >= cells ? 1 : (cells + (fit ? fit : 1) - 1) / (fit ? fit : 1);
}

size_t qstore_pilot(const qstore *q) { return q->pilot; }
int qstore_pilot_passes(const qstore *q) { return q->exact ? 1 : (int)q->blocks; }

int qstore_share_pilot(qstore *q)
{
    if (q->exact || q->frozen) return 0;
    return dist_allgather(q->vf, sizeof *q->vf * q->block_cells, (long)q->R, (long)q->pilot);
}

/* The slot of value x among the n edges e: 2j+1 at edge j, 2j+2 between edges
 * j and j+1, 0 below the first edge, 2n above the last. */
static size_t slot_of(const float *e, int n, float x)
{
    if (x < e[0]) return 0;
    if (x > e[n - 1]) return (size_t)(2 * n);
    const float *base = e;   /* the last edge <= x, without branches to mispredict */
    for (int len = n; len > 1; len -= len / 2)
        base = base[len / 2] <= x ? base + len / 2 : base;
    int lo = (int)(base - e);
    return e[lo] == x ? (size_t)(2 * lo + 1) : (size_t)(2 * lo + 2);
}

/* Cell c's sum gains fx (fixed point) and its range takes in [lo, hi]. */
static void add_to_cell(qstore *q, size_t c, int64_t fx, float lo, float hi)
{
#pragma omp atomic
    q->sum[c] += fx;
    /* min and max: compare-and-swap loops would do; a critical section per
     * cell is too slow, so tails are updated only when they change. */
    if (lo < q->lo[c] || hi > q->hi[c]) {
#pragma omp critical(qstore_range)
        {
            if (lo < q->lo[c]) q->lo[c] = lo;
            if (hi > q->hi[c]) q->hi[c] = hi;
        }
    }
}

/* Counts m rows cell by cell: a cell's edges and counts (far apart) are then
 * read once per batch instead of once per row, which is where the time went.
 * Each thread starts at its own cell so that two threads rarely add to the
 * same cell at once. */
static void count_rows(qstore *q, const double *rows, size_t m)
{
    size_t n = q->cells, c = (size_t)omp_get_thread_num() * n / (size_t)omp_get_num_threads();
    for (size_t i = 0; i < n; i++, c = c + 1 == n ? 0 : c + 1) {
        const float *e = q->edges + q->eoff[c];
        int ne = (int)(q->eoff[c + 1] - q->eoff[c]);
        uint32_t *counts = q->counts + 2 * q->eoff[c] + c;
        int64_t sum = 0;
        float lo = INFINITY, hi = -INFINITY;
        for (size_t j = 0; j < m; j++) {
            double v = rows[j * n + c];
            float x = (float)v;
            uint32_t *k = &counts[slot_of(e, ne, x)];
#pragma omp atomic
            *k += 1;
            sum += llround(v * FIXED);
            if (x < lo) lo = x;
            if (x > hi) hi = x;
        }
        add_to_cell(q, c, sum, lo, hi);
    }
}

/* Rank p's block [first, first + count) of n items, cells or replicates (exact):
 * all of them when not spread. */
static void part_block(const qstore *q, size_t n, int p, size_t *first, size_t *count)
{
    long f = 0, c = (long)n;
    if (q->parts > 1) dist_block((long)n, p, &f, &c);
    *first = (size_t)f;
    *count = (size_t)c;
}

int qstore_put(qstore *q, const size_t *r, const double *rows, size_t n_rows)
{
    size_t n = q->cells;
    if (q->frozen) {
        count_rows(q, rows, n_rows);
        return 0;
    }
    if (!q->exact) {   /* a pilot replicate: the cells of this pass's block are kept (counted at the freeze) */
        size_t c0 = q->block * q->block_cells, w = n - c0 < q->block_cells ? n - c0 : q->block_cells;
        for (size_t i = 0; i < n_rows; i++)
            for (size_t j = 0; j < w; j++) q->vf[r[i] * q->block_cells + j] = (float)rows[i * n + c0 + j];
        return 0;
    }
    for (size_t i = 0; i < n_rows; i++) {
        size_t at = (r[i] - q->first_row) * (size_t)q->parts * q->width;
        for (int p = 0; p < q->parts; p++, at += q->width) {
            size_t c0, m;
            part_block(q, n, p, &c0, &m);
            const double *cells = rows + i * n + c0;
            if (!q->single) memcpy(q->vd + at, cells, sizeof *cells * m);
            else for (size_t c = 0; c < m; c++) q->vf[at + c] = (float)cells[c];
        }
    }
    return 0;
}

double *qstore_row(qstore *q, size_t r)
{
    if (!q->exact || q->single || q->parts != 1) return NULL;
    return q->vd + (r - q->first_row) * q->cells;
}

/* Whether pilot rank i of P is an edge: near a requested level, or on the stride. */
static int is_edge_rank(const qstore *q, size_t i, size_t P, double window)
{
    if (i % QSTORE_STRIDE == 0 || i == P - 1) return 1;
    for (int k = 0; k < q->n_levels; k++)
        if (fabs((double)i - q->levels[k] * (double)(P - 1)) <= window * (double)(P - 1)) return 1;
    return 0;
}

/* The edges of a cell, into e, from its P sorted pilot values x; their number. */
static int pick_edges(const qstore *q, const float *x, size_t P, double window, float *e)
{
    int k = 0;
    for (size_t i = 0; i < P && k <= QSTORE_BINS; i++)
        if (is_edge_rank(q, i, P, window) && (k == 0 || x[i] > e[k - 1])) e[k++] = x[i];
    return k;
}

/* The slots (2 n + 1) of the P sorted values x among the n edges e: one walk
 * along both, where a search per value would cost log n. */
static void count_sorted(const float *x, size_t P, const float *e, int n, uint32_t *slots)
{
    memset(slots, 0, sizeof *slots * (size_t)(2 * n + 1));
    int j = 0;   /* the first edge >= x[i] */
    for (size_t i = 0; i < P; i++) {
        while (j < n && e[j] < x[i]) j++;
        slots[j < n && e[j] == x[i] ? 2 * j + 1 : 2 * j]++;
    }
}

/* Fixes the bins of the cells of this pass's block from their pilot values
 * and, when count_pilot, counts those values. Tile by tile, with sequential
 * reads of the pilot; each tile's edges and slots wait in a buffer of their own
 * size until every cell's number of edges, and so its place, is known. */
static int freeze_block(qstore *q, int count_pilot)
{
    size_t P = q->pilot, bc = q->block_cells, c0 = q->block * bc;
    size_t w = q->cells - c0 < bc ? q->cells - c0 : bc, tiles = (w + TILE - 1) / TILE;
    /* Narrower windows when many levels are asked for, so the edges fit. */
    double window = QSTORE_WINDOW;
    while (window > 0 && q->n_levels > 0 &&
           P / QSTORE_STRIDE + 1 + (size_t)q->n_levels * (size_t)(2 * window * (P - 1) + 1) > QSTORE_BINS + 1)
        window /= 2;
    float **tile = calloc(tiles, sizeof *tile);
    if (!tile) return -1;
    int failed = 0;
#pragma omp parallel
    {
        float *v = malloc(sizeof *v * P * TILE), *e = malloc(sizeof *e * TILE * (QSTORE_BINS + 1));
        uint32_t *k = malloc(sizeof *k * TILE * SLOTS);
        if (!v || !e || !k) {
#pragma omp atomic write
            failed = 1;
        }
#pragma omp for schedule(dynamic, 1)
        for (size_t t = 0; t < tiles; t++) {
            if (!v || !e || !k || (q->stop && *q->stop)) continue;
            size_t a = t * TILE, m = w - a < TILE ? w - a : TILE, ne = 0, ns = 0;
            for (size_t r = 0; r < P; r++)
                for (size_t j = 0; j < m; j++) v[j * P + r] = q->vf[r * bc + a + j];
            for (size_t j = 0; j < m; j++) {
                float *x = v + j * P;
                size_t c = c0 + a + j;
                gsl_sort_float(x, 1, P);
                int n = pick_edges(q, x, P, window, e + ne);
                q->eoff[c + 1] = (size_t)n;   /* a count until the prefix sum below */
                if (count_pilot) {   /* this cell is this thread's alone, and untouched before */
                    count_sorted(x, P, e + ne, n, k + ns);
                    int64_t sum = 0;
                    for (size_t r = 0; r < P; r++) sum += llround((double)x[r] * FIXED);
                    q->sum[c] = sum;
                    q->lo[c] = x[0];
                    q->hi[c] = x[P - 1];
                } else {
                    memset(k + ns, 0, sizeof *k * (size_t)(2 * n + 1));
                }
                ne += (size_t)n;
                ns += (size_t)(2 * n + 1);
            }
            tile[t] = malloc(sizeof(float) * ne + sizeof(uint32_t) * ns);
            if (!tile[t]) {
#pragma omp atomic write
                failed = 1;
                continue;
            }
            memcpy(tile[t], e, sizeof(float) * ne);
            memcpy((char *)tile[t] + sizeof(float) * ne, k, sizeof(uint32_t) * ns);
        }
        free(v);
        free(e);
        free(k);
    }
    if (q->stop && *q->stop) failed = 1;
    if (!failed) {
        for (size_t c = c0; c < c0 + w; c++) q->eoff[c + 1] += q->eoff[c];
        size_t edges = q->eoff[c0 + w], slots = 2 * edges + c0 + w;
        float *ed = realloc(q->edges, sizeof *ed * edges);
        if (ed) q->edges = ed;
        uint32_t *ct = ed ? realloc(q->counts, sizeof *ct * slots) : NULL;
        if (ct) q->counts = ct;
        failed = !ed || !ct;
        for (size_t t = 0; t < tiles && !failed; t++) {
            size_t a = c0 + t * TILE, b = a + (w - t * TILE < TILE ? w - t * TILE : TILE);
            size_t ne = q->eoff[b] - q->eoff[a], ns = 2 * ne + (b - a);
            memcpy(q->edges + q->eoff[a], tile[t], sizeof(float) * ne);
            memcpy(q->counts + 2 * q->eoff[a] + a, (char *)tile[t] + sizeof(float) * ne, sizeof(uint32_t) * ns);
        }
        size_t held = sizeof *q + sizeof(float) * P * bc + sizeof *q->eoff * (q->cells + 1)
                      + q->cells * (sizeof *q->sum + 2 * sizeof(float)) + sizeof(float) * edges + sizeof(uint32_t) * slots;
        if (held > q->peak) q->peak = held;
    }
    for (size_t t = 0; t < tiles; t++) free(tile[t]);
    free(tile);
    return failed ? -1 : 0;
}

void qstore_stop_on(qstore *q, volatile sig_atomic_t *flag) { q->stop = flag; }

int qstore_freeze(qstore *q, int count_pilot)
{
    if (q->exact || q->frozen) return 0;
    if (freeze_block(q, count_pilot)) return -1;
    if (++q->block == q->blocks) {   /* every cell has its bins: the pilot is no longer needed */
        q->frozen = 1;
        free(q->vf);
        q->vf = NULL;
    }
    return 0;
}

/* Returns the count of the largest interval (not an edge) that held a quantile. */
static uint32_t binned_cell(const qstore *q, size_t c, const double *levels, int nl, double *mean, double *out)
{
    uint32_t worst = 0;
    const uint32_t *n = q->counts + 2 * q->eoff[c] + c;
    const float *e = q->edges + q->eoff[c];
    int ne = (int)(q->eoff[c + 1] - q->eoff[c]);
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
            if (n[s] > worst) worst = n[s];
            break;
        }
    }
    return worst;
}

static void summarize_binned(qstore *q, const double *levels, int n_levels, double *out_mean, double *out_q)
{
    uint32_t worst = 0;
#pragma omp parallel for schedule(static) reduction(max : worst)
    for (size_t c = 0; c < q->cells; c++) {
        uint32_t w = binned_cell(q, c, levels, n_levels, &out_mean[c], &out_q[c * n_levels]);
        if (w > worst) worst = w;
    }
    q->worst = worst;
}

/* Gathers the w cells at src of n rows (row i at src + i * stride) into
 * tile[j * R + i], and sums and bounds each cell in row order (the same bytes
 * always): across the tile's cells the sums are independent, so they run at
 * the adder's throughput, not its latency. GROUP rows at a time, so that each
 * cell's values land as whole cache lines of the tile: row by row, the 64
 * cells' writes, R values apart, evicted each other's lines before the next
 * row filled them. */
#define GROUP 8
#define GATHER(name, type)                                                                         \
    static void name(const type *src, size_t stride, size_t n, size_t w, double *tile, size_t R,   \
                     double *sum, double *lo, double *hi)                                           \
    {                                                                                              \
        size_t i = 0;                                                                              \
        for (; i + GROUP <= n; i += GROUP) {                                                       \
            const type *a = src + i * stride;                                                      \
            if (i + 2 * GROUP <= n)   /* the next group's rows: 8 short runs in 8 pages */         \
                for (size_t g = 0; g < GROUP; g++)                                                 \
                    for (size_t b = 0; b < w * sizeof(type); b += 64)                              \
                        __builtin_prefetch((const char *)(a + (GROUP + g) * stride) + b);          \
            for (size_t j = 0; j < w; j++) {                                                       \
                double *t = tile + j * R + i, s = sum[j], l = lo[j], h = hi[j];                    \
                for (size_t g = 0; g < GROUP; g++) {                                               \
                    double x = a[g * stride + j];                                                  \
                    t[g] = x;                                                                      \
                    s += x;                                                                        \
                    l = x < l ? x : l;                                                             \
                    h = x > h ? x : h;                                                             \
                }                                                                                  \
                sum[j] = s, lo[j] = l, hi[j] = h;                                                  \
            }                                                                                      \
        }                                                                                          \
        for (; i < n; i++)                                                                         \
            for (size_t j = 0; j < w; j++) {                                                       \
                double x = src[i * stride + j];                                                    \
                tile[j * R + i] = x;                                                               \
                sum[j] += x;                                                                       \
                lo[j] = x < lo[j] ? x : lo[j];                                                     \
                hi[j] = x > hi[j] ? x : hi[j];                                                     \
            }                                                                                      \
    }
GATHER(gather_double, double)
GATHER(gather_float, float)

/* Exact means and quantiles of the cells of this rank's part (every cell when
 * not spread), from part p of every row for each rank p, after the swap: the
 * replicates in order. */
static int summarize_exact(qstore *q, const double *levels, int n_levels, double *out_mean, double *out_q)
{
    size_t R = q->R, stride = (size_t)q->parts * q->width;
    size_t first, mine;   /* this rank's cells */
    part_block(q, q->cells, q->part, &first, &mine);
    size_t end = first + mine;
    int failed = 0;
#pragma omp parallel
    {
        double *tile = malloc(sizeof *tile * R * TILE), *region = malloc(sizeof *region * R);
        uint32_t *count = malloc(sizeof *count * (R + 4));
        if (!tile || !region || !count) {
#pragma omp atomic write
            failed = 1;
        }
#pragma omp for schedule(dynamic, 1)
        for (size_t c0 = first; c0 < end; c0 += TILE) {
            if (!tile || !region || !count) continue;
            size_t w = end - c0 < TILE ? end - c0 : TILE;
            double sum[TILE], lo[TILE], hi[TILE];
            for (size_t j = 0; j < w; j++) sum[j] = 0, lo[j] = INFINITY, hi[j] = -INFINITY;
            size_t r = 0;
            for (int p = 0; p < q->parts; p++) {
                size_t row0, rows;   /* rank p's replicates: rows 0 .. rows-1 of part p here */
                part_block(q, R, p, &row0, &rows);
                size_t at = (size_t)p * q->width + (c0 - first);
                if (q->single) gather_float(q->vf + at, stride, rows, w, tile + r, R, sum, lo, hi);
                else gather_double(q->vd + at, stride, rows, w, tile + r, R, sum, lo, hi);
                r += rows;
            }
            for (size_t j = 0; j < w; j++) {
                out_mean[c0 + j] = sum[j] / (double)R;
                orderstat_quantiles(tile + j * R, R, lo[j], hi[j], count, region, levels, n_levels,
                                &out_q[(c0 + j) * n_levels]);
            }
        }
        free(tile);
        free(region);
        free(count);
    }
    return failed ? -1 : 0;
}

int qstore_summarize(qstore *q, const double *levels, int n_levels, double *out_mean, double *out_q)
{
    if (!q->exact) {
        summarize_binned(q, levels, n_levels, out_mean, out_q);
        return 0;
    }
    if (q->parts > 1) return -1;   /* a spread store: qstore_summarize_ranks */
    return summarize_exact(q, levels, n_levels, out_mean, out_q);
}

int qstore_summarize_ranks(qstore *q, const double *levels, int n_levels, double *out_mean, double *out_q)
{
    size_t n = q->cells;
    if (!q->exact) {   /* counts add: rank 0 sums them and reads every cell */
        dist_reduce(q->counts, 2 * q->eoff[n] + n, DIST_U32, DIST_SUM);
        dist_reduce(q->sum, n, DIST_I64, DIST_SUM);
        dist_reduce(q->lo, n, DIST_FLOAT, DIST_MIN);
        dist_reduce(q->hi, n, DIST_FLOAT, DIST_MAX);
        if (dist_rank() == 0) summarize_binned(q, levels, n_levels, out_mean, out_q);
        return 0;
    }
    /* Each rank takes its part of the cells with every replicate's values of
     * them, summarises it, and rank 0 gathers the summaries: the selects run on
     * every rank instead of rank 0 alone. */
    size_t part_bytes = (q->single ? sizeof *q->vf : sizeof *q->vd) * q->width;
    int bad = dist_swap_parts(q->single ? (void *)q->vf : (void *)q->vd, part_bytes, (long)q->rows);
    if (!bad) bad = summarize_exact(q, levels, n_levels, out_mean, out_q);
    if (dist_any(bad)) return -1;
    dist_gather(out_mean, sizeof *out_mean, (long)n);
    dist_gather(out_q, sizeof *out_q * (size_t)n_levels, (long)n);
    return 0;
}

double qstore_rank_error(const qstore *q)
{
    return q->exact ? 0 : (double)q->worst / (double)q->R;
}

size_t qstore_bytes(const qstore *q) { return q->peak; }
