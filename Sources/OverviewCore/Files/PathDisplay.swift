import Foundation

extension FileStore {
    /// `path` as a person would write it: `.` and `dir/..` folded away
    /// (`security/../content/security.md` is `content/security.md`), and an
    /// absolute path under `base` (the working folder) made relative to it.
    /// Only the text changes: links are not followed.
    public static func display(_ path: String, relativeTo base: String = FileManager.default.currentDirectoryPath) -> String {
        let normal = normalise(path)
        let root = normalise(base)
        if normal.hasPrefix("/"), root.hasPrefix("/") {
            if normal == root { return "." }
            let prefix = root == "/" ? "/" : root + "/"
            if normal.hasPrefix(prefix) { return String(normal.dropFirst(prefix.count)) }
        }
        return normal
    }

    /// The path with `.` and `name/..` removed and repeated slashes folded.
    static func normalise(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
            } else if part == ".." && absolute {
                continue
            } else {
                parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        if absolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }
}
