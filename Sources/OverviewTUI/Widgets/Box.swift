import OverviewCore

extension Screens {
    /// A framed, filled box in the middle of the screen; returns its corner.
    func drawBox(_ canvas: inout Canvas, width: Int, height: Int, title: String) -> (x: Int, y: Int) {
        let x = max(0, (canvas.size.width - width) / 2)
        let y = max(0, (canvas.size.height - height) / 2)
        canvas.fill(x: x, y: y, width: width, height: height)
        let horizontal = String(repeating: "─", count: max(0, width - 2))
        canvas.put("┌" + horizontal + "┐", x: x, y: y, .heading)
        canvas.put("└" + horizontal + "┘", x: x, y: y + height - 1, .heading)
        for row in (y + 1)..<(y + height - 1) {
            canvas.put("│", x: x, y: row, .heading)
            canvas.put("│", x: x + width - 1, y: row, .heading)
        }
        canvas.put(" \(title) ", x: x + 2, y: y, .heading)
        return (x, y)
    }
}
