#!/bin/sh
# End-to-end: behaviour that answers to the border (docs/model.md, "Behaviour").
# configs/jordan-2016-behaviour.cfg is valid, its rate_factor is what calibrate
# finds for it, its keys are reached by --set and carry priors (same bytes at any
# -j), and switched off by --set nobody gives up; its policies config compares.
passed=0; failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL $*"; }
check() { if eval "$2"; then ok; else bad "$1"; fi; }
T=tests/tmp/e2e_behaviour
rm -rf $T; mkdir -p $T
cfg=configs/jordan-2016-behaviour.cfg
metric() { awk -F, -v m="$2" '$1 == m { print $2 }' "$1/summary.csv"; }

check "the behaviour config is valid" './campsim check $cfg >/dev/null'

# The behaviour config is a copy of the reference (libconfig cannot override keys
# inside an included list), so it could drift: the two, resolved (run.cfg), must
# differ by the BEHAVIOUR changes only, written down in tests/data/behaviour-vs-reference.diff.
# A change to the reference fails here: make it in the behaviour config too (or,
# if the difference is meant, write the diff again).
./campsim run configs/jordan-2016.cfg --deterministic -q -o $T/ref
./campsim run $cfg --deterministic -q -o $T/beh
diff $T/ref/run.cfg $T/beh/run.cfg > $T/drift.diff
check "the behaviour config is the reference with the BEHAVIOUR changes only ($(diff tests/data/behaviour-vs-reference.diff $T/drift.diff | head -n 3 | tr '\n' ' '))" \
    'cmp -s tests/data/behaviour-vs-reference.diff $T/drift.diff'

# "rate_factor fitted again": calibrate from the config's value finds it again.
./campsim calibrate $cfg --observed data/observations.csv --method optimize \
    --fit scenario.rate_factor=0.5:4 --deterministic -q -o $T/cal > $T/cal.txt 2>&1
fitted=$(awk '$1 == "scenario.rate_factor" { print $3 }' $T/cal.txt)
given=$(sed -n 's/^ *rate_factor = \([0-9.]*\);.*/\1/p' $cfg)
check "rate_factor $given is calibrate's ($fitted)" \
    'awk -v a="$fitted" -v b="$given" "BEGIN { exit !(a != \"\" && (a - b) / b < 0.002 && (b - a) / b < 0.002) }"'

# The mechanisms at work, and switched off by --set (their paths): nobody gives
# up at a site whose leave_rate is 0, whatever the origins do.
./campsim run $cfg --deterministic -q -o $T/on
off="--set sites.[0].give_up.median_days=0 --set sites.[1].give_up.median_days=0"
./campsim run $cfg --deterministic -q -o $T/off $off
check "people give up with the mechanisms on" 'awk "BEGIN { exit !($(metric $T/on border_left) > 1000) }"'
check "nobody gives up with give_up off" '[ "$(metric $T/off border_left)" = 0 ]'
# Departures off too: after the closure they stay at the configured rates, x rate_factor
for o in 0 1 2 3 4; do off="$off --set origins.[$o].wait_elasticity=0 --set origins.[$o].closed_factor=1"; done
./campsim run $cfg --deterministic -q -o $T/none $off
want=$(awk 'BEGIN { printf "%.4f", 2.231 * (218.4 + 183.2 + 75.1 + 38.4 + 124.8) }')
got=$(awk -F, '$2 == "2016-09-01" { printf "%.4f", $3 }' $T/none/series.csv)   # 12 digits in a deterministic series
check "departures off: set_out on 1 September is $want ($got)" '[ "$got" = "$want" ]'
got_on=$(awk -F, '$2 == "2016-09-01" { print $3 }' $T/on/series.csv)
check "departures on: fewer set out on 1 September ($got_on)" 'awk "BEGIN { exit !($got_on < $want / 3) }"'

# Priors on the behaviour's settings: replicates differ, and the bytes do not
# depend on the threads.
./campsim run tests/data/behaviour-priors.cfg -r 8 -j 1 -q -o $T/p1
./campsim run tests/data/behaviour-priors.cfg -r 8 -j 2 -q -o $T/p2
check "priors: same bytes at -j 1 and -j 2" 'cmp -s $T/p1/summary.csv $T/p2/summary.csv && cmp -s $T/p1/parameters.csv $T/p2/parameters.csv'
check "priors: parameters.csv has the five" '[ $(head -n 1 $T/p1/parameters.csv | tr , "\n" | grep -c "give_up\|wait_\|closed_factor") -eq 5 ]'
# The behaviour's policies are the reference's; under compare a policy now moves departures.
pol=configs/jordan-2016-behaviour-policies.cfg
sed -n '/^policies = (/,$p' configs/jordan-2016-policies.cfg > $T/policies.ref
sed -n '/^policies = (/,$p' $pol > $T/policies.beh
check "the policies of $pol are those of jordan-2016-policies.cfg" \
    '[ -s $T/policies.ref ] && cmp -s $T/policies.ref $T/policies.beh'
./campsim compare $pol -r 4 -q -o $T/cmp
check "an open border after June draws more departures" \
    'awk "BEGIN { exit !($(metric $T/cmp/no_june_closure total_set_out) > $(metric $T/cmp/status_quo total_set_out) + 10000) }"'
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
