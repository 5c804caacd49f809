import Testing
@testable import OverviewCore
@testable import OverviewTUI

/// Columns as the terminal draws them, so nothing runs past its box.
@Suite("Canvas widths")
struct CanvasWidthTests {
    static let family = "👩\u{200D}👩\u{200D}👧\u{200D}👦"

    @Test("A ZWJ sequence counts as its parts side by side, as ncurses and tmux draw it")
    func zwjSequences() {
        #expect(Character(Self.family).unicodeScalars.count == 7, "one grapheme of seven scalars")
        #expect(TextWidth.of(Character(Self.family)) == 8)
        #expect(TextWidth.of("a" + Self.family + "b") == 10)
        #expect(TextWidth.of("日本") == 4, "wide characters are unchanged")
    }

    @Test("A wide sequence covers its columns, and drawing over part of it clears the rest")
    func coveringAndClearing() {
        var canvas = Canvas(Size(width: 12, height: 1))
        let end = canvas.put("[" + Self.family + "]", x: 0, y: 0)
        #expect(end == 10)
        #expect(canvas.rows[0][1].text == Self.family)
        #expect((2...8).allSatisfy { canvas.rows[0][$0].text == nil })
        #expect(canvas.rows[0][9].text == "]")
        canvas.put("x", x: 4, y: 0)
        #expect(canvas.line(0) == "[   x    ]  ", "no half of the sequence is left behind")
    }

    @Test("ASCII drawn a byte a cell lands as drawn a grapheme at a time, over wide characters, clipped and off the edges")
    func asciiAsGraphemes() {
        let under = ["", "日本語の文", "[" + Self.family + "]", "ab日cd本ef"]
        let texts = ["", "x", "hello", "a b\tc", "a\u{7F}b", "0123456789abcdefghij", "  ", "[x] Yes"]
        for base in under {
            for text in texts {
                for x in -3...13 {
                    for width in [nil, 0, 1, 3, 20] as [Int?] {
                        var fast = Canvas(Size(width: 12, height: 1)), slow = fast
                        fast.put(base, x: 0, y: 0)
                        slow.put(base, x: 0, y: 0)
                        let end = fast.put(text, x: x, y: 0, .muted, width: width)
                        let limit = min(12, x + (width ?? 12))
                        let slowEnd = x < 12 ? slow.putGraphemes(TerminalSafe.sanitize(text, allowNewlines: false), x: x, y: 0, limit: limit, .muted) : x
                        #expect(fast == slow && end == slowEnd, "\(text.debugDescription) at \(x), width \(width as Any), over \(base)")
                    }
                }
            }
        }
    }

    @Test("In a multi-line box the sequence wraps inside the box's edges")
    func multilineBox() {
        var state = SnapshotTests.profiled()
        state.step = .section("security-team")
        state.viewport = Size(width: 80, height: 24)
        let items = testWizard.items(state)
        state.focus = items.firstIndex { if case .text = $0 { return true } else { return false } }!
        testWizard.reduce(into: &state, action: .textTyped(String(repeating: Self.family, count: 12)))
        var memory = ScreenMemory()
        let canvas = Screens(wizard: testWizard).render(state, memory: &memory)
        for y in 0..<canvas.size.height {
            let columns = canvas.rows[y].reduce(0) { $0 + ($1.text.map { TextWidth.of($0) } ?? 0) }
            #expect(columns <= 80, "row \(y) is \(columns) columns wide: \(canvas.line(y))")
        }
    }
}

@Suite("The multi-line box wraps as you type")
struct MultilineWrapTests {
    @Test("Rows break after a space that fits; a word longer than the row is cut; line breaks start rows")
    func rows() {
        let text = Array("one two three\nfourfivesixseven")
        let rows = Screens.wrappedRows(text, width: 8).map { String(text[$0]) }
        #expect(rows == ["one two ", "three", "fourfive", "sixseven"])
        #expect(Screens.wrappedRows([], width: 8).count == 1, "an empty text is one empty row")
    }

    @Test("A long answer shows its first rows unfocused and the caret's rows while typing, inside the box")
    func longAnswer() {
        var state = SnapshotTests.profiled()
        state.step = .section("security-team")
        state.viewport = Size(width: 80, height: 24)
        let field = testWizard.items(state).compactMap { item -> FieldID? in
            if case .text(let field) = item { return field } else { return nil }
        }.first!
        state.focus = testWizard.items(state).firstIndex(of: .text(field))!
        let words = (1...40).map { "word\($0)" }.joined(separator: " ")
        testWizard.reduce(into: &state, action: .textTyped(words))
        var memory = ScreenMemory()
        let canvas = Screens(wizard: testWizard).render(state, memory: &memory)
        let screen = (0..<24).map(canvas.line)
        #expect(screen.contains { $0.contains("word40") }, "the end being typed shows:\n\(screen.joined(separator: "\n"))")
        #expect(canvas.cursor != nil)
        // Unfocused: the start shows.
        testWizard.reduce(into: &state, action: .focusMoved(by: 1))
        let after = Screens(wizard: testWizard).render(state, memory: &memory)
        #expect((0..<24).map(after.line).contains { $0.contains("word1 word2") })
    }
}

@Suite("Previews read as the page does")
struct FormattedPreviewTests {
    @Test("Links show their text, escapes and entities their characters, bullets a dot; comments and heading ids go")
    func formatted() {
        let markdown = """
        ## Data encryption {#data-encryption}

        Write to [security@example.com](mailto:security@example.com) about \\*this\\* &lt;today&gt;.

        - [Amazon Web Services (AWS)](https://aws.amazon.com/security/)
        - **Bold** claims

        <!-- generated by security-overview -->
        """
        let lines = PagePreview.lines(markdown, width: 40)
        #expect(lines == [
            "## Data encryption",
            "",
            "Write to security@example.com about",
            "*this* <today>.",
            "",
            "• Amazon Web Services (AWS)",
            "• Bold claims",
        ])
        #expect(PagePreview.heading(lines[0]) == "Data encryption")
        #expect(PagePreview.heading(lines[2]) == nil)
    }
}
