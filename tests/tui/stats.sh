#!/bin/sh
# Statistics that fit (issue 12, item 6): at 80x24, in Chinese, the statistics screen
# shows the names and as many figures as the width holds, says with '>' that there are
# more, and Right (or l) brings in the figures further right while the names stay;
# Left (or h) goes back. Every figure reached this way is the CLI's.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/tui/lib-tmux.sh"
TM_COLS=80
TM_ROWS=24

small_db
shen=$(deputy_code 沈建国)
# Two cases of 城市建设: one replied ten days after its assignment and evaluated, one open.
export RENDA_NOW=2026-03-02T09:00:00+08:00
for t in 路灯不亮 井盖缺失; do
	"$RENDA" case add --deputy "$shen" --category 城市建设 --title $t --content 内容 >/dev/null ||
		{ echo "Bail out! case add failed"; exit 1; }
done
"$RENDA" case act 1 forward >/dev/null &&
	"$RENDA" case act 1 assign --unit 平湖市住房和城乡建设局 >/dev/null &&
	RENDA_NOW=2026-03-12T09:00:00+08:00 "$RENDA" case act 1 reply --text 已修复。 >/dev/null &&
	RENDA_NOW=2026-03-13T09:00:00+08:00 "$RENDA" case act 1 evaluate --eval satisfied >/dev/null ||
	{ echo "Bail out! the steps of case 1 failed"; exit 1; }
export RENDA_NOW=2026-03-16T09:00:00+08:00
"$RENDA" stats cases --by category --year 2026 >"$T/cli" || { echo "Bail out! stats failed"; exit 1; }
# By hand: replied ten calendar days after its assignment; 1 of 1 evaluated satisfied.
# cli_total KEY: the CLI's total of a column.
cli_total() {
	awk -F '\t' -v k="$1" 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		$1 == "" || $2 == "合计" || $2 == "Total" { v = $c[k] } END { print v }' "$T/cli"
}
# heading_line: the table's heading line (the one that starts with the name column).
heading_line() { screen | grep -m1 '^  分类 '; }
# screen_total HEADING: the total row's figure under a heading of the table.
screen_total() {
	screen >"$T/scr"
	$PY - "$T/scr" "$1" <<'PY'
import sys, unicodedata
w = lambda s: sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
head = next(l for l in lines if l.startswith("  分类 "))
total = next(l for l in lines if l.startswith("  合计 "))
i = head.index(sys.argv[2])
end = w(head[:i]) + w(sys.argv[2])  # figures are right-aligned under their heading
col, out = 0, ""
for ch in total:  # the characters of the total row that end at the heading's last column
    col += w(ch)
    if col <= end:
        out += ch
print(out.split()[-1])
PY
}
PY=/usr/bin/python3

start LANGUAGE=zh_CN
wait_for "主菜单" >/dev/null
keys 6
wait_for "统计" >/dev/null
keys 5
check "the statistics of voter issues, in Chinese" wait_for "按分类统计（2026年）"
check "80 columns do not hold every figure: '>' says there are more" \
	sh -c 'echo "$1" | grep -q ">$"' - "$(heading_line)"
check "  the average reply days are not on the screen yet" \
	sh -c '! echo "$1" | grep -q 答复天数' - "$(heading_line)"
check "  and nothing is to the left" sh -c '! echo "$1" | grep -q "<"' - "$(heading_line)"
n=0
while [ $n -lt 30 ] && ! heading_line | grep -q 答复天数; do
	keys Right
	n=$((n + 1))
	sleep 0.1
done
check "Right brings the last figure in ($n presses)" wait_for "答复天数"
check "  the names stay" contains_screen "  城市建设"
check "  '<' says there are figures to the left" sh -c 'echo "$1" | grep -q "<"' - "$(heading_line)"
check "  and none to the right any more" sh -c '! echo "$1" | grep -q ">$"' - "$(heading_line)"
check "the CLI's figures are the hand-counted ones" test "$(cli_total count) $(cli_total avg_reply_days) $(cli_total satisfied_rate)" = "2 10.00 100.00"
check "  the average reply days are the CLI's" test "$(screen_total 答复天数)" = "$(cli_total avg_reply_days)"
check "  so is the satisfied share" test "$(screen_total 满意占比)" = "$(cli_total satisfied_rate)"
keys Right
sleep 0.2
check "Right at the end stays" wait_for "答复天数"
keys h
check "h goes back one figure" wait_for "  分类    <"
for i in $(seq 1 30); do keys Left; done
check "Left back to the first figure: nothing to the left" wait_gone "分类    <"
check "  the count is the CLI's" test "$(screen_total 件数)" = "$(cli_total count)"
keys l
check "l scrolls like Right" wait_for "  分类    <"
# As of a past day (v, the selection form's last field): March 12, the day of the reply
# and before the evaluation: two cases, the reply counted, nothing evaluated yet.
RENDA_NOW=2026-03-16T09:00:00+08:00 "$RENDA" stats cases --by category --as-of 2026-03-12 \
	>"$T/cli" || { echo "Bail out! stats --as-of failed"; exit 1; }
check "as of March 12 the CLI counts no evaluation yet" test \
	"$(cli_total count) $(cli_total evaluated) $(cli_total satisfied_rate)" = "2 0 "
keys v
wait_for "截至" >/dev/null
keys Tab Tab Tab
typing 2026-03-12
keys F2
check "the screen as of March 12, said in its title" wait_for "截至 2026-03-12"
check "  the choice is said to be shown, not saved" wait_for "已按所选显示"
for i in $(seq 1 30); do keys Left; done
wait_gone "分类    <" >/dev/null
check "  the count is the CLI's" test "$(screen_total 件数)" = "$(cli_total count)"
for i in $(seq 1 30); do keys Right; done
check "  no satisfied share yet: a dash" wait_for "答复天数"
check "  the satisfied share as of then is none" test "$(screen_total 满意占比)" = "-"
# W writes the module's workbook of what the screen counts (renda report cases for its
# year), asking for the file; the same file again is replaced only when the clerk says so.
check "the key line offers the workbook" contains_screen "W 工作簿"
keys W
check "W asks for the year's workbook of voter issues, under its own name" \
	wait_for "将工作簿写入文件： cases-2026.xlsx"
keys C-u
typing "$T/w.xlsx"
keys Enter
check "  written, the clerk told how many cases" wait_for "已写入 $T/w.xlsx：2 件"
check "  the workbook holds the two cases, as renda report counts them" $PY -c '
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
fig = {r[0]: r[1] for r in wb["概况"].iter_rows(values_only=True) if r and r[0]}
assert fig["件数"] == 2, fig.get("件数")
cells = [v for r in wb["民情事项明细"].iter_rows(values_only=True) for v in r if v]
assert "路灯不亮" in cells and "井盖缺失" in cells, "titles"
' "$T/w.xlsx"
sum=$(sha256sum <"$T/w.xlsx")
keys W
wait_for "将工作簿写入文件" >/dev/null
keys C-u
typing "$T/w.xlsx"
keys Enter
check "the same file again: the clerk is asked" wait_for "已存在。要替换它吗"
keys n
check "  no: kept" wait_for "没有写入：$T/w.xlsx 保持原样。"
check "  the file as it was" test "$(sha256sum <"$T/w.xlsx")" = "$sum"
# The statistics of activities have no workbook of their own: W is neither offered nor taken.
keys q q
wait_for "主菜单" >/dev/null
keys 8
wait_for "全部活动" >/dev/null
keys 4
check "the statistics of activities" wait_for "条形图"
check "  offer no workbook" lacks_screen "W 工作簿"
keys W
sleep 0.3
check "  and W asks for none" lacks_screen "将工作簿写入文件"
keys q q Q
wait_dead 3 >/dev/null
done_testing
