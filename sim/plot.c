/* plot: charts with gnuplot, run as a program (posix_spawn, no shell) in the
 * folder's charts/ (so every path it sees is short and relative, as when the
 * scripts are rerun by hand), its exit status checked and its standard error
 * read. The folder's CSV files are checked whole first: a corrupt folder is
 * refused (exit 2) before anything is written into it. After that a chart that
 * cannot be drawn is a warning naming the chart and gnuplot's reason, and the
 * other charts are still drawn: charts never cost a run. */
#define _GNU_SOURCE   /* posix_spawn_file_actions_addchdir_np */
#include "plot.h"
#include "chartscripts.h"
#include "commands.h"
#include "config.h"
#include "observed.h"
#include "outdir.h"
#include "inventory.h"
#include "dates.h"
#include "results.h"
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static int exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

const char *plot_scripts_dir(char *buf, size_t n)
{
    const char *env = getenv("CAMPSIM_PLOTS");
    if (env && *env) { snprintf(buf, n, "%s", env); return buf; }
    char exe[4096];
    ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (len > 0) {
        exe[len] = 0;
        char *slash = strrchr(exe, '/');
        if (slash) *slash = 0;
        char probe[4200];
        snprintf(probe, sizeof probe, "%s/plots/stranded.gp", exe);
        if (exists(probe)) { snprintf(buf, n, "%s/plots", exe); return buf; }
        snprintf(probe, sizeof probe, "%s/../share/campsim/plots/stranded.gp", exe);
        if (exists(probe)) { snprintf(buf, n, "%s/../share/campsim/plots", exe); return buf; }
    }
    snprintf(buf, n, "plots");
    return buf;
}

/* Names X of header columns "<prefix>X<suffix>", space-separated, into out. */
static void names_with(const result_csv *h, const char *prefix, const char *suffix, const char *not_prefix,
                       char *out, size_t n)
{
    out[0] = 0;
    size_t pl = strlen(prefix), sl = strlen(suffix);
    for (int i = 0; i < h->n_cols; i++) {
        const char *c = h->cols[i];
        size_t cl = strlen(c);
        if (cl <= pl + sl || strncmp(c, prefix, pl) || strcmp(c + cl - sl, suffix)) continue;
        if (not_prefix && !strncmp(c, not_prefix, strlen(not_prefix))) continue;
        size_t used = strlen(out);
        if (used + (cl - pl - sl) + 2 >= n) break;
        if (used) strcat(out, " ");
        strncat(out, c + pl, cl - pl - sl);
    }
}

/* The widest band of quantile levels among the columns "<col>_pNN": "p05 p95 5-95%"
 * (lower column suffix, upper, label), or "" when there are fewer than two levels. */
static void band_of(const result_csv *h, const char *col, char *out, size_t n)
{
    double lo = 101, hi = -1;
    char los[32] = "", his[32] = "";
    size_t cl = strlen(col);
    out[0] = 0;
    for (int i = 0; i < h->n_cols; i++) {
        const char *c = h->cols[i];
        if (strncmp(c, col, cl) || c[cl] != 'p' || strlen(c + cl) > 20) continue;
        char num[32];
        snprintf(num, sizeof num, "%s", c + cl + 1);
        for (char *q = num; *q; q++) if (*q == '_') *q = '.';
        char *end;
        double v = strtod(num, &end);
        if (*end || end == num) continue;
        if (v < lo) { lo = v; snprintf(los, sizeof los, "%s", c + cl); }
        if (v > hi) { hi = v; snprintf(his, sizeof his, "%s", c + cl); }
    }
    if (hi > lo) snprintf(out, n, "%s %s %g-%g%%", los, his, lo, hi);
}

/* gnuplot's standard error, made one line: the lines that say what and where
 * ("... line 28: all points y value undefined!", warnings), not the echo of the
 * command and its caret. */
static void one_line(const char *msg, char *out, size_t n)
{
    out[0] = 0;
    int said = 0;
    for (int pass = 0; pass < 2 && !said; pass++) {   /* the second: everything, when nothing said where */
        char *copy = strdup(msg), *save = NULL;
        if (!copy) return;
        for (char *l = strtok_r(copy, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
            while (*l == ' ' || *l == '\t') l++;
            int useful = strstr(l, " line ") || !strncmp(l, "Warning", 7) || !strncmp(l, "warning", 7);
            if (!*l || *l == '^' || (pass == 0 && !useful)) continue;
            size_t used = strlen(out);
            snprintf(out + used, n - used, "%s%s", said++ ? " | " : "", l);
        }
        free(copy);
    }
}

/* Runs gnuplot -c script args... in folder cwd; its standard error goes to a
 * temporary file and comes back in msg. Returns gnuplot's exit status, or 127
 * when gnuplot is not installed, -1 when it could not be started. */
static int gnuplot(const char *cwd, const char *script, const char *const *args, int nargs, char *msg, size_t n)
{
    char errfile[] = "/tmp/campsim-gnuplot-XXXXXX";
    msg[0] = 0;
    int fd = mkstemp(errfile);
    if (fd < 0) { snprintf(msg, n, "cannot make a temporary file: %s", strerror(errno)); return -1; }
    unlink(errfile);
    const char *argv[16] = {"gnuplot", "-c", script};
    int k = 3;
    for (int i = 0; i < nargs && k < 15; i++) argv[k++] = args[i];
    argv[k] = NULL;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fd, 2);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addchdir_np(&fa, cwd);
    pid_t pid;
    int rc = posix_spawnp(&pid, "gnuplot", &fa, NULL, (char *const *)argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0) {
        close(fd);
        snprintf(msg, n, "cannot start gnuplot: %s", strerror(rc));
        return rc == ENOENT ? 127 : -1;
    }
    int status;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
    ssize_t got = pread(fd, msg, n - 1, 0);
    close(fd);
    msg[got > 0 ? got : 0] = 0;
    if (WIFSIGNALED(status)) { snprintf(msg, n, "gnuplot was killed by signal %d", WTERMSIG(status)); return -1; }
    return WEXITSTATUS(status);
}

typedef struct {
    const char *charts;   /* DIR/charts */
    const char *format;
    int drawn, failed, missing;
    diag *d;
} plotter;

/* Renders one chart to charts/NAME.FORMAT through a temporary name; args are
 * after the script's data, output and format. A failure is a warning in d. */
static void chart(plotter *pl, const char *name, const char *data, const char *const *extra, int n_extra)
{
    if (pl->missing) return;
    char tmp[300], final[300], script[300], path[4500];
    snprintf(tmp, sizeof tmp, ".%s.tmp.%s", name, pl->format);
    snprintf(final, sizeof final, "%s.%s", name, pl->format);
    snprintf(script, sizeof script, "%s.gp", name);
    const char *args[10] = {data, tmp, pl->format};
    for (int i = 0; i < n_extra && i < 7; i++) args[3 + i] = extra[i] ? extra[i] : "";
    char msg[4096], said[1024];
    int rc = gnuplot(pl->charts, script, args, 3 + (n_extra < 7 ? n_extra : 7), msg, sizeof msg);
    one_line(msg, said, sizeof said);
    snprintf(path, sizeof path, "%s/%s", pl->charts, tmp);
    struct stat st;
    int made = stat(path, &st) == 0 && st.st_size > 0;
    if (rc == 127) {
        pl->missing = 1;
        diag_add(pl->d, "gnuplot is not installed: no charts drawn; the CSV files and the scripts (in %s) are "
                        "there to draw them later", pl->charts);
    } else if (rc != 0 || !made) {
        pl->failed++;
        diag_add(pl->d, "warning: chart %s not drawn: %s", name,
                 *said ? said : rc ? "gnuplot failed without a message" : "gnuplot wrote no image");
    } else {
        char to[4500];
        snprintf(to, sizeof to, "%s/%s", pl->charts, final);
        if (rename(path, to) != 0) {
            pl->failed++;
            diag_add(pl->d, "warning: chart %s not drawn: %s: %s", name, to, strerror(errno));
        } else {
            pl->drawn++;
            if (*said) diag_add(pl->d, "warning: chart %s drawn, but gnuplot said: %s", name, said);
        }
    }
    unlink(path);
}

/* Whether word is one of the space-separated words of list. */
static int in_list(const char *list, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = list; (p = strstr(p, word)); p += n)
        if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == 0)) return 1;
    return 0;
}

/* The observations that the run's calibration.targets (s) compare with a
 * series of the stranded chart (stranded, stranded_<site>) or of the camps chart
 * (camp_population, camp_<camp>): one file each in charts/,
 * observed_<chart>_<k>.csv (date,<title>,low,high), their names added to
 * to_stranded / to_camps. A target without observations in the period has none. */
static void observed_files(const char *charts, const scenario *s, const observations *o, const result_csv *ens,
                           const char *sites, const char *camps, char *to_stranded, char *to_camps, size_t n,
                           diag *d)
{
    for (int t = 0; t < s->n_targets; t++) {
        const target_cfg *tg = &s->targets[t];
        const char *ser = tg->series, *chart = NULL;
        if (!strcmp(ser, "stranded") || (!strncmp(ser, "stranded_", 9) && in_list(sites, ser + 9))) chart = "stranded";
        if (!strcmp(ser, "camp_population") || (!strncmp(ser, "camp_", 5) && in_list(camps, ser + 5))) chart = "camps";
        if (!chart) continue;   /* a series no chart draws: it is in fit.csv */
        char name[64], path[4300];
        snprintf(name, sizeof name, "observed_%s_%d.csv", chart, t + 1);
        snprintf(path, sizeof path, "%s/%s", charts, name);
        FILE *f = fopen(path, "w");
        if (!f) { diag_add(d, "warning: %s: cannot write: %s", path, strerror(errno)); continue; }
        fprintf(f, "date,observed %s %s,low,high\n", tg->site, tg->variable);
        int rows = 0;
        for (size_t i = 0; i < o->n; i++) {
            const observation *ob = &o->v[i];
            if (strcmp(ob->site, tg->site) || strcmp(ob->variable, tg->variable)) continue;
            if (ob->day < ens->first || ob->day > ens->last) continue;
            char date[11];
            date_format(ob->day, date);
            double v = ob->has_value ? ob->value : (ob->has_low && ob->has_high ? (ob->low + ob->high) / 2
                                                    : ob->has_low ? ob->low : ob->high);
            char lo[32], hi[32];
            observed_ends(ob, v, lo, hi);
            fprintf(f, "%s,%.10g,%s,%s\n", date, v, lo, hi);
            rows++;
        }
        if (fclose(f) != 0 || rows == 0) { unlink(path); continue; }   /* none in the period: nothing to mark */
        char *to = !strcmp(chart, "stranded") ? to_stranded : to_camps;
        if (strlen(to) + strlen(name) + 2 < n) { if (*to) strcat(to, " "); strcat(to, name); }
    }
}

/* The kind of result folder, by the file that marks it. */
enum folder { F_NONE, F_RUN, F_COMPARE, F_SWEEP };

static enum folder folder_kind(const char *dir)
{
    char p[4200];
    struct stat st;
    snprintf(p, sizeof p, "%s/sensitivity.csv", dir);
    if (stat(p, &st) == 0) return F_SWEEP;
    snprintf(p, sizeof p, "%s/comparison.csv", dir);
    if (stat(p, &st) == 0) return F_COMPARE;
    snprintf(p, sizeof p, "%s/ensemble.csv", dir);
    if (stat(p, &st) == 0) return F_RUN;
    return F_NONE;
}

static int count_words(const char *list);

/* The series by place must be of the run's sites and camps and days: the
 * cumulative chart finds the totals' rows by counting (cumulative_chart). */
static int check_places(const char *path, const result_csv *pl, const result_csv *ens, diag *d)
{
    char sites[8192], camps[8192];
    names_with(ens, "stranded_", "_mean", "stranded_group_", sites, sizeof sites);
    names_with(ens, "capacity_", "_mean", NULL, camps, sizeof camps);
    long S = count_words(sites), C = count_words(camps);
    if (pl->per_kind[PLACE_ROW_SITE] != S || pl->per_kind[PLACE_ROW_CAMP] != C) {
        diag_add(d, "%s: %ld sites and %ld camps a day, where ensemble.csv has %ld and %ld", path,
                 pl->per_kind[PLACE_ROW_SITE], pl->per_kind[PLACE_ROW_CAMP], S, C);
        return -1;
    }
    if (pl->first != ens->first || pl->last != ens->last) {
        diag_add(d, "%s: not the days of ensemble.csv", path);
        return -1;
    }
    return 0;
}

/* Checks every CSV of a run folder (or a compare folder's policy folder) that
 * plot or the report reads; the files by place only where there are any (a
 * folder of an older campsim has none). */
static int check_run(const char *dir, result_csv *ens, diag *d)
{
    static const struct { const char *name; result_kind kind; int optional; } files[] = {
        {"series.csv", RESULT_SERIES, 0}, {"summary.csv", RESULT_SUMMARY, 0}, {"waits.csv", RESULT_WAITS, 0},
        {"places_ensemble.csv", RESULT_PLACES, 1}, {"summary_places.csv", RESULT_SUMMARY_PLACES, 1}};
    char p[4200];
    snprintf(p, sizeof p, "%s/ensemble.csv", dir);
    if (results_read(p, RESULT_ENSEMBLE, ens, d) != 0) return -1;
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        result_csv r;
        snprintf(p, sizeof p, "%s/%s", dir, files[i].name);
        if (files[i].optional && access(p, F_OK) != 0 && errno == ENOENT) continue;
        int rc = results_read(p, files[i].kind, &r, d);
        if (rc == 0 && files[i].kind == RESULT_PLACES) rc = check_places(p, &r, ens, d);
        results_free(&r);
        if (rc != 0) { results_free(ens); return -1; }
    }
    return 0;
}

static const char *const scripts_list[] = {"common.gp", "stranded.gp", "camps.gp", "flows.gp", "wait.gp",
                                           "deaths.gp", "water.gp", "cumulative.gp", "compare_stranded.gp",
                                           "compare_metrics.gp", "sensitivity.gp", "forecast.gp"};

/* A forecast folder (campsim forecast) holds forecast.csv and
 * forecast_observed.csv; its provenance.txt names the cut-off ("forecast:
 * fitted to the reports up to DATE, ..."): one chart of the first series in
 * forecast.csv. */
static void forecast_chart(plotter *pl, const char *dir)
{
    char p[4200], line[256], as_of[16] = "", series[128] = "";
    snprintf(p, sizeof p, "%s/provenance.txt", dir);
    FILE *f = fopen(p, "r");
    if (!f) return;
    while (!*as_of && fgets(line, sizeof line, f)) sscanf(line, "forecast: fitted to the reports up to %10[0-9-]", as_of);
    fclose(f);
    snprintf(p, sizeof p, "%s/forecast.csv", dir);
    if (!*as_of || !(f = fopen(p, "r"))) return;
    while (fgets(line, sizeof line, f))
        if (line[0] != '#' && strncmp(line, "date,", 5) && sscanf(line, "%*[^,],%127[^,]", series) == 1) break;
    fclose(f);
    const char *extra[] = {"../ensemble.csv", "../forecast_observed.csv", as_of, series};
    if (*series) chart(pl, "forecast", "../forecast.csv", extra, 4);
}

static int count_words(const char *list)
{
    int n = 0;
    for (const char *p = list; *p; p++) n += *p != ' ' && (p == list || p[-1] == ' ');
    return n;
}

/* The running totals of all sites and all camps, from places_ensemble.csv
 * (places.h: a row a day for each site, all sites, each camp, all camps, so the
 * rows of the totals follow from the sites and camps ensemble.csv names). A
 * folder of an older campsim has no such file, and no such chart. */
static void cumulative_chart(plotter *pl, const char *dir, const char *band, const char *sites, const char *camps)
{
    char p[4200], rows[3][16];
    snprintf(p, sizeof p, "%s/places_ensemble.csv", dir);
    if (access(p, R_OK) != 0) return;
    int S = count_words(sites), C = count_words(camps);
    snprintf(rows[0], sizeof rows[0], "%d", S + C + 2);
    snprintf(rows[1], sizeof rows[1], "%d", S);
    snprintf(rows[2], sizeof rows[2], "%d", S + C + 1);
    const char *extra[] = {band, rows[0], rows[1], rows[2]};
    chart(pl, "cumulative", "../places_ensemble.csv", extra, 4);
}

int plot_folder(const char *dir, const char *format, const char *observed, diag *d)
{
    char scripts[4096], path[4200], charts[4200];
    plot_scripts_dir(scripts, sizeof scripts);
    if (!format) format = "png";
    snprintf(charts, sizeof charts, "%s/charts", dir);
    enum folder kind = folder_kind(dir);
    if (kind == F_NONE) {
        diag_add(d, "%s: not a campsim result folder (it has no ensemble.csv, comparison.csv or sensitivity.csv)",
                 dir);
        return 2;
    }
    /* Every file is checked before anything is written. */
    result_csv main = {0}, ens = {0};
    int rc = 0;
    if (kind == F_SWEEP) {
        snprintf(path, sizeof path, "%s/sensitivity.csv", dir);
        rc = results_read(path, RESULT_SENSITIVITY, &main, d);
    } else if (kind == F_COMPARE) {
        snprintf(path, sizeof path, "%s/comparison.csv", dir);
        rc = results_read(path, RESULT_COMPARISON, &main, d);
        char *save = NULL, *pols = rc == 0 ? strdup(main.keys[0]) : NULL;
        if (rc == 0 && !pols) { diag_add(d, "out of memory"); rc = -1; }
        for (char *p = pols ? strtok_r(pols, " ", &save) : NULL; p && rc == 0; p = strtok_r(NULL, " ", &save)) {
            snprintf(path, sizeof path, "%s/%s", dir, p);
            result_csv e;
            rc = check_run(path, &e, d);
            if (rc == 0 && !ens.cols) ens = e;   /* the first policy's columns name the band */
            else if (rc == 0) results_free(&e);
        }
        free(pols);
        observed = NULL;   /* observations are drawn on a run's charts */
    } else {
        rc = check_run(dir, &ens, d);
    }
    char sites[8192] = "", camps[8192] = "", band[128] = "";
    if (ens.cols) {
        names_with(&ens, "stranded_", "_mean", "stranded_group_", sites, sizeof sites);
        names_with(&ens, "capacity_", "_mean", NULL, camps, sizeof camps);
        band_of(&ens, "stranded_", band, sizeof band);
    }
    /* The observations and the targets that pick them, read before anything is written too. */
    scenario *sc = NULL;
    observations *obs = NULL;
    if (rc == 0 && observed) {
        snprintf(path, sizeof path, "%s/run.cfg", dir);
        if (!(sc = scenario_load(path, NULL, 0, d)) || !(obs = observed_read(observed, d))) rc = -1;
    }
    if (rc != 0) {
        results_free(&main);
        results_free(&ens);
        scenario_free(sc);
        return 2;
    }
    if (mkdir(charts, 0777) != 0 && errno != EEXIST) {
        diag_add(d, "%s: cannot create: %s", charts, strerror(errno));
        results_free(&main);
        results_free(&ens);
        scenario_free(sc);
        observed_free(obs);
        return 1;
    }
    /* The scripts, to restyle and rerun by hand; one the user changed is kept and used. */
    if (chartscripts_install(scripts, charts, scripts_list, (int)(sizeof scripts_list / sizeof *scripts_list), d)) {
        results_free(&main);
        results_free(&ens);
        scenario_free(sc);
        observed_free(obs);
        return 1;
    }
    plotter pl = {charts, format, 0, 0, 0, d};
    if (kind == F_SWEEP) {   /* the Sobol indices of the key metrics */
        static const char *const key[] = {"peak_stranded", "border_deaths", "mean_wait_days"};
        char chosen[512] = "";
        for (size_t k = 0; k < sizeof key / sizeof *key; k++)
            if (in_list(main.keys[0], key[k])) { if (*chosen) strcat(chosen, " "); strcat(chosen, key[k]); }
        if (!*chosen) snprintf(chosen, sizeof chosen, "%.*s", (int)strcspn(main.keys[0], " "), main.keys[0]);
        const char *extra[] = {chosen, main.keys[1]};
        chart(&pl, "sensitivity", "../sensitivity.csv", extra, 2);
    } else if (kind == F_COMPARE) {   /* the policies are its sub-folders, in comparison.csv's order */
        char cband[128];
        band_of(&main, "", cband, sizeof cband);
        const char *e1[] = {band, main.keys[0]};
        chart(&pl, "compare_stranded", "..", e1, 2);
        char metrics[512] = "";
        static const char *const key[] = {"peak_stranded", "border_deaths", "mean_wait_days",
                                          "final_camp_population"};
        for (size_t k = 0; k < sizeof key / sizeof *key; k++)
            if (in_list(main.keys[1], key[k])) { if (*metrics) strcat(metrics, " "); strcat(metrics, key[k]); }
        const char *e2[] = {cband, metrics, main.keys[0]};
        chart(&pl, "compare_metrics", "../comparison.csv", e2, 3);
    } else {
        char obs_stranded[1024] = "", obs_camps[1024] = "";
        if (sc) observed_files(charts, sc, obs, &ens, sites, camps, obs_stranded, obs_camps, sizeof obs_stranded, d);
        const char *e_st[] = {band, sites, obs_stranded}, *e_camps[] = {band, camps, obs_camps};
        const char *e_band[] = {band}, *e_wait[] = {band, "../waits.csv"}, *e_places[] = {band, camps};
        chart(&pl, "stranded", "../ensemble.csv", e_st, 3);
        chart(&pl, "camps", "../ensemble.csv", e_camps, 3);
        chart(&pl, "flows", "../ensemble.csv", e_band, 1);
        chart(&pl, "wait", "../ensemble.csv", e_wait, 2);
        chart(&pl, "deaths", "../ensemble.csv", e_places, 2);
        /* The lines the water chart compares with: the scenario's standards, and the
         * minimum that days_below_water_minimum counts at the border (from run.cfg;
         * the defaults when it cannot be read: a chart never refuses a folder). */
        scenario *std_sc = sc;
        if (!std_sc) {
            diag quiet = {0};
            snprintf(path, sizeof path, "%s/run.cfg", dir);
            std_sc = scenario_load(path, NULL, 0, &quiet);
            diag_clear(&quiet);
        }
        char wb[32], wc[32], wm[32];
        snprintf(wb, sizeof wb, "%g", std_sc ? std_sc->standards.water_border_lpd : 15.0);
        snprintf(wc, sizeof wc, "%g", std_sc ? std_sc->standards.water_camp_lpd : 20.0);
        snprintf(wm, sizeof wm, "%g", std_sc ? std_sc->standards.water_minimum_lpd : 15.0);
        if (std_sc != sc) scenario_free(std_sc);
        const char *e_water[] = {band, camps, wb, wc, wm};
        chart(&pl, "water", "../ensemble.csv", e_water, 5);
        cumulative_chart(&pl, dir, band, sites, camps);
        forecast_chart(&pl, dir);
    }
    results_free(&main);
    results_free(&ens);
    scenario_free(sc);
    observed_free(obs);
    return pl.missing || pl.failed ? 1 : 0;
}

int cmd_plot(int argc, char **argv)
{
    static const struct option longs[] = {{"format", required_argument, 0, 'f'},
                                          {"observed", required_argument, 0, 'O'}, {0, 0, 0, 0}};
    const char *format = "png", *observed = NULL;
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":", longs, NULL)) != -1) {
        if (c == 'f') format = optarg;
        else if (c == 'O') observed = optarg;
        else { fprintf(stderr, "campsim plot: unknown option or missing value: %s\n", argv[optind - 1]); return 2; }
    }
    if (optind != argc - 1) { fprintf(stderr, "campsim plot: usage: campsim plot DIR [--format png|svg|pdf] [--observed FILE]\n"); return 2; }
    if (strcmp(format, "png") && strcmp(format, "svg") && strcmp(format, "pdf")) {
        fprintf(stderr, "campsim plot: --format must be png, svg or pdf, got %s\n", format);
        return 2;
    }
    const char *dir = argv[optind];
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) { fprintf(stderr, "%s: not an output folder\n", dir); return 2; }
    if (!output_is_marked(dir)) {   /* charts/ and report.md go only where campsim wrote the results */
        fprintf(stderr, "%s: not a campsim result folder (no %s mark): plot draws only into folders campsim wrote\n",
                dir, OUTDIR_MARK);
        return 2;
    }
    diag d = {0};
    /* What plot writes joins the list of what campsim wrote: the folder's own, or
     * that of the comparison it is a policy of. */
    char holder[4200];
    snprintf(holder, sizeof holder, "%s", dir);
    for (int up = 0; up < 4 && output_is_marked(holder) && !inventory_exists(holder); up++)
        snprintf(holder + strlen(holder), sizeof holder - strlen(holder), "/..");
    struct timespec since;
    int listed = inventory_exists(holder) && inventory_now(holder, &since) == 0;
    int rc = plot_folder(dir, format, observed, &d);
    char sens[4200];   /* report.md is for run and compare folders; a sweep's is its chart */
    snprintf(sens, sizeof sens, "%s/sensitivity.csv", dir);
    if (rc != 2 && access(sens, F_OK) != 0) {   /* with the charts that were drawn; never over yours */
        char md[4300], html[4300];
        snprintf(md, sizeof md, "%s/report.md", dir);
        snprintf(html, sizeof html, "%s/report.html", dir);
        const char *yours = !listed ? NULL : inventory_is_foreign(holder, md) ? md
                          : inventory_is_foreign(holder, html) ? html : NULL;
        if (yours)
            diag_add(&d, "warning: %s: kept as you changed it, so the report of these charts is not written "
                         "(move it away and plot again to have it)", yours);
        else report_write(dir, &d);
    }
    if (listed && rc != 2) inventory_write(holder, &since, &d);   /* 2: nothing was written */
    diag_print(&d);
    diag_clear(&d);
    if (rc != 2) fprintf(stderr, "charts in %s/charts/\n", dir);
    return rc;
}
