/* diag: error message collection (see diag.h). */
#include "diag.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void push(diag *d, char *msg)
{
    if (!msg) return;
    if (d->n == d->cap) {
        size_t cap = d->cap ? 2 * d->cap : 8;
        char **m = realloc(d->msgs, cap * sizeof *m);
        if (!m) { free(msg); return; }
        d->msgs = m;
        d->cap = cap;
    }
    d->msgs[d->n++] = msg;
}

static char *vformat(const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int len = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (len < 0) return NULL;
    char *s = malloc((size_t)len + 1);
    if (s) vsnprintf(s, (size_t)len + 1, fmt, ap);
    return s;
}

void diag_add(diag *d, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    push(d, vformat(fmt, ap));
    va_end(ap);
}

void diag_at(diag *d, const char *file, int line, const char *path, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = vformat(fmt, ap);
    va_end(ap);
    if (!msg) return;
    if (line > 0) diag_add(d, "%s:%d: %s: %s", file, line, path, msg);
    else diag_add(d, "%s: %s: %s", file, path, msg);
    free(msg);
}

void diag_print(const diag *d)
{
    for (size_t i = 0; i < d->n; i++) fprintf(stderr, "%s\n", d->msgs[i]);
}

void diag_clear(diag *d)
{
    for (size_t i = 0; i < d->n; i++) free(d->msgs[i]);
    free(d->msgs);
    d->msgs = NULL;
    d->n = d->cap = 0;
}

void diag_rename(diag *d, size_t n, const char *from, const char *to)
{
    size_t lf = strlen(from), lt = strlen(to);
    for (size_t i = 0; i < n && i < d->n; i++) {
        const char *m = d->msgs[i];
        size_t hits = 0;
        for (const char *p = m; (p = strstr(p, from)); p += lf) hits += p[lf] == '/';
        if (!hits) continue;
        char *out = malloc(strlen(m) + hits * lt + 1), *o = out;
        if (!out) continue;   /* the message stays as it was */
        for (const char *p = m, *q; *p; p = q) {
            q = strstr(p, from);
            if (!q) { strcpy(o, p); o += strlen(p); break; }
            int hit = q[lf] == '/';
            memcpy(o, p, (size_t)(q - p));
            o += q - p;
            memcpy(o, hit ? to : from, hit ? lt : lf);
            o += hit ? lt : lf;
            q += lf;
        }
        *o = 0;
        free(d->msgs[i]);
        d->msgs[i] = out;
    }
}
