#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "model/core/audit.h"
#include "model/core/collate.h"
#include "model/core/sqlcount.h"
#include "model/core/db.h"
#include "model/core/dbmem.h"
#include "model/core/msgtext.h"
#include "model/core/pager.h"
#include "model/core/vocab.h"
#include "model/core/valid.h"
#include "model/sync/sync.h"
#include "util/chartok.h"
#include "util/conf.h"
#include "util/ctrl.h"
#include "util/datetime.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/paths.h"
#include "util/priv.h"
#include "util/re.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

struct migration {
	int number;
	char *path;
};

static int cmp_migration(const void *a, const void *b)
{
	return ((const struct migration *)a)->number - ((const struct migration *)b)->number;
}

/* Lists data/migrations/NNNN-*.sql in order; returns the count, -1 on error. */
static int list_migrations(struct migration **out)
{
	char *dir = paths_join(paths_datadir(), "migrations");
	DIR *d = opendir(dir);
	if (!d) {
		err_set(RD_FAIL, _("cannot read the schema migrations in %s: %s"), dir,
		        strerror(errno));
		free(dir);
		return -1;
	}
	struct migration *m = NULL;
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);
		if (len < 9 || strcmp(e->d_name + len - 4, ".sql") || e->d_name[4] != '-')
			continue;
		int num = atoi(e->d_name);
		if (num <= 0)
			continue;
		m = xrealloc(m, sizeof *m * (size_t)(n + 1));
		m[n].number = num;
		m[n].path = paths_join(dir, e->d_name);
		n++;
	}
	closedir(d);
	free(dir);
	xqsort(m, (size_t)n, sizeof *m, cmp_migration);
	for (int i = 0; i < n; i++)
		if (m[i].number != i + 1) {
			err_set(RD_FAIL, _("schema migrations are not numbered 1, 2, 3...: %s"),
			        m[i].path);
			for (int j = 0; j < n; j++)
				free(m[j].path);
			free(m);
			return -1;
		}
	*out = m;
	return n;
}

static void free_migrations(struct migration *m, int n)
{
	for (int i = 0; i < n; i++)
		free(m[i].path);
	free(m);
}

int db_schema_max(void)
{
	struct migration *m;
	int n = list_migrations(&m);
	if (n > 0)
		free_migrations(m, n);
	return n;
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		err_set(RD_FAIL, _("cannot read %s: %s"), path, strerror(errno));
		return NULL;
	}
	struct sbuf b = SBUF_INIT;
	char buf[8192];
	size_t k;
	while ((k = fread(buf, 1, sizeof buf, f)) > 0)
		sbuf_add(&b, buf, k);
	fclose(f);
	return sbuf_take(&b);
}

const char *db_why(int code)
{
	switch (code) {
	case SQLITE_CONSTRAINT_UNIQUE:
	case SQLITE_CONSTRAINT_PRIMARYKEY: return _("a record with the same key exists");
	case SQLITE_CONSTRAINT_NOTNULL: return _("a required value is missing");
	case SQLITE_CONSTRAINT_CHECK: return _("a value is outside what the record allows");
	case SQLITE_CONSTRAINT_FOREIGNKEY: return _("it refers to a record that does not exist");
	}
	switch (code & 0xff) {
	case SQLITE_CONSTRAINT: return _("a rule of the database refused it");
	case SQLITE_BUSY:
	case SQLITE_LOCKED: return _("the database is busy with another change");
	case SQLITE_READONLY:
		return _("the database cannot be written (a read-only file or directory)");
	case SQLITE_FULL: return _("the disk is full");
	case SQLITE_IOERR: return _("the disk could not be read or written");
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB: return _("the database file is damaged or not a database");
	case SQLITE_CANTOPEN: return _("the database file cannot be opened");
	case SQLITE_PERM:
	case SQLITE_AUTH: return _("permission denied");
	case SQLITE_NOMEM: return _("out of memory");
	case SQLITE_TOOBIG: return _("a value is too large");
	case SQLITE_INTERRUPT: return _("interrupted");
	default: return _("the database refused the statement");
	}
}

const char *db_errmsg(sqlite3 *db)
{
	static char buf[512];
	snprintf(buf, sizeof buf, _("%s (SQLite: %s)"), db_why(sqlite3_extended_errcode(db)),
	         sqlite3_errmsg(db));
	return buf;
}

int db_fail(sqlite3 *db, const char *context)
{
	/* A record kind's name ("town") in words; else a translatable context. */
	const char *what = vocab_entity(context);
	if (what == context)
		what = _(context);
	return err_set(RD_FAIL, _("database error (%s): %s"), what, db_errmsg(db));
}

int db_exec(sqlite3 *db, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		if (msg)
			err_set(RD_FAIL, _("database error: %s (SQLite: %s)"),
			        db_why(sqlite3_extended_errcode(db)), msg);
		else
			err_set(RD_FAIL, _("database error: %s"), db_errmsg(db));
		sqlite3_free(msg);
		return RD_FAIL;
	}
	return RD_OK;
}

int db_defer(sqlite3 *db, sqlite3_stmt *st, const char *type, const char *const *keep,
             struct sbuf *saved, const char *what)
{
	struct sbuf drop = SBUF_INIT;
	int src;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		const char *name = db_col(st, 0);
		bool kept = false;
		for (int i = 0; keep && keep[i] && !kept; i++)
			kept = !strcmp(keep[i], name);
		if (kept)
			continue;
		sbuf_printf(saved, "%s;\n", db_col(st, 1));
		sbuf_printf(&drop, "DROP %s \"%s\";\n", type, name);
	}
	int rc = src == SQLITE_DONE ? RD_OK : db_fail(db, what);
	sqlite3_finalize(st);
	if (!rc && drop.len)
		rc = db_exec(db, sbuf_str(&drop));
	sbuf_free(&drop);
	return rc;
}

int db_deferred_make(sqlite3 *db, struct sbuf *saved)
{
	int rc = saved->len ? db_exec(db, sbuf_str(saved)) : RD_OK;
	sbuf_free(saved);
	return rc;
}

/*
 * Whether a migration says it takes under a second at any size (a line "-- quick:" in
 * the comment it opens with: it redefines triggers or views and reads no row).
 */
static bool migration_quick(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return false;
	char line[256];
	bool quick = false;
	while (!quick && fgets(line, sizeof line, f) && !strncmp(line, "--", 2))
		quick = !strncmp(line, "-- quick:", 9);
	fclose(f);
	return quick;
}

/* Applies migrations after the database's user_version, each in its own transaction. */
static int migrate(sqlite3 *db, const char *path)
{
	int64_t have;
	if (db_int(db, &have, "PRAGMA user_version", ""))
		return RD_FAIL;
	struct migration *m;
	int n = list_migrations(&m);
	if (n < 0)
		return RD_FAIL;
	if (have > n) {
		free_migrations(m, n);
		return err_set(
		    RD_FAIL,
		    _("%s has schema version %lld, but this renda (%s) knows only up to %d: "
		      "use a newer renda"),
		    path, (long long)have, PACKAGE_VERSION, n);
	}
	/* Rebuilding an index of a large database takes a while: the clerk hears why the
	   start waits (a new database says nothing: it is empty; nor do quick migrations). */
	bool slow = false;
	for (int i = (int)have; i > 0 && i < n && !slow; i++)
		slow = !migration_quick(m[i].path);
	if (slow)
		err_notice(
		    "migrate",
		    _("upgrading %s from schema %lld to %d: on a large database this takes a "
		      "minute or more (stopping it is safe: the upgrade goes on at the next "
		      "start)"),
		    path, (long long)have, n);
	int rc = RD_OK;
	/* A migration changes every site alike: nothing of it is exchanged. */
	sync_capture_pause(db, true);
	for (int i = (int)have; i < n && !rc; i++) {
		char *sql = slurp(m[i].path);
		if (!sql) {
			rc = RD_FAIL;
			break;
		}
		if (db_begin(db)) {
			free(sql);
			rc = RD_FAIL;
			break;
		}
		/* Another process may have migrated while we waited for the lock. */
		int64_t now_have;
		rc = db_int(db, &now_have, "PRAGMA user_version", "");
		if (!rc && now_have <= i) {
			rc = audit_migration_begin(db);
			if (!rc)
				rc = db_exec(db, sql);
			if (rc)
				err_set(RD_FAIL, "%s: %s", m[i].path, err_msg());
			if (!rc) {
				char pragma[64];
				snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", i + 1);
				rc = db_exec(db, pragma);
			}
			if (!rc) {
				char after[64];
				snprintf(after, sizeof after, "{\"schema_version\":%d}", i + 1);
				rc = audit_log_system(db, "schema", i + 1, "migrate", NULL, after);
			}
			/* Reference records the migration seeded get their audit rows. */
			if (!rc)
				rc = audit_adopt(db);
			if (!rc)
				rc = audit_migration_end(db);
		}
		rc = db_end(db, rc);
		free(sql);
	}
	sync_capture_pause(db, false);
	free_migrations(m, n);
	/* A migration that changed the schema's text in place (writable_schema: schema 25's
	   lists written with OR) leaves this connection with the text it parsed before:
	   the old lists, a temporary table made at every row written. Every other
	   connection reads the new text; this one is made to read it again too. */
	if (!rc && have < n)
		rc = db_exec(db, "PRAGMA writable_schema = RESET");
	return rc;
}

/* SQL function mask_phone(text): the number with its middle digits hidden. */
static void sql_mask_phone(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const unsigned char *s = sqlite3_value_text(argv[0]);
	char *m = mask_phone(s ? (const char *)s : "");
	sqlite3_result_text(ctx, m, -1, free);
}

/* SQL functions mask_resident_id(text) and mask_date(text), as valid.h does them. */
static void sql_mask_other(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const unsigned char *s = sqlite3_value_text(argv[0]);
	const char *t = s ? (const char *)s : "";
	bool date = sqlite3_user_data(ctx) != NULL;
	sqlite3_result_text(ctx, date ? mask_date(t) : mask_resident_id(t), -1, free);
}

/* SQL function private_label(): what a viewer sees for the content of a private case. */
static void sql_private_label(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	(void)argv;
	sqlite3_result_text(ctx, _("(private)"), -1, SQLITE_TRANSIENT);
}

/*
 * SQL function name_code(name, code): a deputy as the reader's language writes a name
 * and its code ("张三 (ABC123)", "张三（ABC123）"); NULL when the name is (no deputy).
 */
static void sql_name_code(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const unsigned char *name = sqlite3_value_text(argv[0]);
	const unsigned char *code = sqlite3_value_text(argv[1]);
	if (!name) {
		sqlite3_result_null(ctx);
		return;
	}
	char *t = xasprintf(_("%s (%s)"), (const char *)name, code ? (const char *)code : "");
	sqlite3_result_text(ctx, t, -1, free);
}

/* SQL function step_text(text): a history's text in the reader's language (msgtext.h). */
static void sql_step_text(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const char *text = (const char *)sqlite3_value_text(argv[0]);
	if (!text || !strstr(text, "\xee\x80\x80")) { /* no sentence (msgtext.h) */
		sqlite3_result_value(ctx, argv[0]);
		return;
	}
	sqlite3_result_text(ctx, msgtext_render(text), -1, free);
}

/*
 * SQL functions renda_today() and renda_soon(): today as the program's clock says
 * (RENDA_NOW fixes it), and the last day that counts as due soon ([workflow]
 * due_soon_days on), as YYYY-MM-DD, for lists that mark deadlines.
 */
static void sql_day(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	(void)argv;
	char day[11];
	date_format(clock_today() + (sqlite3_user_data(ctx) ? conf.due_soon_days : 0), day);
	sqlite3_result_text(ctx, day, -1, SQLITE_TRANSIENT);
}

/* SQL function renda_chars(text, ...): the character tokens of the texts (util/chartok.h). */
static void sql_chars(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *texts[8];
	int n = argc < 8 ? argc : 8;
	for (int i = 0; i < n; i++)
		texts[i] = (const char *)sqlite3_value_text(argv[i]);
	char *tokens = chartok(texts, n);
	sqlite3_result_text(ctx, tokens, -1, free);
}

static void re_destroy(void *r)
{
	re_free(r);
}

/*
 * SQL function regexp(pattern, subject) (and so "subject REGEXP pattern"): PCRE2
 * under the match limits of util/re.h; a pattern stopped by the limits, or one that
 * does not compile, fails the statement with the message. NULL subjects never match.
 */
static void sql_regexp(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	struct re *r = sqlite3_get_auxdata(ctx, 0);
	if (!r) {
		const unsigned char *pat = sqlite3_value_text(argv[0]);
		if (!(r = re_compile(pat ? (const char *)pat : "", 0))) {
			sqlite3_result_error(ctx, err_msg(), -1);
			return;
		}
		sqlite3_set_auxdata(ctx, 0, r, re_destroy);
		if (!(r = sqlite3_get_auxdata(ctx, 0))) {
			sqlite3_result_error_nomem(ctx);
			return;
		}
	}
	const unsigned char *subject = sqlite3_value_text(argv[1]);
	if (!subject) {
		sqlite3_result_int(ctx, 0);
		return;
	}
	int m = re_match(r, (const char *)subject, (size_t)sqlite3_value_bytes(argv[1]), 0, NULL);
	if (m == RE_LIMIT || m == RE_ERROR)
		sqlite3_result_error(ctx, err_msg(), -1);
	else
		sqlite3_result_int(ctx, m == RE_MATCH);
}

/*
 * Waiting for another clerk's write: SQLite's own busy_timeout sleeps up to 100 ms
 * between tries, so a writer waits on average half of that after the lock is free.
 * This one tries again every 1 ms (2 ms after the first 50 ms) until busy_timeout.
 */
static int on_busy(void *arg, int count)
{
	static struct timespec since;
	struct timespec now;
	(void)arg;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (count == 0)
		since = now;
	long long ms =
	    (long long)(now.tv_sec - since.tv_sec) * 1000 + (now.tv_nsec - since.tv_nsec) / 1000000;
	if (ms >= conf.busy_timeout_ms)
		return 0;
	nanosleep(&(struct timespec){0, ms < 50 ? 1000000 : 2000000}, NULL);
	return 1;
}

static int configure(sqlite3 *db, bool existing)
{
	sqlite3_create_function(db, "mask_phone", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
	                        sql_mask_phone, NULL, NULL);
	sqlite3_create_function(db, "mask_resident_id", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
	                        sql_mask_other, NULL, NULL);
	sqlite3_create_function(db, "mask_date", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
	                        (void *)"date", sql_mask_other, NULL, NULL);
	sqlite3_create_function(db, "private_label", 0, SQLITE_UTF8, NULL, sql_private_label, NULL,
	                        NULL);
	sqlite3_create_function(db, "name_code", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
	                        sql_name_code, NULL, NULL);
	sqlite3_create_function(db, "step_text", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
	                        sql_step_text, NULL, NULL);
	/* Deterministic: the same day all through one statement, so that SQLite computes it
	   once and a range of an index on due days can start from it. */
	sqlite3_create_function(db, "renda_today", 0, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
	                        sql_day, NULL, NULL);
	sqlite3_create_function(db, "renda_soon", 0, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
	                        (void *)"soon", sql_day, NULL, NULL);
	sqlite3_create_function(db, "renda_chars", -1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
	                        sql_chars, NULL, NULL);
	sqlite3_create_function(db, "regexp", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
	                        sql_regexp, NULL, NULL);
	sqlcount_register(db);
	if (collate_register(db))
		return RD_FAIL;
	sqlite3_busy_handler(db, on_busy, NULL);
	sqlite3_extended_result_codes(db, 1);
	/* init sets user_version with the first migration: never convert another program's file. */
	int64_t version = 0;
	int vrc = existing ? db_int(db, &version, "PRAGMA user_version", "") : RD_OK;
	/* A file SQLite could not read (busy, unreadable): the reason it gave, said as is. */
	if (vrc && (sqlite3_errcode(db) & 0xff) != SQLITE_NOTADB)
		return RD_FAIL;
	if (existing && (vrc || version < 1))
		return err_set(RD_FAIL,
		               _("not a renda database (it has no renda schema): create one "
		                 "with 'renda init', or name another with --db"));
	/* Pages are read with read(), not through a map of the file: see db_map(). */
	return db_exec(db, "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; "
	                   "PRAGMA synchronous = NORMAL;");
}

static void cache_drop(sqlite3 *db);
static void timing_watch(sqlite3 *db);

static int open_configured(const char *path, int flags, sqlite3 **out)
{
	/*
	 * A statement in a transaction keeps the pages it changes in a journal of its own
	 * until it ends (to undo it alone); SQLite writes that journal to a temporary
	 * file once it passes 64 KiB, and from then on every statement of the transaction
	 * writes there: an import of 5,000 voter issues wrote 266 MB. Held in memory it is
	 * never bigger than the pages one statement changes. Set before SQLite starts.
	 */
	static bool configured;
	if (!configured) {
		/* Before anything else: SQLite takes an allocator only before it starts. */
		dbmem_install();
		sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, -1);
		/* No statistics of SQLite's memory (nothing reads them): without them an
		   allocation takes no lock. */
		sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
		configured = true;
	}
	sqlite3 *db = NULL;
	/* A connection is used by one thread at a time (the QR workers never touch one):
	   it takes no lock of its own around each call. */
	int src = sqlite3_open_v2(path, &db, flags | SQLITE_OPEN_NOMUTEX, NULL);
	if (src != SQLITE_OK) {
		if (db)
			err_set(RD_FAIL, _("cannot open database %s: %s"), path, db_errmsg(db));
		else
			err_set(RD_FAIL, _("cannot open database %s: %s (SQLite: %s)"), path,
			        db_why(src), sqlite3_errstr(src));
		sqlite3_close(db);
		return RD_FAIL;
	}
	if (configure(db, !(flags & SQLITE_OPEN_CREATE))) {
		err_set(RD_FAIL, "%s: %s", path, err_msg());
		sqlite3_close(db);
		return RD_FAIL;
	}
	timing_watch(db);
	*out = db;
	return RD_OK;
}

static int open_path(const char *path, int flags, sqlite3 **out)
{
	/*
	 * SQLite makes the log and the shared memory (-wal, -shm) at the first read when
	 * no one has the database open, and gives them the database's mode only after
	 * making them: meanwhile another clerk's renda of a setgid install could open
	 * them read-only (the umask took the group's write) and fail, or work on with a
	 * connection that cannot write. So they are made with the group's write bit.
	 */
	bool group = priv_setgid();
	mode_t mask = group ? umask(0) : 0;
	if (group)
		umask(mask & ~(mode_t)060);
	int rc = open_configured(path, flags, out);
	if (group)
		umask(mask);
	return rc;
}

/* The name of group gid, or its number; static storage. */
static const char *group_name(gid_t gid)
{
	static char buf[32];
	struct group *g = getgrgid(gid);
	if (g && g->gr_name)
		return g->gr_name;
	snprintf(buf, sizeof buf, "%ld", (long)gid);
	return buf;
}

/*
 * A setgid run keeps its database in a directory of its group that no one else may
 * enter, and refuses to work on a database that every account could read or write:
 * otherwise the boundary that the group draws would not be one.
 */
static int check_home(const char *path, bool must_exist)
{
	if (!priv_setgid())
		return RD_OK;
	const char *slash = strrchr(path, '/');
	char *dir =
	    slash ? xstrndup(path, slash == path ? 1 : (size_t)(slash - path)) : xstrdup(".");
	struct stat sb;
	int rc = RD_OK;
	if (stat(dir, &sb) || !S_ISDIR(sb.st_mode))
		rc =
		    err_set(RD_FAIL,
		            _("the database directory %s is missing: make it with install -d -g %s "
		              "-m 2770 %s (see 'Installing for a committee' in the README)"),
		            dir, group_name(priv_group()), dir);
	else if (sb.st_gid != priv_group() || (sb.st_mode & 07))
		rc = err_set(RD_FAIL,
		             _("the database directory %s must belong to group %s and be closed to "
		               "everyone else (mode 2770); it has group %s and mode %04o"),
		             dir, group_name(priv_group()), group_name(sb.st_gid),
		             (unsigned)(sb.st_mode & 07777));
	else if (must_exist && !stat(path, &sb) && (sb.st_mode & 07))
		rc =
		    err_set(RD_FAIL,
		            _("the database %s is open to every account (mode %04o): chmod 660 it"),
		            path, (unsigned)(sb.st_mode & 07777));
	free(dir);
	return rc;
}

static int open_existing(const char *path, sqlite3 **out)
{
	if (check_home(path, true))
		return RD_FAIL;
	struct stat sb;
	if (stat(path, &sb))
		return err_set(RD_NOTFOUND,
		               _("no database at %s: create one with 'renda init' or 'renda demo', "
		                 "or name another with --db"),
		               path);
	sqlite3 *db;
	if (open_path(path, SQLITE_OPEN_READWRITE, &db))
		return RD_FAIL;
	/* (configure() has read the schema: a file SQLite cannot read stopped there.) */
	/* The key first: the rows of newer migrations are keyed too. */
	if (audit_key_open(db)) {
		cache_drop(db);
		sqlite3_close(db);
		return RD_FAIL;
	}
	if (migrate(db, path)) {
		audit_key_close(db);
		cache_drop(db);
		sqlite3_close(db);
		return RD_FAIL;
	}
	*out = db;
	return RD_OK;
}

int db_open(const char *path, sqlite3 **out)
{
	/* The database's own files (and the -wal and -shm that SQLite opens now) with the
	   group's rights; the descriptors stay usable after the group is given up. */
	priv_raise();
	int rc = open_existing(path, out);
	priv_lower();
	return rc;
}

/* Makes the empty database file: 0660 for the group of a setgid run, else 0600. */
static int make_file(const char *path)
{
	mode_t mode = priv_setgid() ? 0660 : 0600;
	int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
	if (fd < 0) {
		if (errno == EEXIST)
			return err_set(
			    RD_EXISTS,
			    _("%s already exists; renda init never overwrites a database"), path);
		return err_set(RD_FAIL, _("cannot create %s: %s"), path, strerror(errno));
	}
	/* Whatever the umask: the group of a setgid run must be able to write it. */
	int rc = fchmod(fd, mode)
	             ? err_set(RD_FAIL, _("cannot create %s: %s"), path, strerror(errno))
	             : RD_OK;
	close(fd);
	if (rc)
		unlink(path);
	return rc;
}

static int create_new(const char *path, sqlite3 **out)
{
	struct stat sb;
	if (!lstat(path, &sb))
		return err_set(RD_EXISTS,
		               _("%s already exists; renda init never overwrites a database"),
		               path);
	char *key = xasprintf("%s.key", path);
	int had_key = !lstat(key, &sb);
	if (had_key)
		err_set(RD_EXISTS,
		        _("%s already exists, the audit key of an earlier database there: move it "
		          "away with that database, or remove it"),
		        key);
	free(key);
	if (had_key)
		return RD_EXISTS;
	if (!priv_setgid() && paths_make_parents(path))
		return RD_FAIL;
	if (check_home(path, false) || make_file(path))
		return RD_FAIL;
	sqlite3 *db;
	if (open_path(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, &db)) {
		unlink(path);
		return RD_FAIL;
	}
	/* The schema first (it makes the audit table), then the key and its key row. */
	if (migrate(db, path) || audit_key_open(db)) {
		cache_drop(db);
		sqlite3_close(db);
		static const char *const sfx[] = {"", "-wal", "-shm", ".key"};
		for (size_t i = 0; i < sizeof sfx / sizeof sfx[0]; i++) {
			char *p = xasprintf("%s%s", path, sfx[i]);
			unlink(p);
			free(p);
		}
		return RD_FAIL;
	}
	*out = db;
	return RD_OK;
}

int db_create(const char *path, sqlite3 **out)
{
	priv_raise();
	int rc = create_new(path, out);
	priv_lower();
	return rc;
}

void db_close(sqlite3 *db)
{
	if (!db)
		return;
	db_abort(db);
	cache_drop(db);
	pager_forget_counts(db);
	audit_key_close(db);
	/* The last connection checkpoints and removes the -wal and -shm files. */
	priv_raise();
	sqlite3_close_v2(db);
	priv_lower();
}

/*
 * RENDA_TIMING: where a write command's time goes, printed on standard error at exit:
 * start-up (from the program's start to its first write), waiting for the write lock
 * (BEGIN IMMEDIATE), the work inside the transactions, and their commits. And each
 * statement that writes whose program, or a trigger's it fires, makes a temporary table
 * (made and dropped at every run: the cost SQLite's own EXPLAIN shows as OpenEphemeral
 * or OpenAutoindex).
 */
enum { TIMING_TEMP = 8 };
static struct {
	bool on;
	double start, first, lock, work, commit, began, checkpoint;
	int writes, prepared; /* prepared: statements prepared under the write lock */
	bool locked;
	char *temp[TIMING_TEMP]; /* the writes with a temporary table, as prepared */
	int ntemp;
	char *under[TIMING_TEMP]; /* the first statements prepared under the write lock */
} timing;

/* Counts sql when it is prepared under the write lock, and keeps the first few. */
static void timing_prepared(const char *sql)
{
	if (!timing.locked)
		return;
	if (timing.prepared < TIMING_TEMP)
		timing.under[timing.prepared] = xstrdup(sql + strspn(sql, " \t\n"));
	timing.prepared++;
}

/* Notes sql when it writes and its program makes a temporary table (RENDA_TIMING). */
static void timing_explain(sqlite3 *db, const char *sql)
{
	sql += strspn(sql, " \t\n");
	if (sqlite3_strnicmp(sql, "INSERT", 6) && sqlite3_strnicmp(sql, "UPDATE", 6) &&
	    sqlite3_strnicmp(sql, "DELETE", 6) && sqlite3_strnicmp(sql, "REPLACE", 7))
		return;
	for (int i = 0; i < timing.ntemp; i++)
		if (!strcmp(timing.temp[i], sql))
			return;
	char *x = xasprintf("EXPLAIN %s", sql);
	sqlite3_stmt *st = NULL;
	bool temp = false;
	if (sqlite3_prepare_v2(db, x, -1, &st, NULL) == SQLITE_OK)
		while (!temp && sqlite3_step(st) == SQLITE_ROW) {
			const char *op = (const char *)sqlite3_column_text(st, 1);
			temp = op && (!strcmp(op, "OpenEphemeral") || !strcmp(op, "OpenAutoindex"));
		}
	sqlite3_finalize(st);
	free(x);
	if (temp && timing.ntemp < TIMING_TEMP)
		timing.temp[timing.ntemp++] = xstrdup(sql);
}

static double mono_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void timing_report(void)
{
	if (timing.writes)
		fprintf(
		    stderr,
		    _("renda: timing: start-up %.1f ms, lock wait %.1f ms, work %.1f ms, commit "
		      "%.1f ms, checkpoint after it %.1f ms (%d transactions; %d statements "
		      "prepared under the write lock)\n"),
		    timing.first - timing.start, timing.lock, timing.work, timing.commit,
		    timing.checkpoint, timing.writes, timing.prepared);
	for (int i = 0; i < timing.ntemp; i++) {
		fprintf(stderr, _("renda: timing: a temporary table at every run of: %.100s\n"),
		        timing.temp[i]);
		free(timing.temp[i]);
	}
	for (int i = 0; i < timing.prepared && i < TIMING_TEMP; i++) {
		fprintf(stderr, _("renda: timing: prepared under the write lock: %.100s\n"),
		        timing.under[i]);
		free(timing.under[i]);
	}
}

/*
 * The log copied back into the database after a commit, as SQLite's own hook does it
 * (from 1,000 pages in the log, PASSIVE: other clerks read and write meanwhile), timed
 * apart from the commit: SQLite calls it once the commit is made and the write lock
 * released.
 */
static int timed_checkpoint(void *arg, sqlite3 *db, const char *name, int pages)
{
	(void)arg;
	if (pages < 1000)
		return SQLITE_OK;
	double t0 = mono_ms();
	sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
	timing.checkpoint += mono_ms() - t0;
	return SQLITE_OK;
}

static void timing_watch(sqlite3 *db)
{
	if (timing.on)
		sqlite3_wal_hook(db, timed_checkpoint, NULL);
}

__attribute__((constructor)) static void timing_start(void)
{
	const char *v = getenv("RENDA_TIMING");
	timing.on = v && *v && strcmp(v, "0");
	if (timing.on) {
		timing.start = mono_ms();
		atexit(timing_report);
	}
}

/*
 * The ids handed out in the write transaction now open, a table each: the next id of a
 * table is the last one plus one while the transaction lasts, since it holds the write
 * lock and every row of these tables is numbered here. Forgotten when a transaction
 * begins or ends (every write transaction begins with db_begin() or db_try_begin());
 * kept only while the connection is in the transaction. A statement or savepoint rolled
 * back leaves the cache ahead: an id skipped, never one given twice.
 */
enum { ID_TABLES = 16 };
static struct {
	sqlite3 *db;
	int n;
	struct {
		char table[32];
		int64_t last, top;
	} t[ID_TABLES];
} ids;

/* A rehearsal runs (db_write()): db_run() and the reads of one row prepare a statement
   that writes, and leave it there. */
static bool rehearsing;

static void ids_forget(sqlite3 *db)
{
	ids.db = db;
	ids.n = 0;
}

int db_begin(sqlite3 *db)
{
	/* A write always carries the real clock: an as-of time is for reads and reports. */
	if (clock_asof())
		return err_set(RD_DENIED,
		               _("RENDA_NOW=%s sets an as-of time for reading and reports; changes "
		                 "always carry the real time: unset RENDA_NOW to make one"),
		               clock_asof_text());
	double t0 = timing.on ? mono_ms() : 0;
	if (timing.on && !timing.writes++)
		timing.first = t0;
	int src = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	if (timing.on) {
		timing.began = mono_ms();
		timing.lock += timing.began - t0;
		timing.locked = src == SQLITE_OK;
	}
	if ((src & 0xff) == SQLITE_BUSY)
		return err_set(
		    RD_FAIL,
		    _("the database %s is busy: another clerk's change took longer than "
		      "the wait ([database] busy_timeout); nothing was changed, try again"),
		    db_path(db));
	if (src != SQLITE_OK)
		return db_fail(db, _("begin transaction"));
	ids_forget(db);
	/* Its number (schema 20; none before, while renda init migrates): the marks its
	   changes leave on data derived from them (the duty points kept) carry it. Cached
	   statements: parsed once, not at every write. */
	int64_t schema = 0;
	if (db_int(db, &schema, "PRAGMA user_version", "") || schema < 20)
		err_clear();
	else if (db_run(db, "UPDATE tx_number SET n = n + 1", "")) {
		timing.locked = false;
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
		return RD_FAIL;
	}
	/* While the database exchanges with another site, the transaction is recorded. */
	if (sync_capture_begin(db)) {
		timing.locked = false;
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
		return RD_FAIL;
	}
	return RD_OK;
}

int db_try_begin(sqlite3 *db)
{
	sqlite3_busy_handler(db, NULL, NULL);
	int src = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	sqlite3_busy_handler(db, on_busy, NULL);
	if (src != SQLITE_OK)
		return RD_FAIL;
	ids_forget(db);
	return RD_OK;
}

int db_end(sqlite3 *db, int rc)
{
	ids_forget(NULL);
	if (sqlite3_get_autocommit(db))
		return rc ? rc : err_set(RD_FAIL, _("no transaction was open"));
	if (rc == RD_OK)
		rc = audit_flush(db);
	rc = sync_capture_end(db, rc);
	double t0 = timing.on ? mono_ms() : 0;
	if (timing.on)
		timing.work += t0 - timing.began;
	timing.locked = false;
	if (rc == RD_OK) {
		double ckpt = timing.checkpoint;
		int src = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
		if (timing.on)
			timing.commit += mono_ms() - t0 - (timing.checkpoint - ckpt);
		if (src == SQLITE_OK)
			return RD_OK;
		rc = db_fail(db, _("commit"));
	}
	if (!sqlite3_get_autocommit(db)) {
		char saved[1024];
		snprintf(saved, sizeof saved, "%s", err_msg());
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
		err_set(rc, "%s", saved);
	}
	return rc;
}

/* Whether db has seen no write of kind (and sub) in this process: the console makes
   many, whose statements stay prepared after the first. */
static bool first_of_its_kind(sqlite3 *db, const void *kind, const char *sub)
{
	enum { KINDS = 64 };
	static struct {
		sqlite3 *db;
		const void *kind;
		char sub[24];
	} seen[KINDS];
	static int n;
	if (!sub)
		sub = "";
	for (int i = 0; i < n; i++)
		if (seen[i].db == db && seen[i].kind == kind && !strcmp(seen[i].sub, sub))
			return false;
	if (n < KINDS && strlen(sub) < sizeof seen[0].sub) {
		seen[n].db = db;
		seen[n].kind = kind;
		snprintf(seen[n++].sub, sizeof seen[0].sub, "%s", sub);
	}
	return true;
}

/*
 * A write rehearsed before its lock: fn runs in a read transaction with its writes
 * prepared and not made, so that the write itself, run next under the lock, finds every
 * statement it prepares in the cache: parsing them was half of a workflow step's time
 * under the lock, which the other clerks wait out. db_run() and db_step() leave a
 * statement that writes once it is prepared; db_prepare(), whose statements are not
 * kept, refuses one, and the rehearsal stops there. A statement of db_cached() that
 * writes must be stepped with db_step(): sqlite3_step() would make its write, taking
 * the write lock, and the rehearsal's end would undo it. What fn does is rolled back,
 * its outcome and message dropped; it may stop early (at a read of what a skipped write
 * would have made), which only leaves fewer statements prepared. Not PRAGMA query_only:
 * setting it expires every prepared statement.
 */
static void rehearse(sqlite3 *db, const void *kind, const char *sub,
                     int (*fn)(sqlite3 *db, void *arg), void *arg)
{
	if (rehearsing || !sqlite3_get_autocommit(db) || clock_asof() ||
	    !first_of_its_kind(db, kind, sub))
		return;
	char *saved = xstrdup(err_msg());
	if (sqlite3_exec(db, "BEGIN DEFERRED", NULL, NULL, NULL) == SQLITE_OK) {
		rehearsing = true;
		/* What db_begin() and db_end() run about every write. */
		int64_t schema = 0;
		int rc = db_int(db, &schema, "PRAGMA user_version", "");
		if (!rc && schema >= 20)
			rc = db_run(db, "UPDATE tx_number SET n = n + 1", "");
		if (!rc)
			rc = sync_capture_warm(db);
		if (!rc)
			rc = fn(db, arg);
		if (!rc)
			rc = audit_flush(db);
		rehearsing = false;
	}
	if (!sqlite3_get_autocommit(db))
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	audit_rehearsed(db);
	ids_forget(NULL);
	err_set(RD_OK, "%s", saved);
	free(saved);
}

int db_write(sqlite3 *db, const void *kind, const char *sub, int (*fn)(sqlite3 *db, void *arg),
             void *arg)
{
	rehearse(db, kind, sub, fn, arg);
	if (db_begin(db))
		return RD_FAIL;
	return db_end(db, fn(db, arg));
}

void db_map(sqlite3 *db)
{
	if (sqlite3_get_autocommit(db))
		sqlite3_exec(db, "PRAGMA mmap_size = 1073741824", NULL, NULL, NULL);
}

void db_abort(sqlite3 *db)
{
	timing.locked = false;
	if (db && !sqlite3_get_autocommit(db))
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	if (db)
		sync_capture_drop(db);
}

/* Binds the arguments of fmt; texts borrowed (not copied) when the caller's arguments
   outlive every step of st: the statement is reset and its bindings cleared before the
   call that bound them returns (db_run(), db_int(), db_text()...: a copy a text, made
   and freed, was 3% of a step). */
static int bindv(sqlite3_stmt *st, const char *fmt, va_list ap, bool borrow)
{
	int rc = SQLITE_OK;
	for (int i = 0; fmt[i] && rc == SQLITE_OK; i++) {
		switch (fmt[i]) {
		case 'i': rc = sqlite3_bind_int64(st, i + 1, va_arg(ap, int64_t)); break;
		case 'd': rc = sqlite3_bind_int(st, i + 1, va_arg(ap, int)); break;
		case 'I': {
			int64_t v = va_arg(ap, int64_t);
			rc = v ? sqlite3_bind_int64(st, i + 1, v) : sqlite3_bind_null(st, i + 1);
			break;
		}
		case 't': {
			const char *s = va_arg(ap, const char *);
			long cp = ctrl_find(s, false);
			if (cp >= 0) {
				/* The last guard: whatever a caller let through, none is stored. */
				err_set(RD_INVALID,
				        _("a text holds control character U+%04lX, which renda "
				          "does not "
				          "store (it could drive the terminal that shows it)"),
				        (unsigned long)cp);
				return SQLITE_CONSTRAINT;
			}
			rc = s ? sqlite3_bind_text(st, i + 1, s, -1,
			                           borrow ? SQLITE_STATIC : SQLITE_TRANSIENT)
			       : sqlite3_bind_null(st, i + 1);
			break;
		}
		case 'f': rc = sqlite3_bind_double(st, i + 1, va_arg(ap, double)); break;
		default: fatal("db: bad bind format '%c'", fmt[i]);
		}
	}
	return rc;
}

/*
 * Statements of db_run, db_int, db_text and db_cached are kept prepared between
 * calls (keyed by database and SQL text, found by a hash of both), since the same
 * few run many times over: a write step or a demo case reuses every one of them.
 * A slot is lent while its statement is in use (db_cached() until db_done(), the
 * others while they step): another caller of the same SQL gets a statement of its
 * own, finalized when handed back, and no other SQL takes the slot.
 */
#define CACHE_SLOTS 512
/* The places a statement may take: its hash's and the next three. With two, a process
   of 40 statements lost one to another now and then, which a write's rehearsal had
   prepared (db_write()). */
#define CACHE_PROBES 4
static struct {
	sqlite3 *db;
	char *sql;
	sqlite3_stmt *st;
	unsigned hash;
	bool lent;
} cache[CACHE_SLOTS];

/* The last bind refused a text (a control character): the caller returns RD_INVALID. */
static bool refused;

/* A hash of db and sql, taken eight bytes at a time (an SQL text runs to hundreds of
   bytes, hashed at every call: a byte at a time it cost 3% of a demo). */
static unsigned sql_hash(sqlite3 *db, const char *sql)
{
	uint64_t h = 0x9e3779b97f4a7c15u ^ (uint64_t)(uintptr_t)db, w;
	size_t n = strlen(sql);
	const char *p = sql;
	for (; n >= 8; p += 8, n -= 8) {
		memcpy(&w, p, 8);
		h = (h ^ w) * 0xbf58476d1ce4e5b9u;
		h ^= h >> 31;
	}
	w = 0;
	memcpy(&w, p, n);
	h = (h ^ w ^ n) * 0x94d049bb133111ebu;
	return (unsigned)(h ^ h >> 29);
}

/* The slot of sql for db (CACHE_PROBES places to look from its hash's), or -1. */
static int cache_find(sqlite3 *db, const char *sql, unsigned h)
{
	for (unsigned k = 0; k < CACHE_PROBES; k++) {
		unsigned i = (h + k) % CACHE_SLOTS;
		if (cache[i].st && cache[i].db == db && cache[i].hash == h &&
		    !strcmp(cache[i].sql, sql))
			return (int)i;
	}
	return -1;
}

/* Marks the place of a statement in use (-1: none): while it runs, a call of the same
   SQL gets a statement of its own, and no other SQL takes the place. */
static void lend(int slot)
{
	if (slot >= 0)
		cache[slot].lent = true;
}

/* Hands back a statement of cached() at its place (-1: none, finalized). */
static void release(sqlite3_stmt *st, int slot)
{
	if (slot >= 0) {
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		cache[slot].lent = false;
	} else
		sqlite3_finalize(st);
}

/*
 * A prepared statement of sql for db from the cache, bound; hand it back with
 * release(st, *slot). *slot is its place in the cache, or -1 when it is not the
 * cache's (its place is lent): release finalizes it.
 */
static sqlite3_stmt *cached(sqlite3 *db, const char *sql, const char *fmt, va_list ap, int *slot,
                            bool borrow)
{
	unsigned h = sql_hash(db, sql);
	*slot = cache_find(db, sql, h);
	sqlite3_stmt *st = NULL;
	if (*slot >= 0 && !cache[*slot].lent)
		st = cache[*slot].st;
	else {
		bool known = *slot >= 0;
		*slot = -1;
		if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) !=
		    SQLITE_OK) {
			db_fail(db, _("prepare"));
			return NULL;
		}
		if (timing.on) {
			timing_explain(db, sql);
			timing_prepared(sql);
		}
		if (!known) {
			/* The first of its places that is free, else the first not lent. */
			unsigned i = h % CACHE_SLOTS;
			for (unsigned k = 0, lent = 1; k < CACHE_PROBES; k++) {
				unsigned j = (h + k) % CACHE_SLOTS;
				if (!cache[j].st) {
					i = j;
					break;
				}
				if (lent && !cache[j].lent) {
					i = j;
					lent = 0;
				}
			}
			if (!cache[i].lent) {
				if (cache[i].st) {
					sqlite3_finalize(cache[i].st);
					free(cache[i].sql);
				}
				cache[i].db = db;
				cache[i].sql = xstrdup(sql);
				cache[i].st = st;
				cache[i].hash = h;
				*slot = (int)i;
			}
		}
	}
	int brc = bindv(st, fmt, ap, borrow);
	refused = brc == SQLITE_CONSTRAINT;
	if (brc != SQLITE_OK) {
		if (!refused)
			db_fail(db, _("bind"));
		release(st, *slot);
		return NULL;
	}
	return st;
}

/* The cache slot holding st, or -1 (looked for where its SQL hashes, then everywhere). */
static int slot_of(sqlite3_stmt *st)
{
	sqlite3 *db = sqlite3_db_handle(st);
	const char *sql = sqlite3_sql(st);
	unsigned h = sql ? sql_hash(db, sql) : 0;
	for (unsigned k = 0; sql && k < CACHE_PROBES; k++)
		if (cache[(h + k) % CACHE_SLOTS].st == st)
			return (int)((h + k) % CACHE_SLOTS);
	for (unsigned i = 0; i < CACHE_SLOTS; i++)
		if (cache[i].st == st)
			return (int)i;
	return -1;
}

void db_done(sqlite3_stmt *st)
{
	if (st)
		release(st, slot_of(st));
}

sqlite3_stmt *db_cached(sqlite3 *db, const char *sql, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int slot;
	sqlite3_stmt *st = cached(db, sql, fmt, ap, &slot, false);
	va_end(ap);
	if (st)
		lend(slot);
	return st;
}

int db_step(sqlite3_stmt *st)
{
	if (rehearsing && !sqlite3_stmt_readonly(st))
		return SQLITE_DONE;
	return sqlite3_step(st);
}

/* cached() without arguments to bind. */
static sqlite3_stmt *cached_bare(sqlite3 *db, const char *sql, int *slot, ...)
{
	va_list ap;
	va_start(ap, slot);
	sqlite3_stmt *st = cached(db, sql, "", ap, slot, false);
	va_end(ap);
	return st;
}

int db_warm(sqlite3 *db, const char *sql)
{
	int slot;
	sqlite3_stmt *st = cached_bare(db, sql, &slot);
	if (!st)
		return RD_FAIL;
	release(st, slot);
	return RD_OK;
}

bool db_rehearsing(void)
{
	return rehearsing;
}

/* Forgets the cached statements of db (before it closes). */
static void cache_drop(sqlite3 *db)
{
	for (unsigned i = 0; i < CACHE_SLOTS; i++)
		if (cache[i].db == db && cache[i].st) {
			sqlite3_finalize(cache[i].st);
			free(cache[i].sql);
			memset(&cache[i], 0, sizeof cache[i]);
		}
}

static sqlite3_stmt *preparev(sqlite3 *db, const char *sql, const char *fmt, va_list ap)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		db_fail(db, _("prepare"));
		return NULL;
	}
	if (timing.on)
		timing_prepared(sql);
	if (rehearsing && !sqlite3_stmt_readonly(st)) {
		sqlite3_finalize(st);
		err_set(RD_FAIL, _("a rehearsal makes no change"));
		return NULL;
	}
	int brc = bindv(st, fmt, ap, false);
	if (brc != SQLITE_OK) {
		if (brc != SQLITE_CONSTRAINT)
			db_fail(db, _("bind"));
		sqlite3_finalize(st);
		return NULL;
	}
	return st;
}

sqlite3_stmt *db_prepare(sqlite3 *db, const char *sql, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sqlite3_stmt *st = preparev(db, sql, fmt, ap);
	va_end(ap);
	return st;
}

int db_run(sqlite3 *db, const char *sql, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int slot;
	sqlite3_stmt *st = cached(db, sql, fmt, ap, &slot, true);
	va_end(ap);
	if (!st)
		return refused ? RD_INVALID : RD_FAIL;
	lend(slot);
	if (rehearsing && !sqlite3_stmt_readonly(st)) {
		release(st, slot);
		return RD_OK;
	}
	int src = sqlite3_step(st), rc = RD_OK;
	if (src != SQLITE_DONE && src != SQLITE_ROW) {
		if ((src & 0xff) == SQLITE_CONSTRAINT)
			rc = err_set(RD_INVALID, _("refused by the database: %s"), db_errmsg(db));
		else
			rc = db_fail(db, _("write"));
	}
	release(st, slot);
	return rc;
}

/* Steps a cached statement to its first row: RD_OK with *out on it at *slot (release
   it after). */
static int first_row(sqlite3 *db, sqlite3_stmt **out, int *slot, const char *sql, const char *fmt,
                     va_list ap)
{
	sqlite3_stmt *st = cached(db, sql, fmt, ap, slot, true);
	if (!st)
		return refused ? RD_INVALID : RD_FAIL;
	lend(*slot);
	if (rehearsing && !sqlite3_stmt_readonly(st)) {
		release(st, *slot);
		return err_set(RD_NOTFOUND, _("not found"));
	}
	int src = sqlite3_step(st);
	if (src == SQLITE_ROW) {
		*out = st;
		return RD_OK;
	}
	int rc = src == SQLITE_DONE ? err_set(RD_NOTFOUND, _("not found")) : db_fail(db, _("read"));
	release(st, *slot);
	return rc;
}

int db_int(sqlite3 *db, int64_t *out, const char *sql, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sqlite3_stmt *st;
	int slot;
	int rc = first_row(db, &st, &slot, sql, fmt, ap);
	va_end(ap);
	if (!rc) {
		*out = sqlite3_column_int64(st, 0);
		release(st, slot);
	}
	return rc;
}

int db_ints(sqlite3 *db, int64_t **out, size_t *n, const char *sql, const char *fmt, ...)
{
	*out = NULL;
	*n = 0;
	va_list ap;
	va_start(ap, fmt);
	sqlite3_stmt *st;
	int slot;
	int rc = first_row(db, &st, &slot, sql, fmt, ap);
	va_end(ap);
	if (rc == RD_NOTFOUND) {
		err_clear();
		return RD_OK;
	}
	if (rc)
		return rc;
	size_t cap = 0;
	int src;
	do {
		if (*n == cap)
			*out = xrealloc(*out, (cap = cap ? 2 * cap : 4) * sizeof **out);
		(*out)[(*n)++] = sqlite3_column_int64(st, 0);
	} while ((src = sqlite3_step(st)) == SQLITE_ROW);
	rc = src == SQLITE_DONE ? RD_OK : db_fail(db, _("read"));
	release(st, slot);
	if (rc) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

int db_text(sqlite3 *db, char **out, const char *sql, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sqlite3_stmt *st;
	int slot;
	int rc = first_row(db, &st, &slot, sql, fmt, ap);
	va_end(ap);
	if (!rc) {
		*out = db_col_dup(st, 0);
		release(st, slot);
	}
	return rc;
}

const char *db_col(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	return s ? (const char *)s : "";
}

char *db_col_dup(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	return s ? xstrdup((const char *)s) : NULL;
}

int db_version_check(sqlite3 *db, const char *table, int64_t id, int changed)
{
	if (changed == 1 || rehearsing) /* a rehearsal changes no row */
		return RD_OK;
	/* table is always a name from our own code, never user input. */
	char sql[128];
	snprintf(sql, sizeof sql, "SELECT version FROM %s WHERE id = ?", table);
	int64_t v;
	int rc = db_int(db, &v, sql, "i", id);
	if (rc == RD_NOTFOUND)
		return err_set(RD_NOTFOUND, _("record %s %lld no longer exists"),
		               vocab_entity(table), (long long)id);
	if (rc)
		return rc;
	return err_set(RD_CONFLICT,
	               _("record %s %lld was changed by someone else meanwhile (now version %lld); "
	                 "nothing was overwritten"),
	               vocab_entity(table), (long long)id, (long long)v);
}

const char *db_path(sqlite3 *db)
{
	const char *p = sqlite3_db_filename(db, "main");
	return p ? p : "";
}

/* ---- sites and their ids ------------------------------------------------------ */

/* RD_OK when site is a site number (meta 'site'), else the error that says it is not. */
static int site_in_range(int64_t site)
{
	if (site < 0 || site >= DB_MAX_SITES)
		return err_set(RD_FAIL, _("the database's site number %lld is out of range"),
		               (long long)site);
	return RD_OK;
}

int db_site(sqlite3 *db, int *site)
{
	int64_t v = 0;
	int rc = db_int(db, &v, "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'site'", "");
	if (rc == RD_NOTFOUND)
		v = 0;
	else if (rc)
		return rc;
	if ((rc = site_in_range(v)))
		return rc;
	*site = (int)v;
	return RD_OK;
}

int db_new_id(sqlite3 *db, const char *table, int64_t *id)
{
	bool keep = ids.db == db && !sqlite3_get_autocommit(db);
	for (int i = 0; keep && i < ids.n; i++)
		if (!strcmp(ids.t[i].table, table)) {
			if (ids.t[i].last + 1 >= ids.t[i].top)
				break;
			*id = ++ids.t[i].last;
			return RD_OK;
		}
	/* The site and the table's last id in its range, in one statement (a step of a
	   workflow takes three new ids, an import three a row). */
	char sql[320];
	snprintf(sql, sizeof sql,
	         "SELECT s, (SELECT id FROM %s WHERE id > s << %d AND id < (s + 1) << %d ORDER BY "
	         "id DESC LIMIT 1) FROM (SELECT coalesce((SELECT CAST(value AS INTEGER) FROM meta "
	         "WHERE key = 'site'), 0) AS s)",
	         table, DB_SITE_BITS, DB_SITE_BITS);
	sqlite3_stmt *st = db_cached(db, sql, "");
	if (!st)
		return RD_FAIL;
	if (sqlite3_step(st) != SQLITE_ROW) {
		int rc = db_fail(db, table);
		db_done(st);
		return rc;
	}
	int64_t site = sqlite3_column_int64(st, 0);
	bool none = sqlite3_column_type(st, 1) == SQLITE_NULL;
	int64_t last = sqlite3_column_int64(st, 1);
	db_done(st);
	int rc = site_in_range(site);
	if (rc)
		return rc;
	int64_t base = site << DB_SITE_BITS, top = base + ((int64_t)1 << DB_SITE_BITS);
	if (none)
		last = base;
	if (last + 1 >= top)
		return err_set(RD_FAIL, _("site %d has used every id of %s"), (int)site, table);
	*id = last + 1;
	if (keep && ids.n < ID_TABLES && strlen(table) < sizeof ids.t[0].table) {
		int i = 0;
		while (i < ids.n && strcmp(ids.t[i].table, table))
			i++;
		if (i == ids.n)
			snprintf(ids.t[ids.n++].table, sizeof ids.t[0].table, "%s", table);
		ids.t[i].last = *id;
		ids.t[i].top = top;
	}
	return RD_OK;
}

int db_site_prefix(sqlite3 *db, char out[24])
{
	int site;
	out[0] = '\0';
	int rc = db_site(db, &site);
	if (rc || !site)
		return rc;
	char *code = NULL;
	rc = db_text(db, &code, "SELECT code FROM town WHERE id = ?", "d", site);
	if (rc == RD_NOTFOUND)
		rc = err_set(RD_FAIL, _("the database's site %d is no town of the reference data"),
		             site);
	if (!rc)
		snprintf(out, 24, "%s-", code);
	free(code);
	return rc;
}

int db_year_last(sqlite3 *db, const char *table, const char *tag, int year, char lo[40], long *seq)
{
	char site[24], hi[40], sql[96];
	*seq = 0;
	int rc = db_site_prefix(db, site);
	if (rc)
		return rc;
	snprintf(lo, 40, "%s%s%04d-", site, tag, year % 10000);
	snprintf(hi, sizeof hi, "%s%s%04d.", site, tag, year % 10000);
	snprintf(sql, sizeof sql, "SELECT max(number) FROM %s WHERE number >= ? AND number < ?",
	         table);
	char *max = NULL;
	if ((rc = db_text(db, &max, sql, "tt", lo, hi)))
		return rc;
	*seq = max ? strtol(max + strlen(lo), NULL, 10) : 0;
	free(max);
	return RD_OK;
}
