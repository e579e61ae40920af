#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/core/audit.h"
#include "model/core/db.h"
#include "model/core/ref.h"
#include "model/core/valid.h"
#include "model/core/vocab.h"
#include "util/csvread.h"
#include "util/xlsxread.h"
#include "util/ctrl.h"
#include "util/datetime.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/paths.h"
#include "util/xalloc.h"

#define F(...)                                                                                     \
	{                                                                                          \
		__VA_ARGS__, NULL                                                                  \
	}

static const struct ref_field town_fields[] = {
    F("code", "code", N_("Code"), RF_TEXT, NULL, true, 8),
    F("name", "name", N_("Name"), RF_TEXT, NULL, true, 12),
    F("kind", "kind", N_("Kind"), RF_CHOICE, "town|street", true, 6),
    F("body", "body", N_("Congress body"), RF_TEXT, NULL, true, 20),
    F("sort", "sort", N_("Order"), RF_INT, NULL, false, 5),
    F("active", "active", N_("Active"), RF_BOOL, NULL, false, 6),
};
static const struct ref_field category_fields[] = {
    F("code", "code", N_("Code"), RF_TEXT, NULL, true, 8),
    F("name", "name", N_("Name"), RF_TEXT, NULL, true, 12),
    F("sort", "sort", N_("Order"), RF_INT, NULL, false, 5),
    F("active", "active", N_("Active"), RF_BOOL, NULL, false, 6),
};
static const struct ref_field unit_fields[] = {
    F("code", "code", N_("Code"), RF_TEXT, NULL, true, 8),
    F("name", "name", N_("Name"), RF_TEXT, NULL, true, 30),
    F("kind", "kind", N_("Kind"), RF_CHOICE, "department|town-government|other", true, 16),
    F("town", "town_id", N_("Town"), RF_TOWN, NULL, false, 12),
    F("active", "active", N_("Active"), RF_BOOL, NULL, false, 6),
};
static const struct ref_field office_fields[] = {
    F("code", "code", N_("Code"), RF_TEXT, NULL, true, 8),
    F("name", "name", N_("Name"), RF_TEXT, NULL, true, 24),
    F("sort", "sort", N_("Order"), RF_INT, NULL, false, 5),
    F("active", "active", N_("Active"), RF_BOOL, NULL, false, 6),
};
static const struct ref_field group_fields[] = {
    F("code", "code", N_("Code"), RF_TEXT, NULL, true, 10),
    F("name", "name", N_("Name"), RF_TEXT, NULL, true, 30),
    F("town", "town_id", N_("Town"), RF_TOWN, NULL, true, 12),
    F("active", "active", N_("Active"), RF_BOOL, NULL, false, 6),
};
static const struct ref_field station_fields[] = {
    F("code", "code", N_("Code"), RF_TEXT, NULL, true, 10),
    F("name", "name", N_("Name"), RF_TEXT, NULL, true, 30),
    F("town", "town_id", N_("Town"), RF_TOWN, NULL, true, 12),
    F("address", "address", N_("Address"), RF_TEXT, NULL, false, 30),
    F("active", "active", N_("Active"), RF_BOOL, NULL, false, 6),
};
static const struct ref_field term_fields[] = {
    F("code", "code", N_("Code"), RF_TEXT, NULL, true, 10),
    F("level", "level", N_("Level"), RF_CHOICE, "city|town", true, 6),
    F("town", "town_id", N_("Town"), RF_TOWN, NULL, false, 12),
    F("number", "number", N_("Number"), RF_INT, NULL, true, 6),
    F("name", "name", N_("Name"), RF_TEXT, NULL, true, 24),
    F("start_date", "start_date", N_("Starts"), RF_DATE, NULL, true, 10),
    F("end_date", "end_date", N_("Ends"), RF_DATE, NULL, false, 10),
};
static const struct ref_field session_fields[] = {
    F("code", "code", N_("Code"), RF_TEXT, NULL, true, 12),
    F("term", "term_id", N_("Term"), RF_TERM, NULL, true, 10),
    F("number", "number", N_("Number"), RF_INT, NULL, true, 6),
    F("name", "name", N_("Name"), RF_TEXT, NULL, true, 30),
    F("start_date", "start_date", N_("Starts"), RF_DATE, NULL, true, 10),
    F("end_date", "end_date", N_("Ends"), RF_DATE, NULL, false, 10),
};
static const struct ref_field result_class_fields[] = {
    F("code", "code", N_("Code"), RF_TEXT, NULL, true, 6),
    F("name", "name", N_("Name"), RF_TEXT, NULL, true, 24),
    F("followup", "followup", N_("Follow-up"), RF_BOOL, NULL, true, 8),
    F("sort", "sort", N_("Order"), RF_INT, NULL, false, 5),
    F("active", "active", N_("Active"), RF_BOOL, NULL, false, 6),
};
static const struct ref_field delegation_fields[] = {
    F("code", "code", N_("Code"), RF_TEXT, NULL, true, 8),
    F("name", "name", N_("Name"), RF_TEXT, NULL, true, 24),
    F("kind", "kind", N_("Kind"), RF_CHOICE, "delegation|presidium", true, 10),
    F("level", "level", N_("Level"), RF_CHOICE, "city|town", true, 6),
    F("town", "town_id", N_("Town"), RF_TOWN, NULL, false, 12),
    F("sort", "sort", N_("Order"), RF_INT, NULL, false, 5),
    F("active", "active", N_("Active"), RF_BOOL, NULL, false, 6),
};
static const struct ref_field ethnicity_fields[] = {
    F("code", "code", N_("Code"), RF_TEXT, NULL, true, 4),
    F("name", "name", N_("Name"), RF_TEXT, NULL, true, 12),
    F("letters", "letters", N_("Letter code"), RF_TEXT, NULL, false, 6),
    F("active", "active", N_("Active"), RF_BOOL, NULL, false, 6),
};
static const struct ref_field calendar_fields[] = {
    F("day", "day", N_("Date"), RF_DATE, NULL, true, 10),
    F("kind", "kind", N_("Kind"), RF_CHOICE, "holiday|workday", true, 8),
    F("name", "name", N_("Name"), RF_TEXT, NULL, false, 16),
};

/* A congress term: of the city, or of a town that has a congress (a street has none). */
static int term_before_write(sqlite3 *db, const struct scope *sc, int64_t id, char **vals,
                             bool *set)
{
	(void)sc;
	char *level = NULL, *town = NULL;
	if (set[1])
		level = vals[1] ? xstrdup(vals[1]) : NULL;
	else if (id)
		db_text(db, &level, "SELECT level FROM term WHERE id = ?", "i", id);
	if (set[2])
		town = vals[2] ? xstrdup(vals[2]) : NULL;
	else if (id)
		db_text(db, &town, "SELECT town_id FROM term WHERE id = ?", "i", id);
	int rc = RD_OK;
	bool has_town = town && *town;
	if (level && !strcmp(level, "city") && has_town)
		rc = err_set(RD_INVALID, _("%s (town): a term of the city's congress has no town"),
		             _("Town"));
	else if (level && !strcmp(level, "town") && !has_town)
		rc = err_set(RD_INVALID, _("%s (town): a town congress term needs its town"),
		             _("Town"));
	else if (level && !strcmp(level, "town")) {
		char *kind = NULL, *name = NULL, *body = NULL;
		int64_t tid = strtoll(town, NULL, 10);
		if (!db_text(db, &kind, "SELECT kind FROM town WHERE id = ?", "i", tid) &&
		    strcmp(kind, "town")) {
			db_text(db, &name, "SELECT name FROM town WHERE id = ?", "i", tid);
			db_text(db, &body, "SELECT body FROM town WHERE id = ?", "i", tid);
			rc = err_set(
			    RD_INVALID,
			    _("%s (town): %s is a street: it has a working committee (%s), not a "
			      "congress, so it has no congress terms"),
			    _("Town"), name ? name : town, body ? body : "");
		}
		free(kind);
		free(name);
		free(body);
	}
	free(level);
	free(town);
	return rc;
}

#define KIND_ALL(n, t, l, file, f, o, hook, opens)                                                 \
	{                                                                                          \
		n, t, l, file, f, N_OF(f), o, 0, 0, false, hook, opens                             \
	}
#define KIND(n, t, l, file, f, o) KIND_ALL(n, t, l, file, f, o, NULL, NULL)
#define KIND_HOOK(n, t, l, file, f, o, hook) KIND_ALL(n, t, l, file, f, o, hook, NULL)
const struct ref_kind ref_kinds[] = {
    KIND("town", "town", N_("Towns and streets"), "towns.csv", town_fields, "sort, id"),
    KIND("category", "category", N_("Categories"), "categories.csv", category_fields, "sort, id"),
    KIND("unit", "unit", N_("Handling units"), "units.csv", unit_fields, "code"),
    KIND("office", "office", N_("Committee offices"), "offices.csv", office_fields, "sort, id"),
    KIND("group", "deputy_group", N_("Deputy groups"), "groups.csv", group_fields, "code"),
    KIND("station", "station", N_("Liaison stations"), "stations.csv", station_fields, "code"),
    KIND_HOOK("term", "term", N_("Congress terms"), "terms.csv", term_fields,
              "level, town_id, number", term_before_write),
    KIND("session", "congress_session", N_("Congress sessions"), "sessions.csv", session_fields,
         "code"),
    /* opens at this year (the years before it are history), or at the last year loaded */
    KIND_ALL("calendar", "calendar_day", N_("Holidays and make-up workdays"), "calendar.csv",
             calendar_fields, "day", NULL,
             "SELECT coalesce((SELECT id FROM calendar_day WHERE day >= date(?, 'start of year') "
             "ORDER BY day LIMIT 1), (SELECT id FROM calendar_day WHERE day >= (SELECT "
             "substr(max(day), 1, 4) || '-01-01' FROM calendar_day) ORDER BY day LIMIT 1))"),
    KIND("result_class", "result_class", N_("Result classes of replies"), "result_classes.csv",
         result_class_fields, "sort, id"),
    KIND("delegation", "delegation", N_("Delegations and presidiums"), "delegations.csv",
         delegation_fields, "sort, id"),
    KIND("ethnicity", "ethnicity", N_("Ethnic groups"), "ethnicities.csv", ethnicity_fields,
         "code"),
};
const int ref_nkinds = N_OF(ref_kinds);

const struct ref_kind *ref_kind_find(const char *name)
{
	for (int i = 0; i < ref_nkinds; i++)
		if (!strcmp(ref_kinds[i].name, name))
			return &ref_kinds[i];
	return NULL;
}

int64_t ref_opens_at(sqlite3 *db, const struct ref_kind *k)
{
	char today[11];
	int64_t id = 0;
	if (!k->opens_at)
		return 0;
	date_format(clock_today(), today);
	if (db_int(db, &id, k->opens_at, "t", today))
		err_clear();
	return id;
}

/* SQL expression that shows a field as text. */
void ref_field_expr(struct sbuf *b, const struct ref_field *f)
{
	if (f->type == RF_TOWN)
		sbuf_printf(b, "(SELECT name FROM town WHERE id = r.%s)", f->col);
	else if (f->type == RF_TERM)
		sbuf_printf(b, "(SELECT code FROM term WHERE id = r.%s)", f->col);
	else if (f->type == RF_GROUP)
		sbuf_printf(b, "(SELECT name FROM deputy_group WHERE id = r.%s)", f->col);
	else if (f->type == RF_STATION)
		sbuf_printf(b, "(SELECT name FROM station WHERE id = r.%s)", f->col);
	else
		sbuf_printf(b, "r.%s", f->col);
}

sqlite3_stmt *ref_list(sqlite3 *db, const struct scope *sc, const struct ref_kind *k)
{
	(void)sc; /* reference data is city-wide: every role reads it */
	struct sbuf b = SBUF_INIT;
	sbuf_puts(&b, "SELECT r.id");
	for (int i = 0; i < k->nfields; i++) {
		sbuf_puts(&b, ", ");
		ref_field_expr(&b, &k->fields[i]);
	}
	sbuf_printf(&b, ", r.version FROM %s r ORDER BY %s", k->table, k->order);
	sqlite3_stmt *st = db_prepare(db, sbuf_str(&b), "");
	sbuf_free(&b);
	return st;
}

int ref_get(sqlite3 *db, const struct ref_kind *k, int64_t id, char **vals, int64_t *version)
{
	struct sbuf b = SBUF_INIT;
	sbuf_puts(&b, "SELECT r.version");
	for (int i = 0; i < k->nfields; i++) {
		sbuf_puts(&b, ", ");
		ref_field_expr(&b, &k->fields[i]);
	}
	sbuf_printf(&b, " FROM %s r WHERE r.id = ?", k->table);
	sqlite3_stmt *st = db_prepare(db, sbuf_str(&b), "i", id);
	sbuf_free(&b);
	if (!st)
		return RD_FAIL;
	int rc = RD_OK;
	if (sqlite3_step(st) == SQLITE_ROW) {
		*version = sqlite3_column_int64(st, 0);
		for (int i = 0; i < k->nfields; i++)
			vals[i] = xstrdup(db_col(st, i + 1));
	} else
		rc = err_set(RD_NOTFOUND, _("%s: no record %lld"), vocab_entity(k->name),
		             (long long)id);
	sqlite3_finalize(st);
	return rc;
}

/*
 * Parses a date as a spreadsheet in China shows one: 2026/3/2, 2026-3-2, 2026.3.2
 * or 2026年3月2日 (a time after it is ignored only when it is midnight).
 */
static bool date_loose(const char *s, int *days)
{
	int y, m, d, n = 0;
	char rest[16] = "";
	if (sscanf(s, "%4d%*[/.-]%2d%*[/.-]%2d%n", &y, &m, &d, &n) != 3 &&
	    sscanf(s, "%4d年%2d月%2d日%n", &y, &m, &d, &n) != 3)
		return false;
	snprintf(rest, sizeof rest, "%s", s + n);
	if (*rest && strcmp(rest, " 00:00:00") && strcmp(rest, " 0:00:00") &&
	    strcmp(rest, " 00:00"))
		return false;
	if (!date_valid_ymd(y, m, d))
		return false;
	*days = date_from_ymd(y, m, d);
	return true;
}

const char *ref_choice_label(const struct ref_field *f, const char *value)
{
	if (f->type != RF_CHOICE || !f->choice_labels || !value)
		return value;
	size_t n = strlen(value);
	int i = 0;
	for (const char *c = f->choices; c && *c; i++) {
		const char *bar = strchr(c, '|');
		size_t cl = bar ? (size_t)(bar - c) : strlen(c);
		if (cl == n && !strncmp(c, value, n))
			return _(f->choice_labels[i]);
		c = bar ? bar + 1 : NULL;
	}
	return value;
}

/* Checks one value and turns it into what the column stores (a new string or NULL). */
int ref_convert(sqlite3 *db, const struct ref_field *f, const char *v, char **out)
{
	*out = NULL;
	const char *label = _(f->label);
	if (!v || !*v) {
		if (f->required)
			return err_set(RD_INVALID, _("%s (%s): required"), label, f->key);
		if (f->type == RF_BOOL)
			*out = xstrdup("1");
		else if (f->type == RF_INT)
			*out = xstrdup("0");
		else if (f->type == RF_TEXT || f->type == RF_PHONE || f->type == RF_PERSON)
			*out = xstrdup("");
		return RD_OK;
	}
	/* C0, DEL and C1 (ESC, BEL, CSI...): they could drive a terminal that shows them. */
	if (ctrl_find(v, true) >= 0)
		return err_set(RD_INVALID, _("%s (%s): control characters are not allowed"), label,
		               f->key);
	int d;
	int64_t id;
	switch (f->type) {
	case RF_TEXT: break;
	case RF_INT: {
		char *end;
		strtoll(v, &end, 10);
		if (*end)
			return err_set(RD_INVALID, _("%s (%s): '%s' is not a whole number"), label,
			               f->key, v);
		break;
	}
	case RF_DATE:
		if (!date_parse(v, &d) && !date_loose(v, &d))
			return err_set(RD_INVALID, _("%s (%s): '%s' is not a date YYYY-MM-DD"),
			               label, f->key, v);
		*out = xmalloc(11);
		date_format(d, *out);
		return RD_OK;
	case RF_CHOICE: {
		size_t n = strlen(v);
		const char *c = f->choices;
		int i = 0;
		bool ok = false;
		while (c && *c && !ok) {
			const char *bar = strchr(c, '|');
			size_t cl = bar ? (size_t)(bar - c) : strlen(c);
			const char *cl_msgid = f->choice_labels ? f->choice_labels[i] : NULL;
			if ((cl == n && !strncmp(c, v, n)) ||
			    (cl_msgid && (!strcmp(v, cl_msgid) || !strcmp(v, _(cl_msgid))))) {
				*out = xstrndup(c, cl);
				ok = true;
			}
			c = bar ? bar + 1 : NULL;
			i++;
		}
		if (!ok)
			return err_set(RD_INVALID, _("%s (%s): '%s' is not one of %s"), label,
			               f->key, v, f->choices);
		return RD_OK;
	}
	case RF_BOOL:
		if (!strcmp(v, "1") || !strcmp(v, "yes") || !strcmp(v, "true"))
			v = "1";
		else if (!strcmp(v, "0") || !strcmp(v, "no") || !strcmp(v, "false"))
			v = "0";
		else
			return err_set(RD_INVALID, _("%s (%s): '%s' is not yes or no"), label,
			               f->key, v);
		break;
	case RF_TOWN:
		if (db_int(db, &id, "SELECT id FROM town WHERE name = ?1 OR code = ?1", "t", v))
			return err_set(RD_INVALID, _("%s (%s): no town or street '%s'"), label,
			               f->key, v);
		*out = xasprintf("%lld", (long long)id);
		return RD_OK;
	case RF_TERM:
		if (db_int(db, &id, "SELECT id FROM term WHERE code = ?", "t", v))
			return err_set(RD_INVALID, _("%s (%s): no congress term '%s'"), label,
			               f->key, v);
		*out = xasprintf("%lld", (long long)id);
		return RD_OK;
	case RF_GROUP:
		if (db_int(db, &id, "SELECT id FROM deputy_group WHERE name = ?1 OR code = ?1", "t",
		           v))
			return err_set(RD_INVALID, _("%s (%s): no deputy group '%s'"), label,
			               f->key, v);
		*out = xasprintf("%lld", (long long)id);
		return RD_OK;
	case RF_STATION:
		if (db_int(db, &id, "SELECT id FROM station WHERE name = ?1 OR code = ?1", "t", v))
			return err_set(RD_INVALID, _("%s (%s): no liaison station '%s'"), label,
			               f->key, v);
		*out = xasprintf("%lld", (long long)id);
		return RD_OK;
	case RF_PHONE:
		if (!valid_mobile(v) && !valid_landline(v))
			return err_set(
			    RD_INVALID,
			    _("%s (%s): '%s' is not a mobile number (11 digits starting 13-19) or "
			      "a landline with its area code (0573-85012345)"),
			    label, f->key, v);
		break;
	case RF_RESIDENTID: {
		char why[160];
		if (!valid_resident_id(v, why, sizeof why))
			return err_set(RD_INVALID, _("%s (%s): '%s' %s"), label, f->key, v, why);
		/* One person, one record: ...x and ...X are the same ID. */
		*out = resident_id_normalize(v);
		return RD_OK;
	}
	case RF_PERSON:
		if (!valid_person_name(v))
			return err_set(
			    RD_INVALID,
			    _("%s (%s): '%s' is not a name in Chinese characters (a middle dot "
			      "· may join the parts, as in 阿沛·阿旺晋美)"),
			    label, f->key, v);
		*out = person_name_normalize(v); /* 阿沛・阿旺晋美 is stored as 阿沛·阿旺晋美 */
		return RD_OK;
	case RF_ETHNICITY: {
		/* The name, the name without 族 (回 for 回族), or a code of GB/T 3304 (03, HU). */
		char *name = NULL;
		if (db_text(
		        db, &name,
		        "SELECT name FROM ethnicity WHERE name = ?1 OR name = ?1 || '族' OR code = "
		        "?1 "
		        "OR (letters = upper(?1) AND length(?1) = 2) ORDER BY name <> ?1 LIMIT 1",
		        "t", v)) {
			free(name);
			return err_set(
			    RD_INVALID,
			    _("%s (%s): '%s' is not one of the 56 ethnic groups (such as 汉族, "
			      "回族 or 畲族; 'renda ref list ethnicity' lists them)"),
			    label, f->key, v);
		}
		*out = name;
		return RD_OK;
	}
	}
	*out = xstrdup(v);
	return RD_OK;
}

static void free_vals(char **v, int n)
{
	for (int i = 0; i < n; i++)
		free(v[i]);
}

int ref_may_write(const struct scope *sc, const struct ref_kind *k, int64_t town_id)
{
	if (!k->clerk_writes)
		return scope_require_admin(sc);
	if (sc->role == ROLE_ADMIN || sc->role == ROLE_CITY_CLERK)
		return RD_OK;
	if (sc->role == ROLE_TOWN_CLERK && town_id && town_id == sc->town_id)
		return RD_OK;
	if (sc->role == ROLE_TOWN_CLERK)
		return err_set(RD_DENIED,
		               _("%s: a town clerk of %s may change only records of that town"),
		               vocab_entity(k->name), sc->town_name ? sc->town_name : "?");
	return err_set(RD_DENIED, _("%s: your role (%s) may not change these records"),
	               vocab_entity(k->name), role_label(sc->role));
}

/*
 * A town clerk's refusal of a key already taken (a resident ID, a code): the same words
 * whether the record is in another town or anywhere else, so that an import or an add
 * never tells a clerk where, or whose, a value outside the clerk's town is.
 */
static int taken(const struct ref_kind *k, const struct scope *sc)
{
	const struct ref_field *f = &k->fields[k->key_field];
	return err_set(RD_INVALID,
	               _("%s (%s): this value cannot be recorded by a clerk of %s; if the record "
	                 "is your town's, ask the committee's office"),
	               _(f->label), f->key, sc->town_name ? sc->town_name : "?");
}

/* The town a record is bound to, from stored values or the stored record. */
static int64_t record_town(sqlite3 *db, const struct ref_kind *k, int64_t id, char **vals,
                           const bool *set)
{
	if (!k->town_field)
		return 0;
	int i = k->town_field - 1;
	if (set[i] && vals[i])
		return strtoll(vals[i], NULL, 10);
	int64_t t = 0;
	if (id) {
		char sql[128];
		snprintf(sql, sizeof sql, "SELECT %s FROM %s WHERE id = ?", k->fields[i].col,
		         k->table);
		db_int(db, &t, sql, "i", id);
	}
	return t;
}

/* The town a record is bound to by its town field or its term's town (0: city-wide). */
static int64_t bound_town(sqlite3 *db, const struct ref_kind *k, int64_t id, char **vals,
                          const bool *set)
{
	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; i < k->nfields; i++) {
			const struct ref_field *f = &k->fields[i];
			if (f->type != (pass ? RF_TERM : RF_TOWN))
				continue;
			int64_t v = 0;
			if (set[i])
				v = vals[i] ? strtoll(vals[i], NULL, 10) : 0;
			else if (id) {
				char sql[128];
				snprintf(sql, sizeof sql, "SELECT %s FROM %s WHERE id = ?", f->col,
				         k->table);
				db_int(db, &v, sql, "i", id);
			}
			if (pass && v &&
			    db_int(db, &v, "SELECT coalesce(town_id, 0) FROM term WHERE id = ?",
			           "i", v))
				v = 0;
			return v;
		}
	return 0;
}

/*
 * A town's own database (DESIGN 4.8) holds the city's reference data, which comes with
 * the city's exchange files: it changes only the records bound to its own town (its
 * deputy groups, liaison stations, its congress's terms and sessions), before and after.
 */
static int site_may_write(sqlite3 *db, const struct ref_kind *k, int64_t id, char **vals,
                          const bool *set)
{
	int site = 0;
	if (db_site(db, &site))
		return RD_FAIL;
	bool none[REF_MAX_FIELDS] = {false};
	if (!site || ((!id || bound_town(db, k, id, vals, none) == site) &&
	              bound_town(db, k, id, vals, set) == site))
		return RD_OK;
	char *town = NULL;
	db_text(db, &town, "SELECT name FROM town WHERE id = ?", "d", site);
	int rc =
	    err_set(RD_DENIED,
	            _("%s: this is %s's own database, which holds the city's reference data as "
	              "the city's exchange files bring it; it changes only what belongs to %s "
	              "(ask the city to change the rest)"),
	            vocab_entity(k->name), town ? town : "?", town ? town : "?");
	free(town);
	return rc;
}

/* Inserts or updates inside an open transaction; vals are stored forms. */
static int write_record(sqlite3 *db, const struct scope *sc, const struct ref_kind *k, int64_t id,
                        int64_t version, char **vals, bool *set, int64_t *out_id)
{
	if (site_may_write(db, k, id, vals, set))
		return RD_DENIED;
	if (k->clerk_writes) {
		/* Both the record's present town and its new one must be in scope. */
		int64_t old_town =
		    id ? record_town(db, k, id, vals, (bool[REF_MAX_FIELDS]){false}) : 0;
		if (id && ref_may_write(sc, k, old_town))
			return RD_DENIED;
		if (ref_may_write(sc, k, record_town(db, k, id, vals, set)))
			return RD_DENIED;
	}
	if (k->before_write) {
		int hrc = k->before_write(db, sc, id, vals, (bool *)set);
		if (hrc)
			return hrc;
	}
	struct sbuf b = SBUF_INIT;
	int64_t new_id = 0;
	if (!id && db_new_id(db, k->table, &new_id))
		return RD_FAIL;
	if (!id) {
		sbuf_printf(&b, "INSERT INTO %s (id, version", k->table);
		for (int i = 0; i < k->nfields; i++)
			if (set[i])
				sbuf_printf(&b, ", %s", k->fields[i].col);
		sbuf_printf(&b, ") VALUES (?%d, 1", k->nfields + 3);
		for (int i = 0; i < k->nfields; i++)
			if (set[i])
				sbuf_printf(&b, ", ?%d", i + 1);
		sbuf_puts(&b, ")");
	} else {
		sbuf_printf(&b, "UPDATE %s SET version = version + 1", k->table);
		for (int i = 0; i < k->nfields; i++)
			if (set[i])
				sbuf_printf(&b, ", %s = ?%d", k->fields[i].col, i + 1);
		sbuf_printf(&b, " WHERE id = ?%d AND (?%d = 0 OR version = ?%d)", k->nfields + 1,
		            k->nfields + 2, k->nfields + 2);
	}
	/* Kept prepared: the console saves many records of a kind, each with the same
	   fields set; and a rehearsal prepares it for the write (db_write()). */
	sqlite3_stmt *st = db_cached(db, sbuf_str(&b), "");
	sbuf_free(&b);
	if (!st)
		return RD_FAIL;
	for (int i = 0; i < k->nfields; i++)
		if (vals[i])
			sqlite3_bind_text(st, i + 1, vals[i], -1, SQLITE_TRANSIENT);
	if (id) {
		sqlite3_bind_int64(st, k->nfields + 1, id);
		sqlite3_bind_int64(st, k->nfields + 2, version);
	} else
		sqlite3_bind_int64(st, k->nfields + 3, new_id);
	char *before = id ? audit_snapshot(db, k->table, id) : NULL;
	int src = db_step(st);
	db_done(st);
	int rc = RD_OK;
	if (src != SQLITE_DONE) {
		if (src == SQLITE_CONSTRAINT_UNIQUE && sc->role == ROLE_TOWN_CLERK)
			rc = taken(k, sc);
		else if ((src & 0xff) == SQLITE_CONSTRAINT)
			rc = err_set(RD_INVALID, _("%s: refused: %s"), vocab_entity(k->name),
			             db_errmsg(db));
		else
			rc = db_fail(db, k->name);
	} else if (id)
		rc = db_version_check(db, k->table, id, sqlite3_changes(db));
	if (!rc) {
		int64_t rid = id ? id : sqlite3_last_insert_rowid(db);
		char *after = audit_snapshot(db, k->table, rid);
		rc = audit_log(db, sc, k->name, rid, id ? "edit" : "add", before, after);
		free(after);
		if (out_id)
			*out_id = rid;
	}
	free(before);
	return rc;
}

static int convert_all(sqlite3 *db, const struct ref_kind *k, const char *const *in, char **vals,
                       bool *set, bool partial)
{
	for (int i = 0; i < k->nfields; i++) {
		vals[i] = NULL;
		set[i] = !partial || in[i];
		if (!set[i])
			continue;
		if (ref_convert(db, &k->fields[i], in[i], &vals[i])) {
			free_vals(vals, i);
			return RD_INVALID;
		}
	}
	return RD_OK;
}

/* A record added (id 0) or edited, in the transaction open; rehearsed outside the write
   lock first (db_write()). */
struct ref_write {
	const struct scope *sc;
	const struct ref_kind *k;
	int64_t id, version;
	const char *const *in;
	int64_t *made;
};

static int write_tx(sqlite3 *db, void *arg)
{
	const struct ref_write *w = arg;
	char *vals[REF_MAX_FIELDS];
	bool set[REF_MAX_FIELDS];
	int rc = convert_all(db, w->k, w->in, vals, set, w->id != 0);
	if (!rc) {
		rc = write_record(db, w->sc, w->k, w->id, w->version, vals, set, w->made);
		free_vals(vals, w->k->nfields);
	}
	return rc;
}

int ref_add(sqlite3 *db, const struct scope *sc, const struct ref_kind *k, const char *const *in,
            int64_t *id)
{
	if (!k->clerk_writes ? scope_require_admin(sc) : ref_may_write(sc, k, sc->town_id))
		return RD_DENIED;
	return db_write(db, k, "add", write_tx, &(struct ref_write){sc, k, 0, 0, in, id});
}

int ref_edit(sqlite3 *db, const struct scope *sc, const struct ref_kind *k, int64_t id,
             int64_t version, const char *const *in)
{
	if (!k->clerk_writes ? scope_require_admin(sc) : ref_may_write(sc, k, sc->town_id))
		return RD_DENIED;
	return db_write(db, k, "edit", write_tx, &(struct ref_write){sc, k, id, version, in, NULL});
}

/* Compares stored forms with the record's current stored values. */
static int same_as_stored(sqlite3 *db, const struct ref_kind *k, int64_t id, char **vals,
                          const bool *set, bool *same)
{
	struct sbuf b = SBUF_INIT;
	sbuf_puts(&b, "SELECT 1 FROM ");
	sbuf_printf(&b, "%s WHERE id = ?1", k->table);
	for (int i = 0; i < k->nfields; i++)
		if (set[i])
			sbuf_printf(&b, " AND %s IS ?%d", k->fields[i].col, i + 2);
	sqlite3_stmt *st = db_prepare(db, sbuf_str(&b), "i", id);
	sbuf_free(&b);
	if (!st)
		return RD_FAIL;
	for (int i = 0; i < k->nfields; i++) {
		const struct ref_field *f = &k->fields[i];
		if (!vals[i])
			continue;
		if (f->type == RF_INT || f->type == RF_BOOL || f->type == RF_TOWN ||
		    f->type == RF_TERM)
			sqlite3_bind_int64(st, i + 2, strtoll(vals[i], NULL, 10));
		else
			sqlite3_bind_text(st, i + 2, vals[i], -1, SQLITE_TRANSIENT);
	}
	*same = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return RD_OK;
}

void import_report_free(struct import_report *rep)
{
	sbuf_free(&rep->errors);
}

/* The column of the header that names field f: by key, by label or by translated label. */
static int header_col(const struct csv_file *file, const struct ref_field *f)
{
	int c = csvf_col(file, f->key);
	if (c < 0)
		c = csvf_col(file, f->label);
	for (int i = 0; c < 0 && i < file->ncols; i++)
		if (!strcmp(file->header[i], _(f->label)))
			c = i;
	return c;
}

/*
 * A value without the blanks and tabs around it: a spreadsheet's padding, or the
 * tab our CSV export puts before a number that is text (an ID, a phone).
 */
static char *trim_dup(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return xstrndup(s, n);
}

int ref_import(sqlite3 *db, const struct scope *sc, const struct ref_kind *k, const char *path,
               struct import_report *rep)
{
	memset(rep, 0, sizeof *rep);
	if (!k->clerk_writes ? scope_require_admin(sc) : ref_may_write(sc, k, sc->town_id))
		return RD_DENIED;
	struct csv_file f;
	if (tablef_read(path, &f))
		return RD_INVALID;
	int map[REF_MAX_FIELDS];
	int rc = RD_OK;
	for (int i = 0; i < k->nfields; i++) {
		map[i] = header_col(&f, &k->fields[i]);
		if (map[i] < 0 && (k->fields[i].required || i == k->key_field))
			rc = err_set(RD_INVALID, _("%s:1: the header has no column '%s'"), path,
			             k->fields[i].key);
	}
	for (int c = 0; !rc && c < f.ncols; c++) {
		bool known = false;
		for (int i = 0; i < k->nfields; i++)
			known |= map[i] == c;
		if (!known)
			rc =
			    err_set(RD_INVALID, _("%s:1: unknown column '%s' (expected %s fields)"),
			            path, f.header[c], vocab_entity(k->name));
	}
	if (rc) {
		csvf_free(&f);
		return rc;
	}
	if (db_begin(db)) {
		csvf_free(&f);
		return RD_FAIL;
	}
	char sql[128];
	snprintf(sql, sizeof sql, "SELECT id FROM %s WHERE %s = ?", k->table,
	         k->fields[k->key_field].col);
	for (size_t r = 0; r < f.nrows && rc != RD_FAIL; r++) {
		const struct csv_row *row = &f.rows[r];
		const char *in[REF_MAX_FIELDS];
		char *vals[REF_MAX_FIELDS];
		bool set[REF_MAX_FIELDS];
		char *trimmed[REF_MAX_FIELDS];
		for (int i = 0; i < k->nfields; i++)
			in[i] = trimmed[i] = map[i] >= 0 ? trim_dup(csvf_get(row, map[i])) : NULL;
		int crc = convert_all(db, k, in, vals, set, true);
		for (int i = 0; i < k->nfields; i++)
			free(trimmed[i]);
		/* Columns the file lacks are left as they are (or take their defaults). */
		if (crc) {
			sbuf_printf(&rep->errors, "%s:%d: %s\n", path, row->line, err_msg());
			rep->rejected++;
			continue;
		}
		int64_t id = 0;
		bool same = false;
		int frc = db_int(db, &id, sql, "t", vals[k->key_field]);
		int wrc = RD_OK;
		/* A key taken outside a town clerk's town: refused as an add would be. */
		if (frc == RD_OK && k->clerk_writes && sc->role == ROLE_TOWN_CLERK &&
		    record_town(db, k, id, vals, (bool[REF_MAX_FIELDS]){false}) != sc->town_id)
			wrc = taken(k, sc);
		else if (frc == RD_OK)
			wrc = same_as_stored(db, k, id, vals, set, &same);
		else if (frc != RD_NOTFOUND)
			wrc = frc;
		/* Every row must be within the importer's scope, changed or not. */
		if (!wrc && k->clerk_writes)
			wrc = ref_may_write(sc, k,
			                    record_town(db, k, frc == RD_OK ? id : 0, vals, set));
		if (!wrc && same)
			rep->unchanged++;
		else if (!wrc) {
			wrc = write_record(db, sc, k, frc == RD_OK ? id : 0, 0, vals, set, NULL);
			if (!wrc)
				(*(frc == RD_OK ? &rep->changed : &rep->added))++;
		}
		if (wrc) {
			sbuf_printf(&rep->errors, "%s:%d: %s\n", path, row->line, err_msg());
			rep->rejected++;
			if (wrc == RD_FAIL)
				rc = RD_FAIL;
		}
		free_vals(vals, k->nfields);
	}
	csvf_free(&f);
	if (!rc && rep->rejected)
		rc = err_set(RD_INVALID, _("%s: %d rows rejected; nothing was imported"), path,
		             rep->rejected);
	return db_end(db, rc);
}

int ref_seed(sqlite3 *db, const struct scope *sc)
{
	for (int i = 0; i < ref_nkinds; i++) {
		/* A data directory of an older schema (its migrations lack the kind's table)
		   seeds what that schema has; a later migration brings the rest. */
		int64_t has = 0;
		if (db_int(db, &has,
		           "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?",
		           "t", ref_kinds[i].table))
			return RD_FAIL;
		if (!has)
			continue;
		char *dir = paths_join(paths_datadir(), "ref");
		char *path = paths_join(dir, ref_kinds[i].file);
		struct import_report rep;
		int rc = ref_import(db, sc, &ref_kinds[i], path, &rep);
		if (rc && rep.errors.len)
			err_set(rc, "%s", sbuf_str(&rep.errors));
		import_report_free(&rep);
		free(path);
		free(dir);
		if (rc)
			return rc;
	}
	return RD_OK;
}
