import CSystem
import Dispatch

/// A value worked out on another thread while this one does something else,
/// and waited for where it is needed.
public final class InBackground<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchGroup()
    /// Written once on the other thread before it leaves `done`; read only
    /// after waiting for `done`, which orders the write before the read.
    private var result: Value?

    /// `apart`: the work is long, and this thread has long work of its own
    /// meanwhile. Linux places a new thread on the CPU of the thread that
    /// woke it; with both busy, they were seen sharing that CPU for over 10
    /// ms while the other core idled (a thousand sections read on one, the
    /// answers file on the other, at a revise's start), since neither had
    /// been off its CPU long enough for the scheduler to move it. The work's
    /// thread then moves itself to another CPU when it finds itself on this
    /// thread's, and is left free to run anywhere again.
    public init(apart: Bool = false, _ work: @escaping @Sendable () -> Value) {
        let callerCPU = apart ? csystem_current_cpu() : -1
        done.enter()
        DispatchQueue.global(qos: .userInitiated).async {
            if callerCPU >= 0 { _ = csystem_move_off_cpu(callerCPU) }
            self.result = work()
            self.done.leave()
        }
    }

    /// The value, once the work is done.
    public func value() -> Value {
        done.wait()
        return result!
    }

    /// The value, once the work is done, handed over: this holds it no
    /// longer, so a large value is the caller's alone and can be changed in
    /// place, not copied first. Once only.
    func take() -> Value {
        done.wait()
        let value = result!
        result = nil
        return value
    }
}
