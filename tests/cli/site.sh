#!/bin/sh
# Sites and their keys (DESIGN 4.8): a town's own database gives its records ids from
# its own range and its numbers the town's code, so records made apart never clash;
# the city's database keeps its ids below every town's range even after it holds a
# town's records.
. "$SRCDIR/tests/lib.sh"

# ---- a town's own database -------------------------------------------------------
town="$T/zp.db"
check "init --site makes a town's own database" run 0 "$RENDA" --db "$town" init --site 乍浦镇
check "check names the site" run 0 "$RENDA" --db "$town" check
check "  as the town's own database" contains "$T/out" "site: 乍浦镇's own database"
zp=$("$RENDA" --db "$town" ref list town | awk -F'\t' '$3 == "乍浦镇" { print $1 }')
check "the town has an id ($zp)" test -n "$zp"
check "a deputy added there" run 0 "$RENDA" --db "$town" deputy add --name 顾秀英 \
	--resident_id "$(fix_id 33048219800202002)" --level town --town 乍浦镇
dep=$("$RENDA" --db "$town" deputy list --format json | python3 -c 'import json,sys; d=json.load(sys.stdin)[0]; print(d["id"], d["code"])')
dep_id=${dep% *}
code=${dep#* }
base=$((zp * 1099511627776))
check "takes the first id of the town's range ($dep_id)" test "$dep_id" -eq $((base + 1))
check "a voter issue recorded there" run 0 "$RENDA" --db "$town" case add --category 城市建设 \
	--title 路灯不亮 --content 夜间出行不便 --deputy "$code" --submitted-at 2026-03-01T10:00:00+08:00
check "  is numbered with the town's code" contains "$T/out" "number ZP-2026-000001"
"$RENDA" --db "$town" case show ZP-2026-000001 >"$T/show" 2>&1
case_id=$(awk -F'\t' '$1 == "id" { print $2 }' "$T/show")
check "  and its id is in the town's range ($case_id)" test "$case_id" -eq $((base + 1))
check "a second one follows it" run 0 "$RENDA" --db "$town" case add --category 城市建设 \
	--title 河道垃圾 --content 河面漂浮物多 --deputy "$code" --submitted-at 2026-03-01T11:00:00+08:00
check "  ZP-2026-000002" contains "$T/out" "number ZP-2026-000002"
check "its steps are recorded in the town's range too" run 0 "$RENDA" --db "$town" case act ZP-2026-000001 forward
ev=$(sqlite3 "$town" "SELECT min(id) FROM wf_event")
# No command shows an event's key: the key scheme is a fact of the database itself.
check "  (the first event is $ev)" test "$ev" -gt "$base"
# Finance data and its warnings stay at the city: a town's own database never holds them,
# so it does not offer them (the policy library, the city's reference data, it holds).
check "finance at a town's own database is refused" run 1 "$RENDA" --db "$town" finance execution
check "  saying it is read at the city's" contains "$T/err" "this town's own database does not hold it"
check "  and its warnings too" run 1 "$RENDA" --db "$town" warning list
check "  the same words" contains "$T/err" "this town's own database does not hold it"
check "  nor its statistics" run 1 "$RENDA" --db "$town" stats execution --by department
check "  nor a cockpit panel of warnings" sh -c \
	"'$RENDA' --db '$town' cockpit | awk -F '\t' 'NR > 1 { print \$1 }' | grep -qx warnings; test \$? = 1"
check "  while the policy library is there" run 0 "$RENDA" --db "$town" policy list
# Nor does it take them: an import or an opinion written there would never reach the city.
printf '%s\n%s\n' \
	period,department_code,department,function_code,function,project_code,project,annual,adjusted,executed \
	2026-03,D-JYJ,平湖市教育局,2050201,学前教育,P01,幼儿园建设,1000000,,200000 >"$T/budget.csv"
check "a finance import at a town's own database is refused" \
	run 1 "$RENDA" --db "$town" finance import budget "$T/budget.csv"
check "  saying the data is the city's" contains "$T/err" "this town's own database does not hold it"
check "  and nothing was written" test "$(sqlite3 "$town" \
	"SELECT (SELECT count(*) FROM fin_budget) + (SELECT count(*) FROM fin_import) +
	        (SELECT count(*) FROM audit WHERE entity LIKE 'fin%')")" = 0
check "an opinion of the preliminary review there is refused too" run 1 "$RENDA" --db "$town" \
	finance opinion --year 2026 --kind budget --text 建议细化
check "  and none was kept" test "$(sqlite3 "$town" "SELECT count(*) FROM fin_review")" = 0
city_b="$T/cityb.db"
"$RENDA" --db "$city_b" init >/dev/null 2>&1
check "the same import at the city's database is taken" \
	run 0 "$RENDA" --db "$city_b" finance import budget "$T/budget.csv"
check "  its row is there" test "$(sqlite3 "$city_b" "SELECT count(*) FROM fin_budget")" = 1
check "an unknown site is refused" run 1 "$RENDA" --db "$T/bad.db" init --site 不存在镇
check "  naming the field" contains "$T/err" "site:"
check "  and leaves no file" test ! -e "$T/bad.db"

# ---- the city's database ------------------------------------------------------------
city="$T/city.db"
check "the city's database" run 0 "$RENDA" --db "$city" init
check "check names it" run 0 "$RENDA" --db "$city" check
check "  as the city's" contains "$T/out" "site: the city's database (site 0)"
check "a deputy of the city" run 0 "$RENDA" --db "$city" deputy add --name 沈建国 \
	--resident_id "$(fix_id 33048219700101001)" --level city --town 乍浦镇
ccode=$("$RENDA" --db "$city" deputy list | awk -F'\t' 'NR == 2 { print $2 }')
check "a case at the city" run 0 "$RENDA" --db "$city" case add --category 城市建设 \
	--title 路灯不亮 --content 夜间出行不便 --deputy "$ccode" --submitted-at 2026-03-01T10:00:00+08:00
check "  numbered without a prefix" contains "$T/out" "number 2026-000001"
# A town's record arrives (as an exchange will bring it): a row in the town's range.
sqlite3 "$city" "INSERT INTO vcase (id, number, submitted_at, channel, deputy_id, town_id, category_id, title, content, state, updated_at) SELECT $((base + 7)), 'ZP-2026-000007', '2026-03-01T09:00:00+08:00', 'qr', d.id, d.town_id, 1, '外来', '镇里的事项', 'received', '2026-03-01T09:00:00+08:00' FROM deputy d LIMIT 1"
check "the city's next case" run 0 "$RENDA" --db "$city" case add --category 城市建设 \
	--title 河道垃圾 --content 河面漂浮物多 --deputy "$ccode" --submitted-at 2026-03-01T11:00:00+08:00
"$RENDA" --db "$city" case show 2026-000002 >"$T/show" 2>&1
cid=$(awk -F'\t' '$1 == "id" { print $2 }' "$T/show")
check "  stays in the city's range beside a town's record ($cid)" test "$cid" -lt 1099511627776
check "  and follows the city's own last id" test "$cid" -eq 2
check "the town's record is listed as it came" run 0 "$RENDA" --db "$city" case list
check "  with its number" contains "$T/out" "ZP-2026-000007"

# The end of a range, and a site number no range has: the write is refused, nothing kept.
sqlite3 "$town" "INSERT INTO vcase (id, number, submitted_at, channel, deputy_id, town_id, category_id, title, content, state, updated_at) SELECT $((base + 1099511627775)), 'ZP-2026-000099', '2026-03-01T09:00:00+08:00', 'qr', d.id, d.town_id, 1, '最后', '范围的最后一个', 'received', '2026-03-01T09:00:00+08:00' FROM deputy d LIMIT 1"
before=$(sqlite3 "$town" "SELECT count(*) FROM vcase")
check "a case once the town's range of cases is used up is refused" run 1 "$RENDA" --db "$town" \
	case add --category 城市建设 --title 末尾 --content 范围用尽 --deputy "$code" \
	--submitted-at 2026-03-02T10:00:00+08:00
check "  saying so" contains "$T/err" "has used every id of vcase"
check "  and none was added" test "$(sqlite3 "$town" "SELECT count(*) FROM vcase")" = "$before"
sqlite3 "$town" "UPDATE meta SET value = '9000' WHERE key = 'site'"
before=$(sqlite3 "$town" "SELECT count(*) FROM deputy")
check "a site number beyond the ranges is refused" run 1 "$RENDA" --db "$town" deputy add \
	--name 沈建华 --resident_id "$(fix_id 33048219800303003)" --level town --town 乍浦镇
check "  naming it" contains "$T/err" "site number 9000 is out of range"
check "  and no deputy was added" test "$(sqlite3 "$town" "SELECT count(*) FROM deputy")" = "$before"

done_testing
