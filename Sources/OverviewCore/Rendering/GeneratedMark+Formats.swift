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

    /// The state of a clear-signed file by the text it signs, or nil when
    /// `text` is not clear-signed.
    static func signedState(of text: String) -> State? {
        guard let body = ClearSigned.body(of: text) else { return nil }
        return state(of: body)
    }
}
