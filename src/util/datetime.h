/*
 * Dates as day numbers (days since 1970-01-01, proleptic Gregorian) and the
 * clock. Timestamps are stored as ISO 8601 in the committee's time zone, with
 * its offset ("2026-11-29T13:57:00+08:00"). RENDA_NOW (same format, or a
 * date) fixes the clock, for tests and for reports "as of" a date.
 *
 * The committee's time zone ([site] timezone, default Asia/Shanghai) is the
 * zone of every local time of the process, whatever the host's TZ: the first
 * clock call, or clock_set_zone() from conf_load() at start-up, sets TZ in the
 * process's environment once and calls tzset(), before any thread starts or
 * any time is read. localtime_r() and mktime() then work in that zone, and so
 * does every function below.
 */
#ifndef RENDA_DATETIME_H
#define RENDA_DATETIME_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

/* Day number of a valid civil date. */
int date_from_ymd(int y, int m, int d);
void date_to_ymd(int days, int *y, int *m, int *d);
bool date_valid_ymd(int y, int m, int d);
/* Parses "YYYY-MM-DD" (exactly); false when malformed or not a real date. */
bool date_parse(const char *s, int *days);
/* Writes "YYYY-MM-DD" into out (11 bytes). */
void date_format(int days, char out[11]);
/* ISO weekday: 1 Monday ... 7 Sunday. */
int date_weekday(int days);

/* The zone used when the configuration names none. */
#define CLOCK_ZONE_DEFAULT "Asia/Shanghai"
/*
 * True when name is a time zone of the system's zone database (an IANA name
 * such as Asia/Shanghai: a TZif file under /usr/share/zoneinfo, or $TZDIR).
 * When false, why holds the reason (translated).
 */
bool clock_zone_valid(const char *name, char *why, size_t whylen);
/*
 * Makes name (NULL or "" = CLOCK_ZONE_DEFAULT) the zone of all local times
 * of the process. Call at start-up only, before threads: it sets TZ. A host
 * without the zone database still gets the default zone, as the fixed rule
 * CST-8 (China has kept UTC+8 without summer time since 1991). RD_INVALID
 * for another zone that the host lacks.
 */
int clock_set_zone(const char *name);
/* The zone in force (its name). */
const char *clock_zone(void);
/* The local day number of t in the committee's zone. */
int clock_day(time_t t);

/*
 * Seconds since the epoch, honouring RENDA_NOW. In a build for the tests
 * (configure --enable-test-clock) RENDA_NOW fixes the clock of everything; in
 * any other build, and in every setgid run, it is an "as of" time for reads and
 * reports only: clock_asof() is then true and db_begin() refuses every write, so
 * a write always carries the real clock.
 */
time_t clock_now(void);
/* Today's local day number, as clock_now(). */
int clock_today(void);
/* True when RENDA_NOW is in force as an as-of time, under which nothing may be written. */
bool clock_asof(void);
/* The RENDA_NOW in force as an as-of time ("" when none); static storage. */
const char *clock_asof_text(void);
#define CLOCK_BUF 64
/* Writes the local ISO 8601 timestamp of t into out (CLOCK_BUF bytes). */
void clock_format(time_t t, char out[CLOCK_BUF]);
/* Parses an ISO 8601 timestamp (date, "T" or space, time, optional offset or Z). */
bool clock_parse(const char *s, time_t *t);

#endif
