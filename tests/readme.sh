#!/bin/sh
# Prints README.md with the generated sections (between <!-- NAME:begin --> and
# <!-- NAME:end -->) made anew from ./campsim: the key table and the column table.
# `make docs` writes it back; tests/e2e_docs.sh checks the README is up to date.
keys=$(mktemp); cols=$(mktemp)
./campsim --help-keys > "$keys" && ./campsim --help-columns > "$cols" || exit 1
awk -v keys="$keys" -v cols="$cols" '
    /<!-- keys:end -->/ || /<!-- columns:end -->/ { skip = 0 }
    !skip { print }
    /<!-- keys:begin -->/ { while ((getline l < keys) > 0) print l; skip = 1 }
    /<!-- columns:begin -->/ { while ((getline l < cols) > 0) print l; skip = 1 }
' README.md
rm -f "$keys" "$cols"
