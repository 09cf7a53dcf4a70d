/* admission: how many of the stranded are admitted each day, from which sites,
 * and in what order (SPEC section 1, admission policies). */
#ifndef CAMPSIM_ADMISSION_H
#define CAMPSIM_ADMISSION_H
#include "config.h"
#include "draws.h"
#include "queue.h"

/* What the policy sees on one day. */
typedef struct {
    int closed;                    /* a closure covers today */
    int policy;                    /* today's policy (policy_changes in) */
    int camp_limit;                /* held to camp_room - reserve whatever the policy */
    double quota, reserve, fraction;
    double waiting;                /* stranded, all sites */
    double screening_free;         /* places left in screening */
    double camp_room;              /* free places of the receiving camps together - screening (routing.h) */
} admission_day;

/* The limit that set a day's admissions (series.csv's bound_* columns). */
enum admission_bound {
    BOUND_NONE,        /* nothing bound: everyone waiting was admitted */
    BOUND_QUOTA,       /* the quota, or the policy's own amount (proportional's share) */
    BOUND_SCREENING,   /* free places in screening */
    BOUND_CAMP,        /* free places in the receiving camps (less the reserve): capacity, camp_limit */
    BOUND_CLOSURE,     /* a closure, or the closed policy */
    BOUND_NOBODY,      /* nobody waiting */
    N_BOUNDS
};

/* The number to admit today in all, before the split among sites. In stochastic
 * mode the result is whole: fractional quotas are carried to the next day in
 * *carry, and `proportional` is a binomial draw. *bound receives the limit that
 * set it (admission.c says how ties are broken). */
double admission_total(const admission_day *day, const draws *d, double *carry,
                       int *bound);

/* Splits `total` among the sites (site_weight, or in proportion to who waits),
 * never more than waits at a site, and admits them in `order` (today's).
 * qs: [sites * groups] queues, site-major. Returns the number admitted. */
double admission_admit(const admission_cfg *a, int order, const group_cfg *groups, int G, int S,
                       cohort_queue *qs, double total, const draws *d, int today, wait_book *book,
                       double *scratch /* [5 * S] */);

#endif
