/*
 * Unit tests of the workflow engine's table lookups shared by voter issues and
 * motions and suggestions: conditions (alternatives of '+'-joined words that
 * hold for the caller's facts), the choice of the first row that holds, and the
 * messages of refusals; then the two real tables.
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
