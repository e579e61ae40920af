/*
 * The one line editor of the console: a wchar_t buffer edited key by key,
 * drawn in display columns (a Chinese character is two), never splitting a
 * double-width character, with horizontal scrolling on one line and soft
 * wrapping in a multi-line box. libform is not used (its wide-character
 * support lets a double-width character overflow a field).
 *
 * Keys (ledit_key): printable characters insert (a paste arrives as many
 * characters); Left/Right, Ctrl-B/Ctrl-F; Home/End, Ctrl-A/Ctrl-E (start and
 * end of the line); Backspace (KEY_BACKSPACE, 127, 8); Delete (KEY_DC,
 * Ctrl-D); Ctrl-K kills to the end of the line (at the end of a line in a
 * multi-line box it joins the next line); Ctrl-U kills to the start of the
 * line; Ctrl-W deletes the previous word: blanks, then a run of one class of
 * characters: letters and digits, or CJK characters (a run of Han text up to
 * the previous space or punctuation), or punctuation. Multi-line only:
 * Enter (KEY_ENTER, Ctrl-J, Ctrl-M) inserts a newline; Up/Down move between
 * display rows keeping the display column, and are LEDIT_UNHANDLED on the
 * first/last row so the form can move to the previous/next field.
 * Everything else (Tab, Esc, function keys, Enter on one line) is
 * LEDIT_UNHANDLED and left to the caller.
 */
#ifndef RENDA_LEDIT_H
#define RENDA_LEDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

#include <curses.h>

struct ledit {
	wchar_t *buf; /* the text, NUL-terminated; newlines only in multi-line mode */
	size_t len, cap;
	size_t cur;     /* cursor index into buf (0..len) */
	int scroll;     /* single line: first visible display column; multi-line: unused (0) */
	int top;        /* multi-line: first visible display row (rows after wrapping) */
	bool multiline; /* Enter inserts a newline (Ctrl-J too); otherwise Enter is not handled */
	int max_cols;   /* >0: refuse input that would make the text wider than this many display
	                   columns (all lines together, newlines not counted) */
	/* Kept by the editor; callers read them at most. */
	int wrap;     /* multi-line: width of the last ledit_draw() (0 before: no wrapping) */
	int goal;     /* display column that Up/Down keep (-1: the cursor's own) */
	bool refused; /* the last key was refused because of max_cols */
};

/* Sets up e holding utf8 (NULL is empty); invalid UTF-8 bytes become U+FFFD. */
void ledit_init(struct ledit *e, const char *utf8, bool multiline);
/* Replaces the text (cursor at the end, scrolled back). */
void ledit_set(struct ledit *e, const char *utf8);
void ledit_free(struct ledit *e);
/* Returns the text as a new UTF-8 string; caller frees. */
char *ledit_text(const struct ledit *e);

enum { LEDIT_UNHANDLED = 0, LEDIT_HANDLED = 1, LEDIT_CHANGED = 3 }; /* CHANGED implies HANDLED */

/* Feeds one result of get_wch(): kind is OK or KEY_CODE_YES. Returns LEDIT_*. */
int ledit_key(struct ledit *e, int kind, wint_t ch);

/*
 * Inserts a paste at the cursor, whole or not at all: LEDIT_CHANGED; on one
 * line, LEDIT_UNHANDLED for text of several lines (newlines at its end are
 * dropped); LEDIT_HANDLED with refused set when it is wider than max_cols
 * allows. Tabs become spaces; other control characters are dropped.
 */
int ledit_paste(struct ledit *e, const char *utf8);

/*
 * Draws into w at (y, x), width columns and height lines (1 for one line),
 * with the window's current attributes, filling the whole area; scrolls so
 * the cursor (and the whole character under it) is visible. A double-width
 * character that does not fit at the right edge is shown as '>' (one line)
 * or moves to the next row (multi-line). When focused, moves the window's
 * cursor to the editing position (the caller makes the cursor visible with
 * curs_set(1) and refreshes w last).
 */
void ledit_draw(WINDOW *w, int y, int x, int width, int height, struct ledit *e, bool focused);

/* Cursor's display column: within the text on one line, within its display row in a
   multi-line box (rows as laid out at e->wrap columns). */
int ledit_cursor_col(const struct ledit *e);
/* Cursor's display row in a multi-line box (0 on one line). */
int ledit_cursor_row(const struct ledit *e);
/* Display columns of the whole text (newlines not counted), as max_cols measures it. */
int ledit_width(const struct ledit *e);

#endif
