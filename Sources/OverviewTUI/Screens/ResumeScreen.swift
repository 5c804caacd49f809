import OverviewCore

extension Screens {
    /// The resume screen's two choices, each with the item it is.
    func resumeChoices(_ state: WizardState) -> [(item: WizardItem, label: String)] {
        [
            (.resumeChoice(true), "Resume the draft"),
            (.resumeChoice(false), state.hadAnswersFile
                ? "Discard the draft and open \(state.paths.answers)" : "Discard the draft and start afresh"),
        ]
    }

    /// A draft from an earlier session: what it holds, resume or discard.
    func drawResume(_ canvas: inout Canvas, _ state: WizardState, _ body: Rect) {
        var y = body.y + 1
        let width = body.width - 2
        let draft = state.pendingDraft ?? Answers()
        var lines: [(String, Style)] = [
            ("A draft from an earlier session was found:", .heading),
            ("  " + state.paths.draft, .normal),
            ("", .normal),
        ]
        let answered = draft.sections.values.reduce(0) { $0 + $1.answers.count }
        let company = draft.company.name.map { "for \($0)" } ?? "without a company name yet"
        lines.append(("It holds answers \(company) (\(answered) in the sections),", .normal))
        lines.append(state.hadAnswersFile
            ? ("not yet saved to \(state.paths.answers).", .normal)
            : ("never saved to an answers file.", .normal))
        lines.append(("", .normal))
        for (text, style) in lines {
            for line in TextWidth.wrap(text, to: width) {
                canvas.put(line, x: 1, y: y, style)
                y += 1
            }
        }
        let focused = wizard.focusedItem(state)
        for (index, choice) in resumeChoices(state).enumerated() {
            drawChoice(&canvas, x: 1, y: y + index, width: width, focused: focused == choice.item, marker: nil, choice.label)
        }
    }
}
