/* places: the series by place (see places.h). */
#include "places.h"
#include <stdlib.h>
#include <string.h>

/* Which columns apply to sites and to camps. */
static const unsigned char site_cols[PLACE_COLUMNS] = {
    [PF_ARRIVALS] = 1, [PF_RETURNED] = 1, [PF_ADMITTED] = 1, [PF_BIRTHS] = 1, [PF_DEATHS] = 1, [PF_LEFT] = 1,
    [PL_PEOPLE] = 1, [PL_CUM_ARRIVALS] = 1, [PL_CUM_ADMITTED] = 1, [PL_CUM_DEATHS] = 1,
};
static const unsigned char camp_cols[PLACE_COLUMNS] = {
    [PF_RETURNED] = 1, [PF_ENTRIES] = 1, [PF_BIRTHS] = 1, [PF_DEATHS] = 1, [PF_LEFT] = 1,
    [PL_PEOPLE] = 1, [PL_CAPACITY] = 1, [PL_CUM_ENTRIES] = 1, [PL_CUM_DEATHS] = 1,
};
/* The flow each running total adds up. */
static const int cum_of[PLACE_COLUMNS] = {
    [PL_CUM_ARRIVALS] = PF_ARRIVALS, [PL_CUM_ADMITTED] = PF_ADMITTED, [PL_CUM_ENTRIES] = PF_ENTRIES,
    [PL_CUM_DEATHS] = PF_DEATHS,
};

static int is_site(place_kind k) { return k == PLACE_SITE || k == PLACE_ALL_SITES; }

const char *places_kind_name(place_kind k)
{
    static const char *const names[] = {"site", "sites", "camp", "camps"};
    return names[k];
}

int places_metric_applies(place_kind k, int m)
{
    return (is_site(k) ? places_metric_defs[m].site : places_metric_defs[m].camp) != NULL;
}

const char *places_metric_name(place_kind k, int m)
{
    return is_site(k) ? places_metric_defs[m].site : places_metric_defs[m].camp;
}

places *places_new(const scenario *s)
{
    places *p = calloc(1, sizeof *p);
    if (!p) return NULL;
    p->S = s->n_sites;
    p->C = s->n_camps;
    p->n_rows = p->S + 1 + p->C + 1;
    p->rows = calloc((size_t)p->n_rows, sizeof *p->rows);
    if (!p->rows) { free(p); return NULL; }
    int r = 0, cells = 0;
    for (int kind = PLACE_SITE; kind <= PLACE_ALL_CAMPS; kind++) {
        int n = kind == PLACE_SITE ? p->S : kind == PLACE_CAMP ? p->C : 1;
        const unsigned char *cols = is_site((place_kind)kind) ? site_cols : camp_cols;
        for (int i = 0; i < n; i++, r++) {
            place_row *w = &p->rows[r];
            int total = kind == PLACE_ALL_SITES || kind == PLACE_ALL_CAMPS;
            w->kind = (place_kind)kind;
            w->index = total ? -1 : i;
            w->name = total ? "all" : kind == PLACE_SITE ? s->sites[i].name : s->camps[i].name;
            /* A total over a single place is that place's row: the same cells. */
            w->own = !(total && (kind == PLACE_ALL_SITES ? p->S : p->C) == 1);
            for (int c = 0; c < PLACE_COLUMNS; c++)
                w->cell[c] = !cols[c] ? -1 : w->own ? cells++ : p->rows[r - 1].cell[c];
        }
    }
    p->cells = cells;
    return p;
}

void places_free(places *p)
{
    if (!p) return;
    free(p->rows);
    free(p);
}

void places_day(const places *p, const columns *c, const double *row, const double *flows, const double *prev,
                double *out)
{
    for (int r = 0; r < p->n_rows; r++) {
        const place_row *w = &p->rows[r];
        if (!w->own) continue;
        const int *cell = w->cell;
        if (w->index >= 0) {   /* one site or camp: its flows and stocks */
            int camp = w->kind == PLACE_CAMP;
            const double *f = flows + (size_t)((camp ? p->S : 0) + w->index) * PLACE_FLOWS;
            for (int k = 0; k < PLACE_FLOWS; k++)
                if (cell[k] >= 0) out[cell[k]] = f[k];
            out[cell[PL_PEOPLE]] = row[(camp ? c->camp0 : c->site0) + w->index];
            if (camp) out[cell[PL_CAPACITY]] = row[c->capacity0 + w->index];
        } else {               /* all sites or all camps: sums of the rows before */
            int from = w->kind == PLACE_ALL_SITES ? 0 : p->S + 1, n = w->kind == PLACE_ALL_SITES ? p->S : p->C;
            for (int k = 0; k < PL_CUM_ARRIVALS; k++) {
                if (cell[k] < 0) continue;
                double sum = 0;
                for (int i = from; i < from + n; i++) sum += out[p->rows[i].cell[k]];
                out[cell[k]] = sum;
            }
        }
        for (int k = PL_CUM_ARRIVALS; k < PLACE_COLUMNS; k++)
            if (cell[k] >= 0) out[cell[k]] = (prev ? prev[cell[k]] : 0) + out[cell[cum_of[k]]];
    }
}

void places_metrics(const places *p, int days, const double *cells, double *out)
{
    memset(out, 0, sizeof *out * (size_t)p->n_rows * PLACE_METRICS);
    for (int r = 0; r < p->n_rows; r++) {
        const int *cell = p->rows[r].cell;
        double *m = out + (size_t)r * PLACE_METRICS;
        int site = is_site(p->rows[r].kind);
        for (int t = 0; t < days; t++) {
            const double *v = cells + (size_t)t * p->cells;
            double people = v[cell[PL_PEOPLE]];
            if (site) {
                m[PM_ARRIVALS] += v[cell[PF_ARRIVALS]];
                m[PM_ADMITTED] += v[cell[PF_ADMITTED]];
                m[PM_PERSON_DAYS] += people;
            } else {
                m[PM_ENTRIES] += v[cell[PF_ENTRIES]];
                if (people >= v[cell[PL_CAPACITY]]) m[PM_DAYS_FULL] += 1;   /* as days_camp_full */
            }
            m[PM_DEATHS] += v[cell[PF_DEATHS]];
            m[PM_LEFT] += v[cell[PF_LEFT]];
            if (people > m[PM_PEAK]) m[PM_PEAK] = people;
            m[PM_FINAL] = people;
        }
    }
}
