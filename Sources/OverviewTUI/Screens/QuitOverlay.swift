import OverviewCore

extension Screens {
    /// Unsaved answers: save and quit, quit keeping the draft, or go on. The
    /// sentence and each choice wrap inside the box, so that nothing a person
    /// decides on is cut, down to the smallest window.
    func drawQuitConfirm(_ canvas: inout Canvas, _ state: WizardState) {
        let width = min(canvas.size.width - 4, 64)
        let choices = QuitChoice.offered(state)
        var sentences: [String] = []
        if state.hasUnsavedChanges || wizard.recordFormChanged(state) { sentences.append("Some answers are not saved in \(state.paths.answers).") }
        // Typed text that is not valid is kept in no file, the draft included.
        let invalid = state.invalidText.keys.compactMap { field in wizard.question(for: field).map { ($0.label, state.invalidText[field] ?? "") } }
            .sorted { $0.0 < $1.0 }
        if !invalid.isEmpty {
            let named = invalid.prefix(2).map { "\($0.0) ('\(TerminalSafe.oneLine(TextWidth.truncate($0.1, to: 20)))')" }
            sentences.append("Not valid, so kept in no file: " + named.joined(separator: "; ")
                             + (invalid.count > 2 ? "; and \(invalid.count - 2) more." : "."))
        }
        let heading = sentences.flatMap { TextWidth.wrap($0, to: width - 4) }
        // A choice's further lines hang under its label, past "› ".
        let labels = choices.map { TextWidth.wrap($0.label(state), to: width - 6) }
        let height = heading.count + 1 + labels.reduce(0) { $0 + $1.count } + 3
        let box = drawBox(&canvas, width: width, height: height, title: "Quit")
        var y = box.y + 1
        for line in heading {
            canvas.put(line, x: box.x + 2, y: y, .normal, width: width - 4)
            y += 1
        }
        y += 1
        for (choice, lines) in zip(choices, labels) {
            let focused = state.quitChoice == choice
            drawChoice(&canvas, x: box.x + 2, y: y, width: width - 4, focused: focused, marker: nil, lines.first ?? "")
            for line in lines.dropFirst() {
                y += 1
                canvas.put(line, x: box.x + 4, y: y, focused ? .focused : .normal, width: width - 6)
            }
            y += 1
        }
    }
}
