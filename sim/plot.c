/* plot: charts with gnuplot, run as a program (posix_spawn, no shell), its
 * exit status checked and its standard error read: any output there (a warning
 * too) is a failure, so a chart never silently misses a line. */
#include "plot.h"
#include "commands.h"
#include "observed.h"
#include "outdir.h"
#include "dates.h"
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

#define MAX_NAMES 2048

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

/* The header row of a CSV (after "#" lines); NULL when the file is missing,
 * empty or has no header. */
static char *header_of(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) return NULL;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, f)) > 0 && line[0] == '#') {}
    fclose(f);
    if (n <= 0 || !strchr(line, ',')) { free(line); return NULL; }
    line[strcspn(line, "\r\n")] = 0;
    return line;
}

/* Names X of header columns "<prefix>X<suffix>", space-separated, into out. */
static void names_with(const char *header, const char *prefix, const char *suffix, const char *not_prefix,
                       char *out, size_t n)
{
    out[0] = 0;
    char *h = strdup(header), *save = NULL;
    size_t pl = strlen(prefix), sl = strlen(suffix);
    for (char *c = strtok_r(h, ",", &save); c; c = strtok_r(NULL, ",", &save)) {
        size_t cl = strlen(c);
        if (cl <= pl + sl || strncmp(c, prefix, pl) || strcmp(c + cl - sl, suffix)) continue;
        if (not_prefix && !strncmp(c, not_prefix, strlen(not_prefix))) continue;
        size_t used = strlen(out);
        if (used + (cl - pl - sl) + 2 >= n) break;
        if (used) strcat(out, " ");
        strncat(out, c + pl, cl - pl - sl);
    }
    free(h);
}

/* Runs gnuplot -c script args...; its standard error goes to a temporary file
 * and is shown in d when not empty. Returns 0, 1 on failure, 3 when gnuplot is
 * not installed. */
static int gnuplot(const char *scripts, const char *script, const char *const *args, int nargs, diag *d)
{
    char path[4200], errfile[] = "/tmp/campsim-gnuplot-XXXXXX";
    snprintf(path, sizeof path, "%s/%s", scripts, script);
    int fd = mkstemp(errfile);
    if (fd < 0) { diag_add(d, "cannot make a temporary file: %s", strerror(errno)); return 1; }
    const char *argv[16] = {"gnuplot", "-c", path};
    int k = 3;
    for (int i = 0; i < nargs && k < 15; i++) argv[k++] = args[i];
    argv[k] = NULL;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fd, 2);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    pid_t pid;
    int rc = posix_spawnp(&pid, "gnuplot", &fa, NULL, (char *const *)argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0) { close(fd); unlink(errfile); return rc == ENOENT ? 3 : 1; }
    int status;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
    char msg[2048] = "";
    ssize_t got = pread(fd, msg, sizeof msg - 1, 0);
    close(fd);
    unlink(errfile);
    if (got > 0) msg[got] = 0;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 127) return 3;   /* the shell-less spawn of a missing program */
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || got > 0) {
        msg[strcspn(msg, "\0")] = 0;
        diag_add(d, "gnuplot %s failed%s%s", script, got > 0 ? ": " : "", got > 0 ? msg : "");
        return 1;
    }
    return 0;
}

/* Renders one chart to charts/NAME.FORMAT through a temporary name. */
static int chart(const char *dir, const char *scripts, const char *name, const char *format, const char *data,
                 const char *extra1, const char *extra2, diag *d)
{
    char tmp[4200], final[4200];
    snprintf(tmp, sizeof tmp, "%s/charts/.%s.tmp.%s", dir, name, format);
    snprintf(final, sizeof final, "%s/charts/%s.%s", dir, name, format);
    char script[64];
    snprintf(script, sizeof script, "%s.gp", name);
    const char *args[5] = {data, tmp, format, extra1 ? extra1 : "", extra2 ? extra2 : ""};
    int rc = gnuplot(scripts, script, args, extra2 ? 5 : extra1 ? 4 : 3, d);
    if (rc == 0 && rename(tmp, final) != 0) {
        diag_add(d, "%s: cannot write: %s", final, strerror(errno));
        rc = 1;
    }
    if (rc) unlink(tmp);
    return rc;
}

/* The first and last date of a CSV whose second field is a date. */
static int date_range(const char *path, long *first, long *last)
{
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    char *line = NULL;
    size_t cap = 0;
    int n = 0;
    while (getline(&line, &cap, f) > 0) {
        char *c = strchr(line, ',');
        long day;
        if (line[0] == '#' || !c || strlen(c) < 11) continue;
        c[11] = 0;
        if (date_parse(c + 1, &day) != 0) continue;
        if (n++ == 0) *first = day;
        *last = day;
    }
    free(line);
    fclose(f);
    return n > 0 ? 0 : -1;
}

/* Observations of (site, variable) inside [first, last] as date,value,low,high
 * for the charts. */
static int observed_csv(const observations *o, const char *site, const char *variable, long first, long last,
                        const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f) return -1;
    fputs("date,value,low,high\n", f);
    int n = 0;
    for (size_t i = 0; i < o->n; i++) {
        const observation *ob = &o->v[i];
        if (strcmp(ob->site, site) || strcmp(ob->variable, variable) || ob->day < first || ob->day > last) continue;
        char date[11];
        date_format(ob->day, date);
        double v = ob->has_value ? ob->value : (ob->has_low && ob->has_high ? (ob->low + ob->high) / 2
                                                : ob->has_low ? ob->low : ob->high);
        fprintf(f, "%s,%.10g,%.10g,%.10g\n", date, v, ob->has_low ? ob->low : v, ob->has_high ? ob->high : v);
        n++;
    }
    fclose(f);
    return n;
}

static int copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb"), *out = in ? fopen(to, "wb") : NULL;
    char buf[8192];
    size_t n;
    int rc = in && out ? 0 : -1;
    while (rc == 0 && (n = fread(buf, 1, sizeof buf, in)) > 0)
        if (fwrite(buf, 1, n, out) != n) rc = -1;
    if (in) fclose(in);
    if (out && fclose(out) != 0) rc = -1;
    return rc;
}

/* chart() returns 3 when gnuplot is missing: said once, and the run still has its files. */
static int no_gnuplot(diag *d, const char *charts)
{
    diag_add(d, "gnuplot is not installed: no charts drawn; the CSV files and the scripts (in %s) are there "
                "to draw them later", charts);
    return 1;
}

/* The distinct values of field `k` (0-based) of a CSV's rows, in order of first
 * appearance, separated by spaces (the form gnuplot's words() takes). Comment
 * lines and the header are skipped; values that would overflow `out` are left out. */
static void distinct_field(const char *path, int k, char *out, size_t size)
{
    char *line = NULL;
    size_t cap = 0;
    int header = 1;
    out[0] = 0;
    FILE *f = fopen(path, "r");
    while (f && getline(&line, &cap, f) > 0) {
        if (line[0] == '#') continue;
        if (header) { header = 0; continue; }
        char *field = line;
        for (int i = 0; i < k && field; i++) field = strchr(field, ',') ? strchr(field, ',') + 1 : NULL;
        if (!field) continue;
        field[strcspn(field, ",\r\n")] = 0;
        if (!*field) continue;
        char word[300], padded[8200];
        snprintf(word, sizeof word, " %s ", field);
        snprintf(padded, sizeof padded, " %s ", out);
        if (!strstr(padded, word) && strlen(out) + strlen(field) + 2 < size) {
            if (*out) strcat(out, " ");
            strcat(out, field);
        }
    }
    if (f) fclose(f);
    free(line);
}

int plot_folder(const char *dir, const char *format, const char *observed, diag *d)
{
    char scripts[4096], path[4200], charts[4200];
    plot_scripts_dir(scripts, sizeof scripts);
    if (!format) format = "png";
    snprintf(charts, sizeof charts, "%s/charts", dir);
    if (mkdir(charts, 0777) != 0 && errno != EEXIST) { diag_add(d, "%s: cannot create: %s", charts, strerror(errno)); return 1; }
    static const char *const gp[] = {"common.gp", "stranded.gp", "camps.gp", "flows.gp", "wait.gp", "deaths.gp",
                                     "water.gp", "compare_stranded.gp", "compare_metrics.gp",
                                     "sensitivity.gp"};
    for (size_t i = 0; i < sizeof gp / sizeof *gp; i++) {   /* to restyle and rerun by hand */
        char from[4200], to[4300];
        snprintf(from, sizeof from, "%s/%s", scripts, gp[i]);
        snprintf(to, sizeof to, "%s/%s", charts, gp[i]);
        if (copy_file(from, to) != 0) { diag_add(d, "%s: cannot copy the gnuplot script (scripts in %s)", from, scripts); return 1; }
    }
    observations *obs = NULL;
    char obs_stranded[4300] = "", obs_camp[4300] = "";
    long first = 0, last = 0;
    snprintf(path, sizeof path, "%s/series.csv", dir);
    if (observed && date_range(path, &first, &last) != 0) {
        snprintf(path, sizeof path, "%s/ensemble.csv", dir);   /* a compare folder has neither: nothing to mark */
        observed = NULL;
    }
    if (observed) {
        if (!(obs = observed_read(observed, d))) return 2;
        snprintf(obs_stranded, sizeof obs_stranded, "%s/observed_stranded.csv", charts);
        snprintf(obs_camp, sizeof obs_camp, "%s/observed_camp.csv", charts);
        if (observed_csv(obs, "berm_total", "stranded_population_est", first, last, obs_stranded) <= 0) obs_stranded[0] = 0;
        if (observed_csv(obs, "azraq", "population_in_camp", first, last, obs_camp) <= 0) obs_camp[0] = 0;
        observed_free(obs);
    }
    int rc = 0;
    snprintf(path, sizeof path, "%s/sensitivity.csv", dir);
    char *sens = header_of(path);
    if (sens) {   /* a sweep folder: the Sobol indices of its metrics */
        int ok = strncmp(sens, "metric,parameter,S1,", 20) == 0;
        free(sens);
        if (!ok) { diag_add(d, "%s:1: header: not a sensitivity.csv (metric,parameter,S1,...)", path); return 2; }
        char params[8192], metrics[8192], chosen[512] = "";
        distinct_field(path, 1, params, sizeof params);
        distinct_field(path, 0, metrics, sizeof metrics);
        if (!*params) { diag_add(d, "%s: no rows", path); return 2; }
        static const char *const key[] = {"peak_stranded", "border_deaths", "mean_wait_days"};
        char padded[8200];
        snprintf(padded, sizeof padded, " %s ", metrics);
        for (size_t k = 0; k < sizeof key / sizeof *key; k++) {
            char word[64];
            snprintf(word, sizeof word, " %s ", key[k]);
            if (strstr(padded, word)) { if (*chosen) strcat(chosen, " "); strcat(chosen, key[k]); }
        }
        if (!*chosen) snprintf(chosen, sizeof chosen, "%.*s", (int)strcspn(metrics, " "), metrics);
        rc = chart(dir, scripts, "sensitivity", format, path, chosen, params, d);
        return rc == 3 ? no_gnuplot(d, charts) : rc;
    }
    snprintf(path, sizeof path, "%s/comparison.csv", dir);
    char *cmp = header_of(path);
    if (cmp) {   /* a compare folder: the policies are its sub-folders, in comparison.csv's order */
        char policies[8192];
        distinct_field(path, 0, policies, sizeof policies);
        free(cmp);
        if (!*policies) { diag_add(d, "%s: no policy rows", path); return 2; }
        rc = chart(dir, scripts, "compare_stranded", format, dir, policies, NULL, d);
        if (rc == 0)
            rc = chart(dir, scripts, "compare_metrics", format, path,
                       "peak_stranded border_deaths mean_wait_days final_camp_population", policies, d);
        return rc == 3 ? no_gnuplot(d, charts) : rc;
    }
    char ens[4200], waits[4200];
    snprintf(ens, sizeof ens, "%s/ensemble.csv", dir);
    snprintf(waits, sizeof waits, "%s/waits.csv", dir);
    char *h = header_of(ens);
    if (!h) { diag_add(d, "%s: missing, or not a CSV file with a header", ens); return 2; }
    if (!strstr(h, ",stranded_mean") || !strstr(h, ",stranded_p05")) {
        diag_add(d, "%s:1: header: not an ensemble.csv (no stranded_mean, stranded_p05)", ens);
        free(h);
        return 2;
    }
    char *wh = header_of(waits);
    if (!wh) { diag_add(d, "%s: missing, or not a CSV file with a header", waits); free(h); return 2; }
    free(wh);
    char sites[8192], camps[8192];
    names_with(h, "stranded_", "_mean", "stranded_group_", sites, sizeof sites);
    names_with(h, "capacity_", "_mean", NULL, camps, sizeof camps);
    free(h);
    struct { const char *name, *a, *b; } list[] = {
        {"stranded", sites, obs_stranded[0] ? obs_stranded : NULL},
        {"camps", camps, obs_camp[0] ? obs_camp : NULL},
        {"flows", NULL, NULL},
        {"wait", waits, NULL},
        {"deaths", NULL, NULL},
        {"water", NULL, NULL},
    };
    for (size_t i = 0; i < sizeof list / sizeof *list && rc == 0; i++)
        rc = chart(dir, scripts, list[i].name, format, ens, list[i].a, list[i].b, d);
    return rc == 3 ? no_gnuplot(d, charts) : rc;
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
    int rc = plot_folder(dir, format, observed, &d);
    char sens[4200];   /* report.md is for run and compare folders; a sweep's is its chart */
    snprintf(sens, sizeof sens, "%s/sensitivity.csv", dir);
    if (rc == 0 && access(sens, F_OK) != 0) report_write(dir, &d);
    diag_print(&d);
    diag_clear(&d);
    if (rc == 0) fprintf(stderr, "charts in %s/charts/\n", dir);
    return rc;
}
