/*
 * The working-day calendar used by every deadline. Monday to Friday are
 * working days, except the days table calendar_day marks 'holiday' (a day
 * off) or 'workday' (a make-up working day, 调休, worked even on a weekend).
 * cal_load() reads the table once; the lookups below never run SQL.
 *
 * Coverage: the table holds the State Council's arrangement year by year. A
 * year is covered when at least one run of consecutive holidays counts for
 * it; a run counts for the year of its last day, so New Year 2024
 * (2023-12-30..2024-01-01) counts for 2024 and does not make 2023 covered.
 * Outside the covered years only weekends are off: a deadline that depends
 * on such a year is provisional, and cal_note_provisional() says so.
 *
 * Days are day numbers (util/datetime.h) of real dates in the years 1 to
 * 9999; results that would leave that range are CAL_NO_DAY.
 */
#ifndef RENDA_CAL_H
#define RENDA_CAL_H

#include <limits.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

/* The result of a date computation that has no answer (unknown unit, out of range). */
#define CAL_NO_DAY INT_MIN

enum cal_kind { CAL_HOLIDAY, CAL_WORKDAY };

struct cal_day {
	int day;            /* day number */
	enum cal_kind kind; /* holiday (off) or make-up workday (worked) */
	char *name;         /* owned; "" when the entry has no name */
};

struct cal {
	struct cal_day *days; /* owned; ascending, one entry per day */
	size_t n;
	int *years; /* owned; the covered years, ascending */
	size_t nyears;
};

/* Why a day is or is not a working day (cal_classify). */
enum cal_reason {
	CAL_WEEKDAY, /* Monday to Friday without an entry: working */
	CAL_WEEKEND, /* Saturday or Sunday without an entry: off */
	CAL_OFF,     /* a holiday entry: off, even on a weekday */
	CAL_MAKEUP,  /* a make-up workday entry: working, even on a weekend */
};

/* Reads table calendar_day into *c (zeroed first); free with cal_free(), also after an error. */
int cal_load(sqlite3 *db, struct cal *c);
/* Releases what cal_load() allocated and zeroes *c. */
void cal_free(struct cal *c);

/* The calendar's entry for day, or NULL; points into c. */
const struct cal_day *cal_find(const struct cal *c, int day);
/* True when day is a working day. */
bool cal_is_workday(const struct cal *c, int day);
/* Says why day is (not) a working day; *name is the entry's name ("" without one), or NULL. */
enum cal_reason cal_classify(const struct cal *c, int day, const char **name);

/*
 * The working day n working days after day (day itself never counts): n = 1
 * is the first working day after day. n = 0 returns day when it is a working
 * day, else the next working day. Negative n counts backwards: -1 is the last
 * working day before day. CAL_NO_DAY when the answer is outside years 1-9999.
 */
int cal_add_workdays(const struct cal *c, int day, int n);

/*
 * The signed number of working days met going from `from` to `to`, counting
 * the day arrived at and not the day left: for from < to, the working days
 * in (from, to]; for to < from, minus those in [to, from); 0 when equal. So
 * cal_add_workdays(c, from, cal_workdays_between(c, from, to)) == to whenever
 * to is a working day other than from.
 */
int cal_workdays_between(const struct cal *c, int from, int to);

/* True when unit is one cal_add_period() knows (plural or singular). */
bool cal_unit_known(const char *unit);

/*
 * The day a deadline rule gives: amount units after day (negative: before).
 * unit "workdays" as cal_add_workdays(); "days" calendar days; "weeks" 7
 * calendar days; "months" calendar months, the day of month clamped to the
 * target month's end (01-31 + 1 month = 02-28 or 02-29). The singular
 * ("workday", "day", "week", "month") is accepted too. Only "workdays"
 * looks at holidays: the others may land on a day off (to move such a
 * deadline to the next working day, apply cal_add_workdays(c, d, 0)).
 * CAL_NO_DAY for an unknown unit or an answer outside years 1-9999.
 */
int cal_add_period(const struct cal *c, int day, int amount, const char *unit);

/* True when the year of day is covered by holiday data (see the top of this file). */
bool cal_covers(const struct cal *c, int day);
/* True when the holidays of year are loaded (covered, as above). */
bool cal_year_loaded(const struct cal *c, int year);
/*
 * For readers without a loaded calendar (lists that mark provisional
 * deadlines): *loaded tells whether the holidays of day's year are loaded.
 */
int cal_day_loaded(sqlite3 *db, int day, bool *loaded);
/*
 * For a deadline due on `due`, counted from `from`: when a year between them
 * is not covered, says so with err_notice() (the deadline, the year, and the
 * command that loads the year) and returns that year; else 0.
 */
int cal_note_provisional(const struct cal *c, int from, int due);
/*
 * The first year from the year of min(from, to) to that of max(from, to)
 * that the calendar does not cover, or 0 when it covers them all.
 */
int cal_uncovered_year(const struct cal *c, int from, int to);

#endif
