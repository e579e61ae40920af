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

#include "model/core/module.h"
#include "model/core/ref.h"
#include "model/core/scope.h"
#include "model/flow/flow.h"

extern const struct wf_def case_flow;
/* The generic parts' view of voter issues: filters, listing, record, parts (module.h). */
extern const struct mod_model case_model;

/* A new case, as typed by a clerk or read from an import file. */
struct case_new {
	const char *submitted_at; /* ISO 8601; NULL = now */
	const char *deputy;       /* deputy code (or #id); NULL when it came to a station */
	const char *station;      /* liaison station name or code */
	const char *channel;      /* qr, phone, station, other */
	const char *voter_name, *voter_phone;
	const char *town;     /* name or code; NULL = the deputy's or station's town */
	const char *category; /* name or code (required) */
	const char *title, *content;
	const char *external_id; /* the intake page's id: importing it twice adds one case */
	bool private_case;       /* content, progress and reply are not public */
};

/* Adds a case in state received; *id its id. RD_EXISTS (with *id) for a known external_id. */
int case_add(sqlite3 *db, const struct scope *sc, const struct case_new *c, int64_t *id);

/*
 * A case's steps are taken by the workflow driver: flow_act(db, sc, &case_flow,
 * id, action, args) (model/flow/flow.h), and flow_actions() lists those the scope
 * may take now.
 */
/* The scope may record new cases (case_add, case_import): clerks and administrators. */
bool case_may_add(const struct scope *sc);
/* The scope may record deputies' comments and likes: everyone who writes but units. */
bool case_may_comment(const struct scope *sc);

/* Finds a case in scope by id or number ("2026-000123"). */
int case_find(sqlite3 *db, const struct scope *sc, const char *ref, int64_t *id);

/*
 * The cases in scope that pass f (the filter keys of case_model: search, regex,
 * year, category, town, state or "open", deputy, unit, overdue, due_soon), newest first, for the
 * console and the CLI alike (model/core/pager.h): columns due (a marker: "overdue", "soon" or ""),
 * number, submitted, state, town, category, deputy (or the station), title,
 * unit (the lead unit), respond_due, reply_due, next_due (the next running
 * deadline, followed by '?' when provisional), then hidden overdue, due_soon
 * and provisional (1 or 0: the next deadline's year has no holidays loaded)
 * and version. RD_INVALID naming the field for an unknown
 * category, town, unit, deputy or state, or a bad pattern.
 */
struct pager;
int listing_cases(sqlite3 *db, const struct scope *sc, const struct filter *f, struct pager **out);
/* The columns the CLI lists ("id" is the row's id), in order. */
#define CASE_LIST_NKEYS 14
extern const char *const case_list_keys[CASE_LIST_NKEYS];
/*
 * The deputies in office, for a comment or a like on a case (every deputy may
 * comment on every case): columns code, name, level, town.
 */
struct pager *listing_case_deputies(sqlite3 *db, const struct scope *sc);

/*
 * One case's fields for show: one row whose columns are id, number,
 * submitted_at, channel, state, level, town, category, deputy, station,
 * voter_name, voter_phone (masked for viewers), private, title, content, lead_unit,
 * support_units, reply (content and reply "(private)" for viewers of a private
 * case), evaluation, rounds, respond_due, reply_due, overdue, likes, comments,
 * external_id, version. Free with tbl_free(). The history is flow_events().
 */
int case_info(sqlite3 *db, const struct scope *sc, int64_t id, struct tbl *out);

/* Records a chase (催办) on an open case: an event; the deadline is unchanged. */
/* (it is the action "chase" of case_flow) */

/* A deputy's comment (留言) with an optional rating 1-5 (0 = none). */
int case_comment(sqlite3 *db, const struct scope *sc, int64_t id, const char *deputy,
                 const char *text, int rating);
/* A deputy's like (点赞); one per deputy: a second like is refused (RD_EXISTS). */
int case_like(sqlite3 *db, const struct scope *sc, int64_t id, const char *deputy);
/* A case's comments (at, deputy, code, rating or "", text), oldest first; RD_NOTFOUND out of
   scope. Free with tbl_free(). */
int case_comments(sqlite3 *db, const struct scope *sc, int64_t id, struct tbl *out);
/* A case's likes (at, deputy, code), oldest first; as case_comments(). */
int case_likes(sqlite3 *db, const struct scope *sc, int64_t id, struct tbl *out);

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
/*
 * The character index (vcase_chars, FTS5 without positions): a case is indexed by the
 * set of characters of its title, content and reply, each a token "u" + its code point
 * in hex (ASCII letters in lower case, as LIKE ignores their case). Returns the tokens
 * of text's characters; caller frees.
 */
char *case_chars(const char *text);

/* What a search's FTS query finds (case_search_query()). */
enum {
	CASE_SEARCH_TRIGRAM,  /* 3 characters: the trigram index, exactly the items holding them */
	CASE_SEARCH_TRIGRAMS, /* 4+: the trigram index, items holding every trigram asked for
	                         (check the text: the trigrams may lie apart) */
	CASE_SEARCH_CHAR,     /* 1 character: the index of characters, exactly */
	CASE_SEARCH_PAIR,     /* 2 characters: the index of characters, items holding both
	                         (check the pair) */
};
/* The FTS query of a search for text in *match (new string) and what it finds. */
int case_search_query(const char *text, char **match);
/* True when kind is found through the trigram index. */
#define CASE_SEARCH_TRI(kind) ((kind) == CASE_SEARCH_TRIGRAM || (kind) == CASE_SEARCH_TRIGRAMS)
/* True when the items kind finds must still be checked for the text (LIKE). */
#define CASE_SEARCH_CHECK(kind) ((kind) == CASE_SEARCH_TRIGRAMS || (kind) == CASE_SEARCH_PAIR)

#endif
