#!/bin/sh
# campsim-mpi on 2, 3 and 4 Open MPI ranks (4 for 3 replicates: a rank with
# none) writes the same bytes as campsim -j 1: run (exact quantiles and the
# binned ones past 10,000 replicates, whose pilot replicates cross ranks, in one
# pass and in 16), run --observed (its scores need every replicate's value on
# the reports' days), compare, sweep and calibrate. (Not the mark and provenance.txt,
# which name the process, the command and the time.)
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1   # CI runs as root
export OMPI_MCA_rmaps_base_oversubscribe=1                        # 3 ranks on 2 cores
# Under make SANITIZE=1, Open MPI's own allocations (its plugins, MPI_Op tables)
# are still held at MPI_Finalize and LeakSanitizer would count them: leak checks
# are off here only; invalid accesses are still caught, and campsim's own code is
# leak-checked by every other test.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
T=tests/tmp/mpi; rm -rf $T; mkdir -p $T
passed=0; failed=0
check() {   # name, then the arguments of both runs
    name=$1; np=$2; shift 2
    ./campsim "$@" -q -j 1 -o $T/$name-serial >$T/$name.log 2>&1
    mpirun -np $np ./campsim-mpi "$@" -q -j 1 -o $T/$name-mpi >>$T/$name.log 2>&1; rc=$?
    if [ $rc -eq 0 ] && [ -s $T/$name-serial/summary.csv -o -s $T/$name-serial/sweep.csv -o -s $T/$name-serial/comparison.csv -o -s $T/$name-serial/posterior.csv ] \
       && diff -r -x .campsim -x .campsim-files -x provenance.txt $T/$name-serial $T/$name-mpi >/dev/null; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1)); echo "FAIL $name on $np ranks (exit $rc)"; tail -5 $T/$name.log
        diff -r -x .campsim -x .campsim-files -x provenance.txt $T/$name-serial $T/$name-mpi | head -5
    fi
}
check run 2 run configs/jordan-2016.cfg -r 40
check run3 3 run configs/jordan-2016.cfg -r 7 --set admission.order=random
check few 4 run configs/jordan-2016.cfg -r 3   # a rank with no replicates
check float 2 run configs/jordan-2016.cfg -r 1700   # past 256 MB of doubles: the exact store holds floats
check binned 2 run configs/examples/steady-queue.cfg -r 10500 --set scenario.days=30
check binned-passes 2 run configs/examples/steady-queue.cfg -r 10500 --set scenario.days=30 --pilot-memory 1
check compare 2 compare configs/jordan-2016-policies.cfg -r 8
check behaviour 2 compare configs/jordan-2016-behaviour-policies.cfg -r 6   # departures answer to each policy's border
check behaviour-priors 3 run tests/data/behaviour-priors.cfg -r 5
check observed 3 run configs/jordan-2016.cfg -r 7 --observed data/observations.csv   # each replicate's value on the report days
check sweep 2 sweep tests/data/sweep.cfg --vary origins.[0].rate=50:150 --vary camps.[0].cmr=0:5 --samples 32
# calibrate (ABC-SMC): each generation's candidates split over the ranks, every rank holding the population.
check calibrate 2 calibrate configs/jordan-2016.cfg --observed data/observations.csv \
    --fit scenario.rate_factor=0.5:2,sites.[0].leave_rate=0:0.01 --set calibration.abc.particles=40
check calibrate3 3 calibrate configs/jordan-2016.cfg --observed data/observations.csv \
    --fit scenario.rate_factor=0.5:2,sites.[0].leave_rate=0:0.01 --set calibration.abc.particles=41
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
