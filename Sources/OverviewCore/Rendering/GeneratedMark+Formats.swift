import Foundation

/// The generated-by mark in files that cannot end in a comment line: the
/// trust file (JSON has no comments) and a clear-signed security.txt (the
/// mark is inside the signed text).
extension GeneratedMark {
    /// The key that carries the mark in the trust file.
    static let jsonKey = "generated_by"
    private static let placeholder = String(repeating: "0", count: 16)

    /// `root` as sorted, pretty-printed JSON ending in a newline, with a
    /// `generated_by` key whose digest covers the whole text as written with
    /// sixteen zeros in the digest's place.
    static func applyJSON(to root: [String: JSONValue]) -> String {
        var root = root
        root[jsonKey] = .string("\(tool); sha256:\(placeholder)")
        let text = JSONValue.object(root).text + "\n"
        return replacingJSONDigest(in: text, with: digest(text)) ?? text
    }

    /// The top-level `generated_by` line: two spaces of indent, so a nested
    /// key or a user's text (a JSON string never holds a raw line break) cannot pass for it.
    private static func jsonMarkLine(in lines: [Substring]) -> Int? {
        lines.firstIndex { $0.hasPrefix("  \"\(jsonKey)\" : \"\(tool); sha256:") || $0.hasPrefix("  \"\(jsonKey)\": \"\(tool); sha256:") }
    }

    private static func replacingJSONDigest(in text: String, with digest: String) -> String? {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let index = jsonMarkLine(in: lines), let range = lines[index].range(of: "; sha256:") else { return nil }
        let line = lines[index]
        let start = range.upperBound
        guard let end = line.index(start, offsetBy: 16, limitedBy: line.endIndex) else { return nil }
        lines[index] = line[..<start] + Substring(digest) + line[end...]
        return lines.joined(separator: "\n")
    }

    /// The state of a trust file, or nil when `text` is not one of ours in JSON.
    static func jsonState(of text: String) -> State? {
        guard text.hasPrefix("{") else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let index = jsonMarkLine(in: lines), let range = lines[index].range(of: "; sha256:") else { return .foreign }
        let found = String(lines[index][range.upperBound...].prefix(16))
        guard let blank = replacingJSONDigest(in: text, with: placeholder) else { return .foreign }
        return digest(blank) == found ? .untouched : .edited
    }

    // MARK: - In a page's front matter (Hugo, Jekyll)

    /// The front matter key that carries the mark in a Hugo or Jekyll page.
    static let frontMatterKey = "generated_by"

    /// A page with front matter: `yaml` (the mapping's lines) and a
    /// `generated_by` key last, whose digest covers the whole text as written
    /// with sixteen zeros in the digest's place.
    static func applyFrontMatter(_ yaml: String, body: String) -> String {
        let text = "---\n" + yaml + "\(frontMatterKey): \(tool); sha256:\(placeholder)\n---\n\n" + body
        return replacingFrontMatterDigest(in: text, with: digest(text)) ?? text
    }

    /// The mark's line in the front matter: a top-level `generated_by` key
    /// (at column 0, so a nested key or a quoted value cannot pass for it),
    /// between the opening `---` and the closing one.
    private static func frontMatterMarkLine(in lines: [Substring]) -> Int? {
        guard lines.first == "---", let end = lines.dropFirst().firstIndex(of: "---") else { return nil }
        return lines[1..<end].firstIndex { $0.hasPrefix("\(frontMatterKey): \(tool); sha256:") }
    }

    private static func replacingFrontMatterDigest(in text: String, with digest: String) -> String? {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let index = frontMatterMarkLine(in: lines), let range = lines[index].range(of: "; sha256:") else { return nil }
        let line = lines[index]
        let start = range.upperBound
        guard let end = line.index(start, offsetBy: 16, limitedBy: line.endIndex) else { return nil }
        lines[index] = line[..<start] + Substring(digest) + line[end...]
        return lines.joined(separator: "\n")
    }

    /// The state of a page that carries the mark in its front matter, or nil
    /// when it does not (a page written before, with the mark as its last line).
    static func frontMatterState(of text: String) -> State? {
        guard text.hasPrefix("---\n") else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let index = frontMatterMarkLine(in: lines), let range = lines[index].range(of: "; sha256:") else { return nil }
        let found = String(lines[index][range.upperBound...].prefix(16))
        guard let blank = replacingFrontMatterDigest(in: text, with: placeholder) else { return .foreign }
        return digest(blank) == found ? .untouched : .edited
    }

    /// The state of a clear-signed file by the text it signs, or nil when
    /// `text` is not clear-signed.
    static func signedState(of text: String) -> State? {
        guard let body = ClearSigned.body(of: text) else { return nil }
        return state(of: body)
    }
}
