#!/bin/sh
# The audit trail shows each role what the records show it, no more: a town clerk the
# rows of its town's records, a unit operator those of its unit's cases, a viewer every
# record's rows masked as the record is (a voter's name and phone, a private case's
# content and reply, a deputy's phone, resident ID and birth date). A masked resident ID
# hides the birth date and the birth date field is masked with it.
. "$SRCDIR/tests/lib.sh"

me=$(id -un)
as_role() { # as_role ROLE [TOWN-NAME | UNIT-NAME]: the caller's account, changed by hand
	case $1 in
	town-clerk) q "UPDATE app_user SET role = 'town-clerk', unit_id = NULL, town_id = (SELECT id FROM town WHERE name = '$2') WHERE login = '$me'" ;;
	unit) q "UPDATE app_user SET role = 'unit', town_id = NULL, unit_id = (SELECT id FROM unit WHERE name = '$2') WHERE login = '$me'" ;;
	*) q "UPDATE app_user SET role = '$1', town_id = NULL, unit_id = NULL WHERE login = '$me'" ;;
	esac
}
export RENDA_NOW=2026-03-02T09:00:00+08:00
small_db
zp=$(q "SELECT code FROM deputy WHERE name = '沈建国'")   # a city deputy of 乍浦镇
xd=$(q "SELECT code FROM deputy WHERE name = '钱佳怡'")   # a town deputy of 新埭镇
zp_id=$(q "SELECT id FROM deputy WHERE code = '$zp'")
xd_id=$(q "SELECT id FROM deputy WHERE code = '$xd'")
zp_rid=$(q "SELECT resident_id FROM deputy WHERE id = $zp_id")
zp_born=$(q "SELECT birth_date FROM deputy WHERE id = $zp_id")
"$RENDA" deputy edit "$zp" --phone 13512345678 >/dev/null
"$RENDA" case add --deputy "$zp" --category 城市建设 --title 乍浦路灯 --content 中心路路灯坏了 \
	--voter-name 王大伯 --voter-phone 13900001111 >/dev/null
"$RENDA" case add --deputy "$xd" --category 农业农村 --title 新埭灌溉 --content 灌溉渠堵塞 \
	--voter-name 李阿姨 --voter-phone 13700002222 >/dev/null
"$RENDA" case add --deputy "$zp" --category 社会事业 --title 乍浦私事 --content 邻里纠纷细节 \
	--voter-name 赵先生 --voter-phone 13600003333 --private >/dev/null
"$RENDA" case act 1 forward >/dev/null
"$RENDA" case act 1 assign --unit 平湖市住房和城乡建设局 >/dev/null
"$RENDA" case act 3 forward >/dev/null
"$RENDA" case act 3 reject --text 调解中心处理 >/dev/null
"$RENDA" user add wang --role town-clerk --town 新埭镇 >/dev/null
check "the setting up checks out" run 0 "$RENDA" check

# rows FILE: the data lines of a TSV listing; ents: "entity id" of each row, sorted.
rows() { echo $(($(wc -l <"$1") - 1)); }
ents() { awk -F '\t' 'NR > 1 { print $5 " " $6 }' "$T/out" | sort -u | tr '\n' ';'; }

check "an administrator sees every row" run 0 "$RENDA" audit list
all=$(rows "$T/out")
check "  all $(q 'SELECT count(*) FROM audit') of them" test "$all" = "$(q 'SELECT count(*) FROM audit')"
check "  unmasked" contains "$T/out" 13900001111

# ---- a town clerk --------------------------------------------------------------------
as_role town-clerk 乍浦镇
check "a town clerk of 乍浦镇 lists the audit trail" run 0 "$RENDA" audit list
ents >"$T/ents"
check "  sees its town's cases" grep -q "case 1;.*case 3;" "$T/ents"
check "  not 新埭镇's case" sh -c "! grep -q 'case 2;' '$T/ents'"
check "  sees its town's deputies" grep -q "deputy $zp_id;" "$T/ents"
check "  not another town's" sh -c "! grep -q 'deputy $xd_id;' '$T/ents'"
check "  not the accounts of another town (wang)" lacks "$T/out" '"login":"wang"'
check "  not the schema's rows" lacks "$T/out" "schema"
check "  sees the reference data" grep -q "category " "$T/ents"
check "  none of 新埭镇's voter data" lacks "$T/out" 13700002222
check "--entity case --id 2 shows nothing" run 0 "$RENDA" audit list --entity case --id 2
check "  no rows" test "$(rows "$T/out")" = 0
check "--account $me still keeps to the scope" run 0 "$RENDA" audit list --account "$me"
check "  no 新埭镇 case" lacks "$T/out" 灌溉

# ---- a unit operator -------------------------------------------------------------------
as_role unit 平湖市住房和城乡建设局
check "a unit operator lists the audit trail" run 0 "$RENDA" audit list
ents >"$T/ents"
check "  sees the case assigned to the unit" grep -q "case 1;" "$T/ents"
check "  and no other case" test "$(grep -o 'case [0-9]*;' "$T/ents" | tr -d '\n')" = "case 1;"
check "  no deputy" sh -c "! grep -q '^deputy\|;deputy' '$T/ents'"
myid=$(q "SELECT id FROM app_user WHERE login = '$me'")
check "  no account but its own" test "$(grep -o 'user [0-9]*;' "$T/ents" | tr -d '\n')" = "user $myid;"

# ---- a viewer ----------------------------------------------------------------------------
as_role viewer
check "a viewer lists the audit trail" run 0 "$RENDA" audit list --format json
for secret in 13900001111 13700002222 13600003333 王大伯 李阿姨 赵先生 邻里纠纷细节 13512345678 "$zp_rid" "$zp_born"; do
	check "  $secret appears nowhere" lacks "$T/out" "$secret"
done
/usr/bin/python3 - "$T/out" "$zp_rid" >"$T/py.out" 2>&1 <<-'EOF'
	import json, sys
	rows = json.load(open(sys.argv[1]))
	cases = {}
	for r in rows:
	    for side in ("before", "after"):
	        if r[side] and r["entity"] == "case":
	            cases.setdefault(int(r["entity_id"]), []).append(json.loads(r[side]))
	        if r[side] and r["entity"] == "deputy":
	            d = json.loads(r[side])
	            # A before-image holds only the fields its change changed.
	            if "resident_id" not in d:
	                assert "birth_date" not in d or d["birth_date"] in ("****-**-**", ""), d
	                continue
	            if d["resident_id"] and d["resident_id"][:6] == sys.argv[2][:6] and d["resident_id"][-4:] == sys.argv[2][-4:]:
	                assert d["resident_id"][6:14] == "********", d
	                assert d["birth_date"] in ("****-**-**", ""), d
	                assert d["phone"] in ("", ) or "****" in d["phone"], d
	                print("deputy masked")
	for c in cases[1]:
	    assert c.get("voter_name", "***") == "***", c
	    assert c.get("voter_phone", "139****1111") == "139****1111", c
	one = [c for c in cases[1] if "voter_name" in c][0]
	assert one["voter_name"] == "***" and one["voter_phone"] == "139****1111", one
	assert one["content"] == "中心路路灯坏了", one
	for c in cases[3]:
	    assert c.get("content", "(private)") == "(private)", c
	    assert c.get("reply", "(private)") == "(private)", c
	priv = [c for c in cases[3] if "title" in c][-1]
	assert priv["content"] == "(private)" and priv["reply"] == "(private)", priv
	assert priv["title"] == "乍浦私事", priv
	print("cases masked")
EOF
check "  a case's voter is masked, a private case's content too, its title shown" \
	grep -q "cases masked" "$T/py.out"
check "  a deputy's resident ID hides the birth date, and the birth date is masked" \
	grep -q "deputy masked" "$T/py.out"
diag <"$T/py.out"

check "a viewer's deputy show" run 0 "$RENDA" deputy show "$zp"
check "  masks the resident ID's birth date" contains "$T/out" "$(echo "$zp_rid" | cut -c1-6)********$(echo "$zp_rid" | cut -c15-18)"
check "  and the birth date field" contains "$T/out" "****-**-**"
check "  and never shows the birth date" lacks "$T/out" "$zp_born"
check "a viewer's deputy export" run 0 "$RENDA" deputy export "$T/v.csv"
check "  no birth date in it" lacks "$T/v.csv" "$zp_born"
check "  no whole resident ID" lacks "$T/v.csv" "$zp_rid"
# ---- a town clerk's import learns nothing of other towns' deputies ---------------------
as_role town-clerk 乍浦镇
xd_rid=$(q "SELECT resident_id FROM deputy WHERE id = $xd_id")
printf 'name,resident_id,level,town\n钱佳怡,%s,town,乍浦镇\n' "$xd_rid" >"$T/taken.csv"
check "a town clerk imports the resident ID of 新埭镇's deputy" run 1 "$RENDA" deputy import "$T/taken.csv"
sed 's/^[^:]*:[0-9]*: //' "$T/err" | head -n 1 >"$T/import.msg"
check "  refused without naming the town" lacks "$T/err" 新埭镇
check "  nor that the record is another town's" lacks "$T/err" "may change only records"
check "  nor the deputy" lacks "$T/err" 钱佳怡
check "an add with that ID" run 1 "$RENDA" deputy add --name 钱一一 --resident_id "$xd_rid" --level town --town 乍浦镇
check "  says the very same thing" test "$(sed 's/^renda: //' "$T/err")" = "$(cat "$T/import.msg")"
printf 'name,resident_id,level\n钱佳怡,%s,town\n' "$xd_rid" >"$T/taken2.csv"
check "an import without a town column" run 1 "$RENDA" deputy import "$T/taken2.csv"
check "  fails for its missing column, before any ID is looked at" contains "$T/err" "no column 'town'"
check "  nothing changed in 新埭镇's record" \
	test "$(q "SELECT name || town_id FROM deputy WHERE id = $xd_id")" = "钱佳怡$(q "SELECT id FROM town WHERE name = '新埭镇'")"

as_role admin
check "an administrator's deputy show is whole" run 0 "$RENDA" deputy show "$zp"
check "  with the birth date" contains "$T/out" "$zp_born"
done_testing
