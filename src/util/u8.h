/*
 * UTF-8 text measured in display columns, for everything that cuts, pads or
 * aligns text on the screen. A Chinese character is two columns wide
 * (wcwidth() of the locale, which must be a UTF-8 one).
 *
 * Rules shared by every function here:
 * - an invalid byte counts as U+FFFD (one column) and is decoded as U+FFFD,
 *   so every string returned is valid UTF-8;
 * - a control character (U+0000-U+001F, U+007F-U+009F, tab and newline
 *   included) and any character wcwidth() calls unprintable count one column:
 *   the display shows U+FFFD for them (u8_fit and u8_pad write U+FFFD in
 *   their place, so they never reach the terminal);
 * - combining characters (width 0) stay with the character before them.
 */
#ifndef RENDA_U8_H
#define RENDA_U8_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

/*
 * The ellipsis of cut text: "…" (U+2026), or "..." when ASCII mode is on.
 * U+2026 is ambiguous-width: CJK terminals may draw it two columns wide, so
 * ASCII mode follows [ui] ascii_borders of the configuration unless
 * u8_set_ascii() has been called.
 */
void u8_set_ascii(bool ascii);
bool u8_ascii(void);

/*
 * Decodes the character at *p and advances *p past it (one byte when the
 * byte is invalid, which yields U+FFFD). *p must not point at the final NUL.
 */
wchar_t u8_decode(const char **p);
/* Appends the UTF-8 form of c (U+FFFD for surrogates and values above U+10FFFF) to out
   (4 bytes); returns the number of bytes written. */
int u8_encode(wchar_t c, char out[4]);

/* Display columns of one character under the rules above (0, 1 or 2). */
int u8_wcwidth(wchar_t c);
/* The character to draw for c: c itself, or U+FFFD for control and unprintable ones. */
wchar_t u8_visible(wchar_t c);

/* Display columns of a UTF-8 string (NULL is 0). */
int u8_width(const char *s);
/* Display columns of a wide string under the same rules. */
int u8_wcswidth(const wchar_t *w, size_t n);

/*
 * Returns a new string holding s cut to at most cols display columns, never
 * half a character; when s had to be cut and ellipsis is set, the ellipsis
 * takes the last column (three with ASCII mode). Caller frees.
 */
char *u8_fit(const char *s, int cols, bool ellipsis);
/* Returns a new string: s cut with an ellipsis as u8_fit(s, cols, true), then
   padded with spaces to exactly cols columns (left-aligned). Caller frees. */
char *u8_pad(const char *s, int cols);
/* As u8_pad, but right-aligned (spaces first), for numbers. Caller frees. */
char *u8_rpad(const char *s, int cols);
/*
 * Returns a new string: s broken into lines of at most width display columns, the
 * first of which already holds first columns (a lead written before it) and each
 * other begins with indent spaces. Lines break at spaces (which go) and beside a wide
 * character (Chinese text breaks between any two), never inside an ASCII word, before
 * closing punctuation (，。、）...) or after opening punctuation (（“...); a word wider
 * than a line is cut where it must. Caller frees.
 */
char *u8_wrap(const char *s, int first, int width, int indent);

/* Returns a new wide string decoded from UTF-8 (NULL gives ""); caller frees. Control
   characters are kept; only invalid bytes change (to U+FFFD). */
wchar_t *u8_to_wcs(const char *s);
/* Returns a new UTF-8 string encoded from a wide string (NULL gives ""); caller frees. */
char *u8_from_wcs(const wchar_t *w);
/* True when s is valid UTF-8 (no overlong forms, surrogates or values above U+10FFFF). */
bool u8_valid(const char *s);

#endif
