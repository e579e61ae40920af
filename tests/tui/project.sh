#!/bin/sh
# Livelihood projects in the console: the module's menu and its cycles' list; the tally
# sheet, a form with a row of three figures per candidate, typed by a clerk in the step
# screen and compared on the cycle's page with the second clerk's sheet until both
# agree; the vote counted from the console; a project's page with its progress bar,
# its "three ones" team and its timeline; a project a month without an update marked
# overdue in the list; the list's search and a project's page in Chinese at 80x24; and
# a unit operator who sees its own department's project only.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/tui/lib-tmux.sh"
TM_COLS=120
TM_ROWS=40

R() { "$RENDA" "$@" >/dev/null 2>"$T/setup.err" || { echo "Bail out! $*: $(cat "$T/setup.err")"; exit 1; }; }
export RENDA_NOW=2025-09-01T09:00:00+08:00
R init
me=$(id -un)
i=0
for n in 沈建国 陆伟明 施永忠 金卫东 俞婷 潘浩 钱佳; do
	i=$((i + 1))
	R deputy add --name "$n" --resident_id "$(fix_id 330482197001010$(printf %02d $i))" \
		--level city --town 乍浦镇
done
shen=$(q "SELECT code FROM deputy WHERE name = '沈建国'")
RENDA_NOW=2025-10-10T09:00:00+08:00
R project cycle add --year 2026 --choose 2 --candidates 3
for t in 饮用水提质 农村桥梁改建提升 健康养老服务; do
	R project proposal add --cycle 2026-CITY --deputy "$shen" --title "$t" --unit 平湖市水利局
done
for z in 1 2 3; do R project proposal act 2026-CITY-Z0$z adopt --text 群众需求迫切; done
RENDA_NOW=2025-12-20T09:00:00+08:00
R project cycle act 2026-CITY list
R project cycle act 2026-CITY review --text 同意
RENDA_NOW=2026-01-12T09:00:00+08:00
R project cycle act 2026-CITY ballot

quit() {
	keys Q
	wait_dead 3 >/dev/null
}
# menu: the module's menu from the main menu (its entry's number depends on the role:
# the menu offers only what the role may open).
menu() {
	start "$@"
	wait_for "Main menu" >/dev/null
	keys "$(screen | sed -n 's/^ *\([1-9]\) Livelihood projects .*/\1/p' | head -n 1)"
	wait_for "Yearly cycles" >/dev/null
}

# ---- the cycles, and a tally sheet typed in the console -------------------------------------
menu
check "the module's menu offers its projects, cycles, proposals and opinions" \
	sh -c 'echo "$0" | grep -q "Under way" && echo "$0" | grep -q "Proposals" && echo "$0" | grep -q "Opinions waiting"' "$(screen)"
keys 6
check "the yearly cycles" wait_for "2026-CITY"
keys Enter
check "a cycle's page" wait_for "Cycle 2026-CITY"
check "  with its rules" contains_screen "yes votes from more than 1/2 of all deputies"
check "  and its open ballot" contains_screen "the vote, round 1, held on 2026-01-12"
keys x
check "x offers the tally sheet" wait_for "Enter a tally sheet"
keys 1
check "the tally sheet: the ballot's figures" wait_for "Ballots issued"
check "  and a row per candidate" contains_screen "Z01 votes for"
typing 7
keys Tab
typing 7
keys Tab
typing 7
keys Tab
typing 0
for v in 6 1 0 5 1 1 2 4 1; do
	keys Tab
	typing $v
done
keys F2
check "saved: the first sheet" wait_for "; now "
check "  stored as typed" test "$(q "SELECT group_concat(value, ',') FROM (SELECT f.value FROM tally_figure f JOIN tally_sheet s ON s.id = f.sheet_id WHERE f.key LIKE 'yes%' ORDER BY f.key)")" = "6,5,2"
check "  by this clerk" test "$(q "SELECT account FROM tally_sheet")" = "$me"
keys End
check "the page lists every figure until a second sheet is typed" wait_for "first sheet 2, second sheet (none)"
quit

# The second clerk's sheet, one figure mistyped: the page shows the difference.
other="renda-tui-$$"
if [ "$(id -u)" = 0 ] && command -v useradd >/dev/null && command -v runuser >/dev/null &&
	useradd -M -s /bin/sh "$other" 2>/dev/null; then
	trap 'tm kill-server >/dev/null 2>&1; userdel "$other" 2>/dev/null; rm -rf "$T"' EXIT
	chmod 777 "$T"
	R user add "$other" --role city-clerk
	as_other() {
		chmod 666 "$RENDA_DB" "$RENDA_DB"-* "$RENDA_DB".key 2>/dev/null
		runuser -u "$other" -- env RENDA_DB="$RENDA_DB" RENDA_NOW="$RENDA_NOW" \
			XDG_CONFIG_HOME="$T/c2" XDG_DATA_HOME="$T/d2" "$@" >/dev/null 2>&1
	}
	as_other "$RENDA" project cycle tally 2026-CITY --issued 7 --returned 7 --valid 7 \
		--invalid 0 --item 2026-CITY-Z01=6,1,0 --item 2026-CITY-Z02=5,0,1 --item 2026-CITY-Z03=2,4,1
	chmod 666 "$RENDA_DB" "$RENDA_DB"-* "$RENDA_DB".key 2>/dev/null
	menu
	keys 6
	wait_for "2026-CITY" >/dev/null
	keys Enter
	wait_for "Cycle 2026-CITY" >/dev/null
	keys End
	check "the cycle's page shows the figure that differs" wait_for "first sheet 1, second sheet 0"
	check "  and only that one" sh -c '! echo "$0" | grep -q "second sheet (none)"' "$(screen)"
	keys x
	wait_for "Count the vote" >/dev/null
	keys 3
	wait_for "?" >/dev/null
	keys y
	check "counting differing sheets is refused, saying so" wait_for "differ in 1 figure"
	quit
	as_other "$RENDA" project cycle tally 2026-CITY --issued 7 --returned 7 --valid 7 \
		--invalid 0 --item 2026-CITY-Z01=6,1,0 --item 2026-CITY-Z02=5,1,1 --item 2026-CITY-Z03=2,4,1
	chmod 666 "$RENDA_DB" "$RENDA_DB"-* "$RENDA_DB".key 2>/dev/null
else
	skip "the cycle's page shows the figure that differs" "no second account (not root, or no useradd)"
	skip "counting differing sheets is refused" "no second account"
	q "UPDATE tally_sheet SET account = 'another-clerk'"
	sid=$(q "SELECT id FROM tally_sheet")
	q "INSERT INTO tally_sheet (id, kind, owner_id, entry, account, at) SELECT id + 1, kind, owner_id, 2, '$me', at FROM tally_sheet"
	q "INSERT INTO tally_figure (sheet_id, key, value) SELECT $sid + 1, key, value FROM tally_figure WHERE sheet_id = $sid"
fi
menu
keys 6
wait_for "2026-CITY" >/dev/null
keys Enter
wait_for "Cycle 2026-CITY" >/dev/null
keys x
wait_for "Count the vote" >/dev/null
keys 3
wait_for "?" >/dev/null
keys y
check "the vote counted from the console" wait_for "now supervising the projects"
check "  two projects chosen" test "$(q "SELECT count(*) FROM pproject")" = 2
quit

# ---- a project's page: its progress bar, its team, its timeline -------------------------------
RENDA_NOW=2026-01-20T09:00:00+08:00
R project act 2026-CITY-01 assign --unit 平湖市水利局
R project act 2026-CITY-02 assign --unit 平湖市交通运输局
R project team 2026-CITY-01 --leader 王建国 --group 乍浦镇第一代表小组 --office 城建环资工作委员会
RENDA_NOW=2026-02-10T09:00:00+08:00
R project update 2026-CITY-01 --percent 40 --spent 480000 --text 完成招标，施工单位进场 --attach 招标公告.pdf
R project opinion add 2026-CITY-01 --deputy "$shen" --text 建议加快施工进度
menu
keys 1
check "the projects" wait_for "2026-CITY-01"
check "  no column of deadline marks where none is due" sh -c 'printf "%s\n" "$1" |
	grep -q "No\." && ! printf "%s\n" "$1" | grep -q "Deadline"' sh "$(line 3)"
keys End Enter
check "a project's page" wait_for "Project 2026-CITY-01: 饮用水提质"
check "  its progress bar (4 of 10 blocks)" contains_screen "████░░░░░░ 40%"
check "  the amount spent with its thousands grouped" \
	sh -c 'echo "$0" | grep -qE "Spent \(yuan\) +480,000\.00"' "$(screen)"
check "  its team" contains_screen "王建国"
check "  and its group" contains_screen "乍浦镇第一代表小组"
check "  its opinions waiting" contains_screen "1 (1 waiting for the answer, 0 overdue)"
keys End
check "the timeline: the update with its attachment" wait_for "完成招标，施工单位进场 [招标公告.pdf]"
check "  and the opinion" contains_screen "建议加快施工进度"
quit

# ---- a month without an update: overdue in the list ----------------------------------------------
RENDA_NOW=2026-03-12T09:00:00+08:00
menu NO_COLOR=1
keys 3
check "the overdue projects" wait_for "Livelihood projects: overdue"
check "  2026-CITY-01: updated 10 February, due 10 March" wait_for "2026-CITY-01"
check "  marked overdue" sh -c 'echo "$0" | grep -q "overdue *2026-CITY-01"' "$(screen | grep -F 2026-CITY-01 | head -1)"
check "  2026-CITY-02 too: no update since its assignment on 20 January" contains_screen "2026-CITY-02"
quit

# ---- the statistics screens: the projects' and the collection's -----------------------------------
menu
keys End Up Enter
check "the statistics of the projects" wait_for "Livelihood projects by level, 2026"
screen_has_re() { screen | grep -qE -- "$1" || { echo "# the screen lacks /$1/"; screen | diag; return 1; }; }
check "  the city's row: 2 projects, none completed, 20.00% done on average (40 and 0)" \
	screen_has_re "^ +city +2 +0 +20\.00 "
quit
menu
keys End Enter
check "the statistics of the collection" wait_for "Proposals collected by level, 2026"
quit

# ---- in Chinese at 80x24: the search of the list and a project's page --------------------------
TM_COLS=80
TM_ROWS=24
start LANGUAGE=zh_CN
wait_for "主菜单" >/dev/null
keys "$(screen | sed -n 's/^ *\([1-9]\) 民生实事项目 .*/\1/p' | head -n 1)"
wait_for "年度票决" >/dev/null
keys 1
wait_for "2026-CITY-02" >/dev/null
keys /
wait_for "全文搜索" >/dev/null
typing 饮用水
keys Enter
check "the projects' search in Chinese: one row" wait_for "共 1 行"
check "  the project with the word" contains_screen "2026-CITY-01"
check "  the list's header fits 80 columns" sh -c 'echo "$0" | grep -q "序号.*标题.*进度"' "$(screen)"
keys Enter
check "its page in Chinese" wait_for "项目 2026-CITY-01：饮用水提质"
check "  its progress bar" contains_screen "████░░░░░░ 40%"
check "  the amount spent, its thousands grouped" \
	sh -c 'echo "$0" | grep -qE "已支出（元） +480,000\.00"' "$(screen)"
check "  overdue: a month without an update" sh -c 'echo "$0" | grep -q "超期 *是"' "$(screen)"
check "  the \"three ones\" team" contains_screen "联系领导（三个一）  王建国"
keys End
check "  its timeline: the update, its figure in Chinese brackets" wait_for "进度报送（40%）"
check "    the update with its attachment" contains_screen "[招标公告.pdf]"
quit
# The cycle's page lists its projects: progress, state and department, joined as Chinese is.
TM_ROWS=60
start LANGUAGE=zh_CN
wait_for "主菜单" >/dev/null
menu_open 民生实事项目
wait_for "年度票决" >/dev/null
menu_open 年度票决
wait_for "2026-CITY" >/dev/null
keys Enter
check "a cycle's projects in Chinese: the state, then a ， and the department" \
	wait_match "40% 实施中，平湖市水利局"
quit

# ---- a town's cycle: its presidium (主席团) named beside the standing committee -------------
# A town has no standing committee: its congress's presidium reviews the candidates.
RENDA_NOW=2025-10-11T09:00:00+08:00
R deputy add --name 顾小明 --resident_id "$(fix_id 33048219700101020)" --level town --town 乍浦镇
gu=$(q "SELECT code FROM deputy WHERE name = '顾小明'")
R project cycle add --year 2026 --town 乍浦镇 --choose 2 --candidates 3
for t in 集镇污水管网改造 文化礼堂提升 老街立面改造; do
	R project proposal add --cycle 2026-ZP --deputy "$gu" --title "$t"
done
for z in 1 2 3; do R project proposal act 2026-ZP-Z0$z adopt --text 同意; done
RENDA_NOW=2025-12-20T09:00:00+08:00
R project cycle act 2026-ZP list
TM_ROWS=24
start LANGUAGE=zh_CN
wait_for "主菜单" >/dev/null
menu_open 民生实事项目
wait_for "年度票决" >/dev/null
menu_open 年度票决
wait_for "2026-ZP" >/dev/null
keys Enter
wait_for "年度票决 2026-ZP" >/dev/null
keys x
check "a town's cycle: the review is the standing committee's or the presidium's" \
	wait_for "登记常委会（主席团）对候选项目的审议"
keys "$(screen | sed -n 's/^ *\([1-9]\) 登记常委会（主席团）.*/\1/p' | head -n 1)"
check "  its form says so in its title" wait_for "常委会（主席团）审议候选项目"
check "  and the date's help" contains_screen "常委会（主席团）会议日期"
keys Escape
quit
TM_COLS=120
TM_ROWS=40

# ---- a unit operator sees its own department's project only -------------------------------------
as_role unit 平湖市交通运输局
menu
keys 1
check "the department's operator lists one project" wait_for "1 row"
check "  its own" contains_screen "2026-CITY-02"
check "  not another department's" sh -c '! echo "$0" | grep -q "2026-CITY-01"' "$(screen)"
quit
as_role admin
check "no sanitizer report" sanitizers_quiet
done_testing
