# Camp population (mean and uncertainty band) against its capacity, which steps
# up on the dates of expansions, and the observed counts the run's
# calibration.targets compare with a camp's population.
# gnuplot -c camps.gp ENSEMBLE_CSV OUT FORMAT BAND "CAMP1 CAMP2 ..." ["OBSERVED1.csv ..."]
out = ARG2; fmt = ARGC >= 3 && ARG3 ne "" ? ARG3 : "png"; band = ARGC >= 4 ? ARG4 : ""; timefile = ARG1
dir = ARG0; i = strlen(dir); while (i > 0 && dir[i:i] ne "/") { i = i - 1 }
load (i > 0 ? dir[1:i] : "")."common.gp"
camps = ARGC >= 5 ? ARG5 : ""
obs = ARGC >= 6 ? ARG6 : ""
set title "Camp population and capacity"
set ylabel "people"
top = "0"
do for [i=1:words(camps)] { top = sprintf("mx(%s, mx(column('camp_%s_%s'), column('capacity_%s_mean')))", top, word(camps, i), bhi, word(camps, i)) }
# Several camps: their total too (a target may compare reports with camp_population,
# which no single camp's line shows), and the key below the plot (it is long).
if (words(camps) > 1) { top = sprintf("mx(%s, column('camp_population_%s'))", top, bhi) }
@obs_count
stats ARG1 using (@top) nooutput
@yaxis
@dateaxis
set key top left
if (words(camps) > 1) { set key below horizontal maxcols 2 width -6 font ",12"; unset bmargin; set offsets 0, 0, graph 0.05, 0 }
colors = "#2ca02c #9467bd #8c564b #e377c2 #17becf"
camp_c(i) = word(colors, (i - 1) % 5 + 1)
more = ""
if (words(camps) > 1) {
  more = bandc(ARG1, "camp_population", "#1f77b4", 0.15, "title 'all camps, ".band_label." of replicates'") \
         .meanc(ARG1, "camp_population", "#1f77b4", 3, 1, "title 'all camps, population (mean)'")
}
do for [i=1:words(camps)] {
  c = word(camps, i)
  more = more.bandc(ARG1, "camp_".c, camp_c(i), 0.2, "title '".c.", ".band_label." of replicates'") \
         .meanc(ARG1, "camp_".c, camp_c(i), 3, 1, "title '".c.", population (mean)'") \
         .sprintf(", '%s' using (timecolumn(2)):(column('capacity_%s_mean')) with steps lw 2 dt 2 lc rgb '%s' title '%s, capacity'", ARG1, c, camp_c(i), c)
}
do for [k=1:words(obs)] {
  more = more.obs_plot(word(obs, k), k)
}
more = more.obs_keys(at_least, at_most)
plot @zero @more
