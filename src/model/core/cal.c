#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/core/cal.h"
#include "model/core/db.h"
#include "util/datetime.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* The first and last days of the years 1 to 9999. */
static long long day_min(void)
{
	return date_from_ymd(1, 1, 1);
}

static long long day_max(void)
{
	return date_from_ymd(9999, 12, 31);
}

static bool day_ok(long long d)
{
	return d >= day_min() && d <= day_max();
}

static int year_of(int day)
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	return y;
}

static bool weekend(long long day)
{
	return date_weekday((int)day) >= 6;
}

/* Adds year to the ascending set c->years unless it is there. */
static void add_year(struct cal *c, int year)
{
	if (c->nyears && c->years[c->nyears - 1] == year)
		return;
	c->years = xrealloc(c->years, (c->nyears + 1) * sizeof *c->years);
	c->years[c->nyears++] = year;
}

int cal_load(sqlite3 *db, struct cal *c)
{
	memset(c, 0, sizeof *c);
	sqlite3_stmt *st =
	    db_cached(db, "SELECT day, kind, name FROM calendar_day ORDER BY day", "");
	if (!st)
		return RD_FAIL;
	size_t cap = 0;
	int rc = RD_OK, src;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		int day;
		const char *s = db_col(st, 0);
		if (!date_parse(s, &day)) {
			rc = err_set(RD_INVALID, _("calendar: '%s' is not a date YYYY-MM-DD"), s);
			break;
		}
		if (c->n == cap) {
			cap = cap ? 2 * cap : 256;
			c->days = xrealloc(c->days, cap * sizeof *c->days);
		}
		struct cal_day *e = &c->days[c->n++];
		e->day = day;
		e->kind = strcmp(db_col(st, 1), "workday") ? CAL_HOLIDAY : CAL_WORKDAY;
		e->name = xstrdup(db_col(st, 2));
	}
	if (!rc && src != SQLITE_DONE)
		rc = db_fail(db, "calendar");
	db_done(st);
	if (rc)
		return rc;
	/* Each run of consecutive holidays makes the year of its last day covered. */
	for (size_t i = 0; i < c->n; i++) {
		const struct cal_day *e = &c->days[i];
		if (e->kind != CAL_HOLIDAY)
			continue;
		const struct cal_day *next = i + 1 < c->n ? &c->days[i + 1] : NULL;
		if (!next || next->kind != CAL_HOLIDAY || next->day != e->day + 1)
			add_year(c, year_of(e->day));
	}
	return RD_OK;
}

void cal_free(struct cal *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->days[i].name);
	free(c->days);
	free(c->years);
	memset(c, 0, sizeof *c);
}

/* Index of the first entry on or after day (c->n when none). */
static size_t lower_bound(const struct cal *c, long long day)
{
	size_t lo = 0, hi = c->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (c->days[mid].day < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

const struct cal_day *cal_find(const struct cal *c, int day)
{
	size_t i = lower_bound(c, day);
	return i < c->n && c->days[i].day == day ? &c->days[i] : NULL;
}

enum cal_reason cal_classify(const struct cal *c, int day, const char **name)
{
	const struct cal_day *e = cal_find(c, day);
	if (name)
		*name = e ? e->name : NULL;
	if (e)
		return e->kind == CAL_WORKDAY ? CAL_MAKEUP : CAL_OFF;
	return weekend(day) ? CAL_WEEKEND : CAL_WEEKDAY;
}

bool cal_is_workday(const struct cal *c, int day)
{
	enum cal_reason r = cal_classify(c, day, NULL);
	return r == CAL_WEEKDAY || r == CAL_MAKEUP;
}

int cal_add_workdays(const struct cal *c, int day, int n)
{
	if (!day_ok(day))
		return CAL_NO_DAY;
	long long d = day;
	if (n == 0) {
		while (!cal_is_workday(c, (int)d))
			if (!day_ok(++d))
				return CAL_NO_DAY;
		return (int)d;
	}
	int step = n < 0 ? -1 : 1;
	long long left = n < 0 ? -(long long)n : n;
	long long first = c->n ? c->days[0].day : 0, last = c->n ? c->days[c->n - 1].day : 0;
	while (left > 0) {
		/* Beyond the entries every 7 days hold 5 working days: skip whole weeks. */
		bool clear = !c->n || (step > 0 ? d >= last : d <= first);
		if (clear && left > 5) {
			long long weeks = (left - 1) / 5;
			if (weeks > (day_max() - day_min()) / 7)
				return CAL_NO_DAY;
			d += step * 7 * weeks;
			left -= 5 * weeks;
			if (!day_ok(d))
				return CAL_NO_DAY;
			continue;
		}
		d += step;
		if (!day_ok(d))
			return CAL_NO_DAY;
		if (cal_is_workday(c, (int)d))
			left--;
	}
	return (int)d;
}

/* Number of Mondays to Fridays up to and including day, counted from an origin. */
static long long weekdays_upto(long long day)
{
	long long x = day + 3; /* day -3, 1969-12-29, was a Monday */
	long long weeks = x >= 0 ? x / 7 : -((-x + 6) / 7);
	long long r = x - 7 * weeks; /* 0 Monday ... 6 Sunday */
	return 5 * weeks + (r < 5 ? r + 1 : 5);
}

/* Working days in (a, b], a <= b. */
static long long count_between(const struct cal *c, long long a, long long b)
{
	long long n = weekdays_upto(b) - weekdays_upto(a);
	for (size_t i = lower_bound(c, a + 1); i < c->n && c->days[i].day <= b; i++) {
		bool we = weekend(c->days[i].day);
		if (c->days[i].kind == CAL_HOLIDAY && !we)
			n--;
		else if (c->days[i].kind == CAL_WORKDAY && we)
			n++;
	}
	return n;
}

int cal_workdays_between(const struct cal *c, int from, int to)
{
	if (from <= to)
		return (int)count_between(c, from, to);
	return (int)-count_between(c, (long long)to - 1, (long long)from - 1);
}

static const struct {
	const char *plural, *singular;
} units[] = {
    {"workdays", "workday"},
    {"days", "day"},
    {"weeks", "week"},
    {"months", "month"},
};
#define NUNITS (sizeof units / sizeof units[0])

/* Index into units[], or -1. */
static int unit_index(const char *unit)
{
	for (size_t i = 0; unit && i < NUNITS; i++)
		if (!strcmp(unit, units[i].plural) || !strcmp(unit, units[i].singular))
			return (int)i;
	return -1;
}

bool cal_unit_known(const char *unit)
{
	return unit_index(unit) >= 0;
}

static int days_in_month(int y, int m)
{
	for (int d = 31; d > 28; d--)
		if (date_valid_ymd(y, m, d))
			return d;
	return 28;
}

/* Calendar months, the day clamped to the month's end. */
static int add_months(int day, int amount)
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	long long t = (long long)y * 12 + (m - 1) + amount;
	long long ny = t >= 0 ? t / 12 : -((-t + 11) / 12);
	int nm = (int)(t - ny * 12) + 1;
	if (ny < 1 || ny > 9999)
		return CAL_NO_DAY;
	int nd = days_in_month((int)ny, nm);
	return date_from_ymd((int)ny, nm, d < nd ? d : nd);
}

int cal_add_period(const struct cal *c, int day, int amount, const char *unit)
{
	if (!day_ok(day))
		return CAL_NO_DAY;
	long long r;
	switch (unit_index(unit)) {
	case 0: return cal_add_workdays(c, day, amount);
	case 1: r = (long long)day + amount; break;
	case 2: r = (long long)day + 7LL * amount; break;
	case 3: return add_months(day, amount);
	default: return CAL_NO_DAY;
	}
	return day_ok(r) ? (int)r : CAL_NO_DAY;
}

static bool year_covered(const struct cal *c, int year)
{
	size_t lo = 0, hi = c->nyears;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (c->years[mid] == year)
			return true;
		if (c->years[mid] < year)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

bool cal_covers(const struct cal *c, int day)
{
	return year_covered(c, year_of(day));
}

bool cal_year_loaded(const struct cal *c, int year)
{
	return year_covered(c, year);
}

int cal_day_loaded(sqlite3 *db, int day, bool *loaded)
{
	struct cal c;
	int rc = cal_load(db, &c);
	*loaded = !rc && cal_covers(&c, day);
	cal_free(&c);
	return rc;
}

int cal_note_provisional(const struct cal *c, int from, int due)
{
	if (!day_ok(from) || !day_ok(due))
		return 0;
	int y = cal_uncovered_year(c, from, due);
	if (y) {
		char d[11], key[32];
		date_format(due, d);
		snprintf(key, sizeof key, "calendar %d", y);
		err_notice(key,
		           _("deadline %s is provisional: the holidays of %d are not loaded (renda "
		             "calendar import FILE)"),
		           d, y);
	}
	return y;
}

int cal_uncovered_year(const struct cal *c, int from, int to)
{
	int a = year_of(from < to ? from : to), b = year_of(from < to ? to : from);
	for (int y = a; y <= b; y++)
		if (!year_covered(c, y))
			return y;
	return 0;
}
