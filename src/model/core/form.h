/*
 * Forms as data: every *.form file of the forms directory (paths_formsdir())
 * describes one or more forms, their fields, types, checks and help. The
 * format is in renda-forms(5). This is the model side: loading, finding and
 * checking values; the console draws the forms (it never includes this
 * layer's SQL).
 *
 * Labels, titles, messages, help and choice labels are English msgids: show
 * them through _() (tools/form-strings puts them into po/form-strings.c).
 */
#ifndef RENDA_FORM_H
#define RENDA_FORM_H

#include <stdbool.h>
#include <stddef.h>

#include "model/core/valid.h" /* valid_resident_id(), valid_mobile(), valid_landline() */

enum form_ftype {
	FT_TEXT,       /* one line of text */
	FT_LONGTEXT,   /* several lines (height) */
	FT_INT,        /* whole number, optionally between min and max */
	FT_MONEY,      /* yuan with up to 2 decimals (valid_money) */
	FT_DATE,       /* YYYY-MM-DD, a real date */
	FT_DATETIME,   /* YYYY-MM-DD HH:MM[:SS] */
	FT_CHOICE,     /* one of choices, or a record of the reference kind ref */
	FT_YESNO,      /* yes or no (also 1/0, true/false) */
	FT_PHONE,      /* a Chinese mobile number or a landline with its area code */
	FT_RESIDENTID, /* an 18-character resident ID (valid_resident_id) */
};

struct form_field {
	char *key;       /* name of the value (matches the model's field key) */
	char *label;     /* msgid */
	char *help;      /* msgid or NULL */
	char *def;       /* default value or NULL */
	char *pattern;   /* PCRE2 pattern the whole value must match, or NULL */
	char *message;   /* msgid shown when the pattern fails, or NULL */
	char *validator; /* name of a C validator (form_validator_names()), or NULL */
	char *ref;       /* FT_CHOICE: reference kind (src/model/ref.h) the choices come from */
	char *pick;      /* FT_TEXT: the list (listing_pick_find()) Enter picks the value from */
	enum form_ftype type;
	int width, height; /* display columns of the entry box; rows (FT_LONGTEXT, else 1) */
	bool required, readonly;
	char **choices; /* FT_CHOICE with fixed choices: the values */
	int nchoices;
	void *re; /* compiled pattern: a struct re (util/re.h), or NULL */
	/* Additions to the first contract. */
	char **choice_labels; /* msgids shown for choices[i] (the value itself when NULL) */
	int maxwidth;         /* >0: the value may be at most this many display columns */
	long long min, max;   /* FT_INT bounds when has_min / has_max */
	bool has_min, has_max;
	int line; /* line of the field in its file */
	/* What a form of a workflow step starts with: "today", or "record KEY" (the value
	   of the record's column KEY); NULL: the default. */
	char *prefill;
};

struct form_def {
	char *name, *title, *path; /* title is a msgid; path the file it came from */
	struct form_field *fields;
	int nfields;
	int line; /* line of "form NAME" */
};

/*
 * Loads every *.form file of dir (in name order), replacing what was loaded
 * before. RD_OK; RD_INVALID with "file:line: reason" in err_msg() for the
 * first error, and then nothing stays loaded; RD_FAIL when the directory
 * cannot be read.
 */
int form_load_dir(const char *dir);
/* form_load_dir(paths_formsdir()): what the console calls at start-up. */
int form_load(void);
/* Loads one file, adding its forms to those loaded (same errors). */
int form_load_file(const char *path);
/* The loaded form of that name, or NULL. */
const struct form_def *form_find(const char *name);
/* The field of that key, or NULL. */
const struct form_field *form_field_find(const struct form_def *d, const char *key);
void form_unload_all(void);
/*
 * A form built for one record from a loaded one (a tally sheet with a row per
 * candidate): form_copy() returns a new copy of d, form_add_field() adds a field
 * to it (key, label shown as given, type; its other attributes zero: set them
 * on the field returned), form_free() frees it.
 */
struct form_def *form_copy(const struct form_def *d);
struct form_field *form_add_field(struct form_def *d, const char *key, const char *label,
                                  enum form_ftype type);
void form_free(struct form_def *d);
/* Number of loaded forms, and the i-th in load order. */
int form_count(void);
const struct form_def *form_at(int i);

/*
 * Checks one value (UTF-8; NULL is empty) for a field: RD_OK, or RD_INVALID
 * with a message that names the field's translated label and the reason
 * ("Login: required"). Fields of a reference kind are only checked for being
 * present: the model resolves the record.
 */
int form_check(const struct form_field *f, const char *value);
/* The label to show for a choice value (translated), or the value itself. */
const char *form_choice_label(const struct form_field *f, const char *value);
/* Name of a type as written in form files ("text", "residentid"). */
const char *form_type_name(enum form_ftype t);

/* Named validators: why receives a translated reason when false. */
typedef bool (*form_validator_fn)(const char *s, char *why, size_t whylen);
form_validator_fn form_validator(const char *name);
/* The names of the validators, separated by ", " (for messages and the manual). */
const char *form_validator_names(void);

/* Validators also used by the model for CLI input. */
/* "1234.5" gives 123450 fen: digits, optionally a point and one or two decimals, optionally a
   leading '-'; no '+', separators, spaces or full-width digits. fen may be NULL. */
bool valid_money(const char *s, long long *fen);
/* A mobile number or a landline with its area code (valid_mobile || valid_landline). */
bool valid_phone(const char *s);
/* An operating-system account name: letters, digits, _ - . ; 1 to 32 characters. */
bool valid_login_name(const char *s);

#endif
