#!/bin/sh
# Voter issues: every path of the flow, roles, deadlines over holidays, import,
# search (1, 2, 3+ characters, regex), comments and likes, and scope.
. "$SRCDIR/tests/lib.sh"

state() { show_fields case "$1" state; }
fields() { show_fields case "$@"; }
cases() { "$RENDA" case list >"$T/list" && nrows "$T/list"; }
at() { RENDA_NOW="$1"; export RENDA_NOW; }

small_db
zp=$(deputy_code 沈建国)
xd=$(deputy_code 钱佳怡)

at 2026-02-13T10:00:00+08:00
check "a phone case is recorded" run 0 "$RENDA" case add --deputy "$zp" --category 城市建设 \
	--title 乍浦镇中心路路灯不亮 --content "中心路路灯已经坏了两周，晚上出行不便。" \
	--voter-name 王大伯 --voter-phone 13900001111
check "numbered by year" contains "$T/out" "2026-000001"
check "state received" test "$(state 1)" = received
check "its town is the deputy's" test "$(show_fields case 1 town)" = 乍浦镇
check "a case needs a category" run 1 "$RENDA" case add --deputy "$zp" --title 标题 --content 内容
check "the field is named" contains "$T/err" "category"
check "an unknown category is named" run 1 "$RENDA" case add --deputy "$zp" --category 体育 --title 标题 --content 内容
check "a bad voter phone is named" run 1 "$RENDA" case add --deputy "$zp" --category 其他 --title 标题 --content 内容 --voter-phone 123
check "as voter_phone" contains "$T/err" "voter_phone"
check "nothing was added" test "$(cases)" = 1

# The main path, with the deadlines across Spring Festival 2026 (holidays 02-15..02-23,
# make-up workdays Saturday 02-14 and Saturday 02-28).
check "forward" run 0 "$RENDA" case act 1 forward
check "forwarded to the city office (a city deputy)" test "$(fields 1 state level)" = "forwarded|city"
check "assign needs a unit" run 1 "$RENDA" case act 1 assign
check "assign to a lead and a supporting unit" run 0 "$RENDA" case act 1 assign --unit 平湖市住房和城乡建设局 --support 乍浦镇人民政府
check "two units" test "$(fields 1 lead_unit support_units)" = "平湖市住房和城乡建设局|乍浦镇人民政府"
# 1 week after Fri 02-13 is Fri 02-20, a holiday: the next working day is Tue 02-24.
check "respond due moves past the holiday to 02-24" test "$(clock_of case 1 respond due)" = 2026-02-24
# 1 month after 02-13 is Fri 03-13, a working day.
check "reply due a month later, 03-13" test "$(clock_of case 1 reply due)" = 2026-03-13
# 7 working days after 02-13: 02-14 (make-up Sat), 02-24, 25, 26, 27, 02-28 (make-up Sat), 03-02.
check "return window ends 03-02" test "$(clock_of case 1 return due)" = 2026-03-02
check "show has the respond and reply dues" test "$(fields 1 respond_due reply_due)" = "2026-02-24|2026-03-13"
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
check "late: 02-25 is after 02-24" test "$(clock_of case 1 respond outcome)" = late
check "  stopped on 02-25" test "$(clock_of case 1 respond stopped)" = 2026-02-25
check "the response cancels the return window" test "$(clock_of case 1 return outcome)" = cancelled
at 2026-03-10T09:00:00+08:00
check "the unit replies" run 0 "$RENDA" case act 1 reply --text 路灯已于3月9日修复。
check "reply met" test "$(clock_of case 1 reply outcome)" = met
as_role admin
check "unsatisfied re-opens for re-handling" run 0 "$RENDA" case act 1 evaluate --eval unsatisfied
check "back to assigned, round 1" test "$(fields 1 state rounds)" = "assigned|1"
check "a new reply deadline a month on" test "$(clock_of case 1 rehandle due)" = 2026-04-10
check "  running, in round 1" test "$(clock_of case 1 rehandle outcome)/$(clock_of case 1 rehandle round)" = /1
check "  shown as the reply due" test "$(fields 1 reply_due)" = 2026-04-10
check "a bad evaluation is refused" run 1 "$RENDA" case act 1 evaluate --eval great
check "chase is recorded" run 0 "$RENDA" case act 1 chase --text 请尽快处理
check "the chase is an event" test "$("$RENDA" case history 1 | tsv_col - action | grep -c '^chase$')" = 1
check "the state did not move" test "$(state 1)" = assigned
check "second reply" run 0 "$RENDA" case act 1 reply --text 已全线更换灯具。
check "satisfied closes" run 0 "$RENDA" case act 1 evaluate --eval satisfied
check "closed" test "$(fields 1 state evaluation)" = "closed|satisfied"
check "no clock runs" test "$("$RENDA" case clocks 1 | awk -F '\t' 'NR > 1 && $5 == ""' | wc -l)" = 0
check "no action on a closed case" run 1 "$RENDA" case act 1 chase --text x
check "history lists every step" run 0 "$RENDA" case history 1
# receive, forward, assign, respond, reply, evaluate, chase, reply, evaluate
check "nine steps from receive to close" test "$(($(wc -l <"$T/out") - 1))" = 9
check "each step audited" run 0 "$RENDA" audit list --entity case --id 1
check "  nine audit rows, newest first" test "$(tsv_col "$T/out" action | tr '\n' ' ')" = \
	"evaluate reply chase evaluate reply respond assign forward add "

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
check "to the town office" test "$(fields 3 state level)" = "forwarded|town"
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
check "  the step said, and no state: the unit no longer sees the case" \
	sh -c 'grep -q "^4: " "$1" && ! grep -q "now" "$1"' - "$T/out"
check "the unit no longer sees it" run 1 "$RENDA" case show 4
as_role admin
check "back to the office, unassigned" test "$(fields 4 state lead_unit)" = "forwarded|"
check "its clocks are cancelled" test "$("$RENDA" case clocks 4 | tsv_col - outcome | tr '\n' ' ')" = "cancelled cancelled cancelled "
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
check "counted once" test "$(fields 1 likes comments)" = "1|1"

# Import: UTF-8 and GB18030, external_id makes re-import add nothing, bad rows name file:line.
cat >"$T/in.csv" <<CSV
submitted_at,deputy_code,channel,voter_name,voter_phone,town,category,title,content,external_id
2026-03-20T08:30:00+08:00,$zp,qr,李阿姨,13800002222,,生态环境,乍浦镇河道垃圾漂浮,河道里垃圾很多，气味难闻。,W-1001
2026-03-21T09:15:00+08:00,$xd,qr,赵先生,,新埭镇,城市建设,"新埭镇路面破损，需修补","路面坑洼,雨天积水",W-1002
CSV
iconv -f UTF-8 -t GB18030 "$T/in.csv" >"$T/in-gb.csv"
n0=$(cases)
check "import adds two" run 0 "$RENDA" case import "$T/in.csv"
check "two more cases" test "$(cases)" = $((n0 + 2))
check "re-import adds nothing" run 0 "$RENDA" case import "$T/in.csv"
check "the GB18030 twin adds nothing either" run 0 "$RENDA" case import "$T/in-gb.csv"
check "still two more" test "$(cases)" = $((n0 + 2))
check "the quoted title survives" test "$(fields $((n0 + 2)) external_id title)" = "W-1002|新埭镇路面破损，需修补"
printf 'submitted_at,deputy_code,channel,voter_name,voter_phone,town,category,title,content,external_id\n2026-03-22T08:00:00+08:00,%s,qr,,,,其他,好,好,W-2001\n2026-03-22T08:00:00+08:00,NOCODE,qr,,,,其他,坏,坏,W-2002\n' "$zp" >"$T/bad.csv"
check "a file with a bad row is refused" run 1 "$RENDA" case import "$T/bad.csv"
check "the row is named" contains "$T/err" "bad.csv:3:"
check "nothing of it was imported" test "$(cases)" = $((n0 + 2))
# A file holding a case twice adds it once: by its external_id, or without one by the same
# time, deputy and title (the rows are checked before the write lock, and again under it).
h=submitted_at,deputy_code,channel,voter_name,voter_phone,town,category,title,content,external_id
printf '%s\n' "$h" "2026-03-23T08:00:00+08:00,$zp,qr,,,,其他,桥栏杆松动,栏杆晃动,W-3001" \
	"2026-03-23T08:00:00+08:00,$zp,qr,,,,其他,桥栏杆松动,栏杆晃动,W-3001" \
	"2026-03-23T09:00:00+08:00,$zp,phone,,,,其他,路口缺少斑马线,过马路危险," \
	"2026-03-23T09:00:00+08:00,$zp,phone,,,,其他,路口缺少斑马线,过马路危险," >"$T/twice.csv"
check "a file with its cases twice is imported" run 0 "$RENDA" case import "$T/twice.csv"
check "  two added, two unchanged" contains "$T/out" "2 added, 0 changed, 2 unchanged"
check "  two more cases" test "$(cases)" = $((n0 + 4))
printf '%s\n' "$h" "2026-03-24T08:00:00+08:00,$zp,qr,,,,其他,井盖缺失,井盖丢了,W-3002" \
	"2026-03-24T08:00:00+08:00,$zp,qr,,,,其他,井盖缺失,另一件事,W-3002" >"$T/clash.csv"
check "one external_id for two cases in a file is refused" run 1 "$RENDA" case import "$T/clash.csv"
check "  naming the second row" contains "$T/err" "clash.csv:3:"
check "  nothing of it was imported" test "$(cases)" = $((n0 + 4))
# A case the file holds with its external_id, then without one (the same time, deputy and
# title): the second row is that case. Years interleaved: each case takes its year's
# next number, in the file's order.
y25=$(q "SELECT count(*) FROM vcase WHERE number LIKE '2025-%'")
y26=$(q "SELECT count(*) FROM vcase WHERE number LIKE '2026-%'")
printf '%s\n' "$h" "2025-11-02T08:00:00+08:00,$zp,qr,,,,其他,路灯闪烁,路灯一直闪,W-3101" \
	"2026-03-25T08:00:00+08:00,$zp,qr,,,,其他,垃圾桶破损,垃圾桶坏了,W-3102" \
	"2025-11-02T08:00:00+08:00,$zp,qr,,,,其他,路灯闪烁,路灯一直闪," \
	"2025-11-03T08:00:00+08:00,$zp,phone,,,,其他,树枝遮挡信号灯,树枝挡住了信号灯," \
	"2026-03-25T09:00:00+08:00,$zp,phone,,,,其他,公交站牌缺失,站牌不见了," >"$T/years.csv"
check "a file over two years is imported" run 0 "$RENDA" case import "$T/years.csv"
check "  four added, one unchanged" contains "$T/out" "4 added, 0 changed, 1 unchanged"
check "  the row without external_id is the case that has one" \
	test "$(q "SELECT count(*) FROM vcase WHERE title = '路灯闪烁'")" = 1
check "  2025's numbers follow 2025's last, in the file's order" \
	test "$(q "SELECT group_concat(number || ' ' || title, ',') FROM (SELECT number, title FROM vcase WHERE number LIKE '2025-%' ORDER BY number DESC LIMIT 2)")" = \
	"$(printf '2025-%06d 树枝遮挡信号灯,2025-%06d 路灯闪烁' $((y25 + 2)) $((y25 + 1)))"
check "  2026's likewise" \
	test "$(q "SELECT group_concat(number || ' ' || title, ',') FROM (SELECT number, title FROM vcase WHERE number LIKE '2026-%' ORDER BY number DESC LIMIT 2)")" = \
	"$(printf '2026-%06d 公交站牌缺失,2026-%06d 垃圾桶破损' $((y26 + 2)) $((y26 + 1)))"

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
"$RENDA" case add --deputy "$zp" --category 其他 --title 长内容 \
	--content '内容aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!' >/dev/null
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
