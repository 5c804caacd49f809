import Foundation
import Synchronization
import Testing
@testable import OverviewCore

/// Work handed to a thread of its own gives its value once, to every ask,
/// and is done even when nobody asks.
struct OnThreadTests {
    @Test func theWorkRunsOnAnotherThreadAndItsValueIsKept() {
        let caller = pthread_self()
        let runs = Mutex(0)
        let work = OnThread { () -> Bool in
            runs.withLock { $0 += 1 }
            return pthread_equal(pthread_self(), caller) == 0
        }
        #expect(work.value())
        #expect(work.value())
        #expect(runs.withLock { $0 } == 1)
    }

    @Test func workNobodyAsksForStillRuns() async throws {
        let done = Mutex(false)
        do { _ = OnThread { done.withLock { $0 = true } } }
        for _ in 0..<500 where !done.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(10)) }
        #expect(done.withLock { $0 })
    }

    @Test func parkedWorkBeginsOnlyOnceLetGo() async throws {
        let caller = pthread_self()
        let runs = Mutex(0)
        let work = OnThread(parked: true) { () -> Bool in
            runs.withLock { $0 += 1 }
            return pthread_equal(pthread_self(), caller) == 0
        }
        // Given time to run, it has not.
        try await Task.sleep(for: .milliseconds(50))
        #expect(runs.withLock { $0 } == 0)
        work.go()
        #expect(work.value())
        #expect(runs.withLock { $0 } == 1)
    }
}
