import Foundation
import Testing
@testable import OverviewCore

/// What a buyer's security reviewer looks for first in 2026: compliance status
/// (held, under way, planned), subprocessors, and the sections added for them.
@Suite struct TrustPageTests {
    let renderer = PageRenderer(catalog: Fixtures.catalog)

    /// An answers file with one section's answers, the rest of it fixed.
    static func answersFile(_ sections: String, profile: String = "{stage: seed, data: personal, enterprise_customers: false, accepts_payments: false, availability_critical: false, hosting: cloud, ai_customer_data: false}") -> String {
        """
        version: 1
        company: {name: Acme, domain: acme.example, security_contact: security@acme.example}
        profile: \(profile)
        sections:
        \(sections)
        reviewed: 2026-12-01

        """
    }

    func parse(_ text: String) throws -> Answers {
        try AnswersFile.parse(text, file: "answers.yml", catalog: Fixtures.catalog)
    }

    func errors(_ text: String) -> [InputError] {
        do { _ = try AnswersFile.parse(text, file: "answers.yml", catalog: Fixtures.catalog); return [] } catch { return error.errors }
    }

    // MARK: - Compliance status

    @Test("A SOC 2 audit under way is said to be under way, and nothing on the page claims SOC 2")
    func aSOC2AuditUnderWayClaimsNoSOC2() throws {
        let answers = try parse(Self.answersFile("""
              compliance:
                include: true
                answers:
                  frameworks: [none-yet]
                  underway: [soc-2-type-2]
                  soc2_type2_expected: 2027-Q2
            """))
        let page = renderer.page(answers)
        let flat = page.replacingOccurrences(of: "\n", with: " ")
        #expect(flat.contains("Our SOC 2 Type 2 audit is under way; we expect the report in Q2 2027."))
        #expect(flat.contains("- SOC 2 Type 2 audit, report expected in Q2 2027 ([Compliance](#compliance))"))
        // Every sentence that names SOC 2 says it is not done yet.
        for sentence in flat.components(separatedBy: ". ") where sentence.contains("SOC 2") {
            #expect(sentence.contains("under way") || sentence.contains("expected"), "claims SOC 2: \(sentence)")
        }
        for claim in ["compliant", "certified", "issued a SOC 2 report", "What we have today", "We comply"] {
            #expect(!page.contains(claim), "the page says '\(claim)'")
        }
    }

    @Test("Held, under way and planned each read as exactly that, and At a glance lists the first two")
    func heldUnderWayAndPlanned() throws {
        let answers = try parse(Self.answersFile("""
              compliance:
                include: true
                answers:
                  frameworks: [soc-2]
                  underway: [soc-2-type-2, iso-27001]
                  soc2_type2_expected: 2027-Q3
                  iso_expected: 2027-Q1
                  planned: [pci-dss]
                  soc2_type: type-1
                  soc2_request: form
                  soc2_form_url: https://acme.example/reports
                  soc2_nda: no-nda
            """))
        let page = renderer.page(answers).replacingOccurrences(of: "\n", with: " ")
        #expect(page.contains("What we have today:  - SOC 2 Type 1 report ([Compliance](#compliance))"))
        #expect(page.contains("Under way:  - SOC 2 Type 2 audit, report expected in Q3 2027 ([Compliance](#compliance)) - ISO/IEC 27001 certification audit, certificate expected in Q1 2027"))
        #expect(page.contains("It is a Type 1 report"))
        #expect(page.contains("Our ISO/IEC 27001 certification audit is under way; we expect the certificate in Q1 2027."))
        #expect(page.contains("We plan a PCI DSS assessment; it has not started yet."))
        #expect(page.contains("[our request form](https://acme.example/reports)"))
        #expect(page.contains("do not need to sign a nondisclosure agreement"))
        #expect(!page.contains("usually under a nondisclosure agreement"))
        #expect(!page.contains("We are certified to"), "ISO/IEC 27001 is under way, not held")
        #expect(!page.contains("We comply with"), "PCI DSS is planned, not held")
        // The block comes before the first section.
        let glance = try #require(page.range(of: "## At a glance"))
        let overview = try #require(page.range(of: "## Compliance"))
        #expect(glance.lowerBound < overview.lowerBound)
    }

    @Test("Nothing held and nothing under way: no At a glance block, no Compliance section")
    func noneYetClaimsNothing() throws {
        let answers = try parse(Self.answersFile("""
              compliance:
                include: true
                answers:
                  frameworks: [none-yet]
            """))
        let page = renderer.page(answers)
        #expect(!page.contains("At a glance"))
        #expect(!page.contains("## Compliance"))
    }

    @Test("check fails once an expected quarter is over, at the answer's line")
    func anExpectedQuarterThatHasPassed() throws {
        let text = Self.answersFile("""
              compliance:
                include: true
                answers:
                  frameworks: [none-yet]
                  underway: [soc-2-type-2]
                  soc2_type2_expected: 2027-Q2
            """)
        let answers = try parse(text)
        let lines = AnswersFile.keyLines(text)
        func problems(_ today: String) -> [InputError] {
            Reminders.expiredQuarters(answers, catalog: Fixtures.catalog, file: "answers.yml",
                                      today: ReviewDate(today)!, lines: lines)
        }
        #expect(problems("2027-06-30").isEmpty, "the last day of the quarter is still in it")
        let late = problems("2027-07-01")
        #expect(late.count == 1)
        #expect(late.first?.line == 10)
        #expect(late.first?.description.contains("answers.yml:10:") == true)
        #expect(late.first?.description.contains("the expected quarter 2027-Q2 ended on 2027-06-30") == true)
    }

    @Test(arguments: ["2027-Q2", "2027-Q4", "2030-Q1"])
    func aQuarterIsAccepted(_ text: String) {
        #expect(TextFormat.quarter.problem(with: text) == nil)
    }

    @Test(arguments: ["2027-Q5", "2027-Q0", "Q2 2027", "2027-q2", "27-Q2", "2027Q2", ""])
    func aQuarterIsRefused(_ text: String) {
        #expect(TextFormat.quarter.problem(with: text) != nil)
    }

    // MARK: - Subprocessors: the records kind

    static let subprocessors = """
          subprocessors:
            include: true
            answers:
              subprocessors:
                - {name: Acme Mail, purpose: Email delivery, location: EU}
                - {name: 'A | B', purpose: 'Keys, secrets', link: 'https://ab.example/security'}
              dpa_available: true
              dpa_sccs: true
              change_notice: [email, page]
              change_notice_url: https://acme.example/subprocessors
              change_notice_days: 30
        """

    @Test("Records load, and save back to the same bytes, one record a line")
    func recordsRoundTrip() throws {
        let text = Self.answersFile(Self.subprocessors)
        let answers = try parse(text)
        #expect(answers.sections["subprocessors"]?.answers["subprocessors"] == .records([
            ["name": "Acme Mail", "purpose": "Email delivery", "location": "EU"],
            ["name": "A | B", "purpose": "Keys, secrets", "link": "https://ab.example/security"],
        ]))
        let saved = AnswersFile.serialize(answers, catalog: Fixtures.catalog)
        #expect(saved.contains("""
                  subprocessors:
                  - {name: Acme Mail, purpose: Email delivery, location: EU}
                  - {name: A | B, purpose: 'Keys, secrets', link: 'https://ab.example/security'}
                  dpa_available: true

            """))
        #expect(AnswersFile.serialize(try parse(saved), catalog: Fixtures.catalog) == saved)
    }

    @Test("A name with a | is one row of the table, its | escaped")
    func aPipeStaysInItsCell() throws {
        let page = renderer.page(try parse(Self.answersFile(Self.subprocessors)))
        let rows = page.split(separator: "\n").filter { $0.hasPrefix("|") }
        #expect(rows == [
            "| Subprocessor | What it does for us | Where it processes data |",
            "| --- | --- | --- |",
            "| Acme Mail | Email delivery | EU |",
            "| [A \\| B](https://ab.example/security) | Keys, secrets |  |",
        ])
        let flat = page.replacingOccurrences(of: "\n", with: " ")
        #expect(flat.contains("We tell customers about a new subprocessor at least 30 days before it starts processing their data:"))
        #expect(flat.contains("It includes the EU Standard Contractual Clauses (SCCs)"))
        #expect(flat.contains("These companies process customer data on our behalf:"))
    }

    @Test("A line break in a record reaching the renderer is flattened into one row")
    func aLineBreakIsFlattened() throws {
        var answers = try parse(Self.answersFile(Self.subprocessors))
        answers.sections["subprocessors"]?.answers["subprocessors"] = .records([["name": "A\nB | C", "location": "EU\r\nUS"]])
        let page = renderer.page(answers)
        let rows = page.split(separator: "\n").filter { $0.hasPrefix("|") }
        #expect(rows.last == "| A B \\| C |  | EU  US |")
        #expect(rows.count == 3)
    }

    @Test("A row too long for a line has no space past the limit, so the linter passes it")
    func aLongRowFitsTheLinter() throws {
        var answers = try parse(Self.answersFile(Self.subprocessors))
        answers.sections["subprocessors"]?.answers["subprocessors"] = .records([[
            "name": "Very Long Company Name Incorporated", "purpose": "Delivery of every email we send to customers",
            "location": "European Union and United States", "link": "https://example.com/a/very/long/path/to/security",
        ]])
        let page = renderer.page(answers)
        let row = try #require(page.split(separator: "\n").last { $0.hasPrefix("|") })
        #expect(row.count > 80)
        #expect(!row.dropFirst(74).contains(" "))
        #expect(row.hasPrefix("| [Very Long Company Name Incorporated](https://example.com/a/very/long/path/to/security)|Delivery&#32;of&#32;every"))
        #expect(row.hasSuffix("|European&#32;Union&#32;and&#32;United&#32;States|"))
    }

    @Test("The answers file refuses a bad record, with its line", arguments: [
        ("- {name: Acme, color: blue}", "unknown field 'color'", 9),
        ("- {purpose: Email}", "has no name", 9),
        ("- {name: \"A\\nB\"}", "found a line break", 9),
        ("- {name: \"A\\u0007B\"}", "contains a control character", 9),
        ("- {name: Acme, link: 'http://acme.example'}", "is not an https:// URL", 9),
        ("- Acme", "must be a map", 9),
    ])
    func aBadRecordIsRefused(_ record: String, _ message: String, _ line: Int) throws {
        let text = Self.answersFile("""
              subprocessors:
                include: true
                answers:
                  subprocessors:
                    \(record)
            """)
        let found = errors(text)
        #expect(found.count == 1)
        #expect(found.first?.line == line)
        #expect(found.first?.description.contains(message) == true, "\(found)")
    }

    @Test("An empty list is no answer: left open")
    func anEmptyListIsNoAnswer() throws {
        let answers = try parse(Self.answersFile("""
              subprocessors:
                include: true
                answers:
                  subprocessors: []
            """))
        #expect(answers.sections["subprocessors"]?.answers["subprocessors"] == nil)
        #expect(answers.sections["subprocessors"]?.open.contains("subprocessors") == true)
    }

    @Test("A records question is checked when the catalog loads", arguments: [
        ("fields: []", "has no fields"),
        ("fields: [{id: name, label: Name}]", "at least one field must be required"),
        ("fields: [{id: name, label: Name, required: true}, {id: name, label: Again}]", "duplicate field id 'name'"),
        ("fields: [{id: Name, label: Name, required: true}]", "field id 'Name' must be"),
        ("fields: [{id: name, label: Name, required: true, validate: colour}]", "unknown validator 'colour'"),
        ("fields: [{id: name, label: Name, required: true, size: 3}]", "unknown key 'size' in a field"),
    ])
    func aBadRecordsDefinition(_ fields: String, _ message: String) {
        let text = sectionFile(minimalFrontMatter + "\n  - id: list\n    kind: records\n    record: thing\n    label: Things\n    \(fields)")
        #expect(throws: InputError.self) { try SectionParser(file: "custom.md").parse(text) }
        do { _ = try SectionParser(file: "custom.md").parse(text) } catch {
            #expect(error.description.contains(message), "\(error)")
        }
    }

    @Test func fieldsOnAnotherKindAreRefused() {
        let text = sectionFile(minimalFrontMatter + "\n    record: thing")
        do { _ = try SectionParser(file: "custom.md").parse(text); Issue.record("loaded") } catch {
            #expect(error.description.contains("'record' and 'fields' are for records questions"), "\(error)")
        }
    }

    // MARK: - Rules at both ends of each scale

    static func profile(stage: Stage = .preSeed, data: DataHeld = .none, enterprise: Bool = false,
                        availability: Bool = false, ai: Bool = false) -> Profile {
        Profile(stage: stage, data: data, enterpriseCustomers: enterprise, acceptsPayments: false,
                availabilityCritical: availability, hosting: .cloud, aiCustomerData: ai)
    }

    func recommended(_ id: String, _ profile: Profile) throws -> Bool {
        try #require(Fixtures.catalog.section(id)).rule.evaluate(profile).recommended
    }

    @Test func incidentResponseForAnyoneHoldingPersonalData() throws {
        #expect(try !recommended("incident-response", Self.profile(data: .none)))
        #expect(try !recommended("incident-response", Self.profile(data: .usage)))
        #expect(try recommended("incident-response", Self.profile(data: .personal)))
        #expect(try recommended("incident-response", Self.profile(data: .healthOrFinancial)))
        #expect(try recommended("incident-response", Self.profile(data: .none, enterprise: true)))
        let reason = try #require(Fixtures.catalog.section("incident-response")).rule.evaluate(Self.profile(data: .personal)).reason
        #expect(reason == "recommended: you hold personal data")
    }

    @Test func subprocessorsAndDataLocationForPersonalDataOrEnterprise() throws {
        for id in ["subprocessors", "data-location"] {
            #expect(try !recommended(id, Self.profile(stage: .later, data: .usage)), "\(id)")
            #expect(try recommended(id, Self.profile(data: .personal)), "\(id)")
            #expect(try recommended(id, Self.profile(data: .healthOrFinancial)), "\(id)")
            #expect(try recommended(id, Self.profile(data: .none, enterprise: true)), "\(id)")
        }
    }

    @Test func aiWhenTheProfileSaysSo() throws {
        #expect(try !recommended("ai-data", Self.profile(stage: .later, data: .healthOrFinancial, enterprise: true, ai: false)))
        #expect(try recommended("ai-data", Self.profile(ai: true)))
        var unanswered = Self.profile(ai: true)
        unanswered.aiCustomerData = nil
        #expect(try !recommended("ai-data", unanswered), "an unanswered profile question meets nothing")
        let reason = try #require(Fixtures.catalog.section("ai-data")).rule.evaluate(Self.profile(ai: true)).reason
        #expect(reason == "recommended: your product sends customer data to AI models")
    }

    @Test func governanceFromSeriesAOrForEnterpriseSellers() throws {
        #expect(try !recommended("governance", Self.profile(stage: .preSeed, data: .healthOrFinancial)))
        #expect(try !recommended("governance", Self.profile(stage: .seed)))
        #expect(try recommended("governance", Self.profile(stage: .seriesA)))
        #expect(try recommended("governance", Self.profile(stage: .later)))
        #expect(try recommended("governance", Self.profile(stage: .preSeed, enterprise: true)))
    }

    @Test func staffDevicesFromSeriesAOrEnterpriseOrSensitiveData() throws {
        #expect(try !recommended("staff-devices", Self.profile(stage: .seed, data: .personal)))
        #expect(try recommended("staff-devices", Self.profile(stage: .seriesA)))
        #expect(try recommended("staff-devices", Self.profile(data: .healthOrFinancial)))
        #expect(try recommended("staff-devices", Self.profile(enterprise: true)))
    }

    @Test func vulnerabilityManagementFromPersonalDataEnterpriseOrSeriesA() throws {
        #expect(try !recommended("vulnerability-management", Self.profile(stage: .seed, data: .usage)))
        #expect(try recommended("vulnerability-management", Self.profile(data: .personal)))
        #expect(try recommended("vulnerability-management", Self.profile(stage: .seriesA)))
        #expect(try recommended("vulnerability-management", Self.profile(enterprise: true)))
    }

    @Test func availabilityWhenDowntimeMattersOrForEnterprise() throws {
        #expect(try !recommended("availability", Self.profile(stage: .later, data: .healthOrFinancial)))
        #expect(try recommended("availability", Self.profile(availability: true)))
        #expect(try recommended("availability", Self.profile(enterprise: true)))
    }

    // MARK: - The new sections claim only what is answered

    @Test("An uptime figure is printed only when given; a status page alone promises no uptime")
    func availabilityClaimsOnlyWhatIsAnswered() throws {
        let statusOnly = try parse(Self.answersFile("""
              availability:
                include: true
                answers:
                  status_page: true
                  status_page_url: https://status.acme.example
                  service_credits: true
            """))
        let page = renderer.page(statusOnly)
        #expect(page.contains("[status page](https://status.acme.example)"))
        #expect(!page.contains("uptime"))
        #expect(!page.contains("service credits"), "credits for a commitment never stated")
    }

    @Test("No training and provider retention appear only when answered")
    func aiClaimsOnlyWhatIsAnswered() throws {
        let answers = try parse(Self.answersFile("""
              ai-data:
                include: true
                answers:
                  ai_use: providers
                  providers:
                    - {name: Model Co, purpose: Search}
            """))
        let section = try #require(Fixtures.catalog.section("ai-data"))
        let markdown = try #require(renderer.sectionMarkdown(section, answers))
        #expect(markdown.contains("| Model Co | Search |  |"))
        #expect(!markdown.contains("train"))
        #expect(!markdown.contains("keep"))
    }

    @Test("A breach notice without hours promises no deadline")
    func incidentNoticeWithoutHours() throws {
        let answers = try parse(Self.answersFile("""
              incident-response:
                include: true
                answers:
                  plan: false
                  notify_customers: true
            """))
        let section = try #require(Fixtures.catalog.section("incident-response"))
        #expect(renderer.sectionMarkdown(section, answers) == "If a security breach concerns a customer's data, we tell that customer.")
    }

    // MARK: - An answers file written before these sections

    @Test("An old answers file renders the same sections as before; only the At a glance block is new")
    func anOldAnswersFileRendersTheSamePage() throws {
        let answers = try Fixtures.answers("written-before-16.yml")
        let page = renderer.page(answers)
        let before = try Fixtures.text("golden/written-before-16.md")
        // The block sits between the title and the first section.
        let start = try #require(page.range(of: "## At a glance\n\n"))
        let end = try #require(page.range(of: "## Overview"))
        var withoutGlance = page
        withoutGlance.removeSubrange(start.lowerBound..<end.lowerBound)
        // The digest in the generated-by mark covers the whole page, so it changes too.
        func dropMark(_ page: String) -> String { page.components(separatedBy: "<!-- generated by").first ?? page }
        #expect(dropMark(withoutGlance) == dropMark(before))
        #expect(page[start.lowerBound..<end.lowerBound].contains("- SOC 2 Type 2 report ([Compliance](#compliance))"))
    }

    @Test("check lists the new sections and questions of an old answers file as never seen, each at a line")
    func anOldAnswersFileThroughCheck() throws {
        let text = try Fixtures.text("written-before-16.yml")
        let answers = try Fixtures.answers("written-before-16.yml")
        let problems = Completeness.problems(answers, catalog: Fixtures.catalog, file: "old.yml",
                                             lines: AnswersFile.keyLines(text)).map(\.description)
        let sectionsLine = try #require(AnswersFile.keyLines(text)["sections"])
        for id in ["governance", "data-location", "subprocessors", "ai-data", "availability", "vulnerability-management",
                   "incident-response", "staff-devices"] {
            #expect(problems.contains { $0.hasPrefix("old.yml:\(sectionsLine):") && $0.contains("section '\(id)' was never answered") },
                    "\(id): \(problems)")
        }
        let complianceLine = try #require(AnswersFile.keyLines(text)["sections.compliance.answers"])
        for question in ["underway", "planned", "soc2_nda"] {
            #expect(problems.contains { $0.hasPrefix("old.yml:\(complianceLine):") && $0.contains("question '\(question)' was never seen") },
                    "\(question): \(problems)")
        }
        #expect(problems.contains { $0.contains("profile.ai_customer_data is missing") })
        #expect(problems.allSatisfy { $0.hasPrefix("old.yml:") && $0.split(separator: ":").count >= 3 })
    }
}
