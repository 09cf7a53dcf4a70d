/* obsmodel: the likelihood of reports given a simulated series (see obsmodel.h). */
#include "obsmodel.h"
#include <float.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sf_erf.h>
#include <gsl/gsl_sf_gamma.h>
#include <libconfig.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define LN_SQRT_2PI 0.91893853320467274178
#define SQRT2 1.41421356237309504880
#define LN2 0.69314718055994530942

obs_error obsmodel_of_target(const scenario *s, int t)
{
    const target_cfg *tg = &s->targets[t];
    return (obs_error){.kind = (obs_error_kind)tg->error, .sigma = tg->sigma,
                       .dispersion = tg->dispersion};
}

/* The report as a range [lo, hi] (lo 0: none below; hi INFINITY: none above),
 * or a point (*lo == *hi) when it has no range or one of zero width. Values
 * below 1 count as 1. */
static void report_range(const observation *o, double *lo, double *hi)
{
    if ((o->has_low || o->has_high) && !(o->has_low && o->has_high && o->low == o->high)) {
        *lo = o->has_low && o->low > 0 ? fmax(o->low, 1) : 0;
        *hi = o->has_high ? fmax(o->high, 1) : INFINITY;
        return;
    }
    *lo = *hi = fmax(o->has_value ? o->value : o->low, 1);
}

/* log Q(z) and log P(z) of the standard normal, exact far in the tails. */
static double log_q(double z) { return gsl_sf_log_erfc(z / SQRT2) - LN2; }
static double log_p(double z) { return log_q(-z); }

/* log P(lo <= y <= hi) for log y ~ N(mu, sigma^2), through GSL's cdfs; where
 * their difference underflows, the same in logs. */
static double lognormal_interval(double lo, double hi, double mu, double sigma)
{
    if (lo <= 0 && isinf(hi)) return 0;
    if (lo <= 0) {
        double p = gsl_cdf_lognormal_P(hi, mu, sigma);
        return p > DBL_MIN ? log(p) : log_p((log(hi) - mu) / sigma);
    }
    double zl = (log(lo) - mu) / sigma;
    if (isinf(hi)) {
        double q = gsl_cdf_lognormal_Q(lo, mu, sigma);
        return q > DBL_MIN ? log(q) : log_q(zl);
    }
    double zh = (log(hi) - mu) / sigma;
    /* the tail the interval lies in, so that the difference keeps its digits */
    double p = zl > 0 ? gsl_cdf_lognormal_Q(lo, mu, sigma) - gsl_cdf_lognormal_Q(hi, mu, sigma)
                      : gsl_cdf_lognormal_P(hi, mu, sigma) - gsl_cdf_lognormal_P(lo, mu, sigma);
    if (p > DBL_MIN) return log(p);
    if (zl > 0) return log_q(zl) + log1p(-exp(log_q(zh) - log_q(zl)));
    return log_p(zh) + log1p(-exp(log_p(zl) - log_p(zh)));
}

/* The negative binomial of mean x and variance x + d x^2 (Poisson at d = 0):
 * log P(Y = k), P(Y <= k), P(Y > k). */
static double nb_log_pmf(double k, double x, double d)
{
    if (d == 0) return k * log(x) - x - gsl_sf_lngamma(k + 1);
    double r = 1 / d;
    return gsl_sf_lngamma(k + r) - gsl_sf_lngamma(r) - gsl_sf_lngamma(k + 1) + r * log(r / (r + x)) +
           k * log(x / (r + x));
}
static double nb_P(double k, double x, double d)
{
    if (k < 0) return 0;
    return d == 0 ? gsl_cdf_poisson_P((unsigned)k, x) : gsl_cdf_negative_binomial_P((unsigned)k, 1 / (1 + d * x), 1 / d);
}
static double nb_Q(double k, double x, double d)
{
    if (k < 0) return 1;
    return d == 0 ? gsl_cdf_poisson_Q((unsigned)k, x) : gsl_cdf_negative_binomial_Q((unsigned)k, 1 / (1 + d * x), 1 / d);
}

/* log P(lo <= Y <= hi) over whole counts; where the probability underflows,
 * the log-probability of the count at the end nearer x (a lower bound). */
static double negbin_interval(double lo, double hi, double x, double d)
{
    double a = ceil(lo), b = floor(hi);
    if (isinf(hi)) b = INFINITY;
    if (a > b) return -INFINITY;   /* no whole count inside */
    if (a <= 0 && isinf(b)) return 0;
    double p;
    if (isinf(b)) p = nb_Q(a - 1, x, d);
    else if (a <= 0) p = nb_P(b, x, d);
    else p = a > x ? nb_Q(a - 1, x, d) - nb_Q(b, x, d) : nb_P(b, x, d) - nb_P(a - 1, x, d);
    if (p > DBL_MIN) return log(p);
    return nb_log_pmf(x < a ? a : b, x, d);
}

double obsmodel_loglik(const obs_error *m, const observation *o, double x)
{
    double lo, hi;
    report_range(o, &lo, &hi);
    x = fmax(x, 1);
    if (m->kind == OBS_NEGBIN) {
        if (lo == hi) return nb_log_pmf(round(lo), x, m->dispersion);
        return negbin_interval(lo, hi, x, m->dispersion);
    }
    double mu = log(x);
    if (lo == hi) {
        double z = (log(lo) - mu) / m->sigma;
        return -log(lo) - log(m->sigma) - LN_SQRT_2PI - 0.5 * z * z;
    }
    return lognormal_interval(lo, hi, mu, m->sigma);
}

double obsmodel_loglik_best(const obs_error *m, const observation *o)
{
    double lo, hi;
    report_range(o, &lo, &hi);
    if (lo == hi) return obsmodel_loglik(m, o, lo);
    if (lo <= 0 || isinf(hi)) return 0;   /* x far below (or above) the one bound */
    if (m->kind == OBS_LOGNORMAL) return obsmodel_loglik(m, o, sqrt(lo * hi));
    /* negbin: golden-section search of log x over a span around the range,
     * inside which the interval's probability has one maximum */
    const double g = 0.6180339887498949;
    double a = log(lo) - 1, b = log(hi) + 1;
    double c = b - g * (b - a), e = a + g * (b - a);
    double fc = obsmodel_loglik(m, o, exp(c)), fe = obsmodel_loglik(m, o, exp(e));
    for (int i = 0; i < 80; i++) {
        if (fc > fe) { b = e; e = c; fe = fc; c = b - g * (b - a); fc = obsmodel_loglik(m, o, exp(c)); }
        else { a = c; c = e; fc = fe; e = a + g * (b - a); fe = obsmodel_loglik(m, o, exp(e)); }
    }
    return fmax(fc, fe);
}

int obsmodel_links(const scenario *s, const observations *obs, const columns *cols, obs_link **links, size_t *n,
                   diag *d)
{
    *links = NULL;
    *n = 0;
    if (s->n_targets == 0) {
        diag_add(d, "%s: calibration.targets: none, so no observation is compared with the run", s->path);
        return -1;
    }
    obs_link *l = calloc(obs->n * (size_t)s->n_targets + 1, sizeof *l);
    if (!l) { diag_add(d, "out of memory"); return -1; }
    size_t k = 0;
    int bad = 0;
    for (int t = 0; t < s->n_targets; t++) {
        const target_cfg *tg = &s->targets[t];
        int col = columns_find(cols, tg->series);
        if (col < 0) {
            char path[64];
            snprintf(path, sizeof path, "calibration.targets.[%d].series", t);
            const char *file;
            int line = scenario_where(s, path, &file);
            diag_at(d, file, line, path, "no series column is named '%s'", tg->series);
            bad = 1;
            continue;
        }
        for (size_t i = 0; i < obs->n; i++) {
            const observation *o = &obs->v[i];
            long day = o->day - s->start;
            if (strcmp(o->site, tg->site) || strcmp(o->variable, tg->variable)) continue;
            if (day < tg->from || day > tg->to || day < 0 || day >= s->days) continue;
            l[k++] = (obs_link){.o = o, .target = t, .day = (int)day, .col = col};
        }
    }
    if (bad) { free(l); return -1; }
    *links = l;
    *n = k;
    return 0;
}

double obsmodel_loglik_series(const scenario *s, const obs_link *links, size_t n, const double *series, int n_cols)
{
    double sum = 0;
    for (size_t i = 0; i < n; i++) {
        obs_error m = obsmodel_of_target(s, links[i].target);
        sum += obsmodel_loglik(&m, links[i].o, series[(size_t)links[i].day * (size_t)n_cols + (size_t)links[i].col]);
    }
    return sum;
}

double obsmodel_distance(const scenario *s, const obs_link *links, size_t n, const double *series, int n_cols)
{
    double sum = 0;
    for (size_t i = 0; i < n; i++) {
        obs_error m = obsmodel_of_target(s, links[i].target);
        double x = series[(size_t)links[i].day * (size_t)n_cols + (size_t)links[i].col];
        double dev = obsmodel_loglik_best(&m, links[i].o) - obsmodel_loglik(&m, links[i].o, x);
        sum += 2 * s->targets[links[i].target].weight * fmax(dev, 0);
    }
    return sum;
}
