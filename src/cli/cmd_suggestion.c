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
#include "modules.h"
#include "cli/out.h"
#include "model/core/pager.h"
#include "model/core/vocab.h"
#include "model/core/db.h"
#include "model/suggestion/suggestion.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* The most deputies or units one command names. */
#define MAX_NAMED 64

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

/* invite, cosign, meet, opinion: ITEM and the options of one action. */
static int one_action(struct cli_ctx *ctx, int argc, char **argv, const char *action)
{
	struct cli_act o;
	int rc = cli_act_options(ctx, argc, argv, &o);
	if (rc)
		return rc;
	if (optind != argc - 1)
		return cli_usage(ctx, _("name one motion or suggestion by number or id"));
	if (!strcmp(action, "cosign") && !o.a.answer)
		return cli_usage(ctx, _("give --confirm or --decline"));
	return cli_module_act(ctx, module_find("suggestion"), argv[optind], action, &o.a);
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

const struct cli_cmd cli_suggestion_cmds[] = {
    {"suggestion add",
     N_("--kind motion|suggestion --deputy CODE --category C --title T --proposal TEXT "
        "[--basis TEXT] [--session S] [--delegation NAME]"),
     N_("record a deputy's draft motion (案由, 案据, 方案) or suggestion"), NEEDS_SCOPE, cmd_add},
    {"suggestion invite", N_("NUMBER|ID --deputy CODE..."),
     N_("invite deputies to co-sign a draft (附议)"), NEEDS_SCOPE, cmd_invite},
    {"suggestion cosign", N_("NUMBER|ID --deputy CODE... --confirm|--decline"),
     N_("record that invited deputies confirmed or declined to co-sign"), NEEDS_SCOPE, cmd_cosign},
    {"suggestion meet",
     N_("NUMBER|ID --date DATE --place P --deputies NAMES [--unit U] [--text NOTES]"),
     N_("record a face-to-face consultation with the deputies (面商)"), NEEDS_SCOPE, cmd_meet},
    {"suggestion opinion", N_("NUMBER|ID --text T [--unit U]"),
     N_("record a supporting unit's opinion to the lead unit"), NEEDS_SCOPE, cmd_opinion},
    {NULL, NULL, NULL, 0, NULL},
};
