#!/bin/sh
# The README's key and column tables are generated from the parameter and column
# tables: they must match what campsim prints now (run `make docs` to update).
if sh tests/readme.sh | cmp -s - README.md; then echo "1 passed, 0 failed"
else echo "FAIL README.md is out of date: run make docs"; sh tests/readme.sh | diff README.md - | head -20; echo "0 passed, 1 failed"; exit 1; fi
