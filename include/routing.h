/* routing: which camps receive the people who pass screening (admission.routing,
 * docs/model.md "Several receiving camps"):
 *   camp             all to admission.camp (the one camp of earlier versions);
 *   shares           split by camp_shares (a multinomial in stochastic mode);
 *   first_with_room  the camps of camp_order in rank order, each filled to its
 *                    capacity before the next;
 *   free_places      in proportion to each receiving camp's free places.
 * A camp that is full sends what it cannot take on to the next in the order
 * (around to the first); when every receiving camp is full the last takes the
 * rest, as the one camp of `camp` routing does (camps can be over capacity). */
#ifndef CAMPSIM_ROUTING_H
#define CAMPSIM_ROUTING_H
#include "config.h"
#include "draws.h"

enum routing_kind { ROUTE_CAMP, ROUTE_SHARES, ROUTE_FIRST_WITH_ROOM, ROUTE_FREE_PLACES };

/* Resolves a's receiving camps (receiving, receiving_share, n_receiving) from
 * its routing and maps; errors go through `err` (path, message). `wrote` says
 * which maps this admission writes itself (ROUTING_WROTE_*): those its routing
 * does not read are refused (a policy inherits the base's maps, so inherited
 * ones it does not read are not). */
enum { ROUTING_WROTE_SHARES = 1, ROUTING_WROTE_ORDER = 2 };
void routing_resolve(scenario *s, admission_cfg *a, const char *path, int wrote,
                     void (*err)(void *ctx, const char *path, const char *msg), void *ctx);

/* The free places of the receiving camps together on day t: the sum of
 * capacity - population over those with room (capacity is [camps * days]). */
double routing_room(const admission_cfg *a, const double *camp, const double *capacity, int days, int t);

/* Every receiving camp is at or over capacity on day t. */
int routing_full(const admission_cfg *a, const double *camp, const double *capacity, int days, int t);

/* Puts n people who passed screening into the receiving camps (camp[]),
 * drawing from d in stochastic mode; scratch has room for 2 n_receiving. */
void routing_enter(const admission_cfg *a, double n, double *camp, const double *capacity, int days, int t,
                   const draws *d, double *scratch);

#endif
