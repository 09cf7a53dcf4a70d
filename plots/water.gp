# Water available per person per day at the border (mean and 5-95% band),
# against the emergency standard of 15 litres and the survival minimum of 7.
# gnuplot -c water.gp ENSEMBLE_CSV OUT FORMAT
out = ARG2; fmt = ARGC >= 3 && ARG3 ne "" ? ARG3 : "png"
dir = ARG0; i = strlen(dir); while (i > 0 && dir[i:i] ne "/") { i = i - 1 }
load (i > 0 ? dir[1:i] : "")."common.gp"
set title "Water at the border"
set ylabel "litres per person per day"
set yrange [0:*]
set key top right
plot ARG1 using (timecolumn(2)):(column("water_lpd_p05")):(column("water_lpd_p95")) \
       with filledcurves fc rgb "#1f77b4" fs transparent solid 0.2 noborder title "5-95% of replicates", \
     ARG1 using (timecolumn(2)):(column("water_lpd_mean")) with lines lw 3 lc rgb "#1f77b4" title "available (mean)", \
     15 with lines lw 2 dt 2 lc rgb "black" title "emergency standard, 15 L", \
     7 with lines lw 2 dt 3 lc rgb "#d62728" title "survival minimum, 7 L"
