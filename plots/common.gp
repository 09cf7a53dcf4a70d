# Shared look of campsim's charts: loaded by every chart script.
# The calling script sets out (the image file) and fmt: png (1200x700), svg or pdf.
if (fmt eq "svg") { set terminal svg size 1200,700 dynamic font "sans,14" background "white" } else {
  if (fmt eq "pdf") { set terminal pdfcairo size 12in,7in font "sans,12" } else {
    set terminal pngcairo size 1200,700 font "sans,14" } }
set termoption noenhanced   # names like peak_stranded are text, not subscripts
set output out
set datafile separator ","
set datafile commentschars "#"
set datafile columnheaders
set datafile missing ""
set xdata time
set timefmt "%Y-%m-%d"
set format x "%b\n%Y"
set xtics nomirror
set autoscale xfix
set offsets 0, 0, graph 0.05, 0
set ytics nomirror
set grid ytics lc rgb "#dddddd"
set border 3
set key top left opaque box lc rgb "#cccccc" samplen 2 spacing 1.1
set format y "%.0f"
set lmargin 12
set bmargin 4
