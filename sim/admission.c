/* admission: the policies of SPEC section 1 (see admission.h). */
#include "admission.h"
#include <limits.h>
#include <math.h>

static double whole(double x, const draws *d, double *carry)
{
    /* Stochastic mode admits whole people; the fractional part of a quota is
     * carried forward, so 75.5 a day admits 151 every two days. */
    if (!d->rng) return x;
    double w = floor(x + *carry + 1e-9);
    *carry = x + *carry - w;
    return w;
}

/* The bound is the limit that set the number: a closure first, then nobody
 * waiting; otherwise the policy's own amount (the quota, proportional's share,
 * screening's or capacity's free places), replaced by a later limit (capacity's
 * quota cap, camp room under camp_limit, screening room) only when that is
 * strictly smaller, so ties go to the earlier one. When the amount is at least the people waiting, everyone
 * waiting is admitted and nothing bound. */
double admission_total(const admission_day *day, const draws *d, double *carry,
                       int *bound)
{
    if (day->closed || day->policy == POLICY_CLOSED) { *bound = BOUND_CLOSURE; return 0; }
    double n;
    int k;
    switch (day->policy) {
    case POLICY_QUOTA: n = whole(day->quota, d, carry); k = BOUND_QUOTA; break;
    case POLICY_SCREENING: n = day->screening_free; k = BOUND_SCREENING; break;
    case POLICY_CAPACITY:
        n = floor(day->camp_room - day->reserve);
        if (!d->rng) n = day->camp_room - day->reserve;
        k = BOUND_CAMP;
        if (day->quota > 0) {
            double q = whole(day->quota, d, carry);
            if (q < n) { n = q; k = BOUND_QUOTA; }
        }
        break;
    case POLICY_PROPORTIONAL: n = draw_binomial(d, day->waiting, day->fraction); k = BOUND_QUOTA; break;
    default: n = day->waiting; k = BOUND_NONE; break;   /* open */
    }
    if (day->camp_limit && day->policy != POLICY_CAPACITY) {
        double room = d->rng ? floor(day->camp_room - day->reserve) : day->camp_room - day->reserve;
        if (room < n) { n = room; k = BOUND_CAMP; }
    }
    if (n > day->screening_free) { n = d->rng ? floor(day->screening_free) : day->screening_free; k = BOUND_SCREENING; }
    if (n >= day->waiting) { n = day->waiting; k = BOUND_NONE; }
    *bound = day->waiting > 0 ? k : BOUND_NOBODY;
    return n > 0 ? n : 0;
}

/* Splits `total` over sites by weight, capped by who waits there; what a full
 * site cannot take goes to the others. Whole numbers in stochastic mode
 * (largest remainders, ties to the first site). */
static void split_sites(const admission_cfg *a, int S, const double *waiting, double total, int stochastic,
                        double *give, double *room, double *share, double *x)
{
    for (int s = 0; s < S; s++) { give[s] = 0; room[s] = waiting[s]; }
    double left = total;
    for (int round = 0; round <= S && left > 1e-12; round++) {
        double W = 0;
        for (int s = 0; s < S; s++)
            if (room[s] > 0) W += a->site_weight ? a->site_weight[s] : room[s];
        if (W <= 0) break;
        double placed = 0, base_left = left;
        if (!stochastic) {
            for (int s = 0; s < S; s++) {
                if (room[s] <= 0) continue;
                double w = a->site_weight ? a->site_weight[s] : room[s];
                double x = base_left * (w / W);   /* w / W first: one site gets exactly all */
                if (x > room[s]) x = room[s];
                give[s] += x; room[s] -= x; placed += x;
            }
        } else {
            double frac_best;
            double assigned = 0;
            int n = S;
            for (int s = 0; s < n; s++) {
                double w = room[s] > 0 ? (a->site_weight ? a->site_weight[s] : room[s]) : 0;
                share[s] = base_left * (w / W);
                double f = floor(share[s]);
                assigned += f;
            }
            double rest = base_left - assigned;
            for (int s = 0; s < n; s++) x[s] = floor(share[s]);
            while (rest > 0.5) {   /* largest remainder gets the next person */
                int best = -1;
                frac_best = -1;
                for (int s = 0; s < n; s++) {
                    double f = share[s] - x[s];
                    if (room[s] > x[s] && f > frac_best) { frac_best = f; best = s; }
                }
                if (best < 0) break;
                x[best] += 1;
                share[best] = x[best];   /* no second remainder for this site */
                rest -= 1;
            }
            for (int s = 0; s < n; s++) {
                double y = x[s] < room[s] ? x[s] : room[s];
                give[s] += y; room[s] -= y; placed += y;
            }
        }
        left -= placed;
        if (placed <= 0) break;
    }
}

double admission_admit(const admission_cfg *a, int order, const group_cfg *groups, int G, int S,
                       cohort_queue *qs, double total, const draws *d, int today, wait_book *book,
                       double *scratch)
{
    if (total <= 0) return 0;
    double *waiting = scratch, *give = scratch + S, *room = scratch + 2 * S;
    double *share = scratch + 3 * S, *x = scratch + 4 * S;
    for (int s = 0; s < S; s++) {
        waiting[s] = 0;
        for (int g = 0; g < G; g++) waiting[s] += qs[s * G + g].total;
    }
    split_sites(a, S, waiting, total, d->rng != NULL, give, room, share, x);
    double admitted = 0;
    for (int s = 0; s < S; s++) {
        cohort_queue *q = &qs[s * G];
        double k = give[s];
        if (k <= 0) continue;
        if (a->reserved) {
            /* Each group's reserved places, longest wait first: its share of k,
             * rounded along the line of the shares by one uniform offset (each a
             * floor or ceiling with the right mean, together never more than k).
             * What a group leaves unused goes to everyone, by the order below. */
            double u = d->rng ? draw_uniform(d) : 0, cum = 0, prev = 0;
            for (int g = 0; g < G; g++) {
                cum += a->reserved[g] * k;
                double upto = d->rng ? floor(cum + u) : cum, r = upto - prev;
                prev = upto;
                if (r > k) r = k;   /* shares that sum to 1 within the tolerance */
                if (r <= 0) continue;
                double t = queue_admit_group(&q[g], g, r, today, d, book);
                k -= t;
                admitted += t;
            }
            if (k <= 0) continue;
        }
        switch (order) {
        case ORDER_VULNERABLE_FIRST: {
            /* Groups by priority, lower first (equal priorities in list order),
             * each longest wait first. */
            long prev = LONG_MIN;
            for (;;) {
                long p = LONG_MAX;
                for (int g = 0; g < G; g++)
                    if (groups[g].priority > prev && groups[g].priority < p) p = groups[g].priority;
                if (p == LONG_MAX || k <= 0) break;
                for (int g = 0; g < G && k > 0; g++)
                    if (groups[g].priority == p) {
                        double t = queue_admit_group(&q[g], g, k, today, d, book);
                        k -= t;
                        admitted += t;
                    }
                prev = p;
            }
            break;
        }
        case ORDER_RANDOM: {
            /* Who is admitted is a random sample of everyone waiting here: the
             * groups' shares first (queue_split), then within each group. */
            double counts[QUEUE_MAX_GROUPS], share[QUEUE_MAX_GROUPS];
            for (int g = 0; g < G; g++) counts[g] = q[g].total;
            queue_split(counts, G, k, d, share);
            for (int g = 0; g < G; g++) admitted += queue_admit_random(&q[g], g, share[g], d, today, book);
            break;
        }
        default:
            admitted += queue_admit_fifo(q, G, k, d, today, book);
        }
    }
    return admitted;
}
