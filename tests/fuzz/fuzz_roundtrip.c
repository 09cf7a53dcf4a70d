/* libFuzzer target for the reader's round-trip property (roundtrip.h): any text
 * the reader accepts gives a scenario that its run.cfg, and the text laid out on
 * one line, one setting a line, or with comments and spaces between the tokens,
 * read back as the same scenario. A difference aborts, so libFuzzer keeps the
 * input. Seeds: configs/ and tests/; kept inputs: tests/fuzz/regressions/roundtrip/. */
#include "roundtrip.h"
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text) return 0;
    memcpy(text, data, size);
    text[size] = 0;
    diag d = {0};
    scenario *s = scenario_parse("fuzz.cfg", text, size, NULL, 0, &d);
    if (s && roundtrip_check(s, text, 1) != 0) abort();
    scenario_free(s);
    diag_clear(&d);
    free(text);
    return 0;
}
