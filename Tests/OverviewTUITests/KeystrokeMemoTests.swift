import Foundation
import Testing
@testable import OverviewCore
@testable import OverviewTUI

/// What a key in a section keeps from the frame before (the preview's blocks
/// as laid out, the page's items) must draw exactly what a fresh start draws.
@Suite("Kept between keys")
struct KeystrokeMemoTests {
    /// Every built-in section: tick each option in turn, type into each text
    /// field, and resize now and then. After each key the screen drawn with
    /// the preview's blocks kept since the first key is the screen drawn with
    /// none kept, and the items are those a wizard with nothing kept makes.
    @Test("Every key's screen and items are those drawn from nothing", arguments: [Size(width: 80, height: 24), Size(width: 130, height: 40)])
    func keptEqualsFresh(size: Size) {
        let fresh = Wizard(catalog: testCatalog)
        var compared = 0
        for section in testCatalog.sections {
            var state = SnapshotTests.profiled()
            state.step = .section(section.id)
            state.viewport = size
            var memory = ScreenMemory()
            let screens = Screens(wizard: testWizard)
            func check(_ what: String) {
                // The same scroll as the kept memory, without its laid-out blocks.
                var cleared = memory
                cleared.preview = PagePreview.Memo()
                let drawn = Screens(wizard: fresh).render(state, memory: &cleared)
                let kept = screens.render(state, memory: &memory)
                let difference = (0..<size.height).first { kept.line($0) != drawn.line($0) }
                #expect(kept == drawn, "\(section.id), \(what): \(difference.map { "row \($0): \(kept.line($0)) | \(drawn.line($0))" } ?? "styles")")
                #expect(Array(testWizard.items(state)) == Array(fresh.items(state)), "\(section.id), \(what)")
                compared += 1
            }
            check("first frame")
            var index = 0
            while index < testWizard.items(state).count {
                state.focus = index
                switch testWizard.items(state)[index] {
                case .option:
                    testWizard.reduce(into: &state, action: .toggled)
                    check("item \(index) ticked")
                case .text:
                    for text in ["a", "b", " ", "日"] {
                        testWizard.reduce(into: &state, action: .textTyped(text))
                        check("\(text.debugDescription) typed in item \(index)")
                    }
                    testWizard.reduce(into: &state, action: .backspacePressed)
                    check("backspace in item \(index)")
                default:
                    break
                }
                index += 1
            }
            // A narrower window and back: blocks laid out at the old width go.
            state.viewport = Size(width: size.width - 7, height: size.height)
            check("narrower")
            state.viewport = size
            check("back to its size")
        }
        #expect(compared > 300, "the walk reached the sections' items (\(compared) screens)")
    }

    /// The preview keeps the template's output around an answer being typed
    /// (`TypedAnswerMarkdown`); a template that prints another section's
    /// answer (`{{sections.beta.flag}}`) must show that answer's change.
    @Test("The output kept around a typed answer goes when another section's answers change")
    func typedAnswerAndAnotherSection() throws {
        func file(_ id: String, _ order: Int, _ question: String, _ body: String) -> String {
            "---\nid: \(id)\ntitle: \(id.capitalized)\norder: \(order)\nguidance:\n  who: Everyone.\n  why: Because.\n"
                + "questions:\n\(question)\n---\n\(body)"
        }
        let alpha = try Catalog.section(parsing: file("alpha", 500, "  - id: words\n    kind: text\n    label: Some words",
            "{{#words}}\nWords: {{words}}.{{#sections.beta.flag}} Beta says yes.{{/sections.beta.flag}}\n{{/words}}\n"), file: "alpha.md")
        let beta = try Catalog.section(parsing: file("beta", 501, "  - id: flag\n    kind: yesno\n    label: A flag",
            "{{#flag}}\nYes.\n{{/flag}}\n"), file: "beta.md")
        let wizard = Wizard(catalog: Catalog(sections: [alpha, beta]))
        var state = wizard.start(paths: testPaths, fileAnswers: nil, draft: nil)
        state.answers.sections["alpha"] = SectionAnswers(include: true, answers: ["words": .text("one")])
        state.answers.sections["beta"] = SectionAnswers(include: true, answers: ["flag": .bool(false)])
        state.step = .section("alpha")
        state.viewport = Size(width: 130, height: 40)
        state.focus = try #require(Array(wizard.items(state)).firstIndex(of: .text(.question(section: "alpha", question: "words"))))
        let screens = Screens(wizard: wizard)
        var memory = ScreenMemory()
        func shown(_ changed: AnswerChanges) -> String {
            let canvas = screens.render(state, memory: &memory, changed: changed)
            return (0..<40).map { canvas.line($0) }.joined(separator: "\n")
        }
        #expect(shown(.anything).contains("Words: one."))
        wizard.reduce(into: &state, action: .textTyped("s"))
        var changes = AnswerChanges()
        changes.addSection("alpha")
        #expect(shown(changes).contains("Words: sone."))
        #expect(memory.typed?.memo?.pieces != nil, "the output around the answer is kept")
        // Beta's answer changes, as the run loop tells the screens.
        state.answers.sections["beta"]?.answers["flag"] = .bool(true)
        changes = AnswerChanges()
        changes.addSection("beta")
        #expect(shown(changes).contains("Words: sone. Beta says yes."))
    }

    @Test("A width counted from the bytes is the width counted a character at a time")
    func asciiWidths() {
        for text in ["", "plain words", "tab\there", "bell\u{7}", "del\u{7F}", "café", "e\u{301}", "日本語", "a\u{200B}b", "mixed 日 text",
                     "\r\n", "👩\u{200D}👩\u{200D}👧", "❤\u{FE0F}"] {
            #expect(TextWidth.of(text) == text.reduce(0) { $0 + TextWidth.of($1) }, "\(text.debugDescription)")
            #expect(TextWidth.of(text.dropFirst()) == text.dropFirst().reduce(0) { $0 + TextWidth.of($1) }, "\(text.debugDescription)")
        }
    }

    @Test("Text trimmed without Foundation is the text Foundation trims")
    func trimming() {
        // Every scalar either set holds, and some beside them that neither does.
        let edges: [Unicode.Scalar] = [" ", "\t", "\n", "\u{0B}", "\u{0C}", "\r", "\u{85}", "\u{A0}", "\u{1680}", "\u{2000}",
                                       "\u{200A}", "\u{2028}", "\u{2029}", "\u{202F}", "\u{205F}", "\u{3000}",
                                       "\u{200B}", "\u{FEFF}", "\u{180E}", "\u{301}", "x", "日"]
        var texts = ["", "x", "  a b  ", "\u{00A0}x\u{2003}", " \u{3000}日\u{3000} ", " \u{301}a", "a \u{301}", "\r\n a \r\n"]
        for edge in edges {
            texts += ["\(edge)", "\(edge)mid dle\(edge)", "\(edge)\(edge)e\u{301}\(edge)", "a\(edge)"]
        }
        for text in texts {
            #expect(text.trimmingBlanks() == text.trimmingCharacters(in: .whitespaces), "\(text.debugDescription)")
            #expect(text.trimmingWhitespace() == text.trimmingCharacters(in: .whitespacesAndNewlines), "\(text.debugDescription)")
            #expect(text.isBlankText == text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "\(text.debugDescription)")
            let inner = ("<" + text + ">").dropFirst().dropLast()
            #expect(inner.trimmingBlanks() == inner.trimmingCharacters(in: .whitespaces), "\(text.debugDescription)")
            #expect(String(inner.whitespaceTrimmed) == inner.trimmingCharacters(in: .whitespacesAndNewlines), "\(text.debugDescription)")
        }
        // Each set holds the scalars Foundation's does, over the whole Basic Multilingual Plane.
        var differ: [String] = []
        for value in UInt32(0)...0xFFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let alone = String(scalar)
            if scalar.isBlank != alone.trimmingCharacters(in: .whitespaces).isEmpty
                || scalar.isBlankOrNewline != alone.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                differ.append(String(value, radix: 16))
            }
        }
        #expect(differ.isEmpty, "scalars Foundation sets apart otherwise: \(differ)")
    }
}
