/* queue: cohorts by arrival day, and the ways people leave them (see queue.h).
 *
 * Deaths and departures take every waiting person with the same chance, so they
 * thin every cohort by the same factor: the queue keeps cohort a's expected
 * count as n[a] * scale, and a day's removals change scale alone, whatever the
 * number of people or cohorts. Whole people are drawn where they are needed,
 * when admission reaches a cohort: laid end to end, the cohorts' expected counts
 * make a line of `total` people (whole in stochastic mode); its cohort
 * boundaries are rounded by one uniform offset u, floor(E + u) for a boundary E
 * people from the start (systematic rounding), so each cohort gives the floor or
 * the ceiling of its expectation, each with the chance that makes its mean
 * exact, and the line as a whole gives exactly `total`. */
#include "queue.h"
#include "hypergeom.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

int queue_init(cohort_queue *q, int days)
{
    size_t len = days > 0 ? (size_t)days : 1;
    q->n = calloc(len, sizeof *q->n);
    q->work = malloc(3 * len * sizeof *q->work);
    q->len = days;
    if (!q->n || !q->work) return -1;
    queue_reset(q);
    return 0;
}

void queue_free(cohort_queue *q)
{
    free(q->n);
    free(q->work);
    q->n = q->work = NULL;
}

void queue_reset(cohort_queue *q)
{
    if (q->n) memset(q->n, 0, sizeof *q->n * (size_t)q->len);
    q->head = 0;
    q->total = 0;
    q->scale = 1;
    q->lead = 0;
}

void queue_add(cohort_queue *q, int day, double people)
{
    if (people <= 0) return;
    q->n[day] += people / q->scale;
    q->total += people;
    if (day < q->head) q->head = day;
}

void queue_thin(cohort_queue *q, double k)
{
    if (k <= 0 || q->total <= 0) return;
    if (k >= q->total) {
        queue_reset(q);
        return;
    }
    double f = (q->total - k) / q->total;
    q->scale *= f;
    q->lead *= f;
    q->total -= k;
    if (q->scale < 0x1p-500) {   /* fold the factor in long before it could underflow */
        for (int a = q->head; a < q->len; a++) q->n[a] *= q->scale;
        q->scale = 1;
    }
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

/* A walk along the line from its head, cohort by cohort, giving each one's whole
 * people. E: the expected people up to the end of the cohort walked, from the
 * line's lead; B0 and B: the whole people before it and up to its end. B is
 * floor(E + u), kept within [B0, total], and total at the last cohort, so that
 * rounding errors in E can neither lose nor make a person. Deterministic: B = E. */
typedef struct {
    cohort_queue *q;
    double u, E, B0, B;
    double taken;   /* whole people taken from the start of the line */
    int a, last;    /* the cohort walked (head - 1 before the first step), the last that can hold people */
} walk;

static void walk_start(walk *w, cohort_queue *q, const draws *d, int today)
{
    w->q = q;
    w->u = d->rng ? draw_uniform(d) : -1;
    w->E = q->lead;
    w->B0 = w->B = w->taken = 0;
    w->a = q->head - 1;
    w->last = today < q->len - 1 ? today : q->len - 1;
}

/* Steps to the next cohort (w->a < w->last) and returns its whole people. */
static double walk_next(walk *w)
{
    const cohort_queue *q = w->q;
    w->a++;
    w->E += q->n[w->a] * q->scale;
    w->B0 = w->B;
    double B = w->a == w->last ? q->total : w->u < 0 ? w->E : floor(w->E + w->u);
    w->B = B < w->B0 ? w->B0 : (B > q->total ? q->total : B);
    return w->B - w->B0;
}

/* Removes the people taken. The cohorts walked past are gone; a cohort left
 * part-taken keeps the rest of its expectation, E - taken (at least 1 - u, as
 * taken <= B - 1); a walk that ends at a cohort's end leaves the rounding's
 * residue E - B, in (-1, 1), as the lead of the line, so that the expected
 * counts still add up to the people waiting. */
static void walk_finish(walk *w, int today)
{
    cohort_queue *q = w->q;
    if (w->a < q->head) return;   /* nothing walked */
    if (w->taken < w->B) {
        for (int a = q->head; a < w->a; a++) q->n[a] = 0;
        q->n[w->a] = (w->E - w->taken) / q->scale;
        q->lead = 0;
    } else {
        for (int a = q->head; a <= w->a; a++) q->n[a] = 0;
        q->lead = w->a == w->last ? 0 : w->E - w->B;
    }
    q->total -= w->taken;
    advance_head(q, today);
}

/* One draw of the day's total, k ~ Bin(total, W / total) with W = sum of x_a
 * h_a (x_a: cohort a's expected people, h_a the chance of its wait): its mean is
 * exactly the sum of the cohorts' binomials; its variance exceeds theirs by
 * sum x_a (h_a - W/total)^2, 0.02-0.13% of it for the patience of the
 * reference's behaviour config (docs/model.md). The k are then taken
 * from the cohorts in expectation, as queue_thin does for deaths: cohort a loses
 * k x_a h_a / W, its expected share given k, so that the whole people of a
 * cohort are drawn only when admission reaches it, and the cost is two passes
 * over the cohorts without a draw each. A cohort whose share would exceed its
 * people (k h_a >= W, only for chances near 1) loses them all and the rest
 * share what is left; the lead (a rounding residue) is left as it is. */
double queue_thin_by_wait(cohort_queue *q, const double *chance, int today, const draws *d)
{
    if (q->total <= 0) return 0;
    int last = today < q->len - 1 ? today : q->len - 1;
    double W = 0, h_max = 0;
    for (int a = q->head; a <= last; a++) {
        double h = chance[today - a];
        W += q->n[a] * h;
        if (q->n[a] > 0 && h > h_max) h_max = h;
    }
    W *= q->scale;
    double k = draw_binomial(d, q->total, W / q->total > 1 ? 1 : W / q->total);
    if (k <= 0) return 0;
    if (k >= q->total) {
        queue_reset(q);
        return k;
    }
    unsigned char *all = (unsigned char *)q->work;   /* [len]: cohorts that lose everyone */
    memset(all, 0, (size_t)(last + 1));
    double left = k, weight = W;
    for (int more = k * h_max >= W; more;) {   /* most days no cohort can be overdrawn */
        more = 0;
        for (int a = q->head; a <= last; a++)
            if (!all[a] && q->n[a] > 0 && left * chance[today - a] >= weight) {
                all[a] = 1;
                left -= q->n[a] * q->scale;
                weight -= q->n[a] * q->scale * chance[today - a];
                more = 1;
            }
    }
    /* Nobody with a chance left to take the rest (weight 0): fewer are removed. */
    double taken = weight > 0 ? k : k - left;
    for (int a = q->head; a <= last; a++)
        q->n[a] = all[a] ? 0 : weight > 0 ? q->n[a] * (1 - left * chance[today - a] / weight) : q->n[a];
    q->total -= taken;
    advance_head(q, today);
    return taken;
}

/* Sequential conditional hypergeometrics: cell i's share is a hypergeometric
 * draw of what is still to choose from what is still left, cell i against the
 * cells after it; the last cell with people takes the rest. The draws stop once
 * all k are chosen, or once everyone left must be (each O(1), hypergeom.h). */
void queue_split(const double *counts, int n, double k, const draws *d, double *out)
{
    double total = 0;
    for (int i = 0; i < n; i++) total += counts[i];
    if (k >= total) { for (int i = 0; i < n; i++) out[i] = counts[i]; return; }
    if (k <= 0 || total <= 0) { for (int i = 0; i < n; i++) out[i] = 0; return; }
    if (!d->rng) { for (int i = 0; i < n; i++) out[i] = k * counts[i] / total; return; }
    double left = total, want = k;
    for (int i = 0; i < n; i++) {
        double c = counts[i] > 0 ? counts[i] : 0;
        left -= c;
        out[i] = want <= 0 ? 0 : left <= 0 ? want : hypergeom_draw(d->rng, c, left, want);
        want -= out[i];
    }
}

double queue_admit_group(cohort_queue *q, int g, double k, int today, const draws *d, wait_book *b)
{
    if (k <= 0 || q->total <= 0) return 0;
    walk w;
    walk_start(&w, q, d, today);
    while (w.taken < k && w.a < w.last) {
        double x = walk_next(&w), r = x < k - w.taken ? x : k - w.taken;
        book(b, g, today, w.a, r);
        w.taken += r;
    }
    walk_finish(&w, today);
    return w.taken;
}

double queue_admit_fifo(cohort_queue *qs, int G, double k, const draws *d, int today, wait_book *b)
{
    walk w[QUEUE_MAX_GROUPS];
    int head = today + 1;
    for (int g = 0; g < G; g++)
        if (qs[g].total > 0) {
            walk_start(&w[g], &qs[g], d, today);
            if (qs[g].head < head) head = qs[g].head;
        }
    double taken = 0;
    for (int a = head; a <= today && a < qs[0].len && taken < k; a++) {
        /* Everyone who arrived on day a, in every group: all of them, or, when
         * fewer places are left, a simple random sample of them (a multivariate
         * hypergeometric split across the groups). */
        double x[QUEUE_MAX_GROUPS], share[QUEUE_MAX_GROUPS], day_total = 0;
        for (int g = 0; g < G; g++) {
            x[g] = qs[g].total > 0 && a >= qs[g].head ? walk_next(&w[g]) : 0;
            day_total += x[g];
        }
        if (day_total <= 0) continue;
        double want = k - taken;
        if (day_total <= want) for (int g = 0; g < G; g++) share[g] = x[g];
        else queue_split(x, G, want, d, share);
        for (int g = 0; g < G; g++)
            if (qs[g].total > 0) {   /* the groups with a walk */
                book(b, g, today, a, share[g]);
                w[g].taken += share[g];
            }
        taken += day_total <= want ? day_total : want;
    }
    for (int g = 0; g < G; g++)
        if (qs[g].total > 0) walk_finish(&w[g], today);
    return taken;
}

/* A simple random sample of k of the people 0 .. L-1, sorted into pos: each
 * draw is made again while it is one already drawn, so every ordered k-tuple of
 * distinct people is equally likely, and so every k-set. Kept sorted by
 * insertion; the caller keeps k small (RANDOM_DRAWS). */
static void sample_people(const gsl_rng *r, double L, int k, double *pos)
{
    for (int n = 0; n < k;) {
        double x = (double)gsl_rng_uniform_int(r, (unsigned long)L);
        int lo = 0, hi = n;
        while (lo < hi) {
            int mid = (lo + hi) / 2;
            if (pos[mid] < x) lo = mid + 1; else hi = mid;
        }
        if (lo < n && pos[lo] == x) continue;
        memmove(pos + lo + 1, pos + lo, sizeof *pos * (size_t)(n - lo));
        pos[lo] = x;
        n++;
    }
}

/* Random admission draws its k people one by one when k is at most this and at
 * most half the people waiting (so fewer than 1.4 k draws are needed), and the
 * line is short enough for gsl_rng_uniform_int (taus2 gives 32 bits): cheaper
 * than one hypergeometric draw per cohort (about 30 ns a person against 150 a
 * cohort) and the insertions stay small. Otherwise queue_split. */
#define RANDOM_DRAWS 256

double queue_admit_random(cohort_queue *q, int g, double k, const draws *d, int today, wait_book *b)
{
    if (k > q->total) k = q->total;
    if (k <= 0) return 0;
    /* The whole line in whole people, then k of them, each equally likely. */
    double *count = q->work, *take = q->work + q->len;
    walk w;
    walk_start(&w, q, d, today);
    int first = q->head, m = 0;
    while (w.a < w.last) count[m++] = walk_next(&w);
    if (d->rng && k <= RANDOM_DRAWS && 2 * k <= q->total && q->total <= (double)gsl_rng_max(d->rng)) {
        double *pos = q->work + 2 * q->len, end = 0;
        sample_people(d->rng, q->total, (int)k, pos);
        for (int i = 0, j = 0; i < m; i++) {   /* the people drawn in each cohort */
            double from = j;
            end += count[i];
            while (j < k && pos[j] < end) j++;
            take[i] = j - from;
        }
    } else {
        queue_split(count, m, k, d, take);
    }
    for (int i = 0; i < m; i++) {
        book(b, g, today, first + i, take[i]);
        q->n[first + i] = count[i] - take[i];
    }
    q->scale = 1;
    q->lead = 0;
    q->total -= k;
    advance_head(q, today);
    return k;
}
