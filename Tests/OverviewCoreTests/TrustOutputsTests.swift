import Foundation
import Testing
@testable import OverviewCore

/// The trust file, the change list, the history, the feed and security.txt's
/// newer fields: each claims only what an answer affirms.
@Suite struct TrustOutputsTests {
    static let catalog = Fixtures.catalog

    static func json(_ text: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    // MARK: - Trust file

    @Test("The trust file holds every affirmed answer and none of the others", arguments: Fixtures.companies + ["seed-saas-next"])
    func trustFileHoldsOnlyAffirmedAnswers(company: String) throws {
        let answers = try Fixtures.answers("\(company).yml")
        let root = try Self.json(TrustData.text(answers, catalog: Self.catalog))
        #expect(root["schema_version"] as? Int == 1)
        #expect(root["reviewed"] as? String == answers.reviewed)
        let sections = try #require(root["sections"] as? [String: Any])
        for section in Self.catalog.sections {
            let entry = sections[section.id] as? [String: Any]
            guard answers.isAffirmed(section) else {
                #expect(entry == nil, "\(company): section \(section.id) affirms nothing and must not be in the trust file")
                continue
            }
            let given = try #require(entry?["answers"] as? [String: Any], "\(company): \(section.id) is missing")
            let effective = Dictionary(answers.effectiveAnswers(for: section).map { ($0.0.id, $0.1) }, uniquingKeysWith: { a, _ in a })
            for question in section.questions {
                let written = given[question.id] as? [String: Any]
                guard let value = effective[question.id], value.affirms(in: question) else {
                    #expect(written == nil, "\(company): \(section.id).\(question.id) is not affirmed but is in the trust file")
                    continue
                }
                let data = try #require(written, "\(company): \(section.id).\(question.id) is affirmed but missing")
                switch value {
                case .bool: #expect(data["value"] as? Bool == true)
                case .choice(let id): #expect(data["value"] as? String == id)
                case .choices(let ids):
                    let affirming = question.choices.filter { $0.affirms && ids.contains($0.id) }.map(\.id)
                    #expect(data["value"] as? [String] == affirming, "\(company): \(section.id).\(question.id)")
                case .text: #expect((data["value"] as? String)?.isEmpty == false)
                case .records(let records):
                    #expect((data["value"] as? [[String: String]]) == records, "\(company): \(section.id).\(question.id)")
                }
            }
            #expect(Set(given.keys).isSubset(of: Set(section.questions.map(\.id))))
        }
    }

    @Test("The trust file is byte-stable and carries a digest that notices an edit")
    func trustFileIsStable() throws {
        let answers = try Fixtures.answers("later-health.yml")
        let first = TrustData.text(answers, catalog: Self.catalog)
        #expect(first == TrustData.text(answers, catalog: Self.catalog))
        #expect(first.hasSuffix("}\n"))
        #expect(GeneratedMark.state(of: first) == .untouched)
        let edited = first.replacingOccurrences(of: "\"Northwind Health\"", with: "\"Northwind Wealth\"")
        #expect(edited != first)
        #expect(GeneratedMark.state(of: edited) == .edited)
        #expect(GeneratedMark.state(of: "{\"a\": 1}\n") == .foreign)
        // Keys sorted at every level.
        let keys = first.split(separator: "\n").filter { $0.hasPrefix("  \"") }.map { $0.split(separator: "\"")[1] }
        #expect(keys == keys.sorted())
    }

    // MARK: - What changed

    @Test("diff of a year's answers names every changed claim and nothing else")
    func changeListNamesEveryChange() throws {
        let old = try Fixtures.answers("seed-saas.yml"), new = try Fixtures.answers("seed-saas-next.yml")
        let changes = ChangeList(from: old, to: new, catalog: Self.catalog)
        #expect(changes.added == [
            title("business-continuity") + label("business-continuity", "dr_plan"),
            title("compliance") + label("compliance", "frameworks") + ": " + choice("compliance", "frameworks", "soc-2"),
            title("compliance") + label("compliance", "soc2_type") + ": " + choice("compliance", "soc2_type", "type-2"),
        ])
        #expect(changes.removed == [
            title("infrastructure") + label("infrastructure", "cloud_providers") + ": " + choice("infrastructure", "cloud_providers", "vercel"),
            title("data-encryption") + label("data-encryption", "ssl_labs_link"),
            title("data-encryption") + label("data-encryption", "password_hashing") + ": " + choice("data-encryption", "password_hashing", "bcrypt"),
            // The audit that was under way is over: its report is held now.
            title("compliance") + label("compliance", "underway") + ": " + choice("compliance", "underway", "soc-2-type-2"),
            title("compliance") + label("compliance", "soc2_type2_expected") + ": \"2027-Q2\"",
        ])
        #expect(changes.changed == [
            title("data-encryption") + label("data-encryption", "tls_min_version") + ": "
                + choice("data-encryption", "tls_min_version", "tls-1-2") + " → " + choice("data-encryption", "tls_min_version", "tls-1-3"),
            title("data-retention") + label("data-retention", "retention_days") + ": \"90\" → \"30\"",
            title("business-continuity") + label("business-continuity", "restore_frequency") + ": "
                + choice("business-continuity", "restore_frequency", "quarterly") + " → " + choice("business-continuity", "restore_frequency", "monthly"),
        ])
        // The security team's section is now included, but every answer is no: it claims nothing.
        #expect(!changes.text.contains("Security team"))
        #expect(ChangeList(from: new, to: new, catalog: Self.catalog).isEmpty)
        // Reversed, the same changes the other way round.
        let back = ChangeList(from: new, to: old, catalog: Self.catalog)
        #expect(Set(back.added) == Set(changes.removed) && Set(back.removed) == Set(changes.added))
        #expect(back.changed.count == changes.changed.count)
    }

    func title(_ section: String) -> String { Self.catalog.section(section)!.title + ": " }

    func label(_ section: String, _ question: String) -> String {
        ChangeList.label(Self.catalog.section(section)!.question(question)!.label)
    }

    func choice(_ section: String, _ question: String, _ id: String) -> String {
        Self.catalog.section(section)!.question(question)!.choice(id)!.label
    }

    // MARK: - History and feed

    @Test("Without a feed or the changes on the page, no history is kept")
    func noHistoryUnlessShown() throws {
        let answers = try Fixtures.answers("seed-saas.yml")
        #expect(History.recording(answers, catalog: Self.catalog).isEmpty)
    }

    @Test("Export's history: a first entry, then one per review that moves on, never on the same day")
    func historyRecordsReviews() throws {
        var answers = try Fixtures.answers("seed-saas.yml")
        answers.outputs.feed = "changes.xml"
        answers.history = History.recording(answers, catalog: Self.catalog)
        #expect(answers.history.entries == [History.Entry(reviewed: "2026-10-15")])
        #expect(History.recording(answers, catalog: Self.catalog) == answers.history, "same review day: nothing new")

        var next = try Fixtures.answers("seed-saas-next.yml")
        next.outputs.feed = "changes.xml"
        next.history = answers.history
        next.history = History.recording(next, catalog: Self.catalog)
        #expect(next.history.entries.count == 2)
        let latest = try #require(next.history.entries.first)
        #expect(latest.reviewed == "2027-10-11" && latest.since == "2026-10-15")
        #expect(latest.changes == ChangeList(from: try Fixtures.answers("seed-saas.yml"), to: next, catalog: Self.catalog))

        // It survives the answers file, and export replaces only its own block.
        let saved = AnswersFile.serialize(next, catalog: Self.catalog)
        let loaded = try AnswersFile.parse(saved, file: "a.yml", catalog: Self.catalog)
        #expect(loaded.history == next.history)
        #expect(AnswersFile.serialize(loaded, catalog: Self.catalog) == saved)
        let handWritten = try Fixtures.text("seed-saas.yml").replacingOccurrences(of: "reviewed: 2026-10-15", with: "reviewed: 2026-10-15   # by Jo")
        let spliced = next.history.replacing(in: handWritten)
        #expect(spliced.hasPrefix(handWritten))
        #expect(next.history.replacing(in: spliced) == spliced)
        #expect(try AnswersFile.parse(spliced, file: "a.yml", catalog: Self.catalog).history == next.history)
    }

    @Test("Old answers files load unchanged, with no history")
    func oldFilesLoad() throws {
        for company in Fixtures.companies {
            let text = try Fixtures.text("\(company).yml")
            let answers = try AnswersFile.parse(text, file: company, catalog: Self.catalog)
            #expect(answers.history.isEmpty)
            #expect(answers.outputs.json == nil && answers.outputs.feed == nil && answers.outputs.securityTxtSigningKey == nil)
        }
    }

    @Test("The feed is byte-stable, one entry per review, with stable ids")
    func feedIsStable() throws {
        var answers = try Fixtures.answers("seed-saas.yml")
        answers.outputs.feed = "changes.xml"
        answers.history = History.recording(answers, catalog: Self.catalog)
        var next = try Fixtures.answers("seed-saas-next.yml")
        next.outputs.feed = "changes.xml"
        next.history = answers.history
        next.history = History.recording(next, catalog: Self.catalog)
        next.company.name = "Acme & <Analytics>"
        let feed = try AtomFeed.text(next, file: "a.yml")
        #expect(feed == (try AtomFeed.text(next, file: "a.yml")))
        #expect(feed.components(separatedBy: "<entry>").count == 3)
        #expect(feed.contains("Acme &amp; &lt;Analytics&gt;"))
        #expect(!feed.contains("<Analytics>"))
        #expect(GeneratedMark.state(of: feed) == .untouched)
        // The first review's entry keeps its id when later reviews are added.
        let first = try AtomFeed.text(answers, file: "a.yml")
        let id = AtomFeed.id("acme-analytics.io", review: "2026-10-15")
        #expect(first.contains("<id>\(id)</id>") && feed.contains("<id>\(id)</id>"))
        #expect(id.range(of: #"^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"#, options: .regularExpression) != nil)
        // RFC 9562's own example of a version 5 UUID.
        #expect(AtomFeed.uuid5(namespace: [0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8],
                               name: "www.example.com") == "2ed6657d-e927-568b-95e1-2665a8aea6a2")
    }

    @Test("The page shows the latest changes only when asked")
    func changesOnPage() throws {
        var answers = try Fixtures.answers("seed-saas.yml")
        answers.outputs.feed = "changes.xml"
        answers.history = History.recording(answers, catalog: Self.catalog)
        var next = try Fixtures.answers("seed-saas-next.yml")
        next.outputs.feed = "changes.xml"
        next.history = History.recording({ var a = next; a.history = answers.history; return a }(), catalog: Self.catalog)
        let renderer = PageRenderer(catalog: Self.catalog)
        #expect(!renderer.page(next).contains("Changes since"))
        next.outputs.showChanges = true
        let page = renderer.page(next)
        #expect(page.contains("## Changes since 2026-10-15"))
        #expect(page.contains("No longer claimed:"))
    }

    // MARK: - security.txt

    @Test("Expires is strictly less than a year after the review")
    func expiresWithinAYear() {
        #expect(SecurityTxt.expiry(ReviewDate("2026-10-15")!).description == "2027-10-14")
        #expect(SecurityTxt.expiry(ReviewDate("2027-01-01")!).description == "2027-12-31")
        #expect(SecurityTxt.expiry(ReviewDate("2028-02-29")!).description == "2029-02-27")
        #expect(ReviewDate("2026-03-01")!.adding(days: -1).description == "2026-02-28")
        #expect(ReviewDate("2024-12-31")!.adding(days: 1).description == "2025-01-01")
    }

    @Test("More contacts in order, and CSAF, when answered")
    func contactsAndCSAF() throws {
        var answers = try Fixtures.answers("seed-saas.yml")
        answers.sections["overview"]?.answers["more_contacts"] = .text("https://acme-analytics.io/report\nsecurity@acme-analytics.io\nalerts@acme-analytics.io\n")
        answers.sections["overview"]?.answers["csaf_url"] = .text("https://acme-analytics.io/.well-known/csaf/provider-metadata.json")
        let text = try SecurityTxt.text(answers, catalog: Self.catalog, file: "a.yml", today: ReviewDate("2026-10-15")!)
        let contacts = text.split(separator: "\n").filter { $0.hasPrefix("Contact: ") }
        #expect(contacts == ["Contact: mailto:security@acme-analytics.io", "Contact: https://acme-analytics.io/report",
                             "Contact: mailto:alerts@acme-analytics.io"])
        #expect(text.contains("\nCSAF: https://acme-analytics.io/.well-known/csaf/provider-metadata.json\n"))
        #expect(text.contains("\nExpires: 2027-10-14T00:00:00Z\n"))

        let bad = try Fixtures.text("seed-saas.yml").replacingOccurrences(of: "      preferred_languages: en, de",
            with: "      preferred_languages: en, de\n      more_contacts: |-\n        security@acme-analytics.io\n        not a contact")
        do {
            _ = try AnswersFile.parse(bad, file: "a.yml", catalog: Self.catalog)
            Issue.record("a line that is not a contact loads")
        } catch {
            #expect("\(error)".contains("a.yml:") && "\(error)".contains("more_contacts") && "\(error)".contains("'not a contact'"), "\(error)")
        }
    }

    @Test("A clear-signed file's text is read back, dash-escaping undone")
    func clearSignedBody() {
        let signed = "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\nContact: x\n- - dash\n-----BEGIN PGP SIGNATURE-----\n\nabc\n-----END PGP SIGNATURE-----\n"
        #expect(ClearSigned.body(of: signed) == "Contact: x\n- dash\n")
        #expect(ClearSigned.body(of: "Contact: x\n") == nil)
    }
}
