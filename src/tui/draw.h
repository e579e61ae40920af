/*
 * Drawing helpers of the console: the attributes of each role (colour when
 * allowed, and always bold/reverse/underline so that every state reads
 * without colour), text cut and padded by display columns, boxes with ASCII
 * borders when asked. Module prefix: dr_.
 */
#ifndef RENDA_DRAW_H
#define RENDA_DRAW_H

#include <curses.h>
#include <stdbool.h>
#include <stdint.h>

enum dr_role {
	DR_NORMAL,
	DR_STATUS,  /* the status line */
	DR_TITLE,   /* the title line of a screen */
	DR_HEADER,  /* column headings */
	DR_CURSOR,  /* the row under the cursor */
	DR_MARKED,  /* a marked row */
	DR_ERROR,   /* an error on the message line, a bad field */
	DR_INFO,    /* a confirmation on the message line */
	DR_KEY,     /* a key name on the hint line */
	DR_FIELD,   /* an entry box */
	DR_FOCUS,   /* the entry box being typed in */
	DR_CHANGED, /* a value that differs (conflicts, audit changes) */
	DR_DIM,     /* help text, empty lists */
	DR_OVERDUE, /* a record with a deadline past (bold; red) */
	DR_SOON,    /* a record with a deadline near (bold; yellow) */
	DR_ROLES
};

/* Chooses colours or none: conf.color, NO_COLOR and the terminal decide. Call after initscr. */
void dr_init(void);
bool dr_color(void);
attr_t dr_attr(enum dr_role r);

/* Byte length of the longest start of s that fits in cols display columns (stops at '\n'). */
size_t dr_cut(const char *s, int cols);
/*
 * Draws s at (y, x) cut to cols display columns (with an ellipsis when cut)
 * and padded with spaces to exactly cols (right-aligned when right), in attr.
 */
void dr_text(WINDOW *w, int y, int x, int cols, const char *s, attr_t attr, bool right);
/*
 * Screen lines s needs wrapped into cols columns (at least one): lines break at '\n' and
 * where they fill, never inside a number, date or word, never before a closing mark nor
 * after an opening one, never inside a name of a list (张伟、欧阳明).
 */
int dr_lines(const char *s, int cols);
/* Draws s wrapped as dr_lines() counts, from its line skip, at most max lines, in a. */
void dr_wrapped(WINDOW *w, int y, int x, int cols, const char *s, int skip, int max, attr_t a);
/* Draws s at (y, x) cut to at most cols columns, without padding; returns the columns used. */
int dr_put(WINDOW *w, int y, int x, int cols, const char *s, attr_t attr);
/* Fills cols columns at (y, x) with spaces in attr. */
void dr_blank(WINDOW *w, int y, int x, int cols, attr_t attr);
/*
 * Draws a bar of val over max, rounded to at most cols columns (at least one
 * when val > 0), at (y, x) in attr; '#' blocks when the terminal is ASCII.
 */
void dr_bar(WINDOW *w, int y, int x, int cols, int64_t val, int64_t max, attr_t attr);
/* A box of rows x cols at (y, x): ASCII with [ui] ascii_borders, line drawing otherwise. */
void dr_box(WINDOW *w, int y, int x, int rows, int cols);
/* Returns a new string: n formatted with thousands separators ("1,000,000"). */
char *dr_number(long long n);
/* Returns a new string: "2026-03-02 09:00" of an ISO time ("2026-03-02T09:00:00+08:00"). */
char *dr_minute(const char *iso);

#endif
