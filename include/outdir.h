/* outdir: the folders results go into. Every result folder carries a mark,
 * `.campsim`, saying campsim made it; campsim replaces or removes only folders
 * with that mark (and empty ones), so that it never deletes what it did not
 * write. A folder is written whole or not at all: everything goes into a
 * temporary folder beside the final one, which replaces it in one atomic rename
 * at the end. */
#ifndef CAMPSIM_OUTDIR_H
#define CAMPSIM_OUTDIR_H
#include <stddef.h>
#include "diag.h"

/* The mark's file name and its first line. The mark then says which campsim,
 * process and host made the folder:
 *   campsim result folder
 *   version 0.1.0
 *   pid 12345
 *   host node7
 * and, for an earlier folder moved aside while its replacement lands, also
 *   retired 12346 node7                                                      */
#define OUTDIR_MARK ".campsim"
#define OUTDIR_MAGIC "campsim result folder"

/* What -o must not name, checked before anything is simulated. */
typedef struct {
    const char *config;     /* the scenario file: its folder and that folder's parents are never replaced */
    const char *observed;   /* --observed FILE, the same; or NULL */
    int force;              /* --force: a non-empty folder without the mark may be replaced */
} outdir_rules;

/* Whether `final` may receive results: it is absent (and its parent can be
 * made), an empty folder, a marked folder, or (with force) any other folder;
 * never a file, a symbolic link, "", "/", $HOME, the current folder, the
 * config's (or observations') folder, or a parent of any of these. Returns 0,
 * or 2 with one line in d saying why and what to do instead. */
int output_check(const char *final, const outdir_rules *r, diag *d);

/* Makes a fresh marked temporary folder "<final>.tmp-<pid>" (creating final's
 * parents) and removes the leftovers of killed runs: folders beside final named
 * "<final>.tmp-N" or "<final>.old-N" whose mark says this host's process N made
 * or retired them and N is not running. Returns 0, or -1 with a message. */
int output_begin(const char *final, char *tmp, size_t n, diag *d);

/* Writes the mark into dir (compare's per-policy sub-folders). 0 or -1. */
int output_mark(const char *dir, diag *d);
/* 1 when dir holds a mark whose first line is OUTDIR_MAGIC. */
int output_is_marked(const char *dir);

/* Puts tmp in place of final (atomically when final exists) and removes the
 * earlier folder. final must still be absent, empty, marked, or force given.
 * Returns 0 (an earlier folder that cannot be removed is a warning in d), or -1
 * with a message. */
int output_commit(const char *tmp, const char *final, int force, diag *d);

/* Removes a temporary folder after a failure. */
void output_abort(const char *tmp);
/* Removes a folder and everything in it. 0, or -1 with errno set. */
int output_remove_tree(const char *path);

#endif
