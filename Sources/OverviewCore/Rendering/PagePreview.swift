import Foundation

/// The page as a preview shows it: each paragraph and list item wrapped to
/// the preview's width, keeping its Markdown shape.
public enum PagePreview {
    /// The preview's lines of `markdown` at `width` columns, formatted as a
    /// reader sees the page: links as their text, no backslash escapes or
    /// entities, bullets as "•", no HTML comments. Headings keep their "#"
    /// marks, for the screen to style them (`heading(_:)`).
    public static func lines(_ markdown: String, width: Int) -> [String] {
        var memo = Memo()
        return lines(markdown, width: width, memo: &memo)
    }

    /// Each block's lines as last laid out at one width: a key typed in a
    /// section changes one block of its preview, and the others are not
    /// wrapped again.
    public struct Memo: Sendable {
        var width = 0
        var blocks: [String: [String]] = [:]
        public init() {}
    }

    /// `lines(_:width:)`, taking the blocks laid out before from `memo`.
    public static func lines(_ markdown: String, width: Int, memo: inout Memo) -> [String] {
        // What a wider or narrower window, or a long walk, left behind goes.
        if memo.width != width || memo.blocks.count > 4_096 { memo = Memo(); memo.width = width }
        var lines: [String] = []
        for block in blocks(markdown) where !block.hasPrefix("<!--") {
            if block.isEmpty {
                if lines.last != "" { lines.append("") }
                continue
            }
            if let kept = memo.blocks[block] {
                lines += kept
                continue
            }
            let laidOut = blockLines(block, width: width)
            memo.blocks[block] = laidOut
            lines += laidOut
        }
        while lines.first == "" { lines.removeFirst() }
        while lines.last == "" { lines.removeLast() }
        return lines
    }

    /// One block (not empty) as the preview shows it.
    static func blockLines(_ block: String, width: Int) -> [String] {
        let (marker, _) = MarkdownText.listMarker(block)
        let wrapped = wrap(readable(block), to: max(10, width))
        guard marker.count >= 2, "-*+".contains(marker[marker.index(marker.endIndex, offsetBy: -2)]), let first = wrapped.first else {
            return wrapped
        }
        var characters = Array(first)
        characters[marker.count - 2] = "•"
        return [String(characters)] + wrapped.dropFirst()
    }

    /// A heading line's text without its "#" marks, or nil for other lines.
    public static func heading(_ line: String) -> String? {
        guard line.hasPrefix("#") else { return nil }
        return String(line.drop { $0 == "#" }.drop { $0 == " " })
    }

    /// One block's inline Markdown as a reader sees it: `[text](url)` as its
    /// text, `**` dropped, backslash escapes and the entities the escaper
    /// writes turned back into their characters. `{#id}` heading ids go.
    static func readable(_ block: String) -> String {
        var text = block
        if text.hasPrefix("#"), let id = text.range(of: " {#", options: .backwards), text.hasSuffix("}") {
            text = String(text[..<id.lowerBound])
        }
        // Each step runs only on a block holding the character it looks for:
        // most blocks hold none, and the regular expressions (through
        // NSString) were most of the cost of a section's live preview.
        if has(text, "[") {
            text = linkPattern.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "$1")
        }
        if has(text, "*") { text = text.replacingOccurrences(of: "**", with: "") }
        var out = ""
        if has(text, "\\") {
            var escaped = false
            for character in text {
                if escaped || character != "\\" { out.append(character); escaped = false } else { escaped = true }
            }
        } else {
            out = text
        }
        guard has(out, "&") else { return out }
        // Numeric entities (&#64; for @, &#126; for ~), then the named ones.
        let matches = numericEntity.matches(in: out, range: NSRange(out.startIndex..., in: out))
        for match in matches.reversed() {
            guard let range = Range(match.range, in: out), let digits = Range(match.range(at: 1), in: out),
                  let value = UInt32(out[digits]), let scalar = Unicode.Scalar(value), !TerminalSafe.hasControlCharacters(String(scalar), allowingLayout: false)
            else { continue }
            out.replaceSubrange(range, with: String(scalar))
        }
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&amp;", "&")] {
            out = out.replacingOccurrences(of: entity, with: character)
        }
        return out
    }

    /// Whether `text` holds the ASCII character `ascii` (one pass over its bytes).
    static func has(_ text: String, _ ascii: Unicode.Scalar) -> Bool {
        text.utf8.contains(UInt8(ascii: ascii))
    }

    /// `&#64;`: a character written by its number.
    static let numericEntity = try! NSRegularExpression(pattern: "&#([0-9]{1,7});")

    /// `[text](target)` where the `[` is not escaped.
    static let linkPattern = try! NSRegularExpression(pattern: #"(?<!\\)\[((?:\\.|[^\]\\])*)\]\([^)\s]*\)"#)

    /// `line` wrapped to `width` columns keeping its Markdown shape: its leading
    /// spaces, and under a list item's marker ("- ", "12. ") a hanging indent.
    public static func wrap(_ line: String, to width: Int) -> [String] {
        let (marker, indent) = MarkdownText.listMarker(line)
        guard width - indent.count >= 10 else { return TextWidth.wrap(line, to: width) }
        let pieces = TextWidth.wrap(String(line.dropFirst(marker.count)), to: width - indent.count)
        return pieces.enumerated().map { offset, piece in (offset == 0 ? marker : indent) + piece }
    }

    /// The page's lines with each paragraph or list item joined back into one
    /// line (the renderer wraps at 80 columns; the preview wraps to its width).
    public static func blocks(_ markdown: String) -> [String] {
        var blocks: [String] = []
        var current: String?
        for raw in markdown.lines {
            let line = String(raw)
            let trimmed = raw.blankTrimmed
            let starts = trimmed.hasPrefix("#") || trimmed.hasPrefix("- ") || trimmed.hasPrefix("* ")
                || trimmed.hasPrefix("<!--") || trimmed.hasPrefix("|") || trimmed.first.map(\.isNumber) == true
            if trimmed.isEmpty {
                if let done = current { blocks.append(done) }
                current = nil
                blocks.append("")
            } else if let open = current, !starts {
                current = open + " " + String(trimmed)
            } else {
                if let done = current { blocks.append(done) }
                current = line
            }
        }
        if let done = current { blocks.append(done) }
        return blocks
    }
}
