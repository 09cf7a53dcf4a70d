#!/bin/sh
# Old configs, old bytes: the runs of tests/golden/make.sh must give the files
# fingerprinted in tests/golden/sha256.txt (written before issue 23's new
# mechanisms). A config that asks for none of them must not see them.
T=tests/tmp/golden-now
passed=0; failed=0
sh tests/golden/make.sh ./campsim $T > $T.sha256 2>$T.err
while read -r sum file; do
    got=$(grep "  $file\$" $T.sha256 | cut -d' ' -f1)
    if [ "$got" = "$sum" ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL same bytes: $file"; fi
done < tests/golden/sha256.txt
[ -s $T.err ] && { failed=$((failed + 1)); echo "FAIL a run failed:"; cat $T.err; }
echo "$passed passed, $failed failed"
