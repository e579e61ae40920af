#!/bin/sh
# Role-fitted menus (issue 12, item 9): a unit operator's main menu offers only what the
# role may open (not the deputy roster); the rows of a deputy's page open their record
# (Tab marks one, Enter opens it); the evaluation given shows in the history line, in
# the console and in `history` (its evaluation column), in English and in Chinese.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/tui/lib-tmux.sh"
TM_COLS=80
TM_ROWS=24

small_db
shen=$(deputy_code 沈建国)
for t in 路灯不亮 井盖缺失 噪音扰民; do
	"$RENDA" case add --deputy "$shen" --category 城市建设 --title $t --content 内容 >/dev/null ||
		{ echo "Bail out! case add failed"; exit 1; }
done
# The second case: assigned, replied, evaluated basically satisfied (closed).
c2=$("$RENDA" case list | awk -F '\t' 'NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
	$h["title"] == "井盖缺失" { print $h["number"] }')
"$RENDA" case act "$c2" forward >/dev/null &&
	"$RENDA" case act "$c2" assign --unit 平湖市住房和城乡建设局 >/dev/null &&
	"$RENDA" case act "$c2" reply --text 已补装。 >/dev/null &&
	"$RENDA" case act "$c2" evaluate --eval basic --text 还算及时 >/dev/null ||
	{ echo "Bail out! the steps of $c2 failed"; exit 1; }

check "history: the evaluation step carries the evaluation" run 0 "$RENDA" case history "$c2"
check "  in its own column" test "$(tsv_col "$T/out" evaluation | tail -n 1)" = basic
check "  the note stays the step's text" test "$(tsv_col "$T/out" text | tail -n 1)" = 还算及时
check "  other steps have none" test "$(tsv_col "$T/out" evaluation | sed '$d' | grep -c .)" = 0
check "in Chinese, in words" run 0 env LANGUAGE=zh_CN "$RENDA" case history "$c2"
check "  基本满意" test "$(tsv_col "$T/out" evaluation | tail -n 1)" = 基本满意

# ---- a unit operator's main menu ------------------------------------------------------
as_role unit 平湖市住房和城乡建设局
start
check "a unit operator's main menu" wait_for "Main menu"
check "  offers motions and suggestions" contains_screen "Motions and suggestions"
check "  and voter issues" contains_screen "Voter issues"
check "  not the deputy roster, which the role may not open" \
	sh -c '! echo "$1" | grep -q "^ *[0-9] Deputies "' - "$(screen)"
check "  nor activities of deputies or duty points, which it has none of" \
	sh -c '! echo "$1" | grep -q "Activities of deputies\|Duty points"' - "$(screen)"
check "  numbered without a gap: 4 is motions and suggestions" \
	sh -c 'echo "$1" | grep -q "^ *4 Motions and suggestions"' - "$(screen)"
keys 5
check "  5 opens voter issues" wait_for "All voter issues"
keys q Q
wait_dead 3 >/dev/null
as_role admin
start
check "an administrator's menu has the roster" wait_match "^ *4 Deputies "
keys Q
wait_dead 3 >/dev/null

# ---- a deputy's page opens its records ------------------------------------------------
start LANGUAGE=zh_CN
wait_for "主菜单" >/dev/null
keys 4
wait_for "沈建国" >/dev/null
keys f
typing 沈建国
keys Enter
wait_for "筛选：沈建国" >/dev/null
keys Enter
wait_for "代表 沈建国" >/dev/null
keys End
check "the deputy's page lists the voter issues" wait_for "收到的民情事项"
check "  Tab marks a record (its key is offered)" contains_screen "Tab "
newest=$("$RENDA" case list --deputy "$shen" --limit 1 | awk -F '\t' 'NR == 2 { print $2 }')
keys Tab Enter
check "Tab, Enter: the newest case's own page" wait_for "事项 $newest："
check "  with its history" wait_for "历史"
keys q
wait_for "收到的民情事项" >/dev/null
keys Tab Enter
check "Tab again, Enter: the next one, $c2" wait_for "事项 $c2：井盖缺失"
keys End
check "  its history shows the evaluation given" wait_for "已评价：基本满意"
keys q q q Q
wait_dead 3 >/dev/null

# ---- a pick offers the town's own liaison stations ----------------------------------
# A town clerk registering a visit: the station pick lists the stations of the clerk's
# town (every town has two in the reference data); once the form names another town,
# that town's.
count_of() {
	"$RENDA" ref list station | awk -F '\t' -v t="$1" 'NR == 1 { for (i = 1; i <= NF; i++)
		h[$i] = i; next } $h["town"] == t { n++ } END { print n + 0 }'
}
all=$("$RENDA" ref list station | sed 1d | wc -l)
xd=$(count_of 新埭镇) cq=$(count_of 曹桥街道)
as_role town-clerk 新埭镇
start
wait_for "Main menu" >/dev/null
n=$(screen | sed -n 's/^ *\([0-9]\) Voter issues .*/\1/p')
keys "$n"
wait_for "All voter issues" >/dev/null
keys 1
wait_for "rows" >/dev/null
keys a
wait_for "visit at a liaison station" >/dev/null
keys 2
check "the visit form" wait_for "Liaison station"
keys Down Down
check "  on the station field" wait_for "The liaison station where the voter came"
keys Enter
check "the pick holds the town's $xd stations, not all $all" wait_for "$xd rows"
check "  新埭镇's" contains_screen "新埭镇人大代表联络站"
check "  not 曹桥街道's" sh -c '! echo "$1" | grep -q 曹桥街道人大代表联络站' - "$(screen)"
keys Escape
wait_for "The liaison station where the voter came" >/dev/null
keys Down Enter
wait_for "pick from Towns" >/dev/null
keys f
typing 曹桥
keys Enter
wait_match "^ *CQ " >/dev/null
keys Enter
wait_for "曹桥街道" >/dev/null
keys Up Enter
check "the form names 曹桥街道: its $cq stations" wait_for "曹桥街道人大代表联络站"
check "  and only they" contains_screen "$cq rows"
keys Escape
wait_for "The liaison station where the voter came" >/dev/null
# The deputy field: Enter picks from the deputies in office the clerk may see.
keys Up
wait_for "The code of the deputy the voter reached" >/dev/null
check "  Enter is offered on the deputy field" contains_screen "Enter Pick"
keys Enter
check "Enter on the deputy field lists 新埭镇's deputies" wait_for "Deputy: pick one"
check "  钱佳怡 and 陆伟明" sh -c 'echo "$1" | grep -q 钱佳怡 && echo "$1" | grep -q 陆伟明' - "$(screen)"
check "  not 乍浦镇's 沈建国" sh -c '! echo "$1" | grep -q 沈建国' - "$(screen)"
qian=$(deputy_code 钱佳怡)
keys f
typing 钱佳怡
keys Enter
wait_for " 1 row" >/dev/null
keys Enter
check "  picking 钱佳怡 puts her code into the field" wait_match "Deputy  *$qian"
keys Escape
wait_for "lose what you typed" >/dev/null
keys y q Q
wait_dead 3 >/dev/null
done_testing
