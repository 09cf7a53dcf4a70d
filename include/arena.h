/* arena: one allocation pool per loaded scenario; everything read from a config
 * lives here and goes with arena_free, so a config needs no per-field free. */
#ifndef CAMPSIM_ARENA_H
#define CAMPSIM_ARENA_H
#include <stddef.h>

typedef struct arena_block arena_block;
typedef struct arena { arena_block *head; } arena;

void *arena_alloc(arena *a, size_t size);            /* zeroed; NULL when out of memory */
char *arena_strdup(arena *a, const char *s);
void arena_free(arena *a);                           /* accepts an empty arena */

#endif
