import Foundation
import Yams

// Usage: CatalogEmbedder OUTPUT.swift SECTIONS-FOLDER
// Writes a Swift file declaring `BuiltinCatalog.files`: (name, text, frontMatter)
// for the folder's *.md files, sorted by name. Each text is a raw string literal
// whose delimiter is longer than any run of '#' in the text, so no content can
// end it early.
//
// `frontMatter` is the file's YAML front matter as Yams composes it, written out
// as tokens that `BuiltinCatalog` builds the same node tree from: the YAML is parsed here, at build
// time, and a start of the program only checks the tree's shapes (what
// `SectionParser` does with any section file). A file whose front matter does
// not compose gets `nil`, and is parsed from its text at run time, where its
// error is reported (and a test fails) as for any section file.

let arguments = CommandLine.arguments.dropFirst()
guard arguments.count == 2, let outputPath = arguments.first, let folder = arguments.last else {
    FileHandle.standardError.write(Data("usage: CatalogEmbedder OUTPUT FOLDER\n".utf8))
    exit(2)
}
let names: [String]
do {
    names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".md") }.sorted()
} catch {
    FileHandle.standardError.write(Data("\(folder): cannot list: \(error.localizedDescription)\n".utf8))
    exit(1)
}

/// The YAML between a first line `---` and the next line `---` (trailing
/// blanks allowed), as the section parser splits a file.
func frontMatterYAML(_ raw: String) -> String? {
    let text = raw.replacingOccurrences(of: "\r\n", with: "\n")
    guard text.hasPrefix("---\n") else { return nil }
    var yaml: [Substring] = []
    for line in text.dropFirst(4).split(separator: "\n", omittingEmptySubsequences: false) {
        var trimmed = line
        while let last = trimmed.last, last == " " || last == "\t" { trimmed = trimmed.dropLast() }
        if trimmed == "---" { return yaml.map { $0 + "\n" }.joined() }
        yaml.append(line)
    }
    return nil
}

/// `text` as a Swift string literal.
func literal(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\\": out += "\\\\"
        case "\"": out += "\\\""
        case "\n": out += "\\n"
        case "\t": out += "\\t"
        case "\r": out += "\\r"
        default:
            if scalar.value < 0x20 || scalar.value == 0x7F {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}

/// `node` in pre-order as tokens `BuiltinCatalog.tree` reads back: "{N" a
/// map of N pairs, "[N" a list of N items, a scalar its style's letter and
/// its text. Nil for an alias, which the section files do not use.
func tokens(_ node: Node) -> [String]? {
    switch node {
    case .scalar(let scalar):
        let style: String
        switch scalar.style {
        case .plain: style = "p"
        case .singleQuoted: style = "s"
        case .doubleQuoted: style = "d"
        case .literal: style = "l"
        case .folded: style = "f"
        case .any: style = "a"
        }
        return [style + scalar.string]
    case .mapping(let mapping):
        var result = ["{\(mapping.count)"]
        for (key, value) in mapping {
            guard let key = tokens(key), let value = tokens(value) else { return nil }
            result += key + value
        }
        return result
    case .sequence(let sequence):
        var result = ["[\(sequence.count)"]
        for item in sequence {
            guard let item = tokens(item) else { return nil }
            result += item
        }
        return result
    case .alias:
        return nil
    }
}

/// FNV-1a over each file's name and text as embedded, in order, each ended by
/// a zero byte: `BuiltinCatalog.fingerprint`, which a test holds this to.
var fingerprint: UInt64 = 0xcbf2_9ce4_8422_2325
func add(_ text: String, to hash: inout UInt64) {
    for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    hash = (hash ^ 0) &* 0x100_0000_01b3
}

var files = ""
for name in names {
    let path = folder + "/" + name
    let url = URL(fileURLWithPath: path)
    let text: String
    do {
        text = try String(contentsOf: url, encoding: .utf8)
    } catch {
        FileHandle.standardError.write(Data("\(path): cannot read: \(error.localizedDescription)\n".utf8))
        exit(1)
    }
    var longestHashRun = 0, run = 0
    for character in text {
        run = character == "#" ? run + 1 : 0
        longestHashRun = max(longestHashRun, run)
    }
    let hashes = String(repeating: "#", count: longestHashRun + 1)
    // Composed as the section parser composes it: every scalar a string.
    let root = frontMatterYAML(text).flatMap { try? Yams.compose(yaml: $0, .basic, .default, .utf8) }
    // The line of the `security_txt` value in the file (its front matter starts on line 2).
    let securityTxtLine = root?.mapping?.first { $0.key.string == "security_txt" }?.value.mark.map { $0.line + 1 }
    let tree = root.flatMap(tokens)
    files += "        File(name: \"sections/\(url.lastPathComponent)\", frontMatter: "
    files += tree.map { "[" + $0.map(literal).joined(separator: ", ") + "]" } ?? "nil"
    files += ", securityTxtLine: \(securityTxtLine.map(String.init) ?? "nil"), text: \(hashes)\"\"\"\n"
    files += text
    if !text.hasSuffix("\n") { files += "\n" }
    add("sections/\(url.lastPathComponent)", to: &fingerprint)
    // The text as the literal below holds it: without the line break before its closing delimiter.
    add(text.hasSuffix("\n") ? String(text.dropLast()) : text, to: &fingerprint)
    files += "\"\"\"\(hashes)),\n"
}

let swift = """
// Generated by CatalogEmbedder from sections/*.md. Do not edit.

extension BuiltinCatalog {
    /// `fingerprint(files)`, worked out when this was written.
    static let filesFingerprint: UInt64 = 0x\(String(fingerprint, radix: 16))

    static let files: [BuiltinCatalog.File] = [
\(files)    ]
}

"""

do {
    try swift.write(toFile: outputPath, atomically: true, encoding: .utf8)
} catch {
    FileHandle.standardError.write(Data("\(outputPath): cannot write: \(error.localizedDescription)\n".utf8))
    exit(1)
}
