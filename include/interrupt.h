/* interrupt: SIGINT and SIGTERM ask a long command (run, compare, calibrate,
 * sweep) to stop. The command polls the flag, stops, removes its temporary
 * folder and exits 1, leaving earlier results as they were. */
#ifndef CAMPSIM_INTERRUPT_H
#define CAMPSIM_INTERRUPT_H
#include <signal.h>

/* Installs the handlers and returns the flag they set. The handlers replace an
 * inherited SIG_IGN too: a background job of a non-interactive shell starts
 * with SIGINT ignored, and must still stop on it. */
volatile sig_atomic_t *interrupt_catch(void);

/* The message for a command that stopped on the flag. */
#define INTERRUPT_MESSAGE "interrupted: earlier results left as they were"

#endif
