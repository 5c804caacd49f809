/// Table rows that markdownlint's line length (MD013) accepts. A table row
/// cannot wrap, and a table of subprocessors easily runs past 80 columns; the
/// linter, by default, lets a long line pass when nothing after the limit is a
/// space (so that a long URL is not an error). Past the limit, a row here has
/// no padding around its `|` and writes each space inside a cell as `&#32;`,
/// which every Markdown engine shows as an ordinary space. Rows that fit are
/// left as they are.
enum TableRows {
    static func fit(_ text: String, width: Int = MarkdownText.lineWidth) -> String {
        guard text.utf8.contains(UInt8(ascii: "|")) else { return text }
        var inFence = false
        return text.lines.map { line -> String in
            if line.hasPrefix("```") || line.hasPrefix("~~~") { inFence.toggle() }
            guard !inFence, line.hasPrefix("|"), line.count > width else { return String(line) }
            return fitRow(Array(line), width: width)
        }.joined(separator: "\n")
    }

    static func fitRow(_ characters: [Character], width: Int) -> String {
        var out = ""
        var column = 0
        for (index, character) in characters.enumerated() {
            // Leave room for the entity itself: from a few columns before the
            // limit on, no space is written as a space.
            guard character == " ", column >= width - 6 else {
                out.append(character)
                column += 1
                continue
            }
            let previous = index > 0 ? characters[index - 1] : nil
            let next = index + 1 < characters.count ? characters[index + 1] : nil
            let escapedPipeBefore = previous == "|" && index > 1 && characters[index - 2] == "\\"
            if (previous == "|" && !escapedPipeBefore) || next == "|" {
                continue  // padding beside a cell border: not part of the cell
            }
            out += "&#32;"
            column += 5
        }
        return out
    }
}
