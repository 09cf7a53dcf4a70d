/* arena: a simple chained allocation pool (see arena.h). */
#include "arena.h"
#include <stdlib.h>
#include <string.h>

struct arena_block { arena_block *next; max_align_t data[]; };

void *arena_alloc(arena *a, size_t size)
{
    arena_block *b = calloc(1, sizeof *b + (size ? size : 1));
    if (!b) return NULL;
    b->next = a->head;
    a->head = b;
    return b->data;
}

char *arena_strdup(arena *a, const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = arena_alloc(a, n);
    if (p) memcpy(p, s, n);
    return p;
}

void arena_free(arena *a)
{
    arena_block *b = a->head;
    while (b) { arena_block *next = b->next; free(b); b = next; }
    a->head = NULL;
}
