#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/core/audit.h"
#include "model/core/db.h"
#include "model/core/vocab.h"
#include "model/flow/flow.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/xalloc.h"

static const char *const evaluations = "satisfied|basic|unsatisfied";

/* ---- the table ------------------------------------------------------------- */

const struct wf_trans *flow_row(const struct wf_def *w, const char *action, const char *state)
{
	for (int i = 0; i < w->ntrans; i++) {
		const struct wf_trans *t = &w->trans[i];
		if (!strcmp(t->action, action) && (!state || wf_in(t->from, state)))
			return t;
	}
	return NULL;
}

const struct wf_trans *flow_creation(const struct wf_def *w)
{
	for (int i = 0; i < w->ntrans; i++)
		if (!*w->trans[i].from)
			return &w->trans[i];
	return NULL;
}

const char *flow_action_label(const struct wf_def *w, const char *action)
{
	const struct wf_trans *t = flow_row(w, action, NULL);
	return t ? _(t->label) : action;
}

const char *flow_done_label(const struct wf_def *w, const char *action)
{
	const struct wf_trans *t = flow_row(w, action, NULL);
	return t && t->done ? _(t->done) : action;
}

const char *flow_state_label(const struct wf_def *w, const char *state)
{
	const struct wf_state *s = wf_state(w, state);
	return s ? _(s->label) : state;
}

const struct wf_pick *flow_pick(const struct wf_def *w, const char *name)
{
	for (int i = 0; name && i < w->npicks; i++)
		if (!strcmp(w->picks[i].name, name))
			return &w->picks[i];
	return NULL;
}

const struct wf_clock_def *flow_clock(const struct wf_def *w, const char *name)
{
	for (int i = 0; i < w->nclocks; i++)
		if (!strcmp(w->clocks[i].name, name))
			return &w->clocks[i];
	return NULL;
}

int flow_may_create(const struct wf_def *w, const struct scope *sc)
{
	const struct wf_trans *t = flow_creation(w);
	if (t && (t->roles & RB(sc->role)))
		return RD_OK;
	return err_set(RD_DENIED, _("your role (%s) may not %s"), role_label(sc->role),
	               t ? _(t->label) : w->name);
}

/* ---- lookups --------------------------------------------------------------- */

int flow_lookup(sqlite3 *db, const char *table, const char *field, const char *v, int64_t *id)
{
	char sql[112];
	if (v && v[0] == '#') {
		char *end;
		long long n = strtoll(v + 1, &end, 10);
		snprintf(sql, sizeof sql, "SELECT id FROM %s WHERE id = ?", table);
		if (n > 0 && !*end && db_int(db, id, sql, "i", (int64_t)n) == RD_OK)
			return RD_OK;
	} else {
		snprintf(sql, sizeof sql, "SELECT id FROM %s WHERE name = ?1 OR code = ?1", table);
		if (v && *v && db_int(db, id, sql, "t", v) == RD_OK)
			return RD_OK;
	}
	return err_set(RD_INVALID, _("%s: no %s '%s'"), vocab_field(field), vocab_key(table),
	               v ? v : "");
}

const char *flow_arg(const struct flow_args *a, const char *name)
{
	for (int i = 0; a && i < a->nvalues; i++)
		if (a->names[i] && !strcmp(a->names[i], name))
			return a->values[i] && *a->values[i] ? a->values[i] : NULL;
	return NULL;
}

/* ---- who may act ------------------------------------------------------------ */

/* The unit rules of a row: a unit operator acts as the lead or as a supporting unit. */
static int check_unit(struct flow_ctx *c, const struct wf_trans *t)
{
	if (c->sc->role != ROLE_UNIT)
		return RD_OK;
	if ((t->needs & WF_LEAD) && c->it->lead_unit != c->sc->unit_id)
		return err_set(RD_DENIED, _("only the lead unit may %s this item"),
		               vocab_out("action", t->action));
	if (t->needs & WF_SUPPORT) {
		char sql[160];
		int64_t x;
		snprintf(sql, sizeof sql,
		         "SELECT 1 FROM %s WHERE %s = ? AND unit_id = ? AND role = 'support'",
		         c->w->units, c->w->units_item);
		if (db_int(c->db, &x, sql, "ii", c->it->id, c->sc->unit_id))
			return err_set(RD_DENIED, _("only a supporting unit may %s this item"),
			               vocab_out("action", t->action));
	}
	return RD_OK;
}

/* Role, unit and the module's own rule for row t. */
static int check_actor(struct flow_ctx *c, const struct wf_trans *t)
{
	int rc = wf_check_role(t, c->sc);
	const struct wf_trans *saved = c->t;
	c->t = t;
	if (!rc)
		rc = check_unit(c, t);
	if (!rc && c->w->actor)
		rc = c->w->actor(c);
	c->t = saved;
	return rc;
}

/* ---- taking a step ----------------------------------------------------------- */

int flow_time(const char *at, char out[CLOCK_BUF], int *day)
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

/* True when some row of action needs an evaluation. */
static bool needs_eval(const struct wf_def *w, const char *action)
{
	for (int i = 0; i < w->ntrans; i++)
		if (!strcmp(w->trans[i].action, action) && (w->trans[i].needs & WF_EVAL))
			return true;
	return false;
}

/* Checks what row t needs that the driver can check by itself. */
static int check_needs(struct flow_ctx *c)
{
	const struct wf_trans *t = c->t;
	const struct flow_args *a = c->a;
	if ((t->needs & WF_TEXT) && (!a->text || !*a->text))
		return err_set(RD_INVALID, _("text: %s needs a text (--text)"),
		               vocab_out("action", t->action));
	if ((t->needs & WF_LEVEL) && a->level && *a->level && strcmp(a->level, "city") &&
	    strcmp(a->level, "town"))
		return err_set(RD_INVALID, _("level: '%s' is not city or town"), a->level);
	if (t->needs & WF_WINDOW) {
		int rc = wf_check_window(c->db, c->w, t, c->it->id, c->today);
		if (rc)
			return rc;
	}
	if (t->needs & WF_CLASS) {
		if (!a->result_class || !*a->result_class)
			return err_set(RD_INVALID,
			               _("class: a reply needs its result class (--class)"));
		if (db_int(c->db, &c->result_class,
		           "SELECT id FROM result_class WHERE (code = ?1 OR name = ?1) AND active",
		           "t", a->result_class))
			return err_set(RD_INVALID, _("class: no result class '%s'"),
			               a->result_class);
	}
	return RD_OK;
}

/* The evaluation, the round and the state, as the row says; the item's version moves on. */
static int update_item(struct flow_ctx *c)
{
	const struct wf_trans *t = c->t;
	const struct wf_state *ns = wf_state(c->w, c->to);
	/* The evaluation and the round of a step that takes them, in the same statement: one
	   rewrite of the row, its triggers run once. */
	bool eval_round = t->needs & (WF_EVAL | WF_ROUND);
	if (t->needs & WF_ROUND)
		c->it->rounds++;
	char sql[384];
	snprintf(sql, sizeof sql,
	         "UPDATE %s SET state = ?1, updated_at = ?2, version = version + 1, closed_at = "
	         "CASE WHEN ?3 THEN ?2 WHEN ?4 THEN NULL ELSE closed_at END%s WHERE id = ?5",
	         c->w->table,
	         eval_round ? ", evaluation = coalesce(?6, evaluation), rounds = ?7" : "");
	return db_run(c->db, sql, eval_round ? "ttdditi" : "ttddi", c->to, c->now,
	              (int)(ns && ns->closes), (int)(ns && ns->open), c->it->id,
	              (t->needs & WF_EVAL) ? c->a->eval : NULL, (int64_t)c->it->rounds);
}

/* Records the event and the clocks of the step. */
static int record(struct flow_ctx *c)
{
	/* The calendar only for the clocks the step starts by their rule (a chase, a note or a
	   response starts none). */
	struct cal own = {0};
	const struct cal *cal = c->a->cal ? c->a->cal : &own;
	bool by_rule = c->t->start && *c->t->start && c->due == CAL_NO_DAY;
	int rc = !c->a->cal && by_rule ? cal_load(c->db, &own) : RD_OK;
	const char *text = c->text.len ? sbuf_str(&c->text) : c->a->text;
	/* An evaluation is kept in its event: the code on the text's first line (EVAL_TEXT). */
	char *eval = NULL;
	if (c->t->needs & WF_EVAL)
		text = eval = xasprintf("%s\n%s", c->a->eval, text ? text : "");
	struct wf_step s = {c->t, c->now,  c->it->id,           c->it->state,    c->to,
	                    text, c->unit, !c->a->private_text, c->it->category, c->it->rounds};
	if (!rc)
		rc = c->due == CAL_NO_DAY ? wf_record(c->db, c->sc, c->w, &s, cal)
		                          : wf_record_due(c->db, c->sc, c->w, &s, cal, c->due);
	free(eval);
	cal_free(&own);
	return rc;
}

static int act(struct flow_ctx *c, const char *action)
{
	const struct flow_args *a = c->a;
	int rc = flow_time(a->at, c->now, &c->today);
	if (rc)
		return rc;
	if (needs_eval(c->w, action) && (!a->eval || !wf_in(evaluations, a->eval)))
		return err_set(RD_INVALID,
		               _("evaluation: '%s' is not satisfied, basic or unsatisfied"),
		               a->eval ? a->eval : "");
	c->action = action;
	struct sbuf facts = SBUF_INIT;
	if (a->eval && *a->eval)
		sbuf_puts(&facts, a->eval);
	if (c->w->facts)
		c->w->facts(c, &facts);
	err_clear();
	c->t = wf_find(c->w, action, c->it->state, sbuf_str(&facts));
	sbuf_free(&facts);
	if (!c->t)
		return RD_INVALID;
	c->to = c->t->to ? c->t->to : c->it->state;
	if ((rc = check_actor(c, c->t)))
		return rc;
	if (a->version && a->version != c->it->version) {
		char *name =
		    c->w->name_of ? c->w->name_of(c->it) : xasprintf("%lld", (long long)c->it->id);
		rc = err_set(
		    RD_CONFLICT,
		    _("%s was changed by someone else meanwhile (now version %lld); nothing "
		      "was changed"),
		    name, (long long)c->it->version);
		free(name);
		return rc;
	}
	if ((rc = check_needs(c)))
		return rc;
	char *before = a->generated ? NULL : audit_snapshot(c->db, c->w->table, c->it->id);
	c->unit = (c->t->needs & WF_LEAD) ? c->it->lead_unit : 0;
	c->due = CAL_NO_DAY;
	if (c->t->effect)
		rc = c->t->effect(c);
	if (!rc)
		rc = update_item(c);
	if (!rc)
		rc = record(c);
	if (!rc && !a->generated) {
		char *after = audit_snapshot(c->db, c->w->table, c->it->id);
		rc = audit_log(c->db, c->sc, c->w->name, c->it->id, action, before, after);
		free(after);
	}
	free(before);
	return rc;
}

int flow_act_tx(sqlite3 *db, const struct scope *sc, const struct wf_def *w, int64_t id,
                const char *action, const struct flow_args *a)
{
	struct flow_item it = {0};
	int rc = w->read(db, sc, id, &it);
	if (rc) {
		if (w->release)
			w->release(&it);
		return rc;
	}
	struct flow_ctx c = {.db = db, .sc = sc, .w = w, .a = a, .it = &it, .due = CAL_NO_DAY};
	rc = act(&c, action);
	sbuf_free(&c.text);
	if (w->release)
		w->release(&it);
	return rc;
}

struct step {
	const struct scope *sc;
	const struct wf_def *w;
	int64_t id;
	const char *action;
	const struct flow_args *a;
};

static int step_tx(sqlite3 *db, void *arg)
{
	const struct step *s = arg;
	return flow_act_tx(db, s->sc, s->w, s->id, s->action, s->a);
}

int flow_act(sqlite3 *db, const struct scope *sc, const struct wf_def *w, int64_t id,
             const char *action, const struct flow_args *a)
{
	/* Rehearsed first, outside the write lock (db_write()): a step under the lock then
	   parses no SQL, and the other clerks' saves wait less. */
	return db_write(db, w, action, step_tx, &(struct step){sc, w, id, action, a});
}

int flow_actions(sqlite3 *db, const struct scope *sc, const struct wf_def *w, int64_t id,
                 char **out)
{
	*out = NULL;
	struct flow_item it = {0};
	int rc = w->read(db, sc, id, &it);
	if (rc) {
		if (w->release)
			w->release(&it);
		return rc;
	}
	struct flow_args none = {0};
	struct flow_ctx c = {.db = db, .sc = sc, .w = w, .a = &none, .it = &it, .due = CAL_NO_DAY};
	c.today = clock_today();
	/* The facts of offering: every evaluation, and what the module says may hold. */
	struct sbuf facts = SBUF_INIT;
	sbuf_puts(&facts, evaluations);
	if (w->facts)
		w->facts(&c, &facts);
	struct sbuf b = SBUF_INIT;
	for (int i = 0; i < w->ntrans && !rc; i++) {
		const struct wf_trans *t = &w->trans[i];
		if (!wf_in(t->from, it.state) || !wf_holds(t->when, sbuf_str(&facts)) ||
		    (b.len && wf_in(sbuf_str(&b), t->action)))
			continue;
		c.to = t->to ? t->to : it.state;
		if (check_actor(&c, t))
			continue;
		if (t->needs & WF_WINDOW) {
			int r = wf_check_window(db, w, t, it.id, c.today);
			if (r == RD_FAIL)
				rc = r;
			if (r)
				continue;
		}
		sbuf_printf(&b, "%s%s", b.len ? "|" : "", t->action);
	}
	if (w->release)
		w->release(&it);
	sbuf_free(&facts);
	if (rc) {
		sbuf_free(&b);
		return rc;
	}
	*out = sbuf_take(&b);
	err_clear(); /* the refusals of the checks above are no news */
	return RD_OK;
}

int flow_created(sqlite3 *db, const struct scope *sc, const struct wf_def *w, int64_t id,
                 const char *at, const char *text, int64_t category, bool public_text,
                 bool generated, const struct cal *cal)
{
	const struct wf_trans *t = flow_creation(w);
	if (!t)
		return err_set(RD_FAIL, _("workflow %s has no creation step"), w->name);
	/* The calendar is read only for a creation that starts a clock, and only when the
	   caller has none at hand (the demo's project opinions read it 5,600 times: 8%). */
	struct cal own = {0};
	int rc = t->start && !cal ? cal_load(db, &own) : RD_OK;
	struct wf_step s = {t, at, id, NULL, t->to, text, 0, public_text, category, 0};
	if (!rc)
		rc = wf_record(db, sc, w, &s, cal ? cal : &own);
	cal_free(&own);
	if (!rc && !generated) {
		char *after = audit_snapshot(db, w->table, id);
		rc = audit_log(db, sc, w->name, id, "add", NULL, after);
		free(after);
	}
	return rc;
}

/* ---- the history --------------------------------------------------------------- */

/* RD_OK when item id of w is in scope, else the read hook's refusal. */
static int in_scope(sqlite3 *db, const struct scope *sc, const struct wf_def *w, int64_t id)
{
	struct flow_item it = {0};
	int rc = w->read(db, sc, id, &it);
	if (w->release)
		w->release(&it);
	return rc;
}

int flow_events(sqlite3 *db, const struct scope *sc, const struct wf_def *w, int64_t id,
                struct tbl *out)
{
	static const char *const keys[] = {"at", "account", "role", "action",    "from",
	                                   "to", "text",    "unit", "evaluation"};
	memset(out, 0, sizeof *out);
	int rc = in_scope(db, sc, w, id);
	if (rc)
		return rc;
	/* The steps that take an evaluation keep it on their text's first line. */
	struct sbuf evals = SBUF_INIT;
	for (int i = 0; i < w->ntrans; i++)
		if (w->trans[i].needs & WF_EVAL)
			sbuf_printf(&evals, "%s'%s'", evals.len ? ", " : "", w->trans[i].action);
	if (!evals.len)
		sbuf_puts(&evals, "''");
	/* A viewer does not read the texts that were not made public. */
	char *sql = xasprintf(
	    "SELECT e.at, e.account, e.role, e.action, coalesce(e.from_state, ''), e.to_state, "
	    "step_text(CASE WHEN ?3 AND NOT e.public THEN '' WHEN e.action IN (%1$s) THEN "
	    "substr(e.text, instr(e.text || char(10), char(10)) + 1) ELSE e.text END), "
	    "coalesce(u.name, ''), "
	    "CASE WHEN e.action IN (%1$s) THEN substr(e.text, 1, instr(e.text || char(10), "
	    "char(10)) - 1) ELSE '' END FROM wf_event e LEFT JOIN unit u ON u.id = e.unit_id "
	    "WHERE e.workflow = ?1 AND e.item_id = ?2 ORDER BY e.id",
	    sbuf_str(&evals));
	sbuf_free(&evals);
	sqlite3_stmt *st = db_prepare(db, sql, "tid", w->name, id, (int)(sc->role == ROLE_VIEWER));
	free(sql);
	return tbl_read(st, keys, 9, out);
}

int flow_clocks(sqlite3 *db, const struct scope *sc, const struct wf_def *w, int64_t id,
                struct tbl *out)
{
	static const char *const keys[] = {"clock",   "round",   "started", "due",
	                                   "stopped", "outcome", "unit"};
	memset(out, 0, sizeof *out);
	int rc = in_scope(db, sc, w, id);
	if (rc)
		return rc;
	sqlite3_stmt *st = db_prepare(db,
	                              "SELECT k.clock, k.round, k.started, k.due, "
	                              "coalesce(k.stopped, ''), coalesce(k.outcome, ''), "
	                              "coalesce(u.name, '') FROM wf_clock k LEFT JOIN unit u ON "
	                              "u.id = k.unit_id WHERE k.workflow = ?1 AND k.item_id = ?2 "
	                              "ORDER BY k.id",
	                              "ti", w->name, id);
	return tbl_read(st, keys, 7, out);
}

/* ---- shared effects ------------------------------------------------------------ */

/* Removes the item's units, each by its key: one DELETE of them all, on a table without
   rowid that has triggers, first collects their keys in a temporary table of its own,
   even when there are none (a first assignment). */
static int drop_units(struct flow_ctx *c)
{
	char sel[128], del[128];
	snprintf(sel, sizeof sel, "SELECT unit_id FROM %s WHERE %s = ?", c->w->units,
	         c->w->units_item);
	snprintf(del, sizeof del, "DELETE FROM %s WHERE %s = ? AND unit_id = ?", c->w->units,
	         c->w->units_item);
	int64_t *ids;
	size_t n;
	int rc = db_ints(c->db, &ids, &n, sel, "i", c->it->id);
	for (size_t i = 0; !rc && i < n; i++)
		rc = db_run(c->db, del, "ii", c->it->id, ids[i]);
	free(ids);
	return rc;
}

int flow_eff_assign(struct flow_ctx *c)
{
	const struct flow_args *a = c->a;
	const struct wf_def *w = c->w;
	if (!a->unit || !*a->unit)
		return err_set(RD_INVALID, _("unit: %s needs a lead unit (--unit)"),
		               vocab_out("action", c->t->action));
	int64_t lead;
	if (flow_lookup(c->db, "unit", "unit", a->unit, &lead))
		return RD_INVALID;
	char ins[192], upd[96];
	snprintf(ins, sizeof ins,
	         "INSERT OR IGNORE INTO %s (%s, unit_id, role, assigned_at) VALUES (?, ?, ?, ?)",
	         w->units, w->units_item);
	snprintf(upd, sizeof upd, "UPDATE %s SET lead_unit_id = ? WHERE id = ?", w->table);
	int rc = drop_units(c);
	if (!rc)
		rc = db_run(c->db, ins, "iitt", c->it->id, lead, "lead", c->now);
	for (int i = 0; !rc && i < a->nsupport; i++) {
		int64_t u;
		if (flow_lookup(c->db, "unit", "support", a->support[i], &u))
			return RD_INVALID;
		if (u == lead)
			return err_set(RD_INVALID, _("support: %s is already the lead unit"),
			               a->support[i]);
		rc = db_run(c->db, ins, "iitt", c->it->id, u, "support", c->now);
	}
	if (!rc)
		rc = db_run(c->db, upd, "ii", lead, c->it->id);
	c->unit = lead;
	return rc;
}

int flow_eff_return(struct flow_ctx *c)
{
	char upd[96];
	snprintf(upd, sizeof upd, "UPDATE %s SET lead_unit_id = NULL WHERE id = ?", c->w->table);
	c->unit = c->it->lead_unit;
	int rc = db_run(c->db, upd, "i", c->it->id);
	if (!rc)
		rc = drop_units(c);
	return rc;
}

/* ---- the SQL of deadlines -------------------------------------------------------- */

/* Strings built once per workflow, item expression and kind; freed at exit. */
static struct built {
	const struct wf_def *w;
	char *key;
	char *sql;
	struct built *next;
} * built;

static const char *remember(const struct wf_def *w, const char *key, char *sql)
{
	struct built *b = xcalloc(1, sizeof *b);
	b->w = w;
	b->key = xstrdup(key);
	b->sql = sql;
	b->next = built;
	built = b;
	return sql;
}

static const char *recall(const struct wf_def *w, const char *key)
{
	for (struct built *b = built; b; b = b->next)
		if (b->w == w && !strcmp(b->key, key))
			return b->sql;
	return NULL;
}

void flow_free_all(void)
{
	while (built) {
		struct built *b = built;
		built = b->next;
		free(b->key);
		free(b->sql);
		free(b);
	}
}

/* "k.clock IN ('respond', 'reply')": the deadlines of w (of due, when given). */
static void deadlines_in(const struct wf_def *w, const char *due, struct sbuf *b)
{
	int n = 0;
	sbuf_puts(b, "k.clock IN (");
	for (int i = 0; i < w->nclocks; i++) {
		const struct wf_clock_def *k = &w->clocks[i];
		if (k->kind != WC_DEADLINE || (due && strcmp(k->due ? k->due : k->name, due)))
			continue;
		sbuf_printf(b, "%s'%s'", n++ ? ", " : "", k->name);
	}
	if (!n)
		sbuf_puts(b, "NULL");
	sbuf_puts(b, ")");
}

/* The SQL condition that clock k's due day falls in a year whose holidays are not loaded. */
#define DUE_UNCERTAIN                                                                              \
	"NOT EXISTS (SELECT 1 FROM calendar_day c WHERE c.day >= substr(k.due, 1, 4) || '-01-01' " \
	"AND c.day <= substr(k.due, 1, 4) || '-12-31')"

/* " AND k.due < renda_today()": the condition c on the due day of a clock k. */
static void due_cond(enum flow_cond c, struct sbuf *b)
{
	if (c == FC_OVERDUE)
		sbuf_puts(b, " AND k.due < renda_today()");
	else if (c == FC_DUE_SOON)
		sbuf_puts(b, " AND k.due >= renda_today() AND k.due <= renda_soon()");
}

const char *flow_ids_sql(const struct wf_def *w, enum flow_cond c)
{
	char key[32];
	snprintf(key, sizeof key, "ids:%d", (int)c);
	const char *sql = recall(w, key);
	if (sql)
		return sql;
	struct sbuf b = SBUF_INIT;
	sbuf_printf(
	    &b,
	    "(SELECT k.item_id FROM wf_clock k WHERE k.workflow = '%s' AND k.stopped IS NULL "
	    "AND ",
	    w->name);
	deadlines_in(w, NULL, &b);
	due_cond(c, &b);
	sbuf_puts(&b, ")");
	return remember(w, key, sbuf_take(&b));
}

const char *flow_ids_asof_sql(const struct wf_def *w)
{
	const char *sql = recall(w, "ids-asof");
	if (sql)
		return sql;
	struct sbuf b = SBUF_INIT;
	/* A deadline past its day then and stopped after then was stopped after its day
	   (due < the day <= the time < stopped): saying so lets the index of the deadlines
	   stopped late (migration step-indexes) give them, and the index of the running
	   ones the others, instead of a reading of every deadline. */
	sbuf_printf(
	    &b,
	    "(SELECT k.item_id FROM wf_clock k WHERE k.workflow = '%s' AND k.started <= ? "
	    "AND (k.stopped IS NULL OR (k.stopped > ? AND k.stopped > k.due)) AND k.due < ? "
	    "AND ",
	    w->name);
	deadlines_in(w, NULL, &b);
	sbuf_puts(&b, ")");
	return remember(w, "ids-asof", sbuf_take(&b));
}

const char *flow_cond_sql(const struct wf_def *w, const char *item, enum flow_cond c)
{
	char key[96];
	snprintf(key, sizeof key, "cond:%d:%s", (int)c, item);
	const char *sql = recall(w, key);
	if (sql)
		return sql;
	struct sbuf b = SBUF_INIT;
	sbuf_printf(&b,
	            "EXISTS (SELECT 1 FROM wf_clock k WHERE k.workflow = '%s' AND k.item_id = %s "
	            "AND k.stopped IS NULL AND ",
	            w->name, item);
	deadlines_in(w, NULL, &b);
	due_cond(c, &b);
	sbuf_puts(&b, ")");
	return remember(w, key, sbuf_take(&b));
}

const char *flow_due_sql(const struct wf_def *w, const char *item, const char *due)
{
	char key[96];
	snprintf(key, sizeof key, "due:%s:%s", due ? due : "", item);
	const char *sql = recall(w, key);
	if (sql)
		return sql;
	struct sbuf b = SBUF_INIT;
	sbuf_printf(&b,
	            "coalesce((SELECT %s(k.due) FROM wf_clock k WHERE k.workflow = '%s' AND "
	            "k.item_id = %s AND k.stopped IS NULL AND ",
	            due ? "max" : "min", w->name, item);
	deadlines_in(w, due, &b);
	sbuf_puts(&b, "), '')");
	return remember(w, key, sbuf_take(&b));
}

const char *flow_fields_sql(const struct wf_def *w, const char *item, const struct flow_part *parts,
                            int n)
{
	struct sbuf key = SBUF_INIT;
	sbuf_printf(&key, "fields:%s", item);
	for (int i = 0; i < n; i++)
		sbuf_printf(&key, ":%d%s", (int)parts[i].field, parts[i].due ? parts[i].due : "");
	const char *sql = recall(w, sbuf_str(&key));
	if (sql) {
		sbuf_free(&key);
		return sql;
	}
	/*
	 * Over the running deadlines: the earliest is past exactly when one is (FC_OVERDUE);
	 * when none is, one falls by renda_soon() exactly when the earliest does. Due days are
	 * days (YYYY-MM-DD), so the least of "day" and "day?" is the earliest day's.
	 */
	struct sbuf b = SBUF_INIT;
	sbuf_puts(&b, "(SELECT ");
	for (int i = 0; i < n; i++) {
		if (i)
			sbuf_puts(&b, " || char(31) || ");
		switch (parts[i].field) {
		case FF_MARK:
			sbuf_puts(
			    &b,
			    "CASE WHEN min(k.due) < renda_today() THEN 'overdue' WHEN min(k.due) "
			    "<= renda_soon() THEN 'soon' ELSE '' END");
			break;
		case FF_DUE:
			sbuf_puts(&b, "coalesce(max(CASE WHEN ");
			deadlines_in(w, parts[i].due, &b);
			sbuf_puts(&b, " THEN k.due END), '')");
			break;
		case FF_NEXT:
			sbuf_puts(&b, "coalesce(min(k.due || CASE WHEN " DUE_UNCERTAIN
			              " THEN '?' ELSE '' END), '')");
			break;
		case FF_OVERDUE: sbuf_puts(&b, "coalesce(min(k.due) < renda_today(), 0)"); break;
		case FF_SOON:
			sbuf_puts(
			    &b,
			    "coalesce(max(k.due >= renda_today() AND k.due <= renda_soon()), 0)");
			break;
		case FF_PROVISIONAL: sbuf_puts(&b, "coalesce(max(" DUE_UNCERTAIN "), 0)"); break;
		}
	}
	sbuf_printf(&b,
	            " FROM wf_clock k WHERE k.workflow = '%s' AND k.item_id = %s AND k.stopped IS "
	            "NULL AND ",
	            w->name, item);
	deadlines_in(w, NULL, &b);
	sbuf_puts(&b, ")");
	sql = remember(w, sbuf_str(&key), sbuf_take(&b));
	sbuf_free(&key);
	return sql;
}

/* The SQL list of w's states that are open (closes false) or date a closing (true). */
static const char *state_list(const struct wf_def *w, bool closes)
{
	const char *key = closes ? "closes" : "open";
	const char *sql = recall(w, key);
	if (sql)
		return sql;
	struct sbuf b = SBUF_INIT;
	sbuf_puts(&b, "(");
	for (int i = 0, n = 0; i < w->nstates; i++)
		if (closes ? w->states[i].closes : w->states[i].open)
			sbuf_printf(&b, "%s'%s'", n++ ? ", " : "", w->states[i].name);
	sbuf_puts(&b, ")");
	return remember(w, key, sbuf_take(&b));
}

const char *flow_open_sql(const struct wf_def *w)
{
	return state_list(w, false);
}

const char *flow_closes_sql(const struct wf_def *w)
{
	return state_list(w, true);
}

char *flow_closed_by_sql(const struct wf_def *w, const char *alias, const char *t)
{
	return xasprintf("(%sclosed_at <= %s AND %sstate IN %s)", alias, t, alias,
	                 flow_closes_sql(w));
}
