/* abc: ABC-SMC with an adaptive tolerance (see abc.h and docs/calibration.md). */
#include "abc.h"
#include "dist.h"
#include "model.h"
#include <gsl/gsl_randist.h>
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The proposals' streams: a key of their own, apart from the model's and the priors'. */
enum { STREAM_ABC = STREAM_WALK + 1 };
#define LN_2PI 1.83787706640934548356

/* ---- transformed coordinates: the kernel moves freely in z, the parameter stays in its interval ---- */

static double softplus(double a) { return a > 0 ? a + log1p(exp(-a)) : log1p(exp(a)); }

static double to_z(double x, double lo, double hi)
{
    if (isfinite(lo) && isfinite(hi)) {
        /* a draw on a bound (an integer rounded onto it) is moved just inside */
        double f = fmin(fmax((x - lo) / (hi - lo), 1e-12), 1 - 1e-12);
        return log(f) - log1p(-f);
    }
    if (isfinite(lo)) return log(fmax(x - lo, 1e-12 * fmax(1, fabs(lo))));
    if (isfinite(hi)) return log(fmax(hi - x, 1e-12 * fmax(1, fabs(hi))));
    return x;
}

/* The parameter at z, and log |dx/dz| in *lj. */
static double from_z(double z, double lo, double hi, double *lj)
{
    if (isfinite(lo) && isfinite(hi)) {
        *lj = log(hi - lo) - softplus(z) - softplus(-z);
        return lo + (hi - lo) / (1 + exp(-z));
    }
    if (isfinite(lo)) { *lj = z; return lo + exp(z); }
    if (isfinite(hi)) { *lj = z; return hi - exp(z); }
    *lj = 0;
    return z;
}

/* ---- a population ---- */

typedef struct {
    double *z, *theta, *w, *d;   /* [n k], [n k], [n], [n] */
} population;

static int pop_alloc(population *p, long n, int k)
{
    p->z = malloc(sizeof *p->z * (size_t)(n * k));
    p->theta = malloc(sizeof *p->theta * (size_t)(n * k));
    p->w = malloc(sizeof *p->w * (size_t)n);
    p->d = malloc(sizeof *p->d * (size_t)n);
    return p->z && p->theta && p->w && p->d ? 0 : -1;
}

static void pop_free(population *p)
{
    free(p->z);
    free(p->theta);
    free(p->w);
    free(p->d);
}

/* Normalises log weights lw[n] into w (summing to 1); returns the ESS. */
static double normalise(const double *lw, double *w, long n)
{
    double top = -INFINITY, sum = 0, sq = 0;
    for (long i = 0; i < n; i++) top = fmax(top, lw[i]);
    for (long i = 0; i < n; i++) sum += w[i] = exp(lw[i] - top);
    for (long i = 0; i < n; i++) w[i] /= sum, sq += w[i] * w[i];
    return 1 / sq;
}

/* The ESS of the population reweighted from tolerance 1/b0 to 1/b (into w). */
static double reweighted_ess(const population *p, long n, double b0, double b, double *lw, double *w)
{
    for (long i = 0; i < n; i++) lw[i] = log(p->w[i]) - 0.5 * (b - b0) * p->d[i];
    return normalise(lw, w, n);
}

/* The next inverse tolerance b = 1/eps in (b0, 1]: the one at which the
 * reweighted ESS is `fraction` of the present one (Del Moral et al. 2012), or 1
 * when even 1 keeps more. The ESS falls as b grows; bisection. */
static double next_b(const population *p, long n, double b0, double fraction, double *lw, double *w)
{
    double target = fraction * reweighted_ess(p, n, b0, b0, lw, w);
    if (reweighted_ess(p, n, b0, 1, lw, w) >= target) return 1;
    double lo = b0, hi = 1;
    for (int i = 0; i < 200 && hi - lo > 1e-15 * hi; i++) {
        double mid = 0.5 * (lo + hi);
        if (reweighted_ess(p, n, b0, mid, lw, w) >= target) lo = mid;
        else hi = mid;
    }
    return lo > b0 ? lo : hi;
}

/* The proposal kernel: the mixture sum_j w_j N(z_j, scale Sigma), Sigma the
 * weighted covariance of z; L its Cholesky factor (lower, row-major). */
typedef struct {
    int k;
    long n;
    const double *z, *w;
    double *cum, *L, log_det;   /* log det of L (half that of the covariance) */
} kernel;

static int kernel_make(kernel *K, const population *p, const double *w, long n, int k, double scale)
{
    K->k = k, K->n = n, K->z = p->z, K->w = w;
    K->cum = malloc(sizeof *K->cum * (size_t)n);
    K->L = calloc((size_t)(k * k), sizeof *K->L);
    double *mean = calloc((size_t)k, sizeof *mean), *C = calloc((size_t)(k * k), sizeof *C);
    int rc = K->cum && K->L && mean && C ? 0 : -1;
    for (long i = 0; rc == 0 && i < n; i++) K->cum[i] = (i ? K->cum[i - 1] : 0) + w[i];
    if (rc == 0) K->cum[n - 1] = 1;
    for (long i = 0; rc == 0 && i < n; i++)
        for (int a = 0; a < k; a++) mean[a] += w[i] * p->z[i * k + a];
    for (long i = 0; rc == 0 && i < n; i++)
        for (int a = 0; a < k; a++)
            for (int b = 0; b <= a; b++)
                C[a * k + b] += w[i] * (p->z[i * k + a] - mean[a]) * (p->z[i * k + b] - mean[b]);
    /* Cholesky of scale C; a parameter that no longer varies gets a tiny jitter
     * so that the kernel still has a density. */
    for (int tries = 0; rc == 0 && tries < 30; tries++) {
        double jitter = tries ? 1e-12 * pow(10, tries) : 0, tr = 0;
        for (int a = 0; a < k; a++) tr += C[a * k + a];
        int ok = 1;
        K->log_det = 0;
        for (int a = 0; a < k && ok; a++)
            for (int b = 0; b <= a; b++) {
                double s = scale * C[a * k + b] + (a == b ? jitter * (tr / k + 1e-300) : 0);
                for (int c = 0; c < b; c++) s -= K->L[a * k + c] * K->L[b * k + c];
                if (a == b) {
                    if (!(s > 0)) { ok = 0; break; }
                    K->L[a * k + a] = sqrt(s);
                    K->log_det += log(K->L[a * k + a]);
                } else K->L[a * k + b] = s / K->L[b * k + b];
            }
        if (ok) break;
        if (tries == 29) rc = -1;
    }
    free(mean);
    free(C);
    return rc;
}

static void kernel_free(kernel *K)
{
    free(K->cum);
    free(K->L);
}

/* log sum_j w_j N(z; z_j, L L') */
static double kernel_log_density(const kernel *K, const double *z, double *v)
{
    int k = K->k;
    double top = -INFINITY, sum = 0;
    for (int pass = 0; pass < 2; pass++)
        for (long j = 0; j < K->n; j++) {
            if (!(K->w[j] > 0)) continue;
            double q = 0;
            for (int a = 0; a < k; a++) {   /* v = L^-1 (z - z_j) */
                double s = z[a] - K->z[j * k + a];
                for (int c = 0; c < a; c++) s -= K->L[a * k + c] * v[c];
                v[a] = s / K->L[a * k + a];
                q += v[a] * v[a];
            }
            double l = log(K->w[j]) - 0.5 * q;
            if (pass == 0) top = fmax(top, l);
            else sum += exp(l - top);
        }
    return top + log(sum) - K->log_det - 0.5 * k * LN_2PI;
}

static long pick(const kernel *K, double u)
{
    long lo = 0, hi = K->n - 1;
    while (lo < hi) {
        long mid = lo + (hi - lo) / 2;
        if (K->cum[mid] > u) hi = mid;
        else lo = mid + 1;
    }
    return lo;
}

/* A candidate's row: z[k], theta[k], then D, accepted, simulated, log prior in z. */
enum { C_D, C_ACCEPTED, C_SIMULATED, C_LOGPZ, C_EXTRA };

typedef struct {
    const abc_model *m;
    const abc_options *o;
    void **state;               /* [threads] */
    int failed;
} runner;

/* Proposes, simulates and accepts candidates c = base + i for this rank's i of
 * [0, n), into rows (width 2k + C_EXTRA); then every rank holds all of them.
 * floor_d: D0, the least D of the last population. */
static int run_round(runner *R, const kernel *K, double b, double floor_d, unsigned long gseed, long base, long n,
                     double *rows)
{
    const abc_model *m = R->m;
    int k = m->k, width = 2 * k + C_EXTRA;
    long first, count;
    dist_share(n, &first, &count);
#pragma omp parallel
    {
        int t = omp_get_thread_num();
        if (!R->state[t]) R->state[t] = m->thread_new(m->ctx);
        gsl_rng *rng = gsl_rng_alloc(SIM_GENERATOR_TYPE);
        if (!R->state[t] || !rng) {
#pragma omp atomic write
            R->failed = 1;
        }
#pragma omp for schedule(dynamic, 1)
        for (long i = first; i < first + count; i++) {
            if (R->failed || (R->o->stop && *R->o->stop)) continue;   /* stopped: the round is dropped */
            long c = base + i;
            double *row = rows + i * width, *z = row, *theta = row + k, *x = row + 2 * k;
            gsl_rng_set(rng, sim_stream_seed(gseed, c, STREAM_ABC));
            double lj = 0, l;
            if (!K) {
                m->prior_draw(m->ctx, rng, theta);
                for (int a = 0; a < k; a++) z[a] = to_z(theta[a], m->lo[a], m->hi[a]);
            } else {
                long j = pick(K, gsl_rng_uniform(rng));
                for (int a = 0; a < k; a++) z[a] = K->z[j * k + a];
                for (int a = 0; a < k; a++) {
                    double g = gsl_ran_ugaussian(rng);
                    for (int c2 = a; c2 < k; c2++) z[c2] += K->L[c2 * k + a] * g;
                }
            }
            for (int a = 0; a < k; a++) {
                double ta = from_z(z[a], m->lo[a], m->hi[a], &l);
                if (K) theta[a] = ta;
                lj += l;
            }
            x[C_LOGPZ] = m->log_prior(m->ctx, theta) + lj;
            x[C_ACCEPTED] = x[C_SIMULATED] = 0;
            x[C_D] = INFINITY;
            if (!isfinite(x[C_LOGPZ])) continue;   /* outside the prior: no simulation */
            x[C_D] = m->distance(R->state[t], theta, gseed, c);
            x[C_SIMULATED] = 1;
            /* Accepted with a = min(1, exp(-b (D - D0) / 2)) and weighted by
             * exp(-b (D - D0) / 2) / a: the kernel exp(-b D / 2) up to a constant,
             * exactly, with no proposal lost to a constant D0 that no set can beat. */
            double u = gsl_rng_uniform(rng), l2 = -0.5 * b * (x[C_D] - floor_d);
            x[C_ACCEPTED] = isfinite(x[C_D]) && u < exp(fmin(l2, 0));
            if (l2 > 0) x[C_LOGPZ] += l2;
        }
        gsl_rng_free(rng);
    }
    if (dist_any(R->failed)) return -1;
    return dist_allgather(rows, sizeof *rows * (size_t)width, n, n);
}

int abc_run(const abc_model *m, const abc_options *o, abc_result *r)
{
    memset(r, 0, sizeof *r);
    long N = o->particles;
    int k = m->k, width = 2 * k + C_EXTRA;
    omp_set_num_threads(o->threads > 0 ? o->threads : omp_get_num_procs());
    int T = omp_get_max_threads();
    runner R = {m, o, calloc((size_t)T, sizeof(void *)), 0};
    population cur = {0}, nxt = {0};
    double *rows = malloc(sizeof *rows * (size_t)(N * width));
    double *lw = malloc(sizeof *lw * (size_t)N), *w = malloc(sizeof *w * (size_t)N);
    int rc = -1, have = 0;
    if (!R.state || !rows || !lw || !w || pop_alloc(&cur, N, k) || pop_alloc(&nxt, N, k)) goto done;
    double b = 0;   /* 1 / the present tolerance */
    r->stop = "generations";
    for (int g = 0; g <= o->max_generations; g++) {
        if (g > 0 && b >= 1) { r->stop = "converged"; break; }
        double nb = g == 0 ? 0 : next_b(&cur, N, b, o->ess_fraction, lw, w);
        if (g > 0) reweighted_ess(&cur, N, b, nb, lw, w);   /* w: the particles' weights at nb */
        kernel K = {0};
        /* the proposal mixes the present particles at their weights for nb (in w) */
        if (g > 0 && kernel_make(&K, &cur, w, N, k, o->kernel_scale) != 0) { kernel_free(&K); goto done; }
        unsigned long gseed = sim_stream_seed(o->seed, g, STREAM_ABC);
        double floor_d = INFINITY;
        for (long i = 0; g > 0 && i < N; i++) floor_d = fmin(floor_d, cur.d[i]);
        if (g == 0) floor_d = 0;
        long accepted = 0, last = -1, max_candidates = (long)ceil((double)N / o->min_acceptance);
        int complete = 0;
        for (long round = 0; !complete; round++) {
            if (o->stop && dist_any(*o->stop != 0)) { r->stop = "interrupted"; kernel_free(&K); goto done; }
            if (r->simulations + N > o->max_simulations) { r->stop = "budget"; break; }
            if (round * N >= max_candidates) { r->stop = "acceptance"; break; }
            if (run_round(&R, g ? &K : NULL, nb, floor_d, gseed, round * N, N, rows) != 0) { kernel_free(&K); goto done; }
            if (o->stop && dist_any(*o->stop != 0)) { r->stop = "interrupted"; kernel_free(&K); goto done; }
            for (long i = 0; i < N; i++) {
                const double *x = rows + i * width + 2 * k;
                r->simulations += (long)x[C_SIMULATED];
                if (!x[C_ACCEPTED] || accepted == N) continue;
                memcpy(nxt.z + accepted * k, rows + i * width, sizeof *nxt.z * (size_t)k);
                memcpy(nxt.theta + accepted * k, rows + i * width + k, sizeof *nxt.theta * (size_t)k);
                nxt.d[accepted] = x[C_D];
                lw[accepted] = x[C_LOGPZ];
                if (++accepted == N) last = round * N + i, complete = 1;
            }
        }
        if (!complete) { kernel_free(&K); break; }   /* the last whole population stands */
        /* Weights: prior_z(z) / sum_j w_j K(z | z_j); 1 for the prior's draws. */
        if (g > 0) {
            int failed = 0;
#pragma omp parallel
            {
                double *v = malloc(sizeof *v * (size_t)k);
                if (!v) {
#pragma omp atomic write
                    failed = 1;
                }
#pragma omp for schedule(static)
                for (long i = 0; i < N; i++)
                    if (v) lw[i] -= kernel_log_density(&K, nxt.z + i * k, v);
                free(v);
            }
            if (failed) { kernel_free(&K); goto done; }
        } else {
            for (long i = 0; i < N; i++) lw[i] = 0;
        }
        kernel_free(&K);
        r->ess = normalise(lw, nxt.w, N);
        population swap = cur;
        cur = nxt, nxt = swap;
        have = 1;
        b = nb;
        r->generations = g;
        r->acceptance = (double)N / (double)(last + 1);
        r->epsilon = b > 0 ? 1 / b : INFINITY;
        if (o->verbose && dist_rank() == 0)
            fprintf(stderr, "abc: generation %d: tolerance %.6g, acceptance %.4f, ESS %.1f, %ld simulations\n", g,
                    r->epsilon, r->acceptance, r->ess, r->simulations);
        if (g == o->max_generations && b < 1) r->stop = "generations";
        if (b >= 1) r->stop = "converged";
    }
    if (!have) goto done;
    r->n = N, r->k = k;
    r->theta = cur.theta, r->weight = cur.w, r->distance = cur.d;
    cur.theta = cur.w = cur.d = NULL;
    rc = 0;
done:
    for (int t = 0; R.state && t < T; t++)
        if (R.state[t]) m->thread_free(R.state[t]);
    free(R.state);
    pop_free(&cur);
    pop_free(&nxt);
    free(rows);
    free(lw);
    free(w);
    return rc;
}

void abc_result_free(abc_result *r)
{
    free(r->theta);
    free(r->weight);
    free(r->distance);
    memset(r, 0, sizeof *r);
}

typedef struct { double v, w; } vw;
static int by_value(const void *a, const void *b)
{
    double x = ((const vw *)a)->v, y = ((const vw *)b)->v;
    return (x > y) - (x < y);
}

double abc_quantile(const abc_result *r, int c, double q)
{
    vw *p = malloc(sizeof *p * (size_t)r->n);
    if (!p) return NAN;
    for (long i = 0; i < r->n; i++) p[i] = (vw){r->theta[i * r->k + c], r->weight[i]};
    qsort(p, (size_t)r->n, sizeof *p, by_value);
    double acc = 0, v = p[r->n - 1].v;
    for (long i = 0; i < r->n; i++)
        if ((acc += p[i].w) >= q * (1 - 1e-12)) { v = p[i].v; break; }
    free(p);
    return v;
}

double abc_mean(const abc_result *r, int c)
{
    double s = 0;
    for (long i = 0; i < r->n; i++) s += r->weight[i] * r->theta[i * r->k + c];
    return s;
}
