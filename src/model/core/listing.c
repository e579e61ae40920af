#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/core/audit.h"
#include "model/core/db.h"
#include "model/core/listing.h"
#include "model/suggestion/suggestion.h"
#include "model/suggestion/suggestion_scope.h"
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
    {"name", N_("Name"), "u.name", 12, PC_SORT | PC_FILTER, NULL, NULL},
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
    (int)(sizeof user_cols / sizeof user_cols[0]),
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
    {"name", N_("Full name"), "d.name", 10, PC_SORT | PC_FILTER, NULL, NULL},
    {"code", N_("Code"), "d.code", 6, PC_SORT | PC_FILTER, NULL, NULL},
    {"gender", N_("Gender"), "d.gender", 4, PC_SORT, NULL, NULL},
    {"level", N_("Level"), "d.level", 5, PC_SORT, show_deputy_level, NULL},
    {"status", N_("Status"), "d.status", 11, PC_SORT, show_deputy_status, NULL},
    {"town", N_("Town"), "t.name", 10, PC_SORT | PC_FILTER, NULL, NULL},
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
    {"left_date", N_("Left on"), "coalesce(d.left_date, '')", 10, PC_HIDDEN, NULL, NULL},
    {"left_reason", N_("Reason for leaving"), "d.left_reason", 20, PC_HIDDEN, NULL, NULL},
    {"version", N_("Version"), "d.version", 6, PC_HIDDEN | PC_RIGHT, NULL, NULL},
};
#define DEPUTY_NCOLS ((int)(sizeof deputy_cols / sizeof deputy_cols[0]))
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
	else if (sc->role == ROLE_TOWN_CLERK)
		pager_where(p, "d.town_id = ?", "i", sc->town_id);
	return p;
}

/* Audit: the rule of audit_list() in audit.c (audit_scope_sql(), audit_masked_sql()). */
static const struct pager_col audit_cols[] = {
    {"id", N_("No."), "a.id", 8, PC_SORT | PC_BY_ID | PC_RIGHT, NULL, NULL},
    {"at", N_("Time"), "replace(substr(a.at, 1, 19), 'T', ' ')", 19, PC_BY_ID | PC_FILTER, NULL,
     "a.at"},
    {"account", N_("Account"), "a.account", 10, PC_FILTER, NULL, NULL},
    {"role", N_("Role"), "a.role", 13, 0, show_role, NULL},
    {"entity", N_("Record"), "a.entity", 10, PC_FILTER, NULL, NULL},
    {"entity_id", N_("Id"), "a.entity_id", 7, PC_RIGHT, NULL, NULL},
    {"action", N_("Action"), "a.action", 8, PC_FILTER | PC_FLEX, NULL, NULL},
    {"before", N_("Before"), "a.before_json", 0, PC_HIDDEN, NULL, NULL},
    {"after", N_("After"), "a.after_json", 0, PC_HIDDEN, NULL, NULL},
};
static const struct pager_def audit_def = {
    N_("audit trail"),
    "audit a",
    "a.id",
    audit_cols,
    (int)(sizeof audit_cols / sizeof audit_cols[0]),
    0,
    true,
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
	struct pager *p =
	    pager_new(db, sc->role == ROLE_VIEWER ? audit_masked_def() : &audit_def);
	if (sc->role != ROLE_ADMIN && sc->role != ROLE_CITY_CLERK)
		pager_where_scope(p, audit_scope_sql(), role_name(sc->role), sc->town_id,
		                  sc->unit_id);
	if (entity)
		pager_where(p, "a.entity = ? AND a.entity_id = ?", "ti", entity, id);
	return p;
}

/* ---- motions and suggestions (the rule of suggestion_scope.h) ------------- */

static const char *show_sugg_kind(const char *raw)
{
	if (!strcmp(raw, "motion"))
		return _("motion");
	if (!strcmp(raw, "suggestion"))
		return _("suggestion");
	return raw;
}

static const char *show_sugg_state(const char *raw)
{
	const struct wf_state *st = wf_state(&suggestion_flow, raw);
	return st ? _(st->label) : raw;
}

/* 第12号: the number as documents print it (without the kind, which has its own column). */
static const char *show_sugg_number(const char *raw)
{
	static char buf[48];
	if (!*raw)
		return "";
	snprintf(buf, sizeof buf, _("No. %s"), raw);
	return buf;
}

/* A marker once the earliest running deadline is past: never shown by colour alone. */
static const char *show_sugg_overdue(const char *raw)
{
	char today[11];
	date_format(clock_today(), today);
	return *raw && strcmp(raw, today) < 0 ? _("late") : "";
}

static const char *show_sugg_key(const char *raw)
{
	return !strcmp(raw, "1") ? _("key") : "";
}

static const char *show_sugg_level(const char *raw)
{
	if (!strcmp(raw, "city"))
		return _("city");
	if (!strcmp(raw, "town"))
		return _("town");
	return raw;
}

static const char *show_cosign(const char *raw)
{
	if (!strcmp(raw, "invited"))
		return _("invited");
	if (!strcmp(raw, "confirmed"))
		return _("confirmed");
	if (!strcmp(raw, "declined"))
		return _("declined");
	if (!strcmp(raw, "in-office"))
		return _("in office");
	return raw;
}

/* The running deadlines of item alias s but the return window: the earliest due day. */
#define SUGG_NEXT_DUE_SQL                                                                          \
	"coalesce((SELECT min(k.due) FROM wf_clock k WHERE k.workflow = 'suggestion' AND "         \
	"k.item_id = s.id AND k.stopped IS NULL AND k.clock <> 'return'), '')"

static const struct pager_col sugg_cols[] = {
    {"number", N_("No."), "coalesce(s.number, '')", 7, PC_SORT | PC_FILTER | PC_RIGHT,
     show_sugg_number, SUGG_NUMBER_SQL("s", "cs")},
    {"kind", N_("Kind"), "s.kind", 6, PC_SORT, show_sugg_kind, NULL},
    {"title", N_("Title"), "s.title", 20, PC_SORT | PC_FILTER | PC_FLEX, NULL, NULL},
    {"deputy", N_("Lead"), "d.name", 6, PC_SORT | PC_FILTER, NULL, NULL},
    {"cosigners", N_("Co."),
     "(SELECT count(*) FROM suggestion_cosigner x WHERE x.suggestion_id = s.id AND x.status = "
     "'confirmed')",
     4, PC_SORT | PC_RIGHT, NULL, NULL},
    {"state", N_("State"), "s.state", 8, PC_SORT, show_sugg_state, NULL},
    {"unit", N_("Lead unit"), "coalesce(u.name, '')", 12, PC_SORT | PC_FILTER, NULL, NULL},
    {"due", N_("Due"), SUGG_REPLY_DUE_SQL, 10, PC_SORT, NULL, NULL},
    {"overdue", N_("Late"), SUGG_NEXT_DUE_SQL, 4, PC_SORT, show_sugg_overdue, NULL},
    {"key", N_("Key"), "s.key_supervised", 4, PC_SORT, show_sugg_key, NULL},
    {"code", N_("Number"), SUGG_NUMBER_SQL("s", "cs"), 12, PC_HIDDEN, NULL, NULL},
    {"session", N_("Session"), "cs.code", 8, PC_HIDDEN, NULL, NULL},
    {"category", N_("Category"), "c.name", 8, PC_HIDDEN, NULL, NULL},
    {"level", N_("Level"), "s.level", 4, PC_HIDDEN, show_sugg_level, NULL},
    {"version", N_("Version"), "s.version", 6, PC_HIDDEN | PC_RIGHT, NULL, NULL},
};
static const struct pager_def sugg_def = {
    N_("motions and suggestions"),
    "suggestion s JOIN congress_session cs ON cs.id = s.session_id JOIN category c ON c.id = "
    "s.category_id JOIN deputy d ON d.id = s.lead_deputy_id LEFT JOIN unit u ON u.id = "
    "s.lead_unit_id",
    "s.id",
    sugg_cols,
    (int)(sizeof sugg_cols / sizeof sugg_cols[0]),
    -1,
    true,
};

static struct pager *sugg_pager(sqlite3 *db, const struct scope *sc)
{
	struct pager *p = pager_new(db, &sugg_def);
	pager_where_scope(p, SUGG_SCOPE_SQL, role_name(sc->role), sc->town_id, sc->unit_id);
	return p;
}

struct pager *listing_suggestions(sqlite3 *db, const struct scope *sc,
                                  const struct suggestion_filter *f)
{
	struct pager *p = sugg_pager(db, sc);
	if (!f)
		return p;
	if (f->session && *f->session)
		pager_where(p, "cs.code = ?", "t", f->session);
	if (f->kind && *f->kind)
		pager_where(p, "s.kind = ?", "t", f->kind);
	if (f->category && *f->category)
		pager_where(p, "c.name = ? OR c.code = ?", "tt", f->category, f->category);
	if (f->state && !strcmp(f->state, "open")) {
		struct sbuf b = SBUF_INIT;
		sbuf_puts(&b, "s.state IN (");
		for (int i = 0, n = 0; i < suggestion_flow.nstates; i++)
			if (suggestion_flow.states[i].open)
				sbuf_printf(&b, "%s'%s'", n++ ? ", " : "",
				            suggestion_flow.states[i].name);
		sbuf_puts(&b, ")");
		pager_where(p, sbuf_str(&b), "");
		sbuf_free(&b);
	} else if (f->state && *f->state)
		pager_where(p, "s.state = ?", "t", f->state);
	if (f->unit && *f->unit)
		pager_where(
		    p,
		    "EXISTS (SELECT 1 FROM suggestion_unit x JOIN unit n ON n.id = x.unit_id "
		    "WHERE x.suggestion_id = s.id AND (n.name = ? OR n.code = ?))",
		    "tt", f->unit, f->unit);
	char today[11], soon[11];
	date_format(clock_today(), today);
	date_format(clock_today() + conf.due_soon_days, soon);
	if (f->overdue)
		pager_where(p,
		            "EXISTS (SELECT 1 FROM wf_clock k WHERE k.workflow = 'suggestion' AND "
		            "k.item_id = s.id AND k.stopped IS NULL AND k.clock <> 'return' AND "
		            "k.due < ?)",
		            "t", today);
	if (f->due_soon)
		pager_where(p,
		            "EXISTS (SELECT 1 FROM wf_clock k WHERE k.workflow = 'suggestion' AND "
		            "k.item_id = s.id AND k.stopped IS NULL AND k.clock <> 'return' AND "
		            "k.due >= ? AND k.due <= ?)",
		            "tt", today, soon);
	if (f->key)
		pager_where(p, "s.key_supervised", "");
	return p;
}

struct pager *listing_sugg_hosts(sqlite3 *db, const struct scope *sc, int64_t item)
{
	struct pager *p = sugg_pager(db, sc);
	pager_where(p,
	            "s.id <> ? AND s.state IN ('submitted', 'registered', 'assigned') AND "
	            "EXISTS (SELECT 1 FROM suggestion m WHERE m.id = ? AND m.session_id = "
	            "s.session_id AND m.kind = s.kind)",
	            "ii", item, item);
	return p;
}

static const struct pager_col dep_cols[] = {
    {"code", N_("Code"), "d.code", 8, PC_SORT | PC_FILTER, NULL, NULL},
    {"name", N_("Name"), "d.name", 8, PC_SORT | PC_FILTER, NULL, NULL},
    {"level", N_("Level"), "d.level", 6, PC_SORT, show_sugg_level, NULL},
    {"town", N_("Town"), "t.name", 12, PC_SORT | PC_FILTER | PC_FLEX, NULL, NULL},
    {"status", N_("Status"), "d.status", 10, PC_SORT, show_cosign, NULL},
};
static const struct pager_def dep_def = {
    .name = N_("deputies"),
    .from = "deputy d JOIN town t ON t.id = d.town_id",
    .id = "d.id",
    .cols = dep_cols,
    .ncols = (int)(sizeof dep_cols / sizeof dep_cols[0]),
    .sort = 0,
    .desc = false,
};
static const struct pager_col cosigner_cols[] = {
    {"code", N_("Code"), "d.code", 8, PC_SORT | PC_FILTER, NULL, NULL},
    {"name", N_("Name"), "d.name", 8, PC_SORT | PC_FILTER, NULL, NULL},
    {"level", N_("Level"), "d.level", 6, PC_SORT, show_sugg_level, NULL},
    {"town", N_("Town"), "t.name", 12, PC_SORT | PC_FILTER | PC_FLEX, NULL, NULL},
    {"status", N_("Answer"), "x.status", 10, PC_SORT, show_cosign, NULL},
};
static const struct pager_def cosigner_def = {
    N_("co-signers"),
    "suggestion_cosigner x JOIN deputy d ON d.id = x.deputy_id JOIN town t ON t.id = d.town_id",
    "d.id",
    cosigner_cols,
    (int)(sizeof cosigner_cols / sizeof cosigner_cols[0]),
    0,
    false,
};

struct pager *listing_sugg_deputies(sqlite3 *db, const struct scope *sc, int64_t item,
                                    enum listing_sugg_deps mode)
{
	struct pager *p;
	if (mode == LSD_INVITED) {
		p = pager_new(db, &cosigner_def);
		pager_where(p, "x.suggestion_id = ?", "i", item);
		return p;
	}
	p = pager_new(db, &dep_def);
	pager_where(p, "d.status = 'in-office'", "");
	if (mode == LSD_LEAD) {
		/* A town clerk drafts the town-level items of the town. */
		if (sc->role == ROLE_TOWN_CLERK)
			pager_where(p, "d.level = 'town' AND d.town_id = ?", "i", sc->town_id);
		return p;
	}
	pager_where(p,
	            "EXISTS (SELECT 1 FROM suggestion s WHERE s.id = ? AND s.level = d.level AND "
	            "(s.level = 'city' OR s.town_id = d.town_id) AND s.lead_deputy_id <> d.id) "
	            "AND NOT EXISTS (SELECT 1 FROM suggestion_cosigner x WHERE x.suggestion_id = ? "
	            "AND x.deputy_id = d.id AND x.status <> 'declined')",
	            "ii", item, item);
	return p;
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
	if (i < 0 || i >= ref_nkinds || i >= (int)(sizeof ref_defs / sizeof ref_defs[0]))
		fatal("listing_ref: unknown kind %s", k->name);
	if (!ref_defs[i])
		ref_defs[i] = build_ref_def(k);
	return pager_new(db, ref_defs[i]);
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
	    "SELECT k.key, (SELECT value FROM json_each(?1) b WHERE b.key = k.key), "
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
