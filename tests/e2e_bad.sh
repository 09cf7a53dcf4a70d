#!/bin/sh
# Every file in tests/bad/ is a bad config whose first line says "# expect: MSG":
# `campsim check` must exit 2 and print MSG (file:line: setting: message) on
# standard error. garbage.cfg (binary, no such line) must just exit 2 with a
# message naming the file.
passed=0; failed=0
for f in tests/bad/*.cfg; do
    expect=$(head -n 1 "$f" | tr -d '\000' | sed -n 's/^# expect: //p')
    err=$(./campsim check "$f" 2>&1 >/dev/null); rc=$?
    [ -n "$expect" ] || expect="$f"
    if [ "$rc" -eq 2 ] && printf '%s' "$err" | grep -qF -- "$expect"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL $f: exit $rc, wanted 2 and: $expect"
        echo "  got: $err"
    fi
done
# A missing file and a folder.
for f in tests/bad/no-such-file.cfg tests/bad; do
    err=$(./campsim check "$f" 2>&1); rc=$?
    if [ "$rc" -eq 2 ] && printf '%s' "$err" | grep -qF "$f"; then passed=$((passed + 1));
    else failed=$((failed + 1)); echo "FAIL $f: exit $rc: $err"; fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
