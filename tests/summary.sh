#!/bin/sh
# tests/summary.sh BUILDDIR...: one line over every test result of the suites run in the
# given build trees: "N passed, N failed, N skipped". Exits 1 when anything failed
# or when no test ran at all.
pass=0 fail=0 skip=0
for dir in "$@"; do
	for trs in $(find "$dir" -name '*.trs' -not -path '*/_build/*' 2>/dev/null); do
		p=$(grep -c '^:test-result: \(PASS\|XFAIL\)' "$trs")
		f=$(grep -c '^:test-result: \(FAIL\|XPASS\|ERROR\)' "$trs")
		s=$(grep -c '^:test-result: SKIP' "$trs")
		pass=$((pass + p)) fail=$((fail + f)) skip=$((skip + s))
	done
done
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
