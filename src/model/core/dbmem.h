/*
 * SQLite's memory for renda: small blocks handed out from per-thread lists, larger ones
 * from malloc. Module prefix: dbmem_.
 *
 * A command spends most of its time reading the schema (a hundred tables, as many
 * indexes and triggers), which is thousands of small allocations, all freed again at
 * close; through glibc's malloc and free they were a sixth of a write command's
 * instructions (callgrind). Here a block of up to DBMEM_SMALL bytes is cut from a
 * 256 KiB chunk or taken from the list of freed blocks of its size (16-byte steps), and
 * a freed one goes back on the list of the thread that frees it: a few instructions
 * each way. The chunks are kept for the life of the process (their blocks are reused,
 * never given back); larger blocks (pages, big texts and blobs) go to malloc and back.
 * Under AddressSanitizer it is never installed, so that the sanitizer still sees every
 * block SQLite hands out.
 */
#ifndef RENDA_DBMEM_H
#define RENDA_DBMEM_H

#include <stdbool.h>

enum { DBMEM_SMALL = 1024 };

/*
 * Makes these SQLite's allocator. Only before SQLite starts (before the first
 * connection is opened); afterwards, and in a sanitizer build, it changes nothing.
 * True when installed now or before.
 */
bool dbmem_install(void);

#endif
