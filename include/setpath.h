/* setpath: the paths of settings that --set, --vary, --fit and the priors
 * (uncertainty.parameters) take, e.g. "origins.[0].travel.loss".
 *
 * A path is keys separated by dots. The segment after a list's key always picks
 * one element of that list: "[i]" (its index, from 0) or, for a list whose
 * elements have a name (groups, origins, sites, camps, policies), that name:
 * "sites.Rukban.leave_rate" is "sites.[0].leave_rate" when the first site is
 * Rukban. A key never stands there, so a name cannot be taken for a key and
 * needs no marker. The segment after a map's key (origins.[0].sites) is one of
 * its names. The canonical form of a path has every name of an element replaced
 * by its index: errors, the --set that fixes a prior, and two spellings of one
 * setting are compared in that form. */
#ifndef CAMPSIM_SETPATH_H
#define CAMPSIM_SETPATH_H
#include <stddef.h>
#include "diag.h"
#include "params.h"

#define SETPATH_MAX 512      /* bytes of a path, its NUL included */
#define SETPATH_SEGMENTS 32  /* segments of a path */

typedef enum { SEG_KEY, SEG_INDEX, SEG_NAME, SEG_ENTRY } setpath_kind;

/* A path split into its segments and checked against the parameter table. */
typedef struct {
    char buf[SETPATH_MAX];
    char *seg[SETPATH_SEGMENTS];
    int n;
    setpath_kind kind[SETPATH_SEGMENTS];
    /* SEG_KEY: the key's entry; SEG_INDEX and SEG_NAME: the list's; SEG_ENTRY: the map's */
    const param *entry[SETPATH_SEGMENTS];
    int index[SETPATH_SEGMENTS];     /* SEG_INDEX */
} setpath;

/* Splits `path` and walks it through the table. Returns 0, or -1 with the reason
 * in why (with a suggestion for a misspelt key: "no key 'leave_rat' in sites.[0];
 * did you mean 'leave_rate'?"). */
int setpath_parse(const char *path, setpath *w, char *why, size_t n);

/* The canonical form of `path` in the scenario `root` read through params_root
 * (names of elements looked up in it), in out. Returns 0, or -1 when the path
 * does not parse or names an element that does not exist. */
int setpath_canonical(const void *root, const char *path, char *out, size_t n);

/* 0 when `path` names a number setting (of `root`, a scenario, when not NULL:
 * its elements must exist), else -1 with why ("no key 'leave_rat' in sites.[0];
 * did you mean 'leave_rate'?", "no element of sites is named 'Rukbn'; did you
 * mean 'Rukban'?"): for --vary and --fit. */
int setpath_explain(const void *root, const char *path, char *why, size_t n);

/* 1 when paths a and b name the same setting of `root` (e.g. sites.[0].cmr and
 * sites.Rukban.cmr); compared as written when either does not resolve. */
int setpath_same(const void *root, const char *a, const char *b);

/* 1 when the setting `inner` is `outer` or lies under it (sites.[0].cmr under
 * sites.Rukban): a --set of outer fixes inner. */
int setpath_holds(const void *root, const char *outer, const char *inner);

/* The canonical form of `path` in the config tree (a config_t *), names looked
 * up among the elements of the lists as the tree has them now. Returns 0, or -1
 * with why (with a suggestion for a misspelt name). */
int setpath_canonical_tree(void *tree, const setpath *w, char *out, size_t n, char *why, size_t nwhy);

/* The first of the n canonical paths that is `path` or holds it (a --set of a
 * whole list holds its elements' keys), or -1. */
int setpath_match(const char *const *paths, int n, const char *path);

/* The first of the n canonical paths strictly under `path` (an error about the
 * sum of a map that a --set changed one entry of), or -1. */
int setpath_under(const char *const *paths, int n, const char *path);

/* --set PATH=VALUE on the config tree (a config_t *): see sim/setvalue.c for
 * what VALUE may be. The canonical path goes to canon. Returns 0, or -1 with a
 * message naming the --set in d. */
int setpath_apply(void *tree, const char *path, const char *value, char *canon, size_t n, diag *d);

/* 1 when s is a name: a letter, then letters, digits, _ or -. */
int setpath_is_name(const char *s);

#endif
