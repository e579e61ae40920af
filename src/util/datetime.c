#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/datetime.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/priv.h"

/* Howard Hinnant's days_from_civil. */
int date_from_ymd(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (unsigned)((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int)doe - 719468;
}

void date_to_ymd(int z, int *y, int *m, int *d)
{
	z += 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int yy = (int)yoe + era * 400;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yy + (*m <= 2);
}

bool date_valid_ymd(int y, int m, int d)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1)
		return false;
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return d <= mdays[m - 1] + (m == 2 && leap);
}

static bool digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

/* Parses the leading "YYYY-MM-DD" of s. */
static bool date_prefix(const char *s, int *y, int *m, int *d)
{
	if (strlen(s) < 10 || s[4] != '-' || s[7] != '-')
		return false;
	return digits(s, 4, y) && digits(s + 5, 2, m) && digits(s + 8, 2, d) &&
	       date_valid_ymd(*y, *m, *d);
}

bool date_parse(const char *s, int *days)
{
	int y, m, d;
	if (!s || strlen(s) != 10 || !date_prefix(s, &y, &m, &d))
		return false;
	*days = date_from_ymd(y, m, d);
	return true;
}

/* Writes v in n decimal digits, zeros first: what "%0nu" writes of a v below 10^n. */
static char *put_digits(char *p, unsigned v, int n)
{
	for (int i = n - 1; i >= 0; i--) {
		p[i] = (char)('0' + v % 10);
		v /= 10;
	}
	return p + n;
}

/* Every write and every step formats its dates: digits put in place, not through
   snprintf() (its format parsed at each call: a tenth of the demo's formatting). */
void date_format(int days, char out[11])
{
	int y, m, d;
	date_to_ymd(days, &y, &m, &d);
	char *p = put_digits(out, (unsigned)y % 10000u, 4);
	*p++ = '-';
	p = put_digits(p, (unsigned)m % 100u, 2);
	*p++ = '-';
	p = put_digits(p, (unsigned)d % 100u, 2);
	*p = '\0';
}

int date_weekday(int days)
{
	/* 1970-01-01 was a Thursday (4). */
	int w = (days % 7 + 7 + 3) % 7;
	return w + 1;
}

static char zone_name[128]; /* the zone in force; "" until the first clock call */
static unsigned zone_gen;   /* counts the zones set: what clock_format() kept is of one */

/* The directory of the zone database, as glibc looks it up. */
static const char *zone_dir(void)
{
	const char *d = secure_getenv("TZDIR");
	return d && *d ? d : "/usr/share/zoneinfo";
}

/* A name of letters, digits, '_', '-', '+' in parts joined by '/': never a path of its own. */
static bool zone_name_ok(const char *name)
{
	size_t n = strlen(name);
	if (!n || n >= sizeof zone_name || name[0] == '/' || name[n - 1] == '/' ||
	    strstr(name, "//"))
		return false;
	for (const char *p = name; *p; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		      (*p >= '0' && *p <= '9') || strchr("_-+/", *p)))
			return false;
	/* No part may start with '-' (no '.' at all, so no ".." either). */
	for (const char *p = name; p; p = strchr(p, '/') ? strchr(p, '/') + 1 : NULL)
		if (*p == '-')
			return false;
	return true;
}

bool clock_zone_valid(const char *name, char *why, size_t whylen)
{
	if (!name || !zone_name_ok(name)) {
		snprintf(why, whylen, _("'%s' is not a time zone name such as Asia/Shanghai"),
		         name ? name : "");
		return false;
	}
	char path[512], magic[4];
	snprintf(path, sizeof path, "%s/%s", zone_dir(), name);
	FILE *f = fopen(path, "rb");
	bool ok = f && fread(magic, 1, 4, f) == 4 && !memcmp(magic, "TZif", 4);
	if (f)
		fclose(f);
	if (!ok)
		snprintf(why, whylen, _("no time zone '%s' in %s (install tzdata)"), name,
		         zone_dir());
	return ok;
}

int clock_set_zone(const char *name)
{
	if (!name || !*name)
		name = CLOCK_ZONE_DEFAULT;
	char why[256], tz[160];
	if (clock_zone_valid(name, why, sizeof why))
		snprintf(tz, sizeof tz, ":%s", name);
	else if (!strcmp(name, CLOCK_ZONE_DEFAULT))
		snprintf(tz, sizeof tz, "CST-8"); /* UTC+8 without summer time, as since 1991 */
	else
		return err_set(RD_INVALID, _("time zone: %s"), why);
	if (setenv("TZ", tz, 1))
		return err_set(RD_FAIL, _("time zone: cannot set TZ"));
	tzset();
	zone_gen++;
	snprintf(zone_name, sizeof zone_name, "%s", name);
	return RD_OK;
}

/* Applies the default zone when nothing has set one yet. */
static void zone_ready(void)
{
	if (!zone_name[0])
		clock_set_zone(NULL);
}

const char *clock_zone(void)
{
	zone_ready();
	return zone_name;
}

int clock_day(time_t t)
{
	zone_ready();
	struct tm tm;
	localtime_r(&t, &tm);
	return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

bool clock_parse(const char *s, time_t *t)
{
	int y, mo, d, h = 0, mi = 0, se = 0;
	if (!s || !date_prefix(s, &y, &mo, &d))
		return false;
	const char *p = s + 10;
	if (*p == 'T' || *p == ' ') {
		p++;
		if (strlen(p) < 5 || !digits(p, 2, &h) || p[2] != ':' || !digits(p + 3, 2, &mi))
			return false;
		p += 5;
		if (*p == ':') {
			if (!digits(p + 1, 2, &se))
				return false;
			p += 3;
		}
		if (h > 23 || mi > 59 || se > 60)
			return false;
	}
	long long days = date_from_ymd(y, mo, d);
	long long secs = days * 86400 + h * 3600 + mi * 60 + se;
	if (*p == '\0') {
		zone_ready(); /* a time without an offset is the committee's local time */
		struct tm tm = {0};
		tm.tm_year = y - 1900;
		tm.tm_mon = mo - 1;
		tm.tm_mday = d;
		tm.tm_hour = h;
		tm.tm_min = mi;
		tm.tm_sec = se;
		tm.tm_isdst = -1;
		*t = mktime(&tm);
		return *t != (time_t)-1;
	}
	if (*p == 'Z' && p[1] == '\0') {
		*t = (time_t)secs;
		return true;
	}
	int oh, om;
	if ((*p == '+' || *p == '-') && strlen(p) == 6 && digits(p + 1, 2, &oh) && p[3] == ':' &&
	    digits(p + 4, 2, &om)) {
		long long off = oh * 3600 + om * 60;
		*t = (time_t)(*p == '+' ? secs - off : secs + off);
		return true;
	}
	return false;
}

/* RENDA_NOW when it is set and well formed; NULL otherwise. */
static const char *fixed_now(time_t *t)
{
	zone_ready(); /* callers turn the result into local days and times */
	const char *fixed = getenv("RENDA_NOW");
	return fixed && *fixed && clock_parse(fixed, t) ? fixed : NULL;
}

/* RENDA_NOW dates writes too: only in a build for the tests, never in a setgid run. */
static bool test_clock(void)
{
#ifdef RENDA_TEST_CLOCK
	return !priv_setgid();
#else
	return false;
#endif
}

bool clock_asof(void)
{
	time_t t;
	return fixed_now(&t) && !test_clock();
}

const char *clock_asof_text(void)
{
	time_t t;
	const char *f = fixed_now(&t);
	return f && !test_clock() ? f : "";
}

time_t clock_now(void)
{
	time_t t;
	if (fixed_now(&t))
		return t;
	return time(NULL);
}

int clock_today(void)
{
	return clock_day(clock_now());
}

void clock_format(time_t t, char out[CLOCK_BUF])
{
	zone_ready();
	/* The last two times written, in the zone then in force: a write stamps the same
	   second on its row, its step and its audit row, and an import's step is dated at the
	   row's own time between them (localtime_r and snprintf cost 6,000 instructions, 4%
	   of an import). One pair a thread: a report's writer thread may format. */
	static _Thread_local struct {
		time_t t;
		unsigned zone;
		char text[CLOCK_BUF];
	} kept[2];
	static _Thread_local int older; /* the one to replace: not the last one used */
	for (int i = 0; i < 2; i++)
		if (kept[i].text[0] && kept[i].t == t && kept[i].zone == zone_gen) {
			memcpy(out, kept[i].text, CLOCK_BUF);
			older = 1 - i;
			return;
		}
	struct tm tm;
	localtime_r(&t, &tm);
	long off = tm.tm_gmtoff;
	char sign = off < 0 ? '-' : '+';
	if (off < 0)
		off = -off;
	int year = tm.tm_year + 1900;
	if (year < 0 || year > 9999 || off / 3600 > 99) {
		snprintf(out, CLOCK_BUF, "%04d-%02d-%02dT%02d:%02d:%02d%c%02ld:%02ld", year,
		         tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, sign,
		         off / 3600, (off % 3600) / 60);
	} else {
		/* The same text, its digits put in place (as date_format()). */
		char *p = put_digits(out, (unsigned)year, 4);
		*p++ = '-';
		p = put_digits(p, (unsigned)tm.tm_mon + 1, 2);
		*p++ = '-';
		p = put_digits(p, (unsigned)tm.tm_mday, 2);
		*p++ = 'T';
		p = put_digits(p, (unsigned)tm.tm_hour, 2);
		*p++ = ':';
		p = put_digits(p, (unsigned)tm.tm_min, 2);
		*p++ = ':';
		p = put_digits(p, (unsigned)tm.tm_sec, 2);
		*p++ = sign;
		p = put_digits(p, (unsigned)(off / 3600), 2);
		*p++ = ':';
		p = put_digits(p, (unsigned)((off % 3600) / 60), 2);
		*p = '\0';
	}
	int i = older;
	kept[i].t = t;
	kept[i].zone = zone_gen;
	memcpy(kept[i].text, out, CLOCK_BUF);
	older = 1 - i;
}
