import OverviewCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Standard output and standard error, written with `write(2)`.
///
/// Foundation's `FileHandle.write(_:)` stops the process with a stack trace
/// when the write fails (a full disk under `> page.md`, a closed descriptor);
/// a failed write here is an error like any other.
enum Console {
    /// All of `text` on standard output, or a `Failure` that says why not.
    static func out(_ text: String) throws {
        if let code = FileStore.writeAll(text, to: 1) {
            throw Failure(lines: ["standard output: cannot write: \(String(cString: strerror(code)))"])
        }
    }

    /// Standard error, as far as it goes: when it is gone there is nowhere left
    /// to say so, and the exit status still tells.
    static func err(_ text: String) {
        _ = FileStore.writeAll(text, to: 2)
    }
}
