/*
 * Voter issues (码上提、马上办 / 民情直通): a voter reaches a deputy through the
 * deputy's QR code (or by phone, or at a liaison station); the deputy replies
 * or forwards the issue to the office that reviews it; the office rejects it
 * or assigns it to a handling unit; the unit responds and replies within
 * deadlines; the voter evaluates; the case closes. The flow is the table
 * case_flow in case.c, run by the workflow engine (workflow.h).
 *
 * Scope: town clerks see and act on their town's cases; unit operators on the
 * cases assigned to their unit; others on all. Viewers and public exports
 * never see the voter's name or phone.
 */
#ifndef RENDA_CASE_H
#define RENDA_CASE_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "model/core/ref.h"
#include "model/core/scope.h"
#include "model/flow/workflow.h"

extern const struct wf_def case_flow;

/* A new case, as typed by a clerk or read from an import file. */
struct case_new {
	const char *submitted_at; /* ISO 8601; NULL = now */
	const char *deputy;       /* deputy code (or #id); NULL when it came to a station */
	const char *station;      /* liaison station name or code */
	const char *channel;      /* qr, phone, station, other */
	const char *voter_name, *voter_phone;
	const char *town;         /* name or code; NULL = the deputy's or station's town */
	const char *category;     /* name or code (required) */
	const char *title, *content;
	const char *external_id;  /* the intake page's id: importing it twice adds one case */
	bool private_case;        /* content, progress and reply are not public */
};

/* Adds a case in state received; *id its id. RD_EXISTS (with *id) for a known external_id. */
int case_add(sqlite3 *db, const struct scope *sc, const struct case_new *c, int64_t *id);

/* What an action needs (see case_flow); unused fields are NULL / 0. */
struct case_act_args {
	const char *text;        /* reason, response, reply, note */
	const char *unit;        /* lead unit (assign) */
	const char *const *support; /* supporting units (assign) */
	int nsupport;
	const char *level;       /* city or town (forward) */
	const char *eval;        /* satisfied, basic, unsatisfied (evaluate) */
	bool private_text;       /* the text is not public */
	int64_t version;         /* 0 = don't check */
};

/* Takes a workflow action on a case: one transaction with its event, clocks and audit row. */
int case_act(sqlite3 *db, const struct scope *sc, int64_t id, const char *action,
             const struct case_act_args *a);
/*
 * The actions the scope may take on the case now, as a '|' list in the order of
 * case_flow ("" when none): the state and role rules of the table, and those that
 * case_act() adds (the town clerk's town, the lead unit, the reviewing office, the
 * window to return). *out is a new string; caller frees.
 */
int case_actions(sqlite3 *db, const struct scope *sc, int64_t id, char **out);
/* The scope may record new cases (case_add, case_import): clerks and administrators. */
bool case_may_add(const struct scope *sc);
/* The scope may record deputies' comments and likes: everyone who writes but units. */
bool case_may_comment(const struct scope *sc);

/* Finds a case in scope by id or number ("2026-000123"). */
int case_find(sqlite3 *db, const struct scope *sc, const char *ref, int64_t *id);

struct case_filter {
	const char *search;   /* full text (1-2 character Chinese queries too) */
	const char *regex;    /* PCRE2 over title, content and reply */
	int year;             /* of submission; 0 = any */
	const char *category; /* name or code */
	const char *town;
	const char *state;    /* a state name, or "open" */
	const char *deputy;   /* code */
	const char *unit;     /* name or code: cases assigned to it */
	bool overdue;         /* a running deadline is past */
	bool due_soon;        /* a running deadline falls within [workflow] due_soon_days */
	int limit;            /* 0 = all */
};

/*
 * Lists cases in scope: id, number, submitted, state, town, category, deputy,
 * title, unit, respond_due, reply_due, overdue (1 when a running deadline is
 * past, 0 otherwise), due_soon. Caller finalizes; step with case_list_step()
 * so that a regex filter is applied.
 */
struct case_list;
struct case_list *case_list_open(sqlite3 *db, const struct scope *sc, const struct case_filter *f);
/* Next row (RD_OK), RD_NOTFOUND at the end, or an error. */
int case_list_next(struct case_list *l, sqlite3_stmt **row);
void case_list_close(struct case_list *l);
/*
 * The full-text condition of a search, as case_list_open() applies it: returns the
 * SQL (static: "v.id IN (...)" with one '?' for *match) that keeps the cases (alias
 * v) whose title, content or reply contain text: the trigram index for three
 * characters or more, the index of single characters for one or two. *match is a
 * new string; caller frees.
 */
const char *case_search_cond(const char *text, char **match);

/* One case's fields for show: label/value pairs in order; caller frees with case_info_free. */
struct case_info {
	int n;
	const char **keys;
	char **vals;
};
int case_info(sqlite3 *db, const struct scope *sc, int64_t id, struct case_info *out);
void case_info_free(struct case_info *ci);

/* The event history of a case (at, account, role, action, from, to, text, unit); caller finalizes. */
sqlite3_stmt *case_events(sqlite3 *db, const struct scope *sc, int64_t id);

/* The deadline clocks of a case (see wf_clocks()); caller finalizes. */
sqlite3_stmt *case_clocks(sqlite3 *db, const struct scope *sc, int64_t id);

/* Records a chase (催办) on an open case: an event; the deadline is unchanged. */
/* (it is the action "chase" of case_act) */

/* A deputy's comment (留言) with an optional rating 1-5 (0 = none). */
int case_comment(sqlite3 *db, const struct scope *sc, int64_t id, const char *deputy,
                 const char *text, int rating);
/* A deputy's like (点赞); one per deputy: a second like is refused (RD_EXISTS). */
int case_like(sqlite3 *db, const struct scope *sc, int64_t id, const char *deputy);
/* A case's comments (at, deputy name, deputy code, rating or "", text), oldest first;
   NULL (with a message) when the case is out of scope. Caller finalizes. */
sqlite3_stmt *case_comments(sqlite3 *db, const struct scope *sc, int64_t id);
/* A case's likes (at, deputy name, deputy code), oldest first; as case_comments(). */
sqlite3_stmt *case_likes(sqlite3 *db, const struct scope *sc, int64_t id);

/*
 * Imports cases from CSV (DESIGN 6: submitted_at, deputy_code, channel,
 * voter_name, voter_phone, town, category, title, content, optional
 * external_id); all rows or none; a known external_id is skipped (counted
 * unchanged), so a re-import adds nothing.
 */
int case_import(sqlite3 *db, const struct scope *sc, const char *path, struct import_report *rep);

/* Keeps the full-text indexes in step with a case's title, content and reply. */
int case_index(sqlite3 *db, int64_t id, const char *old_title, const char *old_content,
               const char *old_reply);
/* Rebuilds both full-text indexes from the cases (after a bulk load). */
int case_reindex(sqlite3 *db);
/* Returns the text with every non-ASCII character standing alone (for the character index). */
char *case_chars(const char *text);

#endif
