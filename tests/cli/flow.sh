#!/bin/sh
# The walk of every transition row of both workflows (voter issues, motions and
# suggestions), from every state a row leaves and under every condition it takes,
# through the command line. Each step is read back through renda: the new event of
# `history` (action, from, to, account, role), the clocks it started, stopped or
# cancelled (`clocks`, compared row by row with the clocks before the step: nothing
# else may change), and its one audit row (`audit list`, with the states before and
# after). The rows come from the program's own tables (test_workflow --rows); a row that
# this walk does not take fails the test.
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
ROLE=admin
# be ROLE [TOWN | UNIT]: the caller's role for the next step (as_role when it changes).
be() {
	if [ "$ROLE" != "$*" ]; then
		as_role "$@"
		ROLE=$*
	fi
}
# The newest audit row's id, kept from step to step.
last_audit=$("$RENDA" audit list --limit 1 | tsv_col - id)

# seen KIND REF: keeps what the record's history and clocks show now, for the next step.
seen() {
	"$RENDA" "$1" history "$2" >"$T/hist-$1-$2" &&
		"$RENDA" "$1" clocks "$2" >"$T/clk-$1-$2"
}

# check_event KIND REF ACTION FROM TO ROLE: the history has one more event, the last:
# ACTION from FROM to TO, by this account in ROLE.
check_event() {
	"$RENDA" "$1" history "$2" >"$T/hist" 2>&1 || { diag <"$T/hist"; return 1; }
	n0=$(nrows "$T/hist-$1-$2")
	got=$(tail -n 1 "$T/hist" | cut -f2-6)
	want=$(printf '%s\t%s\t%s\t%s\t%s' "$me" "$6" "$3" "$4" "$5")
	cp "$T/hist" "$T/hist-$1-$2" # the next step starts from here, whatever this one did
	if [ "$(nrows "$T/hist")" = $((n0 + 1)) ] && [ "$got" = "$want" ]; then
		return 0
	fi
	echo "# history: $(nrows "$T/hist") events (was $n0); the last one:"
	printf '%s\n' "$got" | diag
	echo "# expected (account, role, action, from, to):"
	printf '%s\n' "$want" | diag
	return 1
}

# check_clocks KIND REF ROUND CHANGE...: the clocks changed by exactly these CHANGEs
# from those seen before the step:
#   +NAME@DUE[@STARTED]  a new running clock of the round, started today (or STARTED)
#   =NAME                a running clock stopped today, met
#   -NAME                a running clock cancelled today
check_clocks() {
	kind=$1 ref=$2 round=$3
	shift 3
	"$RENDA" "$kind" clocks "$ref" >"$T/clk" 2>&1 || { diag <"$T/clk"; return 1; }
	for c in "$@"; do
		case $c in
		+*@*@*) n=${c#+} && echo "start ${n%%@*} $(echo "$n" | cut -d@ -f2) $(echo "$n" | cut -d@ -f3) $round" ;;
		+*@*) n=${c#+} && echo "start ${n%@*} ${n#*@} $TODAY $round" ;;
		=*) echo "stop ${c#=} met" ;;
		-*) echo "stop ${c#-} cancelled" ;;
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

# check_audit ENTITY REF ACTION FROM TO ROLE: one new audit row, the newest: ACTION on
# the record by this account in ROLE, its state FROM before and TO after.
check_audit() {
	"$RENDA" audit list --limit 2 >"$T/audit" 2>&1 || { diag <"$T/audit"; return 1; }
	row=$(sed -n 2p "$T/audit")
	prev=$(sed -n 3p "$T/audit" | cut -f1)
	id=$(echo "$row" | cut -f1)
	bad=
	[ "$prev" = "$last_audit" ] && [ "$id" = $((last_audit + 1)) ] || bad="not the one new row after $last_audit"
	[ "$(echo "$row" | cut -f3-7)" = "$(printf '%s\t%s\t%s\t%s\t%s' "$me" "$6" "$1" "$2" "$3")" ] ||
		bad="$bad; not $3 on $1 $2 by $me ($6)"
	if [ -n "$4" ]; then
		echo "$row" | cut -f8 | grep -qF "\"state\":\"$4\"" || bad="$bad; its before is not $4"
	else
		[ -z "$(echo "$row" | cut -f8)" ] || bad="$bad; a new record has no before"
	fi
	echo "$row" | cut -f9 | grep -qF "\"state\":\"$5\"" || bad="$bad; its after is not $5"
	last_audit=$id
	[ -z "$bad" ] && return 0
	echo "# audit: $bad"
	diag <"$T/audit"
	return 1
}

# step ROLE KIND REF ACTION FROM TO CONDITION CLOCKS [ARG...]: takes the step
# `renda KIND act REF ACTION ARG...` as ROLE ("admin", "unit NAME"), the row from FROM to
# TO (TO = FROM when the row stays) under CONDITION ("" when the row has none), with the
# clock changes CLOCKS (a space-separated list for check_clocks; ROUND=N sets the round
# of the clocks it starts), and checks its event, clocks and audit row.
ROUND=0
step() {
	s_role=$1 s_kind=$2 s_ref=$3 s_action=$4 s_from=$5 s_to=$6 s_alt=$7 s_clocks=$8
	shift 8
	be $s_role
	d="$s_kind $s_ref: $s_action, $s_from → $s_to${s_alt:+ ($s_alt)}"
	if ! run 0 "$RENDA" "$s_kind" act "$s_ref" "$s_action" "$@"; then
		not_ok "$d"
		be admin
		return
	fi
	ok "$d"
	r=${s_role%% *}
	be admin # a unit that returned the item no longer sees it: read as the administrator
	check "  its event" check_event "$s_kind" "$s_ref" "$s_action" "$s_from" "$s_to" "$r"
	# shellcheck disable=SC2086 # the clock changes are words
	check "  its clocks${s_clocks:+: $s_clocks}" check_clocks "$s_kind" "$s_ref" "$ROUND" $s_clocks
	check "  its audit row" check_audit "$s_kind" "$s_ref" "$s_action" "$s_from" "$s_to" "$r"
	printf '%s\t%s\t%s\t%s\t%s\n' "$s_kind" "$s_action" "$s_from" "$s_to" "$s_alt" >>"$T/walked"
}

# new KIND ACTION STATE ARG...: adds a record with `renda KIND add ARG...` and checks its
# first event (ACTION, from nothing to STATE), no clock and its audit row; sets REF.
new() {
	n_kind=$1 n_action=$2 n_state=$3
	shift 3
	be admin
	if ! run 0 "$RENDA" "$n_kind" add "$@"; then
		not_ok "a new $n_kind"
		REF=
		return
	fi
	REF=$(sed -n 's/^added \(case\|draft\) \([0-9]*\).*/\2/p' "$T/out")
	ok "a new $n_kind: $REF"
	printf 'at\n' >"$T/hist-$n_kind-$REF"
	printf 'clock\n' >"$T/clk-$n_kind-$REF"
	check "  its event" check_event "$n_kind" "$REF" "$n_action" "" "$n_state" admin
	check "  no clock" check_clocks "$n_kind" "$REF" 0
	check "  its audit row" check_audit "$n_kind" "$REF" add "" "$n_state" admin
	printf '%s\t%s\t\t%s\t\n' "$n_kind" "$n_action" "$n_state" >>"$T/walked"
}
# new_case [DEPUTY]: a voter issue brought to the deputy (沈建国, a city deputy).
new_case() {
	new case receive received --deputy "${1:-$shen}" --category 城市建设 --title 路灯不亮 \
		--content 中心路路灯坏了两周。
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

# B: assigned without support, returned as mis-assigned, then rejected.
new_case
B=$REF
step admin case "$B" forward received forwarded "" ""
step admin case "$B" assign forwarded assigned "" \
	"+respond@2026-03-09 +reply@2026-04-02 +return@2026-03-11" --unit "$JY"
step "unit $JY" case "$B" return assigned forwarded "" "-respond -reply -return" --text 属于交通管理。
step admin case "$B" reject forwarded rejected "" "" --text 正在诉讼中，不予受理。

# C: the deputy's reply, then forwarded; replied without a response; basic.
new_case
C=$REF
step admin case "$C" deputy-reply received deputy_replied "" "" --text 已联系有关部门。
step admin case "$C" forward deputy_replied forwarded "" ""
step admin case "$C" assign forwarded assigned "" \
	"+respond@2026-03-09 +reply@2026-04-02 +return@2026-03-11" --unit "$JS"
step "unit $JS" case "$C" reply assigned replied "" "=respond =reply -return" --text 已修复。
step admin case "$C" evaluate replied closed basic "" --eval basic

# D, E, G: the deputy's reply, then satisfied, basic, or closed without an evaluation.
for how in satisfied basic close; do
	new_case
	step admin case "$REF" deputy-reply received deputy_replied "" "" --text 已答复选民。
	if [ $how = close ]; then
		step admin case "$REF" close deputy_replied closed "" "" --text 选民未再反映。
	else
		step admin case "$REF" evaluate deputy_replied closed $how "" --eval $how
	fi
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

# ---- motions and suggestions ------------------------------------------------------------
# S1: co-signing, revision, key supervision, assignment with two supporting units (an
# opinion, then the last), a meeting, an extension, a B-class reply and follow-up, a
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
	"+reply@2026-06-02 +opinion@2026-04-02 +return@2026-03-11" --unit "$JS" --support "$JY" --support "$GA"
step "unit $JY" suggestion "$S1" opinion assigned assigned "" "" --text 同意主办单位意见。
step "unit $GA" suggestion "$S1" opinion assigned assigned last "=opinion" --text 配合做好交通组织。
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

# S4: a delegation's motion, converted to a suggestion, then withdrawn; S5 withdrawn as a
# draft.
new_item --kind motion --delegation 新埭镇代表团 --basis 农田水利设施薄弱。
S4=$REF
step admin suggestion "$S4" submit draft submitted "" ""
step admin suggestion "$S4" convert submitted submitted motion "" --text 不符合议案条件
check "  now a suggestion" test "$(show_fields suggestion "$S4" kind)" = suggestion
step admin suggestion "$S4" withdraw submitted withdrawn "" "" --text 代表撤回
new_item --deputy "$shi"
step admin suggestion "$REF" withdraw draft withdrawn "" "" --text 代表撤回

# S6 takes S7 (submitted) and S8 (registered) in.
new_item
S6=$REF
step admin suggestion "$S6" submit draft submitted "" ""
step admin suggestion "$S6" register submitted registered "" ""
new_item --deputy "$lu"
step admin suggestion "$REF" submit draft submitted "" ""
step admin suggestion "$REF" merge submitted merged "" "" --into "$S6" --text 内容相近
new_item --deputy "$shi"
step admin suggestion "$REF" submit draft submitted "" ""
step admin suggestion "$REF" register submitted registered "" ""
step admin suggestion "$REF" merge registered merged "" "" --into "$S6"
check "  S6 lists both as merged into it" test "$(show_fields suggestion "$S6" merged_items | tr ';' '\n' | wc -l)" = 2

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
	test "$(grep -c '^case	' "$T/rows")" -gt 10 -a "$(grep -c '^suggestion	' "$T/rows")" -gt 20
missing=$(comm -23 "$T/keys" "$T/walked-keys")
check "every row is walked, from every state, under every condition" test -z "$missing"
[ -z "$missing" ] || printf '%s\n' "$missing" | sed 's/^/# not walked: /'
# A step of the walk that is no row of the tables (other than the creation of a record).
extra=$(comm -13 "$T/keys" "$T/walked-keys" | grep -v '^case	receive		received	$' |
	grep -v '^suggestion	add		draft	$')
check "every step walked is a row of the tables" test -z "$extra"
[ -z "$extra" ] || printf '%s\n' "$extra" | sed 's/^/# no such row: /'
check "the audit trail verifies" run 0 "$RENDA" audit verify
done_testing
