#!/bin/sh
# Output folders: campsim replaces only folders it wrote (they carry a .campsim
# mark), removes only its own marked leftovers, and refuses a folder it must not
# write (a file, ".", "", the current folder, the config's folder, a parent of
# them) with exit 2 before simulating anything.
passed=0; failed=0
check() { if eval "$2"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL $1"; fi; }
T=tests/tmp/e2e_outdir
rm -rf $T; mkdir -p $T
cfg=configs/examples/steady-queue.cfg
big="configs/jordan-2016.cfg -q -r 100000"   # minutes of work if it ever started
# Milliseconds a command takes (its exit status in $rc, its stderr in $err).
timed() { t0=$(date +%s%N); err=$("$@" 2>&1); rc=$?; ms=$(( ($(date +%s%N) - t0) / 1000000 )); }
refused() {   # name, then the command: exit 2, one line, in well under a second
    label=$1; shift
    timed "$@"
    check "$label: exit 2" '[ $rc -eq 2 ]'
    check "$label: one line naming -o ($err)" '[ "$(printf "%s\n" "$err" | wc -l)" -eq 1 ] && printf "%s" "$err" | grep -q "^-o "'
    check "$label: refused before simulating ($ms ms)" '[ $ms -lt 500 ]'
}

# A user's folder with their own files: refused, and the files are still there.
mkdir -p $T/mywork && echo "budget" >$T/mywork/sheet.csv && echo "notes" >$T/mywork/notes.txt
refused "a user's folder" ./campsim run $big -o $T/mywork
check "a user's folder: says --force" 'printf "%s" "$err" | grep -q -- "--force"'
check "a user's files survive" '[ "$(cat $T/mywork/sheet.csv $T/mywork/notes.txt)" = "budget
notes" ] && [ "$(ls -A $T/mywork | wc -l)" -eq 2 ]'
for verb in compare calibrate sweep; do
    case $verb in
        compare) args="configs/jordan-2016-policies.cfg -q -r 100000" ;;
        calibrate) args="tests/data/calib.cfg -q --observed data/observations.csv --fit origins.[0].rate=50:200" ;;
        sweep) args="tests/data/sweep.cfg -q --vary origins.[0].rate=50:150 --samples 100000" ;;
    esac
    refused "$verb into a user's folder" ./campsim $verb $args -o $T/mywork
done
check "a user's files survive every verb" '[ "$(ls -A $T/mywork | wc -l)" -eq 2 ]'

# Places -o must never name, whatever the options.
echo "x" >$T/afile
refused "-o a file" ./campsim run $big -o $T/afile
check "-o a file: the file as it was" '[ "$(cat $T/afile)" = x ]'
refused "-o ." ./campsim run $big -o .
refused "-o \"\"" ./campsim run $big -o ""
refused "-o \$PWD" ./campsim run $big -o "$PWD"
refused "-o \$PWD --force" ./campsim run $big -o "$PWD" --force
refused "-o .." ./campsim run $big -o ..
mkdir -p $T/dotdir
refused "-o an empty folder's ." ./campsim run $big -o $T/dotdir/.
mkdir -p $T/cfgdir && cp $cfg $T/cfgdir/my.cfg
refused "-o the config's folder" ./campsim run $T/cfgdir/my.cfg -q -r 100000 -o $T/cfgdir --force
refused "-o a parent of the config's folder" ./campsim run $T/cfgdir/my.cfg -q -r 100000 -o $T --force
check "the config survives" 'cmp -s $cfg $T/cfgdir/my.cfg'
refused "-o /" ./campsim run $big -o / --force
refused "-o \$HOME" ./campsim run $big -o "$HOME" --force
ln -s mywork $T/link
refused "-o a symbolic link" ./campsim run $big -o $T/link
mkdir -p $T/ro && chmod 555 $T/ro
if [ "$(id -u)" -ne 0 ]; then refused "-o in an unwritable folder" ./campsim run $big -o $T/ro/res; fi
timed ./campsim run $big -o /proc/campsim-test/out
check "-o where nothing can be made: exit 2 before simulating ($ms ms)" '[ $rc -eq 2 ] && [ $ms -lt 500 ]'
timed ./campsim plot $T/mywork
check "plot into a user's folder: exit 2" '[ $rc -eq 2 ] && printf "%s" "$err" | grep -q ".campsim"'
check "plot into a user's folder: nothing written" '[ "$(ls -A $T/mywork | wc -l)" -eq 2 ]'

# --force replaces a user's folder (and only then); a marked folder is replaced
# without it, and so is an empty one.
./campsim run $cfg -q -r 3 -o $T/mywork --force; rc=$?
check "--force: replaces the folder" '[ $rc -eq 0 ] && [ -f $T/mywork/.campsim ] && [ ! -e $T/mywork/sheet.csv ]'
./campsim run $cfg -q -r 3 -o $T/mywork/; rc=$?
check "a marked folder (given with a slash) is replaced" '[ $rc -eq 0 ] && [ -s $T/mywork/summary.csv ] && ! ls -d $T/mywork/*tmp* >/dev/null 2>&1'
mkdir -p $T/empty
./campsim run $cfg -q -r 3 -o $T/empty; rc=$?
check "an empty folder takes the results" '[ $rc -eq 0 ] && [ -s $T/empty/summary.csv ]'
check "the mark says what made it" 'head -n 1 $T/empty/.campsim | grep -qx "campsim result folder" && grep -q "^pid [0-9]" $T/empty/.campsim'
./campsim compare configs/jordan-2016-policies.cfg -q -r 2 -o $T/cmp; rc=$?
first=$(ls $T/cmp | grep -v csv | head -n 1)
check "compare marks its policy folders" '[ $rc -eq 0 ] && [ -f $T/cmp/.campsim ] && [ -f "$T/cmp/$first/.campsim" ]'

# Leftovers: only campsim's own, by their mark, never by a name.
./campsim run $cfg -q -r 3 -o $T/res
mkdir -p $T/res.old-20240101 $T/res.tmp-20240101 $T/res.tmp-99999999
echo "my backup" >$T/res.old-20240101/summary.csv
cp -r $T/res $T/res.old-20240102   # a user's copy of a result folder: marked, but not retired by anyone
echo "pid $$" >>$T/res.tmp-20240101/.campsim
mkdir -p $T/res.tmp-$$ && printf 'campsim result folder\npid %s\nhost %s\n' $$ "$(hostname)" >$T/res.tmp-$$/.campsim
./campsim run $cfg -q -r 3 -o $T/res; rc=$?
check "a dated backup beside the folder survives" '[ $rc -eq 0 ] && [ "$(cat $T/res.old-20240101/summary.csv)" = "my backup" ]'
check "a user's copy of a result folder survives" '[ -f $T/res.old-20240102/.campsim ]'
check "unmarked tmp-named folders survive" '[ -d $T/res.tmp-20240101 ] && [ -d $T/res.tmp-99999999 ]'
check "a running process's temporary folder survives" '[ -d $T/res.tmp-$$ ]'
rm -rf $T/res.tmp-$$
# SIGKILL mid-run leaves a marked temporary folder; the next run removes it.
./campsim run $cfg -q -r 2000000 -j 1 -o $T/res & pid=$!
sleep 1; kill -KILL $pid; wait $pid 2>/dev/null
check "SIGKILL: a marked temporary folder is left" '[ -f $T/res.tmp-$pid/.campsim ] && grep -qx "pid $pid" $T/res.tmp-$pid/.campsim'
./campsim run $cfg -q -r 3 -o $T/res; rc=$?
check "the next run removes the killed run's folder" '[ $rc -eq 0 ] && [ ! -e $T/res.tmp-$pid ]'
check "and nothing else" '[ -d $T/res.old-20240101 ] && [ -d $T/res.old-20240102 ] && [ -d $T/res.tmp-20240101 ] && [ -d $T/res.tmp-99999999 ]'

# An earlier folder that cannot be removed is a warning naming it, the run still
# lands. (A file root cannot remove either: immutable, where chattr works. The
# file is not campsim's, so replacing the folder takes --force: e2e_inventory.sh.)
./campsim run $cfg -q -r 3 -o $T/stuck && mkdir $T/stuck/locked && touch $T/stuck/locked/f
if [ "$(id -u)" -ne 0 ]; then chmod 555 $T/stuck/locked; lock=chmod; else chattr +i $T/stuck/locked/f 2>/dev/null && lock=chattr; fi
if [ -n "${lock:-}" ]; then
    err=$(./campsim run $cfg -q -r 3 -o $T/stuck --force 2>&1); rc=$?
    check "an earlier folder that stays is a warning ($err)" '[ $rc -eq 0 ] && [ -s $T/stuck/summary.csv ] && printf "%s" "$err" | grep -q "^warning: .*stuck.tmp-[0-9]*: cannot remove .*: \(Permission denied\|Operation not permitted\)$"'
    for f in $T/stuck*/locked/f; do [ $lock = chattr ] && chattr -i $f; chmod -R u+w $(dirname $f); done
fi
chmod 755 $T/ro
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
