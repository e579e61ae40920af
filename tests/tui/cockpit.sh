#!/bin/sh
# The data cockpit's screen (数据驾驶舱): at 80x24 and in Chinese the panels come one after
# another with the figures of `renda cockpit`; Enter on a figure opens the module's own
# list with the figure's filter, holding as many records as the figure says; a large
# terminal shows the panels side by side; v asks for an as-of day.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/tui/lib-tmux.sh"
TM_COLS=80
TM_ROWS=24

"$RENDA" demo >/dev/null 2>&1 || { echo "Bail out! renda demo failed"; exit 1; }
"$RENDA" cockpit >"$T/cli" || { echo "Bail out! renda cockpit failed"; exit 1; }
fig() { awk -F '\t' -v k="$1" '$2 == k { print $5 }' "$T/cli"; }
month=$(fig case.month)
overdue=$(fig case.overdue)
red=$(fig warning.red)
rate=$(fig case.reply_rate)

start LANGUAGE=zh_CN
wait_for "主菜单" >/dev/null
check "the main menu offers the cockpit" contains_screen "数据驾驶舱"
menu_open "数据驾驶舱"
check "the cockpit opens on the voter issues' panel" wait_for "本月提交"
check "  its heading in Chinese" contains_screen "民情事项"
check "  the month's figure is the CLI's ($month)" screen_matches "本月提交 +$month( |\$)"
check "  the on-time reply rate is the CLI's ($rate%)" screen_matches "按时答复率 +$rate%"
check "  the as-of time on the title line" contains_screen "截至 2026-03-02 09:00"
check "  the figure under the cursor is the first" test -n "$(cursor_row | grep 本月提交)"
screen >"$T/s80"
check "  no line wider than 80 columns" test "$(LC_ALL=C.UTF-8 wc -L <"$T/s80")" -le 80
check "  the categories as bars" screen_matches "城市建设 +[0-9]+ +[#█▏▎▍▌▋▊▉]"
first=$(q "SELECT name FROM category ORDER BY sort, code LIMIT 1")
check "  under a line that says what they are, right above the first category ($first)" \
	test "$(awk '/^按分类 *$/ { getline; print $1; exit }' "$T/s80")" = "$first"

# Enter on "超期" (overdue): the list of voter issues that are overdue, as many rows.
# wait_cursor TEXT: polls until the row under the cursor shows TEXT.
wait_cursor() {
	c_end=$(($(ms) + 10000))
	until cursor_row | grep -qF -- "$1"; do
		[ "$(ms)" -gt "$c_end" ] && { echo "# the cursor never reached $1"; screen | diag; return 1; }
		sleep 0.02
	done
}
keys Down Down
check "Down twice brings the cursor to the overdue figure" wait_cursor 超期
check "  the CLI's ($overdue)" test -n "$(cursor_row | grep -E "超期 +$overdue( |\$)")"
keys Enter
check "Enter opens the overdue voter issues, $overdue rows" wait_for "共 $overdue 行"
keys q
check "q comes back to the cockpit" wait_for "本月提交"

# The panels further down, reached with the cursor: finance warnings at the end.
keys End
check "End reaches the finance warnings" wait_for "财经预警"
check "  past the deputies with the most points, said above their bars" \
	contains_screen "积分最高的代表"
check "  the open red warnings are the CLI's ($red)" screen_matches "未办结的红色预警 +$red( |\$)"
keys Up Up
keys Enter
check "Enter on them opens the red warnings that are open" wait_for "共 $red 行"
keys q
wait_for "财经预警" >/dev/null

# A large terminal: the panels side by side.
tm resize-window -t t -x 200 -y 50
check "a large terminal shows the panels side by side" wait_match "民情事项 .*(议案建议|民生实事项目)"

# v: the figures as of another day.
keys v
check "v asks for the as-of day" wait_for "截至日期"
typing 2026-03-01
keys Enter
check "then for the period" wait_for "按本月"
keys n
check "the figures as of March 1" wait_for "截至 2026-03-01 23:59"
"$RENDA" cockpit --as-of 2026-03-01 >"$T/cli1"
m1=$(awk -F '\t' '$2 == "case.open" { print $5 }' "$T/cli1")
check "  the open voter issues of that day ($m1)" screen_matches "在办 +$m1( |\$)"

# W: the cockpit's workbook of the figures shown, as renda report cockpit writes it for
# the same day (every sheet's cells equal, read with openpyxl).
keys W
check "W offers the workbook of the day shown" wait_for "将工作簿写入文件： cockpit-2026-03-01.xlsx"
keys C-u
typing "$T/ck.xlsx"
keys Enter
check "  and writes it" wait_for "已写入 $T/ck.xlsx："
LANGUAGE=zh_CN "$RENDA" report cockpit --as-of 2026-03-01 --out "$T/cli.xlsx" >/dev/null 2>&1
check "  the same workbook as renda report cockpit's" /usr/bin/python3 -c "
import sys, openpyxl
def cells(p):
    wb = openpyxl.load_workbook(p)
    return [(ws.title, [[c.value for c in row] for row in ws.iter_rows()]) for ws in wb.worksheets]
a, b = cells('$T/ck.xlsx'), cells('$T/cli.xlsx')
sys.exit(0 if a == b and len(a) > 1 else 1)"

keys Q
check "renda exits" wait_dead
check "no sanitizer report" sanitizers_quiet
done_testing
