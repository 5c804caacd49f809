import Foundation

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

/// A section's details: at hand (a section parsed or compiled in), or the
/// bytes `SectionsCache` stored for it, decoded when first asked for.
///
/// A start with a thousand sections of a company's own read every one of
/// them back whole before its first frame, which shows a title and a line of
/// facts for each of about twenty. Read back, a section keeps its details as
/// bytes until something asks for them: a screen that shows it, an answer
/// checked against it, the page. Safe to read from any thread: each is
/// decoded once, under a lock.
final class SectionDetailsBox: @unchecked Sendable {
    /// Details at hand from the start, read without taking the lock.
    private let ready: SectionDetails?
    private let lock = NSLock()
    private var decoded: SectionDetails?
    /// What the cache stored, until decoded; and the file it was made from.
    private var stored: Data?
    private let source: String

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

    /// Reads the details, decoding them first if they are still bytes.
    @inline(__always)
    func read<T>(_ body: (SectionDetails) -> T) -> T {
        if let ready { return body(ready) }
        return lock.withLock {
            if let decoded { return body(decoded) }
            let details = StoredSections.details(stored ?? Data(), source: source)
            decoded = details
            stored = nil
            return body(details)
        }
    }

    /// Whether the details are still the bytes they were stored as.
    var isStored: Bool {
        if ready != nil { return false }
        return lock.withLock { decoded == nil }
    }
}
