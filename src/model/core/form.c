#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/core/form.h"
#include "model/core/listing.h"
#include "model/core/ref.h"
#include "util/datetime.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/paths.h"
#include "util/re.h"
#include "util/sbuf.h"
#include "util/u8.h"
#include "util/xalloc.h"

/* ---- validators ------------------------------------------------------------------------ */

bool valid_money(const char *s, long long *fen)
{
	const char *p = s;
	bool neg = false;
	if (!p)
		return false;
	if (*p == '-') {
		neg = true;
		p++;
	}
	long long yuan = 0;
	int digits = 0;
	for (; *p >= '0' && *p <= '9'; p++, digits++) {
		if (yuan > (LLONG_MAX / 100 - 99) / 10)
			return false; /* too large to hold in fen */
		yuan = yuan * 10 + (*p - '0');
	}
	if (!digits)
		return false;
	int dec = 0, ndec = 0;
	if (*p == '.') {
		for (p++; *p >= '0' && *p <= '9'; p++, ndec++) {
			if (ndec == 2)
				return false;
			dec = dec * 10 + (*p - '0');
		}
		if (!ndec)
			return false;
		if (ndec == 1)
			dec *= 10;
	}
	if (*p)
		return false;
	if (fen)
		*fen = (neg ? -1 : 1) * (yuan * 100 + dec);
	return true;
}

bool valid_phone(const char *s)
{
	return s && (valid_mobile(s) || valid_landline(s));
}

bool valid_login_name(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n < 1 || n > 32)
		return false;
	for (const char *p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '_' || *p == '-' || *p == '.'))
			return false;
	return true;
}

static bool v_residentid(const char *s, char *why, size_t n)
{
	char inner[160];
	if (valid_resident_id(s, inner, sizeof inner))
		return true;
	snprintf(why, n, "'%s' %s", s, inner);
	return false;
}

static bool v_money(const char *s, char *why, size_t n)
{
	if (valid_money(s, NULL))
		return true;
	snprintf(why, n,
	         _("'%s' is not an amount in yuan (digits, and up to two decimals: 1234.50)"), s);
	return false;
}

static bool v_phone(const char *s, char *why, size_t n)
{
	if (valid_phone(s))
		return true;
	snprintf(why, n,
	         _("'%s' is not a mobile number (11 digits starting 13-19) or a landline with its "
	           "area code (0573-85012345)"),
	         s);
	return false;
}

static bool v_mobile(const char *s, char *why, size_t n)
{
	if (valid_mobile(s))
		return true;
	snprintf(why, n, _("'%s' is not a mobile number (11 digits starting 13-19)"), s);
	return false;
}

static bool v_landline(const char *s, char *why, size_t n)
{
	if (valid_landline(s))
		return true;
	snprintf(why, n, _("'%s' is not a landline number with its area code (0573-85012345)"), s);
	return false;
}

static bool v_date(const char *s, char *why, size_t n)
{
	int d;
	if (date_parse(s, &d))
		return true;
	snprintf(why, n, _("'%s' is not a date YYYY-MM-DD"), s);
	return false;
}

static bool v_datetime(const char *s, char *why, size_t n)
{
	time_t t;
	if (strlen(s) > 10 && clock_parse(s, &t))
		return true;
	snprintf(why, n, _("'%s' is not a date and time YYYY-MM-DD HH:MM"), s);
	return false;
}

static bool v_login(const char *s, char *why, size_t n)
{
	if (valid_login_name(s))
		return true;
	snprintf(why, n, _("'%s' is not an account name (letters, digits, _ - . ; at most 32)"), s);
	return false;
}

static bool v_person(const char *s, char *why, size_t n)
{
	if (valid_person_name(s))
		return true;
	snprintf(why, n,
	         _("'%s' is not a name in Chinese characters (a middle dot · may join the parts)"),
	         s);
	return false;
}

static const struct {
	const char *name;
	form_validator_fn fn;
} validators[] = {
    {"residentid", v_residentid}, {"money", v_money},       {"phone", v_phone},
    {"mobile", v_mobile},         {"landline", v_landline}, {"date", v_date},
    {"datetime", v_datetime},     {"login", v_login},       {"person", v_person},
};
#define NVALIDATORS (sizeof validators / sizeof validators[0])

form_validator_fn form_validator(const char *name)
{
	for (size_t i = 0; name && i < NVALIDATORS; i++)
		if (!strcmp(validators[i].name, name))
			return validators[i].fn;
	return NULL;
}

const char *form_validator_names(void)
{
	static char buf[256];
	if (!buf[0]) {
		size_t off = 0;
		for (size_t i = 0; i < NVALIDATORS; i++)
			off += (size_t)snprintf(buf + off, sizeof buf - off, "%s%s", i ? ", " : "",
			                        validators[i].name);
	}
	return buf;
}

/* ---- types ------------------------------------------------------------------------------ */

static const struct {
	const char *name;
	enum form_ftype type;
	int width; /* default width of the entry box */
} types[] = {
    {"text", FT_TEXT, 30},     {"longtext", FT_LONGTEXT, 60},
    {"integer", FT_INT, 10},   {"money", FT_MONEY, 14},
    {"date", FT_DATE, 10},     {"datetime", FT_DATETIME, 19},
    {"choice", FT_CHOICE, 16}, {"yesno", FT_YESNO, 3},
    {"phone", FT_PHONE, 13},   {"residentid", FT_RESIDENTID, 18},
};
#define NTYPES (sizeof types / sizeof types[0])

const char *form_type_name(enum form_ftype t)
{
	for (size_t i = 0; i < NTYPES; i++)
		if (types[i].type == t)
			return types[i].name;
	return "?";
}

/* ---- checking values ---------------------------------------------------------------------- */

static bool yesno_value(const char *v, bool *yes)
{
	static const char *const y[] = {"yes", "1", "true"}, *const n[] = {"no", "0", "false"};
	for (int i = 0; i < 3; i++) {
		if (!strcmp(v, y[i])) {
			*yes = true;
			return true;
		}
		if (!strcmp(v, n[i])) {
			*yes = false;
			return true;
		}
	}
	return false;
}

static int choice_index(const struct form_field *f, const char *v)
{
	for (int i = 0; i < f->nchoices; i++)
		if (!strcmp(f->choices[i], v))
			return i;
	return -1;
}

const char *form_choice_label(const struct form_field *f, const char *value)
{
	int i = value ? choice_index(f, value) : -1;
	if (i < 0)
		return value ? value : "";
	return f->choice_labels && f->choice_labels[i] ? _(f->choice_labels[i]) : f->choices[i];
}

/* The type's own check; RD_OK or RD_INVALID with "Label: reason". */
static int check_type(const struct form_field *f, const char *label, const char *v)
{
	char why[256];
	switch (f->type) {
	case FT_TEXT:
	case FT_LONGTEXT: return RD_OK;
	case FT_INT: {
		char *end;
		errno = 0;
		long long n = strtoll(v, &end, 10);
		if (*end || end == v || errno || *v == '+' || *v == ' ')
			return err_set(RD_INVALID, _("%s: '%s' is not a whole number"), label, v);
		if (f->has_min && n < f->min)
			return err_set(RD_INVALID, _("%s: %lld is less than %lld"), label, n,
			               f->min);
		if (f->has_max && n > f->max)
			return err_set(RD_INVALID, _("%s: %lld is more than %lld"), label, n,
			               f->max);
		return RD_OK;
	}
	case FT_MONEY:
		if (v_money(v, why, sizeof why))
			return RD_OK;
		break;
	case FT_DATE:
		if (v_date(v, why, sizeof why))
			return RD_OK;
		break;
	case FT_DATETIME:
		if (v_datetime(v, why, sizeof why))
			return RD_OK;
		break;
	case FT_CHOICE: {
		if (f->ref || choice_index(f, v) >= 0)
			return RD_OK;
		struct sbuf b = SBUF_INIT;
		for (int i = 0; i < f->nchoices; i++)
			sbuf_printf(&b, "%s%s", i ? ", " : "", f->choices[i]);
		err_set(RD_INVALID, _("%s: '%s' is not one of %s"), label, v, sbuf_str(&b));
		sbuf_free(&b);
		return RD_INVALID;
	}
	case FT_YESNO: {
		bool yes;
		if (yesno_value(v, &yes))
			return RD_OK;
		return err_set(RD_INVALID, _("%s: '%s' is not yes or no"), label, v);
	}
	case FT_PHONE:
		if (v_phone(v, why, sizeof why))
			return RD_OK;
		break;
	case FT_RESIDENTID:
		if (v_residentid(v, why, sizeof why))
			return RD_OK;
		break;
	}
	return err_set(RD_INVALID, "%s: %s", label, why);
}

int form_check(const struct form_field *f, const char *value)
{
	const char *label = _(f->label);
	const char *v = value ? value : "";
	if (!*v) {
		if (f->required)
			return err_set(RD_INVALID, _("%s: required"), label);
		return RD_OK;
	}
	if (!u8_valid(v))
		return err_set(RD_INVALID, _("%s: not valid UTF-8 text"), label);
	for (const char *p = v; *p;) {
		wchar_t c = u8_decode(&p);
		bool ctl = c < 0x20 || (c >= 0x7f && c < 0xa0);
		if (ctl && !(f->type == FT_LONGTEXT && (c == L'\n' || c == L'\t')))
			return err_set(
			    RD_INVALID,
			    f->type == FT_LONGTEXT
			        ? _("%s: control characters are not allowed")
			        : _("%s: control characters (such as tabs or line breaks) are "
			            "not allowed"),
			    label);
	}
	if (f->maxwidth > 0) {
		int w = u8_width(v);
		if (w > f->maxwidth)
			return err_set(
			    RD_INVALID,
			    _("%s: at most %d columns (a Chinese character takes two); this has "
			      "%d"),
			    label, f->maxwidth, w);
	}
	if (check_type(f, label, v))
		return RD_INVALID;
	if (f->validator) {
		char why[256];
		form_validator_fn fn = form_validator(f->validator);
		if (fn && !fn(v, why, sizeof why))
			return err_set(RD_INVALID, "%s: %s", label, why);
	}
	if (f->re) {
		int m = re_match(f->re, v, (size_t)-1, 0, NULL);
		if (m == RE_NOMATCH) {
			if (f->message)
				return err_set(RD_INVALID, "%s: %s", label, _(f->message));
			return err_set(RD_INVALID, _("%s: '%s' does not have the expected form"),
			               label, v);
		}
		if (m != RE_MATCH)
			return err_set(RD_INVALID, "%s: %s", label, err_msg());
	}
	return RD_OK;
}

/* ---- the loaded forms ------------------------------------------------------------------- */

static struct form_def *forms;
static int nforms, capforms;

static void field_free(struct form_field *f)
{
	free(f->key);
	free(f->label);
	free(f->help);
	free(f->def);
	free(f->prefill);
	free(f->pattern);
	free(f->message);
	free(f->validator);
	free(f->ref);
	free(f->pick);
	for (int i = 0; i < f->nchoices; i++) {
		free(f->choices[i]);
		if (f->choice_labels)
			free(f->choice_labels[i]);
	}
	free(f->choices);
	free(f->choice_labels);
	re_free(f->re);
	memset(f, 0, sizeof *f);
}

static void def_free(struct form_def *d)
{
	for (int i = 0; i < d->nfields; i++)
		field_free(&d->fields[i]);
	free(d->fields);
	free(d->name);
	free(d->title);
	free(d->path);
	memset(d, 0, sizeof *d);
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

struct form_def *form_copy(const struct form_def *d)
{
	struct form_def *c = xcalloc(1, sizeof *c);
	c->name = xstrdup(d->name);
	c->title = dup_or_null(d->title);
	c->path = dup_or_null(d->path);
	c->line = d->line;
	c->fields = xcalloc((size_t)(d->nfields ? d->nfields : 1), sizeof *c->fields);
	for (int i = 0; i < d->nfields; i++) {
		const struct form_field *f = &d->fields[i];
		struct form_field *g = &c->fields[c->nfields++];
		*g = *f;
		g->key = xstrdup(f->key);
		g->label = dup_or_null(f->label);
		g->help = dup_or_null(f->help);
		g->def = dup_or_null(f->def);
		g->prefill = dup_or_null(f->prefill);
		g->pattern = dup_or_null(f->pattern);
		g->message = dup_or_null(f->message);
		g->validator = dup_or_null(f->validator);
		g->ref = dup_or_null(f->ref);
		g->re = f->pattern ? re_compile(f->pattern, RE_ANCHORED) : NULL;
		g->choices = f->nchoices ? xcalloc((size_t)f->nchoices, sizeof *g->choices) : NULL;
		g->choice_labels = f->choice_labels
		                       ? xcalloc((size_t)f->nchoices, sizeof *g->choice_labels)
		                       : NULL;
		for (int k = 0; k < f->nchoices; k++) {
			g->choices[k] = xstrdup(f->choices[k]);
			if (f->choice_labels)
				g->choice_labels[k] = dup_or_null(f->choice_labels[k]);
		}
	}
	return c;
}

struct form_field *form_add_field(struct form_def *d, const char *key, const char *label,
                                  enum form_ftype type)
{
	d->fields = xrealloc(d->fields, (size_t)(d->nfields + 1) * sizeof *d->fields);
	struct form_field *f = &d->fields[d->nfields++];
	memset(f, 0, sizeof *f);
	f->key = xstrdup(key);
	f->label = xstrdup(label);
	f->type = type;
	f->height = 1;
	for (size_t i = 0; i < NTYPES; i++)
		if (types[i].type == type)
			f->width = types[i].width;
	return f;
}

void form_free(struct form_def *d)
{
	if (!d)
		return;
	def_free(d);
	free(d);
}

void form_unload_all(void)
{
	for (int i = 0; i < nforms; i++)
		def_free(&forms[i]);
	free(forms);
	forms = NULL;
	nforms = capforms = 0;
}

const struct form_def *form_find(const char *name)
{
	for (int i = 0; name && i < nforms; i++)
		if (!strcmp(forms[i].name, name))
			return &forms[i];
	return NULL;
}

const struct form_field *form_field_find(const struct form_def *d, const char *key)
{
	for (int i = 0; d && key && i < d->nfields; i++)
		if (!strcmp(d->fields[i].key, key))
			return &d->fields[i];
	return NULL;
}

int form_count(void)
{
	return nforms;
}

const struct form_def *form_at(int i)
{
	return i >= 0 && i < nforms ? &forms[i] : NULL;
}

/* ---- the parser ------------------------------------------------------------------------- */

struct parser {
	const char *path;
	int line;
	struct form_def *file_forms; /* forms of this file */
	int n, cap;
	struct form_def *form;    /* the form being read (in file_forms) */
	struct form_field *field; /* the field being read */
	unsigned seen;            /* attributes of the field seen so far (bits) */
};

__attribute__((format(printf, 2, 3))) static int fail(struct parser *ps, const char *fmt, ...)
{
	char msg[768];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return err_set(RD_INVALID, "%s:%d: %s", ps->path, ps->line, msg);
}

/* Same, at another line of the file (the checks made when a field or form ends). */
__attribute__((format(printf, 3, 4))) static int fail_at(struct parser *ps, int line,
                                                         const char *fmt, ...)
{
	char msg[768];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return err_set(RD_INVALID, "%s:%d: %s", ps->path, line, msg);
}

static bool name_ok(const char *s, bool dash)
{
	if (!(*s >= 'a' && *s <= 'z'))
		return false;
	for (const char *p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_' ||
		      (dash && *p == '-')))
			return false;
	return strlen(s) <= 64;
}

/* Ends the field being read: defaults and the checks that need all its attributes. */
static int end_field(struct parser *ps)
{
	struct form_field *f = ps->field;
	if (!f)
		return RD_OK;
	ps->field = NULL;
	const char *k = f->key;
	if (!f->label)
		return fail_at(ps, f->line, _("field '%s' has no label"), k);
	if (f->type == FT_CHOICE && !f->nchoices && !f->ref)
		return fail_at(ps, f->line, _("field '%s' is a choice: give 'choices' or 'ref'"),
		               k);
	if (f->type == FT_CHOICE && f->nchoices && f->ref)
		return fail_at(ps, f->line, _("field '%s': give 'choices' or 'ref', not both"), k);
	if (f->type != FT_CHOICE && (f->nchoices || f->ref))
		return fail_at(ps, f->line, _("field '%s': 'choices' and 'ref' need type choice"),
		               k);
	if (f->pick && f->type != FT_TEXT)
		return fail_at(ps, f->line, _("field '%s': 'pick' needs type text"), k);
	if (f->type != FT_LONGTEXT && f->height > 1)
		return fail_at(ps, f->line, _("field '%s': 'height' needs type longtext"), k);
	if (f->type != FT_INT && (f->has_min || f->has_max))
		return fail_at(ps, f->line, _("field '%s': 'min' and 'max' need type integer"), k);
	if (f->has_min && f->has_max && f->min > f->max)
		return fail_at(ps, f->line, _("field '%s': min is greater than max"), k);
	if (f->message && !f->pattern)
		return fail_at(ps, f->line, _("field '%s': 'message' needs a 'pattern'"), k);
	if (!f->height)
		f->height = f->type == FT_LONGTEXT ? 4 : 1;
	if (!f->width) {
		for (size_t i = 0; i < NTYPES; i++)
			if (types[i].type == f->type)
				f->width = types[i].width;
		for (int i = 0; i < f->nchoices; i++) {
			int w = u8_width(f->choice_labels[i] ? f->choice_labels[i] : f->choices[i]);
			if (w > f->width)
				f->width = w;
		}
		if (f->maxwidth > 0 && f->maxwidth < f->width && f->type == FT_TEXT)
			f->width = f->maxwidth;
	}
	if (f->def && form_check(f, f->def)) {
		char msg[1024];
		snprintf(msg, sizeof msg, "%s", err_msg());
		return fail_at(ps, f->line, _("field '%s': the default is refused: %s"), k, msg);
	}
	return RD_OK;
}

static int end_form(struct parser *ps)
{
	if (end_field(ps))
		return RD_INVALID;
	struct form_def *d = ps->form;
	if (!d)
		return RD_OK;
	ps->form = NULL;
	if (!d->title)
		return fail_at(ps, d->line, _("form '%s' has no title"), d->name);
	if (!d->nfields)
		return fail_at(ps, d->line, _("form '%s' has no fields"), d->name);
	return RD_OK;
}

static int start_form(struct parser *ps, const char *name)
{
	if (end_form(ps))
		return RD_INVALID;
	if (!*name)
		return fail(ps, _("'form' needs a name"));
	if (!name_ok(name, true))
		return fail(ps, _("'%s' is not a form name (small letters, digits, - and _)"),
		            name);
	const struct form_def *other = form_find(name);
	for (int i = 0; !other && i < ps->n; i++)
		if (!strcmp(ps->file_forms[i].name, name))
			other = &ps->file_forms[i];
	if (other)
		return fail(ps, _("duplicate form '%s' (first in %s:%d)"), name, other->path,
		            other->line);
	if (ps->n == ps->cap) {
		ps->cap = ps->cap ? ps->cap * 2 : 4;
		ps->file_forms = xrealloc(ps->file_forms, (size_t)ps->cap * sizeof *ps->file_forms);
	}
	struct form_def *d = &ps->file_forms[ps->n++];
	memset(d, 0, sizeof *d);
	d->name = xstrdup(name);
	d->path = xstrdup(ps->path);
	d->line = ps->line;
	ps->form = d;
	return RD_OK;
}

static int start_field(struct parser *ps, const char *key)
{
	if (!ps->form)
		return fail(ps, _("'field' outside a form (start with 'form NAME')"));
	if (end_field(ps))
		return RD_INVALID;
	if (!*key)
		return fail(ps, _("'field' needs a key"));
	if (!name_ok(key, false))
		return fail(ps, _("'%s' is not a field key (small letters, digits and _)"), key);
	struct form_def *d = ps->form;
	const struct form_field *other = form_field_find(d, key);
	if (other)
		return fail(ps, _("duplicate field '%s' (first at line %d)"), key, other->line);
	d->fields = xrealloc(d->fields, (size_t)(d->nfields + 1) * sizeof *d->fields);
	struct form_field *f = &d->fields[d->nfields++];
	memset(f, 0, sizeof *f);
	f->key = xstrdup(key);
	f->type = FT_TEXT;
	f->line = ps->line;
	ps->field = f;
	ps->seen = 0;
	return RD_OK;
}

static int parse_int(struct parser *ps, const char *attr, const char *v, long long lo, long long hi,
                     long long *out)
{
	char *end;
	errno = 0;
	long long n = strtoll(v, &end, 10);
	if (*end || end == v || errno || n < lo || n > hi)
		return fail(ps, _("%s: '%s' is not a whole number from %lld to %lld"), attr, v, lo,
		            hi);
	*out = n;
	return RD_OK;
}

static int parse_bool(struct parser *ps, const char *attr, const char *v, bool *out)
{
	if (!yesno_value(v, out))
		return fail(ps, _("%s: '%s' is not yes or no"), attr, v);
	return RD_OK;
}

/* Removes blanks at both ends of s in place; returns the start. */
static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	for (char *e = s + strlen(s); e > s && (e[-1] == ' ' || e[-1] == '\t');)
		*--e = '\0';
	return s;
}

/* "a|b=Label|c": values, each optionally with the label to show. */
static int parse_choices(struct parser *ps, struct form_field *f, const char *v)
{
	char *copy = xstrdup(v);
	int rc = RD_OK;
	for (char *p = copy; !rc && p;) {
		char *bar = strchr(p, '|');
		if (bar)
			*bar = '\0';
		char *eq = strchr(p, '=');
		if (eq)
			*eq = '\0';
		char *item = trim(p), *label = eq ? trim(eq + 1) : NULL;
		p = bar ? bar + 1 : NULL;
		if (!*item || (label && !*label))
			rc = fail(
			    ps,
			    _("choices: an empty choice (write value|value or value=Label|...)"));
		else if (choice_index(f, item) >= 0)
			rc = fail(ps, _("choices: '%s' is given twice"), item);
		else {
			size_t n = (size_t)f->nchoices + 1;
			f->choices = xrealloc(f->choices, n * sizeof *f->choices);
			f->choice_labels = xrealloc(f->choice_labels, n * sizeof *f->choice_labels);
			f->choices[f->nchoices] = xstrdup(item);
			f->choice_labels[f->nchoices] = label ? xstrdup(label) : NULL;
			f->nchoices++;
		}
	}
	free(copy);
	return rc;
}

enum {
	A_LABEL,
	A_TYPE,
	A_WIDTH,
	A_HEIGHT,
	A_REQUIRED,
	A_PATTERN,
	A_MESSAGE,
	A_VALIDATOR,
	A_HELP,
	A_DEFAULT,
	A_READONLY,
	A_CHOICES,
	A_REF,
	A_MAXWIDTH,
	A_MIN,
	A_MAX,
	A_PREFILL,
	A_PICK,
	A_COUNT
};
static const char *const attr_names[A_COUNT] = {
    "label",   "type",      "width", "height",  "required", "pattern",
    "message", "validator", "help",  "default", "readonly", "choices",
    "ref",     "maxwidth",  "min",   "max",     "prefill",  "pick",
};

static int attribute(struct parser *ps, const char *a, const char *v)
{
	int id = -1;
	for (int i = 0; i < A_COUNT; i++)
		if (!strcmp(attr_names[i], a))
			id = i;
	if (id < 0) {
		if (!strcmp(a, "form") || !strcmp(a, "field") || !strcmp(a, "title"))
			return fail(ps, _("'%s' must start at the beginning of the line"), a);
		return fail(ps, _("unknown attribute '%s'"), a);
	}
	if (!ps->field)
		return fail(ps,
		            ps->form ? _("'%s' outside a field (start with 'field KEY')")
		                     : _("'%s' outside a form (start with 'form NAME')"),
		            a);
	struct form_field *f = ps->field;
	if (ps->seen & 1u << id)
		return fail(ps, _("field '%s': '%s' is given twice"), f->key, a);
	ps->seen |= 1u << id;
	if (!*v)
		return fail(ps, _("'%s' needs a value"), a);
	long long n;
	switch (id) {
	case A_LABEL: f->label = xstrdup(v); break;
	case A_HELP: f->help = xstrdup(v); break;
	case A_MESSAGE: f->message = xstrdup(v); break;
	case A_DEFAULT: f->def = xstrdup(v); break;
	case A_PREFILL:
		if (strcmp(v, "today") && (strncmp(v, "record ", 7) || !v[7]))
			return fail(ps, _("prefill: '%s' is not today or record KEY"), v);
		f->prefill = xstrdup(v);
		break;
	case A_TYPE:
		for (size_t i = 0; i < NTYPES; i++)
			if (!strcmp(types[i].name, v)) {
				f->type = types[i].type;
				return RD_OK;
			}
		return fail(
		    ps,
		    _("unknown type '%s' (known: text, longtext, integer, money, date, datetime, "
		      "choice, yesno, phone, residentid)"),
		    v);
	case A_WIDTH:
		if (parse_int(ps, a, v, 1, 200, &n))
			return RD_INVALID;
		f->width = (int)n;
		break;
	case A_HEIGHT:
		if (parse_int(ps, a, v, 1, 50, &n))
			return RD_INVALID;
		f->height = (int)n;
		break;
	case A_MAXWIDTH:
		if (parse_int(ps, a, v, 1, 100000, &n))
			return RD_INVALID;
		f->maxwidth = (int)n;
		break;
	case A_MIN:
		if (parse_int(ps, a, v, LLONG_MIN, LLONG_MAX, &f->min))
			return RD_INVALID;
		f->has_min = true;
		break;
	case A_MAX:
		if (parse_int(ps, a, v, LLONG_MIN, LLONG_MAX, &f->max))
			return RD_INVALID;
		f->has_max = true;
		break;
	case A_REQUIRED: return parse_bool(ps, a, v, &f->required);
	case A_READONLY: return parse_bool(ps, a, v, &f->readonly);
	case A_PATTERN:
		f->re = re_compile(v, RE_ANCHORED);
		if (!f->re) {
			char msg[512];
			snprintf(msg, sizeof msg, "%s", err_msg());
			return fail(ps, _("bad pattern: %s"), msg);
		}
		f->pattern = xstrdup(v);
		break;
	case A_VALIDATOR:
		if (!form_validator(v))
			return fail(ps, _("unknown validator '%s' (known: %s)"), v,
			            form_validator_names());
		f->validator = xstrdup(v);
		break;
	case A_REF:
		if (!ref_kind_find(v)) {
			struct sbuf b = SBUF_INIT;
			for (int i = 0; i < ref_nkinds; i++)
				sbuf_printf(&b, "%s%s", i ? ", " : "", ref_kinds[i].name);
			fail(ps, _("unknown reference kind '%s' (known: %s)"), v, sbuf_str(&b));
			sbuf_free(&b);
			return RD_INVALID;
		}
		f->ref = xstrdup(v);
		break;
	case A_PICK:
		if (!listing_pick_find(v)) {
			char *names = listing_pick_names();
			fail(ps, _("unknown pick '%s' (known: %s)"), v, names);
			free(names);
			return RD_INVALID;
		}
		f->pick = xstrdup(v);
		break;
	case A_CHOICES: return parse_choices(ps, f, v);
	}
	return RD_OK;
}

/* One line of a form file (without its newline). */
static int parse_line(struct parser *ps, char *s)
{
	if (!u8_valid(s))
		return fail(ps, _("not valid UTF-8"));
	bool indented = *s == ' ' || *s == '\t';
	while (*s == ' ' || *s == '\t')
		s++;
	if (!*s || *s == '#')
		return RD_OK;
	s = trim(s);
	char *v = s;
	while (*v && *v != ' ' && *v != '\t')
		v++;
	if (*v) {
		*v++ = '\0';
		while (*v == ' ' || *v == '\t')
			v++;
	}
	if (indented)
		return attribute(ps, s, v);
	if (!strcmp(s, "form"))
		return start_form(ps, v);
	if (!strcmp(s, "field"))
		return start_field(ps, v);
	if (!strcmp(s, "title")) {
		if (!ps->form)
			return fail(ps, _("'title' outside a form (start with 'form NAME')"));
		if (ps->form->title)
			return fail(ps, _("form '%s': 'title' is given twice"), ps->form->name);
		if (!*v)
			return fail(ps, _("'%s' needs a value"), s);
		ps->form->title = xstrdup(v);
		return RD_OK;
	}
	for (int i = 0; i < A_COUNT; i++)
		if (!strcmp(attr_names[i], s))
			return fail(ps, _("'%s' must be indented under a field"), s);
	return fail(ps, _("unknown keyword '%s' (expected form, title or field)"), s);
}

int form_load_file(const char *path)
{
	FILE *fp = fopen(path, "r");
	if (!fp)
		return err_set(RD_FAIL, _("cannot read form file %s: %s"), path, strerror(errno));
	struct parser ps = {.path = path};
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int rc = RD_OK;
	while (!rc && (n = getline(&line, &cap, fp)) >= 0) {
		ps.line++;
		if ((size_t)n != strlen(line)) {
			rc = fail(&ps, _("the line holds a NUL byte"));
			break;
		}
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		char *s = line;
		if (ps.line == 1 && !strncmp(s, "\xEF\xBB\xBF", 3))
			s += 3;
		rc = parse_line(&ps, s);
	}
	if (!rc && ferror(fp))
		rc = err_set(RD_FAIL, _("cannot read form file %s: %s"), path, strerror(errno));
	free(line);
	fclose(fp);
	if (!rc) {
		ps.line++;
		rc = end_form(&ps);
	}
	if (!rc && !ps.n)
		rc = err_set(RD_INVALID, _("%s:1: no form in the file (start with 'form NAME')"),
		             path);
	if (rc) {
		for (int i = 0; i < ps.n; i++)
			def_free(&ps.file_forms[i]);
		free(ps.file_forms);
		return rc;
	}
	if (nforms + ps.n > capforms) {
		capforms = (nforms + ps.n) * 2;
		forms = xrealloc(forms, (size_t)capforms * sizeof *forms);
	}
	memcpy(forms + nforms, ps.file_forms, (size_t)ps.n * sizeof *forms);
	nforms += ps.n;
	free(ps.file_forms);
	return RD_OK;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int form_load(void)
{
	return form_load_dir(paths_formsdir());
}

int form_load_dir(const char *dir)
{
	form_unload_all();
	DIR *d = opendir(dir);
	if (!d)
		return err_set(RD_FAIL, _("cannot open the forms directory %s: %s"), dir,
		               strerror(errno));
	char **names = NULL;
	size_t n = 0;
	struct dirent *de;
	while ((de = readdir(d))) {
		size_t l = strlen(de->d_name);
		if (de->d_name[0] == '.' || l < 6 || strcmp(de->d_name + l - 5, ".form"))
			continue;
		names = xrealloc(names, (n + 1) * sizeof *names);
		names[n++] = xstrdup(de->d_name);
	}
	closedir(d);
	xqsort(names, n, sizeof *names, by_name);
	int rc = RD_OK;
	for (size_t i = 0; i < n; i++) {
		if (!rc) {
			char *path = xasprintf("%s/%s", dir, names[i]);
			rc = form_load_file(path);
			free(path);
		}
		free(names[i]);
	}
	free(names);
	if (rc)
		form_unload_all();
	return rc;
}
