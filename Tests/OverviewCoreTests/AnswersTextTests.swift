import Testing
@testable import OverviewCore

/// The draft's text made a section at a time must be the answers file's
/// text, byte for byte, whatever changed and in whatever order.
@Suite struct AnswersTextTests {
    /// The built-in catalog and `count` sections of a company's own, each with
    /// a yes/no, a choice list, a one-line and a multi-line question.
    static func largeCatalog(_ count: Int) throws -> Catalog {
        var custom: [Section] = []
        for n in 0..<count {
            let text = sectionFile("""
                id: own-\(n)
                title: Own section \(n)
                order: \(1000 + n)
                guidance:
                  who: Everyone.
                  why: Because.
                questions:
                  - id: ok
                    kind: yesno
                    label: It is so
                  - id: tools
                    kind: multiple
                    label: Tools
                    choices:
                      - {id: alpha, label: Alpha}
                      - {id: beta, label: Beta}
                  - id: note
                    kind: text
                    label: A note
                  - id: story
                    kind: multiline
                    label: A story
                """)
            custom.append(try SectionParser(file: "own-\(n).md").parse(text))
        }
        let builtin = try BuiltinCatalog.files.map { file throws(InputError) in try file.section() }
        return try Catalog.merging(builtin: builtin, custom: custom)
    }

    /// Texts that libyaml quotes, folds into blocks, or ends with kept breaks.
    static let texts = ["plain words", "with: a colon", "# not a comment", "'quoted'", "\"double\"", "~", "yes",
                        "  leading spaces", "trailing spaces  ", "über · ✓", "- a dash", "{braces}", "[brackets]",
                        "one\ntwo", "one\n\nthree", "ends with a break\n", "ends with breaks\n\n", "\n starts with one",
                        "  indented\n  lines\n", "a\n\n\n", "@at", "*star", "&amp", "!bang", "%percent", "12", "0x1F"]

    /// A deterministic generator, so that a failure can be replayed.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// One random change to the answers: a section's include, an answer, an
    /// open question, a note, or the head's and the tail's keys.
    static func edit(_ answers: inout Answers, _ catalog: Catalog, _ random: inout Generator) {
        let section = catalog.sections.randomElement(using: &random)!
        var given = answers.sections[section.id] ?? SectionAnswers()
        switch Int.random(in: 0..<11, using: &random) {
        case 0:
            given.include = [true, false, nil].randomElement(using: &random)!
        case 1:
            answers.sections[section.id] = nil
            return
        case 2:
            if let question = section.questions.randomElement(using: &random) {
                given.answers[question.id] = nil
                given.open.insert(question.id)
            }
        case 3:
            answers.company.name = Bool.random(using: &random) ? texts.filter { !$0.contains("\n") }.randomElement(using: &random) : nil
        case 4:
            answers.reviewed = Bool.random(using: &random) ? "2026-11-29" : nil
        case 5:
            answers.outputs.page = Bool.random(using: &random) ? "page.md" : nil
        case 6:
            // Notes are part of a section's entry: a changed note remakes it.
            if Bool.random(using: &random) {
                given.note = Bool.random(using: &random) ? texts.randomElement(using: &random)! : nil
            } else if let question = section.questions.randomElement(using: &random) {
                given.notes[question.id] = Bool.random(using: &random) ? texts.randomElement(using: &random)! : nil
            }
        default:
            // Text that its format refuses would not load back; the wizard never stores it.
            guard let question = section.questions.randomElement(using: &random), question.format == nil else { return }
            let value: AnswerValue?
            switch question.kind {
            case .yesno: value = .bool(Bool.random(using: &random))
            case .multiple: value = .choices(question.choices.map(\.id).filter { _ in Bool.random(using: &random) })
            case .single: value = question.choices.randomElement(using: &random).map { .choice($0.id) }
            case .text: value = .text(texts.filter { !$0.contains("\n") }.randomElement(using: &random)!)
            case .multiline: value = .text(texts.randomElement(using: &random)!)
            case .records: value = nil
            }
            given.answers[question.id] = value
            given.open.remove(question.id)
        }
        answers.sections[section.id] = given
    }

    /// What an edit changed, as the reducer would say it: some sections'
    /// answers, or more than that.
    static func changes(from before: Answers, to after: Answers, _ catalog: Catalog) -> AnswerChanges {
        var outside = after
        outside.sections = before.sections
        if outside != before { return .anything }
        var changes = AnswerChanges()
        for id in catalog.sections.map(\.id) where after.sections[id] != before.sections[id] { changes.addSection(id) }
        return changes
    }

    @Test("Made a section at a time, the draft is the whole file's text, over 600 edits in 100 sections; told or not which changed",
          arguments: [false, true])
    func incrementalMatchesWhole(namingChanges: Bool) throws {
        let catalog = try Self.largeCatalog(100)
        var random = Generator(state: namingChanges ? 16 : 15)
        var answers = try AnswersFile.parse(Fixtures.text("later-health.yml"), file: "later-health.yml", catalog: catalog)
        var text = AnswersText(catalog: catalog)
        #expect(text.text(answers) == AnswersFile.serialize(answers, catalog: catalog))
        for step in 0..<600 {
            let before = answers
            Self.edit(&answers, catalog, &random)
            let whole = AnswersFile.serialize(answers, catalog: catalog)
            let made = namingChanges ? text.text(answers, changed: Self.changes(from: before, to: answers, catalog)) : text.text(answers)
            #expect(made == whole, "after edit \(step)")
            if made != whole { break }
            // What it wrote loads back, and saves as the same bytes.
            if step % 100 == 0 {
                let loaded = try AnswersFile.parse(made, file: "draft", catalog: catalog)
                #expect(AnswersFile.serialize(loaded, catalog: catalog) == made)
            }
        }
    }

    @Test("Told which sections changed, it reads only those: a section it was not told of keeps its old lines")
    func unnamedSectionsAreNotRead() throws {
        let catalog = try Self.largeCatalog(3)
        var answers = Answers()
        answers.sections["own-0"] = SectionAnswers(include: true)
        var text = AnswersText(catalog: catalog)
        let old = text.text(answers)
        let section = catalog.sections.last!
        answers.sections[section.id] = SectionAnswers(include: true, answers: ["note": .text("unseen")])
        #expect(text.text(answers, changed: AnswerChanges()) == old)
        var named = AnswerChanges()
        named.addSection(section.id)
        #expect(text.text(answers, changed: named).contains("note: unseen"))
        #expect(text.text(answers, changed: AnswerChanges()) == AnswersFile.serialize(answers, catalog: catalog))
    }

    @Test("libyaml ends the file with ... after a block that keeps its line breaks, wherever it is; a later block clears that",
          arguments: [(["own-2": "kept\n\n"], false, true), (["own-2": "kept\n\n"], true, true),
                      (["own-0": "kept\n\n", "own-2": "clipped\n"], false, false),
                      (["own-0": "kept\n\n", "own-2": "one line"], false, true),
                      (["own-0": "kept\n\n", "own-1": "stripped\nno break at the end"], true, false),
                      (["own-0": "clipped\n", "own-1": "kept\n\n"], false, true)])
    func documentEnd(stories: [String: String], withTail: Bool, ends: Bool) throws {
        let catalog = try Self.largeCatalog(3)
        var answers = Answers()
        for (id, story) in stories { answers.sections[id] = SectionAnswers(include: true, answers: ["story": .text(story)]) }
        if withTail { answers.reviewed = "2026-11-29" }
        var text = AnswersText(catalog: catalog)
        let whole = AnswersFile.serialize(answers, catalog: catalog)
        #expect(whole.hasSuffix("...\n") == ends, "libyaml as this test knows it")
        #expect(text.text(answers) == whole)
        // Each section taken away and put back, the others kept.
        for id in stories.keys {
            var fewer = answers
            fewer.sections[id] = nil
            #expect(text.text(fewer) == AnswersFile.serialize(fewer, catalog: catalog))
            #expect(text.text(answers) == whole)
        }
        #expect(text.text(Answers()) == AnswersFile.serialize(Answers(), catalog: catalog))
    }
}
