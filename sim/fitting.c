/* fitting: observations against an ensemble (see fitting.h). */
#include "fitting.h"
#include <libconfig.h>
#include <stdlib.h>
#include <string.h>

int fitting_rows(const scenario *s, const observations *obs, const ensemble *e, fit_row **rows, size_t *n,
                 diag *d)
{
    *rows = NULL;
    *n = 0;
    if (s->n_targets == 0) {
        diag_add(d, "%s: calibration.targets: none, so no observation is compared with the run", s->path);
        return -1;
    }
    fit_row *r = calloc(obs->n * (size_t)s->n_targets + 1, sizeof *r);
    if (!r) { diag_add(d, "out of memory"); return -1; }
    size_t k = 0;
    int bad = 0;
    for (int t = 0; t < s->n_targets; t++) {
        const target_cfg *tg = &s->targets[t];
        int col = columns_find(e->cols, tg->series);
        if (col < 0) {
            char path[64];
            snprintf(path, sizeof path, "calibration.targets.[%d].series", t);
            const char *file;
            int line = scenario_where(s, path, &file);
            diag_at(d, file, line, path, "no series column is named '%s'",
                    tg->series);
            bad = 1;
            continue;
        }
        for (size_t i = 0; i < obs->n; i++) {
            const observation *o = &obs->v[i];
            long day = o->day - s->start;
            if (strcmp(o->site, tg->site) || strcmp(o->variable, tg->variable)) continue;
            if (day < tg->from || day > tg->to || day < 0 || day >= s->days) continue;
            size_t cell = (size_t)day * (size_t)e->cols->n + (size_t)col;
            int top = e->n_levels - 1;
            r[k] = (fit_row){.day = o->day, .site = o->site, .variable = o->variable, .series = tg->series,
                             .observed = o->value, .low = o->low, .high = o->high, .has_value = o->has_value,
                             .has_low = o->has_low, .has_high = o->has_high,
                             .sim_mean = e->mean[cell],
                             .sim_lo = e->quant[ensemble_q(e, (int)day, col, 0)],
                             .sim_hi = e->quant[ensemble_q(e, (int)day, col, top)],
                             .weight = tg->weight};
            k++;
        }
    }
    if (bad) { free(r); return -1; }
    *rows = r;
    *n = k;
    return 0;
}
