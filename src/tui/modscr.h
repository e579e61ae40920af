/*
 * The console side of a module of the registry (src/modules.h): the one list
 * screen and the one record page that every module's records share
 * (scr_records.c), the one step screen that runs any workflow's step from its
 * transition row (scr_step.c), and the callbacks a module supplies in its own
 * screen file (tui/mod_<module>.c): the views of its menu, the fields of its
 * page, its own words for the rows of its sub-lists, and what is special to
 * it (recording a new record, an import, comments). Module prefix: mods_.
 */
#ifndef RENDA_MODSCR_H
#define RENDA_MODSCR_H

#include <stdbool.h>
#include <stdint.h>

#include "model/core/form.h"
#include "model/core/tbl.h"
#include "modules.h"
#include "tui/keys.h"
#include "tui/view.h"

/* An entry of a module's menu: a list with a filter preset, or its statistics. */
struct mod_view {
	const char *label;  /* msgid */
	const char *desc;   /* msgid */
	const char *filter; /* "state=open", "overdue=1", "" (everything); NULL: its statistics (the
	                       registry row's) */
	/* The module whose list it opens, when another (one that belongs to this one, such
	   as its yearly cycles: modules.h, group); NULL: this module. */
	const char *module;
};

/* Field flags on a record's page. */
enum {
	MV_SKIP_EMPTY = 1, /* not shown when empty */
	MV_MINUTE = 2,     /* an ISO time shown as "2026-03-02 09:00" */
	MV_LATE = 4,       /* drawn as a difference (bold) when the record is overdue */
	MV_MONEY = 8,      /* an amount in yuan shown with its thousands grouped ("1,970,000.00") */
};

/* A field of a record's page: a column of the model's record. */
struct mod_field {
	const char *key;   /* the record's column */
	const char *label; /* msgid */
	unsigned flags;    /* MV_* */
};

struct mod_console {
	/* A module that is not a list of workflow records opens its own screen (deputies). */
	int (*open)(void);
	const char *one;        /* msgid: a record named in titles and messages ("case %s") */
	const char *page_title; /* msgid: a record's page, its name and title ("Case %s: %s") */
	const struct mod_view *views;
	int nviews;
	const struct mod_field *fields; /* the record page's fields, in order */
	int nfields;
	/* The text shown for a field (a new string), or NULL for the value as stored. */
	char *(*show)(const struct tbl *rec, const char *key);
	/* A row of a sub-list on the page, in the module's words (label, value). */
	void (*part_row)(const char *part, const struct tbl *t, int row, struct vw_data *d);
	const char *select_form; /* the form that chooses the list's filters */
	bool (*may_add)(void);   /* a new record may be recorded (NULL: never) */
	int (*add)(void);        /* records a new record (a form, a pick first...) */
	int (*import)(void);     /* imports a file of records, or NULL */
	unsigned keys;           /* key contexts of its own on its list and page */
	/* Its own actions on record id (named name), and whether one is offered now. */
	int (*act)(enum action a, int64_t id, const char *name);
	bool (*can)(enum action a);
	/*
	 * Optional: the form a step asks (d, of forms/) built for record id when its
	 * fields depend on the record (a tally sheet with a row per candidate): *out a
	 * new form (form_copy(), form_add_field()), or NULL to ask d as it is. RD_OK,
	 * or an error with its message (the step is not asked).
	 */
	int (*step_form)(const struct form_def *d, int64_t id, struct form_def **out);
};

/* A record's name in titles and messages (the module's one, with its number or #id). */
char *mods_name(const struct module *m, const char *number, int64_t id);
/* Opens a module: its own screen, or the menu of its views. */
int mods_open(const struct module *m);
/* Opens the list of module m's records that pass the filter "k=v;k=v" (NULL or "": all). */
int mods_list(const struct module *m, const char *filter);
/* Opens the page of record id of module m. */
int mods_page(const struct module *m, int64_t id);
/* Offers the steps of the workflow the session may take on record id now (a menu). */
int mods_steps(const struct module *m, int64_t id);

/*
 * Opens a deputy's duty archive (履职档案) of year (0: this one) as of asof (NULL:
 * now): mod_points.c, opened from the ranking and from the roster.
 */
int points_open_archive(const char *code, const char *name, int year, const char *asof);

/* The console callbacks of the modules (tui/mod_*.c, scr_deputy.c). */
extern const struct mod_console deputy_console, case_console, sugg_console;
extern const struct mod_console finance_console, warning_console, policy_console;
extern const struct mod_console project_console, pcycle_console, pproposal_console,
    popinion_console;
extern const struct mod_console deputy_console, case_console, sugg_console, activity_console,
    points_console;
extern const struct mod_console cockpit_console;

#endif
