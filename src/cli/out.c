#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/out.h"
#include "model/core/pager.h"
#include "util/err.h"
#include "model/core/vocab.h"
#include "util/ctrl.h"
#include "util/xalloc.h"

bool out_parse_format(const char *s, enum out_format *fmt)
{
	if (!strcmp(s, "tsv"))
		*fmt = OUT_TSV;
	else if (!strcmp(s, "csv"))
		*fmt = OUT_CSV;
	else if (!strcmp(s, "json"))
		*fmt = OUT_JSON;
	else
		return false;
	return true;
}

/* Writes the control character cp as \xHH (C0, DEL) or \u00HH (C1). */
static void ctrl_escaped(FILE *f, long cp)
{
	if (cp < 0x80)
		fprintf(f, "\\x%02lx", cp);
	else
		fprintf(f, "\\u%04lx", cp);
}

/* Writes the bytes of s up to the first that may need escaping (where ctrl_span() stops,
   or the byte also); returns where it stopped. */
static const char *put_plain(FILE *f, const char *s, char also)
{
	size_t n = ctrl_span(s);
	const char *a = memchr(s, also, n);
	if (a)
		n = (size_t)(a - s);
	fwrite(s, 1, n, f);
	return s + n;
}

static void tsv_value(FILE *f, const char *s)
{
	for (; s && *(s = put_plain(f, s, '\\')); s++) {
		long cp;
		size_t n;
		switch (*s) {
		case '\t': fputs("\\t", f); break;
		case '\n': fputs("\\n", f); break;
		case '\r': fputs("\\r", f); break;
		case '\\': fputs("\\\\", f); break;
		default:
			/* ESC, BEL, C1...: shown, never sent to the terminal or the next program.
			 */
			if ((n = ctrl_at(s, &cp))) {
				ctrl_escaped(f, cp);
				s += n - 1;
			} else
				fputc(*s, f);
		}
	}
}

static void csv_value(FILE *f, const char *s)
{
	if (!s)
		return;
	/* A cell a spreadsheet would run as a formula is written as text. */
	bool guard = ctrl_formula(s);
	if (!guard && !strpbrk(s, ",\"\r\n") && ctrl_find(s, false) < 0) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	if (guard)
		fputc('\'', f);
	for (; *(s = put_plain(f, s, '"')); s++) {
		long cp;
		size_t n = ctrl_at(s, &cp);
		if (n && cp != '\t' && cp != '\n' && cp != '\r') {
			ctrl_escaped(f, cp);
			s += n - 1;
			continue;
		}
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

static void json_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", f);
		else if (c == '\t')
			fputs("\\t", f);
		else if (c < 0x20 || c == 0x7F)
			fprintf(f, "\\u%04x", c);
		else if (c == 0xC2 && (unsigned char)s[1] >= 0x80 && (unsigned char)s[1] <= 0x9F)
			fprintf(f, "\\u%04x", (unsigned char)*++s); /* C1 */
		else
			fputc(c, f);
	}
	fputc('"', f);
}

static void header(struct out *o)
{
	if (o->fmt == OUT_JSON) {
		fputc('[', o->f);
		return;
	}
	for (int i = 0; i < o->ncols; i++) {
		if (i)
			fputc(o->fmt == OUT_TSV ? '\t' : ',', o->f);
		(o->fmt == OUT_TSV ? tsv_value : csv_value)(o->f, o->cols[i]);
	}
	fputc('\n', o->f);
}

void out_begin(struct out *o, FILE *f, enum out_format fmt, const char *const *cols, int ncols)
{
	o->f = f;
	o->fmt = fmt;
	o->cols = cols;
	o->ncols = ncols;
	o->rows = 0;
	header(o);
}

void out_row(struct out *o, const char *const *vals)
{
	if (o->fmt == OUT_JSON) {
		fputs(o->rows ? ",\n{" : "\n{", o->f);
		for (int i = 0; i < o->ncols; i++) {
			if (i)
				fputc(',', o->f);
			json_string(o->f, o->cols[i]);
			fputc(':', o->f);
			if (vals[i])
				json_string(o->f, vals[i]);
			else
				fputs("null", o->f);
		}
		fputc('}', o->f);
	} else {
		for (int i = 0; i < o->ncols; i++) {
			if (i)
				fputc(o->fmt == OUT_TSV ? '\t' : ',', o->f);
			/* Codes as words in a translated locale (JSON keeps the codes). */
			char *w = vals[i] && vocab_has(o->cols[i])
			              ? vocab_out_words(o->cols[i], vals[i])
			              : NULL;
			(o->fmt == OUT_TSV ? tsv_value : csv_value)(o->f, w ? w : vals[i]);
			free(w);
		}
		fputc('\n', o->f);
	}
	o->rows++;
}

long out_stmt(struct out *o, sqlite3_stmt *st)
{
	const char **vals = xcalloc((size_t)o->ncols, sizeof *vals);
	int src;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		for (int i = 0; i < o->ncols; i++)
			vals[i] = (const char *)sqlite3_column_text(st, i);
		out_row(o, vals);
	}
	free(vals);
	return src == SQLITE_DONE ? o->rows : -1;
}

int out_pager(struct out *o, struct pager *p, long limit)
{
	const struct pager_def *def = pager_def(p);
	int *col = xcalloc((size_t)o->ncols, sizeof *col);
	for (int i = 0; i < o->ncols; i++)
		if ((col[i] = pager_col_index(def, o->cols[i])) < 0 && strcmp(o->cols[i], "id"))
			fatal("out_pager: the list %s has no column %s", def->name, o->cols[i]);
	const char **vals = xcalloc((size_t)o->ncols, sizeof *vals);
	struct pager_key *key = NULL;
	int rc = RD_OK;
	for (bool first = true;; first = false) {
		struct pager_row *rows;
		int n, want = limit > 0 && limit - o->rows < 500 ? (int)(limit - o->rows) : 500;
		if (want <= 0)
			break;
		if ((rc = pager_fetch(p, first ? PAGER_FIRST : PAGER_AFTER, key, want, &rows, &n)))
			break;
		for (int r = 0; r < n; r++) {
			char id[24];
			snprintf(id, sizeof id, "%lld", (long long)rows[r].id);
			for (int i = 0; i < o->ncols; i++)
				vals[i] = col[i] < 0 ? id : rows[r].cells[col[i]];
			out_row(o, vals);
		}
		pager_key_free(key);
		key = n ? pager_key_dup(rows[n - 1].key) : NULL;
		pager_rows_free(rows, n, def->ncols);
		if (n < want)
			break;
	}
	pager_key_free(key);
	free(vals);
	free(col);
	return rc;
}

void out_end(struct out *o)
{
	if (o->fmt == OUT_JSON)
		fputs(o->rows ? "\n]\n" : "]\n", o->f);
	fflush(o->f);
}

void out_fields(FILE *f, const char *const *keys, char *const *vals, int n)
{
	static const char *const cols[] = {"field", "value"};
	struct out o;
	out_begin(&o, f, OUT_TSV, cols, 2);
	for (int i = 0; i < n; i++) {
		char *w = vals[i] && vocab_has(keys[i]) ? vocab_out_words(keys[i], vals[i]) : NULL;
		out_row(&o, (const char *[]){keys[i], w ? w : vals[i]});
		free(w);
	}
	out_end(&o);
}
