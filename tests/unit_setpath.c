/* --set and the other paths (issue 23 item 9, issue 20's hex): an element by its
 * name is the element by its index; a misspelt key or name gets a suggestion;
 * lists, groups and elements take whole values, and the result is the config
 * written that way; hex reads as in a file. Scenarios are compared by their
 * whole dump (dump.h), and each accepted one must read back from its run.cfg. */
#include "config.h"
#include "dump.h"
#include "setpath.h"
#include "testlib.h"
#include "uncertainty.h"
#include "fuzz/roundtrip.h"
#include <stdlib.h>
#include <string.h>

#define SCEN "scenario = { name = \"p\"; start = \"2016-01-01\"; days = 60; };\n"
#define GROUPS "groups = ( { name = \"vulnerable\"; share = 0.4; }, { name = \"other\"; share = 0.6; } );\n"
#define ORIGINS "origins = ( { name = \"Aleppo\"; rate = 100.0; sites = { Rukban = 0.75; Hadalat = 0.25; };\n" \
    "    travel = { mean_days = 2.0; };\n" \
    "    rate_changes = ( { date = \"2016-01-20\"; rate = 50.0; }, { date = \"2016-02-01\"; rate = 80.0; } ); },\n" \
    "  { name = \"Homs\"; rate = 40.0; sites = { Rukban = 1.0; }; travel = { mean_days = 5.0; }; } );\n"
#define SITES "sites = ( { name = \"Rukban\"; initial = 1000.0; cmr = 0.5; }, { name = \"Hadalat\"; initial = 100.0; } );\n"
#define CAMPS "camps = ( { name = \"Azraq\"; capacity = 50000.0; } );\n"
#define ADM(x) "admission = { policy = \"quota\"; quota = 50.0; " x " };\n"
#define CLOSURES "closures = ( { from = \"2016-01-10\"; to = \"2016-01-12\"; } );"
#define POLICIES "policies = ( { name = \"open\"; admission = { policy = \"open\"; }; },\n" \
    "  { name = \"shut\"; admission = { policy = \"closed\"; }; } );\n"
#define BASE SCEN GROUPS ORIGINS SITES CAMPS ADM(CLOSURES) POLICIES

/* The dump of text with the overrides, or NULL; its first message in msg. */
static char *dump_of(const char *text, const override *o, int n, char *msg, size_t nmsg)
{
    diag d = {0};
    scenario *s = scenario_parse("p.cfg", text, strlen(text), o, n, &d);
    snprintf(msg, nmsg, "%s", d.n ? d.msgs[0] : "");
    char *got = s ? scenario_dump_string(s) : NULL;
    if (s && roundtrip_check(s, NULL, 0) != 0) { free(got); got = NULL; snprintf(msg, nmsg, "round trip failed"); }
    scenario_free(s);
    diag_clear(&d);
    return got;
}

/* 1 when text with the overrides a is the same scenario as text2 with b (both
 * read: a refused one says why). */
static int same(const char *text, override a, const char *text2, const override *b, int nb)
{
    char m1[512], m2[512];
    char *x = dump_of(text, &a, 1, m1, sizeof m1), *y = dump_of(text2, b, nb, m2, sizeof m2);
    int eq = x && y && !strcmp(x, y);
    if (!x || !y) printf("  --set %s=%s: %s / %s\n", a.path, a.value, x ? "read" : m1, y ? "read" : m2);
    free(x);
    free(y);
    return eq;
}

/* The first message when text with one override is refused ("" when accepted). */
static const char *refused(const char *text, override o, char *buf, size_t n)
{
    char *x = dump_of(text, &o, 1, buf, n);
    free(x);
    return buf;
}

TEST(by_name_is_by_index)
{
    struct { override name, index; } cases[] = {
        {{"sites.Rukban.leave_rate", "0.001"}, {"sites.[0].leave_rate", "0.001"}},
        {{"sites.Hadalat.cmr", "0.7"}, {"sites.[1].cmr", "0.7"}},
        {{"origins.Aleppo.rate", "90"}, {"origins.[0].rate", "90"}},
        {{"origins.Homs.travel.mean_days", "3.5"}, {"origins.[1].travel.mean_days", "3.5"}},
        {{"camps.Azraq.capacity", "60000"}, {"camps.[0].capacity", "60000"}},
        {{"groups.other.mortality_factor", "2"}, {"groups.[1].mortality_factor", "2"}},
        {{"policies.shut.admission.quota", "7"}, {"policies.[1].admission.quota", "7"}},
        {{"origins.Aleppo.rate_changes.[1].rate", "120"}, {"origins.[0].rate_changes.[1].rate", "120"}},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        CHECK_MSG(same(BASE, cases[i].name, BASE, &cases[i].index, 1), "%s", cases[i].name.path);
        /* and it changed something: a --set that reached nothing would pass the line above */
        CHECK_MSG(!same(BASE, cases[i].name, BASE, NULL, 0), "%s changed nothing", cases[i].name.path);
    }
    /* map entries (two, so that the shares sum to 1 again): by name, by index, and as written */
    override two[] = {{"origins.Aleppo.sites.Rukban", "0.5"}, {"origins.Aleppo.sites.Hadalat", "0.5"}};
    override two_ix[] = {{"origins.[0].sites.Rukban", "0.5"}, {"origins.[0].sites.Hadalat", "0.5"}};
    char m[512], *written = strdup(BASE);
    memcpy(strstr(written, "Rukban = 0.75; Hadalat = 0.25;"), "Rukban = 0.50; Hadalat = 0.50;", 30);
    char *x = dump_of(BASE, two, 2, m, sizeof m), *y = dump_of(BASE, two_ix, 2, m, sizeof m);
    char *z = dump_of(written, NULL, 0, m, sizeof m), *orig = dump_of(BASE, NULL, 0, m, sizeof m);
    CHECK_MSG(x && y && z && orig && !strcmp(x, y) && !strcmp(x, z) && strcmp(x, orig), "%s", m);
    free(x);
    free(y);
    free(z);
    free(orig);
    free(written);
    /* a later --set finds an element by the name an earlier one gave it */
    override renamed[] = {{"sites.[1].name", "Zaatari"}, {"origins.[0].sites", "{ Rukban = 0.75; Zaatari = 0.25; }"},
                          {"sites.Zaatari.cmr", "0.9"}};
    override by_index[] = {{"sites.[1].name", "Zaatari"}, {"origins.[0].sites", "{ Rukban = 0.75; Zaatari = 0.25; }"},
                           {"sites.[1].cmr", "0.9"}};
    char *a = dump_of(BASE, renamed, 3, m, sizeof m), *b = dump_of(BASE, by_index, 3, m, sizeof m);
    CHECK_MSG(a && b && !strcmp(a, b), "%s", m);
    free(a);
    free(b);
}

TEST(paths_by_name_in_the_struct)
{
    diag d = {0};
    scenario *s = scenario_parse("p.cfg", BASE, strlen(BASE), NULL, 0, &d);
    CHECK(s);
    if (!s) return;
    CHECK(params_value(s, "sites.Rukban.cmr") == 0.5);
    CHECK(params_value(s, "origins.Aleppo.rate_changes.[1].rate") == 80.0);
    CHECK(isnan(params_value(s, "sites.Rukbn.cmr")));
    CHECK(params_lookup("sites.Rukban.cmr") == params_lookup("sites.[0].cmr"));
    CHECK(!params_lookup("sites.[0].[1].cmr"));
    char c[SETPATH_MAX];
    CHECK(setpath_canonical(s, "policies.shut.admission.quota", c, sizeof c) == 0 &&
          !strcmp(c, "policies.[1].admission.quota"));
    CHECK(setpath_same(s, "camps.Azraq.capacity", "camps.[0].capacity"));
    CHECK(!setpath_same(s, "sites.Hadalat.cmr", "sites.[0].cmr"));
    const char *canon[] = {"admission.closures", "sites.[0].cmr"};
    CHECK(setpath_match(canon, 2, "admission.closures.[0].from") == 0);
    CHECK(setpath_match(canon, 2, "sites.[0].cmr") == 1);
    CHECK(setpath_match(canon, 2, "admission.closures_x") == -1);
    scenario_free(s);
    diag_clear(&d);
}

TEST(did_you_mean)
{
    char m[512];
    struct { override o; const char *want; } cases[] = {
        {{"sites.Rukbn.leave_rate", "0.001"}, "--set sites.Rukbn.leave_rate: no element of sites is named 'Rukbn'; "
                                              "did you mean 'Rukban'?"},
        {{"sites.Rukban.leave_rat", "0.001"}, "--set sites.Rukban.leave_rat: no key 'leave_rat' in sites.Rukban; "
                                              "did you mean 'leave_rate'?"},
        {{"admision.quota", "5"}, "--set admision.quota: no key 'admision' in the top level; did you mean 'admission'?"},
        {{"sites.leave_rate", "1"}, "(sites is a list: sites.[i].leave_rate or sites.NAME.leave_rate)"},
        {{"admission.closures.first.from", "2016-01-02"}, "the elements of admission.closures have no names"},
        {{"policies.opn.admission.quota", "5"}, "did you mean 'open'?"},
        {{"scenario.days.x", "5"}, "scenario.days is a single value"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        CHECK_MSG(strstr(refused(BASE, cases[i].o, m, sizeof m), cases[i].want), "want %s, got %s", cases[i].want, m);
}

TEST(whole_lists)
{
    char m[512];
    /* clearing: the config without closures */
    CHECK(same(BASE, (override){"admission.closures", "()"}, SCEN GROUPS ORIGINS SITES CAMPS ADM("") POLICIES, NULL, 0));
    /* replacing: the config written with the new list */
    const char *two = "({ from = \"2016-01-20\"; to = \"2016-01-25\"; }, { from = \"2016-02-01\"; to = \"2016-02-02\"; })";
    CHECK(same(BASE, (override){"admission.closures", two},
               SCEN GROUPS ORIGINS SITES CAMPS
               ADM("closures = ( { from = \"2016-01-20\"; to = \"2016-01-25\"; }, "
                   "{ from = \"2016-02-01\"; to = \"2016-02-02\"; } );") POLICIES, NULL, 0));
    /* a list the file does not have, in a policy, with a trailing ; as in a file */
    CHECK(same(BASE, (override){"policies.open.admission.closures", "({ from = \"2016-01-03\"; to = \"2016-01-04\"; });"},
               SCEN GROUPS ORIGINS SITES CAMPS ADM(CLOSURES)
               "policies = ( { name = \"open\"; admission = { policy = \"open\";\n"
               "  closures = ( { from = \"2016-01-03\"; to = \"2016-01-04\"; } ); }; },\n"
               "  { name = \"shut\"; admission = { policy = \"closed\"; }; } );\n", NULL, 0));
    /* a list at the top level (its key has no dot) */
    CHECK(same(BASE, (override){"camps", "({ name = \"Azraq\"; capacity = 60000.0; })"}, BASE,
               &(override){"camps.Azraq.capacity", "60000"}, 1));
    CHECK_MSG(strstr(refused(BASE, (override){"camps", "()"}, m, sizeof m), "--set camps: needs at least one camp"), "%s", m);
    /* a whole group and a whole map */
    CHECK(same(BASE, (override){"origins.Homs.travel", "{ mean_days = 4.0; loss = 0.1; }"},
               SCEN GROUPS "origins = ( { name = \"Aleppo\"; rate = 100.0; sites = { Rukban = 0.75; Hadalat = 0.25; };\n"
               "    travel = { mean_days = 2.0; };\n"
               "    rate_changes = ( { date = \"2016-01-20\"; rate = 50.0; }, { date = \"2016-02-01\"; rate = 80.0; } ); },\n"
               "  { name = \"Homs\"; rate = 40.0; sites = { Rukban = 1.0; }; travel = { mean_days = 4.0; loss = 0.1; }; } );\n"
               SITES CAMPS ADM(CLOSURES) POLICIES, NULL, 0));
    /* bad values name the --set, and where under it */
    CHECK_MSG(strstr(refused(BASE, (override){"admission.closures", "({ from = \"x\"; to = \"2016-01-02\"; })"}, m, sizeof m),
                     "--set admission.closures: admission.closures.[0].from: 'x' is not a date"), "%s", m);
    CHECK_MSG(strstr(refused(BASE, (override){"admission.closures", "({ from = \"2016-01-09\"; to = \"2016-01-02\"; })"}, m,
                             sizeof m), "--set admission.closures: admission.closures.[0]: 'from' is after 'to'"), "%s", m);
    CHECK_MSG(strstr(refused(BASE, (override){"admission.closures", "("}, m, sizeof m),
                     "--set admission.closures: '(' is not a value: it ends too soon"), "%s", m);
    CHECK_MSG(strstr(refused(BASE, (override){"admission.closures", "({ from = ; })"}, m, sizeof m),
                     "--set admission.closures: '({ from = ; })' is not a value: syntax error near '; }'"), "%s", m);
    CHECK_MSG(strstr(refused(BASE, (override){"admission.closures", "(); x = 1"}, m, sizeof m), "is more than one value"),
              "%s", m);
    CHECK_MSG(strstr(refused(BASE, (override){"output.quantiles", "[0.1, 0.6, 0.5]"}, m, sizeof m),
                     "--set output.quantiles: output.quantiles.[2]: levels must increase"), "%s", m);
}

TEST(list_items)
{
    char m[512];
    const char *changes2 = "    rate_changes = ( { date = \"2016-01-20\"; rate = 50.0; }, { date = \"2016-02-15\"; rate = 120.0; } ); },\n";
    const char *head = SCEN GROUPS "origins = ( { name = \"Aleppo\"; rate = 100.0; sites = { Rukban = 0.75; Hadalat = 0.25; };\n"
                       "    travel = { mean_days = 2.0; };\n";
    const char *tail = "  { name = \"Homs\"; rate = 40.0; sites = { Rukban = 1.0; }; travel = { mean_days = 5.0; }; } );\n" SITES CAMPS ADM(CLOSURES) POLICIES;
    char want[4096];
    /* replacing item 1 keeps the order */
    snprintf(want, sizeof want, "%s%s%s", head, changes2, tail);
    CHECK(same(BASE, (override){"origins.[0].rate_changes.[1]", "{ date = \"2016-02-15\"; rate = 120.0; }"}, want, NULL, 0));
    CHECK(same(BASE, (override){"origins.Aleppo.rate_changes.[1]", "{date=\"2016-02-15\";rate=120.0;}"}, want, NULL, 0));
    /* [n] on n items appends one */
    snprintf(want, sizeof want, "%s%s%s", head,
             "    rate_changes = ( { date = \"2016-01-20\"; rate = 50.0; }, { date = \"2016-02-01\"; rate = 80.0; },\n"
             "      { date = \"2016-02-20\"; rate = 10.0; } ); },\n", tail);
    CHECK(same(BASE, (override){"origins.[0].rate_changes.[2]", "{ date = \"2016-02-20\"; rate = 10.0; }"}, want, NULL, 0));
    /* [0] of a list the file lacks makes it */
    CHECK(same(BASE, (override){"origins.Homs.rate_changes.[0]", "{ date = \"2016-01-15\"; rate = 10.0; }"},
               SCEN GROUPS ORIGINS SITES CAMPS ADM(CLOSURES) POLICIES, &(override){"origins.[1].rate_changes",
               "({ date = \"2016-01-15\"; rate = 10.0; })"}, 1));
    /* an element by name is replaced whole */
    CHECK(same(BASE, (override){"sites.Hadalat", "{ name = \"Hadalat\"; initial = 5.0; }"},
               SCEN GROUPS ORIGINS "sites = ( { name = \"Rukban\"; initial = 1000.0; cmr = 0.5; }, "
               "{ name = \"Hadalat\"; initial = 5.0; } );\n" CAMPS ADM(CLOSURES) POLICIES, NULL, 0));
    CHECK_MSG(strstr(refused(BASE, (override){"origins.[0].rate_changes.[5]", "{ date = \"2016-02-20\"; rate = 1.0; }"}, m,
                             sizeof m), "origins.[0].rate_changes has 2 elements: [0] to [1] replace one, [2] adds one"),
              "%s", m);
    CHECK_MSG(strstr(refused(BASE, (override){"origins.[0].rate_changes.[0]", "5"}, m, sizeof m),
                     "an element of origins.[0].rate_changes is a group { ... }, got '5'"), "%s", m);
    CHECK_MSG(strstr(refused(BASE, (override){"origins.[0].rate_changes.[0]", "{ date = \"2016-02-20\"; }"}, m, sizeof m),
                     "--set origins.[0].rate_changes.[0]: origins.[0].rate_changes.[0].rate: missing (required)"), "%s", m);
}

/* Issue 20: hex is read in files; --set reads it the same way, exactly. */
TEST(hex_as_in_files)
{
    char m[512];
    CHECK(same(BASE, (override){"scenario.seed", "0x10"}, BASE, &(override){"scenario.seed", "16"}, 1));
    CHECK(same(BASE, (override){"scenario.seed", "0xFFFFFFFF"}, BASE, &(override){"scenario.seed", "4294967295"}, 1));
    CHECK(same(BASE, (override){"admission.quota", "0x20"}, BASE, &(override){"admission.quota", "32"}, 1));
    CHECK(same(BASE, (override){"scenario.seed", "0x10"},
               "scenario = { name = \"p\"; start = \"2016-01-01\"; days = 60; seed = 0x10; };\n" GROUPS ORIGINS SITES
               CAMPS ADM(CLOSURES) POLICIES, NULL, 0));
    CHECK_MSG(strstr(refused(BASE, (override){"scenario.seed", "0x"}, m, sizeof m), "'0x' is not a whole number"), "%s", m);
    CHECK_MSG(strstr(refused(BASE, (override){"admission.quota", "0x1p3"}, m, sizeof m), "'0x1p3' is not a number"),
              "%s", m);
    CHECK_MSG(strstr(refused(BASE, (override){"admission.quota", "-0x10"}, m, sizeof m), "'-0x10' is not a number"),
              "%s", m);
    /* past 2^53 is refused as in a file, not rounded */
    CHECK_MSG(strstr(refused(BASE, (override){"scenario.seed", "9007199254740993"}, m, sizeof m), "is past 2^53"), "%s", m);
    CHECK_MSG(strstr(refused(BASE, (override){"scenario.seed", "0x20000000000001"}, m, sizeof m), "past 2^53"), "%s", m);
}

/* An error about a whole (shares that must sum to 1) that a --set changed one
 * part of says which --set, as written. */
TEST(a_whole_names_the_set_of_its_part)
{
    char m[512];
    CHECK_MSG(strstr(refused(BASE, (override){"groups.other.share", "0.5"}, m, sizeof m),
                     "groups: shares sum to 0.9, not 1 (with --set groups.other.share)"), "%s", m);
    CHECK_MSG(strstr(refused(BASE, (override){"origins.Aleppo.sites.Rukban", "0.5"}, m, sizeof m),
                     "origins.[0].sites: shares sum to 0.75, not 1 (with --set origins.Aleppo.sites.Rukban)"), "%s", m);
    /* a scalar by name: the --set as written */
    CHECK_MSG(strstr(refused(BASE, (override){"sites.Rukban.cmr", "-1"}, m, sizeof m),
                     "--set sites.Rukban.cmr: must be >= 0, got -1"), "%s", m);
}

/* Priors take the same paths: by name, fixed by a --set however spelt, and one
 * setting cannot carry two priors under two spellings. */
TEST(priors_by_name)
{
    const char *pr = BASE "uncertainty = { parameters = ( { path = \"sites.Rukban.cmr\"; dist = \"uniform\"; "
                     "lo = 0.1; hi = 0.9; } ); };\n";
    const char *two = BASE "uncertainty = { parameters = ( { path = \"sites.Rukban.cmr\"; dist = \"uniform\"; "
                      "lo = 0.1; hi = 0.9; }, { path = \"sites.[0].cmr\"; dist = \"uniform\"; lo = 0.1; hi = 0.9; } ); };\n";
    diag d = {0};
    scenario *s = scenario_parse("p.cfg", pr, strlen(pr), NULL, 0, &d);
    CHECK_MSG(s && s->unc && uncertainty_count(s->unc) == 1 && !strcmp(uncertainty_path(s->unc, 0), "sites.Rukban.cmr"),
              "%s", d.n ? d.msgs[0] : "no prior");
    scenario_free(s);
    diag_clear(&d);
    override fix = {"sites.[0].cmr", "0.3"};   /* the prior is dropped: nothing uncertain is left */
    s = scenario_parse("p.cfg", pr, strlen(pr), &fix, 1, &d);
    CHECK_MSG(s && !s->unc && params_value(s, "sites.Rukban.cmr") == 0.3, "%s", d.n ? d.msgs[0] : "the prior stayed");
    scenario_free(s);
    diag_clear(&d);
    override whole = {"sites.[0]", "{ name = \"Rukban\"; initial = 1000.0; cmr = 0.4; }"};   /* a whole that holds it */
    s = scenario_parse("p.cfg", pr, strlen(pr), &whole, 1, &d);
    CHECK_MSG(s && !s->unc && params_value(s, "sites.Rukban.cmr") == 0.4, "%s", d.n ? d.msgs[0] : "the prior stayed");
    scenario_free(s);
    diag_clear(&d);
    s = scenario_parse("p.cfg", two, strlen(two), NULL, 0, &d);
    CHECK_MSG(!s && d.n && strstr(d.msgs[0], "'sites.[0].cmr' has a prior already"), "%s", d.n ? d.msgs[0] : "accepted");
    scenario_free(s);
    diag_clear(&d);
}

int main(void)
{
    RUN(by_name_is_by_index);
    RUN(paths_by_name_in_the_struct);
    RUN(did_you_mean);
    RUN(whole_lists);
    RUN(list_items);
    RUN(hex_as_in_files);
    RUN(a_whole_names_the_set_of_its_part);
    RUN(priors_by_name);
    return test_summary();
}
