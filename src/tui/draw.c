#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
