#!/bin/sh
# The statistics screen's bars: a count is drawn against the largest row's, so the rows'
# bars differ as their figures do; the total, which would outrun them all, has its figure
# and no bar. Checked by counting the bar characters on the 80x24 screen in Chinese.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/tui/lib-tmux.sh"
TM_COLS=80
TM_ROWS=24

small_db
shen=$(deputy_code 沈建国)
export RENDA_NOW=2026-03-02T09:00:00+08:00
# Four cases of 城市建设 and two of 农业农村.
for c in 城市建设 城市建设 城市建设 城市建设 农业农村 农业农村; do
	n=$((${n:-0} + 1))
	"$RENDA" case add --deputy "$shen" --category $c --title "事项$n" --content 内容 >/dev/null ||
		{ echo "Bail out! case add failed"; exit 1; }
done
# bar NAME: how many bar characters the bars' row of NAME has (the last row of that name
# on the screen: the table's rows come first).
bar() { screen | grep "^  $1 " | tail -n 1 | tr -cd '#█' | wc -m; }

start LANGUAGE=zh_CN
wait_for "主菜单" >/dev/null
keys 6
wait_for "统计" >/dev/null
keys 5
check "the statistics of voter issues, in Chinese" wait_for "按分类统计（2026年）"
keys End
check "the bars of the count" wait_for "件数条形图"
full=$(bar 城市建设)
half=$(bar 农业农村)
check "the largest row's bar is as wide as the bars go (at least 40 columns of 80: $full)" \
	test "$full" -ge 40
check "  the row with half its count has half its bar ($half of $full)" \
	test "$half" -eq $(((full + 1) / 2))
check "  the total has its figure and no bar" screen_matches "^  合计 +6$"
check "  a row without cases has no bar" test "$(bar 其他)" -eq 0
keys q q Q
wait_dead 3 >/dev/null
done_testing
