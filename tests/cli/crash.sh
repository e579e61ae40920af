#!/bin/sh
# kill -9 in the middle of writes: the database stays intact, every change that was
# reported done is there with its audit row, an import is all or nothing, and the
# audit chain still verifies.
# A test of the database itself: its integrity and the rows that survived a kill are
# read with sqlite3, as a reader that renda's own code cannot fool.
. "$SRCDIR/tests/lib.sh"

# wait_for SECONDS CMD...: polls CMD every 0.05 s until it succeeds; false on timeout.
wait_for() {
	n=$(($1 * 20))
	shift
	while ! "$@"; do
		n=$((n - 1))
		[ "$n" -gt 0 ] || return 1
		sleep 0.05
	done
}
lines() { if [ -e "$1" ]; then wc -l <"$1" | tr -d ' '; else echo 0; fi; }
at_least() { [ "$(lines "$1")" -ge "$2" ]; }
group_gone() { ! kill -0 -"$1" 2>/dev/null; }
# A pseudo-random delay from 0 to 0.3 s, different in every round and run.
jitter() { awk -v s="$$$1" 'BEGIN { srand(s); printf "%.2f", rand() * 0.3 }'; }
wal_size() { if [ -e "$RENDA_DB-wal" ]; then wc -c <"$RENDA_DB-wal" | tr -d ' '; else echo 0; fi; }
wal_over() { [ "$(wal_size)" -gt "$1" ]; }
# The write lock is taken: someone is inside a write transaction.
locked() { ! sqlite3 -batch "$RENDA_DB" 'BEGIN IMMEDIATE; ROLLBACK;' >/dev/null 2>&1; }

# Never leave a writer behind, whatever happens.
pgs=
trap 'for g in $pgs; do kill -9 -"$g" 2>/dev/null; done; rm -rf "$T"' EXIT
trap 'exit 1' HUP INT TERM

check "init" run 0 "$RENDA" init

# One round: a loop adds categories R<round>C<n>, logging each code after its command
# exits 0; after at least MIN of them and a random delay, the whole loop and the running
# renda are killed with SIGKILL.
crash_round() {
	r=$1 min=$2
	log="$T/log.$r"
	: >"$log"
	# setsid: the loop and its children are a process group of their own, killed at once.
	setsid sh -c '
		i=1
		while :; do
			"$0" --db "$1" ref add category --code "R$2C$i" --name "分类$2-$i" \
				>/dev/null 2>&1 && echo "R$2C$i" >>"$3"
			i=$((i + 1))
		done' "$RENDA" "$RENDA_DB" "$r" "$log" </dev/null >/dev/null 2>&1 &
	pg=$!
	pgs="$pgs $pg"
	if ! wait_for 30 at_least "$log" "$min"; then
		kill -9 -"$pg" 2>/dev/null
		not_ok "round $r: the loop made $min additions in time"
		return
	fi
	sleep "$(jitter "$r")"
	kill -9 -"$pg"
	wait "$pg" 2>/dev/null
	check "round $r: the loop and its renda are gone" wait_for 10 group_gone "$pg"
	check "round $r: integrity_check is ok" test "$(sqlite3 "$RENDA_DB" 'PRAGMA integrity_check')" = ok
	missing=$({
		echo "CREATE TEMP TABLE done (code TEXT);"
		sed "s/.*/INSERT INTO done VALUES ('&');/" "$log"
		echo "SELECT count(*) FROM done WHERE code NOT IN (SELECT code FROM category);"
	} | sqlite3 -batch "$RENDA_DB")
	check "round $r: every one of the $(lines "$log") logged additions is present" test "$missing" = 0
	n=$(q "SELECT count(*) FROM category WHERE code LIKE 'R${r}C%'")
	# The killed command may have committed before its success was logged, never more.
	check "round $r: at most one more row than logged ($n)" \
		test "$n" -ge "$(lines "$log")" -a "$n" -le $(($(lines "$log") + 1))
	check "round $r: each row has its audit row" test "$(q "SELECT count(*) FROM category c
		WHERE code LIKE 'R${r}C%' AND NOT EXISTS (SELECT 1 FROM audit a WHERE a.entity = 'category'
		AND a.action = 'add' AND a.entity_id = c.id)")" = 0
	check "round $r: audit verify passes" run 0 "$RENDA" audit verify
	check "round $r: check passes" run 0 "$RENDA" check
	check "round $r: the database takes new writes" \
		run 0 "$RENDA" ref add category --code "R${r}after" --name "之后$r"
}
crash_round 1 3
crash_round 2 8
crash_round 3 15

# ---- one long transaction killed: a big import is all or nothing ----------------------
# Big enough that its pages overflow the cache into the WAL long before it commits.
rows=20000
awk -v n=$rows 'BEGIN { print "code,name,sort"; for (i = 1; i <= n; i++) printf "BIG%d,大批%d,%d\n", i, i, i }' \
	>"$T/big.csv"
audit_before=$(q 'SELECT count(*) FROM audit')
setsid "$RENDA" ref import category "$T/big.csv" >"$T/import.out" 2>"$T/import.err" </dev/null &
pg=$!
pgs="$pgs $pg"
if wait_for 30 locked; then
	# Kill once uncommitted pages have spilled into the WAL file: the hard case.
	wait_for 20 wal_over 65536
	wal=$(wal_size)
	kill -9 -"$pg" 2>/dev/null
	wait "$pg" 2>/dev/null
	st=$?
	if [ "$st" -eq 137 ]; then
		ok "the import was killed with SIGKILL before it finished ($wal bytes in the WAL)"
	else
		skip "the import was killed before it finished" "it ended first (status $st)"
	fi
else
	kill -9 -"$pg" 2>/dev/null
	wait "$pg" 2>/dev/null
	not_ok "the import took the write lock"
fi
check "after the killed import, integrity_check is ok" \
	test "$(sqlite3 "$RENDA_DB" 'PRAGMA integrity_check')" = ok
n=$(q "SELECT count(*) FROM category WHERE code LIKE 'BIG%'")
a=$(($(q 'SELECT count(*) FROM audit') - audit_before))
check "the import is all or nothing ($n of $rows rows)" test "$n" -eq 0 -o "$n" -eq $rows
check "and so are its audit rows ($a)" test "$a" -eq "$n"
check "audit verify passes" run 0 "$RENDA" audit verify
check "check passes" run 0 "$RENDA" check
check "the same import then runs to the end" run 0 "$RENDA" ref import category "$T/big.csv"
check "  every row is there" test "$(q "SELECT count(*) FROM category WHERE code LIKE 'BIG%'")" = $rows
check "  and the chain verifies" run 0 "$RENDA" audit verify

# ---- workflow actions killed at random points ---------------------------------------------
# A loop takes case after case through its whole flow (add, forward, assign, respond,
# reply, evaluate), logging each step after its command exits 0; it is killed at a random
# moment. Every logged step must be there with its audit row; the step being taken when
# the kill came may be there too (its commit may have beaten the log), nothing else.
"$RENDA" deputy add --name 沈建国 --resident_id "$(fix_id 33048219700101001)" --level city \
	--town 乍浦镇 >/dev/null 2>&1
zp=$(q "SELECT code FROM deputy WHERE name = '沈建国'")
check "a deputy to take cases" test -n "$zp"
flow_round() {
	r=$1 min=$2
	log="$T/flow.$r"
	: >"$log"
	setsid sh -c '
		R=$0 zp=$1 log=$2 r=$3
		i=1
		while :; do
			out=$("$R" case add --deputy "$zp" --category 城市建设 --title "崩$r-$i" --content 内容 2>/dev/null) || continue
			n=${out##* }
			echo "$n add" >>"$log"
			for step in forward "assign --unit 平湖市住房和城乡建设局" "respond --text 已收到" \
				"reply --text 已办理" "evaluate --eval satisfied"; do
				"$R" case act "$n" $step >/dev/null 2>&1 && echo "$n ${step%% *}" >>"$log"
			done
			i=$((i + 1))
		done' "$RENDA" "$zp" "$log" "$r" </dev/null >/dev/null 2>&1 &
	pg=$!
	pgs="$pgs $pg"
	if ! wait_for 60 at_least "$log" "$min"; then
		kill -9 -"$pg" 2>/dev/null
		not_ok "flow round $r: $min steps were taken in time"
		return
	fi
	sleep "$(jitter "f$r")"
	kill -9 -"$pg"
	wait "$pg" 2>/dev/null
	check "flow round $r: the loop and its renda are gone" wait_for 10 group_gone "$pg"
	check "flow round $r: integrity_check is ok" test "$(sqlite3 "$RENDA_DB" 'PRAGMA integrity_check')" = ok
	# Every logged step is an event of its case, with its audit row.
	missing=$({
		echo "CREATE TEMP TABLE done (number TEXT, action TEXT);"
		sed "s/^\([^ ]*\) \(.*\)$/INSERT INTO done VALUES ('\1', '\2');/" "$log"
		echo "SELECT count(*) FROM done d WHERE NOT EXISTS (SELECT 1 FROM vcase v JOIN wf_event e
			ON e.workflow = 'case' AND e.item_id = v.id
			AND e.action = CASE d.action WHEN 'add' THEN 'receive' ELSE d.action END
			JOIN audit a ON a.entity = 'case' AND a.entity_id = v.id AND a.action = d.action
			WHERE v.number = d.number);"
	} | sqlite3 -batch "$RENDA_DB")
	check "flow round $r: every one of the $(lines "$log") logged steps is there, audited" test "$missing" = 0
	# At most one step more than logged: the one under way when the kill came.
	extra=$({
		echo "CREATE TEMP TABLE done (number TEXT, action TEXT);"
		sed "s/^\([^ ]*\) \(.*\)$/INSERT INTO done VALUES ('\1', '\2');/" "$log"
		echo "SELECT (SELECT count(*) FROM wf_event e JOIN vcase v ON v.id = e.item_id
			WHERE e.workflow = 'case' AND v.title LIKE '崩$r-%') - (SELECT count(*) FROM done);"
	} | sqlite3 -batch "$RENDA_DB")
	check "flow round $r: at most the step under way beyond the log ($extra)" test "$extra" -ge 0 -a "$extra" -le 1
	check "flow round $r: audit verify passes" run 0 "$RENDA" audit verify
	check "flow round $r: check passes (every case matches its audit rows)" run 0 "$RENDA" check
	check "flow round $r: the database takes new steps" \
		run 0 "$RENDA" case add --deputy "$zp" --category 城市建设 --title "之后$r" --content 内容
}
flow_round 1 4
flow_round 2 11
flow_round 3 23

# ---- a case import killed -----------------------------------------------------------------
# The kill comes up to 0.3 s after the import takes the write lock: it must still be writing
# then (20,000 rows hold the lock over a second; 3,000 no longer did once the statement
# journal stayed in memory).
rows=20000
awk -v n=$rows -v d="$zp" 'BEGIN { print "submitted_at,deputy_code,channel,voter_name,voter_phone,category,title,content,external_id";
	for (i = 1; i <= n; i++) printf "2026-03-01T10:00:00+08:00,%s,phone,张三,13900001111,城市建设,导入%d,内容%d,IMP%d\n", d, i, i, i }' \
	>"$T/cases.csv"
cases_before=$(q 'SELECT count(*) FROM vcase')
audit_before=$(q 'SELECT count(*) FROM audit')
# It writes without five triggers and makes them again before it commits (case.c).
triggers() { q "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY name"; }
triggers >"$T/triggers.before"
setsid "$RENDA" case import "$T/cases.csv" >"$T/import.out" 2>"$T/import.err" </dev/null &
pg=$!
pgs="$pgs $pg"
if wait_for 30 locked; then
	sleep "$(jitter imp)"
	kill -9 -"$pg" 2>/dev/null
	wait "$pg" 2>/dev/null
	st=$?
	if [ "$st" -eq 137 ]; then
		ok "the case import was killed with SIGKILL while it wrote"
	else
		skip "the case import was killed while it wrote" "it ended first (status $st)"
	fi
else
	kill -9 -"$pg" 2>/dev/null
	wait "$pg" 2>/dev/null
	not_ok "the case import took the write lock"
fi
check "after the killed case import, integrity_check is ok" \
	test "$(sqlite3 "$RENDA_DB" 'PRAGMA integrity_check')" = ok
n=$(($(q 'SELECT count(*) FROM vcase') - cases_before))
a=$(($(q 'SELECT count(*) FROM audit') - audit_before))
check "the case import is all or nothing ($n of $rows)" test "$n" -eq 0 -o "$n" -eq $rows
check "  and so are its audit rows ($a)" test "$a" -eq "$n"
triggers >"$T/triggers.after"
check "  every trigger is there as it was" cmp -s "$T/triggers.before" "$T/triggers.after"
check "  audit verify passes" run 0 "$RENDA" audit verify
check "  check passes" run 0 "$RENDA" check
check "the same import then runs to the end" run 0 "$RENDA" case import "$T/cases.csv"
check "  every case is there, once" test "$(q "SELECT count(*) FROM vcase WHERE external_id LIKE 'IMP%'")" = $rows
done_testing
