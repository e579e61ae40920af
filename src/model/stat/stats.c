#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/case/case.h"
#include "model/case/case_scope.h"
#include "model/core/db.h"
#include "model/stat/stats.h"
#include "util/datetime.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

/* ---- rounding -------------------------------------------------------------- */

/* 10^14: num * 10^4 stays far below 2^63, and hundredths below it print in 16 bytes. */
#define STATS_MAX_OPERAND 100000000000000LL

void stats_hundredths(int64_t h, char out[16])
{
	if (h < 0 || h >= STATS_MAX_OPERAND)
		out[0] = '\0';
	else
		snprintf(out, 16, "%lld.%02lld", (long long)(h / 100), (long long)(h % 100));
}

/* num * scale / den in hundredths, rounded half-up; -1 when den is 0 or out of range. */
static int64_t div_half_up(int64_t num, int64_t scale, int64_t den)
{
	if (den <= 0 || num < 0 || num > STATS_MAX_OPERAND || den > STATS_MAX_OPERAND)
		return -1;
	int64_t n = num * scale;
	int64_t q = n / den, r = n % den;
	/* Half-up: a remainder of half the divisor or more rounds away from zero. */
	if (r >= den - r)
		q++;
	return q < STATS_MAX_OPERAND ? q : -1;
}

int64_t stats_pct(int64_t num, int64_t den, char out[16])
{
	int64_t h = div_half_up(num, 10000, den);
	stats_hundredths(h, out);
	return h;
}

int64_t stats_fixed2(int64_t num, int64_t den, char out[16])
{
	int64_t h = div_half_up(num, 100, den);
	stats_hundredths(h, out);
	return h;
}

/* ---- tables ---------------------------------------------------------------- */

/* clang-format off */
const struct stats_dim stats_dims[] = {
	[STATS_BY_CATEGORY] = {"category", N_("Category"), N_("Cases by category"), false},
	[STATS_BY_TOWN] = {"town", N_("Town"), N_("Cases by town"), false},
	[STATS_BY_DEPUTY] = {"deputy", N_("Deputy"), N_("Cases by deputy"), true},
	[STATS_BY_UNIT] = {"unit", N_("Handling unit"), N_("Cases by handling unit"), true},
	[STATS_BY_STATUS] = {"status", N_("Status"), N_("Cases by status"), false},
	[STATS_BY_MONTH] = {"month", N_("Month"), N_("Cases by month"), false},
};
/* clang-format on */

/* clang-format off */
const struct stats_colinfo stats_cols[] = {
	[STATS_COL_KEY] = {"key", N_("Code"), STATS_TEXT, NULL},
	[STATS_COL_NAME] = {"name", N_("Name"), STATS_TEXT, NULL},
	[STATS_COL_COUNT] = {"count", N_("Cases"), STATS_COUNT,
	                     N_("cases submitted in the year (by submission time), within the scope")},
	[STATS_COL_SHARE] = {"share", N_("Share"), STATS_PCT,
	                     N_("cases of the row / all cases of the table")},
	[STATS_COL_OPEN] = {"open", N_("Open cases"), STATS_COUNT,
	                    N_("cases still being handled (not closed, not rejected)")},
	[STATS_COL_CLOSED] = {"closed", N_("Closed cases"), STATS_COUNT, N_("cases closed (办结)")},
	[STATS_COL_REJECTED] = {"rejected", N_("Rejected cases"), STATS_COUNT,
	                        N_("cases rejected by the reviewing office")},
	[STATS_COL_OVERDUE] = {"overdue", N_("Overdue cases"), STATS_COUNT,
	                       N_("cases with a respond, reply or re-handling deadline running and "
	                          "past, as of the report time")},
	[STATS_COL_RESPOND_RATE] = {"respond_rate", N_("On-time response rate"), STATS_PCT,
	                            N_("respond clocks stopped by the due day / respond clocks "
	                               "stopped (on time or late); running and cancelled clocks "
	                               "are not counted")},
	[STATS_COL_REPLY_RATE] = {"reply_rate", N_("On-time reply rate"), STATS_PCT,
	                          N_("reply and re-handling clocks stopped by the due day / those "
	                             "stopped (on time or late); running and cancelled clocks are "
	                             "not counted")},
	[STATS_COL_SATISFACTION] = {"satisfaction", N_("Satisfaction rate"), STATS_PCT,
	                            N_("cases whose latest evaluation is satisfied or basically "
	                               "satisfied / cases with an evaluation")},
	[STATS_COL_SATISFIED_RATE] = {"satisfied_rate", N_("Satisfied rate"), STATS_PCT,
	                              N_("cases whose latest evaluation is satisfied / cases with "
	                                 "an evaluation")},
	[STATS_COL_AVG_REPLY_DAYS] = {"avg_reply_days", N_("Average days to reply"), STATS_DAYS,
	                              N_("calendar days from the assignment to the unit's reply, "
	                                 "averaged over the reply clocks stopped (re-handling "
	                                 "rounds not included)")},
};
/* clang-format on */

/* clang-format off */
const struct stats_dcolinfo stats_dcols[] = {
	[STATS_D_NUMBER] = {"number", N_("Case number"), STATS_TEXT, 12},
	[STATS_D_SUBMITTED] = {"submitted", N_("Submitted"), STATS_TEXT, 16},
	[STATS_D_CHANNEL] = {"channel", N_("Channel"), STATS_TEXT, 16},
	[STATS_D_TOWN] = {"town", N_("Town"), STATS_TEXT, 20},
	[STATS_D_CATEGORY] = {"category", N_("Category"), STATS_TEXT, 16},
	[STATS_D_DEPUTY] = {"deputy", N_("Deputy"), STATS_TEXT, 30},
	[STATS_D_STATION] = {"station", N_("Liaison station"), STATS_TEXT, 30},
	[STATS_D_VOTER] = {"voter_name", N_("Voter"), STATS_TEXT, 12},
	[STATS_D_PHONE] = {"voter_phone", N_("Voter's phone"), STATS_TEXT, 16},
	[STATS_D_TITLE] = {"title", N_("Title"), STATS_TEXT, 50},
	[STATS_D_CONTENT] = {"content", N_("Content"), STATS_TEXT, 60},
	[STATS_D_STATE] = {"state", N_("Status"), STATS_TEXT, 16},
	[STATS_D_LEVEL] = {"level", N_("Level"), STATS_TEXT, 10},
	[STATS_D_UNIT] = {"lead_unit", N_("Lead unit"), STATS_TEXT, 30},
	[STATS_D_SUPPORT] = {"support_units", N_("Supporting units"), STATS_TEXT, 40},
	[STATS_D_RESPOND_DUE] = {"respond_due", N_("Respond by"), STATS_TEXT, 12},
	[STATS_D_RESPOND] = {"respond", N_("Response"), STATS_TEXT, 12},
	[STATS_D_REPLY_DUE] = {"reply_due", N_("Reply by"), STATS_TEXT, 12},
	[STATS_D_REPLY_OUTCOME] = {"reply_outcome", N_("Reply"), STATS_TEXT, 12},
	[STATS_D_REPLY] = {"reply", N_("Reply text"), STATS_TEXT, 60},
	[STATS_D_EVALUATION] = {"evaluation", N_("Evaluation"), STATS_TEXT, 16},
	[STATS_D_ROUNDS] = {"rounds", N_("Re-handling rounds"), STATS_COUNT, 8},
	[STATS_D_OVERDUE] = {"overdue", N_("Overdue"), STATS_COUNT, 8},
	[STATS_D_CLOSED] = {"closed", N_("Closed on"), STATS_TEXT, 12},
};
/* clang-format on */

_Static_assert(sizeof stats_dims / sizeof stats_dims[0] == STATS_BY_COUNT, "one entry a breakdown");
_Static_assert(sizeof stats_cols / sizeof stats_cols[0] == STATS_NCOLS, "one entry a column");
_Static_assert(sizeof stats_dcols / sizeof stats_dcols[0] == STATS_NDCOLS, "one entry a column");

int stats_dim_find(const char *name)
{
	for (int i = 0; i < STATS_BY_COUNT; i++)
		if (!strcmp(stats_dims[i].name, name))
			return i;
	return -1;
}

const char *stats_dim_names(void)
{
	static char names[128];
	if (!names[0])
		for (int i = 0; i < STATS_BY_COUNT; i++) {
			size_t n = strlen(names);
			snprintf(names + n, sizeof names - n, "%s%s", i ? "|" : "",
			         stats_dims[i].name);
		}
	return names;
}

/* ---- reading the cases --------------------------------------------------------- */

/*
 * How each breakdown keys and names the cases: the table its keys come from (our
 * own table names, put into SQL text), whether every key of the table is listed or
 * only those with cases, and the name of the row of cases without a key.
 */
enum keysrc { KEYS_TABLE, KEYS_USED, KEYS_STATES, KEYS_MONTHS };
struct dim_def {
	enum keysrc src;
	const char *table;
	const char *none; /* translatable */
};
/* clang-format off */
static const struct dim_def dim_defs[] = {
	[STATS_BY_CATEGORY] = {KEYS_TABLE, "category", NULL},
	[STATS_BY_TOWN] = {KEYS_TABLE, "town", NULL},
	[STATS_BY_DEPUTY] = {KEYS_USED, "deputy", N_("(no deputy: a liaison station)")},
	[STATS_BY_UNIT] = {KEYS_USED, "unit", N_("(not assigned to a unit)")},
	[STATS_BY_STATUS] = {KEYS_STATES, NULL, NULL},
	[STATS_BY_MONTH] = {KEYS_MONTHS, NULL, NULL},
};
/* clang-format on */
_Static_assert(sizeof dim_defs / sizeof dim_defs[0] == STATS_BY_COUNT, "one entry a breakdown");

/*
 * The cases of a query, in id order: ?1 town filter, ?2 ?3 the year's bounds, ?6 ?7
 * the first and last id of the year's cases, and the scope. When the year's ids lie
 * close together (the usual case: ids grow with time) the table is read straight in
 * id order between them (CASES_BY_ID, the '+' keeps SQLite off the index); else the
 * index on submitted_at finds their ids, which SQLite keeps sorted (CASES_BY_DATE:
 * much faster than sorting whole rows with ORDER BY).
 */
#define CASES_FILTER "(?1 = 0 OR v.town_id = ?1) AND " CASE_SCOPE_SQL " ORDER BY v.id"
#define CASES_BY_ID                                                                                \
	" WHERE v.id BETWEEN ?6 AND ?7 AND +v.submitted_at >= ?2 AND +v.submitted_at < ?3 "        \
	"AND " CASES_FILTER
#define CASES_BY_DATE                                                                              \
	" WHERE v.id IN (SELECT id FROM vcase WHERE submitted_at >= ?2 AND submitted_at < ?3) "    \
	"AND " CASES_FILTER

/* Columns of the case query: the facts the statistics count, then the detail's. */
#define FACT_COLS                                                                                  \
	"v.id, v.town_id, v.category_id, coalesce(v.deputy_id, 0), coalesce(v.lead_unit_id, 0), "  \
	"v.state, substr(v.submitted_at, 6, 2), coalesce(v.evaluation, '')"
#define DETAIL_COLS                                                                                \
	FACT_COLS ", v.number, substr(v.submitted_at, 1, 16), v.channel, "                         \
	          "coalesce(v.station_id, 0), "                                                    \
	          "CASE WHEN ?4 AND v.voter_name <> '' THEN '***' ELSE v.voter_name END, "         \
	          "CASE WHEN ?4 THEN mask_phone(v.voter_phone) ELSE v.voter_phone END, "           \
	          "v.title, CASE WHEN ?4 AND v.private THEN ?5 ELSE v.content END, "               \
	          "coalesce(v.level, ''), CASE WHEN ?4 AND v.private THEN ?5 ELSE v.reply END, "   \
	          "v.rounds, substr(coalesce(v.closed_at, ''), 1, 10)"
/* clang-format off */
enum {
	Q_ID, Q_TOWN_ID, Q_CATEGORY_ID, Q_DEPUTY_ID, Q_UNIT_ID, Q_STATE, Q_MONTH, Q_EVAL,
	Q_NUMBER, Q_SUBMITTED, Q_CHANNEL, Q_STATION_ID, Q_VOTER, Q_PHONE, Q_TITLE, Q_CONTENT,
	Q_LEVEL, Q_REPLY, Q_ROUNDS, Q_CLOSED
};
/* clang-format on */

int stats_year(const struct stats_query *q)
{
	if (q && q->year)
		return q->year;
	int y, m, d;
	date_to_ymd(clock_today(), &y, &m, &d);
	return y;
}

/* Resolves the query's town (0 = none) and checks it against the scope. */
static int query_town(sqlite3 *db, const struct scope *sc, const struct stats_query *q,
                      int64_t *town)
{
	*town = 0;
	if (!q || !q->town || !*q->town)
		return RD_OK;
	if (db_int(db, town, "SELECT id FROM town WHERE name = ?1 OR code = ?1", "t", q->town))
		return err_set(RD_INVALID, _("town: no town '%s'"), q->town);
	if (sc->role == ROLE_TOWN_CLERK && *town != sc->town_id)
		return err_set(RD_DENIED, _("town: a town clerk sees only the statistics of %s"),
		               sc->town_name ? sc->town_name : "?");
	return RD_OK;
}

/* Evaluations as stored, in the order of struct fact's eval. */
static const char *const evals[] = {"", "satisfied", "basic", "unsatisfied"};

/* What the statistics count of one case. */
struct fact {
	int64_t id, town, category, deputy, unit; /* 0 = none */
	int state;                                /* index in case_flow.states; -1 unknown */
	int month;                                /* 1-12 */
	int eval;                                 /* index in evals[] */
	bool overdue;
	int respond_met, respond_stopped, reply_met, reply_stopped, replies;
	int64_t reply_days;
};

/* The latest clock of a kind of one case (the detail shows it). */
struct clk {
	int64_t id;
	char due[11];
	int outcome;
};
/* A deadline clock's state in the detail. */
enum { OUT_NONE, OUT_MET, OUT_LATE, OUT_CANCELLED, OUT_RUNNING, OUT_OVERDUE, OUT_COUNT };
/* clang-format off */
static const char *const outcome_labels[OUT_COUNT] = {
	"", N_("on time"), N_("late"), N_("cancelled"), N_("running"), N_("overdue"),
};
/* clang-format on */

/* One accumulated breakdown: a row of counts per key, found through a hash of keys. */
struct acc_dim {
	int64_t *keys;
	struct stats_row *rows;
	int n, cap;
	int *slots; /* open addressing: index + 1 into keys/rows, 0 = empty */
	int nslots;
};

/* The counts of the breakdowns asked for (mask of 1 << enum stats_by). */
struct acc {
	unsigned mask;
	struct acc_dim d[STATS_BY_COUNT];
};

static unsigned hash64(int64_t k)
{
	uint64_t x = (uint64_t)k * 0x9E3779B97F4A7C15ull;
	return (unsigned)(x >> 32);
}

/* The row of key k in a, added (all zero) when it is new. */
static struct stats_row *acc_row(struct acc_dim *a, int64_t k)
{
	if (2 * (a->n + 1) > a->nslots) {
		int ns = a->nslots ? 2 * a->nslots : 64;
		int *slots = xcalloc((size_t)ns, sizeof *slots);
		for (int i = 0; i < a->n; i++) {
			unsigned h = hash64(a->keys[i]) & (unsigned)(ns - 1);
			while (slots[h])
				h = (h + 1) & (unsigned)(ns - 1);
			slots[h] = i + 1;
		}
		free(a->slots);
		a->slots = slots;
		a->nslots = ns;
	}
	unsigned h = hash64(k) & (unsigned)(a->nslots - 1);
	while (a->slots[h]) {
		if (a->keys[a->slots[h] - 1] == k)
			return &a->rows[a->slots[h] - 1];
		h = (h + 1) & (unsigned)(a->nslots - 1);
	}
	if (a->n == a->cap) {
		a->cap = a->cap ? 2 * a->cap : 16;
		a->keys = xrealloc(a->keys, (size_t)a->cap * sizeof *a->keys);
		a->rows = xrealloc(a->rows, (size_t)a->cap * sizeof *a->rows);
	}
	a->keys[a->n] = k;
	memset(&a->rows[a->n], 0, sizeof a->rows[a->n]);
	a->slots[h] = ++a->n;
	return &a->rows[a->n - 1];
}

static void acc_free(struct acc *a)
{
	for (int i = 0; i < STATS_BY_COUNT; i++) {
		free(a->d[i].keys);
		free(a->d[i].rows);
		free(a->d[i].slots);
	}
	memset(a, 0, sizeof *a);
}

/* The key of a case in a breakdown. */
static int64_t fact_key(const struct fact *f, enum stats_by by)
{
	switch (by) {
	case STATS_BY_CATEGORY: return f->category;
	case STATS_BY_TOWN: return f->town;
	case STATS_BY_DEPUTY: return f->deputy;
	case STATS_BY_UNIT: return f->unit;
	case STATS_BY_STATUS: return f->state;
	case STATS_BY_MONTH: return f->month;
	default: return 0;
	}
}

/* Adds the counts of one case (or of row r) to row t. */
static void add_fact(struct stats_row *t, const struct fact *f)
{
	const struct wf_state *st = f->state >= 0 ? &case_flow.states[f->state] : NULL;
	t->count++;
	if (!st || st->open)
		t->open++;
	else if (!strcmp(st->name, "closed"))
		t->closed++;
	else if (!strcmp(st->name, "rejected"))
		t->rejected++;
	t->overdue += f->overdue;
	t->respond_met += f->respond_met;
	t->respond_stopped += f->respond_stopped;
	t->reply_met += f->reply_met;
	t->reply_stopped += f->reply_stopped;
	t->satisfied += f->eval == 1;
	t->basic += f->eval == 2;
	t->evaluated += f->eval != 0;
	t->reply_days += f->reply_days;
	t->replies += f->replies;
}

static void add_counts(struct stats_row *t, const struct stats_row *r)
{
	t->count += r->count;
	t->open += r->open;
	t->closed += r->closed;
	t->rejected += r->rejected;
	t->overdue += r->overdue;
	t->respond_met += r->respond_met;
	t->respond_stopped += r->respond_stopped;
	t->reply_met += r->reply_met;
	t->reply_stopped += r->reply_stopped;
	t->satisfied += r->satisfied;
	t->basic += r->basic;
	t->evaluated += r->evaluated;
	t->reply_days += r->reply_days;
	t->replies += r->replies;
}

static void acc_add(struct acc *a, const struct fact *f)
{
	for (int by = 0; by < STATS_BY_COUNT; by++)
		if (a->mask & (1u << by))
			add_fact(acc_row(&a->d[by], fact_key(f, (enum stats_by)by)), f);
}

/*
 * A walk over the cases of a query in id order, with their clocks and supporting
 * units merged in by id (each read once, in the same order), counting every case.
 */
struct walk {
	sqlite3 *db;
	sqlite3_stmt *cases, *clocks, *support; /* support only for the detail */
	bool clock_started, clock_row, sup_started, sup_row, failed;
	int today;
	char today_s[11];
	struct fact f;
	struct clk respond, reply; /* the latest of each kind */
	struct acc acc;
	/* What the tables need once the walk is over. */
	const struct scope *sc;
	int64_t town;
	int year;
};

/* Steps a merge cursor; false at its end, or on an error (noted in w->failed). */
static bool cursor_step(struct walk *w, sqlite3_stmt *st)
{
	int src = sqlite3_step(st);
	if (src != SQLITE_ROW && src != SQLITE_DONE)
		w->failed = true;
	return src == SQLITE_ROW;
}

/*
 * Brings a merge cursor (a statement over rows ordered by the id in its column 0,
 * from the id bound to ?1) to the first row of id or after: a few steps when it is
 * near, a new search of the index when it is far behind (cases of other years
 * between), or when it has not started. *row says whether it stands on a row.
 */
static void cursor_seek(struct walk *w, sqlite3_stmt *st, bool *row, bool *started, int64_t id)
{
	if (*started && *row && sqlite3_column_int64(st, 0) < id &&
	    id - sqlite3_column_int64(st, 0) > 64) {
		*started = false;
	}
	if (!*started) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, id);
		*row = cursor_step(w, st);
		*started = true;
	}
	while (*row && sqlite3_column_int64(st, 0) < id)
		*row = cursor_step(w, st);
}

static int walk_open(struct walk *w, sqlite3 *db, const struct scope *sc,
                     const struct stats_query *q, unsigned mask, bool detail, bool mask_voter)
{
	memset(w, 0, sizeof *w);
	w->db = db;
	w->sc = sc;
	w->acc.mask = mask;
	w->year = stats_year(q);
	w->today = clock_today();
	date_format(w->today, w->today_s);
	int rc = query_town(db, sc, q, &w->town);
	if (rc)
		return rc;
	char from[8], to[8];
	snprintf(from, sizeof from, "%04d", w->year % 10000);
	snprintf(to, sizeof to, "%04d", (w->year + 1) % 10000);
	int64_t lo = 1, hi = 0, n = 0;
	sqlite3_stmt *st = db_prepare(db,
	                              "SELECT min(id), max(id), count(*) FROM vcase "
	                              "WHERE submitted_at >= ? AND submitted_at < ?",
	                              "tt", from, to);
	if (!st)
		return RD_FAIL;
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
		lo = sqlite3_column_int64(st, 0);
		hi = sqlite3_column_int64(st, 1);
		n = sqlite3_column_int64(st, 2);
	}
	sqlite3_finalize(st);
	bool by_id = hi - lo < 2 * n + 1000;
	/* The names of towns, deputies... come from memory (names_load), not a join per case. */
	if (detail)
		w->cases = db_prepare(db,
		                      by_id ? "SELECT " DETAIL_COLS " FROM vcase v" CASES_BY_ID
		                            : "SELECT " DETAIL_COLS " FROM vcase v" CASES_BY_DATE,
		                      "");
	else
		w->cases = db_prepare(db,
		                      by_id ? "SELECT " FACT_COLS " FROM vcase v" CASES_BY_ID
		                            : "SELECT " FACT_COLS " FROM vcase v" CASES_BY_DATE,
		                      "");
	w->clocks =
	    db_prepare(db,
	               "SELECT item_id, id, clock, started, due, stopped, coalesce(outcome, '') "
	               "FROM wf_clock WHERE workflow = 'case' AND item_id >= ?1 "
	               "AND clock <> 'return' ORDER BY item_id",
	               "");
	if (detail)
		w->support =
		    db_prepare(db,
		               "SELECT cu.case_id, u.name FROM vcase_unit cu JOIN unit u ON "
		               "u.id = cu.unit_id WHERE cu.case_id >= ?1 AND cu.role = 'support' "
		               "ORDER BY cu.case_id",
		               "");
	if (!w->cases || !w->clocks || (detail && !w->support))
		return RD_FAIL;
	sqlite3_bind_int64(w->cases, 1, w->town);
	sqlite3_bind_int64(w->cases, 6, lo);
	sqlite3_bind_int64(w->cases, 7, hi);
	sqlite3_bind_text(w->cases, 2, from, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(w->cases, 3, to, -1, SQLITE_TRANSIENT);
	case_scope_bind(w->cases, sc);
	if (detail) {
		sqlite3_bind_int(w->cases, 4, mask_voter);
		sqlite3_bind_text(w->cases, 5, _("(private)"), -1, SQLITE_TRANSIENT);
	}
	return RD_OK;
}

static void walk_close(struct walk *w)
{
	sqlite3_finalize(w->cases);
	sqlite3_finalize(w->clocks);
	sqlite3_finalize(w->support);
	acc_free(&w->acc);
	w->cases = w->clocks = w->support = NULL;
}

/* Gathers the clocks of case id into w->f (counts) and w->respond, w->reply (latest). */
static void gather_clocks(struct walk *w, int64_t id)
{
	memset(&w->respond, 0, sizeof w->respond);
	memset(&w->reply, 0, sizeof w->reply);
	sqlite3_stmt *st = w->clocks;
	cursor_seek(w, st, &w->clock_row, &w->clock_started, id);
	for (; w->clock_row && sqlite3_column_int64(st, 0) == id;
	     w->clock_row = cursor_step(w, st)) {
		const char *clock = db_col(st, 2), *due = db_col(st, 4), *outcome = db_col(st, 6);
		bool respond = !strcmp(clock, "respond");
		int o = !strcmp(outcome, "met")         ? OUT_MET
		        : !strcmp(outcome, "late")      ? OUT_LATE
		        : !strcmp(outcome, "cancelled") ? OUT_CANCELLED
		        : strcmp(due, w->today_s) < 0   ? OUT_OVERDUE
		                                        : OUT_RUNNING;
		if (o == OUT_OVERDUE)
			w->f.overdue = true;
		if (o == OUT_MET || o == OUT_LATE) {
			if (respond) {
				w->f.respond_stopped++;
				w->f.respond_met += o == OUT_MET;
			} else {
				w->f.reply_stopped++;
				w->f.reply_met += o == OUT_MET;
			}
			int d0, d1;
			if (!strcmp(clock, "reply") && date_parse(db_col(st, 3), &d0) &&
			    date_parse(db_col(st, 5), &d1)) {
				w->f.replies++;
				w->f.reply_days += d1 - d0;
			}
		}
		struct clk *k = respond ? &w->respond : &w->reply;
		int64_t cid = sqlite3_column_int64(st, 1);
		if (cid > k->id) {
			k->id = cid;
			k->outcome = o;
			snprintf(k->due, sizeof k->due, "%s", due);
		}
	}
}

/* The next case: its facts in w->f, counted; RD_OK, RD_NOTFOUND at the end, or an error. */
static int walk_next(struct walk *w)
{
	int src = sqlite3_step(w->cases);
	if (src == SQLITE_DONE)
		return RD_NOTFOUND;
	if (src != SQLITE_ROW)
		return db_fail(w->db, _("case statistics"));
	sqlite3_stmt *st = w->cases;
	struct fact *f = &w->f;
	memset(f, 0, sizeof *f);
	f->id = sqlite3_column_int64(st, Q_ID);
	f->town = sqlite3_column_int64(st, Q_TOWN_ID);
	f->category = sqlite3_column_int64(st, Q_CATEGORY_ID);
	f->deputy = sqlite3_column_int64(st, Q_DEPUTY_ID);
	f->unit = sqlite3_column_int64(st, Q_UNIT_ID);
	const char *state = db_col(st, Q_STATE);
	f->state = -1;
	for (int i = 0; i < case_flow.nstates; i++)
		if (!strcmp(case_flow.states[i].name, state))
			f->state = i;
	f->month = atoi(db_col(st, Q_MONTH));
	const char *ev = db_col(st, Q_EVAL);
	for (int i = 1; i < 4; i++)
		if (!strcmp(evals[i], ev))
			f->eval = i;
	gather_clocks(w, f->id);
	if (w->failed)
		return db_fail(w->db, _("case statistics"));
	acc_add(&w->acc, f);
	return RD_OK;
}

/* ---- the tables ----------------------------------------------------------------- */

/* Appends a row to t, with copies of key and name and the counts of c (or zeros). */
static void table_push(struct stats_table *t, int *cap, const char *key, const char *name,
                       const struct stats_row *c)
{
	if (t->n == *cap) {
		*cap = *cap ? 2 * *cap : 16;
		t->rows = xrealloc(t->rows, (size_t)*cap * sizeof *t->rows);
	}
	struct stats_row *r = &t->rows[t->n++];
	if (c)
		*r = *c;
	else
		memset(r, 0, sizeof *r);
	r->key = xstrdup(key);
	r->name = xstrdup(name);
}

/* The row of key k in a, or NULL; marks it taken in used[]. */
static const struct stats_row *take(struct acc_dim *a, bool *used, int64_t k)
{
	if (!a->nslots)
		return NULL;
	unsigned h = hash64(k) & (unsigned)(a->nslots - 1);
	while (a->slots[h]) {
		int i = a->slots[h] - 1;
		if (a->keys[i] == k) {
			used[i] = true;
			return &a->rows[i];
		}
		h = (h + 1) & (unsigned)(a->nslots - 1);
	}
	return NULL;
}

/* Most cases first, then by key; the row of cases without a key last. */
static int by_count(const void *x, const void *y)
{
	const struct stats_row *a = x, *b = y;
	if (!*a->key != !*b->key)
		return *a->key ? -1 : 1;
	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	return strcmp(a->key, b->key);
}

/* Whether a town with no cases is listed for the walk's scope and town filter. */
static bool town_listed(const struct walk *w, int64_t id)
{
	if (w->sc->role == ROLE_UNIT)
		return false;
	if (w->sc->role == ROLE_TOWN_CLERK && id != w->sc->town_id)
		return false;
	return !w->town || id == w->town;
}

/* Turns the counts of one breakdown into its table: keys in order, names, the total. */
static int make_table(struct walk *w, enum stats_by by, struct stats_table *t)
{
	const struct dim_def *def = &dim_defs[by];
	struct acc_dim *a = &w->acc.d[by];
	memset(t, 0, sizeof *t);
	t->by = by;
	t->year = w->year;
	t->total.key = xstrdup("");
	t->total.name = xstrdup(_("Total"));
	bool *used = xcalloc((size_t)a->n + 1, sizeof *used);
	int cap = 0, rc = RD_OK;
	char key[16];
	switch (def->src) {
	case KEYS_TABLE: {
		/* Every active key in order, and inactive ones that have cases. */
		char sql[96];
		snprintf(sql, sizeof sql, "SELECT id, code, name, active FROM %s ORDER BY sort, id",
		         def->table);
		sqlite3_stmt *st = db_prepare(w->db, sql, "");
		if (!st) {
			rc = RD_FAIL;
			break;
		}
		while (sqlite3_step(st) == SQLITE_ROW) {
			int64_t id = sqlite3_column_int64(st, 0);
			const struct stats_row *c = take(a, used, id);
			bool listed = sqlite3_column_int(st, 3) &&
			              (by != STATS_BY_TOWN || town_listed(w, id));
			if (c || listed)
				table_push(t, &cap, db_col(st, 1), db_col(st, 2), c);
		}
		sqlite3_finalize(st);
		break;
	}
	case KEYS_STATES:
		for (int i = 0; i < case_flow.nstates; i++)
			table_push(t, &cap, case_flow.states[i].name, _(case_flow.states[i].label),
			           take(a, used, i));
		break;
	case KEYS_MONTHS: {
		int y, m, d;
		date_to_ymd(clock_today(), &y, &m, &d);
		int last = t->year < y ? 12 : t->year == y ? m : 0;
		for (int i = 1; i <= 12; i++) {
			const struct stats_row *c = take(a, used, i);
			snprintf(key, sizeof key, "%04u-%02u", (unsigned)t->year % 10000u, (unsigned)i % 100u);
			if (c || i <= last)
				table_push(t, &cap, key, key, c);
		}
		break;
	}
	case KEYS_USED: break;
	}
	/* Keys with cases that no list named: a deputy's or a unit's, or none. */
	sqlite3_stmt *st = NULL;
	if (!rc && def->table) {
		char sql[96];
		snprintf(sql, sizeof sql, "SELECT code, name FROM %s WHERE id = ?", def->table);
		if (!(st = db_prepare(w->db, sql, "")))
			rc = RD_FAIL;
	}
	int first = t->n;
	for (int i = 0; i < a->n && !rc; i++) {
		if (used[i])
			continue;
		const char *k = "", *n = def->none ? _(def->none) : "";
		if (a->keys[i] && st) {
			sqlite3_reset(st);
			sqlite3_bind_int64(st, 1, a->keys[i]);
			if (sqlite3_step(st) == SQLITE_ROW) {
				k = db_col(st, 0);
				n = db_col(st, 1);
			}
		} else if (a->keys[i] && !def->table) {
			snprintf(key, sizeof key, "%lld", (long long)a->keys[i]);
			k = n = key;
		}
		table_push(t, &cap, k, n, &a->rows[i]);
	}
	sqlite3_finalize(st);
	if (def->src == KEYS_USED)
		qsort(t->rows + first, (size_t)(t->n - first), sizeof *t->rows, by_count);
	for (int i = 0; i < t->n; i++)
		add_counts(&t->total, &t->rows[i]);
	free(used);
	if (rc)
		stats_table_free(t);
	return rc;
}

int stats_cases(sqlite3 *db, const struct scope *sc, const struct stats_query *q, enum stats_by by,
                struct stats_table *out)
{
	memset(out, 0, sizeof *out);
	if ((int)by < 0 || by >= STATS_BY_COUNT)
		return err_set(RD_INVALID, _("--by: one of %s"), stats_dim_names());
	struct walk w;
	int rc = walk_open(&w, db, sc, q, 1u << by, false, false);
	while (!rc)
		rc = walk_next(&w);
	if (rc == RD_NOTFOUND)
		rc = make_table(&w, by, out);
	walk_close(&w);
	return rc;
}

void stats_table_free(struct stats_table *t)
{
	for (int i = 0; i < t->n; i++) {
		free(t->rows[i].key);
		free(t->rows[i].name);
	}
	free(t->rows);
	free(t->total.key);
	free(t->total.name);
	memset(t, 0, sizeof *t);
}

int64_t stats_value(const struct stats_row *r, int64_t total, enum stats_col col)
{
	char buf[16];
	switch (col) {
	case STATS_COL_COUNT: return r->count;
	case STATS_COL_SHARE: return stats_pct(r->count, total, buf);
	case STATS_COL_OPEN: return r->open;
	case STATS_COL_CLOSED: return r->closed;
	case STATS_COL_REJECTED: return r->rejected;
	case STATS_COL_OVERDUE: return r->overdue;
	case STATS_COL_RESPOND_RATE: return stats_pct(r->respond_met, r->respond_stopped, buf);
	case STATS_COL_REPLY_RATE: return stats_pct(r->reply_met, r->reply_stopped, buf);
	case STATS_COL_SATISFACTION: return stats_pct(r->satisfied + r->basic, r->evaluated, buf);
	case STATS_COL_SATISFIED_RATE: return stats_pct(r->satisfied, r->evaluated, buf);
	case STATS_COL_AVG_REPLY_DAYS: return stats_fixed2(r->reply_days, r->replies, buf);
	default: return -1;
	}
}

const char *stats_text(const struct stats_row *r, int64_t total, enum stats_col col, char buf[24])
{
	if (col == STATS_COL_KEY)
		return r->key;
	if (col == STATS_COL_NAME)
		return r->name;
	int64_t v = stats_value(r, total, col);
	if (v < 0)
		return NULL;
	if (stats_cols[col].kind == STATS_COUNT)
		snprintf(buf, 24, "%lld", (long long)v);
	else
		stats_hundredths(v, buf);
	return buf;
}

/* ---- the detail -------------------------------------------------------------- */

/* Words stored in the database and the labels the detail shows for them. */
struct word {
	const char *word, *label;
};
/* clang-format off */
static const struct word channels[] = {
	{"qr", N_("QR code")}, {"phone", N_("phone")}, {"station", N_("at a liaison station")},
	{"other", N_("other channel")}, {NULL, NULL},
};
/* clang-format on */
/* clang-format off */
static const struct word levels[] = {
	{"city", N_("city office")}, {"town", N_("town office")}, {NULL, NULL},
};
/* clang-format on */
static const char *const eval_labels[] = {"", N_("satisfied"), N_("basically satisfied"),
                                          N_("unsatisfied")};

/* Names by id, read once: towns, categories, deputies ("name (code)"), stations, units. */
struct names {
	int64_t *ids; /* ascending */
	char **names;
	int n;
};
enum { N_TOWN, N_CATEGORY, N_DEPUTY, N_STATION, N_UNIT, N_COUNT };
/* clang-format off */
static const char *const names_sql[N_COUNT] = {
	"SELECT id, name FROM town ORDER BY id",
	"SELECT id, name FROM category ORDER BY id",
	"SELECT id, name || ' (' || code || ')' FROM deputy ORDER BY id",
	"SELECT id, name FROM station ORDER BY id",
	"SELECT id, name FROM unit ORDER BY id",
};
/* clang-format on */

static int names_load(sqlite3 *db, const char *sql, struct names *nm)
{
	sqlite3_stmt *st = db_prepare(db, sql, "");
	if (!st)
		return RD_FAIL;
	int cap = 0, src;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		if (nm->n == cap) {
			cap = cap ? 2 * cap : 64;
			nm->ids = xrealloc(nm->ids, (size_t)cap * sizeof *nm->ids);
			nm->names = xrealloc(nm->names, (size_t)cap * sizeof *nm->names);
		}
		nm->ids[nm->n] = sqlite3_column_int64(st, 0);
		nm->names[nm->n++] = xstrdup(db_col(st, 1));
	}
	sqlite3_finalize(st);
	return src == SQLITE_DONE ? RD_OK : db_fail(db, _("case detail"));
}

/* The name of id, or "" (0 and unknown ids). */
static const char *names_get(const struct names *nm, int64_t id)
{
	int lo = 0, hi = nm->n - 1;
	while (id && lo <= hi) {
		int mid = lo + (hi - lo) / 2;
		if (nm->ids[mid] == id)
			return nm->names[mid];
		if (nm->ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return "";
}

static void names_free(struct names *nm)
{
	for (int i = 0; i < nm->n; i++)
		free(nm->names[i]);
	free(nm->ids);
	free(nm->names);
}

struct stats_detail {
	struct walk w;
	struct names names[N_COUNT];
	struct sbuf sup;
	char rounds[16];
	/* The labels, translated once. */
	const char *outcome[OUT_COUNT], *chan[5], *lvl[3], *ev[4], **state;
};

/* The label of a word, translated ahead in labels[]; the word itself when unknown. */
static const char *label_of(const struct word *w, const char *const *labels, const char *s)
{
	for (int i = 0; w[i].word; i++)
		if (!strcmp(w[i].word, s))
			return labels[i];
	return s;
}

struct stats_detail *stats_detail_open(sqlite3 *db, const struct scope *sc,
                                       const struct stats_query *q, bool public_)
{
	struct stats_detail *d = xcalloc(1, sizeof *d);
	d->sup = (struct sbuf)SBUF_INIT;
	/* Viewers never see the voter's data; public exports neither. */
	bool mask = public_ || sc->role == ROLE_VIEWER;
	int rc = walk_open(&d->w, db, sc, q, (1u << STATS_BY_COUNT) - 1, true, mask);
	for (int i = 0; i < N_COUNT && !rc; i++)
		rc = names_load(db, names_sql[i], &d->names[i]);
	if (rc) {
		stats_detail_close(d);
		return NULL;
	}
	for (int i = 0; i < OUT_COUNT; i++)
		d->outcome[i] = i ? _(outcome_labels[i]) : "";
	for (int i = 0; channels[i].word; i++)
		d->chan[i] = _(channels[i].label);
	for (int i = 0; levels[i].word; i++)
		d->lvl[i] = _(levels[i].label);
	for (int i = 0; i < 4; i++)
		d->ev[i] = i ? _(eval_labels[i]) : "";
	d->state = xcalloc((size_t)case_flow.nstates, sizeof *d->state);
	for (int i = 0; i < case_flow.nstates; i++)
		d->state[i] = _(case_flow.states[i].label);
	return d;
}

/* Gathers the supporting units of case id, joined with "; ". */
static void gather_support(struct stats_detail *d, int64_t id)
{
	struct walk *w = &d->w;
	sbuf_reset(&d->sup);
	cursor_seek(w, w->support, &w->sup_row, &w->sup_started, id);
	for (; w->sup_row && sqlite3_column_int64(w->support, 0) == id;
	     w->sup_row = cursor_step(w, w->support)) {
		if (d->sup.len)
			sbuf_puts(&d->sup, "; ");
		sbuf_puts(&d->sup, db_col(w->support, 1));
	}
}

int stats_detail_next(struct stats_detail *d, const char **vals)
{
	struct walk *w = &d->w;
	int rc = walk_next(w);
	if (rc)
		return rc;
	gather_support(d, w->f.id);
	if (w->failed)
		return db_fail(w->db, _("case detail"));
	sqlite3_stmt *st = w->cases;
	snprintf(d->rounds, sizeof d->rounds, "%d", sqlite3_column_int(st, Q_ROUNDS));
	vals[STATS_D_NUMBER] = db_col(st, Q_NUMBER);
	vals[STATS_D_SUBMITTED] = db_col(st, Q_SUBMITTED);
	vals[STATS_D_CHANNEL] = label_of(channels, d->chan, db_col(st, Q_CHANNEL));
	vals[STATS_D_TOWN] = names_get(&d->names[N_TOWN], w->f.town);
	vals[STATS_D_CATEGORY] = names_get(&d->names[N_CATEGORY], w->f.category);
	vals[STATS_D_DEPUTY] = names_get(&d->names[N_DEPUTY], w->f.deputy);
	vals[STATS_D_STATION] =
	    names_get(&d->names[N_STATION], sqlite3_column_int64(st, Q_STATION_ID));
	vals[STATS_D_VOTER] = db_col(st, Q_VOTER);
	vals[STATS_D_PHONE] = db_col(st, Q_PHONE);
	vals[STATS_D_TITLE] = db_col(st, Q_TITLE);
	vals[STATS_D_CONTENT] = db_col(st, Q_CONTENT);
	vals[STATS_D_STATE] = w->f.state >= 0 ? d->state[w->f.state] : db_col(st, Q_STATE);
	vals[STATS_D_LEVEL] = label_of(levels, d->lvl, db_col(st, Q_LEVEL));
	vals[STATS_D_UNIT] = names_get(&d->names[N_UNIT], w->f.unit);
	vals[STATS_D_SUPPORT] = sbuf_str(&d->sup);
	vals[STATS_D_RESPOND_DUE] = w->respond.due;
	vals[STATS_D_RESPOND] = d->outcome[w->respond.outcome];
	vals[STATS_D_REPLY_DUE] = w->reply.due;
	vals[STATS_D_REPLY_OUTCOME] = d->outcome[w->reply.outcome];
	vals[STATS_D_REPLY] = db_col(st, Q_REPLY);
	vals[STATS_D_EVALUATION] = d->ev[w->f.eval];
	vals[STATS_D_ROUNDS] = d->rounds;
	vals[STATS_D_OVERDUE] = w->f.overdue ? "1" : "0";
	vals[STATS_D_CLOSED] = db_col(st, Q_CLOSED);
	return RD_OK;
}

int stats_detail_tables(struct stats_detail *d, struct stats_table out[STATS_BY_COUNT])
{
	int rc = RD_OK;
	memset(out, 0, STATS_BY_COUNT * sizeof *out);
	for (int by = 0; by < STATS_BY_COUNT && !rc; by++)
		rc = make_table(&d->w, (enum stats_by)by, &out[by]);
	if (rc)
		for (int by = 0; by < STATS_BY_COUNT; by++)
			stats_table_free(&out[by]);
	return rc;
}

void stats_detail_close(struct stats_detail *d)
{
	if (!d)
		return;
	walk_close(&d->w);
	for (int i = 0; i < N_COUNT; i++)
		names_free(&d->names[i]);
	sbuf_free(&d->sup);
	free(d->state);
	free(d);
}

int stats_begin(sqlite3 *db)
{
	return db_exec(db, "BEGIN DEFERRED");
}

void stats_end(sqlite3 *db)
{
	if (!sqlite3_get_autocommit(db))
		db_exec(db, "COMMIT");
}
