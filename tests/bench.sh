#!/bin/sh
# make bench: wall time and peak memory of the reference scenario, the figures
# the ensembles issue sets targets for. Benchmarks, not tests: nothing here
# passes or fails; read the numbers (and run it on an idle machine).
cfg=${1:-configs/jordan-2016.cfg}
T=${TMPDIR:-/tmp}/campsim-bench.$$
mkdir -p $T
trap 'rm -rf $T' EXIT
cores=$(nproc)
days=$(./campsim check $cfg | sed -n 's/.* \([0-9][0-9]*\) days.*/\1/p')
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1

once() {   # wall time (s) and peak RSS (MB) of one run of a command: sets t and mb1
    /usr/bin/time -f "%e %M" -o $T/t "$@" -q -o $T/out >/dev/null 2>$T/err || { cat $T/err; exit 1; }
    read t k < $T/t
    mb1=$((k / 1024))
}
faster() { awk "BEGIN { exit !($1 < $2) }"; }
best() {   # best wall time (s) and its peak RSS (MB) of $reps runs of a command
    b=""; m=""
    for i in $(seq $reps); do
        once "$@"
        if [ -z "$b" ] || faster $t $b; then b=$t; m=$mb1; fi
    done
    echo "$b $m"
}
row() {   # label, then the command
    label=$1; shift
    r=$(best "$@"); w=${r% *}; mb=${r#* }
    printf '%-44s %8.2f s %8d MB\n' "$label" "$w" "$mb"
}
# Two commands (strings) in turn, $reps rounds, so that the machine's drift in
# speed (several percent within minutes) hits both alike; prints the best of
# each and the first's best over the second's: label1 cmd1 label2 cmd2 label.
pair() {
    b1=""; b2=""
    for i in $(seq $reps); do
        eval "once $2"; if [ -z "$b1" ] || faster $t $b1; then b1=$t; m1=$mb1; fi
        eval "once $4"; if [ -z "$b2" ] || faster $t $b2; then b2=$t; m2=$mb1; fi
    done
    printf '%-44s %8.2f s %8d MB\n' "$1" "$b1" "$m1"
    printf '%-44s %8.2f s %8d MB\n' "$3" "$b2" "$m2"
    awk -v a=$b1 -v b=$b2 -v l="$5" 'BEGIN { printf "%-44s %8.2f x\n", l, a / b }'
    w=$b2
}
reps=3   # the memory runs below run once
echo "campsim bench: $cfg ($days days), $cores cores, $(date -u +%Y-%m-%d)"
row "-r 1 -j 1"                         ./campsim run $cfg -r 1 -j 1
row "-r 1 -j $cores"                    ./campsim run $cfg -r 1 -j $cores
pair "-r 1000 -j 1" "./campsim run $cfg -r 1000 -j 1" \
     "-r 1000 -j $cores" "./campsim run $cfg -r 1000 -j $cores" "speed-up with $cores threads"
tn=$w
awk -v b=$tn -v d=$days -v c=$cores 'BEGIN {
    printf "%-44s %8.0f (%d threads)\n", "replicate-days per second", 1000 * d / b, c }'
# More people: each factor's run alongside the reference's, as in pair.
x1="./campsim run $cfg -r 1000 -j $cores"
pair "-r 1000 -j $cores, rates and surges x10" "$x1 --set scenario.rate_factor=10 --set scenario.surge_factor=10" \
     "  -r 1000 -j $cores, run alongside" "$x1" "time with 10x the people"
# The largest factor the config allows: where the cost of more people levels off.
pair "-r 1000 -j $cores, rates and surges x1000" "$x1 --set scenario.rate_factor=1000 --set scenario.surge_factor=1000" \
     "  -r 1000 -j $cores, run alongside" "$x1" "time with 1000x the people"
# Uncertain parameters (issue 22: at most 1.2x): five priors, each replicate
# drawing its set and laying its sim out again, against their central values.
pri="./campsim run tests/data/priors.cfg -r 1000 -j $cores"
pair "-r 1000 -j $cores, five priors (tests/data/priors.cfg)" "$pri" \
     "  the same, --fixed" "$pri --fixed" "time with priors / --fixed"
# Behaviour that answers to the border (docs/model.md): the reference with giving
# up by the days waited (one binomial per arrival day, not per person) and
# departures that answer to the wait and closure, against the same config with
# both switched off by --set (same people set out: rate_factor and rates alike).
beh="./campsim run configs/jordan-2016-behaviour.cfg -r 1000 -j $cores"
behoff="--set sites.[0].give_up.median_days=0 --set sites.[1].give_up.median_days=0"
for o in 0 1 2 3 4; do behoff="$behoff --set origins.[$o].wait_elasticity=0 --set origins.[$o].closed_factor=1"; done
pair "-r 1000 -j $cores, behaviour on (jordan-2016-behaviour)" "$beh" \
     "  the same, its mechanisms off by --set" "$beh $behoff" "time with behaviour / without"
# Every mechanism of issue 23 at once (tests/data/all-on.cfg: the behaviour config
# with a second camp and routing by shares, a relocation, a transfer, returns
# from the camp; docs/performance.md) against the reference with all of them off.
pair "-r 1000 -j $cores, all mechanisms on (all-on.cfg)" "./campsim run tests/data/all-on.cfg -r 1000 -j $cores" \
     "  the reference, all off" "$x1" "time with all mechanisms on / off"
pair "-r 200 -j 1, all mechanisms on (all-on.cfg)" "./campsim run tests/data/all-on.cfg -r 200 -j 1" \
     "  the reference, all off" "./campsim run $cfg -r 200 -j 1" "time with all mechanisms on / off, 1 thread"
reps=1
row "-r 2000 -j $cores"                 ./campsim run $cfg -r 2000 -j $cores
m2=$mb
row "-r 20000 -j $cores"                ./campsim run $cfg -r 20000 -j $cores
awk -v a=$m2 -v b=$mb 'BEGIN { printf "%-44s %8.2f x\n", "peak memory -r 20000 / -r 2000", b / a }'
row "-r 100000 -j $cores"               ./campsim run $cfg -r 100000 -j $cores
if [ -x ./campsim-mpi ] && command -v mpirun >/dev/null; then
    # On one machine, Open MPI's default UCX layer takes about 0.2 s more to
    # start than ob1 (shared memory) on this kind of machine: a fifth of a
    # 1-second run. ob1 is what a single-machine run should use; on a cluster,
    # keep the site's settings (the Slurm script of docs/mpi.md does).
    mpi="mpirun --mca pml ob1"
    reps=3
    pair "mpirun -np 1 campsim-mpi -r 1000 -j 1" "$mpi -np 1 ./campsim-mpi run $cfg -r 1000 -j 1" \
         "mpirun -np 2 campsim-mpi -r 1000 -j 1" "$mpi -np 2 ./campsim-mpi run $cfg -r 1000 -j 1" \
         "speed-up with 2 MPI ranks"
    row "  the same, Open MPI's default pml"     mpirun -np 2 ./campsim-mpi run $cfg -r 1000 -j 1
    reps=2
    pair "mpirun -np 1 campsim-mpi -r 4000 -j 1" "$mpi -np 1 ./campsim-mpi run $cfg -r 4000 -j 1" \
         "mpirun -np 2 campsim-mpi -r 4000 -j 1" "$mpi -np 2 ./campsim-mpi run $cfg -r 4000 -j 1" \
         "speed-up with 2 MPI ranks, -r 4000"
fi
# calibrate's ABC-SMC on the reference (issue 22: at most 60 s on 2 cores): five
# priors (tests/data/jordan-abc.cfg), the berm counts through April 2016, 500
# particles; the number of simulations and the ESS are on calibrate's own line.
abcrun="./campsim calibrate tests/data/jordan-abc.cfg --observed data/observations.csv -j $cores"
/usr/bin/time -f "%e %M" -o $T/t $abcrun -q -o $T/abc > $T/abc.txt 2>$T/err || { cat $T/err; exit 1; }
read t k < $T/t
printf '%-44s %8.2f s %8d MB\n' "calibrate (ABC-SMC) the reference, -j $cores" "$t" "$((k / 1024))"
sed -n 's/.*ABC-SMC: \(.*\)/  \1/p' $T/abc.txt | head -n 1
# The backtest of docs/forecast.md: the reference's priors fitted to the berm
# counts up to 29 February, forecasting March and April (fit and ensemble).
reps=3
row "forecast backtest to 2016-02-29 -j $cores" ./campsim forecast configs/jordan-2016-forecast.cfg \
    --observed data/observations.csv --as-of 2016-02-29 --to 2016-04-30 -j $cores
