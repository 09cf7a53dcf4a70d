/* journey: durations as day-bucket calendars, and routes (see journey.h). */
#include "journey.h"
#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdlib.h>

#define TAIL 1e-12   /* probability mass of a duration beyond its last bucket */

static int delay_alloc(delay *d, int len)
{
    d->len = len;
    d->p = calloc((size_t)len, sizeof *d->p);
    d->cond = calloc((size_t)len, sizeof *d->cond);
    d->log_q = calloc((size_t)len, sizeof *d->log_q);
    return d->p && d->cond && d->log_q ? 0 : -1;
}

void delay_free(delay *d)
{
    free(d->p);
    free(d->cond);
    free(d->log_q);
}

/* P(k | at least k) from P(k), summed from the end so the last is exactly 1. */
static void delay_conditionals(delay *d)
{
    double tail = 0;
    for (int k = d->len - 1; k >= d->first; k--) {
        tail += d->p[k];
        d->cond[k] = tail > 0 ? (d->p[k] / tail > 1 ? 1 : d->p[k] / tail) : 1;
    }
    d->cond[d->len - 1] = 1;
    for (int k = d->first; k < d->len; k++) d->log_q[k] = log1p(-d->cond[k]);
}

/* Gamma durations rounded to the nearest day: P(k) = F(k + 1/2) - F(k - 1/2),
 * shape (mean/sd)^2, scale sd^2/mean; sd = 0 is a fixed round(mean) days. Mass
 * below TAIL at either end goes to the first or last bucket kept, so that a
 * day's travellers are spread with as few draws as the distribution needs. */
int delay_init(delay *d, double mean, double sd)
{
    int len, first;
    if (sd <= 0 || mean <= 0) {
        first = (int)lround(mean);
        len = first + 1;
    } else {
        double shape = (mean / sd) * (mean / sd), scale = sd * sd / mean;
        /* The first len whose tail Q(len - 1/2) is at most TAIL (3650 at most),
         * by doubling then halving: Q falls with len, so this is the len a scan
         * from 1 finds, in a few cdfs instead of len (a replicate's journeys are
         * laid out again when their mean is uncertain). */
        int lo = 1, hi = 1;
        while (hi < 3650 && gsl_cdf_gamma_Q(hi - 0.5, shape, scale) > TAIL) lo = hi + 1, hi = hi * 2 < 3650 ? hi * 2 : 3650;
        while (lo < hi) {
            int mid = lo + (hi - lo) / 2;
            if (gsl_cdf_gamma_Q(mid - 0.5, shape, scale) > TAIL) lo = mid + 1;
            else hi = mid;
        }
        len = lo;
        first = 0;
        while (first < len - 1 && gsl_cdf_gamma_P(first + 0.5, shape, scale) < TAIL) first++;
    }
    if (delay_alloc(d, len) != 0) return -1;
    d->first = first;
    if (sd <= 0 || mean <= 0) {
        d->p[d->first] = 1.0;
    } else {
        double shape = (mean / sd) * (mean / sd), scale = sd * sd / mean, prev = 0;
        for (int k = d->first; k < d->len; k++) {
            double F = k == d->len - 1 ? 1.0 : gsl_cdf_gamma_P(k + 0.5, shape, scale);
            d->p[k] = F - prev;
            prev = F;
        }
    }
    delay_conditionals(d);
    return 0;
}

/* Spreads n people over the days of a delay: out[k] for k = first .. end-1;
 * returns end, past which nobody was placed (the draws stop once all are). */
int delay_spread(const delay *dl, const draws *d, double n, double *out)
{
    double left = n;
    int k = dl->first;
    for (; k < dl->len && left > 0; k++) {
        out[k] = d->rng ? draw_binomial_logq(d, left, dl->cond[k], dl->log_q[k]) : n * dl->p[k];
        left -= out[k];
    }
    return k;
}

/* Adds out[first .. end-1] to a calendar of len days at days t + k. */
void calendar_add(double *cal, int len, int t, const double *out, int first, int end)
{
    int at = (t + first) % len;
    for (int k = first; k < end; k++) {
        cal[at] += out[k];
        if (++at == len) at = 0;
    }
}

/* A value with dated changes: on each day, the change with the latest date not
 * after it (the later one in the list on a tie), or the base value. */
void lay_out(double *out, int days, double base, const changes *c)
{
    for (int t = 0; t < days; t++) {
        int best = -1;
        for (int i = 0; i < c->n; i++)
            if (c->v[i].day <= t && (best < 0 || c->v[i].day >= c->v[best].day)) best = i;
        out[t] = best < 0 ? base : c->v[best].value;
    }
}
static int same_sites(const scenario *s, const origin_cfg *a, const origin_cfg *b)
{
    for (int st = 0; st < s->n_sites; st++)
        if (a->site_share[st] != b->site_share[st]) return 0;
    return 1;
}

/* Origins answer to the border alike (behaviour.h): then a route's departures
 * are all scaled by one factor, and the mix of its journeys is unchanged. */
static int same_answer(const origin_cfg *a, const origin_cfg *b)
{
    return a->wait_elasticity == b->wait_elasticity && a->wait_scale_days == b->wait_scale_days &&
           a->closed_factor == b->closed_factor && a->news_lag_days == b->news_lag_days;
}

/* Origins can share a route when their departures are Poisson (a negative
 * binomial sum is not one) and they lose people, choose sites and answer to the
 * border alike. */
static int same_route(const scenario *s, const origin_cfg *a, const origin_cfg *b)
{
    return a->dispersion == 0 && b->dispersion == 0 && a->travel.loss == b->travel.loss && same_sites(s, a, b) &&
           same_answer(a, b);
}

/* The mix of a route's journeys on day t: members weighted by their rates. */
void route_load(route *r, int t, int days)
{
    double total = 0;
    for (int i = 0; i < r->n; i++) total += r->member_rate[(size_t)i * days + t];
    for (int k = 0; k < r->mix.len; k++) r->mix.p[k] = 0;
    for (int i = 0; i < r->n; i++) {
        double w = total > 0 ? r->member_rate[(size_t)i * days + t] / total : 1.0 / r->n;
        for (int k = r->member[i]->first; k < r->member[i]->len; k++) r->mix.p[k] += w * r->member[i]->p[k];
    }
    delay_conditionals(&r->mix);
    r->loaded = r->regime[t];
}

/* Numbers the regimes: a day starts a new one when a member's weight differs
 * from the day before; days without departures keep the regime they are in. */
static void route_regimes(route *r, int days)
{
    int id = 0, prev = -1;
    for (int t = 0; t < days; t++) {
        double total = 0;
        for (int i = 0; i < r->n; i++) total += r->member_rate[(size_t)i * days + t];
        if (total > 0 && prev >= 0) {
            double prev_total = 0;
            for (int i = 0; i < r->n; i++) prev_total += r->member_rate[(size_t)i * days + prev];
            for (int i = 0; i < r->n; i++)
                if (fabs(r->member_rate[(size_t)i * days + t] / total -
                         r->member_rate[(size_t)i * days + prev] / prev_total) > 1e-12) { id++; break; }
        }
        if (total > 0) prev = t;
        r->regime[t] = id;
    }
}

/* Origin o's journey. Its gamma cdfs are most of the cost of laying out a sim,
 * so journeys are kept across sim_rederive and made again only when the origin's
 * mean_days or sd_days changed (a replicate's parameter set). */
static const delay *journey(const travel_cfg *tr, delay *d, double *key)
{
    if (d->p && key[0] == tr->mean_days && key[1] == tr->sd_days) return d;
    delay_free(d);
    *d = (delay){0};
    if (delay_init(d, tr->mean_days, tr->sd_days)) return NULL;
    key[0] = tr->mean_days;
    key[1] = tr->sd_days;
    return d;
}

/* Routes: origins that may share one (same_route) travel as one stream. A
 * Poisson sum of Poisson streams, each traveller taking the journey of its
 * origin with probability proportional to that origin's rate today, has
 * exactly the distribution of the separate streams (superposition and
 * thinning), and only the sums are reported; so the cost of a day grows with
 * the routes, not the origins. */
int plan_routes(const scenario *s, int days, delay *journeys, double *keys, route **routes_out, double **rate_out,
                int *n_routes)
{
    int n = 0, O = s->n_origins ? s->n_origins : 1;
    route *routes = *routes_out = calloc((size_t)O, sizeof *routes);
    double *rate_all = *rate_out = calloc((size_t)O * (size_t)days, sizeof *rate_all);
    int *route_of = calloc((size_t)O, sizeof *route_of);
    int rc = routes && rate_all && route_of ? 0 : -1;
    for (int o = 0; o < s->n_origins && rc == 0; o++) {   /* members of each route */
        int k = 0;
        while (k < n && !same_route(s, routes[k].rep, &s->origins[o])) k++;
        if (k == n) routes[n++].rep = &s->origins[o];
        route_of[o] = k;
        routes[k].n++;
    }
    for (int k = 0; k < n && rc == 0; k++) {
        route *r = &routes[k];
        r->member = calloc((size_t)r->n, sizeof *r->member);
        r->member_rate = calloc((size_t)r->n * (size_t)days, sizeof *r->member_rate);
        r->regime = calloc((size_t)days, sizeof *r->regime);
        if (!r->member || !r->member_rate || !r->regime) rc = -1;
        r->n = 0;
    }
    for (int o = 0; o < s->n_origins && rc == 0; o++) {
        const origin_cfg *og = &s->origins[o];
        route *r = &routes[route_of[o]];
        double *rate = r->member_rate + (size_t)r->n * days;
        lay_out(rate, days, og->rate, &og->rate_changes);
        for (int t = 0; t < days; t++) rate[t] *= s->rate_factor;
        for (int i = 0; i < og->n_surges; i++)
            for (long t = og->surges[i].day; t < og->surges[i].day + og->surges[i].days && t < days; t++)
                rate[t] += s->surge_factor * og->surges[i].people / (double)og->surges[i].days;
        double *total = rate_all + (size_t)route_of[o] * days;
        for (int t = 0; t < days; t++) total[t] += rate[t];
        if (!(r->member[r->n++] = journey(&og->travel, &journeys[o], keys + 2 * o))) rc = -1;
    }
    for (int k = 0; k < n && rc == 0; k++) {
        route *r = &routes[k];
        r->mix.first = r->member[0]->first;
        for (int i = 0; i < r->n; i++) {
            if (r->member[i]->len > r->mix.len) r->mix.len = r->member[i]->len;
            if (r->member[i]->first < r->mix.first) r->mix.first = r->member[i]->first;
        }
        if (delay_alloc(&r->mix, r->mix.len) != 0) { rc = -1; break; }
        route_regimes(r, days);
        route_load(r, 0, days);
    }
    free(route_of);
    *n_routes = n;
    return rc;
}
void routes_free(route *routes, int n_routes)
{
    for (int o = 0; routes && o < n_routes; o++) {
        route *r = &routes[o];
        free(r->member); free(r->member_rate); free(r->regime); delay_free(&r->mix);
    }
    free(routes);
}
