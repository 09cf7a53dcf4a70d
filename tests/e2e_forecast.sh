#!/bin/sh
# campsim forecast end to end (tests/data/priors.cfg, the reference with five
# priors, against data/observations.csv): the folder's files and columns, the
# same bytes at -j 1 and -j 2 and on 2 MPI ranks, run.cfg pointing at the
# folder's posterior, a cut-off that leaves later reports out of the fit, and
# refused inputs (exit 2, nothing written).
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
T=tests/tmp/forecast; rm -rf $T; mkdir -p $T
C=tests/data/priors.cfg
O=data/observations.csv
passed=0; failed=0
check() {   # description, then a shell condition
    if eval "$2"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL $1"; fi
}
F="forecast $C --observed $O --as-of 2016-02-29 --to 2016-04-30 -r 30 --samples 300 -q"
./campsim $F -j 1 -o $T/j1 > $T/j1.out
./campsim $F -j 2 -o $T/j2 > /dev/null
check "forecast writes its files" \
    'for f in forecast.csv forecast_observed.csv posterior.csv scores.csv ensemble.csv run.cfg; do [ -s $T/j1/$f ] || exit 1; done'
check "forecast.csv: date, series, mean and the 23 hub levels" \
    'grep -q "^date,series,mean,p01,p02_5,p05,p10,p15,p20,p25,p30,p35,p40,p45,p50,p55,p60,p65,p70,p75,p80,p85,p90,p95,p97_5,p99$" $T/j1/forecast.csv'
check "forecast.csv: one row a day to the horizon (61 days)" '[ $(grep -c ",stranded," $T/j1/forecast.csv) -eq 121 ]'
check "scores.csv: the held-out report of 15 April and the overall row" \
    'grep -q "^2016-04-15,berm_total,stranded_population_est,stranded,46,50000," $T/j1/scores.csv && grep -q "^overall," $T/j1/scores.csv'
check "scores.csv: no report on or before the cut-off is scored" \
    '[ $(cat $T/j1/scores.csv | grep -c "^2016-0[12]") -eq 0 ]'
check "forecast_observed.csv: the cut-off, fitted and held-out reports" \
    'grep -q "^forecast: fitted to the reports up to 2016-02-29," $T/j1/provenance.txt && grep -q "^2016-02-29,stranded,35000,23000,35000,0$" $T/j1/forecast_observed.csv && grep -q "^2016-04-15,stranded,50000,50000,50000,1$" $T/j1/forecast_observed.csv'
check "same bytes at -j 1 and -j 2 (but run.cfg's path)" \
    '[ $(diff -r -x .campsim -x .campsim-files -x provenance.txt $T/j1 $T/j2 | grep "^[<>]" | grep -vc "posterior = ") -eq 0 ]'
check "run.cfg names the folder's own posterior" "grep -q \"posterior = \\\"$(cd $T/j1 && pwd)/posterior.csv\\\"\" $T/j1/run.cfg"
check "run.cfg reruns the predictive ensemble" './campsim run $T/j1/run.cfg -q -o $T/rerun && cmp -s $T/j1/ensemble.csv $T/rerun/ensemble.csv'
check "the summary line names the fit and the scores" \
    'grep -q "4.*simulations, ESS" $T/j1.out || grep -q "300 simulations, ESS" $T/j1.out && grep -q "skill against persistence" $T/j1.out'
if command -v mpirun >/dev/null 2>&1 && [ -x ./campsim-mpi ]; then
    mpirun -np 2 ./campsim-mpi $F -j 1 -o $T/mpi > $T/mpi.log 2>&1
    check "same bytes on 2 MPI ranks (but run.cfg's path)" \
        '[ $(diff -r -x .campsim -x .campsim-files -x provenance.txt $T/j1 $T/mpi | grep "^[<>]" | grep -vc "posterior = ") -eq 0 ]'
fi
# A later report changes nothing fitted: the fit sees the reports up to the cut-off only.
grep -v "^2016-04-15" $O > $T/obs-cut.csv
./campsim forecast $C --observed $T/obs-cut.csv --as-of 2016-02-29 --to 2016-04-30 -r 30 --samples 300 -q -j 2 -o $T/cut >/dev/null
check "the fit ignores reports after the cut-off" 'cmp -s $T/j1/posterior.csv $T/cut/posterior.csv && cmp -s $T/j1/forecast.csv $T/cut/forecast.csv'
check "no later report: no scores.csv" '[ ! -e $T/cut/scores.csv ]'
# Refused, exit 2, nothing written.
bad() {   # description, then the arguments
    d=$1; shift
    ./campsim forecast "$@" -q -o $T/bad >/dev/null 2>$T/bad.err; rc=$?
    check "$d: exit 2 with a message, nothing written" '[ $rc -eq 2 ] && [ -s $T/bad.err ] && [ ! -e $T/bad ]'
}
bad "no --as-of" $C --observed $O
bad "no --observed" $C --as-of 2016-02-29
bad "a date that is not one" $C --observed $O --as-of 2016-02-30
bad "--as-of before the start" $C --observed $O --as-of 2015-12-01
bad "--to before --as-of" $C --observed $O --as-of 2016-02-29 --to 2016-02-01
bad "--fixed" $C --observed $O --as-of 2016-02-29 --fixed
bad "a config without priors" configs/jordan-2016.cfg --observed $O --as-of 2016-02-29
bad "--as-of with no value" $C --observed $O --as-of
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
