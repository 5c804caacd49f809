import Testing
import Yams
@testable import OverviewCore

/// The built-in sections' front matter is parsed at build time: what a start
/// rebuilds from it must be what parsing the text at run time gives.
@Suite struct BuiltinCatalogTests {
    /// Equal trees, scalar styles included (Yams' `==` leaves styles out, and
    /// the readers tell `~` from `"~"` by its style).
    func same(_ a: Node, _ b: Node) -> Bool {
        switch (a, b) {
        case let (.scalar(x), .scalar(y)):
            return x.string == y.string && x.style == y.style
        case let (.mapping(x), .mapping(y)):
            return x.count == y.count && zip(x, y).allSatisfy { same($0.key, $1.key) && same($0.value, $1.value) }
        case let (.sequence(x), .sequence(y)):
            return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
        default:
            return false
        }
    }

    @Test func everyFrontMatterWasParsedAtBuildTime() throws {
        #expect(BuiltinCatalog.files.count == (try Catalog.builtin()).sections.count)
        for file in BuiltinCatalog.files {
            let tokens = try #require(file.frontMatter, "\(file.name)")
            let (yaml, _, _) = try #require(SectionParser.splitFrontMatter(file.text))
            let composed = try #require(try YAMLReader(file: file.name, lineOffset: 1).compose(yaml))
            #expect(same(BuiltinCatalog.tree(tokens), composed), "\(file.name)")
        }
    }

    @Test func aSectionFromItsTreeIsTheSectionFromItsText() throws {
        for file in BuiltinCatalog.files {
            let fromTree = try file.section()
            let fromText = try SectionParser(file: file.name, lazyTemplate: true).parse(file.text)
            #expect(fromTree.id == fromText.id && fromTree.title == fromText.title && fromTree.anchor == fromText.anchor)
            #expect(fromTree.order == fromText.order && fromTree.rule == fromText.rule && fromTree.guidance == fromText.guidance)
            #expect(fromTree.questions == fromText.questions, "\(file.name)")
            #expect(fromTree.body == fromText.body && fromTree.source == fromText.source && fromTree.retired == fromText.retired)
            #expect(fromTree.securityTxt == fromText.securityTxt, "\(file.name)")
            #expect(fromTree.securityTxt?.line == fromText.securityTxt?.line, "\(file.name)")
        }
    }

    @Test func aTreeReadsBackEveryShape() throws {
        let tree = BuiltinCatalog.tree(["{2", "pid", "pa", "pitems", "[4", "d~", "sx", "l1\n2\n", "{0"])
        let composed = try #require(try YAMLReader(file: "t").compose("id: a\nitems:\n  - \"~\"\n  - 'x'\n  - |\n    1\n    2\n  - {}\n"))
        #expect(same(tree, composed))
    }
}

/// Control characters found on UTF-8 bytes are the ones found scalar by scalar.
@Suite struct ControlCharacterBytesTests {
    @Test func theBytesSayWhatTheScalarsSay() {
        var samples = ["", "plain text", "tab\there", "line\nbreak", "bell\u{07}", "del\u{7F}", "c1\u{85}x", "c1 end\u{9F}",
                       "not c1 \u{A0}", "é ü → “quotes”", "bidi\u{202A}", "bidi\u{202E}", "bidi\u{2066}", "bidi\u{2069}",
                       "near \u{2029} \u{202F} \u{2065} \u{206A}", "ls \u{2028}", "emoji 👩‍💻", "\u{1B}[31m", "cr\r"]
        for scalar in [0x00, 0x1F, 0x20, 0x7E, 0x7F, 0x80, 0x85, 0x9F, 0xA0, 0x2028, 0x2029, 0x202A, 0x202E, 0x202F, 0x2065, 0x2066, 0x2069, 0x206A] {
            samples.append("a\(Unicode.Scalar(UInt32(scalar)).map(String.init) ?? "")b")
        }
        for sample in samples {
            for layout in [true, false] {
                // Without layout (a name, a one-line answer) every line break counts too, U+2028 among them.
                let scalars = sample.unicodeScalars.contains {
                    layout ? TerminalSafe.isUnsafe($0) && $0 != "\n" && $0 != "\t" : TerminalSafe.isUnsafe($0) || TerminalSafe.isLineBreak($0)
                }
                #expect(TerminalSafe.hasControlCharacters(sample, allowingLayout: layout) == scalars, "\(sample.debugDescription)")
                #expect(TerminalSafe.hasControlCharacters(sample.dropFirst(0), allowingLayout: layout) == scalars)
            }
        }
    }
}
