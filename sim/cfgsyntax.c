/* cfgsyntax: finds the token where libconfig 1.5's grammar fails (see
 * include/cfgsyntax.h). A pushdown walk with its own stack, not recursion: a
 * fuzzed file can nest brackets millions deep. */
#include "cfgsyntax.h"
#include "cfgtext.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_DEPTH 10000   /* bison's YYMAXDEPTH: libconfig gives up past it ("memory exhausted") */

enum tok { T_END, T_NAME, T_SCALAR, T_EQUALS, T_SEP, T_SEMI, T_OPEN_G, T_CLOSE_G, T_OPEN_L, T_CLOSE_L,
           T_OPEN_A, T_CLOSE_A, T_OPEN_STRING, T_GARBAGE };

typedef struct { enum tok t; const char *s; size_t n; int line; } token;
typedef struct { const char *p, *end; int line; } lexer;

static void skip_space(lexer *x)
{
    while (x->p < x->end) {
        const char *p = x->p;
        if (*p == '\n') { x->line++; x->p++; }
        else if (isspace((unsigned char)*p)) x->p++;
        else if (*p == '#' || (*p == '/' && p + 1 < x->end && p[1] == '/')) {
            while (x->p < x->end && *x->p != '\n') x->p++;
        } else if (*p == '/' && p + 1 < x->end && p[1] == '*') {
            const char *q = p + 2;
            while (q + 1 < x->end && !(q[0] == '*' && q[1] == '/')) { x->line += *q == '\n'; q++; }
            if (q + 1 < x->end) x->p = q + 2;
            else { x->line += q < x->end && *q == '\n'; x->p = x->end; }   /* an open comment runs to the end */
        } else break;
    }
}

/* The end of the string starting at p ("..."), or NULL when it is not closed. */
static const char *string_end(lexer *x, const char *p)
{
    for (const char *q = p + 1; q < x->end; q++) {
        if (*q == '\\' && q + 1 < x->end) { q++; continue; }
        if (*q == '\n') x->line++;
        if (*q == '"') return q + 1;
    }
    return NULL;
}

static token lex(lexer *x)
{
    skip_space(x);
    token k = {T_END, x->p, 0, x->line};
    if (x->p >= x->end) return k;
    const char *p = x->p;
    int c = (unsigned char)*p;
    if (c == '"') {   /* adjacent strings are one value (grammar.y: string TOK_STRING) */
        const char *q = p;
        for (;;) {
            const char *e = string_end(x, q);
            if (!e) { k.t = T_OPEN_STRING; k.n = 1; x->p = x->end; return k; }
            x->p = e;
            lexer peek = *x;
            skip_space(&peek);
            if (peek.p < x->end && *peek.p == '"') { *x = peek; q = peek.p; continue; }
            break;
        }
        k.t = T_SCALAR;
        k.n = (size_t)(x->p - p);
        return k;
    }
    if (isalpha(c) || c == '*') {
        const char *q = p;
        while (q < x->end && (isalnum((unsigned char)*q) || *q == '_' || *q == '-' || *q == '*')) q++;
        k.n = (size_t)(q - p);
        k.t = (k.n == 4 && !strncasecmp(p, "true", 4)) || (k.n == 5 && !strncasecmp(p, "false", 5)) ? T_SCALAR : T_NAME;
        x->p = q;
        return k;
    }
    int is_int, hex, has_l;
    size_t n = cfgtext_number(p, x->end, &is_int, &hex, &has_l);
    if (n) { k.t = T_SCALAR; k.n = n; x->p = p + n; return k; }
    k.n = 1;
    x->p = p + 1;
    switch (c) {
    case '=': case ':': k.t = T_EQUALS; break;
    case ',': k.t = T_SEP; break;
    case ';': k.t = T_SEMI; break;
    case '{': k.t = T_OPEN_G; break;
    case '}': k.t = T_CLOSE_G; break;
    case '(': k.t = T_OPEN_L; break;
    case ')': k.t = T_CLOSE_L; break;
    case '[': k.t = T_OPEN_A; break;
    case ']': k.t = T_CLOSE_A; break;
    default: k.t = T_GARBAGE; break;
    }
    return k;
}

/* What may come next. */
enum want { W_SETTING, W_EQUALS, W_VALUE, W_AFTER_SETTING, W_LIST_FIRST, W_LIST_NEXT, W_ARRAY_FIRST,
            W_ARRAY_NEXT, W_ARRAY_VALUE };
typedef struct { char open; int line; } frame;   /* open: 0 for the top level, else { ( [ */

/* The token and the next one on its line, each cut to 24 characters. */
static void show(lexer *x, token bad, char *near, size_t n)
{
    lexer after = *x;
    token next = lex(&after);
    int len = snprintf(near, n, "%.*s", bad.n > 24 ? 24 : (int)bad.n, bad.s);
    if (next.t != T_END && next.line == bad.line && len > 0 && (size_t)len < n)
        snprintf(near + len, n - (size_t)len, " %.*s", next.n > 24 ? 24 : (int)next.n, next.s);
}

int cfgsyntax_find(const char *text, size_t len, int *line, char *near, size_t n)
{
    lexer x = {text, text + len, 1};
    frame *stack = malloc(sizeof *stack * (MAX_DEPTH + 1));
    if (!stack) return -1;
    int depth = 0, rc = -1;
    stack[0] = (frame){0, 1};
    enum want want = W_SETTING;
    token last = {T_END, text, 0, 1}, k;
    for (;;) {
        k = lex(&x);
        int value_done = 0, bad = 0;
        if (k.t == T_OPEN_STRING) {
            snprintf(near, n, "the end of the file: the string of line %d is not closed", k.line);
            if (line) *line = k.line;
            rc = 1;
            break;
        }
        switch (want) {
        case W_AFTER_SETTING:
            want = W_SETTING;
            if (k.t == T_SEMI || k.t == T_SEP) break;
            /* no terminator: the token starts what comes next */
            /* fall through */
        case W_SETTING:
            if (k.t == T_NAME) want = W_EQUALS;
            else if (k.t == T_CLOSE_G && stack[depth].open == '{') { depth--; value_done = 1; }
            else if (k.t == T_END && depth == 0) goto done;
            else bad = 1;
            break;
        case W_EQUALS:
            if (k.t == T_EQUALS) want = W_VALUE; else bad = 1;
            break;
        case W_LIST_FIRST:
            if (k.t == T_CLOSE_L) { depth--; value_done = 1; break; }
            /* fall through */
        case W_VALUE:
            if (k.t == T_SCALAR) value_done = 1;
            else if (k.t == T_OPEN_G || k.t == T_OPEN_L || k.t == T_OPEN_A) {
                if (depth == MAX_DEPTH) goto done;   /* libconfig's own limit: its message stands */
                stack[++depth] = (frame){*k.s, k.line};
                want = k.t == T_OPEN_G ? W_SETTING : k.t == T_OPEN_L ? W_LIST_FIRST : W_ARRAY_FIRST;
            } else bad = 1;
            break;
        case W_LIST_NEXT:
            if (k.t == T_SEP) want = W_VALUE;
            else if (k.t == T_CLOSE_L) { depth--; value_done = 1; }
            else bad = 1;
            break;
        case W_ARRAY_FIRST:
            if (k.t == T_CLOSE_A) { depth--; value_done = 1; break; }
            /* fall through */
        case W_ARRAY_VALUE:
            if (k.t == T_SCALAR) want = W_ARRAY_NEXT; else bad = 1;
            break;
        case W_ARRAY_NEXT:
            if (k.t == T_SEP) want = W_ARRAY_VALUE;
            else if (k.t == T_CLOSE_A) { depth--; value_done = 1; }
            else bad = 1;
            break;
        }
        if (bad && k.t == T_END) {
            if (depth > 0)
                snprintf(near, n, "the end of the file: the '%c' of line %d is not closed", stack[depth].open,
                         stack[depth].line);
            else
                snprintf(near, n, "the file ends after '%.*s'", last.n > 24 ? 24 : (int)last.n, last.s);
            if (line) *line = last.line;
            rc = 1;
            break;
        }
        if (bad) {
            show(&x, k, near, n);
            if (line) *line = k.line;
            rc = 0;
            break;
        }
        if (value_done) {   /* a whole value: what may follow depends on what holds it */
            char open = stack[depth].open;
            want = open == '(' ? W_LIST_NEXT : open == '[' ? W_ARRAY_NEXT : W_AFTER_SETTING;
        }
        last = k;
    }
done:
    free(stack);
    return rc;
}
