#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "tui/draw.h"
#include "util/conf.h"
#include "util/num.h"
#include "util/u8.h"
#include "util/xalloc.h"

static bool use_color;
static attr_t attrs[DR_ROLES];

/* Colour pairs, one per role that has a colour. */
enum { P_STATUS = 1, P_TITLE, P_ERROR, P_INFO, P_MARKED, P_CHANGED, P_KEY };

void dr_init(void)
{
	const char *nc = getenv("NO_COLOR");
	bool want = true;
	if (conf.color && !strcmp(conf.color, "never"))
		want = false;
	else if ((!conf.color || strcmp(conf.color, "always")) && nc && *nc)
		want = false;
	use_color = want && has_colors() && start_color() == OK;
	if (use_color) {
		use_default_colors();
		init_pair(P_STATUS, COLOR_WHITE, COLOR_BLUE);
		init_pair(P_TITLE, COLOR_BLUE, -1);
		init_pair(P_ERROR, COLOR_RED, -1);
		init_pair(P_INFO, COLOR_GREEN, -1);
		init_pair(P_MARKED, COLOR_YELLOW, -1);
		init_pair(P_CHANGED, COLOR_MAGENTA, -1);
		init_pair(P_KEY, COLOR_CYAN, -1);
	}
	/* Without colour each role is still told apart by bold, reverse or underline. */
	attrs[DR_NORMAL] = A_NORMAL;
	attrs[DR_STATUS] = A_REVERSE;
	attrs[DR_TITLE] = A_BOLD;
	attrs[DR_HEADER] = A_BOLD | A_UNDERLINE;
	attrs[DR_CURSOR] = A_REVERSE;
	attrs[DR_MARKED] = A_BOLD;
	attrs[DR_ERROR] = A_BOLD;
	attrs[DR_INFO] = A_NORMAL;
	attrs[DR_KEY] = A_REVERSE;
	attrs[DR_FIELD] = A_UNDERLINE;
	attrs[DR_FOCUS] = A_REVERSE;
	attrs[DR_CHANGED] = A_BOLD;
	attrs[DR_DIM] = A_DIM;
	attrs[DR_OVERDUE] = A_BOLD;
	attrs[DR_SOON] = A_BOLD;
	if (use_color) {
		attrs[DR_STATUS] = COLOR_PAIR(P_STATUS) | A_BOLD;
		attrs[DR_TITLE] |= COLOR_PAIR(P_TITLE);
		attrs[DR_ERROR] |= COLOR_PAIR(P_ERROR);
		attrs[DR_INFO] |= COLOR_PAIR(P_INFO);
		attrs[DR_MARKED] |= COLOR_PAIR(P_MARKED);
		attrs[DR_CHANGED] |= COLOR_PAIR(P_CHANGED);
		attrs[DR_OVERDUE] |= COLOR_PAIR(P_ERROR);
		attrs[DR_SOON] |= COLOR_PAIR(P_MARKED);
	}
}

bool dr_color(void)
{
	return use_color;
}

attr_t dr_attr(enum dr_role r)
{
	return r < DR_ROLES ? attrs[r] : A_NORMAL;
}

size_t dr_cut(const char *s, int cols)
{
	const char *p = s;
	int used = 0;
	while (*p && *p != '\n') {
		const char *q = p;
		int cw = u8_wcwidth(u8_decode(&q));
		if (used + cw > cols)
			break;
		used += cw;
		p = q;
	}
	return (size_t)(p - s);
}

void dr_text(WINDOW *w, int y, int x, int cols, const char *s, attr_t attr, bool right)
{
	if (cols <= 0)
		return;
	char *t = right ? u8_rpad(s ? s : "", cols) : u8_pad(s ? s : "", cols);
	wattrset(w, attr);
	mvwaddstr(w, y, x, t);
	wattrset(w, A_NORMAL);
	free(t);
}

int dr_put(WINDOW *w, int y, int x, int cols, const char *s, attr_t attr)
{
	if (cols <= 0)
		return 0;
	char *t = u8_fit(s ? s : "", cols, true);
	wattrset(w, attr);
	mvwaddstr(w, y, x, t);
	wattrset(w, A_NORMAL);
	int used = u8_width(t);
	free(t);
	return used;
}

void dr_blank(WINDOW *w, int y, int x, int cols, attr_t attr)
{
	wattrset(w, attr);
	for (int i = 0; i < cols; i++)
		mvwaddch(w, y, x + i, ' ');
	wattrset(w, A_NORMAL);
}

void dr_bar(WINDOW *w, int y, int x, int cols, int64_t val, int64_t max, attr_t attr)
{
	const char *block = u8_ascii() ? "#" : "█";
	int len = val > 0 && max > 0 ? (int)((val * cols + max / 2) / max) : 0;
	if (len > cols)
		len = cols;
	if (val > 0 && len == 0)
		len = 1;
	for (int k = 0; k < len; k++)
		dr_put(w, y, x + k, 1, block, attr);
}

void dr_box(WINDOW *w, int y, int x, int rows, int cols)
{
	bool ascii = conf.ascii_borders;
	chtype hl = ascii ? '-' : ACS_HLINE, vl = ascii ? '|' : ACS_VLINE;
	chtype tl = ascii ? '+' : ACS_ULCORNER, tr = ascii ? '+' : ACS_URCORNER;
	chtype bl = ascii ? '+' : ACS_LLCORNER, br = ascii ? '+' : ACS_LRCORNER;
	mvwhline(w, y, x + 1, hl, cols - 2);
	mvwhline(w, y + rows - 1, x + 1, hl, cols - 2);
	mvwvline(w, y + 1, x, vl, rows - 2);
	mvwvline(w, y + 1, x + cols - 1, vl, rows - 2);
	mvwaddch(w, y, x, tl);
	mvwaddch(w, y, x + cols - 1, tr);
	mvwaddch(w, y + rows - 1, x, bl);
	mvwaddch(w, y + rows - 1, x + cols - 1, br);
	for (int r = 1; r < rows - 1; r++)
		mvwhline(w, y + r, x + 1, ' ', cols - 2);
}

char *dr_number(long long n)
{
	char plain[24], out[32];
	snprintf(plain, sizeof plain, "%lld", n);
	num_group(plain, out, sizeof out);
	return xstrdup(out);
}

char *dr_minute(const char *iso)
{
	char *s = xstrndup(iso, 16);
	if (strlen(s) > 10 && s[10] == 'T')
		s[10] = ' ';
	return s;
}

/* ---- text wrapped into lines --------------------------------------------------- */

/* A byte of a number, a date, a time, a code or a word: a line never breaks inside a run. */
static bool in_run(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c && strchr(".,:-/%_+#@", c));
}

/* The punctuation that never begins a line, and that never ends one, as Chinese is set
   (避头尾): closing marks go with the character before them, opening ones with the one
   after. */
static const wchar_t no_start[] = L"，。、；：？！）》」』】〕〉”’…—·%),.;:!?]}";
static const wchar_t no_end[] = L"（《「『【〔〈“‘([{";

/* Start of the character that ends before byte k of s (k > 0). */
static size_t char_before(const char *s, size_t k)
{
	do
		k--;
	while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80);
	return k;
}

/*
 * A cut at byte k inside a list of Chinese names or items (张伟、欧阳明、王芳) moves to just
 * after its 、 when one is among the five characters before it: a name of two to four
 * characters (and the 、 after it, which never begins a line) is never split over two
 * lines. Elsewhere k stays.
 */
static size_t after_enumeration_comma(const char *s, size_t k)
{
	const char *q = s + k;
	if (u8_decode(&q) < 0x2E80)
		return k; /* the next character is no Chinese one */
	size_t b = k;
	for (int i = 0; i < 5 && b > 0; i++) {
		size_t c = char_before(s, b);
		const char *p = s + c;
		wchar_t ch = u8_decode(&p);
		if (ch == L'、')
			return b;
		if (ch < 0x2E80)
			return k;
		b = c;
	}
	return k;
}

/*
 * Byte length of the next line of s wrapped at cols columns (stops at '\n'):
 * a break inside a run of in_run() bytes (2026-03-02, 12.5%, C17-5-S002) moves
 * before the run, unless the run alone is wider than the line; a break inside a list
 * of names moves after its 、 (after_enumeration_comma()); a break before a
 * closing mark or after an opening one moves back a character or two, so that
 * "，" never begins a line. *skip is the number of blanks after the break that the
 * next line leaves out.
 */
static size_t wrap_cut(const char *s, int cols, size_t *skip)
{
	size_t k = dr_cut(s, cols);
	*skip = 0;
	if (k == 0 && *s && *s != '\n')
		return strlen(s); /* a character wider than the column: give up wrapping */
	if (!s[k] || s[k] == '\n')
		return k;
	k = after_enumeration_comma(s, k);
	for (int moved = 0;; moved++) {
		if (k > 0 && in_run(s[k - 1]) && in_run(s[k])) {
			size_t b = k;
			while (b > 0 && in_run(s[b - 1]))
				b--;
			if (b > 0)
				k = b;
		}
		if (moved == 2 || k == 0 || s[k] == ' ')
			break;
		const char *q = s + k;
		size_t b = char_before(s, k);
		const char *p = s + b;
		wchar_t next = u8_decode(&q), prev = u8_decode(&p);
		if ((!wcschr(no_start, next) && !wcschr(no_end, prev)) || b == 0)
			break; /* b == 0: the whole line is marks, it breaks where it fills */
		k = b;
	}
	while (s[k + *skip] == ' ')
		++*skip;
	return k;
}

int dr_lines(const char *s, int cols)
{
	int n = 0;
	do {
		size_t skip;
		size_t k = wrap_cut(s, cols, &skip);
		s += k + skip;
		if (*s == '\n')
			s++;
		n++;
	} while (*s);
	return n;
}

void dr_wrapped(WINDOW *w, int y, int x, int cols, const char *s, int skip, int max, attr_t a)
{
	int line = 0;
	do {
		size_t blanks;
		size_t k = wrap_cut(s, cols, &blanks);
		if (line >= skip && line - skip < max) {
			char *part = xstrndup(s, k);
			dr_text(w, y + line - skip, x, cols, part, a, false);
			free(part);
		}
		s += k + blanks;
		if (*s == '\n')
			s++;
		line++;
	} while (*s);
}
