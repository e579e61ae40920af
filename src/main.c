/* renda: the working console of a people's congress standing committee. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "model/flow/flow.h"
#include "tui/tui.h"
#include "util/conf.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/paths.h"
#include "util/xalloc.h"

static void version(void)
{
	printf("renda %s\n", PACKAGE_VERSION);
}

/* The database path: --db, then RENDA_DB, then the configuration, then XDG. Caller frees. */
static char *resolve_db(const char *opt)
{
	if (opt)
		return xstrdup(opt);
	const char *env = getenv("RENDA_DB");
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

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	bindtextdomain(PACKAGE, getenv("RENDA_LOCALEDIR") ? getenv("RENDA_LOCALEDIR") : LOCALEDIR);
	textdomain(PACKAGE);

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
		fprintf(stderr, _("renda: unknown option %s; 'renda --help' lists the options\n"), argv[1]);
		return EXIT_USAGE;
	}
	if (conf_load(cfg_opt)) {
		err_report();
		return EXIT_FAIL;
	}
	char *db = resolve_db(db_opt);
	int rc = argc >= 2 ? cli_main(argc - 1, argv + 1, db, cfg_opt) : tui_main(db);
	free(db);
	cli_module_free();
	flow_free_all();
	conf_free();
	return rc;
}
