/*
 * The one list widget of the console (as tmux's mode-tree): every list of
 * records is a pager (model/pager.h) drawn here. Columns are laid out in
 * display columns from the rows on the screen and the width: PC_KEEP columns
 * and the PC_FLEX one (the title) always; then, in table order, the others
 * while the title keeps 20 columns; PC_EXTRA ones, and those with nothing on
 * most rows shown, only once the title is whole; an empty column never.
 * A PC_WHOLE column is as wide as its widest cell; the others take at most
 * their width until the title is whole, then grow to their widest; what is
 * left goes to the title. The list sorts by a column, filters as you type,
 * searches, marks rows for actions on several, and reads one page at a
 * time by keyset, so a million rows move as fast as ten. Screens own a
 * struct lw and hand it the keys they do not handle themselves.
 * Module prefix: lw_.
 */
#ifndef RENDA_LIST_H
#define RENDA_LIST_H

#include <curses.h>
#include <stdbool.h>
#include <stdint.h>

#include "model/core/pager.h"
#include "tui/keys.h"

struct lw;

/* Returns a new list over p; the list owns p. */
struct lw *lw_new(struct pager *p);
void lw_free(struct lw *l);
struct pager *lw_pager(struct lw *l);

/*
 * Lets the screen choose the text of cells: fn(ctx, col, shown) returns the
 * text to draw for column col (shown is what the pager shows), or shown.
 */
void lw_set_cell_text(struct lw *l, const char *(*fn)(void *ctx, int col, const char *shown),
                      void *ctx);
/*
 * Lets the screen draw some rows in another way (a deadline past): fn(ctx, row)
 * returns attributes added to the row's, or A_NORMAL.
 */
void lw_set_row_attr(struct lw *l, attr_t (*fn)(void *ctx, const struct pager_row *row), void *ctx);
/* Draws the list (a heading row, then rows) in rows x cols at (y, x) of w. */
void lw_draw(struct lw *l, WINDOW *w, int y, int x, int rows, int cols);
/*
 * Moves, sorts, filters, searches and marks (SK_* flags); SK_UNHANDLED for
 * actions that belong to the screen (open, add, ...).
 */
int lw_key(struct lw *l, enum action a);
/* A click on body row y (0 is the heading): moves the cursor there; true when on a row. */
bool lw_click(struct lw *l, int y);
/* Whether an action of the widget applies to this list (the hint line). */
bool lw_can(const struct lw *l, enum action a);

/*
 * The callbacks that every list screen shares, for a screen whose state
 * (s->st) begins with its list widget (struct lw *): drawing, the row count of
 * the status line, a click (twice opens the row: the screen's ACT_OPEN), and
 * freeing a state that holds nothing else.
 */
struct scr;
void lw_scr_draw(struct scr *s, WINDOW *w, int rows, int cols);
const char *lw_scr_info(struct scr *s);
void lw_scr_click(struct scr *s, int y, int x, bool twice);
void lw_scr_free(struct scr *s);

/* The row under the cursor, or NULL when the list is empty. */
const struct pager_row *lw_current(const struct lw *l);
/* The marked ids (*ids points into the widget) and their number. */
int lw_marked(const struct lw *l, const int64_t **ids);
void lw_unmark_all(struct lw *l);
/* "1,000,000 rows", with the filter and marks: for the title line. Points into the widget. */
const char *lw_info(struct lw *l);
/* True when a list drawn is still to be counted (its page is on the screen without). */
bool lw_count_pending(void);
/* Counts the lists drawn uncounted; true when some count is new (draw again to show it). */
bool lw_count_now(void);
/* Reads the page again (after a change, or when the data generation moved). */
void lw_reload(struct lw *l);
/* Opens the filter's prompt (f) with typed after the filter in force, the list filtered
   by it at once: a character typed where no key means anything starts a filter. */
void lw_filter_typed(struct lw *l, const char *typed);
/*
 * Puts the row with this id under the cursor when the list is next drawn (a
 * record just saved); a filter typed that hides it is taken away.
 */
void lw_select(struct lw *l, int64_t id);
/*
 * The same for the next list drawn whose pager is named list_name (its
 * pager_def's name): a form that saves a new record calls it, and the list it
 * was opened from shows the record when the form closes.
 */
void lw_select_new(const char *list_name, int64_t id);

#endif
