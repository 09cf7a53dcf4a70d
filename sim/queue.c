/* queue: cohorts by arrival day, and the ways people leave them (see queue.h). */
#include "queue.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

int queue_init(cohort_queue *q, int days)
{
    size_t len = days > 0 ? (size_t)days : 1;
    q->n = calloc(len, sizeof *q->n);
    q->cum = malloc(len * sizeof *q->cum);
    q->len = days;
    q->head = 0;
    q->total = 0;
    return q->n && q->cum ? 0 : -1;
}

void queue_free(cohort_queue *q)
{
    free(q->n);
    free(q->cum);
    q->n = q->cum = NULL;
}

void queue_reset(cohort_queue *q)
{
    memset(q->n, 0, sizeof *q->n * (size_t)q->len);
    q->head = 0;
    q->total = 0;
}

void queue_add(cohort_queue *q, int day, double people)
{
    if (people <= 0) return;
    q->n[day] += people;
    q->total += people;
    if (day < q->head) q->head = day;
}

static void advance_head(cohort_queue *q, int today)
{
    while (q->head <= today && q->head < q->len && q->n[q->head] <= 0) q->head++;
}

static void book(wait_book *b, int g, int today, int arrived, double people)
{
    if (people <= 0) return;
    b->admitted[g] += people;
    b->wait_sum[g] += people * (today - arrived);
    b->hist[today - arrived] += people;
}

/* Systematic sampling: k points u*step + j*step (step = total/k) on the line of
 * waiting people laid end to end; a cohort loses the points that fall on it.
 * Positions before x: clamp(ceil((x - offset) / step), 0, k). */
static double points_before(double x, double offset, double step, double k)
{
    double c = ceil((x - offset) / step);
    return c < 0 ? 0 : (c > k ? k : c);
}

static double block8(const double *n)
{
    return ((n[0] + n[1]) + (n[2] + n[3])) + ((n[4] + n[5]) + (n[6] + n[7]));
}

/* Sparse: few points, far apart. Skips the cohorts between them eight at a time
 * (sums of whole counts, so cum is the same exact number as one by one), then
 * walks the block that holds the next point up to it. Returns the number taken. */
static double take_sparse(cohort_queue *q, double k, double offset, double step, int last,
                          int today, int g, wait_book *b)
{
    double cum = 0, taken = 0, next = offset;
    for (int a = q->head; a <= last && taken < k; a++) {
        for (double s8; a + 8 <= last && cum + (s8 = block8(q->n + a)) <= next; a += 8) cum += s8;
        cum += q->n[a];
        while (next >= cum && a < last) cum += q->n[++a];
        if (next >= cum) break;   /* past the end of the line: see the top-up in spread */
        double n = q->n[a];
        /* Usually one point falls here: step past it, and divide only when the
         * next one falls here too (the division was the pass's critical path). */
        double r = 1;
        next = offset + (taken + 1) * step;
        if (next < cum) {
            r = points_before(cum, offset, step, k) - taken;
            if (r < 1) r = 1;   /* rounding: the position test said two or more */
        }
        if (r > n) r = n;   /* cannot happen with step >= 1; guards rounding */
        taken += r;
        next = offset + taken * step;
        if (b) book(b, g, today, a, r);
        q->n[a] -= r;
    }
    return taken;
}

/* Dense: many points. Each cohort takes the points before its end less those
 * before its start, in three branch-free passes that the compiler turns into
 * vector code: prefix sums, then the points before each cohort's end, then the
 * differences. So the pass costs the same for one point a cohort or thousands
 * (about 2.4 ns a cohort on the machine measured, against 4.8 ns for one loop
 * that did all three with integer conversions). Needs whole counts (stochastic
 * mode), so that sums in any order are the same exact numbers, and k < 2^51,
 * where adding 1.5 * 2^52 rounds to whole numbers. Returns the number taken. */
#define DENSE_MAX 0x1p51
typedef double pair __attribute__((vector_size(16)));   /* GCC and Clang, any target */
typedef long long pair_mask __attribute__((vector_size(16)));

static double take_dense(cohort_queue *q, double k, double offset, double step, int last,
                         int today, int g, wait_book *b)
{
    double *restrict n = q->n + q->head, *restrict c = q->cum;
    int m = last - q->head + 1, i = 0;
    double carry = 0;
    for (; i + 4 <= m; i += 4) {   /* four sums apart from the carry, which then waits on one add, not four */
        double s1 = n[i], s2 = s1 + n[i + 1], s3 = s2 + n[i + 2], s4 = s3 + n[i + 3];
        c[i] = carry + s1, c[i + 1] = carry + s2, c[i + 2] = carry + s3, c[i + 3] = carry + s4;
        carry += s4;
    }
    for (; i < m; i++) c[i] = carry += n[i];
    /* Points before x: ceil((x - offset) / step), clamped to [0, k]. Rounding
     * to a whole number by adding and taking away 1.5 * 2^52, then up if below. */
    const double per = 1 / step, magic = 0x1.8p52;
    const pair o2 = {offset, offset}, p2 = {per, per}, k2 = {k, k}, m2 = {magic, magic}, one = {1, 1}, zero = {0, 0};
    for (i = 0; i + 2 <= m; i += 2) {
        pair y;
        memcpy(&y, c + i, sizeof y);   /* an unaligned load, without breaking aliasing rules */
        y = (y - o2) * p2;
        pair_mask below = y < k2;
        y = (pair)(((pair_mask)y & below & (y > zero)) | ((pair_mask)k2 & ~below));
        pair t = (y + m2) - m2;
        t += (pair)((pair_mask)one & (t < y));
        memcpy(c + i, &t, sizeof t);
    }
    for (; i < m; i++) {
        double y = (c[i] - offset) * per;
        y = y < 0 ? 0 : (y < k ? y : k);
        double t = (y + magic) - magic;
        c[i] = t < y ? t + 1 : t;
    }
    double taken = 0, r = c[0] < n[0] ? c[0] : n[0];   /* min: a guard against rounding */
    if (b) {
        book(b, g, today, q->head, r);
        n[0] -= r;
        taken = r;
        for (i = 1; i < m; i++) {
            r = c[i] - c[i - 1] < n[i] ? c[i] - c[i - 1] : n[i];
            book(b, g, today, q->head + i, r);
            n[i] -= r;
            taken += r;
        }
        return taken;
    }
    n[0] -= r;
    taken = r;
#pragma omp simd reduction(+ : taken)
    for (i = 1; i < m; i++) {
        double d = c[i] - c[i - 1], ri = d < n[i] ? d : n[i];
        n[i] -= ri;
        taken += ri;
    }
    return taken;
}

/* Removes k from q, each person equally likely; books them when b is given. */
static void spread(cohort_queue *q, double k, const draws *d, int today, int g, wait_book *b)
{
    if (k <= 0 || q->total <= 0) return;
    if (k >= q->total) k = q->total;
    int last = today < q->len - 1 ? today : q->len - 1;
    if (!d->rng) {
        double f = k / q->total;
        for (int a = q->head; a <= last; a++) {
            double r = q->n[a] * f;
            if (b) book(b, g, today, a, r);
            q->n[a] -= r;
        }
        q->total -= k;
        return;
    }
    double step = q->total / k, offset = draw_uniform(d) * step;
    /* Both passes place the same points (up to rounding at their edges); they
     * differ in cost. A point costs the sparse walk about ten times what a
     * cohort costs the dense pass (measured on the lines of the reference
     * scenario at 10 times its people: tests/bench.sh). */
    double removed = 10 * k < last - q->head + 1 || k >= DENSE_MAX
        ? take_sparse(q, k, offset, step, last, today, g, b)
        : take_dense(q, k, offset, step, last, today, g, b);
    /* Rounding can leave the last point at or past the end of the line (an
     * offset within an ulp of step, 1 in 2^32 draws): the last in line take it,
     * so that exactly k leave. */
    for (int a = last; removed < k && a >= q->head; a--) {
        double r = q->n[a] < k - removed ? q->n[a] : k - removed;
        if (r <= 0) continue;
        if (b) book(b, g, today, a, r);
        q->n[a] -= r;
        removed += r;
    }
    q->total -= removed;
    advance_head(q, today);
}

void queue_split(const double *counts, int n, double k, const draws *d, double *out)
{
    double total = 0;
    for (int i = 0; i < n; i++) total += counts[i];
    if (k >= total) { for (int i = 0; i < n; i++) out[i] = counts[i]; return; }
    if (k <= 0 || total <= 0) { for (int i = 0; i < n; i++) out[i] = 0; return; }
    if (!d->rng) { for (int i = 0; i < n; i++) out[i] = k * counts[i] / total; return; }
    double step = total / k, offset = draw_uniform(d) * step, cum = 0, before = 0, taken = 0;
    for (int i = 0; i < n; i++) {
        cum += counts[i];
        double upto = points_before(cum, offset, step, k);
        out[i] = upto - before < counts[i] ? upto - before : counts[i];
        before = upto;
        taken += out[i];
    }
    for (int i = n - 1; taken < k && i >= 0; i--) {   /* a point rounded off the end (see spread) */
        double r = counts[i] - out[i] < k - taken ? counts[i] - out[i] : k - taken;
        out[i] += r;
        taken += r;
    }
}

void queue_remove_spread(cohort_queue *q, double k, const draws *d, int today)
{
    spread(q, k, d, today, 0, NULL);
}

double queue_admit_random(cohort_queue *q, int g, double k, const draws *d, int today, wait_book *b)
{
    if (k > q->total) k = q->total;
    spread(q, k, d, today, g, b);
    return k;
}

double queue_admit_group(cohort_queue *q, int g, double k, int today, const draws *d, wait_book *b)
{
    (void)d;
    double taken = 0;
    for (int a = q->head; a <= today && a < q->len && taken < k; a++) {
        double r = q->n[a] < k - taken ? q->n[a] : k - taken;
        book(b, g, today, a, r);
        q->n[a] -= r;
        q->total -= r;
        taken += r;
    }
    advance_head(q, today);
    return taken;
}

double queue_admit_fifo(cohort_queue *qs, int G, double k, const draws *d, int today, wait_book *b)
{
    int head = today + 1;
    for (int g = 0; g < G; g++)
        if (qs[g].total > 0 && qs[g].head < head) head = qs[g].head;
    double taken = 0;
    for (int a = head; a <= today && a < qs[0].len && taken < k; a++) {
        double day_total = 0;
        for (int g = 0; g < G; g++) day_total += qs[g].n[a];
        if (day_total <= 0) continue;
        double want = k - taken;
        if (day_total <= want) {
            for (int g = 0; g < G; g++) {
                book(b, g, today, a, qs[g].n[a]);
                qs[g].total -= qs[g].n[a];
                qs[g].n[a] = 0;
            }
            taken += day_total;
            continue;
        }
        /* A partial day: who of that day's arrivals goes first is random; each of
         * them has the same chance (systematic sampling across the groups). */
        double share[QUEUE_MAX_GROUPS], counts[QUEUE_MAX_GROUPS];
        for (int g = 0; g < G; g++) counts[g] = qs[g].n[a];
        queue_split(counts, G, want, d, share);
        for (int g = 0; g < G; g++) {
            book(b, g, today, a, share[g]);
            qs[g].n[a] -= share[g];
            qs[g].total -= share[g];
        }
        taken += want;
    }
    for (int g = 0; g < G; g++) advance_head(&qs[g], today);
    return taken;
}
