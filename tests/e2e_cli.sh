#!/bin/sh
# End-to-end checks of the command line: exit statuses, same seed same bytes at
# any number of threads, run.cfg reproduces the run, --set, and output folders
# that are written whole or not at all (a failed or killed run leaves the earlier
# folder exactly as it was; the next run removes what the killed one left).
passed=0; failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL $*"; }
check() { if eval "$2"; then ok; else bad "$1"; fi; }
T=tests/tmp/e2e_cli
rm -rf $T; mkdir -p $T
cfg=configs/examples/steady-queue.cfg
# The files' bytes, but for those that say which process made them and when
# (the mark and provenance.txt).
sum() { (cd "$1" && find . -type f ! -name .campsim ! -name .campsim-files ! -name provenance.txt | sort | xargs cat | cksum); }

./campsim --version >/dev/null; check "--version exits 0" '[ $? -eq 0 ]'
./campsim --help | grep -q "campsim run CONFIG"; check "--help shows usage" '[ $? -eq 0 ]'
./campsim frobnicate 2>/dev/null; check "unknown verb exits 2" '[ $? -eq 2 ]'
./campsim run 2>/dev/null; check "run without config exits 2" '[ $? -eq 2 ]'
./campsim run $cfg -r abc 2>/dev/null; check "-r abc exits 2" '[ $? -eq 2 ]'
./campsim check $cfg >/dev/null; check "check of a good config exits 0" '[ $? -eq 0 ]'

./campsim run $cfg -q -r 20 -j 1 -o $T/j1 && ./campsim run $cfg -q -r 20 -j 2 -o $T/j2
check "run exits 0" '[ $? -eq 0 ]'
for f in series.csv ensemble.csv summary.csv waits.csv run.cfg; do
    cmp -s $T/j1/$f $T/j2/$f; check "$f same bytes at -j 1 and -j 2" '[ $? -eq 0 ]'
done
./campsim run $cfg -q -r 20 -j 2 -o $T/j3; cmp -s $T/j1/ensemble.csv $T/j3/ensemble.csv
check "same seed, same bytes on a rerun" '[ $? -eq 0 ]'
./campsim run $cfg -q -r 20 -s 2 -o $T/s2; cmp -s $T/j1/series.csv $T/s2/series.csv
check "another seed, other numbers" '[ $? -ne 0 ]'
./campsim run $T/j1/run.cfg -q -o $T/rerun; cmp -s $T/j1/series.csv $T/rerun/series.csv && cmp -s $T/j1/summary.csv $T/rerun/summary.csv
check "run.cfg reproduces the run byte for byte" '[ $? -eq 0 ]'
./campsim run $cfg -q -r 3 --set admission.quota=80 -o $T/set && grep -q "quota = 80" $T/set/run.cfg
check "--set lands in run.cfg" '[ $? -eq 0 ]'

before=$(sum $T/j1)
err=$(./campsim run $cfg -q -o $T/j1 --set admission.quota=-3 2>&1); rc=$?
check "a bad --set exits 2" '[ $rc -eq 2 ]'
echo "$err" | grep -q "admission.quota" ; check "a bad --set names the setting" '[ $? -eq 0 ]'
check "a bad --set leaves the folder as it was" '[ "$(sum $T/j1)" = "$before" ]'
err=$(./campsim run $cfg -q -o $T/j1 --set admission.nosuch=3 2>&1); rc=$?
check "an unknown --set path exits 2" '[ $rc -eq 2 ]'

# A run killed part way leaves the earlier folder untouched; the next run cleans up.
./campsim run $cfg -q -r 2000000 -j 1 -o $T/j1 & pid=$!
sleep 1; kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
check "a killed run leaves the folder as it was" '[ "$(sum $T/j1)" = "$before" ]'
ls -d $T/j1.tmp-* >/dev/null 2>&1; check "a killed run leaves its temporary folder behind" '[ $? -eq 0 ]'
./campsim run $cfg -q -r 20 -j 1 -o $T/j1
ls -d $T/j1.tmp-* >/dev/null 2>&1; check "the next run removes it" '[ $? -ne 0 ]'
check "and writes the same folder again" '[ "$(sum $T/j1)" = "$before" ]'

# Results that cannot be put in place (a file there) are refused before the run: exit 2, the file kept.
echo keep > $T/afile
./campsim run $cfg -q -r 2 -o $T/afile 2>/dev/null; rc=$?
check "cannot put results in place: exit 2" '[ $rc -eq 2 ]'
check "and the file there is untouched" '[ "$(cat $T/afile)" = keep ]'

# Past 10,000 replicates the quantiles' pilot is taken in passes when it would
# exceed --pilot-memory (here 16 passes instead of 1), the pilot replicates run
# again for each: every file the same bytes (no replicate counted twice).
./campsim run $cfg -q -r 10500 --set scenario.days=30 -o $T/pilot1 &&
    ./campsim run $cfg -q -r 10500 --set scenario.days=30 --pilot-memory 1 -o $T/pilot16
check "--pilot-memory 1: the pilot in passes, the same bytes" 'diff -r -x .campsim -x .campsim-files -x provenance.txt $T/pilot1 $T/pilot16 >/dev/null'
./campsim run $cfg -q --pilot-memory 0 -o $T/p0 2>/dev/null; check "--pilot-memory 0 exits 2" '[ $? -eq 2 ]'

./campsim run $cfg -q --deterministic -o $T/det
if command -v python3 >/dev/null; then
    python3 tests/check-outputs $T/det >/dev/null; check "deterministic folder meets the contract" '[ $? -eq 0 ]'
fi
# The ensemble mean of a linear scenario against the deterministic run. In the
# steady queue (departures Poisson(100) a day, a 5-day journey, a quota of 60
# that the queue always fills) the stranded on day t are everyone who arrived
# less 60 a day, so their variance is that of t - 4 days of departures,
# 100 (t - 4): the ensemble's mean stranded_mean must be within 4 standard
# errors, sqrt(100 (t - 4) / R), of the deterministic run's on days 20, 60 and
# 119. A deterministic run with a quota of 61 must fail the same test.
stranded() {   # folder, day: stranded_mean on that day in ensemble.csv
    awk -F, -v day="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "stranded_mean") c = i; next }
                         c && $1 == day { print $c }' "$1/ensemble.csv"
}
within() {   # stochastic folder, deterministic folder, R: every day within 4 SE
    for t in 20 60 119; do
        awk -v m="$(stranded "$1" $t)" -v d="$(stranded "$2" $t)" -v t=$t -v r="$3" \
            'BEGIN { se = sqrt(100 * (t - 4) / r); exit !(m - d < 4 * se && d - m < 4 * se) }' || return 1
    done
}
./campsim run $cfg -q -r 400 -o $T/ens400
./campsim run $cfg -q --deterministic --set admission.quota=61 -o $T/det61
within $T/ens400 $T/det 400; check "ensemble mean within 4 SE of the deterministic run (steady queue)" '[ $? -eq 0 ]'
within $T/ens400 $T/det61 400; check "and not of one with a quota of 61" '[ $? -ne 0 ]'

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
