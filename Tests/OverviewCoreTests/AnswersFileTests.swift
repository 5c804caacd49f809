import Testing
@testable import OverviewCore

@Suite struct AnswersFileTests {
    let catalog = Fixtures.catalog

    func parse(_ text: String) throws -> Answers {
        try AnswersFile.parse(text, file: "answers.yml", catalog: catalog)
    }

    /// The one error `text` gives, as the user sees it.
    func error(_ text: String) -> String? {
        do {
            _ = try parse(text)
            return nil
        } catch let errors as InputErrors {
            return errors.errors.map(\.description).joined(separator: "\n")
        } catch {
            return "unexpected \(error)"
        }
    }

    // MARK: - Round trip

    @Test(arguments: Fixtures.companies)
    func savingWhatWasLoadedGivesTheSameBytes(_ company: String) throws {
        let original = try Fixtures.text("\(company).yml")
        let answers = try parse(original)
        #expect(AnswersFile.serialize(answers, catalog: catalog) == original)
    }

    @Test("Paths split without Foundation's path methods")
    func pathParts() {
        #expect(FileStore.folder(of: "x") == "")
        #expect(FileStore.folder(of: "a/x") == "a")
        #expect(FileStore.folder(of: "/x") == "/")
        #expect(FileStore.folder(of: "a/b/") == "a")
        #expect(FileStore.name(of: "x") == "x")
        #expect(FileStore.name(of: "a/b/c.md") == "c.md")
        #expect(FileStore.name(of: "a/b/") == "b")
        #expect(FileStore.joining("", "x") == "x")
        #expect(FileStore.joining("a", "x") == "a/x")
        #expect(FileStore.joining("/", "x") == "/x")
        #expect(Export.Targets.resolve("p", besides: "b") == "p")
        #expect(Export.Targets.resolve("p", besides: "site/b") == "site/p")
        #expect(Export.Targets.resolve("/abs/p", besides: "site/b") == "/abs/p")
    }

    @Test("An error is one line a terminal shows as it is, whatever the file is called")
    func errorsAreOneSafeLine() {
        let error = InputError(file: "a\u{1b}]0;title\u{07}\nb.yml", line: 3, "bad \u{1b}[31mvalue")
        #expect(error.description == "a?]0;title? b.yml:3: bad ?[31mvalue")
    }

    @Test func aSavedFileLoadsBackToTheSameAnswers() throws {
        var answers = Answers()
        answers.company = Company(name: "Données Sécurisées 日本", domain: "donnees.example", securityContact: "sec@donnees.example")
        answers.profile = Profile(stage: .seriesA, data: .personal, enterpriseCustomers: true,
                                  acceptsPayments: false, availabilityCritical: false, hosting: .both)
        answers.sections["security-team"] = SectionAnswers(include: true, answers: [
            "dedicated": .bool(true),
            "details": .text("Line one: with a colon\n# not a heading\n'quoted' \"double\""),
        ], open: ["on_call"])
        answers.sections["compliance"] = SectionAnswers(include: true, answers: [
            "frameworks": .choices(["soc-2", "gdpr"]), "soc2_type": .choice("type-2"),
        ])
        answers.sections["data-retention"] = SectionAnswers(include: true, answers: ["retention_days": .text("90")])
        answers.sections["ddos-protection"] = SectionAnswers(include: false)
        answers.reviewed = "2026-11-29"
        answers.outputs = Outputs(page: "content/security.md", format: .hugo, securityTxt: "static/.well-known/security.txt")

        let text = AnswersFile.serialize(answers, catalog: catalog)
        #expect(try parse(text) == answers)
        #expect(AnswersFile.serialize(try parse(text), catalog: catalog) == text)
        #expect(text.contains("name: Données Sécurisées 日本\n"), "unicode is written as itself")
        #expect(text.contains("frameworks: [soc-2, gdpr]\n"), "a choice list is one line")
        #expect(text.contains("on_call: ~\n"), "a question seen and left open is recorded")
    }

    @Test func textThatLooksLikeAnotherTypeIsQuoted() throws {
        var answers = Answers()
        answers.company.name = "true"
        answers.sections["overview"] = SectionAnswers(answers: ["preferred_languages": .text("no")])
        let text = AnswersFile.serialize(answers, catalog: catalog)
        #expect(text.contains("name: 'true'"))
        #expect(try parse(text) == answers)
    }

    @Test func changingOneAnswerChangesOneLine() throws {
        let original = try Fixtures.text("seed-saas.yml")
        var answers = try parse(original)
        answers.sections["data-retention"]!.answers["retention_days"] = .text("60")
        let changed = AnswersFile.serialize(answers, catalog: catalog)
        let before = original.split(separator: "\n"), after = changed.split(separator: "\n")
        #expect(before.count == after.count)
        #expect(zip(before, after).filter { $0 != $1 }.map { String($0.1) } == ["      retention_days: 60"])
    }

    @Test func choiceListsAreKeptInCatalogOrder() throws {
        let answers = try parse("""
            version: 1
            sections:
              network-security:
                answers:
                  controls: [firewall, private-network, firewall]
            """)
        #expect(answers.sections["network-security"]?.answers["controls"] == .choices(["private-network", "firewall"]))
    }

    // MARK: - Bad input: one located line each

    @Test func malformedYAML() {
        #expect(error("version: 1\ncompany: {name: [unclosed\n") ==
            "answers.yml:3:1: malformed YAML: did not find expected ',' or ']' (while parsing a flow sequence at line 2)")
    }

    @Test func aScalarWhereAMapBelongs() {
        #expect(error("version: 1\ncompany: Acme\n") == "answers.yml:2:10: company must be a map, found a single value")
        #expect(error("just text") == "answers.yml:1:1: the answers file must be a map, found a single value")
        #expect(error("version: 1\noutputs: {page: \"\"}\n") == "answers.yml:2:17: outputs.page is empty")
        #expect(error("version: 1\noutputs: {security_txt: site/}\n") == "answers.yml:2:25: outputs.security_txt 'site/' names a folder: give the file's name too")
        #expect(error("version: 1\ncompany: {name: \"  \"}\n") == "answers.yml:2:17: company.name is empty")
        #expect(error("version: 1\ncompany: {name: \"\\n\"}\n") == "answers.yml:2:17: company.name is empty")
        #expect(error("version: 1\ncompany: {name: \"A\\eB\"}\n") == "answers.yml:2:17: company.name contains a control character or a line break")
        #expect(error("version: 1\nsections:\n  overview: {answers: {preferred_languages: \"en\\e[31m\"}}\n")
            == "answers.yml:3:45: sections.overview.answers.preferred_languages contains a control character")
    }

    /// Sections are read on every core: their problems still come one per
    /// line, all of them, in the order of the file.
    @Test func problemsInManySectionsComeInFileOrder() {
        let ids = catalog.sections.map(\.id) + ["firewall"]
        var text = "version: 1\nsections:\n"
        var expected: [String] = []
        for (index, id) in ids.enumerated().reversed() {
            text += "  \(id):\n    answers:\n      banner\(index): true\n"
            let line = text.split(separator: "\n", omittingEmptySubsequences: false).count - 1
            expected.append(id == "firewall"
                ? "answers.yml:\(line - 2):3: unknown section 'firewall' (not built in, and no custom sections folder was given): name the folder of your own sections with --sections DIR or 'custom_sections:' in this file"
                : "answers.yml:\(line):7: unknown question 'banner\(index)' in section '\(id)'")
        }
        #expect(error(text) == expected.joined(separator: "\n"))
    }

    @Test func unknownSectionQuestionAndChoice() {
        #expect(error("version: 1\nsections:\n  firewall:\n    include: true\n") == "answers.yml:3:3: unknown section 'firewall' (not built in, and no custom sections folder was given): name the folder of your own sections with --sections DIR or 'custom_sections:' in this file")
        #expect(error("version: 1\nsections:\n  overview:\n    answers:\n      banner: true\n")
            == "answers.yml:5:7: unknown question 'banner' in section 'overview'")
        #expect(error("version: 1\nsections:\n  network-security:\n    answers:\n      controls: [moat]\n")
            == "answers.yml:5:17: unknown choice 'moat' for sections.network-security.answers.controls (one of security-zones, private-network, bastion-vpn, firewall, ids-ips, ip-allowlist)")
    }

    @Test func valuesOfTheWrongKind() {
        #expect(error("version: 1\nsections:\n  overview:\n    include: maybe\n")
            == "answers.yml:4:14: sections.overview.include must be true or false, found 'maybe'")
        #expect(error("version: 1\nsections:\n  overview:\n    answers:\n      intro: [yes]\n")
            == "answers.yml:5:14: sections.overview.answers.intro (a yes/no question) must be true or false")
        #expect(error("version: 1\nsections:\n  network-security:\n    answers:\n      controls: firewall\n")
            == "answers.yml:5:17: sections.network-security.answers.controls takes a list of choices like [security-zones], found a single value")
        #expect(error("version: 1\nsections:\n  data-retention:\n    answers:\n      retention_days: soon\n")
            == "answers.yml:5:23: sections.data-retention.answers.retention_days: 'soon' is not a number of days (digits only, like 90)")
        #expect(error("version: 1\nprofile:\n  stage: unicorn\n")
            == "answers.yml:3:10: profile.stage 'unicorn' is not one of 'pre-seed', 'seed', 'series-a', 'series-b', 'later'")
        #expect(error("version: 1\ncompany:\n  domain: not a domain\n")
            == "answers.yml:3:11: company.domain: 'not a domain' is not a domain like example.com")
        #expect(error("version: 1\nreviewed: 2026-02-30\n")
            == "answers.yml:2:11: reviewed '2026-02-30' is not a date like 2026-11-29")
    }

    @Test func aNewerVersion() {
        #expect(error("version: 2\n") == "answers.yml:1:10: version 2 is newer than this program knows (1): update security-overview")
        #expect(error("company: {name: Acme}\n") == "answers.yml:1:1: no 'version': add 'version: 1' at the top")
    }

    @Test func everyProblemIsListedNotJustTheFirst() {
        let message = error("version: 1\nprofile:\n  stage: unicorn\n  data: lots\n")
        #expect(message?.split(separator: "\n").count == 2)
    }

    @Test func controlCharactersInAFileCannotReachTheTerminalThroughAnError() {
        let message = error("version: 1\nprofile:\n  stage: \"\\e[31mred\"\n") ?? ""
        #expect(!message.unicodeScalars.contains { $0.value == 0x1B })
        #expect(message.contains("?[31mred"))
    }

    @Test func aMissingFileIsNamed() {
        #expect(throws: InputErrors.self) { try AnswersFile.load("/nonexistent/answers.yml", catalog: catalog) }
        do {
            _ = try AnswersFile.load("/nonexistent/answers.yml", catalog: catalog)
        } catch {
            #expect(error.description == "/nonexistent/answers.yml: no such file")
        }
    }
}
