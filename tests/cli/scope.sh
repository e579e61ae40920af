#!/bin/sh
# The scope matrix, on the installed setgid renda with real accounts: for every role
# (town clerk, unit operator, viewer; a city clerk for the administrators' commands),
# every command of 'renda --help' (every workflow action its own) is run against
# records outside the role's scope, as tests/cli/scope-matrix.py makes the list from
# the command table. Each run: the exit status as documented (1 refused; 0 for what
# the role may read; never 2), nothing out of scope in its output or in any file it
# wrote, and the database byte for byte unchanged.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/lib-setgid.sh"

why=$(setgid_skip_reason)
[ -n "$why" ] || [ -x /usr/bin/python3 ] || why="/usr/bin/python3 is missing"
if [ -n "$why" ]; then
	echo "1..0 # SKIP $why"
	exit 0
fi
trap 'setgid_cleanup; rm -rf "$T"' EXIT
trap 'exit 1' HUP INT TERM
setgid_setup

adm=rsa$$ tc=rst$$ uo=rsu$$ vw=rsv$$ cc=rsc$$
for a in $adm $tc $uo $vw $cc; do account "$a"; done
H() { echo "$T/home/$1"; }
A() { as $adm "$SG_RENDA" "$@" >>"$T/setup.log" 2>&1 || { echo "Bail out! setup: $*"; tail -n 3 "$T/setup.log" | diag; exit 1; }; }
sg_q() { sqlite3 -batch -noheader "$SG_DB" "$@"; }

# ---- the records: 乍浦镇 (the town clerk's), 新埭镇 (not), two units --------------------------
A init
A user add $tc --role town-clerk --town 乍浦镇
A user add $uo --role unit --unit 平湖市住房和城乡建设局
A user add $vw --role viewer
A user add $cc --role city-clerk
A user add rsb$$ --role town-clerk --town 新埭镇
rid_b=$(fix_id 33048219660606066)
A deputy add --name 沈建国 --resident_id "$(fix_id 33048219700101001)" --level city --town 乍浦镇 --phone 13955556666
A deputy add --name 欧阳秘 --resident_id "$rid_b" --level town --town 新埭镇 --phone 13988887777
da=$(sg_q "SELECT code FROM deputy WHERE name = '沈建国'")
db=$(sg_q "SELECT code FROM deputy WHERE name = '欧阳秘'")
A ref add term --code XD17 --level town --town 新埭镇 --number 17 --name 新埭镇第十七届人民代表大会 --start_date 2021-12-01
A ref add session --code XD17-1 --term XD17 --number 1 --name 新埭镇第十七届人民代表大会第一次会议 --start_date 2026-01-10
A case add --deputy "$da" --category 城市建设 --title 甲路灯 --content 甲内容 --voter-name 秘甲民 --voter-phone 13933334444
A case act 1 forward
A case act 1 assign --unit 平湖市住房和城乡建设局
A case add --deputy "$db" --category 城市建设 --title 秘乙路灯 --content 秘乙内容 --voter-name 秘乙民 --voter-phone 13911112222
A case act 2 forward
A case act 2 assign --unit 平湖市交通运输局
A case add --deputy "$da" --category 社会事业 --title 丙私事 --content 秘私内容 --voter-name 秘丙民 --voter-phone 13922223333 --private
A suggestion add --kind suggestion --deputy "$db" --category 城市建设 --title 秘乙建议 --proposal 秘乙方案 --session XD17-1
sugg=$(sg_q "SELECT id FROM suggestion WHERE title = '秘乙建议'")
A activity add --kind inspection --title 秘乙视察 --starts "2026-03-02 09:00" --place 秘乙地点 --town 新埭镇
act=$(sg_q "SELECT id FROM activity WHERE title = '秘乙视察'")
A activity act "$act" open
A activity sign-up "$act" --deputy "$db"
check "the records are made" test -n "$sugg" -a -n "$act" -a "$(sg_q 'SELECT count(*) FROM vcase')" = 3
# A livelihood project of 新埭镇 (this year's cycle: the installed copy runs on the real
# clock), led by 平湖市交通运输局, with an opinion.
yr=$(date +%Y)
A project cycle add --year "$yr" --town 新埭镇 --choose 1 --candidates 2 --bottom 0
A project proposal add --cycle "$yr-XD" --deputy "$db" --title 秘戊项目 --content 秘戊内容
A project proposal add --cycle "$yr-XD" --deputy "$db" --title 秘己项目
A project proposal act "$yr-XD-Z01" adopt --text 同意
A project proposal act "$yr-XD-Z02" adopt --text 同意
A project cycle act "$yr-XD" list
A project cycle act "$yr-XD" review --text 同意
A project cycle act "$yr-XD" ballot
printf 'item,issued,returned,valid,invalid,yes,no,abstain\n%s-XD-Z01,1,1,1,0,1,0,0\n%s-XD-Z02,1,1,1,0,0,1,0\n' \
	"$yr" "$yr" >"$(H $adm)/vote.csv"
chown $adm "$(H $adm)/vote.csv"
A project cycle import "$yr-XD" vote.csv
A project cycle act "$yr-XD" count
A project act "$yr-XD-01" assign --unit 平湖市交通运输局
A project opinion add "$yr-XD-01" --deputy "$db" --text 秘戊意见
check "the project is made" test "$(sg_q "SELECT count(*) FROM pproject p JOIN popinion o ON o.project_id = p.id WHERE p.title = '秘戊项目'")" = 1

# Finance data: the unit operator's department (住建局) and another (交通运输局), a tax kind
# (no department's), an opinion; a warning of each department, that of 交通运输局 sent to it.
cat >"$T/budget.csv" <<EOF
period,department_code,department,function_code,function,project_code,project,annual,executed
2026-02,D-JSJ,平湖市住房和城乡建设局,2120101,行政运行,P1,秘住建项目,2000000,0
2026-02,D-JTJ,平湖市交通运输局,2140101,行政运行,P2,秘交通项目,2000000,0
EOF
printf 'period,kind_code,kind,amount\n2026-02,999,秘税种,100\n' >"$T/revenue.csv"
chmod 644 "$T/budget.csv" "$T/revenue.csv"
A finance import budget "$T/budget.csv"
A finance import revenue "$T/revenue.csv"
A finance opinion --year 2026 --kind budget --text 秘审查意见
wjt=$(sg_q "SELECT id FROM fin_warning WHERE subject = '平湖市交通运输局'")
A warning act "$wjt" send

# Import files with rows outside each scope, in every home.
for a in $tc $uo $vw $cc; do
	h=$(H $a)
	printf 'name,resident_id,level,town\n欧阳秘,%s,town,新埭镇\n' "$rid_b" >"$h/deputies.csv"
	printf 'submitted_at,deputy_code,channel,voter_name,voter_phone,category,title,content\n2026-03-01T10:00:00+08:00,%s,phone,秘丁民,13944445555,城市建设,秘丁标题,秘丁内容\n' "$db" >"$h/cases.csv"
	printf 'day,kind,name\n2026-10-10,holiday,秘假日\n' >"$h/calendar.csv"
	printf 'code,name\nZZ9,秘类别\n' >"$h/category.csv"
	printf 'period,department_code,department,function_code,function,annual,executed\n2026-02,D-JTJ,平湖市交通运输局,2140101,行政运行,100,1\n' >"$h/finance.csv"
	printf 'period,kind,holder_code,holder,category,value\n2025,admin,D-JTJ,平湖市交通运输局,秘资产,100\n' >"$h/assets.csv"
	printf 'title,issuer,issued_on\n秘文件,秘机关,2026-01-01\n' >"$h/policy.csv"
	printf 'item,issued,returned,valid,invalid,yes,no,abstain\n%s-XD-Z01,1,1,1,0,1,0,0\n%s-XD-Z02,1,1,1,0,0,1,0\n' \
		"$yr" "$yr" >"$h/result.csv"
	chown $a "$h"/*.csv
done

cat >"$T/fixtures.json" <<EOF
{
  "town_out": "新埭镇", "unit_out": "平湖市交通运输局", "category": "城市建设",
  "category_id": $(sg_q "SELECT id FROM category WHERE name = '城市建设'"),
  "deputy_out": "$db", "deputy_out_name": "欧阳秘", "new_resident_id": "$(fix_id 33048219770707077)",
  "case_out": 2, "suggestion_out": $sugg, "activity_out": $act, "login_out": "rsb$$", "year": "$yr",
  "warning_out": $wjt, "policy_out": 1, "import_out": $(sg_q "SELECT max(id) FROM fin_import"),
  "opinion_out": $(sg_q "SELECT id FROM fin_review"),
  "project_out": {"project": "$yr-XD-01", "cycle": "$yr-XD", "proposal": "$yr-XD-Z01",
                  "opinion": "$yr-XD-01-Y001"},
  "office": "城建环资工作委员会",
  "imports": {"deputy": "FILE/deputies.csv", "case": "FILE/cases.csv",
              "calendar": "FILE/calendar.csv", "ref": "FILE/category.csv",
              "finance": "FILE/finance.csv", "assets": "FILE/assets.csv",
              "policy": "FILE/policy.csv", "project": "FILE/result.csv"},
  "roles": {"town": {"home": "$(H $tc)"}, "unit": {"home": "$(H $uo)"},
            "viewer": {"home": "$(H $vw)"}, "city": {"home": "$(H $cc)"}}
}
EOF
/usr/bin/python3 "$SRCDIR/tests/cli/scope-matrix.py" "$SG_RENDA" "$T/fixtures.json" >"$T/matrix" 2>"$T/matrix.err"
check "the matrix is made from the command table" test -s "$T/matrix" -a ! -s "$T/matrix.err"
diag <"$T/matrix.err"
check "every command and usage word is known to it" sh -c "! grep -q '^UNKNOWN' '$T/matrix'"
grep '^UNKNOWN' "$T/matrix" | diag
# Each command of the table (of one, two or three words) begins some invocation.
"$SG_RENDA" --help | awk '/^Commands:/ { on = 1; next } on && /^  [a-z]/ {
	n = split($0, w, /  +/); print w[2] }' >"$T/commands"
ncmd=$(wc -l <"$T/commands")
cut -f3- "$T/matrix" | tr '\t' ' ' | sed 's/$/ /' >"$T/invocations"
uncovered=
while read -r c; do
	grep -q "^$c " "$T/invocations" || uncovered="$uncovered [$c]"
done <"$T/commands"
check "it covers every one of the $ncmd commands${uncovered:+ (not:$uncovered)}" test -z "$uncovered"

# What each role must never see: the records outside its scope, and (a viewer) personal data.
secrets_town="秘乙视察 秘乙地点 秘乙路灯 秘乙内容 秘乙民 13911112222 秘乙建议 秘乙方案 欧阳秘 13988887777 $rid_b rsb$$ 秘住建项目 秘交通项目 秘税种 秘审查意见 秘戊项目 秘戊内容 秘戊意见 秘己项目"
secrets_unit="秘乙视察 秘乙地点 秘乙路灯 秘乙内容 秘乙民 13911112222 秘私内容 秘丙民 13922223333 秘乙建议 秘乙方案 欧阳秘 13988887777 $rid_b 13955556666 秘交通项目 秘税种 秘审查意见 秘戊项目 秘戊内容 秘戊意见 秘己项目"
secrets_viewer="秘甲民 13933334444 秘乙民 13911112222 秘丙民 13922223333 秘私内容 13988887777 13955556666 $rid_b 1966-06-06"
secrets_city=""
# leaked ROLE FILE...: prints the first secret of ROLE found in the files (workbooks unzipped).
leaked() {
	r=$1
	shift
	eval "s=\$secrets_$r"
	/usr/bin/python3 - "$s" "$@" <<-'EOF'
		import sys, zipfile
		secrets = sys.argv[1].split()
		for path in sys.argv[2:]:
		    try:
		        if zipfile.is_zipfile(path):
		            z = zipfile.ZipFile(path)
		            text = "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
		        else:
		            text = open(path, "rb").read().decode("utf-8", "replace")
		    except OSError:
		        continue
		    for s in secrets:
		        if s in text:
		            print(s, "in", path)
		            sys.exit(0)
	EOF
}
account_of() { case $1 in town) echo $tc ;; unit) echo $uo ;; viewer) echo $vw ;; city) echo $cc ;; esac; }

# The database's records, dumped: all of it but the duty points' totals that a reading
# keeps for the next (derived data, computed from the records: points-kept.sh).
records() { sqlite3 "$SG_DB" .dump | grep -v '^INSERT INTO points_total \|^INSERT INTO points_stale ' | sha256sum; }
before=$(records)
n=0
while IFS='	' read -r role expect rest; do
	[ "$role" = UNKNOWN ] && continue
	n=$((n + 1))
	a=$(account_of "$role")
	h=$(H $a)
	# The arguments, tab-separated; FILE/ stands for the account's home.
	set -f
	oldifs=$IFS
	IFS='	'
	set -- $(printf '%s' "$rest" | sed "s|FILE/|$h/|g")
	IFS=$oldifs
	set +f
	touch "$T/mark"
	sleep 0.01
	as "$a" "$SG_RENDA" "$@" >"$T/out" 2>"$T/err" </dev/null
	st=$?
	what="$role: renda $*"
	case $expect in
	1) good=$([ $st = 1 ] && echo y) ;;
	0) good=$([ $st = 0 ] && echo y) ;;
	*) good=$([ $st = 0 ] || [ $st = 1 ] && echo y) ;;
	esac
	files=$(find "$h" -type f -newer "$T/mark" 2>/dev/null)
	leak=$(leaked "$role" "$T/out" "$T/err" $files)
	after=$(records)
	if [ -n "$good" ] && [ -z "$leak" ] && [ "$after" = "$before" ]; then
		ok "$what -> $st"
	else
		not_ok "$what -> $st (expected $expect)"
		[ -n "$leak" ] && echo "# leaked: $leak"
		[ "$after" = "$before" ] || echo "# the database changed"
		diag <"$T/err"
		before=$after
	fi
	rm -f $files
done <"$T/matrix"
check "the matrix ran ($n runs)" test "$n" -gt 200
check "the database still checks out" run 0 as $adm "$SG_RENDA" check
done_testing
