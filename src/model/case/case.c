#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "model/core/vocab.h"
#include "model/core/audit.h"
#include "model/core/cal.h"
#include "model/case/case.h"
#include "model/case/case_scope.h"
#include "model/core/db.h"
#include "model/deputy/deputy.h"
#include "model/core/valid.h"
#include "util/conf.h"
#include "util/csvread.h"
#include "util/chartok.h"
#include "util/datetime.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/re.h"
#include "util/sbuf.h"
#include "util/u8.h"
#include "util/xalloc.h"

/* clang-format off */
static const struct wf_state states[] = {
	{"received", N_("received"), true, false},
	{"deputy_replied", N_("replied by the deputy"), true, false},
	{"forwarded", N_("forwarded for review"), true, false},
	{"rejected", N_("rejected"), false, false},
	{"assigned", N_("assigned"), true, false},
	{"responded", N_("responded"), true, false},
	{"replied", N_("replied"), true, false},
	{"closed", N_("closed"), false, true},
};
/* clang-format on */

/* ---- reading a case ------------------------------------------------------ */

/* The fields of a case that its effects need beyond struct flow_item. */
struct crow {
	int64_t deputy;
	char deputy_level[8];
	char *number, *title, *content, *reply;
};

static void crow_release(struct flow_item *it)
{
	struct crow *c = it->own;
	if (!c)
		return;
	free(c->number);
	free(c->title);
	free(c->content);
	free(c->reply);
	free(c);
	it->own = NULL;
}

/* Reads a case within scope; RD_NOTFOUND for cases out of scope too. */
static int crow_read(sqlite3 *db, const struct scope *sc, int64_t id, struct flow_item *it)
{
	memset(it, 0, sizeof *it);
	static char sql[ROLE_COUNT + 1][SCOPE_TEXT];
	sqlite3_stmt *st = db_cached(
	    db,
	    scope_text(sql, sc,
	               "SELECT v.id, v.town_id, v.category_id, coalesce(v.lead_unit_id, 0), "
	               "coalesce(v.deputy_id, 0), v.version, v.rounds, v.state, "
	               "coalesce(v.level, ''), coalesce(d.level, ''), v.title, v.content, "
	               "v.reply, v.number FROM vcase v LEFT JOIN deputy d ON d.id = "
	               "v.deputy_id WHERE v.id = ?1 AND ",
	               case_scope_sql_of(sc)),
	    "i", id);
	if (!st)
		return RD_FAIL;
	case_scope_bind(st, sc);
	int rc = RD_OK;
	if (sqlite3_step(st) == SQLITE_ROW) {
		struct crow *c = xcalloc(1, sizeof *c);
		it->own = c;
		it->id = sqlite3_column_int64(st, 0);
		it->town = sqlite3_column_int64(st, 1);
		it->category = sqlite3_column_int64(st, 2);
		it->lead_unit = sqlite3_column_int64(st, 3);
		c->deputy = sqlite3_column_int64(st, 4);
		it->version = sqlite3_column_int64(st, 5);
		it->rounds = sqlite3_column_int(st, 6);
		snprintf(it->state, sizeof it->state, "%s", db_col(st, 7));
		snprintf(it->level, sizeof it->level, "%s", db_col(st, 8));
		snprintf(c->deputy_level, sizeof c->deputy_level, "%s", db_col(st, 9));
		c->title = db_col_dup(st, 10);
		c->content = db_col_dup(st, 11);
		c->reply = db_col_dup(st, 12);
		c->number = db_col_dup(st, 13);
	} else
		rc = err_set(RD_NOTFOUND, _("no case %lld within your scope"), (long long)id);
	db_done(st);
	return rc;
}

static char *case_name(const struct flow_item *it)
{
	const struct crow *c = it->own;
	return xasprintf(_("case %s"), c && c->number ? c->number : "?");
}

static char *case_number(const struct flow_item *it)
{
	const struct crow *c = it->own;
	return xstrdup(c && c->number ? c->number : "");
}

int case_find(sqlite3 *db, const struct scope *sc, const char *ref, int64_t *id)
{
	int rc = mod_find(db, sc,
	                  "SELECT v.id FROM vcase v WHERE (v.id = ?1 OR v.number = ?2) "
	                  "AND " CASE_SCOPE_SQL,
	                  case_scope_bind, ref, id);
	if (rc == RD_NOTFOUND)
		return err_set(RD_NOTFOUND, _("no case '%s' within your scope"), ref);
	return rc;
}

/* ---- who may act ----------------------------------------------------------- */

/* Clerks act within their town; a reviewing step is the office of the case's level. */
static int case_actor(struct flow_ctx *c)
{
	const struct scope *sc = c->sc;
	const struct flow_item *it = c->it;
	if (sc->role == ROLE_TOWN_CLERK && it->town != sc->town_id)
		return err_set(RD_DENIED, _("a town clerk acts only on the town's cases"));
	if (!(c->t->needs & WF_OFFICE) || sc->role == ROLE_ADMIN || sc->role == ROLE_CITY_CLERK)
		return RD_OK;
	if (sc->role == ROLE_TOWN_CLERK && !strcmp(it->level, "town"))
		return RD_OK;
	return err_set(RD_DENIED,
	               _("this case is reviewed by the %s office; a town clerk reviews only "
	                 "town-level cases of the town"),
	               !strcmp(it->level, "city") ? _("city") : _("town"));
}

/* ---- the effects of the steps ---------------------------------------------- */

static int set_level(struct flow_ctx *c, const char *level)
{
	return db_run(c->db, "UPDATE vcase SET level = ? WHERE id = ?", "ti", level, c->it->id);
}

/* A reply (the unit's, or the deputy's own): kept and indexed for search (generated data is
   indexed in bulk by its generator). */
static int eff_reply(struct flow_ctx *c)
{
	const struct crow *cr = c->it->own;
	int rc =
	    db_run(c->db, "UPDATE vcase SET reply = ? WHERE id = ?", "ti", c->a->text, c->it->id);
	if (!rc && !c->a->generated)
		rc = case_index(c->db, c->it->id, cr->title, cr->content, cr->reply);
	return rc;
}

/* Forwarded for review at the level asked for, else the deputy's (a station's: the town). */
static int eff_forward(struct flow_ctx *c)
{
	const struct crow *cr = c->it->own;
	const char *lvl = c->a->level && *c->a->level ? c->a->level
	                  : *cr->deputy_level         ? cr->deputy_level
	                                              : "town";
	return set_level(c, lvl);
}

/* The voter, unsatisfied with the deputy's own reply: the office of the deputy's level reviews it.
 */
static int eff_evaluate_deputy(struct flow_ctx *c)
{
	const struct crow *cr = c->it->own;
	return set_level(c, *cr->deputy_level ? cr->deputy_level : "town");
}

/*
 * The voter-issue flow (DESIGN 4.2). Columns: action, label, the history's word,
 * from, to, conditions (the evaluation given), roles, needs, clocks started,
 * stopped, cancelled, window clock, effect, what the console asks. The first
 * row whose conditions hold is taken; the first row is the creation step.
 */
/* clang-format off */
static const struct wf_trans trans[] = {
	{"receive", N_("Record a voter's issue"), N_("received"), "", "received", NULL,
	 WF_CLERKS, 0, NULL, NULL, NULL, NULL, NULL, WA_FORM, "case"},
	{"deputy-reply", N_("Record the deputy's own reply"), N_("replied by the deputy"), "received",
	 "deputy_replied", NULL, WF_CLERKS, WF_TEXT, NULL, NULL, NULL, NULL, eff_reply, WA_FORM,
	 "case-text"},
	{"forward", N_("Forward to the reviewing office (民情直通)"), N_("forwarded for review"),
	 "received|deputy_replied", "forwarded", NULL, WF_CLERKS, WF_LEVEL, NULL, NULL, NULL, NULL,
	 eff_forward, WA_FORM, "case-forward"},
	{"reject", N_("Reject, giving the reason"), N_("rejected"), "forwarded", "rejected", NULL,
	 WF_CLERKS, WF_TEXT | WF_OFFICE, NULL, NULL, NULL, NULL, NULL, WA_FORM, "case-text"},
	{"assign", N_("Assign to a handling unit"), N_("assigned"), "forwarded", "assigned", NULL,
	 WF_CLERKS, WF_UNIT | WF_OFFICE, "respond|reply|return", NULL, NULL, NULL, flow_eff_assign,
	 WA_FORM, "case-assign"},
	{"return", N_("Return as mis-assigned, giving the reason"), N_("returned as mis-assigned"),
	 "assigned", "forwarded", NULL, WF_UNITSIDE, WF_TEXT | WF_LEAD | WF_WINDOW, NULL, NULL,
	 "respond|reply|return|rehandle", "return", flow_eff_return, WA_FORM, "case-text"},
	{"respond", N_("Record the unit's response (回应)"), N_("responded"), "assigned",
	 "responded", NULL, WF_UNITSIDE, WF_TEXT | WF_LEAD, NULL, "respond", "return", NULL, NULL,
	 WA_FORM, "case-text"},
	{"reply", N_("Record the unit's reply (答复)"), N_("replied"), "assigned|responded",
	 "replied", NULL, WF_UNITSIDE, WF_TEXT | WF_LEAD, NULL, "respond|reply|rehandle", "return",
	 NULL, eff_reply, WA_FORM, "case-text"},
	{"evaluate", N_("Record the voter's evaluation"), N_("evaluated"), "deputy_replied|replied",
	 "closed", "satisfied|basic", WF_CLERKS, WF_EVAL, NULL, NULL, NULL, NULL, NULL, WA_FORM,
	 "case-evaluate"},
	{"evaluate", N_("Record the voter's evaluation"), N_("evaluated"), "deputy_replied",
	 "forwarded", "unsatisfied", WF_CLERKS, WF_EVAL, NULL, NULL, NULL, NULL, eff_evaluate_deputy,
	 WA_FORM, "case-evaluate"},
	{"evaluate", N_("Record the voter's evaluation"), N_("evaluated"), "replied", "assigned",
	 "unsatisfied", WF_CLERKS, WF_EVAL | WF_ROUND, "rehandle", NULL, NULL, NULL, NULL, WA_FORM,
	 "case-evaluate"},
	{"close", N_("Close without the voter's evaluation, giving the reason"), N_("closed"),
	 "deputy_replied|replied", "closed", NULL, WF_CLERKS, WF_TEXT, NULL, NULL, NULL, NULL, NULL,
	 WA_FORM, "case-text"},
	{"chase", N_("Chase the unit (催办)"), N_("chased"), "assigned|responded", NULL, NULL,
	 WF_CLERKS, WF_TEXT, NULL, NULL, NULL, NULL, NULL, WA_FORM, "case-text"},
};

/* The clocks; their lengths are the rows of wf_rule (migration 0003). */
static const struct wf_clock_def clocks[] = {
	{"respond", N_("response"), WC_DEADLINE, "respond", false},
	{"reply", N_("reply"), WC_DEADLINE, "reply", false},
	{"rehandle", N_("reply after re-handling"), WC_DEADLINE, "reply", false},
	{"return", N_("return of a mis-assigned case"), WC_WINDOW, NULL, false},
};
/* clang-format on */

const struct wf_def case_flow = {
    .name = "case",
    .table = "vcase",
    .units = "vcase_unit",
    .units_item = "case_id",
    .made = "submitted_at",
    .states = states,
    .nstates = N_OF(states),
    .trans = trans,
    .ntrans = N_OF(trans),
    .clocks = clocks,
    .nclocks = N_OF(clocks),
    .read = crow_read,
    .release = crow_release,
    .actor = case_actor,
    .name_of = case_name,
    .number_of = case_number,
};

/* ---- full-text indexes ------------------------------------------------- */

char *case_chars(const char *text)
{
	return chartok(&text, 1);
}

static char *joined_chars(const char *t, const char *c, const char *r)
{
	const char *texts[] = {t, c, r};
	return chartok(texts, 3);
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
			rc = db_run(db,
			            "INSERT INTO vcase_chars (vcase_chars, rowid, text) VALUES "
			            "('delete', ?, ?)",
			            "it", id, old);
		free(old);
	}
	if (!rc)
		rc = db_run(db,
		            "INSERT INTO vcase_fts (rowid, title, content, reply) "
		            "SELECT id, title, content, reply FROM vcase WHERE id = ?",
		            "i", id);
	sqlite3_stmt *st =
	    rc ? NULL
	       : db_cached(db, "SELECT title, content, reply FROM vcase WHERE id = ?", "i", id);
	if (!rc && !st)
		rc = RD_FAIL;
	if (st && sqlite3_step(st) == SQLITE_ROW) {
		char *now = joined_chars(db_col(st, 0), db_col(st, 1), db_col(st, 2));
		db_done(st);
		st = NULL;
		rc = db_run(db, "INSERT INTO vcase_chars (rowid, text) VALUES (?, ?)", "it", id,
		            now);
		free(now);
	}
	db_done(st);
	return rc;
}

int case_reindex(sqlite3 *db)
{
	if (db_begin(db))
		return RD_FAIL;
	int rc = db_exec(db, "INSERT INTO vcase_fts (vcase_fts) VALUES ('rebuild');"
	                     "INSERT INTO vcase_chars (vcase_chars) VALUES ('delete-all');");
	sqlite3_stmt *st =
	    rc ? NULL : db_prepare(db, "SELECT id, title, content, reply FROM vcase", "");
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

/* The numbers an import gave in its transaction, a year each (it holds the write lock:
   the next of a year is the last plus one). */
struct numbering {
	int n;
	struct {
		int year;
		long seq;
		char lo[40];
	} y[8];
};

/* The next number of the year at this site: 2026-000001, 2026-000002, ... (ZP-2026-000001 at a
   town's own site). nums, when not NULL, keeps the numbers given in this transaction. */
static int next_number(sqlite3 *db, int year, char out[48], struct numbering *nums)
{
	int k = 0;
	while (nums && k < nums->n && nums->y[k].year != year)
		k++;
	char lo[40];
	long seq;
	if (nums && k < nums->n) {
		seq = nums->y[k].seq;
		memcpy(lo, nums->y[k].lo, sizeof lo);
	} else {
		int rc = db_year_last(db, "vcase", "", year, lo, &seq);
		if (rc)
			return rc;
	}
	if (seq < 0 || seq >= 99999999)
		return err_set(RD_FAIL, _("no case number is left for %d"), year);
	snprintf(out, 48, "%.31s%06d", lo, (int)seq + 1);
	if (nums && k == nums->n && k < (int)(sizeof nums->y / sizeof nums->y[0])) {
		nums->y[k].year = year;
		memcpy(nums->y[k].lo, lo, sizeof lo);
		nums->n++;
	}
	if (nums && k < nums->n)
		nums->y[k].seq = seq + 1;
	return RD_OK;
}

bool case_may_add(const struct scope *sc)
{
	return flow_may_create(&case_flow, sc) == RD_OK;
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
	if (flow_lookup(db, "category", "category", c->category, category))
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
		return err_set(RD_INVALID, _("voter_phone: '%s' is not a phone number"),
		               c->voter_phone);
	if (c->submitted_at && *c->submitted_at) {
		if (!clock_parse(c->submitted_at, when))
			return err_set(RD_INVALID, _("submitted_at: '%s' is not an ISO 8601 time"),
			               c->submitted_at);
		if (*when > clock_now() + 300)
			return err_set(RD_INVALID, _("submitted_at: %s is in the future"),
			               c->submitted_at);
	} else
		*when = clock_now();
	int64_t t = 0;
	if (c->deputy && *c->deputy) {
		struct scope all = *sc;
		all.role =
		    ROLE_CITY_CLERK; /* a voter may reach any deputy; the town decides scope */
		if (deputy_find(db, &all, c->deputy, deputy))
			return err_set(RD_INVALID, _("%s: %s"), vocab_field("deputy_code"),
			               err_msg());
		/* A deputy who has left takes no new voter issues (from the leave date on). */
		if (deputy_check_in_office(db, *deputy, clock_day(*when), "deputy_code"))
			return RD_INVALID;
		db_int(db, &t, "SELECT town_id FROM deputy WHERE id = ?", "i", *deputy);
	}
	if (c->station && *c->station) {
		if (flow_lookup(db, "station", "station", c->station, station))
			return RD_INVALID;
		if (!t)
			db_int(db, &t, "SELECT town_id FROM station WHERE id = ?", "i", *station);
	}
	if (!*deputy && !*station)
		return err_set(RD_INVALID,
		               _("deputy_code: a case comes to a deputy or to a liaison station"));
	if (c->town && *c->town) {
		if (flow_lookup(db, "town", "town", c->town, town))
			return RD_INVALID;
	} else
		*town = t;
	if (sc->role == ROLE_TOWN_CLERK && *town != sc->town_id)
		return err_set(RD_DENIED, _("town: a town clerk records only the town's cases"));
	if (flow_may_create(&case_flow, sc))
		return RD_DENIED;
	return RD_OK;
}

/* A new case's references, resolved. */
struct resolved {
	int64_t deputy, station, town, category;
	time_t when;
	char at[CLOCK_BUF];
};

/* What an import knew of a row when it comes to write it (NULL for a case typed in). */
struct prior {
	const struct resolved *r; /* its references, resolved against the database as it still
	                             is; NULL: resolve them again */
	bool known_new;           /* found new in that same database, and the file holds it
	                             once: nothing to look for again */
	struct numbering *nums;   /* the numbers given in this transaction */
	struct resolved *found;   /* when not NULL, where the references resolved go */
};

/*
 * Checks a new case against the database without changing it: its fields and scope
 * (unless resolved says *r holds them, checked against the database as it still is),
 * then whether it is known already. RD_OK (new, *r filled), RD_EXISTS (*id is the
 * case), or an error with its message.
 */
static int check_new(sqlite3 *db, const struct scope *sc, const struct case_new *c,
                     struct resolved *r, bool resolved, int64_t *id)
{
	/* Scope and fields first: a known external_id is no way round them. */
	if (!resolved) {
		int rc = resolve_new(db, sc, c, &r->deputy, &r->station, &r->town, &r->category,
		                     &r->when);
		if (rc)
			return rc;
		clock_format(r->when, r->at);
	}
	const char *at = r->at;
	int64_t deputy = r->deputy, station = r->station;
	/* A case known already: by the intake page's id, the same one again adds nothing, another
	   under the same id is an error; without one, the same time, deputy (or station) and
	   title are the same case. */
	if (c->external_id && *c->external_id) {
		int64_t same = 0;
		if (db_int(db, id, "SELECT id FROM vcase WHERE external_id = ?", "t",
		           c->external_id) == RD_OK) {
			db_int(db, &same,
			       "SELECT title = ? AND content = ? AND submitted_at = ? FROM vcase "
			       "WHERE "
			       "id = ?",
			       "ttti", c->title, c->content, at, *id);
			if (!same)
				return err_set(
				    RD_INVALID,
				    _("external_id: %s is already case %lld, with other content"),
				    c->external_id, (long long)*id);
			return err_set(RD_EXISTS, _("external_id: %s is already case %lld"),
			               c->external_id, (long long)*id);
		}
	} else if (db_int(db, id,
	                  "SELECT id FROM vcase WHERE submitted_at = ? AND title = ? AND "
	                  "coalesce(deputy_id, 0) = ? AND coalesce(station_id, 0) = ?",
	                  "ttii", at, c->title, deputy, station) == RD_OK)
		return err_set(RD_EXISTS, _("the same voter issue is already case %lld"),
		               (long long)*id);
	return RD_OK;
}

/*
 * Adds a case inside the caller's transaction; its search indexes too when index is set.
 * pre, when not NULL, is what an import's check found of it.
 */
static int add_in_tx(sqlite3 *db, const struct scope *sc, const struct case_new *c, int64_t *id,
                     bool index, const struct prior *pre)
{
	struct resolved r;
	if (pre && pre->r)
		r = *pre->r;
	int rc =
	    pre && pre->r && pre->known_new ? RD_OK : check_new(db, sc, c, &r, pre && pre->r, id);
	if (rc)
		return rc;
	if (pre && pre->found)
		*pre->found = r;
	int64_t deputy = r.deputy, station = r.station, town = r.town, category = r.category;
	time_t when = r.when;
	const char *at = r.at;
	char now[CLOCK_BUF], number[48];
	clock_format(clock_now(), now);
	struct tm tm;
	localtime_r(&when, &tm);
	if ((rc = next_number(db, tm.tm_year + 1900, number, pre ? pre->nums : NULL)))
		return rc;
	if ((rc = db_new_id(db, "vcase", id)))
		return rc;
	rc = db_run(db,
	            "INSERT INTO vcase (id, number, external_id, submitted_at, channel, deputy_id, "
	            "station_id, town_id, category_id, title, content, voter_name, voter_phone, "
	            "private, state, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,'received',?)",
	            "ittttIIiitttt"
	            "dt",
	            *id, number, c->external_id && *c->external_id ? c->external_id : NULL, at,
	            c->channel, deputy, station, town, category, c->title, c->content,
	            c->voter_name ? c->voter_name : "", c->voter_phone ? c->voter_phone : "",
	            (int)c->private_case, now);
	if (rc)
		return rc;
	if (index)
		rc = case_index(db, *id, NULL, NULL, NULL);
	if (!rc)
		rc = flow_created(db, sc, &case_flow, *id, at, c->title, category, !c->private_case,
		                  false, NULL);
	return rc;
}

/* An import's page cache: 256 MiB (SQLite's cache_size counts KiB when negative). */
enum { BULK_CACHE_KIB = -262144 };

/* Sets the connection's page cache (PRAGMA cache_size). */
static void set_cache(sqlite3 *db, int64_t n)
{
	char sql[48];
	snprintf(sql, sizeof sql, "PRAGMA cache_size = %lld", (long long)n);
	sqlite3_exec(db, sql, NULL, NULL, NULL);
}

/* Sets how much merging of its segments every write into a search index does (FTS5's
   automerge; 4, its default, is what renda keeps). */
static int set_automerge(sqlite3 *db, int n)
{
	int rc =
	    db_run(db, "INSERT INTO vcase_fts (vcase_fts, rank) VALUES ('automerge', ?)", "i", n);
	if (!rc)
		rc = db_run(db,
		            "INSERT INTO vcase_chars (vcase_chars, rank) VALUES ('automerge', ?)",
		            "i", n);
	return rc;
}

/*
 * Indexes the cases lo..hi for search in two statements: FTS5 writes what it holds in
 * memory at the end of every statement, so one statement for many cases writes the
 * index once instead of once a case. For many cases (bulk) the indexes merge none of
 * their segments meanwhile: the new cases make a segment or two of each, which the
 * writes after them merge a little at a time (FTS5's automerge), outside this write
 * lock. Merged here, 50,000 cases into the million took 2.5 times as long (the trigram
 * index 0.35 s instead of 0.13 s), for two segments fewer of a dozen.
 */
static int index_range(sqlite3 *db, int64_t lo, int64_t hi, bool bulk)
{
	int rc = bulk ? set_automerge(db, 0) : RD_OK;
	if (!rc)
		rc =
		    db_run(db,
		           "INSERT INTO vcase_fts (rowid, title, content, reply) SELECT id, title, "
		           "content, reply FROM vcase WHERE id BETWEEN ? AND ?",
		           "ii", lo, hi);
	if (!rc)
		rc = db_run(db,
		            "INSERT INTO vcase_chars (rowid, text) SELECT id, renda_chars(title, "
		            "content, reply) FROM vcase WHERE id BETWEEN ? AND ?",
		            "ii", lo, hi);
	if (!rc && bulk)
		rc = set_automerge(db, 4);
	return rc;
}

struct adding {
	const struct scope *sc;
	const struct case_new *c;
	int64_t *id;
};

static int add_tx(sqlite3 *db, void *arg)
{
	const struct adding *x = arg;
	return add_in_tx(db, x->sc, x->c, x->id, true, NULL);
}

int case_add(sqlite3 *db, const struct scope *sc, const struct case_new *c, int64_t *id)
{
	/* Rehearsed outside the lock first (db_write()): a voter's issue comes in while the
	   clerks save theirs. */
	static const char kind = 0;
	return db_write(db, &kind, NULL, add_tx, &(struct adding){sc, c, id});
}

/* ---- comments and likes -------------------------------------------------- */

static int deputy_for_comment(sqlite3 *db, const struct scope *sc, int64_t id, const char *deputy,
                              int64_t *did)
{
	if (!case_may_comment(sc))
		return err_set(RD_DENIED, _("your role (%s) may not record deputies' comments"),
		               role_label(sc->role));
	struct flow_item c;
	int rc = crow_read(db, sc, id, &c);
	crow_release(&c);
	if (rc)
		return rc;
	/* Deputies comment on, rate and like the result of the handling. */
	if (!wf_in("deputy_replied|replied|closed|rejected", c.state))
		return err_set(RD_DENIED,
		               _("case %lld is %s: deputies comment on the handling once it has a "
		                 "result (a reply, a closing or a rejection)"),
		               (long long)id, flow_state_label(&case_flow, c.state));
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
	int64_t cid = 0;
	if (!rc)
		rc = db_new_id(db, "vcase_comment", &cid);
	if (!rc)
		rc = db_run(db,
		            "INSERT INTO vcase_comment (id, case_id, deputy_id, at, text, rating) "
		            "VALUES (?, ?, ?, ?, ?, nullif(?, 0))",
		            "iiittd", cid, id, did, at, text ? text : "", rating);
	if (!rc) {
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
	if (!rc && db_int(db, &x, "SELECT 1 FROM vcase_like WHERE case_id = ? AND deputy_id = ?",
	                  "ii", id, did) == RD_OK)
		rc = err_set(RD_EXISTS, _("deputy %s already liked this case"), deputy);
	char at[CLOCK_BUF];
	clock_format(clock_now(), at);
	if (!rc)
		rc = db_run(db, "INSERT INTO vcase_like (case_id, deputy_id, at) VALUES (?, ?, ?)",
		            "iit", id, did, at);
	if (!rc) {
		char after[96];
		snprintf(after, sizeof after, "{\"case_id\":%lld,\"deputy_id\":%lld}",
		         (long long)id, (long long)did);
		rc = audit_log(db, sc, "case_like", id, "like", NULL, after);
	}
	return db_end(db, rc);
}

int case_comments(sqlite3 *db, const struct scope *sc, int64_t id, struct tbl *out)
{
	static const char *const keys[] = {"at", "deputy", "code", "rating", "text"};
	struct flow_item c;
	int rc = crow_read(db, sc, id, &c);
	crow_release(&c);
	if (rc) {
		memset(out, 0, sizeof *out);
		return rc;
	}
	return tbl_read(db_prepare(db,
	                           "SELECT c.at, d.name, d.code, coalesce(c.rating, ''), c.text "
	                           "FROM vcase_comment c JOIN deputy d ON d.id = c.deputy_id "
	                           "WHERE c.case_id = ? ORDER BY c.id",
	                           "i", id),
	                keys, 5, out);
}

int case_likes(sqlite3 *db, const struct scope *sc, int64_t id, struct tbl *out)
{
	static const char *const keys[] = {"at", "deputy", "code"};
	struct flow_item c;
	int rc = crow_read(db, sc, id, &c);
	crow_release(&c);
	if (rc) {
		memset(out, 0, sizeof *out);
		return rc;
	}
	return tbl_read(db_prepare(db,
	                           "SELECT l.at, d.name, d.code FROM vcase_like l JOIN deputy d ON "
	                           "d.id = l.deputy_id WHERE l.case_id = ? ORDER BY l.at, d.code",
	                           "i", id),
	                keys, 3, out);
}

/* ---- listing ------------------------------------------------------------- */

/* Appends text to b as one FTS5 string ("..."; a quote doubled). */
static void fts_string(struct sbuf *b, const char *text, size_t len)
{
	sbuf_putc(b, '"');
	for (size_t i = 0; i < len; i++) {
		if (text[i] == '"')
			sbuf_putc(b, '"');
		sbuf_putc(b, text[i]);
	}
	sbuf_putc(b, '"');
}

/*
 * The query of the trigram index (FTS5, detail=none: no positions, so no phrases) for a text
 * of n >= 3 characters: its trigrams from the first on, every third, and the last, all
 * together ("abc" AND "def" AND "efg" for abcdefg), so that every character is in one.
 */
static char *fts_trigrams(const char *text, int n)
{
	/* Where each character starts, and where the text ends. */
	size_t *at = xcalloc((size_t)n + 1, sizeof *at);
	const char *p = text;
	for (int i = 0; i < n; i++) {
		at[i] = (size_t)(p - text);
		u8_decode(&p);
	}
	at[n] = (size_t)(p - text);
	struct sbuf b = SBUF_INIT;
	for (int i = 0;; i += 3) {
		if (i + 3 > n)
			i = n - 3; /* the last trigram, overlapping the one before */
		if (b.len)
			sbuf_puts(&b, " AND ");
		fts_string(&b, text + at[i], at[i + 3] - at[i]);
		if (i + 3 >= n)
			break;
	}
	free(at);
	return sbuf_take(&b);
}

int case_search_query(const char *text, char **match)
{
	int nchars = 0;
	for (const char *p = text; *p; nchars++)
		u8_decode(&p);
	if (nchars >= 3) {
		*match = fts_trigrams(text, nchars);
		return nchars == 3 ? CASE_SEARCH_TRIGRAM : CASE_SEARCH_TRIGRAMS;
	}
	*match = case_chars(text);
	return nchars == 2 ? CASE_SEARCH_PAIR : CASE_SEARCH_CHAR;
}

/* ---- one case ------------------------------------------------------------ */

/* One case, as case_info() shows it: %s are the deadline columns; ?1 masks, ?2 the id. */
#define CASE_INFO_SQL                                                                              \
	"SELECT v.id, v.number, v.submitted_at, v.channel, v.state, coalesce(v.level, ''), "       \
	"t.name, "                                                                                 \
	"c.name, coalesce(name_code(d.name, d.code), ''), coalesce(s.name, ''), "                  \
	"CASE WHEN ?1 THEN CASE WHEN v.voter_name = '' THEN '' ELSE '***' END ELSE v.voter_name "  \
	"END, "                                                                                    \
	"CASE WHEN ?1 THEN mask_phone(v.voter_phone) ELSE v.voter_phone END, v.private, v.title, " \
	"v.content, coalesce(u.name, ''), coalesce((SELECT group_concat(n.name, '; ') FROM "       \
	"vcase_unit cu JOIN unit n ON n.id = cu.unit_id WHERE cu.case_id = v.id AND cu.role = "    \
	"'support'), ''), v.reply, coalesce(v.evaluation, ''), v.rounds, "                         \
	"%s, %s, %s, "                                                                             \
	"(SELECT count(*) FROM vcase_like WHERE case_id = v.id), (SELECT count(*) FROM "           \
	"vcase_comment WHERE case_id = v.id), coalesce(v.external_id, ''), v.version "             \
	"FROM vcase v JOIN town t ON t.id = v.town_id JOIN category c ON c.id = v.category_id "    \
	"LEFT JOIN deputy d ON d.id = v.deputy_id LEFT JOIN station s ON s.id = v.station_id "     \
	"LEFT JOIN unit u ON u.id = v.lead_unit_id WHERE v.id = ?2 AND " CASE_SCOPE_SQL

int case_info(sqlite3 *db, const struct scope *sc, int64_t id, struct tbl *out)
{
	static const char *const keys[] = {
	    "id",          "number",        "submitted_at", "channel",    "state",
	    "level",       "town",          "category",     "deputy",     "station",
	    "voter_name",  "voter_phone",   "private",      "title",      "content",
	    "lead_unit",   "support_units", "reply",        "evaluation", "rounds",
	    "respond_due", "reply_due",     "overdue",      "likes",      "comments",
	    "external_id", "version",
	};
	memset(out, 0, sizeof *out);
	bool masked = sc->role == ROLE_VIEWER;
	/* The deadline columns come from the workflow's clock table. */
	char *sql = xasprintf(CASE_INFO_SQL, flow_due_sql(&case_flow, "v.id", "respond"),
	                      flow_due_sql(&case_flow, "v.id", "reply"),
	                      flow_cond_sql(&case_flow, "v.id", FC_OVERDUE));
	sqlite3_stmt *st = db_prepare(db, sql, "di", (int)masked, id);
	free(sql);
	if (!st)
		return RD_FAIL;
	case_scope_bind(st, sc);
	int rc = tbl_read(st, keys, N_OF(keys), out);
	if (!rc && !out->nrows) {
		tbl_free(out);
		rc = err_set(RD_NOTFOUND, _("no case %lld within your scope"), (long long)id);
	}
	/* A private case shows a viewer nothing of its content or handling. */
	if (!rc && masked && !strcmp(tbl_get(out, 0, "private"), "1")) {
		tbl_set(out, 0, "content", xstrdup(_("(private)")));
		tbl_set(out, 0, "reply", xstrdup(_("(private)")));
	}
	return rc;
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

/* A row's key for finding the file's cases twice: what check_new() looks a case up by. */
struct rowkey {
	char *key;
	size_t row;
};

static int rowkey_cmp(const void *a, const void *b)
{
	const struct rowkey *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	return c ? c : (x->row > y->row) - (x->row < y->row);
}

/*
 * The new rows (fresh) that the file holds after another row of the same case, by its
 * external_id or by its time, title, deputy and station: the database does not hold the
 * earlier one yet when the rows are checked, so these are looked for again as they are
 * written. Every other new row is new as checked (caller frees).
 */
static bool *same_twice(const struct case_new *rows, const struct resolved *res, const bool *fresh,
                        size_t n)
{
	bool *twice = xcalloc(n ? n : 1, sizeof *twice);
	struct rowkey *k = xcalloc(2 * n + 1, sizeof *k);
	size_t nk = 0;
	for (size_t r = 0; r < n; r++) {
		if (!fresh[r])
			continue;
		if (rows[r].external_id && *rows[r].external_id)
			k[nk++] = (struct rowkey){xasprintf("e%s", rows[r].external_id), r};
		k[nk++] =
		    (struct rowkey){xasprintf("s%s\x1f%s\x1f%lld\x1f%lld", res[r].at, rows[r].title,
		                              (long long)res[r].deputy, (long long)res[r].station),
		                    r};
	}
	xqsort(k, nk, sizeof *k, rowkey_cmp);
	for (size_t i = 1; i < nk; i++)
		if (!strcmp(k[i].key, k[i - 1].key))
			twice[k[i].row] = true;
	for (size_t i = 0; i < nk; i++)
		free(k[i].key);
	free(k);
	return twice;
}

/* A row of a file by the time of its case (its file order among equal times). */
struct rowtime {
	const char *at;
	size_t row;
};

static int rowtime_cmp(const void *a, const void *b)
{
	const struct rowtime *x = a, *y = b;
	int c = strcmp(x->at, y->at);
	return c ? c : (x->row > y->row) - (x->row < y->row);
}

/*
 * The order an import writes the rows of a file in: by the times of their cases (each a
 * time of the committee's zone, which sort as text), the file's among equal times. The
 * cases are numbered in the order of their times, and the indexes keyed by the time (the
 * statistics', a town's and a category's lists) take their entries one after another
 * instead of all over (50,000 rows in no order: 13% less time under the lock). Caller
 * frees.
 */
static size_t *written_order(const struct resolved *res, size_t n)
{
	struct rowtime *t = xcalloc(n ? n : 1, sizeof *t);
	for (size_t r = 0; r < n; r++)
		t[r] = (struct rowtime){res[r].at, r};
	xqsort(t, n, sizeof *t, rowtime_cmp);
	size_t *ord = xcalloc(n ? n : 1, sizeof *ord);
	for (size_t i = 0; i < n; i++)
		ord[i] = t[i].row;
	free(t);
	return ord;
}

/*
 * The triggers an import of many rows does without while it writes them: each fires for
 * every case, step and clock written (a tenth of the write lock's time for 50,000 rows),
 * to mark the case's deputy's points stale and to drop the cockpit's kept figures from its
 * day on. bulk_settled() has the same effect once for all the rows, then makes them
 * again; all in the import's transaction, so that no other connection sees them gone.
 */
static int bulk_defer(sqlite3 *db, struct sbuf *saved)
{
	sqlite3_stmt *st = db_prepare(db,
	                              "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' "
	                              "AND name IN ('kept_vcase_new', 'kept_wf_event_new', "
	                              "'kept_wf_clock_new', 'points_stale_vcase_new', "
	                              "'points_stale_step_new') ORDER BY name",
	                              "");
	return st ? db_defer(db, st, "TRIGGER", NULL, saved, "vcase") : RD_FAIL;
}

/* The deferred triggers' effect on the cases lo..hi and their steps and clocks: a case's
   step marks the same deputy as the case (stale_item), and the kept figures go from the
   earliest day any of them bears. */
static int bulk_settled(sqlite3 *db, int64_t lo, int64_t hi, struct sbuf *saved)
{
	int64_t *dep = NULL;
	size_t n = 0;
	char *from = NULL;
	/* One row at a time into the views: a SELECT into them would be copied into a
	   temporary table first. */
	int rc = hi ? db_ints(db, &dep, &n,
	                      "SELECT DISTINCT deputy_id FROM vcase WHERE id BETWEEN ? AND ? "
	                      "AND deputy_id IS NOT NULL",
	                      "ii", lo, hi)
	            : RD_OK;
	for (size_t i = 0; !rc && i < n; i++)
		rc = db_run(db, "INSERT INTO stale_deputy VALUES (?)", "i", dep[i]);
	free(dep);
	/* A case's creation step bears its time, the clocks it starts its day. */
	if (!rc && hi)
		rc = db_text(db, &from,
		             "SELECT min(submitted_at) FROM vcase WHERE id BETWEEN ? AND ?", "ii",
		             lo, hi);
	if (!rc && from)
		rc = db_run(db, "INSERT INTO cockpit_kept_from VALUES (?)", "t", from);
	free(from);
	if (!rc)
		return db_deferred_make(db, saved);
	sbuf_free(saved);
	return rc;
}

/* References an import resolved under its lock, by what the rows name and their day. */
struct known {
	const char *category, *deputy, *station, *town;
	int day;
	struct resolved r;
};
struct knowns {
	struct known k[64];
	int n, next;
};

static bool same_name(const char *a, const char *b)
{
	return a && b ? !strcmp(a, b) : !a == !b;
}

/* The entry of row c (its times res) in m, or NULL. */
static const struct known *known_find(const struct knowns *m, const struct case_new *c,
                                      const struct resolved *res)
{
	int day = clock_day(res->when);
	for (int i = 0; i < m->n; i++) {
		const struct known *k = &m->k[i];
		if (k->day == day && same_name(k->category, c->category) &&
		    same_name(k->deputy, c->deputy) && same_name(k->station, c->station) &&
		    same_name(k->town, c->town))
			return k;
	}
	return NULL;
}

/* Keeps r, what row c (its times res) resolved to, in place of the oldest entry. */
static void known_keep(struct knowns *m, const struct case_new *c, const struct resolved *res,
                       const struct resolved *r)
{
	int i = m->n < (int)(sizeof m->k / sizeof m->k[0]) ? m->n++ : m->next++ % m->n;
	m->k[i] =
	    (struct known){c->category, c->deputy, c->station, c->town, clock_day(res->when), *r};
}

int case_import(sqlite3 *db, const struct scope *sc, const char *path, struct import_report *rep)
{
	static const char *const cols[] = {"submitted_at", "deputy_code", "channel",  "voter_name",
	                                   "voter_phone",  "town",        "category", "title",
	                                   "content",      "external_id", "station",  "private"};
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
			rc = err_set(RD_INVALID, _("%s:1: the header has no column '%s'"), path,
			             cols[i]);
	}
	for (int c = 0; c < f.ncols && !rc; c++) {
		bool known = false;
		for (int i = 0; i < NCOLS; i++)
			known |= map[i] == c;
		if (!known)
			rc = err_set(RD_INVALID, _("%s:1: unknown column '%s'"), path, f.header[c]);
	}
	if (rc) {
		csvf_free(&f);
		return rc;
	}
	/*
	 * Every row is checked first, outside the write lock (other clerks save meanwhile):
	 * a file with a bad row changes nothing and never waits for the lock. The rows are
	 * then written in one transaction and indexed for search in one go. There each row is
	 * looked for again (the file may hold a case twice); its fields and references are
	 * checked again only when another connection changed the database since the check
	 * began (PRAGMA data_version tells).
	 */
	struct case_new *rows = xcalloc(f.nrows ? f.nrows : 1, sizeof *rows);
	struct resolved *res = xcalloc(f.nrows ? f.nrows : 1, sizeof *res);
	bool *fresh = xcalloc(f.nrows ? f.nrows : 1, sizeof *fresh);
	size_t nfresh = 0;
	int64_t seen = -1, now_v = -2;
	if (db_int(db, &seen, "PRAGMA data_version", ""))
		seen = -1;
	/* One read transaction for the checks: one snapshot, the shared lock taken once. */
	bool reading = sqlite3_exec(db, "BEGIN DEFERRED", NULL, NULL, NULL) == SQLITE_OK;
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
		rows[r] = (struct case_new){v[0], v[1], v[10], v[2], v[3], v[4],
		                            v[5], v[6], v[7],  v[8], v[9], priv};
		int64_t id;
		int crc = check_new(db, sc, &rows[r], &res[r], false, &id);
		if (crc == RD_OK) {
			fresh[r] = true;
			nfresh++;
		} else if (crc != RD_EXISTS) {
			sbuf_printf(&rep->errors, "%s:%d: %s\n", path, row->line, err_msg());
			rep->rejected++;
			if (crc == RD_FAIL)
				rc = RD_FAIL;
		}
	}
	if (reading)
		sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	bool *twice = rc || rep->rejected ? NULL : same_twice(rows, res, fresh, f.nrows);
	size_t *ord = twice ? written_order(res, f.nrows) : NULL;
	if (!rc && rep->rejected)
		rc = err_set(RD_INVALID, _("%s: %d rows rejected; nothing was imported"), path,
		             rep->rejected);
#ifdef RENDA_TEST_CLOCK
	/* The tests' way to change the database between the check and the write (a build
	   for the tests only, never a setgid run). */
	const char *between = getenv("RENDA_TEST_IMPORT_BETWEEN");
	if (!rc && between && *between && getuid() == geteuid() && getgid() == getegid()) {
		int src = system(between);
		(void)src;
	}
#endif
	if (rc || db_begin(db)) {
		free(rows);
		free(res);
		free(fresh);
		free(twice);
		free(ord);
		csvf_free(&f);
		return rc ? rc : RD_FAIL;
	}
	/* The rows' pages stay in memory until the commit instead of spilling to the log
	   (and being read back) under the lock: up to 256 MiB for this connection, taken
	   only as pages are changed. 50,000 voter issues change 77 MB of pages (1.5 KB a
	   row: the case, its step, its audit row, its index entries); at 64 MiB half of
	   them went to the log twice (28,262 frames for 18,862 pages), 30 ms more of the
	   1.2 s the lock was held over the demo's database (three runs each way); over a
	   million voter issues the difference is within the runs' spread (0.1 s). */
	int64_t cache = BULK_CACHE_KIB;
	bool bulk = nfresh > 1000; /* rows to add, not the file's: all known adds none */
	if (bulk && db_int(db, &cache, "PRAGMA cache_size", "") == RD_OK && cache > BULK_CACHE_KIB)
		set_cache(db, BULK_CACHE_KIB);
	struct sbuf deferred = SBUF_INIT;
	if (bulk)
		rc = bulk_defer(db, &deferred);
	if (db_int(db, &now_v, "PRAGMA data_version", ""))
		now_v = -2;
	bool still = seen >= 0 && now_v == seen;
	int64_t lo = 0, hi = 0;
	struct numbering nums = {0};
	struct knowns memo = {0};
	for (size_t i = 0; i < f.nrows && rc != RD_FAIL; i++) {
		size_t r = ord[i];
		const struct csv_row *row = &f.rows[r];
		int64_t id;
		struct prior pre = {still ? &res[r] : NULL, still && !twice[r], &nums, NULL};
		/* The database changed since the check: the row's references are resolved again,
		   once for all the rows that name the same ones on the same day (nothing else
		   writes while the lock is held), and its duplicate looked for again. */
		struct resolved again;
		bool anew = !still && fresh[r];
		const struct known *k = anew ? known_find(&memo, &rows[r], &res[r]) : NULL;
		if (k) {
			again = k->r;
			again.when = res[r].when;
			memcpy(again.at, res[r].at, sizeof again.at);
			pre.r = &again;
		} else if (anew)
			pre.found = &again;
		int arc = fresh[r] ? add_in_tx(db, sc, &rows[r], &id, false, &pre) : RD_EXISTS;
		if (anew && !k && arc == RD_OK)
			known_keep(&memo, &rows[r], &res[r], &again);
		if (arc == RD_EXISTS)
			rep->unchanged++;
		else if (arc == RD_OK) {
			rep->added++;
			if (!lo || id < lo)
				lo = id;
			if (id > hi)
				hi = id;
		} else {
			sbuf_printf(&rep->errors, "%s:%d: %s\n", path, row->line, err_msg());
			rep->rejected++;
			if (arc == RD_FAIL)
				rc = RD_FAIL;
		}
	}
	free(rows);
	free(res);
	free(fresh);
	free(twice);
	free(ord);
	csvf_free(&f);
	if (!rc && rep->rejected)
		rc = err_set(RD_INVALID, _("%s: %d rows rejected; nothing was imported"), path,
		             rep->rejected);
	if (bulk && !rc)
		rc = bulk_settled(db, lo, hi, &deferred);
	sbuf_free(&deferred);
	if (!rc && rep->added)
		rc = index_range(db, lo, hi, bulk);
	rc = db_end(db, rc);
	if (cache > BULK_CACHE_KIB && bulk)
		set_cache(db, cache);
	return rc;
}
