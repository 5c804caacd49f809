import OverviewCore

extension Screens {
    /// Where a section page puts its form and its live preview: side by side
    /// from `sideBySideWidth`, else the preview under the form.
    func sectionLayout(_ body: Rect) -> (form: Rect, previewRows: Int, wide: Bool) {
        let wide = body.width >= Self.sideBySideWidth
        let formWidth = wide ? body.width * 3 / 5 : body.width
        let previewRows = wide ? 0 : min(7, max(4, body.height / 3))
        return (Rect(x: body.x, y: body.y, width: formWidth, height: body.height - previewRows), previewRows, wide)
    }

    /// A section's guidance, its questions that apply, and the button on.
    func sectionLines(_ state: WizardState, _ id: String, _ form: Rect) -> [FormLine] {
        guard let section = wizard.catalog.section(id) else { return [] }
        let textWidth = form.width - 2 - Self.moreMarkWidth
        if let edit = state.recordEdit { return recordFormLines(state, edit, textWidth: textWidth) }
        let fields = wizard.pageFields(section, state)
        // The guidance scrolls into view with the first field.
        let top = fields.first.flatMap { wizard.rows($0, state.answers).first } ?? .next
        var lines: [FormLine] = []
        let recommendation = section.rule.evaluate(state.answers.profile)
        for line in catalogText.wrap("Recommended for: " + section.guidance.who, to: textWidth) {
            lines.append(.text(line, .heading, indent: 0, anchor: top))
        }
        for line in catalogText.wrap((recommendation.recommended ? "✓ " : "· ") + recommendation.reason, to: textWidth) {
            lines.append(.text(line, recommendation.recommended ? .good : .muted, indent: 0, anchor: top))
        }
        if !state.answers.isIncluded(section) {
            lines.append(.text("Skipped: not on your page. Press s to include it.", .warning, indent: 0, anchor: top))
        }
        for line in catalogText.wrap(section.guidance.why, to: textWidth) { lines.append(.text(line, .normal, indent: 0, anchor: top)) }
        if !section.guidance.how.isEmpty {
            for line in catalogText.wrap(section.guidance.how, to: textWidth) { lines.append(.text(line, .muted, indent: 0, anchor: top)) }
        }
        if let walk = state.walk {
            // Just above the questions, where the focus keeps it in view.
            let count = fields.count
            let text = "New since your last review: \(count) question\(count == 1 ? "" : "s") here, \(walk.fields.count) in all."
            lines.append(.blank)
            for line in TextWidth.wrap(text, to: textWidth) { lines.append(.text(line, .warning, indent: 0, anchor: nil)) }
        }
        // Notes from the answers file: for whoever edits the answers, never on the page.
        let given = state.answers.sections[id]
        if let note = given?.note {
            lines += noteLines(note, textWidth: textWidth, indent: 0, anchor: top)
        }
        for field in fields {
            guard let question = wizard.question(for: field) else { continue }
            let first = wizard.rows(field, state.answers).first
            lines.append(.blank)
            let label = question.label + (question.required ? "\u{00A0}*" : "")
            for line in catalogText.wrap(label, to: textWidth) { lines.append(.text(line, .heading, indent: 0, anchor: first)) }
            if let help = question.help {
                for line in catalogText.wrap(help, to: textWidth - 2) { lines.append(.text(line, .muted, indent: 2, anchor: first)) }
            }
            if let address = SecurityTxt.pageLinkAddress(of: question, in: section, state.answers) {
                for line in catalogText.wrap("The link goes to " + address, to: textWidth - 2) {
                    lines.append(.text(line, .muted, indent: 2, anchor: first))
                }
            }
            let noteField = Wizard.noteField(of: field)
            let editing = noteField != nil && state.openNote == noteField
            if let note = given?.notes[question.id], !editing {
                lines += noteLines(note, textWidth: textWidth, indent: 2, anchor: first)
            }
            lines += fieldLines(field, state, textWidth: textWidth)
            // `n`: the note as a text field under the question's answer.
            if editing, let noteField {
                lines.append(.text("✎ Note (never published):", .muted, indent: 2, anchor: .text(noteField)))
                lines += fieldLines(noteField, state, textWidth: textWidth)
            }
        }
        lines.append(.blank)
        let next: String
        if state.walk != nil {
            next = wizard.walkPage(after: id, state).flatMap(wizard.catalog.section).map { "Next new questions: \($0.title) →" }
                ?? "Back to the review →"
        } else if state.returnToReview {
            next = "Back to the review →"
        } else if let later = wizard.catalog.sections.drop(while: { $0.id != id }).dropFirst().first(where: { state.answers.isIncluded($0) }) {
            next = "Next: \(later.title) →"
        } else {
            next = "Next: review →"
        }
        lines.append(.item(.next, marker: nil, next, .heading))
        return lines
    }

    /// The section's Markdown for its live preview: while one of its answers
    /// is typed, the template's output around it is kept from key to key.
    func sectionMarkdown(_ section: Section, _ state: WizardState, typing field: FieldID?, _ memory: inout ScreenMemory) -> String? {
        let renderer = PageRenderer(catalog: wizard.catalog)
        guard case .question(let id, let question)? = field, id == section.id else {
            return renderer.sectionMarkdown(section, state.answers)
        }
        let catalog = ObjectIdentifier(wizard.loader)
        var memo = memory.typed?.catalog == catalog ? memory.typed?.memo : nil
        memory.typed = nil  // let go first: the memo is then changed in place
        let markdown = TypedAnswerMarkdown.sectionMarkdown(renderer, section, state.answers, typing: question, memo: &memo)
        memory.typed = (catalog, memo)
        return markdown
    }

    /// A note, dimmed and marked as the answers file's own: never published.
    func noteLines(_ note: String, textWidth: Int, indent: Int, anchor: WizardItem?) -> [FormLine] {
        TextWidth.wrap("✎ Note (never published): " + TerminalSafe.oneLine(note), to: textWidth - indent)
            .map { .text($0, .muted, indent: indent, anchor: anchor) }
    }

    func drawSection(_ canvas: inout Canvas, _ state: WizardState, _ id: String, _ body: Rect, _ memory: inout ScreenMemory) {
        guard let section = wizard.catalog.section(id) else { return }
        if state.showPagePreview {
            // p: the section's whole preview, scrolled with the arrows.
            drawPagePreview(&canvas, state, body, &memory)
            return
        }
        let (form, previewRows, wide) = sectionLayout(body)
        drawForm(&canvas, state, sectionLines(state, id, form), form, &memory)

        // The live preview of this section's Markdown.
        let preview: Rect
        if wide {
            preview = Rect(x: form.width + 1, y: body.y, width: body.width - form.width - 1, height: body.height)
            for y in body.y..<(body.y + body.height) { canvas.put("│", x: form.width, y: y, .muted) }
            canvas.put("Preview of this section", x: preview.x + 1, y: preview.y, .heading)
        } else {
            preview = Rect(x: body.x, y: form.y + form.height, width: body.width, height: previewRows)
            canvas.put("── Preview of this section " + String(repeating: "─", count: max(0, body.width - 27)),
                       x: 0, y: preview.y, .muted)
        }
        var previewLines: [(String, Style)] = []
        let focusedText = wizard.focusedTextField(state)
        func note(_ text: String) {
            for line in TextWidth.wrap(text, to: preview.width - 2) { previewLines.append((line, .muted)) }
        }
        if !state.answers.isIncluded(section) {
            note("(Skipped: not on the page.)")
        } else if let markdown = sectionMarkdown(section, state, typing: focusedText, &memory) {
            for line in PagePreview.lines("## \(section.title)\n\n" + markdown, width: preview.width - 2, memo: &memory.preview) {
                let heading = PagePreview.heading(line)
                previewLines.append((heading ?? line, heading == nil ? .normal : .heading))
            }
        } else {
            note("(Not on the page yet: nothing answered here says anything.)")
        }
        // A preview cut short says so, and how to see it all.
        let room = preview.height - 1
        if previewLines.count > room {
            let hidden = previewLines.count - (room - 1)
            // In a text field p is a letter: the hint says where p works.
            let how = focusedText == nil ? "p shows the whole section" : "p, outside a text field, shows it all"
            previewLines = Array(previewLines.prefix(room - 1))
                + [(TextWidth.truncate("↓ \(hidden) more line\(hidden == 1 ? "" : "s"): \(how)", to: preview.width - 2), .muted)]
        }
        for (offset, line) in previewLines.prefix(room).enumerated() {
            canvas.put(line.0, x: preview.x + 1, y: preview.y + 1 + offset, line.1, width: preview.width - 2)
        }
    }
}
