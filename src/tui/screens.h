/*
 * The screens of the console, each a const struct screen (shell.h), and
 * what they take when pushed. Widgets that screens share have their own
 * headers: list.h (lists), view.h (a record, side by side), formscr.h
 * (forms from forms/), pick.h, progress.h. Module prefix: scr_ (the screen
 * classes, and functions that open a screen).
 */
#ifndef RENDA_SCREENS_H
#define RENDA_SCREENS_H

#include <stdbool.h>
#include <stdint.h>

#include "tui/shell.h"

/* A menu: the main one (arg NULL), or another (arg a struct menu_spec *, copied). */
extern const struct screen scr_menu;
struct menu_spec {
	const char *title; /* msgid */
	int n;
	const char *const *labels; /* msgids; they must outlive the menu */
	const char *const *descs;  /* msgids or NULL */
	/* Enter on entry i: returns SK_* (SK_CLOSE closes the menu). */
	int (*choose)(void *ctx, int i);
	void *ctx;
	int cur; /* entry under the cursor at first */
};

/* Shows the keys of a screen, from the key table. */
int scr_help(struct scr *target);

/* Users and roles (arg NULL). */
extern const struct screen scr_users;

/* The records of one reference kind (arg: const struct ref_kind *). */
extern const struct screen scr_ref;
/* Opens the menu of reference kinds. */
int scr_ref_menu(void);
struct report_def;
struct report_query;
/* Asks where to write report r's workbook of q (the options r takes, copied; init the name
   offered), then writes it under a box that Esc cancels, as renda report does. */
void scr_workbook_ask(const struct report_def *r, const struct report_query *q, const char *init);
/* The menu of database care (backup, check, audit anchor, search indexes); admins only. */
int scr_care_menu(void);
/* Verifies the audit trail under a progress box (Esc cancels); a break or a cancel is
   said on the message line, an intact trail too when say_intact. RD_OK when intact. */
int scr_audit_verify(bool say_intact);

/* The audit trail (arg NULL), or one record's history (arg: struct audit_arg *, copied). */
extern const struct screen scr_audit;
struct audit_arg {
	const char *entity; /* "user", a reference kind's name */
	int64_t id;
	const char *what; /* names the record in the title ("乍浦镇") */
};
/* Opens the history of a record. */
int scr_history(const char *entity, int64_t id, const char *what);

/* The deputy roster (arg NULL): list, pages, forms, leaving office, QR codes, import, export. */
extern const struct screen scr_deputies;

/* Data exchange with the city or the towns (arg NULL): the exchange log, files, conflicts. */
extern const struct screen scr_sync;
/* The open conflicts of the exchange (arg NULL). */
extern const struct screen scr_sync_conflicts;

/* The statistics of a module (arg: the const struct stat_provider * whose tables it shows). */
extern const struct screen scr_stats;

#endif
