/*
 * The command line: one table of commands (cli.c) whose handlers call the
 * same model functions as the console. Handlers return the exit status:
 * 0 success, 1 refused or failed (message on stderr), 2 usage error.
 */
#ifndef RENDA_CLI_H
#define RENDA_CLI_H

#include <getopt.h>
#include <sqlite3.h>
#include <stdbool.h>

#include "model/core/scope.h"
#include "model/flow/flow.h"

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

/* What a command needs before its handler runs. */
enum cli_needs {
	NEEDS_NOTHING = 0, /* opens nothing (init, demo, help) */
	NEEDS_DB = 1,      /* an open database, no registered account (audit verify, check);
	                      a setgid run asks for one all the same, unless root runs it */
	NEEDS_SCOPE = 2,   /* an open database and a registered account */
};

struct cli_ctx {
	const char *db_path;   /* resolved database path */
	const char *conf_path; /* --config, or NULL */
	sqlite3 *db;           /* open when the command needs it */
	struct scope sc;       /* loaded when the command needs it */
	const struct cli_cmd *cmd;
};

struct cli_cmd {
	const char *name;  /* one to three words: "user add", "points rules list" */
	const char *usage; /* arguments after the name */
	const char *help;  /* one line, translatable */
	enum cli_needs needs;
	int (*run)(struct cli_ctx *ctx, int argc, char **argv);
};

/* A command's usage and help line (msgids, or texts made for it); "" when it has none.
   A module's verbs get theirs made when first asked for (cli_module_fill()). */
const char *cli_cmd_usage(const struct cli_cmd *c);
const char *cli_cmd_help(const struct cli_cmd *c);

/* Runs the command line (after global options are taken out); returns the exit status. */
int cli_main(int argc, char **argv, const char *db_path, const char *conf_path);

/* Prints "usage: renda NAME USAGE" and a hint to stderr; returns EXIT_USAGE. */
int cli_usage(const struct cli_ctx *ctx, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Reports the model's error (err_msg()) and returns EXIT_FAIL. */
int cli_fail(void);
/* True when argv holds -h or --help before "--". */
bool cli_wants_help(int argc, char **argv);
/* Prints the command's help (usage, description, options). */
void cli_help_cmd(const struct cli_cmd *cmd);

/*
 * Parses options with getopt_long; reports unknown options as usage errors.
 * Returns the option character, -1 at the end, or '?' after printing usage.
 */
int cli_getopt(struct cli_ctx *ctx, int argc, char **argv, const char *shortopts,
               const struct option *longopts);

/* Parses a positive integer id; false with a usage message naming what. */
bool cli_parse_id(const char *s, long long *out);

struct ref_kind;
struct import_report;
/*
 * Reads "--KEY VALUE" pairs naming fields of kind k into vals (indexed like
 * k->fields), and --version into *version when it is not NULL. Returns 0 or
 * the exit status of a usage error.
 */
int cli_read_fields(struct cli_ctx *ctx, const struct ref_kind *k, int argc, char **argv, int from,
                    const char **vals, long long *version);
/* Prints an import's rejected rows and its counts; returns the exit status. */
int cli_import_result(int rc, struct import_report *rep, const char *what);

/* The options of a workflow step (cli_act_options). */
#define CLI_MAX_NAMED 64
struct cli_act {
	struct flow_args a;
	const char *support[CLI_MAX_NAMED], *deputies[CLI_MAX_NAMED];
	const char *names[CLI_MAX_NAMED], *values[CLI_MAX_NAMED]; /* --set KEY=VALUE */
};
/* Parses the options of a step into o; 0 or the exit status of a usage error. */
int cli_act_options(struct cli_ctx *ctx, int argc, char **argv, struct cli_act *o);
struct module;
/* Takes the step action on the record ref of module m and says where it stands now. */
int cli_module_act(struct cli_ctx *ctx, const struct module *m, const char *ref, const char *action,
                   const struct flow_args *a);
struct tbl;
/* Prints a table as TSV with a header; EXIT_OK. */
int cli_print_tbl(const struct tbl *t);
/* The generic verbs of a module of the registry (list, show, history, act), built once. */
const struct cli_cmd *cli_module_verbs(const struct module *m);
/* Makes the usage and help of the module's verbs whose table holds c (none: nothing);
   running a command needs only their names. */
void cli_module_fill(const struct cli_cmd *c);
/* The same for the stats verbs. */
void cli_stats_fill(const struct cli_cmd *c);
void cli_module_free(void);

/* Command tables of each command group, gathered by cli.c (the modules' own are rows of
   the registry, src/modules.h). */
extern const struct cli_cmd cli_core_cmds[];
extern const struct cli_cmd cli_user_cmds[];
extern const struct cli_cmd cli_audit_cmds[];
extern const struct cli_cmd cli_calendar_cmds[];
extern const struct cli_cmd cli_qr_cmds[];
/* renda stats NAME, one per statistics provider of the registry (built once). */
const struct cli_cmd *cli_stats_verbs(void);
void cli_stats_free(void);
/* renda report NAME, one per report of the registry (built once). */
const struct cli_cmd *cli_report_verbs(void);
void cli_report_free(void);
extern const struct cli_cmd cli_sync_cmds[];

#endif
