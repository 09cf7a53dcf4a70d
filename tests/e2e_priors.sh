#!/bin/sh
# Uncertain parameters end to end (tests/data/priors.cfg: five priors, three
# policies): the same bytes at -j 1 and -j 2 and on 2 MPI ranks; parameters.csv
# with one row per replicate, the same under every policy of compare; --fixed
# the same as --set of the central values `check` lists, with no parameters.csv;
# a posterior resampled by whole rows; the departures' walk widening the band.
# (Folders compared without the mark and provenance.txt, which name the
# process, the command and the time.)
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"   # Open MPI's own allocations (e2e_mpi.sh)
T=tests/tmp/priors; rm -rf $T; mkdir -p $T
C=tests/data/priors.cfg
passed=0; failed=0
check() {   # description, then a shell condition
    if eval "$2"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL $1"; fi
}
./campsim run $C -r 40 -q -j 1 -o $T/j1
./campsim run $C -r 40 -q -j 2 -o $T/j2
check "parameters.csv: a header and 40 rows" '[ $(wc -l < $T/j1/parameters.csv) -eq 41 ]'
check "parameters.csv: replicate, then the five paths" \
    'grep -q "^replicate,scenario.rate_factor,sites.\[0\].cmr,sites.\[0\].leave_rate,admission.quota_changes.\[1\].quota,origins.\[0\].travel.mean_days$" $T/j1/parameters.csv'
check "replicates draw different sets" '[ $(cut -d, -f2 $T/j1/parameters.csv | sort -u | wc -l) -eq 41 ]'
check "same bytes at -j 1 and -j 2" 'diff -r -x .campsim -x .campsim-files -x provenance.txt $T/j1 $T/j2 >/dev/null'
mpirun -np 2 ./campsim-mpi run $C -r 40 -q -j 1 -o $T/mpi >$T/mpi.log 2>&1
check "same bytes on 2 MPI ranks" 'diff -r -x .campsim -x .campsim-files -x provenance.txt $T/j1 $T/mpi >/dev/null'
./campsim compare $C -r 12 -q -j 2 -o $T/cmp
mpirun -np 2 ./campsim-mpi compare $C -r 12 -q -j 1 -o $T/cmp-mpi >>$T/mpi.log 2>&1
check "compare: same bytes on 2 MPI ranks" 'diff -r -x .campsim -x .campsim-files -x provenance.txt $T/cmp $T/cmp-mpi >/dev/null'
same=1
for p in village5_from_january capacity_linked; do
    cmp -s $T/cmp/$p/parameters.csv $T/cmp/status_quo/parameters.csv || same=0
done
check "compare: every policy runs the same sets" '[ $same -eq 1 ]'
# --fixed: the central values, as if set with --set.
sets=$(./campsim check $C | sed -n 's/^  \([^ ]*\) = \(.*\)$/--set \1=\2/p')
check "check lists five central values" '[ $(echo "$sets" | wc -l) -eq 5 ]'
./campsim compare $C -r 12 -q --fixed -o $T/fixed
./campsim compare $C -r 12 -q $sets -o $T/set
band() {   # the 90% band of village5_from_january's difference in peak_stranded (diff_p95 - diff_p05)
    awk -F, '$1=="village5_from_january" && $2=="peak_stranded" { print $9 - $8 }' $1/comparison.csv
}
check "compare: the differences carry the sets' spread (band 3x that of --fixed)" \
    'awk -v a=$(band $T/cmp) -v b=$(band $T/fixed) "BEGIN { exit !(a > 3 * b) }"'
check "--fixed writes no parameters.csv" '! ls $T/fixed/*/parameters.csv >/dev/null 2>&1'
check "--fixed is --set of the central values" 'diff -r -x run.cfg -x .campsim -x .campsim-files -x provenance.txt $T/fixed $T/set >/dev/null'
./campsim run $T/fixed/status_quo/run.cfg -r 12 -q -o $T/rerun
same=1
for f in series summary ensemble waits; do
    cmp -s $T/fixed/status_quo/$f.csv $T/rerun/$f.csv || same=0
done
check "--fixed's run.cfg runs the same" '[ $same -eq 1 ]'
# A posterior: parameters.csv holds whole particles, in about their weights.
printf '# two particles\nparticle,weight,scenario.rate_factor,sites.[0].cmr\n0,1,0.8,0.2\n1,3,1.2,0.4\n' > $T/posterior.csv
printf '@include "../../../configs/jordan-2016.cfg"\nuncertainty = { posterior = "posterior.csv"; };\n' > $T/post.cfg
./campsim run $T/post.cfg -r 400 -q -o $T/post
rows=$(tail -n +2 $T/post/parameters.csv | cut -d, -f2,3 | sort -u | tr "\n" " ")
check "posterior: whole particles" '[ "$rows" = "0.80000000000000004,0.20000000000000001 1.2,0.40000000000000002 " ]'
n=$(grep -c ",1.2,0.4" $T/post/parameters.csv)
check "posterior: 3 to 1 (within 4 SE of 300 in 400)" '[ $n -gt 265 ] && [ $n -lt 335 ]'
./campsim run $T/post/run.cfg -r 400 -q -o $T/post-rerun
check "posterior: run.cfg (elsewhere) reads it by its absolute path and reruns the same" \
    'diff $T/post/parameters.csv $T/post-rerun/parameters.csv >/dev/null'
./campsim run $T/post.cfg -r 20 -q --set sites.[0].cmr=0.7 -o $T/post-set
check "posterior: --set fixes a column (it leaves parameters.csv)" \
    'grep -q "^replicate,scenario.rate_factor$" $T/post-set/parameters.csv && grep -q "cmr = 0.7" $T/post-set/run.cfg'
# Binned quantiles (past 10,000 replicates: the pilot's replicates run again for
# each block of cells, and cross ranks) with a prior and a walk.
B="run tests/data/priors-steady.cfg -r 10500 --set scenario.days=30 -q"
./campsim $B -j 1 -o $T/bin1
./campsim $B -j 2 -o $T/bin2
mpirun -np 2 ./campsim-mpi $B -j 1 -o $T/bin-mpi >>$T/mpi.log 2>&1
check "binned, priors and walk: same bytes at -j 1, -j 2 and on 2 MPI ranks" \
    'diff -r -x .campsim -x .campsim-files -x provenance.txt $T/bin1 $T/bin2 >/dev/null && diff -r -x .campsim -x .campsim-files -x provenance.txt $T/bin1 $T/bin-mpi >/dev/null && [ -s $T/bin1/parameters.csv ]'
# The departures' walk: the band of set_out widens with the horizon.
./campsim run configs/jordan-2016.cfg -r 200 -q -o $T/walk0
./campsim run configs/jordan-2016.cfg -r 200 -q --set walk.volatility=0.15 -o $T/walk1
width() {   # the relative 90% band of set_out on day $2 of folder $1: (p95 - p05) / p50
    awk -F, -v d=$2 'NR > 1 && $1 == d { print ($6 - $4) / $5 }' $1/ensemble.csv
}
check "walk: set_out's band on day 300 over 3x its band on day 10" \
    'awk -v a=$(width $T/walk1 300) -v b=$(width $T/walk1 10) "BEGIN { exit !(a > 3 * b) }"'
check "walk: set_out's band on day 300 over 5x that without the walk" \
    'awk -v a=$(width $T/walk1 300) -v b=$(width $T/walk0 300) "BEGIN { exit !(a > 5 * b) }"'
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
