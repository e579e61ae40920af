#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/datetime.h"
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

void date_format(int days, char out[11])
{
	int y, m, d;
	date_to_ymd(days, &y, &m, &d);
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)d % 100u);
}

int date_weekday(int days)
{
	/* 1970-01-01 was a Thursday (4). */
	int w = (days % 7 + 7 + 3) % 7;
	return w + 1;
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
	time_t t = clock_now();
	struct tm tm;
	localtime_r(&t, &tm);
	return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

void clock_format(time_t t, char out[CLOCK_BUF])
{
	struct tm tm;
	localtime_r(&t, &tm);
	long off = tm.tm_gmtoff;
	char sign = off < 0 ? '-' : '+';
	if (off < 0)
		off = -off;
	snprintf(out, CLOCK_BUF, "%04d-%02d-%02dT%02d:%02d:%02d%c%02ld:%02ld", tm.tm_year + 1900,
	         tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, sign, off / 3600,
	         (off % 3600) / 60);
}
