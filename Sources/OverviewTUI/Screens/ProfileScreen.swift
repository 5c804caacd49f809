import OverviewCore

extension Screens {
    /// Company details and the six profile questions, as one form.
    func profileLines(_ state: WizardState, _ body: Rect) -> [FormLine] {
        // Text lines wrap short of the "↑ more" / "↓ more" marks, so a mark
        // never covers the end of a sentence.
        let textWidth = body.width - 2 - Self.moreMarkWidth
        var lines: [FormLine] = TextWidth.wrap("Answer a few questions; this tool writes your public Security Overview page.",
                                               to: body.width - 2).map { .text($0, .muted, indent: 0, anchor: nil) }
        lines.append(.blank)
        let fields = wizard.profilePageFields(state)
        if let walk = state.walk {
            let text = "New since your last review: \(fields.count) question\(fields.count == 1 ? "" : "s") here, \(walk.fields.count) in all."
            for line in TextWidth.wrap(text, to: textWidth) { lines.append(.text(line, .warning, indent: 0, anchor: nil)) }
        }
        for field in fields {
            guard let question = wizard.question(for: field) else { continue }
            let first = wizard.rows(field, state.answers).first
            if question.isTyped {
                // Company details: the box first, then its help (or what is wrong).
                lines.append(.text(question.label, .heading, indent: 0, anchor: first))
                lines += fieldLines(field, state, textWidth: textWidth)
                if wizard.problem(of: field, in: state) == nil, let help = question.help {
                    for line in TextWidth.wrap(help, to: textWidth - 2) { lines.append(.text(line, .muted, indent: 2, anchor: nil)) }
                }
            } else {
                lines.append(.blank)
                for line in TextWidth.wrap(question.label, to: textWidth) { lines.append(.text(line, .heading, indent: 0, anchor: first)) }
                for line in TextWidth.wrap(question.help ?? "", to: textWidth - 2) { lines.append(.text(line, .muted, indent: 2, anchor: first)) }
                lines += fieldLines(field, state, textWidth: textWidth)
            }
        }
        lines.append(.blank)
        let next: String
        if state.walk != nil {
            next = wizard.walkPageAfterProfile(state).flatMap(wizard.catalog.section).map { "Next new questions: \($0.title) →" }
                ?? "Back to the review →"
        } else {
            next = state.returnToReview ? "Back to the review →" : "Continue to the plan →"
        }
        lines.append(.item(.next, marker: nil, next, .heading))
        return lines
    }
}
