/*
 * Shared parts of the fuzz targets (libFuzzer; configure --enable-fuzzing with
 * clang; tools/dev fuzz runs each briefly on its corpus in corpus/NAME/). Inputs
 * go to a file, since renda's parsers read files; the importers run on a fresh
 * copy of a database made once, so that every input meets the same records.
 */
#ifndef RENDA_FUZZ_H
#define RENDA_FUZZ_H

#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/core/admin.h"
#include "model/core/db.h"
#include "model/core/scope.h"
#include "model/deputy/deputy.h"
#include "util/err.h"
#include "util/xalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* The deputy every importer's corpus names: code FUZZ_CODE_BODY + its check character. */
#define FUZZ_CODE_BODY "K7M2Q"

static char fuzz_dir[64];

/* A private directory for the run's files (made once). */
static const char *fuzz_tmp(void)
{
	if (!fuzz_dir[0]) {
		snprintf(fuzz_dir, sizeof fuzz_dir, "/tmp/renda-fuzz.XXXXXX");
		if (!mkdtemp(fuzz_dir))
			abort();
	}
	return fuzz_dir;
}

/* Writes the input to a file of the run; returns its path (static storage). */
static const char *fuzz_file(const uint8_t *data, size_t size, const char *name)
{
	static char path[128];
	snprintf(path, sizeof path, "%s/%s", fuzz_tmp(), name);
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(data, 1, size, f) != size || fclose(f))
		abort();
	return path;
}

static void fuzz_copy(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
	if (!in || !out)
		abort();
	char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			abort();
	fclose(in);
	if (fclose(out))
		abort();
}

/* Makes the template database once: the reference data and one deputy of 乍浦镇. */
static void fuzz_template(void)
{
	char path[128];
	snprintf(path, sizeof path, "%s/template.db", fuzz_tmp());
	if (!access(path, F_OK))
		return;
	sqlite3 *db;
	if (admin_init(path, NULL, &db)) {
		fprintf(stderr, "fuzz: %s\n", err_msg());
		abort();
	}
	struct scope sc;
	scope_system(&sc);
	char code[8];
	snprintf(code, sizeof code, "%s%c", FUZZ_CODE_BODY, deputy_code_check(FUZZ_CODE_BODY));
	const char *vals[DF_COUNT] = {0};
	vals[DF_CODE] = code;
	vals[DF_NAME] = "沈建国";
	vals[DF_RESIDENT_ID] = "330482197001010011";
	vals[DF_LEVEL] = "city";
	vals[DF_TOWN] = "乍浦镇";
	int64_t id;
	if (deputy_add(db, &sc, vals, &id)) {
		fprintf(stderr, "fuzz: %s\n", err_msg());
		abort();
	}
	db_close(db);
}

/* A fresh copy of the template (with its audit key), open; close it with db_close(). */
static sqlite3 *fuzz_db(void)
{
	fuzz_template();
	char from[128], to[128], kfrom[136], kto[136];
	snprintf(from, sizeof from, "%s/template.db", fuzz_tmp());
	snprintf(to, sizeof to, "%s/work.db", fuzz_tmp());
	snprintf(kfrom, sizeof kfrom, "%s.key", from);
	snprintf(kto, sizeof kto, "%s.key", to);
	fuzz_copy(from, to);
	fuzz_copy(kfrom, kto);
	sqlite3 *db;
	if (db_open(to, &db)) {
		fprintf(stderr, "fuzz: %s\n", err_msg());
		abort();
	}
	return db;
}

/* The scope an input runs in: an administrator, or a town clerk of town 1 (byte 0 odd). */
static void fuzz_scope(struct scope *sc, const uint8_t *data, size_t size)
{
	scope_system(sc);
	if (size && (data[0] & 1)) {
		sc->role = ROLE_TOWN_CLERK;
		sc->town_id = 1;
		sc->town_name = xstrdup("town 1");
	}
}

#endif
