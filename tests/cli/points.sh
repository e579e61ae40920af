#!/bin/sh
# Duty points (履职积分), computed and never typed: attendance adds the rule's points and
# an absence without leave deducts them; every point of a total is one event's, scored by
# one rule version; a rule version effective next year leaves this year's totals as they
# are; a deputy who joined (or left) mid-year is pro-rated as renda.conf says (months,
# days, none); corrections are new events with a reason and never change; a past ranking
# is reproduced exactly as of a time, whatever was recorded, ruled or edited since; the
# workbooks hold what the CLI prints; whether deputies or the public get rankings is the
# setting's; and a town clerk, a viewer and a unit operator see and change what is theirs.
. "$SRCDIR/tests/lib.sh"

P() { "$RENDA" points "$@"; }
A() { "$RENDA" activity "$@"; }
code() { deputy_code "$1"; }
at() { RENDA_NOW="$1"; export RENDA_NOW; }
PY=/usr/bin/python3
# field CODE KEY [OPTION...]: a value of `points show CODE`.
field() {
	f_code=$1 f_key=$2
	shift 2
	P show "$f_code" "$@" | awk -F '\t' -v k="$f_key" 'NR > 1 && $1 == k { print $2 }'
}
# rule ITEM [VERSION]: the points of an item in a version of the rules (default: 1),
# as `points rules list` prints them.
rule() { P rules list | awk -F '\t' -v i="$1" -v v="${2:-1}" '$1 == v && $6 == i { print $7 }'; }
cap() { P rules list | awk -F '\t' -v i="$1" -v v="${2:-1}" '$1 == v && $6 == i { print $8 }'; }
# num X: a number as points_text writes it (3, 0.5, 12.25, -2), from any decimal.
num() { awk "BEGIN { x = ($1); v = sprintf(\"%.2f\", x + (x < 0 ? -0.000001 : 0.000001));
	sub(/0+\$/, \"\", v); sub(/\\.\$/, \"\", v); if (v == \"-0\") v = \"0\"; print v }"; }
# held KIND DAY CODE... -- MARKS...: an activity on DAY that the deputies sign up for and
# are confirmed in, then its attendance: the marks of `activity attendance` (with --done).
held() {
	h_kind=$1 h_day=$2
	shift 2
	h_who=
	while [ "$1" != -- ]; do
		h_who="$h_who --deputy $1"
		shift
	done
	shift
	A add --kind "$h_kind" --title "$h_kind $h_day" --starts "$h_day 09:00" --place 现场 >"$T/held" ||
		{ echo "# held: add failed"; cat "$T/held"; return 1; }
	h_id=$(sed -n 's/^added activity \([0-9]*\) .*/\1/p' "$T/held")
	# shellcheck disable=SC2086 # the deputies are words
	A act "$h_id" open >/dev/null && A sign-up "$h_id" $h_who >/dev/null &&
		A confirm "$h_id" $h_who >/dev/null && A act "$h_id" close-signup >/dev/null &&
		A attendance "$h_id" "$@" --done >/dev/null || { echo "# held: $h_kind $h_day failed"; return 1; }
}

at 2026-01-05T09:00:00+08:00
small_db
shen=$(code 沈建国) gu=$(code 顾秀英) lu=$(code 陆伟明) qian=$(code 钱佳怡) shi=$(code 施永忠)
"$RENDA" deputy add --name 周新民 --resident_id "$(fix_id 33048219780808008)" --level city \
	--town 乍浦镇 --joined_date 2025-07-01 >/dev/null || { echo "Bail out! deputy add"; exit 1; }
zhou=$(code 周新民)
[ -n "$shen" ] && [ -n "$zhou" ] || { echo "Bail out! no deputies"; exit 1; }
base=$(rule base) insp=$(rule inspection) absent=$(rule absent) leave=$(rule leave)
check "the default rules: a base, an inspection scores, an absence deducts" test \
	-n "$base" -a "$(num "$insp")" != 0 -a "$(awk -v a="$absent" 'BEGIN { print (a < 0) }')" = 1

# ---- attendance adds, absence deducts ---------------------------------------------------
at 2026-03-02T09:00:00+08:00
check "an inspection: 沈建国 present, 陆伟明 absent, 顾秀英 on leave" \
	held inspection 2026-02-10 "$shen" "$lu" "$gu" -- --present "$shen" --absent "$lu" --leave "$gu" --reason 出差
check "沈建国 scores the inspection" test "$(field "$shen" item.inspection)" = "$(num "$insp")"
check "  and the base: his total" test "$(field "$shen" total)" = "$(num "$base + $insp")"
check "陆伟明 loses the absence's points" test "$(field "$lu" item.absent)" = "$(num "$absent")"
check "  below the base" test "$(field "$lu" total)" = "$(num "$base + $absent")"
check "顾秀英 on leave: the leave's rule" test "$(field "$gu" item.leave)|$(field "$gu" total)" = \
	"$(num "$leave")|$(num "$base + $leave")"
check "钱佳怡, with no event, has the base alone" test "$(field "$qian" total)" = "$(num "$base")"
# The same by hand, from the default rule table of the migration (version 1: base 10,
# inspection 3, leave 0, absent -2): 10 + 3, 10 - 2, 10 + 0, 10.
check "version 1 is the migration's table" test "$base|$insp|$leave|$absent|$(cap inspection)" = "10|3|0|-2|15"
check "  so the totals by hand: 13, 8, 10, 10" test \
	"$(field "$shen" total) $(field "$lu" total) $(field "$gu" total) $(field "$qian" total)" = "13 8 10 10"
# Duty days (履职天数): the days with a duty done. 沈建国 was at the inspection of 10 February;
# an absence, a leave and the yearly base are no duty.
check "duty days: 沈建国 1, the absent 0, the one on leave 0, 钱佳怡 0" test \
	"$(field "$shen" days) $(field "$lu" days) $(field "$gu" days) $(field "$qian" days)" = "1 0 0 0"

# ---- every point explained ------------------------------------------------------------
# explained CODE [OPTION...]: the lines of `points events` add up to the total of `points
# show`, each line with points has one rule version, and each event's key is its own.
explained() {
	e_code=$1
	shift
	P events "$e_code" "$@" >"$T/ev" || return 1
	e_total=$(field "$e_code" total "$@")
	e_sum=$(awk -F '\t' 'NR > 1 { s += $6 } END { printf "%.2f", s }' "$T/ev")
	[ "$(num "$e_sum")" = "$e_total" ] || { echo "# $e_code: lines add up to $e_sum, total $e_total"; return 1; }
	awk -F '\t' 'NR > 1 && $6 != 0 && $4 !~ /^[0-9]+$/ { bad = 1; print "# no version: " $0 }
		END { exit bad }' "$T/ev" || return 1
	[ "$(sed 1d "$T/ev" | cut -f3 | sort | uniq -d)" = "" ] || { echo "# a key twice"; return 1; }
}
for d in "$shen" "$lu" "$gu" "$qian" "$shi"; do
	check "every point of $d's total is one line's, with its rule version" explained "$d"
done
check "the ranking's totals are the same as each deputy's" sh -c "
	'$RENDA' points ranking | awk -F '\t' 'NR > 1 { print \$3, \$8 }' | while read -r c t; do
		[ \"\$('$RENDA' points show \"\$c\" | awk -F '\t' '\$1 == \"total\" { print \$2 }')\" = \"\$t\" ] || exit 1
	done"
check "the city deputies ranked: 沈建国 first, 陆伟明 last" test \
	"$(P ranking --level city | awk -F '\t' 'NR > 1 { print $1, $3 }' | sed -n '1p;$p' | tr '\n' ' ')" = \
	"1 $shen 4 $lu "

# ---- corrections ---------------------------------------------------------------------
key=$(P events "$lu" | awk -F '\t' '$2 == "absent" { print $3 }')
check "陆伟明's absence has a key" test -n "$key"
check "a correction needs its reason (usage)" run 2 P correct "$lu" --void "$key"
check "his absence is cancelled: he had asked for leave" run 0 P correct "$lu" --void "$key" --reason 已事先请假，未转报
check "  the line that takes the points back, and the absence stays" test \
	"$(P events "$lu" | awk -F '\t' -v k="$key" '$3 == k || $8 ~ k { print $6 }' | tr '\n' ' ')" = \
	"$(num "$absent") $(num "0 - $absent") "
check "  his total is the base again" test "$(field "$lu" total)" = "$(num "$base")"
check "  still explained" explained "$lu"
check "it is not cancelled twice" run 1 P correct "$lu" --void "$key" --reason 重复
check "an event the deputy does not have" run 1 P correct "$lu" --void activity:999:1 --reason 无
check "nor the base" run 1 P correct "$lu" --void base:2026 --reason 无
check "a research visit the records missed" run 0 P correct "$qian" --item research --date 2026-02-20 --reason 漏记调研
check "  scores the research" test "$(field "$qian" item.research)" = "$(num "$(rule research)")"
check "  and is a duty day of hers" test "$(field "$qian" days)" = 1
check "  explained with the others" explained "$qian"
check "no item, no void: refused" run 1 P correct "$qian" --reason 空
check "a day to come is refused" run 1 P correct "$qian" --item research --date 2026-12-01 --reason 未来
# A test of the database itself: its triggers keep corrections and rules as they were.
check "a correction is never changed in the database" sh -c "! sqlite3 '$RENDA_DB' \"UPDATE points_correction SET reason = 'x'\" 2>/dev/null"
check "nor a rule" sh -c "! sqlite3 '$RENDA_DB' \"UPDATE points_rule SET points = 1\" 2>/dev/null"

# ---- a past ranking reproduced ---------------------------------------------------------
check "the ranking of 2026 at this moment" run 0 P ranking --year 2026
cp "$T/out" "$T/ranking-t1"
P events "$shen" >"$T/events-t1"
T1=$RENDA_NOW

# ---- a rule version effective next year -------------------------------------------------
check "a rule cannot take effect in the past" run 1 P rules add-version --from 2026-01-01 --set inspection=5
check "  saying why" contains "$T/err" "2026-03-02"
check "a version effective next year" run 0 P rules add-version --from 2027-01-01 \
	--set inspection=5/20 --set absent=-5 --note 提高视察分值
check "  it is version 2, in force from 2027-01-01" test "$(rule inspection 2)|$(cap inspection 2)|$(rule absent 2)" = "5|20|-5"
check "  and version 1 is as it was" test "$(rule inspection 1)|$(rule absent 1)" = "$(num "$insp")|$(num "$absent")"
check "this year's totals and ranks are unchanged" run 0 P ranking --year 2026
check "  the same ranking, line for line" cmp -s "$T/out" "$T/ranking-t1"
at 2027-02-10T09:00:00+08:00
check "next year, an inspection attended" held inspection 2027-02-01 "$shen" -- --present "$shen"
check "  is scored by version 2" test \
	"$(P events "$shen" --year 2027 | awk -F '\t' '$2 == "inspection" { print $4 "|" $6 }')" = "2|5"
check "  while last year's stayed version 1's" test \
	"$(P events "$shen" --year 2026 | awk -F '\t' '$2 == "inspection" { print $4 "|" $6 }')" = "1|$(num "$insp")"
check "2026's totals are still those of before" sh -c "'$RENDA' points ranking --year 2026 | cmp -s - '$T/ranking-t1'"

# ---- what happens after: more events, a correction, a rule, the roster changed ------------
at 2026-05-10T09:00:00+08:00
check "a research visit in April" held research 2026-04-20 "$shi" -- --present "$shi"
check "沈建国's inspection cancelled" run 0 P correct "$shen" \
	--void "$(awk -F '\t' '$2 == "inspection" { print $3 }' "$T/events-t1")" --reason 记录有误
check "a rule version from June" run 0 P rules add-version --from 2026-06-01 --set research=4
check "顾秀英 moves to 新埭镇" run 0 "$RENDA" deputy edit "$gu" --town 新埭镇
check "a new deputy" run 0 "$RENDA" deputy add --name 冯新华 --resident_id "$(fix_id 33048219790909009)" \
	--level city --town 当湖街道
check "the ranking now is another" sh -c "! '$RENDA' points ranking --year 2026 | cmp -s - '$T/ranking-t1'"
check "the ranking as of the first moment" run 0 P ranking --year 2026 --as-of "$T1"
check "  is the one printed then, exactly" cmp -s "$T/out" "$T/ranking-t1"
check "  (顾秀英 still of 乍浦镇 then)" test "$(awk -F '\t' -v c="$gu" '$3 == c { print $6 }' "$T/out")" = 乍浦镇
check "as of the end of that day, the same" run 0 P ranking --year 2026 --as-of 2026-03-02
check "  line for line" cmp -s "$T/out" "$T/ranking-t1"
check "沈建国's lines as of then are those of then" run 0 P events "$shen" --year 2026 --as-of "$T1"
check "  exactly" cmp -s "$T/out" "$T/events-t1"
check "a day that is no day" run 1 P ranking --as-of 2026-13-01

# ---- pro-rating --------------------------------------------------------------------
# 周新民 took office on 2025-07-01; 施永忠 left office on 2025-10-01. In 2025, three
# inspections for 周新民, more than the cap allows him.
at 2025-12-20T09:00:00+08:00
for d in 2025-08-05 2025-09-05 2025-10-10; do
	check "周新民 at the inspection of $d" held inspection "$d" "$zhou" -- --present "$zhou"
done
check "施永忠 at an inspection before he left" held inspection 2025-09-10 "$shi" -- --present "$shi"
check "施永忠 leaves office on 2025-10-01" run 0 "$RENDA" deputy leave "$shi" --date 2025-10-01 --reason 工作调动
at 2026-05-10T09:00:00+08:00
check "周新民, months: six of twelve" test "$(field "$zhou" share --year 2025)" = 6/12
check "  his base pro-rated" test "$(field "$zhou" item.base --year 2025)" = "$(num "$base * 6 / 12")"
want=$(awk -v i="$insp" -v c="$(cap inspection)" 'BEGIN { v = 3 * i; c = c * 6 / 12; print (v > c ? c : v) }')
check "  his inspections stop at the pro-rated cap" test "$(field "$zhou" item.inspection --year 2025)" = "$(num "$want")"
check "  the line that reaches it says so" sh -c "'$RENDA' points events '$zhou' --year 2025 | grep -q 'cap'"
check "  explained" explained "$zhou" --year 2025
# By hand: a base of 10 for 6 months of 12 is 5; three inspections of 3 are 9, over the
# cap of 15 for 6 months of 12 (7.5); his total 12.5.
check "  by hand: base 5, inspections 7.5, total 12.5" test \
	"$(field "$zhou" item.base --year 2025)|$(field "$zhou" item.inspection --year 2025)|$(field "$zhou" total --year 2025)" = "5|7.5|12.5"
check "施永忠: nine months of twelve" test "$(field "$shi" share --year 2025)|$(field "$shi" to --year 2025)" = "9/12|2025-09-30"
check "  his base pro-rated" test "$(field "$shi" item.base --year 2025)" = "$(num "$base * 9 / 12")"
mkdir -p "$RENDA_SYSCONFDIR"
printf '[points]\nprorate = days\n' >"$RENDA_SYSCONFDIR/renda.conf"
check "by days: 周新民 served 184 of 365" test "$(field "$zhou" share --year 2025)" = 184/365
check "  his base, to the hundredth" test "$(field "$zhou" item.base --year 2025)" = "$(num "$base * 184 / 365")"
check "  by hand: 10 * 184 / 365 = 5.04" test "$(field "$zhou" item.base --year 2025)" = 5.04
printf '[points]\nprorate = none\n' >"$RENDA_SYSCONFDIR/renda.conf"
check "not pro-rated: the whole base" test "$(field "$zhou" item.base --year 2025)" = "$(num "$base")"
printf '[points]\nprorate = weeks\n' >"$RENDA_SYSCONFDIR/renda.conf"
check "an unknown way of pro-rating is refused" run 1 P ranking
check "  naming the key" contains "$T/err" "points.prorate"
rm "$RENDA_SYSCONFDIR/renda.conf"
check "周新民 served no part of 2024" run 1 P show "$zhou" --year 2024
check "  saying so, as of the day read" contains "$T/err" "served no part of 2024 (as of ${RENDA_NOW%%T*})"

# ---- the workbooks hold what the CLI prints ----------------------------------------------
check "沈建国's archive of 2026" run 0 P archive "$shen" --year 2026 --out "$T/archive.xlsx"
P events "$shen" --year 2026 | awk -F '\t' 'NR > 1 { print $3 "\t" $6 }' >"$T/want-lines"
cat >"$T/book.py" <<'EOF'
import sys, openpyxl
kind, path, out = sys.argv[1], sys.argv[2], sys.argv[3]
wb = openpyxl.load_workbook(path)
def fmt(v):
    v = round(float(v), 2)
    s = ("%.2f" % v).rstrip("0").rstrip(".")
    return "0" if s == "-0" else s
with open(out, "w", encoding="utf-8") as f:
    if kind == "archive":
        ws = wb["Points"]
        rows = list(ws.iter_rows(min_row=3, values_only=True))
        for r in rows[:-1]:
            f.write("%s\t%s\n" % (r[2], fmt(r[5])))
        f.write("total\t%s\n" % fmt(rows[-1][5]))
        f.write("rank\t%s\n" % any(c.value == "Rank" for c in wb["Archive"]["A"]))
    else:
        ws = wb["Ranking"]
        head = [c.value for c in ws[3]]
        f.write("head\t%s\n" % "|".join(str(h) for h in head[:10]))
        for r in ws.iter_rows(min_row=4, values_only=True):
            if r[0] is None:
                continue
            if "Code" in head:
                f.write("%s\t%s\t%s\n" % (r[0], r[head.index("Code")], fmt(r[head.index("Points")])))
            else:
                f.write("%s\t%s\t%s\n" % (r[0], r[head.index("Full name")], fmt(r[head.index("Points")])))
EOF
check "its lines of points are those of points events" sh -c \
	"$PY '$T/book.py' archive '$T/archive.xlsx' '$T/got' && head -n -2 '$T/got' | cmp -s - '$T/want-lines'"
check "  and its total the total" test "$(sed -n 's/^total\t//p' "$T/got")" = "$(field "$shen" total --year 2026)"
check "  with no rank: rankings are the clerks' ([points] rankings)" test "$(sed -n 's/^rank\t//p' "$T/got")" = False
printf '[points]\nrankings = deputies\n' >"$RENDA_SYSCONFDIR/renda.conf"
check "given to deputies, the archive has the deputy's rank" sh -c \
	"'$RENDA' points archive '$shen' --year 2026 --out '$T/archive2.xlsx' >/dev/null && $PY '$T/book.py' archive '$T/archive2.xlsx' '$T/got2' && grep -q '^rank.True' '$T/got2'"
check "the ranking workbook of 2026" run 0 "$RENDA" report points --year 2026 --out "$T/ranking.xlsx"
check "  says how many" contains "$T/out" "6 deputies ranked"
P ranking --year 2026 | awk -F '\t' 'NR > 1 { print $1 "\t" $3 "\t" $8 }' >"$T/want-rank"
check "  its ranking is the CLI's" sh -c "$PY '$T/book.py' ranking '$T/ranking.xlsx' '$T/gotr' && sed 1d '$T/gotr' | cmp -s - '$T/want-rank'"
check "  with charts on the summary" sh -c "unzip -l '$T/ranking.xlsx' | grep -q 'xl/charts/chart1.xml'"
P ranking --year 2026 | awk -F '\t' 'NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next } { print $h["code"] "\t" $h["days"] }' | sort >"$T/want-days"
check "  its duty days those of the CLI" sh -c "$PY -c '
import openpyxl, sys
ws = openpyxl.load_workbook(sys.argv[1])[\"Ranking\"]
rows = list(ws.iter_rows(values_only=True))
h = next(i for i, r in enumerate(rows) if r and \"Duty days\" in r)
c, d = rows[h].index(\"Code\"), rows[h].index(\"Duty days\")
for r in sorted(rows[h + 1:], key=lambda r: str(r[c])):
    if r[c]:
        print(\"%s\\t%d\" % (r[c], r[d]))
' '$T/ranking.xlsx' | cmp -s - '$T/want-days'"
check "a public ranking is refused while rankings are for deputies" run 1 "$RENDA" report points \
	--year 2026 --for public --out "$T/public.xlsx"
check "  saying the setting" contains "$T/err" "[points] rankings"
printf '[points]\nrankings = public\n' >"$RENDA_SYSCONFDIR/renda.conf"
check "published when the setting says public" run 0 "$RENDA" report points --year 2026 --for public --out "$T/public.xlsx"
check "  rank, name, level, town and points: no code" sh -c \
	"$PY '$T/book.py' ranking '$T/public.xlsx' '$T/gotp' && grep -q '^head.Rank|Full name|Level|Town|Points' '$T/gotp'"
rm "$RENDA_SYSCONFDIR/renda.conf"
check "in Chinese the sheets are named for a clerk" sh -c \
	"env LANGUAGE=zh_CN '$RENDA' report points --year 2026 --out '$T/zh.xlsx' >/dev/null &&
	$PY -c 'import openpyxl,sys; n = openpyxl.load_workbook(sys.argv[1]).sheetnames; sys.exit(0 if \"排名\" in n and \"规则\" in n else 1)' '$T/zh.xlsx'"

# ---- statistics -----------------------------------------------------------------------
check "the points by town add up to the ranking's" test \
	"$("$RENDA" stats points --by town --year 2026 | awk -F '\t' '$1 == "" { print $4 }')" = \
	"$(P ranking --year 2026 | awk -F '\t' 'NR > 1 { s += $8 } END { printf "%.2f", s }')"
check "by item: the inspections" test \
	"$("$RENDA" stats points --by item --year 2026 | awk -F '\t' '$1 == "inspection" { print $4 }')" = \
	"$(P ranking --year 2026 | awk -F '\t' 'NR > 1 { print $3 }' | while read -r c; do field "$c" item.inspection --year 2026; done |
		awk '{ s += $1 } END { printf "%.2f", s }')"

# ---- scope ----------------------------------------------------------------------------
as_role town-clerk 乍浦镇
check "a town clerk's ranking: the town's deputies" run 0 P ranking --year 2026
check "  乍浦镇's alone" test "$(tsv_col "$T/out" town | sort -u)" = 乍浦镇
check "  not another town's deputy's points" run 1 P show "$lu"
check "  nor their lines" run 1 P events "$lu"
check "  nor another town" run 1 P ranking --town 新埭镇
check "  corrects the town's deputy" run 0 P correct "$zhou" --item report --date 2026-04-01 --reason 补登述职
check "  not another's" run 1 P correct "$lu" --item report --date 2026-04-01 --reason 越权
check "  nor the rules" run 1 P rules add-version --from 2027-06-01 --set report=6
check "  and no other deputy's archive" run 1 P archive "$lu" --out "$T/no.xlsx"
check "  so no file" test ! -e "$T/no.xlsx"
as_role viewer
check "a viewer reads the ranking" run 0 P ranking --year 2026
check "  of everyone" test "$(nrows "$T/out")" = 6
check "  and the rules" run 0 P rules list
check "  but corrects nothing" run 1 P correct "$qian" --item report --date 2026-04-01 --reason 无权
check "  nor changes the rules" run 1 P rules add-version --from 2027-06-01 --set report=6
as_role unit 平湖市住房和城乡建设局
check "a unit operator has no ranking" run 1 P ranking
check "  nor a deputy's points" run 1 P show "$shen"
as_role admin
check "the audit trail verifies" run 0 "$RENDA" audit verify
check "the versions and corrections are in it" sh -c \
	"'$RENDA' audit list --entity points_version | grep -q add && '$RENDA' audit list --entity points_correction | grep -q add"
done_testing
