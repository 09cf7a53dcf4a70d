#!/bin/sh
# End-to-end checks of report.md and report.html: key numbers rounded with
# thousands separators and plain labels, per-camp needs against a hand-computed
# case, the same bytes at any -j, and report.html in a real headless browser
# (Debian's chromium): it renders, prints to PDF on A4, and nothing is wider than
# the page. Without chromium (an optional package) the browser checks are
# skipped, and said so.
passed=0; failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL $*"; }
check() { if eval "$2"; then ok; else bad "$1"; fi; }
T=tests/tmp/e2e_report
rm -rf $T; mkdir -p $T
ref=configs/jordan-2016.cfg

# Key numbers: every number in the table has at most 3 significant digits, is
# separated in thousands and has at most one decimal; labels, not column names.
./campsim run $ref -q -r 20 -j 2 -o $T/run
check "run writes report.md and report.html" '[ -s $T/run/report.md ] && [ -s $T/run/report.html ]'
awk '/^## Key numbers/ { on = 1; next } /^## / { on = 0 } on && /^\| / && !/^\| What/' $T/run/report.md > $T/key.txt
check "the key numbers table has rows" '[ $(wc -l < $T/key.txt) -ge 8 ]'
# numbers: split every cell into words, keep those that start with a digit
tr '|()' '   ' < $T/key.txt | tr ' ' '\n' | grep -E '^[0-9-]' > $T/numbers.txt
bad_numbers=$(grep -vE '^-?[0-9]{1,3}(,[0-9]{3})*(\.[0-9])?$' $T/numbers.txt | head -3)
check "key numbers are separated and have at most one decimal (bad: $bad_numbers)" '[ -z "$bad_numbers" ]'
long=$(sed 's/[,.-]//g' $T/numbers.txt | sed 's/0*$//' | awk 'length($0) > 3' | head -3)
check "key numbers have at most 3 significant digits (bad: $long)" '[ -z "$long" ]'
check "the rounding check catches 128427.02" \
    '! echo 128427.02 | grep -qE "^-?[0-9]{1,3}(,[0-9]{3})*(\.[0-9])?$"'
check "peak stranded is in thousands, rounded (128,000)" \
    'grep -qE "^\| Most people stranded at the border on one day \| 1[0-9][0-9],000 " $T/key.txt'
check "plain labels, not column names, in the key numbers" '! grep -q "peak_stranded\|mean_wait_days" $T/key.txt'
check "the 90% band is given" 'grep -q "Mean (90% band)" $T/run/report.md'
check "the assumptions are listed" 'grep -q "^- Admission: a quota of 75 people a day" $T/run/report.md &&
    grep -q "^- The border is closed (nobody admitted) 2016-06-21 to 2016-12-31" $T/run/report.md &&
    grep -q "^### What the model leaves out" $T/run/report.md'
check "series.csv rounds the water per person (3 significant digits)" \
    '[ "$(awk -F, "/^0,/ { print \$23 }" $T/run/series.csv)" = "36.7" ]'
check "summary.csv rounds the mean wait to 0.1 day" 'grep -qE "^mean_wait_days,[0-9]+\.[0-9]," $T/run/summary.csv'

# Same seed, same bytes: -j 1 against -j 2, and run.cfg reproduces the run.
./campsim run $ref -q -r 20 -j 1 -o $T/j1
for f in report.md report.html summary.csv ensemble.csv series.csv; do
    cmp -s $T/run/$f $T/j1/$f; check "$f same bytes at -j 1 and -j 2" '[ $? -eq 0 ]'
done
./campsim run $T/run/run.cfg -q -j 2 -o $T/again
for f in report.md summary.csv ensemble.csv series.csv waits.csv; do
    cmp -s $T/run/$f $T/again/$f; check "run.cfg reproduces $f byte for byte" '[ $? -eq 0 ]'
done

# sweep.csv: the metrics to their precision too (the settings as drawn).
./campsim sweep configs/examples/steady-queue.cfg -q -r 2 --vary origins.[0].rate=50:150 --samples 4 --method lhs \
    -o $T/sweep
wcol=$(head -n 1 $T/sweep/sweep.csv | tr , '\n' | grep -n '^mean_wait_days$' | cut -d: -f1)
check "sweep.csv's mean wait has at most one decimal" \
    '[ -n "$wcol" ] && awk -F, -v c=$wcol "NR > 1 && \$c !~ /^[0-9]+(\\.[0-9])?\$/ { bad = 1 } END { exit bad }" $T/sweep/sweep.csv'

# Camp needs against the hand-computed case of tests/data/camp-needs.cfg.
./campsim run tests/data/camp-needs.cfg -q --deterministic -o $T/camp
m() { awk -F, -v k="$1" '$1 == k { print $2 }' $T/camp/summary.csv; }
check "camp latrines 1,000 needed, 500 there: 500 short (got $(m peak_latrine_shortfall_Camp))" \
    '[ "$(m peak_latrine_shortfall_Camp)" = 500 ]'
check "camp shelters 4,000 needed, 3,000 there: 1,000 short" '[ "$(m peak_shelter_shortfall_Camp)" = 1000 ]'
check "camp water 400,000 L needed, 200,000 there" '[ "$(m peak_water_shortfall_l_Camp)" = 200000 ]'
check "camp water 10 L a person: below the minimum all 30 days" '[ "$(m days_below_water_minimum_Camp)" = 30 ]'
check "camp health facilities 2 needed, none there from 2016-01-20: 2 short" '[ "$(m peak_health_shortfall_Camp)" = 2 ]'
check "the border's health facilities, enough: 0 short" '[ "$(m peak_health_shortfall)" = 0 ]'
check "the border, with enough, is 0 short" '[ "$(m peak_latrine_shortfall)" = 0 ]'
check "a deterministic run's report says it has no bands" 'grep -q "one deterministic run" $T/camp/report.md &&
    grep -q "^| What | Value |" $T/camp/report.md'
check "report.md's needs table shows the camp's shortfalls" \
    'grep -qE "^\| Camp \| 30 \| 200,000 \| 1,000 \| 500 \| 2 \|" $T/camp/report.md'

# Uncertain settings drawn per replicate are named among the assumptions.
./campsim run tests/data/priors.cfg -q -r 5 -o $T/priors
check "the report says which settings were drawn per replicate" \
    'grep -q "^- Uncertain settings are drawn anew for each replicate (scenario.rate_factor, " $T/priors/report.md'
check "the report says what each uncertain setting is drawn from" \
    'grep -qF "each replicate draws them from: scenario.rate_factor lognormal of median 1 and sd of the log 0.2; sites.[0].cmr gamma of shape 4 and scale 0.075; sites.[0].leave_rate beta with a = 1 and b = 400; admission.quota_changes.[1].quota uniform from 150 to 300; origins.[0].travel.mean_days normal of mean 5 and sd 2, at least 1." $T/priors/report.md'

# Dated switches, a reserve, the camp limit and camp returns are among the assumptions.
./campsim run tests/data/report-switches.cfg -q -r 3 -o $T/switches
for line in "From 2016-02-01 the policy admits nobody." \
            "From 2016-03-01 the policy admits everyone waiting, first come, first served." \
            "25% of each site's daily admissions is kept for group other." \
            "Every policy is held to the free places of the receiving camp." \
            "Of the people leaving Camp, 50% go back to a border site." \
            "People in the camp Camp who leave each day (some back to the border, as said above): 1% a day." \
            "Nobody is screened or refused: the admitted enter a camp the same day; they go to Camp."; do
    check "the assumptions say: $line" 'grep -qF "$line" $T/switches/report.md'
done

# The newer mechanisms, read from run.cfg: routing (shares, first_with_room,
# free_places), leave rates and their changes, relocations, transfers, supply
# changes, behaviour; and "leaves out" says only what the scenario leaves out.
./campsim run tests/data/camps-moves.cfg -q -r 3 -o $T/moves
for line in "has room for any number of people at a time; the screened are split between the camps by fixed shares (Diavata 60%, Softex 40%); a full camp sends on to the next" \
            "People waiting at Idomeni who leave each day, whatever the days waited: 0.2% a day." \
            "People in the camp Diavata who leave each day (out of the model): 0.1% a day." \
            "A relocation on 2016-03-01: from Eko, over 5 days, 50% of the people there move to the border site Idomeni." \
            "A relocation on 2016-03-20: from Idomeni, on the day, 1,200 people in all (or all there are, if fewer) leave the system (out of the model)." \
            "A relocation on 2016-04-10: from Idomeni, over 3 days, 100% of the people there (everyone) move to the camp Softex (whatever its room)." \
            "A transfer on 2016-03-15: from Diavata, over 2 days, 301 people in all (or all there are, if fewer) move to the camp Softex." \
            "A transfer on 2016-04-20: from Softex, on the day, 25% of the people there move to the camp Diavata." \
            "People move between border sites only in the relocations above;" \
            "People relocated or transferred are in none of these columns" \
            "Camp Softex: 500 people and 1,500 places on day 0; 0.1 deaths per 10,000 people a day." \
            "From North, 300 people a day set out; the journey takes 6 days on average and 1% are lost on the way; they go to Idomeni 80%, Eko 20%."; do
    check "camps-moves: the assumptions say: $line" 'grep -qF "$line" $T/moves/report.md'
done
check "camps-moves: the screened are not said to go to one camp" '! grep -q "the screened go to" $T/moves/report.md'
./campsim compare tests/data/camps-moves.cfg -q -r 3 -o $T/cmpmoves
check "compare: the overflow policy's routing in order" \
    'grep -qF "the screened go to the first camp with room, in this order: Softex, then Diavata;" $T/cmpmoves/report.md'
check "compare: the free-places policy admits to the receiving camps' room" \
    'grep -qF "Admission: as many as the receiving camps have room for" $T/cmpmoves/report.md'
check "compare: the free-places policy's routing" \
    'grep -qF "the screened are split between Diavata and Softex in proportion to each camp'"'"'s free places" $T/cmpmoves/report.md'
check "compare: a per-place table under each policy" \
    'grep -q "^## By site and by camp under each policy" $T/cmpmoves/report.md &&
     grep -qE "^\| Idomeni: overflow \| 19,[0-9]00 " $T/cmpmoves/report.md &&
     grep -qE "^\| Idomeni: free-places \| 19,[0-9]00 " $T/cmpmoves/report.md &&
     grep -qE "^\| All camps: free-places \| " $T/cmpmoves/report.md'
check "compare: the per-place table's numbers are the policy folder's" \
    '[ "$(grep -E "^\| Softex: overflow \|" $T/cmpmoves/report.md | cut -d"|" -f3-)" = \
       "$(sed -n "/^## By site/,/^## /p" $T/cmpmoves/overflow/report.md | grep -E "^\| Softex \|" | cut -d"|" -f3-)" ]'

./campsim run configs/examples/idomeni-2016.cfg -q -r 2 -o $T/idomeni
for line in "People waiting at Idomeni who leave each day, whatever the days waited: none at the start, then 1.59% a day from 2016-03-09, 2.65% a day from 2016-03-28, 1.36% a day from 2016-04-15, 100% a day from 2016-05-27." \
            "From Greece, 1,200 people a day set out at the start, then 107 from 2016-03-09, 62 from 2016-03-20, 0 from 2016-05-24; the journey takes 1 day on average" \
            "From 2016-03-09 the policy admits nobody." \
            "A relocation on 2016-05-24: from Idomeni, over 3 days, 3,820 people in all" \
            "People in the camp Gevgelija who leave each day (out of the model): 100% a day."; do
    check "idomeni: the assumptions say: $line" 'grep -qF "$line" $T/idomeni/report.md'
done
./campsim run configs/examples/coxs-bazar-2017.cfg -q -r 2 -o $T/coxs
for line in "Supplies at KBE: 0 shelters, then 75,000 from 2017-10-05; everything else is assumed enough." \
            "they go to the first camp with room, in this order: KBE, then Elsewhere;" \
            "A transfer on 2017-10-05: from Elsewhere, over 30 days, 43.4% of the people there move to the camp KBE."; do
    check "coxs-bazar: the assumptions say: $line" 'grep -qF "$line" $T/coxs/report.md'
done
check "coxs-bazar: one border site, so nothing about moves between sites" \
    '! grep -q "between border sites" $T/coxs/report.md &&
     grep -q "^- There are no security incidents" $T/coxs/report.md'

./campsim run configs/jordan-2016-behaviour.cfg -q -r 2 -o $T/behaviour
for line in "Departures from Aleppo, Homs, Raqqa, DeirEzZor and Other answer to the border as it was 7 days before: they fall as the expected wait grows" \
            "times (1 + wait / 60)^-0.5, so an expected wait of 60 days leaves 70.7% of them; and multiplied by 0.5 while the border admits nobody." \
            "At Rukban and Hadalat people give up waiting the longer they have waited: of the people who arrive on one day, half have given up after 300 days" \
            "shape 1.5: the daily chance of giving up rises with the days waited); the chance is 2 times as high while aid is cut; up to 2 times as high as water per person falls below the standard" \
            "answer to the border only as said above (the expected wait, closures)" \
            "Only water changes giving up (not deaths)"; do
    check "behaviour: the report says: $line" 'grep -qF "$line" $T/behaviour/report.md'
done
check "behaviour: leaves out no patience or answer it has" \
    '! grep -q "Nobody.s patience runs out\|do not answer to the policy" $T/behaviour/report.md'
check "the reference: nobody's patience runs out, departures do not answer" \
    'grep -q "Nobody.s patience runs out" $T/run/report.md && grep -q "do not answer to the policy" $T/run/report.md &&
     grep -qF "Supplies at Rukban: 400,000 litres of water a day; while aid is cut, water times 0.3; a delivery from 2016-08-02 of 30 days of rations for everyone there, over 3 days;" $T/run/report.md &&
     grep -qF "Border site Rukban: 11,000 people waiting on day 0; 0.3 deaths per 10,000 people a day (2 times that while aid is cut); 30 births per 1,000 people a year." $T/run/report.md &&
     grep -qF "From Aleppo, 116 people a day set out at the start, then 232 from 2016-02-01, 46.4 from 2016-06-21;" $T/run/report.md'

# A closed border: no wait to speak of, said in words rather than a 0.
./campsim run configs/examples/steady-queue.cfg -q -r 5 --set admission.policy=closed -o $T/closed
check "a closed border's report says nobody was admitted, not a wait of 0" \
    'grep -q "^| Mean wait before admission (days) | nobody was admitted |" $T/closed/report.md'

# Compare: the policies in words, and every policy folder gets a report.
./campsim compare configs/jordan-2016-policies.cfg -q -r 10 -o $T/cmp --plot --format svg 2>$T/cmp.err
check "compare --plot exits 0" '[ $? -eq 0 ]'
check "compare report says the policies in words" \
    'grep -A2 "^### open_border against status_quo" $T/cmp/report.md |
     grep -qE "^- Most people stranded at the border on one day: [0-9,]+ fewer \(band [0-9,]+ to [0-9,]+\)\.$"'
check "each policy folder has its report" '[ -s $T/cmp/status_quo/report.md ] && [ -s $T/cmp/open_border/report.html ]'

# --plot with PNG charts: report.html still has them inline as SVG (drawn into a
# temporary folder that is removed).
./campsim run $ref -q -r 10 -o $T/plot --plot
check "report.html has the seven charts inline (cumulative too)" '[ $(grep -c "^<svg" $T/plot/report.html) -eq 7 ]'
check "report.md links the PNG charts" 'grep -q "](charts/stranded.png)" $T/plot/report.md'
check "no temporary SVG folder is left" '[ -z "$(ls -A $T/plot | grep report-svg)" ]'
check "report.html links no outside file" '! grep -qE "(src|href)=\"(http|file|/)" $T/plot/report.html'

# campsim plot on a folder without charts: the reports are written again with them.
./campsim run $ref -q -r 10 -o $T/later
check "without charts the report says how to get them" 'grep -q "No charts were drawn" $T/later/report.md'
./campsim plot $T/later --format svg 2>/dev/null
check "after campsim plot, report.html has the charts inline" '[ $(grep -c "^<svg" $T/later/report.html) -eq 7 ]'
check "after campsim plot, report.md links the SVG charts" 'grep -q "](charts/wait.svg)" $T/later/report.md'

# The browser. --virtual-time-budget lets the page's load handler run before the DOM is dumped.
if ! command -v chromium >/dev/null 2>&1 || ! command -v pdfinfo >/dev/null 2>&1; then
    echo "SKIP the headless-browser checks: chromium or pdfinfo (poppler-utils) is not installed"
else
    browse() {   # browse WIDTH ARGS...: chromium headless with a fresh profile
        w=$1; shift
        prof=$(mktemp -d)
        timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
            --disable-component-update --disable-sync --no-first-run --user-data-dir="$prof" \
            --window-size="$w" "$@" 2>/dev/null
        rc=$?
        rm -rf "$prof"
        return $rc
    }
    here=$(pwd)
    for f in plot cmp cmpmoves; do   # cmpmoves: the per-place table under each policy
        page="file://$here/$T/$f/report.html"
        browse 794,1123 --print-to-pdf="$here/$T/$f.pdf" --no-pdf-header-footer "$page" >/dev/null
        check "$f: report.html prints to PDF" '[ -s $T/$f.pdf ]'
        size=$(pdfinfo $T/$f.pdf 2>/dev/null | sed -n 's/^Page size: *//p')
        check "$f: the PDF is on A4 (got $size)" 'echo "$size" | grep -q "(A4)"'
        pages=$(pdfinfo $T/$f.pdf 2>/dev/null | sed -n 's/^Pages: *//p')
        check "$f: the PDF has pages (got $pages)" '[ "${pages:-0}" -ge 2 ]'
        browse 794,1123 --screenshot="$here/$T/$f.png" "$page" >/dev/null
        check "$f: a screenshot is a PNG" '[ "$(head -c 4 $T/$f.png | tail -c 3)" = PNG ]'
        # 680 px: the width of A4 inside 15 mm margins, at 96 px an inch
        browse 680,1000 --virtual-time-budget=5000 --dump-dom "$page?check" > $T/$f.dom
        check "$f: nothing is wider than the page ($(grep -o 'data-overflow="[^"]*"' $T/$f.dom))" \
            'grep -q "data-overflow=\"none\"" $T/$f.dom'
    done
    check "plot: the seven charts render in the browser" 'grep -q "data-charts=\"7\"" $T/plot.dom'
    check "cmp: the two compare charts render" 'grep -q "data-charts=\"2\"" $T/cmp.dom'
    command -v pdftoppm >/dev/null && pdftoppm -r 40 -png -f 1 -l 1 $T/plot.pdf $T/plot-page
    check "the PDF's first page renders to PNG" '[ -s $T/plot-page-1.png ] || [ -s $T/plot-page-01.png ]'
    # The overflow check must see a table that is too wide.
    sed 's|<h2>Key numbers</h2>|<h2>Key numbers</h2><table style="width:2000px"><tr><td>wide</td></tr></table>|' \
        $T/plot/report.html > $T/plot/wide.html
    browse 680,1000 --virtual-time-budget=5000 --dump-dom "file://$here/$T/plot/wide.html?check" > $T/wide.dom
    check "the overflow check catches a table 2000 px wide" \
        'grep -q "data-overflow=\"[^n\"]" $T/wide.dom'
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
