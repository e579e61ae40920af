/*
 * renda report NAME --out FILE.xlsx: the workbooks for committee meetings.
 * One verb per report_def of the registry's modules (export/report.h), its
 * options parsed and checked here for every report.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "export/report.h"
#include "modules.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

/* The report named name among the registry's modules, or NULL. */
static const struct report_def *report_find(const char *name)
{
	for (int m = 0; m < nmodules; m++)
		for (const struct report_def *r = modules[m].reports; r && r->name; r++)
			if (!strcmp(r->name, name))
				return r;
	return NULL;
}

/* The handler of every `report NAME` entry: the report is named by the command. */
static int cmd_report(struct cli_ctx *ctx, int argc, char **argv)
{
	const struct report_def *r = report_find(ctx->cmd->name + strlen("report "));
	if (!r)
		return cli_usage(ctx, _("no report named %s"), ctx->cmd->name);
	static const struct option all[] = {
	    {"out", required_argument, NULL, 'o'},   {"force", no_argument, NULL, 'f'},
	    {"year", required_argument, NULL, 'y'},  {"town", required_argument, NULL, 't'},
	    {"public", no_argument, NULL, 'p'},      {"session", required_argument, NULL, 'S'},
	    {"kind", required_argument, NULL, 'k'},  {"unit", required_argument, NULL, 'u'},
	    {"month", required_argument, NULL, 'm'}, {"level", required_argument, NULL, 'l'},
	    {"group", required_argument, NULL, 'g'}, {"as-of", required_argument, NULL, 'a'},
	    {"for", required_argument, NULL, 'F'},
	};
	/* The options this report takes: --out and --force, then its own. */
	static const unsigned need[] = {0,
	                                0,
	                                REPORT_OPT_YEAR,
	                                REPORT_OPT_TOWN,
	                                REPORT_OPT_PUBLIC,
	                                REPORT_OPT_SESSION,
	                                REPORT_OPT_KIND,
	                                REPORT_OPT_UNIT,
	                                REPORT_OPT_MONTH,
	                                REPORT_OPT_LEVEL,
	                                REPORT_OPT_GROUP,
	                                REPORT_OPT_ASOF,
	                                REPORT_OPT_FOR};
	struct option opts[sizeof all / sizeof all[0] + 1];
	int no = 0;
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		if (!need[i] || (r->opts & need[i]))
			opts[no++] = all[i];
	memset(&opts[no], 0, sizeof opts[no]);
	struct report_query q = {0};
	const char *out = NULL;
	long long v;
	int c;
	while ((c = cli_getopt(ctx, argc, argv, "", opts)) != -1) {
		switch (c) {
		case 'o': out = optarg; break;
		case 'f': q.force = true; break;
		case 'y':
			if (!cli_parse_id(optarg, &v) || v < 1900 || v > 9998)
				return cli_usage(ctx, _("--year takes a year such as 2026"));
			q.year = (int)v;
			break;
		case 't': q.town = optarg; break;
		case 'p': q.public_ = true; break;
		case 'S': q.session = optarg; break;
		case 'k': q.kind = optarg; break;
		case 'u': q.unit = optarg; break;
		case 'm':
			if (!cli_parse_id(optarg, &v) || v < 1 || v > 12)
				return cli_usage(ctx, _("--month takes a month from 1 to 12"));
			q.month = (int)v;
			break;
		case 'l': q.level = optarg; break;
		case 'g': q.group = optarg; break;
		case 'a': q.asof = optarg; break;
		case 'F': q.for_ = optarg; break;
		default: return EXIT_USAGE;
		}
	}
	if (optind != argc)
		return cli_usage(ctx, _("unexpected argument %s"), argv[optind]);
	if (!out || !*out)
		return cli_usage(ctx, _("--out FILE.xlsx is required"));
	if (q.month && !q.year)
		return cli_usage(ctx, _("--month needs --year"));
	long rows = 0;
	if (r->write(ctx->db, &ctx->sc, out, &q, &rows))
		return cli_fail();
	char *said = report_said(r, out, rows);
	printf("%s\n", said);
	free(said);
	return EXIT_OK;
}

/* The report verbs: one per report of the registry's modules, ending in {NULL}. */
static struct cli_cmd *verbs;

const struct cli_cmd *cli_report_verbs(void)
{
	if (verbs)
		return verbs;
	int n = 0;
	for (int m = 0; m < nmodules; m++)
		for (const struct report_def *r = modules[m].reports; r && r->name; r++)
			n++;
	verbs = xcalloc((size_t)n + 1, sizeof *verbs);
	int k = 0;
	for (int m = 0; m < nmodules; m++)
		for (const struct report_def *r = modules[m].reports; r && r->name; r++) {
			struct sbuf u = SBUF_INIT;
			sbuf_printf(&u, "--out FILE.xlsx %s [--force]", _(r->usage));
			verbs[k++] =
			    (struct cli_cmd){xasprintf("report %s", r->name), sbuf_take(&u),
			                     r->help, NEEDS_SCOPE, cmd_report};
		}
	return verbs;
}

void cli_report_free(void)
{
	for (struct cli_cmd *c = verbs; c && c->name; c++) {
		free((char *)c->name);
		free((char *)c->usage);
	}
	free(verbs);
	verbs = NULL;
}
