import CSystem
import Testing

/// A thread started beside another moves off that one's CPU, and is left
/// free to run on every CPU it could before: a hint, never a pin.
struct MoveOffCPUTests {
    @Test func aThreadMovesOffItsCPUAndKeepsEveryCPUItHad() throws {
        let allowed = csystem_allowed_cpu_count()
        try #require(allowed != -1, "this system tells which CPUs a thread may run on")
        // The scheduler may move the thread between the two calls: asked again then.
        var moved: Int32 = 0
        for _ in 0..<20 where moved == 0 { moved = csystem_move_off_cpu(csystem_current_cpu()) }
        // With one CPU to run on there is nowhere to go.
        #expect(moved == (allowed > 1 ? 1 : 0))
        #expect(csystem_allowed_cpu_count() == allowed)
        // Not on that CPU (any more), or no CPU at all: nothing to do.
        #expect(csystem_move_off_cpu(-1) == 0)
        #expect(csystem_move_off_cpu(1 << 20) == 0)
    }
}
