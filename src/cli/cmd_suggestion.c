/*
 * renda suggestion list|show|history|replies|add|invite|cosign|act|meet|opinion:
 * deputies' motions and suggestions (议案建议). Every step of the flow is
 * `act ID ACTION`; invite, cosign, meet and opinion are the same steps with
 * options of their own.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/out.h"
#include "export/report_sugg.h"
#include "model/core/db.h"
#include "model/stat/stats_sugg.h"
#include "model/suggestion/suggestion.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* The most deputies or units one command names. */
#define MAX_NAMED 64

static int cmd_list(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"session", required_argument, NULL, 'S'},
	    {"kind", required_argument, NULL, 'k'},
	    {"category", required_argument, NULL, 'c'},
	    {"unit", required_argument, NULL, 'u'},
	    {"status", required_argument, NULL, 's'},
	    {"deputy", required_argument, NULL, 'd'},
	    {"search", required_argument, NULL, 'q'},
	    {"overdue", no_argument, NULL, 'o'},
	    {"due-soon", no_argument, NULL, 'D'},
	    {"key", no_argument, NULL, 'K'},
	    {"limit", required_argument, NULL, 'l'},
	    {"format", required_argument, NULL, 'f'},
	    {NULL, 0, NULL, 0},
	};
	struct suggestion_filter f = {0};
	enum out_format fmt = OUT_TSV;
	long long v;
	int c;
	while ((c = cli_getopt(ctx, argc, argv, "", opts)) != -1) {
		switch (c) {
		case 'S': f.session = optarg; break;
		case 'k': f.kind = optarg; break;
		case 'c': f.category = optarg; break;
		case 'u': f.unit = optarg; break;
		case 's': f.state = optarg; break;
		case 'd': f.deputy = optarg; break;
		case 'q': f.search = optarg; break;
		case 'o': f.overdue = true; break;
		case 'D': f.due_soon = true; break;
		case 'K': f.key = true; break;
		case 'l':
			if (!cli_parse_id(optarg, &v) || v > 1000000)
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
	sqlite3_stmt *st = suggestion_list(ctx->db, &ctx->sc, &f);
	if (!st)
		return cli_fail();
	struct out o;
	out_begin(&o, stdout, fmt, suggestion_list_cols, SUGGESTION_LIST_COLS);
	long n = out_stmt(&o, st);
	out_end(&o);
	sqlite3_finalize(st);
	return n < 0 ? cli_fail() : EXIT_OK;
}

static int find(struct cli_ctx *ctx, const char *ref, int64_t *id)
{
	return suggestion_find(ctx->db, &ctx->sc, ref, id);
}

static int cmd_show(struct cli_ctx *ctx, int argc, char **argv)
{
	if (argc != 2)
		return cli_usage(ctx, _("name one motion or suggestion by number or id"));
	int64_t id;
	struct suggestion_info si;
	if (find(ctx, argv[1], &id) || suggestion_info(ctx->db, &ctx->sc, id, &si))
		return cli_fail();
	out_fields(stdout, si.keys, si.vals, si.n);
	suggestion_info_free(&si);
	return EXIT_OK;
}

/* Prints the rows of a statement that suggestion_events(), _clocks() or _replies() returns. */
static int print_rows(struct cli_ctx *ctx, int argc, char **argv,
                      sqlite3_stmt *(*fn)(sqlite3 *, const struct scope *, int64_t),
                      const char *const *cols, int ncols)
{
	if (argc != 2)
		return cli_usage(ctx, _("name one motion or suggestion by number or id"));
	int64_t id;
	if (find(ctx, argv[1], &id))
		return cli_fail();
	sqlite3_stmt *st = fn(ctx->db, &ctx->sc, id);
	if (!st)
		return cli_fail();
	struct out o;
	out_begin(&o, stdout, OUT_TSV, cols, ncols);
	long n = out_stmt(&o, st);
	out_end(&o);
	sqlite3_finalize(st);
	return n < 0 ? cli_fail() : EXIT_OK;
}

static int cmd_history(struct cli_ctx *ctx, int argc, char **argv)
{
	static const char *const cols[] = {"at",   "account", "role", "action",
	                                   "from", "to",      "text", "unit"};
	return print_rows(ctx, argc, argv, suggestion_events, cols, 8);
}

static int cmd_clocks(struct cli_ctx *ctx, int argc, char **argv)
{
	return print_rows(ctx, argc, argv, suggestion_clocks, cli_clock_cols, CLI_CLOCK_COLS);
}

static int cmd_replies(struct cli_ctx *ctx, int argc, char **argv)
{
	static const char *const cols[] = {"round", "deputy", "code", "role",
	                                   "via",   "class",  "at",   "text"};
	return print_rows(ctx, argc, argv, suggestion_replies, cols, 8);
}

static int cmd_add(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"kind", required_argument, NULL, 'k'},
	    {"session", required_argument, NULL, 'S'},
	    {"deputy", required_argument, NULL, 'd'},
	    {"delegation", required_argument, NULL, 'g'},
	    {"category", required_argument, NULL, 'c'},
	    {"title", required_argument, NULL, 'T'},
	    {"basis", required_argument, NULL, 'b'},
	    {"proposal", required_argument, NULL, 'p'},
	    {"content", required_argument, NULL, 'p'},
	    {NULL, 0, NULL, 0},
	};
	struct suggestion_new n = {.kind = "suggestion"};
	int c;
	while ((c = cli_getopt(ctx, argc, argv, "", opts)) != -1) {
		switch (c) {
		case 'k': n.kind = optarg; break;
		case 'S': n.session = optarg; break;
		case 'd': n.deputy = optarg; break;
		case 'g': n.delegation = optarg; break;
		case 'c': n.category = optarg; break;
		case 'T': n.title = optarg; break;
		case 'b': n.basis = optarg; break;
		case 'p': n.proposal = optarg; break;
		default: return EXIT_USAGE;
		}
	}
	if (optind != argc)
		return cli_usage(ctx, _("unexpected argument %s"), argv[optind]);
	if (!n.deputy)
		return cli_usage(ctx, _("--deputy CODE (the lead deputy) is required"));
	int64_t id;
	if (suggestion_add(ctx->db, &ctx->sc, &n, &id))
		return cli_fail();
	printf(_("added draft %lld (%s)\n"), (long long)id, n.kind);
	return EXIT_OK;
}

/* The options of act, and of the commands that are one action with options of their own. */
struct act_opts {
	struct suggestion_act_args a;
	const char *support[MAX_NAMED], *deputies[MAX_NAMED];
};

/* Parses the options of an action; 0 or the exit status of a usage error. */
static int parse_act(struct cli_ctx *ctx, int argc, char **argv, struct act_opts *o)
{
	static const struct option opts[] = {
	    {"text", required_argument, NULL, 'x'},    {"unit", required_argument, NULL, 'u'},
	    {"support", required_argument, NULL, 's'}, {"deputy", required_argument, NULL, 'd'},
	    {"answer", required_argument, NULL, 'a'},  {"confirm", no_argument, NULL, 'Y'},
	    {"decline", no_argument, NULL, 'N'},       {"eval", required_argument, NULL, 'e'},
	    {"class", required_argument, NULL, 'c'},   {"into", required_argument, NULL, 'i'},
	    {"until", required_argument, NULL, 'U'},   {"date", required_argument, NULL, 'D'},
	    {"place", required_argument, NULL, 'P'},   {"deputies", required_argument, NULL, 'm'},
	    {"version", required_argument, NULL, 'v'}, {NULL, 0, NULL, 0},
	};
	memset(o, 0, sizeof *o);
	o->a.support = o->support;
	o->a.deputies = o->deputies;
	long long version;
	int c;
	while ((c = cli_getopt(ctx, argc, argv, "", opts)) != -1) {
		switch (c) {
		case 'x': o->a.text = optarg; break;
		case 'u': o->a.unit = optarg; break;
		case 's':
			if (o->a.nsupport >= MAX_NAMED)
				return cli_usage(ctx, _("at most %d supporting units"), MAX_NAMED);
			o->support[o->a.nsupport++] = optarg;
			break;
		case 'd':
			if (o->a.ndeputies >= MAX_NAMED)
				return cli_usage(ctx, _("at most %d deputies at once"), MAX_NAMED);
			o->deputies[o->a.ndeputies++] = optarg;
			break;
		case 'a': o->a.answer = optarg; break;
		case 'Y': o->a.answer = "confirm"; break;
		case 'N': o->a.answer = "decline"; break;
		case 'e': o->a.eval = optarg; break;
		case 'c': o->a.result_class = optarg; break;
		case 'i': o->a.into = optarg; break;
		case 'U':
		case 'D': o->a.date = optarg; break;
		case 'P': o->a.place = optarg; break;
		case 'm': o->a.attendees = optarg; break;
		case 'v':
			if (!cli_parse_id(optarg, &version))
				return cli_usage(ctx,
				                 _("--version takes the record's version number"));
			o->a.version = version;
			break;
		default: return EXIT_USAGE;
		}
	}
	return 0;
}

/* Takes the action on the item named by ref and says where it stands now. */
static int act(struct cli_ctx *ctx, const char *ref, const char *action,
               const struct suggestion_act_args *a)
{
	int64_t id;
	if (find(ctx, ref, &id) || suggestion_act(ctx->db, &ctx->sc, id, action, a))
		return cli_fail();
	struct suggestion_info si;
	if (suggestion_info(ctx->db, &ctx->sc, id, &si)) {
		/* A unit that returned the item no longer sees it. */
		printf(_("%s: %s\n"), ref, action);
		return EXIT_OK;
	}
	const char *state = "", *number = "";
	for (int i = 0; i < si.n; i++) {
		if (!strcmp(si.keys[i], "state"))
			state = si.vals[i];
		if (!strcmp(si.keys[i], "number"))
			number = si.vals[i];
	}
	if (*number)
		printf(_("%s: %s, now %s (%s)\n"), ref, action, state, number);
	else
		printf(_("%s: %s, now %s\n"), ref, action, state);
	suggestion_info_free(&si);
	return EXIT_OK;
}

static int cmd_act(struct cli_ctx *ctx, int argc, char **argv)
{
	struct act_opts o;
	int rc = parse_act(ctx, argc, argv, &o);
	if (rc)
		return rc;
	if (optind != argc - 2)
		return cli_usage(ctx, _("name a motion or suggestion and an ACTION"));
	return act(ctx, argv[optind], argv[optind + 1], &o.a);
}

/* invite, cosign, meet, opinion: ITEM and the options of one action. */
static int one_action(struct cli_ctx *ctx, int argc, char **argv, const char *action)
{
	struct act_opts o;
	int rc = parse_act(ctx, argc, argv, &o);
	if (rc)
		return rc;
	if (optind != argc - 1)
		return cli_usage(ctx, _("name one motion or suggestion by number or id"));
	if (!strcmp(action, "cosign") && !o.a.answer)
		return cli_usage(ctx, _("give --confirm or --decline"));
	return act(ctx, argv[optind], action, &o.a);
}

static int cmd_invite(struct cli_ctx *ctx, int argc, char **argv)
{
	return one_action(ctx, argc, argv, "invite");
}

static int cmd_cosign(struct cli_ctx *ctx, int argc, char **argv)
{
	return one_action(ctx, argc, argv, "cosign");
}

static int cmd_meet(struct cli_ctx *ctx, int argc, char **argv)
{
	return one_action(ctx, argc, argv, "meet");
}

static int cmd_opinion(struct cli_ctx *ctx, int argc, char **argv)
{
	return one_action(ctx, argc, argv, "opinion");
}

/* renda stats suggestions: the table design of renda stats cases (model/stats_sugg.h). */
static int cmd_stats(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"by", required_argument, NULL, 'b'},
	    {"session", required_argument, NULL, 'S'},
	    {"kind", required_argument, NULL, 'k'},
	    {"format", required_argument, NULL, 'f'},
	    {NULL, 0, NULL, 0},
	};
	struct ss_query q = {0};
	const char *by = NULL;
	enum out_format fmt = OUT_TSV;
	int c;
	while ((c = cli_getopt(ctx, argc, argv, "", opts)) != -1) {
		switch (c) {
		case 'b': by = optarg; break;
		case 'S': q.session = optarg; break;
		case 'k': q.kind = optarg; break;
		case 'f':
			if (!out_parse_format(optarg, &fmt))
				return cli_usage(ctx, _("--format must be tsv, csv or json"));
			break;
		default: return EXIT_USAGE;
		}
	}
	if (optind != argc)
		return cli_usage(ctx, _("unexpected argument %s"), argv[optind]);
	if (!by)
		return cli_usage(ctx, _("--by is required: one of %s"), ss_dim_names());
	int dim = ss_dim_find(by);
	if (dim < 0)
		return cli_usage(ctx, _("--by: '%s' is not one of %s"), by, ss_dim_names());
	struct ss_table t;
	if (ss_table_make(ctx->db, &ctx->sc, &q, (enum ss_by)dim, &t))
		return cli_fail();
	int n = ss_ncols(&t);
	char(*keys)[40] = xcalloc((size_t)n, sizeof *keys);
	char(*bufs)[24] = xcalloc((size_t)n, sizeof *bufs);
	const char **cols = xcalloc((size_t)n, sizeof *cols),
	           **vals = xcalloc((size_t)n, sizeof *vals);
	for (int i = 0; i < n; i++) {
		char label[160];
		enum stats_kind kind;
		ss_col(&t, i, keys[i], label, &kind);
		cols[i] = keys[i];
	}
	struct out o;
	out_begin(&o, stdout, fmt, cols, n);
	for (int r = 0; r <= t.n; r++) {
		const struct ss_row *row = r < t.n ? &t.rows[r] : &t.total;
		for (int i = 0; i < n; i++)
			vals[i] = ss_text(&t, row, i, bufs[i]);
		out_row(&o, vals);
	}
	out_end(&o);
	free(keys);
	free(bufs);
	free(cols);
	free(vals);
	ss_table_free(&t);
	return fflush(stdout) ? EXIT_FAIL : EXIT_OK;
}

/* renda report suggestions: the workbook, or one unit's handling sheet. */
static int cmd_report(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"session", required_argument, NULL, 'S'}, {"kind", required_argument, NULL, 'k'},
	    {"unit", required_argument, NULL, 'u'},    {"out", required_argument, NULL, 'o'},
	    {"force", no_argument, NULL, 'f'},         {NULL, 0, NULL, 0},
	};
	struct report_sugg_opts o = {0};
	const char *out = NULL;
	int c;
	while ((c = cli_getopt(ctx, argc, argv, "", opts)) != -1) {
		switch (c) {
		case 'S': o.session = optarg; break;
		case 'k': o.kind = optarg; break;
		case 'u': o.unit = optarg; break;
		case 'o': out = optarg; break;
		case 'f': o.force = true; break;
		default: return EXIT_USAGE;
		}
	}
	if (optind != argc)
		return cli_usage(ctx, _("unexpected argument %s"), argv[optind]);
	if (!out || !*out)
		return cli_usage(ctx, _("--out FILE.xlsx is required"));
	struct report_sugg_result res;
	if (report_sugg_write(ctx->db, &ctx->sc, out, &o, &res))
		return cli_fail();
	printf(P_("wrote %s: %ld item\n", "wrote %s: %ld items\n", (unsigned long)res.items), out,
	       res.items);
	return EXIT_OK;
}

const struct cli_cmd cli_suggestion_cmds[] = {
    {"suggestion list",
     N_("[--session S] [--kind motion|suggestion] [--category C] [--unit U] [--status S|open] "
        "[--deputy CODE] [--search TEXT] [--overdue] [--due-soon] [--key] [--limit N] "
        "[--format F]"),
     N_("list motions and suggestions in your scope, newest session first"), NEEDS_SCOPE, cmd_list},
    {"suggestion show", N_("NUMBER|ID"), N_("show one motion or suggestion"), NEEDS_SCOPE,
     cmd_show},
    {"suggestion history", N_("NUMBER|ID"),
     N_("every step of a motion or suggestion: who, when, what"), NEEDS_SCOPE, cmd_history},
    {"suggestion clocks", N_("NUMBER|ID"),
     N_("the deadlines of a motion or suggestion: when each started, was due, stopped, and how"),
     NEEDS_SCOPE, cmd_clocks},
    {"suggestion replies", N_("NUMBER|ID"),
     N_("the replies given to each deputy owed one (lead, co-signers, merged items)"), NEEDS_SCOPE,
     cmd_replies},
    {"suggestion add",
     N_("--kind motion|suggestion --deputy CODE --category C --title T --proposal TEXT "
        "[--basis TEXT] [--session S] [--delegation NAME]"),
     N_("record a deputy's draft motion (案由, 案据, 方案) or suggestion"), NEEDS_SCOPE, cmd_add},
    {"suggestion invite", N_("NUMBER|ID --deputy CODE..."),
     N_("invite deputies to co-sign a draft (附议)"), NEEDS_SCOPE, cmd_invite},
    {"suggestion cosign", N_("NUMBER|ID --deputy CODE... --confirm|--decline"),
     N_("record that invited deputies confirmed or declined to co-sign"), NEEDS_SCOPE, cmd_cosign},
    {"suggestion act",
     N_("NUMBER|ID ACTION [--text T] [--unit U] [--support U]... [--deputy CODE]... "
        "[--confirm|--decline] [--eval satisfied|basic|unsatisfied] [--class C] [--into ITEM] "
        "[--until DATE] [--date DATE --place P --deputies NAMES] [--version V]"),
     N_("take a workflow action: invite, cosign, submit, revise, withdraw, convert, register, "
        "merge, assign, return, opinion, meet, request-extension, extend, reply, evaluate, "
        "close, chase, supervise"),
     NEEDS_SCOPE, cmd_act},
    {"suggestion meet",
     N_("NUMBER|ID --date DATE --place P --deputies NAMES [--unit U] [--text NOTES]"),
     N_("record a face-to-face consultation with the deputies (面商)"), NEEDS_SCOPE, cmd_meet},
    {"suggestion opinion", N_("NUMBER|ID --text T [--unit U]"),
     N_("record a supporting unit's opinion to the lead unit"), NEEDS_SCOPE, cmd_opinion},
    {"stats suggestions",
     N_("--by unit|category|session|class|kind [--session S] [--kind motion|suggestion] "
        "[--format tsv|csv|json]"),
     N_("statistics of motions and suggestions in your scope: closed, consultation, on-time "
        "reply and satisfaction rates, result classes"),
     NEEDS_SCOPE, cmd_stats},
    {"report suggestions",
     N_("--out FILE.xlsx [--session S] [--kind motion|suggestion] [--unit U] [--force]"),
     N_("the workbook of motions and suggestions (charts, breakdowns, every item), or with "
        "--unit the handling sheet to send to a unit"),
     NEEDS_SCOPE, cmd_report},
    {NULL, NULL, NULL, 0, NULL},
};
