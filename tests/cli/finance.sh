#!/bin/sh
# Finance supervision (财经联网监督): the imports of the datasets (all rows or none, with
# file:line for every rejected row; CSV in UTF-8 and GB18030, XLSX made with openpyxl; the
# difference from the last import of the same period and source), the drill-down from the
# total to a department to a project (each level's total is the sum of its rows, figures
# worked out by hand), month on month and year on year, the other tables, state assets by
# kind and holder, the preliminary review's opinions, and who sees what.
. "$SRCDIR/tests/lib.sh"

# eq VALUE EXPECTED: the value is the one expected.
eq() {
	[ "$1" = "$2" ] && return 0
	printf '# got:      %s\n# expected: %s\n' "$1" "$2"
	return 1
}

export RENDA_NOW=2026-04-10T09:00:00+08:00
"$RENDA" init >/dev/null 2>&1 || { echo "Bail out! init failed"; exit 1; }
JY=平湖市教育局
JS=平湖市住房和城乡建设局
H=period,department_code,department,function_code,function,project_code,project,annual,adjusted,executed
# budget PERIOD EXEC...: a budget file of the six lines below, executed as given (yuan).
budget() {
	p=$1
	shift
	printf '%s\n' "$H"
	printf '%s,D-JYJ,%s,2050201,学前教育,P01,幼儿园建设,"1,000,000.00",,%s\n' "$p" "$JY" "$1"
	printf '%s,D-JYJ,%s,2050202,小学教育,P01,幼儿园建设,500000,600000,%s\n' "$p" "$JY" "$2"
	printf '%s,D-JYJ,%s,2050101,教育行政运行,,,2000000,2000000,%s\n' "$p" "$JY" "$3"
	printf '%s,D-JSJ,%s,2120101,行政运行,,,3000000,3000000,%s\n' "$p" "$JS" "$4"
	printf '%s,D-JSJ,%s,2120303,小城镇基础设施建设,P02,道路维护,1000000,1000000,%s\n' "$p" "$JS" "$5"
	printf '%s,B-RDB,平湖市人大常委会办公室,2010101,人大事务,,,400000,400000,%s\n' "$p" "$6"
}
budget 2026-03 200000 150000 500000 750000 100000 100000 >"$T/b03.csv"
budget 2026-02 120000 100000 300000 500000 100000 60000 >"$T/b02.csv"
budget 2026-01 50000 40000 150000 200000 30000 30000 >"$T/b01.csv"
budget 2025-03 150000 150000 450000 600000 100000 50000 >"$T/b2503.csv"

# ---- a malformed row rejects the whole file --------------------------------------------
cp "$T/b03.csv" "$T/bad.csv"
printf '2026-03,D-JTJ,平湖市交通运输局,2140101,行政运行,,,100000,,12.345\n' >>"$T/bad.csv"
printf '2026-03,D-JTJ,平湖市交通运输局,2140101,行政运行,,,oops,,1\n' >>"$T/bad.csv"
printf '2026-02,D-NYJ,平湖市农业农村局,2130101,行政运行,,,100000,,1\n' >>"$T/bad.csv"
check "a file with malformed rows is refused" run 1 "$RENDA" finance import budget "$T/bad.csv"
check "  naming the file and line of each: line 8 (an amount of three decimals)" \
	contains "$T/err" "bad.csv:8: executed: '12.345'"
check "  line 9 (no amount)" contains "$T/err" "bad.csv:9: annual: 'oops'"
check "  line 10 (another period than the file's)" \
	contains "$T/err" "bad.csv:10: period: 2026-02, but the file's period is 2026-03 (line 2)"
check "  and that nothing was imported" contains "$T/err" "3 rows rejected; nothing was imported"
check "  nothing was: no import is listed" test "$("$RENDA" finance imports | nrows)" = 0
check "  and there is no execution" run 1 "$RENDA" finance execution
cp "$T/b03.csv" "$T/dup.csv"
sed -n 4p "$T/b03.csv" >>"$T/dup.csv"
check "the same row twice is refused" run 1 "$RENDA" finance import budget "$T/dup.csv"
check "  naming both lines" contains "$T/err" "dup.csv:8: the same row as line 4 (D-JYJ/2050101/-)"
printf 'period,department_code,department,budget\n' >"$T/hdr.csv"
check "a header with a column of another dataset is refused" run 1 "$RENDA" finance import budget "$T/hdr.csv"
check "  at line 1, naming it" contains "$T/err" "hdr.csv:1: unknown column 'budget'"
check "an unknown dataset is refused" run 1 "$RENDA" finance import budgets "$T/b03.csv"
check "  naming the datasets" contains "$T/err" "budget, fund, capital, revenue"

# ---- imports and their differences --------------------------------------------------------
check "a month's budget execution is imported" run 0 "$RENDA" finance import budget "$T/b03.csv"
check "  from the finance bureau (the dataset's default source)" contains "$T/out" "budget 2026-03 from 平湖市财政局: 6 rows"
check "  the first import of its period and source" contains "$T/out" "the first import of this period from this source: 6 rows added"
check "re-importing the same file is allowed" run 0 "$RENDA" finance import budget "$T/b03.csv"
check "  and shows no difference" contains "$T/out" "no difference from the last import of this period and source"
id2=$("$RENDA" finance imports | tsv_col /dev/stdin id | head -n 1)
check "  its recorded differences are none" test "$("$RENDA" finance changes "$id2" | nrows)" = 0
check "  it names the import before it" test "$("$RENDA" finance imports | tsv_col /dev/stdin previous | head -n 1)" = $((id2 - 1))
# A corrected file: one amount changed, a line gone, a line added.
sed -e 's/,2050202,小学教育,P01,幼儿园建设,500000,600000,150000/,2050202,小学教育,P01,幼儿园建设,500000,600000,160000/' \
	-e '/B-RDB/d' "$T/b03.csv" >"$T/b03c.csv"
printf '2026-03,D-NYJ,平湖市农业农村局,2130101,行政运行,,,100000,,25000\n' >>"$T/b03c.csv"
check "a corrected file of the same period" run 0 "$RENDA" finance import budget "$T/b03c.csv"
check "  shows the difference in counts" contains "$T/out" "1 added, 1 changed, 1 removed, 4 unchanged"
check "  the changed amount" contains "$T/out" "changed D-JYJ/2050202/P01: executed 150000.00 -> 160000.00"
check "  the row added" contains "$T/out" "added D-NYJ/2130101/-"
check "  the row removed" contains "$T/out" "removed B-RDB/2010101/-"
id3=$("$RENDA" finance imports | tsv_col /dev/stdin id | head -n 1)
"$RENDA" finance changes "$id3" | sed 1d | cut -f2- >"$T/chg"
printf 'changed\tD-JYJ/2050202/P01\texecuted\t150000.00\t160000.00\nadded\tD-NYJ/2130101/-\t\t\t\nremoved\tB-RDB/2010101/-\t\t\t\n' >"$T/chg-want"
check "  and renda finance changes lists the same three" cmp -s "$T/chg" "$T/chg-want"
# Back to the first file, in GB18030 with the departments' Chinese headers.
sed '1s/.*/期间,部门编码,部门名称,功能分类科目编码,功能分类科目名称,项目编码,项目名称,年初预算数,调整预算数,累计执行数/' \
	"$T/b03.csv" | iconv -f UTF-8 -t GB18030 >"$T/b03gb.csv"
check "the first file again, in GB18030 with Chinese headers" run 0 "$RENDA" finance import budget "$T/b03gb.csv"
check "  undoes the correction" contains "$T/out" "1 added, 1 changed, 1 removed, 4 unchanged"
check "  in its format" test "$("$RENDA" finance imports | tsv_col /dev/stdin format | head -n 1)" = GB18030
for f in b02 b01 b2503; do
	check "the budget of ${f#b} is imported" run 0 "$RENDA" finance import budget "$T/$f.csv"
done

# ---- the drill-down: the total, a department, a project -----------------------------------
# sums FILE: the annual, adjusted and executed sums of the rows after the total, and the total's.
sums() {
	awk -F '\t' 'NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
		$1 == "total" { t = $h["annual"] " " $h["adjusted"] " " $h["executed"]; next }
		{ a += $h["annual"]; b += $h["adjusted"]; c += $h["executed"] }
		END { printf "%.2f %.2f %.2f|%s\n", a, b, c, t }' "$1"
}
"$RENDA" finance execution --year 2026 --month 3 >"$T/l0"
check "the total of March 2026, by hand" eq "$(sums "$T/l0")" \
	"7900000.00 8000000.00 1800000.00|7900000.00 8000000.00 1800000.00"
check "  the departments, in code order" eq "$(tsv_col "$T/l0" code | tr '\n' ' ')" " B-RDB D-JSJ D-JYJ "
row() { awk -F '\t' -v c="$2" 'NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
	$h["code"] == c || ($1 == "total" && c == "TOTAL") { print $h["rate"] "|" $h["schedule"] "|" $h["behind"] "|" $h["month"] "|" $h["mom"] "|" $h["prev_ytd"] "|" $h["yoy"] }' "$1"; }
# 1,800,000 / 8,000,000 = 22.50%; schedule 3/12; March spent 1,800,000 - 1,180,000 = 620,000,
# February 1,180,000 - 500,000 = 680,000: -8.82%; March 2025 1,500,000: +20.00%.
check "  the total's rate, schedule, behind, month on month and year on year" \
	eq "$(row "$T/l0" TOTAL)" "22.50|25.00|2.50|620000.00|-8.82|1500000.00|20.00"
# 教育局: 850,000 / 3,600,000 = 23.6111%: 23.61, behind 1.3889: 1.39.
check "  教育局's" eq "$(row "$T/l0" D-JYJ | cut -d'|' -f1-3)" "23.61|25.00|1.39"
"$RENDA" finance execution --year 2026 --month 3 --department D-JYJ >"$T/l1"
check "a department's drill-down adds up to its line of the level above" \
	eq "$(sums "$T/l1")" "3500000.00 3600000.00 850000.00|3500000.00 3600000.00 850000.00"
check "  its total is the department" eq "$(awk -F '\t' '$1 == "total" { print $2 "|" $3 }' "$T/l1")" "D-JYJ|$JY"
# P01: 350,000 / 1,600,000 = 21.875%: 21.88 (half up).
check "  the project's rate, rounded half-up" eq "$(row "$T/l1" P01 | cut -d'|' -f1)" 21.88
check "  the lines of no project as one row" contains "$T/l1" "basic expenditure (lines of no project)"
"$RENDA" finance execution --year 2026 --month 3 --department D-JYJ --project P01 >"$T/l2"
check "a project's function classes add up to it" \
	eq "$(sums "$T/l2")" "1500000.00 1600000.00 350000.00|1500000.00 1600000.00 350000.00"
check "  and their rates" eq "$(row "$T/l2" 2050201 | cut -d'|' -f1)|$(row "$T/l2" 2050202 | cut -d'|' -f1)" "20.00|25.00"
"$RENDA" finance execution --year 2026 --month 3 --department D-JYJ --project "" >"$T/l2b"
check "  the basic expenditure drills down too" eq "$(sums "$T/l2b")" \
	"2000000.00 2000000.00 500000.00|2000000.00 2000000.00 500000.00"
check "the latest month is the default" run 0 "$RENDA" finance execution
check "  (March 2026, the latest of the imports)" eq "$(sums "$T/out")" \
	"7900000.00 8000000.00 1800000.00|7900000.00 8000000.00 1800000.00"
check "January's month is its year to date" eq "$("$RENDA" finance execution --year 2026 --month 1 | tsv_col /dev/stdin month | head -n 1)" 500000.00
check "a month not imported is said so" run 1 "$RENDA" finance execution --year 2026 --month 5
check "--project needs --department" run 2 "$RENDA" finance execution --project P01
check "JSON has the same figures" run 0 "$RENDA" finance execution --format json
check "  as numbers written as the CLI's" contains "$T/out" '"executed":"1800000.00"'

# ---- the other books, revenue, 三公经费, projects, audits, performance, assets ---------------
printf 'period,department_code,department,function_code,function,annual,executed\n2026-03,D-ZRJ,平湖市自然资源和规划局,2120801,征地和拆迁补偿支出,5000000,1000000\n' >"$T/fund.csv"
check "the government-fund book" run 0 "$RENDA" finance import fund "$T/fund.csv"
check "  is its own: 20.00% executed" eq "$("$RENDA" finance execution --book fund | tsv_col /dev/stdin rate | head -n 1)" 20.00
check "  and the general budget is not changed by it" eq "$(sums "$("$RENDA" finance execution >"$T/g"; echo "$T/g")")" \
	"7900000.00 8000000.00 1800000.00|7900000.00 8000000.00 1800000.00"

rev() { printf 'period,kind_code,kind,amount,budget\n%s,101,增值税,%s,40000000\n%s,120,契税,%s,8000000\n' "$1" "$2" "$1" "$3"; }
rev 2026-03 9000000 1500000 >"$T/r03.csv"
rev 2026-02 6000000 1000000 >"$T/r02.csv"
rev 2026-01 2500000 600000 >"$T/r01.csv"
rev 2025-03 8000000 2000000 >"$T/r2503.csv"
for f in r03 r02 r01 r2503; do
	check "revenue ${f#r} from the tax bureau" run 0 "$RENDA" finance import revenue "$T/$f.csv"
done
check "  (its default source)" contains "$T/out" "from 国家税务总局平湖市税务局"
"$RENDA" finance revenue --year 2026 --month 3 >"$T/rv"
rvrow() { awk -F '\t' -v c="$2" 'NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
	$h["code"] == c || ($1 == "total" && c == "TOTAL") { print $h["amount"] "|" $h["progress"] "|" $h["yoy"] "|" $h["month"] "|" $h["mom"] }' "$1"; }
# 增值税: 9,000,000 of 40,000,000 = 22.50%; +12.50% on 8,000,000; March 3,000,000 against
# February's 3,500,000: -14.29%. 契税: -25.00%; March 500,000 against 400,000: +25.00%.
check "revenue by tax kind: 增值税" eq "$(rvrow "$T/rv" 101)" "9000000.00|22.50|12.50|3000000.00|-14.29"
check "  契税" eq "$(rvrow "$T/rv" 120)" "1500000.00|18.75|-25.00|500000.00|25.00"
check "  the total" eq "$(rvrow "$T/rv" TOTAL)" "10500000.00|21.88|5.00|3500000.00|-10.26"

printf 'period,department_code,department,item,budget,spent\n2026-03,D-JYJ,%s,reception,100000,30000\n2026-03,D-JYJ,%s,因公出国（境）费,50000,0\n2026-03,D-JSJ,%s,vehicle_run,200000,80000\n' "$JY" "$JY" "$JS" >"$T/sg.csv"
check "三公经费, an item given by its Chinese name" run 0 "$RENDA" finance import sangong "$T/sg.csv"
"$RENDA" finance sangong >"$T/sg"
check "  by department, adding up" eq "$(awk -F '\t' 'NR > 2 { b += $4; s += $5 } $1 == "total" { t = $4 "|" $5 "|" $6 } END { printf "%.2f|%.2f|%s\n", b, s, t }' "$T/sg")" \
	"350000.00|110000.00|350000.00|110000.00|31.43"
check "  a department's items" eq "$("$RENDA" finance sangong --department D-JYJ | tsv_col /dev/stdin code | tr '\n' ' ')" "D-JYJ abroad reception "

printf 'period,code,name,unit_code,unit,total_investment,annual_plan,spent,progress,note\n2026-03,XM-1,乍浦港区道路,D-JTJ,平湖市交通运输局,50000000,12000000,3000000,20%%,施工中\n' >"$T/pj.csv"
check "a major project" run 0 "$RENDA" finance import projects "$T/pj.csv"
check "  from the development and reform bureau" contains "$T/out" "from 平湖市发展和改革局"
check "  25.00% of the year's plan invested, progress 20.00" eq "$("$RENDA" finance projects | awk -F '\t' '$2 == "XM-1" { print $8 "|" $10 }')" "25.00|20.00"

printf 'period,code,audit_year,unit_code,unit,finding,amount,deadline,status,rectified_amount,rectified_on\n2026-Q1,F1,2025,D-JYJ,%s,专项资金滞留,300000,2026-02-28,open,,\n2026-Q1,F2,2025,D-JSJ,%s,超标准支出,50000,2026-01-31,done,50000,2026-01-20\n' "$JY" "$JS" >"$T/au.csv"
check "audit findings of a quarter" run 0 "$RENDA" finance import audit "$T/au.csv"
# As of 2026-03-31: F1 is 31 days past 2026-02-28; F2 was rectified.
check "  days overdue as of the quarter's end, none for one rectified" \
	eq "$("$RENDA" finance audit | awk -F '\t' 'NR > 1 { print $2 ":" $11 }' | tr '\n' ' ')" ":1 F2: F1:31 "
printf 'period,code,audit_year,unit_code,unit,finding,deadline,status\n2026-Q1,F3,2025,D-JYJ,%s,问题,2026-01-31,done\n' "$JY" >"$T/au2.csv"
check "  a finding marked rectified needs its day" run 1 "$RENDA" finance import audit "$T/au2.csv"
check "  the message says so at its line" contains "$T/err" "au2.csv:2: rectified_on:"

printf 'period,project_code,project,department_code,department,indicator,target,result,weight,score\n2025,P01,幼儿园建设,D-JYJ,%s,完成率,100%%,98%%,60,55.5\n2025,P01,幼儿园建设,D-JYJ,%s,满意度,90%%,92%%,40,38\n2025,P03,校舍维修,D-JYJ,%s,完成率,100%%,50%%,100,50\n' "$JY" "$JY" "$JY" >"$T/pf.csv"
check "performance results of a year" run 0 "$RENDA" finance import performance "$T/pf.csv"
check "  scored per project, graded" eq "$("$RENDA" finance performance --year 2025 | awk -F '\t' 'NR > 1 { print $2 ":" $9 ":" $11 }' | tr '\n' ' ')" \
	":143.50:fair P01:93.50:excellent P03:50.00:poor "
check "  a project's indicators" eq "$("$RENDA" finance performance --year 2025 --project P01 | tsv_col /dev/stdin score | tr '\n' ' ')" "93.50 55.50 38.00 "
printf 'period,project_code,project,department_code,department,indicator,weight,score\n2025,P09,某项目,D-JYJ,%s,完成率,10,12\n' "$JY" >"$T/pf2.csv"
check "  a score above its weight is refused" run 1 "$RENDA" finance import performance "$T/pf2.csv"

cat >"$T/as.csv" <<EOF
period,kind,holder_code,holder,category,value,change
2025,admin,D-JYJ,$JY,房屋及构筑物,5000000,200000
2025,admin,D-JYJ,$JY,车辆,300000,-50000
2025,admin,D-JSJ,$JS,房屋及构筑物,2000000,0
2025,enterprise,QY-01,平湖市国有资产控股集团有限公司,净资产,90000000,3000000
2025,natural,D-ZRJ,平湖市自然资源和规划局,国有建设用地,120000000,-2000000
2025,zone,KF-01,平湖经济技术开发区管理委员会,基础设施,30000000,1000000
EOF
check "state assets of a year (renda assets import)" run 0 "$RENDA" assets import "$T/as.csv"
"$RENDA" assets summary --year 2025 >"$T/a0"
check "  by kind: four kinds adding up to the total" \
	eq "$(awk -F '\t' 'NR > 2 { v += $7; c += $6 } $1 == "total" { t = $7 "|" $6 } END { printf "%.2f|%.2f|%s\n", v, c, t }' "$T/a0")" \
	"247300000.00|2150000.00|247300000.00|2150000.00"
check "  in the kinds' order" eq "$(tsv_col "$T/a0" code | tr '\n' ' ')" " admin enterprise natural zone "
"$RENDA" assets summary --year 2025 --kind admin >"$T/a1"
check "  by holder of a kind, adding up to the kind" \
	eq "$(awk -F '\t' 'NR > 2 { v += $7 } $1 == "total" { t = $7 } END { printf "%.2f|%s\n", v, t }' "$T/a1")" "7300000.00|7300000.00"
check "  the start of the year is the end less the change" \
	eq "$(awk -F '\t' '$2 == "D-JYJ" { print $5 "|" $6 "|" $7 }' "$T/a1")" "5150000.00|150000.00|5300000.00"
check "  by class of a holder" \
	eq "$("$RENDA" assets summary --year 2025 --kind admin --holder D-JYJ | tsv_col /dev/stdin code | tr '\n' ' ')" "D-JYJ 房屋及构筑物 车辆 "
check "  the statistics count the same" \
	eq "$("$RENDA" stats assets --by kind --year 2025 | awk -F '\t' '$1 == "" { print $3 }')" 247300000.00

# An XLSX workbook from a department, made by openpyxl.
if /usr/bin/python3 -c 'import openpyxl' 2>/dev/null; then
	/usr/bin/python3 - "$T/as.xlsx" <<'EOF'
import sys, openpyxl
wb = openpyxl.Workbook()
ws = wb.active
ws.append(["期间", "资产类型", "单位编码", "占有单位", "资产分类", "年末价值", "本年增减"])
ws.append([2024, "行政事业单位国有资产", "D-JYJ", "平湖市教育局", "房屋及构筑物", 4800000, 100000.5])
wb.save(sys.argv[1])
EOF
	check "an XLSX workbook with Chinese headers and numbers" run 0 "$RENDA" assets import "$T/as.xlsx"
	check "  is read as a CSV file would be" \
		eq "$("$RENDA" assets summary --year 2024 | awk -F '\t' '$1 == "total" { print $6 "|" $7 }')" "100000.50|4800000.00"
else
	skip "an XLSX workbook" "python3-openpyxl is missing"
fi

# ---- the preliminary review ----------------------------------------------------------------
check "an opinion on the draft budget" run 0 "$RENDA" finance opinion --year 2026 --kind budget --text 建议压减一般性支出。
op=$(sed -n 's/^opinion \([0-9]*\) recorded$/\1/p' "$T/out")
check "a second, numbered next" run 0 "$RENDA" finance opinion --year 2026 --kind budget --text 建议加快项目资金拨付。
check "one on the final accounts" run 0 "$RENDA" finance opinion --year 2026 --kind accounts --text 建议加强绩效管理。
check "the government's response" run 0 "$RENDA" finance respond "$op" --text 已研究落实。 --date 2026-04-08
"$RENDA" finance opinions --year 2026 >"$T/op"
check "  the opinions of the year, numbered within their kind" \
	eq "$(awk -F '\t' 'NR > 1 { print $4 $5 }' "$T/op" | tr '\n' ' ')" "budget1 budget2 accounts1 "
check "  the response and its day beside the opinion" \
	eq "$(awk -F '\t' -v id="$op" '$2 == id { print $7 "|" $8 }' "$T/op")" "已研究落实。|2026-04-08"
check "an opinion of no kind is refused" run 1 "$RENDA" finance opinion --year 2026 --kind plan --text x
check "both are in the audit trail" test "$("$RENDA" audit list --entity fin_review | nrows)" = 4

# ---- who sees what -----------------------------------------------------------------------------
as_role unit "$JY"
"$RENDA" finance execution --year 2026 --month 3 >"$T/u0"
check "a unit operator sees its own department only" eq "$(tsv_col "$T/u0" code | tr '\n' ' ')" " D-JYJ "
check "  its total is its department's" eq "$(sums "$T/u0")" "3500000.00 3600000.00 850000.00|3500000.00 3600000.00 850000.00"
check "  no revenue (no department's)" run 1 "$RENDA" finance revenue
check "  no other department's assets" eq "$("$RENDA" assets summary --year 2025 --kind admin | tsv_col /dev/stdin code | tr '\n' ' ')" "admin D-JYJ "
check "  no import" test "$("$RENDA" finance imports | nrows)" = 0
check "  no opinion" test "$("$RENDA" finance opinions | nrows)" = 0
check "  and imports nothing" run 1 "$RENDA" finance import budget "$T/b03.csv"
as_role town-clerk 乍浦镇
check "a town clerk sees no finance data" run 1 "$RENDA" finance execution
check "  with a reason" contains "$T/err" "finance data is the city's"
check "  the library of policies all the same" run 0 "$RENDA" policy list
as_role viewer
check "a viewer sees it all" eq "$(sums "$("$RENDA" finance execution >"$T/v0"; echo "$T/v0")")" \
	"7900000.00 8000000.00 1800000.00|7900000.00 8000000.00 1800000.00"
check "  and changes nothing" run 1 "$RENDA" finance opinion --year 2026 --kind budget --text x
as_role admin
check "the audit trail verifies" run 0 "$RENDA" audit verify
done_testing
