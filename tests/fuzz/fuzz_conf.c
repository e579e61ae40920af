/* The configuration parser (renda.conf(5)), as the system's file and as a user's. */
#include "config.h"

#include "tests/fuzz/fuzz.h"
#include "util/conf.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	conf_restrict_user(data[0] & 1);
	conf_load(fuzz_file(data + 1, size - 1, "in.conf"));
	conf_free();
	err_clear();
	return 0;
}
