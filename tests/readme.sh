#!/bin/sh
# Prints FILE (a page of docs/) with the generated sections (between <!-- NAME:begin -->
# and <!-- NAME:end -->) made anew from ./campsim: the key table and the column table.
# `make docs` writes them back; tests/e2e_docs.sh checks the pages are up to date.
file=${1:?usage: tests/readme.sh FILE}
keys=$(mktemp); cols=$(mktemp)
./campsim --help-keys > "$keys" && ./campsim --help-columns > "$cols" || exit 1
awk -v keys="$keys" -v cols="$cols" '
    /<!-- keys:end -->/ || /<!-- columns:end -->/ { skip = 0 }
    !skip { print }
    /<!-- keys:begin -->/ { while ((getline l < keys) > 0) print l; skip = 1 }
    /<!-- columns:begin -->/ { while ((getline l < cols) > 0) print l; skip = 1 }
' "$file"
rm -f "$keys" "$cols"
