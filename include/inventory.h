/* inventory: the list of the files campsim wrote in a result folder, so that
 * replacing the folder never deletes a file someone else put there, or one
 * they changed.
 *
 * DIR/.campsim-files holds a first line saying what it is, then one line per
 * file, "<checksum> <path>" (FNV-1a 64-bit in hex, the path relative to DIR).
 * A file in the folder is campsim's when the inventory lists it with its
 * checksum; a chart script (charts/NAME.gp) when the charts manifest vouches
 * for it (chartscripts.h), as `plot` decides. Everything else is foreign: an
 * added file, an edited one, a symbolic link or a FIFO. A marked folder inside
 * (a policy of a comparison run again on its own) answers for itself through
 * its own inventory, when it has one. A folder without an inventory (made by
 * an older campsim) vouches for all it holds, as it did then. */
#ifndef CAMPSIM_INVENTORY_H
#define CAMPSIM_INVENTORY_H
#include <stddef.h>
#include <time.h>
#include "diag.h"

#define INVENTORY_FILE ".campsim-files"

/* FNV-1a 64-bit of a file's bytes into *sum: 0, or -1 when it cannot be read. */
int inventory_checksum(const char *path, unsigned long long *sum);

/* Whether dir has an inventory of campsim's. */
int inventory_exists(const char *dir);

/* Calls each(relative path, script, ctx) for every foreign entry under dir (see
 * above), in name order, script 1 for a chart script (a regular file); `each`
 * returns nonzero to stop. Returns the number found, or -1 when dir has no
 * inventory. */
int inventory_foreign(const char *dir, int (*each)(const char *rel, int script, void *ctx), void *ctx);

/* 1 when the file at path (however spelt) is under dir and foreign to it (see
 * above); 0 when it is campsim's, absent, or dir has no inventory. */
int inventory_is_foreign(const char *dir, const char *path);

/* Writes dir's inventory (through a temporary name): the files under dir that
 * campsim wrote: those changed at or after *since (a time read off this file
 * system, see inventory_now), with their checksums now, and those its earlier
 * inventory lists, with their checksums then; or, when since is NULL, every
 * file as it is. Never a chart script (the charts manifest answers for those).
 * 0, or -1 with a message. */
int inventory_write(const char *dir, const struct timespec *since, diag *d);

/* The file system's time now, as it stamps files written in dir (its clock
 * can lag the system's by a tick): 0, or -1 when dir cannot be written. */
int inventory_now(const char *dir, struct timespec *now);

#endif
