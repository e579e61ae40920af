/*
 * The console's shell: start-up (database, account, forms, all before
 * curses), the screen stack, the fixed lines (status, title, message, key
 * hints), questions on the message line, signals and the main loop.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "model/core/db.h"
#include "model/core/form.h"
#include "model/core/listing.h"
#include "model/core/work.h"
#include "model/sync/sync.h"
#include "tui/draw.h"
#include "tui/ledit.h"
#include "tui/list.h"
#include "tui/screens.h"
#include "tui/shell.h"
#include "tui/tui.h"
#include "tui/view.h"
#include "util/conf.h"
#include "util/datetime.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/loc.h"
#include "util/paths.h"
#include "util/u8.h"
#include "util/xalloc.h"

/* Ctrl-C, read as a key (start_curses() takes it from the terminal's signals). */
#define CTRL_C 3
/* Smallest usable terminal. */
#define MIN_COLS 60
#define MIN_ROWS 14
/* Milliseconds get_wch waits before the loop looks at flags again. */
#define TICK_MS 250
/* Reads that fail at once, in a row, that mean the terminal is gone. */
#define DEAD_READS 20

struct tui_session tui;

static volatile sig_atomic_t got_signal;
static volatile sig_atomic_t got_interrupt; /* Ctrl-C: asks before quitting */
static bool curses_on;
static bool terminal_lost; /* reads failed: the terminal is gone */

static struct scr *top;       /* the screen stack, newest on top */
static WINDOW *body;          /* the body area of stdscr */
static WINDOW *peek;          /* a pad to look for waiting keys without drawing */
static bool resized;          /* a KEY_RESIZE was read outside the loop */
static bool again;            /* draw again when idle */
static bool quit;             /* leave the main loop */
static int cur_y = -1, cur_x; /* cursor wanted by the top screen, body coordinates */

static struct {
	char text[1024];
	bool error;
	bool more; /* a message said meanwhile is not on the line (F9 shows it) */
} msg;

/* The last messages, for the screen that shows them whole (F9). */
#define HISTORY 100
static struct {
	char *text;
	bool error;
	time_t at;
} history[HISTORY];
static int hist_n, hist_next; /* how many are kept; where the next goes */

/* Keeps a message for the history. */
static void remember(const char *text, bool error)
{
	if (!text[0])
		return;
	free(history[hist_next].text);
	history[hist_next].text = xstrdup(text);
	history[hist_next].error = error;
	history[hist_next].at = clock_now();
	hist_next = (hist_next + 1) % HISTORY;
	if (hist_n < HISTORY)
		hist_n++;
}

/* A write waiting for another clerk's lock (stop_waiting()). */
static struct {
	long long start, last, shown; /* ms: when the wait began, the last tick, the last draw */
} wait;

static struct {
	bool on;
	char *label;
	struct ledit ed;
	void (*done)(void *ctx, const char *text);
	void (*changed)(void *ctx, const char *text);
	void *ctx;
	bool typed; /* something was typed or pasted since it opened */
} prompt;

static struct {
	bool on;
	char *question;
	void (*done)(void *ctx, bool yes);
	void *ctx;
} ask;

static void on_signal(int sig)
{
	if (sig == SIGINT)
		got_interrupt = 1;
	else
		got_signal = sig;
}

bool tui_stopping(void)
{
	return got_signal != 0 || got_interrupt;
}

void tui_again(void)
{
	again = true;
}

void tui_resize_later(void)
{
	resized = true;
}

bool tui_big_enough(void)
{
	return COLS >= MIN_COLS && LINES >= MIN_ROWS;
}

/* Restores the terminal and rolls back any open transaction (fatal(), signals). */
static void restore(void)
{
	if (tui.db)
		db_abort(tui.db);
	if (curses_on && !isendwin()) {
		endwin();
		key_paste_mode(false);
	}
	curses_on = false;
}

/* err_report() in the console: the message line. */
static void report(const char *text)
{
	snprintf(msg.text, sizeof msg.text, "%s", text);
	msg.error = true;
	msg.more = false;
	remember(text, true);
}

static void set_msg(bool error, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	char *text = xmalloc(n > 0 ? (size_t)n + 1 : 1);
	vsnprintf(text, n > 0 ? (size_t)n + 1 : 1, fmt, ap);
	snprintf(msg.text, sizeof msg.text, "%s", text);
	msg.error = error;
	msg.more = false;
	remember(text, error);
	free(text);
}

void tui_info(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_msg(false, fmt, ap);
	va_end(ap);
}

void tui_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_msg(true, fmt, ap);
	va_end(ap);
}

void tui_changed(void)
{
	tui.gen++;
}

void tui_cursor(int y, int x)
{
	cur_y = y;
	cur_x = x;
}

static int body_rows(void)
{
	return LINES - 4 > 1 ? LINES - 4 : 1;
}

int tui_push(const struct screen *cls, void *arg)
{
	struct scr *s = xcalloc(1, sizeof *s);
	s->cls = cls;
	s->rows = body_rows();
	s->cols = COLS;
	err_clear();
	int rc = cls->init(s, arg);
	if (rc) {
		free(s);
		err_report();
		return rc;
	}
	s->below = top;
	top = s;
	return RD_OK;
}

void tui_close(struct scr *s)
{
	s->closing = true;
}

static void pop(void)
{
	struct scr *s = top;
	if (!s)
		return;
	top = s->below;
	s->cls->free(s);
	free(s);
}

void tui_prompt(const char *label, const char *init, void (*done)(void *ctx, const char *text),
                void (*changed)(void *ctx, const char *text), void *ctx)
{
	free(prompt.label);
	if (prompt.on)
		ledit_free(&prompt.ed);
	prompt.label = xstrdup(label);
	ledit_init(&prompt.ed, init, false);
	prompt.done = done;
	prompt.changed = changed;
	prompt.ctx = ctx;
	prompt.typed = false;
	prompt.on = true;
	msg.text[0] = '\0';
	msg.more = false;
}

void tui_ask(const char *question, void (*done)(void *ctx, bool yes), void *ctx)
{
	free(ask.question);
	ask.question = xstrdup(question);
	ask.done = done;
	ask.ctx = ctx;
	ask.on = true;
	msg.text[0] = '\0';
	msg.more = false;
}

/* A file being named and written (tui_save_as()). */
struct save_as {
	int (*write)(void *ctx, const char *path, bool force);
	void (*done)(void *ctx);
	void *ctx;
	char *path;
};

static void save_as_end(struct save_as *s)
{
	if (s->done)
		s->done(s->ctx);
	free(s->path);
	free(s);
}

static void save_as_replace(void *ctx, bool yes)
{
	struct save_as *s = ctx;
	if (yes)
		s->write(s->ctx, s->path, true);
	else
		tui_info(_("Not written: %s was kept."), s->path);
	save_as_end(s);
}

static void save_as_named(void *ctx, const char *path)
{
	struct save_as *s = ctx;
	if (path && *path) {
		s->path = xstrdup(path);
		if (s->write(s->ctx, path, false) == RD_EXISTS) {
			char *q = xasprintf(_("%s exists. Replace it?"), path);
			tui_ask(q, save_as_replace, s);
			free(q);
			return;
		}
	}
	save_as_end(s);
}

void tui_save_as(const char *label, const char *init,
                 int (*write)(void *ctx, const char *path, bool force), void (*done)(void *ctx),
                 void *ctx)
{
	struct save_as *s = xcalloc(1, sizeof *s);
	*s = (struct save_as){write, done, ctx, NULL};
	tui_prompt(label, init, save_as_named, NULL, s);
}

int tui_typeahead_tick(void *ctx)
{
	(void)ctx;
	if (got_signal)
		return 1;
	if (!peek)
		return 0;
	/* curses may hold keys read already: take one from a pad (never drawn), put it back. */
	wint_t ch;
	int kind = wget_wch(peek, &ch);
	if (kind == ERR)
		return 0;
	if (kind == KEY_CODE_YES)
		ungetch((int)ch);
	else
		unget_wch((wchar_t)ch);
	return 1;
}

/* The contexts of a screen now. */
static unsigned ctx_of(struct scr *s)
{
	return s->cls->keyctx ? s->cls->keyctx(s) : s->cls->ctx;
}

static bool offered(struct scr *s, enum action a)
{
	return !s->cls->can || s->cls->can(s, a);
}

/* Where an account bound to no town nor unit works: a town's own database, or NULL (the
   whole city). */
static char *site_where;

/* Draws the status line: who, where, which database, as of when. */
static void draw_status(void)
{
	const char *where = tui.sc.town_name   ? tui.sc.town_name
	                    : tui.sc.unit_name ? tui.sc.unit_name
	                    : site_where       ? site_where
	                                       : _("whole city");
	char *who = xasprintf(_("%s (%s, %s)"), tui.sc.login, role_label(tui.sc.role), where);
	char *left = xasprintf(" renda  %s", who);
	free(who);
	char when[CLOCK_BUF], stamp[32];
	clock_format(clock_now(), when);
	snprintf(stamp, sizeof stamp, "%.10s %.5s", when, when + 11);
	char *asof = xasprintf(_("as of %s"), stamp);
	const char *path = db_path(tui.db);
	int lw = u8_width(left), aw = u8_width(asof);
	dr_blank(stdscr, 0, 0, COLS, dr_attr(DR_STATUS));
	dr_put(stdscr, 0, 0, COLS, left, dr_attr(DR_STATUS));
	int room = COLS - lw - aw - 4;
	if (room >= 8) {
		/* The end of the path says most: show it, cut from the left. */
		int pw = u8_width(path);
		const char *p = path;
		while (pw > room && *p) {
			const char *q = p;
			pw -= u8_wcwidth(u8_decode(&q));
			p = q;
		}
		char *shown = p == path ? xstrdup(path) : xasprintf("<%s", p + 1);
		int sw = u8_width(shown);
		dr_put(stdscr, 0, COLS - aw - 3 - sw, sw, shown, dr_attr(DR_STATUS));
		free(shown);
	}
	if (COLS - aw - 1 > lw)
		dr_put(stdscr, 0, COLS - aw - 1, aw, asof, dr_attr(DR_STATUS));
	free(asof);
	free(left);
}

static void draw_title(struct scr *s)
{
	const char *title = s->cls->title ? s->cls->title(s) : _(s->cls->name);
	const char *info = s->cls->info ? s->cls->info(s) : "";
	int iw = u8_width(info);
	dr_blank(stdscr, 1, 0, COLS, A_NORMAL);
	int used = dr_put(stdscr, 1, 1, COLS - 2, title, dr_attr(DR_TITLE));
	if (iw && used + iw + 4 <= COLS)
		dr_put(stdscr, 1, COLS - iw - 1, iw, info, dr_attr(DR_DIM));
}

/* Draws "key label" pairs of the contexts that fit on the hint line. */
static void draw_hints(struct scr *s, unsigned ctx)
{
	int y = LINES - 1, x = 0;
	dr_blank(stdscr, y, 0, COLS, A_NORMAL);
	for (int i = 0; i < key_count; i++) {
		const struct keydef *k = &key_table[i];
		if (!(k->ctx & ctx) || !k->hint)
			continue;
		if (s && !(ctx & (KC_PROMPT | KC_ASK)) && !offered(s, k->act))
			continue;
		/* One entry per action: the first of the contexts wins. */
		if (key_find(ctx, k->act) != k)
			continue;
		const char *name = key_first(k);
		const char *label = _(k->label);
		int need = u8_width(name) + 1 + u8_width(label) + 2;
		if (x + need > COLS)
			break;
		x += dr_put(stdscr, y, x, COLS - x, name, dr_attr(DR_KEY));
		x += 1;
		x += dr_put(stdscr, y, x, COLS - x, label, A_NORMAL);
		x += 2;
	}
}

/* The message line: a question being asked, a line being typed, or the last message. */
static void draw_message(void)
{
	int y = LINES - 2;
	dr_blank(stdscr, y, 0, COLS, A_NORMAL);
	if (ask.on) {
		/* TRANSLATORS: a yes/no question on the last line; y and n are the keys. */
		char *q = xasprintf(_("%s (y/n)"), ask.question);
		int w = dr_put(stdscr, y, 0, COLS - 1, q, dr_attr(DR_TITLE));
		free(q);
		cur_y = -1;
		move(y, w < COLS - 1 ? w + 1 : COLS - 1);
		curs_set(1);
		return;
	}
	if (prompt.on) {
		/* The label whole where 22 columns are left to type in, else half the line. */
		int w = dr_put(stdscr, y, 0, COLS - 22 > COLS / 2 ? COLS - 22 : COLS / 2,
		               prompt.label, dr_attr(DR_TITLE));
		ledit_draw(stdscr, y, w + 1, COLS - w - 2, 1, &prompt.ed, true);
		curs_set(1);
		return;
	}
	const struct keydef *k = key_find(KC_GLOBAL, ACT_MESSAGES);
	const char *key = key_first(k);
	int kw = u8_width(key);
	/* A notice of the model (a provisional deadline) comes before the action's message;
	   when both do not fit, the notice alone, with the key that shows the message too
	   (rather than the message's first character). */
	char *note = err_notice_take();
	if (note) {
		char *both = xasprintf("%s%s%s", note, msg.text[0] ? "  " : "", msg.text);
		bool fits = u8_width(both) <= COLS || u8_width(note) > COLS - kw - 1;
		msg.more = !fits;
		snprintf(msg.text, sizeof msg.text, "%s", fits ? both : note);
		msg.error = true;
		free(both);
		free(note);
	}
	if (!msg.text[0])
		return;
	attr_t a = dr_attr(msg.error ? DR_ERROR : DR_INFO);
	if (u8_width(msg.text) <= COLS && !msg.more) {
		dr_put(stdscr, y, 0, COLS, msg.text, a);
		return;
	}
	/* Longer than the line: cut, with the key that shows it whole. */
	dr_text(stdscr, y, 0, COLS - kw - 1, msg.text, a, false);
	dr_put(stdscr, y, COLS - kw, kw, key, dr_attr(DR_KEY));
}

static void draw_too_small(void)
{
	erase();
	char *a = xasprintf(_("Terminal too small: %d x %d"), COLS, LINES);
	char *b = xasprintf(_("renda needs at least %d x %d."), MIN_COLS, MIN_ROWS);
	const char *c = _("Make the window larger, or press Q to quit.");
	int y = LINES / 2 - 1 > 0 ? LINES / 2 - 1 : 0;
	dr_put(stdscr, y, 0, COLS, a, A_BOLD);
	if (y + 1 < LINES)
		dr_put(stdscr, y + 1, 0, COLS, b, A_NORMAL);
	if (y + 2 < LINES)
		dr_put(stdscr, y + 2, 0, COLS, c, A_NORMAL);
	free(a);
	free(b);
	curs_set(0);
	refresh();
}

static void draw_all(void)
{
	if (!tui_big_enough()) {
		draw_too_small();
		return;
	}
	erase();
	cur_y = -1;
	draw_status();
	werase(body);
	top->cls->draw(top, body, top->rows, top->cols);
	draw_title(top); /* after the body: lists count their rows while drawing */
	unsigned ctx = ask.on ? KC_ASK : prompt.on ? KC_PROMPT : ctx_of(top);
	draw_hints(top, ctx);
	curs_set(0);
	draw_message();
	if (!prompt.on && !ask.on && cur_y >= 0) {
		move(2 + cur_y, cur_x);
		curs_set(1);
	}
	wnoutrefresh(stdscr);
	doupdate();
	/* The page is on the terminal: now the rows of its lists are counted, and shown. */
	if (lw_count_pending() && lw_count_now())
		draw_all();
}

/* The terminal changed size: every screen on the stack learns the new body size. */
static void relayout(void)
{
	if (body)
		delwin(body);
	body = NULL;
	int rows = body_rows();
	body = derwin(stdscr, rows, COLS, 2, 0);
	if (!body)
		fatal("cannot make the screen's body window (%d x %d)", rows, COLS);
	for (struct scr *s = top; s; s = s->below) {
		s->rows = rows;
		s->cols = COLS;
		if (s->cls->resize)
			s->cls->resize(s, rows, COLS);
	}
	clearok(curscr, TRUE);
}

/* Typing would be lost: a form holds changes, or a line is being typed on the message line. */
static bool any_dirty(void)
{
	if (prompt.on && prompt.ed.len > 0 && prompt.typed)
		return true;
	for (struct scr *s = top; s; s = s->below)
		if (s->cls->dirty && s->cls->dirty(s))
			return true;
	return false;
}

static void quit_answer(void *ctx, bool yes)
{
	(void)ctx;
	if (yes)
		quit = true;
}

/* Keys while a line is typed on the message line. */
static void prompt_key(int kind, wint_t ch)
{
	enum action a = key_action(KC_PROMPT, kind, ch);
	if (a == ACT_ACCEPT || a == ACT_CANCEL) {
		char *text = a == ACT_ACCEPT ? ledit_text(&prompt.ed) : NULL;
		void (*done)(void *, const char *) = prompt.done;
		void *ctx = prompt.ctx;
		prompt.on = false;
		ledit_free(&prompt.ed);
		done(ctx, text);
		free(text);
		return;
	}
	int r = ledit_key(&prompt.ed, kind, ch);
	if (r == LEDIT_CHANGED)
		prompt.typed = true;
	if (r == LEDIT_CHANGED && prompt.changed) {
		char *text = ledit_text(&prompt.ed);
		prompt.changed(prompt.ctx, text);
		free(text);
	}
}

static void ask_key(int kind, wint_t ch)
{
	enum action a = key_action(KC_ASK, kind, ch);
	if (a != ACT_YES && a != ACT_NO)
		return;
	ask.on = false;
	/* The question leaves the screen now: what answers it may take a while. */
	draw_hints(top, ctx_of(top));
	draw_message();
	curs_set(0);
	wnoutrefresh(stdscr);
	doupdate();
	ask.done(ask.ctx, a == ACT_YES);
}

/* Takes s out of the stack under the screens it opened: they take its place (SK_CLOSE). */
static void unlink_below(struct scr *s)
{
	for (struct scr *above = top; above; above = above->below)
		if (above->below == s) {
			above->below = s->below;
			s->cls->free(s);
			free(s);
			return;
		}
}

static int messages_load(void *ctx, struct vw_data *d)
{
	(void)ctx;
	d->ncells = 2;
	vw_heading(d, _("Time"), _("Message"), NULL);
	if (!hist_n)
		vw_add(d, false, "", _("No messages yet."), NULL);
	for (int i = 1; i <= hist_n; i++) {
		int k = (hist_next - i + HISTORY) % HISTORY;
		char stamp[CLOCK_BUF], when[16];
		clock_format(history[k].at, stamp); /* the committee's time zone */
		snprintf(when, sizeof when, "%.8s", stamp + 11);
		vw_add(d, history[k].error, when, history[k].text, NULL);
	}
	return RD_OK;
}

/* The last messages, newest first, each whole (errors marked). */
static void show_messages(void)
{
	struct vw_spec spec = {
	    .title = xstrdup(_("Messages, newest first")),
	    .load = messages_load,
	};
	tui_push(&scr_view, &spec);
}

/* Hands a key to the top screen; what it leaves is help, back, quit or redraw. */
static void screen_key(int kind, wint_t ch)
{
	struct scr *s = top;
	enum action a = key_action(ctx_of(s), kind, ch);
	int r = s->cls->key(s, a, kind, ch);
	if (r & SK_CLOSE) {
		if (top == s)
			pop();
		else
			unlink_below(s);
		return;
	}
	if (r)
		return;
	switch (a) {
	case ACT_HELP: scr_help(s); break;
	case ACT_MESSAGES: show_messages(); break;
	case ACT_BACK:
		if (s->below)
			pop();
		else
			tui_ask(_("Quit renda?"), quit_answer, NULL);
		break;
	case ACT_QUIT:
		if (any_dirty())
			tui_ask(_("Quit and lose what you typed?"), quit_answer, NULL);
		else
			quit = true;
		break;
	case ACT_REDRAW:
		/* Draw everything again, and read the data again: another clerk may have changed
		 * it. */
		clearok(curscr, TRUE);
		tui_changed();
		break;
	default: break;
	}
}

/* Ctrl-C: asks before quitting, however the screen reads keys. */
static void interrupt(void)
{
	tui_ask(any_dirty() ? _("Quit and lose what you typed?") : _("Quit renda?"), quit_answer,
	        NULL);
}

/* A bracketed paste: into the line being typed, or to the screen (a form's field). */
static void paste(const char *text)
{
	if (ask.on)
		return;
	if (prompt.on) {
		int r = ledit_paste(&prompt.ed, text);
		if (r == LEDIT_UNHANDLED) {
			beep();
			tui_error(
			    _("A paste of several lines does not fit on one line; nothing was "
			      "pasted"));
			return;
		}
		if (r == LEDIT_CHANGED)
			prompt.typed = true;
		if (r == LEDIT_CHANGED && prompt.changed) {
			char *now = ledit_text(&prompt.ed);
			prompt.changed(prompt.ctx, now);
			free(now);
		}
		return;
	}
	if (top->cls->paste)
		top->cls->paste(top, text);
	else
		tui_error(_("Nothing here takes a paste: open a form first"));
}

/* A mouse event: wheel moves, a click goes to the screen's click handler. */
static void mouse_key(void)
{
	MEVENT ev;
	if (getmouse(&ev) != OK || prompt.on || ask.on)
		return;
#ifdef BUTTON5_PRESSED
	if (ev.bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED)) {
		enum action a = ev.bstate & BUTTON4_PRESSED ? ACT_UP : ACT_DOWN;
		for (int i = 0; i < 3; i++)
			top->cls->key(top, a, KEY_CODE_YES, 0);
		return;
	}
#endif
	if (top->cls->click && ev.y >= 2 && ev.y < 2 + top->rows)
		top->cls->click(top, ev.y - 2, ev.x, (ev.bstate & BUTTON1_DOUBLE_CLICKED) != 0);
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* True when the terminal has hung up (poll says so). */
static bool terminal_gone(void)
{
	struct pollfd p = {STDIN_FILENO, POLLIN, 0};
	return poll(&p, 1, 0) > 0 && (p.revents & (POLLHUP | POLLERR | POLLNVAL));
}

/* The main loop: the only place that reads keys. Returns the exit status. */
static int loop(void)
{
	int fast_errors = 0;
	bool dirty = true;
	unsigned seen_gen = tui.gen;
	while (top && !quit) {
		if (got_signal)
			return 128 + got_signal;
		if (got_interrupt) {
			got_interrupt = 0;
			if (tui_big_enough())
				interrupt();
			else
				quit = true;
			dirty = true;
		}
		if (resized) {
			resized = false;
			relayout();
			dirty = true;
		}
		if (seen_gen != tui.gen)
			dirty = true;
		seen_gen = tui.gen;
		if (dirty)
			draw_all();
		dirty = false;
		wint_t ch;
		long long t0 = now_ms();
		int kind = key_read(&ch);
		if (kind == ERR) {
			/* Reads that fail at once, again and again: the terminal is gone. */
			if (now_ms() - t0 < TICK_MS / 5 && !got_signal)
				fast_errors++;
			else
				fast_errors = 0;
			if (fast_errors >= DEAD_READS || terminal_gone()) {
				terminal_lost = true;
				return 128 + SIGHUP;
			}
			/* Once a minute the clock on the status line moves. */
			static time_t last_min;
			time_t now = time(NULL);
			if (now / 60 != last_min / 60) {
				last_min = now;
				dirty = true;
			}
			if (again)
				dirty = true;
			again = false;
			continue;
		}
		fast_errors = 0;
		if (kind == KEY_CODE_YES && ch == KEY_SWALLOWED)
			continue; /* a key that means nothing here, read whole */
		dirty = true;
		if (kind == KEY_CODE_YES && ch == KEY_RESIZE) {
			relayout();
			continue;
		}
		if (!tui_big_enough()) {
			if (kind == OK && (ch == 'Q' || ch == CTRL_C))
				quit = true;
			continue;
		}
		if (kind == KEY_CODE_YES && ch == KEY_MOUSE) {
			mouse_key();
			continue;
		}
		if (!ask.on && !prompt.on) {
			msg.text[0] = '\0';
			msg.more = false;
		}
		if (kind == OK && ch == CTRL_C)
			interrupt();
		else if (kind == KEY_CODE_YES && ch == KEY_PASTE)
			paste(key_paste());
		else if (ask.on)
			ask_key(kind, ch);
		else if (prompt.on)
			prompt_key(kind, ch);
		else
			screen_key(kind, ch);
		/* Screens closed by a callback go, with everything above them. */
		for (struct scr *s = top; s; s = s->below)
			if (s->closing) {
				while (top != s)
					pop();
				pop();
				break;
			}
	}
	return 0;
}

/* Starts curses on the terminal; false when there is none. */
static bool start_curses(void)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(
		    stderr,
		    _("renda: the console needs a terminal; use the commands (renda --help)\n"));
		return false;
	}
	if (!getenv("ESCDELAY"))
		set_escdelay(25);
	SCREEN *sp = newterm(NULL, stdout, stdin);
	if (!sp) {
		fprintf(stderr, _("renda: cannot start the console on terminal type '%s'\n"),
		        getenv("TERM") ? getenv("TERM") : "");
		return false;
	}
	set_term(sp);
	curses_on = true;
	if (!getenv("ESCDELAY"))
		set_escdelay(25);
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	intrflush(stdscr, FALSE);
	timeout(TICK_MS);
	/* Ctrl-S saves a form: take it (and Ctrl-Q) from flow control. Ctrl-C asks before
	   quitting: it comes as a key, in its place among the keys typed, not as a signal
	   that may cut a character being read. */
	struct termios t;
	if (tcgetattr(STDIN_FILENO, &t) == 0) {
		t.c_iflag &= ~(tcflag_t)IXON;
		t.c_cc[VINTR] = _POSIX_VDISABLE;
		t.c_lflag |= NOFLSH;
		tcsetattr(STDIN_FILENO, TCSANOW, &t);
		def_prog_mode();
	}
	dr_init();
	key_paste_mode(true);
	peek = newpad(1, 1);
	if (peek) {
		keypad(peek, TRUE);
		wtimeout(peek, 0);
	}
	if (conf.mouse)
		mousemask(BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED
#ifdef BUTTON5_PRESSED
		              | BUTTON4_PRESSED | BUTTON5_PRESSED
#endif
		          ,
		          NULL);
	/* A resize while newterm() ran (after it read the size, before its SIGWINCH handler
	   was set: a clerk dragging PuTTY's corner as the console starts) goes unseen by
	   curses; the terminal's size is read once more now that the handler is there. */
	struct winsize ws;
	if (!ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) && ws.ws_row > 0 && ws.ws_col > 0 &&
	    (ws.ws_row != LINES || ws.ws_col != COLS)) {
		resize_term(ws.ws_row, ws.ws_col);
		resized = true;
	}
	return true;
}

static void catch_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0; /* no SA_RESTART: a signal ends the wait for a key */
	/* Started under nohup: hangups stay ignored (a terminal that goes is still noticed). */
	struct sigaction old;
	if (sigaction(SIGHUP, NULL, &old) || old.sa_handler != SIG_IGN)
		sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

/* Looks at the keys typed while a write waits: true when one is Esc; the others stay. */
static bool esc_typed(void)
{
	struct {
		int kind;
		wint_t ch;
	} keep[32];
	int n = 0, delay = wgetdelay(stdscr);
	bool esc = false;
	timeout(0);
	wint_t ch;
	int kind;
	while (n < 32 && (kind = key_read(&ch)) != ERR) {
		if (kind == OK && ch == 27)
			esc = true;
		else if (kind == OK && ch == CTRL_C) {
			esc = true; /* gives up, then asks before quitting */
			got_interrupt = 1;
		} else if (kind == KEY_CODE_YES && ch == KEY_RESIZE)
			resized = true;
		else if (kind == OK ||
		         (kind == KEY_CODE_YES && ch != KEY_SWALLOWED && ch != KEY_PASTE)) {
			keep[n].kind = kind;
			keep[n++].ch = ch;
		}
	}
	timeout(delay);
	while (n-- > 0) /* back in the order they came */
		if (keep[n].kind == KEY_CODE_YES)
			ungetch((int)keep[n].ch);
		else
			unget_wch((wchar_t)keep[n].ch);
	return esc;
}

/*
 * The busy handler's hook while a write waits for another clerk's lock (an
 * import, a long save): after a moment the message line says so, with the
 * seconds waited; Esc gives up (the save fails and the form keeps its input),
 * as a hangup or termination does. The console waits as long as it takes.
 */
static int stop_waiting(void)
{
	if (got_signal || got_interrupt)
		return 1;
	long long now = now_ms();
	if (now - wait.last > 200) { /* a new wait */
		wait.start = now;
		wait.shown = 0;
	}
	wait.last = now;
	if (!curses_on || isendwin() || now - wait.start < 300)
		return 0;
	if (esc_typed())
		return 1;
	if (now - wait.shown >= 500 && tui_big_enough()) {
		wait.shown = now;
		char *t = xasprintf(_("Waiting for another clerk's work on the database to finish "
		                      "(%lld s); Esc gives up"),
		                    (now - wait.start) / 1000);
		dr_blank(stdscr, LINES - 2, 0, COLS, A_NORMAL);
		dr_put(stdscr, LINES - 2, 0, COLS, t, dr_attr(DR_TITLE));
		free(t);
		refresh();
	}
	return 0;
}

int tui_main(const char *db_path)
{
	/* Without a UTF-8 locale Chinese would show blank: choose one, say so and how to set it
	   (on standard error, read after the console closes, and on the message line). */
	char *locale_note = loc_choose_utf8();
	if (locale_note)
		fprintf(stderr, "renda: %s\n", locale_note);
	if (db_open(db_path, &tui.db)) {
		err_report();
		free(locale_note);
		return 1;
	}
	db_map(tui.db); /* the console lives long: each page is faulted in once */
	if (scope_load(tui.db, &tui.sc)) {
		err_report();
		db_close(tui.db);
		free(locale_note);
		return 1;
	}
	if (tui.sc.site) {
		char *town = sync_site_name(tui.db, tui.sc.site);
		site_where = xasprintf(_("%s's own database"), town);
		free(town);
	}
	if (form_load_dir(paths_formsdir())) {
		err_report();
		free(site_where);
		scope_free(&tui.sc);
		db_close(tui.db);
		free(locale_note);
		return 1;
	}
	key_init();
	catch_signals();
	/* The console waits for another writer as long as it takes, showing it (Esc gives up). */
	work_busy(tui.db, INT_MAX, stop_waiting);
	int status = 1;
	if (start_curses()) {
		err_set_reporter(report);
		err_set_cleanup(restore);
		body = derwin(stdscr, body_rows(), COLS, 2, 0);
		if (locale_note)
			tui_error("%s", locale_note);
		if (tui_push(&scr_menu, NULL) == RD_OK)
			status = loop();
		while (top)
			pop();
		if (prompt.on)
			ledit_free(&prompt.ed);
		free(prompt.label);
		for (int i = 0; i < HISTORY; i++)
			free(history[i].text);
		free(ask.question);
		if (body)
			delwin(body);
		if (peek)
			delwin(peek);
		restore();
		err_set_reporter(NULL);
		err_set_cleanup(NULL);
		if (terminal_lost)
			fprintf(stderr,
			        _("renda: the terminal went away; nothing unsaved was written\n"));
		else if (status > 128)
			fprintf(stderr,
			        _("renda: stopped by signal %d; nothing unsaved was written\n"),
			        status - 128);
		else
			status = 0;
	}
	form_unload_all();
	listing_free_all();
	free(site_where);
	site_where = NULL;
	scope_free(&tui.sc);
	db_close(tui.db);
	tui.db = NULL;
	free(locale_note);
	return status;
}
