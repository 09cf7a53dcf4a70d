#!/bin/sh
# Replays the fuzz seed corpus and every kept crash (tests/fuzz/regressions/)
# through every reader (and the config reader's round trip and --set), built
# without libFuzzer. Under `make SANITIZE=1 check`
# this runs with AddressSanitizer, UndefinedBehaviorSanitizer and leak checks.
b=${CAMPSIM_BUILD:-build/release}/tests
passed=0; failed=0
run() {   # name, files...
    name=$1; shift
    out=$("$b/replay_$name" "$@" 2>&1); rc=$?
    if [ $rc -eq 0 ]; then passed=$((passed + 1)); else
        failed=$((failed + 1)); echo "FAIL replay_$name (exit $rc)"; echo "$out" | tail -20; fi
}
run config configs/*.cfg configs/examples/*.cfg tests/bad/*.cfg tests/data/*.cfg \
    $(find tests/fuzz/regressions/config -type f ! -name .keep)
run roundtrip configs/*.cfg configs/examples/*.cfg tests/bad/*.cfg tests/data/*.cfg \
    $(find tests/fuzz/regressions/config tests/fuzz/regressions/roundtrip -type f ! -name .keep)
run set $(find tests/fuzz/regressions/set -type f ! -name .keep)
run observed data/*.csv tests/bad-observed/* $(find tests/fuzz/regressions/observed -type f ! -name .keep)
run results tests/fuzz/seeds/results/* $(find tests/fuzz/regressions/results -type f ! -name .keep)
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
