/* cfgwrite: writes a libconfig tree as libconfig's config_write lays it out, but
 * every float with as many digits as it takes to read back the same number.
 * libconfig 1.5 writes floats with 15 significant digits, so a run.cfg of a
 * scenario with, say, rate = 0.1234567890123456 did not reproduce its run. */
#ifndef CAMPSIM_CFGWRITE_H
#define CAMPSIM_CFGWRITE_H
#include <stdio.h>

struct config_t;

/* Writes the whole tree to f. Returns 0, or -1 when a write failed (errno set). */
int cfgwrite(const struct config_t *tree, FILE *f);

#endif
