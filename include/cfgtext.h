/* cfgtext: the text libconfig parses, made from a config file and everything it
 * @includes, with a map from its lines back to the files they came from.
 *
 * libconfig 1.5 (what Debian ships) reads an integer written without an L suffix
 * with atoi: 3000000000 becomes -1294967296, and a hex literal past 0x7FFFFFFF
 * wraps the same way. Its own 64-bit support is exact (an L suffix: atoll, or a
 * hex64 scan). So this pass scans the text with libconfig's token rules and
 * appends the L to every integer literal outside the 32-bit range, and refuses
 * any literal past 2^53 (campsim holds numbers as doubles, exact up to there).
 * It also expands the @include lines itself, so that every file gets the same
 * treatment, include cycles are named, absolute paths work, an @include inside a
 * comment is ignored, a byte-order mark is dropped and a missing last newline
 * (after a comment, libconfig's scanner fails on it) is supplied. */
#ifndef CAMPSIM_CFGTEXT_H
#define CAMPSIM_CFGTEXT_H
#include <stddef.h>
#include "diag.h"

#define CFGTEXT_MAX_BYTES (16 << 20)   /* a scenario is a few kB: more is a mistake */
#define CFGTEXT_MAX_EXACT 9007199254740992.0   /* 2^53 */

typedef struct { int line; int file; int file_line; } cfgtext_seg;   /* from `line` on */

typedef struct cfgtext {
    char *text; size_t len, cap;   /* NUL-terminated */
    int line;                      /* lines emitted so far + 1 */
    cfgtext_seg *segs; int n_segs, cap_segs;
    char **files; int n_files;     /* files[0]: the config itself */
} cfgtext;

/* Builds t from the config `path` whose bytes are `text` (len bytes, no NUL).
 * Relative @include names are looked up in the folder of `path` (libconfig's rule,
 * also for nested includes). Returns 0, or -1 with every problem in d. */
int cfgtext_build(cfgtext *t, const char *path, const char *text, size_t len, diag *d);
void cfgtext_free(cfgtext *t);

/* The file and line a line of t->text came from (line 0: file NULL, line 0). */
void cfgtext_where(const cfgtext *t, int line, const char **file, int *file_line);

/* Line `line` of t->text, without its newline, in buf (cut to fit; spaces trimmed). */
void cfgtext_line(const cfgtext *t, int line, char *buf, size_t n);

/* Length of the numeric token at s (0: none), as libconfig's scanner (flex's
 * longest match) takes it; *is_int says it is an integer (decimal or hex, with
 * or without L), *is_hex hexadecimal, *has_l with the L of a 64-bit literal. */
size_t cfgtext_number(const char *s, const char *end, int *is_int, int *is_hex, int *has_l);

#endif
