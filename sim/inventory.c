/* inventory: what campsim wrote in a result folder (see inventory.h). */
#include "inventory.h"
#include "chartscripts.h"
#include "outdir.h"
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define INVENTORY_HEAD "campsim result files: the checksum (FNV-1a 64) and path of each file campsim wrote here"
#define INVENTORY_TMP ".campsim-files.tmp"

int inventory_checksum(const char *path, unsigned long long *sum)
{
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    unsigned long long h = 0xcbf29ce484222325ull;
    unsigned char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        for (size_t i = 0; i < n; i++) h = (h ^ buf[i]) * 0x100000001b3ull;
    int rc = ferror(f) ? -1 : 0;
    fclose(f);
    *sum = h;
    return rc;
}

/* ---- the list ---- */

typedef struct {
    char *path;
    unsigned long long sum;
} item;

typedef struct {
    item *v;
    size_t n, cap;
} list;

static void list_free(list *l)
{
    for (size_t i = 0; i < l->n; i++) free(l->v[i].path);
    free(l->v);
    memset(l, 0, sizeof *l);
}

static int list_add(list *l, const char *path, unsigned long long sum)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 64;
        item *v = realloc(l->v, cap * sizeof *v);
        if (!v) return -1;
        l->v = v;
        l->cap = cap;
    }
    if (!(l->v[l->n].path = strdup(path))) return -1;
    l->v[l->n++].sum = sum;
    return 0;
}

static int by_path(const void *a, const void *b) { return strcmp(((const item *)a)->path, ((const item *)b)->path); }

static const item *list_find(const list *l, const char *path)
{
    item key = {(char *)path, 0};
    return l->n ? bsearch(&key, l->v, l->n, sizeof *l->v, by_path) : NULL;
}

/* dir's inventory into l: 1, or 0 when there is none of campsim's, -1 out of memory. */
static int load(const char *dir, list *l)
{
    memset(l, 0, sizeof *l);
    char path[4200];
    snprintf(path, sizeof path, "%s/%s", dir, INVENTORY_FILE);
    FILE *f = fopen(path, "r");
    if (!f) return 0;
    char *line = NULL;
    size_t cap = 0;
    ssize_t len = getline(&line, &cap, f);
    int rc = len > 0 && strncmp(line, INVENTORY_HEAD "\n", (size_t)len) == 0 ? 1 : 0;
    while (rc == 1 && (len = getline(&line, &cap, f)) > 18) {
        line[len - 1] = 0;   /* "<16 hex> <path>\n"; a path never holds a newline campsim wrote */
        unsigned long long sum;
        if (line[16] == ' ' && sscanf(line, "%16llx", &sum) == 1 && list_add(l, line + 17, sum) != 0) rc = -1;
    }
    free(line);
    fclose(f);
    if (rc != 1) list_free(l);
    else qsort(l->v, l->n, sizeof *l->v, by_path);
    return rc;
}

int inventory_exists(const char *dir)
{
    list l;
    int rc = load(dir, &l);
    list_free(&l);
    return rc == 1;
}

/* ---- walking a folder ---- */

/* A gnuplot script in a charts/ folder: the charts manifest answers for it. */
static int is_chart_script(const char *rel)
{
    const char *slash = strrchr(rel, '/'), *name = slash ? slash + 1 : rel;
    size_t n = strlen(name);
    if (n < 4 || strcmp(name + n - 3, ".gp") != 0 || !slash) return 0;
    return slash - rel == 6 ? strncmp(rel, "charts", 6) == 0 : slash - rel > 6 && strncmp(slash - 7, "/charts", 7) == 0;
}

/* The files campsim keeps for itself at the top of a folder. */
static int is_own(const char *name)
{
    return !strcmp(name, OUTDIR_MARK) || !strcmp(name, INVENTORY_FILE) || !strcmp(name, INVENTORY_TMP);
}

static int by_name(const struct dirent **a, const struct dirent **b) { return strcmp((*a)->d_name, (*b)->d_name); }
static int not_dots(const struct dirent *e) { return strcmp(e->d_name, ".") && strcmp(e->d_name, ".."); }

typedef struct {
    const char *top;   /* the folder walked */
    int (*file)(void *ctx, const char *abs, const char *rel, const struct stat *st, const char *sub);
    void *ctx;
    int enter;   /* 1: into marked folders with an inventory of their own too (listing); 0: they answer for themselves */
    int stop;
} walker;

/* Calls w->file for every entry under top/rel that is not a folder (rel is ""
 * or ends in '/'); for every folder below top with a mark and an inventory of
 * its own (sub is then that folder's relative path: the walk does not enter
 * it, unless w->enter); and for every folder it cannot read, as an entry of
 * its own (what it holds cannot be vouched for). Returns -1 when top/rel
 * itself cannot be read. */
static int walk(walker *w, const char *rel)
{
    char abs[8300];
    snprintf(abs, sizeof abs, "%s/%s", w->top, rel);
    struct dirent **names;
    int n = scandir(abs, &names, not_dots, by_name);
    for (int i = 0; i < n; i++) {
        char path[8300], sub[4300];
        snprintf(sub, sizeof sub, "%s%s", rel, names[i]->d_name);
        snprintf(path, sizeof path, "%s/%s", w->top, sub);
        struct stat st;
        if (!w->stop && !(!*rel && is_own(names[i]->d_name)) && lstat(path, &st) == 0) {
            size_t k = strlen(sub);
            if (!S_ISDIR(st.st_mode)) w->stop = w->file(w->ctx, path, sub, &st, NULL);
            else if (!w->enter && output_is_marked(path) && inventory_exists(path))
                w->stop = w->file(w->ctx, path, sub, &st, sub);
            else if (snprintf(sub + k, sizeof sub - k, "/") && walk(w, sub) != 0) {
                sub[k] = 0;
                w->stop = w->file(w->ctx, path, sub, &st, NULL);
            }
        }
        free(names[i]);
    }
    if (n < 0) return -1;
    free(names);
    return 0;
}

/* ---- what is foreign ---- */

typedef struct {
    list inv;
    int (*each)(const char *rel, int script, void *ctx);
    void *ctx;
    int found;
} foreign;

typedef struct {
    foreign *f;
    const char *prefix;   /* the nested folder's path from the top */
} nested;

static int nested_each(const char *rel, int script, void *ctx)
{
    nested *n = ctx;
    char full[8300];
    snprintf(full, sizeof full, "%s/%s", n->prefix, rel);
    n->f->found++;
    return n->f->each(full, script, n->f->ctx);
}

static int foreign_file(void *ctx, const char *abs, const char *rel, const struct stat *st, const char *sub)
{
    foreign *f = ctx;
    if (sub) {   /* answers for itself */
        nested n = {f, sub};
        return inventory_foreign(abs, nested_each, &n) < 0;
    }
    unsigned long long sum;
    int script = is_chart_script(rel), ours = 0;
    if (S_ISREG(st->st_mode) && inventory_checksum(abs, &sum) == 0) {
        if (script) {
            char charts[8300];
            snprintf(charts, sizeof charts, "%.*s", (int)(strrchr(abs, '/') - abs), abs);
            ours = chartscripts_vouched(charts, strrchr(rel, '/') + 1, sum);
        } else {
            const item *it = list_find(&f->inv, rel);
            ours = it && it->sum == sum;
        }
    }
    if (ours) return 0;
    f->found++;
    return f->each(rel, script && S_ISREG(st->st_mode), f->ctx);
}

int inventory_foreign(const char *dir, int (*each)(const char *rel, int script, void *ctx), void *ctx)
{
    foreign f = {{0}, each, ctx, 0};
    if (load(dir, &f.inv) != 1) return -1;
    walker w = {dir, foreign_file, &f, 0, 0};
    walk(&w, "");
    list_free(&f.inv);
    return f.found;
}

typedef struct {
    const char *top;
    dev_t dev;
    ino_t ino;
    int hit;
} target;

static int is_target(const char *rel, int script, void *ctx)
{
    (void)script;
    target *t = ctx;
    char path[8400];
    snprintf(path, sizeof path, "%s/%s", t->top, rel);
    struct stat st;
    t->hit = lstat(path, &st) == 0 && st.st_dev == t->dev && st.st_ino == t->ino;
    return t->hit;
}

int inventory_is_foreign(const char *dir, const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0) return 0;
    target t = {dir, st.st_dev, st.st_ino, 0};
    inventory_foreign(dir, is_target, &t);
    return t.hit;
}

/* ---- writing it ---- */

typedef struct {
    list old, now;
    const struct timespec *since;
    int failed;
} writer;

static int newer(const struct timespec *a, const struct timespec *b)
{
    return a->tv_sec > b->tv_sec || (a->tv_sec == b->tv_sec && a->tv_nsec >= b->tv_nsec);
}

static int write_file(void *ctx, const char *abs, const char *rel, const struct stat *st, const char *sub)
{
    writer *w = ctx;
    (void)sub;
    if (!S_ISREG(st->st_mode) || is_chart_script(rel)) return 0;   /* scripts: the charts manifest's */
    /* Written now: listed as it is. Written before: as it was then, so that a
     * change of the user's stays theirs. */
    const item *was = list_find(&w->old, rel);
    unsigned long long sum;
    if (!w->since || newer(&st->st_mtim, w->since)) {
        if (inventory_checksum(abs, &sum) != 0) return 0;   /* unreadable: not vouched for */
    } else if (was) sum = was->sum;
    else return 0;
    if (list_add(&w->now, rel, sum) != 0) w->failed = 1;
    return w->failed;
}

int inventory_write(const char *dir, const struct timespec *since, diag *d)
{
    writer w = {{0}, {0}, since, 0};
    if (load(dir, &w.old) < 0) w.failed = 1;
    walker k = {dir, write_file, &w, 1, 0};
    if (!w.failed && walk(&k, "") != 0) {
        diag_add(d, "%s: cannot read the folder to list what campsim wrote: %s", dir, strerror(errno));
        w.failed = 2;
    }
    char path[4200], tmp[4200];
    snprintf(path, sizeof path, "%s/%s", dir, INVENTORY_FILE);
    snprintf(tmp, sizeof tmp, "%s/%s", dir, INVENTORY_TMP);
    FILE *f = w.failed ? NULL : fopen(tmp, "w");
    int rc = f ? 0 : -1;
    if (f) {
        fprintf(f, "%s\n", INVENTORY_HEAD);
        for (size_t i = 0; i < w.now.n; i++) fprintf(f, "%016llx %s\n", w.now.v[i].sum, w.now.v[i].path);
        int bad = ferror(f);
        if (fclose(f) != 0 || bad || rename(tmp, path) != 0) rc = -1;
    }
    if (rc != 0 && w.failed != 2)
        diag_add(d, "%s: cannot write: %s", path, w.failed == 1 ? "out of memory" : strerror(errno ? errno : EIO));
    if (rc != 0) unlink(tmp);
    list_free(&w.old);
    list_free(&w.now);
    return rc;
}

int inventory_now(const char *dir, struct timespec *now)
{
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s/%s", dir, INVENTORY_TMP);
    FILE *f = fopen(tmp, "w");
    if (!f) return -1;
    struct stat st;
    int rc = fputc('\n', f) == EOF || fflush(f) != 0 || fstat(fileno(f), &st) != 0 ? -1 : 0;
    fclose(f);
    unlink(tmp);
    if (rc == 0) *now = st.st_mtim;
    return rc;
}
