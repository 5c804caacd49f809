/// What is new to an answers file opened again, and "answer what is new":
/// the walk over only those questions, as copier asks only what it has no
/// answer for. "New" is `check`'s one notion (`Completeness.unseenQuestions`):
/// a question the file has no answer for and never recorded as left open,
/// in a section it has; and every question of a section it lacks (`newSections`).
extension Wizard {
    // MARK: - What is new

    /// The questions each section of `file` never saw, by section id (only
    /// sections that have any): found once, when the wizard starts.
    func unseenQuestions(in file: Answers) -> [String: [String]] {
        var unseen: [String: [String]] = [:]
        let sections = catalog.sections
        let found = sections.mapOnEveryCore(whenAtLeast: Wizard.sectionsForEveryCore) { Completeness.unseenQuestions($0, file).map(\.id) }
        for index in found.indices where !found[index].isEmpty { unseen[sections[index].id] = found[index] }
        return unseen
    }

    /// On a revise run: the questions of `section` that the answers file never
    /// saw (added to the catalog since its last export), that apply and are
    /// still unanswered. None for a skipped section, nor for a section the
    /// file lacks (that one is new as a whole).
    public func newQuestions(_ section: Section, _ state: WizardState) -> [Question] {
        // Only a file that was exported once (it has a review date) lists every
        // question it was shown; one saved halfway lists only what was answered.
        guard state.hadAnswersFile, state.original.reviewed != nil, !state.newSections.contains(section.id),
              let ids = state.unseenInFile[section.id], state.answers.isIncluded(section) else { return [] }
        // Still unseen now: a question the walk showed and the person passed
        // is recorded as left open (`id: ~`) and is new no more.
        let now = state.answers.sections[section.id] ?? SectionAnswers()
        return ids.compactMap(section.question).filter {
            Completeness.isUnseen($0, in: now) && state.answers.applies($0, in: section)
        }
    }

    /// The company and profile questions the answers have no answer for:
    /// `check` fails on each ("profile.x is missing"), and the walk asks them
    /// first, on the profile page, since they decide which sections apply.
    public func missingProfileFields(_ state: WizardState) -> [FieldID] {
        profileFields.filter { value(of: $0, in: state.answers)?.isBlank ?? true }
    }

    /// Every field "answer what is new" visits, in page order: the missing
    /// company and profile questions, the new questions of each included
    /// section, and the unanswered questions of each included section the file lacks.
    public func newQuestionFields(_ state: WizardState) -> [FieldID] {
        guard state.hadAnswersFile, state.original.reviewed != nil else { return [] }
        return missingProfileFields(state) + catalog.sections.flatMap { section in
            newQuestionsToAnswer(section, state).map { FieldID.question(section: section.id, question: $0.id) }
        }
    }

    /// How many fields `newQuestionFields` visits, read from the sections
    /// that had something new, not from the whole catalog: the review's
    /// last row says it on the way to a revise's first frame.
    public func newQuestionCount(_ state: WizardState) -> Int {
        guard state.hadAnswersFile, state.original.reviewed != nil else { return 0 }
        return missingProfileFields(state).count + newQuestionsOfSectionsWithAny(state).reduce(0) { $0 + $1.count }
    }

    /// `newQuestionsToAnswer` of each section that can have any: those the
    /// file lacks, and those with questions it never saw (any other has
    /// none: `newQuestions` reads `unseenInFile`), one at a time, when asked.
    private func newQuestionsOfSectionsWithAny(_ state: WizardState) -> some Sequence<[Question]> {
        state.newSections.union(state.unseenInFile.keys).lazy
            .compactMap { catalog.section($0) }
            .map { newQuestionsToAnswer($0, state) }
    }

    /// What is new in one section, to answer now: its new questions, or, in
    /// an included section the file lacks, every question that applies and
    /// is unanswered.
    func newQuestionsToAnswer(_ section: Section, _ state: WizardState) -> [Question] {
        guard state.newSections.contains(section.id) else { return newQuestions(section, state) }
        guard state.hadAnswersFile, state.original.reviewed != nil, state.answers.isIncluded(section) else { return [] }
        let now = state.answers.sections[section.id] ?? SectionAnswers()
        return section.questions.filter { Completeness.isUnseen($0, in: now) && state.answers.applies($0, in: section) }
    }

    /// Whether there is anything for "answer what is new" to visit (cheap
    /// when the file has nothing new: the review's items ask on every key).
    public func hasNewQuestions(_ state: WizardState) -> Bool {
        guard state.hadAnswersFile, state.original.reviewed != nil else { return false }
        // Only the sections that had something new, not the whole catalog.
        return !missingProfileFields(state).isEmpty || newQuestionsOfSectionsWithAny(state).contains { !$0.isEmpty }
    }

    // MARK: - The walk

    /// The fields the profile page shows: all of them, or during the walk
    /// only the missing ones it set out to ask.
    public func profilePageFields(_ state: WizardState) -> [FieldID] {
        guard let walk = state.walk else { return profileFields }
        return profileFields.filter { walk.fields.contains($0) }
    }

    /// The fields a section page shows: its questions that apply, or during
    /// the walk only those of them that it visits.
    public func pageFields(_ section: Section, _ state: WizardState) -> [FieldID] {
        let fields = fields(of: section, state.answers)
        guard let walk = state.walk else { return fields }
        // What the walk set out to visit stays on its page once answered; a
        // question that an answer here has just made apply is new too.
        let newNow = newQuestionsToAnswer(section, state).map { FieldID.question(section: section.id, question: $0.id) }
        return fields.filter { walk.fields.contains($0) || newNow.contains($0) }
    }

    /// `n` on the review (or Enter on its row): the first section with a new
    /// question, showing only those.
    func startWalk(_ state: inout WizardState) {
        guard state.step == .review else { return }
        let fields = newQuestionFields(state)
        guard !fields.isEmpty else {
            state.message = WizardMessage(.info, "Nothing new to answer: every question has been seen")
            return
        }
        let walk = NewQuestionsWalk(fields: fields)
        // The profile first: its answers decide which sections apply.
        guard let first = walk.asksProfile ? .profile : walk.sections.first.map(WizardStep.section) else { return }
        go(&state, to: first)
        state.walk = walk
        state.focus = 0
        state.caret = caretAtEnd(state)
    }

    /// The walk's next page after section `id`: the next section it visits
    /// that still has a question to show (nil: the walk is over).
    public func walkPage(after id: String, _ state: WizardState) -> String? {
        guard let walk = state.walk, let index = walk.sections.firstIndex(of: id) else { return nil }
        return walk.sections[(index + 1)...].first { hasWalkFields($0, state) }
    }

    /// The walk's page before section `id` (nil: it is the first).
    public func walkPage(before id: String, _ state: WizardState) -> String? {
        guard let walk = state.walk, let index = walk.sections.firstIndex(of: id) else { return nil }
        return walk.sections[..<index].last { hasWalkFields($0, state) }
    }

    /// What the walk shows after the profile page (nil: the walk is over).
    public func walkPageAfterProfile(_ state: WizardState) -> String? {
        state.walk?.sections.first { hasWalkFields($0, state) }
    }

    /// Passing a walk's page (on to the next, not back with Esc): each question it showed and the person passed
    /// without an answer is recorded as seen and left open, as export records
    /// it, so the review's count, a save (^S) and the draft agree with `check`.
    func recordWalkPageSeen(_ state: inout WizardState) {
        guard state.walk != nil, case .section(let id) = state.step, let section = catalog.section(id) else { return }
        let shown = pageFields(section, state).compactMap { field -> String? in
            guard case let .question(sectionID, question) = field, sectionID == id else { return nil }
            return question
        }
        state.answers.recordOpenQuestions(section, shown: Set(shown))
    }

    func hasWalkFields(_ id: String, _ state: WizardState) -> Bool {
        guard let section = catalog.section(id) else { return false }
        return !pageFields(section, state).isEmpty
    }

    /// Back on the review when the walk is over (or left with Esc from its
    /// first page), saying how much of it is answered; the focus on the walk's
    /// row while new questions remain, else on the way to the export.
    func endWalk(_ state: inout WizardState) {
        guard let walk = state.walk else { return }
        let answered = walk.fields.filter { field in
            value(of: field, in: state.answers).map { !$0.isBlank } ?? false
        }.count
        // Passed without an answer and recorded as seen (`id: ~`): open, not new.
        let leftOpen = walk.fields.filter { field in
            guard case let .question(sectionID, questionID) = field,
                  state.answers.sections[sectionID]?.open.contains(questionID) == true,
                  state.original.sections[sectionID]?.open.contains(questionID) != true else { return false }
            return value(of: field, in: state.answers)?.isBlank ?? true
        }.count
        go(&state, to: .review)
        let remaining = hasNewQuestions(state)
        focusItem(&state, remaining ? .newQuestionsRow : .toExport)
        state.message = WizardMessage(.info, "New questions: \(answered) of \(walk.fields.count) answered"
            + (leftOpen > 0 ? ", \(leftOpen) left open" : "")
            + (remaining ? "; n answers the rest" : ""))
    }
}
