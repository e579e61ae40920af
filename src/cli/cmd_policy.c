/* renda policy add|edit|import: the library of policies and regulations; list, show and the
   rules citing a document are the registry's verbs (cmd_module.c). */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "model/core/ref.h"
#include "model/finance/policy.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

/* Reads a whole text file (UTF-8) of at most 4 MiB; a new string, or NULL with a message. */
static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		err_set(RD_INVALID, _("%s: %s"), path, strerror(errno));
		return NULL;
	}
	struct sbuf b = SBUF_INIT;
	char buf[8192];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
		sbuf_add(&b, buf, n);
		if (b.len > 4u << 20) {
			fclose(f);
			sbuf_free(&b);
			err_set(RD_INVALID, _("%s: larger than 4 MiB"), path);
			return NULL;
		}
	}
	bool bad = ferror(f);
	fclose(f);
	if (bad) {
		sbuf_free(&b);
		err_set(RD_INVALID, _("%s: cannot be read"), path);
		return NULL;
	}
	return sbuf_take(&b);
}

/* The options of a document's fields; *file the text file given. 0 or a usage status. */
static int field_options(struct cli_ctx *ctx, int argc, char **argv, struct policy_fields *f,
                         const char **file, long long *version)
{
	static const struct option opts[] = {
	    {"title", required_argument, NULL, 't'},
	    {"issuer", required_argument, NULL, 'i'},
	    {"number", required_argument, NULL, 'n'},
	    {"date", required_argument, NULL, 'd'},
	    {"validity", required_argument, NULL, 'V'},
	    {"text", required_argument, NULL, 'x'},
	    {"file", required_argument, NULL, 'F'},
	    {"version", required_argument, NULL, 'v'},
	    {NULL, 0, NULL, 0},
	};
	memset(f, 0, sizeof *f);
	*file = NULL;
	*version = 0;
	int c;
	while ((c = cli_getopt(ctx, argc, argv, "", opts)) != -1) {
		switch (c) {
		case 't': f->title = optarg; break;
		case 'i': f->issuer = optarg; break;
		case 'n': f->number = optarg; break;
		case 'd': f->issued_on = optarg; break;
		case 'V': f->validity = optarg; break;
		case 'x': f->text = optarg; break;
		case 'F': *file = optarg; break;
		case 'v':
			if (!cli_parse_id(optarg, version))
				return cli_usage(ctx,
				                 _("--version takes the record's version number"));
			break;
		default: return EXIT_USAGE;
		}
	}
	if (f->text && *file)
		return cli_usage(ctx, _("give --text or --file, not both"));
	return 0;
}

static int cmd_add(struct cli_ctx *ctx, int argc, char **argv)
{
	struct policy_fields f;
	const char *file;
	long long version;
	int rc = field_options(ctx, argc, argv, &f, &file, &version);
	if (rc)
		return rc;
	if (optind != argc)
		return cli_usage(ctx, _("unexpected argument %s"), argv[optind]);
	char *text = NULL;
	if (file && !(f.text = text = slurp(file)))
		return cli_fail();
	int64_t id;
	rc = policy_add(ctx->db, &ctx->sc, &f, &id);
	free(text);
	if (rc)
		return cli_fail();
	printf(_("added document %lld to the library\n"), (long long)id);
	return EXIT_OK;
}

static int cmd_edit(struct cli_ctx *ctx, int argc, char **argv)
{
	struct policy_fields f;
	const char *file;
	long long version;
	int rc = field_options(ctx, argc, argv, &f, &file, &version);
	if (rc)
		return rc;
	if (optind != argc - 1)
		return cli_usage(ctx, _("name one document by its id or number"));
	int64_t id;
	if (policy_find(ctx->db, &ctx->sc, argv[optind], &id))
		return cli_fail();
	char *text = NULL;
	if (file && !(f.text = text = slurp(file)))
		return cli_fail();
	rc = policy_edit(ctx->db, &ctx->sc, id, &f, version);
	free(text);
	if (rc)
		return cli_fail();
	printf(_("document %lld changed\n"), (long long)id);
	return EXIT_OK;
}

static int cmd_import(struct cli_ctx *ctx, int argc, char **argv)
{
	if (argc != 2)
		return cli_usage(ctx, _("name one FILE.csv or FILE.xlsx"));
	struct import_report rep;
	int rc = policy_import(ctx->db, &ctx->sc, argv[1], &rep);
	rc = cli_import_result(rc, &rep, argv[1]);
	import_report_free(&rep);
	return rc;
}

const struct cli_cmd cli_policy_cmds[] = {
    {"policy add",
     N_("--title T --issuer I --date DATE [--number N] [--validity in_force|amended|repealed] "
        "[--text T | --file F]"),
     N_("add a document to the library of policies and regulations"), NEEDS_SCOPE, cmd_add},
    {"policy edit",
     N_("ID|NUMBER [--title T] [--issuer I] [--date DATE] [--number N] [--validity V] [--text T "
        "| --file F] [--version V]"),
     N_("change a document of the library (its full text from a file)"), NEEDS_SCOPE, cmd_edit},
    {"policy import", N_("FILE.csv|FILE.xlsx"),
     N_("import documents (title, issuer, number, issued_on, validity, text), all rows or none"),
     NEEDS_SCOPE, cmd_import},
    {NULL, NULL, NULL, 0, NULL},
};
