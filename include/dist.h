/* dist: replicates spread over processes. campsim-mpi (built with -DCAMPSIM_MPI)
 * gives each MPI rank a contiguous block of replicates and gathers the results on
 * rank 0, which alone writes the outputs; plain campsim is one process holding
 * every replicate, and these calls do nothing. Replicate r computes the same
 * numbers wherever it runs, and merges are exact (placed by replicate, or sums
 * of integers, or minima and maxima), so the bytes do not depend on the number
 * of ranks. */
#ifndef CAMPSIM_DIST_H
#define CAMPSIM_DIST_H
#include <stddef.h>

void dist_start(int *argc, char ***argv);
void dist_stop(void);
int dist_rank(void);                 /* 0 in plain campsim */
int dist_size(void);                 /* 1 in plain campsim */

/* The block [first, first + count) of n items (replicates, samples) of this rank;
 * dist_block, of any rank. */
void dist_share(long n, long *first, long *count);
void dist_block(long n, int rank, long *first, long *count);

/* A row-major array of `rows` rows of `row_bytes` bytes, each rank holding its
 * own block of rows (dist_share): afterwards rank 0 holds all of them. */
int dist_gather(void *buf, size_t row_bytes, long rows);
/* The same for the first `limit` rows only (each rank holding the part of its
 * block below `limit`), and afterwards every rank holds them: the pilot
 * replicates of the binned quantiles, which fall in the first ranks' blocks. */
int dist_allgather(void *buf, size_t row_bytes, long rows, long limit);

/* `rows` rows of dist_size() parts of part_bytes each, on every rank: afterwards
 * part p of row i on this rank holds what part `this rank` of row i held on
 * rank p (its own part stays), so that each rank holds every rank's values of
 * its own part, in memory it has already written. */
int dist_swap_parts(void *buf, size_t part_bytes, long rows);

enum dist_type { DIST_DOUBLE, DIST_U32, DIST_I64, DIST_FLOAT };
enum dist_op { DIST_SUM, DIST_MIN, DIST_MAX };
/* Element-wise reduction onto rank 0, in place. */
int dist_reduce(void *buf, size_t n, enum dist_type type, enum dist_op op);

/* 1 on every rank when `flag` is set on any rank. */
int dist_any(int flag);

#endif
