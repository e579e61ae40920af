/* renda deputy list|show|add|edit|leave|import|export */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/out.h"
#include "export/roster.h"
#include "model/core/db.h"
#include "model/deputy/deputy.h"
#include "model/core/vocab.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/datetime.h"

static const struct option filter_opts[] = {
    {"town", required_argument, NULL, 't'},
    {"level", required_argument, NULL, 'l'},
    {"status", required_argument, NULL, 's'},
    {"search", required_argument, NULL, 'q'},
    {"format", required_argument, NULL, 'f'},
    {"encoding", required_argument, NULL, 'e'},
    {"force", no_argument, NULL, 'F'},
    {"sort", required_argument, NULL, 'o'},
    {NULL, 0, NULL, 0},
};

struct filter_args {
	struct deputy_filter f;
	enum out_format fmt;
	const char *export_format; /* export: "csv" or "xlsx"; NULL = by the file's name */
	bool gb18030, force;
};

/* Parses the filter options (and, for export, --encoding and --force). */
static int read_filter(struct cli_ctx *ctx, int argc, char **argv, struct filter_args *a,
                       bool export)
{
	int c;
	while ((c = cli_getopt(ctx, argc, argv, "", filter_opts)) != -1) {
		switch (c) {
		case 't': a->f.town = optarg; break;
		case 'l':
			if (strcmp(optarg, "city") && strcmp(optarg, "town"))
				return cli_usage(ctx, _("--level must be city or town"));
			a->f.level = optarg;
			break;
		case 's':
			if (strcmp(optarg, "in-office") && strcmp(optarg, "left"))
				return cli_usage(ctx, _("--status must be in-office or left"));
			a->f.status = optarg;
			break;
		case 'q': a->f.search = optarg; break;
		case 'o':
			if (strcmp(optarg, "name") && strcmp(optarg, "code") &&
			    strcmp(optarg, "town"))
				return cli_usage(ctx, _("--sort must be name, code or town"));
			a->f.sort = optarg;
			break;
		case 'f':
			if (export && strcmp(optarg, "csv") && strcmp(optarg, "xlsx"))
				return cli_usage(ctx, _("--format must be csv or xlsx"));
			if (export)
				a->export_format = optarg;
			else if (!out_parse_format(optarg, &a->fmt))
				return cli_usage(ctx, _("--format must be tsv, csv or json"));
			break;
		case 'e':
			if (!export || (strcmp(optarg, "utf-8") && strcmp(optarg, "gb18030")))
				return cli_usage(ctx, _("--encoding must be utf-8 or gb18030"));
			a->gb18030 = !strcmp(optarg, "gb18030");
			break;
		case 'F':
			if (!export)
				return cli_usage(ctx, _("--force is for export"));
			a->force = true;
			break;
		default: return EXIT_USAGE;
		}
	}
	return 0;
}

static int cmd_list(struct cli_ctx *ctx, int argc, char **argv)
{
	struct filter_args a = {.fmt = OUT_TSV};
	int rc = read_filter(ctx, argc, argv, &a, false);
	if (rc)
		return rc;
	if (optind != argc)
		return cli_usage(ctx, _("unexpected argument %s"), argv[optind]);
	static const char *const cols[] = {"id",    "code",    "name",  "gender", "level",  "town",
	                                   "group", "station", "phone", "status", "version"};
	sqlite3_stmt *st = deputy_list(ctx->db, &ctx->sc, &a.f);
	if (!st)
		return cli_fail();
	struct out o;
	out_begin(&o, stdout, a.fmt, cols, 11);
	long n = out_stmt(&o, st);
	out_end(&o);
	sqlite3_finalize(st);
	if (n < 0) {
		db_fail(ctx->db, _("list deputies"));
		return cli_fail();
	}
	return EXIT_OK;
}

static int cmd_show(struct cli_ctx *ctx, int argc, char **argv)
{
	if (argc != 2)
		return cli_usage(ctx, _("name one deputy by code or id"));
	int64_t id, version;
	char *vals[DF_COUNT] = {0};
	if (deputy_find(ctx->db, &ctx->sc, argv[1], &id) ||
	    deputy_get(ctx->db, &ctx->sc, id, vals, &version))
		return cli_fail();
	printf("id\t%lld\n", (long long)id);
	for (int i = 0; i < DF_COUNT; i++) /* codes as words in a translated locale (cli/out.h) */
		printf("%s\t%s\n", deputy_fields[i].key,
		       vals[i] ? vocab_out(deputy_fields[i].key, vals[i]) : "");
	char *url = deputy_url(vals[DF_CODE]);
	printf("url\t%s\nversion\t%lld\n", url, (long long)version);
	free(url);
	deputy_vals_free(vals);
	return EXIT_OK;
}

static int cmd_add(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *vals[DF_COUNT] = {0};
	int rc = cli_read_fields(ctx, &deputy_kind, argc, argv, 1, vals, NULL);
	if (rc)
		return rc;
	int64_t id;
	if (deputy_add(ctx->db, &ctx->sc, vals, &id))
		return cli_fail();
	char *code = NULL;
	db_text(ctx->db, &code, "SELECT code FROM deputy WHERE id = ?", "i", id);
	printf(_("added deputy %lld, code %s\n"), (long long)id, code ? code : "?");
	free(code);
	return EXIT_OK;
}

static int cmd_edit(struct cli_ctx *ctx, int argc, char **argv)
{
	if (argc < 2)
		return cli_usage(ctx, _("name one deputy by code or id"));
	const char *vals[DF_COUNT] = {0};
	long long version = 0;
	int rc = cli_read_fields(ctx, &deputy_kind, argc, argv, 2, vals, &version);
	if (rc)
		return rc;
	int64_t id;
	if (deputy_find(ctx->db, &ctx->sc, argv[1], &id) ||
	    deputy_edit(ctx->db, &ctx->sc, id, version, vals))
		return cli_fail();
	printf(_("changed deputy %lld\n"), (long long)id);
	return EXIT_OK;
}

static int cmd_leave(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"date", required_argument, NULL, 'd'},
	    {"reason", required_argument, NULL, 'r'},
	    {"version", required_argument, NULL, 'v'},
	    {NULL, 0, NULL, 0},
	};
	const char *date = NULL, *reason = "";
	long long version = 0;
	int c, d;
	while ((c = cli_getopt(ctx, argc, argv, "", opts)) != -1) {
		switch (c) {
		case 'd':
			if (!date_parse(optarg, &d))
				return cli_usage(ctx, _("--date takes a date YYYY-MM-DD"));
			date = optarg;
			break;
		case 'r': reason = optarg; break;
		case 'v':
			if (!cli_parse_id(optarg, &version))
				return cli_usage(ctx,
				                 _("--version takes the record's version number"));
			break;
		default: return EXIT_USAGE;
		}
	}
	if (optind != argc - 1)
		return cli_usage(ctx, _("name one deputy by code or id"));
	if (!date)
		return cli_usage(ctx, _("--date is required"));
	int64_t id;
	if (deputy_find(ctx->db, &ctx->sc, argv[optind], &id) ||
	    deputy_leave(ctx->db, &ctx->sc, id, version, date, reason))
		return cli_fail();
	printf(_("deputy %lld left office on %s (the record is kept)\n"), (long long)id, date);
	return EXIT_OK;
}

static int cmd_import(struct cli_ctx *ctx, int argc, char **argv)
{
	if (argc != 2)
		return cli_usage(ctx, _("name one FILE.csv or FILE.xlsx"));
	struct import_report rep;
	int rc = deputy_import(ctx->db, &ctx->sc, argv[1], &rep);
	rc = cli_import_result(rc, &rep, argv[1]);
	import_report_free(&rep);
	return rc;
}

static int cmd_export(struct cli_ctx *ctx, int argc, char **argv)
{
	struct filter_args a = {.fmt = OUT_TSV};
	int rc = read_filter(ctx, argc, argv, &a, true);
	if (rc)
		return rc;
	if (optind != argc - 1)
		return cli_usage(ctx, _("name one FILE.csv or FILE.xlsx"));
	const char *path = argv[optind];
	struct roster_opts o = {.gb18030 = a.gb18030, .force = a.force};
	o.format = a.export_format ? (strcmp(a.export_format, "xlsx") ? ROSTER_CSV : ROSTER_XLSX)
	                           : roster_format_of(path);
	if (o.format == ROSTER_XLSX && a.gb18030)
		return cli_usage(ctx, _("--encoding is for CSV; a workbook is always Unicode"));
	long n;
	if (roster_export(ctx->db, &ctx->sc, &a.f, path, &o, &n))
		return cli_fail();
	printf(_("wrote %ld deputies to %s\n"), n, argv[optind]);
	return EXIT_OK;
}

const struct cli_cmd cli_deputy_cmds[] = {
    {"deputy list",
     N_("[--town T] [--level city|town] [--status in-office|left] [--search TEXT] "
        "[--sort name|code|town] [--format tsv|csv|json]"),
     N_("list the deputies in your scope"), NEEDS_SCOPE, cmd_list},
    {"deputy show", N_("CODE|ID"), N_("show one deputy, with the URL of their QR code"),
     NEEDS_SCOPE, cmd_show},
    {"deputy add", N_("--name NAME --resident_id ID --level city|town --town T [--FIELD VALUE]..."),
     N_("add a deputy; the public code is assigned"), NEEDS_SCOPE, cmd_add},
    {"deputy edit", N_("CODE|ID [--version V] --FIELD VALUE..."), N_("change a deputy's fields"),
     NEEDS_SCOPE, cmd_edit},
    {"deputy leave", N_("CODE|ID --date DATE [--reason TEXT] [--version V]"),
     N_("record that a deputy left office (the record is kept)"), NEEDS_SCOPE, cmd_leave},
    {"deputy import", N_("FILE.csv|FILE.xlsx"),
     N_("add or update deputies from CSV (UTF-8 or GB18030) or XLSX, all rows or none"),
     NEEDS_SCOPE, cmd_import},
    {"deputy export",
     N_("FILE.xlsx|FILE.csv [--format xlsx|csv] [--town T] [--level L] [--status S] "
        "[--encoding utf-8|gb18030] [--force]"),
     N_("write the deputies in your scope to XLSX or CSV"), NEEDS_SCOPE, cmd_export},
    {NULL, NULL, NULL, 0, NULL},
};
