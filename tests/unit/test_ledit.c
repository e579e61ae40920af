/*
 * Unit tests of the line editor: editing keys with Chinese text, display
 * columns, max_cols, multi-line movement, and drawing (into a curses window
 * of a terminal opened with newterm() on /dev/null, read back cell by cell).
 */
#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include "tap.h"
#include "tui/ledit.h"
#include "util/u8.h"
#include "util/xalloc.h"

/* Types text as get_wch() would deliver it: one character at a time. */
static int type(struct ledit *e, const char *utf8)
{
	int rc = LEDIT_UNHANDLED;
	while (*utf8)
		rc = ledit_key(e, OK, (wint_t)u8_decode(&utf8));
	return rc;
}

static int key(struct ledit *e, int code)
{
	return ledit_key(e, KEY_CODE_YES, (wint_t)code);
}

static int ctl(struct ledit *e, char c)
{
	return ledit_key(e, OK, (wint_t)(c & 0x1f));
}

static void is_text(const struct ledit *e, const char *want, const char *what)
{
	char *t = ledit_text(e);
	is_str(t, want, "%s", what);
	free(t);
}

static void test_insert(void)
{
	struct ledit e;
	ledit_init(&e, "中文", false);
	is_int(e.cur, 2, "the cursor starts at the end");
	is_int(ledit_cursor_col(&e), 4, "after 中文 the cursor is at column 4");
	key(&e, KEY_HOME);
	is_int(type(&e, "你"), LEDIT_CHANGED, "typing reports a change");
	is_text(&e, "你中文", "a CJK character inserts at the start");
	is_int(ledit_cursor_col(&e), 2, "  cursor at column 2");
	key(&e, KEY_RIGHT);
	type(&e, "a");
	is_text(&e, "你中a文", "an ASCII letter inserts in the middle");
	is_int(ledit_cursor_col(&e), 5, "  cursor at column 5");
	type(&e, "人大");
	is_text(&e, "你中a人大文", "CJK in the middle");
	key(&e, KEY_END);
	type(&e, "字");
	is_text(&e, "你中a人大文字", "CJK at the end");
	is_int(ledit_cursor_col(&e), 13, "  cursor at column 13");
	is_int(ledit_width(&e), 13, "the text is 13 columns");

	is_int(key(&e, KEY_BACKSPACE), LEDIT_CHANGED, "Backspace changes");
	is_text(&e, "你中a人大文", "Backspace removes the whole wide character");
	is_int(ledit_cursor_col(&e), 11, "  and the cursor goes back two columns");
	ledit_key(&e, OK, 127);
	ledit_key(&e, OK, 8);
	is_text(&e, "你中a人", "127 and Ctrl-H are Backspace too");
	key(&e, KEY_HOME);
	is_int(key(&e, KEY_BACKSPACE), LEDIT_HANDLED, "Backspace at the start changes nothing");
	key(&e, KEY_DC);
	is_text(&e, "中a人", "Delete removes the character under the cursor");
	ctl(&e, 'd');
	is_text(&e, "a人", "Ctrl-D too");
	ctl(&e, 'e');
	is_int(ledit_cursor_col(&e), 3, "Ctrl-E goes to the end");
	ctl(&e, 'a');
	is_int(e.cur, 0, "Ctrl-A to the start");
	is_int(ledit_key(&e, OK, '\n'), LEDIT_UNHANDLED, "Enter is left to the form on one line");
	is_int(ledit_key(&e, OK, '\t'), LEDIT_UNHANDLED, "Tab is left to the form");
	is_int(ledit_key(&e, OK, 27), LEDIT_UNHANDLED, "Esc is left to the form");
	is_int(key(&e, KEY_UP), LEDIT_UNHANDLED, "Up is left to the form on one line");
	is_int(key(&e, KEY_F(2)), LEDIT_UNHANDLED, "function keys are left to the form");

	/* A paste of Chinese text arrives as many characters. */
	ledit_set(&e, "");
	type(&e, "平湖市人民代表大会常务委员会关于代表建议办理工作的报告");
	is_text(&e, "平湖市人民代表大会常务委员会关于代表建议办理工作的报告",
	        "a pasted Chinese sentence arrives whole");
	is_int(ledit_cursor_col(&e), 54, "  27 characters, 54 columns");
	ledit_free(&e);

	ledit_init(&e,
	           "a\xFF"
	           "b",
	           false);
	is_text(&e,
	        "a\xEF\xBF\xBD"
	        "b",
	        "an invalid byte becomes U+FFFD");
	ledit_free(&e);
	ledit_init(&e, NULL, false);
	is_text(&e, "", "NULL starts empty");
	ledit_free(&e);
}

static void test_kill(void)
{
	struct ledit e;
	ledit_init(&e, "hello 世界，你好", false);
	is_int(ctl(&e, 'w'), LEDIT_CHANGED, "Ctrl-W changes");
	is_text(&e, "hello 世界，", "Ctrl-W deletes the run of Han text up to the punctuation");
	ctl(&e, 'w');
	is_text(&e, "hello 世界", "then the punctuation");
	ctl(&e, 'w');
	is_text(&e, "hello ", "then 世界");
	ctl(&e, 'w');
	is_text(&e, "", "then the blank and the word before it");
	ledit_set(&e, "abc中文");
	ctl(&e, 'w');
	is_text(&e, "abc", "Han text after letters is a word of its own");
	ledit_set(&e, "foo bar");
	ctl(&e, 'w');
	is_text(&e, "foo ", "an ASCII word");

	ledit_set(&e, "代表建议办理");
	key(&e, KEY_HOME);
	key(&e, KEY_RIGHT);
	key(&e, KEY_RIGHT);
	ctl(&e, 'k');
	is_text(&e, "代表", "Ctrl-K kills to the end");
	ledit_set(&e, "代表建议办理");
	key(&e, KEY_LEFT);
	key(&e, KEY_LEFT);
	ctl(&e, 'u');
	is_text(&e, "办理", "Ctrl-U kills to the start");
	is_int(e.cur, 0, "  leaving the cursor at the start");
	ledit_free(&e);
}

static void test_max_cols(void)
{
	struct ledit e;
	ledit_init(&e, "", false);
	e.max_cols = 5;
	type(&e, "中文");
	is_int(ledit_width(&e), 4, "中文 fits in 5 columns");
	is_int(type(&e, "字"), LEDIT_HANDLED,
	       "a CJK character that would make 6 columns is refused");
	ok(e.refused, "  and the refusal is flagged");
	is_text(&e, "中文", "  the text is unchanged");
	is_int(type(&e, "a"), LEDIT_CHANGED, "a one-column letter still fits");
	ok(!e.refused, "  and is not flagged");
	is_text(&e, "中文a", "  making exactly 5 columns");
	key(&e, KEY_HOME);
	is_int(type(&e, "b"), LEDIT_HANDLED, "nothing more fits, even at the start");
	ledit_free(&e);
}

static void test_multiline(void)
{
	struct ledit e;
	ledit_init(&e, "中文字\nabcdef\n好", true);
	is_int(ledit_cursor_row(&e), 2, "multi-line: the cursor is on row 2");
	is_int(ledit_cursor_col(&e), 2, "  at column 2 (after 好)");
	is_int(key(&e, KEY_UP), LEDIT_HANDLED, "Up moves");
	is_int(ledit_cursor_col(&e), 2, "  keeping column 2 on abcdef");
	key(&e, KEY_UP);
	is_int(ledit_cursor_row(&e), 0, "Up again: row 0");
	is_int(ledit_cursor_col(&e), 2, "  column 2, after 中");
	is_int(key(&e, KEY_UP), LEDIT_UNHANDLED, "Up on the first row is left to the form");
	key(&e, KEY_DOWN);
	key(&e, KEY_END);
	is_int(ledit_cursor_col(&e), 6, "End of abcdef: column 6");
	key(&e, KEY_UP);
	is_int(ledit_cursor_col(&e), 6, "Up from column 6: the end of 中文字");
	key(&e, KEY_DOWN);
	key(&e, KEY_DOWN);
	is_int(ledit_cursor_col(&e), 2, "Down twice: the end of 好 (column 2)");
	key(&e, KEY_UP);
	is_int(ledit_cursor_col(&e), 6, "Up again keeps the goal column 6");
	is_int(key(&e, KEY_DOWN), LEDIT_HANDLED, "Down");
	is_int(key(&e, KEY_DOWN), LEDIT_UNHANDLED, "Down on the last row is left to the form");

	/* An odd column above Chinese text lands before the character, never inside it. */
	key(&e, KEY_UP);
	ctl(&e, 'a');
	key(&e, KEY_RIGHT);
	key(&e, KEY_RIGHT);
	key(&e, KEY_RIGHT);
	key(&e, KEY_UP);
	is_int(ledit_cursor_col(&e), 2, "from column 3 Up lands at column 2, between 中 and 文");

	/* Enter and Ctrl-J insert newlines; Ctrl-K at the end of a line joins the next. */
	ledit_set(&e, "ab");
	ledit_key(&e, OK, '\n');
	key(&e, KEY_ENTER);
	type(&e, "c");
	is_text(&e, "ab\n\nc", "Enter inserts newlines in a multi-line box");
	key(&e, KEY_UP);
	key(&e, KEY_UP);
	ctl(&e, 'e');
	ctl(&e, 'k');
	is_text(&e, "ab\nc", "Ctrl-K at the end of a line joins the next");
	ledit_set(&e, "ab\ncd");
	ctl(&e, 'u');
	is_text(&e, "ab\n", "Ctrl-U kills to the start of the line only");

	/* Wrapping at a width: a wide character that does not fit starts the next row. */
	ledit_set(&e, "中文字典");
	e.wrap = 5;
	is_int(ledit_cursor_row(&e), 1, "wrapped at 5 columns, 中文字典 takes two rows");
	is_int(ledit_cursor_col(&e), 4, "  the cursor after 字典 at column 4");
	key(&e, KEY_UP);
	is_int(ledit_cursor_row(&e), 0, "Up moves between wrapped rows");
	is_int(ledit_cursor_col(&e), 2,
	       "  to column 2, before 文 (the end of a wrapped row is the start of the next)");
	ledit_free(&e);
}

/* The text of row y of w, columns x .. x+n-1, as UTF-8 (a wide character once). */
static char *row_text(WINDOW *w, int y, int x, int n)
{
	wchar_t buf[256];
	int got = mvwinnwstr(w, y, x, buf, n);
	if (got < 0)
		return xstrdup("(error)");
	/* mvwinnwstr counts characters; cut to n columns. */
	int cols = 0, i = 0;
	while (buf[i] && cols + u8_wcwidth(buf[i]) <= n)
		cols += u8_wcwidth(buf[i++]);
	buf[i] = 0;
	return u8_from_wcs(buf);
}

static void is_row(WINDOW *w, int y, int n, const char *want, const char *what)
{
	char *got = row_text(w, y, 0, n);
	is_str(got, want, "%s", what);
	free(got);
}

static void test_draw(void)
{
	setenv("TERM", "xterm", 1);
	FILE *out = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");
	SCREEN *scr = out && in ? newterm(NULL, out, in) : NULL;
	if (!scr) {
		ok(1, "drawing # SKIP no terminal description");
		return;
	}
	WINDOW *w = newwin(4, 20, 0, 0);
	struct ledit e;
	ledit_init(&e, "中文字", false);
	ledit_draw(w, 0, 0, 5, 1, &e, true);
	int cy, cx;
	getyx(w, cy, cx);
	is_row(w, 0, 5, "< 字 ",
	       "5 columns, cursor at the end: '<' says there is more to the left, 文 is not cut");
	ok(cy == 0 && cx == 4, "  the curses cursor is after 字 (%d, %d)", cy, cx);
	key(&e, KEY_HOME);
	ledit_draw(w, 0, 0, 5, 1, &e, true);
	is_row(w, 0, 5, "中文>", "Home: 中文 and '>' where 字 would be cut");
	is_int(e.scroll, 0, "  scroll 0");
	getyx(w, cy, cx);
	ok(cy == 0 && cx == 0, "  the curses cursor on 中 (%d, %d)", cy, cx);
	key(&e, KEY_END);
	ledit_draw(w, 0, 0, 5, 1, &e, false);
	is_row(w, 0, 5, "中文>", "not focused, the cursor at the end: the value from its start");

	ledit_set(&e, "a中文");
	ledit_draw(w, 1, 0, 4, 1, &e, true);
	is_row(w, 1, 4, "<文 ",
	       "4 columns of a中文 with the cursor at the end: '<', 文, the cursor");
	key(&e, KEY_LEFT);
	ledit_draw(w, 1, 0, 4, 1, &e, true);
	is_row(w, 1, 4, "<文 ", "the cursor on 文 stays visible without scrolling");
	key(&e, KEY_LEFT);
	ledit_draw(w, 1, 0, 4, 1, &e, true);
	getyx(w, cy, cx);
	is_row(w, 1, 4, "a中>", "the cursor on 中: back to the start, '>' for 文");
	ok(cy == 1 && cx == 1, "  the curses cursor on 中 (%d, %d)", cy, cx);

	/* A value that fills its box exactly shows whole, from its first character. */
	ledit_set(&e, "1962-11-15");
	ledit_draw(w, 2, 0, 10, 1, &e, true);
	getyx(w, cy, cx);
	is_row(w, 2, 10, "1962-11-15",
	       "a 10-character date in 10 columns, cursor at the end: whole");
	ok(cy == 2 && cx == 9, "  the cursor on the last cell (%d, %d)", cy, cx);
	ledit_set(&e, "乍浦镇人大主席团");
	ledit_draw(w, 2, 0, 16, 1, &e, true);
	is_row(w, 2, 16, "乍浦镇人大主席团", "Chinese text to the box's last column: whole");
	ledit_set(&e, "1962-11-15 上午");
	key(&e, KEY_HOME);
	ledit_draw(w, 2, 0, 10, 1, &e, true);
	is_row(w, 2, 10, "1962-11-1>", "longer than the box, at its start: '>' at the right");
	key(&e, KEY_END);
	ledit_draw(w, 2, 0, 10, 1, &e, true);
	is_row(w, 2, 10, "<-15 上午 ", "at its end: '<' at the left, the end and the cursor");
	for (int i = 0; i < 8; i++)
		key(&e, KEY_LEFT);
	ledit_draw(w, 2, 0, 10, 1, &e, true);
	getyx(w, cy, cx);
	char *r = row_text(w, 2, 0, 10);
	ok(r[0] == '<' && r[strlen(r) - 1] == '>' && cx > 0 && cx < 9,
	   "in the middle: both markers, the cursor between them ('%s', column %d)", r, cx);
	free(r);
	ledit_free(&e);

	ledit_init(&e, "中文字典", true);
	ledit_draw(w, 2, 0, 5, 2, &e, true);
	getyx(w, cy, cx);
	is_row(w, 2, 5, "中文 ", "multi-line at 5 columns: row 1 is 中文 and a blank");
	is_row(w, 3, 5, "字典 ", "  row 2 is 字典 and the cursor's cell");
	ok(cy == 3 && cx == 4, "  the curses cursor is at (3, 4): (%d, %d)", cy, cx);
	ledit_free(&e);

	delwin(w);
	endwin();
	delscreen(scr);
	fclose(out);
	fclose(in);
}

/* A stored text with line breaks or control characters (found by tests/fuzz). */
static void test_stored_controls(void)
{
	struct ledit e;
	ledit_init(&e, "甲\n乙\r丙\t丁\x1b[2J", false);
	char *t = ledit_text(&e);
	is_str(t, "甲 乙 丙 丁\xEF\xBF\xBD[2J",
	       "one line holds no line break, no control character");
	free(t);
	ledit_free(&e);
	ledit_init(&e, "甲\n乙\x07", true);
	t = ledit_text(&e);
	is_str(t, "甲\n乙\xEF\xBF\xBD", "a box keeps its line breaks, not a bell");
	free(t);
	ledit_free(&e);
}

int main(void)
{
	if (!setlocale(LC_ALL, "C.UTF-8")) {
		printf("1..0 # SKIP no C.UTF-8 locale\n");
		return 0;
	}
	test_insert();
	test_kill();
	test_max_cols();
	test_multiline();
	test_draw();
	test_stored_controls();
	return tap_done();
}
