/*
 * Unit tests of the statistics: half-up rounding to two decimals, the table shape, the
 * providers; and the amounts of finance written for reading, thousands grouped (test_money).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/case/case_stats.h"
#include "model/finance/ftab.h"
#include "model/stat/stat.h"
#include "model/suggestion/sugg_stats.h"
#include "tap.h"

/* num/den as a percentage: the text and the hundredths. */
static void is_pct(int64_t num, int64_t den, const char *want, int64_t want_h)
{
	char out[16];
	int64_t h = stat_pct(num, den, out);
	if (h == STAT_NONE)
		h = -1;
	is_str(out, want, "%lld/%lld is %s%%", (long long)num, (long long)den,
	       *want ? want : "(none)");
	is_int(h, want_h, "  in hundredths %lld", (long long)want_h);
}

static void is_fixed(int64_t num, int64_t den, const char *want)
{
	char out[16];
	stat_fixed2(num, den, out);
	is_str(out, want, "%lld/%lld is %s", (long long)num, (long long)den,
	       *want ? want : "(none)");
}

static void test_pct(void)
{
	is_pct(2, 3, "66.67", 6667);
	is_pct(1, 3, "33.33", 3333);
	is_pct(1, 6, "16.67", 1667);
	is_pct(5, 6, "83.33", 8333);
	is_pct(1, 8, "12.50", 1250);
	is_pct(7, 8, "87.50", 8750);
	is_pct(1, 16, "6.25", 625);
	/* Exactly half a hundredth rounds up (banker's rounding would give 0.12, 0.62). */
	is_pct(1, 800, "0.13", 13);
	is_pct(5, 800, "0.63", 63);
	is_pct(3, 800, "0.38", 38);
	is_pct(1, 20000, "0.01", 1);
	is_pct(3, 40000, "0.01", 1);
	/* Just below half rounds down. */
	is_pct(1, 40000, "0.00", 0);
	is_pct(1, 1600, "0.06", 6);
	is_pct(124999, 100000000, "0.12", 12);
	/* 2.675%: a double holds 2.67499999..., so printf("%.2f") says 2.67. */
	is_pct(107, 4000, "2.68", 268);
	is_pct(1001, 2000, "50.05", 5005);
	is_pct(0, 5, "0.00", 0);
	is_pct(5, 5, "100.00", 10000);
	is_pct(199999, 200000, "100.00", 10000);
	is_pct(0, 0, "", -1);
	is_pct(3, 0, "", -1);
	is_pct(99999999999999LL, 100000000000000LL, "100.00", 10000);
	is_pct(100000000000001LL, 3, "", -1);
	is_pct(-1, 3, "", -1);
}

static void test_fixed(void)
{
	is_fixed(5, 2, "2.50");
	is_fixed(7, 3, "2.33");
	is_fixed(8, 3, "2.67");
	is_fixed(1, 8, "0.13");
	is_fixed(1, 200, "0.01");
	is_fixed(1, 400, "0.00");
	is_fixed(2300, 100, "23.00");
	is_fixed(0, 7, "0.00");
	is_fixed(7, 0, "");
	/* Points deducted: a negative amount, rounded away from zero as a positive one. */
	is_fixed(-5, 2, "-2.50");
	is_fixed(-1, 8, "-0.13");
	is_fixed(-1, 400, "0.00");
	char out[24];
	stat_hundredths(5, out);
	is_str(out, "0.05", "5 hundredths print as 0.05");
	stat_hundredths(12345, out);
	is_str(out, "123.45", "12345 hundredths print as 123.45");
	stat_hundredths(STAT_NONE, out);
	is_str(out, "", "no value prints as nothing");
	stat_hundredths(-305, out);
	is_str(out, "-3.05", "a negative amount keeps its sign");
}

/* Every column of a provider's table has a key, a label and, unless hidden, a definition. */
static void check_columns(const char *what, const struct stat_coldef *unused,
                          const struct stat_table *t)
{
	(void)unused;
	for (int c = 0; c < t->ncols; c++) {
		const struct stat_col *col = &t->cols[c];
		ok(col->key && *col->key && col->label && *col->label,
		   "%s: column %d (%s) is named", what, c, col->key);
		if (!(col->flags & STAT_HIDDEN))
			ok(col->definition && *col->definition, "%s: column %s has a definition",
			   what, col->key);
		if (col->kind == STAT_PCT || col->kind == STAT_FIXED2)
			ok(col->num >= 0 && col->num < t->ncols && col->den >= 0 &&
			       col->den < t->ncols && t->cols[col->num].kind == STAT_COUNT &&
			       t->cols[col->den].kind == STAT_COUNT,
			   "%s: rate %s divides two counts", what, col->key);
	}
}

static void test_providers(void)
{
	const struct stat_provider *p = &case_stat_providers[0];
	is_str(p->name, "cases", "the provider of voter issues");
	ok(case_stat_providers[1].name == NULL, "  the array ends with a NULL name");
	char *names = stat_breakdown_names(p);
	is_str(names, "category|town|channel|deputy|unit|status|month",
	       "the breakdowns, in report order");
	free(names);
	is_int(stat_breakdown_find(p, "month"), CASE_BY_MONTH, "month is a breakdown");
	is_int(stat_breakdown_find(p, "week"), -1, "week is not");
	p = &sugg_stat_providers[0];
	is_str(p->name, "suggestions", "the provider of motions and suggestions");
	names = stat_breakdown_names(p);
	is_str(names, "unit|category|session|class|kind", "  its breakdowns");
	free(names);
	for (int i = 0; i < CASE_NDCOLS; i++)
		ok(case_dcols[i].key && case_dcols[i].label && case_dcols[i].max_width > 0,
		   "case detail column %d (%s) is complete", i, case_dcols[i].key);
	for (int i = 0; i < SS_NDCOLS; i++)
		ok(ss_dcols[i].key && ss_dcols[i].label && ss_dcols[i].max_width > 0,
		   "item detail column %d (%s) is complete", i, ss_dcols[i].key);
}

/* A table of two counts, a rate, a share and an average, made by hand. */
static void test_table(void)
{
	static const struct stat_coldef defs[] = {
	    {"count", "Cases", NULL, "cases", STAT_COUNT, -1, -1, STAT_HEADLINE},
	    {"share", "Share", NULL, "of all", STAT_SHARE, 0, -1, 0},
	    {"due", "Due", NULL, "deadlines come", STAT_COUNT, -1, -1, 0},
	    {"met", "Met", NULL, "met", STAT_COUNT, -1, -1, 0},
	    {"rate", "Rate", NULL, "met / due", STAT_PCT, 3, 2, 0},
	    {"days", "Days", NULL, NULL, STAT_COUNT, -1, -1, STAT_HIDDEN},
	    {"avg", "Average", NULL, "days / met", STAT_FIXED2, 5, 3, 0},
	};
	struct stat_table t;
	stat_table_init(&t, defs, 7, "Cases by unit", "Unit", "Cases");
	check_columns("hand-made", defs, &t);
	struct stat_row *r = stat_table_add_row(&t, "A", "all overdue");
	r->v[0] = 8, r->v[2] = 8, r->v[3] = 0;
	r = stat_table_add_row(&t, "B", "one of nine");
	r->v[0] = 9, r->v[2] = 9, r->v[3] = 1, r->v[5] = 25;
	r = stat_table_add_row(&t, "C", "not yet due");
	r->v[0] = 3;
	stat_table_sum(&t);
	char buf[24];
	is_str(stat_text(&t, &t.rows[0], 4, buf), "0.00", "8 deadlines past, none met: 0.00");
	is_str(stat_text(&t, &t.rows[1], 4, buf), "11.11", "1 of 9 met: 11.11");
	ok(stat_text(&t, &t.rows[2], 4, buf) == NULL, "no deadline come yet: no rate");
	is_int(stat_value(&t, &t.rows[2], 4), STAT_NONE, "  and no value");
	is_str(stat_text(&t, &t.total, 4, buf), "5.88", "the total's rate: 1 of 17");
	is_str(stat_text(&t, &t.rows[1], 1, buf), "45.00", "a share of the total's count (9/20)");
	is_str(stat_text(&t, &t.total, 1, buf), "100.00", "the total's share");
	is_str(stat_text(&t, &t.rows[1], 6, buf), "25.00", "an average: 25 days over 1");
	is_str(stat_text(&t, &t.total, 0, buf), "20", "the total's count is the sum");
	int n;
	int *shown = stat_shown(&t, &n);
	is_int(n, 6, "the hidden column is not shown");
	free(shown);
	is_int(stat_table_col(&t, "rate"), 4, "a column is found by its key");
	stat_table_free(&t);
}

/* Amounts in fen for a reader: yuan, thousands grouped, two decimals. */
static void test_money(void)
{
	static const struct {
		int64_t fen;
		const char *want;
	} cases[] = {
	    {0, "0.00"},
	    {5, "0.05"},
	    {99999, "999.99"},
	    {100000, "1,000.00"},
	    {-100000, "-1,000.00"},
	    {12345678905, "123,456,789.05"},
	    {-123456789, "-1,234,567.89"},
	    {INT64_MAX, "92,233,720,368,547,758.07"},
	    {INT64_MIN, "-92,233,720,368,547,758.08"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char out[40];
		fin_money_grouped(cases[i].fen, out);
		is_str(out, cases[i].want, "%lld fen reads %s", (long long)cases[i].fen,
		       cases[i].want);
	}
}

int main(void)
{
	test_pct();
	test_money();
	test_fixed();
	test_providers();
	test_table();
	return tap_done();
}
