/*
 * Validators for personal data, shared by the forms, the CLI and imports:
 * resident IDs, phone numbers, names. Patterns are PCRE2 (UTF mode, compiled
 * once, JIT, match limits); the check digit and the birth date are checked in C.
 */
#ifndef RENDA_VALID_H
#define RENDA_VALID_H

#include <stdbool.h>
#include <stddef.h>

/*
 * An 18-character resident ID: 17 digits and a digit or X, ISO 7064 MOD 11-2
 * check digit, a real birth date (characters 7-14) between 1900 and today.
 * When false, why holds the reason (translated, e.g. "has a wrong check digit").
 */
bool valid_resident_id(const char *s, char *why, size_t whylen);
/* The birth date (YYYY-MM-DD into out[11]) of a valid resident ID. */
void resident_id_birth(const char *s, char out[11]);
/* Gender from a valid resident ID: "男" for odd 17th digit, "女" for even. */
const char *resident_id_gender(const char *s);
/* Chinese mobile number: 11 digits, 1[3-9]..., optionally with +86 or 86 before it. */
bool valid_mobile(const char *s);
/* Landline with area code: 0573-85012345 or 057385012345. */
bool valid_landline(const char *s);
/*
 * A name in Han characters, optionally parts joined by a middle dot
 * (阿沛·阿旺晋美); a look-alike of the dot counts as the dot (see below).
 */
bool valid_person_name(const char *s);
/*
 * The name with every look-alike of the middle dot written as U+00B7 "·", the
 * dot of GB 18030 and of the resident ID card: U+0387, U+16EB, U+2022,
 * U+2027, U+2219, U+22C5, U+2E31, U+30FB "・", U+FF65, U+FF0E "．", U+FE52,
 * U+318D, U+1427, U+2981 and "." (names have no full stop). Returns a new
 * string; caller frees.
 */
char *person_name_normalize(const char *s);
/* The resident ID as stored: a final lowercase x as X. Returns a new string; caller frees. */
char *resident_id_normalize(const char *s);
/*
 * True when a person born on birth (day number) is 18 or older on day: the
 * 18th birthday is on or before day (one born on 29 February turns 18 on
 * 1 March in a common year).
 */
bool valid_adult_on(int birth, int day);
/*
 * Masks a resident ID for viewers: the birth date (8 digits) hidden, 330482********0011;
 * anything else not 18 long wholly. Returns a new string; caller frees.
 */
char *mask_resident_id(const char *s);
/* Masks a date for viewers ("****-**-**"; "" stays ""): a birth date goes with the ID's. */
char *mask_date(const char *s);
/* Masks a phone number for viewers: 138****5678. Returns a new string; caller frees. */
char *mask_phone(const char *s);

#endif
