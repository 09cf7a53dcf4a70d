/* ensemble: replicates across OpenMP threads and MPI ranks (see ensemble.h).
 * Each thread owns one sim and reuses it; each replicate reseeds it from (seed,
 * replicate), so a replicate's numbers never depend on where it ran. */
#include "ensemble.h"
#include "dist.h"
#include "model.h"
#include "qstore.h"
#include "uncertainty.h"
#include <omp.h>
#include <stdlib.h>
#include <string.h>

#define BATCH 16   /* replicates a thread holds before it puts them in the store */

typedef struct {
    ensemble *e;
    qstore *q, *pq;          /* the series' store, the places' */
    int put_q, put_pq;       /* this pass puts into them (a store may take fewer pilot passes) */
    const scenario *s;
    int policy;
    const run_options *o;
    int again;     /* the pilot run again for the store's next block of cells: already in the metrics and waits */
    long done, work;   /* replicate runs done, and to do (counting those again) */
} job;

/* A store written in place (qstore_row) needs no put. */
static void put(job *j, const size_t *ids, const double *batch, const double *pbatch, size_t held, int in_q, int in_pq)
{
    if (j->put_q && !in_q) qstore_put(j->q, ids, batch, held);
    if (j->put_pq && j->pq && !in_pq) qstore_put(j->pq, ids, pbatch, held);
}

/* Runs replicates [from, to). */
static int run_range(job *j, long from, long to)
{
    ensemble *e = j->e;
    const run_options *o = j->o;
    int failed = 0, n = e->cols->n, days = e->days, pn = e->pl ? e->pl->cells : 0;
    size_t cells = (size_t)days * (size_t)n, pcells = (size_t)days * (size_t)pn;
    if (from >= to) return 0;
    /* Uncertain parameters: each thread has its own copy of the scenario, and
     * each replicate writes its set into it and lays out the sim again. */
    const uncertainty *u = o->deterministic ? NULL : j->s->unc;
    /* A replicate's cells go straight into its row of an exact store (saving
     * a copy of the whole store through the batch), else through the batch. */
    int in_q = j->put_q && qstore_row(j->q, (size_t)from), in_pq = j->put_pq && j->pq && qstore_row(j->pq, (size_t)from);
#pragma omp parallel
    {
        scenario *own = u ? uncertainty_clone(j->s) : NULL;
        const scenario *s = own ? own : j->s;
        uncertainty_targets *tg = own ? uncertainty_bind(u, own) : NULL;
        double *x = u ? malloc(sizeof *x * (size_t)uncertainty_count(u)) : NULL;
        /* Each thread's replicates go to the store in batches (see qstore_put). */
        sim *m = u && !tg ? NULL : sim_new(s, j->policy, o->deterministic);
        double *batch = malloc(sizeof *batch * (in_q ? 1 : cells * BATCH));
        double *pbatch = malloc(sizeof *pbatch * (in_pq || !pcells ? 1 : pcells * BATCH));
        size_t ids[BATCH], held = 0;
        double *waits = calloc((size_t)days, sizeof *waits);
        if (!m || !batch || !pbatch || !waits || (u && !x)) {
#pragma omp atomic write
            failed = 1;
        }
#pragma omp for schedule(dynamic, 1)
        for (long r = from; r < to; r++) {
            if (failed || (o->stop && *o->stop)) continue;
            double *mat = in_q ? qstore_row(j->q, (size_t)r) : batch + held * cells;
            double *pmat = in_pq ? qstore_row(j->pq, (size_t)r) : pbatch + held * pcells;
            if (u) {
                uncertainty_draw(u, o->seed, r, x);
                uncertainty_apply(tg, x);
                if (uncertainty_needs_layout(u) && sim_rederive(m) != 0) {
#pragma omp atomic write
                    failed = 1;
                    continue;
                }
            }
            sim_start(m, o->seed, r);
            for (int t = 0; t < days; t++) {
                sim_step(m);
                memcpy(mat + (size_t)t * n, sim_row(m), sizeof *mat * (size_t)n);
                double *today = pmat + (size_t)t * pn;
                if (e->pl) places_day(e->pl, sim_row(m), sim_place_flows(m), t ? today - pn : NULL, today);
            }
            if (!j->again) {
                const double *w = sim_waits(m);
                metrics_compute(e->ms, s, e->cols, scenario_admission(s, j->policy), mat, w, e->metrics + (size_t)r * e->ms->n);
                for (int t = 0; t < days; t++) waits[t] += w[t];
                if (e->pl) places_metrics(e->pl, days, mat, n, pmat, e->pmetrics + (size_t)r * e->pl->n_rows * PLACE_METRICS);
                if (r == 0) memcpy(e->series0, mat, sizeof *mat * cells);
                if (r == 0 && e->pl) memcpy(e->places0, pmat, sizeof *pmat * pcells);
                for (size_t k = 0; k < e->n_keep; k++) e->kept[(size_t)r * e->n_keep + k] = mat[o->keep[k]];
            }
            ids[held] = (size_t)r;
            if (++held == BATCH) put(j, ids, batch, pbatch, held, in_q, in_pq), held = 0;
            long d;
#pragma omp atomic capture
            d = ++j->done;
            if (o->progress && omp_get_thread_num() == 0) o->progress(o->progress_ctx, d, j->work);
        }
        if (held) put(j, ids, batch, pbatch, held, in_q, in_pq);
        /* Waits are whole numbers (or, deterministic, one replicate), so these
         * sums are exact in any order. */
#pragma omp critical
        for (int t = 0; t < days && waits; t++) e->waits[t] += waits[t];
        sim_free(m);
        free(batch);
        free(pbatch);
        free(waits);
        free(x);
        uncertainty_unbind(tg);
        uncertainty_clone_free(own);
    }
    return failed || (o->stop && *o->stop) ? -1 : 0;
}

void ensemble_pilot_split(size_t pilot_bytes, size_t cells, size_t pcells, size_t *series, size_t *places)
{
    double all = (double)(pilot_bytes ? pilot_bytes : QSTORE_PILOT_BYTES), share = (double)cells / (double)(cells + pcells);
    *series = (size_t)(all * share);
    *places = (size_t)all - *series;
    if (*series == 0) *series = 1;   /* 0 would mean the default */
    if (*places == 0) *places = 1;
}

static long lmin(long a, long b) { return a < b ? a : b; }
static long lmax(long a, long b) { return a > b ? a : b; }

ensemble *ensemble_run(const scenario *s, int policy, const run_options *o)
{
    ensemble *e = calloc(1, sizeof *e);
    if (!e) return NULL;
    /* -j holds for every parallel part of the run (replicates, bins, summaries),
     * not only the replicates: -j 1 is one thread throughout. */
    omp_set_num_threads(o->threads > 0 ? o->threads : omp_get_num_procs());
    e->R = o->deterministic ? 1 : o->replicates;
    e->days = (int)s->days;
    e->n_levels = s->quantiles.n;
    e->cols = columns_new(s);
    e->ms = metrics_new(s);
    e->pl = e->cols && !o->no_places ? places_new(s, e->cols) : NULL;
    qstore *q = NULL, *pq = NULL;
    if (!e->cols || !e->ms || (!e->pl && !o->no_places)) goto fail;
    size_t cells = (size_t)e->days * (size_t)e->cols->n;
    e->series0 = calloc(cells, sizeof *e->series0);
    e->metrics = calloc((size_t)e->R * (size_t)e->ms->n, sizeof *e->metrics);
    e->waits = calloc((size_t)e->days, sizeof *e->waits);
    e->n_keep = o->n_keep;
    e->kept = calloc((size_t)e->R * e->n_keep + 1, sizeof *e->kept);
    size_t pcells = e->pl ? (size_t)e->days * (size_t)e->pl->cells : 0, pm = e->pl ? (size_t)e->pl->n_rows * PLACE_METRICS : 0;
    e->places0 = calloc(pcells + 1, sizeof *e->places0);
    e->pmetrics = calloc((size_t)e->R * pm + 1, sizeof *e->pmetrics);
    size_t bytes_q, bytes_pq;
    ensemble_pilot_split(o->pilot_bytes, cells, pcells, &bytes_q, &bytes_pq);
    q = qstore_new(cells, (size_t)e->R, s->quantiles.levels, e->n_levels, bytes_q, !o->local);
    pq = e->pl ? qstore_new(pcells, (size_t)e->R, s->quantiles.levels, e->n_levels, bytes_pq, !o->local) : NULL;
    if (!e->series0 || !e->metrics || !e->waits || !e->kept || !q || !e->places0 || !e->pmetrics || (e->pl && !pq))
        goto fail;
    qstore_stop_on(q, o->stop);
    if (pq) qstore_stop_on(pq, o->stop);

    long first = 0, count = e->R;
    if (!o->local) dist_share(e->R, &first, &count);
    long pilot = (long)qstore_pilot(q), end = first + count, mine = lmax(0, lmin(end, pilot) - first);
    int passes_q = qstore_pilot_passes(q), passes_pq = pq ? qstore_pilot_passes(pq) : 0, bad = 0;
    int passes = passes_q > passes_pq ? passes_q : passes_pq;
    job j = {e, q, pq, 1, 1, s, policy, o, 0, 0, count + (passes - 1) * mine};
    /* The pilot (every replicate when exact), once per block of cells the
     * store takes; every rank takes part in each pass, failed or not, so that
     * the collective calls match. */
    for (int p = 0; p < passes; p++) {
        j.again = p > 0;
        j.put_q = p < passes_q;
        j.put_pq = p < passes_pq;   /* never without the places' store */
        if (!bad) bad = run_range(&j, first, lmin(end, pilot)) != 0;
        if (!o->local && pilot < e->R) {   /* binned: every rank needs the whole pilot for the bins */
            bad = dist_any(bad);
            if (!bad && j.put_q) bad = qstore_share_pilot(q) != 0;
            if (!bad && j.put_pq) bad = qstore_share_pilot(pq) != 0;
        }
        if (!bad && j.put_q) bad = qstore_freeze(q, o->local || dist_rank() == 0) != 0;
        if (!bad && j.put_pq) bad = qstore_freeze(pq, o->local || dist_rank() == 0) != 0;
    }
    j.again = 0;
    j.put_q = j.put_pq = 1;
    if (!bad) bad = run_range(&j, lmax(first, pilot), end) != 0;
    if (!o->local) {
        bad = dist_any(bad);
        if (!bad) {
            dist_gather(e->metrics, sizeof *e->metrics * (size_t)e->ms->n, e->R);
            if (pm) dist_gather(e->pmetrics, sizeof *e->pmetrics * pm, e->R);
            if (e->n_keep) dist_gather(e->kept, sizeof *e->kept * e->n_keep, e->R);
            dist_reduce(e->waits, (size_t)e->days, DIST_DOUBLE, DIST_SUM);
        }
    }
    if (bad) goto fail;
    if (o->progress) o->progress(o->progress_ctx, j.work, j.work);
    e->mean = malloc(sizeof *e->mean * cells);
    e->quant = malloc(sizeof *e->quant * cells * (size_t)e->n_levels);
    e->pmean = malloc(sizeof *e->pmean * (pcells + 1));
    e->pquant = malloc(sizeof *e->pquant * (pcells * (size_t)e->n_levels + 1));
    int got = e->mean && e->quant && e->pmean && e->pquant;
    if (!o->local) bad = dist_any(!got);
    if (bad || !got) goto fail;
    if (o->local ? qstore_summarize(q, s->quantiles.levels, e->n_levels, e->mean, e->quant) ||
                       (pq && qstore_summarize(pq, s->quantiles.levels, e->n_levels, e->pmean, e->pquant))
                 : qstore_summarize_ranks(q, s->quantiles.levels, e->n_levels, e->mean, e->quant) ||
                       (pq && qstore_summarize_ranks(pq, s->quantiles.levels, e->n_levels, e->pmean, e->pquant)))
        goto fail;
    e->rank_error = qstore_rank_error(q);
    e->places_rank_error = pq ? qstore_rank_error(pq) : 0;
    qstore_free(q);
    qstore_free(pq);
    return e;
fail:
    qstore_free(q);
    qstore_free(pq);
    ensemble_free(e);
    return NULL;
}

void ensemble_free(ensemble *e)
{
    if (!e) return;
    columns_free(e->cols);
    metrics_free(e->ms);
    free(e->series0);
    free(e->mean);
    free(e->quant);
    free(e->metrics);
    free(e->waits);
    free(e->kept);
    places_free(e->pl);
    free(e->places0);
    free(e->pmean);
    free(e->pquant);
    free(e->pmetrics);
    free(e);
}
