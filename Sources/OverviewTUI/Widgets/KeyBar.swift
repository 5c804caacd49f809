import OverviewCore

extension Screens {
    /// The bottom row: the keys that work here. When it is too narrow, the
    /// hints with the lowest `drop` rank go first; those without one stay.
    func drawKeyBar(_ canvas: inout Canvas, _ hints: [KeyHint]) {
        let y = canvas.size.height - 1
        let width = canvas.size.width
        canvas.fill(x: 0, y: y, width: width, height: 1, .keyBar)
        var shown = hints
        func total(_ list: [KeyHint]) -> Int {
            list.reduce(0) { $0 + TextWidth.of($1.keys) + 1 + TextWidth.of($1.meaning) + 2 }
        }
        let ranks = Set(hints.compactMap(\.drop)).sorted()
        for rank in ranks where total(shown) > width - 1 {
            shown.removeAll { $0.drop == rank }
        }
        var x = 1
        for hint in shown {
            let needed = TextWidth.of(hint.keys) + 1 + TextWidth.of(hint.meaning)
            if x + needed > width - 1 { break }
            x = canvas.put(hint.keys, x: x, y: y, Style(.title, bold: true, reverse: true))
            x = canvas.put(" " + hint.meaning, x: x, y: y, .keyBar) + 2
        }
    }
}
