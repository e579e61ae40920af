#!/bin/sh
# A new version of the points rules from the console (履职积分 -> 积分规则, a), at 80x24 in
# Chinese: the day first (never in the past), then a field per item, filled with the version
# in force on that day; a version that changes nothing is refused, a bad value is named by the
# item's label; what is saved is read back with renda points rules list. A viewer is not
# offered it.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/tui/lib-tmux.sh"
TM_COLS=80
TM_ROWS=24
"$RENDA" init >/dev/null 2>&1 || { echo "Bail out! init failed"; exit 1; }
# rule VERSION ITEM: "points cap within" of an item in a version, as the CLI lists it.
rule() {
	"$RENDA" points rules list |
		awk -F '\t' -v v="$1" -v i="$2" '$1 == v && $6 == i { print $7, $8, $9 }'
}
check "the rules start with one version, 进站接待 2 a time, 24 a year" test "$(rule 1 reception)" = "2 24 "

start LANGUAGE=zh_CN
wait_for "主菜单" >/dev/null
keys 9
wait_for "本年度排名" >/dev/null
keys 4
check "the rules, version by version" wait_for "积分规则（各版本）"
check "  offer a new version" contains_screen "a 新增"
keys a
check "a asks first the day it takes effect, today offered" wait_for "新版积分规则生效日期（YYYY-MM-DD）： 2026-03-02"
keys C-u Enter
check "  a day is required" wait_for "生效日期：“”不是日期 YYYY-MM-DD"
keys a C-u
typing 2026-03-01
keys Enter
check "  and never past (today is 2026-03-02)" wait_for "生效日期：2026-03-01 已经过去"
check "  (no form opened)" lacks_screen "新版积分规则（"
"$RENDA" points rules list >"$T/before"
keys a C-u
typing 2026-04-01
keys Enter
check "then the new version's form" wait_for "新版积分规则（以第 1 版规则为底）"
check "  the day as given, kept" screen_matches "生效日期 +\\* 2026-04-01"
check "  a field per item, with the version in force that day" wait_match "代表联络站进站接待选民 +\\* 2/24"
check "  the time limit too" screen_matches "及时答复或转交民情事项 +\\* 1/20/7"
typing 提高进站接待分值
keys F2
check "a version that changes nothing is refused" wait_for "没有修改任何项目"
# From the note to 进站接待, the fifteenth item.
i=0
while [ $i -lt 15 ]; do
	keys Tab
	i=$((i + 1))
done
keys C-u
typing x/3
keys F2
check "a bad value is named by the item's label" wait_match "^代表联络站进站接待选民：“x”不是分值"
check "  the cursor kept on it (marked)" screen_matches "^! 代表联络站进站接待选民 +\\* x/3"
check "  nothing saved meanwhile" sh -c '"$1" points rules list | cmp -s - "$2"' - "$RENDA" "$T/before"
keys C-u
typing 3/30
keys F2
check "saved: version 2 from 2026-04-01" wait_for "已新增第 2 版积分规则，自 2026-04-01 起生效。"
check "  进站接待 3 a time, 30 a year" test "$(rule 2 reception)" = "3 30 "
check "  the other items as version 1 has them" test "$(rule 2 absent) $(rule 2 case-handled)" = \
	"$(rule 1 absent) $(rule 1 case-handled)"
check "  with its note and day" test "$("$RENDA" points rules list | awk -F '\t' '$1 == 2 { print $2, $5; exit }')" = \
	"2026-04-01 提高进站接待分值"
keys End
check "  and the list shows it: 进站接待 last, 30 a year" \
	wait_match "代表联络站进站接待选民 +每年最多 30 分"
keys PgUp
check "  under the heading of version 2" wait_for "第 2 版，自 2026-04-01 起"
# A version from a day before version 2's starts from version 1's rules (those in force that
# day), and the form shows them: what is saved is what was shown.
keys a C-u
typing 2026-03-10
keys Enter
check "a version from 2026-03-10 starts from version 1's rules" wait_for "新版积分规则（以第 1 版规则为底）"
check "  进站接待 as version 1 has it, not version 2" wait_match "代表联络站进站接待选民 +\\* 2/24"
typing 年度基础分提高
keys Tab C-u
typing 12
keys F2
check "  saved: version 3" wait_for "已新增第 3 版积分规则，自 2026-03-10 起生效。"
check "  年度基础分 12, 进站接待 2 a time, 24 a year, as the form showed" \
	test "$(rule 3 base)|$(rule 3 reception)" = "12  |2 24 "
keys a C-u
typing 2026-05-01
keys Enter
check "one from 2026-05-01 starts from version 2's" wait_for "新版积分规则（以第 2 版规则为底）"
check "  进站接待 as version 2 has it" wait_match "代表联络站进站接待选民 +\\* 3/30"
check "  年度基础分 too (version 3 ends on 2026-04-01)" screen_matches "年度基础分 +\\* 10 *$"
keys Escape
keys q Q
wait_dead 3 >/dev/null

as_role viewer
start LANGUAGE=zh_CN
wait_for "主菜单" >/dev/null
keys 9
wait_for "本年度排名" >/dev/null
keys 4
wait_for "积分规则（各版本）" >/dev/null
check "a viewer is not offered a new version" lacks_screen "a 新增"
keys a
check "  and a does nothing" sh -c 'sleep 0.5; ! tmux -L "$1" -u capture-pane -p -t t | grep -q 新版积分规则' - "$TM_SOCK"
keys Q
wait_dead 3 >/dev/null
check "no sanitizer report" sanitizers_quiet
done_testing
