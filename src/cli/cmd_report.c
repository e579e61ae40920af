/*
 * renda report NAME --out FILE.xlsx: workbooks for committee meetings. One
 * entry of cli_report_cmds[] per report (cases now; others add theirs).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "export/report_cases.h"
#include "util/err.h"
#include "util/i18n.h"

static int cmd_cases(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"year", required_argument, NULL, 'y'}, {"town", required_argument, NULL, 't'},
	    {"out", required_argument, NULL, 'o'},  {"force", no_argument, NULL, 'f'},
	    {"public", no_argument, NULL, 'p'},     {NULL, 0, NULL, 0},
	};
	struct report_cases_opts o = {0};
	const char *out = NULL;
	long long v;
	int c;
	while ((c = cli_getopt(ctx, argc, argv, "", opts)) != -1) {
		switch (c) {
		case 'y':
			if (!cli_parse_id(optarg, &v) || v < 1900 || v > 9998)
				return cli_usage(ctx, _("--year takes a year such as 2026"));
			o.year = (int)v;
			break;
		case 't': o.town = optarg; break;
		case 'o': out = optarg; break;
		case 'f': o.force = true; break;
		case 'p': o.public_ = true; break;
		default: return EXIT_USAGE;
		}
	}
	if (optind != argc)
		return cli_usage(ctx, _("unexpected argument %s"), argv[optind]);
	if (!out || !*out)
		return cli_usage(ctx, _("--out FILE.xlsx is required"));
	struct report_cases_result res;
	if (report_cases_write(ctx->db, &ctx->sc, out, &o, &res))
		return cli_fail();
	printf(P_("wrote %s: %ld case\n", "wrote %s: %ld cases\n", (unsigned long)res.cases), out,
	       res.cases);
	return EXIT_OK;
}

const struct cli_cmd cli_report_cmds[] = {
    {"report cases", N_("--out FILE.xlsx [--year Y] [--town T] [--public] [--force]"),
     N_("the workbook of voter issues for a year: charts, breakdowns, every case"), NEEDS_SCOPE,
     cmd_cases},
    {NULL, NULL, NULL, 0, NULL},
};
