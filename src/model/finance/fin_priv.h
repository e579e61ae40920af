/* What the files of model/finance/ share among themselves (not for other layers). */
#ifndef RENDA_FIN_PRIV_H
#define RENDA_FIN_PRIV_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "model/finance/finance.h"

/*
 * Reads one cell of field f: its text form as stored (*text, a new string, for
 * text, code, date and choice fields) or its number (*num: fen, hundredths, a
 * year), *set false when the cell is empty. A period goes into *per. Returns
 * NULL, or the reason (translated) it is not a value of the field.
 */
const char *fin_value(sqlite3 *db, const struct fin_field *f, const char *raw, char **text,
                      int64_t *num, bool *set, struct fin_period *per);
/* A stored value as a person reads it in a difference ("1234.56", a choice's code). */
char *fin_value_show(const struct fin_field *f, const char *text, int64_t num, bool set);

/* The unit whose rows a scope sees: 0 for all (FIN_ALL). */
int64_t fin_unit_of(const struct scope *sc);

/* A rule as the checks read it. */
struct fin_rule {
	int64_t id;
	char code[40], measure[24], scope[16], per[12];
	char *name, *datasets;
	int64_t yellow, red, min; /* red -1 when none */
	bool has_red;
};
/* The enabled rules of a measure watching dataset; *n of them (free with fin_rules_free). */
int fin_rules_of(sqlite3 *db, const char *measure, const char *dataset, struct fin_rule **out,
                 int *n);
void fin_rules_free(struct fin_rule *r, int n);

/*
 * The severity (1 yellow, 2 red, 0 none) of a measure whose value is num / den * 100
 * (per cent, points, or days and months with den 100) against a rule's thresholds
 * (hundredths): value > threshold (value >= threshold for months), compared exactly.
 */
int fin_severity(const struct fin_rule *r, int64_t num, int64_t den);
/* num / den * 100 in hundredths, rounded half away from zero (den > 0). */
int64_t fin_ratio_h(int64_t num, int64_t den);

#endif
