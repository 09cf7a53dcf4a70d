/* calibrate_abc: calibrate's default method, ABC-SMC (sim/calibrate_abc.c).
 * Returns the exit status. */
#ifndef CAMPSIM_CALIBRATE_ABC_H
#define CAMPSIM_CALIBRATE_ABC_H
#include "cli.h"

int calibrate_abc(cli_options *o);

#endif
