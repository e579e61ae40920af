/* Unit tests of the core: dates, the transaction helper, versions, the audit chain, the
   aggregate renda_counts() (model/core/sqlcount.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/core/audit.h"
#include "model/core/db.h"
#include "model/core/msgtext.h"
#include "model/core/sqlcount.h"
#include "tap.h"
#include "util/datetime.h"
#include "util/err.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

static void test_dates(void)
{
	int d;
	ok(date_parse("2024-02-29", &d), "2024-02-29 is a date");
	ok(!date_parse("2023-02-29", &d), "2023-02-29 is not");
	ok(!date_parse("2024-13-01", &d), "month 13 is not");
	ok(!date_parse("2024-1-01", &d), "short month is refused");
	ok(date_parse("1970-01-01", &d) && d == 0, "the epoch is day 0");
	date_parse("2026-11-29", &d);
	is_int(date_weekday(d), 7, "2026-11-29 is a Sunday");
	char buf[11];
	date_format(d + 33, buf);
	is_str(buf, "2027-01-01", "day arithmetic crosses the year");
	time_t t;
	ok(clock_parse("2026-01-01T08:00:00+08:00", &t) && t == 1767225600,
	   "timestamps with an offset parse to the right instant");
	ok(clock_parse("2026-01-01T00:00:00Z", &t) && t == 1767225600, "Z means UTC");
	ok(!clock_parse("2026-01-01T25:00:00Z", &t), "hour 25 is refused");
	/* Formatting keeps the last two times: asked again, alternately, and in another zone. */
	char a[CLOCK_BUF], b[CLOCK_BUF], c[CLOCK_BUF];
	clock_set_zone("Asia/Shanghai");
	clock_format(1767225600, a);
	clock_format(1767225601, b);
	clock_format(1767225602, c);
	clock_format(1767225601, b);
	is_str(a, "2026-01-01T08:00:00+08:00", "a time is written in the committee's zone");
	is_str(b, "2026-01-01T08:00:01+08:00", "a second later, asked twice");
	is_str(c, "2026-01-01T08:00:02+08:00", "a third between");
	clock_format(1767225600, a);
	is_str(a, "2026-01-01T08:00:00+08:00", "the first again, after two others");
	clock_set_zone("UTC");
	clock_format(1767225601, b);
	is_str(b, "2026-01-01T00:00:01+00:00", "the same time in another zone is written anew");
	clock_set_zone("Asia/Shanghai");
	clock_format(1767225601, b);
	is_str(b, "2026-01-01T08:00:01+08:00", "and back");
	/* The digits are put in place: each day of 1900-2100 reads back as the day it is
	   (date_parse() and the civil calendar the day numbers follow), every field of two
	   digits zero-filled. */
	int bad = 0, first = 0, last = 0;
	date_parse("1900-01-01", &first);
	date_parse("2100-12-31", &last);
	for (int day = first; day <= last; day++) {
		char text[11], want[11];
		int y, m, dd, back = -1;
		date_format(day, text);
		date_to_ymd(day, &y, &m, &dd);
		snprintf(want, sizeof want, "%04d-%02d-%02d", y, m, dd);
		bad += strcmp(text, want) || !date_parse(text, &back) || back != day;
	}
	is_int(bad, 0, "every day of 1900-2100 is written as it parses back");
	clock_set_zone("America/St_Johns"); /* -03:30 in winter: a negative offset, minutes */
	clock_format(1767225600 + 59, a);
	is_str(a, "2025-12-31T20:30:59-03:30", "a zone behind UTC by hours and minutes");
	clock_set_zone("UTC");
	clock_format(0, a);
	is_str(a, "1970-01-01T00:00:00+00:00", "the epoch");
	clock_format(253402300799, a);
	is_str(a, "9999-12-31T23:59:59+00:00", "the last second of year 9999");
	clock_set_zone("Asia/Shanghai");
}

static sqlite3 *fresh(const char *dir)
{
	char *path = xasprintf("%s/t.db", dir);
	sqlite3 *db = NULL;
	int rc = db_create(path, &db);
	ok(rc == RD_OK, "a new database is created with the schema (%s)", err_msg());
	free(path);
	return db;
}

static void test_tx_and_audit(const char *dir)
{
	sqlite3 *db = fresh(dir);
	if (!db)
		return;
	struct scope sc;
	scope_system(&sc);

	/* A failed step inside a transaction rolls everything back. */
	ok(db_begin(db) == RD_OK, "begin immediate");
	db_run(db, "INSERT INTO category (code, name) VALUES ('X', '测试')", "");
	int rc = db_run(db, "INSERT INTO category (code, name) VALUES ('X', '重复')", "");
	is_int(db_end(db, rc), RD_INVALID, "a constraint failure is returned as invalid input");
	ok(sqlite3_get_autocommit(db), "no transaction is left open after the failure");
	int64_t n = -1;
	db_int(db, &n, "SELECT count(*) FROM category", "");
	is_int(n, 0, "the first insert was rolled back too");

	/* Versions: an update with a stale version is a conflict. */
	db_begin(db);
	db_run(db, "INSERT INTO category (code, name) VALUES ('A', '城市建设')", "");
	int64_t id = sqlite3_last_insert_rowid(db);
	char *after = audit_snapshot(db, "category", id);
	ok(after && strstr(after, "\"name\":\"城市建设\""), "the snapshot is JSON of the row");
	audit_log(db, &sc, "category", id, "add", NULL, after);
	free(after);
	is_int(db_end(db, RD_OK), RD_OK, "commit");
	db_begin(db);
	db_run(
	    db,
	    "UPDATE category SET name = '城建', version = version + 1 WHERE id = ? AND version = 1",
	    "i", id);
	is_int(db_version_check(db, "category", id, sqlite3_changes(db)), RD_OK,
	       "version 1 matches");
	db_end(db, RD_OK);
	db_begin(db);
	db_run(
	    db,
	    "UPDATE category SET name = '旧' , version = version + 1 WHERE id = ? AND version = 1",
	    "i", id);
	rc = db_version_check(db, "category", id, sqlite3_changes(db));
	is_int(rc, RD_CONFLICT, "a stale version is a conflict");
	db_end(db, rc);
	char *name = NULL;
	db_text(db, &name, "SELECT name FROM category WHERE id = ?", "i", id);
	is_str(name, "城建", "the conflicting update did not overwrite");
	free(name);

	int64_t count, bad;
	is_int(audit_verify(db, &count, &bad), RD_OK, "the chain verifies");
	ok(count >= 2, "it holds the migration and the change (%lld rows)", (long long)count);

	/* The head and the seal are written once a transaction, for its last row. */
	int64_t before = 0, after_n = 0;
	db_int(db, &before, "SELECT count(*) FROM audit", "");
	db_begin(db);
	for (int i = 0; i < 3; i++)
		audit_log(db, &sc, "category", id, "touch", NULL, "{}");
	is_int(db_end(db, RD_OK), RD_OK, "three audit rows commit in one transaction");
	char *head = NULL, *last = NULL;
	db_text(db, &head, "SELECT value FROM meta WHERE key = 'audit_head'", "");
	db_text(db, &last, "SELECT hash FROM audit ORDER BY id DESC LIMIT 1", "");
	ok(head && last && !strcmp(head, last), "the head is the last row's hash");
	free(head);
	free(last);
	is_int(audit_verify(db, &count, &bad), RD_OK, "the chain and its seal verify");
	db_int(db, &after_n, "SELECT count(*) FROM audit", "");
	is_int(after_n, before + 3, "three rows were added");
	/* A commit that skips audit_flush() (not through db_end) is refused, nothing kept. */
	db_begin(db);
	audit_log(db, &sc, "category", id, "touch", NULL, "{}");
	ok(sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK,
	   "a commit leaving the head behind its rows fails");
	ok(sqlite3_get_autocommit(db), "and rolls back");
	db_int(db, &after_n, "SELECT count(*) FROM audit", "");
	is_int(after_n, before + 3, "its audit row is not kept");
	/* Rows rolled back to a savepoint: the head names the last row that stays. */
	db_begin(db);
	audit_log(db, &sc, "category", id, "kept", NULL, "{}");
	db_exec(db, "SAVEPOINT probe");
	audit_log(db, &sc, "category", id, "undone", NULL, "{}");
	db_exec(db, "ROLLBACK TO probe; RELEASE probe");
	is_int(db_end(db, RD_OK), RD_OK, "a transaction with a rolled back savepoint commits");
	is_int(audit_verify(db, &count, &bad), RD_OK, "the chain and its seal verify after it");
	db_int(db, &after_n, "SELECT count(*) FROM audit", "");
	is_int(after_n, before + 4, "only the row outside the savepoint is kept");
	/* A change's row keeps, before and after, the fields it changed, each of its JSON
	   type; a creation's its whole after; images that are no JSON object, as given. */
	static const struct {
		const char *before, *after, *kept_before, *kept_after, *what;
	} images[] = {
	    {"{\"a\":1,\"b\":\"x\",\"c\":true,\"d\":[1,2],\"e\":null,\"f\":1,\"h\":\"1\"}",
	     "{\"a\":1,\"b\":\"y\",\"c\":false,\"d\":[1,2],\"e\":null,\"g\":{\"k\":1},\"h\":1}",
	     "{\"b\":\"x\",\"c\":true,\"f\":1,\"h\":\"1\"}",
	     "{\"b\":\"y\",\"c\":false,\"g\":{\"k\":1},\"h\":1}",
	     "the fields changed, lacking on a side or of another type (\"1\" and 1)"},
	    {"{\"d\":[1,2],\"e\":null,\"n\":\"李\"}", "{\"d\":[1,3],\"e\":0,\"n\":\"李\"}",
	     "{\"d\":[1,2],\"e\":null}", "{\"d\":[1,3],\"e\":0}", "an array changed, null to 0"},
	    {"{\"a\":1}", "{\"a\":1}", "{}", "{}", "no field changed: two empty objects"},
	    {NULL, "{\"a\":1,\"b\":2}", NULL, "{\"a\":1,\"b\":2}", "a creation: its whole after"},
	    {"{oops", "{\"a\":1}", "{oops", "{\"a\":1}", "before no valid JSON: both as given"},
	    {"[1]", "{\"a\":1}", "[1]", "{\"a\":1}", "before no object: both as given"},
	};
	for (size_t i = 0; i < sizeof images / sizeof images[0]; i++) {
		db_begin(db);
		audit_log(db, &sc, "category", id, "probe", images[i].before, images[i].after);
		is_int(db_end(db, RD_OK), RD_OK, "%s: written", images[i].what);
		char *kb = NULL, *ka = NULL;
		db_text(db, &kb, "SELECT before_json FROM audit ORDER BY id DESC LIMIT 1", "");
		db_text(db, &ka, "SELECT after_json FROM audit ORDER BY id DESC LIMIT 1", "");
		if (images[i].kept_before)
			is_str(kb, images[i].kept_before, "%s: before", images[i].what);
		else
			ok(kb == NULL, "%s: no before", images[i].what);
		is_str(ka, images[i].kept_after, "%s: after", images[i].what);
		free(kb);
		free(ka);
	}
	is_int(audit_verify(db, &count, &bad), RD_OK, "the chain verifies with them");
	db_exec(db, "UPDATE audit SET after_json = '{}' WHERE id = 2");
	is_int(audit_verify(db, &count, &bad), RD_FAIL, "an altered row breaks the chain");
	is_int(bad, 2, "and is named");
	db_close(db);
}

/* renda_counts(spec, ...) of sql into out (up to n values); the number of values, or -1
   on an error (its message in err, 200 bytes). */
static int counts_of(sqlite3 *db, const char *sql, int64_t *out, int n, char *err)
{
	sqlite3_stmt *st = NULL;
	int got = -1;
	*err = '\0';
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
		int src = sqlite3_step(st);
		if (src == SQLITE_ROW) {
			const void *b = sqlite3_column_blob(st, 0);
			int bytes = sqlite3_column_bytes(st, 0);
			got = b ? bytes / 8 : 0;
			if (got > n)
				got = n;
			if (b)
				memcpy(out, b, (size_t)got * 8);
		}
	}
	if (got < 0)
		snprintf(err, 200, "%s", sqlite3_errmsg(db));
	sqlite3_finalize(st);
	return got;
}

/* A database made anew in dir under name, or NULL (the failure reported). */
static sqlite3 *made(const char *dir, const char *name, const char *what)
{
	char *path = xasprintf("%s/%s", dir, name);
	sqlite3 *db = NULL;
	ok(db_create(path, &db) == RD_OK, "%s (%s)", what, err_msg());
	free(path);
	return db;
}

/* The connection that made a database (and ran its migrations) reads the schema's text
   as the last migration left it: schema 25 rewrote CHECK lists in place, and a
   connection still holding the old text made a temporary table at every row written. */
static void test_migrated_connection(const char *dir)
{
	sqlite3 *db = made(dir, "m.db", "a database made anew");
	if (!db)
		return;
	sqlite3_stmt *st = NULL;
	int ops = 0, temp = 0;
	if (sqlite3_prepare_v2(db,
	                       "EXPLAIN INSERT INTO wf_clock (workflow, item_id, clock, round, "
	                       "started, due, outcome) VALUES ('case', 1, 'reply', 1, 'x', 'y', "
	                       "'met')",
	                       -1, &st, NULL) == SQLITE_OK)
		while (sqlite3_step(st) == SQLITE_ROW) {
			const char *op = (const char *)sqlite3_column_text(st, 1);
			ops++;
			temp += op && !strcmp(op, "OpenEphemeral");
		}
	sqlite3_finalize(st);
	ok(ops > 0, "the connection that migrated compiles a deadline's INSERT");
	ok(temp == 0, "  with the schema's lists as rewritten: no temporary table (%d)", temp);
	db_close(db);
}

/* A connection reads pages with read() until db_map() maps the file (work that reads
   much of it); db_map() in a transaction changes nothing. */
static int64_t mapped(sqlite3 *db)
{
	int64_t size = -1;
	db_int(db, &size, "PRAGMA mmap_size", "");
	return size;
}

static void test_map(const char *dir)
{
	sqlite3 *db = made(dir, "map.db", "a database");
	if (!db)
		return;
	is_int(mapped(db), 0, "  opened, nothing mapped");
	db_exec(db, "BEGIN");
	db_map(db);
	is_int(mapped(db), 0, "  db_map() in a transaction changes nothing");
	db_exec(db, "COMMIT");
	db_map(db);
	is_int(mapped(db), 1073741824, "  db_map() maps up to 1 GiB");
	db_close(db);
}

/* The ids a write transaction hands out, a table each: the next is the last plus one while
   it holds the write lock, and read anew in the next transaction, where another
   connection may have numbered rows since. */
static void test_new_ids(const char *dir)
{
	char *path = xasprintf("%s/ids.db", dir);
	sqlite3 *a = NULL, *b = NULL;
	ok(db_create(path, &a) == RD_OK && db_open(path, &b) == RD_OK, "two connections (%s)",
	   err_msg());
	free(path);
	if (!a || !b) {
		db_close(a);
		db_close(b);
		return;
	}
	int64_t x = 0, y = 0, z = 0;
	ok(db_begin(a) == RD_OK && db_new_id(a, "vcase_comment", &x) == RD_OK &&
	       db_new_id(a, "vcase_comment", &y) == RD_OK,
	   "two new ids in one transaction (%s)", err_msg());
	is_int(y, x + 1, "  the second is the next");
	is_int(db_end(a, RD_OK), RD_OK, "  committed (neither row written)");
	/* Another connection writes a row under the next id between a's transactions (a
	   comment on no case: the references are not what is tested). */
	sqlite3_exec(b, "PRAGMA foreign_keys = OFF", NULL, NULL, NULL);
	ok(db_begin(b) == RD_OK && db_new_id(b, "vcase_comment", &z) == RD_OK, "b's new id");
	is_int(z, x, "  nothing written: the same first id");
	int rc = db_run(b,
	                "INSERT INTO vcase_comment (id, case_id, deputy_id, text, at) "
	                "VALUES (?, 1, 1, 'x', 'now')",
	                "i", z);
	is_int(db_end(b, rc), RD_OK, "  b wrote its row under it (%s)", err_msg());
	ok(db_begin(a) == RD_OK && db_new_id(a, "vcase_comment", &y) == RD_OK,
	   "a's next transaction takes a new id");
	is_int(y, z + 1, "  after b's row, not the one a handed out before");
	db_end(a, RD_FAIL);
	db_close(a);
	db_close(b);
}

static void test_counts(void)
{
	sqlite3 *db = NULL;
	if (sqlite3_open(":memory:", &db) != SQLITE_OK || sqlcount_register(db) != SQLITE_OK) {
		ok(0, "an in-memory database with renda_counts()");
		sqlite3_close(db);
		return;
	}
	sqlite3_exec(
	    db,
	    "CREATE TABLE t (g, s, e, a); INSERT INTO t VALUES "
	    "(1, 'closed', '满意', 3), (1, 'open', '不满意', NULL), (1, 'rejected', NULL, -2), "
	    "(1, 'closed', '满意', 10), (1, 'closedx', '基本满意', 0), (2, 'open', '满意', 7), "
	    "(2, NULL, 'satisfied', 1)",
	    NULL, NULL, NULL);
	int64_t v[16];
	char err[200];
	int n = counts_of(db,
	                  "SELECT renda_counts('closed|rejected;满意|基本满意|不满意;+', s, e, a) "
	                  "FROM t WHERE g = 1",
	                  v, 16, err);
	is_int(n, 7, "rows, two words, three words, one sum: 7 values");
	if (n == 7) {
		is_int((int)v[0], 5, "  5 rows");
		is_int((int)v[1], 2, "  2 'closed' (not 'closedx')");
		is_int((int)v[2], 1, "  1 'rejected'");
		is_int((int)v[3], 2, "  2 满意 (not 不满意 or 基本满意)");
		is_int((int)v[4], 1, "  1 基本满意");
		is_int((int)v[5], 1, "  1 不满意");
		is_int((int)v[6], 11, "  the sum 3 + 10 - 2 + 0, NULL adding nothing");
	}
	n = counts_of(db, "SELECT renda_counts('open;+', s, a) FROM t WHERE g = 2", v, 16, err);
	ok(n == 3 && v[0] == 2 && v[1] == 1 && v[2] == 8,
	   "a NULL text counts as no word, the row still counted (2, 1, 8)");
	n = counts_of(db,
	              "SELECT g, renda_counts('+', a) FROM t GROUP BY g HAVING g = 3 UNION ALL "
	              "SELECT 0, renda_counts('+', a) FROM t WHERE 0",
	              v, 16, err);
	ok(n == 0, "no row: NULL, no counts");
	n = counts_of(db, "SELECT renda_counts('a||b', s) FROM t", v, 16, err);
	ok(n < 0 && strstr(err, "renda_counts"), "an empty word is refused: %s", err);
	n = counts_of(db, "SELECT renda_counts('+;+', a) FROM t", v, 16, err);
	ok(n < 0 && strstr(err, "each value"), "a field without its value is refused: %s", err);
	n = counts_of(db, "SELECT renda_counts('+;+;+;+;+;+;+;+;+;+;+;+;+;+;+;+;+', a) FROM t", v,
	              16, err);
	ok(n < 0, "17 fields are too many: %s", err);
	n = counts_of(db, "SELECT renda_counts(NULL, a) FROM t", v, 16, err);
	ok(n < 0, "a NULL spec is refused: %s", err);
	n = counts_of(db, "SELECT renda_counts() FROM t", v, 16, err);
	ok(n < 0, "no spec at all is refused: %s", err);
	n = counts_of(db,
	              "SELECT renda_counts('+', x) FROM (SELECT 9223372036854775807 AS x UNION "
	              "ALL SELECT 1)",
	              v, 16, err);
	ok(n < 0 && strstr(err, "overflow"), "a sum past 64 bits is an error: %s", err);
	sqlite3_close(db);
}

/* A history's sentences: kept as msgids, read back in the reader's language (here C). */
static void test_msgtext(void)
{
	struct sbuf b = SBUF_INIT;
	char w[32];
	sbuf_puts(&b, "2026-01-12\n");
	msgtext_add(&b, "ballots issued %lld, returned %d, %s%%", 7LL, -3, "55.5");
	sbuf_puts(&b, "\nthe clerk's own line\n");
	msgtext_addn(&b, "%d candidate ties for %s", "%d candidates tie for %s", 2UL, 2,
	             "one seat");
	sbuf_putc(&b, '\n');
	msgtext_add(&b, "%s: %s", "opinion Y001", "two\nlines");
	sbuf_putc(&b, '\n');
	msgtext_add(&b, "%s, %s", msgtext_code(w, sizeof w, "result", "chosen"), "x");
	ok(!strstr(sbuf_str(&b), "ballots issued 7"), "the text keeps the msgid, not the sentence");
	char *r = msgtext_render(sbuf_str(&b));
	is_str(r,
	       "2026-01-12\nballots issued 7, returned -3, 55.5%\nthe clerk's own line\n"
	       "2 candidates tie for one seat\nopinion Y001: two\nlines\nchosen, x",
	       "read back: each sentence in its place, the people's lines as they are");
	free(r);
	sbuf_reset(&b);
	/* A person's text cannot forge a sentence's fields: the marks in it are dropped. */
	msgtext_add(&b, "note %s",
	            "a\xee\x80\x81"
	            "b\xee\x80\x80"
	            "c");
	r = msgtext_render(sbuf_str(&b));
	is_str(r, "note abc", "marks inside an argument are dropped");
	free(r);
	r = msgtext_render("plain text, no sentence");
	is_str(r, "plain text, no sentence", "a text without sentences is itself");
	free(r);
	ok(msgtext_render(NULL) == NULL, "NULL stays NULL");
	sbuf_free(&b);
}

int main(void)
{
	char tmpl[] = "/tmp/renda-unit.XXXXXX";
	char *dir = mkdtemp(tmpl);
	test_dates();
	test_counts();
	test_msgtext();
	if (dir) {
		setenv("RENDA_DATADIR", ABS_SRCDIR "/data", 0);
		test_tx_and_audit(dir);
		test_migrated_connection(dir);
		test_new_ids(dir);
		test_map(dir);
		tap_remove_dir(dir);
	}
	return tap_done();
}
