#include "config.h"

#include <errno.h>
#include <expat.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <strings.h>
#include <unzip.h>

#include "util/datetime.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/libs.h"
#include "util/sbuf.h"
#include "util/xalloc.h"
#include "util/xlsxread.h"

/* Limits against damaged or hostile files. */
#define PART_MAX ((uint64_t)256 << 20) /* bytes of one part once inflated */
#define COLS_MAX 16384                 /* Excel's last column, XFD */
#define ROWS_MAX 1048576               /* Excel's last row */

/* What a cell format shows of a number. */
enum kind { K_NUMBER, K_DATE = 1, K_TIME = 2, K_DATETIME = 3 };

struct rel {
	char *id, *type, *target;
};

/* One part being parsed: the state of every part's handlers. */
struct xml {
	XML_Parser xp;
	const char *path, *part;
	int rc; /* a handler's failure (err_set() done): stops the parse */
	struct sbuf text;
	bool collect; /* character data goes to text */
	/* relationships */
	struct rel *rels;
	size_t nrels;
	/* workbook */
	char *sheet_rid;
	bool date1904;
	/* styles */
	bool in_numfmts, in_xfs;
	int *fmt_id;
	char **fmt_code;
	size_t nfmts;
	int *xf_fmt;
	size_t nxf;
	/* shared strings */
	char **sst;
	size_t nsst;
	int in_rph;
	bool in_si;
	/* the sheet */
	const unsigned char *xf_kind;
	bool in_data, in_is;
	long row, col;
	char type[16];
	long style;
	char **cells;
	int ncells, cap;
	struct csv_file *out;
};

/* The local part of an element or attribute name ("x:row" is "row"). */
static const char *local(const char *name)
{
	const char *c = strrchr(name, ':');
	return c ? c + 1 : name;
}

static const char *attr(const char **a, const char *name)
{
	for (; *a; a += 2)
		if (!strcmp(local(a[0]), name))
			return a[1];
	return NULL;
}

/* Stops the parse with a message naming the file and the part. */
static void fail(struct xml *x, const char *why)
{
	if (x->rc)
		return;
	x->rc = err_set(RD_INVALID, _("%s: %s, line %lu: %s"), x->path, x->part,
	                (unsigned long)XML_GetCurrentLineNumber(x->xp), why);
	XML_StopParser(x->xp, XML_FALSE);
}

static void on_text(void *ud, const XML_Char *s, int len)
{
	struct xml *x = ud;
	if (x->collect)
		sbuf_add(&x->text, s, (size_t)len);
}

/* ---- relationships, workbook ----------------------------------------------- */

static void rels_start(void *ud, const XML_Char *name, const XML_Char **a)
{
	struct xml *x = ud;
	if (strcmp(local(name), "Relationship"))
		return;
	const char *id = attr(a, "Id"), *type = attr(a, "Type"), *target = attr(a, "Target");
	if (!id || !type || !target)
		return;
	x->rels = xrealloc(x->rels, sizeof *x->rels * (x->nrels + 1));
	x->rels[x->nrels++] = (struct rel){xstrdup(id), xstrdup(type), xstrdup(target)};
}

static void workbook_start(void *ud, const XML_Char *name, const XML_Char **a)
{
	struct xml *x = ud;
	const char *n = local(name);
	if (!strcmp(n, "workbookPr")) {
		const char *v = attr(a, "date1904");
		x->date1904 = v && (!strcmp(v, "1") || !strcmp(v, "true"));
	} else if (!strcmp(n, "sheet") && !x->sheet_rid) {
		const char *id = attr(a, "id");
		if (id)
			x->sheet_rid = xstrdup(id);
	}
}

/* ---- styles ---------------------------------------------------------------- */

static void styles_start(void *ud, const XML_Char *name, const XML_Char **a)
{
	struct xml *x = ud;
	const char *n = local(name);
	if (!strcmp(n, "numFmts"))
		x->in_numfmts = true;
	else if (!strcmp(n, "cellXfs"))
		x->in_xfs = true;
	else if (x->in_numfmts && !strcmp(n, "numFmt")) {
		const char *id = attr(a, "numFmtId"), *code = attr(a, "formatCode");
		if (!id || !code)
			return;
		x->fmt_id = xrealloc(x->fmt_id, sizeof *x->fmt_id * (x->nfmts + 1));
		x->fmt_code = xrealloc(x->fmt_code, sizeof *x->fmt_code * (x->nfmts + 1));
		x->fmt_id[x->nfmts] = atoi(id);
		x->fmt_code[x->nfmts++] = xstrdup(code);
	} else if (x->in_xfs && !strcmp(n, "xf")) {
		const char *id = attr(a, "numFmtId");
		x->xf_fmt = xrealloc(x->xf_fmt, sizeof *x->xf_fmt * (x->nxf + 1));
		x->xf_fmt[x->nxf++] = id ? atoi(id) : 0;
	}
}

static void styles_end(void *ud, const XML_Char *name)
{
	struct xml *x = ud;
	const char *n = local(name);
	if (!strcmp(n, "numFmts"))
		x->in_numfmts = false;
	else if (!strcmp(n, "cellXfs"))
		x->in_xfs = false;
}

/*
 * What a number format code shows: a date when it has y or d (or m without h or
 * s), a time when it has h or s, outside quoted text, escapes and [brackets]
 * (but for elapsed time, [h] [mm] [ss]). Only the first section counts.
 */
static enum kind code_kind(const char *code)
{
	bool y = false, d = false, m = false, h = false, s = false;
	for (const char *p = code; *p && *p != ';'; p++) {
		switch (*p) {
		case '"':
			while (p[1] && p[1] != '"')
				p++;
			if (p[1])
				p++;
			break;
		case '\\':
		case '_':
		case '*':
			if (p[1])
				p++;
			break;
		case '[': {
			const char *e = strchr(p, ']');
			if (!e)
				return K_NUMBER;
			if (strchr("hHmMsS", p[1]) &&
			    strspn(p + 1, "hHmMsS") == (size_t)(e - p - 1))
				h = true;
			p = e;
			break;
		}
		case 'y':
		case 'Y': y = true; break;
		case 'd':
		case 'D': d = true; break;
		case 'm':
		case 'M': m = true; break;
		case 'h':
		case 'H': h = true; break;
		case 's':
		case 'S': s = true; break;
		default: break;
		}
	}
	int k = K_NUMBER;
	if (y || d || (m && !h && !s))
		k |= K_DATE;
	if (h || s)
		k |= K_TIME;
	return (enum kind)k;
}

/* Built-in formats (ECMA-376 18.8.30, with the Chinese ones 27 to 58). */
static enum kind builtin_kind(int id)
{
	if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || id == 36 ||
	    (id >= 50 && id <= 54) || id == 57 || id == 58)
		return K_DATE;
	if ((id >= 18 && id <= 21) || (id >= 32 && id <= 35) || (id >= 45 && id <= 47) ||
	    id == 55 || id == 56)
		return K_TIME;
	if (id == 22)
		return K_DATETIME;
	return K_NUMBER;
}

/* The kind of each cell format (xf), from the number formats; a new array. */
static unsigned char *xf_kinds(const struct xml *x)
{
	unsigned char *k = xcalloc(x->nxf ? x->nxf : 1, 1);
	for (size_t i = 0; i < x->nxf; i++) {
		enum kind kd = builtin_kind(x->xf_fmt[i]);
		for (size_t j = 0; j < x->nfmts; j++)
			if (x->fmt_id[j] == x->xf_fmt[i])
				kd = code_kind(x->fmt_code[j]);
		k[i] = (unsigned char)kd;
	}
	return k;
}

/* ---- shared strings -------------------------------------------------------- */

static void sst_start(void *ud, const XML_Char *name, const XML_Char **a)
{
	(void)a;
	struct xml *x = ud;
	const char *n = local(name);
	if (!strcmp(n, "si")) {
		x->in_si = true;
		sbuf_reset(&x->text);
	} else if (!strcmp(n, "rPh"))
		x->in_rph++; /* phonetic guides are not the text */
	else if (!strcmp(n, "t") && x->in_si && !x->in_rph)
		x->collect = true;
}

static void sst_end(void *ud, const XML_Char *name)
{
	struct xml *x = ud;
	const char *n = local(name);
	if (!strcmp(n, "t"))
		x->collect = false;
	else if (!strcmp(n, "rPh"))
		x->in_rph--;
	else if (!strcmp(n, "si")) {
		if ((x->nsst & (x->nsst - 1)) == 0)
			x->sst = xrealloc(x->sst, sizeof *x->sst * (x->nsst ? 2 * x->nsst : 1));
		x->sst[x->nsst++] = xstrdup(sbuf_str(&x->text));
		x->in_si = false;
	}
}

/* ---- the sheet ------------------------------------------------------------- */

/* The column of a cell reference ("AB12" is 27), or -1. */
static long ref_col(const char *r)
{
	long c = 0;
	for (; *r >= 'A' && *r <= 'Z'; r++) {
		c = c * 26 + (*r - 'A' + 1);
		if (c > COLS_MAX)
			return -1;
	}
	return c - 1;
}

/* Writes a date serial number as text by kind (see the top of xlsxread.h). */
static char *serial_text(double v, enum kind k, bool date1904)
{
	double whole = floor(v);
	long secs = lround((v - whole) * 86400.0);
	long day = (long)whole;
	if (secs >= 86400) {
		secs -= 86400;
		day++;
	}
	/* 1900 system: day 1 is 1900-01-01, and Excel counts a 29 February 1900. */
	int days = date1904    ? date_from_ymd(1904, 1, 1) + (int)day
	           : day >= 61 ? date_from_ymd(1899, 12, 30) + (int)day
	                       : date_from_ymd(1899, 12, 31) + (int)day;
	char ymd[11];
	date_format(days, ymd);
	if (k == K_DATE)
		return xstrdup(ymd);
	int hh = (int)(secs / 3600), mm = (int)(secs / 60 % 60), ss = (int)(secs % 60);
	if (k == K_TIME)
		return xasprintf("%02d:%02d:%02d", hh, mm, ss);
	return xasprintf("%s %02d:%02d:%02d", ymd, hh, mm, ss);
}

static char *number_text(const char *raw, enum kind k, bool date1904)
{
	char *end;
	errno = 0;
	double v = strtod(raw, &end);
	if (end == raw || *end || errno || !isfinite(v))
		return xstrdup(raw);
	if (k != K_NUMBER && v >= 0 && v < 2958466) /* up to 9999-12-31 */
		return serial_text(v, k, date1904);
	if (v == 0)
		v = 0; /* no "-0" */
	if (v == floor(v) && fabs(v) < 1e15)
		return xasprintf("%.0f", v);
	return xasprintf("%.15g", v);
}

static void sheet_start(void *ud, const XML_Char *name, const XML_Char **a)
{
	struct xml *x = ud;
	const char *n = local(name);
	if (!strcmp(n, "sheetData"))
		x->in_data = true;
	if (!x->in_data)
		return;
	if (!strcmp(n, "row")) {
		const char *r = attr(a, "r");
		x->row = r ? strtol(r, NULL, 10) : x->row + 1;
		if (x->row < 1 || x->row > ROWS_MAX)
			fail(x, _("a row number out of range"));
		x->col = -1;
		x->ncells = 0;
	} else if (!strcmp(n, "c")) {
		const char *r = attr(a, "r"), *t = attr(a, "t"), *s = attr(a, "s");
		x->col = r ? ref_col(r) : x->col + 1;
		if (x->col < 0 || x->col >= COLS_MAX)
			fail(x, _("a cell reference out of range"));
		snprintf(x->type, sizeof x->type, "%s", t ? t : "n");
		x->style = s ? strtol(s, NULL, 10) : 0;
		sbuf_reset(&x->text);
	} else if (!strcmp(n, "v"))
		x->collect = true;
	else if (!strcmp(n, "is"))
		x->in_is = true;
	else if (!strcmp(n, "rPh"))
		x->in_rph++;
	else if (!strcmp(n, "t") && x->in_is && !x->in_rph)
		x->collect = true;
}

/* The text of the cell just read (see the top of xlsxread.h); a new string. */
static char *cell_text(struct xml *x)
{
	const char *v = sbuf_str(&x->text), *t = x->type;
	if (!*v)
		return xstrdup("");
	if (!strcmp(t, "s")) {
		char *end;
		unsigned long i = strtoul(v, &end, 10);
		if (end == v || *end || i >= x->nsst) {
			fail(x, _("a shared string that is not there"));
			return NULL;
		}
		return xstrdup(x->sst[i]);
	}
	if (!strcmp(t, "b"))
		return xstrdup(!strcmp(v, "1") || !strcmp(v, "true") ? "1" : "0");
	if (!strcmp(t, "n")) {
		enum kind k =
		    x->style >= 0 && (size_t)x->style < x->nxf ? x->xf_kind[x->style] : K_NUMBER;
		return number_text(v, k, x->date1904);
	}
	return xstrdup(v); /* inlineStr, str (a formula's text), e (an error), d (ISO 8601) */
}

static void put_cell(struct xml *x, char *text)
{
	int c = (int)x->col;
	if (c >= x->cap) {
		int cap = x->cap ? x->cap : 8;
		while (cap <= c)
			cap *= 2;
		x->cells = xrealloc(x->cells, sizeof *x->cells * (size_t)cap);
		x->cap = cap;
	}
	while (x->ncells <= c)
		x->cells[x->ncells++] = NULL;
	free(x->cells[c]);
	x->cells[c] = text;
}

/* Keeps the row just read unless it is blank. */
static void end_row(struct xml *x)
{
	bool blank = true;
	for (int i = 0; i < x->ncells && blank; i++)
		blank = !x->cells[i] || !*x->cells[i];
	if (blank) {
		for (int i = 0; i < x->ncells; i++)
			free(x->cells[i]);
		x->ncells = 0;
		return;
	}
	struct csv_file *f = x->out;
	if ((f->nrows & (f->nrows - 1)) == 0)
		f->rows = xrealloc(f->rows, sizeof *f->rows * (f->nrows ? 2 * f->nrows : 1));
	struct csv_row *r = &f->rows[f->nrows++];
	r->line = (int)x->row;
	r->n = x->ncells;
	r->f = xmalloc(sizeof *r->f * (size_t)x->ncells);
	memcpy(r->f, x->cells, sizeof *r->f * (size_t)x->ncells);
	x->ncells = 0;
}

static void sheet_end(void *ud, const XML_Char *name)
{
	struct xml *x = ud;
	const char *n = local(name);
	if (!x->in_data)
		return;
	if (!strcmp(n, "v") || !strcmp(n, "t"))
		x->collect = false;
	else if (!strcmp(n, "is"))
		x->in_is = false;
	else if (!strcmp(n, "rPh"))
		x->in_rph--;
	else if (!strcmp(n, "c")) {
		if (x->rc)
			return;
		char *t = cell_text(x);
		if (t)
			put_cell(x, t);
	} else if (!strcmp(n, "row"))
		end_row(x);
	else if (!strcmp(n, "sheetData"))
		x->in_data = false;
}

/* ---- the package ----------------------------------------------------------- */

/*
 * Parses the part name of the package with the handlers. RD_NOTFOUND (no
 * message) when it is missing and not required.
 */
static int read_part(unzFile zf, struct xml *x, const char *name, bool required,
                     XML_StartElementHandler start, XML_EndElementHandler end)
{
	x->part = name;
	if (unzLocateFile(zf, name, 2) != UNZ_OK) {
		if (!required)
			return RD_NOTFOUND;
		return err_set(RD_INVALID, _("%s: not an XLSX workbook (it has no %s)"), x->path,
		               name);
	}
	unz_file_info64 fi;
	if (unzGetCurrentFileInfo64(zf, &fi, NULL, 0, NULL, 0, NULL, 0) != UNZ_OK ||
	    unzOpenCurrentFile(zf) != UNZ_OK)
		return err_set(RD_INVALID, _("%s: %s: the workbook is damaged"), x->path, name);
	if (fi.uncompressed_size > PART_MAX) {
		unzCloseCurrentFile(zf);
		return err_set(RD_INVALID, _("%s: %s is too large (more than %d MB)"), x->path,
		               name, (int)(PART_MAX >> 20));
	}
	x->xp = XML_ParserCreate(NULL);
	if (!x->xp)
		fatal(_("out of memory"));
	XML_SetUserData(x->xp, x);
	XML_SetElementHandler(x->xp, start, end);
	XML_SetCharacterDataHandler(x->xp, on_text);
	x->rc = RD_OK;
	x->collect = false;
	int rc = RD_OK, n;
	uint64_t total = 0;
	char buf[65536];
	while ((n = unzReadCurrentFile(zf, buf, sizeof buf)) > 0 && !rc) {
		total += (uint64_t)n;
		if (total > PART_MAX)
			rc = err_set(RD_INVALID, _("%s: %s is too large (more than %d MB)"),
			             x->path, name, (int)(PART_MAX >> 20));
		else if (XML_Parse(x->xp, buf, n, XML_FALSE) == XML_STATUS_ERROR)
			rc = RD_INVALID;
	}
	if (!rc && n < 0)
		rc = err_set(RD_INVALID, _("%s: %s: the workbook is damaged"), x->path, name);
	else if (!rc && XML_Parse(x->xp, "", 0, XML_TRUE) == XML_STATUS_ERROR)
		rc = RD_INVALID;
	if (rc == RD_INVALID && !x->rc && XML_GetErrorCode(x->xp) != XML_ERROR_NONE)
		rc = err_set(RD_INVALID, _("%s: %s, line %lu: %s"), x->path, name,
		             (unsigned long)XML_GetCurrentLineNumber(x->xp),
		             XML_ErrorString(XML_GetErrorCode(x->xp)));
	if (x->rc)
		rc = x->rc;
	if (unzCloseCurrentFile(zf) == UNZ_CRCERROR && !rc)
		rc = err_set(RD_INVALID, _("%s: %s: the workbook is damaged"), x->path, name);
	XML_ParserFree(x->xp);
	x->xp = NULL;
	return rc;
}

/* The part a relationship of the part in dir ("" or "xl/") points to; a new string. */
static char *resolve(const char *dir, const char *target)
{
	struct sbuf b = SBUF_INIT;
	if (*target != '/')
		sbuf_puts(&b, dir);
	sbuf_puts(&b, target + (*target == '/'));
	/* Remove "dir/../" pairs. */
	char *s = sbuf_take(&b), *p;
	while ((p = strstr(s, "/../"))) {
		char *q = p;
		while (q > s && q[-1] != '/')
			q--;
		memmove(q, p + 4, strlen(p + 4) + 1);
	}
	return s;
}

static void rels_free(struct xml *x)
{
	for (size_t i = 0; i < x->nrels; i++) {
		free(x->rels[i].id);
		free(x->rels[i].type);
		free(x->rels[i].target);
	}
	free(x->rels);
	x->rels = NULL;
	x->nrels = 0;
}

/* The target of the relationship with that id, or of the first of that type (its last word). */
static const char *rel_find(const struct xml *x, const char *id, const char *type)
{
	for (size_t i = 0; i < x->nrels; i++) {
		const char *slash = strrchr(x->rels[i].type, '/');
		if (id ? !strcmp(x->rels[i].id, id) : slash && !strcmp(slash + 1, type))
			return x->rels[i].target;
	}
	return NULL;
}

static void xml_free(struct xml *x)
{
	rels_free(x);
	free(x->sheet_rid);
	for (size_t i = 0; i < x->nfmts; i++)
		free(x->fmt_code[i]);
	free(x->fmt_code);
	free(x->fmt_id);
	free(x->xf_fmt);
	for (size_t i = 0; i < x->nsst; i++)
		free(x->sst[i]);
	free(x->sst);
	for (int i = 0; i < x->ncells; i++)
		free(x->cells[i]);
	free(x->cells);
	free((void *)x->xf_kind);
	sbuf_free(&x->text);
}

/* Reads the workbook's parts in order: where the sheet is, its formats, strings, cells. */
static int read_book(unzFile zf, struct xml *x)
{
	/* The main part: the package's officeDocument relationship. */
	int rc = read_part(zf, x, "_rels/.rels", true, rels_start, NULL);
	if (rc)
		return rc;
	const char *t = rel_find(x, NULL, "officeDocument");
	char *book = resolve("", t ? t : "xl/workbook.xml");
	rels_free(x);
	const char *slash = strrchr(book, '/');
	char *dir = xstrndup(book, slash ? (size_t)(slash - book + 1) : 0);
	char *book_rels = xasprintf("%s_rels/%s.rels", dir, book + strlen(dir));
	char *sheet = NULL, *styles = NULL, *strings = NULL;
	rc = read_part(zf, x, book, true, workbook_start, NULL);
	if (!rc)
		rc = read_part(zf, x, book_rels, true, rels_start, NULL);
	if (!rc && !x->sheet_rid)
		rc = err_set(RD_INVALID, _("%s: the workbook has no sheet"), x->path);
	if (!rc) {
		const char *st = rel_find(x, x->sheet_rid, NULL);
		if (!st)
			rc = err_set(RD_INVALID, _("%s: the workbook has no sheet"), x->path);
		else
			sheet = resolve(dir, st);
		if ((t = rel_find(x, NULL, "styles")))
			styles = resolve(dir, t);
		if ((t = rel_find(x, NULL, "sharedStrings")))
			strings = resolve(dir, t);
	}
	if (!rc && styles &&
	    (rc = read_part(zf, x, styles, false, styles_start, styles_end)) == RD_NOTFOUND)
		rc = RD_OK;
	x->xf_kind = xf_kinds(x);
	if (!rc && strings &&
	    (rc = read_part(zf, x, strings, false, sst_start, sst_end)) == RD_NOTFOUND)
		rc = RD_OK;
	if (!rc)
		rc = read_part(zf, x, sheet, true, sheet_start, sheet_end);
	free(sheet);
	free(styles);
	free(strings);
	free(book_rels);
	free(dir);
	free(book);
	return rc;
}

static char *trim_dup(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return xstrndup(s, n);
}

int xlsxf_read(const char *path, struct csv_file *out)
{
	memset(out, 0, sizeof *out);
	if (dynlib_ready(&libs_minizip) || dynlib_ready(&libs_expat))
		return RD_FAIL;
	unzFile zf = unzOpen64(path);
	if (!zf) {
		FILE *fp = fopen(path, "rb");
		if (!fp)
			return err_set(RD_INVALID, _("cannot read %s: %s"), path, strerror(errno));
		fclose(fp);
		return err_set(RD_INVALID, _("%s: not an XLSX workbook"), path);
	}
	struct xml x = {.path = path, .text = SBUF_INIT, .out = out};
	out->path = xstrdup(path);
	out->encoding = "XLSX";
	int rc = read_book(zf, &x);
	xml_free(&x);
	unzClose(zf);
	if (!rc && !out->nrows)
		rc = err_set(RD_INVALID,
		             _("%s: the first sheet is empty (a header row is required)"), path);
	if (rc) {
		csvf_free(out);
		return rc;
	}
	/* The first row is the header, trimmed, with no holes. */
	struct csv_row h = out->rows[0];
	out->ncols = h.n;
	out->header = xmalloc(sizeof *out->header * (size_t)h.n);
	for (int i = 0; i < h.n; i++) {
		out->header[i] = trim_dup(h.f[i] ? h.f[i] : "");
		free(h.f[i]);
	}
	free(h.f);
	memmove(out->rows, out->rows + 1, sizeof *out->rows * (out->nrows - 1));
	out->nrows--;
	return RD_OK;
}

int tablef_read(const char *path, struct csv_file *out)
{
	/* A pipe (/dev/stdin) is read once: it can only be CSV (a workbook is a zip file,
	   read by seeking). */
	struct stat sb;
	if (!stat(path, &sb) && !S_ISREG(sb.st_mode))
		return csvf_read(path, out);
	unsigned char magic[8] = {0};
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		memset(out, 0, sizeof *out);
		return err_set(RD_INVALID, _("cannot read %s: %s"), path, strerror(errno));
	}
	size_t n = fread(magic, 1, sizeof magic, fp);
	fclose(fp);
	if (n >= 4 && !memcmp(magic, "PK\x03\x04", 4))
		return xlsxf_read(path, out);
	if (n == 8 && !memcmp(magic, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)) {
		memset(out, 0, sizeof *out);
		return err_set(
		    RD_INVALID,
		    _("%s: an Excel 97-2003 workbook (.xls); save it as .xlsx or as CSV"), path);
	}
	return csvf_read(path, out);
}
