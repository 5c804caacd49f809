import OverviewCore

/// A line of a scrolling form. Each focusable line carries the item it is,
/// so what focusing it means is stated where it is drawn: no screen finds its
/// focus by counting.
enum FormLine {
    /// Text, not focusable; `anchor` is the first item of the field it
    /// introduces (scrolled into view with it).
    case text(String, Style, indent: Int, anchor: WizardItem?)
    /// A choice, a row or a button.
    case item(WizardItem, marker: String?, String, Style)
    /// A one-line text input.
    case input(FieldID)
    /// Row `row` of a multi-line text input.
    case multiline(FieldID, row: Int)
    case blank

    /// The item this line focuses, if it is the first line of one.
    var item: WizardItem? {
        switch self {
        case .item(let item, _, _, _): item
        case .input(let field), .multiline(let field, row: 0): .text(field)
        default: nil
        }
    }
}

extension Screens {
    /// Columns "↑ more" / "↓ more" take at the right end of a form row.
    static let moreMarkWidth = 8

    /// Text boxes stop short of the scroll marks, so a box keeps its width
    /// whichever row it scrolls to.
    static func inputWidth(_ width: Int) -> Int { min(width - 5 - moreMarkWidth, 72) }

    static let focusedMarker = Style(.normal, reverse: true)

    /// Draws `lines` in `area`, scrolled so the focused item (and the label above
    /// it) are visible.
    func drawForm(_ canvas: inout Canvas, _ state: WizardState, _ lines: [FormLine], _ area: Rect,
                  _ memory: inout ScreenMemory) {
        let items = wizard.itemList(state)
        let focused = wizard.focusedItem(state)
        let focusedField = focused.flatMap(Wizard.field(of:))
        let firstOfField = focusedField.flatMap { field in items.first { Wizard.field(of: $0) == field } } ?? focused
        var focusLine = 0
        var labelLine: Int?
        for (index, line) in lines.enumerated() {
            switch line {
            case .text(_, _, _, let anchor?): if anchor == firstOfField && labelLine == nil { labelLine = index }
            default: if let item = line.item, item == focused { focusLine = index }
            }
        }
        let top = min(labelLine ?? focusLine, focusLine)
        var bottom = focusLine
        if case .multiline = lines[focusLine] {
            while bottom + 1 < lines.count, case .multiline(let field, _) = lines[bottom + 1], focused == .text(field) { bottom += 1 }
        }
        if bottom + 1 < lines.count, case .text(_, let style, _, _) = lines[bottom + 1], style == .error { bottom += 1 }
        // The rest of a long choice label, under it.
        while bottom + 1 < lines.count, case .text(_, _, 6, nil) = lines[bottom + 1] { bottom += 1 }
        // A row of buttons stays in view together: from one, the ones under it
        // show too (after a refused write, Overwrite is not hidden under "See what differs").
        if case .item(_, nil, _, let style) = lines[focusLine], style == .heading {
            while bottom + 1 < lines.count, case .item(_, nil, _, let next) = lines[bottom + 1], next == .heading { bottom += 1 }
        }

        var offset = memory[state.step]
        if state.focus == 0 { offset = 0 }
        if top < offset { offset = top }
        if bottom >= offset + area.height { offset = bottom - area.height + 1 }
        offset = max(0, min(offset, max(0, lines.count - area.height)))
        memory[state.step] = offset
        // Scrolled back to read what is above the first item (not remembered:
        // moving the focus brings the view back to it).
        offset = max(0, offset + state.formScroll)
        memory.hiddenAbove = offset

        let moreAbove = offset > 0
        let moreBelow = offset + area.height < lines.count
        for row in 0..<area.height {
            let index = offset + row
            guard index < lines.count else { break }
            // The scroll marks get the right end of their row to themselves.
            let marked = (row == 0 && moreAbove) || (row == area.height - 1 && moreBelow)
            drawFormLine(&canvas, state, focused, lines[index], x: area.x, y: area.y + row, width: area.width,
                         reserve: marked ? Self.moreMarkWidth : 0)
        }
        if moreAbove { canvas.put("↑ more", x: area.x + area.width - 7, y: area.y, .muted) }
        if moreBelow { canvas.put("↓ more", x: area.x + area.width - 7, y: area.y + area.height - 1, .muted) }
    }

    func drawFormLine(_ canvas: inout Canvas, _ state: WizardState, _ focused: WizardItem?, _ line: FormLine,
                      x: Int, y: Int, width: Int, reserve: Int = 0) {
        switch line {
        case .blank:
            break
        case let .text(text, style, indent, _):
            canvas.put(text, x: x + 1 + indent, y: y, style, width: width - 2 - indent - reserve)
        case let .item(item, marker, text, style):
            drawChoice(&canvas, x: x + 1, y: y, width: width - 2 - reserve, focused: focused == item, marker: marker, text, style)
        case let .input(field):
            let isFocused = focused == .text(field)
            if isFocused { canvas.put("›", x: x + 1, y: y, .heading) }
            drawInput(&canvas, state, field, focused: isFocused, x: x + 3, y: y, width: Self.inputWidth(width))
        case let .multiline(field, row):
            let isFocused = focused == .text(field)
            if isFocused && row == 0 { canvas.put("›", x: x + 1, y: y, .heading) }
            drawMultiline(&canvas, state, field, focused: isFocused, row: row, x: x + 3, y: y, width: Self.inputWidth(width))
        }
    }

    /// "› (•) Label": a focusable line; the focused one is highlighted and marked
    /// with "›" so it shows without colour too.
    func drawChoice(_ canvas: inout Canvas, x: Int, y: Int, width: Int, focused: Bool, marker: String?,
                    _ text: String, _ style: Style = .normal) {
        // Only the "›" and the box (or, without a box, the label) change with the
        // focus: a move down a list redraws a few cells, not two whole lines.
        canvas.put(focused ? "›" : " ", x: x, y: y)
        guard let marker else {
            canvas.put(TextWidth.truncate(text, to: width - 2), x: x + 2, y: y, focused ? .focused : style)
            return
        }
        let column = canvas.put(marker, x: x + 2, y: y, focused ? Self.focusedMarker : style)
        canvas.put(" " + TextWidth.truncate(text, to: width - 3 - TextWidth.of(marker)), x: column, y: y, style)
    }

    /// A choice whose label may need several lines: the first is the item, the
    /// rest hang under the label.
    func appendChoice(_ lines: inout [FormLine], _ item: WizardItem, _ marker: String, _ label: String, _ width: Int) {
        let wrapped = catalogText.wrap(label, to: max(10, width - 6))
        lines.append(.item(item, marker: marker, wrapped.first ?? "", .normal))
        for rest in wrapped.dropFirst() { lines.append(.text(rest, .normal, indent: 6, anchor: nil)) }
    }

    /// A field's input lines, as its kind has them: one row per option with
    /// its mark, or a text box (with what is wrong with its text under it).
    /// The profile and the section pages both draw their fields with this.
    func fieldLines(_ field: FieldID, _ state: WizardState, textWidth: Int) -> [FormLine] {
        guard let question = wizard.question(for: field) else { return [] }
        var lines: [FormLine] = []
        switch question.input {
        case let .options(picked, unpicked, _):
            let value = wizard.value(of: field, in: state.answers)
            for (index, option) in question.options.enumerated() {
                let marker = question.isPicked(index, in: value) ? picked : unpicked
                appendChoice(&lines, .option(field, index), marker, option, textWidth)
            }
        case .text(multiline: false):
            lines.append(.input(field))
            if let problem = wizard.problem(of: field, in: state) {
                for line in TextWidth.wrap("✗ " + problem, to: textWidth - 2) { lines.append(.text(line, .error, indent: 2, anchor: nil)) }
            }
        case .text(multiline: true):
            for row in 0..<Self.inputMaxRows { lines.append(.multiline(field, row: row)) }
        case .records:
            lines += recordRows(field, state, textWidth: textWidth)
        }
        return lines
    }

    // MARK: - Records

    /// A `records` question's rows: one line per record (its fields in
    /// order; Enter edits it), then the row that adds one.
    func recordRows(_ field: FieldID, _ state: WizardState, textWidth: Int) -> [FormLine] {
        guard let shape = wizard.recordShape(field) else { return [] }
        let records = wizard.records(field, state.answers)
        var lines: [FormLine] = []
        let number = String(records.count).count
        for (index, record) in records.enumerated() {
            let label = String(repeating: " ", count: number - String(index + 1).count) + "\(index + 1). "
            lines.append(.item(.record(field, index), marker: nil, label + wizard.recordSummary(record, shape), .normal))
        }
        lines.append(.item(.addRecord(field), marker: nil, "+ Add " + Self.article(shape.noun) + " " + shape.noun, .heading))
        return lines
    }

    /// "a" or "an" before a noun, by its first letter.
    static func article(_ noun: String) -> String {
        "aeiou".contains(noun.prefix(1).lowercased()) ? "an" : "a"
    }

    /// The form that edits one record: a text box per field, each with its
    /// label and what is wrong with it, then Save and Cancel.
    func recordFormLines(_ state: WizardState, _ edit: RecordEdit, textWidth: Int) -> [FormLine] {
        guard let shape = wizard.recordShape(edit.field) else { return [] }
        let count = wizard.records(edit.field, state.answers).count
        let noun = shape.noun.prefix(1).uppercased() + shape.noun.dropFirst()
        let title = edit.index.map { "\(noun) \($0 + 1) of \(count)" } ?? "New \(shape.noun)"
        let first = shape.fields.first.flatMap { edit.fieldID($0.id) }.map(WizardItem.text) ?? .saveRecord
        var lines: [FormLine] = []
        for line in TextWidth.wrap(title, to: textWidth) { lines.append(.text(line, .heading, indent: 0, anchor: first)) }
        for field in shape.fields {
            guard let id = edit.fieldID(field.id) else { continue }
            let label = field.label + (field.required ? "\u{00A0}*" : "")
            for line in TextWidth.wrap(label, to: textWidth) { lines.append(.text(line, .normal, indent: 0, anchor: .text(id))) }
            lines += fieldLines(id, state, textWidth: textWidth)
        }
        lines.append(.blank)
        lines.append(.item(.saveRecord, marker: nil, "Save this \(shape.noun)", .heading))
        lines.append(.item(.cancelRecord, marker: nil, "Cancel", .normal))
        return lines
    }
}
