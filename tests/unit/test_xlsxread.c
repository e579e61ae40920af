/*
 * Unit tests of the XLSX reader (src/util/xlsxread.c) on workbooks written by
 * three writers: libxlsxwriter (shared strings, and inline strings in its
 * constant-memory mode), openpyxl (the 1904 date system) and a package made by
 * hand with what the other two never write (absolute part names, prefixed
 * elements, rich text with phonetic guides, cells without references, errors,
 * ISO dates). Broken files are refused with the file and the reason.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "tap.h"
#include "util/err.h"
#include "util/xalloc.h"
#include "util/xlsxread.h"

static char dir[] = "/tmp/renda-xlsx.XXXXXX";

/* Field i of data row r (0-based, header excluded), "" when missing. */
static const char *cell(const struct csv_file *f, size_t r, int i)
{
	return r < f->nrows ? csvf_get(&f->rows[r], i) : "(no row)";
}

/* The sheet every libxlsxwriter workbook of these tests holds. */
static void write_sheet(lxw_workbook *wb)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, "代表名册");
	lxw_format *cn_date = workbook_add_format(wb);
	format_set_num_format(cn_date, "yyyy\"年\"m\"月\"d\"日\"");
	lxw_format *stamp = workbook_add_format(wb);
	format_set_num_format(stamp, "yyyy-mm-dd hh:mm");
	lxw_format *clock = workbook_add_format(wb);
	format_set_num_format(clock, "[$-804]hh:mm:ss;@");
	lxw_format *builtin = workbook_add_format(wb);
	format_set_num_format_index(builtin, 14);
	lxw_format *money = workbook_add_format(wb);
	format_set_num_format(money, "#,##0.00\"元\"");
	const char *head[] = {"姓名", " 身份证号 ", "出生日期", "电话",
	                      "金额", "时间",       "在任",     "备注"};
	for (int i = 0; i < 8; i++)
		worksheet_write_string(ws, 0, (lxw_col_t)i, head[i], NULL);
	worksheet_write_string(ws, 1, 0, "张三", NULL);
	worksheet_write_string(ws, 1, 1, "330482196005147001", NULL);
	lxw_datetime born = {1960, 5, 14, 0, 0, 0};
	worksheet_write_datetime(ws, 1, 2, &born, cn_date);
	worksheet_write_number(ws, 1, 3, 13812345678.0, NULL);
	worksheet_write_number(ws, 1, 4, 1234.5, money);
	lxw_datetime at = {2026, 3, 2, 9, 30, 0};
	worksheet_write_datetime(ws, 1, 5, &at, stamp);
	worksheet_write_boolean(ws, 1, 6, 1, NULL);
	worksheet_write_formula_str(ws, 1, 7, "=A2&\"x\"", NULL, "张三x");
	/* Row 3 holds only a formatted blank: skipped. Row 4 has holes. */
	worksheet_write_blank(ws, 2, 0, money);
	worksheet_write_string(ws, 3, 0, "李四", NULL);
	worksheet_write_number(ws, 3, 3, 330482196005147001.0, NULL);
	worksheet_write_number(ws, 3, 4, 0.1 + 0.2, NULL);
	worksheet_write_number(ws, 3, 5, 0.5, clock);
	lxw_datetime leap = {1900, 1, 10, 0, 0, 0};
	worksheet_write_datetime(ws, 3, 2, &leap, builtin);
	worksheet_write_boolean(ws, 3, 6, 0, NULL);
	lxw_worksheet *other = workbook_add_worksheet(wb, "其他");
	worksheet_write_string(other, 0, 0, "not read", NULL);
}

static void check_sheet(const char *path, const char *what)
{
	struct csv_file f;
	int rc = xlsxf_read(path, &f);
	is_int(rc, RD_OK, "%s: read", what);
	if (rc) {
		printf("#   %s\n", err_msg());
		return;
	}
	is_int(f.ncols, 8, "%s: 8 columns in the header", what);
	is_str(f.header[0], "姓名", "%s: the header's text", what);
	is_str(f.header[1], "身份证号", "%s: header cells are trimmed", what);
	is_int(csvf_col(&f, "在任"), 6, "%s: csvf_col finds a column", what);
	is_int((int)f.nrows, 2, "%s: the blank row is skipped", what);
	is_int(f.rows[0].line, 2, "%s: a row's line is its row number", what);
	is_int(f.nrows > 1 ? f.rows[1].line : 0, 4, "%s: the row after the blank one is line 4",
	       what);
	is_str(cell(&f, 0, 0), "张三", "%s: a string", what);
	is_str(cell(&f, 0, 1), "330482196005147001", "%s: a number written as text stays whole",
	       what);
	is_str(cell(&f, 0, 2), "1960-05-14", "%s: a date with a Chinese format", what);
	is_str(cell(&f, 0, 3), "13812345678", "%s: a whole number in full", what);
	is_str(cell(&f, 0, 4), "1234.5", "%s: a number with a currency format", what);
	is_str(cell(&f, 0, 5), "2026-03-02 09:30:00", "%s: a date and time", what);
	is_str(cell(&f, 0, 6), "1", "%s: TRUE", what);
	is_str(cell(&f, 0, 7), "张三x", "%s: a formula's text", what);
	is_str(cell(&f, 1, 0), "李四", "%s: after the blank row", what);
	is_str(cell(&f, 1, 1), "", "%s: a hole is empty", what);
	is_str(cell(&f, 1, 2), "1900-01-10",
	       "%s: built-in date format 14, before the phantom 1900-02-29", what);
	is_str(cell(&f, 1, 3), "3.30482196005147e+17",
	       "%s: an ID stored as a number shows as Excel shows it", what);
	is_str(cell(&f, 1, 4), "0.3", "%s: 15 significant digits", what);
	is_str(cell(&f, 1, 5), "12:00:00", "%s: a time", what);
	is_str(cell(&f, 1, 6), "0", "%s: FALSE", what);
	is_str(cell(&f, 1, 7), "", "%s: past the last cell of a row", what);
	csvf_free(&f);
}

static void test_libxlsxwriter(void)
{
	char *path = xasprintf("%s/shared.xlsx", dir);
	lxw_workbook *wb = workbook_new(path);
	write_sheet(wb);
	ok(workbook_close(wb) == LXW_NO_ERROR, "libxlsxwriter writes shared.xlsx");
	check_sheet(path, "shared strings");
	free(path);

	path = xasprintf("%s/inline.xlsx", dir);
	lxw_workbook_options o = {.constant_memory = LXW_TRUE, .tmpdir = dir};
	wb = workbook_new_opt(path, &o);
	write_sheet(wb);
	ok(workbook_close(wb) == LXW_NO_ERROR,
	   "libxlsxwriter writes inline.xlsx (constant memory)");
	char *cmd = xasprintf("unzip -p '%s' xl/worksheets/sheet1.xml | grep -q inlineStr", path);
	ok(system(cmd) == 0, "whose strings are inline");
	check_sheet(path, "inline strings");
	free(cmd);
	free(path);
}

/* Runs a Python script (Debian's python3, with openpyxl) with the directory as argument. */
static int python(const char *script)
{
	char *file = xasprintf("%s/make.py", dir);
	FILE *fp = fopen(file, "w");
	fputs(script, fp);
	fclose(fp);
	char *cmd = xasprintf("/usr/bin/python3 '%s' '%s'", file, dir);
	int rc = system(cmd);
	free(cmd);
	free(file);
	return rc;
}

static void test_openpyxl_1904(void)
{
	ok(python("import datetime, sys, openpyxl\n"
	          "from openpyxl.utils.datetime import CALENDAR_MAC_1904\n"
	          "wb = openpyxl.Workbook()\n"
	          "wb.epoch = CALENDAR_MAC_1904\n"
	          "ws = wb.active\n"
	          "ws.append(['day', 'count'])\n"
	          "ws.append([datetime.date(2026, 3, 2), 7])\n"
	          "wb.save(sys.argv[1] + '/mac.xlsx')\n") == 0,
	   "openpyxl writes a workbook in the 1904 date system");
	char *path = xasprintf("%s/mac.xlsx", dir);
	struct csv_file f;
	is_int(xlsxf_read(path, &f), RD_OK, "it reads");
	is_str(cell(&f, 0, 0), "2026-03-02", "a 1904-system date");
	is_str(cell(&f, 0, 1), "7", "and a number");
	csvf_free(&f);
	free(path);
}

/* A package made by hand: what Excel and LibreOffice may write that the others do not. */
static const char hand[] =
    "import sys, zipfile\n"
    "z = zipfile.ZipFile(sys.argv[1] + '/hand.xlsx', 'w', zipfile.ZIP_DEFLATED)\n"
    "z.writestr('[Content_Types].xml', '<Types/>')\n"
    "z.writestr('_rels/.rels', '<Relationships "
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">'\n"
    "  '<Relationship Id=\"r1\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
    "Target=\"/book/main.xml\"/></Relationships>')\n"
    "z.writestr('book/main.xml', '<x:workbook "
    "xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"R\">'\n"
    "  '<x:sheets><x:sheet name=\"B\" sheetId=\"2\" r:id=\"s2\"/><x:sheet name=\"A\" sheetId=\"1\" "
    "r:id=\"s1\"/></x:sheets></x:workbook>')\n"
    "z.writestr('book/_rels/main.xml.rels', '<Relationships>'\n"
    "  '<Relationship Id=\"s1\" Type=\"x/worksheet\" Target=\"sheets/a.xml\"/>'\n"
    "  '<Relationship Id=\"s2\" Type=\"x/worksheet\" Target=\"../book/sheets/b.xml\"/>'\n"
    "  '<Relationship Id=\"t\" Type=\"x/sharedStrings\" "
    "Target=\"/book/strings.xml\"/></Relationships>')\n"
    "z.writestr('book/strings.xml', '<x:sst xmlns:x=\"S\"><x:si><x:t>代表</x:t></x:si>'\n"
    "  '<x:si><x:r><x:t xml:space=\"preserve\">沈 </x:t></x:r><x:r><x:t>建国</x:t></x:r>'\n"
    "  '<x:rPh sb=\"0\" eb=\"1\"><x:t>shen</x:t></x:rPh></x:si></x:sst>')\n"
    "z.writestr('book/sheets/b.xml', '<worksheet><sheetData>'\n"
    "  '<row><c t=\"s\"><v>0</v></c><c "
    "t=\"inlineStr\"><is><t>说明</t></is></c><c><v>1.5</v></c><c/></row>'\n"
    "  '<row><c t=\"s\"><v>1</v></c><c t=\"e\"><v>#N/A</v></c><c "
    "t=\"d\"><v>2026-03-02T09:00:00</v></c>'\n"
    "  '<c t=\"b\"><v>0</v></c></row></sheetData></worksheet>')\n"
    "z.writestr('book/sheets/a.xml', '<worksheet><sheetData><row r=\"1\"><c r=\"A1\" "
    "t=\"inlineStr\"><is><t>not the first</t></is></c></row></sheetData></worksheet>')\n"
    "z.writestr('book/sheets/bad.xml', '<worksheet><sheetData><row><c "
    "t=\"s\"><v>9</v></c></row></sheetData></worksheet>')\n"
    "z.close()\n"
    "for name, part in (('badsst', 'book/sheets/bad.xml'), ('badxml', None)):\n"
    "    src = zipfile.ZipFile(sys.argv[1] + '/hand.xlsx')\n"
    "    z = zipfile.ZipFile(sys.argv[1] + '/' + name + '.xlsx', 'w')\n"
    "    for i in src.infolist():\n"
    "        data = src.read(i.filename)\n"
    "        if i.filename == 'book/sheets/b.xml':\n"
    "            data = src.read(part) if part else b'<worksheet><sheetData>\\n<row><c></row>'\n"
    "        z.writestr(i.filename, data)\n"
    "    z.close()\n"
    "z = zipfile.ZipFile(sys.argv[1] + '/nobook.xlsx', 'w')\n"
    "z.writestr('hello.txt', 'hi')\n"
    "z.close()\n";

static void test_hand_made(void)
{
	ok(python(hand) == 0, "Python makes the hand-made packages");
	char *path = xasprintf("%s/hand.xlsx", dir);
	struct csv_file f;
	int rc = xlsxf_read(path, &f);
	is_int(rc, RD_OK, "a hand-made workbook reads");
	if (rc)
		printf("#   %s\n", err_msg());
	is_int(f.ncols, 4, "its first sheet in the workbook's order, not by name or id");
	is_str(f.ncols ? f.header[0] : "", "代表", "a shared string, with prefixed elements");
	is_str(f.ncols > 1 ? f.header[1] : "", "说明",
	       "an inline string in a cell without a reference");
	is_str(f.ncols > 2 ? f.header[2] : "", "1.5", "a number without a format");
	is_str(cell(&f, 0, 0), "沈 建国",
	       "rich text runs joined, spaces kept, the phonetic guide left out");
	is_str(cell(&f, 0, 1), "#N/A", "an error as written");
	is_str(cell(&f, 0, 2), "2026-03-02T09:00:00", "an ISO date cell as written");
	is_str(cell(&f, 0, 3), "0", "FALSE");
	csvf_free(&f);
	free(path);

	static const struct {
		const char *file, *why;
	} bad[] = {
	    {"badsst.xlsx", "book/sheets/b.xml, line 1: a shared string that is not there"},
	    {"badxml.xlsx", "book/sheets/b.xml, line 2: mismatched tag"},
	    {"nobook.xlsx", "not an XLSX workbook (it has no _rels/.rels)"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		path = xasprintf("%s/%s", dir, bad[i].file);
		ok(xlsxf_read(path, &f) == RD_INVALID, "%s is refused", bad[i].file);
		char *want = xasprintf("%s: %s", path, bad[i].why);
		is_str(err_msg(), want, "naming the file and why");
		free(want);
		free(path);
	}
}

static void test_tablef(void)
{
	char *csv = xasprintf("%s/t.csv", dir);
	FILE *fp = fopen(csv, "w");
	fputs("\xEF\xBB\xBFname,phone\n张三,13812345678\n", fp);
	fclose(fp);
	struct csv_file f;
	is_int(tablef_read(csv, &f), RD_OK, "tablef_read reads CSV");
	is_str(f.encoding, "UTF-8", "as CSV");
	is_str(cell(&f, 0, 0), "张三", "its cells");
	csvf_free(&f);
	ok(xlsxf_read(csv, &f) == RD_INVALID, "xlsxf_read refuses CSV");
	char *want = xasprintf("%s: not an XLSX workbook", csv);
	is_str(err_msg(), want, "as not a workbook");
	free(want);
	char *xlsx = xasprintf("%s/shared.xlsx", dir);
	is_int(tablef_read(xlsx, &f), RD_OK, "tablef_read reads a workbook");
	is_str(f.encoding, "XLSX", "as a workbook");
	is_str(cell(&f, 0, 2), "1960-05-14", "its cells");
	csvf_free(&f);
	char *xls = xasprintf("%s/old.xls", dir);
	fp = fopen(xls, "wb");
	fwrite("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0", 1, 12, fp);
	fclose(fp);
	ok(tablef_read(xls, &f) == RD_INVALID, "an Excel 97-2003 file is refused");
	ok(strstr(err_msg(), "save it as .xlsx or as CSV") != NULL, "asking for .xlsx or CSV");
	char *none = xasprintf("%s/none.xlsx", dir);
	ok(tablef_read(none, &f) == RD_INVALID, "a missing file is refused");
	free(none);
	free(xls);
	free(xlsx);
	free(csv);
}

int main(void)
{
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	test_libxlsxwriter();
	test_openpyxl_1904();
	test_hand_made();
	test_tablef();
	tap_remove_dir(dir);
	return tap_done();
}
