#include "config.h"

#include <stdio.h>
#include <string.h>

#include "util/num.h"

void num_group(const char *plain, char *out, size_t cap)
{
	char buf[96];
	size_t o = 0;
	const char *digits = plain + (plain[0] == '-');
	size_t whole = strcspn(digits, ".");
	if (plain[0] == '-')
		buf[o++] = '-';
	for (size_t i = 0; i < whole && o < sizeof buf - 2; i++) {
		if (i && (whole - i) % 3 == 0)
			buf[o++] = ',';
		buf[o++] = digits[i];
	}
	snprintf(out, cap, "%.*s%s", (int)o, buf, digits + whole);
}
