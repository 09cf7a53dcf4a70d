/* setpath: the paths of settings, as --set, --vary, --fit and the priors take
 * them ("origins.[0].travel.loss", "sites.Rukban.leave_rate"): their walk
 * through the parameter table, through a scenario read with it, and through a
 * config tree (include/setpath.h has the syntax). */
#include "setpath.h"
#include "config.h"
#include <ctype.h>
#include <libconfig.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

int setpath_is_name(const char *s)
{
    if (!isalpha((unsigned char)s[0])) return 0;
    for (const char *c = s + 1; *c; c++)
        if (!isalnum((unsigned char)*c) && *c != '_' && *c != '-') return 0;
    return 1;
}

/* "[i]" with i a whole number from 0: 1 and *i; 0 when it is not one. */
static int index_of(const char *seg, int *i)
{
    if (seg[0] != '[' || !isdigit((unsigned char)seg[1])) return 0;
    long v = 0;
    const char *c = seg + 1;
    while (isdigit((unsigned char)*c) && v < 100000000) v = v * 10 + (*c++ - '0');
    if (c[0] != ']' || c[1] || v >= 100000000) return 0;
    *i = (int)v;
    return 1;
}

/* The path of the first k segments as written, for messages. */
static const char *prefix(const setpath *w, int k, char *buf, size_t n)
{
    buf[0] = 0;
    for (int i = 0; i < k; i++) {
        size_t len = strlen(buf);
        snprintf(buf + len, n - len, "%s%s", i ? "." : "", w->seg[i]);
    }
    return k ? buf : "the top level";
}

int setpath_parse(const char *path, setpath *w, char *why, size_t n)
{
    w->n = 0;
    if (strlen(path) >= sizeof w->buf) { snprintf(why, n, "a path has at most %d characters", SETPATH_MAX - 1); return -1; }
    strcpy(w->buf, path);
    for (char *p = w->buf;;) {
        if (w->n == SETPATH_SEGMENTS) { snprintf(why, n, "a path has at most %d segments", SETPATH_SEGMENTS); return -1; }
        w->seg[w->n++] = p;
        char *dot = strchr(p, '.');
        if (!dot) break;
        *dot = 0;
        p = dot + 1;
    }
    const param *table = params_root;
    char at[SETPATH_MAX];
    for (int i = 0; i < w->n; i++) {
        const char *t = w->seg[i];
        const param *up = i ? w->entry[i - 1] : NULL;
        w->index[i] = -1;
        if (!*t) { snprintf(why, n, "an empty segment (two dots, or a dot at an end)"); return -1; }
        if (up && w->kind[i - 1] == SEG_KEY && up->type == P_LIST) {   /* an element of the list */
            w->entry[i] = up;
            table = up->sub;
            if (index_of(t, &w->index[i])) { w->kind[i] = SEG_INDEX; continue; }
            if (setpath_is_name(t) && params_find_key(up->sub, "name")) { w->kind[i] = SEG_NAME; continue; }
            if (setpath_is_name(t))
                snprintf(why, n, "the elements of %s have no names: pick one by its index, %s.[0]", prefix(w, i, at, sizeof at),
                         prefix(w, i, at, sizeof at));
            else
                snprintf(why, n, "'%s' is not an element of the list %s: [i] (from 0)%s", t, prefix(w, i, at, sizeof at),
                         params_find_key(up->sub, "name") ? " or a name" : "");
            return -1;
        }
        if (up && w->kind[i - 1] == SEG_KEY && up->type == P_MAP) {   /* one of the map's names */
            w->entry[i] = up;
            w->kind[i] = SEG_ENTRY;
            table = NULL;
            if (setpath_is_name(t)) continue;
            snprintf(why, n, "'%s' is not a name (in the map %s)", t, prefix(w, i, at, sizeof at));
            return -1;
        }
        if (!table) {
            snprintf(why, n, "%s is %s: nothing is under it", prefix(w, i, at, sizeof at),
                     up && up->type == P_LEVELS ? "set whole ([ ... ])" : "a single value");
            return -1;
        }
        const param *p = params_find_key(table, t);
        if (!p) {
            const char *near = params_closest_key(table, t);
            if (near) snprintf(why, n, "no key '%s' in %s; did you mean '%s'?", t, prefix(w, i, at, sizeof at), near);
            else snprintf(why, n, "no key '%s' in %s", t, prefix(w, i, at, sizeof at));
            return -1;
        }
        w->kind[i] = SEG_KEY;
        w->entry[i] = p;
        table = p->type == P_GROUP ? p->sub : NULL;   /* a list's keys come after its element */
    }
    return 0;
}

const param *params_lookup(const char *path)
{
    setpath w;
    char why[8];
    if (setpath_parse(path, &w, why, sizeof why) != 0) return NULL;
    return w.entry[w.n - 1];
}

/* The walk through a scenario: the canonical path in out (when out), and the
 * address of the number the path ends at (NULL when it ends elsewhere, or names
 * an element that does not exist: *found is then 0). */
static void *walk_struct(void *root, const setpath *w, const param **entry, char *out, size_t n, int *found)
{
    char *obj = root;
    void *at = NULL;
    size_t len = 0;
    *found = 1;
    if (out) out[0] = 0;
    for (int i = 0; i < w->n; i++) {
        const param *p = w->entry[i];
        char seg[32];
        const char *shown = w->seg[i];
        switch (w->kind[i]) {
        case SEG_KEY:
            if (p->type == P_GROUP) obj += p->off;
            else if ((p->type == P_FLOAT || p->type == P_INT) && i == w->n - 1) {
                at = obj + p->off;
                if (entry) *entry = p;
            }
            break;
        case SEG_INDEX: case SEG_NAME: {
            int k = w->index[i], count = *(const int *)(obj + p->count_off);
            char *items = *(char **)(obj + p->off);
            if (w->kind[i] == SEG_NAME) {
                size_t off = params_find_key(p->sub, "name")->off;
                for (k = 0; k < count; k++) {
                    const char *name = *(const char **)(items + p->size * (size_t)k + off);
                    if (name && !strcmp(name, w->seg[i])) break;
                }
            }
            if (k < 0 || k >= count) { *found = 0; return NULL; }
            obj = items + p->size * (size_t)k;
            snprintf(seg, sizeof seg, "[%d]", k);
            shown = seg;
            break;
        }
        case SEG_ENTRY: break;
        }
        if (out && len < n) {   /* a path past n bytes is cut: it only gets compared */
            int m = snprintf(out + len, n - len, "%s%s", i ? "." : "", shown);
            len = m < 0 ? n : len + (size_t)m;
        }
    }
    return at;
}

void *params_ref(void *root, const char *path, const param **entry)
{
    setpath w;
    char why[8];
    int found;
    if (setpath_parse(path, &w, why, sizeof why) != 0) return NULL;
    return walk_struct(root, &w, entry, NULL, 0, &found);
}

double params_value(const void *root, const char *path)
{
    const param *p;
    const void *at = params_ref((void *)root, path, &p);
    if (!at) return NAN;
    return p->type == P_FLOAT ? *(const double *)at : (double)*(const long *)at;
}

int setpath_canonical(const void *root, const char *path, char *out, size_t n)
{
    setpath w;
    char why[8];
    int found;
    if (setpath_parse(path, &w, why, sizeof why) != 0) return -1;
    walk_struct((void *)root, &w, NULL, out, n, &found);
    return found ? 0 : -1;
}

int setpath_explain(const void *root, const char *path, char *why, size_t n)
{
    setpath w;
    if (setpath_parse(path, &w, why, n) != 0) return -1;
    const param *last = w.entry[w.n - 1];
    if (w.kind[w.n - 1] != SEG_KEY || (last->type != P_FLOAT && last->type != P_INT)) {
        snprintf(why, n, "not a number setting");
        return -1;
    }
    if (!root) return 0;
    const char *obj = root;
    char at[SETPATH_MAX];
    for (int i = 0; i < w.n; i++) {   /* the first element that is not there, and the nearest name */
        const param *p = w.entry[i];
        if (w.kind[i] == SEG_KEY && p->type == P_GROUP) obj += p->off;
        if (w.kind[i] != SEG_INDEX && w.kind[i] != SEG_NAME) continue;
        int k = w.index[i], count = *(const int *)(obj + p->count_off);
        const char *items = *(char *const *)(obj + p->off), *near = NULL;
        if (w.kind[i] == SEG_NAME) {
            size_t off = params_find_key(p->sub, "name")->off, best = (size_t)-1, limit = strlen(w.seg[i]) / 3 + 1;
            for (k = 0; k < count; k++) {
                const char *name = *(const char *const *)(items + p->size * (size_t)k + off);
                if (!name) continue;
                if (!strcmp(name, w.seg[i])) break;
                size_t d = params_distance(w.seg[i], name);
                if (d < best) { best = d; near = name; }
            }
            if (best > (limit > 3 ? 3 : limit)) near = NULL;
        }
        if (k >= count) {
            if (w.kind[i] == SEG_INDEX) snprintf(why, n, "%s has %d element%s", prefix(&w, i, at, sizeof at), count, count == 1 ? "" : "s");
            else if (near) snprintf(why, n, "no element of %s is named '%s'; did you mean '%s'?", prefix(&w, i, at, sizeof at), w.seg[i], near);
            else snprintf(why, n, "no element of %s is named '%s'", prefix(&w, i, at, sizeof at), w.seg[i]);
            return -1;
        }
        obj = items + p->size * (size_t)k;
    }
    return 0;
}

int setpath_same(const void *root, const char *a, const char *b)
{
    char ca[SETPATH_MAX], cb[SETPATH_MAX];
    if (!strcmp(a, b)) return 1;
    if (setpath_canonical(root, a, ca, sizeof ca) != 0 || setpath_canonical(root, b, cb, sizeof cb) != 0) return 0;
    return !strcmp(ca, cb);
}

int setpath_holds(const void *root, const char *outer, const char *inner)
{
    char co[SETPATH_MAX], ci[SETPATH_MAX];
    if (setpath_canonical(root, outer, co, sizeof co) != 0 || setpath_canonical(root, inner, ci, sizeof ci) != 0)
        return !strcmp(outer, inner);
    const char *one[] = {co};
    return setpath_match(one, 1, ci) == 0;
}

/* The element of `list` (a tree setting) named `name`, or -1; *near the nearest
 * name when none is (a few edits at most), else NULL. */
static int find_element(config_setting_t *list, const char *name, const char **near)
{
    size_t best = (size_t)-1, limit = strlen(name) / 3 + 1;
    *near = NULL;
    for (int i = 0; i < config_setting_length(list); i++) {
        const char *e = NULL;
        config_setting_t *el = config_setting_get_elem(list, (unsigned)i);
        if (config_setting_type(el) != CONFIG_TYPE_GROUP || !config_setting_lookup_string(el, "name", &e)) continue;
        if (!strcmp(e, name)) return i;
        size_t d = params_distance(name, e);
        if (d < best) { best = d; *near = e; }
    }
    if (best > (limit > 3 ? 3 : limit)) *near = NULL;
    return -1;
}

int setpath_canonical_tree(void *tree, const setpath *w, char *out, size_t n, char *why, size_t nwhy)
{
    size_t len = 0;
    out[0] = 0;
    for (int i = 0; i < w->n; i++) {
        char seg[32];
        const char *shown = w->seg[i];
        if (w->kind[i] == SEG_NAME) {
            config_setting_t *list = config_lookup(tree, out);
            const char *near = NULL;
            int k = list && config_setting_type(list) == CONFIG_TYPE_LIST ? find_element(list, w->seg[i], &near) : -1;
            if (k < 0) {
                if (near) snprintf(why, nwhy, "no element of %s is named '%s'; did you mean '%s'?", out, w->seg[i], near);
                else if (!list) snprintf(why, nwhy, "%s is not in the file, so no element of it is named '%s'", out, w->seg[i]);
                else if (params_find_key(w->entry[i]->sub, w->seg[i]))   /* sites.leave_rate */
                    snprintf(why, nwhy, "no element of %s is named '%s' (%s is a list: %s.[i].%s or %s.NAME.%s)", out,
                             w->seg[i], out, out, w->seg[i], out, w->seg[i]);
                else snprintf(why, nwhy, "no element of %s is named '%s'", out, w->seg[i]);
                return -1;
            }
            snprintf(seg, sizeof seg, "[%d]", k);
            shown = seg;
        }
        int m = snprintf(out + len, n - len, "%s%s", i ? "." : "", shown);
        if (m < 0 || (size_t)m >= n - len) { snprintf(why, nwhy, "the path is too long"); return -1; }
        len += (size_t)m;
    }
    return 0;
}

int setpath_match(const char *const *paths, int n, const char *path)
{
    for (int i = 0; i < n; i++) {
        size_t k = strlen(paths[i]);
        if (!strncmp(paths[i], path, k) && (path[k] == 0 || path[k] == '.')) return i;
    }
    return -1;
}

int setpath_under(const char *const *paths, int n, const char *path)
{
    size_t k = strlen(path);
    for (int i = 0; i < n; i++)
        if (!strncmp(paths[i], path, k) && paths[i][k] == '.') return i;
    return -1;
}
