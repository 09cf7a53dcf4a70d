/* report: report.md and report.html of a run or compare folder (see report.h):
 * the key numbers in plain words, what limited admissions, the assumptions, the
 * charts. The numbers are read back from the folder's own CSV files, so a report
 * rewritten by `campsim plot` says what the files say. */
#include "report.h"
#include "columns.h"
#include "config.h"
#include "dates.h"
#include "output.h"
#include "plot.h"
#include "report_parts.h"
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- the folder's CSV files ---- */

void csv_free(csv *c)
{
    if (!c) return;
    free(c->text);
    free(c->cell);
    free(c);
}

/* Whether the folder of the file at `path` holds a deterministic run: its
 * provenance.txt says "mode: deterministic". */
static int deterministic_run(const char *path)
{
    char prov[4200], line[256];
    const char *slash = strrchr(path, '/');
    snprintf(prov, sizeof prov, "%.*sprovenance.txt", slash ? (int)(slash - path + 1) : 0, path);
    FILE *f = fopen(prov, "r");
    int det = 0;
    while (f && !det && fgets(line, sizeof line, f)) det = !strncmp(line, "mode: deterministic", 19);
    if (f) fclose(f);
    return det;
}

/* Reads a campsim CSV (no quotes): "#" lines (an earlier campsim's) are
 * skipped, the first other line is the header. NULL when the file is missing or
 * has no header. */
csv *csv_read(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) return NULL;
    csv *c = calloc(1, sizeof *c);
    size_t cap = 0, len = 0;
    char *line = NULL;
    size_t lcap = 0;
    ssize_t got;
    while (c && (got = getline(&line, &lcap, f)) > 0) {   /* keep the lines that are not "#" */
        if (line[0] == '#') continue;
        if (len + (size_t)got + 1 > cap) {
            cap = 2 * (len + (size_t)got + 1);
            char *t = realloc(c->text, cap);
            if (!t) { csv_free(c); c = NULL; break; }
            c->text = t;
        }
        memcpy(c->text + len, line, (size_t)got);
        len += (size_t)got;
        c->text[len] = 0;
    }
    free(line);
    fclose(f);
    if (!c || !c->text) { csv_free(c); return NULL; }
    c->deterministic = deterministic_run(path);
    size_t cells = 1, lines = 0;
    for (char *p = c->text; *p; p++) { cells += *p == ',' || *p == '\n'; lines += *p == '\n'; }
    c->cell = calloc(cells + lines + 2, sizeof *c->cell);
    if (!c->cell) { csv_free(c); return NULL; }
    size_t k = 0;
    char *p = c->text;
    for (int row = 0; *p; row++) {   /* each row's cells, in place */
        char *end = p + strcspn(p, "\n");
        int had_newline = *end == '\n';
        *end = 0;
        if (end > p && end[-1] == '\r') end[-1] = 0;
        int n = 0;
        for (char *q = p;; n++) {
            c->cell[k++] = q;
            char *comma = strchr(q, ',');
            if (!comma) break;
            *comma = 0;
            q = comma + 1;
        }
        if (row == 0) c->cols = n + 1;
        else if (n + 1 != c->cols) { k -= (size_t)(n + 1); row--; }   /* a short or long line: left out */
        else c->rows++;
        p = had_newline ? end + 1 : end;
    }
    if (c->cols == 0) { csv_free(c); return NULL; }
    return c;
}

int csv_col(const csv *c, const char *name)
{
    for (int i = 0; i < c->cols; i++)
        if (!strcmp(c->cell[i], name)) return i;
    return -1;
}

const char *csv_at(const csv *c, int row, int col)
{
    return c->cell[(size_t)(row + 1) * (size_t)c->cols + (size_t)col];
}

double csv_num(const csv *c, int row, int col)
{
    if (row < 0 || col < 0) return NAN;
    const char *s = csv_at(c, row, col);
    char *end;
    double v = strtod(s, &end);
    return end == s ? NAN : v;
}

/* The row of metric `name` (in column mcol, under policy `policy` in column pcol
 * when pcol >= 0), or -1. */
int csv_find(const csv *c, int mcol, const char *name, int pcol, const char *policy)
{
    for (int r = 0; r < c->rows; r++)
        if (!strcmp(csv_at(c, r, mcol), name) && (pcol < 0 || !strcmp(csv_at(c, r, pcol), policy))) return r;
    return -1;
}

/* The level of a quantile column's name ("p05" 5, "p02_5" 2.5), or -1. */
static double level_of(const char *h)
{
    if (h[0] != 'p' || h[1] < '0' || h[1] > '9') return -1;
    double a = atof(h + 1);
    if (strchr(h, '_')) a += atof(strchr(h, '_') + 1) / 10;
    return a;
}

/* The band's columns: the lowest and highest quantile levels ("p05", "p95")
 * after `from` (summary.csv puts p05, p50, p95 first, then any other levels),
 * and their words ("90% band"). */
void csv_band(const csv *c, int from, int *lo, int *hi, char *words, size_t n)
{
    *lo = *hi = -1;
    for (int i = from; i < c->cols; i++) {
        const char *h = c->cell[i];
        if (!strncmp(h, "diff_", 5)) break;
        double a = level_of(h);
        if (a < 0) continue;
        if (*lo < 0 || a < level_of(c->cell[*lo])) *lo = i;
        if (*hi < 0 || a > level_of(c->cell[*hi])) *hi = i;
    }
    if (*lo < 0 || *lo == *hi) { snprintf(words, n, "band"); return; }
    snprintf(words, n, "%g%% band", level_of(c->cell[*hi]) - level_of(c->cell[*lo]));
}

/* ---- numbers in words ---- */

void metric_words(const char *metric, char *label, size_t n, int *digits)
{
    int csv_digits;
    if (columns_metric_info(metric, label, n, &csv_digits, digits) != 0) {
        snprintf(label, n, "%s", metric);
        *digits = SIG(3);
    }
}

/* "128,000 (90% band 127,000 to 129,000)" into buf ("128,000 (127,000 to
 * 129,000)" when words is ""); just the mean for one replicate or a band of one value. */
void value_band(char *buf, size_t n, double mean, double lo, double hi, int digits, const char *words)
{
    char m[64], a[64], b[64];
    report_number(m, sizeof m, mean, digits);
    report_number(a, sizeof a, lo, digits);
    report_number(b, sizeof b, hi, digits);
    if (isnan(lo) || isnan(hi) || !strcmp(a, b)) snprintf(buf, n, "%s", m);
    else if (!*words) snprintf(buf, n, "%s (%s to %s)", m, a, b);   /* a table's heading names the band */
    else snprintf(buf, n, "%s (%s %s to %s)", m, words, a, b);
}

/* ---- a run folder ---- */

/* A wait of nobody: 0 in summary.csv, "nobody was admitted" in words. */
static int nobody_admitted(const csv *c, const char *metric)
{
    char admitted[320];
    if (!strcmp(metric, "mean_wait_days") || !strcmp(metric, "p90_wait_days")) snprintf(admitted, sizeof admitted, "total_admitted");
    else if (!strncmp(metric, "mean_wait_group_", 16)) snprintf(admitted, sizeof admitted, "admitted_group_%s", metric + 16);
    else return 0;
    int r = csv_find(c, csv_col(c, "metric"), admitted, -1, NULL);
    return r >= 0 && csv_num(c, r, csv_col(c, "mean")) == 0;
}

static const char *const key_metrics[] = {
    "peak_stranded", "final_stranded", "total_arrivals", "total_admitted", "mean_wait_days", "p90_wait_days",
    "border_deaths", "camp_deaths", "peak_camp_population", "days_camp_full", "final_camp_population",
};

/* The needs table: the border, then each camp, with its peak shortfalls. */
static void needs_table(report_doc *d, const csv *c, const scenario *s, int lo, int hi, const char *words)
{
    static const char *const heads[] = {"Place", "Days below the water minimum", "Largest daily water shortfall (litres)",
                                        "Most shelters missing", "Most latrines missing", "Most health facilities missing"};
    static const char *const border[] = {"days_below_water_minimum", "peak_water_shortfall_l", "peak_shelter_shortfall",
                                         "peak_latrine_shortfall", "peak_health_shortfall"};
    static const char *const camp[] = {"days_below_water_minimum_", "peak_water_shortfall_l_", "peak_shelter_shortfall_",
                                       "peak_latrine_shortfall_", "peak_health_shortfall_"};
    doc_heading(d, 2, "Needs at the border and in the camps");
    doc_para(d, "Shortfalls against the humanitarian standards of the scenario: means over the replicates, the %s in "
                "brackets; 0 means the need was met every day.", words);
    doc_table(d, 6, heads);
    int mcol = csv_col(c, "metric"), mean = csv_col(c, "mean");
    for (int place = -1; place < (s ? s->n_camps : 0); place++) {
        char cells[6][160];
        const char *row[6];
        snprintf(cells[0], sizeof cells[0], "%s", place < 0 ? "Border (all sites)" : s->camps[place].name);
        for (int j = 0; j < 5; j++) {
            char name[300];
            if (place < 0) snprintf(name, sizeof name, "%s", border[j]);
            else snprintf(name, sizeof name, "%s%s", camp[j], s->camps[place].name);
            int r = csv_find(c, mcol, name, -1, NULL);
            char label[320];
            int dg;
            metric_words(name, label, sizeof label, &dg);
            if (r < 0) snprintf(cells[j + 1], sizeof cells[j + 1], "not in this run");
            else value_band(cells[j + 1], sizeof cells[j + 1], csv_num(c, r, mean), csv_num(c, r, lo),
                            csv_num(c, r, hi), dg, "");
        }
        for (int j = 0; j < 6; j++) row[j] = cells[j];
        doc_row(d, 6, row);
    }
    doc_table_end(d);
}

/* Every metric of summary.csv with its label, mean and band. */
static void all_numbers(report_doc *d, const csv *c, int lo, int hi, const char *words)
{
    char head[96];
    snprintf(head, sizeof head, c->deterministic ? "Value" : "Mean (%s)", words);
    const char *heads[] = {"What", head, "Column in summary.csv"};
    int mcol = csv_col(c, "metric"), mean = csv_col(c, "mean");
    doc_heading(d, 2, "All the numbers");
    doc_table(d, 3, heads);
    for (int r = 0; r < c->rows; r++) {
        char label[320], v[200];
        int dg;
        metric_words(csv_at(c, r, mcol), label, sizeof label, &dg);
        value_band(v, sizeof v, csv_num(c, r, mean), csv_num(c, r, lo), csv_num(c, r, hi), dg, "");
        if (nobody_admitted(c, csv_at(c, r, mcol))) snprintf(v, sizeof v, "nobody was admitted");
        const char *row[] = {label, v, csv_at(c, r, mcol)};
        doc_row(d, 3, row);
    }
    doc_table_end(d);
}

static void run_report(report_doc *d, const char *dir, const csv *c, const scenario *s, int policy,
                       const report_charts *charts)
{
    char title[512];
    const char *pname = s && policy >= 0 ? s->policies[policy].name : NULL;
    snprintf(title, sizeof title, "campsim report: %s%s%s", s ? s->name : dir, pname ? ", policy " : "",
             pname ? pname : "");
    doc_begin(d, title);
    int lo, hi, mcol = csv_col(c, "metric"), mean = csv_col(c, "mean");
    char words[64];
    csv_band(c, mean + 1, &lo, &hi, words, sizeof words);
    report_intro(d, s, words, c->deterministic);
    doc_heading(d, 2, "Key numbers");
    char head[96];
    snprintf(head, sizeof head, c->deterministic ? "Value" : "Mean (%s)", words);
    const char *heads[] = {"What", head};
    doc_table(d, 2, heads);
    for (size_t i = 0; i < sizeof key_metrics / sizeof *key_metrics; i++) {
        int r = csv_find(c, mcol, key_metrics[i], -1, NULL);
        if (r < 0) continue;
        char label[320], v[200];
        int dg;
        metric_words(key_metrics[i], label, sizeof label, &dg);
        value_band(v, sizeof v, csv_num(c, r, mean), csv_num(c, r, lo), csv_num(c, r, hi), dg, "");
        if (nobody_admitted(c, key_metrics[i])) snprintf(v, sizeof v, "nobody was admitted");
        const char *row[] = {label, v};
        doc_row(d, 2, row);
    }
    doc_table_end(d);
    report_limits(d, c, s, policy, NULL);
    needs_table(d, c, s, lo, hi, words);
    report_places(d, dir, s && (s->n_relocations || s->n_transfers));
    report_charts_write(d, charts);
    char params[4300];
    snprintf(params, sizeof params, "%s/parameters.csv", dir);
    report_assumptions(d, s, policy, access(params, F_OK) == 0);
    all_numbers(d, c, lo, hi, words);
    report_footer(d, 0);
    doc_end(d);
}

/* ---- a compare folder ---- */

/* Key comparisons: metric, the words for "more" and "less" of it. */
static const struct { const char *metric, *more, *less; } compared[] = {
    {"peak_stranded", "more", "fewer"},
    {"final_stranded", "more", "fewer"},
    {"total_admitted", "more", "fewer"},
    {"mean_wait_days", "longer", "shorter"},
    {"border_deaths", "more", "fewer"},
    {"peak_camp_population", "more", "fewer"},
    {"days_camp_full", "more", "fewer"},
};

static void compare_report(report_doc *d, const char *dir, const csv *c, const scenario *s,
                           const report_charts *charts)
{
    char title[512];
    snprintf(title, sizeof title, "campsim report: %s, policies compared", s ? s->name : dir);
    doc_begin(d, title);
    int pcol = csv_col(c, "policy"), mcol = csv_col(c, "metric"), mean = csv_col(c, "mean");
    int dmean = csv_col(c, "diff_mean"), lo, hi, dlo = -1, dhi = -1;
    char words[64];
    csv_band(c, mean + 1, &lo, &hi, words, sizeof words);
    for (int i = dmean + 1; dmean >= 0 && i < c->cols; i++) {
        if (dlo < 0) dlo = i;
        dhi = i;
    }
    /* the policies, in comparison.csv's order */
    const char *pol[64] = {""};
    int np = 0;
    for (int r = 0; r < c->rows && np < 64; r++)
        if (np == 0 || strcmp(pol[np - 1], csv_at(c, r, pcol))) pol[np++] = csv_at(c, r, pcol);
    report_intro(d, s, words, c->deterministic);
    doc_para(d, "%d policies were run on the same random numbers: every replicate sees the same departures and "
                "journeys under each policy, so the differences below come from the policies, not from chance. "
                "Each policy's own folder holds its full outputs and its own report.", np);
    doc_heading(d, 2, "The policies in words");
    doc_para(d, "Each policy against the first, %s: the differences are means over the replicates, with the %s of "
                "the difference taken replicate by replicate; a difference whose band includes zero is not a clear "
                "one. The numbers of every policy are in the table after this.", pol[0], words);
    for (int p = 1; p < np; p++) {
        char title[300];
        snprintf(title, sizeof title, "%s against %s", pol[p], pol[0]);
        doc_heading(d, 3, title);
        for (size_t k = 0; k < sizeof compared / sizeof *compared; k++) {
            int r = csv_find(c, mcol, compared[k].metric, pcol, pol[p]);
            if (r < 0) continue;
            char label[320], v[300];
            int dg;
            metric_words(compared[k].metric, label, sizeof label, &dg);
            report_difference(v, sizeof v, csv_num(c, r, dmean), csv_num(c, r, dlo), csv_num(c, r, dhi), dg,
                              compared[k].more, compared[k].less);
            doc_item(d, "%s: %s.", label, v);
        }
    }
    doc_heading(d, 2, "What limited admissions under each policy");
    if (csv_find(c, mcol, "days_bound_quota", -1, NULL) < 0)
        doc_para(d, "This run does not record which limit set admissions each day.");
    else
        for (int p = 0; p < np; p++) report_limits(d, c, s, s ? report_policy_index(s, pol[p]) : -1, pol[p]);
    doc_heading(d, 2, "The policies side by side");
    const char *heads[65];
    heads[0] = "What";
    for (int p = 0; p < np; p++) heads[p + 1] = pol[p];
    doc_table(d, np + 1, heads);
    for (size_t k = 0; k < sizeof key_metrics / sizeof *key_metrics; k++) {
        char label[320], v[64][200];
        const char *row[65];
        int dg;
        metric_words(key_metrics[k], label, sizeof label, &dg);
        row[0] = label;
        int any = 0;
        for (int p = 0; p < np; p++) {
            int r = csv_find(c, mcol, key_metrics[k], pcol, pol[p]);
            any |= r >= 0;
            if (r < 0) snprintf(v[p], sizeof v[p], "-");
            else value_band(v[p], sizeof v[p], csv_num(c, r, mean), csv_num(c, r, lo), csv_num(c, r, hi), dg, "");
            row[p + 1] = v[p];
        }
        if (any) doc_row(d, np + 1, row);
    }
    doc_table_end(d);
    report_places_compare(d, dir, pol, np, s && (s->n_relocations || s->n_transfers));
    report_charts_write(d, charts);
    char params[4400];
    snprintf(params, sizeof params, "%s/%s/parameters.csv", dir, pol[0]);
    report_assumptions(d, s, -1, access(params, F_OK) == 0);
    for (int p = 0; s && p < np; p++) {
        int i = report_policy_index(s, pol[p]);
        if (i >= 0) report_policy_settings(d, s, i);
    }
    report_footer(d, 1);
    doc_end(d);
}

/* ---- writing ---- */

/* Writes report.md, then report.html, into dir: each under a temporary name,
 * renamed into place when whole. */
static int write_both(const char *dir, const csv *c, const scenario *s, int policy, int compare,
                      const report_charts *charts, diag *dg)
{
    static const char *const names[] = {"report.md", "report.html"};
    for (int html = 0; html < 2; html++) {
        char path[4200], tmp[4300];
        snprintf(path, sizeof path, "%s/%s", dir, names[html]);
        snprintf(tmp, sizeof tmp, "%s/.%s.tmp", dir, names[html]);
        FILE *f = fopen(tmp, "w");
        if (!f) { diag_add(dg, "%s: cannot write: %s", tmp, strerror(errno)); return -1; }
        report_doc d = {f, html, 0};
        if (compare) compare_report(&d, dir, c, s, charts);
        else run_report(&d, dir, c, s, policy, charts);
        if (output_close(f, path, dg) != 0) {
            unlink(tmp);
            return -1;
        }
        if (rename(tmp, path) != 0) {
            diag_add(dg, "%s: cannot rename %s into place: %s", path, tmp, strerror(errno));
            unlink(tmp);
            return -1;
        }
    }
    return 0;
}

/* The scenario of a folder: its run.cfg, or for a compare folder the first
 * policy's (every policy's run.cfg holds the whole scenario). NULL when none reads. */
static scenario *folder_scenario(const char *dir, const csv *comparison)
{
    char path[4400];
    if (comparison) snprintf(path, sizeof path, "%s/%s/run.cfg", dir, csv_at(comparison, 0, 0));
    else snprintf(path, sizeof path, "%s/run.cfg", dir);
    if (access(path, R_OK) != 0) return NULL;
    diag d = {0};
    scenario *s = scenario_load(path, NULL, 0, &d);
    diag_clear(&d);
    return s;
}

int report_write(const char *dir, diag *d)
{
    char p[4300];
    snprintf(p, sizeof p, "%s/comparison.csv", dir);
    csv *cmp = csv_read(p);
    if (cmp && (csv_col(cmp, "policy") != 0 || csv_col(cmp, "metric") < 0 || csv_col(cmp, "mean") < 0 || !cmp->rows)) {
        diag_add(d, "%s:1: not a comparison.csv (policy,metric,mean,...)", p);
        csv_free(cmp);
        return -1;
    }
    if (cmp) {
        scenario *s = folder_scenario(dir, cmp);
        report_charts charts;
        report_charts_find(&charts, dir);
        int rc = write_both(dir, cmp, s, -1, 1, &charts, d);
        /* each policy's folder gets its own report */
        for (int r = 0; rc == 0 && r < cmp->rows; r++) {
            if (r > 0 && !strcmp(csv_at(cmp, r, 0), csv_at(cmp, r - 1, 0))) continue;
            char sub[4400], sp[4500];
            snprintf(sub, sizeof sub, "%s/%s", dir, csv_at(cmp, r, 0));
            snprintf(sp, sizeof sp, "%s/summary.csv", sub);
            csv *c = csv_read(sp);
            if (!c) continue;
            report_charts none;
            report_charts_find(&none, sub);
            if (csv_col(c, "metric") == 0 && csv_col(c, "mean") == 1)
                rc = write_both(sub, c, s, s ? report_policy_index(s, csv_at(cmp, r, 0)) : -1, 0, &none, d);
            report_charts_free(&none);
            csv_free(c);
        }
        report_charts_free(&charts);
        scenario_free(s);
        csv_free(cmp);
        return rc;
    }
    snprintf(p, sizeof p, "%s/summary.csv", dir);
    csv *c = csv_read(p);
    if (!c) { diag_add(d, "%s: missing: not an output folder", p); return -1; }
    if (csv_col(c, "metric") != 0 || csv_col(c, "mean") != 1) {
        diag_add(d, "%s:1: not a summary.csv (metric,mean,...)", p);
        csv_free(c);
        return -1;
    }
    scenario *s = folder_scenario(dir, NULL);
    report_charts charts;
    report_charts_find(&charts, dir);
    int rc = write_both(dir, c, s, -1, 0, &charts, d);   /* a run is of the base settings */
    report_charts_free(&charts);
    scenario_free(s);
    csv_free(c);
    return rc;
}
