#!/bin/sh
# The series by place (places.csv, places_ensemble.csv, summary_places.csv):
# per-place flows sum to the system's flows in series.csv every day, each
# place's stock changes by its flows, running totals are running sums, in both
# modes; summary_places.csv's mean, sd and quantiles are those of the
# replicates' own totals, and its totals agree with summary.csv; a
# deterministic case against numbers worked by hand; same bytes at -j 1 and -j 2.
T=tests/tmp/places; rm -rf $T; mkdir -p $T
passed=0; failed=0
check() {   # description, then a command that succeeds when it holds
    if eval "$2"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL $1"; fi
}
cfg=tests/data/places.cfg
./campsim run $cfg -q -j 2 -o $T/stoch 2>$T/err; check "stochastic run" '[ $? -eq 0 ]'
./campsim run $cfg --deterministic -q -o $T/det 2>>$T/err; check "deterministic run" '[ $? -eq 0 ]'
./campsim run $cfg -r 2 -q -o $T/two 2>>$T/err; check "two replicates" '[ $? -eq 0 ]'

# Every day: sums over places against series.csv, each place's books, running
# totals. Stochastic values are whole people and must agree exactly; the
# deterministic files hold expectations rounded to 0.1, so each sum may be off
# by 0.05 per term. Initial stocks from the config.
books() {   # folder, tolerance per term, the places' initial people (Python dict)
    python3 - "$1" "$2" "${3:-}" <<'PY'
import csv, sys
d, tol = sys.argv[1], float(sys.argv[2])
series = {r["day"]: r for r in csv.DictReader(open(d + "/series.csv"))}
rows = list(csv.DictReader(open(d + "/places.csv")))
initial = eval(sys.argv[3]) if sys.argv[3] else {"East": 500, "West": 200, "Azraq": 1000, "Zaatari": 800}
order = [r["kind"] + "," + r["place"] for r in rows if r["day"] == "0"]
f = lambda r, k: float(r[k]) if r[k] != "" else 0.0
bad = []
def near(a, b, n, what):
    if abs(a - b) > tol * (n + 1) + 1e-9: bad.append(f"{what}: {a} against {b}")
sums = {"site": ("arrivals arrivals", "deaths border_deaths", "left border_left", "admitted admitted",
                 "births border_births", "returned camp_returned", "people stranded"),
        "camp": ("entries camp_entries", "deaths camp_deaths", "left camp_left", "births camp_births",
                 "returned camp_returned", "people camp_population", "capacity camp_capacity")}
prev, cum = {}, {}
for day, s in series.items():
    today = [r for r in rows if r["day"] == day]
    kinds = [r["kind"] + "," + r["place"] for r in today]
    if kinds != order or len(order) != len(initial) + 2:
        bad.append(f"day {day}: rows {kinds}")
        break
    for kind, pairs in sums.items():
        one = [r for r in today if r["kind"] == kind]
        total = [r for r in today if r["kind"] == kind + "s"][0]
        for p in pairs:
            col, sc = p.split()
            near(sum(f(r, col) for r in one), float(s[sc]), len(one), f"day {day}: {kind} {col} summed against {sc}")
            near(f(total, col), float(s[sc]), 0, f"day {day}: {kind}s,all {col} against {sc}")
        for r in one:
            stock = "stranded_" if kind == "site" else "camp_"
            near(f(r, "people"), float(s[stock + r["place"]]), 0, f"day {day}: {r['place']} people")
            before = prev.get(r["place"], initial[r["place"]])
            if kind == "site":
                moved = f(r, "arrivals") + f(r, "returned") + f(r, "births") - f(r, "deaths") - f(r, "left") - f(r, "admitted")
            else:
                moved = f(r, "entries") + f(r, "births") - f(r, "deaths") - f(r, "left") - f(r, "returned")
            moved += f(r, "moved")   # relocations and transfers, in less out (empty without)
            near(f(r, "people"), before + moved, 8, f"day {day}: {r['place']}'s people against its flows")
            prev[r["place"]] = f(r, "people")
    if "relocated_out" in s:   # what moves take from the sites, and bring to the camps
        # Those relocated out of the system are leavers (in left and border_left), not moved:
        # what moves between places adds up to 0 over all of them.
        g = lambda k: float(s[k])
        for kind, want in (("site", -g("relocated_to_camps")), ("camp", g("relocated_to_camps"))):
            one = [r for r in today if r["kind"] == kind]
            total = [r for r in today if r["kind"] == kind + "s"][0]
            near(sum(f(r, "moved") for r in one), want, len(one), f"day {day}: {kind}s moved")
            near(f(total, "moved"), want, len(one), f"day {day}: {kind}s,all moved")
    for r in today:
        for col in ("arrivals", "admitted", "entries", "deaths"):
            if r["cum_" + col] == "": continue
            key = (r["kind"], r["place"], col)
            cum[key] = cum.get(key, 0.0) + f(r, col)
            near(f(r, "cum_" + col), cum[key], int(day), f"day {day}: {key} running total")
for b in bad[:5]: print(b)
sys.exit(1 if bad else 0)
PY
}
check "stochastic: places sum to the series, books balance, running totals" 'books $T/stoch 0'
check "deterministic: the same within rounding" 'books $T/det 0.05'
# Relocations, transfers and two receiving camps (tests/data/camps-moves.cfg):
# each place's moves are in its books, and the moves of all sites and camps
# are the series' relocation columns.
moves_init='{"Idomeni": 8000, "Eko": 1500, "Diavata": 1000, "Softex": 500}'
./campsim run tests/data/camps-moves.cfg -r 3 -q -o $T/moves 2>>$T/err
check "relocations and transfers: places sum to the series, books balance" 'books $T/moves 0 "$moves_init"'
./campsim run tests/data/camps-moves.cfg --deterministic -q -o $T/moves-det 2>>$T/err
check "relocations and transfers, deterministic" 'books $T/moves-det 0.05 "$moves_init"'
check "relocations and transfers: moved is there" "grep -q '^60,2016-04-01,site,Eko,' $T/moves/places.csv && cut -d, -f12 $T/moves/places.csv | grep -q '^-'"
check "no moves: moved is empty" "! cut -d, -f12 $T/stoch/places.csv | grep -q '[0-9]'"

# summary_places.csv from the replicates' totals: with two replicates, the
# second's total is 2 mean - the first's (places.csv), and the sd, p05, p50 and
# p95 follow (to the rounding of the mean: 3 half-units); the totals of all sites and camps agree with summary.csv.
summary() {
    python3 - "$1" <<'PY'
import csv, math, sys
d = sys.argv[1]
rows = list(csv.DictReader(open(d + "/places.csv")))
summ = {(r["kind"], r["place"], r["metric"]): r for r in csv.DictReader(open(d + "/summary_places.csv"))}
glob = {r["metric"]: r for r in csv.DictReader(open(d + "/summary.csv"))}
bad = []
def one(kind, place):   # replicate 0's metrics from places.csv
    rs = [r for r in rows if r["kind"] == kind and r["place"] == place]
    g = lambda k: [float(r[k]) for r in rs]
    m = {"deaths": sum(g("deaths")), "left": sum(g("left")), "peak_stranded" if kind[:4] == "site" else
         "peak_population": max(g("people")), "final_stranded" if kind[:4] == "site" else "final_population": g("people")[-1]}
    if kind[:4] == "site":
        m.update(arrivals=sum(g("arrivals")), admitted=sum(g("admitted")), stranded_person_days=sum(g("people")))
    else:
        m.update(entries=sum(g("entries")), days_full=sum(1 for p, c in zip(g("people"), g("capacity")) if p >= c))
    return m
n = 0
for kind, place in (("site", "East"), ("site", "West"), ("sites", "all"), ("camp", "Azraq"), ("camp", "Zaatari"), ("camps", "all")):
    for metric, x0 in one(kind, place).items():
        r = summ.get((kind, place, metric))
        if r is None: bad.append(f"{kind},{place},{metric}: missing"); continue
        mean = float(r["mean"]); x1 = 2 * mean - x0
        lo, hi = min(x0, x1), max(x0, x1)
        want = {"sd": abs(x0 - x1) / math.sqrt(2), "p05": lo + 0.05 * (hi - lo), "p50": mean, "p95": lo + 0.95 * (hi - lo)}
        for k, v in want.items():
            if abs(float(r[k]) - v) > (1.5 if metric == "stranded_person_days" else 0.15) + 1e-9 * abs(v): bad.append(f"{kind},{place},{metric} {k}: {r[k]} against {v}")
        n += 1
for place_metric, g in ((("sites", "all", "deaths"), "border_deaths"), (("sites", "all", "admitted"), "total_admitted"),
                        (("sites", "all", "arrivals"), "total_arrivals"), (("sites", "all", "left"), "border_left"),
                        (("sites", "all", "peak_stranded"), "peak_stranded"), (("sites", "all", "stranded_person_days"), "stranded_person_days"),
                        (("camps", "all", "entries"), "total_camp_entries"), (("camps", "all", "deaths"), "camp_deaths"),
                        (("camp", "Azraq", "days_full"), "days_camp_full"), (("camps", "all", "final_population"), "final_camp_population")):
    for k in ("mean", "sd", "p05", "p50", "p95"):
        if summ[place_metric][k] != glob[g][k]: bad.append(f"{place_metric} {k} {summ[place_metric][k]} against summary.csv {g} {glob[g][k]}")
if n < 30: bad.append(f"only {n} metrics")
for b in bad[:5]: print(b)
sys.exit(1 if bad else 0)
PY
}
check "summary_places.csv: mean, sd and quantiles of the replicates' totals; totals as summary.csv" 'summary $T/two'
check "summary_places.csv: totals as summary.csv over 20 replicates" 'python3 -c "
import csv; s = {(r[\"kind\"], r[\"place\"], r[\"metric\"]): r for r in csv.DictReader(open(\"$T/stoch/summary_places.csv\"))}
g = {r[\"metric\"]: r for r in csv.DictReader(open(\"$T/stoch/summary.csv\"))}
assert s[(\"sites\", \"all\", \"deaths\")][\"mean\"] == g[\"border_deaths\"][\"mean\"]
assert s[(\"camps\", \"all\", \"entries\")][\"p95\"] == g[\"total_camp_entries\"][\"p95\"]"'

# Worked by hand (tests/data/places-hand.cfg): over 10 days a place of n people
# with daily death probability p loses n (1 - (1-p)^10), keeps n (1-p)^10, has
# n (1-p) at the end of day 0 and n (1-p) (1 - (1-p)^10) / p person-days.
# East (1000, 0.001): 9.955, 990.045, 999, 9945.16; West (400, 0.0005): 1.996,
# 398.004, 399.8, 3989.02; both: 11.951, 1388.049, 1398.8, 13934.18; the camp
# (500, 0.002): 9.910, 490.090, 499, full all 10 days (400 places).
./campsim run tests/data/places-hand.cfg --deterministic -q -o $T/hand 2>>$T/err
want="site,East,deaths,10 site,East,final_stranded,990 site,East,peak_stranded,999
site,East,stranded_person_days,9945 site,West,deaths,2 site,West,final_stranded,398 site,West,peak_stranded,399.8
site,West,stranded_person_days,3989 sites,all,deaths,12 sites,all,final_stranded,1388 sites,all,peak_stranded,1398.8
sites,all,stranded_person_days,13934 camp,Camp,deaths,9.9 camp,Camp,final_population,490.1
camp,Camp,peak_population,499 camp,Camp,days_full,10 camps,all,days_full,10 site,East,admitted,0"
for w in $want; do
    check "by hand: $w" "cut -d, -f1-4 $T/hand/summary_places.csv | grep -qx '$w'"
done
check "by hand: running total of deaths on the last day" "grep -q '^9,2016-01-10,sites,all,.*,12\$' $T/hand/places.csv"

# Same bytes at -j 1 and -j 2 (MPI: tests/e2e_mpi.sh compares whole folders).
./campsim run $cfg -q -j 1 -o $T/j1 2>>$T/err
for f in places.csv places_ensemble.csv summary_places.csv; do
    check "$f: same bytes at -j 1 and -j 2" "cmp -s $T/j1/$f $T/stoch/$f"
done
# The report's table by place: each site, all sites, each camp, all camps; the
# hand case's deaths as summary_places.csv has them.
check "report: a row per site and camp" "grep -q '^| East | ' $T/stoch/report.md && grep -q '^| All sites | ' $T/stoch/report.md && grep -q '^| Zaatari | ' $T/stoch/report.md && grep -q '^| All camps | ' $T/stoch/report.md"
check "report: the hand case's sites" "grep -q '^| East | 0 | 0 | 10 | 0 |\$' $T/hand/report.md && grep -q '^| All sites | 0 | 0 | 12 | 0 |\$' $T/hand/report.md"
# compare: each policy's folder has the three files, of its own policy.
./campsim compare configs/jordan-2016-policies.cfg -r 4 -q -o $T/cmp 2>>$T/err
check "compare: every policy's folder has places.csv, places_ensemble.csv, summary_places.csv" \
    'n=0; for d in $T/cmp/*/; do for f in places.csv places_ensemble.csv summary_places.csv; do [ -s $d$f ] || n=$((n + 1)); done; done; [ $n -eq 0 ] && [ -d $T/cmp/status_quo ]'
check "compare: the policies' admissions differ by place as in their summary.csv" \
    '(for p in status_quo open_border; do a=$(grep "^sites,all,admitted," $T/cmp/$p/summary_places.csv | cut -d, -f4); b=$(grep "^total_admitted," $T/cmp/$p/summary.csv | cut -d, -f2); [ -n "$a" ] && [ "$a" = "$b" ] || exit 1; done) && [ "$(grep "^sites,all,admitted," $T/cmp/status_quo/summary_places.csv)" != "$(grep "^sites,all,admitted," $T/cmp/open_border/summary_places.csv)" ]'
# The contract's checker still passes, and the files begin with their header.
python3 tests/check-outputs $T/stoch >/dev/null; check "check-outputs passes" '[ $? -eq 0 ]'
check "places_ensemble.csv header" "head -1 $T/stoch/places_ensemble.csv | grep -q '^day,date,kind,place,arrivals_mean,arrivals_p05,'"
check "no errors" "[ ! -s $T/err ]"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
