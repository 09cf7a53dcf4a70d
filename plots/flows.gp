# Daily flows: people setting out, arriving at the border, admitted, and
# refused after screening; the mean over replicates with its uncertainty band.
# gnuplot -c flows.gp ENSEMBLE_CSV OUT FORMAT BAND
out = ARG2; fmt = ARGC >= 3 && ARG3 ne "" ? ARG3 : "png"; band = ARGC >= 4 ? ARG4 : ""; timefile = ARG1
dir = ARG0; i = strlen(dir); while (i > 0 && dir[i:i] ne "/") { i = i - 1 }
load (i > 0 ? dir[1:i] : "")."common.gp"
set title "Daily flows (mean over replicates".(has_band ? ", with the ".band_label." band)" : ")")
set ylabel "people per day"
stats ARG1 using (mx(mx(column("set_out_".bhi), column("arrivals_".bhi)), mx(column("admitted_".bhi), column("rejected_".bhi)))) nooutput
@yaxis
@dateaxis
set key top right
more = ""
names = "set_out arrivals admitted rejected"
tt(k) = k == 1 ? "set out" : k == 2 ? "arrived at the border" : k == 3 ? "admitted" : "refused after screening"
colors = "#7f7f7f #1f77b4 #2ca02c #d62728"
do for [k=1:4] {
  more = more.bandc(ARG1, word(names, k), word(colors, k), 0.15, "notitle") \
         .meanc(ARG1, word(names, k), word(colors, k), k == 3 ? 3 : 2, 1, "title '".tt(k)."'")
}
plot @zero @more
