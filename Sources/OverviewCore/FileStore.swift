import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The system's write(2); `write` alone would name FileStore's own methods here.
private func posixWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(fd, buffer, count)
    #elseif canImport(Musl)
    return Musl.write(fd, buffer, count)
    #else
    return Darwin.write(fd, buffer, count)
    #endif
}

/// Reading and writing files with errors that name the file, and writes that
/// never leave a half-written file behind.
public enum FileStore {

    /// The whole file as UTF-8 text.
    public static func read(_ path: String) throws(InputError) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputError(file: path, "no such file")
        }
        if isDirectory.boolValue { throw InputError(file: path, "is a folder, not a file") }
        var info = stat()
        if stat(path, &info) == 0 && (info.st_mode & S_IFMT) != S_IFREG {
            throw InputError(file: path, "is not a regular file (a device, pipe or socket)")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(file: path, "cannot be read (permission denied?)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw InputError(file: path, "is not UTF-8 text")
        }
        return text
    }

    // MARK: - Paths
    //
    // NSString's path methods stop the process on a one-character relative
    // path ("x") in this Foundation, so paths are split here.

    /// `path` without its last component: "" for a bare name, "/" for a file at the root.
    public static func folder(of path: String) -> String {
        var path = Substring(path)
        while path.count > 1 && path.hasSuffix("/") { path = path.dropLast() }
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The last component of `path`.
    public static func name(of path: String) -> String {
        var path = Substring(path)
        while path.count > 1 && path.hasSuffix("/") { path = path.dropLast() }
        return String(path[(path.lastIndex(of: "/").map(path.index(after:)) ?? path.startIndex)...])
    }

    /// `name` inside `folder` ("" is the current folder).
    public static func joining(_ folder: String, _ name: String) -> String {
        folder.isEmpty ? name : folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    /// Whether something exists at `path`.
    public static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    /// The `*.md` files of a folder, sorted by name.
    public static func listMarkdown(in directory: String) throws(InputError) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw InputError(file: directory, "no such folder")
        }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            throw InputError(file: directory, "cannot be listed (permission denied?)")
        }
        return names.filter { $0.hasSuffix(".md") }.sorted().map { joining(directory, $0) }
    }

    /// Writes `contents` to `path` atomically: a temporary file in the same
    /// folder, flushed to disk, then renamed over the target. Readers see the
    /// old file or the new one, never a part.
    public static func write(_ contents: String, to path: String) throws(InputError) {
        let staged = try stage(contents, for: path)
        try commit(staged)
    }

    /// Writes several files all-or-nothing: every file is staged first; only if
    /// all staged cleanly is any renamed into place.
    public static func write(_ files: [(path: String, contents: String)]) throws(InputError) {
        var staged: [Staged] = []
        do throws(InputError) {
            for file in files { staged.append(try stage(file.contents, for: file.path)) }
        } catch {
            for file in staged { unlink(file.temporary) }
            throw error
        }
        for (index, file) in staged.enumerated() {
            do throws(InputError) { try commit(file) } catch {
                for rest in staged[(index + 1)...] { unlink(rest.temporary) }
                throw error
            }
        }
    }

    struct Staged {
        let temporary: String
        /// The file renamed over: `path`, or the file a link at `path` points to.
        let target: String
        /// The path as the user gave it, for messages.
        let path: String
    }

    /// Whether two paths name one file: the same inode when both exist,
    /// otherwise the same absolute path once links in the folders are resolved.
    public static func sameFile(_ a: String, _ b: String) -> Bool {
        var first = stat(), second = stat()
        if stat(a, &first) == 0 && stat(b, &second) == 0 {
            return first.st_dev == second.st_dev && first.st_ino == second.st_ino
        }
        func canonical(_ path: String) -> String {
            let url = URL(fileURLWithPath: path).standardizedFileURL
            return url.deletingLastPathComponent().resolvingSymlinksInPath().appendingPathComponent(url.lastPathComponent).path
        }
        return canonical(a) == canonical(b)
    }

    /// Writes all of `text` to an open descriptor, retrying after signals.
    /// Returns the `errno` of a failed write, or nil.
    public static func writeAll(_ text: String, to descriptor: Int32) -> Int32? {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { posixWrite(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written >= 0 {
                offset += written
            } else if errno != EINTR {
                return errno
            }
        }
        return nil
    }

    static func stage(_ contents: String, for path: String) throws(InputError) -> Staged {
        // What is there now decides where the new file goes and how it looks:
        // a link keeps pointing at its file, which gets the new contents; an
        // existing file keeps its permissions (and, when we may, its owner).
        // Devices, pipes and sockets are not ours to replace.
        var target = path
        var existing = stat()
        let exists = stat(path, &existing) == 0
        var link = stat()
        let isLink = lstat(path, &link) == 0 && (link.st_mode & S_IFMT) == S_IFLNK
        if exists {
            if (existing.st_mode & S_IFMT) == S_IFDIR { throw InputError(file: path, "cannot write: it is a folder") }
            if (existing.st_mode & S_IFMT) != S_IFREG {
                throw InputError(file: path, "cannot write: it is not a regular file (a device, pipe or socket); to print to standard output use '-'")
            }
            if isLink {
                guard let resolved = realpath(path, nil) else {
                    throw InputError(file: path, "cannot write: \(String(cString: strerror(errno)))")
                }
                target = String(cString: resolved)
                free(resolved)
            }
        } else if isLink {
            throw InputError(file: path, "cannot write: it is a link to a file that does not exist")
        }
        let folder = folder(of: target)
        let directory = folder.isEmpty ? "." : folder
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw InputError(file: path, "cannot write: the folder '\(directory)' does not exist")
        }
        let mode: mode_t
        if exists {
            mode = existing.st_mode & 0o7777
        } else {
            let mask = umask(0)
            umask(mask)
            mode = 0o666 & ~mask
        }
        var template = Array(joining(directory, ".\(name(of: target)).XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw InputError(file: path, "cannot write: \(String(cString: strerror(errno)))")
        }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var failure = writeAll(contents, to: fd)
        if failure == nil && fsync(fd) != 0 { failure = errno }
        if failure == nil && fchmod(fd, mode) != 0 { failure = errno }
        // Only root can give a file away; for anyone else the owner is already them.
        if failure == nil && exists && (existing.st_uid != geteuid() || existing.st_gid != getegid()) {
            _ = fchown(fd, existing.st_uid, existing.st_gid)
        }
        close(fd)
        if let failure {
            unlink(temporary)
            throw InputError(file: path, "cannot write: \(String(cString: strerror(failure)))")  // "No space left on device"
        }
        return Staged(temporary: temporary, target: target, path: path)
    }

    static func commit(_ staged: Staged) throws(InputError) {
        if rename(staged.temporary, staged.target) != 0 {
            let failure = String(cString: strerror(errno))
            unlink(staged.temporary)
            throw InputError(file: staged.path, "cannot write: \(failure)")
        }
    }
}
