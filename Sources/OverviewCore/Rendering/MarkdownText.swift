import Mustache

/// Markdown helpers for the page: escaping what users typed, and tidying what
/// templates produced into lint-clean Markdown.
public enum MarkdownText {

    /// markdownlint's default line length (MD013).
    public static let lineWidth = 80

    /// Prepended to every section body: `{{value}}` escapes with `escape(_:)`.
    static let pragma = "{{% CONTENT_TYPE: MARKDOWN}}"

    struct ContentType: MustacheContentType {
        func escapeText(_ text: String) -> String { MarkdownText.escape(text) }
    }

    static let registerContentType: Void = {
        MustacheContentTypes.register(ContentType(), named: "MARKDOWN")
    }()

    /// Makes user text show as itself on the website: no Markdown, no HTML, no
    /// autolinks, no Hugo shortcodes, no control characters. Works for the
    /// dialects the sites use, CommonMark with GitHub's and Hugo's extensions
    /// (goldmark: tables, strikethrough, linkify, definition lists, footnotes)
    /// and kramdown (Jekyll):
    ///
    /// - `<`, `>`, `&` and `~` become entities; characters that are markup
    ///   anywhere (`*`, `_`, `[`, `` ` ``, `{`, ...) get a backslash, so no
    ///   `{{<` or `{{%` reaches Hugo's shortcode reader;
    /// - those that are markup only at the start of a line (`-`, `+`, `#`, `=`,
    ///   `1.`, and `:`, a definition in both dialects) get one there;
    /// - what linkify and kramdown would turn into a link does not stay whole:
    ///   `://` becomes `\://`, the dot of `www.` and every `@` (a bare email
    ///   address, `mailto:`) become entities.
    ///
    /// Line breaks are kept (each line escaped on its own, leading spaces
    /// dropped so no line turns into a code block).
    public static func escape(_ text: String) -> String {
        // Letters, digits, spaces and the punctuation no rule below touches
        // come out as they are, but for a line's leading spaces: most answers
        // are such, and each went through the rules a character at a time
        // (a tenth of a template's render on every key typed).
        if text.utf8.allSatisfy(isPlainByte) {
            let start = text.utf8.firstIndex { $0 != UInt8(ascii: " ") } ?? text.endIndex
            return String(text[start...])
        }
        return escapeEachCharacter(text)
    }

    /// Bytes that `escapeEachCharacter` passes through unchanged wherever they are.
    static func isPlainByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: " "), UInt8(ascii: ","), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "!"), UInt8(ascii: "?"),
             UInt8(ascii: ";"), UInt8(ascii: "/"), UInt8(ascii: "%"):
            return true
        default:
            return false
        }
    }

    /// `escape`, by its rules, a character at a time.
    static func escapeEachCharacter(_ text: String) -> String {
        let unified = text.utf8.contains(UInt8(ascii: "\r")) ? text.replacingOccurrences(of: "\r\n", with: "\n") : text
        let cleaned = TerminalSafe.sanitize(unified, allowNewlines: true)
        return cleaned.lines.map { line in
            var out = ""
            let characters = Array(line.drop { $0 == " " })
            for (offset, character) in characters.enumerated() {
                switch character {
                case "<": out += "&lt;"
                case ">": out += "&gt;"
                case "&": out += "&amp;"
                case "~": out += "&#126;"
                case "@": out += "&#64;"
                case "\\", "`", "*", "_", "[", "]", "(", ")", "|", "{", "}", "$":
                    out.append("\\")
                    out.append(character)
                case "-", "+", "#", "=":
                    // `where` would bind to the last pattern only: test here.
                    if offset == 0 { out.append("\\") }
                    out.append(character)
                case ":" where offset == 0 || characters.dropFirst(offset + 1).starts(with: ["/", "/"]):
                    out += "\\:"
                case "." where offset >= 3 && characters[(offset - 3)..<offset].map { $0.lowercased() } == ["w", "w", "w"]:
                    out += "&#46;"
                case ".":
                    // "1." at the start of a line would begin a numbered list.
                    if offset > 0, characters.prefix(offset).allSatisfy(\.isNumber) { out += "\\." } else { out += "." }
                default: out.append(character)
                }
            }
            return out
        }.joined(separator: "\n")
    }

    /// Trailing spaces removed, runs of blank lines folded into one, no blank
    /// lines at either end, and no blank line between two items of the same
    /// list (templates may end every item with one; a list reads tighter
    /// without).
    static func tidy(_ text: String) -> String {
        var lines: [Substring] = []
        var inListItem = false
        for line in text.lines {
            let line = line.trimmingTrailingSpaces()
            if line.isEmpty {
                if !(lines.last?.isEmpty ?? true) { lines.append(line) }
                continue
            }
            if inListItem, line.hasPrefix("- "), lines.last?.isEmpty == true {
                lines.removeLast()
            }
            if line.hasPrefix("- ") {
                inListItem = true
            } else if !(inListItem && line.hasPrefix("  ")) {
                inListItem = false
            }
            lines.append(line)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    /// Wraps paragraphs and list items at `width` columns (markdownlint's
    /// MD013). Headings, tables, HTML and fenced code are left alone; a word
    /// too long for a line (a URL) gets a line of its own; no line is made to
    /// start with something Markdown would read as a new block.
    public static func wrap(_ text: String, width: Int = lineWidth) -> String {
        var out: [String] = []
        var inFence = false
        for line in text.lines {
            let line = String(line)
            if line.hasPrefix("```") || line.hasPrefix("~~~") { inFence.toggle() }
            if inFence || line.count <= width || line.hasPrefix("#") || line.hasPrefix("|")
                || line.hasPrefix("<") || line.hasPrefix("    ") {
                out.append(line)
                continue
            }
            let (marker, indent) = listMarker(line)
            // Words split at the space byte; lengths are counted in characters
            // and kept as the line grows rather than counted again per word.
            let words = line.utf8.dropFirst(marker.utf8.count)
                .split(separator: UInt8(ascii: " "), omittingEmptySubsequences: true).map(Substring.init)
            var current = marker
            var currentLength = marker.count
            var currentHasWord = false
            for word in words {
                let wordLength = word.count
                let candidateLength = currentLength + (currentHasWord ? 1 : 0) + wordLength
                if currentHasWord && candidateLength > width && !startsBlock(word) {
                    out.append(current)
                    current = indent + word
                    currentLength = indent.count + wordLength
                } else {
                    if currentHasWord { current += " " }
                    current += word
                    currentLength = candidateLength
                }
                currentHasWord = true
            }
            out.append(current)
        }
        return out.joined(separator: "\n")
    }

    /// The list marker at the start of `line` ("- ", "12. ", "  - ") and the
    /// indent its continuation lines need.
    public static func listMarker(_ line: String) -> (marker: String, indent: String) {
        let leading = line.prefix { $0 == " " }
        let rest = line.dropFirst(leading.count)
        for bullet in ["- ", "* ", "+ "] where rest.hasPrefix(bullet) {
            let marker = String(leading) + bullet
            return (marker, String(repeating: " ", count: marker.count))
        }
        let digits = rest.prefix { $0.isNumber }
        if !digits.isEmpty, rest.dropFirst(digits.count).hasPrefix(". ") {
            let marker = String(leading) + digits + ". "
            return (marker, String(repeating: " ", count: marker.count))
        }
        return (String(leading), String(leading))
    }

    /// Whether a line starting with `word` would open a block (list, heading,
    /// quote, setext underline, table, HTML, a definition in goldmark and
    /// kramdown).
    static func startsBlock(_ word: Substring) -> Bool {
        if let first = word.first, "-+*#>=|<:".contains(first) { return true }
        let digits = word.prefix { $0.isNumber }
        if !digits.isEmpty, let next = word.dropFirst(digits.count).first, next == "." || next == ")" { return true }
        return false
    }
}

extension Array where Element == String {
    /// The items named in a sentence: "a", "a and b", "a, b and c" (one
    /// "and", no comma before it), as the page, the plan's reasons and the
    /// screens list things.
    public var listedInSentence: String {
        guard let last else { return "" }
        return count == 1 ? last : dropLast().joined(separator: ", ") + " and " + last
    }

    /// `joined(separator:)`, specialized. The standard library's is an
    /// unspecialized generic whose first call looks its collection's types
    /// up at run time: 0.27M instructions, 2% of a revise's first frame.
    public func separated(by separator: String) -> String {
        var text = ""
        for (index, item) in enumerated() {
            if index > 0 { text += separator }
            text += item
        }
        return text
    }
}

extension String {
    /// The lines of the text, empty ones kept: `split(separator: "\n",
    /// omittingEmptySubsequences: false)`, but splitting the UTF-8 bytes. The
    /// Character-wise split walks grapheme clusters and was most of the time
    /// `tidy` and `wrap` took. (A "\r\n" leaves its "\r" on the line: the page's
    /// text has none, as `escape` and the catalog reader turn them into "\n".)
    public var lines: [Substring] {
        // The line breaks found in the bytes in one piece, then each line cut
        // at its offsets (constant time in a native string): the generic split
        // called a closure per byte, a twentieth of a key typed with the
        // section's preview showing.
        let breaks = utf8.withContiguousStorageIfAvailable { bytes in
            bytes.indices.filter { bytes[$0] == UInt8(ascii: "\n") }
        }
        guard let breaks else { return splitLines }
        var lines: [Substring] = []
        lines.reserveCapacity(breaks.count + 1)
        var start = utf8.startIndex
        for offset in breaks {
            let end = utf8.index(utf8.startIndex, offsetBy: offset)
            lines.append(Substring(utf8[start..<end]))
            start = utf8.index(after: end)
        }
        lines.append(Substring(utf8[start...]))
        return lines
    }

    /// `lines` by the standard library's split, for text not stored as one
    /// piece of UTF-8 (bridged).
    var splitLines: [Substring] {
        utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Substring.init)
    }
}
