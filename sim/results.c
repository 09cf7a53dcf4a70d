/* results: a result folder's CSV files read back and checked (see results.h).
 * Nothing here trusts the file: every field is checked, and the first thing
 * wrong is reported with its line, so that `plot` refuses a corrupt folder
 * before it writes anything into it. */
#include "results.h"
#include "dates.h"
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_BYTES (256 << 20)   /* far above any result; a guard against reading a disk image */
#define MAX_KEYS 8192           /* characters of a keys list: gnuplot gets them on its command line */

typedef struct {
    const char *path;
    diag *d;
    int line;
} where;

static int fail(const where *w, const char *what)
{
    diag_add(w->d, "%s:%d: %s", w->path, w->line, what);
    return -1;
}

/* Column names, metric names: letters, digits and _ . - (site and camp names are
 * identifiers, and they are part of column names). */
static int is_name(const char *s, int allow_brackets)
{
    if (!*s) return 0;
    for (; *s; s++) {
        char c = *s;
        int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                 c == '-' || c == '.' || (allow_brackets && (c == '[' || c == ']'));
        if (!ok) return 0;
    }
    return 1;
}

/* A policy name is also a folder name: an identifier, so never "..". */
static int is_identifier(const char *s)
{
    if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z'))) return 0;
    for (s++; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '_' ||
              *s == '-'))
            return 0;
    return 1;
}

static int is_number(const char *s, int need_finite)
{
    if (!*s) return 0;
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (*end || end == s) return 0;
    return !need_finite || isfinite(v);
}

/* Splits line (modified in place) at commas into f (at most max); returns the
 * number of fields, or max + 1 when there are more. */
static int split(char *line, char **f, int max)
{
    int n = 0;
    for (char *p = line;;) {
        if (n == max) return max + 1;
        f[n++] = p;
        char *c = strchr(p, ',');
        if (!c) return n;
        *c = 0;
        p = c + 1;
    }
}

/* Adds word to the space-separated list *keys unless it is there. */
static int add_key(char **keys, const char *word, const where *w)
{
    size_t have = *keys ? strlen(*keys) : 0, n = strlen(word);
    if (*keys) {
        for (const char *p = *keys; (p = strstr(p, word)); p += n)
            if ((p == *keys || p[-1] == ' ') && (p[n] == ' ' || p[n] == 0)) return 0;
    }
    if (have + n + 2 > MAX_KEYS) return fail(w, "too many distinct names");
    char *k = realloc(*keys, have + n + 2);
    if (!k) return fail(w, "out of memory");
    if (have) k[have++] = ' ';
    memcpy(k + have, word, n + 1);
    *keys = k;
    return 0;
}

typedef struct {
    const char *first[4];   /* the columns it starts with */
    int n_first;
    int n_text;             /* of them, the leading fields that are not numbers */
    int dated;              /* day,date rows: day 0, 1, ... on consecutive dates */
    int allow_empty;        /* numbers may be empty (the fit rows of summary.csv) */
    const char *needs;      /* a column it must have beyond those, or NULL */
} kind_rule;

static const kind_rule rules[] = {
    [RESULT_SERIES] = {{"day", "date"}, 2, 2, 1, 0, "stranded"},
    [RESULT_ENSEMBLE] = {{"day", "date"}, 2, 2, 1, 0, "stranded_mean"},
    [RESULT_SUMMARY] = {{"metric", "mean"}, 2, 1, 0, 1, NULL},
    [RESULT_WAITS] = {{"wait_days", "people"}, 2, 0, 0, 0, NULL},
    [RESULT_COMPARISON] = {{"policy", "metric", "mean"}, 3, 2, 0, 0, NULL},
    [RESULT_SENSITIVITY] = {{"metric", "parameter", "S1"}, 3, 2, 0, 1, NULL},
    [RESULT_PLACES] = {{"day", "date", "kind", "place"}, 4, 4, 1, 1, "people_mean"},
    [RESULT_SUMMARY_PLACES] = {{"kind", "place", "metric", "mean"}, 4, 3, 0, 0, NULL},
};

/* Where a file of places is in its day: the rows of each kind so far today. */
typedef struct {
    long day, today[PLACE_ROW_KINDS];
    int rank;   /* the kind of the row before */
} place_state;

static int place_rank(const char *kind)
{
    static const char *const kinds[PLACE_ROW_KINDS] = {"site", "sites", "camp", "camps"};
    for (int i = 0; i < PLACE_ROW_KINDS; i++)
        if (!strcmp(kind, kinds[i])) return i;
    return -1;
}

/* A day of places is whole: one row of each total, and (after day 0) as many
 * sites and camps as on day 0. */
static int place_day_done(place_state *ps, result_csv *out, const where *w)
{
    char msg[160];
    if (ps->today[PLACE_ROW_SITES] != 1 || ps->today[PLACE_ROW_CAMPS] != 1) {
        snprintf(msg, sizeof msg, "day %ld: not one row of kind sites and one of kind camps", ps->day);
        return fail(w, msg);
    }
    if (ps->day == 0) memcpy(out->per_kind, ps->today, sizeof ps->today);
    else if (memcmp(out->per_kind, ps->today, sizeof ps->today)) {
        snprintf(msg, sizeof msg, "day %ld: not the places of day 0", ps->day);
        return fail(w, msg);
    }
    memset(ps->today, 0, sizeof ps->today);
    ps->rank = 0;
    return 0;
}

/* A row of a file of places: its day (the day of the row before, or the next
 * once that day is whole), its date, and its kind in the order of a day. */
static int place_row(char **f, place_state *ps, result_csv *out, const where *w)
{
    char msg[512];
    char *end;
    long day = strtol(f[0], &end, 10), date;
    int first = out->rows == 0;
    if (*end || end == f[0] || !(first ? day == 0 : day == ps->day || day == ps->day + 1)) {
        snprintf(msg, sizeof msg, "column day: '%.40s' where day %ld or %ld was due", f[0], ps->day, ps->day + 1);
        return fail(w, msg);
    }
    if (date_parse(f[1], &date) != 0) {
        snprintf(msg, sizeof msg, "column date: '%.40s' is not a date (YYYY-MM-DD)", f[1]);
        return fail(w, msg);
    }
    if (first) out->first = date;
    if (date != out->first + day) return fail(w, "column date: not the date of its day");
    if (!first && day != ps->day && place_day_done(ps, out, w) != 0) return -1;
    ps->day = day;
    out->last = date;
    int rank = place_rank(f[2]);
    if (rank < 0) {
        snprintf(msg, sizeof msg, "column kind: '%.40s' is not site, sites, camp or camps", f[2]);
        return fail(w, msg);
    }
    if (rank < ps->rank) return fail(w, "column kind: out of order (each site, all sites, each camp, all camps)");
    ps->rank = rank;
    ps->today[rank]++;
    if (!is_name(f[3], 0)) {
        snprintf(msg, sizeof msg, "column place: '%.40s' is not a name", f[3]);
        return fail(w, msg);
    }
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int header(char *line, const kind_rule *k, result_csv *out, const where *w)
{
    char msg[512];
    int n = 1;
    for (const char *p = line; *p; p++) n += *p == ',';
    out->cols = calloc((size_t)n, sizeof *out->cols);
    if (!out->cols) return fail(w, "out of memory");
    char **f = malloc(sizeof *f * (size_t)n);
    if (!f) return fail(w, "out of memory");
    split(line, f, n);
    int rc = 0;
    for (int i = 0; i < n && rc == 0; i++) {
        if (!is_name(f[i], 0)) {
            snprintf(msg, sizeof msg, "header: column %d is not a column name (letters, digits, _ . -)", i + 1);
            rc = fail(w, msg);
            break;
        }
        if (!(out->cols[i] = strdup(f[i]))) rc = fail(w, "out of memory");
        else out->n_cols = i + 1;
    }
    if (rc == 0) {   /* a name twice: sorted, the two are neighbours */
        qsort(f, (size_t)n, sizeof *f, by_name);
        for (int i = 1; i < n && rc == 0; i++)
            if (!strcmp(f[i], f[i - 1])) {
                snprintf(msg, sizeof msg, "header: column '%.100s' twice", f[i]);
                rc = fail(w, msg);
            }
    }
    free(f);
    if (rc) return rc;
    for (int i = 0; i < k->n_first; i++)
        if (i >= n || strcmp(out->cols[i], k->first[i])) {
            snprintf(msg, sizeof msg, "header: column %d must be '%s'", i + 1, k->first[i]);
            return fail(w, msg);
        }
    if (k->needs && !results_has(out, k->needs)) {
        snprintf(msg, sizeof msg, "header: no column '%s'", k->needs);
        return fail(w, msg);
    }
    return 0;
}

static int row(char *line, char **f, const kind_rule *k, result_kind kind, result_csv *out, place_state *ps,
               const where *w)
{
    char msg[512];
    int n = split(line, f, out->n_cols);
    if (n != out->n_cols) {
        snprintf(msg, sizeof msg, "%s fields, the header has %d", n > out->n_cols ? "more" : "fewer",
                 out->n_cols);
        return fail(w, msg);
    }
    for (int i = k->n_text; i < n; i++)
        if (!(k->allow_empty && !*f[i]) && !is_number(f[i], k->dated || kind == RESULT_WAITS)) {
            snprintf(msg, sizeof msg, "column %s: '%.40s' is not a number", out->cols[i], f[i]);
            return fail(w, msg);
        }
    if (kind == RESULT_PLACES) return place_row(f, ps, out, w);
    if (k->dated) {
        char *end;
        long day = strtol(f[0], &end, 10), date;
        if (*end || end == f[0] || day != out->rows) {
            snprintf(msg, sizeof msg, "column day: '%.40s' where day %ld was due", f[0], out->rows);
            return fail(w, msg);
        }
        if (date_parse(f[1], &date) != 0) {
            snprintf(msg, sizeof msg, "column date: '%.40s' is not a date (YYYY-MM-DD)", f[1]);
            return fail(w, msg);
        }
        if (out->rows == 0) out->first = date;
        if (date != out->first + day) return fail(w, "column date: not the day after the row before");
        out->last = date;
        return 0;
    }
    if (kind == RESULT_WAITS) return 0;
    if (kind == RESULT_SUMMARY_PLACES && place_rank(f[0]) < 0) {
        snprintf(msg, sizeof msg, "column kind: '%.40s' is not site, sites, camp or camps", f[0]);
        return fail(w, msg);
    }
    /* The leading names: policy (an identifier), metric, parameter (a setting's
     * path); kind, place and metric (no keys kept). */
    for (int i = 0; i < k->n_text; i++) {
        int ok = kind == RESULT_COMPARISON && i == 0 ? is_identifier(f[i]) : is_name(f[i], 1);
        if (!ok) {
            snprintf(msg, sizeof msg, "column %s: '%.40s' is not a name", out->cols[i], f[i]);
            return fail(w, msg);
        }
        if (kind != RESULT_SUMMARY_PLACES && add_key(&out->keys[i], f[i], w) != 0) return -1;
    }
    return 0;
}

int results_parse(const char *path, const char *text, size_t len, result_kind kind, result_csv *out, diag *d)
{
    memset(out, 0, sizeof *out);
    const kind_rule *k = &rules[kind];
    where w = {path, d, 0};
    const char *p = text, *end = text + len;
    char *line = NULL, **f = NULL;
    int in_header = 1, rc = 0;
    place_state ps = {0};
    while (p < end && rc == 0) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = (size_t)((nl ? nl : end) - p);
        w.line++;
        if (memchr(p, 0, n)) { rc = fail(&w, "a NUL byte: not a text file"); break; }
        free(line);
        if (!(line = malloc(n + 1))) { rc = fail(&w, "out of memory"); break; }
        memcpy(line, p, n);
        line[n] = 0;
        if (n && line[n - 1] == '\r') line[n - 1] = 0;
        p = nl ? nl + 1 : end;
        if (in_header && line[0] == '#') continue;   /* provenance lines of an older folder */
        if (!line[0]) {
            if (p >= end) break;   /* the file's last line break */
            rc = fail(&w, in_header ? "an empty line where the header was due" : "an empty line among the rows");
            break;
        }
        if (strchr(line, '"')) { rc = fail(&w, "a quote: campsim's own files have none"); break; }
        if (in_header) {
            rc = header(line, k, out, &w);
            in_header = 0;
            if (rc == 0 && !(f = malloc(sizeof *f * ((size_t)out->n_cols + 1)))) rc = fail(&w, "out of memory");
            continue;
        }
        rc = row(line, f, k, kind, out, &ps, &w);
        if (rc == 0) out->rows++;
    }
    free(line);
    free(f);
    if (rc == 0 && in_header) { w.line = w.line ? w.line : 1; rc = fail(&w, "no header: not a campsim CSV file"); }
    else if (rc == 0 && out->rows == 0) { w.line++; rc = fail(&w, "no rows after the header"); }
    else if (rc == 0 && kind == RESULT_PLACES) rc = place_day_done(&ps, out, &w);   /* the last day whole too */
    if (rc) results_free(out);
    return rc;
}

int results_read(const char *path, result_kind kind, result_csv *out, diag *d)
{
    memset(out, 0, sizeof *out);
    FILE *fp = fopen(path, "rb");
    if (!fp) { diag_add(d, "%s: cannot read: %s", path, strerror(errno)); return -1; }
    struct stat st;
    if (fstat(fileno(fp), &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > MAX_BYTES) {
        diag_add(d, "%s: not a regular file of a result folder", path);
        fclose(fp);
        return -1;
    }
    size_t n = (size_t)st.st_size;
    char *text = malloc(n + 1);
    if (!text || fread(text, 1, n, fp) != n) {
        diag_add(d, "%s: cannot read: %s", path, text ? strerror(errno ? errno : EIO) : "out of memory");
        free(text);
        fclose(fp);
        return -1;
    }
    fclose(fp);
    text[n] = 0;
    int rc = results_parse(path, text, n, kind, out, d);
    free(text);
    return rc;
}

void results_free(result_csv *r)
{
    for (int i = 0; r->cols && i < r->n_cols; i++) free(r->cols[i]);
    free(r->cols);
    free(r->keys[0]);
    free(r->keys[1]);
    memset(r, 0, sizeof *r);
}

int results_has(const result_csv *r, const char *col)
{
    for (int i = 0; i < r->n_cols; i++)
        if (!strcmp(r->cols[i], col)) return 1;
    return 0;
}
