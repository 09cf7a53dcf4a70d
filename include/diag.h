/* diag: collects error messages so that every error of a file is reported, not
 * only the first. Messages read "file:line: setting: what is wrong". */
#ifndef CAMPSIM_DIAG_H
#define CAMPSIM_DIAG_H
#include <stddef.h>

typedef struct diag {
    char **msgs;
    size_t n, cap;
} diag;

/* Appends one formatted message. Never fails (drops the message if out of memory). */
void diag_add(diag *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends "file:line: path: msg"; line 0 is left out (a setting made on the command line). */
void diag_at(diag *d, const char *file, int line, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* In the first n messages, every path inside folder `from` becomes the same
 * path inside `to` (the warnings of a run name its temporary folder; once the
 * results are in place, they name where the user finds the file). */
void diag_rename(diag *d, size_t n, const char *from, const char *to);
void diag_print(const diag *d);   /* to stderr, one line each */
void diag_clear(diag *d);         /* frees the messages; d stays usable */

#endif
