/*
 * Collations of our own, registered on every connection (db_open): "pinyin"
 * sorts Chinese names as Chinese offices list people, by their pinyin
 * (安 before 白 before 陈 before 赵), with ICU's zh collation (CLDR's default
 * order for Chinese); text that is not Chinese sorts as ICU's root order
 * does. Module prefix: collate_.
 */
#ifndef RENDA_COLLATE_H
#define RENDA_COLLATE_H

#include <sqlite3.h>

/* Registers the collations on db: RD_OK, or RD_FAIL with the reason (ICU has no zh data). */
int collate_register(sqlite3 *db);

#endif
