import OverviewCore

extension Screens {
    /// Below the minimum size: what to do, centred. Keys wait (see the reducer).
    func drawTooSmall(_ canvas: inout Canvas) {
        let size = canvas.size
        let lines = [
            "Please enlarge the window",
            "to at least \(Self.minimumSize.width)x\(Self.minimumSize.height)",
            "(now \(size.width)x\(size.height)).",
            "Nothing is lost: the wizard",
            "goes on when it is larger.",
            "Ctrl-C quits.",
        ]
        let top = max(0, (size.height - lines.count) / 2)
        for (index, line) in lines.enumerated() {
            let x = max(0, (size.width - TextWidth.of(line)) / 2)
            canvas.put(line, x: x, y: top + index, index == 0 ? .warning : .normal)
        }
    }
}
