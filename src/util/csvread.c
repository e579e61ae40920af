#include "config.h"

#include <csv.h>
#include <errno.h>
#include <iconv.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/csvread.h"
#include "util/ctrl.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/libs.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

struct parse {
	struct csv_file *f;
	struct csv_row cur;
	int start_line;
	bool ended;
};

static void on_field(void *s, size_t len, void *data)
{
	struct parse *p = data;
	/* Grow by doubling: rows and fields are appended one at a time. */
	if ((p->cur.n & (p->cur.n - 1)) == 0)
		p->cur.f =
		    xrealloc(p->cur.f, sizeof(char *) * (size_t)(p->cur.n ? 2 * p->cur.n : 1));
	p->cur.f[p->cur.n++] = xstrndup(s ? s : "", s ? len : 0);
}

static void on_row(int c, void *data)
{
	(void)c;
	struct parse *p = data;
	struct csv_file *f = p->f;
	p->cur.line = p->start_line;
	if ((f->nrows & (f->nrows - 1)) == 0)
		f->rows = xrealloc(f->rows, sizeof *f->rows * (f->nrows ? 2 * f->nrows : 1));
	f->rows[f->nrows++] = p->cur;
	memset(&p->cur, 0, sizeof p->cur);
	p->ended = true;
}

/* Returns the 1-based line of the first invalid UTF-8 sequence, or 0 when valid. */
static int invalid_utf8_line(const unsigned char *s, size_t n)
{
	int line = 1;
	for (size_t i = 0; i < n;) {
		unsigned char c = s[i];
		size_t k;
		if (c == '\n')
			line++;
		if (c < 0x80) {
			i++;
			continue;
		}
		if ((c & 0xe0) == 0xc0 && c >= 0xc2)
			k = 1;
		else if ((c & 0xf0) == 0xe0)
			k = 2;
		else if ((c & 0xf8) == 0xf0 && c <= 0xf4)
			k = 3;
		else
			return line;
		for (size_t j = 1; j <= k; j++)
			if (i + j >= n || (s[i + j] & 0xc0) != 0x80)
				return line;
		i += k + 1;
	}
	return 0;
}

/* Converts GB18030 to UTF-8; NULL with err_msg() naming the line on a bad sequence. */
static char *from_gb18030(const char *path, const char *in, size_t n, size_t *outlen)
{
	iconv_t cd = iconv_open("UTF-8", "GB18030");
	if (cd == (iconv_t)-1) {
		err_set(RD_FAIL, _("%s: cannot convert from GB18030: %s"), path, strerror(errno));
		return NULL;
	}
	size_t cap = n * 2 + 16;
	char *out = xmalloc(cap);
	char *ip = (char *)in, *op = out;
	size_t il = n, ol = cap;
	while (il > 0) {
		if (iconv(cd, &ip, &il, &op, &ol) != (size_t)-1)
			continue;
		if (errno == E2BIG) {
			size_t used = (size_t)(op - out);
			cap *= 2;
			out = xrealloc(out, cap);
			op = out + used;
			ol = cap - used;
			continue;
		}
		int line = 1;
		for (const char *q = in; q < ip; q++)
			line += *q == '\n';
		err_set(RD_INVALID, _("%s:%d: the file is neither UTF-8 nor GB18030"), path, line);
		free(out);
		iconv_close(cd);
		return NULL;
	}
	iconv_close(cd);
	*outlen = (size_t)(op - out);
	return out;
}

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
	return s;
}

int csvf_read(const char *path, struct csv_file *out)
{
	memset(out, 0, sizeof *out);
	if (dynlib_ready(&libs_csv))
		return RD_FAIL;
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return err_set(RD_INVALID, _("cannot read %s: %s"), path, strerror(errno));
	struct sbuf b = SBUF_INIT;
	char buf[65536];
	size_t k;
	while ((k = fread(buf, 1, sizeof buf, fp)) > 0)
		sbuf_add(&b, buf, k);
	bool rerr = ferror(fp);
	fclose(fp);
	if (rerr) {
		sbuf_free(&b);
		return err_set(RD_FAIL, _("cannot read %s: %s"), path, strerror(errno));
	}
	size_t len = b.len;
	char *text = sbuf_take(&b);
	char *data = text;
	out->path = xstrdup(path);
	out->encoding = "UTF-8";
	if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3)) {
		data += 3;
		len -= 3;
	}
	int bad = invalid_utf8_line((const unsigned char *)data, len);
	if (bad) {
		size_t n2;
		char *conv = from_gb18030(path, data, len, &n2);
		free(text);
		if (!conv) {
			csvf_free(out);
			return RD_INVALID;
		}
		text = data = conv;
		len = n2;
		out->encoding = "GB18030";
	}

	struct csv_parser cp;
	csv_init(&cp, CSV_APPEND_NULL | CSV_EMPTY_IS_NULL);
	struct parse p = {.f = out};
	int line = 1;
	bool pending = false;
	int rc = RD_OK;
	for (size_t i = 0; i < len && !rc;) {
		size_t j = i;
		while (j < len && data[j] != '\n')
			j++;
		if (j < len)
			j++;
		if (!pending)
			p.start_line = line;
		p.ended = false;
		if (csv_parse(&cp, data + i, j - i, on_field, on_row, &p) != j - i)
			rc = err_set(RD_INVALID, "%s:%d: %s", path, line,
			             csv_strerror(csv_error(&cp)));
		bool blank = true;
		for (size_t q = i; q < j; q++)
			if (data[q] != '\r' && data[q] != '\n')
				blank = false;
		pending = !p.ended && (pending || !blank);
		line++;
		i = j;
	}
	if (!rc && csv_fini(&cp, on_field, on_row, &p) != 0)
		rc = err_set(RD_INVALID, _("%s:%d: unterminated quoted field"), path, p.start_line);
	csv_free(&cp);
	free(text);
	for (int i = 0; i < p.cur.n; i++)
		free(p.cur.f[i]);
	free(p.cur.f);
	if (rc) {
		csvf_free(out);
		return rc;
	}
	if (out->nrows == 0) {
		csvf_free(out);
		return err_set(RD_INVALID, _("%s: the file is empty (a header line is required)"),
		               path);
	}
	/* The first row is the header. */
	struct csv_row h = out->rows[0];
	out->ncols = h.n;
	out->header = h.f;
	for (int i = 0; i < h.n; i++) {
		char *t = trim(h.f[i]);
		memmove(h.f[i], t, strlen(t) + 1);
	}
	memmove(out->rows, out->rows + 1, sizeof *out->rows * (out->nrows - 1));
	out->nrows--;
	/* No text with terminal escapes gets in (tab and line breaks inside a cell are text). */
	for (int i = 0; i < out->ncols; i++)
		if (ctrl_find(out->header[i], true) >= 0) {
			rc = err_set(RD_INVALID,
			             _("%s:1: a column name holds control character U+%04lX"), path,
			             (unsigned long)ctrl_find(out->header[i], true));
			csvf_free(out);
			return rc;
		}
	for (size_t r = 0; r < out->nrows; r++)
		for (int i = 0; i < out->rows[r].n; i++) {
			long ctl = ctrl_find(out->rows[r].f[i], false);
			if (ctl < 0)
				continue;
			rc = err_set(
			    RD_INVALID,
			    _("%s:%d: %s: control character U+%04lX is not allowed (it could "
			      "drive the terminal that shows it)"),
			    path, out->rows[r].line, i < out->ncols ? out->header[i] : "?",
			    (unsigned long)ctl);
			csvf_free(out);
			return rc;
		}
	return RD_OK;
}

int csvf_col(const struct csv_file *f, const char *name)
{
	for (int i = 0; i < f->ncols; i++)
		if (!strcasecmp(f->header[i], name))
			return i;
	return -1;
}

const char *csvf_get(const struct csv_row *r, int i)
{
	/* Without the apostrophe that CSV writers put before a cell that looks like a formula. */
	return i >= 0 && i < r->n && r->f[i] ? ctrl_unguard(r->f[i]) : "";
}

void csvf_free(struct csv_file *f)
{
	for (size_t r = 0; r < f->nrows; r++) {
		for (int i = 0; i < f->rows[r].n; i++)
			free(f->rows[r].f[i]);
		free(f->rows[r].f);
	}
	free(f->rows);
	for (int i = 0; i < f->ncols; i++)
		free(f->header[i]);
	free(f->header);
	free(f->path);
	memset(f, 0, sizeof *f);
}
