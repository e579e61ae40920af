/*
 * renda points ranking|show|events|correct|rules list|rules add-version|archive
 * and renda report points: deputies' duty points (履职积分), computed by
 * model/points from every module's events, explained line by line, ranked,
 * corrected by new events, and given out as workbooks.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/out.h"
#include "export/report_points.h"
#include "model/points/points.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* The options every reading command takes: the year and the as-of time. */
struct when {
	int year;
	const char *asof;
};

enum { O_YEAR = 256, O_ASOF, O_LEVEL, O_TOWN, O_GROUP, O_FORMAT, O_OUT, O_FORCE, O_FOR };

static const struct option read_opts[] = {
    {"year", required_argument, NULL, O_YEAR},   {"as-of", required_argument, NULL, O_ASOF},
    {"level", required_argument, NULL, O_LEVEL}, {"town", required_argument, NULL, O_TOWN},
    {"group", required_argument, NULL, O_GROUP}, {"format", required_argument, NULL, O_FORMAT},
    {"out", required_argument, NULL, O_OUT},     {"force", no_argument, NULL, O_FORCE},
    {"for", required_argument, NULL, O_FOR},     {NULL, 0, NULL, 0},
};

struct read_args {
	struct points_query q;
	enum out_format fmt;
	const char *out, *for_;
	bool force;
};

/* Parses the options of a reading command; `allowed` lists the ones it takes ("yalgt"). */
static int read_options(struct cli_ctx *ctx, int argc, char **argv, const char *allowed,
                        struct read_args *r)
{
	memset(r, 0, sizeof *r);
	long long v;
	int c;
	static const char letters[] = "yaltgfoFr";
	while ((c = cli_getopt(ctx, argc, argv, "", read_opts)) != -1) {
		if (c < O_YEAR || !strchr(allowed, letters[c - O_YEAR]))
			return c == '?' ? EXIT_USAGE
			                : cli_usage(ctx, _("unknown option %s"), argv[optind - 1]);
		switch (c) {
		case O_YEAR:
			if (!cli_parse_id(optarg, &v) || v < 1900 || v > 9998)
				return cli_usage(ctx, _("--year takes a year such as 2026"));
			r->q.year = (int)v;
			break;
		case O_ASOF: r->q.asof = optarg; break;
		case O_LEVEL: r->q.level = optarg; break;
		case O_TOWN: r->q.town = optarg; break;
		case O_GROUP: r->q.group = optarg; break;
		case O_FORMAT:
			if (!out_parse_format(optarg, &r->fmt))
				return cli_usage(ctx, _("--format must be tsv, csv or json"));
			break;
		case O_OUT: r->out = optarg; break;
		case O_FORCE: r->force = true; break;
		case O_FOR: r->for_ = optarg; break;
		}
	}
	return 0;
}

static int cmd_ranking(struct cli_ctx *ctx, int argc, char **argv)
{
	struct read_args r;
	int rc = read_options(ctx, argc, argv, "yalgtf", &r);
	if (rc)
		return rc;
	if (optind != argc)
		return cli_usage(ctx, _("unexpected argument %s"), argv[optind]);
	struct points_set s;
	if (points_compute(ctx->db, &ctx->sc, &r.q, &s))
		return cli_fail();
	static const char *const cols[] = {"rank", "of",    "code",  "name",   "level",
	                                   "town", "group", "total", "events", "share",
	                                   "from", "to",    "days"};
	struct out o;
	out_begin(&o, stdout, r.fmt, cols, 13);
	for (int i = 0; i < s.n; i++) {
		const struct points_deputy *d = &s.d[i];
		char rank[16], of[16], total[24], events[16], share[24], days[16];
		snprintf(rank, sizeof rank, "%d", d->rank);
		snprintf(days, sizeof days, "%d", d->days);
		snprintf(of, sizeof of, "%d", d->of);
		points_text(d->total, total);
		snprintf(events, sizeof events, "%d", d->nevents);
		snprintf(share, sizeof share, "%d/%d", d->share_num, d->share_den);
		out_row(&o, (const char *[]){rank, of, d->code, d->name, d->level, d->town,
		                             d->group, total, events, share, d->from, d->to, days});
	}
	out_end(&o);
	points_set_free(&s);
	return EXIT_OK;
}

/* The year of one deputy (with its lines when `lines`); prints the usage error itself. */
static int one_deputy(struct cli_ctx *ctx, int argc, char **argv, bool lines, struct read_args *r,
                      struct points_set *s)
{
	int rc = read_options(ctx, argc, argv, "yaf", r);
	if (rc)
		return rc;
	if (optind != argc - 1)
		return cli_usage(ctx, _("name one deputy by code"));
	r->q.deputy = argv[optind];
	r->q.lines = lines;
	if (points_compute(ctx->db, &ctx->sc, &r->q, s))
		return cli_fail();
	if (!s->n) {
		err_set(RD_NOTFOUND, _("%s served no part of %d (as of %.10s)"), argv[optind],
		        r->q.year ? r->q.year : s->year, s->asof);
		points_set_free(s);
		return cli_fail();
	}
	return 0;
}

static int cmd_show(struct cli_ctx *ctx, int argc, char **argv)
{
	struct read_args r;
	struct points_set s;
	int rc = one_deputy(ctx, argc, argv, false, &r, &s);
	if (rc)
		return rc;
	const struct points_deputy *d = &s.d[0];
	char year[8], share[24], total[24], rank[16], of[16], events[16], days[16];
	snprintf(year, sizeof year, "%d", s.year);
	snprintf(share, sizeof share, "%d/%d", d->share_num, d->share_den);
	points_text(d->total, total);
	snprintf(rank, sizeof rank, "%d", d->rank);
	snprintf(of, sizeof of, "%d", d->of);
	snprintf(events, sizeof events, "%d", d->nevents);
	snprintf(days, sizeof days, "%d", d->days);
	const char *keys[64] = {"code",  "name",  "level", "town",   "group",
	                        "year",  "as_of", "from",  "to",     "share",
	                        "total", "rank",  "of",    "events", "days"};
	char *vals[64] = {d->code, d->name,         d->level,      d->town, d->group, year,
	                  s.asof,  (char *)d->from, (char *)d->to, share,   total,    rank,
	                  of,      events,          days};
	int n = 15;
	/* The points of each item, as "item.CODE". */
	char *item_keys[40] = {0}, *item_vals[40] = {0};
	for (int i = 0; points_items()[i].code && n < 64 && i < 40; i++) {
		item_keys[i] = xasprintf("item.%s", points_items()[i].code);
		char buf[24];
		points_text(d->by_item[i], buf);
		item_vals[i] = xstrdup(buf);
		keys[n] = item_keys[i];
		vals[n++] = item_vals[i];
	}
	out_fields(stdout, keys, vals, n);
	for (int i = 0; i < 40; i++) {
		free(item_keys[i]);
		free(item_vals[i]);
	}
	points_set_free(&s);
	return EXIT_OK;
}

static int cmd_events(struct cli_ctx *ctx, int argc, char **argv)
{
	struct read_args r;
	struct points_set s;
	int rc = one_deputy(ctx, argc, argv, true, &r, &s);
	if (rc)
		return rc;
	static const char *const cols[] = {"day",  "item",   "key",  "version",
	                                   "rule", "points", "what", "note"};
	struct out o;
	out_begin(&o, stdout, r.fmt, cols, 8);
	const struct points_deputy *d = &s.d[0];
	for (int i = 0; i < d->nlines; i++) {
		const struct points_line *l = &d->lines[i];
		char version[16], rule[24], points[24];
		snprintf(version, sizeof version, "%d", l->version);
		points_text(l->rule, rule);
		points_text(l->points, points);
		out_row(&o, (const char *[]){l->day, l->item, l->key, l->version ? version : "",
		                             rule, points, l->what, l->note});
	}
	out_end(&o);
	points_set_free(&s);
	return EXIT_OK;
}

static int cmd_correct(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"item", required_argument, NULL, 'i'},
	    {"date", required_argument, NULL, 'd'},
	    {"void", required_argument, NULL, 'v'},
	    {"reason", required_argument, NULL, 'r'},
	    {NULL, 0, NULL, 0},
	};
	struct points_fix f = {0};
	int c;
	while ((c = cli_getopt(ctx, argc, argv, "", opts)) != -1) {
		switch (c) {
		case 'i': f.item = optarg; break;
		case 'd': f.day = optarg; break;
		case 'v': f.voids = optarg; break;
		case 'r': f.reason = optarg; break;
		default: return EXIT_USAGE;
		}
	}
	if (optind != argc - 1)
		return cli_usage(ctx, _("name one deputy by code"));
	if (!f.reason)
		return cli_usage(ctx, _("--reason TEXT is required"));
	f.deputy = argv[optind];
	int64_t id;
	if (points_correct(ctx->db, &ctx->sc, &f, &id))
		return cli_fail();
	printf(_("added correction:%lld for %s\n"), (long long)id, f.deputy);
	return EXIT_OK;
}

static int cmd_rules(struct cli_ctx *ctx, int argc, char **argv)
{
	struct read_args r;
	int rc = read_options(ctx, argc, argv, "af", &r);
	if (rc)
		return rc;
	if (optind != argc)
		return cli_usage(ctx, _("unexpected argument %s"), argv[optind]);
	struct tbl t;
	if (points_rules(ctx->db, r.q.asof, &t))
		return cli_fail();
	struct out o;
	out_begin(&o, stdout, r.fmt, t.keys, t.ncols);
	for (int i = 0; i < t.nrows; i++)
		out_row(&o, (const char *const *)&t.cells[i * t.ncols]);
	out_end(&o);
	tbl_free(&t);
	return EXIT_OK;
}

#define MAX_SET 40

static int cmd_add_version(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"from", required_argument, NULL, 'f'},
	    {"set", required_argument, NULL, 's'},
	    {"note", required_argument, NULL, 'n'},
	    {NULL, 0, NULL, 0},
	};
	struct points_change ch[MAX_SET];
	char items[MAX_SET][32];
	const char *from = NULL, *note = NULL;
	int n = 0, c;
	while ((c = cli_getopt(ctx, argc, argv, "", opts)) != -1) {
		switch (c) {
		case 'f': from = optarg; break;
		case 'n': note = optarg; break;
		case 's':
			if (n >= MAX_SET)
				return cli_usage(ctx, _("at most %d items at once"), MAX_SET);
			if (points_change_parse(optarg, &ch[n]))
				return cli_fail();
			/* points_change_parse() names the item in its own buffer: keep a copy. */
			snprintf(items[n], sizeof items[n], "%s", ch[n].item);
			ch[n].item = items[n];
			n++;
			break;
		default: return EXIT_USAGE;
		}
	}
	if (optind != argc)
		return cli_usage(ctx, _("unexpected argument %s"), argv[optind]);
	if (!from)
		return cli_usage(ctx, _("--from DATE is required"));
	if (!n)
		return cli_usage(ctx, _("--set ITEM=POINTS is required"));
	int number;
	if (points_add_version(ctx->db, &ctx->sc, from, note, ch, n, NULL, &number))
		return cli_fail();
	printf(_("added version %d of the points rules, in force from %s\n"), number, from);
	return EXIT_OK;
}

static int cmd_archive(struct cli_ctx *ctx, int argc, char **argv)
{
	struct read_args r;
	int rc = read_options(ctx, argc, argv, "yaoF", &r);
	if (rc)
		return rc;
	if (optind != argc - 1)
		return cli_usage(ctx, _("name one deputy by code"));
	if (!r.out || !*r.out)
		return cli_usage(ctx, _("--out FILE.xlsx is required"));
	struct report_points_opts o = {.year = r.q.year, .asof = r.q.asof, .force = r.force};
	if (report_points_archive(ctx->db, &ctx->sc, argv[optind], r.out, &o))
		return cli_fail();
	printf(_("wrote %s: the duty archive of %s\n"), r.out, argv[optind]);
	return EXIT_OK;
}

const struct cli_cmd cli_points_cmds[] = {
    {"points ranking",
     N_("[--year Y] [--level city|town] [--town T] [--group G] [--as-of DATE] [--format "
        "tsv|csv|json]"),
     N_("rank the deputies by their duty points (履职积分), as of now or of a past day"),
     NEEDS_SCOPE, cmd_ranking},
    {"points show", N_("CODE [--year Y] [--as-of DATE]"),
     N_("a deputy's points of a year: the total, the rank, the points of each item"), NEEDS_SCOPE,
     cmd_show},
    {"points events", N_("CODE [--year Y] [--as-of DATE] [--format tsv|csv|json]"),
     N_("every event behind a deputy's total, with the rule version that scored it"), NEEDS_SCOPE,
     cmd_events},
    {"points correct", N_("CODE (--item ITEM --date DATE | --void KEY) --reason TEXT"),
     N_("correct a deputy's points by a new event with its reason: one the records missed, or "
        "the cancellation of one"),
     NEEDS_SCOPE, cmd_correct},
    {"points rules list", N_("[--as-of DATE] [--format tsv|csv|json]"),
     N_("every version of the points rules, with the points, yearly cap and time limit of each "
        "item"),
     NEEDS_SCOPE, cmd_rules},
    {"points rules add-version", N_("--from DATE --set ITEM=POINTS[/CAP[/DAYS]]... [--note TEXT]"),
     N_("add a version of the points rules, in force from a day to come (old ones never "
        "change)"),
     NEEDS_SCOPE, cmd_add_version},
    {"points archive", N_("CODE --out FILE.xlsx [--year Y] [--as-of DATE] [--force]"),
     N_("the workbook of a deputy's duty archive (履职档案) of a year, to give to the deputy"),
     NEEDS_SCOPE, cmd_archive},
    {NULL, NULL, NULL, 0, NULL},
};
