/* libFuzzer target for the observations reader: any bytes must give
 * observations or error messages, never a crash, a leak or undefined behaviour.
 * Seeds: data/ and tests/bad-observed/; crashes found are kept in
 * tests/fuzz/regressions/observed/, which `make check` replays. */
#include "observed.h"
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    /* The reader is given text with its length, like observed_read gives it;
     * the copy adds the terminating NUL a file read would add. */
    char *text = malloc(size + 1);
    if (!text) return 0;
    memcpy(text, data, size);
    text[size] = 0;
    diag d = {0};
    observations *o = observed_parse("fuzz.csv", text, size, &d);
    observed_free(o);
    diag_clear(&d);
    free(text);
    return 0;
}
