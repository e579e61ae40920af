#!/bin/sh
# The statistics of voter issues equal a recount: on renda demo's cases, for every
# breakdown and each year, `renda stats cases` gives, row by row, what a GROUP BY over
# the cases and their deadline clocks (sqlite3, written here from the definitions of
# renda(1), not from renda's own SQL) counts: cases, open, closed, rejected, overdue,
# deadlines due and met, evaluations. renda counts answered deadlines from the tallies
# its triggers keep as clocks stop (migration case-tallies): the recount reads the clocks
# themselves. Then a few more steps move the tallies, and the two agree again. The same
# for motions and suggestions by lead unit, whose tallies are schema 21's.
. "$SRCDIR/tests/lib.sh"

export RENDA_NOW=2026-03-02T09:00:00+08:00
check "renda demo" run 0 "$RENDA" demo
today=${RENDA_NOW%%T*}
check "nothing in the demo's histories is dated after its clock" test \
	"$(q "SELECT count(*) FROM wf_event WHERE julianday(at) > julianday('$RENDA_NOW')")" = 0
# The duty points count a voter issue received by its submission time (case_points.c):
# each case's first step is its creation, dated at that time, and no step is earlier.
check "each case's first step is dated at its submission, and none before" test "$(q "
	SELECT count(*) FROM vcase v WHERE (SELECT e.at FROM wf_event e WHERE e.workflow = 'case'
		AND e.item_id = v.id ORDER BY e.id LIMIT 1) IS NOT v.submitted_at OR EXISTS (SELECT 1
		FROM wf_event e WHERE e.workflow = 'case' AND e.item_id = v.id AND
		e.at < v.submitted_at)")" = 0

# recount KEYEXPR YEAR: key, count, open, closed, rejected, overdue, respond_due,
# respond_on_time, reply_due, reply_on_time, evaluated, satisfied, basic, unsatisfied.
recount() {
	q "WITH k AS (SELECT item_id AS id,
		max(outcome IS NULL AND due < '$today') AS overdue,
		sum(clock = 'respond' AND (outcome IN ('met', 'late') OR (outcome IS NULL AND due < '$today'))) AS rdue,
		sum(clock = 'respond' AND outcome = 'met') AS rmet,
		sum(clock <> 'respond' AND (outcome IN ('met', 'late') OR (outcome IS NULL AND due < '$today'))) AS pdue,
		sum(clock <> 'respond' AND outcome = 'met') AS pmet
		FROM wf_clock WHERE workflow = 'case' AND clock IN ('respond', 'reply', 'rehandle')
		GROUP BY item_id)
	SELECT $1, count(*), sum(v.state NOT IN ('closed', 'rejected')), sum(v.state = 'closed'),
		sum(v.state = 'rejected'), sum(coalesce(k.overdue, 0)), sum(coalesce(k.rdue, 0)),
		sum(coalesce(k.rmet, 0)), sum(coalesce(k.pdue, 0)), sum(coalesce(k.pmet, 0)),
		sum(v.evaluation IS NOT NULL), sum(coalesce(v.evaluation, '') = 'satisfied'),
		sum(coalesce(v.evaluation, '') = 'basic'), sum(coalesce(v.evaluation, '') = 'unsatisfied')
	FROM vcase v LEFT JOIN k ON k.id = v.id
	LEFT JOIN category c ON c.id = v.category_id LEFT JOIN town t ON t.id = v.town_id
	LEFT JOIN unit u ON u.id = v.lead_unit_id LEFT JOIN deputy d ON d.id = v.deputy_id
	WHERE v.submitted_at >= '$2' AND v.submitted_at < '$(($2 + 1))'
	GROUP BY 1 HAVING count(*) > 0 ORDER BY 1" | tr '|' '\t'
}
# stats BY YEAR: the same columns from renda, rows with cases, by key.
stats() {
	"$RENDA" stats cases --by "$1" --year "$2" >"$T/stats" || return 1
	awk -F '\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		$2 != "Total" && $(c["count"]) > 0 {
			print $(c["key"]) "\t" $(c["count"]) "\t" $(c["open"]) "\t" $(c["closed"]) "\t" \
			$(c["rejected"]) "\t" $(c["overdue"]) "\t" $(c["respond_due"]) "\t" \
			$(c["respond_on_time"]) "\t" $(c["reply_due"]) "\t" $(c["reply_on_time"]) "\t" \
			$(c["evaluated"]) "\t" $(c["satisfied"]) "\t" $(c["basic"]) "\t" $(c["unsatisfied"]) }' \
		"$T/stats" | LC_ALL=C sort
}
# agree BY KEYEXPR YEAR
agree() {
	stats "$1" "$3" >"$T/renda" || return 1
	recount "$2" "$3" | LC_ALL=C sort >"$T/recount"
	if [ -s "$T/recount" ] && cmp -s "$T/renda" "$T/recount"; then return 0; fi
	echo "# --by $1 --year $3: renda, then the recount"
	diff "$T/renda" "$T/recount" | head -6 | diag
	return 1
}

years=$(q "SELECT DISTINCT substr(submitted_at, 1, 4) FROM vcase ORDER BY 1")
all_agree() {
	for y in $years; do
		check "$1: by category, $y" agree category c.code "$y"
		check "$1: by town, $y" agree town t.code "$y"
		check "$1: by unit, $y" agree unit "coalesce(u.code, '')" "$y"
		check "$1: by status, $y" agree status v.state "$y"
		check "$1: by month, $y" agree month "substr(v.submitted_at, 1, 7)" "$y"
		check "$1: by channel, $y" agree channel v.channel "$y"
		check "$1: by deputy, $y" agree deputy "coalesce(d.code, '')" "$y"
	done
}
all_agree "the demo"
check "the demo's cases have answered deadlines" \
	test "$(q "SELECT count(*) FROM wf_clock WHERE workflow = 'case' AND outcome = 'late'")" -gt 0

# More steps: responses and replies (on time), a return (cancelled clocks), a reject.
n=0
for id in $(q "SELECT id FROM vcase WHERE state = 'assigned' ORDER BY id DESC LIMIT 6"); do
	"$RENDA" case act "$id" respond --text "已收到" >/dev/null 2>&1 && n=$((n + 1))
	"$RENDA" case act "$id" reply --text "已办理" >/dev/null 2>&1 && n=$((n + 1))
done
for id in $(q "SELECT id FROM vcase WHERE state = 'forwarded' ORDER BY id DESC LIMIT 2"); do
	"$RENDA" case act "$id" reject --text "不属于受理范围" >/dev/null 2>&1 && n=$((n + 1))
done
check "steps taken" test "$n" -ge 8
all_agree "after more steps"

# ---- motions and suggestions --------------------------------------------------------
# The same for motions and suggestions (schema 21: renda counts their answered reply
# deadlines from the tallies its triggers keep, and their items from an index): by lead
# unit, the items registered or merged and not merged, those with a deadline past its day
# unanswered (overdue), the reply deadlines that have come and those met, from the items
# and their clocks (renda(1)'s definitions: a reply or re-handling deadline has come once
# answered or past its day; the opinion deadline makes an item overdue too).
srecount() {
	q "WITH k AS (SELECT item_id AS id,
		max(outcome IS NULL AND stopped IS NULL AND due < '$today') AS overdue,
		sum(clock IN ('reply', 'rehandle') AND (outcome IN ('met', 'late') OR
			(stopped IS NULL AND due < '$today'))) AS due,
		sum(clock IN ('reply', 'rehandle') AND outcome = 'met') AS met
		FROM wf_clock WHERE workflow = 'suggestion' AND clock IN ('reply', 'rehandle', 'opinion')
		GROUP BY item_id)
	SELECT coalesce(u.code, ''), sum(s.state <> 'merged'), sum(s.state <> 'merged' AND
		coalesce(k.overdue, 0)), sum(coalesce(k.due, 0)), sum(coalesce(k.met, 0))
	FROM suggestion s LEFT JOIN k ON k.id = s.id LEFT JOIN unit u ON u.id = s.lead_unit_id
	WHERE s.number IS NOT NULL OR s.state = 'merged' GROUP BY 1 ORDER BY 1" | tr '|' '\t' |
		LC_ALL=C sort
}
sagree() {
	"$RENDA" stats suggestions --by unit >"$T/sstats" || return 1
	awk -F '\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next } $2 != "Total" {
		k = $(c["key"]); if ($2 == "(not assigned to a unit)") k = ""
		print k "\t" $(c["count"]) "\t" $(c["overdue"]) "\t" $(c["reply_due"]) "\t" \
			$(c["reply_on_time"]) }' "$T/sstats" | LC_ALL=C sort >"$T/srenda"
	srecount >"$T/srecount"
	if [ -s "$T/srecount" ] && cmp -s "$T/srenda" "$T/srecount"; then return 0; fi
	diff "$T/srenda" "$T/srecount" | head -6 | diag
	return 1
}
check "motions and suggestions by unit: the demo" sagree
# The overdue list: the items with a reply, re-handling or opinion deadline past its day
# and not answered, newest first, as a recount of the clocks lists them.
check "the overdue motions and suggestions are those of the clocks" sh -c "
	'$RENDA' suggestion list --overdue --limit 100000 | awk -F '\t' 'NR > 1 { print \$1 }' >'$T/od'
	$(command -v sqlite3) '$RENDA_DB' \"SELECT s.id FROM suggestion s WHERE EXISTS (SELECT 1 FROM
		wf_clock k WHERE k.workflow = 'suggestion' AND k.item_id = s.id AND k.stopped IS NULL AND
		k.clock IN ('reply', 'rehandle', 'opinion') AND k.due < '$today') ORDER BY s.id DESC\" |
		cmp -s - '$T/od' && test -s '$T/od'"
check "  the tallies hold every answered reply deadline, as the clocks do" test "$(q "
	SELECT count(*) FROM (SELECT item_id, count(*) AS a, sum(outcome = 'met') AS m FROM wf_clock
		WHERE workflow = 'suggestion' AND clock IN ('reply', 'rehandle') AND outcome IN ('met', 'late')
		GROUP BY item_id) c FULL JOIN suggestion_tally t ON t.suggestion_id = c.item_id
	WHERE c.a IS NOT t.answered OR c.m IS NOT t.met")" = 0
n=0
for id in $(q "SELECT id FROM suggestion WHERE state = 'assigned' ORDER BY id DESC LIMIT 4"); do
	"$RENDA" suggestion act "$id" reply --class A --text 已办理 >/dev/null 2>&1 && n=$((n + 1))
done
check "replies to motions and suggestions" test "$n" -ge 2
check "  stop their clocks into the tallies" test "$(q "SELECT sum(answered) FROM suggestion_tally")" = \
	"$(q "SELECT count(*) FROM wf_clock WHERE workflow = 'suggestion' AND clock IN ('reply', 'rehandle')
		AND outcome IN ('met', 'late')")"
check "motions and suggestions by unit: after the replies" sagree
done_testing
