/*
 * Picking a record for a form field: the list widget over a reference kind;
 * Enter puts the value of one column into the field. Module prefix: pick_.
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
};

/* arg: a struct pick_spec *, copied. */
extern const struct screen scr_pick;

#endif
