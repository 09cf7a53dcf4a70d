/* The config reader: every number read as written wherever it stands (issue 20),
 * the round-trip property over every shipped config, and the @include rules. */
#include "config.h"
#include "dump.h"
#include "testlib.h"
#include "fuzz/roundtrip.h"
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define HEAD "scenario = { name = \"r\"; start = \"2016-01-01\"; days = 40; };\n"
#define TAIL "sites = ( { name = \"S\"; } );\ncamps = ( { name = \"C\"; capacity = 10.0; } );\n"

static scenario *parse(const char *text, diag *d)
{
    return scenario_parse("tests/tmp/reader.cfg", text, strlen(text), NULL, 0, d);
}

/* The first message of a text the reader must refuse ("" when it accepted it). */
static const char *refused(const char *text, char *buf, size_t n)
{
    diag d = {0};
    scenario *s = parse(text, &d);
    snprintf(buf, n, "%s", d.n ? d.msgs[0] : "");
    scenario_free(s);
    diag_clear(&d);
    return buf;
}

static int write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (!f) return -1;
    fputs(text, f);
    return fclose(f);
}

TEST(same_key_twice_on_a_line)
{
    diag d = {0};
    scenario *s = parse("scenario = { name = \"r\"; start = \"2016-01-01\"; days = 40; seed = 0x10; };\n"
                        "groups = ( { name = \"a\"; share = 0.5; priority = 1; }, { name = \"b\"; share = 0.5; priority = 0; } );\n"
                        "origins = ( { name = \"O\"; rate = 1.0; travel = { mean_days = 1.0; }; surges = ( { date = \"2016-01-02\"; people = 5.0; days = 1; }, { date = \"2016-01-03\"; people = 5.0; days = 10; } ); } );\n"
                        TAIL, &d);
    CHECK_MSG(s, "refused: %s", d.n ? d.msgs[0] : "");
    if (s) {
        CHECK(s->seed == 16);
        CHECK(s->groups[0].priority == 1 && s->groups[1].priority == 0);
        CHECK(s->origins[0].surges[0].days == 1 && s->origins[0].surges[1].days == 10);
    }
    scenario_free(s);
    diag_clear(&d);
}

TEST(past_32_bits_exact)
{
    diag d = {0};
    scenario *s = parse("scenario = { name = \"r\"; start = \"2016-01-01\"; days = 40; seed = 4294967295; };\n"
                        "sites = ( { name = \"S\"; supply = { water_l = 5000000001; food_kcal = 0xFFFFFFFF; }; } );\n"
                        "camps = ( { name = \"C\"; capacity = 10.0; supply = { water_l = 3000000000L; food_kcal = -1; }; } );\n", &d);
    CHECK_MSG(s, "refused: %s", d.n ? d.msgs[0] : "");
    if (s) {
        CHECK(s->seed == 4294967295L);
        CHECK(s->sites[0].supply.water_l == 5000000001.0);
        CHECK(s->sites[0].supply.food_kcal == 4294967295.0);
        CHECK(s->camps[0].supply.water_l == 3000000000.0);
        CHECK(s->camps[0].supply.food_kcal == -1.0);
    }
    scenario_free(s);
    diag_clear(&d);
    char m[512];
    CHECK(strstr(refused(HEAD TAIL "x = 9007199254740993;\n", m, sizeof m), "reader.cfg:4: x: 9007199254740993 is past 2^53"));
    CHECK(strstr(refused(HEAD TAIL "x = 0x20000000000001;\n", m, sizeof m), "is past 2^53"));
    CHECK(strstr(refused(HEAD TAIL "x = -99999999999999999999999L;\n", m, sizeof m), "is past 2^53"));
    /* 2^31 wrapped to a negative number before: now it is too many days */
    CHECK(strstr(refused("scenario = { name = \"r\"; start = \"2016-01-01\"; days = 2147483648; };\n" TAIL, m, sizeof m),
                 "must be <= 36500, got 2147483648"));
}

/* Every shipped config (and the tests' own) reads back the same from its run.cfg
 * and from its text laid out on one line, one setting a line, and noisily. */
TEST(round_trip_of_every_config)
{
    const char *files[] = {"configs/jordan-2016.cfg", "configs/jordan-2016-policies.cfg",
                           "configs/examples/minimal.cfg", "configs/examples/steady-queue.cfg",
                           "tests/data/calib.cfg", "tests/data/sweep.cfg", "tests/data/priors.cfg"};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        FILE *f = fopen(files[i], "rb");
        CHECK_MSG(f, "cannot open %s", files[i]);
        if (!f) continue;
        char *text = calloc(1, 1 << 20);
        size_t n = fread(text, 1, (1 << 20) - 1, f);
        fclose(f);
        diag d = {0};
        scenario *s = scenario_parse(files[i], text, n, NULL, 0, &d);
        CHECK_MSG(s, "%s refused", files[i]);
        if (s) CHECK_MSG(roundtrip_check(s, text, 1) == 0, "%s: round trip differs", files[i]);
        scenario_free(s);
        diag_clear(&d);
        free(text);
    }
}

/* libconfig writes floats with 15 digits: run.cfg must keep all 17. */
TEST(round_trip_keeps_every_digit)
{
    diag d = {0};
    scenario *s = parse(HEAD "origins = ( { name = \"O\"; rate = 0.1234567890123456; dispersion = 1e-300;"
                        " travel = { mean_days = 2.0000000000000004; }; } );\n" TAIL, &d);
    CHECK(s);
    if (s) CHECK(roundtrip_check(s, NULL, 0) == 0);
    scenario_free(s);
    diag_clear(&d);
}

/* The case: written on one line, and one setting a line, the same run. */
TEST(layout_does_not_matter)
{
    const char *text = "scenario = { name = \"r\"; start = \"2016-01-01\"; days = 40; seed = 7; replicates = 3; };"
                       " groups = ( { name = \"a\"; share = 0.5; priority = 1; }, { name = \"b\"; share = 0.5; priority = 0; } );"
                       " origins = ( { name = \"O\"; rate = 1.0; travel = { mean_days = 1.0; }; surges = ( { date = \"2016-01-02\";"
                       " people = 5.0; days = 1; }, { date = \"2016-01-03\"; people = 5.0; days = 10; } ); } ); " TAIL;
    diag d = {0};
    scenario *s = parse(text, &d);
    CHECK(s);
    if (s) CHECK(roundtrip_check(s, text, 1) == 0);
    scenario_free(s);
    diag_clear(&d);
}

TEST(includes)
{
    char m[1024], cwd[2048], text[4096];
    mkdir("tests/tmp", 0777);
    mkdir("tests/tmp/inc", 0777);
    CHECK(getcwd(cwd, sizeof cwd) != NULL);
    write_file("tests/tmp/inc/a.cfg", "@include \"b.cfg\"\n");
    write_file("tests/tmp/inc/b.cfg", "x = 1;\n@include \"a.cfg\"\n");
    write_file("tests/tmp/inc/sites.cfg", "\xEF\xBB\xBFsites = ( { name = \"S\"; supply = { water_l = 3000000000; }; } );\n"
                                          "# the last line, no newline");
    write_file("tests/tmp/inc/bad.cfg", "\n\nsites = ( { name = \"S\"; initial = -1.0; } );\n");
    diag d = {0};
    scenario *s = scenario_load("tests/tmp/inc/a.cfg", NULL, 0, &d);
    CHECK(!s && d.n == 1);
    if (d.n) CHECK_MSG(strstr(d.msgs[0], "tests/tmp/inc/b.cfg:2: @include \"a.cfg\": include cycle: tests/tmp/inc/a.cfg"
                                         " -> tests/tmp/inc/b.cfg -> tests/tmp/inc/a.cfg"), "%s", d.msgs[0]);
    diag_clear(&d);
    /* an absolute path, from a config in a folder; a BOM and a last comment there */
    snprintf(text, sizeof text, "\xEF\xBB\xBF" HEAD "@include \"%s/tests/tmp/inc/sites.cfg\"\n"
             "camps = ( { name = \"C\"; capacity = 10.0; } );\n# end", cwd);
    write_file("tests/tmp/inc/main.cfg", text);
    s = scenario_load("tests/tmp/inc/main.cfg", NULL, 0, &d);
    CHECK_MSG(s, "refused: %s", d.n ? d.msgs[0] : "");
    CHECK(!s || s->sites[0].supply.water_l == 3000000000.0);
    diag_clear(&d);
    scenario_free(s);
    /* an error in an included file names that file and its line, and lines after
     * the @include name the main file's */
    write_file("tests/tmp/inc/main2.cfg", HEAD "@include \"bad.cfg\"\n"
               "camps = ( { name = \"C\"; capacity = -10.0; } );\n");
    s = scenario_load("tests/tmp/inc/main2.cfg", NULL, 0, &d);
    CHECK(!s && d.n == 2);
    if (d.n == 2) {
        CHECK_MSG(strstr(d.msgs[0], "tests/tmp/inc/bad.cfg:3: sites.[0].initial") ||
                  strstr(d.msgs[1], "tests/tmp/inc/bad.cfg:3: sites.[0].initial"), "%s / %s", d.msgs[0], d.msgs[1]);
        CHECK_MSG(strstr(d.msgs[0], "tests/tmp/inc/main2.cfg:3: camps.[0].capacity") ||
                  strstr(d.msgs[1], "tests/tmp/inc/main2.cfg:3: camps.[0].capacity"), "%s / %s", d.msgs[0], d.msgs[1]);
    }
    diag_clear(&d);
    scenario_free(s);
    /* missing: its path; inside a comment: ignored */
    CHECK(strstr(refused(HEAD "@include \"nope.cfg\"\n" TAIL, m, sizeof m),
                 "reader.cfg:2: @include \"nope.cfg\": No such file or directory (looked for tests/tmp/nope.cfg)"));
    CHECK_MSG(!*refused(HEAD "/* old:\n@include \"nope.cfg\"\n*/\n" TAIL "# @include \"nope.cfg\"", m, sizeof m), "%s", m);
}

/* libconfig 1.5 says "syntax error" and a line: cfgsyntax.c finds the token. */
TEST(syntax_error_shows_the_token)
{
    char m[512];
    CHECK_MSG(strstr(refused(HEAD "sites = ( { name = \"S\"; initial = ; } );\n", m, sizeof m),
                     "reader.cfg:2: syntax error near '; }'"), "%s", m);
    CHECK_MSG(strstr(refused(HEAD TAIL "oops", m, sizeof m), "reader.cfg:4: syntax error: the file ends after 'oops'"),
              "%s", m);
    /* a value left out: the next line's key is where it fails, as libconfig says */
    CHECK_MSG(strstr(refused(HEAD "admission = { policy =\n  quota = 5.0; };\n" TAIL, m, sizeof m),
                     "reader.cfg:3: syntax error near 'quota ='"), "%s", m);
    CHECK_MSG(strstr(refused(HEAD "admission = { policy = quota; };\n" TAIL, m, sizeof m),
                     "reader.cfg:2: syntax error near 'quota ;'"), "%s", m);
    CHECK_MSG(strstr(refused(HEAD "output = { quantiles = [0.1, 0.5,, 0.9]; };\n" TAIL, m, sizeof m),
                     "reader.cfg:2: syntax error near ', 0.9'"), "%s", m);
    CHECK_MSG(strstr(refused(HEAD "aid = { cuts = ( { from = \"2016-01-02\"; to = \"2016-01-03\"; }, ); };\n" TAIL, m,
                             sizeof m), "reader.cfg:2: syntax error near ') ;'"), "%s", m);
    CHECK_MSG(strstr(refused(HEAD "camps = ( { name = \"C\"; capacity = 10.0 $ } );\n", m, sizeof m),
                     "reader.cfg:2: syntax error near '$ }'"), "%s", m);
    CHECK_MSG(strstr(refused(HEAD "sites = ( { name = \"S\";\n", m, sizeof m),
                     "syntax error: the end of the file: the '{' of line 2 is not closed"), "%s", m);
    CHECK_MSG(strstr(refused(HEAD "sites = ( { name = \"S; } );\n", m, sizeof m),
                     "syntax error: the end of the file: the string of line 2 is not closed"), "%s", m);
    /* not a syntax error of the grammar: libconfig's own words, and the line */
    CHECK_MSG(strstr(refused(HEAD "output = { quantiles = [0.1, \"x\"]; };\n" TAIL, m, sizeof m),
                     "reader.cfg:2: syntax error: mismatched element type in array in: output"), "%s", m);
}

TEST(set_values_name_the_set)
{
    const char *text = HEAD TAIL;
    struct { override o; const char *want; } cases[] = {
        {{"scenario.days", "abc"}, "--set scenario.days: 'abc' is not a whole number"},
        {{"scenario.days", "0"}, "--set scenario.days: must be >= 1, got 0"},
        {{"scenario.seed", "99999999999999999999"}, "--set scenario.seed: '99999999999999999999' is past 2^53"},
        {{"scenario.start", "2016-13-01"}, "--set scenario.start: '2016-13-01' is not a date"},
        {{"camps.[0].capacity", "x"}, "--set camps.[0].capacity: 'x' is not a number"},
        {{"camps.[3].capacity", "1"}, "--set camps.[3].capacity: camps.[3] does not exist in the file"},
        {{"admission.camp", "Nope"}, "--set admission.camp: no camp is named 'Nope'"},
        {{"camps.[0].name", "S"}, "--set camps.[0].name: 'S' is also a site's name"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        diag d = {0};
        scenario *s = scenario_parse("r.cfg", text, strlen(text), &cases[i].o, 1, &d);
        CHECK_MSG(!s && d.n && strstr(d.msgs[0], cases[i].want), "%s: got %s", cases[i].want, d.n ? d.msgs[0] : "nothing");
        scenario_free(s);
        diag_clear(&d);
    }
}

int main(void)
{
    RUN(same_key_twice_on_a_line);
    RUN(past_32_bits_exact);
    RUN(round_trip_of_every_config);
    RUN(round_trip_keeps_every_digit);
    RUN(layout_does_not_matter);
    RUN(includes);
    RUN(syntax_error_shows_the_token);
    RUN(set_values_name_the_set);
    return test_summary();
}
