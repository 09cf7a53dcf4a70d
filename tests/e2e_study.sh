#!/bin/sh
# End-to-end: observations (bad files get file:line and exit 2), fit metrics in
# a run, calibration that recovers known parameters from synthetic observations,
# sweeps and Sobol indices, compare, and charts of every kind and format.
passed=0; failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL $*"; }
check() { if eval "$2"; then ok; else bad "$1"; fi; }
T=tests/tmp/e2e_study
rm -rf $T; mkdir -p $T

# Bad observation files: the first line says what campsim must print.
for f in tests/bad-observed/*.csv; do
    expect=$(head -n 1 "$f" | sed -n 's/^# expect: //p')
    err=$(./campsim run configs/examples/steady-queue.cfg -q -o $T/obs --observed "$f" 2>&1); rc=$?
    if [ $rc -eq 2 ] && printf '%s' "$err" | grep -qF -- "$expect"; then ok; else bad "$f: exit $rc: $err"; fi
done
check "no run folder after bad observations" '[ ! -e $T/obs ]'

# Synthetic observations from the calib scenario itself (deterministic), every 5 days.
./campsim run tests/data/calib.cfg -q --deterministic -o $T/truth
awk -F, '$1 != "day" && $1 % 5 == 0 && $1 > 0 { printf "%s,berm,stranded,%s,,,,synthetic\n", $2, $11 }' \
    $T/truth/series.csv > $T/obs.body
{ echo "date,site,variable,value,low,high,source_url,note"; cat $T/obs.body; } > $T/synthetic.csv
check "synthetic observations made" '[ $(wc -l < $T/synthetic.csv) -gt 10 ]'

# run --observed: fit.csv, and ard, rmse, band_coverage in summary.csv (exact fit: ARD 0 but
# for series.csv's rounding of the expectations to 0.1 person, below 1e-4 on hundreds of people).
./campsim run tests/data/calib.cfg -q --deterministic -o $T/fit --observed $T/synthetic.csv
check "fit.csv written" '[ -s $T/fit/fit.csv ]'
ard=$(awk -F, '$1 == "ard" { print ($2 < 1e-4) }' $T/fit/summary.csv)
check "ARD of the truth against itself is 0 (to series.csv's 0.1 person)" '[ "$ard" = 1 ]'
# The stochastic band of the same scenario holds the expected path most of the time.
./campsim run tests/data/calib.cfg -q -r 100 -o $T/fit2 --observed $T/synthetic.csv
cov=$(awk -F, '$1 == "band_coverage" { print ($2 >= 0.8) }' $T/fit2/summary.csv)
check "the 90% band covers the expected path (coverage >= 0.8)" '[ "$cov" = 1 ]'
# The scores of run --observed: CRPS and WIS of the truth against itself are 0 (but for
# series.csv's rounding of the observations to 0.1 person: 0.05 at most); summary.csv and
# fit.csv carry them; the same bytes at -j 1 and -j 2.
crps=$(awk -F, '$1 == "crps" { c = $2 } $1 == "wis" { w = $2 } END { print (c != "" && c < 0.05 && w < 0.05) }' $T/fit/summary.csv)
check "CRPS and WIS of the truth against itself are 0 (to series.csv's 0.1 person)" '[ "$crps" = 1 ]'
check "summary.csv has crps, wis, coverage_50, coverage_90" '[ $(grep -cE "^(crps|wis|coverage_50|coverage_90)," $T/fit2/summary.csv) -eq 4 ]'
filled=$(awk -F, 'NR > 1 && $12 != "" && $13 != "" && $14 != "" && $15 != "" && $16 != "" && $17 != "" { n++ } END { print n + 0 }' $T/fit2/fit.csv)
check "every fit.csv row has crps, wis, in_50, in_90, pit, loglik" '[ "$filled" -eq $(($(wc -l < $T/fit2/fit.csv) - 1)) ]'
./campsim run tests/data/calib.cfg -q -r 100 -j 1 -o $T/fit2j1 --observed $T/synthetic.csv
./campsim run tests/data/calib.cfg -q -r 100 -j 2 -o $T/fit2j2 --observed $T/synthetic.csv
check "run --observed: the same bytes at -j 1 and -j 2" 'diff -r -x .campsim -x .campsim-files -x provenance.txt $T/fit2j1 $T/fit2j2 >/dev/null'

# Calibration recovers one and two parameters within 2% from starts 50% off.
recovered() {  # file parameter true-value
    awk -F, -v p="$2" -v t="$3" '$1 == p { d = ($3 - t) / t; if (d < 0) d = -d; exit !(d < 0.02) }' "$1"
}
./campsim calibrate tests/data/calib.cfg --method optimize -q --deterministic --observed $T/synthetic.csv \
    --set origins.[0].rate=150 --fit origins.[0].rate -o $T/cal1 > $T/cal1.txt
check "calibrate exits 0" '[ $? -eq 0 ]'
recovered $T/cal1/calibration.csv "origins.[0].rate" 100; check "one parameter recovered within 2%" '[ $? -eq 0 ]'
./campsim calibrate tests/data/calib.cfg --method optimize -q --deterministic --observed $T/synthetic.csv \
    --set origins.[0].rate=150 --set sites.[0].leave_rate=0.015 \
    --fit origins.[0].rate=10:1000,sites.[0].leave_rate=0:0.1 -o $T/cal2 > $T/cal2.txt
recovered $T/cal2/calibration.csv "origins.[0].rate" 100; check "rate recovered with leave_rate" '[ $? -eq 0 ]'
recovered $T/cal2/calibration.csv "sites.[0].leave_rate" 0.01; check "leave_rate recovered with rate" '[ $? -eq 0 ]'
check "calibrated.cfg is a valid config" './campsim check $T/cal2/calibrated.cfg >/dev/null'
# calibrate's fit.csv: rel_diff = (sim_mean - observed) / observed on every row (it was 0 in all),
# to what the file gives: sim_mean to 0.1, rel_diff to 4 significant digits.
rel=$(awk -F, 'NR > 1 { n++; d = ($8 - $5) / $5 - $11; if (d < 0) d = -d; a = $11 < 0 ? -$11 : $11; o = $5 < 0 ? -$5 : $5
                        if (d <= 0.05 / o + 5e-4 * a + 1e-12 && $11 != "") ok++; if ($11 != 0) nz++ }
               END { print (n > 10 && ok == n && nz > 0) }' $T/cal2/fit.csv)
check "calibrate's fit.csv has rel_diff on every row" '[ "$rel" = 1 ]'
check "a value inside its range is not flagged" '[ "$(awk -F, "NR > 2 && \$6 != \"\"" $T/cal2/calibration.csv)" = "" ]'
# A range that excludes the truth (rate 100, range 10:50): the fit sits on the upper bound, flagged and warned.
./campsim calibrate tests/data/calib.cfg --method optimize -q --deterministic --observed $T/synthetic.csv \
    --set origins.[0].rate=30 --fit origins.[0].rate=10:50 -o $T/cal3 > $T/cal3.txt 2> $T/cal3.err
check "a fit on its bound is flagged in calibration.csv" '[ "$(awk -F, "\$1 == \"origins.[0].rate\" { print \$6 }" $T/cal3/calibration.csv)" = upper ]'
check "and warned about" 'grep -q "origins.\[0\].rate = 50 sits on its upper bound" $T/cal3.err'
./campsim calibrate tests/data/calib.cfg -q --observed $T/synthetic.csv --fit no.such.key 2>/dev/null
check "calibrate with an unknown --fit path exits 2" '[ $? -eq 2 ]'

# Sweep: the departure rate alone drives peak_stranded.
./campsim sweep tests/data/sweep.cfg -q --vary origins.[0].rate=50:150 --vary camps.[0].cmr=0:5 --samples 256 -o $T/sweep
check "sweep exits 0" '[ $? -eq 0 ]'
check "sweep.csv has a row per sample" '[ $(wc -l < $T/sweep/sweep.csv) -eq $((256 * 4 + 1)) ]'
s1=$(awk -F, '$1 == "peak_stranded" && $2 == "origins.[0].rate" { print ($3 >= 0.9) }' $T/sweep/sensitivity.csv)
check "S1 of the rate on peak_stranded >= 0.9" '[ "$s1" = 1 ]'
st=$(awk -F, '$1 == "peak_stranded" && $2 == "camps.[0].cmr" { print ($6 <= 0.05) }' $T/sweep/sensitivity.csv)
check "ST of camp mortality on peak_stranded <= 0.05" '[ "$st" = 1 ]'
./campsim plot $T/sweep 2>$T/err; rc=$?
check "plot of a sweep folder draws the sensitivity chart" '[ $rc -eq 0 ] && [ -s $T/sweep/charts/sensitivity.png ] && [ "$(grep -vc "^charts in" $T/err)" -eq 0 ]'
vary=""; i=0; while [ $i -lt 41 ]; do vary="$vary --vary origins.[0].rate=50:150"; i=$((i + 1)); done
err=$(./campsim sweep tests/data/sweep.cfg -q $vary --samples 4 -o $T/sweep41 2>&1); rc=$?
check "41 varied parameters refused (exit 2)" '[ $rc -eq 2 ]'
printf '%s' "$err" | grep -q "40"; check "and the message names the limit" '[ $? -eq 0 ]'

# Charts: every kind renders, in every format, at the stated size.
./campsim run configs/jordan-2016.cfg -q -r 20 -o $T/charts --plot --observed data/observations.csv
check "run --plot exits 0" '[ $? -eq 0 ]'
for c in stranded camps flows wait deaths water; do
    check "$c.png is a 1200x700 PNG" 'python3 -c "import struct,sys; d=open(\"$T/charts/charts/$c.png\",\"rb\").read(24); sys.exit(not (d[:8]==b\"\\x89PNG\\r\\n\\x1a\\n\" and struct.unpack(\">II\", d[16:24])==(1200,700)))"'
done
./campsim plot $T/charts --format svg 2>/dev/null && ./campsim plot $T/charts --format pdf 2>/dev/null
check "plot --format svg and pdf exit 0" '[ $? -eq 0 ]'
check "an SVG of 1200x700" 'grep -q "width=\"1200\"" $T/charts/charts/stranded.svg'
check "a PDF" '[ "$(head -c 4 $T/charts/charts/flows.pdf)" = "%PDF" ]'
check "report.md has the summary table and the charts" 'grep -q "peak_stranded" $T/charts/report.md && grep -q "charts/stranded" $T/charts/report.md'
# (marked as campsim's, as plot draws only into result folders)
mkdir -p $T/empty $T/broken; echo "campsim result folder" | tee $T/empty/.campsim >$T/broken/.campsim
./campsim plot $T/empty 2>$T/err; rc=$?
check "plot of a folder without CSV files exits 2" '[ $rc -eq 2 ] && grep -q "ensemble.csv" $T/err'
printf 'not,a,real\nfile\n' > $T/broken/ensemble.csv; ./campsim plot $T/broken 2>$T/err; rc=$?
check "plot of a malformed ensemble.csv exits 2 and names it" '[ $rc -eq 2 ] && grep -q "broken/ensemble.csv" $T/err'

# compare: sub-folders per policy, comparison.csv, its charts, and the contract.
./campsim compare configs/jordan-2016-policies.cfg -q -r 20 -o $T/compare --plot
check "compare --plot exits 0" '[ $? -eq 0 ]'
check "compare charts" '[ -s $T/compare/charts/compare_stranded.png ] && [ -s $T/compare/charts/compare_metrics.png ]'
python3 tests/check-outputs $T/compare >/dev/null; check "compare folder meets the contract" '[ $? -eq 0 ]'
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
