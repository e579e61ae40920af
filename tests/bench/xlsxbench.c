/*
 * make bench: libxlsxwriter alone writing the detail sheet of `renda report cases`,
 * so that tests/bench/report.sh and scale.sh can show how much of the report's time
 * is the library's (the limit).
 *
 * Usage: xlsxbench DB YEAR FILE.xlsx: the same cells as the report's detail sheet
 * (each case of the year, read first through the report's own reader and kept in
 * memory, then written in constant-memory mode as the report writes them: numbers,
 * dates as dates, long texts wrapped). Only the writing is timed, in wall and CPU time.
 *
 * Usage: xlsxbench ROWS FILE.xlsx: ROWS copies of one typical row (no database).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <xlsxwriter.h>

#include "model/case/case_stats.h"
#include "model/core/db.h"
#include "model/core/scope.h"
#include "model/stat/stat.h"
#include "util/conf.h"
#include "util/err.h"
#include "util/xalloc.h"

/* A typical case, column by column (enum case_dcol). */
/* clang-format off */
static const char *const sample[CASE_NDCOLS] = {
	"2025-500123", "2025-03-05T10:22", "QR code", "当湖街道", "城市建设", "许明鹏 (97QAD4)", "",
	"张12", "13900012345", "第123456号：小区路灯不亮影响夜间出行",
	("群众反映该问题已经存在较长时间，晚上出行很不方便，存在安全隐患，希望有关部门尽快研究解决，"
	 "并建立长效管理机制，避免类似问题反复出现。"),
	"closed", "city office", "平湖市住房和城乡建设局", "", "2025-03-12", "on time", "2025-04-05",
	"on time", "已安排人员处理并完成整改，感谢您对我们工作的关心和支持。", "satisfied", "0", "0",
	"2025-03-30",
};
/* clang-format on */

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* CPU time of the process so far (user, system), in seconds. */
static void cpu(double *user, double *sys)
{
	struct rusage u;
	getrusage(RUSAGE_SELF, &u);
	*user = (double)u.ru_utime.tv_sec + (double)u.ru_utime.tv_usec / 1e6;
	*sys = (double)u.ru_stime.tv_sec + (double)u.ru_stime.tv_usec / 1e6;
}

/* A date or time cell of the detail ("YYYY-MM-DD" or "YYYY-MM-DDTHH:MM"), as sb_date reads it. */
static bool parse_date(const char *v, lxw_datetime *dt, bool *time)
{
	int y, mo, d, h = 0, mi = 0;
	*time = sscanf(v, "%4d-%2d-%2d%*1[T ]%2d:%2d", &y, &mo, &d, &h, &mi) == 5;
	if (!*time && sscanf(v, "%4d-%2d-%2d", &y, &mo, &d) != 3)
		return false;
	*dt = (lxw_datetime){.year = y, .month = mo, .day = d, .hour = h, .min = mi};
	return true;
}

/* A cell of the detail, a date or time already parsed (the report parses it as it writes). */
struct cell {
	char *text;
	bool date, time;
	lxw_datetime dt;
};

/* The same cells as the report's detail sheet: read them all, then time the writing. */
static int same_cells(const char *path, int year, const char *out)
{
	sqlite3 *db;
	struct scope sc;
	if (conf_load(NULL) || db_open(path, &db) || scope_load(db, &sc)) {
		fprintf(stderr, "xlsxbench: %s\n", err_msg());
		return 1;
	}
	struct stat_query q = {.year = year};
	struct case_detail *d = case_detail_open(db, &sc, &q, false, NULL);
	struct cell *cells = NULL;
	size_t n = 0, cap = 0;
	const char *vals[CASE_NDCOLS];
	int rc;
	while (d && (rc = case_detail_next(d, vals)) == RD_OK) {
		if (n == cap) {
			cap = cap ? cap * 2 : 4096;
			cells = xrealloc(cells, cap * CASE_NDCOLS * sizeof *cells);
		}
		for (int c = 0; c < CASE_NDCOLS; c++) {
			struct cell *k = &cells[n * CASE_NDCOLS + (size_t)c];
			k->text = xstrdup(vals[c]);
			k->date =
			    (case_dcols[c].kind == CD_DATE || case_dcols[c].kind == CD_DATETIME) &&
			    parse_date(vals[c], &k->dt, &k->time);
		}
		n++;
	}
	if (!d || rc != RD_NOTFOUND) {
		fprintf(stderr, "xlsxbench: %s\n", err_msg());
		return 1;
	}
	case_detail_close(d);
	scope_free(&sc);
	db_close(db);

	double t0 = now(), u0, s0, u1, s1;
	cpu(&u0, &s0);
	lxw_workbook_options o = {.constant_memory = LXW_TRUE};
	lxw_workbook *wb = workbook_new_opt(out, &o);
	lxw_worksheet *ws = wb ? workbook_add_worksheet(wb, "Cases") : NULL;
	if (!ws) {
		fprintf(stderr, "xlsxbench: cannot start %s\n", out);
		return 1;
	}
	lxw_format *date = workbook_add_format(wb), *datetime = workbook_add_format(wb),
	           *wrap = workbook_add_format(wb);
	format_set_num_format(date, "yyyy-mm-dd");
	format_set_num_format(datetime, "yyyy-mm-dd hh:mm");
	format_set_text_wrap(wrap);
	for (int c = 0; c < CASE_NDCOLS; c++)
		worksheet_write_string(ws, 0, (lxw_col_t)c, case_dcols[c].key, NULL);
	for (size_t r = 0; r < n; r++)
		for (int c = 0; c < CASE_NDCOLS; c++) {
			const struct cell *k = &cells[r * CASE_NDCOLS + (size_t)c];
			lxw_row_t row = (lxw_row_t)(r + 1);
			if (case_dcols[c].kind == CD_COUNT)
				worksheet_write_number(ws, row, (lxw_col_t)c, atof(k->text), NULL);
			else if (k->date)
				worksheet_write_datetime(ws, row, (lxw_col_t)c,
				                         (lxw_datetime *)&k->dt,
				                         k->time ? datetime : date);
			else if (*k->text)
				worksheet_write_string(ws, row, (lxw_col_t)c, k->text,
				                       case_dcols[c].kind == CD_LONG ? wrap : NULL);
		}
	lxw_error e = workbook_close(wb);
	double t = now() - t0;
	cpu(&u1, &s1);
	for (size_t i = 0; i < n * CASE_NDCOLS; i++)
		free(cells[i].text);
	free(cells);
	if (e) {
		fprintf(stderr, "xlsxbench: %s\n", lxw_strerror(e));
		return 1;
	}
	printf("libxlsxwriter alone, the same cells: %zu rows in %.3f s (CPU %.2f s user, %.2f s "
	       "system), %.0f rows/s\n",
	       n, t, u1 - u0, s1 - s0, (double)n / t);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 4)
		return same_cells(argv[1], atoi(argv[2]), argv[3]);
	if (argc != 3) {
		fprintf(stderr, "usage: xlsxbench DB YEAR FILE.xlsx | xlsxbench ROWS FILE.xlsx\n");
		return 2;
	}
	long rows = atol(argv[1]);
	double t0 = now();
	lxw_workbook_options o = {.constant_memory = LXW_TRUE};
	lxw_workbook *wb = workbook_new_opt(argv[2], &o);
	lxw_worksheet *ws = wb ? workbook_add_worksheet(wb, "Cases") : NULL;
	if (!ws) {
		fprintf(stderr, "xlsxbench: cannot start %s\n", argv[2]);
		return 1;
	}
	for (int c = 0; c < CASE_NDCOLS; c++)
		worksheet_write_string(ws, 0, (lxw_col_t)c, case_dcols[c].key, NULL);
	for (long r = 1; r <= rows; r++)
		for (int c = 0; c < CASE_NDCOLS; c++) {
			if (case_dcols[c].kind == CD_COUNT)
				worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)c,
				                       atof(sample[c]), NULL);
			else if (*sample[c])
				worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c, sample[c],
				                       NULL);
		}
	lxw_error e = workbook_close(wb);
	double t = now() - t0;
	if (e) {
		fprintf(stderr, "xlsxbench: %s\n", lxw_strerror(e));
		return 1;
	}
	printf("libxlsxwriter alone, the same columns: %ld rows in %.3f s, %.0f rows/s\n", rows, t,
	       (double)rows / t);
	return 0;
}
