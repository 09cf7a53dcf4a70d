/* output_places: places.csv, places_ensemble.csv and summary_places.csv (see
 * places.h), in long format: one line a day for each place, so that a
 * spreadsheet's filter or gnuplot's `($3 eq "site" ? ...)` picks a place, and
 * a scenario with more sites adds lines, not columns. */
#include "output_places.h"
#include "dates.h"
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static FILE *open_file(const char *dir, const char *name, char *path, size_t n, diag *d)
{
    snprintf(path, n, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f) diag_add(d, "%s: cannot write: %s", path, strerror(errno));
    return f;
}

static void put(FILE *f, double v, int digits)
{
    char b[64];
    output_rounded(b, sizeof b, v, digits);
    fputs(b, f);
}

static void level_names(const quantile_levels *ql, char names[][32])
{
    for (int i = 0; i < ql->n; i++) output_level_name(ql->levels[i], names[i], 32);
}

/* places.csv: replicate 0, or the deterministic run (whose values are
 * expectations, written to the precision of means, as series.csv does). */
static int write_places(const char *dir, const output_info *info, const ensemble *e, diag *d)
{
    char path[4200];
    FILE *f = open_file(dir, "places.csv", path, sizeof path, d);
    if (!f) return -1;
    const places *p = e->pl;
    fputs("day,date,kind,place", f);
    for (int c = 0; c < PLACE_COLUMNS; c++) fprintf(f, ",%s", places_columns[c].name);
    fputc('\n', f);
    for (int t = 0; t < e->days; t++) {
        char date[11];
        date_format(info->s->start + t, date);
        const double *v = e->places0 + (size_t)t * p->cells, *row = e->series0 + (size_t)t * e->cols->n;
        for (int r = 0; r < p->n_rows; r++) {
            const place_row *w = &p->rows[r];
            fprintf(f, "%d,%s,%s,%s", t, date, places_kind_name(w->kind), w->name);
            for (int c = 0; c < PLACE_COLUMNS; c++) {
                fputc(',', f);
                if (w->cell[c] == PLACE_NONE) continue;
                int dg = places_columns[c].digits;
                if (info->deterministic) dg = columns_mean_digits(places_columns[c].kind, dg);
                put(f, places_value(w->cell[c], row, v), dg);
            }
            fputc('\n', f);
        }
    }
    return output_close(f, path, d);
}

/* places_ensemble.csv: the mean and quantiles of every cell over the replicates. */
static int write_places_ensemble(const char *dir, const output_info *info, const ensemble *e, diag *d)
{
    const quantile_levels *ql = &info->s->quantiles;
    char path[4200], lv[QSTORE_MAX_LEVELS][32];
    FILE *f = open_file(dir, "places_ensemble.csv", path, sizeof path, d);
    if (!f) return -1;
    level_names(ql, lv);
    const places *p = e->pl;
    fputs("day,date,kind,place", f);
    for (int c = 0; c < PLACE_COLUMNS; c++) {
        fprintf(f, ",%s_mean", places_columns[c].name);
        for (int i = 0; i < ql->n; i++) fprintf(f, ",%s_%s", places_columns[c].name, lv[i]);
    }
    fputc('\n', f);
    for (int t = 0; t < e->days; t++) {
        char date[11];
        date_format(info->s->start + t, date);
        for (int r = 0; r < p->n_rows; r++) {
            const place_row *w = &p->rows[r];
            fprintf(f, "%d,%s,%s,%s", t, date, places_kind_name(w->kind), w->name);
            for (int c = 0; c < PLACE_COLUMNS; c++) {
                int k = w->cell[c];
                if (k == PLACE_NONE) {
                    for (int i = 0; i <= ql->n; i++) fputc(',', f);
                    continue;
                }
                /* a place's own cell, or a column of series.csv */
                size_t cell = (size_t)t * p->cells + (size_t)k, col = (size_t)PLACE_SERIES(k);
                int dg = columns_mean_digits(places_columns[c].kind, places_columns[c].digits);
                fputc(',', f);
                put(f, k >= 0 ? e->pmean[cell] : e->mean[(size_t)t * e->cols->n + col], dg);
                for (int i = 0; i < ql->n; i++) {
                    fputc(',', f);
                    put(f, k >= 0 ? e->pquant[cell * (size_t)ql->n + (size_t)i] : e->quant[ensemble_q(e, t, (int)col, i)], dg);
                }
            }
            fputc('\n', f);
        }
    }
    return output_close(f, path, d);
}

/* summary_places.csv: each place's metrics over the replicates, as summary.csv. */
static int write_summary_places(const char *dir, const output_info *info, const ensemble *e, diag *d)
{
    const quantile_levels *ql = &info->s->quantiles;
    char path[4200], lv[QSTORE_MAX_LEVELS][32];
    FILE *f = open_file(dir, "summary_places.csv", path, sizeof path, d);
    if (!f) return -1;
    level_names(ql, lv);
    fputs("kind,place,metric,mean,sd", f);
    for (int i = 0; i < ql->n; i++) fprintf(f, ",%s", lv[i]);
    fputc('\n', f);
    const places *p = e->pl;
    size_t R = (size_t)e->R, stride = (size_t)p->n_rows * PLACE_METRICS;
    double *v = malloc(sizeof *v * R);
    if (!v) { fclose(f); diag_add(d, "%s: out of memory", path); return -1; }
    for (int r = 0; r < p->n_rows; r++) {
        const place_row *w = &p->rows[r];
        for (int m = 0; m < PLACE_METRICS; m++) {
            if (!places_metric_applies(w->kind, m)) continue;
            for (size_t k = 0; k < R; k++) v[k] = e->pmetrics[k * stride + (size_t)r * PLACE_METRICS + (size_t)m];
            double mean = gsl_stats_mean(v, 1, R), sd = R > 1 ? gsl_stats_sd_m(v, 1, R, mean) : 0;
            gsl_sort(v, 1, R);
            int dg = places_metric_defs[m].digits;
            fprintf(f, "%s,%s,%s,", places_kind_name(w->kind), w->name, places_metric_name(w->kind, m));
            put(f, mean, dg);
            fputc(',', f);
            put(f, sd, dg);
            for (int i = 0; i < ql->n; i++) {
                fputc(',', f);
                put(f, gsl_stats_quantile_from_sorted_data(v, 1, R, ql->levels[i]), dg);
            }
            fputc('\n', f);
        }
    }
    free(v);
    return output_close(f, path, d);
}

int output_places(const char *dir, const output_info *info, const ensemble *e, diag *d)
{
    if (!e->pl) return 0;   /* an ensemble run without them (run_options.no_places) */
    return write_places(dir, info, e, d) || write_places_ensemble(dir, info, e, d) ||
           write_summary_places(dir, info, e, d) ? -1 : 0;
}
