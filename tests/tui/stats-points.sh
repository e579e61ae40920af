#!/bin/sh
# The statistics screen of duty points at 80x24 in Chinese, on the demo: the title says the
# year once; a figure wider than its heading (the year's total of points, two decimals) is
# shown whole in a column as wide as it, not cut with an ellipsis.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/tui/lib-tmux.sh"
TM_COLS=80
TM_ROWS=24

"$RENDA" demo >/dev/null 2>&1 || { echo "Bail out! renda demo failed"; exit 1; }
"$RENDA" stats points --by town --year 2025 >"$T/cli" || { echo "Bail out! stats failed"; exit 1; }
total=$(awk -F '\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	$2 == "Total" { print $c["deputies"], $c["points"] }' "$T/cli")
set -- $total
deputies=$1 points=$2
check "the CLI's total of points is wider than 7 columns ($points)" test ${#points} -gt 7

start LANGUAGE=zh_CN
wait_for "主菜单" >/dev/null
keys 9
wait_for "本年度排名" >/dev/null
keys 5
check "the statistics of duty points" wait_for "履职积分（按镇街）"
keys v
wait_for "积分按什么汇总" >/dev/null
keys Tab
typing 2025
keys F2
check "the year chosen: 2025" wait_for "2025年"
title=$(screen | sed -n 2p)
check "  the title says the year once ($title)" \
	test "$(printf '%s\n' "$title" | grep -o '2025' | wc -l)" -eq 1
check "  the total row shows the CLI's $deputies deputies and $points points whole" \
	screen_matches "^  合计 +$deputies +$points "
screen >"$T/s"
check "  no figure is cut short" sh -c '! grep -q "…" "$1"' - "$T/s"
check "  no line wider than 80 columns" test "$(LC_ALL=C.UTF-8 wc -L <"$T/s")" -le 80
# W: the points' own workbook of the year shown (renda report points), every deputy ranked.
keys W
check "W asks for the year's workbook of duty points" wait_for "将工作簿写入文件： points-2025.xlsx"
keys C-u
typing "$T/p.xlsx"
keys Enter
check "  written: the CLI's $deputies deputies ranked" wait_for "已写入 $T/p.xlsx：$deputies 位代表参加排名"
check "  its ranking sheet has a row for each of them" /usr/bin/python3 -c '
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["排名"]
codes = [r[2] for r in ws.iter_rows(values_only=True) if r and isinstance(r[0], int)]
assert len(codes) == int(sys.argv[2]), (len(codes), sys.argv[2])
' "$T/p.xlsx" "$deputies"
# The ranking screen's own W; the same file again, replaced when the clerk says yes.
keys q
wait_for "本年度排名" >/dev/null
keys 1
check "the year's ranking" wait_for "W 工作簿"
keys W
check "the ranking's W asks for its file" wait_for "将排名写成工作簿，保存为： 履职积分排名.xlsx"
keys C-u
typing "$T/p.xlsx"
keys Enter
check "  an existing file: the clerk is asked" wait_for "已存在。要替换它吗"
echo spoilt >"$T/p.xlsx"
keys y
check "  yes: written again" wait_for "已写入 $T/p.xlsx。"
check "  a workbook once more" /usr/bin/python3 -c '
import sys, openpyxl
openpyxl.load_workbook(sys.argv[1])' "$T/p.xlsx"
keys q q Q
wait_dead 3 >/dev/null

# A town clerk's ranking holds the town's deputies only: no town column, the groups whole.
as_role town-clerk 当湖街道
start LANGUAGE=zh_CN
wait_for "主菜单" >/dev/null
keys 9
wait_for "本年度排名" >/dev/null
keys 1
check "a town clerk's ranking" wait_for "年度履职积分排名"
check "  under no town column (every deputy is the clerk's town's)" sh -c 'printf "%s\n" "$1" |
	grep -q "代表小组" && ! printf "%s\n" "$1" | grep -q "镇（街道）"' sh "$(line 3)"
check "  the town's deputies' groups whole" contains_screen "当湖街道第一代表小组"
keys q Q
wait_dead 3 >/dev/null
done_testing
