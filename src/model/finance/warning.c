/*
 * Finance warnings: the workflow table (open, sent for self-check, verified,
 * resolved or dismissed), raising a warning for a fact, reading one in scope,
 * and the list the console and the CLI page through (warning.h).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/core/audit.h"
#include "model/core/db.h"
#include "model/core/listing.h"
#include "model/core/vocab.h"
#include "model/finance/finance.h"
#include "model/finance/warning.h"
#include "model/finance/warning_scope.h"
#include "util/datetime.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

/* Administrators and city clerks (the finance committee's office works as city clerks). */
#define FIN_CLERKS (RB(ROLE_ADMIN) | RB(ROLE_CITY_CLERK))
/* And the department's operator, for its own report and notes. */
#define FIN_UNITSIDE (FIN_CLERKS | RB(ROLE_UNIT))

/* clang-format off */
static const struct wf_state states[] = {
	{"open", N_("open"), true, false},
	{"sent", N_("sent for self-check"), true, false},
	{"verified", N_("verified"), true, false},
	{"resolved", N_("resolved"), false, true},
	{"dismissed", N_("dismissed"), false, true},
};
/* clang-format on */

/* ---- reading one ------------------------------------------------------------------- */

struct wrow {
	int64_t unit; /* the subject's department */
	char number[32];
};

static int warn_read(sqlite3 *db, const struct scope *sc, int64_t id, struct flow_item *it)
{
	memset(it, 0, sizeof *it);
	struct wrow *r = xcalloc(1, sizeof *r);
	it->own = r;
	sqlite3_stmt *st =
	    db_prepare(db,
	               "SELECT w.id, w.version, coalesce(w.lead_unit_id, 0), w.rounds, "
	               "w.state, coalesce(w.unit_id, 0), w.number FROM fin_warning w "
	               "WHERE w.id = ?1 AND " WARN_SCOPE_SQL,
	               "i", id);
	if (!st)
		return RD_FAIL;
	warning_scope_bind(st, sc);
	int rc = RD_OK;
	if (sqlite3_step(st) == SQLITE_ROW) {
		it->id = sqlite3_column_int64(st, 0);
		it->version = sqlite3_column_int64(st, 1);
		it->lead_unit = sqlite3_column_int64(st, 2);
		it->rounds = sqlite3_column_int(st, 3);
		snprintf(it->state, sizeof it->state, "%s", db_col(st, 4));
		r->unit = sqlite3_column_int64(st, 5);
		snprintf(r->number, sizeof r->number, "%s", db_col(st, 6));
	} else
		rc = err_set(RD_NOTFOUND, _("no warning %lld within your scope"), (long long)id);
	sqlite3_finalize(st);
	return rc;
}

static void warn_release(struct flow_item *it)
{
	free(it->own);
	it->own = NULL;
}

static char *warn_name(const struct flow_item *it)
{
	const struct wrow *r = it->own;
	return xasprintf(_("warning %s"), r && *r->number ? r->number : "?");
}

/* Town clerks see no finance data; the roles of the rows say the rest. */
static int warn_actor(struct flow_ctx *c)
{
	return fin_may_read(c->sc);
}

/* Sent for self-check to the unit named, or to the subject's own department. */
static int eff_send(struct flow_ctx *c)
{
	const struct wrow *r = c->it->own;
	struct flow_args a = *c->a;
	char *code = NULL;
	if ((!a.unit || !*a.unit) && r->unit &&
	    db_text(c->db, &code, "SELECT code FROM unit WHERE id = ?", "i", r->unit) == RD_OK)
		a.unit = code;
	if (!a.unit || !*a.unit) {
		free(code);
		return err_set(RD_INVALID,
		               _("unit: the warning's subject is of no handling unit: name the "
		                 "department (--unit)"));
	}
	const struct flow_args *saved = c->a;
	c->a = &a;
	int rc = flow_eff_assign(c);
	c->a = saved;
	free(code);
	return rc;
}

/*
 * The warning flow. Columns: action, label, the history's word, from, to,
 * conditions, roles, needs, clocks started, stopped, cancelled, window, effect,
 * what the console asks. The first row is the creation (by an import).
 */
/* clang-format off */
static const struct wf_trans trans[] = {
	{"raise", N_("Raise a warning"), N_("raised"), "", "open", NULL, FIN_CLERKS, 0, NULL, NULL,
	 NULL, NULL, NULL, WA_NONE, NULL},
	{"send", N_("Send to the department for self-check (自查)"), N_("sent for self-check"),
	 "open", "sent", NULL, FIN_CLERKS, WF_UNIT, "selfcheck", NULL, NULL, NULL, eff_send, WA_FORM,
	 "warning-send"},
	{"report", N_("Record the department's self-check report"), N_("self-check report"), "sent",
	 NULL, NULL, FIN_UNITSIDE, WF_TEXT | WF_LEAD, NULL, "selfcheck", NULL, NULL, NULL, WA_PROMPT,
	 N_("What the department's self-check found:")},
	{"chase", N_("Chase the department (催办)"), N_("chased"), "sent", NULL, NULL, FIN_CLERKS,
	 WF_TEXT, NULL, NULL, NULL, NULL, NULL, WA_PROMPT, N_("Reminder to the department:")},
	{"verify", N_("Record that the committee verified the facts (核实)"), N_("verified"), "sent",
	 "verified", NULL, FIN_CLERKS, WF_TEXT, NULL, NULL, "selfcheck", NULL, NULL, WA_PROMPT,
	 N_("What the verification found:")},
	{"resolve", N_("Resolve: the cause is dealt with"), N_("resolved"), "verified", "resolved",
	 NULL, FIN_CLERKS, WF_TEXT, NULL, NULL, NULL, NULL, NULL, WA_PROMPT,
	 N_("How it was dealt with:")},
	{"dismiss", N_("Dismiss: no problem behind it, giving the reason"), N_("dismissed"),
	 "open|sent|verified", "dismissed", NULL, FIN_CLERKS, WF_TEXT, NULL, NULL, NULL, NULL, NULL,
	 WA_PROMPT, N_("Why it is dismissed:")},
	{"note", N_("Add a note"), N_("note"), "open|sent|verified", NULL, NULL, FIN_UNITSIDE,
	 WF_TEXT, NULL, NULL, NULL, NULL, NULL, WA_PROMPT, N_("Note:")},
};

/* The clock; its length is the row of wf_rule (15 working days by default). */
static const struct wf_clock_def clocks[] = {
	{"selfcheck", N_("department's self-check report"), WC_DEADLINE, "selfcheck", false},
};
/* clang-format on */

const struct wf_def warning_flow = {
    .name = "warning",
    .table = "fin_warning",
    .units = "fin_warning_unit",
    .units_item = "warning_id",
    .states = states,
    .nstates = N_OF(states),
    .trans = trans,
    .ntrans = N_OF(trans),
    .clocks = clocks,
    .nclocks = N_OF(clocks),
    .read = warn_read,
    .release = warn_release,
    .actor = warn_actor,
    .name_of = warn_name,
};

/* ---- raising ------------------------------------------------------------------------ */

int warning_raise_tx(sqlite3 *db, const struct scope *sc, const struct warning_new *w,
                     bool generated, char number[32])
{
	int64_t x;
	if (db_int(db, &x, "SELECT id FROM fin_warning WHERE fact_key = ?", "t", w->fact_key) ==
	    RD_OK)
		return RD_EXISTS;
	err_clear();
	char now[CLOCK_BUF], prefix[24];
	time_t when = clock_now();
	if (w->at && !clock_parse(w->at, &when))
		return err_set(RD_INVALID, _("'%s' is not an ISO 8601 time"), w->at);
	clock_format(when, now);
	int rc = db_site_prefix(db, prefix);
	if (rc)
		return rc;
	/* YJ2026-0001: the site's prefix, the year of raising, a number within it. */
	char head[48];
	snprintf(head, sizeof head, "%sYJ%.4s-", prefix, now);
	int64_t last = 0;
	rc = db_int(db, &last,
	            "SELECT coalesce(max(CAST(substr(number, length(?1) + 1) AS INTEGER)), 0) FROM "
	            "fin_warning WHERE substr(number, 1, length(?1)) = ?1",
	            "t", head);
	if (rc)
		return rc;
	snprintf(number, 32, "%.24s%04u", head, (unsigned)((last + 1) % 100000));
	int64_t id;
	if ((rc = db_new_id(db, "fin_warning", &id)))
		return rc;
	rc = db_run(
	    db,
	    "INSERT INTO fin_warning (id, number, rule_id, severity, fact_key, dataset, period, "
	    "subject_code, subject, unit_id, value, threshold, base, amount, import_id, state, "
	    "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
	    "'open', ?, ?)",
	    "itittttttIiiiiItt", id, number, w->rule, w->severity, w->fact_key, w->dataset,
	    w->period, w->subject_code, w->subject, w->unit, w->value, w->threshold, w->base,
	    w->amount, w->import_id, now, now);
	char *text = NULL;
	if (!rc)
		rc = db_text(db, &text,
		             "SELECT w.subject || ' ' || r.name || ' (' || w.period || ')' FROM "
		             "fin_warning w JOIN fin_rule r ON r.id = w.rule_id WHERE w.id = ?",
		             "i", id);
	if (!rc)
		rc = flow_created(db, sc, &warning_flow, id, now, text, 0, true, generated, NULL);
	free(text);
	return rc;
}

/* ---- finding and showing ------------------------------------------------------------- */

int warning_find(sqlite3 *db, const struct scope *sc, const char *ref, int64_t *id)
{
	int rc = mod_find(db, sc,
	                  "SELECT w.id FROM fin_warning w WHERE (w.id = ?1 OR w.number = ?2) "
	                  "AND " WARN_SCOPE_SQL,
	                  warning_scope_bind, ref, id);
	if (rc == RD_NOTFOUND)
		return err_set(RD_NOTFOUND, _("no warning '%s' within your scope"), ref);
	return rc;
}

char *warning_measure_text(const char *measure, int64_t value, int64_t threshold, int64_t base,
                           int64_t amount)
{
	char v[32], t[32], b[40], a[40], r[32];
	fin_dec(value, v);
	fin_dec(threshold, t);
	fin_money_grouped(base, b);
	fin_money_grouped(amount, a);
	int64_t h;
	if (!strcmp(measure, "exec_behind")) {
		fin_pct(amount, base, &h);
		fin_dec(h, r);
		return xasprintf(
		    _("%s points behind the time-elapsed schedule (threshold %s): %s of "
		      "%s yuan executed, %s%%"),
		    v, t, a, b, r);
	}
	if (!strcmp(measure, "sangong_over")) {
		if (value < 0)
			return xasprintf(_("%s yuan spent without a budget"), a);
		return xasprintf(_("%s%% of the budget spent (threshold %s%%): %s of %s yuan"), v,
		                 t, a, b);
	}
	if (!strcmp(measure, "tax_decline"))
		return xasprintf(
		    _("%s%% down year on year (threshold %s%%): %s yuan against %s yuan"), v, t, a,
		    b);
	if (!strcmp(measure, "audit_overdue")) {
		value /= 100;
		return xasprintf(P_("%lld day past the deadline for rectification (threshold %s); "
		                    "amount involved %s yuan",
		                    "%lld days past the deadline for rectification (threshold %s); "
		                    "amount involved %s yuan",
		                    (unsigned long)value),
		                 (long long)value, t, a);
	}
	if (!strcmp(measure, "project_idle")) {
		value /= 100;
		return xasprintf(P_("%lld month without investment (threshold %s); %s of %s yuan "
		                    "planned this year invested",
		                    "%lld months without investment (threshold %s); %s of %s yuan "
		                    "planned this year invested",
		                    (unsigned long)value),
		                 (long long)value, t, a, b);
	}
	if (!strcmp(measure, "budget_adjusted")) {
		if (value < 0)
			return xasprintf(
			    _("a budget of %s yuan given in the adjustment, none at the "
			      "start of the year"),
			    a);
		return xasprintf(_("adjusted by %s%% (threshold %s%%): from %s to %s yuan"), v, t,
		                 b, a);
	}
	return xasprintf("%s %s", v, t);
}

int warning_info(sqlite3 *db, const struct scope *sc, int64_t id, struct tbl *out)
{
	static const char *const keys[] = {
	    "id",       "number",     "title",     "rule_code",     "rule",
	    "severity", "state",      "dataset",   "period",        "subject_code",
	    "subject",  "department", "measure",   "value",         "threshold",
	    "basis",    "policy",     "lead_unit", "selfcheck_due", "overdue",
	    "import",   "created_at", "closed_at", "version",       "measure_code",
	    "base",     "amount",
	};
	enum { NK = sizeof keys / sizeof keys[0] };
	memset(out, 0, sizeof *out);
	char *sql = xasprintf(
	    "SELECT w.id, w.number, w.subject || ' ' || r.name, r.code, r.name, w.severity, "
	    "w.state, "
	    "w.dataset, w.period, w.subject_code, w.subject, coalesce(d.name, ''), '', w.value, "
	    "w.threshold, r.basis, coalesce((SELECT p.number || ' ' || p.title FROM fin_policy p "
	    "WHERE p.number = r.policy_number AND r.policy_number <> '' ORDER BY p.issued_on DESC "
	    "LIMIT 1), r.policy_number), coalesce(u.name, ''), %s, %s, coalesce(w.import_id, ''), "
	    "w.created_at, coalesce(w.closed_at, ''), w.version, r.measure, w.base, w.amount "
	    "FROM fin_warning w JOIN fin_rule r ON r.id = w.rule_id LEFT JOIN unit d ON d.id = "
	    "w.unit_id LEFT JOIN unit u ON u.id = w.lead_unit_id WHERE w.id = ?1 "
	    "AND " WARN_SCOPE_SQL,
	    flow_due_sql(&warning_flow, "w.id", "selfcheck"),
	    flow_cond_sql(&warning_flow, "w.id", FC_OVERDUE));
	sqlite3_stmt *st = db_prepare(db, sql, "i", id);
	free(sql);
	if (!st)
		return RD_FAIL;
	warning_scope_bind(st, sc);
	int rc = tbl_read(st, keys, NK, out);
	if (!rc && !out->nrows) {
		tbl_free(out);
		return err_set(RD_NOTFOUND, _("no warning %lld within your scope"), (long long)id);
	}
	if (!rc) {
		char v[32], t[32];
		fin_dec(strtoll(tbl_get(out, 0, "value"), NULL, 10), v);
		fin_dec(strtoll(tbl_get(out, 0, "threshold"), NULL, 10), t);
		tbl_set(out, 0, "measure",
		        warning_measure_text(tbl_get(out, 0, "measure_code"),
		                             strtoll(tbl_get(out, 0, "value"), NULL, 10),
		                             strtoll(tbl_get(out, 0, "threshold"), NULL, 10),
		                             strtoll(tbl_get(out, 0, "base"), NULL, 10),
		                             strtoll(tbl_get(out, 0, "amount"), NULL, 10)));
		tbl_set(out, 0, "value", xstrdup(v));
		tbl_set(out, 0, "threshold", xstrdup(t));
		char b[32], a[32];
		fin_money(strtoll(tbl_get(out, 0, "base"), NULL, 10), b);
		fin_money(strtoll(tbl_get(out, 0, "amount"), NULL, 10), a);
		tbl_set(out, 0, "base", xstrdup(b));
		tbl_set(out, 0, "amount", xstrdup(a));
	}
	return rc;
}

int warning_open_counts(sqlite3 *db, const struct scope *sc, int64_t *yellow, int64_t *red)
{
	*yellow = *red = 0;
	char *sql = xasprintf("SELECT coalesce(sum(w.severity = 'yellow'), 0), "
	                      "coalesce(sum(w.severity = 'red'), 0) FROM fin_warning w "
	                      "WHERE w.state IN %s AND " WARN_SCOPE_SQL,
	                      flow_open_sql(&warning_flow));
	sqlite3_stmt *st = db_prepare(db, sql, "");
	free(sql);
	if (!st)
		return RD_FAIL;
	warning_scope_bind(st, sc);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*yellow = sqlite3_column_int64(st, 0);
		*red = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	return RD_OK;
}

static const char *show_severity(const char *raw);

static const struct ftab_col tab_cols[] = {
    {"number", N_("No."), FTK_TEXT, FTC_CODE | FTC_BRIEF},
    {"severity", N_("Level"), FTK_TEXT, FTC_BRIEF},
    {"state", N_("State"), FTK_TEXT, FTC_BRIEF},
    {"rule", N_("Rule"), FTK_TEXT, 0},
    {"subject", N_("Subject"), FTK_TEXT, FTC_NAME},
    {"period", N_("Period"), FTK_TEXT, FTC_BRIEF},
    {"measure", N_("Measure"), FTK_TEXT, FTC_LONG},
    {"sent_to", N_("Sent to"), FTK_TEXT, 0},
    {"selfcheck_due", N_("Self-check by"), FTK_DATE, 0},
    {"raised", N_("Raised"), FTK_DATE, 0},
};

int warning_tab(sqlite3 *db, const struct scope *sc, int year, int month, struct ftab *out)
{
	ftab_init(out, tab_cols, N_OF(tab_cols), NULL);
	int rc = fin_may_read(sc);
	if (rc)
		return rc;
	char from[8], to[12];
	snprintf(from, sizeof from, "%04d", year);
	/* Periods sort as text: 2026 < 2026-01 < ... < 2026-12 < 2026-Q1 ... */
	if (month)
		snprintf(to, sizeof to, "%04d-%02d", year, month);
	char *sql = xasprintf(
	    "SELECT w.number, w.severity, w.state, r.name, w.subject, w.period, r.measure, "
	    "w.value, "
	    "w.threshold, w.base, w.amount, coalesce(u.name, ''), %s, substr(w.created_at, 1, 10) "
	    "FROM fin_warning w JOIN fin_rule r ON r.id = w.rule_id LEFT JOIN unit u ON u.id = "
	    "w.lead_unit_id WHERE substr(w.period, 1, 4) = ?1 AND (?2 IS NULL OR w.period = ?1 OR "
	    "(length(w.period) = 7 AND substr(w.period, 6, 1) <> 'Q' AND w.period <= ?2) OR "
	    "(substr(w.period, 6, 1) = 'Q' AND CAST(substr(w.period, 7, 1) AS INTEGER) * 3 <= ?3)) "
	    "AND " WARN_SCOPE_SQL " ORDER BY w.severity = 'red' DESC, w.number",
	    flow_due_sql(&warning_flow, "w.id", "selfcheck"));
	sqlite3_stmt *st = db_prepare(db, sql, "ttd", from, month ? to : NULL, month);
	free(sql);
	if (!st)
		return RD_FAIL;
	warning_scope_bind(st, sc);
	while (sqlite3_step(st) == SQLITE_ROW) {
		int r = ftab_add(out, !strcmp(db_col(st, 1), "red") ? FTR_RED : FTR_YELLOW);
		ftab_text(out, r, 0, db_col(st, 0));
		ftab_text(out, r, 1,
		          vocab_translating() ? show_severity(db_col(st, 1)) : db_col(st, 1));
		ftab_text(out, r, 2, vocab_out("state", db_col(st, 2)));
		ftab_text(out, r, 3, db_col(st, 3));
		ftab_text(out, r, 4, db_col(st, 4));
		ftab_text(out, r, 5, db_col(st, 5));
		char *m = warning_measure_text(
		    db_col(st, 6), sqlite3_column_int64(st, 7), sqlite3_column_int64(st, 8),
		    sqlite3_column_int64(st, 9), sqlite3_column_int64(st, 10));
		ftab_text(out, r, 6, m);
		free(m);
		ftab_text(out, r, 7, db_col(st, 11));
		ftab_text(out, r, 8, db_col(st, 12));
		ftab_text(out, r, 9, db_col(st, 13));
	}
	sqlite3_finalize(st);
	out->title = month == 1 ? xasprintf(_("Warnings of %04d-%02d"), year, month)
	             : month ? xasprintf(_("Warnings of %04d up to %04d-%02d"), year, year, month)
	                     : xasprintf(_("Warnings of %04d"), year);
	return RD_OK;
}

/* ---- the list ------------------------------------------------------------------------- */

static const char *show_state(const char *raw)
{
	return flow_state_label(&warning_flow, raw);
}

static const char *show_severity(const char *raw)
{
	if (!strcmp(raw, "yellow"))
		return _("yellow");
	if (!strcmp(raw, "red"))
		return _("red");
	return raw;
}

static const char *show_day(const char *raw)
{
	static char day[11];
	snprintf(day, sizeof day, "%s", raw);
	return day;
}

static const char *show_due(const char *raw)
{
	return !strcmp(raw, "overdue") ? _("overdue") : !strcmp(raw, "soon") ? _("due soon") : raw;
}

static struct pager_def warn_def;
static struct pager_col warn_cols[14];

static const struct pager_def *warn_listing_def(void)
{
	if (warn_def.cols)
		return &warn_def;
	/* The deadline columns, read in one pass over the warning's running clocks. */
	static const struct flow_part parts[] = {
	    {FF_MARK, NULL}, {FF_DUE, "selfcheck"}, {FF_OVERDUE, NULL}, {FF_SOON, NULL}};
	const char *deadlines = flow_fields_sql(&warning_flow, "w.id", parts, N_OF(parts));
	const struct pager_col cols[] = {
	    {"due", N_("Deadline"), deadlines, 8, PC_EXTRA | PC_PART, show_due, NULL},
	    {"number", N_("No."), "w.number", 12,
	     PC_SORT | PC_FILTER | PC_NOTNULL | PC_KEEP | PC_WHOLE, NULL, NULL},
	    {"created", N_("Raised"), "w.created_at", 10, PC_SORT | PC_NOTNULL | PC_EXTRA, show_day,
	     NULL},
	    {"severity", N_("Level"), "w.severity", 4, PC_SORT | PC_KEEP | PC_WHOLE, show_severity,
	     NULL},
	    {"state", N_("State"), "w.state", 8, PC_SORT | PC_KEEP | PC_WHOLE, show_state, NULL},
	    {"period", N_("Period"), "w.period", 7, PC_SORT | PC_FILTER | PC_WHOLE, NULL, NULL},
	    {"rule", N_("Rule"), "(SELECT name FROM fin_rule WHERE id = w.rule_id)", 14, PC_FILTER,
	     NULL, NULL},
	    {"subject", N_("Subject"), "w.subject", 20, PC_SORT | PC_FILTER | PC_FLEX | PC_KEEP,
	     NULL, NULL},
	    {"unit", N_("Sent to"),
	     "coalesce((SELECT name FROM unit WHERE id = w.lead_unit_id), '')", 12,
	     PC_FILTER | PC_EXTRA, NULL, NULL},
	    {"selfcheck_due", N_("Self-check by"), NULL, 10, PC_EXTRA | PC_WHOLE | PC_PART, NULL,
	     NULL},
	    {"overdue", N_("Overdue"), NULL, 4, PC_HIDDEN | PC_PART, NULL, NULL},
	    {"due_soon", N_("Due soon"), NULL, 4, PC_HIDDEN | PC_PART, NULL, NULL},
	    {"rule_code", N_("Rule code"), "(SELECT code FROM fin_rule WHERE id = w.rule_id)", 8,
	     PC_HIDDEN, NULL, NULL},
	    {"version", N_("Version"), "w.version", 6, PC_HIDDEN | PC_RIGHT, NULL, NULL},
	};
	_Static_assert(sizeof cols == sizeof warn_cols, "warn_cols holds every column");
	memcpy(warn_cols, cols, sizeof cols);
	warn_def = (struct pager_def){
	    N_("finance warnings"), "fin_warning w", "w.id", warn_cols, N_OF(cols), 2, true,
	};
	return &warn_def;
}

static const char *const list_keys[] = {
    "id",        "number", "created", "severity", "state",         "period",
    "rule_code", "rule",   "subject", "unit",     "selfcheck_due", "overdue",
};

static int listing_warnings(sqlite3 *db, const struct scope *sc, const struct filter *flt,
                            struct pager **out)
{
	*out = NULL;
	const char *rule = filter_get(flt, "rule"), *severity = filter_get(flt, "severity"),
	           *state = filter_get(flt, "state"), *unit_v = filter_get(flt, "unit"),
	           *period = filter_get(flt, "period"), *year_v = filter_get(flt, "year"),
	           *dataset = filter_get(flt, "dataset");
	int rc = fin_may_read(sc);
	if (rc)
		return rc;
	int64_t rule_id = 0, unit = 0;
	if (rule &&
	    db_int(db, &rule_id, "SELECT id FROM fin_rule WHERE code = ?1 OR name = ?1", "t", rule))
		return err_set(RD_INVALID, _("rule: no warning rule '%s'"), rule);
	if (severity && strcmp(severity, "yellow") && strcmp(severity, "red"))
		return err_set(RD_INVALID, _("severity: '%s' is not yellow or red"), severity);
	if (state && strcmp(state, "open") && !wf_state(&warning_flow, state))
		return err_set(RD_INVALID, _("state: '%s' is not a state of a warning (or open)"),
		               state);
	if (unit_v && flow_lookup(db, "unit", "unit", unit_v, &unit))
		return RD_INVALID;
	if (dataset && !fin_dataset_find(dataset))
		return err_set(RD_INVALID, _("dataset: '%s' is not one of %s"), dataset,
		               fin_dataset_names());
	int year = year_v ? atoi(year_v) : 0;
	if (year_v && (year < 1900 || year > 9998))
		return err_set(RD_INVALID, _("year: '%s' is not a year such as 2026"), year_v);
	struct pager *p = pager_new(db, warn_listing_def());
	pager_where_scope(p, WARN_SCOPE_SQL, role_name(sc->role), sc->town_id,
	                  sc->unit_id ? sc->unit_id : -1);
	if (rule_id)
		pager_where(p, "w.rule_id = ?", "i", rule_id);
	if (severity)
		pager_where(p, "w.severity = ?", "t", severity);
	if (unit)
		pager_where(p, "w.lead_unit_id = ?", "i", unit);
	if (period)
		pager_where(p, "w.period = ?", "t", period);
	if (dataset)
		pager_where(p, "w.dataset = ?", "t", dataset);
	if (year) {
		char y[8];
		snprintf(y, sizeof y, "%04d", year);
		pager_where(p, "substr(w.period, 1, 4) = ?", "t", y);
	}
	if (state && !strcmp(state, "open")) {
		char *cond = xasprintf("w.state IN %s", flow_open_sql(&warning_flow));
		pager_where(p, cond, "");
		free(cond);
	} else if (state)
		pager_where(p, "w.state = ?", "t", state);
	if (filter_flag(flt, "overdue")) {
		char *cond = xasprintf("w.id IN %s", flow_ids_sql(&warning_flow, FC_OVERDUE));
		pager_where(p, cond, "");
		free(cond);
	}
	*out = p;
	return RD_OK;
}

/* clang-format off */
static const struct mod_filter filters[] = {
	{"rule", "rule", MF_TEXT, N_("CODE"), N_("rule %s")},
	{"severity", "severity", MF_TEXT, N_("yellow|red"), "%s"},
	{"state", "status", MF_STATE, N_("S|open"), N_("not closed yet")},
	{"dataset", "dataset", MF_TEXT, N_("D"), "%s"},
	{"period", "period", MF_TEXT, N_("P"), N_("period %s")},
	{"year", "year", MF_YEAR, N_("Y"), "%s"},
	{"unit", "unit", MF_TEXT, N_("U"), N_("sent to %s")},
	{"overdue", "overdue", MF_FLAG, NULL, N_("overdue")},
};
/* clang-format on */

const struct mod_model warning_model = {
    .filters = filters,
    .nfilters = N_OF(filters),
    .listing = listing_warnings,
    .list_keys = list_keys,
    .nlist_keys = N_OF(list_keys),
    .find = warning_find,
    .record = warning_info,
    .number_key = "number",
    .parts = NULL,
    .nparts = 0,
    .deputy_key = NULL,
    .when_key = "created",
};
