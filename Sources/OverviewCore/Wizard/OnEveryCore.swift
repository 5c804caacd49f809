import Dispatch

extension Array {
    /// `map`, with the elements shared out among the cores in `parts` runs
    /// when there are at least `minimum` of them; in order, as `map` gives
    /// them. `transform` then runs on several threads at once: it may only
    /// read what it shares with them.
    ///
    /// For work over every section of a large catalog on the way to a first
    /// frame (a thousand sections' review rows were made on one core while
    /// the other, done reading the catalog, waited), and for files parsed or
    /// entries read at once: `parts` as many as the elements gives each its
    /// own run.
    public func mapOnEveryCore<Result>(whenAtLeast minimum: Int, parts: Int = 4,
                                       _ transform: (Element) -> Result) -> [Result] {
        guard count >= Swift.max(minimum, 2), parts > 1 else { return map(transform) }
        let total = count, size = (total + parts - 1) / parts
        return [Result](unsafeUninitializedCapacity: count) { buffer, initialized in
            // Each run writes only its own elements, and concurrentPerform
            // returns after every run has: the buffer needs no lock.
            nonisolated(unsafe) let slots = buffer
            withoutActuallyEscaping(transform) { transform in
                nonisolated(unsafe) let transform = transform
                self.withUnsafeBufferPointer { elements in
                    nonisolated(unsafe) let elements = elements
                    DispatchQueue.concurrentPerform(iterations: (total + size - 1) / size) { part in
                        for index in (part * size)..<Swift.min(total, (part + 1) * size) {
                            (slots.baseAddress! + index).initialize(to: transform(elements[index]))
                        }
                    }
                }
            }
            initialized = total
        }
    }
}
