/*
 * Texts the program writes into a record's history (a vote's result, a tally sheet's
 * check, a progress update's figures), kept in no language: each sentence is stored as
 * its msgid and its arguments, and put into the reader's language when it is read
 * (msgtext_render(), the SQL function step_text()). A clerk who reads Chinese then reads
 * Chinese, whichever language the writer's command ran in (a script in the C locale,
 * `renda demo`).
 *
 * A stored sentence is one line of the text: U+E000 then s and fields each after U+E001
 * (msgid, the arguments; or p then the singular, the plural, n, the arguments); a newline
 * inside a field is U+E002. A word argument made by msgtext_code() starts with U+E003.
 * These are characters of the Private Use Area, not control characters (ctrl.h). Lines
 * without the mark are the people's own text and are shown as they are.
 */
#ifndef RENDA_MSGTEXT_H
#define RENDA_MSGTEXT_H

#include <stddef.h>

struct sbuf;

/* Appends one sentence: fmt is an English msgid (marked N_()), its arguments as for
   printf (conversions d i u s with l, ll, z; no '*'). Translated when read. */
void msgtext_add(struct sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The same for a plural pair, chosen by n when read (one's arguments follow n). */
void msgtext_addn(struct sbuf *b, const char *one, const char *many, unsigned long n, ...)
    __attribute__((format(printf, 2, 5)));
/*
 * An argument that is a word, put into the reader's language when read: a code of a
 * vocab.h field ("result", "chosen"), or with field "" a msgid (marked N_()). Written into
 * buf (size bytes); returns buf.
 */
const char *msgtext_code(char *buf, size_t size, const char *field, const char *code);
/* The text in the current language (caller frees); NULL for NULL. */
char *msgtext_render(const char *text);

#endif
