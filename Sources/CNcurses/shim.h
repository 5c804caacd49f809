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
#include <errno.h>
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
// The next refresh repaints the whole screen (after a stop, the shell drew on it).
static inline void so_repaint_all(void) { clearok(curscr, TRUE); }

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

// SIGINT, SIGTERM, SIGHUP and SIGQUIT only set a flag; the run loop (which
// wakes up at least every few hundred milliseconds) restores the terminal and
// exits.
static volatile sig_atomic_t so_caught_signal_number = 0;
static void so_signal_handler(int signal_number) { so_caught_signal_number = signal_number; }

// Set once the process was stopped and continued: the run loop puts the
// terminal back in the program's mode and redraws everything.
static volatile sig_atomic_t so_resumed_flag = 0;
static void so_continue_handler(int signal_number) { (void)signal_number; so_resumed_flag = 1; }

// Whether bracketed paste is on (the handlers below turn it off on a stop).
static volatile sig_atomic_t so_paste_enabled = 0;
// ncurses' own SIGTSTP handler, which ours runs.
static void (*so_previous_tstp)(int) = 0;

// SIGTSTP (`kill -TSTP`; in raw mode Ctrl-Z is a key): turn bracketed paste
// off, so the shell does not receive marked pastes, then stop as ncurses does
// (its handler leaves the screen and restores it on SIGCONT).
static void so_stop_handler(int signal_number) {
    int saved_errno = errno;
    if (so_paste_enabled) { ssize_t ignored = write(1, "\033[?2004l", 8); (void)ignored; }
    void (*previous)(int) = so_previous_tstp;
    if (previous != SIG_DFL && previous != SIG_IGN && previous != NULL) {
        previous(signal_number);
    } else {
        struct sigaction mine, stop;
        memset(&stop, 0, sizeof stop);
        stop.sa_handler = SIG_DFL;
        sigaction(SIGTSTP, &stop, &mine);
        sigset_t unblock;
        sigemptyset(&unblock);
        sigaddset(&unblock, SIGTSTP);
        sigprocmask(SIG_UNBLOCK, &unblock, NULL);
        raise(SIGTSTP);
        sigaction(SIGTSTP, &mine, NULL);
    }
    so_resumed_flag = 1;
    errno = saved_errno;
}

static inline void so_install_signal_handlers(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = so_signal_handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;  // no SA_RESTART: a blocked read returns at once
    sigaction(SIGINT, &action, NULL);
    sigaction(SIGTERM, &action, NULL);
    sigaction(SIGHUP, &action, NULL);
    sigaction(SIGQUIT, &action, NULL);
    action.sa_handler = so_continue_handler;
    sigaction(SIGCONT, &action, NULL);
    struct sigaction current;
    if (sigaction(SIGTSTP, NULL, &current) == 0 && current.sa_handler != SIG_IGN) {
        so_previous_tstp = current.sa_handler;
        action.sa_handler = so_stop_handler;
        sigaction(SIGTSTP, &action, NULL);
    }
}

static inline void so_set_paste_enabled(int enabled) { so_paste_enabled = enabled; }

/// 1 once after the process was continued.
static inline int so_take_resumed(void) {
    if (!so_resumed_flag) return 0;
    so_resumed_flag = 0;
    return 1;
}

/// Whether the terminal (newterm's) understands bracketed paste: terminfo
/// names it (the extended capability BE), or the terminal speaks ECMA-48, as
/// its cursor addressing shows (`cup` is a CSI sequence), and ignores private
/// modes it does not know. A VT52 (`ESC Y`) would print the request as text.
static inline int so_has_bracketed_paste(void) {
    char *enable = tigetstr("BE");
    if (enable != NULL && enable != (char *)-1) return 1;
    char *cup = tigetstr("cup");
    return cup != NULL && cup != (char *)-1 && cup[0] == '\033' && cup[1] == '[';
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
