#!/bin/sh
# The duty points' totals kept between readings (schema 20): after every kind of change
# that moves a deputy's points (a voter issue received or forwarded, a motion or
# suggestion led, co-signed or withdrawn, an activity's attendance, a correction, an
# opinion on a project, the roster, the rules), the ranking read with the totals kept
# equals the ranking computed from the records alone (the same database with nothing
# kept); the change marks its deputies in its own transaction and the next reading
# clears the marks; a reading as of a past time keeps nothing; and the totals kept are
# really read (one altered by hand shows until a change of its deputy).
. "$SRCDIR/tests/lib.sh"

at() { RENDA_NOW="$1"; export RENDA_NOW; }
Q() { sqlite3 "$RENDA_DB" "$1"; }
at 2026-03-02T09:00:00+08:00
"$RENDA" demo >/dev/null 2>&1 || { echo "Bail out! renda demo failed"; exit 1; }

# fresh: the ranking of the year computed from the records alone, in a copy of the
# database with no total kept, into $T/fresh.
fresh() {
	rm -f "$T/copy.db"
	sqlite3 "$RENDA_DB" ".backup '$T/copy.db'" && cp "$RENDA_DB.key" "$T/copy.db.key" 2>/dev/null
	sqlite3 "$T/copy.db" "DELETE FROM points_total; DELETE FROM points_stale" &&
		RENDA_DB="$T/copy.db" "$RENDA" points ranking --year 2026 >"$T/fresh"
}
# agrees: the ranking read now (with the totals kept) equals the one computed afresh.
agrees() {
	"$RENDA" points ranking --year 2026 >"$T/kept" || return 1
	fresh || return 1
	cmp -s "$T/kept" "$T/fresh" || { diff "$T/kept" "$T/fresh" | head -5 | diag; return 1; }
}
total() { awk -F '\t' -v c="$2" '$3 == c { print $8 }' "$1"; }
marked() { test "$(Q "SELECT count(*) FROM points_stale WHERE deputy_id = $1")" = 1; }
# spoil CODE: alters the total kept of a deputy by hand (what no change of renda does).
spoil() { Q "UPDATE points_total SET total = total + 100000 WHERE year = 2026 AND deputy_id = (SELECT id FROM deputy WHERE code = '$1')"; }

check "the first reading computes every deputy" agrees
n=$(awk 'NR > 1' "$T/kept" | wc -l)
check "  and keeps the totals of all $n" test "$(Q "SELECT count(*) FROM points_total WHERE year = 2026")" = "$n"
check "  with no mark left on a deputy of the year" test \
	"$(Q "SELECT count(*) FROM points_stale s JOIN points_total t ON t.deputy_id = s.deputy_id")" = 0
x=$(awk -F '\t' 'NR == 2 { print $3 }' "$T/kept")
xid=$(Q "SELECT id FROM deputy WHERE code = '$x'")
spoil "$x"
"$RENDA" points ranking --year 2026 >"$T/spoilt"
check "  (altered by hand, it shows: the kept totals are what a reading uses)" test \
	"$(total "$T/spoilt" "$x")" != "$(total "$T/fresh" "$x")"

# Each change below first spoils the kept total of its deputy: the reading after it must
# compute that deputy again (the mark) and agree with a computation from the records.
at 2026-03-02T10:00:00+08:00
check "a voter issue brought to $x" run 0 "$RENDA" case add --category 城市建设 --title 路灯不亮 \
	--content 小区路灯坏了 --deputy "$x"
case_id=$(sed -n 's/^added case \([0-9]*\).*/\1/p' "$T/out")
check "  marks $x in its own transaction" marked "$xid"
check "  the reading agrees with the records" agrees
check "  and clears the mark" test "$(Q "SELECT count(*) FROM points_stale WHERE deputy_id = $xid")" = 0
check "  (the total kept is the true one again)" test "$(total "$T/kept" "$x")" = "$(total "$T/fresh" "$x")"

spoil "$x"
check "the voter issue forwarded (民情直通)" run 0 "$RENDA" case act "$case_id" forward
check "  marks $x" marked "$xid"
check "  agrees" agrees

y=$(awk -F '\t' 'NR == 3 { print $3 }' "$T/kept")
yid=$(Q "SELECT id FROM deputy WHERE code = '$y'")
spoil "$x"
spoil "$y"
check "a suggestion led by $x" run 0 "$RENDA" suggestion add --kind suggestion --deputy "$x" \
	--category 其他 --title 关于增设公交站点的建议 --proposal 增设站点
sid=$(sed -n 's/^added draft \([0-9]*\).*/\1/p' "$T/out")
check "  $y invited and co-signs" sh -c "'$RENDA' suggestion invite '$sid' --deputy '$y' >/dev/null &&
	'$RENDA' suggestion cosign '$sid' --confirm --deputy '$y' >/dev/null"
check "  submitted" run 0 "$RENDA" suggestion act "$sid" submit
check "  marks the lead and the co-signer" sh -c "$(command -v sqlite3) '$RENDA_DB' \
	'SELECT count(*) FROM points_stale WHERE deputy_id IN ($xid, $yid)' | grep -qx 2"
check "  agrees" agrees
check "  (both score now)" test "$(total "$T/kept" "$x")|$(total "$T/kept" "$y")" = \
	"$(total "$T/fresh" "$x")|$(total "$T/fresh" "$y")"
spoil "$y"
check "  $x's lines count it" sh -c "'$RENDA' points events '$x' --year 2026 | grep -q 'suggestion:$sid:lead'"
at 2026-03-02T11:00:00+08:00
check "withdrawn" run 0 "$RENDA" suggestion act "$sid" withdraw --text 撤回
check "  marks the co-signer too" marked "$yid"
check "  agrees" agrees
check "  $x's lines count it no more" sh -c "! '$RENDA' points events '$x' --year 2026 |
	grep -q 'suggestion:$sid:'"
check "  nor $y's" sh -c "! '$RENDA' points events '$y' --year 2026 | grep -q 'suggestion:$sid:'"
check "  but as of before the withdrawal they did" sh -c "'$RENDA' points events '$x' --year 2026 \
	--as-of 2026-03-02T10:30:00+08:00 | grep -q 'suggestion:$sid:lead' &&
	'$RENDA' points events '$y' --year 2026 --as-of 2026-03-02T10:30:00+08:00 |
	grep -q 'suggestion:$sid:cosign'"

spoil "$x"
check "a correction of $x" run 0 "$RENDA" points correct "$x" --item research --date 2026-02-20 \
	--reason 漏记调研
check "  marks $x" marked "$xid"
check "  agrees" agrees

spoil "$x"
check "an activity $x attends" sh -c "
	'$RENDA' activity add --kind inspection --title 视察 --starts '2026-02-25 09:00' --place 现场 >'$T/a' &&
	a=\$(sed -n 's/^added activity \([0-9]*\) .*/\1/p' '$T/a') &&
	'$RENDA' activity act \$a open >/dev/null && '$RENDA' activity sign-up \$a --deputy '$x' >/dev/null &&
	'$RENDA' activity confirm \$a --deputy '$x' >/dev/null && '$RENDA' activity act \$a close-signup >/dev/null &&
	'$RENDA' activity attendance \$a --present '$x' --done >/dev/null"
check "  marks $x" marked "$xid"
check "  agrees" agrees

spoil "$x"
proj=$(Q "SELECT p.number FROM pproject p JOIN pcycle c ON c.id = p.cycle_id WHERE c.year = 2026 ORDER BY p.id LIMIT 1")
check "an opinion of $x on project $proj" run 0 "$RENDA" project opinion add "$proj" --deputy "$x" \
	--text 建议加快进度
check "  marks $x" marked "$xid"
check "  agrees" agrees

spoil "$x"
check "the roster: $x leaves office" run 0 "$RENDA" deputy edit "$x" --status left --left_date 2026-03-01
check "  marks $x" marked "$xid"
check "  agrees (the year pro-rated)" agrees

spoil "$y"
check "a new version of the rules" run 0 "$RENDA" points rules add-version --from 2026-03-03 \
	--set research=4
check "  marks every deputy" test "$(Q "SELECT count(*) FROM points_stale WHERE deputy_id = 0")" = 1
check "  agrees" agrees
check "  the mark of all is gone" test "$(Q "SELECT count(*) FROM points_stale WHERE deputy_id = 0")" = 0
check "  no deputy of the year left marked" test \
	"$(Q "SELECT count(*) FROM points_stale s JOIN points_total t ON t.deputy_id = s.deputy_id")" = 0

# ---- what each reading keeps and reads ------------------------------------------------------
Q "DELETE FROM points_total"
check "a ranking as of a past day" run 0 "$RENDA" points ranking --year 2026 --as-of 2026-02-01
check "  keeps nothing" test "$(Q "SELECT count(*) FROM points_total")" = 0
check "a deputy's year (points show) keeps the totals it computed" run 0 "$RENDA" points show "$x"
check "  (the others', for the rank)" test "$(Q "SELECT count(*) FROM points_total")" -gt 1
# A deputy's lines are never the kept totals: with theirs spoilt, the lines are those a
# database with nothing kept gives, and they add up to the true total.
spoil "$x"
check "a deputy's lines (points events)" run 0 "$RENDA" points events "$x"
cp "$T/out" "$T/events-kept"
fresh
check "  are read from the records, as with nothing kept" sh -c \
	"RENDA_DB='$T/copy.db' '$RENDA' points events '$x' | cmp -s - '$T/events-kept'"
check "  and add up to the true total" test \
	"$(awk -F '\t' 'NR > 1 { s += $6 } END { print s + 0 }' "$T/events-kept")" = "$(total "$T/fresh" "$x")"
Q "DELETE FROM points_total"
check "the cockpit's top points keep the totals" run 0 "$RENDA" cockpit
check "  of every deputy" test "$(Q "SELECT count(*) FROM points_total")" -gt 0
check "  and agree with the records" agrees
# Scope: a town clerk's reading takes the kept totals of the town's deputies and gives
# what the records give (and keeps them for the city's next reading).
"$RENDA" points correct "$x" --item research --date 2026-02-21 --reason 补登调研 >/dev/null
as_role town-clerk "$(Q "SELECT t.name FROM deputy d JOIN town t ON t.id = d.town_id WHERE d.code = '$x'")"
check "a town clerk's ranking" run 0 "$RENDA" points ranking --year 2026
check "  the town's deputies alone" test "$(tsv_col "$T/out" town | sort -u | wc -l)" = 1
fresh
check "  each with the total of the records" sh -c "
	awk -F '\t' 'NR == FNR { t[\$3] = \$8; next } FNR > 1 && t[\$3] != \$8 { exit 1 }' '$T/fresh' '$T/out'"
check "  $x among them, computed again after the change" test "$(total "$T/out" "$x")" = "$(total "$T/fresh" "$x")"
as_role admin
check "the city's reading after it agrees" agrees
done_testing
