import Foundation
import Synchronization
import Testing
@testable import OverviewCore

/// Work shared out among the cores gives what `map` gives, in order.
struct OnEveryCoreTests {
    @Test(arguments: [0, 1, 2, 3, 7, 255, 256, 257, 1_001])
    func givesWhatMapGives(count: Int) {
        let values = (0..<count).map { "value \($0)" }
        for parts in [1, 2, 3, 4, 8, 2_000] {
            #expect(values.mapOnEveryCore(whenAtLeast: 0, parts: parts) { $0 + "!" } == values.map { $0 + "!" })
        }
        #expect(values.mapOnEveryCore(whenAtLeast: 256) { $0.count } == values.map(\.count))
    }

    /// Below the threshold the work stays on the calling thread: the
    /// built-in catalog's sixteen sections pay nothing for sharing out.
    /// (Whether a large one is shared out is Dispatch's to decide: a busy
    /// machine may give it no second thread.)
    @Test func smallArraysStayOnTheCallingThread() {
        let threads = Mutex<Set<String>>([])
        _ = Array(0..<16).mapOnEveryCore(whenAtLeast: 256) { value in
            threads.withLock { _ = $0.insert("\(pthread_self())") }
            return value
        }
        #expect(threads.withLock { $0 } == ["\(pthread_self())"])
    }
}
