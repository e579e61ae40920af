/*
 * make bench: libxlsxwriter alone writing rows shaped like the detail sheet of
 * `renda report cases` (the same columns, typical values, constant-memory mode), so
 * that tests/bench/report.sh can show how much of the report's time is the library's.
 * Usage: xlsxbench ROWS FILE.xlsx
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <xlsxwriter.h>

#include "model/case/case_stats.h"

/* A typical case, column by column (enum case_dcol). */
/* clang-format off */
static const char *const sample[CASE_NDCOLS] = {
	"2025-500123", "2025-03-05T10:22", "QR code", "当湖街道", "城市建设", "许明鹏 (97QAD4)", "",
	"张12", "13900012345", "第123456号：小区路灯不亮影响夜间出行",
	"群众反映该问题已经存在较长时间，晚上出行很不方便，存在安全隐患，希望有关部门尽快研究解决，"
	"并建立长效管理机制，避免类似问题反复出现。",
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

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: xlsxbench ROWS FILE.xlsx\n");
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
