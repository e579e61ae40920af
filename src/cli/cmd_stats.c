/*
 * renda stats NAME: the one printer of statistics tables (model/stat/stat.h)
 * as TSV (default), CSV or JSON, for every module's provider. A row per key
 * of the breakdown, then the total; the columns that are not hidden, headed
 * by their keys; a rate without a value empty (null in JSON).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/out.h"
#include "modules.h"
#include "model/core/db.h"
#include "model/points/points.h"
#include "model/stat/stat.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

/* The provider named name among the registry's modules, or NULL. */
static const struct stat_provider *provider(const char *name)
{
	for (int m = 0; m < nmodules; m++)
		for (const struct stat_provider *p = modules[m].stats; p && p->name; p++)
			if (!strcmp(p->name, name))
				return p;
	return NULL;
}

static void stat_print(const struct stat_table *t, FILE *f, enum out_format fmt)
{
	int n;
	int *shown = stat_shown(t, &n);
	const char **cols = xcalloc((size_t)n + 2, sizeof *cols);
	const char **vals = xcalloc((size_t)n + 2, sizeof *vals);
	char(*bufs)[24] = xcalloc((size_t)n + 2, sizeof *bufs);
	cols[0] = "key";
	cols[1] = "name";
	for (int i = 0; i < n; i++)
		cols[2 + i] = t->cols[shown[i]].key;
	struct out o;
	out_begin(&o, f, fmt, cols, n + 2);
	for (int r = 0; r <= t->n; r++) {
		const struct stat_row *row = r < t->n ? &t->rows[r] : &t->total;
		vals[0] = row->key;
		vals[1] = row->name;
		for (int i = 0; i < n; i++)
			vals[2 + i] = stat_text(t, row, shown[i], bufs[i]);
		out_row(&o, vals);
	}
	out_end(&o);
	free(bufs);
	free(vals);
	free(cols);
	free(shown);
}

/* The handler of every `stats NAME` entry: the provider is named by the command. */
static int cmd_stats(struct cli_ctx *ctx, int argc, char **argv)
{
	const struct stat_provider *p = provider(ctx->cmd->name + strlen("stats "));
	if (!p)
		return cli_usage(ctx, _("no statistics named %s"), ctx->cmd->name);
	static const struct option all[] = {
	    {"by", required_argument, NULL, 'b'},      {"format", required_argument, NULL, 'f'},
	    {"year", required_argument, NULL, 'y'},    {"town", required_argument, NULL, 't'},
	    {"session", required_argument, NULL, 'S'}, {"kind", required_argument, NULL, 'k'},
	    {"as-of", required_argument, NULL, 'a'},
	};
	/* The options this provider takes: --by and --format, then its own. */
	static const unsigned need[] = {
	    0, 0, STAT_OPT_YEAR, STAT_OPT_TOWN, STAT_OPT_SESSION, STAT_OPT_KIND, STAT_OPT_ASOF};
	struct option opts[sizeof all / sizeof all[0] + 1];
	int no = 0;
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		if (!need[i] || (p->opts & need[i]))
			opts[no++] = all[i];
	memset(&opts[no], 0, sizeof opts[no]);
	struct stat_query q = {0};
	const char *by = NULL;
	enum out_format fmt = OUT_TSV;
	char asof[CLOCK_BUF];
	long long v;
	int c;
	while ((c = cli_getopt(ctx, argc, argv, "", opts)) != -1) {
		switch (c) {
		case 'b': by = optarg; break;
		case 'y':
			if (!cli_parse_id(optarg, &v) || v < 1900 || v > 9998)
				return cli_usage(ctx, _("--year takes a year such as 2026"));
			q.year = (int)v;
			break;
		case 't': q.town = optarg; break;
		case 'S': q.session = optarg; break;
		case 'k': q.kind = optarg; break;
		case 'a':
			if (points_asof(optarg, asof))
				return cli_fail();
			q.asof = asof;
			break;
		case 'f':
			if (!out_parse_format(optarg, &fmt))
				return cli_usage(ctx, _("--format must be tsv, csv or json"));
			break;
		default: return EXIT_USAGE;
		}
	}
	if (optind != argc)
		return cli_usage(ctx, _("unexpected argument %s"), argv[optind]);
	char *names = stat_breakdown_names(p);
	int rc = EXIT_OK;
	int b = by ? stat_breakdown_find(p, by) : (p->opts & STAT_OPT_BY_FIRST) ? 0 : -1;
	if (!by && b < 0)
		rc = cli_usage(ctx, _("--by is required: one of %s"), names);
	else if (b < 0)
		rc = cli_usage(ctx, _("--by: '%s' is not one of %s"), by, names);
	free(names);
	if (rc)
		return rc;
	struct stat_table t = {0};
	db_map(ctx->db); /* a year's records, or all */
	if (p->fn(ctx->db, &ctx->sc, &q, b, &t)) {
		/* A provider may have set its table up before it refused. */
		stat_table_free(&t);
		return cli_fail();
	}
	stat_print(&t, stdout, fmt);
	stat_table_free(&t);
	return fflush(stdout) ? EXIT_FAIL : EXIT_OK;
}

/* The stats verbs: one per statistics provider of the registry's modules, ending in {NULL}. */
static struct cli_cmd *verbs;

/* Makes the usage and help of every stats verb (a help needs them; a run does not). */
static void fill_texts(void)
{
	if (!verbs || !verbs[0].name || verbs[0].help)
		return;
	int k = 0;
	for (int m = 0; m < nmodules; m++)
		for (const struct stat_provider *p = modules[m].stats; p && p->name; p++) {
			char *names = stat_breakdown_names(p);
			struct sbuf u = SBUF_INIT;
			sbuf_printf(&u, p->opts & STAT_OPT_BY_FIRST ? "[--by %s]" : "--by %s",
			            names);
			if (p->opts & STAT_OPT_YEAR)
				sbuf_puts(&u, _(" [--year Y]"));
			if (p->opts & STAT_OPT_TOWN)
				sbuf_puts(&u, _(" [--town T]"));
			if (p->opts & STAT_OPT_SESSION)
				sbuf_puts(&u, _(" [--session S]"));
			if (p->opts & STAT_OPT_KIND)
				sbuf_puts(&u, " [--kind motion|suggestion]");
			if (p->opts & STAT_OPT_ASOF)
				sbuf_puts(&u, _(" [--as-of DATE]"));
			sbuf_puts(&u, " [--format tsv|csv|json]");
			struct sbuf by = SBUF_INIT;
			for (int i = 0; i < p->nbreakdowns; i++)
				sbuf_printf(&by, "%s%s", i ? _(", ") : "", p->breakdowns[i].name);
			verbs[k].usage = sbuf_take(&u);
			verbs[k++].help = xasprintf(
			    _("statistics of the %s in your scope, by %s: counts and rates"),
			    _(modules[m].items), sbuf_str(&by));
			sbuf_free(&by);
			free(names);
		}
}

void cli_stats_fill(const struct cli_cmd *c)
{
	for (const struct cli_cmd *x = verbs; x && x->name; x++)
		if (x == c) {
			fill_texts();
			return;
		}
}

const struct cli_cmd *cli_stats_verbs(void)
{
	if (verbs)
		return verbs;
	int n = 0;
	for (int m = 0; m < nmodules; m++)
		for (const struct stat_provider *p = modules[m].stats; p && p->name; p++)
			n++;
	verbs = xcalloc((size_t)n + 1, sizeof *verbs);
	int k = 0;
	for (int m = 0; m < nmodules; m++)
		for (const struct stat_provider *p = modules[m].stats; p && p->name; p++)
			verbs[k++] = (struct cli_cmd){.name = xasprintf("stats %s", p->name),
			                              .needs = NEEDS_SCOPE,
			                              .run = cmd_stats};
	return verbs;
}

void cli_stats_free(void)
{
	for (struct cli_cmd *c = verbs; c && c->name; c++) {
		free((char *)c->name);
		free((char *)c->usage);
		free((char *)c->help);
	}
	free(verbs);
	verbs = NULL;
}
