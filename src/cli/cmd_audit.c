/* renda audit verify|list */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/out.h"
#include "model/core/audit.h"
#include "model/core/db.h"
#include "util/datetime.h"
#include "util/err.h"
#include "util/i18n.h"

static int cmd_verify(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {{"head", required_argument, NULL, 'H'},
	                                     {NULL, 0, NULL, 0}};
	const char *noted = NULL;
	int c;
	while ((c = cli_getopt(ctx, argc, argv, "", opts)) != -1) {
		if (c != 'H')
			return EXIT_USAGE;
		noted = optarg;
	}
	if (optind != argc)
		return cli_usage(ctx, _("unexpected argument %s"), argv[optind]);
	int64_t n, bad, row = 0;
	if (audit_verify(ctx->db, &n, &bad)) {
		fprintf(stderr, _("renda: audit trail broken at row %lld: %s\n"), (long long)bad,
		        err_msg());
		return EXIT_FAIL;
	}
	if (noted) {
		int rc = audit_find_head(ctx->db, noted, &row);
		if (rc == RD_INVALID)
			return cli_usage(ctx, "%s", err_msg());
		if (rc) {
			fprintf(stderr, _("renda: audit trail rewritten: %s\n"), err_msg());
			return EXIT_FAIL;
		}
	}
	printf(_("audit trail intact: %lld rows\n"), (long long)n);
	if (noted)
		printf(_("the head noted earlier is row %lld: nothing before it was changed\n"),
		       (long long)row);
	/* The head hash, to be noted elsewhere (renda audit anchor): a later verify --head
	   against it proves that no one recomputed the chain. */
	char head[65];
	if (!audit_head(ctx->db, head, &n))
		printf(_("head: %s\n"), head);
	return EXIT_OK;
}

/* Prints the head in a form for mail, paper or a log: verified first. */
static int cmd_anchor(struct cli_ctx *ctx, int argc, char **argv)
{
	if (argc != 1)
		return cli_usage(ctx, _("unexpected argument %s"), argv[1]);
	int64_t n, bad;
	if (audit_verify(ctx->db, &n, &bad)) {
		fprintf(stderr, _("renda: audit trail broken at row %lld: %s\n"), (long long)bad,
		        err_msg());
		return EXIT_FAIL;
	}
	char head[65], at[CLOCK_BUF], host[256] = "";
	if (audit_head(ctx->db, head, &n))
		return cli_fail();
	/* The real clock: an anchor dated by RENDA_NOW would prove nothing. */
	clock_format(time(NULL), at);
	gethostname(host, sizeof host - 1);
	/* A fixed, untranslated record: it is read back by people and by scripts alike. */
	printf("renda audit anchor\n"
	       "database: %s\n"
	       "host: %s\n"
	       "time: %s\n"
	       "rows: %lld\n"
	       "head: %s\n"
	       "short: %.4s %.4s %.4s %.4s\n"
	       "verify: renda audit verify --head %s\n",
	       db_path(ctx->db), host, at, (long long)n, head, head, head + 4, head + 8, head + 12,
	       head);
	return EXIT_OK;
}

static int cmd_list(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"entity", required_argument, NULL, 'e'},  {"id", required_argument, NULL, 'i'},
	    {"account", required_argument, NULL, 'a'}, {"since", required_argument, NULL, 's'},
	    {"until", required_argument, NULL, 'u'},   {"limit", required_argument, NULL, 'l'},
	    {"format", required_argument, NULL, 'f'},  {NULL, 0, NULL, 0},
	};
	struct audit_filter f = {0};
	enum out_format fmt = OUT_TSV;
	long long v;
	int d, c;
	while ((c = cli_getopt(ctx, argc, argv, "", opts)) != -1) {
		switch (c) {
		case 'e': f.entity = optarg; break;
		case 'a': f.account = optarg; break;
		case 'i':
			if (!cli_parse_id(optarg, &v))
				return cli_usage(ctx, _("--id takes a record number"));
			f.entity_id = v;
			break;
		case 's':
		case 'u':
			if (!date_parse(optarg, &d))
				return cli_usage(ctx, _("--%s takes a date YYYY-MM-DD"),
				                 c == 's' ? "since" : "until");
			*(c == 's' ? &f.since : &f.until) = optarg;
			break;
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
	static const char *const cols[] = {"id",        "at",     "account", "role", "entity",
	                                   "entity_id", "action", "before",  "after"};
	sqlite3_stmt *st = audit_list(ctx->db, &ctx->sc, &f);
	if (!st)
		return cli_fail();
	struct out o;
	out_begin(&o, stdout, fmt, cols, 9);
	long n = out_stmt(&o, st);
	out_end(&o);
	sqlite3_finalize(st);
	if (n < 0) {
		db_fail(ctx->db, _("list audit"));
		return cli_fail();
	}
	return EXIT_OK;
}

const struct cli_cmd cli_audit_cmds[] = {
    {"audit verify", N_("[--head HASH]"),
     N_("prove that no audit row was altered, removed or reordered, and that a head noted "
        "earlier is still in the trail"),
     NEEDS_DB, cmd_verify},
    {"audit anchor", "",
     N_("print the audit trail's head, to be mailed, printed or logged outside the host"), NEEDS_DB,
     cmd_anchor},
    {"audit list",
     N_("[--entity E] [--id N] [--account A] [--since DATE] [--until DATE] [--limit N] "
        "[--format tsv|csv|json]"),
     N_("list audit rows, newest first"), NEEDS_SCOPE, cmd_list},
    {NULL, NULL, NULL, 0, NULL},
};
