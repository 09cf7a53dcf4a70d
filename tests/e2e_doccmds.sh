#!/bin/sh
# The commands that README.md and docs/*.md show must still be commands: for each
# one (a line of a ``` block that starts with ./campsim, with its \ continuations,
# or an inline `./campsim ...`), every file it names exists and its CONFIG with its
# --set overrides passes `campsim check`; and every `--set` example line of
# docs/configuration.md is accepted on the reference config. Cheap (no simulating):
# the runs themselves were checked by hand (see docs/testing.md).
T=tests/tmp/doccmds; rm -rf $T; mkdir -p $T
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }

# Fenced blocks, line by line.
awk '
    FNR == 1 { inblock = 0; cont = 0 }
    /^```/ { inblock = !inblock; next }
    !inblock { next }
    cont { sub(/^ +/, " "); line = line $0
           if (line ~ /\\$/) { sub(/\\$/, "", line); next }
           cont = 0; emit(); next }
    /^ *\.\/campsim / { line = $0; sub(/^ +/, "", line)
                        if (line ~ /\\$/) { cont = 1; sub(/\\$/, "", line); next }
                        emit() }
    function emit() { sub(/ +#.*/, "", line); print FILENAME "\t" line }
' README.md docs/*.md > $T/cmds
# Inline spans, which may run over a line break: paragraph by paragraph.
awk 'BEGIN { RS = "" } {
    s = $0; gsub(/\n */, " ", s)
    while (match(s, /`\.\/campsim [^`]*`/)) {
        print FILENAME "\t" substr(s, RSTART + 1, RLENGTH - 2); s = substr(s, RSTART + RLENGTH)
    }
}' README.md docs/*.md >> $T/cmds

n=0
while IFS="$(printf '\t')" read -r file cmd; do
    case "$cmd" in *CONFIG*|*FILE*|*DIR*|*...*|*'['*'|'*) continue ;; esac   # a synopsis, not a command
    set -f; set -- $cmd; set +f
    shift                                   # ./campsim
    verb=$1; [ $# -gt 0 ] && shift
    case "$verb" in run|compare|calibrate|forecast|sweep|check) ;; *) continue ;; esac
    cfg=$1
    case "$cfg" in ''|my*) continue ;; esac   # the verb alone, or the reader's own file
    n=$((n + 1))
    sets=""; missing=""
    for a in "$@"; do
        case "$a" in configs/*|data/*|tests/data/*) [ -e "$a" ] || missing="$missing $a" ;; esac
    done
    case "$cfg" in out/*) continue ;; esac  # made by the command before it
    prev=""
    for a in "$@"; do
        [ "$prev" = "--set" ] && sets="$sets --set $a"
        prev=$a
    done
    if [ -n "$missing" ]; then bad "$file: $cmd: no such file:$missing"; continue; fi
    # shellcheck disable=SC2086
    if ./campsim check "$cfg" $sets > $T/out 2>&1; then ok
    else bad "$file: $cmd: $(head -1 $T/out)"; fi
done < $T/cmds
[ "$n" -ge 20 ] && ok || bad "only $n commands found in README.md and docs/ (the extraction broke?)"

# docs/configuration.md's --set examples (indented lines), on the reference config
# (the policies' paths on the policies config).
# and the inline `--set PATH=VALUE` of README.md and docs/configuration.md (not the misspelt
# ones quoted in error messages, nor those with "..." in them).
{ grep '^    --set ' docs/configuration.md | sed 's/^    //; s/  *(.*//'
  # one line a paragraph, its --sets applied in order (a later one may use an earlier's name)
  awk 'BEGIN { RS = "" } { s = $0; gsub(/\n */, " ", s); l = ""
      while (match(s, /`--set [^`]*`/)) {
          x = substr(s, RSTART + 1, RLENGTH - 2); s = substr(s, RSTART + RLENGTH)
          if (x ~ /=/ && x !~ /: |\.\.\.|PATH|[A-Z]=V/) l = l " " x
      }
      if (l != "") print substr(l, 2) }' README.md docs/configuration.md
} > $T/sets
[ "$(wc -l < $T/sets)" -ge 8 ] && ok || bad "too few --set examples found in docs/configuration.md"
while read -r line; do
    cfg=configs/jordan-2016.cfg
    case "$line" in *policies.*) cfg=configs/jordan-2016-policies.cfg ;; esac
    # through a shell, as the docs' reader would type it (unquoted parentheses fail there)
    if sh -c "./campsim check $cfg $line" > $T/out 2>&1; then ok
    else bad "README.md/docs/configuration.md: $line: $(head -1 $T/out)"; fi
done < $T/sets

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
