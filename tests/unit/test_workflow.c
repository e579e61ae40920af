/*
 * Unit tests of the workflow engine's table lookups shared by voter issues and
 * motions and suggestions: conditions (alternatives of '+'-joined words that
 * hold for the caller's facts), the choice of the first row that holds, and the
 * messages of refusals; then the two real tables; the deadline rule of a category;
 * and the scope condition of the read at each step, given an id out of scope straight.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/case/case.h"
#include "model/suggestion/suggestion.h"
#include "model/core/db.h"
#include "model/core/form.h"
#include "model/core/ref.h"
#include "model/flow/flow.h"
#include "modules.h"
#include "tap.h"
#include "util/err.h"
#include "util/xalloc.h"

static void conditions(void)
{
	ok(wf_holds(NULL, NULL), "no condition always holds");
	ok(wf_holds(NULL, "motion"), "  whatever the facts");
	ok(wf_holds("satisfied|basic", "basic"), "one word of the alternatives");
	ok(!wf_holds("satisfied|basic", "unsatisfied"), "no word of them");
	ok(!wf_holds("satisfied|basic", NULL), "no facts, a condition: does not hold");
	ok(!wf_holds("satisfied|basic", "satisfie"), "a word matches whole, not as a prefix");
	ok(wf_holds("satisfied+followup|basic+followup", "basic|motion|followup"),
	   "a conjunction holds when all its words are facts");
	ok(!wf_holds("satisfied+followup|basic+followup", "basic|motion"),
	   "  not with one missing");
	ok(wf_holds("motion", "satisfied|motion"), "a fact anywhere in the list");
}

static const struct wf_state st[] = {
    {"a", "a", true, false},
    {"b", "b", true, false},
    {"c", "c", false, true},
};
static const struct wf_trans tr[] = {
    {"go", "go", "went", "a", "b", "x+y", 0, 0, NULL, NULL, NULL, NULL, NULL, WA_NONE, NULL},
    {"go", "go", "went", "a", "c", "x", 0, 0, NULL, NULL, NULL, NULL, NULL, WA_NONE, NULL},
    {"rate", "rate", "rated", "b", "c", "good|fair", 0, WF_EVAL, NULL, NULL, NULL, NULL, NULL,
     WA_NONE, NULL},
    {"any", "any", "any", "a|b", NULL, NULL, 0, 0, NULL, NULL, NULL, NULL, NULL, WA_NONE, NULL},
};
static const struct wf_def w = {.name = "t", .states = st, .nstates = 3, .trans = tr, .ntrans = 4};

static void finding(void)
{
	const struct wf_trans *t = wf_find(&w, "go", "a", "x|y");
	ok(t && !strcmp(t->to, "b"), "the first row that holds: x and y");
	t = wf_find(&w, "go", "a", "x");
	ok(t && !strcmp(t->to, "c"), "then the next: x alone");
	ok(!wf_find(&w, "go", "a", "y"), "no row holds for y");
	is_str(err_msg(), "cannot go this item: only when x+y|x", "says the conditions");
	ok(!wf_find(&w, "go", "b", "x"), "not from b");
	is_str(err_msg(), "cannot go an item that is b", "says the state");
	ok(!wf_find(&w, "fly", "a", NULL), "an unknown action");
	is_str(err_msg(), "unknown action 'fly' (one of go, rate, any)", "lists the actions");
	ok(!wf_find(&w, "rate", "b", "great|motion"), "an evaluation no row takes");
	is_str(err_msg(), "evaluation: 'great' is not satisfied, basic or unsatisfied",
	       "names the evaluation, the first fact");
	ok(wf_find(&w, "any", "b", NULL) != NULL, "a row without conditions");
}

static void tables(void)
{
	/* Voter issues: the evaluation is the only fact. */
	const struct wf_trans *t = wf_find(&case_flow, "evaluate", "replied", "unsatisfied");
	ok(t && !strcmp(t->to, "assigned") && !strcmp(t->start, "rehandle"),
	   "case: unsatisfied re-opens for re-handling");
	t = wf_find(&case_flow, "evaluate", "replied", "basic");
	ok(t && !strcmp(t->to, "closed"), "case: basic closes");
	ok(!wf_find(&case_flow, "evaluate", "replied", NULL), "case: no evaluation, no row");
	/* Suggestions: the kind, follow-up, supporting units. */
	t = wf_find(&suggestion_flow, "evaluate", "replied", "satisfied|suggestion|followup");
	ok(t && !strcmp(t->to, "followup"), "suggestion: a first B-class reply goes to follow-up");
	t = wf_find(&suggestion_flow, "evaluate", "replied", "satisfied|suggestion");
	ok(t && !strcmp(t->to, "closed"), "suggestion: otherwise satisfied closes");
	t = wf_find(&suggestion_flow, "evaluate", "replied", "unsatisfied|suggestion|followup");
	ok(t && !strcmp(t->to, "assigned"), "suggestion: unsatisfied re-handles, even after B");
	t = wf_find(&suggestion_flow, "assign", "registered", "motion|support");
	ok(t && strstr(t->start, "opinion"), "an assignment with supporting units starts opinion");
	t = wf_find(&suggestion_flow, "assign", "registered", "motion");
	ok(t && !strstr(t->start, "opinion"), "  one without them does not");
	t = wf_find(&suggestion_flow, "opinion", "assigned", "suggestion");
	ok(t && t->stop && !strcmp(t->stop, "opinion"), "an opinion stops its unit's clock");
	ok(flow_clock(&suggestion_flow, "opinion")->per_support, "  a clock per supporting unit");
	ok(wf_find(&suggestion_flow, "convert", "submitted", "motion") != NULL,
	   "a motion converts");
	ok(!wf_find(&suggestion_flow, "convert", "submitted", "suggestion"),
	   "a suggestion does not");
	for (int i = 0; i < suggestion_flow.ntrans; i++) {
		const struct wf_trans *r = &suggestion_flow.trans[i];
		bool states_known = (!r->to || wf_state(&suggestion_flow, r->to));
		for (const char *p = r->from; states_known && *p;) {
			const char *bar = strchr(p, '|');
			char s[24];
			snprintf(s, sizeof s, "%.*s", (int)(bar ? bar - p : (long)strlen(p)), p);
			states_known = wf_state(&suggestion_flow, s) != NULL;
			p = bar ? bar + 1 : p + strlen(p);
		}
		ok(states_known, "suggestion row %d (%s): its states are in the table", i,
		   r->action);
	}
}

/* True when every word of the '|' list names a clock of wd (NULL: none). */
static bool clocks_known(const struct wf_def *wd, const char *list)
{
	for (const char *p = list; p && *p;) {
		const char *bar = strchr(p, '|');
		char name[32];
		snprintf(name, sizeof name, "%.*s", (int)(bar ? bar - p : (long)strlen(p)), p);
		if (!flow_clock(wd, name))
			return false;
		p = bar ? bar + 1 : p + strlen(p);
	}
	return true;
}

/* True when every state of the '|' list is a state of wd. */
static bool states_known(const struct wf_def *wd, const char *list)
{
	for (const char *p = list; p && *p;) {
		const char *bar = strchr(p, '|');
		char s[32];
		snprintf(s, sizeof s, "%.*s", (int)(bar ? bar - p : (long)strlen(p)), p);
		if (!wf_state(wd, s))
			return false;
		p = bar ? bar + 1 : p + strlen(p);
	}
	return true;
}

/* What each row asks of the console exists: its form, its pick, its choice field. */
static bool ask_known(const struct wf_def *wd, enum wf_ask ask, const char *arg)
{
	switch (ask) {
	case WA_FORM: return arg && form_find(arg);
	case WA_PICK: return flow_pick(wd, arg) != NULL;
	case WA_PROMPT: return arg && *arg;
	case WA_CHOICE: {
		const char *colon = arg ? strchr(arg, ':') : NULL;
		if (!colon)
			return false;
		char form[64];
		snprintf(form, sizeof form, "%.*s", (int)(colon - arg), arg);
		const struct form_def *d = form_find(form);
		const struct form_field *f = d ? form_field_find(d, colon + 1) : NULL;
		return f && f->nchoices > 0;
	}
	default: return true;
	}
}

/* Every registered workflow's table names only what exists: a row naming something
   missing (a state, a clock, a form, a pick, a rule) fails here, not in front of a clerk. */
static void registry(sqlite3 *db)
{
	ok(form_load_dir(ABS_SRCDIR "/forms") == RD_OK, "the forms load");
	for (int m = 0; m < nmodules; m++) {
		const struct wf_def *wd = modules[m].flow;
		if (!wd)
			continue;
		int creations = 0;
		for (int i = 0; i < wd->ntrans; i++) {
			const struct wf_trans *t = &wd->trans[i];
			creations += !*t->from;
			ok(states_known(wd, t->from) && (!t->to || wf_state(wd, t->to)),
			   "%s row %d (%s): its states are in the table", wd->name, i, t->action);
			ok(clocks_known(wd, t->start) && clocks_known(wd, t->stop) &&
			       clocks_known(wd, t->cancel) && clocks_known(wd, t->window),
			   "%s row %d (%s): its clocks are in the clock table", wd->name, i,
			   t->action);
			ok(t->label && t->done,
			   "%s row %d (%s): a label and a word for the history", wd->name, i,
			   t->action);
			ok(ask_known(wd, t->ask, t->ask_arg),
			   "%s row %d (%s): what it asks exists (%s)", wd->name, i, t->action,
			   t->ask_arg ? t->ask_arg : "");
			ok(!(t->needs & WF_WINDOW) || t->window,
			   "%s row %d (%s): a window names its clock", wd->name, i, t->action);
		}
		is_int(creations, 1, "%s: one creation row", wd->name);
		for (int k = 0; k < wd->nclocks; k++) {
			int amount;
			char unit[16];
			ok(wf_rule(db, wd, wd->clocks[k].name, 0, &amount, unit) == RD_OK,
			   "%s clock %s: a default rule in wf_rule", wd->name, wd->clocks[k].name);
		}
		for (int k = 0; k < wd->npicks; k++)
			ok(wd->picks[k].then == WA_NONE || wd->picks[k].then == WA_CONFIRM ||
			       (wd->picks[k].then == WA_PROMPT && wd->picks[k].then_arg) ||
			       ask_known(wd, wd->picks[k].then, wd->picks[k].then_arg),
			   "%s pick %s: what follows it exists", wd->name, wd->picks[k].name);
	}
}

/*
 * With --rows: prints every row of every registered workflow instead, for tests/cli/flow.sh, which
 * walks each one: workflow, row, action, from, to ('' stays), conditions.
 */
/* A category's own deadline rule comes before the rule of every category, whichever was
   written first; the others keep the general one. */
static void category_rules(sqlite3 *db)
{
	int64_t cat = 0, other = 0, general = 0;
	db_run(db, "INSERT INTO category (code, name) VALUES ('RA', '规则甲'), ('RB', '规则乙')",
	       "");
	db_int(db, &cat, "SELECT id FROM category WHERE code = 'RA'", "");
	db_int(db, &other, "SELECT id FROM category WHERE code = 'RB'", "");
	db_int(db, &general,
	       "SELECT amount FROM wf_rule WHERE workflow = 'case' AND clock = 'reply' AND "
	       "category_id IS NULL",
	       "");
	ok(cat && other != cat && general > 0, "two categories and a general reply rule");
	ok(db_run(db,
	          "INSERT INTO wf_rule (workflow, clock, category_id, amount, unit) VALUES "
	          "('case', 'reply', ?, ?, 'weeks')",
	          "ii", cat, general + 3) == RD_OK,
	   "a category's own reply rule, written after the general one");
	int amount = 0;
	char unit[16] = "";
	ok(wf_rule(db, &case_flow, "reply", cat, &amount, unit) == RD_OK && amount == general + 3 &&
	       !strcmp(unit, "weeks"),
	   "the category's rule is taken (%d %s)", amount, unit);
	ok(wf_rule(db, &case_flow, "reply", other, &amount, unit) == RD_OK && amount == general,
	   "another category keeps the general rule (%d %s)", amount, unit);
	ok(wf_rule(db, &case_flow, "no-such-clock", cat, &amount, unit) == RD_FAIL,
	   "a clock without a rule is refused: %s", err_msg());
}

/* What a call gave: its message when it failed. */
static const char *why(int rc)
{
	return rc ? err_msg() : "done";
}

/* The state of case id, into out. */
static void case_state(sqlite3 *db, int64_t id, char out[32])
{
	char *t = NULL;
	db_text(db, &t, "SELECT state FROM vcase WHERE id = ?", "i", id);
	snprintf(out, 32, "%s", t ? t : "");
	free(t);
}

/*
 * A step reads its case through the case's read hook with the scope's condition: a case
 * of another town, or led by another unit, is not found even when its id is given
 * straight to the driver (the CLI and the console look it up first, within scope, so
 * they never reach the driver with it). The same step within scope is taken.
 */
static void read_scope(sqlite3 *db)
{
	struct scope admin = {.login = "root", .user_id = 1, .role = ROLE_ADMIN};
	int rc = ref_seed(db, &admin);
	ok(rc == RD_OK, "the reference data (%s)", why(rc));
	int64_t town = 0, other_town = 0, unit = 0, other_unit = 0, id = 0;
	db_int(db, &town, "SELECT id FROM town WHERE name = '当湖街道'", "");
	db_int(db, &other_town, "SELECT id FROM town WHERE name = '乍浦镇'", "");
	db_int(db, &unit, "SELECT id FROM unit WHERE code = 'D-FGJ'", "");
	db_int(db, &other_unit, "SELECT id FROM unit WHERE code = 'D-JYJ'", "");
	char *category = NULL;
	db_text(db, &category, "SELECT name FROM category ORDER BY id LIMIT 1", "");
	struct case_new c = {.station = "S-DH-1",
	                     .channel = "station",
	                     .voter_name = "张三",
	                     .voter_phone = "13900000000",
	                     .town = "当湖街道",
	                     .category = category,
	                     .title = "路灯不亮",
	                     .content = "当湖路路灯不亮"};
	rc = town && other_town && unit && other_unit && category ? case_add(db, &admin, &c, &id)
	                                                          : RD_FAIL;
	ok(rc == RD_OK, "a case of 当湖街道 (%s)", why(rc));
	free(category);
	int64_t steps = 0, steps_after = 0;
	db_int(db, &steps, "SELECT count(*) FROM wf_event", "");

	struct scope away = {
	    .login = "zp", .user_id = 2, .role = ROLE_TOWN_CLERK, .town_id = other_town};
	struct flow_args fwd = {.level = "city"};
	char state[32], *acts = NULL;
	ok(flow_act(db, &away, &case_flow, id, "forward", &fwd) == RD_NOTFOUND,
	   "another town's clerk cannot forward it: %s", err_msg());
	ok(flow_actions(db, &away, &case_flow, id, &acts) == RD_NOTFOUND,
	   "nor is told what may be done with it");
	free(acts);
	case_state(db, id, state);
	db_int(db, &steps_after, "SELECT count(*) FROM wf_event", "");
	ok(!strcmp(state, "received") && steps_after == steps, "  the case is as it was (%s)",
	   state);
	struct scope home = {.login = "dh", .user_id = 3, .role = ROLE_TOWN_CLERK, .town_id = town};
	rc = flow_act(db, &home, &case_flow, id, "forward", &fwd);
	ok(rc == RD_OK, "its own town's clerk forwards it (%s)", why(rc));

	struct flow_args to = {.unit = "D-FGJ"};
	rc = flow_act(db, &admin, &case_flow, id, "assign", &to);
	ok(rc == RD_OK, "assigned to 平湖市发展和改革局 (%s)", why(rc));
	struct scope stranger = {
	    .login = "jy", .user_id = 4, .role = ROLE_UNIT, .unit_id = other_unit};
	struct flow_args resp = {.text = "已收到"};
	ok(flow_act(db, &stranger, &case_flow, id, "respond", &resp) == RD_NOTFOUND,
	   "another unit cannot respond to it: %s", err_msg());
	case_state(db, id, state);
	ok(!strcmp(state, "assigned"), "  the case is as it was (%s)", state);
	struct scope lead = {.login = "fg", .user_id = 5, .role = ROLE_UNIT, .unit_id = unit};
	rc = flow_act(db, &lead, &case_flow, id, "respond", &resp);
	ok(rc == RD_OK, "the lead unit responds (%s)", why(rc));
	case_state(db, id, state);
	ok(!strcmp(state, "responded"), "  the case is responded (%s)", state);
}

/* The same for a town's suggestion: another town's clerk cannot take its steps. */
static void read_scope_suggestion(sqlite3 *db)
{
	struct scope admin = {.login = "root", .user_id = 1, .role = ROLE_ADMIN};
	int64_t town = 0, other_town = 0, id = 0;
	db_int(db, &town, "SELECT id FROM town WHERE name = '乍浦镇'", "");
	db_int(db, &other_town, "SELECT id FROM town WHERE name = '当湖街道'", "");
	int rc = db_run(db,
	                "INSERT INTO deputy (code, name, gender, level, town_id) VALUES "
	                "('ZPT1', '王五', '男', 'town', ?)",
	                "i", town);
	struct suggestion_new n = {.kind = "suggestion",
	                           .session = "ZP18-5",
	                           .deputy = "ZPT1",
	                           .title = "增设公交站点",
	                           .proposal = "在乍浦镇中心增设公交站点"};
	char *category = NULL;
	db_text(db, &category, "SELECT name FROM category ORDER BY id LIMIT 1", "");
	n.category = category;
	if (!rc)
		rc = suggestion_add(db, &admin, &n, &id);
	free(category);
	ok(rc == RD_OK, "a suggestion to 乍浦镇's congress (%s)", why(rc));
	struct scope away = {
	    .login = "dh", .user_id = 3, .role = ROLE_TOWN_CLERK, .town_id = other_town};
	struct flow_args none = {0};
	ok(flow_act(db, &away, &suggestion_flow, id, "submit", &none) == RD_NOTFOUND,
	   "another town's clerk cannot submit it: %s", err_msg());
	char *state = NULL;
	db_text(db, &state, "SELECT state FROM suggestion WHERE id = ?", "i", id);
	ok(state && !strcmp(state, "draft"), "  it is as it was (%s)", state ? state : "");
	free(state);
	struct scope home = {.login = "zp", .user_id = 2, .role = ROLE_TOWN_CLERK, .town_id = town};
	rc = flow_act(db, &home, &suggestion_flow, id, "submit", &none);
	ok(rc == RD_OK, "its own town's clerk submits it (%s)", why(rc));
}

static void print_rows(const struct wf_def *flow)
{
	for (int i = 0; i < flow->ntrans; i++) {
		const struct wf_trans *t = &flow->trans[i];
		printf("%s\t%d\t%s\t%s\t%s\t%s\n", flow->name, i, t->action, t->from,
		       t->to ? t->to : "", t->when ? t->when : "");
	}
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "--rows")) {
		for (int m = 0; m < nmodules; m++)
			if (modules[m].flow)
				print_rows(modules[m].flow);
		return fflush(stdout) ? 1 : 0;
	}
	conditions();
	finding();
	tables();
	char tmpl[] = "/tmp/renda-wf.XXXXXX";
	char *dir = mkdtemp(tmpl);
	setenv("RENDA_DATADIR", ABS_SRCDIR "/data", 0);
	char *path = xasprintf("%s/t.db", dir);
	sqlite3 *db = NULL;
	ok(dir && db_create(path, &db) == RD_OK, "a new database");
	if (db) {
		registry(db);
		category_rules(db);
		read_scope(db);
		read_scope_suggestion(db);
	}
	db_close(db);
	char *wal = xasprintf("%s-wal", path), *shm = xasprintf("%s-shm", path);
	unlink(path);
	unlink(wal);
	unlink(shm);
	rmdir(dir);
	free(path);
	free(wal);
	free(shm);
	return tap_done();
}
