/* The console (ncurses). The only part of renda that includes curses. */
#ifndef RENDA_TUI_H
#define RENDA_TUI_H

/* Opens the console on the database at db_path; returns the exit status. */
int tui_main(const char *db_path);

#endif
