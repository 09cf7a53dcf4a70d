/* paramread: reads a libconfig tree through the parameter table (params.c):
 * unknown keys (with a suggestion), types, bounds, dates inside the period, and
 * the defaults of keys left out. Every problem names its file and line, or the
 * --set that gave the value. */
#include "params.h"
#include "setpath.h"
#include "cfgtext.h"
#include "config.h"
#include "dates.h"
#include <ctype.h>
#include <libconfig.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Paths longer than the buffer are cut: they only appear in messages. */
static void child_path(char *buf, size_t n, const char *path, const char *key)
{
    int len = *path ? snprintf(buf, n, "%s.%s", path, key) : snprintf(buf, n, "%s", key);
    if (len < 0) buf[0] = 0;
}

static void index_path(char *buf, size_t n, const char *path, int i)
{
    if (snprintf(buf, n, "%s.[%d]", path, i) < 0) buf[0] = 0;
}

/* Where to point an error: the file and line of `s`, or "--set" for an override. */
static void report(param_reader *r, config_setting_t *s, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void report(param_reader *r, config_setting_t *s, const char *path, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    int k = setpath_match(r->set_paths, r->n_set_paths, path);
    if (k >= 0) {   /* a value from the command line: name the --set as written, and where under it */
        const char *given = r->set_given ? r->set_given[k] : r->set_paths[k];
        if (strcmp(r->set_paths[k], path) == 0) diag_add(r->d, "--set %s: %s", given, msg);
        else diag_add(r->d, "--set %s: %s: %s", given, path, msg);
        return;
    }
    const char *file;
    int line;
    cfgtext_where(r->src, s ? config_setting_source_line(s) : 0, &file, &line);
    diag_at(r->d, file ? file : r->file, line, path, "%s", msg);
}

static const char *type_name(int t)
{
    switch (t) {
    case CONFIG_TYPE_GROUP: return "a group { }";
    case CONFIG_TYPE_INT: case CONFIG_TYPE_INT64: return "an integer";
    case CONFIG_TYPE_FLOAT: return "a number";
    case CONFIG_TYPE_STRING: return "a string";
    case CONFIG_TYPE_BOOL: return "true or false";
    case CONFIG_TYPE_ARRAY: return "an array [ ]";
    case CONFIG_TYPE_LIST: return "a list ( )";
    default: return "something else";
    }
}

/* A number from an int, int64 or float setting (libconfig will not read an int as a
 * float). An int is exact: cfgtext made every literal past 32 bits an int64, and
 * refused any past 2^53. Returns 0 and sets *v, or -1 when it is not a number. */
static int number_of(config_setting_t *s, double *v)
{
    switch (config_setting_type(s)) {
    case CONFIG_TYPE_INT: *v = config_setting_get_int(s); return 0;
    case CONFIG_TYPE_INT64: *v = (double)config_setting_get_int64(s); return 0;
    case CONFIG_TYPE_FLOAT: *v = config_setting_get_float(s); return 0;
    default: return -1;
    }
}

static int check_bounds(param_reader *r, config_setting_t *s, const char *path, const param *p, double v)
{
    if (!isfinite(v)) { report(r, s, path, "must be a finite number, got %.15g", v); return -1; }
    if (v < p->lo) { report(r, s, path, "must be >= %.15g, got %.15g", p->lo, v); return -1; }
    if (v > p->hi) { report(r, s, path, "must be <= %.15g, got %.15g", p->hi, v); return -1; }
    return 0;
}

static int is_identifier(const char *s)
{
    if (!isalpha((unsigned char)s[0])) return 0;
    for (const char *c = s + 1; *c; c++)
        if (!isalnum((unsigned char)*c) && *c != '_' && *c != '-') return 0;
    return 1;
}

static int read_date(param_reader *r, config_setting_t *s, const char *path, const char *text, int *out)
{
    long day;
    if (strcmp(text, "start") == 0 && !s) { *out = 0; return 0; }
    if (strcmp(text, "end") == 0 && !s) { *out = (int)(r->days > 0 ? r->days - 1 : 0); return 0; }
    if (date_parse(text, &day) != 0) {
        report(r, s, path, "'%s' is not a date (YYYY-MM-DD)", text);
        return -1;
    }
    if (r->days > 0 && (day < r->start || day >= r->start + r->days)) {
        char a[11], b[11];
        date_format(r->start, a);
        date_format(r->start + r->days - 1, b);
        report(r, s, path, "%s is outside the simulated period %s to %s", text, a, b);
        return -1;
    }
    *out = (int)(day - r->start);
    return 0;
}

/* Reads one scalar from setting s (or its default when s is NULL) into obj. */
static void read_scalar(param_reader *r, const param *p, config_setting_t *s, config_setting_t *parent,
                        void *obj, const char *path)
{
    char *at = (char *)obj + p->off;
    config_t tmp;
    config_setting_t *parsed = NULL;
    if (!s) {
        if (!r->defaults) return;
        if (!p->def) { report(r, parent, path, "missing (required)"); return; }
        if (p->type == P_FLOAT && strcmp(p->def, "unset") == 0) { *(double *)at = NAN; return; }
        /* Parse the default as config text, so defaults go through the same checks. */
        char text[128];
        config_init(&tmp);
        snprintf(text, sizeof text, "v = %s;", p->def);
        if (p->type == P_DATE) {
            int day;
            const char *t = strcmp(p->def, "\"start\"") == 0 ? "start" : "end";
            if (read_date(r, NULL, path, t, &day) == 0) *(int *)at = day;
            config_destroy(&tmp);
            return;
        }
        if (config_read_string(&tmp, text) != CONFIG_TRUE) {
            config_destroy(&tmp);
            return;
        }
        parsed = config_lookup(&tmp, "v");
        s = parsed;
    }
    int t = config_setting_type(s);
    double v;
    switch (p->type) {
    case P_FLOAT:
        if (number_of(s, &v) != 0) report(r, s, path, "must be a number, got %s", type_name(t));
        else if (check_bounds(r, s, path, p, v) == 0) *(double *)at = v;
        break;
    case P_INT:
        if (number_of(s, &v) != 0) report(r, s, path, "must be an integer, got %s", type_name(t));
        else if (t == CONFIG_TYPE_FLOAT && v != floor(v)) report(r, s, path, "must be a whole number, got %.15g", v);
        else if (check_bounds(r, s, path, p, v) == 0) *(long *)at = (long)v;
        break;
    case P_BOOL:
        if (t != CONFIG_TYPE_BOOL) report(r, s, path, "must be true or false, got %s", type_name(t));
        else *(int *)at = config_setting_get_bool(s);
        break;
    case P_STRING: case P_NAME: case P_CHOICE: case P_DATE: {
        if (t != CONFIG_TYPE_STRING) { report(r, s, path, "must be a string, got %s", type_name(t)); break; }
        const char *str = config_setting_get_string(s);
        if (p->type == P_NAME && (s != parsed || *str) && !is_identifier(str)) {
            report(r, s, path, "'%s' is not a name (a letter, then letters, digits, _ or -)", str);
        } else if (p->type == P_NAME && strlen(str) > PARAMS_NAME_MAX) {   /* names become folder names */
            report(r, s, path, "'%.20s...' is %zu characters long; a name has at most %d", str, strlen(str),
                   PARAMS_NAME_MAX);
        } else if (p->type == P_CHOICE) {
            int i = 0;
            while (p->choices[i] && strcmp(p->choices[i], str) != 0) i++;
            if (p->choices[i]) { *(int *)at = i; break; }
            char opts[256] = "";
            for (int j = 0; p->choices[j]; j++) {
                strncat(opts, j ? ", " : "", sizeof opts - strlen(opts) - 1);
                strncat(opts, p->choices[j], sizeof opts - strlen(opts) - 1);
            }
            report(r, s, path, "'%s' is not one of %s", str, opts);
        } else if (p->type == P_DATE) {
            int day;
            if (read_date(r, s == parsed ? NULL : s, path, str, &day) == 0) *(int *)at = day;
        } else {
            *(const char **)at = arena_strdup(r->mem, str);
        }
        break;
    }
    default: break;
    }
    if (parsed) config_destroy(&tmp);
}

static void read_map(param_reader *r, const param *p, config_setting_t *s, void *obj, const char *path)
{
    name_map *m = (name_map *)((char *)obj + p->off);
    if (!s) { if (r->defaults) m->n = 0; return; }
    if (config_setting_type(s) != CONFIG_TYPE_GROUP) {
        report(r, s, path, "must be a group { Name = number; ... }, got %s", type_name(config_setting_type(s)));
        return;
    }
    int n = config_setting_length(s);
    m->v = arena_alloc(r->mem, sizeof *m->v * (size_t)(n ? n : 1));
    m->n = 0;
    for (int i = 0; i < n; i++) {
        config_setting_t *e = config_setting_get_elem(s, (unsigned)i);
        char sub[512];
        child_path(sub, sizeof sub, path, config_setting_name(e));
        double v;
        if (number_of(e, &v) != 0) { report(r, e, sub, "must be a number"); continue; }
        if (check_bounds(r, e, sub, p, v) != 0) continue;
        m->v[m->n++] = (named_value){arena_strdup(r->mem, config_setting_name(e)), v,
                                     config_setting_source_line(e)};
    }
}

static void read_levels(param_reader *r, const param *p, config_setting_t *s, void *obj, const char *path)
{
    quantile_levels *q = (quantile_levels *)((char *)obj + p->off);
    config_t tmp;
    int own = 0;
    if (!s) {
        if (!r->defaults) return;
        config_init(&tmp);
        char text[128];
        snprintf(text, sizeof text, "v = %s;", p->def);
        config_read_string(&tmp, text);
        s = config_lookup(&tmp, "v");
        own = 1;
    }
    int t = config_setting_type(s);
    if (t != CONFIG_TYPE_ARRAY && t != CONFIG_TYPE_LIST) {
        report(r, s, path, "must be an array of numbers [ ... ], got %s", type_name(t));
    } else {
        int n = config_setting_length(s);
        if (n > 64) {   /* QSTORE_MAX_LEVELS: the binned store narrows its bins at each level */
            report(r, s, path, "at most 64 levels, got %d", n);
            n = 64;
        }
        q->levels = arena_alloc(r->mem, sizeof(double) * (size_t)(n ? n : 1));
        q->n = 0;
        for (int i = 0; i < n; i++) {
            char sub[512];
            index_path(sub, sizeof sub, path, i);
            config_setting_t *e = config_setting_get_elem(s, (unsigned)i);
            double v;
            if (number_of(e, &v) != 0) { report(r, s, sub, "must be a number"); continue; }
            if (check_bounds(r, s, sub, p, v) != 0) continue;
            if (q->n > 0 && v <= q->levels[q->n - 1]) { report(r, s, sub, "levels must increase"); continue; }
            /* A level is named pNN_DDDD in the outputs (output_level_name): with more
             * than 6 decimals two levels could get one name, or a malformed one. */
            if (fabs(v * 1e6 - round(v * 1e6)) > 1e-6) {
                report(r, s, sub, "%.15g has more than 6 decimals (its column would be named ambiguously)", v);
                continue;
            }
            q->levels[q->n++] = v;
        }
        if (n == 0) report(r, s, path, "needs at least one level");
    }
    if (own) config_destroy(&tmp);
}

static void read_list(param_reader *r, const param *p, config_setting_t *s, void *obj, const char *path)
{
    void **items = (void **)((char *)obj + p->off);
    int *count = (int *)((char *)obj + p->count_off);
    if (!s) {
        if (r->defaults) { *items = NULL; *count = 0; }
        return;
    }
    int t = config_setting_type(s);
    if (t != CONFIG_TYPE_LIST) {
        report(r, s, path, "must be a list ( { ... }, ... ), got %s", type_name(t));
        return;
    }
    int n = config_setting_length(s);
    char *arr = arena_alloc(r->mem, p->size * (size_t)(n ? n : 1));
    if (!arr) { report(r, s, path, "out of memory"); return; }
    /* Elements of a list are always read with their defaults: a list in a policy
     * replaces the base list as a whole. */
    int saved = r->defaults;
    r->defaults = 1;
    for (int i = 0; i < n; i++) {
        char sub[512];
        index_path(sub, sizeof sub, path, i);
        config_setting_t *e = config_setting_get_elem(s, (unsigned)i);
        if (config_setting_type(e) != CONFIG_TYPE_GROUP) {
            report(r, e, sub, "must be a group { ... }, got %s", type_name(config_setting_type(e)));
            continue;
        }
        params_read_group(r, p->sub, e, arr + p->size * (size_t)i, sub);
    }
    r->defaults = saved;
    *items = arr;
    *count = n;
}

void params_read_group(param_reader *r, const param *table, const void *setting, void *obj, const char *path)
{
    config_setting_t *g = (config_setting_t *)setting;
    if (g) {   /* unknown keys first, so a misspelt key is named before "missing" */
        for (int i = 0; i < config_setting_length(g); i++) {
            config_setting_t *e = config_setting_get_elem(g, (unsigned)i);
            const char *name = config_setting_name(e);
            if (params_find_key(table, name)) continue;
            char sub[512];
            child_path(sub, sizeof sub, path, name);
            const char *near = params_closest_key(table, name);
            if (near) report(r, e, sub, "unknown key '%s'; did you mean '%s'?", name, near);
            else report(r, e, sub, "unknown key '%s'", name);
        }
    }
    for (const param *p = table; p->key; p++) {
        char sub[512];
        child_path(sub, sizeof sub, path, p->key);
        config_setting_t *s = g ? config_setting_get_member(g, p->key) : NULL;
        switch (p->type) {
        case P_GROUP:
            if (s && config_setting_type(s) != CONFIG_TYPE_GROUP) {
                report(r, s, sub, "must be a group { ... }, got %s", type_name(config_setting_type(s)));
                break;
            }
            if (s || r->defaults) params_read_group(r, p->sub, s ? s : NULL, (char *)obj + p->off, sub);
            break;
        case P_LIST: read_list(r, p, s, obj, sub); break;
        case P_MAP: read_map(r, p, s, obj, sub); break;
        case P_LEVELS: read_levels(r, p, s, obj, sub); break;
        default:
            read_scalar(r, p, s, g, obj, sub);
            /* The period must be known before any date is read. */
            if (table == params_root[0].sub && p->type == P_INT && strcmp(p->key, "days") == 0) {
                scenario *sc = obj;
                long day;
                long last;
                date_parse("9999-12-31", &last);
                if (sc->start_text && date_parse(sc->start_text, &day) == 0 && day + sc->days - 1 > last) {
                    /* the series would wrap to 0000-01-01 */
                    report(r, config_setting_get_member(g, "days"), "scenario.days",
                           "%ld days from %s end after 9999-12-31, the last date campsim writes", sc->days,
                           sc->start_text);
                } else if (sc->start_text && date_parse(sc->start_text, &day) == 0) {
                    r->start = day;
                    r->days = sc->days;
                    sc->start = day;
                } else if (sc->start_text) {
                    report(r, config_setting_get_member(g, "start"), "scenario.start",
                           "'%s' is not a date (YYYY-MM-DD)", sc->start_text);
                }
            }
        }
    }
}

