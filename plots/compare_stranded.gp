# People stranded under each policy: mean and 5-95% band on one chart.
# gnuplot -c compare_stranded.gp COMPARE_DIR OUT FORMAT "POLICY1 POLICY2 ..."
out = ARG2; fmt = ARGC >= 3 && ARG3 ne "" ? ARG3 : "png"
dir = ARG0; i = strlen(dir); while (i > 0 && dir[i:i] ne "/") { i = i - 1 }
load (i > 0 ? dir[1:i] : "")."common.gp"
policies = ARG4
f(i) = sprintf("%s/%s/ensemble.csv", ARG1, word(policies, i))
colors = "#1f77b4 #ff7f0e #2ca02c #d62728 #9467bd #8c564b #e377c2 #7f7f7f"
set title "People stranded at the border, by policy"
set ylabel "people"
set yrange [0:*]
set key top left
plot for [i=1:words(policies)] f(i) using (timecolumn(2)):(column("stranded_p05")):(column("stranded_p95")) \
       with filledcurves fc rgb word(colors, (i-1) % 8 + 1) fs transparent solid 0.12 noborder notitle, \
     for [i=1:words(policies)] f(i) using (timecolumn(2)):(column("stranded_mean")) \
       with lines lw 3 lc rgb word(colors, (i-1) % 8 + 1) title word(policies, i)
