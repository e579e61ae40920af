#!/bin/sh
# Motions and suggestions in the console: a draft through the form (Chinese text to
# the title box's last column), co-signers invited and answering, submission,
# registration, assignment, a unit operator who sees only its unit's items and
# replies with class B, the evaluation that keeps it in follow-up, the second reply
# that closes it, the overdue marker, and the statistics screen with the CLI's figures.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/tui/lib-tmux.sh"

small_db
i=0
for n in 朱立新 何春华 林志强; do
	i=$((i + 1))
	"$RENDA" deputy add --name $n --resident_id "$(fix_id "33048219720301$(printf %03d $i)")" \
		--level city --town 当湖街道 >/dev/null || { echo "Bail out! deputy add"; exit 1; }
done
for n in 韩美玲 冯德胜; do
	i=$((i + 1))
	"$RENDA" deputy add --name $n --resident_id "$(fix_id "33048219750601$(printf %03d $i)")" \
		--level town --town 乍浦镇 >/dev/null || { echo "Bail out! deputy add"; exit 1; }
done
"$RENDA" ref add term --code ZP18 --level town --town 乍浦镇 --number 18 \
	--name 平湖市乍浦镇第十八届人民代表大会 --start_date 2021-12-01 >/dev/null
"$RENDA" ref add session --code ZP18-5 --term ZP18 --number 5 \
	--name 乍浦镇第十八届人民代表大会第五次会议 --start_date 2026-02-10 >/dev/null
code() { deputy_code "$1"; }
state() { show_fields suggestion "$1" state; }
fields() { show_fields suggestion "$@"; }
# cosigners ITEM: the co-signers as renda suggestion show lists them, one a line, sorted.
cosigners() { fields "$1" cosigners | sed 's/; /\n/g' | LC_ALL=C sort; }
# page_events: the events listed under History at the bottom of the item's page.
page_events() { screen | sed -n '/^  History /,$p' | grep -c '^  [0-9]\{4\}-[0-9][0-9]-[0-9][0-9] '; }
# choose LABEL: presses the number of the menu entry that shows LABEL.
choose() {
	wait_for "$1" >/dev/null || return 1
	n=$(screen | grep -F -- "$1" | head -n 1 | awk '{ print $1 }')
	keys "$n"
}
# pick TEXT: in a list, filters on TEXT and takes the row (Enter).
pick() {
	keys f
	typing "$1"
	keys Enter
	wait_for "filter: $1" >/dev/null
	keys Enter
}
# open_module: from the main menu to the module's menu.
open_module() {
	wait_for "Main menu" >/dev/null
	choose "Motions and suggestions"
	wait_for "Still being handled" >/dev/null
}
box_end() { # box_end TEXT: display column just after TEXT on its screen line
	l=$(screen | grep -F -- "$1" | head -n 1)
	cols "${l%%"$1"*}$1"
}

# An item of another unit, made with the CLI: the unit operator must not see it.
"$RENDA" suggestion add --deputy "$(code 施永忠)" --category 教科文卫 \
	--title 关于当湖街道学校周边交通的建议 --proposal 错峰放学。 >/dev/null
for a in submit register; do "$RENDA" suggestion act 1 $a >/dev/null; done
"$RENDA" suggestion act 1 assign --unit 平湖市教育局 >/dev/null

start
open_module
keys 1
check "the list of motions and suggestions" wait_for "1 row"
keys a
check "a first asks for the lead deputy" wait_for "pick the lead deputy"
pick 沈建国
check "then opens the draft's form" wait_for "New motion or suggestion (draft)"
check "with the lead deputy filled in" contains_screen "$(code 沈建国)"
keys Tab Tab Tab Enter
check "the category is picked from its list" wait_for "Category: pick from"
pick 城市建设
wait_for "* 城市建设" >/dev/null
keys Tab Tab
# The title box is 40 columns: twenty Chinese characters fill it to its last column.
title=关于加快乍浦老城区有机更新改造工程的建议
typing "$title"
keys Tab
typing 老城区管网老化，道路狭窄。
keys Tab
typing 建议将老城区有机更新列入年度计划。
check "the whole title shows once the field is left" wait_for "$title"
check "and ends at the box's last column" test "$(box_end "$title")" -eq \
	$(($(cols "$(screen | grep -F "$title" | sed "s/$title.*//")") + 40))
keys F2
check "the draft is saved" wait_for "Saved."
check "and listed" wait_for "2 rows"
check "it is stored as typed, a city-level draft of C17-5" test \
	"$(fields 2 title state level session deputy)" = \
	"$title|draft|city|C17-5 平湖市第十七届人民代表大会第五次会议|沈建国 ($(code 沈建国))"

# The item's page, and its steps.
keys Home Enter
check "Enter opens the item's page" wait_for "not registered yet"
check "with its proposal" contains_screen 建议将老城区有机更新列入年度计划。
check "  and when it was drafted, to the minute as every page shows times" \
	screen_matches "^  Drafted +$(q "SELECT substr(created_at, 1, 10) || ' ' || substr(created_at, 12, 5) FROM suggestion WHERE id = 2") *$"
keys x
check "x offers the steps allowed now" wait_for "Steps: #2 (draft)"
check "a draft may be submitted" contains_screen "Submit to the congress"
check "a suggestion is not converted" sh -c '! echo "$0" | grep -q "Convert"' "$(screen)"
choose "Invite co-signing"
check "inviting picks deputies" wait_for "invite co-signers"
keys f
typing 朱立新
keys Enter Space
keys f C-u
typing 何春华
keys Enter Space
check "two are marked" wait_for "2 marked"
keys Enter
check "the invitation is recorded" wait_for "Invite co-signing deputies (附议); now draft."
check "two deputies invited" test "$(cosigners 2)" = "$(printf '%s\n' "朱立新 ($(code 朱立新)) invited" "何春华 ($(code 何春华)) invited" | LC_ALL=C sort)"
check "the page lists them" contains_screen "invited, no answer yet"
keys x
choose "Record co-signers"
check "the answer is recorded for deputies picked among those invited" wait_for "whose answer to record"
pick 朱立新
check "then the answer is chosen" wait_for "Confirmed: they co-sign"
keys 1
check "a confirmation" wait_for "confirmed on 2026-03-02"
keys x
choose "Record co-signers"
pick 何春华
choose "Declined"
check "a refusal" wait_for "declined on 2026-03-02"
check "both answers stored" test "$(cosigners 2)" = "$(printf '%s\n' "朱立新 ($(code 朱立新)) confirmed" "何春华 ($(code 何春华)) declined" | LC_ALL=C sort)"
keys x
choose "Submit to the congress"
check "submitting asks first" wait_for "Submit to the congress? (y/n)"
keys y
check "submitted" wait_for "now submitted"
check "submitted in the database" test "$(state 2)" = submitted
keys x
choose "Register and number it"
keys y
check "registered with its number" wait_for "now registered (C17-5-S002)"
check "registered in the database, as suggestion 2" test "$(fields 2 state number)" = "registered|C17-5-S002"
keys x
choose "Assign to a lead unit"
check "assignment is a form" wait_for "Assignment to units"
keys Enter
pick 住房和城乡建设局
keys Tab Enter
pick 交通运输局
wait_for "平湖市交通运输局" >/dev/null
keys F2
check "assigned" wait_for "; now assigned."
check "to the lead unit and the supporting unit" test \
	"$(fields 2 lead_unit support_units)" = "平湖市住房和城乡建设局|平湖市交通运输局"
check "assigned in the database" test "$(state 2)" = assigned
check "the page shows the reply due" wait_for "2026-06-02"
keys q Q
wait_dead 3 >/dev/null

# A unit operator sees only its unit's items, and replies.
as_role unit 平湖市住房和城乡建设局
start
open_module
keys 1
check "the unit operator's list" wait_for "1 row"
check "holds its item" contains_screen "关于加快乍浦"
check "not the education bureau's" sh -c '! echo "$0" | grep -q "学校周边"' "$(screen)"
check "and may not draft" sh -c '! echo "$0" | grep -q "a Add"' "$(screen | tail -n 1)"
keys Enter
wait_for "Units (主办 / 协办)" >/dev/null
keys x
check "the lead unit's steps" wait_for "Record the lead unit's written reply"
check "not a clerk's" sh -c '! echo "$0" | grep -q "Approve an extension"' "$(screen)"
choose "Record the lead unit's written reply"
check "the reply is a form" wait_for "Written reply"
keys Enter
check "its class is picked from the result classes" wait_for "Result class: pick from"
pick 正在解决
keys Tab
typing 已列入2026年城市更新计划，分步实施。
keys F2
check "the reply is saved" wait_for "; now replied."
check "replied with class B" test "$(fields 2 state result_class reply)" = "replied|B 正在解决或列入计划|已列入2026年城市更新计划，分步实施。"
check "the lead deputy and the co-signer who confirmed are owed it" \
	test "$("$RENDA" suggestion replies 2 | tsv_col - deputy | tr '\n' ' ')" = "沈建国 朱立新 "
keys q Q
wait_dead 3 >/dev/null

# The evaluation keeps a B-class item in follow-up; the second reply closes it.
as_role admin
start
open_module
keys 2
check "the items still being handled" wait_for "2 rows"
keys Home
wait_for "关于加快乍浦" >/dev/null
keys Enter
wait_for "Replies owed" >/dev/null
keys x
choose "Record the lead deputy's evaluation"
check "the evaluation is chosen from a menu" wait_for "basically satisfied"
choose "satisfied (满意)"
check "satisfied with a B-class reply: in follow-up" wait_for "now in follow-up"
check "in follow-up in the database" test "$(state 2)" = followup
keys x
choose "Record the lead unit's written reply"
keys Enter
pick 已解决
keys Tab
typing 改造工程已完工。
keys F2
check "the second reply" wait_for "; now replied."
check "replied a second time" test "$(fields 2 state rounds)|$("$RENDA" suggestion replies 2 | tsv_col - round | sort -u | tr '\n' ' ')" = "replied|0|1 2 "
keys x
choose "Record the lead deputy's evaluation"
choose "satisfied (满意)"
check "evaluated again: closed" wait_for "now closed"
check "closed in the database" test "$(fields 2 state evaluation)" = "closed|satisfied"
keys End
check "down to the last evaluation" wait_for "replied → closed"
check "the history shows every step renda suggestion history lists" \
	test "$(page_events)" = "$("$RENDA" suggestion history 2 | nrows)"
keys q q q Q
wait_dead 3 >/dev/null

# The statistics screen shows the CLI's figures, and bars.
"$RENDA" stats suggestions --by unit --session C17-5 >"$T/cli"
total=$(awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i }
	$2 == "Total" { print $c["count"], $c["assigned"], $c["closed"], $c["closed_rate"], $c["open"], $c["overdue"], $c["meeting_rate"], $c["reply_rate"] }' "$T/cli")
check "the CLI's total: 2 items, 1 closed of 2 assigned" test "$total" = "2 2 1 50.00 1 0 0.00 100.00"
start
open_module
choose Statistics
check "the statistics screen" wait_for "Motions and suggestions by lead unit"
check "its total row has the CLI's figures" test "$(screen | grep -F ' Total ' | head -n 1 | tr -s ' ' | sed 's/^ Total //; s/ $//' | cut -d' ' -f1-8)" = "$total"
check "a row per lead unit" contains_screen "平湖市教育局"
keys b b b
check "b b b: the closed rate drawn as bars" wait_for "Closed rate as bars"
# Bars in display columns: the bureau's closed rate is 100.00, the total's 50.00.
bar() { screen | grep -F -- "$1" | tail -n 1 | tr -cd '█' | wc -m; }
half=$(($(bar 平湖市住房和城乡建设局) - 2 * $(bar ' Total ')))
check "the total's bar is half the bureau's" test "$(bar ' Total ')" -gt 10 -a "$half" -ge -1 -a "$half" -le 1
keys b
check "b draws the next figure" wait_for "In progress as bars"
keys v
check "v chooses the breakdown" wait_for "Statistics of motions and suggestions"
keys Enter
choose "by result class"
keys F2
check "by result class" wait_for "Motions and suggestions by result class"
"$RENDA" stats suggestions --by class >"$T/cli"
a_row=$(awk -F'\t' '$1 == "A" { print $3 }' "$T/cli")
check "class A counts the CLI's items" test "$(screen | grep -F '已解决或基本解决' | head -n 1 | awk '{ print $2 }')" = "$a_row"
keys q Q
wait_dead 3 >/dev/null

# In Chinese a deputy's code stands in full-width brackets after the name, as every
# other bracket of the Chinese screens does; a consultation's notes follow a 。.
"$RENDA" suggestion meet 1 --date 2026-03-02 --place 教育局 --deputies 施永忠 \
	--text 听取代表意见 >/dev/null || { echo "Bail out! suggestion meet"; exit 1; }
start LANGUAGE=zh_CN
wait_for "主菜单" >/dev/null
menu_open 议案建议
keys 1
wait_for "学校周边" >/dev/null
keys f
typing 学校周边
keys Enter
wait_for "共 1 行" >/dev/null
keys Enter
check "Chinese: the lead deputy 施永忠（code）" wait_match "领衔代表 +施永忠（$(code 施永忠)）"
keys End
check "Chinese: the consultation in Chinese punctuation" \
	wait_for "教育局；代表：施永忠；单位：平湖市教育局。听取代表意见"
keys Q
wait_dead 3 >/dev/null

# A town clerk drafts the town's town-level items: the lead deputy is one of the town's
# town-level deputies, so the pick list leaves out the town and level (the same on every row).
as_role town-clerk 乍浦镇
start
open_module
keys 1
wait_for "Motions and suggestions" >/dev/null
keys a
check "a town clerk's new item asks for the lead deputy" wait_for "pick the lead deputy"
check "  among the town's town-level deputies" wait_for "3 rows"
check "  顾秀英, 韩美玲 and 冯德胜, not the city-level 朱立新" sh -c 'printf "%s\n" "$1" |
	grep -q 顾秀英 && printf "%s\n" "$1" | grep -q 韩美玲 && printf "%s\n" "$1" |
	grep -q 冯德胜 && ! printf "%s\n" "$1" | grep -q 朱立新' sh "$(screen)"
check "  under columns without Town, Level or Status (all in office)" sh -c 'printf "%s\n" "$1" |
	grep -q "Code.*Full name" && ! printf "%s\n" "$1" | grep -Eq " (Town|Level|Status)"' \
	sh "$(line 3)"
keys Escape Q
wait_dead 3 >/dev/null
as_role admin

# Later the education bureau's item is overdue: a marker in words, not colour alone.
RENDA_NOW=2026-07-01T09:00:00+08:00
start
open_module
choose Overdue
check "the overdue list" wait_for "1 row"
check "marks the item overdue in words" sh -c 'echo "$0" | grep "学校周边" | grep -q "late"' "$(screen)"
keys Q
wait_dead 3 >/dev/null
check "no sanitizer report" sanitizers_quiet
done_testing
