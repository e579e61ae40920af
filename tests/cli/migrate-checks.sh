#!/bin/sh
# Schema 25 (data/migrations/0025-lean-writes.sql): the lists of three values or more in
# CHECK constraints, triggers' WHEN and the partial index of the points' steps are written
# with OR, in place, and still accept and refuse the same values; the points' queries
# still read through that index; the marks of the duty points kept are made without a
# UNION or a NOT EXISTS on their own table; and writing a voter issue, a step or a
# deadline needs no temporary table.
. "$SRCDIR/tests/lib.sh"

small_db
d=$(deputy_code 沈建国)
"$RENDA" case add --deputy "$d" --channel phone --category 城市建设 --title 路灯不亮 \
	--content 东大街路灯三天不亮 >/dev/null 2>&1 || { echo "Bail out! case add failed"; exit 1; }

check "the database is at schema 25 or later" test "$(q "PRAGMA user_version")" -ge 25
check "  and whole" test "$(q "PRAGMA integrity_check")" = ok

# lists FILE...: each "object column value value ..." of a list of three values or more,
# values sorted, read from CREATE TABLE, ALTER TABLE, CREATE INDEX and the head of CREATE
# TRIGGER statements (the migrations' IN lists, or the schema's chains of column =
# 'value' OR ...); once each (an index dropped and made again is listed twice in the
# migrations).
lists() {
	python3 - "$@" <<'EOF'
import re, sys
out = set()
for path in sys.argv[1:]:
    text = open(path, encoding='utf-8').read()
    text = re.sub(r"--[^\n]*", "", text)
    for st in re.findall(r"(?:(?:CREATE|ALTER) TABLE|CREATE INDEX)[^;]*;"
                         r"|CREATE TRIGGER[^;]*\n(?:BEGIN|WHEN)", text):
        name = re.match(r"\w+ \w+\s+(?:IF NOT EXISTS\s+)?[\"']?(\w+)", st).group(1)
        for col, items in re.findall(r"([\w.]+) IN \(('[^)]*')\)", st):
            vals = re.findall(r"'([^']*)'", items)
            if len(vals) >= 3:
                out.add(" ".join([name, col] + sorted(vals)))
        for chain in re.findall(r"\(([\w.]+ = '[^']*'(?: OR [\w.]+ = '[^']*')+)\)", st):
            pairs = re.findall(r"([\w.]+) = '([^']*)'", chain)
            if len({c for c, _ in pairs}) == 1 and len(pairs) >= 3:
                out.add(" ".join([name, pairs[0][0]] + sorted(v for _, v in pairs)))
for line in sorted(out):
    print(line)
EOF
}
q "SELECT sql || CASE type WHEN 'trigger' THEN '' ELSE ';' END FROM sqlite_schema
	WHERE type IN ('table', 'index', 'trigger')" >"$T/schema.sql"
ls "$SRCDIR"/data/migrations/*.sql | grep -v '/0025-' >"$T/sources"
lists $(cat "$T/sources") >"$T/before"
lists "$T/schema.sql" >"$T/after"
check "the migrations list some values three or more at a time" test "$(wc -l <"$T/before")" -ge 20
check "  and the schema has each list, value for value, written with OR" \
	same "$T/after" "$(cat "$T/before")"
check "  and no list of three values or more is left in the schema" sh -c \
	"! grep -qE \"[a-z_]+ IN \\('[^)]*', '[^)]*', '\" '$T/schema.sql'"

# The constraints still refuse (in a copy: a change by hand is not audited).
cp "$RENDA_DB" "$T/copy.db"
id=$(q "SELECT max(id) FROM vcase")
refuses() { # refuses SQL: the statement fails on a CHECK constraint
	sqlite3 "$T/copy.db" "$1" 2>"$T/err" && return 1
	grep -q "CHECK constraint failed" "$T/err"
}
check "a voter issue's channel refuses a value not listed" \
	refuses "UPDATE vcase SET channel = 'fax' WHERE id = $id"
check "  and one in another case" refuses "UPDATE vcase SET channel = 'QR' WHERE id = $id"
check "  and accepts each listed one" sqlite3 "$T/copy.db" \
	"UPDATE vcase SET channel = 'qr' WHERE id = $id; UPDATE vcase SET channel = 'station' WHERE id = $id;
	UPDATE vcase SET channel = 'other' WHERE id = $id"
check "an evaluation refuses a value not listed" \
	refuses "UPDATE vcase SET evaluation = 'good' WHERE id = $id"
check "  and accepts none (NULL) and each listed one" sqlite3 "$T/copy.db" \
	"UPDATE vcase SET evaluation = NULL WHERE id = $id; UPDATE vcase SET evaluation = 'basic' WHERE id = $id"
check "a deadline's outcome refuses a value not listed" refuses "INSERT INTO wf_clock
	(workflow, item_id, clock, round, started, due, outcome) VALUES ('case', $id, 'respond',
	1, 'x', 'y', 'lost')"
check "a unit's kind refuses a value not listed" \
	refuses "UPDATE unit SET kind = 'enterprise' WHERE id = (SELECT min(id) FROM unit)"
check "an account's role refuses a value not listed" \
	refuses "INSERT INTO app_user (login, role, created_at) VALUES ('x', 'root', 'x')"

# No temporary table in the statements that write a voter issue and its steps.
ephemeral() { sqlite3 "$RENDA_DB" "EXPLAIN $1" | grep -c OpenEphemeral; }
check "writing a voter issue makes no temporary table" test "$(ephemeral "INSERT INTO vcase
	(id, number, submitted_at, channel, deputy_id, town_id, category_id, title, content,
	state, updated_at) VALUES (99, 'X', '2026-01-01', 'phone', 1, 1, 1, 't', 'c', 'new', 'x')")" = 0
check "  nor a step (the partial index of the points' steps)" test "$(ephemeral "INSERT INTO
	wf_event (workflow, item_id, at, account, role, action, to_state) VALUES ('case', 1, 'x',
	'a', 'r', 'forward', 'y')")" = 0
check "  nor a deadline" test "$(ephemeral "INSERT INTO wf_clock (workflow, item_id, clock,
	round, started, due, outcome) VALUES ('case', 1, 'respond', 1, 'x', 'y', 'met')")" = 0
# What renda itself prepares, for a voter issue's whole course: RENDA_TIMING names every
# write whose program (or a trigger's it fires) makes a temporary table. Stopping a
# clock and replacing the units did (an UPDATE or a DELETE that finds its rows by a
# condition other than their key, on a table with triggers).
course() {
	for a in "$@"; do
		# shellcheck disable=SC2086
		RENDA_TIMING=1 "$RENDA" case act $a >/dev/null 2>>"$T/timing" ||
			echo "failed: $a" >>"$T/timing"
	done
}
: >"$T/timing"
"$RENDA" case add --deputy "$d" --channel phone --category 城市建设 --title 井盖松动 \
	--content 南大街井盖松动 >/dev/null 2>>"$T/timing"
id=$(q "SELECT max(id) FROM vcase")
course "$id forward" "$id assign --unit 平湖市住房和城乡建设局 --support 乍浦镇人民政府" \
	"$id return --text 请改派" "$id assign --unit 平湖市教育局" "$id chase --text 催办"
as_role unit 平湖市教育局
course "$id respond --text 已收到" "$id reply --text 已修复"
as_role admin
course "$id evaluate --eval unsatisfied"
as_role unit 平湖市教育局
course "$id reply --text 已更换井盖"
as_role admin
course "$id evaluate --eval satisfied"
check "a voter issue's course ran, step by step" lacks "$T/timing" "failed"
check "  to its close" test "$(q "SELECT state FROM vcase WHERE id = $id")" = closed
check "  each step timed (RENDA_TIMING reported)" test "$(grep -c '^renda: timing: start-up' "$T/timing")" = 10
check "  and none of its writes made a temporary table" lacks "$T/timing" "temporary table"

# The points' queries repeat the index's condition word for word (POINTS_STEPS).
steps=$(sed -n '/^#define POINTS_STEPS/,/[^\\]$/p' "$SRCDIR/src/model/points/points.h" |
	grep -o '"[^"]*"' | tr -d '"\n')
check "POINTS_STEPS is read from points.h" test -n "$steps"
q "EXPLAIN QUERY PLAN SELECT count(*) FROM wf_event e WHERE $steps AND e.workflow = 'case'
	AND e.action IN ('deputy-reply', 'forward') AND e.at >= '2026-01-01'" >"$T/plan"
check "  and a query with it reads the steps through their partial index" \
	contains "$T/plan" wf_event_points
check "the marks of the points kept: no UNION, no NOT EXISTS left" test "$(q "SELECT count(*)
	FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'points_stale_%' AND (sql LIKE
	'%UNION%' OR sql LIKE '%NOT EXISTS%')")" = 0
check "  and every one of schema 20 is there" test "$(q "SELECT count(*) FROM sqlite_schema
	WHERE type = 'trigger' AND name LIKE 'points_stale_%'")" = \
	"$(grep -c '^CREATE TRIGGER IF NOT EXISTS points_stale_' "$SRCDIR/data/migrations/0020-points-totals.sql")"

done_testing
