#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/err.h"
#include "util/i18n.h"

/* One message per thread: the workers of a batch (qr_write_files) set their own. */
static _Thread_local char last[1024];
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
