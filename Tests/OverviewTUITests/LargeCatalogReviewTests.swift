import Testing
@testable import OverviewCore
@testable import OverviewTUI

/// A catalog large enough that the review's rows are made on every core
/// (`Wizard.sectionsForEveryCore`): every row still says what its section's
/// answers say, in catalog order.
struct LargeCatalogReviewTests {
    /// `count` sections made from one template ("Part 0", "Part 1", ...),
    /// each asking a required yes/no and a multiple choice with an
    /// exclusive "None", and a wizard on them.
    static func generated(_ count: Int) throws -> (sections: [Section], wizard: Wizard) {
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
        let sections = (0..<count).map { n in
            var section = template
            section.id = "generated-\(n)"
            section.title = "Part \(n)"
            section.order = 1000 + n
            return section
        }
        let wizard = Wizard(catalog: Catalog(sections: sections))
        return (sections, wizard)
    }

    @Test func everyRowOfALargeCatalogSaysWhatItsAnswersSay() throws {
        let count = Wizard.sectionsForEveryCore + 45
        let (sections, wizard) = try Self.generated(count)
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

    /// A start's review facts (worked out, or given as the answers cache
    /// keeps them) show the rows the review works out, and the review works
    /// them out again once the answers move away from the file's.
    @Test func aStartGivenItsFactsShowsTheRowsItWouldWorkOut() throws {
        let count = Wizard.sectionsForEveryCore + 45
        let (_, wizard) = try Self.generated(count)
        // Skipped, included, incomplete, contradicting, a question never
        // seen, in turn; the last section is new to the file.
        var file = Answers()
        file.reviewed = "2026-01-15"
        for n in 0..<(count - 1) {
            let answers: [String: AnswerValue] = switch n % 5 {
            case 1: ["practised": .bool(true), "tools": .choices(["alpha"])]
            case 2: ["tools": .choices(["alpha"])]
            case 3: ["practised": .bool(true), "tools": .choices(["none", "alpha"])]
            default: ["practised": .bool(true)]
            }
            file.sections["generated-\(n)"] = SectionAnswers(include: n % 5 != 0, answers: answers)
        }
        let screens = Screens(wizard: wizard)
        let area = Rect(x: 0, y: 1, width: 130, height: 38)
        let started = wizard.start(paths: testPaths, fileAnswers: file, draft: nil)
        let facts = wizard.reviewFacts(started)
        // A start not given the facts works them out.
        #expect(started.startFacts == facts)
        // The rows the review works out itself, with no facts from the start.
        var worked = started
        worked.startFacts = nil
        #expect(wizard.startFacts(worked) == nil)
        #expect(Set(facts.map(\.missing)) == [-1, 0, 1])
        #expect(facts.contains { $0.contradicting } && facts.contains { $0.newQuestions == 1 })
        let given = wizard.start(paths: testPaths, fileAnswers: file, draft: nil, reviewFacts: facts)
        #expect(wizard.startFacts(given) == facts)
        #expect(given == started)
        let lines = "\(screens.reviewLines(worked, area))"
        #expect(lines.contains("new section") && lines.contains("1 new question") && lines.contains("answers contradict"))
        #expect("\(screens.reviewLines(given, area))" == lines)

        // Facts that say otherwise are shown while they hold (they are what is read)...
        let allSkipped = wizard.start(paths: testPaths, fileAnswers: file, draft: nil,
                                      reviewFacts: Array(repeating: ReviewFacts(missing: -1, contradicting: false, newQuestions: 0), count: count))
        #expect(!"\(screens.reviewLines(allSkipped, area))".contains("[x]"))
        // ...and no longer once an answer changed, nor while a text is typed wrong,
        // nor when they are not one for each section.
        var edited = allSkipped
        edited.answers.sections["generated-1"]?.answers["practised"] = .bool(false)
        var editedWorked = worked
        editedWorked.answers = edited.answers
        #expect(wizard.startFacts(edited) == nil)
        #expect("\(screens.reviewLines(edited, area))" == "\(screens.reviewLines(editedWorked, area))")
        #expect("\(screens.reviewLines(edited, area))".contains("edited"))
        var typing = allSkipped
        typing.invalidText[.companyDomain] = "not a domain"
        #expect(wizard.startFacts(typing) == nil)
        let short = wizard.start(paths: testPaths, fileAnswers: file, draft: nil, reviewFacts: Array(facts.dropLast()))
        #expect(wizard.startFacts(short) == nil)
        #expect("\(screens.reviewLines(short, area))" == lines)
        // Answers put back as the file has them: the facts hold again.
        edited.answers = edited.original
        #expect(wizard.startFacts(edited) != nil)
    }

    /// A start on sections read back from the sections cache, given the
    /// review's facts (as the answers cache gives them), draws the review
    /// without decoding any section's details: nothing on the way to the
    /// first frame grows with what the sections hold.
    @Test func theReviewOfSectionsReadBackDecodesNoneOfThem() throws {
        let count = Wizard.sectionsForEveryCore + 45
        let (sections, _) = try Self.generated(count)
        let stored = try #require(StoredSections.encode(sections))
        let readBack = try #require(StoredSections.decode(stored))
        #expect(readBack.count == count && readBack.allSatisfy { $0.detailsStored })
        let wizard = Wizard(catalog: Catalog(sections: readBack))
        var file = Answers()
        for n in 0..<count {
            file.sections["generated-\(n)"] = SectionAnswers(include: true, answers: ["practised": .bool(true), "tools": .choices(["alpha"])])
        }
        let facts = Array(repeating: ReviewFacts(missing: 0, contradicting: false, newQuestions: 0), count: count)
        let state = wizard.start(paths: testPaths, fileAnswers: file, draft: nil, reviewFacts: facts)
        var memory = ScreenMemory()
        let canvas = Screens(wizard: wizard).render(state, size: Size(width: 80, height: 24), memory: &memory)
        #expect(canvas.text.contains("Review") && canvas.text.contains("Part 3"))
        #expect(readBack.allSatisfy { $0.detailsStored })
        // Opened, a section decodes its own details, and no other's.
        #expect(wizard.catalog.section("generated-3")?.questions.map(\.id) == ["practised", "tools"])
        #expect(readBack.filter(\.detailsStored).count == count - 1)
    }

    /// The built-in sections are compiled in as Swift that builds each one's
    /// details when first asked for: a revise's start, given the review's
    /// facts, draws the review without building any.
    @Test func theReviewOfTheBuiltInCatalogBuildsNoSectionsDetails() throws {
        let catalog = try Catalog.builtin()
        #expect(catalog.sections.allSatisfy { $0.detailsStored })
        let wizard = Wizard(catalog: catalog)
        var file = Answers()
        file.sections["security-team"] = SectionAnswers(include: true, answers: ["dedicated": .bool(true)])
        let facts = Array(repeating: ReviewFacts(missing: 0, contradicting: false, newQuestions: 0), count: catalog.sections.count)
        let state = wizard.start(paths: testPaths, fileAnswers: file, draft: nil, unseenInFile: [:], reviewFacts: facts)
        var memory = ScreenMemory()
        let canvas = Screens(wizard: wizard).render(state, size: Size(width: 80, height: 24), memory: &memory)
        #expect(canvas.text.contains("Review") && canvas.text.contains("Security team"))
        #expect(catalog.sections.allSatisfy { $0.detailsStored })
        // Opened, a section builds its own details, and no other's: the parser's.
        let parsedCatalog = Catalog(sections: try BuiltinCatalog.parsed(BuiltinCatalog.files))
        let parsed = try #require(parsedCatalog.section("security-team"))
        #expect(wizard.catalog.section("security-team")?.questions.map(\.id) == parsed.questions.map(\.id))
        #expect(catalog.sections.filter(\.detailsStored).count == catalog.sections.count - 1)
    }
}
