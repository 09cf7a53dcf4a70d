/* unit_report: the column table's labels and precision, the CSV rounding, and the
 * report's rounding of key numbers. */
#include "columns.h"
#include "metrics.h"
#include "output.h"
#include "report.h"
#include "report_parts.h"
#include "testlib.h"
#include <stdlib.h>
#include <string.h>

static scenario *load(const char *path)
{
    diag d = {0};
    scenario *s = scenario_load(path, NULL, 0, &d);
    if (!s) { diag_print(&d); fprintf(stderr, "bad test config %s\n", path); exit(1); }
    diag_clear(&d);
    return s;
}

static const char *rounded(double v, int digits)
{
    static char b[64];
    output_rounded(b, sizeof b, v, digits);
    return b;
}

TEST(csv_rounding)
{
    CHECK(!strcmp(rounded(128427.02, 1), "128427"));
    CHECK(!strcmp(rounded(128427.06, 1), "128427.1"));
    CHECK(!strcmp(rounded(79.4170254095, 1), "79.4"));
    CHECK(!strcmp(rounded(30678246.825, 0), "30678247"));
    CHECK(!strcmp(rounded(12, 1), "12"));
    CHECK(!strcmp(rounded(0.04, 1), "0"));
    CHECK(!strcmp(rounded(-0.04, 1), "0"));
    CHECK(!strcmp(rounded(-2.35, 1), "-2.4") || !strcmp(rounded(-2.35, 1), "-2.3"));
    CHECK(!strcmp(rounded(0.05, 2), "0.05"));
    CHECK(!strcmp(rounded(1.2, 2), "1.2"));
    CHECK(!strcmp(rounded(36.666666, SIG(3)), "36.7"));
    CHECK(!strcmp(rounded(0.0123456, SIG(3)), "0.0123"));
    CHECK(!strcmp(rounded(128427.02, SIG(3)), "128000"));
    CHECK(!strcmp(rounded(0, SIG(3)), "0"));
    CHECK(!strcmp(rounded(1e20, 0), "100000000000000000000"));
}

/* Every column and every metric of two scenarios has a label (with its place
 * or group named) and a precision the writers know. */
static void labelled(const char *path)
{
    scenario *s = load(path);
    columns *c = columns_new(s);
    CHECK(c != NULL);
    for (int i = 0; c && i < c->n; i++) {
        CHECK_MSG(c->labels[i] && strlen(c->labels[i]) > 3 && !strchr(c->labels[i], '%') &&
                      !strchr(c->labels[i], '_'),
                  "%s: column %s has label '%s'", path, c->names[i], c->labels[i] ? c->labels[i] : "(none)");
        CHECK(c->digits[i] >= SIG(6) && c->digits[i] <= 3);
    }
    for (int i = 0; c && i < s->n_sites; i++) CHECK(strstr(c->labels[c->site0 + i], s->sites[i].name) != NULL);
    metric_set *m = metrics_new(s);
    for (int i = 0; m && i < m->n; i++) {
        char label[256];
        int digits = 99;
        CHECK_MSG(columns_metric_info(m->names[i], label, sizeof label, &digits, NULL) == 0, "%s: metric %s has no label",
                  path, m->names[i]);
        CHECK_MSG(strlen(label) > 3 && !strchr(label, '%') && digits >= SIG(6) && digits <= 3,
                  "%s: metric %s: label '%s', digits %d", path, m->names[i], label, digits);
    }
    char label[256];
    int digits;
    CHECK(columns_metric_info("no_such_metric", label, sizeof label, &digits, NULL) == -1);
    CHECK(columns_metric_info("peak_latrine_shortfall_Azraq", label, sizeof label, &digits, NULL) == 0 &&
          !strcmp(label, "Most latrines missing at Azraq"));
    metrics_free(m);
    columns_free(c);
    scenario_free(s);
}

TEST(labels_for_every_column_and_metric)
{
    labelled("configs/jordan-2016.cfg");
    labelled("configs/examples/minimal.cfg");
    labelled("configs/examples/steady-queue.cfg");
}

static const char *key(double v, int digits)
{
    static char b[64];
    report_number(b, sizeof b, v, digits);
    return b;
}

TEST(report_rounds_and_separates)
{
    CHECK(!strcmp(key(128427.02, 0), "128,000"));
    CHECK(!strcmp(key(30678246.825, 0), "30,700,000"));
    CHECK(!strcmp(key(79.4170254095, 1), "79.4"));
    CHECK(!strcmp(key(1927.8, 0), "1,930"));
    CHECK(!strcmp(key(94.68, 0), "95"));   /* counts: whole people */
    CHECK(!strcmp(key(4.2, 0), "4"));
    CHECK(!strcmp(key(4.24, 1), "4.2"));
    CHECK(!strcmp(key(0, 0), "0"));
    CHECK(!strcmp(key(-1234.5, 0), "-1,230"));
    CHECK(!strcmp(key(36.666, SIG(3)), "36.7"));
    CHECK(!strcmp(key(0.87654, SIG(3)), "0.877"));
    CHECK(!strcmp(key(999.6, 0), "1,000"));
    /* the number report.md showed before, which any of these must never be */
    CHECK(strcmp(key(128427.02, 0), "128427.02") != 0 && !strchr(key(128427.02, 0), '.'));
}

/* What limited admissions, from the days_bound_* rows of a summary.csv written here
 * by hand: the words a planner reads, for a quota of 500 that never bound. */
static char *limits_text(const char *rows, const char *quota)
{
    const char *path = "tests/tmp/unit_report_summary.csv";
    FILE *f = fopen(path, "w");
    if (!f) return NULL;
    fprintf(f, "# campsim test\nmetric,mean,sd,p05,p50,p95\npeak_stranded,10,0,10,10,10\n%s", rows);
    fclose(f);
    csv *c = csv_read(path);
    diag d = {0};
    override set = {"admission.quota", quota};
    scenario *s = scenario_load("configs/examples/steady-queue.cfg", &set, 1, &d);
    diag_clear(&d);
    char *text = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&text, &len);
    report_doc doc = {m, 0, 0};
    if (c && s) report_limits(&doc, c, s, -1, NULL);
    fclose(m);
    csv_free(c);
    scenario_free(s);
    return text;
}

TEST(limits_in_words)
{
    char *t = limits_text("days_bound_quota,0,0,0,0,0\ndays_bound_screening,224.2,1,222,224,226\n"
                          "days_bound_camp,0,0,0,0,0\ndays_bound_closure,30,0,30,30,30\ndays_bound_nobody,0,0,0,0,0\n",
                          "500");
    CHECK_MSG(t && strstr(t, "The quota of 500 a day never bound: screening room limited admissions on 224 days; "
                             "the border was closed on 30 days."),
              "got: %s", t ? t : "(null)");
    free(t);
    t = limits_text("days_bound_quota,80.4,0,80,80,81\ndays_bound_screening,3,0,3,3,3\n", "75.5");
    CHECK_MSG(t && strstr(t, "The quota of 75.5 a day limited admissions on 80 days; screening room limited "
                             "admissions on 3 days."),
              "got: %s", t ? t : "(null)");
    free(t);
    t = limits_text("", "500");
    CHECK_MSG(t && strstr(t, "does not record which limit"), "got: %s", t ? t : "(null)");
    free(t);
}

/* Text is escaped for its format: a name with < & | cannot break the page or a table. */
TEST(doc_escapes)
{
    for (int html = 0; html < 2; html++) {
        char *text = NULL;
        size_t len = 0;
        FILE *m = open_memstream(&text, &len);
        report_doc d = {m, html, 0};
        const char *heads[] = {"What", "a|b"};
        const char *row[] = {"<script>&", "x|y"};
        doc_table(&d, 2, heads);
        doc_row(&d, 2, row);
        doc_table_end(&d);
        fclose(m);
        if (html) CHECK_MSG(text && !strstr(text, "<script>") && strstr(text, "&lt;script&gt;&amp;"), "got %s", text);
        else CHECK_MSG(text && strstr(text, "| <script>& | x\\|y |"), "got %s", text);
        free(text);
    }
}

int main(void)
{
    RUN(csv_rounding);
    RUN(labels_for_every_column_and_metric);
    RUN(report_rounds_and_separates);
    RUN(limits_in_words);
    RUN(doc_escapes);
    return test_summary();
}
