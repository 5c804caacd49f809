import CNcurses
import CSystem
import OverviewCore
import OverviewTUI

#if canImport(Glibc)
import Glibc
#endif

/// Why the wizard cannot take this terminal.
public struct TerminalUnavailable: Error, CustomStringConvertible {
    public var reason: String
    public var description: String {
        "\(reason); to write the page without the wizard, use `security-overview render --answers FILE`"
    }
}

/// The ncurses backend: draws a Canvas into the window and lets `doupdate`
/// send only what changed; reads keys with `get_wch`. The only Swift code that
/// imports ncurses.
public final class NcursesTerminal: Terminal {
    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private let input: UnsafeMutablePointer<FILE>
    private let output: UnsafeMutablePointer<FILE>
    /// ncurses' output: a copy of standard output whose frames are gathered
    /// and written at once (see `atOnce`).
    private var spool: csystem_spool
    private var previous: Canvas?
    /// The colour pair of each role (by raw value); 0 for none. An array, not a
    /// dictionary: hashing a role would cost a runtime conformance lookup (a
    /// scan of every conformance record) before the first frame.
    private var pairs = [Int16](repeating: 0, count: Style.Role.allCases.count)
    private var closed = false
    /// Whether this terminal gets the bracketed-paste requests (see `so_has_bracketed_paste`).
    private var bracketedPaste = false
    private var cursorShown: Int32 = -1

    /// Checks everything the wizard needs before touching the terminal.
    public static func check() -> TerminalUnavailable? {
        if isatty(0) == 0 || isatty(1) == 0 {
            return TerminalUnavailable(reason: "the wizard needs an interactive terminal (standard input and output are not a TTY)")
        }
        switch so_check_terminal() {
        case 0: return nil
        case 1: return TerminalUnavailable(reason: "the wizard needs a terminal, but TERM is not set")
        case 2: return TerminalUnavailable(reason: "the wizard does not know the terminal type TERM=\(termName)")
        default: return TerminalUnavailable(reason: "the terminal TERM=\(termName) cannot move the cursor, which the wizard needs")
        }
    }

    private static var termName: String {
        String(cString: getenv("TERM")).unicodeScalars.filter { $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F }
            .reduce(into: "") { $0.unicodeScalars.append($1) }
    }

    /// Key codes of our own, above every ncurses key, for the paste marks.
    static let pasteStartCode = KEY_MAX + 1
    static let pasteEndCode = KEY_MAX + 2
    /// Shift and Alt with ↑ ↓, as xterm (and tmux) send them, which move a
    /// record of a list. terminfo names some of them (kri, kind, kUP3, kDN3)
    /// and not others, under codes of its own: each sequence is taught to
    /// ncurses under ours where it is unknown, and known codes are mapped.
    static let modifiedArrows: [(sequence: String, key: Key, code: Int32)] = [
        ("\u{1B}[1;2A", .shiftUp, KEY_MAX + 3), ("\u{1B}[1;2B", .shiftDown, KEY_MAX + 4),
        ("\u{1B}[1;3A", .altUp, KEY_MAX + 5), ("\u{1B}[1;3B", .altDown, KEY_MAX + 6),
    ]
    /// Key codes ncurses reports for the modified arrows. A handful, looked
    /// through in order: a dictionary keyed by Int32 cost its start a scan of
    /// every protocol conformance in the binary.
    private var modifiedArrowCodes: [(code: Int32, key: Key)] = [(KEY_SR, .shiftUp), (KEY_SF, .shiftDown)]

    /// The character set is all ncurses takes from the locale (wide
    /// characters, line drawing); the rest of the program runs in the C
    /// locale before and after. Loading every category read a dozen files.
    /// `Opening` sets it before its thread makes the terminal (`setlocale`
    /// is not safe while another thread reads the locale).
    private static func setLocale() {
        setlocale(LC_CTYPE, "")
        if so_locale_is_utf8() == 0 {
            // Wide characters need a UTF-8 locale; C.UTF-8 is always there on Linux.
            setlocale(LC_CTYPE, "C.UTF-8")
        }
    }

    /// The size the kernel gives the terminal now, which `size` will report
    /// once the screen is taken; nil when it says none.
    public static var expectedSize: Size? {
        var rows: Int32 = 0
        var columns: Int32 = 0
        guard so_terminal_size(1, &rows, &columns) != 0 else { return nil }
        return Size(width: Int(columns), height: Int(rows))
    }

    /// The screen taken on a thread of its own, from `begin()` on, while
    /// this one goes on: one after the other, ncurses' set-up (reading the
    /// terminal's description, making the screen) and the start's last steps
    /// (the wizard's start, the first frame) were a third of a revise's way
    /// from `main` to its frame. Call `check()` first, and `begin()` only
    /// when nothing can fail before the wizard runs: the screen is the
    /// terminal's alternate one from then on.
    ///
    /// Made earlier, where this thread would wait anyway (for the answers
    /// cache's entry): `init` sets the locale and makes the thread, which
    /// waits for `begin()`; one never begun leaves the terminal untouched.
    /// Nothing else reads the C library's locale meanwhile (the entry's
    /// thread reads a file and decodes it).
    public final class Opening {
        private let taking: OnThread<Result<NcursesTerminal, any Error>>
        private var begun = false
        private var finished = false

        public init() {
            // Before the thread: `setlocale` is not safe while another thread
            // may read the locale (ncurses' set-up does).
            NcursesTerminal.setLocale()
            taking = OnThread(parked: true) { Result { try NcursesTerminal() } }
        }

        /// Takes the screen, on the thread made by `init`.
        public func begin() {
            guard !begun else { return }
            begun = true
            taking.go()
        }

        /// The terminal, once taken and `meanwhile` (the first frame) has run here.
        public func finish(meanwhile: () -> Void) throws -> NcursesTerminal {
            begin()
            meanwhile()
            finished = true
            return try taking.value().get()
        }

        /// Let go of unfinished: the screen is given back, if it was taken.
        deinit {
            if begun && !finished, case .success(let terminal) = taking.value() { terminal.close() }
        }
    }

    /// Takes the screen, in the locale `setLocale()` set (see `Opening`).
    /// `close()` on every exit path.
    private init() throws {
        var spool = csystem_spool()
        let copy = csystem_spool_open(&spool, 1)
        guard copy >= 0, let output = fdopen(copy, "w"), let input = fdopen(0, "r") else {
            if copy >= 0 { Glibc.close(copy) }
            csystem_spool_close(&spool)
            throw TerminalUnavailable(reason: "cannot open the terminal")
        }
        self.spool = spool
        guard let screen = newterm(nil, output, input) else {
            throw TerminalUnavailable(reason: "ncurses cannot use the terminal TERM=\(Self.termName)")
        }
        self.screen = screen
        self.input = input
        self.output = output
        _ = set_term(screen)
        guard let window = so_stdscr() else { throw TerminalUnavailable(reason: "no screen") }
        self.window = window
        raw()  // Ctrl-S and Ctrl-C arrive as keys (no flow control, no SIGINT from the keyboard)
        noecho()
        nonl()
        keypad(window, true)
        // Terminals that ignore keypad-transmit mode (smkx) send the normal-mode
        // sequences; terminfo only lists one set, so teach ncurses the other.
        for (sequence, code) in [("\u{1B}[A", KEY_UP), ("\u{1B}[B", KEY_DOWN), ("\u{1B}[C", KEY_RIGHT),
                                 ("\u{1B}[D", KEY_LEFT), ("\u{1B}[H", KEY_HOME), ("\u{1B}[F", KEY_END),
                                 ("\u{1B}OA", KEY_UP), ("\u{1B}OB", KEY_DOWN), ("\u{1B}OC", KEY_RIGHT),
                                 ("\u{1B}OD", KEY_LEFT), ("\u{1B}OH", KEY_HOME), ("\u{1B}OF", KEY_END),
                                 ("\u{1B}[1~", KEY_HOME), ("\u{1B}[4~", KEY_END), ("\u{1B}[5~", KEY_PPAGE),
                                 ("\u{1B}[6~", KEY_NPAGE), ("\u{1B}[3~", KEY_DC), ("\u{1B}[Z", KEY_BTAB)]
            where key_defined(sequence) == 0 {
            define_key(sequence, code)
        }
        // Bracketed paste: the terminal marks pasted text, so a line break in a
        // paste is not taken for Enter. Asked only of terminals that can
        // understand the request (terminfo says so, or they speak ECMA-48).
        for arrow in Self.modifiedArrows {
            let known = key_defined(arrow.sequence)
            if known > 0 {
                modifiedArrowCodes.append((known, arrow.key))
            } else {
                define_key(arrow.sequence, arrow.code)
                modifiedArrowCodes.append((arrow.code, arrow.key))
            }
        }
        define_key("\u{1B}[200~", Self.pasteStartCode)
        define_key("\u{1B}[201~", Self.pasteEndCode)
        bracketedPaste = so_has_bracketed_paste() != 0
        setPaste(true)
        set_escdelay(25)
        so_install_signal_handlers()
        setUpColours()
    }

    private func setPaste(_ on: Bool) {
        guard bracketedPaste else { return }
        so_set_paste_enabled(0)
        fputs(on ? "\u{1B}[?2004h" : "\u{1B}[?2004l", output)
        fflush(output)
        so_set_paste_enabled(on ? 1 : 0)
    }

    /// After a stop and continue: the terminal back in the program's mode,
    /// bracketed paste on again, and the next frame drawn in full.
    private func resumeIfContinued() -> Bool {
        guard so_take_resumed() != 0 else { return false }
        reset_prog_mode()
        setPaste(true)
        previous = nil
        so_repaint_all()
        return true
    }

    private func setUpColours() {
        let noColor = getenv("NO_COLOR").map { $0.pointee != 0 } ?? false
        guard !noColor, has_colors() else { return }
        start_color()
        use_default_colors()
        let table: [(Style.Role, Int16, Int16)] = [
            (.title, Int16(COLOR_BLUE), -1),
            (.accent, Int16(COLOR_CYAN), -1),
            (.good, Int16(COLOR_GREEN), -1),
            (.warning, Int16(COLOR_YELLOW), -1),
            (.error, Int16(COLOR_RED), -1),
            (.selected, Int16(COLOR_CYAN), -1),
        ]
        for (index, (role, foreground, background)) in table.enumerated() {
            let pair = Int16(index + 1)
            if init_pair(pair, foreground, background) != ERR { pairs[Int(role.rawValue)] = pair }
        }
    }

    /// The size the terminal has now. In a storm of resizes ncurses can lag
    /// behind the kernel (its KEY_RESIZE not read yet), and keys typed after the
    /// window grew back would be taken at the old, too small, size and dropped:
    /// a size the kernel already reports is brought into ncurses first.
    public var size: Size {
        var rows: Int32 = 0
        var columns: Int32 = 0
        if so_terminal_size(1, &rows, &columns) != 0, rows != getmaxy(window) || columns != getmaxx(window) {
            _ = resizeterm(rows, columns)
            previous = nil
        }
        return Size(width: Int(getmaxx(window)), height: Int(getmaxy(window)))
    }

    public var stopSignal: Int32? {
        let signal = so_caught_signal()
        if signal != 0 { return signal }
        // A terminal that went away without SIGHUP makes every read fail at once:
        // stop (as for a hang-up) instead of spinning on ERR.
        return instantFailures > 100 ? SIGHUP : nil
    }

    /// Reads that returned nothing long before their timeout, in a row.
    private var instantFailures = 0

    private static func milliseconds() -> Int {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return now.tv_sec * 1000 + now.tv_nsec / 1_000_000
    }

    public func draw(_ canvas: Canvas) {
        if previous?.size != canvas.size { previous = nil }
        for y in 0..<canvas.size.height where previous == nil || previous!.rows[y] != canvas.rows[y] {
            drawRow(canvas.rows[y], y: Int32(y))
        }
        previous = canvas
        atOnce {
            if let cursor = canvas.cursor {
                setCursor(1)
                leaveok(window, false)
                wmove(window, Int32(cursor.y), Int32(cursor.x))
            } else {
                // No caret: leave the cursor wherever drawing ended (no bytes spent moving it).
                setCursor(0)
                leaveok(window, true)
            }
            wnoutrefresh(window)
            doupdate()
        }
    }

    /// Runs `update` with what it writes gathered, then written to the
    /// terminal at once. Until a program has once left the screen and come
    /// back, ncurses writes at every cursor move: the review's first frame
    /// at 80x24 went out in 48 writes, each a wake-up of whatever reads the
    /// terminal (over SSH, a packet each). Nothing but output may happen in
    /// `update`: ncurses' descriptor is no terminal meanwhile.
    private func atOnce(_ update: () -> Void) {
        let gathering = csystem_spool_begin(&spool) != 0
        update()
        // A failed write is met again at the next read (see `stopSignal`).
        if gathering { _ = csystem_spool_end(&spool) }
    }

    private func setCursor(_ visibility: Int32) {
        if visibility != cursorShown {
            curs_set(visibility)
            cursorShown = visibility
        }
    }

    private func drawRow(_ row: [Cell], y: Int32) {
        // Plain blanks at the row's end are cleared, not written one by one:
        // the same cells (a blank, no attribute, no colour pair), without a
        // call into ncurses for each (a third of the review's cells).
        var end = row.count
        while end > 0, row[end - 1].style == .normal, row[end - 1].text == " " { end -= 1 }
        var x = 0
        // One buffer for the row's runs: an array of each run's own grew
        // from empty, 162 times on the review's first frame.
        var text: [wchar_t] = []
        text.reserveCapacity(2 * end)
        while x < end {
            let style = row[x].style
            text.removeAll(keepingCapacity: true)
            let start = x
            while x < end, row[x].style == style {
                if let grapheme = row[x].text {
                    for scalar in grapheme.unicodeScalars { text.append(wchar_t(bitPattern: scalar.value)) }
                }
                x += 1
            }
            apply(style)
            // The bottom-right cell makes waddnwstr report ERR after drawing it: harmless.
            _ = mvwaddnwstr(window, y, Int32(start), text, Int32(text.count))
        }
        if end < row.count {
            wmove(window, y, Int32(end))
            wclrtoeol(window)
        }
    }

    private func apply(_ style: Style) {
        var attributes = so_attr_normal()
        let pair = pairs[Int(style.role.rawValue)]
        if style.bold { attributes |= so_attr_bold() }
        if style.reverse { attributes |= so_attr_reverse() }
        if style.underline { attributes |= so_attr_underline() }
        if pair == 0 {
            // Monochrome: roles become plain attributes.
            switch style.role {
            case .muted: attributes |= so_attr_dim()
            case .error, .warning: attributes |= so_attr_bold()
            default: break
            }
        }
        _ = so_set_attr(window, attributes, pair)
    }

    public func readKey(timeoutMilliseconds: Int) -> Key? {
        // Continued after a stop: redraw as after a resize (the size may have changed too).
        if resumeIfContinued() { return .resize }
        wtimeout(window, Int32(timeoutMilliseconds))
        var character: wint_t = 0
        let started = timeoutMilliseconds > 0 ? Self.milliseconds() : 0
        let result = wget_wch(window, &character)
        if result == ERR {
            if resumeIfContinued() { return .resize }
            if timeoutMilliseconds > 0 {
                let fast = Self.milliseconds() - started < timeoutMilliseconds / 2
                instantFailures = fast && so_caught_signal() == 0 ? instantFailures + 1 : 0
            }
            return nil
        }
        instantFailures = 0
        if result == KEY_CODE_YES {
            switch Int32(character) {
            case KEY_UP: return .up
            case KEY_DOWN: return .down
            case KEY_LEFT: return .left
            case KEY_RIGHT: return .right
            case KEY_HOME: return .home
            case KEY_END: return .end
            case KEY_PPAGE: return .pageUp
            case KEY_NPAGE: return .pageDown
            case KEY_BTAB: return .backTab
            case KEY_DC: return .delete
            case KEY_BACKSPACE: return .backspace
            case KEY_ENTER: return .enter
            case KEY_RESIZE: previous = nil; return .resize
            case Self.pasteStartCode: return .pasteStart
            case Self.pasteEndCode: return .pasteEnd
            case so_key_f(1)...so_key_f(12): return .function(Int(Int32(character) - so_key_f(0)))
            default: return modifiedArrowCodes.last { $0.code == Int32(character) }?.key
            }
        }
        switch character {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return .control(Character(Unicode.Scalar(UInt8(character) + 96)))
        case 0..<32: return nil
        default:
            guard let scalar = Unicode.Scalar(UInt32(character)) else { return nil }
            return .character(Character(scalar))
        }
    }

    /// Gives the terminal back as it was. Safe to call more than once.
    public func close() {
        guard !closed else { return }
        closed = true
        // Blank the screen before leaving it, as dialog does: a terminal
        // without an alternate screen would keep the last frame, and tmux,
        // after the window grew, shows parts of it above the prompt.
        werase(window)
        wnoutrefresh(window)
        atOnce { doupdate() }
        curs_set(1)
        setPaste(false)
        endwin()
        delscreen(screen)
        fclose(output)
        csystem_spool_close(&spool)
    }

    deinit { close() }
}
