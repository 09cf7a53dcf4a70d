# Deaths at the border as a crude mortality rate (per 10,000 people per day),
# against the emergency alarm threshold of 1 (UNHCR, data/standards.md).
# gnuplot -c deaths.gp ENSEMBLE_CSV OUT FORMAT
out = ARG2; fmt = ARGC >= 3 && ARG3 ne "" ? ARG3 : "png"
dir = ARG0; i = strlen(dir); while (i > 0 && dir[i:i] ne "/") { i = i - 1 }
load (i > 0 ? dir[1:i] : "")."common.gp"
set title "Deaths at the border"
set ylabel "deaths per 10,000 people per day"
set format y "%.2f"
set yrange [0:*]
set key top left
cmr(d, n) = n > 0 ? 10000.0 * d / n : NaN
plot ARG1 using (timecolumn(2)):(cmr(column("border_deaths_mean"), column("stranded_mean"))) \
       with lines lw 2 lc rgb "#d62728" title "crude mortality rate (mean deaths / mean stranded)", \
     1 with lines lw 2 dt 2 lc rgb "black" title "alarm threshold: 1 per 10,000 per day"
