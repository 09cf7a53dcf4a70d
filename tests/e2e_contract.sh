#!/bin/sh
# The contract's checker (tests/check-outputs, the project's copy of SPEC's) on the
# outputs of the scenarios with relocations, transfers and several camps, and of
# the worked examples, in both modes (run, --deterministic) and compare: series.csv
# balances with the contract's six outflows alone (people relocated out are in
# border_left), and the series by place keep their books. Then the checker must
# refuse folders broken in each way it checks (a relocation out left out of
# border_left, a place whose people do not follow its flows, a move that does not
# add up to 0, a header), so that its passes mean something.
T=tests/tmp/contract; rm -rf $T; mkdir -p $T
passed=0; failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL $*"; }
holds() {   # description, folder
    if out=$(python3 tests/check-outputs "$2" 2>&1); then ok; else bad "$1: $out"; fi
}
for c in tests/data/camps-moves.cfg configs/examples/idomeni-2016.cfg configs/examples/coxs-bazar-2017.cfg \
         configs/examples/idomeni-2016-priors.cfg configs/examples/coxs-bazar-2017-priors.cfg; do
    n=$(basename $c .cfg)
    ./campsim run $c -q -r 3 -o $T/$n 2>$T/err >/dev/null || bad "$n: run: $(cat $T/err)"
    holds "$n (run)" $T/$n
    ./campsim run $c -q --deterministic -o $T/$n-det 2>$T/err >/dev/null || bad "$n: --deterministic: $(cat $T/err)"
    holds "$n (--deterministic)" $T/$n-det
done
./campsim compare tests/data/camps-moves.cfg -q -r 3 -o $T/cmp 2>$T/err >/dev/null || bad "compare: $(cat $T/err)"
holds "camps-moves (compare)" $T/cmp
[ -d $T/cmp/overflow ] && [ -s $T/cmp/overflow/places.csv ] && ok || bad "compare: no policy folder with places.csv"
# A forecast's 23 levels: summary.csv still begins metric,mean,sd,p05,p50,p95 (then
# the other levels), and the reference's deterministic run balances to 1e-9 in its file.
./campsim forecast configs/jordan-2016-forecast.cfg --observed data/observations.csv --as-of 2016-02-29 \
    --to 2016-04-30 -q -o $T/fc 2>$T/err >/dev/null || bad "forecast: $(cat $T/err)"
holds "forecast" $T/fc
head -1 $T/fc/summary.csv | grep -q '^metric,mean,sd,p05,p50,p95,p01,p02_5,p10,' && ok || bad "forecast: summary.csv header"
./campsim run configs/jordan-2016.cfg -q --deterministic -o $T/ref-det 2>$T/err >/dev/null || bad "reference det: $(cat $T/err)"
python3 - $T/ref-det/series.csv <<'PY' && ok || bad "reference --deterministic: the books do not balance to 1e-9 in series.csv"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
stocks = ["in_transit", "stranded", "screening", "camp_population"]
inflow = ["set_out", "border_births", "camp_births"]
outflow = ["transit_lost", "border_deaths", "border_left", "rejected", "camp_deaths", "camp_left"]
f = lambda r, ks: sum(float(r[k]) for k in ks)
prev = None
for r in rows:
    s = f(r, stocks)
    if prev is not None and abs(s - prev - f(r, inflow) + f(r, outflow)) > 1e-9 * max(1.0, abs(s)):
        sys.exit(1)
    prev = s
PY
# The relocations out are there to be counted: Idomeni's evacuation, in border_left.
s=$T/idomeni-2016/series.csv
python3 - $s <<'PY' && ok || bad "idomeni: relocated_out is not within border_left, or nobody was relocated out"
import csv, sys
rs = list(csv.DictReader(open(sys.argv[1])))
out = sum(float(r["relocated_out"]) for r in rs)
sys.exit(0 if out > 1000 and all(float(r["relocated_out"]) <= float(r["border_left"]) for r in rs) else 1)
PY

# Broken folders the checker must refuse (each a copy of a good one, changed in one way).
broken() {   # description, what the message must say, python that changes the copy in folder d
    rm -rf $T/broken; cp -r $T/camps-moves $T/broken
    python3 -c "d = '$T/broken'
$3"
    out=$(python3 tests/check-outputs $T/broken 2>&1)
    if [ $? -eq 1 ] && echo "$out" | grep -q "$2"; then ok; else bad "the checker passes $1: $out"; fi
}
edit='import csv
def edit(name, f):
    rs = list(csv.reader(open(d + "/" + name)))
    f(rs)
    csv.writer(open(d + "/" + name, "w", newline=""), lineterminator="\n").writerows(rs)'
broken "relocations out left out of border_left" "series.csv: day .*stocks change by" "$edit
def f(rs):
    h = rs[0]
    for r in rs[1:]: r[h.index('border_left')] = str(int(r[h.index('border_left')]) - int(r[h.index('relocated_out')]))
edit('series.csv', f)"
broken "more relocated out than left the border" "relocated_out is more than border_left" "$edit
def f(rs):
    h = rs[0]
    r = [r for r in rs[1:] if int(r[h.index('relocated_out')]) > 0][0]
    n = int(r[h.index('border_left')]) - int(r[h.index('relocated_out')]) + 1
    r[h.index('border_left')] = str(int(r[h.index('border_left')]) - n); r[h.index('transit_lost')] = str(int(r[h.index('transit_lost')]) + n)
edit('series.csv', f)"
broken "a site whose people do not follow its flows" "places.csv: day 5: site Eko: people change by" "$edit
def f(rs):
    h = rs[0]
    r = [r for r in rs if r[0] == '5' and r[3] == 'Eko'][0]
    r[h.index('people')] = str(int(r[h.index('people')]) + 1)
edit('places.csv', f)"
broken "relocations out counted as moved" "places.csv: day .*moves between places add up to" "$edit
def f(rs):
    h = rs[0]
    for r in rs[1:]:
        if r[2] in ('site', 'sites') and r[h.index('left')] != '':
            n = int(r[h.index('left')]) - int(r[h.index('left')]) // 2
            r[h.index('left')] = str(int(r[h.index('left')]) - n); r[h.index('moved')] = str(int(r[h.index('moved')]) - n)
edit('places.csv', f)"
broken "a total that is not the sum of its places" "sites,all deaths is not the sum" "$edit
def f(rs):
    h = rs[0]
    r = [r for r in rs if r[0] == '3' and r[2] == 'sites'][0]
    r[h.index('deaths')] = str(int(r[h.index('deaths')]) + 1)
    r[h.index('cum_deaths')] = str(int(r[h.index('cum_deaths')]) + 1)
    for r in [r for r in rs if r[0] not in ('day', '0', '1', '2', '3') and r[2] == 'sites']: r[h.index('cum_deaths')] = str(int(r[h.index('cum_deaths')]) + 1)
edit('places.csv', f)"
broken "a running total that is not one" "cum_arrivals is not the running total" "$edit
def f(rs):
    h = rs[0]
    r = [r for r in rs if r[0] == '7' and r[3] == 'Idomeni'][0]
    r[h.index('cum_arrivals')] = str(int(r[h.index('cum_arrivals')]) + 1)
edit('places.csv', f)"
broken "places_ensemble.csv without a column" "places_ensemble.csv: header" "$edit
def f(rs):
    for r in rs: del r[5]
edit('places_ensemble.csv', f)"
broken "summary_places.csv without a metric" "missing metrics days_full" "$edit
def f(rs): rs[:] = [r for r in rs if not (r[0] == 'camp' and r[2] == 'days_full')]
edit('summary_places.csv', f)"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
