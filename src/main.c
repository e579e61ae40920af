/* renda: the working console of a people's congress standing committee. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "model/core/db.h"
#include "model/core/scope.h"
#include "model/flow/flow.h"
#include "tui/tui.h"
#include "util/conf.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/paths.h"
#include "util/priv.h"
#include "util/xalloc.h"

static void version(void)
{
	printf("renda %s\n", PACKAGE_VERSION);
}

/* The database path: --db, then RENDA_DB (env), then the configuration, then XDG. Caller frees. */
static char *resolve_db(const char *opt, const char *env)
{
	if (opt)
		return xstrdup(opt);
	if (env && *env)
		return xstrdup(env);
	if (conf.db_path && *conf.db_path) /* "path =" left empty means the default, as RENDA_DB= */
		return xstrdup(conf.db_path);
	const char *xdg = getenv("XDG_DATA_HOME");
	if (xdg && *xdg)
		return xasprintf("%s/renda/renda.db", xdg);
	const char *home = getenv("HOME");
	return xasprintf("%s/.local/share/renda/renda.db", home && *home ? home : ".");
}

/* Takes --db and --config (anywhere before "--") out of argv; returns the new argc or -1. */
static int take_globals(int argc, char **argv, const char **db, const char **cfg)
{
	int out = 1;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char **slot = NULL;
		const char *val = NULL;
		if (!strcmp(a, "--")) {
			while (i < argc)
				argv[out++] = argv[i++];
			break;
		}
		if (!strcmp(a, "--db") || !strcmp(a, "--config")) {
			slot = a[2] == 'd' ? db : cfg;
			if (i + 1 >= argc) {
				fprintf(stderr, _("renda: option %s needs a value\n"), a);
				return -1;
			}
			val = argv[++i];
		} else if (!strncmp(a, "--db=", 5)) {
			slot = db;
			val = a + 5;
		} else if (!strncmp(a, "--config=", 9)) {
			slot = cfg;
			val = a + 9;
		}
		if (slot) {
			if (!*val) {
				fprintf(stderr, _("renda: option %s needs a value\n"), a);
				return -1;
			}
			*slot = val;
		} else
			argv[out++] = argv[i];
	}
	argv[out] = NULL;
	return out;
}

/* The database a setgid run works on: the system configuration's, or the compiled default. */
static char *configured_db(void)
{
	if (conf.db_path && *conf.db_path)
		return xstrdup(conf.db_path);
	return xstrdup(LOCALSTATEDIR "/lib/renda/renda.db");
}

/* True when the running account is an active administrator of the database at path. */
static bool admin_of(const char *path)
{
	sqlite3 *db;
	if (db_open(path, &db))
		return false;
	struct scope sc;
	bool ok = !scope_load(db, &sc) && sc.role == ROLE_ADMIN;
	scope_free(&sc);
	db_close(db);
	err_clear();
	return ok;
}

/*
 * A setgid run works on the configured database with the group's rights. Another
 * database or configuration (--db, --config, RENDA_DB) is refused, unless root or an
 * administrator of the configured database asks: the run then gives the group up for
 * good and goes on with the caller's own rights. Sets *db (caller frees); returns 0 or
 * the exit status.
 */
static int setgid_gate(const char *db_opt, const char *cfg_opt, const char *env_db, char **db)
{
	conf_restrict_user(true);
	if (conf_load(NULL)) {
		err_report();
		return EXIT_FAIL;
	}
	char *mine = configured_db();
	bool elsewhere = cfg_opt || (db_opt && strcmp(db_opt, mine)) ||
	                 (env_db && *env_db && strcmp(env_db, mine));
	if (!elsewhere) {
		*db = mine;
		priv_forget_home();
		return 0;
	}
	if (!priv_root() && !admin_of(mine)) {
		fprintf(
		    stderr,
		    _("renda: on this host renda works on the committee's database %s; --db, "
		      "--config and RENDA_DB may name another only for root or an administrator "
		      "of it\n"),
		    mine);
		free(mine);
		return EXIT_FAIL;
	}
	free(mine);
	priv_drop();
	conf_restrict_user(false);
	if (conf_load(cfg_opt)) {
		err_report();
		return EXIT_FAIL;
	}
	*db = resolve_db(db_opt, env_db);
	return 0;
}

static int start(int argc, char **argv, const char *env_db);

int main(int argc, char **argv)
{
	/* A setgid run gives its group up at once and keeps only the environment it needs. */
	priv_init();
	char *env_db = getenv("RENDA_DB") ? xstrdup(getenv("RENDA_DB")) : NULL;
	priv_clean_env();
	/* The character type (UTF-8, display widths) and the messages' language only: numbers,
	   times and sorting are renda's own (a decimal point, ISO days, ICU's pinyin order),
	   and the other categories would each be read from the locale's files at every start. */
	setlocale(LC_CTYPE, "");
	setlocale(LC_MESSAGES, "");
	/* The tests' catalogue; never a path the caller chose in a setgid run. */
	const char *localedir = priv_setgid() ? NULL : getenv("RENDA_LOCALEDIR");
	bindtextdomain(PACKAGE, localedir && *localedir ? localedir : LOCALEDIR);
	textdomain(PACKAGE);
	int rc = start(argc, argv, env_db);
	free(env_db);
	return rc;
}

/* Everything after the privileges and the locale: options, configuration, the command. */
static int start(int argc, char **argv, const char *env_db)
{
	const char *db_opt = NULL, *cfg_opt = NULL;
	argc = take_globals(argc, argv, &db_opt, &cfg_opt);
	if (argc < 0)
		return EXIT_USAGE;
	if (argc >= 2 && (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V"))) {
		version();
		return EXIT_OK;
	}
	if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")))
		return cli_main(1, (char *[]){"help", NULL}, NULL, NULL);
	if (argc >= 2 && !strcmp(argv[1], "--")) {
		/* "renda -- user list": nothing but operands follow. */
		argv[1] = argv[0];
		argv++;
		argc--;
	}
	if (argc >= 2 && argv[1][0] == '-') {
		fprintf(stderr, _("renda: unknown option %s; 'renda --help' lists the options\n"),
		        argv[1]);
		return EXIT_USAGE;
	}
	char *db = NULL;
	bool help = argc >= 2 && (!strcmp(argv[1], "help") || cli_wants_help(argc - 1, argv + 1));
	if (priv_setgid() && !help) {
		int st = setgid_gate(db_opt, cfg_opt, env_db, &db);
		if (st)
			return st;
	} else {
		if (conf_load(cfg_opt)) {
			err_report();
			return EXIT_FAIL;
		}
		db = resolve_db(db_opt, env_db);
	}
	int rc = argc >= 2 ? cli_main(argc - 1, argv + 1, db, cfg_opt) : tui_main(db);
	free(db);
	cli_module_free();
	cli_stats_free();
	cli_report_free();
	flow_free_all();
	conf_free();
	return rc;
}
