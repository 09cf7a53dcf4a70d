# Waiting time from arrival at the border to admission: its distribution over
# every admitted person (left), and the mean wait of those admitted each day,
# with its uncertainty band over replicates (right).
# gnuplot -c wait.gp ENSEMBLE_CSV OUT FORMAT BAND WAITS_CSV
panels = 2; out = ARG2; fmt = ARGC >= 3 && ARG3 ne "" ? ARG3 : "png"; band = ARGC >= 4 ? ARG4 : ""; timefile = ARG1
dir = ARG0; i = strlen(dir); while (i > 0 && dir[i:i] ne "/") { i = i - 1 }
load (i > 0 ? dir[1:i] : "")."common.gp"
waits = ARGC >= 5 ? ARG5 : "waits.csv"
stats ARG1 using (column("admitted_mean")) nooutput
admitted = STATS_max > 0
stats waits using (column("wait_days")) nooutput
longest = STATS_max
stats waits using (column("people")) nooutput
most = STATS_max
set multiplot layout 1,2 title "Waiting time at the border, arrival to admission"
set xlabel "days waited"
set ylabel "people admitted (per replicate)"
set title "Distribution"
set style fill solid 0.6 noborder
set xrange [-0.5 : mx(longest, 1) + 0.5]
set format x "%.0f"
if (longest < 10) { set xtics 0, 1 nomirror } else { set xtics autofreq nomirror }
STATS_max = most
@yaxis
set lmargin 14
unset key
if (!admitted) { set label 1 "nobody was admitted" at graph 0.5, 0.5 center }
plot waits using (column("wait_days")):(column("people")) with boxes lc rgb "#1f77b4"
unset label 1
# Days with nobody admitted have no wait: left out, not drawn as zero; the band
# only where the lower end of the band of admissions is above zero.
stats ARG1 using (column("admitted_mean") > 0 ? column("wait_mean_".bhi) : 0) nooutput
@yaxis
set xlabel ""
set ylabel "days"
set title "Mean wait of those admitted that day"
set key top left
@dateaxis
more = ""
if (admitted && has_band) {
  more = sprintf(", '%s' using (timecolumn(2)):(column('admitted_%s') > 0 ? column('wait_mean_%s') : NaN):(column('admitted_%s') > 0 ? column('wait_mean_%s') : NaN) with filledcurves fc rgb '#ff7f0e' fs transparent solid 0.2 noborder title '%s of replicates'", ARG1, blo, blo, blo, bhi, band_label)
}
if (admitted) {
  more = more.sprintf(", '%s' using (timecolumn(2)):(column('admitted_mean') > 0 ? column('wait_mean_mean') : NaN) with %s lw 3 lc rgb '#ff7f0e' title 'mean over replicates'", ARG1, L)
} else {
  set label 2 "nobody was admitted" at graph 0.5, 0.5 center
  unset key
}
plot @zero @more
unset multiplot
