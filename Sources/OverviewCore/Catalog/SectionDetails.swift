import Foundation
import Synchronization

/// Everything a section holds beyond its id, title, anchor, order and
/// source: what a screen needs once the section is shown or answered.
struct SectionDetails: Sendable {
    var rule: RecommendationRule
    var guidance: Guidance
    var questions: [Question]
    var body: String
    var securityTxt: SecurityTxtContract?
    var retired: Set<String>
    var fixedText: Bool
    var conflicts: [ChoiceConflict]
    var bodyLine: Int
    var template: SectionTemplate
    var glance: AtAGlance?
}

/// A section's details: at hand (a section parsed), built when first asked
/// for (a section compiled in), or the bytes `SectionsCache` stored for it,
/// decoded when first asked for.
///
/// A start with a thousand sections of a company's own read every one of
/// them back whole before its first frame, which shows a title and a line of
/// facts for each of about twenty. Read back, a section keeps its details as
/// bytes until something asks for them: a screen that shows it, an answer
/// checked against it, the page. The built-in sections likewise: a revise's
/// first frame needs their titles, not their questions. Safe to read from
/// any thread: each is decoded or built once, under a lock, and read
/// without it from then on.
final class SectionDetailsBox: @unchecked Sendable {
    /// Details at hand from the start, read without taking the lock.
    private let ready: SectionDetails?
    private let lock = NSLock()
    /// Set once `decoded` holds the details, which never change after:
    /// from then on they are read without the lock.
    private let done = Atomic<Bool>(false)
    private var decoded: SectionDetails?
    /// What the cache stored, until decoded; and the file it was made from.
    private var stored: Data?
    private let source: String
    /// What builds them, until built.
    private var build: (@Sendable () -> SectionDetails)?

    init(_ details: SectionDetails) {
        ready = details
        source = ""
    }

    /// Details stored for the section read from `source`.
    init(stored: Data, source: String) {
        ready = nil
        self.stored = stored
        self.source = source
    }

    /// Details `build` makes when first asked for.
    init(building build: @escaping @Sendable () -> SectionDetails) {
        ready = nil
        self.build = build
        source = ""
    }

    /// Reads the details, decoding or building them first if need be.
    @inline(__always)
    func read<T>(_ body: (SectionDetails) -> T) -> T {
        if let ready { return body(ready) }
        if done.load(ordering: .acquiring) { return body(decoded.unsafelyUnwrapped) }
        return lock.withLock {
            if let decoded { return body(decoded) }
            let details = build?() ?? StoredSections.details(stored ?? Data(), source: source)
            decoded = details
            stored = nil
            build = nil
            done.store(true, ordering: .releasing)
            return body(details)
        }
    }

    /// Whether the details are still to be decoded or built.
    var isStored: Bool {
        ready == nil && !done.load(ordering: .acquiring)
    }
}
