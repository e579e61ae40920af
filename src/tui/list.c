#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/core/work.h"
#include "tui/draw.h"
#include "tui/list.h"
#include "tui/shell.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/u8.h"
#include "util/xalloc.h"

/* Most columns a list shows. */
#define LW_MAXCOLS 24
/* A filtered list is counted up to this many rows ("1,000+"). */
#define LW_COUNT_CAP 1000

struct lw {
	struct pager *p;
	const struct pager_def *def;
	struct pager_row *rows; /* the page on the screen */
	int n, cur, page;       /* rows read, cursor row, rows that fit */
	struct pager_key *top;  /* the first row's key; NULL: the list's start */
	bool need;              /* read the page again before drawing */
	unsigned gen;           /* data generation of the page */
	int64_t total;
	bool total_known;
	int64_t *marks; /* sorted ids */
	int nmarks, capmarks;
	char *search;
	char *saved_filter; /* the filter before the prompt opened: Esc brings it back */
	const char *(*cell_text)(void *ctx, int col, const char *shown);
	void *cell_ctx;
	attr_t (*row_attr)(void *ctx, const struct pager_row *row);
	void *row_ctx;
	int64_t select_id; /* a row to put under the cursor at the next draw (0: none) */
	char info[512];
};

/*
 * Lists drawn whose rows are not counted yet: the count of a million rows takes a
 * while, so a list draws its page first and is counted after the screen is on the
 * terminal (lw_count_pending()).
 */
#define LW_PENDING 8
static struct lw *pending[LW_PENDING];

static void forget_pending(struct lw *l)
{
	for (int i = 0; i < LW_PENDING; i++)
		if (pending[i] == l)
			pending[i] = NULL;
}

static void add_pending(struct lw *l)
{
	int free_slot = -1;
	for (int i = 0; i < LW_PENDING; i++) {
		if (pending[i] == l)
			return;
		if (!pending[i] && free_slot < 0)
			free_slot = i;
	}
	if (free_slot >= 0)
		pending[free_slot] = l;
}

/* A record saved as new, for the next list of its name drawn (lw_select_new()). */
static struct {
	char *name;
	int64_t id;
} created;

struct lw *lw_new(struct pager *p)
{
	struct lw *l = xcalloc(1, sizeof *l);
	l->p = p;
	l->def = pager_def(p);
	l->need = true;
	l->gen = tui.gen;
	l->page = 1;
	return l;
}

static void set_rows(struct lw *l, struct pager_row *rows, int n)
{
	pager_rows_free(l->rows, l->n, l->def->ncols);
	l->rows = rows;
	l->n = n;
	pager_key_free(l->top);
	l->top = n ? pager_key_dup(rows[0].key) : NULL;
	if (l->cur >= n)
		l->cur = n ? n - 1 : 0;
}

void lw_free(struct lw *l)
{
	if (!l)
		return;
	forget_pending(l);
	pager_rows_free(l->rows, l->n, l->def->ncols);
	pager_key_free(l->top);
	pager_free(l->p);
	free(l->marks);
	free(l->search);
	free(l->saved_filter);
	free(l);
}

void lw_set_cell_text(struct lw *l, const char *(*fn)(void *ctx, int col, const char *shown),
                      void *ctx)
{
	l->cell_text = fn;
	l->cell_ctx = ctx;
}

void lw_set_row_attr(struct lw *l, attr_t (*fn)(void *ctx, const struct pager_row *row), void *ctx)
{
	l->row_attr = fn;
	l->row_ctx = ctx;
}

struct pager *lw_pager(struct lw *l)
{
	return l->p;
}

const struct pager_row *lw_current(const struct lw *l)
{
	return l->n ? &l->rows[l->cur] : NULL;
}

/* Reads a page: from == PAGER_AT reads from the top row on; fills a short last page. */
static int read_page(struct lw *l, enum pager_from from, const struct pager_key *key)
{
	int64_t keep = l->n ? l->rows[l->cur].id : 0;
	struct pager_row *r;
	int n;
	if (!key && from != PAGER_LAST)
		from = PAGER_FIRST;
	int rc = pager_fetch(l->p, from, key, l->page, &r, &n);
	if (rc)
		return rc;
	if (n < l->page && (from == PAGER_FIRST || from == PAGER_LAST)) {
		/* The whole list fits: its count is known without counting. */
		l->total = n;
		l->total_known = true;
	}
	if (n < l->page && from != PAGER_FIRST && from != PAGER_LAST) {
		/* Near the end: show the last full page instead of a short one. */
		struct pager_row *r2;
		int n2;
		rc = pager_fetch(l->p, PAGER_LAST, NULL, l->page, &r2, &n2);
		if (rc) {
			pager_rows_free(r, n, l->def->ncols);
			return rc;
		}
		pager_rows_free(r, n, l->def->ncols);
		r = r2;
		n = n2;
	}
	set_rows(l, r, n);
	for (int i = 0; i < n; i++)
		if (r[i].id == keep)
			l->cur = i;
	return RD_OK;
}

/* The page again at the same place (the data or the page size changed). */
static int refresh_page(struct lw *l)
{
	struct pager_key *k = pager_key_dup(l->top);
	int rc = read_page(l, PAGER_AT, k);
	pager_key_free(k);
	return rc;
}

void lw_reload(struct lw *l)
{
	l->need = true;
	l->total_known = false;
}

void lw_select(struct lw *l, int64_t id)
{
	l->select_id = id;
}

void lw_select_new(const char *list_name, int64_t id)
{
	free(created.name);
	created.name = xstrdup(list_name);
	created.id = id;
}

/* Moves the window one row down (or up) when the cursor is at its edge. */
static int scroll_one(struct lw *l, bool down)
{
	if (!l->n)
		return RD_OK;
	struct pager_row *r;
	int n;
	int rc = pager_fetch(l->p, down ? PAGER_AFTER : PAGER_BEFORE,
	                     down ? l->rows[l->n - 1].key : l->rows[0].key, 1, &r, &n);
	if (rc || !n) {
		free(r);
		return rc;
	}
	int nc = l->def->ncols;
	if (down) {
		if (l->n == l->page) {
			pager_row_free(&l->rows[0], nc);
			memmove(l->rows, l->rows + 1, sizeof *l->rows * (size_t)(l->n - 1));
			l->n--;
		}
		l->rows = xrealloc(l->rows, sizeof *l->rows * (size_t)(l->n + 1));
		l->rows[l->n++] = r[0];
		l->cur = l->n - 1;
	} else {
		if (l->n == l->page)
			pager_row_free(&l->rows[--l->n], nc);
		l->rows = xrealloc(l->rows, sizeof *l->rows * (size_t)(l->n + 1));
		memmove(l->rows + 1, l->rows, sizeof *l->rows * (size_t)l->n);
		l->rows[0] = r[0];
		l->n++;
		l->cur = 0;
	}
	free(r);
	pager_key_free(l->top);
	l->top = pager_key_dup(l->rows[0].key);
	return RD_OK;
}

static int page_down(struct lw *l)
{
	if (!l->n)
		return RD_OK;
	if (l->n < l->page) {
		l->cur = l->n - 1;
		return RD_OK;
	}
	struct pager_row *r;
	int n;
	int rc = pager_fetch(l->p, PAGER_AFTER, l->rows[l->n - 1].key, l->page, &r, &n);
	if (rc)
		return rc;
	if (n == l->page) {
		int cur = l->cur;
		set_rows(l, r, n);
		l->cur = cur;
		return RD_OK;
	}
	pager_rows_free(r, n, l->def->ncols);
	if (n == 0) {
		l->cur = l->n - 1;
		return RD_OK;
	}
	rc = read_page(l, PAGER_LAST, NULL);
	l->cur = l->n ? l->n - 1 : 0;
	return rc;
}

static int page_up(struct lw *l)
{
	if (!l->n)
		return RD_OK;
	struct pager_row *r;
	int n;
	int rc = pager_fetch(l->p, PAGER_BEFORE, l->rows[0].key, l->page, &r, &n);
	if (rc)
		return rc;
	if (n == l->page) {
		int cur = l->cur;
		set_rows(l, r, n);
		l->cur = cur;
		return RD_OK;
	}
	pager_rows_free(r, n, l->def->ncols);
	if (n == 0) {
		l->cur = 0;
		return RD_OK;
	}
	rc = read_page(l, PAGER_FIRST, NULL);
	l->cur = 0;
	return rc;
}

/* Shows row (found by a search or kept across a sort): on this page, or a page from it on. */
static int go_to(struct lw *l, const struct pager_row *row)
{
	for (int i = 0; i < l->n; i++)
		if (l->rows[i].id == row->id) {
			l->cur = i;
			return RD_OK;
		}
	struct pager_row *r;
	int n;
	int rc = pager_fetch(l->p, PAGER_AT, row->key, l->page, &r, &n);
	if (rc)
		return rc;
	set_rows(l, r, n);
	l->cur = 0;
	if (n < l->page) {
		/* At the end: a full last page, the row found under the cursor. */
		rc = read_page(l, PAGER_LAST, NULL);
		for (int i = 0; i < l->n; i++)
			if (l->rows[i].id == row->id)
				l->cur = i;
	}
	return rc;
}

static int search(struct lw *l, bool forward)
{
	if (!l->search || !*l->search) {
		tui_error(_("No search yet: press / and type a text"));
		return RD_OK;
	}
	struct pager_row row;
	const struct pager_key *from = l->n ? l->rows[l->cur].key : NULL;
	int rc = pager_find(l->p, l->search, from, forward, &row);
	if (rc == RD_NOTFOUND && from) {
		rc = pager_find(l->p, l->search, NULL, forward, &row);
		if (!rc)
			tui_info(forward ? _("Search went on from the top")
			                 : _("Search went on from the bottom"));
	}
	if (rc == RD_NOTFOUND) {
		tui_error(_("Not found: %s"), l->search);
		return RD_OK;
	}
	if (rc)
		return rc;
	rc = go_to(l, &row);
	pager_row_free(&row, l->def->ncols);
	return rc;
}

static void search_done(void *ctx, const char *text)
{
	struct lw *l = ctx;
	if (!text || !*text)
		return;
	free(l->search);
	l->search = xstrdup(text);
	if (search(l, true))
		err_report();
}

static void filter_changed(void *ctx, const char *text)
{
	struct lw *l = ctx;
	pager_filter(l->p, text);
	pager_key_free(l->top);
	l->top = NULL;
	l->cur = 0;
	l->need = true;
	l->total_known = false;
}

static void filter_done(void *ctx, const char *text)
{
	struct lw *l = ctx;
	filter_changed(l, text ? text : l->saved_filter);
	free(l->saved_filter);
	l->saved_filter = NULL;
}

void lw_filter_typed(struct lw *l, const char *typed)
{
	free(l->saved_filter);
	l->saved_filter = xstrdup(pager_filter_text(l->p));
	char *init = xasprintf("%s%s", l->saved_filter, typed);
	tui_prompt(_("Filter:"), init, filter_done, filter_changed, l);
	if (*typed)
		filter_changed(l, init);
	free(init);
}

/* Sorted again: the record under the cursor stays under it. */
static int resort(struct lw *l, int col, bool desc)
{
	const struct pager_row *cur = lw_current(l);
	int64_t id = cur ? cur->id : 0;
	if (pager_sort(l->p, col, desc)) {
		tui_error("%s", err_msg());
		return RD_OK;
	}
	struct pager_row row;
	if (id && pager_get(l->p, id, &row) == RD_OK) {
		int rc = read_page(l, PAGER_AT, row.key);
		pager_row_free(&row, l->def->ncols);
		return rc;
	}
	return read_page(l, PAGER_FIRST, NULL);
}

/* Whether column c is one of the list's columns (not a hidden one, nor one that says the same
   on every row: pager_quiet()). */
static bool col_shown(const struct lw *l, int c)
{
	return !(l->def->cols[c].flags & PC_HIDDEN) && !pager_col_quiet(l->p, c);
}

/* The next column the list can be sorted by, after the present one; -2 when none other. */
static int next_sort_col(const struct lw *l)
{
	int nc = l->def->ncols, now = pager_sort_col(l->p);
	for (int i = 1; i <= nc; i++) {
		int c = ((now < 0 ? -1 : now) + i + nc) % nc;
		const struct pager_col *col = &l->def->cols[c];
		if ((col->flags & PC_SORT) && col_shown(l, c) && c != now)
			return c;
	}
	return -2;
}

static bool is_marked(const struct lw *l, int64_t id, int *at)
{
	int lo = 0, hi = l->nmarks;
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		if (l->marks[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (at)
		*at = lo;
	return lo < l->nmarks && l->marks[lo] == id;
}

static void set_mark(struct lw *l, int64_t id, bool on)
{
	int at;
	bool was = is_marked(l, id, &at);
	if (was == on)
		return;
	if (!on) {
		memmove(l->marks + at, l->marks + at + 1,
		        sizeof *l->marks * (size_t)(l->nmarks - at - 1));
		l->nmarks--;
		return;
	}
	if (l->nmarks == l->capmarks) {
		l->capmarks = l->capmarks ? l->capmarks * 2 : 16;
		l->marks = xrealloc(l->marks, sizeof *l->marks * (size_t)l->capmarks);
	}
	memmove(l->marks + at + 1, l->marks + at, sizeof *l->marks * (size_t)(l->nmarks - at));
	l->marks[at] = id;
	l->nmarks++;
}

int lw_marked(const struct lw *l, const int64_t **ids)
{
	*ids = l->marks;
	return l->nmarks;
}

void lw_unmark_all(struct lw *l)
{
	l->nmarks = 0;
}

bool lw_can(const struct lw *l, enum action a)
{
	if (a == ACT_SORT)
		return next_sort_col(l) != -2;
	if (a == ACT_REVERSE)
		return pager_sort_col(l->p) < 0 ||
		       (l->def->cols[pager_sort_col(l->p)].flags & PC_SORT);
	return true;
}

int lw_key(struct lw *l, enum action a)
{
	int rc = RD_OK;
	switch (a) {
	case ACT_DOWN:
		if (l->cur < l->n - 1)
			l->cur++;
		else
			rc = scroll_one(l, true);
		break;
	case ACT_UP:
		if (l->cur > 0)
			l->cur--;
		else
			rc = scroll_one(l, false);
		break;
	case ACT_PGDN: rc = page_down(l); break;
	case ACT_PGUP: rc = page_up(l); break;
	case ACT_HOME:
		rc = read_page(l, PAGER_FIRST, NULL);
		l->cur = 0;
		break;
	case ACT_END:
		rc = read_page(l, PAGER_LAST, NULL);
		l->cur = l->n ? l->n - 1 : 0;
		break;
	case ACT_FILTER: lw_filter_typed(l, ""); break;
	case ACT_SEARCH: tui_prompt(_("Search:"), l->search, search_done, NULL, l); break;
	case ACT_NEXT:
	case ACT_PREV: rc = search(l, a == ACT_NEXT); break;
	case ACT_SORT: {
		int c = next_sort_col(l);
		if (c == -2)
			tui_error(_("This list is sorted one way only"));
		else
			rc = resort(l, c, false);
		break;
	}
	case ACT_REVERSE: rc = resort(l, pager_sort_col(l->p), !pager_sort_desc(l->p)); break;
	case ACT_MARK:
		if (l->n) {
			int64_t id = l->rows[l->cur].id;
			set_mark(l, id, !is_marked(l, id, NULL));
			if (l->cur < l->n - 1)
				l->cur++;
			else
				rc = scroll_one(l, true);
		}
		break;
	case ACT_MARK_PAGE:
		for (int i = 0; i < l->n; i++)
			set_mark(l, l->rows[i].id, true);
		break;
	case ACT_UNMARK: lw_unmark_all(l); break;
	default: return SK_UNHANDLED;
	}
	if (rc)
		err_report();
	return SK_HANDLED | SK_REDRAW;
}

bool lw_click(struct lw *l, int y)
{
	if (y < 1 || y > l->n)
		return false;
	l->cur = y - 1;
	return true;
}

/* Columns the PC_FLEX column (the title) keeps before optional columns are shown. */
#define LW_FLEX_MIN 20
/* Narrowest a column is cut to when even the kept ones do not fit. */
#define LW_CUT_MIN 4

/* The text drawn in a cell. */
static const char *cell_shown(const struct lw *l, int col, const struct pager_row *r)
{
	const char *text = pager_show(l->def, col, r->cells[col]);
	return l->cell_text ? l->cell_text(l->cell_ctx, col, text) : text;
}

/*
 * Places the visible columns in cols display columns from their content on the
 * page and the width (the rule is in list.h); returns how many are shown.
 */
static int lay_out(const struct lw *l, int cols, int *cx, int *cw, int *cc)
{
	const struct pager_def *d = l->def;
	int idx[LW_MAXCOLS], want[LW_MAXCOLS], base[LW_MAXCOLS], rank[LW_MAXCOLS];
	int hdr[LW_MAXCOLS], w[LW_MAXCOLS];
	bool on[LW_MAXCOLS];
	int nv = 0, flex = -1, sort = pager_sort_col(l->p);
	bool any_keep = false;
	for (int c = 0; c < d->ncols; c++)
		if ((d->cols[c].flags & PC_KEEP) && col_shown(l, c))
			any_keep = true;
	for (int c = 0; c < d->ncols && nv < LW_MAXCOLS; c++) {
		const struct pager_col *col = &d->cols[c];
		if (!col_shown(l, c))
			continue;
		/* The widest cell on the page, and whether every cell says the same. */
		int nat = 0, empty = 0;
		for (int r = 0; r < l->n; r++) {
			const char *t = cell_shown(l, c, &l->rows[r]);
			int k = u8_width(t);
			if (k > nat)
				nat = k;
			if (!*t)
				empty++;
		}
		int v = nv++;
		idx[v] = c;
		hdr[v] = u8_width(_(col->label)) + (c == sort ? 2 : 0);
		want[v] = nat > hdr[v] ? nat : hdr[v];
		if (col->flags & PC_WHOLE)
			base[v] = want[v];
		else if (col->flags & PC_FLEX)
			base[v] = want[v] < LW_FLEX_MIN ? want[v] : LW_FLEX_MIN;
		else {
			int cap = col->width > hdr[v] ? col->width : hdr[v];
			base[v] = want[v] < cap ? want[v] : cap;
		}
		if ((col->flags & PC_FLEX) && flex < 0)
			flex = v;
		/* 0 always shown, 1 when the title keeps its room, 2 when the title is whole, 3
		   never. A column with nothing on most rows shown gives way to those with text;
		   one with nothing on any (the deadline marks of a page where none is due) is
		   left out, the first one too where no column is kept. */
		if ((col->flags & (PC_KEEP | PC_FLEX)) ||
		    (!any_keep && v == 0 && !(l->n > 0 && empty == l->n)))
			rank[v] = 0;
		else if (l->n > 0 && empty == l->n)
			rank[v] = 3; /* nothing to show */
		else if ((col->flags & PC_EXTRA) || 2 * empty > l->n)
			rank[v] = 2;
		else
			rank[v] = 1;
		on[v] = false;
	}
	int avail = cols - 2, used = -1;
	for (int v = 0; v < nv; v++)
		if (rank[v] == 0) {
			on[v] = true;
			used += base[v] + 1;
		}
	int flex_more = flex >= 0 ? want[flex] - base[flex] : 0;
	for (int pass = 1; pass <= 2; pass++)
		for (int v = 0; v < nv; v++)
			if (rank[v] == pass && !on[v] &&
			    used + base[v] + 1 + (pass == 2 ? flex_more : 0) <= avail) {
				on[v] = true;
				used += base[v] + 1;
			}
	for (int v = 0; v < nv; v++)
		w[v] = base[v];
	/* Too narrow for the kept columns: cut the title to its heading, then the others that
	   may be cut, then leave columns out from the right. */
	if (used > avail && flex >= 0) {
		int cut = used - avail, room = w[flex] - hdr[flex];
		if (room > 0) {
			int k = cut < room ? cut : room;
			w[flex] -= k;
			used -= k;
		}
	}
	for (int v = 0; v < nv && used > avail; v++) {
		if (!on[v] || v == flex || (d->cols[idx[v]].flags & PC_WHOLE) || w[v] <= LW_CUT_MIN)
			continue;
		int k = used - avail < w[v] - LW_CUT_MIN ? used - avail : w[v] - LW_CUT_MIN;
		w[v] -= k;
		used -= k;
	}
	for (int v = nv - 1; v >= 0 && used > avail; v--)
		if (on[v] && v != flex) {
			on[v] = false;
			used -= w[v] + 1;
		}
	/* Room left: the title grows to its widest first, then the columns held to their
	   width grow to theirs, and whatever is still left goes to the title. */
	int spare = avail - used;
	if (flex >= 0 && on[flex] && spare > 0) {
		int k = want[flex] - w[flex];
		if (k > spare)
			k = spare;
		if (k > 0) {
			w[flex] += k;
			spare -= k;
		}
	}
	for (int v = 0; v < nv && spare > 0; v++) {
		if (!on[v] || v == flex || want[v] <= w[v])
			continue;
		int k = want[v] - w[v] < spare ? want[v] - w[v] : spare;
		w[v] += k;
		spare -= k;
	}
	if (flex >= 0 && on[flex] && spare > 0)
		w[flex] += spare;
	int x = 2, k = 0;
	for (int v = 0; v < nv; v++) {
		if (!on[v])
			continue;
		int width = w[v];
		if (x + width > cols)
			width = cols - x;
		if (width < 1)
			break;
		cx[k] = x;
		cw[k] = width;
		cc[k] = idx[v];
		k++;
		x += width + 1;
	}
	return k;
}

/* Puts the row asked for by lw_select() under the cursor, taking away a filter that hides it. */
static int select_asked(struct lw *l)
{
	int64_t id = l->select_id;
	l->select_id = 0;
	struct pager_row row;
	int rc = pager_get(l->p, id, &row);
	if (rc == RD_NOTFOUND) {
		err_clear();
		return RD_OK; /* not among the records this list shows */
	}
	if (rc)
		return rc;
	rc = go_to(l, &row);
	const struct pager_row *cur = lw_current(l);
	if (!rc && (!cur || cur->id != id) && *pager_filter_text(l->p)) {
		pager_filter(l->p, "");
		l->total_known = false;
		rc = go_to(l, &row);
	}
	pager_row_free(&row, l->def->ncols);
	return rc;
}

static long long mono_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* When the reading of a page began, and the seconds last shown. */
static long long read_start;
static int read_shown;

/*
 * While a page is read (a pattern tried on every record may take seconds): after half
 * a second the last line says how long it has run; a key stops it (Esc, or the next
 * key, which the screen then answers).
 */
static int read_tick(void *ctx)
{
	long long t = mono_ms() - read_start;
	if (t >= 500 && (int)(t / 1000) + 1 != read_shown) {
		read_shown = (int)(t / 1000) + 1;
		char *note = xasprintf(_("Reading the list: %d s; any key stops"), (int)(t / 1000));
		dr_blank(stdscr, LINES - 1, 0, COLS, dr_attr(DR_INFO));
		dr_put(stdscr, LINES - 1, 0, COLS, note, dr_attr(DR_INFO));
		free(note);
		refresh();
	}
	return tui_typeahead_tick(ctx);
}

/* Reads what the screen needs before it is drawn: the page (the count comes after). */
static void prepare(struct lw *l)
{
	if (l->gen != tui.gen) {
		l->gen = tui.gen;
		l->need = true;
		l->total_known = false;
	}
	if (l->need) {
		/* A query that a waiting key interrupts: typing a filter stays instant. */
		read_start = mono_ms();
		read_shown = 0;
		work_begin(tui.db, read_tick, NULL);
		int rc = refresh_page(l);
		work_end(tui.db);
		if (!rc)
			l->need = false;
		else if (work_cancelled())
			tui_again();
		else
			err_report();
	}
	if (created.name && !strcmp(created.name, l->def->name)) {
		l->select_id = created.id;
		free(created.name);
		created.name = NULL;
	}
	if (!l->need && l->select_id && select_asked(l))
		err_report();
	if (!l->need && !l->total_known)
		add_pending(l);
}

bool lw_count_pending(void)
{
	for (int i = 0; i < LW_PENDING; i++)
		if (pending[i])
			return true;
	return false;
}

bool lw_count_now(void)
{
	bool counted = false;
	for (int i = 0; i < LW_PENDING; i++) {
		struct lw *l = pending[i];
		pending[i] = NULL;
		if (!l || l->need || l->total_known)
			continue;
		bool filtered = *pager_filter_text(l->p) != '\0';
		/* A key typed meanwhile stops the count: the screen answers it first. */
		work_begin(tui.db, tui_typeahead_tick, NULL);
		int rc = pager_count(l->p, filtered ? LW_COUNT_CAP : 0, &l->total);
		work_end(tui.db);
		if (!rc) {
			l->total_known = true;
			counted = true;
		} else if (work_cancelled()) {
			tui_again();
			break;
		}
	}
	return counted;
}

void lw_draw(struct lw *l, WINDOW *w, int y, int x, int rows, int cols)
{
	int page = rows - 1 > 0 ? rows - 1 : 1;
	if (page != l->page) {
		l->page = page;
		l->need = true;
	}
	prepare(l);
	if (l->cur >= l->n)
		l->cur = l->n ? l->n - 1 : 0;
	int cx[LW_MAXCOLS], cw[LW_MAXCOLS], cc[LW_MAXCOLS];
	int k = lay_out(l, cols, cx, cw, cc);
	int sort = pager_sort_col(l->p);
	bool desc = pager_sort_desc(l->p);
	dr_blank(w, y, x, cols, dr_attr(DR_HEADER));
	for (int i = 0; i < k; i++) {
		const struct pager_col *col = &l->def->cols[cc[i]];
		char *head;
		if (cc[i] == sort)
			head = xasprintf("%s %s", _(col->label),
			                 u8_ascii() ? (desc ? "v" : "^") : (desc ? "↓" : "↑"));
		else
			head = xstrdup(_(col->label));
		dr_text(w, y, x + cx[i], cw[i], head, dr_attr(DR_HEADER), col->flags & PC_RIGHT);
		free(head);
	}
	if (!l->n) {
		const char *empty =
		    *pager_filter_text(l->p) ? _("No rows match the filter.") : _("No rows.");
		dr_put(w, y + 2, x + 2, cols - 2, empty, dr_attr(DR_DIM));
		return;
	}
	for (int r = 0; r < l->n && r < page; r++) {
		bool marked = is_marked(l, l->rows[r].id, NULL);
		attr_t a = r == l->cur ? dr_attr(DR_CURSOR) : A_NORMAL;
		if (marked)
			a |= dr_attr(DR_MARKED);
		if (l->row_attr)
			a |= l->row_attr(l->row_ctx, &l->rows[r]);
		dr_blank(w, y + 1 + r, x, cols, a);
		if (marked)
			dr_put(w, y + 1 + r, x, 1, "*", a);
		for (int i = 0; i < k; i++) {
			const char *text = pager_show(l->def, cc[i], l->rows[r].cells[cc[i]]);
			if (l->cell_text)
				text = l->cell_text(l->cell_ctx, cc[i], text);
			dr_text(w, y + 1 + r, x + cx[i], cw[i], text, a,
			        l->def->cols[cc[i]].flags & PC_RIGHT);
		}
	}
}

const char *lw_info(struct lw *l)
{
	char count[96] = "";
	if (l->total_known) {
		bool filtered = *pager_filter_text(l->p) != '\0';
		char *num = dr_number(l->total);
		if (filtered && l->total >= LW_COUNT_CAP)
			snprintf(count, sizeof count, _("%s+ rows"), num);
		else
			snprintf(count, sizeof count,
			         P_("%s row", "%s rows", (unsigned long)l->total), num);
		free(num);
	}
	char marks[64] = "";
	if (l->nmarks)
		snprintf(marks, sizeof marks,
		         P_("%d marked", "%d marked", (unsigned long)l->nmarks), l->nmarks);
	char filter[96] = "";
	if (*pager_filter_text(l->p)) {
		char *f = u8_fit(pager_filter_text(l->p), 24, true);
		snprintf(filter, sizeof filter, _("filter: %s"), f);
		free(f);
	}
	snprintf(l->info, sizeof l->info, "%s%s%s%s%s", filter, *filter && *count ? _("; ") : "",
	         count, *marks && (*count || *filter) ? _("; ") : "", marks);
	return l->info;
}

/* ---- the callbacks of list screens ----------------------------------------------- */

/* The list widget of a list screen: the first member of its state. */
static struct lw *scr_lw(struct scr *s)
{
	return *(struct lw **)s->st;
}

void lw_scr_draw(struct scr *s, WINDOW *w, int rows, int cols)
{
	lw_draw(scr_lw(s), w, 0, 0, rows, cols);
}

const char *lw_scr_info(struct scr *s)
{
	return lw_info(scr_lw(s));
}

void lw_scr_click(struct scr *s, int y, int x, bool twice)
{
	(void)x;
	if (lw_click(scr_lw(s), y) && twice)
		s->cls->key(s, ACT_OPEN, OK, '\n');
}

void lw_scr_free(struct scr *s)
{
	lw_free(scr_lw(s));
	free(s->st);
}
