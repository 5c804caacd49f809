import Foundation

/// What the wizard's caches (`SectionsCache`, `AnswersCache`) share: where
/// they live, and an entry's form. An entry is one line, naming what it was
/// made from and ending with the SHA-256 of its body, then the body.
///
/// What is read back is not checked again, so a body changed by so much as a
/// bit (a disk's fault, a copy cut short) must not be read: its digest no
/// longer matches, and the entry is ignored.
enum CacheEntry {
    /// `$XDG_CACHE_HOME/security-overview/<name>` (or `~/.cache/...`); nil
    /// when there is no home to find it in.
    static func folder(_ name: String) -> String? {
        // getenv, not ProcessInfo's environment: that builds a dictionary of
        // every variable, a tenth of a revise's start.
        func variable(_ name: String) -> String? { getenv(name).map { String(cString: $0) } }
        if let xdg = variable("XDG_CACHE_HOME"), xdg.hasPrefix("/") {
            return xdg + "/security-overview/" + name
        }
        if let home = variable("HOME"), home.hasPrefix("/") {
            return home + "/.cache/security-overview/" + name
        }
        return nil
    }

    /// An entry: `head`, the SHA-256 of `body` and a line break, then
    /// `body`; and that digest.
    static func make(head: String, body: Data) -> (entry: Data, digest: String) {
        let digest = SHA256Input.digest(of: body).hexDigits
        return (Data("\(head)\(digest)\n".utf8) + body, digest)
    }

    /// The body of `entry` and its digest when the entry starts with `head`
    /// and its body is whole. The body is a slice of `entry`, not a copy
    /// (a thousand sections' body copied was half a millisecond of page
    /// faults on the way to a revise's first frame).
    static func body(of entry: Data, head: String) -> (body: Data, digest: String)? {
        let head = Array(head.utf8)
        let digestEnd = head.count + 2 * SHA256Input.byteCount
        guard entry.count > digestEnd, entry.starts(with: head),
              entry[entry.startIndex + digestEnd] == UInt8(ascii: "\n") else { return nil }
        let digest = entry[(entry.startIndex + head.count)..<(entry.startIndex + digestEnd)]
        let body = entry[(entry.startIndex + digestEnd + 1)...]
        let computed = SHA256Input.digest(of: body).hexDigits
        guard digest.elementsEqual(computed.utf8) else { return nil }
        return (body, computed)
    }

    /// Where the entry for `file` (a folder or a file) is in `folder`: named
    /// by the SHA-256 of its real path, so the same file reached another way
    /// finds it; nil when the path does not resolve.
    static func path(in folder: String, for file: String) -> String? {
        guard let real = realpath(file, nil) else { return nil }
        defer { free(real) }
        var input = SHA256Input()
        input.add(String(cString: real))
        return folder + "/" + input.digest().hexDigits
    }

    /// Writes `entry` at `path`, beside it and renamed over it, so that a
    /// start never reads half an entry. The folder is made readable by its
    /// owner alone. A cache that cannot be written is no error: the next
    /// start reads the files again.
    static func write(_ entry: Data, to path: String, in folder: String) {
        let manager = FileManager.default
        guard manager.fileExists(atPath: folder)
            || (try? manager.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                             attributes: [.posixPermissions: 0o700])) != nil else { return }
        try? entry.write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    /// The size and modification time of the running executable: a rebuilt
    /// program may parse and check differently under the same version.
    static let executableIdentity: String = {
        var info = stat()
        guard stat("/proc/self/exe", &info) == 0 else { return "unknown" }
        return "\(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }()
}
