/* unit_report: the column table's labels and precision, the CSV rounding, and the
 * report's rounding of key numbers. */
#include "columns.h"
#include "metrics.h"
#include "output.h"
#include "report.h"
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

int main(void)
{
    RUN(csv_rounding);
    RUN(labels_for_every_column_and_metric);
    RUN(report_rounds_and_separates);
    return test_summary();
}
