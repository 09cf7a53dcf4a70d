/* fit: metrics of a run against observations (see fit.h). */
#include "fit.h"
#include "dates.h"
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
    double crps = 0, wis = 0, in50 = 0, in90 = 0;
    size_t n_scored = 0, n_loglik = 0;
    for (size_t i = 0; i < n; i++) {
        const fit_row *r = &rows[i];
        if (!isnan(r->loglik)) m->loglik += r->loglik, n_loglik++;   /* -inf stays -inf */
        if (!r->has_value || !isfinite(r->crps)) continue;
        crps += r->crps;
        wis += r->wis;
        in50 += r->in50 == 1;
        in90 += r->in90 == 1;
        n_scored++;
    }
    if (!n_loglik) m->loglik = NAN;
    double k = (double)n_scored;
    m->crps = n_scored ? crps / k : NAN;
    m->wis = n_scored ? wis / k : NAN;
    m->coverage_50 = n_scored ? in50 / k : NAN;
    m->coverage_90 = n_scored ? in90 / k : NAN;
    m->n_rows = n;
    m->ard = n_ard ? ard / (double)n_ard : NAN;
    m->rmse = m->n_valued ? sqrt(sq / (double)m->n_valued) : NAN;
    m->band_coverage = n ? covered / (double)n : NAN;
}

/* A CSV field: quoted when it holds a comma, a quote or a line break. */
void fit_csv_field(FILE *f, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) { fputs(s, f); return; }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"') fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

static void num(FILE *f, int has, double v)
{
    fputc(',', f);
    if (has && isfinite(v)) fprintf(f, "%.10g", v);
}

int fit_write_csv(const char *path, const fit_row *rows, size_t n)
{
    FILE *f = fopen(path, "w");
    if (!f) return -1;
    fputs("date,site,variable,series,observed,low,high,sim_mean,sim_p05,sim_p95,rel_diff,crps,wis,in_50,in_90,pit,"
          "loglik\n", f);
    for (size_t i = 0; i < n; i++) {
        const fit_row *r = &rows[i];
        char date[11];
        date_format(r->day, date);
        fprintf(f, "%s,", date);
        fit_csv_field(f, r->site);
        fputc(',', f);
        fit_csv_field(f, r->variable);
        fputc(',', f);
        fit_csv_field(f, r->series);
        num(f, r->has_value, r->observed);
        num(f, r->has_low, r->low);
        num(f, r->has_high, r->high);
        num(f, 1, r->sim_mean);
        num(f, 1, r->sim_lo);
        num(f, 1, r->sim_hi);
        num(f, r->has_value, r->rel_diff);
        num(f, 1, r->crps);
        num(f, 1, r->wis);
        num(f, r->in50 >= 0, r->in50);
        num(f, r->in90 >= 0, r->in90);
        num(f, 1, r->pit);
        num(f, 1, r->loglik);
        fputc('\n', f);
    }
    int bad = ferror(f);
    return fclose(f) != 0 || bad ? -1 : 0;
}
