# Helpers of the console tests: renda runs in a private tmux server
# (tmux -L test$$ -f /dev/null, UTF-8, a fixed size); keys are typed with
# send-keys and the screen read with capture-pane, polling with a timeout
# instead of sleeping. Each script sources this file after tests/lib.sh.

if ! command -v tmux >/dev/null 2>&1; then
	echo "1..0 # SKIP tmux is not installed"
	exit 0
fi
TM_SOCK=test$$
TM_COLS=100
TM_ROWS=30
export RENDA_NOW=2026-03-02T09:00:00+08:00
trap 'tmux -L "$TM_SOCK" kill-server >/dev/null 2>&1; rm -rf "$T"' EXIT

tm() { tmux -L "$TM_SOCK" -u "$@"; }

# start [VAR=VALUE...]: opens the console in a fresh window (a pane that stays after renda
# exits). Extra variables go into renda's environment; TM_WRAP, when set, is shell
# code run before it (e.g. "trap '' HUP;").
TM_N=0
start() {
	# A new server for each start: a client may not reach a server that is shutting down.
	tm kill-server >/dev/null 2>&1
	TM_N=$((TM_N + 1))
	TM_SOCK=test$$-$TM_N
	tm -f /dev/null new-session -d -s t -x "$TM_COLS" -y "$TM_ROWS" 'sleep 86400' || return 1
	tm set-option -s escape-time 0 >/dev/null
	tm set-option -g remain-on-exit on >/dev/null
	rm -f "$T/status"
	# Under AddressSanitizer the console runs without LeakSanitizer: its check at exit
	# ptrace-stops the process, and a console whose terminal went away (process group
	# orphaned by the killed tmux server) then never stops, leaving LSan spinning for good.
	# Memory errors are still caught; leaks are checked on the command-line paths.
	tm respawn-pane -k -t t \
		"${TM_WRAP:-} env ASAN_OPTIONS=detect_leaks=0 RENDA_DB='$RENDA_DB' XDG_CONFIG_HOME='$XDG_CONFIG_HOME' \
		XDG_DATA_HOME='$XDG_DATA_HOME' RENDA_SYSCONFDIR='$RENDA_SYSCONFDIR' RENDA_LOCALEDIR='$RENDA_LOCALEDIR' \
		RENDA_NOW='$RENDA_NOW' LC_ALL=C.UTF-8 $* '$RENDA' 2>>'$T/stderr'; echo \$? >'$T/status'"
}

screen() { tm capture-pane -p -t t 2>/dev/null; }
keys() { tm send-keys -t t "$@"; }
# typing TEXT: types text literally (no key names).
typing() { tm send-keys -t t -l "$1"; }
# pane_pid: the process id of renda (the child of the pane's shell).
pane_pid() {
	p_end=$(($(ms) + 3000))
	while :; do
		p=$(pgrep -n -P "$(tm display-message -p -t t '#{pane_pid}')" 2>/dev/null)
		if [ -n "$p" ] || [ "$(ms)" -gt "$p_end" ]; then
			echo "$p"
			return
		fi
		sleep 0.02
	done
}
# pane_dead: renda has exited.
pane_dead() { [ -s "$T/status" ]; }
# exit_status: renda's exit status, once it has exited (waits up to three seconds).
exit_status() {
	e_end=$(($(ms) + 3000))
	until [ -s "$T/status" ] || [ "$(ms)" -gt "$e_end" ]; do
		sleep 0.02
	done
	cat "$T/status" 2>/dev/null
}
cursor() { tm display-message -p -t t '#{cursor_x},#{cursor_y}'; }

# ms: milliseconds since the epoch.
ms() { echo $(($(date +%s%N) / 1000000)); }

# wait_for TEXT [SECONDS]: polls the screen until it shows TEXT (fixed string);
# on a timeout prints the screen as a diagnostic and fails. Sets WAITED (ms).
wait_for() {
	w_t0=$(ms)
	w_end=$((w_t0 + ${2:-10} * 1000))
	while :; do
		if screen | grep -qF -- "$1"; then
			WAITED=$(($(ms) - w_t0))
			return 0
		fi
		if [ "$(ms)" -gt "$w_end" ]; then
			echo "# timed out waiting for: $1"
			screen | diag
			return 1
		fi
		sleep 0.02
	done
}

# wait_match REGEX [SECONDS]: as wait_for, for an extended regular expression (column
# widths follow the content, so a row is matched with " +" between its cells).
wait_match() {
	w_t0=$(ms)
	w_end=$((w_t0 + ${2:-10} * 1000))
	while :; do
		if screen | grep -Eq -- "$1"; then
			WAITED=$(($(ms) - w_t0))
			return 0
		fi
		if [ "$(ms)" -gt "$w_end" ]; then
			echo "# timed out waiting for /$1/"
			screen | diag
			return 1
		fi
		sleep 0.02
	done
}

# wait_for_line N TEXT [SECONDS]: polls until line N (1-based) of the screen shows TEXT.
wait_for_line() {
	w_end=$(($(ms) + ${3:-10} * 1000))
	until line "$1" | grep -qF -- "$2"; do
		if [ "$(ms)" -gt "$w_end" ]; then
			echo "# timed out waiting for line $1 to show: $2"
			screen | diag
			return 1
		fi
		sleep 0.02
	done
}

# wait_gone TEXT [SECONDS]: polls until the screen no longer shows TEXT.
wait_gone() {
	w_end=$(($(ms) + ${2:-10} * 1000))
	while screen | grep -qF -- "$1"; do
		if [ "$(ms)" -gt "$w_end" ]; then
			echo "# timed out waiting for this to go: $1"
			screen | diag
			return 1
		fi
		sleep 0.02
	done
}

# wait_dead [SECONDS]: polls until renda has exited. Sets WAITED (ms).
wait_dead() {
	w_t0=$(ms)
	w_end=$((w_t0 + ${1:-10} * 1000))
	until pane_dead; do
		if [ "$(ms)" -gt "$w_end" ]; then
			echo "# renda is still running"
			return 1
		fi
		sleep 0.02
	done
	WAITED=$(($(ms) - w_t0))
}

# line N: line N (1-based) of the screen.
line() { screen | sed -n "${1}p"; }
# cursor_row: the body row drawn in reverse video (the cursor), without its escapes.
esc=$(printf '\033')
cursor_row() {
	tm capture-pane -e -p -t t | sed -n "3,$((TM_ROWS - 2))p" |
		grep -E "$esc\[([0-9]*;)*7(;[0-9]*)*m" | head -n 1 | sed "s/$esc\[[0-9;]*m//g"
}
# menu_open LABEL: opens the menu entry LABEL: by its number when it has one (1-9),
# else by moving the cursor onto it (Home, then Down) and Enter.
menu_open() {
	m_n=$(screen | grep -F -- "$1" | head -n 1 | awk '{ print $1 }')
	case $m_n in
	[1-9]) keys "$m_n"; return 0 ;;
	esac
	keys Home
	m_i=0
	until cursor_row | grep -qF -- "$1"; do
		[ "$m_i" -gt 30 ] && { echo "# no menu entry $1"; return 1; }
		keys Down
		m_i=$((m_i + 1))
		sleep 0.05
	done
	keys Enter
}
# cols TEXT: display columns of TEXT (a Chinese character is two).
cols() { printf '%s\n' "$1" | LC_ALL=C.UTF-8 wc -L; }

# tab_to TEXT: Tab from field to field (20 at most) until the screen shows TEXT (a
# field's label or hint); true when it does.
tab_to() {
	t_i=0
	until screen | grep -qF -- "$1" || [ $t_i -gt 20 ]; do
		keys Tab
		sleep 0.05
		t_i=$((t_i + 1))
	done
	contains_screen "$1"
}
# lacks_screen TEXT: the screen does not show TEXT now.
lacks_screen() {
	if ! screen | grep -qF -- "$1"; then return 0; fi
	echo "# the screen shows, but should not: $1"
	screen | diag
	return 1
}
# contains_screen TEXT: the screen shows TEXT now.
contains_screen() {
	if screen | grep -qF -- "$1"; then return 0; fi
	echo "# the screen lacks: $1"
	screen | diag
	return 1
}

# screen_matches ERE: a line of the screen matches the extended regular expression now.
screen_matches() {
	if screen | grep -Eq -- "$1"; then return 0; fi
	echo "# no line of the screen matches: $1"
	screen | diag
	return 1
}

# sanitizers_quiet: no AddressSanitizer or UndefinedBehaviorSanitizer report from any run.
sanitizers_quiet() {
	if [ -f "$T/stderr" ] && grep -q 'Sanitizer\|runtime error' "$T/stderr"; then
		diag <"$T/stderr"
		return 1
	fi
}

# wait_working [SECONDS]: polls until a progress box has counted time (its work is under way).
wait_working() {
	w_end=$(($(ms) + ${1:-20} * 1000))
	until screen | grep -Eq '(0\.[1-9]|[1-9][0-9]*\.[0-9]) s'; do
		if [ "$(ms)" -gt "$w_end" ]; then
			echo "# no progress box at work"
			screen | diag
			return 1
		fi
		sleep 0.02
	done
}
