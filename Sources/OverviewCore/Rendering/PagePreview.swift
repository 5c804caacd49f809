import Foundation

/// The page as a preview shows it: each paragraph and list item wrapped to
/// the preview's width, keeping its Markdown shape.
public enum PagePreview {
    /// The preview's lines of `markdown` at `width` columns.
    public static func lines(_ markdown: String, width: Int) -> [String] {
        var lines: [String] = []
        for block in blocks(markdown) {
            lines += block.isEmpty ? [""] : wrap(block, to: max(10, width))
        }
        while lines.last == "" { lines.removeLast() }
        return lines
    }

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
        for raw in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(raw)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            let starts = trimmed.hasPrefix("#") || trimmed.hasPrefix("- ") || trimmed.hasPrefix("* ")
                || trimmed.hasPrefix("<!--") || trimmed.hasPrefix("|") || trimmed.first.map(\.isNumber) == true
            if trimmed.isEmpty {
                if let done = current { blocks.append(done) }
                current = nil
                blocks.append("")
            } else if let open = current, !starts {
                current = open + " " + trimmed
            } else {
                if let done = current { blocks.append(done) }
                current = line
            }
        }
        if let done = current { blocks.append(done) }
        return blocks
    }
}
