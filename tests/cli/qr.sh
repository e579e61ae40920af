#!/bin/sh
# QR outputs on the demo roster: every PNG and every SVG (rendered by rsvg-convert)
# decodes with zbarimg to exactly its deputy's URL; the print sheet opens with
# openpyxl and holds one image and one name per deputy; a town clerk gets only the
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
(cd "$T/svg" && xargs -P "$jobs" -I{} rsvg-convert -w 160 -o {}.png {}.svg <"$T/codes") 2>"$T/err"
check "rsvg-convert renders every SVG" test "$(ls "$T/svg"/*.png | wc -l)" -eq "$n"
check "every rendered SVG decodes to exactly its deputy's URL" decode "$T/svg" png

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
path, names_file, codes_file, imgdir = sys.argv[1:5]
wb = openpyxl.load_workbook(path)
ws = wb.active
fail = []
def want(cond, what):
    if not cond:
        fail.append(what)
# A card is 6 rows: name, level and town, station, QR image, code, gap; cards in columns A, C, E.
names, codes, where = [], [], {}
for row in ws.iter_rows():
    for c in row:
        if c.value is None or c.column not in (1, 3, 5):
            continue
        r = (c.row - 1) % 6
        if r == 0:
            names.append(c.value)
        elif r == 4:
            codes.append(c.value)
            where[(c.row - 2, c.column - 1)] = c.value  # the image row, 0-based
want(sorted(names) == sorted(open(names_file, encoding="utf-8").read().split()), "one name per deputy")
want(sorted(codes) == open(codes_file).read().split(), "one code per deputy")
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
want(ws.print_area is not None, "a print area")
pages = (len(codes) + 11) // 12
want(len(ws.row_breaks.brk) == pages - 1, "a break before each page (%d)" % len(ws.row_breaks.brk))
want(all(b.id % 24 == 0 for b in ws.row_breaks.brk), "breaks fall between cards")
for f in fail:
    print("# " + f)
sys.exit(1 if fail else 0)
PY
check "openpyxl opens the sheet: one name, code and image per deputy, A4 page setup" \
	$PY "$T/sheet.py" "$T/sheet.xlsx" "$T/names" "$T/codes" "$T/img"
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
