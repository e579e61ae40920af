/*
 * The data cockpit (数据驾驶舱, DESIGN 4.7): the few figures that say how the
 * committee is doing, for the user's scope, a period and an as-of time, read
 * from every module through the registry (modules.h): voter issues, motions
 * and suggestions, livelihood projects, deputies, finance warnings.
 *
 * Each figure names the module and the filter (model/core/module.h) whose
 * list holds exactly the records it counts, so opening a figure is one call
 * into that module's listing. A count is the count of that listing: as of
 * now the listing itself counts it; as of a past time the same listing, with
 * the state and the deadlines the records had then taken from their own
 * histories (wf_event, wf_clock). Rates are those of the modules' statistics
 * providers (model/stat), never a second definition; as of a past time they are
 * exact where the provider reads the histories (STAT_OPT_ASOF: every one the cockpit
 * reads).
 * The figures of a past day are kept once computed (schema 24, table cockpit_kept) for
 * the scope, as-of time and period; a change that can move them deletes them (the
 * schema's triggers), and the next reading computes them again.
 * Model layer. Module prefix: cockpit_.
 */
#ifndef RENDA_COCKPIT_H
#define RENDA_COCKPIT_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "model/core/module.h"
#include "model/core/scope.h"
#include "util/datetime.h"

/* What a figure holds. */
enum cockpit_kind {
	CK_COUNT,    /* records: the count of the list it opens */
	CK_RATE,     /* per cent in hundredths (a statistics provider's rate); STAT_NONE: none */
	CK_PROGRESS, /* per cent in hundredths, drawn as a bar (a project's progress) */
	CK_POINTS,   /* duty points in hundredths (a deputy's total) */
};

#define COCKPIT_NFILTER 4
struct cockpit_fig {
	char *key;   /* owned: stable name ("case.open", "case.category.03") */
	char *label; /* owned, translated */
	char *msgid; /* owned: label untranslated; NULL when the label is a record's name */
	enum cockpit_kind kind;
	int64_t value;      /* a count, or hundredths */
	bool bar;           /* one of a panel's bars (by category, a project's progress) */
	bool asof_exact;    /* the figure of a past as-of time is read from the histories */
	const char *module; /* the registry's module whose list it opens; NULL: none */
	int nf;             /* the filter of that list */
	char *fkey[COCKPIT_NFILTER], *fval[COCKPIT_NFILTER]; /* owned */
};

struct cockpit_panel {
	const char *key;  /* "cases", "suggestions", "projects", "deputies", "warnings" */
	char *title;      /* owned, translated */
	const char *bars; /* what its bars are, translated ("By category"); NULL: none */
	struct cockpit_fig *f;
	int n;
};

enum cockpit_period { COCKPIT_YEAR, COCKPIT_MONTH };

struct cockpit_query {
	const char *asof; /* "YYYY-MM-DD" (its end) or an ISO time; NULL: now */
	enum cockpit_period period;
};

struct cockpit {
	char asof[CLOCK_BUF]; /* the as-of time used */
	bool past;            /* an as-of time was given: states come from the histories */
	int year, month;      /* of the as-of time */
	enum cockpit_period period;
	struct cockpit_panel *p;
	int np;
};

/*
 * The cockpit of the scope sc for q: only the panels of the modules sc may open.
 * RD_INVALID for an as-of time that is not one. Free with cockpit_free().
 */
int cockpit_compute(sqlite3 *db, const struct scope *sc, const struct cockpit_query *q,
                    struct cockpit *out);
void cockpit_free(struct cockpit *c);
/* The filter of the list a figure opens (its strings stay the figure's). */
void cockpit_filter(const struct cockpit_fig *f, struct filter *out);
/* The value as text ("12", "66.67"); "" when it has none. */
const char *cockpit_text(const struct cockpit_fig *f, char buf[32]);
/* Parses "year" or "month". */
bool cockpit_period_parse(const char *s, enum cockpit_period *p);

#endif
