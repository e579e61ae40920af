/*
 * Tally sheets entered twice. The figures of a count made on paper (the
 * ballots of a vote, the votes of a satisfaction evaluation) are typed by two
 * different clerks, each into a sheet of their own: a set of named whole
 * numbers ("issued", "yes:42"...). A clerk may type their sheet again until
 * both agree; a third clerk may not add a sheet. The figures count only when
 * the two sheets hold the same keys with the same values; until then every
 * difference is shown. What the figures mean, and which are consistent, is
 * the module's: it checks a sheet before it enters it. Module prefix: tally_.
 */
#ifndef RENDA_TALLY_H
#define RENDA_TALLY_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "model/core/scope.h"
#include "model/core/tbl.h"

struct tally_fig {
	char *key; /* owned */
	int64_t value;
};

/* A sheet's figures, in the order set. */
struct tally {
	int n;
	struct tally_fig *f;
};

/* Sets the figure of key (adding it, or replacing its value). */
void tally_set(struct tally *t, const char *key, int64_t value);
/* The figure of key, or -1 when the sheet has none. */
int64_t tally_get(const struct tally *t, const char *key);
void tally_free(struct tally *t);

/*
 * Enters the sheet of the account running (sc) for the count (kind, owner),
 * inside the caller's transaction: the first sheet, the second (which must
 * be another clerk's), or the account's own sheet typed again. *entry is 1
 * or 2. RD_DENIED when two other clerks have entered the sheets.
 */
int tally_enter(sqlite3 *db, const struct scope *sc, const char *kind, int64_t owner,
                const struct tally *t, int *entry);

/* Reads sheet entry (1 or 2) into out; RD_NOTFOUND when it has not been entered. */
int tally_read(sqlite3 *db, const char *kind, int64_t owner, int entry, struct tally *out,
               char account[64]);

/*
 * Compares the sheets of the count: out has a row per key whose figures
 * differ or that one sheet lacks (columns key, first, second; "" where a
 * sheet has none), in key order; *nsheets how many sheets were entered (0 to
 * 2). Free with tbl_free().
 */
int tally_compare(sqlite3 *db, const char *kind, int64_t owner, struct tbl *out, int *nsheets);

/*
 * The agreed figures: RD_OK with both sheets' figures in out when two sheets
 * were entered by two clerks and agree; RD_INVALID with a message saying how
 * many sheets there are, or how many figures differ.
 */
int tally_agreed(sqlite3 *db, const char *kind, int64_t owner, struct tally *out);

/* Removes the sheets of a count (its figures came from elsewhere: an imported file). */
int tally_clear(sqlite3 *db, const char *kind, int64_t owner);

#endif
