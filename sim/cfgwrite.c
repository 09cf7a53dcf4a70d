/* cfgwrite: libconfig 1.5's config_write (libconfig.c: __config_write_setting and
 * __config_write_value), the same bytes, except that a float gets 16 or 17
 * significant digits when 15 do not read back as the same double. */
#include "cfgwrite.h"
#include <errno.h>
#include <libconfig.h>
#include <stdlib.h>
#include <string.h>

#define TAB 2   /* config_init's tab width */

static void indent(FILE *f, int depth)
{
    if (depth > 1) fprintf(f, "%*s", (depth - 1) * TAB, " ");
}

/* The shortest of %.15g, %.16g, %.17g that strtod reads back as v (libconfig
 * reads floats with atof), with libconfig's ".0" for a whole number. */
static void write_float(FILE *f, double v)
{
    char buf[64];
    for (int digits = 15; digits <= 17; digits++) {
        snprintf(buf, sizeof buf - 3, "%.*g", digits, v);
        if (strtod(buf, NULL) == v) break;
    }
    if (!strchr(buf, 'e') && !strchr(buf, '.')) strcat(buf, ".0");
    fputs(buf, f);
}

static void write_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        switch (*p) {
        case '"': case '\\': fputc('\\', f); fputc(*p, f); break;
        case '\n': fputs("\\n", f); break;
        case '\r': fputs("\\r", f); break;
        case '\f': fputs("\\f", f); break;
        case '\t': fputs("\\t", f); break;
        default:
            if (*p >= ' ') fputc(*p, f);
            else fprintf(f, "\\x%02X", *p);
        }
    }
    fputc('"', f);
}

static void write_setting(FILE *f, const config_setting_t *s, int depth);

static void write_value(FILE *f, const config_setting_t *s, int depth)
{
    int hex = config_setting_get_format(s) == CONFIG_FORMAT_HEX;
    switch (config_setting_type(s)) {
    case CONFIG_TYPE_BOOL: fputs(config_setting_get_bool(s) ? "true" : "false", f); break;
    case CONFIG_TYPE_INT: fprintf(f, hex ? "0x%X" : "%d", config_setting_get_int(s)); break;
    case CONFIG_TYPE_INT64: fprintf(f, hex ? "0x%llXL" : "%lldL", config_setting_get_int64(s)); break;
    case CONFIG_TYPE_FLOAT: write_float(f, config_setting_get_float(s)); break;
    case CONFIG_TYPE_STRING: write_string(f, config_setting_get_string(s)); break;
    case CONFIG_TYPE_LIST: case CONFIG_TYPE_ARRAY: {
        int list = config_setting_type(s) == CONFIG_TYPE_LIST, n = config_setting_length(s);
        fputs(list ? "( " : "[ ", f);
        for (int i = 0; i < n; i++) {
            write_value(f, config_setting_get_elem(s, (unsigned)i), depth + 1);
            if (i + 1 < n) fputc(',', f);
            fputc(' ', f);
        }
        fputc(list ? ')' : ']', f);
        break;
    }
    case CONFIG_TYPE_GROUP: {
        if (depth > 0) {
            fputc('\n', f);
            indent(f, depth);
            fputs("{\n", f);
        }
        for (int i = 0; i < config_setting_length(s); i++)
            write_setting(f, config_setting_get_elem(s, (unsigned)i), depth + 1);
        indent(f, depth);
        if (depth > 0) fputc('}', f);
        break;
    }
    default: fputs("???", f);
    }
}

static void write_setting(FILE *f, const config_setting_t *s, int depth)
{
    indent(f, depth);
    const char *name = config_setting_name(s);
    if (name) fprintf(f, "%s %c ", name, config_setting_type(s) == CONFIG_TYPE_GROUP ? ':' : '=');
    write_value(f, s, depth);
    if (depth > 0) fputs(";\n", f);
}

int cfgwrite(const struct config_t *tree, FILE *f)
{
    errno = 0;
    write_setting(f, config_root_setting(tree), 0);
    if (fflush(f) != 0 || ferror(f)) { if (!errno) errno = EIO; return -1; }
    return 0;
}
