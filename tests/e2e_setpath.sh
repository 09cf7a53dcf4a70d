#!/bin/sh
# --set that reaches everything (issue 23 item 9) through the command line:
# elements by name give the bytes of the same run by index; a misspelt path or
# name is refused with a suggestion, on one line naming the --set, before
# anything is simulated (run and check alike); an emptied list gives the bytes
# of the config without it, a replaced list those of the config written so, and
# the run.cfg of such a run reproduces it; hex in --set; --vary by name.
passed=0; failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL $1"; }
t=tests/tmp/setpath
rm -rf $t
mkdir -p $t
C=configs/jordan-2016.cfg
run() {   # folder, options...
    out=$1; shift
    ./campsim run "$@" -r 3 -q -o $t/$out > $t/$out.log 2>&1 || echo "run $out failed: $(cat $t/$out.log)"
}
# the outputs of two runs, but for provenance.txt (it holds the command line) and
# the reports, which quote it; run.cfg too when $3 is "norun"
same_outputs() {
    for f in $t/$1/*; do
        b=$(basename $f)
        case $b in provenance.txt|report.html|report.md) continue ;; esac
        [ "$b" = run.cfg ] && [ "$3" = norun ] && continue
        cmp -s $f $t/$2/$b || { echo "  $1/$b differs from $2/$b"; return 1; }
    done
    [ -s $t/$1/series.csv ]
}

# by name = by index
run name $C --set sites.Rukban.leave_rate=0.001 --set origins.Aleppo.rate=90 --set camps.Azraq.capacity=60000 \
    --set 'groups.other.mortality_factor=1.5' --set 'origins.Homs.rate_changes.[1].rate=100'
run index $C --set 'sites.[0].leave_rate=0.001' --set 'origins.[0].rate=90' --set 'camps.[0].capacity=60000' \
    --set 'groups.[1].mortality_factor=1.5' --set 'origins.[1].rate_changes.[1].rate=100'
run plain $C
if same_outputs name index && ! cmp -s $t/name/series.csv $t/plain/series.csv; then ok; else bad "by name and by index differ"; fi
# a policy by name, in compare
./campsim compare configs/jordan-2016-policies.cfg -r 2 -q -o $t/cmp-ix --set 'policies.[1].admission.quota=7' > /dev/null 2>&1
name=$(sed -n '/^policies/,$p' configs/jordan-2016-policies.cfg | grep -o 'name = "[^"]*"' | sed -n 2p | cut -d'"' -f2)
./campsim compare configs/jordan-2016-policies.cfg -r 2 -q -o $t/cmp-nm --set "policies.$name.admission.quota=7" > /dev/null 2>&1
./campsim compare configs/jordan-2016-policies.cfg -r 2 -q -o $t/cmp-plain > /dev/null 2>&1
if [ -n "$name" ] && diff -r -x provenance.txt -x 'report.*' -x .campsim -x .campsim-files $t/cmp-ix $t/cmp-nm > /dev/null &&
   [ -s $t/cmp-nm/$name/series.csv ] && ! cmp -s $t/cmp-nm/$name/series.csv $t/cmp-plain/$name/series.csv; then ok
else bad "compare: policies.$name differs from policies.[1]"; fi

# a misspelt name or key: exit 2, one line naming the --set, nothing written
for set in sites.Rukbn.leave_rate=0.001 sites.Rukban.leave_rat=0.001; do
    err=$(./campsim run $C --set $set -q -o $t/bad 2>&1); rc=$?
    lines=$(printf '%s\n' "$err" | wc -l)
    if [ $rc -eq 2 ] && [ "$lines" -eq 1 ] && printf '%s' "$err" | grep -q "^--set ${set%%=*}: .*did you mean '\(Rukban\|leave_rate\)'?" &&
       [ ! -e $t/bad ]; then ok; else bad "run --set $set: exit $rc: $err"; fi
    err=$(./campsim check $C --set $set 2>&1); rc=$?
    if [ $rc -eq 2 ] && printf '%s' "$err" | grep -q "did you mean"; then ok; else bad "check --set $set: exit $rc: $err"; fi
done
# check with good --set values says valid; a bad list value is refused
if ./campsim check $C --set 'admission.closures=()' --set sites.Rukban.cmr=0.4 > /dev/null; then ok; else bad "check refuses good --set"; fi
err=$(./campsim check $C --set 'admission.closures=({ from = "2016-07-01"; to = "2016-06-01"; })' 2>&1); rc=$?
if [ $rc -eq 2 ] && [ "$err" = "--set admission.closures: admission.closures.[0]: 'from' is after 'to'" ]; then ok
else bad "check of a bad list: exit $rc: $err"; fi

# clearing a list = the config without it
grep -v '^  closures = ' $C > $t/no-closures.cfg
grep -q '^  closures = ' $C || bad "the reference config has no closures line to take out"
run cleared $C --set 'admission.closures=()'
run without $t/no-closures.cfg
if same_outputs cleared without norun && ! cmp -s $t/cleared/series.csv $t/plain/series.csv; then ok
else bad "closures=() differs from a config without closures"; fi
# replacing a list = the config written so; its run.cfg gives the same run again
new='( { from = "2016-06-21"; to = "2016-07-01"; }, { from = "2016-09-01"; to = "2016-09-10"; } )'
sed "s|^  closures = .*|  closures = $new;|" $C > $t/replaced.cfg
run replaced $C --set "admission.closures=$new"
run written $t/replaced.cfg
run again $t/replaced/run.cfg
if same_outputs replaced written norun && same_outputs replaced again norun; then ok
else bad "a replaced list differs from the config written so, or from its run.cfg"; fi
# an element replaced, and one appended
run item $C --set 'admission.closures.[0]={ from = "2016-06-21"; to = "2016-07-01"; }' \
    --set 'admission.closures.[1]={ from = "2016-09-01"; to = "2016-09-10"; }'
if same_outputs item written norun; then ok; else bad "closures.[0] and .[1] differ from the list written so"; fi

# hex in --set, as in a file
run hex $C --set scenario.seed=0x10 --set admission.quota=0x32
run dec $C --set scenario.seed=16 --set admission.quota=50
if same_outputs hex dec; then ok; else bad "hex --set differs from decimal"; fi

# --vary by name: the sweep of the same samples; its header keeps the path as given
for how in name index; do
    p=sites.Rukban.leave_rate; [ $how = index ] && p='sites.[0].leave_rate'
    ./campsim sweep $C --vary "$p=0:0.01" --samples 3 --method lhs -r 2 -q -o $t/sweep-$how > $t/sweep-$how.log 2>&1 ||
        echo "sweep $how: $(cat $t/sweep-$how.log)"
done
if [ -s $t/sweep-name/sweep.csv ] && head -1 $t/sweep-name/sweep.csv | grep -q '^sample,sites.Rukban.leave_rate,' &&
   [ "$(tail -n +2 $t/sweep-name/sweep.csv)" = "$(tail -n +2 $t/sweep-index/sweep.csv)" ]; then ok
else bad "--vary by name differs from by index"; fi

rm -rf $t
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
