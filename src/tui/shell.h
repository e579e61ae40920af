/*
 * The console's shell (tui.c): the session (database, scope), the screen
 * stack, the status, title, message and key-hint lines, questions typed on
 * the message line, and the main loop that alone reads keys and handles
 * KEY_RESIZE and signals. A screen is a const struct screen of callbacks
 * (tmux's window_mode, htop's PanelClass); its key handler returns SK_*
 * flags and the main loop redraws. Module prefix: tui_.
 */
#ifndef RENDA_SHELL_H
#define RENDA_SHELL_H

#include <curses.h>
#include <sqlite3.h>
#include <stdbool.h>

#include "model/core/scope.h"
#include "tui/keys.h"

/*
 * What a key handler did. SK_CLOSE from a handler that opened another screen
 * (a menu entry that opens a form) closes the handler's screen under it: the
 * new screen takes its place.
 */
enum { SK_UNHANDLED = 0, SK_HANDLED = 1, SK_REDRAW = 2, SK_CLOSE = 4 };

struct scr;
struct vw_data;

struct screen {
	const char *name; /* msgid: the default title */
	unsigned ctx;     /* key contexts (KC_*) */
	/* Sets up s->st from arg; RD_OK, or an error status with err_msg() (the screen is not
	   shown). */
	int (*init)(struct scr *s, void *arg);
	/* Draws the body: rows x cols at the top left of w. */
	void (*draw)(struct scr *s, WINDOW *w, int rows, int cols);
	/* A key (its action in the screen's contexts, and the key itself); returns SK_*. */
	int (*key)(struct scr *s, enum action a, int kind, wint_t ch);
	/* The body changed size (also called for screens under the top one). */
	void (*resize)(struct scr *s, int rows, int cols);
	void (*free)(struct scr *s);
	/* Optional. */
	const char *(*title)(struct scr *s);       /* the title line; NULL: _(name) */
	const char *(*info)(struct scr *s);        /* right side of the title line */
	bool (*can)(struct scr *s, enum action a); /* action offered now (hint line, help) */
	unsigned (*keyctx)(struct scr *s);         /* contexts now, when they change */
	void (*click)(struct scr *s, int y, int x, bool twice); /* mouse, body coordinates */
	bool (*dirty)(struct scr *s); /* holds typing that quitting would lose */
	/* Rows the help screen adds after the keys (what a screen's figures mean). */
	void (*help)(struct scr *s, struct vw_data *d);
	/* A bracketed paste (UTF-8, newlines as '\n'); NULL: the screen takes none. */
	void (*paste)(struct scr *s, const char *text);
};

struct scr {
	const struct screen *cls;
	void *st;       /* the screen's own state */
	int rows, cols; /* the body's size */
	bool closing;   /* tui_close(): taken off the stack by the main loop */
	struct scr *below;
};

/* The session: one per process. */
struct tui_session {
	sqlite3 *db;
	struct scope sc;
	unsigned gen; /* bumped after every change saved: lists and views re-read */
};
extern struct tui_session tui;

/* Pushes a new screen; RD_OK, or the error of its init (shown on the message line). */
int tui_push(const struct screen *cls, void *arg);
/* Closes s (and what is above it) when the key being handled is done. */
void tui_close(struct scr *s);
/* Shows a confirmation, or an error, on the message line until the next key. */
void tui_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void tui_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Records that data changed (lists and views re-read when drawn). */
void tui_changed(void);

/*
 * Asks for a line of text on the message line, starting with init. done(ctx,
 * text) runs on Enter, done(ctx, NULL) on Esc; changed(ctx, text), when
 * given, after every change (incremental filter).
 */
void tui_prompt(const char *label, const char *init, void (*done)(void *ctx, const char *text),
                void (*changed)(void *ctx, const char *text), void *ctx);
/* Asks a yes/no question on the message line; done(ctx, answer). */
void tui_ask(const char *question, void (*done)(void *ctx, bool yes), void *ctx);
/*
 * Asks for the name of a file to write (label, init as tui_prompt()) and writes it with
 * write(ctx, path, false); when that gives RD_EXISTS, asks before replacing the file and
 * writes it with force. write tells its own outcome (tui_info(), err_report()). done(ctx),
 * when given, runs once at the end, whatever the answers were.
 */
void tui_save_as(const char *label, const char *init,
                 int (*write)(void *ctx, const char *path, bool force), void (*done)(void *ctx),
                 void *ctx);
/* Puts the terminal cursor at (y, x) of the body after this draw (forms). */
void tui_cursor(int y, int x);

/* True when a hangup or termination was signalled: long work should stop. */
bool tui_stopping(void);
/*
 * A tick for work_begin() (model/work.h) while a list query runs: cancels
 * when a key is waiting (the person typed on) or a signal came.
 */
int tui_typeahead_tick(void *ctx);
/* Asks for another draw when the loop is idle (a list query gave way to typing). */
void tui_again(void);
/* Records a KEY_RESIZE read outside the main loop (progress); the loop handles it. */
void tui_resize_later(void);
/* The screen size is usable. */
bool tui_big_enough(void);

#endif
