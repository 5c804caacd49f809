import Foundation
import Testing
@testable import OverviewCore

/// Every section opens with a sentence, whichever answers put it on the page,
/// and answers that say opposite things are never made and never pass `check`.
@Suite struct OneVoiceTests {
    let catalog = Fixtures.catalog
    let renderer = PageRenderer(catalog: Fixtures.catalog)

    /// One affirming value of `question`, as a person would give it.
    func affirming(_ question: Question) -> [AnswerValue] {
        switch question.kind {
        case .yesno: return [.bool(true)]
        case .single: return question.choices.filter(\.affirms).map { .choice($0.id) }
        case .multiple: return question.choices.filter(\.affirms).map { .choices([$0.id]) }
        case .text: return [.text(TemplateCheck.sample(question.format))]
        case .multiline: return [.text("A line of text.")]
        case .records:
            let fields = question.record?.fields ?? []
            return [.records([Dictionary(uniqueKeysWithValues: fields.map { ($0.id, $0.format == .url ? "https://example.com" : "x") })])]
        }
    }

    /// The answers a question's `when` needs, back to a question with none.
    func enabling(_ question: Question, in section: Section) -> [String: AnswerValue] {
        switch question.when {
        case .answerIs(let id, let value)?:
            guard let parent = section.question(id) else { return [:] }
            return enabling(parent, in: section).merging([id: value]) { $1 }
        case .answerIncludes(let id, let choice)?:
            guard let parent = section.question(id) else { return [:] }
            return enabling(parent, in: section).merging([id: .choices([choice])]) { $1 }
        case .profile?, nil:
            return [:]
        }
    }

    @Test("Every built-in section opens with a sentence, not a subheading, a list or a table, whichever single answer it prints")
    func everySectionOpensWithASentence() throws {
        var base = try Fixtures.answers("later-health.yml")
        var checked = 0
        for hosting in Hosting.allCases {
            base.profile.hosting = hosting
            for section in catalog.sections {
                for question in section.questions {
                    for value in affirming(question) {
                        var answers = base
                        var given = enabling(question, in: section)
                        given[question.id] = value
                        answers.sections[section.id] = SectionAnswers(include: true, answers: given)
                        guard answers.applies(question, in: section),
                              let text = renderer.sectionMarkdown(section, answers) else { continue }
                        let first = text.split(separator: "\n").first.map(String.init) ?? ""
                        let opensWithSentence = !first.hasPrefix("#") && !first.hasPrefix("- ") && !first.hasPrefix("|")
                            && !first.hasPrefix("* ") && !(first.first?.isNumber == true && first.contains(". "))
                        #expect(opensWithSentence, "\(section.id) with only \(question.id) = \(value) opens with: \(first)")
                        checked += 1
                    }
                }
            }
        }
        #expect(checked > 500, "the walk reached \(checked) section pages")
    }

    @Test("Compliance with only audits under way or planned opens with a sentence that says so")
    func complianceWithoutHeldFrameworks() throws {
        var answers = try Fixtures.answers("later-health.yml")
        let section = try #require(catalog.section("compliance"))
        answers.sections["compliance"] = SectionAnswers(include: true, answers: [
            "frameworks": .choices(["none-yet"]), "underway": .choices(["soc-2-type-2"]),
            "soc2_type2_expected": .text("2027-Q2"), "planned": .choices(["iso-27001"])])
        let both = try #require(renderer.sectionMarkdown(section, answers))
        #expect(both.hasPrefix("We describe below the audits and assessments we have under way, and those we plan.\n"), "\(both)")
        answers.sections["compliance"]!.answers["underway"] = nil
        let planned = try #require(renderer.sectionMarkdown(section, answers))
        #expect(planned.hasPrefix("We describe below the audits and assessments we plan.\n"), "\(planned)")
        #expect(!planned.contains("under way"))
        answers.sections["compliance"]!.answers["frameworks"] = .choices(["gdpr"])
        let held = try #require(renderer.sectionMarkdown(section, answers))
        #expect(held.hasPrefix("We describe below each standard and law we meet"))
        #expect(!held.contains("the audits and assessments we plan"), "one lead-in")
    }

    // MARK: - Contradictions

    func compliance(_ given: [String: AnswerValue]) throws -> (Section, Answers) {
        var answers = try Fixtures.answers("later-health.yml")
        answers.sections["compliance"] = SectionAnswers(include: true, answers: given)
        return (try #require(catalog.section("compliance")), answers)
    }

    @Test("An audit both under way and planned, or a certificate held and planned, fails check at its line")
    func contradictionsFailCheck() throws {
        let text = try Fixtures.text("later-health.yml")
        // The fixture's compliance answers, with ISO/IEC 27001 held and planned.
        let held = text.replacingOccurrences(of: "      frameworks: [soc-2, hipaa, gdpr, eu-us-dpf]",
                                            with: "      frameworks: [soc-2, iso-27001, hipaa, gdpr, eu-us-dpf]")
            .replacingOccurrences(of: "      planned: [pci-dss]", with: "      planned: [pci-dss, iso-27001]")
        #expect(held != text, "the fixture has compliance frameworks to edit")
        let answers = try AnswersFile.parse(held, file: "a.yml", catalog: catalog)
        let lines = AnswersFile.keyLines(held)
        let problems = Completeness.problems(answers, catalog: catalog, file: "a.yml", lines: lines)
        // The fixture has its ISO/IEC 27001 audit under way: planned contradicts that too.
        #expect(problems.filter { $0.message.contains("contradict") }.map(\.message) == [
            "section 'compliance': 'underway' has iso-27001 and 'planned' has iso-27001, which contradict each other: keep one",
            "section 'compliance': 'frameworks' has iso-27001 and 'planned' has iso-27001, which contradict each other: keep one"])
        let contradiction = try #require(problems.last { $0.message.contains("contradict") })
        let line = try #require(contradiction.line)
        let lineText = held.split(separator: "\n", omittingEmptySubsequences: false)[line - 1]
        #expect(lineText.contains("frameworks:"), "located at \(lineText)")

        for (underway, planned) in [("iso-27001", "iso-27001"), ("pci-dss", "pci-dss")] {
            let (section, answers) = try compliance(["frameworks": .choices(["none-yet"]),
                                                     "underway": .choices([underway]), "planned": .choices([planned])])
            #expect(Contradictions.problems(in: section, answers).count == 1, "\(underway) under way and planned")
        }
        // Different audits, or a SOC 2 report held and the next SOC 2 audit planned: no contradiction.
        let (section, fine) = try compliance(["frameworks": .choices(["soc-2"]), "soc2_type": .choice("type-1"),
                                              "underway": .choices(["soc-2-type-2", "iso-27001"]), "planned": .choices(["soc-2", "pci-dss"])])
        #expect(Contradictions.problems(in: section, fine).isEmpty)
    }

    @Test("A conflict counts only while both questions apply")
    func conflictsNeedBothQuestions() throws {
        // 'planned' and 'underway' always apply; 'frameworks: iso-27001' only counts as picked when given.
        let (section, answers) = try compliance(["frameworks": .choices(["gdpr"]), "planned": .choices(["iso-27001"])])
        #expect(Contradictions.problems(in: section, answers).isEmpty)
        #expect(Contradictions.refusal(picking: "iso-27001", of: section.question("underway")!, in: section, answers) != nil)
        #expect(Contradictions.refusal(picking: "soc-2-type-1", of: section.question("underway")!, in: section, answers) == nil)
    }

    @Test("'None of these yet' goes alone: ticking it unticks the others, ticking another unticks it")
    func exclusiveChoice() throws {
        let question = try #require(catalog.section("compliance")?.question("frameworks"))
        let field = question.field
        let none = try #require(question.choices.firstIndex { $0.id == "none-yet" })
        let gdpr = try #require(question.choices.firstIndex { $0.id == "gdpr" })
        let soc2 = try #require(question.choices.firstIndex { $0.id == "soc-2" })
        var value = field.picking(gdpr, in: nil, of: question)
        value = field.picking(soc2, in: value, of: question)
        #expect(value == .choices(["soc-2", "gdpr"]))
        value = field.picking(none, in: value, of: question)
        #expect(value == .choices(["none-yet"]))
        value = field.picking(gdpr, in: value, of: question)
        #expect(value == .choices(["gdpr"]))

        guard case .rejected(let why) = question.plainAnswer("\(none + 1),\(gdpr + 1)") else {
            Issue.record("the plain form took 'None of these yet' with GDPR")
            return
        }
        #expect(why == "'None of these yet' (\(none + 1)) goes alone: type \(none + 1) by itself, or the others without it")

        let (section, answers) = try compliance(["frameworks": .choices(["gdpr", "none-yet"])])
        #expect(Contradictions.problems(in: section, answers).map(\.message)
                == ["section 'compliance': 'frameworks' has none-yet (\"None of these yet\") with other choices: none-yet stands alone"])
    }

    @Test("A section file's conflicts are checked when it loads, at their line")
    func conflictDefinitions() throws {
        func load(_ conflicts: String, exclusive: String = "") -> String {
            let text = """
                ---
                id: mine
                title: Mine
                order: 999
                guidance: {who: All, why: Because, how: Carefully}
                questions:
                  - id: now
                    kind: multiple
                    label: Now
                    choices:
                      - {id: a, label: A\(exclusive)}
                      - {id: b, label: B}
                  - id: later
                    kind: single
                    label: Later
                    choices:
                      - {id: a, label: A\(exclusive)}
                  - id: yes
                    kind: yesno
                    label: Yes
                conflicts:
                  \(conflicts)
                ---
                {{#now}}Now.{{/now}}

                """
            do {
                _ = try SectionParser(file: "mine.md").parse(text)
                return "loaded"
            } catch {
                return "\(error)"
            }
        }
        #expect(load("- [now.a, later.a]") == "loaded")
        #expect(load("- [now.a]") == "mine.md:22:5: a conflict names two choices, like [underway.iso-27001, planned.iso-27001]; found 1")
        #expect(load("- [now.a, soon.a]") == "mine.md:22:5: 'soon.a' in a conflict: 'soon' is not a question of this section")
        #expect(load("- [now.a, later.c]") == "mine.md:22:5: 'later.c' in a conflict: 'c' is not a choice of 'later'")
        #expect(load("- [now.a, yes.a]") == "mine.md:22:5: 'yes.a' in a conflict: 'yes' is a yesno question, not a choice question")
        #expect(load("- [now.a, now.a]") == "mine.md:22:5: a conflict names 'now.a' twice")
        #expect(load("- [now, later.a]") == "mine.md:22:5: 'now' in a conflict is not question.choice, like planned.iso-27001")
        #expect(load("- [now.a, later.a]", exclusive: ", exclusive: true").contains("'exclusive', which is for multiple-choice questions"))
    }
}
