# Waiting time from arrival at the border to admission: its distribution over
# every admitted person (left), and the mean wait of those admitted each day (right).
# gnuplot -c wait.gp ENSEMBLE_CSV OUT FORMAT WAITS_CSV
out = ARG2; fmt = ARGC >= 3 && ARG3 ne "" ? ARG3 : "png"
dir = ARG0; i = strlen(dir); while (i > 0 && dir[i:i] ne "/") { i = i - 1 }
load (i > 0 ? dir[1:i] : "")."common.gp"
set multiplot layout 1,2 title "Waiting time at the border, arrival to admission"
set xdata
set format x "%.0f"
set xlabel "days waited"
set ylabel "people admitted (per replicate)"
set title "Distribution"
set style fill solid 0.6 noborder
set yrange [0:*]
set lmargin 14
unset key
plot ARG4 using (column("wait_days")):(column("people")) with boxes lc rgb "#1f77b4"
set xdata time
set timefmt "%Y-%m-%d"
set format x "%b"
set xtics 2 * 30.44 * 86400
set xlabel ""
set ylabel "days"
set title "Mean wait of those admitted that day"
set key top left
# Days with nobody admitted have no wait: left out, not drawn as zero.
plot ARG1 using (timecolumn(2)):(column("admitted_mean") > 0 ? column("wait_mean_mean") : NaN) \
       with lines lw 3 lc rgb "#ff7f0e" title "mean over replicates"
unset multiplot
