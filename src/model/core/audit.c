#include "config.h"

#include <nettle/sha2.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/core/audit.h"
#include "model/core/db.h"
#include "util/datetime.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

#define HASH_HEX (SHA256_DIGEST_SIZE * 2 + 1)
#define GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

struct arow {
	int64_t id, entity_id;
	const char *at, *account, *role, *entity, *action, *before, *after;
};

static void feed(struct sha256_ctx *c, const char *s)
{
	char len[24];
	size_t n = s ? strlen(s) : 0;
	/* Length-prefixed, so no two field lists hash the same bytes; NULL differs from "". */
	snprintf(len, sizeof len, s ? "%zu:" : "-:", n);
	sha256_update(c, strlen(len), (const uint8_t *)len);
	if (n)
		sha256_update(c, n, (const uint8_t *)s);
}

/* The hash of a row given the previous row's hash. */
static void row_hash(const char *prev, const struct arow *r, char out[HASH_HEX])
{
	struct sha256_ctx c;
	uint8_t d[SHA256_DIGEST_SIZE];
	char num[2][24];
	snprintf(num[0], sizeof num[0], "%lld", (long long)r->id);
	snprintf(num[1], sizeof num[1], "%lld", (long long)r->entity_id);
	sha256_init(&c);
	feed(&c, prev);
	feed(&c, num[0]);
	feed(&c, r->at);
	feed(&c, r->account);
	feed(&c, r->role);
	feed(&c, r->entity);
	feed(&c, num[1]);
	feed(&c, r->action);
	feed(&c, r->before);
	feed(&c, r->after);
	sha256_digest(&c, sizeof d, d);
	for (size_t i = 0; i < sizeof d; i++)
		snprintf(out + 2 * i, 3, "%02x", d[i]);
}

static int write_row(sqlite3 *db, const char *account, const char *role, const char *entity,
                     int64_t id, const char *action, const char *before, const char *after)
{
	if (sqlite3_get_autocommit(db))
		fatal("audit row written outside a transaction (%s %s)", entity, action);
	int64_t last_id = 0;
	char *prev = NULL;
	sqlite3_stmt *st = db_prepare(db, "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1", "");
	if (!st)
		return RD_FAIL;
	int src = sqlite3_step(st);
	if (src == SQLITE_ROW) {
		last_id = sqlite3_column_int64(st, 0);
		prev = db_col_dup(st, 1);
	}
	sqlite3_finalize(st);
	if (src != SQLITE_ROW && src != SQLITE_DONE)
		return db_fail(db, _("read audit"));

	char at[CLOCK_BUF];
	clock_format(clock_now(), at);
	struct arow r = {last_id + 1, id, at, account, role, entity, action, before, after};
	char hash[HASH_HEX];
	row_hash(prev ? prev : GENESIS, &r, hash);
	int rc = db_run(db,
	                "INSERT INTO audit (id, at, account, role, entity, entity_id, action, "
	                "before_json, after_json, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
	                "ittttittttt", r.id, at, account, role, entity, id, action, before, after,
	                prev ? prev : GENESIS, hash);
	if (!rc)
		rc = db_run(db, "INSERT OR REPLACE INTO meta (key, value) VALUES ('audit_head', ?)", "t",
		            hash);
	free(prev);
	return rc;
}

int audit_log(sqlite3 *db, const struct scope *sc, const char *entity, int64_t id,
              const char *action, const char *before_json, const char *after_json)
{
	return write_row(db, sc->login, role_name(sc->role), entity, id, action, before_json,
	                 after_json);
}

int audit_log_system(sqlite3 *db, const char *entity, int64_t id, const char *action,
                     const char *before_json, const char *after_json)
{
	struct scope sc;
	scope_system(&sc);
	return write_row(db, sc.login, "system", entity, id, action, before_json, after_json);
}

char *audit_snapshot(sqlite3 *db, const char *table, int64_t id)
{
	struct sbuf sql = SBUF_INIT;
	char q[160];
	snprintf(q, sizeof q, "SELECT name FROM pragma_table_info('%s') ORDER BY cid", table);
	sqlite3_stmt *st = db_prepare(db, q, "");
	if (!st)
		return NULL;
	sbuf_puts(&sql, "SELECT json_object(");
	int n = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *col = db_col(st, 0);
		sbuf_printf(&sql, "%s'%s', \"%s\"", n++ ? ", " : "", col, col);
	}
	sqlite3_finalize(st);
	sbuf_printf(&sql, ") FROM %s WHERE id = ?", table);
	char *json = NULL;
	if (n == 0 || db_text(db, &json, sbuf_str(&sql), "i", id))
		json = NULL;
	sbuf_free(&sql);
	return json;
}

int audit_verify(sqlite3 *db, int64_t *count, int64_t *bad_id)
{
	*count = 0;
	*bad_id = 0;
	sqlite3_stmt *st = db_prepare(db,
	                              "SELECT id, at, account, role, entity, entity_id, action, "
	                              "before_json, after_json, prev_hash, hash FROM audit ORDER BY id",
	                              "");
	if (!st)
		return RD_FAIL;
	char prev[HASH_HEX] = GENESIS;
	int64_t expect = 1;
	int rc = RD_OK, src;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		struct arow r;
		r.id = sqlite3_column_int64(st, 0);
		r.at = (const char *)sqlite3_column_text(st, 1);
		r.account = (const char *)sqlite3_column_text(st, 2);
		r.role = (const char *)sqlite3_column_text(st, 3);
		r.entity = (const char *)sqlite3_column_text(st, 4);
		r.entity_id = sqlite3_column_int64(st, 5);
		r.action = (const char *)sqlite3_column_text(st, 6);
		r.before = (const char *)sqlite3_column_text(st, 7);
		r.after = (const char *)sqlite3_column_text(st, 8);
		const char *stored_prev = db_col(st, 9), *stored = db_col(st, 10);
		char h[HASH_HEX];
		row_hash(prev, &r, h);
		*bad_id = r.id;
		if (r.id != expect) {
			rc = err_set(RD_FAIL, _("audit row %lld is missing (next row is %lld)"),
			             (long long)expect, (long long)r.id);
			*bad_id = expect;
			break;
		}
		if (strcmp(stored_prev, prev)) {
			rc = err_set(RD_FAIL,
			             _("audit row %lld does not follow row %lld: rows were removed or "
			               "reordered"),
			             (long long)r.id, (long long)r.id - 1);
			break;
		}
		if (strcmp(stored, h)) {
			rc = err_set(RD_FAIL, _("audit row %lld was altered: its hash does not match"),
			             (long long)r.id);
			break;
		}
		snprintf(prev, sizeof prev, "%s", h);
		expect++;
		(*count)++;
	}
	if (!rc && src != SQLITE_DONE)
		rc = db_fail(db, _("read audit"));
	sqlite3_finalize(st);
	if (rc)
		return rc;
	*bad_id = 0;
	char *head = NULL;
	int hrc = db_text(db, &head, "SELECT value FROM meta WHERE key = 'audit_head'", "");
	if (hrc == RD_NOTFOUND && *count == 0)
		return RD_OK;
	if (hrc == RD_OK && head && !strcmp(head, prev)) {
		free(head);
		return RD_OK;
	}
	free(head);
	*bad_id = expect;
	return err_set(RD_FAIL,
	               _("the audit trail ends at row %lld, but its recorded head is another row: "
	                 "rows were removed from the end"),
	               (long long)(expect - 1));
}

sqlite3_stmt *audit_list(sqlite3 *db, const struct scope *sc, const struct audit_filter *f)
{
	bool all = sc->role == ROLE_ADMIN || sc->role == ROLE_CITY_CLERK || sc->role == ROLE_VIEWER;
	return db_prepare(db,
	                  "SELECT id, at, account, role, entity, entity_id, action, before_json, "
	                  "after_json FROM audit WHERE (?1 IS NULL OR entity = ?1) "
	                  "AND (?2 = 0 OR entity_id = ?2) AND (?3 IS NULL OR account = ?3) "
	                  "AND (?4 IS NULL OR substr(at, 1, 10) >= ?4) "
	                  "AND (?5 IS NULL OR substr(at, 1, 10) <= ?5) "
	                  "AND (?6 OR account = ?7) ORDER BY id DESC LIMIT ?8",
	                  "titttdti", f->entity, f->entity_id, f->account, f->since, f->until, all,
	                  sc->login, (int64_t)(f->limit > 0 ? f->limit : -1));
}
