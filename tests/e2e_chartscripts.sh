#!/bin/sh
# plot never replaces a user's edits (docs/charts.md): charts/.scripts lists the
# scripts campsim wrote with their checksums; on the next plot a script still as
# campsim wrote it is refreshed (here: from a newer set of scripts), a missing one
# written again, and one the user changed is kept, used (the chart shows the
# edit) and named in a warning; without a manifest (an older campsim's folder) a
# script that is not campsim's own is kept too.
T=tests/tmp/chartscripts; rm -rf $T; mkdir -p $T
passed=0; failed=0
check() { if eval "$2"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL $1"; fi; }
cfg=tests/data/plot-edge.cfg
./campsim run $cfg -q -r 3 -o $T/r --plot --format svg 2>$T/err
check "run --plot: exit 0, nothing said" '[ $? -eq 0 ] && [ ! -s $T/err ]'
C=$T/r/charts
check "the manifest lists the 12 scripts with their checksums" \
    '[ "$(head -1 $C/.scripts)" = "campsim chart scripts: the checksum (FNV-1a 64) and name of each script campsim wrote here" ] &&
     [ $(grep -c "^[0-9a-f]\{16\} [a-z_]*\.gp\$" $C/.scripts) -eq 12 ] && grep -q " stranded.gp\$" $C/.scripts'
check "the scripts are campsim's, byte for byte" 'for f in plots/*.gp; do cmp -s $f $C/$(basename $f) || exit 1; done'

# The user restyles the stranded chart's title and deletes wait.gp; campsim's
# scripts change (a newer campsim): flows.gp gains a line.
sed -i 's/^set title "People stranded at the border"/set title "MY OWN TITLE"/' $C/stranded.gp
grep -q "MY OWN TITLE" $C/stranded.gp || { echo "FAIL the test's edit did not apply"; failed=$((failed + 1)); }
rm $C/wait.gp
cp $C/.scripts $T/manifest.before
mkdir -p $T/plots; cp plots/*.gp $T/plots/; echo '# a newer campsim' >> $T/plots/flows.gp
CAMPSIM_PLOTS=$T/plots ./campsim plot $T/r --format svg 2>$T/err; rc=$?
check "re-plot: exit 0" '[ $rc -eq 0 ]'
check "the edited script is kept" 'grep -q "MY OWN TITLE" $C/stranded.gp'
check "and used: the chart has the edit" 'grep -q "MY OWN TITLE" $C/stranded.svg'
check "with a warning naming it" 'grep -q "^warning: .*charts/stranded.gp: kept as you changed it, and used" $T/err && [ $(grep -c "^warning" $T/err) -eq 1 ]'
check "an unedited script is refreshed" 'cmp -s $T/plots/flows.gp $C/flows.gp'
check "a deleted one is written again" 'cmp -s $T/plots/wait.gp $C/wait.gp && [ -s $C/wait.svg ]'
check "the manifest no longer vouches for the edited one, and vouches for the new flows.gp" \
    '! grep -q " stranded.gp\$" $C/.scripts && [ $(grep -c "\.gp\$" $C/.scripts) -eq 11 ] &&
     [ -n "$(grep " flows.gp\$" $T/manifest.before)" ] && [ "$(grep " flows.gp\$" $C/.scripts | cut -d" " -f1)" != "$(grep " flows.gp\$" $T/manifest.before | cut -d" " -f1)" ]'
./campsim plot $T/r --format svg 2>$T/err
check "plotted again: still kept and used" 'grep -q "MY OWN TITLE" $C/stranded.gp && grep -q "MY OWN TITLE" $C/stranded.svg && grep -q "stranded.gp: kept" $T/err'
check "and flows.gp, campsim's, back to this campsim's" 'cmp -s plots/flows.gp $C/flows.gp'

# A folder of an older campsim (no manifest): a script that is campsim's own is
# refreshed and vouched for, any other kept.
rm $C/.scripts
./campsim plot $T/r --format svg 2>$T/err
check "no manifest: the changed script is kept" 'grep -q "MY OWN TITLE" $C/stranded.gp && grep -q "stranded.gp: kept" $T/err'
check "no manifest: the others are vouched for again" '[ $(grep -c "\.gp\$" $C/.scripts) -eq 11 ]'
# A manifest that is not campsim's vouches for nothing.
printf 'something else\n%s camps.gp\n' "$(grep " camps.gp\$" $C/.scripts | cut -d' ' -f1)" > $T/fake
echo '# mine' >> $C/camps.gp; cp $T/fake $C/.scripts
./campsim plot $T/r --format svg 2>$T/err
check "a manifest not campsim's: a changed script is kept" 'tail -1 $C/camps.gp | grep -q "^# mine" && grep -q "camps.gp: kept" $T/err'
# Deleting the edited script gives campsim's back.
rm $C/stranded.gp $C/camps.gp
./campsim plot $T/r --format svg 2>$T/err
check "deleted: campsim's again, nothing said" 'cmp -s plots/stranded.gp $C/stranded.gp && ! grep -q "MY OWN TITLE" $C/stranded.svg && [ "$(grep -vc "^charts in" $T/err)" -eq 0 ]'
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
