/* The CSV reader under every import: UTF-8 or GB18030, BOM, quotes, control characters. */
#include "config.h"

#include "tests/fuzz/fuzz.h"
#include "util/csvread.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csv_file f;
	if (csvf_read(fuzz_file(data, size, "in.csv"), &f))
		return 0;
	size_t total = 0;
	for (int i = 0; i < f.ncols; i++)
		total += strlen(f.header[i]);
	for (size_t r = 0; r < f.nrows; r++)
		for (int i = 0; i < f.rows[r].n + 1; i++)
			total += strlen(csvf_get(&f.rows[r], i));
	(void)total;
	csvf_free(&f);
	return 0;
}
