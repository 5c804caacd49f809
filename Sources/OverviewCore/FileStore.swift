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
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(file: path, "cannot be read (permission denied?)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw InputError(file: path, "is not UTF-8 text")
        }
        return text
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
        return names.filter { $0.hasSuffix(".md") }.sorted().map { (directory as NSString).appendingPathComponent($0) }
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
        let path: String
    }

    static func stage(_ contents: String, for path: String) throws(InputError) -> Staged {
        let folder = (path as NSString).deletingLastPathComponent
        let directory = folder.isEmpty ? "." : folder
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw InputError(file: path, "cannot write: the folder '\(directory)' does not exist")
        }
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw InputError(file: path, "cannot write: it is a folder")
        }
        let name = (path as NSString).lastPathComponent
        var template = Array((directory as NSString).appendingPathComponent(".\(name).XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw InputError(file: path, "cannot write: \(String(cString: strerror(errno)))")
        }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var ok = true
        var failure = ""
        let bytes = Array(contents.utf8)
        var offset = 0
        while ok && offset < bytes.count {
            let written = bytes.withUnsafeBytes { posixWrite(fd, $0.baseAddress! + offset, $0.count - offset) }
            if written >= 0 {
                offset += written
            } else if errno != EINTR {
                ok = false
                failure = String(cString: strerror(errno))  // "No space left on device"
            }
        }
        if ok && fsync(fd) != 0 { ok = false; failure = String(cString: strerror(errno)) }
        if ok && fchmod(fd, 0o644) != 0 { ok = false; failure = String(cString: strerror(errno)) }
        close(fd)
        guard ok else {
            unlink(temporary)
            throw InputError(file: path, "cannot write: \(failure)")
        }
        return Staged(temporary: temporary, path: path)
    }

    static func commit(_ staged: Staged) throws(InputError) {
        if rename(staged.temporary, staged.path) != 0 {
            let failure = String(cString: strerror(errno))
            unlink(staged.temporary)
            throw InputError(file: staged.path, "cannot write: \(failure)")
        }
    }
}
