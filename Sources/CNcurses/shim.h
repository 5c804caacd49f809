// The one C surface of the wizard: ncurses (wide-character build) plus the few
// things Swift cannot reach directly (macros, variadic functions, signal flags).
#ifndef SECURITY_OVERVIEW_NCURSES_SHIM_H
#define SECURITY_OVERVIEW_NCURSES_SHIM_H

// Without this, get_wch, cchar_t and the *wstr functions are hidden
// (SwiftPM drops pkg-config's -D_XOPEN_SOURCE=600).
#define _XOPEN_SOURCE_EXTENDED 1

#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>
#include <curses.h>
#include <term.h>

// MARK: - Attributes and colours (macros in curses.h)

static inline attr_t so_attr_bold(void) { return A_BOLD; }
static inline attr_t so_attr_dim(void) { return A_DIM; }
static inline attr_t so_attr_reverse(void) { return A_REVERSE; }
static inline attr_t so_attr_underline(void) { return A_UNDERLINE; }
static inline attr_t so_attr_normal(void) { return A_NORMAL; }
static inline int so_set_attr(WINDOW *window, attr_t attributes, short pair) {
    return wattr_set(window, attributes, pair, NULL);
}
static inline int so_key_f(int n) { return KEY_F(n); }
// `stdscr` is a C global that Swift 6 rejects as not concurrency-safe.
static inline WINDOW *so_stdscr(void) { return stdscr; }

// MARK: - Checks before taking the screen

/// 0: usable; 1: TERM unset or empty; 2: TERM unknown to terminfo; 3: no cursor addressing (cup).
/// Reads terminfo only: the terminal itself is not touched.
static inline int so_check_terminal(void) {
    const char *term = getenv("TERM");
    if (term == NULL || *term == '\0') return 1;
    int error = 0;
    TERMINAL *saved = cur_term;
    if (setupterm((char *)term, 1, &error) != OK) return 2;
    char *cup = tigetstr("cup");
    int usable = cup != NULL && cup != (char *)-1;
    TERMINAL *probe = set_curterm(saved);
    if (probe != NULL) del_curterm(probe);
    return usable ? 0 : 3;
}

/// Whether the current locale's character set is UTF-8.
static inline int so_locale_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset != NULL && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
}

// MARK: - Signals

// SIGINT, SIGTERM and SIGHUP only set a flag; the run loop (which wakes up at
// least every few hundred milliseconds) restores the terminal and exits.
static volatile sig_atomic_t so_caught_signal_number = 0;
static void so_signal_handler(int signal_number) { so_caught_signal_number = signal_number; }

static inline void so_install_signal_handlers(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = so_signal_handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;  // no SA_RESTART: a blocked read returns at once
    sigaction(SIGINT, &action, NULL);
    sigaction(SIGTERM, &action, NULL);
    sigaction(SIGHUP, &action, NULL);
}

static inline int so_caught_signal(void) { return so_caught_signal_number; }

#endif

#include <sys/ioctl.h>
/* The terminal's size as the kernel has it now (0 when unknown), which can be
   ahead of ncurses' until it reads the SIGWINCH's KEY_RESIZE. */
static inline int so_terminal_size(int fd, int *height, int *width) {
    struct winsize size;
    if (ioctl(fd, TIOCGWINSZ, &size) != 0 || size.ws_row == 0 || size.ws_col == 0) return 0;
    *height = size.ws_row;
    *width = size.ws_col;
    return 1;
}
