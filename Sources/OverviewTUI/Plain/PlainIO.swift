import OverviewCore

#if canImport(Glibc)
import Glibc
private func writeOut(_ bytes: UnsafeRawPointer?, _ count: Int) -> Int { Glibc.write(1, bytes, count) }
#elseif canImport(Darwin)
import Darwin
private func writeOut(_ bytes: UnsafeRawPointer?, _ count: Int) -> Int { Darwin.write(1, bytes, count) }
#endif

/// Where the plain mode talks: it writes lines and reads lines, nothing else
/// (no cursor, no colour), so a screen reader reads each line once, in order,
/// and a test can hold the whole conversation in two arrays.
public protocol PlainIO: AnyObject {
    /// Writes `prompt` (with no line break after it) and reads the line typed,
    /// without its line break; nil at the end of the input.
    func ask(_ prompt: String) -> String?
    /// Writes one line.
    func say(_ line: String)
}

/// Standard input and output. With an input that is not a terminal (a script
/// feeding the walk), each line read is written after its prompt, so the
/// output reads as the conversation it was.
public final class StandardPlainIO: PlainIO {
    let echo: Bool

    public init() {
        echo = isatty(0) == 0
    }

    public func ask(_ prompt: String) -> String? {
        write(prompt)
        guard var line = readLine(strippingNewline: true) else {
            write("\n")
            return nil
        }
        if line.hasSuffix("\r") { line.removeLast() }
        if echo { write(TerminalSafe.oneLine(line) + "\n") }
        return line
    }

    public func say(_ line: String) { write(line + "\n") }

    /// Everything, straight to the file descriptor: no buffer to flush before
    /// reading, and nothing lost when the program ends.
    func write(_ text: String) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { writeOut($0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            bytes = bytes.dropFirst(written)
        }
    }
}
