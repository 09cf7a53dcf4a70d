/* dist: replicates over MPI ranks (see dist.h). */
#include "dist.h"
#include <stdlib.h>
#ifdef CAMPSIM_MPI
#include <mpi.h>
#include <limits.h>

void dist_start(int *argc, char ***argv) { MPI_Init(argc, argv); }
void dist_stop(void) { MPI_Finalize(); }
int dist_rank(void) { int r; MPI_Comm_rank(MPI_COMM_WORLD, &r); return r; }
int dist_size(void) { int n; MPI_Comm_size(MPI_COMM_WORLD, &n); return n; }

static void block(long R, int rank, int size, long *first, long *count)
{
    long base = R / size, extra = R % size;
    *first = rank * base + (rank < extra ? rank : extra);
    *count = base + (rank < extra);
}

void dist_share(long R, long *first, long *count) { block(R, dist_rank(), dist_size(), first, count); }

int dist_gather_rows(double *buf, size_t row, long rows)
{
    int size = dist_size(), rank = dist_rank();
    if (size == 1) return 0;
    /* Element counts of MPI are ints: send in chunks of whole rows. */
    for (int r = 1; r < size; r++) {
        long first, count;
        block(rows, r, size, &first, &count);
        size_t n = (size_t)count * row, off = (size_t)first * row;
        size_t step = (size_t)(INT_MAX / 2);
        for (size_t done = 0; done < n; done += step) {
            int len = (int)(n - done < step ? n - done : step);
            if (rank == r) MPI_Send(buf + off + done, len, MPI_DOUBLE, 0, 1, MPI_COMM_WORLD);
            else if (rank == 0) MPI_Recv(buf + off + done, len, MPI_DOUBLE, r, 1, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        }
    }
    return 0;
}

int dist_sum(double *buf, size_t n)
{
    if (dist_size() == 1) return 0;
    size_t step = (size_t)(INT_MAX / 2);
    for (size_t done = 0; done < n; done += step) {
        int len = (int)(n - done < step ? n - done : step);
        if (dist_rank() == 0) MPI_Reduce(MPI_IN_PLACE, buf + done, len, MPI_DOUBLE, MPI_SUM, 0, MPI_COMM_WORLD);
        else MPI_Reduce(buf + done, NULL, len, MPI_DOUBLE, MPI_SUM, 0, MPI_COMM_WORLD);
    }
    return 0;
}

int dist_any(int flag)
{
    int any = 0;
    MPI_Allreduce(&flag, &any, 1, MPI_INT, MPI_LOR, MPI_COMM_WORLD);
    return any;
}
#else
void dist_start(int *argc, char ***argv) { (void)argc; (void)argv; }
void dist_stop(void) {}
int dist_rank(void) { return 0; }
int dist_size(void) { return 1; }
void dist_share(long R, long *first, long *count) { *first = 0; *count = R; }
int dist_gather_rows(double *buf, size_t row, long rows) { (void)buf; (void)row; (void)rows; return 0; }
int dist_sum(double *buf, size_t n) { (void)buf; (void)n; return 0; }
int dist_any(int flag) { return flag; }
#endif
