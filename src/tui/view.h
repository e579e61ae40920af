/*
 * A record shown as rows of label and value(s), wrapped to the width and
 * scrolled: a record's view (label, value), the help screen (keys,
 * meaning), an audit row (field, before, after) and the save conflict
 * (field, mine, theirs) all use it. Rows marked changed are drawn bold (and
 * in colour when allowed) with a '*' before them. Module prefix: vw_.
 */
#ifndef RENDA_VIEW_H
#define RENDA_VIEW_H

#include <stdbool.h>
#include <stdint.h>

#include "tui/keys.h"
#include "tui/shell.h"

struct vw_row {
	char *cell[3]; /* owned; a label, then one or two values */
	bool changed;  /* drawn as a difference */
	bool heading;  /* drawn as column headings */
	/* A row that is a record of its own (vw_link): Tab marks it, Enter opens it. */
	const void *link_kind; /* what the record is (for the spec's open), or NULL */
	int64_t link_id;
};

struct vw_data {
	struct vw_row *rows;
	int n, cap;
	int ncells; /* 2 or 3 */
};

/* Adds a row (c may be NULL with two cells). */
void vw_add(struct vw_data *d, bool changed, const char *a, const char *b, const char *c);
/* Adds a row that opens a record (kind and id, as the spec's open takes them). */
void vw_link(struct vw_data *d, const void *kind, int64_t id, const char *a, const char *b,
             const char *c);
/* Adds a row of column headings. */
void vw_heading(struct vw_data *d, const char *a, const char *b, const char *c);
void vw_data_free(struct vw_data *d);
/*
 * Shows rows made once (a report): rows, allocated and filled by the caller, becomes
 * the view's, which frees it. title is shown as given.
 */
void vw_show_rows(const char *title, struct vw_data *rows);

struct vw_spec {
	char *title;   /* owned by the view once pushed */
	unsigned keys; /* key contexts beyond moving and help: KC_RECORD, or KC_CONFLICT */
	/* Fills d (ncells set, empty rows); called when shown and after data changed. RD_*. */
	int (*load)(void *ctx, struct vw_data *d);
	/* A key the view does not handle itself (edit, history, conflict choices): SK_*. */
	int (*act)(void *ctx, enum action a);
	/* Whether an action is offered (NULL: all of its contexts). */
	bool (*can)(void *ctx, enum action a);
	/* Opens the record of a row added with vw_link() (RD_*; NULL: no row opens). */
	int (*open)(void *ctx, const void *kind, int64_t id);
	void (*free)(void *ctx);
	void *ctx;
};

/*
 * Moves *top by a scrolling action (a line or a page up or down, the first
 * or the last line; the drawing keeps it within the lines). Returns false,
 * leaving *top, for any other action.
 */
bool vw_scroll(enum action a, int *top, int page, int lines);

/* Shows a view (arg: a struct vw_spec *, copied; the view frees title and ctx). */
extern const struct screen scr_view;

#endif
