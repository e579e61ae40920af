#!/bin/sh
# The words of a congress office (issue 11, item 8): under LANG=zh_CN.UTF-8 the
# output of every show and list command holds no English word of the state tables:
# states, evaluations, channels, levels, statuses, roles, kinds, actions, weekdays,
# audited records. The codes stay in the database and in JSON, and in the C locale.
# The set of codes is read from the database after the steps below (and the weekdays
# from the C locale's calendar), not from the program's tables.
. "$SRCDIR/tests/lib.sh"

export RENDA_NOW=2026-03-02T09:00:00+08:00
small_db
me=$(id -un)
zp=$(q "SELECT code FROM deputy WHERE name = '沈建国'")
gu=$(q "SELECT code FROM deputy WHERE name = '顾秀英'")
lu=$(q "SELECT code FROM deputy WHERE name = '陆伟明'")
shi=$(q "SELECT code FROM deputy WHERE name = '施永忠'")
R() { "$RENDA" "$@" >/dev/null 2>"$T/setup.err" || { echo "Bail out! $*: $(cat "$T/setup.err")"; exit 1; }; }
newcase() { R case add --deputy "$1" --category 城市建设 --title "$2" --content 内容 --channel "$3"; }

# Voter issues in every state, by every channel.
newcase "$zp" 待处理的事项 qr
newcase "$zp" 代表答复的事项 phone
R case act 2 deputy-reply --text 已向选民解释。
newcase "$zp" 转交的事项 station
R case act 3 forward
newcase "$zp" 不予受理的事项 other
R case act 4 forward
R case act 4 reject --text 已进入诉讼程序。
newcase "$zp" 办结的事项 qr
R case act 5 forward
R case act 5 assign --unit 平湖市住房和城乡建设局 --support 乍浦镇人民政府
R case act 5 respond --text 已收到。
R case act 5 reply --text 已修复。
R case act 5 evaluate --eval basic
newcase "$gu" 不满意的事项 qr
R case act 6 forward --level town
R case act 6 assign --unit 乍浦镇人民政府
R case act 6 reply --text 已答复。
R case act 6 evaluate --eval unsatisfied
R case act 6 chase --text 请抓紧。
newcase "$zp" 退回的事项 qr
R case act 7 forward
R case act 7 assign --unit 平湖市教育局
R case act 7 return --text 不属本单位职责。
newcase "$zp" 满意的事项 qr
R case act 8 forward
R case act 8 assign --unit 平湖市教育局
R case act 8 reply --text 已办理。
R case act 8 evaluate --eval satisfied
R case comment 8 --deputy "$zp" --text 办得好 --rating 5
R case like 8 --deputy "$lu"

# Motions and suggestions: drafts with co-signers, registered, assigned, merged, withdrawn.
for n in 朱立新 何春华 林志强 高秀兰 罗建平 郑海燕 梁永福 谢国庆 宋丽萍 唐文斌; do
	i=$((${i:-0} + 1))
	R deputy add --name $n --resident_id "$(fix_id "33048219720301$(printf %03d $i)")" --level city --town 当湖街道
done
cos=$(q "SELECT group_concat('--deputy ' || code, ' ') FROM deputy WHERE town_id = (SELECT id FROM town WHERE name = '当湖街道') AND name <> '施永忠'")
R suggestion add --kind motion --deputy "$zp" --category 城市建设 --title 关于老城区更新的议案 --basis 管网老化。 --proposal 列入计划。
# shellcheck disable=SC2086
R suggestion invite 1 $cos --deputy "$shi"
# shellcheck disable=SC2086
R suggestion cosign 1 $cos --confirm
R suggestion cosign 1 --deputy "$shi" --decline
R suggestion act 1 submit
R suggestion act 1 register
R suggestion act 1 assign --unit 平湖市住房和城乡建设局 --support 平湖市交通运输局
R suggestion add --deputy "$lu" --category 农业农村 --title 关于农田水利的建议 --proposal 加强维护。
R suggestion act 2 submit
R suggestion act 2 register
R suggestion add --deputy "$lu" --category 农业农村 --title 关于农田水利设施的建议 --proposal 加强管护。
R suggestion act 3 submit
R suggestion act 3 merge --into 2 --text 内容相近
R suggestion add --deputy "$shi" --category 其他 --title 撤回的建议 --proposal 内容。
R suggestion act 4 withdraw --text 代表撤回
R suggestion add --deputy "$shi" --category 其他 --title 草稿 --proposal 内容。
R suggestion add --kind motion --deputy "$gu" --category 社会事业 --title 关于建设养老服务中心的议案 --basis 老龄化程度高。 --proposal 新建中心。
R deputy add --name 韩美玲 --resident_id "$(fix_id 33048219750601001)" --level town --town 乍浦镇
R suggestion invite 6 --deputy "$(q "SELECT code FROM deputy WHERE name = '韩美玲'")"
R suggestion act 1 reply --class A --text 已列入年度计划并实施。

# A deputy who left, one who will leave, accounts of every role, a term and a holiday.
R deputy leave "$lu" --date 2026-02-01 --reason 工作调动
R deputy leave "$shi" --date 2026-12-31 --reason 任期届满
R user add viewer1 --role viewer
R user add unit1 --role unit --unit 平湖市教育局
R user add town1 --role town-clerk --town 乍浦镇
R user add city1 --role city-clerk

# The codes: every coded value the database holds, and the weekdays of the C locale.
q "SELECT state FROM vcase UNION SELECT evaluation FROM vcase UNION SELECT channel FROM vcase
   UNION SELECT level FROM vcase UNION SELECT state FROM suggestion UNION SELECT kind FROM suggestion
   UNION SELECT level FROM suggestion UNION SELECT evaluation FROM suggestion
   UNION SELECT status FROM deputy UNION SELECT level FROM deputy UNION SELECT 'in-office'
   UNION SELECT status FROM suggestion_cosigner UNION SELECT role FROM suggestion_reply
   UNION SELECT role FROM app_user UNION SELECT role FROM wf_event UNION SELECT action FROM wf_event
   UNION SELECT from_state FROM wf_event UNION SELECT to_state FROM wf_event
   UNION SELECT kind FROM town UNION SELECT kind FROM unit UNION SELECT level FROM term
   UNION SELECT kind FROM calendar_day UNION SELECT entity FROM audit UNION SELECT action FROM audit" |
	grep -v '^$' >"$T/codes"
LC_ALL=C.UTF-8 "$RENDA" calendar list --year 2026 | cut -f2 | tail -n +2 | sort -u >>"$T/codes"
check "the codes include states, evaluations, roles, kinds, actions and weekdays" \
	sh -c "for c in received deputy_replied forwarded rejected assigned responded closed satisfied basic unsatisfied \
		qr phone station other city town in-office left invited confirmed declined lead cosigner \
		admin town-clerk unit viewer motion suggestion draft registered merged withdrawn street department \
		town-government holiday workday receive forward assign evaluate chase merge Mon Sat case deputy; do \
		grep -qx \"\$c\" '$T/codes' || { echo \"# missing \$c\"; exit 1; }; done"

zh() { env LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 LANGUAGE=zh_CN "$RENDA" "$@"; }
# english_in FILE: the coded words that FILE still holds (whole words), one per line.
english_in() { grep -oE '[A-Za-z][A-Za-z_-]*' "$1" | sort -u | grep -Fxf "$T/codes"; }
# no_codes NAME SKIP-FIELDS COMMAND...: the command's zh output, without its header line and
# the named fields (cut -f), holds no code.
no_codes() {
	name=$1 skip=$2
	shift 2
	if ! zh "$@" >"$T/zh.out" 2>"$T/zh.err"; then
		not_ok "$name: runs"
		diag <"$T/zh.err"
		return
	fi
	tail -n +2 "$T/zh.out" | { if [ -n "$skip" ]; then cut --complement -f"$skip"; else cat; fi; } >"$T/zh.body"
	if [ ! -s "$T/zh.body" ]; then
		not_ok "$name: has rows"
		return
	fi
	english_in "$T/zh.body" >"$T/left"
	if [ -s "$T/left" ]; then
		not_ok "$name: no English word of the state tables"
		diag <"$T/left"
	else
		ok "$name: no English word of the state tables"
	fi
}

no_codes "case list" "" case list
for i in 1 2 3 4 5 6 7 8; do
	no_codes "case show $i" 1 case show $i
	no_codes "case history $i" 2 case history $i
done
no_codes "case list --format csv" "" case list --format csv
no_codes "suggestion list" "" suggestion list
for i in 1 2 3 4 5 6; do
	no_codes "suggestion show $i" 1 suggestion show $i
	no_codes "suggestion history $i" 2 suggestion history $i
done
no_codes "suggestion replies 1" "" suggestion replies 1
no_codes "deputy list" "" deputy list
no_codes "deputy list --status left" "" deputy list --status left
for d in "$zp" "$lu" "$shi"; do
	no_codes "deputy show $d" 1 deputy show "$d"
done
no_codes "user list" "2" user list
for k in town category unit office group station term session calendar result_class ethnicity; do
	no_codes "ref list $k" "" ref list $k
done
no_codes "calendar list" "" calendar list --year 2026
# The audit rows' before and after (fields 8, 9) are the records as stored, in JSON.
no_codes "audit list" "3,8,9" audit list --limit 200

# The codes are still what the database, JSON and the C locale give.
check "the database keeps the codes" test "$(q 'SELECT state FROM vcase WHERE id = 1')" = received
check "JSON keeps the codes" run 0 env LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 LANGUAGE=zh_CN "$RENDA" case list --format json
check "  as received" contains "$T/out" '"state":"received"'
check "the C locale prints the codes" run 0 "$RENDA" case show 1
check "  state received" contains "$T/out" "state	received"
check "zh: a new voter issue is 待处理" run 0 zh case show 1
check "  not 已受理" contains "$T/out" "state	待处理"
check "zh: an evaluation is 基本满意" run 0 zh case show 5
check "  in words" contains "$T/out" "evaluation	基本满意"
check "zh: a forward step is 转交" run 0 zh case history 3
check "  in the action column" contains "$T/out" "转交	待处理	已转交审核"
check "zh: co-signers' answers in words" run 0 zh suggestion show 1
check "  confirmed and declined" sh -c "grep -q '已确认' '$T/out' && grep -q '已谢绝' '$T/out'"
check "zh: weekdays" run 0 zh calendar list --year 2026
check "  in Chinese" contains "$T/out" "2026-01-01	周四	节假日	元旦"

# Messages name fields and actions in words, and wrap SQLite's errors.
check "zh: a bad phone names the field in Chinese" run 1 zh case add --deputy "$zp" --category 其他 --title 标题 --content 内容 --voter-phone 123
check "  选民电话（voter_phone）" contains "$T/err" "选民电话（voter_phone）：“123”不是电话号码"
check "zh: a step that does not apply names the action in Chinese" run 1 zh case act 5 assign --unit 平湖市教育局
check "  本件状态为“已办结”，不能交办" contains "$T/err" "本件状态为“已办结”，不能交办"
check "zh: the step's report" run 0 zh case act 1 forward
check "  in words" same "$T/out" "1：转交，现为“已转交审核”（2026-000001）"
check "zh: an unknown category names the field" run 1 zh case add --deputy "$zp" --category 体育 --title 标题 --content 内容
check "  分类（category）" contains "$T/err" "分类（category）：没有分类“体育”"
check "zh: a duplicate town is refused" run 1 zh ref add town --code ZP --name 乍浦镇 --kind town --body 乍浦镇人大主席团
check "  in a Chinese message around SQLite's" contains "$T/err" "镇（街道）：未保存：已有相同代码或名称的记录（SQLite："
bad=$(echo "$zp" | cut -c1-5)$(echo "$zp" | cut -c6 | tr '2-9A-HJ-NP-Z' '3-9A-HJ-NP-Z2')
check "zh: a mistyped deputy code" run 1 zh case add --deputy "$bad" --category 其他 --title 标题 --content 内容
check "  names the field in Chinese" contains "$T/err" "代表码（deputy_code）："
done_testing
