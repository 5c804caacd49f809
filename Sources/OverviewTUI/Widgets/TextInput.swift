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

    func drawMultiline(_ canvas: inout Canvas, _ state: WizardState, _ field: FieldID, focused: Bool, row: Int,
                       x: Int, y: Int, width: Int) {
        let text = wizard.text(of: field, in: state)
        let inner = max(4, width - 2)
        let style = focused ? Style(.selected, underline: true) : Style(.normal, underline: true)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Where the caret is: line and column.
        var caretLine = 0
        var caretInLine = 0
        var remaining = focused ? min(state.caret, text.count) : 0
        for (index, line) in lines.enumerated() {
            if remaining <= line.count { caretLine = index; caretInLine = remaining; break }
            remaining -= line.count + 1
        }
        let first = max(0, caretLine - (Self.inputMaxRows - 1))
        let lineIndex = first + row
        canvas.put(row == 0 ? "[" : "|", x: x, y: y, focused ? .heading : .muted)
        canvas.fill(x: x + 1, y: y, width: inner, height: 1, style)
        canvas.put(row == Self.inputMaxRows - 1 ? "]" : "|", x: x + 1 + inner, y: y, focused ? .heading : .muted)
        guard lineIndex < lines.count else { return }
        let chars = Array(lines[lineIndex])
        let caret = lineIndex == caretLine ? caretInLine : 0
        let caretColumn = chars[..<min(caret, chars.count)].reduce(0) { $0 + TextWidth.of($1) }
        let start = max(0, caretColumn - (inner - 1))
        var column = 0
        var drawX = x + 1
        for char in chars {
            let w = TextWidth.of(char)
            if column >= start {
                if drawX - (x + 1) + w > inner { break }
                canvas.put(String(char), x: drawX, y: y, style)
                drawX += w
            }
            column += w
        }
        if focused && lineIndex == caretLine {
            canvas.cursor = (min(x + 1 + caretColumn - start, x + inner), y)
        }
    }
}
