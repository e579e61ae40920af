/*
 * renda finance ... and renda assets ...: the imports of finance data and their
 * differences, the tables of figures (budget execution drilled down from the
 * total to a department to a project, revenue, 三公经费, major projects, audit
 * findings, performance, state assets), the warning rules, the preliminary
 * review's opinions; and renda report finance, the period's workbook. The
 * warnings are the registry's module 'warning' (list, show, history, clocks,
 * act); the library of policies the module 'policy'.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/out.h"
#include "export/report_finance.h"
#include "model/core/vocab.h"
#include "model/finance/finance.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* Prints a table of figures: a first column "row" ("total" for a level's total), then its own. */
static int print_ftab(const struct ftab *t, enum out_format fmt)
{
	const char **keys = xcalloc((size_t)t->ncols + 1, sizeof *keys);
	const char **vals = xcalloc((size_t)t->ncols + 1, sizeof *vals);
	char(*bufs)[32] = xcalloc((size_t)t->ncols + 1, sizeof *bufs);
	keys[0] = "row";
	for (int c = 0; c < t->ncols; c++)
		keys[c + 1] = t->cols[c].key;
	struct out o;
	out_begin(&o, stdout, fmt, keys, t->ncols + 1);
	for (int r = 0; r < t->nrows; r++) {
		vals[0] = (t->flags[r] & FTR_TOTAL) ? "total" : "";
		for (int c = 0; c < t->ncols; c++)
			vals[c + 1] = ftab_out(t, r, c, bufs[c]);
		out_row(&o, vals);
	}
	out_end(&o);
	free(bufs);
	free(vals);
	free(keys);
	return fflush(stdout) ? EXIT_FAIL : EXIT_OK;
}

/* What the table commands take: the period, a drill-down, a format. */
struct topts {
	struct fin_query q;
	enum out_format fmt;
};

enum {
	O_YEAR = 'y',
	O_MONTH = 'm',
	O_BOOK = 'b',
	O_DEP = 'd',
	O_PROJ = 'p',
	O_KIND = 'k',
	O_HOLDER = 'H',
	O_STATUS = 's',
	O_PERIOD = 'P',
	O_FORMAT = 'f',
	O_DATASET = 'D'
};

/* Parses the options of a table command (those in `allowed`); 0 or a usage status. */
static int table_options(struct cli_ctx *ctx, int argc, char **argv, const char *allowed,
                         struct topts *o)
{
	static const struct option all[] = {
	    {"year", required_argument, NULL, O_YEAR},
	    {"month", required_argument, NULL, O_MONTH},
	    {"book", required_argument, NULL, O_BOOK},
	    {"department", required_argument, NULL, O_DEP},
	    {"project", required_argument, NULL, O_PROJ},
	    {"kind", required_argument, NULL, O_KIND},
	    {"holder", required_argument, NULL, O_HOLDER},
	    {"status", required_argument, NULL, O_STATUS},
	    {"period", required_argument, NULL, O_PERIOD},
	    {"format", required_argument, NULL, O_FORMAT},
	    {"dataset", required_argument, NULL, O_DATASET},
	};
	struct option opts[sizeof all / sizeof all[0] + 1];
	int n = 0;
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		if (all[i].val == O_FORMAT || strchr(allowed, all[i].val))
			opts[n++] = all[i];
	memset(&opts[n], 0, sizeof opts[n]);
	memset(o, 0, sizeof *o);
	long long v;
	int c;
	while ((c = cli_getopt(ctx, argc, argv, "", opts)) != -1) {
		switch (c) {
		case O_YEAR:
			if (!cli_parse_id(optarg, &v) || v < 1900 || v > 9998)
				return cli_usage(ctx, _("--year takes a year such as 2026"));
			o->q.year = (int)v;
			break;
		case O_MONTH:
			if (!cli_parse_id(optarg, &v) || v > 12)
				return cli_usage(ctx, _("--month takes a month from 1 to 12"));
			o->q.month = (int)v;
			break;
		case O_BOOK: o->q.dataset = optarg; break;
		case O_DEP: o->q.department = optarg; break;
		case O_PROJ: o->q.project = optarg; break;
		case O_KIND: o->q.kind = optarg; break;
		case O_HOLDER: o->q.holder = optarg; break;
		case O_STATUS: o->q.status = optarg; break;
		case O_PERIOD: o->q.period = optarg; break;
		case O_DATASET: o->q.dataset = optarg; break;
		case O_FORMAT:
			if (!out_parse_format(optarg, &o->fmt))
				return cli_usage(ctx, _("--format must be tsv, csv or json"));
			break;
		default: return EXIT_USAGE;
		}
	}
	if (optind != argc)
		return cli_usage(ctx, _("unexpected argument %s"), argv[optind]);
	if (o->q.month && !o->q.year)
		return cli_usage(ctx, _("--month needs --year"));
	if (o->q.project && !o->q.department && strchr(allowed, O_DEP))
		return cli_usage(ctx, _("--project needs --department"));
	if (o->q.holder && !o->q.kind)
		return cli_usage(ctx, _("--holder needs --kind"));
	return 0;
}

/* Runs a table command: options, the model's table, the printer. */
static int table_cmd(struct cli_ctx *ctx, int argc, char **argv, const char *allowed,
                     int (*fn)(sqlite3 *, const struct scope *, const struct fin_query *,
                               struct ftab *))
{
	struct topts o;
	int rc = table_options(ctx, argc, argv, allowed, &o);
	if (rc)
		return rc;
	struct ftab t;
	if (fn(ctx->db, &ctx->sc, &o.q, &t)) {
		ftab_free(&t);
		return cli_fail();
	}
	rc = print_ftab(&t, o.fmt);
	ftab_free(&t);
	return rc;
}

static int cmd_execution(struct cli_ctx *ctx, int argc, char **argv)
{
	return table_cmd(ctx, argc, argv, "ymbdp", fin_execution);
}

static int cmd_revenue(struct cli_ctx *ctx, int argc, char **argv)
{
	return table_cmd(ctx, argc, argv, "ym", fin_revenue);
}

static int cmd_sangong(struct cli_ctx *ctx, int argc, char **argv)
{
	return table_cmd(ctx, argc, argv, "ymd", fin_sangong);
}

static int cmd_projects(struct cli_ctx *ctx, int argc, char **argv)
{
	return table_cmd(ctx, argc, argv, "ym", fin_projects);
}

static int cmd_audit(struct cli_ctx *ctx, int argc, char **argv)
{
	return table_cmd(ctx, argc, argv, "Ps", fin_audits);
}

static int cmd_performance(struct cli_ctx *ctx, int argc, char **argv)
{
	return table_cmd(ctx, argc, argv, "yp", fin_perf);
}

static int cmd_assets(struct cli_ctx *ctx, int argc, char **argv)
{
	return table_cmd(ctx, argc, argv, "ykH", fin_assets);
}

static int cmd_imports(struct cli_ctx *ctx, int argc, char **argv)
{
	return table_cmd(ctx, argc, argv, "DP", fin_imports);
}

static int cmd_changes(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {{"format", required_argument, NULL, 'f'},
	                                     {NULL, 0, NULL, 0}};
	enum out_format fmt = OUT_TSV;
	int c;
	while ((c = cli_getopt(ctx, argc, argv, "", opts)) != -1)
		if (c != 'f' || !out_parse_format(optarg, &fmt))
			return c == 'f' ? cli_usage(ctx, _("--format must be tsv, csv or json"))
			                : EXIT_USAGE;
	long long id;
	if (optind != argc - 1 || !cli_parse_id(argv[optind], &id))
		return cli_usage(ctx, _("name one import by its id (renda finance imports)"));
	struct ftab t;
	if (fin_changes(ctx->db, &ctx->sc, id, &t)) {
		ftab_free(&t);
		return cli_fail();
	}
	int rc = print_ftab(&t, fmt);
	ftab_free(&t);
	return rc;
}

/* ---- imports ----------------------------------------------------------------------------- */

/* Prints an import's report: the counts, the difference, the warnings raised. */
static int import_report(int rc, struct fin_import_result *r, const char *dataset, const char *path)
{
	if (r->errors.len)
		fputs(sbuf_str(&r->errors), stderr);
	if (rc)
		return cli_fail();
	const struct fin_dataset *d = fin_dataset_find(dataset);
	printf(_("%s: %s %s from %s: %d rows\n"), path,
	       d && vocab_translating() ? _(d->label) : dataset, r->period, r->source, r->nrows);
	if (r->first)
		printf(_("the first import of this period from this source: %d rows added\n"),
		       r->added);
	else if (!r->added && !r->changed && !r->removed)
		printf(_("no difference from the last import of this period and source\n"));
	else {
		printf(_("difference from the last import of this period and source: %d added, %d "
		         "changed, %d removed, %d unchanged\n"),
		       r->added, r->changed, r->removed, r->unchanged);
		fputs(sbuf_str(&r->changes), stdout);
	}
	printf(P_("%d warning raised\n", "%d warnings raised\n", (unsigned long)r->warnings),
	       r->warnings);
	fputs(sbuf_str(&r->raised), stdout);
	printf(_("import %lld (renda finance changes %lld)\n"), (long long)r->id, (long long)r->id);
	return EXIT_OK;
}

static int do_import(struct cli_ctx *ctx, int argc, char **argv, const char *dataset)
{
	static const struct option opts[] = {{"source", required_argument, NULL, 's'},
	                                     {NULL, 0, NULL, 0}};
	const char *source = NULL;
	int c;
	while ((c = cli_getopt(ctx, argc, argv, "", opts)) != -1) {
		if (c != 's')
			return EXIT_USAGE;
		source = optarg;
	}
	int want = dataset ? 1 : 2;
	if (argc - optind != want)
		return cli_usage(ctx,
		                 dataset ? _("name one FILE.csv or FILE.xlsx")
		                         : _("name a DATASET (%s) and a FILE"),
		                 fin_dataset_names());
	if (!dataset)
		dataset = argv[optind++];
	const char *path = argv[optind];
	struct fin_import_result r;
	int rc = fin_import(ctx->db, &ctx->sc, dataset, path, source, &r);
	rc = import_report(rc, &r, dataset, path);
	fin_import_result_free(&r);
	return rc;
}

static int cmd_import(struct cli_ctx *ctx, int argc, char **argv)
{
	return do_import(ctx, argc, argv, NULL);
}

static int cmd_assets_import(struct cli_ctx *ctx, int argc, char **argv)
{
	return do_import(ctx, argc, argv, "assets");
}

static int cmd_check(struct cli_ctx *ctx, int argc, char **argv)
{
	struct topts o;
	int rc = table_options(ctx, argc, argv, "DP", &o);
	if (rc)
		return rc;
	struct sbuf raised = SBUF_INIT;
	int n = 0;
	if (fin_check(ctx->db, &ctx->sc, o.q.dataset, o.q.period, &n, &raised)) {
		sbuf_free(&raised);
		return cli_fail();
	}
	printf(P_("%d warning raised\n", "%d warnings raised\n", (unsigned long)n), n);
	fputs(sbuf_str(&raised), stdout);
	sbuf_free(&raised);
	return EXIT_OK;
}

/* ---- rules ------------------------------------------------------------------------------------
 */

static int cmd_rules(struct cli_ctx *ctx, int argc, char **argv)
{
	struct topts o;
	int rc = table_options(ctx, argc, argv, "", &o);
	if (rc)
		return rc;
	struct ftab t;
	if (fin_rules(ctx->db, &ctx->sc, &t)) {
		ftab_free(&t);
		return cli_fail();
	}
	rc = print_ftab(&t, o.fmt);
	ftab_free(&t);
	return rc;
}

/* The options of a rule's edit; 0 or a usage status. */
static int rule_options(struct cli_ctx *ctx, int argc, char **argv, struct fin_rule_edit *e,
                        long long *version)
{
	static const struct option opts[] = {
	    {"name", required_argument, NULL, 'n'},
	    {"measure", required_argument, NULL, 'M'},
	    {"datasets", required_argument, NULL, 'D'},
	    {"scope", required_argument, NULL, 's'},
	    {"per", required_argument, NULL, 'p'},
	    {"yellow", required_argument, NULL, 'y'},
	    {"red", required_argument, NULL, 'r'},
	    {"min", required_argument, NULL, 'm'},
	    {"basis", required_argument, NULL, 'b'},
	    {"policy", required_argument, NULL, 'P'},
	    {"enabled", required_argument, NULL, 'e'},
	    {"version", required_argument, NULL, 'v'},
	    {NULL, 0, NULL, 0},
	};
	memset(e, 0, sizeof *e);
	*version = 0;
	int c;
	while ((c = cli_getopt(ctx, argc, argv, "", opts)) != -1) {
		switch (c) {
		case 'n': e->name = optarg; break;
		case 'M': e->measure = optarg; break;
		case 'D': e->datasets = optarg; break;
		case 's': e->scope = optarg; break;
		case 'p': e->per = optarg; break;
		case 'y': e->yellow = optarg; break;
		case 'r': e->red = optarg; break;
		case 'm': e->min = optarg; break;
		case 'b': e->basis = optarg; break;
		case 'P': e->policy = optarg; break;
		case 'e': e->enabled = optarg; break;
		case 'v':
			if (!cli_parse_id(optarg, version))
				return cli_usage(ctx,
				                 _("--version takes the record's version number"));
			break;
		default: return EXIT_USAGE;
		}
	}
	if (optind != argc - 1)
		return cli_usage(ctx, _("name one rule by its code"));
	return 0;
}

static int cmd_rule_set(struct cli_ctx *ctx, int argc, char **argv)
{
	struct fin_rule_edit e;
	long long version;
	int rc = rule_options(ctx, argc, argv, &e, &version);
	if (rc)
		return rc;
	if (e.measure)
		return cli_usage(ctx, _("a rule keeps its measure: add a new rule for another"));
	if (fin_rule_set(ctx->db, &ctx->sc, argv[optind], &e, version))
		return cli_fail();
	printf(_("rule %s changed\n"), argv[optind]);
	return EXIT_OK;
}

static int cmd_rule_add(struct cli_ctx *ctx, int argc, char **argv)
{
	struct fin_rule_edit e;
	long long version;
	int rc = rule_options(ctx, argc, argv, &e, &version);
	if (rc)
		return rc;
	if (!e.measure)
		return cli_usage(ctx, _("--measure is required: one of %s"), fin_measures());
	if (fin_rule_add(ctx->db, &ctx->sc, argv[optind], &e))
		return cli_fail();
	printf(_("rule %s added\n"), argv[optind]);
	return EXIT_OK;
}

/* ---- preliminary review
 * ---------------------------------------------------------------------------- */

static int cmd_opinions(struct cli_ctx *ctx, int argc, char **argv)
{
	struct topts o;
	int rc = table_options(ctx, argc, argv, "y", &o);
	if (rc)
		return rc;
	struct ftab t;
	if (fin_reviews(ctx->db, &ctx->sc, o.q.year, &t)) {
		ftab_free(&t);
		return cli_fail();
	}
	rc = print_ftab(&t, o.fmt);
	ftab_free(&t);
	return rc;
}

static int cmd_opinion(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"year", required_argument, NULL, 'y'},
	    {"kind", required_argument, NULL, 'k'},
	    {"text", required_argument, NULL, 'x'},
	    {NULL, 0, NULL, 0},
	};
	long long year = 0;
	const char *kind = NULL, *text = NULL;
	int c;
	while ((c = cli_getopt(ctx, argc, argv, "", opts)) != -1) {
		switch (c) {
		case 'y':
			if (!cli_parse_id(optarg, &year) || year < 1900 || year > 9998)
				return cli_usage(ctx, _("--year takes a year such as 2026"));
			break;
		case 'k': kind = optarg; break;
		case 'x': text = optarg; break;
		default: return EXIT_USAGE;
		}
	}
	if (optind != argc)
		return cli_usage(ctx, _("unexpected argument %s"), argv[optind]);
	if (!year || !kind || !text)
		return cli_usage(ctx, _("give --year, --kind and --text"));
	int64_t id;
	if (fin_review_add(ctx->db, &ctx->sc, (int)year, kind, text, &id))
		return cli_fail();
	printf(_("opinion %lld recorded\n"), (long long)id);
	return EXIT_OK;
}

static int cmd_respond(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"text", required_argument, NULL, 'x'},
	    {"date", required_argument, NULL, 'D'},
	    {"version", required_argument, NULL, 'v'},
	    {NULL, 0, NULL, 0},
	};
	const char *text = NULL, *date = NULL;
	long long version = 0, id;
	int c;
	while ((c = cli_getopt(ctx, argc, argv, "", opts)) != -1) {
		switch (c) {
		case 'x': text = optarg; break;
		case 'D': date = optarg; break;
		case 'v':
			if (!cli_parse_id(optarg, &version))
				return cli_usage(ctx,
				                 _("--version takes the record's version number"));
			break;
		default: return EXIT_USAGE;
		}
	}
	if (optind != argc - 1 || !cli_parse_id(argv[optind], &id))
		return cli_usage(ctx, _("name one opinion by its id (renda finance opinions)"));
	if (fin_review_respond(ctx->db, &ctx->sc, id, text, date, version))
		return cli_fail();
	printf(_("response recorded on opinion %lld\n"), id);
	return EXIT_OK;
}

/* ---- the workbook
 * ------------------------------------------------------------------------------------ */

const struct cli_cmd cli_finance_cmds[] = {
    {"finance import", N_("DATASET FILE.csv|FILE.xlsx [--source U]"),
     N_("import a dataset's file for a period (renda-finance(5)), all rows or none, with its "
        "difference from the last import; the rules raise warnings"),
     NEEDS_SCOPE, cmd_import},
    {"finance imports", N_("[--dataset D] [--period P] [--format tsv|csv|json]"),
     N_("the imports of finance data, newest first"), NEEDS_SCOPE, cmd_imports},
    {"finance changes", N_("ID [--format tsv|csv|json]"),
     N_("what an import changed against the last import of its period and source"), NEEDS_SCOPE,
     cmd_changes},
    {"finance execution",
     N_("[--book budget|fund|capital] [--year Y --month M] [--department CODE [--project CODE]] "
        "[--format tsv|csv|json]"),
     N_("budget execution beside the time-elapsed schedule, from the total to a department to "
        "a project; month on month, year on year"),
     NEEDS_SCOPE, cmd_execution},
    {"finance revenue", N_("[--year Y --month M] [--format tsv|csv|json]"),
     N_("revenue by tax kind: the year to date, the budget, year on year, month on month"),
     NEEDS_SCOPE, cmd_revenue},
    {"finance sangong", N_("[--year Y --month M] [--department CODE] [--format tsv|csv|json]"),
     N_("三公经费 by department (or by item of one) against the year's budget"), NEEDS_SCOPE,
     cmd_sangong},
    {"finance projects", N_("[--year Y --month M] [--format tsv|csv|json]"),
     N_("major investment projects: plan, investment in the year to date, progress"), NEEDS_SCOPE,
     cmd_projects},
    {"finance audit", N_("[--period P] [--status open|progress|done] [--format tsv|csv|json]"),
     N_("audit findings and their rectification, with the days overdue"), NEEDS_SCOPE, cmd_audit},
    {"finance performance", N_("[--year Y] [--project CODE] [--format tsv|csv|json]"),
     N_("performance targets and results by project (or the indicators of one), scored"),
     NEEDS_SCOPE, cmd_performance},
    {"finance rules", N_("[--format tsv|csv|json]"),
     N_("the warning rules: measure, thresholds, scope, basis"), NEEDS_SCOPE, cmd_rules},
    {"finance rule-set",
     N_("CODE [--name N] [--yellow X] [--red X|none] [--scope S] [--per month|quarter|year|once] "
        "[--datasets D] [--min YUAN] [--basis T] [--policy NUMBER] [--enabled yes|no] "
        "[--version V]"),
     N_("change a warning rule"), NEEDS_SCOPE, cmd_rule_set},
    {"finance rule-add",
     N_("CODE --measure M --name N --yellow X --datasets D --scope S [--red X] [--per P] [--min "
        "YUAN] [--basis T] [--policy NUMBER] [--enabled yes|no]"),
     N_("add a warning rule of one of the measures"), NEEDS_SCOPE, cmd_rule_add},
    {"finance check", N_("[--dataset D] [--period P]"),
     N_("run the rules again on the data imported (after a rule changed): new facts only"),
     NEEDS_SCOPE, cmd_check},
    {"finance opinions", N_("[--year Y] [--format tsv|csv|json]"),
     N_("the committee's preliminary-review opinions and the government's responses"), NEEDS_SCOPE,
     cmd_opinions},
    {"finance opinion", N_("--year Y --kind budget|accounts --text T"),
     N_("record an opinion of the preliminary review of the draft budget or final accounts"),
     NEEDS_SCOPE, cmd_opinion},
    {"finance respond", N_("ID --text T [--date DATE] [--version V]"),
     N_("record the government's response to an opinion"), NEEDS_SCOPE, cmd_respond},
    {"assets import", N_("FILE.csv|FILE.xlsx [--source U]"),
     N_("import the state assets of a year (renda-finance(5)), all rows or none"), NEEDS_SCOPE,
     cmd_assets_import},
    {"assets summary",
     N_("[--year Y] [--kind admin|enterprise|natural|zone [--holder CODE]] [--format "
        "tsv|csv|json]"),
     N_("state assets by kind, by holder of a kind, or by class of a holder"), NEEDS_SCOPE,
     cmd_assets},
    {NULL, NULL, NULL, 0, NULL},
};
