import Testing
@testable import OverviewCore
@testable import OverviewTUI

/// A catalog large enough that the review's rows are made on every core
/// (`Wizard.sectionsForEveryCore`): every row still says what its section's
/// answers say, in catalog order.
struct LargeCatalogReviewTests {
    @Test func everyRowOfALargeCatalogSaysWhatItsAnswersSay() throws {
        let template = try Catalog.section(parsing: """
            ---
            id: generated
            title: Generated
            order: 1000
            guidance:
              who: Everyone.
              why: Because.
            questions:
              - id: practised
                kind: yesno
                label: We follow it
                required: true
              - id: tools
                kind: multiple
                label: Tools
                choices:
                  - {id: none, label: None, exclusive: true}
                  - {id: alpha, label: Alpha}
            ---
            {{#practised}}
            We follow it.
            {{/practised}}

            """, file: "generated.md")
        let count = Wizard.sectionsForEveryCore + 45
        let sections = (0..<count).map { n in
            var section = template
            section.id = "generated-\(n)"
            section.title = "Part \(n)"
            section.order = 1000 + n
            return section
        }
        let wizard = Wizard(catalog: Catalog(sections: sections))
        // Skipped, included, incomplete, and contradicting, in turn.
        var file = Answers()
        for n in 0..<count {
            let answers: [String: AnswerValue] = switch n % 4 {
            case 1: ["practised": .bool(true), "tools": .choices(["alpha"])]
            case 2: ["tools": .choices(["alpha"])]
            default: ["practised": .bool(true), "tools": .choices(["none", "alpha"])]
            }
            file.sections["generated-\(n)"] = SectionAnswers(include: n % 4 != 0, answers: answers)
        }
        var state = wizard.start(paths: testPaths, fileAnswers: file, draft: nil)
        // Every seventh section edited since the file was read.
        for n in stride(from: 0, to: count, by: 7) { state.answers.sections["generated-\(n)"]?.answers["practised"] = .bool(false) }
        let lines = Screens(wizard: wizard).reviewLines(state, Rect(x: 0, y: 1, width: 130, height: 38))
        let rows = lines.compactMap { line -> (String, String?, String)? in
            guard case .item(.sectionRow(let id), let marker, let text, _) = line else { return nil }
            return (id, marker, text)
        }
        #expect(rows.map(\.0) == sections.map(\.id))
        for (n, (_, marker, text)) in rows.enumerated() {
            let edited = n % 7 == 0
            // Edited to "no": a required yes/no answered "no" is answered.
            let status = switch n % 4 {
            case 0: "skipped"
            case 2: edited ? "included" : "incomplete (1)"
            default: "included"
            }
            var marks: [String] = []
            if n % 4 == 3 { marks.append("answers contradict") }
            if edited { marks.append("edited") }
            let title = "Part \(n)"
            #expect(text.hasPrefix(title + " "), "\(text)")
            #expect(marker == (n % 4 == 0 ? "[ ]" : "[x]"))
            let rest = text.dropFirst(title.count).drop { $0 == " " }
            #expect(rest.hasPrefix(status), "\(n): \(text)")
            let shown = rest.dropFirst(status.count).drop { $0 == " " }
            #expect(shown == marks.joined(separator: ", "), "\(n): \(text)")
        }
        let included = (0..<count).filter { $0 % 4 != 0 }.count
        #expect(lines.contains { line in
            guard case .item(.planRow, _, let text, _) = line else { return false }
            return text.hasSuffix("\(included) of \(count) sections included")
        })
    }
}
