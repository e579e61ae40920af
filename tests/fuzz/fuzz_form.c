/* The form-file parser (forms/*.form, renda-forms(5)) and the checks of its fields. */
#include "config.h"

#include "model/core/form.h"
#include "tests/fuzz/fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!form_load_file(fuzz_file(data, size, "in.form"))) {
		static const char *const values[] = {
		    "",       "0",           "-1",   "2026-02-30",
		    "乍浦镇", "13800138000", "x\ny", "99999999999999999999"};
		for (int i = 0; i < form_count(); i++) {
			const struct form_def *d = form_at(i);
			for (int j = 0; j < d->nfields; j++)
				for (size_t v = 0; v < sizeof values / sizeof values[0]; v++) {
					form_check(&d->fields[j], values[v]);
					form_choice_label(&d->fields[j], values[v]);
				}
		}
	}
	form_unload_all();
	err_clear();
	return 0;
}
