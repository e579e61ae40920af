/*
 * The console's page of an audit row names each field of the record before and after
 * the change by vocab_column(), and so does the page of an exchange conflict: every
 * column of every table whose rows audit rows keep (the records of each module's
 * workflow, the reference data, and the others audit_snapshot() is called on) or that a
 * town and the city exchange has a word in the Chinese catalogue, so that a clerk never
 * reads a column's code (choose, pass_num, listed_on...) there.
 */
#include "config.h"

#include <ctype.h>
#include <libintl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/core/db.h"
#include "model/core/ref.h"
#include "model/core/vocab.h"
#include "model/flow/workflow.h"
#include "model/sync/sync_def.h"
#include "modules.h"
#include "tap.h"
#include "tap_db.h"
#include "util/err.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

/* The tables audit_snapshot() is called on by name (grep audit_snapshot src/model), and
   the versions of the points' rules, which audit rows keep whole with their rules. */
static const char *const named[] = {"app_user",          "fin_review",    "fin_policy",
                                    "fin_rule",          "fin_import",    "vcase_comment",
                                    "points_correction", "points_version"};
/* Keys audit rows keep that are no column: a version's rules, the audit key's row, and
   what a demo generated (model/core/demo.c, model/core/audit.c). */
static const char *const keys[] = {"rules",
                                   "key_id",
                                   "generated_cases",
                                   "generated_suggestions",
                                   "generated_activities",
                                   "generated_steps",
                                   "generated_warnings"};

/* True when s holds a character outside ASCII (a Chinese word). */
static bool chinese(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return true;
	return false;
}

/*
 * The values a coded column may hold, as its table's CHECK constraint lists them
 * ("col = 'a' OR col = 'b'", or "col IN ('a', 'b')"): adds to bad, as
 * "table.column=value", each that has no Chinese word. *n counts the values looked at.
 */
static void check_values(const char *sql, const char *table, const char *col, struct sbuf *bad,
                         int *n)
{
	char eq[80], in[80];
	snprintf(eq, sizeof eq, "%s = '", col);
	snprintf(in, sizeof in, "%s IN (", col);
	size_t ne = strlen(eq), ni = strlen(in);
	for (const char *p = sql; *p; p++) {
		/* Only the column's own name: not the end of a longer one. */
		if (p > sql && (isalnum((unsigned char)p[-1]) || p[-1] == '_'))
			continue;
		const char *q = NULL, *end = NULL;
		if (!strncmp(p, eq, ne)) {
			q = p + ne - 1;
			end = q + 1;
			end = strchr(end, '\'');
			end = end ? end + 1 : NULL;
		} else if (!strncmp(p, in, ni)) {
			q = p + ni;
			end = strchr(q, ')');
		}
		for (; q && end && q < end; q++) {
			if (*q != '\'')
				continue;
			const char *e = strchr(q + 1, '\'');
			if (!e || e >= end + 1)
				break;
			char v[64];
			snprintf(v, sizeof v, "%.*s", (int)(e - q - 1), q + 1);
			(*n)++;
			if (!chinese(vocab_out(vocab_field_in(table, col), v)))
				sbuf_printf(bad, " %s.%s=%s", table, col, v);
			q = e;
		}
	}
}

/* Adds to missing each column of table that has no Chinese word, as "table.column"; and
   to bad each value of a coded column that has none. */
static struct sbuf bad = SBUF_INIT;
static int nvalues;

static void check_table(sqlite3 *db, const char *table, struct sbuf *missing, int *columns)
{
	char *sql = NULL;
	sqlite3_stmt *st = NULL;
	if (!sqlite3_prepare_v2(db, "SELECT sql FROM sqlite_schema WHERE name = ?", -1, &st,
	                        NULL)) {
		sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
			sql = xstrdup((const char *)sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
		st = NULL;
	}
	if (sqlite3_prepare_v2(db, "SELECT name FROM pragma_table_info(?)", -1, &st, NULL)) {
		sbuf_printf(missing, " %s(?)", table);
		return;
	}
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	int n = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *col = (const char *)sqlite3_column_text(st, 0);
		n++;
		if (!chinese(vocab_column(col)))
			sbuf_printf(missing, " %s.%s", table, col);
		if (sql && vocab_has(vocab_field_in(table, col)))
			check_values(sql, table, col, &bad, &nvalues);
	}
	sqlite3_finalize(st);
	free(sql);
	if (!n)
		sbuf_printf(missing, " %s(no such table)", table);
	*columns += n;
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	setenv("LANGUAGE", "zh_CN", 1);
	const char *localedir = getenv("RENDA_LOCALEDIR");
	bindtextdomain(PACKAGE, localedir && *localedir ? localedir : LOCALEDIR);
	textdomain(PACKAGE);
	ok(vocab_translating(), "the Chinese catalogue is in use (%s)",
	   localedir ? localedir : LOCALEDIR);
	struct tap_db t;
	sqlite3 *db = tap_db_new(&t, "vocab");
	if (db) {
		struct sbuf missing = SBUF_INIT;
		int columns = 0, tables = 0;
		for (int i = 0; i < nmodules; i++)
			if (modules[i].flow && modules[i].flow->table) {
				check_table(db, modules[i].flow->table, &missing, &columns);
				tables++;
			}
		for (int i = 0; i < ref_nkinds; i++) {
			check_table(db, ref_kinds[i].table, &missing, &columns);
			tables++;
		}
		/* An exchange conflict's page names the fields of the records and parts a
		   town and the city exchange (model/sync), and of the engine's steps and
		   deadlines, which go with them. */
		for (int i = 0; i < nmodules; i++) {
			const struct sync_def *x = modules[i].sync;
			if (!x)
				continue;
			check_table(db, x->table, &missing, &columns);
			tables++;
			for (int k = 0; k < x->nparts; k++) {
				check_table(db, x->parts[k].table, &missing, &columns);
				tables++;
			}
			if (modules[i].flow && modules[i].flow->units) {
				check_table(db, modules[i].flow->units, &missing, &columns);
				tables++;
			}
		}
		check_table(db, "wf_event", &missing, &columns);
		check_table(db, "wf_clock", &missing, &columns);
		tables += 2;
		for (size_t i = 0; i < N_OF(named); i++) {
			check_table(db, named[i], &missing, &columns);
			tables++;
		}
		for (size_t i = 0; i < N_OF(keys); i++)
			if (!chinese(vocab_column(keys[i])))
				sbuf_printf(&missing, " %s", keys[i]);
		ok(tables > 20 && columns > 200, "%d tables, %d columns looked at", tables,
		   columns);
		ok(missing.len == 0, "every column and key audit rows keep has a Chinese word");
		if (missing.len)
			printf("# without one:%s\n", sbuf_str(&missing));
		ok(nvalues > 50, "%d values of coded columns looked at (their CHECK constraints)",
		   nvalues);
		ok(bad.len == 0, "every value a coded column may hold has a Chinese word");
		if (bad.len)
			printf("# without one:%s\n", sbuf_str(&bad));
		sbuf_free(&bad);
		/* A name that means other codes in one table: a units table's role. */
		is_str(vocab_out(vocab_field_in("vcase_unit", "role"), "lead"), "主办单位",
		       "a voter issue's lead unit is its 主办单位");
		is_str(vocab_out(vocab_field_in("suggestion_reply", "role"), "lead"), "领衔代表",
		       "  the lead of a reply to a motion its 领衔代表");
		is_str(vocab_out(vocab_field_in("app_user", "role"), "town-clerk"),
		       "镇（街道）工作人员", "  an account's role its role");
		sbuf_free(&missing);
		tap_db_end(&t);
	}
	return tap_done();
}
