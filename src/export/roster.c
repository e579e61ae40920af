#include "config.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <xlsxwriter.h>

#include "export/qr.h"
#include "export/roster.h"
#include "export/xlsxlib.h"
#include "export/xsheet.h"
#include "util/ctrl.h"
#include "util/datetime.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/outfile.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

/* The widest column of the workbook, in display columns. */
#define WIDTH_MAX 40
/* Page margins in inches. */
#define MARGIN 0.5
#define MARGIN_HEADER 0.3

/* The deputies to write: each one's fields as text (deputy_fields[] order). */
struct roster {
	char *(*vals)[DF_COUNT];
	long n;
	const char *path;
};

static void roster_free(struct roster *r)
{
	for (long i = 0; i < r->n; i++)
		deputy_vals_free(r->vals[i]);
	free(r->vals);
}

/* Reads the deputies in scope that match f, in the order of deputy_list(). */
static int read_roster(sqlite3 *db, const struct scope *sc, const struct deputy_filter *f,
                       struct roster *r)
{
	err_clear();
	sqlite3_stmt *list = deputy_list(db, sc, f);
	if (!list)
		return err_msg()[0] ? RD_DENIED : RD_FAIL;
	int rc = RD_OK;
	while (!rc && sqlite3_step(list) == SQLITE_ROW) {
		if ((r->n & (r->n - 1)) == 0)
			r->vals =
			    xrealloc(r->vals, sizeof *r->vals * (size_t)(r->n ? 2 * r->n : 1));
		memset(r->vals[r->n], 0, sizeof r->vals[r->n]);
		int64_t version;
		rc = deputy_get(db, sc, sqlite3_column_int64(list, 0), r->vals[r->n], &version);
		if (!rc)
			r->n++;
	}
	sqlite3_finalize(list);
	return rc;
}

/* A field's value as the file shows it: choices by their labels, "" for none. */
static const char *shown(const char *const *vals, int i)
{
	const char *v = vals[i] ? vals[i] : "";
	return ref_choice_label(&deputy_fields[i], v);
}

enum roster_format roster_format_of(const char *path)
{
	size_t n = strlen(path);
	return n >= 5 && !strcasecmp(path + n - 5, ".xlsx") ? ROSTER_XLSX : ROSTER_CSV;
}

/* ---- CSV ------------------------------------------------------------------- */

/* True when a spreadsheet would read s as a number (and lose a digit or a leading 0). */
static bool numeric(const char *s)
{
	char *end;
	errno = 0;
	if (!*s || *s == ' ')
		return false;
	strtod(s, &end);
	return !*end;
}

static void csv_field(struct sbuf *b, const char *s, bool first, bool text)
{
	if (!first)
		sbuf_putc(b, ',');
	/* A tab before a number that is text: Excel, WPS and LibreOffice then keep it as
	   text, and renda's import trims it. */
	const char *lead = text && numeric(s) ? "\t" : "";
	bool guard = ctrl_formula(s); /* a formula for a spreadsheet: written as text */
	if (!guard && !strpbrk(s, ",\"\r\n")) {
		sbuf_puts(b, lead);
		sbuf_puts(b, s);
		return;
	}
	sbuf_putc(b, '"');
	sbuf_puts(b, lead);
	if (guard)
		sbuf_putc(b, '\'');
	for (; *s; s++) {
		if (*s == '"')
			sbuf_putc(b, '"');
		sbuf_putc(b, *s);
	}
	sbuf_putc(b, '"');
}

/* Fields whose values are text even when they are all digits. */
static bool text_field(int i)
{
	enum ref_ftype t = deputy_fields[i].type;
	return t == RF_TEXT || t == RF_PHONE || t == RF_RESIDENTID || t == RF_PERSON;
}

/* Converts UTF-8 text to GB18030; NULL when a character has no GB18030 form. */
static char *to_gb18030(const char *s, size_t *outlen)
{
	iconv_t cd = iconv_open("GB18030", "UTF-8");
	if (cd == (iconv_t)-1)
		return NULL;
	size_t n = strlen(s), cap = n * 2 + 16, ol = cap;
	char *out = xmalloc(cap), *op = out, *ip = (char *)s;
	size_t il = n;
	size_t r = iconv(cd, &ip, &il, &op, &ol);
	iconv_close(cd);
	if (r == (size_t)-1) {
		free(out);
		return NULL;
	}
	*outlen = (size_t)(op - out);
	return out;
}

static int write_csv(const struct roster *r, const struct roster_opts *o)
{
	struct sbuf b = SBUF_INIT;
	if (!o->gb18030)
		sbuf_puts(&b, "\xEF\xBB\xBF");
	for (int i = 0; i < DF_COUNT; i++)
		csv_field(&b, _(deputy_fields[i].label), i == 0, false);
	sbuf_puts(&b, "\r\n");
	for (long k = 0; k < r->n; k++) {
		for (int i = 0; i < DF_COUNT; i++)
			csv_field(&b, shown((const char *const *)r->vals[k], i), i == 0,
			          text_field(i));
		sbuf_puts(&b, "\r\n");
	}
	const char *data = sbuf_str(&b);
	size_t len = b.len;
	char *conv = NULL;
	int rc = RD_OK;
	if (o->gb18030) {
		conv = to_gb18030(data, &len);
		if (!conv)
			rc = err_set(RD_INVALID,
			             _("%s: some text has no GB18030 form; export as UTF-8"),
			             r->path);
		data = conv;
	}
	/* Phones and resident IDs: personal data (0600, or 0640 for the [files] group). */
	if (!rc)
		rc = outfile_save(r->path, data, len, o->force, OUTFILE_PERSONAL);
	free(conv);
	sbuf_free(&b);
	return rc;
}

/* ---- XLSX ------------------------------------------------------------------ */

static lxw_format *cell_format(lxw_workbook *wb, const char *num_format)
{
	lxw_format *f = workbook_add_format(wb);
	format_set_border(f, LXW_BORDER_THIN);
	format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
	if (num_format)
		format_set_num_format(f, num_format);
	return f;
}

/* Makes the workbook at tmp (xsheet_write_file's job). */
static int write_book(void *ctx, const char *tmp)
{
	const struct roster *r = ctx;
	if (xlsxlib_ready())
		return RD_FAIL;
	lxw_workbook *wb = workbook_new(tmp);
	if (!wb)
		return err_set(RD_FAIL, _("cannot write %s"), r->path);
	const char *title = _("Deputy roster");
	lxw_doc_properties props = {.title = (char *)title};
	workbook_set_properties(wb, &props);
	lxw_worksheet *ws = workbook_add_worksheet(wb, title);
	lxw_format *head = cell_format(wb, NULL);
	format_set_bold(head);
	format_set_bg_color(head, 0xDDEBF7);
	format_set_align(head, LXW_ALIGN_CENTER);
	format_set_text_wrap(head);
	lxw_format *text = cell_format(wb, "@");
	/* TRANSLATORS: an Excel number format for dates, as the roster shows them. */
	lxw_format *date = cell_format(wb, _("yyyy-mm-dd"));
	/* How wide the date format shows 2026-12-31 (in display columns). */
	const char *date_sample = _("2026-12-31");

	struct xsheet s;
	xsheet_init(&s, ws, DF_COUNT, WIDTH_MAX);
	for (int i = 0; i < DF_COUNT; i++)
		xsheet_text(&s, 0, i, _(deputy_fields[i].label), head);
	for (long k = 0; k < r->n; k++) {
		lxw_row_t row = (lxw_row_t)(k + 1);
		for (int i = 0; i < DF_COUNT; i++) {
			const char *v = shown((const char *const *)r->vals[k], i);
			int d, y, m, dd;
			if (deputy_fields[i].type == RF_DATE && date_parse(v, &d)) {
				date_to_ymd(d, &y, &m, &dd);
				lxw_datetime dt = {y, m, dd, 0, 0, 0};
				lxw_error e =
				    worksheet_write_datetime(ws, row, (lxw_col_t)i, &dt, date);
				if (e && !s.err)
					s.err = e;
				xsheet_measure(&s, i, date_sample);
			} else
				xsheet_text(&s, row, i, v, text);
		}
	}
	xsheet_widths(&s);

	/* The header stays on screen and on every printed page, with the code and the name. */
	worksheet_freeze_panes(ws, 1, DF_NAME + 1);
	worksheet_autofilter(ws, 0, 0, (lxw_row_t)r->n, DF_COUNT - 1);
	worksheet_set_paper(ws, 9); /* A4 */
	worksheet_set_landscape(ws);
	worksheet_set_margins(ws, MARGIN, MARGIN, MARGIN + MARGIN_HEADER, MARGIN + MARGIN_HEADER);
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_repeat_rows(ws, 0, 0);
	worksheet_print_area(ws, 0, 0, (lxw_row_t)r->n, DF_COUNT - 1);
	lxw_header_footer_options hf = {.margin = MARGIN_HEADER};
	char *header = xasprintf("&C&\"-,Bold\"%s", title);
	/* TRANSLATORS: the page footer of a printed workbook: &P is the page, &N the pages. */
	char *footer = xasprintf("&C%s", _("Page &P of &N"));
	worksheet_set_header_opt(ws, header, &hf);
	worksheet_set_footer_opt(ws, footer, &hf);
	free(header);
	free(footer);

	lxw_error e = workbook_close(wb);
	if (s.err)
		return err_set(RD_FAIL, _("cannot write %s: %s"), r->path, lxw_strerror(s.err));
	if (e)
		return err_set(RD_FAIL, _("cannot write %s: %s"), r->path, lxw_strerror(e));
	return RD_OK;
}

int roster_export(sqlite3 *db, const struct scope *sc, const struct deputy_filter *f,
                  const char *path, const struct roster_opts *o, long *n)
{
	*n = 0;
	/* Refuse before reading the roster when the file is there. */
	int rc = outfile_check(path, o->force);
	if (rc)
		return rc;
	struct roster r = {.path = path};
	rc = read_roster(db, sc, f, &r);
	if (!rc && o->format == ROSTER_XLSX)
		rc = xsheet_write_file(path, o->force, write_book, &r);
	else if (!rc)
		rc = write_csv(&r, o);
	if (!rc)
		*n = r.n;
	roster_free(&r);
	return rc;
}
