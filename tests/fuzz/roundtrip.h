/* roundtrip: the reader's round-trip property, shared by tests/unit_reader.c,
 * fuzz_roundtrip.c and fuzz_set.c. A scenario the reader accepted must read back
 * as the same scenario (equal dumps, dump.h) from its run.cfg, and from its text
 * laid out differently.
 *
 * reformat: the same config laid out differently. Strings are
 * copied as they are; outside them, comments are dropped and the line breaks
 * become what the layout asks for. A text with @include lines is left alone
 * (an @include must start its line). Returns a malloc'd string or NULL. */
#ifndef CAMPSIM_ROUNDTRIP_H
#define CAMPSIM_ROUNDTRIP_H
#include "config.h"
#include "dump.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum layout {
    ONE_LINE,     /* everything on one line */
    PER_SETTING,  /* a line break after every ; , { ( [ */
    NOISY         /* extra spaces, and a comment of each kind between the tokens */
};

static char *reformat(const char *text, enum layout how)
{
    size_t n = strlen(text);
    if (strstr(text, "@include")) return NULL;
    char *out = malloc(n * 12 + 64), *o = out;
    if (!out) return NULL;
    int k = 0;
    for (const char *p = text; *p;) {
        if (*p == '"') {   /* a string, escapes and all */
            *o++ = *p++;
            while (*p && *p != '"') {
                if (*p == '\\' && (p[1] == '\\' || p[1] == '"')) *o++ = *p++;
                *o++ = *p++;
            }
            if (*p) *o++ = *p++;
            continue;
        }
        if (*p == '#' || (p[0] == '/' && p[1] == '/')) { while (*p && *p != '\n') p++; continue; }
        if (p[0] == '/' && p[1] == '*') {
            const char *e = strstr(p + 2, "*/");
            p = e ? e + 2 : p + strlen(p);
            *o++ = ' ';   /* a comment separates tokens */
            continue;
        }
        char c = *p++;
        if (c == '\n' || c == '\r') { *o++ = how == PER_SETTING ? '\n' : ' '; continue; }
        *o++ = c;
        if (strchr(";,{([", c)) {
            if (how == PER_SETTING) *o++ = '\n';
            if (how == NOISY) {
                const char *noise[] = {"  \t ", " /* a ; comment, { } */ ", "\n # a comment = 5;\n  ",
                                       "\n// another ( )\n", " \r\n\t"};
                const char *z = noise[k++ % 5];
                memcpy(o, z, strlen(z));
                o += strlen(z);
            }
        }
    }
    *o++ = '\n';
    *o = 0;
    return out;
}

/* Parses text (no overrides) and compares its dump with want. Returns 0 when the
 * same, else 1 with the text and the reader's messages on stderr. */
static int roundtrip_same(const char *want, const char *text, const char *what)
{
    diag d = {0};
    scenario *s = scenario_parse("fuzz.cfg", text, strlen(text), NULL, 0, &d);
    char *got = s ? scenario_dump_string(s) : NULL;
    int bad = !got || strcmp(want, got) != 0;
    if (bad) {
        fprintf(stderr, "round trip (%s) gives another scenario from:\n%s\n", what, text);
        for (size_t i = 0; i < d.n; i++) fprintf(stderr, "%s\n", d.msgs[i]);
    }
    free(got);
    scenario_free(s);
    diag_clear(&d);
    return bad;
}

/* The property for scenario s read from `input` (NULL: no input to lay out);
 * layouts 0: run.cfg only. Returns the number of failures. */
static int roundtrip_check(const scenario *s, const char *input, int layouts)
{
    char *want = scenario_dump_string(s), *written = NULL;
    size_t len = 0;
    int bad = 0;
    FILE *f = open_memstream(&written, &len);
    if (!want || !f) { if (f) fclose(f); free(want); return 0; }   /* out of memory: nothing to say */
    int ok = scenario_write_to(s, f) == 0;
    if (fclose(f) == 0 && ok) {
        bad += roundtrip_same(want, written, "run.cfg");
        for (int how = ONE_LINE; layouts && how <= NOISY; how++) {
            char *a = reformat(written, (enum layout)how), *b = input ? reformat(input, (enum layout)how) : NULL;
            if (a) bad += roundtrip_same(want, a, "run.cfg laid out again");
            if (b) bad += roundtrip_same(want, b, "the input laid out again");
            free(a);
            free(b);
        }
    }
    free(written);
    free(want);
    return bad;
}

#endif
