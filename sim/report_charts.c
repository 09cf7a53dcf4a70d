/* report_charts: the charts of a folder for its report (see report_parts.h).
 * The HTML takes SVG inline; when the folder's charts are PNG or PDF, the same
 * charts are drawn as SVG (plot_folder) into a temporary folder inside it that
 * holds links to the folder's CSV files, and removed when the report is done. */
#include "report_parts.h"
#include "output.h"
#include "plot.h"
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Known charts in the report's order, with their captions; others follow by name. */
static const struct { const char *name, *caption; } known[] = {
    {"stranded", "People stranded at the border: the mean over replicates and the 90% band."},
    {"camps", "People in the camps against their places."},
    {"flows", "Daily arrivals, admissions and departures."},
    {"wait", "How long people waited before admission."},
    {"deaths", "Deaths at the border: the crude mortality rate against the emergency threshold."},
    {"water", "Water per person at the border against the standard."},
    {"cumulative", "Running totals: people who arrived and were admitted, deaths at the border and in the camps."},
    {"compare_stranded", "People stranded at the border under each policy."},
    {"compare_metrics", "Key numbers under each policy: the mean and the 5-95% band of the replicates."},
};
#define N_KNOWN (sizeof known / sizeof *known)

static int rank_of(const char *name)
{
    for (size_t i = 0; i < N_KNOWN; i++)
        if (!strcmp(known[i].name, name)) return (int)i;
    return (int)N_KNOWN;
}

static int by_rank(const void *a, const void *b)
{
    const char *x = a, *y = b;
    int rx = rank_of(x), ry = rank_of(y);
    return rx != ry ? rx - ry : strcmp(x, y);
}

static int exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* A folder inside dir that links every entry of dir but charts/ and the
 * reports, so that plot_folder can draw it without touching dir's charts. */
static int make_shadow(report_charts *c, const char *dir)
{
    snprintf(c->shadow, sizeof c->shadow, "%s/.report-svg-XXXXXX", dir);
    if (!mkdtemp(c->shadow)) { c->shadow[0] = 0; return -1; }   /* a new name: nothing of anyone's is replaced */
    DIR *dd = opendir(dir);
    if (!dd) return -1;
    struct dirent *e;
    while ((e = readdir(dd))) {
        const char *n = e->d_name;
        if (n[0] == '.' || !strcmp(n, "charts") || !strncmp(n, "report.", 7)) continue;
        char target[300], link[4500];
        snprintf(target, sizeof target, "../%s", n);
        snprintf(link, sizeof link, "%s/%s", c->shadow, n);
        if (symlink(target, link) != 0) { closedir(dd); return -1; }
    }
    closedir(dd);
    return 0;
}

void report_charts_find(report_charts *c, const char *dir)
{
    memset(c, 0, sizeof *c);
    char charts[4300];
    snprintf(charts, sizeof charts, "%s/charts", dir);
    DIR *dd = opendir(charts);
    if (!dd) return;
    c->drawn = 1;
    struct dirent *e;
    static const char *const exts[] = {".svg", ".png", ".pdf"};
    while ((e = readdir(dd)) && c->n < REPORT_MAX_CHARTS) {
        const char *dot = strrchr(e->d_name, '.');
        int ext = -1;
        for (int i = 0; dot && i < 3; i++)
            if (!strcmp(dot, exts[i])) ext = i;
        if (ext < 0 || dot == e->d_name || (size_t)(dot - e->d_name) >= sizeof c->name[0]) continue;
        char name[64];
        snprintf(name, sizeof name, "%.*s", (int)(dot - e->d_name), e->d_name);
        int k = 0;
        while (k < c->n && strcmp(c->name[k], name)) k++;
        if (k == c->n) { snprintf(c->name[k], sizeof c->name[k], "%s", name); c->n++; }
    }
    closedir(dd);
    qsort(c->name, (size_t)c->n, sizeof c->name[0], by_rank);
    int missing = 0;
    for (int k = 0; k < c->n; k++) {
        for (int i = 0; i < 3; i++) {   /* the link: the first format there is, SVG first */
            char p[4500];
            snprintf(p, sizeof p, "%s/%s%s", charts, c->name[k], exts[i]);
            if (!exists(p)) continue;
            if (!c->link[k][0]) snprintf(c->link[k], sizeof c->link[k], "charts/%s%s", c->name[k], exts[i]);
            if (i == 0) snprintf(c->svg[k], sizeof c->svg[k], "%s", p);
        }
        missing |= !c->svg[k][0];
    }
    if (!missing || make_shadow(c, dir) != 0) return;
    diag quiet = {0};   /* a chart that cannot be drawn as SVG is left out of the HTML; the run already said why */
    plot_folder(c->shadow, "svg", NULL, &quiet);
    diag_clear(&quiet);
    for (int k = 0; k < c->n; k++) {
        char p[4500];
        snprintf(p, sizeof p, "%s/charts/%s.svg", c->shadow, c->name[k]);
        if (!c->svg[k][0] && exists(p)) snprintf(c->svg[k], sizeof c->svg[k], "%s", p);
    }
}

void report_charts_free(report_charts *c)
{
    if (c->shadow[0]) output_remove_tree(c->shadow);
    c->shadow[0] = 0;
}

void report_charts_write(report_doc *d, const report_charts *c)
{
    doc_heading(d, 2, "Charts");
    if (!c->drawn) {
        doc_para(d, "No charts were drawn for this folder: run with --plot, or campsim plot on the folder.");
        return;
    }
    if (c->n == 0) { doc_para(d, "No chart could be drawn for this folder."); return; }
    for (int k = 0; k < c->n; k++) {
        int r = rank_of(c->name[k]);
        doc_chart(d, c->svg[k][0] ? c->svg[k] : NULL, c->link[k], r < (int)N_KNOWN ? known[r].caption : c->name[k]);
    }
}
