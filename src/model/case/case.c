#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model/core/audit.h"
#include "model/core/cal.h"
#include "model/case/case.h"
#include "model/case/case_scope.h"
#include "model/core/db.h"
#include "model/deputy/deputy.h"
#include "model/core/valid.h"
#include "util/conf.h"
#include "util/csvread.h"
#include "util/datetime.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/re.h"
#include "util/sbuf.h"
#include "util/u8.h"
#include "util/xalloc.h"

static const struct wf_state states[] = {
	{"received", N_("received"), true},
	{"deputy_replied", N_("replied by the deputy"), true},
	{"forwarded", N_("forwarded for review"), true},
	{"rejected", N_("rejected"), false},
	{"assigned", N_("assigned"), true},
	{"responded", N_("responded"), true},
	{"replied", N_("replied"), true},
	{"closed", N_("closed"), false},
};

/*
 * The voter-issue flow (DESIGN 4.2). Columns: action, label, from, to, evaluations,
 * roles, needs, clocks started, stopped, cancelled, window clock.
 */
static const struct wf_trans trans[] = {
	{"deputy-reply", N_("Record the deputy's own reply"), "received", "deputy_replied", NULL,
	 WF_CLERKS, WF_TEXT, NULL, NULL, NULL, NULL},
	{"forward", N_("Forward to the reviewing office (民情直通)"), "received|deputy_replied",
	 "forwarded", NULL, WF_CLERKS, WF_LEVEL, NULL, NULL, NULL, NULL},
	{"reject", N_("Reject, giving the reason"), "forwarded", "rejected", NULL, WF_CLERKS,
	 WF_TEXT | WF_OFFICE, NULL, NULL, NULL, NULL},
	{"assign", N_("Assign to a handling unit"), "forwarded", "assigned", NULL, WF_CLERKS,
	 WF_UNIT | WF_OFFICE, "respond|reply|return", NULL, NULL, NULL},
	{"return", N_("Return as mis-assigned, giving the reason"), "assigned", "forwarded", NULL,
	 WF_UNITSIDE, WF_TEXT | WF_LEAD | WF_WINDOW, NULL, NULL, "respond|reply|return|rehandle",
	 "return"},
	{"respond", N_("Record the unit's response (回应)"), "assigned", "responded", NULL,
	 WF_UNITSIDE, WF_TEXT | WF_LEAD, NULL, "respond", "return", NULL},
	{"reply", N_("Record the unit's reply (答复)"), "assigned|responded", "replied", NULL,
	 WF_UNITSIDE, WF_TEXT | WF_LEAD, NULL, "respond|reply|rehandle", "return", NULL},
	{"evaluate", N_("Record the voter's evaluation"), "deputy_replied|replied", "closed",
	 "satisfied|basic", WF_CLERKS, WF_EVAL, NULL, NULL, NULL, NULL},
	{"evaluate", N_("Record the voter's evaluation"), "deputy_replied", "forwarded", "unsatisfied",
	 WF_CLERKS, WF_EVAL, NULL, NULL, NULL, NULL},
	{"evaluate", N_("Record the voter's evaluation"), "replied", "assigned", "unsatisfied",
	 WF_CLERKS, WF_EVAL, "rehandle", NULL, NULL, NULL},
	{"close", N_("Close without the voter's evaluation, giving the reason"),
	 "deputy_replied|replied", "closed", NULL, WF_CLERKS, WF_TEXT, NULL, NULL, NULL, NULL},
	{"chase", N_("Chase the unit (催办)"), "assigned|responded", NULL, NULL, WF_CLERKS, WF_TEXT,
	 NULL, NULL, NULL, NULL},
};

const struct wf_def case_flow = {
	"case", states, (int)(sizeof states / sizeof states[0]), trans,
	(int)(sizeof trans / sizeof trans[0]),
};

/* ---- scope ------------------------------------------------------------- */

/* The fields of a case that the rules need. */
struct crow {
	int64_t id, town, category, lead, deputy, version;
	int rounds;
	char state[24], level[8], deputy_level[8];
	char *title, *content, *reply;
};

static void crow_free(struct crow *c)
{
	free(c->title);
	free(c->content);
	free(c->reply);
}

/* Reads a case within scope; RD_NOTFOUND for cases out of scope too. */
static int crow_read(sqlite3 *db, const struct scope *sc, int64_t id, struct crow *c)
{
	memset(c, 0, sizeof *c);
	sqlite3_stmt *st = db_prepare(db,
	                              "SELECT v.id, v.town_id, v.category_id, coalesce(v.lead_unit_id, 0), "
	                              "coalesce(v.deputy_id, 0), v.version, v.rounds, v.state, "
	                              "coalesce(v.level, ''), coalesce(d.level, ''), v.title, v.content, "
	                              "v.reply FROM vcase v LEFT JOIN deputy d ON d.id = v.deputy_id "
	                              "WHERE v.id = ?1 AND " CASE_SCOPE_SQL,
	                              "i", id);
	if (!st)
		return RD_FAIL;
	case_scope_bind(st, sc);
	int rc = RD_OK;
	if (sqlite3_step(st) == SQLITE_ROW) {
		c->id = sqlite3_column_int64(st, 0);
		c->town = sqlite3_column_int64(st, 1);
		c->category = sqlite3_column_int64(st, 2);
		c->lead = sqlite3_column_int64(st, 3);
		c->deputy = sqlite3_column_int64(st, 4);
		c->version = sqlite3_column_int64(st, 5);
		c->rounds = sqlite3_column_int(st, 6);
		snprintf(c->state, sizeof c->state, "%s", db_col(st, 7));
		snprintf(c->level, sizeof c->level, "%s", db_col(st, 8));
		snprintf(c->deputy_level, sizeof c->deputy_level, "%s", db_col(st, 9));
		c->title = db_col_dup(st, 10);
		c->content = db_col_dup(st, 11);
		c->reply = db_col_dup(st, 12);
	} else
		rc = err_set(RD_NOTFOUND, _("no case %lld within your scope"), (long long)id);
	sqlite3_finalize(st);
	return rc;
}

int case_find(sqlite3 *db, const struct scope *sc, const char *ref, int64_t *id)
{
	const char *num = ref[0] == '#' ? ref + 1 : ref;
	char *end;
	long long v = strtoll(num, &end, 10);
	bool by_id = *num && !*end && v > 0;
	sqlite3_stmt *st = db_prepare(db,
	                              "SELECT v.id FROM vcase v WHERE (v.id = ?1 OR v.number = ?2) AND "
	                              CASE_SCOPE_SQL,
	                              "it", by_id ? (int64_t)v : (int64_t)0, by_id ? "" : ref);
	if (!st)
		return RD_FAIL;
	case_scope_bind(st, sc);
	int rc = sqlite3_step(st) == SQLITE_ROW ? RD_OK : RD_NOTFOUND;
	if (!rc)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc)
		return err_set(RD_NOTFOUND, _("no case '%s' within your scope"), ref);
	return RD_OK;
}

/* The clerk must be of the office that reviews the case's level. */
static int check_office(const struct scope *sc, const struct crow *c)
{
	if (sc->role == ROLE_ADMIN || sc->role == ROLE_CITY_CLERK)
		return RD_OK;
	if (sc->role == ROLE_TOWN_CLERK && !strcmp(c->level, "town") && sc->town_id == c->town)
		return RD_OK;
	return err_set(RD_DENIED,
	               _("this case is reviewed by the %s office; a town clerk reviews only "
	                 "town-level cases of the town"),
	               !strcmp(c->level, "city") ? _("city") : _("town"));
}

/* Clerks act within their town; unit operators only on their unit's cases. */
static int check_actor(const struct scope *sc, const struct wf_trans *t, const struct crow *c)
{
	if (sc->role == ROLE_TOWN_CLERK && c->town != sc->town_id)
		return err_set(RD_DENIED, _("a town clerk acts only on the town's cases"));
	if (sc->role == ROLE_UNIT && (t->needs & WF_LEAD) && c->lead != sc->unit_id)
		return err_set(RD_DENIED, _("only the lead unit may %s this case"), t->action);
	if ((t->needs & WF_OFFICE))
		return check_office(sc, c);
	return RD_OK;
}

/* ---- full-text indexes ------------------------------------------------- */

char *case_chars(const char *text)
{
	struct sbuf b = SBUF_INIT;
	const char *p = text ? text : "";
	while (*p) {
		const char *start = p;
		wchar_t c = u8_decode(&p);
		if (c >= 0x80) {
			/* Non-ASCII characters stand alone, so each is a token of its own. */
			sbuf_putc(&b, ' ');
			sbuf_add(&b, start, (size_t)(p - start));
			sbuf_putc(&b, ' ');
		} else
			sbuf_add(&b, start, (size_t)(p - start));
	}
	return sbuf_take(&b);
}

static char *joined_chars(const char *t, const char *c, const char *r)
{
	char *all = xasprintf("%s\n%s\n%s", t ? t : "", c ? c : "", r ? r : "");
	char *out = case_chars(all);
	free(all);
	return out;
}

int case_index(sqlite3 *db, int64_t id, const char *ot, const char *oc, const char *orp)
{
	int rc = RD_OK;
	if (ot) {
		rc = db_run(db,
		            "INSERT INTO vcase_fts (vcase_fts, rowid, title, content, reply) "
		            "VALUES ('delete', ?, ?, ?, ?)",
		            "ittt", id, ot, oc, orp);
		char *old = joined_chars(ot, oc, orp);
		if (!rc)
			rc = db_run(db, "INSERT INTO vcase_chars (vcase_chars, rowid, text) VALUES ('delete', ?, ?)",
			            "it", id, old);
		free(old);
	}
	if (!rc)
		rc = db_run(db,
		            "INSERT INTO vcase_fts (rowid, title, content, reply) "
		            "SELECT id, title, content, reply FROM vcase WHERE id = ?",
		            "i", id);
	char *t = NULL, *c = NULL, *r = NULL;
	if (!rc && !db_text(db, &t, "SELECT title FROM vcase WHERE id = ?", "i", id) &&
	    !db_text(db, &c, "SELECT content FROM vcase WHERE id = ?", "i", id) &&
	    !db_text(db, &r, "SELECT reply FROM vcase WHERE id = ?", "i", id)) {
		char *now = joined_chars(t, c, r);
		rc = db_run(db, "INSERT INTO vcase_chars (rowid, text) VALUES (?, ?)", "it", id, now);
		free(now);
	}
	free(t);
	free(c);
	free(r);
	return rc;
}

int case_reindex(sqlite3 *db)
{
	if (db_begin(db))
		return RD_FAIL;
	int rc = db_exec(db, "INSERT INTO vcase_fts (vcase_fts) VALUES ('rebuild');"
	                     "INSERT INTO vcase_chars (vcase_chars) VALUES ('delete-all');");
	sqlite3_stmt *st = rc ? NULL : db_prepare(db, "SELECT id, title, content, reply FROM vcase", "");
	sqlite3_stmt *ins =
	    rc ? NULL : db_prepare(db, "INSERT INTO vcase_chars (rowid, text) VALUES (?, ?)", "");
	while (st && ins && !rc && sqlite3_step(st) == SQLITE_ROW) {
		char *txt = joined_chars(db_col(st, 1), db_col(st, 2), db_col(st, 3));
		sqlite3_bind_int64(ins, 1, sqlite3_column_int64(st, 0));
		sqlite3_bind_text(ins, 2, txt, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(ins) != SQLITE_DONE)
			rc = db_fail(db, _("index cases"));
		sqlite3_reset(ins);
		free(txt);
	}
	sqlite3_finalize(st);
	sqlite3_finalize(ins);
	if (!rc && (!st || !ins))
		rc = RD_FAIL;
	return db_end(db, rc);
}

/* ---- adding ------------------------------------------------------------ */

static const char *const channels = "qr|phone|station|other";

/* The next number of the year: 2026-000001, 2026-000002, ... */
static int next_number(sqlite3 *db, int year, char out[32])
{
	char lo[8], hi[8];
	snprintf(lo, sizeof lo, "%04d-", year % 10000);
	snprintf(hi, sizeof hi, "%04d.", year % 10000);
	char *max = NULL;
	int rc = db_text(db, &max, "SELECT max(number) FROM vcase WHERE number >= ? AND number < ?",
	                 "tt", lo, hi);
	if (rc)
		return rc;
	long seq = max ? strtol(max + 5, NULL, 10) : 0;
	free(max);
	snprintf(out, 32, "%04d-%06ld", year % 10000, seq + 1);
	return RD_OK;
}

static int lookup(sqlite3 *db, const char *table, const char *what, const char *v, int64_t *id)
{
	char sql[96];
	snprintf(sql, sizeof sql, "SELECT id FROM %s WHERE name = ?1 OR code = ?1", table);
	if (db_int(db, id, sql, "t", v))
		return err_set(RD_INVALID, _("%s: no %s '%s'"), what, what, v);
	return RD_OK;
}

bool case_may_add(const struct scope *sc)
{
	return sc->role != ROLE_UNIT && sc->role != ROLE_VIEWER;
}

bool case_may_comment(const struct scope *sc)
{
	return scope_can_write(sc) && sc->role != ROLE_UNIT;
}

/* Checks a new case and resolves its references; the message names the field. */
static int resolve_new(sqlite3 *db, const struct scope *sc, const struct case_new *c,
                       int64_t *deputy, int64_t *station, int64_t *town, int64_t *category,
                       time_t *when)
{
	*deputy = *station = *town = *category = 0;
	if (!c->category || !*c->category)
		return err_set(RD_INVALID, _("category: required (one of the eight categories)"));
	if (lookup(db, "category", "category", c->category, category))
		return RD_INVALID;
	if (!c->title || !*c->title)
		return err_set(RD_INVALID, _("title: required"));
	if (u8_width(c->title) > 120)
		return err_set(RD_INVALID, _("title: at most 120 columns (60 Chinese characters)"));
	if (!c->content || !*c->content)
		return err_set(RD_INVALID, _("content: required"));
	if (!c->channel || !wf_in(channels, c->channel))
		return err_set(RD_INVALID, _("channel: '%s' is not qr, phone, station or other"),
		               c->channel ? c->channel : "");
	if (c->voter_phone && *c->voter_phone && !valid_mobile(c->voter_phone) &&
	    !valid_landline(c->voter_phone))
		return err_set(RD_INVALID, _("voter_phone: '%s' is not a phone number"), c->voter_phone);
	if (c->submitted_at && *c->submitted_at) {
		if (!clock_parse(c->submitted_at, when))
			return err_set(RD_INVALID, _("submitted_at: '%s' is not an ISO 8601 time"),
			               c->submitted_at);
		if (*when > clock_now() + 300)
			return err_set(RD_INVALID, _("submitted_at: %s is in the future"), c->submitted_at);
	} else
		*when = clock_now();
	int64_t t = 0;
	if (c->deputy && *c->deputy) {
		struct scope all = *sc;
		all.role = ROLE_CITY_CLERK; /* a voter may reach any deputy; the town decides scope */
		if (deputy_find(db, &all, c->deputy, deputy))
			return err_set(RD_INVALID, _("deputy_code: no deputy '%s'"), c->deputy);
		db_int(db, &t, "SELECT town_id FROM deputy WHERE id = ?", "i", *deputy);
	}
	if (c->station && *c->station) {
		if (lookup(db, "station", "station", c->station, station))
			return RD_INVALID;
		if (!t)
			db_int(db, &t, "SELECT town_id FROM station WHERE id = ?", "i", *station);
	}
	if (!*deputy && !*station)
		return err_set(RD_INVALID,
		               _("deputy_code: a case comes to a deputy or to a liaison station"));
	if (c->town && *c->town) {
		if (lookup(db, "town", "town", c->town, town))
			return RD_INVALID;
	} else
		*town = t;
	if (sc->role == ROLE_TOWN_CLERK && *town != sc->town_id)
		return err_set(RD_DENIED, _("town: a town clerk records only the town's cases"));
	if (!case_may_add(sc))
		return err_set(RD_DENIED, _("your role (%s) may not record cases"), role_label(sc->role));
	return RD_OK;
}

/* Adds a case inside an open transaction. */
static int add_in_tx(sqlite3 *db, const struct scope *sc, const struct case_new *c, int64_t *id)
{
	int64_t deputy, station, town, category;
	time_t when;
	/* Scope and fields first: a known external_id is no way round them. */
	int rc = resolve_new(db, sc, c, &deputy, &station, &town, &category, &when);
	if (rc)
		return rc;
	if (c->external_id && *c->external_id &&
	    db_int(db, id, "SELECT id FROM vcase WHERE external_id = ?", "t", c->external_id) == RD_OK)
		return err_set(RD_EXISTS, _("external_id: %s is already case %lld"), c->external_id,
		               (long long)*id);
	char at[CLOCK_BUF], now[CLOCK_BUF], number[32];
	clock_format(when, at);
	clock_format(clock_now(), now);
	struct tm tm;
	localtime_r(&when, &tm);
	if ((rc = next_number(db, tm.tm_year + 1900, number)))
		return rc;
	rc = db_run(db,
	            "INSERT INTO vcase (number, external_id, submitted_at, channel, deputy_id, "
	            "station_id, town_id, category_id, title, content, voter_name, voter_phone, "
	            "private, state, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,'received',?)",
	            "ttttIIiitttt" "dt", number, c->external_id && *c->external_id ? c->external_id : NULL,
	            at, c->channel, deputy, station, town, category, c->title, c->content,
	            c->voter_name ? c->voter_name : "", c->voter_phone ? c->voter_phone : "",
	            (int)c->private_case, now);
	if (rc)
		return rc;
	*id = sqlite3_last_insert_rowid(db);
	rc = case_index(db, *id, NULL, NULL, NULL);
	if (!rc) {
		struct cal cal = {0};
		struct wf_step s = {&(struct wf_trans){"receive", NULL, "", "received", NULL, 0, 0, NULL,
		                                       NULL, NULL, NULL},
		                    at, *id, NULL, "received", c->title, 0, !c->private_case, category, 0};
		rc = wf_record(db, sc, &case_flow, &s, &cal);
	}
	if (!rc) {
		char *after = audit_snapshot(db, "vcase", *id);
		rc = audit_log(db, sc, "case", *id, "add", NULL, after);
		free(after);
	}
	return rc;
}

int case_add(sqlite3 *db, const struct scope *sc, const struct case_new *c, int64_t *id)
{
	if (db_begin(db))
		return RD_FAIL;
	return db_end(db, add_in_tx(db, sc, c, id));
}

/* ---- acting -------------------------------------------------------------- */

/* Sets the lead and supporting units of an assignment. */
static int set_units(sqlite3 *db, int64_t id, const struct case_act_args *a, int64_t *lead)
{
	if (!a->unit || !*a->unit)
		return err_set(RD_INVALID, _("unit: assign needs a lead unit (--unit)"));
	if (lookup(db, "unit", "unit", a->unit, lead))
		return RD_INVALID;
	int rc = db_run(db, "DELETE FROM vcase_unit WHERE case_id = ?", "i", id);
	if (!rc)
		rc = db_run(db, "INSERT INTO vcase_unit (case_id, unit_id, role) VALUES (?, ?, 'lead')",
		            "ii", id, *lead);
	for (int i = 0; !rc && i < a->nsupport; i++) {
		int64_t u;
		if (lookup(db, "unit", "unit", a->support[i], &u))
			return RD_INVALID;
		if (u == *lead)
			return err_set(RD_INVALID, _("support: %s is already the lead unit"), a->support[i]);
		rc = db_run(db,
		            "INSERT OR IGNORE INTO vcase_unit (case_id, unit_id, role) VALUES (?, ?, 'support')",
		            "ii", id, u);
	}
	return rc;
}

static int act_in_tx(sqlite3 *db, const struct scope *sc, struct crow *c, const char *action,
                     const struct case_act_args *a)
{
	const struct wf_trans *t = wf_find(&case_flow, action, c->state, a->eval);
	if (!t)
		return RD_INVALID;
	int rc = wf_check_role(t, sc);
	if (!rc)
		rc = check_actor(sc, t, c);
	if (rc)
		return rc;
	if (a->version && a->version != c->version)
		return err_set(RD_CONFLICT,
		               _("case %lld was changed by someone else meanwhile (now version %lld); "
		                 "nothing was changed"),
		               (long long)c->id, (long long)c->version);
	if ((t->needs & WF_TEXT) && (!a->text || !*a->text))
		return err_set(RD_INVALID, _("text: %s needs a text (--text)"), action);
	if ((t->needs & WF_LEVEL) && a->level && strcmp(a->level, "city") && strcmp(a->level, "town"))
		return err_set(RD_INVALID, _("level: '%s' is not city or town"), a->level);
	if (t->needs & WF_WINDOW) {
		bool running;
		int due;
		if ((rc = wf_clock_running(db, &case_flow, c->id, t->window, &running, &due)))
			return rc;
		if (!running)
			return err_set(RD_DENIED,
			               _("the time to %s this case is over (7 working days from its "
			                 "assignment)"),
			               action);
	}
	char *before = audit_snapshot(db, "vcase", c->id);
	char now[CLOCK_BUF];
	clock_format(clock_now(), now);
	const char *to = t->to ? t->to : c->state;
	int64_t unit = 0;
	int round = c->rounds;
	if (!strcmp(action, "forward")) {
		const char *lvl = a->level && *a->level ? a->level
		                  : *c->deputy_level    ? c->deputy_level
		                                        : "town";
		rc = db_run(db, "UPDATE vcase SET level = ? WHERE id = ?", "ti", lvl, c->id);
	} else if (!strcmp(action, "evaluate") && !strcmp(c->state, "deputy_replied") &&
	           !strcmp(to, "forwarded")) {
		const char *lvl = *c->deputy_level ? c->deputy_level : "town";
		rc = db_run(db, "UPDATE vcase SET level = ? WHERE id = ?", "ti", lvl, c->id);
	} else if (!strcmp(action, "assign")) {
		rc = set_units(db, c->id, a, &unit);
		if (!rc)
			rc = db_run(db, "UPDATE vcase SET lead_unit_id = ? WHERE id = ?", "ii", unit, c->id);
	} else if (!strcmp(action, "return")) {
		unit = c->lead;
		rc = db_run(db, "UPDATE vcase SET lead_unit_id = NULL WHERE id = ?", "i", c->id);
		if (!rc)
			rc = db_run(db, "DELETE FROM vcase_unit WHERE case_id = ?", "i", c->id);
	} else if (!strcmp(action, "reply") || !strcmp(action, "deputy-reply")) {
		unit = !strcmp(action, "reply") ? c->lead : 0;
		rc = db_run(db, "UPDATE vcase SET reply = ? WHERE id = ?", "ti", a->text, c->id);
		if (!rc)
			rc = case_index(db, c->id, c->title, c->content, c->reply);
	} else if (!strcmp(action, "respond")) {
		unit = c->lead;
	}
	if (!rc && (t->needs & WF_EVAL)) {
		if (!strcmp(a->eval, "unsatisfied") && !strcmp(c->state, "replied"))
			round++;
		rc = db_run(db, "UPDATE vcase SET evaluation = ?, rounds = ? WHERE id = ?", "tdi",
		            a->eval, round, c->id);
	}
	if (!rc)
		rc = db_run(db,
		            "UPDATE vcase SET state = ?1, updated_at = ?2, version = version + 1, "
		            "closed_at = CASE WHEN ?1 = 'closed' THEN ?2 ELSE closed_at END WHERE id = ?3",
		            "tti", to, now, c->id);
	if (!rc) {
		struct cal cal;
		rc = cal_load(db, &cal);
		struct wf_step s = {t, NULL, c->id, c->state, to, a->text, unit, !a->private_text,
		                    c->category, round};
		if (!rc)
			rc = wf_record(db, sc, &case_flow, &s, &cal);
		cal_free(&cal);
	}
	if (!rc) {
		char *after = audit_snapshot(db, "vcase", c->id);
		rc = audit_log(db, sc, "case", c->id, action, before, after);
		free(after);
	}
	free(before);
	return rc;
}

int case_act(sqlite3 *db, const struct scope *sc, int64_t id, const char *action,
             const struct case_act_args *a)
{
	if (db_begin(db))
		return RD_FAIL;
	struct crow c;
	int rc = crow_read(db, sc, id, &c);
	if (!rc)
		rc = act_in_tx(db, sc, &c, action, a);
	crow_free(&c);
	return db_end(db, rc);
}

int case_actions(sqlite3 *db, const struct scope *sc, int64_t id, char **out)
{
	*out = NULL;
	struct crow c;
	int rc = crow_read(db, sc, id, &c);
	crow_free(&c);
	if (rc)
		return rc;
	struct sbuf b = SBUF_INIT;
	for (int i = 0; i < case_flow.ntrans && !rc; i++) {
		const struct wf_trans *t = &case_flow.trans[i];
		if (!wf_in(t->from, c.state) || wf_check_role(t, sc) || check_actor(sc, t, &c) ||
		    (b.len && wf_in(sbuf_str(&b), t->action)))
			continue;
		if (t->needs & WF_WINDOW) {
			bool running = false;
			int due;
			if ((rc = wf_clock_running(db, &case_flow, c.id, t->window, &running, &due)))
				break;
			if (!running)
				continue;
		}
		sbuf_printf(&b, "%s%s", b.len ? "|" : "", t->action);
	}
	if (rc) {
		sbuf_free(&b);
		return rc;
	}
	*out = sbuf_take(&b);
	err_clear(); /* the refusals of the checks above are no news */
	return RD_OK;
}

/* ---- comments and likes -------------------------------------------------- */

static int deputy_for_comment(sqlite3 *db, const struct scope *sc, int64_t id, const char *deputy,
                              int64_t *did)
{
	if (!case_may_comment(sc))
		return err_set(RD_DENIED, _("your role (%s) may not record deputies' comments"),
		               role_label(sc->role));
	struct crow c;
	int rc = crow_read(db, sc, id, &c);
	crow_free(&c);
	if (rc)
		return rc;
	struct scope all = *sc;
	all.role = ROLE_CITY_CLERK; /* every deputy may comment on any case */
	if (!deputy || deputy_find(db, &all, deputy, did))
		return err_set(RD_INVALID, _("deputy: no deputy '%s'"), deputy ? deputy : "");
	return RD_OK;
}

int case_comment(sqlite3 *db, const struct scope *sc, int64_t id, const char *deputy,
                 const char *text, int rating)
{
	if (rating < 0 || rating > 5)
		return err_set(RD_INVALID, _("rating: %d is not from 1 to 5"), rating);
	if ((!text || !*text) && !rating)
		return err_set(RD_INVALID, _("text: a comment needs a text or a rating"));
	if (db_begin(db))
		return RD_FAIL;
	int64_t did;
	int rc = deputy_for_comment(db, sc, id, deputy, &did);
	char at[CLOCK_BUF];
	clock_format(clock_now(), at);
	if (!rc)
		rc = db_run(db,
		            "INSERT INTO vcase_comment (case_id, deputy_id, at, text, rating) "
		            "VALUES (?, ?, ?, ?, nullif(?, 0))",
		            "iittd", id, did, at, text ? text : "", rating);
	if (!rc) {
		int64_t cid = sqlite3_last_insert_rowid(db);
		char *after = audit_snapshot(db, "vcase_comment", cid);
		rc = audit_log(db, sc, "case_comment", cid, "add", NULL, after);
		free(after);
	}
	return db_end(db, rc);
}

int case_like(sqlite3 *db, const struct scope *sc, int64_t id, const char *deputy)
{
	if (db_begin(db))
		return RD_FAIL;
	int64_t did, x;
	int rc = deputy_for_comment(db, sc, id, deputy, &did);
	if (!rc && db_int(db, &x, "SELECT 1 FROM vcase_like WHERE case_id = ? AND deputy_id = ?", "ii",
	                  id, did) == RD_OK)
		rc = err_set(RD_EXISTS, _("deputy %s already liked this case"), deputy);
	char at[CLOCK_BUF];
	clock_format(clock_now(), at);
	if (!rc)
		rc = db_run(db, "INSERT INTO vcase_like (case_id, deputy_id, at) VALUES (?, ?, ?)", "iit",
		            id, did, at);
	if (!rc) {
		char after[96];
		snprintf(after, sizeof after, "{\"case_id\":%lld,\"deputy_id\":%lld}", (long long)id,
		         (long long)did);
		rc = audit_log(db, sc, "case_like", id, "like", NULL, after);
	}
	return db_end(db, rc);
}

sqlite3_stmt *case_comments(sqlite3 *db, const struct scope *sc, int64_t id)
{
	struct crow c;
	int rc = crow_read(db, sc, id, &c);
	crow_free(&c);
	if (rc)
		return NULL;
	return db_prepare(db,
	                  "SELECT c.at, d.name, d.code, coalesce(c.rating, ''), c.text "
	                  "FROM vcase_comment c JOIN deputy d ON d.id = c.deputy_id "
	                  "WHERE c.case_id = ? ORDER BY c.id",
	                  "i", id);
}

sqlite3_stmt *case_likes(sqlite3 *db, const struct scope *sc, int64_t id)
{
	struct crow c;
	int rc = crow_read(db, sc, id, &c);
	crow_free(&c);
	if (rc)
		return NULL;
	return db_prepare(db,
	                  "SELECT l.at, d.name, d.code FROM vcase_like l JOIN deputy d ON "
	                  "d.id = l.deputy_id WHERE l.case_id = ? ORDER BY l.at, d.code",
	                  "i", id);
}

/* ---- listing ------------------------------------------------------------- */

struct case_list {
	sqlite3_stmt *st;
	struct re *re;
};

/* Builds the FTS query for text: a phrase; 1-2 characters go to the character index. */
static char *fts_phrase(const char *text, bool chars)
{
	struct sbuf b = SBUF_INIT;
	char *src = chars ? case_chars(text) : xstrdup(text);
	sbuf_putc(&b, '"');
	for (const char *p = src; *p; p++) {
		if (*p == '"')
			sbuf_putc(&b, '"');
		sbuf_putc(&b, *p);
	}
	sbuf_putc(&b, '"');
	free(src);
	return sbuf_take(&b);
}

/*
 * The index a search looks in: trigram for 3+ characters, the character index for
 * 1-2 (the trigram tokenizer finds nothing shorter than three). *match is a new string.
 */
static const char *search_index(const char *text, char **match)
{
	int nchars = 0;
	for (const char *p = text; *p; nchars++)
		u8_decode(&p);
	bool chars = nchars < 3;
	*match = fts_phrase(text, chars);
	return chars ? "vcase_chars" : "vcase_fts";
}

const char *case_search_cond(const char *text, char **match)
{
	if (!strcmp(search_index(text, match), "vcase_chars"))
		return "v.id IN (SELECT rowid FROM vcase_chars WHERE vcase_chars MATCH ?)";
	return "v.id IN (SELECT rowid FROM vcase_fts WHERE vcase_fts MATCH ?)";
}

struct case_list *case_list_open(sqlite3 *db, const struct scope *sc, const struct case_filter *f)
{
	struct case_list *l = xcalloc(1, sizeof *l);
	if (f->regex && *f->regex && !(l->re = re_compile(f->regex, 0))) {
		err_set(RD_INVALID, _("regex: %s"), err_msg());
		free(l);
		return NULL;
	}
	int64_t cat = 0, town = 0, unit = 0, deputy = 0;
	if ((f->category && *f->category && lookup(db, "category", "category", f->category, &cat)) ||
	    (f->town && *f->town && lookup(db, "town", "town", f->town, &town)) ||
	    (f->unit && *f->unit && lookup(db, "unit", "unit", f->unit, &unit))) {
		case_list_close(l);
		return NULL;
	}
	if (f->deputy && *f->deputy) {
		struct scope all = *sc;
		all.role = ROLE_CITY_CLERK;
		if (deputy_find(db, &all, f->deputy, &deputy)) {
			case_list_close(l);
			return NULL;
		}
	}
	if (f->state && *f->state && strcmp(f->state, "open") && !wf_state(&case_flow, f->state)) {
		err_set(RD_INVALID, _("status: '%s' is not a state of a case (or open)"), f->state);
		case_list_close(l);
		return NULL;
	}
	char *match = NULL;
	const char *fts = f->search && *f->search ? search_index(f->search, &match) : NULL;
	char today[11], soon[11];
	date_format(clock_today(), today);
	date_format(clock_today() + conf.due_soon_days, soon);
	char yfrom[8], yto[8];
	snprintf(yfrom, sizeof yfrom, "%04d", f->year % 10000);
	snprintf(yto, sizeof yto, "%04d", (f->year + 1) % 10000);
	struct sbuf q = SBUF_INIT;
	sbuf_puts(&q,
	          "SELECT v.id, v.number, substr(v.submitted_at, 1, 16), v.state, t.name, c.name, "
	          "coalesce(d.name, s.name, ''), v.title, coalesce(u.name, ''), "
	          "coalesce((SELECT due FROM wf_clock k WHERE k.workflow = 'case' AND k.item_id = v.id "
	          "AND k.clock = 'respond' AND k.stopped IS NULL), ''), "
	          "coalesce((SELECT max(due) FROM wf_clock k WHERE k.workflow = 'case' AND k.item_id = v.id "
	          "AND k.clock IN ('reply', 'rehandle') AND k.stopped IS NULL), ''), "
	          "EXISTS (SELECT 1 FROM wf_clock k WHERE k.workflow = 'case' AND k.item_id = v.id "
	          "AND k.stopped IS NULL AND k.clock <> 'return' AND k.due < ?1), "
	          "EXISTS (SELECT 1 FROM wf_clock k WHERE k.workflow = 'case' AND k.item_id = v.id "
	          "AND k.stopped IS NULL AND k.clock <> 'return' AND k.due >= ?1 AND k.due <= ?2), "
	          "v.content, v.reply "
	          "FROM vcase v JOIN town t ON t.id = v.town_id JOIN category c ON c.id = v.category_id "
	          "LEFT JOIN deputy d ON d.id = v.deputy_id LEFT JOIN station s ON s.id = v.station_id "
	          "LEFT JOIN unit u ON u.id = v.lead_unit_id WHERE " CASE_SCOPE_SQL);
	if (fts)
		sbuf_printf(&q, " AND v.id IN (SELECT rowid FROM %s WHERE %s MATCH ?3)", fts, fts);
	/* A match in a private case's content would tell a viewer what it holds. */
	if (sc->role == ROLE_VIEWER && (fts || l->re))
		sbuf_puts(&q, " AND NOT v.private");
	sbuf_puts(&q, " AND (?4 = 0 OR v.category_id = ?4) AND (?5 = 0 OR v.town_id = ?5)"
	              " AND (?6 = 0 OR EXISTS (SELECT 1 FROM vcase_unit cu WHERE cu.case_id = v.id"
	              " AND cu.unit_id = ?6)) AND (?7 = 0 OR v.deputy_id = ?7)"
	              " AND (?8 IS NULL OR v.state = ?8 OR (?8 = 'open' AND v.state NOT IN"
	              " ('closed', 'rejected')))"
	              " AND (?9 = 0 OR (v.submitted_at >= ?10 AND v.submitted_at < ?11))");
	if (f->overdue)
		sbuf_puts(&q, " AND EXISTS (SELECT 1 FROM wf_clock k WHERE k.workflow = 'case' AND "
		              "k.item_id = v.id AND k.stopped IS NULL AND k.clock <> 'return' AND k.due < ?1)");
	if (f->due_soon)
		sbuf_puts(&q, " AND EXISTS (SELECT 1 FROM wf_clock k WHERE k.workflow = 'case' AND "
		              "k.item_id = v.id AND k.stopped IS NULL AND k.clock <> 'return' AND "
		              "k.due >= ?1 AND k.due <= ?2)");
	sbuf_puts(&q, " ORDER BY v.submitted_at DESC, v.id DESC");
	if (f->limit > 0 && !l->re)
		sbuf_printf(&q, " LIMIT %d", f->limit);
	l->st = db_prepare(db, sbuf_str(&q), "tttiiiitdtt", today, soon, match, cat, town, unit, deputy,
	                   f->state && *f->state ? f->state : NULL, f->year, yfrom, yto);
	sbuf_free(&q);
	free(match);
	if (!l->st) {
		case_list_close(l);
		return NULL;
	}
	case_scope_bind(l->st, sc);
	return l;
}

int case_list_next(struct case_list *l, sqlite3_stmt **row)
{
	for (;;) {
		int src = sqlite3_step(l->st);
		if (src == SQLITE_DONE)
			return RD_NOTFOUND;
		if (src != SQLITE_ROW)
			return db_fail(sqlite3_db_handle(l->st), _("list cases"));
		if (l->re) {
			/* The pattern looks at the title, the content and the reply. */
			static const int cols[] = {7, 13, 14};
			int m = RE_NOMATCH;
			for (size_t i = 0; i < 3 && m == RE_NOMATCH; i++)
				m = re_match(l->re, db_col(l->st, cols[i]), (size_t)-1, 0, NULL);
			if (m == RE_LIMIT || m == RE_ERROR)
				return RD_INVALID;
			if (m == RE_NOMATCH)
				continue;
		}
		*row = l->st;
		return RD_OK;
	}
}

void case_list_close(struct case_list *l)
{
	if (!l)
		return;
	sqlite3_finalize(l->st);
	re_free(l->re);
	free(l);
}

/* ---- one case ------------------------------------------------------------ */

int case_info(sqlite3 *db, const struct scope *sc, int64_t id, struct case_info *out)
{
	static const char *const keys[] = {
		"id", "number", "submitted_at", "channel", "state", "level", "town", "category",
		"deputy", "station", "voter_name", "voter_phone", "private", "title", "content",
		"lead_unit", "support_units", "reply", "evaluation", "rounds", "respond_due", "reply_due",
		"overdue", "likes", "comments", "external_id", "version",
	};
	memset(out, 0, sizeof *out);
	char today[11];
	date_format(clock_today(), today);
	bool masked = sc->role == ROLE_VIEWER;
	sqlite3_stmt *st = db_prepare(
	    db,
	    "SELECT v.id, v.number, v.submitted_at, v.channel, v.state, coalesce(v.level, ''), t.name, "
	    "c.name, coalesce(d.name || ' (' || d.code || ')', ''), coalesce(s.name, ''), "
	    "CASE WHEN ?1 THEN CASE WHEN v.voter_name = '' THEN '' ELSE '***' END ELSE v.voter_name END, "
	    "CASE WHEN ?1 THEN mask_phone(v.voter_phone) ELSE v.voter_phone END, v.private, v.title, "
	    "v.content, coalesce(u.name, ''), coalesce((SELECT group_concat(n.name, '; ') FROM "
	    "vcase_unit cu JOIN unit n ON n.id = cu.unit_id WHERE cu.case_id = v.id AND cu.role = "
	    "'support'), ''), v.reply, coalesce(v.evaluation, ''), v.rounds, "
	    "coalesce((SELECT due FROM wf_clock k WHERE k.workflow = 'case' AND k.item_id = v.id AND "
	    "k.clock = 'respond' AND k.stopped IS NULL), ''), coalesce((SELECT max(due) FROM wf_clock k "
	    "WHERE k.workflow = 'case' AND k.item_id = v.id AND k.clock IN ('reply', 'rehandle') AND "
	    "k.stopped IS NULL), ''), EXISTS (SELECT 1 FROM wf_clock k WHERE k.workflow = 'case' AND "
	    "k.item_id = v.id AND k.stopped IS NULL AND k.clock <> 'return' AND k.due < ?3), "
	    "(SELECT count(*) FROM vcase_like WHERE case_id = v.id), (SELECT count(*) FROM "
	    "vcase_comment WHERE case_id = v.id), coalesce(v.external_id, ''), v.version "
	    "FROM vcase v JOIN town t ON t.id = v.town_id JOIN category c ON c.id = v.category_id "
	    "LEFT JOIN deputy d ON d.id = v.deputy_id LEFT JOIN station s ON s.id = v.station_id "
	    "LEFT JOIN unit u ON u.id = v.lead_unit_id WHERE v.id = ?2 AND " CASE_SCOPE_SQL,
	    "dit", (int)masked, id, today);
	if (!st)
		return RD_FAIL;
	case_scope_bind(st, sc);
	int rc = RD_OK;
	if (sqlite3_step(st) == SQLITE_ROW) {
		int n = (int)(sizeof keys / sizeof keys[0]);
		out->n = n;
		out->keys = xcalloc((size_t)n, sizeof *out->keys);
		out->vals = xcalloc((size_t)n, sizeof *out->vals);
		bool priv = sqlite3_column_int(st, 12) && masked;
		for (int i = 0; i < n; i++) {
			out->keys[i] = keys[i];
			/* A private case shows a viewer nothing of its content or handling. */
			bool hide = priv && (i == 14 || i == 17);
			out->vals[i] = xstrdup(hide ? _("(private)") : db_col(st, i));
		}
	} else
		rc = err_set(RD_NOTFOUND, _("no case %lld within your scope"), (long long)id);
	sqlite3_finalize(st);
	return rc;
}

void case_info_free(struct case_info *ci)
{
	for (int i = 0; i < ci->n; i++)
		free(ci->vals[i]);
	free(ci->vals);
	free(ci->keys);
	memset(ci, 0, sizeof *ci);
}

sqlite3_stmt *case_events(sqlite3 *db, const struct scope *sc, int64_t id)
{
	struct crow c;
	int rc = crow_read(db, sc, id, &c);
	crow_free(&c);
	if (rc)
		return NULL;
	return db_prepare(db,
	                  "SELECT e.at, e.account, e.role, e.action, coalesce(e.from_state, ''), "
	                  "e.to_state, CASE WHEN ?2 AND NOT e.public THEN '' ELSE e.text END, "
	                  "coalesce(u.name, '') FROM wf_event e LEFT JOIN unit u ON u.id = e.unit_id "
	                  "WHERE e.workflow = 'case' AND e.item_id = ?1 ORDER BY e.id",
	                  "id", id, (int)(sc->role == ROLE_VIEWER));
}

/* ---- import -------------------------------------------------------------- */

/* A yes-or-no cell as spreadsheets write it (any case); an empty or missing one is no. */
static bool yes_no(const char *s, bool *out)
{
	static const char *const yes[] = {"1", "yes", "true", "y", "是"};
	static const char *const no[] = {"", "0", "no", "false", "n", "否"};
	*out = false;
	if (!s)
		return true;
	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
		if (!strcasecmp(s, yes[i]))
			return *out = true;
	for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
		if (!strcasecmp(s, no[i]))
			return true;
	return false;
}

int case_import(sqlite3 *db, const struct scope *sc, const char *path, struct import_report *rep)
{
	static const char *const cols[] = {"submitted_at", "deputy_code", "channel", "voter_name",
	                                   "voter_phone", "town", "category", "title", "content",
	                                   "external_id", "station", "private"};
	enum { NCOLS = sizeof cols / sizeof cols[0], NREQ = 9 };
	memset(rep, 0, sizeof *rep);
	struct csv_file f;
	if (csvf_read(path, &f))
		return RD_INVALID;
	int map[NCOLS];
	int rc = RD_OK;
	for (int i = 0; i < NCOLS && !rc; i++) {
		map[i] = csvf_col(&f, cols[i]);
		if (map[i] < 0 && i < NREQ && i != 1 && i != 5)
			rc = err_set(RD_INVALID, _("%s:1: the header has no column '%s'"), path, cols[i]);
	}
	for (int c = 0; c < f.ncols && !rc; c++) {
		bool known = false;
		for (int i = 0; i < NCOLS; i++)
			known |= map[i] == c;
		if (!known)
			rc = err_set(RD_INVALID, _("%s:1: unknown column '%s'"), path, f.header[c]);
	}
	if (rc || db_begin(db)) {
		csvf_free(&f);
		return rc ? rc : RD_FAIL;
	}
	for (size_t r = 0; r < f.nrows && rc != RD_FAIL; r++) {
		const struct csv_row *row = &f.rows[r];
		const char *v[NCOLS];
		for (int i = 0; i < NCOLS; i++)
			v[i] = map[i] >= 0 ? csvf_get(row, map[i]) : NULL;
		bool priv;
		if (!yes_no(v[11], &priv)) {
			sbuf_printf(&rep->errors,
			            _("%s:%d: private: '%s' is neither yes nor no (1/0, yes/no, "
			              "true/false, Y/N, 是/否)\n"),
			            path, row->line, v[11]);
			rep->rejected++;
			continue;
		}
		struct case_new c = {v[0], v[1], v[10], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9],
		                     priv};
		int64_t id;
		int arc = add_in_tx(db, sc, &c, &id);
		if (arc == RD_EXISTS)
			rep->unchanged++;
		else if (arc == RD_OK)
			rep->added++;
		else {
			sbuf_printf(&rep->errors, "%s:%d: %s\n", path, row->line, err_msg());
			rep->rejected++;
			if (arc == RD_FAIL)
				rc = RD_FAIL;
		}
	}
	csvf_free(&f);
	if (!rc && rep->rejected)
		rc = err_set(RD_INVALID, _("%s: %d rows rejected; nothing was imported"), path,
		             rep->rejected);
	return db_end(db, rc);
}
