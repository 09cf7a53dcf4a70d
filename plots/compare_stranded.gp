# People stranded under each policy: mean and uncertainty band on one chart.
# gnuplot -c compare_stranded.gp COMPARE_DIR OUT FORMAT BAND "POLICY1 POLICY2 ..."
policies = ARGC >= 5 ? ARG5 : ""
f(i) = sprintf("%s/%s/ensemble.csv", ARG1, word(policies, i))
out = ARG2; fmt = ARGC >= 3 && ARG3 ne "" ? ARG3 : "png"; band = ARGC >= 4 ? ARG4 : ""; timefile = f(1)
dir = ARG0; i = strlen(dir); while (i > 0 && dir[i:i] ne "/") { i = i - 1 }
load (i > 0 ? dir[1:i] : "")."common.gp"
colors = "#1f77b4 #ff7f0e #2ca02c #d62728 #9467bd #8c564b #e377c2 #7f7f7f"
pc(i) = word(colors, (i - 1) % 8 + 1)
top = 0
do for [i=1:words(policies)] {
  stats f(i) using (column("stranded_".bhi)) nooutput
  top = mx(top, STATS_max)
}
STATS_max = top
@yaxis
@dateaxis
set title "People stranded at the border, by policy".(has_band ? " (mean and ".band_label." of replicates)" : " (mean)")
set ylabel "people"
set key top left
more = ""
do for [i=1:words(policies)] {
  more = more.bandc(f(i), "stranded", pc(i), 0.12, "notitle").meanc(f(i), "stranded", pc(i), 3, 1, "title '".word(policies, i)."'")
}
plot @zero @more
