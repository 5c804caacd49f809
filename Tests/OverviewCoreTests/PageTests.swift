import Foundation
import Testing
@testable import OverviewCore

@Suite struct PageTests {
    let renderer = PageRenderer(catalog: Fixtures.catalog)

    @Test(arguments: Fixtures.companies)
    func theGoldenPage(_ company: String) throws {
        let page = renderer.page(try Fixtures.answers("\(company).yml"), format: .markdown)
        try Fixtures.expectGolden(page, "\(company).md")
    }

    @Test(arguments: [PageFormat.hugo, .jekyll])
    func theGoldenPageWithFrontMatter(_ format: PageFormat) throws {
        let page = renderer.page(try Fixtures.answers("seed-saas.yml"), format: format)
        try Fixtures.expectGolden(page, "seed-saas.\(format.rawValue).md")
    }

    /// Over every golden page: nothing of the template's scaffolding survives.
    @Test func noPageHasAPlaceholderOrAGuidanceComment() throws {
        let goldens = try FileManager.default.contentsOfDirectory(atPath: Fixtures.path("golden")).filter { $0.hasSuffix(".md") }
        #expect(goldens.count >= 5)
        for name in goldens {
            let page = try Fixtures.text("golden/\(name)")
            for scaffolding in ["DOMAIN", "Recommended for", "__Explanation", "__Customization", "<!---", "{{", "}}",
                                "[yearly", "| Google Cloud Platform |", "[Stripe |", "Privacy Shield", "sqreen"] {
                #expect(!page.contains(scaffolding), "\(name) contains '\(scaffolding)'")
            }
            let comments = page.components(separatedBy: "<!--").count - 1
            #expect(comments == 1, "\(name): the only comment is the generated-by mark")
        }
    }

    // MARK: - The page claims only what an answer affirms

    @Test("Without a company name, domain or contact, no sentence is left with a hole in it")
    func missingCompanyDetailsLeaveNoHoles() throws {
        var answers = try Fixtures.answers("later-health.yml")
        answers.company = Company()
        let page = renderer.page(answers, format: .markdown)
        for hole in ["[]", "()", "https:///", "?d=)", "  follows", " ,"] {
            #expect(!page.contains(hole), "the page contains '\(hole)'")
        }
        #expect(page.replacingOccurrences(of: "\n", with: " ")
            .contains("This page summarizes the security practices we follow to protect the data of our customers."))
        #expect(!page.contains("Write to us at"), "no contact: no invitation to write to it")
        #expect(!page.contains("security.txt file"), "no domain: no link to its security.txt")
    }

    @Test("A trust center address alone claims no report or certificate")
    func aTrustCenterAloneClaimsNoReport() throws {
        var answers = try Fixtures.answers("later-health.yml")
        answers.sections["compliance"] = SectionAnswers(include: true, answers: [
            "frameworks": .choices([]), "trust_center_url": .text("https://trust.acme.example"),
        ])
        let section = try #require(Fixtures.catalog.section("compliance"))
        let markdown = try #require(renderer.sectionMarkdown(section, answers))
        #expect(markdown == "More about our security and compliance is available on [our trust center page](https://trust.acme.example).")
    }

    @Test("A template that prints a whole answer gets its labels, the same every time")
    func printingAWholeAnswer() throws {
        let front = minimalFrontMatter + """

              - id: pick
                kind: single
                label: Pick one
                choices: [{id: a, label: Alpha}, {id: b, label: Beta}]
              - id: many
                kind: multiple
                label: Pick some
                choices: [{id: x, label: Ex}, {id: y, label: Why}, {id: none, label: None, affirms: false}]
            """
        let body = "{{#ok}}\n{{pick}} / {{many}} / {{company}} / [{{.}}] / {{many.items}}\n{{/ok}}\n"
        let section = try SectionParser(file: "custom.md").parse(sectionFile(front, body: body))
        var answers = Answers()
        answers.company = Company(name: "Acme", domain: "acme.example", securityContact: "security@acme.example")
        answers.sections["custom"] = SectionAnswers(include: true, answers: [
            "ok": .bool(true), "pick": .choice("b"), "many": .choices(["x", "y", "none"]),
        ])
        let renderer = PageRenderer(catalog: Catalog(sections: [section]))
        let first = renderer.sectionMarkdown(section, answers)
        #expect(first == "Beta / Ex, Why / Acme / [] / Ex, Why")
        for _ in 0..<5 { #expect(renderer.sectionMarkdown(section, answers) == first) }
    }

    @Test func recommendationsAloneClaimNothing() {
        var answers = Answers()
        answers.company = Company(name: "Acme", domain: "acme.example", securityContact: "security@acme.example")
        answers.profile = Profile(stage: .later, data: .healthOrFinancial, enterpriseCustomers: true,
                                  acceptsPayments: true, availabilityCritical: true, hosting: .both)
        // Every section recommended and included, nothing answered.
        for section in Fixtures.catalog.sections { answers.sections[section.id] = SectionAnswers(include: true) }
        #expect(renderer.renderedSections(answers).isEmpty)
        #expect(renderer.page(answers, format: .markdown).split(separator: "\n").filter { !$0.isEmpty }.count == 2,
                "only the title and the generated-by mark")
    }

    @Test func answersThatDenySayNothing() {
        var answers = Answers()
        answers.sections["ddos-protection"] = SectionAnswers(include: true, answers: ["has_mitigation": .bool(false)])
        answers.sections["secure-development"] = SectionAnswers(include: true, answers: ["pentest_frequency": .choice("none")])
        answers.sections["network-security"] = SectionAnswers(include: true, answers: ["controls": .choices([])])
        #expect(renderer.renderedSections(answers).isEmpty)
    }

    @Test func aSkippedSectionIsLeftOutWhateverItsAnswers() throws {
        var answers = try Fixtures.answers("later-health.yml")
        answers.sections["compliance"]!.include = false
        let page = renderer.page(answers, format: .markdown)
        #expect(!page.contains("## Compliance"))
        #expect(!page.contains("HIPAA"))
    }

    @Test func answersToQuestionsThatNoLongerApplyAreNotPrinted() throws {
        var answers = try Fixtures.answers("later-health.yml")
        #expect(renderer.page(answers).contains("Tier III"))
        answers.profile.hosting = .cloud  // the data-center questions no longer apply
        #expect(!renderer.page(answers).contains("Tier III"))
    }

    @Test func onlyTheAffirmedComplianceFrameworksAppear() throws {
        var answers = Answers()
        answers.sections["compliance"] = SectionAnswers(include: true, answers: ["frameworks": .choices(["gdpr"])])
        let page = renderer.page(answers)
        #expect(page.contains("GDPR"))
        for other in ["SOC 2", "HIPAA", "ISO/IEC 27001", "PCI DSS", "Data Privacy Framework"] {
            #expect(!page.contains(other), "\(other) was not claimed")
        }
    }

    // MARK: - User text is text

    @Test(arguments: [
        "<script>alert(1)</script>",
        "[x](javascript:alert(1))",
        "![img](https://evil.example/x.png)",
        "**bold** _em_ `code` # heading",
        "https://evil.example/phish",
    ])
    func userTextCannotBecomeMarkup(_ name: String) {
        var answers = Answers()
        answers.company = Company(name: name, domain: "acme.example", securityContact: "security@acme.example")
        answers.sections["overview"] = SectionAnswers(include: true, answers: ["intro": .bool(true)])
        answers.sections["security-team"] = SectionAnswers(include: true, answers: [
            "dedicated": .bool(true), "details": .text(name + "\n- not a list\n1. not numbered\n    not code"),
        ])
        let page = renderer.page(answers)
        #expect(!page.contains("<script"))
        #expect(!page.contains("](javascript"))
        #expect(!page.contains("!["))
        #expect(!page.contains("**bold**"))
        #expect(!page.contains("https://evil"))
        #expect(!page.contains("\n- not a list"))
        #expect(!page.contains("\n1. not numbered"))
        #expect(!page.contains("\n    not code"))
    }

    @Test func escapingKeepsOrdinaryTextReadable() {
        #expect(MarkdownText.escape("Acme Analytics, Inc.") == "Acme Analytics, Inc.")
        #expect(MarkdownText.escape("Données Sécurisées 日本") == "Données Sécurisées 日本")
        #expect(MarkdownText.escape("a-b c+d") == "a-b c+d")
        #expect(MarkdownText.escape("- list") == "\\- list")
        #expect(MarkdownText.escape("AT&T <b>") == "AT&amp;T &lt;b&gt;")
        #expect(MarkdownText.escape("bell\u{07}\u{1B}[2J") == "bell\\[2J")
    }

    @Test func longLinesAreWrappedWithoutStartingNewBlocks() {
        let line = "We keep customer data for 90 days after an account is closed - and then we delete it - from every system we run."
        let wrapped = MarkdownText.wrap(line, width: 40)
        for part in wrapped.split(separator: "\n") {
            #expect(!part.hasPrefix("-"))
        }
        #expect(wrapped.replacingOccurrences(of: "\n", with: " ") == line)
        let item = "- " + String(repeating: "word ", count: 30).trimmingCharacters(in: .whitespaces)
        #expect(MarkdownText.wrap(item, width: 40).split(separator: "\n").dropFirst().allSatisfy { $0.hasPrefix("  ") })
    }

    @Test func wrappingCountsCharactersNotBytes() {
        // Words of two-byte letters: counting bytes would break after two words.
        let line = Array(repeating: "ééééé", count: 12).joined(separator: " ")
        let lines = MarkdownText.wrap(line, width: 23).split(separator: "\n")
        #expect(lines.first == "ééééé ééééé ééééé ééééé")
        #expect(lines.count == 3)
        #expect(lines.allSatisfy { $0.count <= 23 })
    }

    @Test func renderingIsByteStable() throws {
        let answers = try Fixtures.answers("later-health.yml")
        #expect(renderer.page(answers, format: .hugo) == renderer.page(answers, format: .hugo))
        let again = PageRenderer(catalog: try Catalog.builtin())
        #expect(again.page(answers, format: .jekyll) == renderer.page(answers, format: .jekyll))
    }
}
