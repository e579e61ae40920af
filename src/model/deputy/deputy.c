#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "model/core/audit.h"
#include "model/core/db.h"
#include "model/core/user.h"
#include "model/deputy/deputy.h"
#include "model/core/valid.h"
#include "model/core/vocab.h"
#include "util/conf.h"
#include "util/ctrl.h"
#include "util/datetime.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/outfile.h"
#include "util/rng.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

#define F(...)                                                                                     \
	{                                                                                          \
		__VA_ARGS__, NULL                                                                  \
	}
#define FL(labels, ...)                                                                            \
	{                                                                                          \
		__VA_ARGS__, labels                                                                \
	}
/* How exports show the choices, and imports take them besides the values. */
static const char *const level_labels[] = {N_("city"), N_("town")};
static const char *const status_labels[] = {N_("in office"), N_("left office")};
const struct ref_field deputy_fields[DF_COUNT] = {
    [DF_CODE] = F("code", "code", N_("Code"), RF_TEXT, NULL, false, 6),
    [DF_NAME] = F("name", "name", N_("Full name"), RF_PERSON, NULL, true, 10),
    [DF_GENDER] = F("gender", "gender", N_("Gender"), RF_CHOICE, "男|女", false, 4),
    [DF_ETHNICITY] = F("ethnicity", "ethnicity", N_("Ethnicity"), RF_ETHNICITY, NULL, false, 8),
    [DF_BIRTH_DATE] = F("birth_date", "birth_date", N_("Born"), RF_DATE, NULL, false, 10),
    [DF_PARTY] = F("party", "party", N_("Party"), RF_TEXT, NULL, false, 10),
    [DF_OCCUPATION] = F("occupation", "occupation", N_("Occupation"), RF_TEXT, NULL, false, 30),
    [DF_PHONE] = F("phone", "phone", N_("Phone"), RF_PHONE, NULL, false, 13),
    [DF_RESIDENT_ID] =
        F("resident_id", "resident_id", N_("Resident ID"), RF_RESIDENTID, NULL, true, 18),
    [DF_LEVEL] = FL(level_labels, "level", "level", N_("Level"), RF_CHOICE, "city|town", true, 5),
    [DF_TOWN] = F("town", "town_id", N_("Town"), RF_TOWN, NULL, true, 10),
    [DF_CONSTITUENCY] =
        F("constituency", "constituency", N_("Constituency"), RF_TEXT, NULL, false, 16),
    [DF_GROUP] = F("group", "group_id", N_("Deputy group"), RF_GROUP, NULL, false, 20),
    [DF_STATION] = F("station", "station_id", N_("Liaison station"), RF_STATION, NULL, false, 24),
    [DF_TERM] = F("term", "term_id", N_("Term"), RF_TERM, NULL, false, 8),
    [DF_JOINED_DATE] = F("joined_date", "joined_date", N_("Joined on"), RF_DATE, NULL, false, 10),
    [DF_STATUS] =
        FL(status_labels, "status", "status", N_("Status"), RF_CHOICE, "in-office|left", false, 9),
    [DF_LEFT_DATE] = F("left_date", "left_date", N_("Left on"), RF_DATE, NULL, false, 10),
    [DF_LEFT_REASON] =
        F("left_reason", "left_reason", N_("Reason for leaving"), RF_TEXT, NULL, false, 20),
};

static int before_write(sqlite3 *db, const struct scope *sc, int64_t id, char **vals, bool *set);

const struct ref_kind deputy_kind = {
    "deputy",      "deputy", N_("Deputies"),         NULL,
    deputy_fields, DF_COUNT, "level, town_id, name", DF_RESIDENT_ID,
    DF_TOWN + 1,   true,     before_write,           NULL,
};

/* 32 characters, none of 0 O 1 I. */
static const char alphabet[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
static struct rng *code_rng;

void deputy_code_rng(struct rng *r)
{
	code_rng = r;
}

static int alpha_index(char c)
{
	const char *p = c ? strchr(alphabet, c) : NULL;
	return p ? (int)(p - alphabet) : -1;
}

char deputy_code_check(const char *body)
{
	/* Luhn mod N over the 32-character alphabet: catches any single wrong
	   character and any swap of two neighbours. */
	int factor = 2, sum = 0, n = 32;
	for (int i = (int)strlen(body) - 1; i >= 0; i--) {
		int a = factor * alpha_index(body[i]);
		factor = factor == 2 ? 1 : 2;
		sum += a / n + a % n;
	}
	return alphabet[(n - sum % n) % n];
}

bool deputy_code_valid(const char *s)
{
	if (!s || strlen(s) != DEPUTY_CODE_LEN)
		return false;
	for (int i = 0; i < DEPUTY_CODE_LEN; i++)
		if (alpha_index(s[i]) < 0)
			return false;
	char body[DEPUTY_CODE_LEN];
	memcpy(body, s, DEPUTY_CODE_LEN - 1);
	body[DEPUTY_CODE_LEN - 1] = '\0';
	return deputy_code_check(body) == s[DEPUTY_CODE_LEN - 1];
}

char *deputy_url(const char *code)
{
	return xasprintf("%s%s", conf.qr_base_url ? conf.qr_base_url : "", code);
}

/* A new code not yet used by any deputy. */
static int new_code(sqlite3 *db, char out[DEPUTY_CODE_LEN + 1])
{
	for (int tries = 0; tries < 100; tries++) {
		uint64_t r;
		if (code_rng)
			r = rng_next(code_rng);
		else if (getrandom(&r, sizeof r, 0) != sizeof r)
			return err_set(RD_FAIL, _("cannot draw a random code: %s"),
			               strerror(errno));
		for (int i = 0; i < DEPUTY_CODE_LEN - 1; i++) {
			out[i] = alphabet[r & 31];
			r >>= 5;
		}
		out[DEPUTY_CODE_LEN - 1] = '\0';
		out[DEPUTY_CODE_LEN - 1] = deputy_code_check(out);
		out[DEPUTY_CODE_LEN] = '\0';
		int64_t x;
		int rc = db_int(db, &x, "SELECT id FROM deputy WHERE code = ?", "t", out);
		if (rc == RD_NOTFOUND)
			return RD_OK;
		if (rc)
			return rc;
	}
	return err_set(RD_FAIL, _("could not find an unused deputy code"));
}

static void replace(char **slot, const char *v)
{
	free(*slot);
	*slot = v ? xstrdup(v) : NULL;
}

/* The stored value of a column of a deputy (new string), or NULL. */
static char *stored(sqlite3 *db, int64_t id, const char *col)
{
	char sql[96], *v = NULL;
	if (!id)
		return NULL;
	snprintf(sql, sizeof sql, "SELECT %s FROM deputy WHERE id = ?", col);
	if (db_text(db, &v, sql, "i", id))
		return NULL;
	return v;
}

/* The value a field will have after the write: the new one when set, else the stored one. */
static char * final(sqlite3 *db, int64_t id, char **vals, const bool *set, int f)
{
	return set[f] ? xstrdup(vals[f]) : stored(db, id, deputy_fields[f].col);
}

/*
 * A deputy is at least 18 on the day of election. The roster keeps no election
 * day: the first day of the term the deputy was elected to stands for it (the
 * election comes before, so a deputy under 18 on that day was under 18 when
 * elected); with no term, the day of entry.
 */
static int check_age(sqlite3 *db, int64_t id, char **vals, const bool *set)
{
	char *bd = final(db, id, vals, set, DF_BIRTH_DATE);
	char *term = final(db, id, vals, set, DF_TERM);
	char *start = NULL, *code = NULL;
	int birth, day = clock_today(), rc = RD_OK;
	if (term && *term) {
		int64_t tid = strtoll(term, NULL, 10);
		db_text(db, &start, "SELECT start_date FROM term WHERE id = ?", "i", tid);
		db_text(db, &code, "SELECT code FROM term WHERE id = ?", "i", tid);
		if (start && !date_parse(start, &day))
			day = clock_today();
	}
	if (bd && date_parse(bd, &birth) && !valid_adult_on(birth, day)) {
		char d[11];
		date_format(day, d);
		if (code)
			rc = err_set(
			    RD_INVALID,
			    _("%s (birth_date): born %s, the deputy was under 18 on %s, the "
			      "first day of term %s: a deputy must be 18 when elected"),
			    _("Born"), bd, d, code);
		else
			rc = err_set(
			    RD_INVALID,
			    _("%s (birth_date): born %s, the deputy is under 18 today (%s): a "
			      "deputy must be 18 when elected"),
			    _("Born"), bd, d);
	}
	free(bd);
	free(term);
	free(start);
	free(code);
	return rc;
}

/* Cross-field rules, defaults and the code. */
static int before_write(sqlite3 *db, const struct scope *sc, int64_t id, char **vals, bool *set)
{
	(void)sc;
	int rc = RD_OK;
	if (!id) {
		if (!vals[DF_CODE] || !*vals[DF_CODE]) {
			char code[DEPUTY_CODE_LEN + 1];
			if ((rc = new_code(db, code)))
				return rc;
			replace(&vals[DF_CODE], code);
		} else if (!deputy_code_valid(vals[DF_CODE]))
			return err_set(RD_INVALID,
			               _("%s (code): '%s' is not a deputy code (its check "
			                 "character does not match)"),
			               _("Code"), vals[DF_CODE]);
		set[DF_CODE] = true;
		if (!vals[DF_STATUS] || !*vals[DF_STATUS])
			replace(&vals[DF_STATUS], "in-office");
		if (!vals[DF_ETHNICITY] || !*vals[DF_ETHNICITY])
			replace(&vals[DF_ETHNICITY], "汉族");
		set[DF_STATUS] = set[DF_ETHNICITY] = true;
	} else if (set[DF_CODE] && vals[DF_CODE] && *vals[DF_CODE]) {
		char *old = stored(db, id, "code");
		bool same = old && !strcmp(old, vals[DF_CODE]);
		free(old);
		if (!same)
			return err_set(RD_INVALID,
			               _("%s (code): a deputy's public code never changes"),
			               _("Code"));
	} else
		set[DF_CODE] = false;

	/* Birth date and gender follow from the resident ID. */
	char *rid = final(db, id, vals, set, DF_RESIDENT_ID);
	if (rid && *rid) {
		char birth[11];
		resident_id_birth(rid, birth);
		char *bd = final(db, id, vals, set, DF_BIRTH_DATE);
		if (!bd || !*bd || (set[DF_RESIDENT_ID] && !set[DF_BIRTH_DATE])) {
			replace(&vals[DF_BIRTH_DATE], birth);
			set[DF_BIRTH_DATE] = true;
		} else if (strcmp(bd, birth))
			rc = err_set(RD_INVALID,
			             _("%s (birth_date): %s does not match the resident ID (%s)"),
			             _("Born"), bd, birth);
		free(bd);
		char *g = final(db, id, vals, set, DF_GENDER);
		const char *idg = resident_id_gender(rid);
		if (!rc && (!g || !*g || (set[DF_RESIDENT_ID] && !set[DF_GENDER]))) {
			replace(&vals[DF_GENDER], idg);
			set[DF_GENDER] = true;
		} else if (!rc && strcmp(g, idg))
			rc = err_set(RD_INVALID,
			             _("%s (gender): %s does not match the resident ID (%s)"),
			             _("Gender"), g, idg);
		free(g);
	}
	free(rid);
	if (!rc) {
		char *g = final(db, id, vals, set, DF_GENDER);
		if (!g || !*g)
			rc = err_set(RD_INVALID, _("%s (gender): required"), _("Gender"));
		free(g);
	}

	/* Leaving office: a date, and only then. A date still to come is a leave that
	   takes effect on that day: in office until then (shown so), stored as left. */
	if (!rc) {
		char *st = final(db, id, vals, set, DF_STATUS);
		char *ld = final(db, id, vals, set, DF_LEFT_DATE);
		bool left = st && !strcmp(st, "left");
		int day;
		bool future = ld && date_parse(ld, &day) && day > clock_today();
		if (left && (!ld || !*ld))
			rc = err_set(RD_INVALID,
			             _("%s (left_date): required when the deputy has left"),
			             _("Left on"));
		else if (!left && future) {
			replace(&vals[DF_STATUS], "left");
			set[DF_STATUS] = true;
		} else if (!left && ld && *ld)
			rc = err_set(
			    RD_INVALID,
			    _("%s (left_date): only a deputy who has left has one (or a day still "
			      "to come, when the deputy will leave)"),
			    _("Left on"));
		free(st);
		free(ld);
	}

	/* At least 18 on the day of election: the first day of the deputy's term. */
	if (!rc && (!id || set[DF_BIRTH_DATE] || set[DF_RESIDENT_ID] || set[DF_TERM]))
		rc = check_age(db, id, vals, set);

	/* A deputy elected in a by-election (补选) joins within the term, before leaving. */
	if (!rc && (set[DF_JOINED_DATE] || set[DF_TERM] || set[DF_LEFT_DATE])) {
		char *jd = final(db, id, vals, set, DF_JOINED_DATE);
		char *ld = final(db, id, vals, set, DF_LEFT_DATE);
		char *term = final(db, id, vals, set, DF_TERM);
		char *start = NULL;
		if (jd && *jd && term && *term)
			db_text(db, &start, "SELECT start_date FROM term WHERE id = ?", "i",
			        (int64_t)strtoll(term, NULL, 10));
		if (jd && *jd && start && strcmp(jd, start) < 0)
			rc = err_set(
			    RD_INVALID,
			    _("%s (joined_date): %s is before the first day of the deputy's "
			      "term (%s)"),
			    _("Joined on"), jd, start);
		else if (jd && *jd && ld && *ld && strcmp(jd, ld) >= 0)
			rc = err_set(RD_INVALID,
			             _("%s (joined_date): %s is not before the day the deputy left "
			               "office (%s)"),
			             _("Joined on"), jd, ld);
		free(jd);
		free(ld);
		free(term);
		free(start);
	}

	/* The group and the station must be of the deputy's town. */
	static const struct {
		int f;
		const char *table;
	} bound[] = {{DF_GROUP, "deputy_group"}, {DF_STATION, "station"}};
	char *town = rc ? NULL : final(db, id, vals, set, DF_TOWN);
	for (size_t i = 0; !rc && i < sizeof bound / sizeof bound[0]; i++) {
		char *v = final(db, id, vals, set, bound[i].f);
		if (v && *v && town) {
			char sql[96];
			int64_t t = 0;
			snprintf(sql, sizeof sql, "SELECT town_id FROM %s WHERE id = ?",
			         bound[i].table);
			if (!db_int(db, &t, sql, "i", (int64_t)strtoll(v, NULL, 10)) &&
			    t != strtoll(town, NULL, 10))
				rc = err_set(
				    RD_INVALID,
				    _("%s (%s): it belongs to another town than the deputy"),
				    _(deputy_fields[bound[i].f].label),
				    deputy_fields[bound[i].f].key);
		}
		free(v);
	}
	free(town);
	return rc;
}

static bool masked(const struct scope *sc)
{
	return sc->role == ROLE_VIEWER;
}

/* Unit operators work on cases, not on the roster. */
static int may_read(const struct scope *sc)
{
	if (sc->role == ROLE_UNIT)
		return err_set(RD_DENIED, _("a unit operator does not see the deputy roster"));
	return RD_OK;
}

int deputy_may_read(const struct scope *sc)
{
	return may_read(sc);
}

sqlite3_stmt *deputy_list(sqlite3 *db, const struct scope *sc, const struct deputy_filter *f)
{
	if (may_read(sc))
		return NULL;
	int64_t town = 0;
	if (f->town && *f->town && user_town_id(db, f->town, &town))
		return NULL;
	/* A name searched with a look-alike of the middle dot finds the stored one. */
	char *search = f->search && *f->search ? person_name_normalize(f->search) : NULL;
	/* Names as Chinese offices list people: in pinyin order (安, 白, 陈, 赵). */
	const char *order = "d.level, t.sort, d.name COLLATE pinyin, d.id";
	if (f->sort && !strcmp(f->sort, "name"))
		order = "d.name COLLATE pinyin, d.id";
	else if (f->sort && !strcmp(f->sort, "code"))
		order = "d.code, d.id";
	else if (f->sort && strcmp(f->sort, "town")) {
		free(search);
		err_set(RD_INVALID, _("sort: '%s' is not name, code or town"), f->sort);
		return NULL;
	}
	char *sql = xasprintf(
	    "SELECT d.id, d.code, d.name, d.gender, d.level, t.name, coalesce(g.name, ''), "
	    "coalesce(s.name, ''), CASE WHEN ?1 THEN mask_phone(d.phone) ELSE d.phone "
	    "END, " DEPUTY_STATUS_SQL(
	        "d") ", d.version FROM deputy d JOIN town t ON t.id = d.town_id "
	             "LEFT JOIN deputy_group g ON g.id = d.group_id LEFT JOIN station s ON s.id = "
	             "d.station_id "
	             "WHERE (?2 = 0 OR d.town_id = ?2) AND (?3 = 0 OR d.town_id = ?3) "
	             "AND (?4 IS NULL OR d.level = ?4) AND (?5 IS NULL OR " DEPUTY_STATUS_SQL(
	                 "d") " = ?5) "
	                      "AND (?6 IS NULL OR instr(d.name, ?6) OR instr(d.name, ?7) OR "
	                      "instr(d.code, upper(?6)) "
	                      "OR instr(d.occupation, ?6)) ORDER BY %s",
	    order);
	sqlite3_stmt *st = db_prepare(
	    db, sql, "diitttt", masked(sc), sc->role == ROLE_TOWN_CLERK ? sc->town_id : (int64_t)0,
	    town, f->level, f->status, f->search && *f->search ? f->search : NULL, search);
	free(sql);
	free(search);
	return st;
}

/* Appends "CODE (name)" to b when code is a deputy within the scope; true then. */
static bool suggest(sqlite3 *db, const struct scope *sc, const char *code, struct sbuf *b)
{
	if (!deputy_code_valid(code) || (b->len && strstr(sbuf_str(b), code)))
		return false;
	sqlite3_stmt *st =
	    db_prepare(db, "SELECT name, town_id FROM deputy WHERE code = ?", "t", code);
	bool found = st && sqlite3_step(st) == SQLITE_ROW &&
	             scope_covers_town(sc, sqlite3_column_int64(st, 1));
	if (found) {
		if (b->len)
			sbuf_puts(b, _(", "));
		sbuf_printf(b, _("%s (%s)"), code, db_col(st, 0));
	}
	sqlite3_finalize(st);
	return found;
}

/*
 * Why a code names no deputy: its check character does not match (with the
 * deputies one changed, added, dropped or swapped character would give), or
 * it is a right code of no deputy within the scope.
 */
static int code_not_found(sqlite3 *db, const struct scope *sc, const char *ref, const char *up)
{
	size_t n = strlen(up);
	/* A well-formed code that names no deputy may still be a deputy's with two characters
	   swapped or one changed (a check character misses some of those): say whose. */
	bool valid = deputy_code_valid(up);
	struct sbuf b = SBUF_INIT;
	char c[DEPUTY_CODE_LEN + 2];
	if (n == DEPUTY_CODE_LEN) {
		for (size_t i = 0; i < n; i++)
			for (const char *a = alphabet; *a; a++) {
				memcpy(c, up, n + 1);
				if (c[i] != *a) {
					c[i] = *a;
					suggest(db, sc, c, &b);
				}
			}
		for (size_t i = 0; i + 1 < n; i++) {
			memcpy(c, up, n + 1);
			char t = c[i];
			c[i] = c[i + 1];
			c[i + 1] = t;
			suggest(db, sc, c, &b);
		}
	} else if (n == DEPUTY_CODE_LEN + 1) {
		for (size_t i = 0; i < n; i++) {
			memcpy(c, up, i);
			memcpy(c + i, up + i + 1, n - i);
			suggest(db, sc, c, &b);
		}
	} else if (n == DEPUTY_CODE_LEN - 1) {
		for (size_t i = 0; i <= n; i++)
			for (const char *a = alphabet; *a; a++) {
				memcpy(c, up, i);
				c[i] = *a;
				memcpy(c + i + 1, up + i, n - i + 1);
				suggest(db, sc, c, &b);
			}
	}
	const char *why;
	if (valid)
		why = NULL;
	else if (n != DEPUTY_CODE_LEN)
		why = b.len ? _("a code has 6 characters") : NULL;
	else if (strspn(up, alphabet) != n)
		why = _("codes never use 0, O, 1 or I");
	else
		why = _("its check character does not match (a character was mistyped)");
	int rc;
	if (!why && b.len)
		rc = err_set(RD_NOTFOUND, _("no deputy '%s' within your scope; did you mean %s?"),
		             ref, sbuf_str(&b));
	else if (!why)
		rc = err_set(RD_NOTFOUND, _("no deputy '%s' within your scope"), ref);
	else if (b.len)
		rc = err_set(RD_NOTFOUND, _("'%s' is not a deputy code: %s; did you mean %s?"), ref,
		             why, sbuf_str(&b));
	else
		rc = err_set(RD_NOTFOUND, _("'%s' is not a deputy code: %s"), ref, why);
	sbuf_free(&b);
	return rc;
}

/* 1 when st finds a deputy (its id and town into *id and *town), 0 when none, -1 when st
   could not be made. */
static int row_of(sqlite3_stmt *st, int64_t *id, int64_t *town)
{
	if (!st)
		return -1;
	int found = sqlite3_step(st) == SQLITE_ROW;
	if (found) {
		*id = sqlite3_column_int64(st, 0);
		*town = sqlite3_column_int64(st, 1);
	}
	db_done(st);
	return found;
}

int deputy_find(sqlite3 *db, const struct scope *sc, const char *ref, int64_t *id)
{
	if (may_read(sc))
		return RD_DENIED;
	const char *num = ref[0] == '#' ? ref + 1 : ref;
	char *end, up[32];
	long long v = strtoll(num, &end, 10);
	bool by_id = *num && !*end && v > 0;
	snprintf(up, sizeof up, "%s", ref);
	for (char *p = up; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	/* A code may be all digits (973728): a bare number is that code when a deputy has
	   it, else an id; '#N' is always the id. Two lookups, each through its own index
	   (one query with OR and ORDER BY made a temporary table at every row of an
	   import). */
	int64_t did = 0, town = 0;
	int found =
	    ref[0] == '#'
	        ? 0
	        : row_of(db_cached(db, "SELECT id, town_id FROM deputy WHERE code = ?", "t", up),
	                 &did, &town);
	if (!found && by_id)
		found = row_of(
		    db_cached(db, "SELECT id, town_id FROM deputy WHERE id = ?", "i", (int64_t)v),
		    &did, &town);
	if (found < 0)
		return RD_FAIL;
	int rc = RD_NOTFOUND;
	if (found && scope_covers_town(sc, town)) {
		*id = did;
		rc = RD_OK;
	}
	if (rc && !by_id)
		return code_not_found(db, sc, ref, up);
	if (rc)
		return err_set(RD_NOTFOUND, _("no deputy '%s' within your scope"), ref);
	return RD_OK;
}

int deputy_check_in_office(sqlite3 *db, int64_t id, int day, const char *field)
{
	char d[11];
	date_format(day, d);
	sqlite3_stmt *st = db_cached(db,
	                             "SELECT name, code, left_date FROM deputy WHERE id = ? AND "
	                             "status = 'left' AND left_date <= ?",
	                             "it", id, d);
	if (!st)
		return RD_FAIL;
	int rc = RD_OK;
	if (sqlite3_step(st) == SQLITE_ROW)
		rc = field
		         ? err_set(RD_INVALID, _("%s: %s (%s) left office on %s"),
		                   vocab_field(field), db_col(st, 0), db_col(st, 1), db_col(st, 2))
		         : err_set(RD_INVALID, _("%s (%s) left office on %s"), db_col(st, 0),
		                   db_col(st, 1), db_col(st, 2));
	db_done(st);
	return rc;
}

int deputy_get(sqlite3 *db, const struct scope *sc, int64_t id, char **vals, int64_t *version)
{
	if (may_read(sc))
		return RD_DENIED;
	int64_t town;
	if (db_int(db, &town, "SELECT town_id FROM deputy WHERE id = ?", "i", id) ||
	    !scope_covers_town(sc, town))
		return err_set(RD_NOTFOUND, _("no deputy %lld within your scope"), (long long)id);
	int rc = ref_get(db, &deputy_kind, id, vals, version);
	int ld;
	/* As of today: a leave still to come has not yet taken effect. */
	if (!rc && !strcmp(vals[DF_STATUS], "left") && date_parse(vals[DF_LEFT_DATE], &ld) &&
	    ld > clock_today()) {
		free(vals[DF_STATUS]);
		vals[DF_STATUS] = xstrdup("in-office");
	}
	if (!rc && masked(sc)) {
		char *m = mask_phone(vals[DF_PHONE]);
		free(vals[DF_PHONE]);
		vals[DF_PHONE] = m;
		/* The ID without its birth date, and the birth date field masked with it: the
		   two together would give the whole ID back. */
		m = mask_resident_id(vals[DF_RESIDENT_ID] ? vals[DF_RESIDENT_ID] : "");
		free(vals[DF_RESIDENT_ID]);
		vals[DF_RESIDENT_ID] = m;
		m = mask_date(vals[DF_BIRTH_DATE] ? vals[DF_BIRTH_DATE] : "");
		free(vals[DF_BIRTH_DATE]);
		vals[DF_BIRTH_DATE] = m;
	}
	return rc;
}

void deputy_vals_free(char **vals)
{
	for (int i = 0; i < DF_COUNT; i++) {
		free(vals[i]);
		vals[i] = NULL;
	}
}

int deputy_add(sqlite3 *db, const struct scope *sc, const char *const *vals, int64_t *id)
{
	return ref_add(db, sc, &deputy_kind, vals, id);
}

int deputy_edit(sqlite3 *db, const struct scope *sc, int64_t id, int64_t version,
                const char *const *vals)
{
	return ref_edit(db, sc, &deputy_kind, id, version, vals);
}

int deputy_leave(sqlite3 *db, const struct scope *sc, int64_t id, int64_t version, const char *date,
                 const char *reason)
{
	const char *vals[DF_COUNT] = {0};
	vals[DF_STATUS] = "left";
	vals[DF_LEFT_DATE] = date && *date ? date : NULL;
	vals[DF_LEFT_REASON] = reason ? reason : "";
	if (!vals[DF_LEFT_DATE])
		return err_set(RD_INVALID, _("%s (left_date): required when the deputy has left"),
		               _("Left on"));
	return ref_edit(db, sc, &deputy_kind, id, version, vals);
}

int deputy_import(sqlite3 *db, const struct scope *sc, const char *path, struct import_report *rep)
{
	if (may_read(sc)) {
		memset(rep, 0, sizeof *rep);
		return RD_DENIED;
	}
	return ref_import(db, sc, &deputy_kind, path, rep);
}

static void card_free(struct deputy_card *c)
{
	free(c->code);
	free(c->name);
	free(c->level);
	free(c->town);
	free(c->station);
	free(c->url);
}

void deputy_cards_free(struct deputy_card *cards, size_t n)
{
	for (size_t i = 0; i < n; i++)
		card_free(&cards[i]);
	free(cards);
}

#define CARD_SQL                                                                                   \
	"SELECT d.id, d.code, d.name, d.level, t.name, coalesce(s.name, '') FROM deputy d "        \
	"JOIN town t ON t.id = d.town_id LEFT JOIN station s ON s.id = d.station_id "

static void card_read(sqlite3_stmt *st, struct deputy_card *c)
{
	c->id = sqlite3_column_int64(st, 0);
	c->code = db_col_dup(st, 1);
	c->name = db_col_dup(st, 2);
	c->level = xstrdup(strcmp(db_col(st, 3), "city") ? _("town-level deputy")
	                                                 : _("city-level deputy"));
	c->town = db_col_dup(st, 4);
	c->station = db_col_dup(st, 5);
	c->url = deputy_url(c->code);
}

/* RD_OK when deputy id is in office today; otherwise an error naming them: a deputy who has
   left takes no new voter issues (resolve_new()), so a code printed for them would bring
   voters to a page that refuses them. */
static int card_in_office(sqlite3 *db, int64_t id)
{
	int rc = deputy_check_in_office(db, id, clock_today(), NULL);
	if (rc == RD_INVALID)
		rc = err_set(RD_INVALID,
		             _("%s, and takes no voter issues: no QR code is made for them"),
		             err_msg());
	return rc;
}

int deputy_cards(sqlite3 *db, const struct scope *sc, const char *const *codes, int ncodes,
                 bool all, const char *town, struct deputy_card **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	if (may_read(sc))
		return RD_DENIED;
	struct deputy_card *cards = NULL;
	size_t cnt = 0;
	int rc = RD_OK;
	if (all) {
		int64_t tid = 0;
		if (town && *town && (rc = user_town_id(db, town, &tid)))
			return rc;
		sqlite3_stmt *st =
		    db_prepare(db,
		               CARD_SQL "WHERE NOT " DEPUTY_LEFT_SQL(
		                   "d") " AND (?1 = 0 OR "
		                        "d.town_id = ?1) AND (?2 = 0 OR d.town_id = ?2) "
		                        "ORDER BY t.sort, d.level, d.name, d.id",
		               "ii", sc->role == ROLE_TOWN_CLERK ? sc->town_id : (int64_t)0, tid);
		if (!st)
			return RD_FAIL;
		while (sqlite3_step(st) == SQLITE_ROW) {
			cards = xrealloc(cards, sizeof *cards * (cnt + 1));
			card_read(st, &cards[cnt++]);
		}
		sqlite3_finalize(st);
	} else {
		for (int i = 0; i < ncodes && !rc; i++) {
			int64_t id;
			rc = deputy_find(db, sc, codes[i], &id);
			if (rc || (rc = card_in_office(db, id)))
				break;
			sqlite3_stmt *st = db_prepare(db, CARD_SQL "WHERE d.id = ?", "i", id);
			if (!st) {
				rc = RD_FAIL;
				break;
			}
			if (sqlite3_step(st) == SQLITE_ROW) {
				cards = xrealloc(cards, sizeof *cards * (cnt + 1));
				card_read(st, &cards[cnt++]);
			}
			sqlite3_finalize(st);
		}
	}
	if (!rc && !cnt)
		rc = err_set(RD_NOTFOUND, _("no deputies in office to make codes for"));
	if (rc) {
		deputy_cards_free(cards, cnt);
		return rc;
	}
	*out = cards;
	*n = cnt;
	return RD_OK;
}
