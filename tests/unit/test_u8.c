/* Unit tests of the UTF-8 helpers (display columns), the regular expressions (limits), the
   control characters renda refuses and escapes (util/ctrl.h) and numbers grouped (util/num.h). */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tap.h"
#include "util/chartok.h"
#include "util/ctrl.h"
#include "util/err.h"
#include "util/num.h"
#include "util/sbuf.h"
#include "util/re.h"
#include "util/u8.h"
#include "util/xalloc.h"

static void is_fit(const char *s, int cols, bool ell, const char *want, const char *what)
{
	char *got = u8_fit(s, cols, ell);
	is_str(got, want, "%s", what);
	ok(u8_width(got) <= cols || cols < 0, "  and it is at most %d columns (%d)", cols,
	   u8_width(got));
	free(got);
}

static void test_width(void)
{
	is_int(u8_width(""), 0, "empty is 0 columns");
	is_int(u8_width(NULL), 0, "NULL is 0 columns");
	is_int(u8_width("abc"), 3, "ASCII is one column a character");
	is_int(u8_width("中文"), 4, "Chinese is two columns a character");
	is_int(u8_width("平湖市abc人大"), 13, "mixed text");
	is_int(u8_width("，。"), 4, "full-width punctuation is two columns");
	is_int(u8_width("e\xCC\x81"), 1, "a combining accent adds no column");
	is_int(u8_width("a\xFF"
	                "b"),
	       3, "an invalid byte counts as U+FFFD, one column");
	is_int(u8_width("\xE4\xB8"), 2, "a cut-off sequence counts one column a byte");
	is_int(u8_width("\xC0\xAF"), 2, "an overlong form is two invalid bytes");
	is_int(u8_width("\xED\xA0\x80"), 3, "an encoded surrogate is invalid");
	is_int(u8_width("a\tb\n"), 4, "control characters count one column (shown as U+FFFD)");
	ok(u8_valid("中文 abc"), "valid UTF-8 is valid");
	ok(!u8_valid("a\xFF"), "a stray byte is not");
	ok(u8_valid("\xEF\xBF\xBD"), "an encoded U+FFFD is valid");
	ok(!u8_valid("\xF4\x90\x80\x80"), "above U+10FFFF is not");
}

static void test_fit(void)
{
	u8_set_ascii(false);
	is_fit("中文字", 6, true, "中文字", "text that fits is unchanged");
	is_fit("中文字", 5, false, "中文", "5 columns of 中文字 hold 中文 (no half character)");
	is_fit("中文字", 5, true, "中文…", "with an ellipsis: 中文…");
	is_fit("中文字", 4, true, "中…", "4 columns with an ellipsis: 中… (one column free)");
	is_fit("中文字", 3, false, "中", "3 columns: 中");
	is_fit("中文字", 1, false, "", "1 column: nothing (a Chinese character needs two)");
	is_fit("中文字", 1, true, "…", "1 column with an ellipsis: the ellipsis alone");
	is_fit("中文字", 0, true, "", "0 columns: empty");
	is_fit("ab中文", 3, false, "ab", "the wide character that would cross the edge goes");
	is_fit("a\xFF"
	       "b",
	       3, false,
	       "a\xEF\xBF\xBD"
	       "b",
	       "an invalid byte becomes U+FFFD");
	is_fit("a\tb", 3, false,
	       "a\xEF\xBF\xBD"
	       "b",
	       "a tab becomes U+FFFD and never reaches the terminal");
	u8_set_ascii(true);
	is_fit("中文字", 5, true, "中...", "ASCII mode: 5 columns hold 中...");
	is_fit("中文字典", 7, true, "中文...", "ASCII mode: 中文... in 7 columns");
	is_fit("中文字", 2, true, "..", "ASCII mode: the dots shrink to the room");
	u8_set_ascii(false);

	char *p = u8_pad("中文字", 5);
	is_str(p, "中文…", "pad 中文字 to 5: cut with the ellipsis");
	is_int(u8_width(p), 5, "  exactly 5 columns");
	free(p);
	p = u8_pad("中文字", 4);
	is_str(p, "中… ", "pad 中文字 to 4: 中… and a space");
	free(p);
	p = u8_pad("ab", 5);
	is_str(p, "ab   ", "short text is padded with spaces");
	free(p);
	p = u8_rpad("12", 5);
	is_str(p, "   12", "right-aligned padding");
	free(p);
	p = u8_pad("平湖", 5);
	is_int(u8_width(p), 5, "pad to an odd width with Chinese is exact");
	free(p);
}

static void test_wcs(void)
{
	wchar_t *w = u8_to_wcs("中a\xFF\n");
	ok(w[0] == 0x4E2D && w[1] == L'a' && w[2] == 0xFFFD && w[3] == L'\n' && w[4] == 0,
	   "u8_to_wcs decodes, keeps a newline, turns a bad byte into U+FFFD");
	char *s = u8_from_wcs(w);
	is_str(s, "中a\xEF\xBF\xBD\n", "u8_from_wcs encodes it back");
	free(s);
	free(w);
	wchar_t odd[] = {0xD800, 0x1F600, 0};
	s = u8_from_wcs(odd);
	is_str(s, "\xEF\xBF\xBD\xF0\x9F\x98\x80", "a lone surrogate is encoded as U+FFFD");
	free(s);
}

static void test_re(void)
{
	struct re *r = re_compile("^\\p{Han}{2,4}$", 0);
	ok(r != NULL, "a Unicode property pattern compiles");
	is_int(re_match(r, "平湖", (size_t)-1, 0, NULL), RE_MATCH, "两个汉字 match");
	is_int(re_match(r, "平湖市人大", (size_t)-1, 0, NULL), RE_NOMATCH, "five do not");
	is_int(re_match(r, "\xFF\xFE", (size_t)-1, 0, NULL), RE_NOMATCH,
	       "invalid UTF-8 in the subject is no match, not an error");
	re_free(r);

	r = re_compile("\\d+", RE_ANCHORED);
	is_int(re_match(r, "123", (size_t)-1, 0, NULL), RE_MATCH, "anchored: the whole value");
	is_int(re_match(r, "a123", (size_t)-1, 0, NULL), RE_NOMATCH, "anchored: not a part");
	re_free(r);
	r = re_compile("a|b", RE_ANCHORED);
	is_int(re_match(r, "ab", (size_t)-1, 0, NULL), RE_NOMATCH,
	       "anchoring covers every alternative");
	re_free(r);

	r = re_compile("文", 0);
	size_t span[2];
	is_int(re_match(r, "中文", (size_t)-1, 0, span), RE_MATCH, "a match reports its span");
	ok(span[0] == 3 && span[1] == 6, "in bytes (%zu, %zu)", span[0], span[1]);
	re_free(r);

	r = re_compile("ab(c", 0);
	ok(r == NULL, "a bad pattern does not compile");
	is_str(err_msg(), "missing closing parenthesis (at character 4)",
	       "the message is PCRE2's with the character offset");
	r = re_compile("中文(", 0);
	is_str(err_msg(), "missing closing parenthesis (at character 3)",
	       "the offset counts characters, not bytes");

	r = re_compile("(a+)+$", 0);
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	int m = re_match(r, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!", (size_t)-1, 0, NULL);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	is_int(m, RE_LIMIT, "(a+)+$ on 36 a's and ! stops at the match limit");
	ok(strstr(err_msg(), "needs too much work") != NULL, "with a clear message: %s", err_msg());
	ok(secs < 2.0, "and quickly (%.3f s)", secs);
	re_free(r);
}

/* The character index's tokens: each distinct character once, lower-cased, sorted. */
static void test_chartok(void)
{
	const char *texts[] = {"Ab水b", NULL, "a水\xe2\x82\xac"};
	char *t = chartok(texts, 3);
	is_str(t, "u61 u62 u20ac u6c34", "a, b, the euro sign and 水, each once, in order");
	free(t);
	const char *none[] = {""};
	t = chartok(none, 1);
	is_str(t, "", "no characters: no tokens");
	free(t);
	const char *one[] = {"\xf0\x9f\x98\x80"};
	t = chartok(one, 1);
	is_str(t, "u1f600", "a character past the BMP in full");
	free(t);
	/* 300 distinct characters (past the first 256 the set holds), given from the last
	   down, each twice, between upper-case letters: each once, in order. */
	char text[300 * 2 * 3 + 8], *p = text;
	for (int i = 299; i >= 0; i--)
		for (int twice = 0; twice < 2; twice++) {
			unsigned c = 0x4e00u + (unsigned)i;
			*p++ = (char)(0xe0 | (c >> 12));
			*p++ = (char)(0x80 | ((c >> 6) & 0x3f));
			*p++ = (char)(0x80 | (c & 0x3f));
		}
	memcpy(p, "ZA", 3);
	const char *many[] = {text, "za"};
	t = chartok(many, 2);
	struct sbuf want = SBUF_INIT;
	sbuf_puts(&want, "u61 u7a");
	for (int i = 0; i < 300; i++)
		sbuf_printf(&want, " u%x", 0x4e00u + (unsigned)i);
	is_str(t, sbuf_str(&want),
	       "300 characters given backwards, twice each: once each, in order");
	sbuf_free(&want);
	free(t);
}

/* Control characters: found wherever they are, and nothing else taken for one. */
static void test_ctrl(void)
{
	is_int(ctrl_find(NULL, false), -1, "ctrl_find: NULL holds none");
	is_int(ctrl_find("", false), -1, "  nor does an empty text");
	is_int(ctrl_find("平湖市 abc", false), -1, "  nor Chinese and ASCII");
	is_int(ctrl_find("a\tb\nc\r", false), -1, "  tab, line feed, CR are stored");
	is_int(ctrl_find("a\tb", true), '\t', "  but not on one line");
	is_int(ctrl_find("中文\x1b[2J", false), 0x1B, "ESC after Chinese");
	is_int(ctrl_find("\x7f", false), 0x7F, "DEL");
	is_int(ctrl_find("30\xC2\xB0"
	                 "C \xC2\xA0",
	                 false),
	       -1, "° and U+00A0 (lead byte C2) are not");
	is_int(ctrl_find("\xC2\xB0\xC2\x9B", false), 0x9B, "C1 CSI after °");
	is_int(ctrl_find("x\xC2", false), -1, "a lone C2 at the end is not a C1 code");
	is_int(ctrl_find("\t\x07", false), 0x07, "BEL after a tab");
	char big[6001];
	for (int i = 0; i < 6000; i += 3)
		memcpy(big + i, "人", 3);
	big[6000] = 0;
	is_int(ctrl_find(big, true), -1, "2,000 Chinese characters hold none");
	big[5999] = 0x1B;
	is_int(ctrl_find(big, true), 0x1B, "  ESC as the very last byte is found");
	is_int((int)ctrl_span(NULL), 0, "ctrl_span: NULL is 0");
	is_int((int)ctrl_span("abc\x01d"), 3, "  stops at a C0 byte");
	is_int((int)ctrl_span("中\xC2\xB0"), 3, "  and at C2, where a C1 code may begin");
	is_int((int)ctrl_span("平湖"), 6, "  or runs to the end");
}

/* Thousands grouped: every length of whole part, signs, decimals, a short buffer. */
static void test_num(void)
{
	static const struct {
		const char *plain, *want;
	} cases[] = {
	    {"0", "0"},
	    {"7", "7"},
	    {"999", "999"},
	    {"1000", "1,000"},
	    {"-1000", "-1,000"},
	    {"12345", "12,345"},
	    {"123456", "123,456"},
	    {"1234567.50", "1,234,567.50"},
	    {"-999999.99", "-999,999.99"},
	    {"-9223372036854775808", "-9,223,372,036,854,775,808"},
	    {"0.05", "0.05"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char out[40];
		num_group(cases[i].plain, out, sizeof out);
		is_str(out, cases[i].want, "num_group %s", cases[i].plain);
	}
	char small[6];
	num_group("1234567", small, sizeof small);
	is_str(small, "1,234", "cut to the buffer, terminated");
}

/* The characters of s but spaces and line ends, in order (what breaking must keep). */
static void visible(const char *s, struct sbuf *out)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\n')
			sbuf_add(out, s, 1);
}

static void test_wrap(void)
{
	static const struct {
		const char *s;
		int first, width, indent;
		const char *want, *what;
	} cases[] = {
	    {"one two three four", 0, 9, 2, "one two\n  three\n  four",
	     "English at spaces, the rest indented"},
	    {"甲乙丙，丁戊", 0, 6, 0, "甲乙\n丙，丁\n戊",
	     "Chinese between characters, never before ，"},
	    {"abc", 10, 8, 2, "\n  abc", "a lead that fills the line puts the text on the next"},
	    {"abcdefghij", 0, 4, 0, "abcd\nefgh\nij", "a word wider than a line is cut"},
	    {"一行\n二行", 4, 79, 4, "一行\n    二行",
	     "a line end of the text's own, the next indented"},
	    {"短", 4, 79, 4, "短", "what fits stays one line"},
	};
	char *w;
	for (size_t i = 0; i < N_OF(cases); i++) {
		w = u8_wrap(cases[i].s, cases[i].first, cases[i].width, cases[i].indent);
		is_str(w, cases[i].want, "wrap: %s", cases[i].what);
		free(w);
	}
	/* A command's help as the console's users read it, at every width from 12 to 60. */
	const char *text =
	    "办理流程步骤：assign（交办）、team（确定监督小组）、target（确定月度目标）、"
	    "update（进度报送）、record-opinion（登记意见建议）、chase（催办）。"
	    "从 CSV（UTF-8 或 GB18030）或 XLSX 新增或更新代表，全部导入或全不导入";
	struct sbuf want = SBUF_INIT;
	visible(text, &want);
	int wide = 0, starts = 0, ends = 0, lost = 0, words = 0;
	for (int width = 12; width <= 60; width++) {
		w = u8_wrap(text, 8, width, 8);
		struct sbuf got = SBUF_INIT;
		visible(w, &got);
		lost += strcmp(sbuf_str(&got), sbuf_str(&want)) != 0;
		sbuf_free(&got);
		int line = 0;
		for (char *l = w, *nl; l; l = nl ? nl + 1 : NULL, line++) {
			nl = strchr(l, '\n');
			char *t = xasprintf("%.*s", nl ? (int)(nl - l) : (int)strlen(l), l);
			wide += u8_width(t) + (line ? 0 : 8) > width;
			/* Below 22 columns (14 after the indent) a line cannot hold
			   "record-opinion": it is cut where it must, and so may be the rest. */
			bool roomy = width >= 22;
			const char *b = t + strspn(t, " ");
			starts += roomy && line &&
			          (!strncmp(b, "，", 3) || !strncmp(b, "）", 3) ||
			           !strncmp(b, "、", 3) || !strncmp(b, "。", 3));
			size_t n = strlen(t);
			ends += roomy && n >= 3 && !strcmp(t + n - 3, "（");
			/* An ASCII word cut in two: a line ending in a letter and the next
			   beginning with one (no word here is wider than 12 columns). */
			if (roomy && nl && n &&
			    ((t[n - 1] >= 'a' && t[n - 1] <= 'z') || t[n - 1] == '-')) {
				const char *nx = nl + 1 + strspn(nl + 1, " ");
				words += (*nx >= 'a' && *nx <= 'z') || *nx == '-';
			}
			free(t);
		}
		free(w);
	}
	sbuf_free(&want);
	is_int(lost, 0, "wrap: no character lost or added at any width (12-60)");
	is_int(wide, 0, "  no line wider than the width");
	is_int(starts, 0, "  from 22 columns, no line begins with ，）、。");
	is_int(ends, 0, "    nor ends with （");
	is_int(words, 0, "    no English word is cut in two");
}

int main(void)
{
	if (!setlocale(LC_ALL, "C.UTF-8")) {
		printf("1..0 # SKIP no C.UTF-8 locale\n");
		return 0;
	}
	test_width();
	test_fit();
	test_wcs();
	test_re();
	test_chartok();
	test_ctrl();
	test_num();
	test_wrap();
	return tap_done();
}
