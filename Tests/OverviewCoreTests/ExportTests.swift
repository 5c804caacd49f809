import Foundation
import Testing
@testable import OverviewCore

@Suite struct SecurityTxtTests {
    let catalog = Fixtures.catalog
    let today = ReviewDate("2026-11-29")!

    @Test func theGoldenSecurityTxt() throws {
        let text = try SecurityTxt.text(try Fixtures.answers("later-health.yml"), catalog: catalog, file: "a.yml", today: today)
        try Fixtures.expectGolden(text, "later-health.security.txt")
        #expect(text.contains("Contact: https://northwind.health/security/report\n"))
        #expect(text.contains("Expires: 2027-09-29T00:00:00Z\n"), "the day before the first anniversary of 'reviewed'")
        #expect(text.contains("Canonical: https://northwind.health/.well-known/security.txt\n"))
        // Plain Markdown: the heading has no id of ours, so the page, not a guessed anchor.
        #expect(text.contains("Policy: https://northwind.health/security/\n"))
        #expect(text.contains("Encryption: https://northwind.health/pgp-key.txt\n"))
        #expect(text.contains("Acknowledgments: https://northwind.health/security/thanks\n"))
        #expect(text.contains("Hiring: https://northwind.health/careers\n"))
        #expect(text.contains("Preferred-Languages: en\n"))
    }

    @Test("Policy links to the disclosure heading's anchor only in the forms that write it")
    func policyAnchorOnlyWhereThePageHasIt() throws {
        var answers = try Fixtures.answers("later-health.yml")
        for format in PageFormat.allCases {
            answers.outputs.format = format
            let text = try SecurityTxt.text(answers, catalog: catalog, file: "a.yml", today: today)
            let anchored = renderedHasAnchor(PageRenderer(catalog: catalog).page(answers, format: format))
            #expect(text.contains("Policy: https://northwind.health/security/\(anchored ? "#responsible-disclosure" : "")\n"), "\(format)")
            #expect(anchored == (format != .markdown), "\(format)")
        }
    }

    func renderedHasAnchor(_ page: String) -> Bool {
        page.contains("{#responsible-disclosure}") || page.contains("id=\"responsible-disclosure\"")
    }

    @Test func anEmailContactIsAMailtoAndNoPolicyWithoutDisclosure() throws {
        let text = try SecurityTxt.text(try Fixtures.answers("seed-saas.yml"), catalog: catalog, file: "a.yml", today: today)
        #expect(text.contains("Contact: mailto:security@acme-analytics.io\n"))
        #expect(!text.contains("Policy:"))
        #expect(!text.contains("Hiring:"))
    }

    @Test func refusesWithoutAContact() throws {
        var answers = try Fixtures.answers("seed-saas.yml")
        answers.company.securityContact = nil
        #expect(throws: InputError(file: "a.yml", "cannot write security.txt: company.security_contact is missing (RFC 9116 requires a Contact)")) {
            try SecurityTxt.text(answers, catalog: catalog, file: "a.yml", today: today)
        }
    }

    @Test func refusesToWriteAnExpiredFile() throws {
        var answers = try Fixtures.answers("seed-saas.yml")
        // Expires is the day before the anniversary: reviewed 2025-11-30, it expires on 2026-11-29, today.
        answers.reviewed = "2025-11-30"
        #expect(throws: InputError.self) { try SecurityTxt.text(answers, catalog: catalog, file: "a.yml", today: today) }
        answers.reviewed = "2025-12-01"
        #expect(try SecurityTxt.text(answers, catalog: catalog, file: "a.yml", today: today).contains("Expires: 2026-11-30T00:00:00Z"))
    }

    @Test func expiryHandlesLeapDays() {
        #expect(SecurityTxt.expiry(ReviewDate("2028-02-29")!).description == "2029-02-27")
        #expect(ReviewDate("2026-11-29")!.days(until: ReviewDate("2027-11-29")!) == 365)
        #expect(ReviewDate("2027-11-29")!.days(until: ReviewDate("2028-11-29")!) == 366)
    }
}

@Suite struct ExportTests {
    let catalog = Fixtures.catalog
    let today = ReviewDate("2026-11-29")!

    func targets(_ folder: TemporaryFolder) -> Export.Targets {
        Export.Targets(answers: folder.file("security-overview.yml"), page: folder.file("page.md"),
                       format: .hugo, securityTxt: folder.file("security.txt"))
    }

    @Test func writesEveryFileAndTheMarksMatch() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let answers = try Fixtures.answers("later-health.yml")
        let written = try Export.write(answers, catalog: catalog, targets: targets(folder), today: today)
        #expect(written.count == 3)
        #expect(GeneratedMark.state(of: folder.read("page.md")!) == .untouched)
        #expect(GeneratedMark.state(of: folder.read("security.txt")!) == .untouched)
        let saved = try AnswersFile.load(folder.file("security-overview.yml"), catalog: catalog)
        #expect(saved.company == answers.company)
        #expect(saved.sections["compliance"]?.answers == answers.sections["compliance"]?.answers)
        // Export records what the user saw: every section decided, open questions marked.
        #expect(catalog.sections.allSatisfy { saved.sections[$0.id]?.include != nil })
        #expect(saved.sections["compliance"]?.open.contains("trust_center_url") == true)
    }

    @Test func aSecondExportIsByteIdentical() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let answers = try Fixtures.answers("seed-saas.yml")
        try Export.write(answers, catalog: catalog, targets: targets(folder), today: today)
        let first = [folder.read("page.md"), folder.read("security.txt"), folder.read("security-overview.yml")]
        try Export.write(answers, catalog: catalog, targets: targets(folder), today: ReviewDate("2027-01-15")!)
        #expect([folder.read("page.md"), folder.read("security.txt"), folder.read("security-overview.yml")] == first,
                "a later day changes nothing: dates come from the answers")
    }

    @Test func refusesToClobberAHandEditAndWritesNothing() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var answers = try Fixtures.answers("seed-saas.yml")
        try Export.write(answers, catalog: catalog, targets: targets(folder), today: today)
        let edited = folder.read("page.md")!.replacingOccurrences(of: "90 days", with: "60 days")
        try folder.write("page.md", edited)
        let answersBefore = folder.read("security-overview.yml")
        let txtBefore = folder.read("security.txt")

        answers.sections["data-retention"]!.answers["retention_days"] = .text("30")
        #expect(throws: InputError.self) {
            try Export.write(answers, catalog: catalog, targets: targets(folder), today: today)
        }
        do {
            try Export.write(answers, catalog: catalog, targets: targets(folder), today: today)
        } catch {
            #expect(error.file == folder.file("page.md"))
            #expect(error.message.contains("edited by hand"))
            #expect(error.message.contains("--force"))
        }
        #expect(folder.read("page.md") == edited)
        #expect(folder.read("security-overview.yml") == answersBefore)
        #expect(folder.read("security.txt") == txtBefore)

        try Export.write(answers, catalog: catalog, targets: targets(folder), force: true, today: today)
        #expect(folder.read("page.md")!.contains("30 days"))
    }

    @Test func refusesToReplaceAFileItDidNotWrite() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("page.md", "# Our own page\n")
        #expect(throws: InputError.self) {
            try Export.write(try Fixtures.answers("seed-saas.yml"), catalog: catalog, targets: targets(folder), today: today)
        }
        #expect(folder.read("page.md") == "# Our own page\n")
        #expect(folder.read("security-overview.yml") == nil)
    }

    @Test("The files a write would replace are named, edited or never generated, with what would replace them")
    func filesAWriteWouldReplace() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let answers = try Fixtures.answers("seed-saas.yml")
        #expect(Export.editedByHand(answers, catalog: catalog, targets: targets(folder), today: today).isEmpty, "nothing on disk")
        try folder.write("page.md", "# Our own page\n")
        let found = Export.editedByHand(answers, catalog: catalog, targets: targets(folder), today: today)
        #expect(found.map(\.path) == [folder.file("page.md")])
        #expect(found.first?.generated == false)
        #expect(found.first?.expected?.contains("generated by security-overview") == true)

        try Export.write(answers, catalog: catalog, targets: targets(folder), force: true, today: today)
        #expect(Export.editedByHand(answers, catalog: catalog, targets: targets(folder), today: today).isEmpty, "as generated")
        try folder.write("page.md", folder.read("page.md")!.replacingOccurrences(of: "90 days", with: "60 days"))
        let edited = Export.editedByHand(answers, catalog: catalog, targets: targets(folder), today: today)
        #expect(edited.map(\.path) == [folder.file("page.md")] && edited.first?.generated == true)
    }

    @Test func aMissingFolderIsAClearErrorAndNothingIsWritten() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var targets = targets(folder)
        targets.securityTxt = folder.file("static/.well-known/security.txt")
        do {
            let answers = try Fixtures.answers("seed-saas.yml")
            try Export.write(answers, catalog: catalog, targets: targets, today: today)
            Issue.record("expected an error")
        } catch let error as InputError {
            #expect(error.description == "\(folder.file("static/.well-known/security.txt")): cannot write: the folder '\(folder.file("static/.well-known"))' does not exist")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty, "no file and no temporary file left")
    }

    @Test(.enabled(if: getuid() != 0, "root writes through folder permissions; CommandLineTests covers a read-only mount"))
    func aReadOnlyFolderIsAClearErrorAndTheOldFilesStay() throws {
        let folder = try TemporaryFolder()
        defer {
            chmod(folder.path, 0o755)
            folder.remove()
        }
        let answers = try Fixtures.answers("seed-saas.yml")
        try Export.write(answers, catalog: catalog, targets: targets(folder), today: today)
        let before = folder.read("page.md")
        chmod(folder.path, 0o555)
        #expect(throws: InputError.self) {
            try Export.write(answers, catalog: catalog, targets: targets(folder), today: today)
        }
        #expect(folder.read("page.md") == before)
    }

    @Test func targetsAreRelativeToTheAnswersFile() throws {
        let answers = try Fixtures.answers("seed-saas.yml")
        let targets = Export.Targets.from(answers, answersPath: "/repo/security/answers.yml")
        #expect(targets == Export.Targets(answers: "/repo/security/answers.yml", page: "/repo/security/site/content/security.md",
                                          format: .hugo, securityTxt: "/repo/security/site/static/.well-known/security.txt"))
    }
}

@Suite struct CheckTests {
    let catalog = Fixtures.catalog

    func exported(_ name: String, in folder: TemporaryFolder, today: String) throws -> (Answers, Export.Targets) {
        let answers = try Fixtures.answers(name)
        let targets = Export.Targets(answers: folder.file("a.yml"), page: folder.file("page.md"),
                                     format: .markdown, securityTxt: folder.file("security.txt"))
        try Export.write(answers, catalog: catalog, targets: targets, today: ReviewDate(today)!)
        let saved = try AnswersFile.load(folder.file("a.yml"), catalog: catalog)
        return (saved, targets)
    }

    func problems(_ answers: Answers, _ targets: Export.Targets, today: String) -> [String] {
        (Completeness.problems(answers, catalog: catalog, file: targets.answers)
            + Reminders.problems(answers, catalog: catalog, targets: targets, today: ReviewDate(today)!)).map(\.message)
    }

    @Test func freshCompleteAnswersPass() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (answers, targets) = try exported("later-health.yml", in: folder, today: "2026-11-29")
        #expect(problems(answers, targets, today: "2026-11-29") == [])
    }

    @Test("A recommended section left out is a note at its include line, and only recommended ones are")
    func skippedRecommendationsAreNotes() throws {
        let text = try Fixtures.text("seed-saas.yml")
        let answers = try Fixtures.answers("seed-saas.yml")
        let lines = AnswersFile.keyLines(text)
        let notes = Completeness.skippedRecommendations(answers, catalog: Fixtures.catalog, file: "a.yml", lines: lines)
        let includeLine = try #require(lines["sections.security-team.include"])
        #expect(notes.contains { $0.description == "a.yml:\(includeLine): section 'security-team' is left out (recommended: you hold personal data)" },
                "\(notes)")
        for note in notes {
            let id = try #require(note.message.split(separator: "'").dropFirst().first.map(String.init))
            #expect(answers.sections[id]?.include == false)
            #expect(try #require(Fixtures.catalog.section(id)).rule.evaluate(answers.profile).recommended, "\(id)")
        }
    }

    @Test("Lines added after the mark, or the last line break taken away, are a hand edit, not a file of someone else's")
    func editsAroundTheMark() {
        let page = GeneratedMark.apply(to: "# Security\n\nWe encrypt.\n", style: .html)
        let txt = GeneratedMark.apply(to: "Contact: mailto:security@example.com\n", style: .hash)
        for text in [page, txt] {
            #expect(GeneratedMark.state(of: text) == .untouched)
            #expect(GeneratedMark.state(of: text + "A line added by hand.\n") == .edited)
            #expect(GeneratedMark.state(of: String(text.dropLast())) == .edited)
        }
        #expect(GeneratedMark.state(of: "# Security\n\nWritten by a person.\n") == .foreign)
    }

    @Test func answersAYearOld() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (answers, targets) = try exported("later-health.yml", in: folder, today: "2026-11-29")
        #expect(problems(answers, targets, today: "2027-09-29") == ["security.txt expired on 2027-09-29: review the answers and export again"])
        #expect(problems(answers, targets, today: "2027-10-01") == [
            "the answers were last reviewed on 2026-09-30, more than 12 months ago: review them and update 'reviewed'",
            "security.txt expired on 2027-09-29: review the answers and export again",
        ])
    }

    @Test func aSoonExpiringSecurityTxt() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (answers, targets) = try exported("later-health.yml", in: folder, today: "2026-11-29")
        #expect(problems(answers, targets, today: "2027-08-30") == [])
        #expect(problems(answers, targets, today: "2027-08-31") == ["security.txt expires in 29 days (2027-09-29): review the answers and export again"])
    }

    @Test("A review date in the future is a problem, not a year of silence")
    func aReviewDateInTheFuture() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var (answers, targets) = try exported("later-health.yml", in: folder, today: "2026-11-29")
        targets.securityTxt = nil
        answers.reviewed = "2099-01-01"
        #expect(problems(answers, targets, today: "2026-11-29").first
            == "reviewed 2099-01-01 is in the future: set it to the day someone last confirmed these answers")
        #expect(throws: InputError.self) {
            try SecurityTxt.text(answers, catalog: catalog, file: "a.yml", today: ReviewDate("2026-11-29")!)
        }
        // One day ahead is someone east of UTC, already on the next day.
        answers.reviewed = "2026-11-30"
        #expect(!problems(answers, targets, today: "2026-11-29").contains { $0.contains("in the future") })
        #expect(throws: Never.self) {
            try SecurityTxt.text(answers, catalog: catalog, file: "a.yml", today: ReviewDate("2026-11-29")!)
        }
    }

    @Test func aMissingOrEditedSecurityTxt() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (answers, targets) = try exported("later-health.yml", in: folder, today: "2026-11-29")
        let published = folder.read("security.txt")!
        try folder.write("security.txt", published.replacingOccurrences(of: "Contact: ", with: "Contact: mailto:someone-else@example.com\nContact: "))
        #expect(problems(answers, targets, today: "2026-11-29") == [
            "security.txt differs from what the answers produce: run 'security-overview export'",
        ])
        try FileManager.default.removeItem(atPath: folder.file("security.txt"))
        #expect(problems(answers, targets, today: "2026-11-29") == [
            "security.txt does not exist: run 'security-overview export'",
        ])
    }

    @Test func aPageNamedOnTheCommandLineMustExist() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var (answers, targets) = try exported("later-health.yml", in: folder, today: "2026-11-29")
        answers.outputs.page = nil
        targets.page = folder.file("typo.md")
        #expect(Reminders.problems(answers, catalog: catalog, targets: targets, today: ReviewDate("2026-11-29")!).isEmpty,
                "a page nobody named is not required")
        #expect(Reminders.problems(answers, catalog: catalog, targets: targets, today: ReviewDate("2026-11-29")!, pageNamed: true)
            .map(\.message) == ["the page does not exist"])
    }

    @Test func aStalePage() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var (answers, targets) = try exported("later-health.yml", in: folder, today: "2026-11-29")
        answers.sections["data-retention"]!.answers["retention_days"] = .text("14")
        #expect(problems(answers, targets, today: "2026-11-29") == [
            "the page differs from what the answers produce: run 'security-overview export' (or move hand edits into the answers)",
        ])
    }

    @Test func aCatalogWithANewSectionAndANewQuestion() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (answers, _) = try exported("later-health.yml", in: folder, today: "2026-11-29")
        let custom = try TemporaryFolder()
        defer { custom.remove() }
        try custom.write("vendor.md", sectionFile(minimalFrontMatter.replacingOccurrences(of: "id: custom", with: "id: vendor-risk")))
        var overview = BuiltinCatalog.files.first { $0.name.hasSuffix("overview.md") }!.text
        overview = overview.replacingOccurrences(of: "questions:\n", with: "questions:\n  - id: status_page\n    kind: text\n    validate: url\n    label: Our status page\n")
        try custom.write("overview.md", overview)
        let grown = try Catalog.load(customDirectory: custom.path)
        let found = (Completeness.problems(answers, catalog: grown, file: "a.yml")).map(\.message)
        #expect(found == [
            "section 'overview': question 'status_page' was never seen (new in the catalog?)",
            "section 'vendor-risk' was never answered (optional); decide whether to include it",
        ])
    }

    @Test func missingRequiredAnswersAndProfile() throws {
        let answers = try AnswersFile.parse("""
            version: 1
            company: {name: Acme, domain: acme.example, security_contact: security@acme.example}
            profile: {stage: seed, data: personal, enterprise_customers: false, accepts_payments: false, availability_critical: false}
            sections:
              overview: {include: true, answers: {intro: true}}
            reviewed: 2026-11-01
            """, file: "a.yml", catalog: catalog)
        let found = Completeness.problems(answers, catalog: catalog, file: "a.yml").map(\.message)
        #expect(found.first == "profile.hosting is missing")
        #expect(found.contains("section 'overview': required question 'invite_contact' has no answer (never seen: new in the catalog?)"))
        #expect(found.contains("section 'infrastructure' was never answered (recommended: you hold personal data); decide whether to include it"))
    }

    @Test("Answers in a section left out by default are not dropped in silence")
    func answersWithoutInclude() throws {
        let text = """
            version: 1
            company: {name: Acme, domain: acme.example, security_contact: security@acme.example}
            profile: {stage: seed, data: none, enterprise_customers: false, accepts_payments: false, availability_critical: false, hosting: cloud}
            sections:
              ddos-protection:
                answers: {has_mitigation: true}
            reviewed: 2026-11-01
            """
        let answers = try AnswersFile.parse(text, file: "a.yml", catalog: catalog)
        let found = Completeness.problems(answers, catalog: catalog, file: "a.yml", lines: AnswersFile.keyLines(text))
        #expect(found.contains(InputError(file: "a.yml", line: 5, "section 'ddos-protection' has answers but is not on the page: it is not recommended for this profile and has no 'include'; add include: true (or false)")))
    }

    @Test("Check's problems point at the line of the key they concern")
    func problemsCarryLines() throws {
        let text = """
            version: 1
            company:
              name: Acme
              domain: acme.example
            profile: {stage: seed, data: personal, enterprise_customers: false, accepts_payments: false, availability_critical: false, hosting: cloud}
            sections:
              overview:
                include: true
                answers:
                  intro: true
                  invite_contact: ~
            reviewed: 2024-01-15
            """
        let answers = try AnswersFile.parse(text, file: "a.yml", catalog: catalog)
        let lines = AnswersFile.keyLines(text)
        #expect(lines["sections.overview.answers.invite_contact"] == 11)
        let found = Completeness.problems(answers, catalog: catalog, file: "a.yml", lines: lines)
        // A missing company field: at `company:`; an empty answer: at its own key;
        // an answer with no key at all: at the section's `answers:`; a section
        // never answered: at `sections:`.
        #expect(found.contains(InputError(file: "a.yml", line: 2, "company.security_contact is missing")))
        #expect(found.contains(InputError(file: "a.yml", line: 11, "section 'overview': required question 'invite_contact' has no answer (seen and left unanswered)")))
        #expect(found.contains(InputError(file: "a.yml", line: 9, "section 'overview': required question 'link_security_txt' has no answer (never seen: new in the catalog?)")))
        #expect(found.contains { $0.line == 6 && $0.message.hasPrefix("section 'infrastructure' was never answered") })
        let targets = Export.Targets.from(answers, answersPath: "/nonexistent/a.yml")
        let stale = Reminders.problems(answers, catalog: catalog, targets: targets, today: ReviewDate("2026-11-29")!, lines: lines)
        #expect(stale.first { $0.message.hasPrefix("the answers were last reviewed") }?.line == 12)
        // Without lines (or for text that does not parse) the problems stay, unlocated.
        #expect(AnswersFile.keyLines("a: [") == [:])
        #expect(Completeness.problems(answers, catalog: catalog, file: "a.yml").allSatisfy { $0.line == nil })
    }
}
