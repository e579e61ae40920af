/*
 * What every workbook of the registry shares: the figures read in one read
 * transaction, the file written through a temporary file beside its path.
 */
#include "config.h"

#include <string.h>

#include "export/report.h"
#include "export/xsheet.h"
#include "model/stat/stat.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* What xsheet_write_file() hands back to the report's book function. */
struct book_job {
	report_book_fn *book;
	void *r;
	sqlite3 *db;
	const struct scope *sc;
	const char *path;
	long *count;
};

static int book_job_run(void *ctx, const char *tmp)
{
	struct book_job *j = ctx;
	return j->book(j->r, j->db, j->sc, tmp, j->path, j->count);
}

int report_write_file(sqlite3 *db, const struct scope *sc, const char *path, bool force,
                      report_book_fn *book, void *r, long *count)
{
	int rc = stat_begin(db);
	if (rc)
		return rc;
	struct book_job job = {book, r, db, sc, path, count};
	rc = xsheet_write_file(path, force, book_job_run, &job);
	stat_end(db);
	return rc;
}

char *report_said(const struct report_def *r, const char *path, long rows)
{
	/* The report's own msgids, each "wrote %s: %ld <records>\n". */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	char *said = xasprintf(P_(r->wrote, r->wrote_pl, (unsigned long)rows), path, rows);
#pragma GCC diagnostic pop
	said[strcspn(said, "\n")] = '\0';
	return said;
}
