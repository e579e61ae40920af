/*
 * Character tokens: the set of characters of some texts, each once, as words an FTS5
 * table with the unicode61 tokenizer keeps whole ("u" and the code point in hex, in
 * code point order: "u61 u706f u8def"). ASCII letters are folded to lower case, as
 * SQLite's LIKE ignores their case. The index of single characters (vcase_chars) holds
 * these tokens, so that a one-character search is one token and a two-character one
 * the cases holding both characters.
 */
#ifndef RENDA_CHARTOK_H
#define RENDA_CHARTOK_H

/* The tokens of the characters of texts[0..n-1] (NULL texts are empty); caller frees. */
char *chartok(const char *const *texts, int n);

#endif
