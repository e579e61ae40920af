#!/bin/sh
# Keys from every SSH client: with TERM=xterm-256color, the raw sequences that
# PuTTY (default settings), the Linux console, tmux, screen and xterm send for
# Home, End, Insert, Delete, PgUp/PgDn, the cursor keys and F1-F12 do what their
# key does; a sequence renda does not know is swallowed whole (never Esc and
# text); a bracketed paste of several lines goes into a field of several lines
# and is refused, with a message, by a one-line field (never spilled into the
# fields after it).
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/tui/lib-tmux.sh"

"$RENDA" init >/dev/null || exit 1
"$RENDA" deputy add --name 林小红 --resident_id 330482196211150026 --gender 女 \
	--town 乍浦镇 --level city >/dev/null || exit 1
code=$(q "SELECT code FROM deputy")

# raw SEQUENCE: sends the bytes of SEQUENCE (printf notation, \033 for Esc) as one write,
# as a terminal sends a key.
raw() { tm send-keys -t t -H $(printf "$1" | od -An -tx1); }
# cursor_on TEXT: the cursor row shows TEXT (polls, as the screen may lag a key).
cursor_on() {
	c_end=$(($(ms) + 3000))
	until cursor_row | grep -qF -- "$1"; do
		if [ "$(ms)" -gt "$c_end" ]; then
			echo "# the cursor row is not on: $1"
			cursor_row | diag
			screen | diag
			return 1
		fi
		sleep 0.02
	done
}
# message_has TEXT: the message line (above the hints) shows TEXT.
# message_has TEXT: the message line (above the hints) shows TEXT within three seconds.
message_has() {
	m_end=$(($(ms) + 3000))
	until screen | tail -n 2 | head -n 1 | grep -qF -- "$1"; do
		[ "$(ms)" -gt "$m_end" ] && return 1
		sleep 0.05
	done
}
# settle: a key that is drawn (Ctrl-L redraws), to know the keys before it were read.
settle() {
	keys C-l
	sleep 0.1
}
# code_is TEXT: the code field holds exactly TEXT (polls).
code_is() {
	c_end=$(($(ms) + 3000))
	until screen | grep -Eq "^ *Code +\* $1 *\$"; do
		if [ "$(ms)" -gt "$c_end" ]; then
			echo "# the code field is not: $1"
			screen | diag
			return 1
		fi
		sleep 0.02
	done
}
# field_clean TEXT: the line with TEXT has no '[' or '~' (what an undecoded sequence types).
field_clean() { ! screen | grep -F -- "$1" | grep -q '[][~]'; }
# still SCREEN-TEXT: after a key, the screen still shows the text and asks nothing.
still() {
	settle
	contains_screen "$1" && ! screen | grep -qE 'lose what you typed|Quit renda'
}

start TERM=xterm-256color NO_COLOR=1
wait_for "Main menu" >/dev/null
last=$(screen | sed -n "s/^ *[0-9]* \{1,\}\([A-Z][A-Za-z ]*[a-z]\)  .*/\1/p" | tail -n 1) # the main menu's last entry
[ -n "$last" ] && [ "$last" != "Main menu" ] || { echo "Bail out! the main menu's last entry not found"; exit 1; }

# The main menu: every Home and End, the cursor keys and the page keys.
raw '\033[4~'
check "End (ESC[4~): the last entry, nothing opened" cursor_on "$last"
check "  and the menu stays" still "Main menu"
raw '\033[1~'
check "Home (ESC[1~): the first entry" cursor_on "Users and roles"
raw '\033[F'
check "End (ESC[F, xterm)" cursor_on "$last"
raw '\033[H'
check "Home (ESC[H, xterm)" cursor_on "Users and roles"
raw '\033OF'
check "End (ESC OF, xterm application mode)" cursor_on "$last"
raw '\033OH'
check "Home (ESC OH)" cursor_on "Users and roles"
raw '\033[8~'
check "End (ESC[8~, rxvt)" cursor_on "$last"
raw '\033[7~'
check "Home (ESC[7~, rxvt)" cursor_on "Users and roles"
raw '\033[1;5F'
check "Ctrl-End (ESC[1;5F) as End" cursor_on "$last"
raw '\033[1;2H'
check "Shift-Home (ESC[1;2H) as Home" cursor_on "Users and roles"
raw '\033[B'
check "Down (ESC[B, normal mode)" cursor_on "Reference data"
raw '\033OB'
check "Down (ESC OB, application mode)" cursor_on "Audit trail"
raw '\033[A'
check "Up (ESC[A)" cursor_on "Reference data"
raw '\033OA'
check "Up (ESC OA)" cursor_on "Users and roles"
raw '\033[1;5B'
check "Ctrl-Down (ESC[1;5B) as Down" cursor_on "Reference data"
raw '\033[6~'
check "PgDn (ESC[6~)" cursor_on "$last"
raw '\033[5~'
check "PgUp (ESC[5~)" cursor_on "Users and roles"
raw '\033[6;5~'
check "Ctrl-PgDn (ESC[6;5~) as PgDn" cursor_on "$last"
raw '\033[5~'
cursor_on "Users and roles" >/dev/null

# F1 as each client sends it opens the help; q comes back.
for f1 in '\033OP' '\033[11~' '\033[[A'; do
	raw "$f1"
	check "F1 ($(printf '%s' "$f1" | sed 's/\\033/ESC/')) shows the keys" wait_for "Keys: Main menu" 3
	keys q
	wait_for "Main menu" >/dev/null
done

raw '\033[20~'
check "F9 (ESC[20~) shows the messages" wait_for "Messages, newest first" 3
keys q
wait_for "Main menu" >/dev/null

# Sequences that mean nothing here are read whole: the menu neither moves, nor
# goes back, nor opens an entry by a digit of the sequence.
for s in '\033[15~' '\033[17~' '\033[18~' '\033[19~' '\033[23~' '\033[24~' \
	'\033[[E' '\033[25~' '\033[99~' '\033[1;3Q' '\033[200~\033[201~'; do
	raw "$s"
	check "$(printf '%s' "$s" | sed 's/\\033/ESC/g') is swallowed whole on the menu" \
		still "Main menu"
	check "  the cursor stays" cursor_on "Users and roles"
done

# A list and its form: Insert adds; in a field Home, End, Delete and the arrows edit it.
keys 2 2
wait_for "城市建设" >/dev/null
raw '\033[2~'
check "Insert (ESC[2~) on a list opens a new record's form" wait_for "New: Category"
typing abc
raw '\033[1~'
typing X
check "Home (ESC[1~) in a field goes to its start, typing nothing" code_is "Xabc"
raw '\033[4~'
typing Y
check "End (ESC[4~) goes to its end" code_is "XabcY"
raw '\033OH'
typing 1
raw '\033[F'
typing 2
check "Home (ESC OH) and End (ESC[F)" code_is "1XabcY2"
raw '\033[D'
raw '\033[3~'
check "Left (ESC[D) and Delete (ESC[3~): the last character is gone" code_is "1XabcY"
raw '\033OD'
raw '\033[3~'
check "Left (ESC OD) and Delete again" code_is "1Xabc"
raw '\033[1;5D'
raw '\033[1;5D'
raw '\033[3~'
check "Ctrl-Left (ESC[1;5D) moves as Left" code_is "1Xac"
for s in '\033[15~' '\033[17~' '\033[18~' '\033[19~' '\033[23~' '\033[24~' \
	'\033[[E' '\033[99~' '\033[1;3P' '\033[32;2~'; do
	raw "$s"
	check "$(printf '%s' "$s" | sed 's/\\033/ESC/g') in a filled form types nothing, asks nothing" \
		still "New: Category"
	check "  the field is as it was" code_is "1Xac"
	check "  and no '[' or '~' reached it" field_clean "1Xac"
done
keys Tab
check "the name field has the focus" wait_for "The full name, as official documents print it"
raw '\033[Z'
check "Shift-Tab (ESC[Z) goes back a field" wait_for "A short code that never changes"
raw '\033[12~'
check "F2 (ESC[12~, PuTTY) saves: the empty name is named" wait_for "Name" 3
check "  with a message" message_has "Name"
typing 测试
raw '\033[21~'
check "F10 (ESC[21~) leaves the form: it asks first, as something was typed" \
	wait_for "lose what you typed"
keys n
check "  n stays in the form" still "New: Category"
raw '\033OQ'
check "F2 (ESC OQ, xterm) saves" wait_for "Saved."
check "  the category is stored as typed" \
	test "$(q "SELECT name FROM category WHERE code = '1Xac'")" = 测试

# Search and filter by function key, as PuTTY and xterm send them.
raw '\033[13~'
check "F3 (ESC[13~) asks what to search" wait_for "Search:"
keys Escape
wait_gone "Search:" >/dev/null
raw '\033OS'
check "F4 (ESC OS) opens the filter" wait_for "Filter:"
keys Escape
wait_gone "Filter:" >/dev/null
raw '\033[[D'
check "F4 (ESC[[D, the Linux console) opens it too" wait_for "Filter:"
keys Escape
wait_gone "Filter:" >/dev/null
raw '\033[4~'
check "End on a list goes to the last row" cursor_on "其他"
check "  and stays in the list" still "Categories"
raw '\033[1~'
check "Home on a list goes to the first row" cursor_on "测试"
keys q q
wait_for "Main menu" >/dev/null

# Bracketed paste: a paste of several lines into a one-line field is refused whole,
# with a message; into a field of several lines it goes with its line breaks.
keys 6 1
wait_for "Voter issues" >/dev/null
keys a 1
wait_for "the deputy the voter called" >/dev/null
keys Enter
wait_for "a phone call to deputy $code" >/dev/null
tab_to "One of the categories of voter issues"
keys Enter
wait_for "pick from Categories" >/dev/null
keys Enter
wait_for "a phone call to deputy $code" >/dev/null
tab_to "What the issue is about"
check "the title has the focus" contains_screen "What the issue is about"
tm set-buffer -b two "$(printf '路灯不亮\n已有两周')"
tm paste-buffer -p -b two -t t
check "a paste of two lines into the one-line title is refused with a message" \
	wait_for "a paste of several lines was not put into it"
check "  nothing of it is in the title" lacks_screen 路灯不亮
check "  nor in the content or any other field" lacks_screen 已有两周
check "  the form is still open" still "a phone call to deputy $code"
tm set-buffer -b one "$(printf '路灯不亮\n')"
tm paste-buffer -p -b one -t t
check "a paste of one line (with its line end) goes into the title" wait_for "路灯不亮"
check "  and the focus stays on the title" contains_screen "What the issue is about"
keys Tab
check "the content has the focus" wait_for "What the voter said"
tm paste-buffer -p -b two -t t
check "a paste of two lines goes into the content" wait_for "已有两周"
two_lines() { test "$(screen | grep -c '^ *Content.* 路灯不亮 *$')" = 1 && screen | grep -q '^ *已有两周 *$'; }
check "  on two lines" two_lines
# The same paste sent as raw bytes (ESC[200~ ... ESC[201~).
raw '\033[200~\r第三行\033[201~'
check "a raw bracketed paste with a carriage return adds a line" wait_for "第三行"
voter_empty() { screen | grep -Eq '^ *Voter *$'; }
check "  the voter's name is still empty" voter_empty
keys F2
check "the case saves" wait_for "Saved." 5
check "  its title is the one line pasted" \
	test "$(q "SELECT title FROM vcase ORDER BY id DESC LIMIT 1")" = 路灯不亮
check "  its content has the three lines" \
	test "$(q "SELECT content FROM vcase ORDER BY id DESC LIMIT 1")" = "$(printf '路灯不亮\n已有两周\n第三行')"
keys Q
wait_dead 3 >/dev/null
check "no sanitizer report" sanitizers_quiet
done_testing
