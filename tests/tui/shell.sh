#!/bin/sh
# The console's shell: the menu, the status and hint lines, help, back and quit,
# "terminal too small", NO_COLOR, an unregistered account, the Chinese interface.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/tui/lib-tmux.sh"

"$RENDA" init >/dev/null || exit 1
colours() { tm capture-pane -e -p -t t | grep -Eq '(\[|;)(3|4)[0-7](;|m)|38;5|48;5'; }
no_colours() { ! colours; }
status_is() {
	st=$(exit_status)
	[ "$st" = "$1" ] && return 0
	echo "# exit status '$st', expected $1; stderr:"
	diag <"$T/stderr"
	return 1
}
reverse() { tm capture-pane -e -p -t t | grep -Eq '(\[|;)7(;|m)'; }
# The entry boxes of a form start at one display column in both languages: the
# required marks before them stand in one column.
aligned() {
	screen | sed -n '4,7p' | while IFS= read -r l; do cols "${l%%\**}"; done | sort -u >"$T/marks"
	test "$(wc -l <"$T/marks")" = 1
}

start
check "the console opens on the main menu" wait_for "Main menu"
check "in colour when allowed" colours
check "the status line names the account, its role and the scope" \
	contains_screen "$me (administrator, whole city)"
check "the status line shows the database and the time" contains_screen "as of 2026-03-02 09:00"
check "the hint line comes from the key table" contains_screen "F1 Help  q Back  Enter Open"
keys 1
check "1 opens users and roles" wait_for_line 2 "Users and roles"
check "the list shows the administrator" screen_matches "^  $me +administrator"
check "and counts the rows" wait_for "1 row"
keys F1
check "F1 shows the keys of the screen" wait_for "Keys: Users and roles"
check "with the list keys" wait_for "Show only rows that contain every word"
keys q
check "q goes back" wait_gone "Keys: Users and roles"
check "  to the list" wait_for_line 2 "Users and roles"
keys Escape
check "Esc goes back to the menu" wait_for "Main menu"
keys Down Enter
check "Down and Enter open the reference data" wait_for "Holidays and make-up workdays"
check "  each kind with what it is for" wait_match "6 Liaison stations +Where deputies meet voters"
keys 1
check "the towns of Pinghu" wait_for "乍浦镇"
keys '?'
check "? shows help too" wait_for "Keys: Towns and streets"
keys q a
check "a opens the form" wait_for "New: Town or street"
check "the entry boxes line up" aligned
keys Escape q
check "back at the reference data" wait_for "Holidays and make-up workdays"
menu_open "Holidays and make-up workdays"
# The calendar holds 2018 to 2026; a clerk on 2026-03-02 wants this year's days.
wait_cursor_2025() {
	w_end=$(($(ms) + 3000))
	until cursor_row | grep -q "^ *2025-"; do
		[ "$(ms)" -gt "$w_end" ] && { screen | diag; return 1; }
		sleep 0.05
	done
}
check "the holidays open at this year's first" wait_match "^ *2026-01-01 "
check "  under the cursor" test -n "$(cursor_row | grep 2026-01-01)"
check "  the page starts at this year" lacks_screen "2025-"
keys Up
check "  the years before are above it: Up reaches 2025's last" \
	wait_cursor_2025
keys q q
check "back at the main menu" wait_for "Main menu"
keys 3
check "the audit trail" wait_match "administrator +user +1 add"

tm resize-window -t t -x 40 -y 10
check "a small terminal gets a notice" wait_for "Terminal too small"
tm resize-window -t t -x "$TM_COLS" -y "$TM_ROWS"
check "and the screen comes back at full size" wait_for "Audit trail"
keys q q
check "q on the main menu asks first" wait_for "Quit renda? (y/n)"
keys y
check "y quits" wait_dead 3
check "with status 0" status_is 0

# Without colour every state is still readable: no colour escapes at all.
start NO_COLOR=1
wait_for "Main menu" >/dev/null
check "NO_COLOR: no colour on the screen" no_colours
check "NO_COLOR: the cursor row is in reverse video" reverse
keys Q
check "Q quits from anywhere" wait_dead 3

# A disabled account is refused before curses starts. renda never disables the last
# administrator (user remove refuses), so the account is disabled by hand.
q "UPDATE app_user SET active = 0 WHERE login = '$me'"
check "a disabled account is refused" run 1 "$RENDA"
check "with the reason on stderr" contains "$T/err" "disabled"
q "UPDATE app_user SET active = 1 WHERE login = '$me'"

# A broken form file is refused with FILE:LINE before curses starts.
mkdir -p "$T/forms"
printf 'form x\nfield a\n\tbogus 1\n' >"$T/forms/bad.form"
check "a broken form is refused" run 1 env RENDA_FORMSDIR="$T/forms" "$RENDA"
check "and named by file and line" contains "$T/err" "bad.form:3"

# Curses told a size that is not the terminal's (LINES and COLUMNS left in the environment by
# a shell, or the window resized while curses starts): the console takes the terminal's own.
start LINES=24 COLUMNS=80 LANGUAGE=zh_CN
check "stale LINES and COLUMNS: the main menu" wait_for "F1 帮助  q 返回  Enter 打开"
check "  drawn to the terminal's $TM_ROWS rows, its hints on the last" \
	test "$(screen | sed -n "${TM_ROWS}p" | grep -c "^F1 帮助  q 返回  Enter 打开")" = 1
check "  and its $TM_COLS columns, the time one column from the right edge" \
	test "$(screen | sed -n 1p | grep -cE " [0-9]{2}:[0-9]{2}\$")" = 1 -a \
	"$(screen | sed -n 1p | wc -L)" = $((TM_COLS - 1))

# The Chinese interface, at 80x24 (PuTTY's size).
start LANGUAGE=zh_CN
tm resize-window -t t -x 80 -y 24
check "Chinese: the main menu" wait_for "主菜单"
check "Chinese: the entries" contains_screen "用户与角色"
check "Chinese: the hints" contains_screen "F1 帮助  q 返回  Enter 打开"
check "Chinese: the status line" contains_screen "（管理员，全市）"
check "Chinese: every entry's description whole at 80 columns" lacks_screen "…"
keys 2
check "Chinese: each kind of reference data says what it is for" wait_match "9 节假日与调休 +计算办理期限所依据的放假和调休上班日"
keys 1
check "Chinese: the towns list has Chinese headings" wait_for "代码"
check "Chinese: and the count" wait_for "共 9 行"
keys a
check "Chinese: the form" wait_for "新增：镇或街道"
check "Chinese: the form's labels" screen_matches '^  人大机构 \*'
check "Chinese: the entry boxes line up" aligned
keys Escape q q
wait_for "主菜单" >/dev/null
# Every menu one level down: its descriptions whole at 80 columns, none cut with "…".
menus_whole() {
	m_cut=0
	m_menus=0
	m_n=$(screen | sed -n '4,$p' | grep -cE '^   ([1-9]| ) [^ ]')
	m_i=0
	while [ "$m_i" -lt "$m_n" ]; do
		keys Home
		m_j=0
		while [ "$m_j" -lt "$m_i" ]; do
			keys Down
			m_j=$((m_j + 1))
		done
		keys Enter
		wait_gone "主菜单" >/dev/null || return 1
		sleep 0.3
		if line 4 | grep -qE '^   1 '; then
			m_menus=$((m_menus + 1))
			if screen | grep -qF "…"; then
				echo "# a description is cut in $(line 2)"
				screen | grep -F "…" | diag
				m_cut=1
			fi
			# Every entry says what it holds (a label alone: no description).
			if screen | sed -n '4,$p' | grep -qE '^   ([1-9]| ) [^ ]+ *$'; then
				echo "# an entry without a description in $(line 2)"
				screen | sed -n '4,$p' | grep -E '^   ([1-9]| ) [^ ]+ *$' | diag
				m_cut=1
			fi
		fi
		keys q
		wait_for "主菜单" >/dev/null || return 1
		m_i=$((m_i + 1))
	done
	echo "# $m_n entries, $m_menus menus"
	test "$m_menus" -ge 8 && test "$m_cut" = 0
}
check "Chinese: every menu's entries described, whole at 80 columns" menus_whole
keys q
check "Chinese: a yes/no question with Chinese brackets" wait_for "退出 renda？（y/n）"
keys n
keys Q
wait_dead 3 >/dev/null

# On 5 January 2027, before 2027's holidays are loaded: the holidays open at the last
# year there is (2026), not at 2018.
start RENDA_NOW=2027-01-05T09:00:00+08:00
wait_for "Main menu" >/dev/null
keys Down Enter
wait_for "Holidays and make-up workdays" >/dev/null
menu_open "Holidays and make-up workdays"
check "a year not loaded yet: the holidays open at the last year loaded" wait_match "^ *2026-01-01 "
check "  under the cursor" test -n "$(cursor_row | grep 2026-01-01)"
keys Q
wait_dead 3 >/dev/null
# The console's manual (Keys in CONSOLE of renda(1)) lists every key of the key
# table: its keys, then its name in parentheses (.BR "f F4" " (list\-filter)").
# The roff is read as text: \- (hyphen), \(ha (^), font changes, \& and the
# quotes of macro arguments are taken out, runs of spaces made one.
doc_has_keys() {
	doc=$SRCDIR/man/renda.1
	[ -f "$doc" ] || { echo "# no $doc"; return 1; }
	grep -o '"[a-z0-9-]*", "[^"]*"' "$SRCDIR/src/tui/keys.c" | tr -d '"' | tr , '\t' >"$T/keys"
	sed 's/\\-/-/g; s/\\(ha/^/g; s/\\f[BIRP]//g; s/\\&//g; s/"//g; s/  */ /g' "$doc" >"$T/doc"
	missing=0
	while IFS="$(printf '\t')" read -r name names; do
		names=${names# }
		if ! grep -qF -- " $names ($name)" "$T/doc"; then
			echo "# the manual lacks $name ($names)"
			missing=1
		fi
	done <"$T/keys"
	test "$(wc -l <"$T/keys")" -gt 40 && test "$missing" = 0
}
check "the manual lists every key of the key table" doc_has_keys
check "no sanitizer report" sanitizers_quiet
done_testing
