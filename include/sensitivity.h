/* sensitivity: sampling designs over the unit cube and Sobol sensitivity
 * indices, independent of the model (the Ishigami test runs through this code). */
#ifndef CAMPSIM_SENSITIVITY_H
#define CAMPSIM_SENSITIVITY_H
#include <stddef.h>

#define SENS_SOBOL_MAX_DIM 40   /* GSL's Sobol generator; it does not fail past that, so we check */

typedef struct { double S1, S1_lo, S1_hi, ST, ST_lo, ST_hi; } sens_index;

/* Rows of a Saltelli design with N base samples and k parameters: N (k + 2). */
size_t sens_saltelli_rows(size_t N, size_t k);
/* design[rows * k], values in [0,1): the N rows of A, the N rows of B, then for
 * each i the N rows of AB_i (A with column i from B). A and B are the two halves
 * of a 2k-dimensional Sobol sequence, so k <= 20. Returns 0, or -1 with err. */
int sens_saltelli_design(size_t N, size_t k, double *design, char *err, size_t errlen);
/* Indices from y (model outputs in design order): S1 (Saltelli et al. 2010,
 * Comput. Phys. Commun. 181:259, table 2, b) and ST (Jansen 1999, ibid. f), with
 * 95% percentile intervals from n_boot bootstrap resamples of the N rows. A
 * constant output has all indices 0. Returns 0, or -1 when out of memory. */
int sens_sobol_indices(size_t N, size_t k, const double *y, size_t n_boot, unsigned long seed, sens_index *out);

/* n points of GSL's Sobol sequence (k <= 40), Latin hypercube (seeded), or a
 * full grid of m^k points, m = floor(n^(1/k)), cell centres (*n_out = m^k). */
int sens_sobol_points(size_t n, size_t k, double *points, char *err, size_t errlen);
int sens_lhs_points(size_t n, size_t k, unsigned long seed, double *points);
int sens_grid_points(size_t n, size_t k, double *points, size_t *n_out);

#endif
