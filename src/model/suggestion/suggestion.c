#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/core/vocab.h"
#include "model/core/audit.h"
#include "model/core/cal.h"
#include "model/core/db.h"
#include "model/core/listing.h"
#include "model/core/msgtext.h"
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
	{"draft", N_("draft"), true, false},
	{"submitted", N_("submitted"), true, false},
	{"registered", N_("registered"), true, false},
	{"merged", N_("merged"), false, true},
	{"assigned", N_("assigned"), true, false},
	{"replied", N_("replied"), true, false},
	{"followup", N_("in follow-up"), true, false},
	{"closed", N_("closed"), false, true},
	{"withdrawn", N_("withdrawn"), false, true},
};
/* clang-format on */

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
	static char sql[ROLE_COUNT + 1][SCOPE_TEXT];
	sqlite3_stmt *st =
	    db_cached(db,
	              scope_text(sql, sc,
	                         "SELECT s.id, s.session_id, coalesce(s.town_id, 0), "
	                         "s.category_id, s.lead_deputy_id, coalesce(s.lead_unit_id, 0), "
	                         "coalesce(s.result_class_id, 0), s.version, "
	                         "coalesce(s.number, 0), s.rounds, s.delegation <> '', s.kind, "
	                         "s.level, s.state, s.title FROM suggestion s WHERE s.id = ?1 AND ",
	                         suggestion_scope_sql_of(sc)),
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
	db_done(st);
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

/* A deputy who may take part in an item: in office, of its level (and town). */
static int item_deputy(sqlite3 *db, const struct scope *sc, const char *field, const char *ref,
                       const char *level, int64_t town, int64_t *id)
{
	struct scope all = *sc;
	all.role = ROLE_CITY_CLERK; /* any deputy of the level, whichever town elected them */
	if (!ref || !*ref)
		return err_set(RD_INVALID, _("%s: a deputy's code is required"),
		               vocab_field(field));
	if (deputy_find(db, &all, ref, id))
		return err_set(RD_INVALID, _("%s: %s"), vocab_field(field), err_msg());
	/* In office as of today: a leave date still to come has not taken effect. */
	sqlite3_stmt *st = db_cached(db,
	                             "SELECT d.name, d.level, d.town_id, " DEPUTY_STATUS_SQL(
	                                 "d") ", d.left_date "
	                                      "FROM deputy d WHERE d.id = ?",
	                             "i", *id);
	if (!st)
		return RD_FAIL;
	int rc = RD_OK;
	if (sqlite3_step(st) != SQLITE_ROW) {
		db_done(st);
		return err_set(RD_INVALID, _("%s: no deputy '%s'"), vocab_field(field), ref);
	}
	/* A deputy outside the clerk's scope is named by the code given, never by name. */
	char *who = scope_covers_town(sc, sqlite3_column_int64(st, 2))
	                ? xasprintf(_("%s (%s)"), db_col(st, 0), ref)
	                : xstrdup(ref);
	if (strcmp(db_col(st, 3), "in-office"))
		rc = err_set(RD_INVALID, _("%s: %s left office on %s"), vocab_field(field), who,
		             db_col(st, 4));
	else if (strcmp(db_col(st, 1), level))
		rc = err_set(RD_INVALID,
		             !strcmp(level, "city") ? _("%s: %s is not a city-level deputy")
		                                    : _("%s: %s is not a town-level deputy"),
		             vocab_field(field), who);
	else if (!strcmp(level, "town") && sqlite3_column_int64(st, 2) != town)
		rc = err_set(RD_INVALID, _("%s: %s is not a deputy of the item's town"),
		             vocab_field(field), who);
	free(who);
	db_done(st);
	return rc;
}

/* ---- adding -------------------------------------------------------------- */

/*
 * The session of a new item, its level and its town (0 for the city). Without a
 * code: the latest session begun of the town clerk's town, else of the lead
 * deputy's congress (a town deputy's town, or the city).
 */
static int resolve_session(sqlite3 *db, const struct scope *sc, const char *code,
                           const char *deputy, int today, int64_t *session, char level[8],
                           int64_t *town)
{
	sqlite3_stmt *st;
	char day[11];
	date_format(today, day);
	int64_t of_town = sc->role == ROLE_TOWN_CLERK ? sc->town_id : 0, did;
	struct scope all = *sc;
	all.role = ROLE_CITY_CLERK;
	if (!of_town && !(code && *code) && deputy && *deputy &&
	    !deputy_find(db, &all, deputy, &did))
		db_int(db, &of_town,
		       "SELECT CASE WHEN level = 'town' THEN town_id ELSE 0 END FROM deputy WHERE "
		       "id = ?",
		       "i", did);
	err_clear(); /* a deputy not found is item_deputy()'s to report */
	if (code && *code)
		st = db_cached(
		    db,
		    "SELECT s.id, t.level, coalesce(t.town_id, 0) FROM congress_session s "
		    "JOIN term t ON t.id = s.term_id WHERE s.code = ?",
		    "t", code);
	else
		/* The latest session that has begun, of the city or of the clerk's town. */
		st = db_cached(
		    db,
		    "SELECT s.id, t.level, coalesce(t.town_id, 0) FROM congress_session s "
		    "JOIN term t ON t.id = s.term_id WHERE s.start_date <= ?1 AND "
		    "(CASE WHEN ?2 THEN t.town_id = ?3 ELSE t.level = 'city' END) "
		    "ORDER BY s.start_date DESC, s.id DESC LIMIT 1",
		    "tdi", day, (int)(of_town != 0), of_town);
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
	db_done(st);
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

int suggestion_add_tx(sqlite3 *db, const struct scope *sc, const struct suggestion_new *n,
                      int64_t *id)
{
	char now[CLOCK_BUF];
	int today = 0;
	int rc = flow_time(n->at, now, &today);
	if (rc)
		return rc;
	if (!n->kind || (strcmp(n->kind, "motion") && strcmp(n->kind, "suggestion")))
		return err_set(RD_INVALID, _("kind: '%s' is not motion or suggestion"),
		               n->kind ? n->kind : "");
	bool motion = !strcmp(n->kind, "motion");
	int64_t session = 0, town = 0, category = 0, deputy = 0;
	char level[8];
	if ((rc = resolve_session(db, sc, n->session, n->deputy, today, &session, level, &town)))
		return rc;
	if ((rc = check_office(sc, level, town)))
		return rc;
	if (flow_lookup(db, "category", "category", n->category, &category))
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
	/* A delegation or a presidium of the item's congress, chosen from the reference data. */
	char *delegation = NULL;
	if (n->delegation && *n->delegation) {
		if (!motion)
			return err_set(RD_INVALID,
			               _("delegation: only a motion is brought by a delegation"));
		rc = db_text(
		    db, &delegation,
		    "SELECT name FROM delegation WHERE (name = ?1 OR code = ?1) AND active AND "
		    "level = ?2 AND (?2 = 'city' OR town_id = ?3)",
		    "tti", n->delegation, level, town);
		if (rc == RD_NOTFOUND)
			return err_set(
			    RD_INVALID,
			    _("delegation: no delegation or presidium '%s' of this congress"),
			    n->delegation);
		if (rc)
			return rc;
	}
	if ((rc = db_new_id(db, "suggestion", id))) {
		free(delegation);
		return rc;
	}
	rc = db_run(
	    db,
	    "INSERT INTO suggestion (id, kind, level, town_id, session_id, title, basis, proposal, "
	    "category_id, lead_deputy_id, delegation, state, created_at, updated_at) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?)",
	    "ittIitttiittt", *id, n->kind, level, town, session, n->title, n->basis ? n->basis : "",
	    n->proposal, category, deputy, delegation ? delegation : "", now, now);
	free(delegation);
	if (rc)
		return rc;
	return flow_created(db, sc, &suggestion_flow, *id, now, n->title, category, true,
	                    n->generated, NULL);
}

struct adding {
	const struct scope *sc;
	const struct suggestion_new *n;
	int64_t *id;
};

static int add_tx(sqlite3 *db, void *arg)
{
	const struct adding *x = arg;
	return suggestion_add_tx(db, x->sc, x->n, x->id);
}

int suggestion_add(sqlite3 *db, const struct scope *sc, const struct suggestion_new *n, int64_t *id)
{
	/* Rehearsed outside the lock first (db_write()): a session's motions and suggestions
	   come in by the hundred while the clerks work. */
	static const char kind = 0;
	return db_write(db, &kind, NULL, add_tx, &(struct adding){sc, n, id});
}

/* ---- the facts the flow's conditions look at ----------------------------- */

/* The unit an opinion or a meeting is for: the operator's own, or the one a clerk names. */
static int act_unit(sqlite3 *db, const struct scope *sc, const struct flow_args *a,
                    int64_t fallback, int64_t *unit)
{
	if (sc->role == ROLE_UNIT) {
		*unit = sc->unit_id;
		return RD_OK;
	}
	if (a->unit && *a->unit)
		return flow_lookup(db, "unit", "unit", a->unit, unit);
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

/* The facts an item's state adds for an action (a '|' list for wf_find). */
static void facts(sqlite3 *db, const struct srow *r, const char *action, const struct flow_args *a,
                  struct sbuf *b)
{
	if (!strcmp(action, "evaluate") && followup_due(db, r))
		sbuf_puts(b, "|followup");
	if (!strcmp(action, "assign") && a->nsupport > 0)
		sbuf_puts(b, "|support");
}

/* ---- the effects of each action ------------------------------------------ */

/* Co-signers: invite the deputies, or record their answer. */
static int cosigners(sqlite3 *db, const struct scope *sc, const struct srow *r, bool invite,
                     const struct flow_args *a, const char *now, struct sbuf *names)
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

/*
 * A motion is brought by enough deputies jointly, the lead deputy counted among
 * them (the local organisation law: 10 or more at county level, 5 at town level),
 * unless a delegation or the presidium brings it.
 */
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
	int jointly = city ? conf.motion_min_city : conf.motion_min_town;
	if (n + 1 >= jointly)
		return RD_OK;
	return err_set(RD_DENIED,
	               city ? _("a city-level motion is brought by %d deputies jointly (the lead "
	                        "deputy and at least %d confirmed co-signers), or by a delegation "
	                        "or the presidium; it has the lead deputy and %lld")
	                    : _("a town-level motion is brought by %d deputies of the town jointly "
	                        "(the lead deputy and at least %d confirmed co-signers), or by the "
	                        "presidium; it has the lead deputy and %lld"),
	               jointly, jointly - 1, (long long)n);
}

/* Merges r into the item a->into names: same session, kind and level, not merged itself. */
static int merge(sqlite3 *db, const struct scope *sc, const struct srow *r,
                 const struct flow_args *a, struct sbuf *text)
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

/* A supporting unit's opinion to the lead unit, once. */
static int opinion(sqlite3 *db, const struct scope *sc, const struct srow *r,
                   const struct flow_args *a, const char *now, int64_t *unit)
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
                   const struct flow_args *a, const char *now, int today, int64_t *unit,
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
	int64_t mid = 0;
	char *assigned = NULL;
	if (!rc &&
	    db_text(
	        db, &assigned,
	        "SELECT assigned_at FROM suggestion_unit WHERE suggestion_id = ? AND unit_id = ?",
	        "ii", r->id, *unit))
		rc = err_set(RD_INVALID, _("unit: the item is not assigned to %s"),
		             a->unit ? a->unit : "?");
	/* A consultation about the item comes after the unit had it. */
	if (!rc && assigned && strncmp(a->date, assigned, 10) < 0)
		rc = err_set(RD_INVALID,
		             _("date: %s is before the item was assigned to the unit (%.10s)"),
		             a->date, assigned);
	free(assigned);
	if (!rc)
		rc = db_new_id(db, "suggestion_meeting", &mid);
	if (!rc)
		rc = db_run(db,
		            "INSERT INTO suggestion_meeting (id, suggestion_id, unit_id, day, "
		            "place, deputies, "
		            "notes, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
		            "iiitttt"
		            "t",
		            mid, r->id, *unit, a->date, a->place, a->attendees,
		            a->text ? a->text : "", now);
	/* Joined as the reader's language joins them (日期 地点：代表。意见). */
	if (!rc && a->text && *a->text)
		msgtext_add(text, N_("%s %s: %s. %s"), a->date, a->place, a->attendees, a->text);
	else if (!rc)
		msgtext_add(text, N_("%s %s: %s"), a->date, a->place, a->attendees);
	return rc;
}

/*
 * The new due day of an approved extension: asked for by the lead unit (or a
 * clerk for it) before the deadline passed, approved by a clerk (the flow's
 * roles: never the unit that asked), later than the present due day, at most
 * the limit after the assignment.
 */
static int extension(sqlite3 *db, const struct srow *r, const struct flow_args *a, int *due)
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
	char d[11], lim[11], since[11];
	date_format(started, since);
	/* The request for this deadline: the latest since it started (its window kept it
	   within the deadline). */
	char *asker = NULL;
	rc = db_text(
	    db, &asker,
	    "SELECT account FROM wf_event WHERE workflow = 'suggestion' AND item_id = ? AND "
	    "action = 'request-extension' AND at >= ? ORDER BY id DESC LIMIT 1",
	    "it", r->id, since);
	if (rc == RD_NOTFOUND)
		return err_set(RD_DENIED,
		               _("extend: the lead unit has not asked for an extension of "
		                 "this deadline (request-extension, before it passes)"));
	if (rc)
		return rc;
	free(asker);
	int amount;
	char unit[16];
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

/* ---- the flow ---------------------------------------------------------- */

static void srow_release(struct flow_item *it)
{
	struct srow *r = it->own;
	if (r)
		free(r->title);
	free(r);
	it->own = NULL;
}

/* Reads an item within scope for the driver: its own fields in it->own (a struct srow). */
static int sugg_read(sqlite3 *db, const struct scope *sc, int64_t id, struct flow_item *it)
{
	memset(it, 0, sizeof *it);
	struct srow *r = xcalloc(1, sizeof *r);
	it->own = r;
	int rc = srow_read(db, sc, id, r);
	if (rc)
		return rc;
	it->id = r->id;
	it->version = r->version;
	it->category = r->category;
	it->town = r->town;
	it->lead_unit = r->lead_unit;
	it->rounds = r->rounds;
	snprintf(it->state, sizeof it->state, "%s", r->state);
	snprintf(it->level, sizeof it->level, "%s", r->level);
	return RD_OK;
}

static char *sugg_name(const struct flow_item *it)
{
	return xasprintf(_("item %lld"), (long long)it->id);
}

/* The facts of a step (conditions of the rows): the kind, and what the step finds. */
static void sugg_facts(struct flow_ctx *c, struct sbuf *b)
{
	const struct srow *r = c->it->own;
	sbuf_printf(b, "%s%s", b->len ? "|" : "", r->kind);
	if (c->action)
		facts(c->db, r, c->action, c->a, b);
	else /* offering steps: every fact that a step's arguments could add */
		sbuf_puts(b, "|support|followup");
}

/* City-level items are the city's clerks'; town-level ones the town's clerks' too. */
static int sugg_actor(struct flow_ctx *c)
{
	if (c->sc->role == ROLE_UNIT)
		return RD_OK;
	return check_office(c->sc, c->it->level, c->it->town);
}

static int eff_invite(struct flow_ctx *c)
{
	return cosigners(c->db, c->sc, c->it->own, true, c->a, c->now, &c->text);
}

static int eff_cosign(struct flow_ctx *c)
{
	int rc = cosigners(c->db, c->sc, c->it->own, false, c->a, c->now, &c->text);
	if (!rc)
		sbuf_printf(&c->text, ": %s", c->a->answer);
	return rc;
}

static int eff_submit(struct flow_ctx *c)
{
	int rc = check_cosigners(c->db, c->it->own);
	if (!rc)
		rc = db_run(c->db, "UPDATE suggestion SET submitted_at = ? WHERE id = ?", "ti",
		            c->now, c->it->id);
	return rc;
}

static int eff_convert(struct flow_ctx *c)
{
	return db_run(c->db, "UPDATE suggestion SET kind = 'suggestion' WHERE id = ?", "i",
	              c->it->id);
}

/* Registration: the next number of the session and kind. */
static int eff_register(struct flow_ctx *c)
{
	const struct srow *r = c->it->own;
	return db_run(c->db,
	              "UPDATE suggestion SET number = (SELECT coalesce(max(number), 0) + 1 FROM "
	              "suggestion WHERE session_id = ?1 AND kind = ?2) WHERE id = ?3",
	              "iti", r->session, r->kind, r->id);
}

static int eff_merge(struct flow_ctx *c)
{
	return merge(c->db, c->sc, c->it->own, c->a, &c->text);
}

static int eff_opinion(struct flow_ctx *c)
{
	return opinion(c->db, c->sc, c->it->own, c->a, c->now, &c->unit);
}

static int eff_meet(struct flow_ctx *c)
{
	return meeting(c->db, c->sc, c->it->own, c->a, c->now, c->today, &c->unit, &c->text);
}

/* An approved extension: the reply clock restarts due on the new day. */
static int eff_extend(struct flow_ctx *c)
{
	int rc = extension(c->db, c->it->own, c->a, &c->due);
	if (!rc)
		sbuf_printf(&c->text, "%s → %s", c->a->text, c->a->date);
	return rc;
}

static int eff_supervise(struct flow_ctx *c)
{
	return db_run(c->db,
	              "UPDATE suggestion SET key_supervised = 1, supervisor = ? WHERE id = ?", "ti",
	              c->a->text, c->it->id);
}

/* The reply with its class, and a reply owed to every deputy of the item. */
static int eff_reply(struct flow_ctx *c)
{
	const struct srow *r = c->it->own;
	int64_t n = 0;
	int rc =
	    db_int(c->db, &n,
	           "SELECT count(*) FROM wf_event WHERE workflow = 'suggestion' AND item_id = ? "
	           "AND action = 'reply'",
	           "i", r->id);
	if (!rc)
		rc = db_run(c->db,
		            "UPDATE suggestion SET result_class_id = ?, reply = ? WHERE id = ?",
		            "iti", c->result_class, c->a->text, r->id);
	if (!rc)
		rc = replies_owed(c->db, r, c->result_class, c->a->text, c->now, (int)n + 1);
	return rc;
}

/*
 * The flow of motions and suggestions (DESIGN 4.3). Columns: action, label,
 * the history's word, from, to (NULL stays), conditions (facts the model
 * supplies: the kind "motion" or "suggestion", the evaluation, "support" when
 * an assignment names supporting units, "followup" when the reply's class asks
 * for follow-up and it was the first reply), roles, needs, clocks started, stopped, cancelled,
 * window clock, effect, what the console asks. The first row whose conditions hold is taken; the
 * first row is the creation step.
 */
/* clang-format off */
static const struct wf_trans trans[] = {
	{"add", N_("Draft a motion or suggestion"), N_("drafted"), "", "draft", NULL, WF_CLERKS, 0,
	 NULL, NULL, NULL, NULL, NULL, WA_FORM, "suggestion"},
	{"invite", N_("Invite co-signing deputies (附议)"), N_("co-signers invited"), "draft", NULL,
	 NULL, WF_CLERKS, WF_DEPUTY, NULL, NULL, NULL, NULL, eff_invite, WA_PICK, "invite"},
	{"cosign", N_("Record co-signers' confirmation or refusal"), N_("co-signers answered"),
	 "draft", NULL, NULL, WF_CLERKS, WF_DEPUTY, NULL, NULL, NULL, NULL, eff_cosign, WA_PICK,
	 "cosign"},
	{"submit", N_("Submit to the congress"), N_("submitted"), "draft", "submitted", NULL,
	 WF_CLERKS, 0, NULL, NULL, NULL, NULL, eff_submit, WA_CONFIRM, NULL},
	{"revise", N_("Send back to the deputy for revision, giving the reason"),
	 N_("sent back for revision"), "submitted", "draft", NULL, WF_CLERKS, WF_TEXT, NULL, NULL,
	 NULL, NULL, NULL, WA_PROMPT, N_("Reason:")},
	{"withdraw", N_("Withdraw, giving the reason"), N_("withdrawn"), "draft|submitted",
	 "withdrawn", NULL, WF_CLERKS, WF_TEXT, NULL, NULL, NULL, NULL, NULL, WA_PROMPT,
	 N_("Reason:")},
	{"convert", N_("Convert the motion to a suggestion (转为建议)"),
	 N_("converted to a suggestion"), "submitted", NULL, "motion", WF_CLERKS, 0, NULL, NULL, NULL,
	 NULL, eff_convert, WA_PROMPT, N_("Why it becomes a suggestion (may be empty):")},
	{"register", N_("Register and number it (立案 / 登记)"), N_("registered and numbered"),
	 "submitted", "registered", NULL, WF_CLERKS, 0, NULL, NULL, NULL, NULL, eff_register,
	 WA_CONFIRM, NULL},
	{"merge", N_("Merge into another item (并案)"), N_("merged"), "submitted|registered",
	 "merged", NULL, WF_CLERKS, WF_ITEM, NULL, NULL, NULL, NULL, eff_merge, WA_PICK, "merge"},
	{"assign", N_("Assign to a lead unit and supporting units (交办)"), N_("assigned"),
	 "registered", "assigned", "support", WF_CLERKS, WF_UNIT, "reply|opinion|return", NULL,
	 NULL, NULL, flow_eff_assign, WA_FORM, "suggestion-assign"},
	{"assign", N_("Assign to a lead unit and supporting units (交办)"), N_("assigned"),
	 "registered", "assigned", NULL, WF_CLERKS, WF_UNIT, "reply|return", NULL, NULL, NULL,
	 flow_eff_assign, WA_FORM, "suggestion-assign"},
	{"return", N_("Return as mis-assigned, giving the reason"), N_("returned as mis-assigned"),
	 "assigned", "registered", NULL, WF_UNITSIDE, WF_TEXT | WF_LEAD | WF_WINDOW, NULL, NULL,
	 "reply|opinion|return|rehandle", "return", flow_eff_return, WA_PROMPT, N_("Reason:")},
	{"opinion", N_("Record a supporting unit's opinion to the lead unit"),
	 N_("supporting unit's opinion"), "assigned", NULL, NULL, WF_UNITSIDE, WF_TEXT | WF_SUPPORT,
	 NULL, "opinion", NULL, NULL, eff_opinion, WA_FORM, "suggestion-opinion"},
	{"meet", N_("Record a face-to-face consultation with the deputies (面商)"),
	 N_("face-to-face consultation"), "assigned|followup", NULL, NULL, WF_UNITSIDE,
	 WF_DATE | WF_LEAD, NULL, NULL, NULL, NULL, eff_meet, WA_FORM, "suggestion-meet"},
	{"request-extension", N_("Ask for an extension of the reply deadline, giving the reason"),
	 N_("extension asked for"), "assigned", NULL, NULL, WF_UNITSIDE,
	 WF_TEXT | WF_LEAD | WF_WINDOW, NULL, NULL, NULL, "reply", NULL, WA_PROMPT,
	 N_("Why more time is needed:")},
	{"extend", N_("Approve an extension (延期), recording the approval"),
	 N_("extension approved"), "assigned", NULL, NULL, WF_CLERKS, WF_TEXT | WF_DATE, "reply",
	 NULL, NULL, NULL, eff_extend, WA_FORM, "suggestion-extend"},
	{"reply", N_("Record the lead unit's written reply with its result class"), N_("reply"),
	 "assigned|followup", "replied", NULL, WF_UNITSIDE, WF_TEXT | WF_CLASS | WF_LEAD, NULL,
	 "reply|rehandle", "return", NULL, eff_reply, WA_FORM, "suggestion-reply"},
	{"evaluate", N_("Record the lead deputy's evaluation"), N_("evaluation"), "replied",
	 "followup", "satisfied+followup|basic+followup", WF_CLERKS, WF_EVAL, NULL, NULL, NULL, NULL,
	 NULL, WA_CHOICE, "suggestion-evaluate:eval"},
	{"evaluate", N_("Record the lead deputy's evaluation"), N_("evaluation"), "replied",
	 "closed", "satisfied|basic", WF_CLERKS, WF_EVAL, NULL, NULL, NULL, NULL, NULL, WA_CHOICE,
	 "suggestion-evaluate:eval"},
	{"evaluate", N_("Record the lead deputy's evaluation"), N_("evaluation"), "replied",
	 "assigned", "unsatisfied", WF_CLERKS, WF_EVAL | WF_ROUND, "rehandle", NULL, NULL, NULL,
	 NULL, WA_CHOICE, "suggestion-evaluate:eval"},
	{"close", N_("Close without the deputy's evaluation, giving the reason"), N_("closed"),
	 "replied", "closed", NULL, WF_CLERKS, WF_TEXT, NULL, NULL, NULL, NULL, NULL, WA_PROMPT,
	 N_("Why it is closed without an evaluation:")},
	{"chase", N_("Chase the unit (催办)"), N_("chased"), "assigned|followup", NULL, NULL,
	 WF_CLERKS, WF_TEXT, NULL, NULL, NULL, NULL, NULL, WA_PROMPT, N_("Reminder to the unit:")},
	{"supervise", N_("Mark as key supervised (重点督办), naming the leading official"),
	 N_("key supervision"), "registered|assigned|replied|followup", NULL, NULL, WF_CLERKS,
	 WF_TEXT, NULL, NULL, NULL, NULL, eff_supervise, WA_PROMPT,
	 N_("Leading official who supervises it:")},
};

/* The clocks; their lengths are the rows of wf_rule (migration 0004). */
static const struct wf_clock_def clocks[] = {
	{"reply", N_("written reply"), WC_DEADLINE, "reply", false},
	{"rehandle", N_("second reply after re-handling"), WC_DEADLINE, "reply", false},
	{"opinion", N_("a supporting unit's opinion"), WC_DEADLINE, "opinion", true},
	{"return", N_("return of a mis-assigned item"), WC_WINDOW, NULL, false},
};
/* clang-format on */

static struct pager *pick_invite(sqlite3 *db, const struct scope *sc, int64_t id)
{
	return listing_sugg_deputies(db, sc, id, LSD_INVITE);
}

static struct pager *pick_invited(sqlite3 *db, const struct scope *sc, int64_t id)
{
	return listing_sugg_deputies(db, sc, id, LSD_INVITED);
}

/* clang-format off */
static const struct wf_pick picks[] = {
	{"invite", N_("%s: invite co-signers (Space marks, Enter invites)"), true, "code",
	 pick_invite, WP_DEPUTIES, WA_NONE, NULL},
	{"cosign", N_("%s: whose answer to record (Space marks, Enter goes on)"), true, "code",
	 pick_invited, WP_DEPUTIES, WA_CHOICE, "suggestion-cosign:answer"},
	{"merge", N_("%s: the item it joins (并案)"), false, "number", listing_sugg_hosts, WP_INTO,
	 WA_CONFIRM, NULL},
};
/* clang-format on */

const struct wf_def suggestion_flow = {
    .name = "suggestion",
    .table = "suggestion",
    .units = "suggestion_unit",
    .units_item = "suggestion_id",
    .made = "created_at",
    .states = states,
    .nstates = N_OF(states),
    .trans = trans,
    .ntrans = N_OF(trans),
    .clocks = clocks,
    .nclocks = N_OF(clocks),
    .picks = picks,
    .npicks = N_OF(picks),
    .read = sugg_read,
    .release = srow_release,
    .facts = sugg_facts,
    .actor = sugg_actor,
    .name_of = sugg_name,
};

/* ---- listing ------------------------------------------------------------- */

/* clang-format off */
/* clang-format on */

/* An item's number as suggestion_number() writes it, of item alias s and session alias cs. */
#define NUMBER_SQL(s, cs) SUGG_NUMBER_SQL(s, cs)

/* ---- one item ------------------------------------------------------------ */

int suggestion_info(sqlite3 *db, const struct scope *sc, int64_t id, struct tbl *out)
{
	static const char *const keys[] = {
	    "id",           "number",       "label",       "session",       "kind",
	    "level",        "town",         "state",       "category",      "deputy",
	    "delegation",   "cosigners",    "title",       "basis",         "proposal",
	    "merged_into",  "merged_items", "lead_unit",   "support_units", "meetings",
	    "result_class", "reply",        "evaluation",  "rounds",        "key_supervised",
	    "supervisor",   "reply_due",    "opinion_due", "overdue",       "created_at",
	    "submitted_at", "closed_at",    "version",     "deputy_name",
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
	              "coalesce(t.name, ''), s.state, c.name, name_code(d.name, d.code), "
	              "s.delegation, "
	              "coalesce((SELECT group_concat(x.who, '; ') FROM (SELECT "
	              "name_code(dd.name, dd.code) || ' ' || c2.status AS who FROM "
	              "suggestion_cosigner c2 JOIN deputy dd ON "
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
	                                  "s.supervisor, '', '', '', "
	                                  "s.created_at, coalesce(s.submitted_at, ''), "
	                                  "coalesce(s.closed_at, ''), s.version, d.name "
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
	int rc = tbl_read(st, keys, NKEYS, out);
	if (!rc && !out->nrows) {
		tbl_free(out);
		rc = err_set(RD_NOTFOUND, _("no motion or suggestion %lld within your scope"),
		             (long long)id);
	}
	/* The deadlines, from the workflow's clock table. */
	char *sql = rc ? NULL
	               : xasprintf("SELECT %s, %s, %s FROM suggestion s WHERE s.id = ?",
	                           flow_due_sql(&suggestion_flow, "s.id", "reply"),
	                           flow_due_sql(&suggestion_flow, "s.id", "opinion"),
	                           flow_cond_sql(&suggestion_flow, "s.id", FC_OVERDUE));
	static const char *const due_keys[] = {"reply_due", "opinion_due", "overdue"};
	struct tbl due;
	if (sql && !(rc = tbl_read(db_prepare(db, sql, "i", id), due_keys, 3, &due))) {
		for (int c = 0; c < due.ncols && due.nrows; c++)
			tbl_set(out, 0, due.keys[c], xstrdup(due.cells[c]));
		tbl_free(&due);
	}
	free(sql);
	if (rc)
		tbl_free(out);
	/* The label, as documents print it: 第12号建议. */
	if (!rc) {
		int number = atoi(tbl_get(out, 0, "label"));
		tbl_set(out, 0, "label",
		        !number ? xstrdup("")
		        : !strcmp(tbl_get(out, 0, "kind"), "motion")
		            ? xasprintf(_("motion No. %d"), number)
		            : xasprintf(_("suggestion No. %d"), number));
	}
	return rc;
}

/* RD_OK when the item is in scope (the message set otherwise). */
static int in_scope(sqlite3 *db, const struct scope *sc, int64_t id)
{
	struct srow r;
	int rc = srow_read(db, sc, id, &r);
	free(r.title);
	return rc;
}

int suggestion_replies(sqlite3 *db, const struct scope *sc, int64_t id, struct tbl *out)
{
	static const char *const keys[] = {"round", "deputy", "code", "role",
	                                   "via",   "class",  "at",   "text"};
	memset(out, 0, sizeof *out);
	int rc = in_scope(db, sc, id);
	if (rc)
		return rc;
	return tbl_read(
	    db_prepare(db,
	               "SELECT r.round, d.name, d.code, r.role, '#' || r.via_id, rc.code, r.at, "
	               "r.text FROM suggestion_reply r JOIN deputy d ON d.id = r.deputy_id "
	               "JOIN result_class rc ON rc.id = r.result_class_id "
	               "WHERE r.suggestion_id = ? ORDER BY r.round, r.via_id <> r.suggestion_id, "
	               "r.via_id, r.role <> 'lead', d.code",
	               "i", id),
	    keys, 8, out);
}

/* ---- the parts of an item ------------------------------------------------ */

int suggestion_cosigners(sqlite3 *db, const struct scope *sc, int64_t id, struct tbl *out)
{
	static const char *const keys[] = {"name", "code", "status", "invited", "answered"};
	memset(out, 0, sizeof *out);
	int rc = in_scope(db, sc, id);
	if (rc)
		return rc;
	return tbl_read(
	    db_prepare(db,
	               "SELECT d.name, d.code, c.status, substr(c.invited_at, 1, 10), "
	               "coalesce(substr(c.answered_at, 1, 10), '') FROM suggestion_cosigner c "
	               "JOIN deputy d ON d.id = c.deputy_id WHERE c.suggestion_id = ? "
	               "ORDER BY c.invited_at, d.code",
	               "i", id),
	    keys, 5, out);
}

int suggestion_units(sqlite3 *db, const struct scope *sc, int64_t id, struct tbl *out)
{
	static const char *const keys[] = {"name",       "role",        "assigned",       "opinion",
	                                   "opinion_at", "opinion_due", "opinion_outcome"};
	memset(out, 0, sizeof *out);
	int rc = in_scope(db, sc, id);
	if (rc)
		return rc;
	/* A supporting unit's own opinion deadline: its latest clock, and how it ended. */
	return tbl_read(
	    db_prepare(db,
	               "SELECT n.name, su.role, substr(su.assigned_at, 1, 10), su.opinion, "
	               "coalesce(substr(su.opinion_at, 1, 10), ''), coalesce(k.due, ''), "
	               "coalesce(k.outcome, CASE WHEN k.id IS NULL THEN '' ELSE "
	               "'running' END) FROM suggestion_unit su JOIN unit n ON n.id = "
	               "su.unit_id LEFT JOIN wf_clock k ON k.id = (SELECT max(id) FROM "
	               "wf_clock WHERE workflow = 'suggestion' AND item_id = "
	               "su.suggestion_id AND clock = 'opinion' AND unit_id = su.unit_id) "
	               "WHERE su.suggestion_id = ? ORDER BY su.role = 'support', n.code",
	               "i", id),
	    keys, 7, out);
}

int suggestion_meetings(sqlite3 *db, const struct scope *sc, int64_t id, struct tbl *out)
{
	static const char *const keys[] = {"day", "place", "deputies", "notes", "unit"};
	memset(out, 0, sizeof *out);
	int rc = in_scope(db, sc, id);
	if (rc)
		return rc;
	return tbl_read(
	    db_prepare(db,
	               "SELECT m.day, m.place, m.deputies, m.notes, coalesce(n.name, '') "
	               "FROM suggestion_meeting m LEFT JOIN unit n ON n.id = m.unit_id "
	               "WHERE m.suggestion_id = ? ORDER BY m.day, m.id",
	               "i", id),
	    keys, 5, out);
}
