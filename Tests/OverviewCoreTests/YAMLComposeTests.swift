import Foundation
import Testing
import Yams
@testable import OverviewCore

/// `YAMLReader.compose` builds Yams' tree from libyaml's events itself: held
/// here to the tree Yams composes from the same text, node for node (text,
/// style, place, anchor; equal as Yams compares nodes, tags included; written
/// back alike), and to the problems Yams reports.
@Suite struct YAMLComposeTests {
    /// A node as every reader sees it, in one line per node.
    static func dump(_ node: Node?, _ indent: String = "") -> String {
        guard let node else { return "nil" }
        let place = node.mark.map { "\($0.line):\($0.column)" } ?? "-"
        switch node {
        case .scalar(let scalar):
            return indent + "scalar \(scalar.string.debugDescription) \(scalar.style) \(place) \(scalar.anchor?.rawValue ?? "")\n"
        case .sequence(let sequence):
            return indent + "list \(sequence.style) \(place) \(sequence.anchor?.rawValue ?? "")\n"
                + sequence.map { dump($0, indent + "  ") }.joined()
        case .mapping(let mapping):
            return indent + "map \(mapping.style) \(place) \(mapping.anchor?.rawValue ?? "")\n"
                + mapping.map { dump($0.key, indent + "  ? ") + dump($0.value, indent + "  : ") }.joined()
        case .alias(let alias):
            return indent + "alias \(alias.anchor.rawValue) \(place)\n"
        }
    }

    /// Both composers' results for `text`, as text: the tree, whether Yams
    /// finds them equal, and the YAML Yams writes of each.
    static func both(_ text: String, lineOffset: Int = 0) -> (ours: String, yams: String) {
        let reader = YAMLReader(file: "f.yml", lineOffset: lineOffset)
        func outcome(_ compose: (String) throws(InputError) -> Node?) -> (String, Node?) {
            do {
                let node = try compose(text)
                let written = node.map { (try? Yams.serialize(node: $0, width: -1, allowUnicode: true)) ?? "not written" } ?? ""
                return (dump(node) + "written:\n" + written, node)
            } catch {
                return ("error: \(error.description)", nil)
            }
        }
        let (ours, ourNode) = outcome(reader.composeEvents)
        let (yams, yamsNode) = outcome(reader.composeWithYams)
        return (ours + (ourNode == yamsNode ? "" : "\nnot equal as nodes"), yams)
    }

    static var corpus: [(name: String, text: String)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: Fixtures.folder.path)) ?? []
        var texts = names.filter { $0.hasSuffix(".yml") }.sorted().map { ($0, (try? Fixtures.text($0)) ?? "") }
        for file in BuiltinCatalog.files {
            if let (yaml, _, _) = SectionParser.splitFrontMatter(file.text) { texts.append((file.name, yaml)) }
        }
        return texts
    }

    @Test("Every fixture and built-in front matter composes to Yams' tree")
    func realFiles() {
        let corpus = Self.corpus
        #expect(corpus.count > 20)
        for (name, text) in corpus {
            let (ours, yams) = Self.both(text)
            #expect(ours == yams, "\(name)")
            #expect(!ours.hasPrefix("error"), "\(name): \(ours)")
        }
    }

    @Test("Every kind of node, style, place and anchor, as Yams composes them", arguments: [
        "",
        "# only a comment\n",
        "---\n",
        "plain\n",
        "a: 1\nb: 'single'\nc: \"double \\u00e9 \\x41\"\nd: |\n  literal\n  lines\ne: >\n  folded\n  text\nf:\n",
        "list:\n  - one\n  - [two, three]\n  - {four: 4, five: ~}\n  -\n",
        "emoji: \"😀 ok\"\nnul: \"a\\0b\"\nkey with spaces: v\n'quoted key': v\n",
        "anchored: &a value\nmap: &m {x: 1}\nlist: &l [1]\n",
        "? complex\n: value\n",
        "? [a, b]\n: list key\n? {c: d}\n: map key\n",
        "deep: {a: {b: {c: [1, [2, [3]]]}}}\n",
        "\u{FEFF}bom: true\n",
        "a: 1\r\nb: 2\r\n",
        "%YAML 1.1\n---\nversioned: yes\n...\n",
        "text: 'it''s'\nfolded: >-\n  a\n\n  b\n",
    ])
    func shapes(text: String) {
        let (ours, yams) = Self.both(text)
        #expect(ours == yams)
        #expect(!ours.hasPrefix("error"), "\(ours)")
    }

    @Test("Syntax errors, keys given twice and a second document are Yams' problems, at Yams' places", arguments: [
        "a: [1, 2\n",
        "a: b: c\n",
        "key: value\n  bad indent: x\n",
        "a: \"unterminated\n",
        "a: 1\nb: 2\na: 3\nb: 4\nc: 5\n",
        "outer:\n  z: 1\n  y: 2\n  z: 3\n",
        "? [a]\n: 1\n? [a]\n: 2\n",
        "one: 1\n---\ntwo: 2\n",
        "a: \"\\q\"\n",
        "- a\nb: c\n",
        "a:\n\t- tab\n",
    ])
    func problems(text: String) {
        let (ours, yams) = Self.both(text, lineOffset: 1)
        #expect(ours == yams)
        #expect(ours.hasPrefix("error"), "\(ours)")
    }

    @Test("A map of many keys finds the same keys given twice as a small one does")
    func manyKeys() {
        var lines = (0..<100).map { "k\($0): \($0)" }
        lines.append("k7: again")
        lines.append("k42: again")
        let (ours, yams) = Self.both(lines.joined(separator: "\n") + "\n")
        #expect(ours == yams)
        // At the first place of the first of them in order.
        #expect(ours == "error: f.yml:43:1: duplicate key 'k42', 'k7'")
    }

    @Test("Not answered yet: an empty value, ~ and null in YAML's three spellings, written plain; nothing else")
    func nullValues() throws {
        let reader = YAMLReader(file: "f.yml")
        let text = ["a:", "b: ~", "c: null", "d: Null", "e: NULL", "f: nULL", "g: 'null'", "h: \"\"", "i: none", "j: 0", "k: '~'"]
            .joined(separator: "\n") + "\n"
        let root = try #require(try? reader.compose(text))
        let null = try reader.mapping(root, "the file").filter { YAMLReader.isNull($0.value) }.map(\.key)
        #expect(null == ["a", "b", "c", "d", "e"])
    }

    @Test("A mark is two numbers, line then column, in this build of Yams")
    func marks() {
        #expect(YAMLReader.marksFromNumbers)
        let node = try? YAMLReader(file: "f.yml").compose("a:\n  - b\n")
        #expect(node?["a"]?.sequence?.first?.mark.map { "\($0.line):\($0.column)" } == "2:5")
    }
}
