"""The books of result folders (tests/e2e_review.sh): series.csv's people in the
system (in transit, stranded, in screening, in camps) change each day by what
came in (set out, births) less what went out (lost, deaths, leavers, rejected,
relocated out); each row of places.csv balances (docs/outputs.md); no number is
NaN, infinite or negative (but places.csv's moved). Deterministic runs round to
0.1, so a day's books may be off by half a person from the rounding alone.
Usage: python3 tests/books.py DIR...; prints OK 0 or each fault and BAD n."""
import csv, sys, math
def rows(p):
    with open(p) as f: return list(csv.DictReader(f))
def num(v):
    return float(v) if v not in ('', None) else 0.0
bad = 0
TOL = 0.55
for d in sys.argv[1:]:
    s = rows(d + '/series.csv')
    # relocated_out leaves the system; border_left may count it too (the series.csv
    # contract says so from issue 23's merge on): the books must balance all days
    # one way or the other.
    faults = {0: [], 1: []}
    for both in (0, 1):
        prev = None
        for r in s:
            tot = sum(num(r[k]) for k in ('in_transit','stranded','screening','camp_population'))
            out = ('transit_lost','border_deaths','border_left','rejected','camp_deaths','camp_left') + (('relocated_out',) if both else ())
            flow = num(r['set_out']) + num(r['border_births']) + num(r['camp_births']) - sum(num(r.get(k)) for k in out)
            if prev is not None and abs(tot - prev - flow) > 1e-6 * max(1, tot) + TOL:
                faults[both].append('%s series day %s: total %g, the day before %g, flows %g' % (d, r['day'], tot, prev, flow))
            prev = tot
    if faults[0] and faults[1]:
        for f in faults[1][:5]: print(f)
        bad += len(faults[1])
    for r in s:
        for k, v in r.items():
            if k == 'date' or v == '': continue
            x = float(v)
            if math.isnan(x) or math.isinf(x) or x < -1e-9:
                print(d, 'day', r['day'], k, v); bad += 1
    try: p = rows(d + '/places.csv')
    except FileNotFoundError: continue
    last = {}
    for r in p:
        for k, v in r.items():
            if k in ('date','kind','place') or v == '': continue
            x = float(v)
            if math.isnan(x) or math.isinf(x) or (x < -1e-9 and k != 'moved'):
                print(d, 'places day', r['day'], r['place'], k, v); bad += 1
        key = (r['kind'], r['place'])
        if key in last:
            if r['kind'].startswith('site'):
                fl = num(r['arrivals']) + num(r['returned']) + num(r['births']) - num(r['deaths']) - num(r['left']) - num(r['admitted']) + num(r['moved'])
            else:
                fl = num(r['entries']) + num(r['births']) - num(r['deaths']) - num(r['left']) - num(r['returned']) + num(r['moved'])
            dd = num(r['people']) - last[key]
            if abs(dd - fl) > 1e-6 * max(1, num(r['people'])) + TOL:
                print(d, 'places day', r['day'], key, 'change', dd, 'flows', fl); bad += 1
        last[key] = num(r['people'])
print('BAD' if bad else 'OK', bad)
