/* journey: durations in whole days (journeys to the border, vetting) as
 * day-bucket calendars, and the routes that pool origins which travel alike.
 * A day's travellers are spread over their arrival days with one multinomial
 * draw (conditional binomials), never one timer per person. */
#ifndef CAMPSIM_JOURNEY_H
#define CAMPSIM_JOURNEY_H
#include "config.h"
#include "draws.h"

typedef struct {     /* a duration in whole days: P(k days), k = first .. len-1 */
    double *p;
    double *cond;    /* P(k days | at least k days): the conditional binomials of a multinomial */
    double *log_q;   /* log(1 - cond[k]), so that their inversions take q^n as one exp */
    int first, len;
} delay;

/* Origins whose travellers are pooled (see plan_routes). Today's travellers take
 * a journey time from the mix of the members' journeys, weighted by their rates
 * today; the mix is rebuilt only when those weights change (a new regime). */
typedef struct {
    const origin_cfg *rep;   /* a member: loss, dispersion and sites are the route's */
    int n;                   /* members */
    const delay **member;    /* [n]: each member's journey (in the sim's journeys) */
    double *member_rate;     /* [n * days]: expected departures, changes and surges in */
    int *regime;             /* [days]: days with the same weights share a number */
    delay mix;               /* the journey of regime `loaded` */
    int loaded;
} route;

/* Gamma durations of mean and sd rounded to the nearest day (sd 0: fixed).
 * Returns 0, or -1 when out of memory. */
int delay_init(delay *d, double mean, double sd);
void delay_free(delay *d);

/* Spreads n people over the days of a delay: out[k] for k = first .. end-1;
 * returns end, past which nobody was placed (the draws stop once all are). */
int delay_spread(const delay *dl, const draws *d, double n, double *out);

/* Adds out[first .. end-1] to a calendar of len days at days t + k. */
void calendar_add(double *cal, int len, int t, const double *out, int first, int end);

/* A value with dated changes: on each day, the change with the latest date not
 * after it (the later one in the list on a tie), or the base value. */
void lay_out(double *out, int days, double base, const changes *c);

/* The mix of a route's journeys on day t: members weighted by their rates. */
void route_load(route *r, int t, int days);

/* Lays out the routes of scenario s over `days`: *routes ([origins]) and their
 * expected departures *rate ([routes * days]), *n_routes of them. journeys
 * ([origins]) and keys ([2 * origins]) keep each origin's journey across calls,
 * made again only when its mean_days or sd_days changed. Returns 0, or -1 when
 * out of memory (what was made is still freed by routes_free). */
int plan_routes(const scenario *s, int days, delay *journeys, double *keys, route **routes, double **rate,
                int *n_routes);
void routes_free(route *routes, int n_routes);   /* the routes array too */

#endif
