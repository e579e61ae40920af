#!/bin/sh
# One time zone (issue 11, item 4): [site] timezone, default Asia/Shanghai, dates
# every stored time, every deadline and every shown time, whatever the host's TZ.
# The expected values are counted by hand: Beijing is UTC+8 with no summer time,
# so 2026-03-01T23:30Z is Monday 2026-03-02 07:30 in Beijing (and Sunday 18:30 in
# New York, where a host on local time would date it the day before).
. "$SRCDIR/tests/lib.sh"

unset TZ
small_db
zp=$(q "SELECT code FROM deputy WHERE name = '沈建国'")

# The same steps under three host zones give the same Beijing dates.
n=0
for tz in UTC America/New_York Asia/Shanghai; do
	n=$((n + 1))
	check "TZ=$tz: a case at 23:30 UTC" run 0 env TZ=$tz RENDA_NOW=2026-03-01T23:30:00Z \
		"$RENDA" case add --deputy "$zp" --category 城市建设 --title "路灯 $tz" --content 路灯不亮
	check "TZ=$tz: stored as 07:30 Beijing time, with its offset" \
		test "$(q "SELECT submitted_at FROM vcase WHERE id = $n")" = 2026-03-02T07:30:00+08:00
	check "TZ=$tz: numbered in 2026" test "$(q "SELECT number FROM vcase WHERE id = $n")" = 2026-00000$n
	check "TZ=$tz: forward" run 0 env TZ=$tz RENDA_NOW=2026-03-01T23:30:00Z "$RENDA" case act $n forward
	check "TZ=$tz: assign at 07:30 Beijing time" run 0 env TZ=$tz RENDA_NOW=2026-03-01T23:30:00Z \
		"$RENDA" case act $n assign --unit 平湖市教育局
	check "TZ=$tz: the clocks start on Monday 03-02" \
		test "$(q "SELECT group_concat(DISTINCT started) FROM wf_clock WHERE item_id = $n")" = 2026-03-02
	# respond: a week on, Mon 03-09; reply: a month on, Thu 04-02; return: 7 working days, 03-11.
	check "TZ=$tz: due 03-09, 04-02, 03-11" \
		test "$(q "SELECT group_concat(clock || ' ' || due, ',') FROM (SELECT clock, due FROM wf_clock WHERE item_id = $n ORDER BY id)")" = \
		"respond 2026-03-09,reply 2026-04-02,return 2026-03-11"
	check "TZ=$tz: the steps' events carry +08:00" \
		test "$(q "SELECT group_concat(DISTINCT at) FROM wf_event WHERE item_id = $n")" = 2026-03-02T07:30:00+08:00
	check "TZ=$tz: the audit rows too" \
		test "$(q "SELECT count(*) FROM audit WHERE entity = 'case' AND entity_id = $n AND at <> '2026-03-02T07:30:00+08:00'")" = 0
done

# Shown times are Beijing times: 01:00 UTC shows as 09:00.
check "a case at 01:00 UTC on a UTC host" run 0 env TZ=UTC RENDA_NOW=2026-03-02T01:00:00Z \
	"$RENDA" case add --deputy "$zp" --category 城市建设 --title 九点的事项 --content 内容
check "show says 09:00" run 0 env TZ=UTC "$RENDA" case show 4
check "as Beijing time" contains "$T/out" "submitted_at	2026-03-02T09:00:00+08:00"
check "list says 09:00" run 0 env TZ=UTC "$RENDA" case list
check "in the submitted column" contains "$T/out" "2026-03-02T09:00:00+08:00	received"
check "history says 09:00" run 0 env TZ=UTC "$RENDA" case history 4
check "for the step" contains "$T/out" "2026-03-02T09:00:00+08:00"

# A time given without an offset is Beijing time, not the host's.
check "a time without an offset on a New York host" run 0 env TZ=America/New_York \
	RENDA_NOW=2026-03-05T12:00:00+08:00 "$RENDA" case add --deputy "$zp" --category 城市建设 \
	--title 电话来访 --content 内容 --submitted-at 2026-03-02T07:30
check "is taken as 07:30 Beijing time" \
	test "$(q "SELECT submitted_at FROM vcase WHERE id = 5")" = 2026-03-02T07:30:00+08:00
check "RENDA_NOW without an offset is Beijing time too" run 0 env TZ=UTC \
	RENDA_NOW=2026-03-02T07:30:00 "$RENDA" case add --deputy "$zp" --category 城市建设 \
	--title 现场来访 --content 内容
check "stored as given" test "$(q "SELECT submitted_at FROM vcase WHERE id = 6")" = 2026-03-02T07:30:00+08:00

# [site] timezone: another committee's zone. Tokyo is UTC+9, so 15:30 UTC on 03-01 is 03-02.
mkdir -p "$T/conf"
printf '[site]\ntimezone = Asia/Tokyo\n' >"$T/conf/tokyo.conf"
check "[site] timezone = Asia/Tokyo" run 0 env TZ=Asia/Shanghai RENDA_NOW=2026-03-01T15:30:00Z \
	"$RENDA" --config "$T/conf/tokyo.conf" case add --deputy "$zp" --category 城市建设 \
	--title 东京时间 --content 内容
check "dates in the configured zone, whatever TZ says" \
	test "$(q "SELECT submitted_at FROM vcase WHERE id = 7")" = 2026-03-02T00:30:00+09:00
printf '[site]\ntimezone = Mars/Olympus\n' >"$T/conf/mars.conf"
check "a zone the host does not know is refused" run 1 env RENDA_NOW=2026-03-01T15:30:00Z \
	"$RENDA" --config "$T/conf/mars.conf" case list
check "naming the file, the line and the key" contains "$T/err" "mars.conf:2: site.timezone"
check "and the zone" contains "$T/err" "Mars/Olympus"
printf '[site]\ntimezone = ../../../etc/passwd\n' >"$T/conf/path.conf"
check "a path is not a zone name" run 1 "$RENDA" --config "$T/conf/path.conf" case list
check "and says so" contains "$T/err" "is not a time zone name"
printf '[site]\ntimezone = /etc/localtime\n' >"$T/conf/abs.conf"
check "nor is an absolute path" run 1 "$RENDA" --config "$T/conf/abs.conf" case list
check "nothing was added by the refused runs" test "$(q 'SELECT count(*) FROM vcase')" = 7

done_testing
