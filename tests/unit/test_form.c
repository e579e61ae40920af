/* Unit tests of the form engine: the shipped forms, broken form files, values, validators. */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <unistd.h>

#include "model/core/form.h"
#include "model/core/ref.h"
#include "tap.h"
#include "util/err.h"
#include "util/xalloc.h"

static void test_shipped(void)
{
	int rc = form_load_dir(ABS_SRCDIR "/forms");
	is_int(rc, RD_OK, "every shipped form loads (%s)", err_msg());
	const struct form_def *u = form_find("user");
	ok(u != NULL, "the user form is there");
	if (u) {
		static const char *const keys[] = {"login", "name", "role", "town", "unit"};
		bool same = u->nfields == 5;
		for (int i = 0; same && i < 5; i++)
			same = !strcmp(u->fields[i].key, keys[i]);
		ok(same, "the user form has login, name, role, town, unit");
		const struct form_field *role = form_field_find(u, "role");
		ok(role && role->type == FT_CHOICE && role->nchoices == 5, "role is a choice of 5");
		is_str(role ? role->def : NULL, "viewer", "role defaults to viewer");
		is_str(role ? form_choice_label(role, "city-clerk") : NULL, "city clerk",
		       "a choice shows its label");
		const struct form_field *town = form_field_find(u, "town");
		is_str(town ? town->ref : NULL, "town", "town takes its choices from the towns");
	}
	for (int k = 0; k < ref_nkinds; k++) {
		const struct ref_kind *kind = &ref_kinds[k];
		char *name = xasprintf("ref-%s", kind->name);
		const struct form_def *d = form_find(name);
		bool same = d && d->nfields == kind->nfields;
		for (int i = 0; same && i < kind->nfields; i++)
			same = !strcmp(d->fields[i].key, kind->fields[i].key) &&
			       d->fields[i].required == kind->fields[i].required;
		ok(same, "form %s has the keys (and required flags) of reference kind %s", name,
		   kind->name);
		free(name);
	}
	ok(form_find("nosuch") == NULL, "an unknown form is NULL");
}

static void check_value(const char *form, const char *key, const char *value, int want,
                        const char *msg)
{
	const struct form_field *f = form_field_find(form_find(form), key);
	if (!f) {
		ok(0, "%s.%s exists", form, key);
		return;
	}
	err_clear();
	int rc = form_check(f, value);
	is_int(rc, want, "%s.%s = '%s'", form, key, value ? value : "(null)");
	if (msg)
		is_str(err_msg(), msg, "  message");
}

static void test_values(void)
{
	check_value("user", "login", "", RD_INVALID, "Login: required");
	check_value("user", "login", NULL, RD_INVALID, "Login: required");
	check_value("user", "login", "wang.li_2", RD_OK, NULL);
	check_value("user", "login", "wang li", RD_INVALID,
	            "Login: letters, digits, _ - . only, at most 32");
	check_value("user", "login", "王", RD_INVALID, NULL);
	check_value("user", "login", "a23456789012345678901234567890123", RD_INVALID,
	            "Login: at most 32 columns (a Chinese character takes two); this has 33");
	check_value("user", "name", "", RD_OK, NULL);
	check_value("user", "name", "王小明", RD_OK, NULL);
	check_value("user", "name", "王\t小明", RD_INVALID,
	            "Full name: control characters (such as tabs or line breaks) are not allowed");
	check_value("user", "name", "王\xFF", RD_INVALID, "Full name: not valid UTF-8 text");
	check_value("user", "role", "viewer", RD_OK, NULL);
	check_value("user", "role", "boss", RD_INVALID,
	            "Role: 'boss' is not one of admin, city-clerk, town-clerk, unit, viewer");
	check_value("user", "town", "乍浦镇", RD_OK, NULL);
	check_value("ref-town", "sort", "12", RD_OK, NULL);
	check_value("ref-town", "sort", "-1", RD_INVALID, "Order: -1 is less than 0");
	check_value("ref-town", "sort", "1x", RD_INVALID, "Order: '1x' is not a whole number");
	check_value("ref-town", "sort", "+1", RD_INVALID, "Order: '+1' is not a whole number");
	check_value("ref-town", "active", "no", RD_OK, NULL);
	check_value("ref-town", "active", "maybe", RD_INVALID, "Active: 'maybe' is not yes or no");
	check_value("ref-town", "code", "DH-1", RD_OK, NULL);
	check_value("ref-town", "code", "-DH", RD_INVALID,
	            "Code: letters, digits, _ and - only, starting with a letter or digit");
	check_value("ref-term", "start_date", "2024-02-29", RD_OK, NULL);
	check_value("ref-term", "start_date", "2023-02-29", RD_INVALID,
	            "Starts: '2023-02-29' is not a date YYYY-MM-DD");
	check_value("ref-calendar", "kind", "workday", RD_OK, NULL);
	check_value("user", "name", "王\xC2\x85小明", RD_INVALID, NULL); /* U+0085, a C1 control */
	const struct form_field lt = {.key = "c", .label = "Content", .type = FT_LONGTEXT};
	is_int(form_check(&lt, "第一行\n第二行\t完"), RD_OK, "longtext keeps line breaks and tabs");
	is_int(form_check(&lt, "a\x01"), RD_INVALID, "but not other control characters");
	is_str(err_msg(), "Content: control characters are not allowed", "  message");
}

/* Writes a form file into dir and loads the directory; returns the status. */
static int load_text(const char *dir, const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	fputs(text, f);
	fclose(f);
	free(path);
	err_clear();
	return form_load_dir(dir);
}

static void remove_file(const char *dir, const char *name)
{
	char *path = xasprintf("%s/%s", dir, name);
	unlink(path);
	free(path);
}

/* A broken file gives RD_INVALID and exactly "dir/bad.form:LINE: reason". */
static void broken(const char *dir, const char *text, int line, const char *reason,
                   const char *what)
{
	int rc = load_text(dir, "bad.form", text);
	char *want = xasprintf("%s/bad.form:%d: %s", dir, line, reason);
	is_int(rc, RD_INVALID, "%s is refused", what);
	is_str(err_msg(), want, "  with file, line and reason");
	is_int(form_count(), 0, "  and no form stays loaded");
	free(want);
	remove_file(dir, "bad.form");
}

#define HEAD "form t\ntitle T\n"

static void test_broken(void)
{
	char tmpl[] = "/tmp/renda-form.XXXXXX";
	char *dir = mkdtemp(tmpl);
	ok(dir != NULL, "a temporary directory");
	if (!dir)
		return;
	int rc = load_text(dir, "good.form",
	                   "# a comment\n\nform good\ntitle Good\nfield a\n\tlabel A\n"
	                   "\tpattern [0-9]{3}\n\tmessage three digits\n");
	is_int(rc, RD_OK, "a small form loads (%s)", err_msg());
	const struct form_field *a = form_field_find(form_find("good"), "a");
	ok(a && a->type == FT_TEXT && a->width == 30 && a->height == 1,
	   "type text and its default width");
	is_int(a ? form_check(a, "123") : -1, RD_OK, "the pattern matches the whole value");
	is_int(a ? form_check(a, "1234") : -1, RD_INVALID, "not only a part of it");
	is_str(err_msg(), "A: three digits", "the message of the pattern is shown");
	rc = load_text(dir, "crlf.form",
	               "\xEF\xBB\xBF"
	               "form crlf\r\ntitle C\r\nfield a\r\n\tlabel A\r\n");
	is_int(rc, RD_OK, "a file with a byte-order mark and CR LF line ends loads (%s)",
	       err_msg());
	is_str(form_find("crlf") ? form_find("crlf")->title : NULL, "C", "  without the CR");
	remove_file(dir, "crlf.form");

	broken(dir, HEAD "field a\n\tlabel A\n\tcolour red\n", 5, "unknown attribute 'colour'",
	       "an unknown attribute");
	broken(dir, HEAD "field a\n\tlabel A\n\ttype number\n", 5,
	       "unknown type 'number' (known: text, longtext, integer, money, date, datetime, "
	       "choice, yesno, phone, residentid)",
	       "a bad type");
	broken(dir, HEAD "field a\n\tlabel A\n\tpattern ([a-z]\n", 5,
	       "bad pattern: missing closing parenthesis (at character 6)", "a bad regex");
	broken(dir, "field a\n\tlabel A\n", 1, "'field' outside a form (start with 'form NAME')",
	       "a field outside a form");
	broken(dir, HEAD "field a\n\tlabel A\nfield a\n\tlabel B\n", 5,
	       "duplicate field 'a' (first at line 3)", "a duplicate field");
	broken(dir, HEAD "\tlabel A\n", 3, "'label' outside a field (start with 'field KEY')",
	       "an attribute outside a field");
	broken(dir, HEAD "field a\nlabel A\n", 4, "'label' must be indented under a field",
	       "an attribute that is not indented");
	broken(dir, HEAD "field a\n\tlabel A\n\tlabel B\n", 5, "field 'a': 'label' is given twice",
	       "an attribute given twice");
	broken(dir, HEAD "field a\n\tlabel A\n\tvalidator luhn\n", 5,
	       "unknown validator 'luhn' (known: residentid, money, phone, mobile, landline, date, "
	       "datetime, login, person)",
	       "an unknown validator");
	broken(dir, HEAD "field a\n\tlabel A\n\ttype choice\n\nfield b\n\tlabel B\n", 3,
	       "field 'a' is a choice: give 'choices' or 'ref'", "a choice without choices");
	char kinds[512] = "";
	for (int i = 0; i < ref_nkinds; i++)
		snprintf(kinds + strlen(kinds), sizeof kinds - strlen(kinds), "%s%s", i ? ", " : "",
		         ref_kinds[i].name);
	char *why = xasprintf("unknown reference kind 'county' (known: %s)", kinds);
	broken(dir, HEAD "field a\n\tlabel A\n\ttype choice\n\tref county\n", 6, why,
	       "an unknown reference kind");
	free(why);
	broken(dir, HEAD "field a\n\tlabel A\n\tpick roster\n", 5,
	       "unknown pick 'roster' (known: deputy)", "an unknown pick");
	broken(dir, HEAD "field a\n\tlabel A\n\ttype yesno\n\tpick deputy\n", 3,
	       "field 'a': 'pick' needs type text", "a pick on a field that is not text");
	broken(dir, HEAD "field a\n\tlabel A\n\ttype integer\n\tmax 9\n\tdefault 10\n", 3,
	       "field 'a': the default is refused: A: 10 is more than 9", "a default out of range");
	broken(dir, HEAD "field a\n\tlabel A\n\twidth 0\n", 5,
	       "width: '0' is not a whole number from 1 to 200", "a bad width");
	broken(dir, HEAD "field a\n\tlabel A\n\trequired maybe\n", 5,
	       "required: 'maybe' is not yes or no", "a bad yes/no");
	broken(dir, HEAD "field a\n\tlabel A\n\theight 3\n", 3,
	       "field 'a': 'height' needs type longtext", "height on a one-line field");
	broken(dir, HEAD "field a\n", 3, "field 'a' has no label", "a field without a label");
	broken(dir, "form t\nfield a\n\tlabel A\n", 1, "form 't' has no title",
	       "a form without a title");
	broken(dir, HEAD "field a\n\tlabel A\n\tchoices x||y\n\ttype choice\n", 5,
	       "choices: an empty choice (write value|value or value=Label|...)",
	       "an empty choice");
	broken(dir, HEAD "field a\n\tlabel \xC3(\n", 4, "not valid UTF-8", "invalid UTF-8");
	broken(dir, HEAD "frobnicate\n", 3,
	       "unknown keyword 'frobnicate' (expected form, title or field)",
	       "an unknown keyword");
	remove_file(dir, "good.form");

	/* A form defined in two files names the first. */
	load_text(dir, "a.form", "form dup\ntitle D\nfield x\n\tlabel X\n");
	rc = load_text(dir, "b.form", "\n\nform dup\ntitle D\nfield x\n\tlabel X\n");
	char *want =
	    xasprintf("%s/b.form:3: duplicate form 'dup' (first in %s/a.form:1)", dir, dir);
	is_int(rc, RD_INVALID, "a form name used in two files is refused");
	is_str(err_msg(), want, "  naming both places");
	free(want);
	remove_file(dir, "a.form");
	remove_file(dir, "b.form");
	rmdir(dir);
	is_int(form_load_dir("/nonexistent/forms"), RD_FAIL, "a missing directory is a failure");
}

static void test_resident_ids(void)
{
	char why[160];
	/* Check digits computed by hand: sum of digit x weight (7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4
	   2) mod 11 indexes "10X98765432". 11010519491231002: sum 167, 167 mod 11 = 2: X. */
	ok(valid_resident_id("11010519491231002X", why, sizeof why), "11010519491231002X is valid");
	ok(valid_resident_id("330482199001011232", why, sizeof why), "330482199001011232 is valid");
	ok(valid_resident_id("440306200002290017", why, sizeof why),
	   "440306200002290017 (born on 29 February 2000) is valid");
	ok(valid_resident_id("330482198001010008", why, sizeof why), "a check digit 0 is valid");
	ok(!valid_resident_id("110105194912310021", why, sizeof why), "a wrong check digit is not");
	ok(strstr(why, "check digit") != NULL, "  and says so: %s", why);
	ok(!valid_resident_id("330482199002301231", why, sizeof why),
	   "a birth date 1990-02-30 is not (its check digit is right)");
	ok(strstr(why, "19900230") != NULL, "  and names the date: %s", why);
	ok(!valid_resident_id("330482203001011231", why, sizeof why),
	   "a birth date in 2030 is not");
	ok(!valid_resident_id("330482189912311237", why, sizeof why),
	   "a birth date in 1899 is not");
	ok(!valid_resident_id("33048219900101123", why, sizeof why), "17 characters are not");
	ok(!valid_resident_id("33048219900101123Y", why, sizeof why), "a last character Y is not");
	ok(!valid_resident_id("3304821990010112a2", why, sizeof why), "a letter inside is not");

	const struct form_field f = {.key = "rid", .label = "Resident ID", .type = FT_RESIDENTID};
	is_int(form_check(&f, "110105194912310021"), RD_INVALID, "a residentid field checks it");
	ok(!strncmp(err_msg(), "Resident ID: '110105194912310021' ", 34), "  naming the field: %s",
	   err_msg());
}

static void test_phones(void)
{
	ok(valid_mobile("13812345678"), "13812345678 is a mobile number");
	ok(valid_mobile("19912345678"), "19912345678 too");
	ok(!valid_mobile("12812345678"), "12812345678 is not (second digit 2)");
	ok(!valid_mobile("1381234567"), "10 digits are not");
	ok(!valid_mobile("138123456789"), "12 digits are not");
	ok(!valid_mobile("1381234567８"), "a full-width digit is not");
	ok(valid_phone("0573-85012345"), "0573-85012345 is a landline");
	ok(valid_phone("010-62345678"), "010-62345678 too");
	ok(valid_phone("13812345678"), "a mobile number is a phone");
	ok(!valid_phone("85012345"), "a landline without its area code is not");
	ok(!valid_phone(""), "empty is not");
	const struct form_field f = {.key = "p", .label = "Phone", .type = FT_PHONE};
	is_int(form_check(&f, "12345"), RD_INVALID, "a phone field checks it");
	is_int(form_check(&f, "0573-85012345"), RD_OK, "and accepts a landline");
}

static void test_money(void)
{
	long long fen = 0;
	ok(valid_money("1234.5", &fen) && fen == 123450, "1234.5 is 123450 fen (%lld)", fen);
	ok(valid_money("0.01", &fen) && fen == 1, "0.01 is 1 fen");
	ok(valid_money("-12.30", &fen) && fen == -1230, "-12.30 is -1230 fen");
	ok(valid_money("7", &fen) && fen == 700, "7 is 700 fen");
	ok(valid_money("0", &fen) && fen == 0, "0 is 0");
	ok(valid_money("92233720368547.58", &fen) && fen == 9223372036854758LL,
	   "a large amount is exact");
	ok(!valid_money("1.234", &fen), "three decimals are refused");
	ok(!valid_money("+1", &fen), "a plus sign is refused");
	ok(!valid_money("--1", &fen), "two minus signs are refused");
	ok(!valid_money("1,000", &fen), "a thousands separator is refused");
	ok(!valid_money("1 000", &fen), "a space is refused");
	ok(!valid_money("１２", &fen), "full-width digits are refused");
	ok(!valid_money("", &fen), "empty is refused");
	ok(!valid_money("-", &fen), "a sign alone is refused");
	ok(!valid_money("1.", &fen), "a point without decimals is refused");
	ok(!valid_money(".5", &fen), "a point without yuan is refused");
	ok(!valid_money("1e3", &fen), "an exponent is refused");
	ok(!valid_money("¥12", &fen), "a currency sign is refused");
	ok(!valid_money("999999999999999999999", &fen), "an amount too large for fen is refused");
	ok(valid_money("5.5", NULL), "fen may be NULL");
	const struct form_field f = {.key = "m", .label = "Amount", .type = FT_MONEY};
	is_int(form_check(&f, "1.234"), RD_INVALID, "a money field checks it");
	is_str(err_msg(),
	       "Amount: '1.234' is not an amount in yuan (digits, and up to two decimals: 1234.50)",
	       "  with the reason");
}

static void test_limit(void)
{
	char tmpl[] = "/tmp/renda-form.XXXXXX";
	char *dir = mkdtemp(tmpl);
	if (!dir)
		return;
	int rc = load_text(dir, "slow.form",
	                   "form slow\ntitle S\nfield a\n\tlabel A\n\tpattern (a+)+$\n");
	is_int(rc, RD_OK, "a pathological pattern loads");
	const struct form_field *a = form_field_find(form_find("slow"), "a");
	rc = a ? form_check(a, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!") : -1;
	is_int(rc, RD_INVALID, "its match on 36 a's and ! stops");
	ok(!strncmp(err_msg(), "A: the regular expression (a+)+$ needs too much work", 52),
	   "  with the limit message: %s", err_msg());
	remove_file(dir, "slow.form");
	rmdir(dir);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	setenv("RENDA_NOW", "2026-03-02T09:00:00+08:00", 1);
	test_shipped();
	test_values();
	test_broken();
	test_resident_ids();
	test_phones();
	test_money();
	test_limit();
	form_unload_all();
	return tap_done();
}
