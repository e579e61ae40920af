#!/bin/sh
# Towns that work apart (DESIGN 4.8, issue 19): the city's database and two towns' own
# (乍浦镇, 新埭镇) exchange files. Both sides add and change records of every module of
# the registry and reference data, apart; after files go both ways, what each side
# shows of 乍浦镇 (its list, show, history, clocks and sub-lists of every module, read
# as 乍浦镇's town clerk, and every kind of reference data) is the same. A record changed
# on both sides is listed on both, its other version kept, and resolved; a file applied
# twice changes nothing; a file skipped is refused, naming the missing one (both ways); a town's
# file holds no other town's record, and one that does is refused; a file changed on
# the way or signed with another key is refused; every change applied has its audit row.
# The livelihood projects: a town's cycles, proposals, projects and opinions are the
# town's and travel, the city's own cycle stays the city's; a ballot's tally sheets stay
# where they are typed, and its figures travel once counted.
. "$SRCDIR/tests/lib.sh"

export RENDA_NOW=2026-03-02T09:00:00+08:00
city="$T/city.db" zp="$T/zp.db" xd="$T/xd.db"
C() { "$RENDA" --db "$city" "$@"; }
Z() { "$RENDA" --db "$zp" "$@"; }
X() { "$RENDA" --db "$xd" "$@"; }
# S CMD...: a step of the set-up, which must work.
S() { "$@" >"$T/s.out" 2>"$T/s.err" || { echo "Bail out! $*: $(cat "$T/s.err")"; exit 1; }; }
db_of() { case $1 in city) echo "$city" ;; zp) echo "$zp" ;; xd) echo "$xd" ;; esac; }
name_of() { case $1 in city) echo city ;; zp) echo 乍浦镇 ;; xd) echo 新埭镇 ;; esac; }
k=0
# send FROM TO: FROM writes its next file for TO; the file is $file.
send() {
	k=$((k + 1))
	file="$T/f$k-$1-to-$2.sync"
	run 0 "$RENDA" --db "$(db_of "$1")" sync export --to "$(name_of "$2")" --out "$file"
}
# take TO: TO applies $file.
take() { run 0 "$RENDA" --db "$(db_of "$1")" sync apply "$file"; }
# trade A B: files both ways, twice (the second round carries what each applied).
trade() {
	send "$1" "$2" && take "$2" && send "$2" "$1" && take "$1" &&
		send "$1" "$2" && take "$2" && send "$2" "$1" && take "$1"
}
code_on() { "$RENDA" --db "$1" deputy list --search "$2" 2>/dev/null | awk -F '\t' -v n="$2" 'NR > 1 && $3 == n { print $2; exit }'; }
case_on() { "$RENDA" --db "$1" case list --search "$2" 2>/dev/null | tsv_col - number | head -1; }
sugg_on() { "$RENDA" --db "$1" suggestion list 2>/dev/null | awk -F '\t' -v t="$2" 'NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next } $h["title"] == t { print $h["id"]; exit }'; }
# role_on DB ROLE [TOWN]: as_role on another database than $RENDA_DB.
role_on() {
	r_db=$1
	shift
	r_save=$RENDA_DB
	RENDA_DB=$r_db
	as_role "$@"
	RENDA_DB=$r_save
}

# ---- three databases and their keys ------------------------------------------------
S C init
S Z init --site 乍浦镇
S X init --site 新埭镇
check "the city makes the key of 乍浦镇's database" run 0 C sync key --to 乍浦镇 --out "$T/zp.key"
check "  a file for the owner alone (0600)" test "$(stat -c %a "$T/zp.key")" = 600
check "  which 乍浦镇 loads" run 0 Z sync key-load "$T/zp.key"
check "  saying with whom it exchanges" contains "$T/out" "loaded the key for exchanging with the city"
check "新埭镇 does not load 乍浦镇's key" run 1 X sync key-load "$T/zp.key"
check "  naming whose it is" contains "$T/err" "is the key of 乍浦镇's database, and this is 新埭镇's"
check "a town makes no keys" run 1 Z sync key --to 新埭镇 --out "$T/no.key"
check "the city loads none" run 1 C sync key-load "$T/zp.key"
S C sync key --to 新埭镇 --out "$T/xd.key"
S X sync key-load "$T/xd.key"
check "the city exchanges with the two towns" run 0 C sync peers
check "  both listed" test "$(tsv_col "$T/out" name | tr '\n' ' ')" = "乍浦镇 新埭镇 "
check "writing for a town without a key is refused" run 1 C sync export --to 新仓镇 --out "$T/no.sync"
check "  saying how to make one" contains "$T/err" "renda sync key --to 新仓镇"

# ---- apart, before the first exchange -------------------------------------------------
# The city: deputies of both towns, a voter issue of each (新埭镇's holds a word that must
# never reach 乍浦镇), a unit renamed (reference data).
S C deputy add --name 沈建国 --resident_id "$(fix_id 33048219700101001)" --level city --town 乍浦镇
S C deputy add --name 顾秀英 --resident_id "$(fix_id 33048219800202002)" --level town --town 乍浦镇
S C deputy add --name 陆伟明 --resident_id "$(fix_id 33048219750303003)" --level city --town 新埭镇 --phone 13988887777
shen=$(code_on "$city" 沈建国) gu=$(code_on "$city" 顾秀英) lu=$(code_on "$city" 陆伟明)
S C case add --deputy "$shen" --category 城市建设 --title 市录路灯事项 --content 乍浦老街路灯不亮
caseA=$(case_on "$city" 市录路灯事项)
S C case act "$caseA" forward
S C case add --deputy "$lu" --category 城市建设 --title 秘新埭事项 --content 秘新埭内容
S C ref edit unit "$(C ref list unit | awk -F '\t' '$3 == "平湖市住房和城乡建设局" { print $1 }')" --name 平湖市住房和城乡建设局（市建设局）
# 乍浦镇: its own deputy, a liaison station of its own, a voter issue and a suggestion of
# its congress.
S Z deputy add --name 何春华 --resident_id "$(fix_id 33048219720301002)" --level town --town 乍浦镇
he=$(code_on "$zp" 何春华)
S Z ref add station --code ZP-SYNC --name 乍浦镇海塘联络站 --town 乍浦镇 --address 海塘路1号
S Z case add --deputy "$he" --category 生态环境 --title 镇录河道事项 --content 河面漂浮物多 --voter-name 王秘民 --voter-phone 13900001111
caseB=$(case_on "$zp" 镇录河道事项)
S Z case act "$caseB" forward
check "乍浦镇's own case has the town's number" test "$caseB" = ZP-2026-000001
S Z suggestion add --kind suggestion --deputy "$he" --category 城市建设 --title 镇级道路建议 --proposal 拓宽海塘路 --session ZP18-5
S Z suggestion act "$(sugg_on "$zp" 镇级道路建议)" submit
# The city's own cycle of livelihood projects: never 乍浦镇's.
S C project cycle add --year 2026 --choose 1 --candidates 2 --bottom 0
S C project proposal add --cycle 2026-CITY --deputy "$shen" --title 市级秘项目提案
# 乍浦镇's congress: the 2026 cycle voted (the voting system's file, its one deputy) with
# two projects chosen; the 2027 cycle at its vote, the first clerk's tally sheet typed.
S Z project cycle add --year 2026 --town 乍浦镇 --choose 2 --candidates 3 --bottom 0
for t in 集镇污水管网改造 文化礼堂提升 老街路面改造; do
	S Z project proposal add --cycle 2026-ZP --deputy "$he" --title "$t"
done
for z in 1 2 3; do S Z project proposal act 2026-ZP-Z0$z adopt --text 同意; done
S Z project cycle act 2026-ZP list
S Z project cycle act 2026-ZP review --text 同意提请票决
S Z project cycle act 2026-ZP ballot
printf 'item,issued,returned,valid,invalid,yes,no,abstain\n2026-ZP-Z01,1,1,1,0,1,0,0\n2026-ZP-Z02,1,1,1,0,1,0,0\n2026-ZP-Z03,1,1,1,0,0,1,0\n' >"$T/v2026.csv"
S Z project cycle import 2026-ZP "$T/v2026.csv"
S Z project cycle act 2026-ZP count
check "乍浦镇's vote chose two projects" test "$(Z project list | tsv_col - number | sort | tr '\n' ' ')" = "2026-ZP-01 2026-ZP-02 "
S Z project cycle add --year 2027 --town 乍浦镇 --choose 1 --candidates 2 --bottom 0
for t in 海塘绿道建设 农贸市场改造; do
	S Z project proposal add --cycle 2027-ZP --deputy "$he" --title "$t"
done
for z in 1 2; do S Z project proposal act 2027-ZP-Z0$z adopt --text 同意; done
S Z project cycle act 2027-ZP list
S Z project cycle act 2027-ZP review --text 同意提请票决
S Z project cycle act 2027-ZP ballot
S Z project cycle tally 2027-ZP --issued 1 --returned 1 --valid 1 --invalid 0 --item 2027-ZP-Z01=1,0,0 --item 2027-ZP-Z02=0,1,0
check "乍浦镇 may not change the city's reference data" run 1 Z ref add category --code ZZ --name 镇里自加
check "  saying it comes from the city" contains "$T/err" "holds the city's reference data"

# ---- the first exchange ------------------------------------------------------------------
check "the city writes its first file for 乍浦镇" send city zp
first_city=$file
check "  of the records 乍浦镇 does not hold: the reference data and its own" contains "$T/out" "wrote file 1 for 乍浦镇"
check "it holds nothing of 新埭镇's voter issue" sh -c "! grep -aqF 秘新埭 '$file'"
check "nor 新埭镇's deputy" sh -c "! grep -aqF 13988887777 '$file'"
check "nor the city's own cycle of livelihood projects" sh -c "! grep -aqF 市级秘项目提案 '$file'"
check "乍浦镇 applies it" take zp
check "乍浦镇 writes its first file for the city" send zp city
check "the city applies it" take city
check "  乍浦镇's cycles of livelihood projects are at the city" test "$(C project cycle list | tsv_col - number | grep ZP | sort | tr '\n' ' ')" = "2026-ZP 2027-ZP "
sheets_on() { "$RENDA" --db "$1" project cycle show 2027-ZP | awk -F '\t' '$1 == "sheets" { print "[" $2 "]" }'; }
check "  the first clerk's tally sheet of 2027 stays where it was typed" test "$(sheets_on "$zp")|$(sheets_on "$city")" = "[$(id -un)]|[]"
check "  its step is in the cycle's history there" run 0 C project cycle history 2027-ZP
check "    the first sheet entered" contains "$T/out" "tally sheet 1 entered"
check "新埭镇 gets its own from the city" send city xd
check "  which has its voter issue (the same test finds a record when it is there)" grep -aqF 秘新埭 "$file"
S X sync apply "$file"

# ---- apart again: each side changes what the other made, in every module -------------
# Every module of the registry (the groups of renda --help that list and show records)
# needs a step here for each side: a new module fails this test until it has them.
# A group of several words (project cycle) is named with _ (edit_city_project_cycle).
helpcmds() { "$RENDA" --help | awk '/^Commands:/ { on = 1; next } on && /^  [a-z]/ { n = split($0, w, /  +/); print w[2] }'; }
modules=$(helpcmds | awk '{ g = $1; for (i = 2; i < NF; i++) g = g "_" $i }
	$NF == "list" { l[g] = 1 } $NF == "show" { s[g] = 1 } END { for (g in l) if (g in s) print g }' | sort)
check "the registry's modules are found ($(echo $modules))" test "$(echo "$modules" | wc -w)" -ge 7
edit_city_deputy() {
	S C deputy add --name 朱立新 --resident_id "$(fix_id 33048219720301001)" --level city --town 乍浦镇 &&
		S C deputy edit "$(code_on "$city" 何春华)" --phone 13912345678
}
edit_town_deputy() {
	S Z deputy edit "$shen" --occupation 乍浦镇农业技术员 &&
		S Z deputy add --name 林志强 --resident_id "$(fix_id 33048219720301003)" --level town --town 乍浦镇
}
edit_city_case() {
	S C case act "$caseB" assign --unit 乍浦镇人民政府 &&
		S C case add --deputy "$gu" --category 社会事业 --title 市录养老事项 --content 养老服务点太少
}
edit_town_case() {
	S Z case act "$caseA" assign --unit 平湖市住房和城乡建设局（市建设局） --support 乍浦镇人民政府 &&
		S Z case act "$caseA" reply --text 路灯已修复 &&
		S Z case like "$caseA" --deputy "$he" &&
		S Z case comment "$caseA" --deputy "$gu" --text 修得及时 --rating 5 &&
		S Z case add --deputy "$gu" --category 教科文卫 --title 镇录校门事项 --content 校门口拥堵
}
edit_city_suggestion() {
	S C suggestion act "$(sugg_on "$city" 镇级道路建议)" register &&
		S C suggestion act "$(sugg_on "$city" 镇级道路建议)" assign --unit 乍浦镇人民政府
}
edit_town_suggestion() {
	S Z suggestion add --kind suggestion --deputy "$gu" --category 农业农村 --title 镇级农田建议 --proposal 修缮沟渠 --session ZP18-5 &&
		S Z suggestion invite "$(sugg_on "$zp" 镇级农田建议)" --deputy "$he"
}
# The city assigns and takes an opinion on one of 乍浦镇's projects, 乍浦镇 on the other;
# the city opens 乍浦镇's 2028 cycle and takes a proposal for it; 乍浦镇 imports the 2027
# vote (its typed sheet set aside; two of its three deputies), counts it, and opens its
# 2029 cycle with a proposal.
edit_city_project() { S C project act 2026-ZP-01 assign --unit 乍浦镇人民政府; }
edit_town_project() {
	S Z project act 2026-ZP-02 assign --unit 平湖市住房和城乡建设局（市建设局） &&
		S Z project update 2026-ZP-02 --percent 30 --spent 500000 --text 完成设计招标
}
edit_city_project_cycle() { S C project cycle add --year 2028 --town 乍浦镇 --choose 1 --candidates 2 --bottom 0; }
edit_town_project_cycle() {
	printf 'item,issued,returned,valid,invalid,yes,no,abstain\n2027-ZP-Z01,2,2,2,0,2,0,0\n2027-ZP-Z02,2,2,2,0,0,2,0\n' >"$T/v2027.csv" &&
		S Z project cycle import 2027-ZP "$T/v2027.csv" &&
		S Z project cycle act 2027-ZP count &&
		S Z project cycle add --year 2029 --town 乍浦镇 --choose 1 --candidates 2 --bottom 0
}
edit_city_project_opinion() { S C project opinion add 2026-ZP-01 --deputy "$he" --text 市里关注施工安全; }
edit_town_project_opinion() { S Z project opinion add 2026-ZP-02 --deputy "$gu" --text 镇里希望加快进度; }
edit_city_project_proposal() { S C project proposal add --cycle 2028-ZP --deputy "$gu" --title 市录镇级提案; }
edit_town_project_proposal() {
	S Z project proposal add --cycle 2029-ZP --source public --proposer 张三 --title 镇录公众提案 &&
		S Z project proposal act 2029-ZP-Z01 adopt --text 群众呼声高
}
# Activities: the city plans one for 乍浦镇's deputies and opens it; 乍浦镇 plans its own,
# opens it and confirms a sign-up. Attendance rows travel with their activity.
act_on() { "$RENDA" --db "$1" activity list 2>/dev/null | awk -F '\t' -v t="$2" 'NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next } $h["title"] == t { print $h["number"]; exit }'; }
edit_city_activity() {
	S C activity add --kind inspection --title 市组织乍浦视察 --starts 2026-03-20T09:00 --place 乍浦港区 --town 乍浦镇 &&
		S C activity act "$(act_on "$city" 市组织乍浦视察)" open &&
		S C activity sign-up "$(act_on "$city" 市组织乍浦视察)" --deputy "$gu"
}
edit_town_activity() {
	S Z activity add --kind research --title 镇组织海塘调研 --starts 2026-03-03T14:00 --place 乍浦镇政府 --town 乍浦镇 &&
		S Z activity act "$(act_on "$zp" 镇组织海塘调研)" open &&
		S Z activity sign-up "$(act_on "$zp" 镇组织海塘调研)" --deputy "$he" &&
		S Z activity confirm "$(act_on "$zp" 镇组织海塘调研)" --deputy "$he"
}
# The library of policies is the city's reference data: the city adds a document; 乍浦镇's
# own database is refused (it has the library from the city's files).
edit_city_policy() {
	S C policy add --title 平湖市预算审查监督办法 --issuer 平湖市人大常委会 --date 2025-06-01 --number 平人发〔2025〕3号 --text 预算执行应当符合序时进度
}
edit_town_policy() {
	check "乍浦镇's own database does not change the city's library" run 1 Z policy add --title 镇录文件 --issuer 乍浦镇人大 --date 2025-06-01
	check "  and says whose it is" contains "$T/err" "the library of policies and regulations is the city's"
}
# Finance warnings are the city's: raised by the city's imports, never sent to a town.
edit_city_warning() {
	printf 'period,department_code,department,function_code,function,annual,executed\n2026-02,D-MSJ,平湖市秘审计测试局,2100101,行政运行,1000000,50000\n' >"$T/exec2.csv" &&
		S C finance import budget "$T/exec2.csv" &&
		S C warning act "$(C warning list | tsv_col - number | head -1)" send --unit 平湖市财政局 --text 请自查
}
edit_town_warning() {
	role_on "$zp" town-clerk 乍浦镇
	check "乍浦镇's town clerk does not see finance warnings" run 1 "$RENDA" --db "$zp" warning list
	role_on "$zp" admin
}
for m in $modules; do
	for side in city town; do
		if command -v "edit_${side}_$m" >/dev/null 2>&1; then
			"edit_${side}_$m"
		else
			not_ok "module $m: this test has no edit_${side}_$m: say how the $side changes its records apart"
		fi
	done
done
# Reference data: the city adds and changes; 乍浦镇 changes its own station.
S C ref add category --code QT2 --name 城乡融合
S C ref edit station "$(C ref list station | awk -F '\t' '$3 == "乍浦镇海塘联络站" { print $1 }')" --address 海塘路2号
S Z ref add group --code ZP-SYNC-G --name 乍浦镇海塘代表小组 --town 乍浦镇

check "files go both ways" trade city zp
check "  the last ones change nothing more" contains "$T/out" "0 changes"

# ---- both sides show the same ---------------------------------------------------------------
# view DB OUT: every module's records as 乍浦镇's town clerk reads them, and all reference data.
view() {
	v_db=$1 v_out=$2
	: >"$v_out"
	role_on "$v_db" town-clerk 乍浦镇
	for m in $modules; do
		g=$(echo "$m" | tr _ ' ')
		"$RENDA" --db "$v_db" $g list >"$T/list" 2>&1
		{ echo "== $g list"; cat "$T/list"; } >>"$v_out"
		verbs=$("$RENDA" --help | awk -v g="$g" '/^  [a-z]/ { n = split($0, w, /  +/); c = w[2]
			if (index(c, g " ") != 1) next; v = substr(c, length(g) + 2); if (v ~ / /) next
			if (v == "history" || v == "clocks" || w[3] ~ /sub-list/) print v }')
		for id in $(tsv_col "$T/list" id); do
			for verb in show $verbs; do
				echo "== $g $verb $id" >>"$v_out"
				"$RENDA" --db "$v_db" $g "$verb" "$id" >>"$v_out" 2>&1
			done
		done
	done
	# The statistics (the answered deadlines are tallied by triggers as clocks stop: on
	# the side that took the step, and on the other as the exchange brings the clock).
	for s in $("$RENDA" --help | awk '$1 == "stats" { print $2 }'); do
		for by in unit category; do
			{ echo "== stats $s $by"; "$RENDA" --db "$v_db" stats "$s" --by "$by"; } >>"$v_out" 2>&1
		done
	done
	role_on "$v_db" admin
	kinds=$("$RENDA" ref list --help | sed -n 's/.*reference data: //p' | tr -d ',')
	for kind in $kinds; do
		{ echo "== ref $kind"; "$RENDA" --db "$v_db" ref list "$kind"; } >>"$v_out" 2>&1
	done
}
view "$city" "$T/city.view"
view "$zp" "$T/zp.view"
check "the two views have every module's records" test "$(grep -c '^== .* show ' "$T/city.view")" -ge 9
awk '/^== stats cases unit$/ { on = 1; next } /^==/ { on = 0 } on' "$T/city.view" >"$T/stats"
check "  and the statistics, with a reply deadline answered" sh -c "awk -F '\t' 'NR == 1 { for (i = 1; i <= NF; i++) if (\$i == \"reply_due\") n = i; next } n && \$n > 0' '$T/stats' | grep -q ."
check "  the city's records, 乍浦镇's and those each changed of the other's" sh -c \
	"grep -q 市录养老事项 '$T/zp.view' && grep -q 镇录校门事项 '$T/city.view' && grep -q 乍浦镇农业技术员 '$T/city.view' && grep -q 13912345678 '$T/zp.view' && grep -q 城乡融合 '$T/zp.view' && grep -q 乍浦镇海塘代表小组 '$T/city.view'"
check "  the projects' too: each side's assignment, update, opinions, cycles and proposals" sh -c \
	"grep -q 市里关注施工安全 '$T/zp.view' && grep -q 镇里希望加快进度 '$T/city.view' && grep -q 完成设计招标 '$T/city.view' && grep -q 2027-ZP-01 '$T/city.view' && grep -q 市录镇级提案 '$T/zp.view' && grep -q 镇录公众提案 '$T/city.view'"
check "  the activities: each side's, with the sign-ups" sh -c "grep -q 市组织乍浦视察 '$T/zp.view' && grep -q 镇组织海塘调研 '$T/city.view'"
check "  the city's library at 乍浦镇, searched there by two characters" run 0 Z policy list --search 预算
check "    found" contains "$T/out" 平湖市预算审查监督办法
check "  the city's finance warnings stay at the city" sh -c "! grep -aqF 秘审计测试局 '$T'/f*-city-to-zp.sync && test \"\$('$RENDA' --db '$zp' warning list | wc -l)\" -le 1"
check "  the city's own cycle only at the city" sh -c "! grep -q 市级秘项目提案 '$T/zp.view' && '$RENDA' --db '$city' project proposal list | grep -q 市级秘项目提案"
check "  the 2027 sheet set aside by the import, on both sides" test "$(sheets_on "$city")|$(sheets_on "$zp")" = "[]|[]"
check "what the city and 乍浦镇 show of 乍浦镇 is the same" cmp -s "$T/city.view" "$T/zp.view"
diff "$T/city.view" "$T/zp.view" | head -20 | diag
check "乍浦镇 holds nothing of 新埭镇's" sh -c "! grep -q 秘新埭 '$T/zp.view'"
check "a case made in 乍浦镇 is found by the city's search (three characters)" run 0 C case list --search 校门口
check "  one" test "$(nrows "$T/out")" = 1
check "  and by one character" run 0 C case list --search 堵
check "  one too" test "$(nrows "$T/out")" = 1
for d in city zp; do
	check "renda check on $d: the audit trail is intact and every record matches its last row" run 0 "$RENDA" --db "$(db_of $d)" check
	check "  (records)" contains "$T/out" "records: each matches its audit rows"
done
check "every change applied is in the city's audit trail: the comment made at 乍浦镇" run 0 C audit list --entity case_comment
check "  applied (action sync)" sh -c "awk -F '\t' '\$7 == \"sync\"' '$T/out' | grep -q ."
check "乍浦镇's assignment of the city's case came with an audit row" run 0 C audit list --entity case
check "  action sync, by the one who applied it" sh -c "awk -F '\t' '\$7 == \"sync\"' '$T/out' | grep -q ."

# ---- a step on the other side's step ----------------------------------------------------
# 乍浦镇 replied to the city's voter issue; the city records the voter's evaluation (its
# event keeps the evaluation on its first line) and 乍浦镇 takes the issue up again.
S C case act "$caseA" evaluate --eval unsatisfied --text 灯又坏了
check "an evaluation recorded at the city goes to 乍浦镇" trade city zp
check "  in its history, with what the voter said" sh -c "'$RENDA' --db '$zp' case history '$caseA' | grep -q 灯又坏了"
check "  and the issue is where the city left it" test "$(Z case show "$caseA" | awk -F '\t' '$1 == "state" || $1 == "evaluation" { print $2 }' | tr '\n' ' ')" = \
	"$(C case show "$caseA" | awk -F '\t' '$1 == "state" || $1 == "evaluation" { print $2 }' | tr '\n' ' ')"
check "  sent back to be handled again" test "$(Z case show "$caseA" | awk -F '\t' '$1 == "state" { print $2 }')" = assigned
S Z case act "$caseA" reply --text 路灯已更换
check "乍浦镇's new reply goes to the city" trade zp city
check "  replied there" test "$(C case show "$caseA" | awk -F '\t' '$1 == "state" { print $2 }')" = replied

# ---- a record changed on both sides ------------------------------------------------------
S C case act "$caseB" chase --text 市里第一次催办
S Z case act "$caseB" respond --text 镇政府已派人清理
S C deputy edit "$he" --phone 13911110000
S Z deputy edit "$he" --phone 13922220000
check "the city writes" send city zp
check "乍浦镇 applies" take zp
check "  two records were changed there too" contains "$T/out" "2 records were changed here too"
check "乍浦镇 writes" send zp city
check "the city applies" take city
check "the city lists both" run 0 C sync conflicts
check "  two open" test "$(nrows "$T/out")" = 2
cid_case=$(awk -F '\t' '$3 == "case" { print $1 }' "$T/out")
cid_dep=$(awk -F '\t' '$3 == "deputy" { print $1 }' "$T/out")
check "乍浦镇's version of the case is kept beside the city's" run 0 C sync conflicts "$cid_case"
check "  the town's response is there" contains "$T/out" 镇政府已派人清理
check "  and the state each side has" sh -c "awk -F '\t' '\$3 == \"state\" && \$4 == \"assigned\" && \$5 == \"responded\" && \$6 == 1' '$T/out' | grep -q ."
check "not overwritten: the city's case is as the city left it" test "$(C case show "$caseB" | awk -F '\t' '$1 == "state" { print $2 }')" = assigned
check "the deputy's phone, side by side" run 0 C sync conflicts "$cid_dep"
check "  ours and theirs" sh -c "awk -F '\t' '\$3 == \"phone\" && \$4 == \"13911110000\" && \$5 == \"13922220000\"' '$T/out' | grep -q ."
check "乍浦镇 lists them too" run 0 Z sync conflicts
check "  two" test "$(nrows "$T/out")" = 2
zcid_dep=$(awk -F '\t' '$3 == "deputy" { print $1 }' "$T/out")
check "the city takes 乍浦镇's version of the case" run 0 C sync resolve "$cid_case" theirs
check "  now responded here" test "$(C case show "$caseB" | awk -F '\t' '$1 == "state" { print $2 }')" = responded
check "  with both steps in its history" sh -c "'$RENDA' --db '$city' case history '$caseB' | grep -q 市里第一次催办 && '$RENDA' --db '$city' case history '$caseB' | grep -q 镇政府已派人清理"
check "乍浦镇 keeps its version of the deputy" run 0 Z sync resolve "$zcid_dep" mine
check "a conflict is resolved once" run 1 Z sync resolve "$zcid_dep" theirs
check "files go both ways" trade city zp
check "no conflict is left open at the city" test "$(C sync conflicts | nrows -)" = 0
check "nor at 乍浦镇" test "$(Z sync conflicts | nrows -)" = 0
check "  each closed by the other side's resolution" sh -c "'$RENDA' --db '$city' sync conflicts --all | grep -q resolved-there; '$RENDA' --db '$zp' sync conflicts --all | grep -q peer"
check "the deputy's phone is 乍浦镇's on both sides" test "$(C deputy show "$he" | awk -F '\t' '$1 == "phone" { print $2 }')|$(Z deputy show "$he" | awk -F '\t' '$1 == "phone" { print $2 }')" = "13922220000|13922220000"
view "$city" "$T/city.view"
view "$zp" "$T/zp.view"
check "after the conflicts both sides show the same again" cmp -s "$T/city.view" "$T/zp.view"
diff "$T/city.view" "$T/zp.view" | head -20 | diag

# ---- exactly once, in order ----------------------------------------------------------
# (the last file was 乍浦镇's, applied at the city)
before=$(sqlite3 "$city" .dump | sha256sum)
check "a file applied again" run 0 C sync apply "$file"
check "  says so" contains "$T/out" "was applied before: nothing changed"
# The database itself: not one byte of its contents moved.
check "  and changes nothing" test "$(sqlite3 "$city" .dump | sha256sum)" = "$before"
before=$(sqlite3 "$zp" .dump | sha256sum)
S C case act "$caseB" chase --text 第二次催办
check "the city writes file N" send city zp
fileN=$file
S C case act "$caseB" chase --text 第三次催办
check "and file N+1" send city zp
fileN1=$file
nN=$(echo "$fileN" | sed 's/.*\/f[0-9]*-.*//'; C sync log | awk -F '\t' -v f="$fileN" '$12 == f { print $4 }')
check "N+1 before N is refused" run 1 Z sync apply "$fileN1"
check "  naming the missing file" contains "$T/err" "apply file $nN first"
check "  and nothing changed" test "$(sqlite3 "$zp" .dump | sha256sum)" = "$before"
check "file N written again is the same file" run 0 C sync export --to 乍浦镇 --out "$T/again.sync" --again "$nN"
check "  byte for byte" cmp -s "$T/again.sync" "$fileN"
check "N, then N+1" sh -c "'$RENDA' --db '$zp' sync apply '$T/again.sync' >/dev/null && '$RENDA' --db '$zp' sync apply '$fileN1' >/dev/null"
check "  both steps arrived" sh -c "'$RENDA' --db '$zp' case history '$caseB' | grep -q 第三次催办"
# The other way: 乍浦镇's files at the city.
before=$(sqlite3 "$city" .dump | sha256sum)
S Z deputy edit "$shen" --occupation 乍浦镇渔业技术员
check "乍浦镇 writes file M" send zp city
fileM=$file
S Z deputy edit "$shen" --occupation 乍浦镇水产技术员
check "and file M+1" send zp city
fileM1=$file
nM=$(Z sync log | awk -F '\t' -v f="$fileM" '$12 == f { print $4 }')
check "  M is a number" test -n "$nM"
check "M+1 before M is refused at the city" run 1 C sync apply "$fileM1"
check "  naming the missing file" contains "$T/err" "apply file $nM first"
check "  and nothing changed there" test "$(sqlite3 "$city" .dump | sha256sum)" = "$before"
check "M, then M+1" sh -c "'$RENDA' --db '$city' sync apply '$fileM' >/dev/null && '$RENDA' --db '$city' sync apply '$fileM1' >/dev/null"
check "  the last change is the city's" test "$(C deputy show "$shen" | awk -F '\t' '$1 == "occupation" { print $2 }')" = 乍浦镇水产技术员

# ---- signatures -------------------------------------------------------------------------------
S C case act "$caseB" chase --text 第四次催办
send city zp
hdr=$(awk '/^$/ { print NR; exit }' "$file")
size=$(wc -c <"$file")
cp "$file" "$T/bad.sync"
printf 'Z' | dd of="$T/bad.sync" bs=1 seek=$((size - 3)) conv=notrunc 2>/dev/null
check "a file changed on the way is refused" run 1 Z sync apply "$T/bad.sync"
check "  saying so" contains "$T/err" "was changed or cut short on the way"
sed 's/^by root$/by evil/; s/^by .*$/by forger/' "$file" >"$T/bad.sync"
check "a header changed is refused" run 1 Z sync apply "$T/bad.sync"
check "  its signature does not hold" contains "$T/err" "does not carry a valid signature"
check "a file for 乍浦镇 is refused at 新埭镇" run 1 X sync apply "$file"
check "  naming whose it is" contains "$T/err" "is for 乍浦镇's database"
printf 'hello\n' >"$T/bad.sync"
check "a file that is none is refused" run 1 Z sync apply "$T/bad.sync"
check "the good one applies" take zp
: "$hdr"

# ---- a town's file holds its own records only ---------------------------------------------
S Z case add --deputy "$he" --town 新埭镇 --category 其他 --title 秘外镇事项 --content 秘外镇内容
check "乍浦镇 writes" send zp city
check "  nothing of the case it recorded for 新埭镇" sh -c "! grep -aqF 秘外镇 '$file'"
take city
check "  and the city has none of it" test "$(C case list --search 秘外镇事项 | nrows -)" = 0
# A file of 新埭镇's, re-signed as if 乍浦镇 sent it with 乍浦镇's key: a valid signature,
# but records of another town.
S X case add --deputy "$lu" --category 其他 --title 新埭自录事项 --content 新埭内容
S X sync export --to city --out "$T/xd.sync"
next=$(($(C sync peers | awk -F '\t' '$2 == "乍浦镇" { print $6 }') + 1))
base=$(Z sync peers | awk -F '\t' '{ print $6 }' | tail -1)
/usr/bin/python3 - "$T/xd.sync" "$T/zp.key" "$T/forged.sync" "$next" "$base" <<'EOF'
import hashlib, hmac, sys
src, keyfile, out, seq, base = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
data = open(src, 'rb').read()
head, payload = data.split(b'\n\n', 1)
lines = dict(l.split(' ', 1) for l in head.decode().split('\n')[1:])
keys = dict(l.split(' ', 1) for l in open(keyfile).read().split('\n')[1:] if l)
key = bytes.fromhex(keys['key'])
text = ('renda exchange 1\nfrom 4\nto 0\nseq %s\nbase %s\nkey %s\nmade %s\nby %s\nsizes %s\n'
        'sha256 %s\n') % (seq, base, keys['id'], lines['made'], lines['by'], lines['sizes'],
                          hashlib.sha256(payload).hexdigest())
mac = hmac.new(key, text.encode(), hashlib.sha256).hexdigest()
open(out, 'wb').write(text.encode() + ('mac %s\n\n' % mac).encode() + payload)
EOF
check "a file of 乍浦镇's that changes 新埭镇's records is refused" run 1 C sync apply "$T/forged.sync"
check "  naming the record and the town" contains "$T/err" "which is not 乍浦镇's: nothing was applied"
check "  nothing of it was kept" test "$(C case list --search 新埭自录事项 | nrows -)" = 0
check "新埭镇's own file is applied" run 0 C sync apply "$T/xd.sync"
check "  and its case is at the city" test "$(C case list --search 新埭自录事项 | nrows -)" = 1

# ---- the exchange log, and who may exchange -------------------------------------------------
check "the exchange log" run 0 C sync log
check "  every file written and applied, with the account" sh -c "awk -F '\t' 'NR > 1 && \$7 == \"$me\"' '$T/out' | wc -l | grep -qv '^0$'"
check "  written and applied ones" sh -c "grep -q '	sent	' '$T/out' && grep -q '	applied	' '$T/out'"
check "the exchange itself is in the audit trail" run 0 C audit list --entity sync
check "  keys, files written and applied, conflicts and their resolution" sh -c \
	"for a in key export apply conflict take-theirs resolved-there; do awk -F '\t' -v a=\$a '\$7 == a' '$T/out' | grep -q . || exit 1; done"
role_on "$city" city-clerk
check "a city clerk may not write a file" run 1 C sync export --to 乍浦镇 --out "$T/clerk.sync"
check "  saying who may" contains "$T/err" "only an administrator"
check "  nor read the log" run 1 C sync log
check "  nor resolve" run 1 C sync resolve 1 mine
role_on "$city" admin

done_testing
