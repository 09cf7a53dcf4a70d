# Camp population (mean and 5-95% band) against its capacity, which steps up on
# the dates of expansions.
# gnuplot -c camps.gp ENSEMBLE_CSV OUT FORMAT "CAMP1 CAMP2 ..." [OBSERVED_CSV]
out = ARG2; fmt = ARGC >= 3 && ARG3 ne "" ? ARG3 : "png"
dir = ARG0; i = strlen(dir); while (i > 0 && dir[i:i] ne "/") { i = i - 1 }
load (i > 0 ? dir[1:i] : "")."common.gp"
camps = ARG4
obs = (ARGC >= 5) ? ARG5 : ""
observed = obs ne "" ? sprintf(", '%s' using (timecolumn(1)):2:3:4 with yerrorbars pt 7 ps 1.2 lc rgb 'black' title 'observed in camp'", obs) : ""
set title "Camp population and capacity"
set ylabel "people"
set yrange [0:*]
set key bottom right
colors = "#2ca02c #9467bd #8c564b #e377c2 #17becf"
plot for [i=1:words(camps)] ARG1 using (timecolumn(2)):(column("camp_".word(camps,i)."_p05")):(column("camp_".word(camps,i)."_p95")) \
       with filledcurves fc rgb word(colors, (i-1) % 5 + 1) fs transparent solid 0.2 noborder title word(camps,i).", 5-95%", \
     for [i=1:words(camps)] ARG1 using (timecolumn(2)):(column("camp_".word(camps,i)."_mean")) \
       with lines lw 3 lc rgb word(colors, (i-1) % 5 + 1) title word(camps,i).", population (mean)", \
     for [i=1:words(camps)] ARG1 using (timecolumn(2)):(column("capacity_".word(camps,i)."_mean")) \
       with steps lw 2 dt 2 lc rgb word(colors, (i-1) % 5 + 1) title word(camps,i).", capacity" @observed
