/* renda case add|import|comment|like|reindex; list, show, history and act are the
   registry's verbs (cmd_module.c) */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/out.h"
#include "model/core/vocab.h"
#include "model/case/case.h"
#include "model/core/db.h"
#include "model/core/pager.h"
#include "util/datetime.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/xalloc.h"

static int find(struct cli_ctx *ctx, const char *ref, int64_t *id)
{
	return case_find(ctx->db, &ctx->sc, ref, id);
}

static int cmd_add(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"submitted-at", required_argument, NULL, 'a'},
	    {"deputy", required_argument, NULL, 'd'},
	    {"station", required_argument, NULL, 's'},
	    {"channel", required_argument, NULL, 'c'},
	    {"voter-name", required_argument, NULL, 'n'},
	    {"voter-phone", required_argument, NULL, 'p'},
	    {"town", required_argument, NULL, 't'},
	    {"category", required_argument, NULL, 'C'},
	    {"title", required_argument, NULL, 'T'},
	    {"content", required_argument, NULL, 'x'},
	    {"external-id", required_argument, NULL, 'e'},
	    {"private", no_argument, NULL, 'P'},
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

static int cmd_comment(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"deputy", required_argument, NULL, 'd'},
	    {"text", required_argument, NULL, 'x'},
	    {"rating", required_argument, NULL, 'r'},
	    {NULL, 0, NULL, 0},
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
	static const struct option opts[] = {{"deputy", required_argument, NULL, 'd'},
	                                     {NULL, 0, NULL, 0}};
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
    {"case add",
     N_("--category C --title T --content TEXT (--deputy CODE | --station S) [--channel "
        "qr|phone|station|other] [--voter-name N] [--voter-phone P] [--town T] "
        "[--submitted-at TIME] [--external-id X] [--private]"),
     N_("record a voter issue taken by phone or at a liaison station"), NEEDS_SCOPE, cmd_add},
    {"case import", N_("FILE.csv"),
     N_("import voter issues from the intake page's export, all rows or none"), NEEDS_SCOPE,
     cmd_import},
    {"case comment", N_("NUMBER|ID --deputy CODE [--text T] [--rating 1-5]"),
     N_("record a deputy's comment and rating on the handling"), NEEDS_SCOPE, cmd_comment},
    {"case like", N_("NUMBER|ID --deputy CODE"), N_("record a deputy's like (one per deputy)"),
     NEEDS_SCOPE, cmd_like},
    {"case reindex", "", N_("rebuild the search indexes (admin only)"), NEEDS_SCOPE, cmd_reindex},
    {NULL, NULL, NULL, 0, NULL},
};
