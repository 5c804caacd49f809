import OverviewCore

/// The help overlay laid out for one window size: its box, and its rows, each
/// meaning wrapped under its own column (never cut), then the note about the
/// draft. The key map scrolls by it and the screen draws it, so they agree on
/// what fits; its lines are `KeyBinding.helpLines`, from the one table.
struct HelpLayout {
    /// One row of the box: a binding's keys and (part of) its meaning, the
    /// rest of a meaning (no keys), or a line of the note.
    struct Row: Equatable {
        var keys: String
        var text: String
        var note = false
    }

    static let title = "Keys (^ is Ctrl)"
    static let note = "Your answers are autosaved as a draft after every change."

    let width: Int
    let height: Int
    /// Columns of the keys, with the gap before the meanings.
    let keyWidth: Int
    let rows: [Row]

    init(_ size: Size, lines: [(String, String)] = KeyBinding.helpLines) {
        keyWidth = lines.map { TextWidth.of($0.0) }.max()! + 2
        let longest = lines.map { TextWidth.of($0.1) }.max()!
        width = min(size.width - 4, keyWidth + longest + 4)
        let textWidth = max(10, width - keyWidth - 4)
        var rows: [Row] = []
        for (keys, meaning) in lines {
            for (index, part) in TextWidth.wrap(meaning, to: textWidth).enumerated() {
                rows.append(Row(keys: index == 0 ? keys : "", text: part))
            }
        }
        rows.append(Row(keys: "", text: ""))
        rows += TextWidth.wrap(Self.note, to: width - 4).map { Row(keys: "", text: $0, note: true) }
        self.rows = rows
        // The key bar under it stays, saying how to scroll and close it.
        height = min(size.height - 1, rows.count + 2)
    }

    /// Rows shown at once, inside the frame.
    var visible: Int { height - 2 }
    /// The first row shown when scrolled to the end.
    var lastScroll: Int { max(0, rows.count - visible) }
    /// Whether some rows do not fit, so that the scroll keys scroll.
    var scrolls: Bool { lastScroll > 0 }

    /// `line` held between the first row and the end.
    func scroll(_ line: Int) -> Int { min(max(0, line), lastScroll) }

    /// What `key` does while the help is open, shown from `line`: the scroll
    /// keys move through a help that does not fit; any other key closes it.
    func action(for key: Key, from line: Int) -> WizardAction {
        guard scrolls else { return .helpToggled }
        let current = scroll(line)
        let page = max(1, visible - 1)
        switch key {
        case .up, .character("k"): return .helpScrolled(to: scroll(current - 1))
        case .down, .character("j"): return .helpScrolled(to: scroll(current + 1))
        case .pageUp: return .helpScrolled(to: scroll(current - page))
        case .pageDown: return .helpScrolled(to: scroll(current + page))
        case .home: return .helpScrolled(to: 0)
        case .end: return .helpScrolled(to: lastScroll)
        default: return .helpToggled
        }
    }

    /// The key bar while the help is open.
    var hints: [KeyHint] {
        scrolls ? [KeyHint("↑↓ PgUp/PgDn", "scroll"), KeyHint("any other key", "close help")]
            : [KeyHint("any key", "close help")]
    }
}

extension Screens {
    /// Every key, from the key bindings' table, in a box over the screen,
    /// scrolled to `state.helpScroll`, marked where more is above or below.
    func drawHelp(_ canvas: inout Canvas, _ state: WizardState) {
        let help = HelpLayout(canvas.size)
        let scroll = help.scroll(state.helpScroll)
        let box = drawBox(&canvas, width: help.width, height: help.height, title: HelpLayout.title)
        for (index, row) in help.rows.dropFirst(scroll).prefix(help.visible).enumerated() {
            let y = box.y + 1 + index
            if row.note {
                canvas.put(row.text, x: box.x + 2, y: y, .muted, width: help.width - 4)
                continue
            }
            canvas.put(row.keys, x: box.x + 2, y: y, .heading)
            canvas.put(row.text, x: box.x + 2 + help.keyWidth, y: y, .normal, width: help.width - help.keyWidth - 4)
        }
        // The marks sit in the frame, so the meanings keep the whole width.
        let markX = box.x + help.width - 10
        if scroll > 0 { canvas.put(" ↑ more ", x: markX, y: box.y, .muted) }
        if scroll < help.lastScroll { canvas.put(" ↓ more ", x: markX, y: box.y + help.height - 1, .muted) }
    }
}
