import CSystem
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A thread started apart begins on a CPU other than its creator's, and is
/// left free to run on every CPU its creator may: a placement, never a pin.
struct ThreadApartTests {
    /// Where the thread found itself when it began, and on how many CPUs it may run.
    static let seen = Mutex<(cpu: Int32, allowed: Int32)?>(nil)

    @Test func aThreadStartedApartBeginsElsewhereAndKeepsEveryCPU() throws {
        let allowed = csystem_allowed_cpu_count()
        try #require(allowed != -1, "this system tells which CPUs a thread may run on")
        // The creator may be moved between telling its CPU and starting the
        // thread: tried again then.
        var apart = false
        for _ in 0..<20 where !apart {
            Self.seen.withLock { $0 = nil }
            let creatorCPU = csystem_current_cpu()
            var thread = pthread_t()
            try #require(csystem_start_thread_apart(&thread, { _ in
                ThreadApartTests.seen.withLock { $0 = (csystem_current_cpu(), csystem_allowed_cpu_count()) }
                return nil
            }, nil) == 0)
            pthread_join(thread, nil)
            let seen = try #require(Self.seen.withLock { $0 })
            #expect(seen.allowed == allowed)
            // With one CPU to run on there is nowhere else to begin.
            apart = allowed == 1 ? seen.cpu == creatorCPU : seen.cpu != creatorCPU
        }
        #expect(apart)
    }
}
