#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/err.h"
#include "util/i18n.h"
#include "util/xalloc.h"

static char last[1024];
static char notice[1024];       /* the console's notice waiting to be shown */
static unsigned long told[16]; /* hashes of the CLI's notices already printed in this run */
static void (*reporter)(const char *msg);
static void (*cleanup)(void);

int err_set(int st, const char *fmt, ...)
{
	/* Format into a copy first: callers may pass err_msg() itself as an argument. */
	char buf[sizeof last];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	memcpy(last, buf, sizeof last);
	return st;
}

const char *err_msg(void)
{
	return last;
}

void err_clear(void)
{
	last[0] = '\0';
}

void err_set_reporter(void (*fn)(const char *msg))
{
	reporter = fn;
}

void err_set_cleanup(void (*fn)(void))
{
	cleanup = fn;
}

void err_report(void)
{
	if (reporter)
		reporter(last[0] ? last : _("failed"));
	else
		fprintf(stderr, "renda: %s\n", last[0] ? last : _("failed"));
}

void err_say(const char *fmt, ...)
{
	char buf[sizeof last];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	memcpy(last, buf, sizeof last);
	err_report();
}

void err_warn(const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (reporter)
		reporter(buf);
	else
		fprintf(stderr, _("renda: warning: %s\n"), buf);
}

/* Appends s to the fixed buffer dst (size n), cutting it where it does not fit. */
static void append(char *dst, size_t n, const char *s)
{
	size_t have = strlen(dst), add = strlen(s);
	if (have + add >= n)
		add = n - 1 - have;
	memcpy(dst + have, s, add);
	dst[have + add] = '\0';
}

void err_notice(const char *fmt, ...)
{
	char buf[sizeof notice];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (reporter) {
		/* The console: one notice waits; a different one joins it. */
		if (!strstr(notice, buf)) {
			if (notice[0])
				append(notice, sizeof notice, "; ");
			append(notice, sizeof notice, buf);
		}
		return;
	}
	unsigned long h = 5381;
	for (const char *p = buf; *p; p++)
		h = h * 33 + (unsigned char)*p;
	h |= 1; /* 0 marks a free slot */
	size_t i;
	for (i = 0; i < sizeof told / sizeof told[0] && told[i]; i++)
		if (told[i] == h)
			return;
	if (i < sizeof told / sizeof told[0])
		told[i] = h;
	fprintf(stderr, _("renda: warning: %s\n"), buf);
}

char *err_notice_take(void)
{
	if (!notice[0])
		return NULL;
	char *s = xstrdup(notice);
	notice[0] = '\0';
	return s;
}

void fatal(const char *fmt, ...)
{
	va_list ap;
	if (cleanup)
		cleanup();
	fputs("renda: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}
