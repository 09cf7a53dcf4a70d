#!/bin/sh
# Writes the fingerprints (sha256 of every CSV and run.cfg) of 17 runs of
# the shipped and test configs, one line per file. tests/e2e_golden.sh compares
# today's binary with tests/golden/sha256.txt, written by this script from the
# binary of commit 369197e (before the mechanisms of issue 23's items 1, 3, 4, 5
# and 9): a config that names none of them must give the same bytes. Changed
# twice since, on purpose: the food columns of the runs of the reference (an aid
# cut of an "enough" food supply now cuts it, sim/needs.c), and the series.csv of
# the deterministic runs (written to 12 significant digits, so that their books
# balance in the file); every other file kept.
# Usage: sh tests/golden/make.sh CAMPSIM OUTDIR > tests/golden/sha256.txt
bin=${1:-./campsim}; T=${2:-tests/tmp/golden}
rm -rf $T; mkdir -p $T
runs() {   # name, then the command's arguments
    n=$1; shift
    $bin "$@" -q -o $T/$n >/dev/null 2>&1 || echo "$n: exit $?" >&2
}
for c in configs/jordan-2016.cfg configs/examples/minimal.cfg configs/examples/steady-queue.cfg \
         tests/data/camp-needs.cfg tests/data/report-switches.cfg tests/data/plot-edge.cfg \
         tests/data/plot-closed.cfg; do
    b=$(basename $c .cfg)
    runs $b-r7 run $c -r 7 -s 11
    runs $b-det run $c --deterministic
done
runs policies-cmp compare configs/jordan-2016-policies.cfg -r 5 -s 3
runs observed run configs/jordan-2016.cfg -r 5 --observed data/observations.csv
runs priors run tests/data/priors.cfg -r 6
(cd $T && find . -name '*.csv' -o -name run.cfg | LC_ALL=C sort | xargs sha256sum)
