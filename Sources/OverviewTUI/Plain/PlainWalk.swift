import OverviewCore

/// The walk as a conversation, one line at a time: for screen readers,
/// terminals that cannot move the cursor, and scripts.
///
/// It is the full-screen wizard without the screen. Every change goes through
/// the same reducer (`Wizard.reduce`), and its effects (draft autosave, save,
/// export) run in the same `WizardApp`, so the walk's rules, its checks, the
/// draft and the answers file are the wizard's own. What is written here is
/// only the conversation: which question to ask next, how it reads as lines,
/// and how a typed line becomes an action. How each kind of question lists its
/// options and reads a typed answer is the kind's plain form (`FieldKind`).
public final class PlainWalk {
    public enum Outcome: Equatable, Sendable {
        /// The walk ended: the files were written, or the user quit.
        case finished
        /// The input ended first; what was answered is kept (see `run`).
        case endOfInput
    }

    /// Runs the reducer and its effects, as the full screen does.
    let app: WizardApp
    let io: PlainIO
    let screens: Screens
    var wizard: Wizard { app.wizard }
    public var state: WizardState { app.state }
    /// The step whose heading was written last: a new one gets its heading.
    var shown: WizardStep?

    public init(wizard: Wizard, state: WizardState, io: PlainIO, answersFileBase: Draft.Base? = nil) {
        app = WizardApp(wizard: wizard, state: state, answersFileBase: answersFileBase)
        self.io = io
        screens = Screens(wizard: wizard)
    }

    /// What a turn of the conversation led to.
    enum Turn { case next, quit, endOfInput }

    /// Asks until the walk ends. At the end of the input, what was answered
    /// stays in the draft (or, when the draft cannot be written, a copy), and
    /// what is still open is said.
    public func run(notice: String? = nil) -> Outcome {
        if let notice { say(notice) }
        say("Security Overview, line by line. Type help at any prompt for the commands.")
        while true {
            var turn = Turn.next
            if state.step != shown {
                shown = state.step
                turn = heading()
            }
            if turn == .next {
                switch state.step {
                case .resumeDraft: turn = askResume()
                case .profile, .section: turn = askField()
                case .plan: turn = askPlan()
                case .review: turn = askReview()
                case .export: turn = askExport()
                }
            }
            switch turn {
            case .next: continue
            case .quit: return .finished
            case .endOfInput:
                endOfInput()
                return .endOfInput
            }
        }
    }

    // MARK: - Talking

    /// Writes text, a line per line break in it, with nothing a terminal
    /// would act on (a section file or an answer could hold an escape).
    func say(_ text: String) {
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            io.say(TerminalSafe.oneLine(String(line)))
        }
    }

    /// What a line typed at a prompt asks for.
    enum Reply: Equatable {
        case line(String)
        case back, skip, review, quit, endOfInput
    }

    static let commands = "Commands at any prompt: back (the question before), skip or - (leave it without an answer), "
        + "review (where every section stands), save (write the answers file now), quit, help."

    /// Reads a line at `prompt`. `help` and `save` are done here and the prompt
    /// comes again; so does `quit` when the user cancels it.
    func read(_ prompt: String, help: [String]) -> Reply {
        while true {
            guard let line = io.ask(TerminalSafe.oneLine(prompt)) else { return .endOfInput }
            switch line.trimmingBlanks().lowercased() {
            case "back": return .back
            case "skip", "-": return .skip
            case "review": return .review
            case "help":
                for text in help { say(text) }
                say(Self.commands)
            case "save":
                dispatch(.saveRequested)
            case "quit":
                switch quit() {
                case .quit: return .quit
                case .endOfInput: return .endOfInput
                case .next: continue
                }
            default:
                return .line(line)
            }
        }
    }

    /// `read` for the export step's own prompts (write now, review or
    /// correction, overwrite): back, skip and review all leave the step for
    /// the review, so each of them, with quit and the end of input, ends the
    /// step with a turn; only a typed line is the prompt's to handle.
    func readInExport(_ prompt: String, help: [String]) -> (line: String?, turn: Turn?) {
        switch read(prompt, help: help) {
        case .endOfInput: return (nil, .endOfInput)
        case .quit: return (nil, .quit)
        case .review, .back, .skip:
            dispatch(.wentBack)
            return (nil, .next)
        case .line(let line): return (line, nil)
        }
    }

    /// Sends actions through the reducer and runs their effects as the full
    /// screen does (the draft written once, after them all); says the message
    /// they left. True when the walk should end.
    @discardableResult
    func dispatch(_ actions: [WizardAction]) -> Bool {
        var draft = WizardApp.DraftWork.none
        var quit = false
        for action in actions where !quit { quit = app.send(action, draft: &draft) }
        app.finish(draft)
        if let message = state.message { say(message.text) }
        return quit
    }

    @discardableResult
    func dispatch(_ actions: WizardAction...) -> Bool { dispatch(actions) }

    /// A list to pick one from by number, as a single-choice question: the
    /// plain form of that kind lists and reads it.
    static func menu(_ labels: [String]) -> Question {
        .menu(.single, labels.enumerated().map { (id: String($0.offset + 1), label: $0.element) })
    }

    /// The index a line picks from `menu`, or nil (and why, said).
    func picked(_ line: String, in menu: Question) -> Int? {
        switch menu.plainAnswer(line) {
        case .answer(.choice(let id)): return Int(id).map { $0 - 1 }
        case .answer: return nil
        case .rejected(let why):
            say(why)
            return nil
        }
    }

    // MARK: - Headings

    /// A step's heading and what it says before its first question.
    func heading() -> Turn {
        let (title, step) = screens.titles(state)
        say("")
        say(step.isEmpty ? title : "\(step): \(title)")
        switch state.step {
        case .profile:
            say("Answer a few questions; this tool writes your public Security Overview page.")
        case .plan:
            say("Recommended sections start included.")
        case .section(let id):
            guard let section = wizard.catalog.section(id) else { return .next }
            say("Recommended for: " + section.guidance.who)
            say(Self.sentence(section.rule.evaluate(state.answers.profile).reason))
            say(section.guidance.why)
            if !section.guidance.how.isEmpty { say(section.guidance.how) }
            // The answers file's note, as the full screen shows it: never on the page.
            if let note = state.answers.sections[id]?.note { say("Note (never published): " + note) }
            if !state.answers.isIncluded(section) { return askInclude() }
        default:
            break
        }
        return .next
    }

    static func sentence(_ text: String) -> String {
        text.prefix(1).uppercased() + text.dropFirst() + (text.hasSuffix(".") ? "" : ".")
    }

    // MARK: - Questions

    /// The focused question of the profile or a section page; on the page's
    /// last item, on to the next step.
    func askField() -> Turn {
        guard let item = wizard.focusedItem(state), let field = Wizard.field(of: item),
              let question = wizard.question(for: field) else {
            dispatch(.itemFocused(.next), .confirmed)
            return .next
        }
        let first = wizard.rows(field, state.answers).first ?? item
        let value = wizard.value(of: field, in: state.answers)
        say("")
        say(question.label + (question.required ? " (required)" : ""))
        if let help = question.help { say(help) }
        if let section = wizard.question(field)?.0,
           let address = SecurityTxt.pageLinkAddress(of: question, in: section, state.answers) {
            say("The link goes to " + address)
        }
        if case .question(let sectionID, let questionID) = field, let note = state.answers.sections[sectionID]?.notes[questionID] {
            say("Note (never published): " + note)
        }
        for line in question.plainOptions(value) { say("  " + line) }
        let help = [question.help].compactMap { $0 }
            + ["Enter keeps the answer shown; - leaves the question without an answer."]
        while true {
            switch read(question.plainPrompt(value), help: help) {
            case .endOfInput: return .endOfInput
            case .quit: return .quit
            case .review:
                dispatch(.reviewOpened)
                return .next
            case .back:
                return back(from: first)
            case .skip:
                goOn(from: field, first, .fieldAnswered(field, nil))
                return .next
            case .line(let line):
                if line.trimmingBlanks().isEmpty {
                    goOn(from: field, first)
                    return .next
                }
                var typed = line
                var ended = false
                if question.isMultiline || question.input == .records {
                    // More lines, up to one holding only a dot (or the end of the input).
                    typed = line == "." ? "" : line
                    while line != "." {
                        guard let more = io.ask("") else { ended = true; break }
                        if more == "." { break }
                        typed += "\n" + more
                    }
                    if typed.isEmpty {
                        goOn(from: field, first, .fieldAnswered(field, nil))
                        return ended ? .endOfInput : .next
                    }
                }
                switch question.plainAnswer(typed) {
                case .rejected(let why):
                    say(why)
                    if ended { return .endOfInput }
                case .answer(let answer):
                    if case .text(let text) = answer, let why = wizard.lateProblem(field, text, state) {
                        say(Self.sentence(why))
                        if ended { return .endOfInput }
                        continue
                    }
                    if let section = wizard.question(field)?.0,
                       let why = Contradictions.refusal(answering: answer, was: value, of: question, in: section, state.answers) {
                        say(Self.sentence(why))
                        if ended { return .endOfInput }
                        continue
                    }
                    goOn(from: field, first, .fieldAnswered(field, answer))
                    return ended ? .endOfInput : .next
                }
            }
        }
    }

    /// After `actions` (the answer), on past `field` as Enter on its first row
    /// goes on; a records question's rows open a record's form on Enter, so
    /// the focus goes straight past them.
    func goOn(from field: FieldID, _ first: WizardItem, _ actions: WizardAction...) {
        guard wizard.question(for: field)?.input == .records else {
            dispatch(actions + [.itemFocused(first), .confirmed])
            return
        }
        if !actions.isEmpty { dispatch(actions) }
        dispatch(.itemFocused(item(after: field)))
    }

    /// The item after `field`'s rows (the page's button after its last field).
    func item(after field: FieldID) -> WizardItem {
        let items = wizard.items(state)
        guard let last = items.lastIndex(where: { Wizard.field(of: $0) == field }), last + 1 < items.count else {
            return items.last ?? .next
        }
        return items[last + 1]
    }

    /// `back` at a question: the question before it on the page, or the step before.
    func back(from first: WizardItem) -> Turn {
        let items = wizard.items(state)
        if let index = items.firstIndex(of: first), index > 0,
           let previous = Wizard.field(of: items[index - 1]), let row = wizard.rows(previous, state.answers).first {
            dispatch(.itemFocused(row))
            return .next
        }
        return backAStep()
    }

    /// The step before, as Esc goes there; on a page of questions, at its last one.
    func backAStep() -> Turn {
        let before = state.step
        dispatch(.wentBack)
        if state.step == before {
            say("This is the first question.")
            shown = nil
            return .next
        }
        switch state.step {
        case .profile, .section:
            if let last = wizard.items(state).dropLast().last, let field = Wizard.field(of: last),
               let row = wizard.rows(field, state.answers).first {
                dispatch(.itemFocused(row))
            }
        default:
            break
        }
        return .next
    }

    /// A skipped section opened from the review: include it, or go back.
    func askInclude() -> Turn {
        let question = Question.menu(.yesno)
        say("Skipped: this section is not on your page. Include it?")
        while true {
            switch read(question.plainPrompt(.bool(false)), help: ["y puts the section on your page; n leaves it off."]) {
            case .endOfInput: return .endOfInput
            case .quit: return .quit
            case .review, .back:
                dispatch(.wentBack)
                return .next
            case .skip:
                dispatch(.itemFocused(.next), .confirmed)
                return .next
            case .line(let line):
                if line.trimmingBlanks().isEmpty {
                    dispatch(.itemFocused(.next), .confirmed)
                    return .next
                }
                switch question.plainAnswer(line) {
                case .rejected(let why): say(why)
                case .answer(let answer):
                    if answer == .bool(true) {
                        dispatch(.sectionIncludeToggled)
                    } else {
                        dispatch(.itemFocused(.next), .confirmed)
                    }
                    return .next
                }
            }
        }
    }

    // MARK: - The plan

    /// Every section, marked included or not, with the reason it is
    /// recommended or optional; the numbers typed are the sections to include.
    func askPlan() -> Turn {
        let sections = wizard.catalog.sections
        let profile = state.answers.profile
        let plan = Question.menu(.multiple, sections.map { (id: $0.id, label: $0.title + " — " + $0.rule.evaluate(profile).reason) })
        let included = wizard.includedSections(state.answers)
        for line in plan.plainOptions(.choices(included.map(\.id))) { say("  " + line) }
        let prompt = "Numbers of the sections to include, separated by commas [Enter: keep the \(included.count) marked [x]]: "
        let help = ["The sections marked [x] are on your page. Type the numbers of every section you want, such as 1,3,7; "
            + "Enter keeps the marks as they are."]
        while true {
            switch read(prompt, help: help) {
            case .endOfInput: return .endOfInput
            case .quit: return .quit
            case .review:
                dispatch(.reviewOpened)
                return .next
            case .back:
                return backAStep()
            case .skip:
                dispatch(.itemFocused(.next), .confirmed)
                return .next
            case .line(let line):
                if line.trimmingBlanks().isEmpty {
                    dispatch(.itemFocused(.next), .confirmed)
                    return .next
                }
                switch plan.plainAnswer(line) {
                case .rejected(let why):
                    say(why)
                case .answer(let answer):
                    let wanted: [String]
                    if case .choices(let ids) = answer { wanted = ids } else { wanted = [] }
                    var actions: [WizardAction] = []
                    for section in sections where wanted.contains(section.id) != state.answers.isIncluded(section) {
                        actions += [.itemFocused(.sectionRow(section.id)), .toggled]
                    }
                    dispatch(actions + [.itemFocused(.next), .confirmed])
                    return .next
                }
            }
        }
    }

    // MARK: - The review

    /// Where every part stands; a number opens it again.
    func askReview() -> Turn {
        let answers = state.answers
        let company = [answers.company.name, answers.company.domain, answers.company.securityContact].compactMap { $0 }
        say(company.isEmpty ? "No company details yet." : company.joined(separator: " · "))
        let sections = wizard.catalog.sections
        let missing = Self.missingProfile(answers).count
        var rows: [(item: WizardItem, label: String)] = [
            (.profileRow, "Company and profile: " + (missing == 0 ? "complete" : "\(missing) unanswered")),
            (.planRow, "Plan: \(wizard.includedSections(answers).count) of \(sections.count) sections included"),
        ]
        for section in sections {
            var status: String
            switch screens.sectionState(section, answers) {
            case .included: status = "complete"
            case .skipped: status = "skipped"
            case .incomplete(let count):
                status = "incomplete, \(count) required question\(count == 1 ? "" : "s") without an answer"
            }
            if state.newSections.contains(section.id) { status += ", new" }
            rows.append((.sectionRow(section.id), section.title + ": " + status))
        }
        let new = wizard.newQuestionFields(state).count
        if new > 0 { rows.append((.newQuestionsRow, "Answer the \(new) new question\(new == 1 ? "" : "s") only")) }
        let menu = Self.menu(rows.map(\.label))
        for line in menu.plainOptions(nil) { say("  " + line) }
        let prompt = "A number from 1 to \(rows.count) to open it again [Enter: go on to export]: "
        while true {
            switch read(prompt, help: ["Open any part again by its number; Enter goes on to writing the files."]) {
            case .endOfInput: return .endOfInput
            case .quit: return .quit
            case .review:
                shown = nil
                return .next
            case .back:
                return backAStep()
            case .skip:
                dispatch(.itemFocused(.toExport), .confirmed)
                return .next
            case .line(let line):
                if line.trimmingBlanks().isEmpty {
                    dispatch(.itemFocused(.toExport), .confirmed)
                    return .next
                }
                if let index = picked(line, in: menu) {
                    dispatch(.itemFocused(rows[index].item), .confirmed)
                    return .next
                }
            }
        }
    }

    /// The company details and profile questions without an answer, by label.
    static func missingProfile(_ answers: Answers) -> [String] {
        CompanyField.allCases.filter { $0.question.required && $0.value(in: answers.company) == nil }.map(\.question.label)
            + ProfileField.allCases.filter { $0.value(in: answers.profile) == nil }.map(\.question.label)
    }

    // MARK: - Export

    /// The export step: its questions (where the page is published, in which
    /// form, where security.txt goes), each as a field is asked, then the
    /// files it writes and whether to write them now.
    func askExport() -> Turn {
        if let item = wizard.focusedItem(state), Wizard.field(of: item) != nil { return askField() }
        let targets = state.paths.targets(state.answers)
        var files = [("Answers file", state.paths.answers), ("Page", targets.page)]
        if let txt = targets.securityTxt { files.append(("security.txt", txt)) }
        say("Ready to write your files:")
        for (label, path) in files { say("  \(label): \(path)") }
        let incomplete = wizard.includedSections(state.answers).filter { !Completeness.missingRequired($0, state.answers).isEmpty }
        if !incomplete.isEmpty {
            say("\(incomplete.count) included section\(incomplete.count == 1 ? " has" : "s have") required questions without an answer: "
                + incomplete.map(\.title).joined(separator: ", ") + ".")
            say("You can write the files now and finish later; `security-overview check` lists what is missing.")
        }
        say("Only what you affirmed is claimed.")
        if let turn = askReviewChoice() { return turn }
        let question = Question.menu(.yesno)
        while true {
            let (typed, turn) = readInExport("Write the files now? y or n (n: back to the review) [Enter: y]: ",
                                             help: ["y writes the answers file and the page; n goes back to the review."])
            guard let line = typed else { return turn ?? .next }
            let trimmed = line.trimmingBlanks()
            switch trimmed.isEmpty ? .answer(.bool(true)) : question.plainAnswer(trimmed) {
            case .rejected(let why):
                say(why)
            case .answer(let value):
                guard value == .bool(true) else {
                    dispatch(.wentBack)
                    return .next
                }
                if dispatch(.itemFocused(.writeFiles), .confirmed) { return .quit }
                if state.editedOnDisk != nil, let turn = askOverwrite() { return turn }
                if let written = state.exported, !state.hasUnsavedChanges {
                    say("Done. Commit \(written.map { FileStore.display($0) }.listedInSentence) to your repository. To publish:")
                    for step in Publishing.steps(state.answers, targets: targets) { say("- " + step) }
                    say(Publishing.keepOutOfGit(answers: state.paths.answers))
                    return dispatch(.itemFocused(.quit), .confirmed) ? .quit : .next
                }
            }
        }
    }

    /// After a write refused over a page edited by hand: what differs, then
    /// whether to overwrite it (no default: the hand edits would be lost). Nil
    /// when answered; else the turn the export step ends with.
    func askOverwrite() -> Turn? {
        guard let edited = state.editedOnDisk else { return nil }
        say("What differs (on disk, then from your answers):")
        for line in edited.diff.split(separator: "\n", omittingEmptySubsequences: false) where !line.isEmpty {
            say("  " + TerminalSafe.oneLine(String(line)))
        }
        while true {
            let (typed, turn) = edited.notGenerated.isEmpty
                ? readInExport("Overwrite the edited file? The hand edits are lost. y or n: ",
                               help: ["y writes the files over the hand edits; n writes nothing, so you can move the edit into the answers first."])
                : readInExport("Replace the existing file? What it holds now is lost. y or n: ",
                               help: ["y writes the files in place of what is there; n writes nothing, so you can move the file away first."])
            guard let line = typed else { return turn }
            switch Question.menu(.yesno).plainAnswer(line.trimmingBlanks()) {
            case .answer(.bool(true)):
                return dispatch(.itemFocused(.overwriteEdited), .confirmed) ? .quit : nil
            case .answer:
                say("Nothing written.")
                return nil
            case .rejected(let why):
                say(why)
            }
        }
    }

    /// For answers reviewed before: is this write a review of every answer
    /// (the date moves to today) or a correction (it stays)? No default: a
    /// review is a deliberate act. Nil once answered (or not asked); else
    /// the turn the export step ends with (back, quit, end of input).
    func askReviewChoice() -> Turn? {
        guard state.asksReviewChoice, state.reviewChoice == nil, let reviewed = state.answers.reviewed else {
            if state.answers.reviewed == nil { say("Reviewed: not yet; writing sets it to today.") }
            return nil
        }
        say("Last reviewed \(reviewed). This write is:")
        let choices = ReviewChoice.allCases
        let menu = Self.menu(choices.map { screens.reviewChoiceLabel($0, state, reviewed: reviewed) })
        for line in menu.plainOptions(nil) { say("  " + line) }
        while true {
            let (typed, turn) = readInExport("1 or 2: ",
                help: ["1 if you looked at every answer and it is current; 2 for a fix that leaves the yearly review date as it is."])
            guard let line = typed else { return turn }
            let trimmed = line.trimmingBlanks()
            if trimmed.isEmpty { say("Say 1 or 2: the review date moves only when you say every answer is current."); continue }
            if let index = picked(trimmed, in: menu) {
                dispatch(.itemFocused(.reviewChoice(choices[index])), .toggled)
                // A correction that security.txt's expiry forbids is refused, with why: ask again.
                if state.reviewChoice != nil { return nil }
            }
        }
    }

    // MARK: - A draft from before

    func askResume() -> Turn {
        // The screen's words; its first two lines (the heading, the path) are one line here.
        say("A draft from an earlier session was found: \(state.paths.draft)")
        for (line, _) in screens.resumeText(state).dropFirst(2) where !line.isEmpty { say(line) }
        while true {
            let choices = screens.resumeChoices(state)
            let menu = Self.menu(choices.map(\.label))
            for line in menu.plainOptions(nil) { say("  " + line) }
            let help = state.draftFileChanged
                ? ["1 keeps the answers file as it is now and discards the draft; the draft's answers would undo what changed in the file."]
                : ["Resume goes on with the draft's answers."]
            switch read("A number from 1 to \(choices.count) [Enter: 1]: ", help: help) {
            case .endOfInput: return .endOfInput
            case .quit: return .quit
            case .back, .skip, .review:
                say(state.draftFileChanged ? "Keep the file or resume the draft first." : "Resume or discard the draft first.")
            case .line(let line):
                let trimmed = line.trimmingBlanks()
                if let index = trimmed.isEmpty ? 0 : picked(trimmed, in: menu) {
                    dispatch(.itemFocused(choices[index].item), .confirmed)
                    guard choices[index].item == .draftDifferences else { return .next }
                    // What differs, then the question again.
                    let differences = Draft.differences(file: state.saved, draft: state.pendingDraft ?? Answers(), catalog: wizard.catalog)
                    say("Resuming the draft instead of the file:")
                    for line in differences { say("  " + line) }
                    if state.showDraftDifferences { dispatch(.itemFocused(.draftDifferences), .confirmed) }
                }
            }
        }
    }

    // MARK: - Quitting

    /// `quit`: at once when nothing is unsaved; else the wizard's question.
    func quit() -> Turn {
        if dispatch(.quitRequested) { return .quit }
        guard state.overlay == .quitConfirm else { return .next }
        say("Your answers are not saved to \(state.paths.answers).")
        let offered = QuitChoice.offered(state)
        let menu = Self.menu(offered.map { $0.label(state) })
        for line in menu.plainOptions(nil) { say("  " + line) }
        while true {
            guard let line = io.ask("A number from 1 to \(offered.count) [Enter: 1]: ") else { return .endOfInput }
            let trimmed = line.trimmingBlanks()
            guard let index = trimmed.isEmpty ? 0 : picked(trimmed, in: menu) else { continue }
            if choose(offered[index]) { return .quit }
            // Cancelled, or the save failed (its message said why): back to the question.
            if state.overlay == nil { return .next }
        }
    }

    /// Picks `choice` in the open quit question, as the arrow keys and Enter do.
    func choose(_ choice: QuitChoice) -> Bool {
        let offered = QuitChoice.offered(state)
        let current = offered.firstIndex(of: state.quitChoice) ?? 0
        let target = offered.firstIndex(of: choice) ?? current
        return dispatch(.focusMoved(by: target - current), .confirmed)
    }

    // MARK: - The end of the input

    /// Keeps what was answered, as quitting without saving does (a copy in the
    /// temporary folder when the draft cannot be written), and says what is open.
    func endOfInput() {
        say("")
        say("End of input.")
        if state.overlay == nil { dispatch(.quitRequested) }
        if state.overlay == .quitConfirm {
            _ = choose(state.draftProblem == nil ? .quitKeepingDraft : .saveCopyAndQuit)
        }
        if let copy = state.savedCopy {
            say("Not saved to \(state.paths.answers); your answers are in \(copy).")
        } else if state.pendingDraft != nil {
            say("Your draft in \(state.paths.draft) is kept and offered next time.")
        } else if let problem = state.draftProblem, state.hasUnsavedChanges {
            say("Not saved: the draft \(state.paths.draft) could not be written (\(problem)).")
        } else if state.hasUnsavedChanges {
            say("Your answers are kept in \(state.paths.draft); the next start offers to resume them.")
        }
        let open = stillOpen()
        if !open.isEmpty {
            say("Still open:")
            for line in open { say("  " + line) }
        }
    }

    /// What is left to do: unanswered profile questions, required questions of
    /// included sections, and the files when they are not written.
    func stillOpen() -> [String] {
        let answers = state.pendingDraft ?? state.answers
        var lines: [String] = []
        let profile = Self.missingProfile(answers)
        if !profile.isEmpty { lines.append("Company and profile: " + profile.joined(separator: "; ")) }
        for section in wizard.includedSections(answers) {
            let missing = Completeness.missingRequired(section, answers)
            if !missing.isEmpty { lines.append(section.title + ": " + missing.map(\.label).joined(separator: "; ")) }
        }
        if state.exported == nil { lines.append("The page is not written yet: run again to go on, then write the files.") }
        return lines
    }
}
