#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli/cli.h"
#include "model/core/db.h"
#include "model/core/ref.h"
#include "modules.h"
#include "util/conf.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/priv.h"
#include "util/u8.h"
#include "util/xalloc.h"

/* The command groups of the core; the modules' follow (groups()). Each ends with {NULL}. */
static const struct cli_cmd *const core_groups[] = {
    cli_core_cmds,
    cli_user_cmds,
    cli_audit_cmds,
    NULL, /* the modules come here, then the stats and report verbs of their rows */
    cli_calendar_cmds,
    cli_qr_cmds,
    cli_sync_cmds,
};
#define NCORE (sizeof core_groups / sizeof core_groups[0])

/* Every command table: the core's, each module's own (the registry), the modules' verbs. */
static const struct cli_cmd *all_groups[NCORE + 64];
static size_t nall_groups;

static size_t ngroups(void)
{
	if (!nall_groups) {
		for (size_t i = 0; i < NCORE; i++) {
			if (core_groups[i]) {
				all_groups[nall_groups++] = core_groups[i];
				continue;
			}
			for (int m = 0; m < nmodules; m++) {
				if (modules[m].cli)
					all_groups[nall_groups++] = modules[m].cli;
				all_groups[nall_groups++] = cli_module_verbs(&modules[m]);
			}
			all_groups[nall_groups++] = cli_stats_verbs();
			all_groups[nall_groups++] = cli_report_verbs();
		}
	}
	return nall_groups;
}

#define FOR_EACH_CMD(c)                                                                            \
	for (size_t g_ = 0, n_ = ngroups(); g_ < n_; g_++)                                         \
		for (const struct cli_cmd *c = all_groups[g_]; c->name; c++)

/* Number of words of name matched by argv (0 when it does not match): "project cycle list". */
static int matches(const char *name, int argc, char **argv)
{
	int w = 0;
	for (const char *p = name; *p; w++) {
		size_t n = strcspn(p, " ");
		if (w >= argc || strlen(argv[w]) != n || strncmp(argv[w], p, n))
			return 0;
		p += n;
		if (*p == ' ')
			p++;
	}
	return w;
}

/* True when words ("project", "project cycle") begin the names of other commands. */
static bool is_group(const char *words)
{
	size_t n = strlen(words);
	FOR_EACH_CMD(c)
		if (!strncmp(c->name, words, n) && c->name[n] == ' ')
			return true;
	return false;
}

/* The longest group the first words of argv name ("project cycle"), in buf; 0 when none. */
static int group_of(int argc, char **argv, char *buf, size_t size)
{
	for (int k = argc < 3 ? argc : 3; k > 0; k--) {
		size_t len = 0;
		buf[0] = '\0';
		for (int i = 0; i < k; i++)
			len += (size_t)snprintf(buf + len, len < size ? size - len : 0, "%s%s",
			                        i ? " " : "", argv[i]);
		if (len < size && is_group(buf))
			return k;
	}
	return 0;
}

/* The texts of a generated verb (a module's or the statistics'), made when first asked. */
static void fill(const struct cli_cmd *c)
{
	if (!c->usage || !c->help) {
		cli_module_fill(c);
		cli_stats_fill(c);
	}
}

const char *cli_cmd_usage(const struct cli_cmd *c)
{
	fill(c);
	return c->usage ? c->usage : "";
}

const char *cli_cmd_help(const struct cli_cmd *c)
{
	fill(c);
	return c->help ? c->help : "";
}

/*
 * The columns of the terminal f writes to, less one (a line that fills the last column
 * makes some terminals wrap it again); 0 when f is no terminal, where help keeps a line
 * a command for scripts and grep.
 */
static int term_cols(FILE *f)
{
	struct winsize ws;
	int fd = fileno(f);
	if (fd < 0 || !isatty(fd))
		return 0;
	if (ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 40)
		return ws.ws_col - 1;
	return 79;
}

/* Writes lead, then text, broken at the terminal's width under its first column. */
static void help_line(FILE *f, const char *lead, const char *text)
{
	int cols = term_cols(f);
	if (!cols) {
		fprintf(f, "%s%s\n", lead, text);
		return;
	}
	int w = u8_width(lead);
	char *t = u8_wrap(text, w, cols, w < cols / 2 ? w : 4);
	fprintf(f, "%s%s\n", lead, t);
	free(t);
}

void cli_help_cmd(const struct cli_cmd *cmd)
{
	char *lead = xasprintf(_("usage: renda %s "), cmd->name);
	help_line(stdout, lead, _(cli_cmd_usage(cmd)));
	free(lead);
	help_line(stdout, "", _(cli_cmd_help(cmd)));
	printf(_("\nGlobal options: --db FILE, --config FILE. See renda(1).\n"));
}

/*
 * The width of the command names starting with word (all when ""): at least 22, and
 * one more than the longest, so that two spaces always part a name from its help.
 */
static int name_width(const char *word)
{
	size_t n = strlen(word), w = 22;
	FOR_EACH_CMD(c)
		if (!strncmp(c->name, word, n) && strlen(c->name) + 1 > w)
			w = strlen(c->name) + 1;
	return (int)w;
}

/* Lists a group's commands: on stdout when asked for, on stderr after a usage error. */
static void help_group(FILE *f, const char *word)
{
	size_t n = strlen(word);
	int w = name_width(word);
	fprintf(f, _("usage: renda %s COMMAND ...\n\n"), word);
	FOR_EACH_CMD(c)
		if (!strncmp(c->name, word, n) && (c->name[n] == ' ' || c->name[n] == '\0')) {
			char *lead = xasprintf("  renda %-*s ", w, c->name);
			help_line(f, lead, _(cli_cmd_help(c)));
			free(lead);
		}
}

static void help_all(void)
{
	int w = name_width("");
	printf(_("usage: renda [--db FILE] [--config FILE] [COMMAND [ARGS]]\n"
	         "Without a command, renda opens the console.\n\nCommands:\n"));
	FOR_EACH_CMD(c) {
		char *lead = xasprintf("  %-*s ", w, c->name);
		help_line(stdout, lead, _(cli_cmd_help(c)));
		free(lead);
	}
	printf(_("\n'renda COMMAND --help' describes a command. Exit status: 0 success, 1 refused\n"
	         "or failed, 2 usage error. See renda(1) and renda.conf(5).\n"));
}

bool cli_wants_help(int argc, char **argv)
{
	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--"))
			return false;
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help"))
			return true;
	}
	return false;
}

int cli_usage(const struct cli_ctx *ctx, const char *fmt, ...)
{
	va_list ap;
	fputs("renda: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (ctx && ctx->cmd) {
		char *lead = xasprintf(_("usage: renda %s "), ctx->cmd->name);
		help_line(stderr, lead, _(cli_cmd_usage(ctx->cmd)));
		free(lead);
	}
	return EXIT_USAGE;
}

int cli_fail(void)
{
	err_report();
	return EXIT_FAIL;
}

int cli_getopt(struct cli_ctx *ctx, int argc, char **argv, const char *shortopts,
               const struct option *longopts)
{
	char spec[64];
	/* ':' first: we print our own messages; '+' stops at the first operand? no: permute. */
	snprintf(spec, sizeof spec, ":%s", shortopts);
	int c = getopt_long(argc, argv, spec, longopts, NULL);
	if (c == '?') {
		const char *a = argv[optind - 1];
		if (optopt &&
		    !strncmp(a, "--", 2)) /* a known long option given a value: --force=x */
			cli_usage(ctx, _("option %.*s takes no value"), (int)strcspn(a, "="), a);
		else if (optopt)
			cli_usage(ctx, _("unknown option -%c"), optopt);
		else
			cli_usage(ctx, _("unknown option %s"), argv[optind - 1]);
		return '?';
	}
	if (c == ':') {
		cli_usage(ctx, _("option %s needs a value"), argv[optind - 1]);
		return '?';
	}
	return c;
}

bool cli_parse_id(const char *s, long long *out)
{
	char *end;
	long long v = strtoll(s, &end, 10);
	if (!*s || *end || v <= 0)
		return false;
	*out = v;
	return true;
}

int cli_read_fields(struct cli_ctx *ctx, const struct ref_kind *k, int argc, char **argv, int from,
                    const char **vals, long long *version)
{
	for (int i = from; i < argc; i += 2) {
		const char *a = argv[i];
		if (strncmp(a, "--", 2) || i + 1 >= argc)
			return cli_usage(ctx, _("expected --FIELD VALUE, got %s"), a);
		if (!strcmp(a + 2, "version") && version) {
			if (!cli_parse_id(argv[i + 1], version))
				return cli_usage(ctx,
				                 _("--version takes the record's version number"));
			continue;
		}
		int f = -1;
		for (int j = 0; j < k->nfields; j++)
			if (!strcmp(a + 2, k->fields[j].key))
				f = j;
		if (f < 0)
			return cli_usage(ctx, _("%s has no field %s"), k->name, a + 2);
		vals[f] = argv[i + 1];
	}
	return 0;
}

int cli_import_result(int rc, struct import_report *rep, const char *what)
{
	if (rep->errors.len)
		fputs(sbuf_str(&rep->errors), stderr);
	if (rc) {
		err_report();
		return EXIT_FAIL;
	}
	printf(_("%s: %d added, %d changed, %d unchanged\n"), what, rep->added, rep->changed,
	       rep->unchanged);
	return EXIT_OK;
}

static int run(struct cli_ctx *ctx, const struct cli_cmd *cmd, int argc, char **argv)
{
	ctx->cmd = cmd;
	if (cli_wants_help(argc, argv)) {
		cli_help_cmd(cmd);
		/* A command that also names a group ("qr", "qr sheet"): list the group. */
		if (is_group(cmd->name)) {
			putchar('\n');
			help_group(stdout, cmd->name);
		}
		return EXIT_OK;
	}
	if (cmd->needs >= NEEDS_DB && db_open(ctx->db_path, &ctx->db))
		return cli_fail();
	/* In a setgid run only registered accounts (and root) reach the database at all. */
	bool registered =
	    cmd->needs >= NEEDS_SCOPE || (cmd->needs == NEEDS_DB && priv_setgid() && !priv_root());
	if (registered && scope_load(ctx->db, &ctx->sc)) {
		db_close(ctx->db);
		ctx->db = NULL;
		return cli_fail();
	}
	optind = 0;
	opterr = 0;
	int rc = cmd->run(ctx, argc, argv);
	scope_free(&ctx->sc);
	if (ctx->db)
		db_close(ctx->db);
	ctx->db = NULL;
	return rc;
}

int cli_main(int argc, char **argv, const char *db_path, const char *conf_path)
{
	struct cli_ctx ctx = {.db_path = db_path, .conf_path = conf_path};
	if (argc < 1 || !strcmp(argv[0], "help")) {
		if (argc >= 2) {
			/* "help user add" runs "user add --help"; never the command itself. */
			char **av = xcalloc((size_t)argc + 1, sizeof *av);
			memcpy(av, argv + 1, sizeof *av * (size_t)(argc - 1));
			av[argc - 1] = "--help";
			int rc = cli_main(argc, av, db_path, conf_path);
			free(av);
			return rc;
		}
		help_all();
		return EXIT_OK;
	}
	const struct cli_cmd *best = NULL;
	int words = 0;
	FOR_EACH_CMD(c) {
		int w = matches(c->name, argc, argv);
		if (w > words) {
			best = c;
			words = w;
		}
	}
	if (best) {
		/* The handler sees its name as argv[0], then its arguments. */
		return run(&ctx, best, argc - words + 1, argv + words - 1);
	}
	char group[128];
	int k = group_of(argc, argv, group, sizeof group);
	if (k) {
		if (argc > k && strcmp(argv[k], "--help") && strcmp(argv[k], "-h")) {
			fprintf(stderr, _("renda: %s has no command '%s'\n"), group, argv[k]);
			help_group(stderr, group);
			return EXIT_USAGE;
		}
		help_group(argc > k ? stdout : stderr, group);
		return argc > k ? EXIT_OK : EXIT_USAGE;
	}
	fprintf(stderr, _("renda: unknown command '%s'; 'renda --help' lists the commands\n"),
	        argv[0]);
	return EXIT_USAGE;
}
