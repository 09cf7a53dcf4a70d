#!/bin/sh
# Runs every unit test binary and every end-to-end script in tests/, adds up their
# "N passed, N failed" lines and ends with the total. Exit 1 when anything failed.
build=${1:-build/release}
export CAMPSIM_BUILD="$build"   # the e2e scripts find the test binaries here
# Under the sanitizers: libconfig 1.5's own leaks on broken input (its scanner's
# buffers, tests/fuzz/lsan.supp) are not campsim's; everything else still counts.
export LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}suppressions=$(pwd)/tests/fuzz/lsan.supp:print_suppressions=0"
passed=0; failed=0
mkdir -p tests/tmp
for t in "$build"/tests/unit_* tests/e2e_*.sh; do
    [ -e "$t" ] || continue
    case "$t" in *.d) continue ;; esac
    echo "== $t"
    if [ "${t%.sh}" != "$t" ]; then out=$(sh "$t" 2>&1); rc=$?; else out=$("$t" 2>&1); rc=$?; fi
    echo "$out"
    line=$(echo "$out" | grep -E '^[0-9]+ passed, [0-9]+ failed' | tail -n 1)
    if [ -z "$line" ]; then
        echo "  $t printed no result line (exit $rc)"; failed=$((failed + 1)); continue
    fi
    p=$(echo "$line" | cut -d' ' -f1); f=$(echo "$line" | cut -d' ' -f3)
    [ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1
    passed=$((passed + p)); failed=$((failed + f))
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
