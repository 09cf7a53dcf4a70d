/* config: the scenario, read from a libconfig file through the parameter table
 * (params.c), with --set overrides, name resolution and cross-field checks.
 * All dates are held as day indices from the scenario start (day 0). */
#ifndef CAMPSIM_CONFIG_H
#define CAMPSIM_CONFIG_H
#include <stddef.h>
#include <stdio.h>
#include "arena.h"
#include "diag.h"

/* POLICY_SAME and ORDER_SAME: in a policy_changes entry, the one in force before. */
enum policy_kind { POLICY_QUOTA, POLICY_SCREENING, POLICY_CAPACITY, POLICY_PROPORTIONAL,
                   POLICY_OPEN, POLICY_CLOSED, POLICY_SAME };
enum order_kind { ORDER_FIFO, ORDER_VULNERABLE_FIRST, ORDER_RANDOM, ORDER_SAME };

typedef struct { int day; double value; } dated_value;   /* from `day` on, `value` */
typedef struct { dated_value *v; int n; } changes;
typedef struct { int from, to; } day_range;               /* both days included */
typedef struct { day_range *v; int n; } ranges;
typedef struct { int day; double people; long days; } surge;
typedef struct { const char *name; double value; int line; } named_value;
typedef struct { int day; int policy, order; } policy_change;   /* from `day` on */
typedef struct { named_value *v; int n; } name_map;        /* e.g. sites = { Rukban = 0.85; } */

typedef struct {
    const char *name;
    double share, mortality_factor;
    long priority;             /* vulnerable_first admits lower numbers first */
    int newborns;              /* births at the border join this group */
} group_cfg;

typedef struct { double mean_days, sd_days, loss; } travel_cfg;

typedef struct {
    const char *name;
    double rate, dispersion;
    changes rate_changes;
    surge *surges; int n_surges;
    travel_cfg travel;
    name_map sites;            /* raw shares by site name */
    double *site_share;        /* resolved: [n_sites] */
    /* Departures that answer to the border (behaviour.h): (1 + W / wait_scale_days)^-wait_elasticity
     * for an expected wait W, times closed_factor while the border is closed, as known
     * news_lag_days before setting out. Off (a factor of 1) by default. */
    double wait_elasticity, wait_scale_days, closed_factor;
    long news_lag_days;
} origin_cfg;

/* A one-off delivery of rations: `ration_days` days of food for everyone present
 * on `date`, delivered over `days` days into the site's food stock. */
typedef struct { int day; long days; double ration_days; } delivery;

/* What a site or camp receives. A negative amount (the default) means "enough":
 * the need is met, and nothing is short. */
typedef struct {
    double water_l, food_kcal;                 /* per day */
    double shelters, latrines, health_facilities;   /* in place */
    changes water_changes, food_changes;
    changes shelter_changes, latrine_changes, health_changes;   /* dated, in place from then */
    double water_cut_factor, food_cut_factor;  /* multiply the supply while aid is cut */
    delivery *deliveries; int n_deliveries;
} supply_cfg;

/* Giving up that rises with the days waited (behaviour.h): a Weibull hazard of
 * median median_days (0: off) and shape, times aid_cut_factor while aid is cut
 * and up to water_factor as water per person falls below the standard. */
typedef struct { double median_days, shape, aid_cut_factor, water_factor; } give_up_cfg;

typedef struct {
    const char *name;
    double initial, cmr, birth_rate, leave_rate, aid_cut_factor;
    changes leave_changes;
    give_up_cfg give_up;
    supply_cfg supply;
} site_cfg;

typedef struct {
    const char *name;
    double initial, capacity, cmr, birth_rate, leave_rate;
    changes leave_changes;
    double return_share;       /* of the leavers, the share who go back to a border site */
    const char *return_site_name;
    int return_site;           /* resolved index into sites */
    changes expansions;        /* value = places added from that day */
    supply_cfg supply;
} camp_cfg;

/* Humanitarian standards the needs are computed from (data/standards.md). */
typedef struct {
    double water_border_lpd, water_camp_lpd, water_minimum_lpd;
    double persons_per_shelter, persons_per_latrine_border, persons_per_latrine_camp;
    double persons_per_health_facility, kcal_per_person;
} standards_cfg;

/* Optional: border mortality that answers to water. */
typedef struct {
    int water_mortality;
    double water_threshold_lpd, water_max_factor;
} conditions_cfg;

typedef struct { double days, sd_days, reject, capacity; } screening_cfg;

typedef struct {
    int policy;                /* enum policy_kind */
    int order;                 /* enum order_kind */
    double quota, reserve, fraction;
    changes quota_changes, reserve_changes, fraction_changes;
    policy_change *policy_changes; int n_policy_changes;
    ranges closures;
    name_map site_weights;     /* raw; empty means "in proportion to who waits" */
    double *site_weight;       /* resolved: [n_sites], or NULL */
    name_map reserved_shares;  /* raw: share of each site's daily admissions kept for a group */
    double *reserved;          /* resolved: [n_groups], or NULL when none */
    screening_cfg screening;
    int camp_limit;            /* every policy held to the receiving camps' free places (less reserve) */
    const char *camp_name;
    int camp;                  /* resolved index into camps */
    int routing;               /* enum routing_kind (routing.h): which camps receive the screened */
    name_map camp_shares;      /* raw: shares of the screened by camp name (routing "shares") */
    name_map camp_order;       /* raw: rank of each receiving camp, lowest first */
    int *receiving;            /* resolved: the receiving camps in order */
    double *receiving_share;   /* resolved: [n_receiving], their shares (routing "shares") */
    int n_receiving;
} admission_cfg;

typedef struct { ranges cuts; } aid_cfg;

/* A relocation (from a border site) or a transfer (from a camp), moves.h: from
 * `day`, over `days` days, `people` in all or a `share` of the people there (the
 * other NAN) go to a camp, a site, or out of the system. */
enum move_place { MOVE_SITE, MOVE_CAMP, MOVE_OUT };
typedef struct {
    int day;
    long days;
    const char *from_name, *to_name;
    double people, share;
    int from, to_kind, to;     /* resolved: index of the site or camp; enum move_place; index */
} move_cfg;

typedef struct {
    const char *name;
    admission_cfg admission;   /* base settings with the policy's keys on top */
    aid_cfg aid;
} policy_cfg;

typedef struct { double *levels; int n; } quantile_levels;

typedef struct {
    const char *site, *variable, *series;
    double weight;
    int from, to;              /* day window, inclusive; whole run when absent */
    int error;                 /* obs_error_kind (obsmodel.h): lognormal, negbin */
    double sigma, dispersion;  /* the error model's spread (obsmodel.h) */
} target_cfg;

/* A prior on one numeric setting (uncertainty.parameters, see prior.h). Keys a
 * config leaves out are NAN. */
typedef struct {
    const char *path;
    int dist;                  /* enum prior_dist */
    double lo, hi, mean, sd, median, sd_log, a, b, shape, scale;
} prior_cfg;

/* calibrate's ABC-SMC (abc.h): population size, tolerance schedule, stopping. */
typedef struct {
    long particles, max_simulations, max_generations;
    double ess_fraction, min_acceptance;
} abc_cfg;

/* The expected wait departures answer to (behaviour.h): people waiting over the
 * mean admissions of the last wait_window_days, at most wait_cap_days. */
typedef struct { long wait_window_days; double wait_cap_days; } behaviour_cfg;

/* Optional: border departures scaled by a random walk of the log-rate (walk.h). */
typedef struct { double volatility; long step_days; int from; } walk_cfg;

typedef struct {
    /* scenario */
    const char *name, *start_text;
    long start;                /* day number of the start date (dates.h) */
    long days;
    long seed;
    long replicates;
    double rate_factor, surge_factor;   /* multiply every origin's rates / surges */
    /* model */
    group_cfg *groups; int n_groups;
    origin_cfg *origins; int n_origins;
    site_cfg *sites; int n_sites;
    camp_cfg *camps; int n_camps;
    aid_cfg aid;
    admission_cfg admission;
    policy_cfg *policies; int n_policies;
    standards_cfg standards;
    conditions_cfg conditions;
    walk_cfg walk;
    behaviour_cfg behaviour;
    move_cfg *relocations; int n_relocations;   /* from border sites (moves.h) */
    move_cfg *transfers; int n_transfers;       /* between camps */
    /* uncertainty (uncertainty.h): priors as read, a posterior file, and the
     * resolved set the replicates draw from (NULL: every replicate alike) */
    prior_cfg *priors; int n_priors;
    const char *posterior;
    struct uncertainty *unc;
    /* outputs */
    quantile_levels quantiles;
    target_cfg *targets; int n_targets;
    abc_cfg abc;

    const char *path;          /* the file it came from */
    arena mem;                 /* owns everything above */
    void *tree;                /* the libconfig tree, --sets applied (config_t *) */
    struct cfgtext *source;    /* the text it was parsed from: maps the tree's lines to files */
} scenario;

/* One --set PATH=VALUE. */
typedef struct { const char *path, *value; } override;

/* Reads and checks `path` with the overrides applied. Returns NULL and fills `d`
 * with every error found (file:line: setting: message) when the file is not valid. */
scenario *scenario_load(const char *path, const override *sets, int n_sets, diag *d);
void scenario_free(scenario *s);     /* accepts NULL */

/* The same from text in memory (len bytes); `path` names it in messages and
 * locates @include files. Used by scenario_load and the fuzz target. */
scenario *scenario_parse(const char *path, const char *text, size_t len, const override *sets, int n_sets,
                         diag *d);

/* Writes the resolved configuration (overrides, seed and replicates in) to `path`;
 * reading it back gives the same scenario. Returns 0, or -1 with errno set. */
int scenario_write(const scenario *s, const char *path);
int scenario_write_to(const scenario *s, FILE *f);   /* the same to an open stream */

/* Where the setting at `path` ("calibration.targets.[0].series") was written:
 * returns its line (0: not in a file, e.g. made by --set) and sets *file. */
int scenario_where(const scenario *s, const char *path, const char **file);

/* Adds "file:line: path: message" to d, at the line of the setting at `path` in
 * s's file (or of its nearest parent there). */
void scenario_error(const scenario *s, diag *d, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* --set PATH=VALUE in the scenario's tree ("admission.quota", "origins.[0].rate",
 * "sites.Rukban.cmr", "admission.closures" = "()"), typed by the parameter
 * table: setpath_apply (setpath.h, sim/setvalue.c) without the canonical path.
 * Used for seed/replicates and by calibrate and sweep. Returns 0, or -1 with a
 * message in `d`. */
int scenario_tree_set(void *tree, const char *path, const char *value, diag *d);

/* The admission and aid settings in force under policy p (-1: the base settings). */
const admission_cfg *scenario_admission(const scenario *s, int p);
const aid_cfg *scenario_aid(const scenario *s, int p);

#endif
