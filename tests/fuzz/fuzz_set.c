/* libFuzzer target for --set: each line of the input is one PATH=VALUE applied
 * to a valid scenario that has every kind of key (lists, maps, policies, levels).
 * Any overrides must give a scenario or messages, never a crash; an accepted
 * scenario must read back the same from its run.cfg (roundtrip.h), or it aborts;
 * the other layouts are fuzz_roundtrip's (here they would cost 4x the time).
 * Paths may name elements (sites.A.cmr): the same overrides by index must
 * give the same scenario, or it aborts too.
 * Kept inputs: tests/fuzz/regressions/set/. */
#include "roundtrip.h"
#include "setpath.h"
#include <stdlib.h>
#include <string.h>

static const char base[] =
    "scenario = { name = \"f\"; start = \"2016-01-01\"; days = 60; seed = 3000000000; };\n"
    "groups = ( { name = \"v\"; share = 0.3; priority = 1; }, { name = \"o\"; share = 0.7; priority = 0; } );\n"
    "origins = ( { name = \"O\"; rate = 100.0; dispersion = 0.1;\n"
    "  rate_changes = ( { date = \"2016-01-20\"; rate = 50.0; } );\n"
    "  surges = ( { date = \"2016-01-05\"; people = 500.0; days = 3; } );\n"
    "  travel = { mean_days = 2.0; sd_days = 1.0; loss = 0.01; };\n"
    "  sites = { A = 0.5; B = 0.5; }; } );\n"
    "sites = ( { name = \"A\"; initial = 1000.0; cmr = 0.5; supply = { water_l = 20000.0;\n"
    "    deliveries = ( { date = \"2016-01-10\"; ration_days = 5.0; } ); }; },\n"
    "  { name = \"B\"; initial = 10.0; } );\n"
    "aid = { cuts = ( { from = \"2016-02-01\"; to = \"2016-02-10\"; } ); };\n"
    "admission = { policy = \"quota\"; quota = 80.0; order = \"vulnerable_first\"; site_weights = { A = 2.0; B = 1.0; };\n"
    "  closures = ( { from = \"2016-01-15\"; to = \"2016-01-16\"; } ); };\n"
    "camps = ( { name = \"C\"; initial = 100.0; capacity = 5000.0; expansions = ( { date = \"2016-02-01\"; add = 100.0; } ); } );\n"
    "policies = ( { name = \"open\"; admission = { policy = \"open\"; }; } );\n"
    "output = { quantiles = [0.1, 0.5, 0.9]; };\n"
    "calibration = { targets = ( { site = \"A\"; variable = \"population\"; series = \"stranded_A\"; } ); };\n";

/* Elements by name are the elements by index: the same overrides with every
 * path made canonical (names replaced by indices, setpath.h) must give the
 * same scenario. Skipped when a --set renames or replaces a named element (the
 * final scenario then cannot say which element a name meant when it was
 * applied). Returns 0, or 1 with both on stderr. */
static int same_by_index(const scenario *s, const override *sets, int n)
{
    char canon[8][SETPATH_MAX];
    override by_index[8];
    int named = 0;
    for (int i = 0; i < n; i++) {
        setpath w;
        char why[8];
        if (setpath_parse(sets[i].path, &w, why, sizeof why) != 0) return 0;
        const param *e = w.entry[w.n - 1];
        int whole = w.kind[w.n - 1] == SEG_KEY && e->type == P_LIST;   /* the list, or one element */
        if ((w.kind[w.n - 1] != SEG_ENTRY && !strcmp(e->key, "name")) ||
            ((whole || w.kind[w.n - 1] == SEG_INDEX || w.kind[w.n - 1] == SEG_NAME) && params_find_key(e->sub, "name")))
            return 0;
        if (setpath_canonical(s, sets[i].path, canon[i], sizeof canon[i]) != 0) return 0;
        named |= strcmp(canon[i], sets[i].path) != 0;
        by_index[i] = (override){canon[i], sets[i].value};
    }
    if (!named) return 0;
    diag d = {0};
    scenario *t = scenario_parse("fuzz.cfg", base, sizeof base - 1, by_index, n, &d);
    char *a = scenario_dump_string(s), *b = t ? scenario_dump_string(t) : NULL;
    int bad = !a || !b || strcmp(a, b) != 0;
    if (bad) {
        fprintf(stderr, "by index, the overrides give another scenario:\n");
        for (int i = 0; i < n; i++) fprintf(stderr, "  %s=%s (%s)\n", sets[i].path, sets[i].value, canon[i]);
        diag_print(&d);
    }
    free(a);
    free(b);
    scenario_free(t);
    diag_clear(&d);
    return bad;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text) return 0;
    memcpy(text, data, size);
    text[size] = 0;
    override sets[8];
    int n = 0;
    for (char *line = text, *next; line && n < 8; line = next) {
        next = strchr(line, '\n');
        if (next) *next++ = 0;
        char *eq = strchr(line, '=');
        if (!eq) continue;
        *eq = 0;
        sets[n++] = (override){line, eq + 1};
    }
    diag d = {0};
    scenario *s = scenario_parse("fuzz.cfg", base, sizeof base - 1, sets, n, &d);
    if (!s && n == 0) { diag_print(&d); abort(); }   /* the base itself must be valid */
    if (s && roundtrip_check(s, NULL, 0) != 0) abort();
    if (s && same_by_index(s, sets, n) != 0) abort();
    scenario_free(s);
    diag_clear(&d);
    free(text);
    return 0;
}
