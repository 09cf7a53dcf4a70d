/* posterior: a weighted-particle posterior read from a CSV file (the format
 * calibrate writes; docs/uncertainty.md): '#' lines, then a header
 * "particle,weight,<path>,...", then one particle a row. A "particle" column
 * is optional; weights need not sum to 1. Replicates resample particles in
 * proportion to their weights (multinomial resampling, one uniform a draw). */
#ifndef CAMPSIM_POSTERIOR_H
#define CAMPSIM_POSTERIOR_H
#include "config.h"
#include "diag.h"
#include "params.h"

typedef struct {
    int k;              /* paths */
    char **paths;       /* [k] */
    long n;             /* particles */
    double *cum;        /* [n]: cumulative weights, the last exactly 1 */
    double *values;     /* [n * k], particle-major */
    double *median;     /* [k]: weighted medians */
    char *file;         /* the file's absolute path (for run.cfg, which lives elsewhere) */
} posterior;

/* Reads `file` (relative to the folder of s's config unless absolute); every
 * path must be a numeric setting of s (uncertainty_path_problem) and every value
 * within its range. Returns 0, or -1 with file:line messages in d. */
int posterior_read(const scenario *s, const char *file, posterior *p, diag *d);
void posterior_free(posterior *p);

/* The particle at uniform u in [0, 1): the first whose cumulative weight
 * exceeds u. */
long posterior_pick(const posterior *p, double u);
/* The weighted median of column c. */
double posterior_median(const posterior *p, int c);

/* Why `path` cannot carry a prior in s (NULL when it can; *entry then is its
 * table entry). Shared by the priors and the posterior's columns. */
const char *uncertainty_path_problem(const scenario *s, const char *path, const param **entry);

#endif
