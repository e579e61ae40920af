/* renda init | backup | check | ref ... */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/out.h"
#include "model/core/admin.h"
#include "model/core/audit.h"
#include "model/core/db.h"
#include "model/core/demo.h"
#include "model/core/ref.h"
#include "model/core/user.h"
#include "model/core/vocab.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/xalloc.h"

static int cmd_init(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"site", required_argument, NULL, 's'},
	    {NULL, 0, NULL, 0},
	};
	const char *site = NULL;
	int c;
	while ((c = cli_getopt(ctx, argc, argv, "", opts)) != -1) {
		if (c != 's')
			return EXIT_USAGE;
		site = optarg;
	}
	if (optind != argc)
		return cli_usage(ctx, _("unexpected argument %s"), argv[optind]);
	sqlite3 *db;
	if (admin_init(ctx->db_path, site, &db))
		return cli_fail();
	db_close(db);
	printf(_("created %s with the reference data; %s is its administrator\n"), ctx->db_path,
	       ident_login());
	return EXIT_OK;
}

/*
 * A demo stopped by a signal (Ctrl-C, kill, a closed terminal) while it is made: its
 * files, written without a journal, are of no use and are removed before renda ends
 * as the signal says. Armed once the new files exist (never an existing database's),
 * disarmed once the demo is whole.
 */
static char demo_files[24][PATH_MAX];
static const int demo_signals[] = {SIGINT, SIGTERM, SIGHUP};

static void demo_stopped(int sig)
{
	for (int i = 0; i < N_OF(demo_files) && demo_files[i][0]; i++)
		unlink(demo_files[i]);
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Adds path's files to those removed (the first call sets the handlers). */
static void demo_arm(const char *path)
{
	int i = 0;
	while (i < N_OF(demo_files) && demo_files[i][0])
		i++;
	if (!i) {
		struct sigaction sa = {.sa_handler = demo_stopped};
		sigemptyset(&sa.sa_mask);
		for (int s = 0; s < N_OF(demo_signals); s++)
			sigaction(demo_signals[s], &sa, NULL);
	}
	for (size_t k = 0; admin_file_suffixes[k] && i + 1 < N_OF(demo_files); k++, i++)
		snprintf(demo_files[i], sizeof demo_files[i], "%s%s", path, admin_file_suffixes[k]);
}

static void demo_disarm(void)
{
	for (size_t i = 0; i < sizeof demo_signals / sizeof demo_signals[0]; i++)
		signal(demo_signals[i], SIG_DFL);
	memset(demo_files, 0, sizeof demo_files);
}

static int cmd_demo(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"scale", required_argument, NULL, 's'},
	    {"seed", required_argument, NULL, 'S'},
	    {"site", required_argument, NULL, 't'},
	    {NULL, 0, NULL, 0},
	};
	struct demo_opts o = {.scale = 1, .seed = 1, .progress = stderr, .created = demo_arm};
	long long v;
	int c;
	while ((c = cli_getopt(ctx, argc, argv, "", opts)) != -1) {
		switch (c) {
		case 's':
			if (!cli_parse_id(optarg, &v) || v > 1000)
				return cli_usage(ctx,
				                 _("--scale takes a whole number from 1 to 1000"));
			o.scale = (int)v;
			break;
		case 'S': {
			char *end;
			o.seed = strtoull(optarg, &end, 10);
			if (!*optarg || *end)
				return cli_usage(ctx, _("--seed takes a whole number"));
			break;
		}
		case 't': o.site = optarg; break;
		default: return EXIT_USAGE;
		}
	}
	if (optind != argc)
		return cli_usage(ctx, _("unexpected argument %s"), argv[optind]);
	int rc = demo_build(ctx->db_path, &o);
	demo_disarm();
	if (rc)
		return cli_fail();
	printf(_("created the demo database %s (scale %d, seed %llu); %s is its administrator\n"),
	       ctx->db_path, o.scale, (unsigned long long)o.seed, ident_login());
	return EXIT_OK;
}

static int cmd_backup(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {{"force", no_argument, NULL, 'f'}, {NULL, 0, NULL, 0}};
	bool force = false;
	int c;
	while ((c = cli_getopt(ctx, argc, argv, "f", opts)) != -1) {
		if (c != 'f')
			return EXIT_USAGE;
		force = true;
	}
	if (optind < argc - 1)
		return cli_usage(ctx, _("name one FILE to write the backup to"));
	if (scope_require_admin(&ctx->sc))
		return cli_fail();
	if (optind == argc) {
		if (force)
			return cli_usage(ctx, _("--force is for a FILE you name"));
		char *path;
		if (admin_backup_home(ctx->db, &path))
			return cli_fail();
		printf(_("backed up %s to %s\n"), ctx->db_path, path);
		free(path);
		return EXIT_OK;
	}
	if (admin_backup(ctx->db, argv[optind], force))
		return cli_fail();
	printf(_("backed up %s to %s\n"), ctx->db_path, argv[optind]);
	return EXIT_OK;
}

static int cmd_check(struct cli_ctx *ctx, int argc, char **argv)
{
	if (argc != 1)
		return cli_usage(ctx, _("unexpected argument %s"), argv[1]);
	struct sbuf report = SBUF_INIT, warnings = SBUF_INIT;
	int rc = admin_check(ctx->db, &report, &warnings);
	fputs(sbuf_str(&report), rc ? stderr : stdout);
	/* Warnings go to stderr (cron mails them) but do not fail the check. */
	for (const char *p = sbuf_str(&warnings); *p;) {
		const char *nl = strchr(p, '\n');
		int len = nl ? (int)(nl - p) : (int)strlen(p);
		fprintf(stderr, _("renda: warning: %.*s\n"), len, p);
		p += len + (nl != NULL);
	}
	sbuf_free(&report);
	sbuf_free(&warnings);
	return rc ? EXIT_FAIL : EXIT_OK;
}

static const struct ref_kind *kind_arg(struct cli_ctx *ctx, const char *name)
{
	const struct ref_kind *k = ref_kind_find(name);
	if (!k) {
		struct sbuf b = SBUF_INIT;
		for (int i = 0; i < ref_nkinds; i++)
			sbuf_printf(&b, "%s%s", i ? ", " : "", ref_kinds[i].name);
		cli_usage(ctx, _("unknown reference kind '%s' (one of %s)"), name, sbuf_str(&b));
		sbuf_free(&b);
	}
	return k;
}

static int cmd_ref_list(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {{"format", required_argument, NULL, 'f'},
	                                     {NULL, 0, NULL, 0}};
	enum out_format fmt = OUT_TSV;
	int c;
	while ((c = cli_getopt(ctx, argc, argv, "", opts)) != -1)
		if (c != 'f' || !out_parse_format(optarg, &fmt))
			return c == '?' ? EXIT_USAGE
			                : cli_usage(ctx, _("--format must be tsv, csv or json"));
	if (optind != argc - 1)
		return cli_usage(ctx, _("name one KIND"));
	const struct ref_kind *k = kind_arg(ctx, argv[optind]);
	if (!k)
		return EXIT_USAGE;
	const char *cols[REF_MAX_FIELDS + 2];
	cols[0] = "id";
	for (int i = 0; i < k->nfields; i++)
		cols[i + 1] = k->fields[i].key;
	cols[k->nfields + 1] = "version";
	sqlite3_stmt *st = ref_list(ctx->db, &ctx->sc, k);
	if (!st)
		return cli_fail();
	struct out o;
	out_begin(&o, stdout, fmt, cols, k->nfields + 2);
	long n = out_stmt(&o, st);
	out_end(&o);
	sqlite3_finalize(st);
	if (n < 0) {
		db_fail(ctx->db, k->name);
		return cli_fail();
	}
	return EXIT_OK;
}

static int cmd_ref_add(struct cli_ctx *ctx, int argc, char **argv)
{
	if (argc < 2)
		return cli_usage(ctx, _("name one KIND"));
	const struct ref_kind *k = kind_arg(ctx, argv[1]);
	if (!k)
		return EXIT_USAGE;
	const char *vals[REF_MAX_FIELDS] = {0};
	int rc = cli_read_fields(ctx, k, argc, argv, 2, vals, NULL);
	if (rc)
		return rc;
	int64_t id;
	if (ref_add(ctx->db, &ctx->sc, k, vals, &id))
		return cli_fail();
	printf(_("added %s %lld\n"), vocab_out("entity", k->name), (long long)id);
	return EXIT_OK;
}

static int cmd_ref_edit(struct cli_ctx *ctx, int argc, char **argv)
{
	long long id, version = 0;
	if (argc < 3 || !cli_parse_id(argv[2], &id))
		return cli_usage(ctx, _("name a KIND and a record ID"));
	const struct ref_kind *k = kind_arg(ctx, argv[1]);
	if (!k)
		return EXIT_USAGE;
	const char *vals[REF_MAX_FIELDS] = {0};
	int rc = cli_read_fields(ctx, k, argc, argv, 3, vals, &version);
	if (rc)
		return rc;
	bool any = false;
	for (int i = 0; i < k->nfields; i++)
		any |= vals[i] != NULL;
	if (!any)
		return cli_usage(ctx, _("name at least one --FIELD VALUE to change"));
	if (ref_edit(ctx->db, &ctx->sc, k, id, version, vals))
		return cli_fail();
	printf(_("changed %s %lld\n"), vocab_out("entity", k->name), id);
	return EXIT_OK;
}

static int cmd_ref_import(struct cli_ctx *ctx, int argc, char **argv)
{
	if (argc != 3)
		return cli_usage(ctx, _("name a KIND and a FILE.csv"));
	const struct ref_kind *k = kind_arg(ctx, argv[1]);
	if (!k)
		return EXIT_USAGE;
	struct import_report rep;
	int rc = ref_import(ctx->db, &ctx->sc, k, argv[2], &rep);
	rc = cli_import_result(rc, &rep, argv[2]);
	import_report_free(&rep);
	return rc;
}

const struct cli_cmd cli_core_cmds[] = {
    {"init", N_("[--site TOWN]"),
     N_("create a new database with the reference data; you become its administrator (with "
        "--site: a town's own database)"),
     NEEDS_NOTHING, cmd_init},
    {"demo", N_("[--scale N] [--seed S] [--site TOWN]"),
     N_("create a database with realistic demo data, the same for the same seed"), NEEDS_NOTHING,
     cmd_demo},
    {"backup", N_("[FILE [--force]]"),
     N_("copy the database (and its audit key) consistently while others work (admin only)"),
     NEEDS_SCOPE, cmd_backup},
    {"check", "", N_("check the database's integrity and verify the audit trail"), NEEDS_DB,
     cmd_check},
    {"ref list", N_("KIND [--format tsv|csv|json]"),
     N_("list reference data: town, category, unit, office, group, station, term, session, "
        "calendar, result_class, ethnicity"),
     NEEDS_SCOPE, cmd_ref_list},
    {"ref add", N_("KIND --FIELD VALUE..."), N_("add a reference record (admin only)"), NEEDS_SCOPE,
     cmd_ref_add},
    {"ref edit", N_("KIND ID [--version V] --FIELD VALUE..."),
     N_("change a reference record (admin only)"), NEEDS_SCOPE, cmd_ref_edit},
    {"ref import", N_("KIND FILE.csv"),
     N_("add or update reference records from CSV, all rows or none (admin only)"), NEEDS_SCOPE,
     cmd_ref_import},
    {NULL, NULL, NULL, 0, NULL},
};
