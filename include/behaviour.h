/* behaviour: people who answer to the border (docs/model.md, "Behaviour").
 *
 * Giving up. A person who has waited w whole days at a site (w = 0 on the day of
 * arrival) gives up today with probability
 *     h(w) = 1 - 2^(-F ((w + 1)^k - w^k) / m^k),
 * a Weibull patience of median m days (give_up.median_days) and shape k: with
 * nothing else removing people and F = 1, a cohort keeps 2^(-((w + 1) / m)^k)
 * of its people after w + 1 days, so half have gone after m days; k = 1 is a
 * constant daily chance 1 - 2^(-1/m), k > 1 one that rises with the wait. F
 * multiplies the hazard (not the chance, which stays below 1): aid_cut_factor
 * while aid is cut, times 1 + (water_factor - 1) * shortfall, shortfall = 1 -
 * water per person / water_border_lpd when below it. The hazard applies to who
 * neither died nor left at leave_rate today (competing risks in that order).
 *
 * Departures. Origin o's departures on day t are multiplied by
 *     (1 + W / W0)^(-e) * (closed ? c : 1),
 * W the expected wait at the end of day t - d (Little's law: people waiting at
 * all sites over the mean daily admissions of the last wait_window_days, at
 * most wait_cap_days; the cap when nobody was admitted), closed whether the
 * border admitted nobody by a closure or the closed policy that day; e, W0, c
 * and d are the origin's wait_elasticity, wait_scale_days, closed_factor and
 * news_lag_days. Before day d nothing is known: a factor of 1.
 *
 * Both are off by default and then cost nothing and draw nothing. */
#ifndef CAMPSIM_BEHAVIOUR_H
#define CAMPSIM_BEHAVIOUR_H
#include "config.h"

typedef struct {
    const scenario *s;
    int days;
    double *step;       /* [S * days]: ((w + 1)^k - w^k) ln 2 / m^k by wait w; NULL when no site gives up */
    double *hazard;     /* [days]: today's chances by wait at one site */
    double *wait;       /* [days]: the expected wait at the end of each day; NULL when no origin answers */
    double *admitted;   /* [days]: admissions of each day */
} behaviour;

/* Lays out what the scenario's numbers give (0, or -1 when out of memory). */
int behaviour_plan(behaviour *b, const scenario *s, int days);
void behaviour_free(behaviour *b);

/* Origin o's departures answer to the border (e > 0 or c != 1). */
int behaviour_answers(const origin_cfg *o);

/* The factor F of the give-up hazard at site st today (0: the site's people do
 * not give up by their wait), from aid and the water per person lpd. */
double behaviour_give_up_factor(const behaviour *b, int st, int aid_cut, double lpd);

/* Today's chances h(w), w = 0 .. today, at site st under factor F > 0. */
const double *behaviour_hazards(behaviour *b, int st, double F, int today);

/* Records the end of day t: people waiting and admitted today. */
void behaviour_news(behaviour *b, int t, double stranded, double admitted);

/* The factor of origin o's departures on day t; closed[day]: the border closed. */
double behaviour_departures(const behaviour *b, const origin_cfg *o, const unsigned char *closed, int t);

#endif
