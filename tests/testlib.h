/* testlib: a small plain-C test runner. Each tests/unit_*.c defines tests with
 * TEST(name) { ... CHECK(...); } and lists them in main with RUN(name); main ends
 * with `return test_summary();`, which prints "N passed, N failed". */
#ifndef CAMPSIM_TESTLIB_H
#define CAMPSIM_TESTLIB_H
#include <math.h>
#include <stdio.h>

static int tl_passed, tl_failed, tl_cur_failed;
static const char *tl_cur;

#define TEST(name) static void name(void)
#define RUN(name) do { tl_cur = #name; tl_cur_failed = 0; name(); \
        if (tl_cur_failed) { tl_failed++; printf("FAIL %s\n", #name); } \
        else { tl_passed++; printf("ok   %s\n", #name); } fflush(stdout); } while (0)
#define CHECK(cond) do { if (!(cond)) { tl_cur_failed = 1; \
        printf("  %s:%d: %s: check failed: %s\n", __FILE__, __LINE__, tl_cur, #cond); } } while (0)
#define CHECK_MSG(cond, ...) do { if (!(cond)) { tl_cur_failed = 1; \
        printf("  %s:%d: %s: ", __FILE__, __LINE__, tl_cur); printf(__VA_ARGS__); printf("\n"); } } while (0)
#define CHECK_NEAR(a, b, tol) do { double tl_a = (a), tl_b = (b); \
        if (!(fabs(tl_a - tl_b) <= (tol))) { tl_cur_failed = 1; \
        printf("  %s:%d: %s: %s = %.12g, %s = %.12g, differ by more than %g\n", __FILE__, \
               __LINE__, tl_cur, #a, tl_a, #b, tl_b, (double)(tol)); } } while (0)

static inline int test_summary(void)
{
    printf("%d passed, %d failed\n", tl_passed, tl_failed);
    return tl_failed ? 1 : 0;
}
#endif
