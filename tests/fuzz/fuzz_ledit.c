/*
 * The console's line editor: a starting text, then a stream of keys (what get_wch()
 * returns: characters, function keys, control keys) into ledit_key(). After every key
 * the editor must hold together: the cursor inside the text, the text NUL-terminated,
 * no newline on one line, no key widening it past its limit, and its UTF-8 read back
 * the same.
 * Input: byte 0 flags (bit 0 multi-line, bits 1-2 the wrap width, bits 3-4 a width
 * limit), then the starting text up to a NUL byte, then three bytes per key (bit 0 of
 * the first: a function key; the next two: the code, little-endian).
 */
#include "config.h"

#include <stdbool.h>
#include <wchar.h>

#include "tests/fuzz/fuzz.h"
#include "tui/ledit.h"
#include "util/u8.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

static void hold(const struct ledit *e)
{
	if (e->cur > e->len || e->buf[e->len] != L'\0' || wcslen(e->buf) != e->len)
		abort();
	if (!e->multiline && wcschr(e->buf, L'\n'))
		abort();
	char *t = ledit_text(e);
	struct ledit again;
	ledit_init(&again, t, e->multiline);
	if (again.len != e->len || wmemcmp(again.buf, e->buf, e->len))
		abort();
	ledit_free(&again);
	free(t);
	ledit_cursor_col(e);
	ledit_cursor_row(e);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	static const int wraps[] = {0, 1, 7, 40};
	static const int limits[] = {0, 1, 10, 60};
	uint8_t flags = data[0];
	size_t i = 1;
	while (i < size && data[i])
		i++;
	char *start = xstrndup((const char *)data + 1, i - 1);
	struct ledit e;
	ledit_init(&e, start, flags & 1);
	free(start);
	e.wrap = wraps[(flags >> 1) & 3];
	e.max_cols = limits[(flags >> 3) & 3];
	hold(&e);
	for (i++; i + 3 <= size; i += 3) {
		int kind = data[i] & 1 ? KEY_CODE_YES : OK;
		wint_t ch = (wint_t)(data[i + 1] | data[i + 2] << 8);
		int before = ledit_width(&e);
		ledit_key(&e, kind, ch);
		hold(&e);
		/* A key may never widen the text past the limit. */
		int after = ledit_width(&e);
		if (e.max_cols > 0 && after > before && after > e.max_cols)
			abort();
	}
	ledit_free(&e);
	return 0;
}
