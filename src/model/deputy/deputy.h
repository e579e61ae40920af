/*
 * The deputy roster (代表): city-level and town-level deputies, their public
 * codes and the URL their QR code carries. Town clerks see and change only
 * their town's deputies. Deputies who leave office are kept (status "left").
 */
#ifndef RENDA_DEPUTY_H
#define RENDA_DEPUTY_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "model/core/ref.h"
#include "model/core/scope.h"

/*
 * Leaving office (status "left" with its date) takes effect on the date: a
 * deputy whose leave date is still to come is in office until then. Status is
 * computed as of today (renda_today(), so RENDA_NOW moves it); these SQL
 * expressions say it for the deputy row alias d.
 */
#define DEPUTY_LEFT_SQL(d) "(" d ".status = 'left' AND " d ".left_date <= renda_today())"
#define DEPUTY_STATUS_SQL(d) "(CASE WHEN " DEPUTY_LEFT_SQL(d) " THEN 'left' ELSE 'in-office' END)"

/* The fields of a deputy, as text, in the order of deputy_fields[]. */
enum deputy_field {
	DF_CODE,
	DF_NAME,
	DF_GENDER,
	DF_ETHNICITY,
	DF_BIRTH_DATE,
	DF_PARTY,
	DF_OCCUPATION,
	DF_PHONE,
	DF_RESIDENT_ID,
	DF_LEVEL,
	DF_TOWN,
	DF_CONSTITUENCY,
	DF_GROUP,
	DF_STATION,
	DF_TERM,
	DF_JOINED_DATE,
	DF_STATUS,
	DF_LEFT_DATE,
	DF_LEFT_REASON,
	DF_COUNT
};

/* key (CSV header, CLI option), label, width: one row per enum deputy_field. */
extern const struct ref_field deputy_fields[DF_COUNT];
/* The roster as a record kind: add, edit and import go through src/model/ref.c. */
extern const struct ref_kind deputy_kind;
/* Makes code generation deterministic (demo data); NULL returns to system randomness. */
struct rng;
void deputy_code_rng(struct rng *r);

/* Public codes: 5 characters from an alphabet without 0/O/1/I, then a check character. */
#define DEPUTY_CODE_LEN 6
/* The check character of a 5-character code body (Luhn mod 32). */
char deputy_code_check(const char *body);
/* True when s is a well-formed code whose check character matches. */
bool deputy_code_valid(const char *s);
/* Returns the URL the deputy's QR code encodes: [qr] base_url + code; caller frees. */
char *deputy_url(const char *code);

struct deputy_filter {
	const char *town;   /* name or code; NULL = all in scope */
	const char *level;  /* "city" / "town"; NULL = both */
	const char *status; /* "in-office" / "left"; NULL = both */
	const char *search; /* substring of name, code or occupation; NULL = none */
	const char *sort;   /* "name" (pinyin), "code", or "town" (NULL: level, town, name) */
};

/*
 * Lists deputies in scope: columns id, code, name, gender, level, town,
 * group, station, phone (masked for viewers), status, version; names in pinyin
 * order (collate.h). NULL with RD_INVALID for an unknown sort. Caller finalizes.
 */
sqlite3_stmt *deputy_list(sqlite3 *db, const struct scope *sc, const struct deputy_filter *f);

/* RD_OK when the scope may read the roster; RD_DENIED with the reason (unit operators). */
int deputy_may_read(const struct scope *sc);

/*
 * Finds a deputy in scope by id or code ("#12" or "12" = id; otherwise code,
 * in either case). RD_NOTFOUND says why: a code whose check character does
 * not match says so, with "did you mean CODE (name)?" when changing, adding,
 * dropping or swapping one character gives a deputy in scope.
 */
int deputy_find(sqlite3 *db, const struct scope *sc, const char *ref, int64_t *id);
/*
 * RD_OK when the deputy is in office on day (a day number); RD_INVALID
 * saying "NAME (CODE) left office on DATE" otherwise, prefixed by field
 * unless it is NULL.
 */
int deputy_check_in_office(sqlite3 *db, int64_t id, int day, const char *field);
/* Reads one deputy's fields as new strings (vals[DF_COUNT]); caller frees each. */
int deputy_get(sqlite3 *db, const struct scope *sc, int64_t id, char **vals, int64_t *version);
void deputy_vals_free(char **vals);

/*
 * Imports a roster, CSV or XLSX (see ref_import(): the header names fields by
 * key or label; resident_id is the key): all rows or none, rejected rows as
 * file:line in rep->errors. The export is src/export/roster.h.
 */
int deputy_import(sqlite3 *db, const struct scope *sc, const char *path, struct import_report *rep);

/* Adds a deputy (code assigned when vals[DF_CODE] is empty). */
int deputy_add(sqlite3 *db, const struct scope *sc, const char *const *vals, int64_t *id);
/* Changes fields given (NULL = unchanged); version 0 skips the check. */
int deputy_edit(sqlite3 *db, const struct scope *sc, int64_t id, int64_t version,
                const char *const *vals);
/*
 * Records leaving office on a date with a reason; the record is kept. A date
 * still to come takes effect on that day (DEPUTY_LEFT_SQL).
 */
int deputy_leave(sqlite3 *db, const struct scope *sc, int64_t id, int64_t version, const char *date,
                 const char *reason);

/* One deputy's card for QR outputs. */
struct deputy_card {
	int64_t id;
	char *code, *name, *level, *town, *station, *url;
};

/*
 * Cards of the deputies named by codes (or ids), or of all in-office
 * deputies in scope (all=true, optionally one town). RD_NOTFOUND naming the
 * first code that is not a deputy in scope (or when there are none), RD_INVALID
 * naming the first who has left office (no code is made for them). Caller frees
 * with deputy_cards_free.
 */
int deputy_cards(sqlite3 *db, const struct scope *sc, const char *const *codes, int ncodes,
                 bool all, const char *town, struct deputy_card **out, size_t *n);
void deputy_cards_free(struct deputy_card *cards, size_t n);

#endif
