# Key metrics per policy: the mean with its uncertainty interval over
# replicates, one panel a metric, each on its own scale; the policies are rows,
# their names written out in full on the left.
# gnuplot -c compare_metrics.gp COMPARISON_CSV OUT FORMAT BAND "METRIC1 METRIC2 ..." "POLICY1 ..."
# BAND names comparison.csv's interval columns ("p05 p95 5-95%").
out = ARG2; fmt = ARGC >= 3 && ARG3 ne "" ? ARG3 : "png"; band = ARGC >= 4 ? ARG4 : ""; no_dates = 1
dir = ARG0; i = strlen(dir); while (i > 0 && dir[i:i] ne "/") { i = i - 1 }
load (i > 0 ? dir[1:i] : "")."common.gp"
metrics = ARGC >= 5 ? ARG5 : ""
policies = ARGC >= 6 ? ARG6 : ""
np = words(policies)
nm = words(metrics)
label(m) = m eq "peak_stranded" ? "Most people stranded on one day" : \
           m eq "border_deaths" ? "Deaths at the border" : \
           m eq "mean_wait_days" ? "Mean wait at the border (days)" : \
           m eq "final_camp_population" ? "People in the camps at the end" : m
pol(name) = sum [k=1:np] (word(policies, k) eq name ? k : 0)
array top[nm]
do for [m=1:nm] {
  stats ARG1 using (strcol(2) eq word(metrics, m) ? column(bhi) : 0) nooutput
  top[m] = STATS_max
}
rows = nm <= 2 ? 1 : 2
set multiplot layout rows, (nm + rows - 1) / rows title "Key metrics by policy".(has_band ? " (mean and ".band_label." of replicates)" : " (mean)")
unset key
unset lmargin
set grid xtics lc rgb "#dddddd"
unset grid
set grid xtics lc rgb "#dddddd"
set border 3
set ytics nomirror
set xtics nomirror
set offsets 0, 0, 0, 0
set yrange [np + 0.6 : 0.4]
set ytics ()
do for [k=1:np] { set ytics add (word(policies, k) k) }
do for [m=1:nm] {
  set title label(word(metrics, m))
  hi = top[m] > 0 ? top[m] * 1.08 : 1
  set xrange [0 : hi]
  # Three to six ticks a panel, 1, 2 or 5 times a power of ten; from 10,000 up in
  # thousands (k) or millions (M), so that the labels never run together.
  e = 10 ** floor(log10(hi / 3)); r = hi / 3 / e
  step = (r < 1.5 ? 1 : r < 3.5 ? 2 : r < 7.5 ? 5 : 10) * e
  unit = 1000 ** floor(log10(step) / 3)
  whole = abs(step / unit - floor(step / unit + 0.5)) < 1e-9
  set xtics 0, step
  set format x hi >= 10000 ? (whole ? "%.0s%c" : "%.1s%c") : step >= 1 ? "%.0f" : step >= 0.1 ? "%.1f" : "%.2f"
  plot ARG1 using (strcol(2) eq word(metrics, m) ? column("mean") : NaN):(strcol(2) eq word(metrics, m) ? pol(strcol(1)) : NaN): \
       (strcol(2) eq word(metrics, m) ? column(blo) : NaN):(strcol(2) eq word(metrics, m) ? column(bhi) : NaN) \
       with xerrorbars pt 7 ps 1.5 lw 2 lc rgb "#1f77b4"
}
unset multiplot
