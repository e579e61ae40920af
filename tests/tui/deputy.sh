#!/bin/sh
# The deputy roster in the console: opened from the menu; a deputy added through the
# form (a bad resident ID named with the input kept, Chinese text past the right edge
# of a box), edited, leaving office (the record stays); the deputy's page with the URL
# and the voter issues and suggestions; the QR code drawn on the screen (decoded from
# the screen itself) and saved as PNG; ASCII codes; a town clerk's and a unit
# operator's scope.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/tui/lib-tmux.sh"

"$RENDA" init >/dev/null || exit 1
"$RENDA" deputy add --name 张晓明 --resident_id 11010519491231002X --level city --town 乍浦镇 \
	--phone 13812345678 >/dev/null || exit 1
"$RENDA" deputy add --name 阿沛·阿旺晋美 --resident_id 110105195001010012 --level town \
	--town 当湖街道 >/dev/null || exit 1
zx=$(deputy_code 张晓明)
# deputy NAME KEY...: the deputy's fields as renda deputy show prints them, joined by '|'.
deputy() { d_name=$1 && shift && show_fields deputy "$(deputy_code "$d_name")" "$@"; }
# deputies: how many deputies renda deputy list shows.
deputies() { "$RENDA" deputy list | nrows; }
"$RENDA" case add --deputy "$zx" --category 城市建设 --title 乍浦镇中心路路灯不亮 \
	--content 路灯坏了两周。 >/dev/null || exit 1
"$RENDA" suggestion add --kind suggestion --deputy "$zx" --category 城市建设 \
	--title 关于改善乍浦镇夜间照明的建议 --proposal 建议更换路灯。 >/dev/null || exit 1
url="https://rd.example.gov.cn/q/$zx"

# The half-block code of a screen as a PBM image (light glyphs white, the rest black),
# four pixels a half module, for zbarimg.
screen_pbm() {
	sed -n '/[█▀▄]/p' | sed 's/█/F/g; s/▀/T/g; s/▄/B/g' | awk '
	{ n++; line[n] = $0 }
	END {
		lo = 100000; hi = 0
		for (i = 1; i <= n; i++)
			for (j = 1; j <= length(line[i]); j++)
				if (substr(line[i], j, 1) ~ /[FTB]/) { if (j < lo) lo = j; if (j > hi) hi = j }
		w = hi - lo + 1 + 8; h = 2 * n + 8
		printf "P1\n%d %d\n", w * 4, h * 4
		for (y = 0; y < h; y++) {
			row = ""
			for (x = 0; x < w; x++) {
				px = 1; yy = y - 4; xx = x - 4
				if (yy >= 0 && yy < 2 * n && xx >= 0 && xx <= hi - lo) {
					c = substr(line[int(yy / 2) + 1], lo + xx, 1)
					if (c == "F" || (c == "T" && yy % 2 == 0) || (c == "B" && yy % 2 == 1)) px = 0
				}
				row = row px " " px " " px " " px " "
			}
			print row; print row; print row; print row
		}
	}'
}
# blocks REGEX: the lines of the screen that hold the code (those matching REGEX), as
# "LINES WIDTH" (in columns) when every one has the same width, else "LINES uneven".
blocks() {
	screen | grep -E "$1" | sed 's/^ *//; s/ *$//; s/█/F/g; s/▀/T/g; s/▄/B/g' | awk '
		{ n++; w = length($0); if (n == 1) first = w; else if (w != first) bad = 1 }
		END { if (bad) print n, "uneven"; else print n, first }'
}

start
wait_for "Main menu" >/dev/null
keys 4
check "the main menu opens the roster" wait_for "2 rows"
check "with its columns" contains_screen "Liaison station"
check "and the deputies" contains_screen "张晓明"

# Add through the form: a wrong check digit first.
keys a
check "a opens the deputy form" wait_for "New: Deputy"
typing 李明华
keys Tab
typing 110105195001010013
keys F2
check "a bad resident ID is refused, naming the field and the reason" \
	wait_for "Resident ID: '110105195001010013' has a wrong check digit"
check "the field is marked and keeps what was typed" \
	sh -c 'printf "%s\n" "$1" | grep -q "^! Resident ID *\* 110105195001010013"' sh "$(screen)"
check "the name typed stays" contains_screen "李明华"
check "nothing is stored" test "$(deputies)" = 2
keys Home C-k
typing 330482198503150019
keys Tab Tab Tab Tab Tab
occupation=平湖市乍浦镇人民政府经济发展办公室副主任兼统计站站长
typing "$occupation"
keys Tab
typing 13900001111
keys Tab Enter
check "the level is picked from a menu" wait_for "town level"
keys 2 Tab Enter
check "the town from the list of towns" wait_for "Town: pick from Towns and streets"
keys f
typing 乍浦
keys Enter
wait_for "Enter Choose" >/dev/null
keys Enter
wait_for "乍浦镇" >/dev/null
keys F2
check "the deputy is saved" wait_for "Saved."
check "and listed" wait_for "3 rows"
check "stored with the birth date and gender of the ID" \
	test "$(deputy 李明华 resident_id gender birth_date level town phone status)" = \
	"330482198503150019|男|1985-03-15|town|乍浦镇|13900001111|in-office"
check "the Chinese text wider than its box is stored whole" \
	test "$(deputy 李明华 occupation)" = "$occupation"
check "with a public code" test "$(deputy_code 李明华 | wc -L)" = 6

# Edit it.
keys f
typing 李明华
keys Enter
wait_for "1 row" >/dev/null
keys e
check "e opens the form with the record" wait_for "Deputy: 李明华"
keys Tab Tab Tab Tab Tab
typing 中共党员
keys F2
check "the edit is saved" wait_for "Saved."
check "and stored" test "$(deputy 李明华 party version)" = "中共党员|2"

# Another clerk saves meanwhile: the conflict view, then keeping mine.
keys e
wait_for "Deputy: 李明华" >/dev/null
"$RENDA" deputy edit "$(deputy_code 李明华)" --party 民盟盟员 >/dev/null
keys Tab Tab Tab Tab Tab C-u
typing 无党派人士
keys F2
check "a save over another clerk's change shows both" wait_for "Saved meanwhile"
check "side by side" contains_screen "民盟盟员"
keys m
check "m keeps mine" wait_for "Saved your version"
check "and stores it" test "$(deputy 李明华 party version)" = "无党派人士|4"

# Leave office: a day and a reason; the record stays.
keys l
check "l asks for the day, today offered" wait_for "李明华 left office on (YYYY-MM-DD): 2026-03-02"
keys Enter
check "then for the reason" wait_for "Reason for leaving:"
typing 迁出本镇
keys Enter
check "leaving office is recorded" wait_for "1 deputy left office on 2026-03-02"
check "status, day and reason stored" test "$(deputy 李明华 status left_date left_reason)" = "left|2026-03-02|迁出本镇"
check "the record is kept" test "$(deputies)" = 3
check "the list shows it" screen_matches '^  李明华 +[0-9A-Z]{6} +男 +town +left office +乍浦镇'
keys l
check "leaving twice is refused" wait_for "李明华 has already left office"
keys d
check "d removes nothing and says so" wait_for "Deputies are never removed"
keys h
check "h shows the history" wait_for "History of 李明华"
check "with the add and every change" wait_for "5 rows"
keys Enter
check "Enter opens the newest change: what it changed, before and after" \
	wait_match "^\* status +in-office +left *$"
check "  and nothing it left alone" lacks_screen "town_id"
keys q End Enter
check "the oldest, the entry: every field, its town by name, not by id" \
	wait_match "^\* town_id +乍浦镇 *$"
keys q q

# The page of a deputy who has left offers no leaving.
keys f C-u
typing 李明华
keys Enter
wait_for "1 row" >/dev/null
keys Enter
wait_for "Deputy 李明华" >/dev/null
check "the page of a deputy who has left does not offer l" lacks_screen "l Leave office"
keys q

# The page of a deputy with a voter issue and a suggestion.
keys f C-u
typing 张晓明
keys Enter
wait_for "1 row" >/dev/null
keys Enter
check "Enter opens the deputy's page" wait_for "Deputy 张晓明 $zx"
check "  a deputy in office: l leaves office" contains_screen "l Leave office"
check "with the URL of the code" contains_screen "$url"
check "the resident ID" contains_screen "11010519491231002X"
check "the voter issues counted" contains_screen "1 in all, 1 open"
check "and listed" contains_screen "乍浦镇中心路路灯不亮"
check "the suggestions too" contains_screen "关于改善乍浦镇夜间照明的建议"

# The QR code on the screen: it scans.
keys c
check "c shows the QR code" wait_for "QR code of 张晓明"
wait_for "▀" >/dev/null
check "drawn with half blocks, 29 modules and a quiet zone of 4: 19 lines of 37" \
	test "$(blocks '[█▀▄]')" = "19 37"
if command -v zbarimg >/dev/null 2>&1; then
	screen | screen_pbm >"$T/screen.pbm"
	check "the code on the screen decodes to the deputy's URL" \
		test "$(zbarimg --raw -q "$T/screen.pbm" 2>/dev/null)" = "$url"
else
	skip "the code on the screen decodes" "zbarimg not found"
fi
keys p
check "p asks for a PNG file" wait_for "Write the QR code as PNG to: $zx.png"
keys C-u
typing "$T/code.png"
keys Enter
check "the PNG is written" wait_for "Wrote the QR code of 张晓明 ($zx) to $T/code.png."
if command -v zbarimg >/dev/null 2>&1; then
	check "and decodes to the deputy's URL" \
		test "$(zbarimg --raw -q "$T/code.png" 2>/dev/null)" = "$url"
else
	skip "the PNG decodes" "zbarimg not found"
fi
keys p C-u
typing "$T/code.png"
keys Enter
check "an existing file is not replaced without asking" wait_for "code.png exists. Replace it?"
keys n
check "no keeps it" wait_for "Not written"
keys q w
check "w lists the deputy's work" wait_for "Work of 张晓明"
keys q q

# The print sheet of QR cards (S): every deputy in office when none is marked, else the
# marked ones; read back with openpyxl (the names of the cards, the URL under each code,
# an image per card in the drawing).
cat >"$T/cards.py" <<'PY'
import sys, zipfile, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).active
names, urls = [], []
for row in ws.iter_rows():
    for c in row:
        if c.value is not None and c.column in (1, 3, 5):
            if (c.row - 1) % 8 == 0:
                names.append(c.value)
            elif (c.row - 1) % 8 == 6:
                urls.append(c.value)
pics = zipfile.ZipFile(sys.argv[1]).read("xl/drawings/drawing1.xml").decode().count("<xdr:pic>")
print(" ".join(sorted(names)), " ".join(sorted(urls)), pics)
PY
"$RENDA" deputy list | awk -F '\t' 'NR > 1 && $10 == "in-office" { print $3 }' | LC_ALL=C sort >"$T/in-office"
inoffice=$(wc -l <"$T/in-office")
urls=$(for n in $(cat "$T/in-office"); do echo "https://rd.example.gov.cn/q/$(deputy_code "$n")"; done | LC_ALL=C sort)
keys S
check "S offers a print sheet of every deputy in office" \
	wait_for "Print sheet of every deputy in office, save as: QR-cards.xlsx"
keys C-u
typing "$T/all.xlsx"
keys Enter
check "  and writes it ($inoffice cards)" wait_for "Wrote the print sheet of $inoffice cards to $T/all.xlsx."
check "  a card, its URL and its code's image per deputy in office" \
	test "$(/usr/bin/python3 "$T/cards.py" "$T/all.xlsx")" = \
	"$(tr '\n' ' ' <"$T/in-office" | sed 's/ $//') $(echo "$urls" | tr '\n' ' ' | sed 's/ $//') $inoffice"
keys /
typing 张晓明
keys Enter Space
keys S
check "with a deputy marked, of the marked one" wait_for "Print sheet of the 1 marked deputy, save as:"
keys C-u
typing "$T/one.xlsx"
keys Enter
check "  one card" wait_for "Wrote the print sheet of 1 card to $T/one.xlsx."
check "  张晓明's, with the URL of his code" \
	test "$(/usr/bin/python3 "$T/cards.py" "$T/one.xlsx")" = "张晓明 $url 1"
# A deputy who has left takes no voter issues: no card, no PNG, no code on the screen.
lcode=$(deputy_code 李明华)
keys f C-u Enter
wait_for "3 rows" >/dev/null
keys / C-u
typing 李明华
keys Enter
wait_for "1 row" >/dev/null
keys Space
keys S
check "with 李明华, who has left, marked too: refused, naming him and the day" \
	wait_for "李明华 ($lcode) left office on 2026-03-02, and takes no"
check "  before a file is asked for" lacks_screen "Print sheet of the 2 marked deputies, save as:"
keys u f C-u
typing 李明华
keys Enter
wait_for "1 row" >/dev/null
check "  (the message gone after a key)" lacks_screen "left office on 2026-03-02"
keys p
check "p on his row refuses at once" wait_for "李明华 ($lcode) left office on 2026-03-02, and takes no"
check "  asking for no file" lacks_screen "Write the QR code as PNG to"
check "  and writes none" test ! -e "$lcode.png"
keys f C-u
typing 李明华
keys Enter
wait_for "1 row" >/dev/null
keys c
check "c refuses too" wait_for "李明华 ($lcode) left office on 2026-03-02, and takes no"
check "  drawing no code" lacks_screen "QR code of 李明华"
keys f C-u Enter
wait_for "3 rows" >/dev/null

# Export the roster: a workbook unless the name ends in .csv.
keys E
check "E offers a workbook" wait_for "Save the roster as (.xlsx or .csv): deputies.xlsx"
keys C-u
typing "$T/roster.xlsx"
keys Enter
check "E exports the roster" wait_for "Exported 3 deputies to $T/roster.xlsx."
check "as a workbook with a header and every deputy" /usr/bin/python3 -c "
import sys, openpyxl
ws = openpyxl.load_workbook('$T/roster.xlsx').active
sys.exit(0 if ws.max_row == 4 and ws['B1'].value == 'Full name' else 1)"
keys E C-u
typing "$T/roster.csv"
keys Enter
check "or as CSV" wait_for "Exported 3 deputies to $T/roster.csv."
check "with every deputy" test "$(grep -c , "$T/roster.csv")" = 4
sum=$(sha256sum <"$T/roster.csv")
keys E C-u
typing "$T/roster.csv"
keys Enter
check "the same file again: asked before it is replaced" wait_for "roster.csv exists. Replace it?"
keys n
check "  no: kept" wait_for "Not written: $T/roster.csv was kept."
check "  byte for byte" test "$(sha256sum <"$T/roster.csv")" = "$sum"

# Leaving office for marked deputies: those who left already keep their day.
keys f C-u Enter
wait_for "3 rows" >/dev/null
keys '*' l
check "l on marks asks once for those still in office" \
	wait_for "2 marked deputies left office on (YYYY-MM-DD): 2026-03-02"
keys C-u
typing 2026-03-01
keys Enter
wait_for "Reason for leaving:" >/dev/null
typing 任期届满
keys Enter
check "they leave office" wait_for "2 deputies left office on 2026-03-01"
check "every deputy has left, none removed" \
	test "$("$RENDA" deputy list | tsv_col - status | sort | uniq -c | awk '{ print $1, $2 }')" = "3 left"
check "the one who had left keeps the day and reason" \
	test "$(deputy 李明华 left_date left_reason)" = "2026-03-02|迁出本镇"
keys Q
wait_dead 3 >/dev/null

# ASCII with [ui] ascii_borders: "##" a module, one line a row of modules.
mkdir -p "$XDG_CONFIG_HOME/renda"
printf '[ui]\nascii_borders = true\n' >"$XDG_CONFIG_HOME/renda/renda.conf"
# Every deputy above has left by now: one in office, whose code is drawn.
"$RENDA" deputy add --name 王立新 --resident_id 110105198001010016 --level town --town 乍浦镇 \
	>/dev/null || echo "# deputy add failed"
TM_ROWS=46
start
wait_for "Main menu" >/dev/null
keys 4
wait_for "4 rows" >/dev/null
keys f
typing 王立新
keys Enter
wait_for "1 row" >/dev/null
keys c
check "with ascii_borders the code is drawn in ASCII" wait_for "##########"
check "37 lines of 74 columns" test "$(blocks '^ *#[# ]*# *$')" = "37 74"
check "and no half blocks" sh -c '! printf "%s\n" "$1" | grep -q "[█▀▄]"' sh "$(screen)"
keys Q
wait_dead 3 >/dev/null
rm "$XDG_CONFIG_HOME/renda/renda.conf"
TM_ROWS=30

# In Chinese a form's title joins the record as Chinese does (代表：李明华 CODE).
start LANGUAGE=zh_CN
wait_for "主菜单" >/dev/null
keys 4
wait_for "共 4 行" >/dev/null
keys f
typing 李明华
keys Enter
wait_for "共 1 行" >/dev/null
keys e
check "in Chinese the form's title: 代表：李明华 and the code" \
	wait_for "代表：李明华 $(deputy_code 李明华)"
keys Escape Q
wait_dead 3 >/dev/null

# A town clerk sees only the town's deputies and adds in that town.
as_role town-clerk 当湖街道
start
wait_for "Main menu" >/dev/null
keys 4
check "a town clerk sees the town's deputies only" wait_for "1 row"
check "this one" contains_screen "阿沛"
check "not another town's" sh -c '! printf "%s\n" "$1" | grep -q "张晓明"' sh "$(screen)"
check "  without a column of the town (every row is the clerk's)" \
	sh -c '! printf "%s\n" "$1" | grep -q " Town "' sh "$(line 3)"
keys a
check "a new deputy's form opens" wait_for "New: Deputy"
check "  starting in the clerk's town" screen_matches '^  Town +\* 当湖街道'
keys Escape Q
wait_dead 3 >/dev/null

# A unit operator does not see the roster: the main menu does not offer it.
as_role unit 平湖市教育局
start
wait_for "Main menu" >/dev/null
check "a unit operator is not offered the roster" \
	sh -c '! echo "$1" | grep -q "^ *[0-9] Deputies "' - "$(screen)"
check "  (nor through the command line)" run 1 "$RENDA" deputy list
check "  which says why" contains "$T/err" "does not see the deputy roster"
keys Q
wait_dead 3 >/dev/null
check "no sanitizer report" sanitizers_quiet
done_testing
