#!/bin/sh
# Nothing typed is lost by a slip: leaving a form with changes, quitting from the
# main menu (q, Esc) and Ctrl-C anywhere ask first; SIGHUP and SIGTERM still end
# renda at once, with nothing unsaved written.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/tui/lib-tmux.sh"

"$RENDA" init >/dev/null || exit 1

# message_has TEXT: the message line (above the hints) shows TEXT.
message_has() { screen | tail -n 2 | head -n 1 | grep -qF -- "$1"; }
alive() {
	sleep 0.3
	if pane_dead; then
		echo "# renda has exited"
		return 1
	fi
}
status_is() {
	st=$(exit_status)
	[ "$st" = "$1" ] && return 0
	echo "# exit status '$st', expected $1"
	diag <"$T/stderr"
	return 1
}
running() { ps -o stat= -p "$1" 2>/dev/null | grep -qv '^Z'; }
gone_soon() {
	g_end=$(($(ms) + 3000))
	while running "$1"; do
		[ "$(ms)" -gt "$g_end" ] && return 1
		sleep 0.01
	done
}

start
wait_for "Main menu" >/dev/null
keys q
check "q on the main menu asks before quitting" wait_for "Quit renda? (y/n)"
keys n
check "n keeps renda running" alive
check "  on the main menu" contains_screen "Main menu"
keys Escape
check "Esc on the main menu asks too" wait_for "Quit renda? (y/n)"
keys Escape
check "Esc answers no" alive
keys C-c
check "Ctrl-C on the main menu asks" wait_for "Quit renda? (y/n)"
keys n
check "  n: still running" alive

# A form with something typed: Esc, F10 and Ctrl-C ask; no keeps every character.
keys 2 2
wait_for "城市建设" >/dev/null
keys a
wait_for "New: Category" >/dev/null
typing XY
keys Tab
typing 未保存的名称
keys Escape
check "Esc in a form with changes asks" wait_for "Leave the form and lose what you typed? (y/n)"
keys n
check "  n stays in the form" alive
keys F10
check "F10 asks too" wait_for "Leave the form and lose what you typed?"
keys n
keys C-c
check "Ctrl-C in a form with changes asks first" wait_for "Quit and lose what you typed? (y/n)"
keys n
check "  n: renda still runs" alive
check "  the form is still open" contains_screen "New: Category"
check "  with what was typed" contains_screen "的名称"
keys End
typing 再加
check "  and typing goes on in the field" wait_for "称再加"
keys F2
check "the form saves after all" wait_for "Saved."
check "  with every character" test "$(q "SELECT name FROM category WHERE code = 'XY'")" = 未保存的名称再加

# A line being typed on the message line counts as typing too.
keys f
wait_for "Filter:" >/dev/null
typing 城市
keys C-c
check "Ctrl-C while a filter is typed asks about losing it" \
	wait_for "Quit and lose what you typed?"
keys n
check "  the filter is still being typed" wait_for "Filter: 城市"
keys Enter

# A list without typing: Ctrl-C asks, y quits with status 0 and no signal message.
keys C-c
check "Ctrl-C in a list asks" wait_for "Quit renda? (y/n)"
keys y
check "y quits" wait_dead 3
check "  with status 0" status_is 0
check "  without a message about a signal" lacks "$T/stderr" "signal"

# SIGTERM and SIGHUP still end it at once, even while a question is open.
start
wait_for "Main menu" >/dev/null
keys 2 2
wait_for "城市建设" >/dev/null
keys a
wait_for "New: Category" >/dev/null
typing ZZ
keys Tab
typing 不保存
keys Escape
wait_for "lose what you typed" >/dev/null
pid=$(pane_pid)
kill -TERM "$pid"
check "SIGTERM while a question is open: gone at once" gone_soon "$pid"
check "  nothing typed was saved" test "$(q "SELECT count(*) FROM category WHERE code = 'ZZ'")" = 0
check "  it says so on stderr" contains "$T/stderr" "stopped by signal 15"
start
wait_for "Main menu" >/dev/null
keys q
wait_for "Quit renda?" >/dev/null
pid=$(pane_pid)
kill -HUP "$pid"
check "SIGHUP while the quit question is open: gone at once" gone_soon "$pid"
check "  with the hangup's status" status_is 129
check "no sanitizer report" sanitizers_quiet
done_testing
