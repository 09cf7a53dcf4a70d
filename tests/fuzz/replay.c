/* Replays files through a fuzz target without libFuzzer, so that `make check`
 * (and `make SANITIZE=1 check`) runs every kept regression and the seed corpus
 * through the reader. Prints one line per file and the usual result line. */
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int main(int argc, char **argv)
{
    int passed = 0, failed = 0;
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (!f) { printf("FAIL cannot open %s\n", argv[i]); failed++; continue; }
        size_t cap = 1 << 16, n = 0, got;
        unsigned char *buf = malloc(cap);
        while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
            n += got;
            if (n == cap) buf = realloc(buf, cap *= 2);
        }
        fclose(f);
        if (!buf) { printf("FAIL out of memory on %s\n", argv[i]); failed++; continue; }
        LLVMFuzzerTestOneInput(buf, n);   /* a crash here ends the run: a failure */
        free(buf);
        passed++;
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
