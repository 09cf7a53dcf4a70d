/* report_doc: the report's words written as markdown or as one self-contained
 * HTML page that prints on A4 (see report.h). */
#include "report.h"
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void report_number(char *buf, size_t n, double v, int digits)
{
    if (!isfinite(v)) { snprintf(buf, n, "n/a"); return; }
    int sig = digits < 0 && -digits < 3 ? -digits : 3;
    char raw[64];
    if (v == 0) snprintf(raw, sizeof raw, "0");
    else {
        int decimals = sig - 1 - (int)floor(log10(fabs(v)));
        if (digits >= 0 && decimals > digits) decimals = digits;
        if (decimals >= 0) snprintf(raw, sizeof raw, "%.*f", decimals, v);
        else {
            double scale = pow(10, -decimals);
            snprintf(raw, sizeof raw, "%.0f", round(v / scale) * scale);
        }
        if (strchr(raw, '.')) {   /* 80.0 days is "80" */
            char *e = raw + strlen(raw) - 1;
            while (*e == '0') *e-- = 0;
            if (*e == '.') *e = 0;
        }
        if (!strcmp(raw, "-0")) snprintf(raw, sizeof raw, "0");
    }
    const char *p = raw;
    size_t i = 0;
    if (*p == '-' && i + 1 < n) buf[i++] = *p++;
    size_t whole = strcspn(p, ".");
    for (size_t k = 0; p[k] && i + 1 < n; k++) {
        if (k > 0 && k < whole && (whole - k) % 3 == 0 && i + 1 < n) buf[i++] = ',';
        if (i + 1 < n) buf[i++] = p[k];
    }
    buf[i] = 0;
}

/* Writes text escaped for the format: HTML's & < > ", markdown's | in tables. */
static void text(report_doc *d, const char *s, int cell)
{
    for (; *s; s++) {
        if (d->html && *s == '&') fputs("&amp;", d->f);
        else if (d->html && *s == '<') fputs("&lt;", d->f);
        else if (d->html && *s == '>') fputs("&gt;", d->f);
        else if (d->html && *s == '"') fputs("&quot;", d->f);
        else if (d->html && *s == '_') fputs("_<wbr>", d->f);   /* long policy names break after an underscore */
        else if (!d->html && cell && *s == '|') fputs("\\|", d->f);
        else if (!d->html && (*s == '\n' || *s == '\r')) fputc(' ', d->f);
        else fputc(*s, d->f);
    }
}

static void close_list(report_doc *d)
{
    if (!d->in_list) return;
    fputs(d->html ? "</ul>\n" : "\n", d->f);
    d->in_list = 0;
}

/* The page's style: A4 with 15 mm margins in print; tables and charts never
 * wider than the text; a table row or chart is not split over two pages. */
static const char *const style =
    "@page { size: A4; margin: 15mm; }\n"
    "html { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 10.5pt; color: #111; }\n"
    "body { max-width: 180mm; margin: 0 auto; padding: 0 4mm; }\n"
    "h1 { font-size: 18pt; margin: 0.4em 0 0.2em; } h2 { font-size: 13.5pt; margin: 1.2em 0 0.4em; "
    "border-bottom: 1px solid #999; break-after: avoid; }\n"
    "h3 { font-size: 11.5pt; break-after: avoid; }\n"
    "table { border-collapse: collapse; width: 100%; table-layout: fixed; margin: 0.4em 0 0.8em; font-size: 9.5pt; }\n"
    "th, td { border: 1px solid #bbb; padding: 2px 5px; text-align: left; vertical-align: top; "
    "overflow-wrap: anywhere; }\n"
    "td.n, th.n { text-align: right; } th { background: #eee; }\n"
    "tr, figure { break-inside: avoid; }\n"
    "figure { margin: 0.6em 0; } figure svg { width: 100%; height: auto; display: block; }\n"
    "figcaption { font-size: 9pt; color: #444; }\n"
    "p.note { font-size: 9pt; color: #444; }\n"
    "@media print { body { max-width: none; padding: 0; } h2 { break-before: auto; } }\n";

/* Under report.html?check the page marks itself: data-overflow on <html> lists
 * every element wider than the page or than its parent (none: "none"). The
 * tests read it back from a headless browser; it does nothing otherwise. */
static const char *const check_script =
    "<script>\n"
    "if (location.search.indexOf('check') >= 0) window.addEventListener('load', function () {\n"
    "  var page = document.documentElement.clientWidth, bad = [];\n"
    "  if (document.documentElement.scrollWidth > page) bad.push('page:' + document.documentElement.scrollWidth);\n"
    "  document.querySelectorAll('body *').forEach(function (e) {\n"
    "    var r = e.getBoundingClientRect();\n"
    "    if (e.closest('svg') && e.tagName.toLowerCase() !== 'svg') return;\n"
    "    if (r.right > page + 0.5 || e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflow !== 'visible')\n"
    "      bad.push(e.tagName.toLowerCase() + ':' + Math.round(r.right));\n"
    "  });\n"
    "  document.documentElement.setAttribute('data-overflow', bad.length ? bad.join(' ') : 'none');\n"
    "  document.documentElement.setAttribute('data-charts', document.querySelectorAll('figure svg').length);\n"
    "});\n"
    "</script>\n";

void doc_begin(report_doc *d, const char *title)
{
    d->in_list = 0;
    if (!d->html) {
        fputs("# ", d->f);
        text(d, title, 0);
        fputs("\n\n", d->f);
        return;
    }
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>", d->f);
    text(d, title, 0);
    fprintf(d->f, "</title>\n<style>\n%s</style>\n%s</head>\n<body>\n<h1>", style, check_script);
    text(d, title, 0);
    fputs("</h1>\n", d->f);
}

void doc_end(report_doc *d)
{
    close_list(d);
    if (d->html) fputs("</body>\n</html>\n", d->f);
}

void doc_heading(report_doc *d, int level, const char *t)
{
    close_list(d);
    if (d->html) {
        fprintf(d->f, "<h%d>", level);
        text(d, t, 0);
        fprintf(d->f, "</h%d>\n", level);
    } else {
        for (int i = 0; i < level; i++) fputc('#', d->f);
        fputc(' ', d->f);
        text(d, t, 0);
        fputs("\n\n", d->f);
    }
}

static void vtext(report_doc *d, const char *fmt, va_list ap)
{
    char buf[4096];
    vsnprintf(buf, sizeof buf, fmt, ap);
    text(d, buf, 0);
}

void doc_para(report_doc *d, const char *fmt, ...)
{
    close_list(d);
    va_list ap;
    va_start(ap, fmt);
    fputs(d->html ? "<p>" : "", d->f);
    vtext(d, fmt, ap);
    fputs(d->html ? "</p>\n" : "\n\n", d->f);
    va_end(ap);
}

void doc_item(report_doc *d, const char *fmt, ...)
{
    if (!d->in_list) { if (d->html) fputs("<ul>\n", d->f); d->in_list = 1; }
    va_list ap;
    va_start(ap, fmt);
    fputs(d->html ? "<li>" : "- ", d->f);
    vtext(d, fmt, ap);
    fputs(d->html ? "</li>\n" : "\n", d->f);
    va_end(ap);
}

/* A cell is a number (right-aligned in HTML) when it starts with a digit or a
 * minus sign and a digit. */
static int numeric(const char *s)
{
    return (*s >= '0' && *s <= '9') || (s[0] == '-' && s[1] >= '0' && s[1] <= '9');
}

void doc_table(report_doc *d, int ncols, const char *const *heads)
{
    close_list(d);
    if (d->html) {
        fputs("<table>\n<thead><tr>", d->f);
        for (int i = 0; i < ncols; i++) {
            fputs(i ? "<th class=\"n\">" : "<th>", d->f);
            text(d, heads[i], 0);
            fputs("</th>", d->f);
        }
        fputs("</tr></thead>\n<tbody>\n", d->f);
        return;
    }
    fputc('|', d->f);
    for (int i = 0; i < ncols; i++) { fputc(' ', d->f); text(d, heads[i], 1); fputs(" |", d->f); }
    fputs("\n|", d->f);
    for (int i = 0; i < ncols; i++) fputs(i ? "---:|" : "---|", d->f);
    fputc('\n', d->f);
}

void doc_row(report_doc *d, int ncols, const char *const *cells)
{
    if (d->html) {
        fputs("<tr>", d->f);
        for (int i = 0; i < ncols; i++) {
            fputs(i && numeric(cells[i]) ? "<td class=\"n\">" : "<td>", d->f);
            text(d, cells[i], 0);
            fputs("</td>", d->f);
        }
        fputs("</tr>\n", d->f);
        return;
    }
    fputc('|', d->f);
    for (int i = 0; i < ncols; i++) { fputc(' ', d->f); text(d, cells[i], 1); fputs(" |", d->f); }
    fputc('\n', d->f);
}

void doc_table_end(report_doc *d)
{
    fputs(d->html ? "</tbody>\n</table>\n" : "\n", d->f);
}

void doc_chart(report_doc *d, const char *svg_path, const char *link, const char *caption)
{
    close_list(d);
    if (!d->html) {
        if (link) {
            fputs("![", d->f);
            text(d, caption, 1);
            fprintf(d->f, "](%s)\n\n", link);
        }
        return;
    }
    FILE *f = svg_path ? fopen(svg_path, "r") : NULL;
    if (!f) return;
    char *line = NULL;
    size_t cap = 0;
    int in_svg = 0;
    fputs("<figure>\n", d->f);
    while (getline(&line, &cap, f) > 0) {   /* the <svg> element, without gnuplot's XML prolog and doctype */
        char *at = in_svg ? line : strstr(line, "<svg");
        if (!at) continue;
        in_svg = 1;
        fputs(at, d->f);
    }
    free(line);
    fclose(f);
    fputs("<figcaption>", d->f);
    text(d, caption, 0);
    fputs("</figcaption>\n</figure>\n", d->f);
}
