/* config: loads a scenario file (libconfig), applies --set overrides to the tree,
 * reads it through the parameter table, then resolves names and checks what
 * involves more than one key (shares summing to 1, names that refer to
 * something, date ranges in order, policies on top of the base settings). */
#include "config.h"
#include "params.h"
#include "dates.h"
#include "queue.h"
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
#define CONFIG_MAX_BYTES (16 << 20)

/* ---- --set ---- */

static int set_value(config_setting_t *parent, const char *key, const param *p, const char *value,
                     const char *path, diag *d)
{
    int type;
    switch (p->type) {
    case P_FLOAT: type = CONFIG_TYPE_FLOAT; break;
    case P_INT: type = CONFIG_TYPE_INT64; break;
    case P_BOOL: type = CONFIG_TYPE_BOOL; break;
    case P_STRING: case P_NAME: case P_CHOICE: case P_DATE: type = CONFIG_TYPE_STRING; break;
    default:
        diag_add(d, "--set %s: not a single value (only numbers, strings, dates and booleans can be set)", path);
        return -1;
    }
    char *end;
    double f = 0;
    long long i = 0;
    int b = 0;
    errno = 0;
    if (type == CONFIG_TYPE_FLOAT) {
        f = strtod(value, &end);
        if (end == value || *end) { diag_add(d, "--set %s: '%s' is not a number", path, value); return -1; }
    } else if (type == CONFIG_TYPE_INT64) {
        i = strtoll(value, &end, 10);
        if (end == value || *end) { diag_add(d, "--set %s: '%s' is not a whole number", path, value); return -1; }
        if (errno == ERANGE) { diag_add(d, "--set %s: '%s' is too large", path, value); return -1; }
    } else if (type == CONFIG_TYPE_BOOL) {
        if (strcmp(value, "true") == 0) b = 1;
        else if (strcmp(value, "false") != 0) { diag_add(d, "--set %s: '%s' is not true or false", path, value); return -1; }
    }
    config_setting_t *s = config_setting_get_member(parent, key);
    if (s && config_setting_type(s) != type) {   /* e.g. an int where a float is wanted */
        config_setting_remove(parent, key);
        s = NULL;
    }
    if (!s) s = config_setting_add(parent, key, type);
    if (!s) { diag_add(d, "--set %s: cannot create the setting", path); return -1; }
    if (type == CONFIG_TYPE_FLOAT) config_setting_set_float(s, f);
    else if (type == CONFIG_TYPE_INT64) config_setting_set_int64(s, i);
    else if (type == CONFIG_TYPE_BOOL) config_setting_set_bool(s, b);
    else {
        size_t n = strlen(value);   /* --set name="x" and --set name=x mean the same */
        if (n >= 2 && value[0] == '"' && value[n - 1] == '"') {
            char *v = strndup(value + 1, n - 2);
            config_setting_set_string(s, v);
            free(v);
        } else {
            config_setting_set_string(s, value);
        }
    }
    return 0;
}

int scenario_tree_set(void *tree_, const char *path, const char *value, diag *d)
{
    config_t *tree = tree_;
    const param *p = params_lookup(path);
    if (!p) { diag_add(d, "--set %s: no such setting (see campsim --help-keys)", path); return -1; }
    char parent_path[512];
    snprintf(parent_path, sizeof parent_path, "%s", path);
    char *dot = strrchr(parent_path, '.');
    const char *key = path;
    config_setting_t *parent;
    if (dot) {
        *dot = 0;
        key = dot + 1;
        parent = config_lookup(tree, parent_path);
        if (!parent) {   /* make missing groups (not list elements) on the way */
            char *slash = strrchr(parent_path, '.');
            const char *gkey = slash ? slash + 1 : parent_path;
            if (gkey[0] == '[') {
                diag_add(d, "--set %s: %s does not exist in the file", path, parent_path);
                return -1;
            }
            config_setting_t *grand;
            if (slash) { *slash = 0; grand = config_lookup(tree, parent_path); *slash = '.'; }
            else grand = config_root_setting(tree);
            if (!grand || config_setting_type(grand) != CONFIG_TYPE_GROUP) {
                diag_add(d, "--set %s: %s does not exist in the file", path, parent_path);
                return -1;
            }
            parent = config_setting_add(grand, gkey, CONFIG_TYPE_GROUP);
        }
    } else {
        parent = config_root_setting(tree);
    }
    if (!parent || config_setting_type(parent) != CONFIG_TYPE_GROUP) {
        diag_add(d, "--set %s: %s is not a group", path, dot ? parent_path : "the root");
        return -1;
    }
    return set_value(parent, key, p, value, path, d);
}

/* ---- cross-field checks ---- */

typedef struct { const char *file; diag *d; config_t *tree; } ctx;

static config_setting_t *at(ctx *c, const char *path) { return config_lookup(c->tree, path); }

/* Puts msg at the line of the setting at `path`, or of its nearest parent that
 * exists in the file. */
static void report_at(config_t *tree, const char *file0, diag *d, const char *path, const char *msg)
{
    char buf[512];
    snprintf(buf, sizeof buf, "%s", path);
    config_setting_t *s = NULL;
    while (!(s = config_lookup(tree, buf))) {
        char *dot = strrchr(buf, '.');
        if (!dot) break;
        *dot = 0;
    }
    const char *file = s ? config_setting_source_file(s) : NULL;
    diag_at(d, file ? file : file0, s ? config_setting_source_line(s) : 0, path, "%s", msg);
}

static void err(ctx *c, const char *path, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void err(ctx *c, const char *path, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    report_at(c->tree, c->file, c->d, path, msg);
}

void scenario_error(const scenario *s, diag *d, const char *path, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    report_at(s->tree, s->path, d, path, msg);
}

static int find_name(const char *name, const void *arr, size_t size, int n)
{
    for (int i = 0; i < n; i++)
        if (strcmp(*(const char *const *)((const char *)arr + size * (size_t)i), name) == 0) return i;
    return -1;
}

static void unique_names(ctx *c, const char *list, const void *arr, size_t size, int n)
{
    for (int i = 0; i < n; i++) {
        const char *name = *(const char *const *)((const char *)arr + size * (size_t)i);
        if (name && find_name(name, arr, size, i) >= 0) {
            char path[128];
            snprintf(path, sizeof path, "%s.[%d].name", list, i);
            err(c, path, "'%s' is used twice", name);
        }
    }
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
    double sum = 0;
    size_t before = c->d->n;
    for (int i = 0; i < m->n; i++) {
        char p[256];
        snprintf(p, sizeof p, "%s.%s", path, m->v[i].name);
        int k = find_name(m->v[i].name, s->sites, sizeof *s->sites, s->n_sites);
        if (k < 0) { err(c, p, "no site is named '%s'", m->v[i].name); continue; }
        out[k] = m->v[i].value;
        sum += m->v[i].value;
    }
    if (before != c->d->n) return out;   /* a misnamed site: the sum would only add noise */
    if (must_sum_1 && fabs(sum - 1.0) > SHARE_TOL) err(c, path, "shares sum to %.12g, not 1", sum);
    if (!must_sum_1 && m->n > 0 && sum <= 0) err(c, path, "weights are all 0");
    return out;
}

static void resolve_admission(ctx *c, scenario *s, admission_cfg *a, const char *path)
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
        a->camp = find_name(a->camp_name, s->camps, sizeof *s->camps, s->n_camps);
        if (a->camp < 0) {
            snprintf(p, sizeof p, "%s.camp", path);
            err(c, p, "no camp is named '%s'", a->camp_name);
            a->camp = 0;
        }
    }
    a->reserved = NULL;
    if (a->reserved_shares.n > 0) {
        snprintf(p, sizeof p, "%s.reserved", path);
        a->reserved = arena_alloc(&s->mem, sizeof(double) * (size_t)s->n_groups);
        double sum = 0;
        size_t before = c->d->n;
        for (int i = 0; i < a->reserved_shares.n; i++) {
            const named_value *v = &a->reserved_shares.v[i];
            int g = find_name(v->name, s->groups, sizeof *s->groups, s->n_groups);
            char q[300];
            snprintf(q, sizeof q, "%s.%s", p, v->name);
            if (g < 0) { err(c, q, "no group is named '%s'", v->name); continue; }
            a->reserved[g] = v->value;
            sum += v->value;
        }
        if (before == c->d->n && sum > 1 + SHARE_TOL) err(c, p, "reserved shares sum to %.12g, more than 1", sum);
    }
    a->site_weight = NULL;
    if (a->site_weights.n > 0) {
        snprintf(p, sizeof p, "%s.site_weights", path);
        a->site_weight = resolve_site_map(c, s, &a->site_weights, p, 0);
    }
}

static void resolve(ctx *c, scenario *s, param_reader *r)
{
    if (s->n_groups == 0) {   /* no groups: everyone in one group "all" */
        s->groups = arena_alloc(&s->mem, sizeof *s->groups);
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
        if (find_name(s->camps[i].name, s->sites, sizeof *s->sites, s->n_sites) >= 0) {
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
            og->site_share[0] = 1.0;
        } else {
            if (og->sites.n == 0) err(c, p, "missing (required when there is more than one site)");
            og->site_share = resolve_site_map(c, s, &og->sites, p, og->sites.n > 0);
        }
    }
    check_ranges(c, "aid.cuts", &s->aid.cuts);
    for (int k = 0; k < s->n_camps; k++) {
        camp_cfg *cc = &s->camps[k];
        char p[128];
        snprintf(p, sizeof p, "camps.[%d].return_site", k);
        cc->return_site = 0;
        if (cc->return_site_name && *cc->return_site_name) {
            cc->return_site = find_name(cc->return_site_name, s->sites, sizeof *s->sites, s->n_sites);
            if (cc->return_site < 0) { err(c, p, "no site is named '%s'", cc->return_site_name); cc->return_site = 0; }
        } else if (cc->return_share > 0 && s->n_sites > 1) {
            snprintf(p, sizeof p, "camps.[%d].return_share", k);
            err(c, p, "needs return_site when there is more than one site");
        }
    }
    resolve_admission(c, s, &s->admission, "admission");

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
        resolve_admission(c, s, &pc->admission, p);
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

/* libconfig 1.5 opens @include files itself and, on a folder or anything but a
 * readable regular file, its scanner calls exit() ("input in flex scanner
 * failed"), found by fuzzing. So every @include is checked first, nested ones
 * too (libconfig resolves them all against the top file's folder, `dir`), to the
 * depth libconfig allows; deeper nesting is libconfig's own error. Returns the
 * number of bad includes (each one in d). */
#define INCLUDE_DEPTH 10
static int check_includes(const char *path, const char *text, const char *dir, int depth, diag *d)
{
    int bad = 0, line = 1;
    for (const char *p = text; *p; line++) {
        const char *end = strchr(p, '\n');
        const char *q = p;
        while (*q == ' ' || *q == '\t') q++;
        if (!strncmp(q, "@include", 8) && (end == NULL || q < end)) {
            q += 8;
            while (*q == ' ' || *q == '\t') q++;
            const char *close = *q == '"' ? strchr(q + 1, '"') : NULL;
            if (close && (end == NULL || close < end)) {
                char name[4096], full[8200];
                snprintf(name, sizeof name, "%.*s", (int)(close - q - 1), q + 1);
                if (name[0] == '/' || !dir) snprintf(full, sizeof full, "%s", name);
                else snprintf(full, sizeof full, "%s/%s", dir, name);
                struct stat st;
                FILE *f = NULL;
                const char *why = stat(full, &st) != 0 ? strerror(errno)
                                : S_ISDIR(st.st_mode) ? "is a folder, not a config file"
                                : !S_ISREG(st.st_mode) ? "not a regular file"
                                : st.st_size > CONFIG_MAX_BYTES ? "too large for a config file"
                                : !(f = fopen(full, "rb")) ? strerror(errno) : NULL;
                if (why) {
                    diag_add(d, "%s:%d: @include \"%s\": %s", path, line, name, why);
                    bad++;
                } else if (depth < INCLUDE_DEPTH) {
                    char *inner = malloc((size_t)st.st_size + 1);
                    size_t n = inner ? fread(inner, 1, (size_t)st.st_size, f) : 0;
                    if (inner) {
                        inner[n] = 0;
                        if (!memchr(inner, 0, n)) bad += check_includes(full, inner, dir, depth + 1, d);
                        free(inner);
                    }
                }
                if (f) fclose(f);
            }
        }
        if (!end) break;
        p = end + 1;
    }
    return bad;
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
    if (!s || !tree) { free(s); free(tree); diag_add(d, "%s: out of memory", path); return NULL; }
    config_init(tree);
    s->tree = tree;
    s->path = arena_strdup(&s->mem, path);
    /* @include paths are relative to the including file's folder. */
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash) { *slash = 0; config_set_include_dir(tree, dir); }
    if (check_includes(path, text, slash ? dir : NULL, 0, d) > 0) {
        scenario_free(s);
        return NULL;
    }
    if (config_read_string(tree, text) != CONFIG_TRUE) {
        const char *ef = config_error_file(tree);
        /* libconfig's own text is often just "syntax error": do not say it twice. */
        const char *why = config_error_text(tree);
        if (strcmp(why, "syntax error") == 0)
            diag_add(d, "%s:%d: syntax error", ef ? ef : path, config_error_line(tree));
        else
            diag_add(d, "%s:%d: syntax error: %s", ef ? ef : path, config_error_line(tree), why);
        scenario_free(s);
        return NULL;
    }
    size_t before = d->n;
    if (config_setting_length(config_root_setting(tree)) == 0) {
        diag_add(d, "%s: empty: no settings (a scenario needs at least scenario, sites and camps)", path);
        scenario_free(s);
        return NULL;
    }
    const char **set_paths = calloc((size_t)n_sets + 1, sizeof *set_paths);
    for (int i = 0; i < n_sets; i++) {
        set_paths[i] = sets[i].path;
        scenario_tree_set(tree, sets[i].path, sets[i].value, d);
    }
    if (d->n == before) {
        param_reader r = {.file = path, .d = d, .mem = &s->mem, .defaults = 1, .text = text, .text_len = len,
                          .set_paths = set_paths, .n_set_paths = n_sets};
        params_read_group(&r, params_root, config_root_setting(tree), s, "");
        if (d->n == before) {
            ctx c = {path, d, tree};
            resolve(&c, s, &r);
            if (d->n == before) uncertainty_resolve(s, set_paths, n_sets, d);
        }
        params_reader_done(&r);
    }
    free(set_paths);
    if (d->n > before) { scenario_free(s); return NULL; }
    return s;
}

void scenario_free(scenario *s)
{
    if (!s) return;
    uncertainty_free(s->unc);
    if (s->tree) { config_destroy(s->tree); free(s->tree); }
    arena_free(&s->mem);
    free(s);
}

int scenario_write(const scenario *s, const char *path)
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
    if (config_write_file(tree, path) != CONFIG_TRUE) { if (!errno) errno = EIO; return -1; }
    return 0;
}

const admission_cfg *scenario_admission(const scenario *s, int p)
{
    return p >= 0 && p < s->n_policies ? &s->policies[p].admission : &s->admission;
}

const aid_cfg *scenario_aid(const scenario *s, int p)
{
    return p >= 0 && p < s->n_policies ? &s->policies[p].aid : &s->aid;
}
