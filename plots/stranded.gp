# People stranded at the border, in all and at each site: the ensemble mean with
# its 5-95% band, and observed counts with their ranges.
# gnuplot -c stranded.gp ENSEMBLE_CSV OUT FORMAT "SITE1 SITE2 ..." [OBSERVED_CSV]
# OBSERVED_CSV has date,value,low,high (made by campsim plot --observed).
out = ARG2; fmt = ARGC >= 3 && ARG3 ne "" ? ARG3 : "png"
dir = ARG0; i = strlen(dir); while (i > 0 && dir[i:i] ne "/") { i = i - 1 }
load (i > 0 ? dir[1:i] : "")."common.gp"
sites = ARG4
obs = (ARGC >= 5) ? ARG5 : ""
set title "People stranded at the border"
set ylabel "people"
set yrange [0:*]
observed = obs ne "" ? sprintf(", '%s' using (timecolumn(1)):2:3:4 with yerrorbars pt 7 ps 1.2 lc rgb 'black' title 'observed (with range)'", obs) : ""
colors = "#1f77b4 #ff7f0e #2ca02c #d62728 #9467bd"
plot ARG1 using (timecolumn(2)):(column("stranded_p05")):(column("stranded_p95")) \
       with filledcurves fc rgb "#1f77b4" fs transparent solid 0.18 noborder title "all sites, 5-95% of replicates", \
     ARG1 using (timecolumn(2)):(column("stranded_mean")) with lines lw 3 lc rgb "#1f77b4" title "all sites, mean", \
     for [i=1:words(sites)] ARG1 using (timecolumn(2)):(column("stranded_".word(sites,i)."_mean")) \
       with lines lw 2 dt 2 lc rgb word(colors, i % 5 + 1) title word(sites,i).", mean" @observed
