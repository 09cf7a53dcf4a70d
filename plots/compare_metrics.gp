# Key metrics per policy: mean with its 5-95% interval over replicates, one
# panel a metric.
# gnuplot -c compare_metrics.gp COMPARISON_CSV OUT FORMAT "METRIC1 METRIC2 ..." "POLICY1 ..."
out = ARG2; fmt = ARGC >= 3 && ARG3 ne "" ? ARG3 : "png"
dir = ARG0; i = strlen(dir); while (i > 0 && dir[i:i] ne "/") { i = i - 1 }
load (i > 0 ? dir[1:i] : "")."common.gp"
metrics = ARG4
policies = ARG5
set xdata
set format x "%.0f"
set autoscale x
set offsets 0.5, 0.5, 0, 0
set multiplot layout 1, words(metrics) title "Key metrics by policy (mean and 5-95% of replicates)"
set xtics rotate by 30 right
set yrange [0:*]
set format y "%.0f"
set lmargin 10
unset key
pol(name) = sum [k=1:words(policies)] (word(policies, k) eq name ? k : 0)
do for [m=1:words(metrics)] {
  set title word(metrics, m)
  set xtics () 
  do for [k=1:words(policies)] { set xtics add (word(policies, k) k) }
  plot ARG1 using (strcol(2) eq word(metrics, m) ? pol(strcol(1)) : NaN):(column("mean")):(column("p05")):(column("p95")) \
       with yerrorbars pt 7 ps 1.5 lw 2 lc rgb "#1f77b4"
}
unset multiplot
