/* chartscripts: the gnuplot scripts `plot` puts into DIR/charts/ (to restyle and
 * rerun by hand), without ever replacing one the user changed.
 *
 * charts/.scripts is the manifest of what campsim wrote there: a first line
 * saying so, then one line per script, "<checksum> <name>" (FNV-1a 64-bit, in
 * hex). On each plot a script is written (through a temporary name and a
 * rename) when it is missing, or when it is still byte for byte what campsim
 * wrote (its checksum is the manifest's), or when it is the very script
 * campsim would write; any other script there (edited, or put there by hand,
 * or not a regular file) is the user's: it is kept, and used, so that the
 * restyle applies, with a warning saying so and how to get campsim's again. */
#ifndef CAMPSIM_CHARTSCRIPTS_H
#define CAMPSIM_CHARTSCRIPTS_H
#include "diag.h"

#define CHARTSCRIPTS_MANIFEST ".scripts"

/* Puts the n scripts `names` from folder `from` into folder `charts` as above
 * and rewrites the manifest. 0, or -1 with the reason in d (a script that
 * cannot be read or written); a kept script is a warning in d, not an error. */
int chartscripts_install(const char *from, const char *charts, const char *const *names, int n, diag *d);

/* Whether the manifest in folder `charts` says campsim wrote script `name`
 * with checksum sum (inventory_checksum). */
int chartscripts_vouched(const char *charts, const char *name, unsigned long long sum);

/* Copies the chart scripts of result folder `from` that campsim did not write
 * (the user's restyles: inventory.h) into the same places in folder `to`, the
 * folder that will replace it, so that they are kept and used there too.
 * 0, or -1 with the reason in d. */
int chartscripts_carry(const char *from, const char *to, diag *d);

#endif
