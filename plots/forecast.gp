# A forecast made at a cut-off date (campsim forecast): the posterior
# predictive median with its 50% and 90% bands for one series, the reports it
# was fitted to (filled circles) and the held-out ones it is scored against
# (open squares), and a line at the cut-off.
# gnuplot -c forecast.gp FORECAST_CSV OUT FORMAT ENSEMBLE_CSV OBSERVED_CSV AS_OF SERIES
# FORECAST_CSV: date,series,mean,p01,...,p99 (forecast.csv); ENSEMBLE_CSV gives
# the date axis; OBSERVED_CSV: date,series,observed,low,high,held_out
# (forecast_observed.csv); AS_OF: YYYY-MM-DD.
out = ARG2; fmt = ARGC >= 3 && ARG3 ne "" ? ARG3 : "png"; band = ""; timefile = ARG4
dir = ARG0; i = strlen(dir); while (i > 0 && dir[i:i] ne "/") { i = i - 1 }
load (i > 0 ? dir[1:i] : "")."common.gp"
f = ARG1; obs = ARG5; as_of = ARG6; series = ARG7
set title sprintf("Forecast of %s made on %s", series, as_of)
set ylabel "people"
is(c) = strcol(2) eq series ? column(c) : NaN
# One-sided reports (an open end empty, common.gp): triangles, counted for the key.
stats obs using (strcol(2) eq series && strcol(5) eq "" ? 1 : 0) nooutput
at_least = STATS_sum
stats obs using (strcol(2) eq series && strcol(4) eq "" ? 1 : 0) nooutput
at_most = STATS_sum
stats f using (is("p95")) nooutput
top = STATS_max
@yaxis
@dateaxis
cut = strptime("%Y-%m-%d", as_of)
set arrow 1 from cut, graph 0 to cut, graph 1 nohead dt 2 lw 2 lc rgb "#555555"
set label 1 "cut-off ".as_of at cut, graph 0.04 left offset 0.5, 0 tc rgb "#555555"
ob(c) = strcol(2) eq series ? column(c) : NaN
keys = obs_keys(at_least, at_most)
plot @zero, \
  f using (timecolumn(1)):(is("p05")):(is("p95")) with filledcurves fc rgb "#1f77b4" fs transparent solid 0.18 noborder title "90% band", \
  f using (timecolumn(1)):(is("p25")):(is("p75")) with filledcurves fc rgb "#1f77b4" fs transparent solid 0.35 noborder title "50% band", \
  f using (timecolumn(1)):(is("p50")) with lines lw 3 lc rgb "#1f77b4" title "median", \
  obs using (timecolumn(1)):(column("held_out") == 0 ? ob("observed") : NaN):(ob("low")):(ob("high")) with yerrorbars pt 7 ps 1.3 lc rgb "black" title "fitted report", \
  obs using (timecolumn(1)):(column("held_out") == 1 ? ob("observed") : NaN):(ob("low")):(ob("high")) with yerrorbars pt 4 ps 1.8 lw 2 lc rgb "#d62728" title "held-out report", \
  obs using (timecolumn(1)):(column("held_out") == 0 && strcol(5) eq "" ? ob("observed") : NaN) with points pt 9 ps 1.8 lc rgb "black" notitle, \
  obs using (timecolumn(1)):(column("held_out") == 1 && strcol(5) eq "" ? ob("observed") : NaN) with points pt 8 ps 2 lw 2 lc rgb "#d62728" notitle, \
  obs using (timecolumn(1)):(column("held_out") == 0 && strcol(4) eq "" ? ob("observed") : NaN) with points pt 11 ps 1.8 lc rgb "black" notitle, \
  obs using (timecolumn(1)):(column("held_out") == 1 && strcol(4) eq "" ? ob("observed") : NaN) with points pt 10 ps 2 lw 2 lc rgb "#d62728" notitle \
  @keys
