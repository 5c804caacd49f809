import CFiles
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

    /// The whole file as UTF-8 text, refused unread when it has more than
    /// `maxBytes` (see `InputLimits`).
    public static func read(_ path: String, maxBytes: Int = InputLimits.otherFileBytes) throws(InputError) -> String {
        if path.isEmpty { throw InputError(file: path, "an empty path names no file") }
        var info = stat()
        guard stat(path, &info) == 0 else { throw InputError(file: path, missing(errno)) }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw InputError(file: path, "is a folder, not a file") }
        if (info.st_mode & S_IFMT) != S_IFREG {
            throw InputError(file: path, "is not a regular file (a device, pipe or socket)")
        }
        if Int(info.st_size) > maxBytes {
            throw InputError(file: path, "is \(Int(info.st_size) / 1024) KB, more than the \(maxBytes / 1024) KB this file may have")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(file: path, "cannot be read (permission denied?)")
        }
        // Checked by the standard library: Foundation's decoding cost a short
        // section file more than reading it. A byte order mark is dropped, as
        // Foundation drops it.
        let bytes = data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let (line, column) = firstInvalidUTF8(in: data)
            throw InputError(file: path, line: line, column: column, "is not UTF-8 text: an invalid byte here")
        }
        return text
    }

    /// Why `stat` found nothing to read, in words.
    static func missing(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "no such file"
        case ELOOP: return "is a symbolic link loop (the links lead back to themselves)"
        case ENOTDIR: return "no such file (a part of the path is not a folder)"
        case ENAMETOOLONG: return "the path is too long"
        default: return "cannot be read: \(String(cString: strerror(code)))"
        }
    }

    /// The 1-based line and column (in characters) of the first byte that is
    /// not part of valid UTF-8.
    static func firstInvalidUTF8(in data: Data) -> (line: Int, column: Int) {
        var line = 1, column = 1
        var iterator = data.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar):
                if scalar.count == 1 && scalar.first == UInt8(ascii: "\n") { line += 1; column = 1 } else { column += 1 }
            case .error, .emptyInput:
                return (line, column)
            }
        }
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
        if directory.isEmpty { throw InputError(file: directory, "an empty path names no folder") }
        guard let names = entryNames(in: directory) else {
            throw errno == EACCES ? InputError(file: directory, "cannot be listed (permission denied?)")
                                  : InputError(file: directory, "no such folder")
        }
        let files = names.filter { $0.hasSuffix(".md") }
        if files.count > InputLimits.sectionFiles {
            throw InputError(file: directory, "holds \(files.count) section files, more than the \(InputLimits.sectionFiles) a catalog may have")
        }
        return files.sorted().map { joining(directory, $0) }
    }

    /// Writes `contents` to `path` atomically: a temporary file in the same
    /// folder, flushed to disk, then renamed over the target. Readers see the
    /// old file or the new one, never a part.
    public static func write(_ contents: String, to path: String) throws(InputError) {
        let staged = try stage([contents], for: path)
        try commit(staged)
    }

    /// Writes `contents` to `path` atomically as `write` does, but puts the
    /// new file in place before it is flushed to disk: once this
    /// returns, any process that opens `path` (the next start, after a kill
    /// of any kind) reads the new contents; only a crash of the machine
    /// itself before `flush(path)` can lose them. For the draft, which is
    /// written after every key and must not make the key wait for the disk.
    public static func writeUnflushed(_ contents: String, to path: String) throws(InputError) {
        if let replaced = try writeUnflushed([contents], to: path) { remove(replaced) }
    }

    /// `writeUnflushed` of `parts` one after another: a large draft's text is
    /// written as it is kept, without joining it into a copy first.
    ///
    /// The new file takes the old one's name in one step, as a rename over
    /// it does; the old file is then under the new one's temporary name, and
    /// that name is returned (nil: nothing was replaced) for the caller to
    /// `remove` when it has a moment: removing a file takes as long as the
    /// swap itself took. ext4 (by default, auto_da_alloc) writes a file
    /// renamed over another to disk before the rename returns, 0.4 ms here
    /// against 0.02 ms for the swap; the draft is flushed after its frame
    /// anyway (`flush`).
    @discardableResult
    public static func writeUnflushed(_ parts: [String], to path: String) throws(InputError) -> String? {
        let staged = try stage(parts, for: path, flush: false)
        if exchange(staged.temporary, staged.target) { return staged.temporary }
        // No file to replace yet (ENOENT), or none that can be swapped
        // (another system, another file system): renamed as `write` does.
        try commit(staged)
        return nil
    }

    /// Removes the file a `writeUnflushed` replaced.
    public static func remove(_ replaced: String) {
        unlink(replaced)
    }

    /// Removes the replaced files a process ended before removing (a SIGKILL
    /// between `writeUnflushed` and `remove`): beside the file `path` names,
    /// those named as its temporary files are, `.<name>.` and six characters.
    /// Only for a file that no other process writes at the same time (the
    /// draft, under the answers file's lock).
    public static func removeLeftovers(of path: String) {
        // Only a file that is there was swapped with another (where links lead).
        guard let real = realpath(path, nil) else { return }
        let target = String(cString: real)
        free(real)
        let prefix = ".\(name(of: target))."
        let folder = folder(of: target)
        // realpath and entryNames, not FileManager: this runs at a start, and
        // the same through FileManager raised the first screen's peak memory.
        guard let names = entryNames(in: folder) else { return }
        for name in names where name.hasPrefix(prefix) && name.utf8.count == prefix.utf8.count + 6 {
            unlink(joining(folder, name))
        }
    }

    /// The names in `folder` ("" is the current folder) but "." and "..";
    /// nil when it cannot be opened, with `errno` saying why. opendir and
    /// readdir, not FileManager: a thousand section files' names through
    /// FileManager took 0.7M more instructions (4.4M against 3.7M), on the
    /// way to a revise's first frame.
    static func entryNames(in folder: String) -> [String]? {
        guard let directory = opendir(folder.isEmpty ? "." : folder) else { return nil }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// Swaps the files at `a` and `b` in one step; false where that cannot
    /// be done (either is missing, the file system or system cannot).
    static func exchange(_ a: String, _ b: String) -> Bool {
        cfiles_exchange(a, b) == 0
    }

    /// Flushes the file at `path` to disk (after `writeUnflushed`).
    public static func flush(_ path: String) throws(InputError) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw InputError(file: path, "cannot write: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        if fsync(fd) != 0 { throw InputError(file: path, "cannot write: \(String(cString: strerror(errno)))") }
    }

    /// Writes several files all-or-nothing: every file is staged first; only if
    /// all staged cleanly is any renamed into place. When a rename fails after
    /// others succeeded (an immutable or bind-mounted file refuses it), the
    /// files already replaced are put back as they were; if even that fails,
    /// the error says exactly which files were written.
    public static func write(_ files: [(path: String, contents: String)]) throws(InputError) {
        var staged: [Staged] = []
        do throws(InputError) {
            for file in files { staged.append(try stage([file.contents], for: file.path)) }
        } catch {
            for file in staged { unlink(file.temporary) }
            throw error
        }
        // A second name for each file about to be replaced, to put it back.
        let backups = staged.map(backUp)
        defer { for case .saved(let copy) in backups { unlink(copy) } }
        for (index, file) in staged.enumerated() {
            do throws(InputError) { try commit(file) } catch {
                for rest in staged[(index + 1)...] { unlink(rest.temporary) }
                var kept: [String] = []
                for (earlier, backup) in zip(staged[..<index], backups) {
                    let restored = switch backup {
                    case .absent: unlink(earlier.target) == 0
                    case .saved(let copy): rename(copy, earlier.target) == 0
                    case .unsaved: false
                    }
                    if !restored { kept.append(earlier.path) }
                }
                if index == 0 { throw error }
                var message = error.message
                if kept.isEmpty {
                    message += "; nothing was written (\(staged[..<index].map(\.path).joined(separator: ", ")) put back as before)"
                } else {
                    message += "; \(kept.joined(separator: ", ")) already written with the new contents and could not be put back; "
                        + "not written: \(staged[index...].map(\.path).joined(separator: ", "))"
                }
                throw InputError(file: error.file, message)
            }
        }
    }

    /// What was at a target before the write: nothing, a file kept under a
    /// second name (a hard link beside it), or a file that could not be kept.
    enum Previous { case absent, saved(String), unsaved }

    static func backUp(_ staged: Staged) -> Previous {
        var info = stat()
        guard stat(staged.target, &info) == 0 else { return .absent }
        let folder = folder(of: staged.target)
        for attempt in 0..<16 {
            let name = joining(folder.isEmpty ? "." : folder, ".\(name(of: staged.target)).\(getpid()).\(attempt).previous")
            if link(staged.target, name) == 0 { return .saved(name) }
            if errno != EEXIST { return .unsaved }
        }
        return .unsaved
    }

    // MARK: - Locking

    /// Runs `body` holding an exclusive lock on each folder of `paths`, so that
    /// two processes writing the same files take turns instead of leaving one
    /// file from each. The lock is `flock(2)` on the folder itself: nothing is
    /// left on disk, and the kernel drops it when the process ends, however it
    /// ends. Waits up to `timeoutSeconds` for another holder.
    public static func withFolderLocks<T>(for paths: [String], timeoutSeconds: Double = 30,
                                          _ body: () throws(InputError) -> T) throws(InputError) -> T {
        var folders: [(device: UInt64, inode: UInt64, path: String)] = []
        for path in paths {
            let folder = folder(of: path)
            let directory = folder.isEmpty ? "." : folder
            var info = stat()
            guard stat(directory, &info) == 0 else { continue }  // the write reports the missing folder
            if !folders.contains(where: { $0.device == UInt64(info.st_dev) && $0.inode == UInt64(info.st_ino) }) {
                folders.append((UInt64(info.st_dev), UInt64(info.st_ino), directory))
            }
        }
        // One order for every process, so two never wait on each other.
        folders.sort { ($0.device, $0.inode) < ($1.device, $1.inode) }
        var descriptors: [Int32] = []
        defer { for fd in descriptors { close(fd) } }  // closing releases the lock
        for folder in folders {
            let fd = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard fd >= 0 else { continue }
            descriptors.append(fd)
            let deadline = Double(DispatchTime.now().uptimeNanoseconds) / 1e9 + timeoutSeconds
            while flock(fd, LOCK_EX | LOCK_NB) != 0 {
                guard errno == EWOULDBLOCK || errno == EINTR else { break }  // a folder that takes no locks
                if Double(DispatchTime.now().uptimeNanoseconds) / 1e9 > deadline {
                    throw InputError(file: folder.path,
                        "another security-overview has been writing files in this folder for \(Int(timeoutSeconds)) seconds; nothing was written. Try again when it has finished")
                }
                usleep(20_000)
            }
        }
        return try body()
    }

    struct Staged {
        let temporary: String
        /// The file renamed over: `path`, or the file a link at `path` points to.
        let target: String
        /// The path as the user gave it, for messages.
        let path: String
    }

    /// `path` made absolute, with `.` and `..` taken away and every link in it
    /// that exists resolved: where a write to `path` would land.
    public static func resolved(_ path: String) -> String {
        var components: [Substring] = []
        if !path.hasPrefix("/") {
            let cwd = FileManager.default.currentDirectoryPath
            components = cwd.split(separator: "/")
        }
        for component in path.split(separator: "/") {
            switch component {
            case ".": continue
            case "..": if !components.isEmpty { components.removeLast() }
            default:
                components.append(component)
                let sofar = "/" + components.joined(separator: "/")
                if let real = realpath(sofar, nil) {
                    components = String(cString: real).split(separator: "/").map { Substring(String($0)) }
                    free(real)
                }
            }
        }
        return "/" + components.joined(separator: "/")
    }

    /// Whether `path` lies in `folder` or below it, links resolved.
    public static func isInside(_ path: String, folder: String) -> Bool {
        let root = resolved(folder.isEmpty ? "." : folder)
        let target = resolved(path)
        return root == "/" || target.hasPrefix(root + "/")
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
        // From the string's own bytes (a copy only if it is not native UTF-8).
        var text = text
        return text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = posixWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written >= 0 {
                    offset += written
                } else if errno != EINTR {
                    return errno
                }
            }
            return nil
        }
    }

    static func stage(_ parts: [String], for path: String, flush: Bool = true) throws(InputError) -> Staged {
        // What is there now decides where the new file goes and how it looks:
        // a link keeps pointing at its file, which gets the new contents; an
        // existing file keeps its permissions (and, when we may, its owner).
        // Devices, pipes and sockets are not ours to replace.
        if path.isEmpty { throw InputError(file: path, "cannot write: an empty path names no file") }
        var target = path
        var existing = stat()
        let exists = stat(path, &existing) == 0
        if !exists && errno == ELOOP { throw InputError(file: path, "cannot write: it is a symbolic link loop (the links lead back to themselves)") }
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
            throw InputError(file: path, "cannot write: the folder '\(display(directory))' does not exist")
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
        var failure: Int32?
        for part in parts where failure == nil { failure = writeAll(part, to: fd) }
        if failure == nil && flush && fsync(fd) != 0 { failure = errno }
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
