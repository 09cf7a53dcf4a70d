#!/bin/sh
# Failures while writing and interrupted runs: a full disk (a file-size limit,
# and /dev/full on standard output), a folder that cannot be created, too
# little memory, SIGINT and SIGTERM. Each must exit 1 with one clear message and
# leave the earlier output folder exactly as it was, with no temporary folder.
passed=0; failed=0
check() { if eval "$2"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL $1"; fi; }
T=tests/tmp/e2e_hard
rm -rf $T; mkdir -p $T
cfg=configs/examples/steady-queue.cfg
sum() { (cd "$1" && find . -type f | sort | xargs cat | cksum); }
no_tmp() { ! ls -d $T/out.tmp-* >/dev/null 2>&1; }
./campsim run $cfg -q -r 20 -o $T/out
before=$(sum $T/out)

# Disk full: a 20 KB file-size limit makes the first big CSV fail with EFBIG
# (SIGXFSZ ignored, as a full disk gives ENOSPC without a signal).
err=$( (ulimit -f 20; trap '' XFSZ; ./campsim run $cfg -q -r 20 -o $T/out --set admission.quota=50) 2>&1); rc=$?
check "disk full: exit 1" '[ $rc -eq 1 ]'
check "disk full: a message naming the file" 'echo "$err" | grep -q "series.csv: write failed"'
check "disk full: the earlier folder as it was" '[ "$(sum $T/out)" = "$before" ]'
check "disk full: no temporary folder left" no_tmp

err=$(./campsim --help-keys 2>&1 >/dev/full); rc=$?
check "standard output on /dev/full: exit 1" '[ $rc -eq 1 ]'
check "standard output on /dev/full: says so" 'echo "$err" | grep -q "standard output: No space left on device"'
err=$(./campsim check $cfg 2>&1 >/dev/full); rc=$?
check "check on /dev/full: exit 1" '[ $rc -eq 1 ]'

# A folder that cannot be written (root can write anywhere chmod allows, so use /proc).
err=$(./campsim run $cfg -q -r 2 -o /proc/campsim-test/out 2>&1); rc=$?
check "unwritable folder: exit 2 (refused before simulating)" '[ $rc -eq 2 ]'
check "unwritable folder: names it" 'echo "$err" | grep -q "/proc/campsim-test/out"'

# Out of memory: 9,000 exact replicates of the reference scenario need more
# than 400 MB of address space. (Not under AddressSanitizer, which reserves
# terabytes of address space up front and cannot start under such a limit.)
case ${CAMPSIM_BUILD:-} in *sanitize*) oom=no ;; *) oom=yes ;; esac
[ $oom = yes ] && {
err=$( (ulimit -v 400000; ./campsim run configs/jordan-2016.cfg -q -r 9000 -j 1 -o $T/out) 2>&1); rc=$?
check "out of memory: exit 1" '[ $rc -eq 1 ]'
check "out of memory: says so" 'echo "$err" | grep -q "out of memory"'
check "out of memory: the earlier folder as it was" '[ "$(sum $T/out)" = "$before" ]'
check "out of memory: no temporary folder left" no_tmp
}

# SIGINT and SIGTERM part way: the run stops, removes its temporary folder, exits non-zero.
for sig in INT TERM; do
    ./campsim run $cfg -q -r 2000000 -j 1 -o $T/out 2>$T/err & pid=$!
    sleep 1; kill -$sig $pid; wait $pid; rc=$?
    check "SIG$sig: non-zero exit" '[ $rc -ne 0 ]'
    check "SIG$sig: the earlier folder as it was" '[ "$(sum $T/out)" = "$before" ]'
    check "SIG$sig: no temporary folder left" no_tmp
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
