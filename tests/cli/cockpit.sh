#!/bin/sh
# The data cockpit (数据驾驶舱): every figure of `renda cockpit` that counts records equals
# the count of the list it opens (`renda MODULE list` with the figure's filter), for the
# city and for a town clerk; its rates are the statistics' own; the workbook holds what
# the CLI prints; and the figures as of a past time are those of that day, whatever was
# recorded since.
. "$SRCDIR/tests/lib.sh"

at() { RENDA_NOW="$1"; export RENDA_NOW; }
PY=/usr/bin/python3

# list_count MODULE FILTER: the rows of `renda MODULE list` with the options of the
# figure's filter ("state=open;year=2026": --status open --year 2026; yes: a flag).
list_count() {
	l_words=$(echo "$1" | tr '-' ' ')
	set -f
	l_opts=
	l_old=$IFS
	IFS=';'
	for kv in $2; do
		k=${kv%%=*} v=${kv#*=}
		case $k in
		state) l_opts="$l_opts --status $v" ;;
		*) o=$(echo "$k" | tr _ -)
			if [ "$v" = yes ]; then l_opts="$l_opts --$o"; else l_opts="$l_opts --$o $v"; fi ;;
		esac
	done
	IFS=$l_old
	# shellcheck disable=SC2086
	"$RENDA" $l_words list $l_opts >"$T/l" 2>"$T/lerr" || { cat "$T/lerr" | diag; echo x; return; }
	set +f
	nrows "$T/l"
}

# counts_agree FILE: every count figure with a list equals the count of that list.
counts_agree() {
	c_bad=0 c_n=0
	awk -F '\t' 'NR > 1 && $4 == "count" && $6 != "" { print $2, $5, $6, ($7 == "" ? "-" : $7) }' \
		"$1" >"$T/figs"
	while read -r key value module filter; do
		[ "$filter" = - ] && filter=
		c_n=$((c_n + 1))
		got=$(list_count "$module" "$filter")
		if [ "$got" != "$value" ]; then
			echo "# $key: cockpit $value, renda $module list ($filter) $got"
			c_bad=1
		fi
	done <"$T/figs"
	[ "$c_n" -gt 10 ] || { echo "# only $c_n figures with a list"; return 1; }
	return $c_bad
}
# exact_of PAST FILE: "key value" of FILE for the figures that PAST reads exactly as of
# its time (exact: yes).
exact_of() {
	awk -F '\t' 'NR == FNR { if ($9 == "yes") e[$2] = 1; next } FNR > 1 && e[$2] { print $2, $5 }' \
		"$1" "$2"
}
fig() { awk -F '\t' -v k="$2" '$2 == k { print $5 }' "$1"; }

# ---- the demo: figures against the lists -------------------------------------------
at 2026-03-02T09:00:00+08:00
"$RENDA" demo >/dev/null 2>&1 || { echo "Bail out! renda demo failed"; exit 1; }
check "renda cockpit runs" run 0 "$RENDA" cockpit
cp "$T/out" "$T/city"
for p in cases suggestions projects deputies warnings; do
	check "a panel $p" test "$(tsv_col "$T/city" panel | grep -c "^$p\$")" -gt 0
done
check "each count equals the count of the list it opens (city)" counts_agree "$T/city"
# A project's progress bar opens that project, and its figure is the statistics'.
awk -F '\t' '$4 == "progress" { print $2, $5, $7 }' "$T/city" >"$T/prog"
"$RENDA" stats projects --by project --year 2026 >"$T/pstats"
bars_open_their_project() {
	b_n=0
	while read -r key value filter; do
		b_n=$((b_n + 1))
		got=$(list_count project "$filter")
		[ "$got" = 1 ] || { echo "# $key: $filter lists $got projects"; return 1; }
		want=$(awk -F '\t' -v k="${key#project.progress.}" 'NR == 1 { for (i = 1; i <= NF; i++)
			if ($i == "progress") c = i } $1 == k { print $c }' "$T/pstats")
		[ "$want" = "$value" ] || { echo "# $key: $value, stats $want"; return 1; }
	done <"$T/prog"
	[ "$b_n" -gt 0 ] && [ "$b_n" -le 20 ]
}
check "each progress bar opens its one project, with the statistics' progress" \
	bars_open_their_project
check "some voter issues are open" test "$(fig "$T/city" case.open)" -gt 0
check "and some overdue" test "$(fig "$T/city" case.overdue)" -gt 0
check "the categories add up to the year's voter issues" test \
	"$(awk -F '\t' '$2 ~ /^case\.category\./ { s += $5 } END { print s }' "$T/city")" = \
	"$("$RENDA" case list --year 2026 | nrows)"

# Rates: those of the statistics (the same provider, never a second definition).
"$RENDA" stats cases --by category --year 2026 >"$T/stats"
total() { awk -F '\t' -v c="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == c) n = i }
	$1 == "" && NR > 1 { print $n }' "$1"; }
check "the on-time reply rate is the statistics'" test \
	"$(fig "$T/city" case.reply_rate)" = "$(total "$T/stats" reply_rate)"
check "the satisfaction rate is the statistics'" test \
	"$(fig "$T/city" case.satisfaction)" = "$(total "$T/stats" satisfaction)"
check "a rate is a number" test -n "$(fig "$T/city" case.satisfaction)"

# The statistics as of a past day read the histories: the voter issues of 2025 as they
# stood at the end of 2025 (state, deadlines, evaluation), recounted here in SQL from
# wf_event and wf_clock. Clocks are kept by day.
check "statistics as of the end of 2025" run 0 "$RENDA" stats cases --by category --year 2025 \
	--as-of 2025-12-31
figs() { awk -F '\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i } NR > 1 && $1 == "" {
	print $c["count"], $c["open"], $c["reply_due"], $c["reply_on_time"],
		$c["satisfied"] + $c["basic"], $c["evaluated"] }' "$1"; }
figs "$T/out" >"$T/asof"
q "WITH asof(t, d) AS (SELECT '2025-12-31T23:59:59+08:00', '2025-12-31'),
c AS (SELECT v.id FROM vcase v WHERE v.submitted_at >= '2025' AND v.submitted_at < '2026'
	AND EXISTS (SELECT 1 FROM wf_event e, asof WHERE e.workflow = 'case' AND e.item_id = v.id
		AND e.at <= asof.t)),
st AS (SELECT c.id, (SELECT e.to_state FROM wf_event e, asof WHERE e.workflow = 'case' AND
	e.item_id = c.id AND e.at <= asof.t ORDER BY e.at DESC, e.id DESC LIMIT 1) AS state,
	(SELECT substr(e.text, 1, instr(e.text || char(10), char(10)) - 1) FROM wf_event e, asof
		WHERE e.workflow = 'case' AND e.item_id = c.id AND e.action = 'evaluate' AND
		e.at <= asof.t ORDER BY e.at DESC, e.id DESC LIMIT 1) AS eval FROM c),
k AS (SELECT k.clock, CASE WHEN k.stopped IS NOT NULL AND k.stopped <= asof.d THEN k.outcome
	END AS o, k.due, asof.d AS d FROM wf_clock k JOIN c ON c.id = k.item_id, asof
	WHERE k.workflow = 'case' AND k.clock IN ('respond', 'reply', 'rehandle') AND
	k.started <= asof.d)
SELECT (SELECT count(*) FROM c) || ' ' ||
	(SELECT count(*) FROM st WHERE state NOT IN ('closed', 'rejected')) || ' ' ||
	(SELECT count(*) FROM k WHERE clock <> 'respond' AND
		(o IN ('met', 'late') OR (o IS NULL AND due < d))) || ' ' ||
	(SELECT count(*) FROM k WHERE clock <> 'respond' AND o = 'met') || ' ' ||
	(SELECT count(*) FROM st WHERE eval IN ('satisfied', 'basic')) || ' ' ||
	(SELECT count(*) FROM st WHERE eval IN ('satisfied', 'basic', 'unsatisfied'))" >"$T/recount"
check "  equal the histories' recount" cmp -s "$T/asof" "$T/recount"
check "  which are not today's: some were still open then" test \
	"$(cut -d' ' -f2 "$T/asof")" -gt "$("$RENDA" stats cases --by category --year 2025 |
		figs /dev/stdin | cut -d' ' -f2)"
check "  an as-of that is no day is refused" run 1 "$RENDA" stats cases --by category --as-of 2026-13-01
contains "$T/err" "as-of"
# A town clerk's statistics as of then: the town's cases only, as many as were received
# there by then.
as_role town-clerk 乍浦镇
check "a town clerk's statistics as of the end of 2025" run 0 \
	"$RENDA" stats cases --by town --year 2025 --as-of 2025-12-31
check "  one town, 乍浦镇" test "$(awk -F '\t' 'NR > 1 && $1 != "" { print $2 }' "$T/out")" = 乍浦镇
check "  its count: the town's cases received by then" test "$(figs "$T/out" | cut -d' ' -f1)" = \
	"$(q "SELECT count(*) FROM vcase v JOIN town t ON t.id = v.town_id WHERE t.name = '乍浦镇'
		AND v.submitted_at >= '2025' AND v.submitted_at < '2026' AND EXISTS (SELECT 1 FROM
		wf_event e WHERE e.workflow = 'case' AND e.item_id = v.id AND
		e.at <= '2025-12-31T23:59:59+08:00')")"
check "  and another town is refused" run 1 "$RENDA" stats cases --by town --town 新埭镇 \
	--as-of 2025-12-31
as_role admin
check "the city's statistics of 乍浦镇 (--town) as of then" run 0 \
	"$RENDA" stats cases --by town --year 2025 --town 乍浦镇 --as-of 2025-12-31
check "  the same count" test "$(figs "$T/out" | cut -d' ' -f1)" = "$(q "SELECT count(*) FROM vcase v
	JOIN town t ON t.id = v.town_id WHERE t.name = '乍浦镇' AND v.submitted_at >= '2025' AND
	v.submitted_at < '2026' AND EXISTS (SELECT 1 FROM wf_event e WHERE e.workflow = 'case' AND
	e.item_id = v.id AND e.at <= '2025-12-31T23:59:59+08:00')")"
# A unit's statistics as of then: the cases assigned to it (lead or supporting) now.
as_role unit 平湖市水利局
check "a unit's statistics as of the end of 2025" run 0 \
	"$RENDA" stats cases --by category --year 2025 --as-of 2025-12-31
check "  its count: the unit's cases received by then" test "$(figs "$T/out" | cut -d' ' -f1)" = \
	"$(q "SELECT count(*) FROM vcase v WHERE v.submitted_at >= '2025' AND v.submitted_at < '2026'
		AND EXISTS (SELECT 1 FROM vcase_unit cu JOIN unit u ON u.id = cu.unit_id WHERE
		cu.case_id = v.id AND u.name = '平湖市水利局') AND EXISTS (SELECT 1 FROM wf_event e
		WHERE e.workflow = 'case' AND e.item_id = v.id AND e.at <= '2025-12-31T23:59:59+08:00')")"
check "  some" test "$(figs "$T/out" | cut -d' ' -f1)" -gt 0
as_role admin

# The motions and suggestions as of the end of 2025 likewise: registered by then (a
# register step; the statistics take the number), in their state of then, evaluated
# then, their reply deadlines as they ran.
check "statistics of motions and suggestions as of the end of 2025" run 0 \
	"$RENDA" stats suggestions --by kind --as-of 2025-12-31
sfigs() { awk -F '\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i } NR > 1 && $1 == "" {
	print $c["count"], $c["closed"], $c["evaluated"], $c["satisfied"] + $c["basic"],
		$c["reply_due"], $c["reply_on_time"] }' "$1"; }
sfigs "$T/out" >"$T/asof"
q "WITH a(t, d) AS (SELECT '2025-12-31T23:59:59+08:00', '2025-12-31'),
i AS (SELECT s.id, (SELECT e.to_state FROM wf_event e, a WHERE e.workflow = 'suggestion' AND
	e.item_id = s.id AND e.at <= a.t ORDER BY e.at DESC, e.id DESC LIMIT 1) AS st,
	(SELECT substr(e.text, 1, instr(e.text || char(10), char(10)) - 1) FROM wf_event e, a
		WHERE e.workflow = 'suggestion' AND e.item_id = s.id AND e.action = 'evaluate' AND
		e.at <= a.t ORDER BY e.at DESC, e.id DESC LIMIT 1) AS ev
	FROM suggestion s WHERE EXISTS (SELECT 1 FROM wf_event e, a WHERE e.workflow = 'suggestion'
		AND e.item_id = s.id AND e.action = 'register' AND e.at <= a.t)),
n AS (SELECT * FROM i WHERE st <> 'merged'),
k AS (SELECT k.clock, CASE WHEN k.stopped <= a.d THEN k.outcome END AS o, k.due, a.d AS d
	FROM wf_clock k JOIN n ON n.id = k.item_id, a WHERE k.workflow = 'suggestion' AND
	k.clock IN ('reply', 'rehandle') AND k.started <= a.d)
SELECT (SELECT count(*) FROM n) || ' ' || (SELECT count(*) FROM n WHERE st = 'closed') || ' ' ||
	(SELECT count(*) FROM n WHERE ev IN ('satisfied', 'basic', 'unsatisfied')) || ' ' ||
	(SELECT count(*) FROM n WHERE ev IN ('satisfied', 'basic')) || ' ' ||
	(SELECT count(*) FROM k WHERE o IN ('met', 'late') OR (o IS NULL AND due < d)) || ' ' ||
	(SELECT count(*) FROM k WHERE o = 'met')" >"$T/recount"
check "  equal the histories' recount" cmp -s "$T/asof" "$T/recount"
"$RENDA" stats suggestions --by kind >"$T/now"
check "  which are not today's: fewer closed then" test \
	"$(cut -d' ' -f2 "$T/asof")" -lt "$(sfigs "$T/now" | cut -d' ' -f2)"

# The livelihood projects of 2025 as of the middle of 2025: the progress of the latest
# update recorded by then (0 without one), the updates recorded by then, and the months
# without an update as the update deadlines ran then.
check "statistics of the projects of 2025 as of June 30, 2025" run 0 \
	"$RENDA" stats projects --by project --year 2025 --as-of 2025-06-30
pfigs() { awk -F '\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i } NR > 1 && $1 == "" {
	print $c["projects"], $c["progress"], $c["updates"], $c["months_missed"] }' "$1"; }
pfigs "$T/out" >"$T/asof"
q "WITH p AS (SELECT p.id FROM pproject p JOIN pcycle c ON c.id = p.cycle_id WHERE
	c.year = 2025 AND EXISTS (SELECT 1 FROM wf_event e WHERE e.workflow = 'project' AND
	e.item_id = p.id AND e.at <= '2025-06-30T23:59:59+08:00')),
l AS (SELECT p.id, coalesce((SELECT u.percent FROM pupdate u WHERE u.project_id = p.id AND
	u.at <= '2025-06-30T23:59:59+08:00' ORDER BY u.day DESC, u.at DESC LIMIT 1), 0) AS pct
	FROM p)
SELECT (SELECT count(*) FROM l), (SELECT sum(pct) FROM l),
	(SELECT count(*) FROM pupdate u JOIN p ON p.id = u.project_id WHERE
		u.at <= '2025-06-30T23:59:59+08:00'),
	(SELECT count(*) FROM wf_clock k JOIN p ON p.id = k.item_id WHERE k.workflow = 'project'
		AND k.clock = 'update' AND k.started <= '2025-06-30' AND ((k.stopped <= '2025-06-30'
		AND k.outcome = 'late') OR ((k.stopped IS NULL OR k.stopped > '2025-06-30') AND
		k.due < '2025-06-30')))" | awk -F '|' '{ printf "%d %.2f %d %d\n", $1, $2 / $1 + 1e-9, $3, $4 }' \
	>"$T/recount"
check "  equal the histories' recount" cmp -s "$T/asof" "$T/recount"
"$RENDA" stats projects --by project --year 2025 >"$T/now"
check "  which are not today's: fewer updates then" test \
	"$(cut -d' ' -f3 "$T/asof")" -lt "$(pfigs "$T/now" | cut -d' ' -f3)"

# As of now, the histories (wf_event, wf_clock) say what the states say.
check "as of this very time" run 0 "$RENDA" cockpit --as-of 2026-03-02T09:00:00+08:00
exact_of "$T/out" "$T/city" >"$T/a"
exact_of "$T/out" "$T/out" >"$T/b"
check "the histories give the figures of the states" cmp -s "$T/a" "$T/b"
check "most figures read from the histories" test "$(wc -l <"$T/a")" -gt 20

# The motions and suggestions as of the end of 2025, recounted from the histories: closed
# then, key supervised by then and in progress then (most were closed long before, some
# only after).
check "the cockpit as of the end of 2025" run 0 "$RENDA" cockpit --as-of 2025-12-31
echo "$(fig "$T/out" suggestion.closed) $(fig "$T/out" suggestion.key) $(fig "$T/out" \
	suggestion.open)" >"$T/asof"
q "WITH i AS (SELECT (SELECT e.to_state FROM wf_event e WHERE e.workflow = 'suggestion' AND
	e.item_id = s.id AND e.at <= '2025-12-31T23:59:59+08:00' ORDER BY e.at DESC, e.id DESC
	LIMIT 1) AS st, EXISTS (SELECT 1 FROM wf_event e WHERE e.workflow = 'suggestion' AND
	e.item_id = s.id AND e.action = 'supervise' AND e.at <= '2025-12-31T23:59:59+08:00') AS ks
	FROM suggestion s)
SELECT (SELECT count(*) FROM i WHERE st = 'closed') || ' ' || (SELECT count(*) FROM i WHERE ks)
	|| ' ' || (SELECT count(*) FROM i WHERE st IN ('draft', 'submitted', 'registered',
	'assigned', 'replied', 'followup'))" >"$T/recount"
check "  its motions and suggestions closed, key supervised, in progress: the histories'" \
	cmp -s "$T/asof" "$T/recount"
diff "$T/asof" "$T/recount" | diag
check "  fewer closed then than now" test \
	"$(cut -d' ' -f1 "$T/asof")" -lt "$(fig "$T/city" suggestion.closed)"
check "  some closed after then, on their rows after then" test "$(q "SELECT count(*) FROM
	suggestion WHERE state = 'closed' AND closed_at > '2025-12-31T23:59:59+08:00'")" -gt 0
check "  some key supervised then" test "$(cut -d' ' -f2 "$T/asof")" -gt 0
# The voter issues overdue then, recounted from the deadlines: one of theirs had started by
# then, was not stopped by then and its day was before that day; some were stopped since
# (those renda finds through the deadlines stopped late).
late_then="k.workflow = 'case' AND k.clock IN ('respond', 'reply', 'rehandle') AND
	k.started <= '2025-12-31T23:59:59+08:00' AND k.due < '2025-12-31'"
check "  its voter issues overdue then: the deadlines' recount" test "$(fig "$T/out" \
	case.overdue)" = "$(q "SELECT count(*) FROM vcase v WHERE v.submitted_at <=
	'2025-12-31T23:59:59+08:00' AND v.id IN (SELECT k.item_id FROM wf_clock k WHERE $late_then
	AND (k.stopped IS NULL OR k.stopped > '2025-12-31T23:59:59+08:00'))")"
check "  some of them stopped since" test "$(q "SELECT count(*) FROM wf_clock k WHERE $late_then
	AND k.stopped > '2025-12-31T23:59:59+08:00'")" -gt 0

# The workbook as of a day holds what the CLI prints as of that day: a sheet and a chart
# per panel, A4, fit to the width, the title rows repeated.
check "the workbook as of March 1" run 0 "$RENDA" report cockpit --as-of 2026-03-01 --out "$T/c.xlsx"
contains "$T/out" "figures"
"$RENDA" cockpit --as-of 2026-03-01 >"$T/cli1"
awk -F '\t' 'NR > 1 { print $2 "\t" $5 }' "$T/cli1" | sort >"$T/cli"
$PY - "$T/c.xlsx" "$T/cli1" >"$T/xlraw" <<'PY'
import sys
import openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
# Counts are whole numbers, the other kinds two decimals: the kinds are the CLI's.
kinds = dict(line.split("\t")[1:4:2] for line in open(sys.argv[2]))
for ws in wb:
    print("SHEET", ws.title, len(ws._charts), ws.page_setup.paperSize,
          ws.sheet_properties.pageSetUpPr.fitToPage,
          # fitToWidth is 1 when absent (ECMA-376 18.3.1.63): openpyxl reads None
          ws.page_setup.fitToWidth in (None, 1, "1") and str(ws.page_setup.fitToHeight) == "0",
          ws.print_title_rows, sep="\t")
    on = False
    for row in ws.iter_rows(values_only=True):
        if on and row[0]:
            v = row[2]
            v = "" if v is None else str(v) if kinds[row[0]] == "count" else "%.2f" % v
            print(row[0], v, sep="\t")
        on = on or row[0] == "Code"
PY
grep -v '^SHEET' "$T/xlraw" | sort >"$T/xl"
check "the workbook's figures are the CLI's" cmp -s "$T/cli" "$T/xl"
diff "$T/cli" "$T/xl" | head -5 | diag
check "a sheet per panel" test "$(grep -c '^SHEET' "$T/xlraw")" = \
	"$(tsv_col "$T/cli1" panel | sort -u | wc -l)"
check "a chart on each, A4, fit to one page wide, the title rows repeated" test \
	"$(grep '^SHEET' "$T/xlraw" | cut -f3-7 | sort -u)" = "$(printf '1\t9\tTrue\tTrue\t$1:$3')"
# In print the values stand apart from the list names beside them (an indent).
check "the list names are set apart from the values" test "$($PY -c '
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
print(sorted({c.alignment.indent for c in ws["D"][3:] if c.value}))' "$T/c.xlsx")" = "[1.0]"
check "in Chinese for a Chinese clerk" run 0 env LANGUAGE=zh_CN LC_ALL=zh_CN.UTF-8 \
	"$RENDA" report cockpit --as-of 2026-03-01 --out "$T/zh.xlsx"
$PY -c 'import sys, openpyxl; print(" ".join(openpyxl.load_workbook(sys.argv[1]).sheetnames))' \
	"$T/zh.xlsx" >"$T/names"
check "sheets named in Chinese" contains "$T/names" "民情事项 议案建议"

# A town clerk: the town's figures only, each the count of the town's list.
as_role town-clerk 乍浦镇
check "a town clerk's cockpit" run 0 "$RENDA" cockpit
cp "$T/out" "$T/town"
check "each count equals the count of the town's list" counts_agree "$T/town"
check "fewer open voter issues than the city's" test \
	"$(fig "$T/town" case.open)" -lt "$(fig "$T/city" case.open)"
check "the town's open voter issues are the town's" test "$(fig "$T/town" case.open)" = \
	"$("$RENDA" case list --status open --town 乍浦镇 | nrows)"
check "no finance warnings for a town clerk" test -z "$(tsv_col "$T/town" panel | grep warnings)"
as_role unit 平湖市住房和城乡建设局
check "a unit operator's cockpit" run 0 "$RENDA" cockpit
cp "$T/out" "$T/unit"
check "each count equals the count of the unit's list" counts_agree "$T/unit"
as_role admin

check "a bad as-of time is refused" run 1 "$RENDA" cockpit --as-of 2026-13-40
check "a bad period is refused" run 2 "$RENDA" cockpit --period week
check "the period month counts the categories of the month" run 0 "$RENDA" cockpit --period month
check "in the month's list" test "$(awk -F '\t' '$2 == "case.category.QT" { print $7 }' "$T/out")" = \
	"month=2026-03;category=QT"
check "the month's list is the month's" counts_agree "$T/out"
check "a bad month filter is named" run 1 "$RENDA" case list --month 2026-3
contains "$T/err" month

# ---- as of a past day: the figures of that day ----------------------------------------
RENDA_DB="$T/asof.db"
export RENDA_DB
small_db
zp=$(deputy_code 沈建国)
xd=$(deputy_code 钱佳怡)
add() { "$RENDA" case add --deputy "$1" --category "$2" --title "$3" --content "$3。" >/dev/null; }
at 2026-03-02T09:00:00+08:00
add "$zp" 城市建设 乍浦镇中心路路灯不亮
add "$zp" 农业农村 乍浦镇农田灌溉渠堵塞
add "$xd" 生态环境 新埭镇河道漂浮物
"$RENDA" case act 2026-000001 forward >/dev/null
"$RENDA" case act 2026-000001 assign --unit 平湖市住房和城乡建设局 >/dev/null
"$RENDA" case act 2026-000002 forward >/dev/null
"$RENDA" case act 2026-000002 assign --unit 平湖市住房和城乡建设局 >/dev/null
at 2026-03-12T09:00:00+08:00
check "the figures of March 12" run 0 "$RENDA" cockpit
cp "$T/out" "$T/day"
check "their counts are those of the lists" counts_agree "$T/day"
check "one voter issue overdue on March 12 (its respond deadline past)" test \
	"$(fig "$T/day" case.overdue)" -ge 1
# Afterwards: a response, a reply and a satisfied evaluation close one; a new one comes;
# another is rejected.
at 2026-03-13T10:00:00+08:00
as_role unit 平湖市住房和城乡建设局
"$RENDA" case act 2026-000001 respond --text 已安排人员查看。 >/dev/null
"$RENDA" case act 2026-000001 reply --text 路灯已修复。 >/dev/null
"$RENDA" case act 2026-000002 respond --text 收到。 >/dev/null
as_role admin
"$RENDA" case act 2026-000001 evaluate --eval satisfied >/dev/null
add "$xd" 其他 新埭镇公交站台破损
at 2026-04-02T09:00:00+08:00
add "$zp" 其他 乍浦镇菜场噪音
check "the figures changed since" run 0 "$RENDA" cockpit
check "fewer open voter issues now" test "$(fig "$T/out" case.open)" != "$(fig "$T/day" case.open)"
check "and a new month" test "$(fig "$T/out" case.month)" = 1
check "as of March 12, asked on April 2" run 0 "$RENDA" cockpit --as-of 2026-03-12T09:00:00+08:00
exact_of "$T/out" "$T/day" >"$T/a"
exact_of "$T/out" "$T/out" >"$T/b"
check "reproduces every as-of-exact figure of March 12" cmp -s "$T/a" "$T/b"
diff "$T/a" "$T/b" | diag
check "the open voter issues of that day" test "$(fig "$T/out" case.open)" = 3
check "a day stands for its end" run 0 "$RENDA" cockpit --as-of 2026-03-12
check "the same open voter issues" test "$(fig "$T/out" case.open)" = 3
# March 14: the one closed on March 13 (its closing time on its row) is open no more, the
# one added on March 13 is: still three, the April one not yet.
check "as of March 14" run 0 "$RENDA" cockpit --as-of 2026-03-14
check "  three open: the closed one left, the new one came" test "$(fig "$T/out" case.open)" = 3
check "  and the closed one is closed then by its history too" test \
	"$(q "SELECT to_state FROM wf_event WHERE workflow = 'case' AND item_id = (SELECT id FROM
		vcase WHERE number LIKE '%000001') AND at <= '2026-03-14T23:59:59+08:00' ORDER BY at DESC,
		id DESC LIMIT 1")" = closed

done_testing
