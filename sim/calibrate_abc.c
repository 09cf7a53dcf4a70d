/* calibrate_abc: `campsim calibrate`'s default method, ABC-SMC (abcfit.h): the
 * config's priors (and --fit PATH=LO:HI as uniform priors) fitted to the
 * observations. Writes posterior.csv (the weighted particles), calibration.csv
 * (each parameter's posterior summary) and calibrated.cfg, whose uncertainty is
 * that posterior, so that `campsim run calibrated.cfg` is the posterior
 * predictive ensemble. */
#include "abcfit.h"
#include "calibrate_abc.h"
#include "cfgwrite.h"
#include "cli.h"
#include "setpath.h"
#include "dist.h"
#include "interrupt.h"
#include "outdir.h"
#include "output.h"
#include "params.h"
#include "prior.h"
#include "uncertainty.h"
#include <errno.h>
#include <libconfig.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --fit PATH[=LO:HI],...: a uniform prior on each (the table's range when none
 * is given, which must then be finite), replacing the config's prior on the
 * same path. The scenario's uncertain set is resolved again. */
static int add_fit_priors(scenario *s, const cli_options *o, diag *d)
{
    char *list = strdup(o->fit), *save = NULL;
    prior_cfg *all = arena_alloc(&s->mem, sizeof *all * (size_t)(s->n_priors + strlen(o->fit) + 1));
    if (!list || !all) { free(list); diag_add(d, "out of memory"); return -1; }
    int n = 0;
    for (int i = 0; i < s->n_priors; i++) all[n++] = s->priors[i];
    size_t before = d->n;
    for (char *tok = strtok_r(list, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        char path[256];
        double lo = NAN, hi = NAN;
        int range = cli_parse_range(tok, path, sizeof path, &lo, &hi);
        const param *pm = range >= 0 ? params_lookup(path) : NULL;
        if (range < 0) { diag_add(d, "campsim calibrate: --fit %s: not PATH or PATH=LO:HI with LO < HI", tok); continue; }
        char why[SETPATH_MAX + 200];
        if (!pm || (pm->type != P_FLOAT && pm->type != P_INT) || isnan(params_value(s, path))) {
            if (setpath_explain(s, path, why, sizeof why) == 0) snprintf(why, sizeof why, "not a numeric setting");
            diag_add(d, "campsim calibrate: --fit %s: %s: %s (see campsim --help-keys)", path, o->config, why);
            continue;
        }
        if (range == 0) lo = pm->lo, hi = pm->hi;
        if (!(hi < 1e8)) {
            diag_add(d, "campsim calibrate: --fit %s: ABC-SMC needs a finite range (PATH=LO:HI) or a prior", path);
            continue;
        }
        int at = n;
        for (int i = 0; i < n; i++)
            if (setpath_same(s, all[i].path, path)) at = i;
        if (at >= s->n_priors && at < n) {   /* an earlier --fit, not the config's prior it replaces */
            diag_add(d, "campsim calibrate: --fit %s: the same setting as --fit %s", path, all[at].path);
            continue;
        }
        all[at] = (prior_cfg){.path = arena_strdup(&s->mem, path), .dist = PRIOR_UNIFORM, .lo = lo, .hi = hi,
                              .mean = NAN, .sd = NAN, .median = NAN, .sd_log = NAN, .a = NAN, .b = NAN,
                              .shape = NAN, .scale = NAN};
        if (at == n) n++;
    }
    free(list);
    if (d->n > before) return -1;
    s->priors = all;
    s->n_priors = n;
    uncertainty_free(s->unc);
    s->unc = NULL;
    const char **set_paths = calloc((size_t)o->n_sets + 1, sizeof *set_paths);
    if (!set_paths) { diag_add(d, "out of memory"); return -1; }
    for (int i = 0; i < o->n_sets; i++) set_paths[i] = o->sets[i].path;
    int rc = uncertainty_resolve(s, set_paths, o->n_sets, d);
    free(set_paths);
    return rc;
}

/* "lower" or "upper" when the posterior piles on a finite end of its prior:
 * its 5% (95%) quantile within 1% of the prior's central 98% (its 1% to 99%
 * quantiles) from that end. A prior whose density vanishes at the end (a
 * log-normal's 0) is never flagged unless the posterior crowds into the end. */
static const char *piles_on(const uncertainty *u, int i, double q05, double q95)
{
    double lo, hi;
    uncertainty_prior_bounds(u, i, &lo, &hi);
    double width = uncertainty_prior_quantile(u, i, 0.99) - uncertainty_prior_quantile(u, i, 0.01);
    if (isfinite(lo) && q05 - lo <= 0.01 * width) return "lower";
    if (isfinite(hi) && hi - q95 <= 0.01 * width) return "upper";
    return "";
}

static FILE *open_in(const char *dir, const char *name, char *path, size_t n, diag *d)
{
    snprintf(path, n, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f) diag_add(d, "%s: cannot write: %s", path, strerror(errno));
    return f;
}

static void describe(FILE *f, const char *lead, const abc_result *r)
{
    fprintf(f, "%sABC-SMC: %d generation(s) after the prior's, %ld simulations, final tolerance %.6g%s, "
               "acceptance %.4f, ESS %.1f of %ld particles, stopped: %s\n",
            lead, r->generations, r->simulations, r->epsilon, r->epsilon == 1 ? " (the exact posterior)" : "",
            r->acceptance, r->ess, r->n, r->stop);
}

static int write_outputs(const char *dir, const scenario *s, const cli_options *o, const abc_result *r, diag *d)
{
    const uncertainty *u = s->unc;
    int k = r->k;
    char path[4400];
    FILE *f = open_in(dir, "posterior.csv", path, sizeof path, d);
    if (!f) return -1;
    fputs("particle,weight", f);
    for (int i = 0; i < k; i++) fprintf(f, ",%s", uncertainty_path(u, i));
    fputs(",distance\n", f);
    for (long j = 0; j < r->n; j++) {   /* 17 digits: a particle read back is the one that ran */
        fprintf(f, "%ld,%.17g", j, r->weight[j]);
        for (int i = 0; i < k; i++) fprintf(f, ",%.17g", r->theta[j * k + i]);
        fprintf(f, ",%.17g\n", r->distance[j]);
    }
    if (output_close(f, path, d)) return -1;

    if (!(f = open_in(dir, "calibration.csv", path, sizeof path, d))) return -1;
    fputs("parameter,start,fitted,lower,upper,at_bound,mean,median,p05,p50,p95,ess\n", f);
    double *central = malloc(sizeof *central * (size_t)k);
    if (!central) { fclose(f); diag_add(d, "out of memory"); return -1; }
    uncertainty_central(u, central);
    for (int i = 0; i < k; i++) {
        double lo, hi, q05 = abc_quantile(r, i, 0.05), q50 = abc_quantile(r, i, 0.5), q95 = abc_quantile(r, i, 0.95);
        uncertainty_prior_bounds(u, i, &lo, &hi);
        fprintf(f, "%s,%.12g,%.12g,%.12g,%.12g,%s,%.12g,%.12g,%.12g,%.12g,%.12g,%.6g\n", uncertainty_path(u, i),
                central[i], q50, lo, hi, piles_on(u, i, q05, q95), abc_mean(r, i), q50, q05, q50, q95, r->ess);
    }
    free(central);
    if (output_close(f, path, d)) return -1;

    /* calibrated.cfg: the config, its priors replaced by the posterior */
    config_t *tree = s->tree;
    config_setting_remove(config_root_setting(tree), "uncertainty");
    config_setting_t *g = config_setting_add(config_root_setting(tree), "uncertainty", CONFIG_TYPE_GROUP);
    config_setting_t *p = g ? config_setting_add(g, "posterior", CONFIG_TYPE_STRING) : NULL;
    if (!p || config_setting_set_string(p, "posterior.csv") != CONFIG_TRUE) { diag_add(d, "out of memory"); return -1; }
    if (!(f = open_in(dir, "calibrated.cfg", path, sizeof path, d))) return -1;
    fprintf(f, "# Calibrated by campsim %s from %s\n# to the observations in %s (targets: calibration.targets)\n# ",
            CAMPSIM_VERSION, o->config, o->observed);
    describe(f, "", r);
    fputs("# uncertainty: the posterior's weighted particles (posterior.csv, beside this file); each replicate of\n"
          "# `campsim run` on this file draws one, so its ensemble is the posterior predictive.\n", f);
    cfgwrite(tree, f);   /* every float as exact as it is */
    if (output_close(f, path, d)) return -1;

    /* provenance.txt: the run's facts and the sampler's, instead of # lines in the CSV files */
    char what[1024];
    FILE *m = fmemopen(what, sizeof what, "w");
    if (!m) { diag_add(d, "out of memory"); return -1; }
    fprintf(m, "observations: %s\n", o->observed);
    describe(m, "calibration: ", r);
    fclose(m);
    output_info info = {s, NULL, (unsigned long)s->seed, s->replicates, o->deterministic, NULL, o->command};
    return output_provenance(dir, &info, what, d);
}

int calibrate_abc(cli_options *o)
{
    if (o->fixed) {
        fprintf(stderr, "campsim calibrate: --fixed: ABC-SMC fits the uncertain settings, so they cannot be fixed\n");
        return 2;
    }
    diag d = {0};
    scenario *s = scenario_load(o->config, o->sets, o->n_sets, &d);
    observations *obs = s ? observed_read(o->observed, &d) : NULL;
    if (s && obs && o->fit) add_fit_priors(s, o, &d);
    abc_options ao;
    abc_result r = {0};
    int rc = 2;
    /* Where the results go, checked and made before anything is simulated. */
    char final[4096], tmp[4200] = "";
    int root = dist_rank() == 0;
    if (s && obs && d.n == 0 &&
        dist_any(root && (cli_out_prepare(o, "calibrate", final, sizeof final) != 0 ||
                          output_begin(final, tmp, sizeof tmp, &d) != 0)))
        goto done;
    if (s && obs && d.n == 0) {
        abcfit_options(s, o->threads, &ao);
        ao.verbose = !o->quiet;
        ao.stop = interrupt_catch();
        rc = abcfit_run(s, obs, &ao, o->deterministic, &r, &d);
        if (rc && *ao.stop) {
            if (root) fprintf(stderr, "campsim calibrate: " INTERRUPT_MESSAGE "\n");
            rc = 1;
        }
    }
    if (rc == 0 && root) {
        rc = 1;
        if (write_outputs(tmp, s, o, &r, &d) == 0 && output_commit(tmp, final, o->force, &d) == 0) rc = 0;
        if (rc == 0) {
            printf("calibrated %d setting(s) to %s by ABC-SMC: ", r.k, o->observed);
            describe(stdout, "", &r);
            printf("%-40s %12s %12s %12s %12s %8s\n", "parameter", "mean", "p05", "median", "p95", "at_bound");
            for (int i = 0; i < r.k; i++) {
                double q05 = abc_quantile(&r, i, 0.05), q95 = abc_quantile(&r, i, 0.95);
                const char *b = piles_on(s->unc, i, q05, q95);
                printf("%-40s %12.6g %12.6g %12.6g %12.6g %8s\n", uncertainty_path(s->unc, i), abc_mean(&r, i), q05,
                       abc_quantile(&r, i, 0.5), q95, b);
                if (*b)
                    fprintf(stderr, "campsim calibrate: warning: the posterior of %s piles on its prior's %s bound: "
                            "the data may want a value beyond it; widen the prior or question the model\n",
                            uncertainty_path(s->unc, i), b);
            }
            if (r.epsilon != 1)
                fprintf(stderr, "campsim calibrate: warning: stopped (%s) at tolerance %.6g before reaching 1: the "
                        "posterior is wider than the exact one (calibration.abc in docs/calibration.md)\n", r.stop,
                        r.epsilon);
            if (!o->quiet) fprintf(stderr, "results in %s/\n", final);
        }
    }
done:
    if (root && rc && *tmp) output_abort(tmp);
    diag_print(&d);
    diag_clear(&d);
    abc_result_free(&r);
    observed_free(obs);
    scenario_free(s);
    return rc;
}
