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
keys q q Q
wait_dead 3 >/dev/null
done_testing
