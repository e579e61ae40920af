#!/bin/sh
# The walk of every transition row of every workflow (voter issues, motions and
# suggestions, the livelihood projects' cycles, proposals, projects and opinions,
# activities of deputies and finance warnings), from every state a row leaves and under
# every condition it takes, through the command line. Each step is read back through
# renda: the clocks it started,
# stopped or cancelled (`clocks` after the step, compared row by row with the clocks
# before it: nothing else may change); and, once the record's walk is done, its event
# in `history` (action, from, to, account, role) and its audit row in `audit list`
# (action, account, role, the states before and after), step by step in order, with
# no other event or audit row. The rows come from the program's own tables
# (test_workflow --rows): a row that this walk does not take fails the test.
. "$SRCDIR/tests/lib.sh"

ROWS=$BUILDDIR/tests/unit/test_workflow
[ -x "$ROWS" ] || { echo "Bail out! $ROWS is not built"; exit 1; }

small_db
# Every step is taken on Monday 2026-03-02: the clocks started are due
#   case:       respond 1 week -> Mon 03-09; reply and rehandle 1 month -> Thu 04-02;
#   suggestion: reply 3 months -> Tue 06-02; opinion and rehandle 1 month -> Thu 04-02;
#   both:       return 7 working days (03-03..03-06, 03-09..03-11) -> Wed 03-11
# (no holiday falls in these spans; see data/ref/calendar.csv).
RENDA_NOW=2026-03-02T09:00:00+08:00
export RENDA_NOW
TODAY=2026-03-02
JS=平湖市住房和城乡建设局
JY=平湖市教育局
GA=平湖市公安局
XDZ=新埭镇人民政府
shen=$(deputy_code 沈建国)
lu=$(deputy_code 陆伟明)
shi=$(deputy_code 施永忠)
xd=$(deputy_code 钱佳怡)
[ -n "$shen" ] && [ -n "$lu" ] && [ -n "$shi" ] && [ -n "$xd" ] || { echo "Bail out! no deputies"; exit 1; }

: >"$T/walked"
# words_of WORKFLOW: its command words (project-cycle: renda project cycle ...).
words_of() { echo "$1" | tr - ' '; }
ROLE=admin
# be ROLE [TOWN | UNIT]: the caller's role for the next step (as_role when it changes).
be() {
	if [ "$ROLE" != "$*" ]; then
		as_role "$@"
		ROLE=$*
	fi
}
# The audit rows there were before the walk.
audit0=$("$RENDA" audit list | nrows)

# Each step expects one event in the record's history and one audit row of the record;
# both are read once the record's walk is done (walked), and compared in order, step
# by step: $T/want-KIND-REF holds a line per step: description, then the event
# (account, role, action, from, to), then the audit row (account, role, action, the
# states before and after), tab-separated.
expect() { # expect KIND REF DESCRIPTION ROLE ACTION FROM TO AUDIT-ACTION
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$3" "$me" "$4" "$5" "$6" "$7" \
		"$me" "$4" "$8" "$6" "$7" >>"$T/want-$1-$2"
}

# walked KIND REF: checks the events and audit rows of every step taken on the record.
walked() {
	# shellcheck disable=SC2046 # the command's words
	"$RENDA" $(words_of "$1") history "$2" | sed 1d | cut -f2-6 >"$T/events"
	# The audit rows of the record, oldest first: account, role, action, and the states
	# in the before and after images. A row keeps the fields its change changed: an
	# after-image without the state leaves it as the rows before it said (the creation's
	# holds every field), a before-image without it says the step left it as it was.
	"$RENDA" audit list --entity "$1" --id "$2" | sed 1d | tac | awk -F '\t' '{
		b = ""
		if (match($9, /"state":"[^"]*"/)) st = substr($9, RSTART + 9, RLENGTH - 10)
		a = st
		if (match($8, /"state":"[^"]*"/)) b = substr($8, RSTART + 9, RLENGTH - 10)
		else if ($8 ~ /^\{/) b = a
		print $3 "\t" $4 "\t" $7 "\t" b "\t" a }' >"$T/audits"
	# One line a step: ok or not, its description, and what was got and expected.
	paste "$T/want-$1-$2" "$T/events" "$T/audits" | awk -F '\t' '{
		e = $2 "\t" $3 "\t" $4 "\t" $5 "\t" $6; a = $7 "\t" $8 "\t" $9 "\t" $10 "\t" $11
		ge = $12 "\t" $13 "\t" $14 "\t" $15 "\t" $16; ga = $17 "\t" $18 "\t" $19 "\t" $20 "\t" $21
		print (ge == e ? "ok" : "not") "|" $1 ": its event|" ge "|" e
		print (ga == a ? "ok" : "not") "|" $1 ": its audit row|" ga "|" a }' >"$T/verdicts"
	while IFS='|' read -r v d got want; do
		if [ "$v" = ok ]; then
			ok "$d"
		else
			not_ok "$d"
			printf '# got:      %s\n# expected: %s\n' "$got" "$want"
		fi
	done <"$T/verdicts"
	k=$(wc -l <"$T/want-$1-$2")
	check "$1 $2: no other event" test "$(wc -l <"$T/events")" = "$k"
	check "$1 $2: no other audit row" test "$(wc -l <"$T/audits")" = "$k"
	steps=$((steps + k))
}
steps=0

# check_clocks KIND REF ROUND CHANGE...: the clocks changed by exactly these CHANGEs
# from those seen before the step:
#   +NAME@DUE[@STARTED]  a new running clock of the round, started today (or STARTED)
#   =NAME                a running clock stopped today, met
#   -NAME                a running clock cancelled today
check_clocks() {
	kind=$1 ref=$2 round=$3
	shift 3
	# shellcheck disable=SC2046 # the command's words
	"$RENDA" $(words_of "$kind") clocks "$ref" >"$T/clk" 2>&1 || { diag <"$T/clk"; return 1; }
	for c in "$@"; do
		n=${c#[+=-]}
		case $c in
		+*@*@*) r=${n#*@} && echo "start ${n%%@*} ${r%%@*} ${r#*@} $round" ;;
		+*@*) echo "start ${n%@*} ${n#*@} $TODAY $round" ;;
		=*) echo "stop $n met" ;;
		-*) echo "stop $n cancelled" ;;
		*) echo "bad change $c" ;;
		esac
	done | sort >"$T/clk-want"
	# Rows are listed in the order the clocks started: the first ones are those of before.
	awk -F '\t' -v today="$TODAY" '
		FNR == 1 { next }
		FILENAME == ARGV[1] { old[FNR] = $0; n = FNR; next }
		FNR <= n && $0 != old[FNR] {
			split(old[FNR], o, "\t")
			if (o[5] == "" && $1 == o[1] && $2 == o[2] && $3 == o[3] && $4 == o[4] && $5 == today)
				print "stop", $1, $6
			else
				print "changed", old[FNR], "->", $0
			next
		}
		FNR > n {
			if ($5 == "" && $6 == "") print "start", $1, $4, $3, $2
			else print "stopped new", $0
		}' "$T/clk-$kind-$ref" "$T/clk" | sort >"$T/clk-got"
	cp "$T/clk" "$T/clk-$kind-$ref"
	if cmp -s "$T/clk-want" "$T/clk-got"; then
		return 0
	fi
	echo "# clock changes expected:"
	diag <"$T/clk-want"
	echo "# clock changes seen:"
	diag <"$T/clk-got"
	return 1
}

# step ROLE KIND REF ACTION FROM TO CONDITION CLOCKS [ARG...]: takes the step
# `renda KIND act REF ACTION ARG...` as ROLE ("admin", "unit NAME"), the row from FROM to
# TO (TO = FROM when the row stays) under CONDITION ("" when the row has none), with the
# clock changes CLOCKS (a space-separated list for check_clocks; ROUND=N sets the round
# of the clocks it starts); checks its clocks now and its event and audit row later.
ROUND=0
step() {
	s_role=$1 s_kind=$2 s_ref=$3 s_action=$4 s_from=$5 s_to=$6 s_alt=$7 s_clocks=$8
	shift 8
	be $s_role
	s_desc="$s_kind $s_ref: $s_action, $s_from → $s_to${s_alt:+ ($s_alt)}"
	# shellcheck disable=SC2046 # the command's words
	if ! run 0 "$RENDA" $(words_of "$s_kind") act "$s_ref" "$s_action" "$@"; then
		not_ok "$s_desc"
		be admin
		return
	fi
	ok "$s_desc"
	be admin # a unit that returned the item no longer sees it: read as the administrator
	# shellcheck disable=SC2086 # the clock changes are words
	check "  its clocks${s_clocks:+: $s_clocks}" check_clocks "$s_kind" "$s_ref" "$ROUND" $s_clocks
	expect "$s_kind" "$s_ref" "$s_desc" "${s_role%% *}" "$s_action" "$s_from" "$s_to" "$s_action"
	printf '%s\t%s\t%s\t%s\t%s\n' "$s_kind" "$s_action" "$s_from" "$s_to" "$s_alt" >>"$T/walked"
}

# new KIND ACTION STATE ARG...: adds a record with `renda KIND add ARG...`, checks that it
# has no clock and expects its first event (ACTION, from nothing to STATE) and audit
# row; sets REF.
new() {
	n_kind=$1 n_action=$2 n_state=$3
	shift 3
	be admin
	if ! run 0 "$RENDA" "$n_kind" add "$@"; then
		not_ok "a new $n_kind"
		REF=
		return
	fi
	REF=$(sed -n 's/^added \(case\|draft\|activity\) \([0-9]*\).*/\2/p' "$T/out")
	ok "a new $n_kind: $REF"
	: >"$T/want-$n_kind-$REF"
	printf 'clock\n' >"$T/clk-$n_kind-$REF"
	check "  no clock" check_clocks "$n_kind" "$REF" 0
	expect "$n_kind" "$REF" "$n_kind $REF: $n_action, → $n_state" admin "$n_action" "" "$n_state" add
	printf '%s\t%s\t\t%s\t\n' "$n_kind" "$n_action" "$n_state" >>"$T/walked"
}
# new_case [DEPUTY]: a voter issue brought to the deputy (沈建国, a city deputy). Each has
# its own title: the same deputy, time and title would be the same voter issue.
n_cases=0
new_case() {
	n_cases=$((n_cases + 1))
	new case receive received --deputy "${1:-$shen}" --category 城市建设 \
		--title "路灯不亮（$n_cases）" --content 中心路路灯坏了两周。
}
# new_item [ARG...]: a suggestion of 沈建国 (or the kind and deputies of ARG).
new_item() {
	new suggestion add draft --deputy "$shen" --category 城市建设 --title 关于改善夜间照明的建议 \
		--proposal 更换路灯。 "$@"
}

# ---- voter issues ---------------------------------------------------------------------
# A: forward, assign with a supporting unit, chase, respond, chase, reply, unsatisfied
# (re-handling), reply again, satisfied.
new_case
A=$REF
step admin case "$A" forward received forwarded "" ""
step admin case "$A" assign forwarded assigned "" \
	"+respond@2026-03-09 +reply@2026-04-02 +return@2026-03-11" --unit "$JS" --support 乍浦镇人民政府
step admin case "$A" chase assigned assigned "" "" --text 请尽快处理
step "unit $JS" case "$A" respond assigned responded "" "=respond -return" --text 已派人查看。
step admin case "$A" chase responded responded "" "" --text 请尽快答复
step "unit $JS" case "$A" reply responded replied "" "=reply" --text 路灯已修复。
ROUND=1
step admin case "$A" evaluate replied assigned unsatisfied "+rehandle@2026-04-02" --eval unsatisfied
step "unit $JS" case "$A" reply assigned replied "" "=rehandle" --text 已全线更换灯具。
ROUND=0
step admin case "$A" evaluate replied closed satisfied "" --eval satisfied
walked case "$A"

# B: assigned without support, returned as mis-assigned, then rejected.
new_case
B=$REF
step admin case "$B" forward received forwarded "" ""
step admin case "$B" assign forwarded assigned "" \
	"+respond@2026-03-09 +reply@2026-04-02 +return@2026-03-11" --unit "$JY"
step "unit $JY" case "$B" return assigned forwarded "" "-respond -reply -return" --text 属于交通管理。
step admin case "$B" reject forwarded rejected "" "" --text 正在诉讼中，不予受理。
walked case "$B"

# C: the deputy's reply, then forwarded; replied without a response; basic.
new_case
C=$REF
step admin case "$C" deputy-reply received deputy_replied "" "" --text 已联系有关部门。
step admin case "$C" forward deputy_replied forwarded "" ""
step admin case "$C" assign forwarded assigned "" \
	"+respond@2026-03-09 +reply@2026-04-02 +return@2026-03-11" --unit "$JS"
step "unit $JS" case "$C" reply assigned replied "" "=respond =reply -return" --text 已修复。
step admin case "$C" evaluate replied closed basic "" --eval basic
walked case "$C"

# D, E, G: the deputy's reply, then satisfied, basic, or closed without an evaluation.
for how in satisfied basic close; do
	new_case
	step admin case "$REF" deputy-reply received deputy_replied "" "" --text 已答复选民。
	if [ $how = close ]; then
		step admin case "$REF" close deputy_replied closed "" "" --text 选民未再反映。
	else
		step admin case "$REF" evaluate deputy_replied closed $how "" --eval $how
	fi
	walked case "$REF"
done

# F: a town deputy's case; unsatisfied with the deputy's reply: forwarded to the town's
# office; assigned, replied, closed without an evaluation.
new_case "$xd"
F=$REF
step admin case "$F" deputy-reply received deputy_replied "" "" --text 已答复选民。
step admin case "$F" evaluate deputy_replied forwarded unsatisfied "" --eval unsatisfied
check "  reviewed by the town (the deputy's level)" test "$(show_fields case "$F" level)" = town
step admin case "$F" assign forwarded assigned "" \
	"+respond@2026-03-09 +reply@2026-04-02 +return@2026-03-11" --unit "$XDZ"
step "unit $XDZ" case "$F" reply assigned replied "" "=respond =reply -return" --text 已处理。
step admin case "$F" close replied closed "" "" --text 选民联系不上，结案。
walked case "$F"

# ---- motions and suggestions ------------------------------------------------------------
# S1: co-signing, revision, key supervision, assignment with two supporting units (each
# with its own opinion deadline, met by its own opinion), a meeting, an extension, a B-class reply and follow-up, a
# second reply, unsatisfied, a third reply, satisfied.
new_item
S1=$REF
step admin suggestion "$S1" invite draft draft "" "" --deputy "$lu"
step admin suggestion "$S1" cosign draft draft "" "" --deputy "$lu" --confirm
step admin suggestion "$S1" submit draft submitted "" ""
step admin suggestion "$S1" revise submitted draft "" "" --text 请补充现状数据。
step admin suggestion "$S1" submit draft submitted "" ""
step admin suggestion "$S1" register submitted registered "" ""
step admin suggestion "$S1" supervise registered registered "" "" --text 王副主任
step admin suggestion "$S1" assign registered assigned support \
	"+reply@2026-06-02 +opinion@2026-04-02 +opinion@2026-04-02 +return@2026-03-11" \
	--unit "$JS" --support "$JY" --support "$GA"
step "unit $JY" suggestion "$S1" opinion assigned assigned "" "=opinion" --text 同意主办单位意见。
step "unit $GA" suggestion "$S1" opinion assigned assigned "" "=opinion" --text 配合做好交通组织。
step "unit $JS" suggestion "$S1" meet assigned assigned "" "" --date 2026-03-02 --place 乍浦镇 \
	--deputies 沈建国
step "unit $JS" suggestion "$S1" request-extension assigned assigned "" "" --text 涉及规划调整。
step admin suggestion "$S1" extend assigned assigned "" "-reply +reply@2026-07-01@2026-03-02" \
	--until 2026-07-01 --text 经分管领导批准
step admin suggestion "$S1" chase assigned assigned "" "" --text 请按期答复
step admin suggestion "$S1" supervise assigned assigned "" "" --text 王副主任
step "unit $JS" suggestion "$S1" reply assigned replied "" "=reply -return" --class B --text 已列入计划。
step admin suggestion "$S1" supervise replied replied "" "" --text 王副主任
step admin suggestion "$S1" evaluate replied followup satisfied+followup "" --eval satisfied
step "unit $JS" suggestion "$S1" meet followup followup "" "" --date 2026-03-02 --place 乍浦镇 \
	--deputies 沈建国
step admin suggestion "$S1" chase followup followup "" "" --text 请跟踪落实
step admin suggestion "$S1" supervise followup followup "" "" --text 王副主任
step "unit $JS" suggestion "$S1" reply followup replied "" "" --class A --text 工程已完工。
ROUND=1
step admin suggestion "$S1" evaluate replied assigned unsatisfied "+rehandle@2026-04-02" --eval unsatisfied
step "unit $JS" suggestion "$S1" reply assigned replied "" "=rehandle" --class A --text 再次整改。
ROUND=0
step admin suggestion "$S1" evaluate replied closed satisfied "" --eval satisfied
walked suggestion "$S1"

# S2: assigned without supporting units, returned, assigned again, replied, basic.
new_item
S2=$REF
step admin suggestion "$S2" submit draft submitted "" ""
step admin suggestion "$S2" register submitted registered "" ""
step admin suggestion "$S2" assign registered assigned "" "+reply@2026-06-02 +return@2026-03-11" --unit "$JY"
step "unit $JY" suggestion "$S2" return assigned registered "" "-reply -return" --text 不属于本单位。
step admin suggestion "$S2" assign registered assigned "" "+reply@2026-06-02 +return@2026-03-11" --unit "$JS"
step "unit $JS" suggestion "$S2" reply assigned replied "" "=reply -return" --class A --text 已解决。
step admin suggestion "$S2" evaluate replied closed basic "" --eval basic
walked suggestion "$S2"

# S3: a B-class reply, basically satisfied: follow-up; the second reply; closed without
# an evaluation.
new_item
S3=$REF
step admin suggestion "$S3" submit draft submitted "" ""
step admin suggestion "$S3" register submitted registered "" ""
step admin suggestion "$S3" assign registered assigned "" "+reply@2026-06-02 +return@2026-03-11" --unit "$JS"
step "unit $JS" suggestion "$S3" reply assigned replied "" "=reply -return" --class B --text 列入计划。
step admin suggestion "$S3" evaluate replied followup basic+followup "" --eval basic
step "unit $JS" suggestion "$S3" reply followup replied "" "" --class A --text 已完成。
step admin suggestion "$S3" close replied closed "" "" --text 代表未再评价，结案。
walked suggestion "$S3"

# S4: a delegation's motion, converted to a suggestion, then withdrawn; S5 withdrawn as a
# draft.
new_item --kind motion --delegation 新埭镇代表团 --basis 农田水利设施薄弱。
S4=$REF
step admin suggestion "$S4" submit draft submitted "" ""
step admin suggestion "$S4" convert submitted submitted motion "" --text 不符合议案条件
check "  now a suggestion" test "$(show_fields suggestion "$S4" kind)" = suggestion
step admin suggestion "$S4" withdraw submitted withdrawn "" "" --text 代表撤回
walked suggestion "$S4"
new_item --deputy "$shi"
step admin suggestion "$REF" withdraw draft withdrawn "" "" --text 代表撤回
walked suggestion "$REF"

# S6 takes S7 (submitted) and S8 (registered) in.
new_item
S6=$REF
step admin suggestion "$S6" submit draft submitted "" ""
step admin suggestion "$S6" register submitted registered "" ""
new_item --deputy "$lu"
step admin suggestion "$REF" submit draft submitted "" ""
step admin suggestion "$REF" merge submitted merged "" "" --into "$S6" --text 内容相近
walked suggestion "$REF"
new_item --deputy "$shi"
step admin suggestion "$REF" submit draft submitted "" ""
step admin suggestion "$REF" register submitted registered "" ""
step admin suggestion "$REF" merge registered merged "" "" --into "$S6"
walked suggestion "$REF"
walked suggestion "$S6"
check "  S6 lists both as merged into it" test "$(show_fields suggestion "$S6" merged_items | tr ';' '\n' | wc -l)" = 2

# ---- finance warnings --------------------------------------------------------------------
# Four departments spent nothing of their budgets by February: an import raises a warning for
# each (EXEC-LAG: 16.67 points behind the schedule); the import's own audit row is one more.
# The self-check's deadline: 15 working days from Mon 03-02 -> Mon 03-23.
cat >"$T/lag.csv" <<EOF
period,department_code,department,function_code,function,annual,executed
2026-02,D-JYJ,$JY,2050101,教育行政运行,2000000,0
2026-02,D-JSJ,$JS,2120101,行政运行,2000000,0
2026-02,D-NYJ,平湖市农业农村局,2130101,行政运行,2000000,0
2026-02,D-JTJ,平湖市交通运输局,2140101,行政运行,2000000,0
EOF
check "an import raises four warnings" run 0 "$RENDA" finance import budget "$T/lag.csv"
steps=$((steps + 1))
# warning_of DEPARTMENT: the id of the department's warning, from the list.
warning_of() { "$RENDA" warning list --format csv | awk -F, -v s="$1" '$9 == s { print $1 }'; }
for dep in "$JY" "$JS" 平湖市农业农村局 平湖市交通运输局; do
	REF=$(warning_of "$dep")
	: >"$T/want-warning-$REF"
	printf 'clock\n' >"$T/clk-warning-$REF"
	expect warning "$REF" "warning $REF: raise, → open" admin raise "" open add
	printf 'warning\traise\t\topen\t\n' >>"$T/walked"
done
# W1: sent, a note, chased, the department's report, verified, a note, resolved.
W=$(warning_of "$JY")
step admin warning "$W" send open sent "" "+selfcheck@2026-03-23"
step admin warning "$W" note sent sent "" "" --text 已电话提醒
step admin warning "$W" chase sent sent "" "" --text 请按期报送自查报告
step "unit $JY" warning "$W" report sent sent "" "=selfcheck" --text 工程款支付节点推迟
step admin warning "$W" verify sent verified "" "" --text 经核实属实
step admin warning "$W" note verified verified "" "" --text 已列入跟踪
step admin warning "$W" resolve verified resolved "" "" --text 已加快支付
walked warning "$W"
# W2: dismissed as it came. W3: a note, sent to another department, dismissed.
W=$(warning_of "$JS")
step admin warning "$W" dismiss open dismissed "" "" --text 系数据口径差异
walked warning "$W"
W=$(warning_of 平湖市农业农村局)
step admin warning "$W" note open open "" "" --text 先了解情况
step admin warning "$W" send open sent "" "+selfcheck@2026-03-23" --unit "$JS"
step admin warning "$W" dismiss sent dismissed "" "-selfcheck" --text 已查明原因
walked warning "$W"
# W4: verified without the department's report (its deadline cancelled), then dismissed.
W=$(warning_of 平湖市交通运输局)
step admin warning "$W" send open sent "" "+selfcheck@2026-03-23"
step admin warning "$W" verify sent verified "" "-selfcheck" --text 已现场核实
step admin warning "$W" dismiss verified dismissed "" "" --text 不属于执行问题
walked warning "$W"
# ---- livelihood projects ------------------------------------------------------------------
# Records made by a step (the cycle's count makes the projects, a project's record-opinion
# its opinion) and steps taken by another record's step (the cycle's rate and rerate rate
# each project) are expected on their own records as well: born and side below.
PC=project-cycle PP=project-proposal PJ=project PO=project-opinion
SL=平湖市水利局
ZPZ=乍浦镇人民政府
gu=$(deputy_code 顾秀英)
GROUP=乍浦镇第一代表小组
OFFICE=城建环资工作委员会
# idof WORKFLOW NUMBER: the record's id, from its page.
# shellcheck disable=SC2046 # the command's words
idof() { "$RENDA" $(words_of "$1") show "$2" | awk -F '\t' '$1 == "id" { print $2 }'; }
# born WORKFLOW REF ACTION STATE CLOCKS: the record REF was made by the last command (by
# the administrator), with the clocks CLOCKS started.
born() {
	: >"$T/want-$1-$2"
	printf 'clock\n' >"$T/clk-$1-$2"
	# shellcheck disable=SC2086 # the clock changes are words
	check "  $1 $2 is made${5:+: $5}" check_clocks "$1" "$2" 0 $5
	expect "$1" "$2" "$1 $2: $3, → $4" admin "$3" "" "$4" add
}
# side ROLE WORKFLOW REF ACTION FROM TO CONDITION CLOCKS: the step the last command took
# on the record REF as well.
side() {
	s_desc="$2 $3: $4, $5 → $6${7:+ ($7)}"
	# shellcheck disable=SC2086 # the clock changes are words
	check "  $s_desc${8:+: $8}" check_clocks "$2" "$3" "$ROUND" $8
	expect "$2" "$3" "$s_desc" "${1%% *}" "$4" "$5" "$6" "$4"
	printf '%s\t%s\t%s\t%s\t%s\n' "$2" "$4" "$5" "$6" "$7" >>"$T/walked"
}
# figures KEY=N...: the --set arguments of a tally sheet.
figures() { for f; do printf -- '--set\n%s\n' "$f"; done; }
# opinion PROJECT STATE DEPUTY: the step record-opinion of PROJECT (in STATE), and the
# opinion it makes, with its answer clock (15 working days: 03-03..03-06, 03-09..03-13,
# 03-16..03-20, 03-23); sets OP.
opinion() {
	step admin $PJ "$1" record-opinion "$2" "$2" "" "" --set deputy="$3" --text 建议加快进度
	OP=$(idof $PO "$(sed -n 's/.*opinion \([0-9A-Z-]*\).*/\1/p' "$T/out" | head -n 1)")
	[ -n "$OP" ] || OP=$("$RENDA" project opinion list | sed -n '2s/\t.*//p')
	born $PO "$OP" post posted "+answer@2026-03-23"
}
# appraisal ROLE PROJECT STATE: a third-party evaluation of PROJECT (in STATE), a
# rectification item, and the item done (by ROLE).
appraisal() {
	step admin $PJ "$2" appraise "$3" "$3" "" "" --set agency=浙江财经大学 --set score=86.5 \
		--text 资金使用基本规范
	step admin $PJ "$2" rectify "$3" "$3" appraised "" --set due=2026-06-30 --text 完善资金台账
	step "$1" $PJ "$2" rectified "$3" "$3" open_items "" --into R1 --text 已完善
}

# X, the city's cycle of 2026: eight proposals (one adopted after second thoughts, one
# declined after them), a tie at the cut, a re-vote; six projects: P1 and P2 never
# assigned, P3 and P4 supervised, P5 and P6 completed; the evaluation (no bottom K):
# P1, P3 and P5 satisfied, P2, P4 and P6 unsatisfied, investigated, deliberated, and
# evaluated again.
check "a city cycle" run 0 "$RENDA" project cycle add --year 2026 --choose 5 --candidates 6
X=$(idof $PC 2026-CITY)
born $PC "$X" open collecting ""
step admin $PC "$X" rules collecting collecting "" "" --set choose=6 --set candidates=7 --set bottom=0
for k in 1 2 3 4 5 6 7 8; do
	run 0 "$RENDA" project proposal add --cycle 2026-CITY --deputy "$shen" --unit "$SL" \
		--title "民生实事候选项目$k" --content 群众反映强烈 || not_ok "proposal $k"
	eval "Z$k=\$(idof \$PP 2026-CITY-Z0$k)"
	eval "born \$PP \"\$Z$k\" propose proposed \"\""
done
for k in 1 2 3 4 5 6 7; do
	eval "step admin \$PP \"\$Z$k\" adopt proposed candidate \"\" \"\" --text 群众需求迫切"
done
step admin $PP "$Z7" reconsider candidate proposed "" "" --text 重新研究
step admin $PP "$Z7" adopt proposed candidate "" "" --text 研究后列入
step admin $PP "$Z8" decline proposed declined "" "" --text 已列入部门年度计划
step admin $PP "$Z8" reconsider declined proposed "" "" --text 重新研究
step admin $PP "$Z8" decline proposed declined "" "" --text 维持原决定
step admin $PC "$X" list collecting listed "" "" --text 政府初定
step admin $PC "$X" rules listed listed "" "" --set pass=1/2
step admin $PC "$X" review listed reviewed "" "" --text 同意提请票决
step admin $PC "$X" rules reviewed reviewed "" "" --set bottom=0
step admin $PC "$X" ballot reviewed voting "" ""
# Three city deputies: a candidate passes with 2 yes votes. Z6 and Z7 tie at the cut.
vote="issued=3 returned=3 valid=3 invalid=0"
for k in 1 2 3 4 5; do eval "vote=\"\$vote yes_\$Z$k=3 no_\$Z$k=0 abstain_\$Z$k=0\""; done
vote="$vote yes_$Z6=2 no_$Z6=1 abstain_$Z6=0 yes_$Z7=2 no_$Z7=0 abstain_$Z7=1"
# shellcheck disable=SC2046,SC2086 # the figures are words
step admin $PC "$X" tally voting voting "" "" $(figures $vote)
{
	echo 'item,issued,returned,valid,invalid,yes,no,abstain'
	for k in 1 2 3 4 5; do echo "2026-CITY-Z0$k,3,3,3,0,3,0,0"; done
	echo '2026-CITY-Z06,3,3,3,0,2,1,0'
	echo '2026-CITY-Z07,3,3,3,0,2,0,1'
} >"$T/vote.csv"
step admin $PC "$X" import voting voting "" "" --text "$T/vote.csv"
step admin $PC "$X" count voting revote tie ""
step admin $PC "$X" revote revote voting "" ""
# shellcheck disable=SC2046 # the figures are words
step admin $PC "$X" tally voting voting "" "" $(figures issued=3 returned=3 valid=3 invalid=0 \
	yes_$Z6=3 no_$Z6=0 abstain_$Z6=0 yes_$Z7=2 no_$Z7=1 abstain_$Z7=0)
printf 'item,issued,returned,valid,invalid,yes,no,abstain\n2026-CITY-Z06,3,3,3,0,3,0,0\n2026-CITY-Z07,3,3,3,0,2,1,0\n' >"$T/revote.csv"
step admin $PC "$X" import voting voting "" "" --text "$T/revote.csv"
step admin $PC "$X" count voting supervising "" ""
for k in 1 2 3 4 5 6; do
	eval "P$k=\$(idof \$PJ 2026-CITY-0$k)"
	eval "born \$PJ \"\$P$k\" choose chosen \"\""
done
for k in 1 2 3 4 5 6 7 8; do eval "walked \$PP \"\$Z$k\""; done
check "  Z7 lost the re-vote: no seventh project" test "$(idof $PJ 2026-CITY-07)" = ""

# Supervision.
step admin $PJ "$P1" team chosen chosen "" "" --set leader=王建国 --set group="$GROUP" \
	--set office="$OFFICE"
opinion "$P1" chosen "$shen"
walked $PO "$OP"
step admin $PJ "$P3" assign chosen supervising "" "+update@2026-04-02" --unit "$SL"
step admin $PJ "$P3" assign supervising supervising "" "-update +update@2026-04-02" --unit "$SL"
step admin $PJ "$P3" team supervising supervising "" "" --set leader=王建国 --set group="$GROUP" \
	--set office="$OFFICE"
step "unit $SL" $PJ "$P3" target supervising supervising "" "" --set month=2026-04 --text 完成招标
step "unit $SL" $PJ "$P3" update supervising supervising "" "=update +update@2026-04-02" \
	--set percent=30 --set spent=360000 --set attachments=招标公告.pdf --text 施工单位进场
step admin $PJ "$P3" chase supervising supervising "" "" --text 请按月报送进展
opinion "$P3" supervising "$shen"
step admin $PO "$OP" chase posted posted "" "" --text 请及时答复
step "unit $SL" $PO "$OP" answer posted answered "" "=answer" --text 已督促施工单位
walked $PO "$OP"
step admin $PJ "$P4" assign chosen supervising "" "+update@2026-04-02" --unit "$SL"
for k in 5 6; do
	eval "p=\$P$k"
	step admin $PJ "$p" assign chosen supervising "" "+update@2026-04-02" --unit "$SL"
	step "unit $SL" $PJ "$p" update supervising supervising "" "=update +update@2026-04-02" \
		--set percent=100 --text 全部完工
	step "unit $SL" $PJ "$p" complete supervising completed "" "-update" --text 已竣工
done
step admin $PJ "$P5" team completed completed "" "" --set leader=王建国 --set group="$GROUP" \
	--set office="$OFFICE"
opinion "$P5" completed "$shen"
walked $PO "$OP"
appraisal "unit $SL" "$P5" completed

# The evaluation: a sheet typed, then the voting system's file.
step admin $PC "$X" evaluation supervising evaluating "" ""
ev="issued=3 returned=3 valid=3 invalid=0"
for k in 1 3 5; do eval "ev=\"\$ev satisfied_\$P$k=3 basic_\$P$k=0 unsatisfied_\$P$k=0\""; done
for k in 2 4 6; do eval "ev=\"\$ev satisfied_\$P$k=0 basic_\$P$k=1 unsatisfied_\$P$k=2\""; done
# shellcheck disable=SC2046,SC2086 # the figures are words
step admin $PC "$X" tally evaluating evaluating "" "" $(figures $ev)
{
	echo 'item,issued,returned,valid,invalid,satisfied,basic,unsatisfied'
	for k in 1 3 5; do echo "2026-CITY-0$k,3,3,3,0,3,0,0"; done
	for k in 2 4 6; do echo "2026-CITY-0$k,3,3,3,0,0,1,2"; done
} >"$T/eval.csv"
step admin $PC "$X" import evaluating evaluating "" "" --text "$T/eval.csv"
step admin $PC "$X" rate evaluating rated "" ""
side admin $PJ "$P1" rate chosen evaluated rated ""
side admin $PJ "$P2" rate chosen flagged unsatisfied+rated ""
side admin $PJ "$P3" rate supervising evaluated rated "-update"
side admin $PJ "$P4" rate supervising flagged unsatisfied+rated "-update"
side admin $PJ "$P5" rate completed evaluated rated ""
side admin $PJ "$P6" rate completed flagged unsatisfied+rated ""
appraisal admin "$P1" evaluated
for k in 1 3 5; do eval "walked \$PJ \"\$P$k\""; done

# The projects rated unsatisfied: investigation, findings, deliberation.
step admin $PJ "$P4" investigate flagged investigating "" "" --set office="$OFFICE" --text 调查原因
appraisal "unit $SL" "$P4" investigating
opinion "$P4" investigating "$shen"
walked $PO "$OP"
step admin $PJ "$P4" findings investigating investigating "" "" --text 沟通不够
step admin $PJ "$P4" deliberate investigating deliberated "" "" --text 建议限期整改
step admin $PJ "$P2" investigate flagged investigating "" "" --set office="$OFFICE" --text 调查原因
step admin $PJ "$P2" deliberate investigating deliberated "" "" --text 建议加强宣传
appraisal admin "$P2" deliberated
opinion "$P2" deliberated "$shen"
walked $PO "$OP"
step admin $PJ "$P6" investigate flagged investigating "" "" --set office="$OFFICE" --text 调查原因
step admin $PJ "$P6" deliberate investigating deliberated "" "" --text 建议完善配套
# The second evaluation.
step admin $PC "$X" reevaluation rated reevaluating "" ""
ev="issued=3 returned=3 valid=3 invalid=0"
for k in 2 4 6; do eval "ev=\"\$ev satisfied_\$P$k=2 basic_\$P$k=1 unsatisfied_\$P$k=0\""; done
# shellcheck disable=SC2046,SC2086 # the figures are words
step admin $PC "$X" tally reevaluating reevaluating "" "" $(figures $ev)
{
	echo 'item,issued,returned,valid,invalid,satisfied,basic,unsatisfied'
	for k in 2 4 6; do echo "2026-CITY-0$k,3,3,3,0,2,1,0"; done
} >"$T/eval2.csv"
step admin $PC "$X" import reevaluating reevaluating "" "" --text "$T/eval2.csv"
step admin $PC "$X" rerate reevaluating closed "" ""
for k in 2 4 6; do eval "side admin \$PJ \"\$P$k\" rerate deliberated reevaluated rerated \"\""; done
appraisal admin "$P6" reevaluated
for k in 2 4 6; do eval "walked \$PJ \"\$P$k\""; done
walked $PC "$X"

# Y, 乍浦镇's cycle (its one deputy): Q1 never assigned, Q2 supervised, Q3 completed,
# Q4 never assigned; all four satisfied, Q4 by all, the other three the bottom three of the
# ranking: flagged.
check "a town's cycle" run 0 "$RENDA" project cycle add --year 2026 --town 乍浦镇 --choose 4 \
	--candidates 5 --bottom 3
Y=$(idof $PC 2026-ZP)
born $PC "$Y" open collecting ""
for k in 1 2 3 4 5; do
	run 0 "$RENDA" project proposal add --cycle 2026-ZP --deputy "$gu" --title "集镇项目$k" ||
		not_ok "town proposal $k"
	eval "W$k=\$(idof \$PP 2026-ZP-Z0$k)"
	eval "born \$PP \"\$W$k\" propose proposed \"\""
	eval "step admin \$PP \"\$W$k\" adopt proposed candidate \"\" \"\" --text 同意"
	eval "walked \$PP \"\$W$k\""
done
step admin $PC "$Y" list collecting listed "" ""
step admin $PC "$Y" review listed reviewed "" "" --text 同意
step admin $PC "$Y" ballot reviewed voting "" ""
{
	echo 'item,issued,returned,valid,invalid,yes,no,abstain'
	for k in 1 2 3 4; do echo "2026-ZP-Z0$k,1,1,1,0,1,0,0"; done
	echo '2026-ZP-Z05,1,1,1,0,0,1,0'
} >"$T/zp.csv"
step admin $PC "$Y" import voting voting "" "" --text "$T/zp.csv"
step admin $PC "$Y" count voting supervising "" ""
for k in 1 2 3 4; do
	eval "Q$k=\$(idof \$PJ 2026-ZP-0$k)"
	eval "born \$PJ \"\$Q$k\" choose chosen \"\""
done
step admin $PJ "$Q2" assign chosen supervising "" "+update@2026-04-02" --unit "$ZPZ"
step admin $PJ "$Q3" assign chosen supervising "" "+update@2026-04-02" --unit "$ZPZ"
step "unit $ZPZ" $PJ "$Q3" update supervising supervising "" "=update +update@2026-04-02" \
	--set percent=100 --text 全部完工
step "unit $ZPZ" $PJ "$Q3" complete supervising completed "" "-update" --text 已竣工
step admin $PC "$Y" evaluation supervising evaluating "" ""
{
	echo 'item,issued,returned,valid,invalid,satisfied,basic,unsatisfied'
	for k in 1 2 3; do echo "2026-ZP-0$k,3,3,3,0,2,0,1"; done
	echo '2026-ZP-04,3,3,3,0,3,0,0'
} >"$T/zpe.csv"
step admin $PC "$Y" import evaluating evaluating "" "" --text "$T/zpe.csv"
step admin $PC "$Y" rate evaluating rated "" ""
side admin $PJ "$Q1" rate chosen flagged bottom+rated ""
side admin $PJ "$Q2" rate supervising flagged bottom+rated "-update"
side admin $PJ "$Q3" rate completed flagged bottom+rated ""
side admin $PJ "$Q4" rate chosen evaluated rated ""
appraisal "unit $ZPZ" "$Q3" flagged
opinion "$Q3" flagged "$gu"
walked $PO "$OP"
for k in 1 2 3 4; do eval "walked \$PJ \"\$Q$k\""; done
walked $PC "$Y"

# V, 新埭镇's cycle: its one project satisfied, no bottom K; the cycle closes.
check "a second town's cycle" run 0 "$RENDA" project cycle add --year 2026 --town 新埭镇 \
	--choose 1 --candidates 2 --bottom 0
V=$(idof $PC 2026-XD)
[ -n "$V" ] || V=$("$RENDA" project cycle list | awk -F '\t' 'NR > 1 && $2 ~ /^2026-/ && $2 != "2026-CITY" && $2 != "2026-ZP" { print $1; exit }')
born $PC "$V" open collecting ""
VN=$("$RENDA" project cycle show "$V" | awk -F '\t' '$1 == "number" { print $2 }')
for k in 1 2; do
	run 0 "$RENDA" project proposal add --cycle "$VN" --deputy "$xd" --title "新埭项目$k" ||
		not_ok "second town proposal $k"
	u=$(idof $PP "$VN-Z0$k")
	born $PP "$u" propose proposed ""
	step admin $PP "$u" adopt proposed candidate "" "" --text 同意
	walked $PP "$u"
done
step admin $PC "$V" list collecting listed "" ""
step admin $PC "$V" review listed reviewed "" "" --text 同意
step admin $PC "$V" ballot reviewed voting "" ""
printf 'item,issued,returned,valid,invalid,yes,no,abstain\n%s-Z01,1,1,1,0,1,0,0\n%s-Z02,1,1,1,0,0,1,0\n' "$VN" "$VN" >"$T/xd.csv"
step admin $PC "$V" import voting voting "" "" --text "$T/xd.csv"
step admin $PC "$V" count voting supervising "" ""
R1=$(idof $PJ "$VN-01")
born $PJ "$R1" choose chosen ""
step admin $PC "$V" evaluation supervising evaluating "" ""
printf 'item,issued,returned,valid,invalid,satisfied,basic,unsatisfied\n%s-01,1,1,1,0,1,0,0\n' "$VN" >"$T/xde.csv"
step admin $PC "$V" import evaluating evaluating "" "" --text "$T/xde.csv"
step admin $PC "$V" rate evaluating rated "" ""
side admin $PJ "$R1" rate chosen evaluated rated ""
step admin $PC "$V" close rated closed "" ""
walked $PJ "$R1"
walked $PC "$V"

# ---- activities of deputies ---------------------------------------------------------------
# X1: sign-ups answered and withdrawn before and after the sign-up closes, the attendance,
# its record, amendments, archiving. The five deputies of small_db take part.
gu=$(deputy_code 顾秀英)
new_activity() {
	new activity plan planned --kind inspection --title 视察乍浦港区 --starts "2026-03-02 08:00" \
		--place 乍浦港区
}
new_activity
X1=$REF
step admin activity "$X1" open planned signup "" ""
step admin activity "$X1" sign-up signup signup "" "" --deputy "$shen" --deputy "$lu" \
	--deputy "$shi" --deputy "$xd" --deputy "$gu"
step admin activity "$X1" confirm signup signup "" "" --deputy "$shen" --deputy "$lu" --deputy "$gu" --confirm
step admin activity "$X1" withdraw-signup signup signup "" "" --deputy "$xd"
step admin activity "$X1" close-signup signup signup-closed "" ""
step admin activity "$X1" confirm signup-closed signup-closed "" "" --deputy "$shi" --confirm
step admin activity "$X1" withdraw-signup signup-closed signup-closed "" "" --deputy "$shi"
step admin activity "$X1" present signup-closed signup-closed "" "" --deputy "$shen"
step admin activity "$X1" leave signup-closed signup-closed "" "" --deputy "$lu" --text 出差
step admin activity "$X1" absent signup-closed signup-closed "" "" --deputy "$gu"
step admin activity "$X1" record signup-closed recorded "" ""
step admin activity "$X1" present recorded recorded "" "" --deputy "$gu" --text 补登
step admin activity "$X1" leave recorded recorded "" "" --deputy "$shen" --text 临时请假
step admin activity "$X1" absent recorded recorded "" "" --deputy "$lu"
step admin activity "$X1" archive recorded archived "" ""
walked activity "$X1"
# X2, X3, X4: cancelled while planned, open for sign-up, and once the sign-up closed.
new_activity
step admin activity "$REF" cancel planned cancelled "" "" --text 天气原因
walked activity "$REF"
new_activity
step admin activity "$REF" open planned signup "" ""
step admin activity "$REF" cancel signup cancelled "" "" --text 天气原因
walked activity "$REF"
new_activity
step admin activity "$REF" open planned signup "" ""
step admin activity "$REF" close-signup signup signup-closed "" ""
step admin activity "$REF" cancel signup-closed cancelled "" "" --text 天气原因
walked activity "$REF"

# ---- every row walked ------------------------------------------------------------------
# Each row of the tables, from each state it leaves, under each alternative of its
# conditions, is one key: workflow, action, from, to, condition.
"$ROWS" --rows >"$T/rows" || echo "# $ROWS --rows failed"
awk -F '\t' '{
	nf = split($4, from, "|"); na = split($6, alt, "|"); if (na == 0) { na = 1; alt[1] = "" }
	for (i = 1; i <= nf; i++) for (j = 1; j <= na; j++)
		printf "%s\t%s\t%s\t%s\t%s\n", $1, $3, from[i], $5 == "" ? from[i] : $5, alt[j]
}' "$T/rows" | sort -u >"$T/keys"
sort -u "$T/walked" >"$T/walked-keys"
check "the tables have rows ($(wc -l <"$T/rows") rows, $(wc -l <"$T/keys") keys)" \
	test "$(grep -c '^case	' "$T/rows")" -gt 10 -a "$(grep -c '^suggestion	' "$T/rows")" -gt 20 \
	-a "$(grep -c '^project	' "$T/rows")" -gt 15
missing=$(comm -23 "$T/keys" "$T/walked-keys")
check "every row is walked, from every state, under every condition" test -z "$missing"
[ -z "$missing" ] || printf '%s\n' "$missing" | sed 's/^/# not walked: /'
# A step of the walk that is no row of the tables (other than the creation of a record).
extra=$(comm -13 "$T/keys" "$T/walked-keys" | grep -v '^case	receive		received	$' |
	grep -v '^suggestion	add		draft	$' | grep -v '^activity	plan		planned	$' |
		grep -v '^warning	raise		open	$')
check "every step walked is a row of the tables" test -z "$extra"
[ -z "$extra" ] || printf '%s\n' "$extra" | sed 's/^/# no such row: /'
check "one audit row for each step and nothing else ($steps)" test "$("$RENDA" audit list | nrows)" = $((audit0 + steps))
check "the audit trail verifies" run 0 "$RENDA" audit verify
done_testing
