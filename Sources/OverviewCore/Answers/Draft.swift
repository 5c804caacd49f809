import Foundation

/// The draft (`<answers file>.draft`): the answers as the wizard autosaves
/// them, headed by one comment line that says which version of the answers
/// file the draft started from. YAML ignores the comment, so the draft loads
/// as any answers file does; the wizard reads the line to tell a draft that
/// would undo a newer answers file (a `git pull` since) from one that would not.
///
/// ```yaml
/// # security-overview draft of security-overview.yml; started from sha256:1f2e3d4c5b6a7988
/// version: 1
/// ...
/// ```
public enum Draft {
    /// Which answers file a draft started from.
    public enum Base: Equatable, Sendable {
        /// The answers file as it was then: the digest of its bytes.
        case file(String)
        /// No answers file existed.
        case noFile
        /// A draft without the line (written by an older security-overview).
        case unknown

        /// The line's words for it.
        var word: String {
            switch self {
            case .file(let digest): "sha256:" + digest
            case .noFile, .unknown: "no file"
            }
        }
    }

    static let prefix = "# security-overview draft of "
    static let marker = "; started from "

    /// The draft's text: the header line, then the answers in the file's form.
    public static func text(_ answers: Answers, catalog: Catalog, answersFile: String, base: Base) -> String {
        header(answersFile: answersFile, base: base) + AnswersFile.serialize(answers, catalog: catalog)
    }

    /// The header line, newline included: what goes before the answers' text
    /// (the wizard keeps that text up to date a section at a time).
    public static func header(answersFile: String, base: Base) -> String {
        prefix + TerminalSafe.oneLine(FileStore.name(of: answersFile)) + marker + base.word + "\n"
    }

    /// The base a draft's text names in its first line.
    public static func base(of text: String) -> Base {
        guard let firstLine = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first,
              firstLine.hasPrefix(prefix), let range = firstLine.range(of: marker, options: .backwards) else { return .unknown }
        let word = firstLine[range.upperBound...]
        if word == "no file" { return .noFile }
        guard word.hasPrefix("sha256:") else { return .unknown }
        let digest = word.dropFirst("sha256:".count)
        guard digest.count == 16, digest.allSatisfy(\.isHexDigit) else { return .unknown }
        return .file(String(digest))
    }

    /// The answers file as it is now, as a draft's base: the digest of its
    /// bytes, or `.noFile` when there is none. Read as the answers file is
    /// (a regular file, within its size limit: never a pipe that would block);
    /// one that cannot be read is refused by the loading that follows.
    public static func base(ofFileAt path: String) -> Base {
        guard FileStore.exists(path), let text = try? AnswersFile.read(path) else { return .noFile }
        return base(ofText: text)
    }

    /// The base of answers text as it would be written.
    public static func base(ofText text: String) -> Base { .file(GeneratedMark.digest(text)) }

    /// The base of an answers file's text as read, `.noFile` for nil (no file).
    public static func base(ofFileText text: String?) -> Base { text.map(base(ofText:)) ?? .noFile }

    /// Whether the answers file changed since a draft with base `draft`
    /// started, given the file's base now. A draft that does not say (an
    /// older one) counts as changed when a file exists: nothing may be undone unseen.
    public static func fileChanged(since draft: Base, now: Base) -> Bool {
        switch draft {
        case .unknown: now != .noFile
        default: draft != now
        }
    }

    /// What resuming `draft` would change against the answers file `file`,
    /// one fact a line: the claims (`ChangeList`, as `diff` words them), then
    /// what prints nothing but would still be lost (the review date, the
    /// profile, notes, the outputs).
    public static func differences(file: Answers, draft: Answers, catalog: Catalog) -> [String] {
        let claims = ChangeList(from: file, to: draft, catalog: catalog)
        var lines = claims.added.map { "+ would claim: " + $0 }
            + claims.removed.map { "- would no longer claim: " + $0 }
            + claims.changed.map { "~ would change: " + $0 }
        if file.reviewed != draft.reviewed {
            lines.append("~ reviewed: \(file.reviewed ?? "none") → \(draft.reviewed ?? "none")")
        }
        if file.profile != draft.profile { lines.append("~ the company profile differs (what is recommended)") }
        if file.company.privacyContact != draft.company.privacyContact { lines.append("~ the privacy contact differs") }
        let notes = catalog.sections.filter { section in
            let a = file.sections[section.id], b = draft.sections[section.id]
            return a?.note != b?.note || (a?.notes ?? [:]) != (b?.notes ?? [:])
        }
        if !notes.isEmpty { lines.append("~ notes differ in " + notes.map(\.title).joined(separator: ", ")) }
        if file.outputs != draft.outputs { lines.append("~ the outputs (where and how files are written) differ") }
        if lines.isEmpty && file != draft {
            lines.append("~ answers that put nothing on the page differ (a no, a skip, a question left open)")
        }
        return lines
    }
}
