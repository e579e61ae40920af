#!/bin/sh
# make bench: the workbook of voter issues (renda report cases) on a large database:
# rows of the detail sheet per second, from the database to the file, beside the
# statistics alone and libxlsxwriter alone writing the same rows (xlsxbench). Prints
# figures; asserts nothing. The report only reads, so the cases are inserted straight
# into the tables with SQL (BENCH_CASES of them, default 1,000,000, over four years,
# with their deadline clocks and units) on top of `renda demo`'s roster. Each timing
# is the best of three runs (the machine is shared).
set -u
: "${RENDA:?run through make bench}"
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
"$RENDA" demo >/dev/null 2>&1 || { echo "bench: renda demo failed" >&2; exit 1; }
# Cases i = 0 .. N-1: a quarter of them in each year from 2023, in order, numbered from
# 500000 within the year (above the demo's); nine in ten closed (one in five basically satisfied), one in ten still
# assigned, one in 37 rejected; respond and reply clocks with one in seven late.
sqlite3 -batch "$RENDA_DB" <<SQL || { echo "bench: inserting cases failed" >&2; exit 1; }
PRAGMA synchronous = OFF;
PRAGMA cache_size = -1000000;
BEGIN;
CREATE TEMP TABLE d (k INTEGER PRIMARY KEY, id INTEGER, town_id INTEGER);
INSERT INTO d (id, town_id) SELECT id, town_id FROM deputy ORDER BY id;
CREATE TEMP TABLE u (k INTEGER PRIMARY KEY, id INTEGER);
INSERT INTO u (id) SELECT id FROM unit ORDER BY id;
CREATE TEMP TABLE c (k INTEGER PRIMARY KEY, id INTEGER);
INSERT INTO c (id) SELECT id FROM category ORDER BY id;
CREATE TEMP TABLE n AS SELECT (SELECT count(*) FROM d) AS nd, (SELECT count(*) FROM u) AS nu,
	(SELECT count(*) FROM c) AS nc, (SELECT coalesce(max(id), 0) FROM vcase) AS base;
WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < $N - 1),
x AS (SELECT i, 2023 + i / (($N + 3) / 4) AS y, i % (($N + 3) / 4) AS q,
	CASE WHEN i % 37 = 0 THEN 'rejected' WHEN i % 10 = 0 THEN 'assigned' ELSE 'closed' END AS st
	FROM s)
INSERT INTO vcase (number, submitted_at, channel, deputy_id, town_id, level, category_id, title,
	content, voter_name, voter_phone, private, state, lead_unit_id, reply, evaluation, rounds,
	closed_at, updated_at)
SELECT printf('%04d-%06d', y, 500000 + q),
	strftime('%Y-%m-%dT%H:%M:00+08:00', y || '-01-01', '+' || (q * 360 / (($N + 3) / 4)) || ' days',
		'+' || (480 + i % 540) || ' minutes'),
	CASE i % 3 WHEN 0 THEN 'qr' WHEN 1 THEN 'phone' ELSE 'station' END,
	d.id, d.town_id, 'city', c.id,
	'第' || i || '号：' || CASE i % 4 WHEN 0 THEN '小区路灯不亮影响夜间出行' WHEN 1 THEN '河道垃圾漂浮气味难闻'
		WHEN 2 THEN '学校门口上下学时段交通拥堵' ELSE '农田灌溉渠堵塞影响春耕' END,
	'群众反映该问题已经存在较长时间，晚上出行很不方便，存在安全隐患，希望有关部门尽快研究解决，并建立长效管理机制，避免类似问题反复出现。',
	'张' || (i % 97), '139' || printf('%08d', i), i % 50 = 0, st,
	CASE WHEN st = 'rejected' THEN NULL ELSE u.id END,
	CASE WHEN st = 'closed' THEN '已安排人员处理并完成整改，感谢您对我们工作的关心和支持。' ELSE '' END,
	CASE WHEN st = 'closed' THEN CASE WHEN i % 5 = 0 THEN 'basic' ELSE 'satisfied' END END,
	0,
	CASE WHEN st = 'closed' THEN strftime('%Y-%m-%dT10:00:00+08:00', y || '-01-01', '+' || (q * 360 / (($N + 3) / 4) + 25) || ' days') END,
	strftime('%Y-%m-%dT10:00:00+08:00', y || '-01-01', '+' || (q * 360 / (($N + 3) / 4) + 25) || ' days')
FROM x, n JOIN d ON d.k = 1 + i % n.nd JOIN c ON c.k = 1 + i % n.nc JOIN u ON u.k = 1 + i % n.nu;
INSERT INTO vcase_unit (case_id, unit_id, role)
	SELECT v.id, v.lead_unit_id, 'lead' FROM vcase v, n WHERE v.id > n.base AND v.lead_unit_id IS NOT NULL;
INSERT OR IGNORE INTO vcase_unit (case_id, unit_id, role)
	SELECT v.id, u.id, 'support' FROM vcase v, n JOIN u ON u.k = 1 + (v.id * 7) % n.nu
	WHERE v.id > n.base AND v.lead_unit_id IS NOT NULL AND v.id % 9 = 0;
INSERT INTO wf_clock (workflow, item_id, clock, round, started, due, stopped, outcome)
	SELECT 'case', v.id, 'respond', 0, substr(v.submitted_at, 1, 10),
		date(v.submitted_at, '+7 days'),
		date(v.submitted_at, CASE WHEN v.id % 7 = 0 THEN '+9 days' ELSE '+3 days' END),
		CASE WHEN v.id % 7 = 0 THEN 'late' ELSE 'met' END
	FROM vcase v, n WHERE v.id > n.base AND v.state <> 'rejected';
INSERT INTO wf_clock (workflow, item_id, clock, round, started, due, stopped, outcome)
	SELECT 'case', v.id, 'reply', 0, substr(v.submitted_at, 1, 10),
		date(v.submitted_at, '+1 month'),
		CASE WHEN v.state = 'closed' THEN date(v.submitted_at, CASE WHEN v.id % 7 = 3 THEN '+35 days' ELSE '+20 days' END) END,
		CASE WHEN v.state = 'closed' THEN CASE WHEN v.id % 7 = 3 THEN 'late' ELSE 'met' END END
	FROM vcase v, n WHERE v.id > n.base AND v.state <> 'rejected';
COMMIT;
ANALYZE;
SQL
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
# The same number of rows of the same shape written by libxlsxwriter alone: the ceiling.
if [ -n "${BUILDDIR:-}" ] && [ -x "$BUILDDIR/tests/bench/xlsxbench" ]; then
	"$BUILDDIR/tests/bench/xlsxbench" "$rows" "$T/alone.xlsx"
fi
