/*
 * renda cockpit: the data cockpit's figures (model/cockpit), one line each:
 * its panel, key, label, kind (count, rate, progress, points), value, the module and filter of the
 * list that holds its records (renda MODULE list with those options counts them) and whether a past
 * as-of time reads it from the histories.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/out.h"
#include "model/cockpit/cockpit.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/sbuf.h"

/* "state=open;year=2026": a figure's filter as the console's lists take it. */
static void filter_text(const struct cockpit_fig *f, struct sbuf *b)
{
	for (int i = 0; i < f->nf; i++)
		sbuf_printf(b, "%s%s=%s", i ? ";" : "", f->fkey[i], f->fval[i]);
}

static int cmd_cockpit(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"as-of", required_argument, NULL, 'a'},
	    {"period", required_argument, NULL, 'p'},
	    {"format", required_argument, NULL, 'f'},
	    {NULL, 0, NULL, 0},
	};
	struct cockpit_query q = {0};
	enum out_format fmt = OUT_TSV;
	int c;
	while ((c = cli_getopt(ctx, argc, argv, "", opts)) != -1) {
		switch (c) {
		case 'a': q.asof = optarg; break;
		case 'p':
			if (!cockpit_period_parse(optarg, &q.period))
				return cli_usage(ctx, _("--period must be year or month"));
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
	struct cockpit ck;
	if (cockpit_compute(ctx->db, &ctx->sc, &q, &ck))
		return cli_fail();
	static const char *const cols[] = {"panel",  "key",    "label", "kind", "value",
	                                   "module", "filter", "as_of", "exact"};
	static const char *const kinds[] = {[CK_COUNT] = "count",
	                                    [CK_RATE] = "rate",
	                                    [CK_PROGRESS] = "progress",
	                                    [CK_POINTS] = "points"};
	struct out o;
	out_begin(&o, stdout, fmt, cols, 9);
	for (int i = 0; i < ck.np; i++)
		for (int j = 0; j < ck.p[i].n; j++) {
			const struct cockpit_fig *f = &ck.p[i].f[j];
			char buf[32];
			struct sbuf flt = SBUF_INIT;
			filter_text(f, &flt);
			const char *vals[9] = {ck.p[i].key,
			                       f->key,
			                       f->label,
			                       kinds[f->kind],
			                       cockpit_text(f, buf),
			                       f->module ? f->module : "",
			                       sbuf_str(&flt),
			                       ck.asof,
			                       f->asof_exact ? "yes" : "no"};
			out_row(&o, vals);
			sbuf_free(&flt);
		}
	out_end(&o);
	cockpit_free(&ck);
	return fflush(stdout) ? EXIT_FAIL : EXIT_OK;
}

const struct cli_cmd cli_cockpit_cmds[] = {
    {"cockpit", N_("[--as-of DATE] [--period year|month] [--format tsv|csv|json]"),
     N_("the data cockpit (数据驾驶舱): each figure with the list that holds its records"),
     NEEDS_SCOPE, cmd_cockpit},
    {NULL, NULL, NULL, 0, NULL},
};
