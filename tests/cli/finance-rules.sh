#!/bin/sh
# The warning rules (预警规则): each default rule fires on data built to cross its yellow
# and its red threshold, and not on data just under them (exactly at a threshold of "more
# than"; a month short of a count of months); a warning is never raised twice for the same
# fact (re-importing a period, running the rules again, a later month of the same
# quarter or year), but a fact that gets worse crosses into red as a new warning; a rule's
# thresholds, scope and state are data a clerk changes, and `finance check` applies them.
. "$SRCDIR/tests/lib.sh"

export RENDA_NOW=2026-07-10T09:00:00+08:00
"$RENDA" init >/dev/null 2>&1 || { echo "Bail out! init failed"; exit 1; }
eq() {
	[ "$1" = "$2" ] && return 0
	printf '# got:      %s\n# expected: %s\n' "$1" "$2"
	return 1
}
# raised RULE: the subjects and levels of the rule's warnings, sorted, one line.
raised() {
	"$RENDA" warning list --rule "$1" --format csv |
		awk -F, 'NR > 1 { print $9 ":" $4 }' | sort | tr '\n' ' '
}
# import DATASET FILE: imports, failing the test point on a refusal.
import() {
	run 0 "$RENDA" finance import "$1" "$2" || { not_ok "import $2"; return 1; }
}

# ---- EXEC-LAG: behind the time-elapsed schedule by more than 10 points (yellow), 20 (red) ---
# Budgets of 1,000,000 yuan (the rule looks from 1,000,000 on). February (the schedule
# 16.67%): 卫健局 5% executed, 11.67 points behind: yellow.
printf 'period,department_code,department,function_code,function,annual,executed\n2026-02,D-WJJ,平湖市卫生健康局,2100101,行政运行,1000000,50000\n' >"$T/exec2.csv"
check "February's execution" import budget "$T/exec2.csv"
check "  raises 卫健局 yellow" eq "$(raised EXEC-LAG)" "平湖市卫生健康局:yellow "
# March: the schedule is 25%.
cat >"$T/exec.csv" <<EOF
period,department_code,department,function_code,function,annual,executed
2026-03,D-JYJ,平湖市教育局,2050101,行政运行,1000000,150000
2026-03,D-JSJ,平湖市住房和城乡建设局,2120101,行政运行,1000000,149999.99
2026-03,D-NYJ,平湖市农业农村局,2130101,行政运行,1000000,50000
2026-03,D-JTJ,平湖市交通运输局,2140101,行政运行,1000000,49999.99
2026-03,D-SLJ,平湖市水利局,2130301,行政运行,999999.99,0
2026-03,D-SFJ,平湖市司法局,2040601,行政运行,1000000,150000
2026-03,D-WJJ,平湖市卫生健康局,2100101,行政运行,1000000,140000
EOF
check "March's, the same quarter" import budget "$T/exec.csv"
# 教育局 and 司法局 10.00 points behind: not more than 10; 住建局 10.000001: yellow; 农业农村局
# 20.00: yellow, not red; 交通运输局 20.000001: red; 水利局 below the rule's smallest budget;
# 卫健局 11 points behind, yellow again in the same quarter: not raised twice.
check "  raises exactly: yellow past 10 points, red past 20, once a quarter" eq "$(raised EXEC-LAG)" \
	"平湖市交通运输局:red 平湖市住房和城乡建设局:yellow 平湖市农业农村局:yellow 平湖市卫生健康局:yellow "
check "  the import says how many" contains "$T/out" "3 warnings raised"
check "re-importing the same period" import budget "$T/exec.csv"
check "  raises nothing again" contains "$T/out" "0 warnings raised"
check "running the rules again raises nothing" run 0 "$RENDA" finance check
check "  (says so)" contains "$T/out" "0 warnings raised"
# A corrected March: 教育局 13 points behind (yellow, its first); 农业农村局 worse, 22 points
# behind: red, a new fact; 住建局 still yellow: not again.
sed -e '/D-JYJ/s/150000$/120000/' -e '/D-NYJ/s/,50000$/,30000/' "$T/exec.csv" >"$T/exec3c.csv"
check "a corrected March" import budget "$T/exec3c.csv"
check "  raises the new facts only: 教育局 yellow, 农业农村局 red" eq "$(raised EXEC-LAG)" \
	"平湖市交通运输局:red 平湖市住房和城乡建设局:yellow 平湖市农业农村局:red 平湖市农业农村局:yellow 平湖市卫生健康局:yellow 平湖市教育局:yellow "
w=$("$RENDA" warning list --rule EXEC-LAG --format csv | awk -F, '$9 == "平湖市交通运输局" { print $2 }')
check "a warning names its measure" run 0 "$RENDA" warning show "$w"
check "  in figures" contains "$T/out" "20.00 points behind the time-elapsed schedule (threshold 20.00): 49,999.99 of 1,000,000.00 yuan executed, 5.00%"
check "  and cites its basis in the library" contains "$T/out" "policy	中华人民共和国主席令第二十二号 中华人民共和国预算法"

# ---- BUDGET-ADJUST: adjusted by more than 10% (yellow), 20% (red) ---------------------------
cat >"$T/adj.csv" <<EOF
period,department_code,department,function_code,function,annual,adjusted,executed
2026-03,D-GAJ,平湖市公安局,2040201,公安行政运行,1000000,1100000,500000
2026-03,D-MZJ,平湖市民政局,2080201,民政行政运行,1000000,1100000.01,500000
2026-03,D-RSJ,平湖市人力资源和社会保障局,2080101,行政运行,1000000,800000,500000
2026-03,D-WJJ,平湖市卫生健康局,2100101,行政运行,1000000,1200000.01,500000
EOF
check "a book adjusted by several shares" import capital "$T/adj.csv"
check "  raises nothing: the rule watches the general budget" eq "$(raised BUDGET-ADJUST)" ""
check "the rule made to watch the state-capital book too" run 0 "$RENDA" finance rule-set BUDGET-ADJUST --datasets "budget|capital"
check "  and run again" run 0 "$RENDA" finance check --dataset capital
# 公安局 +10.00%: no; 民政局 +10.000001%: yellow; 人社局 -20.00%: yellow, not red; 卫健局 +20.000001%: red.
check "  raises: yellow past 10%, red past 20%, down as up" eq "$(raised BUDGET-ADJUST)" \
	"平湖市人力资源和社会保障局:yellow 平湖市卫生健康局:red 平湖市民政局:yellow "
check "a threshold must be a number" run 1 "$RENDA" finance rule-set BUDGET-ADJUST --yellow ten
check "  and red lie above yellow" run 1 "$RENDA" finance rule-set BUDGET-ADJUST --red 5
check "  a scope the measure takes" run 1 "$RENDA" finance rule-set BUDGET-ADJUST --scope kind
check "  naming them" contains "$T/err" "department|project|total"
check "a rule's changes are audited" test "$("$RENDA" audit list --entity fin_rule | nrows)" = 1

# ---- SANGONG-OVER: 三公经费 of the year to date above the year's budget (yellow), by 10% (red) -
cat >"$T/sg.csv" <<EOF
period,department_code,department,item,budget,spent
2026-06,D-JYJ,平湖市教育局,reception,100000,100000
2026-06,D-JSJ,平湖市住房和城乡建设局,reception,100000,100000.01
2026-06,D-NYJ,平湖市农业农村局,reception,60000,66000
2026-06,D-NYJ,平湖市农业农村局,vehicle_run,40000,44000
2026-06,D-JTJ,平湖市交通运输局,reception,100000,110000.01
2026-06,D-SLJ,平湖市水利局,abroad,0,1
EOF
check "三公经费 against the budgets" import sangong "$T/sg.csv"
# 教育局 100%: no; 住建局 100.00001%: yellow; 农业农村局 110% (summed over items): yellow,
# not red; 交通运输局 110.00001%: red; 水利局 spent without a budget: red.
check "  raises: yellow above the budget, red above 110%" eq "$(raised SANGONG-OVER)" \
	"平湖市交通运输局:red 平湖市住房和城乡建设局:yellow 平湖市农业农村局:yellow 平湖市水利局:red "

# ---- TAX-DROP: revenue of a tax kind down year on year by more than 5% (yellow), 10% (red) --
cat >"$T/t25.csv" <<EOF
period,kind_code,kind,amount
2025-06,101,增值税,100000000
2025-06,104,企业所得税,100000000
2025-06,106,个人所得税,100000000
2025-06,110,房产税,100000000
2025-06,113,土地增值税,9999999.99
EOF
cat >"$T/t26.csv" <<EOF
period,kind_code,kind,amount
2026-06,101,增值税,95000000
2026-06,104,企业所得税,94999999.99
2026-06,106,个人所得税,90000000
2026-06,110,房产税,89999999.99
2026-06,113,土地增值税,0
2026-06,120,契税,1
EOF
check "last year's revenue" import revenue "$T/t25.csv"
check "  raises nothing (no year before it)" eq "$(raised TAX-DROP)" ""
check "this year's" import revenue "$T/t26.csv"
# 增值税 -5.00%: no; 企业所得税 -5.0000001%: yellow; 个人所得税 -10.00%: yellow; 房产税
# -10.0000001%: red; 土地增值税 below the smallest base (10,000,000 yuan); 契税 new.
check "  raises: yellow past 5% down, red past 10%" eq "$(raised TAX-DROP)" \
	"个人所得税:yellow 企业所得税:yellow 房产税:red "

# ---- AUDIT-OVERDUE: a finding unrectified past its deadline (yellow), by 90 days (red) -------
cat >"$T/au.csv" <<EOF
period,code,audit_year,unit_code,unit,finding,amount,deadline,status,rectified_on
2026-Q1,F1,2025,D-JYJ,平湖市教育局,甲,100,2026-03-31,open,
2026-Q1,F2,2025,D-JSJ,平湖市住房和城乡建设局,乙,100,2026-03-30,open,
2026-Q1,F3,2025,D-NYJ,平湖市农业农村局,丙,100,2025-12-31,progress,
2026-Q1,F4,2025,D-JTJ,平湖市交通运输局,丁,100,2025-12-30,open,
2026-Q1,F5,2025,D-SLJ,平湖市水利局,戊,100,2025-01-01,done,2025-01-01
EOF
check "audit findings as of the quarter's end, 2026-03-31" import audit "$T/au.csv"
# F1 due that day: no; F2 a day past: yellow; F3 90 days: yellow, not red; F4 91: red; F5 done.
check "  raises: yellow past the deadline, red past 90 days" eq "$(raised AUDIT-OVERDUE)" \
	"平湖市交通运输局 F4:red 平湖市住房和城乡建设局 F2:yellow 平湖市农业农村局 F3:yellow "
sed 's/^2026-Q1/2026-Q2/' "$T/au.csv" >"$T/au2.csv"
check "the next quarter, the same findings still open" import audit "$T/au2.csv"
# As of 06-30: F1 91 days (red; its first), F2 92 (red), F3 181 (red): once a finding and level.
check "  raises each level of a finding once" eq "$(raised AUDIT-OVERDUE)" \
	"平湖市交通运输局 F4:red 平湖市住房和城乡建设局 F2:red 平湖市住房和城乡建设局 F2:yellow 平湖市农业农村局 F3:red 平湖市农业农村局 F3:yellow 平湖市教育局 F1:red "

# ---- PROJECT-IDLE: a major project without investment for 3 months (yellow), 6 (red) ---------
# month M SPENT-A SPENT-B SPENT-C: the reports of three projects; C's plan is none this year.
month() {
	printf 'period,code,name,unit_code,unit,total_investment,annual_plan,spent\n'
	printf '2026-%02d,A,甲项目,D-JTJ,平湖市交通运输局,9000000,3000000,%s\n' "$1" "$2"
	printf '2026-%02d,B,乙项目,D-SLJ,平湖市水利局,9000000,3000000,%s\n' "$1" "$3"
	printf '2026-%02d,C,丙项目,D-JSJ,平湖市住房和城乡建设局,9000000,0,%s\n' "$1" "$4"
}
# A invests in January, nothing after; B nothing at all until May.
month 1 100 0 0 >"$T/p1.csv"
month 2 100 0 0 >"$T/p2.csv"
month 3 100 0 0 >"$T/p3.csv"
month 4 100 0 0 >"$T/p4.csv"
month 5 100 50 0 >"$T/p5.csv"
month 6 100 50 0 >"$T/p6.csv"
month 7 100 50 0 >"$T/p7.csv"
check "January's reports" import projects "$T/p1.csv"
check "February's" import projects "$T/p2.csv"
check "  raise nothing: two months" eq "$(raised PROJECT-IDLE)" ""
check "March's" import projects "$T/p3.csv"
# B: nothing invested this year by March, three months: yellow. A: two months since January.
check "  raise: B three months without investment, yellow" eq "$(raised PROJECT-IDLE)" "乙项目:yellow "
check "April's" import projects "$T/p4.csv"
check "  raise: A three months, yellow; B not again this year" eq "$(raised PROJECT-IDLE)" "乙项目:yellow 甲项目:yellow "
for m in 5 6; do
	check "month $m's" import projects "$T/p$m.csv"
done
check "  B invested in May; A idle for five months: nothing new" eq "$(raised PROJECT-IDLE)" "乙项目:yellow 甲项目:yellow "
check "July's" import projects "$T/p7.csv"
check "  A six months without investment: red" eq "$(raised PROJECT-IDLE)" "乙项目:yellow 甲项目:red 甲项目:yellow "
check "  C, planned nothing this year, never" lacks "$("$RENDA" warning list >"$T/all"; echo "$T/all")" 丙项目

# ---- a rule is data -------------------------------------------------------------------------
check "EXEC-LAG's yellow threshold lowered to 9.99 points" run 0 "$RENDA" finance rule-set EXEC-LAG --yellow 9.99
check "  then the rules run again" run 0 "$RENDA" finance check --dataset budget --period 2026-03
check "  raise 司法局's March (10.00 points behind) now" contains "$T/out" "1 warning raised"
check "  (司法局)" contains "$T/out" "平湖市司法局 预算执行进度滞后"
check "a rule switched off, its yellow threshold lowered to 4%" \
	run 0 "$RENDA" finance rule-set TAX-DROP --enabled no --yellow 4
check "  raises nothing" run 0 "$RENDA" finance check --dataset revenue
check "  (no warning)" contains "$T/out" "0 warnings raised"
check "switched on again" run 0 "$RENDA" finance rule-set TAX-DROP --enabled yes
check "  raises 增值税 (5.00% down)" run 0 "$RENDA" finance check --dataset revenue
check "  (one warning)" contains "$T/out" "1 warning raised"
check "a rule of its own: 三公经费 by item, above 80% of the budget, once a month" \
	run 0 "$RENDA" finance rule-add SG-ITEM --measure sangong_over --name 单项三公经费偏高 \
	--datasets sangong --scope item --yellow 80 --per month
check "  raises on the next import" run 0 "$RENDA" finance import sangong "$T/sg.csv"
check "  one for each item above 80%" contains "$T/out" "6 warnings raised"
check "  listed among the rules" contains "$("$RENDA" finance rules >"$T/rl"; echo "$T/rl")" "SG-ITEM	单项三公经费偏高	sangong_over	sangong	item	month	80.00"
check "a measure renda does not know is refused" run 1 "$RENDA" finance rule-add X1 --measure guess --name x --yellow 1 --datasets budget --scope total
as_role unit 平湖市教育局
check "a unit operator changes no rule" run 1 "$RENDA" finance rule-set EXEC-LAG --yellow 50
check "  nor raises warnings" run 1 "$RENDA" finance check
as_role admin
check "every warning raised has its audit row" test "$("$RENDA" audit list --entity warning | nrows)" = "$("$RENDA" warning list | nrows)"
check "the audit trail verifies" run 0 "$RENDA" audit verify
done_testing
