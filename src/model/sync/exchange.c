/*
 * The exchange files: the key two sites share, the signed header, writing the next
 * file for a site and applying one (in order, exactly once, with the conflict rules).
 *
 * A file is a text header, an empty line and the payload:
 *
 *   renda exchange 1
 *   from SITE            the sender (0: the city; a town: its town's id)
 *   to SITE              the receiver
 *   seq N                this file's number among the sender's files for the receiver
 *   base N               the last of the receiver's files the sender had applied
 *   key ID               the id of the key that signs it (16 hex digits)
 *   made TIME            when it was written, and by whom
 *   by LOGIN
 *   sizes C I F          the bytes of the payload's three changesets
 *   sha256 HEX           SHA-256 of the payload
 *   mac HEX              HMAC-SHA256 under the shared key of every line above
 *
 * The payload is three SQLite session changesets one after the other: C the changes
 * since the sender's previous file, I whole records the receiver does not hold yet
 * (inserts), F the records conflicts were resolved to (rows that replace the
 * receiver's, and deletes of the rows the record does not have).
 */
#include "config.h"

#include <errno.h>
#include <nettle/hmac.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model/core/audit.h"
#include "model/core/db.h"
#include "model/sync/sync_def.h"
#include "model/sync/sync_int.h"
#include "util/datetime.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/outfile.h"
#include "util/xalloc.h"

#define FILE_MAGIC "renda exchange 1"
#define KEYFILE_MAGIC "renda exchange key 1"
#define KEY_LEN 32
#define MAX_FILE (512L * 1024 * 1024)

/* ---- sites --------------------------------------------------------------------- */

int sync_site_named(sqlite3 *db, const char *name, int *site)
{
	if (!strcmp(name, "city")) {
		*site = 0;
		return RD_OK;
	}
	int64_t id;
	if (db_int(db, &id, "SELECT id FROM town WHERE name = ?1 OR code = ?1", "t", name) ||
	    id <= 0 || id >= DB_MAX_SITES)
		return err_set(RD_INVALID,
		               _("--to: no town or street '%s' (name the city's database as city)"),
		               name);
	*site = (int)id;
	return RD_OK;
}

char *sync_site_name(sqlite3 *db, int site)
{
	if (!site)
		return xstrdup(_("the city platform"));
	char *name = NULL;
	if (db_text(db, &name, "SELECT name FROM town WHERE id = ?", "d", site) || !name) {
		free(name);
		return xasprintf(_("site %d"), site);
	}
	return name;
}

/* ---- keys ---------------------------------------------------------------------- */

static void hex(const uint8_t *d, size_t n, char *out)
{
	for (size_t i = 0; i < n; i++)
		snprintf(out + 2 * i, 3, "%02x", d[i]);
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

/* The key's id: 16 hex digits of SHA-256 over a label and the key; not the key. */
static void key_id(const uint8_t *key, char out[17])
{
	struct sha256_ctx c;
	uint8_t d[SHA256_DIGEST_SIZE];
	sha256_init(&c);
	sha256_update(&c, 21, (const uint8_t *)"renda exchange key id");
	sha256_update(&c, KEY_LEN, key);
	sha256_digest(&c, sizeof d, d);
	hex(d, 8, out);
}

/* Stores the key for site (a new site, or a new key for a known one), with its audit row. */
static int store_key(sqlite3 *db, const struct scope *sc, int site, const uint8_t *key)
{
	char hk[KEY_LEN * 2 + 1], id[17], at[CLOCK_BUF];
	hex(key, KEY_LEN, hk);
	key_id(key, id);
	clock_format(clock_now(), at);
	int rc = db_run(db,
	                "INSERT INTO sync_peer (site, key, key_id, keyed_at, keyed_by) "
	                "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (site) DO UPDATE SET key = ?2, "
	                "key_id = ?3, keyed_at = ?4, keyed_by = ?5",
	                "dtttt", site, hk, id, at, sc->login);
	explicit_bzero(hk, sizeof hk);
	if (!rc) {
		char after[96];
		snprintf(after, sizeof after, "{\"site\":%d,\"key_id\":\"%s\"}", site, id);
		rc = audit_log(db, sc, "sync", site, "key", NULL, after);
	}
	return rc;
}

int sync_key_make(sqlite3 *db, const struct scope *sc, int town, const char *path, bool force)
{
	if (scope_require_admin(sc))
		return RD_DENIED;
	int site;
	if (db_site(db, &site))
		return RD_FAIL;
	if (site)
		return err_set(RD_INVALID,
		               _("keys are made at the city's database; this is a town's: load the "
		                 "key file the city made for it with renda sync key-load"));
	if (town <= 0)
		return err_set(RD_INVALID,
		               _("--to: the city exchanges with towns and streets only"));
	if (outfile_check(path, force))
		return RD_EXISTS;
	uint8_t key[KEY_LEN];
	if (getrandom(key, sizeof key, 0) != (ssize_t)sizeof key)
		return err_set(RD_FAIL, _("cannot draw a random key: %s"), strerror(errno));
	char hk[KEY_LEN * 2 + 1], id[17];
	hex(key, KEY_LEN, hk);
	key_id(key, id);
	char *text = xasprintf("%s\nfrom 0\nto %d\nkey %s\nid %s\n", KEYFILE_MAGIC, town, hk, id);
	explicit_bzero(hk, sizeof hk);
	int rc = db_begin(db) ? RD_FAIL : RD_OK;
	if (!rc) {
		rc = store_key(db, sc, town, key);
		if (!rc)
			rc = outfile_save(path, text, strlen(text), force, OUTFILE_PERSONAL);
		rc = db_end(db, rc);
		if (rc && rc != RD_EXISTS)
			unlink(path); /* a key that was not kept must not travel */
	}
	explicit_bzero(text, strlen(text));
	free(text);
	explicit_bzero(key, sizeof key);
	return rc;
}

/* Reads a small text file whole (a key file); a new string. */
static char *slurp_small(const char *path, size_t max)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		err_set(RD_FAIL, _("cannot read %s: %s"), path, strerror(errno));
		return NULL;
	}
	char *buf = xmalloc(max + 1);
	size_t n = fread(buf, 1, max + 1, f);
	fclose(f);
	if (n > max) {
		free(buf);
		err_set(RD_INVALID, _("%s is not a key file of renda's exchange"), path);
		return NULL;
	}
	buf[n] = '\0';
	return buf;
}

int sync_key_load(sqlite3 *db, const struct scope *sc, const char *path, int *peer)
{
	if (scope_require_admin(sc))
		return RD_DENIED;
	int site;
	if (db_site(db, &site))
		return RD_FAIL;
	char *text = slurp_small(path, 1024);
	if (!text)
		return RD_FAIL;
	char magic[32] = "", hk[80] = "", id[20] = "";
	int from = -1, to = -1, n = 0;
	int rc = RD_OK;
	if (sscanf(text, "%31[^\n]\nfrom %d\nto %d\nkey %79s\nid %19s\n%n", magic, &from, &to, hk,
	           id, &n) != 5 ||
	    strcmp(magic, KEYFILE_MAGIC) || text[n])
		rc = err_set(RD_INVALID, _("%s is not a key file of renda's exchange"), path);
	uint8_t key[KEY_LEN];
	char want[17];
	if (!rc && (!unhex(hk, key, KEY_LEN) || (key_id(key, want), strcmp(want, id))))
		rc = err_set(RD_INVALID, _("%s is damaged: its key does not match its id"), path);
	explicit_bzero(text, strlen(text));
	explicit_bzero(hk, sizeof hk);
	free(text);
	if (!rc && !site)
		rc =
		    err_set(RD_INVALID,
		            _("this is the city's database: it makes the keys (renda sync key --to "
		              "TOWN) and loads none"));
	if (!rc && (from != 0 || to != site)) {
		char *mine = sync_site_name(db, site), *theirs = sync_site_name(db, to);
		rc = err_set(RD_INVALID, _("%s is the key of %s's database, and this is %s's"),
		             path, theirs, mine);
		free(mine);
		free(theirs);
	}
	if (!rc && !(rc = db_begin(db) ? RD_FAIL : RD_OK))
		rc = db_end(db, store_key(db, sc, 0, key));
	explicit_bzero(key, sizeof key);
	if (!rc)
		*peer = 0;
	return rc;
}

/* ---- the header ------------------------------------------------------------------ */

struct header {
	int from, to, seq, base;
	char key[17];
	char made[CLOCK_BUF];
	char by[64];
	long sizes[3];
	char sha[65], mac[65];
	size_t len; /* the header's bytes, with the empty line */
};

struct peer {
	int site;
	uint8_t key[KEY_LEN];
	char key_id[17];
	int sent, applied, acked;
	int64_t sent_upto;
};

static int load_peer(sqlite3 *db, int site, struct peer *p)
{
	memset(p, 0, sizeof *p);
	sqlite3_stmt *st = db_prepare(db,
	                              "SELECT key, key_id, sent, applied, acked, sent_upto FROM "
	                              "sync_peer WHERE site = ?",
	                              "d", site);
	if (!st)
		return RD_FAIL;
	int rc = RD_NOTFOUND;
	if (sqlite3_step(st) == SQLITE_ROW) {
		p->site = site;
		rc = unhex(db_col(st, 0), p->key, KEY_LEN) ? RD_OK : RD_FAIL;
		snprintf(p->key_id, sizeof p->key_id, "%s", db_col(st, 1));
		p->sent = sqlite3_column_int(st, 2);
		p->applied = sqlite3_column_int(st, 3);
		p->acked = sqlite3_column_int(st, 4);
		p->sent_upto = sqlite3_column_int64(st, 5);
	}
	sqlite3_finalize(st);
	if (rc == RD_FAIL)
		return err_set(RD_FAIL, _("the exchange key of site %d is damaged"), site);
	if (rc == RD_NOTFOUND) {
		char *name = sync_site_name(db, site);
		int mine = 0;
		db_site(db, &mine);
		if (mine)
			err_set(
			    RD_NOTFOUND,
			    _("this database has no key for exchanging with %s: load the key file "
			      "the city made for it (renda sync key-load FILE; in the console, L "
			      "on the data exchange screen)"),
			    name);
		else
			err_set(
			    RD_NOTFOUND,
			    _("this database has no key for exchanging with %s: make one with "
			      "renda sync key --to %s --out FILE (in the console, K on the data "
			      "exchange screen) and load it there"),
			    name, name);
		free(name);
	}
	return rc;
}

static void digest_hex(const void *p, size_t n, char out[65])
{
	struct sha256_ctx c;
	uint8_t d[SHA256_DIGEST_SIZE];
	sha256_init(&c);
	sha256_update(&c, n, p);
	sha256_digest(&c, sizeof d, d);
	hex(d, sizeof d, out);
}

static void mac_hex(const uint8_t *key, const void *p, size_t n, char out[65])
{
	struct hmac_sha256_ctx c;
	uint8_t d[SHA256_DIGEST_SIZE];
	hmac_sha256_set_key(&c, KEY_LEN, key);
	hmac_sha256_update(&c, n, p);
	hmac_sha256_digest(&c, sizeof d, d);
	hex(d, sizeof d, out);
}

/* Compares two strings of equal length in time that does not depend on where they differ. */
static bool same_secret(const char *a, const char *b)
{
	size_t n = strlen(a);
	if (n != strlen(b))
		return false;
	unsigned char x = 0;
	for (size_t i = 0; i < n; i++)
		x |= (unsigned char)(a[i] ^ b[i]);
	return x == 0;
}

/* The header's lines that the signature covers. */
static void head_text(struct sbuf *b, const struct header *h, const long *sizes)
{
	sbuf_printf(b,
	            "%s\nfrom %d\nto %d\nseq %d\nbase %d\nkey %s\nmade %s\nby %s\nsizes %ld %ld "
	            "%ld\nsha256 %s\n",
	            FILE_MAGIC, h->from, h->to, h->seq, h->base, h->key, h->made, h->by, sizes[0],
	            sizes[1], sizes[2], h->sha);
}

/* Writes the header and payload of a file into out. */
static void make_file(struct sbuf *out, const struct header *h, const uint8_t *key,
                      const struct blob *parts)
{
	struct sbuf head = SBUF_INIT;
	long sizes[3] = {parts[0].n, parts[1].n, parts[2].n};
	head_text(&head, h, sizes);
	char mac[65];
	mac_hex(key, sbuf_str(&head), head.len, mac);
	sbuf_add(out, sbuf_str(&head), head.len);
	sbuf_printf(out, "mac %s\n\n", mac);
	for (int i = 0; i < 3; i++)
		if (parts[i].n)
			sbuf_add(out, parts[i].p, (size_t)parts[i].n);
	sbuf_free(&head);
}

/* Parses the header of a file read whole; RD_INVALID naming the file when it is not one. */
static int parse_header(const char *path, const char *buf, size_t len, struct header *h)
{
	memset(h, 0, sizeof *h);
	const char *end = NULL;
	for (size_t i = 0; i + 1 < len && i < 4096; i++)
		if (buf[i] == '\n' && buf[i + 1] == '\n') {
			end = buf + i + 2;
			break;
		}
	if (!end || len < strlen(FILE_MAGIC) ||
	    memcmp(buf, FILE_MAGIC "\n", strlen(FILE_MAGIC) + 1))
		return err_set(RD_INVALID, _("%s is not an exchange file of renda"), path);
	h->len = (size_t)(end - buf);
	char *text = xstrndup(buf, h->len);
	int n = 0;
	int ok =
	    sscanf(text,
	           FILE_MAGIC "\nfrom %d\nto %d\nseq %d\nbase %d\nkey %16[0-9a-f]\nmade %63[^\n]\n"
	                      "by %63[^\n]\nsizes %ld %ld %ld\nsha256 %64[0-9a-f]\nmac "
	                      "%64[0-9a-f]\n\n%n",
	           &h->from, &h->to, &h->seq, &h->base, h->key, h->made, h->by, &h->sizes[0],
	           &h->sizes[1], &h->sizes[2], h->sha, h->mac, &n);
	free(text);
	if (ok != 12 || (size_t)n != h->len || h->seq <= 0 || h->base < 0 || h->from < 0 ||
	    h->to < 0 || h->sizes[0] < 0 || h->sizes[1] < 0 || h->sizes[2] < 0 ||
	    (size_t)(h->sizes[0] + h->sizes[1] + h->sizes[2]) != len - h->len)
		return err_set(RD_INVALID,
		               _("%s is not an exchange file of renda, or it was cut short"), path);
	/* Exactly as make_file() writes it: the signature covers what was read. */
	struct sbuf b = SBUF_INIT;
	head_text(&b, h, h->sizes);
	sbuf_printf(&b, "mac %s\n\n", h->mac);
	bool same = b.len == h->len && !memcmp(b.s, buf, h->len);
	sbuf_free(&b);
	if (!same)
		return err_set(RD_INVALID,
		               _("%s is not an exchange file of renda, or it was cut short"), path);
	return RD_OK;
}

/* Reads a file whole; a new buffer. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		err_set(RD_FAIL, _("cannot read %s: %s"), path, strerror(errno));
		return NULL;
	}
	struct sbuf b = SBUF_INIT;
	char chunk[65536];
	size_t k;
	while ((k = fread(chunk, 1, sizeof chunk, f)) > 0) {
		sbuf_add(&b, chunk, k);
		if (b.len > (size_t)MAX_FILE)
			break;
	}
	bool bad = ferror(f);
	fclose(f);
	if (bad || b.len > (size_t)MAX_FILE) {
		err_set(RD_INVALID,
		        bad ? _("cannot read %s: %s") : _("%s is too large for an exchange file"),
		        path, bad ? strerror(EIO) : "");
		sbuf_free(&b);
		return NULL;
	}
	*len = b.len;
	if (!b.s)
		return xstrdup("");
	return sbuf_take(&b);
}

/* ---- the log of entries, and what a site holds ------------------------------ */

/*
 * Drops what no site needs any more: the log entries every site has acknowledged,
 * and the bytes of the files they acknowledged.
 */
static int prune(sqlite3 *db)
{
	int rc =
	    db_run(db,
	           "DELETE FROM sync_log WHERE id <= (SELECT min(coalesce((SELECT f.last_entry "
	           "FROM sync_file f WHERE f.direction = 'sent' AND f.peer = p.site AND f.seq = "
	           "p.acked), 0)) FROM sync_peer p)",
	           "");
	if (!rc)
		rc = db_run(
		    db,
		    "UPDATE sync_file SET bytes = NULL WHERE direction = 'sent' AND bytes IS NOT "
		    "NULL AND seq <= (SELECT acked FROM sync_peer WHERE site = sync_file.peer)",
		    "");
	return rc;
}

/* ---- export ------------------------------------------------------------------- */

struct exp {
	struct sctx *c;
	struct recset forced, images;
	bool from_city;
	int rc;
};

/* Whether the export carries a change: a change of a record the site holds and may see. */
static bool keep_change(void *arg, sqlite3_changeset_iter *it)
{
	struct exp *e = arg;
	struct rec r;
	int rc = ctx_record_of(e->c, it, &r);
	if (rc) {
		if (rc != RD_NOTFOUND)
			e->rc = rc;
		return false;
	}
	if (recset_find(&e->forced, r) >= 0 || recset_find(&e->images, r) >= 0)
		return false;
	bool is_known = false, in = false;
	if (ctx_known(e->c, r, &is_known) || ctx_in_scope(e->c, r, e->from_city, &in)) {
		e->rc = RD_FAIL;
		return false;
	}
	if (!is_known) {
		if (in)
			recset_add(&e->images, r, 0); /* it goes whole */
		return false;
	}
	return in || !ctx_exists(e->c, r);
}

/* The records in the exchange's scope that the site does not hold yet. */
static int scan_unknown(struct exp *e)
{
	struct sctx *c = e->c;
	int rc = RD_OK;
	for (int i = 0; i < stab_count() && !rc; i++) {
		const struct stab *s = stab_at(i);
		if (!s->root)
			continue;
		char *sql;
		const char *unknown =
		    "NOT EXISTS (SELECT 1 FROM sync_known k WHERE k.peer = ?2 AND "
		    "k.kind = ?3 AND k.rid = x.id)";
		if (s->ref && e->from_city)
			sql = xasprintf("SELECT x.id FROM \"%s\" x WHERE ?1 = ?1 AND %s", s->table,
			                unknown);
		else if (s->ref && !s->town)
			continue;
		else if (s->ref)
			sql = xasprintf(
			    "SELECT x.id FROM \"%s\" x WHERE (SELECT %s FROM \"%s\" r WHERE r.id "
			    "= x.id) = ?1 AND %s",
			    s->table, s->town, s->table, unknown);
		else
			sql = xasprintf("SELECT x.id FROM \"%s\" x WHERE (%s) AND %s", s->table,
			                s->town, unknown);
		sqlite3_stmt *st = db_prepare(c->db, sql, "ddt", c->town, c->peer, s->kind);
		free(sql);
		if (!st)
			return RD_FAIL;
		while (sqlite3_step(st) == SQLITE_ROW)
			recset_add(&e->images, (struct rec){s, sqlite3_column_int64(st, 0)}, 0);
		sqlite3_finalize(st);
	}
	return rc;
}

/* The records the rows of table name through their foreign keys, from the city. */
static int closure_row(struct exp *e, const char *table, sqlite3_value **vals, int ncol)
{
	char q[160];
	snprintf(q, sizeof q, "SELECT \"table\", \"from\" FROM pragma_foreign_key_list('%s')",
	         table);
	sqlite3_stmt *st = db_prepare(e->c->db, q, "");
	if (!st)
		return RD_FAIL;
	struct tinfo *t = ctx_tinfo(e->c, table);
	while (t && sqlite3_step(st) == SQLITE_ROW) {
		const struct stab *parent = stab_first(db_col(st, 0));
		if (!parent || !parent->root)
			continue;
		for (int i = 0; i < ncol && i < t->ncol; i++) {
			if (strcmp(t->cols[i], db_col(st, 1)) || !vals[i] ||
			    sqlite3_value_type(vals[i]) != SQLITE_INTEGER)
				continue;
			struct rec r = {parent, sqlite3_value_int64(vals[i])};
			bool is_known = true;
			if (recset_find(&e->images, r) < 0 && !ctx_known(e->c, r, &is_known) &&
			    !is_known && ctx_exists(e->c, r))
				recset_add(&e->images, r, 0);
		}
	}
	sqlite3_finalize(st);
	return t ? RD_OK : RD_FAIL;
}

static int closure_image_row(void *arg, struct tinfo *t, sqlite3_stmt *row)
{
	sqlite3_value *vals[128];
	int n = t->ncol < 128 ? t->ncol : 128;
	for (int i = 0; i < n; i++)
		vals[i] = sqlite3_column_value(row, i);
	return closure_row(arg, t->name, vals, n);
}

/*
 * The city sends a town the records its records name that it does not hold (the
 * deputy of another town who commented on one of its voter issues): a file that
 * could not be applied for a missing record would stop the exchange.
 */
static int closure(struct exp *e, const struct blob *changes)
{
	int rc = RD_OK;
	if (changes->n) {
		sqlite3_changeset_iter *it;
		if (sqlite3changeset_start(&it, changes->n, changes->p) != SQLITE_OK)
			return err_set(RD_FAIL, _("reading changes"));
		while (!rc && sqlite3changeset_next(it) == SQLITE_ROW) {
			const char *table;
			int ncol, op, ind;
			sqlite3changeset_op(it, &table, &ncol, &op, &ind);
			if (op == SQLITE_DELETE)
				continue;
			sqlite3_value *vals[128];
			for (int i = 0; i < ncol && i < 128; i++) {
				vals[i] = NULL;
				sqlite3changeset_new(it, i, &vals[i]);
			}
			rc = closure_row(e, table, vals, ncol < 128 ? ncol : 128);
		}
		sqlite3changeset_finalize(it);
	}
	for (int i = 0; i < e->images.n && !rc; i++)
		rc = ctx_rows_of(e->c, e->images.recs[i], closure_image_row, e);
	return rc;
}

/* Folds the changesets parts[0..n) into acc (in order). */
static int fold(struct blob *acc, struct blob **parts, int n)
{
	struct blob *all[65];
	all[0] = acc;
	for (int i = 0; i < n; i++)
		all[i + 1] = parts[i];
	struct blob out = {NULL, 0};
	int rc = cs_combine(all, n + 1, &out);
	blob_free(acc);
	*acc = out;
	for (int i = 0; i < n; i++) {
		blob_free(parts[i]);
		free(parts[i]);
	}
	return rc;
}

/*
 * The log entries after the last file for the site: their changes combined, and the
 * records that go whole (conflicts resolved here) with the other site's changes of them.
 */
static int gather(struct sctx *c, const struct peer *p, struct blob *changes, struct recset *forced,
                  struct blob *theirs, int64_t *last)
{
	*last = p->sent_upto;
	if (db_int(c->db, last, "SELECT coalesce(max(id), ?) FROM sync_log", "i", p->sent_upto))
		return RD_FAIL;
	sqlite3_stmt *st =
	    db_prepare(c->db,
	               "SELECT kind, changeset, rkind, rid FROM sync_log WHERE id > ?1 "
	               "AND id <= ?2 AND (origin IS NULL OR origin <> ?3) AND (peer IS "
	               "NULL OR peer = ?3) ORDER BY id",
	               "iid", p->sent_upto, *last, p->site);
	if (!st)
		return RD_FAIL;
	struct blob *parts[2][64];
	int nparts[2] = {0, 0};
	struct blob acc[2] = {{NULL, 0}, {NULL, 0}};
	int rc = RD_OK;
	while (!rc && sqlite3_step(st) == SQLITE_ROW) {
		int k = strcmp(db_col(st, 0), "forced") ? 0 : 1;
		if (k) {
			const struct stab *root = stab_root(db_col(st, 2));
			if (root)
				recset_add(forced, (struct rec){root, sqlite3_column_int64(st, 3)},
				           0);
		}
		struct blob *b = xmalloc(sizeof *b);
		b->n = sqlite3_column_bytes(st, 1);
		b->p = sqlite3_malloc(b->n > 0 ? b->n : 1);
		if (b->n)
			memcpy(b->p, sqlite3_column_blob(st, 1), (size_t)b->n);
		parts[k][nparts[k]++] = b;
		if (nparts[k] == 64) {
			rc = fold(&acc[k], parts[k], 64);
			nparts[k] = 0;
		}
	}
	sqlite3_finalize(st);
	for (int k = 0; k < 2; k++) {
		int x = fold(&acc[k], parts[k], nparts[k]);
		if (!rc)
			rc = x;
	}
	*changes = acc[0];
	*theirs = acc[1];
	return rc;
}

static int records_of(struct sctx *c, const struct blob *b, struct recset *s)
{
	if (!b->n)
		return RD_OK;
	sqlite3_changeset_iter *it;
	if (sqlite3changeset_start(&it, b->n, b->p) != SQLITE_OK)
		return err_set(RD_INVALID, _("the changes are damaged"));
	int rc = RD_OK;
	while (!rc && sqlite3changeset_next(it) == SQLITE_ROW) {
		struct rec r;
		int x = ctx_record_of(c, it, &r);
		if (!x)
			recset_add(s, r, 0);
		else if (x != RD_NOTFOUND)
			rc = x;
	}
	sqlite3changeset_finalize(it);
	return rc;
}

/* Writes the bytes of file number seq for the site again, as they were. */
static int export_again(sqlite3 *db, const struct peer *p, int seq, const char *path, bool force,
                        struct sync_report *rep)
{
	if (seq > p->sent)
		return err_set(RD_INVALID,
		               _("--again: no file %d was written for this site (the last is %d)"),
		               seq, p->sent);
	sqlite3_stmt *st = db_prepare(db,
	                              "SELECT bytes, base, changes, records FROM sync_file WHERE "
	                              "direction = 'sent' AND peer = ? AND seq = ?",
	                              "dd", p->site, seq);
	if (!st)
		return RD_FAIL;
	int rc;
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) == SQLITE_BLOB) {
		rc = outfile_save(path, sqlite3_column_blob(st, 0),
		                  (size_t)sqlite3_column_bytes(st, 0), force, OUTFILE_PERSONAL);
		rep->base = sqlite3_column_int(st, 1);
		rep->changes = sqlite3_column_int(st, 2);
		rep->records = sqlite3_column_int(st, 3);
		rep->seq = seq;
	} else
		rc = err_set(
		    RD_INVALID,
		    _("--again: file %d was applied there already (the site acknowledged it): "
		      "it is not kept"),
		    seq);
	sqlite3_finalize(st);
	return rc;
}

int sync_export(sqlite3 *db, const struct scope *sc, int peer, const char *path, bool force,
                int again, struct sync_report *rep)
{
	memset(rep, 0, sizeof *rep);
	rep->peer = peer;
	if (scope_require_admin(sc))
		return RD_DENIED;
	int site;
	if (db_site(db, &site))
		return RD_FAIL;
	if (peer == site)
		return err_set(RD_INVALID, _("--to: this is that site's own database"));
	if (site && peer)
		return err_set(RD_INVALID,
		               _("--to: a town's database exchanges with the city only"));
	struct peer p;
	if (load_peer(db, peer, &p))
		return RD_FAIL;
	if (again)
		return export_again(db, &p, again, path, force, rep);
	if (outfile_check(path, force))
		return RD_EXISTS;
	if (db_begin(db))
		return RD_FAIL;
	struct sctx c;
	int rc = ctx_open(&c, db, peer);
	struct exp e = {.c = &c, .from_city = site == 0};
	struct blob changes = {NULL, 0}, theirs = {NULL, 0}, kept = {NULL, 0}, images = {NULL, 0},
	            forced = {NULL, 0};
	int64_t last = 0;
	if (!rc && !(rc = load_peer(db, peer, &p)))
		rc = gather(&c, &p, &changes, &e.forced, &theirs, &last);
	/* The records conflicts were resolved to, whole, as they are now. */
	if (!rc && e.forced.n)
		rc = cs_images(&c, &e.forced, &theirs, &forced);
	if (!rc)
		rc = scan_unknown(&e);
	if (!rc)
		rc = cs_filter(&c, &changes, keep_change, &e, &kept);
	if (!rc)
		rc = e.rc;
	/* The records a conflict was resolved to go whole: not as images too. */
	for (int i = 0; !rc && i < e.forced.n; i++) {
		int k = recset_find(&e.images, e.forced.recs[i]);
		if (k >= 0)
			e.images.vals[k] = -1;
	}
	if (!rc && e.from_city)
		rc = closure(&e, &kept);
	struct recset whole = {0};
	for (int i = 0; !rc && i < e.images.n; i++)
		if (e.images.vals[i] >= 0)
			recset_add(&whole, e.images.recs[i], 0);
	if (!rc)
		rc = cs_images(&c, &whole, NULL, &images);
	struct sbuf out = SBUF_INIT;
	if (!rc) {
		struct header h = {.from = site, .to = peer, .seq = p.sent + 1, .base = p.applied};
		snprintf(h.key, sizeof h.key, "%s", p.key_id);
		clock_format(clock_now(), h.made);
		snprintf(h.by, sizeof h.by, "%s", sc->login);
		struct blob parts[3] = {kept, images, forced};
		struct sbuf payload = SBUF_INIT;
		for (int i = 0; i < 3; i++)
			if (parts[i].n)
				sbuf_add(&payload, parts[i].p, (size_t)parts[i].n);
		digest_hex(payload.s ? payload.s : "", payload.len, h.sha);
		sbuf_free(&payload);
		make_file(&out, &h, p.key, parts);
		rep->seq = h.seq;
		rep->base = h.base;
		rep->changes = cs_count(&kept) + cs_count(&images) + cs_count(&forced);
		struct recset all = {0};
		rc = records_of(&c, &kept, &all);
		for (int i = 0; i < whole.n; i++)
			recset_add(&all, whole.recs[i], 0);
		for (int i = 0; i < e.forced.n; i++)
			recset_add(&all, e.forced.recs[i], 0);
		rep->records = all.n;
		recset_free(&all);
		if (!rc)
			rc = ctx_mark_known(&c, &whole);
		sqlite3_stmt *st =
		    rc ? NULL
		       : db_prepare(db,
		                    "INSERT INTO sync_file (direction, peer, seq, base, at, "
		                    "account, path, hash, last_entry, changes, records, "
		                    "bytes) VALUES ('sent', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
		                    "dddttttidd", peer, h.seq, h.base, h.made, sc->login, path,
		                    h.sha, last, rep->changes, rep->records);
		if (st) {
			sqlite3_bind_blob(st, 11, out.s, (int)out.len, SQLITE_STATIC);
			if (sqlite3_step(st) != SQLITE_DONE)
				rc = db_fail(db, _("the exchange log"));
			sqlite3_finalize(st);
		} else if (!rc)
			rc = RD_FAIL;
		if (!rc)
			rc = db_run(db,
			            "UPDATE sync_peer SET sent = ?, sent_upto = ? WHERE site = ?",
			            "did", h.seq, last, peer);
		if (!rc) {
			char after[160];
			snprintf(
			    after, sizeof after,
			    "{\"site\":%d,\"seq\":%d,\"base\":%d,\"changes\":%d,\"records\":%d}",
			    peer, h.seq, h.base, rep->changes, rep->records);
			rc = audit_log(db, sc, "sync", peer, "export", NULL, after);
		}
		if (!rc)
			rc = prune(db);
		/* The file before the commit: a commit that fails takes it back. */
		if (!rc)
			rc = outfile_save(path, out.s, out.len, force, OUTFILE_PERSONAL);
	}
	sbuf_free(&out);
	blob_free(&changes);
	blob_free(&theirs);
	blob_free(&forced);
	blob_free(&kept);
	blob_free(&images);
	recset_free(&e.forced);
	recset_free(&e.images);
	recset_free(&whole);
	ctx_close(&c);
	bool written = rc == RD_OK;
	rc = db_end(db, rc);
	if (rc && written)
		unlink(path);
	return rc;
}

/* ---- apply ---------------------------------------------------------------------- */

/* Checks a file read whole against the key of its sender: RD_OK, or RD_INVALID naming why. */
static int verify(sqlite3 *db, const char *path, const char *buf, size_t len,
                  const struct header *h, struct peer *p)
{
	int site;
	if (db_site(db, &site))
		return RD_FAIL;
	if (h->to != site) {
		char *to = sync_site_name(db, h->to), *me = sync_site_name(db, site);
		err_set(RD_INVALID, _("%s is for %s's database, and this is %s's"), path, to, me);
		free(to);
		free(me);
		return RD_INVALID;
	}
	if (h->from == site || (site && h->from))
		return err_set(RD_INVALID,
		               _("%s comes from a site this database does not exchange with"),
		               path);
	if (load_peer(db, h->from, p))
		return RD_FAIL;
	if (strcmp(h->key, p->key_id))
		return err_set(
		    RD_INVALID,
		    _("%s is signed with key %s, and this database holds key %s for its "
		      "sender: the key was changed (renda sync key); write the file again "
		      "with the new key"),
		    path, h->key, p->key_id);
	char want[65];
	size_t signed_len = h->len - strlen("mac ") - 64 - 2; /* up to the mac line */
	mac_hex(p->key, buf, signed_len, want);
	if (!same_secret(want, h->mac))
		return err_set(
		    RD_INVALID,
		    _("%s does not carry a valid signature of its sender: it was changed on "
		      "the way, or made with another key; nothing was applied"),
		    path);
	digest_hex(buf + h->len, len - h->len, want);
	if (strcmp(want, h->sha))
		return err_set(RD_INVALID,
		               _("%s was changed or cut short on the way: nothing was applied"),
		               path);
	return RD_OK;
}

int sync_apply(sqlite3 *db, const struct scope *sc, const char *path, struct sync_report *rep)
{
	memset(rep, 0, sizeof *rep);
	if (scope_require_admin(sc))
		return RD_DENIED;
	size_t len = 0;
	char *buf = slurp(path, &len);
	if (!buf)
		return RD_FAIL;
	struct header h;
	struct peer p;
	int rc = parse_header(path, buf, len, &h);
	if (!rc)
		rc = verify(db, path, buf, len, &h, &p);
	if (rc) {
		free(buf);
		return rc;
	}
	rep->peer = h.from;
	rep->seq = h.seq;
	rep->base = h.base;
	if (db_begin(db)) {
		free(buf);
		return RD_FAIL;
	}
	sync_capture_origin(db, h.from);
	rc = load_peer(db, h.from, &p);
	char *name = sync_site_name(db, h.from);
	if (!rc && h.seq <= p.applied) {
		/* Nothing to write: the transaction is let go, not committed. */
		rep->already = true;
		free(name);
		free(buf);
		db_abort(db);
		return RD_OK;
	}
	if (!rc && h.seq > p.applied + 1)
		rc =
		    err_set(RD_INVALID,
		            _("%s is file %d from %s, but file %d from there has not been applied: "
		              "apply file %d first"),
		            path, h.seq, name, p.applied + 1, p.applied + 1);
	if (!rc && h.base > p.sent)
		rc = err_set(
		    RD_INVALID,
		    _("%s says %s applied our file %d, but only %d were written for it: it was "
		      "made for another copy of this database"),
		    path, name, h.base, p.sent);
	free(name);
	struct sctx c;
	memset(&c, 0, sizeof c);
	if (!rc)
		rc = ctx_open(&c, db, h.from);
	if (!rc) {
		struct blob sec[3];
		size_t off = h.len;
		for (int i = 0; i < 3; i++) {
			/* views into buf: never freed as blobs */
			sec[i].p = h.sizes[i] ? buf + off : NULL;
			sec[i].n = (int)h.sizes[i];
			off += (size_t)h.sizes[i];
		}
		rc = sync_apply_file(&c, sc, path, h.seq, h.base, sec, rep);
	}
	ctx_close(&c);
	char hash[65];
	digest_hex(buf, len, hash);
	free(buf);
	if (!rc) {
		char at[CLOCK_BUF];
		clock_format(clock_now(), at);
		rc = db_run(
		    db,
		    "INSERT INTO sync_file (direction, peer, seq, base, at, account, path, hash, "
		    "changes, records, conflicts, kept) VALUES ('applied', ?, ?, ?, ?, ?, ?, ?, ?, "
		    "?, ?, ?)",
		    "dddttttdddd", h.from, h.seq, h.base, at, sc->login, path, hash, rep->changes,
		    rep->records, rep->conflicts, rep->kept);
	}
	if (!rc)
		rc = db_run(
		    db, "UPDATE sync_peer SET applied = ?, acked = max(acked, ?) WHERE site = ?",
		    "ddd", h.seq, h.base, h.from);
	if (!rc) {
		char after[200];
		snprintf(after, sizeof after,
		         "{\"site\":%d,\"seq\":%d,\"base\":%d,\"changes\":%d,\"records\":%d,"
		         "\"conflicts\":%d,\"kept\":%d}",
		         h.from, h.seq, h.base, rep->changes, rep->records, rep->conflicts,
		         rep->kept);
		rc = audit_log(db, sc, "sync", h.from, "apply", NULL, after);
	}
	if (!rc)
		rc = prune(db);
	return db_end(db, rc);
}
