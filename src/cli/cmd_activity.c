/*
 * renda activity add|sign-up|confirm|attendance: deputies' activities (履职活动).
 * Every step of the flow is `activity act ID ACTION`; sign-up, confirm and
 * attendance are the same steps with options of their own (attendance takes
 * the present, on leave and absent deputies in one go). list, show, history and
 * the sub-lists come from the module registry.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "model/activity/activity.h"
#include "modules.h"
#include "util/err.h"
#include "util/i18n.h"

static int cmd_add(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"kind", required_argument, NULL, 'k'},
	    {"title", required_argument, NULL, 'T'},
	    {"starts", required_argument, NULL, 's'},
	    {"ends", required_argument, NULL, 'e'},
	    {"place", required_argument, NULL, 'p'},
	    {"town", required_argument, NULL, 't'},
	    {"organiser", required_argument, NULL, 'o'},
	    {"capacity", required_argument, NULL, 'c'},
	    {"for-level", required_argument, NULL, 'L'},
	    {"for-town", required_argument, NULL, 'W'},
	    {"for-group", required_argument, NULL, 'G'},
	    {"content", required_argument, NULL, 'C'},
	    {NULL, 0, NULL, 0},
	};
	struct activity_new n = {0};
	long long v;
	int c;
	while ((c = cli_getopt(ctx, argc, argv, "", opts)) != -1) {
		switch (c) {
		case 'k': n.kind = optarg; break;
		case 'T': n.title = optarg; break;
		case 's': n.starts = optarg; break;
		case 'e': n.ends = optarg; break;
		case 'p': n.place = optarg; break;
		case 't': n.town = optarg; break;
		case 'o': n.organiser = optarg; break;
		case 'c':
			if (strcmp(optarg, "0") && (!cli_parse_id(optarg, &v) || v > 10000))
				return cli_usage(ctx,
				                 _("--capacity takes a number of places (0: no "
				                   "limit)"));
			n.capacity = strcmp(optarg, "0") ? (int)v : 0;
			break;
		case 'L': n.for_level = optarg; break;
		case 'W': n.for_town = optarg; break;
		case 'G': n.for_group = optarg; break;
		case 'C': n.content = optarg; break;
		default: return EXIT_USAGE;
		}
	}
	if (optind != argc)
		return cli_usage(ctx, _("unexpected argument %s"), argv[optind]);
	int64_t id;
	if (activity_add(ctx->db, &ctx->sc, &n, &id))
		return cli_fail();
	struct tbl t;
	if (activity_info(ctx->db, &ctx->sc, id, &t))
		return cli_fail();
	printf(_("added activity %lld (%s)\n"), (long long)id, tbl_get(&t, 0, "number"));
	tbl_free(&t);
	return EXIT_OK;
}

/* sign-up, confirm: ACTIVITY and the deputies of one step. */
static int one_action(struct cli_ctx *ctx, int argc, char **argv, const char *action)
{
	struct cli_act o;
	int rc = cli_act_options(ctx, argc, argv, &o);
	if (rc)
		return rc;
	if (optind != argc - 1)
		return cli_usage(ctx, _("name one activity by number or id"));
	if (!o.a.ndeputies)
		return cli_usage(ctx, _("--deputy CODE is required"));
	if (!strcmp(action, "confirm") && !o.a.answer)
		o.a.answer = "confirm";
	return cli_module_act(ctx, module_find("activity"), argv[optind], action, &o.a);
}

static int cmd_signup(struct cli_ctx *ctx, int argc, char **argv)
{
	return one_action(ctx, argc, argv, "sign-up");
}

static int cmd_confirm(struct cli_ctx *ctx, int argc, char **argv)
{
	return one_action(ctx, argc, argv, "confirm");
}

#define MAX_MARKS CLI_MAX_NAMED

static int cmd_attendance(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"present", required_argument, NULL, 'p'},
	    {"leave", required_argument, NULL, 'l'},
	    {"absent", required_argument, NULL, 'a'},
	    {"reason", required_argument, NULL, 'r'},
	    {"done", no_argument, NULL, 'd'},
	    {"version", required_argument, NULL, 'v'},
	    {NULL, 0, NULL, 0},
	};
	const char *present[MAX_MARKS], *leave[MAX_MARKS], *absent[MAX_MARKS];
	struct activity_marks m = {.present = present, .leave = leave, .absent = absent};
	long long v;
	int c;
	while ((c = cli_getopt(ctx, argc, argv, "", opts)) != -1) {
		if ((c == 'p' && m.npresent >= MAX_MARKS) || (c == 'l' && m.nleave >= MAX_MARKS) ||
		    (c == 'a' && m.nabsent >= MAX_MARKS))
			return cli_usage(ctx, _("at most %d deputies at once"), MAX_MARKS);
		switch (c) {
		case 'p': present[m.npresent++] = optarg; break;
		case 'l': leave[m.nleave++] = optarg; break;
		case 'a': absent[m.nabsent++] = optarg; break;
		case 'r': m.reason = optarg; break;
		case 'd': m.done = true; break;
		case 'v':
			if (!cli_parse_id(optarg, &v))
				return cli_usage(ctx,
				                 _("--version takes the record's version number"));
			m.version = v;
			break;
		default: return EXIT_USAGE;
		}
	}
	if (optind != argc - 1)
		return cli_usage(ctx, _("name one activity by number or id"));
	if (m.nleave && (!m.reason || !*m.reason))
		return cli_usage(ctx, _("--reason TEXT is required with --leave"));
	int64_t id;
	if (activity_find(ctx->db, &ctx->sc, argv[optind], &id) ||
	    activity_mark(ctx->db, &ctx->sc, id, &m))
		return cli_fail();
	struct tbl t;
	if (activity_info(ctx->db, &ctx->sc, id, &t))
		return cli_fail();
	printf(_("%s: %s present, %s on leave, %s absent of %s confirmed; now %s\n"),
	       tbl_get(&t, 0, "number"), tbl_get(&t, 0, "present"), tbl_get(&t, 0, "leave"),
	       tbl_get(&t, 0, "absent"), tbl_get(&t, 0, "confirmed"),
	       flow_state_label(&activity_flow, tbl_get(&t, 0, "state")));
	tbl_free(&t);
	return EXIT_OK;
}

const struct cli_cmd cli_activity_cmds[] = {
    {"activity add",
     N_("--kind K --title T --starts WHEN --place P [--ends WHEN] [--town T] [--organiser O] "
        "[--capacity N] [--for-level L] [--for-town T] [--for-group G] [--content TEXT]"),
     N_("plan a deputies' activity (视察, 调研, 进站接待...): who may sign up, how many"),
     NEEDS_SCOPE, cmd_add},
    {"activity sign-up", N_("NUMBER|ID --deputy CODE..."),
     N_("record that deputies signed up for an activity open for sign-up (点单)"), NEEDS_SCOPE,
     cmd_signup},
    {"activity confirm", N_("NUMBER|ID --deputy CODE... [--decline]"),
     N_("confirm (or decline) deputies' sign-ups for an activity"), NEEDS_SCOPE, cmd_confirm},
    {"activity attendance",
     N_("NUMBER|ID [--present CODE]... [--leave CODE]... [--reason TEXT] [--absent CODE]... "
        "[--done] [--version V]"),
     N_("record who was present (出席), on leave (请假) or absent (缺席); --done completes the "
        "record"),
     NEEDS_SCOPE, cmd_attendance},
    {NULL, NULL, NULL, 0, NULL},
};
