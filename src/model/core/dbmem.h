/*
 * SQLite's memory for renda: small and page-sized blocks handed out from per-thread
 * lists, larger ones from malloc. Module prefix: dbmem_.
 *
 * A command spends most of its time reading the schema (a hundred tables, as many
 * indexes and triggers), which is thousands of small allocations, all freed again at
 * close; through glibc's malloc and free they were a sixth of a write command's
 * instructions (callgrind). Here a block of up to DBMEM_SMALL bytes is cut from a
 * 64 KiB chunk or taken from the list of freed blocks of its size (16-byte steps), and
 * a freed one goes back on the list of the thread that frees it: a few instructions
 * each way. Blocks of up to DBMEM_PAGE bytes (the page cache's pages, each a database
 * page and its header) are cut the same way, in 64-byte steps. Chunks and page-sized
 * blocks come from 2 MiB regions that the kernel may back with huge pages: each 4 KiB
 * page faulted in on its first touch costs some 20 us on a virtual machine, and a chase
 * faulted 485 (half its processor time), an import of 50,000 voter issues into a
 * million 30,866 (a fifth of the time it held the write lock). Regions are kept for the
 * life of the process (their blocks are reused, never given back); larger blocks (big
 * texts and blobs) go to malloc and back, and so does any block when no region can be
 * mapped.
 * Under AddressSanitizer it is never installed, so that the sanitizer still sees every
 * block SQLite hands out.
 */
#ifndef RENDA_DBMEM_H
#define RENDA_DBMEM_H

#include <stdbool.h>

enum { DBMEM_SMALL = 1024, DBMEM_PAGE = 16384 };

/*
 * Makes these SQLite's allocator. Only before SQLite starts (before the first
 * connection is opened); afterwards, and in a sanitizer build, it changes nothing.
 * True when installed now or before.
 */
bool dbmem_install(void);

#endif
