/* report_places: the report's table of each site's and camp's totals, read
 * back from the folder's summary_places.csv (see places.h); nothing when the
 * folder has none (an older campsim's). */
#include "report_parts.h"
#include <stdio.h>
#include <string.h>

enum { COLS = 5 };

/* One row: the place, then each metric's mean and band ("" where it has none). */
static void place_row(report_doc *d, const csv *c, const char *kind, const char *place, const char *label,
                      const char *const metrics[COLS - 1], int lo, int hi)
{
    int kcol = csv_col(c, "kind"), pcol = csv_col(c, "place"), mcol = csv_col(c, "metric"), mean = csv_col(c, "mean");
    char cells[COLS][200];
    const char *row[COLS];
    snprintf(cells[0], sizeof cells[0], "%s", label);
    for (int j = 0; j < COLS - 1; j++) {
        int r = -1;
        for (int i = 0; i < c->rows && r < 0; i++)
            if (!strcmp(csv_at(c, i, kcol), kind) && !strcmp(csv_at(c, i, pcol), place) &&
                !strcmp(csv_at(c, i, mcol), metrics[j]))
                r = i;
        /* counts, rounded as the report rounds people (3 significant digits) */
        if (r < 0) snprintf(cells[j + 1], sizeof cells[j + 1], "not in this run");
        else value_band(cells[j + 1], sizeof cells[j + 1], csv_num(c, r, mean), csv_num(c, r, lo), csv_num(c, r, hi), 0, "");
    }
    for (int j = 0; j < COLS; j++) row[j] = cells[j];
    doc_row(d, COLS, row);
}

void report_places(report_doc *d, const char *dir)
{
    char path[4300];
    snprintf(path, sizeof path, "%s/summary_places.csv", dir);
    csv *c = csv_read(path);
    if (!c || csv_col(c, "kind") != 0 || csv_col(c, "place") != 1 || csv_col(c, "metric") != 2 ||
        csv_col(c, "mean") != 3) {
        csv_free(c);
        return;
    }
    int lo, hi;
    char words[64];
    csv_band(c, csv_col(c, "mean") + 1, &lo, &hi, words, sizeof words);
    doc_heading(d, 2, "By site and by camp");
    if (c->deterministic) doc_para(d, "Totals over the whole period (summary_places.csv).");
    else doc_para(d, "Totals over the whole period: means over the replicates, the %s in brackets "
                     "(summary_places.csv).", words);
    static const char *const site_heads[COLS] = {"Border site", "People who arrived", "People admitted", "Deaths",
                                                  "People who gave up waiting"};
    static const char *const site_metrics[COLS - 1] = {"arrivals", "admitted", "deaths", "left"};
    static const char *const camp_heads[COLS] = {"Camp", "People who entered", "Deaths", "People who left",
                                                  "Days full"};
    static const char *const camp_metrics[COLS - 1] = {"entries", "deaths", "left", "days_full"};
    for (int camps = 0; camps < 2; camps++) {
        const char *one = camps ? "camp" : "site", *all = camps ? "camps" : "sites";
        doc_table(d, COLS, camps ? camp_heads : site_heads);
        int places = 0, kcol = csv_col(c, "kind"), pcol = csv_col(c, "place");
        for (int r = 0; r < c->rows; r++) {   /* each place once, in the file's order */
            if (strcmp(csv_at(c, r, kcol), one) || (r > 0 && !strcmp(csv_at(c, r - 1, pcol), csv_at(c, r, pcol)) &&
                                                    !strcmp(csv_at(c, r - 1, kcol), one)))
                continue;
            place_row(d, c, one, csv_at(c, r, pcol), csv_at(c, r, pcol), camps ? camp_metrics : site_metrics, lo, hi);
            places++;
        }
        if (places > 1) place_row(d, c, all, "all", camps ? "All camps" : "All sites",
                                  camps ? camp_metrics : site_metrics, lo, hi);
        doc_table_end(d);
    }
    csv_free(c);
}
