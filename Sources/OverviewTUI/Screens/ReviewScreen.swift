import OverviewCore

extension Screens {
    enum SectionState {
        case included, skipped, incomplete(Int)

        /// From `ReviewFacts.missing`: -1 skipped, 0 included, else incomplete.
        init(missing: Int) {
            self = missing < 0 ? .skipped : missing > 0 ? .incomplete(missing) : .included
        }
    }

    func sectionState(_ section: Section, _ answers: Answers) -> SectionState {
        SectionState(missing: ReviewFacts.missing(section, answers))
    }

    /// The review's rows: the company and profile, the plan, every section
    /// with its state and marks, and the button on to export.
    func reviewLines(_ state: WizardState, _ body: Rect) -> [FormLine] {
        let listWidth = WizardLayout.reviewListWidth(body)
        let company = state.answers.company

        let sections = wizard.catalog.sections
        // "changed" compares with the answers file the wizard started from; on a
        // first run there is none, and everything would read as changed.
        let compare = state.hadAnswersFile
        let invalid = invalidAnswers(state)
        // Each section's status and marks first: titles get what the marks leave.
        // Its facts as the start found them (or was given them by the answers
        // cache) while they hold: the answers are still the file's, so nothing
        // is left open or edited since. Else worked out, on every core for a
        // large catalog.
        func row(_ id: String, _ facts: ReviewFacts, asStarted: Bool) -> (state: SectionState, marks: String, invalid: Bool) {
            let sectionState = SectionState(missing: facts.missing)
            // What happened, in words, each mark apart: "1 new question, edited".
            var words: [String] = []
            let invalidHere = sectionState.isSkipped || invalid.isEmpty ? 0 : invalid.filter { $0.section == id }.count
            if invalidHere > 0 { words.append("\(invalidHere) not valid") }
            // Answers that contradict each other (from the file: the wizard makes none); `check` fails on them.
            if facts.contradicting { words.append("answers contradict") }
            if state.newSections.contains(id) { words.append("new section") }
            let unseen = facts.newQuestions
            if unseen > 0 { words.append("\(unseen) new question\(unseen == 1 ? "" : "s")") }
            if !asStarted {
                // Looked up once each: a thousand sections' rows spent a fifth of their time finding them.
                let now = state.answers.sections[id], before = state.original.sections[id]
                // Seen in "answer what is new" and passed: open, which check reports as unanswered, not new.
                let leftOpen = sectionState.isSkipped ? 0 : (now?.open ?? []).subtracting(before?.open ?? []).count
                if leftOpen > 0 { words.append("\(leftOpen) left open") }
                if compare && now != before { words.append("edited") }
            }
            return (sectionState, words.isEmpty ? "" : " " + words.separated(by: ", "), invalidHere > 0 || facts.contradicting)
        }
        let rows: [(state: SectionState, marks: String, invalid: Bool)]
        if let facts = wizard.startFacts(state) {
            rows = sections.indices.map { row(sections[$0].id, facts[$0], asStarted: true) }
        } else {
            rows = sections.mapOnEveryCore(whenAtLeast: Wizard.sectionsForEveryCore) { section in
                row(section.id, wizard.reviewFacts(section, state), asStarted: false)
            }
        }
        let profileChanged = compare && (state.answers.company != state.original.company || state.answers.profile != state.original.profile)
        let missingProfile = state.answers.profile.missingFields.count + [company.name, company.domain, company.securityContact].filter { $0 == nil }.count
        let invalidCompany = invalid.filter { $0.section == nil }.count
        var profileStatus = missingProfile > 0 ? "\(missingProfile) unanswered" : "complete"
        if invalidCompany > 0 { profileStatus += ", \(invalidCompany) not valid" }
        if profileChanged { profileStatus += ", edited" }
        // The rows say it already: skipped is not included.
        let included = rows.count { !$0.state.isSkipped }
        let planStatus = "\(included) of \(sections.count) sections included"
        // The focus mark and box (7), the gap (2), then the widest of the status
        // column with its marks and the two summary rows' statuses.
        let statusWidth = max(14 + (rows.map { TextWidth.of($0.marks) }.max() ?? 0),
                              TextWidth.of(profileStatus), TextWidth.of(planStatus))
        // By place: a map over the sections copied each one, and let it go.
        let titleWidths = sections.indices.map { TextWidth.of(sections[$0].title) }
        let titleWidth = min(max(20, listWidth - 2 - 7 - 2 - statusWidth), titleWidths.max() ?? 20)
        // The yearly clock: when a person last said every answer was current.
        // Its long form where it fits, else the date alone.
        let reviewed = [state.answers.reviewed.map { "Last reviewed \($0): the export asks whether this is a review or a correction." }
                            ?? "Not reviewed yet: the first export sets the review date.",
                        state.answers.reviewed.map { "Last reviewed \($0)." } ?? "Not reviewed yet."]
            .first { TextWidth.of($0) <= listWidth - 4 } ?? ""
        var lines: [FormLine] = [.text(reviewed, .muted, indent: 0, anchor: .profileRow)]
        lines.append(.item(.profileRow, marker: nil, pad("Company and profile", titleWidth + 4) + "  " + profileStatus,
                           missingProfile + invalidCompany > 0 ? Style(.warning) : .normal))
        lines.append(.item(.planRow, marker: nil, pad("Plan", titleWidth + 4) + "  " + planStatus, .normal))
        // Each row's text made in one string, the title's width measured
        // once: a thousand sections' rows were a fifth of a revise's start.
        for index in sections.indices {
            let row = rows[index]
            var text = ""
            text.reserveCapacity(titleWidth + 2 + 14 + row.marks.utf8.count + 4)
            if titleWidths[index] <= titleWidth {
                text += sections[index].title
                appendBlanks(&text, titleWidth - titleWidths[index])
            } else {
                text += pad(TextWidth.truncate(sections[index].title, to: titleWidth), titleWidth)
            }
            text += "  "
            let status: String, style: Style
            switch row.state {
            case .included: status = "included"; style = .normal
            case .skipped: status = "skipped"; style = .muted
            case .incomplete(let n): status = "incomplete (\(n))"; style = Style(.warning)
            }
            text += status
            appendBlanks(&text, 14 - status.utf8.count)
            text += row.marks
            lines.append(.item(.sectionRow(sections[index].id), marker: row.state.isSkipped ? "[ ]" : "[x]", text,
                               row.invalid ? Style(.warning) : style))
        }
        lines.append(.blank)
        let new = wizard.newQuestionCount(state)
        if new > 0 {
            lines.append(.item(.newQuestionsRow, marker: nil,
                               "Answer the \(new) new question\(new == 1 ? "" : "s") →", Style(.warning)))
        }
        lines.append(.item(.toExport, marker: nil, "Export: write the answers file and the page →", .heading))
        return lines
    }

    func drawReview(_ canvas: inout Canvas, _ state: WizardState, _ body: Rect, _ memory: inout ScreenMemory) {
        if state.showPagePreview {
            drawPagePreview(&canvas, state, body, &memory)
            return
        }
        let listWidth = WizardLayout.reviewListWidth(body)
        let company = state.answers.company
        let summary = [company.name, company.domain, company.securityContact].compactMap { $0 }.separated(by: " · ")
        canvas.put(TextWidth.truncate(summary.isEmpty ? "No company details yet." : summary, to: listWidth - 2), x: 1, y: body.y, .heading)
        let listArea = Rect(x: body.x, y: body.y + 1, width: listWidth, height: body.height - 1)
        // A row per section with its status and marks: made once for what they show, not on every key.
        let lines = memory.listLines(wizard, state, body) { (reviewLines(state, body), 0) }.lines
        drawForm(&canvas, state, lines, listArea, &memory)
        if let preview = WizardLayout.previewArea(state) {
            for y in body.y..<(body.y + body.height) { canvas.put("│", x: listWidth, y: y, .muted) }
            drawPagePreview(&canvas, state, preview, &memory)
        }
    }

    /// Text typed into fields that does not pass their check, so is not an
    /// answer: where it is, what it says. In page order.
    func invalidAnswers(_ state: WizardState) -> [(section: String?, label: String, text: String)] {
        var found: [(section: String?, label: String, text: String)] = []
        // Most frames have none: no walk over every question of the catalog.
        if state.invalidText.isEmpty { return found }
        for field in [FieldID.companyName, .companyDomain, .securityContact] {
            if let text = state.invalidText[field] { found.append((nil, wizard.question(for: field)?.label ?? "", text)) }
        }
        for section in wizard.catalog.sections {
            for question in section.questions {
                if let text = state.invalidText[.question(section: section.id, question: question.id)] {
                    found.append((section.id, "\(section.title): \(question.label)", text))
                }
            }
        }
        return found
    }
}

extension Screens.SectionState {
    var isSkipped: Bool {
        if case .skipped = self { return true }
        return false
    }
}
