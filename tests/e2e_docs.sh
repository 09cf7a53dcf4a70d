#!/bin/sh
# The key and column tables of docs/ are generated from the parameter and column
# tables (./campsim --help-keys, --help-columns): each page must match what they give.
pass=0; fail=0
for f in docs/configuration.md docs/outputs.md; do
    if sh tests/readme.sh "$f" | cmp -s - "$f"; then pass=$((pass + 1))
    else echo "FAIL $f is out of date: run make docs"; sh tests/readme.sh "$f" | diff "$f" - | head -20
         fail=$((fail + 1)); fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
