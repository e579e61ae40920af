#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/keys.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* Keys handled by the line editor (tui/ledit.c), listed so that help and manual show them. */
#define EDIT (KC_FORM | KC_PROMPT)

/*
 * Every key of the console. Order matters where two entries of contexts a
 * screen uses share a key: the first wins (choice-pick before form-next).
 */
const struct keydef key_table[] = {
    {ACT_HELP, KC_GLOBAL, "help", "F1 ?", N_("Help"), N_("Show the keys of this screen"), true},
    {ACT_HELP, KC_HELPKEY, "help-f1", "F1", N_("Help"), N_("Show the keys of this screen"), true},
    {ACT_BACK, KC_GLOBAL, "back", "q Esc", N_("Back"),
     N_("Go back to the previous screen; on the main menu, quit"), true},
    {ACT_QUIT, KC_GLOBAL, "quit", "Q", N_("Quit"), N_("Quit renda"), false},
    {ACT_REDRAW, KC_GLOBAL | KC_FORM | KC_CONFLICT, "redraw", "^L", N_("Redraw"),
     N_("Read the data again and redraw the whole screen"), false},
    {ACT_MESSAGES, KC_GLOBAL | KC_FORM | KC_CONFLICT | KC_HELPKEY, "messages", "F9 ^P",
     N_("Messages"),
     N_("Show the last messages in full (one longer than the message line ends with F9)"), false},

    {ACT_UP, KC_MOVE, "up", "Up k", N_("Up"), N_("Move up one row"), false},
    {ACT_DOWN, KC_MOVE, "down", "Down j", N_("Down"), N_("Move down one row"), false},
    {ACT_PGUP, KC_MOVE, "page-up", "PgUp ^B", N_("Page up"), N_("Move up one page"), false},
    {ACT_PGDN, KC_MOVE, "page-down", "PgDn ^F", N_("Page down"), N_("Move down one page"), false},
    {ACT_HOME, KC_MOVE, "first", "Home g", N_("First"), N_("Go to the first row"), false},
    {ACT_END, KC_MOVE, "last", "End G", N_("Last"), N_("Go to the last row"), false},

    {ACT_OPEN, KC_MENU, "menu-open", "Enter Right", N_("Open"), N_("Open the chosen entry"), true},
    {ACT_NONE, KC_MENU, "menu-number", "1 2 3 4 5 6 7 8 9", N_("Number"),
     N_("Open the entry with that number"), false},

    {ACT_CHOOSE, KC_PICK, "pick-choose", "Enter", N_("Choose"),
     N_("Put the chosen record into the form field"), true},
    {ACT_OPEN, KC_LIST, "list-open", "Enter", N_("Open"), N_("Open the record under the cursor"),
     true},
    {ACT_LINK_NEXT, KC_LINKS, "page-next-record", "Tab", N_("Next record"),
     N_("Mark the next row of the page that is a record of its own"), true},
    {ACT_LINK_PREV, KC_LINKS, "page-previous-record", "S-Tab", N_("Previous record"),
     N_("Mark the previous row of the page that is a record of its own"), false},
    {ACT_OPEN, KC_LINKS, "page-open", "Enter", N_("Open"), N_("Open the marked record"), true},
    {ACT_ADD, KC_RECORD, "record-add", "a Ins", N_("Add"), N_("Add a record"), true},
    {ACT_EDIT, KC_RECORD, "record-edit", "e", N_("Edit"), N_("Change the record"), true},
    {ACT_DISABLE, KC_RECORD, "record-disable", "d Del", N_("Disable"),
     N_("Disable the marked records, or the one under the cursor (they stay in the audit trail)"),
     true},
    {ACT_HISTORY, KC_RECORD, "record-history", "h", N_("History"),
     N_("Show every change of the record in the audit trail"), true},
    {ACT_IMPORT, KC_RECORD, "record-import", "i", N_("Import"),
     N_("Add or update records from a CSV file: all rows or none"), true},
    {ACT_VERIFY, KC_RECORD, "audit-verify", "V", N_("Verify"),
     N_("Check that no audit row was altered, removed or reordered"), true},
    {ACT_STEP, KC_WORKFLOW, "workflow-step", "x", N_("Act"),
     N_("Take a step of the workflow: a menu of the steps your role may take now"), true},
    {ACT_SELECT, KC_WORKFLOW | KC_CHART, "workflow-select", "v", N_("Select"),
     N_("Choose which records are listed or counted (session, kind, state, unit, overdue...)"),
     true},
    {ACT_BARS, KC_CHART, "chart-bars", "b", N_("Bars"),
     N_("Draw the next figure of the table as bars"), true},
    {ACT_COL_RIGHT, KC_CHART, "chart-right", "Right l", N_("Scroll right"),
     N_("Show the figures to the right of those on the screen (the names stay)"), true},
    {ACT_COL_LEFT, KC_CHART, "chart-left", "Left h", N_("Scroll left"),
     N_("Show the figures to the left again"), false},
    {ACT_CHART_SAVE, KC_CHART, "chart-workbook", "W", N_("Workbook"),
     N_("Write the module's workbook (XLSX) of what the screen counts: the same year, town, "
        "session or kind, with its charts, breakdowns and every record (asks before replacing a "
        "file)"),
     true},
    {ACT_DEPUTY_LEAVE, KC_DEPUTY, "deputy-leave", "l", N_("Leave office"),
     N_("Record that the marked deputies, or the one under the cursor, left office: a day and a "
        "reason (they stay on the roster)"),
     true},
    {ACT_DEPUTY_QR, KC_DEPUTY, "deputy-qr", "c", N_("QR"),
     N_("Show the deputy's QR code on the screen, to scan it or to save it"), true},
    {ACT_QR_PNG, KC_DEPUTY, "deputy-qr-png", "p", N_("PNG"),
     N_("Write the deputy's QR code as a PNG image to a file"), true},
    {ACT_QR_SHEET, KC_DEPUTY, "deputy-qr-sheet", "S", N_("Print sheet"),
     N_("Write an A4 print sheet (XLSX) of the QR cards of the marked deputies, or of every "
        "deputy in office in your scope when none is marked"),
     false},
    {ACT_QR_INVERT, KC_DEPUTY, "deputy-qr-invert", "I", N_("Invert"),
     N_("Swap light and dark in the code drawn on the screen (for dark text on a light "
        "background)"),
     true},
    {ACT_DEPUTY_WORK, KC_DEPUTY, "deputy-work", "w", N_("Work"),
     N_("List every voter issue and motion or suggestion of the deputy"), true},
    {ACT_DEPUTY_EXPORT, KC_DEPUTY, "deputy-export", "E", N_("Export CSV"),
     N_("Write the deputies in your scope to a CSV file (asks before replacing a file)"), false},
    {ACT_POINTS_ARCHIVE, KC_DEPUTY | KC_POINTS, "points-archive", "A", N_("Archive"),
     N_("Open the deputy's duty archive (履职档案): activities, motions and suggestions, voter "
        "issues, and the year's points line by line"),
     true},
    {ACT_POINTS_CORRECT, KC_POINTS, "points-correct", "c", N_("Correct"),
     N_("Correct the deputy's points by a new event with its reason: one the records missed, "
        "or the cancellation of a line (its key)"),
     true},
    {ACT_POINTS_SAVE, KC_POINTS, "points-workbook", "W", N_("Workbook"),
     N_("Write the archive, or the ranking on the screen, as a workbook (XLSX)"), true},
    {ACT_POINTS_YEAR, KC_POINTS, "points-year", "y", N_("Year"),
     N_("Show the archive of another year"), true},
    {ACT_CASE_SEARCH, KC_CASE, "case-search", "/ F3", N_("Search"),
     N_("Show only the cases whose title, content or reply contain a text (full text, one or "
        "two Chinese characters too); empty shows all"),
     true},
    {ACT_CASE_REGEX, KC_CASE, "case-regex", "R", N_("Regex"),
     N_("Show only the cases whose title, content or reply match a regular expression; empty "
        "shows all"),
     false},
    {ACT_CASE_OVERDUE, KC_CASE, "case-overdue", "o", N_("Overdue"),
     N_("Show only the overdue cases; again: every case of the selection"), true},
    {ACT_COMMENT, KC_CASE, "case-comment", "c", N_("Comment"),
     N_("Record a deputy's comment and rating on the handling (pick the deputy first)"), false},
    {ACT_LIKE, KC_CASE, "case-like", "l", N_("Like"),
     N_("Record a deputy's like of the handling, one per deputy (pick the deputy first)"), false},
    {ACT_CAL_COUNT, KC_CALENDAR, "calendar-count", "w", N_("Working days"),
     N_("Count the working days between two days, or find the day a number of working days "
        "(or days, weeks, months) after one, by this calendar"),
     true},
    {ACT_SYNC_EXPORT, KC_SYNC, "sync-export", "E", N_("Write file"),
     N_("Write the next exchange file for the city or a town"), true},
    {ACT_SYNC_APPLY, KC_SYNC, "sync-apply", "i", N_("Apply file"),
     N_("Apply an exchange file from the city or a town"), true},
    {ACT_SYNC_CONFLICTS, KC_SYNC, "sync-conflicts", "c", N_("Conflicts"),
     N_("The records changed here and at the other site since they last exchanged"), true},
    {ACT_SYNC_KEY, KC_SYNC, "sync-key", "K", N_("Make key"),
     N_("At the city: make the key that signs a town's exchange files, into a file to carry to "
        "the town"),
     false},
    {ACT_SYNC_KEY_LOAD, KC_SYNC, "sync-key-load", "L", N_("Load key"),
     N_("At a town: load the key file the city made for this database"), false},
    {ACT_SYNC_PEERS, KC_SYNC, "sync-peers", "p", N_("Sites"),
     N_("The sites this database exchanges with: each one's key and the files it has had"), false},
    {ACT_KEEP_MINE, KC_SYNC_CONFLICT, "sync-keep-ours", "m", N_("Keep ours"),
     N_("Keep this database's version; the other site gets it with the next file"), true},
    {ACT_TAKE_THEIRS, KC_SYNC_CONFLICT, "sync-take-theirs", "t", N_("Take theirs"),
     N_("Take the other site's changes of the record over ours"), true},

    {ACT_FILTER, KC_LIST, "list-filter", "f F4", N_("Filter"),
     N_("Show only rows that contain every word typed (as you type); empty shows all"), true},
    {ACT_SEARCH, KC_LIST, "list-search", "/ F3", N_("Search"),
     N_("Go to the next row that contains a text"), true},
    {ACT_NEXT, KC_LIST, "list-next", "n", N_("Next"), N_("Go to the next match of the search"),
     false},
    {ACT_PREV, KC_LIST, "list-previous", "N", N_("Previous"),
     N_("Go to the previous match of the search"), false},
    {ACT_SORT, KC_LIST, "list-sort", "s", N_("Sort"),
     N_("Sort by the next column that can be sorted"), true},
    {ACT_REVERSE, KC_LIST, "list-reverse", "r", N_("Reverse"), N_("Reverse the order of the list"),
     false},
    {ACT_MARK, KC_LIST, "list-mark", "Space", N_("Mark"),
     N_("Mark or unmark the row for an action on several rows"), true},
    {ACT_MARK_PAGE, KC_LIST, "list-mark-page", "*", N_("Mark page"),
     N_("Mark every row on the screen"), false},
    {ACT_UNMARK, KC_LIST, "list-unmark", "u", N_("Unmark"), N_("Unmark every row"), false},

    {ACT_PICK, KC_CHOICE, "choice-pick", "Enter Space F4", N_("Pick"),
     N_("Choose the value of this field from a list"), true},
    {ACT_CLEAR, KC_CHOICE, "choice-clear", "BS Del", N_("Clear"), N_("Empty this field"), false},
    {ACT_NEXT_FIELD, KC_FORM, "form-next", "Tab Down Enter", N_("Next"), N_("Go to the next field"),
     true},
    {ACT_PREV_FIELD, KC_FORM, "form-previous", "S-Tab Up", N_("Previous"),
     N_("Go to the previous field"), false},
    {ACT_SAVE, KC_FORM, "form-save", "F2 ^S", N_("Save"),
     N_("Check every field and save; a bad value keeps the cursor on its field"), true},
    {ACT_CANCEL, KC_FORM, "form-cancel", "Esc F10", N_("Cancel"),
     N_("Leave the form (asks first when something was typed)"), true},
    {ACT_NONE, EDIT, "edit-move", "Left Right ^B ^F", N_("Move"),
     N_("Move the cursor by one character"), false},
    {ACT_NONE, EDIT, "edit-home", "Home ^A", N_("Start"), N_("Go to the start of the line"), false},
    {ACT_NONE, EDIT, "edit-end", "End ^E", N_("End"), N_("Go to the end of the line"), false},
    {ACT_NONE, EDIT, "edit-delete", "BS Del ^D", N_("Delete"),
     N_("Delete the character before or under the cursor"), false},
    {ACT_NONE, EDIT, "edit-kill", "^K", N_("Kill"), N_("Delete to the end of the line"), false},
    {ACT_NONE, EDIT, "edit-kill-start", "^U", N_("Kill back"),
     N_("Delete to the start of the line"), false},
    {ACT_NONE, EDIT, "edit-word", "^W", N_("Delete word"), N_("Delete the word before the cursor"),
     false},
    {ACT_NONE, KC_FORM, "edit-newline", "Enter", N_("New line"),
     N_("In a field of several lines: start a new line (Up and Down move between lines)"), false},

    {ACT_KEEP_MINE, KC_CONFLICT, "conflict-mine", "m", N_("Keep mine"),
     N_("Save your version over the other clerk's change"), true},
    {ACT_TAKE_THEIRS, KC_CONFLICT, "conflict-theirs", "t", N_("Take theirs"),
     N_("Drop your changes and keep the other clerk's version"), true},
    {ACT_EDIT_AGAIN, KC_CONFLICT, "conflict-edit", "e Esc q", N_("Edit"),
     N_("Back to the form with your values, to merge by hand before saving"), true},

    {ACT_ACCEPT, KC_PROMPT, "prompt-accept", "Enter", N_("OK"), N_("Accept the text typed"), true},
    {ACT_CANCEL, KC_PROMPT, "prompt-cancel", "Esc", N_("Cancel"), N_("Cancel the question"), true},
    {ACT_YES, KC_ASK, "ask-yes", "y Y", N_("Yes"), N_("Answer yes"), true},
    {ACT_NO, KC_ASK, "ask-no", "n N Esc", N_("No"), N_("Answer no"), true},
    {ACT_CANCEL, KC_PROGRESS, "progress-cancel", "Esc c", N_("Cancel"),
     N_("Stop the work; nothing of it is kept"), true},
};
const int key_count = N_OF(key_table);

#define MAX_CODES 12

/* The parsed keys of each entry: kind (OK or KEY_CODE_YES) and code. */
static struct {
	int n;
	int kind[MAX_CODES];
	wint_t code[MAX_CODES];
} parsed[sizeof key_table / sizeof key_table[0]];

static void add_code(int e, int kind, wint_t code)
{
	if (parsed[e].n == MAX_CODES)
		fatal("keys: too many keys for %s", key_table[e].name);
	parsed[e].kind[parsed[e].n] = kind;
	parsed[e].code[parsed[e].n++] = code;
}

/* Adds the codes a terminal may send for one key name. */
static void parse_name(int e, const char *name)
{
	static const struct {
		const char *name;
		int code;
	} special[] = {
	    {"Up", KEY_UP},      {"Down", KEY_DOWN},  {"Left", KEY_LEFT},  {"Right", KEY_RIGHT},
	    {"PgUp", KEY_PPAGE}, {"PgDn", KEY_NPAGE}, {"Home", KEY_HOME},  {"End", KEY_END},
	    {"Del", KEY_DC},     {"Ins", KEY_IC},     {"S-Tab", KEY_BTAB},
	};
	if (strlen(name) == 1) {
		add_code(e, OK, (wint_t)(unsigned char)name[0]);
		return;
	}
	if (name[0] == '^' && strlen(name) == 2) {
		add_code(e, OK, (wint_t)(name[1] & 0x1f));
		return;
	}
	if (name[0] == 'F' && name[1] >= '1' && name[1] <= '9') {
		add_code(e, KEY_CODE_YES, (wint_t)KEY_F(atoi(name + 1)));
		return;
	}
	if (!strcmp(name, "Esc")) {
		add_code(e, OK, 27);
		return;
	}
	if (!strcmp(name, "Enter")) {
		add_code(e, OK, '\n');
		add_code(e, OK, '\r');
		add_code(e, KEY_CODE_YES, KEY_ENTER);
		return;
	}
	if (!strcmp(name, "Tab")) {
		add_code(e, OK, '\t');
		return;
	}
	if (!strcmp(name, "Space")) {
		add_code(e, OK, ' ');
		return;
	}
	if (!strcmp(name, "BS")) {
		add_code(e, KEY_CODE_YES, KEY_BACKSPACE);
		add_code(e, OK, 127);
		add_code(e, OK, 8);
		return;
	}
	for (size_t i = 0; i < sizeof special / sizeof special[0]; i++)
		if (!strcmp(name, special[i].name)) {
			add_code(e, KEY_CODE_YES, (wint_t)special[i].code);
			/* Some terminals send Home and End as Find and Select. */
			if (special[i].code == KEY_HOME)
				add_code(e, KEY_CODE_YES, KEY_FIND);
			if (special[i].code == KEY_END)
				add_code(e, KEY_CODE_YES, KEY_SELECT);
			return;
		}
	fatal("keys: unknown key name '%s' in %s", name, key_table[e].name);
}

void key_init(void)
{
	for (int e = 0; e < key_count; e++) {
		char buf[128];
		parsed[e].n = 0;
		snprintf(buf, sizeof buf, "%s", key_table[e].keys);
		for (char *t = strtok(buf, " "); t; t = strtok(NULL, " "))
			parse_name(e, t);
	}
}

enum action key_action(unsigned ctx, int kind, wint_t ch)
{
	for (int e = 0; e < key_count; e++) {
		if (!(key_table[e].ctx & ctx) || key_table[e].act == ACT_NONE)
			continue;
		for (int i = 0; i < parsed[e].n; i++)
			if (parsed[e].kind[i] == kind && parsed[e].code[i] == ch)
				return key_table[e].act;
	}
	return ACT_NONE;
}

const struct keydef *key_find(unsigned ctx, enum action a)
{
	for (int e = 0; e < key_count; e++)
		if ((key_table[e].ctx & ctx) && key_table[e].act == a)
			return &key_table[e];
	return NULL;
}

const char *key_names(const struct keydef *k)
{
	return k->keys;
}

const char *key_first(const struct keydef *k)
{
	static char buf[16];
	size_t n = strcspn(k->keys, " ");
	if (n >= sizeof buf)
		n = sizeof buf - 1;
	memcpy(buf, k->keys, n);
	buf[n] = '\0';
	return buf;
}

/*
 * The escape sequences renda knows, as the bytes after Esc. Terminals send
 * more than terminfo says: PuTTY (default settings), tmux and screen send
 * Home and End as ESC[1~ and ESC[4~ whatever TERM says, PuTTY sends F1-F4 as
 * ESC[11~..ESC[14~, the Linux console F1-F5 as ESC[[A..ESC[[E, rxvt Home and
 * End as ESC[7~ and ESC[8~; cursor keys come in normal (ESC[A) and
 * application (ESC OA) mode. Modified keys (ESC[1;5C, ESC[5;2~, ESC O5P) are
 * looked up without their modifier (key_decode()).
 */
static const struct {
	const char *seq;
	int code;
} key_seqs[] = {
    {"[A", KEY_UP},     {"[B", KEY_DOWN},    {"[C", KEY_RIGHT},   {"[D", KEY_LEFT},
    {"OA", KEY_UP},     {"OB", KEY_DOWN},    {"OC", KEY_RIGHT},   {"OD", KEY_LEFT},
    {"[H", KEY_HOME},   {"[F", KEY_END},     {"OH", KEY_HOME},    {"OF", KEY_END},
    {"[1~", KEY_HOME},  {"[4~", KEY_END},    {"[7~", KEY_HOME},   {"[8~", KEY_END},
    {"[2~", KEY_IC},    {"[3~", KEY_DC},     {"[5~", KEY_PPAGE},  {"[6~", KEY_NPAGE},
    {"OP", KEY_F(1)},   {"OQ", KEY_F(2)},    {"OR", KEY_F(3)},    {"OS", KEY_F(4)},
    {"[P", KEY_F(1)},   {"[Q", KEY_F(2)},    {"[R", KEY_F(3)},    {"[S", KEY_F(4)},
    {"[11~", KEY_F(1)}, {"[12~", KEY_F(2)},  {"[13~", KEY_F(3)},  {"[14~", KEY_F(4)},
    {"[15~", KEY_F(5)}, {"[17~", KEY_F(6)},  {"[18~", KEY_F(7)},  {"[19~", KEY_F(8)},
    {"[20~", KEY_F(9)}, {"[21~", KEY_F(10)}, {"[23~", KEY_F(11)}, {"[24~", KEY_F(12)},
    {"[[A", KEY_F(1)},  {"[[B", KEY_F(2)},   {"[[C", KEY_F(3)},   {"[[D", KEY_F(4)},
    {"[[E", KEY_F(5)},  {"[Z", KEY_BTAB},    {"OM", KEY_ENTER},   {"[200~", KEY_PASTE},
};

/* Modified keys that terminfo names (kRIT5: Ctrl-Right), by the name less the digit. */
static const struct {
	const char *name;
	int code;
} key_modified[] = {
    {"kUP", KEY_UP},    {"kDN", KEY_DOWN}, {"kLFT", KEY_LEFT},  {"kRIT", KEY_RIGHT},
    {"kHOM", KEY_HOME}, {"kEND", KEY_END}, {"kNXT", KEY_NPAGE}, {"kPRV", KEY_PPAGE},
    {"kDC", KEY_DC},    {"kIC", KEY_IC},
};

/* Longest escape sequence read; a longer one is swallowed. */
#define SEQ_MAX 32
/* Milliseconds to wait for the next byte of a sequence already started. */
#define SEQ_MS 100
/* Milliseconds to wait for the next byte of a paste; longer ends the paste. */
#define PASTE_MS 500
/* Most bytes of a paste kept. */
#define PASTE_MAX (1 << 20)

static char *paste_text;

int key_decode(const char *seq)
{
	char norm[SEQ_MAX + 4];
	size_t n = strlen(seq);
	if (n < 2 || n > SEQ_MAX)
		return 0;
	const char *semi = strchr(seq, ';');
	char last = seq[n - 1];
	if (seq[0] == '[' && semi) {
		/* ESC[1;5C is C with Ctrl, ESC[5;2~ is 5~ with Shift. */
		if (last == '~')
			snprintf(norm, sizeof norm, "%.*s~", (int)(semi - seq), seq);
		else
			snprintf(norm, sizeof norm, "[%c", last);
	} else if (seq[0] == 'O' && n > 2) {
		/* ESC O5P: an old xterm's F1 with Ctrl. */
		snprintf(norm, sizeof norm, "O%c", last);
	} else
		snprintf(norm, sizeof norm, "%s", seq);
	for (size_t i = 0; i < sizeof key_seqs / sizeof key_seqs[0]; i++)
		if (!strcmp(norm, key_seqs[i].seq))
			return key_seqs[i].code;
	return 0;
}

/* Reads the next key, waiting at most ms milliseconds; stdscr's delay is kept. */
static int next_key(int ms, wint_t *ch)
{
	int delay = wgetdelay(stdscr);
	wtimeout(stdscr, ms);
	int kind = get_wch(ch);
	wtimeout(stdscr, delay);
	return kind;
}

/* Puts a key read too far back, for the next read. */
static void unread(int kind, wint_t ch)
{
	if (kind == KEY_CODE_YES)
		ungetch((int)ch);
	else if (kind == OK)
		unget_wch((wchar_t)ch);
}

/*
 * Reads the rest of a sequence after Esc and its first byte ('[' or 'O') into
 * seq; false when it broke off (a pause, a key that cannot be in one).
 */
static bool read_seq(char first, char *seq)
{
	size_t n = 0;
	seq[n++] = first;
	seq[n] = '\0';
	for (;;) {
		wint_t c;
		int kind = next_key(SEQ_MS, &c);
		if (kind == ERR)
			return false;
		if (kind != OK || c > 0x7e || c < 0x20) {
			unread(kind, c);
			return false;
		}
		if (n == SEQ_MAX) {
			/* Too long to be a key: swallow up to its final byte. */
			if (c >= 0x40)
				return false;
			continue;
		}
		seq[n++] = (char)c;
		seq[n] = '\0';
		if (first == 'O') {
			/* SS3: digits of a modifier, then one final byte. */
			if (c >= '0' && c <= '9')
				continue;
			return true;
		}
		/* CSI: the Linux console's ESC[[A takes one byte after the second '['. */
		if (n == 2 && c == '[')
			continue;
		if (n == 3 && seq[1] == '[')
			return true;
		if (c >= 0x20 && c <= 0x3f)
			continue; /* parameters and intermediates */
		return true;      /* the final byte */
	}
}

/* Appends the UTF-8 of c to the paste being read. */
static void paste_add(char **buf, size_t *len, size_t *cap, wint_t c)
{
	char u[8];
	size_t k = 0;
	if (c < 0x80)
		u[k++] = (char)c;
	else if (c < 0x800) {
		u[k++] = (char)(0xc0 | (c >> 6));
		u[k++] = (char)(0x80 | (c & 0x3f));
	} else if (c < 0x10000) {
		u[k++] = (char)(0xe0 | (c >> 12));
		u[k++] = (char)(0x80 | ((c >> 6) & 0x3f));
		u[k++] = (char)(0x80 | (c & 0x3f));
	} else {
		u[k++] = (char)(0xf0 | (c >> 18));
		u[k++] = (char)(0x80 | ((c >> 12) & 0x3f));
		u[k++] = (char)(0x80 | ((c >> 6) & 0x3f));
		u[k++] = (char)(0x80 | (c & 0x3f));
	}
	if (*len + k >= PASTE_MAX)
		return;
	if (*len + k + 1 > *cap) {
		while (*len + k + 1 > *cap)
			*cap = *cap < 128 ? 256 : *cap * 2;
		*buf = xrealloc(*buf, *cap);
	}
	memcpy(*buf + *len, u, k);
	*len += k;
	(*buf)[*len] = '\0';
}

/* Reads a bracketed paste up to ESC[201~ (or a pause) into paste_text. */
static void read_paste(void)
{
	char *buf = xstrdup("");
	size_t len = 0, cap = 1;
	for (;;) {
		wint_t c;
		int kind = next_key(PASTE_MS, &c);
		if (kind == ERR)
			break;
		if (kind == KEY_CODE_YES) {
			if (c == KEY_ENTER)
				paste_add(&buf, &len, &cap, '\n');
			continue; /* a pasted sequence that curses took for a key */
		}
		if (c == 27) {
			wint_t b;
			int k2 = next_key(SEQ_MS, &b);
			char seq[SEQ_MAX + 1];
			if (k2 == OK && (b == '[' || b == 'O') && read_seq((char)b, seq) &&
			    !strcmp(seq, "[201~"))
				break;
			if (k2 != OK || (b != '[' && b != 'O'))
				unread(k2, b);
			continue; /* an escape sequence inside the paste: not text */
		}
		if (c == '\r')
			c = '\n';
		paste_add(&buf, &len, &cap, c);
	}
	free(paste_text);
	paste_text = buf;
}

const char *key_paste(void)
{
	return paste_text ? paste_text : "";
}

/* A key code curses decoded, made plain: modified and alternative keys. */
static wint_t plain_code(wint_t ch)
{
	switch (ch) {
	case KEY_FIND:
	case KEY_SHOME: return KEY_HOME;
	case KEY_SELECT:
	case KEY_SEND: return KEY_END;
	case KEY_SLEFT: return KEY_LEFT;
	case KEY_SRIGHT: return KEY_RIGHT;
	case KEY_SR: return KEY_UP;
	case KEY_SF: return KEY_DOWN;
	case KEY_SNEXT: return KEY_NPAGE;
	case KEY_SPREVIOUS: return KEY_PPAGE;
	case KEY_SDC: return KEY_DC;
	case KEY_SIC: return KEY_IC;
	default: break;
	}
	if (ch > KEY_MAX) {
		const char *name = keyname((int)ch);
		if (name) {
			size_t n = strlen(name);
			for (size_t i = 0; i < sizeof key_modified / sizeof key_modified[0]; i++) {
				size_t k = strlen(key_modified[i].name);
				if (n == k + 1 && !strncmp(name, key_modified[i].name, k) &&
				    name[k] >= '2' && name[k] <= '8')
					return (wint_t)key_modified[i].code;
			}
		}
	}
	return ch;
}

int key_read(wint_t *ch)
{
	int kind = get_wch(ch);
	if (kind == KEY_CODE_YES) {
		*ch = plain_code(*ch);
		return kind;
	}
	if (kind != OK || *ch != 27)
		return kind;
	/* Esc: alone, or the start of a sequence curses did not know. */
	wint_t b;
	int k2 = next_key(get_escdelay(), &b);
	if (k2 != OK || (b != '[' && b != 'O')) {
		unread(k2, b);
		return OK; /* Esc itself */
	}
	char seq[SEQ_MAX + 1];
	int code = read_seq((char)b, seq) ? key_decode(seq) : 0;
	if (code == KEY_PASTE)
		read_paste();
	*ch = (wint_t)(code ? code : KEY_SWALLOWED);
	return KEY_CODE_YES;
}

void key_paste_mode(bool on)
{
	/* xterm's mode 2004: terminals that do not know it ignore it. */
	fputs(on ? "\033[?2004h" : "\033[?2004l", stdout);
	fflush(stdout);
}
