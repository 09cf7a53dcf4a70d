/* setpath: the paths of settings, as --set, --vary, --fit and the priors take
 * them ("origins.[0].travel.loss"): their walk through the parameter table and
 * through a scenario read with it. */
#include "params.h"
#include "config.h"
#include <errno.h>
#include <libconfig.h>
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

const param *params_lookup(const char *path)
{
    const param *table = params_root;
    char buf[512];
    snprintf(buf, sizeof buf, "%s", path);
    char *save = NULL;
    const param *p = NULL;
    for (char *tok = strtok_r(buf, ".", &save); tok; tok = strtok_r(NULL, ".", &save)) {
        if (tok[0] == '[') {   /* a list index: stay in the element table */
            if (!p || p->type != P_LIST) return NULL;
            continue;
        }
        if (!table) return NULL;
        p = params_find_key(table, tok);
        if (!p) return NULL;
        table = (p->type == P_GROUP || p->type == P_LIST) ? p->sub : NULL;
    }
    return p;
}

void *params_ref(void *root, const char *path, const param **entry)
{
    const param *table = params_root;
    char *obj = root;
    char buf[512];
    snprintf(buf, sizeof buf, "%s", path);
    char *save = NULL, *tok = strtok_r(buf, ".", &save);
    while (tok) {
        const param *p = params_find_key(table, tok);
        if (!p) return NULL;
        tok = strtok_r(NULL, ".", &save);
        switch (p->type) {
        case P_GROUP: obj += p->off; table = p->sub; break;
        case P_LIST: {
            int i, n = *(const int *)(obj + p->count_off);
            if (!tok || sscanf(tok, "[%d]", &i) != 1 || i < 0 || i >= n) return NULL;
            obj = *(char **)(obj + p->off) + p->size * (size_t)i;
            table = p->sub;
            tok = strtok_r(NULL, ".", &save);
            break;
        }
        case P_FLOAT: case P_INT:
            if (tok) return NULL;
            if (entry) *entry = p;
            return obj + p->off;
        default: return NULL;
        }
    }
    return NULL;
}

double params_value(const void *root, const char *path)
{
    const param *p;
    const void *at = params_ref((void *)root, path, &p);
    if (!at) return NAN;
    return p->type == P_FLOAT ? *(const double *)at : (double)*(const long *)at;
}

/* ---- --set: a value put into the tree before it is read ---- */

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
            if (!v) { diag_add(d, "--set %s: out of memory", path); return -1; }
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
