import OverviewCore

extension Screens {
    /// Unsaved answers: save and quit, quit keeping the draft, or go on.
    func drawQuitConfirm(_ canvas: inout Canvas, _ state: WizardState) {
        let width = min(canvas.size.width - 4, 64)
        let choices = QuitChoice.offered(state)
        let box = drawBox(&canvas, width: width, height: 5 + choices.count, title: "Quit")
        canvas.put("Some answers are not saved in \(state.paths.answers).", x: box.x + 2, y: box.y + 1, .normal, width: width - 4)
        for (index, choice) in choices.enumerated() {
            drawChoice(&canvas, x: box.x + 2, y: box.y + 3 + index, width: width - 4, focused: state.quitChoice == choice,
                       marker: nil, choice.label(state))
        }
    }
}
