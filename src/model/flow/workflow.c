#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/core/vocab.h"
#include "model/core/db.h"
#include "model/flow/workflow.h"
#include "util/datetime.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

bool wf_in(const char *list, const char *word)
{
	if (!list || !word)
		return false;
	size_t n = strlen(word);
	for (const char *p = list; *p;) {
		const char *bar = strchr(p, '|');
		size_t len = bar ? (size_t)(bar - p) : strlen(p);
		if (len == n && !strncmp(p, word, n))
			return true;
		if (!bar)
			break;
		p = bar + 1;
	}
	return false;
}

const struct wf_state *wf_state(const struct wf_def *w, const char *name)
{
	for (int i = 0; i < w->nstates; i++)
		if (!strcmp(w->states[i].name, name))
			return &w->states[i];
	return NULL;
}

static const char *state_label(const struct wf_def *w, const char *name)
{
	const struct wf_state *s = wf_state(w, name);
	return s ? _(s->label) : name;
}

/* True when every '+'-joined word of the conjunction [p, end) is among the facts. */
static bool all_hold(const char *p, const char *end, const char *facts)
{
	while (p < end) {
		const char *plus = memchr(p, '+', (size_t)(end - p));
		const char *stop = plus ? plus : end;
		char word[40];
		snprintf(word, sizeof word, "%.*s", (int)(stop - p), p);
		if (!wf_in(facts, word))
			return false;
		p = stop + 1;
	}
	return true;
}

bool wf_holds(const char *when, const char *facts)
{
	if (!when)
		return true;
	for (const char *p = when; *p;) {
		const char *bar = strchr(p, '|');
		const char *end = bar ? bar : p + strlen(p);
		if (all_hold(p, end, facts ? facts : ""))
			return true;
		if (!bar)
			break;
		p = bar + 1;
	}
	return false;
}

const struct wf_trans *wf_find(const struct wf_def *w, const char *action, const char *state,
                               const char *facts)
{
	bool known = false, from_ok = false, eval = false;
	struct sbuf conds = SBUF_INIT;
	for (int i = 0; i < w->ntrans; i++) {
		const struct wf_trans *t = &w->trans[i];
		if (strcmp(t->action, action))
			continue;
		known = true;
		if (!wf_in(t->from, state))
			continue;
		from_ok = true;
		if (!wf_holds(t->when, facts)) {
			eval |= (t->needs & WF_EVAL) != 0;
			sbuf_printf(&conds, "%s%s", conds.len ? "|" : "", t->when);
			continue;
		}
		sbuf_free(&conds);
		return t;
	}
	if (!known) {
		struct sbuf b = SBUF_INIT;
		for (int i = 0; i < w->ntrans; i++)
			if (!i || strcmp(w->trans[i].action, w->trans[i - 1].action))
				sbuf_printf(&b, "%s%s", b.len ? ", " : "", w->trans[i].action);
		err_set(RD_INVALID, _("unknown action '%s' (one of %s)"), action, sbuf_str(&b));
		sbuf_free(&b);
	} else if (!from_ok)
		err_set(RD_INVALID, _("cannot %s an item that is %s"), vocab_out("action", action),
		        state_label(w, state));
	else if (eval) {
		/* The evaluation is the first fact the caller gives. */
		const char *f = facts ? facts : "", *bar = strchr(f, '|');
		char word[40];
		snprintf(word, sizeof word, "%.*s", (int)(bar ? bar - f : (long)strlen(f)), f);
		err_set(RD_INVALID, _("evaluation: '%s' is not satisfied, basic or unsatisfied"),
		        word);
	} else {
		char *when = vocab_out_words("when", sbuf_str(&conds));
		err_set(RD_INVALID, _("cannot %s this item: only when %s"),
		        vocab_out("action", action), when);
		free(when);
	}
	sbuf_free(&conds);
	return NULL;
}

int wf_check_role(const struct wf_trans *t, const struct scope *sc)
{
	if (t->roles & RB(sc->role))
		return RD_OK;
	return err_set(RD_DENIED, _("your role (%s) may not %s"), role_label(sc->role),
	               vocab_out("action", t->action));
}

int wf_rule(sqlite3 *db, const struct wf_def *w, const char *clock, int64_t category, int *amount,
            char unit[16])
{
	/* The category's rule, else the rule of every category: two lookups through the
	   rules' key, the second only when the first finds none (an ORDER BY ... LIMIT 1
	   would sort in a temporary table at every clock); the two columns as they are (their
	   text joined and scanned back cost 9,000 instructions a clock). */
	sqlite3_stmt *st = db_cached(
	    db,
	    "SELECT amount, unit FROM wf_rule WHERE workflow = ?1 AND clock = ?2 AND "
	    "category_id = ?3 UNION ALL SELECT amount, unit FROM wf_rule WHERE workflow = ?1 "
	    "AND clock = ?2 AND category_id IS NULL LIMIT 1",
	    "tti", w->name, clock, category);
	if (!st)
		return RD_FAIL;
	int src = sqlite3_step(st), rc = RD_OK;
	if (src == SQLITE_ROW) {
		const char *u = db_col(st, 1);
		*amount = sqlite3_column_int(st, 0);
		if (sqlite3_column_type(st, 0) != SQLITE_INTEGER || *amount <= 0 || !*u ||
		    strlen(u) > 15)
			rc =
			    err_set(RD_FAIL, _("deadline rule %s/%s is malformed"), w->name, clock);
		else
			memcpy(unit, u, strlen(u) + 1);
	} else if (src == SQLITE_DONE)
		rc = err_set(RD_FAIL, _("no deadline rule for %s/%s"), w->name, clock);
	else
		rc = db_fail(db, _("read"));
	db_done(st);
	return rc;
}

int wf_due_from(const struct cal *cal, int start_day, int amount, const char *unit)
{
	int d = cal_add_period(cal, start_day, amount, unit);
	if (d != CAL_NO_DAY && strcmp(unit, "workdays"))
		d = cal_add_workdays(cal, d, 0);
	if (d != CAL_NO_DAY) /* a year without holiday data: say the deadline is provisional */
		cal_note_provisional(cal, start_day, d);
	return d;
}

int wf_due(sqlite3 *db, const struct wf_def *w, const char *clock, int64_t category, int start_day,
           const struct cal *cal, int *due)
{
	int amount;
	char unit[16];
	int rc = wf_rule(db, w, clock, category, &amount, unit);
	if (rc)
		return rc;
	*due = wf_due_from(cal, start_day, amount, unit);
	if (*due == CAL_NO_DAY)
		return err_set(RD_FAIL, _("deadline rule %s/%s has a bad unit"), w->name, clock);
	return RD_OK;
}

/* How stop_clocks() ends a clock. */
enum stop_how {
	STOP_MET,     /* stopped by the step it waited for: met, or late when past due */
	STOP_CANCEL,  /* cancelled: counted neither way */
	STOP_REPLACE, /* replaced by a new one (an extension, a new round): late stays late */
};

/* The clock named name of w, or NULL. */
static const struct wf_clock_def *clock_def(const struct wf_def *w, const char *name)
{
	for (int i = 0; i < w->nclocks; i++)
		if (!strcmp(w->clocks[i].name, name))
			return &w->clocks[i];
	return NULL;
}

/* A clock running when a step is recorded: read once, kept as the step stops and starts. */
struct running {
	int64_t id;
	int64_t unit; /* the supporting unit of a clock kept per unit, else 0 */
	char name[32];
	bool stopped;
};

/* The item's running clocks, as record() keeps them while it records one step. */
struct clocks {
	struct running *c;
	size_t n, cap;
};

static void clocks_add(struct clocks *k, int64_t id, const char *name, int64_t unit)
{
	if (k->n == k->cap) {
		k->cap = k->cap ? 2 * k->cap : 8;
		k->c = xrealloc(k->c, k->cap * sizeof *k->c);
	}
	struct running *r = &k->c[k->n++];
	r->id = id;
	r->unit = unit;
	snprintf(r->name, sizeof r->name, "%s", name);
	r->stopped = false;
}

/*
 * Stops the running clocks of a '|' list. A clock kept per supporting unit, when a
 * step of that unit meets it, stops for that unit alone. Each is updated by its id
 * (an UPDATE that finds its rows by another condition, on a table with triggers,
 * first collects them in a temporary table of its own).
 */
static int stop_clocks(sqlite3 *db, const struct wf_def *w, struct clocks *k, const char *list,
                       enum stop_how how, int64_t unit, const char *today)
{
	int rc = RD_OK;
	for (size_t i = 0; i < k->n && !rc; i++) {
		struct running *r = &k->c[i];
		if (r->stopped || !wf_in(list, r->name))
			continue;
		const struct wf_clock_def *def = clock_def(w, r->name);
		if (how == STOP_MET && def && def->per_support && unit && r->unit != unit)
			continue;
		rc = db_run(db,
		            "UPDATE wf_clock SET stopped = ?1, outcome = CASE WHEN ?2 = 1 THEN "
		            "'cancelled' WHEN ?2 = 2 AND ?1 <= due THEN 'cancelled' WHEN ?1 <= "
		            "due THEN 'met' ELSE 'late' END WHERE id = ?3",
		            "tdi", today, (int)how, r->id);
		r->stopped = true;
	}
	return rc;
}

/*
 * What a step of an item follows: the time of its last step (*last, NULL when it has
 * none) and its running clocks, in one statement.
 */
static int history(sqlite3 *db, const struct wf_def *w, int64_t item, char **last, struct clocks *k)
{
	*last = NULL;
	sqlite3_stmt *st =
	    db_cached(db,
	              "SELECT 0, at, 0, 0 FROM (SELECT at FROM wf_event WHERE workflow = ?1 AND "
	              "item_id = ?2 ORDER BY id DESC LIMIT 1) UNION ALL SELECT 1, clock, id, "
	              "coalesce(unit_id, 0) FROM wf_clock WHERE workflow = ?1 AND item_id = ?2 AND "
	              "stopped IS NULL",
	              "ti", w->name, item);
	if (!st)
		return RD_FAIL;
	int src;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		if (!sqlite3_column_int(st, 0)) {
			free(*last);
			*last = db_col_dup(st, 1);
		} else
			clocks_add(k, sqlite3_column_int64(st, 2), db_col(st, 1),
			           sqlite3_column_int64(st, 3));
	}
	int rc = src == SQLITE_DONE ? RD_OK : db_fail(db, _("read"));
	db_done(st);
	return rc;
}

/* Starts clock name for the item, or one for each of its supporting units (per_support). */
static int start_clock(sqlite3 *db, const struct wf_def *w, const struct wf_step *s,
                       const char *name, const char *started, const char *due, struct clocks *run)
{
	const struct wf_clock_def *k = clock_def(w, name);
	int64_t none = 0, *found = NULL, *units = &none;
	size_t n = 1;
	if (k && k->per_support) {
		char sql[160];
		snprintf(
		    sql, sizeof sql,
		    "SELECT unit_id FROM %s WHERE %s = ? AND role = 'support' ORDER BY unit_id",
		    w->units, w->units_item);
		if (db_ints(db, &found, &n, sql, "i", s->item))
			return RD_FAIL;
		units = found;
	}
	int rc = RD_OK;
	for (size_t i = 0; i < n && !rc; i++) {
		int64_t cid = 0;
		rc = db_new_id(db, "wf_clock", &cid);
		if (!rc)
			rc = db_run(
			    db,
			    "INSERT INTO wf_clock (id, workflow, item_id, clock, round, started, "
			    "due, unit_id) VALUES (?,?,?,?,?,?,?,?)",
			    "ititdttI", cid, w->name, s->item, name, s->round, started, due,
			    units[i]);
		if (!rc)
			clocks_add(run, cid, name, units[i]);
	}
	free(found);
	return rc;
}

/* Records a step; the clocks it starts are due by their rule, or on due_day unless CAL_NO_DAY. */
static int record(sqlite3 *db, const struct scope *sc, const struct wf_def *w,
                  const struct wf_step *s, const struct cal *cal, int due_day)
{
	char at[CLOCK_BUF], today[11];
	time_t when = clock_now();
	if (s->at && !clock_parse(s->at, &when))
		return err_set(RD_INVALID, _("'%s' is not an ISO 8601 time"), s->at);
	/* The creation step of an item just made: it has no step before it and no clock
	   running (items are never deleted, so no history can wait under its id); the
	   reads that would find none are left out (an import makes thousands at once). */
	bool creation = !*s->t->from;
	/* A step never comes before the one it answers (a reply before its assignment...). */
	char *last = NULL;
	struct clocks k = {0};
	time_t before;
	int rc = creation ? RD_OK : history(db, w, s->item, &last, &k);
	if (!rc && last && clock_parse(last, &before) && when < before)
		rc = err_set(RD_INVALID,
		             _("this step cannot be dated before the step it follows (%s)"), last);
	free(last);
	clock_format(when, at);
	struct tm tm;
	localtime_r(&when, &tm);
	int tday = date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	date_format(tday, today);
	int64_t eid;
	if (!rc)
		rc = db_new_id(db, "wf_event", &eid);
	if (!rc)
		rc = db_run(
		    db,
		    "INSERT INTO wf_event (id, workflow, item_id, at, account, role, action, "
		    "from_state, to_state, text, unit_id, public) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
		    "ititttttttId", eid, w->name, s->item, at, sc->login, role_name(sc->role),
		    s->t->action, s->from, s->to, s->text ? s->text : "", s->unit,
		    (int)s->public_text);
	if (!rc)
		rc = stop_clocks(db, w, &k, s->t->stop, STOP_MET, s->unit, today);
	if (!rc)
		rc = stop_clocks(db, w, &k, s->t->cancel, STOP_CANCEL, 0, today);
	/* An item that leaves handling stops every clock still running: one already past its
	   due day was missed. */
	const struct wf_state *to = s->to ? wf_state(w, s->to) : NULL;
	for (int i = 0; !rc && to && !to->open && i < w->nclocks; i++)
		rc = stop_clocks(db, w, &k, w->clocks[i].name, STOP_REPLACE, 0, today);
	for (const char *p = s->t->start; !rc && p && *p;) {
		const char *bar = strchr(p, '|');
		char name[32], due[11], started[11];
		snprintf(name, sizeof name, "%.*s", (int)(bar ? bar - p : (long)strlen(p)), p);
		int d = due_day, from = tday;
		if (due_day == CAL_NO_DAY)
			rc = wf_due(db, w, name, s->category, tday, cal, &d);
		else if (wf_clock_open(db, w, s->item, name, &from, &(int){0}) == RD_FAIL)
			rc = RD_FAIL;
		if (!rc) {
			date_format(d, due);
			date_format(from, started);
			/* A clock restarted (a new round, an extension) replaces the old open one;
			   one already past its due day stays late. */
			rc = stop_clocks(db, w, &k, name, STOP_REPLACE, 0, today);
		}
		if (!rc)
			rc = start_clock(db, w, s, name, started, due, &k);
		p = bar ? bar + 1 : NULL;
	}
	free(k.c);
	return rc;
}

int wf_record(sqlite3 *db, const struct scope *sc, const struct wf_def *w, const struct wf_step *s,
              const struct cal *cal)
{
	return record(db, sc, w, s, cal, CAL_NO_DAY);
}

int wf_record_due(sqlite3 *db, const struct scope *sc, const struct wf_def *w,
                  const struct wf_step *s, const struct cal *cal, int due_day)
{
	if (due_day == CAL_NO_DAY)
		return err_set(RD_INVALID, _("no due day given"));
	return record(db, sc, w, s, cal, due_day);
}

int wf_clock_open(sqlite3 *db, const struct wf_def *w, int64_t item, const char *clock,
                  int *started, int *due)
{
	sqlite3_stmt *st = db_cached(db,
	                             "SELECT started, due FROM wf_clock WHERE workflow = ? AND "
	                             "item_id = ? AND clock = ? AND stopped IS NULL "
	                             "ORDER BY id DESC LIMIT 1",
	                             "tit", w->name, item, clock);
	if (!st)
		return RD_FAIL;
	int rc = RD_NOTFOUND;
	if (sqlite3_step(st) == SQLITE_ROW && date_parse(db_col(st, 0), started) &&
	    date_parse(db_col(st, 1), due))
		rc = RD_OK;
	db_done(st);
	return rc;
}

int wf_check_window(sqlite3 *db, const struct wf_def *w, const struct wf_trans *t, int64_t item,
                    int today)
{
	int started, due;
	int rc = wf_clock_open(db, w, item, t->window, &started, &due);
	if (rc == RD_FAIL)
		return rc;
	if (rc == RD_OK && today <= due)
		return RD_OK;
	if (rc == RD_OK) {
		char d[11];
		date_format(due, d);
		return err_set(RD_DENIED, _("the time to %s this item is over (it ended on %s)"),
		               vocab_out("action", t->action), d);
	}
	return err_set(RD_DENIED, _("the time to %s this item is over"),
	               vocab_out("action", t->action));
}

int wf_clock_running(sqlite3 *db, const struct wf_def *w, int64_t item, const char *clock,
                     bool *running, int *due)
{
	char *d = NULL;
	int rc =
	    db_text(db, &d,
	            "SELECT due FROM wf_clock WHERE workflow = ? AND item_id = ? AND clock = ? "
	            "AND stopped IS NULL ORDER BY id DESC LIMIT 1",
	            "tit", w->name, item, clock);
	*running = false;
	if (rc == RD_NOTFOUND)
		return RD_OK;
	if (rc)
		return rc;
	int dd;
	if (d && date_parse(d, &dd)) {
		*due = dd;
		*running = clock_today() <= dd;
	}
	free(d);
	return RD_OK;
}

char *wf_actions(const struct wf_def *w, const char *state, const struct scope *sc)
{
	struct sbuf b = SBUF_INIT;
	for (int i = 0; i < w->ntrans; i++) {
		const struct wf_trans *t = &w->trans[i];
		if (!wf_in(t->from, state) || !(t->roles & RB(sc->role)))
			continue;
		char word[40];
		snprintf(word, sizeof word, "%s", t->action);
		if (b.len && wf_in(sbuf_str(&b), word))
			continue;
		sbuf_printf(&b, "%s%s", b.len ? "|" : "", word);
	}
	return sbuf_take(&b);
}
