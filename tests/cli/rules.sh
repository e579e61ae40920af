#!/bin/sh
# Rules a clerk can trust (issue 11, items 1, 3 and 7), each named by its test: the
# joint-signing rule with delegations from the reference data, extensions asked for in
# time, a late deadline that stays late, each supporting unit's own opinion deadline,
# a consultation after the assignment, comments on a result only, re-imports that
# recognise their rows, and an unknown action as a usage error.
. "$SRCDIR/tests/lib.sh"

me=$(id -un)
role() { # role ROLE [UNIT-NAME]: the caller's account, changed by hand
	if [ "$1" = unit ]; then
		q "UPDATE app_user SET role = 'unit', town_id = NULL, unit_id = (SELECT id FROM unit WHERE name = '$2') WHERE login = '$me'"
	else
		q "UPDATE app_user SET role = '$1', town_id = NULL, unit_id = NULL WHERE login = '$me'"
	fi
}
code() { "$RENDA" deputy list | awk -F'\t' -v n="$1" '$3 == n { print $2 }'; }
at() { RENDA_NOW="$1"; export RENDA_NOW; }
S() { "$RENDA" suggestion "$@"; }
field() { "$RENDA" "$1" show "$2" | awk -F'\t' -v k="$3" '$1 == k { print $2 }'; }
# unit_col ITEM UNIT COLUMN: a column of a unit's row in "suggestion units".
unit_col() {
	S units "$1" | awk -F'\t' -v u="$2" -v c="$3" 'NR == 1 { for (i = 1; i <= NF; i++) k[$i] = i; next }
		$1 == u { print $k[c] }'
}

small_db
lead=$(code 沈建国)
at 2026-03-02T09:00:00+08:00

# ---- the joint-signing rule: the delegation is reference data ---------------------
check "delegations and presidiums are reference data" run 0 "$RENDA" ref list delegation
check "  the city's presidium among them" contains "$T/out" "平湖市人民代表大会主席团"
check "a delegation not in the reference data is refused" run 1 S add --kind motion \
	--deputy "$lead" --delegation 某某代表团 --category 其他 --title 议案甲 --basis 依据 --proposal 方案
check "  naming the field" contains "$T/err" "delegation:"
check "a town's presidium cannot bring a city-level motion" run 1 S add --kind motion \
	--deputy "$lead" --delegation ZXT-ZP --category 其他 --title 议案乙 --basis 依据 --proposal 方案
check "the city's presidium brings one, by its code" run 0 S add --kind motion --deputy "$lead" \
	--delegation ZXT --category 其他 --title 关于主席团议案的议案 --basis 依据 --proposal 方案
check "  stored by its name" test "$(field suggestion 1 delegation)" = 平湖市人民代表大会主席团
check "  and submitted without co-signers" run 0 S act 1 submit
check "a suggestion is not brought by a delegation" run 1 S add --deputy "$lead" \
	--delegation ZXT --category 其他 --title 建议甲 --proposal 内容

# ---- an item with a lead unit and two supporting units ------------------------------
check "a suggestion" run 0 S add --deputy "$lead" --category 城市建设 --title 关于路灯改造的建议 \
	--proposal 建议改造老旧路灯。
id=2
S act $id submit >/dev/null && S act $id register >/dev/null
check "assigned with two supporting units" run 0 S act $id assign --unit 平湖市住房和城乡建设局 \
	--support 平湖市交通运输局 --support 平湖市财政局
check "each supporting unit has its own opinion deadline" \
	test "$(unit_col $id 平湖市交通运输局 opinion_due)|$(unit_col $id 平湖市财政局 opinion_due)" = "2026-04-02|2026-04-02"
check "  running" test "$(unit_col $id 平湖市财政局 opinion_outcome)" = running

at 2026-03-10T09:00:00+08:00
check "a consultation cannot be dated before the assignment" run 1 S meet $id --date 2026-03-01 \
	--place 乍浦镇 --deputies 沈建国
check "  naming the field" contains "$T/err" "date:"
check "one after it is recorded" run 0 S meet $id --date 2026-03-05 --place 乍浦镇 --deputies 沈建国
role unit 平湖市交通运输局
check "one supporting unit gives its opinion" run 0 S opinion $id --text 同意主办单位意见。
role admin
check "  its deadline is met" test "$(unit_col $id 平湖市交通运输局 opinion_outcome)" = met
check "  the other's still runs" test "$(unit_col $id 平湖市财政局 opinion_outcome)" = running

# ---- extensions: asked for in time, a late deadline stays late ----------------------
check "an extension without a request is refused" run 1 S act $id extend --until 2026-07-01 --text 同意
check "  saying the unit has not asked" contains "$T/err" "not asked"
at 2026-05-01T09:00:00+08:00
role unit 平湖市住房和城乡建设局
check "the lead unit asks in time" run 0 S act $id request-extension --text 需协调资金
role admin
at 2026-06-05T09:00:00+08:00
check "approved after the reply was due" run 0 S act $id extend --until 2026-08-02 --text 经批准延期
check "  the reply is now due 2026-08-02" test "$(field suggestion $id reply_due)" = 2026-08-02
check "  the missed deadline stays late in the history of clocks" \
	test "$(q "SELECT outcome FROM wf_clock WHERE workflow = 'suggestion' AND item_id = $id AND clock = 'reply' AND stopped IS NOT NULL")" = late
at 2026-08-10T09:00:00+08:00
role unit 平湖市住房和城乡建设局
check "a request after the deadline has passed is refused" run 1 S act $id request-extension --text 再延期
check "  saying the time is over" contains "$T/err" "over"
role admin
check "the lead unit's reply" run 0 S act $id reply --class A --text 已完成改造。
check "  does not cancel the other supporting unit's deadline: it was missed" \
	test "$(unit_col $id 平湖市财政局 opinion_outcome)" = running
check "the item is closed" run 0 S act $id evaluate --eval satisfied
check "  every deadline stops: the missed opinion stays late" \
	test "$(unit_col $id 平湖市财政局 opinion_outcome)" = late
check "  nothing runs for a closed item" run 0 S list --overdue
check "  and it is not listed overdue" test "$(awk -F'\t' -v i=$id '$1 == i' "$T/out" | wc -l)" = 0

# ---- comments on a result only; an unknown action is a usage error ------------------
at 2026-03-02T09:00:00+08:00
check "a voter issue" run 0 "$RENDA" case add --category 城市建设 --title 小区路灯不亮 \
	--content 晚上出行不便 --deputy "$lead" --submitted-at 2026-03-01T10:00:00+08:00
num=$(awk '{ print $NF }' "$T/out")
check "no comment before the handling has a result" run 1 "$RENDA" case comment "$num" \
	--deputy "$lead" --text 请尽快处理
check "  saying why" contains "$T/err" "result"
check "nor a like" run 1 "$RENDA" case like "$num" --deputy "$lead"
"$RENDA" case act "$num" deputy-reply --text 已协调社区修复 >/dev/null
check "after a reply a deputy comments" run 0 "$RENDA" case comment "$num" --deputy "$lead" \
	--text 处理及时 --rating 5
check "  and it is listed" test "$("$RENDA" case comments "$num" | awk -F'\t' 'NR == 2 { print $4 "|" $5 }')" = "5|处理及时"
check "an unknown action is a usage error" run 2 "$RENDA" case act "$num" fly
check "  listing the actions" contains "$T/err" "deputy-reply, forward"

# ---- re-imports recognise their rows --------------------------------------------------
cat >"$T/in.csv" <<CSV
submitted_at,deputy_code,channel,voter_name,voter_phone,town,category,title,content
2026-03-01T08:00:00+08:00,$lead,qr,王某,13800000001,,城市建设,河道漂浮物多,河面垃圾很多
2026-03-01T09:00:00+08:00,$lead,qr,李某,13800000002,,生态环境,工地扬尘大,施工扬尘严重
CSV
check "an import without external_id" run 0 "$RENDA" case import "$T/in.csv"
check "  adds two" contains "$T/out" "2 added"
check "the same file again" run 0 "$RENDA" case import "$T/in.csv"
check "  adds nothing: the rows are known by time, deputy and title" contains "$T/out" "0 added, 0 changed, 2 unchanged"
cat >"$T/ext.csv" <<CSV
submitted_at,deputy_code,channel,voter_name,voter_phone,town,category,title,content,external_id
2026-03-01T11:00:00+08:00,$lead,qr,赵某,13800000003,,城市建设,道路破损,路面坑洼,W-1
2026-03-01T12:00:00+08:00,$lead,qr,钱某,13800000004,,城市建设,井盖缺失,井盖丢失,W-1
CSV
check "a second row with the same external_id and other content" run 1 "$RENDA" case import "$T/ext.csv"
check "  is an error naming file and line" contains "$T/err" "ext.csv:3: external_id: W-1"
check "  and nothing was imported" test "$("$RENDA" case list --search 道路破损 | wc -l)" = 1

done_testing
