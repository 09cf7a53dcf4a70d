/* ensemble: runs the replicates of one scenario under one policy, across threads,
 * and keeps what the outputs need: replicate 0's series, per-day quantiles of
 * every column (qstore), every replicate's summary metrics, and the waits. */
#ifndef CAMPSIM_ENSEMBLE_H
#define CAMPSIM_ENSEMBLE_H
#include "columns.h"
#include "config.h"
#include "metrics.h"
#include "qstore.h"
#include <signal.h>

typedef struct {
    long R;                  /* replicates */
    long first, count;       /* the replicates this process ran (MPI: a share of them) */
    int days;
    columns *cols;
    metric_set *ms;
    double *series0;         /* [days * cols->n]: replicate 0 (or the deterministic run) */
    qstore *q;               /* days * cols cells */
    double *metrics;         /* [R * ms->n], replicate-major */
    double *waits;           /* [days]: people admitted after w days, all replicates */
    int camp;                /* receiving camp of the policy */
} ensemble;

/* Called now and then from the thread that runs replicate work, with the
 * number of replicates done so far. */
typedef void (*progress_fn)(void *ctx, long done, long total);

typedef struct {
    unsigned long seed;
    long replicates;
    int threads;             /* 0: all cores */
    int deterministic;
    progress_fn progress;
    void *progress_ctx;
    volatile sig_atomic_t *stop;   /* set (by a signal handler) to stop early; NULL: never */
} run_options;

/* Runs scenario s under policy p (-1: the base settings). Replicate r uses the
 * streams of (seed, r) whatever the thread, so results do not depend on the
 * number of threads. NULL when out of memory or stopped through o->stop. */
ensemble *ensemble_run(const scenario *s, int policy, const run_options *o);
void ensemble_free(ensemble *e);   /* accepts NULL */

#endif
