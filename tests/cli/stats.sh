#!/bin/sh
# Statistics and reports of voter issues: `renda stats cases --by ...` against figures
# worked out by hand from a small set of cases whose every step is known, and the
# workbook of `renda report cases` read back with openpyxl (Debian's python3).
. "$SRCDIR/tests/lib.sh"

at() { RENDA_NOW="$1T10:00:00+08:00"; export RENDA_NOW; }
act() { "$RENDA" case act "$@" >/dev/null 2>"$T/act-err" || { echo "# case act $*:"; diag <"$T/act-err"; not_ok "case act $*"; }; }
add() { "$RENDA" case add "$@" >/dev/null 2>"$T/add-err" || { echo "# case add $*:"; diag <"$T/add-err"; not_ok "case add $*"; }; }
# tsv FIELD...: one line of TSV.
tsv() {
	printf '%s' "$1"
	shift
	for f in "$@"; do printf '\t%s' "$f"; done
	printf '\n'
}
header() { tsv key name count share open closed closed_rate rejected overdue respond_due respond_on_time respond_rate reply_due reply_on_time reply_rate evaluated satisfied basic unsatisfied satisfaction satisfied_rate avg_reply_days; }
# Z: the figures of a row without cases (or of a case with no deadline and no evaluation).
Z="0	0		0	0		0	0	0	0			"
# same_file FILE EXPECTED-FILE
same_file() {
	if cmp -s "$1" "$2"; then return 0; fi
	echo "# $1 differs from $2:"
	diff "$2" "$1" | diag
	return 1
}

small_db
zp=$(deputy_code 沈建国)  # city deputy, 乍浦镇
zpt=$(deputy_code 顾秀英) # town deputy, 乍浦镇
xc=$(deputy_code 陆伟明)  # city deputy, 新埭镇
xd=$(deputy_code 钱佳怡)  # town deputy, 新埭镇
dh=$(deputy_code 施永忠)  # city deputy, 当湖街道
JS=平湖市住房和城乡建设局
SL=平湖市水利局
JY=平湖市教育局
ST=嘉兴市生态环境局平湖分局

# ---- the cases, step by step (ids in order of adding) -----------------------------
# 2025: #1 received; #2 the deputy's reply, satisfied.
at 2025-11-03; add --deputy "$zp" --category 城市建设 --title 旧年路灯 --content 旧年内容
at 2025-12-01; add --deputy "$xd" --category 农业农村 --title 旧年灌溉 --content 旧年内容
act 2 deputy-reply --text 已处理; act 2 evaluate --eval satisfied
# 2026, all deadlines on working days unless said:
# #3 C1 assigned Mon 01-05 (respond by 01-12, reply by 02-05); responds 01-08 (met), replies
#    01-20 (met, 15 days), satisfied.
at 2026-01-05
add --deputy "$zp" --category 城市建设 --title 乍浦镇中心路路灯不亮 --content 路灯坏了 \
	--voter-name 王大伯 --voter-phone 13900001111 --channel qr
act 3 forward; act 3 assign --unit $JS
# #4 C2 the deputy's own reply, basically satisfied: no clocks.
# #5 C3 assigned Tue 01-06 (respond by 01-13, reply by 02-06); responds 01-14 (late), replies
#    01-26 (met, 20 days), unsatisfied: re-handling due 02-26, still running on 03-02 (overdue).
at 2026-01-06
add --deputy "$xd" --category 农业农村 --title 新埭镇灌溉渠堵塞 --content 渠道堵塞
act 4 deputy-reply --text 已联系村委会; act 4 evaluate --eval basic
add --deputy "$zp" --category 城市建设 --title 乍浦镇河道护栏破损 --content 护栏破损 \
	--voter-name 李阿姨 --voter-phone 13900002222
act 5 forward; act 5 assign --unit $SL
at 2026-01-08; act 3 respond --text 已安排
# #6 C9 assigned to the wrong unit 01-12, returned 01-14 (its clocks cancelled), re-assigned
#    Thu 01-15 (respond by 01-22; reply by 02-15, a holiday, so 02-24); responds 01-16 (met),
#    replies 02-25 (late, 41 days), satisfied.
at 2026-01-12
add --deputy "$zp" --category 城市建设 --title 乍浦镇小区停车难 --content 停车难
act 6 forward; act 6 assign --unit $JY
at 2026-01-14
act 5 respond --text 已收到
as_role unit $JY; act 6 return --text 不属于本单位; as_role admin
at 2026-01-15; act 6 assign --unit $JS
at 2026-01-16; act 6 respond --text 已安排
at 2026-01-20; act 3 reply --text 已修复; act 3 evaluate --eval satisfied
at 2026-01-26; act 5 reply --text 已修复; act 5 evaluate --eval unsatisfied
# #7 C4 rejected. #8 C5 a town deputy's, assigned Mon 02-02 (respond by 02-09, reply by 03-02),
#    responds 02-12 (late); its reply is due today, not overdue.
at 2026-02-02
add --deputy "$dh" --category 社会事业 --title 当湖街道广场噪音 --content 噪音扰民
act 7 forward; act 7 reject --text 正在诉讼中
add --deputy "$zpt" --category 教科文卫 --title 乍浦镇小学门口拥堵 --content 上下学拥堵
act 8 forward; act 8 assign --unit $JY
# #9 C6 private, assigned Tue 02-03 (respond by 02-10): never responded, overdue.
at 2026-02-03
add --deputy "$xc" --category 生态环境 --title 新埭镇工厂废气 --content 私密的内容 \
	--voter-name 赵先生 --voter-phone 13900003333 --private
act 9 forward; act 9 assign --unit $ST
# #10 C7 at a liaison station of 乍浦镇, no deputy.
at 2026-02-04
add --station S-ZP-1 --category 其他 --title 乍浦镇联络站来访 --content 来访 --channel station
at 2026-02-12; act 8 respond --text 已收到
at 2026-02-25; act 6 reply --text 已解决; act 6 evaluate --eval satisfied
# #11 C8 received today.
RENDA_NOW=2026-03-02T09:00:00+08:00
export RENDA_NOW
add --deputy "$xd" --category 农业农村 --title 新埭镇农机补贴 --content 补贴

check "eleven cases" test "$("$RENDA" case list | nrows)" = 11
# The clock outcomes the figures below rest on, as renda case clocks lists them: every
# clock of every case as "case clock outcome days-from-start-to-stop".
for id in 1 2 3 4 5 6 7 8 9 10 11; do
	"$RENDA" case clocks $id | awk -F '\t' -v id=$id 'NR > 1 { print id, $1, $6, $3, $5 }'
done | while read -r id clock outcome started stopped; do
	days=
	[ -n "$stopped" ] && days=$((($(date -ud "$stopped" +%s) - $(date -ud "$started" +%s)) / 86400))
	echo "$id $clock ${outcome:--} $days"
done >"$T/clocks"
# stopped: CLOCK: the clocks of that name that stopped in time or late, as "case outcome[days]".
stopped() { awk -v c="$1" -v d="${2:-}" '$2 == c && ($3 == "met" || $3 == "late") { printf "%s%s%s ", $1, $3, d ? $4 : "" }' "$T/clocks"; }
check "respond clocks: met, late, met, late (C6's runs, C9's first cancelled)" \
	test "$(stopped respond)" = "3met 5late 6met 8late "
check "reply clocks: met, met, late, after 15, 20 and 41 days" \
	test "$(stopped reply days)" = "3met15 5met20 6late41 "
check "the re-handling clock of C3 is due 02-26 and runs" \
	test "$(clock_of case 5 rehandle due)$(clock_of case 5 rehandle outcome)" = 2026-02-26
check "C9's reply was due 02-24 (after Spring Festival)" \
	test "$(clock_of case 6 reply due) $(clock_of case 6 reply outcome)" = "2026-02-24 late"

# ---- statistics ------------------------------------------------------------------
# 2026: 9 cases; open C3 C5 C6 C7 C8, closed C1 C2 C9, rejected C4; overdue C3 C6.
# Deadlines that have come by 03-02 (answered, or past with no answer; C5's reply is due
# today and C6's on 03-03, so not yet; C9's first ones were cancelled by its return):
# respond C1 met, C3 late, C9 met, C5 late, C6 past: 2 of 5 on time (40.00; counting only
# the answered ones would say 2 of 4); reply C1 met, C3 met, C3's re-handling past, C9 late:
# 2 of 4. Evaluations sat, basic, unsat, sat: 3 of 4 satisfied or basic, 2 of 4 satisfied;
# days to reply (15 + 20 + 41) / 3 = 25.33; closed 3 of 9 = 33.33.
check "stats by category" run 0 "$RENDA" stats cases --by category --year 2026
{
	header
	tsv CJ 城市建设 3 33.33 1 2 66.67 0 1 3 2 66.67 4 2 50.00 3 2 0 1 66.67 66.67 25.33
	tsv NY 农业农村 2 22.22 1 1 50.00 0 0 0 0 '' 0 0 '' 1 0 1 0 100.00 0.00 ''
	tsv JKWW 教科文卫 1 11.11 1 0 0.00 0 0 1 0 0.00 0 0 '' 0 0 0 0 '' '' ''
	tsv ST 生态环境 1 11.11 1 0 0.00 0 1 1 0 0.00 0 0 '' 0 0 0 0 '' '' ''
	tsv SH 社会事业 1 11.11 0 0 0.00 1 0 0 0 '' 0 0 '' 0 0 0 0 '' '' ''
	tsv CJ2 财政经济 0 0.00 0 0 '' 0 0 "$Z"
	tsv MZ 民主法制 0 0.00 0 0 '' 0 0 "$Z"
	tsv QT 其他 1 11.11 1 0 0.00 0 0 "$Z"
	tsv '' Total 9 100.00 5 3 33.33 1 2 5 2 40.00 4 2 50.00 4 2 1 1 75.00 50.00 25.33
} >"$T/exp-category"
check "every figure by category" same_file "$T/out" "$T/exp-category"
cp "$T/out" "$T/cli-category.tsv"

check "the year defaults to this year" run 0 "$RENDA" stats cases --by category
check "  the same table" same_file "$T/out" "$T/exp-category"

check "stats by town" run 0 "$RENDA" stats cases --by town --year 2026
{
	header
	tsv DH 当湖街道 1 11.11 0 0 0.00 1 0 "$Z"
	tsv ZD 钟埭街道 0 0.00 0 0 '' 0 0 "$Z"
	tsv CQ 曹桥街道 0 0.00 0 0 '' 0 0 "$Z"
	tsv ZP 乍浦镇 5 55.56 3 2 40.00 0 1 4 2 50.00 4 2 50.00 3 2 0 1 66.67 66.67 25.33
	tsv XD 新埭镇 3 33.33 2 1 33.33 0 1 1 0 0.00 0 0 '' 1 0 1 0 100.00 0.00 ''
	tsv XC 新仓镇 0 0.00 0 0 '' 0 0 "$Z"
	tsv GC 广陈镇 0 0.00 0 0 '' 0 0 "$Z"
	tsv LD 林埭镇 0 0.00 0 0 '' 0 0 "$Z"
	tsv DSG 独山港镇 0 0.00 0 0 '' 0 0 "$Z"
	tsv '' Total 9 100.00 5 3 33.33 1 2 5 2 40.00 4 2 50.00 4 2 1 1 75.00 50.00 25.33
} >"$T/exp-town"
check "every figure by town (5/9 = 55.56, half-up)" same_file "$T/out" "$T/exp-town"
cp "$T/out" "$T/cli-town.tsv"

# Channels: C1 by QR code, C7 at a liaison station, the others by phone.
check "stats by channel" run 0 "$RENDA" stats cases --by channel --year 2026
{
	header
	tsv qr 'QR code' 1 11.11 0 1 100.00 0 0 1 1 100.00 1 1 100.00 1 1 0 0 100.00 100.00 15.00
	tsv phone phone 7 77.78 4 2 28.57 1 2 4 1 25.00 3 1 33.33 3 1 1 1 66.67 33.33 30.50
	tsv station 'at a liaison station' 1 11.11 1 0 0.00 0 0 "$Z"
	tsv other 'other channel' 0 0.00 0 0 '' 0 0 "$Z"
	tsv '' Total 9 100.00 5 3 33.33 1 2 5 2 40.00 4 2 50.00 4 2 1 1 75.00 50.00 25.33
} >"$T/exp-channel"
check "every channel, in its order" same_file "$T/out" "$T/exp-channel"

check "stats by status" run 0 "$RENDA" stats cases --by status --year 2026
{
	header
	tsv received received 2 22.22 2 0 0.00 0 0 "$Z"
	tsv deputy_replied 'replied by the deputy' 0 0.00 0 0 '' 0 0 "$Z"
	tsv forwarded 'forwarded for review' 0 0.00 0 0 '' 0 0 "$Z"
	tsv rejected rejected 1 11.11 0 0 0.00 1 0 "$Z"
	tsv assigned assigned 2 22.22 2 0 0.00 0 2 2 0 0.00 2 1 50.00 1 0 0 1 0.00 0.00 20.00
	tsv responded responded 1 11.11 1 0 0.00 0 0 1 0 0.00 0 0 '' 0 0 0 0 '' '' ''
	tsv replied replied 0 0.00 0 0 '' 0 0 "$Z"
	tsv closed closed 3 33.33 0 3 100.00 0 0 2 2 100.00 2 1 50.00 3 2 1 0 100.00 66.67 28.00
	tsv '' Total 9 100.00 5 3 33.33 1 2 5 2 40.00 4 2 50.00 4 2 1 1 75.00 50.00 25.33
} >"$T/exp-status"
check "every state, in the workflow's order" same_file "$T/out" "$T/exp-status"

check "stats by month" run 0 "$RENDA" stats cases --by month --year 2026
{
	header
	tsv 2026-01 2026-01 4 44.44 1 3 75.00 0 1 3 2 66.67 4 2 50.00 4 2 1 1 75.00 50.00 25.33
	tsv 2026-02 2026-02 4 44.44 3 0 0.00 1 1 2 0 0.00 0 0 '' 0 0 0 0 '' '' ''
	tsv 2026-03 2026-03 1 11.11 1 0 0.00 0 0 "$Z"
	tsv '' Total 9 100.00 5 3 33.33 1 2 5 2 40.00 4 2 50.00 4 2 1 1 75.00 50.00 25.33
} >"$T/exp-month"
check "the months up to this one" same_file "$T/out" "$T/exp-month"

check "stats by unit" run 0 "$RENDA" stats cases --by unit --year 2026
{
	header
	tsv D-JSJ $JS 2 22.22 0 2 100.00 0 0 2 2 100.00 2 1 50.00 2 2 0 0 100.00 100.00 28.00
	tsv D-JYJ $JY 1 11.11 1 0 0.00 0 0 1 0 0.00 0 0 '' 0 0 0 0 '' '' ''
	tsv D-SLJ $SL 1 11.11 1 0 0.00 0 1 1 0 0.00 2 1 50.00 1 0 0 1 0.00 0.00 20.00
	tsv D-STJ $ST 1 11.11 1 0 0.00 0 1 1 0 0.00 0 0 '' 0 0 0 0 '' '' ''
	tsv '' '(not assigned to a unit)' 4 44.44 2 1 25.00 1 0 0 0 '' 0 0 '' 1 0 1 0 100.00 0.00 ''
	tsv '' Total 9 100.00 5 3 33.33 1 2 5 2 40.00 4 2 50.00 4 2 1 1 75.00 50.00 25.33
} >"$T/exp-unit"
check "lead units, most cases first, the unassigned last" same_file "$T/out" "$T/exp-unit"
check "a unit whose one case is past its respond deadline, unanswered, has 0.00" test \
	"$(awk -F'\t' '$1 == "D-STJ" { print $12 }' "$T/out")" = 0.00

check "stats by deputy" run 0 "$RENDA" stats cases --by deputy --year 2026
{
	header
	tsv "$zp" 沈建国 3 33.33 1 2 66.67 0 1 3 2 66.67 4 2 50.00 3 2 0 1 66.67 66.67 25.33
	tsv "$xd" 钱佳怡 2 22.22 1 1 50.00 0 0 0 0 '' 0 0 '' 1 0 1 0 100.00 0.00 ''
	# Three deputies with one case each, by code.
	{
		tsv "$dh" 施永忠 1 11.11 0 0 0.00 1 0 "$Z"
		tsv "$zpt" 顾秀英 1 11.11 1 0 0.00 0 0 1 0 0.00 0 0 '' 0 0 0 0 '' '' ''
		tsv "$xc" 陆伟明 1 11.11 1 0 0.00 0 1 1 0 0.00 0 0 '' 0 0 0 0 '' '' ''
	} | LC_ALL=C sort
	tsv '' '(no deputy: a liaison station)' 1 11.11 1 0 0.00 0 0 "$Z"
	tsv '' Total 9 100.00 5 3 33.33 1 2 5 2 40.00 4 2 50.00 4 2 1 1 75.00 50.00 25.33
} >"$T/exp-deputy"
check "deputies, most cases first, the station's case last" same_file "$T/out" "$T/exp-deputy"

# An independent count: the cases of 2026 that renda case list lists, per category (in
# the order and with the codes of renda ref list category).
"$RENDA" case list --year 2026 | tsv_col - category >"$T/listed"
"$RENDA" ref list category | awk -F '\t' 'NR > 1 { print $2 "\t" $3 }' | while IFS="$(printf '\t')" read -r code name; do
	printf '%s\t%s\n' "$code" "$(grep -cxF "$name" "$T/listed")"
done >"$T/list-counts"
cut -f1,3 "$T/cli-category.tsv" | sed '1d;$d' >"$T/cli-counts"
check "the counts agree with those of case list" same_file "$T/cli-counts" "$T/list-counts"

check "another year" run 0 "$RENDA" stats cases --by month --year 2025
check "  lists its twelve months" test "$(sed '1d;$d' "$T/out" | wc -l)" = 12
check "  and its two cases" contains "$T/out" "$(tsv '' Total 2 100.00 1 1 50.00 0 0 0 0 '' 0 0 '' 1 1 0 0 100.00 100.00 '')"
check "a year without cases" run 0 "$RENDA" stats cases --by category --year 2020
check "  has zero rows and no rates" contains "$T/out" "$(tsv '' Total 0 '' 0 0 '' 0 0 "$Z")"

check "CSV" run 0 "$RENDA" stats cases --by category --year 2026 --format csv
check "  with a header" contains "$T/out" "key,name,count,share,open,closed"
check "  and the figures" contains "$T/out" "CJ,城市建设,3,33.33,1,2,66.67,0,1,3,2,66.67,4,2,50.00,3,2,0,1,66.67,66.67,25.33"
check "JSON" run 0 "$RENDA" stats cases --by category --year 2026 --format json
if [ -x /usr/bin/python3 ]; then
	check "  parses, rates as text, no rate as null" /usr/bin/python3 -c '
import json, sys
rows = json.load(open(sys.argv[1]))
assert rows[0]["key"] == "CJ" and rows[0]["respond_rate"] == "66.67", rows[0]
assert rows[1]["respond_rate"] is None, rows[1]
assert rows[-1]["name"] == "Total" and rows[-1]["count"] == "9", rows[-1]' "$T/out"
else
	skip "  parses" "no /usr/bin/python3"
fi

check "--by is required" run 2 "$RENDA" stats cases --year 2026
check "  naming the choices" contains "$T/err" "category|town|channel|deputy|unit|status|month"
check "an unknown breakdown is a usage error" run 2 "$RENDA" stats cases --by week
check "a bad year is a usage error" run 2 "$RENDA" stats cases --by town --year 26
check "an unknown town is named" run 1 "$RENDA" stats cases --by category --town 火星镇
check "  as the town" contains "$T/err" "火星镇"
check "--town keeps one town" run 0 "$RENDA" stats cases --by category --year 2026 --town 新埭镇
check "  its three cases" contains "$T/out" "$(tsv '' Total 3 100.00 2 1 33.33 0 1 1 0 0.00 0 0 '' 1 0 1 0 100.00 0.00 '')"
check "stats lists its commands" run 0 "$RENDA" stats --help
check "  cases among them" contains "$T/out" "stats cases"

# ---- rates that cannot flatter ---------------------------------------------------
# A unit with nine cases of December 2025: one responded and replied on time, eight never
# answered, two months past their deadlines by 2026-03-02. Counting only the answered
# deadlines would say 100.00; every deadline that has come counts: 1 of 9 = 11.11.
MZ=平湖市民政局
at 2025-12-01
for i in 1 2 3 4 5 6 7 8 9; do
	add --deputy "$zp" --category 社会事业 --title "民政事项$i" --content 内容
	n=$(q 'SELECT max(id) FROM vcase')
	act "$n" forward
	act "$n" assign --unit $MZ
done
first=$(q "SELECT min(id) FROM vcase WHERE title = '民政事项1'")
at 2025-12-02; act "$first" respond --text 已收到
at 2025-12-10; act "$first" reply --text 已办理
RENDA_NOW=2026-03-02T09:00:00+08:00
check "the nine cases' deadlines: 2 met, 16 past and running" test \
	"$(q "SELECT sum(outcome = 'met') || ' ' || sum(stopped IS NULL AND due < '2026-03-02') FROM wf_clock WHERE clock IN ('respond', 'reply') AND item_id IN (SELECT id FROM vcase WHERE title LIKE '民政事项%')")" = "2 16"
check "stats of 2025 by unit" run 0 "$RENDA" stats cases --by unit --year 2025
check "  1 of 9 responses on time: 11.11, beside its denominator" test \
	"$(awk -F'\t' '$1 == "D-MZJ" { print $10, $11, $12 }' "$T/out")" = "9 1 11.11"
check "  1 of 9 replies on time: 11.11" test \
	"$(awk -F'\t' '$1 == "D-MZJ" { print $13, $14, $15 }' "$T/out")" = "9 1 11.11"
check "  eight cases overdue" test "$(awk -F'\t' '$1 == "D-MZJ" { print $9 }' "$T/out")" = 8
at 2025-12-03
add --deputy "$zp" --category 社会事业 --title 民政事项十 --content 内容
n=$(q 'SELECT max(id) FROM vcase')
act "$n" forward
act "$n" assign --unit $JY
RENDA_NOW=2026-03-02T09:00:00+08:00
check "a unit whose cases are all overdue and unanswered" run 0 "$RENDA" stats cases --by unit --year 2025
check "  has 0.00, not a blank" test "$(awk -F'\t' '$1 == "D-JYJ" { print $12, $15 }' "$T/out")" = "0.00 0.00"
check "a deadline not yet come is left out" run 0 "$RENDA" stats cases --by unit --year 2026
check "  (教育局's C5: its reply is due today)" test "$(awk -F'\t' '$1 == "D-JYJ" { print $13, $15 }' "$T/out")" = "0 "
for by in category town channel deputy unit status month; do
	"$RENDA" stats cases --by $by --year 2026 >"$T/cli-$by.tsv"
done

# ---- scope -----------------------------------------------------------------------
as_role town-clerk 新埭镇
check "a town clerk's statistics" run 0 "$RENDA" stats cases --by town --year 2026
{
	header
	tsv XD 新埭镇 3 100.00 2 1 33.33 0 1 1 0 0.00 0 0 '' 1 0 1 0 100.00 0.00 ''
	tsv '' Total 3 100.00 2 1 33.33 0 1 1 0 0.00 0 0 '' 1 0 1 0 100.00 0.00 ''
} >"$T/exp-clerk"
check "  hold only the town's cases" same_file "$T/out" "$T/exp-clerk"
check "  by deputy too" run 0 "$RENDA" stats cases --by deputy --year 2026
check "  no other town's deputy" lacks "$T/out" "沈建国"
check "another town is refused" run 1 "$RENDA" stats cases --by category --town 乍浦镇
check "  saying why" contains "$T/err" "town clerk"
as_role unit $JS
check "a unit's statistics" run 0 "$RENDA" stats cases --by unit --year 2026
check "  hold the unit's two cases" contains "$T/out" "$(tsv '' Total 2 100.00 0 2 100.00 0 0 2 2 100.00 2 1 50.00 2 2 0 0 100.00 100.00 28.00)"
as_role admin

# ---- the workbook ----------------------------------------------------------------
PY=/usr/bin/python3
if ! $PY -c 'import openpyxl' 2>/dev/null; then
	skip "workbooks" "Debian's python3-openpyxl is not installed"
	done_testing
	exit $?
fi
for by in category town channel deputy unit status month; do
	"$RENDA" stats cases --by $by --year 2026 >"$T/cli-$by.tsv"
done
# check.py BOOK TSV-DIR CASES [public] [zh]: the sheets against the CLI's figures, the print
# setup of every sheet, dates as date cells, no internal code in a Chinese workbook.
cat >"$T/check.py" <<'EOF'
import datetime, re, sys, unicodedata, zipfile
import openpyxl

book, tsvdir, ncases = sys.argv[1], sys.argv[2], int(sys.argv[3])
flags = sys.argv[4:]
zh = "zh" in flags
names = (["概况", "分类", "镇（街道）", "反映渠道", "代表", "承办单位", "状态", "月份", "民情事项明细", "说明"] if zh else
         ["Summary", "Category", "Town", "Channel", "Deputy", "Handling unit", "Status", "Month", "Case detail", "About"])
bys = ["category", "town", "channel", "deputy", "unit", "status", "month"]
wb = openpyxl.load_workbook(book)
assert wb.sheetnames == names, wb.sheetnames

def text(v, kind):
    if v is None:
        return ""
    if kind == "pct":
        return "%.2f" % round(v * 100, 2)
    if kind == "days":
        return "%.2f" % v
    return str(v)

def dwidth(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in str(s or ""))

# Every sheet prints on A4, fit to one page wide, with the title in the footer.
for ws in wb.worksheets:
    ps = ws.page_setup
    assert str(ps.paperSize) == "9", (ws.title, ps.paperSize)
    foot = ws.oddFooter.right.text or ""
    assert "&P" in foot and "&N" in foot, (ws.title, foot)
    assert ws.oddFooter.left.text, ws.title
    if ws.title != names[0]:
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert str(ps.fitToWidth) in ("1", "None") and str(ps.fitToHeight) == "0", (ws.title, ps.fitToWidth, ps.fitToHeight)
    if zh:
        assert "第 &P 页 共 &N 页" in foot, foot

kinds = ["text", "text", "n", "pct", "n", "n", "pct", "n", "n", "n", "n", "pct", "n", "n", "pct",
         "n", "n", "n", "n", "pct", "pct", "days"]
for by, name in zip(bys, names[1:8]):
    ws = wb[name]
    assert ws.freeze_panes == "C3", (name, ws.freeze_panes)
    assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A2:V"), (name, ws.auto_filter.ref)
    # A title row on every sheet, repeated with the header on every printed page.
    assert ws.cell(1, 1).value, name
    assert ws.print_title_rows == "$1:$2", (name, ws.print_title_rows)
    assert ws.page_setup.orientation == "landscape", (name, ws.page_setup.orientation)
    rows = list(ws.iter_rows(min_row=3, values_only=True))
    got = ["\t".join(text(v, k) for v, k in zip(r, kinds)) for r in rows]
    if zh:
        continue  # names of states and totals are translated; the figures are checked in English
    want = open("%s/cli-%s.tsv" % (tsvdir, by), encoding="utf-8").read().splitlines()[1:]
    if by in ("status", "channel"):
        # Keys that are words of the program (states, channels) are left out of a workbook.
        want = ["\t".join([""] + w.split("\t")[1:]) for w in want]
    assert got == want, (name, got, want)
    # Percentages carry a percentage format; widths follow the display width.
    assert rows and ws.cell(3, 4).number_format == "0.00%", ws.cell(3, 4).number_format
    # The name column is as wide as its widest name in display columns (a Chinese
    # character counts two), plus a margin, up to 30.
    widest = max(dwidth(r[1]) for r in rows + [("", ws.cell(2, 2).value)])
    w = ws.column_dimensions["B"].width
    assert min(widest, 30) + 2 <= w <= min(widest, 30) + 3, (name, widest, w)

ws = wb[names[8]]
assert ws.freeze_panes == "B3", ws.freeze_panes
assert ws.auto_filter.ref == "A2:X%d" % (ncases + 2), ws.auto_filter.ref
assert ws.print_title_rows == "$1:$2", ws.print_title_rows
rows = list(ws.iter_rows(min_row=3, values_only=True))
assert len(rows) == ncases, (len(rows), ncases)
numbers = [r[0] for r in rows]
assert numbers == sorted(numbers) and len(set(numbers)) == ncases, numbers
open(tsvdir + "/detail-numbers", "w").write("\n".join(numbers) + "\n")
open(tsvdir + "/detail-towns", "w", encoding="utf-8").write("\n".join(sorted(set(r[3] for r in rows))) + "\n")
# A title of n Chinese characters needs 2n columns (plus a margin), not n or 3n.
widest = max((r[9] for r in rows), key=len)
assert 2 * len(widest) + 2 <= ws.column_dimensions["J"].width <= 2 * len(widest) + 3, (widest, ws.column_dimensions["J"].width)
# Submitted, respond by, reply by and closed on are date cells with a date format.
for r in range(3, ncases + 3):
    c = ws.cell(r, 2)
    assert isinstance(c.value, datetime.datetime) and "yy" in c.number_format, (c.value, c.number_format)
    for col in (16, 18, 24):
        c = ws.cell(r, col)
        assert c.value is None or isinstance(c.value, datetime.datetime), (r, col, c.value)
dues = [ws.cell(r, 16).value for r in range(3, ncases + 3) if ws.cell(r, 16).value]
assert dues and all(d.year == 2026 for d in dues), dues
if zh:
    assert "年" in ws.cell(3, 2).number_format, ws.cell(3, 2).number_format

about = [r for r in wb[names[9]].iter_rows(values_only=True)]
flat = " ".join(str(v) for r in about for v in r if v is not None)
assert "2026" in flat and str(ncases) in flat, flat
assert ("half-up" in flat or "四舍五入" in flat), flat
# Each rate's definition: a deadline past with no answer counts against the rate.
assert ("no response counts against the rate" in flat or "未回应" in flat), flat

# The cover: the period as dates, the day the figures stand at; no login, no ISO time.
summary = [c for r in wb[names[0]].iter_rows(max_row=8, values_only=True) for c in r if c]
cover = " ".join(str(c) for c in summary)
if zh:
    assert "2026年1月1日至2026年3月2日" in cover, cover
    assert "截至2026年3月2日" in cover, cover
else:
    assert "2026-01-01 to 2026-03-02" in cover, cover
assert "T09:00" not in cover and "+08:00" not in cover, cover
import getpass
assert getpass.getuser() not in cover, cover

z = zipfile.ZipFile(book)
charts = [n for n in z.namelist() if re.match(r"xl/charts/chart\d+\.xml$", n)]
assert len(charts) >= 1, z.namelist()
rels = z.read("xl/worksheets/_rels/sheet1.xml.rels").decode()
assert "drawing" in rels, rels
titles = []
for c in charts:
    x = z.read(c).decode()
    assert "<c:strRef>" in x, c  # category names are text
    assert '<c:min val="0"/>' in x, c  # the value axis starts at 0
    titles.append(re.findall(r"<a:t>([^<]*)</a:t>", x)[0])
assert len(titles) == len(set(titles)), titles  # no two charts share a title
allxml = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml") and "/charts/" not in n)
if zh:
    # No internal code where a Chinese reader looks: states, channels, levels, evaluations.
    for code in ["deputy_replied", ">received<", ">assigned<", ">closed<", ">qr<", ">phone<",
                 ">station<", ">satisfied<", ">basic<", ">city<", ">town<", ">Total<",
                 ">responded<", ">rejected<", ">other<"]:
        assert code not in allxml, code
if "public" in flags:
    for secret in ["13900001111", "13900002222", "13900003333", "王大伯", "李阿姨", "赵先生", "私密的内容"]:
        assert secret not in allxml, secret
else:
    # The internal edition has the phones, so the check above means something.
    assert any(p in allxml for p in ["13900001111", "13900003333"])
EOF
check "a report" run 0 "$RENDA" report cases --year 2026 --out "$T/r.xlsx"
check "  says how many cases" contains "$T/out" "9 cases"
check "  opens in openpyxl with the figures the CLI prints" $PY "$T/check.py" "$T/r.xlsx" "$T" 9
"$RENDA" case list --year 2026 | tsv_col - number | sort >"$T/list-numbers"
check "  a detail row for every case of the year" same_file "$T/detail-numbers" "$T/list-numbers"
check "an existing file is refused" run 1 "$RENDA" report cases --year 2026 --out "$T/r.xlsx"
check "  naming it" contains "$T/err" "$T/r.xlsx"
check "  and --force" contains "$T/err" "--force"
check "--force replaces it" run 0 "$RENDA" report cases --year 2026 --out "$T/r.xlsx" --force
# Confined to one processor (taskset), renda writes the workbook without its second
# thread (the detail's rows formatted as they are read, util/cpus.c): the same cells.
if taskset -c 0 true 2>/dev/null; then
	check "a report on one processor" run 0 taskset -c 0 "$RENDA" report cases --year 2026 \
		--out "$T/one.xlsx"
	check "  the same, cell for cell, on every sheet" $PY -c '
import sys, openpyxl
a, b = (openpyxl.load_workbook(f) for f in sys.argv[1:3])
assert a.sheetnames == b.sheetnames, (a.sheetnames, b.sheetnames)
n = 0
for name in a.sheetnames:
    ra = list(a[name].iter_rows(values_only=True))
    assert ra == list(b[name].iter_rows(values_only=True)), name
    n += sum(1 for r in ra for v in r if v is not None)
assert n > 100, n
' "$T/r.xlsx" "$T/one.xlsx"
else
	skip "a report on one processor" "taskset cannot set this process's processors"
	skip "  the same, cell for cell, on every sheet" "taskset cannot set this process's processors"
fi
check "no temporary file is left" test "$(ls -A "$T" | grep -c 'tmp-')" = 0
check "--out is required" run 2 "$RENDA" report cases --year 2026
check "a directory that does not exist fails cleanly" run 1 "$RENDA" report cases --out "$T/nodir/r.xlsx"

check "a public report" run 0 "$RENDA" report cases --year 2026 --public --out "$T/p.xlsx"
check "  has no voter's name or phone, nor a private case's content" $PY "$T/check.py" "$T/p.xlsx" "$T" 9 public
as_role viewer
check "a viewer's report" run 0 "$RENDA" report cases --year 2026 --out "$T/v.xlsx"
check "  is masked too" $PY "$T/check.py" "$T/v.xlsx" "$T" 9 public
as_role admin

check "a report in Chinese" run 0 env LANGUAGE=zh_CN "$RENDA" report cases --year 2026 --out "$T/zh.xlsx"
check "  has Chinese sheet names and headers" $PY "$T/check.py" "$T/zh.xlsx" "$T" 9 zh
check "  says how many cases in Chinese" run 0 env LANGUAGE=zh_CN "$RENDA" stats cases --by status --year 2026
check "  and the states in Chinese" contains "$T/out" "合计"

# The same period of the previous year beside this one: on 2 December 2026, the cases of 2025
# submitted by 2 December 2025 (eleven of them: the one of 3 December is after), counted as
# renda stats counts them: one closed, the nine of December with one response of nine on time.
check "a report on 2 December" run 0 env RENDA_NOW=2026-12-02T10:00:00+08:00 "$RENDA" report cases --year 2026 --out "$T/d.xlsx"
check "  2025 had 12 cases in all" test "$("$RENDA" stats cases --by category --year 2025 | awk -F'\t' '$2 == "Total" { print $3 }')" = 12
check "  11 of them by 2 December" test "$(q "SELECT count(*) FROM vcase WHERE submitted_at >= '2025' AND submitted_at < '2025-12-02Z'")" = 11
cat >"$T/prev.py" <<'EOF'
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["Summary"]
rows = list(ws.iter_rows(max_col=3, values_only=True))
head = [r for r in rows if r[0] == "Figure"][0]
assert head[1:] == ("This period", "Same period of 2025"), head
fig = {r[0]: r[1:] for r in rows if r[0]}
assert fig["Cases"] == (9, 11), fig["Cases"]
assert fig["Closed cases"][1] == 1 and fig["Overdue cases"][1] == 8, fig
assert fig["On-time response rate"] == (0.4, 0.1111), fig["On-time response rate"]
EOF
check "  the summary puts them beside this year's" run 0 /usr/bin/python3 "$T/prev.py" "$T/d.xlsx"
# The same on one processor: the previous period counted on the detail's own connection
# first, not on a second thread's.
if taskset -c 0 true 2>/dev/null; then
	check "the report on 2 December on one processor" run 0 env \
		RENDA_NOW=2026-12-02T10:00:00+08:00 taskset -c 0 "$RENDA" report cases --year 2026 \
		--out "$T/d1.xlsx"
	check "  the same figures beside this year's" run 0 /usr/bin/python3 "$T/prev.py" \
		"$T/d1.xlsx"
else
	skip "the report on 2 December on one processor" "taskset cannot set this process's processors"
	skip "  the same figures beside this year's" "taskset cannot set this process's processors"
fi

as_role town-clerk 新埭镇
for by in category town channel deputy unit status month; do
	"$RENDA" stats cases --by $by --year 2026 >"$T/cli-$by.tsv"
done
check "a town clerk's report" run 0 "$RENDA" report cases --year 2026 --out "$T/t.xlsx"
check "  holds the town's three cases, as the CLI counts them" $PY "$T/check.py" "$T/t.xlsx" "$T" 3
check "  all of 新埭镇" test "$(cat "$T/detail-towns")" = 新埭镇
check "  no chart of a single town's bar, the category chart kept" /usr/bin/python3 -c '
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
titles = [re.findall(r"<a:t>([^<]*)</a:t>", z.read(n).decode())[0]
          for n in z.namelist() if re.match(r"xl/charts/chart\d+\.xml$", n)]
assert not any("by town" in t for t in titles), titles
assert any("by category" in t for t in titles), titles
' "$T/t.xlsx"
as_role admin

done_testing
