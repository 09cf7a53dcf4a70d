/* cfgsyntax against libconfig itself: on random token sequences (fixed seed),
 * libconfig 1.5 refuses a text with "syntax error" exactly when cfgsyntax finds
 * a token that breaks the grammar or an early end, and on the same line. So the
 * token a message shows is where libconfig's own parser stopped. */
#include "cfgsyntax.h"
#include "testlib.h"
#include <libconfig.h>
#include <stdlib.h>
#include <string.h>

static const char *const tokens[] = {
    "a", "b2", "x-y", "*", "=", ":", ";", ",", "{", "}", "(", ")", "[", "]", "1", "-2", "3.5", ".5", "1e3",
    "0x1F", "5L", "true", "FALSE", "\"s\"", "\"t\" \"u\"", "\n", " ", "# c\n", "/* c */", "// c\n", "$", "@",
};

/* A random text: mostly well-formed settings, with a token of noise now and then,
 * so that errors fall at every depth and after every kind of token. */
static void random_text(unsigned *seed, char *buf, size_t n)
{
    static const char *const shapes[] = {"a = 1;", "b2 : \"s\",", "x-y = { a = 1; b2 = ( 1, \"s\" ); };",
                                         "a = [ 1, 2 ];", "b2 = ( { a = 3.5; }, { } );", "a = ();", "x-y = [];",
                                         "a = { };\n", "b2 = \"t\" \"u\";"};
    size_t len = 0;
    int parts = 1 + (int)(rand_r(seed) % 6);
    buf[0] = 0;
    for (int i = 0; i < parts && len + 64 < n; i++) {
        const char *t = rand_r(seed) % 3 ? shapes[rand_r(seed) % (sizeof shapes / sizeof *shapes)]
                                         : tokens[rand_r(seed) % (sizeof tokens / sizeof *tokens)];
        len += (size_t)snprintf(buf + len, n - len, "%s%s", t, rand_r(seed) % 4 ? " " : "\n");
    }
}

TEST(same_verdict_and_line_as_libconfig)
{
    unsigned seed = 20161201;
    int refused = 0, both = 0;
    for (int k = 0; k < 20000; k++) {
        char text[1024], near[96];
        random_text(&seed, text, sizeof text);
        config_t c;
        config_init(&c);
        int ok = config_read_string(&c, text) == CONFIG_TRUE;
        int syntax = !ok && !strcmp(config_error_text(&c), "syntax error");
        int theirs = ok ? 0 : config_error_line(&c);
        config_destroy(&c);
        int line = 0;
        int found = cfgsyntax_find(text, strlen(text), &line, near, sizeof near);
        if (ok) CHECK_MSG(found < 0, "libconfig accepts, cfgsyntax finds '%s' in:\n%s", near, text);
        if (syntax) {
            refused++;
            CHECK_MSG(found >= 0, "libconfig refuses (line %d), cfgsyntax finds nothing in:\n%s", theirs, text);
            /* at the end of the text libconfig names the last line it read; a token, its own line */
            if (found == 0) {
                both++;
                CHECK_MSG(line == theirs, "line %d, libconfig %d, near '%s' in:\n%s", line, theirs, near, text);
            }
        }
        if (tl_cur_failed) break;   /* one counterexample is enough */
    }
    printf("  %d of 20000 refused by libconfig, %d at a token\n", refused, both);
    CHECK_MSG(refused > 2000 && both > 1000, "too few refused texts to say anything: %d, %d", refused, both);
}

int main(void)
{
    RUN(same_verdict_and_line_as_libconfig);
    return test_summary();
}
