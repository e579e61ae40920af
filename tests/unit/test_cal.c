/*
 * Unit tests of the working-day calendar. The expected dates are counted by
 * hand from the State Council's arrangements (data/ref/calendar.csv), day by
 * day, as the comments show; the program's output is not the reference.
 */
#include "config.h"

#include <stdlib.h>
#include <unistd.h>

#include "model/core/cal.h"
#include "model/core/db.h"
#include "model/core/ref.h"
#include "model/core/scope.h"
#include "tap.h"
#include "util/datetime.h"
#include "util/err.h"
#include "util/xalloc.h"

static struct cal cal;

static int D(const char *s)
{
	int d;
	if (!date_parse(s, &d)) {
		printf("# bad date in the test: %s\n", s);
		return CAL_NO_DAY;
	}
	return d;
}

/* The day as text, in a rotating static buffer (for is_str). */
static const char *S(int day)
{
	static char buf[8][11];
	static int i;
	i = (i + 1) % 8;
	if (day == CAL_NO_DAY)
		return "(no day)";
	date_format(day, buf[i]);
	return buf[i];
}

#define ADD(from, n, want)                                                                         \
	is_str(S(cal_add_workdays(&cal, D(from), n)), want, "%s + %d workdays = %s", from, n, want)
#define WORK(day, want)                                                                            \
	ok(cal_is_workday(&cal, D(day)) == (want), "%s is %sa working day", day,                   \
	   (want) ? "" : "not ")
#define BETWEEN(a, b, want)                                                                        \
	is_int(cal_workdays_between(&cal, D(a), D(b)), want, "working days from %s to %s: %d", a,  \
	       b, want)
#define PERIOD(from, n, unit, want)                                                                \
	is_str(S(cal_add_period(&cal, D(from), n, unit)), want, "%s + %d %s = %s", from, n, unit,  \
	       want)

static void test_spring_festival(void)
{
	/* 2024: off 02-10 (Sat) .. 02-17 (Sat); make-up 02-04 (Sun), 02-18 (Sun).
	   Feb 2024: 1 Thu 2 Fri 3 Sat 4 Sun* 5-9 Mon-Fri 10-17 off 18 Sun* 19-23 Mon-Fri. */
	WORK("2024-02-03", false);
	WORK("2024-02-04", true);
	WORK("2024-02-09", true); /* New Year's Eve is not an official holiday in 2024 */
	WORK("2024-02-12", false);
	WORK("2024-02-17", false);
	WORK("2024-02-18", true);
	ADD("2024-02-02", 1, "2024-02-04"); /* Sat off, Sun worked */
	ADD("2024-02-09", 1, "2024-02-18"); /* over the whole holiday */
	ADD("2024-02-09", 2, "2024-02-19");
	ADD("2024-02-02", 7, "2024-02-18");  /* 4, 5, 6, 7, 8, 9, 18 */
	ADD("2024-02-07", 7, "2024-02-22");  /* 8, 9, 18, 19, 20, 21, 22 */
	ADD("2024-02-10", 0, "2024-02-18");  /* 0: the next working day */
	ADD("2024-02-08", 0, "2024-02-08");  /* 0 on a working day: that day */
	ADD("2024-02-18", -1, "2024-02-09"); /* backwards over the holiday */
	/* (02-01, 02-29]: 2, 4, 5-9, 18, 19-23, 26-29 = 1 + 1 + 5 + 1 + 5 + 4 */
	BETWEEN("2024-02-01", "2024-02-29", 17);

	/* 2025: off 01-28 (Tue) .. 02-04 (Tue); make-up 01-26 (Sun), 02-08 (Sat).
	   24 Fri 25 Sat 26 Sun* 27 Mon 28-04 off 5 Wed 6 Thu 7 Fri 8 Sat* 9 Sun 10 Mon. */
	WORK("2025-01-25", false);
	WORK("2025-01-26", true);
	WORK("2025-01-27", true);
	WORK("2025-01-28", false);
	WORK("2025-02-04", false);
	WORK("2025-02-08", true);
	WORK("2025-02-09", false);
	ADD("2025-01-24", 5, "2025-02-07"); /* 26, 27, 2-5, 2-6, 2-7 */
	ADD("2025-01-24", 6, "2025-02-08"); /* the make-up Saturday */
	ADD("2025-01-24", 7, "2025-02-10");
	ADD("2025-02-05", -1, "2025-01-27");
	ADD("2025-02-05", -3, "2025-01-24"); /* 27, 26, 24 */
	BETWEEN("2025-01-24", "2025-02-10", 7);
	BETWEEN("2025-02-07", "2025-01-24", -5); /* backwards: [01-24, 02-07) = 24, 26, 27, 5, 6 */
	ADD("2025-02-07", -5, "2025-01-24");

	/* 2026: off 02-15 (Sun) .. 02-23 (Mon); make-up 02-14 (Sat), 02-28 (Sat).
	   Feb 2026 starts on a Sunday: 9-13 Mon-Fri, 14 Sat*, 15-23 off, 24-27 Tue-Fri, 28 Sat*. */
	WORK("2026-02-13", true);
	WORK("2026-02-14", true);
	WORK("2026-02-15", false);
	WORK("2026-02-23", false);
	WORK("2026-02-24", true);
	WORK("2026-02-28", true);
	WORK("2026-03-01", false);
	ADD("2026-02-13", 1, "2026-02-14");
	ADD("2026-02-13", 2, "2026-02-24");
	ADD("2026-02-12", 7, "2026-02-28"); /* 13, 14, 24, 25, 26, 27, 28 */
	ADD("2026-02-12", 8, "2026-03-02");
	/* (02-01, 02-28]: 2-6, 9-13, 14, 24-27, 28 = 5 + 5 + 1 + 4 + 1 */
	BETWEEN("2026-02-01", "2026-02-28", 16);
}

static void test_national_day(void)
{
	/* 2024: off 10-01 (Tue) .. 10-07 (Mon); make-up 09-29 (Sun), 10-12 (Sat).
	   27 Fri 28 Sat 29 Sun* 30 Mon, 1-7 off, 8 Tue .. 11 Fri, 12 Sat*, 13 Sun. */
	WORK("2024-09-28", false);
	WORK("2024-09-29", true);
	WORK("2024-10-07", false);
	WORK("2024-10-12", true);
	WORK("2024-10-13", false);
	ADD("2024-09-27", 1, "2024-09-29");
	ADD("2024-09-27", 2, "2024-09-30");
	ADD("2024-09-27", 3, "2024-10-08");
	ADD("2024-09-27", 7, "2024-10-12"); /* 29, 30, 8, 9, 10, 11, 12 */
	ADD("2024-10-01", 0, "2024-10-08");
	BETWEEN("2024-09-30", "2024-10-13", 5);
	/* Mid-Autumn 2024: make-up 09-14 (Sat), off 09-15 .. 09-17 (Sun-Tue). */
	ADD("2024-09-13", 1, "2024-09-14");
	ADD("2024-09-13", 2, "2024-09-18");

	/* 2025: off 10-01 (Wed) .. 10-08 (Wed); make-up 09-28 (Sun), 10-11 (Sat).
	   26 Fri 27 Sat 28 Sun* 29 Mon 30 Tue, 1-8 off, 9 Thu 10 Fri 11 Sat* 12 Sun 13 Mon. */
	WORK("2025-09-27", false);
	WORK("2025-09-28", true);
	WORK("2025-10-08", false);
	WORK("2025-10-11", true);
	WORK("2025-10-12", false);
	ADD("2025-09-26", 1, "2025-09-28");
	ADD("2025-09-26", 3, "2025-09-30");
	ADD("2025-09-26", 4, "2025-10-09");
	ADD("2025-09-26", 6, "2025-10-11");
	ADD("2025-09-26", 7, "2025-10-13");
	BETWEEN("2025-09-26", "2025-10-12", 6); /* 28, 29, 30, 9, 10, 11 */
	/* October 2025: 23 weekdays (1-3, 6-10, 13-17, 20-24, 27-31), 6 of them off
	   (1, 2, 3, 6, 7, 8), one make-up Saturday: 18. */
	BETWEEN("2025-09-30", "2025-10-31", 18);

	/* 2026: Mid-Autumn off 09-25 (Fri) .. 09-27 (Sun); National Day off 10-01 (Thu) ..
	   10-07 (Wed); make-up 09-20 (Sun), 10-10 (Sat). 18 Fri 19 Sat 20 Sun* 21-24 Mon-Thu
	   25-27 off 28-30 Mon-Wed, 1-7 off, 8 Thu 9 Fri 10 Sat* 11 Sun 12 Mon. */
	WORK("2026-09-19", false);
	WORK("2026-09-20", true);
	WORK("2026-09-25", false);
	WORK("2026-10-07", false);
	WORK("2026-10-10", true);
	WORK("2026-10-11", false);
	ADD("2026-09-18", 1, "2026-09-20");
	ADD("2026-09-24", 7, "2026-10-12"); /* 28, 29, 30, 8, 9, 10, 12 */
	ADD("2026-10-12", -1, "2026-10-10");
	ADD("2026-10-12", -4, "2026-09-30"); /* 10, 9, 8, 30 */
	/* 20, 21, 22, 23, 24, 28, 29, 30, 8, 9, 10 */
	BETWEEN("2026-09-18", "2026-10-11", 11);
}

static void test_periods(void)
{
	PERIOD("2025-01-24", 5, "workdays", "2025-02-07");
	PERIOD("2025-01-24", 5, "workday", "2025-02-07");
	PERIOD("2024-02-28", 2, "days", "2024-03-01");
	PERIOD("2025-09-26", 1, "weeks", "2025-10-03"); /* calendar weeks land on a holiday */
	PERIOD("2025-09-26", -2, "weeks", "2025-09-12");
	PERIOD("2024-09-30", 1, "months", "2024-10-30");
	PERIOD("2024-01-31", 1, "months", "2024-02-29"); /* clamped, leap year */
	PERIOD("2025-01-31", 1, "months", "2025-02-28");
	PERIOD("2024-08-31", 1, "month", "2024-09-30");
	PERIOD("2024-03-31", -1, "months", "2024-02-29");
	PERIOD("2025-11-30", 3, "months", "2026-02-28");
	PERIOD("2025-12-15", 1, "months", "2026-01-15");
	PERIOD("2026-01-15", -13, "months", "2024-12-15");
	PERIOD("2025-06-15", 6, "months", "2025-12-15");
	ok(cal_add_period(&cal, D("2025-01-24"), 1, "fortnights") == CAL_NO_DAY,
	   "an unknown unit has no answer");
	ok(!cal_unit_known("fortnights") && cal_unit_known("months") && cal_unit_known("day"),
	   "cal_unit_known knows the four units");
	ok(cal_add_period(&cal, D("9999-12-01"), 1, "months") == CAL_NO_DAY,
	   "a month after 9999-12 has no answer");
	ok(cal_add_workdays(&cal, D("9999-12-31"), 1) == CAL_NO_DAY,
	   "a working day after 9999-12-31 has no answer");
	ok(cal_add_workdays(&cal, D("2025-01-01"), 2000000000) == CAL_NO_DAY,
	   "two thousand million working days has no answer (and returns at once)");
}

/* Beyond the data every week has five working days. */
static void test_uncovered(void)
{
	/* 2029-01-01 is a Monday (2027-01-01 Fri, 2028-01-01 Sat, leap year), 2030-01-01 Tue. */
	ADD("2030-01-07", 5, "2030-01-14");
	ADD("2030-01-07", 6, "2030-01-15");
	ADD("2030-01-07", 10, "2030-01-21");
	ADD("2030-01-05", 0, "2030-01-07");
	ADD("2030-01-14", -5, "2030-01-07");
	BETWEEN("2030-01-07", "2030-01-21", 10);
	WORK("2027-10-01", true); /* no data for 2027: a Friday is a working day */

	ok(cal_covers(&cal, D("2023-06-01")), "2023 is covered");
	ok(cal_covers(&cal, D("2026-12-31")), "2026 is covered");
	ok(!cal_covers(&cal, D("2018-06-01")),
	   "2018 is not: its only entries belong to New Year 2019");
	ok(!cal_covers(&cal, D("2027-01-04")), "2027 is not");
	is_int(cal_uncovered_year(&cal, D("2024-01-01"), D("2026-12-31")), 0,
	       "2024-2026 are all covered");
	is_int(cal_uncovered_year(&cal, D("2028-03-01"), D("2025-03-01")), 2027,
	       "the first uncovered year in 2025-2028 is 2027");
	is_int(cal_uncovered_year(&cal, D("2018-03-01"), D("2018-03-01")), 2018,
	       "2018 is uncovered");
	ok(cal_year_loaded(&cal, 2026) && !cal_year_loaded(&cal, 2027),
	   "cal_year_loaded: 2026 loaded, 2027 not");
	is_int(cal_note_provisional(&cal, D("2026-03-02"), D("2026-04-02")), 0,
	       "a deadline within 2026 is not provisional");
	is_int(cal_note_provisional(&cal, D("2026-12-15"), D("2027-01-15")), 2027,
	       "a deadline in 2027 is provisional, for want of 2027");
	is_int(cal_note_provisional(&cal, D("2027-12-31"), D("2028-01-03")), 2027,
	       "the first year without data is named");
}

/* A plain day-by-day count, to check the fast paths against. */
static int slow_between(int from, int to)
{
	int n = 0;
	if (from <= to) {
		for (int d = from + 1; d <= to; d++)
			n += cal_is_workday(&cal, d);
	} else {
		for (int d = to; d < from; d++)
			n -= cal_is_workday(&cal, d);
	}
	return n;
}

static int slow_add(int day, int n)
{
	int d = day;
	if (n == 0) {
		while (!cal_is_workday(&cal, d))
			d++;
		return d;
	}
	int step = n > 0 ? 1 : -1;
	for (int left = abs(n); left > 0;) {
		d += step;
		if (cal_is_workday(&cal, d))
			left--;
	}
	return d;
}

static void test_properties(void)
{
	int bad_between = 0, bad_add = 0, bad_inverse = 0, cases = 0;
	int first = D("2022-12-01"), last = D("2027-01-31");
	for (int d = first; d <= last; d += 3) {
		for (int k = -40; k <= 40; k += 3) {
			int x = d + k * 5;
			cases++;
			if (cal_workdays_between(&cal, d, x) != slow_between(d, x))
				bad_between++;
			if (cal_add_workdays(&cal, d, k) != slow_add(d, k))
				bad_add++;
			if (x != d && cal_is_workday(&cal, x) &&
			    cal_add_workdays(&cal, d, cal_workdays_between(&cal, d, x)) != x)
				bad_inverse++;
		}
	}
	is_int(bad_between, 0, "workdays_between agrees with a day-by-day count (%d cases)", cases);
	is_int(bad_add, 0, "add_workdays agrees with a day-by-day walk (%d cases)", cases);
	is_int(bad_inverse, 0, "add_workdays(d, between(d, x)) == x for working days x");
	int far = D("2026-11-02");
	is_int(cal_add_workdays(&cal, far, 1000), slow_add(far, 1000),
	       "1000 working days past the data: the week skip agrees with the walk");
	is_int(cal_add_workdays(&cal, D("2023-02-01"), -1000), slow_add(D("2023-02-01"), -1000),
	       "1000 working days back before the data agree too");
	is_int(cal_workdays_between(&cal, D("2000-01-01"), D("2040-12-31")),
	       slow_between(D("2000-01-01"), D("2040-12-31")), "a count over 40 years agrees");
}

static sqlite3 *fresh(const char *dir)
{
	char *path = xasprintf("%s/cal.db", dir);
	sqlite3 *db = NULL;
	int rc = db_create(path, &db);
	ok(rc == RD_OK, "a new database (%s)", err_msg());
	free(path);
	return db;
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

static int64_t count_days(sqlite3 *db)
{
	int64_t n = -1;
	db_int(db, &n, "SELECT count(*) FROM calendar_day", "");
	return n;
}

static void test_load_and_import(const char *dir)
{
	sqlite3 *db = fresh(dir);
	if (!db)
		return;
	struct cal empty;
	is_int(cal_load(db, &empty), RD_OK, "an empty calendar loads");
	ok(empty.n == 0 && empty.nyears == 0, "with no days and no covered years");
	ok(cal_is_workday(&empty, D("2025-01-28")) && !cal_is_workday(&empty, D("2025-01-26")),
	   "without data only weekends are off");
	cal_free(&empty);

	const struct ref_kind *k = ref_kind_find("calendar");
	struct scope sys;
	scope_system(&sys);
	struct import_report rep;
	int rc = ref_import(db, &sys, k, ABS_SRCDIR "/data/ref/calendar.csv", &rep);
	is_int(rc, RD_OK, "the official calendar imports (%s)", err_msg());
	import_report_free(&rep);

	/* A town clerk may not change the calendar: refused, nothing written. */
	char *p2027 = xasprintf("%s/2027.csv", dir);
	write_file(p2027, "day,kind,name\n2027-02-08,holiday,春节\n");
	int64_t before = count_days(db);
	struct scope clerk = {.login = "wang", .user_id = 2, .role = ROLE_TOWN_CLERK, .town_id = 1};
	rc = ref_import(db, &clerk, k, p2027, &rep);
	is_int(rc, RD_DENIED, "a town clerk may not import the calendar");
	ok(strstr(err_msg(), "administrator") != NULL, "the message says who may (%s)", err_msg());
	import_report_free(&rep);
	is_int(count_days(db), before, "nothing was imported");

	/* A bad row refuses the whole file and names file:line. */
	char *pbad = xasprintf("%s/bad.csv", dir);
	write_file(pbad, "day,kind,name\n2028-01-01,holiday,元旦\n2028-02-30,holiday,春节\n"
	                 "2028-02-05,rest,春节\n");
	rc = ref_import(db, &sys, k, pbad, &rep);
	is_int(rc, RD_INVALID, "a file with bad rows is refused");
	char *line3 = xasprintf("%s:3:", pbad), *line4 = xasprintf("%s:4:", pbad);
	ok(strstr(sbuf_str(&rep.errors), line3) && strstr(sbuf_str(&rep.errors), line4),
	   "both bad rows are named file:line");
	is_int(rep.rejected, 2, "two rows rejected");
	import_report_free(&rep);
	is_int(count_days(db), before, "nothing was imported, not even the good row");
	free(line3);
	free(line4);

	is_int(cal_load(db, &cal), RD_OK, "the calendar loads");
	is_int((long long)cal.n, before, "one entry per row");
	is_int((long long)cal.nyears, 8, "it covers eight years");
	ok(cal.nyears == 8 && cal.years[0] == 2019 && cal.years[7] == 2026, "2019 to 2026");
	const char *name = NULL;
	is_int(cal_classify(&cal, D("2025-01-29"), &name), CAL_OFF, "2025-01-29 is a holiday");
	is_str(name, "春节", "named 春节");
	is_int(cal_classify(&cal, D("2025-01-26"), &name), CAL_MAKEUP,
	       "2025-01-26 is a make-up day");
	is_str(name, "春节调休上班", "with its name");
	is_int(cal_classify(&cal, D("2025-01-25"), &name), CAL_WEEKEND, "2025-01-25 is a weekend");
	ok(name == NULL, "without a name");
	is_int(cal_classify(&cal, D("2025-01-24"), NULL), CAL_WEEKDAY, "2025-01-24 a weekday");

	free(p2027);
	free(pbad);
	db_close(db);
}

int main(void)
{
	char tmpl[] = "/tmp/renda-cal.XXXXXX";
	char *dir = mkdtemp(tmpl);
	if (!dir) {
		printf("Bail out! no temporary directory\n");
		return 1;
	}
	setenv("RENDA_DATADIR", ABS_SRCDIR "/data", 0);
	test_load_and_import(dir);
	if (cal.n) {
		test_spring_festival();
		test_national_day();
		test_periods();
		test_uncovered();
		test_properties();
	}
	cal_free(&cal);
	tap_remove_dir(dir);
	return tap_done();
}
