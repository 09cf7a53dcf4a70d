/* observed: observation files (the format of data/observations.csv:
 * date,site,variable,value,low,high,source_url,note), read with the same care as
 * a config: every error names the file and the line, and all are reported. */
#ifndef CAMPSIM_OBSERVED_H
#define CAMPSIM_OBSERVED_H
#include <stddef.h>
#include "diag.h"

typedef struct {
    long day;                        /* date as a day number (dates.h) */
    char *site, *variable;
    double value, low, high;
    int has_value, has_low, has_high;
    int line;
} observation;

typedef struct {
    observation *v;
    size_t n;
} observations;

/* NULL on any error (all of them in d, at most OBSERVED_MAX_ERRORS). */
observations *observed_read(const char *path, diag *d);
/* The same from text in memory; `path` names it in messages. */
observations *observed_parse(const char *path, const char *text, size_t len, diag *d);
void observed_free(observations *o);   /* accepts NULL */
/* The low and high ends of a report as the charts' CSV files write them (lo, hi:
 * 32 bytes each): its range, or v (the value it is drawn at) for a report with no
 * range; empty for the open end of a one-sided report ("over 70,000": no high), so
 * that a chart can draw it as "at least" (or "at most"), not as a point. */
void observed_ends(const observation *o, double v, char *lo, char *hi);

#define OBSERVED_MAX_ERRORS 20

#endif
