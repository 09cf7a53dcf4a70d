/* metrics: the summary metrics of one replicate (summary.csv rows), declared once
 * in a table and computed from that replicate's series and its waits. */
#ifndef CAMPSIM_METRICS_H
#define CAMPSIM_METRICS_H
#include "columns.h"
#include "config.h"

typedef struct {
    int n;
    char **names;            /* [n] */
} metric_set;

metric_set *metrics_new(const scenario *s);    /* fixed metrics, then per group */
void metrics_free(metric_set *m);              /* accepts NULL */
int metrics_find(const metric_set *m, const char *name);

/* series: days x cols (row-major) of one replicate; waits: [days] people admitted
 * after w days; adm: the policy's admission (days_camp_full counts the days every
 * one of its receiving camps is full). Fills out[m->n]. */
void metrics_compute(const metric_set *m, const scenario *s, const columns *c, const admission_cfg *adm,
                     const double *series, const double *waits, double *out);

/* The smallest w with at least a share `level` of the people waiting w days or less. */
double metrics_wait_quantile(const double *waits, int days, double level);

#endif
