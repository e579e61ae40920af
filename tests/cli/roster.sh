#!/bin/sh
# The roster as Chinese offices open it: renda deputy export writes XLSX (read back
# with Debian's python3-openpyxl: Chinese titles, IDs and phones as text cells, dates
# as date cells, widths that fit, the header frozen, print setup) and CSV whose IDs
# LibreOffice keeps as text; both go back through renda deputy import unchanged, and
# the workbook recreates the roster in a new database.
. "$SRCDIR/tests/lib.sh"

$RENDA demo >/dev/null 2>&1 || { echo "Bail out! demo failed"; exit 1; }
command -v soffice >/dev/null || { echo "Bail out! soffice is missing (tools/dev installs libreoffice-calc)"; exit 1; }
PY=/usr/bin/python3
zh() { env LANGUAGE=zh_CN "$@"; }

# Every field of every deputy as the database holds it, in code order.
ROWS="SELECT d.code, d.name, d.gender, d.ethnicity, d.birth_date, d.party, d.occupation,
	d.phone, d.resident_id, d.level, t.name, d.constituency, coalesce(g.code, ''),
	coalesce(s.code, ''), coalesce(m.code, ''), d.status, coalesce(d.left_date, ''),
	coalesce(d.left_reason, '') FROM deputy d JOIN town t ON t.id = d.town_id
	LEFT JOIN deputy_group g ON g.id = d.group_id LEFT JOIN station s ON s.id = d.station_id
	LEFT JOIN term m ON m.id = d.term_id ORDER BY d.code"
q "$ROWS" >"$T/rows"
n=$(wc -l <"$T/rows")
check "the demo has deputies ($n), some of whom left" test "$n" -gt 300 -a \
	"$(q "SELECT count(*) FROM deputy WHERE status = 'left'")" -gt 0
# code, resident ID, phone, birth date, left date, level, status: what the workbook must hold.
q "SELECT code, resident_id, phone, birth_date, coalesce(left_date, ''), level, status FROM deputy ORDER BY code" \
	| tr '|' '\t' >"$T/want.tsv"

check "deputy export FILE.xlsx writes a workbook" run 0 zh "$RENDA" deputy export "$T/r.xlsx"
check "and says how many deputies" contains "$T/out" "$n"
check "it is a ZIP package (XLSX), not CSV" test "$(head -c 2 "$T/r.xlsx")" = PK

cat >"$T/book.py" <<'PY'
import datetime, sys, unicodedata
import openpyxl
path, want = sys.argv[1], sys.argv[2]
ws = openpyxl.load_workbook(path).active
fail = []
def need(cond, what):
    if not cond:
        fail.append(what)
head = [c.value for c in ws[1]]
col = {name: i for i, name in enumerate(head)}
# The Chinese titles of po/zh_CN.po for the fields' labels.
for t in ("代码", "姓名", "出生日期", "电话", "公民身份号码", "层级", "状态", "离任日期"):
    need(t in col, "a column titled %s (the header: %s)" % (t, head))
if fail:
    print("\n".join("# " + f for f in fail)); sys.exit(1)
rows = {r[col["代码"]].value: r for r in ws.iter_rows(min_row=2)}
def day(s):
    return datetime.datetime.strptime(s, "%Y-%m-%d") if s else None
levels = {"city": "市级", "town": "镇级"}
states = {"in-office": "在任", "left": "已离任"}
n = 0
for line in open(want, encoding="utf-8"):
    code, rid, phone, born, left, level, status = line.rstrip("\n").split("\t")
    r = rows.get(code)
    if r is None:
        fail.append("no row for %s" % code); continue
    n += 1
    c = r[col["公民身份号码"]]
    need(c.data_type == "s" and c.value == rid, "%s: the ID is a text cell %s (%r, %s)" % (code, rid, c.value, c.data_type))
    c = r[col["电话"]]
    need((c.value or "") == phone and (not phone or c.data_type == "s"), "%s: the phone is text %s (%r)" % (code, phone, c.value))
    for title, value in (("出生日期", born), ("离任日期", left)):
        c = r[col[title]]
        need(c.value == day(value), "%s: %s is the date %s (%r)" % (code, title, value, c.value))
        need(not value or (c.is_date and "年" in c.number_format and "日" in c.number_format),
             "%s: %s has a Chinese date format (%s)" % (code, title, c.number_format))
    need(r[col["层级"]].value == levels[level], "%s: level %s in Chinese" % (code, level))
    need(r[col["状态"]].value == states[status], "%s: status %s in Chinese" % (code, status))
need(n == len(rows), "one row per deputy (%d rows, %d deputies)" % (len(rows), n))
# Widths fit the widest text of each column (display columns: Chinese counts 2), up to 40.
def width(v):
    if isinstance(v, datetime.datetime):
        return 14  # 2026年12月31日: 年, 月 and 日 count twice
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in str(v))
for i, title in enumerate(head):
    letter = openpyxl.utils.get_column_letter(i + 1)
    widest = max(width(c.value) for c in ws[letter] if c.value is not None)
    got = ws.column_dimensions[letter].width
    need(got >= min(widest, 40), "column %s (%s) is %.1f wide for text %d wide" % (letter, title, got, widest))
need(ws.freeze_panes == "C2", "the header and the code and name columns frozen (%s)" % ws.freeze_panes)
ps = ws.page_setup
need(str(ps.paperSize) == "9" and ps.orientation == "landscape", "A4 landscape")
need(ws.sheet_properties.pageSetUpPr.fitToPage and ps.fitToWidth in (None, 1) and ps.fitToHeight == 0,
     "fit to one page wide")
need(ws.print_title_rows == "$1:$1", "the header printed on every page (%s)" % ws.print_title_rows)
need(ws.oddFooter.center.text == "第 &P 页 共 &N 页", "pages numbered in Chinese (%s)" % ws.oddFooter.center.text)
need(ws.auto_filter.ref is not None, "a filter on the header")
for f in fail[:20]:
    print("# " + f)
sys.exit(1 if fail else 0)
PY
check "openpyxl: Chinese titles, IDs and phones as text, dates as dates, widths that fit, print setup" \
	$PY "$T/book.py" "$T/r.xlsx" "$T/want.tsv"

check "the workbook imports back" run 0 zh "$RENDA" deputy import "$T/r.xlsx"
check "changing nothing" contains "$T/out" "新增 0 条，修改 0 条，未变 $n 条"
q "$ROWS" >"$T/rows2"
check "nothing changed in the database" cmp -s "$T/rows2" "$T/rows"
check "a new database" run 0 env RENDA_DB="$T/new.db" "$RENDA" init
check "takes the workbook" run 0 zh env RENDA_DB="$T/new.db" "$RENDA" deputy import "$T/r.xlsx"
check "adding every deputy" contains "$T/out" "新增 $n 条"
sqlite3 -batch -noheader "$T/new.db" "$ROWS" >"$T/new.rows"
check "the roster is recreated field by field, codes too" cmp -s "$T/new.rows" "$T/rows"

# Out of the Chinese locale the titles are English labels, and they import too.
check "export in English" run 0 "$RENDA" deputy export "$T/en.xlsx"
check "imports in English unchanged" run 0 "$RENDA" deputy import "$T/en.xlsx"
check "0 changed" contains "$T/out" "0 added, 0 changed, $n unchanged"
check "--format xlsx whatever the name" run 0 "$RENDA" deputy export --format xlsx "$T/roster.dat"
check "is a workbook" test "$(head -c 2 "$T/roster.dat")" = PK
check "GB18030 is for CSV only" run 2 "$RENDA" deputy export --encoding gb18030 "$T/gb.xlsx"
check "a bad --format is a usage error" run 2 "$RENDA" deputy export --format ods "$T/x.ods"
check "an existing workbook is kept" run 1 "$RENDA" deputy export "$T/r.xlsx"

# CSV: UTF-8 with a byte-order mark, Chinese titles and values, a tab before every
# number that is text (IDs, phones), so LibreOffice keeps them as text.
check "deputy export FILE.csv" run 0 zh "$RENDA" deputy export "$T/r.csv"
check "starts with a byte-order mark" test "$(head -c3 "$T/r.csv" | od -An -tx1 | tr -d ' ')" = efbbbf
check "Chinese titles" sh -c "head -n1 '$T/r.csv' | grep -q '代码,姓名,'"
one=$(head -n1 "$T/want.tsv" | cut -f1)
rid=$(q "SELECT resident_id FROM deputy WHERE code = '$one'")
check "the ID is led by a tab" sh -c "grep '^$one,' '$T/r.csv' | grep -q \"$(printf '\t')$rid\""
check "levels in Chinese" contains "$T/r.csv" ",市级,"
check "the CSV imports back" run 0 zh "$RENDA" deputy import "$T/r.csv"
check "changing nothing" contains "$T/out" "新增 0 条，修改 0 条，未变 $n 条"
# A control: the same first line without the tab, as other programs write it.
{ head -n1 "$T/r.csv"; grep "^$one," "$T/r.csv" | tr -d '\t'; } >"$T/plain.csv"
# LibreOffice opens both as UTF-8 CSV (filter options: comma, double quote, UTF-8, line 1).
soffice -env:UserInstallation="file://$T/lo" --headless --infilter="CSV:44,34,76,1" \
	--convert-to xlsx --outdir "$T/lo-out" "$T/r.csv" "$T/plain.csv" >"$T/soffice.out" 2>&1
check "LibreOffice converts both CSV files" test -s "$T/lo-out/r.xlsx" -a -s "$T/lo-out/plain.xlsx"
cat >"$T/ids.py" <<'PY'
import sys
import openpyxl
def id_cell(path, code):
    ws = openpyxl.load_workbook(path).active
    head = [c.value for c in ws[1]]
    for r in ws.iter_rows(min_row=2):
        if r[head.index("代码")].value == code:
            c = r[head.index("公民身份号码")]
            return c.data_type, c.value
kind, value = id_cell(sys.argv[1], sys.argv[3])
print("# renda's CSV in LibreOffice: %s %r" % (kind, value))
ok = kind == "s" and value.strip() == sys.argv[4]
kind, value = id_cell(sys.argv[2], sys.argv[3])
print("# the plain CSV in LibreOffice: %s %r" % (kind, value))
ok = ok and kind == "n"  # the control: LibreOffice makes a number of it
sys.exit(0 if ok else 1)
PY
check "LibreOffice keeps renda's IDs as text (and makes a number of a plain one)" \
	$PY "$T/ids.py" "$T/lo-out/r.xlsx" "$T/lo-out/plain.xlsx" "$one" "$rid"
check "LibreOffice's workbook of the CSV imports back" run 0 zh "$RENDA" deputy import "$T/lo-out/r.xlsx"
check "changing nothing" contains "$T/out" "新增 0 条，修改 0 条，未变 $n 条"

# As Excel saves the CSV again: dates 1960/5/14 and labels in the values.
awk -F, -v code="$one" 'NR == 1 || $1 == code' "$T/r.csv" | tr -d '\t' |
	sed -E 's/,([0-9]{4})-0?([0-9]+)-0?([0-9]+),/,\1\/\2\/\3,/' >"$T/excel.csv"
check "a date written 1960/5/14" grep -qE ',[0-9]{4}/[0-9]{1,2}/[0-9]{1,2},' "$T/excel.csv"
check "imports as the same day" run 0 zh "$RENDA" deputy import "$T/excel.csv"
check "changing nothing" contains "$T/out" "新增 0 条，修改 0 条，未变 1 条"

sed -E 's/,([0-9]{4})\/([0-9]+)\/([0-9]+),/,\1年\2月\3日,/' "$T/excel.csv" >"$T/nian.csv"
check "a date written 1960年5月14日" grep -qE ',[0-9]{4}年[0-9]{1,2}月[0-9]{1,2}日,' "$T/nian.csv"
check "imports as the same day" run 0 zh "$RENDA" deputy import "$T/nian.csv"
check "changing nothing" contains "$T/out" "新增 0 条，修改 0 条，未变 1 条"

# Reference data comes from a workbook too (here one made by openpyxl).
$PY -c "
import openpyxl
wb = openpyxl.Workbook()
wb.active.append(['code', 'name', 'sort'])
wb.active.append(['JCZL', '基层治理', 9])
wb.save('$T/cat.xlsx')"
check "renda ref import takes a workbook" run 0 "$RENDA" ref import category "$T/cat.xlsx"
check "adding its row" test "$(q "SELECT name || ' ' || sort FROM category WHERE code = 'JCZL'")" = "基层治理 9"

# An Excel 97-2003 workbook is refused with what to do.
printf '\320\317\021\340\241\261\032\341' >"$T/old.xls"
check "a .xls file is refused" run 1 "$RENDA" deputy import "$T/old.xls"
check "asking for .xlsx or CSV" contains "$T/err" "save it as .xlsx or as CSV"

# Viewers get the IDs masked, still as text.
me=$(id -un)
q "UPDATE app_user SET role = 'viewer' WHERE login = '$me'"
check "a viewer exports" run 0 "$RENDA" deputy export "$T/viewer.xlsx"
check "with masked IDs" $PY -c "
import openpyxl, sys
ws = openpyxl.load_workbook('$T/viewer.xlsx').active
ids = [r[8].value for r in ws.iter_rows(min_row=2)]
sys.exit(0 if ids and all(v and v[6:14] == '********' for v in ids) else 1)"
done_testing
