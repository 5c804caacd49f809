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
        for field in wizard.profileFields {
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
        lines.append(.item(.next, marker: nil, state.returnToReview ? "Back to the review →" : "Continue to the plan →", .heading))
        return lines
    }
}
