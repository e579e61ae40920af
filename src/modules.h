/*
 * The module registry: one row per module of records (deputies, voter
 * issues, motions and suggestions, and those to come). The main menu, the
 * command line (its groups and the generic verbs list, show, history,
 * act, stats and report), renda demo, a deputy's page and the help iterate it. A row ties
 * together what a module is made of, layer by layer: its workflow and its
 * model (src/model/<module>/), its own commands (src/cli/) and its console
 * callbacks (src/tui/). HACKING.md says how to add a module.
 * Module prefix: module_.
 */
#ifndef RENDA_MODULES_H
#define RENDA_MODULES_H

#include <stdbool.h>

struct wf_def;
struct mod_model;
struct cli_cmd;
struct mod_console;
struct demo_gen;
struct stat_provider;
struct sync_def;
struct report_def;
struct scope;

struct module {
	const char *name;  /* "case": its CLI group and its key everywhere */
	const char *label; /* msgid: its entry in the main menu ("Voter issues") */
	const char *desc;  /* msgid: what the entry holds */
	const char *items; /* msgid: its records in a sentence ("voter issues") */
	const char
	    *theirs; /* msgid: a deputy's records, on the deputy's page ("Their voter issues") */
	const struct wf_def *flow;         /* its workflow (model/flow), or NULL */
	const struct mod_model *model;     /* its list, record and parts (model/core/module.h) */
	const struct cli_cmd *cli;         /* its own commands (cli/cli.h), ending in {NULL} */
	const struct mod_console *console; /* its console callbacks (tui/modscr.h) */
	/* Its demo data (model/core/demo_gen.h), after the roster; NULL when none. */
	int (*demo)(struct demo_gen *d);
	/* Its statistics (model/stat/stat.h), ending with a NULL name; NULL when none. */
	const struct stat_provider *stats;
	/* Its workbooks (export/report.h), ending with a NULL name; NULL when none. */
	const struct report_def *reports;
	/*
	 * The words its commands start with when it belongs to another module ("project
	 * cycle": the yearly cycles of the livelihood projects), or NULL: its name. Such a
	 * module has no entry of its own in the main menu: the views of the module it
	 * belongs to (the first word) open its lists.
	 */
	const char *group;
	/* RD_OK when the scope may open it at all, else why not (err_set); NULL: every role.
	   The main menu offers only what the user may open. */
	int (*may_open)(const struct scope *sc);
	/* How its records travel between a town's database and the city's
	   (model/sync/sync_def.h); NULL when they stay in each database. */
	const struct sync_def *sync;
	/* The tables of its records that stay in the database they are in, never exchanged
	   (the city's finance data, which the towns do not see), ending with NULL; or NULL. */
	const char *const *stays;
	/* Its part in the deputies' duty points (model/points/points.h): the items it gives
	   and the queries that find them; NULL when none. */
	const struct points_def *points;
};

extern const struct module modules[];
extern const int nmodules;

/* The module named name, or NULL. */
const struct module *module_find(const char *name);
/* The words of its command-line group: group, or its name. */
const char *module_words(const struct module *m);

#endif
