#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/core/audit.h"
#include "model/core/db.h"
#include "model/core/listing.h"
#include "model/core/vocab.h"
#include "model/deputy/deputy.h"
#include "util/conf.h"
#include "util/datetime.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

static const char *show_role(const char *raw)
{
	enum role r;
	if (role_parse(raw, &r))
		return role_label(r);
	if (!strcmp(raw, "system"))
		return _("system");
	return raw;
}

static const char *show_yesno(const char *raw)
{
	if (!strcmp(raw, "1"))
		return _("yes");
	if (!strcmp(raw, "0"))
		return _("no");
	return raw;
}

/* Users: the same rule as user_list() in user.c. */
static const struct pager_col user_cols[] = {
    {"login", N_("Login"), "u.login", 12, PC_SORT | PC_FILTER, NULL, NULL},
    {"name", N_("Full name"), "u.name", 12, PC_SORT | PC_FILTER | PC_PINYIN, NULL, NULL},
    {"role", N_("Role"), "u.role", 14, PC_SORT | PC_FILTER, show_role, NULL},
    {"town", N_("Town"), "coalesce(t.name, '')", 12, PC_SORT | PC_FILTER, NULL, NULL},
    {"unit", N_("Unit"), "coalesce(n.name, '')", 16, PC_SORT | PC_FILTER | PC_FLEX, NULL, NULL},
    {"active", N_("Active"), "u.active", 6, PC_SORT, show_yesno, NULL},
    {"created_at", N_("Registered"), "u.created_at", 19, PC_HIDDEN, NULL, NULL},
    {"version", N_("Version"), "u.version", 6, PC_HIDDEN | PC_RIGHT, NULL, NULL},
};
static const struct pager_def user_def = {
    N_("users"),
    "app_user u LEFT JOIN town t ON t.id = u.town_id LEFT JOIN unit n ON n.id = u.unit_id",
    "u.id",
    user_cols,
    N_OF(user_cols),
    0,
    false,
};

struct pager *listing_users(sqlite3 *db, const struct scope *sc)
{
	struct pager *p = pager_new(db, &user_def);
	pager_where(
	    p,
	    "? IN ('admin', 'city-clerk', 'viewer') OR (? = 'town-clerk' AND u.town_id = ?) "
	    "OR u.id = ?",
	    "ttii", role_name(sc->role), role_name(sc->role), sc->town_id, sc->user_id);
	return p;
}

/* Deputies: the rule of deputy_list() in deputy.c. */
static const char *show_deputy_level(const char *raw)
{
	if (!strcmp(raw, "city"))
		return _("city");
	if (!strcmp(raw, "town"))
		return _("town");
	return raw;
}

static const char *show_deputy_status(const char *raw)
{
	if (!strcmp(raw, "in-office"))
		return _("in office");
	if (!strcmp(raw, "left"))
		return _("left office");
	return raw;
}

/* Keys are those of deputy_fields[] (deputy.c), so forms and views find every field. */
static const struct pager_col deputy_cols[] = {
    {"name", N_("Full name"), "d.name", 10, PC_SORT | PC_FILTER | PC_PINYIN | PC_KEEP | PC_WHOLE,
     NULL, NULL},
    {"code", N_("Code"), "d.code", 6, PC_SORT | PC_FILTER | PC_KEEP | PC_WHOLE, NULL, NULL},
    {"gender", N_("Gender"), "d.gender", 4, PC_SORT, NULL, NULL},
    {"level", N_("Level"), "d.level", 5, PC_SORT | PC_WHOLE, show_deputy_level, NULL},
    {"status", N_("Status"), DEPUTY_STATUS_SQL("d"), 11, PC_SORT | PC_KEEP | PC_WHOLE,
     show_deputy_status, NULL},
    {"town", N_("Town"), "t.name", 10, PC_SORT | PC_FILTER | PC_KEEP, NULL, NULL},
    {"group", N_("Deputy group"), "coalesce(g.name, '')", 12, PC_SORT | PC_FILTER, NULL, NULL},
    {"station", N_("Liaison station"), "coalesce(s.name, '')", 16, PC_SORT | PC_FILTER | PC_FLEX,
     NULL, NULL},
    {"phone", N_("Phone"), "d.phone", 13, PC_FILTER, NULL, NULL},
    {"ethnicity", N_("Ethnicity"), "d.ethnicity", 6, PC_HIDDEN, NULL, NULL},
    {"birth_date", N_("Born"), "coalesce(d.birth_date, '')", 10, PC_HIDDEN, NULL, NULL},
    {"party", N_("Party"), "d.party", 10, PC_HIDDEN, NULL, NULL},
    {"occupation", N_("Occupation"), "d.occupation", 30, PC_HIDDEN | PC_FILTER, NULL, NULL},
    {"resident_id", N_("Resident ID"), "coalesce(d.resident_id, '')", 18, PC_HIDDEN, NULL, NULL},
    {"constituency", N_("Constituency"), "d.constituency", 16, PC_HIDDEN, NULL, NULL},
    {"term", N_("Term"), "coalesce(m.code, '')", 8, PC_HIDDEN, NULL, NULL},
    {"joined_date", N_("Joined on"), "coalesce(d.joined_date, '')", 10, PC_HIDDEN, NULL, NULL},
    {"left_date", N_("Left on"), "coalesce(d.left_date, '')", 10, PC_HIDDEN, NULL, NULL},
    {"left_reason", N_("Reason for leaving"), "d.left_reason", 20, PC_HIDDEN, NULL, NULL},
    {"version", N_("Version"), "d.version", 6, PC_HIDDEN | PC_RIGHT, NULL, NULL},
};
#define DEPUTY_NCOLS (N_OF(deputy_cols))
static const struct pager_def deputy_def = {
    N_("deputies"),
    "deputy d JOIN town t ON t.id = d.town_id LEFT JOIN deputy_group g ON g.id = d.group_id "
    "LEFT JOIN station s ON s.id = d.station_id LEFT JOIN term m ON m.id = d.term_id",
    "d.id",
    deputy_cols,
    DEPUTY_NCOLS,
    0,
    false,
};

/* The same list for viewers: the phone, the resident ID and the birth date masked (as
   deputy_get()). */
static const struct pager_def *deputy_masked_def(void)
{
	static struct pager_col cols[DEPUTY_NCOLS];
	static struct pager_def def;
	if (!def.cols) {
		memcpy(cols, deputy_cols, sizeof cols);
		for (int i = 0; i < DEPUTY_NCOLS; i++)
			if (!strcmp(cols[i].key, "phone"))
				cols[i].expr = "mask_phone(d.phone)";
			else if (!strcmp(cols[i].key, "resident_id"))
				cols[i].expr = "mask_resident_id(coalesce(d.resident_id, ''))";
			else if (!strcmp(cols[i].key, "birth_date"))
				cols[i].expr = "mask_date(coalesce(d.birth_date, ''))";
		def = deputy_def;
		def.cols = cols;
	}
	return &def;
}

struct pager *listing_deputies(sqlite3 *db, const struct scope *sc)
{
	struct pager *p =
	    pager_new(db, sc->role == ROLE_VIEWER ? deputy_masked_def() : &deputy_def);
	if (sc->role == ROLE_UNIT)
		pager_where(p, "0", ""); /* unit operators do not see the roster */
	else if (sc->role == ROLE_TOWN_CLERK) {
		pager_where(p, "d.town_id = ?", "i", sc->town_id);
		pager_quiet(p, "town");
	}
	return p;
}

/* The words of the codes of the audit trail and of reference data (vocab.h). */
static const char *show_entity(const char *raw)
{
	return vocab_entity(raw);
}

static const char *show_action(const char *raw)
{
	return vocab_out("action", raw);
}

static const char *show_kind(const char *raw)
{
	return vocab_out("kind", raw);
}

static const char *show_level(const char *raw)
{
	return vocab_out("level", raw);
}

/* Audit: the rule of audit_list() in audit.c (audit_scope_sql(), audit_masked_sql()). */
static const struct pager_col audit_cols[] = {
    {"id", N_("No."), "a.id", 8, PC_SORT | PC_BY_ID | PC_RIGHT, NULL, NULL},
    {"at", N_("Time"), "replace(substr(a.at, 1, 19), 'T', ' ')", 19, PC_BY_ID | PC_FILTER, NULL,
     "a.at"},
    {"account", N_("Account"), "a.account", 10, PC_FILTER, NULL, NULL},
    {"role", N_("Role"), "a.role", 13, 0, show_role, NULL},
    {"entity", N_("Record"), "a.entity", 10, PC_FILTER, show_entity, NULL},
    {"entity_id", N_("Id"), "a.entity_id", 7, PC_RIGHT, NULL, NULL},
    {"action", N_("Action"), "a.action", 8, PC_FILTER | PC_FLEX, show_action, NULL},
    {"before", N_("Before"), "a.before_json", 0, PC_HIDDEN, NULL, NULL},
    {"after", N_("After"), "a.after_json", 0, PC_HIDDEN, NULL, NULL},
};
static const struct pager_def audit_def = {
    N_("audit trail"), "audit a", "a.id", audit_cols, N_OF(audit_cols), 0, true,
};

/* The same list for viewers: before and after masked as the records are. */
static const struct pager_def *audit_masked_def(void)
{
	static struct pager_col cols[sizeof audit_cols / sizeof audit_cols[0]];
	static struct pager_def def;
	if (!def.cols) {
		memcpy(cols, audit_cols, sizeof cols);
		for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++)
			if (!strcmp(cols[i].key, "before") || !strcmp(cols[i].key, "after"))
				cols[i].expr = audit_masked_sql(!strcmp(cols[i].key, "after"));
		def = audit_def;
		def.cols = cols;
	}
	return &def;
}

struct pager *listing_audit(sqlite3 *db, const struct scope *sc, const char *entity, int64_t id)
{
	struct pager *p = pager_new(db, sc->role == ROLE_VIEWER ? audit_masked_def() : &audit_def);
	if (sc->role != ROLE_ADMIN && sc->role != ROLE_CITY_CLERK)
		pager_where_scope(p, audit_scope_sql(), role_name(sc->role), sc->town_id,
		                  sc->unit_id);
	if (entity)
		pager_where(p, "a.entity = ? AND a.entity_id = ?", "ti", entity, id);
	return p;
}

static struct pager *deputies_in_office(sqlite3 *db, const struct scope *sc)
{
	struct pager *p = listing_deputies(db, sc);
	pager_where(p, "NOT " DEPUTY_LEFT_SQL("d"), "");
	return p;
}

static const struct listing_pick picks[] = {
    {"deputy", deputies_in_office, "code"},
};

const struct listing_pick *listing_pick_find(const char *name)
{
	for (size_t i = 0; i < sizeof picks / sizeof picks[0]; i++)
		if (!strcmp(picks[i].name, name))
			return &picks[i];
	return NULL;
}

char *listing_pick_names(void)
{
	struct sbuf b = SBUF_INIT;
	for (size_t i = 0; i < sizeof picks / sizeof picks[0]; i++)
		sbuf_printf(&b, "%s%s", i ? ", " : "", picks[i].name);
	return sbuf_take(&b);
}

/* Reference kinds: descriptions built from ref_kinds[] once, kept until exit. */
static struct pager_def *ref_defs[64];

/* The column a kind's lists are sorted by at first: the first name in its ORDER BY. */
static int default_sort(const struct ref_kind *k)
{
	size_t n = strcspn(k->order, " ,");
	for (int i = 0; i < k->nfields; i++)
		if (strlen(k->fields[i].col) == n && !strncmp(k->fields[i].col, k->order, n))
			return i;
	return k->key_field;
}

static struct pager_def *build_ref_def(const struct ref_kind *k)
{
	struct pager_col *cols = xcalloc((size_t)k->nfields + 1, sizeof *cols);
	int widest = 0;
	for (int i = 0; i < k->nfields; i++) {
		const struct ref_field *f = &k->fields[i];
		struct sbuf b = SBUF_INIT;
		ref_field_expr(&b, f);
		cols[i].key = f->key;
		cols[i].label = f->label;
		cols[i].expr = sbuf_take(&b);
		cols[i].width = f->width;
		cols[i].flags = PC_SORT | PC_FILTER;
		if (f->type == RF_INT)
			cols[i].flags = PC_SORT | PC_RIGHT;
		if (f->type == RF_BOOL) {
			cols[i].flags = PC_SORT;
			cols[i].show = show_yesno;
		}
		/* Codes of a choice in words: 部门, not department (the pick lists too). */
		if (f->type == RF_CHOICE && !strcmp(f->key, "kind"))
			cols[i].show = show_kind;
		if (f->type == RF_CHOICE && !strcmp(f->key, "level"))
			cols[i].show = show_level;
		if (f->width > k->fields[widest].width)
			widest = i;
	}
	cols[widest].flags |= PC_FLEX;
	cols[k->nfields] = (struct pager_col){
	    "version", N_("Version"), "r.version", 6, PC_HIDDEN | PC_RIGHT, NULL, NULL};
	struct pager_def *d = xcalloc(1, sizeof *d);
	d->name = k->name;
	d->from = xasprintf("%s r", k->table);
	d->id = "r.id";
	d->cols = cols;
	d->ncols = k->nfields + 1;
	d->sort = default_sort(k);
	d->desc = false;
	return d;
}

struct pager *listing_ref(sqlite3 *db, const struct scope *sc, const struct ref_kind *k)
{
	(void)sc; /* reference data is city-wide: every role reads it (as ref_list()) */
	int i = (int)(k - ref_kinds);
	if (i < 0 || i >= ref_nkinds || i >= N_OF(ref_defs))
		fatal("listing_ref: unknown kind %s", k->name);
	if (!ref_defs[i])
		ref_defs[i] = build_ref_def(k);
	return pager_new(db, ref_defs[i]);
}

void listing_ref_town(struct pager *p, const struct ref_kind *k, const char *town)
{
	if (!town || !*town || !strcmp(k->name, "town"))
		return;
	for (int i = 0; i < k->nfields; i++) {
		if (k->fields[i].type != RF_TOWN)
			continue;
		/* The column's name comes from our own table of kinds (ref.c), never from input. */
		char *w =
		    xasprintf("(r.%s IS NULL OR r.%s = (SELECT id FROM town WHERE name = ? OR "
		              "code = ?))",
		              k->fields[i].col, k->fields[i].col);
		pager_where(p, w, "tt", town, town);
		free(w);
		return;
	}
}

const char *listing_ref_pick(const struct ref_kind *k)
{
	/* A congress term is named by its code in the fields that refer to it (ref.c); a
	   session too, as the commands name it (--session C17-5). */
	if (!strcmp(k->name, "term") || !strcmp(k->name, "session"))
		return "code";
	for (int i = 0; i < k->nfields; i++)
		if (!strcmp(k->fields[i].key, "name"))
			return "name";
	return k->fields[k->key_field].key;
}

/* The records an audit row's field refers to by id, named as the records' pages name them. */
static const struct {
	const char *field, *sql;
} audit_refs[] = {
    {"deputy_id", "SELECT name_code(name, code) FROM deputy WHERE id = ?"},
    {"lead_deputy_id", "SELECT name_code(name, code) FROM deputy WHERE id = ?"},
    {"town_id", "SELECT name FROM town WHERE id = ?"},
    {"category_id", "SELECT name FROM category WHERE id = ?"},
    {"unit_id", "SELECT name FROM unit WHERE id = ?"},
    {"lead_unit_id", "SELECT name FROM unit WHERE id = ?"},
    {"station_id", "SELECT name FROM station WHERE id = ?"},
    {"group_id", "SELECT name FROM deputy_group WHERE id = ?"},
    {"office_id", "SELECT name FROM office WHERE id = ?"},
    {"term_id", "SELECT name FROM term WHERE id = ?"},
    {"session_id", "SELECT name FROM congress_session WHERE id = ?"},
    {"result_class_id", "SELECT name FROM result_class WHERE id = ?"},
};

/* *value, an id in field, replaced by the name of the record it refers to, if any. */
static void name_ref(sqlite3 *db, const char *field, char **value)
{
	char *end;
	long long id = strtoll(*value, &end, 10);
	if (!**value || *end)
		return;
	for (size_t i = 0; i < sizeof audit_refs / sizeof audit_refs[0]; i++) {
		if (strcmp(audit_refs[i].field, field))
			continue;
		sqlite3_stmt *st = db_cached(db, audit_refs[i].sql, "i", (int64_t)id);
		if (st && sqlite3_step(st) == SQLITE_ROW) {
			free(*value);
			*value = xstrdup(db_col(st, 0));
		}
		db_done(st);
		return;
	}
}

int listing_audit_changes(sqlite3 *db, const char *before_json, const char *after_json,
                          struct listing_change **out, int *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = db_prepare(
	    db,
	    "WITH k(key, ord) AS (SELECT key, id FROM json_each(coalesce(?2, ?1)) UNION ALL "
	    "SELECT key, 100000 + id FROM json_each(?1) WHERE ?2 IS NOT NULL AND key NOT IN "
	    "(SELECT key FROM json_each(?2))) "
	    "SELECT k.key, CASE WHEN ?1 IS NULL THEN NULL WHEN ?2 IS NULL OR EXISTS (SELECT 1 "
	    "FROM json_each(?1) b WHERE b.key = k.key) THEN (SELECT value FROM json_each(?1) b "
	    "WHERE b.key = k.key) ELSE (SELECT value FROM json_each(?2) a WHERE a.key = k.key) "
	    "END, "
	    "(SELECT value FROM json_each(?2) a WHERE a.key = k.key) FROM k ORDER BY ord",
	    "tt", before_json && *before_json ? before_json : NULL,
	    after_json && *after_json ? after_json : NULL);
	if (!st)
		return RD_FAIL;
	int cap = 0, src;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			*out = xrealloc(*out, sizeof **out * (size_t)cap);
		}
		struct listing_change *c = &(*out)[(*n)++];
		c->field = xstrdup(db_col(st, 0));
		c->before = xstrdup(db_col(st, 1));
		c->after = xstrdup(db_col(st, 2));
		name_ref(db, c->field, &c->before);
		name_ref(db, c->field, &c->after);
	}
	int rc = src == SQLITE_DONE ? RD_OK : db_fail(db, _("read audit"));
	sqlite3_finalize(st);
	if (rc) {
		listing_changes_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

void listing_changes_free(struct listing_change *c, int n)
{
	for (int i = 0; i < n; i++) {
		free(c[i].field);
		free(c[i].before);
		free(c[i].after);
	}
	free(c);
}

void listing_free_all(void)
{
	for (size_t i = 0; i < sizeof ref_defs / sizeof ref_defs[0]; i++) {
		if (!ref_defs[i])
			continue;
		for (int c = 0; c < ref_defs[i]->ncols - 1; c++)
			free((char *)ref_defs[i]->cols[c].expr);
		free((char *)ref_defs[i]->cols);
		free((char *)ref_defs[i]->from);
		free(ref_defs[i]);
		ref_defs[i] = NULL;
	}
}
