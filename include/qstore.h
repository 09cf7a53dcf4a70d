/* qstore: the values of every cell (day x column) over the replicates of an
 * ensemble, for their means and quantiles.
 *
 * Up to QSTORE_EXACT_MAX replicates every value is kept and quantiles are exact
 * (GSL's type-7 definition, as gsl_stats_quantile_from_sorted_data). Beyond
 * that, memory stays bounded whatever the number of replicates: the first
 * QSTORE_PILOT replicates (the pilot) fix per-cell bins at their own quantiles,
 * every replicate is then counted into the bins, and a quantile is read inside
 * the bin that holds its rank. A value that equals a bin edge is counted at the
 * edge itself, so discrete data (whole counts) keep exact quantiles; otherwise
 * the rank error is at most the mass of the bin between edges that holds the
 * quantile, which qstore_rank_error reports (below 0.005: bins near the
 * requested levels hold about 1/QSTORE_PILOT of the replicates each). Counts add,
 * so the result does not depend on the order of replicates, threads or ranks.
 * The pilot is held at most pilot_bytes at a time: past that, it is taken in
 * several passes, each keeping one block of cells, and the caller runs the
 * pilot replicates once per pass. */
#ifndef CAMPSIM_QSTORE_H
#define CAMPSIM_QSTORE_H
#include <signal.h>
#include <stddef.h>

#define QSTORE_EXACT_MAX 10000
#define QSTORE_PILOT 3000
#define QSTORE_BINS 1000
#define QSTORE_PILOT_BYTES (128u << 20)   /* the default pilot_bytes */
#define QSTORE_MAX_LEVELS 64

typedef struct qstore qstore;

/* A store for `cells` values per replicate and R replicates, whose quantiles
 * will be asked at `levels` (the bins are narrowest there), holding at most
 * pilot_bytes of pilot values at once (0: QSTORE_PILOT_BYTES); NULL when out
 * of memory or more than QSTORE_MAX_LEVELS levels. `spread`: the replicates
 * are spread over MPI ranks (see qstore_summarize_ranks), and an exact store
 * holds this rank's only. */
qstore *qstore_new(size_t cells, size_t R, const double *levels, int n_levels, size_t pilot_bytes, int spread);
/* How many times the pilot is run for that store (1 when exact): what
 * qstore_pilot_passes will say, known before the store is made. */
size_t qstore_passes(size_t cells, size_t R, size_t pilot_bytes);
void qstore_free(qstore *q);   /* accepts NULL */

/* Replicates 0 .. pilot-1 must all be put before each qstore_freeze, once per
 * pass, and the rest after the last (pilot = R and one pass when exact). */
size_t qstore_pilot(const qstore *q);
int qstore_pilot_passes(const qstore *q);
/* Stores n_rows replicates: rows[i * cells ...] are the cells of replicate
 * r[i]. Thread-safe for distinct replicates. Binned counts go cell by cell
 * over the rows, so each cell's bins are fetched once per batch, not per row.
 * Returns 0. */
int qstore_put(qstore *q, const size_t *r, const double *rows, size_t n_rows);
/* Where replicate r's row of cells lives in the store, for the caller to
 * write in place of a qstore_put: when the store is exact, in double, and not
 * spread over ranks (one part, rows as they come); else NULL (use qstore_put). */
double *qstore_row(qstore *q, size_t r);
/* After each pass of the pilot: fixes the bins of this pass's cells (nothing
 * to do when exact) and, when count_pilot, counts their pilot values (exactly
 * one process must). Returns 0, or -1 when out of memory or stopped (qstore_stop_on). */
int qstore_freeze(qstore *q, int count_pilot);

/* Makes qstore_freeze stop part way and return -1 once *flag is set (by a
 * signal handler): fixing the bins of a large run takes seconds. */
void qstore_stop_on(qstore *q, volatile sig_atomic_t *flag);

/* Means (out_mean[cells]) and quantiles at `levels` (out_q[cells * n_levels],
 * cell-major) over all replicates put. Threads: OpenMP inside. */
int qstore_summarize(qstore *q, const double *levels, int n_levels, double *out_mean, double *out_q);

/* 0 when exact; else, after qstore_summarize, the largest share of replicates
 * in a bin between edges that held a quantile: a bound on the rank error. */
double qstore_rank_error(const qstore *q);
size_t qstore_bytes(const qstore *q);   /* the most memory it has held at once */

/* For campsim-mpi, with a store made `spread`: each rank puts its own
 * replicates (its dist_share block of R). The pilot values must be on every
 * rank before qstore_freeze: qstore_share_pilot sends each rank's to all,
 * after every pass. qstore_summarize_ranks is qstore_summarize over every
 * rank's replicates, called on every rank, with the results on rank 0: exact,
 * each rank summarises a block of cells; binned, rank 0 sums the counts. */
int qstore_share_pilot(qstore *q);
int qstore_summarize_ranks(qstore *q, const double *levels, int n_levels, double *out_mean, double *out_q);

#endif
