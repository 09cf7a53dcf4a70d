#!/bin/sh
# Relocations, transfers and several receiving camps (tests/data/camps-moves.cfg):
# the same bytes at -j 1 and -j 2 (run and compare) and on 2 Open MPI ranks; the move columns
# are in series.csv and ensemble.csv only when the scenario has moves.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
export OMPI_MCA_rmaps_base_oversubscribe=1
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"   # Open MPI's own allocations (e2e_mpi.sh)
T=tests/tmp/moves; rm -rf $T; mkdir -p $T
C=tests/data/camps-moves.cfg
passed=0; failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL $*"; }
same() {   # name, two folders
    if [ -s "$2/summary.csv" ] && diff -r -x .campsim -x .campsim-files -x provenance.txt "$2" "$3" >/dev/null; then ok; else bad "$1: $2 and $3 differ"; fi
}
./campsim run $C -q -j 1 -o $T/j1 2>$T/err || bad "run -j 1: $(cat $T/err)"
./campsim run $C -q -j 2 -o $T/j2 2>$T/err || bad "run -j 2: $(cat $T/err)"
same "-j 1 / -j 2" $T/j1 $T/j2
./campsim compare $C -q -r 6 -j 1 -o $T/c1 2>$T/err || bad "compare -j 1: $(cat $T/err)"
./campsim compare $C -q -r 6 -j 2 -o $T/c2 2>$T/err || bad "compare -j 2: $(cat $T/err)"
if [ -s $T/c1/comparison.csv ] && diff -r -x .campsim -x .campsim-files -x provenance.txt $T/c1 $T/c2 >/dev/null; then ok; else bad "compare -j 1 / -j 2 differ"; fi
if [ -x ./campsim-mpi ] && command -v mpirun >/dev/null; then
    mpirun -np 2 ./campsim-mpi run $C -q -j 1 -o $T/mpi >$T/mpi.log 2>&1 || bad "mpirun: $(tail -3 $T/mpi.log)"
    same "2 MPI ranks" $T/j1 $T/mpi
else
    bad "no campsim-mpi or mpirun"
fi
# The deterministic run: the flows of the moves are columns, and the books balance.
./campsim run $C -q --deterministic -o $T/det 2>$T/err || bad "deterministic: $(cat $T/err)"
for col in relocated_out relocated_to_camps relocated_to_sites transferred; do
    head -n 1 $T/det/series.csv | tr ',' '\n' | grep -qx $col && head -n 1 $T/j1/ensemble.csv | grep -q "${col}_mean" \
        && ok || bad "no column $col"
done
./campsim run configs/examples/steady-queue.cfg -q --deterministic -o $T/old 2>/dev/null
head -n 1 $T/old/series.csv | grep -q "relocated\|transferred" && bad "steady-queue has move columns" || ok
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
