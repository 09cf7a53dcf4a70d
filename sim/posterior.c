/* posterior: weighted particles from a CSV file, and resampling them (see
 * posterior.h). */
#include "posterior.h"
#include <errno.h>
#include <unistd.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Splits line in place at commas into at most max fields; returns their count. */
static int split(char *line, char **field, int max)
{
    int n = 0;
    line[strcspn(line, "\r\n")] = 0;
    for (char *at = line; n < max; ) {
        field[n++] = at;
        char *comma = strchr(at, ',');
        if (!comma) break;
        *comma = 0;
        at = comma + 1;
    }
    return n;
}

#define MAX_COLUMNS 256

int posterior_read(const scenario *s, const char *file, posterior *p, diag *d)
{
    memset(p, 0, sizeof *p);
    char full[4096];
    const char *slash = strrchr(s->path, '/');
    if (file[0] == '/' || !slash) snprintf(full, sizeof full, "%s", file);
    else snprintf(full, sizeof full, "%.*s/%s", (int)(slash - s->path), s->path, file);
    FILE *f = fopen(full, "r");
    if (!f) {
        scenario_error(s, d, "uncertainty.posterior", "cannot read %s: %s", full, strerror(errno));
        return -1;
    }
    size_t before = d->n, cap = 0;
    char *line = NULL, *field[MAX_COLUMNS + 1];
    int lineno = 0, weight = -1, skip = -1, cols = 0;
    int *column_of = NULL;   /* [cols]: the path index of each field, -1 weight or particle */
    const param **entry = NULL;
    long rows_cap = 0;
    double total = 0, *w = NULL;
    while (getline(&line, &cap, f) > 0 && d->n == before) {
        lineno++;
        if (line[0] == '#' || line[strspn(line, " \t\r\n")] == 0) continue;
        int n = split(line, field, MAX_COLUMNS + 1);
        if (!column_of) {   /* the header */
            if (n > MAX_COLUMNS) { diag_add(d, "%s:%d: more than %d columns", full, lineno, MAX_COLUMNS); break; }
            cols = n;
            column_of = calloc((size_t)n, sizeof *column_of);
            entry = calloc((size_t)n, sizeof *entry);
            p->paths = calloc((size_t)n, sizeof *p->paths);
            if (!column_of || !entry || !p->paths) { diag_add(d, "out of memory"); break; }
            for (int c = 0; c < n; c++) {
                column_of[c] = -1;
                if (!strcmp(field[c], "weight")) { weight = c; continue; }
                if (!strcmp(field[c], "particle")) { skip = c; continue; }
                const char *why = uncertainty_path_problem(s, field[c], &entry[c]);
                for (int k = 0; k < p->k && !why; k++)
                    if (!strcmp(p->paths[k], field[c])) why = "is a column twice";
                if (why) { diag_add(d, "%s:%d: column '%s': %s", full, lineno, field[c], why); continue; }
                column_of[c] = p->k;
                p->paths[p->k++] = strdup(field[c]);
            }
            if (weight < 0) diag_add(d, "%s:%d: no 'weight' column", full, lineno);
            if (p->k == 0 && d->n == before) diag_add(d, "%s:%d: no parameter columns", full, lineno);
            continue;
        }
        if (n != cols) { diag_add(d, "%s:%d: %d fields, the header has %d", full, lineno, n, cols); break; }
        if (p->n == rows_cap) {
            rows_cap = rows_cap ? 2 * rows_cap : 64;
            double *v = realloc(p->values, sizeof *v * (size_t)rows_cap * (size_t)p->k);
            double *ww = realloc(w, sizeof *ww * (size_t)rows_cap);
            if (v) p->values = v;
            if (ww) w = ww;
            if (!v || !ww) { diag_add(d, "out of memory"); break; }
        }
        for (int c = 0; c < n; c++) {
            if (c == skip) continue;
            char *end;
            double x = strtod(field[c], &end);
            const char *name = c == weight ? "weight" : p->paths[column_of[c] < 0 ? 0 : column_of[c]];
            if (end == field[c] || *end || !isfinite(x)) {
                diag_add(d, "%s:%d: %s: '%s' is not a number", full, lineno, name, field[c]);
            } else if (c == weight) {
                if (x < 0) diag_add(d, "%s:%d: weight: must be >= 0, got %.15g", full, lineno, x);
                w[p->n] = x;
            } else if (column_of[c] >= 0) {
                const param *e = entry[c];
                if (x < e->lo || x > e->hi)
                    diag_add(d, "%s:%d: %s: %.15g is outside its range %.15g to %.15g", full, lineno, name, x, e->lo, e->hi);
                p->values[(size_t)p->n * p->k + column_of[c]] = x;
            }
        }
        total += w[p->n];
        p->n++;
    }
    if (d->n == before && !column_of) diag_add(d, "%s: no header line", full);
    else if (d->n == before && p->n == 0) diag_add(d, "%s: no particles", full);
    else if (d->n == before && !(total > 0)) diag_add(d, "%s: the weights sum to 0", full);
    if (d->n == before) {
        p->cum = malloc(sizeof *p->cum * (size_t)p->n);
        p->median = malloc(sizeof *p->median * (size_t)p->k);
        if (!p->cum || !p->median) diag_add(d, "out of memory");
    }
    if (d->n == before) {
        double run = 0;
        for (long i = 0; i < p->n; i++) run += w[i], p->cum[i] = run / total;
        p->cum[p->n - 1] = 1;
        /* Weighted medians: the smallest value whose particles below and at it hold half the weight. */
        long *order = malloc(sizeof *order * (size_t)p->n);
        for (int c = 0; c < p->k && order; c++) {
            for (long i = 0; i < p->n; i++) order[i] = i;
            for (long i = 1; i < p->n; i++) {   /* insertion sort: medians are taken once a load */
                long o = order[i], j = i;
                for (; j > 0 && p->values[(size_t)order[j - 1] * p->k + c] > p->values[(size_t)o * p->k + c]; j--)
                    order[j] = order[j - 1];
                order[j] = o;
            }
            double acc = 0;
            long i = 0;
            for (; i < p->n - 1; i++) if ((acc += w[order[i]]) >= 0.5 * total) break;
            p->median[c] = p->values[(size_t)order[i] * p->k + c];
        }
        if (!order) diag_add(d, "out of memory");
        free(order);
    }
    free(line);
    free(column_of);
    free(entry);
    free(w);
    fclose(f);
    if (d->n == before) {   /* its absolute path: the working folder before a relative one */
        char cwd[4096];
        size_t n = strlen(full) + sizeof cwd + 2;
        if (full[0] != '/' && !getcwd(cwd, sizeof cwd)) diag_add(d, "%s: %s", full, strerror(errno));
        else if (!(p->file = malloc(n))) diag_add(d, "out of memory");
        else if (full[0] == '/') snprintf(p->file, n, "%s", full);
        else snprintf(p->file, n, "%s/%s", cwd, full);
    }
    if (d->n > before) { posterior_free(p); return -1; }
    return 0;
}

void posterior_free(posterior *p)
{
    for (int i = 0; p->paths && i < p->k; i++) free(p->paths[i]);
    free(p->paths);
    free(p->cum);
    free(p->values);
    free(p->median);
    free(p->file);
    memset(p, 0, sizeof *p);
}

long posterior_pick(const posterior *p, double u)
{
    long lo = 0, hi = p->n - 1;   /* the first i with cum[i] > u */
    while (lo < hi) {
        long mid = lo + (hi - lo) / 2;
        if (p->cum[mid] > u) hi = mid;
        else lo = mid + 1;
    }
    return lo;
}

double posterior_median(const posterior *p, int c) { return p->median[c]; }
