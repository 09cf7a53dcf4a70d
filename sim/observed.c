/* observed: an RFC 4180 reader for observation files (see observed.h). Fields
 * may be quoted (commas, doubled quotes and line breaks inside), lines end in LF
 * or CRLF, and "#" lines before the header are comments. */
#include "observed.h"
#include "dates.h"
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_BYTES (64 << 20)
enum { F_DATE, F_SITE, F_VARIABLE, F_VALUE, F_LOW, F_HIGH, N_NEEDED };
static const char *const needed[N_NEEDED] = {"date", "site", "variable", "value", "low", "high"};

typedef struct {
    const char *p, *end;
    int line;
} cursor;

static void free_fields(char **f, int n)
{
    for (int i = 0; i < n; i++) free(f[i]);
}

/* Reads one record into fields (each malloc'd); returns the number of fields,
 * 0 at the end of the text, -1 on an unterminated quote or no memory (and then
 * no field is left allocated). */
static int record(cursor *c, char ***fields, int *cap)
{
    if (c->p >= c->end) return 0;
    int n = 0;
    for (;;) {
        size_t cap_s = 64, len = 0;
        char *s = malloc(cap_s);
        if (!s) { free_fields(*fields, n); return -1; }
        int quoted = c->p < c->end && *c->p == '"';
        if (quoted) c->p++;
        for (;;) {
            if (c->p >= c->end) {
                if (quoted) { free(s); free_fields(*fields, n); return -1; }
                break;
            }
            char ch = *c->p;
            if (quoted) {
                if (ch == '"') {
                    if (c->p + 1 < c->end && c->p[1] == '"') { c->p += 2; ch = '"'; }
                    else { c->p++; quoted = 0; continue; }
                } else {
                    if (ch == '\n') c->line++;
                    c->p++;
                }
            } else {
                if (ch == ',' || ch == '\n' || ch == '\r') break;
                c->p++;
            }
            if (len + 1 >= cap_s) {
                cap_s *= 2;
                char *t = realloc(s, cap_s);
                if (!t) { free(s); free_fields(*fields, n); return -1; }
                s = t;
            }
            s[len++] = ch;
        }
        s[len] = 0;
        if (n == *cap) {
            *cap = *cap ? 2 * *cap : 16;
            char **t = realloc(*fields, sizeof *t * (size_t)*cap);
            if (!t) { free(s); free_fields(*fields, n); return -1; }
            *fields = t;
        }
        (*fields)[n++] = s;
        if (c->p < c->end && *c->p == ',') { c->p++; continue; }
        if (c->p < c->end && *c->p == '\r') c->p++;
        if (c->p < c->end && *c->p == '\n') c->p++;
        c->line++;
        return n;
    }
}

/* A number field: empty gives *has = 0. Returns 0, or -1 when not a number. */
static int number(const char *s, double *v, int *has)
{
    *has = 0;
    if (!*s) return 0;
    char *end;
    errno = 0;
    *v = strtod(s, &end);
    if (end == s || *end || errno == ERANGE || !isfinite(*v)) return -1;
    *has = 1;
    return 0;
}

observations *observed_parse(const char *path, const char *text, size_t len, diag *d)
{
    size_t before = d->n;
    if (memchr(text, 0, len)) { diag_add(d, "%s: not a text file (it holds NUL bytes)", path); return NULL; }
    cursor c = {text, text + len, 1};
    while (c.p < c.end && *c.p == '#') {   /* comment lines */
        const char *nl = memchr(c.p, '\n', (size_t)(c.end - c.p));
        c.p = nl ? nl + 1 : c.end;
        c.line++;
    }
    char **f = NULL;
    int cap = 0, col[N_NEEDED];
    int header_line = c.line;
    int nf = record(&c, &f, &cap);
    if (nf <= 0) {
        diag_add(d, "%s:%d: %s", path, header_line, nf == 0 ? "empty: no header row" : "unterminated quote");
        free(f);
        return NULL;
    }
    int header_fields = nf;
    for (int k = 0; k < N_NEEDED; k++) {
        col[k] = -1;
        for (int i = 0; i < nf; i++)
            if (strcmp(f[i], needed[k]) == 0) col[k] = i;
        if (col[k] < 0) diag_at(d, path, header_line, "header", "no column '%s' (wanted: date,site,variable,value,low,high,source_url,note)", needed[k]);
    }
    free_fields(f, nf);
    if (d->n > before) { free(f); return NULL; }
    observations *o = calloc(1, sizeof *o);
    if (!o) { diag_add(d, "%s: out of memory", path); free(f); return NULL; }
    size_t cap_o = 0;
    while (d->n - before < OBSERVED_MAX_ERRORS) {
        int line = c.line;
        nf = record(&c, &f, &cap);
        if (nf == 0) break;
        if (nf < 0) { diag_at(d, path, line, "row", "unterminated quote"); break; }
        if (nf == 1 && f[0][0] == 0) { free_fields(f, nf); continue; }   /* a blank line */
        if (nf != header_fields) {
            diag_at(d, path, line, "row", "%d fields, the header has %d", nf, header_fields);
            free_fields(f, nf);
            continue;
        }
        observation ob = {.line = line};
        int ok = 1;
        if (date_parse(f[col[F_DATE]], &ob.day) != 0) {
            diag_at(d, path, line, "date", "'%s' is not a date (YYYY-MM-DD)", f[col[F_DATE]]);
            ok = 0;
        }
        double *vals[3] = {&ob.value, &ob.low, &ob.high};
        int *has[3] = {&ob.has_value, &ob.has_low, &ob.has_high};
        for (int k = 0; k < 3; k++) {
            const char *s = f[col[F_VALUE + k]];
            if (number(s, vals[k], has[k]) != 0) {
                diag_at(d, path, line, needed[F_VALUE + k], "'%s' is not a finite number", s);
                ok = 0;
            } else if (*has[k] && *vals[k] < 0) {
                diag_at(d, path, line, needed[F_VALUE + k], "must be >= 0, got %g", *vals[k]);
                ok = 0;
            }
        }
        if (ok && ob.has_low && ob.has_high && ob.low > ob.high) {
            diag_at(d, path, line, "low", "low %g is above high %g", ob.low, ob.high);
            ok = 0;
        }
        if (ok && !ob.has_value && !ob.has_low && !ob.has_high) {
            diag_at(d, path, line, "value", "no value and no range");
            ok = 0;
        }
        if (!*f[col[F_SITE]] || !*f[col[F_VARIABLE]]) {
            diag_at(d, path, line, !*f[col[F_SITE]] ? "site" : "variable", "empty");
            ok = 0;
        }
        if (ok) {
            ob.site = strdup(f[col[F_SITE]]);
            ob.variable = strdup(f[col[F_VARIABLE]]);
            if (o->n == cap_o) {
                observation *t = realloc(o->v, sizeof *t * (cap_o ? 2 * cap_o : 64));
                if (t) { o->v = t; cap_o = cap_o ? 2 * cap_o : 64; }
            }
            if (o->n == cap_o || !ob.site || !ob.variable) {
                diag_add(d, "%s:%d: out of memory", path, line);
                free(ob.site);
                free(ob.variable);
                free_fields(f, nf);
                break;
            }
            o->v[o->n++] = ob;
        }
        free_fields(f, nf);
    }
    free(f);
    if (d->n > before) { observed_free(o); return NULL; }
    return o;
}

/* The file is opened without blocking and checked through its descriptor: a
 * FIFO (or a terminal, a socket, a device) would block in open() or read()
 * until a writer came, and a name checked before opening could change. */
observations *observed_read(const char *path, diag *d)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK);
    if (fd < 0) { diag_add(d, "%s: cannot read: %s", path, strerror(errno)); return NULL; }
    struct stat st;
    const char *why = fstat(fd, &st) != 0 ? strerror(errno)
                    : S_ISDIR(st.st_mode) ? "is a folder, not an observations file"
                    : !S_ISREG(st.st_mode) ? "not a regular file (a FIFO, device or socket)"
                    : NULL;
    if (why) { diag_add(d, "%s: %s", path, why); close(fd); return NULL; }
    if (st.st_size > MAX_BYTES) {
        diag_add(d, "%s: too large for an observations file (at most %d MB)", path, MAX_BYTES >> 20);
        close(fd);
        return NULL;
    }
    char *text = malloc((size_t)st.st_size + 1);
    if (!text) { diag_add(d, "%s: out of memory", path); close(fd); return NULL; }
    size_t len = 0;
    while (len < (size_t)st.st_size) {   /* a regular file: O_NONBLOCK has no effect on reads */
        ssize_t n = read(fd, text + len, (size_t)st.st_size - len);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) { diag_add(d, "%s: cannot read: %s", path, strerror(errno)); free(text); close(fd); return NULL; }
        if (n == 0) break;
        len += (size_t)n;
    }
    close(fd);
    text[len] = 0;
    observations *o = observed_parse(path, text, len, d);
    free(text);
    return o;
}

void observed_free(observations *o)
{
    if (!o) return;
    for (size_t i = 0; i < o->n; i++) { free(o->v[i].site); free(o->v[i].variable); }
    free(o->v);
    free(o);
}

void observed_ends(const observation *o, double v, char *lo, char *hi)
{
    int one_sided = o->has_low != o->has_high;
    if (o->has_low) snprintf(lo, 32, "%.10g", o->low);
    else if (one_sided) lo[0] = 0;
    else snprintf(lo, 32, "%.10g", v);
    if (o->has_high) snprintf(hi, 32, "%.10g", o->high);
    else if (one_sided) hi[0] = 0;
    else snprintf(hi, 32, "%.10g", v);
}
