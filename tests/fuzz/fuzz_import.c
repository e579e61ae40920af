/*
 * The importers, one target each (built with -DFUZZ_IMPORT=...): deputies, voter issues,
 * the calendar, and reference data of the kind the input's first byte picks. Each input
 * runs on a fresh copy of the template database, as an administrator or (first byte
 * odd) a town clerk; all or nothing, then the chain must still verify.
 */
#include "config.h"

#include "model/case/case.h"
#include "model/core/audit.h"
#include "model/core/ref.h"
#include "tests/fuzz/fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_template();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	sqlite3 *db = fuzz_db();
	struct scope sc;
	fuzz_scope(&sc, data, size);
	const char *path = fuzz_file(data + 1, size - 1, "in.csv");
	struct import_report rep;
#if FUZZ_IMPORT == 1
	deputy_import(db, &sc, path, &rep);
#elif FUZZ_IMPORT == 2
	case_import(db, &sc, path, &rep);
#elif FUZZ_IMPORT == 3
	ref_import(db, &sc, ref_kind_find("calendar"), path, &rep);
#else
	ref_import(db, &sc, &ref_kinds[(data[0] >> 1) % ref_nkinds], path, &rep);
#endif
	import_report_free(&rep);
	int64_t n, bad;
	if (audit_verify(db, &n, &bad)) {
		fprintf(stderr, "fuzz: the audit chain broke at row %lld: %s\n", (long long)bad,
		        err_msg());
		abort();
	}
	scope_free(&sc);
	db_close(db);
	return 0;
}
