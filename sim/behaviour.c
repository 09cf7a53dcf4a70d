/* behaviour: giving up by the days waited, and departures that answer to the
 * border (the formulas are in behaviour.h). */
#include "behaviour.h"
#include <math.h>
#include <stdlib.h>

#define LN2 0.693147180559945309417232121458   /* M_LN2 is not in C11 or POSIX */

int behaviour_answers(const origin_cfg *o) { return o->wait_elasticity > 0 || o->closed_factor != 1; }

int behaviour_plan(behaviour *b, const scenario *s, int days)
{
    *b = (behaviour){.s = s, .days = days};
    int give_up = 0, answer = 0;
    for (int st = 0; st < s->n_sites; st++) give_up |= s->sites[st].give_up.median_days > 0;
    for (int o = 0; o < s->n_origins; o++) answer |= behaviour_answers(&s->origins[o]);
    size_t n = days > 0 ? (size_t)days : 1;
    if (give_up) {
        b->step = calloc(n * (size_t)s->n_sites, sizeof *b->step);
        b->hazard = calloc(n, sizeof *b->hazard);
        if (!b->step || !b->hazard) return -1;
        for (int st = 0; st < s->n_sites; st++) {
            const give_up_cfg *g = &s->sites[st].give_up;
            if (g->median_days <= 0) continue;
            /* Differences of the cumulative hazard ln 2 (w / m)^k, so that a
             * cohort's chances multiply out to 2^(-((w + 1) / m)^k) exactly. */
            double *step = b->step + (size_t)st * n, prev = 0;
            for (int w = 0; w < days; w++) {
                double H = LN2 * pow((w + 1) / g->median_days, g->shape);
                step[w] = H - prev;
                prev = H;
            }
        }
    }
    if (answer) {
        b->wait = calloc(n, sizeof *b->wait);
        b->admitted = calloc(n, sizeof *b->admitted);
        if (!b->wait || !b->admitted) return -1;
    }
    return 0;
}

void behaviour_free(behaviour *b)
{
    free(b->step); free(b->hazard); free(b->wait); free(b->admitted);
    b->step = b->hazard = b->wait = b->admitted = NULL;
}

double behaviour_give_up_factor(const behaviour *b, int st, int aid_cut, double lpd)
{
    const give_up_cfg *g = &b->s->sites[st].give_up;
    if (!b->step || g->median_days <= 0) return 0;
    double F = aid_cut ? g->aid_cut_factor : 1.0, standard = b->s->standards.water_border_lpd;
    if (standard > 0 && lpd < standard) F *= 1.0 + (g->water_factor - 1.0) * (1.0 - lpd / standard);
    return F;
}

const double *behaviour_hazards(behaviour *b, int st, double F, int today)
{
    const double *step = b->step + (size_t)st * (size_t)b->days;
    for (int w = 0; w <= today && w < b->days; w++) b->hazard[w] = -expm1(-F * step[w]);
    return b->hazard;
}

void behaviour_news(behaviour *b, int t, double stranded, double admitted)
{
    if (!b->wait) return;
    b->admitted[t] = admitted;
    long k = b->s->behaviour.wait_window_days;
    int from = t - k + 1 > 0 ? (int)(t - k + 1) : 0;
    double sum = 0;
    for (int i = from; i <= t; i++) sum += b->admitted[i];
    /* Little's law, W = L / lambda, with lambda the mean over the days of the
     * window that have passed (fewer at the start). */
    double cap = b->s->behaviour.wait_cap_days, rate = sum / (t - from + 1);
    b->wait[t] = stranded <= 0 ? 0 : rate <= 0 || stranded / rate > cap ? cap : stranded / rate;
}

double behaviour_departures(const behaviour *b, const origin_cfg *o, const unsigned char *closed, int t)
{
    long known = t - o->news_lag_days;
    if (!b->wait || known < 0) return 1.0;
    double f = o->wait_elasticity > 0 ? pow(1.0 + b->wait[known] / o->wait_scale_days, -o->wait_elasticity) : 1.0;
    return closed[known] ? f * o->closed_factor : f;
}
