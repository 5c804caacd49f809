/// What the review's row says of a section before it is put in words: skipped,
/// or included with how many required answers are missing; whether its
/// answers contradict each other; how many of its questions are new.
///
/// The review works these out for every section of the catalog on the way
/// to a revise's first frame (a thousand sections' rows were a fifth of it).
/// They depend on the catalog and the answers alone while the answers are
/// the ones the wizard started from, so the answers cache keeps a start's
/// facts with the file's answers, and a later start on the same text and
/// catalog is given them (`WizardState.startFacts`) instead of working them
/// out again.
public struct ReviewFacts: Equatable, Sendable {
    /// -1 when the section is skipped; else how many required answers are missing.
    public var missing: Int
    /// Its answers contradict each other (never for a skipped section).
    public var contradicting: Bool
    /// How many of its questions are new (`Wizard.newQuestions`; none for a skipped section).
    public var newQuestions: Int

    public init(missing: Int, contradicting: Bool, newQuestions: Int) {
        self.missing = missing
        self.contradicting = contradicting
        self.newQuestions = newQuestions
    }

    /// `missing` for `section` in `answers`: -1 when it is skipped, else how
    /// many of its required questions have no answer.
    public static func missing(_ section: Section, _ answers: Answers) -> Int {
        answers.isIncluded(section) ? Completeness.missingRequired(section, answers).count : -1
    }
}

extension Wizard {
    /// The facts of `section`'s review row in `state`.
    public func reviewFacts(_ section: Section, _ state: WizardState) -> ReviewFacts {
        let missing = ReviewFacts.missing(section, state.answers)
        guard missing >= 0 else { return ReviewFacts(missing: -1, contradicting: false, newQuestions: 0) }
        return ReviewFacts(missing: missing,
                           contradicting: !Contradictions.problems(in: section, state.answers).isEmpty,
                           newQuestions: newQuestions(section, state).count)
    }

    /// The facts of every section's row, in catalog order (on every core for
    /// a large catalog): what a start on an answers file works out when it
    /// is not given them, and what the answers cache keeps.
    public func reviewFacts(_ state: WizardState) -> [ReviewFacts] {
        catalog.sections.mapOnEveryCore(whenAtLeast: Wizard.sectionsForEveryCore) { reviewFacts($0, state) }
    }

    /// The facts the start found or was given, in catalog order, while they still
    /// hold: the answers are the ones the wizard started from (so is every
    /// input of the facts: the file, the catalog, what was new to the file)
    /// and no text is being typed wrong. Nil when they do not, or none were given.
    public func startFacts(_ state: WizardState) -> [ReviewFacts]? {
        guard let facts = state.startFacts, facts.count == catalog.sections.count,
              state.invalidText.isEmpty, state.answers == state.original else { return nil }
        return facts
    }
}
