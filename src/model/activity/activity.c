#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/activity/activity.h"
#include "model/case/case_scope.h"
#include "model/core/db.h"
#include "model/core/msgtext.h"
#include "model/core/vocab.h"
#include "model/deputy/deputy.h"
#include "util/datetime.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/sbuf.h"
#include "util/u8.h"
#include "util/xalloc.h"

/* clang-format off */
static const struct wf_state states[] = {
	{"planned", N_("planned"), true, false},
	{"signup", N_("open for sign-up"), true, false},
	{"signup-closed", N_("sign-up closed"), true, false},
	{"recorded", N_("attendance recorded"), false, true},
	{"archived", N_("archived"), false, false},
	{"cancelled", N_("cancelled"), false, true},
};

static const struct { const char *kind, *label; } kinds[] = {
	{"meeting", N_("meeting sat in on (列席会议)")},
	{"inspection", N_("inspection (视察)")},
	{"research", N_("research (调研)")},
	{"enforcement", N_("law-enforcement check (执法检查)")},
	{"reception", N_("reception at a liaison station (进站接待)")},
	{"training", N_("training (培训)")},
	{"group", N_("deputy group activity (代表小组活动)")},
	{"report", N_("report-back to voters (述职)")},
	{"other", N_("other activity")},
};
/* clang-format on */

const char *activity_kind_label(const char *kind)
{
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (!strcmp(kinds[i].kind, kind))
			return _(kinds[i].label);
	return kind;
}

/* ---- reading an activity ------------------------------------------------------ */

/* The fields of an activity that its effects need beyond struct flow_item. */
struct arow {
	int64_t town, for_town, for_group;
	int capacity;
	int day; /* the day it starts */
	char for_level[8];
	char *number, *title;
};

static void arow_release(struct flow_item *it)
{
	struct arow *r = it->own;
	if (r) {
		free(r->number);
		free(r->title);
	}
	free(r);
	it->own = NULL;
}

/* Reads an activity within scope for the driver; RD_NOTFOUND out of scope. */
static int act_read(sqlite3 *db, const struct scope *sc, int64_t id, struct flow_item *it)
{
	memset(it, 0, sizeof *it);
	struct arow *r = xcalloc(1, sizeof *r);
	it->own = r;
	sqlite3_stmt *st = db_cached(db,
	                             "SELECT a.id, a.version, coalesce(a.town_id, 0), a.state, "
	                             "coalesce(a.for_town_id, 0), coalesce(a.for_group_id, 0), "
	                             "a.capacity, substr(a.starts_at, 1, 10), "
	                             "coalesce(a.for_level, ''), a.number, a.title FROM activity a "
	                             "WHERE a.id = ?1 AND " ACTIVITY_SCOPE_SQL,
	                             "i", id);
	if (!st)
		return RD_FAIL;
	case_scope_bind(st, sc);
	int rc = RD_OK;
	if (sqlite3_step(st) == SQLITE_ROW) {
		it->id = sqlite3_column_int64(st, 0);
		it->version = sqlite3_column_int64(st, 1);
		r->town = it->town = sqlite3_column_int64(st, 2);
		snprintf(it->state, sizeof it->state, "%s", db_col(st, 3));
		snprintf(it->level, sizeof it->level, "%s", r->town ? "town" : "city");
		r->for_town = sqlite3_column_int64(st, 4);
		r->for_group = sqlite3_column_int64(st, 5);
		r->capacity = sqlite3_column_int(st, 6);
		if (!date_parse(db_col(st, 7), &r->day))
			r->day = clock_today();
		snprintf(r->for_level, sizeof r->for_level, "%s", db_col(st, 8));
		r->number = db_col_dup(st, 9);
		r->title = db_col_dup(st, 10);
	} else
		rc = err_set(RD_NOTFOUND, _("no activity %lld within your scope"), (long long)id);
	db_done(st);
	return rc;
}

static char *act_name(const struct flow_item *it)
{
	const struct arow *r = it->own;
	return xasprintf(_("activity %s"), r && r->number ? r->number : "?");
}

int activity_may_open(const struct scope *sc)
{
	if (sc->role == ROLE_UNIT)
		return err_set(RD_DENIED, _("a unit operator has no activities of deputies"));
	return RD_OK;
}

int activity_find(sqlite3 *db, const struct scope *sc, const char *ref, int64_t *id)
{
	int rc = mod_find(db, sc,
	                  "SELECT a.id FROM activity a WHERE (a.id = ?1 OR a.number = ?2 "
	                  "COLLATE NOCASE) AND " ACTIVITY_SCOPE_SQL,
	                  case_scope_bind, ref, id);
	if (rc == RD_NOTFOUND)
		return err_set(RD_NOTFOUND, _("no activity '%s' within your scope"), ref);
	return rc;
}

/* ---- planning ----------------------------------------------------------------- */

bool activity_may_add(const struct scope *sc)
{
	return flow_may_create(&activity_flow, sc) == RD_OK || (err_clear(), false);
}

/*
 * A time as "YYYY-MM-DD" or "YYYY-MM-DD HH:MM" (also with T, or seconds, which are
 * dropped) into out; *day its day. False when it is neither.
 */
static bool parse_when(const char *s, char out[17], int *day)
{
	char d[11];
	if (!s || strlen(s) < 10)
		return false;
	memcpy(d, s, 10);
	d[10] = '\0';
	if (!date_parse(d, day))
		return false;
	if (!s[10]) {
		snprintf(out, 17, "%s", d);
		return true;
	}
	int h, m, n = 0;
	if ((s[10] != ' ' && s[10] != 'T') || sscanf(s + 11, "%2d:%2d%n", &h, &m, &n) != 2 ||
	    n != 5 || h < 0 || h > 23 || m < 0 || m > 59 || (s[16] && s[16] != ':'))
		return false;
	snprintf(out, 17, "%s %02d:%02d", d, h, m);
	return true;
}

/* The next number of the year at this site: HD2026-001 (ZP-HD2026-001 at a town's site). */
static int next_number(sqlite3 *db, int year, char out[48])
{
	char lo[40];
	long seq;
	int rc = db_year_last(db, "activity", "HD", year, lo, &seq);
	if (rc)
		return rc;
	if (seq < 0 || seq >= 99999)
		return err_set(RD_FAIL, _("no activity number is left for %d"), year);
	snprintf(out, 48, "%.31s%03d", lo, (int)seq + 1);
	return RD_OK;
}

/* Looks up an optional reference (NULL or "" gives 0). */
static int optional_ref(sqlite3 *db, const char *table, const char *field, const char *v,
                        int64_t *id)
{
	*id = 0;
	if (!v || !*v)
		return RD_OK;
	return flow_lookup(db, table, field, v, id);
}

int activity_add_tx(sqlite3 *db, const struct scope *sc, const struct activity_new *n, int64_t *id)
{
	char now[CLOCK_BUF], starts[17], ends[17] = "";
	int today, sday, eday;
	int rc = flow_time(n->at, now, &today);
	if (rc)
		return rc;
	if ((rc = flow_may_create(&activity_flow, sc)))
		return rc;
	if (!n->kind || !wf_in(ACTIVITY_KINDS, n->kind))
		return err_set(RD_INVALID, _("kind: '%s' is not one of %s"), n->kind ? n->kind : "",
		               ACTIVITY_KINDS);
	if (!n->title || !*n->title)
		return err_set(RD_INVALID, _("title: required"));
	if (u8_width(n->title) > 200)
		return err_set(RD_INVALID,
		               _("title: at most 200 columns (100 Chinese characters)"));
	if (!n->starts || !parse_when(n->starts, starts, &sday))
		return err_set(RD_INVALID,
		               _("starts: '%s' is not a day YYYY-MM-DD or a time "
		                 "YYYY-MM-DD HH:MM"),
		               n->starts ? n->starts : "");
	if (n->ends && *n->ends) {
		if (!parse_when(n->ends, ends, &eday))
			return err_set(RD_INVALID,
			               _("ends: '%s' is not a day YYYY-MM-DD or a time YYYY-MM-DD "
			                 "HH:MM"),
			               n->ends);
		if (strcmp(ends, starts) < 0)
			return err_set(RD_INVALID, _("ends: %s is before the start %s"), ends,
			               starts);
	}
	if (!n->place || !*n->place)
		return err_set(RD_INVALID, _("place: where the activity is held is required"));
	if (n->capacity < 0)
		return err_set(RD_INVALID,
		               _("capacity: %d is not a number of places (0: no limit)"),
		               n->capacity);
	const char *level = n->for_level && *n->for_level ? n->for_level : NULL;
	if (level && strcmp(level, "city") && strcmp(level, "town"))
		return err_set(RD_INVALID, _("for-level: '%s' is not city or town"), level);
	int64_t town = 0, for_town = 0, for_group = 0;
	if (optional_ref(db, "town", "town", n->town, &town) ||
	    optional_ref(db, "town", "for-town", n->for_town, &for_town) ||
	    optional_ref(db, "deputy_group", "for-group", n->for_group, &for_group))
		return RD_INVALID;
	/* A town clerk plans the town's own activities. */
	if (sc->role == ROLE_TOWN_CLERK) {
		if (town && town != sc->town_id)
			return err_set(RD_DENIED,
			               _("town: a town clerk plans only the activities of "
			                 "the town"));
		town = sc->town_id;
	}
	if (town && for_town && for_town != town)
		return err_set(RD_INVALID, _("for-town: a town's activity is for the deputies of "
		                             "that town"));
	if (for_group) {
		int64_t gt = 0;
		db_int(db, &gt, "SELECT town_id FROM deputy_group WHERE id = ?", "i", for_group);
		if ((town && gt != town) || (for_town && gt != for_town))
			return err_set(RD_INVALID, _("for-group: %s is a group of another town"),
			               n->for_group);
	}
	char *organiser = NULL;
	if (n->organiser && *n->organiser)
		organiser = xstrdup(n->organiser);
	else if (town)
		db_text(db, &organiser, "SELECT body FROM town WHERE id = ?", "i", town);
	else
		db_text(db, &organiser,
		        "SELECT name FROM office WHERE code = 'DBW' UNION ALL SELECT NULL LIMIT 1",
		        "");
	if (!organiser || !*organiser) {
		free(organiser);
		organiser = xstrdup(_("the standing committee"));
	}
	char number[48];
	int y, m, d;
	date_to_ymd(sday, &y, &m, &d);
	if (!(rc = next_number(db, y, number)))
		rc = db_new_id(db, "activity", id);
	if (!rc)
		rc = db_run(
		    db,
		    "INSERT INTO activity (id, number, kind, title, organiser, town_id, starts_at, "
		    "ends_at, place, capacity, for_level, for_town_id, for_group_id, content, "
		    "state, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
		    "?, 'planned', ?, ?)",
		    "itttt"
		    "Itttd"
		    "tIIttt",
		    *id, number, n->kind, n->title, organiser, town, starts, ends, n->place,
		    n->capacity, level, for_town, for_group, n->content ? n->content : "", now,
		    now);
	free(organiser);
	if (rc)
		return rc;
	return flow_created(db, sc, &activity_flow, *id, now, n->title, 0, true, n->generated,
	                    NULL);
}

int activity_add(sqlite3 *db, const struct scope *sc, const struct activity_new *n, int64_t *id)
{
	if (db_begin(db))
		return RD_FAIL;
	return db_end(db, activity_add_tx(db, sc, n, id));
}

/* ---- the deputies of a step ------------------------------------------------------ */

/*
 * Resolves a deputy named in a step (code or #id) and checks that the activity is
 * for them: of its town (a town's activity), level, town and group, in office on its
 * day. A deputy the clerk's scope does not cover is named by the code given only.
 */
static int step_deputy(struct flow_ctx *c, const char *ref, int64_t *id, char **name)
{
	const struct arow *r = c->it->own;
	struct scope all = *c->sc;
	all.role = ROLE_CITY_CLERK;
	*name = NULL;
	if (!ref || !*ref)
		return err_set(RD_INVALID, _("%s: a deputy's code is required"),
		               vocab_field("deputy"));
	if (deputy_find(c->db, &all, ref, id))
		return err_set(RD_INVALID, _("%s: %s"), vocab_field("deputy"), err_msg());
	sqlite3_stmt *st = db_cached(c->db,
	                             "SELECT name, level, town_id, coalesce(group_id, 0), "
	                             "coalesce(joined_date, '') FROM deputy WHERE id = ?",
	                             "i", *id);
	if (!st || sqlite3_step(st) != SQLITE_ROW) {
		db_done(st);
		return err_set(RD_INVALID, _("%s: no deputy '%s'"), vocab_field("deputy"), ref);
	}
	int64_t town = sqlite3_column_int64(st, 2), group = sqlite3_column_int64(st, 3);
	char level[8];
	snprintf(level, sizeof level, "%s", db_col(st, 1));
	*name = scope_covers_town(c->sc, town) ? xasprintf(_("%s (%s)"), db_col(st, 0), ref)
	                                       : xstrdup(ref);
	char *plain = xstrdup(db_col(st, 0));
	int joined = 0;
	date_parse(db_col(st, 4), &joined);
	db_done(st);
	int rc = RD_OK;
	if ((r->town && town != r->town) || (r->for_town && town != r->for_town))
		rc = err_set(RD_INVALID, _("%s: %s is not a deputy of the activity's town"),
		             vocab_field("deputy"), *name);
	else if (*r->for_level && strcmp(level, r->for_level))
		rc =
		    err_set(RD_INVALID,
		            !strcmp(r->for_level, "city")
		                ? _("%s: %s is not a city-level deputy: the activity is for those")
		                : _("%s: %s is not a town-level deputy: the activity is for those"),
		            vocab_field("deputy"), *name);
	else if (r->for_group && group != r->for_group)
		rc = err_set(RD_INVALID, _("%s: %s is not of the deputy group the activity is for"),
		             vocab_field("deputy"), *name);
	else if (joined > r->day) {
		char jd[11];
		date_format(joined, jd);
		rc = err_set(RD_INVALID, _("%s: %s took office only on %s, after the activity"),
		             vocab_field("deputy"), *name, jd);
	} else
		rc = deputy_check_in_office(c->db, *id, r->day, "deputy");
	if (!rc) {
		free(*name);
		*name = plain;
	} else
		free(plain);
	return rc;
}

/* The status of the deputy's sign-up (a new string), or NULL when none. */
static char *signup_status(struct flow_ctx *c, int64_t deputy)
{
	char *s = NULL;
	db_text(c->db, &s,
	        "SELECT status FROM activity_signup WHERE activity_id = ? AND deputy_id = ?", "ii",
	        c->it->id, deputy);
	return s;
}

/* RD_OK while the activity has a place left for one more confirmed deputy. */
static int check_place(struct flow_ctx *c)
{
	const struct arow *r = c->it->own;
	int64_t n = 0;
	if (!r->capacity)
		return RD_OK;
	int rc = db_int(c->db, &n,
	                "SELECT count(*) FROM activity_signup WHERE activity_id = ? AND status = "
	                "'confirmed'",
	                "i", c->it->id);
	if (!rc && n >= r->capacity)
		rc = err_set(RD_DENIED, _("the activity is full: %d places, all confirmed"),
		             r->capacity);
	return rc;
}

enum step_kind { SK_SIGNUP, SK_CONFIRM, SK_WITHDRAW, SK_PRESENT, SK_LEAVE, SK_ABSENT };

/* One deputy's part of a step. */
static int one_deputy(struct flow_ctx *c, enum step_kind k, int64_t d, const char *ref,
                      const char *name)
{
	char *status = signup_status(c, d);
	int rc = RD_OK;
	switch (k) {
	case SK_SIGNUP:
		if (status && wf_in("requested|confirmed", status))
			rc = err_set(RD_EXISTS, _("deputy: %s has signed up already"), name);
		else if (!(rc = check_place(c)))
			rc = db_run(
			    c->db,
			    "INSERT OR REPLACE INTO activity_signup (activity_id, deputy_id, "
			    "status, signed_at) VALUES (?, ?, 'requested', ?)",
			    "iit", c->it->id, d, c->now);
		break;
	case SK_CONFIRM: {
		bool yes = !strcmp(c->a->answer, "confirm");
		if (!status || strcmp(status, "requested"))
			rc = err_set(RD_INVALID,
			             _("deputy: %s has no sign-up waiting for an answer"), name);
		else if (!yes || !(rc = check_place(c)))
			rc = db_run(c->db,
			            "UPDATE activity_signup SET status = ?, answered_at = ? WHERE "
			            "activity_id = ? AND deputy_id = ?",
			            "ttii", yes ? "confirmed" : "declined", c->now, c->it->id, d);
		break;
	}
	case SK_WITHDRAW: {
		int64_t marked = 0;
		db_int(c->db, &marked,
		       "SELECT count(*) FROM activity_attendance WHERE activity_id = ? AND "
		       "deputy_id = ?",
		       "ii", c->it->id, d);
		if (!status || !wf_in("requested|confirmed", status))
			rc = err_set(RD_INVALID, _("deputy: %s has not signed up"), name);
		else if (marked)
			rc = err_set(RD_DENIED,
			             _("deputy: %s is recorded in the attendance already: record a "
			               "leave instead"),
			             name);
		else
			rc = db_run(c->db,
			            "UPDATE activity_signup SET status = 'withdrawn', answered_at "
			            "= ? WHERE "
			            "activity_id = ? AND deputy_id = ?",
			            "tii", c->now, c->it->id, d);
		break;
	}
	case SK_PRESENT:
	case SK_LEAVE:
	case SK_ABSENT: {
		const char *mark = k == SK_PRESENT ? "present" : k == SK_LEAVE ? "leave" : "absent";
		char *last = NULL;
		db_text(c->db, &last,
		        "SELECT status FROM activity_attendance WHERE activity_id = ? AND "
		        "deputy_id = ? "
		        "ORDER BY id DESC LIMIT 1",
		        "ii", c->it->id, d);
		if (!status || strcmp(status, "confirmed"))
			rc = err_set(RD_INVALID,
			             _("deputy: %s has no confirmed sign-up for the activity"),
			             name);
		else if (last && !strcmp(last, mark) && k != SK_LEAVE)
			rc = err_set(RD_EXISTS, _("deputy: %s is recorded so already"), name);
		else {
			/* An id of this site's range: the row travels with its activity. */
			int64_t aid = 0;
			rc = db_new_id(c->db, "activity_attendance", &aid);
			if (!rc)
				rc = db_run(
				    c->db,
				    "INSERT INTO activity_attendance (id, activity_id, deputy_id, "
				    "status, reason, recorded_at, account) VALUES (?, ?, ?, ?, ?, "
				    "?, ?)",
				    "iiittt"
				    "t",
				    aid, c->it->id, d, mark, k == SK_LEAVE ? c->a->text : "",
				    c->now, c->sc->login);
		}
		free(last);
		break;
	}
	}
	(void)ref;
	free(status);
	return rc;
}

/* A step on the deputies named (a->deputies): each one's part, and their names as the text. */
static int deputies_step(struct flow_ctx *c, enum step_kind k)
{
	const struct arow *r = c->it->own;
	if (c->a->ndeputies <= 0)
		return err_set(RD_INVALID, _("deputy: name the deputies (--deputy CODE)"));
	if (k == SK_CONFIRM &&
	    (!c->a->answer || (strcmp(c->a->answer, "confirm") && strcmp(c->a->answer, "decline"))))
		return err_set(RD_INVALID, _("answer: '%s' is not confirm or decline"),
		               c->a->answer ? c->a->answer : "");
	if (k >= SK_PRESENT && r->day > c->today) {
		char d[11];
		date_format(r->day, d);
		return err_set(RD_DENIED,
		               _("the activity is on %s: attendance is recorded once it "
		                 "was held"),
		               d);
	}
	struct sbuf names = SBUF_INIT;
	int rc = RD_OK;
	for (int i = 0; !rc && i < c->a->ndeputies; i++) {
		int64_t d;
		char *name = NULL;
		rc = step_deputy(c, c->a->deputies[i], &d, &name);
		/* A deputy named twice is one. */
		for (int j = 0; !rc && j < i; j++)
			if (!strcmp(c->a->deputies[j], c->a->deputies[i]))
				rc = err_set(RD_INVALID, _("deputy: %s is named twice"), name);
		if (!rc)
			rc = one_deputy(c, k, d, c->a->deputies[i], name);
		if (!rc)
			sbuf_printf(&names, "%s%s", names.len ? "、" : "", name);
		free(name);
	}
	if (!rc) {
		if (k == SK_CONFIRM) { /* the answer to a sign-up, not a co-signer's (vocab.c) */
			sbuf_puts(&c->text, sbuf_str(&names));
			sbuf_printf(&c->text, ": %s-signup", c->a->answer);
		} else if ((k == SK_LEAVE || k >= SK_PRESENT) && c->a->text && *c->a->text)
			/* The names and the reason, joined as the reader's language joins them
			   (郑平：外出学习). */
			msgtext_add(&c->text, N_("%s: %s"), sbuf_str(&names), c->a->text);
		else
			sbuf_puts(&c->text, sbuf_str(&names));
	}
	sbuf_free(&names);
	return rc;
}

static int eff_signup(struct flow_ctx *c)
{
	return deputies_step(c, SK_SIGNUP);
}

static int eff_confirm(struct flow_ctx *c)
{
	return deputies_step(c, SK_CONFIRM);
}

static int eff_withdraw(struct flow_ctx *c)
{
	return deputies_step(c, SK_WITHDRAW);
}

static int eff_present(struct flow_ctx *c)
{
	return deputies_step(c, SK_PRESENT);
}

static int eff_leave(struct flow_ctx *c)
{
	return deputies_step(c, SK_LEAVE);
}

static int eff_absent(struct flow_ctx *c)
{
	return deputies_step(c, SK_ABSENT);
}

/* The record is complete when every confirmed deputy is recorded present, on leave or absent. */
static int eff_record(struct flow_ctx *c)
{
	char *missing = NULL;
	int64_t n = 0;
	int rc = db_int(c->db, &n,
	                "SELECT count(*) FROM activity_signup s WHERE s.activity_id = ?1 AND "
	                "s.status = 'confirmed' AND NOT EXISTS (SELECT 1 FROM activity_attendance "
	                "x WHERE x.activity_id = ?1 AND x.deputy_id = s.deputy_id)",
	                "i", c->it->id);
	if (rc || !n)
		return rc;
	db_text(
	    c->db, &missing,
	    "SELECT group_concat(name, '、') FROM (SELECT d.name FROM activity_signup s JOIN "
	    "deputy d ON d.id = s.deputy_id WHERE s.activity_id = ?1 AND s.status = 'confirmed' "
	    "AND NOT EXISTS (SELECT 1 FROM activity_attendance x WHERE x.activity_id = ?1 AND "
	    "x.deputy_id = s.deputy_id) ORDER BY d.code LIMIT 10)",
	    "i", c->it->id);
	rc = err_set(RD_DENIED,
	             P_("the attendance of %lld confirmed deputy is not recorded yet: %s",
	                "the attendance of %lld confirmed deputies is not recorded yet: %s",
	                (unsigned long)n),
	             (long long)n, missing ? missing : "");
	free(missing);
	return rc;
}

/* A town's activities are its clerks'; the city's clerks run every activity. */
static int act_actor(struct flow_ctx *c)
{
	if (c->sc->role == ROLE_TOWN_CLERK && c->it->town != c->sc->town_id)
		return err_set(RD_DENIED, _("a town clerk runs only the activities of the town"));
	return RD_OK;
}

/*
 * The flow of an activity (DESIGN 4.5). Columns: action, label, the history's
 * word, from, to (NULL stays), conditions, roles, needs, clocks started,
 * stopped, cancelled, window clock, effect, what the console asks.
 */
/* clang-format off */
static const struct wf_trans trans[] = {
	{"plan", N_("Plan an activity"), N_("planned"), "", "planned", NULL, WF_CLERKS, 0, NULL,
	 NULL, NULL, NULL, NULL, WA_NONE, NULL},
	{"open", N_("Open it for sign-up (点单)"), N_("opened for sign-up"), "planned", "signup", NULL,
	 WF_CLERKS, 0, NULL, NULL, NULL, NULL, NULL, WA_CONFIRM, NULL},
	{"sign-up", N_("Record deputies' sign-up (点单)"), N_("signed up"), "signup", NULL, NULL,
	 WF_CLERKS, WF_DEPUTY, NULL, NULL, NULL, NULL, eff_signup, WA_PICK, "sign-up"},
	{"confirm", N_("Confirm or decline sign-ups"), N_("sign-ups answered"), "signup|signup-closed", NULL,
	 NULL, WF_CLERKS, WF_DEPUTY, NULL, NULL, NULL, NULL, eff_confirm, WA_PICK, "confirm"},
	{"withdraw-signup", N_("Record that deputies withdrew their sign-up"),
	 N_("sign-up withdrawn"), "signup|signup-closed", NULL, NULL, WF_CLERKS, WF_DEPUTY, NULL, NULL, NULL,
	 NULL, eff_withdraw, WA_PICK, "withdraw"},
	{"close-signup", N_("Close the sign-up"), N_("sign-up closed"), "signup", "signup-closed", NULL,
	 WF_CLERKS, 0, NULL, NULL, NULL, NULL, NULL, WA_CONFIRM, NULL},
	{"present", N_("Record deputies present (出席)"), N_("present"), "signup-closed|recorded", NULL,
	 NULL, WF_CLERKS, WF_DEPUTY, NULL, NULL, NULL, NULL, eff_present, WA_PICK, "present"},
	{"leave", N_("Record deputies on leave (请假), with the reason"), N_("on leave"),
	 "signup-closed|recorded", NULL, NULL, WF_CLERKS, WF_DEPUTY | WF_TEXT, NULL, NULL, NULL, NULL,
	 eff_leave, WA_PICK, "leave"},
	{"absent", N_("Record deputies absent without leave (缺席)"), N_("absent"),
	 "signup-closed|recorded", NULL, NULL, WF_CLERKS, WF_DEPUTY, NULL, NULL, NULL, NULL, eff_absent,
	 WA_PICK, "absent"},
	{"record", N_("Complete the attendance record"), N_("attendance recorded"), "signup-closed",
	 "recorded", NULL, WF_CLERKS, 0, NULL, NULL, NULL, NULL, eff_record, WA_CONFIRM, NULL},
	{"archive", N_("Archive the activity"), N_("archived"), "recorded", "archived", NULL,
	 WF_CLERKS, 0, NULL, NULL, NULL, NULL, NULL, WA_CONFIRM, NULL},
	{"cancel", N_("Cancel the activity, giving the reason"), N_("cancelled"),
	 "planned|signup|signup-closed", "cancelled", NULL, WF_CLERKS, WF_TEXT, NULL, NULL, NULL, NULL, NULL,
	 WA_PROMPT, N_("Why it is cancelled:")},
};
/* clang-format on */

static struct pager *pick_eligible(sqlite3 *db, const struct scope *sc, int64_t id)
{
	return listing_activity_deputies(db, sc, id, AD_ELIGIBLE);
}

static struct pager *pick_requested(sqlite3 *db, const struct scope *sc, int64_t id)
{
	return listing_activity_deputies(db, sc, id, AD_REQUESTED);
}

static struct pager *pick_signed(sqlite3 *db, const struct scope *sc, int64_t id)
{
	return listing_activity_deputies(db, sc, id, AD_SIGNED);
}

static struct pager *pick_confirmed(sqlite3 *db, const struct scope *sc, int64_t id)
{
	return listing_activity_deputies(db, sc, id, AD_CONFIRMED);
}

/* clang-format off */
static const struct wf_pick picks[] = {
	{"sign-up", N_("%s: the deputies who sign up (Space marks, Enter goes on)"), true, "code",
	 pick_eligible, WP_DEPUTIES, WA_CONFIRM, NULL},
	{"confirm", N_("%s: whose sign-up to answer (Space marks, Enter goes on)"), true, "code",
	 pick_requested, WP_DEPUTIES, WA_CHOICE, "activity-confirm:answer"},
	{"withdraw", N_("%s: who withdrew their sign-up (Space marks, Enter goes on)"), true, "code",
	 pick_signed, WP_DEPUTIES, WA_CONFIRM, NULL},
	{"present", N_("%s: the deputies present (Space marks, Enter goes on)"), true, "code",
	 pick_confirmed, WP_DEPUTIES, WA_CONFIRM, NULL},
	{"leave", N_("%s: the deputies on leave (Space marks, Enter goes on)"), true, "code",
	 pick_confirmed, WP_DEPUTIES, WA_PROMPT, N_("Reason for the leave:")},
	{"absent", N_("%s: the deputies absent without leave (Space marks, Enter goes on)"), true,
	 "code", pick_confirmed, WP_DEPUTIES, WA_CONFIRM, NULL},
};
/* clang-format on */

const struct wf_def activity_flow = {
    .name = "activity",
    .table = "activity",
    .states = states,
    .nstates = N_OF(states),
    .trans = trans,
    .ntrans = N_OF(trans),
    .picks = picks,
    .npicks = N_OF(picks),
    .read = act_read,
    .release = arow_release,
    .actor = act_actor,
    .name_of = act_name,
};

/* ---- attendance in one go ---------------------------------------------------------- */

int activity_mark(sqlite3 *db, const struct scope *sc, int64_t id, const struct activity_marks *m)
{
	if (!m->npresent && !m->nleave && !m->nabsent && !m->done)
		return err_set(RD_INVALID,
		               _("name deputies present, on leave or absent, or --done"));
	if (db_begin(db))
		return RD_FAIL;
	int rc = RD_OK;
	int64_t version = m->version;
	struct {
		const char *action;
		const char *const *who;
		int n;
	} steps[] = {
	    {"present", m->present, m->npresent},
	    {"leave", m->leave, m->nleave},
	    {"absent", m->absent, m->nabsent},
	};
	for (size_t i = 0; !rc && i < sizeof steps / sizeof steps[0]; i++) {
		if (!steps[i].n)
			continue;
		struct flow_args a = {.deputies = steps[i].who,
		                      .ndeputies = steps[i].n,
		                      .text = i == 1 ? m->reason : NULL,
		                      .version = version};
		rc = flow_act_tx(db, sc, &activity_flow, id, steps[i].action, &a);
		version = 0; /* the version seen is that of the first step */
	}
	if (!rc && m->done) {
		struct flow_args a = {.version = version};
		rc = flow_act_tx(db, sc, &activity_flow, id, "record", &a);
	}
	return db_end(db, rc);
}

/* ---- one activity ---------------------------------------------------------------------- */

/* The deputies an activity is for, in words: "city-level deputies of 乍浦镇, 第一代表小组". */
static char *who_words(const char *level, const char *town, const char *group)
{
	struct sbuf b = SBUF_INIT;
	if (!*level && !*town && !*group)
		return xstrdup(_("every deputy"));
	sbuf_puts(&b, !strcmp(level, "city")   ? _("city-level deputies")
	              : !strcmp(level, "town") ? _("town-level deputies")
	                                       : _("deputies"));
	if (*town)
		sbuf_printf(&b, _(" of %s"), town);
	if (*group)
		sbuf_printf(&b, _(", %s"), group);
	return sbuf_take(&b);
}

int activity_info(sqlite3 *db, const struct scope *sc, int64_t id, struct tbl *out)
{
	static const char *const keys[] = {
	    "id",       "number",    "kind",       "title",     "organiser",
	    "town",     "level",     "starts_at",  "ends_at",   "place",
	    "capacity", "for_level", "for_town",   "for_group", "who",
	    "content",  "state",     "requested",  "confirmed", "present",
	    "leave",    "absent",    "created_at", "closed_at", "version",
	};
	enum { NKEYS = sizeof keys / sizeof keys[0] };
	memset(out, 0, sizeof *out);
	/* The attendance counts: the latest row of each deputy. */
/* clang-format off */
#define LATEST(s) \
	"(SELECT count(*) FROM activity_attendance x WHERE x.activity_id = a.id AND " \
	"x.status = '" s "' AND x.id = (SELECT max(y.id) FROM activity_attendance y " \
	"WHERE y.activity_id = a.id AND y.deputy_id = x.deputy_id))"
	/* clang-format on */
	sqlite3_stmt *st = db_prepare(
	    db,
	    "SELECT a.id, a.number, a.kind, a.title, a.organiser, coalesce(t.name, ''), CASE WHEN "
	    "a.town_id IS NULL THEN 'city' ELSE 'town' END, a.starts_at, a.ends_at, a.place, "
	    "a.capacity, coalesce(a.for_level, ''), coalesce(ft.name, ''), coalesce(g.name, ''), "
	    "'', "
	    "a.content, a.state, (SELECT count(*) FROM activity_signup s WHERE s.activity_id = "
	    "a.id "
	    "AND s.status = 'requested'), (SELECT count(*) FROM activity_signup s WHERE "
	    "s.activity_id = a.id AND s.status = 'confirmed'), " LATEST("present") ", " LATEST(
	        "leave") ", " LATEST("absent") ", a.created_at, coalesce(a.closed_at, ''), "
	                                       "a.version "
	                                       "FROM activity a LEFT JOIN town t ON t.id = "
	                                       "a.town_id "
	                                       "LEFT JOIN town ft ON ft.id = a.for_town_id LEFT "
	                                       "JOIN "
	                                       "deputy_group g ON g.id = a.for_group_id WHERE a.id "
	                                       "= "
	                                       "?1 AND " ACTIVITY_SCOPE_SQL,
	    "i", id);
#undef LATEST
	if (!st)
		return RD_FAIL;
	case_scope_bind(st, sc);
	int rc = tbl_read(st, keys, NKEYS, out);
	if (!rc && !out->nrows) {
		tbl_free(out);
		return err_set(RD_NOTFOUND, _("no activity %lld within your scope"), (long long)id);
	}
	if (!rc)
		tbl_set(out, 0, "who",
		        who_words(tbl_get(out, 0, "for_level"), tbl_get(out, 0, "for_town"),
		                  tbl_get(out, 0, "for_group")));
	return rc;
}

/* RD_OK when the activity is in scope (the message set otherwise). */
static int in_scope(sqlite3 *db, const struct scope *sc, int64_t id)
{
	struct flow_item it;
	int rc = act_read(db, sc, id, &it);
	arow_release(&it);
	return rc;
}

int activity_signups(sqlite3 *db, const struct scope *sc, int64_t id, struct tbl *out)
{
	static const char *const keys[] = {"name", "code", "status", "signed", "answered"};
	memset(out, 0, sizeof *out);
	int rc = in_scope(db, sc, id);
	if (rc)
		return rc;
	return tbl_read(
	    db_prepare(db,
	               "SELECT d.name, d.code, s.status, replace(substr(s.signed_at, 1, 16), 'T', "
	               "' '), coalesce(replace(substr(s.answered_at, 1, 16), 'T', ' '), "
	               "'') FROM activity_signup "
	               "s JOIN deputy d ON d.id = s.deputy_id WHERE s.activity_id = ? "
	               "ORDER BY s.signed_at, d.code",
	               "i", id),
	    keys, 5, out);
}

int activity_attendance(sqlite3 *db, const struct scope *sc, int64_t id, struct tbl *out)
{
	static const char *const keys[] = {"name",     "code",    "status", "reason",
	                                   "recorded", "account", "changes"};
	memset(out, 0, sizeof *out);
	int rc = in_scope(db, sc, id);
	if (rc)
		return rc;
	return tbl_read(
	    db_prepare(db,
	               "SELECT d.name, d.code, x.status, x.reason, "
	               "replace(substr(x.recorded_at, 1, 16), 'T', ' '), x.account, (SELECT "
	               "count(*) FROM activity_attendance y "
	               "WHERE y.activity_id = x.activity_id AND y.deputy_id = "
	               "x.deputy_id AND y.id < x.id) FROM activity_attendance x JOIN "
	               "deputy d ON d.id = x.deputy_id WHERE x.activity_id = ?1 AND x.id "
	               "= (SELECT max(y.id) FROM activity_attendance y WHERE "
	               "y.activity_id = ?1 AND y.deputy_id = x.deputy_id) ORDER BY "
	               "x.status <> 'present', d.code",
	               "i", id),
	    keys, 7, out);
}
