/* queue: the people waiting at one border site in one group, kept by arrival day,
 * so that the wait of everyone admitted is known exactly (days from arrival to
 * admission), without following persons. */
#ifndef CAMPSIM_QUEUE_H
#define CAMPSIM_QUEUE_H
#include "draws.h"

typedef struct {
    double *n;          /* n[a] * scale: the expected people who arrived on day a and still wait */
    double scale;       /* what deaths and departures have left of each cohort (queue.c) */
    double lead;        /* expected people ahead of the first cohort: a rounding residue, in (-1, 1) */
    double *work;       /* [3 len]: room for random admission */
    int head;           /* n[a] == 0 for every a < head */
    int len;            /* days the queue can hold */
    double total;       /* people waiting: whole in stochastic mode */
} cohort_queue;

/* Where admissions are booked: per group, and the wait of each admitted person. */
typedef struct {
    double *admitted;   /* [groups] today */
    double *wait_sum;   /* [groups] today, days */
    double *hist;       /* [days]: people admitted after waiting w days, whole run */
} wait_book;

#define QUEUE_MAX_GROUPS 16   /* groups a scenario may have (checked when loading) */

int queue_init(cohort_queue *q, int days);   /* 0, or -1 when out of memory */
void queue_free(cohort_queue *q);
void queue_reset(cohort_queue *q);

/* Chooses k of the people in n cells (counts), a simple random sample: each set
 * of k people equally likely, so the cells' shares are multivariate
 * hypergeometric (sequential conditional draws, each O(1) whatever the counts);
 * proportional in deterministic mode. out[i] receives the number chosen. */
void queue_split(const double *counts, int n, double k, const draws *d, double *out);
void queue_add(cohort_queue *q, int day, double people);

/* Removes k people (k <= q->total), each waiting person with the same chance:
 * every cohort keeps the same share of its people in expectation, and the whole
 * people of a cohort are drawn only when admission reaches it (queue.c). The
 * cost is the same whatever k and however many cohorts wait. */
void queue_thin(cohort_queue *q, double k);

/* Removes the people who leave with the chance chance[today - a] of their wait
 * (a: their arrival day): a whole number in stochastic mode, drawn for the
 * whole queue, each cohort losing its expected share of it (queue.c). Returns
 * how many. O(cohorts) arithmetic and one draw, whatever the number of people. */
double queue_thin_by_wait(cohort_queue *q, const double *chance, int today, const draws *d);

/* Admits up to k people from the G queues of one site, longest wait first across
 * groups; within a partly admitted arrival day everyone has the same chance
 * (queue_split). Books them in `book`. Returns the
 * number admitted. */
double queue_admit_fifo(cohort_queue *qs, int G, double k, const draws *d, int today, wait_book *book);

/* Admits up to k people from the queue of group g only, longest wait first. */
double queue_admit_group(cohort_queue *q, int g, double k, int today, const draws *d, wait_book *book);

/* Admits k people from one queue, each waiting person equally likely (random order). */
double queue_admit_random(cohort_queue *q, int g, double k, const draws *d, int today, wait_book *book);

#endif
