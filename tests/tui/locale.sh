#!/bin/sh
# A locale that works out of the box: over SSH without LANG (PuTTY's default), or
# with a locale that is not UTF-8 or not installed, the console chooses a UTF-8
# locale (the same language, else zh_CN.UTF-8, else C.UTF-8), so Chinese shows, and
# says so and how to set LANG, on the message line and on standard error.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/tui/lib-tmux.sh"

"$RENDA" init >/dev/null || exit 1
has_locale() { locale -a 2>/dev/null | grep -qix "$1"; }

# No LANG, no LC_ALL, no LANGUAGE: what PuTTY gives by default.
start LC_ALL= LANG= LC_CTYPE= LANGUAGE=
if has_locale zh_CN.utf8; then
	check "without LANG the console is in Chinese (zh_CN.UTF-8 chosen)" wait_for "主菜单"
	check "  and says which locale it chose" wait_for "zh_CN.UTF-8"
	keys F9
	check "  in Chinese, and (F9, whole) how to set it" wait_for "LANG=zh_CN.UTF-8"
	keys q
else
	check "without LANG the console chose C.UTF-8" wait_for "C.UTF-8"
fi
keys 2 1
check "Chinese data shows, not blank" wait_for "乍浦镇"
check "  whole: 当湖街道" contains_screen "当湖街道"
keys q q y
wait_dead 3 >/dev/null
check "standard error says it too, for after the console closes" contains "$T/stderr" "LANG=zh_CN.UTF-8"

# A locale that is not installed (or not UTF-8): the same language in UTF-8.
rm -f "$T/stderr"
start LC_ALL=zh_CN.GB18030 LANGUAGE=
if has_locale zh_CN.utf8; then
	check "LC_ALL=zh_CN.GB18030: the same language in UTF-8" wait_for "主菜单"
	check "  naming the locale it had" wait_for "zh_CN.GB18030"
fi
keys 2 1
check "  Chinese data shows" wait_for "乍浦镇"
keys Q
wait_dead 3 >/dev/null

# An English locale that is not UTF-8 keeps English if en_US.UTF-8 is there, else
# takes what there is; a UTF-8 locale is left alone and nothing is said.
rm -f "$T/stderr"
start LC_ALL=C.UTF-8 LANGUAGE=
wait_for "Main menu" >/dev/null
check "a UTF-8 locale is left as it is: no message" sh -c '! tmux -L "$1" capture-pane -p -t t | grep -q "not UTF-8"' - "$TM_SOCK"
# An English description longer than its line is cut there, and shown whole below the
# entries while its entry is the current one (80x24, wrapped).
tm resize-window -t t -x 80 -y 24
keys Down Down Down Down
check "at 80 columns the current entry's description is cut on its line" \
	screen_matches 'Motions and suggestions +Deputies.*…$'
check "  and shown whole below the entries" wait_for "co-signing, review, units,"
check "  to its end, on the next line" screen_matches '^ +replies *$'
keys Down
check "  and follows the cursor" wait_for "码上提、马上办: cases, their steps and deadlines"
tm resize-window -t t -x "$TM_COLS" -y "$TM_ROWS"
keys Q
wait_dead 3 >/dev/null
check "  nothing on standard error" sh -c '! grep -q "not UTF-8" "$1" 2>/dev/null' - "$T/stderr"
check "no sanitizer report" sanitizers_quiet
done_testing
