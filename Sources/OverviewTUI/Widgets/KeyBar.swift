import OverviewCore

extension Screens {
    /// The bottom row: the keys that work here. When it is too narrow, the
    /// hints with the lowest `drop` rank go first; those without one stay.
    func drawKeyBar(_ canvas: inout Canvas, _ hints: [KeyHint]) {
        let y = canvas.size.height - 1
        let width = canvas.size.width
        canvas.fill(x: 0, y: y, width: width, height: 1, .keyBar)
        // Each hint measured once: measuring the lot again for every rank
        // dropped was 3% of a key typed.
        var shown = hints.map { (hint: $0, width: TextWidth.of($0.keys) + 1 + TextWidth.of($0.meaning)) }
        func total() -> Int { shown.reduce(0) { $0 + $1.width + 2 } }
        let ranks = Set(hints.compactMap(\.drop)).sorted()
        for rank in ranks where total() > width - 1 {
            shown.removeAll { $0.hint.drop == rank }
        }
        var x = 1
        for (hint, needed) in shown {
            if x + needed > width - 1 { break }
            x = canvas.put(hint.keys, x: x, y: y, Style(.title, bold: true, reverse: true))
            x = canvas.put(" " + hint.meaning, x: x, y: y, .keyBar) + 2
        }
    }
}
