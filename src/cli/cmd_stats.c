/*
 * renda stats NAME: statistics as TSV (default), CSV or JSON. One entry of
 * cli_stats_cmds[] per kind of record (cases now; suggestions and projects
 * add theirs), sharing the options --year, --town and --format.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/out.h"
#include "model/stat/stats.h"
#include "util/err.h"
#include "util/i18n.h"

/* The options every statistics command takes. */
struct stats_args {
	const char *by;
	struct stats_query q;
	enum out_format fmt;
};

/* Parses --by, --year, --town and --format; returns 0 or the exit status of a usage error. */
static int parse_args(struct cli_ctx *ctx, int argc, char **argv, struct stats_args *a)
{
	static const struct option opts[] = {
	    {"by", required_argument, NULL, 'b'},
	    {"year", required_argument, NULL, 'y'},
	    {"town", required_argument, NULL, 't'},
	    {"format", required_argument, NULL, 'f'},
	    {NULL, 0, NULL, 0},
	};
	memset(a, 0, sizeof *a);
	a->fmt = OUT_TSV;
	long long v;
	int c;
	while ((c = cli_getopt(ctx, argc, argv, "", opts)) != -1) {
		switch (c) {
		case 'b': a->by = optarg; break;
		case 'y':
			if (!cli_parse_id(optarg, &v) || v < 1900 || v > 9998)
				return cli_usage(ctx, _("--year takes a year such as 2026"));
			a->q.year = (int)v;
			break;
		case 't': a->q.town = optarg; break;
		case 'f':
			if (!out_parse_format(optarg, &a->fmt))
				return cli_usage(ctx, _("--format must be tsv, csv or json"));
			break;
		default: return EXIT_USAGE;
		}
	}
	if (optind != argc)
		return cli_usage(ctx, _("unexpected argument %s"), argv[optind]);
	return 0;
}

/* Prints a table of statistics: a row per key, then the total. */
static void print_table(const struct stats_table *t, enum out_format fmt)
{
	const char *cols[STATS_NCOLS], *vals[STATS_NCOLS];
	char bufs[STATS_NCOLS][24];
	for (int i = 0; i < STATS_NCOLS; i++)
		cols[i] = stats_cols[i].key;
	struct out o;
	out_begin(&o, stdout, fmt, cols, STATS_NCOLS);
	for (int r = 0; r <= t->n; r++) {
		const struct stats_row *row = r < t->n ? &t->rows[r] : &t->total;
		for (int i = 0; i < STATS_NCOLS; i++)
			vals[i] = stats_text(row, t->total.count, (enum stats_col)i, bufs[i]);
		out_row(&o, vals);
	}
	out_end(&o);
}

static int cmd_cases(struct cli_ctx *ctx, int argc, char **argv)
{
	struct stats_args a;
	int rc = parse_args(ctx, argc, argv, &a);
	if (rc)
		return rc;
	if (!a.by)
		return cli_usage(ctx, _("--by is required: one of %s"), stats_dim_names());
	int by = stats_dim_find(a.by);
	if (by < 0)
		return cli_usage(ctx, _("--by: '%s' is not one of %s"), a.by, stats_dim_names());
	struct stats_table t;
	if (stats_cases(ctx->db, &ctx->sc, &a.q, (enum stats_by)by, &t))
		return cli_fail();
	print_table(&t, a.fmt);
	stats_table_free(&t);
	return fflush(stdout) ? EXIT_FAIL : EXIT_OK;
}

const struct cli_cmd cli_stats_cmds[] = {
    {"stats cases",
     N_("--by category|town|deputy|unit|status|month [--year Y] [--town T] [--format "
        "tsv|csv|json]"),
     N_("statistics of voter issues in your scope: counts, on-time and satisfaction rates"),
     NEEDS_SCOPE, cmd_cases},
    {NULL, NULL, NULL, 0, NULL},
};
