/*
 * The policies and regulations library (policy.h): adding, changing and
 * importing documents with their search indexes kept in the same transaction,
 * and the list the console and the CLI page through, searched by full text
 * (one or two Chinese characters too) or by a regular expression.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model/case/case.h"
#include "model/core/audit.h"
#include "model/core/db.h"
#include "model/core/listing.h"
#include "model/finance/finance.h"
#include "model/finance/policy.h"
#include "model/sync/sync_def.h"
#include "util/datetime.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/chartok.h"
#include "util/re.h"
#include "util/sbuf.h"
#include "util/u8.h"
#include "util/xalloc.h"
#include "util/xlsxread.h"

bool policy_may_write(const struct scope *sc)
{
	return sc->role == ROLE_ADMIN || sc->role == ROLE_CITY_CLERK;
}

/* ---- the search indexes ------------------------------------------------------------- */

/* The text of the character index: the tokens of the characters (util/chartok.h). */
static char *chars_of(const char *title, const char *number, const char *issuer, const char *text)
{
	const char *texts[] = {title, number, issuer, text};
	return chartok(texts, 4);
}

/* Removes a document's entries, given the values they were made of (title, number,
   issuer, text). */
static int unindex(sqlite3 *db, int64_t id, const char *const v[4])
{
	int rc = db_run(db,
	                "INSERT INTO fin_policy_fts (fin_policy_fts, rowid, title, number, issuer, "
	                "text) VALUES ('delete', ?, ?, ?, ?, ?)",
	                "ittt"
	                "t",
	                id, v[0], v[1], v[2], v[3]);
	char *old = chars_of(v[0], v[1], v[2], v[3]);
	if (!rc)
		rc = db_run(db,
		            "INSERT INTO fin_policy_chars (fin_policy_chars, rowid, text) VALUES "
		            "('delete', ?, ?)",
		            "it", id, old);
	free(old);
	return rc;
}

/* The values a document's entries are made of as it is stored now (NULL when it is not):
   four strings in one allocation. */
static char **stored_text(sqlite3 *db, int64_t id)
{
	sqlite3_stmt *st = db_prepare(
	    db, "SELECT title, number, issuer, text FROM fin_policy WHERE id = ?", "i", id);
	char **v = NULL;
	if (st && sqlite3_step(st) == SQLITE_ROW) {
		v = xcalloc(4, sizeof *v);
		for (int i = 0; i < 4; i++)
			v[i] = xstrdup(db_col(st, i));
	}
	sqlite3_finalize(st);
	return v;
}

static void free_text(char **v)
{
	for (int i = 0; v && i < 4; i++)
		free(v[i]);
	free(v);
}

/* Removes a document's entries (its stored values as they were indexed). */
static int reindex(sqlite3 *db, int64_t id, bool had)
{
	if (!had)
		return RD_OK;
	char **v = stored_text(db, id);
	int rc = v ? unindex(db, id, (const char *const *)v) : RD_OK;
	free_text(v);
	return rc;
}

/* Adds a document's entries as it is stored now. */
static int index_now(sqlite3 *db, int64_t id)
{
	int rc =
	    db_run(db,
	           "INSERT INTO fin_policy_fts (rowid, title, number, issuer, text) SELECT id, "
	           "title, number, issuer, text FROM fin_policy WHERE id = ?",
	           "i", id);
	sqlite3_stmt *st =
	    rc ? NULL
	       : db_prepare(db,
	                    "SELECT title, number, issuer, text FROM fin_policy WHERE "
	                    "id = ?",
	                    "i", id);
	if (!rc && !st)
		return RD_FAIL;
	if (st && sqlite3_step(st) == SQLITE_ROW) {
		char *now = chars_of(db_col(st, 0), db_col(st, 1), db_col(st, 2), db_col(st, 3));
		rc = db_run(db, "INSERT INTO fin_policy_chars (rowid, text) VALUES (?, ?)", "it",
		            id, now);
		free(now);
	}
	sqlite3_finalize(st);
	return rc;
}

/* ---- checking and writing ---------------------------------------------------------------- */

static const char *const validity_labels[] = {N_("in force"), N_("amended"), N_("repealed")};

/* The code of a validity given by code, by word (English or translated) or in Chinese. */
static const char *validity_code(const char *v)
{
	static const char *const codes[] = {"in_force", "amended", "repealed"};
	static const char *const zh[] = {"有效", "已修订", "已废止"};
	for (int i = 0; i < 3; i++)
		if (!strcmp(v, codes[i]) || !strcasecmp(v, validity_labels[i]) ||
		    !strcmp(v, _(validity_labels[i])) || !strcmp(v, zh[i]) ||
		    (i == 0 && !strcmp(v, "现行有效")))
			return codes[i];
	return NULL;
}

/* Checks the fields given (all of them for a new document); day gets the date normalized. */
static int check(const struct policy_fields *f, bool all, char day[11], const char **validity)
{
	*validity = NULL;
	day[0] = '\0';
	if ((all || f->title) && (!f->title || !*f->title))
		return err_set(RD_INVALID, _("title: required"));
	if (f->title && u8_width(f->title) > 400)
		return err_set(RD_INVALID,
		               _("title: at most 400 columns (200 Chinese characters)"));
	if ((all || f->issuer) && (!f->issuer || !*f->issuer))
		return err_set(RD_INVALID, _("issuer: required (the body that issued it)"));
	if ((all || f->issued_on) && (!f->issued_on || !*f->issued_on))
		return err_set(RD_INVALID, _("date: the day it was issued is required"));
	if (f->issued_on) {
		static const struct ref_field dayf = {"date", "date", N_("Date"), RF_DATE,
		                                      NULL,   true,   10,         NULL};
		char *d = NULL;
		if (ref_convert(NULL, &dayf, f->issued_on, &d)) {
			err_clear();
			return err_set(RD_INVALID, _("date: '%s' is not a date YYYY-MM-DD"),
			               f->issued_on);
		}
		snprintf(day, 11, "%s", d);
		free(d);
	}
	if (f->validity && *f->validity && !(*validity = validity_code(f->validity)))
		return err_set(RD_INVALID, _("validity: '%s' is not in_force, amended or repealed"),
		               f->validity);
	if (f->number && strlen(f->number) > 200)
		return err_set(RD_INVALID, _("number: longer than 200 bytes"));
	return RD_OK;
}

static int add_tx(sqlite3 *db, const struct scope *sc, const struct policy_fields *f, int64_t *id)
{
	char day[11], now[CLOCK_BUF];
	const char *validity;
	int rc = check(f, true, day, &validity);
	if (rc)
		return rc;
	clock_format(clock_now(), now);
	if ((rc = db_new_id(db, "fin_policy", id)))
		return rc;
	rc = db_run(db,
	            "INSERT INTO fin_policy (id, title, issuer, number, issued_on, validity, text, "
	            "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
	            "ittttt"
	            "ttt",
	            *id, f->title, f->issuer, f->number ? f->number : "", day,
	            validity ? validity : "in_force", f->text ? f->text : "", now, now);
	if (!rc)
		rc = index_now(db, *id);
	if (!rc) {
		char *after = audit_snapshot(db, "fin_policy", *id);
		rc = audit_log(db, sc, "policy", *id, "add", NULL, after);
		free(after);
	}
	return rc;
}

static int edit_tx(sqlite3 *db, const struct scope *sc, int64_t id, const struct policy_fields *f,
                   int64_t version)
{
	char day[11], now[CLOCK_BUF];
	const char *validity;
	int rc = check(f, false, day, &validity);
	if (rc)
		return rc;
	char *before = audit_snapshot(db, "fin_policy", id);
	if (!before)
		return err_set(RD_NOTFOUND, _("no document %lld in the library"), (long long)id);
	clock_format(clock_now(), now);
	rc = reindex(db, id, true);
	if (!rc)
		rc = db_run(
		    db,
		    "UPDATE fin_policy SET title = coalesce(?2, title), issuer = coalesce(?3, "
		    "issuer), number = coalesce(?4, number), issued_on = coalesce(?5, issued_on), "
		    "validity = coalesce(?6, validity), text = coalesce(?7, text), updated_at = "
		    "?8, "
		    "version = version + 1 WHERE id = ?1 AND (?9 = 0 OR version = ?9)",
		    "ittttttti", id, f->title, f->issuer, f->number, *day ? day : NULL, validity,
		    f->text, now, version);
	if (!rc)
		rc = db_version_check(db, "fin_policy", id, sqlite3_changes(db));
	if (!rc)
		rc = index_now(db, id);
	if (!rc) {
		char *after = audit_snapshot(db, "fin_policy", id);
		rc = audit_log(db, sc, "policy", id, "edit", before, after);
		free(after);
	}
	free(before);
	return rc;
}

/* ---- the towns' exchange (model/sync/sync_def.h) ---------------------------------------- */

/* The library is the city's: a town's own database has it from the city's exchange files. */
static int city_writes(sqlite3 *db)
{
	int site = 0;
	if (db_site(db, &site))
		return RD_FAIL;
	if (!site)
		return RD_OK;
	return err_set(RD_DENIED,
	               _("the library of policies and regulations is the city's: this town's own "
	                 "database has it from the city's exchange files and does not change it"));
}

static void *sync_before(sqlite3 *db, int64_t id)
{
	return stored_text(db, id);
}

static int sync_after(sqlite3 *db, int64_t id, void *before)
{
	char **v = before;
	int rc = v ? unindex(db, id, (const char *const *)v) : RD_OK;
	free_text(v);
	return rc ? rc : index_now(db, id);
}

static const char *const policy_derived[] = {"fin_policy_fts", "fin_policy_chars", NULL};

const struct sync_def policy_sync = {
    .table = "fin_policy",
    .entity = "policy",
    .derived = policy_derived,
    .before = sync_before,
    .after = sync_after,
    .reference = true,
};

int policy_add(sqlite3 *db, const struct scope *sc, const struct policy_fields *f, int64_t *id)
{
	if (!policy_may_write(sc))
		return fin_may_write(sc);
	if (city_writes(db))
		return RD_DENIED;
	if (db_begin(db))
		return RD_FAIL;
	return db_end(db, add_tx(db, sc, f, id));
}

int policy_edit(sqlite3 *db, const struct scope *sc, int64_t id, const struct policy_fields *f,
                int64_t version)
{
	if (!policy_may_write(sc))
		return fin_may_write(sc);
	if (city_writes(db))
		return RD_DENIED;
	if (db_begin(db))
		return RD_FAIL;
	return db_end(db, edit_tx(db, sc, id, f, version));
}

int policy_find(sqlite3 *db, const struct scope *sc, const char *ref, int64_t *id)
{
	(void)sc; /* the library is everyone's */
	const char *num = ref[0] == '#' ? ref + 1 : ref;
	char *end;
	long long v = strtoll(num, &end, 10);
	bool by_id = *num && !*end && v > 0;
	int rc = db_int(db, id,
	                "SELECT id FROM fin_policy WHERE id = ?1 OR (number = ?2 AND ?2 <> '') "
	                "ORDER BY id = ?1 DESC, issued_on DESC LIMIT 1",
	                "it", by_id ? (int64_t)v : (int64_t)0, ref);
	if (rc == RD_NOTFOUND)
		return err_set(RD_NOTFOUND, _("no document '%s' in the library"), ref);
	return rc;
}

/* ---- import ------------------------------------------------------------------------------------
 */

int policy_import(sqlite3 *db, const struct scope *sc, const char *path, struct import_report *rep)
{
	static const struct {
		const char *key, *label, *zh;
		bool required;
	} cols[] = {
	    {"title", N_("Title"), "标题", true},
	    {"issuer", N_("Issuer"), "发文机关", true},
	    {"number", N_("Number"), "文号", false},
	    {"issued_on", N_("Issued on"), "发布日期", true},
	    {"validity", N_("Validity"), "效力", false},
	    {"text", N_("Full text"), "全文", false},
	};
	enum { NCOLS = sizeof cols / sizeof cols[0] };
	memset(rep, 0, sizeof *rep);
	if (!policy_may_write(sc))
		return fin_may_write(sc);
	if (city_writes(db))
		return RD_DENIED;
	struct csv_file f;
	if (tablef_read(path, &f))
		return RD_INVALID;
	int map[NCOLS], rc = RD_OK;
	for (int i = 0; i < NCOLS; i++)
		map[i] = -1;
	for (int c = 0; c < f.ncols && !rc; c++) {
		int k = -1;
		for (int i = 0; i < NCOLS; i++)
			if (!strcasecmp(f.header[c], cols[i].key) ||
			    !strcasecmp(f.header[c], cols[i].label) ||
			    !strcmp(f.header[c], _(cols[i].label)) ||
			    !strcmp(f.header[c], cols[i].zh))
				k = i;
		if (k < 0)
			rc = err_set(
			    RD_INVALID,
			    _("%s:1: unknown column '%s' (the columns: title, issuer, number, "
			      "issued_on, validity, text)"),
			    path, f.header[c]);
		else
			map[k] = c;
	}
	for (int i = 0; i < NCOLS && !rc; i++)
		if (map[i] < 0 && cols[i].required)
			rc = err_set(RD_INVALID, _("%s:1: the header has no column '%s' (%s)"),
			             path, cols[i].key, _(cols[i].label));
	if (rc || db_begin(db)) {
		csvf_free(&f);
		return rc ? rc : RD_FAIL;
	}
	for (size_t r = 0; r < f.nrows && rc != RD_FAIL; r++) {
		const char *v[NCOLS];
		for (int i = 0; i < NCOLS; i++)
			v[i] = map[i] >= 0 ? csvf_get(&f.rows[r], map[i]) : NULL;
		struct policy_fields pf = {v[0], v[1], v[2], v[3], v[4], v[5]};
		int64_t id = 0;
		int arc = db_int(db, &id,
		                 "SELECT id FROM fin_policy WHERE title = ? AND number = ? LIMIT 1",
		                 "tt", v[0] ? v[0] : "", v[2] ? v[2] : "");
		if (arc == RD_NOTFOUND) {
			err_clear();
			arc = add_tx(db, sc, &pf, &id);
			if (!arc)
				rep->added++;
		} else if (!arc) {
			/* Only a document that differs is changed (and audited). */
			const char *vcode = v[4] && *v[4] ? validity_code(v[4]) : NULL;
			sqlite3_stmt *st =
			    db_prepare(db,
			               "SELECT title = ?2 AND issuer = ?3 AND issued_on = ?4 "
			               "AND text = ?5 AND (?6 IS NULL OR validity = ?6) FROM "
			               "fin_policy WHERE id = ?1",
			               "ittttt", id, v[0] ? v[0] : "", v[1] ? v[1] : "",
			               v[3] ? v[3] : "", v[5] ? v[5] : "", vcode);
			bool same =
			    st && sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
			sqlite3_finalize(st);
			if (same && (vcode || !v[4] || !*v[4]))
				rep->unchanged++;
			else if (!(arc = edit_tx(db, sc, id, &pf, 0)))
				rep->changed++;
		}
		if (arc) {
			sbuf_printf(&rep->errors, "%s:%d: %s\n", path, f.rows[r].line, err_msg());
			rep->rejected++;
			if (arc == RD_FAIL)
				rc = RD_FAIL;
		}
	}
	csvf_free(&f);
	if (!rc && rep->rejected)
		rc = err_set(RD_INVALID, _("%s: %d rows rejected; nothing was imported"), path,
		             rep->rejected);
	return db_end(db, rc);
}

/* ---- the list
 * ------------------------------------------------------------------------------------ */

static const char *show_validity(const char *raw)
{
	if (!strcmp(raw, "in_force"))
		return _("in force");
	if (!strcmp(raw, "amended"))
		return _("amended");
	if (!strcmp(raw, "repealed"))
		return _("repealed");
	return raw;
}

static const struct pager_col policy_cols[] = {
    {"issued_on", N_("Issued on"), "p.issued_on", 10, PC_SORT | PC_NOTNULL | PC_KEEP | PC_WHOLE,
     NULL, NULL},
    {"number", N_("Number (文号)"), "p.number", 16, PC_SORT | PC_FILTER | PC_NOTNULL | PC_EXTRA,
     NULL, NULL},
    {"title", N_("Title"), "p.title", 24, PC_SORT | PC_FILTER | PC_FLEX | PC_KEEP | PC_NOTNULL,
     NULL, NULL},
    {"issuer", N_("Issuer"), "p.issuer", 12, PC_SORT | PC_FILTER | PC_NOTNULL, NULL, NULL},
    {"validity", N_("Validity"), "p.validity", 6, PC_SORT | PC_WHOLE | PC_NOTNULL, show_validity,
     NULL},
    {"version", N_("Version"), "p.version", 6, PC_HIDDEN | PC_RIGHT, NULL, NULL},
};
static const struct pager_def policy_def = {
    N_("policies and regulations"), "fin_policy p", "p.id", policy_cols, N_OF(policy_cols), 0, true,
};

static const char *const list_keys[] = {"id", "number", "title", "issuer", "issued_on", "validity"};

static int listing_policies(sqlite3 *db, const struct scope *sc, const struct filter *flt,
                            struct pager **out)
{
	(void)sc;
	*out = NULL;
	const char *search = filter_get(flt, "search"), *regex = filter_get(flt, "regex"),
	           *issuer = filter_get(flt, "issuer"), *validity = filter_get(flt, "validity"),
	           *year_v = filter_get(flt, "year");
	if (search && regex)
		return err_set(RD_INVALID, _("search: give a text or a pattern (regex), not both"));
	const char *vcode = validity ? validity_code(validity) : NULL;
	if (validity && !vcode)
		return err_set(RD_INVALID, _("validity: '%s' is not in_force, amended or repealed"),
		               validity);
	int year = year_v ? atoi(year_v) : 0;
	if (year_v && (year < 1900 || year > 9998))
		return err_set(RD_INVALID, _("year: '%s' is not a year such as 2026"), year_v);
	if (regex) {
		struct re *r = re_compile(regex, 0);
		if (!r)
			return err_set(RD_INVALID, _("regex: %s"), err_msg());
		re_free(r);
	}
	struct pager *p = pager_new(db, &policy_def);
	if (issuer)
		pager_where(p, "p.issuer LIKE '%' || ? || '%'", "t", issuer);
	if (vcode)
		pager_where(p, "p.validity = ?", "t", vcode);
	if (year) {
		char y[8];
		snprintf(y, sizeof y, "%04d", year);
		pager_where(p, "substr(p.issued_on, 1, 4) = ?", "t", y);
	}
	if (search) {
		/* As a search of voter issues: three characters or more through the trigram
		   index (of four or more, its trigrams, then the text itself as LIKE finds it);
		   one or two through the index of characters (both of two, then the pair). */
		char *match;
		int kind = case_search_query(search, &match);
		bool tri = CASE_SEARCH_TRI(kind);
		char *in = xasprintf("p.id IN (SELECT rowid FROM %1$s WHERE %1$s MATCH ?)",
		                     tri ? "fin_policy_fts" : "fin_policy_chars");
		if (CASE_SEARCH_CHECK(kind)) {
			char *like = pager_like_pattern(search);
			char *cond =
			    xasprintf("%s AND (p.title LIKE ? ESCAPE '\\' OR p.number LIKE ? "
			              "ESCAPE '\\' OR p.issuer LIKE ? ESCAPE '\\' OR p.text "
			              "LIKE ? ESCAPE '\\')",
			              in);
			pager_where(p, cond, "ttttt", match, like, like, like, like);
			free(cond);
			free(like);
		} else
			pager_where(p, in, "t", match);
		free(in);
		free(match);
	}
	if (regex)
		pager_where(p,
		            "(regexp(?, p.title) OR regexp(?, p.text) OR regexp(?, p.number) OR "
		            "regexp(?, p.issuer))",
		            "tttt", regex, regex, regex, regex);
	*out = p;
	return RD_OK;
}

/* ---- one document -------------------------------------------------------------------------------
 */

static int policy_info(sqlite3 *db, const struct scope *sc, int64_t id, struct tbl *out)
{
	(void)sc;
	static const char *const keys[] = {"id",         "number",     "title",    "issuer",
	                                   "issued_on",  "validity",   "cited_by", "text",
	                                   "created_at", "updated_at", "version"};
	memset(out, 0, sizeof *out);
	int rc =
	    tbl_read(db_prepare(db,
	                        "SELECT p.id, p.number, p.title, p.issuer, p.issued_on, "
	                        "p.validity, coalesce((SELECT group_concat(r.code || ' ' || "
	                        "r.name, '; ') FROM fin_rule r WHERE r.policy_number = p.number "
	                        "AND p.number <> ''), ''), p.text, p.created_at, p.updated_at, "
	                        "p.version FROM fin_policy p WHERE p.id = ?",
	                        "i", id),
	             keys, N_OF(keys), out);
	if (!rc && !out->nrows) {
		tbl_free(out);
		rc = err_set(RD_NOTFOUND, _("no document %lld in the library"), (long long)id);
	}
	return rc;
}

/* The rules that cite a document as their basis. */
static int policy_rules(sqlite3 *db, const struct scope *sc, int64_t id, struct tbl *out)
{
	(void)sc;
	static const char *const keys[] = {"code", "name", "basis", "enabled"};
	memset(out, 0, sizeof *out);
	int64_t x;
	int rc = db_int(db, &x, "SELECT id FROM fin_policy WHERE id = ?", "i", id);
	if (rc == RD_NOTFOUND)
		return err_set(RD_NOTFOUND, _("no document %lld in the library"), (long long)id);
	if (rc)
		return rc;
	return tbl_read(
	    db_prepare(db,
	               "SELECT r.code, r.name, r.basis, CASE WHEN r.enabled THEN 'yes' "
	               "ELSE 'no' END FROM fin_rule r JOIN fin_policy p ON p.number = "
	               "r.policy_number AND p.number <> '' WHERE p.id = ? ORDER BY r.code",
	               "i", id),
	    keys, 4, out);
}

/* clang-format off */
static const struct mod_filter filters[] = {
	{"search", "search", MF_TEXT, N_("TEXT"), N_("text \"%s\"")},
	{"regex", "regex", MF_TEXT, N_("PATTERN"), N_("pattern /%s/")},
	{"issuer", "issuer", MF_TEXT, N_("I"), N_("issued by %s")},
	{"validity", "validity", MF_TEXT, N_("in_force|amended|repealed"), "%s"},
	{"year", "year", MF_YEAR, N_("Y"), "%s"},
};
static const struct mod_part parts[] = {
	{"rules", N_("Warning rules citing it"), policy_rules},
};
/* clang-format on */

const struct mod_model policy_model = {
    .filters = filters,
    .nfilters = N_OF(filters),
    .listing = listing_policies,
    .list_keys = list_keys,
    .nlist_keys = N_OF(list_keys),
    .find = policy_find,
    .record = policy_info,
    .number_key = "number",
    .parts = parts,
    .nparts = 1,
    .deputy_key = NULL,
    .when_key = "issued_on",
};
