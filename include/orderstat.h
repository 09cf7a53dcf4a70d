/* orderstat: type-7 quantiles of many values from their order statistics,
 * without a sort: the values are counted into buckets and GSL's quickselect
 * (gsl_stats_select) runs among the few values of the buckets that hold the
 * needed ranks (qstore's exact summaries, one cell's replicates at a time). */
#ifndef CAMPSIM_ORDERSTAT_H
#define CAMPSIM_ORDERSTAT_H
#include <stddef.h>
#include <stdint.h>
#include "qstore.h"   /* QSTORE_MAX_LEVELS */

/* The type-7 quantiles (gsl_stats_quantile_from_sorted_data's) at the nl
 * levels (at most QSTORE_MAX_LEVELS) of the n values in v, whose min is lo and
 * max hi, into out; v is left as it was. None of the order statistics is
 * needed when lo == hi (a cell the same in every replicate: over a third of the
 * reference scenario's). Scratch: count holds n + 4, region n. */
void orderstat_quantiles(const double *v, size_t n, double lo, double hi, uint32_t *count, double *region,
                         const double *levels, int nl, double *out);

#endif
