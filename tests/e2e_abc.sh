#!/bin/sh
# End-to-end: calibrate's ABC-SMC (the default method): its outputs, the same
# bytes at -j 1 and -j 2, calibrated.cfg as the posterior predictive ensemble,
# and the inputs it refuses (exit 2 before any simulating). The sampler's
# correctness is shown by tests/unit_abc.c (exact posteriors) and
# tests/unit_sbc.c (simulation-based calibration); the MPI bytes by e2e_mpi.sh.
passed=0; failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL $*"; }
check() { if eval "$2"; then ok; else bad "$1"; fi; }
T=tests/tmp/e2e_abc
rm -rf $T; mkdir -p $T

# Synthetic reports from the calib scenario's expected path, every 5 days.
./campsim run tests/data/calib.cfg -q --deterministic -o $T/truth
{ echo "date,site,variable,value,low,high,source_url,note"
  awk -F, '!/^#/ && $1 != "day" && $1 % 5 == 0 && $1 > 0 { printf "%s,berm,stranded,%s,,,,synthetic\n", $2, $11 }' \
      $T/truth/series.csv; } > $T/obs.csv
fit="--fit origins.[0].rate=10:1000,sites.[0].leave_rate=0:0.1 --set calibration.abc.particles=100"

./campsim calibrate tests/data/calib.cfg -q --observed $T/obs.csv $fit -j 1 -o $T/a > $T/a.txt 2> $T/a.err
check "calibrate (ABC-SMC) exits 0" '[ $? -eq 0 ]'
check "it writes posterior.csv, calibration.csv, calibrated.cfg" \
    '[ -s $T/a/posterior.csv ] && [ -s $T/a/calibration.csv ] && [ -s $T/a/calibrated.cfg ]'
check "posterior.csv's header" '[ "$(grep -v "^#" $T/a/posterior.csv | head -n 1)" = "particle,weight,origins.[0].rate,sites.[0].leave_rate,distance" ]'
check "posterior.csv has one row a particle" '[ $(grep -v "^#" $T/a/posterior.csv | wc -l) -eq 101 ]'
check "the weights sum to 1" "awk -F, 'NR > 1 { s += \$2 } END { exit !(s > 1 - 1e-9 && s < 1 + 1e-9) }' $T/a/posterior.csv"
check "calibration.csv's header" '[ "$(grep -v "^#" $T/a/calibration.csv | head -n 1)" = "parameter,start,fitted,lower,upper,at_bound,mean,median,p05,p50,p95,ess" ]'
# The truth (rate 100, leave 0.01) inside the 90% intervals, and the quantiles in order.
inside=$(awk -F, '$1 == "origins.[0].rate" && $9 <= 100 && 100 <= $11 && $9 < $10 && $10 < $11 { n++ }
                  $1 == "sites.[0].leave_rate" && $9 <= 0.01 && 0.01 <= $11 { n++ } END { print n + 0 }' $T/a/calibration.csv)
check "the true values lie in their 90% intervals" '[ "$inside" = 2 ]'
check "it reached the exact posterior (tolerance 1)" 'grep -q "final tolerance 1 (the exact posterior)" $T/a.txt'
check "no parameter flagged on a bound" '[ -z "$(awk -F, "NR > 1 && \$6 != \"\"" $T/a/calibration.csv)" ]'

./campsim calibrate tests/data/calib.cfg -q --observed $T/obs.csv $fit -j 2 -o $T/b > /dev/null 2>&1
check "the same bytes at -j 1 and -j 2" 'diff -r -x .campsim -x .campsim-files -x provenance.txt $T/a $T/b >/dev/null'
./campsim calibrate tests/data/calib.cfg -q --observed $T/obs.csv $fit -s 2 -o $T/c > /dev/null 2>&1
check "another seed, another posterior" '! cmp -s $T/a/posterior.csv $T/c/posterior.csv'

# calibrated.cfg: valid, its uncertainty is the posterior, and its run resamples the particles.
check "calibrated.cfg is a valid config" './campsim check $T/a/calibrated.cfg >/dev/null'
check "calibrated.cfg names posterior.csv" 'grep -q "posterior = \"posterior.csv\"" $T/a/calibrated.cfg'
./campsim run $T/a/calibrated.cfg -q -r 50 -o $T/pp --observed $T/obs.csv
check "run calibrated.cfg exits 0" '[ $? -eq 0 ]'
# Every replicate's set is a particle of the posterior.
awk -F, 'FNR == 1 { f++ } !/^#/ && f == 1 && $1 != "particle" { p[$3 "," $4] = 1 }
         !/^#/ && f == 2 && $1 != "replicate" { n++; if ((sprintf("%s,%s", $2, $3)) in p) k++ }
         END { exit !(n == 50 && k == 50) }' $T/a/posterior.csv $T/pp/parameters.csv
check "every replicate of the posterior predictive run is a particle" '[ $? -eq 0 ]'
cov=$(awk -F, '$1 == "coverage_90" { print ($2 >= 0.8) }' $T/pp/summary.csv)
check "the posterior predictive 90% interval covers >= 80% of the reports" '[ "$cov" = 1 ]'

# A config with priors needs no --fit; --fit replaces a prior on the same path.
./campsim run tests/data/sbc.cfg -q --deterministic -o $T/sbctruth
{ echo "date,site,variable,value,low,high,source_url,note"
  awk -F, '!/^#/ && $1 != "day" && $1 % 10 == 0 && $1 > 0 { printf "%s,berm,stranded,%s,,,,synthetic\n", $2, $11 }' \
      $T/sbctruth/series.csv; } > $T/sbcobs.csv
./campsim calibrate tests/data/sbc.cfg -q --observed $T/sbcobs.csv --set calibration.abc.particles=50 -o $T/p > /dev/null 2>&1
check "the config's priors fitted without --fit" '[ $? -eq 0 ] && [ $(grep -c "^origins\|^sites" $T/p/calibration.csv) -eq 2 ]'
check "a posterior inside its priors is not flagged" '[ -z "$(awk -F, "NR > 1 && \$6 != \"\"" $T/p/calibration.csv)" ]'
./campsim calibrate tests/data/sbc.cfg -q --observed $T/sbcobs.csv --set calibration.abc.particles=50 \
    --set sites.[0].leave_rate=0.01 --fit origins.[0].rate=50:80 -o $T/q > /dev/null 2> $T/q.err
check "--fit's range replaces the prior, --set drops one" 'awk -F, "\$1 == \"origins.[0].rate\" { exit !(\$4 == 50 && \$5 == 80 && \$9 >= 50 && \$11 <= 80) }" $T/q/calibration.csv && [ $(grep -c "^sites" $T/q/calibration.csv) -eq 0 ]'
check "a posterior piling on its bound is flagged and warned" \
    'awk -F, "\$1 == \"origins.[0].rate\" { exit !(\$6 == \"upper\") }" $T/q/calibration.csv && grep -q "piles on its prior" $T/q.err'

# Refused before any simulating, exit 2, nothing written.
refused() {  # name, expected message, arguments
    name=$1; msg=$2; shift 2
    err=$(./campsim calibrate "$@" -q -o $T/refused 2>&1); rc=$?
    if [ $rc -eq 2 ] && printf '%s' "$err" | grep -qF -- "$msg" && [ ! -e $T/refused ]; then ok; else bad "$name: exit $rc: $err"; fi
}
refused "no priors and no --fit" "no uncertain parameters to fit" tests/data/calib.cfg --observed $T/obs.csv
refused "--fit without a finite range" "needs a finite range" tests/data/calib.cfg --observed $T/obs.csv --fit origins.[0].rate
refused "an unknown method" "--method simplex" tests/data/calib.cfg --observed $T/obs.csv --method simplex
refused "--fixed" "cannot be fixed" tests/data/sbc.cfg --observed $T/obs.csv --fixed
refused "a bad calibration.abc key" "calibration.abc.particles" tests/data/sbc.cfg --observed $T/obs.csv --set calibration.abc.particles=3

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
