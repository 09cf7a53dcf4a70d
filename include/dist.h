/* dist: replicates spread over processes. campsim-mpi (built with -DCAMPSIM_MPI)
 * gives each MPI rank a contiguous block of replicates and gathers the results on
 * rank 0, which alone writes the outputs; plain campsim is one process holding
 * every replicate, and these calls do nothing. Replicate r computes the same
 * numbers wherever it runs, and merges are exact (placed by replicate, or sums
 * of whole numbers), so the bytes do not depend on the number of ranks. */
#ifndef CAMPSIM_DIST_H
#define CAMPSIM_DIST_H
#include <stddef.h>

void dist_start(int *argc, char ***argv);
void dist_stop(void);
int dist_rank(void);                 /* 0 in plain campsim */
int dist_size(void);                 /* 1 in plain campsim */

/* The block of replicates [first, first + count) of this rank. */
void dist_share(long R, long *first, long *count);

/* Rank r holds rows [first_r, first_r + count_r) of a replicate-major array
 * (row doubles each, `rows` in all); afterwards rank 0 holds all of them. */
int dist_gather_rows(double *buf, size_t row, long rows);

/* Element-wise sum onto rank 0 (in place). Exact for whole numbers < 2^53. */
int dist_sum(double *buf, size_t n);

/* 1 on every rank when `flag` is set on any rank. */
int dist_any(int flag);

#endif
