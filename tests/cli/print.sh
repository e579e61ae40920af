#!/bin/sh
# Workbooks on paper: the demo's 2025 voter-issue workbook and a motions-only workbook, in
# Chinese, converted to PDF by LibreOffice (with a CJK font) and read back page by page
# with poppler's pdfinfo and pdftotext: the page count, the sheet of each page (its header),
# one page wide (every page of a table carries its first and its last column's header),
# the summary on two pages with every chart whole on one of them, the footer's page numbers.
. "$SRCDIR/tests/lib.sh"

for t in soffice pdfinfo pdftotext; do
	if ! command -v $t >/dev/null 2>&1; then
		skip "workbooks on paper" "$t is not installed (libreoffice-calc, poppler-utils)"
		done_testing
		exit $?
	fi
done
if ! /usr/bin/python3 -c 'import openpyxl' 2>/dev/null; then
	skip "workbooks on paper" "Debian's python3-openpyxl is not installed"
	done_testing
	exit $?
fi
RENDA_NOW=2026-12-03T10:00:00+08:00
export RENDA_NOW
"$RENDA" demo >/dev/null 2>&1 || { echo "Bail out! renda demo failed"; exit 1; }
zh() { env LANGUAGE=zh_CN LANG=zh_CN.UTF-8 "$@"; }
# pdf BOOK: LibreOffice's PDF of BOOK beside it (a profile of its own, so that runs in
# parallel do not share one).
pdf() {
	HOME="$T" soffice "-env:UserInstallation=file://$T/lo" --headless --convert-to pdf \
		--outdir "$T" "$1" >"$T/soffice.out" 2>&1 && test -s "${1%.xlsx}.pdf"
}

# pages.py PDF BOOK: what each page holds, against the workbook's sheets and charts.
cat >"$T/pages.py" <<'EOF'
import re, subprocess, sys, zipfile
import openpyxl

pdf, book = sys.argv[1], sys.argv[2]
kind = sys.argv[3]
info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
n = int(re.search(r"Pages:\s+(\d+)", info).group(1))
wb = openpyxl.load_workbook(book)
sheets = wb.sheetnames
pages = []
for p in range(1, n + 1):
    t = subprocess.run(["pdftotext", "-layout", "-f", str(p), "-l", str(p), pdf, "-"],
                       capture_output=True, text=True).stdout
    lines = [l.strip() for l in t.splitlines() if l.strip()]
    # The header's right side names the sheet.
    sheet = lines[0].split()[-1] if lines else ""
    assert sheet in sheets, (p, lines[:2])
    # The footer: the report's title, then page p of n.
    assert re.search(r"第\s*%d\s*页\s*共\s*%d\s*页" % (p, n), lines[-1]), (p, lines[-1])
    pages.append((sheet, t))
bad = []
def want(cond, what):
    if not cond:
        bad.append(what)
by_sheet = {}
for s, t in pages:
    by_sheet.setdefault(s, []).append(t)
want(len(by_sheet.get(sheets[0], [])) == 2, "the summary on two pages: %d" % len(by_sheet.get(sheets[0], [])))
# Every chart's title once, on a page of the summary; every summary page holds the start
# of a chart or the cover, never only the end of a chart cut at the page's edge.
z = zipfile.ZipFile(book)
titles = [re.findall(r"<a:t>([^<]*)</a:t>", z.read(c).decode())[0] for c in z.namelist()
          if re.match(r"xl/charts/chart\d+\.xml$", c)]
want(len(titles) >= 5, "charts: %s" % titles)
summary = by_sheet.get(sheets[0], [])
flat = lambda s: re.sub(r"\s+", "", s)
for title in titles:
    on = [i for i, t in enumerate(summary) if flat(title) in flat(t)]
    want(len(on) == 1, "chart %s on summary pages %s" % (title, on))
for i, t in enumerate(summary):
    want(any(flat(x) in flat(t) for x in titles + [wb[sheets[0]]["A1"].value or "-"]),
         "summary page %d holds no chart's title nor the cover" % (i + 1))
# Tables one page wide: each page of a breakdown or detail sheet has its first and last
# column's header (repeated on every page), so no column fell onto a page of its own.
for s in sheets[1:-1]:
    ws = wb[s]
    head = [c.value for c in ws[2] if c.value]
    first, last = flat(head[0]), flat(head[-1])
    for i, t in enumerate(by_sheet.get(s, [])):
        want(first in flat(t) and last[:4] in flat(t),
             "%s page %d lacks its first or last column (%s, %s)" % (s, i + 1, first, last))
    want(len(by_sheet.get(s, [])) >= 1, "sheet %s printed" % s)
if kind == "cases":
    # The short tables (category, town, channel, status, month) on one page each.
    for s in [sheets[i] for i in (1, 2, 3, 6, 7)]:
        want(len(by_sheet.get(s, [])) == 1, "%s on %d pages" % (s, len(by_sheet.get(s, []))))
print(n)
if bad:
    print("\n".join(bad), file=sys.stderr)
    sys.exit(1)
EOF

check "the 2025 workbook in Chinese" run 0 zh "$RENDA" report cases --year 2025 --out "$T/r.xlsx"
check "  LibreOffice converts it to PDF" pdf "$T/r.xlsx"
check "  every page as planned: two of summary, tables one page wide, charts whole" \
	run 0 /usr/bin/python3 "$T/pages.py" "$T/r.pdf" "$T/r.xlsx" cases
pages=$(head -n 1 "$T/out")
check "  2,600 cases on fewer than 80 pages" test "${pages:-999}" -lt 80

check "a workbook of the session's motions" run 0 zh "$RENDA" report suggestions --session C17-5 --kind motion --out "$T/m.xlsx"
check "  is titled as motions (议案)" run 0 /usr/bin/python3 -c '
import sys, openpyxl
t = openpyxl.load_workbook(sys.argv[1])["概况"]["A1"].value
assert t.startswith("议案："), t' "$T/m.xlsx"
check "  LibreOffice converts it to PDF" pdf "$T/m.xlsx"
check "  every page as planned" run 0 /usr/bin/python3 "$T/pages.py" "$T/m.pdf" "$T/m.xlsx" motions
pages=$(head -n 1 "$T/out")
check "  a handful of pages: one a sheet, two for the summary" test "${pages:-999}" -le 10

done_testing
