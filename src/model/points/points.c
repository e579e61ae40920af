#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/core/audit.h"
#include "model/core/db.h"
#include "model/core/vocab.h"
#include "model/deputy/deputy.h"
#include "model/flow/flow.h"
#include "model/points/points.h"
#include "util/conf.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

/* ---- numbers ---------------------------------------------------------------- */

void points_text(int64_t h, char out[24])
{
	uint64_t a = h < 0 ? (uint64_t)0 - (uint64_t)h : (uint64_t)h;
	const char *sign = h < 0 ? "-" : "";
	unsigned long long whole = a / 100, frac = a % 100;
	if (!frac)
		snprintf(out, 24, "%s%llu", sign, whole);
	else if (!(frac % 10))
		snprintf(out, 24, "%s%llu.%llu", sign, whole, frac / 10);
	else
		snprintf(out, 24, "%s%llu.%02llu", sign, whole, frac);
}

bool points_parse(const char *s, int64_t *h)
{
	if (!s || !*s)
		return false;
	bool neg = *s == '-';
	if (*s == '-' || *s == '+')
		s++;
	int64_t whole = 0, frac = 0;
	int nw = 0, nf = 0;
	for (; *s >= '0' && *s <= '9'; s++, nw++) {
		whole = whole * 10 + (*s - '0');
		if (whole > 10000000)
			return false;
	}
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9'; s++, nf++) {
			if (nf >= 2)
				return false;
			frac = frac * 10 + (*s - '0');
		}
	if (*s || (!nw && !nf))
		return false;
	if (nf == 1)
		frac *= 10;
	*h = (whole * 100 + frac) * (neg ? -1 : 1);
	return true;
}

/* x * num / den rounded half away from zero. */
static int64_t scale(int64_t x, int num, int den)
{
	if (den <= 0)
		return x;
	int64_t a = x < 0 ? -x : x;
	int64_t q = (a * num * 2 + den) / (2 * (int64_t)den);
	return x < 0 ? -q : q;
}

enum points_prorate points_prorate(void)
{
	const char *v = conf.points_prorate ? conf.points_prorate : "months";
	return !strcmp(v, "days") ? PR_DAYS : !strcmp(v, "none") ? PR_NONE : PR_MONTHS;
}

enum points_audience points_audience(void)
{
	enum points_audience a = PA_CLERKS;
	if (conf.points_rankings)
		points_audience_parse(conf.points_rankings, &a);
	return a;
}

bool points_audience_parse(const char *s, enum points_audience *a)
{
	if (!strcmp(s, "clerks"))
		*a = PA_CLERKS;
	else if (!strcmp(s, "deputies"))
		*a = PA_DEPUTIES;
	else if (!strcmp(s, "public"))
		*a = PA_PUBLIC;
	else
		return false;
	return true;
}

int points_may_show(enum points_audience a)
{
	if (a <= points_audience())
		return RD_OK;
	return err_set(RD_DENIED,
	               a == PA_PUBLIC
	                   ? _("the rankings are not for the public here: [points] rankings in "
	                       "renda.conf says so (set it to public to publish them)")
	                   : _("the rankings are for the clerks only here: [points] rankings in "
	                       "renda.conf says so (set it to deputies to give them to deputies)"));
}

int points_asof(const char *text, char out[CLOCK_BUF])
{
	time_t t = clock_now();
	int day;
	if (text && *text) {
		char buf[40];
		if (date_parse(text, &day)) {
			snprintf(buf, sizeof buf, "%s 23:59:59", text);
			text = buf;
		}
		if (!clock_parse(text, &t))
			return err_set(RD_INVALID,
			               _("as-of: '%s' is not a day YYYY-MM-DD or an ISO 8601 time"),
			               text);
	}
	clock_format(t, out);
	return RD_OK;
}

/* The day of an ISO time (its first ten characters), as a day number. */
static int day_of(const char *iso)
{
	char d[11];
	int n = 0;
	snprintf(d, sizeof d, "%.10s", iso);
	return date_parse(d, &n) ? n : 0;
}

static int nitems(void)
{
	static int n;
	if (!n)
		while (points_items()[n].code)
			n++;
	return n;
}

static int item_index(const char *code)
{
	for (int i = 0; points_items()[i].code; i++)
		if (!strcmp(points_items()[i].code, code))
			return i;
	return -1;
}

/* ---- the rule table ---------------------------------------------------------- */

struct rule {
	bool set;
	int64_t points, cap; /* cap 0: none */
	int within;          /* 0: none */
};

struct version {
	int number, from;
	struct rule *r; /* nitems() */
};

static void versions_free(struct version *v, int n)
{
	for (int i = 0; i < n; i++)
		free(v[i].r);
	free(v);
}

/* The versions made by asof, in the order they take effect (then by number). */
static int load_versions(sqlite3 *db, const char *asof, struct version **out, int *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st =
	    db_prepare(db,
	               "SELECT v.number, v.effective_from, r.item, r.points, "
	               "coalesce(r.cap, 0), coalesce(r.within, 0) FROM points_version "
	               "v JOIN points_rule r ON r.version_id = v.id WHERE "
	               "v.created_at <= ? ORDER BY v.effective_from, v.number",
	               "t", asof);
	if (!st)
		return RD_FAIL;
	struct version *v = NULL;
	int k = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int number = sqlite3_column_int(st, 0);
		if (!k || v[k - 1].number != number) {
			v = xrealloc(v, sizeof *v * (size_t)(k + 1));
			v[k].number = number;
			v[k].from = day_of(db_col(st, 1));
			v[k].r = xcalloc((size_t)nitems(), sizeof *v[k].r);
			k++;
		}
		int i = item_index(db_col(st, 2));
		if (i >= 0)
			v[k - 1].r[i] =
			    (struct rule){true, sqlite3_column_int64(st, 3),
			                  sqlite3_column_int64(st, 4), sqlite3_column_int(st, 5)};
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		versions_free(v, k);
		return db_fail(db, _("reading the points rules"));
	}
	*out = v;
	*n = k;
	return RD_OK;
}

/* The version in force on day: the last to take effect by then. */
static const struct version *version_on(const struct version *v, int n, int day)
{
	const struct version *in = NULL;
	for (int i = 0; i < n; i++)
		if (v[i].from <= day)
			in = &v[i];
	return in;
}

/* Rows of the rules: by version, then by the item's place in points_items()[] (unknown last). */
static int by_order(const void *x, const void *y)
{
	const int *a = x, *b = y;
	if (a[0] != b[0])
		return a[0] - b[0];
	unsigned ia = (unsigned)a[1], ib = (unsigned)b[1];
	if (ia != ib)
		return ia < ib ? -1 : 1;
	return a[2] - b[2];
}

int points_rules(sqlite3 *db, const char *asof, struct tbl *out)
{
	static const char *const keys[] = {"version", "effective_from", "created_at", "account",
	                                   "note",    "item",           "points",     "cap",
	                                   "within"};
	memset(out, 0, sizeof *out);
	char t[CLOCK_BUF];
	int rc = points_asof(asof, t);
	if (rc)
		return rc;
	rc = tbl_read(
	    db_prepare(db,
	               "SELECT v.number, v.effective_from, v.created_at, v.account, "
	               "v.note, r.item, r.points, coalesce(r.cap, ''), coalesce(r.within, "
	               "'') FROM points_version v JOIN points_rule r ON r.version_id = v.id "
	               "WHERE v.created_at <= ? ORDER BY v.number, r.item",
	               "t", t),
	    keys, 9, out);
	/* Within a version, the items in the order of the table of items. */
	if (!rc && out->nrows > 1) {
		struct order {
			int version, item, row;
		} *o = xcalloc((size_t)out->nrows, sizeof *o);
		for (int r = 0; r < out->nrows; r++)
			o[r] = (struct order){atoi(tbl_get(out, r, "version")),
			                      item_index(tbl_get(out, r, "item")), r};
		xqsort(o, (size_t)out->nrows, sizeof *o, by_order);
		char **cells = xcalloc((size_t)(out->nrows * out->ncols), sizeof *cells);
		for (int r = 0; r < out->nrows; r++)
			memcpy(&cells[r * out->ncols], &out->cells[o[r].row * out->ncols],
			       sizeof *cells * (size_t)out->ncols);
		free(out->cells);
		out->cells = cells;
		free(o);
	}
	/* Points and caps as people write them; the items in the order of the table. */
	for (int r = 0; !rc && r < out->nrows; r++) {
		char buf[24];
		points_text(strtoll(tbl_get(out, r, "points"), NULL, 10), buf);
		tbl_set(out, r, "points", xstrdup(buf));
		if (*tbl_get(out, r, "cap")) {
			points_text(strtoll(tbl_get(out, r, "cap"), NULL, 10), buf);
			tbl_set(out, r, "cap", xstrdup(buf));
		}
	}
	return rc;
}

int points_change_parse(const char *s, struct points_change *c)
{
	memset(c, 0, sizeof *c);
	const char *eq = strchr(s, '=');
	static char item[32];
	if (!eq || eq == s || (size_t)(eq - s) >= sizeof item)
		return err_set(RD_INVALID, _("set: '%s' is not ITEM=POINTS[/CAP[/WITHIN]]"), s);
	snprintf(item, sizeof item, "%.*s", (int)(eq - s), s);
	if (!points_item_find(item))
		return err_set(RD_INVALID,
		               _("set: no item '%s' (renda points rules list shows them)"), item);
	c->item = item;
	char parts[3][24] = {"", "", ""};
	int n = 0;
	for (const char *p = eq + 1; n < 3; n++) {
		size_t len = strcspn(p, "/");
		if (len >= sizeof parts[0])
			return err_set(RD_INVALID, _("set: '%s' is not ITEM=POINTS[/CAP[/WITHIN]]"),
			               s);
		snprintf(parts[n], sizeof parts[n], "%.*s", (int)len, p);
		if (!p[len])
			break;
		p += len + 1;
		if (n == 2)
			return err_set(RD_INVALID, _("set: '%s' is not ITEM=POINTS[/CAP[/WITHIN]]"),
			               s);
	}
	if (!points_parse(parts[0], &c->points))
		return err_set(RD_INVALID, _("set: '%s' is not a number of points (3, -2, 0.5)"),
		               parts[0]);
	if (*parts[1] && strcmp(parts[1], "-") && (!points_parse(parts[1], &c->cap) || c->cap <= 0))
		return err_set(RD_INVALID,
		               _("set: the cap '%s' is not a number of points above 0 "
		                 "(- for none)"),
		               parts[1]);
	if (*parts[2] && strcmp(parts[2], "-")) {
		char *end;
		long d = strtol(parts[2], &end, 10);
		if (*end || d <= 0 || d > 3660)
			return err_set(
			    RD_INVALID,
			    _("set: the time limit '%s' is not a number of days (- for none)"),
			    parts[2]);
		c->within = (int)d;
	}
	return RD_OK;
}

/* The first day of a new version (from, YYYY-MM-DD) as *day: today or later. */
static int new_from(const char *from, int today, int *day)
{
	if (!from || !date_parse(from, day))
		return err_set(RD_INVALID, _("from: '%s' is not a day YYYY-MM-DD"),
		               from ? from : "");
	if (*day < today) {
		char t[11];
		date_format(today, t);
		return err_set(RD_INVALID,
		               _("from: %s is past: a rule takes effect from today (%s) or later, "
		                 "never on what was already scored"),
		               from, t);
	}
	return RD_OK;
}

int points_version_base(sqlite3 *db, const char *from, int *number)
{
	*number = 0;
	char now[CLOCK_BUF];
	int today, day;
	int rc = flow_time(NULL, now, &today);
	if (rc || (rc = new_from(from, today, &day)))
		return rc;
	struct version *vs = NULL;
	int nv = 0;
	if ((rc = load_versions(db, now, &vs, &nv)))
		return rc;
	const struct version *base = version_on(vs, nv, day);
	*number = base ? base->number : 0;
	versions_free(vs, nv);
	return RD_OK;
}

int points_add_version(sqlite3 *db, const struct scope *sc, const char *from, const char *note,
                       const struct points_change *changes, int nchanges, const char *at,
                       int *number)
{
	if (sc->role != ROLE_ADMIN && sc->role != ROLE_CITY_CLERK)
		return err_set(RD_DENIED,
		               _("your role (%s) may not change the points rules: the "
		                 "city's clerks keep them"),
		               role_label(sc->role));
	/* The rules are the city's: a town's own database has them from its exchange files. */
	int site = 0;
	if (db_site(db, &site))
		return RD_FAIL;
	if (site)
		return err_set(RD_DENIED,
		               _("the points rules are the city's: this town's own database "
		                 "has them from the city's exchange files and does not "
		                 "change them"));
	char now[CLOCK_BUF];
	int today, day;
	int rc = flow_time(at, now, &today);
	if (rc || (rc = new_from(from, today, &day)))
		return rc;
	if (nchanges <= 0)
		return err_set(RD_INVALID,
		               _("set: a new version changes at least one item's rule"));
	if (db_begin(db))
		return RD_FAIL;
	struct version *vs = NULL;
	int nv = 0;
	rc = load_versions(db, now, &vs, &nv);
	const struct version *base = rc ? NULL : version_on(vs, nv, day);
	int64_t id = 0, max = 0;
	if (!rc)
		rc = db_int(db, &max, "SELECT coalesce(max(number), 0) FROM points_version", "");
	if (!rc)
		rc = db_new_id(db, "points_version", &id);
	if (!rc)
		rc = db_run(
		    db,
		    "INSERT INTO points_version (id, number, effective_from, note, created_at, "
		    "account) VALUES (?, ?, ?, ?, ?, ?)",
		    "iittt"
		    "t",
		    id, max + 1, from, note ? note : "", now, sc->login);
	/* Every item of the version it follows, with the changes. */
	for (int i = 0; !rc && i < nitems(); i++) {
		struct rule r = base ? base->r[i] : (struct rule){0};
		for (int k = 0; k < nchanges; k++)
			if (!strcmp(changes[k].item, points_items()[i].code))
				r = (struct rule){true, changes[k].points, changes[k].cap,
				                  changes[k].within};
		if (!r.set)
			continue;
		rc = db_run(
		    db,
		    "INSERT INTO points_rule (version_id, item, points, cap, within) VALUES (?, "
		    "?, ?, ?, ?)",
		    "itiII", id, points_items()[i].code, r.points, r.cap, (int64_t)r.within);
	}
	versions_free(vs, nv);
	char *after = NULL;
	if (!rc)
		rc = db_text(
		    db, &after,
		    "SELECT json_object('id', v.id, 'number', v.number, 'effective_from', "
		    "v.effective_from, 'note', v.note, 'created_at', v.created_at, 'rules', "
		    "json((SELECT json_group_array(json_object('item', r.item, 'points', "
		    "r.points, 'cap', r.cap, 'within', r.within)) FROM points_rule r WHERE "
		    "r.version_id = v.id))) FROM points_version v WHERE v.id = ?",
		    "i", id);
	if (!rc)
		rc = audit_log(db, sc, "points_version", id, "add", NULL, after);
	free(after);
	if (!rc)
		*number = (int)max + 1;
	return db_end(db, rc);
}

/* ---- the deputies, as the roster stood ------------------------------------------ */

/* A deputy and the year's events while they are scored. */
struct dep {
	int64_t id;
	char *code, *name, *level, *town, *group;
	int64_t town_id, group_id;
	int from, to;     /* the part of the year served (day numbers) */
	bool added_after; /* entered in the roster after the as-of time */
	bool kept;        /* out holds the totals kept (points_total): not computed */
	int64_t mark;     /* the mark of a change since they were kept; -1: none */
	struct points_deputy out;
};

/* An event of a source. */
struct event {
	int dep; /* index into the deputies */
	char *item, *day, *at, *key, *what, *voids;
	int lag; /* -1: none */
};

static void event_free(struct event *e)
{
	free(e->item);
	free(e->day);
	free(e->at);
	free(e->key);
	free(e->what);
	free(e->voids);
}

/* A column of a deputy's row as it stood at the as-of time (the audit trail's images):
   the before-image of the first later row that changed it (a row keeps, before, the
   fields it changed), else the column now. */
#define LATER(c)                                                                                   \
	"FROM audit a WHERE a.entity = 'deputy' AND a.entity_id = d.id AND a.at > ?1 AND "         \
	"json_type(a.before_json, '$." c "') IS NOT NULL"
#define THEN(c)                                                                                    \
	"CASE WHEN EXISTS (SELECT 1 " LATER(c) ") THEN (SELECT json_extract(a.before_json, '$." c  \
	"') " LATER(c) " ORDER BY a.id LIMIT 1) ELSE d." c " END"

/*
 * The deputies of the roster as it stood at asof: each attribute from the before
 * image of the first later audit row that changed it, else as it is now (THEN); a
 * deputy whose first later row is its entry in the roster was entered after
 * (added_after).
 */
static int load_deputies(sqlite3 *db, const char *asof, int year, struct dep **out, int *n)
{
	*out = NULL;
	*n = 0;
	/* clang-format off */
	sqlite3_stmt *st = db_prepare(db,
	    "SELECT d.id, " THEN("code") ", " THEN("name") ", " THEN("level") ", "
	    THEN("town_id") ", coalesce(" THEN("group_id") ", 0), "
	    "coalesce(" THEN("joined_date") ", "
	        "(SELECT start_date FROM term WHERE id = " THEN("term_id") "), ''), "
	    THEN("status") ", coalesce(" THEN("left_date") ", ''), "
	    "x.id IS NOT NULL AND x.before_json IS NULL "
	    "FROM deputy d LEFT JOIN audit x ON x.id = (SELECT min(a.id) FROM audit a "
	    "WHERE a.entity = 'deputy' AND a.entity_id = d.id AND a.at > ?1) ORDER BY d.id",
	    "t", asof);
	/* clang-format on */
	if (!st)
		return RD_FAIL;
	struct dep *d = NULL;
	int k = 0, rc, y0 = date_from_ymd(year, 1, 1), y1 = date_from_ymd(year, 12, 31);
	int asof_day = day_of(asof);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int from = y0, to = y1, joined, left;
		if (date_parse(db_col(st, 6), &joined) && joined > from)
			from = joined;
		if (!strcmp(db_col(st, 7), "left") && date_parse(db_col(st, 8), &left) &&
		    left - 1 < to)
			to = left - 1;
		if (from > to || from > asof_day)
			continue;
		d = xrealloc(d, sizeof *d * (size_t)(k + 1));
		struct dep *p = &d[k++];
		memset(p, 0, sizeof *p);
		p->id = sqlite3_column_int64(st, 0);
		p->code = db_col_dup(st, 1);
		p->name = db_col_dup(st, 2);
		p->level = db_col_dup(st, 3);
		p->town_id = sqlite3_column_int64(st, 4);
		p->group_id = sqlite3_column_int64(st, 5);
		p->from = from;
		p->to = to;
		p->added_after = sqlite3_column_int(st, 9);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		for (int i = 0; i < k; i++) {
			free(d[i].code);
			free(d[i].name);
			free(d[i].level);
		}
		free(d);
		return db_fail(db, _("reading the roster"));
	}
	/* The names of the towns and groups. */
	for (int i = 0; i < k; i++) {
		if (db_text(db, &d[i].town, "SELECT name FROM town WHERE id = ?", "i",
		            d[i].town_id))
			d[i].town = xstrdup("");
		if (!d[i].group_id ||
		    db_text(db, &d[i].group, "SELECT name FROM deputy_group WHERE id = ?", "i",
		            d[i].group_id))
			d[i].group = xstrdup("");
	}
	err_clear();
	*out = d;
	*n = k;
	return RD_OK;
}

static int dep_by_id(const void *k, const void *e)
{
	int64_t a = *(const int64_t *)k, b = ((const struct dep *)e)->id;
	return a < b ? -1 : a > b;
}

/*
 * Reads every source's events of the year by asof, of the deputies d (sorted by id):
 * of all of them from the steps of the year (nonly 0), or of the nonly deputies of
 * ids only, each through their own records.
 */
static int load_events(sqlite3 *db, const char *asof, int year, struct dep *d, int nd,
                       const int64_t *only, int nonly, struct event **out, int *n)
{
	char first[11], last[11];
	snprintf(first, sizeof first, "%04d-01-01", year);
	snprintf(last, sizeof last, "%04d-12-31", year);
	struct event *ev = NULL;
	int k = 0, cap = 0, rc = RD_OK;
	for (const struct points_source *const *sp = points_sources(); !rc && *sp; sp++) {
		const struct points_source *s = *sp;
		/* A deputy's condition on the query as a whole, which SQLite moves into each
		   of its parts (an equality: a list would stay outside). */
		char *sql = nonly ? xasprintf("WITH src(deputy, item, day, at, key, what, lag, "
		                              "voids) AS (%s) SELECT * FROM src WHERE deputy = ?4",
		                              s->sql)
		                  : NULL;
		sqlite3_stmt *st = db_prepare(db, sql ? sql : s->sql, "ttt", asof, first, last);
		free(sql);
		if (!st) {
			rc = RD_FAIL;
			break;
		}
		int r = SQLITE_DONE;
		for (int o = 0; o < (nonly ? nonly : 1) && r == SQLITE_DONE; o++) {
			if (nonly) {
				sqlite3_reset(st);
				sqlite3_bind_int64(st, 4, only[o]);
			}
			while ((r = sqlite3_step(st)) == SQLITE_ROW) {
				int64_t id = sqlite3_column_int64(st, 0);
				struct dep *p = bsearch(&id, d, (size_t)nd, sizeof *d, dep_by_id);
				if (!p)
					continue;
				if (k == cap) {
					cap = cap ? 2 * cap : 256;
					ev = xrealloc(ev, sizeof *ev * (size_t)cap);
				}
				struct event *e = &ev[k++];
				e->dep = (int)(p - d);
				e->item = db_col_dup(st, 1);
				e->day = db_col_dup(st, 2);
				e->at = db_col_dup(st, 3);
				e->key = db_col_dup(st, 4);
				e->what = db_col_dup(st, 5);
				e->lag = sqlite3_column_type(st, 6) == SQLITE_NULL
				             ? -1
				             : sqlite3_column_int(st, 6);
				e->voids = db_col_dup(st, 7);
				if (!e->item)
					e->item = xstrdup("");
				if (!e->what)
					e->what = xstrdup("");
			}
		}
		if (r != SQLITE_DONE)
			rc = db_fail(db, _("reading the events of duty points"));
		sqlite3_finalize(st);
	}
	if (rc) {
		for (int i = 0; i < k; i++)
			event_free(&ev[i]);
		free(ev);
		return rc;
	}
	*out = ev;
	*n = k;
	return RD_OK;
}

static int by_time(const void *x, const void *y)
{
	const struct event *a = x, *b = y;
	if (a->dep != b->dep)
		return a->dep - b->dep;
	int c = strcmp(a->day, b->day);
	if (!c)
		c = strcmp(a->at, b->at);
	return c ? c : strcmp(a->key, b->key);
}

/* ---- scoring -------------------------------------------------------------------- */

static struct points_line *add_line(struct points_deputy *o)
{
	/* Room for 8 lines, then twice as much each time it is full. */
	int n = o->nlines;
	if (!n || (n >= 8 && !(n & (n - 1))))
		o->lines = xrealloc(o->lines, sizeof *o->lines * (size_t)(n ? 2 * n : 8));
	struct points_line *l = &o->lines[o->nlines++];
	memset(l, 0, sizeof *l);
	return l;
}

/* The part of the year served, as a fraction (months of 12 or days of the year). */
static void share_of(const struct dep *p, int year, int *num, int *den)
{
	enum points_prorate how = points_prorate();
	int y0 = date_from_ymd(year, 1, 1), y1 = date_from_ymd(year, 12, 31);
	if (how == PR_NONE) {
		*num = *den = 1;
	} else if (how == PR_DAYS) {
		*num = p->to - p->from + 1;
		*den = y1 - y0 + 1;
	} else {
		/* A month counts when the deputy was in office on its 15th. */
		*num = 0;
		*den = 12;
		for (int m = 1; m <= 12; m++) {
			int mid = date_from_ymd(year, m, 15);
			if (mid >= p->from && mid <= p->to)
				(*num)++;
		}
	}
}

/* Scores one deputy's events (sorted by time); their lines and total into p->out. */
static int by_day(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* The distinct days of the duties done (duty lines not cancelled). */
static int duty_days(const struct points_deputy *o)
{
	const char **days = xcalloc((size_t)o->nlines + 1, sizeof *days);
	int n = 0, distinct = 0;
	for (int i = 0; i < o->nlines; i++)
		if (o->lines[i].duty && !o->lines[i].cancelled)
			days[n++] = o->lines[i].day;
	xqsort(days, (size_t)n, sizeof *days, by_day);
	for (int i = 0; i < n; i++)
		distinct += !i || strcmp(days[i], days[i - 1]);
	free(days);
	return distinct;
}

static void score(struct dep *p, int year, const struct version *vs, int nv, struct event *ev,
                  int n)
{
	struct points_deputy *o = &p->out;
	int ni = nitems();
	int64_t *running = xcalloc((size_t)ni, sizeof *running);
	o->by_item = xcalloc((size_t)ni, sizeof *o->by_item);
	share_of(p, year, &o->share_num, &o->share_den);
	bool part = o->share_num != o->share_den;
	char share[32];
	snprintf(share, sizeof share, "%d/%d", o->share_num, o->share_den);
	/* The yearly base, pro-rated, from the first day served. */
	int bi = item_index("base");
	const struct version *bv = version_on(vs, nv, p->from);
	if (bi >= 0 && bv && bv->r[bi].set) {
		struct points_line *l = add_line(o);
		char day[11];
		date_format(p->from, day);
		l->key = xasprintf("base:%d", year);
		l->item = xstrdup("base");
		l->day = xstrdup(day);
		l->at = xstrdup("");
		l->what = xasprintf(_("yearly base points of %d"), year);
		l->version = bv->number;
		l->rule = bv->r[bi].points;
		l->points = scale(l->rule, o->share_num, o->share_den);
		l->note = part
		              ? xasprintf(_("pro-rated for the part of the year served, %s"), share)
		              : xstrdup("");
		o->by_item[bi] += l->points;
	}
	for (int i = 0; i < n; i++) {
		struct event *e = &ev[i];
		struct points_line *l = add_line(o);
		l->key = xstrdup(e->key);
		l->day = xstrdup(e->day);
		l->at = xstrdup(e->at);
		l->what = xstrdup(e->what);
		if (e->voids && *e->voids) {
			/* A cancellation takes back what the event scored, by its version. */
			struct points_line *t = NULL;
			for (int k = 0; k < o->nlines - 1; k++)
				if (!strcmp(o->lines[k].key, e->voids))
					t = &o->lines[k];
			if (t && !t->cancelled) {
				int ti = item_index(t->item);
				l->item = xstrdup(t->item);
				l->version = t->version;
				l->rule = t->rule;
				l->points = -t->points;
				l->note = xasprintf(_("cancels %s"), t->key);
				char *note =
				    xasprintf(_("%s%scancelled by %s"), t->note ? t->note : "",
				              t->note && *t->note ? "; " : "", e->key);
				free(t->note);
				t->note = note;
				t->cancelled = true;
				if (ti >= 0) {
					running[ti] -= t->points;
					o->by_item[ti] += l->points;
				}
			} else {
				l->item = xstrdup("");
				l->note =
				    xasprintf(_("cancels %s, which does not count here"), e->voids);
			}
			continue;
		}
		l->item = xstrdup(e->item);
		int ii = item_index(e->item);
		const struct version *v = version_on(vs, nv, day_of(e->day));
		if (ii < 0 || !v || !v->r[ii].set) {
			l->version = v ? v->number : 0;
			l->note = xstrdup(_("no rule scores this item on that day"));
			continue;
		}
		const struct rule *r = &v->r[ii];
		l->version = v->number;
		l->rule = r->points;
		l->points = r->points;
		l->duty = r->points > 0;
		l->note = NULL;
		if (r->within && e->lag > r->within) {
			l->points = 0;
			l->note = xasprintf(_("took %d days; the rule counts it within %d"), e->lag,
			                    r->within);
		} else if (r->cap) {
			int64_t cap = scale(r->cap, o->share_num, o->share_den);
			int64_t used = running[ii] < 0 ? -running[ii] : running[ii];
			int64_t want = r->points < 0 ? -r->points : r->points;
			int64_t room = cap - used;
			char c[24];
			points_text(cap, c);
			if (room <= 0) {
				l->points = 0;
				l->note = xasprintf(_("the yearly cap of %s is reached"), c);
			} else if (want > room) {
				l->points = r->points < 0 ? -room : room;
				l->note = xasprintf(_("up to the yearly cap of %s"), c);
			}
			if (l->note && part) {
				char *more = xasprintf(_("%s (pro-rated, %s)"), l->note, share);
				free(l->note);
				l->note = more;
			}
		}
		if (!l->note)
			l->note = xstrdup("");
		running[ii] += l->points;
		o->by_item[ii] += l->points;
	}
	for (int i = 0; i < o->nlines; i++)
		o->total += o->lines[i].points;
	o->nevents = o->nlines;
	o->days = duty_days(o);
	free(running);
}

static int by_rank(const void *x, const void *y)
{
	const struct points_deputy *a = x, *b = y;
	int c = strcmp(a->level, b->level);
	if (c)
		return c;
	if (a->total != b->total)
		return a->total > b->total ? -1 : 1;
	return strcmp(a->code, b->code);
}

static void line_free(struct points_line *l)
{
	free(l->key);
	free(l->item);
	free(l->day);
	free(l->at);
	free(l->what);
	free(l->note);
}

static void deputy_free(struct points_deputy *d)
{
	free(d->code);
	free(d->name);
	free(d->level);
	free(d->town);
	free(d->group);
	free(d->by_item);
	for (int i = 0; i < d->nlines; i++)
		line_free(&d->lines[i]);
	free(d->lines);
}

void points_set_free(struct points_set *s)
{
	for (int i = 0; i < s->n; i++)
		deputy_free(&s->d[i]);
	free(s->d);
	memset(s, 0, sizeof *s);
}

/* ---- totals kept between readings (schema 20) ------------------------------------ */

/*
 * What the kept totals were computed with: the items, the sources and the
 * pro-rating. A renda that reads the records otherwise (a new source, a changed
 * query) or another [points] prorate sets them aside. Static storage.
 */
static const char *recipe(void)
{
	static char out[40];
	static int made_for = -1; /* the pro-rating it was made for; the rest never changes */
	if (made_for == (int)points_prorate())
		return out;
	made_for = (int)points_prorate();
	uint64_t h = 1469598103934665603ULL; /* FNV-1a */
	for (int i = 0; points_items()[i].code; i++) {
		for (const char *c = points_items()[i].code; *c; c++)
			h = (h ^ (unsigned char)*c) * 1099511628211ULL;
		h = (h ^ ' ') * 1099511628211ULL;
	}
	for (const struct points_source *const *sp = points_sources(); *sp; sp++)
		for (const char *c = (*sp)->sql; *c; c++)
			h = (h ^ (unsigned char)*c) * 1099511628211ULL;
	snprintf(out, sizeof out, "%016llx/%d", (unsigned long long)h, (int)points_prorate());
	return out;
}

/* The kept totals of "item=hundredths ..." into by_item; false when one is unknown. */
static bool by_item_parse(const char *text, int64_t *by_item)
{
	char *copy = xstrdup(text), *save = NULL;
	bool ok = true;
	for (char *w = strtok_r(copy, " ", &save); ok && w; w = strtok_r(NULL, " ", &save)) {
		char *eq = strchr(w, '=');
		int i = -1;
		if (eq) {
			*eq = '\0';
			i = item_index(w);
		}
		ok = i >= 0 && points_parse(eq + 1, &by_item[i]);
	}
	free(copy);
	return ok;
}

/*
 * Reads the marks of changes and the totals kept for the year: a deputy of d not
 * marked whose totals were computed for a time not after asof gets them (kept);
 * the others get their mark. *all: the mark of every deputy (-1: none), which
 * sets every kept total aside.
 */
static int keep_read(sqlite3 *db, const char *asof, int year, struct dep *d, int nd, int64_t *all)
{
	*all = -1;
	for (int i = 0; i < nd; i++)
		d[i].mark = -1;
	sqlite3_stmt *st = db_prepare(db, "SELECT deputy_id, mark FROM points_stale", "");
	if (!st)
		return RD_FAIL;
	int r;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		struct dep *p = id ? bsearch(&id, d, (size_t)nd, sizeof *d, dep_by_id) : NULL;
		if (!id)
			*all = sqlite3_column_int64(st, 1);
		else if (p)
			p->mark = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	if (r != SQLITE_DONE)
		return db_fail(db, _("reading the duty points kept"));
	if (*all >= 0)
		return RD_OK;
	st = db_prepare(db,
	                "SELECT deputy_id, total, nevents, days, by_item FROM points_total WHERE "
	                "year = ? AND recipe = ? AND asof <= ?",
	                "itt", (int64_t)year, recipe(), asof);
	if (!st)
		return RD_FAIL;
	int ni = nitems();
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		struct dep *p = bsearch(&id, d, (size_t)nd, sizeof *d, dep_by_id);
		if (!p || p->mark >= 0)
			continue;
		struct points_deputy *o = &p->out;
		o->by_item = xcalloc((size_t)ni, sizeof *o->by_item);
		if (!by_item_parse(db_col(st, 4), o->by_item)) {
			free(o->by_item);
			o->by_item = NULL;
			continue;
		}
		o->total = sqlite3_column_int64(st, 1);
		o->nevents = sqlite3_column_int(st, 2);
		o->days = sqlite3_column_int(st, 3);
		p->kept = true;
	}
	sqlite3_finalize(st);
	if (r != SQLITE_DONE)
		return db_fail(db, _("reading the duty points kept"));
	return RD_OK;
}

/* Keeps the totals of deputy p computed for asof, unless a change marked it since. */
static int keep_one(sqlite3 *db, const char *asof, int year, const struct dep *p)
{
	int64_t n = 0;
	if (p->mark >= 0) {
		/* Its mark goes with the totals of its other years, which it also made old. */
		if (db_run(db, "DELETE FROM points_stale WHERE deputy_id = ? AND mark = ?", "ii",
		           p->id, p->mark))
			return RD_FAIL;
		if (sqlite3_changes(db) != 1)
			return RD_OK;
		if (db_run(db, "DELETE FROM points_total WHERE deputy_id = ? AND year <> ?", "ii",
		           p->id, (int64_t)year))
			return RD_FAIL;
	} else if (db_int(db, &n, "SELECT count(*) FROM points_stale WHERE deputy_id IN (?, 0)",
	                  "i", p->id)) {
		return RD_FAIL;
	}
	if (n)
		return RD_OK;
	const struct points_deputy *o = &p->out;
	struct sbuf b = SBUF_INIT;
	for (int i = 0; points_items()[i].code; i++) {
		char t[24];
		if (!o->by_item[i])
			continue;
		points_text(o->by_item[i], t);
		sbuf_printf(&b, "%s%s=%s", b.len ? " " : "", points_items()[i].code, t);
	}
	int rc =
	    db_run(db,
	           "INSERT OR REPLACE INTO points_total (year, deputy_id, asof, recipe, total, "
	           "nevents, days, by_item) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	           "iittiiit", (int64_t)year, p->id, asof, recipe(), o->total, (int64_t)o->nevents,
	           (int64_t)o->days, sbuf_str(&b));
	sbuf_free(&b);
	return rc;
}

/*
 * Keeps the totals computed (the deputies of d not kept), in a transaction of its
 * own taken only when no other change holds the database: a reading never waits
 * for one. all: the mark of every deputy seen (-1: none); it goes when every
 * deputy was computed, the others marked in its place.
 */
static void keep_write(sqlite3 *db, const char *asof, int year, const struct dep *d, int nd,
                       int64_t all)
{
	if (!sqlite3_get_autocommit(db) || sqlite3_db_readonly(db, "main") || clock_asof())
		return;
	bool any = false;
	for (int i = 0; i < nd; i++)
		any |= !d[i].kept && d[i].out.by_item;
	if (!any || db_try_begin(db))
		return;
	int rc = RD_OK;
	if (all >= 0) {
		struct sbuf ids = SBUF_INIT;
		sbuf_puts(&ids, "[0");
		for (int i = 0; i < nd; i++)
			if (d[i].out.by_item)
				sbuf_printf(&ids, ",%lld", (long long)d[i].id);
		sbuf_puts(&ids, "]");
		rc = db_run(db, "DELETE FROM points_stale WHERE deputy_id = 0 AND mark = ?", "i",
		            all);
		if (!rc && sqlite3_changes(db) != 1)
			rc = RD_NOTFOUND;
		/* The deputies not computed here stay marked as every deputy was. */
		if (!rc)
			rc = db_run(
			    db,
			    "INSERT INTO points_stale (deputy_id, mark) SELECT id, ? FROM deputy "
			    "WHERE id NOT IN (SELECT value FROM json_each(?)) ON CONFLICT "
			    "(deputy_id) DO NOTHING",
			    "it", all, sbuf_str(&ids));
		if (!rc)
			rc = db_run(db, "DELETE FROM points_total", "");
		sbuf_free(&ids);
	}
	for (int i = 0; !rc && i < nd; i++)
		if (!d[i].kept && d[i].out.by_item)
			rc = keep_one(db, asof, year, &d[i]);
	if (rc)
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	else if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	err_clear();
}

/* Sets aside the totals kept for p: it is computed from its records. */
static void unkeep(struct dep *p)
{
	if (!p->kept)
		return;
	free(p->out.by_item);
	memset(&p->out, 0, sizeof p->out);
	p->kept = false;
}

int points_compute(sqlite3 *db, const struct scope *sc, const struct points_query *q,
                   struct points_set *out)
{
	memset(out, 0, sizeof *out);
	int rc = deputy_may_read(sc);
	if (rc)
		return rc;
	db_map(db); /* every deputy's events of the year */
	if ((rc = points_asof(q->asof, out->asof)))
		return rc;
	int y, m, dd;
	date_to_ymd(day_of(out->asof), &y, &m, &dd);
	out->year = q->year ? q->year : y;
	if (q->level && *q->level && strcmp(q->level, "city") && strcmp(q->level, "town"))
		return err_set(RD_INVALID, _("level: '%s' is not city or town"), q->level);
	int64_t town = 0, group = 0, only = 0;
	if ((q->town && *q->town && flow_lookup(db, "town", "town", q->town, &town)) ||
	    (q->group && *q->group && flow_lookup(db, "deputy_group", "group", q->group, &group)))
		return RD_INVALID;
	if (q->deputy && *q->deputy && deputy_find(db, sc, q->deputy, &only))
		return RD_INVALID;
	if (sc->role == ROLE_TOWN_CLERK) {
		if (town && town != sc->town_id)
			return err_set(RD_DENIED,
			               _("town: a town clerk sees the points of the town's "
			                 "deputies only"));
		town = sc->town_id;
	}
	struct version *vs = NULL;
	struct dep *d = NULL;
	struct event *ev = NULL;
	int nv = 0, nd = 0, ne = 0;
	rc = load_versions(db, out->asof, &vs, &nv);
	if (!rc)
		rc = load_deputies(db, out->asof, out->year, &d, &nd);
	/* The deputies chosen: in scope, of the level, town and group asked for. */
	int kept = 0;
	for (int i = 0; !rc && i < nd; i++) {
		bool keep = (!q->level || !*q->level || !strcmp(d[i].level, q->level)) &&
		            (!town || d[i].town_id == town) && (!group || d[i].group_id == group);
		if (keep)
			d[kept++] = d[i];
		else {
			free(d[i].code);
			free(d[i].name);
			free(d[i].level);
			free(d[i].town);
			free(d[i].group);
		}
	}
	nd = rc ? nd : kept;
	/* The totals kept stand for the deputies no change marked since; the others are
	   computed from their own records, or all from the steps of the year when they are
	   many (an eighth of those chosen: one reading of the year then costs less). */
	char now[CLOCK_BUF];
	points_asof(NULL, now);
	int64_t all = -1, *todo = xcalloc((size_t)nd + 1, sizeof *todo);
	int need = 0;
	/* One deputy's lines: theirs computed, the others' totals (their ranks) kept. */
	bool keep = !rc && (!q->lines || only);
	if (keep)
		rc = keep_read(db, out->asof, out->year, d, nd, &all);
	for (int i = 0; !rc && i < nd; i++) {
		if (d[i].kept && q->lines && d[i].id == only)
			unkeep(&d[i]);
		if (!d[i].kept)
			todo[need++] = d[i].id;
	}
	bool whole = need > nd / 8 + 4;
	for (int i = 0; whole && i < nd; i++)
		unkeep(&d[i]);
	if (!rc && need)
		rc = load_events(db, out->asof, out->year, d, nd, todo, whole ? 0 : need, &ev, &ne);
	free(todo);
	if (!rc) {
		xqsort(ev, (size_t)ne, sizeof *ev, by_time);
		out->d = xcalloc((size_t)nd + 1, sizeof *out->d);
		int e = 0;
		for (int i = 0; i < nd; i++) {
			int first = e;
			while (e < ne && ev[e].dep == i)
				e++;
			/* Entered in the roster after the as-of time, with nothing recorded by
			   then: not yet a deputy renda knew. */
			if (d[i].added_after && e == first) {
				free(d[i].out.by_item);
				free(d[i].code);
				free(d[i].name);
				free(d[i].level);
				free(d[i].town);
				free(d[i].group);
				continue;
			}
			struct points_deputy *o = &d[i].out;
			o->id = d[i].id;
			o->code = d[i].code;
			o->name = d[i].name;
			o->level = d[i].level;
			o->town = d[i].town;
			o->group = d[i].group;
			date_format(d[i].from, o->from);
			date_format(d[i].to, o->to);
			if (d[i].kept)
				share_of(&d[i], out->year, &o->share_num, &o->share_den);
			else
				score(&d[i], out->year, vs, nv, ev + first, e - first);
			out->d[out->n++] = *o;
		}
		xqsort(out->d, (size_t)out->n, sizeof *out->d, by_rank);
		/* Ranks within each level; equal totals share a rank. */
		for (int i = 0, start = 0; i < out->n; i++) {
			if (i && strcmp(out->d[i].level, out->d[i - 1].level))
				start = i;
			out->d[i].rank = i > start && out->d[i].total == out->d[i - 1].total
			                     ? out->d[i - 1].rank
			                     : i - start + 1;
		}
		for (int i = 0; i < out->n; i++) {
			int of = 0;
			for (int k = 0; k < out->n; k++)
				of += !strcmp(out->d[k].level, out->d[i].level);
			out->d[i].of = of;
		}
		if (keep && strcmp(out->asof, now) >= 0)
			keep_write(db, out->asof, out->year, d, nd, all);
	} else {
		for (int i = 0; i < nd; i++) {
			free(d[i].out.by_item);
			free(d[i].code);
			free(d[i].name);
			free(d[i].level);
			free(d[i].town);
			free(d[i].group);
		}
	}
	for (int i = 0; i < ne; i++)
		event_free(&ev[i]);
	free(ev);
	free(d);
	versions_free(vs, nv);
	/* One deputy asked for: their year alone (ranked among the others). */
	if (!rc && only) {
		int k = 0;
		for (int i = 0; i < out->n; i++) {
			if (out->d[i].id == only)
				out->d[k++] = out->d[i];
			else
				deputy_free(&out->d[i]);
		}
		out->n = k;
	}
	/* Without lines asked for, only the totals stay. */
	for (int i = 0; !rc && !q->lines && i < out->n; i++) {
		for (int l = 0; l < out->d[i].nlines; l++)
			line_free(&out->d[i].lines[l]);
		free(out->d[i].lines);
		out->d[i].lines = NULL;
		out->d[i].nlines = 0;
	}
	if (rc)
		points_set_free(out);
	return rc;
}

int points_keep(sqlite3 *db, const struct scope *sc, int year)
{
	struct points_query q = {.year = year};
	struct points_set s;
	int rc = points_compute(db, sc, &q, &s);
	points_set_free(&s);
	return rc;
}

/* ---- corrections ------------------------------------------------------------------ */

/* The day of the deputy's event named key, as counted now; RD_NOTFOUND when none. */
static int event_day(sqlite3 *db, int64_t deputy, const char *key, char day[11])
{
	char now[CLOCK_BUF];
	clock_format(clock_now(), now);
	int rc = RD_NOTFOUND;
	for (const struct points_source *const *sp = points_sources(); rc == RD_NOTFOUND && *sp;
	     sp++) {
		const struct points_source *s = *sp;
		sqlite3_stmt *st = db_prepare(db, s->sql, "ttt", now, "0001-01-01", "9999-12-31");
		if (!st)
			return RD_FAIL;
		while (sqlite3_step(st) == SQLITE_ROW)
			if (sqlite3_column_int64(st, 0) == deputy && !strcmp(db_col(st, 4), key)) {
				snprintf(day, 11, "%s", db_col(st, 2));
				rc = RD_OK;
				break;
			}
		sqlite3_finalize(st);
	}
	return rc;
}

int points_correct(sqlite3 *db, const struct scope *sc, const struct points_fix *f, int64_t *id)
{
	if (!scope_can_write(sc) || sc->role == ROLE_UNIT)
		return err_set(RD_DENIED, _("your role (%s) may not correct duty points"),
		               role_label(sc->role));
	int64_t deputy;
	if (!f->deputy || deputy_find(db, sc, f->deputy, &deputy))
		return f->deputy ? RD_NOTFOUND
		                 : err_set(RD_INVALID, _("deputy: a deputy's code is required"));
	if (!f->reason || !*f->reason)
		return err_set(RD_INVALID, _("reason: a correction says why (--reason)"));
	bool add = f->item && *f->item, cancel = f->voids && *f->voids;
	if (add == cancel)
		return err_set(RD_INVALID,
		               _("a correction either adds an event (--item and --date) "
		                 "or cancels one (--void KEY)"));
	char now[CLOCK_BUF], day[11] = "";
	int today, d;
	int rc = flow_time(f->at, now, &today);
	if (rc)
		return rc;
	if (add) {
		if (!points_item_find(f->item) || !strcmp(f->item, "base"))
			return err_set(
			    RD_INVALID,
			    _("item: '%s' is not an item an event scores (renda points rules "
			      "list shows them)"),
			    f->item);
		if (!f->day || !date_parse(f->day, &d))
			return err_set(RD_INVALID, _("date: '%s' is not a day YYYY-MM-DD"),
			               f->day ? f->day : "");
		if (d > today)
			return err_set(RD_INVALID, _("date: %s is in the future"), f->day);
		snprintf(day, sizeof day, "%s", f->day);
	} else {
		if (!strncmp(f->voids, "base:", 5))
			return err_set(RD_INVALID,
			               _("void: the yearly base is the rule's, not an event"));
		rc = event_day(db, deputy, f->voids, day);
		if (rc == RD_NOTFOUND)
			return err_set(
			    RD_INVALID,
			    _("void: the deputy has no event '%s' (renda points events lists "
			      "them with their keys)"),
			    f->voids);
		if (rc)
			return rc;
		int64_t x;
		if (!db_int(db, &x,
		            "SELECT id FROM points_correction WHERE deputy_id = ? AND voids = ?",
		            "it", deputy, f->voids))
			return err_set(RD_EXISTS,
			               _("void: %s is cancelled already (correction:%lld)"),
			               f->voids, (long long)x);
		if (!strncmp(f->voids, "correction:", 11)) {
			char *v = NULL;
			db_text(db, &v,
			        "SELECT coalesce(voids, '') FROM points_correction WHERE id = ?",
			        "i", strtoll(f->voids + 11, NULL, 10));
			bool is_void = v && *v;
			free(v);
			if (is_void)
				return err_set(RD_INVALID,
				               _("void: %s is a cancellation itself: add the "
				                 "event again instead"),
				               f->voids);
		}
	}
	if (db_begin(db))
		return RD_FAIL;
	rc = db_new_id(db, "points_correction", id);
	if (!rc)
		rc = db_run(
		    db,
		    "INSERT INTO points_correction (id, deputy_id, item, voids, day, reason, at, "
		    "account) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
		    "iitttttt", *id, deputy, add ? f->item : NULL, cancel ? f->voids : NULL, day,
		    f->reason, now, sc->login);
	char *after = rc ? NULL : audit_snapshot(db, "points_correction", *id);
	if (!rc)
		rc = audit_log(db, sc, "points_correction", *id, "add", NULL, after);
	free(after);
	return db_end(db, rc);
}
