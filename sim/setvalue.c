/* setvalue: --set PATH=VALUE, put into the config tree before it is read, so
 * that the reader checks a value from the command line as it checks the file's,
 * and run.cfg (written from the tree) reproduces the run.
 *
 * A single value (number, string, date, boolean) replaces the setting or adds
 * it; numbers are read as a file reads them (decimal, or hexadecimal 0x..., whole
 * numbers exact to 2^53). Anything else is a value in the file's syntax: a list
 * `( {...}, ... )` replaces the whole list (`()` empties it), a group `{ ... }` a
 * whole group or map, an array `[ ... ]` the quantile levels. An element of a
 * list, PATH.[i] or PATH.NAME, takes a group: it replaces that element, and
 * PATH.[n] on a list of n elements appends one. */
#include "setpath.h"
#include "cfgtext.h"
#include "cfgsyntax.h"
#include "config.h"
#include <errno.h>
#include <libconfig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* VALUE read as the file would read `v = VALUE;` (cfgtext's rules for integers).
 * Returns the parsed tree (its setting "v"), or NULL with why. */
static config_t *parse_value(const char *value, char *why, size_t n)
{
    size_t len = strlen(value);
    while (len > 0 && (value[len - 1] == ' ' || value[len - 1] == '\t')) len--;
    if (len > 0 && value[len - 1] == ';') len--;   /* --set 'x=(...);' as in a file */
    char *text = malloc(len + 8);
    config_t *c = malloc(sizeof *c);
    if (!text || !c) { free(text); free(c); snprintf(why, n, "out of memory"); return NULL; }
    snprintf(text, len + 8, "v = %.*s\n", (int)len, value);   /* no ';': a cut value ends too soon */
    cfgtext src;
    diag d = {0};
    memset(&src, 0, sizeof src);
    config_init(c);
    int ok = memchr(value, '\n', len) == NULL && cfgtext_build(&src, "--set", text, strlen(text), &d) == 0;
    if (!ok && d.n) {   /* "--set:1: v: 9007199254740993 is past 2^53 ...": the reason only */
        const char *m = strstr(d.msgs[0], ": ");
        m = m ? strstr(m + 2, ": ") : NULL;
        snprintf(why, n, "'%s': %s", value, m ? m + 2 : d.msgs[0]);
    } else if (!ok) {
        snprintf(why, n, "'%s' is not one value (it holds a line break)", value);
    } else if (config_read_string(c, src.text) != CONFIG_TRUE) {
        char near[96];
        int at = cfgsyntax_find(src.text, src.len, NULL, near, sizeof near);
        if (at == 0) snprintf(why, n, "'%s' is not a value: syntax error near '%s'", value, near);
        else if (at == 1) snprintf(why, n, "'%s' is not a value: it ends too soon", value);
        else
            snprintf(why, n, "'%s' is not a value: %s", value, config_error_text(c));
        ok = 0;
    } else if (config_setting_length(config_root_setting(c)) != 1) {
        snprintf(why, n, "'%s' is more than one value", value);
        ok = 0;
    }
    cfgtext_free(&src);
    diag_clear(&d);
    free(text);
    if (!ok) { config_destroy(c); free(c); return NULL; }
    return c;
}

static void free_value(config_t *c)
{
    if (c) config_destroy(c);
    free(c);
}

/* Copies the value of src into dst, a new setting of the same type. */
static int copy_setting(config_setting_t *dst, const config_setting_t *src)
{
    config_setting_t *s = (config_setting_t *)src;
    int ok = CONFIG_TRUE;
    switch (config_setting_type(s)) {
    case CONFIG_TYPE_INT: ok = config_setting_set_int(dst, config_setting_get_int(s)); break;
    case CONFIG_TYPE_INT64: ok = config_setting_set_int64(dst, config_setting_get_int64(s)); break;
    case CONFIG_TYPE_FLOAT: ok = config_setting_set_float(dst, config_setting_get_float(s)); break;
    case CONFIG_TYPE_BOOL: ok = config_setting_set_bool(dst, config_setting_get_bool(s)); break;
    case CONFIG_TYPE_STRING: ok = config_setting_set_string(dst, config_setting_get_string(s)); break;
    default:
        for (int i = 0; i < config_setting_length(s); i++) {
            config_setting_t *e = config_setting_get_elem(s, (unsigned)i);
            config_setting_t *c = config_setting_add(dst, config_setting_name(e), config_setting_type(e));
            if (!c || copy_setting(c, e) != 0) return -1;
        }
    }
    config_setting_set_format(dst, config_setting_get_format(s));
    return ok == CONFIG_TRUE ? 0 : -1;
}

/* The group at canonical `path` (modified and restored), made with any missing
 * groups on the way when `create`; never makes an element of a list. */
static config_setting_t *group_at(config_t *tree, char *path, int create)
{
    if (!*path) return config_root_setting(tree);
    config_setting_t *s = config_lookup(tree, path);
    if (s || !create) return s;
    char *dot = strrchr(path, '.');
    const char *key = dot ? dot + 1 : path;
    if (key[0] == '[') return NULL;
    config_setting_t *up;
    if (dot) {
        *dot = 0;
        up = group_at(tree, path, create);
        *dot = '.';
    } else {
        up = config_root_setting(tree);
    }
    if (!up || config_setting_type(up) != CONFIG_TYPE_GROUP) return NULL;
    return config_setting_add(up, key, CONFIG_TYPE_GROUP);
}

/* A hexadecimal number (0x...), which strtod and strtoll do not read the file's
 * way, read as in a file. Returns 0 and *v; -1 when it is not a number; -2 when
 * it is past 2^53 (cfgtext refuses it in a file). */
static int file_integer(const char *value, long long *v)
{
    char why[600];
    config_t *c = parse_value(value, why, sizeof why);
    config_setting_t *s = c ? config_lookup(c, "v") : NULL;
    int rc = !c && strstr(why, "past 2^53") ? -2 : -1;
    if (s && config_setting_type(s) == CONFIG_TYPE_INT) { *v = config_setting_get_int(s); rc = 0; }
    if (s && config_setting_type(s) == CONFIG_TYPE_INT64) { *v = config_setting_get_int64(s); rc = 0; }
    free_value(c);
    return rc;
}

static int set_value(config_setting_t *parent, const char *key, ptype kind, const char *value, const char *path,
                     diag *d)
{
    int type;
    switch (kind) {
    case P_FLOAT: type = CONFIG_TYPE_FLOAT; break;
    case P_INT: type = CONFIG_TYPE_INT64; break;
    case P_BOOL: type = CONFIG_TYPE_BOOL; break;
    default: type = CONFIG_TYPE_STRING; break;
    }
    char *end;
    double f = 0;
    long long i = 0;
    int b = 0;
    int hex = value[0] == '0' && (value[1] == 'x' || value[1] == 'X');   /* a file's hex: no sign */
    const char *digits = value + (value[0] == '-' || value[0] == '+');
    if ((type == CONFIG_TYPE_FLOAT || type == CONFIG_TYPE_INT64) && !hex && digits[0] == '0' &&
        (digits[1] == 'x' || digits[1] == 'X')) {   /* strtod would take -0x10 */
        diag_add(d, "--set %s: '%s' is not a number (a hexadecimal number has no sign, as in a file)", path, value);
        return -1;
    }
    int past = 0;   /* a whole number past 2^53 */
    if (type == CONFIG_TYPE_FLOAT && hex) {
        int rc = file_integer(value, &i);
        if (rc == -1) { diag_add(d, "--set %s: '%s' is not a number", path, value); return -1; }
        past = rc == -2;
        f = (double)i;
    } else if (type == CONFIG_TYPE_FLOAT) {
        f = strtod(value, &end);
        if (end == value || *end) { diag_add(d, "--set %s: '%s' is not a number", path, value); return -1; }
    } else if (type == CONFIG_TYPE_INT64 && hex) {
        int rc = file_integer(value, &i);
        if (rc == -1) { diag_add(d, "--set %s: '%s' is not a whole number", path, value); return -1; }
        past = rc == -2;
    } else if (type == CONFIG_TYPE_INT64) {
        errno = 0;
        i = strtoll(value, &end, 10);
        if (end == value || *end) { diag_add(d, "--set %s: '%s' is not a whole number", path, value); return -1; }
        past = errno == ERANGE || i > (1LL << 53) || i < -(1LL << 53);
    }
    if (past) {   /* as cfgtext refuses it in a file */
        diag_add(d, "--set %s: '%s' is past 2^53 = 9007199254740992, the largest whole number campsim reads exactly",
                 path, value);
        return -1;
    }
    if (type == CONFIG_TYPE_BOOL) {
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
            if (!v) { diag_add(d, "--set %s: out of memory", path); return -1; }
            config_setting_set_string(s, v);
            free(v);
        } else {
            config_setting_set_string(s, value);
        }
    }
    return 0;
}

/* A whole group, map, list or array: replaces the member `key` of parent. */
static int set_compound(config_setting_t *parent, const char *key, const char *value, const char *path, diag *d)
{
    char why[600];
    config_t *c = parse_value(value, why, sizeof why);
    if (!c) { diag_add(d, "--set %s: %s", path, why); return -1; }
    config_setting_t *v = config_lookup(c, "v");
    if (config_setting_get_member(parent, key)) config_setting_remove(parent, key);
    config_setting_t *s = config_setting_add(parent, key, config_setting_type(v));
    int rc = s && copy_setting(s, v) == 0 ? 0 : -1;
    if (rc) diag_add(d, "--set %s: cannot create the setting", path);
    free_value(c);
    return rc;
}

/* An element of a list: `list` (NULL when the file has none) at canonical path
 * `lpath`; index k, or the list's length to append. */
static int set_element(config_t *tree, char *lpath, int k, const char *value, const char *path, diag *d)
{
    config_setting_t *list = config_lookup(tree, lpath);
    int n = list ? config_setting_length(list) : 0;
    if (list && config_setting_type(list) != CONFIG_TYPE_LIST) {
        diag_add(d, "--set %s: %s is not a list in the file", path, lpath);
        return -1;
    }
    if (k > n) {
        diag_add(d, "--set %s: %s has %d element%s: [0] to [%d] replace one, [%d] adds one", path, lpath, n,
                 n == 1 ? "" : "s", n - 1, n);
        return -1;
    }
    char why[600];
    config_t *c = parse_value(value, why, sizeof why);
    if (!c) { diag_add(d, "--set %s: %s", path, why); return -1; }
    config_setting_t *v = config_lookup(c, "v");
    int rc = -1;
    if (config_setting_type(v) != CONFIG_TYPE_GROUP) {
        diag_add(d, "--set %s: an element of %s is a group { ... }, got '%s'", path, lpath, value);
    } else {
        if (!list) {   /* [0] of a list the file does not have: the list with one element */
            char *dot = strrchr(lpath, '.');
            config_setting_t *up;
            if (dot) { *dot = 0; up = group_at(tree, lpath, 1); *dot = '.'; } else up = config_root_setting(tree);
            list = up && config_setting_type(up) == CONFIG_TYPE_GROUP
                       ? config_setting_add(up, dot ? dot + 1 : lpath, CONFIG_TYPE_LIST) : NULL;
        }
        config_setting_t *e = !list ? NULL : k < n ? config_setting_get_elem(list, (unsigned)k)
                                               : config_setting_add(list, NULL, CONFIG_TYPE_GROUP);
        if (e && k < n)   /* in place, so that the elements keep their order */
            while (config_setting_length(e) > 0) config_setting_remove_elem(e, 0);
        rc = e && copy_setting(e, v) == 0 ? 0 : -1;
        if (rc) diag_add(d, "--set %s: cannot create the setting", path);
    }
    free_value(c);
    return rc;
}

int setpath_apply(void *tree_, const char *path, const char *value, char *canon, size_t n, diag *d)
{
    config_t *tree = tree_;
    setpath w;
    char why[600];
    if (setpath_parse(path, &w, why, sizeof why) != 0) {
        diag_add(d, "--set %s: %s (see campsim --help-keys)", path, why);
        return -1;
    }
    if (setpath_canonical_tree(tree, &w, canon, n, why, sizeof why) != 0) {
        diag_add(d, "--set %s: %s", path, why);
        return -1;
    }
    int last = w.n - 1;
    const param *p = w.entry[last];
    char parent_path[SETPATH_MAX];
    snprintf(parent_path, sizeof parent_path, "%s", canon);
    char *dot = strrchr(parent_path, '.'), key[SETPATH_MAX];
    snprintf(key, sizeof key, "%s", dot ? dot + 1 : parent_path);
    if (dot) *dot = 0;
    else parent_path[0] = 0;   /* a key of the root */
    if (w.kind[last] == SEG_INDEX || w.kind[last] == SEG_NAME) {
        int k = w.kind[last] == SEG_INDEX ? w.index[last] : atoi(key + 1);
        return set_element(tree, parent_path, k, value, path, d);
    }
    config_setting_t *parent = group_at(tree, parent_path, 1);
    if (!parent) {
        char *slash = strrchr(parent_path, '.');
        const char *gkey = slash ? slash + 1 : parent_path;
        /* an element that is not there, or a group where the file has something else */
        if (gkey[0] == '[' || !config_lookup(tree, parent_path)) {
            char shown[SETPATH_MAX];   /* the first missing part of the path */
            snprintf(shown, sizeof shown, "%s", parent_path);
            for (char *c = shown; (c = strchr(c, '.')); c++) {
                *c = 0;
                if (!config_lookup(tree, shown)) break;
                *c = '.';
            }
            diag_add(d, "--set %s: %s does not exist in the file", path, shown);
        } else {
            diag_add(d, "--set %s: %s is not a group", path, parent_path);
        }
        return -1;
    }
    if (config_setting_type(parent) != CONFIG_TYPE_GROUP) {
        diag_add(d, "--set %s: %s is not a group", path, dot ? parent_path : "the root");
        return -1;
    }
    if (w.kind[last] == SEG_ENTRY) return set_value(parent, key, P_FLOAT, value, path, d);
    switch (p->type) {
    case P_GROUP: case P_LIST: case P_MAP: case P_LEVELS: return set_compound(parent, key, value, path, d);
    default: return set_value(parent, key, p->type, value, path, d);
    }
}

int scenario_tree_set(void *tree, const char *path, const char *value, diag *d)
{
    char canon[SETPATH_MAX];
    return setpath_apply(tree, path, value, canon, sizeof canon, d);
}
