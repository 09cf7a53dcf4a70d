/* chisq: the chi-square test the sampler tests share (tests/unit_stats.c,
 * tests/unit_samplers.c). */
#ifndef CAMPSIM_TESTS_CHISQ_H
#define CAMPSIM_TESTS_CHISQ_H
#include <gsl/gsl_cdf.h>
#include <stddef.h>

/* The p-value of a chi-square test of counts seen[k] of the values lo + k
 * (k < K; the first and last classes hold the tails) against N draws from a
 * distribution with probability pmf(x) and tails cdf_P(x) = P(X <= x) and
 * cdf_Q(x) = P(X >= x); classes are pooled until each expects at least 5. */
typedef double (*prob_fn)(double x, const double *par);
static inline double chi_square_pvalue(const double *seen, double lo, size_t K, int N, const double *par,
                                prob_fn pmf, prob_fn cdf_P, prob_fn cdf_Q)
{
    double chi2 = 0, obs = 0, exp_ = 0;
    int dof = -1;
    for (size_t k = 0; k < K; k++) {
        double x = lo + (double)k;
        obs += seen[k];
        exp_ += N * (k == 0 ? cdf_P(x, par) : k == K - 1 ? cdf_Q(x, par) : pmf(x, par));
        if (exp_ >= 5 || k == K - 1) {
            chi2 += (obs - exp_) * (obs - exp_) / exp_;
            dof++;
            obs = exp_ = 0;
        }
    }
    return dof > 0 ? gsl_cdf_chisq_Q(chi2, dof) : 1;
}

#endif
