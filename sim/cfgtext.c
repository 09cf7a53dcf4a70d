/* cfgtext: scans config text with libconfig 1.5's token rules (scanner.l) to
 * expand @include lines and to make every integer literal read as written; see
 * include/cfgtext.h for why. The scan only has to find token boundaries: strings,
 * comments, names (which may hold digits and '-') and numbers; everything else is
 * copied through for libconfig to judge. */
#include "cfgtext.h"
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define INCLUDE_DEPTH 10   /* libconfig's own limit */

typedef struct {
    cfgtext *t;
    const char *dir;       /* folder of the top file, for relative @include names */
    diag *d;
    int errors;
    struct { dev_t dev; ino_t ino; int file; } chain[INCLUDE_DEPTH + 2];
    int depth;
} expander;

static int grow(void **p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap) return 0;
    size_t c = *cap ? *cap : 64;
    while (c < need) c *= 2;
    void *q = realloc(*p, c * size);
    if (!q) return -1;
    *p = q;
    *cap = c;
    return 0;
}

static void emit(expander *x, const char *s, size_t n)
{
    cfgtext *t = x->t;
    if (t->len + n + 1 > CFGTEXT_MAX_BYTES) {
        if (!x->errors++) diag_add(x->d, "%s: with its @includes the config is larger than %d MB", t->files[0],
                                   CFGTEXT_MAX_BYTES >> 20);
        return;
    }
    if (grow((void **)&t->text, &t->cap, t->len + n + 1, 1) != 0) {
        if (!x->errors++) diag_add(x->d, "%s: out of memory", t->files[0]);
        return;
    }
    memcpy(t->text + t->len, s, n);
    t->len += n;
    t->text[t->len] = 0;
    for (size_t i = 0; i < n; i++) t->line += s[i] == '\n';
}

static void segment(expander *x, int file, int file_line)
{
    cfgtext *t = x->t;
    size_t cap = (size_t)t->cap_segs;
    if (grow((void **)&t->segs, &cap, (size_t)t->n_segs + 1, sizeof *t->segs) != 0) {
        if (!x->errors++) diag_add(x->d, "%s: out of memory", t->files[0]);
        return;
    }
    t->cap_segs = (int)cap;
    t->segs[t->n_segs++] = (cfgtext_seg){t->line, file, file_line};
}

static int add_file(cfgtext *t, const char *name)
{
    char **f = realloc(t->files, sizeof *f * (size_t)(t->n_files + 1));
    if (!f) return -1;
    t->files = f;
    if (!(f[t->n_files] = strdup(name))) return -1;
    return t->n_files++;
}

static int is_name_char(int c) { return isalnum(c) || c == '_' || c == '-' || c == '*'; }

size_t cfgtext_number(const char *s, const char *end, int *is_int, int *is_hex, int *has_l)
{
    const char *k = s, *p;
    *is_int = *is_hex = *has_l = 0;
    if (k < end && (*k == '+' || *k == '-')) k++;
    if (k == s && end - k > 2 && k[0] == '0' && (k[1] == 'x' || k[1] == 'X') && isxdigit((unsigned char)k[2])) {
        p = k + 2;
        while (p < end && isxdigit((unsigned char)*p)) p++;
        if (p < end && *p == 'L') { p++; *has_l = 1; if (p < end && *p == 'L') p++; }
        *is_int = *is_hex = 1;
        return (size_t)(p - s);
    }
    const char *d = k;
    while (d < end && isdigit((unsigned char)*d)) d++;
    size_t ndig = (size_t)(d - k);
    const char *f = d;
    int dot = 0, ex = 0;
    if (f < end && *f == '.') { dot = 1; f++; while (f < end && isdigit((unsigned char)*f)) f++; }
    if (f < end && (*f == 'e' || *f == 'E') && (dot || ndig)) {
        const char *e = f + 1;
        if (e < end && (*e == '+' || *e == '-')) e++;
        if (e < end && isdigit((unsigned char)*e)) {
            while (e < end && isdigit((unsigned char)*e)) e++;
            f = e;
            ex = 1;
        }
    }
    size_t float_len = (dot || (ndig && ex)) ? (size_t)(f - s) : 0;
    size_t int_len = 0;
    if (ndig) {
        p = d;
        if (p < end && *p == 'L') { p++; *has_l = 1; if (p < end && *p == 'L') p++; }
        int_len = (size_t)(p - s);
    }
    if (float_len > int_len) { *has_l = 0; return float_len; }
    *is_int = int_len > 0;
    return int_len;
}

/* The value of an integer token, or *big set when its magnitude is past 2^53. */
static double int_value(const char *s, size_t n, int hex, int *big)
{
    const unsigned long long max = 1ULL << 53;
    unsigned long long v = 0;
    int neg = 0;
    size_t i = 0;
    *big = 0;
    if (s[0] == '+' || s[0] == '-') { neg = s[0] == '-'; i = 1; }
    if (hex) i += 2;
    for (; i < n && s[i] != 'L'; i++) {
        int c = (unsigned char)s[i];
        unsigned digit = isdigit(c) ? (unsigned)(c - '0') : (unsigned)(tolower(c) - 'a' + 10);
        v = v * (hex ? 16 : 10) + digit;   /* cannot overflow: stops past 2^53 */
        if (v > max) { *big = 1; return 0; }
    }
    return neg ? -(double)v : (double)v;
}

static int expand(expander *x, int file, const char *text, size_t len);

/* Reads and expands one @include (name as written), or says why not. */
static void include(expander *x, int from, int line, const char *name)
{
    const char *in = x->t->files[from];
    char full[8200];
    if (name[0] == '/' || !x->dir) snprintf(full, sizeof full, "%s", name);
    else snprintf(full, sizeof full, "%s/%s", x->dir, name);
    struct stat st;
    FILE *f = NULL;
    const char *why = !*name ? "an empty file name"
                    : stat(full, &st) != 0 ? strerror(errno)
                    : S_ISDIR(st.st_mode) ? "is a folder, not a config file"
                    : !S_ISREG(st.st_mode) ? "not a regular file"
                    : st.st_size > CFGTEXT_MAX_BYTES ? "too large for a config file"
                    : !(f = fopen(full, "rb")) ? strerror(errno) : NULL;
    if (why) {
        diag_add(x->d, "%s:%d: @include \"%s\": %s (looked for %s)", in, line, name, why, full);
        x->errors++;
        return;
    }
    for (int i = 0; i <= x->depth; i++)
        if (x->chain[i].file >= 0 && x->chain[i].dev == st.st_dev && x->chain[i].ino == st.st_ino) {
            char cycle[1024] = "";
            for (int j = i; j <= x->depth; j++) {
                strncat(cycle, x->t->files[x->chain[j].file], sizeof cycle - strlen(cycle) - 1);
                strncat(cycle, " -> ", sizeof cycle - strlen(cycle) - 1);
            }
            strncat(cycle, full, sizeof cycle - strlen(cycle) - 1);
            diag_add(x->d, "%s:%d: @include \"%s\": include cycle: %s", in, line, name, cycle);
            x->errors++;
            fclose(f);
            return;
        }
    if (x->depth >= INCLUDE_DEPTH) {
        diag_add(x->d, "%s:%d: @include \"%s\": includes nested more than %d deep", in, line, name, INCLUDE_DEPTH);
        x->errors++;
        fclose(f);
        return;
    }
    char *inner = malloc((size_t)st.st_size + 1);
    size_t n = inner ? fread(inner, 1, (size_t)st.st_size, f) : 0;
    int bad = !inner || ferror(f);
    fclose(f);
    int id = bad ? -1 : add_file(x->t, full);
    if (id < 0) {
        diag_add(x->d, "%s:%d: @include \"%s\": cannot read: %s", in, line, name, inner ? strerror(errno) : "out of memory");
        x->errors++;
    } else if (memchr(inner, 0, n)) {
        diag_add(x->d, "%s: not a text file (it holds NUL bytes), included from %s:%d", full, in, line);
        x->errors++;
    } else {
        x->depth++;
        x->chain[x->depth].dev = st.st_dev;
        x->chain[x->depth].ino = st.st_ino;
        x->chain[x->depth].file = id;
        expand(x, id, inner, n);
        x->depth--;
    }
    free(inner);
}

/* `@include "name"` at the start of a line (spaces before, at least one after):
 * libconfig's include_open rule. Returns the end of the closing quote, or NULL. */
static const char *include_at(const char *p, const char *end, char *name, size_t n)
{
    while (p < end && (*p == ' ' || *p == '\t')) p++;
    if (end - p < 9 || memcmp(p, "@include", 8) != 0 || (p[8] != ' ' && p[8] != '\t')) return NULL;
    p += 8;
    while (p < end && (*p == ' ' || *p == '\t')) p++;
    if (p == end || *p != '"') return NULL;
    size_t k = 0;
    for (p++; p < end && *p != '"'; p++) {
        if (*p == '\\' && p + 1 < end && (p[1] == '\\' || p[1] == '"')) p++;
        if (k + 1 < n) name[k++] = *p;
    }
    name[k] = 0;
    return p < end ? p + 1 : end;
}

static int expand(expander *x, int file, const char *text, size_t len)
{
    const char *p = text, *end = text + len;
    const char *fname = x->t->files[file];
    if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) p += 3;   /* UTF-8 byte-order mark */
    const char *start = p;
    int line = 1;
    char last_name[64] = "";
    segment(x, file, 1);
    while (p < end && x->errors < 20) {
        const char *q = p;
        if (p == start || p[-1] == '\n') {
            char name[4096];
            const char *after = include_at(p, end, name, sizeof name);
            if (after) {
                if (after == end && end[-1] != '"') {
                    diag_add(x->d, "%s:%d: @include without its closing quote", fname, line);
                    x->errors++;
                    return -1;
                }
                for (const char *c = p; c < after; c++) line += *c == '\n';
                include(x, file, line, name);
                segment(x, file, line);   /* the rest of the @include line */
                p = after;
                continue;
            }
        }
        int c = (unsigned char)*p;
        if (c == '/' && p + 1 < end && p[1] == '*') {
            const char *close = p + 2;
            while (close + 1 < end && !(close[0] == '*' && close[1] == '/')) close++;
            q = close + 1 < end ? close + 2 : end;
        } else if (c == '#' || (c == '/' && p + 1 < end && p[1] == '/')) {
            while (q < end && *q != '\n') q++;
        } else if (c == '"') {
            for (q = p + 1; q < end && *q != '"'; q++)
                if (*q == '\\' && q + 1 < end && (q[1] == '\\' || q[1] == '"')) q++;
            if (q < end) q++;
        } else if (isalpha(c) || c == '*') {
            while (q < end && is_name_char((unsigned char)*q)) q++;
            snprintf(last_name, sizeof last_name, "%.*s", (int)(q - p), p);
        } else {
            int is_int, hex, has_l;
            size_t n = cfgtext_number(p, end, &is_int, &hex, &has_l);
            q = p + (n ? n : 1);
            if (n && is_int) {
                int big;
                double v = int_value(p, n, hex, &big);
                if (big) {
                    diag_add(x->d, "%s:%d: %s: %.*s%s is past 2^53 = 9007199254740992, the largest whole number "
                             "campsim reads exactly", fname, line, last_name, n > 40 ? 40 : (int)n, p,
                             n > 40 ? "..." : "");
                    x->errors++;
                } else if (!has_l && (v < INT_MIN || v > INT_MAX)) {
                    emit(x, p, n);   /* libconfig 1.5 wraps it without the L */
                    emit(x, "L", 1);
                    p = q;
                    continue;
                }
            }
        }
        for (const char *c2 = p; c2 < q; c2++) line += *c2 == '\n';
        emit(x, p, (size_t)(q - p));
        p = q;
    }
    if (len > 0 && text[len - 1] != '\n') emit(x, "\n", 1);   /* a last comment needs its newline */
    return x->errors ? -1 : 0;
}

int cfgtext_build(cfgtext *t, const char *path, const char *text, size_t len, diag *d)
{
    memset(t, 0, sizeof *t);
    t->line = 1;
    expander x = {.t = t, .d = d};
    if (add_file(t, path) != 0) { diag_add(d, "%s: out of memory", path); return -1; }
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash == dir) x.dir = "/";
    else if (slash) { *slash = 0; x.dir = dir; }
    struct stat st;
    x.chain[0].file = stat(path, &st) == 0 ? 0 : -1;   /* fuzz input has no file */
    if (x.chain[0].file == 0) { x.chain[0].dev = st.st_dev; x.chain[0].ino = st.st_ino; }
    emit(&x, "", 0);
    expand(&x, 0, text, len);
    return x.errors ? -1 : 0;
}

void cfgtext_free(cfgtext *t)
{
    free(t->text);
    free(t->segs);
    for (int i = 0; i < t->n_files; i++) free(t->files[i]);
    free(t->files);
    memset(t, 0, sizeof *t);
}

void cfgtext_where(const cfgtext *t, int line, const char **file, int *file_line)
{
    *file = NULL;
    *file_line = 0;
    if (line <= 0 || !t || t->n_segs == 0) return;
    int lo = 0, hi = t->n_segs - 1;   /* the last segment starting at or before `line` */
    while (lo < hi) {
        int mid = (lo + hi + 1) / 2;
        if (t->segs[mid].line <= line) lo = mid; else hi = mid - 1;
    }
    const cfgtext_seg *s = &t->segs[lo];
    *file = t->files[s->file];
    *file_line = s->file_line + (line - s->line);
}

void cfgtext_line(const cfgtext *t, int line, char *buf, size_t n)
{
    const char *p = t->text, *end = t->text + t->len;
    buf[0] = 0;
    for (int l = 1; l < line && p < end; l++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) return;
        p = nl + 1;
    }
    while (p < end && (*p == ' ' || *p == '\t')) p++;
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    size_t k = (size_t)((nl ? nl : end) - p);
    while (k > 0 && isspace((unsigned char)p[k - 1])) k--;
    if (k >= n) snprintf(buf, n, "%.*s...", (int)(n - 4), p);
    else snprintf(buf, n, "%.*s", (int)k, p);
}
