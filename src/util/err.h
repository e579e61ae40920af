/*
 * Errors in three tiers: allocation wrappers (xalloc.h) never fail; fatal()
 * restores the terminal and exits; user and database errors are recorded with
 * err_set() by the model, returned to the caller as an rd_status, and shown by
 * err_report(), which writes to stderr in the CLI and to the message line in
 * the console.
 */
#ifndef RENDA_ERR_H
#define RENDA_ERR_H

/* Status returned by every model function that can fail. */
enum rd_status {
	RD_OK = 0,
	RD_FAIL,     /* database or system failure */
	RD_INVALID,  /* bad input: the message names the field or file:line */
	RD_DENIED,   /* the session's role or scope does not allow it */
	RD_NOTFOUND, /* no such record within the session's scope */
	RD_CONFLICT, /* the record changed since it was read (version moved) */
	RD_EXISTS,   /* a record with that key already exists */
};

/* Records the message of the current error (printf format); returns st. */
int err_set(int st, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The message of the last error, or "" when none. */
const char *err_msg(void);
/* Clears the recorded error. */
void err_clear(void);
/* Shows the recorded error to the person: stderr or the console. */
void err_report(void);
/* Shows a formatted message as an error (same channel as err_report). */
void err_say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints a warning that does not stop the work. */
void err_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/*
 * Tells the person something about work that went on (a provisional deadline):
 * in the CLI on stderr at once, as a warning, once per key and run (a bulk
 * import says it once, not once per row); in the console it waits, one per
 * key, for err_notice_take(), which the message line calls with the action's
 * own message, so that message does not hide it.
 */
void err_notice(const char *key, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The console: the notice waiting to be shown (a new string; caller frees), or NULL. */
char *err_notice_take(void);

/* The console installs these: where messages go, and how to restore the terminal. */
void err_set_reporter(void (*fn)(const char *msg));
void err_set_cleanup(void (*fn)(void));

/* Restores the terminal, prints the message and exits with status 1. */
_Noreturn void fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
