/*
 * The console's keys: one table of named actions (keys.c) that the screens
 * look keys up in, and that feeds the key-hint line and the help screen, as
 * calcurse's keydef[]. A key means different actions in different contexts
 * (Enter opens in a list, goes to the next field in a form), so every entry
 * names the contexts it belongs to and every screen the contexts it uses.
 * Module prefix: key_.
 */
#ifndef RENDA_KEYS_H
#define RENDA_KEYS_H

#include <stdbool.h>
#include <wchar.h>

enum action {
	ACT_NONE = 0,
	ACT_HELP,
	ACT_BACK,
	ACT_QUIT,
	ACT_REDRAW,
	ACT_UP,
	ACT_DOWN,
	ACT_PGUP,
	ACT_PGDN,
	ACT_HOME,
	ACT_END,
	ACT_OPEN,
	ACT_CHOOSE,
	ACT_FILTER,
	ACT_SEARCH,
	ACT_NEXT,
	ACT_PREV,
	ACT_SORT,
	ACT_REVERSE,
	ACT_MARK,
	ACT_MARK_PAGE,
	ACT_UNMARK,
	ACT_ADD,
	ACT_EDIT,
	ACT_DISABLE,
	ACT_HISTORY,
	ACT_IMPORT,
	ACT_VERIFY,
	ACT_NEXT_FIELD,
	ACT_PREV_FIELD,
	ACT_SAVE,
	ACT_PICK,
	ACT_CLEAR,
	ACT_CANCEL,
	ACT_KEEP_MINE,
	ACT_TAKE_THEIRS,
	ACT_EDIT_AGAIN,
	ACT_ACCEPT,
	ACT_YES,
	ACT_NO,
	ACT_STEP,           /* take a step of a workflow (a menu of the steps allowed now) */
	ACT_SELECT,         /* choose which records a workflow list or its statistics show */
	ACT_BARS,           /* statistics: draw another figure as bars */
	ACT_COL_LEFT,       /* statistics: the figures further left */
	ACT_CHART_SAVE,     /* statistics: the module's workbook of what the screen counts */
	ACT_COL_RIGHT,      /* statistics: the figures further right */
	ACT_DEPUTY_LEAVE,   /* a deputy leaves office (the record stays) */
	ACT_DEPUTY_QR,      /* show a deputy's QR code on the screen */
	ACT_DEPUTY_WORK,    /* a deputy's voter issues and suggestions */
	ACT_DEPUTY_EXPORT,  /* the roster to a CSV file */
	ACT_QR_PNG,         /* a deputy's QR code to a PNG file */
	ACT_QR_SHEET,       /* an A4 print sheet (XLSX) of deputies' QR cards */
	ACT_CAL_COUNT,      /* the calendar: count working days, or the day N after */
	ACT_QR_INVERT,      /* swap light and dark in a QR code drawn on the screen */
	ACT_CASE_SEARCH,    /* voter issues: full-text search that narrows the list */
	ACT_CASE_REGEX,     /* voter issues: regular-expression search */
	ACT_CASE_OVERDUE,   /* voter issues: only the overdue ones, or all again */
	ACT_COMMENT,        /* a deputy's comment and rating on a case */
	ACT_LIKE,           /* a deputy's like of a case */
	ACT_MESSAGES,       /* the last messages, whole */
	ACT_LINK_NEXT,      /* a page's next row that opens a record */
	ACT_LINK_PREV,      /* a page's previous row that opens a record */
	ACT_POINTS_ARCHIVE, /* a deputy's duty archive (履职档案) and points */
	ACT_POINTS_CORRECT, /* a correction of a deputy's points: a new event with its reason */
	ACT_POINTS_SAVE,    /* the workbook of the archive or the ranking on the screen */
	ACT_POINTS_YEAR,    /* another year of the archive */
	ACT_SYNC_EXPORT,    /* data exchange: write the next file for a site */
	ACT_SYNC_APPLY,     /* data exchange: apply a file */
	ACT_SYNC_CONFLICTS, /* data exchange: the conflicts */
	ACT_SYNC_KEY,       /* data exchange: at the city, make a town's key into a file */
	ACT_SYNC_KEY_LOAD,  /* data exchange: at a town, load the key file the city made */
	ACT_SYNC_PEERS,     /* data exchange: the sites and the files each has had */
	ACT_COUNT
};

/* Contexts: each screen says which it uses (struct screen's ctx). */
enum {
	KC_GLOBAL = 1 << 0,         /* help, back, quit, redraw: every screen without typing */
	KC_MOVE = 1 << 1,           /* moving through rows */
	KC_MENU = 1 << 2,           /* the menus */
	KC_LIST = 1 << 3,           /* the list widget: filter, search, sort, marks, open */
	KC_RECORD = 1 << 4,         /* actions on records: add, edit, disable, history, import */
	KC_PICK = 1 << 5,           /* choosing a value for a form field */
	KC_FORM = 1 << 6,           /* forms: typing goes to the field */
	KC_CONFLICT = 1 << 7,       /* a save that met another clerk's change */
	KC_PROMPT = 1 << 8,         /* a line typed on the message line */
	KC_ASK = 1 << 9,            /* a yes/no question */
	KC_PROGRESS = 1 << 10,      /* long work */
	KC_HELPKEY = 1 << 11,       /* F1 alone, for screens where '?' is text */
	KC_CHOICE = 1 << 12,        /* a form field whose value is picked from a list */
	KC_WORKFLOW = 1 << 13,      /* records that move through a workflow: steps, selection */
	KC_CHART = 1 << 14,         /* statistics drawn as a table with bars */
	KC_DEPUTY = 1 << 15,        /* the deputy roster, a deputy's page and QR code */
	KC_CASE = 1 << 16,          /* voter issues: their list and a case's page */
	KC_LINKS = 1 << 17,         /* a page whose rows open records (a deputy's page) */
	KC_POINTS = 1 << 18,        /* duty points: the ranking and a deputy's archive */
	KC_SYNC = 1 << 19,          /* data exchange: the exchange log */
	KC_SYNC_CONFLICT = 1 << 20, /* data exchange: a conflict side by side */
	KC_CALENDAR = 1 << 21,      /* the holiday calendar: the working-day calculator */
};

struct keydef {
	enum action act;
	unsigned ctx;      /* KC_* where it applies */
	const char *name;  /* stable name ("list-filter"), as in renda(1) */
	const char *keys;  /* key names separated by spaces: "f F4", "^S", "S-Tab" */
	const char *label; /* msgid: a word or two for the hint line */
	const char *help;  /* msgid: one line for the help screen */
	bool hint;         /* shown on the hint line */
};

extern const struct keydef key_table[];
extern const int key_count;

/* Parses the key names of the table; fatal() on a name it does not know (a bug). */
void key_init(void);

/*
 * Key codes of our own, read with kind KEY_CODE_YES: a bracketed paste (its
 * text in key_paste()), and an escape sequence that was read and swallowed
 * (no key means anything to anyone).
 */
enum { KEY_PASTE = 0x7fff0001, KEY_SWALLOWED = 0x7fff0002 };

/*
 * Reads one key from stdscr as get_wch() does (kind OK, KEY_CODE_YES or
 * ERR; waiting as stdscr's timeout says) and decodes what curses left
 * undecoded: the escape sequences of key_seqs[] (keys.c: PuTTY, the Linux
 * console, tmux, screen and xterm) become their keys; a sequence not there
 * is swallowed whole (KEY_SWALLOWED), never read as Esc and text; keys with
 * Shift, Ctrl or Alt held (Ctrl-Right) become the plain key; Find and
 * Select become Home and End; a bracketed paste becomes KEY_PASTE.
 */
int key_read(wint_t *ch);
/* The text of the last KEY_PASTE (UTF-8; newlines as '\n'); valid until the next read. */
const char *key_paste(void);
/*
 * Decodes the bytes of an escape sequence after the Esc ("[1~", "OP", "[1;5C"):
 * the key code, or 0 when renda does not know the sequence.
 */
int key_decode(const char *seq);
/* Turns bracketed paste on (true) or off in the terminal. */
void key_paste_mode(bool on);
/*
 * The action of a key read by get_wch() (kind OK or KEY_CODE_YES) in the
 * given contexts, or ACT_NONE.
 */
enum action key_action(unsigned ctx, int kind, wint_t ch);
/* The first entry for an action within the contexts, or NULL. */
const struct keydef *key_find(unsigned ctx, enum action a);
/* The key names of an entry as shown to people: "f F4" (static storage). */
const char *key_names(const struct keydef *k);
/* The first key name of an entry ("f"). Static storage. */
const char *key_first(const struct keydef *k);

#endif
