/*
 * Unit tests of the workflow engine's table lookups shared by voter issues and
 * motions and suggestions: conditions (alternatives of '+'-joined words that
 * hold for the caller's facts), the choice of the first row that holds, and the
 * messages of refusals; then the two real tables.
 */
#include "config.h"

#include <stdlib.h>

#include "model/case/case.h"
#include "model/suggestion/suggestion.h"
#include "model/flow/workflow.h"
#include "tap.h"
#include "util/err.h"

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
    {"a", "a", true},
    {"b", "b", true},
    {"c", "c", false},
};
static const struct wf_trans tr[] = {
    {"go", "go", "a", "b", "x+y", 0, 0, NULL, NULL, NULL, NULL},
    {"go", "go", "a", "c", "x", 0, 0, NULL, NULL, NULL, NULL},
    {"rate", "rate", "b", "c", "good|fair", 0, WF_EVAL, NULL, NULL, NULL, NULL},
    {"any", "any", "a|b", NULL, NULL, 0, 0, NULL, NULL, NULL, NULL},
};
static const struct wf_def w = {"t", st, 3, tr, 4};

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
	/* Suggestions: the kind, follow-up, supporting units, the last opinion. */
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
	t = wf_find(&suggestion_flow, "opinion", "assigned", "suggestion|last");
	ok(t && t->stop && !strcmp(t->stop, "opinion"), "the last opinion stops the clock");
	t = wf_find(&suggestion_flow, "opinion", "assigned", "suggestion");
	ok(t && !t->stop, "  an earlier one does not");
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

/*
 * With --rows: prints every row of both tables instead, for tests/cli/flow.sh, which
 * walks each one: workflow, row, action, from, to ('' stays), conditions.
 */
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
		print_rows(&case_flow);
		print_rows(&suggestion_flow);
		return fflush(stdout) ? 1 : 0;
	}
	conditions();
	finding();
	tables();
	return tap_done();
}
