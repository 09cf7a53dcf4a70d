/* params: the one table of configuration keys. Each entry names a key, its type,
 * default, bounds, unit and meaning, and where it is stored; the same table drives
 * reading, validation, `--set`, and the key reference in docs/configuration.md
 * (`campsim --help-keys`). */
#ifndef CAMPSIM_PARAMS_H
#define CAMPSIM_PARAMS_H
#include <stddef.h>
#include <stdio.h>
#include "arena.h"
#include "diag.h"

struct cfgtext;

typedef enum {
    P_FLOAT,    /* double; ints accepted */
    P_INT,      /* long; whole numbers only */
    P_BOOL,     /* int 0/1 */
    P_STRING,   /* const char * */
    P_NAME,     /* const char *, an identifier [A-Za-z][A-Za-z0-9_-]* */
    P_CHOICE,   /* int: index into `choices` */
    P_DATE,     /* int: day index from the scenario start; must lie inside the period */
    P_GROUP,    /* { ... }: children in `sub`, stored from `off` on */
    P_LIST,     /* ( {...}, ... ): array of `size`-byte elements; pointer at off, int count at count_off */
    P_MAP,      /* { Name = number; ... }: a name_map at off */
    P_LEVELS    /* [ numbers ]: a quantile_levels at off */
} ptype;

typedef struct param {
    const char *key;
    ptype type;
    const char *def;            /* default as written in a config; NULL: required (scalars);
                                 * "unset" (numbers): optional, NAN when absent */
    double lo, hi;              /* inclusive bounds (numbers, map values, levels) */
    const char *unit;
    const char *doc;
    size_t off;
    const struct param *sub;    /* P_GROUP, P_LIST */
    size_t size, count_off;     /* P_LIST */
    const char *const *choices; /* P_CHOICE, NULL-terminated */
} param;

/* The root of the table: every key of a scenario file. */
extern const param params_root[];

/* State of one read: where errors go, what the dates are relative to. */
typedef struct {
    const char *file;
    diag *d;
    arena *mem;
    long start;                 /* day number of scenario.start */
    long days;                  /* length of the period; 0 until known */
    int defaults;               /* 1: apply defaults (base file); 0: overlay (policies) */
    const char *const *set_paths;  /* settings given with --set (canonical: setpath.h), for errors */
    const char *const *set_given;  /* the same as written on the command line */
    int n_set_paths;
    const struct cfgtext *src;  /* maps the tree's lines to files and lines */
} param_reader;

/* The longest name (of a scenario, site, policy...): names become folder names
 * (out/NAME-calibrate, a policy's folder), which have at most 255 bytes. */
#define PARAMS_NAME_MAX 200

/* Reads the group `setting` (a config_setting_t *, or NULL when absent) through
 * `table` into `obj`. Unknown keys, wrong types, bounds and dates are checked;
 * every problem goes to r->d. `path` is the setting's path, "" for the root. */
void params_read_group(param_reader *r, const param *table, const void *setting,
                       void *obj, const char *path);

/* Finds the table entry of a scalar path such as "origins.[2].travel.loss";
 * NULL when no such key exists. */
const param *params_lookup(const char *path);

/* Where the number at `path` lives in a scenario read through params_root: its
 * address, and in *entry its table entry (P_FLOAT: double, P_INT: long); NULL
 * when the path names no number, or a list element that does not exist. The one
 * path walk behind params_value and the uncertain parameters (uncertainty.c). */
void *params_ref(void *root, const char *path, const param **entry);

/* The value of the number at `path` ("origins.[1].travel.loss") in a scenario
 * read through params_root, defaults included; NAN when there is none. */
double params_value(const void *root, const char *path);

/* Prints the key reference as a Markdown table. */
void params_document(FILE *out);

/* Edit distance, for "did you mean" suggestions. */
size_t params_distance(const char *a, const char *b);

/* The entry of `key` in `table`, or NULL. */
const param *params_find_key(const param *table, const char *key);

/* The key of `table` nearest to a misspelt `key` (a few edits at most), or NULL. */
const char *params_closest_key(const param *table, const char *key);

#endif
