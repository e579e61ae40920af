#!/bin/sh
# Several clerks at once: a writer waits for another's transaction (up to the busy
# timeout), gives up cleanly after it, and a stale version is never overwritten.
# A test of the database itself: the rows and audit rows are read with sqlite3, which
# reads while another process holds the write lock (renda would wait for it).
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

# hold_start: a sqlite3 process takes the write lock (BEGIN IMMEDIATE) and keeps it
# until hold_stop; returns once the lock is held.
hold_start() {
	rm -f "$T/locked" "$T/ctl"
	mkfifo "$T/ctl"
	sqlite3 -batch "$RENDA_DB" <"$T/ctl" >"$T/holder.out" 2>&1 &
	HOLDER=$!
	exec 3>"$T/ctl"
	printf '%s\n' ".timeout 20000" "BEGIN IMMEDIATE;" \
		"INSERT INTO meta (key, value) VALUES ('held-$1', 'yes');" \
		".shell touch '$T/locked'" >&3
	wait_for 20 test -e "$T/locked"
}
hold_stop() {
	printf 'COMMIT;\n' >&3
	exec 3>&-
	wait "$HOLDER"
	held_rc=$?
	rm -f "$T/ctl"
	return $held_rc
}

# bg NAME CMD...: runs CMD in the background; its status goes to $T/NAME.rc when it ends.
bg() {
	name=$1
	shift
	rm -f "$T/$name.rc"
	# 3>&-: the lock holder's control pipe must not stay open in the children.
	("$@" >"$T/$name.out" 2>"$T/$name.err" 3>&-
	echo $? >"$T/$name.tmp" && mv "$T/$name.tmp" "$T/$name.rc") 3>&- &
}
status_of() { cat "$T/$1.rc"; }

check "init" run 0 "$RENDA" init
audit_rows() { q 'SELECT count(*) FROM audit'; }

# ---- a writer waits for the lock and then succeeds ----------------------------------
check "another process holds the write lock" hold_start 1
bg waiter "$RENDA" user add waiter --role viewer --name 等待
sleep 1
check "the writer is still waiting while the lock is held" test ! -e "$T/waiter.rc"
check "  and has written nothing yet" test "$(q "SELECT count(*) FROM app_user WHERE login = 'waiter'")" = 0
check "the lock holder commits" hold_stop
check "the writer finishes after the lock is released" wait_for 20 test -e "$T/waiter.rc"
check "  with status 0" test "$(status_of waiter)" = 0
check "  and says so" contains "$T/waiter.out" "registered waiter as viewer"
check "the writer's row exists" test "$(q "SELECT name FROM app_user WHERE login = 'waiter'")" = 等待
check "  with its audit row" test "$(q "SELECT count(*) FROM audit WHERE entity = 'user' AND action = 'add' AND after_json LIKE '%\"waiter\"%'")" = 1
check "the holder's row exists too" test "$(q "SELECT value FROM meta WHERE key = 'held-1'")" = yes
check "the audit trail verifies" run 0 "$RENDA" audit verify

# ---- with a short busy timeout the writer gives up, clearly, and writes nothing -------
printf '[database]\nbusy_timeout = 200\n' >"$T/short.conf"
before=$(audit_rows)
check "another process holds the write lock again" hold_start 2
bg impatient "$RENDA" --config "$T/short.conf" user add impatient --role viewer
# The lock is held for up to 3 s; a writer that honours 200 ms gives up well before.
check "the writer gives up while the lock is still held" wait_for 3 test -e "$T/impatient.rc"
check "  and the lock was still held then" kill -0 "$HOLDER"
check "the lock holder commits" hold_stop
check "  the writer failed with status 1" test "$(status_of impatient)" = 1
check "  saying the database is busy" contains "$T/impatient.err" "is busy"
check "  nothing on stdout" test ! -s "$T/impatient.out"
check "  no account was added" test "$(q "SELECT count(*) FROM app_user WHERE login = 'impatient'")" = 0
check "  no audit row was written" test "$(audit_rows)" = "$before"
check "the same command succeeds once the lock is free" \
	run 0 "$RENDA" --config "$T/short.conf" user add impatient --role viewer

printf '[database]\nbusy_timeout = 0\n' >"$T/zero.conf"
check "another process holds the write lock again" hold_start 3
bg hasty "$RENDA" --config "$T/zero.conf" user add hasty --role viewer
check "with busy_timeout = 0 the writer does not wait" wait_for 3 test -e "$T/hasty.rc"
check "the lock holder commits" hold_stop
check "  the writer failed with status 1" test "$(status_of hasty)" = 1
check "  saying the database is busy" contains "$T/hasty.err" "is busy"
check "  no account was added" test "$(q "SELECT count(*) FROM app_user WHERE login = 'hasty'")" = 0
check "the audit trail verifies" run 0 "$RENDA" audit verify

# ---- many writers at once: all wait their turn, the chain stays whole -------------------
before=$(audit_rows)
i=1
while [ $i -le 8 ]; do
	bg "w$i" "$RENDA" ref add category --code "P$i" --name "并发$i"
	i=$((i + 1))
done
all_done() {
	for j in 1 2 3 4 5 6 7 8; do [ -e "$T/w$j.rc" ] || return 1; done
}
check "eight concurrent writers finish" wait_for 30 all_done
failed=0
for j in 1 2 3 4 5 6 7 8; do
	[ "$(status_of "w$j")" = 0 ] || { failed=$((failed + 1)); diag <"$T/w$j.err"; }
done
check "  all of them with status 0" test "$failed" = 0
check "  all eight records exist" test "$(q "SELECT count(*) FROM category WHERE code LIKE 'P_'")" = 8
check "  with eight audit rows" test "$(audit_rows)" = $((before + 8))
check "  numbered without gaps" test "$(q 'SELECT max(id) - min(id) + 1 = count(*) FROM audit')" = 1
check "  and the chain verifies" run 0 "$RENDA" audit verify

# ---- a stale version is refused: users ----------------------------------------------
check "register li" run 0 "$RENDA" user add li --role viewer --name 李
check "  at version 1" test "$(q "SELECT version FROM app_user WHERE login = 'li'")" = 1
check "one clerk edits li at version 1" run 0 "$RENDA" user edit li --version 1 --name 张三
check "  li is now at version 2" test "$(q "SELECT version FROM app_user WHERE login = 'li'")" = 2
before=$(audit_rows)
check "another clerk's edit at version 1 is refused" run 1 "$RENDA" user edit li --version 1 --name 李四
check "  it was changed by someone else" contains "$T/err" "was changed by someone else"
check "  the message gives the current version" contains "$T/err" "now version 2"
check "  the first clerk's name stays" test "$(q "SELECT name FROM app_user WHERE login = 'li'")" = 张三
check "  the version stays" test "$(q "SELECT version FROM app_user WHERE login = 'li'")" = 2
check "  no audit row" test "$(audit_rows)" = "$before"
check "an edit at the current version passes" run 0 "$RENDA" user edit li --version 2 --name 李四
check "  and is stored" test "$(q "SELECT name || version FROM app_user WHERE login = 'li'")" = 李四3

# ---- a stale version is refused: reference data --------------------------------------
id=$(q "SELECT id FROM category WHERE name = '农业农村'")
check "a seeded category at version 1" test "$(q "SELECT version FROM category WHERE id = $id")" = 1
check "one clerk renames it at version 1" run 0 "$RENDA" ref edit category "$id" --version 1 --name 三农
before=$(audit_rows)
check "another clerk's edit at version 1 is refused" \
	run 1 "$RENDA" ref edit category "$id" --version 1 --name 农村
check "  it was changed by someone else" contains "$T/err" "was changed by someone else"
check "  the first clerk's name stays" test "$(q "SELECT name || version FROM category WHERE id = $id")" = 三农2
check "  no audit row" test "$(audit_rows)" = "$before"

# Two clerks at the same moment with the same version: exactly one wins.
bg a "$RENDA" ref edit category "$id" --version 2 --name 甲
bg b "$RENDA" ref edit category "$id" --version 2 --name 乙
both_done() { [ -e "$T/a.rc" ] && [ -e "$T/b.rc" ]; }
check "two simultaneous edits at version 2 finish" wait_for 20 both_done
check "  exactly one succeeds" test "$(status_of a)$(status_of b)" = 01 -o "$(status_of a)$(status_of b)" = 10
if [ "$(status_of a)" = 0 ]; then winner=甲 loser=b; else winner=乙 loser=a; fi
check "  the other is told of the conflict" contains "$T/$loser.err" "was changed by someone else"
check "  the winner's name is stored" test "$(q "SELECT name || version FROM category WHERE id = $id")" = "${winner}3"
check "the audit trail verifies" run 0 "$RENDA" audit verify
check "the database checks out" run 0 "$RENDA" check
done_testing
