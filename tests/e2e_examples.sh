#!/bin/sh
# The worked examples (configs/examples/coxs-bazar-2017.cfg, idomeni-2016.cfg and
# their -priors.cfg; docs/examples.md): they pass check; their fit's ARD is the
# one README.md states (so the README cannot go stale); people are conserved
# every day in both modes; each shows what it was built to show (no queue at
# Cox's Bazar, the camp's population standing for the cumulative arrivals;
# Idomeni's quota, closure and evacuation); a small ABC-SMC calibration and a
# small forecast run; the charts are drawn. A few seconds in all.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
T=tests/tmp/examples; rm -rf $T; mkdir -p $T
E=configs/examples
passed=0; failed=0
check() {   # description, then a shell condition
    if eval "$2"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL $1"; fi
}
# col FILE NAME: the column number of NAME in FILE's header.
col() { head -1 "$1" | tr ',' '\n' | grep -nx "$2" | cut -d: -f1; }

for n in coxs-bazar-2017 idomeni-2016; do
    check "$n: check passes" './campsim check $E/$n.cfg >/dev/null && ./campsim check $E/$n-priors.cfg >/dev/null'
    # The README's fit line: "... configs/examples/NAME.cfg ...: ARD 0.044."
    stated=$(grep "configs/examples/$n.cfg\`" README.md | sed -n 's/.*ARD \([0-9][0-9.]*[0-9]\).*/\1/p' | head -1)
    ./campsim run $E/$n.cfg --observed data/${n%-*}-observations.csv -q -o $T/$n >/dev/null 2>$T/$n.err
    got=$(grep '^ard,' $T/$n/summary.csv | cut -d, -f2)
    check "$n: the README states its fit ARD ($stated) and the run gives it ($got)" \
        '[ -n "$stated" ] && [ -n "$got" ] && [ "$(printf %.3f "$got")" = "$stated" ]'
    # Conservation, every day, in both modes: the border sites change by arrivals,
    # births, deaths, leavers (relocations out among them), admissions, returns from
    # the camps and relocations into camps (between sites they net out; a column only
    # with moves); screening by
    # admissions, entries and refusals; the camps by entries, births, deaths,
    # leavers and returns. From the people there on day 0 (the configs' initial).
    # Stochastic counts are whole (exact); a deterministic run's expectations are
    # written to 0.1, so each day's balance of 7 terms may be off by 0.35.
    ./campsim run $E/$n.cfg --deterministic -q -o $T/$n-det >/dev/null
    init=$(grep -o 'initial = [0-9.]*' $E/$n.cfg | head -1 | cut -d' ' -f3)
    for d in "$T/$n 0.000001" "$T/$n-det 0.36"; do
        set -- $d; s=$1/series.csv
        check "$n ($(basename $1)): people conserved every day at the border, in screening and in the camps" \
            "awk -F, -v tol=$2 -v b0=$init -v a=$(col $s arrivals) -v b=$(col $s border_births) \
                 -v dd=$(col $s border_deaths) -v l=$(col $s border_left) -v ad=$(col $s admitted) \
                 -v st=$(col $s stranded) -v ce=$(col $s camp_entries) -v cb=$(col $s camp_births) \
                 -v cd=$(col $s camp_deaths) -v cl=$(col $s camp_left) -v cr=$(col $s camp_returned) \
                 -v cp=$(col $s camp_population) -v sc=$(col $s screening) -v rj=$(col $s rejected) \
                 -v rc=\"$(col $s relocated_to_camps)\" '
                function off(x) { return x > tol || x < -tol }
                function v(i) { return i + 0 > 0 ? \$i : 0 }   # a column only scenarios with moves have
                NR == 1 { ps = b0; pc = 0; pv = 0; next }
                { if (off(ps + \$a + \$b - \$dd - \$l - \$ad + \$cr - v(rc) - \$st)) bad++
                  if (off(pv + \$ad - \$ce - \$rj - \$sc)) bad++
                  if (off(pc + \$ce + \$cb - \$cd - \$cl - \$cr + v(rc) - \$cp)) bad++
                  ps = \$st; pc = \$cp; pv = \$sc; n++ }
                END { exit bad > 0 || n < 2 }' $s"
    done
done

# Cox's Bazar: nobody waits at the border at the end of any day, and the camp
# (no births, no leavers) holds everyone who arrived less its deaths: the reports'
# cumulative arrivals, which the fit compares with camp_population.
s=$T/coxs-bazar-2017/series.csv
check "Cox's Bazar: no queue (stranded is 0 every day)" \
    "awk -F, -v st=$(col $s stranded) 'NR >= 2 && \$st != 0 { bad++ } END { exit bad > 0 }' $s"
check "Cox's Bazar: the camp's population is the cumulative arrivals less the deaths" \
    "awk -F, -v a=$(col $s arrivals) -v dd=$(col $s border_deaths) -v cd=$(col $s camp_deaths) -v cp=$(col $s camp_population) '
        NR >= 2 { cum += \$a - \$dd - \$cd; if (cum != \$cp) bad++ } END { exit bad > 0 }' $s"
check "Cox's Bazar: the fit compares 14 reports of cumulative arrivals and 2 counts in the expansion" \
    '[ $(grep -c "^20[0-9-]*,coxs_bazar,arrivals_cumulative,camp_population," $T/coxs-bazar-2017/fit.csv) -eq 14 ] &&
     [ $(grep -c "^20[0-9-]*,kutupalong_expansion,arrivals_in_site,camp_KBE," $T/coxs-bazar-2017/fit.csv) -eq 2 ]'
# The expansion fills first: nobody in it before its places (19 September), nobody
# new elsewhere while it has room; the transfer on its 30 days.
s=$T/coxs-bazar-2017-det/series.csv
check "Cox's Bazar: the expansion first while it has room, the transfer of 5 October into it" \
    "awk -F, -v d=$(col $s date) -v k=$(col $s camp_KBE) -v e=$(col $s camp_Elsewhere) -v tr=$(col $s transferred) '
        NR >= 2 && \$d < \"2017-09-19\" && \$k != 0 { bad++ }
        NR >= 2 && \$d >= \"2017-09-19\" && \$d < \"2017-10-05\" && \$e > pe { bad++ }
        NR >= 2 { pe = \$e }
        NR >= 2 && \$d >= \"2017-10-05\" && \$d < \"2017-11-04\" && \$tr <= 0 { bad++ }
        NR >= 2 && (\$d < \"2017-10-05\" || \$d >= \"2017-11-04\") && \$tr != 0 { bad++ }
        END { exit bad > 0 }' $s"

# Idomeni: the quota while open, nobody admitted from the closure of 9 March,
# the camp empty at the end of the evacuation (26 May) and after.
s=$T/idomeni-2016-det/series.csv
check "Idomeni: the quota (466 a day) before the closure, nobody admitted from 9 March" \
    "awk -F, -v d=$(col $s date) -v ad=$(col $s admitted) '
        NR >= 2 && \$d < \"2016-03-09\" && \$ad != 466 { bad++ } NR >= 2 && \$d >= \"2016-03-09\" && \$ad != 0 { bad++ }
        END { exit bad > 0 }' $s"
s=$T/idomeni-2016/series.csv
check "Idomeni: people there until the evacuation, nobody from 26 May, 3,820 bused to Thessaloniki" \
    "awk -F, -v d=$(col $s date) -v st=$(col $s stranded) -v th=$(col $s camp_Thessaloniki) '
        NR >= 2 && \$d == \"2016-05-23\" && (\$st < 1000 || \$th != 0) { bad++ }
        NR >= 2 && \$d >= \"2016-05-26\" && (\$st != 0 || \$th != 3820) { bad++ }
        END { exit bad > 0 }' $s"

# A small ABC-SMC calibration (20 particles, 400 simulations) and its posterior
# predictive run; a small forecast from an early date, scored against later reports.
./campsim calibrate $E/coxs-bazar-2017-priors.cfg --observed data/coxs-bazar-observations.csv -q -j 2 \
    --set calibration.abc.particles=20 --set calibration.abc.max_simulations=400 -o $T/cal >/dev/null 2>$T/cal.err
check "Cox's Bazar: a small calibration writes its posterior and calibrated.cfg" \
    '[ -s $T/cal/posterior.csv ] && [ -s $T/cal/calibrated.cfg ] && [ $(grep -c "^origins" $T/cal/calibration.csv) -eq 8 ]'
check "Cox's Bazar: the calibrated config runs against the reports" \
    './campsim run $T/cal/calibrated.cfg -r 5 -q --observed data/coxs-bazar-observations.csv -o $T/cal-run >/dev/null && grep -q "^ard," $T/cal-run/summary.csv'
./campsim forecast $E/idomeni-2016-priors.cfg --observed data/idomeni-observations.csv --as-of 2016-03-10 \
    --to 2016-05-23 --samples 200 -r 20 -q -j 2 -o $T/fc >/dev/null 2>$T/fc.err
check "Idomeni: a forecast from 10 March scores the 5 later counts up to 23 May" \
    '[ $(grep -c "^2016-0[345]-[0-9]*,idomeni,stranded_population_est,stranded," $T/fc/scores.csv) -eq 5 ] && grep -q "^overall," $T/fc/scores.csv'
./campsim forecast $E/coxs-bazar-2017-priors.cfg --observed data/coxs-bazar-observations.csv --as-of 2017-09-30 \
    --to 2018-03-15 --samples 200 -r 20 -q -j 2 -o $T/fc-cb >/dev/null 2>$T/fc-cb.err
check "Idomeni: the forecast's one-sided report (more than 5,000 on 27 February) keeps its open end empty" \
    'grep -q "^2016-02-27,stranded,5000,5000,,0$" $T/fc/forecast_observed.csv'
check "Cox's Bazar: a forecast from 30 September scores the 8 later reports" \
    '[ $(grep -c "^20[0-9-]*,coxs_bazar,arrivals_cumulative,camp_population," $T/fc-cb/scores.csv) -eq 8 ]'

# The charts: both examples draw every chart (a period starting in August once
# drew none: gnuplot read the month "08" as bad octal).
if command -v gnuplot >/dev/null 2>&1; then
    for n in coxs-bazar-2017 idomeni-2016; do
        ./campsim plot $T/$n --observed data/${n%-*}-observations.csv >/dev/null 2>$T/$n-plot.err
        check "$n: the charts are drawn, gnuplot says nothing" \
            '(for c in stranded camps flows wait deaths water; do [ -s $T/$n/charts/$c.png ] || exit 1; done) && ! grep -qi "warning\|error" $T/$n-plot.err'
    done
    check "Idomeni: one-sided reports are drawn as such (their open end empty in the chart's file)" \
        'grep -q "^2016-02-27,5000,5000,$" $T/idomeni-2016/charts/observed_stranded_1.csv && grep -q "^2016-03-10,13000,13000,$" $T/idomeni-2016/charts/observed_stranded_1.csv'

fi
echo "$passed passed, $failed failed"
