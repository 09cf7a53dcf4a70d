/* outdir: result folders, their mark, and writing them whole or not at all
 * (see outdir.h). */
#define _GNU_SOURCE   /* renameat2 */
#include "outdir.h"
#include "chartscripts.h"
#include "inventory.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- removing ---- */

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st; (void)flag; (void)ftw;
    return remove(path);
}

int output_remove_tree(const char *path)
{
    return nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* An earlier folder that stays behind is said, not left silently. */
static void remove_or_warn(const char *path, diag *d)
{
    if (output_remove_tree(path) != 0)
        diag_add(d, "warning: %s: cannot remove the earlier results kept here: %s", path, strerror(errno));
}

/* ---- the mark ---- */

static int write_mark(const char *dir, long retired_by, diag *d)
{
    char path[4200], host[256] = "";
    snprintf(path, sizeof path, "%s/%s", dir, OUTDIR_MARK);
    gethostname(host, sizeof host - 1);
    FILE *f = fopen(path, "w");
    if (!f) { diag_add(d, "%s: cannot write: %s", path, strerror(errno)); return -1; }
    fprintf(f, "%s\nversion %s\npid %ld\nhost %s\n", OUTDIR_MAGIC, CAMPSIM_VERSION, (long)getpid(), host);
    if (retired_by) fprintf(f, "retired %ld %s\n", retired_by, host);
    int bad = ferror(f);
    if (fclose(f) != 0 || bad) { diag_add(d, "%s: write failed: %s", path, strerror(errno ? errno : EIO)); return -1; }
    return 0;
}

int output_mark(const char *dir, diag *d) { return write_mark(dir, 0, d); }

typedef struct { int magic; long pid, retired; char host[256], retired_host[256]; } mark;

static int read_mark(const char *dir, mark *m)
{
    memset(m, 0, sizeof *m);
    char path[4200], line[512];
    snprintf(path, sizeof path, "%s/%s", dir, OUTDIR_MARK);
    FILE *f = fopen(path, "r");
    if (!f) return 0;
    for (int n = 0; fgets(line, sizeof line, f); n++) {
        line[strcspn(line, "\r\n")] = 0;
        if (n == 0) m->magic = strcmp(line, OUTDIR_MAGIC) == 0;
        else if (sscanf(line, "pid %ld", &m->pid) == 1) {}
        else if (sscanf(line, "host %255s", m->host) == 1) {}
        else sscanf(line, "retired %ld %255s", &m->retired, m->retired_host);
    }
    fclose(f);
    return m->magic;
}

int output_is_marked(const char *dir)
{
    mark m;
    return read_mark(dir, &m);
}

/* ---- what a marked folder holds that is not campsim's ---- */

/* The foreign entries that replacing a folder would delete: not the chart
 * scripts (carried over into the new folder, chartscripts_carry), nor, when
 * `kept` names the new folder, what it holds as it is there. */
typedef struct {
    const char *final, *kept;
    char first[4200];
    int n;
} strays;

static int stray(const char *rel, int script, void *ctx)
{
    strays *x = ctx;
    if (script && !x->kept) return 0;
    if (script) {   /* carried over at the start: kept only if it is still as it was then */
        char a[8400], b[8400];
        unsigned long long sa, sb;
        snprintf(a, sizeof a, "%s/%s", x->final, rel);
        snprintf(b, sizeof b, "%s/%s", x->kept, rel);
        if (inventory_checksum(a, &sa) == 0 && inventory_checksum(b, &sb) == 0 && sa == sb) return 0;
    }
    if (!x->n++) snprintf(x->first, sizeof x->first, "%s", rel);
    return 0;
}

/* ---- where results may go ---- */

static int is_empty_dir(const char *path)
{
    DIR *dir = opendir(path);
    if (!dir) return 0;
    struct dirent *de;
    int empty = 1;
    while (empty && (de = readdir(dir)))
        if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..")) empty = 0;
    closedir(dir);
    return empty;
}

/* 1 when folder a (a real path) is b or holds it. */
static int same_or_above(const char *a, const char *b)
{
    size_t n = strlen(a);
    if (strcmp(a, "/") == 0) return 1;
    return strncmp(a, b, n) == 0 && (b[n] == 0 || b[n] == '/');
}

/* The real path of the folder holding file `path`, into out; 0 or -1. */
static int folder_of(const char *path, char *out)
{
    char real[PATH_MAX];
    if (!path || !realpath(path, real)) return -1;
    char *slash = strrchr(real, '/');
    if (slash == real) slash[1] = 0;
    else *slash = 0;
    snprintf(out, PATH_MAX, "%s", real);
    return 0;
}

/* The folder results would be created in: final's parent, or its nearest
 * existing ancestor when final does not exist. */
static int check_parent(const char *final, diag *d)
{
    char p[4096];
    snprintf(p, sizeof p, "%s", final);
    struct stat st;
    for (;;) {
        char *slash = strrchr(p, '/');
        if (!slash) { snprintf(p, sizeof p, "."); }
        else if (slash == p) p[1] = 0;
        else *slash = 0;
        if (lstat(p, &st) == 0 || errno != ENOENT || !strcmp(p, ".") || !strcmp(p, "/")) break;
    }
    if (stat(p, &st) != 0 || !S_ISDIR(st.st_mode)) {
        diag_add(d, "-o %s: cannot create it: %s is not a folder", final, p);
        return 2;
    }
    if (access(p, W_OK | X_OK) != 0) {
        diag_add(d, "-o %s: cannot create it in %s: %s", final, p, strerror(errno));
        return 2;
    }
    return 0;
}

int output_check(const char *final, const outdir_rules *r, diag *d)
{
    if (!*final) {
        diag_add(d, "-o \"\": an empty folder name: give -o the name of a new folder for the results");
        return 2;
    }
    const char *slash = strrchr(final, '/'), *last = slash ? slash + 1 : final;
    int dots = !strcmp(last, ".") || !strcmp(last, "..");   /* "res/." would put res.tmp-N inside res */
    struct stat st;
    if (lstat(final, &st) != 0) {
        if (errno != ENOENT) { diag_add(d, "-o %s: %s", final, strerror(errno)); return 2; }
        return check_parent(final, d);
    }
    if (S_ISLNK(st.st_mode)) {
        diag_add(d, "-o %s: is a symbolic link: give -o the folder itself, or a new folder's name", final);
        return 2;
    }
    if (!S_ISDIR(st.st_mode)) {
        diag_add(d, "-o %s: exists and is not a folder: give -o a new folder's name", final);
        return 2;
    }
    char real[PATH_MAX], other[PATH_MAX], cwd[PATH_MAX];
    if (!realpath(final, real)) { diag_add(d, "-o %s: %s", final, strerror(errno)); return 2; }
    const char *why = NULL;
    const char *home = getenv("HOME");
    if (!strcmp(real, "/")) why = "is the root folder";
    else if (home && *home && realpath(home, other) && same_or_above(real, other)) why = "is your home folder or holds it";
    else if (getcwd(cwd, sizeof cwd) && realpath(cwd, other) && same_or_above(real, other))
        why = "is the current folder or holds it";
    else if (folder_of(r->config, other) == 0 && same_or_above(real, other)) why = "holds the config file";
    else if (folder_of(r->observed, other) == 0 && same_or_above(real, other)) why = "holds the observations file";
    if (!why && dots) why = "ends in . or ..";
    if (why) {
        diag_add(d, "-o %s: %s, which campsim never replaces (not even with --force): give -o a new folder's name",
                 final, why);
        return 2;
    }
    if (!output_is_marked(final) && !is_empty_dir(final) && !r->force) {
        diag_add(d, "-o %s: holds files campsim did not write (not empty, no %s mark), which it will not replace: "
                    "give -o a new folder's name, or add --force to replace the folder and everything in it",
                 final, OUTDIR_MARK);
        return 2;
    }
    if (output_is_marked(final) && !r->force) {
        strays x = {final, NULL, {0}, 0};
        inventory_foreign(final, stray, &x);
        if (x.n) {
            diag_add(d, "-o %s: holds %s%s, which campsim did not write (or which changed since it did), and replacing "
                        "the folder would delete it: move it out, give -o a new folder's name, or add --force to "
                        "replace the folder and everything in it", final, x.first, x.n > 1 ? " and other files" : "");
            return 2;
        }
    }
    return check_parent(final, d);
}

/* ---- writing a folder whole ---- */

static int mkdir_parents(const char *path)
{
    char buf[4096];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/') continue;
        *p = 0;
        if (mkdir(buf, 0777) != 0 && errno != EEXIST) return -1;
        *p = '/';
    }
    return 0;
}

static int running(long pid) { return kill((pid_t)pid, 0) == 0 || errno == EPERM; }

/* Removes what killed runs on this host left beside `final`: "<base>.tmp-N"
 * whose mark says process N made it, "<base>.old-N" whose mark says process N
 * retired it, N no longer running. A name alone is never enough: a user's
 * "res.old-20240101" has no such mark (a copy of a result folder has the
 * maker's pid, never a matching "retired" line) and stays. */
static void clean_stale(const char *final, diag *d)
{
    char parent[4096], base[1024], host[256] = "";
    gethostname(host, sizeof host - 1);
    snprintf(parent, sizeof parent, "%s", final);
    char *slash = strrchr(parent, '/');
    if (slash) { snprintf(base, sizeof base, "%s", slash + 1); slash[1] = 0; }
    else { snprintf(base, sizeof base, "%s", final); snprintf(parent, sizeof parent, "./"); }
    DIR *dir = opendir(parent);
    if (!dir) return;
    struct dirent *de;
    size_t bl = strlen(base);
    while ((de = readdir(dir))) {
        if (strncmp(de->d_name, base, bl) != 0) continue;
        const char *rest = de->d_name + bl;
        int tmp = strncmp(rest, ".tmp-", 5) == 0;
        if (!tmp && strncmp(rest, ".old-", 5) != 0) continue;
        char *end;
        long pid = strtol(rest + 5, &end, 10);
        if (*end || pid <= 0 || running(pid)) continue;
        char path[8192];
        snprintf(path, sizeof path, "%s%s", parent, de->d_name);
        struct stat st;
        mark m;
        if (lstat(path, &st) != 0 || !S_ISDIR(st.st_mode) || !read_mark(path, &m)) continue;
        int ours = tmp ? m.pid == pid && !strcmp(m.host, host) && !m.retired
                       : m.retired == pid && !strcmp(m.retired_host, host);
        if (ours) remove_or_warn(path, d);
    }
    closedir(dir);
}

int output_begin(const char *final, char *tmp, size_t n, diag *d)
{
    if (mkdir_parents(final) != 0) {
        diag_add(d, "%s: cannot create the folder: %s", final, strerror(errno));
        return -1;
    }
    clean_stale(final, d);
    snprintf(tmp, n, "%s.tmp-%ld", final, (long)getpid());
    if (mkdir(tmp, 0777) != 0) {   /* an existing one is not ours to reuse: this process did not make it */
        diag_add(d, "%s: cannot create a folder beside it (%s): %s", final, tmp, strerror(errno));
        tmp[0] = 0;
        return -1;
    }
    if (output_mark(tmp, d) != 0) {
        output_abort(tmp);
        tmp[0] = 0;
        return -1;
    }
    /* A restyled chart script goes on with the folder, as `plot` keeps it. */
    if (output_is_marked(final) && chartscripts_carry(final, tmp, d) != 0) {
        output_abort(tmp);
        tmp[0] = 0;
        return -1;
    }
    return 0;
}

/* The finished results stay, beside final, when final may not be replaced. */
static int keep_aside(const char *tmp, const char *final, const char *why, diag *d)
{
    char aside[4200];
    snprintf(aside, sizeof aside, "%s.new-%ld", final, (long)getpid());
    if (rename(tmp, aside) == 0)
        diag_add(d, "%s: %s, which campsim will not replace; the results are in %s", final, why, aside);
    else
        diag_add(d, "%s: %s, which campsim will not replace; the results are not saved (%s: %s)", final, why, tmp,
                 strerror(errno));
    return -1;
}

int output_commit(const char *tmp, const char *final, int force, diag *d)
{
    if (inventory_write(tmp, NULL, d) != 0)   /* without it the folder is replaced whole next time, as an older one */
        diag_add(d, "warning: %s: the list of what campsim wrote is missing, so a later run will replace the "
                    "whole folder", final);
    struct stat st;
    if (lstat(final, &st) != 0) {
        if (rename(tmp, final) == 0) return 0;
        diag_add(d, "%s: cannot rename the results into place: %s", final, strerror(errno));
        return -1;
    }
    /* Checked before the run; checked again, as the folder may have changed since. */
    if (S_ISLNK(st.st_mode) || !S_ISDIR(st.st_mode) ||
        (!output_is_marked(final) && !is_empty_dir(final) && !force))
        return keep_aside(tmp, final, "is now something campsim did not write", d);
    if (!force) {   /* a file put into it during the run */
        strays x = {final, tmp, {0}, 0};
        inventory_foreign(final, stray, &x);
        if (x.n) {
            char why[4400];
            snprintf(why, sizeof why, "now holds %s%s, which campsim did not write", x.first,
                     x.n > 1 ? " and other files" : "");
            return keep_aside(tmp, final, why, d);
        }
    }
    /* Swap the two folders in one step, so that there is no moment without a
     * complete folder at `final`; then remove the earlier one, now at tmp. */
    if (renameat2(AT_FDCWD, tmp, AT_FDCWD, final, RENAME_EXCHANGE) == 0) {
        remove_or_warn(tmp, d);
        return 0;
    }
    /* No exchange on this file system: move the earlier folder aside under a
     * mark saying this process retired it, so that a killed run's leftover is
     * recognised as its own. */
    char old[4096];
    snprintf(old, sizeof old, "%s.old-%ld", final, (long)getpid());
    if (write_mark(final, (long)getpid(), d) != 0 || rename(final, old) != 0) {
        diag_add(d, "%s: cannot move the earlier results aside: %s", final, strerror(errno));
        return -1;
    }
    if (rename(tmp, final) != 0) {
        diag_add(d, "%s: cannot rename the results into place: %s (the earlier results are in %s)", final,
                 strerror(errno), old);
        return -1;
    }
    remove_or_warn(old, d);
    return 0;
}

void output_abort(const char *tmp)
{
    if (tmp && *tmp) output_remove_tree(tmp);
}
