/*
 * Deputies' activities (履职活动, DESIGN 4.5): meetings of the congress or its
 * standing committee sat in on, inspections (视察), research (调研), law-
 * enforcement checks (执法检查), receptions of voters at a liaison station
 * (进站接待), training, deputy groups' activities, report-backs to voters
 * (述职) and others. A clerk plans one (kind, organiser, time, place, capacity,
 * who may sign up: a level, a town, a deputy group) and opens it for sign-up;
 * deputies sign up (点单) and a clerk confirms or declines; the sign-up closes;
 * after the activity the clerk records each confirmed deputy present (出席), on
 * leave (请假, with the reason) or absent (缺席), completes the record and
 * archives it; an activity may be cancelled before it is held. The attendance
 * enters each deputy's archive and duty points by itself (model/points).
 *
 * The flow is the table activity_flow in activity.c, run by the workflow driver
 * (model/flow/flow.h). Scope: the city's clerks plan and run the city's
 * activities and every town's; a town clerk those of the town; viewers read
 * them all; unit operators none.
 */
#ifndef RENDA_ACTIVITY_H
#define RENDA_ACTIVITY_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "model/core/module.h"
#include "model/core/scope.h"
#include "model/flow/flow.h"

extern const struct wf_def activity_flow;
/* The generic parts' view of the activities: filters, listing, record, parts. */
extern const struct mod_model activity_model;

/*
 * The scope rule, on the alias a of activity, bound by case_scope_bind() to
 * ?101 (role), ?102 (town) and ?103 (unit): the city's clerks, administrators
 * and viewers see every activity, a town clerk those of the town.
 */
#define ACTIVITY_SCOPE_SQL                                                                         \
	"(" SCOPE_SEES_ALL_101 " OR (?101 = 'town-clerk' AND a.town_id = "                         \
	"?102))"

/* The kinds of activities, in the order forms and statistics show them. */
#define ACTIVITY_KINDS                                                                             \
	"meeting|inspection|research|enforcement|reception|training|group|report|other"
/* The word of a kind (translated); the kind itself when unknown. */
const char *activity_kind_label(const char *kind);

/* A new activity. */
struct activity_new {
	const char *kind; /* one of ACTIVITY_KINDS */
	const char *title;
	const char *organiser; /* NULL: the committee's office, or the town's congress body */
	const char *town;      /* the organising town (name or code); NULL: the city (a town
	                          clerk's own town always) */
	const char *starts;    /* "YYYY-MM-DD" or "YYYY-MM-DD HH:MM" */
	const char *ends;      /* the same, or NULL */
	const char *place;
	int capacity;          /* 0: no limit */
	const char *for_level; /* city or town; NULL: both */
	const char *for_town;  /* name or code; NULL: any */
	const char *for_group; /* name or code; NULL: any */
	const char *content;   /* what it is about */
	const char *at;        /* ISO time it was planned; NULL = now (demo data) */
	bool generated;        /* demo data: no audit row of its own */
};

/* Plans an activity; *id its id. The second inside the caller's transaction. */
int activity_add(sqlite3 *db, const struct scope *sc, const struct activity_new *n, int64_t *id);
int activity_add_tx(sqlite3 *db, const struct scope *sc, const struct activity_new *n, int64_t *id);
/* May the scope plan activities at all (the creation row's roles)? */
bool activity_may_add(const struct scope *sc);

/* RD_OK when the scope may open the activities at all (a unit operator has none). */
int activity_may_open(const struct scope *sc);

/* Finds an activity in scope by id ("12", "#12") or number ("HD2026-003"). */
int activity_find(sqlite3 *db, const struct scope *sc, const char *ref, int64_t *id);

/*
 * One activity for show: id, number, kind, title, organiser, town, level,
 * starts_at, ends_at, place, capacity, for_level, for_town, for_group, who
 * (who may sign up, in words), content, state, requested, confirmed,
 * present, leave, absent, created_at, closed_at, version.
 */
int activity_info(sqlite3 *db, const struct scope *sc, int64_t id, struct tbl *out);
/* Sign-ups: name, code, status (requested, confirmed, declined, withdrawn), signed, answered. */
int activity_signups(sqlite3 *db, const struct scope *sc, int64_t id, struct tbl *out);
/*
 * Attendance (the part "roll"), the latest of each deputy: name, code, status (present, leave,
 * absent), reason, recorded, account, changes (rows recorded before it).
 */
int activity_attendance(sqlite3 *db, const struct scope *sc, int64_t id, struct tbl *out);

/* The activities in scope that pass f (activity_model's filters), newest first. */
struct pager;
int listing_activities(sqlite3 *db, const struct scope *sc, const struct filter *f,
                       struct pager **out);

/* Which deputies listing_activity_deputies() lists. */
enum activity_deps {
	AD_ELIGIBLE,  /* who may still sign up: eligible, in office, not signed up */
	AD_REQUESTED, /* sign-ups waiting for an answer */
	AD_SIGNED,    /* sign-ups requested or confirmed (to withdraw) */
	AD_CONFIRMED, /* confirmed sign-ups, with their attendance so far */
};
/* Deputies to pick for an activity: columns code, name, level, town, status. */
struct pager *listing_activity_deputies(sqlite3 *db, const struct scope *sc, int64_t id,
                                        enum activity_deps mode);

/* What the attendance command records in one transaction (renda activity attendance). */
struct activity_marks {
	const char *const *present, *const *leave, *const *absent; /* deputies by code */
	int npresent, nleave, nabsent;
	const char *reason; /* the reason of the leaves */
	bool done;          /* then complete the record (record) */
	int64_t version;    /* the version seen; 0: not checked */
};
/* Takes the steps present, leave, absent (and record) on activity id, all or none. */
int activity_mark(sqlite3 *db, const struct scope *sc, int64_t id, const struct activity_marks *m);

#endif
