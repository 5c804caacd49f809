import OverviewCore

extension Screens {
    /// The resume screen's choices, each with the item it is. When the
    /// answers file changed since the draft, keeping the file comes first, so
    /// Enter through this screen undoes nothing.
    func resumeChoices(_ state: WizardState) -> [(item: WizardItem, label: String)] {
        // The file is named just above; a long path would cut these choices at 60 columns.
        let keep: (item: WizardItem, label: String) = (.resumeChoice(false), state.draftFileChanged
            ? "Keep the answers file as it is (discard the draft)"
            : state.hadAnswersFile ? "Discard the draft and open the answers file" : "Discard the draft and start afresh")
        guard state.draftFileChanged else { return [(.resumeChoice(true), "Resume the draft"), keep] }
        return [keep,
                (.draftDifferences, state.showDraftDifferences ? "Hide what differs" : "See what differs"),
                (.resumeChoice(true), "Resume the draft anyway (its answers replace the file's)")]
    }

    /// What the resume screen says above its choices, line by line (the plain mode says the same).
    /// `width`: a long company name is cut to fit one line of it (nil: never cut).
    func resumeText(_ state: WizardState, width: Int? = nil) -> [(String, Style)] {
        let draft = state.pendingDraft ?? Answers()
        var lines: [(String, Style)] = [
            ("A draft from an earlier session was found:", .heading),
            ("  " + state.paths.draft, .normal),
            ("", .normal),
        ]
        let answered = draft.sections.values.reduce(0) { $0 + $1.answers.count }
        // A long name is cut to one line: the choices below must stay on screen.
        let company = draft.company.name.map { name in
            "for " + (width.map { TextWidth.truncate(TerminalSafe.oneLine(name), to: max(10, $0 - 30)) } ?? TerminalSafe.oneLine(name))
        } ?? "without a company name yet"
        if state.draftFileChanged {
            lines.append(("\(state.paths.answers) changed since this draft was started (a git pull, another editor): "
                + "resuming the draft would undo what differs.", Style(.warning)))
            if state.showDraftDifferences {
                lines.append(("Resuming the draft instead of the file:", .normal))
                let differences = Draft.differences(file: state.saved, draft: draft, catalog: wizard.catalog)
                lines += differences.map { ("  " + TerminalSafe.oneLine($0), .normal) }
            }
        } else {
            // One sentence, wrapped as one: two lines wrapped apart leave "sections)," alone on a line.
            lines.append(("It holds answers \(company) (\(answered) in the sections), "
                + (state.hadAnswersFile ? "not yet saved to \(state.paths.answers)." : "never saved to an answers file."), .normal))
        }
        lines.append(("", .normal))
        return lines
    }

    /// A draft from an earlier session: what it holds, resume or discard.
    func drawResume(_ canvas: inout Canvas, _ state: WizardState, _ body: Rect) {
        var y = body.y + 1
        let width = body.width - 2
        var wrapped: [(String, Style)] = []
        // With what differs shown, the list needs the room more than the draft's path does.
        let text = state.showDraftDifferences ? Array(resumeText(state, width: width).dropFirst(3)) : resumeText(state, width: width)
        for (text, style) in text {
            // Wrapping drops leading spaces: an indented line keeps its indent,
            // and a difference ("  - would no longer claim: …") hangs under its words.
            let indent = String(text.prefix { $0 == " " })
            let rest = String(text.dropFirst(indent.count))
            let hanging = indent + (["+ ", "- ", "~ "].contains(String(rest.prefix(2))) ? "  " : "")
            for (index, line) in TextWidth.wrap(rest, to: width - hanging.count).enumerated() {
                wrapped.append(((index == 0 ? indent : hanging) + line, style))
            }
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
