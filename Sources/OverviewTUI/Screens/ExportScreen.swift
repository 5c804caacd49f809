import OverviewCore

extension Screens {
    /// The export screen's buttons, each with the item it is.
    func exportButtons(_ state: WizardState) -> [(item: WizardItem, label: String)] {
        [(.writeFiles, state.exported == nil ? "Write the files" : "Write the files again"), (.quit, "Quit")]
    }

    func drawExport(_ canvas: inout Canvas, _ state: WizardState, _ body: Rect) {
        let width = body.width - 2
        var y = body.y + 1
        canvas.put(state.exported == nil ? "Ready to write your files:" : "Written:", x: 1, y: y, .heading, width: width)
        y += 1
        var files = [("Answers file", state.paths.answers), ("Page", state.paths.page)]
        if let txt = state.paths.securityTxt { files.append(("security.txt", txt)) }
        for (label, path) in files {
            canvas.put(pad(label, 14) + path, x: 3, y: y, .normal, width: width - 2)
            y += 1
        }
        y += 1
        // What to know before writing, in groups. The buttons must stay on the
        // screen: when the notes do not fit above them, they are cut short.
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
        let newSections = included.filter { state.newSections.contains($0.id) }.map(\.title)
        let unseen = included.map { ($0.title, newQuestions($0, state).count) }.filter { $0.1 > 0 }
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
        if state.paths.securityTxt == nil, let domain = company.domain,
           SecurityTxt.pageLinks(state.answers, catalog: wizard.catalog) {
            groups.append([("The page links to https://\(domain)/.well-known/security.txt, which this export does not write: "
                + "name it in outputs.security_txt of \(state.paths.answers), or write it with "
                + "`security-overview security-txt --answers \(state.paths.answers) --output FILE`.", Style(.warning))])
        }
        let onPage = PageRenderer(catalog: wizard.catalog).renderedSections(state.answers).count
        let sectionCount = "\(onPage) section\(onPage == 1 ? "" : "s")"
        groups.append([((state.exported == nil ? "The page will have \(sectionCount)." : "The page has \(sectionCount).")
            + " Only what you affirmed is claimed.", .muted)])

        var notes: [(text: String, style: Style)] = []
        for group in groups {
            if !notes.isEmpty { notes.append(("", .normal)) }
            for paragraph in group {
                notes += TextWidth.wrap(paragraph.text, to: width).map { ($0, paragraph.style) }
            }
        }
        let labels = exportButtons(state)
        let done = state.exported.map { TextWidth.wrap("✓ Done. Commit \($0.joined(separator: " and ")) to your repository.", to: width) } ?? []
        let below = 1 + labels.count + (done.isEmpty ? 0 : 1 + done.count)
        let room = max(1, body.y + body.height - y - below)
        if notes.count > room {
            notes = Array(notes.prefix(room - 1)) + [("… and more: a taller window shows it all.", .muted)]
        }
        for note in notes {
            canvas.put(note.text, x: 1, y: y, note.style, width: width)
            y += 1
        }
        y += 1
        let focused = wizard.focusedItem(state)
        for (index, button) in labels.enumerated() {
            drawChoice(&canvas, x: 1, y: y + index, width: width, focused: focused == button.item, marker: nil, button.label, .heading)
        }
        y += labels.count + 1
        for part in done {
            canvas.put(part, x: 1, y: y, .good, width: width)
            y += 1
        }
    }
}
