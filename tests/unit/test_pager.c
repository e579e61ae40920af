/* Unit tests of keyset pagination (model/pager.c) and the lists of model/listing.c. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/case/case.h"
#include "model/core/db.h"
#include "model/core/listing.h"
#include "util/conf.h"
#include "model/core/pager.h"
#include "model/core/ref.h"
#include "tap.h"
#include "tap_db.h"
#include "util/err.h"
#include "util/xalloc.h"

/* Pages through the whole list n rows at a time; returns the ids in order (caller frees). */
static int64_t *walk(struct pager *p, int n, int *count, bool backwards)
{
	int64_t *ids = NULL;
	int k = 0;
	struct pager_key *key = NULL;
	for (;;) {
		struct pager_row *rows;
		int got;
		enum pager_from from = backwards ? (key ? PAGER_BEFORE : PAGER_LAST)
		                                 : (key ? PAGER_AFTER : PAGER_FIRST);
		if (pager_fetch(p, from, key, n, &rows, &got) || got == 0) {
			pager_rows_free(rows, got, pager_def(p)->ncols);
			break;
		}
		ids = xrealloc(ids, sizeof *ids * (size_t)(k + got));
		for (int i = 0; i < got; i++)
			ids[k + i] = rows[backwards ? got - 1 - i : i].id;
		k += got;
		pager_key_free(key);
		key = pager_key_dup(rows[backwards ? 0 : got - 1].key);
		pager_rows_free(rows, got, pager_def(p)->ncols);
	}
	pager_key_free(key);
	for (int i = 0; backwards && i < k / 2; i++) {
		int64_t t = ids[i];
		ids[i] = ids[k - 1 - i];
		ids[k - 1 - i] = t;
	}
	*count = k;
	return ids;
}

static void test_audit(sqlite3 *db)
{
	db_exec(db,
	        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000) "
	        "INSERT INTO audit (id, at, account, role, entity, entity_id, action, "
	        "hash) SELECT i + 100, '2026-03-02T09:00:00+08:00', 'acct' || (i % 10), "
	        "'admin', CASE WHEN i % 2 THEN 'town' ELSE 'user' END, i % 50, 'edit', '' "
	        "FROM n");
	struct scope sc;
	scope_system(&sc);
	struct pager *p = listing_audit(db, &sc, NULL, 0);
	int64_t total = 0;
	ok(pager_count(p, 0, &total) == RD_OK && total >= 5000, "the admin counts every audit row");
	struct pager_row *rows;
	int n;
	pager_fetch(p, PAGER_FIRST, NULL, 10, &rows, &n);
	is_int(n, 10, "a page of ten rows");
	is_int(rows[0].id, 5100, "newest first");
	is_int(rows[9].id, 5091, "in id order");
	struct pager_row *next;
	int m;
	pager_fetch(p, PAGER_AFTER, rows[9].key, 10, &next, &m);
	is_int(next[0].id, 5090, "the next page starts after the last row");
	struct pager_row *back;
	int b;
	pager_fetch(p, PAGER_BEFORE, next[0].key, 10, &back, &b);
	ok(b == 10 && back[0].id == 5100 && back[9].id == 5091,
	   "the previous page comes back whole");
	pager_rows_free(back, b, 9);
	pager_rows_free(next, m, 9);
	pager_rows_free(rows, n, 9);
	pager_fetch(p, PAGER_LAST, NULL, 3, &rows, &n);
	ok(n == 3 && rows[2].id < rows[1].id && rows[1].id < rows[0].id,
	   "the last page is in order");
	pager_rows_free(rows, n, 9);

	pager_filter(p, "ACCT7 town");
	pager_count(p, 0, &total);
	is_int(total, 500, "the filter keeps rows matching every word, case ignored");
	pager_fetch(p, PAGER_FIRST, NULL, 5, &rows, &n);
	ok(n == 5 && !strcmp(rows[0].cells[2], "acct7") && !strcmp(rows[4].cells[4], "town"),
	   "filtered rows match");
	pager_rows_free(rows, n, 9);
	pager_count(p, 100, &total);
	is_int(total, 100, "a capped count stops at the cap");
	pager_filter(p, NULL);

	struct pager_row r;
	ok(pager_find(p, "acct3", NULL, true, &r) == RD_OK && !strcmp(r.cells[2], "acct3"),
	   "search finds the first matching row");
	struct pager_row r2;
	ok(pager_find(p, "acct3", r.key, true, &r2) == RD_OK && r2.id == r.id - 10,
	   "and the next one after it");
	pager_row_free(&r2, 9);
	pager_row_free(&r, 9);
	is_int(pager_find(p, "nobody", NULL, true, &r), RD_NOTFOUND, "a missing text is not found");
	is_int(pager_sort(p, 2, false), RD_INVALID,
	       "the million-row list is not sorted by account");
	ok(pager_get(p, 150, &r) == RD_OK && !strcmp(r.cells[0], "150"), "one row by id");
	pager_row_free(&r, 9);
	pager_free(p);

	/* A town clerk sees the rows of the records in scope: the reference data (the 2,500
	   'town' rows, and the seeds of the schema's own reference records), not the
	   accounts of other towns (the 'user' rows). */
	int64_t seeds = 0;
	db_int(db, &seeds, "SELECT count(*) FROM audit WHERE action = 'seed'", "");
	struct scope clerk = sc;
	snprintf(clerk.login, sizeof clerk.login, "acct4");
	clerk.role = ROLE_TOWN_CLERK;
	clerk.town_id = 1;
	p = listing_audit(db, &clerk, NULL, 0);
	pager_count(p, 0, &total);
	is_int(total, 2500 + seeds, "a town clerk sees the rows of the records in scope");
	is_int(pager_get(p, 150, &r), RD_NOTFOUND,
	       "and cannot read an account's row of another town");
	pager_free(p);

	p = listing_audit(db, &sc, "town", 7);
	pager_count(p, 0, &total);
	is_int(total, 100, "the history of one record");
	pager_free(p);
}

static void test_sort_ties(sqlite3 *db)
{
	db_exec(db,
	        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 97) "
	        "INSERT INTO category (code, name, sort) SELECT 'C' || i, '类别' || (i * 7 % 97), "
	        "i % 4 FROM n");
	const struct ref_kind *k = ref_kind_find("category");
	struct scope sc;
	scope_system(&sc);
	struct pager *p = listing_ref(db, &sc, k);
	int n;
	int64_t *fw = walk(p, 7, &n, false);
	is_int(n, 97, "paging forward through ties sees every row once");
	bool ordered = true;
	for (int i = 1; i < n; i++) {
		struct pager_row a, b;
		pager_get(p, fw[i - 1], &a);
		pager_get(p, fw[i], &b);
		int sa = atoi(a.cells[pager_col_index(pager_def(p), "sort")]);
		int sb = atoi(b.cells[pager_col_index(pager_def(p), "sort")]);
		if (sa > sb || (sa == sb && fw[i - 1] > fw[i]))
			ordered = false;
		pager_row_free(&a, pager_def(p)->ncols);
		pager_row_free(&b, pager_def(p)->ncols);
	}
	ok(ordered, "in sort order, ties by id");
	int nb;
	int64_t *bw = walk(p, 5, &nb, true);
	ok(nb == n && !memcmp(fw, bw, sizeof *fw * (size_t)n),
	   "paging backwards gives the same order");
	free(bw);
	ok(pager_sort(p, pager_col_index(pager_def(p), "name"), true) == RD_OK, "sort by name");
	free(fw);
	fw = walk(p, 10, &n, false);
	struct pager_row first, last;
	pager_get(p, fw[0], &first);
	pager_get(p, fw[n - 1], &last);
	ok(n == 97 && strcmp(first.cells[1], last.cells[1]) > 0, "descending by name");
	pager_row_free(&first, pager_def(p)->ncols);
	pager_row_free(&last, pager_def(p)->ncols);
	free(fw);
	pager_filter(p, "类别1");
	int64_t c;
	pager_count(p, 0, &c);
	is_int(c, 11, "Chinese filter text");
	pager_free(p);
}

static void test_users(sqlite3 *db)
{
	db_exec(db,
	        "INSERT INTO town (id, code, name, kind, body) VALUES (1, 'ZP', '乍浦镇', 'town', "
	        "'乍浦镇人大主席团'), (2, 'XD', '新埭镇', 'town', '新埭镇人大主席团');"
	        "INSERT INTO app_user (id, login, role, town_id, created_at) VALUES "
	        "(1, 'admin1', 'admin', NULL, ''), (2, 'wang', 'town-clerk', 1, ''), "
	        "(3, 'li', 'town-clerk', 1, ''), (4, 'zhao', 'town-clerk', 2, ''), "
	        "(5, 'view', 'viewer', NULL, '')");
	struct scope sc;
	scope_system(&sc);
	int64_t n;
	struct pager *p = listing_users(db, &sc);
	pager_count(p, 0, &n);
	is_int(n, 5, "an administrator sees every account");
	pager_free(p);
	struct scope clerk = sc;
	clerk.role = ROLE_TOWN_CLERK;
	clerk.town_id = 1;
	clerk.user_id = 2;
	p = listing_users(db, &clerk);
	pager_count(p, 0, &n);
	is_int(n, 2, "a town clerk sees the accounts of their town");
	struct pager_row r;
	is_int(pager_get(p, 4, &r), RD_NOTFOUND, "not those of another town");
	pager_filter(p, "LI");
	pager_count(p, 0, &n);
	is_int(n, 1, "the filter finds a login");
	pager_free(p);
	struct scope unit = sc;
	unit.role = ROLE_UNIT;
	unit.user_id = 5;
	p = listing_users(db, &unit);
	pager_count(p, 0, &n);
	is_int(n, 1, "a unit operator sees only themselves");
	pager_free(p);
}

/* The list of voter issues: keyset paging on the day received (ties too), the scope rule,
   and the selections, whose pages and counts are read two ways (pager_where_split). */
static void test_cases(sqlite3 *db)
{
	static const char *const cases =
	    "INSERT INTO deputy (id, code, name, gender, level, town_id) VALUES "
	    "(1, 'D1', '沈建国', '男', 'city', 1), (2, 'D2', '陆伟明', '男', 'city', 2);"
	    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300) "
	    "INSERT INTO vcase (id, number, submitted_at, channel, deputy_id, town_id, "
	    "category_id, "
	    "title, content, state, updated_at) SELECT i, printf('2026-%06d', i), "
	    "printf('2026-02-%02dT09:00:00+08:00', 1 + i % 20), 'qr', 1 + i % 2, 1 + i % 2, "
	    "(SELECT id FROM category WHERE code = CASE WHEN i % 4 THEN 'C1' ELSE 'C2' END), "
	    "CASE WHEN i % 3 = 0 THEN '小区路灯不亮' ELSE '河道垃圾' END, '内容', "
	    "CASE WHEN i % 5 = 0 THEN 'closed' ELSE 'assigned' END, '' FROM n;"
	    "INSERT INTO wf_clock (workflow, item_id, clock, started, due) SELECT 'case', id, "
	    "'reply', '2019-12-01', '2020-01-01' FROM vcase WHERE id % 10 = 0;";
	int rc = db_exec(db, cases);
	ok(rc == RD_OK && case_reindex(db) == RD_OK, "300 cases and their search indexes");
	struct scope sc;
	scope_system(&sc);
	struct filter all = {0};
	struct pager *p;
	ok(listing_cases(db, &sc, &all, &p) == RD_OK, "the list of every case");
	int n, nb;
	int64_t *fw = walk(p, 7, &n, false), *bw = walk(p, 9, &nb, true);
	is_int(n, 300, "paging through days received shared by many cases sees every case once");
	ok(nb == n && !memcmp(fw, bw, sizeof *fw * (size_t)n), "backwards in the same order");
	struct pager_row a, b;
	pager_get(p, fw[0], &a);
	pager_get(p, fw[n - 1], &b);
	int sub = pager_col_index(pager_def(p), "submitted");
	ok(strcmp(a.cells[sub], b.cells[sub]) > 0, "newest first");
	pager_row_free(&a, pager_def(p)->ncols);
	pager_row_free(&b, pager_def(p)->ncols);
	free(fw);
	free(bw);
	pager_free(p);

	struct scope clerk = sc;
	clerk.role = ROLE_TOWN_CLERK;
	clerk.town_id = 2;
	int64_t c;
	listing_cases(db, &clerk, &all, &p);
	pager_count(p, 0, &c);
	is_int(c, 150, "a town clerk lists the town's cases only");
	pager_free(p);

	struct filter found = {0};
	filter_set(&found, "search", "路灯");
	listing_cases(db, &sc, &found, &p);
	pager_count(p, 0, &c);
	fw = walk(p, 7, &n, false);
	ok(c == 100 && n == 100, "a search of two characters: counted and paged alike (%lld, %d)",
	   (long long)c, n);
	free(fw);
	pager_free(p);
	struct filter late = {0};
	filter_set(&late, "overdue", "1");
	filter_set(&late, "category", "C1");
	clerk.town_id = 1;
	listing_cases(db, &clerk, &late, &p);
	pager_count(p, 0, &c);
	fw = walk(p, 4, &n, false);
	bool marked = n > 0;
	for (int i = 0; i < n; i++) {
		pager_get(p, fw[i], &a);
		marked &= !strcmp(a.cells[pager_col_index(pager_def(p), "due")], "overdue");
		pager_row_free(&a, pager_def(p)->ncols);
	}
	ok(c == n && n == 15 && marked, "overdue in a category and a town: %lld counted, %d listed",
	   (long long)c, n);
	free(fw);
	pager_free(p);
	struct filter re = {0};
	filter_set(&re, "regex", "路灯|^河道垃圾$");
	filter_set(&re, "state", "open");
	listing_cases(db, &sc, &re, &p);
	pager_count(p, 0, &c);
	is_int(c, 240, "a regular expression among the open cases");
	pager_free(p);
	struct filter bad = {0};
	filter_set(&bad, "regex", "(a+");
	ok(listing_cases(db, &sc, &bad, &p) == RD_INVALID && !strncmp(err_msg(), "regex:", 6),
	   "a bad pattern is refused, naming the field");
	struct filter nocat = {0};
	filter_set(&nocat, "category", "没有");
	ok(listing_cases(db, &sc, &nocat, &p) == RD_INVALID, "so is an unknown category");
}

/* The ids of LIKE's matches of text in the list's order, in town (0: every town), counted
   into *n (caller frees). */
static int64_t *like_ids(sqlite3 *db, const char *text, int64_t town, int *n)
{
	int64_t *ids = NULL;
	size_t k = 0;
	char *like = xasprintf("%%%s%%", text);
	db_ints(db, &ids, &k,
	        "SELECT id FROM vcase WHERE (title LIKE ?1 OR content LIKE ?1 OR reply LIKE ?1) "
	        "AND ?2 IN (0, town_id) ORDER BY submitted_at DESC, id DESC",
	        "ti", like, town);
	free(like);
	*n = (int)k;
	return ids;
}

/* The pages of a search (fetched as walk() does) against LIKE's order, for a town's clerk
   (town 0: the system); how the first page was read. */
static bool search_pages(sqlite3 *db, int64_t town, const char *text, int page,
                         enum pager_narrowed *first)
{
	struct scope sc;
	scope_system(&sc);
	if (town) {
		sc.role = ROLE_TOWN_CLERK;
		sc.town_id = town;
	}
	struct filter f = {0};
	filter_set(&f, "search", text);
	struct pager *p;
	if (listing_cases(db, &sc, &f, &p))
		return false;
	struct pager_row *rows;
	int got;
	pager_fetch(p, PAGER_FIRST, NULL, page, &rows, &got);
	*first = pager_narrowed(p);
	pager_rows_free(rows, got, pager_def(p)->ncols);
	int n, k;
	int64_t *paged = walk(p, page, &n, false), *truth = like_ids(db, text, town, &k);
	bool same = n == k && n > 0 && !memcmp(paged, truth, sizeof *paged * (size_t)n);
	if (!same)
		printf("#   search %s: %d paged, %d by LIKE\n", text, n, k);
	free(paged);
	free(truth);
	pager_free(p);
	return same;
}

/*
 * A search that finds many cases (2,000 or more) reads its first pages among its newest
 * matches (pager_narrow()), and keeps them only when they are the whole list's pages:
 * the ids of a case and its time of submission need not go together.
 */
static void test_search_narrowed(sqlite3 *db)
{
	int rc =
	    db_exec(db, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < "
	                "3000) INSERT INTO vcase (id, number, submitted_at, channel, deputy_id, "
	                "town_id, category_id, title, content, state, updated_at) SELECT 1000 + i, "
	                "printf('2027-%06d', i), strftime('%Y-%m-%dT%H:%M:00+08:00', '2026-06-01', "
	                "'+' || i || ' hours'), 'qr', 1, 1, (SELECT min(id) FROM category), CASE "
	                "WHEN i % 4 THEN '东路灯不亮' ELSE '河道垃圾' END, CASE WHEN i % 7 = 0 "
	                "THEN '路边的灯' ELSE '内容' END, 'assigned', '' FROM n");
	ok(rc == RD_OK && case_reindex(db) == RD_OK,
	   "3,000 more cases, the newest, newer as their ids grow");
	enum pager_narrowed how;
	ok(search_pages(db, 0, "路灯", 50, &how),
	   "a search of 路灯 finding over 2,000: every page as LIKE's");
	is_int(how, PAGER_NARROWED, "  its first page read among the newest matches");
	ok(search_pages(db, 0, "灯不亮", 20, &how), "灯不亮 (the trigram index) too");
	is_int(how, PAGER_NARROWED, "  read so");
	ok(search_pages(db, 0, "路灯", 3000, &how), "  and a page longer than the newest matches");
	is_int(how, PAGER_NARROW_MISSED, "  read again among them all");
	/* An early case given the newest time: the newest matches miss it. */
	db_exec(db, "UPDATE vcase SET submitted_at = '2026-12-31T09:00:00+08:00' WHERE id = 1005");
	ok(search_pages(db, 0, "路灯", 50, &how), "an early case received last comes first");
	is_int(how, PAGER_NARROW_MISSED, "  the page of the newest matches was read again");
	/* One received last that the search does not find: the check cannot tell, reads again. */
	db_exec(db, "UPDATE vcase SET submitted_at = '2026-06-01T05:00:00+08:00' WHERE id = 1005;"
	            "UPDATE vcase SET submitted_at = '2026-12-31T09:00:00+08:00' WHERE id = 1004");
	ok(search_pages(db, 0, "路灯", 50, &how), "one that is not found received last");
	is_int(how, PAGER_NARROW_MISSED, "  read again too");
	db_exec(db, "UPDATE vcase SET submitted_at = '2026-06-01T04:00:00+08:00' WHERE id = 1004");
	ok(search_pages(db, 0, "路灯", 50, &how), "their times put back");
	is_int(how, PAGER_NARROWED, "  read among the newest again");
	/* Where ids do not follow time: a case 100,000 ids past the newest matches, then one of
	   another site's range (2^40 on), each the newest: not narrowed, read as before. */
	db_exec(db,
	        "INSERT INTO vcase (id, number, submitted_at, channel, deputy_id, town_id, "
	        "category_id, title, content, state, updated_at) VALUES (200000, 'F1', "
	        "'2027-01-01T09:00:00+08:00', 'qr', 1, 1, (SELECT min(id) FROM category), '河道', "
	        "'内容', 'assigned', '')");
	ok(search_pages(db, 0, "路灯", 50, &how), "a case far past the newest matches");
	is_int(how, PAGER_WHOLE, "  the page read among every match");
	db_exec(db, "UPDATE vcase SET id = 1099511627777 WHERE id = 200000");
	ok(search_pages(db, 0, "路灯", 50, &how), "a case of another site's range");
	is_int(how, PAGER_WHOLE, "  read among every match too");
	db_exec(db, "DELETE FROM vcase WHERE id = 1099511627777");
	ok(search_pages(db, 0, "路灯", 50, &how), "gone");
	is_int(how, PAGER_NARROWED, "  narrowed again");
	/* A town's clerk: the scope is one more condition, the newest matches are the town's
	   or not. The 3,000 are all of the first town; the second has 50 of the 300 before. */
	ok(search_pages(db, 1, "路灯", 50, &how), "the first town's clerk, every page as LIKE's");
	is_int(how, PAGER_NARROWED, "  read among the newest matches");
	ok(search_pages(db, 2, "路灯", 20, &how), "the second town's clerk, every page as LIKE's");
	is_int(how, PAGER_NARROW_MISSED, "  none of the newest is the town's: read again");
	/* A count, and an order other than the list's own, read every match. */
	struct scope sc;
	scope_system(&sc);
	struct filter f = {0};
	filter_set(&f, "search", "路灯");
	struct pager *p;
	listing_cases(db, &sc, &f, &p);
	int64_t c = 0;
	int k;
	free(like_ids(db, "路灯", 0, &k));
	pager_count(p, 0, &c);
	is_int(c, k, "the search's count is LIKE's");
	pager_sort(p, pager_col_index(pager_def(p), "number"), true);
	struct pager_row *rows;
	int got;
	pager_fetch(p, PAGER_FIRST, NULL, 50, &rows, &got);
	ok(got == 50 && pager_narrowed(p) == PAGER_WHOLE, "by number: read among every match");
	pager_rows_free(rows, got, pager_def(p)->ncols);
	pager_free(p);
}

/*
 * The case list's deadline columns, read in one pass over a case's running clocks
 * (PC_PART): each case's figures as worked out by hand on 10 March 2026 (due soon: to
 * the 13th), with 2026's holidays loaded and 2031's not.
 */
static void test_case_deadlines(sqlite3 *db)
{
	static const char *const setup =
	    "INSERT INTO calendar_day (day, kind) VALUES ('2026-10-01', 'holiday');"
	    "WITH RECURSIVE n(i) AS (SELECT 9001 UNION ALL SELECT i + 1 FROM n WHERE i < 9007) "
	    "INSERT INTO vcase (id, number, submitted_at, channel, deputy_id, town_id, "
	    "category_id, "
	    "title, content, state, updated_at) SELECT i, printf('2026-%06d', i), "
	    "'2026-03-01T09:00:00+08:00', 'qr', 1, 1, (SELECT id FROM category WHERE code = 'C1'), "
	    "'期限', '内容', 'assigned', '' FROM n;"
	    "INSERT INTO wf_clock (workflow, item_id, clock, started, due, stopped) VALUES "
	    "('case', 9002, 'respond', '2026-03-01', '2026-03-09', NULL),"
	    "('case', 9003, 'respond', '2026-03-01', '2026-03-12', NULL),"
	    "('case', 9003, 'reply', '2026-03-01', '2026-04-01', NULL),"
	    "('case', 9004, 'reply', '2026-02-01', '2026-03-05', NULL),"
	    "('case', 9004, 'rehandle', '2026-03-01', '2026-03-11', NULL),"
	    "('case', 9005, 'respond', '2026-02-20', '2026-03-01', '2026-02-25'),"
	    "('case', 9005, 'reply', '2026-02-25', '2031-01-15', NULL),"
	    "('case', 9006, 'respond', '2026-03-01', '2026-03-20', NULL),"
	    "('case', 9006, 'reply', '2026-03-01', '2031-02-01', NULL),"
	    "('case', 9007, 'return', '2026-03-01', '2026-03-02', NULL),"
	    "('suggestion', 9007, 'reply', '2026-03-01', '2026-03-02', NULL);";
	ok(db_exec(db, setup) == RD_OK && case_reindex(db) == RD_OK,
	   "seven cases and their clocks");
	static const struct {
		int64_t id;
		const char *due, *respond, *reply, *next, *overdue, *soon, *provisional;
	} want[] = {
	    {9001, "", "", "", "", "0", "0", "0"},
	    {9002, "overdue", "2026-03-09", "", "2026-03-09", "1", "0", "0"},
	    {9003, "soon", "2026-03-12", "2026-04-01", "2026-03-12", "0", "1", "0"},
	    {9004, "overdue", "", "2026-03-11", "2026-03-05", "1", "1", "0"},
	    {9005, "", "", "2031-01-15", "2031-01-15?", "0", "0", "1"},
	    {9006, "", "2026-03-20", "2031-02-01", "2026-03-20", "0", "0", "1"},
	    {9007, "", "", "", "", "0", "0", "0"},
	};
	static const char *const keys[] = {"due",     "respond_due", "reply_due",  "next_due",
	                                   "overdue", "due_soon",    "provisional"};
	char *saved = getenv("RENDA_NOW") ? xstrdup(getenv("RENDA_NOW")) : NULL;
	setenv("RENDA_NOW", "2026-03-10T10:00:00+08:00", 1);
	int soon_days = conf.due_soon_days;
	conf.due_soon_days = 3;
	struct scope sc;
	scope_system(&sc);
	struct filter f = {0};
	filter_set(&f, "search", "期限");
	struct pager *p;
	listing_cases(db, &sc, &f, &p);
	const struct pager_def *def = pager_def(p);
	struct pager_row *rows;
	int n = 0;
	pager_fetch(p, PAGER_FIRST, NULL, 50, &rows, &n);
	is_int(n, 7, "the seven cases on one page");
	for (int i = 0; i < 7; i++) {
		const char *got[7];
		struct pager_row one = {0};
		pager_get(p, want[i].id, &one);
		const struct pager_row *r = NULL;
		for (int k = 0; k < n; k++)
			if (rows[k].id == want[i].id)
				r = &rows[k];
		bool same = r && one.cells;
		for (int c = 0; c < 7; c++) {
			int col = pager_col_index(def, keys[c]);
			got[c] = r ? r->cells[col] : "";
			same = same && !strcmp(got[c], one.cells[col]);
		}
		ok(same && !strcmp(got[0], want[i].due) && !strcmp(got[1], want[i].respond) &&
		       !strcmp(got[2], want[i].reply) && !strcmp(got[3], want[i].next) &&
		       !strcmp(got[4], want[i].overdue) && !strcmp(got[5], want[i].soon) &&
		       !strcmp(got[6], want[i].provisional),
		   "case %lld: [%s] [%s] [%s] [%s] %s %s %s, the page's as the record's",
		   (long long)want[i].id, got[0], got[1], got[2], got[3], got[4], got[5], got[6]);
		pager_row_free(&one, def->ncols);
	}
	pager_rows_free(rows, n, def->ncols);
	pager_free(p);
	if (saved)
		setenv("RENDA_NOW", saved, 1);
	else
		unsetenv("RENDA_NOW");
	free(saved);
	conf.due_soon_days = soon_days;
}

static void test_changes(sqlite3 *db)
{
	struct listing_change *c;
	int n;
	listing_audit_changes(db, "{\"id\":1,\"name\":\"乍浦\",\"sort\":2}",
	                      "{\"id\":1,\"name\":\"乍浦镇\",\"sort\":2}", &c, &n);
	ok(n == 3 && !strcmp(c[1].field, "name") && !strcmp(c[1].before, "乍浦") &&
	       !strcmp(c[1].after, "乍浦镇"),
	   "an audit row's change, field by field");
	listing_changes_free(c, n);
	listing_audit_changes(db, NULL, "{\"id\":2,\"code\":\"X\"}", &c, &n);
	ok(n == 2 && !strcmp(c[1].before, "") && !strcmp(c[1].after, "X"), "an addition");
	listing_changes_free(c, n);
}

int main(void)
{
	struct tap_db t;
	sqlite3 *db = tap_db_new(&t, "pager");
	if (db) {
		test_audit(db);
		test_sort_ties(db);
		test_changes(db);
		test_users(db);
		test_cases(db);
		test_search_narrowed(db);
		test_case_deadlines(db);
		tap_db_end(&t);
	}
	listing_free_all();
	return tap_done();
}
