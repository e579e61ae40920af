/*
 * A table of figures of the finance module (model/finance/finance.h): named
 * columns of text, amounts (fen, printed as yuan with two decimals), decimals
 * such as rates and points (hundredths, signed), whole numbers and days, and
 * rows of cells; a row may be marked as its level's total or as crossing a
 * warning's threshold. The CLI prints a table (TSV, CSV, JSON), the console
 * draws it with bars and the workbook writes it as a sheet, all from the same
 * cells, so a figure reads the same wherever it is printed.
 * Module prefix: ftab_.
 */
#ifndef RENDA_FTAB_H
#define RENDA_FTAB_H

#include <stdbool.h>
#include <stdint.h>

/* What a column holds. */
enum ftk {
	FTK_TEXT,  /* text */
	FTK_MONEY, /* an amount in fen, printed in yuan: "1234.56" */
	FTK_DEC,   /* hundredths, printed with two decimals: "12.34" (rates, points, scores) */
	FTK_INT,   /* a whole number */
	FTK_DATE,  /* a day, YYYY-MM-DD, as text */
};

/* Column flags. */
enum {
	FTC_CODE = 1,   /* the code a row is drilled into by (the next level's key) */
	FTC_NAME = 2,   /* the name of the row */
	FTC_LONG = 4,   /* long text: wrapped in a workbook, left out of the console's table */
	FTC_RATE = 8,   /* a per cent (FTK_DEC): a workbook writes it as a percentage */
	FTC_BAR = 16,   /* the per cent the console draws as a bar */
	FTC_MARK = 32,  /* the per cent the console marks on the bar (the time-elapsed schedule) */
	FTC_BRIEF = 64, /* shown in the console's table when the width allows */
};

struct ftab_col {
	const char *key;   /* the header of TSV, CSV and JSON */
	const char *label; /* msgid: the heading of a workbook and of the console */
	enum ftk kind;
	unsigned flags; /* FTC_* */
};

/* Row flags. */
enum {
	FTR_TOTAL = 1,  /* the total of the level (the first row of a drill-down) */
	FTR_YELLOW = 2, /* crosses a rule's yellow threshold */
	FTR_RED = 4,    /* crosses a rule's red threshold */
};

struct ftab_cell {
	char *text; /* owned: FTK_TEXT and FTK_DATE; NULL otherwise */
	int64_t v;  /* the number of the other kinds */
	bool none;  /* no value (a rate whose base is 0): printed empty */
};

struct ftab {
	char *title; /* owned, translated: what the table is, its period */
	char *note;  /* owned, translated, or NULL: a line under the title */
	const struct ftab_col *cols;
	int ncols;
	int nrows, cap;
	struct ftab_cell *cells; /* nrows * ncols */
	unsigned *flags;         /* nrows: FTR_* */
};

/* Starts an empty table with the columns (static storage); title is taken (a new string). */
void ftab_init(struct ftab *t, const struct ftab_col *cols, int ncols, char *title);
/* Appends a row (every cell without a value); returns its index. */
int ftab_add(struct ftab *t, unsigned flags);
/* Sets a text cell (a copy of s; NULL is ""). */
void ftab_text(struct ftab *t, int row, int col, const char *s);
/* Sets a number cell. */
void ftab_num(struct ftab *t, int row, int col, int64_t v);
/* Marks a number cell as having no value. */
void ftab_none(struct ftab *t, int row, int col);
/* The column of that key, or -1. */
int ftab_col(const struct ftab *t, const char *key);
/* A cell as printed ("1234.56", "12.34", "" for none); buf holds numbers. */
const char *ftab_out(const struct ftab *t, int row, int col, char buf[32]);
/* The number of a cell (0 when it has none). */
int64_t ftab_v(const struct ftab *t, int row, int col);
void ftab_free(struct ftab *t);

/* Writes an amount in fen as yuan with two decimals ("-1234.05"). */
void fin_money(int64_t fen, char out[32]);
/* The same for a reader: thousands grouped by commas ("-1,234,567.05"). */
void fin_money_grouped(int64_t fen, char out[40]);
/* Writes hundredths with two decimals ("12.50", "-0.05"). */
void fin_dec(int64_t h, char out[32]);
/*
 * The change from before to now in per cent, in hundredths rounded half away
 * from zero ((now - before) / before * 100); false when before is not above 0.
 */
bool fin_growth(int64_t now, int64_t before, int64_t *h);
/* num / den * 100 in hundredths rounded half-up, for num >= 0; false when den is not above 0. */
bool fin_pct(int64_t num, int64_t den, int64_t *h);

#endif
