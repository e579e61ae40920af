/*
 * Files that renda writes for a person: exports, reports, QR images and print
 * sheets, backups. Every one is written the same way, so that a planted symbolic
 * link or a half-written file can never harm anyone:
 *  - the data goes to a temporary file beside the destination, created
 *    exclusively (O_EXCL, a random name), or, for a library that opens its file
 *    itself, into a private directory (mkdtemp, 0700) beside the destination;
 *  - it is then renamed into place in one step. Without force a name that is
 *    taken is never replaced, a dangling symbolic link included (RD_EXISTS
 *    naming --force); with force the name itself is replaced, and a symbolic
 *    link there is replaced, never followed.
 *  - files with personal data are 0600, or 0640 in the group that [files]
 *    group names; other files follow the umask.
 * No function here calls anything but err_set() on failure, and err_set() keeps
 * one message per thread, so they may run in several threads at once.
 */
#ifndef RENDA_OUTFILE_H
#define RENDA_OUTFILE_H

#include <stdbool.h>
#include <stddef.h>

enum outfile_kind {
	OUTFILE_PUBLIC,   /* nothing personal: the umask decides (QR images, print sheets) */
	OUTFILE_PERSONAL, /* personal data: 0600, or 0640 for the [files] group */
};

struct outfile {
	char *path; /* the destination */
	char *tmp;  /* the temporary file (outfile_begin_named: not made yet) */
	char *dir;  /* the private directory that holds tmp, or NULL */
	int fd;     /* open on tmp after outfile_begin; -1 otherwise */
	bool force; /* replace what is at path */
	enum outfile_kind kind;
};

/* RD_EXISTS ("... use --force") when anything is at path (even a dangling link) and not force. */
int outfile_check(const char *path, bool force);
/* Starts a file: an exclusive temporary file beside path, open in of->fd. */
int outfile_begin(struct outfile *of, const char *path, bool force, enum outfile_kind kind);
/*
 * Starts a file that a library will create itself by name: of->tmp names a file in a
 * new private directory beside path. The library must create it there (and close it)
 * before outfile_commit().
 */
int outfile_begin_named(struct outfile *of, const char *path, bool force, enum outfile_kind kind);
/* Writes all of data to of->fd. */
int outfile_write(struct outfile *of, const void *data, size_t len);
/* Closes the file, gives it its mode, renames it into place and frees of. */
int outfile_commit(struct outfile *of);
/* Removes the temporary file and directory and frees of (after a failure). */
void outfile_abort(struct outfile *of);
/* The whole of data to path, as begin, write and commit do. */
int outfile_save(const char *path, const void *data, size_t len, bool force,
                 enum outfile_kind kind);
/*
 * A directory to write files into (renda qr --out DIR): made (0777 less the umask)
 * when missing; refused when it is not a directory, or when another account owns it
 * or the symbolic link that leads to it (a link planted in /tmp, say).
 */
int outfile_dir(const char *dir);

#endif
