import OverviewCore

/// A key as the terminal reports it, before it means anything.
public enum Key: Hashable, Sendable {
    case character(Character)
    case up, down, left, right, home, end, pageUp, pageDown
    case enter, escape, tab, backTab, backspace, delete
    /// Shift or Alt with ↑ or ↓ (xterm's `ESC [1;2A`, `ESC [1;3A`, ...).
    case shiftUp, shiftDown, altUp, altDown
    /// Ctrl plus a letter, lowercase: `.control("s")` is Ctrl-S.
    case control(Character)
    case function(Int)
    /// The window changed size.
    case resize
    /// The terminal's bracketed-paste marks around pasted text.
    case pasteStart, pasteEnd
}

/// What the wizard draws on and reads keys from. The ncurses backend is one;
/// tests use an in-memory one.
public protocol Terminal: AnyObject {
    var size: Size { get }
    /// Puts the canvas on the screen, sending only what changed.
    func draw(_ canvas: Canvas)
    /// The next key, waiting at most `timeoutMilliseconds` (nil: nothing came).
    func readKey(timeoutMilliseconds: Int) -> Key?
    /// A signal (SIGINT, SIGTERM, SIGHUP) that asked the program to stop, if any.
    var stopSignal: Int32? { get }
}
