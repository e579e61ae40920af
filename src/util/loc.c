#include "config.h"

#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"
#include "util/loc.h"
#include "util/xalloc.h"

bool loc_is_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);
	return cs && (!strcmp(cs, "UTF-8") || !strcmp(cs, "utf8") || !strcmp(cs, "utf-8"));
}

/* The locale the environment names for the character type ("" when none), as POSIX reads it. */
static const char *named(void)
{
	static const char *const vars[] = {"LC_ALL", "LC_CTYPE", "LANG"};
	for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		const char *v = getenv(vars[i]);
		if (v && *v)
			return v;
	}
	return "";
}

char *loc_choose_utf8(void)
{
	if (loc_is_utf8())
		return NULL;
	char was[128];
	snprintf(was, sizeof was, "%s", named());
	/* The language and territory of the locale named ("zh_CN" of "zh_CN.GB18030@x"). */
	char lang[64] = "";
	size_t n = strcspn(was, ".@");
	if (n > 0 && n < sizeof lang && strcmp(was, "C") && strcmp(was, "POSIX") &&
	    strncmp(was, "C.", 2)) {
		memcpy(lang, was, n);
		lang[n] = '\0';
	}
	char same[2][80];
	snprintf(same[0], sizeof same[0], "%s.UTF-8", lang);
	snprintf(same[1], sizeof same[1], "%s.utf8", lang);
	const char *const tries[] = {
	    lang[0] ? same[0] : NULL,
	    lang[0] ? same[1] : NULL,
	    "zh_CN.UTF-8",
	    "zh_CN.utf8",
	    "C.UTF-8",
	    "C.utf8",
	    "en_US.UTF-8",
	    "en_US.utf8",
	};
	/* The categories main() sets: the character type, and the messages with it. */
	const char *chosen = NULL;
	for (size_t i = 0; i < sizeof tries / sizeof tries[0] && !chosen; i++)
		if (tries[i] && setlocale(LC_CTYPE, tries[i]) && loc_is_utf8()) {
			chosen = tries[i];
			setlocale(LC_MESSAGES, tries[i]);
		}
	const char *shown = was[0] ? was : _("none: LANG is not set");
	if (!chosen) {
		setlocale(LC_CTYPE, "");
		return xasprintf(_("The locale (%s) is not UTF-8 and no UTF-8 locale is installed: "
		                   "Chinese cannot be shown. Install one (zh_CN.UTF-8) and set "
		                   "LANG=zh_CN.UTF-8; see \"Chinese over SSH\" in the README."),
		                 shown);
	}
	return xasprintf(_("The locale (%s) is not UTF-8, so Chinese could not be shown: renda "
	                   "uses %s. To choose yourself, set LANG=zh_CN.UTF-8 (PuTTY: "
	                   "Connection > Data > Environment variables); see \"Chinese over SSH\" "
	                   "in the README."),
	                 shown, chosen);
}
