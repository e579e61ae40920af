#!/bin/sh
# Voter issues: every path of the flow, roles, deadlines over holidays, import,
# search (1, 2, 3+ characters, regex), comments and likes, and scope.
. "$SRCDIR/tests/lib.sh"

me=$(id -un)
as_role() { # as_role ROLE [TOWN-NAME | UNIT-NAME]: the caller's account, changed by hand
	case $1 in
	town-clerk) q "UPDATE app_user SET role = 'town-clerk', unit_id = NULL, town_id = (SELECT id FROM town WHERE name = '$2') WHERE login = '$me'" ;;
	unit) q "UPDATE app_user SET role = 'unit', town_id = NULL, unit_id = (SELECT id FROM unit WHERE name = '$2') WHERE login = '$me'" ;;
	*) q "UPDATE app_user SET role = '$1', town_id = NULL, unit_id = NULL WHERE login = '$me'" ;;
	esac
}
state() { q "SELECT state FROM vcase WHERE id = $1"; }
at() { RENDA_NOW="$1"; export RENDA_NOW; }

small_db
zp=$(q "SELECT code FROM deputy WHERE name = '沈建国'")
xd=$(q "SELECT code FROM deputy WHERE name = '钱佳怡'")

at 2026-02-13T10:00:00+08:00
check "a phone case is recorded" run 0 "$RENDA" case add --deputy "$zp" --category 城市建设 \
	--title 乍浦镇中心路路灯不亮 --content "中心路路灯已经坏了两周，晚上出行不便。" \
	--voter-name 王大伯 --voter-phone 13900001111
check "numbered by year" contains "$T/out" "2026-000001"
check "state received" test "$(state 1)" = received
check "its town is the deputy's" test "$(q "SELECT t.name FROM vcase v JOIN town t ON t.id = v.town_id WHERE v.id = 1")" = 乍浦镇
check "a case needs a category" run 1 "$RENDA" case add --deputy "$zp" --title 标题 --content 内容
check "the field is named" contains "$T/err" "category"
check "an unknown category is named" run 1 "$RENDA" case add --deputy "$zp" --category 体育 --title 标题 --content 内容
check "a bad voter phone is named" run 1 "$RENDA" case add --deputy "$zp" --category 其他 --title 标题 --content 内容 --voter-phone 123
check "as voter_phone" contains "$T/err" "voter_phone"
check "nothing was added" test "$(q 'SELECT count(*) FROM vcase')" = 1

# The main path, with the deadlines across Spring Festival 2026 (holidays 02-15..02-23,
# make-up workdays Saturday 02-14 and Saturday 02-28).
check "forward" run 0 "$RENDA" case act 1 forward
check "forwarded to the city office (a city deputy)" test "$(q 'SELECT state || level FROM vcase WHERE id = 1')" = forwardedcity
check "assign needs a unit" run 1 "$RENDA" case act 1 assign
check "assign to a lead and a supporting unit" run 0 "$RENDA" case act 1 assign --unit 平湖市住房和城乡建设局 --support 乍浦镇人民政府
check "two units" test "$(q 'SELECT group_concat(role) FROM (SELECT role FROM vcase_unit WHERE case_id = 1 ORDER BY role)')" = "lead,support"
# 1 week after Fri 02-13 is Fri 02-20, a holiday: the next working day is Tue 02-24.
check "respond due moves past the holiday to 02-24" test "$(q "SELECT due FROM wf_clock WHERE item_id = 1 AND clock = 'respond'")" = 2026-02-24
# 1 month after 02-13 is Fri 03-13, a working day.
check "reply due a month later, 03-13" test "$(q "SELECT due FROM wf_clock WHERE item_id = 1 AND clock = 'reply'")" = 2026-03-13
# 7 working days after 02-13: 02-14 (make-up Sat), 02-24, 25, 26, 27, 02-28 (make-up Sat), 03-02.
check "return window ends 03-02" test "$(q "SELECT due FROM wf_clock WHERE item_id = 1 AND clock = 'return'")" = 2026-03-02
check "list shows the dues" run 0 "$RENDA" case list
check "respond due in the list" contains "$T/out" "2026-02-24	2026-03-13	0"

# A unit that is not the lead may not respond; the lead may.
as_role unit 平湖市教育局
check "another unit does not see the case" run 1 "$RENDA" case show 1
check "nor respond to it" run 1 "$RENDA" case act 1 respond --text 收到
as_role unit 乍浦镇人民政府
check "a supporting unit sees the case" run 0 "$RENDA" case show 1
check "but may not respond" run 1 "$RENDA" case act 1 respond --text 收到
check "only the lead unit" contains "$T/err" "lead unit"
as_role unit 平湖市住房和城乡建设局
check "a unit may not chase" run 1 "$RENDA" case act 1 chase --text 催
check "refused for the role" contains "$T/err" "role"
at 2026-02-25T09:00:00+08:00
check "respond needs a text" run 1 "$RENDA" case act 1 respond
check "the lead unit responds" run 0 "$RENDA" case act 1 respond --text 已安排人员查看。
check "responded" test "$(state 1)" = responded
check "met: 02-25 is after 02-24" test "$(q "SELECT outcome FROM wf_clock WHERE item_id = 1 AND clock = 'respond'")" = late
at 2026-03-10T09:00:00+08:00
check "the unit replies" run 0 "$RENDA" case act 1 reply --text 路灯已于3月9日修复。
check "reply met" test "$(q "SELECT outcome FROM wf_clock WHERE item_id = 1 AND clock = 'reply'")" = met
as_role admin
check "unsatisfied re-opens for re-handling" run 0 "$RENDA" case act 1 evaluate --eval unsatisfied
check "back to assigned, round 1" test "$(q 'SELECT state || rounds FROM vcase WHERE id = 1')" = assigned1
check "a new reply deadline a month on" test "$(q "SELECT due FROM wf_clock WHERE item_id = 1 AND clock = 'rehandle' AND stopped IS NULL")" = 2026-04-10
check "a bad evaluation is refused" run 1 "$RENDA" case act 1 evaluate --eval great
check "chase is recorded" run 0 "$RENDA" case act 1 chase --text 请尽快处理
check "the chase is an event" test "$(q "SELECT count(*) FROM wf_event WHERE item_id = 1 AND action = 'chase'")" = 1
check "the state did not move" test "$(state 1)" = assigned
check "second reply" run 0 "$RENDA" case act 1 reply --text 已全线更换灯具。
check "satisfied closes" run 0 "$RENDA" case act 1 evaluate --eval satisfied
check "closed" test "$(q 'SELECT state || evaluation FROM vcase WHERE id = 1')" = closedsatisfied
check "no action on a closed case" run 1 "$RENDA" case act 1 chase --text x
check "history lists every step" run 0 "$RENDA" case history 1
# receive, forward, assign, respond, reply, evaluate, chase, reply, evaluate
check "nine steps from receive to close" test "$(($(wc -l <"$T/out") - 1))" = 9
check "each step audited" test "$(q "SELECT count(*) FROM audit WHERE entity = 'case' AND entity_id = 1")" = 9

# The deputy's own reply, then satisfied: closed without the office.
at 2026-03-02T09:00:00+08:00
"$RENDA" case add --deputy "$xd" --category 农业农村 --title 新埭镇农田灌溉渠堵塞 --content 灌溉渠堵塞影响春耕。 >/dev/null
check "deputy reply" run 0 "$RENDA" case act 2 deputy-reply --text 已联系村委会清理。
check "satisfied closes it" run 0 "$RENDA" case act 2 evaluate --eval basic
check "closed by the deputy" test "$(state 2)" = closed
# Deputy reply, unsatisfied: forwarded to the town office (a town deputy).
"$RENDA" case add --deputy "$xd" --category 社会事业 --title 新埭镇老年食堂开放时间太短 --content 希望延长开放时间。 >/dev/null
"$RENDA" case act 3 deputy-reply --text 已反映。 >/dev/null
check "unsatisfied with the deputy's reply forwards it" run 0 "$RENDA" case act 3 evaluate --eval unsatisfied
check "to the town office" test "$(q 'SELECT state || level FROM vcase WHERE id = 3')" = forwardedtown
# A town clerk of another town may not review it; the town's clerk may reject it.
as_role town-clerk 乍浦镇
check "another town's clerk cannot see it" run 1 "$RENDA" case act 3 reject --text 不属于
as_role town-clerk 新埭镇
check "the town's clerk rejects with a reason" run 0 "$RENDA" case act 3 reject --text 正在诉讼中，不予受理。
check "rejected" test "$(state 3)" = rejected
check "a town clerk cannot review a city-level case" run 1 "$RENDA" case act 1 forward
as_role admin

# Return within 7 working days; after them it is refused.
"$RENDA" case add --deputy "$zp" --category 教科文卫 --title 乍浦小学门口交通拥堵 --content 上下学时段拥堵严重。 >/dev/null
"$RENDA" case act 4 forward >/dev/null
"$RENDA" case act 4 assign --unit 平湖市教育局 >/dev/null
at 2026-03-11T09:00:00+08:00
as_role unit 平湖市教育局
check "a return within the window" run 0 "$RENDA" case act 4 return --text 属于交通管理，请改派公安局。
check "back to the office, unassigned" test "$(q 'SELECT state || coalesce(lead_unit_id, 0) FROM vcase WHERE id = 4')" = forwarded0
check "its clocks are cancelled" test "$(q "SELECT count(*) FROM wf_clock WHERE item_id = 4 AND outcome = 'cancelled'")" = 3
as_role admin
"$RENDA" case act 4 assign --unit 平湖市公安局 >/dev/null
at 2026-03-25T09:00:00+08:00
as_role unit 平湖市公安局
check "a return after 7 working days is refused" run 1 "$RENDA" case act 4 return --text 不属于
check "saying the time is over" contains "$T/err" "over"
check "an overdue list" run 0 "$RENDA" case list --overdue
check "holds the overdue case" contains "$T/out" "乍浦小学门口交通拥堵"
as_role admin
check "version conflict refused" run 1 "$RENDA" case act 4 chase --text 催 --version 1
check "names the change" contains "$T/err" "changed by someone else"

# Comments, ratings, likes.
check "a deputy comments" run 0 "$RENDA" case comment 1 --deputy "$xd" --text 处理及时 --rating 5
check "a bad rating" run 2 "$RENDA" case comment 1 --deputy "$xd" --rating 7
check "a like" run 0 "$RENDA" case like 1 --deputy "$xd"
check "one like per deputy" run 1 "$RENDA" case like 1 --deputy "$xd"
check "counted once" test "$(q 'SELECT count(*) FROM vcase_like WHERE case_id = 1')" = 1

# Import: UTF-8 and GB18030, external_id makes re-import add nothing, bad rows name file:line.
cat >"$T/in.csv" <<CSV
submitted_at,deputy_code,channel,voter_name,voter_phone,town,category,title,content,external_id
2026-03-20T08:30:00+08:00,$zp,qr,李阿姨,13800002222,,生态环境,乍浦镇河道垃圾漂浮,河道里垃圾很多，气味难闻。,W-1001
2026-03-21T09:15:00+08:00,$xd,qr,赵先生,,新埭镇,城市建设,"新埭镇路面破损，需修补","路面坑洼,雨天积水",W-1002
CSV
iconv -f UTF-8 -t GB18030 "$T/in.csv" >"$T/in-gb.csv"
n0=$(q 'SELECT count(*) FROM vcase')
check "import adds two" run 0 "$RENDA" case import "$T/in.csv"
check "two more cases" test "$(q 'SELECT count(*) FROM vcase')" = $((n0 + 2))
check "re-import adds nothing" run 0 "$RENDA" case import "$T/in.csv"
check "the GB18030 twin adds nothing either" run 0 "$RENDA" case import "$T/in-gb.csv"
check "still two more" test "$(q 'SELECT count(*) FROM vcase')" = $((n0 + 2))
check "the quoted title survives" test "$(q "SELECT title FROM vcase WHERE external_id = 'W-1002'")" = "新埭镇路面破损，需修补"
printf 'submitted_at,deputy_code,channel,voter_name,voter_phone,town,category,title,content,external_id\n2026-03-22T08:00:00+08:00,%s,qr,,,,其他,好,好,W-2001\n2026-03-22T08:00:00+08:00,NOCODE,qr,,,,其他,坏,坏,W-2002\n' "$zp" >"$T/bad.csv"
check "a file with a bad row is refused" run 1 "$RENDA" case import "$T/bad.csv"
check "the row is named" contains "$T/err" "bad.csv:3:"
check "nothing of it was imported" test "$(q "SELECT count(*) FROM vcase WHERE external_id LIKE 'W-2%'")" = 0

# Search: 1, 2 and 3+ characters; regex with a limit.
check "a 3+ character search" run 0 "$RENDA" case list --search 路灯不亮
check "finds the lamp case" contains "$T/out" "乍浦镇中心路路灯不亮"
check "a 2-character search" run 0 "$RENDA" case list --search 河道
check "finds the river case" contains "$T/out" "乍浦镇河道垃圾漂浮"
check "and not the lamp" lacks "$T/out" "路灯"
check "a 1-character search" run 0 "$RENDA" case list --search 渠
check "finds the canal case" contains "$T/out" "新埭镇农田灌溉渠堵塞"
check "exactly one" test "$(($(wc -l <"$T/out") - 1))" = 1
check "a reply is searchable" run 0 "$RENDA" case list --search 灯具
check "finds it by the reply" contains "$T/out" "2026-000001"
check "a regex search" run 0 "$RENDA" case list --regex '新埭镇.{2}(食堂|灌溉)'
check "finds two" test "$(($(wc -l <"$T/out") - 1))" = 2
q "UPDATE vcase SET content = content || 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!' WHERE id = 2"
check "a pathological regex is stopped" run 1 "$RENDA" case list --regex '(a+)+$'
check "with a message that it was stopped" contains "$T/err" "stopped"
check "a bad regex is a clear error" run 1 "$RENDA" case list --regex '(unclosed'
check "naming it" contains "$T/err" "regex"

# Scope through every command: a town clerk of 新埭镇.
as_role town-clerk 新埭镇
check "town clerk lists" run 0 "$RENDA" case list
check "only the town's cases" test "$(cut -f5 "$T/out" | sed 1d | sort -u)" = 新埭镇
check "cannot show another town's case" run 1 "$RENDA" case show 1
check "cannot see its history" run 1 "$RENDA" case history 1
check "cannot comment on it" run 1 "$RENDA" case comment 1 --deputy "$xd" --text x
check "cannot add a case for another town" run 1 "$RENDA" case add --deputy "$zp" --category 其他 --title 标题 --content 内容
check "cannot import another town's cases" run 1 "$RENDA" case import "$T/in.csv"
check "search stays in scope" run 0 "$RENDA" case list --search 路灯
check "no other town's case found" lacks "$T/out" "乍浦镇"
as_role admin
"$RENDA" case add --deputy "$zp" --category 民主法制 --title 家庭纠纷求助 --content 涉及隐私的家事独角兽细节 --private >/dev/null
check "a clerk finds a private case by its content" run 0 "$RENDA" case list --search 独角兽
check "  it is listed" contains "$T/out" "家庭纠纷求助"
as_role viewer
check "a viewer's search does not look into private cases" run 0 "$RENDA" case list --search 独角兽
check "  nothing found" lacks "$T/out" "家庭纠纷求助"
check "nor does a viewer's regex" run 0 "$RENDA" case list --regex '独角.'
check "  nothing found either" lacks "$T/out" "家庭纠纷求助"
check "a viewer sees masked voter data" run 0 "$RENDA" case show 1
check "no phone" lacks "$T/out" "13900001111"
check "no name" lacks "$T/out" "王大伯"
check "a viewer cannot act" run 1 "$RENDA" case act 4 chase --text x
done_testing
