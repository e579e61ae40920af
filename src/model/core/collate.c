#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unicode/ucol.h>
#include <unicode/uversion.h>

#include "model/core/collate.h"
#include "util/dynlib.h"
#include "util/err.h"
#include "util/i18n.h"

/* ICU's entry points carry its major version (ucol_open is ucol_open_72): the names
   the headers give them, as strings for dlsym, and the library of that version. */
#define ICU_LIBRARY "libicui18n.so." DYNLIB_STR(U_ICU_VERSION_MAJOR_NUM)

/* One collator for the process, opened on first use and kept (ICU compares on it from any
   connection; it is never changed after it is opened). */
static struct {
	pthread_once_t once;
	UCollator *coll;
	UCollationResult (*strcoll)(const UCollator *, const char *, int32_t, const char *, int32_t,
	                            UErrorCode *);
	char why[160];    /* why it could not be loaded */
	char version[24]; /* the loaded library's version ("72.1") */
} icu = {.once = PTHREAD_ONCE_INIT};

static void icu_load(void)
{
	UCollator *(*open)(const char *, UErrorCode *) = NULL;
	const char *(*name)(UErrorCode) = NULL;
	void (*get_version)(UVersionInfo) = NULL;
	void (*version_text)(const UVersionInfo, char *) = NULL;
	/* The version functions are the common library's, which this one loads. */
	const struct dynlib_sym syms[] = {
	    {DYNLIB_STR(ucol_open), (void **)&open},
	    {DYNLIB_STR(u_errorName), (void **)&name},
	    {DYNLIB_STR(ucol_strcollUTF8), (void **)&icu.strcoll},
	    {DYNLIB_STR(u_getVersion), (void **)&get_version},
	    {DYNLIB_STR(u_versionToString), (void **)&version_text},
	};
	if (!dynlib_open(ICU_LIBRARY, syms, sizeof syms / sizeof syms[0], icu.why,
	                 sizeof icu.why)) {
		icu.strcoll = NULL;
		return;
	}
	UVersionInfo v;
	char text[U_MAX_VERSION_STRING_LENGTH];
	get_version(v);
	version_text(v, text);
	snprintf(icu.version, sizeof icu.version, "%s", text);
	UErrorCode st = U_ZERO_ERROR;
	UCollator *c = open("zh", &st);
	if (U_FAILURE(st) || !c)
		snprintf(icu.why, sizeof icu.why, "%s", name(st));
	else
		icu.coll = c;
}

/* SQLite's comparison: the two texts in pinyin order. */
static int compare(void *ctx, int na, const void *a, int nb, const void *b)
{
	(void)ctx;
	pthread_once(&icu.once, icu_load);
	UErrorCode st = U_ZERO_ERROR;
	UCollationResult r = icu.coll ? icu.strcoll(icu.coll, a, na, b, nb, &st) : UCOL_EQUAL;
	if (!icu.coll || U_FAILURE(st)) {
		/* No ICU, or text it cannot read (it is UTF-8 by the schema): bytes decide. */
		int n = na < nb ? na : nb, c = memcmp(a, b, (size_t)n);
		return c ? c : na - nb;
	}
	return r == UCOL_LESS ? -1 : r == UCOL_GREATER ? 1 : 0;
}

int collate_register(sqlite3 *db)
{
	if (sqlite3_create_collation_v2(db, "pinyin", SQLITE_UTF8, NULL, compare, NULL) !=
	    SQLITE_OK)
		return err_set(RD_FAIL, _("cannot register the pinyin collation: %s"),
		               sqlite3_errmsg(db));
	return RD_OK;
}

int collate_ready(void)
{
	pthread_once(&icu.once, icu_load);
	if (!icu.coll)
		return err_set(RD_FAIL, _("cannot open ICU's Chinese collation: %s"), icu.why);
	return RD_OK;
}

const char *collate_icu_version(void)
{
	pthread_once(&icu.once, icu_load);
	return icu.coll ? icu.version : "";
}
