import OverviewCore

extension Screens {
    /// The whole page (or section), scrolled to `state.previewScroll`, with where it is.
    func drawPagePreview(_ canvas: inout Canvas, _ state: WizardState, _ area: Rect, _ memory: inout ScreenMemory) {
        let lines = memory.previewLines(wizard, state, width: area.width - 2)
        let visible = area.height - 1
        let maxScroll = max(0, lines.count - visible)
        let scroll = min(state.previewScroll, maxScroll)
        let position = lines.isEmpty ? "" : "  lines \(scroll + 1)-\(min(lines.count, scroll + visible)) of \(lines.count)"
        canvas.put((state.step.isSection ? "Section preview" : "Page preview") + position, x: area.x + 1, y: area.y, .heading, width: area.width - 2)
        for (offset, line) in lines.dropFirst(scroll).prefix(visible).enumerated() {
            let heading = PagePreview.heading(line)
            canvas.put(heading ?? line, x: area.x + 1, y: area.y + 1 + offset, heading == nil ? .normal : .heading, width: area.width - 2)
        }
    }
}
