/*
 * A module's workbooks, as its registry row names them (modules.h): `renda
 * report NAME --out FILE.xlsx` is made from each report_def, with the options
 * the report takes. The CLI parses and checks them once for every report.
 * Output layer. Module prefix: report_.
 */
#ifndef RENDA_REPORT_H
#define RENDA_REPORT_H

#include <sqlite3.h>
#include <stdbool.h>

#include "model/core/scope.h"

/* The options a report takes beyond --out and --force. */
enum {
	REPORT_OPT_YEAR = 1 << 0,    /* --year Y */
	REPORT_OPT_TOWN = 1 << 1,    /* --town T */
	REPORT_OPT_PUBLIC = 1 << 2,  /* --public */
	REPORT_OPT_SESSION = 1 << 3, /* --session S */
	REPORT_OPT_KIND = 1 << 4,    /* --kind motion|suggestion */
	REPORT_OPT_UNIT = 1 << 5,    /* --unit U */
	REPORT_OPT_MONTH = 1 << 6,   /* --month M (with --year) */
	REPORT_OPT_LEVEL = 1 << 7,   /* --level city|town */
	REPORT_OPT_GROUP = 1 << 8,   /* --group G */
	REPORT_OPT_ASOF = 1 << 9,    /* --as-of DATE */
	REPORT_OPT_FOR = 1 << 10,    /* --for clerks|deputies|public */
};

struct report_query {
	int year;            /* 0 = the current year */
	int month;           /* 1-12 with year; 0 = the report's own default */
	const char *town;    /* name or code; NULL = every town in scope */
	bool public_;        /* mask voters' names and phones, leave out private content */
	const char *session; /* code; NULL = every session */
	const char *kind;    /* motion or suggestion; NULL = both */
	const char *unit;    /* name or code: that unit's handling sheet; NULL = the full report */
	const char *level;   /* city or town; NULL = both */
	const char *group;   /* a deputy group's code or name; NULL = every group */
	const char *asof;    /* "YYYY-MM-DD" or an ISO time: as of then; NULL = now */
	const char *for_;    /* clerks, deputies or public: who it is for; NULL = clerks */
	bool force;          /* replace an existing file */
};

struct report_def {
	const char *name;  /* "cases": the verb is `report cases` */
	const char *usage; /* msgid: its options after --out FILE.xlsx */
	const char *help;  /* msgid: what the workbook holds */
	unsigned opts;     /* REPORT_OPT_* */
	/* Writes the workbook to path (through a temporary file renamed into place;
	   without q->force an existing path is refused, RD_EXISTS); *rows is the
	   number of records in its detail sheet. */
	int (*write)(sqlite3 *db, const struct scope *sc, const char *path,
	             const struct report_query *q, long *rows);
	const char *wrote, *wrote_pl; /* msgids: "wrote %s: %ld case", plural */
};

/*
 * A report's book function: writes the workbook r describes to tmp (renamed
 * to path when it returns RD_OK), *count the records of its detail sheet.
 */
typedef int report_book_fn(void *r, sqlite3 *db, const struct scope *sc, const char *tmp,
                           const char *path, long *count);

/*
 * Runs book in one read transaction (stat_begin) through a temporary file beside
 * path (xsheet_write_file: without force an existing path is refused, RD_EXISTS).
 */
int report_write_file(sqlite3 *db, const struct scope *sc, const char *path, bool force,
                      report_book_fn *book, void *r, long *count);

/* What a report says it wrote ("wrote PATH: N cases", translated), without a newline
   (caller frees). */
char *report_said(const struct report_def *r, const char *path, long rows);

#endif
