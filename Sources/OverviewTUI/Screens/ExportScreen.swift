import OverviewCore

extension Screens {
    /// The export screen's buttons, each with the item it is.
    func exportButtons(_ state: WizardState) -> [(item: WizardItem, label: String)] {
        var buttons: [(item: WizardItem, label: String)] = [(.writeFiles, state.exported == nil ? "Write the files" : "Write the files again")]
        if let edited = state.editedOnDisk {
            buttons.append((.editDifferences, edited.showsDiff ? "Hide what differs" : "See what differs"))
            buttons.append((.overwriteEdited, edited.overwriteLabel))
        }
        buttons.append((.quit, "Quit"))
        return buttons
    }

    func drawExport(_ canvas: inout Canvas, _ state: WizardState, _ body: Rect, _ memory: inout ScreenMemory) {
        drawForm(&canvas, state, exportLines(state, body), body, &memory)
    }

    /// The export step as one form: where the page goes and in which form,
    /// the files it writes, what to know first, then the buttons. After a
    /// write, how to publish each file, just above the buttons.
    func exportLines(_ state: WizardState, _ body: Rect) -> [FormLine] {
        let width = body.width - 2
        let textWidth = width - Self.moreMarkWidth
        var lines: [FormLine] = []
        func paragraph(_ text: String, _ style: Style, indent: Int = 0, anchor: WizardItem? = nil) {
            for (index, line) in TextWidth.wrap(text, to: textWidth - indent).enumerated() {
                lines.append(.text(line, style, indent: indent, anchor: index == 0 ? anchor : nil))
            }
        }
        for field in wizard.outputFields {
            guard let question = wizard.question(for: field) else { continue }
            let first = wizard.rows(field, state.answers).first
            lines.append(.text(question.label, .heading, indent: 0, anchor: first))
            if question.isTyped {
                lines += fieldLines(field, state, textWidth: textWidth)
                if wizard.problem(of: field, in: state) == nil, let help = question.help { paragraph(help, .muted, indent: 2) }
            } else {
                for line in TextWidth.wrap(question.help ?? "", to: textWidth - 2) { lines.append(.text(line, .muted, indent: 2, anchor: first)) }
                lines += fieldLines(field, state, textWidth: textWidth)
            }
            lines.append(.blank)
        }

        lines += reviewChoiceLines(state, textWidth: textWidth)

        let targets = state.paths.targets(state.answers)
        let done = state.exported != nil
        lines.append(.text(done ? "Written:" : "Ready to write your files:", .heading, indent: 0, anchor: done ? nil : .writeFiles))
        var files = [("Answers file", state.paths.answers), ("Page", targets.page)]
        if let txt = targets.securityTxt { files.append(("security.txt", txt)) }
        // As a person writes them: `content/security.md`, not `security/../content/security.md`.
        for (label, path) in files { lines.append(.text(pad(label, 14) + FileStore.display(path), .normal, indent: 2, anchor: nil)) }

        for group in exportNotes(state, targets) {
            lines.append(.blank)
            for note in group { paragraph(note.text, note.style) }
        }
        if let exported = state.exported {
            lines.append(.blank)
            paragraph("✓ Done. Commit \(exported.map { FileStore.display($0) }.listedInSentence) to your repository. To publish:", .good, anchor: .writeFiles)
            for step in Publishing.steps(state.answers, targets: targets) { paragraph("- " + step, .normal) }
            paragraph(Publishing.keepOutOfGit(answers: state.paths.answers), .muted)
        }
        // Why nothing was written, whole: the lines above the key bar hold three, and this
        // one (a page edited by hand) is often longer and says what to do. Shown here, not there.
        if WizardLayout.messageInForm(state), let message = state.message {
            lines.append(.blank)
            paragraph(message.text, .error, anchor: .writeFiles)
        }
        if let edited = state.editedOnDisk, edited.showsDiff { lines += differenceLines(edited, state, textWidth: textWidth) }
        lines.append(.blank)
        for button in exportButtons(state) { lines.append(.item(button.item, marker: nil, button.label, .heading)) }
        return lines
    }

    /// What differs in the files edited by hand: the changed lines of
    /// `diff -u` ("-" on disk, "+" from the answers), as many as the window
    /// holds above the buttons; the heading scrolls into view with "See what differs".
    func differenceLines(_ edited: EditedOnDisk, _ state: WizardState, textWidth: Int) -> [FormLine] {
        var lines: [FormLine] = [.blank]
        lines.append(.text(edited.notGenerated.isEmpty ? "What differs (- on disk, + what Overwrite writes):" : "What differs (- on disk, + what Replace writes):", .heading, indent: 0, anchor: .editDifferences))
        let changed = edited.diff.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { line in
            (line.hasPrefix("-") || line.hasPrefix("+")) && !line.hasPrefix("--- ") && !line.hasPrefix("+++ ")
                || line.hasPrefix("--- ") && !line.contains("(from the answers)")
        }
        if changed.isEmpty {
            lines.append(.text("No lines to show (a signed security.txt differs in its signature).", .muted, indent: 2, anchor: nil))
            return lines
        }
        // The heading, the buttons and the message stay in view.
        let room = max(3, state.viewport.height - 12)
        for line in changed.prefix(changed.count > room ? room - 1 : room) {
            let text = TextWidth.truncate(TerminalSafe.oneLine(line), to: textWidth - 2)
            let style: Style = line.hasPrefix("--- ") ? .heading : line.hasPrefix("-") ? .error : .good
            lines.append(.text(line.hasPrefix("--- ") ? TextWidth.truncate(TerminalSafe.oneLine(String(line.dropFirst(4))), to: textWidth - 2) + ":" : text,
                               style, indent: 2, anchor: nil))
        }
        if changed.count > room {
            lines.append(.text("… \(changed.count - room + 1) more (security-overview check --diff shows all)", .muted, indent: 2, anchor: nil))
        }
        return lines
    }

    /// The review date, and (for answers reviewed before) whether this write
    /// is a review of every answer or a correction: two choices, nothing
    /// picked until the user says.
    func reviewChoiceLines(_ state: WizardState, textWidth: Int) -> [FormLine] {
        guard let reviewed = state.answers.reviewed else {
            return [.text("Reviewed: not yet; writing sets it to today" + (state.today.map { " (\($0))" } ?? "") + ".",
                          .muted, indent: 0, anchor: nil), .blank]
        }
        var lines: [FormLine] = []
        let first = WizardItem.reviewChoice(.current)
        lines.append(.text("Last reviewed \(reviewed). This write is:", .heading, indent: 0, anchor: first))
        for choice in ReviewChoice.allCases {
            let marker = state.reviewChoice == choice ? "(•)" : "( )"
            appendChoice(&lines, .reviewChoice(choice), marker, reviewChoiceLabel(choice, state, reviewed: reviewed), textWidth)
        }
        lines.append(.blank)
        return lines
    }

    func reviewChoiceLabel(_ choice: ReviewChoice, _ state: WizardState, reviewed: String) -> String {
        switch choice {
        case .current:
            "A review: every answer is current (reviewed becomes " + (state.today.map { "today, \($0)" } ?? "today") + ")"
        case .correction:
            wizard.correctionExpiry(state).map { "A correction: not possible, as security.txt would have expired on \($0)" }
                ?? "A correction: reviewed stays \(reviewed), and security.txt's expiry with it"
        }
    }

    /// What to know before writing, in groups of paragraphs.
    func exportNotes(_ state: WizardState, _ targets: Export.Targets) -> [[(text: String, style: Style)]] {
        var groups: [[(text: String, style: Style)]] = []
        let company = state.answers.company
        let missingCompany = [(FieldID.companyName, company.name), (.companyDomain, company.domain), (.securityContact, company.securityContact)]
            .filter { $0.1 == nil }.map { (wizard.question(for: $0.0)?.label ?? "").lowercased() }
        let missingProfile = state.answers.profile.missingFields.count
        if !missingCompany.isEmpty || missingProfile > 0 {
            var parts: [String] = []
            if !missingCompany.isEmpty { parts.append("no " + missingCompany.joined(separator: ", no ")) }
            if missingProfile > 0 { parts.append("\(missingProfile) profile question\(missingProfile == 1 ? "" : "s") unanswered") }
            groups.append([("Company and profile: " + parts.joined(separator: "; ") + ".", Style(.warning))])
        }
        let included = wizard.includedSections(state.answers)
        let incomplete = included.filter { !Completeness.missingRequired($0, state.answers).isEmpty }
        if !incomplete.isEmpty {
            groups.append([
                ("\(incomplete.count) included section\(incomplete.count == 1 ? " has" : "s have") required questions without an answer"
                    + (incomplete.count <= 4 ? ": " + incomplete.map(\.title).joined(separator: ", ") + "." : " (marked incomplete on the review)."),
                 Style(.warning)),
                ("You can write the files now and finish later; `security-overview check` lists what is missing.", .muted),
            ])
        }
        // An audit promised for a quarter that is over: the page would go on promising it.
        if let today = state.today.flatMap(ReviewDate.init) {
            var late: [String] = []
            for found in Reminders.lateQuarters(state.answers, catalog: wizard.catalog, today: today) where !late.contains(found.section.title) {
                late.append(found.section.title)
            }
            if !late.isEmpty {
                groups.append([("An expected quarter is over in " + late.joined(separator: ", ")
                                + ": the page would promise a late report, and `check` fails on it. Give the quarter you now expect.",
                                Style(.warning))])
            }
        }
        let newSections = included.filter { state.newSections.contains($0.id) }.map(\.title)
        let unseen = included.map { ($0.title, wizard.newQuestions($0, state).count) }.filter { $0.1 > 0 }
        if !newSections.isEmpty || !unseen.isEmpty {
            var parts: [String] = []
            if !newSections.isEmpty {
                parts.append(newSections.count <= 3
                    ? "section\(newSections.count == 1 ? "" : "s") " + newSections.joined(separator: ", ")
                    : "\(newSections.count) sections (marked new on the review)")
            }
            if !unseen.isEmpty {
                let total = unseen.map(\.1).reduce(0, +)
                parts.append("\(total) unanswered question\(total == 1 ? "" : "s") in "
                    + unseen.map { "\($0.0) (\($0.1))" }.joined(separator: ", ") + ", which writing now records as left open")
            }
            groups.append([("New since the answers file was written: " + parts.joined(separator: "; ") + ".", Style(.warning))])
        }
        let invalid = invalidAnswers(state).filter { answer in answer.section.map { id in included.contains { $0.id == id } } ?? true }
        if !invalid.isEmpty {
            groups.append([("Not valid, so not saved: "
                + invalid.map { "\($0.label) ('\(TextWidth.truncate(TerminalSafe.oneLine($0.text), to: 40))')" }.joined(separator: "; ")
                + ". Go back to correct them, or they stay unanswered.", Style(.warning))])
        }
        // The page can promise a security.txt that this export does not write.
        if targets.securityTxt == nil, let domain = company.domain,
           SecurityTxt.pageLinks(state.answers, catalog: wizard.catalog) {
            groups.append([("The page links to https://\(domain)/.well-known/security.txt, which this export does not write: "
                + "give the security.txt file above.", Style(.warning))])
        }
        if targets.securityTxt != nil {
            for note in SecurityTxt.notes(state.answers, catalog: wizard.catalog) { groups.append([(note + ".", .muted)]) }
        }
        let onPage = PageRenderer(catalog: wizard.catalog).renderedSections(state.answers).count
        let sectionCount = "\(onPage) section\(onPage == 1 ? "" : "s")"
        groups.append([((state.exported == nil ? "The page will have \(sectionCount)." : "The page has \(sectionCount).")
            + " Only what you affirmed is claimed.", .muted)])
        return groups
    }
}
