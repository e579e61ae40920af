/*
 * Unit tests of the table of escape sequences (tui/keys.c): what PuTTY with
 * its default settings, the Linux console, tmux, screen, rxvt and xterm send
 * for the editing and function keys, with and without modifiers, and
 * sequences that are not keys (decoded as 0: swallowed whole). The sequences
 * are written here from the terminals' documentation, not from the table.
 */
#include "config.h"

#include <curses.h>

#include "tap.h"
#include "tui/keys.h"

int main(void)
{
	static const struct {
		const char *seq, *who;
		int code;
	} known[] = {
	    {"[1~", "Home: PuTTY, tmux, screen, Linux console", KEY_HOME},
	    {"[4~", "End: PuTTY, tmux, screen, Linux console", KEY_END},
	    {"[2~", "Insert", KEY_IC},
	    {"[3~", "Delete", KEY_DC},
	    {"[5~", "PgUp", KEY_PPAGE},
	    {"[6~", "PgDn", KEY_NPAGE},
	    {"[H", "Home: xterm normal mode", KEY_HOME},
	    {"[F", "End: xterm normal mode", KEY_END},
	    {"OH", "Home: xterm application mode", KEY_HOME},
	    {"OF", "End: xterm application mode", KEY_END},
	    {"[7~", "Home: rxvt", KEY_HOME},
	    {"[8~", "End: rxvt", KEY_END},
	    {"[A", "Up", KEY_UP},
	    {"[B", "Down", KEY_DOWN},
	    {"[C", "Right", KEY_RIGHT},
	    {"[D", "Left", KEY_LEFT},
	    {"OA", "Up: application mode", KEY_UP},
	    {"OD", "Left: application mode", KEY_LEFT},
	    {"[11~", "F1: PuTTY", KEY_F(1)},
	    {"[12~", "F2: PuTTY", KEY_F(2)},
	    {"[13~", "F3: PuTTY", KEY_F(3)},
	    {"[14~", "F4: PuTTY", KEY_F(4)},
	    {"[15~", "F5", KEY_F(5)},
	    {"[17~", "F6", KEY_F(6)},
	    {"[18~", "F7", KEY_F(7)},
	    {"[19~", "F8", KEY_F(8)},
	    {"[20~", "F9", KEY_F(9)},
	    {"[21~", "F10", KEY_F(10)},
	    {"[23~", "F11", KEY_F(11)},
	    {"[24~", "F12", KEY_F(12)},
	    {"OP", "F1: xterm", KEY_F(1)},
	    {"OQ", "F2: xterm", KEY_F(2)},
	    {"OR", "F3: xterm", KEY_F(3)},
	    {"OS", "F4: xterm", KEY_F(4)},
	    {"[[A", "F1: Linux console", KEY_F(1)},
	    {"[[B", "F2: Linux console", KEY_F(2)},
	    {"[[C", "F3: Linux console", KEY_F(3)},
	    {"[[D", "F4: Linux console", KEY_F(4)},
	    {"[[E", "F5: Linux console", KEY_F(5)},
	    {"[Z", "Shift-Tab", KEY_BTAB},
	    {"[1;5C", "Ctrl-Right: xterm", KEY_RIGHT},
	    {"[1;2H", "Shift-Home", KEY_HOME},
	    {"[1;5F", "Ctrl-End", KEY_END},
	    {"[5;5~", "Ctrl-PgUp", KEY_PPAGE},
	    {"[3;2~", "Shift-Delete", KEY_DC},
	    {"[1;5P", "Ctrl-F1", KEY_F(1)},
	    {"[15;2~", "Shift-F5", KEY_F(5)},
	    {"O5P", "Ctrl-F1: old xterm", KEY_F(1)},
	    {"[200~", "start of a bracketed paste", KEY_PASTE},
	};
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
		is_int(key_decode(known[i].seq), known[i].code, "ESC %s is %s", known[i].seq,
		       known[i].who);
	static const char *const unknown[] = {
	    "[201~", "[25~", "[99~", "[E", "[?1;2c", "[M", "Ox", "[1;5", "[", "",
	};
	for (size_t i = 0; i < sizeof unknown / sizeof unknown[0]; i++)
		is_int(key_decode(unknown[i]), 0, "ESC %s is no key (swallowed)", unknown[i]);
	return tap_done();
}
