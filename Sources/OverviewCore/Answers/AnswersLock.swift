import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One wizard at a time on an answers file. Two would autosave their drafts
/// over each other, and a save in one would drop what the other saved.
///
/// The lock is `flock` on `<answers>.lock` beside the answers file, held for
/// the whole session: the kernel lets go of it when the process ends, however
/// it ends, so a crash cannot leave the file locked. The file holds the
/// process id, to say who has it, and is removed when the session ends.
public final class AnswersLock: @unchecked Sendable {
    public let path: String
    private var descriptor: Int32

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    /// Takes the lock for `answers`, or says who holds it. Where no lock file
    /// can be made (a read-only folder), there is nothing to protect: saving
    /// would fail there too, and say so.
    public static func acquire(for answers: String) throws(InputError) -> AnswersLock {
        let path = answers + ".lock"
        for _ in 0..<5 {
            let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o666)
            guard fd >= 0 else { return AnswersLock(path: path, descriptor: -1) }
            if flock(fd, LOCK_EX | LOCK_NB) != 0 {
                var buffer = [UInt8](repeating: 0, count: 32)
                let count = read(fd, &buffer, buffer.count)
                close(fd)
                let pid = count > 0 ? String(decoding: buffer[..<count], as: UTF8.self).trimmingWhitespace() : ""
                throw InputError(file: answers, "is open in another security-overview\(pid.isEmpty ? "" : " (process \(pid))"); "
                    + "nothing was changed. Finish there first: two at once would save over each other")
            }
            // The file may have been removed (by the holder ending) between our
            // open and our lock: then this lock guards nothing, try again.
            var held = stat(), named = stat()
            if fstat(fd, &held) == 0, stat(path, &named) == 0, held.st_ino == named.st_ino, held.st_dev == named.st_dev {
                let pid = "\(getpid())\n"
                _ = ftruncate(fd, 0)
                _ = pid.withCString { pwrite(fd, $0, strlen($0), 0) }
                return AnswersLock(path: path, descriptor: fd)
            }
            close(fd)
        }
        return AnswersLock(path: path, descriptor: -1)
    }

    /// Lets go: the file goes first, then the lock with the descriptor.
    public func release() {
        guard descriptor >= 0 else { return }
        unlink(path)
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }
}
