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

int ledit_paste(struct ledit *e, const char *utf8)
{
	e->refused = false;
	wchar_t *w = u8_to_wcs(utf8);
	size_t n = wcslen(w), k = 0;
	wchar_t *out = xmalloc((n + 1) * sizeof *out);
	int width = 0, rc = LEDIT_CHANGED;
	if (!e->multiline)
		while (n > 0 && (w[n - 1] == L'\n' || w[n - 1] == L'\r'))
			n--;
	for (size_t i = 0; i < n && rc == LEDIT_CHANGED; i++) {
		wchar_t c = w[i];
		if (c == L'\n' && i > 0 && w[i - 1] == L'\r')
			continue; /* CR LF is one line break */
		if (c == L'\r')
			c = L'\n';
		if (c == L'\t')
			c = L' ';
		if (c == L'\n' && !e->multiline)
			rc = LEDIT_UNHANDLED;
		else if (c == L'\n' || !(c < 0x20 || (c >= 0x7f && c < 0xa0))) {
			out[k++] = c;
			if (c != L'\n')
				width += u8_wcwidth(c);
		}
	}
	if (rc == LEDIT_CHANGED && e->max_cols > 0 && ledit_width(e) + width > e->max_cols) {
		e->refused = true;
		rc = LEDIT_HANDLED;
	}
	if (rc == LEDIT_CHANGED && k == 0)
		rc = LEDIT_HANDLED;
	if (rc == LEDIT_CHANGED) {
		reserve(e, k);
		memmove(e->buf + e->cur + k, e->buf + e->cur,
		        (e->len - e->cur + 1) * sizeof *e->buf);
		memcpy(e->buf + e->cur, out, k * sizeof *out);
		e->cur += k;
		e->len += k;
		e->goal = -1;
	}
	free(out);
	free(w);
	return rc;
}

/*
 * One line in width columns: the first text column shown (e->scroll) and the
 * markers. Text that fits is shown whole from its first character (with the
 * cursor at the end drawn on the last cell). Text wider than the box scrolls:
 * '<' in the first column says there is more to the left, '>' in the last
 * more to the right, and the cursor's cell is always between them.
 */
static void scroll_line(struct ledit *e, const struct place *p, int width, bool *left, bool *right)
{
	int total = p[e->len].col;
	*left = *right = false;
	if (total <= width || width < 3) {
		e->scroll = 0;
		*right = total > width;
		return;
	}
	int cc = p[e->cur].col;
	int cw = cell_width(e, e->cur);
	if (cw < 1)
		cw = 1;
	int most = total + 1 - width; /* the end and the cursor's cell after it in view */
	int off = e->scroll;
	for (int round = 0; round < 4; round++) {
		if (off > most)
			off = most;
		if (off < 0)
			off = 0;
		*left = off > 0;
		*right = total > off + width;
		int lo = off + (*left ? 1 : 0), hi = off + width - (*right ? 1 : 0);
		if (cc < lo)
			off = cc - 1 > 0 ? cc - 1 : 0;
		else if (cc + cw > hi)
			off = cc + cw - width + 1;
		else
			break;
	}
	e->scroll = off;
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
	int off = 0;            /* first visible column */
	int lo = 0, hi = width; /* screen columns text may take (between the markers) */
	bool left = false, right = false;
	if (e->multiline && !focused) {
		e->top = 0; /* a box of lines not being typed in shows its start */
	} else if (e->multiline) {
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
	} else if (!focused) {
		/* A field not being typed in shows its value from the first character. */
		right = p[e->len].col > width;
		if (right)
			hi = width - 1;
	} else {
		scroll_line(e, p, width, &left, &right);
		off = e->scroll;
		lo = left ? 1 : 0;
		hi = right ? width - 1 : width;
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
		if (e->multiline && col < width) {
			row_fill(b, col, L' ');
			row_put(b, u8_visible(e->buf[i]), cw);
			drawn = true;
		} else if (e->multiline) {
			/* wrapped already: nothing reaches past the width */
		} else if (col < lo) {
			/* Partly scrolled off at the left, or under the '<': blank what shows. */
			if (col + cw > lo)
				row_fill(b, col + cw < hi ? col + cw : hi, L' ');
		} else if (col + cw <= hi) {
			row_fill(b, col, L' ');
			row_put(b, u8_visible(e->buf[i]), cw);
			drawn = true;
		} else {
			/* Cut at the right edge: blank up to the '>'. */
			row_fill(b, hi, L' ');
			break;
		}
		prev_drawn = drawn;
	}
	if (!e->multiline) {
		/* The markers: more text to the left, more to the right. */
		struct rowbuf *b = &rb[0];
		if (left && b->n > 0 && b->w[0] == L' ')
			b->w[0] = L'<';
		else if (left && b->n == 0)
			row_put(b, L'<', 1);
		if (right) {
			row_fill(b, width - 1, L' ');
			row_put(b, L'>', 1);
		}
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
