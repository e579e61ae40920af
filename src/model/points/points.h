/*
 * Deputies' duty points (履职积分, DESIGN 4.5): computed, never typed. The
 * events come from every module through a collector, a table of sources
 * (points_sources(), each module's on its row of the registry): each source is one query over its
 * module's tables that gives, for a deputy, an item (an activity attended or
 * missed, a motion or suggestion led or co-signed and its result, a voter issue
 * received and handled in time, a correction...), the day it counts for, the
 * time it was recorded and a key that names it for good. The rule table
 * (points_version, points_rule) scores each event by the version in force on
 * its day: points per item, a yearly cap, a time limit. A deputy's total is the
 * sum of the lines, each line one event and the one version that scored it.
 *
 * As of a time: only the events recorded, the rule versions made and the
 * corrections given by then count, and the roster is read as it stood then
 * (the audit trail keeps it), so a past ranking is reproduced exactly. A rule
 * version never changes and never takes effect before the day it is made, so a
 * new rule effective next year leaves this year's totals as they are.
 *
 * Pro-rating ([points] prorate in renda.conf: months, days or none): a deputy
 * who served part of a year (joined mid-term, left office) has the yearly base
 * and every yearly cap in proportion to the part served.
 *
 * Scope: a town clerk sees and corrects the deputies of the town; city clerks,
 * administrators and viewers all; unit operators none. Module prefix: points_.
 */
#ifndef RENDA_POINTS_H
#define RENDA_POINTS_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "model/core/scope.h"
#include "model/core/tbl.h"
#include "util/datetime.h"

/* An item that scores (积分项目): its code, its words, the module that gives it. */
struct points_item {
	const char *code;   /* "inspection" */
	const char *label;  /* msgid: "an inspection attended (视察)" */
	const char *source; /* the module whose sources give it: "activity" */
};
/* The items renda knows, in the order of the rule table (the points' own, then each
   module's in the registry's order); ends with a NULL code. */
const struct points_item *points_items(void);
/* The item of that code, or NULL. */
const struct points_item *points_item_find(const char *code);
/* The word of an item (translated); the code itself when unknown. */
const char *points_item_label(const char *code);

/*
 * A source of events, one row of the collector: a query whose rows are deputy
 * id, item, day (YYYY-MM-DD, the day it counts for), at (the ISO time it was
 * recorded), key (names the event for good: "activity:12:34"), what (a line
 * for people), lag (days it took, for a rule's time limit; NULL) and voids (a
 * correction: the key of the event it cancels; NULL), for ?1 the as-of time
 * (only what was recorded by then), ?2 and ?3 the first and last day counted.
 * Adding a module's events is adding a row. A reading of some deputies' events
 * alone wraps the query (WITH src(deputy, ...) AS (sql) ... WHERE deputy = ?4), so
 * the first column is the deputy's id in every part of it.
 */
struct points_source {
	const char *name;  /* "activity": the module it reads */
	const char *label; /* msgid */
	const char *sql;
};
/* A module's part in the points, on its row of the registry (modules[].points): the
   items it gives and the sources that give them. Adding a module's events is adding
   its rows here and the items' default rules to a migration. */
struct points_def {
	const struct points_item *items;     /* ends with a NULL code */
	const struct points_source *sources; /* ends with a NULL name */
};
/* The points' own part: the yearly base and the corrections. */
extern const struct points_def points_own;
/* Every source of every part, in the order of points_items(); ends with NULL. */
const struct points_source *const *points_sources(void);

/* SQL: the first step of an item of workflow wf, among actions, taken by ?1 (the as-of
   time), for a source's query. */
#define POINTS_FIRST_STEP(wf, item, actions)                                                       \
	"(SELECT min(f.id) FROM wf_event f WHERE f.workflow = '" wf "' AND f.item_id = " item      \
	" AND f.action IN (" actions ") AND f.at <= ?1)"

/* SQL of a source driven by the steps taken in the year (the partial index of schema
   19, whose condition POINTS_STEPS repeats word for word, with each step's item since
   schema 22 and written with OR since schema 25; schema 20 gives SQLite its shape, so
   that a reading of one deputy's events goes through the deputy's records instead):
   FROM POINTS_STEP_TABLE ... WHERE POINTS_FIRST_STEP_IN(wf, actions) keeps e, the first
   step of its item among actions taken by ?1 (the as-of time), when it was taken from
   day ?2 to day ?3. */
#define POINTS_STEPS                                                                               \
	"(e.action = 'deputy-reply' OR e.action = 'forward' OR e.action = 'submit' OR e.action = " \
	"'register')"
#define POINTS_STEP_TABLE "wf_event e"
#define POINTS_FIRST_STEP_IN(wf, actions)                                                          \
	POINTS_STEPS " AND e.workflow = '" wf "' AND e.action IN (" actions ") AND e.at >= ?2 "    \
	             "AND e.at < date(?3, '+1 day') AND e.at <= ?1 AND NOT EXISTS (SELECT 1 FROM " \
	             "wf_event f "                                                                 \
	             "WHERE f.workflow = '" wf                                                     \
	             "' AND f.item_id = e.item_id AND f.action IN (" actions ") AND "              \
	             "f.at <= ?1 AND f.id < e.id)"

/* Points are kept in hundredths (300 = 3 points): writes "3", "0.5", "-2", "12.25". */
void points_text(int64_t h, char out[24]);
/* Parses "3", "-2", "0.5", "12.25" into hundredths; false when it is no such number. */
bool points_parse(const char *s, int64_t *h);

/* How a part of a year is pro-rated ([points] prorate). */
enum points_prorate { PR_MONTHS, PR_DAYS, PR_NONE };
enum points_prorate points_prorate(void);

/* ---- rules ------------------------------------------------------------------ */

/*
 * Every version of the rule table made by asof (NULL: now), with its rules:
 * columns version, effective_from, created_at, account, note, item, points,
 * cap, within ("" when none), points and caps as points_text() writes them.
 */
int points_rules(sqlite3 *db, const char *asof, struct tbl *out);

/* A change of one item's rule in a new version. */
struct points_change {
	const char *item;
	int64_t points;
	int64_t cap; /* hundredths; 0: none */
	int within;  /* days; 0: none */
};
/*
 * Parses "ITEM=POINTS[/CAP[/WITHIN]]" ("reception=3/30", "absent=-3",
 * "case-handled=1/20/5"; "-" for none); RD_INVALID names what is wrong.
 */
int points_change_parse(const char *s, struct points_change *c);
/*
 * Checks the first day of a new version (from: a day, today or later) and gives
 * *number, the version in force on it, whose rules the new one starts from (0:
 * none): what a form of the new version shows.
 */
int points_version_base(sqlite3 *db, const char *from, int *number);
/*
 * Adds a version of the rule table effective from day `from` (not before
 * today: a rule is never retroactive): the rules of the version in force on
 * that day, with the changes. *number its number. Administrators and city
 * clerks only. at: its time (NULL: now; demo data).
 */
int points_add_version(sqlite3 *db, const struct scope *sc, const char *from, const char *note,
                       const struct points_change *changes, int nchanges, const char *at,
                       int *number);

/* ---- totals ------------------------------------------------------------------ */

/* One event of a deputy's year, as it was scored. */
struct points_line {
	char *key, *item, *day, *at, *what, *note;
	int version;    /* the number of the rule version that scored it; 0: none */
	int64_t rule;   /* the points the rule gives the item (hundredths) */
	int64_t points; /* the points scored (after the cap, the time limit, a cancellation) */
	bool cancelled; /* a correction cancels it (a line of its own takes the points back) */
	bool duty;      /* a duty done (the rule scores its item above nothing): a duty day */
};

/* A deputy's year. */
struct points_deputy {
	int64_t id;
	char *code, *name, *level, *town, *group;
	char from[11], to[11];    /* the part of the year served */
	int share_num, share_den; /* the part as months of 12 or days of the year */
	int64_t total;
	int rank, of; /* among the deputies of the same level chosen */
	int nevents;
	int days; /* 履职天数: the days with a duty done (lines marked duty, not cancelled) */
	int64_t *by_item; /* the points of each item of points_items()[] */
	struct points_line *lines;
	int nlines;
};

struct points_query {
	int year;           /* 0: the current year */
	const char *asof;   /* "YYYY-MM-DD" (its end) or an ISO time; NULL: now */
	const char *deputy; /* one deputy (code or #id); NULL: all in scope */
	const char *level;  /* city or town; NULL: both */
	const char *town;   /* name or code */
	const char *group;  /* a deputy group: name or code */
	bool lines;         /* keep every deputy's lines */
};

struct points_set {
	int year;
	char asof[CLOCK_BUF]; /* the as-of time used */
	struct points_deputy *d;
	int n; /* in ranking order: level, then rank, then code */
};

/*
 * The totals of the deputies in scope that q chooses, ranked within each level.
 * RD_INVALID for an unknown deputy, town, group or level; RD_DENIED for a unit
 * operator. Free with points_set_free().
 *
 * Without lines asked for, the totals kept for the present (points_total, schema
 * 20) stand for the deputies no change has marked since they were computed; the
 * others are computed from their own records, and kept when the as-of time is
 * the present and no transaction is open. The result is the same either way.
 */
int points_compute(sqlite3 *db, const struct scope *sc, const struct points_query *q,
                   struct points_set *out);
void points_set_free(struct points_set *s);
/*
 * Brings the totals kept for the year up to date for the deputies in scope (those
 * a change marked computed and kept), before a reading that holds a transaction
 * of its own and so keeps nothing (the cockpit). No transaction may be open.
 */
int points_keep(sqlite3 *db, const struct scope *sc, int year);
/* The as-of time of text (NULL: now): a day stands for its last second. RD_INVALID. */
int points_asof(const char *text, char out[CLOCK_BUF]);

/* ---- corrections -------------------------------------------------------------- */

struct points_fix {
	const char *deputy; /* code or #id */
	const char *item;   /* an item the records missed, on day ... */
	const char *day;    /* YYYY-MM-DD */
	const char *voids;  /* ... or the key of an event that should not count */
	const char *reason;
	const char *at; /* NULL: now (demo data) */
};
/* Adds a correction (a new event with its reason); *id its id. */
int points_correct(sqlite3 *db, const struct scope *sc, const struct points_fix *f, int64_t *id);

/* ---- rankings in the open ------------------------------------------------------ */

/* Who the rankings are shown to beyond the clerks ([points] rankings). */
enum points_audience { PA_CLERKS, PA_DEPUTIES, PA_PUBLIC };
enum points_audience points_audience(void);
/* RD_OK when the setting lets rankings go to a; RD_DENIED saying the setting otherwise. */
int points_may_show(enum points_audience a);
/* Parses clerks, deputies or public. */
bool points_audience_parse(const char *s, enum points_audience *a);

#endif
