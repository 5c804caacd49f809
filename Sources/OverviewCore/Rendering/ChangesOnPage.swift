/// "Changes since <date>" at the end of the page, when `outputs.show_changes`
/// asks for it: the latest review's changes from the answers file's history.
enum ChangesOnPage {
    static func markdown(_ answers: Answers, format: PageFormat) -> String? {
        guard answers.outputs.showChanges == true, let entry = answers.history.entries.first,
              let since = entry.since, !entry.changes.isEmpty else { return nil }
        var parts = ["## Changes since \(since)\(format == .markdown ? "" : " {#changes}")"]
        for (heading, items) in [("Now claimed:", entry.changes.added), ("No longer claimed:", entry.changes.removed),
                                 ("Changed:", entry.changes.changed)] where !items.isEmpty {
            parts.append(heading)
            parts.append(items.map { "- " + MarkdownText.escape(TerminalSafe.oneLine($0)) }.joined(separator: "\n"))
        }
        return parts.joined(separator: "\n\n")
    }
}
