/* ensemble: replicates across OpenMP threads (see ensemble.h). Each thread owns
 * one sim and reuses it; each replicate reseeds it from (seed, replicate), so a
 * replicate's numbers never depend on which thread ran it. */
#include "ensemble.h"
#include "model.h"
#include <omp.h>
#include <stdlib.h>
#include <string.h>

static int run_range(ensemble *e, const scenario *s, int policy, const run_options *o, long from, long to,
                     long *done)
{
    int failed = 0;
    int n = e->cols->n, days = e->days;
#pragma omp parallel num_threads(o->threads > 0 ? o->threads : omp_get_num_procs())
    {
        sim *m = sim_new(s, policy, o->deterministic);
        double *mat = malloc(sizeof *mat * (size_t)days * (size_t)n);
        double *waits = calloc((size_t)days, sizeof *waits);
        if (!m || !mat || !waits) {
#pragma omp atomic write
            failed = 1;
        }
#pragma omp for schedule(dynamic, 1)
        for (long r = from; r < to; r++) {
            if (failed || (o->stop && *o->stop)) continue;
            sim_start(m, o->seed, r);
            for (int t = 0; t < days; t++) {
                sim_step(m);
                memcpy(mat + (size_t)t * n, sim_row(m), sizeof *mat * (size_t)n);
            }
            const double *w = sim_waits(m);
            metrics_compute(e->ms, s, e->cols, e->camp, mat, w, e->metrics + (size_t)r * e->ms->n);
            for (int t = 0; t < days; t++) waits[t] += w[t];
            if (r == 0) memcpy(e->series0, mat, sizeof *mat * (size_t)days * (size_t)n);
            if (qstore_put(e->q, (size_t)r, mat) != 0) {
#pragma omp atomic write
                failed = 1;
            }
            long d;
#pragma omp atomic capture
            d = ++*done;
            if (o->progress && omp_get_thread_num() == 0) o->progress(o->progress_ctx, d, e->R);
        }
        /* Waits are whole numbers (or, deterministic, a single replicate), so
         * these sums are exact in any order. */
#pragma omp critical
        for (int t = 0; t < days && waits; t++) e->waits[t] += waits[t];
        sim_free(m);
        free(mat);
        free(waits);
    }
    return failed ? -1 : 0;
}

ensemble *ensemble_run(const scenario *s, int policy, const run_options *o)
{
    ensemble *e = calloc(1, sizeof *e);
    if (!e) return NULL;
    e->R = o->deterministic ? 1 : o->replicates;
    e->first = 0;
    e->count = e->R;
    e->days = (int)s->days;
    e->camp = scenario_admission(s, policy)->camp;
    e->cols = columns_new(s);
    e->ms = metrics_new(s);
    if (!e->cols || !e->ms) goto fail;
    size_t cells = (size_t)e->days * (size_t)e->cols->n;
    e->series0 = calloc(cells, sizeof *e->series0);
    e->metrics = calloc((size_t)e->R * (size_t)e->ms->n, sizeof *e->metrics);
    e->waits = calloc((size_t)e->days, sizeof *e->waits);
    e->q = qstore_new(cells, (size_t)e->R);
    if (!e->series0 || !e->metrics || !e->waits || !e->q) goto fail;
    long done = 0, pilot = (long)qstore_pilot_size(e->q);
    if (run_range(e, s, policy, o, 0, pilot, &done) != 0) goto fail;
    if (qstore_freeze(e->q) != 0) goto fail;
    if (run_range(e, s, policy, o, pilot, e->R, &done) != 0) goto fail;
    if (o->stop && *o->stop) goto fail;
    if (o->progress) o->progress(o->progress_ctx, e->R, e->R);
    return e;
fail:
    ensemble_free(e);
    return NULL;
}

void ensemble_free(ensemble *e)
{
    if (!e) return;
    columns_free(e->cols);
    metrics_free(e->ms);
    free(e->series0);
    free(e->metrics);
    free(e->waits);
    qstore_free(e->q);
    free(e);
}
