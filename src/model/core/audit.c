#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <nettle/hmac.h>
#include <nettle/sha2.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model/case/case_scope.h"
#include "model/core/audit.h"
#include "model/core/db.h"
#include "model/suggestion/suggestion_scope.h"
#include "model/core/ref.h"
#include "model/core/vocab.h"
#include "util/datetime.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/outfile.h"
#include "util/priv.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

#define HASH_HEX (SHA256_DIGEST_SIZE * 2 + 1)
#define KEY_LEN 32
#define GENESIS "0000000000000000000000000000000000000000000000000000000000000000"
#define KEY_MAGIC "renda audit key 1"

/* ---- the key of each open database ---------------------------------------- */

/*
 * The key of an open database, read from its key file (the database's path +
 * ".key") when the database was opened. Rows before `from` are plain SHA-256 (a
 * chain made before renda keyed it); row `from` is the key row, and it and every
 * later row are HMAC-SHA256 under the key.
 */
struct akey {
	sqlite3 *db;
	char *path;      /* the key file */
	bool have;       /* the key was read */
	bool missing;    /* the chain has a key row but the key file is gone (or unreadable) */
	bool unreadable; /* the key file is there, but this account may not read it */
	uint8_t key[KEY_LEN];
	int64_t from; /* the key row */
	char id[17];  /* the key's id, recorded in the key row */
	bool dirty;   /* audit rows written in the open transaction: its head and seal not yet */
	bool lean;    /* the trail's rows hold no prev_hash (schema 29 on), as seen once */
};
#define KEY_SLOTS 16
static struct akey slots[KEY_SLOTS];

static struct akey *slot_of(sqlite3 *db)
{
	for (int i = 0; i < KEY_SLOTS; i++)
		if (slots[i].db == db)
			return &slots[i];
	return NULL;
}

static void hex(const uint8_t *d, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[d[i] >> 4];
		out[2 * i + 1] = digits[d[i] & 15];
	}
	out[2 * n] = '\0';
}

static bool unhex(const char *s, uint8_t *d, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned v;
		if (!s[2 * i] || !s[2 * i + 1] || sscanf(s + 2 * i, "%2x", &v) != 1)
			return false;
		d[i] = (uint8_t)v;
	}
	return s[2 * n] == '\0';
}

/* The key's id: 16 hex digits of SHA-256 over a label and the key; not the key itself. */
static void key_id(const uint8_t *key, char out[17])
{
	struct sha256_ctx c;
	uint8_t d[SHA256_DIGEST_SIZE];
	sha256_init(&c);
	sha256_update(&c, 18, (const uint8_t *)"renda audit key id");
	sha256_update(&c, KEY_LEN, key);
	sha256_digest(&c, sizeof d, d);
	hex(d, 8, out);
}

/*
 * An HMAC-SHA256 context keyed with key. The key's inner and outer states are kept for the
 * last key used (setting a key hashes two blocks: at every audit row and seal, 2% of an
 * import); cleared with the key's slot.
 */
static struct {
	bool set;
	uint8_t key[KEY_LEN];
	struct hmac_sha256_ctx c;
} hkey;

static void hmac_start(struct hmac_sha256_ctx *c, const uint8_t *key)
{
	if (!hkey.set || memcmp(hkey.key, key, KEY_LEN)) {
		hmac_sha256_set_key(&hkey.c, KEY_LEN, key);
		memcpy(hkey.key, key, KEY_LEN);
		hkey.set = true;
	}
	*c = hkey.c;
}

/* The length-prefixed bytes a row's hash covers ("-:" for NULL, so NULL differs from ""). */
static void feed(struct sbuf *b, const char *s)
{
	if (s) {
		char len[24];
		size_t n = strlen(s);
		snprintf(len, sizeof len, "%zu:", n);
		sbuf_puts(b, len);
		sbuf_puts(b, s);
	} else
		sbuf_puts(b, "-:");
}

struct arow {
	int64_t id, entity_id;
	const char *at, *account, *role, *entity, *action, *before, *after;
};

/* The hash of a row given the previous row's hash: HMAC-SHA256 with key, else SHA-256. */
static void row_hash(const char *prev, const struct arow *r, const uint8_t *key, char out[HASH_HEX])
{
	struct sbuf b = SBUF_INIT;
	char num[24];
	feed(&b, prev);
	snprintf(num, sizeof num, "%lld", (long long)r->id);
	feed(&b, num);
	feed(&b, r->at);
	feed(&b, r->account);
	feed(&b, r->role);
	feed(&b, r->entity);
	snprintf(num, sizeof num, "%lld", (long long)r->entity_id);
	feed(&b, num);
	feed(&b, r->action);
	feed(&b, r->before);
	feed(&b, r->after);
	uint8_t d[SHA256_DIGEST_SIZE];
	if (key) {
		struct hmac_sha256_ctx c;
		hmac_start(&c, key);
		hmac_sha256_update(&c, b.len, (const uint8_t *)sbuf_str(&b));
		hmac_sha256_digest(&c, sizeof d, d);
	} else {
		struct sha256_ctx c;
		sha256_init(&c);
		sha256_update(&c, b.len, (const uint8_t *)sbuf_str(&b));
		sha256_digest(&c, sizeof d, d);
	}
	sbuf_free(&b);
	hex(d, sizeof d, out);
}

/* The seal of the chain's end: HMAC over the last row's number and hash (catches truncation). */
static void seal_of(const uint8_t *key, int64_t id, const char *hash, char out[HASH_HEX])
{
	char msg[128];
	int n = snprintf(msg, sizeof msg, "seal:%lld:%s", (long long)id, hash);
	struct hmac_sha256_ctx c;
	uint8_t d[SHA256_DIGEST_SIZE];
	hmac_start(&c, key);
	hmac_sha256_update(&c, (size_t)n, (const uint8_t *)msg);
	hmac_sha256_digest(&c, sizeof d, d);
	hex(d, sizeof d, out);
}

/* Records row id with its hash as the chain's head, and its seal when the row is keyed. */
static int write_head(sqlite3 *db, const struct akey *k, int64_t id, const char *hash)
{
	int rc = db_run(db, "INSERT OR REPLACE INTO meta (key, value) VALUES ('audit_head', ?)",
	                "t", hash);
	if (!rc && k && k->have && id >= k->from) {
		char seal[HASH_HEX];
		seal_of(k->key, id, hash, seal);
		rc = db_run(db, "INSERT OR REPLACE INTO meta (key, value) VALUES ('audit_seal', ?)",
		            "t", seal);
	}
	return rc;
}

/* A transaction with audit rows commits only through audit_flush() (db_end() calls it):
   one that did not is rolled back instead of leaving the head behind its rows. */
static int head_unwritten(void *arg)
{
	return ((const struct akey *)arg)->dirty;
}

static void rolled_back(void *arg)
{
	struct akey *k = arg;
	k->dirty = false;
	k->lean = false; /* an upgrade to schema 29 undone: looked at again */
}

/* Reads a key file: the key, the key row's number and whether that row is committed. */
static int read_key(const char *path, uint8_t *key, int64_t *from, bool *committed)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		int e = errno;
		if (e == ENOENT)
			return RD_NOTFOUND;
		err_set(RD_FAIL, _("cannot read the audit key %s: %s"), path, strerror(e));
		errno = e; /* the caller tells EACCES apart */
		return RD_FAIL;
	}
	char line[4][128] = {{0}};
	for (int i = 0; i < 4 && fgets(line[i], sizeof line[i], f); i++)
		line[i][strcspn(line[i], "\n")] = '\0';
	fclose(f);
	long long n = 0;
	char state[16] = "";
	if (strcmp(line[0], KEY_MAGIC) || strncmp(line[1], "key ", 4) ||
	    !unhex(line[1] + 4, key, KEY_LEN) || sscanf(line[2], "from %lld", &n) != 1 || n < 1 ||
	    sscanf(line[3], "state %15s", state) != 1 ||
	    (strcmp(state, "committed") && strcmp(state, "pending")))
		return err_set(RD_FAIL, _("the audit key %s is damaged"), path);
	*from = n;
	*committed = !strcmp(state, "committed");
	return RD_OK;
}

/* Writes the key file (a new one exclusively unless replace); 0640 for the group of a
   setgid run, 0600 otherwise. */
static int write_key(const char *path, const uint8_t *key, int64_t from, bool committed,
                     bool replace)
{
	char hexkey[KEY_LEN * 2 + 1];
	hex(key, KEY_LEN, hexkey);
	char *text = xasprintf("%s\nkey %s\nfrom %lld\nstate %s\n", KEY_MAGIC, hexkey,
	                       (long long)from, committed ? "committed" : "pending");
	char *tmp = xasprintf("%s.XXXXXX", path);
	int rc = RD_OK;
	int fd = mkostemp(tmp, O_CLOEXEC);
	mode_t mode = priv_setgid() ? 0640 : 0600;
	if (fd < 0 || fchmod(fd, mode) || write(fd, text, strlen(text)) != (ssize_t)strlen(text) ||
	    fsync(fd))
		rc =
		    err_set(RD_FAIL, _("cannot write the audit key %s: %s"), path, strerror(errno));
	if (fd >= 0 && close(fd) && !rc)
		rc =
		    err_set(RD_FAIL, _("cannot write the audit key %s: %s"), path, strerror(errno));
	if (!rc && (replace ? rename(tmp, path) : link(tmp, path)))
		rc = errno == EEXIST ? RD_EXISTS
		                     : err_set(RD_FAIL, _("cannot write the audit key %s: %s"),
		                               path, strerror(errno));
	if (fd >= 0 && (rc || !replace))
		unlink(tmp);
	free(tmp);
	explicit_bzero(text, strlen(text));
	free(text);
	return rc;
}

/* The audit trail's last row; a new row. */
static const char last_row_sql[] = "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1";
static const char insert_sql[] =
    "INSERT INTO audit (id, at, account, role, entity, entity_id, action, before_json, "
    "after_json, hash) VALUES (?,?,?,?,?,?,?,?,?,?)";
/* A row of a trail before schema 29, whose rows held the previous row's hash too:
   written by the migrations up to 28, which an older database goes through. */
static const char insert_prev_sql[] =
    "INSERT INTO audit (id, at, account, role, entity, entity_id, action, before_json, "
    "after_json, hash, prev_hash) VALUES (?,?,?,?,?,?,?,?,?,?,?)";

/* Inserts row r with its hash, after the row whose hash is prev. */
static int insert_row(sqlite3 *db, const struct arow *r, const char *prev, const char *hash)
{
	/* The column's presence is in SQLite's parsed schema (no statement is run); once
	   gone, it stays gone for the connection. */
	struct akey *k = slot_of(db);
	bool old =
	    !(k && k->lean) && sqlite3_table_column_metadata(db, "main", "audit", "prev_hash", NULL,
	                                                     NULL, NULL, NULL, NULL) == SQLITE_OK;
	if (k && !old)
		k->lean = true;
	return db_run(db, old ? insert_prev_sql : insert_sql, old ? "ittttittttt" : "ittttitttt",
	              r->id, r->at, r->account, r->role, r->entity, r->entity_id, r->action,
	              r->before, r->after, hash, prev);
}

/* Inserts the key row (number from) with its hash under key, and the seal; in a transaction. */
static int write_key_row(sqlite3 *db, const uint8_t *key, int64_t from)
{
	char *prev = NULL;
	if (from > 1 && db_text(db, &prev, "SELECT hash FROM audit WHERE id = ?", "i", from - 1))
		return err_set(RD_FAIL, _("the audit trail has no row %lld"), (long long)from - 1);
	char at[CLOCK_BUF], id[17], after[64], hash[HASH_HEX], seal[HASH_HEX];
	clock_format(clock_now(), at);
	key_id(key, id);
	snprintf(after, sizeof after, "{\"key_id\":\"%s\"}", id);
	struct scope sc;
	scope_system(&sc);
	struct arow r = {from, 0, at, sc.login, "system", "audit", "key", NULL, after};
	row_hash(prev ? prev : GENESIS, &r, key, hash);
	int rc = insert_row(db, &r, prev ? prev : GENESIS, hash);
	seal_of(key, from, hash, seal);
	if (!rc)
		rc = db_run(db,
		            "INSERT OR REPLACE INTO meta (key, value) VALUES ('audit_head', ?), "
		            "('audit_seal', ?)",
		            "tt", hash, seal);
	free(prev);
	return rc;
}

/* The number and key id of the chain's key row; *from = 0 when there is none. */
static int find_key_row(sqlite3 *db, int64_t *from, char id[17])
{
	*from = 0;
	sqlite3_stmt *st =
	    db_prepare(db,
	               "SELECT id, json_extract(after_json, '$.key_id') FROM audit "
	               "WHERE entity = 'audit' AND action = 'key' ORDER BY id LIMIT 1",
	               "");
	if (!st)
		return RD_FAIL;
	if (sqlite3_step(st) == SQLITE_ROW) {
		*from = sqlite3_column_int64(st, 0);
		snprintf(id, 17, "%s", db_col(st, 1));
	}
	sqlite3_finalize(st);
	return RD_OK;
}

/*
 * Under the write lock: makes the key of a chain that has none (a new database, or
 * one made by a renda that did not key its chain), or finishes one that a process
 * left pending. The key file is written "pending" before the key row, and
 * "committed" once the row is in: a committed key whose row is missing means rows
 * were removed, never an interrupted start.
 */
static int settle_key(sqlite3 *db, struct akey *k)
{
	if (db_begin(db))
		return RD_FAIL;
	uint8_t key[KEY_LEN];
	int64_t from = 0, row = 0, last = 0;
	bool committed = false;
	char id[17] = "";
	int rc = read_key(k->path, key, &from, &committed);
	if (rc == RD_NOTFOUND || rc == RD_OK)
		rc = find_key_row(db, &row, id) ? RD_FAIL : rc;
	if (rc == RD_NOTFOUND || rc == RD_OK)
		rc = db_int(db, &last, "SELECT coalesce(max(id), 0) FROM audit", "") ? RD_FAIL : rc;
	if (rc == RD_NOTFOUND && row) {
		/* The chain is keyed and its key is gone: nothing may be written. */
		k->missing = true;
		k->from = row;
		rc = RD_OK;
	} else if (rc == RD_NOTFOUND) {
		if (getrandom(key, sizeof key, 0) != (ssize_t)sizeof key)
			rc = err_set(RD_FAIL, _("cannot draw a random key: %s"), strerror(errno));
		else {
			from = last + 1;
			committed = false;
			rc = write_key(k->path, key, from, false, false);
			if (rc ==
			    RD_EXISTS) /* another process was quicker: use its key next time */
				rc = err_set(RD_FAIL,
				             _("the audit key %s appeared meanwhile; try again"),
				             k->path);
			if (!rc && (rc = write_key_row(db, key, from)))
				unlink(k->path);
		}
	} else if (!rc && !committed) {
		char want[17];
		key_id(key, want);
		if (row == from && !strcmp(id, want))
			rc = RD_OK; /* the row is in: only the file is behind */
		else if (!row && last == from - 1)
			rc = write_key_row(db, key, from);
		else
			rc = err_set(RD_FAIL,
			             _("the audit key %s waits for key row %lld, but the trail "
			               "does not match it"),
			             k->path, (long long)from);
	}
	rc = db_end(db, rc);
	if (!rc && !k->missing && !committed) {
		committed = true;
		rc = write_key(k->path, key, from, true, true);
	}
	if (!rc && !k->missing) {
		memcpy(k->key, key, sizeof key);
		k->from = from;
		k->have = true;
		key_id(key, k->id);
	}
	explicit_bzero(key, sizeof key);
	return rc;
}

int audit_key_open(sqlite3 *db)
{
	struct akey *k = slot_of(NULL);
	if (!k)
		return err_set(RD_FAIL, _("too many databases open at once"));
	memset(k, 0, sizeof *k);
	k->db = db;
	k->path = xasprintf("%s.key", db_path(db));
	sqlite3_commit_hook(db, head_unwritten, k);
	sqlite3_rollback_hook(db, rolled_back, k);
	bool committed = false;
	uint8_t key[KEY_LEN];
	int rc = read_key(k->path, key, &k->from, &committed);
	if (rc == RD_FAIL && errno == EACCES) {
		/* Not this account's to read: it may look, not change (nor verify the keyed rows).
		 */
		char id[17];
		k->missing = true;
		k->unreadable = true;
		rc = find_key_row(db, &k->from, id);
	} else if (rc == RD_OK && committed) {
		memcpy(k->key, key, sizeof key);
		key_id(key, k->id);
		k->have = true;
	} else if (rc == RD_NOTFOUND && !find_key_row(db, &k->from, k->id) && k->from) {
		/* The chain is keyed and its key file is gone: a read, not the write lock, tells
		   (settle_key() would take the lock at every start to find the same). */
		k->missing = true;
		k->id[0] = '\0';
		err_clear();
		rc = RD_OK;
	} else if (rc == RD_OK || rc == RD_NOTFOUND) {
		err_clear();
		rc = settle_key(db, k);
		/* Reference records that a migration seeded before renda recorded seeds. */
		if (!rc && k->have && !db_begin(db))
			rc = db_end(db, audit_adopt(db));
	}
	explicit_bzero(key, sizeof key);
	if (rc)
		audit_key_close(db);
	return rc;
}

static void snapshot_forget(sqlite3 *db);

void audit_key_close(sqlite3 *db)
{
	if (db)
		snapshot_forget(db);
	struct akey *k = db ? slot_of(db) : NULL;
	if (!k)
		return;
	sqlite3_commit_hook(db, NULL, NULL);
	sqlite3_rollback_hook(db, NULL, NULL);
	free(k->path);
	if (hkey.set && !memcmp(hkey.key, k->key, KEY_LEN))
		explicit_bzero(&hkey, sizeof hkey);
	explicit_bzero(k, sizeof *k);
}

int audit_key_copy(sqlite3 *db, const char *path, bool force)
{
	struct akey *k = slot_of(db);
	if (!k || !k->have)
		return RD_OK;
	char hexkey[KEY_LEN * 2 + 1];
	hex(k->key, KEY_LEN, hexkey);
	char *text = xasprintf("%s\nkey %s\nfrom %lld\nstate committed\n", KEY_MAGIC, hexkey,
	                       (long long)k->from);
	int rc = outfile_save(path, text, strlen(text), force, OUTFILE_PERSONAL);
	explicit_bzero(text, strlen(text));
	free(text);
	return rc;
}

const char *audit_key_path(sqlite3 *db)
{
	struct akey *k = slot_of(db);
	return k ? k->path : NULL;
}

/* ---- writing and verifying the chain -------------------------------------- */

/* The number and hash of the chain's last row (0 and NULL when it has none; caller frees). */
static int last_row(sqlite3 *db, int64_t *id, char **hash)
{
	*id = 0;
	*hash = NULL;
	sqlite3_stmt *st = db_cached(db, last_row_sql, "");
	if (!st)
		return RD_FAIL;
	int src = sqlite3_step(st);
	if (src == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		*hash = db_col_dup(st, 1);
	}
	db_done(st);
	return src == SQLITE_ROW || src == SQLITE_DONE ? RD_OK : db_fail(db, _("read audit"));
}

static int write_image(sqlite3 *db, const char *account, const char *role, const char *entity,
                       int64_t id, const char *action, const char *before, const char *after)
{
	struct akey *k = slot_of(db);
	if (k && k->unreadable)
		return err_set(RD_DENIED, _("cannot read the audit key %s: %s"), k->path,
		               strerror(EACCES));
	if (k && k->missing)
		return err_set(
		    RD_FAIL,
		    _("the audit key %s is missing: nothing can be changed until it is "
		      "restored (it was made with the database; see renda(1), SECURITY)"),
		    k->path);
	int64_t last_id;
	char *prev;
	if (last_row(db, &last_id, &prev))
		return RD_FAIL;

	char at[CLOCK_BUF];
	clock_format(clock_now(), at);
	struct arow r = {last_id + 1, id, at, account, role, entity, action, before, after};
	bool keyed = k && k->have && r.id >= k->from;
	char hash[HASH_HEX];
	row_hash(prev ? prev : GENESIS, &r, keyed ? k->key : NULL, hash);
	int rc = insert_row(db, &r, prev ? prev : GENESIS, hash);
	/* The head and the seal name the transaction's last row: written once, at its end. */
	if (!rc && k)
		k->dirty = true;
	else if (!rc)
		rc = write_head(db, NULL, r.id, hash);
	free(prev);
	return rc;
}

/* A field of json_each() as a value of json_group_object(): its JSON type kept. */
#define FIELD(t)                                                                                   \
	"CASE WHEN " t ".type IN ('true', 'false', 'object', 'array') THEN json(CASE " t ".type "  \
	"WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' ELSE " t ".value END) ELSE " t          \
	".value END"

/* Whether field t.key of one image (t: its json_each()) is lacking in the other, ?N, or
   held otherwise: looked up in ?N, whose parse SQLite keeps for the statement. */
#define OTHERWISE(n, t)                                                                            \
	"json_type(?" n ", '$.\"' || " t ".key || '\"') IS NOT " t ".type OR json_extract(?" n     \
	", '$.\"' || " t ".key || '\"') IS NOT " t ".value"
#define FIELD_B FIELD("b")
#define FIELD_A FIELD("a")
#define B_CHANGED OTHERWISE("2", "b")
#define A_CHANGED OTHERWISE("1", "a")
/* The changed fields of before (?1) and of after (?2); NULL unless both are valid JSON. */
static const char changed_sql[] =
    "SELECT json_extract(r, '$[0]'), json_extract(r, '$[1]') FROM (SELECT CASE WHEN "
    "json_valid(?1) AND json_valid(?2) THEN json_array((SELECT json_group_object(b.key, " FIELD_B
    ") FROM json_each(?1) b WHERE " B_CHANGED "), (SELECT json_group_object(a.key, " FIELD_A
    ") FROM json_each(?2) a WHERE " A_CHANGED ")) END AS r)";

/*
 * The images of a change that has both, as a row keeps them: the fields the change
 * changed (those one image lacks or holds otherwise), before and after. A step of a voter
 * issue kept the whole case twice, 1,384 B. What a record held when is had by reading
 * its rows in order (renda check, the points' roster of a past day): its creation's
 * after-image is whole. False: keep both as they are (either is no JSON object, or not
 * valid JSON). Caller frees *b and *a.
 */
static bool changed_images(sqlite3 *db, const char *before, const char *after, char **b, char **a)
{
	*b = *a = NULL;
	if (!before || !after || *before != '{' || *after != '{')
		return false;
	sqlite3_stmt *st = db_cached(db, changed_sql, "tt", before, after);
	bool done = st && sqlite3_step(st) == SQLITE_ROW &&
	            sqlite3_column_type(st, 0) != SQLITE_NULL &&
	            sqlite3_column_type(st, 1) != SQLITE_NULL;
	if (done) {
		*b = db_col_dup(st, 0);
		*a = db_col_dup(st, 1);
	}
	db_done(st);
	return done;
}

static int write_row(sqlite3 *db, const char *account, const char *role, const char *entity,
                     int64_t id, const char *action, const char *before, const char *after)
{
	if (sqlite3_get_autocommit(db))
		fatal("audit row written outside a transaction (%s %s)", entity, action);
	/* A rehearsal (db_write()): the row's statements prepared, not run; the head's
	   too, by audit_flush() at its end. */
	if (db_rehearsing()) {
		struct akey *k = slot_of(db);
		if (k)
			k->dirty = true;
		return db_warm(db, changed_sql) || db_warm(db, last_row_sql) ||
		               db_warm(db, insert_sql)
		           ? RD_FAIL
		           : RD_OK;
	}
	char *b, *a;
	bool reduced = changed_images(db, before, after, &b, &a);
	int rc = reduced ? write_image(db, account, role, entity, id, action, b, a)
	                 : write_image(db, account, role, entity, id, action, before, after);
	free(b);
	free(a);
	return rc;
}

int audit_flush(sqlite3 *db)
{
	struct akey *k = slot_of(db);
	if (!k || !k->dirty)
		return RD_OK;
	int64_t id;
	char *hash;
	int rc = last_row(db, &id, &hash);
	if (!rc && hash)
		rc = write_head(db, k, id, hash);
	free(hash);
	if (!rc)
		k->dirty = false;
	return rc;
}

void audit_rehearsed(sqlite3 *db)
{
	struct akey *k = slot_of(db);
	if (k)
		k->dirty = false;
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

/* The SELECT json_object(...) of a table's columns, made once a table (the tables are few). */
static struct {
	sqlite3 *db;
	char *table, *sql;
} made[16];

/* Forgets the snapshot statements made for db (it closes). */
static void snapshot_forget(sqlite3 *db)
{
	for (size_t i = 0; i < sizeof made / sizeof made[0]; i++)
		if (made[i].db == db) {
			free(made[i].table);
			free(made[i].sql);
			memset(&made[i], 0, sizeof made[i]);
		}
}

static const char *snapshot_sql(sqlite3 *db, const char *table)
{
	for (size_t i = 0; i < sizeof made / sizeof made[0]; i++)
		if (made[i].db == db && made[i].table && !strcmp(made[i].table, table))
			return made[i].sql;
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
	if (n == 0) {
		sbuf_free(&sql);
		return NULL;
	}
	/* A slot of another database (or the oldest) makes room: its SQL is made again. */
	static size_t next;
	size_t i = next++ % (sizeof made / sizeof made[0]);
	free(made[i].table);
	free(made[i].sql);
	made[i].db = db;
	made[i].table = xstrdup(table);
	made[i].sql = sbuf_take(&sql);
	return made[i].sql;
}

char *audit_snapshot(sqlite3 *db, const char *table, int64_t id)
{
	const char *sql = snapshot_sql(db, table);
	char *json = NULL;
	/* A rehearsal keeps no audit row: the statement prepared, not run. */
	if (sql && db_rehearsing()) {
		db_warm(db, sql);
		return NULL;
	}
	if (!sql || db_text(db, &json, sql, "i", id))
		json = NULL;
	return json;
}

int audit_verify(sqlite3 *db, int64_t *count, int64_t *bad_id)
{
	*count = 0;
	*bad_id = 0;
	struct akey *k = slot_of(db);
	const uint8_t *key = k && k->have ? k->key : NULL;
	int64_t from = k && (k->have || k->missing) ? k->from : 0;
	int64_t key_row = 0;
	char row_id[17] = "";
	if (find_key_row(db, &key_row, row_id))
		return RD_FAIL;
	sqlite3_stmt *st = db_prepare(db,
	                              "SELECT id, at, account, role, entity, entity_id, action, "
	                              "before_json, after_json, hash FROM audit ORDER BY id",
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
		const char *stored = db_col(st, 9);
		*bad_id = r.id;
		if (r.id != expect) {
			rc = err_set(RD_FAIL, _("audit row %lld is missing (next row is %lld)"),
			             (long long)expect, (long long)r.id);
			*bad_id = expect;
			break;
		}
		bool keyed = from && r.id >= from;
		if (keyed && !key) {
			rc = k->unreadable
			         ? err_set(RD_FAIL, _("cannot read the audit key %s: %s"), k->path,
			                   strerror(EACCES))
			         : err_set(RD_FAIL,
			                   _("rows from %lld on are keyed, and the audit key %s is "
			                     "missing: they cannot be verified"),
			                   (long long)from, k->path);
			break;
		}
		if (r.id == from &&
		    (strcmp(r.entity ? r.entity : "", "audit") ||
		     strcmp(r.action ? r.action : "", "key") || strcmp(row_id, k->id))) {
			rc = err_set(
			    RD_FAIL,
			    _("audit row %lld should be the key row of %s, and is not: rows "
			      "were removed or replaced"),
			    (long long)r.id, k->path);
			break;
		}
		/* The hash covers the row before's hash: a row altered, or put in another's
		   place, or after a row removed (the numbers closed up) no longer matches. */
		char h[HASH_HEX];
		row_hash(prev, &r, keyed ? key : NULL, h);
		if (strcmp(stored, h)) {
			rc =
			    err_set(RD_FAIL,
			            keyed ? _("audit row %lld was altered, or rows before it were "
			                      "removed or reordered: its keyed hash does not match "
			                      "(recomputed without the key?)")
			                  : _("audit row %lld was altered, or rows before it were "
			                      "removed or reordered: its hash does not match"),
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
	*bad_id = expect;
	/* Every renda database holds at least the rows of its schema. */
	if (*count == 0)
		return err_set(RD_FAIL, _("the audit trail is empty: its rows were removed"));
	if (!from && key_row)
		return err_set(RD_FAIL,
		               _("the audit trail has a key row (%lld) but this database has no "
		                 "audit key"),
		               (long long)key_row);
	if (from && key_row != from)
		return err_set(RD_FAIL,
		               _("the audit trail ends at row %lld, before its key row %lld: rows "
		                 "were removed from the end"),
		               (long long)(expect - 1), (long long)from);
	char *head = NULL, *seal = NULL;
	int hrc = db_text(db, &head, "SELECT value FROM meta WHERE key = 'audit_head'", "");
	if (!hrc && from)
		hrc = db_text(db, &seal, "SELECT value FROM meta WHERE key = 'audit_seal'", "");
	bool ok = !hrc && head && !strcmp(head, prev);
	if (ok && from) {
		char want[HASH_HEX];
		seal_of(key, expect - 1, prev, want);
		ok = seal && !strcmp(seal, want);
	}
	free(head);
	free(seal);
	if (ok) {
		*bad_id = 0;
		return RD_OK;
	}
	return err_set(RD_FAIL,
	               _("the audit trail ends at row %lld, but its recorded end is another row: "
	                 "rows were removed from the end"),
	               (long long)(expect - 1));
}

int audit_head(sqlite3 *db, char out[65], int64_t *rows)
{
	char *hash;
	if (last_row(db, rows, &hash))
		return RD_FAIL;
	if (!hash)
		return err_set(RD_NOTFOUND, _("the audit trail is empty"));
	snprintf(out, 65, "%s", hash);
	free(hash);
	return RD_OK;
}

int audit_find_head(sqlite3 *db, const char *head, int64_t *row)
{
	size_t n = strlen(head);
	bool ok = n >= 16 && n <= 64;
	for (size_t i = 0; ok && i < n; i++)
		ok = strchr("0123456789abcdef", head[i]) != NULL;
	if (!ok)
		return err_set(
		    RD_INVALID,
		    _("--head takes a head hash as audit verify or audit anchor printed it "
		      "(16 to 64 hexadecimal digits)"));
	sqlite3_stmt *st = db_prepare(db,
	                              "SELECT id FROM audit WHERE substr(hash, 1, ?1) = ?2 "
	                              "ORDER BY id LIMIT 2",
	                              "dt", (int)n, head);
	if (!st)
		return RD_FAIL;
	int found = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (!found)
			*row = sqlite3_column_int64(st, 0);
		found++;
	}
	sqlite3_finalize(st);
	if (found == 1)
		return RD_OK;
	if (found > 1)
		return err_set(RD_INVALID,
		               _("the head %s names more than one row: give more digits"), head);
	return err_set(RD_FAIL,
	               _("the head %s noted earlier is not in the audit trail: the trail was "
	                 "rewritten or rows were removed since"),
	               head);
}

/* ---- records against their audit rows ------------------------------------ */

int audit_adopt(sqlite3 *db)
{
	int rc = RD_OK;
	for (int i = 0; i < ref_nkinds && !rc; i++) {
		int64_t there = 0;
		if (db_int(db, &there,
		           "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND "
		           "name = ?",
		           "t", ref_kinds[i].table))
			return RD_FAIL;
		if (!there) /* made by a later migration */
			continue;
		char q[200];
		snprintf(q, sizeof q,
		         "SELECT id FROM \"%s\" t WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE "
		         "a.entity = ? AND a.entity_id = t.id) ORDER BY id",
		         ref_kinds[i].table);
		sqlite3_stmt *st = db_prepare(db, q, "t", ref_kinds[i].name);
		if (!st)
			return RD_FAIL;
		while (!rc && sqlite3_step(st) == SQLITE_ROW) {
			int64_t id = sqlite3_column_int64(st, 0);
			char *after = audit_snapshot(db, ref_kinds[i].table, id);
			rc = audit_log_system(db, ref_kinds[i].name, id, "seed", NULL, after);
			free(after);
		}
		sqlite3_finalize(st);
	}
	return rc;
}

/* The SQL json_object() of every column of table, as audit_snapshot() makes it (alias t). */
static char *snapshot_expr(sqlite3 *db, const char *table)
{
	char q[160];
	snprintf(q, sizeof q, "SELECT name FROM pragma_table_info('%s') ORDER BY cid", table);
	sqlite3_stmt *st = db_prepare(db, q, "");
	if (!st)
		return NULL;
	struct sbuf b = SBUF_INIT;
	sbuf_puts(&b, "json_object(");
	int n = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *col = db_col(st, 0);
		sbuf_printf(&b, "%s'%s', t.\"%s\"", n++ ? ", " : "", col, col);
	}
	sqlite3_finalize(st);
	sbuf_putc(&b, ')');
	if (!n) {
		sbuf_free(&b);
		return NULL;
	}
	return sbuf_take(&b);
}

/* Each audited kind and its table: the audit rows of these carry the record's
   after-image (audit_snapshot; a change's, the fields it changed), which the record
   must still match. Reference kinds (ref_kinds) follow. */
static const struct {
	const char *entity, *table;
} record_kinds[] = {
    {"user", "app_user"},
    {"deputy", "deputy"},
    {"case", "vcase"},
    {"case_comment", "vcase_comment"},
    {"suggestion", "suggestion"},
};
enum { NRECORD_KINDS = N_OF(record_kinds) };

/* The kind i of every audited kind (record_kinds, then ref_kinds); false past the end. */
static bool audited_kind(int i, const char **entity, const char **table)
{
	if (i < NRECORD_KINDS) {
		*entity = record_kinds[i].entity;
		*table = record_kinds[i].table;
		return true;
	}
	if (i - NRECORD_KINDS < ref_nkinds) {
		*entity = ref_kinds[i - NRECORD_KINDS].name;
		*table = ref_kinds[i - NRECORD_KINDS].table;
		return true;
	}
	return false;
}

/* The rowid of the last bulk audit row of renda demo for entity, or 0. */
static int64_t demo_row_of(sqlite3 *db, const char *entity)
{
	int64_t demo_row = 0;
	db_int(db, &demo_row,
	       "SELECT coalesce(max(id), 0) FROM audit WHERE entity = ? AND action = 'demo'", "t",
	       entity);
	return demo_row;
}

/* The fields of record cur.rid (of entity ?1) as its audit rows left them: each key of
   any of its after-images (a creation's holds every field, a change's those it changed:
   changed_images()) with its type and value in the latest row that holds it (SQLite takes
   the bare columns of an aggregate's row from the row of its max()). Each image read once. */
#define HELD                                                                                       \
	"(SELECT w.key, w.type, w.value, max(g.id) FROM audit g, json_each(CASE WHEN "             \
	"json_valid(g.after_json) THEN g.after_json END) w WHERE g.entity = ?1 AND g.entity_id = " \
	"cur.rid GROUP BY w.key) h"
/* Field h.key of the record now: its path in now (x.j: now read once a record, in a
   subquery of its own; named in the query itself, it is the record read again at every
   use, hence diff_stmt's gone), whose parse SQLite keeps. */
#define NOW_PATH "'$.\"' || h.key || '\"'"
#define FIELD_H FIELD("h")

/* What the audit rows say the record cur.rid is: each field of it (now) that a row holds. */
static const char held_image[] =
    "(SELECT json_group_object(h.key, " FIELD_H ") FROM (SELECT now AS j) x, " HELD
    " WHERE json_type(x.j, " NOW_PATH ") IS NOT NULL)";

/* True when a field of the record cur.rid (now) is not what the last row holding it says. */
static const char held_differs[] =
    "EXISTS (SELECT 1 FROM (SELECT now AS j) x, " HELD " WHERE json_type(x.j, " NOW_PATH
    ") IS NOT NULL AND (json_type(x.j, " NOW_PATH ") <> h.type OR json_extract(x.j, " NOW_PATH
    ") IS NOT h.value))";

/*
 * The records of one kind that do not match their audit rows: columns id, how (0
 * changed, 1 gone, 2 never audited), what the audit rows say the record is (each
 * field from the last row that holds it; NULL for 2) and the record now (NULL for 1).
 * NULL when the table does not exist (yet). A field the record has and no row holds (a
 * column added since) is not compared, nor one a row holds and the record has not (a
 * column dropped). Rows that renda demo made in bulk carry one audit row for all of
 * them: what was last written before it cannot be compared (demo_row).
 */
static sqlite3_stmt *diff_stmt(sqlite3 *db, const char *entity, const char *table, int64_t demo_row)
{
	char *now = snapshot_expr(db, table);
	if (!now)
		return NULL;
	struct sbuf sql = SBUF_INIT;
	sbuf_printf(&sql,
	            "WITH last AS (SELECT entity_id AS rid, max(id) AS id FROM audit WHERE "
	            "entity = ?1 AND entity_id > 0 GROUP BY entity_id), "
	            "cur AS (SELECT l.rid, a.after_json AS lastimg, "
	            "(SELECT %s FROM \"%s\" t WHERE t.id = l.rid) AS now, "
	            "NOT EXISTS (SELECT 1 FROM \"%s\" t WHERE t.id = l.rid) AS gone "
	            "FROM last l JOIN audit a ON a.id = l.id WHERE l.id > ?2) "
	            "SELECT rid, gone, CASE WHEN lastimg IS NULL OR json_valid(lastimg) = 0 "
	            "THEN lastimg WHEN NOT gone THEN %s END, now FROM cur "
	            "WHERE gone OR lastimg IS NULL OR json_valid(lastimg) = 0 OR %s "
	            "UNION ALL "
	            "SELECT t.id, 2, NULL, %s FROM \"%s\" t WHERE ?2 = 0 AND NOT EXISTS (SELECT 1 "
	            "FROM audit a WHERE a.entity = ?1 AND a.entity_id = t.id) "
	            "ORDER BY 1",
	            now, table, table, held_image, held_differs, now, table);
	free(now);
	sqlite3_stmt *st = db_prepare(db, sbuf_str(&sql), "ti", entity, demo_row);
	sbuf_free(&sql);
	return st;
}

/* Checks the records of one audited kind; appends findings; returns how many. */
static long check_kind(sqlite3 *db, const char *entity, const char *table, struct sbuf *report,
                       long *demo)
{
	int64_t demo_row = demo_row_of(db, entity);
	sqlite3_stmt *st = diff_stmt(db, entity, table, demo_row);
	if (!st)
		return 0;
	long bad = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(st, 0);
		int how = sqlite3_column_int(st, 1);
		if (bad++ < 10)
			sbuf_printf(report,
			            how == 2 ? _("records: %s %lld has no audit row: it was added "
			                         "behind renda's back\n")
			            : how == 1
			                ? _("records: %s %lld is gone, and no audit row says "
			                    "so\n")
			                : _("records: %s %lld differs from its audit rows: "
			                    "it was changed behind renda's back\n"),
			            vocab_entity(entity), id);
	}
	if (bad > 10)
		sbuf_printf(report, _("records: ... and %ld more %s records\n"), bad - 10,
		            vocab_entity(entity));
	sqlite3_finalize(st);
	if (demo_row) {
		int64_t n = 0;
		char q[200];
		snprintf(q, sizeof q,
		         "SELECT count(*) FROM \"%s\" t WHERE NOT EXISTS (SELECT 1 FROM audit a "
		         "WHERE a.entity = ? AND a.entity_id = t.id AND a.id > ?)",
		         table);
		db_int(db, &n, q, "ti", entity, demo_row);
		*demo += n;
	}
	return bad;
}

int audit_check_records(sqlite3 *db, struct sbuf *report)
{
	long bad = 0, demo = 0;
	const char *entity, *table;
	for (int i = 0; audited_kind(i, &entity, &table); i++)
		bad += check_kind(db, entity, table, report, &demo);
	if (!bad)
		sbuf_puts(report, _("records: each matches its audit rows\n"));
	if (demo)
		sbuf_printf(report,
		            _("records: %ld were made or last changed by renda demo, in bulk, and "
		              "cannot be compared\n"),
		            demo);
	return bad ? RD_FAIL : RD_OK;
}

/* ---- what a migration changes ------------------------------------------- */

int audit_migration_begin(sqlite3 *db)
{
	int rc =
	    db_exec(db, "CREATE TEMP TABLE IF NOT EXISTS audit_premigration (entity TEXT, "
	                "id INTEGER, PRIMARY KEY (entity, id)); DELETE FROM audit_premigration");
	const char *entity, *table;
	for (int i = 0; !rc && audited_kind(i, &entity, &table); i++) {
		sqlite3_stmt *st = diff_stmt(db, entity, table, demo_row_of(db, entity));
		while (!rc && st && sqlite3_step(st) == SQLITE_ROW)
			rc = db_run(db, "INSERT OR IGNORE INTO audit_premigration VALUES (?, ?)",
			            "ti", entity, (int64_t)sqlite3_column_int64(st, 0));
		sqlite3_finalize(st);
	}
	return rc;
}

int audit_migration_end(sqlite3 *db)
{
	int rc = RD_OK;
	const char *entity, *table;
	for (int i = 0; !rc && audited_kind(i, &entity, &table); i++) {
		sqlite3_stmt *st = diff_stmt(db, entity, table, demo_row_of(db, entity));
		while (!rc && st && sqlite3_step(st) == SQLITE_ROW) {
			int64_t id = sqlite3_column_int64(st, 0);
			int64_t before = 0;
			rc = db_int(
			    db, &before,
			    "SELECT count(*) FROM audit_premigration WHERE entity = ? AND id = ?",
			    "ti", entity, id);
			/* A record the migration found already out of step stays for renda check.
			 */
			if (!rc && !before)
				rc = audit_log_system(
				    db, entity, id, "migrate",
				    sqlite3_column_type(st, 2) == SQLITE_NULL ? NULL
				                                              : db_col(st, 2),
				    sqlite3_column_type(st, 3) == SQLITE_NULL ? NULL
				                                              : db_col(st, 3));
		}
		sqlite3_finalize(st);
	}
	if (!rc)
		rc = db_exec(db, "DELETE FROM audit_premigration");
	return rc;
}

/* ---- who sees which rows ------------------------------------------------ */

const char *audit_scope_sql(void)
{
	static char *sql;
	if (sql)
		return sql;
	struct sbuf b = SBUF_INIT;
	/* Reference data is city-wide: every role reads it, and its history. */
	struct sbuf refs = SBUF_INIT;
	for (int i = 0; i < ref_nkinds; i++)
		sbuf_printf(&refs, "%s'%s'", i ? ", " : "", ref_kinds[i].name);
	sbuf_printf(
	    &b,
	    "(?101 IN ('admin', 'city-clerk') "
	    "OR (a.entity IN ('case', 'case_like') AND EXISTS (SELECT 1 FROM vcase v WHERE v.id = "
	    "a.entity_id AND " CASE_SCOPE_SQL ")) "
	    "OR (a.entity = 'case_comment' AND EXISTS (SELECT 1 FROM vcase_comment cc JOIN vcase v "
	    "ON v.id = cc.case_id WHERE cc.id = a.entity_id AND " CASE_SCOPE_SQL ")) "
	    "OR (a.entity = 'suggestion' AND EXISTS (SELECT 1 FROM suggestion s WHERE s.id = "
	    "a.entity_id AND " SUGG_SCOPE_SQL ")) "
	    "OR (a.entity = 'deputy' AND ?101 IN ('viewer', 'town-clerk') AND EXISTS (SELECT 1 "
	    "FROM deputy d WHERE d.id = a.entity_id AND (?101 = 'viewer' OR d.town_id = ?102))) "
	    "OR (a.entity = 'user' AND (?101 = 'viewer' OR EXISTS (SELECT 1 FROM app_user u WHERE "
	    "u.id = a.entity_id AND ((?101 = 'town-clerk' AND u.town_id = ?102) OR (?101 = 'unit' "
	    "AND u.unit_id = ?103))))) "
	    "OR (a.entity IN (%s) AND a.entity_id > 0))",
	    sbuf_str(&refs));
	sbuf_free(&refs);
	sql = sbuf_take(&b);
	return sql;
}

/* The JSON column col of audit row alias a, masked as the record is for a viewer. */
#define MASKED(col)                                                                                \
	"CASE a.entity WHEN 'case' THEN json_replace(" col ", '$.voter_name', CASE WHEN "          \
	"coalesce(json_extract(" col ", '$.voter_name'), '') = '' THEN '' ELSE '***' END, "        \
	"'$.voter_phone', mask_phone(coalesce(json_extract(" col ", '$.voter_phone'), '')), "      \
	"'$.content', CASE WHEN json_extract(" col ", '$.private') OR coalesce((SELECT private "   \
	"FROM vcase WHERE id = a.entity_id), 0) THEN private_label() ELSE json_extract(" col       \
	", '$.content') END, '$.reply', CASE WHEN json_extract(" col ", '$.private') OR "          \
	"coalesce((SELECT private FROM vcase WHERE id = a.entity_id), 0) THEN private_label() "    \
	"ELSE json_extract(" col ", '$.reply') END) "                                              \
	"WHEN 'deputy' THEN json_replace(" col                                                     \
	", '$.phone', mask_phone(coalesce(json_extract(" col                                       \
	", '$.phone'), '')), '$.resident_id', mask_resident_id(coalesce(json_extract(" col         \
	", '$.resident_id'), '')), '$.birth_date', mask_date(coalesce(json_extract(" col           \
	", '$.birth_date'), ''))) "                                                                \
	"ELSE " col " END"

const char *audit_masked_sql(bool after)
{
	return after ? MASKED("a.after_json") : MASKED("a.before_json");
}

sqlite3_stmt *audit_list(sqlite3 *db, const struct scope *sc, const struct audit_filter *f)
{
	struct sbuf sql = SBUF_INIT;
	sbuf_printf(&sql,
	            "SELECT id, at, account, role, entity, entity_id, action, "
	            "CASE WHEN ?101 = 'viewer' THEN %s ELSE a.before_json END, "
	            "CASE WHEN ?101 = 'viewer' THEN %s ELSE a.after_json END "
	            "FROM audit a WHERE (?1 IS NULL OR entity = ?1) "
	            "AND (?2 = 0 OR entity_id = ?2) AND (?3 IS NULL OR account = ?3) "
	            "AND (?4 IS NULL OR substr(at, 1, 10) >= ?4) "
	            "AND (?5 IS NULL OR substr(at, 1, 10) <= ?5) AND %s "
	            "ORDER BY id DESC LIMIT ?6",
	            audit_masked_sql(false), audit_masked_sql(true), audit_scope_sql());
	sqlite3_stmt *st =
	    db_prepare(db, sbuf_str(&sql), "tittti", f->entity, f->entity_id, f->account, f->since,
	               f->until, (int64_t)(f->limit > 0 ? f->limit : -1));
	sbuf_free(&sql);
	if (st)
		case_scope_bind(st, sc);
	return st;
}
