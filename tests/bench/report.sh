#!/bin/sh
# make bench: the workbook of voter issues (renda report cases) on a large database:
# rows of the detail sheet per second, from the database to the file, beside the
# statistics alone and libxlsxwriter alone writing the same cells (xlsxbench). Prints
# figures; asserts nothing. The report only reads, so the cases are inserted straight
# into the tables with SQL (BENCH_CASES of them, default 1,000,000, over four years,
# with their deadline clocks and units) on top of `renda demo`'s roster. Each timing
# is the best of three runs (the machine is shared).
set -u
: "${RENDA:?run through make bench}"
: "${SRCDIR:?run through make bench}"
N=${BENCH_CASES:-1000000}
T=$(mktemp -d "${TMPDIR:-/tmp}/renda-bench.XXXXXX")
trap 'rm -rf "$T"' EXIT
export RENDA_DB="$T/renda.db" XDG_CONFIG_HOME="$T/config" XDG_DATA_HOME="$T/data"
export LC_ALL=C.UTF-8
# The clock stands after the years of the cases, so that no deadline runs past today.
export RENDA_NOW=2027-03-01T09:00:00+08:00
YEAR=2025

now() { date +%s.%N; }
best() { awk -v b="$1" -v a="$2" -v z="$3" 'BEGIN { t = z - a; if (b == "" || t < b) b = t; printf "%.3f", b }'; }
rate() { awk -v n="$1" -v t="$2" 'BEGIN { printf "%.0f", n / t }'; }

t0=$(now)
. "$SRCDIR/tests/bench/lib-cases.sh"
bench_cases_db "$N" || exit 1
t1=$(now)
total=$(sqlite3 "$RENDA_DB" 'SELECT count(*) FROM vcase')
rows=$(sqlite3 "$RENDA_DB" "SELECT count(*) FROM vcase WHERE submitted_at >= '$YEAR' AND submitted_at < '$((YEAR + 1))'")
clocks=$(sqlite3 "$RENDA_DB" 'SELECT count(*) FROM wf_clock')
echo "database: $total cases ($rows in $YEAR), $clocks deadline clocks; built in $(best '' "$t0" "$t1") s"

# best3 CMD...: the best of three runs of CMD, in seconds.
best3() {
	b=
	for i in 1 2 3; do
		rm -f "$T/report.xlsx"
		t0=$(now)
		"$@" >/dev/null || { echo "bench: failed: $*" >&2; exit 1; }
		b=$(best "$b" "$t0" "$(now)")
	done
	echo "$b"
}

# Reading the year's cases with their clocks and counting them: one breakdown.
s=$(best3 "$RENDA" stats cases --by category --year $YEAR)
echo "stats cases --by category --year $YEAR: $s s, $(rate "$rows" "$s") cases/s"
s=$(best3 "$RENDA" stats cases --by deputy --year $YEAR)
echo "stats cases --by deputy --year $YEAR: $s s, $(rate "$rows" "$s") cases/s"

# The whole workbook: one pass over the cases writes the detail sheet and counts the six
# breakdowns; then the summary with its charts, the breakdown sheets and About.
b=$(best3 "$RENDA" report cases --year $YEAR --out "$T/report.xlsx")
"$RENDA" report cases --year $YEAR --out "$T/report.xlsx" --force >/dev/null
size=$(($(wc -c <"$T/report.xlsx") / 1024))
echo "report cases --year $YEAR: $rows detail rows in $b s (${size} KiB):" \
	"$(rate "$rows" "$b") rows/s from the database to the file (target: 100000)"
# The process's CPU time says how much of the wall time was this machine's other work.
if [ -x /usr/bin/time ]; then
	/usr/bin/time -f "  cpu: %U s user, %S s system; %M KiB resident" \
		"$RENDA" report cases --year $YEAR --out "$T/report.xlsx" --force >/dev/null
fi
# The same cells written by libxlsxwriter alone (read first, the writing timed): the
# ceiling.
if [ -n "${BUILDDIR:-}" ] && [ -x "$BUILDDIR/tests/bench/xlsxbench" ]; then
	"$BUILDDIR/tests/bench/xlsxbench" "$RENDA_DB" "$YEAR" "$T/alone.xlsx"
fi
