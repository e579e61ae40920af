#include "config.h"

/* The SQL of these tables is built from string macros, which clang-format 14 splits
   into fragments of a few characters: the file is kept as written. */
/* clang-format off */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/case/case.h"
#include "model/case/case_scope.h"
#include "model/case/case_stats.h"
#include "model/core/db.h"
#include "model/core/sqlcount.h"
#include "model/core/user.h"
#include "util/cpus.h"
#include "util/datetime.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

/* ---- the tables ------------------------------------------------------------ */

const struct stat_breakdown case_stat_breakdowns[] = {
	[CASE_BY_CATEGORY] = {"category", N_("Category"), N_("Cases by category"), false},
	[CASE_BY_TOWN] = {"town", N_("Town"), N_("Cases by town"), false},
	[CASE_BY_CHANNEL] = {"channel", N_("Channel"), N_("Cases by channel"), false},
	[CASE_BY_DEPUTY] = {"deputy", N_("Deputy"), N_("Cases by deputy"), true},
	[CASE_BY_UNIT] = {"unit", N_("Handling unit"), N_("Cases by handling unit"), true},
	[CASE_BY_STATUS] = {"status", N_("Status"), N_("Cases by status"), false},
	[CASE_BY_MONTH] = {"month", N_("Month"), N_("Cases by month"), false},
};

const struct stat_provider case_stat_providers[] = {
    {"cases", N_("Voter issues"), case_stat_breakdowns, CASE_BY_COUNT,
     STAT_OPT_YEAR | STAT_OPT_TOWN | STAT_OPT_ASOF, "case-stats", case_stats},
    {NULL, NULL, NULL, 0, 0, NULL, NULL},
};

/*
 * The columns and their definitions: the one place where what each figure
 * counts is written (the workbook's notes, the console's help and, in the
 * same words, renda(1) print it).
 */
#define H STAT_HIDDEN
#define HL STAT_HEADLINE
static const struct stat_coldef case_cols[] = {
	[CS_COUNT] = {"count", N_("Cases"), N_("Cases"),
	              N_("cases submitted in the period (by submission time), within the scope"),
	              STAT_COUNT, -1, -1, HL},
	[CS_SHARE] = {"share", N_("Share"), N_("Share %"),
	              N_("cases of the row / all cases of the table"), STAT_SHARE, CS_COUNT, -1, 0},
	[CS_OPEN] = {"open", N_("Open cases"), N_("Still open"),
	             N_("cases still being handled (not closed, not rejected)"), STAT_COUNT, -1, -1,
	             HL},
	[CS_CLOSED] = {"closed", N_("Closed cases"), N_("Closed"), N_("cases closed (办结)"),
	               STAT_COUNT, -1, -1, HL},
	[CS_CLOSED_RATE] = {"closed_rate", N_("Closed rate"), N_("Closed %"),
	                    N_("closed cases / cases (办结率)"), STAT_PCT, CS_CLOSED, CS_COUNT, HL},
	[CS_REJECTED] = {"rejected", N_("Rejected cases"), N_("Not accepted"),
	                 N_("cases rejected by the reviewing office"), STAT_COUNT, -1, -1, HL},
	[CS_OVERDUE] = {"overdue", N_("Overdue cases"), N_("Overdue"),
	                N_("cases with a respond, reply or re-handling deadline running and past, "
	                   "as of the report time"),
	                STAT_COUNT, -1, -1, HL},
	[CS_RESPOND_DUE] = {"respond_due", N_("Responses due"), N_("Resp. due"),
	                    N_("respond deadlines that have come: those answered (on time or "
	                       "late) and those past with no response yet; deadlines not yet "
	                       "come and those cancelled by the return of a mis-assigned case are "
	                       "left out"),
	                    STAT_COUNT, -1, -1, 0},
	[CS_RESPOND_MET] = {"respond_on_time", N_("Responses on time"), N_("Resp. on time"),
	                    N_("respond deadlines answered by their due day"), STAT_COUNT, -1, -1,
	                    0},
	[CS_RESPOND_RATE] = {"respond_rate", N_("On-time response rate"), N_("Respond %"),
	                     N_("responses on time / responses due: a case past its respond "
	                        "deadline with no response counts against the rate"),
	                     STAT_PCT, CS_RESPOND_MET, CS_RESPOND_DUE, HL},
	[CS_REPLY_DUE] = {"reply_due", N_("Replies due"), N_("Reply due"),
	                  N_("reply and re-handling deadlines that have come: those answered (on "
	                     "time or late) and those past with no reply yet; deadlines not yet "
	                     "come and cancelled ones are left out"),
	                  STAT_COUNT, -1, -1, 0},
	[CS_REPLY_MET] = {"reply_on_time", N_("Replies on time"), N_("Reply on time"),
	                  N_("reply and re-handling deadlines answered by their due day"),
	                  STAT_COUNT, -1, -1, 0},
	[CS_REPLY_RATE] = {"reply_rate", N_("On-time reply rate"), N_("Reply %"),
	                   N_("replies on time / replies due: a case past its reply deadline with "
	                      "no reply counts against the rate"),
	                   STAT_PCT, CS_REPLY_MET, CS_REPLY_DUE, HL},
	[CS_EVALUATED] = {"evaluated", N_("Evaluated"), N_("Evaluated"),
	                  N_("cases with an evaluation by the voter"), STAT_COUNT, -1, -1, 0},
	[CS_SATISFIED] = {"satisfied", N_("Satisfied"), N_("Satisfied"),
	                  N_("cases whose latest evaluation is satisfied (满意)"), STAT_COUNT, -1,
	                  -1, 0},
	[CS_BASIC] = {"basic", N_("Basically satisfied"), N_("Basic"),
	              N_("cases whose latest evaluation is basically satisfied (基本满意)"),
	              STAT_COUNT, -1, -1, 0},
	[CS_UNSATISFIED] = {"unsatisfied", N_("Unsatisfied"), N_("Unsatisfied"),
	                    N_("cases whose latest evaluation is unsatisfied (不满意)"), STAT_COUNT,
	                    -1, -1, 0},
	[CS_SATISFACTION] = {"satisfaction", N_("Satisfaction rate"), N_("Satisfaction %"),
	                     N_("(satisfied + basically satisfied) / evaluated"), STAT_PCT,
	                     CS_SAT_OR_BASIC, CS_EVALUATED, HL},
	[CS_SATISFIED_RATE] = {"satisfied_rate", N_("Satisfied rate"), N_("Satisfied %"),
	                       N_("satisfied / evaluated"), STAT_PCT, CS_SATISFIED, CS_EVALUATED,
	                       0},
	[CS_AVG_REPLY_DAYS] = {"avg_reply_days", N_("Average days to reply"), N_("Days to reply"),
	                       N_("calendar days from the assignment to the unit's reply, "
	                          "averaged over the reply deadlines answered (re-handling rounds "
	                          "not included)"),
	                       STAT_FIXED2, CS_REPLY_DAYS, CS_REPLIES, 0},
	[CS_SAT_OR_BASIC] = {"satisfied_or_basic", N_("Satisfied or basically satisfied"), NULL,
	                     NULL, STAT_COUNT, -1, -1, H},
	[CS_REPLY_DAYS] = {"reply_days", N_("Days to reply, summed"), NULL, NULL, STAT_COUNT, -1,
	                   -1, H},
	[CS_REPLIES] = {"replies", N_("Replies"), NULL, NULL, STAT_COUNT, -1, -1, H},
};
#undef H
#undef HL
_Static_assert(sizeof case_cols / sizeof case_cols[0] == CS_NCOLS, "one entry a column");
_Static_assert(sizeof case_stat_breakdowns / sizeof case_stat_breakdowns[0] == CASE_BY_COUNT,
               "one entry a breakdown");

const struct case_dcolinfo case_dcols[] = {
	[CASE_D_NUMBER] = {"number", N_("Case number"), CD_TEXT, 12},
	[CASE_D_SUBMITTED] = {"submitted", N_("Submitted"), CD_DATETIME, 16},
	[CASE_D_CHANNEL] = {"channel", N_("Channel"), CD_TEXT, 16},
	[CASE_D_TOWN] = {"town", N_("Town"), CD_TEXT, 20},
	[CASE_D_CATEGORY] = {"category", N_("Category"), CD_TEXT, 16},
	[CASE_D_DEPUTY] = {"deputy", N_("Deputy"), CD_TEXT, 30},
	[CASE_D_STATION] = {"station", N_("Liaison station"), CD_TEXT, 30},
	[CASE_D_VOTER] = {"voter_name", N_("Voter"), CD_TEXT, 12},
	[CASE_D_PHONE] = {"voter_phone", N_("Voter's phone"), CD_TEXT, 16},
	[CASE_D_TITLE] = {"title", N_("Title"), CD_LONG, 40},
	[CASE_D_CONTENT] = {"content", N_("Content"), CD_LONG, 50},
	[CASE_D_STATE] = {"state", N_("Status"), CD_TEXT, 16},
	[CASE_D_LEVEL] = {"level", N_("Level"), CD_TEXT, 10},
	[CASE_D_UNIT] = {"lead_unit", N_("Lead unit"), CD_TEXT, 30},
	[CASE_D_SUPPORT] = {"support_units", N_("Supporting units"), CD_TEXT, 40},
	[CASE_D_RESPOND_DUE] = {"respond_due", N_("Respond by"), CD_DATE, 12},
	[CASE_D_RESPOND] = {"respond", N_("Response"), CD_TEXT, 12},
	[CASE_D_REPLY_DUE] = {"reply_due", N_("Reply by"), CD_DATE, 12},
	[CASE_D_REPLY_OUTCOME] = {"reply_outcome", N_("Reply"), CD_TEXT, 12},
	[CASE_D_REPLY] = {"reply", N_("Reply text"), CD_LONG, 50},
	[CASE_D_EVALUATION] = {"evaluation", N_("Evaluation"), CD_TEXT, 16},
	[CASE_D_ROUNDS] = {"rounds", N_("Re-handling rounds"), CD_COUNT, 8},
	[CASE_D_OVERDUE] = {"overdue", N_("Overdue"), CD_COUNT, 8},
	[CASE_D_CLOSED] = {"closed", N_("Closed on"), CD_DATE, 12},
};
_Static_assert(sizeof case_dcols / sizeof case_dcols[0] == CASE_NDCOLS, "one entry a column");

/* ---- reading the cases --------------------------------------------------------- */

/*
 * How each breakdown keys and names the cases: the table its keys come from (our
 * own table names, put into SQL text), whether every key of the table is listed or
 * only those with cases, and the name of the row of cases without a key.
 */
enum keysrc { KEYS_TABLE, KEYS_USED, KEYS_STATES, KEYS_MONTHS, KEYS_CHANNELS };
struct dim_def {
	enum keysrc src;
	const char *table;
	const char *none; /* translatable */
};
static const struct dim_def dim_defs[] = {
	[CASE_BY_CATEGORY] = {KEYS_TABLE, "category", NULL},
	[CASE_BY_TOWN] = {KEYS_TABLE, "town", NULL},
	[CASE_BY_CHANNEL] = {KEYS_CHANNELS, NULL, NULL},
	[CASE_BY_DEPUTY] = {KEYS_USED, "deputy", N_("(no deputy: a liaison station)")},
	[CASE_BY_UNIT] = {KEYS_USED, "unit", N_("(not assigned to a unit)")},
	[CASE_BY_STATUS] = {KEYS_STATES, NULL, NULL},
	[CASE_BY_MONTH] = {KEYS_MONTHS, NULL, NULL},
};
_Static_assert(sizeof dim_defs / sizeof dim_defs[0] == CASE_BY_COUNT, "one entry a breakdown");

/*
 * The cases of a query, in id order: ?1 the town, ?2 ?3 the year's bounds, ?6 ?7
 * the first and last id of the year's cases, and the scope. When the year's ids lie
 * close together (the usual case: ids grow with time) the table is read straight in
 * id order between them (CASES_BY_ID, the '+' keeps SQLite off the index); else the
 * index on submitted_at finds their ids, which SQLite keeps sorted (CASES_BY_DATE:
 * much faster than sorting whole rows with ORDER BY).
 */
#define CASES_BY_ID                                                                                \
	" WHERE v.id BETWEEN ?6 AND ?7 AND +v.submitted_at >= ?2 AND +v.submitted_at < ?3"
#define CASES_BY_DATE                                                                              \
	" WHERE v.id IN (SELECT id FROM vcase WHERE submitted_at >= ?2 AND submitted_at < ?3)"

/* Columns of the case query: the facts the statistics count, then the detail's. */
#define FACT_COLS                                                                                  \
	"v.id, v.town_id, v.category_id, coalesce(v.deputy_id, 0), coalesce(v.lead_unit_id, 0), "  \
	"v.state, substr(v.submitted_at, 6, 2), coalesce(v.evaluation, ''), v.channel"
/* Columns of the detail: the facts, then what each row shows (?4: masked, ?5: the private
   case's stand-in text). */
#define DETAIL_COLS                                                                        \
	FACT_COLS ", v.number, replace(substr(v.submitted_at, 1, 16), 'T', ' '), "         \
	"coalesce(v.station_id, 0), "                                                      \
	"CASE WHEN ?4 AND v.voter_name <> '' THEN '***' ELSE v.voter_name END, "           \
	"CASE WHEN ?4 THEN mask_phone(v.voter_phone) ELSE v.voter_phone END, v.title, "   \
	"CASE WHEN ?4 AND v.private THEN ?5 ELSE v.content END, coalesce(v.level, ''), "   \
	"CASE WHEN ?4 AND v.private THEN ?5 ELSE v.reply END, "                            \
	"v.rounds, substr(coalesce(v.closed_at, ''), 1, 10)"
enum {
	Q_ID, Q_TOWN_ID, Q_CATEGORY_ID, Q_DEPUTY_ID, Q_UNIT_ID, Q_STATE, Q_MONTH, Q_EVAL,
	Q_CHANNEL, Q_NUMBER, Q_SUBMITTED, Q_STATION_ID, Q_VOTER, Q_PHONE, Q_TITLE, Q_CONTENT,
	Q_LEVEL, Q_REPLY, Q_ROUNDS, Q_CLOSED
};

/* Resolves the query's town (0 = none) and checks it against the scope. */
static int query_town(sqlite3 *db, const struct scope *sc, const struct stat_query *q,
                      int64_t *town)
{
	*town = 0;
	if (!q || !q->town || !*q->town)
		return RD_OK;
	int rc = user_town_id(db, q->town, town);
	if (rc)
		return rc;
	if (sc->role == ROLE_TOWN_CLERK && *town != sc->town_id)
		return err_set(RD_DENIED, _("town: a town clerk sees only the statistics of %s"),
		               sc->town_name ? sc->town_name : "?");
	return RD_OK;
}

/*
 * The deadline clocks of the cases, in one place: the clocks of the case flow
 * that are deadlines (respond, reply, rehandle; not the return window), of the
 * cases from the id bound to ?1 on, in case order. Columns: case id, clock id,
 * clock, started, due, stopped, outcome.
 */
#define CASE_CLOCKS_SQL                                                                            \
	"SELECT item_id, id, clock, started, due, stopped, coalesce(outcome, '') FROM wf_clock "   \
	"WHERE workflow = 'case' AND item_id >= ?1 AND clock IN ('respond', 'reply', 'rehandle') " \
	"ORDER BY item_id"

/* Evaluations as stored, in the order of struct fact's eval. */
static const char *const evals[] = {"", "satisfied", "basic", "unsatisfied"};

/* What the statistics count of one case. */
struct fact {
	int64_t id, town, category, deputy, unit; /* 0 = none */
	int state;                                /* index in case_flow.states; -1 unknown */
	int month;                                /* 1-12 */
	int eval;                                 /* index in evals[] */
	int channel;                              /* index in channels[] */
	bool overdue;
	int respond_met, respond_due, reply_met, reply_due, replies;
	int64_t reply_days;
};

/* The counts of a row, by column of the table (enum case_stat_col). */
struct counts {
	int64_t v[CS_NCOLS];
};

/* The channels as stored, in the order of the channel breakdown. */
static const char *const channel_words[] = {"qr", "phone", "station", "other"};
#define NCHANNELS 4

/* The latest clock of a kind of one case (the detail shows it). */
struct clk {
	int64_t id;
	char due[11];
	int outcome;
};
/* A deadline clock's state in the detail. */
enum { OUT_NONE, OUT_MET, OUT_LATE, OUT_CANCELLED, OUT_RUNNING, OUT_OVERDUE, OUT_COUNT };
static const char *const outcome_labels[OUT_COUNT] = {
	"", N_("on time"), N_("late"), N_("cancelled"), N_("running"), N_("overdue"),
};

/*
 * Where a deadline stands as of today (YYYY-MM-DD): stopped on time, late,
 * cancelled, or running: overdue once its due day is past.
 */
static int clock_outcome(const char *outcome, const char *due, const char *today)
{
	return !strcmp(outcome, "met")         ? OUT_MET
	       : !strcmp(outcome, "late")      ? OUT_LATE
	       : !strcmp(outcome, "cancelled") ? OUT_CANCELLED
	       : strcmp(due, today) < 0        ? OUT_OVERDUE
	                                       : OUT_RUNNING;
}

/* One accumulated breakdown: a row of counts per key, found through a hash of keys. */
struct acc_dim {
	int64_t *keys;
	struct counts *rows;
	int n, cap;
	int *slots; /* open addressing: index + 1 into keys/rows, 0 = empty */
	int nslots;
};

/* The counts of the breakdowns asked for (mask of 1 << enum case_stat_by). */
struct acc {
	unsigned mask;
	struct acc_dim d[CASE_BY_COUNT];
};

static unsigned hash64(int64_t k)
{
	uint64_t x = (uint64_t)k * 0x9E3779B97F4A7C15ull;
	return (unsigned)(x >> 32);
}

/* The row of key k in a, added (all zero) when it is new. */
static struct counts *acc_row(struct acc_dim *a, int64_t k)
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
	for (int i = 0; i < CASE_BY_COUNT; i++) {
		free(a->d[i].keys);
		free(a->d[i].rows);
		free(a->d[i].slots);
	}
	memset(a, 0, sizeof *a);
}

/* The key of a case in a breakdown. */
static int64_t fact_key(const struct fact *f, enum case_stat_by by)
{
	switch (by) {
	case CASE_BY_CATEGORY: return f->category;
	case CASE_BY_TOWN: return f->town;
	case CASE_BY_CHANNEL: return f->channel;
	case CASE_BY_DEPUTY: return f->deputy;
	case CASE_BY_UNIT: return f->unit;
	case CASE_BY_STATUS: return f->state;
	case CASE_BY_MONTH: return f->month;
	default: return 0;
	}
}

/* Adds the counts of one case to row t. */
static void add_fact(struct counts *t, const struct fact *f)
{
	const struct wf_state *st = f->state >= 0 ? &case_flow.states[f->state] : NULL;
	int64_t *v = t->v;
	v[CS_COUNT]++;
	if (!st || st->open)
		v[CS_OPEN]++;
	else if (!strcmp(st->name, "closed"))
		v[CS_CLOSED]++;
	else if (!strcmp(st->name, "rejected"))
		v[CS_REJECTED]++;
	v[CS_OVERDUE] += f->overdue;
	v[CS_RESPOND_MET] += f->respond_met;
	v[CS_RESPOND_DUE] += f->respond_due;
	v[CS_REPLY_MET] += f->reply_met;
	v[CS_REPLY_DUE] += f->reply_due;
	v[CS_SATISFIED] += f->eval == 1;
	v[CS_BASIC] += f->eval == 2;
	v[CS_UNSATISFIED] += f->eval == 3;
	v[CS_EVALUATED] += f->eval != 0;
	v[CS_SAT_OR_BASIC] += f->eval == 1 || f->eval == 2;
	v[CS_REPLY_DAYS] += f->reply_days;
	v[CS_REPLIES] += f->replies;
}

static void acc_add(struct acc *a, const struct fact *f)
{
	for (int by = 0; by < CASE_BY_COUNT; by++)
		if (a->mask & (1u << by))
			add_fact(acc_row(&a->d[by], fact_key(f, (enum case_stat_by)by)), f);
}

/*
 * A walk over the cases of a query in id order, with their clocks and supporting
 * units merged in by id (each read once, in the same order), counting every case.
 */
struct walk {
	sqlite3 *db;
	sqlite3_stmt *cases, *clocks, *support; /* support only for the detail */
	bool clock_started, clock_row, sup_started, sup_row, failed;
	/* As of a past time (asof set): each case's steps up to then, for the state and the
	   evaluation it had; its clocks as they stood at the end of that day. */
	const char *asof;
	sqlite3_stmt *events;
	bool ev_started, ev_row;
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

/* Writes the bound after the last submission time of the period of year y and until_md. */
static void period_end(char out[16], int y, int until_md)
{
	/* Submission times are ISO text: "2026-03-02Z" is after all of March 2 (Z sorts after
	   the T of the time), "2027" after all of 2026. */
	if (until_md)
		snprintf(out, 16, "%04d-%02d-%02dZ", y % 10000, until_md / 100 % 100,
		         until_md % 100);
	else
		snprintf(out, 16, "%04d", (y + 1) % 10000);
}

static int walk_open(struct walk *w, sqlite3 *db, const struct scope *sc,
                     const struct stat_query *q, unsigned mask, bool detail, bool mask_voter)
{
	memset(w, 0, sizeof *w);
	w->db = db;
	w->sc = sc;
	w->acc.mask = mask;
	w->year = stat_year(q);
	w->today = clock_today();
	date_format(w->today, w->today_s);
	if (q && q->asof) {
		/* Its day is "today" (stat_year() makes its year the year). */
		w->asof = q->asof;
		snprintf(w->today_s, sizeof w->today_s, "%.10s", q->asof);
		if (!date_parse(w->today_s, &w->today))
			return err_set(RD_INVALID, _("as-of: '%s' is not a day YYYY-MM-DD or an ISO "
			                             "8601 time"),
			               q->asof);
		w->events = db_prepare(db,
		                       "SELECT item_id, at, id, to_state, action, text FROM wf_event "
		                       "WHERE workflow = 'case' AND item_id >= ?1 AND at <= ?2 ORDER "
		                       "BY item_id, id",
		                       "");
		if (!w->events)
			return RD_FAIL;
		sqlite3_bind_text(w->events, 2, q->asof, -1, SQLITE_TRANSIENT);
	}
	int rc = query_town(db, sc, q, &w->town);
	if (rc)
		return rc;
	char from[8], to[16];
	snprintf(from, sizeof from, "%04d", w->year % 10000);
	period_end(to, w->year, q ? q->until_md : 0);
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
	/* The town's condition only when one is asked for, the scope's of the caller's role. */
	char *sql = xasprintf("SELECT %s FROM vcase v%s%s AND %s ORDER BY v.id",
	                      detail ? DETAIL_COLS : FACT_COLS, by_id ? CASES_BY_ID : CASES_BY_DATE,
	                      w->town ? " AND v.town_id = ?1" : "", case_scope_sql_of(sc));
	w->cases = db_prepare(db, sql, "");
	free(sql);
	w->clocks = db_prepare(db, CASE_CLOCKS_SQL, "");
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
	sqlite3_finalize(w->events);
	acc_free(&w->acc);
	w->cases = w->clocks = w->support = w->events = NULL;
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
		/* Clocks are kept by day: as of a day, one started after it did not run yet,
		   one stopped after it was running. */
		if (w->asof && strcmp(db_col(st, 3), w->today_s) > 0)
			continue;
		if (w->asof && sqlite3_column_type(st, 5) != SQLITE_NULL &&
		    strcmp(db_col(st, 5), w->today_s) > 0)
			outcome = "";
		int o = clock_outcome(outcome, due, w->today_s);
		if (o == OUT_OVERDUE)
			w->f.overdue = true;
		/* A deadline that has come: answered (on time or late), or past with no answer. */
		if (o == OUT_MET || o == OUT_LATE || o == OUT_OVERDUE) {
			if (respond) {
				w->f.respond_due++;
				w->f.respond_met += o == OUT_MET;
			} else {
				w->f.reply_due++;
				w->f.reply_met += o == OUT_MET;
			}
		}
		if (o == OUT_MET || o == OUT_LATE) {
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
			size_t n = strlen(due);
			if (n >= sizeof k->due)
				n = sizeof k->due - 1;
			memcpy(k->due, due, n);
			k->due[n] = '\0';
		}
	}
}

/*
 * As of w->asof: the state and evaluation case id had then, from its steps taken by
 * then (the latest step's state; the latest evaluation step's evaluation, the first
 * line of its text, flow.c). False when the case had no step yet: it did not exist.
 */
static bool gather_events(struct walk *w, int64_t id)
{
	sqlite3_stmt *st = w->events;
	cursor_seek(w, st, &w->ev_row, &w->ev_started, id);
	bool made = false;
	char at[CLOCK_BUF] = "", eval_at[CLOCK_BUF] = "";
	int64_t at_id = 0, eval_id = 0;
	for (; w->ev_row && sqlite3_column_int64(st, 0) == id; w->ev_row = cursor_step(w, st)) {
		const char *t = db_col(st, 1);
		int64_t eid = sqlite3_column_int64(st, 2);
		int c = strcmp(t, at);
		if (!made || c > 0 || (c == 0 && eid > at_id)) {
			snprintf(at, sizeof at, "%s", t);
			at_id = eid;
			w->f.state = -1;
			const char *to = db_col(st, 3);
			for (int i = 0; i < case_flow.nstates; i++)
				if (!strcmp(case_flow.states[i].name, to))
					w->f.state = i;
		}
		made = true;
		if (strcmp(db_col(st, 4), "evaluate"))
			continue;
		c = strcmp(t, eval_at);
		if (eval_id && (c < 0 || (c == 0 && eid < eval_id)))
			continue;
		snprintf(eval_at, sizeof eval_at, "%s", t);
		eval_id = eid;
		const char *text = db_col(st, 5);
		size_t n = strcspn(text, "\n");
		w->f.eval = 0;
		for (int i = 1; i < 4; i++)
			if (strlen(evals[i]) == n && !strncmp(evals[i], text, n))
				w->f.eval = i;
	}
	return made;
}

/* The next case: its facts in w->f, counted; RD_OK, RD_NOTFOUND at the end, or an error. */
static int walk_next(struct walk *w)
{
again:;
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
	const char *ch = db_col(st, Q_CHANNEL);
	f->channel = NCHANNELS - 1;
	for (int i = 0; i < NCHANNELS; i++)
		if (!strcmp(channel_words[i], ch))
			f->channel = i;
	const char *ev = db_col(st, Q_EVAL);
	for (int i = 1; i < 4; i++)
		if (!strcmp(evals[i], ev))
			f->eval = i;
	if (w->asof) {
		f->eval = 0;
		if (!gather_events(w, f->id)) {
			if (w->failed)
				return db_fail(w->db, _("case statistics"));
			goto again;
		}
	}
	gather_clocks(w, f->id);
	if (w->failed)
		return db_fail(w->db, _("case statistics"));
	acc_add(&w->acc, f);
	return RD_OK;
}

/* ---- the tables ----------------------------------------------------------------- */

/* Channel labels, in the order of channel_words[]. */
static const char *const channel_labels[] = {N_("QR code"), N_("phone"), N_("at a liaison station"),
                                             N_("other channel")};

/* Appends a row to t, with copies of key and name and the counts of c (or zeros). */
static void table_push(struct stat_table *t, const char *key, const char *name,
                       const struct counts *c)
{
	struct stat_row *r = stat_table_add_row(t, key, name);
	if (c)
		memcpy(r->v, c->v, sizeof c->v);
}

/* The row of key k in a, or NULL; marks it taken in used[]. */
static const struct counts *take(struct acc_dim *a, bool *used, int64_t k)
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
	const struct stat_row *a = x, *b = y;
	if (!*a->key != !*b->key)
		return *a->key ? -1 : 1;
	if (a->v[CS_COUNT] != b->v[CS_COUNT])
		return a->v[CS_COUNT] > b->v[CS_COUNT] ? -1 : 1;
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
static int make_table(struct walk *w, enum case_stat_by by, struct stat_table *t)
{
	const struct dim_def *def = &dim_defs[by];
	const struct stat_breakdown *bd = &case_stat_breakdowns[by];
	struct acc_dim *a = &w->acc.d[by];
	stat_table_init(t, case_cols, CS_NCOLS, bd->title, bd->label, N_("Cases"));
	t->long_keys = bd->long_keys;
	t->ranked = def->src == KEYS_USED;
	t->word_keys = def->src == KEYS_STATES || def->src == KEYS_CHANNELS;
	bool *used = xcalloc((size_t)a->n + 1, sizeof *used);
	int rc = RD_OK;
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
			const struct counts *c = take(a, used, id);
			bool listed =
			    sqlite3_column_int(st, 3) && (by != CASE_BY_TOWN || town_listed(w, id));
			if (c || listed)
				table_push(t, db_col(st, 1), db_col(st, 2), c);
		}
		sqlite3_finalize(st);
		break;
	}
	case KEYS_STATES:
		for (int i = 0; i < case_flow.nstates; i++)
			table_push(t, case_flow.states[i].name, _(case_flow.states[i].label),
			           take(a, used, i));
		break;
	case KEYS_CHANNELS:
		for (int i = 0; i < NCHANNELS; i++)
			table_push(t, channel_words[i], _(channel_labels[i]), take(a, used, i));
		break;
	case KEYS_MONTHS: {
		int y, m, d;
		date_to_ymd(w->today, &y, &m, &d);
		int last = w->year < y ? 12 : w->year == y ? m : 0;
		for (int i = 1; i <= 12; i++) {
			const struct counts *c = take(a, used, i);
			snprintf(key, sizeof key, "%04u-%02u", (unsigned)w->year % 10000u,
			         (unsigned)i % 100u);
			if (c || i <= last)
				table_push(t, key, key, c);
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
		table_push(t, k, n, &a->rows[i]);
	}
	sqlite3_finalize(st);
	if (def->src == KEYS_USED && t->n > first) /* t->rows is NULL when there is no row */
		qsort(t->rows + first, (size_t)(t->n - first), sizeof *t->rows, by_count);
	stat_table_sum(t);
	free(used);
	if (rc)
		stat_table_free(t);
	return rc;
}

/* The key expression of a breakdown in the statistics' GROUP BY (over vcase v). */
static const char *const group_keys[CASE_BY_COUNT] = {
    [CASE_BY_CATEGORY] = "v.category_id",
    [CASE_BY_TOWN] = "v.town_id",
    [CASE_BY_CHANNEL] = "v.channel",
    [CASE_BY_DEPUTY] = "coalesce(v.deputy_id, 0)",
    [CASE_BY_UNIT] = "coalesce(v.lead_unit_id, 0)",
    [CASE_BY_STATUS] = "v.state",
    [CASE_BY_MONTH] = "substr(v.submitted_at, 6, 2)",
};

/*
 * The statistics in two statements: the cases of the period (the year's range of the
 * index vcase_stat, which holds every column counted: no case row is read) with their
 * answered deadlines from vcase_tally (kept by triggers as clocks stop, migration
 * case-tallies), counted by renda_counts() (model/core/sqlcount.h) as cases_spec() says;
 * and the running deadlines past their day, from the index of running clocks. The same
 * counts as walk_next() and gather_clocks() make case by case for the detail: ?1 town,
 * ?2 ?3 the period, ?4 today, ?5 the spec. One aggregate call a case, not fourteen
 * sums: at a million voter issues, by category, the cases' pass 0.24 -> 0.18 s (sqlite3
 * shell; the bare GROUP BY 0.09 s).
 */
static char *stats_sql(enum case_stat_by by, const struct scope *sc, bool town, bool running)
{
	const char *k = group_keys[by];
	char *where = xasprintf("v.submitted_at >= ?2 AND v.submitted_at < ?3%s AND %s",
	                        town ? " AND v.town_id = ?1" : "", case_scope_sql_of(sc));
	char *sql =
	    running
	        ? xasprintf("SELECT %s, count(*), sum(o.respond_late), sum(o.late - o.respond_late) "
	                    "FROM (SELECT k.item_id AS id, count(*) AS late, sum(k.clock = "
	                    "'respond') AS respond_late FROM wf_clock k WHERE k.workflow = 'case' "
	                    "AND k.stopped IS NULL AND k.due < ?4 AND k.clock IN ('respond', "
	                    "'reply', 'rehandle') GROUP BY k.item_id) o JOIN vcase v ON v.id = o.id "
	                    "WHERE %s GROUP BY 1",
	                    k, where)
	        : xasprintf("SELECT %s, renda_counts(?5, v.state, v.evaluation, t.respond_answered, "
	                    "t.respond_met, t.reply_answered, t.reply_met, t.reply_days, t.replies) "
	                    "FROM vcase v INDEXED BY vcase_stat LEFT JOIN vcase_tally t ON "
	                    "t.case_id = v.id WHERE %s GROUP BY 1",
	                    k, where);
	free(where);
	return sql;
}

/* The fields of renda_counts() in stats_sql(): the states that are not open, the
   evaluations, and the six tallies; with where "closed" and "rejected" are among the
   closed states' counts (-1: not closed states) and how many counts they take. */
struct cases_spec {
	char *text;
	int nclosed, iclosed, irejected;
};

static void cases_spec(struct cases_spec *p)
{
	struct sbuf b = SBUF_INIT;
	p->nclosed = 0;
	p->iclosed = p->irejected = -1;
	for (int i = 0; i < case_flow.nstates; i++) {
		const char *name = case_flow.states[i].name;
		if (case_flow.states[i].open)
			continue;
		if (!strcmp(name, "closed"))
			p->iclosed = p->nclosed;
		if (!strcmp(name, "rejected"))
			p->irejected = p->nclosed;
		sbuf_printf(&b, "%s%s", p->nclosed++ ? "|" : "", name);
	}
	if (!p->nclosed) { /* no state closed: one word no state has */
		sbuf_putc(&b, '-');
		p->nclosed = 1;
	}
	sbuf_puts(&b, ";satisfied|basic|unsatisfied;+;+;+;+;+;+");
	p->text = sbuf_take(&b);
}

/* The key of a group row in a breakdown, as fact_key() gives it for a case. */
static int64_t group_key(sqlite3_stmt *st, enum case_stat_by by)
{
	const char *text = db_col(st, 0);
	switch (by) {
	case CASE_BY_CHANNEL:
		for (int i = 0; i < NCHANNELS; i++)
			if (!strcmp(channel_words[i], text))
				return i;
		return NCHANNELS - 1;
	case CASE_BY_STATUS:
		for (int i = 0; i < case_flow.nstates; i++)
			if (!strcmp(case_flow.states[i].name, text))
				return i;
		return -1;
	case CASE_BY_MONTH: return atoi(text);
	default: return sqlite3_column_int64(st, 0);
	}
}

/* Runs one statement of stats_sql() for the walk's period. */
static sqlite3_stmt *stats_open(struct walk *w, const char *from, const char *to,
                                enum case_stat_by by, bool running, const char *spec)
{
	char *sql = stats_sql(by, w->sc, w->town != 0, running);
	sqlite3_stmt *st = db_prepare(w->db, sql, "");
	free(sql);
	if (!st)
		return NULL;
	sqlite3_bind_int64(st, 1, w->town);
	sqlite3_bind_text(st, 2, from, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, to, -1, SQLITE_TRANSIENT);
	if (running)
		sqlite3_bind_text(st, 4, w->today_s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_text(st, 5, spec, -1, SQLITE_STATIC);
	case_scope_bind(st, w->sc);
	return st;
}

/* Counts the cases of the walk's period into its breakdown by, from stats_sql(). */
static int count_grouped(struct walk *w, const char *from, const char *to, enum case_stat_by by)
{
	struct cases_spec sp;
	cases_spec(&sp);
	const int nclosed = sp.nclosed;
	int rc = RD_OK;
	for (int pass = 0; pass < 2 && !rc; pass++) {
		sqlite3_stmt *st = stats_open(w, from, to, by, pass == 1, sp.text);
		if (!st) {
			rc = RD_FAIL;
			break;
		}
		int src;
		while ((src = sqlite3_step(st)) == SQLITE_ROW) {
			int64_t *v = acc_row(&w->acc.d[by], group_key(st, by))->v;
			if (pass == 1) { /* the running deadlines past their day */
				v[CS_OVERDUE] += sqlite3_column_int64(st, 1);
				v[CS_RESPOND_DUE] += sqlite3_column_int64(st, 2);
				v[CS_REPLY_DUE] += sqlite3_column_int64(st, 3);
				continue;
			}
			/* rows; closed states; evaluations (3); then the six tallies */
			int64_t c[1 + SQLCOUNT_WORDS + SQLCOUNT_FIELDS] = {0};
			const void *blob = sqlite3_column_blob(st, 1);
			int n = sqlite3_column_bytes(st, 1);
			if (!blob || n != (int)sizeof c[0] * (1 + nclosed + 3 + 6))
				fatal("case statistics: renda_counts gave %d bytes", n);
			memcpy(c, blob, (size_t)n);
			const int64_t *closed = c + 1, *ev = closed + nclosed, *t = ev + 3;
			int64_t nclosed_rows = 0;
			for (int i = 0; i < nclosed; i++)
				nclosed_rows += closed[i];
			v[CS_COUNT] += c[0];
			v[CS_OPEN] += c[0] - nclosed_rows;
			v[CS_CLOSED] += sp.iclosed >= 0 ? closed[sp.iclosed] : 0;
			v[CS_REJECTED] += sp.irejected >= 0 ? closed[sp.irejected] : 0;
			v[CS_SATISFIED] += ev[0];
			v[CS_BASIC] += ev[1];
			v[CS_UNSATISFIED] += ev[2];
			v[CS_EVALUATED] += ev[0] + ev[1] + ev[2];
			v[CS_SAT_OR_BASIC] += ev[0] + ev[1];
			v[CS_RESPOND_DUE] += t[0];
			v[CS_RESPOND_MET] += t[1];
			v[CS_REPLY_DUE] += t[2];
			v[CS_REPLY_MET] += t[3];
			v[CS_REPLY_DAYS] += t[4];
			v[CS_REPLIES] += t[5];
		}
		if (!rc && src != SQLITE_DONE)
			rc = db_fail(w->db, _("case statistics"));
		sqlite3_finalize(st);
	}
	free(sp.text);
	return rc;
}

int case_stats(sqlite3 *db, const struct scope *sc, const struct stat_query *q, int by,
               struct stat_table *out)
{
	memset(out, 0, sizeof *out);
	if (by < 0 || by >= CASE_BY_COUNT) {
		char *names = stat_breakdown_names(&case_stat_providers[0]);
		err_set(RD_INVALID, _("--by: one of %s"), names);
		free(names);
		return RD_INVALID;
	}
	struct walk w;
	if (q && q->asof) {
		/* As of a past time the cases are read one by one with their steps. */
		int rc = walk_open(&w, db, sc, q, 1u << by, false, false);
		while (!rc && !(rc = walk_next(&w)))
			;
		if (rc == RD_NOTFOUND)
			rc = make_table(&w, (enum case_stat_by)by, out);
		walk_close(&w);
		return rc;
	}
	/* What make_table() needs of a walk, without one: the counts come grouped. */
	memset(&w, 0, sizeof w);
	w.db = db;
	w.sc = sc;
	w.acc.mask = 1u << by;
	w.year = stat_year(q);
	w.today = clock_today();
	date_format(w.today, w.today_s);
	int rc = query_town(db, sc, q, &w.town);
	if (!rc) {
		char from[8], to[16];
		snprintf(from, sizeof from, "%04d", w.year % 10000);
		period_end(to, w.year, q ? q->until_md : 0);
		rc = count_grouped(&w, from, to, (enum case_stat_by)by);
	}
	if (!rc)
		rc = make_table(&w, (enum case_stat_by)by, out);
	walk_close(&w);
	return rc;
}

/* ---- the detail -------------------------------------------------------------- */

/* Words stored in the database and the labels the detail shows for them. */
struct word {
	const char *word, *label;
};
static const struct word levels[] = {
	{"city", N_("city office")}, {"town", N_("town office")}, {NULL, NULL},
};
static const char *const eval_labels[] = {"", N_("satisfied"), N_("basically satisfied"),
                                          N_("unsatisfied")};

/* Names by id, read once: towns, categories, deputies ("name (code)"), stations, units. */
struct names {
	int64_t *ids; /* ascending */
	char **names;
	int n;
};
enum { N_TOWN, N_CATEGORY, N_DEPUTY, N_STATION, N_UNIT, N_COUNT };
static const char *const names_sql[N_COUNT] = {
	"SELECT id, name FROM town ORDER BY id",
	"SELECT id, name FROM category ORDER BY id",
	"SELECT id, name_code(name, code) FROM deputy ORDER BY id",
	"SELECT id, name FROM station ORDER BY id",
	"SELECT id, name FROM unit ORDER BY id",
};

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

/*
 * The same period of the previous year, by category, for the detail's comparison: a
 * walk of its own, counted on a second thread with a connection of its own where a
 * second processor can run it while the detail is read. The two connections read the
 * same state of the database when no change came in between: every change writes an
 * audit row, so each notes the last audit row it sees (mark, seen); when they differ the
 * count is made again on the detail's connection, in the detail's read transaction.
 */
struct prev_count {
	struct walk w;
	char from[8], to[16];
	sqlite3 *own; /* the thread's connection; NULL when counted on the detail's */
	pthread_t tid;
	bool running; /* the thread is started and not yet joined */
	int rc;
	int64_t mark, seen; /* the last audit row the detail's and the thread's reads see */
	char err[1024];     /* the thread's message (messages are kept per thread) */
};

/* The last audit row the read of db sees (a statement of its own: no cache shared between
   threads). */
static int last_audit(sqlite3 *db, int64_t *out)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT coalesce(max(id), 0) FROM audit", "");
	if (!st)
		return RD_FAIL;
	int rc = RD_OK;
	if (sqlite3_step(st) == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	else
		rc = db_fail(db, _("case detail"));
	sqlite3_finalize(st);
	return rc;
}

struct case_detail {
	struct walk w;
	struct prev_count prev;
	bool have_prev;
	struct names names[N_COUNT];
	struct sbuf sup;
	char rounds[16];
	/* The labels, translated once. */
	const char *outcome[OUT_COUNT], *chan[NCHANNELS], *lvl[3], *ev[4], **state;
};

/* The label of a word, translated ahead in labels[]; the word itself when unknown. */
static const char *label_of(const struct word *w, const char *const *labels, const char *s)
{
	for (int i = 0; w[i].word; i++)
		if (!strcmp(w[i].word, s))
			return labels[i];
	return s;
}

/* Counts the previous period by category, grouped as case_stats() counts it (not read
   case by case: it is not in the detail). */
static void *prev_count_run(void *arg)
{
	struct prev_count *p = arg;
	/* One read transaction: the count's two statements and the mark see one state. */
	p->rc = stat_begin(p->own);
	if (!p->rc)
		p->rc = last_audit(p->own, &p->seen);
	if (!p->rc)
		p->rc = count_grouped(&p->w, p->from, p->to, CASE_BY_CATEGORY);
	stat_end(p->own);
	if (p->rc)
		snprintf(p->err, sizeof p->err, "%s", err_msg());
	return NULL;
}

/* Starts counting the period of prev for the detail's walk w (prev_count_join()). */
static int prev_count_start(struct prev_count *p, const struct walk *w,
                            const struct stat_query *prev)
{
	p->w.db = w->db;
	p->w.sc = w->sc;
	p->w.town = w->town;
	p->w.year = prev->year;
	p->w.today = w->today;
	memcpy(p->w.today_s, w->today_s, sizeof p->w.today_s);
	p->w.acc.mask = 1u << CASE_BY_CATEGORY;
	snprintf(p->from, sizeof p->from, "%04d", prev->year % 10000);
	period_end(p->to, prev->year, prev->until_md);
	if (cpus_usable() > 1 && *db_path(w->db) &&
	    !last_audit(w->db, &p->mark) && !db_open(db_path(w->db), &p->own)) {
		p->w.db = p->own;
		if (!pthread_create(&p->tid, NULL, prev_count_run, p)) {
			p->running = true;
			return RD_OK;
		}
		db_close(p->own);
		p->own = NULL;
		p->w.db = w->db;
	}
	/* One processor, or no second connection: counted here, first. */
	return p->rc = count_grouped(&p->w, p->from, p->to, CASE_BY_CATEGORY);
}

/* Waits for the count of p and gives up its connection: its status, the message set. */
static int prev_count_join(struct prev_count *p, sqlite3 *db)
{
	if (p->running) {
		pthread_join(p->tid, NULL);
		p->running = false;
		if (p->rc)
			err_set(p->rc, "%s", p->err);
	}
	if (p->own) {
		db_close(p->own);
		p->own = NULL;
		/* A change came in between: counted again as the detail reads the database. */
		if (!p->rc && p->seen != p->mark) {
			acc_free(&p->w.acc);
			p->w.acc = (struct acc){.mask = 1u << CASE_BY_CATEGORY};
			p->w.db = db;
			p->rc = count_grouped(&p->w, p->from, p->to, CASE_BY_CATEGORY);
		}
	}
	p->w.db = db; /* the names of the categories, for its table */
	return p->rc;
}

struct case_detail *case_detail_open(sqlite3 *db, const struct scope *sc,
                                     const struct stat_query *q, bool public_,
                                     const struct stat_query *prev)
{
	struct case_detail *d = xcalloc(1, sizeof *d);
	d->sup = (struct sbuf)SBUF_INIT;
	/* Viewers never see the voter's data; public exports neither. */
	bool mask = public_ || sc->role == ROLE_VIEWER;
	int rc = walk_open(&d->w, db, sc, q, (1u << CASE_BY_COUNT) - 1, true, mask);
	if (!rc && prev && !(rc = prev_count_start(&d->prev, &d->w, prev)))
		d->have_prev = true;
	for (int i = 0; i < N_COUNT && !rc; i++)
		rc = names_load(db, names_sql[i], &d->names[i]);
	if (rc) {
		case_detail_close(d);
		return NULL;
	}
	for (int i = 0; i < OUT_COUNT; i++)
		d->outcome[i] = i ? _(outcome_labels[i]) : "";
	for (int i = 0; i < NCHANNELS; i++)
		d->chan[i] = _(channel_labels[i]);
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
static void gather_support(struct case_detail *d, int64_t id)
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

int case_detail_next(struct case_detail *d, const char **vals)
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
	vals[CASE_D_NUMBER] = db_col(st, Q_NUMBER);
	vals[CASE_D_SUBMITTED] = db_col(st, Q_SUBMITTED);
	vals[CASE_D_CHANNEL] = d->chan[w->f.channel];
	vals[CASE_D_TOWN] = names_get(&d->names[N_TOWN], w->f.town);
	vals[CASE_D_CATEGORY] = names_get(&d->names[N_CATEGORY], w->f.category);
	vals[CASE_D_DEPUTY] = names_get(&d->names[N_DEPUTY], w->f.deputy);
	vals[CASE_D_STATION] =
	    names_get(&d->names[N_STATION], sqlite3_column_int64(st, Q_STATION_ID));
	vals[CASE_D_VOTER] = db_col(st, Q_VOTER);
	vals[CASE_D_PHONE] = db_col(st, Q_PHONE);
	vals[CASE_D_TITLE] = db_col(st, Q_TITLE);
	vals[CASE_D_CONTENT] = db_col(st, Q_CONTENT);
	vals[CASE_D_STATE] = w->f.state >= 0 ? d->state[w->f.state] : db_col(st, Q_STATE);
	vals[CASE_D_LEVEL] = label_of(levels, d->lvl, db_col(st, Q_LEVEL));
	vals[CASE_D_UNIT] = names_get(&d->names[N_UNIT], w->f.unit);
	vals[CASE_D_SUPPORT] = sbuf_str(&d->sup);
	vals[CASE_D_RESPOND_DUE] = w->respond.due;
	vals[CASE_D_RESPOND] = d->outcome[w->respond.outcome];
	vals[CASE_D_REPLY_DUE] = w->reply.due;
	vals[CASE_D_REPLY_OUTCOME] = d->outcome[w->reply.outcome];
	vals[CASE_D_REPLY] = db_col(st, Q_REPLY);
	vals[CASE_D_EVALUATION] = d->ev[w->f.eval];
	vals[CASE_D_ROUNDS] = d->rounds;
	vals[CASE_D_OVERDUE] = w->f.overdue ? "1" : "0";
	vals[CASE_D_CLOSED] = db_col(st, Q_CLOSED);
	return RD_OK;
}

int case_detail_tables(struct case_detail *d, struct stat_table out[CASE_BY_COUNT])
{
	int rc = RD_OK;
	memset(out, 0, CASE_BY_COUNT * sizeof *out);
	for (int by = 0; by < CASE_BY_COUNT && !rc; by++)
		rc = make_table(&d->w, (enum case_stat_by)by, &out[by]);
	if (rc)
		for (int by = 0; by < CASE_BY_COUNT; by++)
			stat_table_free(&out[by]);
	return rc;
}

int case_detail_prev(struct case_detail *d, struct stat_table *out)
{
	memset(out, 0, sizeof *out);
	if (!d->have_prev)
		return err_set(RD_FAIL, _("case detail: no previous period was asked for"));
	int rc = prev_count_join(&d->prev, d->w.db);
	return rc ? rc : make_table(&d->prev.w, CASE_BY_CATEGORY, out);
}

void case_detail_close(struct case_detail *d)
{
	if (!d)
		return;
	walk_close(&d->w);
	prev_count_join(&d->prev, d->w.db);
	acc_free(&d->prev.w.acc);
	for (int i = 0; i < N_COUNT; i++)
		names_free(&d->names[i]);
	sbuf_free(&d->sup);
	free(d->state);
	free(d);
}
