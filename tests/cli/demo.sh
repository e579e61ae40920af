#!/bin/sh
# How the demo is written (src/model/core/demo.c): without the log while it is made, then
# back in WAL mode, whole and synced; a demo stopped by a signal leaves no files behind;
# an existing database is never touched.
. "$SRCDIR/tests/lib.sh"

"$RENDA" demo >"$T/out" 2>&1 || { diag <"$T/out"; echo "Bail out! renda demo failed"; exit 1; }
check "the demo database is in WAL mode, as every renda database" test "$(q "PRAGMA journal_mode")" = wal
check "  whole" test "$(q "PRAGMA integrity_check")" = ok
check "  with no journal left beside it" test ! -e "$RENDA_DB-journal"
check "  and renda reads it" run 0 "$RENDA" case list --limit 1

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
done_testing
