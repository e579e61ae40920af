#!/bin/sh
# Deputies' activities (履职活动): planning and its checks, sign-up (点单) within who the
# activity is for and its places, answers, withdrawal, the attendance (出席 / 请假 / 缺席,
# all or none), the record that must be complete, amendments kept as history, cancelling,
# the lists (a deputy's, what a deputy may still sign up for), a deputy who took office
# mid-year, the statistics against the lists, the words of zh_CN, and the scope of a town
# clerk, a viewer and a unit operator for every activity command.
. "$SRCDIR/tests/lib.sh"

A() { "$RENDA" activity "$@"; }
fields() { show_fields activity "$@"; }
code() { deputy_code "$1"; }
at() { RENDA_NOW="$1"; export RENDA_NOW; }
# added: the id that `activity add` printed ("added activity N (NUMBER)").
added() { sed -n 's/^added activity \([0-9]*\) .*/\1/p' "$T/out"; }
# roll REF: "code status reason" of the attendance, one deputy a line, sorted.
roll() { A roll "$1" | awk -F '\t' 'NR > 1 { print $2, $3, $4 }' | LC_ALL=C sort; }
signups() { A signups "$1" | awk -F '\t' 'NR > 1 { print $2, $3 }' | LC_ALL=C sort; }

small_db
"$RENDA" deputy add --name 朱立新 --resident_id "$(fix_id 33048219720301001)" --level city \
	--town 乍浦镇 --group 乍浦镇第一代表小组 >/dev/null || { echo "Bail out! deputy add"; exit 1; }
shen=$(code 沈建国) gu=$(code 顾秀英) lu=$(code 陆伟明) qian=$(code 钱佳怡) shi=$(code 施永忠)
zhu=$(code 朱立新)
[ -n "$shen" ] && [ -n "$zhu" ] || { echo "Bail out! no deputies"; exit 1; }

at 2026-03-02T09:00:00+08:00
# ---- planning --------------------------------------------------------------------------
check "an inspection is planned" run 0 A add --kind inspection --title 视察乍浦港区建设 \
	--starts "2026-03-02 08:30" --place 乍浦港区 --capacity 3
X=$(added)
check "with its number of the year" contains "$T/out" "(HD2026-001)"
check "planned, for every deputy, three places, by the city's office" test \
	"$(fields "$X" state who capacity level organiser)" = "planned|every deputy|3|city|代表与选举任免工作委员会（代选工委）"
check "found by its number too" test "$(fields HD2026-001 id)" = "$X"
check "an unknown kind is refused" run 1 A add --kind party --title 联欢 --starts 2026-03-10 --place 礼堂
check "  naming kind" contains "$T/err" "kind"
check "a start that is no day is refused" run 1 A add --kind research --title 调研 --starts 2026-02-30 --place 某地
check "  naming starts" contains "$T/err" "starts"
check "an end before the start is refused" run 1 A add --kind research --title 调研 \
	--starts "2026-03-10 14:00" --ends "2026-03-10 09:00" --place 某地
check "a place is required" run 1 A add --kind research --title 调研 --starts 2026-03-10 --place ""
check "a town's activity is for its own town's deputies" run 1 A add --kind group --title 小组活动 \
	--starts 2026-03-10 --place 联络站 --town 乍浦镇 --for-town 新埭镇
check "a group of another town is refused" run 1 A add --kind group --title 小组活动 \
	--starts 2026-03-10 --place 联络站 --town 新埭镇 --for-group 乍浦镇第一代表小组
check "nothing else was planned" test "$(A list | nrows)" = 1

# ---- sign-up, places, answers ------------------------------------------------------------
check "no sign-up before it opens" run 1 A sign-up "$X" --deputy "$shen"
check "it opens for sign-up" run 0 A act "$X" open
check "  now open for sign-up" test "$(fields "$X" state)" = signup
check "it is open to 沈建国" run 0 A list --open-for "$shen"
check "  listed" test "$(tsv_col "$T/out" number)" = HD2026-001
check "  and among those still to be held that are open for sign-up" run 0 A list --status signup --upcoming
check "    (its day is today)" test "$(tsv_col "$T/out" number)" = HD2026-001
# The next day its day is past: open for sign-up still (its clerk has not closed it), but
# no longer what a deputy may sign up for now.
at 2026-03-03T09:00:00+08:00
check "the day after, it is not open to 沈建国" run 0 A list --open-for "$shen"
check "  not listed" test "$(nrows "$T/out")" = 0
check "  nor among those still to be held" run 0 A list --status signup --upcoming
check "    not listed" test "$(nrows "$T/out")" = 0
check "  though still open for sign-up" run 0 A list --status signup
check "    listed" test "$(tsv_col "$T/out" number)" = HD2026-001
at 2026-03-02T09:00:00+08:00
check "four deputies sign up" run 0 A sign-up "$X" --deputy "$shen" --deputy "$gu" --deputy "$lu" --deputy "$shi"
check "  all waiting for an answer" test "$(signups "$X")" = "$(printf '%s requested\n' "$shen" "$gu" "$lu" "$shi" | LC_ALL=C sort)"
check "no longer open to 沈建国 (signed up)" run 0 A list --open-for "$shen"
check "  not listed" test "$(nrows "$T/out")" = 0
check "a deputy does not sign up twice" run 1 A sign-up "$X" --deputy "$shen"
check "  saying so" contains "$T/err" "signed up already"
check "one step for each deputy named once" run 1 A sign-up "$X" --deputy "$qian" --deputy "$qian"
check "three are confirmed" run 0 A confirm "$X" --deputy "$shen" --deputy "$gu" --deputy "$lu"
check "the fourth is over the three places" run 1 A confirm "$X" --deputy "$shi"
check "  saying it is full" contains "$T/err" "full"
check "and so is a new sign-up" run 1 A sign-up "$X" --deputy "$qian"
check "the fourth is declined" run 0 A confirm "$X" --deputy "$shi" --decline
check "the answers stored" test "$(signups "$X")" = "$(printf '%s\n' "$shen confirmed" "$gu confirmed" "$lu confirmed" "$shi declined" | LC_ALL=C sort)"
check "顾秀英 withdraws" run 0 A act "$X" withdraw-signup --deputy "$gu"
check "  her place is free: 钱佳怡 signs up" run 0 A sign-up "$X" --deputy "$qian"
check "  and is confirmed" run 0 A confirm "$X" --deputy "$qian"
check "who has not signed up cannot withdraw" run 1 A act "$X" withdraw-signup --deputy "$zhu"
check "the sign-up closes" run 0 A act "$X" close-signup
check "  no sign-up after" run 1 A sign-up "$X" --deputy "$zhu"

# ---- attendance ---------------------------------------------------------------------
check "the record is not complete before every confirmed deputy is in it" run 1 A act "$X" record
check "  naming who is missing" contains "$T/err" "沈建国"
check "a leave needs its reason (usage)" run 2 A attendance "$X" --leave "$lu"
check "a deputy not confirmed is refused: nothing is recorded" run 1 A attendance "$X" \
	--present "$shen" --absent "$shi"
check "  (all or none)" test "$(roll "$X")" = ""
check "the attendance in one go" run 0 A attendance "$X" --present "$shen" --leave "$lu" \
	--reason 外出学习 --absent "$qian" --done
check "  says the counts" contains "$T/out" "1 present, 1 on leave, 1 absent of 3 confirmed"
check "  complete: attendance recorded" test "$(fields "$X" state present leave absent)" = "recorded|1|1|1"
check "  the roll" test "$(roll "$X")" = "$(printf '%s\n' "$shen present " "$lu leave 外出学习" "$qian absent " | LC_ALL=C sort)"
check "the history has each step" test "$(A history "$X" | tsv_col - action | tr '\n' ' ')" = \
	"plan open sign-up confirm confirm withdraw-signup sign-up confirm close-signup present leave absent record "
check "an amendment before archiving: 钱佳怡 was on leave" run 0 A act "$X" leave --deputy "$qian" --text 事先已请假
check "  the roll says so" test "$(roll "$X" | grep "^$qian ")" = "$qian leave 事先已请假"
A roll "$X" >"$T/roll"
check "  and that it was corrected once" test "$(awk -F '\t' -v c="$qian" '$2 == c { print $7 }' "$T/roll")" = 1
check "the same mark twice is refused" run 1 A act "$X" present --deputy "$shen"
check "it is archived" run 0 A act "$X" archive
check "no amendment after" run 1 A act "$X" absent --deputy "$shen"

# An activity still to come: attendance only once it was held.
check "a research visit next week" run 0 A add --kind research --title 调研营商环境 --starts 2026-03-09 --place 发改局
Y=$(added)
A act "$Y" open >/dev/null && A sign-up "$Y" --deputy "$shen" >/dev/null &&
	A confirm "$Y" --deputy "$shen" >/dev/null && A act "$Y" close-signup >/dev/null
check "attendance before it is held is refused" run 1 A attendance "$Y" --present "$shen"
check "  saying when it is" contains "$T/err" "2026-03-09"
check "it is cancelled, with the reason" run 0 A act "$Y" cancel --text 因故取消
check "  cancelled" test "$(fields "$Y" state)" = cancelled

# ---- who an activity is for -----------------------------------------------------------
check "a group activity of 乍浦镇" run 0 A add --kind group --title 第一代表小组活动 \
	--starts 2026-02-20 --place 乍浦镇联络站 --town 乍浦镇 --for-group 乍浦镇第一代表小组
G=$(added)
check "  for the group" test "$(fields "$G" who)" = "deputies, 乍浦镇第一代表小组"
A act "$G" open >/dev/null
check "a deputy of the group signs up" run 0 A sign-up "$G" --deputy "$zhu"
check "one of the town not in the group is refused" run 1 A sign-up "$G" --deputy "$shen"
check "  saying the group" contains "$T/err" "deputy group"
check "one of another town is refused" run 1 A sign-up "$G" --deputy "$lu"
check "  saying the town" contains "$T/err" "activity's town"
check "a city-level training" run 0 A add --kind training --title 履职培训 --starts 2026-02-25 \
	--place 党校 --for-level city
T2=$(added)
A act "$T2" open >/dev/null
check "a town deputy is refused" run 1 A sign-up "$T2" --deputy "$gu"
check "  saying the level" contains "$T/err" "city-level"
# 朱立新 took office in a by-election on 2026-02-22: not at an activity before.
check "朱立新 joined on 2026-02-22" run 0 "$RENDA" deputy edit "$zhu" --joined_date 2026-02-22
check "  shown on the roster" test "$(show_fields deputy "$zhu" joined_date)" = 2026-02-22
check "he is refused for the group activity of 02-20" run 1 A sign-up "$G" --deputy "$zhu"
check "  saying when he took office" contains "$T/err" "2026-02-22"
check "a joined day before the term is refused" run 1 "$RENDA" deputy edit "$shen" --term C17 --joined_date 2020-01-01
check "he signs up for the training of 02-25" run 0 A sign-up "$T2" --deputy "$zhu"

# ---- lists and a deputy's activities ----------------------------------------------------
check "沈建国's activities" run 0 A list --deputy "$shen"
check "  the three he signed up for, latest first" test "$(tsv_col "$T/out" id | tr '\n' ' ')" = "$Y $X "
check "the activities of 2026 not yet recorded" run 0 A list --year 2026 --status open
check "  the group activity and the training" test "$(tsv_col "$T/out" id | LC_ALL=C sort | tr '\n' ' ')" = \
	"$(printf '%s\n' "$G" "$T2" | LC_ALL=C sort | tr '\n' ' ')"
check "the town's activities" run 0 A list --town 乍浦镇
check "  one" test "$(tsv_col "$T/out" id)" = "$G"
check "the city's" run 0 A list --town city
check "  three" test "$(nrows "$T/out")" = 3
check "a search in titles" run 0 A list --search 营商
check "  finds the research" test "$(tsv_col "$T/out" id)" = "$Y"
check "an unknown state" run 1 A list --status done

# ---- statistics --------------------------------------------------------------------
check "statistics by kind" run 0 "$RENDA" stats activities --by kind --year 2026
cp "$T/out" "$T/stats"
stat() { awk -F '\t' -v k="$1" -v c="$2" 'NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
	$1 == k { print $h[c] }' "$T/stats"; }
check "  the inspection held, its sign-ups and its attendance" test \
	"$(stat inspection held)|$(stat inspection signups)|$(stat inspection present)|$(stat inspection leave)|$(stat inspection absent)" = "1|5|1|2|0"
check "  the rate of one present of three" test "$(stat inspection attendance_rate)" = 33.33
check "  the cancelled research is not counted as an activity" test "$(stat research activities)|$(stat research cancelled)" = "0|1"
check "  the total of every kind" test "$(stat '' activities)" = 3

# ---- the words of a Chinese clerk --------------------------------------------------------
check "zh_CN: the history says the steps in words" run 0 env LANGUAGE=zh_CN LC_ALL=C.UTF-8 "$RENDA" activity history "$X"
check "  报名, 出席, 请假, 缺席, 完成出勤登记" sh -c "grep -q 报名 '$T/out' && grep -q 出席 '$T/out' && grep -q 请假 '$T/out' && grep -q 缺席 '$T/out' && grep -q 完成出勤登记 '$T/out'"
check "  the states too" contains "$T/out" "报名已截止"
check "  a reason after the names, joined as Chinese writes it" contains "$T/out" "钱佳怡：事先已请假"
A history "$X" >"$T/hist"
check "  and as English does, for an English reader" contains "$T/hist" "钱佳怡: 事先已请假"
check "  the database keeps it in neither language" test \
	"$(q "SELECT count(*) FROM wf_event WHERE workflow = 'activity' AND text LIKE '%事先已请假%'")|$(q "SELECT count(*) FROM wf_event WHERE workflow = 'activity' AND (text LIKE '%钱佳怡: 事先已请假%' OR text LIKE '%钱佳怡：事先已请假%')")" = "1|0"

# ---- scope --------------------------------------------------------------------------
as_role town-clerk 新埭镇
check "a town clerk plans the town's activity" run 0 A add --kind reception --title 进站接待选民 \
	--starts 2026-02-27 --place 新埭镇代表联络站
R=$(added)
check "  of the town, whatever was asked" test "$(fields "$R" town level)" = "新埭镇|town"
check "  not for another town" run 1 A add --kind reception --title 进站 --starts 2026-02-27 --place 站 --town 乍浦镇
check "the town clerk lists only the town's activity" run 0 A list
check "  one row" test "$(tsv_col "$T/out" id)" = "$R"
check "  and sees no other" run 1 A show "$X"
check "  its history neither" run 1 A history "$X"
check "  nor its roll" run 1 A roll "$X"
check "  nor acts on it" run 1 A act "$G" cancel --text 越权
check "  nor signs deputies up to it" run 1 A sign-up "$G" --deputy "$lu"
check "  nor records its attendance" run 1 A attendance "$X" --present "$shen"
A act "$R" open >/dev/null
check "a deputy of the town signs up" run 0 A sign-up "$R" --deputy "$lu"
check "one of another town does not" run 1 A sign-up "$R" --deputy "$shen"
check "  named by the code given, not by name" lacks "$T/err" 沈建国
as_role viewer
check "a viewer reads every activity" run 0 A list
check "  all of them" test "$(nrows "$T/out")" = 5
check "  and a page" run 0 A show "$X"
check "  but plans none" run 1 A add --kind research --title 调研 --starts 2026-03-10 --place 某地
check "  and takes no step" run 1 A act "$R" close-signup
as_role unit 平湖市住房和城乡建设局
check "a unit operator sees no activity" run 0 A list
check "  none" test "$(nrows "$T/out")" = 0
check "  nor one page" run 1 A show "$R"
as_role admin
check "the audit trail verifies" run 0 "$RENDA" audit verify
done_testing
