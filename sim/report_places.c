/* report_places: the report's tables of each site's and camp's totals, read
 * back from the folder's summary_places.csv (see places.h), or for a compare
 * folder from each policy's, place by place and policy by policy; nothing when
 * there is no such file (an older campsim's). */
#include "report_parts.h"
#include <stdio.h>
#include <string.h>

enum { METRICS = 4, MAX_POLICIES = 64 };

static const char *const site_heads[METRICS] = {"People who arrived", "People admitted", "Deaths",
                                                "People who gave up waiting"};
static const char *const site_metrics[METRICS] = {"arrivals", "admitted", "deaths", "left"};
static const char *const camp_heads[METRICS] = {"People who entered", "Deaths", "People who left", "Days full"};
static const char *const camp_metrics[METRICS] = {"entries", "deaths", "left", "days_full"};

static csv *places_csv(const char *dir)
{
    char path[4300];
    snprintf(path, sizeof path, "%s/summary_places.csv", dir);
    csv *c = csv_read(path);
    if (!c || csv_col(c, "kind") != 0 || csv_col(c, "place") != 1 || csv_col(c, "metric") != 2 ||
        csv_col(c, "mean") != 3) {
        csv_free(c);
        return NULL;
    }
    return c;
}

/* The metrics' means and bands of one place into cells ("not in this run" where absent). */
static void place_cells(const csv *c, const char *kind, const char *place, const char *const metrics[METRICS],
                        char cells[METRICS][200])
{
    int lo, hi;
    char words[64];
    csv_band(c, 4, &lo, &hi, words, sizeof words);
    for (int j = 0; j < METRICS; j++) {
        int r = -1;
        for (int i = 0; i < c->rows && r < 0; i++)
            if (!strcmp(csv_at(c, i, 0), kind) && !strcmp(csv_at(c, i, 1), place) && !strcmp(csv_at(c, i, 2), metrics[j]))
                r = i;
        /* counts, rounded as the report rounds people (3 significant digits) */
        if (r < 0) snprintf(cells[j], sizeof cells[j], "not in this run");
        else value_band(cells[j], sizeof cells[j], csv_num(c, r, 3), csv_num(c, r, lo), csv_num(c, r, hi), 0, "");
    }
}

/* The places of a kind ("site", "camp"), each once in the file's order. */
static int place_names(const csv *c, const char *kind, const char **names, int max)
{
    int n = 0;
    for (int r = 0; r < c->rows && n < max; r++) {
        if (strcmp(csv_at(c, r, 0), kind)) continue;
        int seen = 0;
        for (int k = 0; k < n && !seen; k++) seen = !strcmp(names[k], csv_at(c, r, 1));
        if (!seen) names[n++] = csv_at(c, r, 1);
    }
    return n;
}

static void intro(report_doc *d, const csv *c, int compare, int moves)
{
    int lo, hi;
    char words[64];
    csv_band(c, 4, &lo, &hi, words, sizeof words);
    doc_heading(d, 2, compare ? "By site and by camp under each policy" : "By site and by camp");
    if (c->deterministic) doc_para(d, "Totals over the whole period (summary_places.csv%s).", compare ? " of each policy" : "");
    else doc_para(d, "Totals over the whole period: means over the replicates, the %s in brackets (summary_places.csv%s).",
                  words, compare ? " of each policy's folder" : "");
    if (moves)
        doc_para(d, "People relocated or transferred are in none of these columns: each day's moves of each place are "
                    "the column moved of places.csv.");
}

void report_places(report_doc *d, const char *dir, int moves)
{
    csv *c = places_csv(dir);
    if (!c) return;
    intro(d, c, 0, moves);
    for (int camps = 0; camps < 2; camps++) {
        const char *one = camps ? "camp" : "site";
        const char *heads[METRICS + 1] = {camps ? "Camp" : "Border site"};
        for (int j = 0; j < METRICS; j++) heads[j + 1] = camps ? camp_heads[j] : site_heads[j];
        const char *names[256];
        int n = place_names(c, one, names, 256);
        doc_table(d, METRICS + 1, heads);
        for (int p = 0; p <= n; p++) {
            if (p == n && n < 2) break;   /* "all" only when there are several */
            char cells[METRICS][200];
            const char *row[METRICS + 1] = {p < n ? names[p] : camps ? "All camps" : "All sites"};
            place_cells(c, p < n ? one : camps ? "camps" : "sites", p < n ? names[p] : "all",
                        camps ? camp_metrics : site_metrics, cells);
            for (int j = 0; j < METRICS; j++) row[j + 1] = cells[j];
            doc_row(d, METRICS + 1, row);
        }
        doc_table_end(d);
    }
    csv_free(c);
}

void report_places_compare(report_doc *d, const char *dir, const char *const *policies, int np, int moves)
{
    csv *c[MAX_POLICIES] = {0};
    if (np > MAX_POLICIES) np = MAX_POLICIES;
    for (int p = 0; p < np; p++) {
        char sub[4200];
        snprintf(sub, sizeof sub, "%s/%s", dir, policies[p]);
        c[p] = places_csv(sub);
    }
    const csv *first = NULL;
    for (int p = 0; p < np && !first; p++) first = c[p];
    if (first) {
        intro(d, first, 1, moves);
        for (int camps = 0; camps < 2; camps++) {
            const char *one = camps ? "camp" : "site";
            /* the policy in the place's cell: a column of words would be aligned as numbers */
            const char *heads[METRICS + 1] = {camps ? "Camp: policy" : "Border site: policy"};
            for (int j = 0; j < METRICS; j++) heads[j + 1] = camps ? camp_heads[j] : site_heads[j];
            const char *names[256];
            int n = place_names(first, one, names, 256);
            doc_table(d, METRICS + 1, heads);
            for (int k = 0; k <= n; k++) {
                if (k == n && n < 2) break;
                for (int p = 0; p < np; p++) {
                    char cells[METRICS][200], label[300];
                    snprintf(label, sizeof label, "%s: %s", k < n ? names[k] : camps ? "All camps" : "All sites",
                             policies[p]);
                    const char *row[METRICS + 1] = {label};
                    if (c[p])
                        place_cells(c[p], k < n ? one : camps ? "camps" : "sites", k < n ? names[k] : "all",
                                    camps ? camp_metrics : site_metrics, cells);
                    else
                        for (int j = 0; j < METRICS; j++) snprintf(cells[j], sizeof cells[j], "not in this run");
                    for (int j = 0; j < METRICS; j++) row[j + 1] = cells[j];
                    doc_row(d, METRICS + 1, row);
                }
            }
            doc_table_end(d);
        }
    }
    for (int p = 0; p < np; p++) csv_free(c[p]);
}
