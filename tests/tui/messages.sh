#!/bin/sh
# Messages that can be read: a message longer than the message line ends with F9,
# which shows the last messages whole (Ctrl-P too); a save that met another clerk's
# change names every field they changed, before and after. While another writer holds
# the database the console says it is waiting, and waits past the configured 10 s
# until the lock is free (the save then succeeds); Esc gives up, and the form keeps
# what was typed.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/tui/lib-tmux.sh"
TM_COLS=80

"$RENDA" init >/dev/null || exit 1
id=$(q "SELECT id FROM category WHERE code = 'CJ'")

# message_line: the line above the hints.
message_line() { screen | tail -n 2 | head -n 1; }

start
wait_for "Main menu" >/dev/null
keys 2 2
wait_for "城市建设" >/dev/null
keys e
wait_for "Category: 城市建设" >/dev/null
keys Tab C-u
typing 我的名称
"$RENDA" ref edit category "$id" --name 他人保存的名称 --sort 42 >/dev/null || exit 1
keys F2
check "a save that met another clerk's change" wait_for "Saved meanwhile"
check "the message is longer than the line: it ends with F9" \
	sh -c 'echo "$1" | grep -q "F9 *$"' - "$(message_line)"
keys F9
check "F9 shows the messages" wait_for "Messages, newest first"
check "  the whole message, naming each field the other clerk changed" \
	wait_for "Name 城市建设"
check "  with its value after the change" contains_screen "→ 他人保存的名称"
check "  with its other change too" contains_screen "Order 1 → 42"
check "  and saying nothing was overwritten" contains_screen "Nothing was overwritten"
keys q
wait_for "Saved meanwhile" >/dev/null
keys t
wait_for "your changes were dropped" >/dev/null
keys C-p
check "Ctrl-P shows them too, the newest first" wait_for "Messages, newest first"
first_message() { screen | sed -n '/Time  *Message/{n;p;q}'; }
check "  the newest is the last confirmation" sh -c 'echo "$1" | grep -q "your changes were dropped"' - "$(first_message)"
keys q

# Another writer holds the database for 13 s: the save waits, says so, and succeeds.
keys e
wait_for "Category: 他人保存的名称" >/dev/null
keys Tab C-u
typing 等锁之后
(printf 'BEGIN IMMEDIATE;\n'; sleep 13; printf 'COMMIT;\n') | sqlite3 "$RENDA_DB" &
holder=$!
sleep 0.5
t0=$(ms)
keys F2
check "a save while another writer holds the lock says it waits" \
	wait_for "Waiting for another clerk's work" 5
check "  counting the seconds, Esc to give up" wait_for "s); Esc gives up" 5
check "  and saves once the lock is free" wait_for "Saved." 20
took=$(($(ms) - t0))
echo "# the save took $took ms"
check "  after more than the configured 10 s (no error at 10 s)" test "$took" -gt 11000
check "  stored" test "$(q "SELECT name FROM category WHERE id = $id")" = 等锁之后
wait "$holder"

# Esc gives up the wait: nothing saved, the form keeps the input.
keys e
wait_for "Category: 等锁之后" >/dev/null
keys Tab C-u
typing 放弃等待
(printf 'BEGIN IMMEDIATE;\n'; sleep 30; printf 'COMMIT;\n') | sqlite3 "$RENDA_DB" &
holder=$!
sleep 0.5
keys F2
wait_for "Waiting for another clerk's work" 5 >/dev/null
keys Escape
check "Esc gives up: the database is busy, nothing changed" wait_for "busy" 5
check "  the form is still open with what was typed" contains_screen "放弃等待"
check "  nothing was saved" test "$(q "SELECT name FROM category WHERE id = $id")" = 等锁之后
pkill -P "$holder" sleep 2>/dev/null
kill "$holder" 2>/dev/null
wait "$holder" 2>/dev/null
sleep 0.3
keys F2
check "saved again once the lock is gone" wait_for "Saved." 10
check "  stored" test "$(q "SELECT name FROM category WHERE id = $id")" = 放弃等待
keys Q
wait_dead 3 >/dev/null
check "no sanitizer report" sanitizers_quiet
done_testing
