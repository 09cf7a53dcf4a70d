# Water available per person per day (mean and uncertainty band) at the border
# and in each camp, against the scenario's standards (15 and 20 litres by default)
# and the minimum it counts days below: one panel a place. Not drawn where fewer than
# min_people (common.gp) are there: litres per person of a handful of people
# are a spike, not a ration.
# gnuplot -c water.gp ENSEMBLE_CSV OUT FORMAT BAND "CAMP1 CAMP2 ..."
# ARG6-8: the scenario's water standards at the border and in the camps, and the
# minimum days_below_water_minimum counts at the border (litres per person a day).
std_border = ARGC >= 6 ? real(ARG6) : 15; std_camp = ARGC >= 7 ? real(ARG7) : 20; minimum = ARGC >= 8 ? real(ARG8) : 15
camps = ARGC >= 5 ? ARG5 : ""; n = 1 + words(camps); rows = n <= 3 ? 1 : 2; panels = (n + rows - 1) / rows
out = ARG2; fmt = ARGC >= 3 && ARG3 ne "" ? ARG3 : "png"; band = ARGC >= 4 ? ARG4 : ""; timefile = ARG1
dir = ARG0; i = strlen(dir); while (i > 0 && dir[i:i] ne "/") { i = i - 1 }
load (i > 0 ? dir[1:i] : "")."common.gp"
wcol(p) = p == 1 ? "water_lpd" : "water_lpd_".word(camps, p - 1)
ncol(p) = p == 1 ? "stranded_mean" : "camp_".word(camps, p - 1)."_mean"
pname(p) = p == 1 ? "At the border (all sites)" : "In camp ".word(camps, p - 1)
ok(n) = n >= min_people
set ylabel "litres per person per day"
set key top right
array top[n]
array drawn[n]
do for [p=1:n] {   # gnuplot's stats refuse a time axis: all of them first
  stats ARG1 using (ok(column(ncol(p))) ? column(wcol(p)."_".bhi) : 0) nooutput
  top[p] = STATS_max
  stats ARG1 using (ok(column(ncol(p)))) nooutput
  drawn[p] = STATS_max > 0
}
@dateaxis
set multiplot layout rows, panels title sprintf("Water per person per day (not drawn below %d people)", min_people)
do for [p=1:n] {
  set yrange [0 : mx(top[p] * 1.1, 20)]
  set title pname(p)
  more = ""
  if (drawn[p] && has_band) {
    more = sprintf(", '%s' using (timecolumn(2)):(ok(column('%s')) ? column('%s_%s') : NaN):(ok(column('%s')) ? column('%s_%s') : NaN) with filledcurves fc rgb '#1f77b4' fs transparent solid 0.2 noborder title '%s of replicates'", ARG1, ncol(p), wcol(p), blo, ncol(p), wcol(p), bhi, band_label)
  }
  if (drawn[p]) {
    more = more.sprintf(", '%s' using (timecolumn(2)):(ok(column('%s')) ? column('%s_mean') : NaN) with %s lw 3 lc rgb '#1f77b4' title 'available (mean)'", ARG1, ncol(p), wcol(p), L)
    unset label 1
  } else {
    set label 1 sprintf("fewer than %d people throughout", min_people) at graph 0.5, 0.5 center
  }
  # eval, not @: a macro in a loop is expanded once, before the loop runs
  std = p == 1 ? std_border : std_camp
  if (p > 1) {   # the key is drawn once: the camps' standard is named on its line
    set label 2 sprintf("standard, %g L", std) at graph 0.02, first std left offset 0, 0.7
  } else {
    unset label 2
  }
  lines = sprintf(", %g with lines lw 2 dt 2 lc rgb 'black' title 'standard, %g L'", std, std)
  if (p == 1 && minimum != std) {
    lines = lines.sprintf(", %g with lines lw 2 dt 3 lc rgb '#d62728' title 'minimum counted, %g L'", minimum, minimum)
  }
  eval "plot ".zero.more.lines
  unset key
}
unset multiplot
