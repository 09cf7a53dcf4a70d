#!/bin/sh
# Limits the reader's callers check before simulating (issue 20 item 4): a run
# whose quantiles' pilot would take hundreds of passes is refused at once, with
# what to change, and nothing is written.
passed=0; failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL $1"; }
mkdir -p tests/tmp
rm -rf tests/tmp/pilot
err=$(timeout 20 ./campsim run configs/jordan-2016.cfg -r 20000 --pilot-memory 1 -q -o tests/tmp/pilot 2>&1); rc=$?
if [ $rc -eq 2 ] && printf '%s' "$err" | grep -qE "would run the quantiles' pilot \(3000 replicates\) [0-9]{3} times" &&
   printf '%s' "$err" | grep -qE -- "give --pilot-memory [0-9]+ for one pass" && [ ! -e tests/tmp/pilot ]; then ok
else bad "pilot passes: exit $rc: $err"; fi
# --deterministic has no pilot: not refused
err=$(./campsim run configs/jordan-2016.cfg -r 20000 --pilot-memory 1 --deterministic -q -o tests/tmp/pilot 2>&1); rc=$?
if [ $rc -eq 0 ]; then ok; else bad "deterministic run refused: exit $rc: $err"; fi
rm -rf tests/tmp/pilot
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
