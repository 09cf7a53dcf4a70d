/* cfgsyntax: where a config's syntax error is. libconfig 1.5 says only "syntax
 * error" and a line; this walks the text with libconfig's grammar (grammar.y:
 * settings NAME = value [;,], values scalar | [ scalars ] | ( values ) |
 * { settings }) and its token rules (scanner.l, via cfgtext) to find the first
 * token that does not fit, so the message can show it. */
#ifndef CAMPSIM_CFGSYNTAX_H
#define CAMPSIM_CFGSYNTAX_H
#include <stddef.h>

/* Finds the first token of text (len bytes) that breaks the grammar. Returns 0
 * with its line in *line (when line is not NULL) and in `near` the token and the
 * one after it on its line ("quota ="); 1 when the text ends too soon, with a
 * sentence saying so in `near` ("the end of the file: the '{' of line 3 is not
 * closed"); -1 when the grammar finds nothing wrong (libconfig refused the text
 * for another reason, e.g. an array of mixed types). */
int cfgsyntax_find(const char *text, size_t len, int *line, char *near, size_t n);

#endif
