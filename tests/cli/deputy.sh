#!/bin/sh
# The deputy roster: validation, codes, import/export in UTF-8 and GB18030, scope.
. "$SRCDIR/tests/lib.sh"

$RENDA init >/dev/null 2>&1 || { echo "Bail out! init failed"; exit 1; }

# 11010519491231002X is the standard sample ID; its check digit is X:
# sum of digits x weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2 = 167, 167 mod 11 = 2 -> 'X'.
check "a valid deputy is added" run 0 "$RENDA" deputy add --name 张晓明 --resident_id 11010519491231002X \
	--level city --town 乍浦镇 --phone 13812345678 --group 乍浦镇第一代表小组
code=$(sed -n 's/^added deputy [0-9]*, code //p' "$T/out")
check "the code is 6 characters without 0 O 1 I" sh -c "echo '$code' | grep -Eq '^[2-9A-HJ-NP-Z]{6}\$'"
check "  the list has it" test "$(deputy_code 张晓明)" = "$code"
check "birth date comes from the ID" test "$(show_fields deputy "$code" birth_date)" = 1949-12-31
# 17th digit 2 is even: female.
check "gender comes from the ID" test "$(show_fields deputy "$code" gender)" = 女
check "the add is audited" test "$("$RENDA" audit list --entity deputy | tsv_col - action | tr '\n' ' ')" = "add "

check "wrong check digit refused" run 1 "$RENDA" deputy add --name 李四 --resident_id 110105194912310021 --level city --town 乍浦镇
check "the field is named" contains "$T/err" "resident_id"
check "with the reason" contains "$T/err" "check digit"
# 19490230: February 30th does not exist. The check digit of 11010519490230002 is right:
# weighted sum 7+9+0+5+0+20+2+9+24+27+0+18+30+0+0+0+4 = 155, 155 mod 11 = 1 -> '0'.
check "a 0230 birth date refused" run 1 "$RENDA" deputy add --name 李四 --resident_id 110105194902300020 --level city --town 乍浦镇
check "named as not a real date" contains "$T/err" "not a real date"
check "a 17-character ID refused" run 1 "$RENDA" deputy add --name 李四 --resident_id 11010519491231002 --level city --town 乍浦镇
check "a bad mobile refused" run 1 "$RENDA" deputy add --name 李四 --resident_id 110105195001010012 --level city --town 乍浦镇 --phone 12812345678
check "the phone field is named" contains "$T/err" "(phone)"
check "a Latin name refused" run 1 "$RENDA" deputy add --name Zhang --resident_id 110105195001010012 --level city --town 乍浦镇
check "the name field is named" contains "$T/err" "(name)"
check "one character is not a name" run 1 "$RENDA" deputy add --name 李 --resident_id 110105195001010012 --level city --town 乍浦镇
check "a middle-dot name is accepted" run 0 "$RENDA" deputy add --name 阿沛·阿旺晋美 --resident_id 110105195001010012 \
	--level town --town 当湖街道 --phone 0573-85012345
check "a group of another town refused" run 1 "$RENDA" deputy edit "$code" --group 当湖街道第一代表小组
check "the group field is named" contains "$T/err" "(group)"
check "the same ID twice refused" run 1 "$RENDA" deputy add --name 王五 --resident_id 11010519491231002X --level city --town 乍浦镇
check "nothing was added by the refusals" test "$("$RENDA" deputy list | nrows)" = 2

# The code's check character catches a mistyped character.
bad=$(echo "$code" | cut -c1-5)$(echo "$code" | cut -c6 | tr '2-9A-HJ-NP-Z' '3-9A-HJ-NP-Z2')
check "a code with a wrong check character is refused" run 1 "$RENDA" deputy add --code "$bad" \
	--name 赵六 --resident_id 330482198001010018 --level town --town 乍浦镇
check "show finds a deputy by lower-case code" run 0 "$RENDA" deputy show "$(echo "$code" | tr A-Z a-z)"
check "show prints the URL" contains "$T/out" "url	https://rd.example.gov.cn/q/$code"

check "leave needs a date" run 2 "$RENDA" deputy leave "$code"
check "leave office" run 0 "$RENDA" deputy leave "$code" --date 2026-06-30 --reason 工作调动
check "the record is kept with status left" test "$(show_fields deputy "$code" status left_date left_reason)" = "left|2026-06-30|工作调动"
check "list --status in-office omits it" run 0 "$RENDA" deputy list --status in-office
check "the list lacks the leaver" lacks "$T/out" "$code"

# Export and import: UTF-8 with BOM, and GB18030 from iconv; twice changes nothing.
check "export writes the roster" run 0 "$RENDA" deputy export "$T/d.csv"
check "the file starts with a BOM" test "$(head -c3 "$T/d.csv" | od -An -tx1 | tr -d ' ')" = efbbbf
check "export refuses to overwrite" run 1 "$RENDA" deputy export "$T/d.csv"
cat >"$T/new.csv" <<'CSV'
name,resident_id,level,town,phone,group,station,party,occupation
沈建国,330482197503150015,city,新埭镇,13905731234,新埭镇第二代表小组,新埭镇人大代表联络站,中共党员,"新埭镇农业专业合作社社长,兼理事长"
顾秀英,330482198208080028,town,新埭镇,13857301122,,,群众,新埭镇卫生院医生
CSV
# Check digits: 33048219750315001 -> weighted sum 230, mod 11 = 10 -> '2'? computed below instead.
id1=$(fix_id 33048219750315001); id2=$(fix_id 33048219820808002)
sed -i "s/330482197503150015/$id1/; s/330482198208080028/$id2/" "$T/new.csv"
iconv -f UTF-8 -t GB18030 "$T/new.csv" >"$T/new-gb.csv"
check "the GB18030 file really differs" sh -c "! cmp -s '$T/new.csv' '$T/new-gb.csv'"
cp "$RENDA_DB" "$T/before.db"
cp "$RENDA_DB.key" "$T/before.db.key"
check "UTF-8 import" run 0 "$RENDA" deputy import "$T/new.csv"
check "reports two added" contains "$T/out" "2 added"
check "the quoted comma survives" test "$(show_fields deputy "$(deputy_code 沈建国)" occupation)" = "新埭镇农业专业合作社社长,兼理事长"
# rows DB: the roster of DB as deputy export writes it, without the codes (renda gives
# each new deputy a code of its own), in the order of the resident IDs.
rows() {
	rm -f "$T/rows.csv"
	"$RENDA" --db "$1" deputy export "$T/rows.csv" >/dev/null && sed '1d; s/^[^,]*,//' "$T/rows.csv" | sort -t, -k8
}
rows "$RENDA_DB" >"$T/utf8.rows"
check "importing the same file again changes nothing" run 0 "$RENDA" deputy import "$T/new.csv"
check "reports two unchanged" contains "$T/out" "0 added, 0 changed, 2 unchanged"
RENDA_DB="$T/before.db" "$RENDA" deputy import "$T/new-gb.csv" >"$T/out" 2>"$T/err"
check "GB18030 import succeeds" test $? -eq 0
rows "$T/before.db" >"$T/gb.rows"
check "the GB18030 file imports the same as its UTF-8 twin" cmp -s "$T/utf8.rows" "$T/gb.rows"
check "  four deputies" test "$(wc -l <"$T/gb.rows")" = 4

# All or none: one bad row rejects the file, naming file:line.
printf 'name,resident_id,level,town\n钱七,%s,town,林埭镇\n孙八,330482199001010000,town,林埭镇\n' "$(fix_id 33048219850505003)" >"$T/bad.csv"
n0=$("$RENDA" deputy list | nrows)
check "a file with a bad row is refused" run 1 "$RENDA" deputy import "$T/bad.csv"
check "the row is named file:line" contains "$T/err" "$T/bad.csv:3:"
check "nothing of it was imported" test "$("$RENDA" deputy list | nrows)" = "$n0"
printf 'name,resident_id,level,town,colour\n' >"$T/badhdr.csv"
check "an unknown column is refused" run 1 "$RENDA" deputy import "$T/badhdr.csv"
check "naming line 1" contains "$T/err" "badhdr.csv:1:"

# Round trip: what export writes, import takes back unchanged.
check "export again" run 0 "$RENDA" deputy export --force "$T/d.csv"
check "round trip changes nothing" run 0 "$RENDA" deputy import "$T/d.csv"
check "all unchanged" contains "$T/out" "0 added, 0 changed"

# Scope: the caller as a town clerk of 乍浦镇.
other=$(deputy_code 沈建国)
as_role town-clerk 乍浦镇
check "a town clerk lists" run 0 "$RENDA" deputy list
check "only the town's deputies" test "$(cut -f6 "$T/out" | sort -u | tr '\n' ' ')" = "town 乍浦镇 "
check "cannot show another town's deputy" run 1 "$RENDA" deputy show "$other"
check "cannot edit another town's deputy" run 1 "$RENDA" deputy edit "$other" --party 群众
check "cannot make a leaver of another town" run 1 "$RENDA" deputy leave "$other" --date 2026-01-01
check "cannot add a deputy of another town" run 1 "$RENDA" deputy add --name 周九 --resident_id "$(fix_id 33048219700101005)" --level town --town 新埭镇
check "cannot move a deputy into another town" run 1 "$RENDA" deputy edit "$code" --town 新埭镇
check "export holds only the town" run 0 "$RENDA" deputy export --force "$T/town.csv"
check "no other town in the export" lacks "$T/town.csv" 新埭镇
check "cannot import another town's deputies" run 1 "$RENDA" deputy import "$T/new.csv"
# A code may be all digits: typed bare, it is that code, not an id ('#N' is the id).
# renda is the oracle of the check character: the first body whose check is a digit.
dcode=
for body in 97372 97373 97374 97375 97376 97377 97378 97379 97382 97383 97384 97385 97386 97387; do
	for c in 2 3 4 5 6 7 8 9; do
		"$RENDA" deputy add --name 卢数字 --resident_id "$(fix_id 33048219900303003)" --level city \
			--town 乍浦镇 --code "$body$c" >/dev/null 2>&1 && { dcode=$body$c; break 2; }
	done
done
check "a deputy with an all-digit code ($dcode)" test -n "$dcode"
check "  is found by that code" run 0 "$RENDA" deputy show "$dcode"
check "  as that deputy" test "$(show_fields deputy "$dcode" name)" = 卢数字
check "  and #1 is still the first deputy" test "$(show_fields deputy '#1' name)" = 张晓明
# Viewers see masked phones.
as_role viewer
check "the other town's deputy is unchanged" test "$(show_fields deputy "$other" party version)" = "中共党员|1"
check "a viewer lists" run 0 "$RENDA" deputy list
check "phones are masked" contains "$T/out" "139****1234"
check "no full phone" lacks "$T/out" "13905731234"
check "a viewer cannot edit" run 1 "$RENDA" deputy edit "$other" --party 群众
done_testing
