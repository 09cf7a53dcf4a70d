/* model: the daily border-camp model of SPEC section 1. One `sim` holds the whole
 * state of one replicate; sim_step() advances one day through the seven steps in
 * order. The caller owns the loop, so the CLI, the ensemble and the tests drive
 * the same code. */
#ifndef CAMPSIM_MODEL_H
#define CAMPSIM_MODEL_H
#include "columns.h"
#include "config.h"

typedef struct sim sim;

/* Streams of random numbers, one per part of the model, so that two policies
 * share their draws until their populations really differ. */
enum { STREAM_DEPARTURES, STREAM_BORDER, STREAM_ADMISSION, STREAM_SCREENING, STREAM_CAMPS, N_STREAMS };
/* Streams outside the model: the parameter sets (uncertainty.h), the walk of
 * the departure rates (walk.h) and the relocations and transfers (moves.h).
 * Their seeds are derived apart from the model's streams, so that having them
 * shifts none of the model's draws. */
enum { STREAM_PRIORS = N_STREAMS, STREAM_WALK, STREAM_MOVES };
/* The seed of stream `stream` of replicate r under run seed `seed`. */
unsigned long sim_stream_seed(unsigned long seed, long replicate, int stream);

/* The generator of every stream: GSL's taus2 (L'Ecuyer's maximally
 * equidistributed combined Tausworthe, period 2^88), one of the generators GSL
 * lists as fastest at simulation quality; on the reference machine a uniform
 * costs 5.7 ns against MT19937's 12.7, and a run draws about 100 a day. */
#define SIM_GENERATOR_TYPE gsl_rng_taus2
#define SIM_GENERATOR "taus2"

/* Sets up the model of scenario s under policy p (-1: the base settings), in
 * deterministic (expected values) or stochastic mode. The scenario must outlive
 * the sim. NULL when out of memory. */
sim *sim_new(const scenario *s, int policy, int deterministic);
void sim_free(sim *m);                     /* accepts NULL */

/* Lays out again everything sim_new derived from the scenario's numbers (rates,
 * journeys, quotas, capacities, supplies, vetting), after the caller changed them
 * in the scenario (a replicate's parameter set, uncertainty.h); then sim_start.
 * Returns 0, or -1 when out of memory (the sim can then only be freed). */
int sim_rederive(sim *m);

/* Puts the model back at day 0 with the initial stocks; stochastic streams are
 * seeded from (seed, replicate, stream). */
void sim_start(sim *m, unsigned long seed, long replicate);

/* Simulates the next day; its row (sim_row) then holds that day's flows and
 * end-of-day stocks, by column index of sim_columns. */
void sim_step(sim *m);

const double *sim_row(const sim *m);
/* Today's flows at each place, sites then camps: [(sites + camps) * PLACE_FLOWS]
 * by the PF_ indices of places.h. */
const double *sim_place_flows(const sim *m);
const columns *sim_columns(const sim *m);
int sim_day(const sim *m);                 /* days simulated so far */
/* People admitted after waiting w days, w = 0 .. days-1, over the days so far. */
const double *sim_waits(const sim *m);
/* The receiving camps are all full (population >= capacity) at the end of today. */
int sim_camp_full(const sim *m);
/* The sum of all stocks: for the conservation check. */
double sim_people(const sim *m);

#endif
