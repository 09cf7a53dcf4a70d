/* interrupt: the SIGINT/SIGTERM flag (see interrupt.h). */
#include "interrupt.h"
#include <string.h>

/* The one piece of state a signal handler may touch, so it has to be
 * file-scoped. */
static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
    (void)sig;
    interrupted = 1;
}

volatile sig_atomic_t *interrupt_catch(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    return &interrupted;
}
