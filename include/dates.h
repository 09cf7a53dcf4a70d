/* dates: ISO 8601 calendar dates as day numbers (days since 1970-01-01). */
#ifndef CAMPSIM_DATES_H
#define CAMPSIM_DATES_H

/* Parses "YYYY-MM-DD" strictly (a real calendar day); returns 0 and sets *day, or -1. */
int date_parse(const char *s, long *day);
/* Writes "YYYY-MM-DD" into buf (at least 11 bytes). */
void date_format(long day, char *buf);

#endif
