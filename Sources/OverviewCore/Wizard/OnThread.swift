import CSystem
#if canImport(Glibc)
import Glibc
#endif

/// A value worked out on a thread of its own, started at once, while this
/// thread does something else; waited for where it is needed.
///
/// For the work of a start, which is short and must begin now: a Dispatch
/// worker (`InBackground`) began too late to pay for itself there (ncurses'
/// set-up handed to one made the start 0.25 ms slower, not faster). A thread
/// of its own costs its creation, tens of microseconds, and runs at once, on
/// the other core (`csystem_start_thread_apart`).
///
/// `value()` waits for the work, not for the thread to end: a thread's end
/// (its stack given back, its arena let go of) took 0.07 ms more. The thread
/// holds this object until then, so nothing it touches goes first.
public final class OnThread<Value>: ThreadWork, @unchecked Sendable {
    /// Set once, by the thread or (with no thread to be had) by `init`,
    /// before `done` is posted, and read only after it is waited for.
    private var result: Value?
    private var work: (@Sendable () -> Value)?
    private let done = UnsafeMutablePointer<sem_t>.allocate(capacity: 1)
    /// Posted by `go()` when the thread was made `parked`.
    private let gate: UnsafeMutablePointer<sem_t>?
    /// Parked with no thread to be had: `go()` does the work itself.
    private var parkedHere = false
    private var waited = false

    /// Starts `work` on a thread of its own at once, or, `parked`, once
    /// `go()` is called: the thread is made now, where making it costs
    /// nothing (this thread would wait anyway), and its work begins where
    /// it may. A parked thread never let go waits until the process ends.
    public init(parked: Bool = false, _ work: @escaping @Sendable () -> Value) {
        self.work = work
        sem_init(done, 0, 0)
        if parked {
            let gate = UnsafeMutablePointer<sem_t>.allocate(capacity: 1)
            sem_init(gate, 0, 0)
            self.gate = gate
        } else {
            gate = nil
        }
        super.init()
        var thread = pthread_t()
        // The thread's own reference, let go of when its work is done.
        let context = Unmanaged<ThreadWork>.passRetained(self)
        if csystem_start_thread_apart(&thread, { context in
            let work = Unmanaged<ThreadWork>.fromOpaque(context!).takeRetainedValue()
            work.run()
            return nil
        }, context.toOpaque()) == 0 {
            pthread_detach(thread)
        } else {
            // No thread to be had: the work is done here, now (parked: at `go()`).
            context.release()
            if gate == nil { perform() } else { parkedHere = true }
        }
    }

    override func run() {
        if let gate { while sem_wait(gate) != 0 {} }  // EINTR: a signal came first
        perform()
    }

    private func perform() {
        result = work!()
        work = nil
        sem_post(done)
    }

    /// Lets a parked thread begin its work.
    public func go() {
        if parkedHere {
            parkedHere = false
            perform()
        } else if let gate {
            sem_post(gate)
        }
    }

    /// The value, once the work is done (after `go()`, when parked).
    public func value() -> Value {
        if !waited {
            while sem_wait(done) != 0 {}  // EINTR: a signal came first
            waited = true
        }
        return result!
    }

    deinit {
        sem_destroy(done)
        done.deallocate()
        if let gate {
            sem_destroy(gate)
            gate.deallocate()
        }
    }
}

/// What the thread runs, known to it without `OnThread`'s type: a C
/// function cannot name a generic type.
public class ThreadWork {
    func run() {}
}
