import Foundation

/// `diff -u` between a file on disk and the text the answers produce: what
/// `check --diff` prints, and what the wizard shows after its write was
/// refused over a hand edit. One diff, so the two cannot disagree.
public enum UnifiedDiff {
    /// `diff -u FILE EXPECTED`, the expected text in a temporary file; `label`
    /// names the file in the header.
    public static func of(path: String, label: String, expected: String) throws(InputError) -> String {
        let temporary = FileManager.default.temporaryDirectory
            .appendingPathComponent("security-overview-\(UUID().uuidString)").path
        guard FileManager.default.createFile(atPath: temporary, contents: Data(expected.utf8)) else {
            throw InputError(file: temporary, "cannot write the expected text to compare")
        }
        defer { try? FileManager.default.removeItem(atPath: temporary) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["diff", "-u", "--label", label, "--label", "\(label) (from the answers)", path, temporary]
        let output = Pipe()
        process.standardOutput = output
        do { try process.run() } catch {
            throw InputError(file: label, "cannot run diff (from diffutils) to show the differences: \(error)")
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        // diff exits 1 when the files differ, 2 on trouble.
        guard process.terminationStatus < 2 else { throw InputError(file: label, "diff failed (exit \(process.terminationStatus))") }
        return String(decoding: data, as: UTF8.self)
    }
}
