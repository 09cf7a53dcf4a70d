/* output: the CSV files of a run (see output.h). */
#include "output.h"
#include "output_places.h"
#include "uncertainty.h"
#include "model.h"
#include "qstore.h"
#include "columns.h"
#include <errno.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "dates.h"

#define NUMBER_CHARS 24   /* "%.12g" of a double: sign, 12 digits, point, e-308 */

/* ---- formatting ---- */

void output_level_name(double level, char *buf, size_t n)
{
    double pct = level * 100.0;
    long whole = lround(floor(pct + 1e-9));
    double frac = pct - whole;
    if (fabs(frac) < 1e-9) { snprintf(buf, n, "p%02ld", whole); return; }
    char f[32];
    snprintf(f, sizeof f, "%.6g", frac);   /* "0.5" */
    snprintf(buf, n, "p%02ld_%s", whole, f + 2);
}

/* Whole numbers are most of what a run writes (counts, and the quantiles of
 * counts); glibc's "%.0f" takes them through its floating-point printer, which
 * was most of the time spent writing ensemble.csv. Below 1e15 they fit a long
 * long, and its digits are the same text. */
static void whole_number(char *buf, size_t n, double v)
{
    char digits[24];
    int k = 0;
    unsigned long long u = v < 0 ? (unsigned long long)-v : (unsigned long long)v;
    do digits[k++] = (char)('0' + u % 10); while (u /= 10);
    size_t i = 0;
    if (v < 0 && i + 1 < n) buf[i++] = '-';
    while (k > 0 && i + 1 < n) buf[i++] = digits[--k];
    buf[i] = 0;
}

void output_number(char *buf, size_t n, double v)
{
    if (v == floor(v) && fabs(v) < 1e15) whole_number(buf, n, v);
    else snprintf(buf, n, "%.12g", v);
}

/* A decimal number: whole part and `digits` decimals of v rounded, trailing zeros
 * (and a bare point) dropped, so that 12.50 is "12.5" and 12.0 is "12". */
static void fixed_number(char *buf, size_t n, double v, int digits)
{
    double scale = 1;
    for (int i = 0; i < digits; i++) scale *= 10;
    double r = round(v * scale);
    if (r == 0 || fabs(r) >= 1e15) {   /* beyond a long long's digits: printf is exact enough */
        if (r == 0) snprintf(buf, n, "0");
        else snprintf(buf, n, "%.*f", digits, v);
        return;
    }
    char digs[24];
    int k = 0;
    unsigned long long u = (unsigned long long)fabs(r);
    while (k < digits && u % 10 == 0) { u /= 10; digits--; }   /* trailing zeros */
    do digs[k++] = (char)('0' + u % 10); while ((u /= 10) || k <= digits);
    size_t i = 0;
    if (r < 0 && i + 1 < n) buf[i++] = '-';
    while (k > 0 && i + 1 < n) {
        if (k == digits && i + 1 < n) buf[i++] = '.';
        buf[i++] = digs[--k];
    }
    buf[i] = 0;
}

void output_rounded(char *buf, size_t n, double v, int digits)
{
    if (!isfinite(v)) { snprintf(buf, n, "%g", v); return; }
    if (digits >= 0) {
        if (digits == 0 && v == floor(v) && fabs(v) < 1e15) whole_number(buf, n, v);
        else fixed_number(buf, n, v, digits > 15 ? 15 : digits);
        return;
    }
    if (v == 0) { snprintf(buf, n, "0"); return; }
    int e = (int)floor(log10(fabs(v)));   /* SIG(k): k digits from the first */
    int d = -digits - 1 - e;
    if (d >= 0) { fixed_number(buf, n, v, d > 15 ? 15 : d); return; }
    double scale = pow(10, -d);
    double r = round(v / scale) * scale;
    if (fabs(r) < 1e15) whole_number(buf, n, r);
    else snprintf(buf, n, "%.*g", -digits, v);
}

/* provenance.txt: what made the folder's files, one "key: value" a line, so
 * that the CSV files can begin with their header (RFC 4180, and what a
 * spreadsheet expects). */
int output_provenance(const char *dir, const output_info *info, const char *extra, diag *d)
{
    char path[4200], when[32];
    snprintf(path, sizeof path, "%s/provenance.txt", dir);
    FILE *f = fopen(path, "w");
    if (!f) { diag_add(d, "%s: cannot write: %s", path, strerror(errno)); return -1; }
    time_t now = time(NULL);
    struct tm tm;
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&now, &tm));
    fprintf(f, "campsim: %s\n", CAMPSIM_VERSION);
    if (info->command) fprintf(f, "command: %s\n", info->command);
    fprintf(f, "date: %s\n", when);
    fprintf(f, "config: %s\n", info->s->path);
    fprintf(f, "scenario: %s\n", info->s->name);
    if (info->policy) fprintf(f, "policy: %s\n", info->policy);
    fprintf(f, "mode: %s\n", info->deterministic ? "deterministic" : "stochastic");
    fprintf(f, "seed: %lu\n", info->seed);
    fprintf(f, "replicates: %ld\n", info->deterministic ? 1L : info->replicates);
    fprintf(f, "generator: %s\n", SIM_GENERATOR);
    if (extra) fputs(extra, f);
    int bad = ferror(f);
    if (fclose(f) != 0 || bad) { diag_add(d, "%s: write failed: %s", path, strerror(errno ? errno : EIO)); return -1; }
    return 0;
}

/* Opens dir/name for writing. */
static FILE *open_out(const char *dir, const char *name, diag *d)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f) diag_add(d, "%s: cannot write: %s", path, strerror(errno));
    return f;
}

int output_close(FILE *f, const char *path, diag *d)
{
    /* A write that failed part way left the stream's error flag set, but errno
     * may since have been overwritten: flushing what is still buffered fails
     * again with the reason (ENOSPC, EFBIG), and fclose says why otherwise. */
    errno = 0;
    int bad = fflush(f) != 0 || ferror(f), why = bad ? errno : 0;
    errno = 0;
    if (fclose(f) != 0) {
        bad = 1;
        if (!why) why = errno;
    }
    if (bad) {
        diag_add(d, "%s: write failed: %s", path, strerror(why ? why : EIO));
        return -1;
    }
    return 0;
}

static int close_out(FILE *f, const char *dir, const char *name, diag *d)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return output_close(f, path, d);
}

/* Writes v at `at` (NUMBER_CHARS at most, no terminator); returns the end. */
static char *put_number(char *at, double v, int digits)
{
    char b[NUMBER_CHARS + 1];
    output_rounded(b, sizeof b, v, digits);
    size_t n = strlen(b);
    memcpy(at, b, n);
    return at + n;
}

static void put(FILE *f, double v, int digits)
{
    char b[64];
    output_rounded(b, sizeof b, v, digits);
    fputs(b, f);
}

/* The precision of metric m's mean and quantiles (full precision for a metric
 * the table does not know: tests/unit_stats checks that every metric is known). */
static int metric_digits(const char *name)
{
    char label[256];
    int digits;
    return columns_metric_info(name, label, sizeof label, &digits, NULL) == 0 ? digits : SIG(12);
}

/* ---- the files of a run ---- */

static int write_series(const char *dir, const output_info *info, const ensemble *e, diag *d)
{
    FILE *f = open_out(dir, "series.csv", d);
    if (!f) return -1;
    fputs("day,date", f);
    for (int c = 0; c < e->cols->n; c++) fprintf(f, ",%s", e->cols->names[c]);
    fputc('\n', f);
    for (int t = 0; t < e->days; t++) {
        char date[11];
        date_format(info->s->start + t, date);
        fprintf(f, "%d,%s", t, date);
        /* A deterministic run's values are exact expectations: written to 12
         * significant digits, so that its books balance in the file as in the model
         * (rounded to a mean's 0.1 they were off by tenths of a person, and the
         * contract's checker allows 1e-9). */
        for (int c = 0; c < e->cols->n; c++) {
            int dg = info->deterministic ? SIG(12) : e->cols->digits[c];
            fputc(',', f);
            put(f, e->series0[(size_t)t * e->cols->n + c], dg);
        }
        fputc('\n', f);
    }
    return close_out(f, dir, "series.csv", d);
}

static int write_ensemble(const char *dir, const output_info *info, const ensemble *e, diag *d)
{
    const quantile_levels *ql = &info->s->quantiles;
    FILE *f = open_out(dir, "ensemble.csv", d);
    if (!f) return -1;
    fputs("day,date", f);
    for (int c = 0; c < e->cols->n; c++) {
        fprintf(f, ",%s_mean", e->cols->names[c]);
        for (int i = 0; i < ql->n; i++) {
            char lv[32];
            output_level_name(ql->levels[i], lv, sizeof lv);
            fprintf(f, ",%s_%s", e->cols->names[c], lv);
        }
    }
    fputc('\n', f);
    /* The day's lines are formatted in parallel into one buffer (printf's %.12g
     * for the means was most of the time spent writing), then written in order:
     * the same bytes as one by one. */
    int per_row = e->cols->n * (1 + ql->n);
    size_t width = 32 + (size_t)per_row * NUMBER_CHARS;
    char *buf = malloc(width * (size_t)e->days);
    size_t *len = malloc(sizeof *len * (size_t)e->days);
    if (!buf || !len) {
        free(buf);
        free(len);
        fclose(f);
        diag_add(d, "%s/ensemble.csv: out of memory", dir);
        return -1;
    }
#pragma omp parallel for schedule(dynamic, 8)
    for (int t = 0; t < e->days; t++) {
        char date[11], *at = buf + (size_t)t * width;
        date_format(info->s->start + t, date);
        at += sprintf(at, "%d,%s", t, date);
        for (int c = 0; c < e->cols->n; c++) {
            size_t cell = (size_t)t * e->cols->n + c;
            int dg = columns_mean_digits(e->cols->kind[c], e->cols->digits[c]);
            *at++ = ',';
            at = put_number(at, e->mean[cell], dg);
            for (int i = 0; i < ql->n; i++) {
                *at++ = ',';
                at = put_number(at, e->quant[ensemble_q(e, t, c, i)], dg);
            }
        }
        *at++ = '\n';
        len[t] = (size_t)(at - (buf + (size_t)t * width));
    }
    for (int t = 0; t < e->days; t++) fwrite(buf + (size_t)t * width, 1, len[t], f);
    free(buf);
    free(len);
    return close_out(f, dir, "ensemble.csv", d);
}

static int write_summary(const char *dir, const output_info *info, const ensemble *e, diag *d)
{
    const quantile_levels *ql = &info->s->quantiles;
    /* The contract's columns first: p05, p50, p95 when the levels hold them (the
     * forecast's 23 levels do), then the other levels in order. */
    int *order = malloc(sizeof *order * (size_t)(ql->n > 0 ? ql->n : 1)), k = 0;
    if (!order) { diag_add(d, "out of memory"); return -1; }
    static const double lead[3] = {0.05, 0.5, 0.95};
    int has_lead = 1;
    for (int j = 0; j < 3; j++) {
        int found = 0;
        for (int i = 0; i < ql->n; i++) found |= ql->levels[i] == lead[j];
        has_lead &= found;
    }
    if (has_lead)
        for (int j = 0; j < 3; j++)
            for (int i = 0; i < ql->n; i++)
                if (ql->levels[i] == lead[j]) order[k++] = i;
    for (int i = 0; i < ql->n; i++) {
        int led = 0;
        for (int j = 0; j < 3; j++) led |= has_lead && ql->levels[i] == lead[j];
        if (!led) order[k++] = i;
    }
    FILE *f = open_out(dir, "summary.csv", d);
    if (!f) { free(order); return -1; }
    fputs("metric,mean,sd", f);
    for (int i = 0; i < ql->n; i++) {
        char lv[32];
        output_level_name(ql->levels[order[i]], lv, sizeof lv);
        fprintf(f, ",%s", lv);
    }
    fputc('\n', f);
    size_t R = (size_t)e->R, M = (size_t)e->ms->n;
    double *v = malloc(sizeof *v * R);
    if (!v) { free(order); fclose(f); diag_add(d, "out of memory"); return -1; }
    for (size_t m = 0; m < M; m++) {
        for (size_t r = 0; r < R; r++) v[r] = e->metrics[r * M + m];
        double mean = gsl_stats_mean(v, 1, R);
        double sd = R > 1 ? gsl_stats_sd_m(v, 1, R, mean) : 0;
        gsl_sort(v, 1, R);
        int dg = metric_digits(e->ms->names[m]);
        fprintf(f, "%s,", e->ms->names[m]);
        put(f, mean, dg);
        fputc(',', f);
        put(f, sd, dg);
        for (int i = 0; i < ql->n; i++) {
            fputc(',', f);
            put(f, gsl_stats_quantile_from_sorted_data(v, 1, R, ql->levels[order[i]]), dg);
        }
        fputc('\n', f);
    }
    free(v);
    free(order);
    if (info->fit) {   /* one number each for the whole ensemble: the other fields stay empty */
        static const char *const names[OUTPUT_N_FIT] = {"ard", "rmse", "band_coverage", "crps", "wis",
                                                        "coverage_50", "coverage_90"};
        for (int i = 0; i < OUTPUT_N_FIT; i++) {
            fprintf(f, "%s,", names[i]);
            put(f, info->fit[i], metric_digits(names[i]));
            fputs(",", f);
            for (int j = 0; j < ql->n; j++) fputc(',', f);
            fputc('\n', f);
        }
    }
    return close_out(f, dir, "summary.csv", d);
}

static int write_waits(const char *dir, const ensemble *e, diag *d)
{
    FILE *f = open_out(dir, "waits.csv", d);
    if (!f) return -1;
    fputs("wait_days,people\n", f);
    int last = e->days - 1;
    while (last > 0 && e->waits[last] == 0) last--;
    for (int w = 0; w <= last; w++) {
        fprintf(f, "%d,", w);
        put(f, e->waits[w] / (double)e->R, 1);   /* per replicate: a mean of counts */
        fputc('\n', f);
    }
    return close_out(f, dir, "waits.csv", d);
}

/* parameters.csv: every replicate's parameter set. The sets are a function of
 * (seed, replicate) alone, so they are drawn again here rather than gathered
 * from the threads and ranks that ran them. */
static int write_parameters(const char *dir, const output_info *info, diag *d)
{
    const uncertainty *u = info->s->unc;
    FILE *f = open_out(dir, "parameters.csv", d);
    double *x = malloc(sizeof *x * (size_t)uncertainty_count(u));
    if (!f || !x) { free(x); if (f) fclose(f); if (f) diag_add(d, "out of memory"); return -1; }
    uncertainty_write_header(f, u);
    for (long r = 0; r < info->replicates; r++) {
        uncertainty_draw(u, info->seed, r, x);
        uncertainty_write_row(f, u, r, x);
    }
    free(x);
    return close_out(f, dir, "parameters.csv", d);
}

int output_run(const char *dir, const output_info *info, const ensemble *e, diag *d)
{
    char quantiles[256] = "quantiles: exact\n";
    if (e->rank_error > 0)
        snprintf(quantiles, sizeof quantiles, "quantiles: binned (more than %d replicates), rank error at most %.4f\n",
                 QSTORE_EXACT_MAX, e->rank_error);
    if (e->places_rank_error > 0) {   /* places_ensemble.csv's own store */
        size_t k = strlen(quantiles);
        snprintf(quantiles + k, sizeof quantiles - k, "places quantiles: binned, rank error at most %.4f\n",
                 e->places_rank_error);
    }
    if (write_series(dir, info, e, d) || write_ensemble(dir, info, e, d) || write_summary(dir, info, e, d) ||
        write_waits(dir, e, d) || output_places(dir, info, e, d) || output_provenance(dir, info, quantiles, d))
        return -1;
    if (info->s->unc && !info->deterministic && write_parameters(dir, info, d)) return -1;
    char path[4096];
    snprintf(path, sizeof path, "%s/run.cfg", dir);
    if (scenario_write(info->s, path) != 0) {
        diag_add(d, "%s: write failed: %s", path, strerror(errno));
        return -1;
    }
    return 0;
}
