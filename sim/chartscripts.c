/* chartscripts: the gnuplot scripts in DIR/charts/ and their manifest (see
 * chartscripts.h). */
#include "chartscripts.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MANIFEST_HEAD "campsim chart scripts: the checksum (FNV-1a 64) and name of each script campsim wrote here"
#define MAX_NAME 64

int chartscripts_checksum(const char *path, unsigned long long *sum)
{
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    unsigned long long h = 0xcbf29ce484222325ull;
    unsigned char buf[8192];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        for (size_t i = 0; i < n; i++) h = (h ^ buf[i]) * 0x100000001b3ull;
    int rc = ferror(f) ? -1 : 0;
    fclose(f);
    *sum = h;
    return rc;
}

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
        if (chartscripts_checksum(src, &fresh) != 0) {
            diag_add(d, "%s: cannot read the gnuplot script: %s (scripts in %s)", src, strerror(errno), from);
            rc = -1;
            break;
        }
        struct stat st;
        int present = lstat(dst, &st) == 0;
        if (present) {
            const entry *e = find(had, n_had, names[i]);
            int ours = S_ISREG(st.st_mode) && chartscripts_checksum(dst, &there) == 0 &&
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
