#!/bin/sh
# No silent guess at next year's holidays (issue 11, item 5): a deadline that falls
# in a year whose holiday arrangement is not loaded (2027 in data/ref) is still set,
# but the step says so on stderr, naming the year and the command that loads it;
# renda check warns from 1 November when next year is missing.
. "$SRCDIR/tests/lib.sh"

small_db
zp=$(q "SELECT code FROM deputy WHERE name = '沈建国'")
at() { RENDA_NOW="$1"; export RENDA_NOW; }
new_case() { # new_case TITLE: adds, forwards and prints nothing
	"$RENDA" case add --deputy "$zp" --category 城市建设 --title "$1" --content 内容 >/dev/null &&
		"$RENDA" case act "$(q 'SELECT max(id) FROM vcase')" forward >/dev/null
}

check "the reference calendar covers 2026" test "$(grep -c '^2026-.*holiday' "$SRCDIR/data/ref/calendar.csv")" -gt 0
check "but not 2027" test "$(grep -c '^2027-' "$SRCDIR/data/ref/calendar.csv")" -eq 0

# Within 2026: no warning.
at 2026-03-02T09:00:00+08:00
new_case 三月的事项
check "assign in March 2026" run 0 "$RENDA" case act 1 assign --unit 平湖市教育局
check "says nothing on stderr" test ! -s "$T/err"

# Tue 2026-12-15: respond (1 week) 12-22 and return (7 working days) 12-24 are in 2026;
# reply (1 month) is Fri 2027-01-15, counted without 2027's holidays.
at 2026-12-15T10:00:00+08:00
new_case 十二月的事项
check "assign on 2026-12-15 still works" run 0 "$RENDA" case act 2 assign --unit 平湖市教育局
check "the case is assigned" test "$(q 'SELECT state FROM vcase WHERE id = 2')" = assigned
check "the reply deadline is set" test "$(q "SELECT due FROM wf_clock WHERE item_id = 2 AND clock = 'reply'")" = 2027-01-15
check "stderr says the deadline is provisional" contains "$T/err" "deadline 2027-01-15 is provisional"
check "names the year" contains "$T/err" "the holidays of 2027 are not loaded"
check "names the command that loads it" contains "$T/err" "renda calendar import FILE"
check "once, not once per clock" test "$(grep -c provisional "$T/err")" -eq 1
check "stdout is the usual line" same "$T/out" "2: assign, now assigned (2026-000002)"

# In Chinese too.
new_case 中文提示
check "in Chinese" run 0 env LANGUAGE=zh_CN LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 \
	"$RENDA" case act 3 assign --unit 平湖市教育局
check "the warning is Chinese and names 2027" contains "$T/err" "期限 2027-01-15 为暂定：2027年节假日未导入"
check "and the command" contains "$T/err" "renda calendar import"

# A suggestion: a reply within 3 months of 2026-12-15 is due 2027-03-15.
check "a suggestion is drafted" run 0 "$RENDA" suggestion add --deputy "$zp" --category 城市建设 \
	--title 关于增设公交站点的建议 --proposal 建议在新区增设公交站点。
check "submitted" run 0 "$RENDA" suggestion act 1 submit
check "registered" run 0 "$RENDA" suggestion act 1 register
check "assigned: works" run 0 "$RENDA" suggestion act 1 assign --unit 平湖市交通运输局
check "says the reply deadline is provisional" contains "$T/err" "deadline 2027-03-15 is provisional"

# The lists mark such deadlines: on 2026-12-20 case 2's response (12-22) is due soon, and
# its reply (2027-01-15) runs in a year without holidays; case 1's deadlines are in 2026.
at 2026-12-20T10:00:00+08:00
# prov_of LIST-FILE TITLE: the provisional column of the row with that title.
prov_of() {
	awk -F '\t' -v t="$2" 'NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
		$h["title"] == t { print $h["provisional"] }' "$1"
}
check "the due-soon list" run 0 "$RENDA" case list --due-soon
check "  marks case 2 provisional" test "$(prov_of "$T/out" 十二月的事项)" = 1
check "the whole list" run 0 "$RENDA" case list
check "  does not mark case 1 (its deadlines are in 2026, or done)" test "$(prov_of "$T/out" 三月的事项)" = 0
check "the suggestions' list marks the suggestion" run 0 "$RENDA" suggestion list
check "  provisional" test "$(prov_of "$T/out" 关于增设公交站点的建议)" = 1

# renda check: from 1 November, next year's arrangement.
at 2026-10-31T09:00:00+08:00
check "check on 10-31" run 0 "$RENDA" check
check "does not warn yet" lacks "$T/err" "2027"
at 2026-11-01T09:00:00+08:00
check "check on 11-01 still passes" run 0 "$RENDA" check
check "but warns about 2027" contains "$T/err" "warning: calendar: the holidays of 2027 are not loaded"
check "naming the command" contains "$T/err" "renda calendar import FILE"
check "the report itself is on stdout" contains "$T/out" "integrity: ok"
at 2027-02-01T09:00:00+08:00
check "check in 2027 without 2027" run 0 "$RENDA" check
check "warns about this year" contains "$T/err" "the holidays of 2027 are not loaded"

# Once 2027 is loaded, neither warns. (Test data, not the State Council's notice.)
printf 'day,kind,name\n2027-01-01,holiday,元旦\n2027-01-02,holiday,元旦\n2027-01-03,holiday,元旦\n' >"$T/2027.csv"
check "import a 2027 calendar" run 0 "$RENDA" calendar import "$T/2027.csv"
at 2026-12-15T10:00:00+08:00
new_case 导入之后
check "assign after the import" run 0 "$RENDA" case act 4 assign --unit 平湖市教育局
check "says nothing" test ! -s "$T/err"
at 2026-11-01T09:00:00+08:00
check "check on 11-01" run 0 "$RENDA" check
check "no warning" test ! -s "$T/err"
at 2026-12-20T10:00:00+08:00
check "and the lists no longer mark case 2" run 0 "$RENDA" case list --due-soon
check "  provisional 0" test "$(prov_of "$T/out" 十二月的事项)" = 0

done_testing
