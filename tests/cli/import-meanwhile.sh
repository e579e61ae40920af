#!/bin/sh
# An import checks its rows before it takes the write lock, and writes them under it.
# When the database changed in between (another clerk saved), each row's references are
# resolved again under the lock, once for all the rows naming the same category, deputy,
# station and town on the same day, and its duplicate is looked for again (case.c,
# case_import()). RENDA_TEST_IMPORT_BETWEEN (a build for the tests only) runs a command
# at that point, as the other clerk.
. "$SRCDIR/tests/lib.sh"

RENDA_NOW=2026-03-02T09:00:00+08:00
export RENDA_NOW
"$RENDA" demo >/dev/null 2>&1 || { echo "Bail out! renda demo failed"; exit 1; }

# Two city deputies in office, each with four voter issues in February: the first on the
# 2nd, 5th, 20th and 25th, the second on the 3rd, 6th, 21st and 26th; a file of eight.
q "SELECT d.code || ',' || t.name FROM deputy d JOIN town t ON t.id = d.town_id WHERE
	d.status = 'in-office' AND d.level = 'city' ORDER BY d.id LIMIT 2" >"$T/deputies"
check "two city deputies in office" test "$(wc -l <"$T/deputies")" = 2
d1=$(sed -n 1p "$T/deputies" | cut -d, -f1)
d2=$(sed -n 2p "$T/deputies" | cut -d, -f1)
town1=$(sed -n 1p "$T/deputies" | cut -d, -f2)
make_file() { # make_file FILE TAG
	awk -F, -v tag="$2" 'BEGIN {
		print "submitted_at,deputy_code,channel,voter_name,voter_phone,town,category,title,content,external_id"
	} {
		split(NR == 1 ? "02 05 20 25" : "03 06 21 26", days, " ")
		for (i = 1; i <= 4; i++)
			printf "2026-02-%sT10:00:00+08:00,%s,phone,李%d%d,1391234%02d%02d,,城市建设,%s路口第%d%d处积水,雨天积水没过脚踝，请疏通。,%s-%d-%d\n",
				days[i], $1, NR, i, NR, i, tag, NR, i, tag, NR, i
	}' "$T/deputies" >"$1"
}
cases() { q "SELECT count(*) FROM vcase"; }
# import_meanwhile FILE ARGS...: imports FILE while renda ARGS (no argument with a space)
# runs between the import's check and its write lock.
import_meanwhile() {
	f=$1
	shift
	env RENDA_TEST_IMPORT_BETWEEN="\"$RENDA\" $* >/dev/null 2>&1" "$RENDA" case import "$f"
}
id=$(q "SELECT id FROM vcase WHERE state = 'assigned' ORDER BY id LIMIT 1")

# Another clerk's chase meanwhile: every row is written, with the references it names.
make_file "$T/a.csv" A
n0=$(cases)
check "an import while another clerk chases a case" run 0 import_meanwhile "$T/a.csv" \
	case act "$id" chase --text 导入期间催办
check "  says eight added" contains "$T/out" "8 added, 0 changed, 0 unchanged"
check "  eight voter issues more" test "$(cases)" = $((n0 + 8))
check "  the chase was made meanwhile" test "$(q "SELECT count(*) FROM wf_event WHERE
	item_id = $id AND text = '导入期间催办'")" = 1
check "  each row's deputy, town and category as the file names them" test "$(q "SELECT
	count(*) FROM vcase v JOIN deputy d ON d.id = v.deputy_id JOIN town t ON t.id = v.town_id
	JOIN category c ON c.id = v.category_id WHERE v.external_id LIKE 'A-%' AND c.name = '城市建设'
	AND t.id = d.town_id AND d.code = CASE WHEN v.external_id LIKE 'A-1-%' THEN '$d1' ELSE
	'$d2' END")" = 8

# The first deputy leaves office on February 15 meanwhile: the rows of the 20th and 25th
# are refused (a row of the 5th, checked under the lock, must not vouch for the same
# deputy on another day); nothing of the file is imported.
make_file "$T/b.csv" B
n0=$(cases)
check "an import while the first deputy leaves office on February 15" run 1 \
	import_meanwhile "$T/b.csv" deputy leave "$d1" --date 2026-02-15 --reason 调离
check "  refuses the rows of the 20th and the 25th, by line" sh -c \
	'grep -c "b.csv:[45]: .*left office on 2026-02-15" "$1" | grep -qx 2' sh "$T/err"
check "  and no other row" test "$(grep -c 'b.csv:[0-9]*:' "$T/err")" = 2
check "  says nothing was imported" contains "$T/err" "2 rows rejected; nothing was imported"
check "  nothing was" test "$(cases)" = "$n0"
check "  the deputy did leave" test "$(q "SELECT status FROM deputy WHERE code = '$d1'")" = left

# Four voter issues of the second deputy on one day (one resolution under the lock for
# all four). Meanwhile another clerk records the third under its external_id, with other
# content: the row is refused, nothing imported.
same_day() { # same_day FILE TAG
	awk -v d="$d2" -v tag="$2" 'BEGIN {
		print "submitted_at,deputy_code,channel,voter_name,voter_phone,town,category,title,content,external_id"
		for (i = 1; i <= 4; i++)
			printf "2026-02-21T%02d:00:00+08:00,%s,phone,周%d,1391235000%d,,城市建设,%s桥下第%d处积水,桥洞积水，车辆无法通过。,%s-%d\n",
				8 + i, d, i, i, tag, i, tag, i
	}' >"$1"
}
# third TAG TITLE CONTENT: renda's arguments recording the third row of a same_day file.
third() {
	echo case add --category 城市建设 --title "$2" --content "$3" --deputy "$d2" \
		--submitted-at 2026-02-21T11:00:00+08:00 --external-id "$1-3"
}
same_day "$T/c.csv" C
n0=$(cases)
check "an import while its third row's external_id comes in with other content" run 1 \
	import_meanwhile "$T/c.csv" $(third C 另一件事 别的内容)
check "  names the row and the case" contains "$T/err" "c.csv:4: external_id: C-3 is already case"
check "  and no other row" test "$(grep -c 'c.csv:[0-9]*:' "$T/err")" = 1
check "  nothing of the file was imported" test "$(cases)" = $((n0 + 1))

# ... and with the same content: that row adds nothing, the others are written.
same_day "$T/d.csv" D
n0=$(cases)
check "an import while its third row comes in by another clerk, the same" run 0 \
	import_meanwhile "$T/d.csv" $(third D D桥下第3处积水 桥洞积水，车辆无法通过。)
check "  three added, one unchanged" contains "$T/out" "3 added, 0 changed, 1 unchanged"
check "  four voter issues more in all" test "$(cases)" = $((n0 + 4))
check "  one of D-3" test "$(q "SELECT count(*) FROM vcase WHERE external_id = 'D-3'")" = 1
check "  each with the second deputy and the deputy's town" test "$(q "SELECT count(*) FROM vcase v
	JOIN deputy d ON d.id = v.deputy_id WHERE v.external_id LIKE 'D-%' AND d.code = '$d2' AND
	v.town_id = d.town_id")" = 4

check "the audit trail and the records are whole" run 0 "$RENDA" check
check "  the trail intact" contains "$T/out" "audit: intact"

done_testing
