import Foundation
import Testing
@testable import OverviewCore

/// One wizard at a time on an answers file; the lock never outlives its holder.
@Suite("The answers file's lock")
struct AnswersLockTests {
    @Test("A second lock on the same answers file is refused with who holds it; released, it can be taken again")
    func oneAtATime() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lock-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let answers = folder.appendingPathComponent("security-overview.yml").path
        let first = try AnswersLock.acquire(for: answers)
        #expect(FileManager.default.fileExists(atPath: answers + ".lock"))
        // flock locks belong to the open file description: a second open in this
        // process is refused as another process would be.
        #expect(throws: InputError.self) { _ = try AnswersLock.acquire(for: answers) }
        do {
            _ = try AnswersLock.acquire(for: answers)
        } catch {
            #expect(error.description.contains("is open in another security-overview (process \(getpid()))"), "\(error)")
        }
        first.release()
        #expect(!FileManager.default.fileExists(atPath: answers + ".lock"), "the lock file goes with the session")
        let again = try AnswersLock.acquire(for: answers)
        again.release()
    }
}
