/* dump: a canonical text of a resolved scenario, one "path = value" a line, every
 * number exact (%a). Two scenarios are the same run exactly when their dumps are
 * equal, whatever their files looked like; the reader's round-trip tests and the
 * fuzz targets compare dumps. */
#ifndef CAMPSIM_DUMP_H
#define CAMPSIM_DUMP_H
#include <stdio.h>
#include "config.h"

void scenario_dump(const scenario *s, FILE *f);

/* The dump in a malloc'd string (NULL when out of memory). */
char *scenario_dump_string(const scenario *s);

#endif
