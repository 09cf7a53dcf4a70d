/* libFuzzer target for the reader of a result folder's CSV files (what `plot`
 * reads: series.csv, ensemble.csv, summary.csv, waits.csv, comparison.csv,
 * sensitivity.csv, places_ensemble.csv, summary_places.csv): any bytes must be
 * accepted or refused with file:line,
 * never a crash, a leak or undefined behaviour. Each input is read as every
 * kind. Seeds: tests/fuzz/seeds/results/; crashes found are kept in
 * tests/fuzz/regressions/results/, which `make check` replays. */
#include "results.h"
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    for (int k = RESULT_SERIES; k < RESULT_KINDS; k++) {
        diag d = {0};
        result_csv r;
        if (results_parse("fuzz.csv", (const char *)data, size, (result_kind)k, &r, &d) == 0) {
            /* what plot goes on to use: the names and the keys */
            for (int i = 0; i < r.n_cols; i++)
                if (!r.cols[i] || !*r.cols[i]) abort();
            if (r.rows <= 0) abort();
            if (k == RESULT_PLACES) {   /* whole days, each with one row of each total (plot counts on it) */
                long per_day = 0;
                for (int i = 0; i < PLACE_ROW_KINDS; i++) per_day += r.per_kind[i];
                if (r.per_kind[PLACE_ROW_SITES] != 1 || r.per_kind[PLACE_ROW_CAMPS] != 1 || r.rows % per_day ||
                    r.rows / per_day != r.last - r.first + 1)
                    abort();
            }
            results_free(&r);
        } else if (d.n == 0 || !strstr(d.msgs[0], "fuzz.csv:")) {
            abort();   /* a refusal must say where */
        }
        diag_clear(&d);
    }
    return 0;
}
