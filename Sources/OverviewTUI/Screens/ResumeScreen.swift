import OverviewCore

extension Screens {
    /// The resume screen's two choices, each with the item it is.
    func resumeChoices(_ state: WizardState) -> [(item: WizardItem, label: String)] {
        [
            (.resumeChoice(true), "Resume the draft"),
            (.resumeChoice(false), state.hadAnswersFile
                // The file is named just above; a long path would cut this choice at 60 columns.
                ? "Discard the draft and open the answers file" : "Discard the draft and start afresh"),
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
        // A long name is cut to one line: the choices below must stay on screen.
        let company = draft.company.name.map { "for " + TextWidth.truncate(TerminalSafe.oneLine($0), to: max(10, width - 30)) }
            ?? "without a company name yet"
        // One sentence, wrapped as one: two lines wrapped apart leave "sections)," alone on a line.
        lines.append(("It holds answers \(company) (\(answered) in the sections), "
            + (state.hadAnswersFile ? "not yet saved to \(state.paths.answers)." : "never saved to an answers file."), .normal))
        lines.append(("", .normal))
        var wrapped: [(String, Style)] = []
        for (text, style) in lines {
            // Wrapping drops leading spaces: an indented line keeps its indent.
            let indent = String(text.prefix { $0 == " " })
            wrapped += TextWidth.wrap(String(text.dropFirst(indent.count)), to: width - indent.count).map { (indent + $0, style) }
        }
        let choices = resumeChoices(state)
        // What does not fit above the choices is cut, and says so.
        let room = max(1, body.y + body.height - y - choices.count)
        if wrapped.count > room {
            wrapped = Array(wrapped.prefix(room - 1)) + [("… (a taller window shows the rest)", .muted)]
        }
        for (line, style) in wrapped {
            canvas.put(line, x: 1, y: y, style, width: width)
            y += 1
        }
        let focused = wizard.focusedItem(state)
        for (index, choice) in choices.enumerated() {
            drawChoice(&canvas, x: 1, y: y + index, width: width, focused: focused == choice.item, marker: nil, choice.label)
        }
    }
}
