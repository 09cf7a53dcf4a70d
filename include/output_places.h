/* output_places: the files of the series by place (places.h): places.csv
 * (replicate 0 or the deterministic run), places_ensemble.csv (mean and the
 * quantile levels of every place's columns) and summary_places.csv (each
 * place's metrics: mean, sd and quantiles over the replicates). */
#ifndef CAMPSIM_OUTPUT_PLACES_H
#define CAMPSIM_OUTPUT_PLACES_H
#include "output.h"
#include "qstore.h"

/* Writes the three files into dir: 0, or -1 with a message in d. */
int output_places(const char *dir, const output_info *info, const ensemble *e, diag *d);

#endif
