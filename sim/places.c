/* places: the series by place (see places.h). */
#include "places.h"
#include <stdlib.h>
#include <string.h>

/* Which columns apply to sites and to camps. */
static const unsigned char site_cols[PLACE_COLUMNS] = {
    [PF_ARRIVALS] = 1, [PF_RETURNED] = 1, [PF_ADMITTED] = 1, [PF_BIRTHS] = 1, [PF_DEATHS] = 1, [PF_LEFT] = 1,
    [PF_MOVED] = 1, [PL_PEOPLE] = 1, [PL_CUM_ARRIVALS] = 1, [PL_CUM_ADMITTED] = 1, [PL_CUM_DEATHS] = 1,
};
static const unsigned char camp_cols[PLACE_COLUMNS] = {
    [PF_RETURNED] = 1, [PF_ENTRIES] = 1, [PF_BIRTHS] = 1, [PF_DEATHS] = 1, [PF_LEFT] = 1, [PF_MOVED] = 1,
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

/* The series.csv columns that are the totals of all sites and of all camps
 * (PF_MOVED has none: it is summed here). */
static const int all_sites_col[PL_PEOPLE + 1] = {
    [PF_ARRIVALS] = COL_ARRIVALS, [PF_RETURNED] = COL_CAMP_RETURNED, [PF_ADMITTED] = COL_ADMITTED,
    [PF_BIRTHS] = COL_BORDER_BIRTHS, [PF_DEATHS] = COL_BORDER_DEATHS, [PF_LEFT] = COL_BORDER_LEFT,
    [PL_PEOPLE] = COL_STRANDED,
};
static const int all_camps_col[PL_CAPACITY + 1] = {
    [PF_RETURNED] = COL_CAMP_RETURNED, [PF_ENTRIES] = COL_CAMP_ENTRIES, [PF_BIRTHS] = COL_CAMP_BIRTHS,
    [PF_DEATHS] = COL_CAMP_DEATHS, [PF_LEFT] = COL_CAMP_LEFT, [PL_PEOPLE] = COL_CAMP_POPULATION,
    [PL_CAPACITY] = COL_CAMP_CAPACITY,
};

places *places_new(const scenario *s, const columns *cols)
{
    places *p = calloc(1, sizeof *p);
    if (!p) return NULL;
    p->S = s->n_sites;
    p->C = s->n_camps;
    p->n_rows = p->S + 1 + p->C + 1;
    p->rows = calloc((size_t)p->n_rows, sizeof *p->rows);
    if (!p->rows) { free(p); return NULL; }
    int r = 0, cells = 0, moves = s->n_relocations + s->n_transfers > 0;
    for (int kind = PLACE_SITE; kind <= PLACE_ALL_CAMPS; kind++) {
        int n = kind == PLACE_SITE ? p->S : kind == PLACE_CAMP ? p->C : 1;
        int site = is_site((place_kind)kind), total = kind == PLACE_ALL_SITES || kind == PLACE_ALL_CAMPS;
        const unsigned char *applies = site ? site_cols : camp_cols;
        for (int i = 0; i < n; i++, r++) {
            place_row *w = &p->rows[r];
            w->kind = (place_kind)kind;
            w->index = total ? -1 : i;
            w->name = total ? "all" : site ? s->sites[i].name : s->camps[i].name;
            int single = total && (site ? p->S : p->C) == 1;   /* a total over one place: that place's cells */
            for (int c = 0; c < PLACE_COLUMNS; c++) {
                int *cell = &w->cell[c];
                if (!applies[c] || (c == PF_MOVED && !moves)) *cell = PLACE_NONE;
                else if (total && c != PF_MOVED && c <= PL_CAPACITY) *cell = PLACE_SERIES(site ? all_sites_col[c] : all_camps_col[c]);
                else if (c == PL_PEOPLE) *cell = PLACE_SERIES((site ? cols->site0 : cols->camp0) + i);
                else if (c == PL_CAPACITY) *cell = PLACE_SERIES(cols->capacity0 + i);
                else if (single) *cell = p->rows[r - 1].cell[c];
                else *cell = cells++;
            }
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

void places_day(const places *p, const double *row, const double *flows, const double *prev, double *out)
{
    for (int r = 0; r < p->n_rows; r++) {
        const place_row *w = &p->rows[r];
        const int *cell = w->cell;
        if (w->index >= 0) {   /* one site or camp: its flows (its stocks are series columns) */
            const double *f = flows + (size_t)((w->kind == PLACE_CAMP ? p->S : 0) + w->index) * PLACE_FLOWS;
            for (int k = 0; k < PLACE_FLOWS; k++)
                if (cell[k] >= 0) out[cell[k]] = f[k];
        }
        /* A total over one place shares that place's cells, already done. */
        if (w->index < 0 && (w->kind == PLACE_ALL_SITES ? p->S : p->C) == 1) continue;
        if (w->index < 0 && cell[PF_MOVED] >= 0) {   /* the one flow of a total that is no series column */
            int from = w->kind == PLACE_ALL_SITES ? 0 : p->S + 1, n = w->kind == PLACE_ALL_SITES ? p->S : p->C;
            double sum = 0;
            for (int i = from; i < from + n; i++) sum += out[p->rows[i].cell[PF_MOVED]];
            out[cell[PF_MOVED]] = sum;
        }
        for (int k = PL_CUM_ARRIVALS; k < PLACE_COLUMNS; k++)
            if (cell[k] >= 0) out[cell[k]] = (prev ? prev[cell[k]] : 0) + places_value(cell[cum_of[k]], row, out);
    }
}

void places_metrics(const places *p, int days, const double *series, int n, const double *cells, double *out)
{
    memset(out, 0, sizeof *out * (size_t)p->n_rows * PLACE_METRICS);
    for (int r = 0; r < p->n_rows; r++) {
        const int *cell = p->rows[r].cell;
        double *m = out + (size_t)r * PLACE_METRICS;
        int site = is_site(p->rows[r].kind);
        for (int t = 0; t < days; t++) {
            const double *v = cells + (size_t)t * p->cells, *row = series + (size_t)t * n;
#define V(k) places_value(cell[k], row, v)
            double people = V(PL_PEOPLE);
            if (site) {
                m[PM_ARRIVALS] += V(PF_ARRIVALS);
                m[PM_ADMITTED] += V(PF_ADMITTED);
                m[PM_PERSON_DAYS] += people;
            } else {
                m[PM_ENTRIES] += V(PF_ENTRIES);
                if (people >= V(PL_CAPACITY)) m[PM_DAYS_FULL] += 1;   /* as days_camp_full */
            }
            m[PM_DEATHS] += V(PF_DEATHS);
            m[PM_LEFT] += V(PF_LEFT);
            if (people > m[PM_PEAK]) m[PM_PEAK] = people;
            m[PM_FINAL] = people;
#undef V
        }
    }
}
