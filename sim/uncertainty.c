/* uncertainty: priors and a posterior on numeric settings, drawn per replicate
 * and written into a scenario (see uncertainty.h). Paths are resolved with the
 * parameter table's own walk (params_lookup, params_ref), as --set and sweep's
 * --vary resolve them. */
#include "uncertainty.h"
#include "model.h"
#include "params.h"
#include "posterior.h"
#include "prior.h"
#include "setpath.h"
#include <libconfig.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *path;
    const param *entry;   /* P_FLOAT or P_INT */
    int prior;            /* index into priors, or -1 */
    int column;           /* posterior column, or -1 */
} unc_param;

struct uncertainty {
    int n;                /* parameters in a set */
    int layout;           /* 1: some path feeds what sim_new lays out (uncertainty_needs_layout) */
    unc_param *v;
    int n_priors;         /* priors kept (those not overridden by --set) */
    prior *priors;
    int *prior_param;     /* [n_priors]: the parameter each prior is on */
    posterior post;       /* post.n == 0: none */
};

static const char *const dist_keys[][2] = {   /* the parameters each distribution takes */
    {"lo", "hi"}, {"lo", "hi"}, {"mean", "sd"}, {"median", "sd_log"}, {"a", "b"}, {"shape", "scale"}};
static const char *const all_keys[] = {"lo", "hi", "mean", "sd", "median", "sd_log", "a", "b", "shape", "scale"};

/* The distribution's name, from the parameter table (its choices follow enum prior_dist). */
static const char *dist_name(int dist)
{
    return params_lookup("uncertainty.parameters.[0].dist")->choices[dist];
}

static double key_value(const prior_cfg *c, const char *k)
{
    const double v[] = {c->lo, c->hi, c->mean, c->sd, c->median, c->sd_log, c->a, c->b, c->shape, c->scale};
    for (size_t i = 0; i < sizeof all_keys / sizeof *all_keys; i++)
        if (!strcmp(all_keys[i], k)) return v[i];
    return NAN;
}

const char *uncertainty_path_problem(const scenario *s, const char *path, const param **entry)
{
    const param *p = params_lookup(path);
    if (!p) return "no such setting (see campsim --help-keys)";
    if (p->type != P_FLOAT && p->type != P_INT) return "not a numeric setting";
    /* These shape the run or must agree with others: a draw could not change one alone. */
    static const char *const fixed[] = {"scenario.days", "scenario.seed", "scenario.replicates"};
    for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++)
        if (!strcmp(path, fixed[i])) return "cannot be uncertain: it shapes the run";
    if (!strncmp(path, "groups.", 7) && (!strcmp(p->key, "share") || !strcmp(p->key, "priority")))
        return "cannot be uncertain: group shares must sum to 1 and priorities are ranks";
    void *at = params_ref((void *)s, path, entry);
    if (!at) return "does not exist in this scenario";
    /* An optional number left out (a move's people when it has a share): a draw
     * would add it beside the other, which the file could not say. */
    if ((*entry)->type == P_FLOAT && isnan(*(const double *)at)) return "is not set in this scenario: set it in the file first";
    return NULL;
}

/* Settings the model reads as it runs (sim_start, sim_step), never laid out in
 * advance: a set of these alone needs no sim_rederive. Anything else (rates,
 * journeys, quotas, capacities, supplies, vetting, leave rates: laid out by day
 * for leave_changes) does. */
static int read_as_it_runs(const char *path)
{
    static const char *const keys[][2] = {
        {"sites.", "initial"}, {"sites.", "cmr"}, {"sites.", "birth_rate"},
        {"sites.", "aid_cut_factor"}, {"camps.", "initial"}, {"camps.", "cmr"}, {"camps.", "birth_rate"},
        {"groups.", "mortality_factor"}, {"standards.", NULL}, {"conditions.", NULL},
        {"walk.", NULL}};
    const char *last = strrchr(path, '.');
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
        if (strncmp(path, keys[i][0], strlen(keys[i][0]))) continue;
        if (!keys[i][1]) return 1;
        /* sites.[0].cmr, not sites.[0].supply.x: two dots only */
        if (last && !strcmp(last + 1, keys[i][1]) && strchr(path + strlen(keys[i][0]), '.') == last) return 1;
    }
    return 0;
}

int uncertainty_needs_layout(const uncertainty *u) { return u->layout; }

/* The uncertain parameter on the setting `path` names, however spelt
 * (sites.[0].cmr or sites.Rukban.cmr), or -1. */
static int find_param(const uncertainty *u, const scenario *s, const char *path)
{
    for (int i = 0; i < u->n; i++)
        if (setpath_same(s, u->v[i].path, path)) return i;
    return -1;
}

static int add_param(uncertainty *u, const char *path, const param *entry)
{
    unc_param *v = realloc(u->v, sizeof *v * (size_t)(u->n + 1));
    if (!v) return -1;
    u->v = v;
    u->v[u->n] = (unc_param){path, entry, -1, -1};
    u->layout |= !read_as_it_runs(path);
    return u->n++;
}

/* Checks prior i of the config and sets it up in *out; 0, or -1 after reporting. */
static int check_prior(const scenario *s, int i, const param *entry, prior *out, diag *d)
{
    const prior_cfg *c = &s->priors[i];
    char at[96], key[128];
    snprintf(at, sizeof at, "uncertainty.parameters.[%d]", i);
    size_t before = d->n;
    const char *const *need = dist_keys[c->dist];
    for (size_t k = 0; k < sizeof all_keys / sizeof *all_keys; k++) {
        const char *name = all_keys[k];
        int needed = !strcmp(name, need[0]) || !strcmp(name, need[1]);
        int given = !isnan(key_value(c, name));
        int trunc = !strcmp(name, "lo") || !strcmp(name, "hi");   /* every distribution may be truncated */
        snprintf(key, sizeof key, "%s.%s", at, name);
        if (needed && !given) scenario_error(s, d, key, "missing (%s needs %s and %s)", dist_name(c->dist), need[0], need[1]);
        else if (given && !needed && !trunc)
            scenario_error(s, d, key, "not a parameter of %s (it takes %s, %s)",
                           dist_name(c->dist), need[0], need[1]);
    }
    if (d->n > before) return -1;
    /* The prior must sit within the setting's range: its ends, and its centre. */
    const char *within[] = {"lo", "hi", c->dist == PRIOR_NORMAL ? "mean" : c->dist == PRIOR_LOGNORMAL ? "median" : NULL};
    for (int k = 0; k < 3; k++) {
        if (!within[k]) continue;
        double v = key_value(c, within[k]);
        snprintf(key, sizeof key, "%s.%s", at, within[k]);
        if (!isnan(v) && (v < entry->lo || v > entry->hi))
            scenario_error(s, d, key, "%.15g is outside the range of %s, %.15g to %.15g", v, c->path, entry->lo,
                           entry->hi);
    }
    if (d->n > before) return -1;
    double p1 = key_value(c, need[0]), p2 = key_value(c, need[1]);
    double lo = isnan(c->lo) ? entry->lo : c->lo, hi = isnan(c->hi) ? entry->hi : c->hi;
    const char *why = prior_init(out, c->dist, p1, p2, lo, hi);
    if (why) {
        scenario_error(s, d, at, "%s (within %.15g to %.15g)", why, lo, hi);
        return -1;
    }
    return 0;
}

int uncertainty_resolve(scenario *s, const char *const *set_paths, int n_set, diag *d)
{
    s->unc = NULL;
    if (s->n_priors == 0 && !(s->posterior && *s->posterior)) return 0;
    uncertainty *u = calloc(1, sizeof *u);
    if (!u) { diag_add(d, "out of memory"); return -1; }
    u->priors = calloc((size_t)s->n_priors + 1, sizeof *u->priors);
    u->prior_param = calloc((size_t)s->n_priors + 1, sizeof *u->prior_param);
    if (!u->priors || !u->prior_param) { uncertainty_free(u); diag_add(d, "out of memory"); return -1; }
    size_t before = d->n;
    for (int i = 0; i < s->n_priors; i++) {
        const char *path = s->priors[i].path;
        char at[96];
        snprintf(at, sizeof at, "uncertainty.parameters.[%d].path", i);
        int dropped = 0;
        for (int k = 0; k < n_set; k++) dropped |= setpath_holds(s, set_paths[k], path);   /* or a whole it is in */
        const param *entry;
        const char *why = uncertainty_path_problem(s, path, &entry);
        char more[SETPATH_MAX + 200];
        if (why && setpath_explain(s, path, more, sizeof more) != 0 && strcmp(more, "not a number setting")) {
            int none = !strncmp(why, "no such setting", 15);   /* with the did-you-mean of the path's walk */
            scenario_error(s, d, at, "'%s': %s: %s%s", path, none ? "no such setting" : why, more,
                           none ? " (see campsim --help-keys)" : "");
            continue;
        }
        if (why) { scenario_error(s, d, at, "'%s': %s", path, why); continue; }
        if (find_param(u, s, path) >= 0) { scenario_error(s, d, at, "'%s' has a prior already", path); continue; }
        prior pr;
        if (check_prior(s, i, entry, &pr, d) != 0 || dropped) continue;
        int k = add_param(u, path, entry);
        if (k < 0) { diag_add(d, "out of memory"); break; }
        u->v[k].prior = u->n_priors;
        u->prior_param[u->n_priors] = k;
        u->priors[u->n_priors++] = pr;
    }
    if (d->n == before && s->posterior && *s->posterior) {
        if (posterior_read(s, s->posterior, &u->post, d) == 0)
            for (int c = 0; c < u->post.k; c++) {
                int dropped = 0;   /* --set fixes a posterior's column too */
                for (int i = 0; i < n_set; i++) dropped |= setpath_holds(s, set_paths[i], u->post.paths[c]);
                if (dropped) continue;
                int k = find_param(u, s, u->post.paths[c]);
                if (k < 0) k = add_param(u, u->post.paths[c], params_lookup(u->post.paths[c]));
                if (k < 0) { diag_add(d, "out of memory"); break; }
                u->v[k].column = c;
            }
    }
    if (d->n > before) { uncertainty_free(u); return -1; }
    if (u->n == 0) { uncertainty_free(u); return 0; }   /* every prior fixed by --set */
    s->unc = u;
    return 0;
}

void uncertainty_free(uncertainty *u)
{
    if (!u) return;
    free(u->v);
    free(u->priors);
    free(u->prior_param);
    posterior_free(&u->post);
    free(u);
}

int uncertainty_count(const uncertainty *u) { return u->n; }
const char *uncertainty_path(const uncertainty *u, int i) { return u->v[i].path; }
int uncertainty_has_prior(const uncertainty *u, int i) { return u->v[i].prior >= 0; }
long uncertainty_particles(const uncertainty *u) { return u->post.n; }
const char *uncertainty_posterior_file(const uncertainty *u) { return u->post.n ? u->post.file : NULL; }

static double as_applied(const unc_param *p, double x) { return p->entry->type == P_INT ? round(x) : x; }

/* Fills x from the posterior particle (or -1: none) and one u per prior. */
static void fill(const uncertainty *u, long particle, const double *uniforms, double *x)
{
    for (int i = 0; i < u->n; i++) {
        const unc_param *p = &u->v[i];
        double v;
        if (particle >= 0 && p->column >= 0) v = u->post.values[(size_t)particle * u->post.k + p->column];
        else if (p->prior >= 0) v = prior_quantile(&u->priors[p->prior], uniforms[p->prior]);
        else v = posterior_median(&u->post, p->column);
        x[i] = as_applied(p, v);
    }
}

void uncertainty_draw(const uncertainty *u, unsigned long seed, long replicate, double *x)
{
    gsl_rng *rng = gsl_rng_alloc(SIM_GENERATOR_TYPE);
    double *uni = malloc(sizeof *uni * (size_t)(u->n_priors + 1));
    if (!rng || !uni) abort();   /* a few bytes: nothing sensible is left to do */
    gsl_rng_set(rng, sim_stream_seed(seed, replicate, STREAM_PRIORS));
    long particle = u->post.n > 0 ? posterior_pick(&u->post, gsl_rng_uniform(rng)) : -1;
    for (int i = 0; i < u->n_priors; i++) uni[i] = gsl_rng_uniform_pos(rng);
    fill(u, particle, uni, x);
    free(uni);
    gsl_rng_free(rng);
}

void uncertainty_prior_draw(const uncertainty *u, gsl_rng *rng, double *x)
{
    double *uni = malloc(sizeof *uni * (size_t)(u->n_priors + 1));
    if (!uni) abort();
    for (int i = 0; i < u->n_priors; i++) uni[i] = gsl_rng_uniform_pos(rng);
    fill(u, -1, uni, x);
    free(uni);
}

int uncertainty_prior_bounds(const uncertainty *u, int i, double *lo, double *hi)
{
    if (u->v[i].prior < 0) return -1;
    *lo = u->priors[u->v[i].prior].lo;
    *hi = u->priors[u->v[i].prior].hi;
    return 0;
}

double uncertainty_prior_quantile(const uncertainty *u, int i, double p)
{
    return u->v[i].prior < 0 ? NAN : prior_quantile(&u->priors[u->v[i].prior], p);
}

void uncertainty_central(const uncertainty *u, double *x)
{
    for (int i = 0; i < u->n; i++) {
        const unc_param *p = &u->v[i];
        double v = p->column >= 0 ? posterior_median(&u->post, p->column) : prior_quantile(&u->priors[p->prior], 0.5);
        x[i] = as_applied(p, v);
    }
}

double uncertainty_log_prior(const uncertainty *u, const double *x)
{
    double l = 0;
    for (int i = 0; i < u->n_priors; i++) l += prior_log_density(&u->priors[i], x[u->prior_param[i]]);
    return l;
}

/* ---- writing a set into a scenario ---- */

struct uncertainty_targets {
    int n;
    void **at;
    int *param, *is_int;
};

/* A policy takes a base admission or aid setting unless its own file sets it:
 * a group of the policy's is looked into key by key, anything else (a number, a
 * list) replaces the base's. */
static int policy_inherits(config_t *tree, int policy, const char *path)
{
    char buf[640], comp[512];
    int len = snprintf(buf, sizeof buf, "policies.[%d]", policy);
    snprintf(comp, sizeof comp, "%s", path);
    char *save = NULL;
    for (char *tok = strtok_r(comp, ".", &save); tok; tok = strtok_r(NULL, ".", &save)) {
        len += snprintf(buf + len, sizeof buf - (size_t)len, ".%s", tok);
        config_setting_t *s = config_lookup(tree, buf);
        if (!s) return 1;
        if (config_setting_type(s) != CONFIG_TYPE_GROUP) return 0;
    }
    return 0;
}

static int add_target(uncertainty_targets *t, void *at, int param, int is_int)
{
    void **a = realloc(t->at, sizeof *a * (size_t)(t->n + 1));
    if (a) t->at = a;
    int *p = realloc(t->param, sizeof *p * (size_t)(t->n + 1));
    if (p) t->param = p;
    int *k = realloc(t->is_int, sizeof *k * (size_t)(t->n + 1));
    if (k) t->is_int = k;
    if (!a || !p || !k) return -1;
    t->at[t->n] = at, t->param[t->n] = param, t->is_int[t->n] = is_int;
    t->n++;
    return 0;
}

uncertainty_targets *uncertainty_bind(const uncertainty *u, scenario *s)
{
    uncertainty_targets *t = calloc(1, sizeof *t);
    if (!t) return NULL;
    for (int i = 0; i < u->n; i++) {
        const param *e;
        void *at = params_ref(s, u->v[i].path, &e);
        if (!at || add_target(t, at, i, e->type == P_INT)) goto fail;
        if (strncmp(u->v[i].path, "admission.", 10) && strncmp(u->v[i].path, "aid.", 4)) continue;
        for (int p = 0; p < s->n_policies; p++) {
            if (!policy_inherits(s->tree, p, u->v[i].path)) continue;
            char pp[640];
            snprintf(pp, sizeof pp, "policies.[%d].%s", p, u->v[i].path);
            if (!(at = params_ref(s, pp, &e)) || add_target(t, at, i, e->type == P_INT)) goto fail;
        }
    }
    return t;
fail:
    uncertainty_unbind(t);
    return NULL;
}

void uncertainty_apply(const uncertainty_targets *t, const double *x)
{
    for (int k = 0; k < t->n; k++) {
        if (t->is_int[k]) *(long *)t->at[k] = lround(x[t->param[k]]);
        else *(double *)t->at[k] = x[t->param[k]];
    }
}

void uncertainty_unbind(uncertainty_targets *t)
{
    if (!t) return;
    free(t->at);
    free(t->param);
    free(t->is_int);
    free(t);
}

/* Copies every list the table knows into `a`, so that a clone's numbers are its own. */
static int clone_lists(arena *a, const param *table, char *obj)
{
    for (const param *p = table; p->key; p++) {
        if (p->type == P_GROUP && clone_lists(a, p->sub, obj + p->off)) return -1;
        if (p->type != P_LIST) continue;
        int n = *(int *)(obj + p->count_off);
        char **items = (char **)(obj + p->off);
        if (n <= 0 || !*items) continue;
        char *copy = arena_alloc(a, p->size * (size_t)n);
        if (!copy) return -1;
        memcpy(copy, *items, p->size * (size_t)n);
        *items = copy;
        for (int i = 0; i < n; i++)
            if (clone_lists(a, p->sub, copy + p->size * (size_t)i)) return -1;
    }
    return 0;
}

scenario *uncertainty_clone(const scenario *s)
{
    scenario *c = malloc(sizeof *c);
    if (!c) return NULL;
    *c = *s;
    c->mem = (arena){0};
    if (clone_lists(&c->mem, params_root, (char *)c)) { uncertainty_clone_free(c); return NULL; }
    return c;
}

void uncertainty_clone_free(scenario *c)
{
    if (!c) return;
    arena_free(&c->mem);
    free(c);
}

int uncertainty_fix(scenario *s)
{
    if (!s->unc) return 0;
    double *x = malloc(sizeof *x * (size_t)s->unc->n);
    uncertainty_targets *t = x ? uncertainty_bind(s->unc, s) : NULL;
    if (!t) { free(x); return -1; }
    uncertainty_central(s->unc, x);
    uncertainty_apply(t, x);
    /* The tree too, as a --set would, so that run.cfg is the fixed scenario that ran. */
    diag d = {0};
    for (int i = 0; i < s->unc->n; i++) {
        char v[40];
        snprintf(v, sizeof v, "%.17g", x[i]);
        scenario_tree_set(s->tree, s->unc->v[i].path, v, &d);
    }
    diag_clear(&d);
    config_setting_remove(config_root_setting((config_t *)s->tree), "uncertainty");
    uncertainty_unbind(t);
    free(x);
    uncertainty_free(s->unc);
    s->unc = NULL;
    return 0;
}

/* ---- parameters.csv ---- */

void uncertainty_write_header(FILE *f, const uncertainty *u)
{
    fputs("replicate", f);
    for (int i = 0; i < u->n; i++) fprintf(f, ",%s", u->v[i].path);
    fputc('\n', f);
}

void uncertainty_write_row(FILE *f, const uncertainty *u, long replicate, const double *x)
{
    fprintf(f, "%ld", replicate);
    /* 17 significant digits: a set read back is the set that ran, to the bit. */
    for (int i = 0; i < u->n; i++) fprintf(f, ",%.17g", x[i]);
    fputc('\n', f);
}

int uncertainty_read_row(const uncertainty *u, const char *line, long *replicate, double *x)
{
    char *end;
    *replicate = strtol(line, &end, 10);
    if (end == line) return -1;
    for (int i = 0; i < u->n; i++) {
        if (*end != ',') return -1;
        const char *at = end + 1;
        x[i] = strtod(at, &end);
        if (end == at || !isfinite(x[i])) return -1;
    }
    return *end == 0 || *end == '\n' || *end == '\r' ? 0 : -1;
}
