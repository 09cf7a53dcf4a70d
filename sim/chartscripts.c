/* chartscripts: the gnuplot scripts in DIR/charts/ and their manifest (see
 * chartscripts.h). */
#include "chartscripts.h"
#include "inventory.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MANIFEST_HEAD "campsim chart scripts: the checksum (FNV-1a 64) and name of each script campsim wrote here"
#define MAX_NAME 64

/* A line of the manifest. */
typedef struct {
    char name[MAX_NAME];
    unsigned long long sum;
} entry;

/* The manifest's lines (at most max), or none when there is no manifest of campsim's. */
static int read_manifest(const char *path, entry *e, int max)
{
    FILE *f = fopen(path, "r");
    if (!f) return 0;
    char line[256];
    int n = 0;
    if (!fgets(line, sizeof line, f) || strncmp(line, MANIFEST_HEAD, strlen(MANIFEST_HEAD))) {
        fclose(f);   /* not campsim's manifest: it vouches for nothing */
        return 0;
    }
    while (n < max && fgets(line, sizeof line, f))
        if (sscanf(line, "%16llx %63s", &e[n].sum, e[n].name) == 2) n++;
    fclose(f);
    return n;
}

static const entry *find(const entry *e, int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (!strcmp(e[i].name, name)) return &e[i];
    return NULL;
}

/* Copies from to `to` through a temporary name in the same folder, so that the
 * script is whole or as it was. */
static int copy_whole(const char *from, const char *to, const char *tmp)
{
    FILE *in = fopen(from, "rb"), *out = in ? fopen(tmp, "wb") : NULL;
    char buf[8192];
    size_t n;
    int rc = in && out ? 0 : -1;
    while (rc == 0 && (n = fread(buf, 1, sizeof buf, in)) > 0)
        if (fwrite(buf, 1, n, out) != n) rc = -1;
    if (in && ferror(in)) rc = -1;
    if (in) fclose(in);
    if (out && fclose(out) != 0) rc = -1;
    if (rc == 0 && rename(tmp, to) != 0) rc = -1;
    if (rc != 0 && out) unlink(tmp);
    return rc;
}

int chartscripts_vouched(const char *charts, const char *name, unsigned long long sum)
{
    char manifest[4300];
    snprintf(manifest, sizeof manifest, "%s/%s", charts, CHARTSCRIPTS_MANIFEST);
    entry e[64];
    int n = read_manifest(manifest, e, (int)(sizeof e / sizeof *e));
    const entry *it = find(e, n, name);
    return it && it->sum == sum;
}

int chartscripts_install(const char *from, const char *charts, const char *const *names, int n, diag *d)
{
    char manifest[4300], tmp[4400];
    snprintf(manifest, sizeof manifest, "%s/%s", charts, CHARTSCRIPTS_MANIFEST);
    entry *had = calloc((size_t)n + 1, sizeof *had), *now = calloc((size_t)n + 1, sizeof *now);
    if (!had || !now) { free(had); free(now); diag_add(d, "out of memory"); return -1; }
    int n_had = read_manifest(manifest, had, n), n_now = 0, rc = 0;
    for (int i = 0; i < n && rc == 0; i++) {
        char src[4300], dst[4300];
        snprintf(src, sizeof src, "%s/%s", from, names[i]);
        snprintf(dst, sizeof dst, "%s/%s", charts, names[i]);
        unsigned long long fresh, there;
        if (inventory_checksum(src, &fresh) != 0) {
            diag_add(d, "%s: cannot read the gnuplot script: %s (scripts in %s)", src, strerror(errno), from);
            rc = -1;
            break;
        }
        struct stat st;
        int present = lstat(dst, &st) == 0;
        if (present) {
            const entry *e = find(had, n_had, names[i]);
            int ours = S_ISREG(st.st_mode) && inventory_checksum(dst, &there) == 0 &&
                       ((e && e->sum == there) || there == fresh);
            if (!ours) {   /* the user's: kept and used */
                diag_add(d, "warning: %s: kept as you changed it, and used (campsim's own is %s; delete yours "
                            "and plot again to have it back)", dst, src);
                continue;
            }
        }
        snprintf(tmp, sizeof tmp, "%s/.%s.tmp", charts, names[i]);
        if (copy_whole(src, dst, tmp) != 0) {
            diag_add(d, "%s: cannot write the gnuplot script: %s", dst, strerror(errno));
            rc = -1;
            break;
        }
        snprintf(now[n_now].name, sizeof now[n_now].name, "%s", names[i]);
        now[n_now++].sum = fresh;
    }
    /* The manifest lists what campsim wrote, now and before (a script it wrote
     * on an earlier plot and failed to write now stays vouched for). */
    for (int i = 0; i < n_had && rc != 0; i++)
        if (!find(now, n_now, had[i].name) && n_now < n) now[n_now++] = had[i];
    snprintf(tmp, sizeof tmp, "%s/.scripts.tmp", charts);
    FILE *f = fopen(tmp, "w");
    int wrote = f != NULL;
    if (f) {
        fprintf(f, "%s\n", MANIFEST_HEAD);
        for (int i = 0; i < n_now; i++) fprintf(f, "%016llx %s\n", now[i].sum, now[i].name);
        wrote = fclose(f) == 0 && rename(tmp, manifest) == 0;
    }
    if (!wrote) {
        diag_add(d, "%s: cannot write: %s", manifest, strerror(errno));
        unlink(tmp);
        rc = -1;
    }
    free(had);
    free(now);
    return rc;
}

/* Copies a foreign chart script of folder `from` into `to`, at the same path. */
typedef struct {
    const char *from, *to;
    diag *d;
    int failed;
} carrier;

static int carry_one(const char *rel, int script, void *ctx)
{
    carrier *c = ctx;
    if (!script) return 0;
    char src[8400], dst[8400], tmp[8500];
    snprintf(src, sizeof src, "%s/%s", c->from, rel);
    snprintf(dst, sizeof dst, "%s/%s", c->to, rel);
    for (char *p = dst + strlen(c->to) + 1; (p = strchr(p, '/')); p++) {   /* its folders */
        *p = 0;
        int made = mkdir(dst, 0777) == 0 || errno == EEXIST;
        *p = '/';
        if (!made) break;
    }
    snprintf(tmp, sizeof tmp, "%s.tmp", dst);
    if (copy_whole(src, dst, tmp) != 0) {
        diag_add(c->d, "%s: cannot carry your chart script into the new results (%s): %s", src, dst, strerror(errno));
        c->failed = 1;
    }
    return c->failed;
}

int chartscripts_carry(const char *from, const char *to, diag *d)
{
    carrier c = {from, to, d, 0};
    inventory_foreign(from, carry_one, &c);
    return c.failed ? -1 : 0;
}
