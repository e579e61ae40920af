# The million-case database of the benchmarks (sourced by tests/bench/report.sh and
# tests/bench/cases-tui.sh): `renda demo`'s roster, then N cases inserted straight into
# the tables with SQL, with their deadline clocks and units. Needs RENDA and RENDA_DB.
#
# bench_cases_db N: cases i = 0 .. N-1: a quarter of them in each year from 2023, in
# order, numbered from 500000 within the year (above the demo's); nine in ten closed (one
# in five basically satisfied), one in ten still assigned, one in 37 rejected; respond and
# reply clocks with one in seven late. Returns nonzero (with a message) on a failure.
bench_cases_db() {
	N=$1
	# The demo's roster is made at the real clock (a change carries the real time; an as-of
	# time set for the reading that follows is not the demo's).
	env -u RENDA_NOW "$RENDA" demo >/dev/null 2>&1 || { echo "bench: renda demo failed" >&2; return 1; }
	sqlite3 -batch "$RENDA_DB" <<SQL || { echo "bench: inserting cases failed" >&2; return 1; }
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
}
