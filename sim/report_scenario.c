/* report_scenario: the scenario's newer mechanisms in the report's words (see
 * report_parts.h): where the screened go (routing), who leaves sites and camps
 * and when, giving up by days waited, departures that answer to the border,
 * relocations and transfers, and the supplies with their dated changes. Each is
 * read from the run.cfg, with its dates and numbers, and said only when the
 * scenario uses it. */
#include "report_parts.h"
#include "behaviour.h"
#include "dates.h"
#include "moves.h"
#include "prior.h"
#include "routing.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *day_text(const scenario *s, long day, char *buf)
{
    date_format(s->start + day, buf);
    return buf;
}

static void append(char *buf, size_t n, const char *part)
{
    if (strlen(buf) + strlen(part) + 1 < n) strcat(buf, part);
}

/* "2% a day" (a daily share as a percentage, 3 significant digits). */
static void daily_share(char *buf, size_t n, double share)
{
    char v[48];
    report_number(v, sizeof v, share * 100, SIG(3));
    snprintf(buf, n, "%.40s%% a day", v);
}

void report_routing_words(const scenario *s, const admission_cfg *a, const char *who, char *buf, size_t n)
{
    char part[300];
    buf[0] = 0;
    if (a->routing == ROUTE_CAMP || a->n_receiving < 1) {
        int c = a->n_receiving > 0 ? a->receiving[0] : a->camp;
        snprintf(buf, n, "%s go to %s", who, c >= 0 && c < s->n_camps ? s->camps[c].name : "the first camp");
        return;
    }
    if (a->routing == ROUTE_SHARES) {
        snprintf(buf, n, "%s are split between the camps by fixed shares (", who);
        for (int i = 0; i < a->n_receiving; i++) {
            char v[64];
            report_number(v, sizeof v, a->receiving_share[i] * 100, SIG(3));
            snprintf(part, sizeof part, "%s%s %s%%", i ? ", " : "", s->camps[a->receiving[i]].name, v);
            append(buf, n, part);
        }
        append(buf, n, ")");
    } else if (a->routing == ROUTE_FIRST_WITH_ROOM) {
        snprintf(buf, n, "%s go to the first camp with room, in this order: ", who);
        for (int i = 0; i < a->n_receiving; i++) {
            snprintf(part, sizeof part, "%s%s", i == 0 ? "" : i == a->n_receiving - 1 ? ", then " : ", ",
                     s->camps[a->receiving[i]].name);
            append(buf, n, part);
        }
    } else {
        snprintf(buf, n, "%s are split between ", who);
        for (int i = 0; i < a->n_receiving; i++) {
            snprintf(part, sizeof part, "%s%s", i == 0 ? "" : i == a->n_receiving - 1 ? " and " : ", ",
                     s->camps[a->receiving[i]].name);
            append(buf, n, part);
        }
        append(buf, n, " in proportion to each camp's free places");
    }
    if (a->n_receiving > 1)
        append(buf, n, "; a full camp sends on to the next, and when all are full the last takes the rest, past "
                       "its places");
}

/* Who leaves a place each day: its leave_rate and dated changes ("none" for 0). */
static void leave_item(report_doc *d, const scenario *s, const char *lead, double rate, const changes *c)
{
    if (rate <= 0 && !c->n) return;
    char buf[1200], r[64], part[160], day[16];
    daily_share(r, sizeof r, rate);
    snprintf(buf, sizeof buf, "%s: %s%s", lead, rate > 0 ? r : "none", c->n ? " at the start" : "");
    for (int i = 0; i < c->n; i++) {
        char v[64];
        daily_share(v, sizeof v, c->v[i].value);
        snprintf(part, sizeof part, "%s%s from %s", i == 0 ? ", then " : ", ", c->v[i].value > 0 ? v : "none",
                 day_text(s, c->v[i].day, day));
        append(buf, sizeof buf, part);
    }
    doc_item(d, "%s.", buf);
}

/* Giving up by days waited (behaviour.h), with its half-life and shape. */
static void give_up_item(report_doc *d, const site_cfg *c, const char *names)
{
    const give_up_cfg *g = &c->give_up;
    char m[64], k[64], buf[1600], part[300];
    report_number(m, sizeof m, g->median_days, SIG(3));
    report_number(k, sizeof k, g->shape, SIG(3));
    snprintf(buf, sizeof buf, "At %s people give up waiting the longer they have waited: of the people who arrive on "
                              "one day, half have given up after %s days if nothing else takes them (a Weibull "
                              "patience of shape %s: %s)",
             names, m, k,
             g->shape > 1   ? "the daily chance of giving up rises with the days waited"
             : g->shape < 1 ? "the daily chance of giving up falls with the days waited"
                            : "the same daily chance of giving up whatever the wait");
    if (g->aid_cut_factor != 1) {
        report_number(m, sizeof m, g->aid_cut_factor, SIG(3));
        snprintf(part, sizeof part, "; the chance is %s times as high while aid is cut", m);
        append(buf, sizeof buf, part);
    }
    if (g->water_factor != 1) {
        report_number(m, sizeof m, g->water_factor, SIG(3));
        snprintf(part, sizeof part, "; up to %s times as high as water per person falls below the standard (in "
                                    "proportion to the shortfall)", m);
        append(buf, sizeof buf, part);
    }
    doc_item(d, "%s.", buf);
}

/* Departures that answer to the border (behaviour.h): the formula in words,
 * with the factor at the origin's own scale as an example. */
static void departures_item(report_doc *d, const scenario *s, const origin_cfg *o, const char *names)
{
    char buf[1600], part[700], e[64], w0[64], f[64], lag[64];
    report_number(lag, sizeof lag, (double)o->news_lag_days, 0);
    snprintf(buf, sizeof buf, "Departures from %s answer to the border as it was %s day%s before", names, lag,
             o->news_lag_days == 1 ? "" : "s");
    if (o->wait_elasticity > 0) {
        report_number(e, sizeof e, o->wait_elasticity, SIG(3));
        report_number(w0, sizeof w0, o->wait_scale_days, SIG(3));
        report_number(f, sizeof f, 100 * pow(2.0, -o->wait_elasticity), SIG(3));
        char win[64], cap[64];
        report_number(win, sizeof win, (double)s->behaviour.wait_window_days, 0);
        report_number(cap, sizeof cap, s->behaviour.wait_cap_days, SIG(3));
        snprintf(part, sizeof part, ": they fall as the expected wait grows (the people waiting over the mean daily "
                                    "admissions of the last %s days, at most %s days), times (1 + wait / %s)^-%s, so "
                                    "an expected wait of %s days leaves %s%% of them",
                 win, cap, w0, e, w0, f);
        append(buf, sizeof buf, part);
    }
    if (o->closed_factor != 1) {
        report_number(f, sizeof f, o->closed_factor, SIG(3));
        snprintf(part, sizeof part, "%s multiplied by %s while the border admits nobody",
                 o->wait_elasticity > 0 ? "; and" : ": they are", f);
        append(buf, sizeof buf, part);
    }
    doc_item(d, "%s.", buf);
}

static void move_item(report_doc *d, const scenario *s, const move_cfg *m, int transfer)
{
    char day[16], amount[160], span[64], to[200], v[64];
    const char *from = transfer ? s->camps[m->from].name : s->sites[m->from].name;
    if (!isnan(m->people)) {
        report_number(v, sizeof v, m->people, SIG(3));
        snprintf(amount, sizeof amount, "%s people in all (or all there are, if fewer)", v);
    } else {
        report_number(v, sizeof v, m->share * 100, SIG(3));
        snprintf(amount, sizeof amount, "%s%% of the people %s", v, m->share >= 1 ? "there (everyone)" : "there");
    }
    if (m->days > 1) snprintf(span, sizeof span, "over %ld days", m->days);
    else snprintf(span, sizeof span, "on the day");
    if (m->to_kind == MOVE_OUT) snprintf(to, sizeof to, "leave the system (out of the model)");
    else if (m->to_kind == MOVE_SITE) snprintf(to, sizeof to, "move to the border site %s", s->sites[m->to].name);
    else snprintf(to, sizeof to, "move to the camp %s%s", s->camps[m->to].name, transfer ? "" : " (whatever its room)");
    doc_item(d, "%s on %s: from %s, %s, %s %s.", transfer ? "A transfer" : "A relocation", day_text(s, m->day, day), from,
             span, amount, to);
}

static int same_departures(const origin_cfg *a, const origin_cfg *b)
{
    return a->wait_elasticity == b->wait_elasticity && a->wait_scale_days == b->wait_scale_days &&
           a->closed_factor == b->closed_factor && a->news_lag_days == b->news_lag_days;
}

static int same_give_up(const site_cfg *a, const site_cfg *b)
{
    return !memcmp(&a->give_up, &b->give_up, sizeof a->give_up);
}

/* "A, B and C": the names of items first..n-1 alike to item `first` (same()
 * on their index), or 0 when an earlier item is alike (it said them already). */
static int alike_names(int first, int n, int (*same)(const scenario *, int, int), const scenario *s,
                       const char *(*name)(const scenario *, int), char *buf, size_t size)
{
    for (int j = 0; j < first; j++)
        if (same(s, j, first)) return 0;
    int count = 0, last = first;
    for (int j = first; j < n; j++)
        if (same(s, first, j)) { count++; last = j; }
    buf[0] = 0;
    for (int j = first, k = 0; j < n; j++) {
        if (!same(s, first, j)) continue;
        append(buf, size, k == 0 ? "" : j == last ? " and " : ", ");
        append(buf, size, name(s, j));
        k++;
    }
    return count;
}

static int origins_alike(const scenario *s, int i, int j)
{
    return behaviour_answers(&s->origins[j]) && same_departures(&s->origins[i], &s->origins[j]);
}
static int sites_alike(const scenario *s, int i, int j)
{
    return s->sites[j].give_up.median_days > 0 && same_give_up(&s->sites[i], &s->sites[j]);
}
static const char *origin_name(const scenario *s, int i) { return s->origins[i].name; }
static const char *site_name(const scenario *s, int i) { return s->sites[i].name; }

void report_mechanisms(report_doc *d, const scenario *s)
{
    char names[1000];
    /* places alike are said once, with all their names */
    for (int i = 0; i < s->n_origins; i++)
        if (behaviour_answers(&s->origins[i]) && alike_names(i, s->n_origins, origins_alike, s, origin_name, names, sizeof names))
            departures_item(d, s, &s->origins[i], names);
    for (int i = 0; i < s->n_sites; i++) {
        const site_cfg *c = &s->sites[i];
        char lead[300];
        snprintf(lead, sizeof lead, "People waiting at %s who leave each day, whatever the days waited", c->name);
        leave_item(d, s, lead, c->leave_rate, &c->leave_changes);
    }
    for (int i = 0; i < s->n_sites; i++)
        if (s->sites[i].give_up.median_days > 0 && alike_names(i, s->n_sites, sites_alike, s, site_name, names, sizeof names))
            give_up_item(d, &s->sites[i], names);
    for (int i = 0; i < s->n_camps; i++) {
        const camp_cfg *c = &s->camps[i];
        char lead[300];
        snprintf(lead, sizeof lead, "People in the camp %s who leave each day%s", c->name,
                 c->return_share > 0 ? " (some back to the border, as said above)" : " (out of the model)");
        leave_item(d, s, lead, c->leave_rate, &c->leave_changes);
    }
    for (int i = 0; i < s->n_relocations; i++) move_item(d, s, &s->relocations[i], 0);
    for (int i = 0; i < s->n_transfers; i++) move_item(d, s, &s->transfers[i], 1);
}

int report_any_gives_up(const scenario *s)
{
    for (int i = 0; i < s->n_sites; i++)
        if (s->sites[i].give_up.median_days > 0) return 1;
    return 0;
}

int report_any_answers(const scenario *s)
{
    for (int i = 0; i < s->n_origins; i++)
        if (behaviour_answers(&s->origins[i])) return 1;
    return 0;
}

/* The supplies of one place that are not "enough", with each one's dated changes. */
void report_supply_item(report_doc *d, const scenario *s, const char *place, const supply_cfg *c)
{
    static const char *const what[] = {"litres of water a day", "kcal of food a day", "shelters", "latrines",
                                       "health facilities"};
    double v[] = {c->water_l, c->food_kcal, c->shelters, c->latrines, c->health_facilities};
    const changes *ch[] = {&c->water_changes, &c->food_changes, &c->shelter_changes, &c->latrine_changes,
                           &c->health_changes};
    char buf[1600] = "", num[64], part[200], day[16];
    for (int i = 0; i < 5; i++) {
        if (v[i] < 0 && !ch[i]->n) continue;
        if (v[i] < 0) snprintf(part, sizeof part, "%senough %s at the start", *buf ? "; " : "", what[i]);
        else {
            report_number(num, sizeof num, v[i], SIG(3));
            snprintf(part, sizeof part, "%s%s %s", *buf ? "; " : "", num, what[i]);
        }
        append(buf, sizeof buf, part);
        for (int k = 0; k < ch[i]->n; k++) {
            report_number(num, sizeof num, ch[i]->v[k].value, SIG(3));
            snprintf(part, sizeof part, "%s%s from %s", k ? ", " : ", then ", ch[i]->v[k].value < 0 ? "enough" : num,
                     day_text(s, ch[i]->v[k].day, day));
            append(buf, sizeof buf, part);
        }
    }
    /* the cut factors multiply only amounts the scenario gives (needs.c): "enough" stays enough */
    static const char *const short_what[] = {"water", "food"};
    double cutf[] = {c->water_cut_factor, c->food_cut_factor};
    for (int i = 0; i < 2; i++) {
        if (cutf[i] == 1 || (v[i] < 0 && !ch[i]->n)) continue;
        report_number(num, sizeof num, cutf[i], SIG(3));
        snprintf(part, sizeof part, "; while aid is cut, %s times %s", short_what[i], num);
        append(buf, sizeof buf, part);
    }
    for (int i = 0; i < c->n_deliveries; i++) {
        const delivery *dv = &c->deliveries[i];
        char rd[64];
        report_number(rd, sizeof rd, dv->ration_days, SIG(3));
        snprintf(part, sizeof part, "%sa delivery from %s of %s days of rations for everyone there, over %ld day%s",
                 *buf ? "; " : "", day_text(s, dv->day, day), rd, dv->days, dv->days == 1 ? "" : "s");
        append(buf, sizeof buf, part);
    }
    if (*buf) doc_item(d, "Supplies at %s: %s; everything else is assumed enough.", place, buf);
}

/* One prior in words: "uniform from 0 to 0.03" (prior.h's distributions). */
static void prior_words(const prior_cfg *p, char *buf, size_t n)
{
    char a[64], b[64];
    static const char *const names[] = {"uniform", "log-uniform", "normal", "lognormal", "beta", "gamma"};
    const char *name = p->dist >= 0 && p->dist < 6 ? names[p->dist] : "drawn";
    double x = NAN, y = NAN;
    const char *fx = "from", *fy = "to";
    switch (p->dist) {
    case PRIOR_UNIFORM: case PRIOR_LOGUNIFORM: x = p->lo; y = p->hi; break;
    case PRIOR_NORMAL: x = p->mean; y = p->sd; fx = "of mean"; fy = "and sd"; break;
    case PRIOR_LOGNORMAL: x = p->median; y = p->sd_log; fx = "of median"; fy = "and sd of the log"; break;
    case PRIOR_BETA: x = p->a; y = p->b; fx = "with a ="; fy = "and b ="; break;
    case PRIOR_GAMMA: x = p->shape; y = p->scale; fx = "of shape"; fy = "and scale"; break;
    default: break;
    }
    report_number(a, sizeof a, x, SIG(3));
    report_number(b, sizeof b, y, SIG(3));
    if (isnan(x) || isnan(y)) snprintf(buf, n, "%s", name);
    else snprintf(buf, n, "%s %s %s %s %s", name, fx, a, fy, b);
    if (p->dist != PRIOR_UNIFORM && p->dist != PRIOR_LOGUNIFORM && (!isnan(p->lo) || !isnan(p->hi))) {   /* truncated */
        char part[200];
        report_number(a, sizeof a, p->lo, SIG(3));
        report_number(b, sizeof b, p->hi, SIG(3));
        if (isnan(p->hi)) snprintf(part, sizeof part, ", at least %s", a);
        else if (isnan(p->lo)) snprintf(part, sizeof part, ", at most %s", b);
        else snprintf(part, sizeof part, ", within %s to %s", a, b);
        append(buf, n, part);
    }
}

void report_priors_item(report_doc *d, const scenario *s)
{
    if (s->n_priors < 1 || (s->posterior && *s->posterior)) return;
    char buf[2400] = "", part[400], w[300];
    for (int i = 0; i < s->n_priors; i++) {
        prior_words(&s->priors[i], w, sizeof w);
        snprintf(part, sizeof part, "%s%s %s", i ? "; " : "", s->priors[i].path, w);
        append(buf, sizeof buf, part);
    }
    doc_item(d, "For these settings the values above are the scenario file's, not those drawn; each replicate draws "
                "them from: %s.", buf);
}
