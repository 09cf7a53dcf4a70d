# What drives the results of a sweep: Sobol first-order (S1) and total (ST)
# indices of each varied parameter, with their 95% bootstrap intervals, one
# panel a metric. S1 is the share of the metric's variance a parameter explains
# alone; ST adds its interactions. A parameter whose ST is near 0 does not matter.
# gnuplot -c sensitivity.gp SENSITIVITY_CSV OUT FORMAT "METRIC1 METRIC2 ..." "PARAM1 PARAM2 ..."
out = ARG2; fmt = ARGC >= 3 && ARG3 ne "" ? ARG3 : "png"; band = ""; no_dates = 1
dir = ARG0; i = strlen(dir); while (i > 0 && dir[i:i] ne "/") { i = i - 1 }
load (i > 0 ? dir[1:i] : "")."common.gp"
metrics = ARG4
params = ARG5
set xdata
set format x "%.0f"
set xrange [0.5:words(params) + 0.5]
set offsets 0, 0, 0, 0
set yrange [-0.05:1.05]
set format y "%.1f"
set ytics 0.2
set xtics rotate by 30 right font ",11"
set key top right opaque box
# Fixed margins: the rotated parameter names need room below every panel.
set multiplot layout 1, words(metrics) margins 0.10, 0.98, 0.30, 0.86 spacing 0.05 \
    title "Sobol sensitivity indices (first order S1, total ST; bars: 95% bootstrap intervals)"
par(name) = sum [k=1:words(params)] (word(params, k) eq name ? k : 0)
do for [m=1:words(metrics)] {
  set title word(metrics, m)
  set xtics ()
  do for [k=1:words(params)] { set xtics add (word(params, k) k) }
  plot ARG1 using (strcol(1) eq word(metrics, m) ? par(strcol(2)) - 0.12 : NaN):(column("S1")):(column("S1_lo")):(column("S1_hi")) \
         with yerrorbars pt 7 ps 1.3 lw 2 lc rgb "#1f77b4" title "S1", \
       '' using (strcol(1) eq word(metrics, m) ? par(strcol(2)) + 0.12 : NaN):(column("ST")):(column("ST_lo")):(column("ST_hi")) \
         with yerrorbars pt 5 ps 1.3 lw 2 lc rgb "#d62728" title "ST"
  unset key
}
unset multiplot
