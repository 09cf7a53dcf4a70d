#!/bin/bash
# Compares two builds of campsim fairly on a noisy 2-core machine: both run at
# the same time, one on each core (swapping cores every round), so that drift
# in the machine's speed hits both alike. Prints the mean wall time of each and
# the ratio new / old; two identical builds give 1.00 within about 0.5%.
#   tests/side-by-side.sh OLD NEW ROUNDS [campsim run arguments after the config]
#   e.g. tests/side-by-side.sh /tmp/campsim.old ./campsim 6 -r 500
# Each build runs `run configs/jordan-2016.cfg -j 1 -q` with the arguments given.
old=$1 new=$2 rounds=$3
shift 3
T=$(mktemp -d)
trap 'rm -rf $T' EXIT
so=0 sn=0
for i in $(seq "$rounds"); do
    a=$((i % 2)) b=$((1 - i % 2))
    /usr/bin/time -f %e -o $T/old taskset -c $a "$old" run configs/jordan-2016.cfg -q -j 1 -o $T/o "$@" &
    /usr/bin/time -f %e -o $T/new taskset -c $b "$new" run configs/jordan-2016.cfg -q -j 1 -o $T/n "$@" &
    wait
    so=$(awk -v s=$so -v t="$(cat $T/old)" 'BEGIN { print s + t }')
    sn=$(awk -v s=$sn -v t="$(cat $T/new)" 'BEGIN { print s + t }')
done
awk -v o=$so -v n=$sn -v k=$rounds 'BEGIN { printf "old %.3f s, new %.3f s, new/old %.3f\n", o / k, n / k, n / o }'
