/* renda sync key|key-load|export|apply|log|peers|conflicts|resolve: towns that work apart. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/out.h"
#include "model/core/db.h"
#include "model/core/pager.h"
#include "model/sync/sync.h"
#include "util/err.h"
#include "util/i18n.h"

/* No operands after the options (want: how many words the command's name took). */
static int no_args(struct cli_ctx *ctx, int argc, char **argv, int want)
{
	if (optind + want < argc)
		return cli_usage(ctx, _("unexpected argument %s"), argv[optind + want]);
	return 0;
}

static int cmd_key(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {{"to", required_argument, NULL, 't'},
	                                     {"out", required_argument, NULL, 'o'},
	                                     {"force", no_argument, NULL, 'f'},
	                                     {NULL, 0, NULL, 0}};
	const char *to = NULL, *out = NULL;
	bool force = false;
	int c;
	while ((c = cli_getopt(ctx, argc, argv, "", opts)) != -1) {
		switch (c) {
		case 't': to = optarg; break;
		case 'o': out = optarg; break;
		case 'f': force = true; break;
		default: return EXIT_USAGE;
		}
	}
	int rc = no_args(ctx, argc, argv, 0);
	if (rc)
		return rc;
	if (!to || !out)
		return cli_usage(ctx, _("--to TOWN and --out FILE are required"));
	if (scope_require_admin(&ctx->sc))
		return cli_fail();
	int site;
	if (sync_site_named(ctx->db, to, &site))
		return cli_usage(ctx, "%s", err_msg());
	if (sync_key_make(ctx->db, &ctx->sc, site, out, force))
		return cli_fail();
	char *name = sync_site_name(ctx->db, site);
	printf(_("wrote the key for exchanging with %s to %s: carry it to that database's "
	         "administrator apart from the exchange files, to load with renda sync key-load\n"),
	       name, out);
	free(name);
	return EXIT_OK;
}

static int cmd_key_load(struct cli_ctx *ctx, int argc, char **argv)
{
	if (argc != 2)
		return cli_usage(ctx, _("name one key FILE"));
	int site;
	if (sync_key_load(ctx->db, &ctx->sc, argv[1], &site))
		return cli_fail();
	char *name = sync_site_name(ctx->db, site);
	printf(_("loaded the key for exchanging with %s\n"), name);
	free(name);
	return EXIT_OK;
}

static int cmd_export(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {{"to", required_argument, NULL, 't'},
	                                     {"out", required_argument, NULL, 'o'},
	                                     {"again", required_argument, NULL, 'a'},
	                                     {"force", no_argument, NULL, 'f'},
	                                     {NULL, 0, NULL, 0}};
	const char *to = NULL, *out = NULL;
	long long again = 0;
	bool force = false;
	int c;
	while ((c = cli_getopt(ctx, argc, argv, "", opts)) != -1) {
		switch (c) {
		case 't': to = optarg; break;
		case 'o': out = optarg; break;
		case 'a':
			if (!cli_parse_id(optarg, &again) || again > 1000000000)
				return cli_usage(
				    ctx, _("--again takes the number of a file written before"));
			break;
		case 'f': force = true; break;
		default: return EXIT_USAGE;
		}
	}
	int rc = no_args(ctx, argc, argv, 0);
	if (rc)
		return rc;
	if (!to || !out)
		return cli_usage(ctx, _("--to city|TOWN and --out FILE are required"));
	if (scope_require_admin(&ctx->sc))
		return cli_fail();
	int site;
	if (sync_site_named(ctx->db, to, &site))
		return cli_usage(ctx, "%s", err_msg());
	struct sync_report r;
	if (sync_export(ctx->db, &ctx->sc, site, out, force, (int)again, &r))
		return cli_fail();
	char *name = sync_site_name(ctx->db, site);
	if (again)
		printf(_("wrote file %d for %s to %s again, as it was: %d changes of %d records\n"),
		       r.seq, name, out, r.changes, r.records);
	else if (!r.changes)
		printf(_("wrote file %d for %s to %s: nothing changed here since the last file; it "
		         "says "
		         "which of %s's files were applied here (up to %d)\n"),
		       r.seq, name, out, name, r.base);
	else
		printf(_("wrote file %d for %s to %s: %d changes of %d records (%s's files applied "
		         "here: "
		         "up to %d)\n"),
		       r.seq, name, out, r.changes, r.records, name, r.base);
	free(name);
	return EXIT_OK;
}

static int cmd_apply(struct cli_ctx *ctx, int argc, char **argv)
{
	if (argc != 2)
		return cli_usage(ctx, _("name one exchange FILE"));
	struct sync_report r;
	if (sync_apply(ctx->db, &ctx->sc, argv[1], &r))
		return cli_fail();
	char *name = sync_site_name(ctx->db, r.peer);
	if (r.already)
		printf(_("file %d from %s was applied before: nothing changed\n"), r.seq, name);
	else {
		printf(_("applied file %d from %s: %d changes of %d records\n"), r.seq, name,
		       r.changes, r.records);
		if (r.conflicts)
			printf(_("%d records were changed here too: their changes wait as "
			         "conflicts (renda "
			         "sync conflicts)\n"),
			       r.conflicts);
		if (r.kept)
			printf(_("%d changes of the city's reference data were not taken: the "
			         "city's versions "
			         "stand\n"),
			       r.kept);
	}
	free(name);
	return EXIT_OK;
}

static int read_format(struct cli_ctx *ctx, int argc, char **argv, enum out_format *fmt, bool *all)
{
	static const struct option opts[] = {{"format", required_argument, NULL, 'f'},
	                                     {"all", no_argument, NULL, 'a'},
	                                     {NULL, 0, NULL, 0}};
	int c;
	while ((c = cli_getopt(ctx, argc, argv, "", opts)) != -1) {
		switch (c) {
		case 'f':
			if (!out_parse_format(optarg, fmt))
				return cli_usage(ctx, _("--format must be tsv, csv or json"));
			break;
		case 'a':
			if (!all)
				return cli_usage(ctx, _("unknown option %s"), "--all");
			*all = true;
			break;
		default: return EXIT_USAGE;
		}
	}
	return 0;
}

static int print_pager(struct pager *p, enum out_format fmt, const char *const *cols, int n)
{
	struct out o;
	out_begin(&o, stdout, fmt, cols, n);
	int rc = out_pager(&o, p, 0);
	out_end(&o);
	pager_free(p);
	return rc ? cli_fail() : EXIT_OK;
}

static int cmd_log(struct cli_ctx *ctx, int argc, char **argv)
{
	enum out_format fmt = OUT_TSV;
	int rc = read_format(ctx, argc, argv, &fmt, NULL);
	if (!rc)
		rc = no_args(ctx, argc, argv, 0);
	if (rc)
		return rc;
	if (scope_require_admin(&ctx->sc))
		return cli_fail();
	static const char *const cols[] = {"id",      "direction", "site",    "seq",
	                                   "base",    "at",        "account", "changes",
	                                   "records", "conflicts", "kept",    "file"};
	return print_pager(sync_listing_files(ctx->db, &ctx->sc), fmt, cols, 12);
}

static int cmd_peers(struct cli_ctx *ctx, int argc, char **argv)
{
	int rc = no_args(ctx, argc, argv, 1);
	if (rc)
		return rc;
	struct tbl t;
	if (sync_peers(ctx->db, &ctx->sc, &t))
		return cli_fail();
	cli_print_tbl(&t);
	tbl_free(&t);
	return EXIT_OK;
}

static int cmd_conflicts(struct cli_ctx *ctx, int argc, char **argv)
{
	enum out_format fmt = OUT_TSV;
	bool all = false;
	int rc = read_format(ctx, argc, argv, &fmt, &all);
	if (rc)
		return rc;
	if (optind < argc - 1)
		return cli_usage(ctx, _("unexpected argument %s"), argv[optind + 1]);
	if (scope_require_admin(&ctx->sc))
		return cli_fail();
	if (optind == argc - 1) {
		long long id;
		if (!cli_parse_id(argv[optind], &id))
			return cli_usage(ctx, _("ID is the number of a conflict"));
		struct tbl t;
		if (sync_conflict_compare(ctx->db, &ctx->sc, id, &t))
			return cli_fail();
		struct out o;
		out_begin(&o, stdout, fmt, t.keys, t.ncols);
		for (int r = 0; r < t.nrows; r++)
			out_row(&o, (const char *const *)&t.cells[r * t.ncols]);
		out_end(&o);
		tbl_free(&t);
		return EXIT_OK;
	}
	static const char *const cols[] = {"id",         "site",        "entity",
	                                   "record",     "detected_at", "seq",
	                                   "resolution", "resolved_at", "resolved_by"};
	return print_pager(sync_listing_conflicts(ctx->db, &ctx->sc, all), fmt, cols, 9);
}

static int cmd_resolve(struct cli_ctx *ctx, int argc, char **argv)
{
	long long id;
	if (argc != 3)
		return cli_usage(ctx, _("name a conflict's ID and mine or theirs"));
	if (!cli_parse_id(argv[1], &id))
		return cli_usage(ctx, _("ID is the number of a conflict"));
	bool mine = !strcmp(argv[2], "mine");
	if (!mine && strcmp(argv[2], "theirs"))
		return cli_usage(ctx,
		                 _("say mine (keep this database's version) or theirs (take the "
		                   "other site's)"));
	char *what = sync_conflict_what(ctx->db, id);
	if (sync_resolve(ctx->db, &ctx->sc, id, mine)) {
		free(what);
		return cli_fail();
	}
	printf(mine
	           ? _("conflict %lld, %s: kept this database's version; the other site gets it "
	               "with the next file\n")
	           : _("conflict %lld, %s: took the other site's version; it gets the record as it "
	               "now is with the next file\n"),
	       id, what);
	free(what);
	return EXIT_OK;
}

const struct cli_cmd cli_sync_cmds[] = {
    {"sync key", N_("--to TOWN --out FILE [--force]"),
     N_("at the city: make the key that signs the exchange files of a town's own database, "
        "into a file for the town (admin only)"),
     NEEDS_SCOPE, cmd_key},
    {"sync key-load", N_("FILE"),
     N_("at a town: load the key file the city made for this database (admin only)"), NEEDS_SCOPE,
     cmd_key_load},
    {"sync export", N_("--to city|TOWN --out FILE [--again N] [--force]"),
     N_("write the next exchange file for the city or a town: what it has not had yet "
        "(admin only)"),
     NEEDS_SCOPE, cmd_export},
    {"sync apply", N_("FILE"),
     N_("apply an exchange file, in order and once; records changed here too become conflicts "
        "(admin only)"),
     NEEDS_SCOPE, cmd_apply},
    {"sync log", N_("[--format tsv|csv|json]"),
     N_("the exchange log: every file written and applied, when and by whom (admin only)"),
     NEEDS_SCOPE, cmd_log},
    {"sync peers", "",
     N_("the sites this database exchanges with, and the files each has had (admin only)"),
     NEEDS_SCOPE, cmd_peers},
    {"sync conflicts", N_("[ID] [--all] [--format tsv|csv|json]"),
     N_("records changed here and at the other site: the open ones, or one side by side "
        "(admin only)"),
     NEEDS_SCOPE, cmd_conflicts},
    {"sync resolve", N_("ID mine|theirs"),
     N_("resolve a conflict: keep this database's version or take the other site's (admin "
        "only)"),
     NEEDS_SCOPE, cmd_resolve},
    {NULL, NULL, NULL, 0, NULL},
};
