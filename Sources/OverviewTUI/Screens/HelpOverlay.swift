import OverviewCore

extension Screens {
    /// Every key, from the key bindings' table, in a box over the screen.
    func drawHelp(_ canvas: inout Canvas) {
        let helpLines = KeyBinding.helpLines
        let keyWidth = helpLines.map { TextWidth.of($0.0) }.max()! + 2
        let textWidth = helpLines.map { TextWidth.of($0.1) }.max()!
        let width = min(canvas.size.width - 4, keyWidth + textWidth + 4)
        // Every key first: on a short screen the note about the draft goes,
        // and the box may cover the title bar; the bottom bar stays, saying
        // how to close it (the last keys, for lists and the review, are on
        // the key bar where they work).
        let withNote = helpLines.count + 4
        let showNote = withNote <= canvas.size.height - 2
        let height = showNote ? withNote : min(canvas.size.height - 1, helpLines.count + 2)
        let box = drawBox(&canvas, width: width, height: height, title: "Keys (^ is Ctrl)")
        for (index, (key, meaning)) in helpLines.prefix(height - (showNote ? 4 : 2)).enumerated() {
            canvas.put(key, x: box.x + 2, y: box.y + 1 + index, .heading)
            canvas.put(TextWidth.truncate(meaning, to: width - keyWidth - 4), x: box.x + 2 + keyWidth, y: box.y + 1 + index, .normal)
        }
        if showNote {
            canvas.put("Your answers are autosaved as a draft after every change.", x: box.x + 2, y: box.y + height - 2, .muted, width: width - 4)
        }
    }
}
