#!/bin/sh
# End-to-end checks of the charts (issue 21): charts never cost a run (a chart
# that cannot be drawn is a warning naming it, the run exits 0 with its
# results), every chart draws for degenerate runs (nobody at the border, the
# border closed all period, one day, ten weeks, a compare of one policy with a
# long name), observed figures come from calibration.targets under any site
# name, and plot refuses a folder that is not a result or has a corrupt CSV
# (exit 2, file:line) and leaves it exactly as it was.
passed=0; failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL $*"; }
check() { if eval "$2"; then ok; else bad "$1"; fi; }
T=tests/tmp/e2e_plot
rm -rf $T; mkdir -p $T
sum() { (cd "$1" && find . -type f | sort | xargs cat | cksum); }
# A valid PNG: the 8-byte signature and more than a header's worth of bytes.
png() { [ -s "$1" ] && [ "$(head -c 8 "$1" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] && [ "$(wc -c < "$1")" -gt 2000 ]; }
charts_ok() {   # dir names...: every chart a valid PNG
    d=$1; shift
    for c in "$@"; do png "$d/charts/$c.png" || { echo "  $d/charts/$c.png missing or not a PNG"; return 1; }; done
}
RUN_CHARTS="stranded camps flows wait deaths water cumulative"
cfg=tests/data/plot-edge.cfg

./campsim run tests/data/plot-closed.cfg -q -o $T/closed --plot 2>$T/err; rc=$?
check "a closed-border --plot run exits 0" '[ $rc -eq 0 ]'
check "and has its results" '[ -s $T/closed/series.csv ] && [ -s $T/closed/summary.csv ] && [ -s $T/closed/report.md ]'
check "closed border: every chart is a PNG" 'charts_ok $T/closed $RUN_CHARTS'
check "closed border: gnuplot said nothing" '[ ! -s $T/err ]'

./campsim run $cfg -q -o $T/empty --plot --set origins.[0].rate=0 --set sites.[0].initial=0 --set sites.[1].initial=0 2>$T/err
check "nobody at the border: exit 0" '[ $? -eq 0 ]'
check "nobody at the border: every chart is a PNG" 'charts_ok $T/empty $RUN_CHARTS'
check "nobody at the border: gnuplot said nothing" '[ ! -s $T/err ]'
./campsim run $cfg -q -o $T/oneday --plot --set scenario.days=1 2>$T/err
check "one day: exit 0" '[ $? -eq 0 ]'
check "one day: every chart is a PNG" 'charts_ok $T/oneday $RUN_CHARTS'
check "one day: gnuplot said nothing" '[ ! -s $T/err ]'
./campsim run $cfg -q -o $T/weeks --plot -r 5 2>$T/err
check "ten weeks: every chart is a PNG, nothing said" '[ $? -eq 0 ] && charts_ok $T/weeks $RUN_CHARTS && [ ! -s $T/err ]'
./campsim run $cfg -q -o $T/det --plot --deterministic 2>$T/err
check "deterministic (no band): every chart, nothing said" '[ $? -eq 0 ] && charts_ok $T/det $RUN_CHARTS && [ ! -s $T/err ]'
./campsim compare tests/data/plot-long.cfg -q -o $T/long --plot 2>$T/err
check "a compare of one policy with a 24-character name: exit 0" '[ $? -eq 0 ]'
check "and both compare charts are PNGs" 'charts_ok $T/long compare_stranded compare_metrics'
check "and gnuplot said nothing" '[ ! -s $T/err ]'

# A chart gnuplot cannot draw: a warning naming it and why; the rest are drawn
# and the run keeps its results.
mkdir -p $T/plots; cp plots/*.gp $T/plots/; echo 'plot nosuchfunction(x)' >> $T/plots/flows.gp
CAMPSIM_PLOTS=$T/plots ./campsim run $cfg -q -r 5 -o $T/broken --plot 2>$T/err; rc=$?
check "a chart that fails does not fail the run" '[ $rc -eq 0 ] && [ -s $T/broken/ensemble.csv ]'
check "it is a warning naming the chart and gnuplot's reason" 'grep -q "warning: chart flows not drawn: .*nosuchfunction" $T/err'
check "the other charts are still drawn" 'charts_ok $T/broken stranded camps wait deaths water && [ ! -e $T/broken/charts/flows.png ]'
CAMPSIM_PLOTS=$T/plots ./campsim plot $T/weeks 2>$T/err; rc=$?
check "plot with a failing chart: exit 1, the others drawn" '[ $rc -eq 1 ] && grep -q "chart flows" $T/err && charts_ok $T/weeks wait water'

# Observed figures from calibration.targets, under this scenario's own site names.
./campsim run $cfg -q -r 5 -o $T/obs --plot --observed tests/data/plot-edge-observed.csv 2>$T/err
check "observed: exit 0, nothing said" '[ $? -eq 0 ] && [ ! -s $T/err ] && charts_ok $T/obs stranded camps'
check "observations a target names are drawn on the stranded chart" '[ "$(grep -c ^2016 $T/obs/charts/observed_stranded_1.csv)" -eq 2 ]'
check "and on the camps chart" 'grep -q "^2016-04-20,2500,2000,3000" $T/obs/charts/observed_camps_2.csv'
check "and no others" '! grep -qr elsewhere $T/obs/charts/'

# SVG (the report inlines it) and PDF.
./campsim plot $T/obs --format svg 2>$T/err
check "svg: exit 0, nothing said" '[ $? -eq 0 ] && [ "$(grep -vc "^charts in" $T/err)" -eq 0 ]'
check "svg: every chart is an SVG document" 'for c in $RUN_CHARTS; do grep -q "</svg>" $T/obs/charts/$c.svg || exit 1; done'

# CSV files without "#" provenance lines (the header on the first line) plot the same.
cp -r $T/weeks $T/noprov; rm -rf $T/noprov/charts
for f in $T/noprov/*.csv; do grep -v '^#' $f > $f.new && mv $f.new $f; done
./campsim plot $T/noprov 2>$T/err
check "CSVs with the header on the first line: every chart" '[ $? -eq 0 ] && charts_ok $T/noprov $RUN_CHARTS && [ "$(grep -vc "^charts in" $T/err)" -eq 0 ]'

# Not a result, or corrupt: exit 2 naming file:line, the folder as it was.
mkdir -p $T/notres; echo "my notes" > $T/notres/notes.txt
before=$(sum $T/notres); ./campsim plot $T/notres 2>$T/err; rc=$?
check "plot of a folder that is not a result exits 2" '[ $rc -eq 2 ] && grep -q "not a campsim result folder" $T/err'
check "and leaves it as it was" '[ "$(sum $T/notres)" = "$before" ] && [ ! -e $T/notres/charts ]'
corrupt() {   # name, file, sed expression, the line the message must name
    n=$1; f=$2; l=$4; D=$T/c-$n
    rm -rf $D; cp -r $T/weeks $D; rm -rf $D/charts $D/report.md
    sed -i "$3" $D/$f
    before=$(sum $D)
    ./campsim plot $D 2>$T/err; rc=$?
    check "corrupt $n: exit 2" '[ $rc -eq 2 ]'
    check "corrupt $n: the message names $f:$l" 'grep -q "c-$n/$f:$l: " $T/err'
    check "corrupt $n: the folder is as it was" '[ "$(sum $D)" = "$before" ]'
}
hl=$(grep -c '^#' $T/weeks/ensemble.csv)   # provenance lines before the header
corrupt truncated ensemble.csv "$((hl + 5))s/,[^,]*\$//" $((hl + 5))
corrupt word series.csv "$((hl + 3))s/^1,2016-03-02,[0-9.]*/1,2016-03-02,lots/" $((hl + 3))
corrupt date ensemble.csv "$((hl + 4))s/2016-03-03/2016-13-03/" $((hl + 4))
corrupt gap series.csv "$((hl + 4))d" $((hl + 4))
corrupt summary summary.csv "$((hl + 2))s/.*/garbage/" $((hl + 2))
corrupt header waits.csv "$((hl + 1))s/.*/wait,people,x/" $((hl + 1))
corrupt binary ensemble.csv "$((hl + 3))s/,/\x00/" $((hl + 3))
corrupt norows summary.csv "$((hl + 2)),\$d" $((hl + 2))
# The files by place (places_ensemble.csv, read by the cumulative chart, and
# summary_places.csv, read by the report): plot-edge has sites East and West and
# one camp, so 5 rows a day (East, West, sites,all, Camp, camps,all).
corrupt places-word places_ensemble.csv "3s/,[0-9.]*\$/,lots/" 3
corrupt places-kind places_ensemble.csv "2s/,site,East,/,tent,East,/" 2
corrupt places-order places_ensemble.csv "3s/,site,West,/,camps,West,/" 4
corrupt places-day places_ensemble.csv "9d" 11          # day 1 without its Camp row: found where day 2 begins
corrupt places-lastday places_ensemble.csv "\$d" $(($(wc -l < $T/weeks/places_ensemble.csv) - 1))   # the last day cut short: its last line
corrupt places-empty places_ensemble.csv "2s/,site,East,/,site,,/" 2
corrupt summary-places summary_places.csv "2s/^site,/tent,/" 2
corrupt summary-places-word summary_places.csv "3s/,[0-9.]*\$/,lots/" 3
# A whole site gone (each day whole, but not the sites of ensemble.csv): refused too.
D=$T/c-places-site; rm -rf $D; cp -r $T/weeks $D; rm -rf $D/charts $D/report.md; sed -i '/,site,West,/d' $D/places_ensemble.csv
before=$(sum $D); ./campsim plot $D 2>$T/err; rc=$?
check "places_ensemble.csv without a site: exit 2 naming it, nothing written" \
    '[ $rc -eq 2 ] && grep -q "c-places-site/places_ensemble.csv: 1 sites and 1 camps a day, where ensemble.csv has 2 and 1" $T/err && [ "$(sum $D)" = "$before" ]'
# With charts already drawn: a corrupt places_ensemble.csv leaves charts/ as it was.
D=$T/c-places-charts; rm -rf $D; cp -r $T/weeks $D; sed -i "3s/,[0-9.]*\$/,lots/" $D/places_ensemble.csv
before=$(sum $D); ./campsim plot $D 2>$T/err; rc=$?
check "a corrupt places_ensemble.csv beside drawn charts: exit 2, charts/ and the rest as they were" \
    '[ $rc -eq 2 ] && grep -q "c-places-charts/places_ensemble.csv:3: " $T/err && [ "$(sum $D)" = "$before" ]'

rm -rf $T/c-pol; cp -r $T/long $T/c-pol; rm -rf $T/c-pol/charts
sed -i 's/^open_all_border_gates_no,/..,/' $T/c-pol/comparison.csv; before=$(sum $T/c-pol)
./campsim plot $T/c-pol 2>$T/err; rc=$?
check "a comparison.csv naming a policy '..' is refused with its line, nothing written" \
    '[ $rc -eq 2 ] && grep -q "c-pol/comparison.csv:[0-9]*: column policy" $T/err && [ "$(sum $T/c-pol)" = "$before" ]'

rm -rf $T/c-cfg; cp -r $T/weeks $T/c-cfg; rm -rf $T/c-cfg/charts; echo 'scenario = { days = "x"; };' > $T/c-cfg/run.cfg
before=$(sum $T/c-cfg); ./campsim plot $T/c-cfg --observed tests/data/plot-edge-observed.csv 2>$T/err; rc=$?
check "plot --observed with a broken run.cfg: exit 2 naming it, nothing written" \
    '[ $rc -eq 2 ] && grep -q "c-cfg/run.cfg:1" $T/err && [ "$(sum $T/c-cfg)" = "$before" ]'

# The water chart's lines are the scenario's standards and the minimum it counts
# (they were 15 L and 7 L whatever the scenario said).
./campsim run configs/examples/minimal.cfg -r 3 -q --plot --format svg --set standards.water_border_lpd=18 \
    --set standards.water_minimum_lpd=12 -o $T/water >/dev/null 2>&1
check "water chart: the scenario's standard and minimum" \
    'grep -q ">standard, 18 L<" $T/water/charts/water.svg && grep -q ">minimum counted, 12 L<" $T/water/charts/water.svg'

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
