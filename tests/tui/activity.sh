#!/bin/sh
# Activities and duty points in the console, at 80x24 in zh_CN, as a town's clerk works:
# an activity planned through its form, sign-ups (点单) picked from the deputies it is for,
# answered, the sign-up closed, a leave with its reason typed after the pick, the deputies
# present, the record completed; then the ranking, a deputy's archive that opens into
# every line of points with its rule version, a correction from the archive, the archive's
# workbook, and the roster's deputy page with its duty archive. Every step is read back
# through the CLI.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/tui/lib-tmux.sh"

TM_COLS=80
TM_ROWS=24
small_db
"$RENDA" deputy add --name 朱立新 --resident_id "$(fix_id 33048219720301001)" --level town \
	--town 乍浦镇 >/dev/null || { echo "Bail out! deputy add"; exit 1; }
shen=$(deputy_code 沈建国) gu=$(deputy_code 顾秀英) zhu=$(deputy_code 朱立新)
as_role town-clerk 乍浦镇
A() { "$RENDA" activity "$@"; }
signups() { A signups 1 | awk -F '\t' 'NR > 1 { print $2, $3 }' | LC_ALL=C sort; }
roll() { A roll 1 | awk -F '\t' 'NR > 1 { print $2, $3, $4 }' | LC_ALL=C sort; }
# choose LABEL: presses the number of the menu entry that shows LABEL.
choose() {
	wait_for "$1" >/dev/null || return 1
	n=$(screen | grep -F -- "$1" | head -n 1 | awk '{ print $1 }')
	keys "$n"
}
# mark TEXT: in a pick, filters on TEXT and marks the row.
mark() {
	keys f C-u
	typing "$1"
	keys Enter
	wait_for "筛选：$1" >/dev/null
	keys Space
}
# pick TEXT: in a list, filters on TEXT and takes the row (Enter).
pick() {
	keys f C-u
	typing "$1"
	keys Enter
	wait_for "筛选：$1" >/dev/null
	keys Enter
}
# step LABEL: x, then the step of the menu showing LABEL.
step() {
	keys x
	wait_for "办理：" >/dev/null || return 1
	choose "$1"
}

start LANGUAGE=zh_CN
wait_for "主菜单" >/dev/null
choose "代表履职活动"
check "the module's menu" wait_for "报名中"
keys 1
check "the list of activities, empty" wait_for "共 0 行"
keys a
check "a opens the form of a new activity" wait_for "新的代表履职活动"
check "  with the town clerk's town filled in" contains_screen 乍浦镇
keys Enter
choose "视察"
wait_for "* 视察" >/dev/null
keys Tab
typing 视察乍浦港区建设
keys Tab
typing "2026-03-02 08:30"
keys Tab Tab
typing 乍浦港区
keys F2
check "the activity is saved" wait_for "已保存"
check "  and listed" wait_for "共 1 行"
check "  under no organiser column (every row is the clerk's town)" sh -c 'printf "%s\n" "$1" |
	grep -q "标题" && ! printf "%s\n" "$1" | grep -q "组织方"' sh "$(line 3)"
check "  planned, of 乍浦镇, as typed" test \
	"$(show_fields activity 1 title kind state town starts_at place)" = "视察乍浦港区建设|inspection|planned|乍浦镇|2026-03-02 08:30|乍浦港区"

keys Enter
check "Enter opens its page" wait_for "活动 HD2026-001"
check "  its start called a time, as typed" screen_matches "^  开始时间 +2026-03-02 08:30 *$"
step "开放报名"
check "opening asks first" wait_for "开放报名（点单）？"
keys y
check "  now open for sign-up" wait_for "现为报名中"
step "登记代表报名"
check "the sign-up picks among the deputies it is for: the town's" wait_for "报名的代表"
check "  of 乍浦镇 only" sh -c "! echo \"\$0\" | grep -q 陆伟明" "$(screen)"
mark 沈建国
mark 顾秀英
mark 朱立新
keys f C-u Enter
wait_gone "筛选：朱立新" >/dev/null
check "three marked" test "$(screen | grep -c '^ *\* [0-9A-Z]\{6\} ')" = 3
keys Enter
check "  asked to confirm" wait_for "？"
keys y
check "the sign-ups are recorded" wait_for "登记代表报名（点单）；现为报名中"
check "  three waiting for an answer" test "$(signups)" = \
	"$(printf '%s requested\n' "$shen" "$gu" "$zhu" | LC_ALL=C sort)"
# The module's list of what deputies may sign up for now: its day (today) is not past.
keys q q
choose "报名中"
check "the list open for sign-up: those not yet held" wait_for "代表履职活动：报名中、尚未举行"
check "  lists it (held today)" wait_for "HD2026-001"
keys Enter
wait_for "活动 HD2026-001" >/dev/null
step "确认或谢绝报名"
check "the answer picks among those waiting" wait_for "答复哪些代表的报名"
mark 沈建国
mark 顾秀英
keys Enter
check "  then the answer is chosen" wait_for "确认：参加活动"
choose "确认：参加活动"
check "two confirmed" wait_for "确认或谢绝报名；现为报名中"
step "确认或谢绝报名"
mark 朱立新
keys Enter
choose "谢绝：名额已满"
check "one declined" wait_for "谢绝" 
check "  the answers stored" test "$(signups)" = \
	"$(printf '%s\n' "$shen confirmed" "$gu confirmed" "$zhu declined" | LC_ALL=C sort)"
step "截止报名"
keys y
check "the sign-up closes" wait_for "现为报名已截止"
step "登记请假的代表"
check "a leave picks among the confirmed" wait_for "请假的代表"
mark 顾秀英
keys Enter
check "  then asks for the reason" wait_for "请假理由："
typing 外出学习
keys Enter
check "the leave is recorded" wait_for "现为报名已截止"
check "  with its reason" test "$(roll)" = "$gu leave 外出学习"
step "登记出席的代表"
mark 沈建国
keys Enter
keys y
check "沈建国 present" wait_for "现为报名已截止"
step "完成出勤登记"
keys y
check "the record is complete" wait_for "现为出勤已登记"
check "  as the CLI reads it" test "$(show_fields activity 1 state present leave absent)" = "recorded|1|1|0"
keys NPage
check "the page shows the attendance" wait_for "外出学习"
keys End
check "its history words the answers to sign-ups" wait_for "顾秀英：确认报名"
check "  and the one declined" contains_screen "朱立新：谢绝报名"

# ---- the ranking and the archive ---------------------------------------------------------
keys q q q
wait_for "主菜单" >/dev/null
choose "履职积分"
check "the points' menu" wait_for "本年度排名"
choose "本年度排名"
check "the ranking of the town's deputies" wait_for "2026年度履职积分排名"
check "  a deputy's name headed 姓名, as on the roster (not 名称)" screen_matches "^ +排名 +姓名 "
total=$("$RENDA" points show "$shen" | awk -F '\t' '$1 == "total" { print $2 }')
check "沈建国 first with the total of points show ($total)" wait_match "1 +沈建国 +$shen .* $total"
check "no deputy of another town" sh -c "! echo \"\$0\" | grep -q 陆伟明" "$(screen)"
keys Enter
check "Enter opens his archive" wait_for "履职档案：沈建国"
check "  with his rank" wait_for "排第 1 名"
check "  and the inspection he attended" contains_screen "视察乍浦港区建设"
keys End
check "every line of points, with the rule version that scored it" wait_for "第 1 版"
check "  and the total" wait_match "合计 +$total"
keys c
check "c corrects: the form" wait_for "更正 $shen 的积分"
keys Enter
choose "调研"
wait_for "  调研" >/dev/null
keys Tab Tab Tab
typing 漏记市人大调研
keys F2
check "the correction is saved" wait_for "已保存"
check "  the CLI lists it" sh -c "'$RENDA' points events '$shen' | grep -q 漏记市人大调研"
keys End
check "  and the archive shows it" wait_for "漏记市人大调研"
keys W
check "W asks where to write the workbook" wait_for "将履职档案写成工作簿"
keys C-u
typing "$T/archive.xlsx"
keys Enter
check "the workbook is written" wait_for "已写入"
check "  a workbook" test "$(head -c 2 "$T/archive.xlsx")" = PK
keys q q q
wait_for "主菜单" >/dev/null
choose "代表名册"
wait_for "共 3 行" >/dev/null
keys f
typing 沈建国
keys Enter
wait_for "筛选：沈建国" >/dev/null
keys Enter
check "the deputy's page" wait_for "代表 沈建国"
keys End
check "ends with the duty archive of the year" wait_for "2026年履职档案"
check "  and his points" wait_match "履职积分 +[0-9.]+ 分"
check "  after the activities he took part in" \
	wait_match "^  参加的履职活动 +共 [0-9]+ 件"
keys A
check "A opens the archive" wait_for "履职档案：沈建国"
keys q q q Q
wait_dead 3 >/dev/null
check "renda exits cleanly" test "$(exit_status)" = 0
check "no sanitizer report" sanitizers_quiet
done_testing
