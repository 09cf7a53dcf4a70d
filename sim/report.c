/* report: a one-page report.md for an output folder (see plot.h): what was run,
 * the summary table, the comparison table of a compare folder, the charts. */
#include "plot.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Splits a CSV line without quotes (campsim's own files) into at most n fields. */
static int fields(char *line, char **f, int n)
{
    int k = 0;
    line[strcspn(line, "\r\n")] = 0;
    for (char *p = line; k < n; k++) {
        f[k] = p;
        char *c = strchr(p, ',');
        if (!c) return k + 1;
        *c = 0;
        p = c + 1;
    }
    return k;
}

/* Copies the "key: value" lines of the folder's provenance.txt as a list. */
static void provenance(FILE *out, const char *dir)
{
    char path[4200], *line = NULL;
    size_t cap = 0;
    snprintf(path, sizeof path, "%s/provenance.txt", dir);
    FILE *f = fopen(path, "r");
    while (f && getline(&line, &cap, f) > 0) {
        line[strcspn(line, "\r\n")] = 0;
        if (*line) fprintf(out, "- %s\n", line);
    }
    if (f) fclose(f);
    free(line);
}

/* Copies the rows of a CSV as a table of the columns `cols` (indices) under
 * `titles`, after a blank line when `meta` (the provenance list above it). */
static int table(FILE *out, const char *path, const int *cols, const char *const *titles, int n, int meta,
                 const char *only_metrics)
{
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    char *line = NULL;
    size_t cap = 0;
    int header = 1;
    while (getline(&line, &cap, f) > 0) {
        if (line[0] == '#') continue;   /* a folder of an earlier campsim */
        if (header) {
            fputs(meta ? "\n|" : "|", out);
            for (int i = 0; i < n; i++) fprintf(out, " %s |", titles[i]);
            fputs("\n|", out);
            for (int i = 0; i < n; i++) fputs("---|", out);
            fputc('\n', out);
            header = 0;
            continue;
        }
        char *v[16];
        int k = fields(line, v, 16);
        if (only_metrics) {
            char key[300];
            snprintf(key, sizeof key, " %s ", k > 1 ? v[1] : "");
            if (!strstr(only_metrics, key)) continue;
        }
        fputc('|', out);
        for (int i = 0; i < n; i++) {
            int c = cols[i];
            if (c >= 100) {   /* an interval of two columns: c/100 - 1 and c % 100 */
                int a = c / 100 - 1, b = c % 100;
                fprintf(out, " %s to %s |", a < k ? v[a] : "", b < k ? v[b] : "");
            } else {
                fprintf(out, " %s |", c < k ? v[c] : "");
            }
        }
        fputc('\n', out);
    }
    free(line);
    fclose(f);
    return 0;
}

int report_write(const char *dir, diag *d)
{
    char path[4200], tmp[4300], p[4300];
    snprintf(path, sizeof path, "%s/report.md", dir);
    snprintf(tmp, sizeof tmp, "%s/.report.md.tmp", dir);
    FILE *out = fopen(tmp, "w");
    if (!out) { diag_add(d, "%s: cannot write: %s", tmp, strerror(errno)); return -1; }
    struct stat st;
    snprintf(p, sizeof p, "%s/comparison.csv", dir);
    int compare = stat(p, &st) == 0;
    fprintf(out, "# campsim report\n\n");
    if (compare) {
        static const int cols[] = {0, 1, 2, 4 * 100 + 5, 6, 8 * 100 + 8};
        static const char *const titles[] = {"policy", "metric", "mean", "90% interval", "difference from the first",
                                             "90% interval of the difference"};
        fprintf(out, "## Policies compared (common random numbers)\n\n");
        provenance(out, dir);
        table(out, p, cols, titles, 6, 1,
              " peak_stranded final_stranded stranded_person_days total_admitted border_deaths mean_wait_days "
              "peak_camp_population days_camp_full ");
        fprintf(out, "\nEach policy's own folder holds its full outputs and report.\n");
    } else {
        static const int cols[] = {0, 1, 4 * 100 + 5};
        static const char *const titles[] = {"metric", "mean", "90% interval (5-95% of replicates)"};
        snprintf(p, sizeof p, "%s/summary.csv", dir);
        fprintf(out, "## Run\n\n");
        provenance(out, dir);
        if (table(out, p, cols, titles, 3, 1, NULL) != 0) {
            fclose(out);
            unlink(tmp);
            diag_add(d, "%s: missing: not an output folder", p);
            return -1;
        }
    }
    static const char *const charts[] = {"stranded", "camps", "flows", "wait", "deaths", "water", "compare_stranded",
                                         "compare_metrics"};
    static const char *const formats[] = {"png", "svg", "pdf"};
    int any = 0;
    for (size_t i = 0; i < sizeof charts / sizeof *charts; i++)
        for (size_t j = 0; j < 3; j++) {
            snprintf(p, sizeof p, "%s/charts/%s.%s", dir, charts[i], formats[j]);
            if (stat(p, &st) != 0) continue;
            if (!any++) fprintf(out, "\n## Charts\n\n");
            fprintf(out, "![%s](charts/%s.%s)\n\n", charts[i], charts[i], formats[j]);
        }
    int bad = ferror(out);
    if (fclose(out) != 0 || bad || rename(tmp, path) != 0) {
        int err = errno ? errno : EIO;
        unlink(tmp);
        diag_add(d, "%s: write failed: %s", path, strerror(err));
        return -1;
    }
    return 0;
}
