/* routing: the receiving camps of the screened (see routing.h). */
#include "routing.h"
#include "arena.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SHARE_TOL 1e-9   /* as config.c's */

static int camp_named(const scenario *s, const char *name)
{
    for (int i = 0; i < s->n_camps; i++)
        if (strcmp(s->camps[i].name, name) == 0) return i;
    return -1;
}

typedef struct { void (*err)(void *, const char *, const char *); void *ctx; } sink;

static void say(const sink *k, const char *path, const char *key, const char *fmt, const char *arg)
{
    char p[320], msg[320];
    snprintf(p, sizeof p, "%s.%s", path, key);
    snprintf(msg, sizeof msg, fmt, arg);
    k->err(k->ctx, p, msg);
}

/* The camps of map m, in written order; -1 for an unknown name (reported). */
static int map_camps(scenario *s, const name_map *m, const char *path, const char *key, const sink *k, int *out)
{
    int ok = 1;
    for (int i = 0; i < m->n; i++) {
        out[i] = camp_named(s, m->v[i].name);
        if (out[i] < 0) {
            char sub[160];
            snprintf(sub, sizeof sub, "%s.%s", key, m->v[i].name);
            say(k, path, sub, "no camp is named '%s'", m->v[i].name);
            ok = 0;
        }
    }
    return ok;
}

void routing_resolve(scenario *s, admission_cfg *a, const char *path, int wrote,
                     void (*err)(void *ctx, const char *path, const char *msg), void *ctx)
{
    sink k = {err, ctx};
    int n = s->n_camps;
    if (a->camp_shares.n > n) n = a->camp_shares.n;
    if (a->camp_order.n > n) n = a->camp_order.n;
    a->receiving = arena_alloc(&s->mem, sizeof *a->receiving * (size_t)(n ? n : 1));
    a->receiving_share = arena_alloc(&s->mem, sizeof *a->receiving_share * (size_t)(n ? n : 1));
    a->n_receiving = 1;
    if (!a->receiving || !a->receiving_share) { say(&k, path, "routing", "%s", "out of memory"); return; }
    a->receiving[0] = a->camp;
    a->receiving_share[0] = 1;
    if ((wrote & ROUTING_WROTE_SHARES) && a->routing != ROUTE_SHARES && a->camp_shares.n > 0)
        say(&k, path, "camp_shares", "%s", "is read only with routing = \"shares\"");
    if ((wrote & ROUTING_WROTE_ORDER) && a->routing != ROUTE_FIRST_WITH_ROOM && a->routing != ROUTE_FREE_PLACES && a->camp_order.n > 0)
        say(&k, path, "camp_order", "%s", "is read only with routing = \"first_with_room\" or \"free_places\"");
    switch (a->routing) {
    case ROUTE_SHARES: {
        const name_map *m = &a->camp_shares;
        if (m->n == 0) { say(&k, path, "camp_shares", "%s", "missing (required with routing = \"shares\")"); return; }
        if (!map_camps(s, m, path, "camp_shares", &k, a->receiving)) return;
        double sum = 0;
        for (int i = 0; i < m->n; i++) sum += a->receiving_share[i] = m->v[i].value;
        if (fabs(sum - 1) > SHARE_TOL) {
            char msg[64];
            snprintf(msg, sizeof msg, "shares sum to %.12g, not 1", sum);
            say(&k, path, "camp_shares", "%s", msg);
        }
        a->n_receiving = m->n;
        break;
    }
    case ROUTE_FIRST_WITH_ROOM: case ROUTE_FREE_PLACES: {
        const name_map *m = &a->camp_order;
        if (m->n == 0 && a->routing == ROUTE_FIRST_WITH_ROOM) {
            say(&k, path, "camp_order", "%s", "missing (required with routing = \"first_with_room\")");
            return;
        }
        if (m->n == 0) {   /* free_places: every camp, in list order */
            for (int i = 0; i < s->n_camps; i++) a->receiving[i] = i;
            a->n_receiving = s->n_camps;
            break;
        }
        if (!map_camps(s, m, path, "camp_order", &k, a->receiving)) return;
        /* By rank, ties in written order: an insertion sort of a few camps. */
        double *rank = a->receiving_share;
        for (int i = 0; i < m->n; i++) {
            int c = a->receiving[i], j = i;
            double r = m->v[i].value;
            while (j > 0 && rank[j - 1] > r) { a->receiving[j] = a->receiving[j - 1]; rank[j] = rank[j - 1]; j--; }
            a->receiving[j] = c;
            rank[j] = r;
        }
        for (int i = 0; i < m->n; i++) a->receiving_share[i] = 0;
        a->n_receiving = m->n;
        break;
    }
    default: break;
    }
}

static double free_places(const double *camp, const double *capacity, int days, int t, int c)
{
    double room = capacity[(size_t)c * days + t] - camp[c];
    return room > 0 ? room : 0;
}

double routing_room(const admission_cfg *a, const double *camp, const double *capacity, int days, int t)
{
    if (a->n_receiving == 1) {   /* as before several camps: may be negative (the caller clips it) */
        int c = a->receiving[0];
        return capacity[(size_t)c * days + t] - camp[c];
    }
    double room = 0;
    for (int i = 0; i < a->n_receiving; i++) room += free_places(camp, capacity, days, t, a->receiving[i]);
    return room;
}

int routing_full(const admission_cfg *a, const double *camp, const double *capacity, int days, int t)
{
    for (int i = 0; i < a->n_receiving; i++) {
        int c = a->receiving[i];
        if (camp[c] < capacity[(size_t)c * days + t]) return 0;
    }
    return 1;
}

void routing_enter(const admission_cfg *a, double n, double *camp, const double *capacity, int days, int t,
                   const draws *d, double *scratch)
{
    int k = a->n_receiving;
    if (k == 1) { camp[a->receiving[0]] += n; return; }
    if (n <= 0) return;
    double *x = scratch, *room = scratch + k;
    for (int i = 0; i < k; i++) {
        room[i] = free_places(camp, capacity, days, t, a->receiving[i]);
        if (d->rng) room[i] = floor(room[i]);   /* whole places for whole people */
    }
    /* Each camp's part before overflow. */
    if (a->routing == ROUTE_SHARES) {
        draw_multinomial(d, n, (size_t)k, a->receiving_share, x);
    } else if (a->routing == ROUTE_FREE_PLACES) {
        double total = 0;
        for (int i = 0; i < k; i++) total += room[i];
        if (total > 0) {
            draw_multinomial(d, n, (size_t)k, room, x);
        } else {   /* every camp full: all to the last */
            for (int i = 0; i < k; i++) x[i] = 0;
            x[k - 1] = n;
        }
    } else {
        for (int i = 0; i < k; i++) x[i] = 0;
        x[0] = n;
    }
    /* A full camp sends on to the next: one pass in order, carrying what did
     * not fit, then one more from the first for room left before the camp that
     * overflowed; what no camp has room for goes to the last. */
    double carry = 0;
    for (int i = 0; i < k; i++) {
        double want = x[i] + carry, take = want < room[i] ? want : room[i];
        carry = want - take;
        room[i] -= take;
        x[i] = take;
    }
    for (int i = 0; i < k && carry > 0; i++) {
        double take = carry < room[i] ? carry : room[i];
        x[i] += take;
        carry -= take;
    }
    x[k - 1] += carry;
    for (int i = 0; i < k; i++) camp[a->receiving[i]] += x[i];
}
