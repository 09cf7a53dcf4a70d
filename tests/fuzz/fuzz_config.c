/* libFuzzer target for the config reader: any bytes must give a scenario or
 * error messages, never a crash, a leak or undefined behaviour. Seeds: configs/
 * and tests/bad/; crashes found are kept in tests/fuzz/regressions/, which
 * `make check` replays through `campsim check`. */
#include "config.h"
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text) return 0;
    memcpy(text, data, size);
    text[size] = 0;
    diag d = {0};
    /* A set that goes through --set, so that path is fuzzed too. */
    override set = {"admission.quota", "12.5"};
    scenario *s = scenario_parse("fuzz.cfg", text, size, &set, 1, &d);
    scenario_free(s);
    diag_clear(&d);
    free(text);
    return 0;
}
