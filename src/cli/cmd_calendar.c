/* renda calendar list|import|workdays|add|is-workday */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/out.h"
#include "model/core/cal.h"
#include "model/core/ref.h"
#include "util/datetime.h"
#include "util/err.h"
#include "util/i18n.h"

/* Parses the date argument named what; false after a usage message. */
static bool date_arg(struct cli_ctx *ctx, const char *what, const char *s, int *day)
{
	if (date_parse(s, day))
		return true;
	cli_usage(ctx, _("%s: '%s' is not a date YYYY-MM-DD"), what, s);
	return false;
}

/* Loads the calendar; false after reporting the error. */
static bool load(struct cli_ctx *ctx, struct cal *c)
{
	if (!cal_load(ctx->db, c))
		return true;
	cal_free(c);
	cli_fail();
	return false;
}

/* Warns on stderr when a year from `from` to `to` has no holiday data. */
static void warn_uncovered(const struct cal *c, int from, int to)
{
	int y = cal_uncovered_year(c, from, to);
	if (y)
		err_warn(
		    _("no holiday data for %d: only Saturdays and Sundays are taken as days off"),
		    y);
}

static int cmd_list(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"year", required_argument, NULL, 'y'},
	    {"format", required_argument, NULL, 'f'},
	    {NULL, 0, NULL, 0},
	};
	static const char *const wdays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
	static const char *const cols[] = {"day", "weekday", "kind", "name"};
	enum out_format fmt = OUT_TSV;
	int year = 0, c;
	while ((c = cli_getopt(ctx, argc, argv, "", opts)) != -1) {
		char *end;
		switch (c) {
		case 'f':
			if (!out_parse_format(optarg, &fmt))
				return cli_usage(ctx, _("--format must be tsv, csv or json"));
			break;
		case 'y':
			year = (int)strtol(optarg, &end, 10);
			if (!*optarg || *end || year < 1 || year > 9999)
				return cli_usage(ctx, _("--year: '%s' is not a year such as 2025"),
				                 optarg);
			break;
		default: return EXIT_USAGE;
		}
	}
	if (optind != argc)
		return cli_usage(ctx, _("unexpected argument %s"), argv[optind]);
	struct cal cal;
	if (!load(ctx, &cal))
		return EXIT_FAIL;
	struct out o;
	out_begin(&o, stdout, fmt, cols, 4);
	for (size_t i = 0; i < cal.n; i++) {
		const struct cal_day *e = &cal.days[i];
		char day[11];
		date_format(e->day, day);
		if (year && atoi(day) != year)
			continue;
		const char *vals[] = {day, wdays[date_weekday(e->day) - 1],
		                      e->kind == CAL_HOLIDAY ? "holiday" : "workday", e->name};
		out_row(&o, vals);
	}
	out_end(&o);
	if (year)
		warn_uncovered(&cal, date_from_ymd(year, 1, 1), date_from_ymd(year, 1, 1));
	cal_free(&cal);
	return EXIT_OK;
}

static int cmd_import(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {{NULL, 0, NULL, 0}};
	if (cli_getopt(ctx, argc, argv, "", opts) != -1)
		return EXIT_USAGE;
	if (optind != argc - 1)
		return cli_usage(ctx, _("name one FILE.csv"));
	const char *path = argv[optind];
	struct import_report rep;
	int rc = ref_import(ctx->db, &ctx->sc, ref_kind_find("calendar"), path, &rep);
	if (rep.errors.len)
		fputs(sbuf_str(&rep.errors), stderr);
	if (rc)
		err_report();
	else
		printf(_("%s: %d added, %d changed, %d unchanged\n"), path, rep.added, rep.changed,
		       rep.unchanged);
	import_report_free(&rep);
	return rc ? EXIT_FAIL : EXIT_OK;
}

static int cmd_workdays(struct cli_ctx *ctx, int argc, char **argv)
{
	int from, to;
	if (argc != 3)
		return cli_usage(ctx, _("name two dates, FROM and TO"));
	if (!date_arg(ctx, "FROM", argv[1], &from) || !date_arg(ctx, "TO", argv[2], &to))
		return EXIT_USAGE;
	struct cal cal;
	if (!load(ctx, &cal))
		return EXIT_FAIL;
	printf("%d\n", cal_workdays_between(&cal, from, to));
	warn_uncovered(&cal, from, to);
	cal_free(&cal);
	return EXIT_OK;
}

/* True when s looks like a number ("-3"), not an option. */
static bool numeric(const char *s)
{
	return s[0] == '-' && s[1] >= '0' && s[1] <= '9';
}

static int cmd_add(struct cli_ctx *ctx, int argc, char **argv)
{
	/* Parsed by hand: getopt would take a negative N such as -3 for options. */
	const char *unit = "workdays", *pos[2];
	int npos = 0;
	bool operands = false;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!operands && !strcmp(a, "--")) {
			operands = true;
		} else if (!operands && !strcmp(a, "--unit")) {
			if (i + 1 >= argc)
				return cli_usage(ctx, _("option %s needs a value"), a);
			unit = argv[++i];
		} else if (!operands && !strncmp(a, "--unit=", 7)) {
			unit = a + 7;
		} else if (!operands && a[0] == '-' && a[1] && !numeric(a)) {
			return cli_usage(ctx, _("unknown option %s"), a);
		} else if (npos == 2) {
			return cli_usage(ctx, _("unexpected argument %s"), a);
		} else {
			pos[npos++] = a;
		}
	}
	if (npos != 2)
		return cli_usage(ctx, _("name a date FROM and a number N"));
	int from;
	if (!date_arg(ctx, "FROM", pos[0], &from))
		return EXIT_USAGE;
	char *end;
	long long n = strtoll(pos[1], &end, 10);
	if (!*pos[1] || *end || n <= INT_MIN || n > INT_MAX)
		return cli_usage(ctx, _("N: '%s' is not a whole number"), pos[1]);
	if (!cal_unit_known(unit))
		return cli_usage(ctx, _("--unit must be workdays, days, weeks or months"));
	struct cal cal;
	if (!load(ctx, &cal))
		return EXIT_FAIL;
	int day = cal_add_period(&cal, from, (int)n, unit);
	if (day == CAL_NO_DAY) {
		cal_free(&cal);
		return cli_usage(ctx, _("N: %s %s from %s falls outside the years 1 to 9999"),
		                 pos[1], unit, pos[0]);
	}
	char buf[11];
	date_format(day, buf);
	printf("%s\n", buf);
	if (!strncmp(unit, "workday", 7))
		warn_uncovered(&cal, from, day);
	cal_free(&cal);
	return EXIT_OK;
}

static int cmd_is_workday(struct cli_ctx *ctx, int argc, char **argv)
{
	int day;
	if (argc != 2)
		return cli_usage(ctx, _("name one DATE"));
	if (!date_arg(ctx, "DATE", argv[1], &day))
		return EXIT_USAGE;
	struct cal cal;
	if (!load(ctx, &cal))
		return EXIT_FAIL;
	const char *name, *reason = "";
	enum cal_reason r = cal_classify(&cal, day, &name);
	switch (r) {
	case CAL_WEEKDAY: reason = _("weekday"); break;
	case CAL_WEEKEND: reason = _("weekend"); break;
	case CAL_OFF: reason = _("holiday"); break;
	case CAL_MAKEUP: reason = _("make-up workday"); break;
	}
	/* yes|no, the reason, and the entry's name when it has one. */
	printf("%s\t%s", r == CAL_WEEKDAY || r == CAL_MAKEUP ? "yes" : "no", reason);
	if (name && *name)
		printf("\t%s", name);
	putchar('\n');
	warn_uncovered(&cal, day, day);
	cal_free(&cal);
	return EXIT_OK;
}

const struct cli_cmd cli_calendar_cmds[] = {
    {"calendar list", N_("[--year Y] [--format tsv|csv|json]"),
     N_("list the holidays and make-up workdays of the working-day calendar"), NEEDS_SCOPE,
     cmd_list},
    {"calendar import", N_("FILE.csv"),
     N_("add or update calendar days from CSV (day,kind,name), all rows or none (admin only)"),
     NEEDS_SCOPE, cmd_import},
    {"calendar workdays", N_("FROM TO"),
     N_("count the working days after FROM up to and including TO"), NEEDS_SCOPE, cmd_workdays},
    {"calendar add", N_("FROM N [--unit workdays|days|weeks|months]"),
     N_("print the date N working days (or other units) after FROM"), NEEDS_SCOPE, cmd_add},
    {"calendar is-workday", N_("DATE"),
     N_("say whether DATE is a working day and why (weekend, holiday, make-up workday)"),
     NEEDS_SCOPE, cmd_is_workday},
    {NULL, NULL, NULL, 0, NULL},
};
