import Foundation
import Testing
@testable import OverviewCore

/// The live preview's Markdown while a one-line answer is typed, put together
/// from the template's output around a stand-in, held to the full render.
@Suite struct TypedAnswerMarkdownTests {
    /// Texts a person may type, with what Markdown, HTML, Mustache and the
    /// stand-ins themselves make of them; blank ones give the template nothing.
    static let typed = [
        "October 1, 2025 to September 30, 2026", "a", "  leading spaces", "trailing spaces   ",
        "*stars* and _underscores_ and `ticks`", "<b>tags</b> & &amp; entities", "[a link](https://x.example)",
        "{{mustache}} {{{raw}}} {{% pragma}}", "back\\slash \\* escaped", "Ünïcödé, 日本語 and e\u{301}",
        "1. a list?", "# a heading?", "| a | table |", "https://autolink.example", "Qs*tand-in*sQ",
        "zZ*another_stand-in*Zz", "   ", "",
    ]

    /// Every one-line question of every section, in each fixture company's
    /// answers where it applies: each text typed, a character at a time for
    /// the first, gives the full render's Markdown; the memo is kept across
    /// all of it, as typing does.
    @Test("A typed answer's preview is the full render's, in every built-in section")
    func builtinSections() throws {
        let renderer = PageRenderer(catalog: Fixtures.catalog)
        var tested = 0, kept = 0
        for company in Fixtures.companies {
            let base = try Fixtures.answers("\(company).yml")
            for section in Fixtures.catalog.sections where base.isIncluded(section) {
                for question in section.questions where question.kind == .text && question.format == nil && base.applies(question, in: section) {
                    var memo: TypedAnswerMarkdown?
                    var answers = base
                    var texts = Self.typed
                    texts.insert(contentsOf: Self.typed[0].indices.map { String(Self.typed[0][...$0]) }, at: 0)
                    for text in texts {
                        answers.sections[section.id, default: SectionAnswers(include: true)].answers[question.id] = .text(text)
                        let fast = TypedAnswerMarkdown.sectionMarkdown(renderer, section, answers, typing: question.id, memo: &memo)
                        #expect(fast == renderer.sectionMarkdown(section, answers),
                                "\(company), \(section.id).\(question.id), typed \(text.debugDescription)")
                    }
                    tested += 1
                    if memo?.pieces != nil { kept += 1 }
                }
            }
        }
        // The shortcut is taken (not only the full render's fallback), for
        // every one of them: the benchmark's field among them.
        #expect(tested >= 7)
        #expect(kept == tested, "only \(kept) of \(tested) questions kept the template's output")
        var answers = try Fixtures.answers("later-health.yml")
        let compliance = try #require(Fixtures.catalog.section("compliance"))
        answers.sections["compliance"]?.answers["soc2_period"] = .text("January 1 to June 30, 2026")
        var memo: TypedAnswerMarkdown?
        let markdown = TypedAnswerMarkdown.sectionMarkdown(renderer, compliance, answers, typing: "soc2_period", memo: &memo)
        #expect(memo?.pieces != nil)
        #expect(markdown?.contains("over a period, January 1 to June 30, 2026.") == true)
    }

    /// Another answer of the section, the company or the profile changed: the
    /// template runs again, and the preview shows the change.
    @Test("A change to anything else the template reads makes the output again")
    func otherChanges() throws {
        let renderer = PageRenderer(catalog: Fixtures.catalog)
        var answers = try Fixtures.answers("later-health.yml")
        let compliance = try #require(Fixtures.catalog.section("compliance"))
        var memo: TypedAnswerMarkdown?
        func check(_ what: Comment) {
            let fast = TypedAnswerMarkdown.sectionMarkdown(renderer, compliance, answers, typing: "soc2_period", memo: &memo)
            #expect(fast == renderer.sectionMarkdown(compliance, answers), what)
        }
        answers.sections["compliance"]?.answers["soc2_period"] = .text("all of 2026")
        check("first key")
        answers.sections["compliance"]?.answers["soc2_nda"] = .bool(false)
        check("another answer of the section")
        answers.company.name = "Another Company"
        check("the company")
        answers.profile = Profile()
        check("the profile")
        answers.sections["compliance"]?.answers["soc2_type"] = .choice("type-1")
        check("the answer the typed one depends on: it no longer applies")
        #expect(TypedAnswerMarkdown.sectionMarkdown(renderer, compliance, answers, typing: "soc2_period", memo: &memo)?
            .contains("all of 2026") == false)
    }

    /// The company's name printed beside the typed answer: a new name shows.
    @Test("A change to the company shows beside the typed answer")
    func companyChanges() throws {
        let front = minimalFrontMatter + """

              - id: period
                kind: text
                label: A period
            """
        let section = try SectionParser(file: "custom.md").parse(sectionFile(front, body: "{{#ok}}\n{{company.name}}, over {{period}}.\n{{/ok}}\n"))
        let renderer = PageRenderer(catalog: Catalog(sections: [section]))
        var answers = Answers()
        answers.company.name = "Acme"
        answers.sections["custom"] = SectionAnswers(include: true, answers: ["ok": .bool(true), "period": .text("2026")])
        var memo: TypedAnswerMarkdown?
        #expect(TypedAnswerMarkdown.sectionMarkdown(renderer, section, answers, typing: "period", memo: &memo) == "Acme, over 2026.")
        #expect(memo?.pieces != nil)
        answers.company.name = "Acme Corp"
        #expect(TypedAnswerMarkdown.sectionMarkdown(renderer, section, answers, typing: "period", memo: &memo) == "Acme Corp, over 2026.")
    }

    /// Templates that transform the answer, or print it only in a test of
    /// whether it is given: the first is rendered in full every key; the
    /// second keeps its output (the answer is never printed).
    @Test("A template that does more with the answer than print it is rendered in full")
    func transformedAnswers() throws {
        let front = minimalFrontMatter + """

              - id: period
                kind: text
                label: A period
            """
        for (body, keeps) in [("{{#ok}}\nOver {{period}}.\n{{/ok}}\n", true),
                              ("{{#ok}}\nOver {{uppercased(period)}}.\n{{/ok}}\n", false),
                              ("{{#ok}}\nOver {{reversed(period)}} and {{period}}.\n{{/ok}}\n", false),
                              ("{{#ok}}\nOver {{capitalized(period)}}.\n{{/ok}}\n", false),
                              ("{{#ok}}\n{{#period}}A period is given.{{/period}}\n{{/ok}}\n", true)] {
            let section = try SectionParser(file: "custom.md").parse(sectionFile(front, body: body))
            let renderer = PageRenderer(catalog: Catalog(sections: [section]))
            var answers = Answers()
            var memo: TypedAnswerMarkdown?
            for text in Self.typed {
                answers.sections["custom"] = SectionAnswers(include: true, answers: ["ok": .bool(true), "period": .text(text)])
                let fast = TypedAnswerMarkdown.sectionMarkdown(renderer, section, answers, typing: "period", memo: &memo)
                #expect(fast == renderer.sectionMarkdown(section, answers), "\(body.debugDescription), typed \(text.debugDescription)")
            }
            #expect((memo?.pieces != nil) == keeps, "\(body.debugDescription)")
        }
    }

    /// A question another one's `when` looks at, and a question with a
    /// format (its template gets a second value), are rendered in full.
    @Test("Questions whose answer does more than print are not kept")
    func unusableQuestions() throws {
        let front = minimalFrontMatter + """

              - id: name
                kind: text
                label: A name
              - id: days
                kind: text
                label: Days
                validate: days
            """
        let section = try SectionParser(file: "custom.md").parse(sectionFile(front, body: "{{#ok}}\n{{name}} {{days_days}}\n{{/ok}}\n"))
        let name = try #require(section.question("name")), days = try #require(section.question("days"))
        #expect(TypedAnswerMarkdown.isUsable(name, in: section))
        #expect(!TypedAnswerMarkdown.isUsable(days, in: section))
        var looked = section
        looked.questions.append(Question(id: "later", kind: .yesno, label: "Later", help: nil, required: false, choices: [],
                                          format: nil, when: .answerIs(question: "name", value: .text("x"))))
        #expect(!TypedAnswerMarkdown.isUsable(name, in: looked))
    }
}
