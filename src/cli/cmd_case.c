/* renda case list|show|add|import|act|comment|like|history|reindex */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/out.h"
#include "model/case/case.h"
#include "model/core/db.h"
#include "util/datetime.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/xalloc.h"

static int cmd_list(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{"search", required_argument, NULL, 's'},   {"regex", required_argument, NULL, 'r'},
		{"year", required_argument, NULL, 'y'},     {"category", required_argument, NULL, 'c'},
		{"town", required_argument, NULL, 't'},     {"status", required_argument, NULL, 'S'},
		{"deputy", required_argument, NULL, 'd'},   {"unit", required_argument, NULL, 'u'},
		{"overdue", no_argument, NULL, 'o'},        {"due-soon", no_argument, NULL, 'D'},
		{"limit", required_argument, NULL, 'l'},    {"format", required_argument, NULL, 'f'},
		{NULL, 0, NULL, 0},
	};
	struct case_filter f = {0};
	enum out_format fmt = OUT_TSV;
	long long v;
	int c;
	while ((c = cli_getopt(ctx, argc, argv, "", opts)) != -1) {
		switch (c) {
		case 's': f.search = optarg; break;
		case 'r': f.regex = optarg; break;
		case 'y':
			if (!cli_parse_id(optarg, &v) || v < 1900 || v > 9998)
				return cli_usage(ctx, _("--year takes a year such as 2026"));
			f.year = (int)v;
			break;
		case 'c': f.category = optarg; break;
		case 't': f.town = optarg; break;
		case 'S': f.state = optarg; break;
		case 'd': f.deputy = optarg; break;
		case 'u': f.unit = optarg; break;
		case 'o': f.overdue = true; break;
		case 'D': f.due_soon = true; break;
		case 'l':
			if (!cli_parse_id(optarg, &v))
				return cli_usage(ctx, _("--limit takes a positive number"));
			f.limit = (int)v;
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
	if (f.search && f.regex)
		return cli_usage(ctx, _("give --search or --regex, not both"));
	static const char *const cols[] = {"id",    "number",   "submitted", "state",
	                                   "town",  "category", "deputy",    "title",
	                                   "unit",  "respond_due", "reply_due", "overdue", "due_soon"};
	struct case_list *l = case_list_open(ctx->db, &ctx->sc, &f);
	if (!l)
		return cli_fail();
	struct out o;
	out_begin(&o, stdout, fmt, cols, 13);
	sqlite3_stmt *row;
	int rc;
	long n = 0;
	while ((rc = case_list_next(l, &row)) == RD_OK && (!f.limit || n < f.limit)) {
		const char *vals[13];
		for (int i = 0; i < 13; i++)
			vals[i] = db_col(row, i);
		out_row(&o, vals);
		n++;
	}
	out_end(&o);
	case_list_close(l);
	if (rc != RD_OK && rc != RD_NOTFOUND)
		return cli_fail();
	return EXIT_OK;
}

static int find(struct cli_ctx *ctx, const char *ref, int64_t *id)
{
	return case_find(ctx->db, &ctx->sc, ref, id);
}

static int cmd_show(struct cli_ctx *ctx, int argc, char **argv)
{
	if (argc != 2)
		return cli_usage(ctx, _("name one case by number or id"));
	int64_t id;
	struct case_info ci;
	if (find(ctx, argv[1], &id) || case_info(ctx->db, &ctx->sc, id, &ci))
		return cli_fail();
	out_fields(stdout, ci.keys, ci.vals, ci.n);
	case_info_free(&ci);
	return EXIT_OK;
}

static int cmd_history(struct cli_ctx *ctx, int argc, char **argv)
{
	if (argc != 2)
		return cli_usage(ctx, _("name one case by number or id"));
	int64_t id;
	if (find(ctx, argv[1], &id))
		return cli_fail();
	sqlite3_stmt *st = case_events(ctx->db, &ctx->sc, id);
	if (!st)
		return cli_fail();
	static const char *const cols[] = {"at", "account", "role", "action", "from", "to", "text", "unit"};
	struct out o;
	out_begin(&o, stdout, OUT_TSV, cols, 8);
	long n = out_stmt(&o, st);
	out_end(&o);
	sqlite3_finalize(st);
	return n < 0 ? cli_fail() : EXIT_OK;
}

static int cmd_clocks(struct cli_ctx *ctx, int argc, char **argv)
{
	if (argc != 2)
		return cli_usage(ctx, _("name one case by number or id"));
	int64_t id;
	if (find(ctx, argv[1], &id))
		return cli_fail();
	sqlite3_stmt *st = case_clocks(ctx->db, &ctx->sc, id);
	if (!st)
		return cli_fail();
	struct out o;
	out_begin(&o, stdout, OUT_TSV, cli_clock_cols, CLI_CLOCK_COLS);
	long n = out_stmt(&o, st);
	out_end(&o);
	sqlite3_finalize(st);
	return n < 0 ? cli_fail() : EXIT_OK;
}

static int cmd_add(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{"submitted-at", required_argument, NULL, 'a'}, {"deputy", required_argument, NULL, 'd'},
		{"station", required_argument, NULL, 's'},      {"channel", required_argument, NULL, 'c'},
		{"voter-name", required_argument, NULL, 'n'},   {"voter-phone", required_argument, NULL, 'p'},
		{"town", required_argument, NULL, 't'},         {"category", required_argument, NULL, 'C'},
		{"title", required_argument, NULL, 'T'},        {"content", required_argument, NULL, 'x'},
		{"external-id", required_argument, NULL, 'e'},  {"private", no_argument, NULL, 'P'},
		{NULL, 0, NULL, 0},
	};
	struct case_new n = {.channel = "phone"};
	int c;
	while ((c = cli_getopt(ctx, argc, argv, "", opts)) != -1) {
		switch (c) {
		case 'a': n.submitted_at = optarg; break;
		case 'd': n.deputy = optarg; break;
		case 's': n.station = optarg; break;
		case 'c': n.channel = optarg; break;
		case 'n': n.voter_name = optarg; break;
		case 'p': n.voter_phone = optarg; break;
		case 't': n.town = optarg; break;
		case 'C': n.category = optarg; break;
		case 'T': n.title = optarg; break;
		case 'x': n.content = optarg; break;
		case 'e': n.external_id = optarg; break;
		case 'P': n.private_case = true; break;
		default: return EXIT_USAGE;
		}
	}
	if (optind != argc)
		return cli_usage(ctx, _("unexpected argument %s"), argv[optind]);
	int64_t id;
	if (case_add(ctx->db, &ctx->sc, &n, &id))
		return cli_fail();
	char *number = NULL;
	db_text(ctx->db, &number, "SELECT number FROM vcase WHERE id = ?", "i", id);
	printf(_("added case %lld, number %s\n"), (long long)id, number ? number : "?");
	free(number);
	return EXIT_OK;
}

static int cmd_import(struct cli_ctx *ctx, int argc, char **argv)
{
	if (argc != 2)
		return cli_usage(ctx, _("name one FILE.csv"));
	struct import_report rep;
	int rc = case_import(ctx->db, &ctx->sc, argv[1], &rep);
	rc = cli_import_result(rc, &rep, argv[1]);
	import_report_free(&rep);
	return rc;
}

static int cmd_act(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{"text", required_argument, NULL, 'x'},   {"unit", required_argument, NULL, 'u'},
		{"support", required_argument, NULL, 's'}, {"level", required_argument, NULL, 'l'},
		{"eval", required_argument, NULL, 'e'},   {"private", no_argument, NULL, 'p'},
		{"version", required_argument, NULL, 'v'}, {NULL, 0, NULL, 0},
	};
	struct case_act_args a = {0};
	const char *support[16];
	long long version;
	int c;
	while ((c = cli_getopt(ctx, argc, argv, "", opts)) != -1) {
		switch (c) {
		case 'x': a.text = optarg; break;
		case 'u': a.unit = optarg; break;
		case 's':
			if (a.nsupport >= 16)
				return cli_usage(ctx, _("at most 16 supporting units"));
			support[a.nsupport++] = optarg;
			break;
		case 'l': a.level = optarg; break;
		case 'e': a.eval = optarg; break;
		case 'p': a.private_text = true; break;
		case 'v':
			if (!cli_parse_id(optarg, &version))
				return cli_usage(ctx, _("--version takes the record's version number"));
			a.version = version;
			break;
		default: return EXIT_USAGE;
		}
	}
	a.support = support;
	if (optind != argc - 2)
		return cli_usage(ctx, _("name a case and an ACTION"));
	int64_t id;
	if (find(ctx, argv[optind], &id) || case_act(ctx->db, &ctx->sc, id, argv[optind + 1], &a))
		return cli_fail();
	char *state = NULL;
	db_text(ctx->db, &state, "SELECT state FROM vcase WHERE id = ?", "i", id);
	printf(_("case %s: %s, now %s\n"), argv[optind], argv[optind + 1], state ? state : "?");
	free(state);
	return EXIT_OK;
}

static int cmd_comment(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{"deputy", required_argument, NULL, 'd'}, {"text", required_argument, NULL, 'x'},
		{"rating", required_argument, NULL, 'r'}, {NULL, 0, NULL, 0},
	};
	const char *deputy = NULL, *text = NULL;
	long long rating = 0;
	int c;
	while ((c = cli_getopt(ctx, argc, argv, "", opts)) != -1) {
		switch (c) {
		case 'd': deputy = optarg; break;
		case 'x': text = optarg; break;
		case 'r':
			if (!cli_parse_id(optarg, &rating) || rating > 5)
				return cli_usage(ctx, _("--rating takes 1 to 5"));
			break;
		default: return EXIT_USAGE;
		}
	}
	if (optind != argc - 1 || !deputy)
		return cli_usage(ctx, _("name a case and --deputy CODE"));
	int64_t id;
	if (find(ctx, argv[optind], &id) ||
	    case_comment(ctx->db, &ctx->sc, id, deputy, text, (int)rating))
		return cli_fail();
	printf(_("comment recorded on case %s\n"), argv[optind]);
	return EXIT_OK;
}

static int cmd_like(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {{"deputy", required_argument, NULL, 'd'}, {NULL, 0, NULL, 0}};
	const char *deputy = NULL;
	int c;
	while ((c = cli_getopt(ctx, argc, argv, "", opts)) != -1) {
		if (c != 'd')
			return EXIT_USAGE;
		deputy = optarg;
	}
	if (optind != argc - 1 || !deputy)
		return cli_usage(ctx, _("name a case and --deputy CODE"));
	int64_t id;
	if (find(ctx, argv[optind], &id) || case_like(ctx->db, &ctx->sc, id, deputy))
		return cli_fail();
	printf(_("like recorded on case %s\n"), argv[optind]);
	return EXIT_OK;
}

static int cmd_reindex(struct cli_ctx *ctx, int argc, char **argv)
{
	if (argc != 1)
		return cli_usage(ctx, _("unexpected argument %s"), argv[1]);
	if (scope_require_admin(&ctx->sc) || case_reindex(ctx->db))
		return cli_fail();
	printf(_("rebuilt the search indexes of the cases\n"));
	return EXIT_OK;
}

const struct cli_cmd cli_case_cmds[] = {
	{"case list",
	 N_("[--search TEXT | --regex PATTERN] [--year Y] [--category C] [--town T] [--status S] "
	    "[--deputy CODE] [--unit U] [--overdue] [--due-soon] [--limit N] [--format F]"),
	 N_("list voter issues in your scope, newest first"), NEEDS_SCOPE, cmd_list},
	{"case show", N_("NUMBER|ID"), N_("show one voter issue"), NEEDS_SCOPE, cmd_show},
	{"case history", N_("NUMBER|ID"), N_("every step of a voter issue: who, when, what"),
	 NEEDS_SCOPE, cmd_history},
	{"case clocks", N_("NUMBER|ID"),
	 N_("the deadlines of a voter issue: when each started, was due, stopped, and how"),
	 NEEDS_SCOPE, cmd_clocks},
	{"case add",
	 N_("--category C --title T --content TEXT (--deputy CODE | --station S) [--channel "
	    "qr|phone|station|other] [--voter-name N] [--voter-phone P] [--town T] "
	    "[--submitted-at TIME] [--external-id X] [--private]"),
	 N_("record a voter issue taken by phone or at a liaison station"), NEEDS_SCOPE, cmd_add},
	{"case import", N_("FILE.csv"),
	 N_("import voter issues from the intake page's export, all rows or none"), NEEDS_SCOPE,
	 cmd_import},
	{"case act",
	 N_("NUMBER|ID ACTION [--text T] [--unit U] [--support U]... [--level city|town] "
	    "[--eval satisfied|basic|unsatisfied] [--private] [--version V]"),
	 N_("take a workflow action: deputy-reply, forward, reject, assign, return, respond, "
	    "reply, evaluate, close, chase"),
	 NEEDS_SCOPE, cmd_act},
	{"case comment", N_("NUMBER|ID --deputy CODE [--text T] [--rating 1-5]"),
	 N_("record a deputy's comment and rating on the handling"), NEEDS_SCOPE, cmd_comment},
	{"case like", N_("NUMBER|ID --deputy CODE"), N_("record a deputy's like (one per deputy)"),
	 NEEDS_SCOPE, cmd_like},
	{"case reindex", "", N_("rebuild the search indexes (admin only)"), NEEDS_SCOPE, cmd_reindex},
	{NULL, NULL, NULL, 0, NULL},
};
