#!/bin/sh
# The cockpit's figures of a past day, kept once computed (schema 24, cockpit_kept): the
# next reading of the same day, scope and period takes them; a change that can move a
# figure of that day deletes them, whichever command makes it (the schema's triggers), so
# the figures read afterwards are those computed afresh.
. "$SRCDIR/tests/lib.sh"

at() { RENDA_NOW="$1"; export RENDA_NOW; }
fig() { awk -F '\t' -v k="$2" '$2 == k { print $5 }' "$1"; }
kept() { q "SELECT count(*) FROM cockpit_kept WHERE asof LIKE '$1%'"; }
# fresh DAY FILE: the cockpit of DAY computed anew (what is kept set aside) into FILE;
# what it computes is kept again.
fresh() {
	q "DELETE FROM cockpit_kept WHERE asof LIKE '$1%'"
	"$RENDA" cockpit --as-of "$1" >"$2" 2>"$T/err"
}

at 2026-03-02T09:00:00+08:00
"$RENDA" demo >/dev/null 2>&1 || { echo "Bail out! renda demo failed"; exit 1; }

# ---- the tables that delete what is kept ------------------------------------------------
# Those a figure of a past day reads, as SQLite's authorizer names them, have their three
# triggers and no others any: tests/unit/test_cockpit.c. Here: one of each kind is there.
check "the tables a figure reads have their triggers (voter issues, steps, categories)" test \
	"$(q "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name GLOB 'kept_*' AND
		tbl_name IN ('vcase', 'wf_event', 'category')")" = 9
check "  and a table none reads has none (the calendar, schema 27)" test \
	"$(q "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name GLOB 'kept_*' AND
		tbl_name = 'calendar_day'")" = 0

# ---- kept, and read again --------------------------------------------------------------
check "the cockpit as of February 15" run 0 "$RENDA" cockpit --as-of 2026-02-15
cp "$T/out" "$T/first"
check "  its figures are kept, one row each" test "$(kept 2026-02-15)" = "$(nrows "$T/first")"
check "the present cockpit" run 0 "$RENDA" cockpit
check "as of today" run 0 "$RENDA" cockpit --as-of 2026-03-02
check "  neither is kept (today's figures can still move)" test \
	"$(q "SELECT count(DISTINCT asof) FROM cockpit_kept")" = 1
# What is kept is what the next reading shows: a kept figure changed by hand shows.
q "UPDATE cockpit_kept SET value = 424242 WHERE key = 'case.month'"
check "as of February 15 again" run 0 "$RENDA" cockpit --as-of 2026-02-15
check "  the kept figures are read, not computed" test "$(fig "$T/out" case.month)" = 424242
sed 's/\t424242\t/\t'"$(fig "$T/first" case.month)"'\t/' "$T/out" >"$T/back"
check "  every other line as computed" cmp -s "$T/back" "$T/first"
diff "$T/first" "$T/back" | diag
mkdir -p "$RENDA_SYSCONFDIR"
printf '[points]\nprorate = none\n' >"$RENDA_SYSCONFDIR/renda.conf"
check "with the duty points not pro-rated (renda.conf)" run 0 "$RENDA" cockpit --as-of 2026-02-15
check "  the figures kept with months pro-rated are not read" test \
	"$(fig "$T/out" case.month)" = "$(fig "$T/first" case.month)"
rm "$RENDA_SYSCONFDIR/renda.conf"
check "back to months" run 0 "$RENDA" cockpit --as-of 2026-02-15
check "  the figures computed again" cmp -s "$T/out" "$T/first"
q "UPDATE cockpit_kept SET value = 424242 WHERE key = 'case.month'"
check "the month's categories of that day" run 0 "$RENDA" cockpit --as-of 2026-02-15 --period month
check "  kept apart from the year's" test \
	"$(q "SELECT count(DISTINCT period) FROM cockpit_kept WHERE asof LIKE '2026-02-15%'")" = 2
check "  with the month's lists" test "$(awk -F '\t' '$2 ~ /^case\.category\./ { print $7; exit }' \
	"$T/out" | cut -d';' -f1)" = month=2026-02
check "in Chinese, from the same kept figures" run 0 env LANGUAGE=zh_CN LC_ALL=zh_CN.UTF-8 \
	"$RENDA" cockpit --as-of 2026-02-15
check "  the labels in the reader's language" test "$(awk -F '\t' '$2 == "case.open" { print $3 }' \
	"$T/out")" = 在办
cat=$(awk -F '\t' '$2 ~ /^case\.category\./ { print $3; exit }' "$T/first")
check "  a category by its own name ($cat)" contains "$T/out" "$cat"
check "and in the workbook of that day" run 0 "$RENDA" report cockpit --as-of 2026-02-15 \
	--out "$T/c.xlsx"
check "  which holds the kept figure" test "$(/usr/bin/python3 -c '
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
print(sum(1 for ws in wb for row in ws.iter_rows(values_only=True) for v in row if v == 424242))' \
	"$T/c.xlsx")" -ge 1
q "UPDATE cockpit_kept SET panel = 'gone' WHERE key = 'case.open' AND period = 0"
check "kept figures that name a panel this renda lacks" run 0 "$RENDA" cockpit --as-of 2026-02-15
check "  are computed again" cmp -s "$T/out" "$T/first"

# ---- changes after the day leave it; changes that reach the day delete it ---------------
zp=$("$RENDA" deputy list --status in-office --level city | awk -F '\t' 'NR == 2 { print $2 }')
k0=$(kept 2026-02-15)
check "a voter issue recorded today" run 0 "$RENDA" case add --deputy "$zp" --category 其他 \
	--title 今天的路灯 --content 今天。
check "  leaves February 15 kept (year and month)" test "$(kept 2026-02-15)" = "$k0"
new=$("$RENDA" case list --limit 1 | tsv_col - number)
check "  and a step on it ($new)" run 0 "$RENDA" case act "$new" forward
check "  too" test "$(kept 2026-02-15)" = "$k0"
check "the cockpit as of January 31, kept too" run 0 "$RENDA" cockpit --as-of 2026-01-31
cp "$T/out" "$T/jan"
# A voter issue submitted on February 10, imported today: February 15 moves, January 31 not.
cat >"$T/in.csv" <<CSV
submitted_at,deputy_code,channel,voter_name,voter_phone,town,category,title,content,external_id
2026-02-10T08:30:00+08:00,$zp,qr,李阿姨,13800002222,,其他,补录的河道垃圾,河道里垃圾很多。,K-1
CSV
check "a voter issue of February 10 imported" run 0 "$RENDA" case import "$T/in.csv"
check "  February 15's kept figures are gone" test "$(kept 2026-02-15)" = 0
check "  January 31's stay" test "$(kept 2026-01-31)" = "$(nrows "$T/jan")"
check "February 15 again" run 0 "$RENDA" cockpit --as-of 2026-02-15
check "  one more submitted that month" test "$(fig "$T/out" case.month)" = \
	$(($(fig "$T/first" case.month) + 1))
cp "$T/out" "$T/again"
fresh 2026-02-15 "$T/fresh"
check "  the figures as computed afresh" cmp -s "$T/again" "$T/fresh"
diff "$T/again" "$T/fresh" | diag
# A step today on a voter issue of before the day: its figures of that day may move.
old=$(q "SELECT number FROM vcase WHERE submitted_at < '2026-02-15' AND state NOT IN
	('closed', 'rejected') ORDER BY submitted_at DESC LIMIT 1")
check "a voter issue open since before February 15 ($old)" test -n "$old"
check "  chased today" run 0 "$RENDA" case act "$old" chase --text 请尽快办理。
check "  deletes February 15's figures" test "$(kept 2026-02-15)" = 0
check "  not January 31's (it came after)" test "$(kept 2026-01-31)" = "$(nrows "$T/jan")" ||
	q "SELECT submitted_at FROM vcase WHERE number = '$old'" | diag
"$RENDA" cockpit --as-of 2026-02-15 >"$T/again" 2>&1
fresh 2026-02-15 "$T/fresh"
check "  and the figures read next are those computed afresh" cmp -s "$T/again" "$T/fresh"
# Reference data, rules, other modules: every day kept goes.
"$RENDA" cockpit --as-of 2026-02-15 >/dev/null 2>&1
cid=$("$RENDA" ref list category | awk -F '\t' '$3 == "其他" { print $1 }')
check "a category renamed" run 0 "$RENDA" ref edit category "$cid" --name 其他事项
check "  deletes every day kept" test "$(q "SELECT count(*) FROM cockpit_kept")" = 0
check "  and the new name shows as of February 15" run 0 "$RENDA" cockpit --as-of 2026-02-15
contains "$T/out" 其他事项
"$RENDA" cockpit --as-of 2026-01-31 >/dev/null 2>&1
check "a duty points correction dated January 20" run 0 "$RENDA" points correct "$zp" \
	--item research --date 2026-01-20 --reason 补登调研
check "  deletes every day kept" test "$(q "SELECT count(*) FROM cockpit_kept")" = 0
"$RENDA" cockpit --as-of 2026-01-31 >"$T/again" 2>&1
fresh 2026-01-31 "$T/fresh"
check "  and the figures read next are those computed afresh" cmp -s "$T/again" "$T/fresh"
# drops DESCRIPTION CMD...: with January 31 kept, CMD deletes every day kept.
drops() {
	d_what=$1
	shift
	"$RENDA" cockpit --as-of 2026-01-31 >/dev/null 2>&1
	k=$(q "SELECT count(*) FROM cockpit_kept")
	check "$d_what" run 0 "$@"
	check "  deletes every day kept ($k before)" test "$k" -gt 0 -a \
		"$(q "SELECT count(*) FROM cockpit_kept")" = 0
}
printf 'day,kind,name\n2026-04-06,holiday,清明节调休\n' >"$T/cal.csv"
"$RENDA" cockpit --as-of 2026-01-31 >"$T/jan" 2>&1
k=$(q "SELECT count(*) FROM cockpit_kept")
check "a calendar day imported" run 0 "$RENDA" calendar import "$T/cal.csv"
check "  leaves what is kept ($k rows): no figure reads the calendar" test "$k" -gt 0 -a \
	"$(q "SELECT count(*) FROM cockpit_kept")" = "$k"
fresh 2026-01-31 "$T/fresh"
check "  the figures computed afresh are those kept" cmp -s "$T/jan" "$T/fresh"
drops "a new version of the duty points rules" "$RENDA" points rules add-version \
	--from 2026-03-03 --set research=4
prj=$("$RENDA" project list | awk -F '\t' 'NR == 2 { print $2 }')
drops "a livelihood project's progress update ($prj)" "$RENDA" project update "$prj" \
	--percent 55 --text 主体完工。
sg=$(q "SELECT s.id FROM suggestion s WHERE s.created_at < '2026-02-15' AND s.state IN
	('assigned', 'followup') ORDER BY s.id DESC LIMIT 1")
if [ -n "$sg" ]; then
	check "a motion of before the day chased" run 0 "$RENDA" suggestion act "$sg" chase \
		--text 请按时答复。
	check "  deletes February 15's figures" test "$(kept 2026-02-15)" = 0
else
	skip "a motion of before the day chased" "the demo has no motion open then"
fi

# ---- each scope its own ---------------------------------------------------------------
"$RENDA" cockpit --as-of 2026-02-15 >"$T/city" 2>&1
as_role town-clerk 乍浦镇
check "a town clerk's cockpit as of February 15" run 0 "$RENDA" cockpit --as-of 2026-02-15
cp "$T/out" "$T/town"
check "  kept apart from the city's" test \
	"$(q "SELECT count(DISTINCT scope) FROM cockpit_kept WHERE asof LIKE '2026-02-15%'")" = 2
check "  the town's figures, not the city's" test \
	"$(fig "$T/town" case.month)" -lt "$(fig "$T/city" case.month)"
check "  read again, the same" run 0 "$RENDA" cockpit --as-of 2026-02-15
check "  the same figures" cmp -s "$T/out" "$T/town"
as_role admin

# ---- how much is kept --------------------------------------------------------------------
# At most 2,000 readings (scope, as-of time, period): one more deletes those of the
# earliest as-of times. 2,000 readings of the early 2000s made by hand, one row each.
sets="SELECT count(*) FROM (SELECT 1 FROM cockpit_kept GROUP BY asof, scope, period)"
before=$(q "$sets")
q "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
	INSERT INTO cockpit_kept (scope, asof, period, ord, day, recipe, panel, key, label, msgid,
	kind, value, bar, exact, module, filter) SELECT 'old', date('2001-01-01', '+' || i || ' days')
	|| 'T23:59:59+08:00', 0, 0, date('2001-01-01', '+' || i || ' days'), 'r', 'cases',
	'case.month', 'x', 0, 0, i, 0, 1, NULL, '[]' FROM n"
check "readings kept before ($before), and 2,000 old ones" test \
	"$before" -gt 0 -a "$(q "$sets")" = $((before + 2000))
check "the cockpit as of February 16" run 0 "$RENDA" cockpit --as-of 2026-02-16
check "  is kept" test "$(kept 2026-02-16)" = "$(nrows "$T/out")"
check "  2,000 readings are kept" test "$(q "$sets")" = 2000
check "  the earliest went ($((before + 1)) of them)" test \
	"$(q "SELECT count(*) FROM cockpit_kept WHERE scope = 'old'")" = $((2000 - before - 1)) -a \
	"$(q "SELECT min(value) FROM cockpit_kept WHERE scope = 'old'")" = $((before + 2))
check "  those of 2026 stay" test \
	"$(q "SELECT count(*) FROM (SELECT 1 FROM cockpit_kept WHERE asof >= '2026' GROUP BY
		asof, scope, period)")" = $((before + 1))
q "DELETE FROM cockpit_kept WHERE scope = 'old'"

# ---- a change that comes from another site -------------------------------------------------
city="$T/city.db" zp="$T/zp.db"
C() { "$RENDA" --db "$city" "$@"; }
Z() { "$RENDA" --db "$zp" "$@"; }
at 2026-02-01T09:00:00+08:00
C init >/dev/null 2>&1 && Z init --site 乍浦镇 >/dev/null 2>&1 &&
	C sync key --to 乍浦镇 --out "$T/zp.key" >/dev/null && Z sync key-load "$T/zp.key" >/dev/null &&
	C deputy add --name 沈建国 --resident_id "$(fix_id 33048219700101001)" --level city \
		--town 乍浦镇 >/dev/null || { echo "Bail out! two sites"; exit 1; }
shen=$(C deputy list | awk -F '\t' 'NR == 2 { print $2 }')
C case add --deputy "$shen" --category 城市建设 --title 乍浦镇路灯 --content 路灯不亮。 >/dev/null
C sync export --to 乍浦镇 --out "$T/f1.sync" >/dev/null && Z sync apply "$T/f1.sync" >/dev/null ||
	{ echo "Bail out! the first exchange"; exit 1; }
at 2026-03-02T09:00:00+08:00
check "the city's cockpit as of February 15" run 0 C cockpit --as-of 2026-02-15
check "  one voter issue that month" test "$(fig "$T/out" case.month)" = 1
cat >"$T/zp.csv" <<CSV
submitted_at,deputy_code,channel,voter_name,voter_phone,town,category,title,content,external_id
2026-02-10T08:30:00+08:00,$shen,qr,李阿姨,13800002222,乍浦镇,其他,乍浦镇补录事项,补录。,Z-1
CSV
check "乍浦镇 imports a voter issue of February 10" run 0 Z case import "$T/zp.csv"
check "  and writes its exchange file" run 0 Z sync export --to city --out "$T/f2.sync"
k1=$(RENDA_DB=$city q "SELECT count(*) FROM cockpit_kept")
check "the city applies it" run 0 C sync apply "$T/f2.sync"
check "  which deletes February 15's kept figures ($k1 before)" test \
	"$k1" -gt 0 -a "$(RENDA_DB=$city q "SELECT count(*) FROM cockpit_kept")" = 0
check "  and the city's cockpit of that day counts it" run 0 C cockpit --as-of 2026-02-15
check "  two voter issues that month" test "$(fig "$T/out" case.month)" = 2

done_testing
