/* abc: ABC-SMC, the population Monte Carlo sampler of Beaumont et al. (2009)
 * (Toni et al. 2009), with the tolerance schedule of Del Moral et al. (2012).
 * It knows nothing of the model: a caller gives a prior (draw, log density,
 * bounds) and a simulator that returns the deviance D >= 0 of one simulation
 * (obsmodel_distance). Formulas and the reasons for them: docs/calibration.md.
 *
 * Generation t accepts a proposal with probability exp(-D / (2 eps_t)) (a
 * Gaussian ABC kernel on the deviance; eps_0 = infinity is the prior). At eps
 * = 1 the kernel is the observation model's likelihood ratio, so the final
 * population is the exact posterior under that model (Wilkinson 2013). A
 * proposal is a particle j of the last population picked by weight and moved
 * by a Gaussian of twice its weighted covariance in transformed coordinates
 * (log for a positive parameter, logit for a bounded one); its weight is
 * prior_z(z) / sum_j w_j N(z; z_j, 2 Sigma).
 *
 * Candidate c of generation t has its own stream from (seed, t, c), c = attempt
 * * particles + particle: it is proposed, simulated and accepted the same way
 * on any thread or MPI rank, and the first `particles` accepted in the order of
 * c make the population. */
#ifndef CAMPSIM_ABC_H
#define CAMPSIM_ABC_H
#include <signal.h>
#include <gsl/gsl_rng.h>

typedef struct {
    int k;                        /* parameters */
    const double *lo, *hi;        /* [k]: each one's interval (infinite ends allowed) */
    void *ctx;
    void (*prior_draw)(void *ctx, gsl_rng *rng, double *theta);
    double (*log_prior)(void *ctx, const double *theta);   /* -INFINITY outside the support */
    /* Per-thread simulator state (made once per thread, freed at the end). */
    void *(*thread_new)(void *ctx);
    void (*thread_free)(void *state);
    /* D of one simulation at theta whose streams are (seed, index); INFINITY
     * when it cannot run. */
    double (*distance)(void *state, const double *theta, unsigned long seed, long index);
} abc_model;

typedef struct {
    long particles;
    double ess_fraction;          /* next eps keeps this share of the ESS */
    double min_acceptance;        /* stop when a generation accepts less */
    long max_simulations;         /* budget */
    int max_generations;
    double kernel_scale;          /* the kernel's covariance over the particles' (2) */
    unsigned long seed;
    int threads;                  /* 0: all cores */
    int verbose;                  /* 1: a line per generation on stderr */
    volatile sig_atomic_t *stop;  /* NULL, or a flag (interrupt.h) that stops the sampler between rounds */
} abc_options;

typedef struct {
    long n;                       /* particles */
    int k;
    double *theta;                /* [n * k], particle-major */
    double *weight;               /* [n], summing to 1 */
    double *distance;             /* [n]: each particle's D */
    double epsilon;               /* the final population's tolerance (1: the exact posterior) */
    double ess;                   /* (sum w)^2 / sum w^2 */
    double acceptance;            /* the final generation's acceptance rate */
    int generations;              /* after the prior's */
    long simulations;             /* in all */
    const char *stop;             /* why it stopped: "converged", "acceptance", "budget", "generations" */
} abc_result;

/* Runs the sampler (collectively on every MPI rank; every rank gets the same
 * result). Returns 0, or -1 when out of memory or when not even the prior's
 * population could be made (every simulation failed or the budget is below
 * one population). */
int abc_run(const abc_model *m, const abc_options *o, abc_result *r);
void abc_result_free(abc_result *r);

/* The q-quantile of column c of the weighted particles: the smallest value
 * whose particles at or below it hold at least q of the weight. */
double abc_quantile(const abc_result *r, int c, double q);
double abc_mean(const abc_result *r, int c);

#endif
