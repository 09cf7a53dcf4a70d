/* moves: relocations and evacuations of people waiting at a border site (to a
 * camp, another site, or out of the system), and transfers between camps, on
 * dates (SPEC section 1, docs/model.md "Relocations and transfers").
 *
 * From its date, over `days` days, a move takes either `people` in all (equal
 * whole batches, never more than are there) or a `share` of the people there:
 * on its k-th day (k = 0 .. days-1) each person there goes with the chance
 * share / (days - k share), which with no other flows moves share/days of the
 * people of the first day each day, and so `share` of them by the last day
 * (share 1: everyone). At a site everyone waiting has the same chance,
 * whatever their group or wait (queue_thin); their waits are not admissions. */
#ifndef CAMPSIM_MOVES_H
#define CAMPSIM_MOVES_H
#include "columns.h"
#include "config.h"
#include "diag.h"
#include "queue.h"

/* Resolves the names of s's relocations and transfers and checks them (a
 * known site or camp, not to itself, people or share): errors to d with file
 * and line, or "--set PATH" for a setting given on the command line. */
void moves_resolve(scenario *s, const char *const *set_paths, int n_set, diag *d);

typedef struct moves moves;

/* The moves of s, or NULL when s has none (*failed = 0) or out of memory
 * (*failed = 1). Stochastic moves draw from a stream of their own
 * (STREAM_MOVES), so that they shift no other draw of the model. */
moves *moves_new(const scenario *s, int deterministic, int *failed);
void moves_free(moves *mv);   /* accepts NULL */
void moves_start(moves *mv, unsigned long seed, long replicate);

/* Today's moves: people leave the site queues q ([sites * G], site-major) and
 * the camps' populations `camp`, and join a camp, a site's queue (as
 * arrivals of today) or nobody; their flows are added to row's move columns.
 * Those relocated out of the system leave the border: they are added to
 * row's border_left as well as to relocated_out (an "of which"), and to
 * out[site] ([sites]) for the site they left. */
void moves_day(moves *mv, int t, cohort_queue *q, double *camp, double *row, const columns *cols, double *out);

#endif
