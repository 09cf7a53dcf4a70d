/* config: loads a scenario file (libconfig), applies --set overrides to the tree,
 * reads it through the parameter table, then resolves names and checks what
 * involves more than one key (shares summing to 1, names that refer to
 * something, date ranges in order, policies on top of the base settings). */
#include "config.h"
#include "columns.h"
#include "cfgtext.h"
#include "cfgwrite.h"
#include "params.h"
#include "setpath.h"
#include "cfgsyntax.h"
#include "dates.h"
#include "queue.h"
#include "moves.h"
#include "routing.h"
#include "uncertainty.h"
#include <errno.h>
#include <stdarg.h>
#include <libconfig.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define SHARE_TOL 1e-9
#define CONFIG_MAX_BYTES CFGTEXT_MAX_BYTES

/* ---- cross-field checks ---- */

typedef struct {
    const char *file; diag *d; config_t *tree; const cfgtext *src; struct names *sites, *camps;
    const char *const *set_paths, *const *set_given; int n_set;   /* settings given with --set (setpath.h) */
} ctx;

static config_setting_t *at(ctx *c, const char *path) { return config_lookup(c->tree, path); }

/* Puts msg at the line of the setting at `path`, or of its nearest parent that
 * exists in the file. */
static void report_at(config_t *tree, const cfgtext *src, const char *file0, diag *d, const char *path,
                      const char *msg)
{
    char buf[512];
    snprintf(buf, sizeof buf, "%s", path);
    config_setting_t *s = NULL;
    while (!(s = config_lookup(tree, buf))) {
        char *dot = strrchr(buf, '.');
        if (!dot) break;
        *dot = 0;
    }
    const char *file;
    int line;
    cfgtext_where(src, s ? config_setting_source_line(s) : 0, &file, &line);
    diag_at(d, file ? file : file0, line, path, "%s", msg);
}

static void err(ctx *c, const char *path, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void err(ctx *c, const char *path, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    int k = setpath_match(c->set_paths, c->n_set, path);
    if (k >= 0) {   /* a value from the command line: say so, as paramread.c does */
        if (strcmp(c->set_paths[k], path) == 0) diag_add(c->d, "--set %s: %s", c->set_given[k], msg);
        else diag_add(c->d, "--set %s: %s: %s", c->set_given[k], path, msg);
        return;
    }
    if ((k = setpath_under(c->set_paths, c->n_set, path)) >= 0) {   /* a whole that a --set changed a part of */
        size_t len = strlen(msg);
        snprintf(msg + len, sizeof msg - len, " (with --set %s)", c->set_given[k]);
    }
    report_at(c->tree, c->src, c->file, c->d, path, msg);
}

void scenario_error(const scenario *s, diag *d, const char *path, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    report_at(s->tree, s->source, s->path, d, path, msg);
}

/* Names are looked up in a sorted index, so that checking n names costs
 * O(n log n): a linear search per name took 13.6 s over 80,000 sites. */
typedef struct { const char *name; int i; } name_ix;
typedef struct names { name_ix *v; int n; } names;

static int ix_cmp(const void *a, const void *b)
{
    const name_ix *x = a, *y = b;
    int r = strcmp(x->name ? x->name : "", y->name ? y->name : "");
    return r ? r : (x->i > y->i) - (x->i < y->i);
}

/* The index of the names of n elements of `size` bytes, each starting with its
 * name (as every named struct in config.h does). v is NULL when out of memory. */
static names index_names(const void *arr, size_t size, int n)
{
    names ix = {malloc(sizeof(name_ix) * (size_t)(n ? n : 1)), n};
    if (!ix.v) { ix.n = 0; return ix; }
    for (int i = 0; i < n; i++) ix.v[i] = (name_ix){*(const char *const *)((const char *)arr + size * (size_t)i), i};
    qsort(ix.v, (size_t)n, sizeof *ix.v, ix_cmp);
    return ix;
}

/* The first element named `name`, or -1. */
static int find_name(const names *ix, const char *name)
{
    int lo = 0, hi = ix->n;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (strcmp(ix->v[mid].name ? ix->v[mid].name : "", name) < 0) lo = mid + 1; else hi = mid;
    }
    return lo < ix->n && ix->v[lo].name && strcmp(ix->v[lo].name, name) == 0 ? ix->v[lo].i : -1;
}

static void unique_names(ctx *c, const char *list, const void *arr, size_t size, int n)
{
    names ix = index_names(arr, size, n);
    char *dup = calloc((size_t)(n ? n : 1), 1);
    if (!ix.v || !dup) { err(c, list, "out of memory"); free(ix.v); free(dup); return; }
    for (int k = 1; k < n; k++)
        if (ix.v[k].name && ix.v[k - 1].name && strcmp(ix.v[k].name, ix.v[k - 1].name) == 0) dup[ix.v[k].i] = 1;
    for (int i = 0; i < n; i++)   /* in the order of the file, as before */
        if (dup[i]) {
            char path[128];
            snprintf(path, sizeof path, "%s.[%d].name", list, i);
            err(c, path, "'%s' is used twice", *(const char *const *)((const char *)arr + size * (size_t)i));
        }
    free(ix.v);
    free(dup);
}

static void check_ranges(ctx *c, const char *path, const ranges *r)
{
    for (int i = 0; i < r->n; i++)
        if (r->v[i].from > r->v[i].to) {
            char p[256];
            snprintf(p, sizeof p, "%s.[%d]", path, i);
            err(c, p, "'from' is after 'to'");
        }
}

/* Resolves a name map (site shares, site weights) into an array over sites. */
static double *resolve_site_map(ctx *c, scenario *s, const name_map *m, const char *path, int must_sum_1)
{
    double *out = arena_alloc(&s->mem, sizeof(double) * (size_t)(s->n_sites ? s->n_sites : 1));
    if (!out) { err(c, path, "out of memory"); return NULL; }
    double sum = 0;
    size_t before = c->d->n;
    for (int i = 0; i < m->n; i++) {
        char p[256];
        snprintf(p, sizeof p, "%s.%s", path, m->v[i].name);
        int k = find_name(c->sites, m->v[i].name);
        if (k < 0) { err(c, p, "no site is named '%s'", m->v[i].name); continue; }
        out[k] = m->v[i].value;
        sum += m->v[i].value;
    }
    if (before != c->d->n) return out;   /* a misnamed site: the sum would only add noise */
    if (must_sum_1 && fabs(sum - 1.0) > SHARE_TOL) err(c, path, "shares sum to %.12g, not 1", sum);
    if (!must_sum_1 && m->n > 0 && sum <= 0) err(c, path, "weights are all 0");
    return out;
}

static void routing_err(void *c, const char *path, const char *msg) { err(c, path, "%s", msg); }

/* wrote: the routing maps this admission writes itself (ROUTING_WROTE_*): the
 * base owns both; a policy only those in its own group, the rest inherited. */
static void resolve_admission(ctx *c, scenario *s, admission_cfg *a, const char *path, int wrote)
{
    char p[256];
    snprintf(p, sizeof p, "%s.closures", path);
    check_ranges(c, p, &a->closures);
    for (int i = 0; i < a->n_policy_changes; i++)
        if (a->policy_changes[i].policy == POLICY_SAME && a->policy_changes[i].order == ORDER_SAME) {
            snprintf(p, sizeof p, "%s.policy_changes.[%d]", path, i);
            err(c, p, "changes neither policy nor order");
        }
    a->camp = 0;
    if (a->camp_name && *a->camp_name) {
        a->camp = find_name(c->camps, a->camp_name);
        if (a->camp < 0) {
            snprintf(p, sizeof p, "%s.camp", path);
            err(c, p, "no camp is named '%s'", a->camp_name);
            a->camp = 0;
        }
    }
    routing_resolve(s, a, path, wrote, routing_err, c);
    a->reserved = NULL;
    if (a->reserved_shares.n > 0) {
        snprintf(p, sizeof p, "%s.reserved", path);
        a->reserved = arena_alloc(&s->mem, sizeof(double) * (size_t)s->n_groups);
        double sum = 0;
        size_t before = c->d->n;
        names groups = index_names(s->groups, sizeof *s->groups, s->n_groups);
        for (int i = 0; groups.v && i < a->reserved_shares.n; i++) {
            const named_value *v = &a->reserved_shares.v[i];
            int g = find_name(&groups, v->name);
            char q[300];
            snprintf(q, sizeof q, "%s.%s", p, v->name);
            if (g < 0) { err(c, q, "no group is named '%s'", v->name); continue; }
            a->reserved[g] = v->value;
            sum += v->value;
        }
        if (!groups.v) err(c, p, "out of memory");
        free(groups.v);
        if (before == c->d->n && sum > 1 + SHARE_TOL) err(c, p, "reserved shares sum to %.12g, more than 1", sum);
    }
    a->site_weight = NULL;
    if (a->site_weights.n > 0) {
        snprintf(p, sizeof p, "%s.site_weights", path);
        a->site_weight = resolve_site_map(c, s, &a->site_weights, p, 0);
    }
}

/* Calibration targets compare observations with a series.csv column over a
 * window: both are checked here, so that `check` refuses what calibrate,
 * run --observed and compare could otherwise only find out after running. */
static void check_targets(ctx *c, const scenario *s)
{
    columns *cols = s->n_targets ? columns_new(s) : NULL;
    if (s->n_targets && !cols) { diag_add(c->d, "%s: out of memory", c->file); return; }
    for (int t = 0; t < s->n_targets; t++) {
        const target_cfg *tg = &s->targets[t];
        char p[96];
        snprintf(p, sizeof p, "calibration.targets.[%d].series", t);
        if (columns_find(cols, tg->series) < 0) err(c, p, "no series.csv column is named '%s' (see campsim --help-columns)", tg->series);
        snprintf(p, sizeof p, "calibration.targets.[%d]", t);
        if (tg->from > tg->to) err(c, p, "'from' is after 'to'");
    }
    columns_free(cols);
}

/* A camp's capacity, expansions added in date order, must never fall below 0. */
static void check_capacity(ctx *c, const scenario *s)
{
    for (int k = 0; k < s->n_camps; k++) {
        const changes *x = &s->camps[k].expansions;
        double cap = s->camps[k].capacity;
        int done = 0, day = -1;
        while (done < x->n) {   /* the next date, then every expansion on it */
            int next = INT_MAX;
            for (int i = 0; i < x->n; i++) if (x->v[i].day > day && x->v[i].day < next) next = x->v[i].day;
            for (int i = 0; i < x->n; i++) if (x->v[i].day == next) { cap += x->v[i].value; done++; }
            day = next;
            if (cap < 0) {
                char p[64], date[11];
                snprintf(p, sizeof p, "camps.[%d].expansions", k);
                date_format(s->start + day, date);
                err(c, p, "the capacity falls to %.15g on %s", cap, date);
                break;
            }
        }
    }
}

/* Counts are doubles, exact up to 2^53. The most people a run can hold: all who
 * wait on day 0, every departure at the highest rate on every day, every surge,
 * all grown at the highest birth rate. Refused when that, with room for 64 times
 * as many (random draws above their means), could pass 2^53. */
static void check_counts(ctx *c, const scenario *s)
{
    double people = 0, birth = 0;
    for (int i = 0; i < s->n_sites; i++) {
        people += s->sites[i].initial;
        if (s->sites[i].birth_rate > birth) birth = s->sites[i].birth_rate;
    }
    for (int i = 0; i < s->n_camps; i++) {
        people += s->camps[i].initial;
        if (s->camps[i].birth_rate > birth) birth = s->camps[i].birth_rate;
    }
    for (int o = 0; o < s->n_origins; o++) {
        const origin_cfg *og = &s->origins[o];
        double rate = og->rate;
        for (int i = 0; i < og->rate_changes.n; i++) if (og->rate_changes.v[i].value > rate) rate = og->rate_changes.v[i].value;
        people += rate * s->rate_factor * (double)s->days;
        for (int i = 0; i < og->n_surges; i++) people += og->surges[i].people * s->surge_factor;
    }
    double most = people * exp((double)s->days * log1p(birth / 365000.0));
    if (most * 64 > CFGTEXT_MAX_EXACT)
        err(c, "scenario", "up to %.3g people could be counted (on day 0, arriving, surging and born); counts are "
            "exact to 2^53 = 9.007e15 and campsim wants 64 times that room: lower the rates, days or factors", most);
}

static void resolve(ctx *c, scenario *s, param_reader *r)
{
    if (s->n_groups == 0) {   /* no groups: everyone in one group "all" */
        s->groups = arena_alloc(&s->mem, sizeof *s->groups);
        if (!s->groups) { diag_add(c->d, "%s: out of memory", c->file); return; }
        s->groups[0] = (group_cfg){"all", 1.0, 1.0, 0, 1};
        s->n_groups = 1;
    }
    double sum = 0;
    int newborn = -1;
    for (int g = 0; g < s->n_groups; g++) {
        sum += s->groups[g].share;
        if (s->groups[g].priority < 0) s->groups[g].priority = g;
        if (s->groups[g].newborns) {
            if (newborn >= 0) {
                char p[64];
                snprintf(p, sizeof p, "groups.[%d].newborns", g);
                err(c, p, "only one group can take the newborns");
            }
            newborn = g;
        }
    }
    if (newborn < 0) s->groups[0].newborns = 1;
    if (s->n_groups > QUEUE_MAX_GROUPS) err(c, "groups", "at most %d groups, got %d", QUEUE_MAX_GROUPS, s->n_groups);
    if (fabs(sum - 1.0) > SHARE_TOL) err(c, "groups", "shares sum to %.12g, not 1", sum);
    if (s->n_sites == 0) err(c, "sites", "needs at least one border site");
    if (s->n_camps == 0) err(c, "camps", "needs at least one camp");
    unique_names(c, "groups", s->groups, sizeof *s->groups, s->n_groups);
    unique_names(c, "origins", s->origins, sizeof *s->origins, s->n_origins);
    unique_names(c, "sites", s->sites, sizeof *s->sites, s->n_sites);
    unique_names(c, "camps", s->camps, sizeof *s->camps, s->n_camps);
    unique_names(c, "policies", s->policies, sizeof *s->policies, s->n_policies);
    if (s->n_sites == 0 || s->n_camps == 0) return;
    for (int i = 0; i < s->n_camps; i++)   /* needs columns are named after sites and camps alike */
        if (find_name(c->sites, s->camps[i].name) >= 0) {
            char p[64];
            snprintf(p, sizeof p, "camps.[%d].name", i);
            err(c, p, "'%s' is also a site's name", s->camps[i].name);
        }

    for (int o = 0; o < s->n_origins; o++) {
        char p[128];
        snprintf(p, sizeof p, "origins.[%d].sites", o);
        origin_cfg *og = &s->origins[o];
        if (og->sites.n == 0 && s->n_sites == 1) {   /* one site: everyone goes there */
            og->site_share = arena_alloc(&s->mem, sizeof(double));
            if (!og->site_share) { err(c, p, "out of memory"); continue; }
            og->site_share[0] = 1.0;
        } else {
            if (og->sites.n == 0) err(c, p, "missing (required when there is more than one site)");
            og->site_share = resolve_site_map(c, s, &og->sites, p, og->sites.n > 0);
        }
    }
    check_capacity(c, s);
    check_counts(c, s);
    check_ranges(c, "aid.cuts", &s->aid.cuts);
    for (int k = 0; k < s->n_camps; k++) {
        camp_cfg *cc = &s->camps[k];
        char p[128];
        snprintf(p, sizeof p, "camps.[%d].return_site", k);
        cc->return_site = 0;
        if (cc->return_site_name && *cc->return_site_name) {
            cc->return_site = find_name(c->sites, cc->return_site_name);
            if (cc->return_site < 0) { err(c, p, "no site is named '%s'", cc->return_site_name); cc->return_site = 0; }
        } else if (cc->return_share > 0 && s->n_sites > 1) {
            snprintf(p, sizeof p, "camps.[%d].return_share", k);
            err(c, p, "needs return_site when there is more than one site");
        }
    }
    check_targets(c, s);
    resolve_admission(c, s, &s->admission, "admission", ROUTING_WROTE_SHARES | ROUTING_WROTE_ORDER);

    /* A policy is the base admission and aid with the policy's keys on top. The
     * list read above already checked every key of the policies (and reported
     * errors once); this second read, on a copy of the base, keeps only the keys
     * the policy names, so it reports into a scratch diag. */
    const param *pol = params_lookup("policies");
    const param *adm = params_lookup("policies.[0].admission");
    const param *aid = params_lookup("policies.[0].aid");
    (void)pol;
    diag scratch = {0};
    diag *real = r->d;
    r->d = &scratch;
    r->defaults = 0;
    for (int i = 0; i < s->n_policies; i++) {
        policy_cfg *pc = &s->policies[i];
        char p[128];
        pc->admission = s->admission;
        pc->aid = s->aid;
        snprintf(p, sizeof p, "policies.[%d].admission", i);
        config_setting_t *sa = at(c, p);
        if (sa) params_read_group(r, adm->sub, sa, &pc->admission, p);
        int wrote = (sa && config_setting_get_member(sa, "camp_shares") ? ROUTING_WROTE_SHARES : 0)
                  | (sa && config_setting_get_member(sa, "camp_order") ? ROUTING_WROTE_ORDER : 0);
        resolve_admission(c, s, &pc->admission, p, wrote);
        snprintf(p, sizeof p, "policies.[%d].aid", i);
        config_setting_t *sd = at(c, p);
        if (sd) params_read_group(r, aid->sub, sd, &pc->aid, p);
        snprintf(p, sizeof p, "policies.[%d].aid.cuts", i);
        check_ranges(c, p, &pc->aid.cuts);
    }
    r->defaults = 1;
    r->d = real;
    diag_clear(&scratch);
}

/* ---- load ---- */

scenario *scenario_load(const char *path, const override *sets, int n_sets, diag *d)
{
    struct stat st;
    if (stat(path, &st) != 0) { diag_add(d, "%s: cannot read: %s", path, strerror(errno)); return NULL; }
    if (S_ISDIR(st.st_mode)) { diag_add(d, "%s: is a folder, not a config file", path); return NULL; }
    if (!S_ISREG(st.st_mode)) { diag_add(d, "%s: not a regular file", path); return NULL; }
    /* A scenario is a few kB; a huge file is a mistake, and libconfig's scanner
     * would take minutes over it. */
    if (st.st_size > CONFIG_MAX_BYTES) {
        diag_add(d, "%s: %.0f MB is too large for a config file (at most %d MB)", path,
                 (double)st.st_size / 1e6, CONFIG_MAX_BYTES >> 20);
        return NULL;
    }
    FILE *f = fopen(path, "rb");
    if (!f) { diag_add(d, "%s: cannot read: %s", path, strerror(errno)); return NULL; }
    char *text = malloc((size_t)st.st_size + 1);
    size_t len = text ? fread(text, 1, (size_t)st.st_size, f) : 0;
    int bad = !text || ferror(f);
    fclose(f);
    if (bad) { free(text); diag_add(d, "%s: cannot read: %s", path, text ? strerror(errno) : "out of memory"); return NULL; }
    text[len] = 0;
    scenario *s = scenario_parse(path, text, len, sets, n_sets, d);
    free(text);
    return s;
}

scenario *scenario_parse(const char *path, const char *text, size_t len, const override *sets, int n_sets,
                         diag *d)
{
    if (memchr(text, 0, len)) {   /* libconfig would stop at the first NUL and miss the rest */
        diag_add(d, "%s: not a text file (it holds NUL bytes)", path);
        return NULL;
    }
    scenario *s = calloc(1, sizeof *s);
    config_t *tree = calloc(1, sizeof *tree);
    cfgtext *src = calloc(1, sizeof *src);
    if (!s || !tree || !src) { free(s); free(tree); free(src); diag_add(d, "%s: out of memory", path); return NULL; }
    config_init(tree);
    s->tree = tree;
    s->source = src;
    s->path = arena_strdup(&s->mem, path);
    /* libconfig parses the text with the @includes expanded and the integer
     * literals it would wrap marked 64-bit (cfgtext.h). */
    if (cfgtext_build(src, path, text, len, d) != 0) {
        scenario_free(s);
        return NULL;
    }
    if (config_read_string(tree, src->text) != CONFIG_TRUE) {
        const char *ef;
        int line;
        /* libconfig's own text is often just "syntax error": do not say it twice;
         * it names no token, so show the line it stopped on. */
        const char *why = config_error_text(tree);
        char shown[96];
        int at = config_error_line(tree);
        int found = strcmp(why, "syntax error") ? -1 : cfgsyntax_find(src->text, src->len, &at, shown, sizeof shown);
        if (found < 0) {   /* no token to show: the line libconfig stopped on */
            cfgtext_line(src, at, shown, sizeof shown);
            while (!shown[0] && at > 1) cfgtext_line(src, --at, shown, sizeof shown);   /* at the end: the last line */
        }
        cfgtext_where(src, at, &ef, &line);
        if (found == 0) diag_add(d, "%s:%d: syntax error near '%s'", ef ? ef : path, line, shown);
        else if (found == 1) diag_add(d, "%s:%d: syntax error: %s", ef ? ef : path, line, shown);
        else diag_add(d, "%s:%d: %s%s in: %s", ef ? ef : path, line, strcmp(why, "syntax error") ? "syntax error: " : "",
                      why, shown);
        scenario_free(s);
        return NULL;
    }
    size_t before = d->n;
    if (config_setting_length(config_root_setting(tree)) == 0) {
        diag_add(d, "%s: empty: no settings (a scenario needs at least scenario, sites and camps)", path);
        scenario_free(s);
        return NULL;
    }
    /* Each --set in turn, its path made canonical against the tree as it is then
     * (a --set can rename the element a later one names). */
    const char **set_paths = calloc((size_t)n_sets + 1, sizeof *set_paths);
    const char **set_given = calloc((size_t)n_sets + 1, sizeof *set_given);
    if (!set_paths || !set_given) {
        free(set_paths);
        free(set_given);
        diag_add(d, "%s: out of memory", path);
        scenario_free(s);
        return NULL;
    }
    for (int i = 0; i < n_sets; i++) {
        char canon[SETPATH_MAX];
        set_given[i] = sets[i].path;
        set_paths[i] = setpath_apply(tree, sets[i].path, sets[i].value, canon, sizeof canon, d) == 0
                           ? arena_strdup(&s->mem, canon) : sets[i].path;
    }
    if (d->n == before) {
        param_reader r = {.file = path, .d = d, .mem = &s->mem, .defaults = 1, .src = src,
                          .set_paths = set_paths, .set_given = set_given, .n_set_paths = n_sets};
        params_read_group(&r, params_root, config_root_setting(tree), s, "");
        if (d->n == before) {
            names sites = index_names(s->sites, sizeof *s->sites, s->n_sites);
            names camps = index_names(s->camps, sizeof *s->camps, s->n_camps);
            ctx c = {path, d, tree, src, &sites, &camps, set_paths, set_given, n_sets};
            if (!sites.v || !camps.v) diag_add(d, "%s: out of memory", path);
            else resolve(&c, s, &r);
            free(sites.v);
            free(camps.v);
            if (d->n == before) moves_resolve(s, set_paths, n_sets, d);
            if (d->n == before) uncertainty_resolve(s, set_paths, n_sets, d);
        }
    }
    free(set_paths);
    free(set_given);
    if (d->n > before) { scenario_free(s); return NULL; }
    return s;
}

void scenario_free(scenario *s)
{
    if (!s) return;
    uncertainty_free(s->unc);
    if (s->tree) { config_destroy(s->tree); free(s->tree); }
    if (s->source) { cfgtext_free(s->source); free(s->source); }
    arena_free(&s->mem);
    free(s);
}

int scenario_write_to(const scenario *s, FILE *f)
{
    config_t *tree = s->tree;
    diag d = {0};
    char v[32];
    snprintf(v, sizeof v, "%ld", s->seed);
    scenario_tree_set(tree, "scenario.seed", v, &d);
    snprintf(v, sizeof v, "%ld", s->replicates);
    scenario_tree_set(tree, "scenario.replicates", v, &d);
    /* The posterior by its absolute path: a relative one would be read from run.cfg's folder. */
    if (s->unc && uncertainty_posterior_file(s->unc))
        scenario_tree_set(tree, "uncertainty.posterior", uncertainty_posterior_file(s->unc), &d);
    diag_clear(&d);
    return cfgwrite(tree, f);
}

int scenario_write(const scenario *s, const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f) return -1;
    int bad = scenario_write_to(s, f);
    int e = errno;
    if (fclose(f) != 0 && !bad) return -1;
    errno = e;
    return bad;
}

int scenario_where(const scenario *s, const char *path, const char **file)
{
    config_setting_t *st = config_lookup(s->tree, path);
    int line;
    cfgtext_where(s->source, st ? config_setting_source_line(st) : 0, file, &line);
    if (!*file) *file = s->path;
    return line;
}

const admission_cfg *scenario_admission(const scenario *s, int p)
{
    return p >= 0 && p < s->n_policies ? &s->policies[p].admission : &s->admission;
}

const aid_cfg *scenario_aid(const scenario *s, int p)
{
    return p >= 0 && p < s->n_policies ? &s->policies[p].aid : &s->aid;
}
