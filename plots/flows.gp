# Daily flows (ensemble means): people setting out, arriving at the border,
# admitted, and refused after screening.
# gnuplot -c flows.gp ENSEMBLE_CSV OUT FORMAT
out = ARG2; fmt = ARGC >= 3 && ARG3 ne "" ? ARG3 : "png"
dir = ARG0; i = strlen(dir); while (i > 0 && dir[i:i] ne "/") { i = i - 1 }
load (i > 0 ? dir[1:i] : "")."common.gp"
set title "Daily flows (mean over replicates)"
set ylabel "people per day"
set yrange [0:*]
set key top right
plot ARG1 using (timecolumn(2)):(column("set_out_mean")) with lines lw 2 lc rgb "#7f7f7f" title "set out", \
     ARG1 using (timecolumn(2)):(column("arrivals_mean")) with lines lw 2 lc rgb "#1f77b4" title "arrived at the border", \
     ARG1 using (timecolumn(2)):(column("admitted_mean")) with lines lw 3 lc rgb "#2ca02c" title "admitted", \
     ARG1 using (timecolumn(2)):(column("rejected_mean")) with lines lw 2 lc rgb "#d62728" title "refused after screening"
