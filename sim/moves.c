/* moves: relocations, evacuations and transfers on dates (see moves.h). */
#include "moves.h"
#include "draws.h"
#include "model.h"
#include "setpath.h"
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- checks ---- */

typedef struct {
    scenario *s;
    const char *const *set_paths;
    int n_set;
    diag *d;
} checker;

static void fail(checker *c, const char *path, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void fail(checker *c, const char *path, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    int k = setpath_match(c->set_paths, c->n_set, path);   /* a value from the command line: say so, as config.c does */
    if (k >= 0 && !strcmp(c->set_paths[k], path)) { diag_add(c->d, "--set %s: %s", path, msg); return; }
    if (k >= 0) { diag_add(c->d, "--set %s: %s: %s", c->set_paths[k], path, msg); return; }   /* inside a whole list */
    scenario_error(c->s, c->d, path, "%s", msg);
}

/* Moves are few: a linear search by name is enough. */
static int site_named(const scenario *s, const char *name)
{
    for (int i = 0; i < s->n_sites; i++)
        if (strcmp(s->sites[i].name, name) == 0) return i;
    return -1;
}

static int camp_named(const scenario *s, const char *name)
{
    for (int i = 0; i < s->n_camps; i++)
        if (strcmp(s->camps[i].name, name) == 0) return i;
    return -1;
}

/* Of two settings that clash, the one a --set gave (so the message names it),
 * else the first. */
static const char *blamed(const checker *c, const char *first, const char *other)
{
    int a = setpath_match(c->set_paths, c->n_set, first) >= 0, b = setpath_match(c->set_paths, c->n_set, other) >= 0;
    return !a && b ? other : first;
}

/* Exactly one of people and share. */
static void check_amount(checker *c, const move_cfg *mv, const char *path)
{
    if (isnan(mv->people) && isnan(mv->share)) fail(c, path, "needs people or share");
    else if (!isnan(mv->people) && !isnan(mv->share)) fail(c, path, "has both people and share: give one");
}

static void resolve_relocation(checker *c, move_cfg *mv, int i)
{
    const scenario *s = c->s;
    char p[96];
    snprintf(p, sizeof p, "relocations.[%d].site", i);
    mv->from = site_named(s, mv->from_name);
    if (mv->from < 0) { fail(c, p, "no site is named '%s'", mv->from_name); mv->from = 0; }
    snprintf(p, sizeof p, "relocations.[%d].to", i);
    const char *to = mv->to_name;
    mv->to = 0;
    if (strcmp(to, "out") == 0) {
        mv->to_kind = MOVE_OUT;
    } else if (strncmp(to, "camp:", 5) == 0) {
        mv->to_kind = MOVE_CAMP;
        mv->to = camp_named(s, to + 5);
        if (mv->to < 0) { fail(c, p, "no camp is named '%s'", to + 5); mv->to = 0; }
    } else if (strncmp(to, "site:", 5) == 0) {
        mv->to_kind = MOVE_SITE;
        mv->to = site_named(s, to + 5);
        if (mv->to < 0) { fail(c, p, "no site is named '%s'", to + 5); mv->to = 0; }
        else if (mv->to == mv->from && site_named(s, mv->from_name) >= 0) {
            char ps[96];
            snprintf(ps, sizeof ps, "relocations.[%d].site", i);
            fail(c, blamed(c, p, ps), "moves people from site '%s' to itself", mv->from_name);
        }
    } else {
        mv->to_kind = MOVE_OUT;
        fail(c, p, "'%s' is not \"camp:NAME\", \"site:NAME\" or \"out\"", to);
    }
    snprintf(p, sizeof p, "relocations.[%d]", i);
    check_amount(c, mv, p);
}

static void resolve_transfer(checker *c, move_cfg *mv, int i)
{
    const scenario *s = c->s;
    char p[96];
    snprintf(p, sizeof p, "transfers.[%d].from", i);
    mv->from = camp_named(s, mv->from_name);
    if (mv->from < 0) { fail(c, p, "no camp is named '%s'", mv->from_name); mv->from = 0; }
    snprintf(p, sizeof p, "transfers.[%d].to", i);
    mv->to_kind = MOVE_CAMP;
    mv->to = camp_named(s, mv->to_name);
    if (mv->to < 0) { fail(c, p, "no camp is named '%s'", mv->to_name); mv->to = 0; }
    else if (strcmp(mv->to_name, mv->from_name) == 0) {
        char pf[96];
        snprintf(pf, sizeof pf, "transfers.[%d].from", i);
        fail(c, blamed(c, p, pf), "moves people from camp '%s' to itself", mv->from_name);
    }
    snprintf(p, sizeof p, "transfers.[%d]", i);
    check_amount(c, mv, p);
}

void moves_resolve(scenario *s, const char *const *set_paths, int n_set, diag *d)
{
    checker c = {s, set_paths, n_set, d};
    for (int i = 0; i < s->n_relocations; i++) resolve_relocation(&c, &s->relocations[i], i);
    for (int i = 0; i < s->n_transfers; i++) resolve_transfer(&c, &s->transfers[i], i);
}

/* ---- the daily step ---- */

struct moves {
    const scenario *s;
    int G;
    gsl_rng *rng;        /* NULL in deterministic mode */
    draws d;
    double *count, *take;   /* [G] each */
};

moves *moves_new(const scenario *s, int deterministic, int *failed)
{
    *failed = 0;
    if (s->n_relocations + s->n_transfers == 0) return NULL;
    moves *mv = calloc(1, sizeof *mv);
    if (mv) {
        mv->s = s;
        mv->G = s->n_groups;
        mv->count = calloc((size_t)mv->G, sizeof *mv->count);
        mv->take = calloc((size_t)mv->G, sizeof *mv->take);
        if (!deterministic) mv->d.rng = mv->rng = gsl_rng_alloc(SIM_GENERATOR_TYPE);
    }
    if (!mv || !mv->count || !mv->take || (!deterministic && !mv->rng)) {
        moves_free(mv);
        *failed = 1;
        return NULL;
    }
    return mv;
}

void moves_free(moves *mv)
{
    if (!mv) return;
    if (mv->rng) gsl_rng_free(mv->rng);
    free(mv->count);
    free(mv->take);
    free(mv);
}

void moves_start(moves *mv, unsigned long seed, long replicate)
{
    if (mv && mv->rng) gsl_rng_set(mv->rng, sim_stream_seed(seed, replicate, STREAM_MOVES));
}

/* The chance of each person there on day k of a move by share: with no other
 * flows, share/days of the people of the first day go each day (moves.h). */
static double chance(const move_cfg *mv, int k)
{
    double left = (double)mv->days - k * mv->share;
    return left <= mv->share ? 1 : mv->share / left;
}

/* Day k's batch of a move by people: P/days, whole in stochastic mode, the
 * batches of the days adding up to floor(P). */
static double batch(const move_cfg *mv, int k, int stochastic)
{
    double P = mv->people, n = (double)mv->days;
    if (!stochastic) return P / n;
    return floor((k + 1) * P / n) - floor(k * P / n);
}

/* Today's move from a site: who goes from each group's queue. */
static void from_site(moves *mv, const move_cfg *r, int k, cohort_queue *q)
{
    int G = mv->G;
    double there = 0;
    for (int g = 0; g < G; g++) there += mv->count[g] = q[g].total;
    if (!isnan(r->share)) {
        double p = chance(r, k);
        for (int g = 0; g < G; g++) mv->take[g] = draw_binomial(&mv->d, mv->count[g], p);
    } else {
        double want = batch(r, k, mv->rng != NULL);
        /* Everyone there equally likely, whatever their group: a multivariate
         * hypergeometric split of the batch (all of them when fewer are there). */
        queue_split(mv->count, G, want < there ? want : there, &mv->d, mv->take);
    }
    for (int g = 0; g < G; g++) queue_thin(&q[g], mv->take[g]);
}

void moves_day(moves *mv, int t, cohort_queue *q, double *camp, double *row, const columns *cols, double *out)
{
    if (!mv) return;
    const scenario *s = mv->s;
    int G = mv->G;
    double *flow = row + cols->moves0;
    for (int i = 0; i < s->n_relocations; i++) {
        const move_cfg *r = &s->relocations[i];
        int k = t - r->day;
        if (k < 0 || k >= r->days) continue;
        from_site(mv, r, k, q + (size_t)r->from * G);
        double moved = 0;
        for (int g = 0; g < G; g++) moved += mv->take[g];
        if (r->to_kind == MOVE_OUT) {
            /* They leave the border and the system: border leavers, of which relocated_out. */
            row[COL_BORDER_LEFT] += moved;
            flow[MV_RELOCATED_OUT] += moved;
            out[r->from] += moved;
        } else if (r->to_kind == MOVE_CAMP) {
            camp[r->to] += moved;
            flow[MV_RELOCATED_TO_CAMPS] += moved;
        } else {
            /* A new place, a new line: they queue there from today. */
            for (int g = 0; g < G; g++) queue_add(&q[(size_t)r->to * G + g], t, mv->take[g]);
            flow[MV_RELOCATED_TO_SITES] += moved;
        }
    }
    for (int i = 0; i < s->n_transfers; i++) {
        const move_cfg *x = &s->transfers[i];
        int k = t - x->day;
        if (k < 0 || k >= x->days) continue;
        double n = camp[x->from], moved;
        if (!isnan(x->share)) moved = draw_binomial(&mv->d, n, chance(x, k));
        else {
            moved = batch(x, k, mv->rng != NULL);
            if (moved > n) moved = n;
        }
        camp[x->from] -= moved;
        camp[x->to] += moved;
        flow[MV_TRANSFERRED] += moved;
    }
}
