# Running totals from the start: people who arrived at the border and who were
# admitted (left), deaths at the border and in the camps (right); the mean over
# replicates with its uncertainty band, from the rows of all sites and all camps
# of places_ensemble.csv (one row a day for each place: `every` picks a place).
# gnuplot -c cumulative.gp PLACES_ENSEMBLE_CSV OUT FORMAT BAND ROWS SITES_ROW CAMPS_ROW
# ROWS: rows a day; SITES_ROW, CAMPS_ROW: the row (from 0) of all sites, of all camps.
panels = 2; out = ARG2; fmt = ARGC >= 3 && ARG3 ne "" ? ARG3 : "png"; band = ARGC >= 4 ? ARG4 : ""; timefile = ARG1
dir = ARG0; i = strlen(dir); while (i > 0 && dir[i:i] ne "/") { i = i - 1 }
load (i > 0 ? dir[1:i] : "")."common.gp"
n = int(ARG5); rs = int(ARG6); rc = int(ARG7)
# A band or line of column c over the rows of place row r.
pband(c, r, rgb) = !has_band ? "" : sprintf(", '%s' every %d::%d using (timecolumn(2)):(column('%s_%s')):(column('%s_%s')) with filledcurves fc rgb '%s' fs transparent solid 0.15 noborder notitle", ARG1, n, r, c, blo, c, bhi, rgb)
pmean(c, r, rgb, t) = sprintf(", '%s' every %d::%d using (timecolumn(2)):(column('%s_mean')) with %s lw 2 lc rgb '%s' title '%s'", ARG1, n, r, c, L, rgb, t)
set multiplot layout 1,2 title "So far: running totals from the start (mean over replicates".(has_band ? ", with the ".band_label." band)" : ")")
stats ARG1 every n::rs using (column("cum_arrivals_".bhi)) nooutput
@yaxis
set ylabel "people"
set title "Arrived at the border, and admitted"
set key top left
@dateaxis
more = pband("cum_arrivals", rs, "#1f77b4").pmean("cum_arrivals", rs, "#1f77b4", "arrived") \
       .pband("cum_admitted", rs, "#2ca02c").pmean("cum_admitted", rs, "#2ca02c", "admitted")
plot @zero @more
unset xdata
set autoscale y   # the first panel's [0:1] (nobody arrived) would put every death out of range of stats
stats ARG1 every n::rs using (mx(column("cum_deaths_".bhi), 0)) nooutput
top = STATS_max
stats ARG1 every n::rc using (column("cum_deaths_".bhi)) nooutput
STATS_max = mx(top, STATS_max)
@yaxis
set title "Deaths"
set ylabel "deaths"
@dateaxis
more = pband("cum_deaths", rs, "#d62728").pmean("cum_deaths", rs, "#d62728", "at the border") \
       .pband("cum_deaths", rc, "#9467bd").pmean("cum_deaths", rc, "#9467bd", "in the camps")
plot @zero @more
unset multiplot
