#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/err.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* One message per thread: the workers of a batch (qr_write_files) set their own. */
static _Thread_local char last[1024];
static char notice[1024];      /* the console's notice waiting to be shown */
static unsigned long told[16]; /* keys of the notices said (CLI) or waiting (console) */
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

/* A small hash of a notice's key. */
static unsigned long key_hash(const char *key)
{
	unsigned long h = 5381;
	for (const char *p = key; *p; p++)
		h = h * 33 + (unsigned char)*p;
	return h | 1; /* 0 marks a free slot */
}

void err_notice(const char *key, const char *fmt, ...)
{
	char buf[sizeof notice];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	unsigned long h = key_hash(key);
	size_t i, n = sizeof told / sizeof told[0];
	for (i = 0; i < n && told[i]; i++)
		if (told[i] == h)
			return; /* the console: already waiting; the CLI: already said */
	if (i < n)
		told[i] = h;
	if (!reporter) {
		fprintf(stderr, _("renda: warning: %s\n"), buf);
		return;
	}
	if (notice[0])
		append(notice, sizeof notice, "; ");
	append(notice, sizeof notice, buf);
}

char *err_notice_take(void)
{
	if (!notice[0])
		return NULL;
	char *s = xstrdup(notice);
	notice[0] = '\0';
	memset(told, 0, sizeof told); /* shown: the next action may say it again */
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
