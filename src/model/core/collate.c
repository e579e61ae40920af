#include "config.h"

#include <string.h>
#include <unicode/ucol.h>

#include "model/core/collate.h"
#include "util/err.h"
#include "util/i18n.h"

/* One collator for the process, opened on first use and kept (ICU compares on it from any
   connection; it is never changed after it is opened). */
static UCollator *pinyin;

/* SQLite's comparison: the two texts in pinyin order. */
static int compare(void *ctx, int na, const void *a, int nb, const void *b)
{
	UErrorCode st = U_ZERO_ERROR;
	UCollationResult r = ucol_strcollUTF8(ctx, a, na, b, nb, &st);
	if (U_FAILURE(st)) {
		/* Text ICU cannot read (it is UTF-8 by the schema): bytes decide. */
		int n = na < nb ? na : nb, c = memcmp(a, b, (size_t)n);
		return c ? c : na - nb;
	}
	return r == UCOL_LESS ? -1 : r == UCOL_GREATER ? 1 : 0;
}

int collate_register(sqlite3 *db)
{
	if (!pinyin) {
		UErrorCode st = U_ZERO_ERROR;
		pinyin = ucol_open("zh", &st);
		if (U_FAILURE(st) || !pinyin) {
			pinyin = NULL;
			return err_set(RD_FAIL, _("cannot open ICU's Chinese collation: %s"),
			               u_errorName(st));
		}
	}
	if (sqlite3_create_collation_v2(db, "pinyin", SQLITE_UTF8, pinyin, compare, NULL) !=
	    SQLITE_OK)
		return err_set(RD_FAIL, _("cannot register the pinyin collation: %s"),
		               sqlite3_errmsg(db));
	return RD_OK;
}
