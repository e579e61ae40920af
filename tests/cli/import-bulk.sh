#!/bin/sh
# An import of more than 1,000 voter issues writes them without the five triggers that
# would fire for every case, step and clock (marking the deputies' points stale, deleting
# the cockpit's kept figures from the case's day on) and has their effect once for all
# its rows, then makes the triggers again, in its one transaction (case.c, bulk_defer()).
# The same rows imported in two files of 750, each written with the triggers, must leave
# the same marks, kept figures, records and steps.
. "$SRCDIR/tests/lib.sh"

RENDA_NOW=2026-03-02T09:00:00+08:00
export RENDA_NOW
"$RENDA" demo >/dev/null 2>&1 || { echo "Bail out! renda demo failed"; exit 1; }

# Five city deputies; 1,500 voter issues, the earliest of January 18, the rest in February:
# the first 750 rows (the first file of two) of its first 13 days, the others of its last
# 14, each file in no order of time.
q "SELECT code FROM deputy WHERE status = 'in-office' AND level = 'city' ORDER BY id LIMIT 5" \
	>"$T/deputies"
check "five city deputies in office" test "$(wc -l <"$T/deputies")" = 5
awk 'NR == FNR { d[n++] = $0; next } END {
	h = "submitted_at,deputy_code,channel,voter_name,voter_phone,town,category,title,content,external_id"
	print h >"'"$T"'/all.csv"; print h >"'"$T"'/half1.csv"; print h >"'"$T"'/half2.csv"
	for (i = 1; i <= 1500; i++) {
		day = i == 1 ? "2026-01-18" : sprintf("2026-02-%02d", i <= 750 ? 1 + i % 13 : 14 + i % 14)
		r = sprintf("%sT%02d:%02d:00+08:00,%s,phone,王%d,139%08d,,其他,批量导入的第%d件路灯不亮,夜里一片漆黑，行人看不清路面，请尽快修复。,BULK-%04d",
			day, 8 + i % 10, i % 60, d[i % 5], i, i, i, i)
		print r >"'"$T"'/all.csv"
		print r >(i <= 750 ? "'"$T"'/half1.csv" : "'"$T"'/half2.csv")
	}
}' "$T/deputies" /dev/null

# Figures kept for three past days; no deputy marked stale.
for day in 2026-01-10 2026-01-20 2026-02-15; do
	"$RENDA" cockpit --as-of $day >/dev/null 2>&1
done
kept_days="SELECT DISTINCT substr(asof, 1, 10) FROM cockpit_kept ORDER BY 1"
check "figures kept for January 10, January 20 and February 15" test \
	"$(q "$kept_days" | tr '\n' ' ')" = "2026-01-10 2026-01-20 2026-02-15 "
q "DELETE FROM points_stale"
triggers="SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY name"
q "$triggers" >"$T/triggers.before"
cp "$RENDA_DB" "$T/a.db" && cp "$RENDA_DB.key" "$T/a.db.key"
cp "$RENDA_DB" "$T/b.db" && cp "$RENDA_DB.key" "$T/b.db.key"

A() { RENDA_DB="$T/a.db" "$@"; }
B() { RENDA_DB="$T/b.db" "$@"; }
check "1,500 voter issues in one file" A run 0 "$RENDA" case import "$T/all.csv"
check "  all added" grep -q ': 1500 added' "$T/out"
check "the same in two files of 750 (a copy of the database before)" \
	B run 0 "$RENDA" case import "$T/half1.csv"
check "  and the second" B run 0 "$RENDA" case import "$T/half2.csv"
check "  all added" grep -q ': 750 added' "$T/out"

# The triggers are back, word for word; the one file's import made them again (they are
# now the schema's last rows), the small files' did not.
last5="SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_schema ORDER BY rowid
	DESC LIMIT 5)"
A q "$triggers" >"$T/triggers.a"
check "after the one file, every trigger is there as it was" cmp -s "$T/triggers.before" "$T/triggers.a"
diff "$T/triggers.before" "$T/triggers.a" | diag
check "  the five were made again by it" test "$(A q "$last5" | tr ' ' '\n' | sort | tr '\n' ' ')" = \
	"kept_vcase_new kept_wf_clock_new kept_wf_event_new points_stale_step_new points_stale_vcase_new "
check "  the two files left the schema's rows as they were" test \
	"$(B q "$last5")" = "$(q "$last5")"

# The same effect: the five deputies marked, and only they; January 20's and February
# 15's figures deleted (the earliest case is of January 18), January 10's kept.
stale="SELECT group_concat(d.code, ' ') FROM (SELECT deputy_id FROM points_stale ORDER BY
	deputy_id) s JOIN deputy d ON d.id = s.deputy_id"
expect=$(q "SELECT group_concat(code, ' ') FROM (SELECT code FROM deputy WHERE code IN
	($(sed "s/.*/'&'/" "$T/deputies" | paste -sd,)) ORDER BY id)")
check "the one file marks the five deputies' points stale" test "$(A q "$stale")" = "$expect"
check "  as the two files do" test "$(B q "$stale")" = "$expect"
check "the one file leaves January 10's kept figures alone" test \
	"$(A q "$kept_days" | tr '\n' ' ')" = "2026-01-10 "
check "  as the two files do" test "$(B q "$kept_days" | tr '\n' ' ')" = "2026-01-10 "
check "  and January 10's figures are those kept before" test \
	"$(A q "SELECT count(*), total(value) FROM cockpit_kept")" = \
	"$(q "SELECT count(*), total(value) FROM cockpit_kept WHERE asof LIKE '2026-01-10%'")"

# The same records, steps and clocks, numbered in the order of their times (the rows are
# written in it).
rows="SELECT v.external_id, v.number, v.submitted_at, d.code, v.state, v.title FROM vcase v
	JOIN deputy d ON d.id = v.deputy_id WHERE v.external_id LIKE 'BULK-%' ORDER BY 1"
steps="SELECT v.external_id, e.action, e.at, e.to_state FROM vcase v JOIN wf_event e ON
	e.workflow = 'case' AND e.item_id = v.id WHERE v.external_id LIKE 'BULK-%' ORDER BY 1, e.id"
clocks="SELECT v.external_id, k.clock, k.started, k.due, k.stopped IS NULL FROM vcase v JOIN
	wf_clock k ON k.workflow = 'case' AND k.item_id = v.id WHERE v.external_id LIKE 'BULK-%'
	ORDER BY 1, k.id"
for what in rows steps clocks; do
	eval "sql=\$$what"
	A q "$sql" >"$T/$what.a"
	B q "$sql" >"$T/$what.b"
	check "the same $what ($(wc -l <"$T/$what.a"))" cmp -s "$T/$what.a" "$T/$what.b"
done
check "  1,500 records, a step each, no clock (none runs before a case is forwarded)" test \
	"$(wc -l <"$T/rows.a") $(wc -l <"$T/steps.a") $(wc -l <"$T/clocks.a")" = "1500 1500 0"
inverted="SELECT count(*) FROM vcase a JOIN vcase b ON a.external_id LIKE 'BULK-%' AND
	b.external_id LIKE 'BULK-%' AND a.number < b.number AND a.submitted_at > b.submitted_at"
check "  no case numbered before one of an earlier time (the file is in no order)" test \
	"$(A q "$inverted")" = 0
check "  the earliest is the first, of January 18" test \
	"$(A q "SELECT external_id || ' ' || substr(submitted_at, 1, 10) FROM vcase WHERE external_id
		LIKE 'BULK-%' ORDER BY number LIMIT 1")" = "BULK-0001 2026-01-18"
check "  each found by a search" A run 0 "$RENDA" case list --search 批量导入 --limit 2000 --format tsv
check "  all 1,500" test "$(nrows "$T/out")" = 1500
# The search indexes merged none of their segments while the rows were written (FTS5's
# automerge 0, case.c index_range()): set back to FTS5's default after it, whole, and
# every search finds what a scan of the text finds.
for ix in vcase_fts vcase_chars; do
	check "$ix merges its segments again as before the import (automerge 4)" test \
		"$(A q "SELECT v FROM ${ix}_config WHERE k = 'automerge'")" = 4
	check "  and is whole (FTS5's integrity check)" \
		A q "INSERT INTO $ix ($ix) VALUES ('integrity-check')"
done
for w in 漆 漆黑 批量导入 导入的第; do
	A run 0 "$RENDA" case list --search "$w" --limit 100000 --format tsv
	check "a search for $w finds what a scan of the text finds" test "$(nrows "$T/out")" = \
		"$(A q "SELECT count(*) FROM vcase WHERE instr(title || content || reply, '$w')")"
done
check "  (all 1,500 hold the one character)" test "$(A q "SELECT count(*) FROM vcase WHERE
	instr(title || content || reply, '漆')")" -ge 1500
check "the deputies' points ranked, the marked computed again" A run 0 "$RENDA" points ranking
check "  and the marks cleared" test "$(A q "SELECT count(*) FROM points_stale")" = 0
# The same file again: every row is known, none is added; the schema is not touched (no
# trigger dropped and made again for nothing: its version would move).
sv=$(A q "PRAGMA schema_version")
check "the one file again" A run 0 "$RENDA" case import "$T/all.csv"
check "  nothing added, 1,500 unchanged" grep -q ': 0 added, 0 changed, 1500 unchanged' "$T/out"
check "  the schema untouched" test "$(A q "PRAGMA schema_version")" = "$sv"
check "audit verify passes" A run 0 "$RENDA" audit verify
check "check passes" A run 0 "$RENDA" check
done_testing
