import OverviewCore

/// How a cell looks. Colour roles, not colours: the backend maps them to
/// colour pairs, or to plain attributes when the terminal has no colour.
public struct Style: Hashable, Sendable {
    public enum Role: UInt8, Sendable, CaseIterable {
        case normal, title, accent, muted, good, warning, error, selected
    }
    public var role: Role
    public var bold: Bool
    public var reverse: Bool
    public var underline: Bool

    public init(_ role: Role = .normal, bold: Bool = false, reverse: Bool = false, underline: Bool = false) {
        self.role = role
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
    }

    /// Inlinable, as `Cell`'s: the terminal compares every cell of a frame
    /// with the last frame's, and a call per cell was 2% of a key typed.
    @inlinable
    public static func == (a: Style, b: Style) -> Bool {
        a.role.rawValue == b.role.rawValue && a.bold == b.bold && a.reverse == b.reverse && a.underline == b.underline
    }

    public static let normal = Style()
    public static let title = Style(.title, bold: true, reverse: true)
    public static let heading = Style(.accent, bold: true)
    public static let muted = Style(.muted)
    public static let focused = Style(.selected, bold: true, reverse: true)
    public static let good = Style(.good)
    public static let warning = Style(.warning, bold: true)
    public static let error = Style(.error, bold: true)
    public static let keyBar = Style(.title, reverse: true)
}

/// One terminal cell: a grapheme and its style. The cell after a wide
/// character holds `nil` (it is covered by the character before it).
public struct Cell: Hashable, Sendable {
    public var text: String?
    public var style: Style
    public init(_ text: String? = " ", _ style: Style = .normal) {
        self.text = text
        self.style = style
    }

    @inlinable
    public static func == (a: Cell, b: Cell) -> Bool { a.style == b.style && a.text == b.text }
}

/// A grid of cells the screens draw into; a backend puts it on the terminal.
/// Everything drawn passes `TerminalSafe.sanitize` first, so no control
/// character reaches the terminal from user text or files.
public struct Canvas: Equatable, Sendable {
    public let size: Size
    public private(set) var rows: [[Cell]]
    /// Where the terminal cursor shows (a text field's caret), if anywhere.
    public var cursor: (x: Int, y: Int)? {
        get { cursorX.flatMap { x in cursorY.map { (x, $0) } } }
        set { cursorX = newValue?.x; cursorY = newValue?.y }
    }
    private var cursorX: Int?
    private var cursorY: Int?

    public init(_ size: Size) {
        self.size = size
        // A buffer of its own for every row: rows made by repeating one row
        // shared its buffer, and the first cell drawn on each row copied it
        // (3% of the instructions of a key typed in a section).
        let width = max(size.width, 0)
        rows = (0..<max(size.height, 0)).map { _ in Array(repeating: Cell(), count: width) }
    }

    /// Draws `text` at (x, y), clipped to `width` columns (default: to the edge).
    /// Returns the column after the last character drawn.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, _ style: Style = .normal, width: Int? = nil) -> Int {
        guard y >= 0, y < size.height, x < size.width else { return x }
        let limit = min(size.width, x + (width ?? size.width))
        let clean = TerminalSafe.sanitize(text, allowNewlines: false)
        // Printable ASCII (all that is left of ASCII once sanitized) is a cell
        // a byte: no grapheme clusters to walk, no widths to look up. Most of
        // what a frame draws is, and walking it was a fifth of a key's frame.
        let drawn: Int? = clean.utf8.withContiguousStorageIfAvailable { bytes in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            return putASCII(bytes, x: x, y: y, limit: limit, style)
        } ?? nil
        if let drawn { return drawn }
        return putGraphemes(clean, x: x, y: y, limit: limit, style)
    }

    /// `put` for printable ASCII: one cell a byte, written into the row in
    /// one go, its two ends looked at for a wide character cut (`place`
    /// looks at every character's).
    private mutating func putASCII(_ bytes: UnsafeBufferPointer<UInt8>, x: Int, y: Int, limit: Int, _ style: Style) -> Int {
        let end = min(x + bytes.count, limit)
        let first = max(x, 0)
        guard first < end else { return max(x, end) }
        rows[y].withUnsafeMutableBufferPointer { row in
            Self.clearCutWideCharacters(row, from: first, to: end)
            for column in first..<end { row[column] = Cell(Self.asciiCells[Int(bytes[column - x])], style) }
        }
        return end
    }

    /// `put` a grapheme cluster at a time, for sanitized text.
    mutating func putGraphemes(_ clean: String, x: Int, y: Int, limit: Int, _ style: Style) -> Int {
        var column = x
        for grapheme in clean {
            let w = TextWidth.of(grapheme)
            if w == 0 { continue }
            if column + w > limit { break }
            if column >= 0 { place(String(grapheme), width: w, column: column, y: y, style) }
            column += w
        }
        return column
    }

    /// Each ASCII character as the text of a cell.
    private static let asciiCells: [String] = (0..<128).map { String(Unicode.Scalar(UInt8($0))) }

    /// Puts a character `w` columns wide at `column` of row `y`.
    private mutating func place(_ text: String, width w: Int, column: Int, y: Int, _ style: Style) {
        rows[y].withUnsafeMutableBufferPointer { row in
            Self.clearCutWideCharacters(row, from: column, to: column + w)
            row[column] = Cell(text, style)
            // The columns a wide character covers hold nothing of their own.
            for k in 1..<w where column + k < row.count { row[column + k] = Cell(nil, style) }
        }
    }

    /// Drawing over part of a wide character clears the rest of it: before
    /// columns `start..<end` are drawn over, the wide character whose covered
    /// columns `start` falls in, and the covered columns from `end` on, become
    /// spaces. Only a run's two ends can cut one.
    private static func clearCutWideCharacters(_ row: UnsafeMutableBufferPointer<Cell>, from start: Int, to end: Int) {
        if row[start].text == nil {
            var head = start - 1
            while head > 0, row[head].text == nil { head -= 1 }
            if head >= 0 { row[head] = Cell(" ", row[head].style) }
            for k in max(head + 1, 0)..<start { row[k] = Cell(" ", row[k].style) }
        }
        var after = end
        while after < row.count, row[after].text == nil {
            row[after] = Cell(" ", row[after].style)
            after += 1
        }
    }

    /// Fills a rectangle with spaces in `style`.
    public mutating func fill(x: Int, y: Int, width: Int, height: Int, _ style: Style = .normal) {
        for row in max(y, 0)..<min(y + height, size.height) {
            for column in max(x, 0)..<min(x + width, size.width) {
                rows[row][column] = Cell(" ", style)
            }
        }
    }

    /// Sets the style of existing cells (to highlight a line).
    public mutating func restyle(x: Int, y: Int, width: Int, _ style: Style) {
        guard y >= 0, y < size.height else { return }
        for column in max(x, 0)..<min(x + width, size.width) { rows[y][column].style = style }
    }

    /// The canvas as text, one line per row, trailing spaces kept.
    public var text: String {
        rows.map { row in row.map { $0.text ?? "" }.joined() }.joined(separator: "\n")
    }

    /// One row as text.
    public func line(_ y: Int) -> String { rows[y].map { $0.text ?? "" }.joined() }

    public static func == (a: Canvas, b: Canvas) -> Bool {
        a.size == b.size && a.rows == b.rows && a.cursorX == b.cursorX && a.cursorY == b.cursorY
    }
}
