#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/core/audit.h"
#include "model/core/cal.h"
#include "model/core/db.h"
#include "model/deputy/deputy.h"
#include "model/suggestion/suggestion.h"
#include "model/suggestion/suggestion_scope.h"
#include "util/conf.h"
#include "util/datetime.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/sbuf.h"
#include "util/u8.h"
#include "util/xalloc.h"

/* clang-format off */
static const struct wf_state states[] = {
	{"draft", N_("draft"), true},
	{"submitted", N_("submitted"), true},
	{"registered", N_("registered"), true},
	{"merged", N_("merged"), false},
	{"assigned", N_("assigned"), true},
	{"replied", N_("replied"), true},
	{"followup", N_("in follow-up"), true},
	{"closed", N_("closed"), false},
	{"withdrawn", N_("withdrawn"), false},
};
/* clang-format on */

/*
 * The flow of motions and suggestions (DESIGN 4.3). Columns: action, label,
 * from, to (NULL stays), conditions (facts the model supplies: the kind
 * "motion" or "suggestion", the evaluation, "support" when an assignment names
 * supporting units, "last" for the last supporting unit's opinion, "followup"
 * when the reply's class asks for follow-up and it was the first reply), roles,
 * needs, clocks started, stopped, cancelled, window clock. The first row whose
 * conditions hold is taken.
 */
/* clang-format off */
static const struct wf_trans trans[] = {
	{"invite", N_("Invite co-signing deputies (附议)"), "draft", NULL, NULL, WF_CLERKS,
	 WF_DEPUTY, NULL, NULL, NULL, NULL},
	{"cosign", N_("Record co-signers' confirmation or refusal"), "draft", NULL, NULL, WF_CLERKS,
	 WF_DEPUTY, NULL, NULL, NULL, NULL},
	{"submit", N_("Submit to the congress"), "draft", "submitted", NULL, WF_CLERKS, 0, NULL, NULL,
	 NULL, NULL},
	{"revise", N_("Send back to the deputy for revision, giving the reason"), "submitted",
	 "draft", NULL, WF_CLERKS, WF_TEXT, NULL, NULL, NULL, NULL},
	{"withdraw", N_("Withdraw, giving the reason"), "draft|submitted", "withdrawn", NULL,
	 WF_CLERKS, WF_TEXT, NULL, NULL, NULL, NULL},
	{"convert", N_("Convert the motion to a suggestion (转为建议)"), "submitted", NULL, "motion",
	 WF_CLERKS, 0, NULL, NULL, NULL, NULL},
	{"register", N_("Register and number it (立案 / 登记)"), "submitted", "registered", NULL,
	 WF_CLERKS, 0, NULL, NULL, NULL, NULL},
	{"merge", N_("Merge into another item (并案)"), "submitted|registered", "merged", NULL,
	 WF_CLERKS, WF_ITEM, NULL, NULL, NULL, NULL},
	{"assign", N_("Assign to a lead unit and supporting units (交办)"), "registered", "assigned",
	 "support", WF_CLERKS, WF_UNIT, "reply|opinion|return", NULL, NULL, NULL},
	{"assign", N_("Assign to a lead unit and supporting units (交办)"), "registered", "assigned",
	 NULL, WF_CLERKS, WF_UNIT, "reply|return", NULL, NULL, NULL},
	{"return", N_("Return as mis-assigned, giving the reason"), "assigned", "registered", NULL,
	 WF_UNITSIDE, WF_TEXT | WF_LEAD | WF_WINDOW, NULL, NULL, "reply|opinion|return|rehandle",
	 "return"},
	{"opinion", N_("Record a supporting unit's opinion to the lead unit"), "assigned", NULL,
	 "last", WF_UNITSIDE, WF_TEXT | WF_SUPPORT, NULL, "opinion", NULL, NULL},
	{"opinion", N_("Record a supporting unit's opinion to the lead unit"), "assigned", NULL, NULL,
	 WF_UNITSIDE, WF_TEXT | WF_SUPPORT, NULL, NULL, NULL, NULL},
	{"meet", N_("Record a face-to-face consultation with the deputies (面商)"),
	 "assigned|followup", NULL, NULL, WF_UNITSIDE, WF_DATE | WF_LEAD, NULL, NULL, NULL, NULL},
	{"request-extension", N_("Ask for an extension of the reply deadline, giving the reason"),
	 "assigned", NULL, NULL, WF_UNITSIDE, WF_TEXT | WF_LEAD, NULL, NULL, NULL, NULL},
	{"extend", N_("Approve an extension (延期), recording the approval"), "assigned", NULL, NULL,
	 WF_CLERKS, WF_TEXT | WF_DATE, "reply", NULL, NULL, NULL},
	{"reply", N_("Record the lead unit's written reply with its result class"),
	 "assigned|followup", "replied", NULL, WF_UNITSIDE, WF_TEXT | WF_CLASS | WF_LEAD, NULL,
	 "reply|rehandle", "return|opinion", NULL},
	{"evaluate", N_("Record the lead deputy's evaluation"), "replied", "followup",
	 "satisfied+followup|basic+followup", WF_CLERKS, WF_EVAL, NULL, NULL, NULL, NULL},
	{"evaluate", N_("Record the lead deputy's evaluation"), "replied", "closed",
	 "satisfied|basic", WF_CLERKS, WF_EVAL, NULL, NULL, NULL, NULL},
	{"evaluate", N_("Record the lead deputy's evaluation"), "replied", "assigned", "unsatisfied",
	 WF_CLERKS, WF_EVAL, "rehandle", NULL, NULL, NULL},
	{"close", N_("Close without the deputy's evaluation, giving the reason"), "replied",
	 "closed", NULL, WF_CLERKS, WF_TEXT, NULL, NULL, NULL, NULL},
	{"chase", N_("Chase the unit (催办)"), "assigned|followup", NULL, NULL, WF_CLERKS, WF_TEXT,
	 NULL, NULL, NULL, NULL},
	{"supervise", N_("Mark as key supervised (重点督办), naming the leading official"),
	 "registered|assigned|replied|followup", NULL, NULL, WF_CLERKS, WF_TEXT, NULL, NULL, NULL,
	 NULL},
};
/* clang-format on */

/* clang-format off */
const struct wf_def suggestion_flow = {
	"suggestion", states, (int)(sizeof states / sizeof states[0]), trans,
	(int)(sizeof trans / sizeof trans[0]),
};
/* clang-format on */

static const char *const evaluations = "satisfied|basic|unsatisfied";

/* ---- reading an item --------------------------------------------------- */

/* The fields of an item that the rules need. */
struct srow {
	int64_t id, session, town, category, lead_deputy, lead_unit, result_class, version;
	int number, rounds;
	bool delegation;
	char kind[12], level[8], state[16];
	char *title;
};

/* Reads an item within scope; RD_NOTFOUND for items out of scope too. */
static int srow_read(sqlite3 *db, const struct scope *sc, int64_t id, struct srow *r)
{
	memset(r, 0, sizeof *r);
	sqlite3_stmt *st =
	    db_prepare(db,
	               "SELECT s.id, s.session_id, coalesce(s.town_id, 0), "
	               "s.category_id, s.lead_deputy_id, coalesce(s.lead_unit_id, 0), "
	               "coalesce(s.result_class_id, 0), s.version, "
	               "coalesce(s.number, 0), s.rounds, s.delegation <> '', s.kind, "
	               "s.level, s.state, s.title FROM suggestion s "
	               "WHERE s.id = ?1 AND " SUGG_SCOPE_SQL,
	               "i", id);
	if (!st)
		return RD_FAIL;
	suggestion_scope_bind(st, sc);
	int rc = RD_OK;
	if (sqlite3_step(st) == SQLITE_ROW) {
		r->id = sqlite3_column_int64(st, 0);
		r->session = sqlite3_column_int64(st, 1);
		r->town = sqlite3_column_int64(st, 2);
		r->category = sqlite3_column_int64(st, 3);
		r->lead_deputy = sqlite3_column_int64(st, 4);
		r->lead_unit = sqlite3_column_int64(st, 5);
		r->result_class = sqlite3_column_int64(st, 6);
		r->version = sqlite3_column_int64(st, 7);
		r->number = sqlite3_column_int(st, 8);
		r->rounds = sqlite3_column_int(st, 9);
		r->delegation = sqlite3_column_int(st, 10);
		snprintf(r->kind, sizeof r->kind, "%s", db_col(st, 11));
		snprintf(r->level, sizeof r->level, "%s", db_col(st, 12));
		snprintf(r->state, sizeof r->state, "%s", db_col(st, 13));
		r->title = db_col_dup(st, 14);
	} else
		rc = err_set(RD_NOTFOUND, _("no motion or suggestion %lld within your scope"),
		             (long long)id);
	sqlite3_finalize(st);
	return rc;
}

void suggestion_number(const char *session, const char *kind, int number, char out[48])
{
	if (number <= 0)
		out[0] = '\0';
	else
		snprintf(out, 48, "%.32s-%c%03d", session, !strcmp(kind, "motion") ? 'M' : 'S',
		         number % 100000);
}

/* Splits "C17-5-S012" into the session code, the kind and the number; false when it is not one. */
static bool parse_number(const char *ref, char session[40], const char **kind, int *number)
{
	const char *dash = strrchr(ref, '-');
	if (!dash || dash == ref || (size_t)(dash - ref) >= 40)
		return false;
	char k = dash[1];
	if (k != 'M' && k != 'S' && k != 'm' && k != 's')
		return false;
	char *end;
	long n = strtol(dash + 2, &end, 10);
	if (!dash[2] || *end || n <= 0 || n > 99999)
		return false;
	snprintf(session, 40, "%.*s", (int)(dash - ref), ref);
	*kind = k == 'M' || k == 'm' ? "motion" : "suggestion";
	*number = (int)n;
	return true;
}

int suggestion_find(sqlite3 *db, const struct scope *sc, const char *ref, int64_t *id)
{
	const char *num = ref[0] == '#' ? ref + 1 : ref;
	char *end;
	long long v = strtoll(num, &end, 10);
	bool by_id = *num && !*end && v > 0;
	char session[40] = "";
	const char *kind = "";
	int number = 0;
	if (!by_id && !parse_number(ref, session, &kind, &number))
		return err_set(RD_NOTFOUND,
		               _("'%s' is neither an id nor a number such as C17-5-S012"), ref);
	sqlite3_stmt *st =
	    db_prepare(db,
	               "SELECT s.id FROM suggestion s WHERE (s.id = ?1 OR (s.number = "
	               "?2 AND s.kind = ?3 AND s.session_id = (SELECT id FROM "
	               "congress_session WHERE code = ?4 COLLATE NOCASE))) AND " SUGG_SCOPE_SQL,
	               "idtt", by_id ? (int64_t)v : (int64_t)0, number, kind, session);
	if (!st)
		return RD_FAIL;
	suggestion_scope_bind(st, sc);
	int rc = sqlite3_step(st) == SQLITE_ROW ? RD_OK : RD_NOTFOUND;
	if (!rc)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc)
		return err_set(RD_NOTFOUND, _("no motion or suggestion '%s' within your scope"),
		               ref);
	return RD_OK;
}

/* ---- lookups ------------------------------------------------------------- */

static int lookup(sqlite3 *db, const char *table, const char *what, const char *v, int64_t *id)
{
	char sql[96];
	snprintf(sql, sizeof sql, "SELECT id FROM %s WHERE name = ?1 OR code = ?1", table);
	if (!v || !*v || db_int(db, id, sql, "t", v))
		return err_set(RD_INVALID, _("%s: no %s '%s'"), what, what, v ? v : "");
	return RD_OK;
}

/* A deputy who may take part in an item: in office, of its level (and town). */
static int item_deputy(sqlite3 *db, const struct scope *sc, const char *field, const char *ref,
                       const char *level, int64_t town, int64_t *id)
{
	struct scope all = *sc;
	all.role = ROLE_CITY_CLERK; /* any deputy of the level, whichever town elected them */
	if (!ref || !*ref)
		return err_set(RD_INVALID, _("%s: a deputy's code is required"), field);
	if (deputy_find(db, &all, ref, id))
		return err_set(RD_INVALID, _("%s: no deputy '%s'"), field, ref);
	sqlite3_stmt *st = db_prepare(
	    db, "SELECT name, level, town_id, status FROM deputy WHERE id = ?", "i", *id);
	if (!st)
		return RD_FAIL;
	int rc = RD_OK;
	if (sqlite3_step(st) != SQLITE_ROW)
		rc = err_set(RD_INVALID, _("%s: no deputy '%s'"), field, ref);
	else if (strcmp(db_col(st, 3), "in-office"))
		rc = err_set(RD_INVALID, _("%s: %s (%s) has left office"), field, db_col(st, 0),
		             ref);
	else if (strcmp(db_col(st, 1), level))
		rc = err_set(RD_INVALID,
		             !strcmp(level, "city") ? _("%s: %s (%s) is not a city-level deputy")
		                                    : _("%s: %s (%s) is not a town-level deputy"),
		             field, db_col(st, 0), ref);
	else if (!strcmp(level, "town") && sqlite3_column_int64(st, 2) != town)
		rc = err_set(RD_INVALID, _("%s: %s (%s) is not a deputy of the item's town"), field,
		             db_col(st, 0), ref);
	sqlite3_finalize(st);
	return rc;
}

/* ---- adding -------------------------------------------------------------- */

/* The session of a new item, its level and its town (0 for the city). */
static int resolve_session(sqlite3 *db, const struct scope *sc, const char *code, int today,
                           int64_t *session, char level[8], int64_t *town)
{
	sqlite3_stmt *st;
	char day[11];
	date_format(today, day);
	if (code && *code)
		st = db_prepare(
		    db,
		    "SELECT s.id, t.level, coalesce(t.town_id, 0) FROM congress_session s "
		    "JOIN term t ON t.id = s.term_id WHERE s.code = ?",
		    "t", code);
	else
		/* The latest session that has begun, of the city or of the clerk's town. */
		st = db_prepare(
		    db,
		    "SELECT s.id, t.level, coalesce(t.town_id, 0) FROM congress_session s "
		    "JOIN term t ON t.id = s.term_id WHERE s.start_date <= ?1 AND "
		    "(CASE WHEN ?2 THEN t.town_id = ?3 ELSE t.level = 'city' END) "
		    "ORDER BY s.start_date DESC, s.id DESC LIMIT 1",
		    "tdi", day, (int)(sc->role == ROLE_TOWN_CLERK), sc->town_id);
	if (!st)
		return RD_FAIL;
	int rc = RD_OK;
	if (sqlite3_step(st) == SQLITE_ROW) {
		*session = sqlite3_column_int64(st, 0);
		snprintf(level, 8, "%s", db_col(st, 1));
		*town = sqlite3_column_int64(st, 2);
	} else if (code && *code)
		rc = err_set(RD_INVALID, _("session: no congress session '%s'"), code);
	else
		rc = err_set(RD_INVALID, _("session: required (no congress session has begun)"));
	sqlite3_finalize(st);
	return rc;
}

/* City-level items are the city's clerks'; town-level ones the town's clerks' too. */
static int check_office(const struct scope *sc, const char *level, int64_t town)
{
	if (sc->role == ROLE_ADMIN || sc->role == ROLE_CITY_CLERK)
		return RD_OK;
	if (sc->role == ROLE_TOWN_CLERK && !strcmp(level, "town") && town == sc->town_id)
		return RD_OK;
	if (sc->role == ROLE_TOWN_CLERK)
		return err_set(RD_DENIED, _("a town clerk handles only the town-level motions and "
		                            "suggestions of the town"));
	return err_set(RD_DENIED, _("your role (%s) may not draft motions or suggestions"),
	               role_label(sc->role));
}

/* The time of a step (a->at, or now) as ISO text and as a day number. */
static int step_time(const char *at, char out[CLOCK_BUF], int *day)
{
	time_t t = clock_now();
	if (at && *at && !clock_parse(at, &t))
		return err_set(RD_INVALID, _("'%s' is not an ISO 8601 time"), at);
	clock_format(t, out);
	struct tm tm;
	localtime_r(&t, &tm);
	*day = date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	return RD_OK;
}

int suggestion_add_tx(sqlite3 *db, const struct scope *sc, const struct suggestion_new *n,
                      int64_t *id)
{
	char now[CLOCK_BUF];
	int today;
	int rc = step_time(n->at, now, &today);
	if (rc)
		return rc;
	if (!n->kind || (strcmp(n->kind, "motion") && strcmp(n->kind, "suggestion")))
		return err_set(RD_INVALID, _("kind: '%s' is not motion or suggestion"),
		               n->kind ? n->kind : "");
	bool motion = !strcmp(n->kind, "motion");
	int64_t session = 0, town = 0, category = 0, deputy = 0;
	char level[8];
	if ((rc = resolve_session(db, sc, n->session, today, &session, level, &town)))
		return rc;
	if ((rc = check_office(sc, level, town)))
		return rc;
	if (lookup(db, "category", "category", n->category, &category))
		return RD_INVALID;
	if (!n->title || !*n->title)
		return err_set(RD_INVALID,
		               motion ? _("title: required (案由)") : _("title: required"));
	if (u8_width(n->title) > 200)
		return err_set(RD_INVALID,
		               _("title: at most 200 columns (100 Chinese characters)"));
	if (motion && (!n->basis || !*n->basis))
		return err_set(RD_INVALID, _("basis: a motion needs its basis (案据)"));
	if (!n->proposal || !*n->proposal)
		return err_set(RD_INVALID, motion
		                               ? _("proposal: a motion needs its proposal (方案)")
		                               : _("proposal: a suggestion needs its content"));
	if ((rc = item_deputy(db, sc, "deputy", n->deputy, level, town, &deputy)))
		return rc;
	rc = db_run(
	    db,
	    "INSERT INTO suggestion (kind, level, town_id, session_id, title, basis, proposal, "
	    "category_id, lead_deputy_id, delegation, state, created_at, updated_at) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?)",
	    "ttIitttiittt", n->kind, level, town, session, n->title, n->basis ? n->basis : "",
	    n->proposal, category, deputy, n->delegation ? n->delegation : "", now, now);
	if (rc)
		return rc;
	*id = sqlite3_last_insert_rowid(db);
	struct cal cal = {0};
	struct wf_trans add = {"add", NULL, "", "draft", NULL, 0, 0, NULL, NULL, NULL, NULL};
	struct wf_step s = {&add, now, *id, NULL, "draft", n->title, 0, true, category, 0};
	rc = wf_record(db, sc, &suggestion_flow, &s, &cal);
	if (!rc) {
		char *after = audit_snapshot(db, "suggestion", *id);
		rc = audit_log(db, sc, "suggestion", *id, "add", NULL, after);
		free(after);
	}
	return rc;
}

int suggestion_add(sqlite3 *db, const struct scope *sc, const struct suggestion_new *n, int64_t *id)
{
	if (db_begin(db))
		return RD_FAIL;
	return db_end(db, suggestion_add_tx(db, sc, n, id));
}

/* ---- the facts the flow's conditions look at ----------------------------- */

/* The unit an opinion or a meeting is for: the operator's own, or the one a clerk names. */
static int act_unit(sqlite3 *db, const struct scope *sc, const struct suggestion_act_args *a,
                    int64_t fallback, int64_t *unit)
{
	if (sc->role == ROLE_UNIT) {
		*unit = sc->unit_id;
		return RD_OK;
	}
	if (a->unit && *a->unit)
		return lookup(db, "unit", "unit", a->unit, unit);
	*unit = fallback;
	if (!fallback)
		return err_set(RD_INVALID, _("unit: name the unit (--unit)"));
	return RD_OK;
}

/* True when the item's result class asks for follow-up and the unit has replied once. */
static bool followup_due(sqlite3 *db, const struct srow *r)
{
	int64_t flag = 0, replies = 0;
	if (!r->result_class || db_int(db, &flag, "SELECT followup FROM result_class WHERE id = ?",
	                               "i", r->result_class))
		return false;
	db_int(db, &replies,
	       "SELECT count(*) FROM wf_event WHERE workflow = 'suggestion' AND item_id = ? AND "
	       "action = 'reply'",
	       "i", r->id);
	return flag && replies == 1;
}

/* The facts of an action on an item (a '|' list for wf_find; the evaluation first). */
static void facts(sqlite3 *db, const struct scope *sc, const struct srow *r, const char *action,
                  const struct suggestion_act_args *a, struct sbuf *b)
{
	if (a->eval && *a->eval)
		sbuf_printf(b, "%s|", a->eval);
	sbuf_puts(b, r->kind);
	if (!strcmp(action, "evaluate") && followup_due(db, r))
		sbuf_puts(b, "|followup");
	if (!strcmp(action, "assign") && a->nsupport > 0)
		sbuf_puts(b, "|support");
	int64_t unit = 0, missing = 0;
	if (!strcmp(action, "opinion") && act_unit(db, sc, a, 0, &unit) == RD_OK &&
	    db_int(
	        db, &missing,
	        "SELECT count(*) FROM suggestion_unit WHERE suggestion_id = ? AND role = 'support' "
	        "AND opinion_at IS NULL AND unit_id <> ?",
	        "ii", r->id, unit) == RD_OK &&
	    !missing)
		sbuf_puts(b, "|last");
	err_clear();
}

/* ---- the effects of each action ------------------------------------------ */

/* Co-signers: invite the deputies, or record their answer. */
static int cosigners(sqlite3 *db, const struct scope *sc, const struct srow *r, bool invite,
                     const struct suggestion_act_args *a, const char *now, struct sbuf *names)
{
	if (a->ndeputies <= 0)
		return err_set(RD_INVALID,
		               _("deputy: name the co-signing deputies (--deputy CODE)"));
	bool confirm = false;
	if (!invite) {
		if (!a->answer || (strcmp(a->answer, "confirm") && strcmp(a->answer, "decline")))
			return err_set(RD_INVALID, _("answer: '%s' is not confirm or decline"),
			               a->answer ? a->answer : "");
		confirm = !strcmp(a->answer, "confirm");
	}
	int64_t town = r->town;
	for (int i = 0; i < a->ndeputies; i++) {
		int64_t d;
		int rc = item_deputy(db, sc, "deputy", a->deputies[i], r->level, town, &d);
		if (rc)
			return rc;
		if (d == r->lead_deputy)
			return err_set(RD_INVALID,
			               _("deputy: %s leads the item and cannot co-sign it"),
			               a->deputies[i]);
		char *status = NULL, *name = NULL;
		rc = db_text(db, &status,
		             "SELECT status FROM suggestion_cosigner WHERE suggestion_id = ? AND "
		             "deputy_id = ?",
		             "ii", r->id, d);
		if (rc == RD_FAIL)
			return rc;
		if (invite && status && strcmp(status, "declined"))
			rc = err_set(RD_EXISTS, _("deputy: %s is already invited"), a->deputies[i]);
		else if (invite)
			rc = db_run(
			    db,
			    "INSERT OR REPLACE INTO suggestion_cosigner (suggestion_id, deputy_id, "
			    "status, invited_at) VALUES (?, ?, 'invited', ?)",
			    "iit", r->id, d, now);
		else if (!status)
			rc = err_set(RD_INVALID, _("deputy: %s was not invited to co-sign"),
			             a->deputies[i]);
		else
			rc = db_run(
			    db,
			    "UPDATE suggestion_cosigner SET status = ?, answered_at = ? WHERE "
			    "suggestion_id = ? AND deputy_id = ?",
			    "ttii", confirm ? "confirmed" : "declined", now, r->id, d);
		free(status);
		if (!rc && !db_text(db, &name, "SELECT name FROM deputy WHERE id = ?", "i", d))
			sbuf_printf(names, "%s%s", names->len ? "、" : "", name);
		free(name);
		if (rc)
			return rc;
	}
	return RD_OK;
}

/* A motion needs enough confirmed co-signers, unless a delegation brings it. */
static int check_cosigners(sqlite3 *db, const struct srow *r)
{
	if (strcmp(r->kind, "motion") || r->delegation)
		return RD_OK;
	int64_t n = 0;
	int rc = db_int(db, &n,
	                "SELECT count(*) FROM suggestion_cosigner WHERE suggestion_id = ? AND "
	                "status = 'confirmed'",
	                "i", r->id);
	if (rc)
		return rc;
	bool city = !strcmp(r->level, "city");
	int min = city ? conf.motion_min_city : conf.motion_min_town;
	if (n >= min)
		return RD_OK;
	return err_set(RD_DENIED,
	               city ? _("a motion needs at least %d confirmed co-signing city-level "
	                        "deputies, or a delegation; it has %lld")
	                    : _("a motion needs at least %d confirmed co-signing deputies of the "
	                        "town, or a delegation; it has %lld"),
	               min, (long long)n);
}

/* Merges r into the item a->into names: same session, kind and level, not merged itself. */
static int merge(sqlite3 *db, const struct scope *sc, const struct srow *r,
                 const struct suggestion_act_args *a, struct sbuf *text)
{
	if (!a->into || !*a->into)
		return err_set(RD_INVALID, _("into: merge needs the item it joins (--into)"));
	int64_t host;
	struct srow h;
	if (suggestion_find(db, sc, a->into, &host))
		return err_set(RD_INVALID, _("into: %s"), err_msg());
	int rc = srow_read(db, sc, host, &h);
	if (!rc && h.id == r->id)
		rc = err_set(RD_INVALID, _("into: an item cannot be merged into itself"));
	else if (!rc && (h.session != r->session || strcmp(h.kind, r->kind)))
		rc =
		    err_set(RD_INVALID, _("into: %s is not of the same session and kind"), a->into);
	else if (!rc && !wf_in("submitted|registered|assigned", h.state))
		rc = err_set(RD_INVALID,
		             _("into: %s is %s; items merge into one still under review "
		               "or handling"),
		             a->into, h.state);
	char num[48] = "";
	char *session = NULL;
	if (!rc)
		rc = db_text(db, &session, "SELECT code FROM congress_session WHERE id = ?", "i",
		             h.session);
	if (!rc)
		suggestion_number(session, h.kind, h.number, num);
	free(session);
	/* Items merged into this one follow it into the host. */
	if (!rc)
		rc = db_run(
		    db, "UPDATE suggestion SET merged_into = ?1 WHERE merged_into = ?2 OR id = ?2",
		    "ii", host, r->id);
	if (!rc)
		sbuf_printf(text, "%s%s%s (#%lld) %s", a->text && *a->text ? a->text : "",
		            a->text && *a->text ? " → " : "→ ", num, (long long)host, h.title);
	free(h.title);
	return rc;
}

/* Sets the lead and supporting units of an assignment. */
static int set_units(sqlite3 *db, const struct srow *r, const struct suggestion_act_args *a,
                     const char *now, int64_t *lead)
{
	if (!a->unit || !*a->unit)
		return err_set(RD_INVALID, _("unit: assign needs a lead unit (--unit)"));
	if (lookup(db, "unit", "unit", a->unit, lead))
		return RD_INVALID;
	int rc = db_run(db, "DELETE FROM suggestion_unit WHERE suggestion_id = ?", "i", r->id);
	if (!rc)
		rc = db_run(
		    db,
		    "INSERT INTO suggestion_unit (suggestion_id, unit_id, role, assigned_at) "
		    "VALUES (?, ?, 'lead', ?)",
		    "iit", r->id, *lead, now);
	for (int i = 0; !rc && i < a->nsupport; i++) {
		int64_t u;
		if (lookup(db, "unit", "support", a->support[i], &u))
			return RD_INVALID;
		if (u == *lead)
			return err_set(RD_INVALID, _("support: %s is already the lead unit"),
			               a->support[i]);
		rc = db_run(db,
		            "INSERT OR IGNORE INTO suggestion_unit (suggestion_id, unit_id, role, "
		            "assigned_at) VALUES (?, ?, 'support', ?)",
		            "iit", r->id, u, now);
	}
	if (!rc)
		rc = db_run(db, "UPDATE suggestion SET lead_unit_id = ? WHERE id = ?", "ii", *lead,
		            r->id);
	return rc;
}

/* A supporting unit's opinion to the lead unit, once. */
static int opinion(sqlite3 *db, const struct scope *sc, const struct srow *r,
                   const struct suggestion_act_args *a, const char *now, int64_t *unit)
{
	int rc = act_unit(db, sc, a, 0, unit);
	if (rc)
		return rc;
	char *at = NULL;
	rc = db_text(db, &at,
	             "SELECT coalesce(opinion_at, '') FROM suggestion_unit WHERE suggestion_id = ? "
	             "AND unit_id = ? AND role = 'support'",
	             "ii", r->id, *unit);
	if (rc == RD_NOTFOUND)
		rc = err_set(RD_DENIED,
		             _("unit: only a supporting unit of the item gives an opinion"));
	else if (!rc && at && *at)
		rc = err_set(RD_EXISTS, _("unit: the opinion was given on %.10s"), at);
	free(at);
	if (!rc)
		rc = db_run(db,
		            "UPDATE suggestion_unit SET opinion = ?, opinion_at = ? WHERE "
		            "suggestion_id = ? "
		            "AND unit_id = ?",
		            "ttii", a->text, now, r->id, *unit);
	return rc;
}

/* A face-to-face consultation: day, place and the deputies met. */
static int meeting(sqlite3 *db, const struct scope *sc, const struct srow *r,
                   const struct suggestion_act_args *a, const char *now, int today, int64_t *unit,
                   struct sbuf *text)
{
	int day;
	if (!a->date || !date_parse(a->date, &day))
		return err_set(RD_INVALID, _("date: '%s' is not a date YYYY-MM-DD"),
		               a->date ? a->date : "");
	if (day > today)
		return err_set(RD_INVALID, _("date: %s is in the future"), a->date);
	if (!a->place || !*a->place)
		return err_set(RD_INVALID, _("place: where the meeting was held is required"));
	if (!a->attendees || !*a->attendees)
		return err_set(RD_INVALID, _("deputies: the deputies met are required"));
	int rc = act_unit(db, sc, a, r->lead_unit, unit);
	int64_t x;
	if (!rc &&
	    db_int(db, &x, "SELECT 1 FROM suggestion_unit WHERE suggestion_id = ? AND unit_id = ?",
	           "ii", r->id, *unit))
		rc = err_set(RD_INVALID, _("unit: the item is not assigned to %s"),
		             a->unit ? a->unit : "?");
	if (!rc)
		rc = db_run(
		    db,
		    "INSERT INTO suggestion_meeting (suggestion_id, unit_id, day, place, deputies, "
		    "notes, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
		    "iitttt"
		    "t",
		    r->id, *unit, a->date, a->place, a->attendees, a->text ? a->text : "", now);
	if (!rc)
		sbuf_printf(text, "%s %s: %s%s%s", a->date, a->place, a->attendees,
		            a->text && *a->text ? ". " : "", a->text ? a->text : "");
	return rc;
}

/* The new due day of an approved extension: later than now due, at most the limit after the start.
 */
static int extension(sqlite3 *db, const struct srow *r, const struct suggestion_act_args *a,
                     int *due)
{
	if (!a->date || !date_parse(a->date, due))
		return err_set(RD_INVALID, _("until: '%s' is not a date YYYY-MM-DD"),
		               a->date ? a->date : "");
	int started, now_due;
	int rc = wf_clock_open(db, &suggestion_flow, r->id, "reply", &started, &now_due);
	if (rc == RD_NOTFOUND)
		return err_set(RD_DENIED, _("extend: no reply deadline runs for this item"));
	if (rc)
		return rc;
	int amount;
	char unit[16], d[11], lim[11];
	if ((rc = wf_rule(db, &suggestion_flow, "extension", r->category, &amount, unit)))
		return rc;
	struct cal cal = {0};
	int limit = cal_add_period(&cal, started, amount, unit);
	date_format(now_due, d);
	date_format(limit, lim);
	if (*due <= now_due)
		return err_set(RD_INVALID, _("until: %s is not after the present due day %s"),
		               a->date, d);
	if (limit == CAL_NO_DAY || *due > limit)
		return err_set(
		    RD_DENIED,
		    _("until: %s is refused: an extension runs at most to %s (%d %s after "
		      "the assignment)"),
		    a->date, lim, amount, unit);
	return RD_OK;
}

/* Writes the replies owed: the lead deputy, confirmed co-signers, and those of merged items. */
static int replies_owed(sqlite3 *db, const struct srow *r, int64_t rclass, const char *text,
                        const char *now, int round)
{
	/* The item's own deputies first, so a deputy owed twice keeps the first role. */
	return db_run(db,
	              "INSERT OR IGNORE INTO suggestion_reply (suggestion_id, deputy_id, round, "
	              "via_id, role, result_class_id, text, at) "
	              "SELECT ?1, deputy, ?2, via, role, ?3, ?4, ?5 FROM ("
	              "SELECT s.lead_deputy_id AS deputy, s.id AS via, 'lead' AS role, "
	              "s.id <> ?1 AS o1, 0 AS o2 FROM suggestion s WHERE s.id = ?1 OR "
	              "s.merged_into = ?1 UNION ALL "
	              "SELECT c.deputy_id, s.id, 'cosigner', s.id <> ?1, 1 FROM suggestion s JOIN "
	              "suggestion_cosigner c ON c.suggestion_id = s.id AND c.status = 'confirmed' "
	              "WHERE s.id = ?1 OR s.merged_into = ?1) ORDER BY o1, o2, via",
	              "idit"
	              "t",
	              r->id, round, rclass, text, now);
}

/* ---- acting -------------------------------------------------------------- */

/* Unit operators act on their unit's items: as the lead unit, or as a supporting unit. */
static int check_actor(sqlite3 *db, const struct scope *sc, const struct wf_trans *t,
                       const struct srow *r)
{
	if (sc->role != ROLE_UNIT)
		return check_office(sc, r->level, r->town);
	if ((t->needs & WF_LEAD) && r->lead_unit != sc->unit_id)
		return err_set(RD_DENIED, _("only the lead unit may %s this item"), t->action);
	int64_t x;
	if ((t->needs & WF_SUPPORT) &&
	    db_int(db, &x,
	           "SELECT 1 FROM suggestion_unit WHERE suggestion_id = ? AND unit_id = ? AND "
	           "role = 'support'",
	           "ii", r->id, sc->unit_id))
		return err_set(RD_DENIED, _("only a supporting unit may %s this item"), t->action);
	return RD_OK;
}

static int act_in_tx(sqlite3 *db, const struct scope *sc, struct srow *r, const char *action,
                     const struct suggestion_act_args *a)
{
	char now[CLOCK_BUF];
	int today;
	int rc = step_time(a->at, now, &today);
	if (rc)
		return rc;
	if (!strcmp(action, "evaluate") && (!a->eval || !wf_in(evaluations, a->eval)))
		return err_set(RD_INVALID,
		               _("evaluation: '%s' is not satisfied, basic or unsatisfied"),
		               a->eval ? a->eval : "");
	struct sbuf f = SBUF_INIT;
	facts(db, sc, r, action, a, &f);
	const struct wf_trans *t = wf_find(&suggestion_flow, action, r->state, sbuf_str(&f));
	sbuf_free(&f);
	if (!t)
		return RD_INVALID;
	if ((rc = wf_check_role(t, sc)) || (rc = check_actor(db, sc, t, r)))
		return rc;
	if (a->version && a->version != r->version)
		return err_set(
		    RD_CONFLICT,
		    _("item %lld was changed by someone else meanwhile (now version %lld); "
		      "nothing was changed"),
		    (long long)r->id, (long long)r->version);
	if ((t->needs & WF_TEXT) && (!a->text || !*a->text))
		return err_set(RD_INVALID, _("text: %s needs a text (--text)"), action);
	if ((t->needs & WF_WINDOW) && (rc = wf_check_window(db, &suggestion_flow, t, r->id, today)))
		return rc;
	int64_t rclass = 0;
	if ((t->needs & WF_CLASS)) {
		if (!a->result_class || !*a->result_class)
			return err_set(RD_INVALID,
			               _("class: a reply needs its result class (--class)"));
		if (db_int(db, &rclass,
		           "SELECT id FROM result_class WHERE (code = ?1 OR name = ?1) AND active",
		           "t", a->result_class))
			return err_set(RD_INVALID, _("class: no result class '%s'"),
			               a->result_class);
	}

	char *before = a->generated ? NULL : audit_snapshot(db, "suggestion", r->id);
	const char *to = t->to ? t->to : r->state;
	int64_t unit = 0;
	int due = CAL_NO_DAY;
	struct sbuf text = SBUF_INIT;
	if (!strcmp(action, "invite") || !strcmp(action, "cosign")) {
		rc = cosigners(db, sc, r, !strcmp(action, "invite"), a, now, &text);
		if (!rc && !strcmp(action, "cosign"))
			sbuf_printf(&text, ": %s", a->answer);
	} else if (!strcmp(action, "submit")) {
		rc = check_cosigners(db, r);
		if (!rc)
			rc = db_run(db, "UPDATE suggestion SET submitted_at = ? WHERE id = ?", "ti",
			            now, r->id);
	} else if (!strcmp(action, "convert")) {
		rc = db_run(db, "UPDATE suggestion SET kind = 'suggestion' WHERE id = ?", "i",
		            r->id);
	} else if (!strcmp(action, "register")) {
		rc = db_run(
		    db,
		    "UPDATE suggestion SET number = (SELECT coalesce(max(number), 0) + 1 FROM "
		    "suggestion WHERE session_id = ?1 AND kind = ?2) WHERE id = ?3",
		    "iti", r->session, r->kind, r->id);
	} else if (!strcmp(action, "merge")) {
		rc = merge(db, sc, r, a, &text);
	} else if (!strcmp(action, "assign")) {
		rc = set_units(db, r, a, now, &unit);
	} else if (!strcmp(action, "return")) {
		unit = r->lead_unit;
		rc = db_run(db, "UPDATE suggestion SET lead_unit_id = NULL WHERE id = ?", "i",
		            r->id);
		if (!rc)
			rc = db_run(db, "DELETE FROM suggestion_unit WHERE suggestion_id = ?", "i",
			            r->id);
	} else if (!strcmp(action, "opinion")) {
		rc = opinion(db, sc, r, a, now, &unit);
	} else if (!strcmp(action, "meet")) {
		rc = meeting(db, sc, r, a, now, today, &unit, &text);
	} else if (!strcmp(action, "extend")) {
		rc = extension(db, r, a, &due);
		if (!rc)
			sbuf_printf(&text, "%s → %s", a->text, a->date);
	} else if (!strcmp(action, "request-extension")) {
		unit = r->lead_unit;
	} else if (!strcmp(action, "supervise")) {
		rc = db_run(db,
		            "UPDATE suggestion SET key_supervised = 1, supervisor = ? WHERE id = ?",
		            "ti", a->text, r->id);
	} else if (!strcmp(action, "reply")) {
		unit = r->lead_unit;
		int64_t n = 0;
		rc = db_int(
		    db, &n,
		    "SELECT count(*) FROM wf_event WHERE workflow = 'suggestion' AND item_id = ? "
		    "AND action = 'reply'",
		    "i", r->id);
		if (!rc)
			rc = db_run(
			    db, "UPDATE suggestion SET result_class_id = ?, reply = ? WHERE id = ?",
			    "iti", rclass, a->text, r->id);
		if (!rc)
			rc = replies_owed(db, r, rclass, a->text, now, (int)n + 1);
	} else if (!strcmp(action, "evaluate")) {
		if (!strcmp(a->eval, "unsatisfied"))
			r->rounds++;
		rc = db_run(db, "UPDATE suggestion SET evaluation = ?, rounds = ? WHERE id = ?",
		            "tdi", a->eval, r->rounds, r->id);
	}
	const struct wf_state *ns = wf_state(&suggestion_flow, to);
	if (!rc)
		rc = db_run(
		    db,
		    "UPDATE suggestion SET state = ?1, updated_at = ?2, version = version + 1, "
		    "closed_at = CASE WHEN ?3 THEN ?2 ELSE NULL END WHERE id = ?4",
		    "ttdi", to, now, (int)(ns && !ns->open), r->id);
	if (!rc) {
		struct cal own = {0};
		const struct cal *cal = a->cal ? a->cal : &own;
		if (!a->cal)
			rc = cal_load(db, &own);
		const char *txt = text.len ? sbuf_str(&text) : a->text;
		struct wf_step s = {t,   now,  r->id, r->state,    to,
		                    txt, unit, true,  r->category, r->rounds};
		if (!rc)
			rc = due == CAL_NO_DAY
			         ? wf_record(db, sc, &suggestion_flow, &s, cal)
			         : wf_record_due(db, sc, &suggestion_flow, &s, cal, due);
		cal_free(&own);
	}
	if (!rc && !a->generated) {
		char *after = audit_snapshot(db, "suggestion", r->id);
		rc = audit_log(db, sc, "suggestion", r->id, action, before, after);
		free(after);
	}
	sbuf_free(&text);
	free(before);
	return rc;
}

int suggestion_act_tx(sqlite3 *db, const struct scope *sc, int64_t id, const char *action,
                      const struct suggestion_act_args *a)
{
	struct srow r;
	int rc = srow_read(db, sc, id, &r);
	if (!rc)
		rc = act_in_tx(db, sc, &r, action, a);
	free(r.title);
	return rc;
}

int suggestion_act(sqlite3 *db, const struct scope *sc, int64_t id, const char *action,
                   const struct suggestion_act_args *a)
{
	if (db_begin(db))
		return RD_FAIL;
	return db_end(db, suggestion_act_tx(db, sc, id, action, a));
}

/* ---- listing ------------------------------------------------------------- */

/* clang-format off */
const char *const suggestion_list_cols[SUGGESTION_LIST_COLS] = {
	"id",    "number", "session", "kind",         "level",     "state",   "category",
	"deputy", "title", "unit",    "result_class", "reply_due", "overdue", "key",
};
/* clang-format on */

/* An item's number as suggestion_number() writes it, of item alias s and session alias cs. */
#define NUMBER_SQL(s, cs) SUGG_NUMBER_SQL(s, cs)

/* The open clocks of an item, and whether one is past (the alias s is the item). */
#define REPLY_DUE_SQL SUGG_REPLY_DUE_SQL
#define OVERDUE_SQL                                                                                \
	"EXISTS (SELECT 1 FROM wf_clock k WHERE k.workflow = 'suggestion' AND k.item_id = s.id "   \
	"AND k.stopped IS NULL AND k.clock <> 'return' AND k.due < ?1)"
#define DUE_SOON_SQL                                                                               \
	"EXISTS (SELECT 1 FROM wf_clock k WHERE k.workflow = 'suggestion' AND k.item_id = s.id "   \
	"AND k.stopped IS NULL AND k.clock <> 'return' AND k.due >= ?1 AND k.due <= ?2)"

sqlite3_stmt *suggestion_list(sqlite3 *db, const struct scope *sc,
                              const struct suggestion_filter *f)
{
	int64_t session = 0, cat = 0, unit = 0, deputy = 0;
	if (f->session && *f->session &&
	    db_int(db, &session, "SELECT id FROM congress_session WHERE code = ?", "t",
	           f->session)) {
		err_set(RD_INVALID, _("session: no congress session '%s'"), f->session);
		return NULL;
	}
	if ((f->category && *f->category &&
	     lookup(db, "category", "category", f->category, &cat)) ||
	    (f->unit && *f->unit && lookup(db, "unit", "unit", f->unit, &unit)))
		return NULL;
	if (f->kind && *f->kind && strcmp(f->kind, "motion") && strcmp(f->kind, "suggestion")) {
		err_set(RD_INVALID, _("kind: '%s' is not motion or suggestion"), f->kind);
		return NULL;
	}
	if (f->state && *f->state && strcmp(f->state, "open") &&
	    !wf_state(&suggestion_flow, f->state)) {
		err_set(RD_INVALID,
		        _("status: '%s' is not a state of a motion or suggestion (or open)"),
		        f->state);
		return NULL;
	}
	if (f->deputy && *f->deputy) {
		struct scope all = *sc;
		all.role = ROLE_CITY_CLERK;
		if (deputy_find(db, &all, f->deputy, &deputy))
			return NULL;
	}
	char today[11], soon[11];
	date_format(clock_today(), today);
	date_format(clock_today() + conf.due_soon_days, soon);
	struct sbuf q = SBUF_INIT;
	sbuf_puts(
	    &q,
	    "SELECT s.id, " NUMBER_SQL(
	        "s",
	        "cs") ", cs.code, s.kind, s.level, s.state, c.name, d.name, s.title, "
	              "coalesce(u.name, ''), "
	              "coalesce(rc.code, ''), " REPLY_DUE_SQL ", " OVERDUE_SQL ", s.key_supervised "
	              "FROM suggestion s JOIN congress_session cs ON cs.id = s.session_id "
	              "JOIN category c ON c.id = s.category_id JOIN deputy d ON d.id = "
	              "s.lead_deputy_id "
	              "LEFT JOIN unit u ON u.id = s.lead_unit_id "
	              "LEFT JOIN result_class rc ON rc.id = s.result_class_id WHERE " SUGG_SCOPE_SQL
	              " AND (?3 = 0 OR s.session_id = ?3) AND (?4 IS NULL OR s.kind = ?4)"
	              " AND (?5 = 0 OR s.category_id = ?5)"
	              " AND (?6 = 0 OR EXISTS (SELECT 1 FROM suggestion_unit x WHERE "
	              "x.suggestion_id = s.id"
	              " AND x.unit_id = ?6))"
	              " AND (?7 IS NULL OR s.state = ?7 OR (?7 = 'open' AND s.state IN (");
	bool first = true;
	for (int i = 0; i < suggestion_flow.nstates; i++)
		if (suggestion_flow.states[i].open) {
			sbuf_printf(&q, "%s'%s'", first ? "" : ", ",
			            suggestion_flow.states[i].name);
			first = false;
		}
	sbuf_puts(&q, ")))"
	              " AND (?8 = 0 OR s.lead_deputy_id = ?8 OR EXISTS (SELECT 1 FROM"
	              " suggestion_cosigner x WHERE x.suggestion_id = s.id AND x.deputy_id = ?8))"
	              " AND (?9 IS NULL OR instr(s.title, ?9) OR instr(s.proposal, ?9))"
	              " AND (NOT ?10 OR s.key_supervised)");
	if (f->overdue)
		sbuf_puts(&q, " AND " OVERDUE_SQL);
	if (f->due_soon)
		sbuf_puts(&q, " AND " DUE_SOON_SQL);
	sbuf_puts(&q, " ORDER BY cs.start_date DESC, s.kind, s.number IS NULL, s.number, s.id");
	if (f->limit > 0)
		sbuf_printf(&q, " LIMIT %d", f->limit);
	sqlite3_stmt *st = db_prepare(db, sbuf_str(&q), "ttitiititd", today, soon, session,
	                              f->kind && *f->kind ? f->kind : NULL, cat, unit,
	                              f->state && *f->state ? f->state : NULL, deputy,
	                              f->search && *f->search ? f->search : NULL, (int)f->key);
	sbuf_free(&q);
	if (st)
		suggestion_scope_bind(st, sc);
	return st;
}

/* ---- one item ------------------------------------------------------------ */

int suggestion_info(sqlite3 *db, const struct scope *sc, int64_t id, struct suggestion_info *out)
{
	static const char *const keys[] = {
	    "id",           "number",       "label",       "session",       "kind",
	    "level",        "town",         "state",       "category",      "deputy",
	    "delegation",   "cosigners",    "title",       "basis",         "proposal",
	    "merged_into",  "merged_items", "lead_unit",   "support_units", "meetings",
	    "result_class", "reply",        "evaluation",  "rounds",        "key_supervised",
	    "supervisor",   "reply_due",    "opinion_due", "overdue",       "created_at",
	    "submitted_at", "closed_at",    "version",
	};
	enum { NKEYS = sizeof keys / sizeof keys[0] };
	memset(out, 0, sizeof *out);
	char today[11];
	date_format(clock_today(), today);
	sqlite3_stmt *st = db_prepare(
	    db,
	    "SELECT s.id, " NUMBER_SQL(
	        "s",
	        "cs") ", coalesce(s.number, 0), cs.code || ' ' || cs.name, s.kind, s.level, "
	              "coalesce(t.name, ''), s.state, c.name, d.name || ' (' || d.code || ')', "
	              "s.delegation, "
	              "coalesce((SELECT group_concat(x.who, '; ') FROM (SELECT dd.name || ' (' || "
	              "dd.code || "
	              "') ' || c2.status AS who FROM suggestion_cosigner c2 JOIN deputy dd ON "
	              "dd.id = "
	              "c2.deputy_id WHERE c2.suggestion_id = s.id ORDER BY c2.invited_at, dd.code) "
	              "AS x), ''), "
	              "s.title, s.basis, s.proposal, coalesce((SELECT '#' || m.id || ' ' "
	              "|| " NUMBER_SQL(
	                  "m",
	                  "mc") " || ' ' || m.title FROM suggestion m JOIN congress_session mc ON "
	                        "mc.id = m.session_id "
	                        "WHERE m.id = s.merged_into), ''), coalesce((SELECT "
	                        "group_concat('#' || m.id || ' ' || " NUMBER_SQL(
	                            "m",
	                            "mc") " || ' ' || m.title, '; ') FROM suggestion m JOIN "
	                                  "congress_session "
	                                  "mc ON mc.id = m.session_id WHERE m.merged_into = s.id), "
	                                  "''), "
	                                  "coalesce(u.name, ''), coalesce((SELECT "
	                                  "group_concat(n.name || CASE WHEN su.opinion_at "
	                                  "IS NULL THEN '' ELSE ' (' || substr(su.opinion_at, 1, "
	                                  "10) || ')' END, '; ') FROM "
	                                  "suggestion_unit su JOIN unit n ON n.id = su.unit_id "
	                                  "WHERE su.suggestion_id = s.id AND "
	                                  "su.role = 'support'), ''), (SELECT count(*) FROM "
	                                  "suggestion_meeting WHERE "
	                                  "suggestion_id = s.id), coalesce(rc.code || ' ' || "
	                                  "rc.name, ''), s.reply, "
	                                  "coalesce(s.evaluation, ''), s.rounds, s.key_supervised, "
	                                  "s.supervisor, " REPLY_DUE_SQL
	                                  ", coalesce((SELECT due FROM wf_clock k WHERE k.workflow "
	                                  "= 'suggestion' AND k.item_id = "
	                                  "s.id AND k.clock = 'opinion' AND k.stopped IS NULL), "
	                                  "''), " OVERDUE_SQL ", "
	                                  "s.created_at, coalesce(s.submitted_at, ''), "
	                                  "coalesce(s.closed_at, ''), s.version "
	                                  "FROM suggestion s JOIN congress_session cs ON cs.id = "
	                                  "s.session_id "
	                                  "LEFT JOIN town t ON t.id = s.town_id JOIN category c ON "
	                                  "c.id = s.category_id "
	                                  "JOIN deputy d ON d.id = s.lead_deputy_id LEFT JOIN unit "
	                                  "u ON u.id = s.lead_unit_id "
	                                  "LEFT JOIN result_class rc ON rc.id = s.result_class_id "
	                                  "WHERE s.id = ?2 AND " SUGG_SCOPE_SQL,
	    "ti", today, id);
	if (!st)
		return RD_FAIL;
	suggestion_scope_bind(st, sc);
	int rc = RD_OK;
	if (sqlite3_step(st) == SQLITE_ROW) {
		out->n = NKEYS;
		out->keys = xcalloc(NKEYS, sizeof *out->keys);
		out->vals = xcalloc(NKEYS, sizeof *out->vals);
		for (int i = 0; i < NKEYS; i++) {
			out->keys[i] = keys[i];
			out->vals[i] = xstrdup(db_col(st, i));
		}
		/* The label, as documents print it: 第12号建议. */
		int number = sqlite3_column_int(st, 2);
		free(out->vals[2]);
		out->vals[2] = !number ? xstrdup("")
		               : !strcmp(db_col(st, 4), "motion")
		                   ? xasprintf(_("motion No. %d"), number)
		                   : xasprintf(_("suggestion No. %d"), number);
	} else
		rc = err_set(RD_NOTFOUND, _("no motion or suggestion %lld within your scope"),
		             (long long)id);
	sqlite3_finalize(st);
	return rc;
}

void suggestion_info_free(struct suggestion_info *si)
{
	for (int i = 0; i < si->n; i++)
		free(si->vals[i]);
	free(si->vals);
	free(si->keys);
	memset(si, 0, sizeof *si);
}

/* RD_OK when the item is in scope (the message set otherwise). */
static int in_scope(sqlite3 *db, const struct scope *sc, int64_t id)
{
	struct srow r;
	int rc = srow_read(db, sc, id, &r);
	free(r.title);
	return rc;
}

sqlite3_stmt *suggestion_events(sqlite3 *db, const struct scope *sc, int64_t id)
{
	if (in_scope(db, sc, id))
		return NULL;
	return db_prepare(
	    db,
	    "SELECT e.at, e.account, e.role, e.action, coalesce(e.from_state, ''), "
	    "e.to_state, e.text, coalesce(u.name, '') FROM wf_event e LEFT JOIN unit u "
	    "ON u.id = e.unit_id WHERE e.workflow = 'suggestion' AND e.item_id = ? "
	    "ORDER BY e.id",
	    "i", id);
}

sqlite3_stmt *suggestion_clocks(sqlite3 *db, const struct scope *sc, int64_t id)
{
	return in_scope(db, sc, id) ? NULL : wf_clocks(db, &suggestion_flow, id);
}

sqlite3_stmt *suggestion_replies(sqlite3 *db, const struct scope *sc, int64_t id)
{
	if (in_scope(db, sc, id))
		return NULL;
	return db_prepare(
	    db,
	    "SELECT r.round, d.name, d.code, r.role, '#' || r.via_id, rc.code, r.at, "
	    "r.text FROM suggestion_reply r JOIN deputy d ON d.id = r.deputy_id "
	    "JOIN result_class rc ON rc.id = r.result_class_id "
	    "WHERE r.suggestion_id = ? ORDER BY r.round, r.via_id <> r.suggestion_id, "
	    "r.via_id, r.role <> 'lead', d.code",
	    "i", id);
}

/* ---- for the console: what may be done now, and the parts of an item ----- */

const char *suggestion_action_label(const char *action)
{
	for (int i = 0; i < suggestion_flow.ntrans; i++)
		if (!strcmp(suggestion_flow.trans[i].action, action))
			return _(suggestion_flow.trans[i].label);
	return action;
}

char *suggestion_actions(sqlite3 *db, const struct scope *sc, int64_t id)
{
	struct srow r;
	if (srow_read(db, sc, id, &r))
		return NULL;
	char *all = wf_actions(&suggestion_flow, r.state, sc);
	/* Every fact an action's own arguments could supply, and the item's kind. */
	char *facts = xasprintf("%s|satisfied|basic|unsatisfied|support|last|followup", r.kind);
	struct sbuf b = SBUF_INIT;
	for (char *w = all, *next; w && *w; w = next) {
		next = strchr(w, '|');
		if (next)
			*next++ = '\0';
		const struct wf_trans *t = wf_find(&suggestion_flow, w, r.state, facts);
		if (!t || check_actor(db, sc, t, &r) ||
		    ((t->needs & WF_WINDOW) &&
		     wf_check_window(db, &suggestion_flow, t, r.id, clock_today())))
			continue;
		sbuf_printf(&b, "%s%s", b.len ? "|" : "", w);
	}
	err_clear();
	free(facts);
	free(all);
	free(r.title);
	return sbuf_take(&b);
}

sqlite3_stmt *suggestion_cosigners(sqlite3 *db, const struct scope *sc, int64_t id)
{
	if (in_scope(db, sc, id))
		return NULL;
	return db_prepare(db,
	                  "SELECT d.name, d.code, c.status, substr(c.invited_at, 1, 10), "
	                  "coalesce(substr(c.answered_at, 1, 10), '') FROM suggestion_cosigner c "
	                  "JOIN deputy d ON d.id = c.deputy_id WHERE c.suggestion_id = ? "
	                  "ORDER BY c.invited_at, d.code",
	                  "i", id);
}

sqlite3_stmt *suggestion_units(sqlite3 *db, const struct scope *sc, int64_t id)
{
	if (in_scope(db, sc, id))
		return NULL;
	return db_prepare(db,
	                  "SELECT n.name, su.role, substr(su.assigned_at, 1, 10), su.opinion, "
	                  "coalesce(substr(su.opinion_at, 1, 10), '') FROM suggestion_unit su "
	                  "JOIN unit n ON n.id = su.unit_id WHERE su.suggestion_id = ? "
	                  "ORDER BY su.role = 'support', n.code",
	                  "i", id);
}

sqlite3_stmt *suggestion_meetings(sqlite3 *db, const struct scope *sc, int64_t id)
{
	if (in_scope(db, sc, id))
		return NULL;
	return db_prepare(db,
	                  "SELECT m.day, m.place, m.deputies, m.notes, coalesce(n.name, '') "
	                  "FROM suggestion_meeting m LEFT JOIN unit n ON n.id = m.unit_id "
	                  "WHERE m.suggestion_id = ? ORDER BY m.day, m.id",
	                  "i", id);
}
