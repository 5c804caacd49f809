import Crypto
import Dispatch
import Foundation

/// A company's own sections found to pass every check, remembered by what
/// they hold, so that the next start with the same files does not check their
/// templates again.
///
/// Checking a custom section's template renders it against a probe several
/// times; with a thousand sections that was most of a revise's way to its
/// first frame. The front matter of every file is still read and checked at
/// every start (the catalog is made from it); only the template checks are
/// skipped, and only for files byte for byte as they were when they passed.
///
/// An entry is named by the SHA-256 of everything those checks read: this
/// program (its version and its executable's size and time), the built-in
/// sections' texts (by the fingerprint the build worked out), and each custom
/// file's path and text. A file that changed
/// in any byte, added or removed, makes another name, which is not there, so
/// every check runs again. An entry is written (atomically, by rename) only
/// after every check passed; one that cannot be read or does not hold what it
/// should is ignored. The cache lives in `$XDG_CACHE_HOME/security-overview`
/// (or `~/.cache/security-overview`).
public struct CheckedSectionsCache: Sendable {
    /// The folder of the entries.
    public let folder: String
    let toolVersion: String

    public init(folder: String, toolVersion: String) {
        self.folder = folder
        self.toolVersion = toolVersion
    }

    /// The cache in the user's cache folder; nil when there is no home to find it in.
    public static func standard(toolVersion: String) -> CheckedSectionsCache? {
        let environment = ProcessInfo.processInfo.environment
        let base: String
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            base = xdg
        } else if let home = environment["HOME"], home.hasPrefix("/") {
            base = home + "/.cache"
        } else {
            return nil
        }
        return CheckedSectionsCache(folder: base + "/security-overview/checked-sections", toolVersion: toolVersion)
    }

    /// The entry's name for custom section files `files` (path and text, in load order).
    ///
    /// Each file's path and text is hashed on its own, on every core (one after
    /// the other, a thousand files were 34M instructions of a revise's start);
    /// the entry's name hashes those digests, fixed in length, in order. The
    /// built-in sections count by the fingerprint of their texts worked out
    /// when the program was built.
    func key(_ files: [(path: String, text: String)]) -> String {
        var digests = [SHA256.Digest?](repeating: nil, count: files.count)
        digests.withUnsafeMutableBufferPointer { buffer in
            // Each file writes only its own slot, and concurrentPerform returns
            // after every one has: the slots need no lock.
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: files.count) { index in
                var hash = SHA256()
                Self.add(files[index].path, to: &hash)
                Self.add(files[index].text, to: &hash)
                slots[index] = hash.finalize()
            }
        }
        var hash = SHA256()
        Self.add("security-overview checked sections 2", to: &hash)
        Self.add(toolVersion, to: &hash)
        Self.add(Self.executableIdentity, to: &hash)
        Self.add("built-in \(String(BuiltinCatalog.filesFingerprint, radix: 16))", to: &hash)
        Self.add("custom \(files.count)", to: &hash)
        for digest in digests { hash.update(data: Array(digest!)) }
        return hash.finalize().hexDigits
    }

    /// `text` with its length first, so no two lists of pieces read alike.
    static func add(_ text: String, to hash: inout SHA256) {
        hash.update(data: Array("\(text.utf8.count):".utf8))
        var text = text
        text.withUTF8 { hash.update(bufferPointer: UnsafeRawBufferPointer($0)) }
    }

    /// The size and modification time of the running executable: a rebuilt
    /// program may check differently under the same version.
    static let executableIdentity: String = {
        var info = stat()
        guard stat("/proc/self/exe", &info) == 0 else { return "unknown" }
        return "\(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }()

    func path(_ key: String) -> String { folder + "/" + key }

    /// What an entry holds: its own name, so a truncated or foreign file is no entry.
    func contents(_ key: String) -> String { "security-overview: every check passed\n" + key + "\n" }

    /// Whether files with this key passed every check before.
    func passed(_ key: String) -> Bool {
        guard let text = try? FileStore.read(path(key), maxBytes: 4096) else { return false }
        return text == contents(key)
    }

    /// Records that files with this key passed every check. A cache that
    /// cannot be written is no error: the next start checks again.
    func recordPassed(_ key: String) {
        guard FileManager.default.fileExists(atPath: folder)
            || (try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)) != nil else { return }
        try? FileStore.writeUnflushed(contents(key), to: path(key))
    }
}
