#!/bin/sh
# Town congresses in the reference data (issue 11, item 9): the six towns with a
# congress have their terms and sessions (the three streets have a working committee
# and none), a term for a street is refused, and a town deputy of renda demo drafts a
# motion with no set-up.
. "$SRCDIR/tests/lib.sh"

me=$(id -un)
check "init" run 0 "$RENDA" init
towns=$(q "SELECT group_concat(name, ' ') FROM (SELECT name FROM town WHERE kind = 'town' ORDER BY sort)")
check "six towns have a congress" test "$towns" = "乍浦镇 新埭镇 新仓镇 广陈镇 林埭镇 独山港镇"
check "each has one term" test "$(q "SELECT count(DISTINCT town_id) FROM term WHERE level = 'town'")" = 6
check "every town term is of a town, not a street" \
	test "$(q "SELECT count(*) FROM term m JOIN town t ON t.id = m.town_id WHERE t.kind <> 'town'")" = 0
check "five sessions each" \
	test "$(q "SELECT group_concat(n, ',') FROM (SELECT count(*) AS n FROM congress_session s JOIN term m ON m.id = s.term_id WHERE m.level = 'town' GROUP BY m.id)")" = "5,5,5,5,5,5"
check "ref list term shows them" run 0 "$RENDA" ref list term
check "乍浦镇's term" contains "$T/out" "ZP18	town	乍浦镇	18	平湖市乍浦镇第十八届人民代表大会"
check "the streets have none" lacks "$T/out" "街道"
check "ref list session" run 0 "$RENDA" ref list session
check "独山港镇's fifth session" contains "$T/out" "DSG18-5	DSG18	5	平湖市独山港镇第十八届人民代表大会第五次会议"

# A term only for a town with a congress.
check "a term for 当湖街道 is refused" run 1 "$RENDA" ref add term --code DH18 --level town \
	--town 当湖街道 --number 18 --name 当湖街道第十八届人民代表大会 --start_date 2021-12-28
check "saying it is a street with a working committee" contains "$T/err" "当湖街道 is a street: it has a working committee (当湖街道人大工委), not a congress"
check "an import of one is refused too" run 1 "$RENDA" ref import term /dev/stdin <<'CSV'
code,level,town,number,name,start_date
CQ18,town,曹桥街道,18,曹桥街道第十八届人民代表大会,2021-12-28
CSV
check "with the line" contains "$T/err" ":2:"
check "moving a town term to a street is refused" run 1 "$RENDA" ref edit term "$(q "SELECT id FROM term WHERE code = 'ZP18'")" --town 钟埭街道
check "a town term needs its town" run 1 "$RENDA" ref add term --code X1 --level town --number 1 --name 某镇 --start_date 2021-12-28
check "a city term has none" run 1 "$RENDA" ref add term --code X2 --level city --town 乍浦镇 --number 1 --name 某市 --start_date 2021-12-28
check "nothing was added" test "$(q "SELECT count(*) FROM term")" = 7

# A town deputy of the demo drafts a motion with no set-up.
export RENDA_DB="$T/demo.db"
check "renda demo" run 0 "$RENDA" demo
lead=$(q "SELECT d.code FROM deputy d JOIN town t ON t.id = d.town_id WHERE d.level = 'town' AND t.name = '乍浦镇' AND d.status = 'in-office' ORDER BY d.id LIMIT 1")
check "the demo has town deputies of 乍浦镇" test -n "$lead"
check "in 乍浦镇's term" test "$(q "SELECT m.code FROM deputy d JOIN term m ON m.id = d.term_id WHERE d.code = '$lead'")" = ZP18
# The demo's town congresses have their own motions and suggestions, handled by the town.
check "the demo has items of 乍浦镇's congress" run 0 "$RENDA" suggestion list
awk -F '\t' 'NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; print; next }
	index($h["session"], "ZP18-") == 1' "$T/out" >"$T/zp"
check "  several in each of its sessions" \
	test "$(tsv_col "$T/zp" session | sort | uniq -c | awk '$1 < 10' | wc -l)" = 0
check "  all at town level" test "$(tsv_col "$T/zp" level | sort -u)" = town
check "  most assigned to the town's government (a few go elsewhere after a return)" \
	test "$(tsv_col "$T/zp" unit | grep -c '^乍浦镇人民政府$')" -gt "$(tsv_col "$T/zp" unit | grep . | grep -vc '^乍浦镇人民政府$')"
m=$(awk -F '\t' 'NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next } $h["kind"] == "motion" { print $h["id"]; exit }' "$T/zp")
check "  with a motion among them" test -n "$m"
check "  brought by at least 5 deputies jointly (the lead and 4 confirmed)" \
	test "$("$RENDA" suggestion cosigners "$m" | tsv_col - status | grep -c '^confirmed$')" -ge 4
for town in 新埭镇 独山港镇; do
	check "$town's congress has items too" \
		test "$("$RENDA" suggestion list | awk -F '\t' -v t="$town" 'NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next } $h["level"] == "town" && index($h["unit"], t) == 1' | wc -l)" -gt 0
done
check "the administrator drafts a town motion for them" run 0 "$RENDA" suggestion add --kind motion \
	--deputy "$lead" --category 社会事业 --title 关于建设乍浦镇居家养老服务中心的议案 \
	--basis 全镇老龄化程度高，居家养老服务设施不足。 --proposal 新建镇级居家养老服务中心。
id=$(q "SELECT max(id) FROM suggestion")
check "of the town's latest session, at town level" \
	test "$(q "SELECT s.level || ' ' || c.code || ' ' || t.name FROM suggestion s JOIN congress_session c ON c.id = s.session_id JOIN town t ON t.id = s.town_id WHERE s.id = $id")" = "town ZP18-5 乍浦镇"
q "UPDATE app_user SET role = 'town-clerk', unit_id = NULL, town_id = (SELECT id FROM town WHERE name = '乍浦镇') WHERE login = '$me'"
check "乍浦镇's clerk drafts one too" run 0 "$RENDA" suggestion add --kind motion --deputy "$lead" \
	--category 城市建设 --title 关于改造乍浦老街排水管网的议案 --basis 老街雨季积水。 --proposal 分两期改造排水管网。
check "also of ZP18-5" test "$(q "SELECT c.code FROM suggestion s JOIN congress_session c ON c.id = s.session_id WHERE s.id = $((id + 1))")" = ZP18-5
check "and the clerk sees both" run 0 "$RENDA" suggestion list
check "in the town's list" test "$(grep -c 关于 "$T/out")" -ge 2

done_testing
