# Shared look of campsim's charts: loaded by every chart script.
# The calling script sets (load hides its ARGs from here) out (the image file),
# fmt (png 1200x700, svg or pdf), band (its ARG4: the uncertainty band "LOW HIGH
# LABEL", column suffixes and label, e.g. "p05 p95 5-95%", or "" when there are
# no quantiles to show) and timefile (a CSV with day,date columns for the date
# axis), or no_dates = 1 for a chart without one.
if (fmt eq "svg") { set terminal svg size 1200,700 dynamic font "sans,14" background "white" } else {
  if (fmt eq "pdf") { set terminal pdfcairo size 12in,7in font "sans,12" } else {
    set terminal pngcairo size 1200,700 font "sans,14" } }
set termoption noenhanced   # names like peak_stranded are text, not subscripts
set output out
set datafile separator ","
set datafile commentschars "#"   # provenance lines of older folders
set datafile columnheaders
set datafile missing ""
set ytics nomirror
set xtics nomirror
set grid ytics lc rgb "#dddddd"
set border 3
set key top left opaque box lc rgb "#cccccc" samplen 2 spacing 1.1
set format y "%.0f"
set lmargin 12
set bmargin 4
mx(a, b) = a > b ? a : b
# A rate per person is not drawn where fewer than min_people are there to give
# one: a death among 30 people is 333 per 10,000, a spike that says nothing.
min_people = 500
has_band = words(band) >= 3 ? 1 : 0
blo = has_band ? word(band, 1) : "mean"
bhi = has_band ? word(band, 2) : "mean"
band_label = has_band ? word(band, 3) : ""
# Count axes: up from 0; a chart of all zeros (nobody there) gets 0 to 1, not
# gnuplot's warning. Call as: stats ... (the largest value) nooutput; @yaxis
# (before @dateaxis).
yaxis = "if (STATS_max > 0) { set yrange [0:*]; set ytics autofreq; set format y '%.0f' } else { set yrange [0:1]; set ytics 0, 0.5 ; set format y '%.1f' }"

# Observed reports in the charts' files (date,<title>,low,high; campsim plot writes
# them): drawn with their ranges; a one-sided report ("over 5,000": its open end
# empty) as a triangle at its bound, pointing up for "at least", down for "at
# most", never as a point it is not. Call @obs_count (with obs, the files) before
# the script's own stats, then more.obs_plot(file, k) each, then more.obs_keys(at_least, at_most).
# The k-th file of a chart has its own point (circle, square, diamond, pentagon) so
# that two series' reports on one chart can be told apart.
obs_pt(k) = word("7 5 13 15", (k - 1) % 4 + 1)
obs_plot(f, k) = sprintf(", '%s' using (timecolumn(1)):2:3:4 with yerrorbars pt %s ps 1.2 lc rgb 'black' title columnheader(2)", f, obs_pt(k)) \
  .sprintf(", '%s' using (timecolumn(1)):(strcol(4) eq \"\" ? $2 : NaN) with points pt 9 ps 1.8 lc rgb 'black' notitle", f) \
  .sprintf(", '%s' using (timecolumn(1)):(strcol(3) eq \"\" ? $2 : NaN) with points pt 11 ps 1.8 lc rgb 'black' notitle", f)
obs_count = "at_least = 0; at_most = 0; do for [k=1:words(obs)] { stats word(obs, k) using (strcol(4) eq \"\" ? 1 : 0) nooutput; at_least = at_least + STATS_sum; stats word(obs, k) using (strcol(3) eq \"\" ? 1 : 0) nooutput; at_most = at_most + STATS_sum }"
obs_keys(up, down) = (up > 0 ? ", keyentry with points pt 9 ps 1.8 lc rgb 'black' title 'at least (a one-sided report)'" : "") \
  .(down > 0 ? ", keyentry with points pt 11 ps 1.8 lc rgb 'black' title 'at most (a one-sided report)'" : "")

# The date axis, ticked to suit the span: days for up to three weeks, weeks
# (day and month) up to twenty weeks, months up to two years, then quarters and
# years; the year is shown on the first tick and wherever it changes. A script
# of side-by-side panels sets panels (the number across) for fewer ticks.
if (!exists("no_dates")) {
  stats timefile using (timecolumn(2, "%Y-%m-%d")) nooutput
  t0 = STATS_min; t1 = STATS_max
  dayl = 86400
  narrow = exists("panels") ? panels : 1   # side-by-side panels: half as many ticks
  span = int((t1 - t0) / dayl + 0.5) + 1
  set xtics nomirror
  # Room at the top for the key (top left, opaque): without it a peak early in the
  # period (Idomeni in March 2016) and the reports there were hidden behind it.
  set offsets 0, 0, graph 0.25, 0
  xlo = span <= 1 ? t0 - dayl / 2 : t0
  xhi = span <= 1 ? t0 + dayl / 2 : t1
  tics = ""
  lasty = ""
  tic(t, f) = sprintf("%s\"%s%s\" %.0f", tics eq "" ? "" : ", ", strftime(f, t), strftime("%Y", t) ne lasty ? "\\n".strftime("%Y", t) : "", t)
  if (span <= 140 / narrow) {   # side-by-side panels: months sooner (their labels overlapped)
    step = (span <= 12 ? 1 : span <= 21 ? 2 : 7) * narrow
    do for [k = 0 : span - 1 : step] {
      t = t0 + k * dayl
      tics = tics.tic(t, "%d %b")
      lasty = strftime("%Y", t)
    }
  } else {
    months = span <= 731 ? (span > 240 ? narrow : 1) : span <= 2200 ? 3 * narrow : 12 * narrow
    # tm_year/tm_mon, not int(strftime(...)): gnuplot reads "08" and "09" as bad
    # octal, so a period starting in August or September drew no chart at all.
    y = int(tm_year(t0)); m = int(tm_mon(t0)) + 1
    t = t0
    while (t <= t1) {
      t = strptime("%Y-%m-%d", sprintf("%04d-%02d-01", y, m))
      if (t >= t0 && t <= t1 && (m - 1) % months == 0) {
        tics = tics.(months == 12 ? sprintf("%s\"%s\" %.0f", tics eq "" ? "" : ", ", strftime("%Y", t), t) : tic(t, "%b"))
        lasty = strftime("%Y", t)
      }
      m = m + 1
      if (m > 12) { m = 1; y = y + 1 }
    }
  }
  # gnuplot's stats refuse a time axis: a script's own stats come before @dateaxis.
  dateaxis = "set xdata time; set timefmt '%Y-%m-%d'; set xrange [xlo:xhi]; set xtics (".tics.")"
}
# One day gives one point: marks, since a line needs two.
L = !exists("span") ? "lines" : span <= 1 ? "linespoints pt 7 ps 1.5" : "lines"

# Optional plot elements are built as text and put in with @, each starting
# with a comma: gnuplot 5.4 runs the body of an empty plot-for once (a file
# named "" and a warning), so loops that may be empty cannot be used in plot.
# The first element of every plot is `zero`, an invisible line at 0 over the
# run's dates: it gives the axes their range when nothing else has a point (a
# chart of a run where nobody was admitted draws, empty, instead of failing).
if (exists("timefile")) zero = sprintf("'%s' using (timecolumn(2)):(0) with lines lc rgb '#ff000000' notitle", timefile)
# The band of column c of file f (",..." or "" without quantiles); of one day,
# a bar from its low to its high end (a filled band needs two days).
bandc(f, c, rgb, alpha, t) = !has_band ? "" : L eq "lines" ? \
  sprintf(", '%s' using (timecolumn(2)):(column('%s_%s')):(column('%s_%s')) with filledcurves fc rgb '%s' fs transparent solid %g noborder %s", f, c, blo, c, bhi, rgb, alpha, t) : \
  sprintf(", '%s' using (timecolumn(2)):(column('%s_%s')):(column('%s_%s')):(column('%s_%s')) with yerrorbars ps 0 lw 2 lc rgb '%s' %s", f, c, blo, c, blo, c, bhi, rgb, t)
# The mean of column c of file f as a line.
meanc(f, c, rgb, lw, dt, t) = sprintf(", '%s' using (timecolumn(2)):(column('%s_mean')) with %s lw %g dt %d lc rgb '%s' %s", f, c, L, lw, dt, rgb, t)
