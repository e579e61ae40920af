/* renda user add|list|remove|edit */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/out.h"
#include "model/core/db.h"
#include "model/core/user.h"
#include "util/err.h"
#include "util/i18n.h"

static const struct option spec_opts[] = {
    {"role", required_argument, NULL, 'r'},    {"town", required_argument, NULL, 't'},
    {"unit", required_argument, NULL, 'u'},    {"name", required_argument, NULL, 'n'},
    {"version", required_argument, NULL, 'v'}, {NULL, 0, NULL, 0},
};

/* Reads --role/--town/--unit/--name; returns 0 or the exit status of a usage error. */
static int read_spec(struct cli_ctx *ctx, int argc, char **argv, struct user_spec *u,
                     bool *have_role, long long *version)
{
	int c;
	while ((c = cli_getopt(ctx, argc, argv, "", spec_opts)) != -1) {
		switch (c) {
		case 'r':
			if (!role_parse(optarg, &u->role))
				return cli_usage(ctx, _("--role must be admin, city-clerk, "
				                        "town-clerk, unit or viewer"));
			*have_role = true;
			break;
		case 't': u->town = optarg; break;
		case 'u': u->unit = optarg; break;
		case 'n': u->name = optarg; break;
		case 'v':
			if (!version || !cli_parse_id(optarg, version))
				return cli_usage(ctx,
				                 _("--version takes the record's version number"));
			break;
		default: return EXIT_USAGE;
		}
	}
	return 0;
}

static int cmd_add(struct cli_ctx *ctx, int argc, char **argv)
{
	struct user_spec u = {0};
	bool have_role = false;
	int rc = read_spec(ctx, argc, argv, &u, &have_role, NULL);
	if (rc)
		return rc;
	if (optind != argc - 1)
		return cli_usage(ctx, _("name one LOGIN"));
	if (!have_role)
		return cli_usage(ctx, _("--role is required"));
	u.login = argv[optind];
	int64_t id;
	if (user_add(ctx->db, &ctx->sc, &u, &id))
		return cli_fail();
	printf(_("registered %s as %s (user %lld)\n"), u.login, role_name(u.role), (long long)id);
	return EXIT_OK;
}

static int cmd_edit(struct cli_ctx *ctx, int argc, char **argv)
{
	struct user_spec u = {0};
	bool have_role = false;
	long long version = 0;
	int rc = read_spec(ctx, argc, argv, &u, &have_role, &version);
	if (rc)
		return rc;
	if (optind != argc - 1)
		return cli_usage(ctx, _("name one LOGIN"));
	if (!have_role && !u.town && !u.unit && !u.name)
		return cli_usage(ctx, _("name what to change: --role, --town, --unit or --name"));
	u.login = argv[optind];
	int64_t id;
	char *role = NULL, *town = NULL, *unit = NULL;
	if (db_int(ctx->db, &id, "SELECT id FROM app_user WHERE login = ?", "t", u.login)) {
		err_set(RD_NOTFOUND, _("login: %s is not registered"), u.login);
		return cli_fail();
	}
	if (!have_role) {
		if (db_text(ctx->db, &role, "SELECT role FROM app_user WHERE id = ?", "i", id))
			return cli_fail();
		role_parse(role, &u.role);
		free(role);
	}
	/* A town clerk or unit operator keeps the stored binding unless given a new one. */
	if (u.role == ROLE_TOWN_CLERK && !u.town)
		db_text(
		    ctx->db, &town,
		    "SELECT t.name FROM app_user a JOIN town t ON t.id = a.town_id WHERE a.id = ?",
		    "i", id);
	if (u.role == ROLE_UNIT && !u.unit)
		db_text(
		    ctx->db, &unit,
		    "SELECT n.name FROM app_user a JOIN unit n ON n.id = a.unit_id WHERE a.id = ?",
		    "i", id);
	if (town)
		u.town = town;
	if (unit)
		u.unit = unit;
	rc = user_edit(ctx->db, &ctx->sc, id, version, &u);
	free(town);
	free(unit);
	if (rc)
		return cli_fail();
	printf(_("changed %s\n"), u.login);
	return EXIT_OK;
}

static int cmd_remove(struct cli_ctx *ctx, int argc, char **argv)
{
	if (argc != 2)
		return cli_usage(ctx, _("name one LOGIN"));
	if (user_remove(ctx->db, &ctx->sc, argv[1]))
		return cli_fail();
	printf(_("disabled %s (kept for the audit trail)\n"), argv[1]);
	return EXIT_OK;
}

static int cmd_list(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {{"format", required_argument, NULL, 'f'},
	                                     {NULL, 0, NULL, 0}};
	enum out_format fmt = OUT_TSV;
	int c;
	while ((c = cli_getopt(ctx, argc, argv, "", opts)) != -1) {
		if (c != 'f' || !out_parse_format(optarg, &fmt))
			return c == '?' ? EXIT_USAGE
			                : cli_usage(ctx, _("--format must be tsv, csv or json"));
	}
	if (optind != argc)
		return cli_usage(ctx, _("unexpected argument %s"), argv[optind]);
	static const char *const cols[] = {"id",   "login", "name",   "role",
	                                   "town", "unit",  "active", "version"};
	sqlite3_stmt *st = user_list(ctx->db, &ctx->sc);
	if (!st)
		return cli_fail();
	struct out o;
	out_begin(&o, stdout, fmt, cols, 8);
	long n = out_stmt(&o, st);
	out_end(&o);
	sqlite3_finalize(st);
	if (n < 0) {
		db_fail(ctx->db, _("list users"));
		return cli_fail();
	}
	return EXIT_OK;
}

const struct cli_cmd cli_user_cmds[] = {
    {"user add", N_("LOGIN --role ROLE [--town T] [--unit U] [--name NAME]"),
     N_("register an account with a role (admin only)"), NEEDS_SCOPE, cmd_add},
    {"user edit", N_("LOGIN [--role ROLE] [--town T] [--unit U] [--name NAME] [--version V]"),
     N_("change an account's role or binding (admin only)"), NEEDS_SCOPE, cmd_edit},
    {"user list", N_("[--format tsv|csv|json]"), N_("list the accounts you may see"), NEEDS_SCOPE,
     cmd_list},
    {"user remove", N_("LOGIN"), N_("disable an account; it stays in the audit trail (admin only)"),
     NEEDS_SCOPE, cmd_remove},
    {NULL, NULL, NULL, 0, NULL},
};
