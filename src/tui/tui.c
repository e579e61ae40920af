#include "config.h"

#include <stdio.h>

#include "tui/tui.h"

int tui_main(const char *db_path)
{
	(void)db_path;
	fprintf(stderr, "renda: the console is being built; use the commands (renda --help)\n");
	return 1;
}
