#!/bin/sh
# The roster's rules (issue 11, item 6): one person one deputy (...x is ...X, by add
# and by import); 18 on the day of election (the first day of the term); ethnicity one
# of the 56 groups; look-alikes of the middle dot stored as U+00B7; a mistyped code
# named as such, with "did you mean"; a deputy who has left takes no new voter issue or
# motion; a leave date still to come takes effect on that day; and migration 6 on a
# database written before these rules (free-text ethnicity, ...x, ・ in names).
. "$SRCDIR/tests/lib.sh"

export RENDA_NOW=2026-03-02T09:00:00+08:00
"$RENDA" init >/dev/null 2>&1 || { echo "Bail out! init failed"; exit 1; }
add() { "$RENDA" deputy add --level city --town 乍浦镇 "$@"; }
code() { q "SELECT code FROM deputy WHERE name = '$1'"; }

# ---- one person, one deputy: a final x is X --------------------------------------
# 11010519491231002X is the standard sample ID (check digit X).
check "an ID ending in x is accepted" run 0 add --name 张晓明 --resident_id 11010519491231002x
check "and stored with X" test "$(q "SELECT resident_id FROM deputy WHERE name = '张晓明'")" = 11010519491231002X
check "the same ID with X is the same person: refused" run 1 add --name 张晓明 --resident_id 11010519491231002X
check "and with x again" run 1 add --name 张小明 --resident_id 11010519491231002x
check "one deputy" test "$(q "SELECT count(*) FROM deputy WHERE resident_id LIKE '11010519491231002%'")" = 1
printf 'name,resident_id,level,town,phone\n张晓明,11010519491231002x,city,乍浦镇,13812345678\n' >"$T/x.csv"
check "an import with ...x" run 0 "$RENDA" deputy import "$T/x.csv"
check "updates the ...X deputy" contains "$T/out" "1 changed"
check "instead of adding one" test "$(q "SELECT count(*) || ' ' || max(phone) FROM deputy WHERE resident_id LIKE '11010519491231002%'")" = "1 13812345678"

# ---- 18 on the day of election: the first day of the term ---------------------------
# C17 starts 2021-12-28 (data/ref/terms.csv): born 2003-12-29 is 17 that day.
check "under 18 on the first day of term C17: refused" run 1 add --name 陈小龙 \
	--resident_id "$(fix_id 33048220031229001)" --term C17
check "saying why, naming the field and the day" contains "$T/err" "(birth_date): born 2003-12-29, the deputy was under 18 on 2021-12-28, the first day of term C17"
check "18 on that very day: accepted" run 0 add --name 陈小虎 --resident_id "$(fix_id 33048220031228001)" --term C17
# Without a term, the day of entry (RENDA_NOW 2026-03-02).
check "under 18 today, no term: refused" run 1 add --name 陈小豹 --resident_id "$(fix_id 33048220080303001)"
check "saying today" contains "$T/err" "under 18 today (2026-03-02)"
check "18 today: accepted" run 0 add --name 陈小狮 --resident_id "$(fix_id 33048220080302001)"
# Born 29 February 2004: 18 on 1 March 2022.
"$RENDA" ref add term --code T2802 --level city --number 99 --name 测试届甲 --start_date 2022-02-28 >/dev/null
"$RENDA" ref add term --code T0103 --level city --number 98 --name 测试届乙 --start_date 2022-03-01 >/dev/null
check "born 2004-02-29, term from 2022-02-28: refused" run 1 add --name 林小燕 \
	--resident_id "$(fix_id 33048220040229002)" --term T2802
check "term from 2022-03-01: accepted" run 0 add --name 林小燕 --resident_id "$(fix_id 33048220040229002)" --term T0103
check "moving a deputy to a term that began before 18 is refused" run 1 "$RENDA" deputy edit "$(code 陈小狮)" --term C17

# ---- ethnicity: one of the 56 -------------------------------------------------------
check "56 groups in the reference data" test "$(q 'SELECT count(*) FROM ethnicity')" = 56
check "畲族 is one" run 0 add --name 雷秀英 --resident_id "$(fix_id 33048219700101002)" --ethnicity 畲族
check "回 is taken as 回族" run 0 add --name 马德明 --resident_id "$(fix_id 33048219700101003)" --ethnicity 回
check "stored as 回族" test "$(q "SELECT ethnicity FROM deputy WHERE name = '马德明'")" = 回族
check "GB/T 3304's code 11 is 满族" run 0 add --name 关红梅 --resident_id "$(fix_id 33048219700101004)" --ethnicity 11
check "stored as 满族" test "$(q "SELECT ethnicity FROM deputy WHERE name = '关红梅'")" = 满族
check "free text is refused" run 1 add --name 吴国华 --resident_id "$(fix_id 33048219700101005)" --ethnicity 穿青人
check "naming the field and the list" contains "$T/err" "(ethnicity): '穿青人' is not one of the 56 ethnic groups"
check "an edit too" run 1 "$RENDA" deputy edit "$(code 马德明)" --ethnicity 汉人
check "no ethnicity: 汉族 as before" run 0 add --name 吴国华 --resident_id "$(fix_id 33048219700101005)"
check "is 汉族" test "$(q "SELECT ethnicity FROM deputy WHERE name = '吴国华'")" = 汉族

# ---- the middle dot: look-alikes stored as U+00B7 -----------------------------------
n=0
for dot in ・ ･ • ‧ ∙ ⋅ · ᛫ ． .; do
	n=$((n + 1))
	check "阿沛${dot}阿旺晋美 is accepted" run 0 add --name "阿沛${dot}阿旺晋美" \
		--resident_id "$(fix_id "330482200001010$(printf %02d $n)")" --level town
	check "and stored with U+00B7" test "$(q "SELECT hex(name) FROM deputy WHERE resident_id = '$(fix_id "330482200001010$(printf %02d $n)")'")" = \
		"$(printf '阿沛\302\267阿旺晋美' | od -An -tx1 | tr -d ' \n' | tr a-f A-F)"
done
check "a search with ・ finds 阿沛·阿旺晋美" run 0 "$RENDA" deputy list --search 阿沛・阿旺
check "all of them" test "$(grep -c '阿沛·阿旺晋美' "$T/out")" = "$n"

# ---- a mistyped code ----------------------------------------------------------------
zhang=$(code 张晓明)
# Change the 3rd character to its neighbour in the alphabet: the check character no longer matches.
bad=$(echo "$zhang" | cut -c1-2)$(echo "$zhang" | cut -c3 | tr '2-9A-HJ-NP-Z' '3-9A-HJ-NP-Z2')$(echo "$zhang" | cut -c4-6)
check "show with a mistyped code fails" run 1 "$RENDA" deputy show "$bad"
check "saying the check character does not match" contains "$T/err" "'$bad' is not a deputy code: its check character does not match"
check "and which deputy one character gives" contains "$T/err" "did you mean $zhang (张晓明)"
check "not 'no such deputy'" lacks "$T/err" "no deputy"
swapped=$(echo "$zhang" | cut -c1-3)$(echo "$zhang" | cut -c5)$(echo "$zhang" | cut -c4)$(echo "$zhang" | cut -c6)
if [ "$swapped" != "$zhang" ]; then
	check "two characters swapped" run 1 "$RENDA" deputy show "$swapped"
	check "are found as well" contains "$T/err" "did you mean $zhang (张晓明)"
fi
check "a voter issue with the mistyped code" run 1 "$RENDA" case add --deputy "$bad" --category 城市建设 --title 路灯 --content 内容
check "names the field and the mistake" contains "$T/err" "deputy_code: '$bad' is not a deputy code: its check character does not match"
check "with the deputy meant" contains "$T/err" "did you mean $zhang"
check "a motion with it" run 1 "$RENDA" suggestion add --deputy "$bad" --category 城市建设 --title 标题 --proposal 内容
check "too" contains "$T/err" "did you mean $zhang"
check "a dropped character" run 1 "$RENDA" deputy show "$(echo "$zhang" | cut -c1-5)"
check "is a code of 5 characters" contains "$T/err" "a code has 6 characters; did you mean $zhang"
check "an O in a code" run 1 "$RENDA" deputy show "$(echo "$zhang" | cut -c1-5)O"
check "codes never use O" contains "$T/err" "codes never use 0, O, 1 or I"
# A code whose check character matches but that no deputy has: still "no deputy".
add --name 试码 --resident_id "$(fix_id 33048219600101001)" >/dev/null
free=$(code 试码)
q "DELETE FROM deputy WHERE code = '$free'"
check "a well-formed code of nobody" run 1 "$RENDA" deputy show "$free"
check "is no deputy" contains "$T/err" "no deputy '$free' within your scope"

# ---- a deputy who has left takes no new voter issue or motion -----------------------
shen=$(code 吴国华)
check "吴国华 leaves on 2026-02-01" run 0 "$RENDA" deputy leave "$shen" --date 2026-02-01 --reason 工作调动
check "a new voter issue to him is refused" run 1 "$RENDA" case add --deputy "$shen" --category 城市建设 --title 路灯 --content 内容
check "saying he left and when" contains "$T/err" "deputy_code: 吴国华 ($shen) left office on 2026-02-01"
check "one he received before he left is recorded" run 0 "$RENDA" case add --deputy "$shen" --category 城市建设 \
	--title 一月的来电 --content 内容 --submitted-at 2026-01-15T10:00:00+08:00
check "a motion he would lead is refused" run 1 "$RENDA" suggestion add --deputy "$shen" --category 城市建设 --title 标题 --proposal 内容
check "saying he left" contains "$T/err" "left office on 2026-02-01"

# ---- a leave date still to come takes effect on that day ----------------------------
ma=$(code 马德明)
check "马德明 will leave on 2026-04-01" run 0 "$RENDA" deputy leave "$ma" --date 2026-04-01 --reason 任期届满前辞职
check "show: in office until then" run 0 "$RENDA" deputy show "$ma"
check "status in-office" contains "$T/out" "status	in-office"
check "with the day he leaves" contains "$T/out" "left_date	2026-04-01"
check "list --status in-office has him" run 0 "$RENDA" deputy list --status in-office
check "listed" contains "$T/out" "$ma"
check "a voter issue to him on 03-02 is recorded" run 0 "$RENDA" case add --deputy "$ma" --category 城市建设 --title 三月来电 --content 内容
check "a motion he leads on 03-02 is drafted" run 0 "$RENDA" suggestion add --deputy "$ma" --category 城市建设 --title 三月的建议 --proposal 内容
check "an edit of another field keeps the leave" run 0 "$RENDA" deputy edit "$ma" --phone 13900001111
check "stored: left on 04-01" test "$(q "SELECT status || ' ' || left_date FROM deputy WHERE code = '$ma'")" = "left 2026-04-01"
check "on 2026-04-01" run 0 env RENDA_NOW=2026-04-01T08:00:00+08:00 "$RENDA" deputy show "$ma"
check "he has left" contains "$T/out" "status	left"
check "list --status left has him" run 0 env RENDA_NOW=2026-04-01T08:00:00+08:00 "$RENDA" deputy list --status left
check "listed as left" contains "$T/out" "$ma"
check "a voter issue to him is refused" run 1 env RENDA_NOW=2026-04-01T08:00:00+08:00 "$RENDA" case add --deputy "$ma" --category 城市建设 --title 四月来电 --content 内容
check "saying so" contains "$T/err" "left office on 2026-04-01"
check "cancelling the leave" run 0 "$RENDA" deputy edit "$ma" --status in-office --left_date ""
check "leaves him in office" test "$(q "SELECT status || ' ' || coalesce(left_date, '-') FROM deputy WHERE code = '$ma'")" = "in-office -"

# ---- migration 6 on a database written before these rules ---------------------------
q "INSERT INTO deputy (code, name, gender, ethnicity, resident_id, level, town_id) VALUES
	('MIG01', '金・海燕', '女', ' 回族 ', '$(fix_id 33048219700101006)', 'city', 1),
	('MIG02', '朴•成浩', '男', '朝鲜', '$(fix_id 33048219700101007)', 'city', 1),
	('MIG03', '钱晓东', '男', '蒙族', '$(fix_id 33048219700101008)', 'city', 1),
	('MIG04', '孙立平', '男', '22', '$(fix_id 33048219700101009)', 'city', 1),
	('MIG05', '周建军', '男', 'HA', '$(fix_id 33048219700101010)', 'city', 1),
	('MIG06', '郑国强', '男', '穿青人', '$(fix_id 33048219700101011)', 'city', 1),
	('MIG07', '冯丽君', '女', '', '$(fix_id 33048219700101012)', 'city', 1),
	('MIG08', '褚卫东', '男', '汉', '110105194912310010', 'city', 1),
	('MIG09', '卫小燕', '女', '汉族', '33010219800101000x', 'city', 1),
	('MIG10', '蒋大海', '男', '汉族', '33010219800101000X', 'city', 1),
	('MIG11', '沈小红', '女', '汉族', '33010219800101019x', 'city', 1)"
check "the fixtures' IDs are well formed" test "$(fix_id 33010219800101000)" = 33010219800101000X
check "and the last one ends in X too" test "$(fix_id 33010219800101019)" = 33010219800101019X
# The office's old name, given through renda (audited), as a database of before had it.
dbw=$("$RENDA" ref list office | awk -F '\t' '$2 == "DBW" { print $1 }')
"$RENDA" ref edit office "$dbw" --name 代表与选举任免工作委员会 >/dev/null
# (and without what later migrations added: the indexes and tallies of voter issues, the
# duty tables, the marks of the points kept and their views of schema 26; with what schema
# 29 took away: each audit row's copy of the hash of the row before it)
q "SELECT 'DROP TRIGGER ' || name || ';' FROM sqlite_master WHERE type = 'trigger' AND
	name LIKE 'points_stale_%'" | sqlite3 "$RENDA_DB"
q "DROP VIEW stale_item; DROP VIEW stale_deputy; DROP TABLE points_total; DROP TABLE points_stale;
	DROP TABLE tx_number; DELETE FROM sqlite_stat1 WHERE idx = 'wf_event_points'"
check "a database as schema 9 left it, made from this one" q "DROP TABLE ethnicity; DROP INDEX wf_clock_due; DROP TRIGGER vcase_tally_answered;
	DROP TRIGGER vcase_tally_inserted; DROP TRIGGER vcase_tally_removed; DROP TABLE vcase_tally;
	DROP INDEX vcase_stat; CREATE INDEX vcase_submitted ON vcase (submitted_at);
	DROP TABLE activity_attendance; DROP TABLE activity_signup;
	DROP TABLE activity; DROP TABLE points_correction; DROP TABLE points_rule;
	DROP TABLE points_version; ALTER TABLE deputy DROP COLUMN joined_date;
	ALTER TABLE audit ADD COLUMN prev_hash TEXT NOT NULL DEFAULT '';
	UPDATE audit SET prev_hash = coalesce((SELECT b.hash FROM audit b WHERE b.id = audit.id - 1),
		'$(printf '0%.0s' $(seq 64))');
	PRAGMA user_version = 9"
check "  at schema 9" test "$(q 'PRAGMA user_version')" = 9
check "a database of schema 9 (before the roster's migration) is migrated on open" run 0 "$RENDA" deputy list
check "to schema 10" test "$(q 'PRAGMA user_version')" -ge 10
check "the city office is named 代选工委" test "$(q "SELECT name FROM office WHERE code = 'DBW'")" = 代表与选举任免工作委员会（代选工委）
check "' 回族 ' is 回族" test "$(q "SELECT ethnicity FROM deputy WHERE code = 'MIG01'")" = 回族
check "朝鲜 is 朝鲜族" test "$(q "SELECT ethnicity FROM deputy WHERE code = 'MIG02'")" = 朝鲜族
check "蒙族 is 蒙古族" test "$(q "SELECT ethnicity FROM deputy WHERE code = 'MIG03'")" = 蒙古族
check "22 is 畲族" test "$(q "SELECT ethnicity FROM deputy WHERE code = 'MIG04'")" = 畲族
check "HA is 汉族" test "$(q "SELECT ethnicity FROM deputy WHERE code = 'MIG05'")" = 汉族
check "汉 is 汉族" test "$(q "SELECT ethnicity FROM deputy WHERE code = 'MIG08'")" = 汉族
check "穿青人 is kept, not dropped" test "$(q "SELECT ethnicity FROM deputy WHERE code = 'MIG06'")" = 穿青人
check "an empty one is kept too (no guess)" test "$(q "SELECT ethnicity FROM deputy WHERE code = 'MIG07'")" = ""
check "金・海燕 is 金·海燕" test "$(q "SELECT name FROM deputy WHERE code = 'MIG01'")" = 金·海燕
check "朴•成浩 is 朴·成浩" test "$(q "SELECT name FROM deputy WHERE code = 'MIG02'")" = 朴·成浩
check "a changed record's version moved" test "$(q "SELECT version FROM deputy WHERE code = 'MIG01'")" -gt 1
check "an unchanged one's did not" test "$(q "SELECT version FROM deputy WHERE code = 'MIG10'")" = 1
check "...19x is ...19X" test "$(q "SELECT resident_id FROM deputy WHERE code = 'MIG11'")" = 33010219800101019X
check "...03x whose X form another holds is kept" test "$(q "SELECT resident_id FROM deputy WHERE code = 'MIG09'")" = 33010219800101000x
# The test wrote deputies with sqlite3 (a code freed by DELETE, the rows above): renda
# check names those, and nothing the migration changed, which it audited.
check "renda check names what the test wrote with sqlite3" run 1 "$RENDA" check
cp "$T/err" "$T/check.out"
check "but lists 穿青人" contains "$T/err" "MIG06): ethnicity '穿青人' is not one of the 56 groups"
check "and the empty one" contains "$T/err" "MIG07): ethnicity '' is not one of the 56 groups"
check "and the one person held twice" contains "$T/err" "卫小燕 (MIG09) and"
check "naming the other record" contains "$T/err" "蒋大海 (MIG10) have one resident ID"
check "nothing else" test "$(grep -c 'roster:' "$T/err")" = 3
check "check names the deputies put in by hand" \
	test "$(grep -c "^records: deputy .* has no audit row" "$T/check.out")" = 9
check "  the row that took the deleted one's id" \
	contains "$T/check.out" "records: deputy $(q "SELECT id FROM deputy WHERE code = 'MIG01'") differs"
check "  and no other kind of record: not the office the migration renamed" \
	test "$(grep '^records: ' "$T/check.out" | grep -vc '^records: \(deputy \|\.\.\. and 1 more deputy\)')" = 0
check "  whose change has an audit row" run 0 "$RENDA" audit list --entity office --id "$dbw" --limit 1
check "  by the migration" test "$(tsv_col "$T/out" action)" = migrate

done_testing
