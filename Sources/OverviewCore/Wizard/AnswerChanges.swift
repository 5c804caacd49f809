/// What of the answers a run of actions changed, as the reducer saw it: what
/// is made from the answers again after each key (the draft's text) need
/// only look at those sections.
///
/// With a thousand sections, finding the one a key changed by comparing every
/// section's answers cost more than the rest of the key; the reducer knows it
/// without comparing.
public struct AnswerChanges: Equatable, Sendable {
    /// The sections whose answers changed, when nothing else in the answers
    /// did; nil when anything may have.
    public private(set) var sections: Set<String>?

    /// Nothing changed yet.
    public init() { sections = [] }

    /// Anything may have changed: everything made from the answers is made again.
    public static let anything: AnswerChanges = {
        var changes = AnswerChanges()
        changes.sections = nil
        return changes
    }()

    public var isEmpty: Bool { sections?.isEmpty == true }

    public mutating func add(_ other: AnswerChanges) {
        guard let more = other.sections else { sections = nil; return }
        sections?.formUnion(more)
    }

    mutating func addSection(_ id: String) { sections?.insert(id) }
}

/// The answers before an action, as much of them as can change: for a key
/// typed in a section's text field, that section's answers alone. Keeping
/// the whole answers made the key's change copy every section's answers (the
/// dictionary was shared) and compare them all after it.
enum AnswersBefore {
    /// Only this section's answers can change (nil: it had none).
    case section(String, SectionAnswers?)
    case all(Answers)

    /// What changed from this to `now`.
    func changes(to now: Answers) -> AnswerChanges {
        switch self {
        case .section(let id, let before):
            var changes = AnswerChanges()
            if now.sections[id] != before { changes.addSection(id) }
            return changes
        case .all(let before):
            return before == now ? AnswerChanges() : .anything
        }
    }

    /// The whole answers as they were, given them as they are now.
    func answers(now: Answers) -> Answers {
        switch self {
        case .section(let id, let before):
            var answers = now
            answers.sections[id] = before
            return answers
        case .all(let before):
            return before
        }
    }
}
