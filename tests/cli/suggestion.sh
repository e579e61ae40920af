#!/bin/sh
# Deputies' motions and suggestions: co-signing and the motion minimum, conversion,
# numbering, merging (every deputy owed a reply), deadlines and extension, opinions,
# meetings, re-handling, B-class follow-up, scope of units and towns, every CLI error
# path, statistics and the workbooks (read back with python3-openpyxl).
. "$SRCDIR/tests/lib.sh"

state() { show_fields suggestion "$1" state; }
fields() { show_fields suggestion "$@"; }
code() { deputy_code "$1"; }
# actions REF: the actions of the item's history, one a line.
actions() { "$RENDA" suggestion history "$1" | tsv_col - action; }
# added: the id of the item that `S add` just added ("added draft N (kind)").
added() { sed -n 's/^added draft \([0-9]*\) .*/\1/p' "$T/out"; }
at() { RENDA_NOW="$1"; export RENDA_NOW; }
S() { "$RENDA" suggestion "$@"; }
lines() { echo $(($(wc -l <"$T/out") - 1)); }

small_db
# Eleven more city deputies (the minimum of co-signers is 10) and five town deputies of 乍浦镇.
i=0
for n in 朱立新 何春华 林志强 高秀兰 罗建平 郑海燕 梁永福 谢国庆 宋丽萍 唐文斌 许明华; do
	i=$((i + 1))
	"$RENDA" deputy add --name $n --resident_id "$(fix_id "33048219720301$(printf %03d $i)")" \
		--level city --town 当湖街道 >/dev/null || { echo "Bail out! deputy add"; exit 1; }
done
for n in 韩美玲 冯德胜 邓雪梅 曹卫东 蒋玉芬; do
	i=$((i + 1))
	"$RENDA" deputy add --name $n --resident_id "$(fix_id "33048219750601$(printf %03d $i)")" \
		--level town --town 乍浦镇 >/dev/null || { echo "Bail out! deputy add"; exit 1; }
done
lead=$(code 沈建国)
c1=$(code 朱立新) c2=$(code 何春华) c3=$(code 林志强) c4=$(code 高秀兰) c5=$(code 罗建平)
c6=$(code 郑海燕) c7=$(code 梁永福) c8=$(code 谢国庆) c9=$(code 宋丽萍) c10=$(code 唐文斌)
c11=$(code 许明华)

at 2026-03-02T09:00:00+08:00
# ---- drafting and the co-signer minimum ----------------------------------------
check "a motion is drafted" run 0 S add --kind motion --deputy "$lead" --category 城市建设 \
	--title 关于加快乍浦老城区有机更新的议案 --basis 老城区管网老化，道路狭窄。 \
	--proposal 建议将老城区有机更新列入年度计划。
check "as draft 1" contains "$T/out" "added draft 1 (motion)"
check "of the current session, city level" test "$(fields 1 level session)" = "city|C17-5 平湖市第十七届人民代表大会第五次会议"
check "a motion needs its basis" run 1 S add --kind motion --deputy "$lead" --category 城市建设 --title 标题 --proposal 方案
check "named as basis" contains "$T/err" "basis"
check "the lead deputy is required (usage)" run 2 S add --kind motion --category 城市建设 --title 标题 --proposal 方案
check "an unknown kind" run 1 S add --kind 提案 --deputy "$lead" --category 城市建设 --title 标题 --proposal 方案
check "names kind" contains "$T/err" "kind"
check "an unknown category" run 1 S add --deputy "$lead" --category 体育 --title 标题 --proposal 内容
check "a town deputy cannot lead a city-level item" run 1 S add --session C17-5 --deputy "$(code 顾秀英)" --category 其他 --title 标题 --proposal 内容
check "saying the level" contains "$T/err" "city-level"
check "an unknown session" run 1 S add --session C99-1 --deputy "$lead" --category 其他 --title 标题 --proposal 内容
check "nothing more was added" test "$(S list | nrows -)" = 1

check "ten deputies are invited" run 0 S invite 1 --deputy "$c1" --deputy "$c2" --deputy "$c3" \
	--deputy "$c4" --deputy "$c5" --deputy "$c6" --deputy "$c7" --deputy "$c8" --deputy "$c9" \
	--deputy "$c10"
check "the lead deputy cannot co-sign" run 1 S invite 1 --deputy "$lead"
check "nor a town deputy a city motion" run 1 S invite 1 --deputy "$(code 韩美玲)"
check "an invitation is not sent twice" run 1 S invite 1 --deputy "$c1"
check "eight confirm" run 0 S cosign 1 --confirm --deputy "$c1" --deputy "$c2" --deputy "$c3" \
	--deputy "$c4" --deputy "$c5" --deputy "$c6" --deputy "$c7" --deputy "$c8"
check "one declines" run 0 S cosign 1 --decline --deputy "$c10"
check "cosign needs --confirm or --decline (usage)" run 2 S cosign 1 --deputy "$c10"
check "a deputy not invited cannot confirm" run 1 S cosign 1 --confirm --deputy "$c11"
check "saying so" contains "$T/err" "not invited"
# The local organisation law: 10 or more deputies jointly, the lead deputy among them.
check "the lead deputy and 8 co-signers are refused" run 1 S act 1 submit
check "naming the rule and the count" contains "$T/err" "is brought by 10 deputies jointly (the lead deputy and at least 9 confirmed co-signers), or by a delegation or the presidium; it has the lead deputy and 8"
check "it stays a draft" test "$(state 1)" = draft
S cosign 1 --confirm --deputy "$c9" >/dev/null
check "the lead deputy and 9 co-signers are accepted" run 0 S act 1 submit
check "submitted" test "$(state 1)" = submitted
printf '[workflow]\nmotion_deputies_city = 12\n' >"$T/c.conf"
check "a motion from a delegation needs no co-signers" run 0 S add --kind motion --deputy "$(code 陆伟明)" \
	--delegation 新埭镇代表团 --category 农业农村 --title 关于新埭镇高标准农田建设的议案 \
	--basis 农田水利设施薄弱。 --proposal 建议加大投入。
check "and is submitted" run 0 S act 2 submit
"$RENDA" --config "$T/c.conf" suggestion add --kind motion --deputy "$lead" --category 其他 \
	--title 关于配置项的议案 --basis 依据 --proposal 方案 >/dev/null
for c in $c1 $c2 $c3 $c4 $c5 $c6 $c7 $c8 $c9 $c10; do
	S invite 3 --deputy "$c" >/dev/null && S cosign 3 --confirm --deputy "$c" >/dev/null
done
check "with motion_deputies_city = 12, the lead and ten are not enough" run 1 "$RENDA" --config "$T/c.conf" suggestion act 3 submit
check "saying 12 jointly, at least 11 co-signers" contains "$T/err" "12 deputies jointly (the lead deputy and at least 11"
printf '[workflow]\nmotion_cosigners_city = 11\n' >"$T/old.conf"
check "the older name of the key counts the lead deputy too: the lead and ten are enough" run 0 "$RENDA" --config "$T/old.conf" suggestion act 3 submit
S act 3 revise --text 退回修改 >/dev/null
S act 3 withdraw --text 代表撤回 >/dev/null
check "a withdrawn draft is no longer open" test "$(state 3)" = withdrawn

# ---- review: conversion keeps the history; numbering per session and kind --------
S history 2 >"$T/before"
check "the motion is registered (立案)" run 0 S act 1 register
check "the motion is registered (立案) as motion 1" contains "$T/out" "C17-5-M001"
check "the delegation's motion is converted to a suggestion" run 0 S act 2 convert --text 不符合议案条件，转为建议
check "the same record is now a suggestion" test "$(fields 2 kind state)" = "suggestion|submitted"
S history 2 >"$T/after"
check "its history keeps every earlier step" sh -c 'head -n "$(wc -l <"$1")" "$2" | cmp -s - "$1"' sh "$T/before" "$T/after"
check "and an event says it was converted" test "$(tail -1 "$T/after" | cut -f4,7)" = "convert	不符合议案条件，转为建议"
check "the audit trail has the conversion" test "$("$RENDA" audit list --entity suggestion --id 2 --limit 1 | tsv_col - action)" = convert
# Its lead deputy's duty points still count a motion led (领衔议案): it was brought as one.
lead2=$(sqlite3 "$RENDA_DB" "SELECT d.code FROM suggestion s JOIN deputy d ON d.id = s.lead_deputy_id WHERE s.id = 2")
year2=$(sqlite3 "$RENDA_DB" "SELECT substr(min(at), 1, 4) FROM wf_event WHERE workflow = 'suggestion' AND item_id = 2 AND action = 'submit'")
check "the converted motion still scores its lead deputy ($lead2) a motion led" test "$("$RENDA" \
	points events "$lead2" --year "$year2" | awk -F '\t' '$3 == "suggestion:2:lead" { print $2 }')" = motion-lead
check "a suggestion cannot be converted" run 1 S act 2 convert
check "only a motion" contains "$T/err" "only when motion"
check "registered (登记) as suggestion 1" run 0 S act 2 register
check "numbered S001" contains "$T/out" "C17-5-S001"
# Three more suggestions: 4 and 5 merge; 6 takes the next number, never 5's.
S add --deputy "$(code 施永忠)" --category 城市建设 --title 关于当湖街道停车难的建议 --proposal 增设停车位。 >/dev/null
S invite 4 --deputy "$c2" >/dev/null && S cosign 4 --confirm --deputy "$c2" >/dev/null
S add --deputy "$(code 陆伟明)" --category 城市建设 --title 关于老城区停车位不足的建议 --proposal 建设立体停车库。 >/dev/null
S invite 5 --deputy "$c3" --deputy "$c4" >/dev/null
S cosign 5 --confirm --deputy "$c3" >/dev/null && S cosign 5 --decline --deputy "$c4" >/dev/null
S add --deputy "$c5" --category 教科文卫 --title 关于乍浦小学周边交通的建议 --proposal 错峰放学。 >/dev/null
for n in 4 5 6; do S act $n submit >/dev/null; done
S act 4 register >/dev/null
check "5 is registered as S003" run 0 S act 5 register
check "numbered S003" contains "$T/out" "C17-5-S003"
check "merge needs the item it joins" run 1 S act 5 merge
check "5 is merged (并案) into 4" run 0 S act 5 merge --into C17-5-S002 --text 内容相近
check "merged into 4" test "$(fields 5 state merged_into)" = "merged|#4 C17-5-S002 关于当湖街道停车难的建议"
check "it keeps its number" test "$(fields 5 number)" = C17-5-S003
check "4 lists it as merged" test "$(fields 4 merged_items)" = "#5 C17-5-S003 关于老城区停车位不足的建议"
check "6 takes S004: a number is never reused" run 0 S act 6 register
check "numbered S004" contains "$T/out" "C17-5-S004"
check "an item cannot merge into itself" run 1 S act 6 merge --into 6
check "nor into a motion" run 1 S act 6 merge --into C17-5-M001
check "found by its number" run 0 S show c17-5-s4
check "showing its id" contains "$T/out" "id	6"
check "a malformed number" run 1 S show C17-5-X1

# ---- assignment, deadlines, scope of units --------------------------------------
check "assign needs a unit" run 1 S act 1 assign
check "assign to a lead unit and a supporting unit" run 0 S act 1 assign \
	--unit 平湖市住房和城乡建设局 --support 平湖市交通运输局
# Monday 2026-03-02: reply 3 months later (Tue 06-02), opinion 1 month (Thu 04-02),
# return 7 working days (03-03..03-06, 03-09..03-11: Wed 03-11).
check "reply due 2026-06-02" test "$(clock_of suggestion 1 reply due)" = 2026-06-02
check "opinion due 2026-04-02" test "$(clock_of suggestion 1 opinion due)" = 2026-04-02
check "return window to 2026-03-11" test "$(clock_of suggestion 1 return due)" = 2026-03-11
check "show has the reply and opinion dues" test "$(fields 1 reply_due opinion_due)" = "2026-06-02|2026-04-02"
S act 4 assign --unit 平湖市住房和城乡建设局 >/dev/null
check "without supporting units no opinion clock" test "$(S clocks 4 | tsv_col - clock | tr '\n' ' ')" = "reply return "
S act 2 assign --unit 平湖市农业农村局 >/dev/null
S act 6 assign --unit 平湖市教育局 >/dev/null

as_role unit 平湖市教育局
check "a unit lists only its items" run 0 S list
check "one item" test "$(lines)" = 1
check "the education bureau's" test "$(cut -f1 "$T/out" | sed 1d)" = 6
check "another unit's item cannot be shown" run 1 S show 1
check "nor its history" run 1 S history 1
check "nor its replies" run 1 S replies 1
check "nor found by number" run 1 S show C17-5-M001
check "nor acted on" run 1 S act 1 reply --text x --class A
check "nor met about" run 1 S meet 1 --date 2026-03-02 --place x --deputies y
check "search stays in scope" run 0 S list --search 议案
check "finds nothing" test "$(lines)" = 0
# A return within the window; the unit then no longer sees the item.
check "a return within 7 working days" run 0 S act 6 return --text 属于交通管理，请改派。
check "  and no longer sees it" run 1 S show 6
check "  nor its clocks" run 1 S clocks 6
as_role admin
check "back to registered, unassigned" test "$(fields 6 state lead_unit)" = "registered|"
check "its clocks cancelled" test "$(S clocks 6 | tsv_col - outcome | tr '\n' ' ')" = "cancelled cancelled "
S act 6 assign --unit 平湖市公安局 >/dev/null

as_role unit 平湖市交通运输局
check "a supporting unit sees its item" run 0 S show 1
check "but may not reply" run 1 S act 1 reply --text x --class A
check "only the lead unit" contains "$T/err" "lead unit"
check "nor chase" run 1 S act 1 chase --text x
check "refused for the role" contains "$T/err" "role"
at 2026-03-20T09:00:00+08:00
check "the supporting unit gives its opinion" run 0 S opinion 1 --text 同意主办单位意见，配合做好交通组织。
check "the opinion clock stops, met" test "$(clock_of suggestion 1 opinion outcome)" = met
check "once" run 1 S opinion 1 --text 再次
as_role unit 平湖市住房和城乡建设局
check "the lead unit may not give an opinion" run 1 S opinion 1 --text x
check "a return after 7 working days is refused" run 1 S act 1 return --text 不属于本单位
check "saying the time is over" contains "$T/err" "over"
check "a meeting needs a place" run 1 S meet 1 --date 2026-03-18 --deputies 沈建国
check "a meeting in the future is refused" run 1 S meet 1 --date 2026-03-28 --place 乍浦镇 --deputies 沈建国
check "a face-to-face consultation (面商)" run 0 S meet 1 --date 2026-03-18 --place 乍浦镇人民政府 --deputies "沈建国、朱立新" --text 听取代表意见
check "recorded" test "$(fields 1 meetings)" = 1
check "  with its day, place and deputies in the history" \
	test "$(S history 1 | tail -n 1 | cut -f4,7)" = "meet	2026-03-18 乍浦镇人民政府: 沈建国、朱立新. 听取代表意见"
check "  and as Chinese writes it, for a Chinese reader" \
	test "$(LANGUAGE=zh_CN LC_ALL=C.UTF-8 "$RENDA" suggestion history 1 | tail -n 1 | cut -f7)" = "2026-03-18 乍浦镇人民政府：沈建国、朱立新。听取代表意见"
check "the unit asks for an extension" run 0 S act 1 request-extension --text 涉及规划调整，需延期答复。
check "a unit cannot approve it" run 1 S act 1 extend --until 2026-08-31 --text 同意
as_role admin
check "an extension past 6 months is refused" run 1 S act 1 extend --until 2026-09-03 --text 同意延期
check "naming the last day" contains "$T/err" "2026-09-02"
check "the reply is still due 2026-06-02" test "$(clock_of suggestion 1 reply due)/$(clock_of suggestion 1 reply stopped)" = 2026-06-02/
check "an extension needs a date" run 1 S act 1 extend --text 同意延期
check "an extension to an earlier day is refused" run 1 S act 1 extend --until 2026-05-01 --text 同意
check "an extension to 6 months is approved" run 0 S act 1 extend --until 2026-09-02 --text 经分管领导批准延期
check "the reply is now due 2026-09-02, from the same start" \
	test "$(clock_of suggestion 1 reply due) $(clock_of suggestion 1 reply started) $(clock_of suggestion 1 reply stopped)" = "2026-09-02 2026-03-02 "
check "  the old reply clock cancelled" test "$(S clocks 1 | awk -F '\t' '$1 == "reply" { print $4 $6 }' | tr '\n' ' ')" = "2026-06-02cancelled 2026-09-02 "
check "the approval is recorded" test "$(S history 1 | awk -F '\t' '$4 == "extend" { print $7 }')" = "经分管领导批准延期 → 2026-09-02"
check "key supervision names the official" run 0 S act 1 supervise --text 王副主任
check "listed as key" run 0 S list --key
check "only item 1" test "$(cut -f1 "$T/out" | sed 1d)" = 1

# ---- replies: B-class follow-up until a second reply ------------------------------
at 2026-05-11T10:00:00+08:00
as_role unit 平湖市住房和城乡建设局
check "a reply needs its result class" run 1 S act 1 reply --text 已列入计划
check "an unknown class" run 1 S act 1 reply --text 已列入计划 --class D
check "a B-class reply" run 0 S act 1 reply --class B --text 已列入2026年城市更新计划，分步实施。
check "replied" test "$(state 1)" = replied
check "the lead deputy and the 9 co-signers are each owed a reply" run 0 S replies 1
check "  ten rows of round 1" test "$(tsv_col "$T/out" round | tr '\n' ' ')" = "1 1 1 1 1 1 1 1 1 1 "
check "  the lead deputy first" test "$(sed -n 2p "$T/out" | cut -f3,4)" = "$lead	lead"
check "not the deputy who declined" test "$(tsv_col "$T/out" code | grep -c "^$c10\$")" = 0
as_role admin
check "a bad evaluation" run 1 S act 1 evaluate --eval great
check "satisfied with a B-class reply: follow-up" run 0 S act 1 evaluate --eval satisfied
check "in follow-up" test "$(state 1)" = followup
check "still open" run 0 S list --status open
check "listed open" contains "$T/out" "关于加快乍浦老城区有机更新的议案"
check "followup cannot be evaluated" run 1 S act 1 evaluate --eval satisfied
# ---- merged items owe every deputy a reply; unsatisfied → re-handling -------------
at 2026-05-20T10:00:00+08:00
check "the host of the merged item is replied to" run 0 S act 4 reply --class A --text 已新增停车泊位300个。
check "replies to every deputy" run 0 S replies 4
# 施永忠 (lead of 4), 何春华 (co-signer of 4), 陆伟明 (lead of 5), 林志强 (co-signer of 5);
# 高秀兰 declined to co-sign 5.
check "four deputies" test "$(lines)" = 4
check "the merged item's deputies too" test "$(cut -f2,4,5 "$T/out" | sed 1d | tr '\n' ' ')" = "施永忠	lead	#4 何春华	cosigner	#4 陆伟明	lead	#5 林志强	cosigner	#5 "
check "unsatisfied: re-handling" run 0 S act 4 evaluate --eval unsatisfied
check "back to assigned, round 1" test "$(fields 4 state rounds)" = "assigned|1"
check "a second reply due a month on" test "$(clock_of suggestion 4 rehandle due)/$(clock_of suggestion 4 rehandle stopped)" = 2026-06-22/
at 2026-06-10T10:00:00+08:00
check "the second reply" run 0 S act 4 reply --class A --text 再次研究，增设夜间共享停车。
check "met in time" test "$(clock_of suggestion 4 rehandle outcome)" = met
check "evaluated again" run 0 S act 4 evaluate --eval basic
check "closed, basic" test "$(fields 4 state evaluation)" = "closed|basic"
check "two evaluations recorded" test "$(actions 4 | grep -c '^evaluate$')" = 2
check "every deputy got both replies" test "$(S replies 4 | tsv_col - round | sort | uniq -c | awk '{ printf "%s×%s ", $1, $2 }')" = "4×1 4×2 "

at 2026-10-09T10:00:00+08:00
as_role unit 平湖市住房和城乡建设局
check "the second reply" run 0 S act 1 reply --class A --text 改造工程已完工。
as_role admin
check "evaluated after the second reply" run 0 S act 1 evaluate --eval satisfied
check "closed" test "$(fields 1 state evaluation)" = "closed|satisfied"
check "two replies to each of 10 deputies" test "$(S replies 1 | tsv_col - round | sort | uniq -c | awk '{ printf "%s×%s ", $1, $2 }')" = "10×1 10×2 "

# ---- town-level items: a town's session, 5 co-signers, the town's clerks ---------
# The term ZP18 and its session ZP18-5 (from 2026-02-10) come with data/ref.
gu=$(code 顾秀英) han=$(code 韩美玲) feng=$(code 冯德胜) deng=$(code 邓雪梅) cao=$(code 曹卫东) jiang=$(code 蒋玉芬)
as_role town-clerk 乍浦镇
check "a town clerk drafts a town-level motion" run 0 S add --kind motion --deputy "$gu" \
	--category 社会事业 --title 关于建设乍浦镇居家养老服务中心的议案 --basis 老龄化程度高。 --proposal 新建中心。
tid=$(added)
check "of the town's session" test "$(fields "$tid" level session)" = "town|ZP18-5 平湖市乍浦镇第十八届人民代表大会第五次会议"
check "a city deputy cannot co-sign it" run 1 S invite $tid --deputy "$c1"
S invite $tid --deputy "$han" --deputy "$feng" --deputy "$deng" --deputy "$cao" --deputy "$jiang" >/dev/null
S cosign $tid --confirm --deputy "$han" --deputy "$feng" --deputy "$deng" >/dev/null
check "the lead deputy and 3 co-signers are too few at town level" run 1 S act $tid submit
check "5 jointly: the lead and at least 4" contains "$T/err" "5 deputies of the town jointly (the lead deputy and at least 4"
S cosign $tid --confirm --deputy "$cao" >/dev/null
check "the lead deputy and 4 co-signers are enough" run 0 S act $tid submit
check "registered in the town's numbering" run 0 S act $tid register
check "as ZP18-5-M001" contains "$T/out" "ZP18-5-M001"
check "the town clerk sees only the town's items" run 0 S list
check "one" test "$(lines)" = 1
check "a town clerk cannot see a city-level item" run 1 S show 1
check "nor draft one" run 1 S add --session C17-5 --deputy "$lead" --category 其他 --title 标题 --proposal 内容
as_role town-clerk 新埭镇
check "another town's clerk cannot see it" run 1 S show ZP18-5-M001
as_role viewer
check "a viewer reads" run 0 S show 1
check "a viewer cannot act" run 1 S act 6 chase --text x
check "nor draft" run 1 S add --deputy "$lead" --category 其他 --title 标题 --proposal 内容
as_role admin

# ---- statistics and workbooks --------------------------------------------------------
# One more item of 住建局: a late C-class reply, unsatisfied, re-handling still running.
at 2026-10-09T10:00:00+08:00
S add --deputy "$c6" --category 城市建设 --title 关于东湖大道增设人行天桥的建议 --proposal 增设天桥。 >"$T/out"
sid=$(added)
for a in submit register; do S act $sid $a >/dev/null; done
S act $sid assign --unit 平湖市住房和城乡建设局 >/dev/null
at 2027-02-01T10:00:00+08:00
S act $sid reply --class C --text 受用地条件限制，暂不具备建设条件。 >/dev/null
S act $sid evaluate --eval unsatisfied >/dev/null
check "the late reply counts late" test "$(clock_of suggestion "$sid" reply outcome)" = late

# Expected figures, counted here from what list, show and clocks print (not from the
# statistics), as official reports round them: half-up to two decimals.
pct() { awk -v n="$1" -v d="$2" 'BEGIN { if (d == 0) { print ""; exit } h = int((n * 20000 + d) / (2 * d)); printf "%d.%02d\n", h / 100, h % 100 }'; }
# The items counted: numbered, of C17-5, not merged into another.
S list --session C17-5 >"$T/items"
awk -F '\t' 'NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
	$h["number"] != "" && $h["state"] != "merged" { print $h["id"] }' "$T/items" >"$T/counted"
n_items=0 n_assigned=0 n_closed=0 n_met=0 n_ontime=0 n_stopped=0 n_eval=0 n_sat=0 n_replied=0 n_a=0
while read -r id; do
	IFS='|' read -r st unit meet ev rclass <<EOF
$(fields "$id" state lead_unit meetings evaluation result_class)
EOF
	n_items=$((n_items + 1))
	[ -n "$unit" ] && n_assigned=$((n_assigned + 1))
	[ "$st" = closed ] && n_closed=$((n_closed + 1))
	[ "$meet" -gt 0 ] && n_met=$((n_met + 1))
	[ -n "$ev" ] && n_eval=$((n_eval + 1))
	case $ev in satisfied | basic) n_sat=$((n_sat + 1)) ;; esac
	[ -n "$rclass" ] && n_replied=$((n_replied + 1))
	case $rclass in "A "*) n_a=$((n_a + 1)) ;; esac
	# Reply deadlines (first replies and re-handling) that have come: answered (on time
	# or late), or past (2027-02-01) with no answer.
	eval "$(S clocks "$id" | awk -F '\t' '$1 == "reply" || $1 == "rehandle" {
		if ($6 == "met") m++
		if ($6 == "met" || $6 == "late" || ($5 == "" && $4 < "2027-02-01")) s++ }
		END { printf "n_ontime=$((n_ontime + %d)) n_stopped=$((n_stopped + %d))\n", m, s }')"
done <"$T/counted"
# By hand: items 1, 2, 4, 6 and the last (5 merged into 4); 1, 4 closed; 1 met about;
# reply deadlines 1 met (extended), 4 met twice, the last late, and 2 and 6 past their due day
# (2026-06-02) with no reply; 1 and 4 satisfied or basic,
# the last unsatisfied; 1 and 4 end with class A, the last with C.
check "by hand: 5 items, 5 assigned, 2 closed, 1 consulted" test "$n_items $n_assigned $n_closed $n_met" = "5 5 2 1"
check "by hand: 3 of 6 deadlines met, 2 of 3 satisfied, 2 of 3 replies class A" test "$n_ontime/$n_stopped $n_sat/$n_eval $n_a/$n_replied" = "3/6 2/3 2/3"
check "stats by unit" run 0 "$RENDA" stats suggestions --by unit --session C17-5
cp "$T/out" "$T/by-unit"
col() { awk -F'\t' -v k="$1" -v c="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == c) n = i } NR > 1 && $2 == k { print $n }' "$T/by-unit"; }
check "the closed rate (办结率) 2/5 = 40.00" test "$(col Total closed_rate)" = "$(pct $n_closed $n_assigned)"
check "  which is 40.00" test "$(col Total closed_rate)" = 40.00
check "the consultation rate (面商率) 1/5 = 20.00" test "$(col Total meeting_rate)" = "$(pct $n_met $n_assigned)"
check "the on-time reply rate 3/6 = 50.00: the unanswered past deadlines count against it" test "$(col Total reply_rate)" = "$(pct $n_ontime $n_stopped)"
check "  which is 50.00, with its denominator beside it" test "$(col Total reply_rate) $(col Total reply_due) $(col Total reply_on_time)" = "50.00 6 3"
check "the satisfaction rate 2/3 = 66.67" test "$(col Total satisfaction)" = "$(pct $n_sat $n_eval)"
check "  rounded half-up: 66.67" test "$(col Total satisfaction)" = 66.67
check "the share of class A 2/3 = 66.67" test "$(col Total share_A)" = "$(pct $n_a $n_replied)"
check "the share of class C 1/3 = 33.33" test "$(col Total share_C)" = 33.33
check "the merged item is counted apart" test "$(col Total merged)" = 1
check "two overdue (reply due 2026-06-02)" test "$(col Total overdue)" = 2
check "住建局's row: 3 items, 2 closed, 66.67" test "$(col 平湖市住房和城乡建设局 count) $(col 平湖市住房和城乡建设局 closed) $(col 平湖市住房和城乡建设局 closed_rate)" = "3 2 66.67"
check "a unit whose item is past its reply deadline, unanswered, has 0.00" test "$(col 平湖市公安局 reply_rate)" = 0.00
check "a rate with nothing to count is empty" test "$(col '(not assigned to a unit)' reply_rate)" = ""
check "units with most items first, the unassigned last" test "$(cut -f1 "$T/by-unit" | sed 1d | tr '\n' ' ')" = "D-JSJ D-GAJ D-NYJ   "
check "stats by category" run 0 "$RENDA" stats suggestions --by category --session C17-5
check "every category listed, and the total" test "$(lines)" = 9
check "stats by class" run 0 "$RENDA" stats suggestions --by class --format csv
check "as CSV" contains "$T/out" "A,已解决或基本解决,2,"
check "stats by session" run 0 "$RENDA" stats suggestions --by session --format json
check "as JSON" contains "$T/out" '"key":"C17-5"'
check "the town session too" contains "$T/out" '"key":"ZP18-5"'
check "stats by kind" run 0 "$RENDA" stats suggestions --by kind --session C17-5
check "one motion" test "$(awk -F'\t' '$1 == "motion" { print $3 }' "$T/out")" = 1
check "stats needs --by (usage)" run 2 "$RENDA" stats suggestions
check "an unknown --by (usage)" run 2 "$RENDA" stats suggestions --by month
check "an unknown session" run 1 "$RENDA" stats suggestions --by unit --session C99-9
as_role unit 平湖市公安局
check "a unit's statistics hold its items only" run 0 "$RENDA" stats suggestions --by unit
check "one item" test "$(awk -F'\t' '$2 == "Total" { print $3 }' "$T/out")" = 1
as_role admin

check "the session's workbook" run 0 "$RENDA" report suggestions --session C17-5 --out "$T/s.xlsx"
check "lists 6 items (5 and the merged one)" contains "$T/out" "6 items"
check "an existing file is kept without --force" run 1 "$RENDA" report suggestions --session C17-5 --out "$T/s.xlsx"
check "the report needs --out (usage)" run 2 "$RENDA" report suggestions --session C17-5
check "an unknown session" run 1 "$RENDA" report suggestions --session C99-9 --out "$T/x.xlsx"
check "nothing written" test ! -e "$T/x.xlsx"
check "住建局's handling sheet" run 0 "$RENDA" report suggestions --session C17-5 --unit 平湖市住房和城乡建设局 --out "$T/u.xlsx"
check "交通局's handling sheet" run 0 "$RENDA" report suggestions --session C17-5 --unit D-JTJ --out "$T/t.xlsx"
as_role unit 平湖市公安局
check "a unit may make its own handling sheet" run 0 "$RENDA" report suggestions --unit 平湖市公安局 --out "$T/g.xlsx"
check "not another unit's" run 1 "$RENDA" report suggestions --unit 平湖市教育局 --out "$T/e.xlsx"
as_role admin
cat >"$T/read.py" <<'PY'
import datetime, sys, openpyxl
path, by_unit = sys.argv[1], sys.argv[2]
wb = openpyxl.load_workbook(path)
bad = []
def want(cond, what):
    if not cond:
        bad.append(what)
want(wb.sheetnames == ["Summary", "Lead unit", "Category", "Session", "Result class", "Kind", "Item detail", "About"], "sheets: %s" % wb.sheetnames)
# The CLI's table, row by row and column by column, is the sheet's.
rows = [l.rstrip("\n").split("\t") for l in open(by_unit, encoding="utf-8")]
head, cli = rows[0], rows[1:]
ws = wb["Lead unit"]
labels = [c.value for c in ws[2]]
want(len(labels) == len(head), "as many columns as the CLI prints: %d, %d" % (len(labels), len(head)))
def show(v, key):
    if v is None:
        return ""
    rate = key.endswith("_rate") or key in ("share", "satisfaction") or key.startswith("share_")
    return "%.2f" % round(v * 100, 2) if rate else str(v)
sheet = [list(r) for r in ws.iter_rows(min_row=3, values_only=True)]
want(len(sheet) == len(cli), "rows: %d, the CLI %d" % (len(sheet), len(cli)))
for r, c in zip(sheet, cli):
    got = [show(v, k) if i >= 2 else (v or "") for i, (v, k) in enumerate(zip(r, head))]
    want(got == c, "row %s: %s vs %s" % (c[1], got, c))
want(labels[head.index("open")] == "In progress", "the open column is In progress: %s" % labels[head.index("open")])
want(labels[head.index("reply_due")] == "Replies due", "the rate's denominator is a column")
s = wb["Summary"]
srows = list(s.iter_rows(max_col=2, values_only=True))
top = [i for i, r in enumerate(srows) if r[0] == "Figure"][0]
fig = {r[0]: r[1] for r in srows[top + 1:] if r[0]}
total = cli[-1]
want(show(fig.get("Closed rate"), "closed_rate") == total[head.index("closed_rate")], "summary closed rate %r" % fig.get("Closed rate"))
want(show(fig.get("Satisfaction rate"), "satisfaction") == "66.67", "summary satisfaction %r" % fig.get("Satisfaction rate"))
want(len(s._charts) >= 5, "charts on the summary: %d" % len(s._charts))
items = wb["Item detail"]
want(items.max_row == 8, "a title, a header and six items: %d rows" % items.max_row)
want(items.freeze_panes == "B3", "the item sheet freezes its header: %s" % items.freeze_panes)
ih = [c.value for c in items[2]]
nums = [c.value for c in items["A"][2:]]
want(nums == ["C17-5-M001", "C17-5-S001", "C17-5-S002", "C17-5-S003", "C17-5-S004", "C17-5-S005"], "numbers: %s" % nums)
rec = {r[0]: dict(zip(ih, r)) for r in items.iter_rows(min_row=3, values_only=True)}
m1 = rec["C17-5-M001"]
# The B-class item: its first reply met the deadline; the follow-up reply, after the due
# day, is shown apart and not as on time.
want(m1["Reply"] == "on time" and m1["Replied on"] <= m1["Reply by"], "M001 on time: %s" % m1)
want(m1["Follow-up reply on"] == datetime.datetime(2026, 10, 9) and m1["Follow-up reply on"] > m1["Reply by"], "M001's follow-up reply: %s" % m1["Follow-up reply on"])
want(m1["Result class"] == "A 已解决或基本解决", "the class's name beside its letter: %s" % m1["Result class"])
want(rec["C17-5-S003"]["Merged into"] == "C17-5-S002", "a merged item names its host: %s" % rec["C17-5-S003"])
want(isinstance(m1["Assigned on"], datetime.datetime), "dates are date cells: %r" % m1["Assigned on"])
if bad:
    print("\n".join(bad))
    sys.exit(1)
PY
check "openpyxl reads the workbook with the figures the CLI prints" run 0 /usr/bin/python3 "$T/read.py" "$T/s.xlsx" "$T/by-unit"
cat >"$T/unit.py" <<'PY'
import datetime, sys, openpyxl
path, n, role, rate = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
opinion = sys.argv[5] if len(sys.argv) > 5 else None
wb = openpyxl.load_workbook(path)
ws = wb["Handling sheet"]
rows = list(ws.iter_rows(values_only=True))
bad = []
# Only the item header is frozen: the title row and the header, not the figures.
if ws.freeze_panes != "B3":
    bad.append("frozen at %s" % ws.freeze_panes)
head = [i for i, r in enumerate(rows) if r[0] == "Number"]
items = []
for r in rows[head[0] + 1:] if head else []:
    if r[0] is None:
        break
    items.append(r)
if len(items) != n:
    bad.append("%d items, want %d" % (len(items), n))
h = rows[head[0]] if head else []
col = h.index("Role of the unit") if head else 0
if any(r[col] != role for r in items):
    bad.append("roles %s" % [r[col] for r in items])
top = [i for i, r in enumerate(rows) if r[0] == "Figure"]
fig = {r[0]: r[1] for r in rows[top[0] + 1:] if r[0]} if top else {}
got = "" if fig.get("Closed rate") is None else "%.2f" % (fig["Closed rate"] * 100)
if got != rate:
    bad.append("closed rate %r, want %s" % (got, rate))
if opinion:
    o = dict(zip(h, items[0]))
    if o["Opinion to the lead unit"] != opinion:
        bad.append("opinion %r" % o["Opinion to the lead unit"])
    if o["Opinion given on"] != datetime.datetime(2026, 3, 20) or not isinstance(o["Opinion by"], datetime.datetime):
        bad.append("opinion dates %r %r" % (o["Opinion given on"], o["Opinion by"]))
if bad:
    print("\n".join(bad))
    sys.exit(1)
PY
check "the lead unit's sheet: 3 items, closed rate 66.67" run 0 /usr/bin/python3 "$T/unit.py" "$T/u.xlsx" 3 "lead unit" "$(col 平湖市住房和城乡建设局 closed_rate)"
check "the supporting unit's sheet: its one item, its own opinion and due day, no lead figures" run 0 /usr/bin/python3 "$T/unit.py" "$T/t.xlsx" 1 "supporting unit" "" 同意主办单位意见，配合做好交通组织。
check "a motions-only workbook is titled as motions" run 0 "$RENDA" report suggestions --session C17-5 --kind motion --out "$T/m.xlsx"
check "  its title says motions" run 0 /usr/bin/python3 -c 'import sys, openpyxl; wb = openpyxl.load_workbook(sys.argv[1]); t = wb["Summary"]["A1"].value; assert t.startswith("Motions: C17-5"), t' "$T/m.xlsx"

# ---- CLI error paths ---------------------------------------------------------------
check "an unknown action is a usage error" run 2 S act 6 fly
check "lists the actions" contains "$T/err" "unknown action 'fly'"
check "an action from the wrong state" run 1 S act 6 evaluate --eval satisfied
check "names the state" contains "$T/err" "cannot evaluate"
check "act without an action (usage)" run 2 S act 6
check "an unknown option (usage)" run 2 S act 6 chase --colour red
check "a bad --version (usage)" run 2 S act 6 chase --text x --version abc
check "a version that moved" run 1 S act 6 chase --text x --version 1
check "names the change" contains "$T/err" "changed by someone else"
check "show of no item" run 1 S show 999
check "show without an item (usage)" run 2 S show
check "list: a bad format (usage)" run 2 S list --format xml
check "list: an unknown status" run 1 S list --status lost
check "list: an unknown session" run 1 S list --session C00-9
check "list: a bad limit (usage)" run 2 S list --limit 0
check "text is required to chase" run 1 S act 6 chase
check "the overdue list" run 0 S list --overdue
check "holds the two items whose reply was due 2026-06-02" test "$(cut -f1 "$T/out" | sed 1d | sort | tr '\n' ' ')" = "2 6 "
check "nothing is due within 3 days" run 0 S list --due-soon
check "an empty list" test "$(lines)" = 0
at 2027-02-27T10:00:00+08:00
check "the re-handled item is due soon (2027-03-01)" run 0 S list --due-soon --format csv
check "and only it" test "$(cut -d, -f1 "$T/out" | sed 1d)" = "$sid"
done_testing
