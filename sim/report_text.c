/* report_text: the report's sentences (see report_parts.h): the scenario's
 * assumptions from its run.cfg, what limited admissions, the differences of a
 * comparison, and what the model leaves out. */
#include "report_parts.h"
#include "columns.h"
#include "dates.h"
#include "moves.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int report_policy_index(const scenario *s, const char *name)
{
    for (int i = 0; name && i < s->n_policies; i++)
        if (!strcmp(s->policies[i].name, name)) return i;
    return -1;
}

static const char *date_of(const scenario *s, long day, char *buf)
{
    date_format(s->start + day, buf);
    return buf;
}

void report_difference(char *buf, size_t n, double mean, double lo, double hi, int digits, const char *more,
                       const char *less)
{
    char m[64], a[64], b[64];
    report_number(m, sizeof m, fabs(mean), digits);
    if (!strcmp(m, "0") && (isnan(lo) || (lo <= 0 && hi >= 0))) { snprintf(buf, n, "no difference"); return; }
    const char *way = mean > 0 ? more : less;
    if (isnan(lo) || isnan(hi)) { snprintf(buf, n, "%s %s", m, way); return; }
    if (lo <= 0 && hi >= 0) {   /* the band holds no difference too */
        report_number(a, sizeof a, fabs(lo), digits);
        report_number(b, sizeof b, hi, digits);
        snprintf(buf, n, "%s %s, not a clear difference (band from %s %s to %s %s)", m, way, a, less, b, more);
        return;
    }
    double x = fabs(lo), y = fabs(hi);   /* one side of zero: the band in the same words */
    report_number(a, sizeof a, x < y ? x : y, digits);
    report_number(b, sizeof b, x < y ? y : x, digits);
    if (!strcmp(a, b)) snprintf(buf, n, "%s %s", m, way);
    else snprintf(buf, n, "%s %s (band %s to %s)", m, way, a, b);
}

void report_intro(report_doc *d, const scenario *s, const char *band_words, int deterministic)
{
    if (!s) {
        doc_para(d, "The folder's run.cfg could not be read, so this report gives the numbers without the scenario's "
                    "settings.");
        return;
    }
    char a[16], b[16];
    if (deterministic) {
        doc_para(d, "Scenario %s: %ld days from %s to %s, one deterministic run: every random draw replaced by its "
                    "mean, so there are no bands. The numbers are rounded to what the model can support (at most "
                    "three significant digits); the CSV files hold them at full precision.",
                 s->name, s->days, date_of(s, 0, a), date_of(s, s->days - 1, b));
        return;
    }
    doc_para(d, "Scenario %s: %ld days from %s to %s, %ld replicates (seed %ld).", s->name, s->days, date_of(s, 0, a),
             date_of(s, s->days - 1, b), s->replicates, s->seed);
    doc_para(d, "Each number is the mean over the replicates, rounded to what the model can support (at most three "
                "significant digits). The %s after it is the range that held the middle replicates (with the "
                "default quantiles, the 5th to the 95th percentile: 90%% of them). The CSV files in the folder hold "
                "every number at the precision of its column.", band_words);
}

/* ---- what limited admissions ---- */

/* The policy's own limit in words, or 0 for a policy that has none of its own
 * (screening, open, closed: what limits them is counted under another name). */
static int quota_words(const admission_cfg *a, char *buf, size_t n)
{
    char q[64];
    report_number(q, sizeof q, a->quota, SIG(3));
    const char *what = a->policy == POLICY_QUOTA ? "quota" : "cap";
    if ((a->policy == POLICY_QUOTA || (a->policy == POLICY_CAPACITY && a->quota > 0)) && a->quota_changes.n)
        snprintf(buf, n, "the %s (%s a day at the start, changed on later dates)", what, q);
    else if (a->policy == POLICY_QUOTA || (a->policy == POLICY_CAPACITY && a->quota > 0))
        snprintf(buf, n, "the %s of %s a day", what, q);
    else if (a->policy == POLICY_CAPACITY) snprintf(buf, n, "the camp room the policy admits to");
    else if (a->policy == POLICY_PROPORTIONAL) snprintf(buf, n, "the policy's share of those waiting");
    else return 0;
    return 1;
}

void report_limits(report_doc *d, const csv *c, const scenario *s, int policy, const char *policy_name)
{
    static const struct { const char *metric, *words; } limits[] = {
        {"days_bound_screening", "screening room limited admissions"},
        {"days_bound_camp", "camp room limited admissions"},
        {"days_bound_closure", "the border was closed"},
        {"days_bound_nobody", "nobody was waiting to be admitted"},
    };
    int mcol = csv_col(c, "metric"), mean = csv_col(c, "mean"), pcol = policy_name ? csv_col(c, "policy") : -1;
    int rq = csv_find(c, mcol, "days_bound_quota", pcol, policy_name);
    if (!policy_name) doc_heading(d, 2, "What limited admissions");
    if (rq < 0) {
        doc_para(d, "%s%sThis run does not record which limit set admissions each day.", policy_name ? policy_name : "",
                 policy_name ? ": " : "");
        return;
    }
    const admission_cfg *a = s ? scenario_admission(s, policy) : NULL;
    char quota[160] = "the policy's own amount", line[1500] = "", part[300], days[64];
    int own = a ? quota_words(a, quota, sizeof quota) : 1;
    report_number(days, sizeof days, csv_num(c, rq, mean), 0);
    int never = !strcmp(days, "0");
    if (own && never) snprintf(line, sizeof line, "%s never bound", quota);
    else if (own) snprintf(line, sizeof line, "%s limited admissions on %s days", quota, days);
    double order[4];   /* the other limits, most days first */
    int idx[4], k = 0, parts = 0;
    for (int i = 0; i < 4; i++) {
        int r = csv_find(c, mcol, limits[i].metric, pcol, policy_name);
        double v = r < 0 ? 0 : csv_num(c, r, mean);
        int j = k++;
        while (j > 0 && order[j - 1] < v) { order[j] = order[j - 1]; idx[j] = idx[j - 1]; j--; }
        order[j] = v;
        idx[j] = i;
    }
    for (int i = 0; i < 4; i++) {
        report_number(days, sizeof days, order[i], 0);
        if (!strcmp(days, "0")) continue;
        /* after "never bound", a colon: what did */
        const char *sep = !*line ? "" : parts == 0 && own && never ? ": " : "; ";
        parts++;
        snprintf(part, sizeof part, "%s%s on %s days", sep, limits[idx[i]].words, days);
        if (strlen(line) + strlen(part) + 1 < sizeof line) strcat(line, part);
    }
    if (!*line) snprintf(line, sizeof line, "everyone waiting was admitted every day");
    line[0] = (char)(line[0] >= 'a' && line[0] <= 'z' ? line[0] - 'a' + 'A' : line[0]);
    if (policy_name) doc_item(d, "%s: %s.", policy_name, line);
    else {
        doc_para(d, "%s.", line);
        if (s)
            doc_para(d, "Days are means over the replicates, of %ld days; on days not counted here everyone waiting "
                        "was admitted.", s->days);
    }
}

/* ---- the assumptions ---- */

static void left_out(report_doc *d, const scenario *s);


static const char *order_kinds[] = {"first come, first served", "the vulnerable first", "in random order"};

static void ranges_words(const scenario *s, const ranges *r, char *buf, size_t n)
{
    buf[0] = 0;
    for (int i = 0; i < r->n; i++) {
        char a[16], b[16], part[64];
        snprintf(part, sizeof part, "%s%s to %s", i ? ", " : "", date_of(s, r->v[i].from, a), date_of(s, r->v[i].to, b));
        if (strlen(buf) + strlen(part) + 1 < n) strcat(buf, part);
    }
}

static void changes_words(const scenario *s, const changes *c, char *buf, size_t n)
{
    buf[0] = 0;
    for (int i = 0; i < c->n; i++) {
        char a[16], v[64], part[128];
        report_number(v, sizeof v, c->v[i].value, SIG(3));
        snprintf(part, sizeof part, "%s%s from %s", i ? ", " : "", v, date_of(s, c->v[i].day, a));
        if (strlen(buf) + strlen(part) + 1 < n) strcat(buf, part);
    }
}

static void admission_items(report_doc *d, const scenario *s, const admission_cfg *a, const aid_cfg *aid)
{
    char q[64], buf[1200];
    report_number(q, sizeof q, a->quota, SIG(3));
    switch (a->policy) {
    case POLICY_QUOTA: doc_item(d, "Admission: a quota of %s people a day, %s.", q, order_kinds[a->order]); break;
    case POLICY_SCREENING: doc_item(d, "Admission: as many as screening has room for, %s.", order_kinds[a->order]); break;
    case POLICY_CAPACITY: {
        char r[64];
        report_number(r, sizeof r, a->reserve, SIG(3));
        doc_item(d, "Admission: as many as the %s room for, keeping %s places in reserve%s%s%s, %s.",
                 a->n_receiving > 1 ? "receiving camps have" : "camp has", r,
                 a->quota > 0 ? ", at most " : "", a->quota > 0 ? q : "", a->quota > 0 ? " a day" : "",
                 order_kinds[a->order]);
        break;
    }
    case POLICY_PROPORTIONAL: {
        char f[64];
        report_number(f, sizeof f, a->fraction * 100, SIG(3));
        doc_item(d, "Admission: %s%% of those waiting each day, %s.", f, order_kinds[a->order]);
        break;
    }
    case POLICY_OPEN: doc_item(d, "Admission: everyone waiting (open border)."); break;
    default: doc_item(d, "Admission: nobody (the border is closed)."); break;
    }
    if (a->quota_changes.n && (a->policy == POLICY_QUOTA || a->policy == POLICY_CAPACITY)) {
        changes_words(s, &a->quota_changes, buf, sizeof buf);
        doc_item(d, "The quota changes: %s.", buf);
    }
    if (a->fraction_changes.n && a->policy == POLICY_PROPORTIONAL) {
        changes_words(s, &a->fraction_changes, buf, sizeof buf);
        doc_item(d, "The share changes: %s.", buf);
    }
    static const char *const kinds[] = {"a quota", "as many as screening has room for",
                                        "as many as the camp has room for", "a share of those waiting",
                                        "everyone waiting", "nobody"};
    for (int i = 0; i < a->n_policy_changes; i++) {
        const policy_change *c = &a->policy_changes[i];
        char day[16];
        if (c->policy != POLICY_SAME && c->order != ORDER_SAME)
            doc_item(d, "From %s the policy admits %s, %s.", date_of(s, c->day, day), kinds[c->policy],
                     order_kinds[c->order]);
        else if (c->policy != POLICY_SAME)
            doc_item(d, "From %s the policy admits %s.", date_of(s, c->day, day), kinds[c->policy]);
        else if (c->order != ORDER_SAME)
            doc_item(d, "From %s admission goes %s.", date_of(s, c->day, day), order_kinds[c->order]);
    }
    for (int i = 0; i < a->reserved_shares.n; i++) {
        char sh[64];
        report_number(sh, sizeof sh, a->reserved_shares.v[i].value * 100, SIG(3));
        doc_item(d, "%s%% of each site's daily admissions is kept for group %s.", sh, a->reserved_shares.v[i].name);
    }
    if (a->camp_limit)
        doc_item(d, "Every policy is held to the free places of the receiving camp%s.", a->n_receiving > 1 ? "s" : "");
    if (a->closures.n) {
        ranges_words(s, &a->closures, buf, sizeof buf);
        doc_item(d, "The border is closed (nobody admitted) %s.", buf);
    }
    char days[64], sd[64], rej[64], cap[64], route[600];
    report_number(days, sizeof days, a->screening.days, 1);
    report_number(sd, sizeof sd, a->screening.sd_days, 1);
    report_number(rej, sizeof rej, a->screening.reject * 100, SIG(3));
    report_number(cap, sizeof cap, a->screening.capacity, 0);
    int unlimited = !(a->screening.capacity > 0 && a->screening.capacity < 1e9);
    int none = a->screening.days == 0 && a->screening.reject == 0 && unlimited;
    report_routing_words(s, a, none ? "they" : "the screened", route, sizeof route);
    if (none)
        doc_item(d, "Nobody is screened or refused: the admitted enter a camp the same day; %s.", route);
    else
        doc_item(d, "Screening takes %s days on average (sd %s), refuses %s%% of those screened, and has room for %s "
                    "people at a time; %s.",
                 days, sd, rej, unlimited ? "any number of" : cap, route);
    if (aid && aid->cuts.n) {
        ranges_words(s, &aid->cuts, buf, sizeof buf);
        doc_item(d, "Aid is cut %s (supplies and mortality multiplied by each place's cut factors).", buf);
    }
}

void report_policy_settings(report_doc *d, const scenario *s, int policy)
{
    char title[300];
    snprintf(title, sizeof title, "Policy %s", s->policies[policy].name);
    doc_heading(d, 3, title);
    admission_items(d, s, scenario_admission(s, policy), scenario_aid(s, policy));
}

/* "; 30 births per 1,000 people a year", or nothing without births. */
static void births_words(char *buf, size_t n, double rate)
{
    char b[64];
    report_number(b, sizeof b, rate, SIG(3));
    if (rate > 0) snprintf(buf, n, "; %s births per 1,000 people a year", b);
}

void report_assumptions(report_doc *d, const scenario *s, int policy, int drawn)
{
    doc_heading(d, 2, "The scenario's assumptions");
    if (!s) { doc_para(d, "Not known: the folder's run.cfg could not be read."); return; }
    char a[16], buf[1200];
    for (int i = 0; i < s->n_origins; i++) {
        const origin_cfg *o = &s->origins[i];
        char rate[64], mean[64], loss[64];
        report_number(rate, sizeof rate, o->rate * s->rate_factor, SIG(3));
        report_number(mean, sizeof mean, o->travel.mean_days, 1);
        report_number(loss, sizeof loss, o->travel.loss * 100, SIG(3));
        if (o->rate > 0 || o->rate_changes.n) {
            /* the dated rates, times rate_factor as the model applies it */
            char later[1300] = "";
            changes scaled = o->rate_changes;
            dated_value v[64];
            if (scaled.n <= 64) {
                for (int k = 0; k < scaled.n; k++) v[k] = (dated_value){scaled.v[k].day, scaled.v[k].value * s->rate_factor};
                scaled.v = v;
                changes_words(s, &scaled, buf, sizeof buf);
                snprintf(later, sizeof later, " at the start, then %s", buf);
            } else snprintf(later, sizeof later, " at the start (the rate changes on later dates)");
            char split[600] = "";   /* with several sites, where they go */
            for (int k = 0; s->n_sites > 1 && o->site_share && k < s->n_sites; k++) {
                char sh[64], part[200];
                report_number(sh, sizeof sh, o->site_share[k] * 100, SIG(3));
                snprintf(part, sizeof part, "%s%s %s%%", k ? ", " : "; they go to ", s->sites[k].name, sh);
                if (strlen(split) + strlen(part) + 1 < sizeof split) strcat(split, part);
            }
            doc_item(d, "From %s, %s people a day set out%s; the journey takes %s day%s on average and %s%% are lost on "
                        "the way%s.", o->name, rate, o->rate_changes.n ? later : "", mean, strcmp(mean, "1") ? "s" : "",
                     loss, split);
        }
        for (int k = 0; k < o->n_surges; k++) {
            char p[64];
            report_number(p, sizeof p, o->surges[k].people * s->surge_factor, SIG(3));
            doc_item(d, "A surge from %s: %s more people over %ld days from %s.", o->name, p, o->surges[k].days,
                     date_of(s, o->surges[k].day, a));
        }
    }
    for (int i = 0; i < s->n_sites; i++) {
        const site_cfg *c = &s->sites[i];
        char init[64], cmr[64];
        report_number(init, sizeof init, c->initial, SIG(3));
        report_number(cmr, sizeof cmr, c->cmr, SIG(3));
        char cut[160] = "";
        if (c->aid_cut_factor != 1) {
            char f[64];
            report_number(f, sizeof f, c->aid_cut_factor, SIG(3));
            snprintf(cut, sizeof cut, " (%s times that while aid is cut)", f);
        }
        char births[160] = "";
        births_words(births, sizeof births, c->birth_rate);
        doc_item(d, "Border site %s: %s people waiting on day 0; %s deaths per 10,000 people a day%s%s.", c->name, init,
                 cmr, cut, births);
    }
    admission_items(d, s, scenario_admission(s, policy), scenario_aid(s, policy));
    for (int i = 0; i < s->n_camps; i++) {
        const camp_cfg *c = &s->camps[i];
        char init[64], cap[64], exp[800];
        report_number(init, sizeof init, c->initial, SIG(3));
        report_number(cap, sizeof cap, c->capacity, SIG(3));
        changes_words(s, &c->expansions, exp, sizeof exp);
        char cmr[64];
        report_number(cmr, sizeof cmr, c->cmr, SIG(3));
        char births[160] = "";
        births_words(births, sizeof births, c->birth_rate);
        doc_item(d, "Camp %s: %s people and %s places on day 0%s%s; %s deaths per 10,000 people a day%s.", c->name, init,
                 cap, c->expansions.n ? "; places added: " : "", exp, cmr, births);
        if (c->return_share > 0) {
            char r[64];
            report_number(r, sizeof r, c->return_share * 100, SIG(3));
            doc_item(d, "Of the people leaving %s, %s%% go back to a border site.", c->name, r);
        }
    }
    report_mechanisms(d, s);
    for (int i = 0; i < s->n_sites; i++) report_supply_item(d, s, s->sites[i].name, &s->sites[i].supply);
    for (int i = 0; i < s->n_camps; i++) report_supply_item(d, s, s->camps[i].name, &s->camps[i].supply);
    const standards_cfg *st = &s->standards;
    double sv[] = {st->water_border_lpd, st->water_camp_lpd, st->water_minimum_lpd, st->persons_per_shelter,
                   st->persons_per_latrine_border, st->persons_per_latrine_camp, st->persons_per_health_facility,
                   st->kcal_per_person};
    char sn[8][64];
    for (int i = 0; i < 8; i++) report_number(sn[i], sizeof sn[i], sv[i], SIG(3));
    snprintf(buf, sizeof buf, "Standards: %s litres of water a person a day at the border and %s in camps (survival "
                              "minimum %s); %s people a shelter; a latrine for %s people at the border and %s in camps; "
                              "a health facility for %s people; %s kcal a person a day.",
             sn[0], sn[1], sn[2], sn[3], sn[4], sn[5], sn[6], sn[7]);
    doc_item(d, "%s", buf);
    if (s->conditions.water_mortality) {
        char wt[64], wf[64];
        report_number(wt, sizeof wt, s->conditions.water_threshold_lpd, SIG(3));
        report_number(wf, sizeof wf, s->conditions.water_max_factor, SIG(3));
        doc_item(d, "Deaths at the border rise when water falls below %s litres a person a day, up to %s times the "
                    "usual rate with no water (an assumption, not fitted to data).", wt, wf);
    }
    if (s->walk.volatility > 0) {
        char v[64];
        report_number(v, sizeof v, s->walk.volatility, SIG(3));
        doc_item(d, "Departures rise and fall with chance over time: a random walk of the rate (volatility %s, a "
                    "step every %ld days), different in each replicate.", v, s->walk.step_days);
    }
    if (drawn && (s->n_priors > 0 || (s->posterior && *s->posterior))) {
        /* only when the replicates drew them: a run with every uncertain setting pinned (--fixed, or
         * --set of each) is a run of fixed settings, and says nothing of them */
        char buf2[1200] = "";
        for (int i = 0; i < s->n_priors; i++) {
            if (strlen(buf2) + strlen(s->priors[i].path) + 3 >= sizeof buf2) break;
            if (i) strcat(buf2, ", ");
            strcat(buf2, s->priors[i].path);
        }
        doc_item(d, "Uncertain settings are drawn anew for each replicate%s%s%s, so the bands hold that "
                    "uncertainty too; each replicate's values are in parameters.csv.",
                 *buf2 ? " (" : "", buf2, *buf2 ? ")" : "");
        report_priors_item(d, s);
    }
    left_out(d, s);
}

/* What the model leaves out, said of this scenario: what its mechanisms do
 * answer to is not listed as left out. */
static void left_out(report_doc *d, const scenario *s)
{
    int answers = report_any_answers(s), gives_up = report_any_gives_up(s), water_gu = 0, to_site = 0;
    for (int i = 0; i < s->n_sites; i++) water_gu |= s->sites[i].give_up.median_days > 0 && s->sites[i].give_up.water_factor != 1;
    for (int i = 0; i < s->n_relocations; i++) to_site |= s->relocations[i].to_kind == MOVE_SITE;
    doc_heading(d, 3, "What the model leaves out");
    doc_item(d, "People are counted, not followed one by one: everyone in a group at a site shares the same rates.");
    if (answers)
        doc_item(d, "Departures follow the scenario's rates and surges and answer to the border only as said above "
                    "(the expected wait, closures); they do not answer to conditions at the border or to any other "
                    "news.");
    else
        doc_item(d, "Departures follow the scenario's rates and surges; they do not answer to the policy, to "
                    "conditions at the border or to news of admissions.");
    const char *water = s->conditions.water_mortality && water_gu ? "Only water changes deaths and giving up"
                        : s->conditions.water_mortality            ? "Only water changes deaths"
                        : water_gu                                 ? "Only water changes giving up (not deaths)"
                                                                   : NULL;
    if (water)
        doc_item(d, "%s; food, shelter, latrine and health shortfalls are counted but change neither deaths nor "
                    "departures.", water);
    else
        doc_item(d, "Shortfalls of water, food, shelter, latrines and health care are counted but change neither "
                    "deaths nor departures.");
    if (!gives_up)
        doc_item(d, "Nobody's patience runs out: who leaves a border site leaves at the site's daily rate, whatever "
                    "the days already waited.");
    doc_item(d, "%s%s no security incidents, outbreaks or weather beyond what the rates say.",
             s->n_sites < 2 ? "" : to_site ? "People move between border sites only in the relocations above; "
                                           : "Nobody moves between border sites; ",
             s->n_sites < 2 ? "There are" : "there are");
    doc_item(d, "Supplies are what the scenario says: nobody in the model sends more when a place is short.");
    doc_item(d, "Camps do not track groups, ages or sexes; people already waiting on day 0 count as arrived that day, "
                "so their waits are too short%s.", gives_up ? " (and their patience is counted from day 0)" : "");
}

void report_footer(report_doc *d, int compare)
{
    doc_para(d, "Made by campsim %s from the CSV files of this folder, which hold every number at full precision. "
                "To run it again, from inside the folder: %s.",
             CAMPSIM_VERSION, compare ? "campsim compare POLICY/run.cfg -o another-folder (any policy's run.cfg "
                                        "holds the whole scenario)"
                                      : "campsim run run.cfg -o another-folder");
}
