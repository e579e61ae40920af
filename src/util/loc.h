/*
 * The locale of the console. Chinese is shown only under a UTF-8 locale; over
 * SSH a clerk often has none (PuTTY sends no LANG) or a non-UTF-8 one. Module
 * prefix: loc_.
 */
#ifndef RENDA_LOC_H
#define RENDA_LOC_H

#include <stdbool.h>

/* True when the character type of the locale in force is UTF-8. */
bool loc_is_utf8(void);

/*
 * When the locale in force (setlocale(LC_ALL, "") done) is not UTF-8, switches
 * to a UTF-8 one of renda's choosing: the same language and territory in UTF-8
 * (zh_CN.GB18030 becomes zh_CN.UTF-8), else zh_CN.UTF-8 (the users' language),
 * else C.UTF-8, else en_US.UTF-8. Returns NULL when nothing had to change;
 * otherwise a new message, in the language now in force, that says what the
 * locale was, what renda chose (or that none was found) and how to set it;
 * caller frees.
 */
char *loc_choose_utf8(void);

#endif
