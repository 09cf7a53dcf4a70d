# People stranded at the border, in all and at each site: the ensemble mean with
# its uncertainty band, and the observed counts (with their ranges) that the
# run's calibration.targets compare with these series.
# gnuplot -c stranded.gp ENSEMBLE_CSV OUT FORMAT BAND "SITE1 SITE2 ..." ["OBSERVED1.csv ..."]
# BAND is "p05 p95 5-95%" (see common.gp); each OBSERVED file has
# date,<title>,low,high (campsim plot writes them into charts/).
out = ARG2; fmt = ARGC >= 3 && ARG3 ne "" ? ARG3 : "png"; band = ARGC >= 4 ? ARG4 : ""; timefile = ARG1
dir = ARG0; i = strlen(dir); while (i > 0 && dir[i:i] ne "/") { i = i - 1 }
load (i > 0 ? dir[1:i] : "")."common.gp"
sites = ARGC >= 5 ? ARG5 : ""
obs = ARGC >= 6 ? ARG6 : ""
nsites = words(sites) > 1 ? words(sites) : 0   # one site is the total already
set title "People stranded at the border"
set ylabel "people"
@obs_count
stats ARG1 using (column("stranded_".bhi)) nooutput
@yaxis
@dateaxis
colors = "#ff7f0e #2ca02c #d62728 #9467bd #8c564b"
site_c(i) = word(colors, (i - 1) % 5 + 1)
more = bandc(ARG1, "stranded", "#1f77b4", 0.18, "title 'all sites, ".band_label." of replicates'") \
       .meanc(ARG1, "stranded", "#1f77b4", 3, 1, "title 'all sites, mean'")
do for [i=1:nsites] {
  more = more.bandc(ARG1, "stranded_".word(sites, i), site_c(i), 0.12, "notitle") \
         .meanc(ARG1, "stranded_".word(sites, i), site_c(i), 2, 2, "title '".word(sites, i).", mean'")
}
do for [k=1:words(obs)] {
  more = more.obs_plot(word(obs, k), k)
}
more = more.obs_keys(at_least, at_most)
plot @zero @more
