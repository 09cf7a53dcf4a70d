#!/bin/sh
# make fuzz SECONDS=N: builds the libFuzzer targets with clang (address and
# undefined-behaviour sanitizers) and runs each for N seconds on a corpus seeded
# from configs/ and tests/. Crashes are copied to tests/fuzz/regressions/.
set -e
secs=${1:-60}
runs=${2:--1}                       # stop after this many executions (-1: no limit)
only=${3:-}                         # one target (config, roundtrip, set, observed or results); all when empty
jobs=${4:-1}                        # more than 1: libFuzzer's fork mode, that many processes, one count
out=build/fuzz
fork=; [ "$jobs" -gt 1 ] && fork=-fork=$jobs
mkdir -p $out
# -O2, and (below) no allocation stacks kept: 1.6-1.9 times the executions per
# second of -O1 with them (fuzz_set, measured), errors found the same; a failing
# input is replayed by `make check`, with every stack, to see where it came from.
cflags="-g -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -DCAMPSIM_VERSION=\"fuzz\" -Iinclude -fsanitize=fuzzer,address,undefined $(pkg-config --cflags gsl libconfig)"
libs="$(pkg-config --libs gsl libconfig) -lm"
for target in tests/fuzz/fuzz_*.c; do
    name=$(basename $target .c)
    [ -z "$only" ] || [ "$name" = "fuzz_$only" ] || continue
    case $name in   # the readers and what they use, nothing else
        # the reader resolves priors (uncertainty.c), which reach into the model: the whole library
        fuzz_config|fuzz_roundtrip|fuzz_set) srcs="-fopenmp $(ls sim/*.c | grep -v sim/main.c)" ;;
        fuzz_observed) srcs="sim/observed.c sim/diag.c sim/dates.c" ;;
        fuzz_results) srcs="sim/results.c sim/diag.c sim/dates.c" ;;
    esac
    clang $cflags -o $out/$name $target $srcs $libs
    # Configs up to 16 KB, above every shipped one (13 KB): with 64 KB, the round
    # trip's inputs grew to 40 KB and more and its rate fell from 1,500 to 600 a
    # second. CSV files up to 64 KB (data/observations.csv is 29 KB).
    case $name in fuzz_observed|fuzz_results) maxlen=65536 ;; *) maxlen=16384 ;; esac
    corpus=$out/corpus-$name
    mkdir -p $corpus
    case $name in
        fuzz_config|fuzz_roundtrip) cp configs/*.cfg configs/examples/*.cfg tests/bad/*.cfg tests/data/*.cfg \
            tests/fuzz/regressions/config/* tests/fuzz/regressions/roundtrip/* $corpus/ 2>/dev/null || true ;;
        fuzz_set) cp tests/fuzz/regressions/set/* $corpus/ 2>/dev/null || true ;;
        fuzz_observed) cp data/*.csv tests/bad-observed/* tests/fuzz/regressions/observed/* $corpus/ 2>/dev/null || true ;;
        fuzz_results) cp tests/fuzz/seeds/results/* tests/fuzz/regressions/results/* $corpus/ 2>/dev/null || true ;;
    esac
    echo "== $name for $secs s"
    rm -rf $out/art-$name   # libFuzzer writes failing inputs here
    # Leak checks are off here: libconfig's own scanner leaks on many broken inputs
    # (tests/fuzz/lsan.supp), and checking each of those makes fuzzing 80 times
    # slower. The corpus is replayed with leak checks by `make SANITIZE=1 check`.
    if ! (cd $out && mkdir -p art-$name && ASAN_OPTIONS=malloc_context_size=0 LSAN_OPTIONS=suppressions=../../tests/fuzz/lsan.supp \
          ./$name -artifact_prefix=art-$name/ -detect_leaks=0 -max_total_time=$secs -runs=$runs $fork -print_final_stats=1 -max_len=$maxlen corpus-$name > $name.log 2>&1); then
        tail -40 $out/$name.log
        kept=0
        for c in $out/art-$name/*; do [ -e "$c" ] && cp "$c" tests/fuzz/regressions/${name#fuzz_}/ && kept=1; done
        # Interrupted (SIGINT) or out of time in libFuzzer itself: no input to keep.
        [ $kept = 1 ] && echo "$name: a failing input was kept in tests/fuzz/regressions/${name#fuzz_}/" ||
            echo "$name: stopped without a failing input (see $out/$name.log)"
        exit 1
    fi
    # Fork mode counts every process's executions, and says so at the end instead.
    grep -E "stat::number_of_executed_units|stat::average_exec_per_sec|INFO: fuzzed for|^#[0-9]+: cov" $out/$name.log | tail -n 3
done
