#!/bin/sh
# Lists that show the work: column widths come from the rows shown and the width of
# the screen. At 80 columns the list of voter issues shows the number, the state, the
# town, at least 12 columns of title and the next due day, with no state cut; the
# overdue list shows the unit and the due day; at 200 columns titles are whole before
# any other column grows. A record saved through a form is the selected row of its
# list (a filter that hid it is taken away). The roster and the pick lists are in
# pinyin order.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/tui/lib-tmux.sh"

small_db
for d in "赵六 33048219800101001" "陈三 33048219800101003" "白二 33048219800101005" \
	"安一 33048219800101007"; do
	set -- $d
	"$RENDA" deputy add --name "$1" --resident_id "$(fix_id "$2")" --level city --town 新埭镇 \
		>/dev/null || exit 1
done
dep() { q "SELECT code FROM deputy WHERE name = '$1'"; }
long=关于钟埭街道中心幼儿园门口上下学时段交通严重拥堵并且缺少临时停车位和护学岗的问题反映
n=0
for t in 路灯不亮 "$long" 农田灌溉渠堵塞影响春耕 学校门口上下学交通拥堵 菜场噪音扰民; do
	n=$((n + 1))
	"$RENDA" case add --deputy "$(dep 陆伟明)" --category 城市建设 --title "$t" --content 内容。 \
		--submitted-at "2026-02-1${n}T09:00:00+08:00" >/dev/null || exit 1
done
num() { q "SELECT number FROM vcase WHERE title = '$1'"; }
for t in "$long" 学校门口上下学交通拥堵; do
	"$RENDA" case act "$(num "$t")" forward >/dev/null || exit 1
	"$RENDA" case act "$(num "$t")" assign --unit 平湖市住房和城乡建设局 >/dev/null || exit 1
done
"$RENDA" case act "$(num 菜场噪音扰民)" forward >/dev/null || exit 1
next_due() {
	q "SELECT min(k.due) FROM wf_clock k JOIN vcase v ON v.id = k.item_id WHERE k.workflow = 'case' AND v.number = '$1' AND k.stopped IS NULL AND k.clock <> 'return'"
}

esc=$(printf '\033')
# header_col TEXT: display column where TEXT starts on the heading line (line 3).
header_col() {
	h=$(line 3)
	case $h in *"$1"*) ;; *) echo -1; return ;; esac
	cols "${h%%"$1"*}"
}
# header_has TEXT: the heading line shows TEXT.
header_has() {
	[ "$(header_col "$1")" -ge 0 ] && return 0
	echo "# the headings lack $1"
	screen | diag
	return 1
}
# title_width: columns from the start of the title's heading to the next heading.
title_width() {
	h=$(line 3)
	rest=${h#*标题}
	next=$(printf '%s\n' "$rest" | sed 's/^ *//' | cut -d' ' -f1)
	echo $(($(header_col "$next") - $(header_col 标题) - 1))
}
# no_cut_but_title: no cell but the title's ends in an ellipsis.
no_cut_but_title() {
	t0=$(header_col 标题)
	tw=$(title_width)
	screen | sed -n '4,20p' | while IFS= read -r l; do
		case $l in *…*) ;; *) continue ;; esac
		before=${l%%…*}
		c=$(cols "$before")
		if [ "$c" -lt "$t0" ] || [ "$c" -gt $((t0 + tw)) ]; then
			echo "# a cell outside the title is cut: $l"
			return 1
		fi
	done
}
cursor_row() {
	tm capture-pane -e -p -t t | sed -n "3,$((TM_ROWS - 2))p" |
		grep -E "$esc\[([0-9]*;)*7(;[0-9]*)*m" | head -n 1 | sed "s/$esc\[[0-9;]*m//g"
}
cursor_on() {
	c_end=$(($(ms) + 3000))
	until cursor_row | grep -qF -- "$1"; do
		if [ "$(ms)" -gt "$c_end" ]; then
			echo "# the cursor row is not on: $1"
			screen | diag
			return 1
		fi
		sleep 0.02
	done
}

# ---- 80 columns, in Chinese ------------------------------------------------------
TM_COLS=80
TM_ROWS=24
start LANGUAGE=zh_CN NO_COLOR=1
wait_for "主菜单" >/dev/null
keys 6 1
wait_for "共 5 行" >/dev/null
for h in 序号 状态 镇（街道） 标题 最近期限; do
	check "80 columns: the list of voter issues shows $h" header_has "$h"
done
check "80 columns: at least 12 columns of title ($(title_width))" test "$(title_width)" -ge 12
check "80 columns: no state or other cell but the title is cut" no_cut_but_title
c=$(num 学校门口上下学交通拥堵)
due=$(next_due "$c")
check "the next due day is the respond deadline ($due)" test -n "$due"
check "80 columns: its row shows the next due day" sh -c 'echo "$1" | grep -q "$2 *$"' - \
	"$(screen | grep -F "$c")" "$due"
check "the state reads whole: 已交办" sh -c 'echo "$1" | grep -q " 已交办 "' - "$(screen | grep -F "$c")"
check "a case forwarded for review reads 已转交审核, whole" \
	sh -c 'echo "$1" | grep -q " 已转交审核 "' - "$(screen | grep -F "$(num 菜场噪音扰民)")"
keys Q
wait_dead 3 >/dev/null

# The overdue list: the unit and the due day.
RENDA_NOW=2026-03-20T09:00:00+08:00
start LANGUAGE=zh_CN NO_COLOR=1
wait_for "主菜单" >/dev/null
keys 6 3
wait_for "共 2 行" >/dev/null
sleep 0.3
check "80 columns: the overdue list shows the unit" header_has 单位
check "  and the due day" header_has 最近期限
check "  a row names its unit" sh -c 'echo "$1" | grep -q "平湖市住房"' - "$(screen | grep -F "$c")"
check "  and its due day" sh -c 'echo "$1" | grep -q "$2 *$"' - "$(screen | grep -F "$c")" "$due"
check "  with at least 12 columns of title" test "$(title_width)" -ge 12
keys Q
wait_dead 3 >/dev/null
RENDA_NOW=2026-03-02T09:00:00+08:00

# ---- 200 columns: titles whole before any other column grows ---------------------
TM_COLS=200
"$RENDA" ref edit unit "$(q "SELECT id FROM unit WHERE name = '平湖市住房和城乡建设局'")" \
	--name 平湖市住房和城乡建设局城市建设管理综合执法监察大队第三中队驻钟埭街道工作站 >/dev/null ||
	exit 1
start LANGUAGE=zh_CN NO_COLOR=1
wait_for "主菜单" >/dev/null
keys 6 1
wait_for "共 5 行" >/dev/null
check "200 columns: the long title shows whole" contains_screen "$long"
titles_whole() {
	for t in 路灯不亮 农田灌溉渠堵塞影响春耕 学校门口上下学交通拥堵 菜场噪音扰民; do
		screen | grep -Eq " $t( |\$)" || { echo "# not whole: $t"; screen | diag; return 1; }
	done
}
check "  every title is whole" titles_whole
check "  the long unit name gave way (cut) to the title" sh -c 'echo "$1" | grep -F "平湖市住房" | grep -q …' - "$(screen)"
keys Q
wait_dead 3 >/dev/null

# ---- a new record is the selected row ---------------------------------------------
TM_COLS=100
TM_ROWS=30
start NO_COLOR=1
wait_for "Main menu" >/dev/null
keys 2 2
wait_for "城市建设" >/dev/null
keys a
wait_for "New: Category" >/dev/null
typing NEW1
keys Tab
typing 新的类别
keys Tab
typing 4
keys F2
wait_for "Saved." >/dev/null
check "a category saved as new is the selected row" cursor_on 新的类别
check "  in its place by order, not at the end" sh -c '[ "$(echo "$1" | grep -n 新的类别 | cut -d: -f1)" -lt "$(echo "$1" | grep -n 其他 | cut -d: -f1)" ]' - "$(screen)"
keys Home
cursor_on 城市建设 >/dev/null
keys f
typing 城市
keys Enter
wait_for "filter: 城市" >/dev/null
keys a
wait_for "New: Category" >/dev/null
typing NEW2
keys Tab
typing 另一类别
keys F2
wait_for "Saved." >/dev/null
check "a new record the filter would hide: the filter goes" wait_gone "filter: 城市"
check "  and the new record is selected" cursor_on 另一类别
keys q q
wait_for "Main menu" >/dev/null
keys 4
wait_for "安一" >/dev/null

# ---- pinyin order ---------------------------------------------------------------
order_ok() {
	screen >"$T/s"
	a=$(grep -n 安一 "$T/s" | cut -d: -f1)
	b=$(grep -n 白二 "$T/s" | cut -d: -f1)
	c=$(grep -n 陈三 "$T/s" | cut -d: -f1)
	z=$(grep -n 赵六 "$T/s" | cut -d: -f1)
	[ -n "$a" ] && [ -n "$z" ] && [ "$a" -lt "$b" ] && [ "$b" -lt "$c" ] && [ "$c" -lt "$z" ] ||
		{ diag <"$T/s"; return 1; }
}
check "the roster sorted by name is in pinyin order: 安 白 陈 赵" order_ok
check "  顾 (gu) before 沈 (shen) before 施 (shi)" sh -c '
	a=$(echo "$1" | grep -n 顾秀英 | cut -d: -f1); b=$(echo "$1" | grep -n 沈建国 | cut -d: -f1)
	c=$(echo "$1" | grep -n 施永忠 | cut -d: -f1); [ "$a" -lt "$b" ] && [ "$b" -lt "$c" ]' - "$(screen)"
keys r
first_is() {
	f_end=$(($(ms) + 3000))
	until line 4 | grep -qF "$1"; do
		[ "$(ms)" -gt "$f_end" ] && { screen | diag; return 1; }
		sleep 0.02
	done
}
check "r reverses it: 赵 first" first_is 赵六
keys r
keys a
wait_for "New: Deputy" >/dev/null
tab_to "In Chinese characters"
typing 鲍明
keys Tab
typing "$(fix_id 33048219800101009)"
tab_to "A deputy to the city's congress"
keys Enter
wait_for "Level" >/dev/null
keys Enter
tab_to "The town or street the deputy belongs to"
keys Enter
wait_for "pick from" >/dev/null
keys Enter
wait_for "New: Deputy" >/dev/null
keys F2
check "a deputy saved as new" wait_for "Saved."
check "  is the selected row of the roster, in pinyin order after 白二" cursor_on 鲍明
keys q 6 1
wait_for "Voter issues" >/dev/null
keys a 1
wait_for "the deputy the voter called" >/dev/null
check "the pick list of deputies sorted by name is in pinyin order" order_ok
keys Q
wait_dead 3 >/dev/null
check "no sanitizer report" sanitizers_quiet
done_testing
