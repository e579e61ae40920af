#!/bin/sh
# The working-day calculator of the holiday calendar (基础数据 -> 节假日与调休, w), 80x24 in
# Chinese: the working days between two days and the day a number of units after one,
# each equal to what renda calendar workdays, add and is-workday say; a form with both or
# neither refused by name; a year without holiday data warned of. Around 国庆节 2026:
# 10-01..10-07 off, 10-10 (a Saturday) worked.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/tui/lib-tmux.sh"
TM_COLS=80
TM_ROWS=24
export RENDA_NOW=2026-09-28T09:00:00+08:00
"$RENDA" init >/dev/null 2>&1 || { echo "Bail out! init failed"; exit 1; }
workdays=$("$RENDA" calendar workdays 2026-09-28 2026-10-09)
plus5=$("$RENDA" calendar add 2026-09-28 5)
check "by hand: 9-29, 9-30, 10-08, 10-09 are the working days up to 10-09" test "$workdays" = 4
check "  and the fifth is the make-up Saturday 10-10" test "$plus5" = 2026-10-10
check "  which the CLI calls a make-up workday" test "$("$RENDA" calendar is-workday 2026-10-10 | cut -f 1,2)" = "yes	make-up workday"

start LANGUAGE=zh_CN
wait_for "主菜单" >/dev/null
keys 2
wait_for "基础数据" >/dev/null
keys 9
check "the calendar offers the calculator" wait_for "w 工作日"
keys w
check "w opens it, counting from today" wait_match "起算日 +\* 2026-09-28"
keys F2
check "neither a day nor a number: refused" wait_for "截止日：请填截止日或要加上的数（二者填一）"
check "  the cursor put on the day to count to" screen_matches "^! 截止日"
typing 2026-10-09
keys F2
check "the working days up to a day" wait_for "按日历计算工作日"
check "  as the CLI counts them" wait_match "^\* 工作日 +$workdays *$"
check "  each day with its weekday and kind" wait_match "起算日 +2026-09-28 周一，工作日"
check "  the last one too" contains_screen "截止日  2026-10-09 周五，工作日"
keys q
keys w
wait_for "计算工作日" >/dev/null
keys Tab Tab
typing 5
keys F2
check "the day five working days after" wait_match "^\* 结果 +$plus5 周六，调休上班日 国庆节调休上班"
check "  what was added" contains_screen "5 个工作日"
keys q
keys w
wait_for "计算工作日" >/dev/null
keys Tab
typing 2026-10-09
keys Tab
typing 5
keys F2
check "both a day and a number: refused" wait_for "（二者填一）"
keys Escape
wait_for "放弃已输入的内容" >/dev/null
keys y
wait_for "w 工作日" >/dev/null
keys w
wait_for "计算工作日" >/dev/null
keys C-u
typing 2031-01-05
keys Tab Tab
typing 3
keys F2
check "a year without holiday data: warned" wait_match "警告 .*2031"
check "  and counted by weekends only, as the CLI" \
	contains_screen "$("$RENDA" calendar add 2031-01-05 3 2>/dev/null)"
keys q Q
wait_dead 3 >/dev/null
check "no sanitizer report" sanitizers_quiet
done_testing
