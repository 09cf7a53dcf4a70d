/* params: the table of every configuration key. A key's entry says everything
 * about it: type, default, bounds, unit, meaning, and where in the scenario
 * struct it lands (offsetof). Reading (paramread.c), validation, --set and the
 * other paths (setpath.c) and the documentation all walk this one table, so they
 * cannot drift. */
#include "params.h"
#include "config.h"
#include <stdio.h>
#include <string.h>

#define BIG 1e9          /* upper bound for people and rates: far above any real case, and
                          * keeps stochastic counts within the range of GSL's unsigned draws */
#define END { NULL, 0, NULL, 0, 0, NULL, NULL, 0, NULL, 0, 0, NULL }
#define NUM(k, T, f, def, lo, hi, unit, doc) { k, P_FLOAT, def, lo, hi, unit, doc, offsetof(T, f), NULL, 0, 0, NULL }
#define INT(k, T, f, def, lo, hi, unit, doc) { k, P_INT, def, lo, hi, unit, doc, offsetof(T, f), NULL, 0, 0, NULL }
#define STR(k, kind, T, f, def, doc) { k, kind, def, 0, 0, NULL, doc, offsetof(T, f), NULL, 0, 0, NULL }
#define DATE(k, T, f, def, doc) { k, P_DATE, def, 0, 0, "date", doc, offsetof(T, f), NULL, 0, 0, NULL }
#define BOOL(k, T, f, def, doc) { k, P_BOOL, def, 0, 1, NULL, doc, offsetof(T, f), NULL, 0, 0, NULL }
#define CHOICE(k, T, f, def, ch, doc) { k, P_CHOICE, def, 0, 0, NULL, doc, offsetof(T, f), NULL, 0, 0, ch }
#define GROUP(k, T, f, sub, doc) { k, P_GROUP, NULL, 0, 0, NULL, doc, offsetof(T, f), sub, 0, 0, NULL }
#define LIST(k, T, f, E, cnt, sub, doc) { k, P_LIST, NULL, 0, 0, NULL, doc, offsetof(T, f), sub, sizeof(E), offsetof(T, cnt), NULL }
#define MAP(k, T, f, lo, hi, doc) { k, P_MAP, NULL, lo, hi, NULL, doc, offsetof(T, f), NULL, 0, 0, NULL }

static const char *const policy_names[] = {"quota", "screening", "capacity", "proportional",
                                           "open", "closed", NULL};
static const char *const order_names[] = {"fifo", "vulnerable_first", "random", NULL};
/* A policy_changes entry: the same names, and "same" (POLICY_SAME, ORDER_SAME) for no change. */
static const char *const policy_change_names[] = {"quota", "screening", "capacity", "proportional",
                                                  "open", "closed", "same", NULL};
static const char *const order_change_names[] = {"fifo", "vulnerable_first", "random", "same", NULL};
static const char *const routing_names[] = {"camp", "shares", "first_with_room", "free_places", NULL};
static const char *const error_names[] = {"lognormal", "negbin", NULL};   /* obs_error_kind order */

static const param p_scenario[] = {
    STR("name", P_NAME, scenario, name, NULL, "scenario name, written in provenance.txt"),
    STR("start", P_STRING, scenario, start_text, NULL, "first simulated day (YYYY-MM-DD), day 0"),
    INT("days", scenario, days, NULL, 1, 36500, "days", "length of the simulated period"),
    INT("seed", scenario, seed, "1", 0, 4294967295.0, NULL, "random seed (overridden by -s)"),
    INT("replicates", scenario, replicates, "1", 1, 10000000, NULL,
        "number of stochastic replicates (overridden by -r)"),
    NUM("rate_factor", scenario, rate_factor, "1.0", 0, 1000, "factor",
        "multiplies every origin's rate and rate changes (one knob for calibration and sweeps)"),
    NUM("surge_factor", scenario, surge_factor, "1.0", 0, 1000, "factor", "multiplies every surge"),
    END};

static const param p_group[] = {
    STR("name", P_NAME, group_cfg, name, NULL, "group name, e.g. vulnerable"),
    NUM("share", group_cfg, share, NULL, 0, 1, "fraction", "share of newcomers in this group; shares sum to 1"),
    NUM("mortality_factor", group_cfg, mortality_factor, "1.0", 0, 1000, "factor",
        "multiplies the border crude mortality rate for this group"),
    INT("priority", group_cfg, priority, "-1", -1, 1000, NULL,
        "admission rank under vulnerable_first, lower first (-1: the group's position in the list)"),
    BOOL("newborns", group_cfg, newborns, "false",
         "births at the border join this group (default: the first group)"),
    END};

static const param p_rate_change[] = {
    DATE("date", dated_value, day, NULL, "from this day on"),
    NUM("rate", dated_value, value, NULL, 0, BIG, "people/day", "new departure rate"),
    END};

static const param p_surge[] = {
    DATE("date", surge, day, NULL, "first day of the surge"),
    NUM("people", surge, people, NULL, 0, BIG, "people", "extra people setting out in all"),
    INT("days", surge, days, "1", 1, 36500, "days", "spread evenly over this many days"),
    END};

static const param p_travel[] = {
    NUM("mean_days", travel_cfg, mean_days, NULL, 0, 365, "days", "mean journey time (gamma)"),
    NUM("sd_days", travel_cfg, sd_days, "0.0", 0, 365, "days", "sd of the journey time; 0: fixed"),
    NUM("loss", travel_cfg, loss, "0.0", 0, 1, "fraction", "share of travellers who never arrive"),
    END};

static const param p_origin[] = {
    STR("name", P_NAME, origin_cfg, name, NULL, "origin name"),
    NUM("rate", origin_cfg, rate, NULL, 0, BIG, "people/day", "mean departures per day"),
    NUM("dispersion", origin_cfg, dispersion, "0.0", 0, 1000, NULL,
        "negative binomial departures: variance = mean + dispersion * mean^2 (0: Poisson)"),
    LIST("rate_changes", origin_cfg, rate_changes.v, dated_value, rate_changes.n, p_rate_change,
         "dated changes of rate"),
    LIST("surges", origin_cfg, surges, surge, n_surges, p_surge, "extra departures over some days"),
    GROUP("travel", origin_cfg, travel, p_travel, "the journey to the border"),
    MAP("sites", origin_cfg, sites, 0, 1, "share of arrivals at each site, by site name; sums to 1"),
    NUM("wait_elasticity", origin_cfg, wait_elasticity, "0.0", 0, 20, NULL,
        "departures times (1 + W / wait_scale_days)^-wait_elasticity for an expected wait W (0: off; docs/model.md)"),
    NUM("wait_scale_days", origin_cfg, wait_scale_days, "30.0", 0.01, 36500, "days",
        "the expected wait at which departures fall by 2^-wait_elasticity"),
    NUM("closed_factor", origin_cfg, closed_factor, "1.0", 0, 1000, "factor",
        "multiplies departures while the border is known to be closed (1: off)"),
    INT("news_lag_days", origin_cfg, news_lag_days, "1", 1, 3650, "days",
        "departures answer to the border as it was this many days before (1: yesterday's)"),
    END};

static const param p_delivery[] = {
    DATE("date", delivery, day, NULL, "first day of the delivery"),
    INT("days", delivery, days, "1", 1, 36500, "days", "delivered over this many days"),
    NUM("ration_days", delivery, ration_days, NULL, 0, 3650, "days",
        "days of food for everyone present on the first day"),
    END};

static const param p_supply_change[] = {
    DATE("date", dated_value, day, NULL, "from this day on"),
    NUM("value", dated_value, value, NULL, -1, BIG * 1000, NULL, "new amount per day (-1: enough)"),
    END};

static const param p_supply_level_change[] = {
    DATE("date", dated_value, day, NULL, "from this day on"),
    NUM("value", dated_value, value, NULL, -1, BIG, NULL, "new number in place (-1: enough)"),
    END};

static const param p_supply[] = {
    NUM("water_l", supply_cfg, water_l, "-1.0", -1, BIG * 1000, "litres/day", "water delivered (-1: enough)"),
    NUM("food_kcal", supply_cfg, food_kcal, "-1.0", -1, BIG * 1000, "kcal/day", "food delivered (-1: enough)"),
    NUM("shelters", supply_cfg, shelters, "-1.0", -1, BIG, "shelters", "shelters in place (-1: enough)"),
    NUM("latrines", supply_cfg, latrines, "-1.0", -1, BIG, "latrines", "latrines in place (-1: enough)"),
    NUM("health_facilities", supply_cfg, health_facilities, "-1.0", -1, BIG, "facilities",
        "primary health facilities (-1: enough)"),
    LIST("water_changes", supply_cfg, water_changes.v, dated_value, water_changes.n, p_supply_change,
         "dated changes of water_l"),
    LIST("food_changes", supply_cfg, food_changes.v, dated_value, food_changes.n, p_supply_change,
         "dated changes of food_kcal"),
    LIST("shelter_changes", supply_cfg, shelter_changes.v, dated_value, shelter_changes.n, p_supply_level_change,
         "dated changes of shelters"),
    LIST("latrine_changes", supply_cfg, latrine_changes.v, dated_value, latrine_changes.n, p_supply_level_change,
         "dated changes of latrines"),
    LIST("health_changes", supply_cfg, health_changes.v, dated_value, health_changes.n, p_supply_level_change,
         "dated changes of health_facilities"),
    NUM("water_cut_factor", supply_cfg, water_cut_factor, "1.0", 0, 1000, "factor",
        "multiplies water while aid is cut (\"enough\": the factor times the need)"),
    NUM("food_cut_factor", supply_cfg, food_cut_factor, "1.0", 0, 1000, "factor",
        "multiplies food while aid is cut (\"enough\": the factor times the need)"),
    LIST("deliveries", supply_cfg, deliveries, delivery, n_deliveries, p_delivery,
         "one-off deliveries of rations into the food stock"),
    END};

static const param p_standards[] = {
    NUM("water_border_lpd", standards_cfg, water_border_lpd, "15.0", 0, 1000, "litres/person/day",
        "water need at border sites (UNHCR emergency standard)"),
    NUM("water_camp_lpd", standards_cfg, water_camp_lpd, "20.0", 0, 1000, "litres/person/day",
        "water need in camps (UNHCR post-emergency standard)"),
    NUM("water_minimum_lpd", standards_cfg, water_minimum_lpd, "15.0", 0, 1000, "litres/person/day",
        "days below this at the border are counted (days_below_water_minimum)"),
    NUM("persons_per_shelter", standards_cfg, persons_per_shelter, "5.0", 0.1, 1000, "persons",
        "people a shelter holds (Azraq planning figure)"),
    NUM("persons_per_latrine_border", standards_cfg, persons_per_latrine_border, "50.0", 1, 10000, "persons",
        "people per latrine at border sites (emergency)"),
    NUM("persons_per_latrine_camp", standards_cfg, persons_per_latrine_camp, "20.0", 1, 10000, "persons",
        "people per latrine in camps (post-emergency)"),
    NUM("persons_per_health_facility", standards_cfg, persons_per_health_facility, "10000.0", 1, 1e7,
        "persons", "people per primary health facility"),
    NUM("kcal_per_person", standards_cfg, kcal_per_person, "2100.0", 0, 10000, "kcal/person/day",
        "energy need (UNHCR/WFP planning figure)"),
    END};

static const param p_conditions[] = {
    BOOL("water_mortality", conditions_cfg, water_mortality, "false",
         "raise border mortality when water per person falls below the threshold"),
    NUM("water_threshold_lpd", conditions_cfg, water_threshold_lpd, "15.0", 0.001, 1000, "litres/person/day",
        "below this, mortality rises"),
    NUM("water_max_factor", conditions_cfg, water_max_factor, "2.0", 1, 100, "factor",
        "cmr multiplier when no water at all (linear in the shortfall in between)"),
    END};

static const param p_leave_change[] = {
    DATE("date", dated_value, day, NULL, "from this day on"),
    NUM("rate", dated_value, value, NULL, 0, 1, "fraction/day", "new leave_rate"),
    END};

static const param p_give_up[] = {
    NUM("median_days", give_up_cfg, median_days, "0.0", 0, 36500, "days",
        "days after which half of those arrived together have given up, with nothing else removing them (0: off)"),
    NUM("shape", give_up_cfg, shape, "1.0", 0.1, 10, NULL,
        "Weibull shape of patience: 1 a constant daily chance, above 1 rising with the days waited"),
    NUM("aid_cut_factor", give_up_cfg, aid_cut_factor, "1.0", 0, 1000, "factor",
        "multiplies the give-up hazard while aid is cut"),
    NUM("water_factor", give_up_cfg, water_factor, "1.0", 0, 1000, "factor",
        "multiplies the hazard when no water at all (linear in the shortfall below water_border_lpd)"),
    END};

static const param p_site[] = {
    STR("name", P_NAME, site_cfg, name, NULL, "border site name"),
    NUM("initial", site_cfg, initial, "0.0", 0, BIG, "people", "people waiting on day 0"),
    NUM("cmr", site_cfg, cmr, "0.0", 0, 10000, "deaths/10,000/day", "crude mortality rate"),
    NUM("birth_rate", site_cfg, birth_rate, "0.0", 0, 1000, "births/1,000/year", "crude birth rate"),
    NUM("leave_rate", site_cfg, leave_rate, "0.0", 0, 1, "fraction/day", "share who give up and leave each day"),
    LIST("leave_changes", site_cfg, leave_changes.v, dated_value, leave_changes.n, p_leave_change,
         "dated changes of leave_rate"),
    NUM("aid_cut_factor", site_cfg, aid_cut_factor, "1.0", 0, 1000, "factor",
        "multiplies cmr while aid is cut"),
    GROUP("give_up", site_cfg, give_up, p_give_up, "giving up that rises with the days waited (off by default)"),
    GROUP("supply", site_cfg, supply, p_supply, "water, food, shelters, latrines, health facilities"),
    END};

static const param p_range[] = {
    DATE("from", day_range, from, NULL, "first day"),
    DATE("to", day_range, to, NULL, "last day (included)"),
    END};

static const param p_aid[] = {
    LIST("cuts", aid_cfg, cuts.v, day_range, cuts.n, p_range, "periods when aid is cut"),
    END};

static const param p_quota_change[] = {
    DATE("date", dated_value, day, NULL, "from this day on"),
    NUM("quota", dated_value, value, NULL, 0, BIG, "people/day", "new quota"),
    END};
static const param p_reserve_change[] = {
    DATE("date", dated_value, day, NULL, "from this day on"),
    NUM("reserve", dated_value, value, NULL, 0, BIG, "people", "new reserve"),
    END};
static const param p_fraction_change[] = {
    DATE("date", dated_value, day, NULL, "from this day on"),
    NUM("fraction", dated_value, value, NULL, 0, 1, "fraction/day", "new fraction"),
    END};

static const param p_policy_change[] = {
    DATE("date", policy_change, day, NULL, "from this day on"),
    CHOICE("policy", policy_change, policy, "\"same\"", policy_change_names,
           "the policy from then: quota | screening | capacity | proportional | open | closed | same"),
    CHOICE("order", policy_change, order, "\"same\"", order_change_names,
           "the order from then: fifo | vulnerable_first | random | same"),
    END};

static const param p_screening[] = {
    NUM("days", screening_cfg, days, "0.0", 0, 365, "days", "mean vetting time (gamma)"),
    NUM("sd_days", screening_cfg, sd_days, "0.0", 0, 365, "days", "sd of the vetting time; 0: fixed"),
    NUM("reject", screening_cfg, reject, "0.0", 0, 1, "fraction", "share refused and sent back"),
    NUM("capacity", screening_cfg, capacity, "1e9", 0, BIG, "people",
        "most people in screening at once (default: no limit)"),
    END};

static const param p_admission[] = {
    CHOICE("policy", admission_cfg, policy, "\"quota\"", policy_names,
           "quota | screening | capacity | proportional | open | closed"),
    NUM("quota", admission_cfg, quota, "0.0", 0, BIG, "people/day",
        "daily quota (quota policy; a cap for capacity when > 0)"),
    LIST("quota_changes", admission_cfg, quota_changes.v, dated_value, quota_changes.n, p_quota_change,
         "dated changes of quota"),
    NUM("reserve", admission_cfg, reserve, "0.0", 0, BIG, "people",
        "places kept free in the camp (capacity policy)"),
    LIST("reserve_changes", admission_cfg, reserve_changes.v, dated_value, reserve_changes.n,
         p_reserve_change, "dated changes of reserve"),
    NUM("fraction", admission_cfg, fraction, "0.0", 0, 1, "fraction/day",
        "share of those waiting admitted each day (proportional policy)"),
    LIST("fraction_changes", admission_cfg, fraction_changes.v, dated_value, fraction_changes.n,
         p_fraction_change, "dated changes of fraction"),
    CHOICE("order", admission_cfg, order, "\"fifo\"", order_names, "fifo | vulnerable_first | random"),
    LIST("policy_changes", admission_cfg, policy_changes, policy_change, n_policy_changes, p_policy_change,
         "dated switches of policy and order (quota, then closed, then open)"),
    LIST("closures", admission_cfg, closures.v, day_range, closures.n, p_range,
         "periods when nobody is admitted, under every policy"),
    MAP("site_weights", admission_cfg, site_weights, 0, BIG,
        "share of the quota per site, by site name (default: in proportion to who waits)"),
    MAP("reserved", admission_cfg, reserved_shares, 0, 1,
        "share of each day's admissions kept for a group, by group name; the rest by order (sum at most 1)"),
    GROUP("screening", admission_cfg, screening, p_screening, "vetting of admitted people"),
    BOOL("camp_limit", admission_cfg, camp_limit, "false",
         "hold every policy to the receiving camps' free places less reserve (capacity does so always)"),
    STR("camp", P_NAME, admission_cfg, camp_name, "\"\"", "camp receiving screened people under routing camp (default: the first)"),
    CHOICE("routing", admission_cfg, routing, "\"camp\"", routing_names,
           "camp (all to admission.camp) | shares (camp_shares) | first_with_room (camp_order) | free_places "
           "(in proportion to free places, camps of camp_order or all); a full camp sends on to the next (docs/model.md)"),
    MAP("camp_shares", admission_cfg, camp_shares, 0, 1,
        "routing shares: share of the screened for each camp, by name, in the order of overflow; sums to 1"),
    MAP("camp_order", admission_cfg, camp_order, 0, BIG,
        "routing first_with_room, free_places: the receiving camps by name, each with its rank (lowest first)"),
    END};

static const param p_expansion[] = {
    DATE("date", dated_value, day, NULL, "from this day on"),
    NUM("add", dated_value, value, NULL, -BIG, BIG, "people", "places added to the capacity"),
    END};

static const param p_camp[] = {
    STR("name", P_NAME, camp_cfg, name, NULL, "camp name"),
    NUM("initial", camp_cfg, initial, "0.0", 0, BIG, "people", "population on day 0"),
    NUM("capacity", camp_cfg, capacity, NULL, 0, BIG, "people", "places on day 0"),
    NUM("cmr", camp_cfg, cmr, "0.0", 0, 10000, "deaths/10,000/day", "crude mortality rate"),
    NUM("birth_rate", camp_cfg, birth_rate, "0.0", 0, 1000, "births/1,000/year", "crude birth rate"),
    NUM("leave_rate", camp_cfg, leave_rate, "0.0", 0, 1, "fraction/day",
        "share leaving each day (host towns, returns, resettlement)"),
    LIST("leave_changes", camp_cfg, leave_changes.v, dated_value, leave_changes.n, p_leave_change,
         "dated changes of leave_rate"),
    NUM("return_share", camp_cfg, return_share, "0.0", 0, 1, "fraction",
        "share of the camp's leavers who go back to a border site (return_site) instead of leaving"),
    STR("return_site", P_NAME, camp_cfg, return_site_name, "\"\"",
        "border site the returning leavers go to (default: the only site)"),
    LIST("expansions", camp_cfg, expansions.v, dated_value, expansions.n, p_expansion,
         "dated additions to capacity"),
    GROUP("supply", camp_cfg, supply, p_supply, "water, food, shelters, latrines, health facilities"),
    END};

static const param p_policy[] = {
    STR("name", P_NAME, policy_cfg, name, NULL, "policy name (a sub-folder of compare's output)"),
    GROUP("admission", policy_cfg, admission, p_admission, "admission keys that differ from the base"),
    GROUP("aid", policy_cfg, aid, p_aid, "aid keys that differ from the base"),
    END};

static const param p_output[] = {
    { "quantiles", P_LEVELS, "[0.05, 0.5, 0.95]", 0, 1, "level", "quantile levels of ensemble.csv and summary.csv",
      offsetof(scenario, quantiles), NULL, 0, 0, NULL },
    END};

static const param p_target[] = {
    STR("site", P_STRING, target_cfg, site, NULL, "site of the observations (observations.csv)"),
    STR("variable", P_STRING, target_cfg, variable, NULL, "variable of the observations"),
    STR("series", P_NAME, target_cfg, series, NULL, "series.csv column compared with them"),
    NUM("weight", target_cfg, weight, "1.0", 0, BIG, NULL, "weight in the calibration objective"),
    DATE("from", target_cfg, from, "\"start\"", "first day of the window (default: day 0)"),
    DATE("to", target_cfg, to, "\"end\"", "last day of the window (default: the last day)"),
    CHOICE("error", target_cfg, error, "\"lognormal\"", error_names,
           "observation error model: lognormal (log y ~ N(log x, sigma^2)) | negbin (variance x + dispersion x^2)"),
    NUM("sigma", target_cfg, sigma, "0.15", 0.001, 10, NULL,
        "lognormal: sd of the log of a report around the true value (0.15: two same-day reports 17,000 and 20,000)"),
    NUM("dispersion", target_cfg, dispersion, "0.02", 0, 1000, NULL,
        "negbin: variance = x + dispersion x^2 (0: Poisson; 0.02: a coefficient of variation near 0.14)"),
    END};

static const param p_abc[] = {
    INT("particles", abc_cfg, particles, "500", 20, 1000000, NULL, "ABC-SMC: particles in each population"),
    NUM("ess_fraction", abc_cfg, ess_fraction, "0.5", 0.05, 0.95, NULL,
        "ABC-SMC: each tolerance is the one that keeps this share of the population's ESS (Del Moral 2012)"),
    NUM("min_acceptance", abc_cfg, min_acceptance, "0.005", 1e-6, 1, NULL,
        "ABC-SMC: stop when a generation accepts fewer of its proposals than this share"),
    INT("max_simulations", abc_cfg, max_simulations, "1000000", 100, 1e12, NULL,
        "ABC-SMC: stop when the simulations would exceed this budget (the last whole population is kept)"),
    INT("max_generations", abc_cfg, max_generations, "40", 1, 1000, NULL, "ABC-SMC: most populations after the prior's"),
    END};

static const param p_calibration[] = {
    LIST("targets", scenario, targets, target_cfg, n_targets, p_target, "observations the run is compared with"),
    GROUP("abc", scenario, abc, p_abc, "calibrate's ABC-SMC sampler (docs/calibration.md)"),
    END};

static const param p_behaviour[] = {
    INT("wait_window_days", behaviour_cfg, wait_window_days, "14", 1, 3650, "days",
        "the expected wait is the people waiting over the mean admissions of this many days (Little's law)"),
    NUM("wait_cap_days", behaviour_cfg, wait_cap_days, "365.0", 0, 36500, "days",
        "the longest expected wait (when nobody was admitted in the window)"),
    END};

static const param p_walk[] = {
    NUM("volatility", walk_cfg, volatility, "0.0", 0, 10, "log-rate/step",
        "sd of each step of the departures' log-rate random walk (0: no walk; docs/model.md)"),
    INT("step_days", walk_cfg, step_days, "7", 1, 3650, "days", "days between steps of the walk"),
    DATE("from", walk_cfg, from, "\"start\"", "the walk's first day: a factor of 1 until then, its first step step_days later"),
    END};

/* Relocations and transfers (moves.h): `people` or `share`, exactly one. */
static const param p_relocation[] = {
    DATE("date", move_cfg, day, NULL, "first day of the move"),
    INT("days", move_cfg, days, "1", 1, 36500, "days", "spread over this many days"),
    STR("site", P_NAME, move_cfg, from_name, NULL, "border site the people are moved from"),
    STR("to", P_STRING, move_cfg, to_name, NULL,
        "where they go: \"camp:NAME\" (straight in, no screening), \"site:NAME\" or \"out\" (out of the system)"),
    NUM("people", move_cfg, people, "unset", 0, BIG, "people", "people moved in all, equal batches each day (or share)"),
    NUM("share", move_cfg, share, "unset", 0, 1, "fraction",
        "share of the people there moved, share/days of them each day (or people; docs/model.md)"),
    END};

static const param p_transfer[] = {
    DATE("date", move_cfg, day, NULL, "first day of the transfer"),
    INT("days", move_cfg, days, "1", 1, 36500, "days", "spread over this many days"),
    STR("from", P_NAME, move_cfg, from_name, NULL, "camp the people leave"),
    STR("to", P_NAME, move_cfg, to_name, NULL, "camp they go to (whatever its room)"),
    NUM("people", move_cfg, people, "unset", 0, BIG, "people", "people moved in all, equal batches each day (or share)"),
    NUM("share", move_cfg, share, "unset", 0, 1, "fraction",
        "share of the camp's people moved, share/days of them each day (or people; docs/model.md)"),
    END};

/* Prior parameters a distribution does not take stay "unset" (NAN); uncertainty.c
 * says which each one needs. The names follow enum prior_dist (prior.h). */
#define PRIOR(k, f, doc) NUM(k, prior_cfg, f, "unset", -1e15, 1e15, NULL, doc)
static const char *const dist_names[] = {"uniform", "loguniform", "normal", "lognormal", "beta", "gamma", NULL};
static const param p_prior[] = {
    STR("path", P_STRING, prior_cfg, path, NULL, "the numeric setting, as --set takes it (origins.[0].rate)"),
    CHOICE("dist", prior_cfg, dist, NULL, dist_names, "uniform | loguniform | normal | lognormal | beta | gamma"),
    PRIOR("lo", lo, "uniform, loguniform: lower end; others: truncation (default: the setting's bound)"),
    PRIOR("hi", hi, "uniform, loguniform: upper end; others: truncation (default: the setting's bound)"),
    PRIOR("mean", mean, "normal: mean"),
    PRIOR("sd", sd, "normal: standard deviation (> 0)"),
    PRIOR("median", median, "lognormal: median (> 0)"),
    PRIOR("sd_log", sd_log, "lognormal: sd of the log (> 0)"),
    PRIOR("a", a, "beta: first shape (> 0)"),
    PRIOR("b", b, "beta: second shape (> 0)"),
    PRIOR("shape", shape, "gamma: shape (> 0)"),
    PRIOR("scale", scale, "gamma: scale (> 0)"),
    END};

static const param p_uncertainty[] = {
    LIST("parameters", scenario, priors, prior_cfg, n_priors, p_prior,
         "priors on numeric settings; each replicate draws its own set (docs/uncertainty.md)"),
    STR("posterior", P_STRING, scenario, posterior, "\"\"",
        "weighted particles (posterior.csv, relative to the config's folder) the replicates resample"),
    END};

/* Group entries whose children are stored in the scenario itself use offset 0. */
const param params_root[] = {
    { "scenario", P_GROUP, NULL, 0, 0, NULL, "the run", 0, p_scenario, 0, 0, NULL },
    LIST("groups", scenario, groups, group_cfg, n_groups, p_group, "population groups"),
    LIST("origins", scenario, origins, origin_cfg, n_origins, p_origin, "where people set out from"),
    LIST("sites", scenario, sites, site_cfg, n_sites, p_site, "border sites where people wait"),
    GROUP("aid", scenario, aid, p_aid, "aid to the border sites"),
    GROUP("admission", scenario, admission, p_admission, "who is let in, how many, when"),
    LIST("camps", scenario, camps, camp_cfg, n_camps, p_camp, "camps behind the border"),
    LIST("policies", scenario, policies, policy_cfg, n_policies, p_policy,
         "alternatives for compare, each overriding admission and aid key by key"),
    GROUP("standards", scenario, standards, p_standards, "humanitarian standards for the needs"),
    GROUP("conditions", scenario, conditions, p_conditions, "mortality that answers to conditions"),
    { "output", P_GROUP, NULL, 0, 0, NULL, "what the outputs hold", 0, p_output, 0, 0, NULL },
    { "calibration", P_GROUP, NULL, 0, 0, NULL, "fit to observations", 0, p_calibration, 0, 0, NULL },
    GROUP("walk", scenario, walk, p_walk, "a random walk of the departure rates (off by default)"),
    GROUP("behaviour", scenario, behaviour, p_behaviour,
          "the expected wait that departures answer to (origins' wait_elasticity)"),
    LIST("relocations", scenario, relocations, move_cfg, n_relocations, p_relocation,
         "dated moves of people from a border site to a camp, another site or out (evacuations)"),
    LIST("transfers", scenario, transfers, move_cfg, n_transfers, p_transfer, "dated moves of people between camps"),
    { "uncertainty", P_GROUP, NULL, 0, 0, NULL, "uncertain settings", 0, p_uncertainty, 0, 0, NULL },
    END};

/* ---- helpers ---- */

size_t params_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b), row[64];
    if (lb >= 64) return 64;
    for (size_t j = 0; j <= lb; j++) row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag_prev = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t sub = diag_prev + (a[i - 1] != b[j - 1]);
            size_t best = up + 1 < row[j - 1] + 1 ? up + 1 : row[j - 1] + 1;
            row[j] = sub < best ? sub : best;
            diag_prev = up;
        }
    }
    return row[lb];
}

const param *params_find_key(const param *table, const char *key)
{
    for (const param *p = table; p->key; p++)
        if (strcmp(p->key, key) == 0) return p;
    return NULL;
}

const char *params_closest_key(const param *table, const char *key)
{
    const char *best = NULL;
    size_t best_d = (size_t)-1, limit = strlen(key) / 3 + 1;
    for (const param *p = table; p->key; p++) {
        size_t d = params_distance(key, p->key);
        if (d < best_d) { best_d = d; best = p->key; }
    }
    return best_d <= (limit > 3 ? 3 : limit) ? best : NULL;
}

/* The key reference: one row per key, a list's element keys under PATH.[]. */
static void document(FILE *out, const param *table, const char *path)
{
    for (const param *p = table; p->key; p++) {
        char sub[512];
        snprintf(sub, sizeof sub, "%s%s%s", path, *path ? "." : "", p->key);
        if (p->type == P_GROUP) { document(out, p->sub, sub); continue; }
        if (p->type == P_LIST) {
            fprintf(out, "| `%s` | list | `()` | | | %s |\n", sub, p->doc);
            char el[520];
            snprintf(el, sizeof el, "%s.[]", sub);
            document(out, p->sub, el);
            continue;
        }
        const char *type = "";
        switch (p->type) {
        case P_FLOAT: type = "number"; break;
        case P_INT: type = "integer"; break;
        case P_BOOL: type = "boolean"; break;
        case P_STRING: type = "string"; break;
        case P_NAME: type = "name"; break;
        case P_CHOICE: type = "choice"; break;
        case P_DATE: type = "date"; break;
        case P_MAP: type = "{ name = number }"; break;
        case P_LEVELS: type = "array"; break;
        default: break;
        }
        char range[64] = "";
        if (p->type == P_FLOAT || p->type == P_INT || p->type == P_MAP || p->type == P_LEVELS)
            snprintf(range, sizeof range, "%.15g to %.15g", p->lo, p->hi);
        fprintf(out, "| `%s` | %s | %s%s%s | %s | %s | %s |\n", sub, type, p->def ? "`" : "",
                p->def ? p->def : (p->type == P_MAP ? "`{}`" : "required"), p->def ? "`" : "", range,
                p->unit ? p->unit : "", p->doc);
    }
}

void params_document(FILE *out)
{
    fprintf(out, "| key | type | default | range | unit | meaning |\n|---|---|---|---|---|---|\n");
    document(out, params_root, "");
}
