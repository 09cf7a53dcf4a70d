/* ensemble: runs the replicates of one scenario under one policy, across threads
 * and (campsim-mpi) processes, and keeps what the outputs need: replicate 0's
 * series, the per-day mean and quantiles of every column, every replicate's
 * summary metrics, and the waits. */
#ifndef CAMPSIM_ENSEMBLE_H
#define CAMPSIM_ENSEMBLE_H
#include <signal.h>
#include "columns.h"
#include "config.h"
#include "metrics.h"
#include "places.h"

typedef struct {
    long R;                  /* replicates */
    int days;
    columns *cols;
    metric_set *ms;
    double *series0;         /* [days * cols->n]: replicate 0 (or the deterministic run) */
    double *mean;            /* [days * cols->n]: mean over replicates */
    double *quant;           /* [days * cols->n * n_levels]: quantiles at the scenario's levels */
    int n_levels;
    double rank_error;       /* 0: quantiles exact; else their largest rank error (qstore.h) */
    double *metrics;         /* [R * ms->n], replicate-major */
    double *waits;           /* [days]: people admitted after w days, all replicates */
    size_t n_keep;           /* cells kept per replicate (run_options.keep) */
    double *kept;            /* [R * n_keep], replicate-major: every replicate's value of each kept cell */
    /* the series by place (places.h), as the series above: their own store, so
     * that the series' stores and bytes are what they were without them */
    places *pl;              /* NULL under run_options.no_places */
    double *places0;         /* [days * pl->cells]: replicate 0 */
    double *pmean;           /* [days * pl->cells] */
    double *pquant;          /* [days * pl->cells * n_levels] */
    double *pmetrics;        /* [R * pl->n_rows * PLACE_METRICS], replicate-major */
    double places_rank_error;   /* as rank_error, of pmean and pquant */
} ensemble;

/* Called now and then from the thread that runs replicate work, with the
 * number of replicates done so far. */
typedef void (*progress_fn)(void *ctx, long done, long total);

typedef struct {
    unsigned long seed;
    long replicates;
    int threads;             /* 0: all cores */
    size_t pilot_bytes;      /* the most the binned quantiles' pilot holds at once; 0: QSTORE_PILOT_BYTES */
    int deterministic;
    progress_fn progress;
    void *progress_ctx;
    volatile sig_atomic_t *stop;   /* set (by a signal handler) to stop early; NULL: never */
    int local;               /* 1: run every replicate here, even in campsim-mpi (sweep spreads samples instead) */
    const size_t *keep;      /* cells (day * cols + column) whose value every replicate keeps, for scores */
    size_t n_keep;
    int no_places;           /* 1: no series by place (e->pl NULL): a sweep's many runs write none */
} run_options;

/* Runs scenario s under policy p (-1: the base settings). Replicate r uses the
 * streams of (seed, r) whatever the thread or process, so results do not depend
 * on their number. In campsim-mpi only rank 0's ensemble holds the results.
 * NULL when out of memory or stopped through o->stop. */
ensemble *ensemble_run(const scenario *s, int policy, const run_options *o);
void ensemble_free(ensemble *e);   /* accepts NULL */

/* The pilot memory (run_options.pilot_bytes, 0: QSTORE_PILOT_BYTES) shared by
 * the series' store of `cells` cells and the places' of `pcells`, in
 * proportion, so that both pilots together hold at most what was given. */
void ensemble_pilot_split(size_t pilot_bytes, size_t cells, size_t pcells, size_t *series, size_t *places);

/* Index of quantile level i of cell (day t, column c). */
static inline size_t ensemble_q(const ensemble *e, int t, int c, int i)
{
    return ((size_t)t * (size_t)e->cols->n + (size_t)c) * (size_t)e->n_levels + (size_t)i;
}

#endif
