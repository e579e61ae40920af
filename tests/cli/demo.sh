#!/bin/sh
# How the demo is written (src/model/core/demo.c): without the log while it is made, then
# back in WAL mode, whole and synced; a demo stopped by a signal leaves no files behind;
# an existing database is never touched; a town's own demo is what the city's first exchange
# file for the town makes of a new town's database.
. "$SRCDIR/tests/lib.sh"
# The demo is dated from the clock: the voter issues of its last day stop at the time it
# is made, so two demos made seconds apart (the city's, then a town's of the same seed)
# could differ by one. One fixed time for every demo of this file.
export RENDA_NOW=2026-05-20T15:30:00+08:00

"$RENDA" demo >"$T/out" 2>&1 || { diag <"$T/out"; echo "Bail out! renda demo failed"; exit 1; }
check "the demo database is in WAL mode, as every renda database" test "$(q "PRAGMA journal_mode")" = wal
check "  whole" test "$(q "PRAGMA integrity_check")" = ok
check "  with no journal left beside it" test ! -e "$RENDA_DB-journal"
check "  and renda reads it" run 0 "$RENDA" case list --limit 1
# A town has no standing committee: its presidium reviews a cycle's candidates and
# deliberates a project rated unsatisfied.
said() {
	q "SELECT count(*) FROM wf_event e JOIN pcycle c ON c.id = e.item_id
		WHERE e.workflow = 'project-cycle' AND e.action = 'review' AND c.level = '$1'
		AND e.text LIKE '%$2会议%'"
}
check "  its towns' cycles reviewed by the presidium ($(said town 主席团))" \
	test "$(said town 主席团)" -gt 0 -a "$(said town 常委会)" = 0
check "  the city's by the standing committee ($(said city 常委会))" \
	test "$(said city 常委会)" -gt 0 -a "$(said city 主席团)" = 0
deliberated() {
	q "SELECT count(*) FROM wf_event e JOIN pproject p ON p.id = e.item_id
		JOIN pcycle c ON c.id = p.cycle_id WHERE e.workflow = 'project'
		AND e.action = 'deliberate' AND c.level = '$1' AND e.text LIKE '%向$2报告%'"
}
check "  a town's project deliberated reports to the presidium ($(deliberated town 主席团))" \
	test "$(deliberated town 主席团)" -gt 0 -a "$(deliberated town 常委会)" = 0
check "  a city's to the standing committee ($(deliberated city 常委会))" \
	test "$(deliberated city 常委会)" -gt 0 -a "$(deliberated city 主席团)" = 0

# An existing database: the demo refuses it and leaves it as it was.
sum=$(sha256sum <"$RENDA_DB")
check "a demo over an existing database is refused" run 1 "$RENDA" demo
check "  which is left as it was" test "$(sha256sum <"$RENDA_DB")" = "$sum"

# Stopped once its files exist (its first step is reported after they are made).
stopped=$T/stopped.db
RENDA_DB=$stopped "$RENDA" demo --scale 20 >"$T/stop.out" 2>"$T/stop.err" &
pid=$!
n=0
until grep -q "demo: deputies" "$T/stop.err" 2>/dev/null || [ $n -ge 300 ]; do
	sleep 0.1
	n=$((n + 1))
done
check "a second demo is under way" test -e "$stopped"
kill -INT $pid
wait $pid
st=$?
check "  stopped by Ctrl-C, it ends as the signal says (status $st)" test $st = 130
check "  and leaves no files: $(ls "$stopped"* 2>/dev/null | tr '\n' ' ')" \
	sh -c '! ls "$1"* >/dev/null 2>&1' - "$stopped"

# A town's own database (--site): the same seed's city demo, exchanged to the town.
zp=$T/zp.db
check "a town's own demo (乍浦镇)" run 0 env RENDA_DB="$zp" "$RENDA" demo --site 乍浦镇
town=$(q "SELECT id FROM town WHERE name = '乍浦镇'")
check "  is 乍浦镇's site" test "$(sqlite3 "$zp" "SELECT value FROM meta WHERE key = 'site'")" = "$town"
q "SELECT number FROM vcase WHERE town_id = $town ORDER BY number" >"$T/city-cases"
sqlite3 "$zp" "SELECT number FROM vcase ORDER BY number" >"$T/zp-cases"
check "  holding the city demo's voter issues of 乍浦镇 ($(wc -l <"$T/city-cases")), no others" \
	cmp -s "$T/city-cases" "$T/zp-cases"
check "  and the city's reference data" test "$(sqlite3 "$zp" "SELECT count(*) FROM category")" = \
	"$(q "SELECT count(*) FROM category")" -a "$(q "SELECT count(*) FROM category")" -gt 0
check "  exchanging with the city" run 0 env RENDA_DB="$zp" "$RENDA" sync peers
check "  (its key loaded)" test "$(awk -F '\t' 'NR == 2 { print $1 }' "$T/out")" = 0
check "  with the town's clerk of the city demo" test \
	"$(sqlite3 "$zp" "SELECT login || ' ' || role || ' ' || town_id FROM app_user WHERE login <> '$me'")" = \
	"$(q "SELECT login || ' ' || role || ' ' || town_id FROM app_user WHERE town_id = $town")"
RENDA_DB=$zp as_role town-clerk 乍浦镇
check "  whose voter issues a town clerk lists" run 0 env RENDA_DB="$zp" "$RENDA" case list --limit 100000
check "  all of them" test "$(nrows "$T/out")" = "$(wc -l <"$T/zp-cases")"
check "  leaving nothing of the city's demo beside it: $(ls "$zp".* 2>/dev/null | tr '\n' ' ')" \
	test "$(ls "$zp".* 2>/dev/null)" = "$zp.key"
sum=$(sha256sum <"$RENDA_DB")
check "a town's demo over an existing database is refused" run 1 "$RENDA" demo --site 乍浦镇
check "  naming it" contains "$T/err" "already exists"
check "  which is left as it was" test "$(sha256sum <"$RENDA_DB" 2>/dev/null)" = "$sum"
check "  with its audit key" test -s "$RENDA_DB.key"
echo 别人的文件 >"$T/zp2.db.city-demo"
check "a town's demo where a file of the name it works with lies is refused" run 1 \
	env RENDA_DB="$T/zp2.db" "$RENDA" demo --site 乍浦镇
check "  naming that file" contains "$T/err" "zp2.db.city-demo already exists"
check "  which is kept" test "$(cat "$T/zp2.db.city-demo")" = 别人的文件
check "  and no database is made" test ! -e "$T/zp2.db"
check "a town that does not exist is refused" run 1 env RENDA_DB="$T/no.db" "$RENDA" demo \
	--site 不存在镇
check "  naming it" contains "$T/err" 不存在镇
check "  and leaves no files" sh -c '! ls "$1"* >/dev/null 2>&1' - "$T/no.db"
done_testing
