/* commands: one function per verb of the command line. Each parses its own
 * options and returns the exit status: 0 success, 1 failure while running,
 * 2 bad usage or bad input. Only main() exits. */
#ifndef CAMPSIM_COMMANDS_H
#define CAMPSIM_COMMANDS_H

int cmd_run(int argc, char **argv);        /* also `compare` (argv[0] says which) */
int cmd_check(int argc, char **argv);
int cmd_plot(int argc, char **argv);
int cmd_calibrate(int argc, char **argv);
int cmd_sweep(int argc, char **argv);
int cmd_forecast(int argc, char **argv);   /* sim/forecast.c */

#endif
