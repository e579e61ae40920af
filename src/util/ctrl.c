#include "config.h"

#include <string.h>

#include "util/ctrl.h"

size_t ctrl_at(const char *s, long *cp)
{
	unsigned char c = (unsigned char)s[0];
	if (c < 0x20 || c == 0x7F) {
		*cp = c;
		return 1;
	}
	/* U+0080 to U+009F are C2 80 to C2 9F in UTF-8. */
	unsigned char d = (unsigned char)s[1];
	if (c == 0xC2 && d >= 0x80 && d <= 0x9F) {
		*cp = d;
		return 2;
	}
	return 0;
}

size_t ctrl_span(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	if (!p)
		return 0;
	/* Only these bytes can begin a control character: C0, DEL, and C2 (C1's lead). */
	while (*p >= 0x20 && *p != 0x7F && *p != 0xC2)
		p++;
	return (size_t)(p - (const unsigned char *)s);
}

long ctrl_find(const char *s, bool one_line)
{
	if (!s)
		return -1;
	for (s += ctrl_span(s); *s; s += ctrl_span(s)) {
		long cp;
		size_t n = ctrl_at(s, &cp);
		if (n && (one_line || (cp != '\t' && cp != '\n' && cp != '\r')))
			return cp;
		s += n ? n : 1;
	}
	return -1;
}

/* A plain number ("-12", "-3.5"): a spreadsheet reads it as the number it is. */
static bool number(const char *s)
{
	if (*s == '-' || *s == '+')
		s++;
	bool digits = false, dot = false;
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9')
			digits = true;
		else if (*s == '.' && !dot)
			dot = true;
		else
			return false;
	}
	return digits;
}

bool ctrl_formula(const char *s)
{
	return s && *s && strchr("=+-@\t\r", *s) && !number(s);
}

const char *ctrl_unguard(const char *s)
{
	if (s && s[0] == '\'' && ctrl_formula(s + 1))
		return s + 1;
	return s;
}
