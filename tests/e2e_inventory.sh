#!/bin/sh
# A result folder lists what campsim wrote in it (.campsim-files); replacing the
# folder never deletes a file someone else put there or changed: such a folder
# is refused before simulating, unless --force; a restyled chart script goes on
# into the new folder; a file put there during a run keeps the finished results
# beside the folder.
passed=0; failed=0
check() { if eval "$2"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL $1"; fi; }
T=tests/tmp/e2e_inventory
rm -rf $T; mkdir -p $T
cfg=configs/examples/steady-queue.cfg
run() { err=$(./campsim run $cfg -q -r 3 "$@" 2>&1); rc=$?; }
# The refusal: exit 2, one line naming -o and the file, in well under a second.
refused() {
    label=$1 file=$2; shift 2
    t0=$(date +%s%N); err=$(./campsim run configs/jordan-2016.cfg -q -r 100000 "$@" 2>&1); rc=$?
    ms=$(( ($(date +%s%N) - t0) / 1000000 ))
    check "$label: exit 2" '[ $rc -eq 2 ]'
    check "$label: one line naming -o and $file ($err)" '[ "$(printf "%s\n" "$err" | wc -l)" -eq 1 ] &&
        printf "%s" "$err" | grep -q "^-o .*: holds $file.* --force"'
    check "$label: refused before simulating ($ms ms)" '[ $ms -lt 1000 ]'
}

# The list: every file of the run, with its checksum; not the mark or the list.
run -o $T/res
check "a run lists what it wrote" '[ $rc -eq 0 ] && head -n 1 $T/res/.campsim-files | grep -q "^campsim result files"'
listed=$(tail -n +2 $T/res/.campsim-files | cut -c18- | sort)
there=$(cd $T/res && find . -type f ! -name .campsim ! -name .campsim-files | sed 's|^\./||' | sort)
check "every file, and only those" '[ -n "$listed" ] && [ "$listed" = "$there" ]'
run -o $T/res
check "a folder holding only campsim's files is replaced" '[ $rc -eq 0 ] && [ -z "$err" ]'

# Added, changed, linked: refused, and kept.
echo "my notes" >$T/res/notes.txt
refused "an added file" notes.txt -o $T/res
check "the added file survives" '[ "$(cat $T/res/notes.txt)" = "my notes" ]'
mv $T/res/notes.txt $T/notes.txt
echo "0,0" >>$T/res/summary.csv
refused "a changed result file" summary.csv -o $T/res
check "the changed file survives" '[ "$(tail -n 1 $T/res/summary.csv)" = "0,0" ]'
run -o $T/res --force
check "--force replaces it" '[ $rc -eq 0 ] && [ "$(tail -n 1 $T/res/summary.csv)" != "0,0" ]'
ln -s ../notes.txt $T/res/link
refused "a symbolic link" link -o $T/res
rm $T/res/link
mkdir -p $T/res/mine && echo x >$T/res/mine/table.csv
refused "a file in a folder of its own" mine/table.csv -o $T/res
rm -r $T/res/mine
check "the linked file survives" '[ "$(cat $T/notes.txt)" = "my notes" ]'

# plot's charts and report join the list; a copy of the folder (new times, same bytes) is still campsim's.
./campsim plot $T/res >/dev/null 2>&1
check "plot's files are listed" 'grep -q " charts/stranded.png$" $T/res/.campsim-files && grep -q " charts/.scripts$" $T/res/.campsim-files'
run -o $T/res --plot
check "a plotted folder is replaced" '[ $rc -eq 0 ] && [ -z "$err" ]'
cp $T/res/waits.csv $T/waits.csv && echo "9,9" >>$T/res/waits.csv && ./campsim plot $T/res >/dev/null 2>&1
refused "a changed file, then a plot" waits.csv -o $T/res
cp $T/waits.csv $T/res/waits.csv
run -o $T/res --plot
check "the same file changed back is campsim's again" '[ $rc -eq 0 ]'
cp -r $T/res $T/copy
run -o $T/copy
check "a copied folder is replaced" '[ $rc -eq 0 ] && [ -z "$err" ]'

# A restyled chart script: not in the list, carried into the new folder, used.
echo "# my restyle" >>$T/res/charts/stranded.gp
run -o $T/res --plot
check "a restyled script does not stop the run" '[ $rc -eq 0 ]'
check "it is carried over, and says so" '[ "$(tail -n 1 $T/res/charts/stranded.gp)" = "# my restyle" ] &&
    printf "%s" "$err" | grep -q "^warning: $T/res/charts/stranded.gp: kept as you changed it"'
check "it is not listed as campsim's" '! grep -q "stranded.gp" $T/res/.campsim-files'
run -o $T/res
check "and kept by a run that does not plot" '[ $rc -eq 0 ] && [ "$(tail -n 1 $T/res/charts/stranded.gp)" = "# my restyle" ] &&
    [ "$(ls $T/res/charts)" = stranded.gp ]'

# A report you annotated: plot keeps it (and says so), and draws the charts.
echo "my note" >>$T/res/report.md
err=$(./campsim plot $T/res 2>&1); rc=$?
check "plot keeps a report.md you changed ($err)" '[ $rc -eq 0 ] && [ "$(tail -n 1 $T/res/report.md)" = "my note" ] &&
    printf "%s" "$err" | grep -q "^warning: $T/res/report.md: kept as you changed it" && [ -s $T/res/charts/stranded.png ]'
refused "and a run will not replace it" report.md -o $T/res
sed -i '$d' $T/res/report.md

# A folder of an older campsim, without the list: replaced whole, as then.
echo "old" >$T/res/old.txt && rm $T/res/.campsim-files
run -o $T/res
check "a folder without the list is replaced whole" '[ $rc -eq 0 ] && [ ! -e $T/res/old.txt ]'

# A file put into the folder during the run: the finished results are kept beside it.
./campsim run $cfg -q -r 20000 -j 1 -o $T/res 2>$T/during.err & pid=$!
i=0; while [ ! -d $T/res.tmp-$pid ] && [ $i -lt 500 ]; do sleep 0.01; i=$((i + 1)); done
kill -STOP $pid; echo "late" >$T/res/late.txt; kill -CONT $pid
wait $pid; rc=$?
check "a file added during the run: the run fails ($(cat $T/during.err))" '[ $rc -ne 0 ] &&
    grep -q "now holds late.txt, which campsim did not write.*the results are in .*res.new-$pid" $T/during.err'
check "the file survives" '[ "$(cat $T/res/late.txt)" = late ]'
check "the results are kept beside it" '[ -s $T/res.new-$pid/summary.csv ] && [ -f $T/res.new-$pid/.campsim-files ] && [ ! -e $T/res.tmp-$pid ]'

# A comparison: a policy folder plotted, or run again on its own, answers through the lists.
./campsim compare configs/jordan-2016-policies.cfg -q -r 2 -o $T/cmp
p=$(ls $T/cmp | grep -v '\.' | head -n 1)
./campsim plot $T/cmp/$p >/dev/null 2>&1
check "a policy's charts join the comparison's list" 'grep -q " $p/charts/stranded.png$" $T/cmp/.campsim-files'
./campsim run configs/jordan-2016.cfg -q -r 2 -o $T/cmp/$p; rc=$?
check "a policy folder run again has a list of its own" '[ $rc -eq 0 ] && [ -f $T/cmp/$p/.campsim-files ]'
echo x >$T/cmp/$p/mine.txt
err=$(./campsim compare configs/jordan-2016-policies.cfg -q -r 2 -o $T/cmp 2>&1); rc=$?
check "a file added to a policy folder is refused ($err)" '[ $rc -eq 2 ] && printf "%s" "$err" | grep -q "holds $p/mine.txt"'
rm $T/cmp/$p/mine.txt
./campsim compare configs/jordan-2016-policies.cfg -q -r 2 -o $T/cmp; rc=$?
check "then replaced" '[ $rc -eq 0 ]'
# Every command that writes a folder replaces its own: what it writes after the
# commit (forecast points run.cfg at the folder's posterior) is listed too.
./campsim run tests/data/calib.cfg -q --deterministic -o $T/truth
{ echo "date,site,variable,value,low,high,source_url,note"
  awk -F, '!/^#/ && $1 != "day" && $1 % 5 == 0 && $1 > 0 { printf "%s,berm,stranded,%s,,,,synthetic\n", $2, $11 }' \
      $T/truth/series.csv; } > $T/obs.csv
for verb in calibrate sweep forecast; do
    case $verb in
        calibrate) args="tests/data/calib.cfg --observed $T/obs.csv --fit origins.[0].rate=10:1000 --set calibration.abc.particles=20" ;;
        sweep) args="tests/data/sweep.cfg --vary origins.[0].rate=50:150 --samples 8" ;;
        forecast) args="tests/data/priors.cfg --observed data/observations.csv --as-of 2016-02-29 --to 2016-04-30 -r 10 --samples 50" ;;
    esac
    ./campsim $verb $args -q -o $T/$verb >/dev/null 2>&1
    err=$(./campsim $verb $args -q -o $T/$verb 2>&1 >/dev/null); rc=$?
    check "$verb into its own folder again ($err)" '[ $rc -eq 0 ] && [ -s $T/$verb/.campsim-files ]'
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
