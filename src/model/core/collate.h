/*
 * Collations of our own, registered on every connection (db_open): "pinyin"
 * sorts Chinese names as Chinese offices list people, by their pinyin
 * (安 before 白 before 陈 before 赵), with ICU's zh collation (CLDR's default
 * order for Chinese); text that is not Chinese sorts as ICU's root order
 * does. ICU is loaded when a comparison first needs it: its C++ libraries
 * would cost every command's start-up, and most commands never order by name.
 * Module prefix: collate_.
 */
#ifndef RENDA_COLLATE_H
#define RENDA_COLLATE_H

#include <sqlite3.h>

/* Registers the collations on db: RD_OK, or RD_FAIL with SQLite's reason. */
int collate_register(sqlite3 *db);

/* Loads ICU's zh collation now if it is not loaded: RD_OK, or RD_FAIL with the reason
   (then names compare by their bytes). renda check says which. */
int collate_ready(void);

/* The version of the ICU library that collates ("72.1"; "" when none could be loaded);
   static storage. */
const char *collate_icu_version(void);

#endif
