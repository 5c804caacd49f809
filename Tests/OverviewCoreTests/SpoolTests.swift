import CSystem
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// What is written to a spool's output while it gathers reaches the
/// destination in one write when the gathering ends, in order and whole;
/// before and after, the output is the destination.
struct SpoolTests {
    /// A socket pair of records: each write on one end is one read on the
    /// other, so a read tells how many writes there were.
    private static func recordPair() throws -> (writing: Int32, reading: Int32) {
        var ends: [Int32] = [0, 0]
        try #require(socketpair(AF_UNIX, Int32(SOCK_SEQPACKET.rawValue), 0, &ends) == 0)
        return (ends[0], ends[1])
    }

    /// Every record waiting on `fd`, without waiting for more.
    private static func records(_ fd: Int32) -> [[UInt8]] {
        var found: [[UInt8]] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = recv(fd, &buffer, buffer.count, Int32(MSG_DONTWAIT))
            if count <= 0 { return found }
            found.append(Array(buffer[..<count]))
        }
    }

    private static func write(_ fd: Int32, _ text: String) {
        let bytes = Array(text.utf8)
        #expect(Glibc.write(fd, bytes, bytes.count) == bytes.count)
    }

    private static func stopHeld() -> Bool {
        var mask = sigset_t()
        pthread_sigmask(SIG_BLOCK, nil, &mask)
        return sigismember(&mask, SIGTSTP) == 1
    }

    @Test func fiftyWritesWhileGatheringReachTheDestinationAsOne() throws {
        let pair = try Self.recordPair()
        defer { close(pair.writing); close(pair.reading) }
        var spool = csystem_spool()
        let output = csystem_spool_open(&spool, pair.writing)
        try #require(output >= 0)
        defer { close(output); csystem_spool_close(&spool) }
        #expect(output != pair.writing)
        #expect(fcntl(output, F_GETFD) & FD_CLOEXEC != 0)

        // Before: straight through.
        Self.write(output, "before")
        #expect(Self.records(pair.reading) == [Array("before".utf8)])

        let heldBefore = Self.stopHeld()
        try #require(csystem_spool_begin(&spool) == 1)
        #expect(Self.stopHeld())
        // A second begin while gathering changes nothing.
        #expect(csystem_spool_begin(&spool) == 0)
        let pieces = (0..<50).map { "\u{1B}[\($0 + 1);1Hline \($0)" }
        for piece in pieces { Self.write(output, piece) }
        #expect(Self.records(pair.reading).isEmpty)
        #expect(csystem_spool_end(&spool) == 0)
        #expect(Self.stopHeld() == heldBefore)
        #expect(Self.records(pair.reading) == [Array(pieces.joined().utf8)])
        #expect(fcntl(output, F_GETFD) & FD_CLOEXEC != 0)

        // After: straight through again, and an end without a begin does nothing.
        Self.write(output, "after")
        #expect(csystem_spool_end(&spool) == 0)
        #expect(Self.records(pair.reading) == [Array("after".utf8)])

        // A second gathering starts empty: nothing of the first is written again.
        try #require(csystem_spool_begin(&spool) == 1)
        Self.write(output, "again")
        #expect(csystem_spool_end(&spool) == 0)
        #expect(Self.records(pair.reading) == [Array("again".utf8)])
    }

    @Test func moreThanOneReadOfTheSpoolIsWrittenWholeAndInOrder() throws {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("spool-\(getpid())-\(UUID().uuidString)").path
        let destination = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        try #require(destination >= 0)
        defer { close(destination); unlink(path) }
        var spool = csystem_spool()
        let output = csystem_spool_open(&spool, destination)
        try #require(output >= 0)
        defer { close(output); csystem_spool_close(&spool) }

        // 200,000 bytes: more than one piece of the copy.
        let lines = (0..<20_000).map { String(format: "%9d\n", $0) }
        try #require(csystem_spool_begin(&spool) == 1)
        for line in lines { Self.write(output, line) }
        #expect(csystem_spool_end(&spool) == 0)
        Self.write(output, "end\n")

        let written = try String(contentsOfFile: path, encoding: .utf8)
        #expect(written == lines.joined() + "end\n")
    }
}
