#!/bin/sh
# QR outputs on the demo roster: every PNG and every SVG (rendered by rsvg-convert)
# decodes with zbarimg to exactly its deputy's URL; the print sheet opens with
# openpyxl and holds one image and one name per deputy, and LibreOffice prints it on
# pages of 3 x 4 cards that all decode from the page image; a town clerk gets only the
# town's codes.
. "$SRCDIR/tests/lib.sh"

# A base URL with capitals: the codes must survive case-sensitively.
base='https://rd.Example.gov.cn/Q/'
mkdir -p "$XDG_CONFIG_HOME/renda"
printf '[qr]\nbase_url = %s\nerror_correction = Q\n' "$base" >"$XDG_CONFIG_HOME/renda/renda.conf"
$RENDA demo >/dev/null 2>&1 || { echo "Bail out! demo failed"; exit 1; }
for tool in zbarimg rsvg-convert; do
	command -v $tool >/dev/null || { echo "Bail out! $tool is missing (tools/dev installs it)"; exit 1; }
done
PY=/usr/bin/python3
jobs=$(nproc 2>/dev/null || echo 2)

# What the program must produce, computed here from the roster as deputy list shows it:
# base_url + code, for each deputy in office.
"$RENDA" deputy list >"$T/roster"
awk -F '\t' 'NR > 1 && $10 == "in-office" { print $2 }' "$T/roster" | LC_ALL=C sort >"$T/codes"
n=$(wc -l <"$T/codes")
sed "s|^|$base|" "$T/codes" >"$T/want"
check "the demo roster has deputies in office ($n)" test "$n" -gt 300
check "and some who left, who get no code" test "$(awk -F '\t' '$10 == "left"' "$T/roster" | wc -l)" -gt 0

# same_list TEXT: TEXT (one code a line) equals $T/codes.
same_list() {
	printf '%s\n' "$1" >"$T/list"
	cmp -s "$T/list" "$T/codes" && return 0
	echo "# the files differ from the codes:"
	diff "$T/codes" "$T/list" | head -n 10 | diag
	return 1
}

# decode DIR EXT: zbarimg reads DIR/CODE.EXT for every code, in code order, into $T/got.
decode() {
	(cd "$1" && sed "s/\$/.$2/" "$T/codes" | xargs zbarimg --raw -q) >"$T/got" 2>/dev/null
	cmp -s "$T/got" "$T/want" && return 0
	echo "# decoded URLs differ from base_url + code:"
	diff "$T/want" "$T/got" | head -n 10 | diag
	return 1
}

check "qr --all writes a PNG per deputy" run 0 "$RENDA" qr --all --out "$T/png" --module 4
check "and says how many" contains "$T/out" "wrote $n QR images to $T/png"
check "the files are named by code, one per deputy in office" \
	same_list "$(cd "$T/png" && ls | sed 's/\.png$//')"
check "every PNG decodes to exactly its deputy's URL" decode "$T/png" png
check "the PNGs are 1-bit grayscale" test \
	"$(od -An -tx1 -j24 -N2 "$T/png/$(head -n1 "$T/codes").png" | tr -d ' ')" = 0100

check "qr --all --format svg writes an SVG per deputy" run 0 "$RENDA" qr --all --format svg --out "$T/svg"
check "one SVG per deputy in office" same_list "$(cd "$T/svg" && ls | sed 's/\.svg$//')"
# Rendered at the size the SVG gives itself (no -w): 96 dpi, as a browser shows it.
(cd "$T/svg" && xargs -P "$jobs" -I{} rsvg-convert -o {}.png {}.svg <"$T/codes") 2>"$T/err"
check "rsvg-convert renders every SVG" test "$(ls "$T/svg"/*.png | wc -l)" -eq "$n"
check "every SVG rendered at its own size decodes to exactly its deputy's URL" decode "$T/svg" png
# Its size: the printed size of the PNG, 8 pixels a module at 300 dpi, in millimetres.
first=$(head -n1 "$T/codes")
mods=$(sed -n 's/.*viewBox="0 0 \([0-9]*\) \1".*/\1/p' "$T/svg/$first.svg")
mm=$(awk -v n="$mods" 'BEGIN { printf "%.2f", n * 8 / 300 * 25.4 }')
check "the SVG is $mm mm square for its $mods modules" \
	grep -q "width=\"${mm}mm\" height=\"${mm}mm\"" "$T/svg/$first.svg"
rsvg-convert -d 300 -p 300 -o "$T/svg300.png" "$T/svg/$first.svg" 2>/dev/null
check "rendered at 300 dpi it is as wide as the PNG at 300 dpi" test \
	"$(od -An -tu1 -j16 -N4 "$T/svg300.png" | awk '{ print $3 * 256 + $4 }')" -eq "$((mods * 8))"
check "and decodes" test "$(zbarimg --raw -q "$T/svg300.png" 2>/dev/null)" = "$base$first"

one=$(head -n1 "$T/codes")
name=$(awk -F '\t' -v c="$one" '$2 == c { print $3 }' "$T/roster")
check "an existing file is not overwritten" run 1 "$RENDA" qr "$one" --out "$T/png"
check "the refusal names the file and --force" contains "$T/err" "$T/png/$one.png already exists; use --force"
check "--force replaces it" run 0 "$RENDA" qr "$one" --out "$T/png" --force --ec H --dpi 600 --margin 2
check "wrote one" contains "$T/out" "wrote 1 QR image to"
check "the replaced file decodes" test "$(zbarimg --raw -q "$T/png/$one.png" 2>/dev/null)" = "$base$one"
check "a deputy named twice is written once" run 0 "$RENDA" qr "$one" "$one" --out "$T/twice"
check "so one file" contains "$T/out" "wrote 1 QR image to"
check "codes are found in lower case too" run 0 "$RENDA" qr "$(echo "$one" | tr A-Z a-z)" --format text
check "text shows the name and code" contains "$T/out" "$name  $one"
check "and the URL" contains "$T/out" "$base$one"
check "and half blocks" contains "$T/out" "█"
check "ASCII when asked" run 0 "$RENDA" qr "$one" --format text --ascii
check "draws with ##" contains "$T/out" "##"
check "no half blocks then" lacks "$T/out" "█"
check "ASCII without a UTF-8 locale" sh -c "LC_ALL=C '$RENDA' qr '$one' --format text | grep -q '##'"
check "--out is refused with text" run 2 "$RENDA" qr "$one" --format text --out "$T"
check "a bad --ec is a usage error" run 2 "$RENDA" qr "$one" --ec X
check "codes and --all together are a usage error" run 2 "$RENDA" qr "$one" --all
check "an unknown code is refused" run 1 "$RENDA" qr "$one" 2222222 --format text
check "naming it" contains "$T/err" "2222222"
check "qr --help lists qr sheet too" run 0 "$RENDA" qr --help
check "qr sheet is listed" contains "$T/out" "renda qr sheet"

# The print sheet, read with Debian's python3-openpyxl (not a python3 from PATH).
check "qr sheet --all writes the workbook" run 0 "$RENDA" qr sheet --all --out "$T/sheet.xlsx"
check "and says how many cards" contains "$T/out" "wrote $n cards"
awk -F '\t' 'NR > 1 && $10 == "in-office" { print $3 }' "$T/roster" | LC_ALL=C sort >"$T/names"
mkdir "$T/img"
cat >"$T/sheet.py" <<'PY'
import io, re, sys, zipfile
import openpyxl
path, names_file, codes_file, imgdir, base = sys.argv[1:6]
wb = openpyxl.load_workbook(path)
ws = wb.active
fail = []
def want(cond, what):
    if not cond:
        fail.append(what)
# A card is 8 rows: name, level and town, station, QR image, code, the line for voters,
# the URL, gap; cards in columns A, C, E.
names, codes, where, urls, notes = [], [], {}, {}, set()
for row in ws.iter_rows():
    for c in row:
        if c.value is None or c.column not in (1, 3, 5):
            continue
        r = (c.row - 1) % 8
        if r == 0:
            names.append(c.value)
        elif r == 4:
            codes.append(c.value)
            where[(c.row - 2, c.column - 1)] = c.value  # the image row, 0-based
        elif r == 5:
            notes.add(c.value)
        elif r == 6:
            urls[(c.row - 4, c.column - 1)] = c.value
want(sorted(names) == sorted(open(names_file, encoding="utf-8").read().split()), "one name per deputy")
want(sorted(codes) == open(codes_file).read().split(), "one code per deputy")
want(notes == {"Scan to tell your deputy what you think"}, "every card tells the voter what the code is for: %s" % notes)
want(all(urls.get(k) == base + code for k, code in where.items()), "every card shows its URL under the code")
# Images: openpyxl keeps them when Pillow is there; the drawing part holds them in any case.
z = zipfile.ZipFile(path)
drawing = z.read("xl/drawings/drawing1.xml").decode()
anchors = re.findall(r"<xdr:from><xdr:col>(\d+)</xdr:col><xdr:colOff>\d+</xdr:colOff>"
                     r"<xdr:row>(\d+)</xdr:row>.*?r:embed=\"(rId\d+)\"", drawing)
rels = dict(re.findall(r'Id="(rId\d+)"[^>]*Target="\.\./media/([^"]+)"',
                       z.read("xl/drawings/_rels/drawing1.xml.rels").decode()))
want(len(anchors) == len(codes), "one image per card (%d images, %d cards)" % (len(anchors), len(codes)))
try:
    import PIL  # noqa: F401
    want(len(ws._images) == len(codes), "openpyxl sees one image per card")
except ImportError:
    print("# no Pillow: images counted in the drawing part only")
# Each image sits in its own card's QR row: write a sample out to decode against that card's code.
for i, (col, row, rid) in enumerate(anchors):
    code = where.get((int(row), int(col)))
    want(code is not None, "image %d is in a card's QR cell" % i)
    if code and i % 40 == 0:
        open("%s/%s.png" % (imgdir, code), "wb").write(z.read("xl/media/" + rels[rid]))
ps = ws.page_setup
want(str(ps.paperSize) == "9", "paper A4")
want(ps.orientation == "portrait", "portrait")
want(ws.print_options.horizontalCentered, "centred across")
want(not ws.print_options.gridLines, "no gridlines printed")
# fitToWidth is 1 when absent (ECMA-376 18.3.1.63); openpyxl then reads None.
want(ws.sheet_properties.pageSetUpPr.fitToPage and ps.fitToWidth in (None, 1) and ps.fitToHeight == 0,
     "fit to one page wide, as many tall as it takes")
want("$A$1:$E$%d" % ((len(codes) + 2) // 3 * 8) in str(ws.print_area), "the print area: the cards (%s)" % ws.print_area)
pages = (len(codes) + 11) // 12
want(len(ws.row_breaks.brk) == pages - 1, "a break before each page (%d)" % len(ws.row_breaks.brk))
want(all(b.id % 32 == 0 for b in ws.row_breaks.brk), "breaks fall between cards")
# Widths are in digits of the default font, which must be monospaced to mean the same
# everywhere (src/export/qrsheet.c): Courier New.
want(re.search(r'<fonts count="\d+"><font><sz val="11"/><color theme="1"/><name val="Courier New"/>',
               z.read("xl/styles.xml").decode()), "the default font is Courier New")
for f in fail:
    print("# " + f)
sys.exit(1 if fail else 0)
PY
check "openpyxl opens the sheet: one name, code and image per deputy, A4 page setup" \
	$PY "$T/sheet.py" "$T/sheet.xlsx" "$T/names" "$T/codes" "$T/img" "$base"
ok_img=0
for f in "$T/img"/*.png; do
	c=$(basename "$f" .png)
	[ "$(zbarimg --raw -q "$f" 2>/dev/null)" = "$base$c" ] || { echo "# card $c: its image does not decode to its URL"; ok_img=1; }
done
check "a sample of the sheet's images decode to their own card's URL" test $ok_img -eq 0 -a "$(ls "$T/img" | wc -l)" -gt 5
check "the sheet is not overwritten" run 1 "$RENDA" qr sheet --all --out "$T/sheet.xlsx"
check "the refusal names it and --force" contains "$T/err" "sheet.xlsx already exists; use --force"
check "two across with --force" run 0 "$RENDA" qr sheet "$one" --across 2 --out "$T/sheet.xlsx" --force
check "--out is required" run 2 "$RENDA" qr sheet --all

# The sheet as an office prints it: LibreOffice Calc makes a PDF (one start for two
# workbooks: one town's cards 3 across, seven cards 2 across with a note of our own),
# every page is rasterised at 150 dpi and every card decoded from its place on the page.
for tool in soffice pdfinfo pdftoppm pdftotext; do
	command -v $tool >/dev/null || { echo "Bail out! $tool is missing (tools/dev installs it)"; exit 1; }
done
check "qr sheet of one town in Chinese" run 0 env LANGUAGE=zh_CN "$RENDA" qr sheet --all --town 乍浦镇 --out "$T/town3.xlsx"
"$RENDA" deputy list --town 乍浦镇 --status in-office | awk -F'\t' 'NR > 1 { print $2 }' | sort >"$T/town3.codes"
n3=$(wc -l <"$T/town3.codes")
check "the town has more deputies than fit on 9 pages ($n3)" test "$n3" -gt 96
head -n 7 "$T/town3.codes" >"$T/town2.codes"
note="请扫码，向您的人大代表反映意见建议"
printf '[qr]\nbase_url = %s\ncard_note = %s\n' "$base" "$note" >"$T/note.conf"
check "qr sheet --across 2 with [qr] card_note" run 0 env LANGUAGE=zh_CN "$RENDA" --config "$T/note.conf" \
	qr sheet $(cat "$T/town2.codes") --across 2 --out "$T/town2.xlsx"
soffice -env:UserInstallation="file://$T/lo" --headless --convert-to pdf --outdir "$T/pdf" \
	"$T/town3.xlsx" "$T/town2.xlsx" >"$T/soffice.out" 2>&1
check "LibreOffice converts both sheets to PDF" test -s "$T/pdf/town3.pdf" -a -s "$T/pdf/town2.pdf"
pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ { print $2 }'; }
check "3 across and 4 down: $n3 cards on $(((n3 + 11) / 12)) pages" test "$(pages "$T/pdf/town3.pdf")" -eq $(((n3 + 11) / 12))
check "2 across and 3 down: 7 cards on 2 pages" test "$(pages "$T/pdf/town2.pdf")" -eq 2
pdftotext "$T/pdf/town3.pdf" "$T/town3.txt"
pdftotext "$T/pdf/town2.pdf" "$T/town2.txt"
check "each card tells the voter what the code is for" \
	test "$(grep -c '扫码向人大代表反映意见' "$T/town3.txt")" -eq "$n3"
check "and gives the URL to type" contains "$T/town3.txt" "$base$(head -n1 "$T/town3.codes")"
check "the note comes from [qr] card_note" test "$(grep -c "$note" "$T/town2.txt")" -eq 7
cat >"$T/cards.py" <<'PY'
# cards.py PDF ACROSS DOWN DIR: rasterises the PDF at 150 dpi, cuts each page into
# ACROSS x DOWN equal cells (a card's QR code lies inside its cell when the layout is
# right), decodes every cell with one zbarimg run and prints "page cell URL" lines.
import glob, os, re, subprocess, sys
from PIL import Image
pdf, across, down, d = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
os.makedirs(d)
subprocess.run(["pdftoppm", "-r", "150", "-png", pdf, d + "/p"], check=True)
cells = []
for page, f in enumerate(sorted(glob.glob(d + "/p-*.png")), 1):
    im = Image.open(f)
    w, h = im.size
    for i in range(across * down):
        x, y = i % across, i // across
        name = "%s/c-%03d-%02d.png" % (d, page, i)
        im.crop((x * w // across, y * h // down, (x + 1) * w // across, (y + 1) * h // down)).save(name)
        cells.append(name)
xml = subprocess.run(["zbarimg", "-q", "--xml"] + cells, capture_output=True, text=True).stdout
for src, body in re.findall(r"<source href='([^']*)'>(.*?)</source>", xml, re.S):
    page, cell = re.search(r"c-(\d+)-(\d+)\.png$", src).groups()
    for url in re.findall(r"<data><!\[CDATA\[(.*?)\]\]></data>", body):
        print(int(page), int(cell), url)
PY
$PY "$T/cards.py" "$T/pdf/town3.pdf" 3 4 "$T/r3" >"$T/r3.txt" 2>"$T/err"
awk '{ print $3 }' "$T/r3.txt" | sort >"$T/r3.urls"
sed "s|^|$base|" "$T/town3.codes" >"$T/town3.urls"
check "every card of the town decodes from its place on the printed page" cmp -s "$T/r3.urls" "$T/town3.urls"
check "12 cards on each page but the last" test "$(awk -v last=$(((n3 + 11) / 12)) '{ n[$1]++ }
	END { for (p in n) if (p + 0 < last && n[p] != 12) bad++; print bad + 0 }' "$T/r3.txt")" -eq 0
$PY "$T/cards.py" "$T/pdf/town2.pdf" 2 3 "$T/r2" >"$T/r2.txt" 2>"$T/err"
awk '{ print $3 }' "$T/r2.txt" | sort >"$T/r2.urls"
sed "s|^|$base|" "$T/town2.codes" >"$T/town2.urls"
check "every card of the 2-across sheet decodes from its place" cmp -s "$T/r2.urls" "$T/town2.urls"
check "6 on the first page, 1 on the second" test "$(awk '{ print $1 }' "$T/r2.txt" | uniq -c | awk '{ print $1 }' | tr '\n' ' ')" = "6 1 "

# A deputy who has left takes no voter issues: no code is made for one, named or not.
gone=$(awk -F '\t' 'NR > 1 && $10 == "left" { print $2; exit }' "$T/roster")
gone_name=$(q "SELECT name FROM deputy WHERE code = '$gone'")
gone_day=$(q "SELECT left_date FROM deputy WHERE code = '$gone'")
check "a deputy who has left ($gone, $gone_day) gets no QR image" run 1 "$RENDA" qr "$one" "$gone" --out "$T/gone"
check "  the message names them and the day" contains "$T/err" "$gone_name ($gone) left office on $gone_day"
check "  and why" contains "$T/err" "takes no voter issues: no QR code is made for them"
check "  nothing is written, not even the one in office" test ! -e "$T/gone/$one.png"
check "  nor drawn as text" run 1 "$RENDA" qr "$gone" --format text
check "  (the URL not printed)" lacks "$T/out" "$base$gone"
check "  nor put on a print sheet" run 1 "$RENDA" qr sheet "$one" "$gone" --out "$T/gone.xlsx"
check "  which is not written" test ! -e "$T/gone.xlsx"
check "  in Chinese, the message too" run 1 env LANGUAGE=zh_CN "$RENDA" qr "$gone" --format text
check "  names them" contains "$T/err" "$gone_name（$gone）已于 $gone_day 离任"
# A leave still to come takes effect on its day: in office until then, with a code.
check "a deputy leaving on 2099-12-31" run 0 "$RENDA" deputy leave "$one" --date 2099-12-31 --reason 届满
check "  still gets one" run 0 "$RENDA" qr "$one" --format text
check "  of their URL" contains "$T/out" "$base$one"

# Scope: the caller as a town clerk of 乍浦镇.
awk -F '\t' 'NR > 1 && $6 == "乍浦镇" && $10 == "in-office" { print $2 }' "$T/roster" | LC_ALL=C sort >"$T/codes"
other=$(awk -F '\t' 'NR > 1 && $6 != "乍浦镇" && $10 == "in-office" { print $2; exit }' "$T/roster")
as_role town-clerk 乍浦镇
check "a town clerk's --all writes the town's codes" run 0 "$RENDA" qr --all --out "$T/town"
check "and only those" same_list "$(cd "$T/town" && ls | sed 's/\.png$//')"
check "a code of another town is refused" run 1 "$RENDA" qr "$other" --out "$T/town2"
check "naming it" contains "$T/err" "$other"
check "nothing is written then" test ! -e "$T/town2/$other.png"
check "as text too" run 1 "$RENDA" qr "$other" --format text
check "the code is not printed" lacks "$T/out" "$other"
check "another town's --all gives nothing" run 1 "$RENDA" qr --all --town 新埭镇 --format text
check "the sheet refuses another town's code" run 1 "$RENDA" qr sheet "$other" --out "$T/town.xlsx"
check "and writes no file" test ! -e "$T/town.xlsx"
check "the sheet of the town has its cards" run 0 "$RENDA" qr sheet --all --out "$T/town.xlsx"
check "as many as the town's deputies" contains "$T/out" "wrote $(wc -l <"$T/codes") cards"
done_testing
