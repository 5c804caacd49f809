import OverviewCore

extension Screens {
    static let inputMaxRows = 3

    func drawInput(_ canvas: inout Canvas, _ state: WizardState, _ field: FieldID, focused: Bool, x: Int, y: Int, width: Int) {
        let text = wizard.text(of: field, in: state)
        let inner = max(4, width - 2)
        let style = focused ? Style(.selected, underline: true) : Style(.normal, underline: true)
        canvas.put("[", x: x, y: y, focused ? .heading : .muted)
        canvas.fill(x: x + 1, y: y, width: inner, height: 1, style)
        let chars = Array(text)
        let caret = focused ? min(state.caret, chars.count) : 0
        let caretColumn = chars[..<caret].reduce(0) { $0 + TextWidth.of($1) }
        // Horizontal scrolling: keep the caret inside the box.
        let start = max(0, caretColumn - (inner - 1))
        var column = 0
        var drawX = x + 1
        var cursorX = x + 1
        for (index, char) in chars.enumerated() {
            let w = TextWidth.of(char)
            if index == caret { cursorX = drawX }
            if column >= start {
                if drawX - (x + 1) + w > inner { break }
                canvas.put(String(char), x: drawX, y: y, style)
                drawX += w
            }
            column += w
        }
        if caret == chars.count { cursorX = drawX }
        canvas.put("]", x: x + 1 + inner, y: y, focused ? .heading : .muted)
        if start > 0 { canvas.put("…", x: x + 1, y: y, style) }
        if focused { canvas.cursor = (min(cursorX, x + inner), y) }
    }

    /// The rows a multi-line box shows `text` in, `width` columns wide: each
    /// line of the text wrapped at word boundaries (a word longer than the
    /// row is cut), as character ranges of the whole text.
    static func wrappedRows(_ text: [Character], width: Int) -> [Range<Int>] {
        var rows: [Range<Int>] = []
        var lineStart = 0
        for index in 0...text.count where index == text.count || text[index] == "\n" {
            var start = lineStart
            while true {
                // As many characters as fit from `start`.
                var end = start
                var used = 0
                while end < index, used + TextWidth.of(text[end]) <= width {
                    used += TextWidth.of(text[end])
                    end += 1
                }
                if end == index {
                    rows.append(start..<end)
                    break
                }
                // Break after the last space that fits, if any.
                if let space = text[start..<end].lastIndex(of: " "), space > start { end = space + 1 }
                rows.append(start..<end)
                start = end
            }
            lineStart = index + 1
        }
        return rows
    }

    /// Row `row` of a multi-line box: the text wraps as it is typed, and the
    /// box shows the rows around the caret (from the top when not focused).
    func drawMultiline(_ canvas: inout Canvas, _ state: WizardState, _ field: FieldID, focused: Bool, row: Int,
                       x: Int, y: Int, width: Int) {
        let text = Array(wizard.text(of: field, in: state))
        let inner = max(4, width - 2)
        let style = focused ? Style(.selected, underline: true) : Style(.normal, underline: true)
        // One column is kept for the caret at the end of a full row.
        let rows = Self.wrappedRows(text, width: inner - 1)
        let caret = focused ? min(state.caret, text.count) : 0
        // The caret's row: the last row that starts at or before it on its line.
        let caretRow = rows.lastIndex { $0.lowerBound <= caret && caret <= $0.upperBound } ?? 0
        let first = focused ? max(0, caretRow - (Self.inputMaxRows - 1)) : 0
        let index = first + row
        canvas.put(row == 0 ? "[" : "|", x: x, y: y, focused ? .heading : .muted)
        canvas.fill(x: x + 1, y: y, width: inner, height: 1, style)
        canvas.put(row == Self.inputMaxRows - 1 ? "]" : "|", x: x + 1 + inner, y: y, focused ? .heading : .muted)
        // More above or below the box: marked on its edge.
        if row == 0 && first > 0 { canvas.put("↑", x: x + inner, y: y, style) }
        if row == Self.inputMaxRows - 1 && first + Self.inputMaxRows < rows.count { canvas.put("↓", x: x + inner, y: y, style) }
        guard index < rows.count else { return }
        var drawX = x + 1
        for char in text[rows[index]] where char != "\n" {
            canvas.put(String(char), x: drawX, y: y, style)
            drawX += TextWidth.of(char)
        }
        if focused && index == caretRow {
            let column = text[rows[index].lowerBound..<caret].reduce(0) { $0 + TextWidth.of($1) }
            canvas.cursor = (min(x + 1 + column, x + inner), y)
        }
    }
}
