#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "model/core/work.h"
#include "tui/draw.h"
#include "tui/keys.h"
#include "tui/progress.h"
#include "tui/shell.h"
#include "util/i18n.h"
#include "util/u8.h"
#include "util/xalloc.h"

/* Milliseconds between two drawings of the box. */
#define PG_DRAW_MS 100

struct pg {
	char *title;
	long long start_ms, drawn_ms;
	bool cancelled;
	int delay; /* the window's key delay before, restored at the end */
};

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Reads waiting keys without waiting: Esc or c cancel; a resize is passed on. */
static void poll_keys(struct pg *p)
{
	wint_t ch;
	int kind;
	while ((kind = key_read(&ch)) != ERR) {
		if (kind == KEY_CODE_YES && ch == KEY_RESIZE)
			tui_resize_later();
		else if (key_action(KC_PROGRESS, kind, ch) == ACT_CANCEL || (kind == OK && ch == 3))
			p->cancelled = true; /* Esc, c, or Ctrl-C (read as a key) */
	}
	if (tui_stopping())
		p->cancelled = true;
}

static void draw(struct pg *p, long long done, long long total, const char *note)
{
	if (!tui_big_enough())
		return;
	int w = COLS - 8 < 64 ? COLS - 8 : 64, h = 7;
	int y = (LINES - h) / 2, x = (COLS - w) / 2;
	dr_box(stdscr, y, x, h, w);
	dr_put(stdscr, y + 1, x + 2, w - 4, p->title, A_BOLD);
	int bw = w - 12;
	long long ms = now_ms() - p->start_ms;
	char pct[16] = "";
	if (total > 0) {
		int fill = (int)(done * bw / total);
		dr_blank(stdscr, y + 3, x + 2, fill > bw ? bw : fill, A_REVERSE);
		for (int i = fill; i < bw; i++)
			mvaddch(y + 3, x + 2 + i, '.');
		snprintf(pct, sizeof pct, "%3d%%", (int)(done * 100 / total));
	} else {
		/* Amount unknown: a block that goes to and fro. */
		int span = bw - 6 > 1 ? bw - 6 : 1;
		int pos = (int)((ms / 80) % (2 * span));
		if (pos >= span)
			pos = 2 * span - pos;
		for (int i = 0; i < bw; i++)
			mvaddch(y + 3, x + 2 + i, '.');
		dr_blank(stdscr, y + 3, x + 2 + pos, 6, A_REVERSE);
	}
	dr_put(stdscr, y + 3, x + 2 + bw + 1, 6, pct, A_NORMAL);
	char *line = xasprintf(_("%.1f s"), (double)ms / 1000.0);
	char *full = note ? xasprintf("%s   %s", line, note) : xstrdup(line);
	dr_text(stdscr, y + 4, x + 2, w - 4, full, A_NORMAL, false);
	free(full);
	free(line);
	const struct keydef *k = key_find(KC_PROGRESS, ACT_CANCEL);
	char *hint =
	    xasprintf("%s %s", key_first(k), p->cancelled ? _("cancelling...") : _(k->label));
	dr_text(stdscr, y + 5, x + 2, w - 4, hint, dr_attr(DR_DIM), false);
	free(hint);
	curs_set(0);
	refresh();
}

struct pg *pg_begin(const char *title)
{
	struct pg *p = xcalloc(1, sizeof *p);
	p->title = xstrdup(title);
	p->start_ms = now_ms();
	p->delay = wgetdelay(stdscr);
	timeout(0);
	draw(p, 0, 0, NULL);
	p->drawn_ms = p->start_ms;
	return p;
}

bool pg_step(struct pg *p, long long done, long long total, const char *note)
{
	poll_keys(p);
	long long t = now_ms();
	if (t - p->drawn_ms >= PG_DRAW_MS) {
		p->drawn_ms = t;
		draw(p, done, total, note);
	}
	return p->cancelled;
}

int pg_tick(void *p)
{
	return pg_step(p, 0, 0, NULL);
}

bool pg_cancelled(const struct pg *p)
{
	return p->cancelled;
}

void pg_end(struct pg *p)
{
	if (!p)
		return;
	timeout(p->delay);
	free(p->title);
	free(p);
}

int pg_work(const char *title, int (*fn)(void *arg), void *arg, bool *cancelled)
{
	struct pg *pg = pg_begin(title);
	work_begin(tui.db, pg_tick, pg);
	int rc = fn(arg);
	work_end(tui.db);
	*cancelled = rc && work_cancelled();
	pg_end(pg);
	return rc;
}
