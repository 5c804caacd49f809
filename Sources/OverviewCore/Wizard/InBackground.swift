import Dispatch

/// A value worked out on another thread while this one does something else,
/// and waited for where it is needed.
public final class InBackground<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchGroup()
    /// Written once on the other thread before it leaves `done`; read only
    /// after waiting for `done`, which orders the write before the read.
    private var result: Value?

    public init(_ work: @escaping @Sendable () -> Value) {
        done.enter()
        DispatchQueue.global(qos: .userInitiated).async {
            self.result = work()
            self.done.leave()
        }
    }

    /// The value, once the work is done.
    public func value() -> Value {
        done.wait()
        return result!
    }
}
