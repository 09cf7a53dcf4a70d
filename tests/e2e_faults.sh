#!/bin/sh
# Faults that used to hang, crash or go unexplained (issue 20): --observed on a
# FIFO or device, too little memory for a sweep or a calibration, SIGINT and
# SIGTERM in sweep and calibrate started from a script, a large run stopped
# within a second, write errors that say why, and --vary/--fit that make the
# config invalid or leave the key's range.
passed=0; failed=0
check() { if eval "$2"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL $1"; fi; }
T=tests/tmp/e2e_faults
rm -rf $T; mkdir -p $T
cfg=configs/examples/steady-queue.cfg
sum() { (cd "$1" && find . -type f | sort | xargs cat | cksum); }
no_tmp() { ! ls -d "$1".tmp-* >/dev/null 2>&1; }
# SIGINT is ignored in the background jobs of a non-interactive shell: these
# must install their own handler, as run does.
case ${CAMPSIM_BUILD:-} in *sanitize*) san=yes ;; *) san=no ;; esac

# --observed on a FIFO (no writer: open() or read() would block for ever), a
# device and a folder: exit 2 at once, naming the file, in every verb.
mkfifo $T/fifo
./campsim run $cfg -q -r 2 -o $T/base >/dev/null
for verb in run compare calibrate plot; do
    case $verb in
    run) args="run $cfg -q -r 2 -o $T/o-run" ;;
    compare) args="compare configs/jordan-2016-policies.cfg -q -r 2 -o $T/o-compare" ;;
    calibrate) args="calibrate tests/data/calib.cfg -q -r 2 --fit origins.[0].rate=50:200 -o $T/o-cal" ;;
    plot) args="plot $T/base" ;;
    esac
    for f in $T/fifo /dev/null $T; do
        err=$(timeout 10 ./campsim $args --observed $f 2>&1); rc=$?
        check "$verb --observed $f: exit 2 at once (got $rc)" '[ $rc -eq 2 ]'
        check "$verb --observed $f: names it" 'echo "$err" | grep -q "^$f: "'
    done
done

# Too little memory: a sweep whose design does not fit, and a calibration
# whose replicates do not; exit 1 saying so, no crash (SIGSEGV: 139).
# (Not under AddressSanitizer, which cannot start under such a limit.)
[ $san = no ] && {
err=$( (ulimit -v 60000; ./campsim sweep $cfg -q --vary admission.quota=50:70 --samples 3000000 --method lhs -r 2 -o $T/sw-oom) 2>&1); rc=$?
check "sweep out of memory: exit 1 (got $rc)" '[ $rc -eq 1 ]'
check "sweep out of memory: says so" 'echo "$err" | grep -q "out of memory"'
err=$( (ulimit -v 400000; ./campsim calibrate --method optimize configs/jordan-2016.cfg -q -r 9000 -j 1 --observed data/observations.csv --fit sites.[0].cmr -o $T/cal-oom) 2>&1); rc=$?
check "calibrate out of memory: exit 1 (got $rc)" '[ $rc -eq 1 ]'
check "calibrate out of memory: says so" 'echo "$err" | grep -q "out of memory"'
}

# SIGINT and SIGTERM stop sweep and calibrate started from a script, within a
# second, leaving the earlier folder as it was and no temporary folder.
./campsim sweep $cfg -q --vary admission.quota=50:70 --samples 4 --method lhs -r 2 -o $T/sw
./campsim run tests/data/calib.cfg -q --deterministic -o $T/truth
awk -F, '!/^#/ && $1 != "day" && $1 % 5 == 0 && $1 > 0 { printf "%s,berm,stranded,%s,,,,synthetic\n", $2, $11 }' \
    $T/truth/series.csv > $T/obs.body
{ echo "date,site,variable,value,low,high,source_url,note"; cat $T/obs.body; } > $T/synthetic.csv
./campsim run tests/data/calib.cfg -q -r 2 -o $T/cal   # an earlier folder (a calibration takes 5-15 s here)
sw_before=$(sum $T/sw); cal_before=$(sum $T/cal)
stopped_within() {   # seconds, then the command: starts it, signals it after 1 s, 0 if it ended in time
    sig=$1; shift
    "$@" >/dev/null 2>$T/sig.err & pid=$!
    sleep 1; kill -$sig $pid
    i=0; while kill -0 $pid 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
    kill -0 $pid 2>/dev/null && { kill -9 $pid; wait $pid; return 1; }
    wait $pid; rc=$?; [ $i -le 10 ]
}
for sig in INT TERM; do
    stopped_within $sig ./campsim sweep configs/jordan-2016.cfg -q -j 1 --vary admission.quota=50:200 --samples 400 --method lhs -r 200 -o $T/sw
    check "sweep SIG$sig: stopped within a second" '[ $? -eq 0 ]'
    check "sweep SIG$sig: exit 1 (got $rc)" '[ $rc -eq 1 ]'
    check "sweep SIG$sig: says so" 'grep -q "interrupted" $T/sig.err'
    check "sweep SIG$sig: the earlier folder as it was" '[ "$(sum $T/sw)" = "$sw_before" ] && no_tmp $T/sw'
    # both methods: Nelder-Mead on many replicates, ABC-SMC on many particles
    for how in "--method optimize -r 3000" "--set calibration.abc.particles=200000"; do
        stopped_within $sig ./campsim calibrate tests/data/calib.cfg -q -j 1 $how --observed $T/synthetic.csv --fit origins.[0].rate=50:200 -o $T/cal
        check "calibrate $how SIG$sig: stopped within a second" '[ $? -eq 0 ]'
        check "calibrate $how SIG$sig: exit 1 (got $rc)" '[ $rc -eq 1 ]'
        check "calibrate $how SIG$sig: says so" 'grep -q "interrupted" $T/sig.err'
        check "calibrate $how SIG$sig: the earlier folder as it was" '[ "$(sum $T/cal)" = "$cal_before" ] && no_tmp $T/cal'
    done
done

# Write errors name the file and the reason: a 20 KB file-size limit (EFBIG,
# SIGXFSZ ignored, as a full disk gives ENOSPC without a signal).
err=$( (ulimit -f 20; trap '' XFSZ; ./campsim sweep $cfg -q --vary admission.quota=50:70 --samples 400 --method lhs -r 1 -o $T/sw) 2>&1); rc=$?
check "sweep.csv too large: exit 1 (got $rc)" '[ $rc -eq 1 ]'
check "sweep.csv too large: the file and why" 'echo "$err" | grep -q "sweep.csv: write failed: File too large"'
check "sweep.csv too large: the earlier folder as it was" '[ "$(sum $T/sw)" = "$sw_before" ] && no_tmp $T/sw'
err=$( (ulimit -f 20; trap '' XFSZ; ./campsim run $cfg -q -r 20 -o $T/big --set admission.quota=50) 2>&1); rc=$?
check "run, series.csv too large: the file and why" 'echo "$err" | grep -q "series.csv: write failed: File too large"'

# A --vary or --fit that makes the config invalid names itself; --fit outside
# the key's range is refused as --vary is. All before anything runs: exit 2.
err=$(./campsim sweep configs/examples/minimal.cfg -q --vary 'groups.[0].share=0.1:0.9' --samples 2 -r 2 -o $T/sw-bad 2>&1); rc=$?
check "--vary that breaks the shares: exit 2 (got $rc)" '[ $rc -eq 2 ]'
check "--vary that breaks the shares: names the --vary" 'echo "$err" | grep -q "^campsim sweep: --vary groups.\[0\].share=0.1:0.9 makes the config invalid at groups.\[0\].share = 0.1: .*shares sum to"'
err=$(./campsim calibrate --method optimize configs/jordan-2016.cfg -q -r 2 --observed data/observations.csv --fit 'groups.[0].share' -o $T/cal-bad 2>&1); rc=$?
check "--fit that breaks the shares: exit 2 (got $rc)" '[ $rc -eq 2 ]'
check "--fit that breaks the shares: names the --fit" 'echo "$err" | grep -q "^campsim calibrate: --fit groups.\[0\].share=0:1 makes the config invalid at groups.\[0\].share = 0 .*shares sum to"'
err=$(./campsim calibrate --method optimize configs/jordan-2016.cfg -q -r 2 --observed data/observations.csv --fit 'sites.[0].cmr=-5:1e30' -o $T/cal-bad 2>&1); rc=$?
check "--fit outside the key's range: exit 2 (got $rc)" '[ $rc -eq 2 ]'
check "--fit outside the key's range: says so" 'echo "$err" | grep -q "the range must lie within 0 to 10000"'
check "no folder from a refused --vary or --fit" '[ ! -e $T/sw-bad ] && [ ! -e $T/cal-bad ]'

# calibrate says why nothing can be compared: no targets; a target series that
# does not exist (refused by check too, at the target's line).
err=$(./campsim calibrate configs/examples/minimal.cfg -q -r 2 --observed data/observations.csv --fit sites.[0].cmr -o $T/cal-bad 2>&1); rc=$?
check "calibrate without targets: exit 2 (got $rc)" '[ $rc -eq 2 ]'
check "calibrate without targets: says so" 'echo "$err" | grep -q "calibration.targets: none"'
sed 's/series = "stranded"/series = "no_such_series"/' tests/data/calib.cfg > $T/nosuch.cfg
line=$(grep -n no_such_series $T/nosuch.cfg | cut -d: -f1)
err=$(./campsim calibrate $T/nosuch.cfg -q -r 2 --observed $T/synthetic.csv --fit origins.[0].rate -o $T/cal-bad 2>&1); rc=$?
check "calibrate, no such target series: exit 2 (got $rc)" '[ $rc -eq 2 ]'
check "calibrate, no such target series: says so, at its line" 'echo "$err" | grep -q "^$T/nosuch.cfg:$line: calibration.targets.\[0\].series: no series.csv column is named .no_such_series."'
check "calibrate, no such target series: not 'no observation falls'" '! echo "$err" | grep -q "no observation"'

# A large run (binned quantiles) stops within a second of SIGINT in its pilot;
# that the freeze of the bins stops too is tests/unit_stats.c's
# qstore_freeze_stops_on_its_flag (a signal there took up to 4.7 s).
[ $san = no ] && for at in 2; do
    ./campsim run configs/jordan-2016.cfg -q -r 20000 -j 2 -o $T/big >/dev/null 2>$T/sig.err & pid=$!
    sleep $at; kill -INT $pid
    i=0; while kill -0 $pid 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
    kill -0 $pid 2>/dev/null && kill -9 $pid; wait $pid
    check "run -r 20000, SIGINT after $at s: stopped within a second ($i tenths)" '[ $i -le 10 ]'
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
