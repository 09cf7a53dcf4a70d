/* libFuzzer target for --set: each line of the input is one PATH=VALUE applied
 * to a valid scenario that has every kind of key (lists, maps, policies, levels).
 * Any overrides must give a scenario or messages, never a crash; an accepted
 * scenario must read back the same from its run.cfg (roundtrip.h), or it aborts;
 * the other layouts are fuzz_roundtrip's (here they would cost 4x the time).
 * Kept inputs: tests/fuzz/regressions/set/. */
#include "roundtrip.h"
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
    scenario_free(s);
    diag_clear(&d);
    free(text);
    return 0;
}
