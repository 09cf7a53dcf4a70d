/* model: the daily step (see model.h and SPEC section 1).
 *
 * Everything that depends only on the calendar (rates with their changes and
 * surges, quotas, closures, aid cuts, camp capacities) is laid out per day in
 * sim_new, so the daily step only reads arrays. Journeys and vetting are
 * day-bucket calendars (ring buffers): today's travellers are spread over their
 * arrival days with one multinomial draw, never one timer per person. */
#include "model.h"
#include "admission.h"
#include "behaviour.h"
#include "draws.h"
#include "journey.h"
#include "moves.h"
#include "needs.h"
#include "places.h"
#include "queue.h"
#include "routing.h"
#include "walk.h"
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct sim {
    const scenario *s;
    const admission_cfg *adm;
    columns *cols;
    int det, days, O, S, C, G, newborn_group;

    /* by day */
    double *rate;            /* [O * days]: expected departures of each route, changes and surges in */
    double *quota, *reserve, *fraction;
    unsigned char *policy, *order;   /* policy_changes laid out */
    double *leave;           /* [(S + C) * days]: leave rates of sites, then camps */
    double *capacity;        /* [C * days] */
    unsigned char *closed, *aid_cut;

    /* calendars: one per route (origins that travel alike, see plan_routes) */
    route *routes;           /* [O] */
    delay vetting;
    int ring;                /* length of each origin's journey ring */
    double *transit;         /* [O * ring]: people due on day t sit at t mod ring */
    double *vet;             /* [vetting.len]: vetting ends on day t at t mod len */
    double *scratch;         /* multinomial results, site splits */

    supply_plan *plan;       /* [S + C]: sites, then camps */
    unsigned char *no_cut;   /* [days] of zeros: camps are not cut off from aid */

    /* stocks */
    cohort_queue *q;         /* [S * G], site-major */
    double in_transit, screening, *camp;

    /* bookkeeping */
    int day;
    double carry;            /* fractional quota carried to the next day */
    double border_people;    /* at the border when today's needs were reckoned */
    int border_water_given;  /* a site with people has a given water supply today, not "enough" */
    double *row;
    double *flow;            /* [(S + C) * PLACE_FLOWS]: today's flows at each place (places.h) */
    wait_book book;
    gsl_rng *rng[N_STREAMS + 1];   /* the model's streams, then the walk's at N_STREAMS */
    draws draw[N_STREAMS];
    double *walk;            /* [days]: factor of the departure rates today (walk.h) */
    delay *journey;          /* [origins]: each origin's journey, kept across sim_rederive */
    double *journey_key;     /* [2 * origins]: the mean_days and sd_days it was made for */
    double vetting_key[2];   /* the screening days and sd_days of `vetting` */
    int walking;             /* 0: no walk (factor 1) */
    behaviour bh;            /* giving up by the wait, departures that answer to the border */
    moves *moves;            /* relocations and transfers; NULL when there are none */
    double *split;           /* [2 * camps]: the receiving camps' parts (routing_enter) */
};

/* ---- set-up ---- */


static void mark(unsigned char *out, int days, const ranges *r)
{
    for (int i = 0; i < r->n; i++)
        for (int t = r->v[i].from; t <= r->v[i].to && t < days; t++) out[t] = 1;
}

/* The policy and order of each day: the base ones, switched by the changes
 * dated up to that day (in list order on a date), "same" keeping the one in force. */
static void lay_policies(unsigned char *pol, unsigned char *ord, int days, const admission_cfg *a)
{
    int p = a->policy, o = a->order;
    for (int t = 0; t < days; t++) {
        for (int i = 0; i < a->n_policy_changes; i++) {
            const policy_change *c = &a->policy_changes[i];
            if (c->day != t) continue;
            if (c->policy != POLICY_SAME) p = c->policy;
            if (c->order != ORDER_SAME) o = c->order;
        }
        pol[t] = (unsigned char)p;
        ord[t] = (unsigned char)o;
    }
}


#define ALLOC(p, n) do { size_t n_ = (size_t)(n); (p) = calloc(n_ ? n_ : 1, sizeof *(p)); if (!(p)) goto fail; } while (0)

/* Frees what derive() makes. */
static void derived_free(sim *m)
{
    free(m->rate); free(m->quota); free(m->reserve); free(m->fraction); free(m->capacity);
    for (int i = 0; m->plan && i < m->S + m->C; i++) needs_plan_free(&m->plan[i]);
    routes_free(m->routes, m->O);
    behaviour_free(&m->bh);
    free(m->transit); free(m->vet); free(m->scratch); free(m->leave);
    m->rate = m->quota = m->reserve = m->fraction = m->capacity = m->leave = NULL;
    m->routes = NULL;
    m->transit = m->vet = m->scratch = NULL;
    m->O = 0;
}

/* Everything laid out from the scenario's numbers: rates and journeys, quotas,
 * capacities, supplies, vetting, and the calendars they size. A setting laid out
 * here must not be in uncertainty.c's read_as_it_runs (unit_uncertainty checks it). */
static int derive(sim *m)
{
    const scenario *s = m->s;
    int days = m->days;
    if (plan_routes(s, days, m->journey, m->journey_key, &m->routes, &m->rate, &m->O)) goto fail;
    ALLOC(m->quota, days); ALLOC(m->reserve, days); ALLOC(m->fraction, days);
    lay_out(m->quota, days, m->adm->quota, &m->adm->quota_changes);
    lay_out(m->reserve, days, m->adm->reserve, &m->adm->reserve_changes);
    lay_out(m->fraction, days, m->adm->fraction, &m->adm->fraction_changes);
    ALLOC(m->capacity, m->C * days);
    for (int c = 0; c < m->C; c++) {
        const camp_cfg *cc = &s->camps[c];
        double *cap = m->capacity + (size_t)c * days;
        for (int t = 0; t < days; t++) cap[t] = cc->capacity;
        for (int i = 0; i < cc->expansions.n; i++)
            for (int t = cc->expansions.v[i].day; t < days; t++) cap[t] += cc->expansions.v[i].value;
    }
    for (int i = 0; i < m->S + m->C; i++) {
        const supply_cfg *sc = i < m->S ? &s->sites[i].supply : &s->camps[i - m->S].supply;
        if (needs_plan(&m->plan[i], sc, days, i < m->S ? m->aid_cut : m->no_cut)) goto fail;
    }
    m->ring = 1;
    for (int o = 0; o < m->O; o++)
        if (m->routes[o].mix.len > m->ring) m->ring = m->routes[o].mix.len;
    const screening_cfg *sc = &m->adm->screening;
    if (!m->vetting.p || m->vetting_key[0] != sc->days || m->vetting_key[1] != sc->sd_days) {
        delay_free(&m->vetting);
        m->vetting = (delay){0};
        if (delay_init(&m->vetting, sc->days, sc->sd_days)) goto fail;
        m->vetting_key[0] = sc->days;
        m->vetting_key[1] = sc->sd_days;
    }
    ALLOC(m->transit, m->O * m->ring);
    ALLOC(m->vet, m->vetting.len);
    int scratch = m->ring > m->vetting.len ? m->ring : m->vetting.len;
    if (scratch < 5 * m->S + 2 * m->G) scratch = 5 * m->S + 2 * m->G;   /* site splits; group splits */
    ALLOC(m->scratch, scratch);
    ALLOC(m->leave, (m->S + m->C) * days);
    for (int i = 0; i < m->S + m->C; i++) {
        double base = i < m->S ? s->sites[i].leave_rate : s->camps[i - m->S].leave_rate;
        const changes *ch = i < m->S ? &s->sites[i].leave_changes : &s->camps[i - m->S].leave_changes;
        lay_out(m->leave + (size_t)i * days, days, base, ch);
    }
    if (behaviour_plan(&m->bh, s, days)) goto fail;
    return 0;
fail:
    return -1;
}

int sim_rederive(sim *m)
{
    derived_free(m);
    return derive(m);
}

sim *sim_new(const scenario *s, int policy, int deterministic)
{
    sim *m = calloc(1, sizeof *m);
    if (!m) return NULL;
    m->s = s;
    m->adm = scenario_admission(s, policy);
    m->det = deterministic;
    m->days = (int)s->days;
    m->O = 0; m->S = s->n_sites; m->C = s->n_camps; m->G = s->n_groups;
    int days = m->days;
    for (int g = 0; g < m->G; g++)
        if (s->groups[g].newborns) m->newborn_group = g;
    if (!(m->cols = columns_new(s))) goto fail;
    ALLOC(m->policy, days); ALLOC(m->order, days);
    lay_policies(m->policy, m->order, days, m->adm);
    ALLOC(m->closed, days); ALLOC(m->aid_cut, days);
    mark(m->closed, days, &m->adm->closures);
    for (int t = 0; t < days; t++)
        if (m->policy[t] == POLICY_CLOSED) m->closed[t] = 1;
    mark(m->aid_cut, days, &scenario_aid(s, policy)->cuts);
    ALLOC(m->no_cut, days);
    ALLOC(m->plan, m->S + m->C);
    ALLOC(m->walk, days);
    ALLOC(m->journey, s->n_origins);
    ALLOC(m->journey_key, 2 * s->n_origins);
    if (derive(m)) goto fail;
    int moves_failed;
    m->moves = moves_new(s, deterministic, &moves_failed);
    if (moves_failed) goto fail;

    ALLOC(m->q, m->S * m->G);
    for (int i = 0; i < m->S * m->G; i++)
        if (queue_init(&m->q[i], days) != 0) goto fail;
    ALLOC(m->camp, m->C);
    ALLOC(m->split, 2 * m->C);
    ALLOC(m->row, m->cols->n);
    ALLOC(m->flow, (m->S + m->C) * PLACE_FLOWS);
    ALLOC(m->book.admitted, m->G);
    ALLOC(m->book.wait_sum, m->G);
    ALLOC(m->book.hist, days);
    if (!deterministic)
        for (int i = 0; i <= N_STREAMS; i++) {
            /* The generator is named here, not taken from GSL_RNG_TYPE, so one seed
             * gives the same bytes everywhere. */
            if (!(m->rng[i] = gsl_rng_alloc(SIM_GENERATOR_TYPE))) goto fail;
            if (i < N_STREAMS) m->draw[i].rng = m->rng[i];
        }
    sim_start(m, 1, 0);
    return m;
fail:
    sim_free(m);
    return NULL;
}

void sim_free(sim *m)
{
    if (!m) return;
    derived_free(m);
    for (int o = 0; m->journey && o < m->s->n_origins; o++) delay_free(&m->journey[o]);
    free(m->journey); free(m->journey_key); delay_free(&m->vetting);
    columns_free(m->cols);
    moves_free(m->moves);
    free(m->plan); free(m->no_cut); free(m->walk);
    free(m->policy); free(m->order);
    free(m->closed); free(m->aid_cut);
    for (int i = 0; m->q && i < m->S * m->G; i++) queue_free(&m->q[i]);
    free(m->q); free(m->camp); free(m->split); free(m->row); free(m->flow);
    free(m->book.admitted); free(m->book.wait_sum); free(m->book.hist);
    for (int i = 0; i <= N_STREAMS; i++) gsl_rng_free(m->rng[i]);
    free(m);
}

/* A bijective 32-bit mix (MurmurHash3's finaliser): distinct inputs give distinct
 * seeds, so no two (replicate, stream) pairs of a run share a seed while
 * replicate * N_STREAMS < 2^32. */
static uint32_t mix32(uint32_t h)
{
    h ^= h >> 16; h *= 0x85ebca6bu; h ^= h >> 13; h *= 0xc2b2ae35u; h ^= h >> 16;
    return h;
}

unsigned long sim_stream_seed(unsigned long seed, long replicate, int stream)
{
    uint32_t base = mix32((uint32_t)seed ^ (uint32_t)(seed >> 32) * 0x9e3779b9u);
    if (stream < N_STREAMS) return mix32(base + (uint32_t)replicate * N_STREAMS + (uint32_t)stream);
    /* Another sequence of seeds for each extra stream: a different key mixed in. */
    return mix32(mix32(base ^ (0x632be5abu * (uint32_t)(stream - N_STREAMS + 1))) + (uint32_t)replicate);
}

void sim_start(sim *m, unsigned long seed, long replicate)
{
    const scenario *s = m->s;
    m->day = 0;
    m->carry = 0;
    m->in_transit = m->screening = 0;
    memset(m->transit, 0, sizeof *m->transit * (size_t)(m->O * m->ring));
    memset(m->vet, 0, sizeof *m->vet * (size_t)m->vetting.len);
    memset(m->book.hist, 0, sizeof *m->book.hist * (size_t)m->days);
    for (int st = 0; st < m->S; st++) {
        /* People already waiting count as arrived on day 0: their waits are
         * measured from the start of the run (a lower bound). In stochastic mode
         * they are split into groups as whole people, the last group taking the rest. */
        double initial = m->det ? s->sites[st].initial : round(s->sites[st].initial), placed = 0;
        for (int g = 0; g < m->G; g++) {
            cohort_queue *q = &m->q[st * m->G + g];
            queue_reset(q);
            double n = initial * s->groups[g].share;
            if (!m->det) n = g == m->G - 1 ? initial - placed : floor(n);
            placed += n;
            queue_add(q, 0, n);
        }
    }
    for (int c = 0; c < m->C; c++) m->camp[c] = m->det ? s->camps[c].initial : round(s->camps[c].initial);
    for (int i = 0; i < m->S + m->C; i++) m->plan[i].food_stock = 0;
    for (int i = 0; i < N_STREAMS; i++)
        if (m->rng[i]) gsl_rng_set(m->rng[i], sim_stream_seed(seed, replicate, i));
    moves_start(m->moves, seed, replicate);
    /* In deterministic mode the walk is at its mean path, a factor of 1. */
    m->walking = m->rng[N_STREAMS] && s->walk.volatility > 0;
    if (m->walking) {
        gsl_rng_set(m->rng[N_STREAMS], sim_stream_seed(seed, replicate, STREAM_WALK));
        walk_fill(m->walk, m->days, s->walk.volatility, s->walk.step_days, s->walk.from, m->rng[N_STREAMS]);
    }
}

/* ---- the seven steps ---- */

/* Today's flows at place i (sites, then camps), for places.csv. */
static double *at(sim *m, int i) { return m->flow + (size_t)i * PLACE_FLOWS; }

static double site_people(const sim *m, int st);

/* Adds sign x each place's people to its flow k: called with -1 before a step
 * and +1 after, the step's flow at each place is the change of its people. */
static void place_change(sim *m, int k, double sign)
{
    for (int st = 0; st < m->S; st++) at(m, st)[k] += sign * site_people(m, st);
    for (int c = 0; c < m->C; c++) at(m, m->S + c)[k] += sign * m->camp[c];
}

/* 1-2. Departures, and their journeys laid into the arrival calendar. */
static void depart(sim *m, int t)
{
    const draws *d = &m->draw[STREAM_DEPARTURES];
    for (int o = 0; o < m->O; o++) {
        route *r = &m->routes[o];
        double mean = m->rate[(size_t)o * m->days + t];
        if (m->walking) mean *= m->walk[t];   /* every origin alike: the mix of journeys is unchanged */
        mean *= behaviour_departures(&m->bh, r->rep, m->closed, t);   /* the route's members alike */
        double n = draw_negbin(d, mean, r->rep->dispersion);
        m->row[COL_SET_OUT] += n;
        m->in_transit += n;
        if (n <= 0) continue;
        if (r->loaded != r->regime[t]) route_load(r, t, m->days);
        const delay *j = &r->mix;
        int end = delay_spread(j, d, n, m->scratch);
        calendar_add(m->transit + (size_t)o * m->ring, m->ring, t, m->scratch, j->first, end);
    }
}

/* 2-3. Today's arrivals: some were lost on the way; the rest choose a site by
 * their origin's shares and are split into groups (group does not change the
 * journey, so splitting on arrival has the same distribution as on departure). */
static void arrive(sim *m, int t)
{
    const draws *d = &m->draw[STREAM_DEPARTURES];
    double *at_site = m->scratch, *split = m->scratch + m->S;
    for (int st = 0; st < m->S; st++) at_site[st] = 0;
    for (int o = 0; o < m->O; o++) {
        double *slot = &m->transit[(size_t)o * m->ring + t % m->ring];
        double due = *slot;
        *slot = 0;
        if (due <= 0) continue;
        double lost = draw_binomial(d, due, m->routes[o].rep->travel.loss);
        m->in_transit -= due;
        m->row[COL_TRANSIT_LOST] += lost;
        m->row[COL_ARRIVALS] += due - lost;
        draw_multinomial(d, due - lost, (size_t)m->S, m->routes[o].rep->site_share, split);
        for (int st = 0; st < m->S; st++) at_site[st] += split[st];
    }
    double *shares = m->scratch + 2 * m->S, *by_group = m->scratch + 2 * m->S + m->G;
    for (int g = 0; g < m->G; g++) shares[g] = m->s->groups[g].share;
    for (int st = 0; st < m->S; st++) {
        at(m, st)[PF_ARRIVALS] = at_site[st];
        if (at_site[st] <= 0) continue;
        draw_multinomial(d, at_site[st], (size_t)m->G, shares, by_group);
        for (int g = 0; g < m->G; g++) queue_add(&m->q[st * m->G + g], t, by_group[g]);
    }
}

static double site_people(const sim *m, int st)
{
    double n = 0;
    for (int g = 0; g < m->G; g++) n += m->q[st * m->G + g].total;
    return n;
}

/* Needs against supply at place i (sites, then camps) for `people`; adds the
 * place's columns and, for a border site, the border totals. Returns water per
 * person per day. */
static double needs(sim *m, int i, double people, int t)
{
    needs_day n;
    int border = i < m->S;
    needs_day_compute(&m->plan[i], &m->s->standards, border, people, t, &n);
    double lpd = needs_water_lpd(&n, people);
    double *pc = m->row + m->cols->place_needs0 + (size_t)i * PLACE_NEEDS;
    pc[PN_WATER_LPD] = lpd;
    pc[PN_WATER_SHORTFALL_L] = fmax(0, n.water_need - n.water_supply);
    pc[PN_SHELTER_SHORTFALL] = fmax(0, n.shelters_need - n.shelters);
    pc[PN_LATRINE_SHORTFALL] = fmax(0, n.latrines_need - n.latrines);
    pc[PN_FOOD_SHORTFALL_KCAL] = fmax(0, n.food_need - n.food_supply);
    pc[PN_HEALTH_SHORTFALL] = fmax(0, n.health_need - n.health);
    if (border) {
        double *r = m->row;
        if (people > 0 && !n.water_enough) m->border_water_given = 1;
        r[COL_WATER_NEED_L] += n.water_need;
        r[COL_WATER_SUPPLY_L] += n.water_supply;
        r[COL_WATER_SHORTFALL_L] += pc[PN_WATER_SHORTFALL_L];
        r[COL_SHELTERS_NEEDED] += n.shelters_need;
        r[COL_SHELTER_SHORTFALL] += pc[PN_SHELTER_SHORTFALL];
        r[COL_LATRINES_NEEDED] += n.latrines_need;
        r[COL_LATRINE_SHORTFALL] += pc[PN_LATRINE_SHORTFALL];
        r[COL_HEALTH_FACILITIES_NEEDED] += n.health_need;
        r[COL_FOOD_NEED_KCAL] += n.food_need;
        r[COL_FOOD_SUPPLY_KCAL] += n.food_supply;
        r[COL_FOOD_SHORTFALL_KCAL] += pc[PN_FOOD_SHORTFALL_KCAL];
    }
    return lpd;
}

/* 4. Births, deaths and people giving up at each site. Rates per person per day:
 * births birth_rate / 1000 / 365; deaths cmr / 10000, times the group's factor
 * and, while aid is cut, the site's aid_cut_factor; leaving leave_rate, and then,
 * by the days each has waited, giving up (behaviour.h). */
static void border_life(sim *m, int t)
{
    const draws *d = &m->draw[STREAM_BORDER];
    m->border_people = 0;
    m->border_water_given = 0;
    for (int st = 0; st < m->S; st++) {
        const site_cfg *site = &m->s->sites[st];
        double people = site_people(m, st), births = 0;
        m->border_people += people;
        double lpd = needs(m, st, people, t);
        double conditions = needs_mortality_factor(&m->s->conditions, lpd, people);
        double give_up = behaviour_give_up_factor(&m->bh, st, m->aid_cut[t], lpd);
        const double *chance = give_up > 0 ? behaviour_hazards(&m->bh, st, give_up, t) : NULL;
        for (int g = 0; g < m->G; g++) {
            cohort_queue *q = &m->q[st * m->G + g];
            double n = q->total;
            if (n <= 0) continue;
            births += draw_poisson(d, n * site->birth_rate / 1000.0 / 365.0);
            double pd = site->cmr / 10000.0 * m->s->groups[g].mortality_factor *
                        (m->aid_cut[t] ? site->aid_cut_factor : 1.0) * conditions;
            if (pd > 1) pd = 1;
            double pl = m->leave[(size_t)st * m->days + t];
            double deaths = draw_binomial(d, n, pd);
            double left = pd < 1 ? draw_binomial(d, n - deaths, pl / (1 - pd) > 1 ? 1 : pl / (1 - pd)) : 0;
            /* pl/(1-pd): the second of a multinomial's conditional binomials, so that
             * a person dies with probability pd and leaves with probability pl. */
            queue_thin(q, deaths + left);
            if (chance) left += queue_thin_by_wait(q, chance, t, d);
            m->row[COL_BORDER_DEATHS] += deaths;
            m->row[COL_BORDER_LEFT] += left;
            at(m, st)[PF_DEATHS] += deaths;
            at(m, st)[PF_LEFT] += left;
        }
        queue_add(&m->q[st * m->G + m->newborn_group], t, births);
        m->row[COL_BORDER_BIRTHS] += births;
        at(m, st)[PF_BIRTHS] = births;
    }
}

/* 4b. Relocations and evacuations from the sites, transfers between camps, on
 * their dates (moves.h). Those relocated out of the system are a site's
 * leavers, as in border_left; a place's `moved` is what moved between places. */
static void relocate(sim *m, int t)
{
    if (!m->moves) return;
    double *out = m->scratch;
    for (int st = 0; st < m->S; st++) out[st] = 0;
    place_change(m, PF_MOVED, -1);
    moves_day(m->moves, t, m->q, m->camp, m->row, m->cols, out);
    place_change(m, PF_MOVED, 1);
    for (int st = 0; st < m->S; st++) at(m, st)[PF_MOVED] += out[st], at(m, st)[PF_LEFT] += out[st];
}

static double stranded(const sim *m)
{
    double n = 0;
    for (int i = 0; i < m->S * m->G; i++) n += m->q[i].total;
    return n;
}

/* 5. Admission: the policy sets how many, from which sites, in what order. */
static void admit(sim *m, int t)
{
    const draws *d = &m->draw[STREAM_ADMISSION];
    admission_day day = {
        .closed = m->closed[t], .policy = m->policy[t], .camp_limit = m->adm->camp_limit,
        .quota = m->quota[t], .reserve = m->reserve[t], .fraction = m->fraction[t],
        .waiting = stranded(m),
        .screening_free = m->adm->screening.capacity - m->screening,
        .camp_room = routing_room(m->adm, m->camp, m->capacity, m->days, t) - m->screening,
    };
    if (day.screening_free < 0) day.screening_free = 0;
    if (day.camp_room < 0) day.camp_room = 0;
    for (int g = 0; g < m->G; g++) m->book.admitted[g] = m->book.wait_sum[g] = 0;
    int bound;
    place_change(m, PF_ADMITTED, 1);   /* admitted from each site: who was there, less who is left (below) */
    double total = admission_total(&day, d, &m->carry, &bound);
    if (bound != BOUND_NONE) m->row[COL_BOUND_QUOTA + bound - BOUND_QUOTA] = 1;
    double n = admission_admit(m->adm, m->order[t], m->s->groups, m->G, m->S, m->q, total, d, t, &m->book,
                               m->scratch);
    m->row[COL_ADMITTED] = n;
    place_change(m, PF_ADMITTED, -1);
    m->screening += n;
    /* Vetting times of today's admissions, laid into the vetting calendar. */
    const draws *v = &m->draw[STREAM_SCREENING];
    if (n <= 0) return;
    int end = delay_spread(&m->vetting, v, n, m->scratch);
    calendar_add(m->vet, m->vetting.len, t, m->scratch, m->vetting.first, end);
}

/* 6. Vetting ends for some: a share is refused, the rest enter the receiving
 * camps (routing.h). */
static void screen(sim *m, int t)
{
    const draws *d = &m->draw[STREAM_SCREENING];
    double *slot = &m->vet[t % m->vetting.len];
    double done = *slot;
    *slot = 0;
    double rejected = draw_binomial(d, done, m->adm->screening.reject);
    m->screening -= done;
    m->row[COL_REJECTED] = rejected;
    m->row[COL_CAMP_ENTRIES] = done - rejected;
    place_change(m, PF_ENTRIES, -1);   /* each camp's entries */
    routing_enter(m->adm, done - rejected, m->camp, m->capacity, m->days, t, d, m->split);
    place_change(m, PF_ENTRIES, 1);
}

/* 7. Camps: births, deaths and departures (host towns, returns, resettlement). */
static void camp_life(sim *m, int t)
{
    const draws *d = &m->draw[STREAM_CAMPS];
    for (int c = 0; c < m->C; c++) {
        const camp_cfg *cc = &m->s->camps[c];
        double n = m->camp[c];
        double births = draw_poisson(d, n * cc->birth_rate / 1000.0 / 365.0);
        double pd = cc->cmr / 10000.0, pl = m->leave[(size_t)(m->S + c) * m->days + t];
        if (pd > 1) pd = 1;
        double deaths = draw_binomial(d, n, pd);
        double left = pd < 1 ? draw_binomial(d, n - deaths, pl / (1 - pd) > 1 ? 1 : pl / (1 - pd)) : 0;
        /* Some leavers go back to a border site: they arrive there today, split
         * into groups by the group shares, as arrivals are. */
        double back = draw_binomial(d, left, cc->return_share);
        if (back > 0) {
            double *shares = m->scratch, *by_group = m->scratch + m->G;
            for (int g = 0; g < m->G; g++) shares[g] = m->s->groups[g].share;
            draw_multinomial(d, back, (size_t)m->G, shares, by_group);
            for (int g = 0; g < m->G; g++) queue_add(&m->q[cc->return_site * m->G + g], t, by_group[g]);
            at(m, cc->return_site)[PF_RETURNED] += back;
        }
        m->camp[c] += births - deaths - left;
        m->row[COL_CAMP_BIRTHS] += births;
        m->row[COL_CAMP_DEATHS] += deaths;
        m->row[COL_CAMP_LEFT] += left - back;
        m->row[COL_CAMP_RETURNED] += back;
        double *pf = at(m, m->S + c);
        pf[PF_BIRTHS] = births, pf[PF_DEATHS] = deaths, pf[PF_LEFT] = left - back, pf[PF_RETURNED] = back;
    }
}

static void record_stocks(sim *m, int t)
{
    const columns *c = m->cols;
    double *row = m->row;
    row[COL_IN_TRANSIT] = m->in_transit;
    row[COL_STRANDED] = stranded(m);
    row[COL_SCREENING] = m->screening;
    double admitted = 0, waited = 0;
    for (int g = 0; g < m->G; g++) {
        double n = 0;
        for (int st = 0; st < m->S; st++) n += m->q[st * m->G + g].total;
        row[c->group_stranded0 + g] = n;
        row[c->group_admitted0 + g] = m->book.admitted[g];
        row[c->group_wait0 + g] = m->book.admitted[g] > 0 ? m->book.wait_sum[g] / m->book.admitted[g] : 0;
        admitted += m->book.admitted[g];
        waited += m->book.wait_sum[g];
    }
    row[COL_WAIT_MEAN] = admitted > 0 ? waited / admitted : 0;
    /* Every site with people has enough: exactly the standard (the sum of
     * people x standard over the sites, divided by the people, can come out a
     * hair under it, and days_below_water_minimum compares it with <). */
    row[COL_WATER_LPD] = m->border_people <= 0 ? 0
                         : m->border_water_given ? row[COL_WATER_SUPPLY_L] / m->border_people
                         : m->s->standards.water_border_lpd;
    for (int st = 0; st < m->S; st++) {
        double n = 0;
        for (int g = 0; g < m->G; g++) n += m->q[st * m->G + g].total;
        row[c->site0 + st] = n;
    }
    row[COL_CAMP_POPULATION] = row[COL_CAMP_CAPACITY] = 0;
    for (int k = 0; k < m->C; k++) {
        double cap = m->capacity[(size_t)k * m->days + t];
        row[c->camp0 + k] = m->camp[k];
        row[c->capacity0 + k] = cap;
        row[COL_CAMP_POPULATION] += m->camp[k];
        row[COL_CAMP_CAPACITY] += cap;
        needs(m, m->S + k, m->camp[k], t);
    }
}

void sim_step(sim *m)
{
    int t = m->day;
    if (t >= m->days) return;
    memset(m->row, 0, sizeof *m->row * (size_t)m->cols->n);
    memset(m->flow, 0, sizeof *m->flow * (size_t)((m->S + m->C) * PLACE_FLOWS));
    depart(m, t);        /* 1-2 */
    arrive(m, t);        /* 2-3 */
    border_life(m, t);   /* 4 */
    relocate(m, t);      /* 4b */
    admit(m, t);         /* 5 */
    screen(m, t);        /* 6 */
    camp_life(m, t);     /* 7 */
    record_stocks(m, t);
    behaviour_news(&m->bh, t, m->row[COL_STRANDED], m->row[COL_ADMITTED]);   /* what travellers will hear */
    m->day++;
}

const double *sim_row(const sim *m) { return m->row; }
const double *sim_place_flows(const sim *m) { return m->flow; }
const columns *sim_columns(const sim *m) { return m->cols; }
int sim_day(const sim *m) { return m->day; }
const double *sim_waits(const sim *m) { return m->book.hist; }

int sim_camp_full(const sim *m)
{
    return routing_full(m->adm, m->camp, m->capacity, m->days, m->day > 0 ? m->day - 1 : 0);
}

double sim_people(const sim *m)
{
    double n = m->in_transit + stranded(m) + m->screening;
    for (int c = 0; c < m->C; c++) n += m->camp[c];
    return n;
}
