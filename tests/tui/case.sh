#!/bin/sh
# Voter issues in the console: a case taken by phone through the clerk's form (the
# deputy, the category and the units picked from lists), walked through forward,
# assign, respond, reply and evaluate, with the state read back through renda case show
# after each step; the steps a unit operator is offered and those it is not; a step that met
# another clerk's step; deputies' comments, ratings and likes; overdue and due-soon
# cases marked (also without colour); a full-text search of two Chinese characters and
# a regular expression; CSV import with its report; the statistics screen against
# renda stats cases; a viewer's masked page; a town clerk's scope.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/tui/lib-tmux.sh"
TM_COLS=120

small_db
shen=$(deputy_code 沈建国)
lu=$(deputy_code 陆伟明)
gu=$(deputy_code 顾秀英)
shi=$(deputy_code 施永忠)
state() { show_fields case "$1" state; }
fields() { show_fields case "$@"; }
# number TITLE: the number of the case with that title, as renda case list finds it.
number() { "$RENDA" case list --search "$1" | tsv_col - number; }
# cases: opens the console on the list of every voter issue (extra variables for renda).
cases() {
	start "$@"
	wait_for "Main menu" >/dev/null
	# The entry's number depends on the role (a unit operator has no roster entry).
	keys "$(screen | grep -m1 ' Voter issues ' | awk '{ print $1 }')"
	wait_for "All voter issues" >/dev/null
	keys 1
	wait_for "Voter issues" >/dev/null
}
quit() {
	keys Q
	wait_dead 3 >/dev/null
}
# row TEXT: the line of the screen with TEXT.
row() { screen | grep -F -- "$1" | head -1; }
# bold_row TEXT: the line with TEXT is drawn bold (capture-pane -e shows the attributes).
bold_row() {
	tm capture-pane -e -p -t t | grep -F -- "$1" | head -1 |
		grep -Eq "$(printf '\033')\\[([0-9]+;)*1(;[0-9]+)*m"
}

"$RENDA" case add --deputy "$lu" --category 农业农村 --title 农田灌溉渠堵塞影响春耕 \
	--content 渠道淤塞多年。 --voter-name 李四 --submitted-at 2026-02-10T09:00:00+08:00 >/dev/null
"$RENDA" case add --deputy "$gu" --category 教科文卫 --title 学校门口上下学交通拥堵 \
	--content 早晚高峰车辆拥堵。 --submitted-at 2026-02-11T09:00:00+08:00 >/dev/null

# ---- a case taken by phone, through every step of the flow ----------------------
cases
check "the list of voter issues" wait_for "2 rows"
keys a
check "a asks how the case came" wait_for "A phone call to a deputy"
keys 1
check "a phone call: the deputy is picked first" wait_for "the deputy the voter called"
keys f
typing 沈建国
keys Enter
wait_for "Enter Choose" >/dev/null
keys Enter
check "then the form, the deputy filled in" wait_for "a phone call to deputy $shen"
keys Tab Tab Tab Enter
wait_for "Category: pick from" >/dev/null
keys f
typing 城市
keys Enter
wait_for "Enter Choose" >/dev/null
keys Enter
wait_for "城市建设" >/dev/null
keys Tab
typing 小区路灯不亮影响夜间出行
keys Tab
typing 东湖小区三号楼前的路灯坏了两周。
keys Tab
typing 张三
keys Tab
typing 13912345678
keys F2
check "the clerk's form saves the case" wait_for "3 rows"
c3=$(number 小区路灯不亮影响夜间出行)
check "as received, by phone, to the deputy" \
	test "$(fields "$c3" state channel deputy category voter_name voter_phone)" = \
	"received|phone|沈建国 ($shen)|城市建设|张三|13912345678"
keys Home Enter
check "Enter opens the case's page" wait_for "Case $c3: 小区路灯不亮影响夜间出行"
check "with the voter's name" contains_screen "张三"
keys x
check "x offers the steps open now" wait_for "Steps: case $c3 (received)"
check "the deputy's reply and forwarding" contains_screen "Forward to the reviewing office"
keys 2
check "forwarding asks for the reviewing level" wait_for "Reviewed by"
keys F2
check "  the message says the step and the state it left" wait_for "; now "
check "forwarded, to the city's office (the deputy's level)" \
	test "$(fields "$c3" state level)" = "forwarded|city"
keys x
wait_for "Steps: case $c3 (forwarded for review)" >/dev/null
check "review: reject or assign" contains_screen "Reject, giving the reason"
keys 2
check "assigning asks for the units" wait_for "case $c3: Assign a voter issue"
check "  the lead unit first" screen_matches '^  Lead unit +\*'
keys Enter
wait_for "Lead unit: pick from" >/dev/null
keys f
typing 住房和城乡
keys Enter
wait_for "Enter Choose" >/dev/null
keys Enter
wait_for "平湖市住房和城乡建设局" >/dev/null
keys Tab Enter
wait_for "Supporting unit: pick from" >/dev/null
keys f
typing 交通运输
keys Enter
wait_for "Enter Choose" >/dev/null
keys Enter
wait_for "平湖市交通运输局" >/dev/null
keys F2
check "  the message says the step and the state it left" wait_for "; now "
keys End
check "assigned to the lead unit with a supporting unit" \
	test "$(fields "$c3" state lead_unit support_units)" = \
	"assigned|平湖市住房和城乡建设局|平湖市交通运输局"
check "the page shows the step" wait_for "forwarded for review → assigned"
quit

# The lead unit's operator responds and replies; it is not offered the clerks' steps.
as_role unit 平湖市住房和城乡建设局
cases
check "a unit operator lists its unit's cases only" wait_for "1 row"
keys c
check "a unit operator does not record deputies' comments" wait_for "does not record deputies' comments"
keys Enter
wait_for "Case $c3" >/dev/null
keys x
wait_for "Steps: case $c3 (assigned)" >/dev/null
check "the unit is offered its response" contains_screen "Record the unit's response"
check "but not the clerks' chase" sh -c '! echo "$0" | grep -q "Chase the unit"' "$(screen)"
keys 2
wait_for "Text" >/dev/null
check "the text's form is titled by the step" contains_screen "case $c3: Record the unit's response (回应)"
typing 已派人现场查看。
keys F2
check "  the message says the step and the state it left" \
	wait_for "case $c3: Record the unit's response (回应); now responded."
check "responded" test "$(state "$c3")" = responded
keys x
wait_for "Steps: case $c3 (responded)" >/dev/null
keys 1
wait_for "Text" >/dev/null
typing 路灯已于三月一日修复。
keys F2
check "  the message says the step and the state it left" wait_for "; now "
check "replied, the reply stored" test "$(fields "$c3" state reply)" = "replied|路灯已于三月一日修复。"
keys x
check "after the reply the unit has no step left" wait_for "no step is open to you"
quit

# The clerk records the voter's evaluation; deputies comment, rate and like.
as_role admin
cases
check "the city's list shows each case's town" sh -c 'printf "%s\n" "$1" | grep -q " Town "' sh "$(line 3)"
keys Home Enter
wait_for "Case $c3" >/dev/null
keys x
wait_for "Steps: case $c3 (replied)" >/dev/null
keys 1
wait_for "Evaluation" >/dev/null
keys Enter
wait_for "basically satisfied" >/dev/null
keys 1
keys F2
check "  the message says the step and the state it left" wait_for "; now "
check "evaluated satisfied: closed" test "$(fields "$c3" state evaluation)" = "closed|satisfied"
keys c
check "c picks the deputy who comments" wait_for "which deputy comments"
keys f
typing 陆伟明
keys Enter
wait_for "Enter Choose" >/dev/null
keys Enter
wait_for "Comment of deputy $lu" >/dev/null
keys Enter
wait_for "very good" >/dev/null
keys 1 Tab
typing 修得很快，群众满意。
keys F2
wait_for "Saved." >/dev/null
check "the comment is stored" test "$(fields "$c3" comments)" = 1
check "the form is closed" wait_gone "Comment of deputy"
keys End
# No command prints a comment: its rating and text are read on the case's page.
check "and shown on the page, with its rating" wait_for "rating 5 of 5"
check "  and its text" contains_screen "修得很快，群众满意。"
keys l
wait_for "which deputy likes" >/dev/null
keys f
typing 顾秀英
keys Enter
wait_for "Enter Choose" >/dev/null
keys Enter
check "l records a deputy's like" wait_for "liked by deputy $gu"
keys l
wait_for "which deputy likes" >/dev/null
keys f
typing 顾秀英
keys Enter
wait_for "Enter Choose" >/dev/null
keys Enter
check "a second like of the same deputy is refused" wait_for "already liked"
check "one like is stored" test "$(fields "$c3" likes)" = 1
keys End
check "the page lists who liked it" wait_for "顾秀英 ($gu)"
quit

# A step that meets another clerk's step: nothing is overwritten; saving again acts anew.
c1=$(number 农田灌溉渠堵塞影响春耕)
"$RENDA" case act "$c1" forward >/dev/null
"$RENDA" case act "$c1" assign --unit 平湖市农业农村局 >/dev/null
cases
keys f
typing 灌溉
keys Enter
wait_for "1 row" >/dev/null
keys x
wait_for "Steps: case $c1 (assigned)" >/dev/null
keys 2
wait_for "Text" >/dev/null
typing 已组织清淤。
"$RENDA" case act "$c1" chase --text 请加快处理 >/dev/null
keys F2
check "a step on a case changed meanwhile is not saved" wait_for "was changed meanwhile"
check "naming the other step" contains_screen "Chase the unit"
check "nothing of it is stored" test "$("$RENDA" case history "$c1" | tsv_col - action | tr '\n' ' ')" = "receive forward assign chase "
keys F2
check "  the message says the step and the state it left" wait_for "; now "
check "saving again takes the step on the case as it is now" test "$(state "$c1")" = responded
quit

# ---- overdue and due-soon cases, marked in the list ------------------------------
c2=$(number 学校门口上下学交通拥堵)
"$RENDA" case act "$c2" forward >/dev/null
"$RENDA" case act "$c2" assign --unit 平湖市教育局 >/dev/null
RENDA_NOW=2026-03-07T09:00:00+08:00
cases
wait_for "$c2" >/dev/null
check "a respond deadline in two days: due soon" sh -c 'echo "$0" | grep -q "due soon *$1"' "$(row "$c2")" "$c2"
check "the due-soon row is bold" bold_row "$c2"
check "a case without a running deadline is not marked" sh -c '! echo "$0" | grep -q "overdue\|due soon"' "$(row "$c3")"
quit
RENDA_NOW=2026-03-12T09:00:00+08:00
cases NO_COLOR=1
wait_for "$c2" >/dev/null
check "a respond deadline past: overdue (NO_COLOR)" sh -c 'echo "$0" | grep -q "overdue *$1"' "$(row "$c2")" "$c2"
check "the overdue row is bold without colour" bold_row "$c2"
keys o
check "o lists the overdue cases only" wait_for "Voter issues: overdue"
check "one of them" wait_for "1 row"
keys o
wait_for "3 rows" >/dev/null
quit
RENDA_NOW=2026-03-02T09:00:00+08:00

# ---- searching -----------------------------------------------------------------------
cases
keys /
check "/ asks for a text" wait_for "Search (full text):"
typing 路灯
keys Enter
check "a search of two Chinese characters finds the case" wait_for "1 row"
check "the one that has them" contains_screen "小区路灯不亮影响夜间出行"
keys / C-u
typing 拥堵
keys Enter
check "it looks into the content too" wait_for "学校门口上下学交通拥堵"
keys / C-u Enter
wait_for "3 rows" >/dev/null
keys R
check "R asks for a regular expression" wait_for "Regular expression:"
typing '灌溉|修复'
keys Enter
check "a regular expression over title, content and reply" wait_for "2 rows"
keys R C-u
typing '(a+'
keys Enter
check "a bad pattern is named, the list stays" wait_for "regex:"
keys R C-u Enter
wait_for "3 rows" >/dev/null

# ---- import --------------------------------------------------------------------------
printf 'submitted_at,deputy_code,channel,voter_name,voter_phone,town,category,title,content,external_id\n2026-02-20T10:00:00+08:00,%s,qr,王五,13800001111,,生态环境,河道垃圾漂浮,气味难闻。,W-1\n2026-02-21T11:00:00+08:00,%s,qr,,,,社会事业,养老服务站开放时间太短,希望延长。,W-2\n' \
	"$shen" "$shi" >"$T/in.csv"
keys i
check "i asks for a file" wait_for "Import voter issues from CSV file:"
typing "$T/in.csv"
keys Enter
check "the import report" wait_for "Import of voter issues"
check "counts the cases added" sh -c 'echo "$0" | grep -q "Added *2"' "$(row Added)"
check "they are stored" test "$("$RENDA" case list | nrows)" = 5
keys q
check "and listed" wait_for "5 rows"
keys i
wait_for "Import voter issues from CSV file:" >/dev/null
typing "$T/in.csv"
keys Enter
wait_for "Import of voter issues" >/dev/null
check "importing again adds nothing" sh -c 'echo "$0" | grep -q "Already there.* 2"' "$(row "Already there")"
keys q

# The other paths: the deputy's own reply, an unsatisfied voter, a rejection.
c4=$(number 河道垃圾漂浮)
check "the imported case keeps its intake page id" test "$(fields "$c4" external_id)" = W-1
keys f
typing 河道
keys Enter
wait_for "1 row" >/dev/null
keys x
wait_for "Steps: case $c4 (received)" >/dev/null
keys 1
wait_for "Text" >/dev/null
typing 已联系河道保洁员清理。
keys F2
check "  the message says the step and the state it left" wait_for "; now "
check "the deputy's own reply" test "$(state "$c4")" = deputy_replied
keys x
wait_for "Steps: case $c4 (replied by the deputy)" >/dev/null
keys 2
wait_for "Evaluation" >/dev/null
keys Enter
wait_for "unsatisfied" >/dev/null
keys 3 F2
check "  the message says the step and the state it left" wait_for "; now "
check "an unsatisfied voter: forwarded to the office" \
	test "$(fields "$c4" state evaluation level)" = "forwarded|unsatisfied|city"
keys x
wait_for "Steps: case $c4 (forwarded for review)" >/dev/null
keys 1
wait_for "Text" >/dev/null
keys F2
check "a rejection needs its reason" wait_for "Text: required"
typing 该事项已进入诉讼程序。
keys F2
check "  the message says the step and the state it left" wait_for "; now "
check "rejected, with the reason in its history" \
	test "$(state "$c4")|$("$RENDA" case history "$c4" | tail -n 1 | cut -f4,7)" = "rejected|reject	该事项已进入诉讼程序。"
quit

# ---- statistics -------------------------------------------------------------------------
start
wait_for "Main menu" >/dev/null
keys 6 5
check "the statistics of voter issues" wait_for "Cases by category, 2026"
"$RENDA" stats cases --by category >"$T/stats"
same_counts() { # every row's count of renda stats cases (and the total's) is the screen's
	screen >"$T/screen"
	awk -F '\t' 'NR > 1 { print $2 "\t" $3 }' "$T/stats" >"$T/want"
	bad=0
	while IFS="$(printf '\t')" read -r name count; do
		got=$(grep -F "  $name " "$T/screen" | head -1 | awk '{ print $2 }')
		if [ "$got" != "$count" ]; then
			echo "# $name: the screen shows '$got', renda stats cases $count"
			bad=1
		fi
	done <"$T/want"
	[ "$bad" = 0 ] && [ "$(wc -l <"$T/want")" -gt 5 ]
}
check "every category counted as renda stats cases counts it" same_counts
# same_table: every figure the screen shows, row by row, is the one renda stats cases prints
# in the same column (the screen's headline columns first: count open closed closed_rate
# rejected overdue respond_rate reply_rate satisfaction, then the others in the CLI's order,
# as many as the width holds; a figure without a value shows -).
same_table() {
	screen >"$T/screen"
	awk -F '\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		{ n = split("count open closed closed_rate rejected overdue respond_rate reply_rate satisfaction " \
		            "share respond_due respond_on_time reply_due reply_on_time evaluated satisfied basic " \
		            "unsatisfied satisfied_rate avg_reply_days", k, " ")
		  line = $2; for (i = 1; i <= n; i++) { v = $c[k[i]]; line = line " " (v == "" ? "-" : v) }
		  print line }' "$T/stats" >"$T/want-rows"
	bad=0 rows=0
	while read -r name figs; do
		got=$(grep -F "  $name " "$T/screen" | head -1 | awk '{ $1 = ""; print }' | sed 's/^ //')
		[ -n "$got" ] || { echo "# $name: not on the screen"; bad=1; continue; }
		n=$(echo "$got" | wc -w)
		want=$(echo "$figs" | cut -d' ' -f1-"$n")
		if [ "$n" -lt 6 ] || [ "$got" != "$want" ]; then
			echo "# $name: the screen shows '$got', renda stats cases '$want'"
			bad=1
		fi
		rows=$((rows + 1))
	done <"$T/want-rows"
	[ "$bad" = 0 ] && [ "$rows" -gt 5 ]
}
check "every figure on the screen is the CLI's, row by row" same_table
check "with the rates of the total" contains_screen "On-time response rate"
check "and bars" contains_screen "█"
keys '?'
check "its help says what each figure counts" wait_for "What it counts"
keys End
check "  the on-time response rate counts the unanswered past deadlines" wait_for "past its respond deadline with no response"
keys Escape
wait_for "Cases by category, 2026" >/dev/null
keys v
wait_for "Breakdown" >/dev/null
keys Enter
wait_for "by town" >/dev/null
keys 2 F2
check "v chooses another breakdown" wait_for "Cases by town, 2026"
"$RENDA" stats cases --by town >"$T/stats"
check "every town counted as renda stats cases counts it" same_counts
check "  every figure too" same_table
quit

# ---- a viewer and a town clerk ------------------------------------------------------------
as_role viewer
cases
keys f
typing 路灯
keys Enter
wait_for "1 row" >/dev/null
keys Enter
wait_for "Case $c3" >/dev/null
check "a viewer sees the voter's name masked" sh -c 'echo "$0" | grep -q "Voter  *\*\*\*"' "$(row "Voter ")"
check "and the phone" contains_screen "139****5678"
check "a viewer is offered no step" sh -c '! echo "$0" | grep -q "x Act"' "$(line 30)"
quit
as_role town-clerk 新埭镇
cases
check "a town clerk lists the town's cases only" wait_for "1 row"
check "that case" contains_screen "农田灌溉渠堵塞影响春耕"
check "  under the list's columns, no Town (every row is the clerk's)" sh -c 'printf "%s\n" "$1" |
	grep -q "No\..*State.*Title" && ! printf "%s\n" "$1" | grep -q " Town "' sh "$(line 3)"
check "as the CLI lists them" test "$("$RENDA" case list | tail -n +2 | cut -f2)" = "$c1"
keys a
wait_for "New voter issue" >/dev/null
keys 1
wait_for "the deputy the voter called" >/dev/null
check "the deputies to pick from open filtered by the clerk's town" wait_for "Filter: 新埭镇"
check "  the town's deputies" screen_matches '^  [0-9A-Z]{6} +陆伟明 +city level +新埭镇'
check "  not another town's" lacks_screen "沈建国"
keys Escape
check "  Esc: every deputy" wait_for "沈建国"
keys Enter
check "a town clerk's new voter issue starts in the clerk's town" screen_matches '^  Town +新埭镇'
keys Escape
quit

check "no sanitizer report" sanitizers_quiet
done_testing
