/*
 * Picking a record for a form field: the list widget over a reference kind;
 * Enter puts the value of one column into the field; and the pick of one or
 * several records for a step of a workflow. Module prefix: pick_, mp_.
 */
#ifndef RENDA_PICK_H
#define RENDA_PICK_H

#include "model/core/pager.h"
#include "tui/shell.h"

struct pick_spec {
	char *title;     /* owned once pushed */
	struct pager *p; /* owned once pushed */
	int col;         /* the column whose value is picked */
	void (*done)(void *ctx, const char *value);
	void *ctx;
	char typed[64]; /* a text (a character typed into the field, a town): the list opens
	                   filtered by it */
};

/* arg: a struct pick_spec *, copied. A Chinese character typed in the list filters it. */
extern const struct screen scr_pick;

/*
 * Picking one record, or several (Space marks), from a list for a step of a
 * workflow: Enter hands the values of one column to done (an empty cell
 * gives "#id": an item not numbered yet).
 */
struct mp_spec {
	char *title;     /* owned once pushed */
	struct pager *p; /* owned once pushed */
	const char *col; /* the column whose values are picked */
	bool multi;      /* Space marks several; Enter takes the marked (or the current) rows */
	/* Takes the values picked (and ctx): SK_* (it may open the next screen). */
	int (*done)(void *ctx, char **vals, int n);
	void (*free)(void *ctx); /* ctx when nothing was picked */
	void *ctx;
};
/* arg: a struct mp_spec *, copied. */
extern const struct screen scr_mpick;

#endif
