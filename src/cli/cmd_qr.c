/* renda qr CODE... | --all ; renda qr sheet --out FILE.xlsx */
#include "config.h"

#include <errno.h>
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "export/qr.h"
#include "export/qrsheet.h"
#include "model/deputy/deputy.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/outfile.h"
#include "util/xalloc.h"

/* Parses a whole number from min to max for option name; false after a usage message. */
static bool int_arg(struct cli_ctx *ctx, const char *name, const char *s, int min, int max,
                    int *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || !*s || *end || v < min || v > max) {
		cli_usage(ctx, _("%s takes a whole number from %d to %d"), name, min, max);
		return false;
	}
	*out = (int)v;
	return true;
}

/* What both commands take: which deputies. */
struct pick {
	bool all;
	const char *town;
};

/*
 * Reads the deputies' cards named by the operands or --all; returns 0 or an exit
 * status. A deputy named twice is taken once: the first *n cards are the deputies,
 * and *total (to free) counts the repeats kept after them.
 */
static int read_cards(struct cli_ctx *ctx, int argc, char **argv, const struct pick *p,
                      struct deputy_card **cards, size_t *n, size_t *total)
{
	int ncodes = argc - optind;
	if (p->all && ncodes)
		return cli_usage(ctx, _("name deputies' codes or --all, not both"));
	if (!p->all && !ncodes)
		return cli_usage(ctx, _("name one or more deputies' codes, or --all"));
	if (p->town && !p->all)
		return cli_usage(ctx, _("--town goes with --all"));
	if (deputy_cards(ctx->db, &ctx->sc, (const char *const *)argv + optind, ncodes, p->all,
	                 p->town, cards, total))
		return cli_fail();
	struct deputy_card *c = *cards;
	*n = 0;
	for (size_t i = 0; i < *total; i++) {
		bool seen = false;
		for (size_t j = 0; j < *n && !p->all && !seen; j++)
			seen = c[j].id == c[i].id;
		if (seen)
			continue;
		struct deputy_card t = c[*n];
		c[*n] = c[i];
		c[i] = t;
		++*n;
	}
	return 0;
}

/* True when the terminal's character set is UTF-8 (otherwise half blocks cannot show). */
static bool utf8_locale(void)
{
	const char *cs = nl_langinfo(CODESET);
	return cs && (!strcmp(cs, "UTF-8") || !strcmp(cs, "utf8"));
}

/* Prints each card: name, code, URL, then the drawing. */
static int print_text(const struct deputy_card *cards, size_t n, const struct qr_opts *o)
{
	struct sbuf b = SBUF_INIT;
	for (size_t i = 0; i < n; i++) {
		struct qr q;
		if (qr_encode(cards[i].url, o, &q)) {
			sbuf_free(&b);
			return cli_fail();
		}
		sbuf_reset(&b);
		qr_text(&q, o, &b);
		qr_free(&q);
		printf("%s%s  %s\n%s\n%s", i ? "\n" : "", cards[i].name, cards[i].code,
		       cards[i].url, sbuf_str(&b));
	}
	sbuf_free(&b);
	return fflush(stdout) ? EXIT_FAIL : EXIT_OK;
}

/* Writes DIR/CODE.png (or .svg) for each card. */
static int write_images(const struct deputy_card *cards, size_t n, const char *dir, bool svg,
                        const struct qr_opts *o)
{
	if (outfile_dir(dir))
		return cli_fail();
	const char **texts = xcalloc(n, sizeof *texts);
	char **paths = xcalloc(n, sizeof *paths);
	int rc = RD_OK;
	for (size_t i = 0; i < n && !rc; i++) {
		const char *code = cards[i].code;
		if (!*code || strchr(code, '/') || code[0] == '.')
			rc = err_set(RD_INVALID, _("deputy %s: the code cannot name a file"), code);
		texts[i] = cards[i].url;
		paths[i] = xasprintf("%s/%s.%s", dir, code, svg ? "svg" : "png");
		/* Refuse before writing anything rather than stop half-way. */
		if (!rc)
			rc = outfile_check(paths[i], o->force);
	}
	size_t written = 0;
	if (!rc)
		rc = qr_write_files(texts, (const char *const *)paths, n,
		                    svg ? QR_FORMAT_SVG : QR_FORMAT_PNG, o, &written);
	for (size_t i = 0; i < n; i++)
		free(paths[i]);
	free(paths);
	free(texts);
	if (rc) {
		err_report();
		if (written)
			fprintf(stderr,
			        P_("renda: %zu file was written before the failure\n",
			           "renda: %zu files were written before the failure\n", written),
			        written);
		return EXIT_FAIL;
	}
	printf(P_("wrote %zu QR image to %s\n", "wrote %zu QR images to %s\n", written), written,
	       dir);
	return EXIT_OK;
}

static int cmd_qr(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"all", no_argument, NULL, 'a'},
	    {"town", required_argument, NULL, 't'},
	    {"format", required_argument, NULL, 'f'},
	    {"out", required_argument, NULL, 'o'},
	    {"module", required_argument, NULL, 'm'},
	    {"margin", required_argument, NULL, 'M'},
	    {"dpi", required_argument, NULL, 'd'},
	    {"ec", required_argument, NULL, 'e'},
	    {"ascii", no_argument, NULL, 'A'},
	    {"invert", no_argument, NULL, 'i'},
	    {"jobs", required_argument, NULL, 'j'},
	    {"force", no_argument, NULL, 'F'},
	    {NULL, 0, NULL, 0},
	};
	struct pick p = {0};
	struct qr_opts o;
	qr_opts_init(&o);
	const char *format = "png", *out = NULL;
	bool ascii = false;
	int c;
	while ((c = cli_getopt(ctx, argc, argv, "", opts)) != -1) {
		switch (c) {
		case 'a': p.all = true; break;
		case 't': p.town = optarg; break;
		case 'f':
			if (strcmp(optarg, "png") && strcmp(optarg, "svg") &&
			    strcmp(optarg, "text"))
				return cli_usage(ctx, _("--format must be png, svg or text"));
			format = optarg;
			break;
		case 'o': out = optarg; break;
		case 'm':
			if (!int_arg(ctx, "--module", optarg, 1, QR_MODULE_MAX, &o.module_px))
				return EXIT_USAGE;
			break;
		case 'M':
			if (!int_arg(ctx, "--margin", optarg, 0, QR_MARGIN_MAX, &o.margin))
				return EXIT_USAGE;
			break;
		case 'd':
			if (!int_arg(ctx, "--dpi", optarg, 1, QR_DPI_MAX, &o.dpi))
				return EXIT_USAGE;
			break;
		case 'e':
			if (!qr_parse_ec(optarg, &o.ec))
				return cli_usage(ctx, _("--ec must be L, M, Q or H"));
			break;
		case 'A': ascii = true; break;
		case 'i': o.invert = true; break;
		case 'j':
			if (!int_arg(ctx, "--jobs", optarg, 1, 64, &o.threads))
				return EXIT_USAGE;
			break;
		case 'F': o.force = true; break;
		default: return EXIT_USAGE;
		}
	}
	bool text = !strcmp(format, "text");
	if (text && out)
		return cli_usage(ctx, _("--out is for png and svg; text goes to standard output"));
	struct deputy_card *cards;
	size_t n, total;
	int rc = read_cards(ctx, argc, argv, &p, &cards, &n, &total);
	if (rc)
		return rc;
	if (text) {
		/* Without UTF-8 the half blocks cannot be shown: draw with ASCII. */
		o.ascii = ascii || !utf8_locale();
		rc = print_text(cards, n, &o);
	} else
		rc = write_images(cards, n, out ? out : ".", !strcmp(format, "svg"), &o);
	deputy_cards_free(cards, total);
	return rc;
}

static int cmd_sheet(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"out", required_argument, NULL, 'o'},
	    {"all", no_argument, NULL, 'a'},
	    {"town", required_argument, NULL, 't'},
	    {"ec", required_argument, NULL, 'e'},
	    {"across", required_argument, NULL, 'x'},
	    {"force", no_argument, NULL, 'F'},
	    {NULL, 0, NULL, 0},
	};
	struct pick p = {0};
	struct qrsheet_opts so = {.across = 3};
	const char *out = NULL;
	int c;
	while ((c = cli_getopt(ctx, argc, argv, "", opts)) != -1) {
		switch (c) {
		case 'o': out = optarg; break;
		case 'a': p.all = true; break;
		case 't': p.town = optarg; break;
		case 'e':
			if (!qr_parse_ec(optarg, &so.ec))
				return cli_usage(ctx, _("--ec must be L, M, Q or H"));
			break;
		case 'x':
			if (!int_arg(ctx, "--across", optarg, 2, 3, &so.across))
				return EXIT_USAGE;
			break;
		case 'F': so.force = true; break;
		default: return EXIT_USAGE;
		}
	}
	if (!out)
		return cli_usage(ctx, _("--out FILE.xlsx is required"));
	/* No codes named: a sheet of every deputy in scope (of --town), as --all says. */
	if (optind == argc)
		p.all = true;
	/* Refuse before reading the roster when the file is there. */
	if (outfile_check(out, so.force))
		return cli_fail();
	struct deputy_card *cards;
	size_t n, total;
	int rc = read_cards(ctx, argc, argv, &p, &cards, &n, &total);
	if (rc)
		return rc;
	if (qrsheet_write(out, cards, n, &so))
		rc = cli_fail();
	else
		printf(P_("wrote %zu card to %s\n", "wrote %zu cards to %s\n", n), n, out);
	deputy_cards_free(cards, total);
	return rc;
}

const struct cli_cmd cli_qr_cmds[] = {
    {"qr",
     N_("CODE... | --all [--town T] [--format png|svg|text] [--out DIR] [--module PX] "
        "[--margin N] [--dpi N] [--ec L|M|Q|H] [--ascii] [--invert] [--jobs N] [--force]"),
     N_("write deputies' QR codes as PNG or SVG files, or show them in the terminal"), NEEDS_SCOPE,
     cmd_qr},
    {"qr sheet",
     N_("--out FILE.xlsx [--all [--town T] | CODE...] [--across 2|3] [--ec L|M|Q|H] "
        "[--force]"),
     N_("make an XLSX print sheet of QR cards for A4 paper"), NEEDS_SCOPE, cmd_sheet},
    {NULL, NULL, NULL, 0, NULL},
};
