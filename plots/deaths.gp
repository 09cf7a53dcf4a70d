# Deaths at the border and in the camps as a crude mortality rate (per 10,000
# people per day), against the emergency alarm threshold of 1 (UNHCR,
# data/standards.md). Mean deaths over mean population; the band is the band of
# daily deaths over the mean population. Not drawn where fewer than min_people
# (common.gp) are there: too few people give no rate, only spikes.
# gnuplot -c deaths.gp ENSEMBLE_CSV OUT FORMAT BAND
out = ARG2; fmt = ARGC >= 3 && ARG3 ne "" ? ARG3 : "png"; band = ARGC >= 4 ? ARG4 : ""; timefile = ARG1
dir = ARG0; i = strlen(dir); while (i > 0 && dir[i:i] ne "/") { i = i - 1 }
load (i > 0 ? dir[1:i] : "")."common.gp"
set title sprintf("Crude mortality rate (not drawn below %d people)", min_people)
set ylabel "deaths per 10,000 people per day"
set format y "%.2f"
ok(n) = n >= min_people
rate(d, n) = ok(n) ? 10000.0 * d / n : NaN
zr(d, n) = ok(n) ? 10000.0 * d / n : 0
stats ARG1 using (mx(zr(column("border_deaths_".bhi), column("stranded_mean")), zr(column("camp_deaths_".bhi), column("camp_population_mean")))) nooutput
top = STATS_max
stats ARG1 using (ok(column("stranded_mean"))) nooutput
border_ok = STATS_max > 0
stats ARG1 using (ok(column("camp_population_mean"))) nooutput
camps_ok = STATS_max > 0
set yrange [0 : mx(top * 1.1, 1.5)]
@dateaxis
set key top left
more = ""
places = "border camp"
dcol(p) = p == 1 ? "border_deaths" : "camp_deaths"
ncol(p) = p == 1 ? "stranded_mean" : "camp_population_mean"
pname(p) = p == 1 ? "at the border" : "in the camps"
pc(p) = p == 1 ? "#d62728" : "#2ca02c"
do for [p=1:2] {
  if ((p == 1 && border_ok) || (p == 2 && camps_ok)) {
    if (has_band) {
      more = more.sprintf(", '%s' using (timecolumn(2)):(rate(column('%s_%s'), column('%s'))):(rate(column('%s_%s'), column('%s'))) with filledcurves fc rgb '%s' fs transparent solid 0.1 noborder title '%s of daily deaths, %s'", ARG1, dcol(p), blo, ncol(p), dcol(p), bhi, ncol(p), pc(p), band_label, pname(p))
    }
    more = more.sprintf(", '%s' using (timecolumn(2)):(rate(column('%s_mean'), column('%s'))) with %s lw 2 lc rgb '%s' title '%s'", ARG1, dcol(p), ncol(p), L, pc(p), pname(p))
  }
}
if (!border_ok && !camps_ok) { set label 1 sprintf("fewer than %d people throughout: no rate to draw", min_people) at graph 0.5, 0.6 center }
plot @zero @more, 1 with lines lw 2 dt 2 lc rgb "black" title "alarm threshold: 1 per 10,000 per day"
