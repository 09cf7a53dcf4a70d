#!/bin/sh
# The adversarial review of issue 23's features (docs/testing.md): edge cases of
# relocations, transfers, routing and behaviour run in both modes with their books
# balanced every day (tests/books.py), and the faults the review found, each
# checked here against the fix.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
T=tests/tmp/review; rm -rf $T; mkdir -p $T
passed=0; failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL $*"; }
check() { if eval "$2"; then ok; else bad "$1"; fi; }
M=tests/data/camps-moves.cfg
B=configs/jordan-2016-behaviour.cfg
n=0
# books NAME CONFIG [--set ...]: valid, runs in both modes, and balances.
books() {
    name=$1; c=$2; shift 2; n=$((n + 1))
    if ! ./campsim check $c "$@" >/dev/null 2>$T/err; then bad "$name: check: $(cat $T/err)"; return; fi
    ./campsim run $c "$@" -q --deterministic -o $T/$n-d 2>$T/err || { bad "$name: deterministic: $(cat $T/err)"; return; }
    ./campsim run $c "$@" -q -r 2 -j 2 -s 7 -o $T/$n-s 2>$T/err || { bad "$name: stochastic: $(cat $T/err)"; return; }
    r=$(python3 tests/books.py $T/$n-d $T/$n-s 2>&1)
    case "$r" in "OK 0") ok; rm -rf $T/$n-d $T/$n-s ;; *) bad "$name: $(echo "$r" | head -3)" ;; esac
}
books "moves" $M
books "relocation on the first day" $M --set 'relocations.[0].date="2016-02-01"'
books "relocation on the last day" $M --set 'relocations.[0].date="2016-04-30"'
books "relocation longer than the period" $M --set 'relocations.[2].days=1000'
books "relocation of more people than there are" $M --set 'relocations.[1].people=1e9'
books "transfer from an empty camp" $M --set 'camps.[1].initial=0' --set 'transfers.[0].from="Softex"' \
    --set 'transfers.[0].to="Diavata"' --set 'transfers.[0].date="2016-02-01"'
books "share 1 of an empty site" $M --set 'sites.[1].initial=0' --set 'origins.[0].sites={Idomeni=1.0;}' --set 'relocations.[0].share=1.0'
books "camps of capacity 0" $M --set 'camps.[0].capacity=0' --set 'camps.[1].capacity=0' --set 'camps.[0].initial=0'
books "all full, first_with_room" $M --set 'camps.[0].capacity=0' --set 'camps.[1].capacity=0' --set 'admission.camp_shares={}' \
    --set admission.routing='"first_with_room"' --set 'admission.camp_order={Softex=1.0;Diavata=2.0;}'
books "all full, free_places and capacity" $M --set 'camps.[0].capacity=0' --set 'camps.[1].capacity=0' --set 'admission.camp_shares={}' \
    --set admission.routing='"free_places"' --set admission.policy='"capacity"'
books "give_up shapes at the ends" $B --set 'sites.[0].give_up.shape=0.1' --set 'sites.[1].give_up.shape=10'
books "give_up median tiny and huge" $B --set 'sites.[0].give_up.median_days=0.0001' --set 'sites.[1].give_up.median_days=36500'
books "elasticity huge" $B --set 'origins.[0].wait_elasticity=20' --set 'origins.[0].wait_scale_days=0.01'
books "news lag past the start" $B --set 'origins.[0].news_lag_days=3650'
books "closed factor at the ends, give_up factors huge" $B --set 'origins.[0].closed_factor=1000' --set 'origins.[1].closed_factor=0' \
    --set 'sites.[0].give_up.aid_cut_factor=1000' --set 'sites.[0].give_up.water_factor=1000'
books "a window of ten years, a cap of 0" $B --set 'behaviour.wait_window_days=3650' --set 'behaviour.wait_cap_days=0'

# --fit given twice fits both (it kept the last alone, silently): a bad first one is refused.
E=configs/examples/idomeni-2016.cfg; O=data/idomeni-observations.csv
for m in optimize abc; do
    ./campsim calibrate $E --observed $O --method $m --fit 'nosuch.key=0:1' --fit 'admission.quota=0:1000' -r 2 -q -o $T/fit \
        >/dev/null 2>$T/err
    check "--fit twice ($m): the first is read too" '[ $? -eq 2 ] && grep -q "fit nosuch.key" $T/err'
done
# A forecast from inside Idomeni's evacuation is scored against the one later count, 0:
# its relative error is not a number, and the summary line said "ARD nan".
./campsim forecast configs/examples/idomeni-2016-priors.cfg --observed data/idomeni-observations.csv --as-of 2016-05-25 \
    --samples 50 -r 5 -q -j 2 -o $T/fc >$T/fc.out 2>$T/err
check "forecast after the evacuation: no nan in its summary (got: $(grep scored $T/fc.out))" \
    'grep -q "scored against 1 later" $T/fc.out && ! grep -qi nan $T/fc.out && ! grep -qi nan $T/fc/*.csv'
# A move to itself made by a --set of its origin names that --set (it named the
# file's line of the destination, which the user had not touched).
./campsim check $M --set 'transfers.[0].from=Softex' >/dev/null 2>$T/err
check "transfer to itself by --set from: the message names the --set" '[ $? -eq 2 ] && grep -qF -- "--set transfers.[0].from: moves people" $T/err'
./campsim check $M --set 'relocations.[0].site=Idomeni' >/dev/null 2>$T/err
check "relocation to itself by --set site: the message names the --set" '[ $? -eq 2 ] && grep -qF -- "--set relocations.[0].site: moves people" $T/err'
# One setting given twice to --vary or --fit (as written, or by name and by index): one
# value overwrote the other, silently (sweep.csv had two columns of one name).
./campsim sweep $M --vary 'sites.Eko.cmr=0:1' --vary 'sites.[1].cmr=0:0.5' --samples 2 -r 1 -q -o $T/dup >/dev/null 2>$T/err
check "--vary twice on one setting is refused" '[ $? -eq 2 ] && grep -q "same setting as --vary sites.Eko.cmr" $T/err'
for m in optimize abc; do
    ./campsim calibrate $E --observed $O --method $m --fit 'sites.Idomeni.cmr=0:5' --fit 'sites.[0].cmr=0:4' -r 1 -q -o $T/dupf \
        >/dev/null 2>$T/err
    check "--fit twice on one setting ($m) is refused" '[ $? -eq 2 ] && grep -q "same setting as --fit sites.Idomeni.cmr" $T/err'
done
# A signal in the middle of an ABC calibration says "interrupted", not also that ABC-SMC
# failed for want of memory or budget.
./campsim calibrate configs/examples/idomeni-2016-priors.cfg --observed $O -r 1 -q -o $T/intr \
    --set calibration.abc.particles=50000 --set calibration.abc.max_simulations=100000000 >/dev/null 2>$T/err &   # long enough to be stopped
pid=$!; sleep 2; kill -TERM $pid; wait $pid; rc=$?
check "ABC calibrate on SIGTERM: interrupted and nothing else (exit $rc: $(cat $T/err))" \
    '[ $rc -ne 0 ] && grep -q interrupted $T/err && ! grep -q "ABC-SMC failed" $T/err'
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
