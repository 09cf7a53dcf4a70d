/* fit: metrics of a run against observations (see fit.h). */
#include "fit.h"
#include "dates.h"
#include "output.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

void fit_compute(fit_row *rows, size_t n, fit_metrics *m)
{
    memset(m, 0, sizeof *m);
    double ard = 0, sq = 0, covered = 0;
    size_t n_ard = 0;
    for (size_t i = 0; i < n; i++) {
        fit_row *r = &rows[i];
        r->rel_diff = NAN;
        if (r->has_value) {
            double diff = r->sim_mean - r->observed;
            sq += diff * diff;
            m->n_valued++;
            if (r->observed > 0) {
                r->rel_diff = diff / r->observed;
                ard += fabs(r->rel_diff);
                n_ard++;
                m->objective += r->weight * r->rel_diff * r->rel_diff;
            }
            if (r->observed >= r->sim_lo && r->observed <= r->sim_hi) covered++;
        } else {
            double lo = r->has_low ? r->low : -INFINITY, hi = r->has_high ? r->high : INFINITY;
            if (!(hi < r->sim_lo || lo > r->sim_hi)) covered++;   /* the two intervals overlap */
            double mid = isfinite(lo) && isfinite(hi) ? (lo + hi) / 2 : isfinite(lo) ? lo : hi;
            double out = r->sim_mean < lo ? lo - r->sim_mean : r->sim_mean > hi ? r->sim_mean - hi : 0;
            if (mid > 0) m->objective += r->weight * (out / mid) * (out / mid);
        }
    }
    m->n_rows = n;
    m->ard = n_ard ? ard / (double)n_ard : NAN;
    m->rmse = m->n_valued ? sqrt(sq / (double)m->n_valued) : NAN;
    m->band_coverage = n ? covered / (double)n : NAN;
}

/* A CSV field: quoted when it holds a comma, a quote or a line break. */
static void field(FILE *f, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) { fputs(s, f); return; }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"') fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

/* The observations as they were given (ten digits); the model's figures at
 * their precision: people to 0.01, the relative difference to four digits. */
static void num(FILE *f, int has, double v, int precision)
{
    fputc(',', f);
    if (!has || !isfinite(v)) return;
    if (precision < 0) { fprintf(f, "%.10g", v); return; }
    char b[64];
    output_rounded(b, sizeof b, v, (enum column_precision)precision);
    fputs(b, f);
}

int fit_write_csv(const char *path, const fit_row *rows, size_t n)
{
    FILE *f = fopen(path, "w");
    if (!f) return -1;
    fputs("date,site,variable,series,observed,low,high,sim_mean,sim_p05,sim_p95,rel_diff\n", f);
    for (size_t i = 0; i < n; i++) {
        const fit_row *r = &rows[i];
        char date[11];
        date_format(r->day, date);
        fprintf(f, "%s,", date);
        field(f, r->site);
        fputc(',', f);
        field(f, r->variable);
        fputc(',', f);
        field(f, r->series);
        num(f, r->has_value, r->observed, -1);
        num(f, r->has_low, r->low, -1);
        num(f, r->has_high, r->high, -1);
        num(f, 1, r->sim_mean, PREC_HUNDREDTHS);
        num(f, 1, r->sim_lo, PREC_HUNDREDTHS);
        num(f, 1, r->sim_hi, PREC_HUNDREDTHS);
        num(f, r->has_value, r->rel_diff, PREC_SIGNIFICANT4);
        fputc('\n', f);
    }
    int bad = ferror(f);
    return fclose(f) != 0 || bad ? -1 : 0;
}
