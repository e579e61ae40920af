/* Unit tests of the statistics: half-up rounding to two decimals, and the shared tables. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "model/stat/stats.h"
#include "tap.h"

/* num/den as a percentage: the text and the hundredths. */
static void is_pct(int64_t num, int64_t den, const char *want, int64_t want_h)
{
	char out[16];
	int64_t h = stats_pct(num, den, out);
	is_str(out, want, "%lld/%lld is %s%%", (long long)num, (long long)den,
	       *want ? want : "(none)");
	is_int(h, want_h, "  in hundredths %lld", (long long)want_h);
}

static void is_fixed(int64_t num, int64_t den, const char *want)
{
	char out[16];
	stats_fixed2(num, den, out);
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
	char out[16];
	stats_hundredths(5, out);
	is_str(out, "0.05", "5 hundredths print as 0.05");
	stats_hundredths(12345, out);
	is_str(out, "123.45", "12345 hundredths print as 123.45");
	stats_hundredths(-1, out);
	is_str(out, "", "no value prints as nothing");
}

static void test_tables(void)
{
	is_str(stats_dim_names(), "category|town|deputy|unit|status|month",
	       "the breakdowns, in report order");
	is_int(stats_dim_find("month"), STATS_BY_MONTH, "month is a breakdown");
	is_int(stats_dim_find("week"), -1, "week is not");
	int texts = 0;
	for (int i = 0; i < STATS_NCOLS; i++) {
		texts += stats_cols[i].kind == STATS_TEXT;
		ok(stats_cols[i].kind == STATS_TEXT || stats_cols[i].definition,
		   "column %s has a definition", stats_cols[i].key);
	}
	is_int(texts, 2, "two text columns: key and name");
	for (int i = 0; i < STATS_NDCOLS; i++)
		ok(stats_dcols[i].key && stats_dcols[i].label && stats_dcols[i].max_width > 0,
		   "detail column %d (%s) is complete", i, stats_dcols[i].key);
}

static void test_row(void)
{
	struct stats_row r = {.key = "CJ",
	                      .name = "城市建设",
	                      .count = 3,
	                      .open = 1,
	                      .closed = 2,
	                      .respond_met = 2,
	                      .respond_stopped = 3,
	                      .reply_met = 1,
	                      .reply_stopped = 8,
	                      .satisfied = 1,
	                      .basic = 1,
	                      .evaluated = 3,
	                      .reply_days = 25,
	                      .replies = 2};
	char buf[24];
	is_str(stats_text(&r, 3, STATS_COL_KEY, buf), "CJ", "the key");
	is_str(stats_text(&r, 3, STATS_COL_NAME, buf), "城市建设", "the name");
	is_str(stats_text(&r, 3, STATS_COL_COUNT, buf), "3", "the count");
	is_str(stats_text(&r, 9, STATS_COL_SHARE, buf), "33.33", "the share of 9");
	is_str(stats_text(&r, 3, STATS_COL_RESPOND_RATE, buf), "66.67", "2 of 3 responses in time");
	is_str(stats_text(&r, 3, STATS_COL_REPLY_RATE, buf), "12.50", "1 of 8 replies in time");
	is_str(stats_text(&r, 3, STATS_COL_SATISFACTION, buf), "66.67", "satisfied or basic");
	is_str(stats_text(&r, 3, STATS_COL_SATISFIED_RATE, buf), "33.33", "satisfied only");
	is_str(stats_text(&r, 3, STATS_COL_AVG_REPLY_DAYS, buf), "12.50", "25 days over 2 replies");
	r.evaluated = 0;
	ok(stats_text(&r, 3, STATS_COL_SATISFACTION, buf) == NULL, "no evaluation: no rate");
	is_int(stats_value(&r, 3, STATS_COL_SATISFACTION), -1, "  and no value");
}

int main(void)
{
	test_pct();
	test_fixed();
	test_tables();
	test_row();
	return tap_done();
}
