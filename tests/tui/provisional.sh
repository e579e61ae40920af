#!/bin/sh
# A provisional deadline in the console (issue 11, item 5): a case assigned on
# 2026-12-15 has its reply due 2027-01-15, in a year whose holidays are not loaded;
# the message line says so, naming the year and the command that loads it, and the
# assignment is saved. In Chinese the whole notice fits an 80-column terminal.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/tui/lib-tmux.sh"
TM_COLS=120
export RENDA_NOW=2026-12-15T10:00:00+08:00

small_db
shen=$(q "SELECT code FROM deputy WHERE name = '沈建国'")
for t in 十二月交办的事项 第二件十二月的事项; do
	"$RENDA" case add --deputy "$shen" --category 城市建设 --title $t --content 内容 >/dev/null &&
		"$RENDA" case act "$(q 'SELECT max(id) FROM vcase')" forward >/dev/null ||
		{ echo "Bail out! case add failed"; exit 1; }
done

start
wait_for "Main menu" >/dev/null
keys 6
wait_for "All voter issues" >/dev/null
keys 1
check "the list of voter issues" wait_for "2 rows"
keys Home Enter
wait_for "Case " >/dev/null
keys x
wait_for "(forwarded for review)" >/dev/null
keys 2
wait_for "Lead unit" >/dev/null
keys Enter
wait_for "Lead unit: pick from" >/dev/null
keys f
typing 教育局
keys Enter
wait_for "Enter Choose" >/dev/null
keys Enter
wait_for "平湖市教育局" >/dev/null
keys F2
check "the message line says the deadline is provisional" \
	wait_for "deadline 2027-01-15 is provisional: the holidays of 2027 are not loaded (renda calendar import FILE)"
check "the case is assigned all the same" \
	test "$(q "SELECT state FROM vcase WHERE title = '第二件十二月的事项'")" = assigned
check "with its reply due 2027-01-15" \
	test "$(q "SELECT due FROM wf_clock w JOIN vcase v ON v.id = w.item_id WHERE v.title = '第二件十二月的事项' AND w.clock = 'reply'")" = 2027-01-15
check "nothing went to stderr" test ! -s "$T/stderr"
keys Q
wait_dead 3 >/dev/null

# In Chinese on 80 columns: the whole notice is on the screen. A later case heads the list.
export RENDA_NOW=2026-12-15T11:00:00+08:00
"$RENDA" case add --deputy "$shen" --category 城市建设 --title 第三件 --content 内容 >/dev/null &&
	"$RENDA" case act 3 forward >/dev/null || { echo "Bail out! case add failed"; exit 1; }
TM_COLS=80
start LANGUAGE=zh_CN
wait_for "主菜单" >/dev/null
keys 6
sleep 0.3
keys 1
sleep 0.5
keys Home Enter
sleep 0.3
keys x
sleep 0.3
keys 2
sleep 0.3
keys Enter
sleep 0.3
keys f
typing 教育局
keys Enter
sleep 0.3
keys Enter
wait_for "平湖市教育局" >/dev/null
keys F2
check "in Chinese, the whole notice fits 80 columns" \
	wait_for "期限 2027-01-15 为暂定：2027年节假日未导入（renda calendar import 文件）"
check "  the save's own message left to F9, not cut to its first character" sh -c 'printf "%s\n" "$1" |
	grep -q "文件） *F9 *$" && ! printf "%s\n" "$1" | grep -q "…"' sh "$(screen | tail -n 2 | head -n 1)"
keys F9
check "  where it is: the step taken and the state it left" wait_for "：交办承办单位；现为已交办。"
keys q
check "the third case is assigned too" test "$(q "SELECT state FROM vcase WHERE id = 3")" = assigned
# Once the unit has responded, the case's next deadline is its reply, in 2027: the list
# at 80 columns marks the day as provisional (暂定).
"$RENDA" case act 3 respond --text 已收到。 >/dev/null || { echo "Bail out! respond failed"; exit 1; }
keys q
check "the list marks the next due day as provisional" wait_for "2027-01-15（暂定）"
check "  on the third case's row" \
	sh -c 'echo "$1" | grep -q "第三件.*2027-01-15（暂定）"' - "$(screen)"
keys Q
wait_dead 3 >/dev/null

done_testing
