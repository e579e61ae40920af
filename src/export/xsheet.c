#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "export/qr.h"
#include "export/xsheet.h"
#include "util/outfile.h"
#include "util/u8.h"
#include "util/xalloc.h"

/* Column widths: at least this many display columns, plus a margin. */
#define WIDTH_MIN 6
#define WIDTH_PAD 2

void xsheet_init(struct xsheet *s, lxw_worksheet *ws, int ncols, int cap)
{
	s->ws = ws;
	s->ncols = ncols;
	s->width = xcalloc((size_t)ncols, sizeof *s->width);
	s->cap = xcalloc((size_t)ncols, sizeof *s->cap);
	for (int i = 0; i < ncols; i++)
		s->cap[i] = cap;
	s->err = LXW_NO_ERROR;
}

void xsheet_measure(struct xsheet *s, int col, const char *text)
{
	if (col < 0 || col >= s->ncols || s->width[col] >= s->cap[col])
		return;
	int w = u8_width(text);
	if (w > s->width[col])
		s->width[col] = w;
}

void xsheet_text(struct xsheet *s, lxw_row_t row, int col, const char *text, lxw_format *f)
{
	if (!text || !*text) {
		if (f)
			worksheet_write_blank(s->ws, row, (lxw_col_t)col, f);
		return;
	}
	xsheet_measure(s, col, text);
	lxw_error e = worksheet_write_string(s->ws, row, (lxw_col_t)col, text, f);
	if (e && !s->err)
		s->err = e;
}

void xsheet_number(struct xsheet *s, lxw_row_t row, int col, double v, lxw_format *f, int width)
{
	if (col >= 0 && col < s->ncols && width > s->width[col])
		s->width[col] = width;
	lxw_error e = worksheet_write_number(s->ws, row, (lxw_col_t)col, v, f);
	if (e && !s->err)
		s->err = e;
}

void xsheet_widths(struct xsheet *s)
{
	for (int i = 0; i < s->ncols; i++) {
		int w = s->width[i] < WIDTH_MIN ? WIDTH_MIN : s->width[i];
		if (w > s->cap[i])
			w = s->cap[i];
		worksheet_set_column(s->ws, (lxw_col_t)i, (lxw_col_t)i, w + WIDTH_PAD, NULL);
	}
	free(s->width);
	free(s->cap);
	s->width = s->cap = NULL;
}

char *xsheet_name(const char *label)
{
	char *out = xmalloc(strlen(label) + 2);
	size_t n = 0;
	int chars = 0;
	for (const char *p = label; *p && chars < LXW_SHEETNAME_MAX; chars++) {
		const char *start = p;
		u8_decode(&p);
		if (p - start == 1 && strchr("[]:*?/\\", *start))
			out[n++] = '_';
		else {
			memcpy(out + n, start, (size_t)(p - start));
			n += (size_t)(p - start);
		}
	}
	out[n] = '\0';
	if (out[0] == '\'')
		out[0] = '_';
	if (n && out[n - 1] == '\'')
		out[n - 1] = '_';
	return out;
}

int xsheet_write_file(const char *path, bool force, int (*write)(void *ctx, const char *tmp),
                      void *ctx)
{
	/* A private directory beside path: libxlsxwriter opens its file by name. */
	struct outfile of;
	int rc = outfile_begin_named(&of, path, force, OUTFILE_PERSONAL);
	if (rc)
		return rc;
	rc = write(ctx, of.tmp);
	if (rc)
		outfile_abort(&of);
	else
		rc = outfile_commit(&of);
	return rc;
}
