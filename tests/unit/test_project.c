/*
 * Unit tests of the livelihood projects' rules and of the kit's tally sheets:
 * a candidate passes with yes votes from more than the rule's share of all
 * the congress's deputies (exactly half is not more than half); the rating
 * rule at its boundaries; two clerks' sheets compared figure by figure, a
 * mistyped figure found, a third clerk refused, and the figures taken only
 * once the sheets agree.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/core/db.h"
#include "model/core/tally.h"
#include "model/project/project.h"
#include "tap.h"
#include "tap_db.h"
#include "util/err.h"
#include "util/xalloc.h"

static void passing(void)
{
	ok(!project_passes(4, 8, 1, 2), "4 yes of 8 deputies: exactly half does not pass");
	ok(project_passes(5, 8, 1, 2), "5 of 8 passes");
	ok(project_passes(4, 7, 1, 2), "4 of 7 passes (more than 3.5)");
	ok(!project_passes(3, 7, 1, 2), "3 of 7 does not");
	ok(!project_passes(125, 250, 1, 2), "125 of 250: half, not more");
	ok(project_passes(126, 250, 1, 2), "126 of 250 passes");
	ok(!project_passes(6, 9, 2, 3), "2/3 rule: 6 of 9 is exactly two thirds, not more");
	ok(project_passes(7, 9, 2, 3), "2/3 rule: 7 of 9 passes");
	ok(!project_passes(1, 0, 1, 2), "no deputies: nothing passes");
}

static void rating(void)
{
	is_str(project_rating(5, 0, 8), "satisfied", "5 satisfied of 8 valid: satisfied");
	is_str(project_rating(4, 4, 8), "basic",
	       "4 of 8 is exactly half: not satisfied; 4 + 4 is: basic");
	is_str(project_rating(4, 1, 8), "basic", "4 + 1 of 8: basic");
	is_str(project_rating(4, 0, 8), "unsatisfied", "4 + 0 of 8: exactly half, unsatisfied");
	is_str(project_rating(2, 2, 8), "unsatisfied", "2 + 2 of 8: exactly half, unsatisfied");
	is_str(project_rating(2, 3, 8), "basic", "2 + 3 of 8: basic");
	is_str(project_rating(4, 0, 7), "satisfied", "4 of 7: more than half, satisfied");
	is_str(project_rating(3, 1, 7), "basic", "3 + 1 of 7: basic");
	is_str(project_rating(3, 0, 7), "unsatisfied", "3 + 0 of 7: unsatisfied");
	is_str(project_rating(0, 0, 0), "unsatisfied", "no valid votes: unsatisfied");
}

static struct scope clerk(const char *login)
{
	struct scope sc = {0};
	snprintf(sc.login, sizeof sc.login, "%s", login);
	sc.role = ROLE_CITY_CLERK;
	return sc;
}

static void sheet(struct tally *t, int yes_a, int no_a)
{
	memset(t, 0, sizeof *t);
	tally_set(t, "issued", 10);
	tally_set(t, "returned", 10);
	tally_set(t, "valid", 9);
	tally_set(t, "invalid", 1);
	tally_set(t, "yes_1", yes_a);
	tally_set(t, "no_1", no_a);
}

static void double_entry(sqlite3 *db)
{
	struct scope a = clerk("clerk-a"), b = clerk("clerk-b"), c = clerk("clerk-c");
	struct tally t, got;
	struct tbl diff;
	int entry = 0, n = 0;
	ok(tally_agreed(db, "test", 7, &got) == RD_INVALID, "no sheet: not agreed");
	ok(strstr(err_msg(), "no tally sheet") != NULL, "  says no sheet was entered");
	sheet(&t, 6, 3);
	ok(tally_enter(db, &a, "test", 7, &t, &entry) == RD_OK && entry == 1, "a first sheet");
	tally_free(&t);
	ok(tally_agreed(db, "test", 7, &got) == RD_INVALID, "one sheet: not agreed");
	ok(strstr(err_msg(), "a second clerk") != NULL, "  asks for a second clerk");
	ok(!tally_compare(db, "test", 7, &diff, &n) && n == 1 && diff.nrows == 6,
	   "one sheet: every figure is still a difference");
	tbl_free(&diff);
	/* The same clerk typing again replaces their own sheet, not a second one. */
	sheet(&t, 6, 3);
	ok(tally_enter(db, &a, "test", 7, &t, &entry) == RD_OK && entry == 1,
	   "the first clerk types again: still sheet 1");
	tally_free(&t);
	sheet(&t, 6, 2); /* a mistyped figure */
	ok(tally_enter(db, &b, "test", 7, &t, &entry) == RD_OK && entry == 2,
	   "another clerk's sheet is sheet 2");
	tally_free(&t);
	ok(!tally_compare(db, "test", 7, &diff, &n) && n == 2 && diff.nrows == 1,
	   "the comparison finds one difference");
	is_str(diff.nrows ? tbl_get(&diff, 0, "key") : "", "no_1", "  the mistyped figure");
	is_str(diff.nrows ? tbl_get(&diff, 0, "first") : "", "3", "  as the first clerk typed it");
	is_str(diff.nrows ? tbl_get(&diff, 0, "second") : "", "2", "  and as the second did");
	tbl_free(&diff);
	ok(tally_agreed(db, "test", 7, &got) == RD_INVALID, "differing sheets are not taken");
	ok(strstr(err_msg(), "differ in 1 figure") != NULL, "  says how many figures differ");
	sheet(&t, 6, 3);
	ok(tally_enter(db, &c, "test", 7, &t, &entry) == RD_DENIED, "a third clerk is refused");
	tally_free(&t);
	/* A sheet without a figure the other has differs in it too. */
	memset(&t, 0, sizeof t);
	tally_set(&t, "issued", 10);
	ok(tally_enter(db, &b, "test", 7, &t, &entry) == RD_OK,
	   "the second clerk types a short sheet");
	tally_free(&t);
	ok(!tally_compare(db, "test", 7, &diff, &n) && diff.nrows == 5,
	   "the figures it lacks are differences");
	tbl_free(&diff);
	sheet(&t, 6, 3);
	ok(tally_enter(db, &b, "test", 7, &t, &entry) == RD_OK && entry == 2,
	   "the second clerk types the sheet again, right");
	tally_free(&t);
	ok(tally_agreed(db, "test", 7, &got) == RD_OK, "the sheets agree: the figures are taken");
	is_int(tally_get(&got, "no_1"), 3, "  the figure both typed");
	is_int(tally_get(&got, "valid"), 9, "  and the ballot's");
	tally_free(&got);
	memset(&t, 0, sizeof t);
	tally_set(&t, "issued", -1);
	ok(tally_enter(db, &a, "test", 8, &t, &entry) == RD_INVALID,
	   "a negative figure is refused");
	tally_free(&t);
	ok(tally_clear(db, "test", 7) == RD_OK &&
	       tally_compare(db, "test", 7, &diff, &n) == RD_OK && n == 0,
	   "clearing removes both sheets");
	tbl_free(&diff);
}

int main(void)
{
	passing();
	rating();
	struct tap_db t;
	if (tap_db_new(&t, "proj")) {
		double_entry(t.db);
		tap_db_end(&t);
	}
	return tap_done();
}
