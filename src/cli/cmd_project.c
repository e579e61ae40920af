/*
 * renda project ...: livelihood projects chosen by the deputies' vote. The
 * registry gives each of the module's four rows its list, show, history, act
 * and sub-lists (project, project cycle, project proposal, project opinion);
 * here is what is special: opening a cycle, recording a proposal, a tally
 * sheet, the voting system's file, and the project's steps whose forms have
 * fields of their own (progress, targets, team, opinions, third-party
 * evaluation, rectification) as options.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/out.h"
#include "model/core/db.h"
#include "model/project/project.h"
#include "modules.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

#define MAX_OPTS 16

/* An option of a step's command that gives a field of the step's form (flow_arg()). */
struct field_opt {
	const char *opt;  /* --percent */
	const char *name; /* the form field's key */
};

/*
 * A step of module m named by the command: REF, then --text, --date, --into,
 * --version, and the fields' options (an option given twice joins its values
 * with "; ", as --attach does).
 */
static int field_step(struct cli_ctx *ctx, int argc, char **argv, const char *module,
                      const char *action, const struct field_opt *fields, int nfields)
{
	struct option opts[MAX_OPTS + 5];
	int n = 0;
	for (int i = 0; i < nfields && n < MAX_OPTS; i++)
		opts[n++] = (struct option){fields[i].opt, required_argument, NULL, 256 + i};
	opts[n++] = (struct option){"text", required_argument, NULL, 'x'};
	opts[n++] = (struct option){"date", required_argument, NULL, 'D'};
	opts[n++] = (struct option){"into", required_argument, NULL, 'i'};
	opts[n++] = (struct option){"version", required_argument, NULL, 'v'};
	opts[n] = (struct option){NULL, 0, NULL, 0};
	struct flow_args a = {0};
	const char *names[MAX_OPTS];
	char *values[MAX_OPTS] = {0};
	long long version;
	int c, rc = EXIT_OK;
	while (!rc && (c = cli_getopt(ctx, argc, argv, "", opts)) != -1) {
		if (c >= 256) {
			char **v = &values[c - 256];
			char *joined = *v ? xasprintf("%s; %s", *v, optarg) : xstrdup(optarg);
			free(*v);
			*v = joined;
		} else if (c == 'x')
			a.text = optarg;
		else if (c == 'D')
			a.date = optarg;
		else if (c == 'i')
			a.into = optarg;
		else if (c == 'v') {
			if (!cli_parse_id(optarg, &version))
				rc = cli_usage(ctx,
				               _("--version takes the record's version number"));
			a.version = version;
		} else
			rc = EXIT_USAGE;
	}
	if (!rc && optind != argc - 1)
		rc = cli_usage(ctx, _("name one record by its number or id"));
	for (int i = 0; i < nfields; i++)
		if (values[i]) {
			names[a.nvalues] = fields[i].name;
			a.nvalues++;
		}
	const char *vals[MAX_OPTS];
	for (int i = 0, k = 0; i < nfields; i++)
		if (values[i])
			vals[k++] = values[i];
	a.names = names;
	a.values = vals;
	if (!rc)
		rc = cli_module_act(ctx, module_find(module), argv[optind], action, &a);
	for (int i = 0; i < nfields; i++)
		free(values[i]);
	return rc;
}

/* ---- projects -------------------------------------------------------------------------- */

static int cmd_update(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct field_opt f[] = {
	    {"percent", "percent"}, {"spent", "spent"}, {"attach", "attachments"}};
	return field_step(ctx, argc, argv, "project", "update", f, 3);
}

static int cmd_target(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct field_opt f[] = {{"month", "month"}};
	return field_step(ctx, argc, argv, "project", "target", f, 1);
}

static int cmd_team(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct field_opt f[] = {
	    {"leader", "leader"}, {"group", "group"}, {"office", "office"}};
	return field_step(ctx, argc, argv, "project", "team", f, 3);
}

static int cmd_investigate(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct field_opt f[] = {{"office", "office"}};
	return field_step(ctx, argc, argv, "project", "investigate", f, 1);
}

static int cmd_appraise(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct field_opt f[] = {{"agency", "agency"}, {"score", "score"}};
	return field_step(ctx, argc, argv, "project", "appraise", f, 2);
}

static int cmd_rectify(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct field_opt f[] = {{"due", "due"}};
	return field_step(ctx, argc, argv, "project", "rectify", f, 1);
}

static int cmd_updates(struct cli_ctx *ctx, int argc, char **argv)
{
	if (argc != 2)
		return cli_usage(ctx, _("name one record by its number or id"));
	int64_t id;
	struct tbl t;
	if (project_find(ctx->db, &ctx->sc, argv[1], &id) ||
	    project_updates(ctx->db, &ctx->sc, id, &t))
		return cli_fail();
	cli_print_tbl(&t);
	tbl_free(&t);
	return EXIT_OK;
}

const struct cli_cmd cli_project_cmds[] = {
    {"project update",
     N_("NUMBER|ID --percent N --text T [--spent YUAN] [--date DATE] [--attach NAME]..."),
     N_("record a progress update of a project (the lead department)"), NEEDS_SCOPE, cmd_update},
    {"project target", N_("NUMBER|ID --month YYYY-MM --text T"),
     N_("set a month's target of a project (the lead department)"), NEEDS_SCOPE, cmd_target},
    {"project team", N_("NUMBER|ID [--leader NAME] [--group G] [--office O]"),
     N_("set the \"three ones\" team that supervises a project"), NEEDS_SCOPE, cmd_team},
    {"project investigate", N_("NUMBER|ID --office O [--text T]"),
     N_("send a project rated unsatisfied or in the bottom to a committee"), NEEDS_SCOPE,
     cmd_investigate},
    {"project appraise", N_("NUMBER|ID --agency A --score S --text FINDINGS [--date DATE]"),
     N_("record a third-party performance evaluation of a finished project"), NEEDS_SCOPE,
     cmd_appraise},
    {"project rectify", N_("NUMBER|ID --text T [--due DATE]"),
     N_("add a rectification item of a project's evaluation"), NEEDS_SCOPE, cmd_rectify},
    {"project updates", N_("NUMBER|ID"), N_("the progress updates of a project, oldest first"),
     NEEDS_SCOPE, cmd_updates},
    {NULL, NULL, NULL, 0, NULL},
};

/* ---- cycles ----------------------------------------------------------------------------- */

static int cmd_cycle_add(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"year", required_argument, NULL, 'y'},    {"town", required_argument, NULL, 't'},
	    {"choose", required_argument, NULL, 'c'},  {"candidates", required_argument, NULL, 'k'},
	    {"pass", required_argument, NULL, 'p'},    {"bottom", required_argument, NULL, 'b'},
	    {"session", required_argument, NULL, 's'}, {NULL, 0, NULL, 0},
	};
	struct pcycle_new n = {.bottom = -1};
	long long v;
	int c;
	while ((c = cli_getopt(ctx, argc, argv, "", opts)) != -1) {
		switch (c) {
		case 'y':
			if (!cli_parse_id(optarg, &v) || v > 9998)
				return cli_usage(ctx, _("--year takes a year such as 2026"));
			n.year = (int)v;
			break;
		case 't': n.town = optarg; break;
		case 'c':
			if (!cli_parse_id(optarg, &v) || v > 100)
				return cli_usage(
				    ctx, _("--choose takes a number of projects from 1 to 100"));
			n.choose = (int)v;
			break;
		case 'k':
			if (!cli_parse_id(optarg, &v) || v > 200)
				return cli_usage(ctx,
				                 _("--candidates takes a number from 2 to 200"));
			n.candidates = (int)v;
			break;
		case 'p': n.pass = optarg; break;
		case 'b':
			if (!strcmp(optarg, "0"))
				n.bottom = 0;
			else if (!cli_parse_id(optarg, &v) || v > 99)
				return cli_usage(ctx, _("--bottom takes a number from 0 to 99"));
			else
				n.bottom = (int)v;
			break;
		case 's': n.session = optarg; break;
		default: return EXIT_USAGE;
		}
	}
	if (optind != argc)
		return cli_usage(ctx, _("unexpected argument %s"), argv[optind]);
	if (!n.year)
		return cli_usage(ctx, _("--year Y is required"));
	int64_t id;
	if (pcycle_add(ctx->db, &ctx->sc, &n, &id))
		return cli_fail();
	char *number = NULL;
	db_text(ctx->db, &number, "SELECT number FROM pcycle WHERE id = ?", "i", id);
	printf(_("opened cycle %s: collecting proposals\n"), number ? number : "?");
	free(number);
	return EXIT_OK;
}

static int cmd_cycle_rules(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct field_opt f[] = {{"choose", "choose"},
	                                     {"candidates", "candidates"},
	                                     {"pass", "pass"},
	                                     {"bottom", "bottom"}};
	return field_step(ctx, argc, argv, "project-cycle", "rules", f, 4);
}

/*
 * tally CYCLE --issued N --returned N --valid N --invalid N --item NUMBER=A,B,C...: a clerk's
 * tally sheet of the cycle's open ballot (A, B, C: yes, no, abstain for a candidate;
 * satisfied, basic, unsatisfied for a project).
 */
static int cmd_cycle_tally(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"issued", required_argument, NULL, 'I'},
	    {"returned", required_argument, NULL, 'R'},
	    {"valid", required_argument, NULL, 'V'},
	    {"invalid", required_argument, NULL, 'N'},
	    {"item", required_argument, NULL, 'i'},
	    {"version", required_argument, NULL, 'v'},
	    {NULL, 0, NULL, 0},
	};
	const char *header[4] = {0};
	char **items = xcalloc((size_t)argc + 1, sizeof *items);
	int nitems = 0, c, rc = EXIT_OK;
	long long version = 0;
	while (!rc && (c = cli_getopt(ctx, argc, argv, "", opts)) != -1) {
		switch (c) {
		case 'I': header[0] = optarg; break;
		case 'R': header[1] = optarg; break;
		case 'V': header[2] = optarg; break;
		case 'N': header[3] = optarg; break;
		case 'i': items[nitems++] = optarg; break;
		case 'v':
			if (!cli_parse_id(optarg, &version))
				rc = cli_usage(ctx,
				               _("--version takes the record's version number"));
			break;
		default: rc = EXIT_USAGE;
		}
	}
	if (!rc && optind != argc - 1)
		rc = cli_usage(ctx, _("name one cycle by its number"));
	int64_t cycle, ballot;
	char kind[12];
	struct tbl t = {0};
	if (!rc && (pcycle_find(ctx->db, &ctx->sc, argv[optind], &cycle) ||
	            pcycle_open_ballot(ctx->db, &ctx->sc, cycle, &ballot, kind, &t)))
		rc = cli_fail();
	/* The named values: the ballot's four figures, then three per item. */
	int cap = 4 + 3 * nitems;
	const char **names = xcalloc((size_t)cap + 1, sizeof *names);
	const char **vals = xcalloc((size_t)cap + 1, sizeof *vals);
	char **owned = xcalloc((size_t)(6 * nitems) + 1, sizeof *owned);
	int n = 0, nowned = 0;
	for (int h = 0; !rc && h < 4; h++)
		if (header[h]) {
			names[n] = pballot_header[h];
			vals[n++] = header[h];
		}
	for (int i = 0; !rc && i < nitems; i++) {
		char *eq = strchr(items[i], '=');
		int at = -1;
		for (int r = 0; eq && r < t.nrows; r++)
			if ((size_t)(eq - items[i]) == strlen(tbl_get(&t, r, "number")) &&
			    !strncmp(items[i], tbl_get(&t, r, "number"), (size_t)(eq - items[i])))
				at = r;
		char a[24], b[24], d[24], extra;
		if (!eq || sscanf(eq + 1, "%23[0-9],%23[0-9],%23[0-9]%c", a, b, d, &extra) != 3) {
			rc =
			    cli_usage(ctx, _("--item takes NUMBER=A,B,C (three numbers of votes)"));
			break;
		}
		if (at < 0) {
			err_set(RD_INVALID, _("item: '%.*s' is not on the open ballot"),
			        (int)(eq - items[i]), items[i]);
			rc = cli_fail();
			break;
		}
		const char *figs[3] = {a, b, d};
		for (int k = 0; k < 3; k++) {
			char key[48];
			snprintf(key, sizeof key, "%s_%s",
			         tbl_get(&t, at,
			                 k == 0   ? "k1"
			                 : k == 1 ? "k2"
			                          : "k3"),
			         tbl_get(&t, at, "id"));
			names[n] = owned[nowned++] = xstrdup(key);
			vals[n] = owned[nowned++] = xstrdup(figs[k]);
			n++;
		}
	}
	tbl_free(&t);
	struct flow_args fa = {.names = names, .values = vals, .nvalues = n, .version = version};
	if (!rc)
		rc = cli_module_act(ctx, module_find("project-cycle"), argv[optind], "tally", &fa);
	if (!rc) {
		/* Say what the comparison found, as the console's page does. */
		struct tbl diff;
		if (!pcycle_differences(ctx->db, &ctx->sc, cycle, &diff)) {
			if (diff.nrows)
				printf(P_("%d figure differs from the other sheet (renda project "
				          "cycle "
				          "compare %s):\n",
				          "%d figures differ from the other sheet (renda project "
				          "cycle "
				          "compare %s):\n",
				          diff.nrows),
				       diff.nrows, argv[optind]);
			for (int r = 0; r < diff.nrows; r++) {
				fputs("  ", stdout);
				printf(_("%s: %s / %s"), tbl_get(&diff, r, "figure"),
				       tbl_get(&diff, r, "first"), tbl_get(&diff, r, "second"));
				putchar('\n');
			}
			tbl_free(&diff);
		}
	}
	for (int i = 0; i < nowned; i++)
		free(owned[i]);
	free(owned);
	free(names);
	free(vals);
	free(items);
	return rc;
}

static int cmd_cycle_import(struct cli_ctx *ctx, int argc, char **argv)
{
	if (argc != 3)
		return cli_usage(ctx, _("name a cycle and the voting system's FILE.csv"));
	struct flow_args a = {.text = argv[2]};
	return cli_module_act(ctx, module_find("project-cycle"), argv[1], "import", &a);
}

const struct cli_cmd cli_pcycle_cmds[] = {
    {"project cycle add",
     N_("--year Y [--town T] [--choose N] [--candidates N] [--pass 1/2] [--bottom K] "
        "[--session S]"),
     N_("open a year's cycle of the city's or a town's congress (collection)"), NEEDS_SCOPE,
     cmd_cycle_add},
    {"project cycle rules",
     N_("NUMBER|ID [--choose N] [--candidates N] [--pass F] [--bottom K] [--text T]"),
     N_("change a cycle's rules before the vote"), NEEDS_SCOPE, cmd_cycle_rules},
    {"project cycle tally",
     N_("NUMBER|ID --issued N --returned N --valid N --invalid N --item NUMBER=A,B,C..."),
     N_("enter a clerk's tally sheet of the open ballot (two clerks, each once)"), NEEDS_SCOPE,
     cmd_cycle_tally},
    {"project cycle import", N_("NUMBER|ID FILE.csv"),
     N_("import the voting system's result file for the open ballot"), NEEDS_SCOPE,
     cmd_cycle_import},
    {NULL, NULL, NULL, 0, NULL},
};

/* ---- proposals ----------------------------------------------------------------------------- */

static int cmd_proposal_add(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"cycle", required_argument, NULL, 'C'},
	    {"source", required_argument, NULL, 's'},
	    {"deputy", required_argument, NULL, 'd'},
	    {"group", required_argument, NULL, 'g'},
	    {"proposer", required_argument, NULL, 'p'},
	    {"channel", required_argument, NULL, 'c'},
	    {"title", required_argument, NULL, 'T'},
	    {"content", required_argument, NULL, 'x'},
	    {"category", required_argument, NULL, 'k'},
	    {"unit", required_argument, NULL, 'u'},
	    {"budget", required_argument, NULL, 'b'},
	    {"submitted-at", required_argument, NULL, 'a'},
	    {NULL, 0, NULL, 0},
	};
	struct pproposal_new n = {0};
	int c;
	while ((c = cli_getopt(ctx, argc, argv, "", opts)) != -1) {
		switch (c) {
		case 'C': n.cycle = optarg; break;
		case 's': n.source = optarg; break;
		case 'd': n.deputy = optarg; break;
		case 'g': n.group = optarg; break;
		case 'p': n.proposer = optarg; break;
		case 'c': n.channel = optarg; break;
		case 'T': n.title = optarg; break;
		case 'x': n.content = optarg; break;
		case 'k': n.category = optarg; break;
		case 'u': n.unit = optarg; break;
		case 'b': n.budget = optarg; break;
		case 'a': n.submitted_at = optarg; break;
		default: return EXIT_USAGE;
		}
	}
	if (optind != argc)
		return cli_usage(ctx, _("unexpected argument %s"), argv[optind]);
	if (!n.source)
		n.source = n.group ? "group" : n.deputy ? "deputy" : NULL;
	int64_t id;
	if (pproposal_add(ctx->db, &ctx->sc, &n, &id))
		return cli_fail();
	char *number = NULL;
	db_text(ctx->db, &number, "SELECT number FROM pproposal WHERE id = ?", "i", id);
	printf(_("recorded proposal %s\n"), number ? number : "?");
	free(number);
	return EXIT_OK;
}

const struct cli_cmd cli_pproposal_cmds[] = {
    {"project proposal add",
     N_("--cycle C --title T (--deputy CODE | --group G | --source public|government --proposer "
        "P) [--content T] [--channel online|paper] [--category C] [--unit U] [--budget YUAN] "
        "[--submitted-at TIME]"),
     N_("record a proposal of a cycle that is collecting"), NEEDS_SCOPE, cmd_proposal_add},
    {NULL, NULL, NULL, 0, NULL},
};

/* ---- opinions ------------------------------------------------------------------------------ */

static int cmd_opinion_add(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct field_opt f[] = {{"deputy", "deputy"}, {"group", "group"}};
	return field_step(ctx, argc, argv, "project", "record-opinion", f, 2);
}

const struct cli_cmd cli_popinion_cmds[] = {
    {"project opinion add", N_("PROJECT (--deputy CODE | --group G) --text T"),
     N_("record an opinion of a deputy or a deputy group on a project"), NEEDS_SCOPE,
     cmd_opinion_add},
    {NULL, NULL, NULL, 0, NULL},
};
