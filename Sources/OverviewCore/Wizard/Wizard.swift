import Foundation
/// The wizard's logic: which items each screen has, and the one reducer that
/// changes `WizardState`. Pure: no terminal, no files, no clock.
public struct Wizard: Sendable {
    /// The catalog, loaded when first needed (a first run draws its first
    /// screen, which needs no section, before the catalog is parsed).
    public var catalog: Catalog { loader.catalog }
    public let loader: CatalogLoader
    /// From how many sections work over every one of them on the way to a
    /// first frame is shared out among the cores (`mapOnEveryCore`); the
    /// built-in catalog's sixteen are done on one.
    public static let sectionsForEveryCore = 256
    /// How many lines the preview had for the answers, step and width it was
    /// last counted at: while the preview is scrolled every action clamps the
    /// scroll, and laying the whole page out again for each would cost a
    /// large catalog's page per key.
    let previewLineCount = PreviewLineCount()
    /// A section page's items for what they are made from: asked for several
    /// times a key (the key map, the form, the preview's hint), and made from
    /// every question's condition.
    let sectionItems = SectionItemsMemo()

    public init(catalog: Catalog) {
        self.loader = CatalogLoader(catalog)
    }

    public init(loader: CatalogLoader) {
        self.loader = loader
    }

    // MARK: - Starting

    /// The state to start from, given what is on disk.
    ///
    /// - `fileAnswers`: the answers file, if it exists (then the wizard opens at the review).
    /// - `draft`: an autosaved draft, if one exists and differs from the file (then it is offered first).
    /// - `draftFileChanged`: the answers file changed since the draft started
    ///   (see `Draft.fileChanged`): the resume screen says so and offers to keep the file first.
    /// - `today`: the date the screens name (the export reads the clock itself).
    /// - `unseenInFile`: `unseenQuestions(in: fileAnswers)` as an earlier start
    ///   found it in this catalog, when it is known; found again when not.
    /// - `reviewFacts`: every section's `reviewFacts` as an earlier start on
    ///   the same file and catalog found them, when they are known; worked
    ///   out here when not (the review shows them, the answers cache keeps them).
    public func start(paths: WizardPaths, fileAnswers: Answers?, draft: Answers?,
                      draftFileChanged: Bool = false, today: String? = nil,
                      unseenInFile known: [String: [String]]? = nil, reviewFacts: [ReviewFacts]? = nil) -> WizardState {
        let base = fileAnswers ?? Answers()
        // Only a file that was exported once (it has a review date) records
        // every section; one saved halfway lists only what was decided.
        let newSections: Set<String> = fileAnswers.flatMap { file in
            file.reviewed == nil ? nil : Set(catalog.sections.map(\.id).filter { file.sections[$0] == nil })
        } ?? []
        let step: WizardStep
        if let draft, draft != base {
            step = .resumeDraft
        } else {
            step = fileAnswers == nil ? .profile : .review
        }
        var state = WizardState(paths: paths, step: step, answers: base, saved: base, original: base,
                                hadAnswersFile: fileAnswers != nil, newSections: newSections,
                                pendingDraft: step == .resumeDraft ? draft : nil)
        // `known`: what an earlier start found in this same file and catalog
        // (the answers cache keeps it), which spares a look through every section.
        if let fileAnswers, fileAnswers.reviewed != nil { state.unseenInFile = known ?? unseenQuestions(in: fileAnswers) }
        if fileAnswers != nil { state.startFacts = reviewFacts ?? self.reviewFacts(state) }
        state.draftFileChanged = step == .resumeDraft && draftFileChanged
        state.today = today
        state.caret = caretAtEnd(state)
        return state
    }

    // MARK: - Items

    /// The focusable lines of the current step, top to bottom.
    public func items(_ state: WizardState) -> [WizardItem] {
        Array(itemList(state))
    }

    /// The focusable lines of the current step as a collection: on the plan
    /// and the review a row per section of the catalog, read from the catalog
    /// as asked for rather than copied into an array on every key (a
    /// thousand sections made that a large part of a Down).
    public func itemList(_ state: WizardState) -> WizardItems {
        switch state.step {
        case .resumeDraft:
            // A draft older than the file: keeping the file comes first, so
            // Enter through this screen undoes nothing.
            return WizardItems(state.draftFileChanged
                ? [.resumeChoice(false), .draftDifferences, .resumeChoice(true)]
                : [.resumeChoice(true), .resumeChoice(false)])
        case .profile:
            return WizardItems(profilePageFields(state).flatMap { rows($0, state.answers) } + [.next])
        case .plan:
            return WizardItems([], sections: catalog.sections, [.next])
        case .section(let id):
            guard let section = catalog.section(id) else { return WizardItems([.next]) }
            if let edit = state.recordEdit { return WizardItems(recordFormItems(edit)) }
            // A note opened with `n` is a text field just under its question.
            func make() -> WizardItems {
                WizardItems(pageFields(section, state).flatMap { field in
                    rows(field, state.answers) + (state.openNote.map { $0 == Self.noteField(of: field) } == true ? [.text(state.openNote!)] : [])
                } + [.next])
            }
            // The walk of new questions reads more of the state: made each time.
            guard state.walk == nil else { return make() }
            return sectionItems.items(id, state.answers.profile, state.answers.sections[id], state.openNote, make: make)
        case .review:
            let walk: [WizardItem] = hasNewQuestions(state) ? [.newQuestionsRow] : []
            return WizardItems([.profileRow, .planRow], sections: catalog.sections, walk + [.toExport])
        case .export:
            let review: [WizardItem] = state.asksReviewChoice ? ReviewChoice.allCases.map(WizardItem.reviewChoice) : []
            // Overwriting hand edits is offered only after a write was refused over them.
            let edited: [WizardItem] = state.editedOnDisk == nil ? [] : [.editDifferences, .overwriteEdited]
            return WizardItems(outputFields.flatMap { rows($0, state.answers) } + review + [.writeFiles] + edited + [.quit])
        }
    }

    public func focusedItem(_ state: WizardState) -> WizardItem? {
        let items = itemList(state)
        return items.indices.contains(state.focus) ? items[state.focus] : nil
    }

    /// The included sections, in page order: the pages the walk visits.
    public func includedSections(_ answers: Answers) -> [Section] {
        catalog.sections.filter { answers.isIncluded($0) }
    }

    /// The fields of the company and profile page, in order.
    public var profileFields: [FieldID] {
        [.companyName, .companyDomain, .securityContact] + ProfileField.allCases.map(FieldID.profile)
    }

    /// The export step's fields, in order.
    public var outputFields: [FieldID] { OutputField.allCases.map(FieldID.output) }

    /// The fields of a section page: its questions that apply, in order.
    public func fields(of section: Section, _ answers: Answers) -> [FieldID] {
        section.questions.filter { answers.applies($0, in: section) }.map { .question(section: section.id, question: $0.id) }
    }

    /// A field's focusable rows, as its kind has them: one text box, one row
    /// per option, or one row per record and the row that adds one.
    public func rows(_ field: FieldID, _ answers: Answers) -> [WizardItem] {
        guard let question = question(for: field) else { return [] }
        if question.field.isTyped { return [.text(field)] }
        if question.input == .records { return records(field, answers).indices.map { .record(field, $0) } + [.addRecord(field)] }
        return question.field.options(of: question).indices.map { .option(field, $0) }
    }

    // MARK: - The reducer

    /// Applies `action` to `state` and returns the work the run loop must do.
    @discardableResult
    public func reduce(into state: inout WizardState, action: WizardAction) -> [WizardEffect] {
        var changes = AnswerChanges()
        return reduce(into: &state, action: action, changes: &changes)
    }

    /// `reduce(into:action:)`, adding to `changes` what the action changed of
    /// the answers, or of the draft's (`answersForDraft`: a record typed in its form).
    public func reduce(into state: inout WizardState, action: WizardAction, changes: inout AnswerChanges) -> [WizardEffect] {
        if case .resized(let size) = action {
            state.viewport = size
            clampPreviewScroll(&state)
            return []
        }
        // While the window is too small, nothing it hides may change. Quitting
        // still works, without the dialog nobody could see: unsaved answers
        // stay in the draft.
        if WizardLayout.isTooSmall(state.viewport) && !Self.keepsMessage(action) {
            guard action == .quitRequested else { return [] }
            return state.pendingDraft != nil || state.hasUnsavedChanges ? [.quit] : [.deleteDraft, .quit]
        }
        let effects = reduceAction(&state, action, changes: &changes)
        clampPreviewScroll(&state)
        return effects
    }

    /// The page preview scrolls no further than its last line, so that the
    /// next key back up moves it (End and PgDn overshoot).
    func clampPreviewScroll(_ state: inout WizardState) {
        guard state.previewScroll > 0 else { return }
        state.previewScroll = min(state.previewScroll, maxPreviewScroll(state))
    }

    /// The page's lines as a preview `width` columns wide shows them.
    public func previewLines(_ answers: Answers, width: Int) -> [String] {
        PagePreview.lines(PageRenderer(catalog: catalog).page(answers, format: .markdown), width: width)
    }

    /// What a preview of the current step shows, `width` columns wide: the
    /// whole page on the review, the section on a section page (with a note
    /// when it is not on the page).
    public func previewLines(_ state: WizardState, width: Int) -> [String] {
        guard case .section(let id) = state.step else { return previewLines(state.answers, width: width) }
        guard let section = catalog.section(id) else { return [] }
        if !state.answers.isIncluded(section) { return TextWidth.wrap("(Skipped: not on the page.)", to: width) }
        guard let markdown = PageRenderer(catalog: catalog).sectionMarkdown(section, state.answers) else {
            return TextWidth.wrap("(Not on the page yet: nothing answered here says anything.)", to: width)
        }
        return PagePreview.lines("## \(section.title)\n\n" + markdown, width: width)
    }

    /// How far the preview shown can scroll: its last line at the bottom.
    public func maxPreviewScroll(_ state: WizardState) -> Int {
        guard let area = WizardLayout.previewArea(state) else { return 0 }
        let width = area.width - 2
        let count = previewLineCount.count(state.answers, state.step, width) { previewLines(state, width: width).count }
        return max(0, count - (area.height - 1))
    }

    /// What an action may change of the answers: a text key in a section's
    /// field (no record form open) changes that section's answers, nothing else.
    func answersBefore(_ state: WizardState, _ action: WizardAction) -> AnswersBefore {
        switch action {
        case .textTyped, .backspacePressed, .deletePressed, .fieldCleared:
            guard state.overlay == nil, state.recordEdit == nil else { break }
            switch focusedTextField(state) {
            case .question(let id, _)?, .note(let id, _)?: return .section(id, state.answers.sections[id])
            default: break
            }
        default: break
        }
        return .all(state.answers)
    }

    func reduceAction(_ state: inout WizardState, _ action: WizardAction, changes: inout AnswerChanges) -> [WizardEffect] {
        let before = answersBefore(state, action)
        // With a record form open, what the draft keeps (`answersForDraft`).
        let draftBefore = state.recordEdit == nil ? nil : answersForDraft(state)
        var effects: [WizardEffect] = []
        if !Self.keepsMessage(action) { state.message = nil }

        switch state.overlay {
        case .help?:
            // A long help scrolls; any other key closes it, and it never acts
            // on the screen below.
            if case .helpScrolled(let line) = action {
                state.helpScroll = max(0, line)
            } else if !Self.keepsMessage(action) {
                state.overlay = nil
            }
            return []
        case .quitConfirm?:
            let effects = reduceQuitDialog(&state, action)
            changes.add(before.changes(to: state.answers))  // a record kept before the save
            return effects
        case nil:
            break
        }

        switch action {
        case .focusMoved(let by):
            let before = state.focus
            moveFocus(&state, to: state.focus + by)
            // Moving the focus brings the view back to it; a move that goes
            // nowhere (Up on the first item) leaves a scrolled-back view as it is.
            if state.focus != before { state.formScroll = 0 }
            // A jump (PgDn, End) goes on, but says what it passed over.
            if by > 1, state.message == nil {
                let passed = requiredUnanswered(state, passedFrom: before)
                if passed > 0 {
                    state.message = WizardMessage(.info, "Passed \(passed) required question\(passed == 1 ? "" : "s") with no answer yet (marked *)")
                }
            }
        case .formScrolled(let by):
            state.formScroll = min(0, state.formScroll + by)
        case .nextFieldFocused:
            focusNextField(&state)
        case .previousFieldFocused:
            focusPreviousField(&state)
        case .toggled:
            toggle(&state)
        case .confirmed:
            effects += confirm(&state)
        case .wentBack:
            goBack(&state)
        case .sectionIncludeToggled:
            if state.recordEdit == nil, case .section(let id) = state.step, let section = catalog.section(id) {
                state.answers.sections[id, default: SectionAnswers()].include = !state.answers.isIncluded(section)
            }
        case .noteOpened:
            if let field = focusedItem(state).flatMap(Self.field(of:)), let note = Self.noteField(of: field) {
                state.openNote = note
                if let index = items(state).firstIndex(of: .text(note)) { moveFocus(&state, to: index) }
            }
        case .textTyped(let text):
            let multiline = focusedTextField(state).map(isMultiline) ?? false
            editText(&state) { chars, caret in
                let clean = Array(TerminalSafe.sanitize(text, allowNewlines: multiline))
                chars.insert(contentsOf: clean, at: caret)
                caret += clean.count
            }
        case .backspacePressed:
            editText(&state) { chars, caret in
                guard caret > 0 else { return }
                chars.remove(at: caret - 1)
                caret -= 1
            }
        case .deletePressed:
            editText(&state) { chars, caret in
                guard caret < chars.count else { return }
                chars.remove(at: caret)
            }
        case .fieldCleared:
            editText(&state) { chars, caret in
                chars.removeAll()
                caret = 0
            }
        case .caretMoved(let motion):
            if let field = focusedTextField(state) {
                let count = text(of: field, in: state).count
                switch motion {
                case .left: state.caret = max(0, state.caret - 1)
                case .right: state.caret = min(count, state.caret + 1)
                case .home: state.caret = 0
                case .end: state.caret = count
                case .up, .down:
                    let text = Array(text(of: field, in: state))
                    if let caret = Self.caret(in: text, from: min(state.caret, count), lines: motion == .up ? -1 : 1) {
                        state.caret = caret
                    } else {
                        moveFocus(&state, to: state.focus + (motion == .up ? -1 : 1))
                    }
                }
            }
        case .helpToggled:
            state.overlay = .help
            state.helpScroll = 0
        case .helpScrolled:
            break  // only while the help is open, above
        case .quitRequested:
            if state.pendingDraft != nil {
                // Quitting before choosing keeps the draft for next time.
                effects.append(.quit)
            } else if state.hasUnsavedChanges || recordFormChanged(state) || !state.invalidText.isEmpty {
                // Text typed that is not valid is in no file: quitting says so first.
                state.overlay = .quitConfirm
                state.quitChoice = .saveAndQuit
            } else {
                effects += [.deleteDraft, .quit]
            }
        case .pagePreviewToggled:
            if state.step == .review || (state.step.isSection && state.recordEdit == nil) {
                state.showPagePreview.toggle()
                state.previewScroll = 0
            }
        case .previewScrolled(let by):
            state.previewScroll = max(0, state.previewScroll + by)
        case .planDetailToggled:
            if state.step == .plan { state.showPlanDetail.toggle() }
        case .saveRequested:
            // Ctrl-S in a record's form keeps the record, then writes the file;
            // a record that cannot be kept yet stops it, saying why.
            if state.recordEdit != nil {
                saveRecord(&state)
                if state.recordEdit != nil { break }
            }
            effects.append(.save)
        case .saveSucceeded:
            state.saved = state.answers
            state.message = WizardMessage(.info, "Saved \(state.paths.answers)")
            effects.append(.deleteDraft)
        case .saveFailed(let problem):
            state.message = WizardMessage(.error, "Not saved: \(problem)")
        case .exportSucceeded(let paths, let reviewed):
            let focused = focusedItem(state)
            state.answers = answersForExport(state.answers, reviewed: reviewed)
            // A first write was a review; writing again in this session means the same.
            if state.reviewChoice == nil { state.reviewChoice = .current }
            // The offer to overwrite is spent: its buttons go, and from Overwrite the focus lands on Write.
            state.editedOnDisk = nil
            // The review-date question appears above the buttons now: the focus stays on its button.
            if let focused, let index = items(state).firstIndex(of: [.editDifferences, .overwriteEdited].contains(focused) ? .writeFiles : focused) {
                state.focus = index
            }
            state.saved = state.answers
            state.exported = paths
            state.message = WizardMessage(.info, "Wrote " + paths.map { FileStore.display($0) }.joined(separator: ", "))
            effects.append(.deleteDraft)
            changes.add(before.changes(to: state.answers))
            return effects
        case .exportFailed(let problem):
            // What an earlier export wrote is no longer what the screen shows.
            state.exported = nil
            dropEditedOnDisk(&state)
            state.message = WizardMessage(.error, "Nothing written: \(problem)")
        case .exportRefusedOverHandEdits(let files, let diff, let notGenerated):
            state.exported = nil
            let focused = focusedItem(state)
            state.editedOnDisk = EditedOnDisk(files: files, diff: diff, notGenerated: notGenerated)
            if let focused, let index = items(state).firstIndex(of: focused) { state.focus = index }
            if notGenerated.isEmpty {
                let named = files.count == 1 ? "\(files[0]) was" : files.listedInSentence + " were"
                state.message = WizardMessage(.error,
                    "Nothing written: \(named) edited by hand since it was generated. Keep the change by moving it into "
                    + "the answers (or a custom section), or choose Overwrite below (the hand edits are lost). See what differs shows the edit.")
            } else {
                let named = notGenerated.count == 1 ? "\(notGenerated[0]) is" : notGenerated.listedInSentence + " are"
                state.message = WizardMessage(.error,
                    "Nothing written: \(named) already there and not written by security-overview. Keep \(notGenerated.count == 1 ? "it" : "them") "
                    + "by moving \(notGenerated.count == 1 ? "it" : "them") away first, or choose Replace below. See what differs shows both.")
            }
        case .draftWriteFailed(let problem):
            state.draftProblem = problem
            state.message = WizardMessage(.error, "Draft not saved: \(problem)")
        case .draftWritten:
            state.draftProblem = nil
        case .copySaved(let path):
            state.savedCopy = path
            state.message = WizardMessage(.info, "Saved a copy to \(path)")
        case .copyFailed(let problem):
            state.message = WizardMessage(.error, "No copy saved: \(problem)")
        case .itemFocused(let item):
            if let index = items(state).firstIndex(of: item) { moveFocus(&state, to: index) }
        case .fieldAnswered(let field, let value):
            answer(&state, field, value)
        case .reviewOpened:
            if state.step != .resumeDraft && state.step != .review { backToReview(&state) }
        case .recordRemoved:
            removeRecord(&state)
        case .removalUndone:
            undoRemoval(&state)
        case .recordMoved(let by):
            moveRecord(&state, by: by)
        case .newQuestionsWalkStarted:
            startWalk(&state)
        case .resized:
            break  // handled by `reduce`
        }

        // Answers changed since the refusal (another page path): overwriting
        // is offered again only after a write is refused again.
        // Compared once, and for a text key only the section it was typed in.
        let changed = before.changes(to: state.answers)
        changes.add(changed)
        if !changed.isEmpty && state.step == .export { dropEditedOnDisk(&state) }
        // A record being typed is in the draft too, once valid, and leaves it
        // when dropped: the draft's answers changed, though not the answers.
        let recordChanged = changed.isEmpty && (draftBefore != nil || state.recordEdit != nil)
            && answersForDraft(state) != (draftBefore ?? before.answers(now: state.answers))
        if recordChanged { changes.add(.anything) }
        let draftChanged = !changed.isEmpty || recordChanged
        if draftChanged && state.step != .resumeDraft {
            effects.insert(.writeDraft, at: 0)
        }
        return effects
    }

    /// The answers as the export writes them: reviewed today, with every
    /// include decision and every question left open recorded.
    /// The review date a write records: today for a first write or a review
    /// of every answer, the date already there for a correction.
    public func reviewedForExport(_ state: WizardState, today: String) -> String {
        state.reviewChoice == .correction ? (state.answers.reviewed ?? today) : today
    }

    /// The day security.txt would have expired on if this write kept the
    /// review date (a correction), when that day is today or past; nil when a
    /// correction can be written (or no security.txt is written).
    public func correctionExpiry(_ state: WizardState) -> ReviewDate? {
        guard state.paths.targets(state.answers).securityTxt != nil,
              let reviewed = state.answers.reviewed.flatMap(ReviewDate.init),
              let today = state.today.flatMap(ReviewDate.init) else { return nil }
        let expires = SecurityTxt.expiry(reviewed)
        return today < expires ? nil : expires
    }

    public func answersForExport(_ answers: Answers, reviewed: String) -> Answers {
        var copy = answers.recordingOpenQuestions(catalog)
        copy.reviewed = reviewed
        // The history entry the export writes for a review date that moved on:
        // kept in the state too, or a later save would write the file without it.
        copy.history = History.recording(copy, catalog: catalog)
        return copy
    }

    static func keepsMessage(_ action: WizardAction) -> Bool {
        switch action {
        case .saveSucceeded, .saveFailed, .exportSucceeded, .exportFailed, .exportRefusedOverHandEdits, .draftWriteFailed, .draftWritten,
             .copySaved, .copyFailed: true
        default: false
        }
    }

    // MARK: - Quit dialog

    func reduceQuitDialog(_ state: inout WizardState, _ action: WizardAction) -> [WizardEffect] {
        let offered = QuitChoice.offered(state)
        let current = offered.firstIndex(of: state.quitChoice) ?? 0
        switch action {
        case .focusMoved(let by), .previewScrolled(let by):
            state.quitChoice = offered[min(max(current + by, 0), offered.count - 1)]
        case .nextFieldFocused:
            state.quitChoice = offered[(current + 1) % offered.count]
        case .previousFieldFocused:
            state.quitChoice = offered[(current + offered.count - 1) % offered.count]
        case .confirmed, .toggled:
            state.overlay = nil
            switch state.quitChoice {
            case .saveAndQuit:
                // A record typed into its form is kept first; one that cannot
                // be kept yet stops the quit, saying why, so nothing typed is lost.
                if state.recordEdit != nil {
                    saveRecord(&state)
                    if state.recordEdit != nil { return [] }
                }
                return [.save, .quit]
            case .quitKeepingDraft: return [.quit]
            case .saveCopyAndQuit: return [.saveCopy, .quit]
            case .cancel: break
            }
        case .wentBack, .quitRequested:
            state.overlay = nil
        case .saveFailed(let problem):
            state.message = WizardMessage(.error, "Not saved: \(problem)")
        case .copyFailed(let problem):
            state.message = WizardMessage(.error, "No copy saved: \(problem)")
        case .draftWriteFailed(let problem):
            state.draftProblem = problem
        default:
            break
        }
        return []
    }

    // MARK: - Focus

    func moveFocus(_ state: inout WizardState, to index: Int) {
        let count = itemList(state).count
        let target = min(max(index, 0), max(count - 1, 0))
        if target != state.focus { leaveField(&state) }
        state.focus = target
        state.caret = caretAtEnd(state)
    }

    /// How many required questions that have no answer the focus passed over
    /// in moving forward from `before`: those whose rows all lie behind it now
    /// and were not all behind it before.
    func requiredUnanswered(_ state: WizardState, passedFrom before: Int) -> Int {
        guard case .section(let id) = state.step, let section = catalog.section(id) else { return 0 }
        let items = items(state)
        return fields(of: section, state.answers).filter { field in
            guard let question = question(for: field), question.required,
                  value(of: field, in: state.answers)?.isBlank ?? true,
                  let last = items.lastIndex(where: { Self.field(of: $0) == field }) else { return false }
            return last >= before && last < state.focus
        }.count
    }

    /// The focus leaves a text field: text that is not valid as typed but
    /// plainly means a valid value (`https://acme.example/` for a domain,
    /// `90 days` for a number of days) is taken in its canonical form, and the
    /// status line says so. Anything else stays marked as not valid.
    func leaveField(_ state: inout WizardState) {
        guard let field = focusedTextField(state), let typed = state.invalidText[field],
              let question = question(for: field), let format = question.format,
              let canonical = format.canonical(typed), problem(field, canonical) == nil else { return }
        state.invalidText[field] = nil
        store(&state, field, canonical)
        state.message = WizardMessage(.info, "\(question.label): took '\(canonical)' from '\(TerminalSafe.oneLine(typed))'")
    }

    /// Shift-Tab: to the first item of the field before (from the first field, the last item).
    func focusPreviousField(_ state: inout WizardState) {
        let items = items(state)
        guard items.indices.contains(state.focus) else { return }
        let current = Self.group(of: items[state.focus])
        var index = state.focus - 1
        // Back over the rest of this field, then to the first item of the one before.
        while index >= 0, let field = current, Self.group(of: items[index]) == field { index -= 1 }
        guard index >= 0 else { moveFocus(&state, to: items.count - 1); return }
        if let previous = Self.group(of: items[index]) {
            while index > 0, Self.group(of: items[index - 1]) == previous { index -= 1 }
        }
        moveFocus(&state, to: index)
    }

    func caretAtEnd(_ state: WizardState) -> Int {
        focusedTextField(state).map { text(of: $0, in: state).count } ?? 0
    }

    func focusNextField(_ state: inout WizardState) {
        let items = items(state)
        guard items.indices.contains(state.focus) else { return }
        let current = Self.group(of: items[state.focus])
        var index = state.focus + 1
        while index < items.count, let field = current, Self.group(of: items[index]) == field { index += 1 }
        moveFocus(&state, to: index < items.count ? index : 0)
    }

    /// What Tab and Shift-Tab move over as one: a field's items, or the
    /// export's two review-date choices.
    enum Group: Equatable { case field(FieldID), reviewChoice }

    static func group(of item: WizardItem) -> Group? {
        if case .reviewChoice = item { return .reviewChoice }
        return field(of: item).map(Group.field)
    }

    /// The note field of a section's question; nil for any other field.
    public static func noteField(of field: FieldID) -> FieldID? {
        if case .question(let section, let question) = field { return .note(section: section, question: question) }
        return nil
    }

    public static func field(of item: WizardItem) -> FieldID? {
        switch item {
        case .text(let field), .option(let field, _), .record(let field, _), .addRecord(let field): field
        default: nil
        }
    }

    public func focusedTextField(_ state: WizardState) -> FieldID? {
        if case .text(let field)? = focusedItem(state) { return field }
        return nil
    }

    // MARK: - Space and Enter

    func toggle(_ state: inout WizardState) {
        switch focusedItem(state) {
        case .option(let field, let index)?:
            select(&state, field, index)
        case .sectionRow(let id)?:
            if let section = catalog.section(id) {
                state.answers.sections[id, default: SectionAnswers()].include = !state.answers.isIncluded(section)
            }
        case .reviewChoice(let choice)?:
            if choice == .correction, let expires = correctionExpiry(state) {
                // Offered, but the write would refuse it: said now, not at Write.
                state.message = WizardMessage(.error, "Not picked: with reviewed kept at \(state.answers.reviewed ?? ""), "
                    + "security.txt would have expired on \(expires). This write must be a review of every answer.")
            } else {
                state.reviewChoice = choice
            }
        case .text?, nil:
            break
        default:
            _ = confirm(&state)
        }
    }

    func confirm(_ state: inout WizardState) -> [WizardEffect] {
        switch focusedItem(state) {
        case .resumeChoice(let resume)?:
            return chooseDraft(&state, resume: resume)
        case .draftDifferences?:
            state.showDraftDifferences.toggle()
        case .reviewChoice?:
            // As on any choice, Enter goes on (to Write) without picking.
            if let write = items(state).firstIndex(of: .writeFiles) { moveFocus(&state, to: write) }
        case .option?:
            // Enter goes on; only Space picks. Focus lands on a field's first
            // option, often "Yes": if Enter picked, pressing it through a
            // section would affirm everything in it.
            focusNextField(&state)
            if state.focus == 0 { moveFocus(&state, to: items(state).count - 1) }
        case .text?:
            focusNextField(&state)
            if state.focus == 0 { moveFocus(&state, to: items(state).count - 1) }
        case .sectionRow(let id)?:
            if state.step == .review {
                go(&state, to: .section(id))
                state.returnToReview = true
            } else {
                goForward(&state)
            }
        case .profileRow?:
            go(&state, to: .profile)
            state.returnToReview = true
        case .planRow?:
            go(&state, to: .plan)
            state.returnToReview = true
        case .next?, .toExport?:
            goForward(&state)
        case .writeFiles?, .overwriteEdited?:
            // A review is a deliberate act: the date moves only when the user says every answer is current.
            if state.asksReviewChoice && state.reviewChoice == nil {
                if let first = items(state).firstIndex(of: .reviewChoice(.current)) { moveFocus(&state, to: first) }
                state.message = WizardMessage(.error,
                    "Say first: a review (reviewed becomes today) or a correction (it stays)")
                return []
            }
            return [focusedItem(state) == .overwriteEdited ? .exportOverwriting : .export]
        case .editDifferences?:
            state.editedOnDisk?.showsDiff.toggle()
        case .quit?:
            var inner = AnswerChanges()  // the Enter around it records what changed
            return reduceAction(&state, .quitRequested, changes: &inner)
        case .record(let field, let index)?:
            openRecord(&state, field, at: index)
        case .addRecord(let field)?:
            openRecord(&state, field, at: nil)
        case .saveRecord?:
            saveRecord(&state)
        case .cancelRecord?:
            cancelRecordForm(&state)
        case .newQuestionsRow?:
            startWalk(&state)
        case nil:
            break
        }
        return []
    }

    func chooseDraft(_ state: inout WizardState, resume: Bool) -> [WizardEffect] {
        guard state.step == .resumeDraft else { return [] }
        if resume, let draft = state.pendingDraft {
            state.answers = draft
            let profileDone = draft.profile.missingFields.isEmpty && draft.company.name != nil
            go(&state, to: state.hadAnswersFile || profileDone ? .review : .profile)
            state.pendingDraft = nil
            state.draftFileChanged = false
            state.showDraftDifferences = false
            return []  // the answers changed: the reducer rewrites the draft
        }
        state.pendingDraft = nil
        state.draftFileChanged = false
        state.showDraftDifferences = false
        go(&state, to: state.hadAnswersFile ? .review : .profile)
        return [.deleteDraft]
    }

    // MARK: - Steps

    func go(_ state: inout WizardState, to step: WizardStep) {
        leaveField(&state)
        dropRecordForm(&state)
        state.lastRemoved = nil
        state.droppedRecord = nil
        // What was refused is looked at again by the next write.
        state.editedOnDisk = nil
        // The walk over what is new lasts while it goes from page to page.
        if !step.isSection && step != .profile { state.walk = nil }
        state.step = step
        state.openNote = nil
        state.returnToReview = false
        state.showPagePreview = false
        state.previewScroll = 0
        state.formScroll = 0
        state.focus = 0
        state.caret = caretAtEnd(state)
    }

    func goForward(_ state: inout WizardState) {
        let back = state.returnToReview
        switch state.step {
        case .resumeDraft:
            return
        case .profile:
            if let walk = state.walk {
                // The profile's answers decide which sections and questions
                // apply: what the walk visits next is found again from them.
                let asked = walk.fields.filter { if case .question = $0 { false } else { true } }
                state.walk = NewQuestionsWalk(fields: asked + newQuestionFields(state).filter { if case .question = $0 { true } else { false } })
                guard let later = walkPageAfterProfile(state) else { endWalk(&state); return }
                go(&state, to: .section(later))
                return
            }
            if back { backToReview(&state); return }
            go(&state, to: .plan)
        case .plan:
            // Leaving the plan records every include decision, recommended or not.
            for section in catalog.sections where state.answers.sections[section.id]?.include == nil {
                state.answers.sections[section.id, default: SectionAnswers()].include = state.answers.isIncluded(section)
            }
            if back { backToReview(&state); return }
            go(&state, to: includedSections(state.answers).first.map { .section($0.id) } ?? .review)
        case .section(let id):
            // Leaving a section with required questions open goes on, and says so.
            let open = catalog.section(id).map { state.answers.isIncluded($0) ? Completeness.missingRequired($0, state.answers).count : 0 } ?? 0
            defer {
                if open > 0, state.message == nil, let section = catalog.section(id) {
                    state.message = WizardMessage(.info, "\(section.title): \(open) required question\(open == 1 ? "" : "s") left with no answer")
                }
            }
            if state.walk != nil {
                // Passed on: what the page showed is seen, answered or left open.
                leaveField(&state)
                recordWalkPageSeen(&state)
                guard let later = walkPage(after: id, state) else { endWalk(&state); return }
                go(&state, to: .section(later))
                return
            }
            if back { backToReview(&state); return }
            let later = catalog.sections.drop { $0.id != id }.dropFirst().first { state.answers.isIncluded($0) }
            go(&state, to: later.map { .section($0.id) } ?? .review)
        case .review:
            go(&state, to: .export)
            // Its questions were answered at an earlier export: straight to
            // Write, or to the question of what this write means for the review date.
            let target: WizardItem = state.asksReviewChoice && state.reviewChoice == nil ? .reviewChoice(.current) : .writeFiles
            if state.answers.outputs.format != nil, let write = items(state).firstIndex(of: target) {
                moveFocus(&state, to: write)
            }
        case .export:
            return
        }
    }

    /// The overwrite offer withdrawn (a later write failed for another
    /// reason), the focus kept on the line it was on.
    func dropEditedOnDisk(_ state: inout WizardState) {
        guard state.editedOnDisk != nil else { return }
        let focused = focusedItem(state)
        state.editedOnDisk = nil
        let items = items(state)
        state.focus = focused.flatMap { items.firstIndex(of: $0) } ?? items.firstIndex(of: .writeFiles) ?? 0
    }

    func goBack(_ state: inout WizardState) {
        if state.recordEdit != nil {
            cancelRecordForm(&state)
            return
        }
        if let walk = state.walk {
            if case .section(let id) = state.step, let earlier = walkPage(before: id, state) {
                go(&state, to: .section(earlier))
            } else if state.step.isSection && walk.asksProfile {
                go(&state, to: .profile)
            } else {
                endWalk(&state)
            }
            return
        }
        if state.returnToReview {
            backToReview(&state)
            return
        }
        switch state.step {
        case .resumeDraft, .profile:
            return
        case .plan:
            go(&state, to: .profile)
        case .section(let id):
            let earlier = catalog.sections.prefix { $0.id != id }.last { state.answers.isIncluded($0) }
            go(&state, to: earlier.map { .section($0.id) } ?? .plan)
        case .review:
            go(&state, to: includedSections(state.answers).last.map { .section($0.id) } ?? .plan)
        case .export:
            backToReview(&state)
        }
    }

    /// Back on the review with the focus on the row of the page just left,
    /// whether it was left with Esc or by going on.
    func backToReview(_ state: inout WizardState) {
        let from = state.step
        go(&state, to: .review)
        if let row = items(state).firstIndex(where: { reviewRow(for: from) == $0 }) { moveFocus(&state, to: row) }
    }

    func reviewRow(for step: WizardStep) -> WizardItem? {
        switch step {
        case .profile: .profileRow
        case .plan: .planRow
        case .section(let id): .sectionRow(id)
        case .export: .toExport
        default: nil
        }
    }

    // MARK: - Answers

    public func question(_ field: FieldID) -> (Section, Question)? {
        guard case let .question(sectionID, questionID) = field,
              let section = catalog.section(sectionID), let question = section.question(questionID) else { return nil }
        return (section, question)
    }

    /// The question a field asks: a section's, the profile's or the company's.
    public func question(for field: FieldID) -> Question? {
        switch field {
        case .companyName: CompanyField.name.question
        case .companyDomain: CompanyField.domain.question
        case .securityContact: CompanyField.securityContact.question
        case .profile(let profileField): profileField.question
        case .output(let outputField): outputField.question
        case let .question(section, question): catalog.question(question, in: section)
        case let .recordField(section, question, id):
            catalog.question(question, in: section)?.record?.field(id).map(Self.textQuestion)
        case .note(_, let questionID):
            Question(id: questionID, kind: .text, label: "Note (never published)",
                     help: "For whoever edits the answers next: evidence, a reason, a reminder. Kept in the answers file, never on the page.",
                     required: false, choices: [], format: nil, when: nil)
        }
    }

    /// A record's field asked as a one-line text question: its label, whether
    /// it is required, its format. Its check is the record kind's (`problem`).
    static func textQuestion(_ field: RecordField) -> Question {
        Question(id: field.id, kind: .text, label: field.label, help: nil, required: field.required,
                 choices: [], format: field.format, when: nil)
    }

    public func isMultiline(_ field: FieldID) -> Bool { question(for: field)?.field.isMultiline ?? false }

    /// The answer a field holds.
    public func value(of field: FieldID, in answers: Answers) -> AnswerValue? {
        switch field {
        case .companyName: CompanyField.name.value(in: answers.company).map(AnswerValue.text)
        case .companyDomain: CompanyField.domain.value(in: answers.company).map(AnswerValue.text)
        case .securityContact: CompanyField.securityContact.value(in: answers.company).map(AnswerValue.text)
        case .profile(let profileField): profileField.value(in: answers.profile)
        case .output(let outputField): outputField.value(in: answers.outputs)
        case .question(let sectionID, let questionID): answers.sections[sectionID]?.answers[questionID]
        case .recordField: nil  // in the edit form until saved: `text(of:in:)`
        case .note(let sectionID, let questionID): answers.sections[sectionID]?.notes[questionID].map(AnswerValue.text)
        }
    }

    /// Stores a field's answer (nil: unanswered).
    func setValue(_ state: inout WizardState, _ field: FieldID, _ value: AnswerValue?) {
        var text: String?
        if case .text(let typed)? = value { text = typed }
        switch field {
        case .companyName: CompanyField.name.set(text, in: &state.answers.company)
        case .companyDomain: CompanyField.domain.set(text, in: &state.answers.company)
        case .securityContact: CompanyField.securityContact.set(text, in: &state.answers.company)
        case .profile(let profileField): profileField.set(value, in: &state.answers.profile)
        case .output(let outputField): outputField.set(value, in: &state.answers.outputs)
        case .question(let sectionID, let questionID):
            var entry = state.answers.sections[sectionID] ?? SectionAnswers()
            entry.answers[questionID] = value
            if value != nil { entry.open.remove(questionID) }
            state.answers.sections[sectionID] = entry
        case .recordField(_, _, let id):
            state.recordEdit?.values[id] = text
        case .note(let sectionID, let questionID):
            // Emptying a note that was never there leaves no empty entry behind.
            if text == nil && state.answers.sections[sectionID] == nil { return }
            state.answers.sections[sectionID, default: SectionAnswers()].notes[questionID] = text
        }
    }

    /// Space on choice `index` of `field`: picks it, or un-picks it, as its kind says.
    func select(_ state: inout WizardState, _ field: FieldID, _ index: Int) {
        guard let question = question(for: field), !question.field.isTyped else { return }
        let old = value(of: field, in: state.answers)
        let new = question.field.picking(index, in: old, of: question)
        if let (section, _) = self.question(field),
           let why = Contradictions.refusal(answering: new, was: old, of: question, in: section, state.answers) {
            state.message = WizardMessage(.error, "Not picked: \(why)")
            return
        }
        setValue(&state, field, new)
    }

    /// The text shown in a field: what was typed (even if not valid yet), else the answer.
    public func text(of field: FieldID, in state: WizardState) -> String {
        if let typed = state.invalidText[field] { return typed }
        if case .recordField(_, _, let id) = field { return state.recordEdit?.values[id] ?? "" }
        if case .text(let text)? = value(of: field, in: state.answers) { return text }
        return ""
    }

    /// What is wrong with the text in `field`, or `nil` when it is empty or fine.
    /// Only spaces is no answer, not a wrong one, as the answers file has it.
    public func problem(of field: FieldID, in state: WizardState) -> String? {
        let text = text(of: field, in: state)
        return AnswerValue.text(text).isBlank ? nil : problem(field, text) ?? lateProblem(field, text, state)
    }

    /// A quarter already over, for an audit still under way: the page would
    /// promise a report that is late (`check` fails on it). Typed, it is not
    /// taken; loaded from the file, it is marked where it is shown.
    public func lateProblem(_ field: FieldID, _ text: String, _ state: WizardState) -> String? {
        guard question(for: field)?.format == .quarter, let today = state.today.flatMap(ReviewDate.init),
              let quarter = Quarter.over(text, on: today) else { return nil }
        return "\(quarter) is over (it ended on \(quarter.lastDay)): give the quarter you now expect"
    }

    func problem(_ field: FieldID, _ text: String) -> String? {
        guard let question = question(for: field) else { return nil }
        if case .output(let outputField) = field, let problem = outputField.problem(with: text) { return problem }
        if case let .recordField(section, records, id) = field {
            return self.question(.question(section: section, question: records))?.1.record?.problem(with: text, in: id, labelled: false)
        }
        return question.field.problem(with: text, of: question)
    }

    /// The caret one line up (`lines` -1) or down (+1) in `text`, at the same
    /// column or the end of a shorter line; nil from the first or last line.
    static func caret(in text: [Character], from caret: Int, lines: Int) -> Int? {
        let lineStart = text[..<caret].lastIndex(of: "\n").map { $0 + 1 } ?? 0
        let column = caret - lineStart
        if lines < 0 {
            guard lineStart > 0 else { return nil }
            let previousStart = text[..<(lineStart - 1)].lastIndex(of: "\n").map { $0 + 1 } ?? 0
            return min(previousStart + column, lineStart - 1)
        }
        guard let lineEnd = text[caret...].firstIndex(of: "\n") else { return nil }
        let nextStart = lineEnd + 1
        let nextEnd = text[nextStart...].firstIndex(of: "\n") ?? text.count
        return min(nextStart + column, nextEnd)
    }

    func editText(_ state: inout WizardState, _ edit: (inout [Character], inout Int) -> Void) {
        guard let field = focusedTextField(state) else { return }
        var chars = Array(text(of: field, in: state))
        var caret = min(max(state.caret, 0), chars.count)
        edit(&chars, &caret)
        state.caret = caret
        storeTyped(&state, field, String(chars))
    }

    /// A whole answer given at once: a choice as it is, text as typing it in
    /// full would leave it (control characters dropped, checked, nothing
    /// stored while its check fails).
    func answer(_ state: inout WizardState, _ field: FieldID, _ value: AnswerValue?) {
        guard let question = question(for: field) else { return }
        guard case .text(let typed)? = value else {
            state.invalidText[field] = nil
            setValue(&state, field, value)
            return
        }
        let text = TerminalSafe.sanitize(typed, allowNewlines: question.field.isMultiline)
        storeTyped(&state, field, text)
        if focusedTextField(state) == field { state.caret = text.count }
    }

    /// The text now in a field: its answer when it passes the field's check,
    /// else kept aside (shown, not stored) until it does.
    func storeTyped(_ state: inout WizardState, _ field: FieldID, _ text: String) {
        if AnswerValue.text(text).isBlank || problem(field, text) == nil && lateProblem(field, text, state) == nil {
            state.invalidText[field] = nil
            store(&state, field, text.isEmpty ? nil : text)
        } else {
            state.invalidText[field] = text
            store(&state, field, nil)
        }
    }

    /// Stores typed text as the field's answer. Text of only spaces and line
    /// breaks says nothing: it is no answer (the page would print "  follows").
    func store(_ state: inout WizardState, _ field: FieldID, _ text: String?) {
        let meaningful = text.flatMap { $0.isBlankText ? nil : $0 }
        setValue(&state, field, meaningful.map(AnswerValue.text))
    }
}

/// A step's focusable items: the items before a list of sections, a row per
/// section (`WizardItem.sectionRow`), the items after it. Most steps have no
/// list of sections, only `head`.
public struct WizardItems: RandomAccessCollection, Sendable {
    let head: [WizardItem]
    let sections: [Section]
    let tail: [WizardItem]

    init(_ head: [WizardItem], sections: [Section] = [], _ tail: [WizardItem] = []) {
        self.head = head
        self.sections = sections
        self.tail = tail
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { head.count + sections.count + tail.count }

    public subscript(index: Int) -> WizardItem {
        if index < head.count { return head[index] }
        let inList = index - head.count
        if inList < sections.count { return .sectionRow(sections[inList].id) }
        return tail[inList - sections.count]
    }
}

/// The preview's line count, kept for the answers, step and width it was
/// counted at (a memo: the reducer stays a function of its state).
final class PreviewLineCount: @unchecked Sendable {
    private let lock = NSLock()
    private var last: (answers: Answers, step: WizardStep, width: Int, count: Int)?

    func count(_ answers: Answers, _ step: WizardStep, _ width: Int, counting: () -> Int) -> Int {
        lock.lock()
        defer { lock.unlock() }
        if let last, last.width == width, last.step == step, last.answers == answers { return last.count }
        let count = counting()
        last = (answers, step, width, count)
        return count
    }
}

/// A section page's items, kept for the section, profile, answers and open
/// note they were made from (outside the walk of new questions, which reads
/// more of the state): a memo, like `PreviewLineCount`.
final class SectionItemsMemo: @unchecked Sendable {
    private let lock = NSLock()
    private var last: (id: String, profile: Profile, given: SectionAnswers?, openNote: FieldID?, items: WizardItems)?

    func items(_ id: String, _ profile: Profile, _ given: SectionAnswers?, _ openNote: FieldID?, make: () -> WizardItems) -> WizardItems {
        lock.lock()
        defer { lock.unlock() }
        if let last, last.id == id, last.openNote == openNote, last.given == given, last.profile == profile { return last.items }
        let items = make()
        last = (id, profile, given, openNote, items)
        return items
    }
}
