import OverviewCore

extension Screens {
    /// The top row: "Security Overview · <title>" on the left, the step on the right.
    func drawTitleBar(_ canvas: inout Canvas, _ title: String, _ step: String) {
        let width = canvas.size.width
        canvas.fill(x: 0, y: 0, width: width, height: 1, .title)
        let right = step.isEmpty ? 0 : TextWidth.of(step) + 2
        canvas.put(TextWidth.truncate("Security Overview · " + title, to: width - 2 - right), x: 1, y: 0, .title)
        if !step.isEmpty { canvas.put(step, x: width - right + 1, y: 0, .title) }
    }
}
