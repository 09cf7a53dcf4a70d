/* columns: the one table of output columns (see columns.h). */
#include "columns.h"
#include "places.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const column_def columns_fixed[N_FIXED_COLUMNS] = {
    [COL_SET_OUT] = {"set_out", COL_FLOW, "people who set out toward the border today", "People setting out toward the border", 0},
    [COL_TRANSIT_LOST] = {"transit_lost", COL_FLOW, "travellers who did not arrive (lost on the way) today", "People lost on the way", 0},
    [COL_IN_TRANSIT] = {"in_transit", COL_STOCK, "people on their way at the end of the day", "People on their way", 0},
    [COL_ARRIVALS] = {"arrivals", COL_FLOW, "people who reached a border site today", "People arriving at the border", 0},
    [COL_BORDER_BIRTHS] = {"border_births", COL_FLOW, "births at the border sites", "Births at the border", 0},
    [COL_BORDER_DEATHS] = {"border_deaths", COL_FLOW, "deaths at the border sites", "Deaths at the border", 0},
    [COL_BORDER_LEFT] = {"border_left", COL_FLOW, "people who left the border out of the system: gave up waiting, or were relocated out (of which relocated_out)", "People who gave up waiting or were relocated out", 0},
    [COL_ADMITTED] = {"admitted", COL_FLOW, "people admitted into screening", "People admitted", 0},
    [COL_STRANDED] = {"stranded", COL_STOCK, "people waiting at all border sites", "People stranded at the border", 0},
    [COL_SCREENING] = {"screening", COL_STOCK, "people being vetted", "People being screened", 0},
    [COL_REJECTED] = {"rejected", COL_FLOW, "people refused after vetting (leave the system)", "People refused after screening", 0},
    [COL_CAMP_ENTRIES] = {"camp_entries", COL_FLOW, "people entering the camp after vetting", "People entering the camps", 0},
    [COL_CAMP_BIRTHS] = {"camp_births", COL_FLOW, "births in the camps", "Births in the camps", 0},
    [COL_CAMP_DEATHS] = {"camp_deaths", COL_FLOW, "deaths in the camps", "Deaths in the camps", 0},
    [COL_CAMP_LEFT] = {"camp_left", COL_FLOW, "people leaving the camps", "People leaving the camps", 0},
    [COL_CAMP_POPULATION] = {"camp_population", COL_STOCK, "people in all camps", "People in the camps", 0},
    [COL_CAMP_CAPACITY] = {"camp_capacity", COL_STOCK, "places in all camps", "Places in the camps", 0},
    [COL_WAIT_MEAN] = {"wait_mean", COL_MEAN, "mean wait in days of the people admitted today (0: none)", "Mean wait of those admitted (days)", 1},
    [COL_WATER_NEED_L] = {"water_need_l", COL_LEVEL, "litres of water the border sites need (people x standard)", "Water needed at the border (litres a day)", 0},
    [COL_WATER_SUPPLY_L] = {"water_supply_l", COL_LEVEL, "litres of water delivered to the border sites", "Water delivered to the border (litres a day)", 0},
    [COL_WATER_LPD] = {"water_lpd", COL_LEVEL, "litres per person per day actually available at the border", "Water per person at the border (litres a day)", SIG(3)},
    [COL_WATER_SHORTFALL_L] = {"water_shortfall_l", COL_LEVEL, "litres short of the need at the border (never negative)", "Water short at the border (litres a day)", 0},
    [COL_SHELTERS_NEEDED] = {"shelters_needed", COL_LEVEL, "shelters the border sites need", "Shelters needed at the border", 1},
    [COL_SHELTER_SHORTFALL] = {"shelter_shortfall", COL_LEVEL, "shelters missing at the border", "Shelters missing at the border", 1},
    [COL_LATRINES_NEEDED] = {"latrines_needed", COL_LEVEL, "latrines the border sites need", "Latrines needed at the border", 1},
    [COL_LATRINE_SHORTFALL] = {"latrine_shortfall", COL_LEVEL, "latrines missing at the border", "Latrines missing at the border", 1},
    [COL_HEALTH_FACILITIES_NEEDED] = {"health_facilities_needed", COL_LEVEL, "primary health facilities needed at the border", "Health facilities needed at the border", 2},
    [COL_FOOD_NEED_KCAL] = {"food_need_kcal", COL_LEVEL, "kcal of food the border sites need", "Food needed at the border (kcal a day)", 0},
    [COL_FOOD_SUPPLY_KCAL] = {"food_supply_kcal", COL_LEVEL, "kcal of food available at the border (deliveries and rations)", "Food available at the border (kcal a day)", 0},
    [COL_FOOD_SHORTFALL_KCAL] = {"food_shortfall_kcal", COL_LEVEL, "kcal short of the need at the border", "Food short at the border (kcal a day)", 0},
    [COL_BOUND_QUOTA] = {"bound_quota", COL_FLOW, "1 when the quota (or the policy's own amount, e.g. proportional's share) set today's admissions", "Quota limited admissions (1 = yes)", 0},
    [COL_BOUND_SCREENING] = {"bound_screening", COL_FLOW, "1 when free places in screening set today's admissions", "Screening room limited admissions (1 = yes)", 0},
    [COL_BOUND_CAMP] = {"bound_camp", COL_FLOW, "1 when free places in the receiving camp set today's admissions", "Camp room limited admissions (1 = yes)", 0},
    [COL_BOUND_CLOSURE] = {"bound_closure", COL_FLOW, "1 when a closure (or the closed policy) admitted nobody today", "Border closed (1 = yes)", 0},
    [COL_BOUND_NOBODY] = {"bound_nobody", COL_FLOW, "1 when nobody was waiting to be admitted today", "Nobody waiting (1 = yes)", 0},
    [COL_CAMP_RETURNED] = {"camp_returned", COL_FLOW, "people who left a camp for a border site (return_share; not in camp_left)", "People returning from a camp to the border", 0},
};

const column_def columns_place_needs[PLACE_NEEDS] = {
    [PN_WATER_LPD] = {"water_lpd", COL_LEVEL, "litres per person per day available", "Water per person at %s (litres a day)", SIG(3)},
    [PN_WATER_SHORTFALL_L] = {"water_shortfall_l", COL_LEVEL, "litres of water short of the need", "Water short at %s (litres a day)", 0},
    [PN_SHELTER_SHORTFALL] = {"shelter_shortfall", COL_LEVEL, "shelters missing", "Shelters missing at %s", 1},
    [PN_LATRINE_SHORTFALL] = {"latrine_shortfall", COL_LEVEL, "latrines missing", "Latrines missing at %s", 1},
    [PN_FOOD_SHORTFALL_KCAL] = {"food_shortfall_kcal", COL_LEVEL, "kcal of food short of the need", "Food short at %s (kcal a day)", 0},
    [PN_HEALTH_SHORTFALL] = {"health_shortfall", COL_LEVEL, "primary health facilities missing", "Health facilities missing at %s", 2},
};

/* places.csv (places.h): one row a day for each site, all sites, each camp and
 * all camps; a column that does not apply to a row's kind is left empty. */
const column_def places_columns[PLACE_COLUMNS] = {
    [PF_ARRIVALS] = {"arrivals", COL_FLOW, "sites: people who reached the site today", "People arriving at %s", 0},
    [PF_RETURNED] = {"returned", COL_FLOW, "sites: people back from a camp today; camps: leavers who went back to a border site", "People returning between %s and the border", 0},
    [PF_ADMITTED] = {"admitted", COL_FLOW, "sites: people admitted from the site into screening", "People admitted from %s", 0},
    [PF_ENTRIES] = {"entries", COL_FLOW, "camps: people entering the camp after vetting", "People entering %s", 0},
    [PF_BIRTHS] = {"births", COL_FLOW, "births there today", "Births at %s", 0},
    [PF_DEATHS] = {"deaths", COL_FLOW, "deaths there today", "Deaths at %s", 0},
    [PF_LEFT] = {"left", COL_FLOW, "sites: people who gave up waiting or were relocated out of the system (as border_left); camps: leavers out of the system (as camp_left)", "People leaving %s", 0},
    [PF_MOVED] = {"moved", COL_FLOW, "relocations and transfers there from other places, less those to other places (not out of the system: in left); empty without relocations or transfers", "People moved to %s, less those moved away", 0},
    [PL_PEOPLE] = {"people", COL_STOCK, "sites: people waiting there; camps: the camp's population (end of day)", "People at %s", 0},
    [PL_CAPACITY] = {"capacity", COL_STOCK, "camps: the camp's places", "Places in %s", 0},
    [PL_CUM_ARRIVALS] = {"cum_arrivals", COL_STOCK, "sites: arrivals from day 0 to today, included", "People arrived at %s so far", 0},
    [PL_CUM_ADMITTED] = {"cum_admitted", COL_STOCK, "sites: admissions from day 0 to today, included", "People admitted from %s so far", 0},
    [PL_CUM_ENTRIES] = {"cum_entries", COL_STOCK, "camps: entries from day 0 to today, included", "People entered %s so far", 0},
    [PL_CUM_DEATHS] = {"cum_deaths", COL_STOCK, "deaths there from day 0 to today, included", "Deaths at %s so far", 0},
};

/* summary_places.csv: each place's metrics; a name is NULL where the metric
 * does not apply. The digits are those of a mean over replicates. */
const place_metric_def places_metric_defs[PLACE_METRICS] = {
    [PM_ARRIVALS] = {"arrivals", NULL, "People who reached %s", NULL, 1},
    [PM_ADMITTED] = {"admitted", NULL, "People admitted from %s", NULL, 1},
    [PM_ENTRIES] = {NULL, "entries", NULL, "People who entered %s", 1},
    [PM_DEATHS] = {"deaths", "deaths", "Deaths at %s", "Deaths in %s", 1},
    [PM_LEFT] = {"left", "left", "People who gave up waiting at %s or were relocated out", "People who left %s (out of the system)", 1},
    [PM_PEAK] = {"peak_stranded", "peak_population", "Most people stranded at %s on one day", "Most people in %s on one day", 1},
    [PM_FINAL] = {"final_stranded", "final_population", "People stranded at %s on the last day", "People in %s on the last day", 1},
    [PM_PERSON_DAYS] = {"stranded_person_days", NULL, "Days spent stranded at %s, all people together (person-days)", NULL, 0},
    [PM_DAYS_FULL] = {NULL, "days_full", NULL, "Days %s was full (population at least its places)", 1},
};

const column_def columns_moves[MOVE_COLUMNS] = {
    [MV_RELOCATED_OUT] = {"relocated_out", COL_FLOW, "people relocated from a border site out of the system (relocations to \"out\"); of which in border_left", "People relocated out of the system", 0},
    [MV_RELOCATED_TO_CAMPS] = {"relocated_to_camps", COL_FLOW, "people relocated from a border site straight into a camp (not in admitted or camp_entries)", "People relocated from the border into camps", 0},
    [MV_RELOCATED_TO_SITES] = {"relocated_to_sites", COL_FLOW, "people relocated from a border site to another (not in arrivals)", "People relocated between border sites", 0},
    [MV_TRANSFERRED] = {"transferred", COL_FLOW, "people moved from one camp to another (transfers)", "People transferred between camps", 0},
};

/* The summary metrics (metrics.c makes them; summary.csv, comparison.csv, the
 * report). A name ending in '_' is a prefix: the place or group follows it. The
 * digits are those of a mean over replicates: one decimal for counts. */
static const struct { const char *name, *label; int digits, report; } metric_defs[] = {
    {"peak_stranded", "Most people stranded at the border on one day", 1, 0},
    {"final_stranded", "People stranded at the border on the last day", 1, 0},
    {"stranded_person_days", "Days spent stranded, all people together (person-days)", 0, 0},
    {"total_set_out", "People who set out toward the border", 1, 0},
    {"total_arrivals", "People who reached the border", 1, 0},
    {"total_admitted", "People admitted", 1, 0},
    {"total_rejected", "People refused after screening", 1, 0},
    {"border_deaths", "Deaths at the border", 1, 0},
    {"camp_deaths", "Deaths in the camps", 1, 0},
    {"mean_wait_days", "Mean wait before admission (days)", 1, 1},
    {"p90_wait_days", "Wait that 9 in 10 admitted people did not exceed (days)", 1, 1},
    {"peak_camp_population", "Most people in the camps on one day", 1, 0},
    {"days_camp_full", "Days every receiving camp was full", 1, 0},
    {"final_camp_population", "People in the camps on the last day", 1, 0},
    {"total_transit_lost", "People lost on the way", 1, 0},
    {"border_births", "Births at the border", 1, 0},
    {"border_left", "People who gave up waiting or were relocated out", 1, 0},
    {"total_camp_entries", "People who entered the camps", 1, 0},
    {"peak_screening", "Most people in screening on one day", 1, 0},
    {"days_below_water_minimum", "Days the border had less water than the survival minimum", 1, 0},
    {"peak_water_shortfall_l", "Largest daily water shortfall at the border (litres)", 0, 0},
    {"peak_shelter_shortfall", "Most shelters missing at the border", 1, 0},
    {"peak_latrine_shortfall", "Most latrines missing at the border", 1, 0},
    {"peak_food_shortfall_kcal", "Largest daily food shortfall at the border (kcal)", 0, 0},
    {"peak_health_shortfall", "Most health facilities missing at the border", 2, 1},
    {"days_bound_quota", "Days the quota limited admissions", 1, 0},
    {"days_bound_screening", "Days screening room limited admissions", 1, 0},
    {"days_bound_camp", "Days camp room limited admissions", 1, 0},
    {"days_bound_closure", "Days the border was closed", 1, 0},
    {"days_bound_nobody", "Days nobody was waiting to be admitted", 1, 0},
    {"ard", "Mean relative difference from the observed figures", SIG(4), SIG(3)},
    {"rmse", "Root mean square difference from the observed figures", SIG(4), SIG(3)},
    {"band_coverage", "Share of observed figures inside the 90% band", SIG(4), SIG(3)},
    {"crps", "Continuous ranked probability score against the observed figures (people)", SIG(4), SIG(3)},
    {"wis", "Weighted interval score against the observed figures (people)", SIG(4), SIG(3)},
    {"coverage_50", "Share of observed figures inside the 50% band", SIG(4), SIG(3)},
    {"coverage_90", "Share of observed figures inside the 90% band (scores)", SIG(4), SIG(3)},
    {"admitted_group_", "People admitted, group %s", 1, 0},
    {"mean_wait_group_", "Mean wait before admission, group %s (days)", 1, 1},
    {"peak_stranded_group_", "Most people of group %s stranded on one day", 1, 0},
    {"days_below_water_minimum_", "Days %s had less water than the survival minimum", 1, 0},
    {"peak_water_shortfall_l_", "Largest daily water shortfall at %s (litres)", 0, 0},
    {"peak_shelter_shortfall_", "Most shelters missing at %s", 1, 0},
    {"peak_latrine_shortfall_", "Most latrines missing at %s", 1, 0},
    {"peak_health_shortfall_", "Most health facilities missing at %s", 2, 1},
    {"peak_food_shortfall_kcal_", "Largest daily food shortfall at %s (kcal)", 0, 0},
};
#define N_METRIC_DEFS (sizeof metric_defs / sizeof *metric_defs)

/* Labels of the per-place and per-group columns, one %s for the name. */
static const char *const site_label = "People stranded at %s", *const camp_label = "People in %s",
                  *const capacity_label = "Places in %s", *const group_stranded_label = "People of group %s stranded",
                  *const group_admitted_label = "People of group %s admitted",
                  *const group_wait_label = "Mean wait of group %s admitted (days)";

int columns_mean_digits(enum column_kind kind, int digits)
{
    return (kind == COL_FLOW || kind == COL_STOCK) && digits == 0 ? 1 : digits;
}

int columns_metric_info(const char *metric, char *label, size_t n, int *digits, int *report)
{
    for (size_t i = 0; i < N_METRIC_DEFS; i++)
        if (strcmp(metric, metric_defs[i].name) == 0) {
            snprintf(label, n, "%s", metric_defs[i].label);
            *digits = metric_defs[i].digits;
            if (report) *report = metric_defs[i].report;
            return 0;
        }
    size_t best = N_METRIC_DEFS, best_len = 0;   /* the longest prefix: peak_water_shortfall_l_ over peak_ */
    for (size_t i = 0; i < N_METRIC_DEFS; i++) {
        size_t k = strlen(metric_defs[i].name);
        if (metric_defs[i].name[k - 1] == '_' && strncmp(metric, metric_defs[i].name, k) == 0 && metric[k] &&
            k > best_len) {
            best = i;
            best_len = k;
        }
    }
    if (best == N_METRIC_DEFS) return -1;
    snprintf(label, n, metric_defs[best].label, metric + best_len);
    *digits = metric_defs[best].digits;
    if (report) *report = metric_defs[best].report;
    return 0;
}

static void precision_text(int digits, char *buf, size_t n)
{
    if (digits < 0) snprintf(buf, n, "%d significant", -digits);
    else if (digits == 0) snprintf(buf, n, "whole");
    else snprintf(buf, n, "%d decimal%s", digits, digits > 1 ? "s" : "");
}

void columns_document(FILE *f)
{
    static const char *kinds[] = {"flow (that day)", "stock (end of day)", "mean", "level (that day)"};
    char p[32], q[32];
    fputs("| column | kind | meaning | label (report) | precision (series; ensemble mean) |\n|---|---|---|---|---|\n"
          "| `day` | | days since the start date (0 = start) | | whole |\n"
          "| `date` | | the calendar day (YYYY-MM-DD) | | |\n", f);
    for (int c = 0; c < N_FIXED_COLUMNS; c++) {
        const column_def *d = &columns_fixed[c];
        precision_text(d->digits, p, sizeof p);
        precision_text(columns_mean_digits(d->kind, d->digits), q, sizeof q);
        fprintf(f, "| `%s` | %s | %s | %s | %s; %s |\n", d->name, kinds[d->kind], d->doc, d->label, p, q);
    }
    fprintf(f, "| `stranded_<site>` | stock | people waiting at that site | %s | whole; 1 decimal |\n"
               "| `camp_<camp>` | stock | that camp's population | %s | whole; 1 decimal |\n"
               "| `capacity_<camp>` | stock | that camp's places | %s | whole; 1 decimal |\n"
               "| `stranded_group_<group>` | stock | people of that group waiting, all sites | %s | whole; 1 decimal |\n"
               "| `admitted_group_<group>` | flow | people of that group admitted | %s | whole; 1 decimal |\n"
               "| `wait_mean_group_<group>` | mean | mean wait of that group's admitted people (0: none) | %s | "
               "1 decimal; 1 decimal |\n",
            site_label, camp_label, capacity_label, group_stranded_label, group_admitted_label, group_wait_label);
    for (int c = 0; c < PLACE_NEEDS; c++) {
        const column_def *d = &columns_place_needs[c];
        precision_text(d->digits, p, sizeof p);
        fprintf(f, "| `%s_<site or camp>` | level (that day) | %s there | %s | %s; %s |\n", d->name, d->doc, d->label,
                p, p);
    }
    fputs("\nOnly in a scenario with relocations or transfers (after every other column):\n\n"
          "| column | kind | meaning | label (report) | precision (series; ensemble mean) |\n|---|---|---|---|---|\n", f);
    for (int c = 0; c < MOVE_COLUMNS; c++) {
        const column_def *d = &columns_moves[c];
        precision_text(d->digits, p, sizeof p);
        precision_text(columns_mean_digits(d->kind, d->digits), q, sizeof q);
        fprintf(f, "| `%s` | %s | %s | %s | %s; %s |\n", d->name, kinds[d->kind], d->doc, d->label, p, q);
    }
    fputs("\nColumns of `places.csv` after `day,date,kind,place` (`kind`: `site`, `sites` (place `all`: the "
          "sum of the sites), `camp`, `camps` (place `all`)); a column that does not apply to a kind is empty:\n\n"
          "| column | kind | meaning | label (report) | precision (places; ensemble mean) |\n|---|---|---|---|---|\n", f);
    for (int c = 0; c < PLACE_COLUMNS; c++) {
        const column_def *d = &places_columns[c];
        precision_text(d->digits, p, sizeof p);
        precision_text(columns_mean_digits(d->kind, d->digits), q, sizeof q);
        fprintf(f, "| `%s` | %s | %s | %s | %s; %s |\n", d->name, kinds[d->kind], d->doc, d->label, p, q);
    }
    fputs("\nMetrics of `summary_places.csv` (by kind and place):\n\n"
          "| metric (sites) | metric (camps) | label (report) | precision (mean and quantiles) |\n|---|---|---|---|\n", f);
    for (int m = 0; m < PLACE_METRICS; m++) {
        const place_metric_def *d = &places_metric_defs[m];
        precision_text(d->digits, p, sizeof p);
        fprintf(f, "| %s%s%s | %s%s%s | %s | %s |\n", d->site ? "`" : "", d->site ? d->site : "", d->site ? "`" : "",
                d->camp ? "`" : "", d->camp ? d->camp : "", d->camp ? "`" : "", d->site_label ? d->site_label : d->camp_label, p);
    }
    fputs("\nSummary metrics (`summary.csv`, `comparison.csv`; `_<name>` is a group or a camp):\n\n"
          "| metric | label (report) | precision (mean and quantiles) |\n|---|---|---|\n", f);
    for (size_t i = 0; i < N_METRIC_DEFS; i++) {
        const char *name = metric_defs[i].name;
        size_t k = strlen(name);
        precision_text(metric_defs[i].digits, p, sizeof p);
        fprintf(f, "| `%s%s` | %s | %s |\n", name, name[k - 1] == '_' ? "<name>" : "", metric_defs[i].label, p);
    }
}

columns *columns_new(const scenario *s)
{
    columns *c = calloc(1, sizeof *c);
    if (!c) return NULL;
    int moving = s->n_relocations + s->n_transfers > 0;
    int n = N_FIXED_COLUMNS + s->n_sites + 2 * s->n_camps + 3 * s->n_groups + PLACE_NEEDS * (s->n_sites + s->n_camps) +
            (moving ? MOVE_COLUMNS : 0);
    c->names = calloc((size_t)n, sizeof *c->names);
    c->labels = calloc((size_t)n, sizeof *c->labels);
    c->kind = calloc((size_t)n, sizeof *c->kind);
    c->digits = calloc((size_t)n, sizeof *c->digits);
    if (!c->names || !c->labels || !c->kind || !c->digits) { columns_free(c); return NULL; }
    c->n = n;
    int k = 0;
    for (; k < N_FIXED_COLUMNS; k++) {
        c->names[k] = strdup(columns_fixed[k].name);
        c->labels[k] = strdup(columns_fixed[k].label);
        c->kind[k] = columns_fixed[k].kind;
        c->digits[k] = columns_fixed[k].digits;
    }
    char buf[256];
#define ADD(kd, dg, label, prefix, who) do { \
        snprintf(buf, sizeof buf, "%s%s", prefix, who); c->names[k] = strdup(buf); \
        snprintf(buf, sizeof buf, label, who); c->labels[k] = strdup(buf); \
        c->kind[k] = kd; c->digits[k++] = dg; } while (0)
    c->site0 = k;
    for (int i = 0; i < s->n_sites; i++) ADD(COL_STOCK, 0, site_label, "stranded_", s->sites[i].name);
    c->camp0 = k;
    for (int i = 0; i < s->n_camps; i++) ADD(COL_STOCK, 0, camp_label, "camp_", s->camps[i].name);
    c->capacity0 = k;
    for (int i = 0; i < s->n_camps; i++) ADD(COL_STOCK, 0, capacity_label, "capacity_", s->camps[i].name);
    c->group_stranded0 = k;
    for (int i = 0; i < s->n_groups; i++) ADD(COL_STOCK, 0, group_stranded_label, "stranded_group_", s->groups[i].name);
    c->group_admitted0 = k;
    for (int i = 0; i < s->n_groups; i++) ADD(COL_FLOW, 0, group_admitted_label, "admitted_group_", s->groups[i].name);
    c->group_wait0 = k;
    for (int i = 0; i < s->n_groups; i++) ADD(COL_MEAN, 1, group_wait_label, "wait_mean_group_", s->groups[i].name);
    c->place_needs0 = k;
    for (int i = 0; i < s->n_sites + s->n_camps; i++)
        for (int j = 0; j < PLACE_NEEDS; j++) {
            char prefix[64];
            snprintf(prefix, sizeof prefix, "%s_", columns_place_needs[j].name);
            ADD(COL_LEVEL, columns_place_needs[j].digits, columns_place_needs[j].label, prefix,
                i < s->n_sites ? s->sites[i].name : s->camps[i - s->n_sites].name);
        }
#undef ADD
    c->moves0 = moving ? k : -1;
    for (int j = 0; moving && j < MOVE_COLUMNS; j++, k++) {
        c->names[k] = strdup(columns_moves[j].name);
        c->labels[k] = strdup(columns_moves[j].label);
        c->kind[k] = columns_moves[j].kind;
        c->digits[k] = columns_moves[j].digits;
    }
    for (int i = 0; i < n; i++)
        if (!c->names[i] || !c->labels[i]) { columns_free(c); return NULL; }
    return c;
}

void columns_free(columns *c)
{
    if (!c) return;
    for (int i = 0; i < c->n; i++) {
        if (c->names) free(c->names[i]);
        if (c->labels) free(c->labels[i]);
    }
    free(c->names);
    free(c->labels);
    free(c->kind);
    free(c->digits);
    free(c);
}

int columns_find(const columns *c, const char *name)
{
    for (int i = 0; i < c->n; i++)
        if (strcmp(c->names[i], name) == 0) return i;
    return -1;
}
