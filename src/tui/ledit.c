#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "tui/ledit.h"
#include "util/u8.h"
#include "util/xalloc.h"

#define CTRL(c) ((c)&0x1f)

/* Where one position of the text (a character, or the end) is shown. */
struct place {
	int row, col;
};

static void reserve(struct ledit *e, size_t extra)
{
	if (e->len + extra + 1 <= e->cap)
		return;
	size_t cap = e->cap ? e->cap : 32;
	while (cap < e->len + extra + 1)
		cap *= 2;
	e->buf = xrealloc(e->buf, cap * sizeof *e->buf);
	e->cap = cap;
}

void ledit_init(struct ledit *e, const char *utf8, bool multiline)
{
	memset(e, 0, sizeof *e);
	e->multiline = multiline;
	e->goal = -1;
	ledit_set(e, utf8);
}

void ledit_set(struct ledit *e, const char *utf8)
{
	wchar_t *w = u8_to_wcs(utf8);
	size_t n = wcslen(w);
	/* What could not be typed is not held either: on one line a line break becomes a
	   space; any other control character shows as U+FFFD (found by tests/fuzz). */
	for (size_t i = 0; i < n; i++)
		if (w[i] == L'\n' || w[i] == L'\r' || w[i] == L'\t')
			w[i] = e->multiline && w[i] == L'\n' ? w[i] : L' ';
		else if (w[i] < 0x20 || (w[i] >= 0x7F && w[i] < 0xA0))
			w[i] = 0xFFFD;
	e->len = 0;
	reserve(e, n);
	memcpy(e->buf, w, (n + 1) * sizeof *w);
	free(w);
	e->len = n;
	e->cur = n;
	e->scroll = e->top = 0;
	e->goal = -1;
	e->refused = false;
}

void ledit_free(struct ledit *e)
{
	free(e->buf);
	e->buf = NULL;
	e->len = e->cap = e->cur = 0;
}

char *ledit_text(const struct ledit *e)
{
	return u8_from_wcs(e->buf ? e->buf : L"");
}

static bool is_newline(const struct ledit *e, size_t i)
{
	return e->multiline && i < e->len && e->buf[i] == L'\n';
}

/* Width of the character at i for layout (the end and newlines take the cursor's cell). */
static int cell_width(const struct ledit *e, size_t i)
{
	if (i >= e->len || is_newline(e, i))
		return 1;
	return u8_wcwidth(e->buf[i]);
}

/*
 * Lays the text out: the place of every index 0..len (len is the end). On
 * one line everything is row 0. In a multi-line box rows break at newlines
 * and wrap at wrap columns (0: no wrapping); a character that would cross
 * the right edge starts the next row. Returns a new array; caller frees.
 */
static struct place *layout(const struct ledit *e, int wrap)
{
	struct place *p = xmalloc((e->len + 1) * sizeof *p);
	int row = 0, col = 0;
	if (!e->multiline || wrap <= 0)
		wrap = INT_MAX;
	for (size_t i = 0; i <= e->len; i++) {
		int w = cell_width(e, i);
		if (e->multiline && col > 0 && col > wrap - w) {
			row++;
			col = 0;
		}
		p[i].row = row;
		p[i].col = col;
		if (is_newline(e, i)) {
			row++;
			col = 0;
		} else if (i < e->len)
			col += u8_wcwidth(e->buf[i]);
	}
	return p;
}

int ledit_cursor_col(const struct ledit *e)
{
	struct place *p = layout(e, e->wrap);
	int c = p[e->cur].col;
	free(p);
	return c;
}

int ledit_cursor_row(const struct ledit *e)
{
	struct place *p = layout(e, e->wrap);
	int r = p[e->cur].row;
	free(p);
	return r;
}

int ledit_width(const struct ledit *e)
{
	int w = 0;
	for (size_t i = 0; i < e->len; i++)
		if (!is_newline(e, i))
			w += u8_wcwidth(e->buf[i]);
	return w;
}

/* Inserts one character at the cursor unless max_cols forbids it. */
static int insert(struct ledit *e, wchar_t c)
{
	if (e->max_cols > 0 && c != L'\n' && ledit_width(e) + u8_wcwidth(c) > e->max_cols) {
		e->refused = true;
		return LEDIT_HANDLED;
	}
	reserve(e, 1);
	memmove(e->buf + e->cur + 1, e->buf + e->cur, (e->len - e->cur + 1) * sizeof *e->buf);
	e->buf[e->cur++] = c;
	e->len++;
	return LEDIT_CHANGED;
}

/* Deletes [a, b) and leaves the cursor at a. */
static int delete_range(struct ledit *e, size_t a, size_t b)
{
	if (a >= b)
		return LEDIT_HANDLED;
	memmove(e->buf + a, e->buf + b, (e->len - b + 1) * sizeof *e->buf);
	e->len -= b - a;
	e->cur = a;
	return LEDIT_CHANGED;
}

static size_t line_start(const struct ledit *e, size_t i)
{
	while (i > 0 && !is_newline(e, i - 1))
		i--;
	return i;
}

static size_t line_end(const struct ledit *e, size_t i)
{
	while (i < e->len && !is_newline(e, i))
		i++;
	return i;
}

/* Is c CJK or full-width punctuation (which ends a run of Han text)? */
static bool cjk_punct(wchar_t c)
{
	return (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF01 && c <= 0xFF0F) ||
	       (c >= 0xFF1A && c <= 0xFF20) || (c >= 0xFF3B && c <= 0xFF40) ||
	       (c >= 0xFF5B && c <= 0xFF65) || (c >= 0xFE30 && c <= 0xFE4F) ||
	       (c >= 0x2010 && c <= 0x205E);
}

/* Word classes of Ctrl-W: 0 blank, 1 letters and digits, 2 CJK text, 3 punctuation. */
static int word_class(wchar_t c)
{
	if (c == L'\n' || c == 0x3000 || iswspace((wint_t)c))
		return 0;
	if (c < 0x80)
		return (iswalnum((wint_t)c) || c == L'_') ? 1 : 3;
	if (cjk_punct(c))
		return 3;
	if (u8_wcwidth(c) == 2)
		return 2;
	return iswalnum((wint_t)c) ? 1 : 3;
}

static int delete_word(struct ledit *e)
{
	size_t i = e->cur;
	while (i > 0 && word_class(e->buf[i - 1]) == 0)
		i--;
	if (i > 0) {
		int k = word_class(e->buf[i - 1]);
		while (i > 0 && word_class(e->buf[i - 1]) == k)
			i--;
	}
	return delete_range(e, i, e->cur);
}

/* Moves to the display row above (dir -1) or below (+1), keeping the goal column. */
static int vertical(struct ledit *e, int dir)
{
	if (!e->multiline)
		return LEDIT_UNHANDLED;
	struct place *p = layout(e, e->wrap);
	int row = p[e->cur].row + dir;
	int goal = e->goal >= 0 ? e->goal : p[e->cur].col;
	int last = p[e->len].row;
	int rc = LEDIT_UNHANDLED;
	if (row >= 0 && row <= last) {
		size_t best = SIZE_MAX;
		for (size_t i = 0; i <= e->len; i++)
			if (p[i].row == row && p[i].col <= goal &&
			    (best == SIZE_MAX || p[i].col > p[best].col))
				best = i;
		if (best != SIZE_MAX) {
			e->cur = best;
			e->goal = goal;
			rc = LEDIT_HANDLED;
		}
	}
	free(p);
	return rc;
}

static int move_to(struct ledit *e, size_t i)
{
	e->cur = i;
	return LEDIT_HANDLED;
}

static int code_key(struct ledit *e, wint_t ch)
{
	switch (ch) {
	case KEY_LEFT: return move_to(e, e->cur > 0 ? e->cur - 1 : 0);
	case KEY_RIGHT: return move_to(e, e->cur < e->len ? e->cur + 1 : e->len);
	case KEY_HOME: return move_to(e, line_start(e, e->cur));
	case KEY_END: return move_to(e, line_end(e, e->cur));
	case KEY_BACKSPACE: return e->cur ? delete_range(e, e->cur - 1, e->cur) : LEDIT_HANDLED;
	case KEY_DC: return delete_range(e, e->cur, e->cur < e->len ? e->cur + 1 : e->len);
	case KEY_UP: return vertical(e, -1);
	case KEY_DOWN: return vertical(e, +1);
	case KEY_ENTER: return e->multiline ? insert(e, L'\n') : LEDIT_UNHANDLED;
	default: return LEDIT_UNHANDLED;
	}
}

static int char_key(struct ledit *e, wint_t ch)
{
	switch (ch) {
	case CTRL('a'): return move_to(e, line_start(e, e->cur));
	case CTRL('e'): return move_to(e, line_end(e, e->cur));
	case CTRL('b'): return move_to(e, e->cur > 0 ? e->cur - 1 : 0);
	case CTRL('f'): return move_to(e, e->cur < e->len ? e->cur + 1 : e->len);
	case CTRL('h'):
	case 127: return e->cur ? delete_range(e, e->cur - 1, e->cur) : LEDIT_HANDLED;
	case CTRL('d'): return delete_range(e, e->cur, e->cur < e->len ? e->cur + 1 : e->len);
	case CTRL('k'): {
		size_t end = line_end(e, e->cur);
		if (end == e->cur && is_newline(e, end))
			end++;
		return delete_range(e, e->cur, end);
	}
	case CTRL('u'): return delete_range(e, line_start(e, e->cur), e->cur);
	case CTRL('w'): return delete_word(e);
	case CTRL('j'):
	case CTRL('m'): return e->multiline ? insert(e, L'\n') : LEDIT_UNHANDLED;
	default:
		if (ch < 0x20 || (ch >= 0x7F && ch < 0xA0) || ch > 0x10FFFF ||
		    (ch >= 0xD800 && ch <= 0xDFFF))
			return LEDIT_UNHANDLED;
		return insert(e, (wchar_t)ch);
	}
}

int ledit_key(struct ledit *e, int kind, wint_t ch)
{
	e->refused = false;
	int rc;
	if (kind == KEY_CODE_YES)
		rc = code_key(e, ch);
	else if (kind == OK)
		rc = char_key(e, ch);
	else
		return LEDIT_UNHANDLED;
	if (rc != LEDIT_UNHANDLED && !(kind == KEY_CODE_YES && (ch == KEY_UP || ch == KEY_DOWN)))
		e->goal = -1;
	return rc;
}

/* Smallest column >= v where a character starts on one line (or the end's column). */
static int boundary_at_or_after(const struct place *p, size_t len, int v)
{
	for (size_t i = 0; i <= len; i++)
		if (p[i].col >= v)
			return p[i].col;
	return p[len].col;
}

/* Keeps the cursor and the whole character under it inside the visible columns. */
static void scroll_line(struct ledit *e, const struct place *p, int width)
{
	int cc = p[e->cur].col;
	int cw = cell_width(e, e->cur);
	if (cw < 1)
		cw = 1;
	int back = p[e->len].col + 1 - width; /* no empty columns at the right when scrolled */
	if (back < 0)
		back = 0;
	back = boundary_at_or_after(p, e->len, back);
	if (e->scroll > back)
		e->scroll = back;
	if (e->scroll < 0)
		e->scroll = 0;
	if (cc < e->scroll)
		e->scroll = cc;
	if (cc + cw > e->scroll + width) {
		int s = boundary_at_or_after(p, e->len, cc + cw - width);
		e->scroll = s > cc ? cc : s;
	}
}

/* One screen row being filled, as the wide string to draw. */
struct rowbuf {
	wchar_t *w;
	size_t n, cap;
	int cols; /* columns filled */
};

static void row_put(struct rowbuf *r, wchar_t c, int w)
{
	if (r->n + 2 > r->cap) {
		r->cap = r->cap ? r->cap * 2 : 64;
		r->w = xrealloc(r->w, r->cap * sizeof *r->w);
	}
	r->w[r->n++] = c;
	r->w[r->n] = L'\0';
	r->cols += w;
}

static void row_fill(struct rowbuf *r, int upto, wchar_t c)
{
	while (r->cols < upto)
		row_put(r, c, 1);
}

void ledit_draw(WINDOW *w, int y, int x, int width, int height, struct ledit *e, bool focused)
{
	if (width < 1 || height < 1)
		return;
	if (!e->multiline)
		height = 1;
	e->wrap = e->multiline ? width : 0;
	struct place *p = layout(e, e->wrap);
	int off = 0; /* first visible column */
	if (e->multiline) {
		int crow = p[e->cur].row, rows = p[e->len].row + 1;
		if (e->top > rows - height)
			e->top = rows - height;
		if (e->top < 0)
			e->top = 0;
		if (crow < e->top)
			e->top = crow;
		if (crow >= e->top + height)
			e->top = crow - height + 1;
		e->scroll = 0;
	} else {
		scroll_line(e, p, width);
		off = e->scroll;
	}
	struct rowbuf *rb = xcalloc((size_t)height, sizeof *rb);
	bool prev_drawn = false; /* a combining character joins a character that was drawn */
	for (size_t i = 0; i < e->len; i++) {
		int r = p[i].row - e->top;
		int cw = u8_wcwidth(e->buf[i]);
		int col = p[i].col - off;
		bool drawn = false;
		if (r >= height)
			break;
		if (r < 0 || is_newline(e, i)) {
			prev_drawn = false;
			continue;
		}
		struct rowbuf *b = &rb[r];
		if (cw == 0) {
			if (prev_drawn)
				row_put(b, u8_visible(e->buf[i]), 0);
			continue;
		}
		if (col < 0) {
			/* Partly scrolled off at the left: blank its visible columns. */
			if (col + cw > 0)
				row_fill(b, col + cw, L' ');
		} else if (col < width) {
			row_fill(b, col, L' ');
			if (col + cw <= width) {
				row_put(b, u8_visible(e->buf[i]), cw);
				drawn = true;
			} else {
				/* A wide character that would be cut at the right edge. */
				row_fill(b, width, L'>');
			}
		} else if (!e->multiline)
			break;
		prev_drawn = drawn;
	}
	for (int r = 0; r < height; r++) {
		row_fill(&rb[r], width, L' ');
		mvwaddnwstr(w, y + r, x, rb[r].w, (int)rb[r].n);
		free(rb[r].w);
	}
	free(rb);
	if (focused) {
		int cy = p[e->cur].row - e->top, cx = p[e->cur].col - off;
		if (cx >= width)
			cx = width - 1;
		wmove(w, y + cy, x + cx);
	}
	free(p);
}
