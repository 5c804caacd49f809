import Ink

/// The page as HTML: a standalone page (`render --format html`) or a fragment
/// to paste into a site builder (`--format html-fragment`).
///
/// Each section's Markdown, the same text the Markdown page prints, is
/// converted by Ink; only the frame around it (landmarks, headings with their
/// ids, the inline style) is written here. Answers arrive already escaped by
/// `MarkdownText.escape`, so they carry no tag, script or attribute; what
/// Ink would misread in that escaping is settled in `inkInput(_:)`.
public enum HTMLPage {
    static func render(_ renderer: PageRenderer, _ answers: Answers, standalone: Bool) -> String {
        let name = answers.company.name.map(TerminalSafe.oneLine)
        let title = name.map { "\($0) Security Overview" } ?? "Security Overview"
        var sections: [String] = []
        for (section, markdown) in renderer.renderedSections(answers) {
            let id = section.anchor ?? section.id
            sections.append("<section aria-labelledby=\"\(escape(id))\">\n"
                + "<h2 id=\"\(escape(id))\">\(escape(section.title))</h2>\n"
                + html(markdown) + "\n</section>\n")
        }
        let reviewed = answers.reviewed.map { "<p>Last reviewed: <time datetime=\"\(escape($0))\">\(escape($0))</time>.</p>\n" }
        let text: String
        if standalone {
            let description = name.map { "Security practices at \($0)" } ?? "Security practices"
            text = """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <meta name="description" content="\(escape(description))">
                <title>\(escape(title))</title>
                <style>
                \(style)
                </style>
                </head>
                <body>
                <header>
                <h1>\(escape(title))</h1>
                </header>
                <main>

                """ + sections.joined(separator: "\n") + "</main>\n"
                + (reviewed.map { "<footer>\n\($0)</footer>\n" } ?? "")
                + "</body>\n</html>\n"
        } else {
            text = "<div class=\"security-overview\">\n" + sections.joined(separator: "\n")
                + (reviewed.map { "<p class=\"security-overview-reviewed\">" + $0.dropFirst(3) } ?? "")
                + "</div>\n"
        }
        return GeneratedMark.apply(to: text, style: .html)
    }

    /// Readable on a screen, and on paper: one column of comfortable width,
    /// system fonts (nothing to fetch), link addresses printed after links.
    static let style = """
        body { margin: 0; color: #1b1b1b; background: #fff; font: 1.0625rem/1.6 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
        header, main, footer { max-width: 42rem; margin: 0 auto; padding: 0 1.25rem; }
        h1 { font-size: 2rem; line-height: 1.2; margin: 2.5rem 0 1.5rem; }
        h2 { font-size: 1.35rem; line-height: 1.3; margin: 2rem 0 .5rem; padding-top: 1.25rem; border-top: 1px solid #d0d0d0; }
        a { color: #0b57d0; }
        li { margin: .25rem 0; }
        footer { margin-top: 2rem; margin-bottom: 3rem; color: #4a4a4a; font-size: .9rem; }
        @media print {
          body { font-size: 11pt; color: #000; }
          a { color: #000; }
          a[href^="http"]::after { content: " (" attr(href) ")"; font-size: .85em; }
          h2 { break-after: avoid; }
          section { break-inside: avoid-page; }
        }
        """

    /// One section's Markdown as HTML, a block element per line.
    static func html(_ markdown: String) -> String {
        var html = MarkdownParser().html(from: inkInput(markdown))
        for tag in ["p", "ul", "ol", "li", "blockquote", "h3", "h4", "pre", "table", "hr"] {
            html = html.replacingOccurrences(of: "</\(tag)><", with: "</\(tag)>\n<")
        }
        return html.replacingOccurrences(of: "<ul><", with: "<ul>\n<").replacingOccurrences(of: "<ol><", with: "<ol>\n<")
    }

    /// The Markdown as Ink reads it. Ink drops a backslash and then reads the
    /// character after it as markup (`\*` would open emphasis, `\-` at the
    /// start of a line would end the paragraph), where CommonMark prints the
    /// character itself. So every backslash escape outside code becomes the
    /// character's numeric reference, which Ink passes through untouched and
    /// a browser shows as the character.
    static func inkInput(_ markdown: String) -> String {
        var out = ""
        out.reserveCapacity(markdown.utf8.count)
        var inCode = false
        var characters = markdown.makeIterator()
        var pending: Character? = characters.next()
        while let character = pending {
            pending = characters.next()
            if character == "`" {
                inCode.toggle()
                out.append(character)
            } else if character == "\\", !inCode, let next = pending, next.isASCII, next.isPunctuation || next.isSymbol {
                out += "&#\(next.asciiValue!);"
                pending = characters.next()
            } else {
                out.append(character)
            }
        }
        return out
    }

    /// Text for HTML: markup characters as references.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }
}
