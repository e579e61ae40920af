/*
 * The form screen: runs a form of forms/ (model/form.h) with one line
 * editor per field (tui/ledit.h). Tab and Shift-Tab (or Up and Down) move
 * between fields; choice fields pick from a list; saving checks every field
 * with form_check() and, on a bad value, puts the cursor on that field with
 * the message, keeping everything typed. When the model answers RD_CONFLICT
 * (another clerk saved the record meanwhile), both versions are shown side
 * by side and the clerk keeps theirs, takes the other, or edits again;
 * nothing is overwritten silently. Module prefix: fs_.
 */
#ifndef RENDA_FORMSCR_H
#define RENDA_FORMSCR_H

#include <stdbool.h>
#include <stdint.h>

#include "model/core/form.h"
#include "model/core/pager.h"
#include "tui/shell.h"

struct fs_spec {
	const struct form_def *form;
	char *title;   /* owned by the form screen once pushed */
	char **values; /* nfields starting values (NULL: the field's default); owned once pushed */
	bool *locked;  /* nfields flags of fields that cannot change here, or NULL; owned */
	int64_t version; /* the record's version when read (0 for a new record) */
	/* Saves the values (nfields strings, "" when empty) against version: RD_*, err_msg(). */
	int (*save)(void *ctx, char *const *values, int64_t version);
	/* The stored record now, for a conflict: new array of nfields new strings, its version. */
	int (*theirs)(void *ctx, char ***values, int64_t *version);
	void (*free)(void *ctx);
	void *ctx;
	/* The record in the audit trail (entity and id), to name who saved it meanwhile; or
	   NULL. */
	const char *entity;
	int64_t id;
	/* The message once saved (a msgid; NULL: "Saved."; "": the save said what it did, as
	   a step does): a form that chooses what a screen shows saves nothing. */
	const char *done;
};

/* arg: a struct fs_spec *, copied (its owned parts are taken over, also on failure). */
extern const struct screen scr_form;

/* The value of the field with this key among a form's values, or NULL when it has none. */
const char *fs_value(const struct form_def *d, char *const *values, const char *key);
/*
 * Starting values of a form from a list row, matched by key (fields the row
 * lacks get NULL). Returns a new array of nfields; free with fs_free_values().
 */
char **fs_values_from_row(const struct form_def *d, const struct pager_def *pd,
                          const struct pager_row *row);
/* Frees an array of n strings and the array. */
void fs_free_values(char **values, int n);
/*
 * A town clerk's new record starts in the clerk's town: sets the form's town
 * field among *values (a new array of nfields when NULL) to it. Nothing for
 * those whose scope is not one town, or a form without a town.
 */
void fs_start_in_town(const struct form_def *d, char ***values);

#endif
