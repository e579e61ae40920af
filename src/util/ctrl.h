/*
 * Control characters in text, and cells a spreadsheet would run. renda stores no
 * control character but tab, line feed and carriage return (ESC, BEL, DEL and the C1
 * codes U+0080 to U+009F can drive the terminal that shows them), and every writer
 * of TSV or CSV shows any that slipped in escaped. A CSV cell that begins with = + -
 * @, a tab or a carriage return is written with a leading apostrophe, so that a
 * spreadsheet shows it as text instead of running it; readers take the apostrophe
 * off again.
 */
#ifndef RENDA_CTRL_H
#define RENDA_CTRL_H

#include <stdbool.h>
#include <stddef.h>

/*
 * The code point of the first control character in s that renda does not store (C0
 * but tab, line feed and carriage return; DEL; C1), or -1 when there is none. With
 * one_line, tab, line feed and carriage return count too.
 */
long ctrl_find(const char *s, bool one_line);
/*
 * At s: the length in bytes of a control character that TSV and CSV output show
 * escaped (C0, DEL, C1; tab, line feed and carriage return included), 0 otherwise;
 * *cp is its code point.
 */
size_t ctrl_at(const char *s, long *cp);
/* The length of the longest prefix of s in which no control character can begin (no C0
   byte, DEL or C2): what the writers copy as it is. 0 for NULL. */
size_t ctrl_span(const char *s);
/* True when a spreadsheet would take the CSV cell s for a formula (= + - @ tab CR first). */
bool ctrl_formula(const char *s);
/* The cell s of a CSV file without the apostrophe that ctrl_formula() cells got. */
const char *ctrl_unguard(const char *s);

#endif
