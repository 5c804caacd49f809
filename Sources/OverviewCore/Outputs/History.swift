import Yams

/// A short, dated history of what the outputs claim, kept in the answers file
/// and written only by `export`, when the review date moves on:
///
/// ```yaml
/// history:                       # written by export; do not edit
///   claims:                      # what the outputs claimed at the latest review
///     data-encryption.at_rest: "true"
///   changes:                     # newest first
///     - reviewed: 2026-10-15
///       since: 2025-10-15
///       added: [...]
///       removed: [...]
///       changed: [...]
/// ```
///
/// The next review's changes are the claims then against `claims`. Changes
/// made after an export on the same review day count toward the next review.
public struct History: Equatable, Sendable {
    /// How many reviews the history keeps.
    public static let limit = 10

    public struct Entry: Equatable, Sendable {
        /// The review this entry records (`YYYY-MM-DD`).
        public var reviewed: String
        /// The review before it; nil for the first review recorded.
        public var since: String?
        public var changes: ChangeList

        public init(reviewed: String, since: String? = nil, changes: ChangeList = ChangeList()) {
            self.reviewed = reviewed
            self.since = since
            self.changes = changes
        }
    }

    public struct Snapshot: Equatable, Sendable {
        public var key: String
        public var value: String
    }

    /// The claims at the latest review, `key: value` (see `ClaimSet.snapshot`).
    public var claims: [Snapshot] = []
    /// Newest first.
    public var entries: [Entry] = []

    public init(claims: [Snapshot] = [], entries: [Entry] = []) {
        self.claims = claims
        self.entries = entries
    }

    public var isEmpty: Bool { claims.isEmpty && entries.isEmpty }

    /// The history with the review of `answers` recorded, when its date is
    /// later than the latest entry (or there is none yet); otherwise unchanged.
    public static func recording(_ answers: Answers, catalog: Catalog) -> History {
        let history = answers.history
        // Kept only when something shows it: the feed, or the page's "Changes since".
        guard answers.outputs.feed != nil || answers.outputs.showChanges == true else { return history }
        guard let text = answers.reviewed, let reviewed = ReviewDate(text) else { return history }
        let latest = history.entries.first
        if let latest, let day = ReviewDate(latest.reviewed), reviewed <= day { return history }
        let now = ClaimSet(answers, catalog: catalog)
        var entry = Entry(reviewed: text, since: latest?.reviewed)
        if latest != nil {
            let before = ClaimSet(snapshot: history.claims.map { ($0.key, $0.value) }, catalog: catalog)
            entry.changes = ChangeList(from: before, to: now, catalog: catalog)
        }
        return History(claims: now.snapshot.map { Snapshot(key: $0.key, value: $0.value) },
                       entries: Array(([entry] + history.entries).prefix(limit)))
    }

    // MARK: - In the answers file

    static func parse(_ node: Node, _ reader: YAMLReader) throws(InputError) -> History {
        var history = History()
        for (key, keyNode, value) in try reader.mapping(node, "history") {
            if YAMLReader.isNull(value) { continue }
            switch key {
            case "claims":
                for (claim, _, claimValue) in try reader.mapping(value, "history.claims") {
                    history.claims.append(Snapshot(key: claim, value: try reader.string(claimValue, "history.claims.\(claim)")))
                }
            case "changes":
                for item in try reader.sequence(value, "history.changes") {
                    var entry = Entry(reviewed: "")
                    for (field, fieldNode, fieldValue) in try reader.mapping(item, "an entry of history.changes") {
                        if YAMLReader.isNull(fieldValue) { continue }
                        let what = "history.changes.\(field)"
                        switch field {
                        case "reviewed", "since":
                            let date = try reader.string(fieldValue, what)
                            guard ReviewDate(date) != nil else { throw reader.error(fieldValue, "\(what) '\(date)' is not a date like 2026-11-29") }
                            if field == "reviewed" { entry.reviewed = date } else { entry.since = date }
                        case "added": entry.changes.added = try reader.stringList(fieldValue, what)
                        case "removed": entry.changes.removed = try reader.stringList(fieldValue, what)
                        case "changed": entry.changes.changed = try reader.stringList(fieldValue, what)
                        default:
                            throw reader.error(fieldNode, "unknown key '\(field)' in history.changes (reviewed, since, added, removed, changed)")
                        }
                    }
                    if entry.reviewed.isEmpty { throw reader.error(item, "an entry of history.changes has no 'reviewed'") }
                    history.entries.append(entry)
                }
            default:
                throw reader.error(keyNode, "unknown key '\(key)' in history (claims, changes); the history is written by export")
            }
        }
        return history
    }

    /// The `history:` block of the answers file, or nil when there is none.
    func node() -> Node? {
        guard !isEmpty else { return nil }
        var pairs: [(Node, Node)] = []
        if !claims.isEmpty {
            pairs.append((YAMLNode.plain("claims"), YAMLNode.map(claims.map { (YAMLNode.string($0.key), YAMLNode.string($0.value)) })))
        }
        if !entries.isEmpty {
            let items: [Node] = entries.map { entry in
                var fields: [(Node, Node)] = [(YAMLNode.plain("reviewed"), YAMLNode.plain(entry.reviewed))]
                if let since = entry.since { fields.append((YAMLNode.plain("since"), YAMLNode.plain(since))) }
                for (name, lines) in [("added", entry.changes.added), ("removed", entry.changes.removed), ("changed", entry.changes.changed)]
                where !lines.isEmpty {
                    fields.append((YAMLNode.plain(name), .sequence(.init(lines.map { YAMLNode.string($0) }, YAMLNode.sequenceTag, .block))))
                }
                return YAMLNode.map(fields)
            }
            pairs.append((YAMLNode.plain("changes"), .sequence(.init(items, YAMLNode.sequenceTag, .block))))
        }
        return YAMLNode.map(pairs)
    }

    /// The block as text, `history:` and all, ending in a newline.
    func text() -> String {
        guard let node = node() else { return "" }
        do {
            return try Yams.serialize(node: YAMLNode.map([(YAMLNode.plain("history"), node)]), indent: 2, width: -1,
                                      allowUnicode: true, sortKeys: false)
        } catch {
            preconditionFailure("could not write the history as YAML: \(error)")
        }
    }

    /// `text` (an answers file) with its `history:` block replaced by this
    /// history's, at the end; everything else, comments included, as it was.
    public func replacing(in text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        // The top-level key: `history:`, then nothing but spaces or a comment.
        let isKey = { (line: Substring) -> Bool in
            guard line.hasPrefix("history:") else { return false }
            let rest = line.dropFirst("history:".count).drop { $0 == " " || $0 == "\t" }
            return rest.isEmpty || rest.hasPrefix("#")
        }
        if let start = lines.firstIndex(where: isKey) {
            let rest = lines[(start + 1)...]
            let end = rest.firstIndex { line in
                guard let first = line.first else { return false }
                return first != " " && first != "#" && first != "-"
            } ?? lines.endIndex
            lines.removeSubrange(start..<end)
        }
        let kept = lines.joined(separator: "\n")
        return (kept.isEmpty ? "" : kept + "\n") + self.text()
    }
}
