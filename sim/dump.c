/* dump: walks the parameter table (params.c) over a scenario, so every key is in
 * the dump without a list to keep up to date, then adds what resolve() derives
 * from them (config.c). Source lines (named_value.line) are left out: they are
 * where a value was written, not what it is. */
#include "dump.h"
#include "params.h"
#include "uncertainty.h"
#include <stdlib.h>
#include <string.h>

static void dump_text(FILE *f, const char *path, const char *s)
{
    if (!s) { fprintf(f, "%s = (none)\n", path); return; }
    fprintf(f, "%s = \"", path);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < ' ' || *p == '"' || *p == '\\' || *p >= 127) fprintf(f, "\\x%02X", *p);
        else fputc(*p, f);
    fputs("\"\n", f);
}

static void dump_table(FILE *f, const param *table, const char *obj, const char *path)
{
    for (const param *p = table; p->key; p++) {
        char sub[512];
        snprintf(sub, sizeof sub, "%s%s%s", path, *path ? "." : "", p->key);
        const char *at = obj + p->off;
        switch (p->type) {
        case P_FLOAT: fprintf(f, "%s = %a\n", sub, *(const double *)at); break;
        case P_INT: fprintf(f, "%s = %ld\n", sub, *(const long *)at); break;
        case P_BOOL: case P_CHOICE: case P_DATE: fprintf(f, "%s = %d\n", sub, *(const int *)at); break;
        case P_STRING: case P_NAME: dump_text(f, sub, *(const char *const *)at); break;
        case P_GROUP: dump_table(f, p->sub, at, sub); break;
        case P_LIST: {
            int n = *(const int *)(obj + p->count_off);
            const char *items = *(const char *const *)at;
            fprintf(f, "%s = %d items\n", sub, n);
            for (int i = 0; i < n; i++) {
                char el[530];
                snprintf(el, sizeof el, "%s.[%d]", sub, i);
                dump_table(f, p->sub, items + p->size * (size_t)i, el);
            }
            break;
        }
        case P_MAP: {
            const name_map *m = (const name_map *)at;
            fprintf(f, "%s = %d names\n", sub, m->n);
            for (int i = 0; i < m->n; i++) {
                char el[530];
                snprintf(el, sizeof el, "%s.[%d]", sub, i);
                dump_text(f, el, m->v[i].name);
                fprintf(f, "%s.value = %a\n", el, m->v[i].value);
            }
            break;
        }
        case P_LEVELS: {
            const quantile_levels *q = (const quantile_levels *)at;
            fprintf(f, "%s = %d levels:", sub, q->n);
            for (int i = 0; i < q->n; i++) fprintf(f, " %a", q->levels[i]);
            fputc('\n', f);
            break;
        }
        }
    }
}

static void dump_weights(FILE *f, const char *path, const admission_cfg *a, int n_sites)
{
    fprintf(f, "%s.camp (resolved) = %d\n", path, a->camp);
    fprintf(f, "%s.receiving (resolved) =", path);
    for (int i = 0; a->receiving && i < a->n_receiving; i++) fprintf(f, " %d:%a", a->receiving[i], a->receiving_share[i]);
    fputc('\n', f);
    fprintf(f, "%s.site_weight (resolved) =", path);
    for (int i = 0; a->site_weight && i < n_sites; i++) fprintf(f, " %a", a->site_weight[i]);
    fputc('\n', f);
}

void scenario_dump(const scenario *s, FILE *f)
{
    dump_table(f, params_root, (const char *)s, "");
    fprintf(f, "scenario.start (day number) = %ld\n", s->start);
    for (int i = 0; i < s->n_relocations + s->n_transfers; i++) {
        const move_cfg *mv = i < s->n_relocations ? &s->relocations[i] : &s->transfers[i - s->n_relocations];
        fprintf(f, "move %d (resolved) = from %d to %d:%d\n", i, mv->from, mv->to_kind, mv->to);
    }
    for (int o = 0; o < s->n_origins; o++) {
        fprintf(f, "origins.[%d].site_share (resolved) =", o);
        for (int i = 0; s->origins[o].site_share && i < s->n_sites; i++) fprintf(f, " %a", s->origins[o].site_share[i]);
        fputc('\n', f);
    }
    dump_weights(f, "admission", &s->admission, s->n_sites);
    const uncertainty *u = s->unc;
    fprintf(f, "uncertainty (resolved) = %d paths, %ld particles, posterior %s\n", u ? uncertainty_count(u) : 0,
            u ? uncertainty_particles(u) : 0L, u && uncertainty_posterior_file(u) ? uncertainty_posterior_file(u) : "none");
    for (int i = 0; u && i < uncertainty_count(u); i++)
        fprintf(f, "uncertainty.[%d] = %s%s\n", i, uncertainty_path(u, i), uncertainty_has_prior(u, i) ? " (prior)" : "");
    for (int p = 0; p < s->n_policies; p++) {
        char path[64];
        snprintf(path, sizeof path, "policies.[%d].admission", p);
        dump_weights(f, path, &s->policies[p].admission, s->n_sites);
    }
}

char *scenario_dump_string(const scenario *s)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f) return NULL;
    scenario_dump(s, f);
    if (fclose(f) != 0) { free(buf); return NULL; }
    return buf;
}
