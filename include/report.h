/* report: report.md and report.html of an output folder, for a planner to hand
 * on: the key numbers in plain words, rounded, with their 90% bands; what limited
 * admissions; the scenario's assumptions and what the model leaves out; for a
 * compare folder the policies in words; the charts (inline SVG in the HTML).
 * report_write (plot.h) writes both; this header is the writer underneath. */
#ifndef CAMPSIM_REPORT_H
#define CAMPSIM_REPORT_H
#include <stddef.h>
#include <stdio.h>

/* A key number for the report: at most 3 significant digits, and no more
 * decimals than `digits` (columns.h: SIG(k) allows k significant digits),
 * with thousands separators: 128427.02 at 0 -> "128,000", 79.417 at 1 -> "79.4". */
void report_number(char *buf, size_t n, double v, int digits);

/* One document written twice over the same calls: markdown or HTML. Text given
 * to these calls is plain: it is escaped for the format. */
typedef struct { FILE *f; int html; int in_list; } report_doc;

void doc_begin(report_doc *d, const char *title);
void doc_end(report_doc *d);
void doc_heading(report_doc *d, int level, const char *text);
void doc_para(report_doc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void doc_item(report_doc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));   /* a bullet */
void doc_table(report_doc *d, int ncols, const char *const *heads);   /* starts a table */
void doc_row(report_doc *d, int ncols, const char *const *cells);
void doc_table_end(report_doc *d);
/* A chart: the HTML takes the SVG file's markup inline; markdown links `link`
 * (a path inside the folder), or says nothing when link is NULL. */
void doc_chart(report_doc *d, const char *svg_path, const char *link, const char *caption);

#endif
