/* unit_sbc: simulation-based calibration of calibrate's ABC-SMC (Talts et al.
 * 2018) on tests/data/sbc.cfg. Each repetition draws a parameter set from the
 * prior, simulates one stochastic replicate with it, makes reports from that
 * series through the observation model (log-normal, sigma of the target; one
 * report interval-censored on a fixed grid of 500 people), and fits them with
 * abcfit_run. If the sampler is right, the posterior cdf at the true value is
 * uniform over repetitions (chi-square over equal bins) and the 90% interval
 * (5% to 95% weighted quantiles) covers the truth in 90% of them.
 *
 * Without arguments (make check): 30 repetitions, loose thresholds (chi-square
 * p > 0.001 over 5 bins, coverage >= 21 of 30), and the same with the kernel's
 * covariance shrunk 100x must fail them. `unit_sbc --full N` (make validate):
 * N repetitions, 10 bins, coverage within the binomial 95% range; `--full N P`
 * with P particles instead of the config's 200. */
#include "abcfit.h"
#include "dates.h"
#include "model.h"
#include "observed.h"
#include "testlib.h"
#include "uncertainty.h"
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <stdlib.h>
#include <string.h>

#define CFG "tests/data/sbc.cfg"
#define MAX_K 4

typedef struct {
    double p[MAX_K];       /* chi-square p-value of the posterior cdf at the truth, per parameter */
    int covered[MAX_K];    /* repetitions whose 90% interval holds the truth */
    long sims;
    double ess;            /* mean */
    int k, reps, failed;
} sbc_result;

/* The reports of one repetition: every 10 days, day 30's as a 500-wide interval. */
static observations *make_reports(const scenario *s, const double *theta, unsigned long seed, diag *d)
{
    scenario *own = uncertainty_clone(s);
    uncertainty_targets *tg = own ? uncertainty_bind(s->unc, own) : NULL;
    sim *m = tg ? sim_new(own, -1, 0) : NULL;
    if (!m) return NULL;
    uncertainty_apply(tg, theta);
    sim_rederive(m);
    sim_start(m, seed, 0);
    int col = columns_find(sim_columns(m), "stranded");
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_taus2);
    gsl_rng_set(rng, seed ^ 0x5bd1e995u);
    char text[4096];
    int len = snprintf(text, sizeof text, "date,site,variable,value,low,high,source_url,note\n");
    for (int t = 1; t <= s->days; t++) {
        sim_step(m);
        if (t % 10) continue;
        double x = sim_row(m)[col], y = fmax(x, 1) * exp(s->targets[0].sigma * gsl_ran_ugaussian(rng));
        char date[16];
        date_format(s->start + t - 1, date);
        if (t == 30) {
            double lo = floor(y / 500) * 500;
            len += snprintf(text + len, sizeof text - (size_t)len, "%s,berm,stranded,,%.0f,%.0f,,censored\n", date,
                            fmax(lo, 1), lo + 500);
        } else len += snprintf(text + len, sizeof text - (size_t)len, "%s,berm,stranded,%.6f,,,,\n", date, y);
    }
    gsl_rng_free(rng);
    sim_free(m);
    uncertainty_unbind(tg);
    uncertainty_clone_free(own);
    return observed_parse("sbc-reports", text, (size_t)len, d);
}

static void sbc(int reps, int bins, double kernel_scale, long particles, sbc_result *out)
{
    memset(out, 0, sizeof *out);
    diag d = {0};
    scenario *s = scenario_load(CFG, NULL, 0, &d);
    if (!s || !s->unc) { diag_print(&d); out->failed = 1; return; }
    int k = uncertainty_count(s->unc);
    out->k = k, out->reps = reps;
    int *count = calloc((size_t)(k * bins), sizeof *count);
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_taus2);
    for (int rep = 0; rep < reps && !out->failed; rep++) {
        double truth[MAX_K];
        gsl_rng_set(rng, sim_stream_seed(2018, rep, STREAM_PRIORS));
        uncertainty_prior_draw(s->unc, rng, truth);
        observations *obs = make_reports(s, truth, 1000 + (unsigned long)rep, &d);
        abc_options o;
        abcfit_options(s, 0, &o);
        o.seed = 5000 + (unsigned long)rep;
        o.kernel_scale = kernel_scale;
        if (particles > 0) o.particles = particles;
        abc_result r;
        if (!obs || abcfit_run(s, obs, &o, 0, &r, &d) != 0) { diag_print(&d); out->failed = 1; observed_free(obs); break; }
        for (int c = 0; c < k; c++) {
            double u = 0;
            for (long j = 0; j < r.n; j++) {
                double v = r.theta[j * k + c];
                u += r.weight[j] * (v < truth[c] ? 1 : v == truth[c] ? 0.5 : 0);
            }
            int b = (int)(u * bins);
            count[c * bins + (b < bins ? b : bins - 1)]++;
            out->covered[c] += abc_quantile(&r, c, 0.05) <= truth[c] && truth[c] <= abc_quantile(&r, c, 0.95);
        }
        out->sims += r.simulations;
        out->ess += r.ess / reps;
        abc_result_free(&r);
        observed_free(obs);
    }
    for (int c = 0; c < k; c++) {
        double e = (double)reps / bins, x2 = 0;
        for (int b = 0; b < bins; b++) x2 += (count[c * bins + b] - e) * (count[c * bins + b] - e) / e;
        out->p[c] = gsl_cdf_chisq_Q(x2, bins - 1);
        printf("  %s: bins", uncertainty_path(s->unc, c));
        for (int b = 0; b < bins; b++) printf(" %d", count[c * bins + b]);
        printf("; chi-square %.2f on %d df, p = %.3f; 90%% interval covers %d of %d\n", x2, bins - 1, out->p[c],
               out->covered[c], reps);
    }
    printf("  %d repetitions, %ld simulations, mean ESS %.0f\n", reps, out->sims, out->ess);
    gsl_rng_free(rng);
    free(count);
    diag_clear(&d);
    scenario_free(s);
}

static int passes(const sbc_result *r, double p_min, int cover_lo, int cover_hi)
{
    int ok = !r->failed && r->k > 0;
    for (int c = 0; c < r->k; c++) ok &= r->p[c] > p_min && r->covered[c] >= cover_lo && r->covered[c] <= cover_hi;
    return ok;
}

TEST(sbc_ranks_uniform_and_90_percent_coverage)
{
    sbc_result r;
    sbc(30, 5, 2, 0, &r);
    CHECK(passes(&r, 0.001, 21, 30));
}

TEST(sbc_fails_with_the_kernel_shrunk_100x)
{
    sbc_result r;
    sbc(30, 5, 0.02, 0, &r);
    CHECK(!r.failed && !passes(&r, 0.001, 21, 30));
}

int main(int argc, char **argv)
{
    if ((argc == 3 || argc == 4) && !strcmp(argv[1], "--full")) {
        int n = atoi(argv[2]);
        long particles = argc == 4 ? atol(argv[3]) : 0;   /* 0: the config's */
        /* the binomial 95% range of the covered count around 0.9 n */
        int lo = 0, hi = n;
        while (gsl_cdf_binomial_P((unsigned)lo, 0.9, (unsigned)n) < 0.025) lo++;
        while (hi > 0 && gsl_cdf_binomial_Q((unsigned)(hi - 1), 0.9, (unsigned)n) < 0.025) hi--;
        sbc_result r;
        sbc(n, 10, 2, particles, &r);
        int ok = passes(&r, 0.01, lo, hi);
        printf("SBC %s: %d repetitions, 10 bins, p > 0.01 and coverage in %d..%d of %d\n", ok ? "passed" : "FAILED",
               n, lo, hi, n);
        if (particles) printf("(%ld particles)\n", particles);
        return ok ? 0 : 1;
    }
    RUN(sbc_ranks_uniform_and_90_percent_coverage);
    RUN(sbc_fails_with_the_kernel_shrunk_100x);
    return test_summary();
}
