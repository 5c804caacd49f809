import Foundation
import Testing
@testable import OverviewCore

/// Notes are kept in the answers file and never published; the answers file
/// names its own sections folder.
struct NotesAndCatalogFolderTests {
    /// seed-saas with notes on two sections.
    func notedText() throws -> String {
        try Fixtures.text("seed-saas.yml")
            .replacingOccurrences(of: "      cloud_only: true\n", with: """
                      cloud_only: true
                    note: Checked against the AWS and Vercel invoices, March 2027
                    notes:
                      cloud_providers: "SECRET-NOTE report period Jan–Jun 2027: see the auditor's letter"

                """)
            .replacingOccurrences(of: "      at_rest: true\n      password_hashing: bcrypt\n", with: """
                      at_rest: true
                      password_hashing: bcrypt
                    notes:
                      tls_in_transit: |-
                        SECRET-NOTE two lines:
                        the load balancer's policy

                """)
    }

    @Test func notesRoundTripByteForByte() throws {
        let text = try notedText()
        let answers = try AnswersFile.parse(text, file: "a.yml", catalog: Fixtures.catalog)
        #expect(answers.sections["infrastructure"]?.note == "Checked against the AWS and Vercel invoices, March 2027")
        #expect(answers.sections["infrastructure"]?.notes["cloud_providers"]?.hasPrefix("SECRET-NOTE report period") == true)
        #expect(answers.sections["data-encryption"]?.notes["tls_in_transit"] == "SECRET-NOTE two lines:\nthe load balancer's policy")
        // Saved once, the file is in its stable form; loading and saving it again gives the same bytes.
        let saved = AnswersFile.serialize(answers, catalog: Fixtures.catalog)
        #expect(saved.contains("    note: Checked against the AWS and Vercel invoices, March 2027\n    notes:\n      cloud_providers: "))
        let again = try AnswersFile.parse(saved, file: "a.yml", catalog: Fixtures.catalog)
        #expect(again == answers)
        #expect(AnswersFile.serialize(again, catalog: Fixtures.catalog) == saved)
    }

    @Test func notesNeverReachThePageSecurityTxtOrTheTrustFile() throws {
        var answers = try AnswersFile.parse(try notedText(), file: "a.yml", catalog: Fixtures.catalog)
        answers.sections["infrastructure"]?.note = "SECRET-NOTE on the section"
        let renderer = PageRenderer(catalog: Fixtures.catalog)
        for format in PageFormat.allCases { #expect(!renderer.page(answers, format: format).contains("SECRET-NOTE")) }
        #expect(!TrustData.text(answers, catalog: Fixtures.catalog).contains("SECRET-NOTE"))
        let txt = try SecurityTxt.text(answers, catalog: Fixtures.catalog, file: "a.yml", today: ReviewDate(year: 2026, month: 11, day: 1))
        #expect(!txt.contains("SECRET-NOTE"))
    }

    @Test func aNoteOnAQuestionTheSectionDoesNotHaveIsAnError() throws {
        let text = try Fixtures.text("seed-saas.yml")
            .replacingOccurrences(of: "      cloud_only: true\n", with: "      cloud_only: true\n    notes:\n      clod_only: typo\n")
        #expect(throws: InputErrors.self) { try AnswersFile.parse(text, file: "a.yml", catalog: Fixtures.catalog) }
        do { _ = try AnswersFile.parse(text, file: "a.yml", catalog: Fixtures.catalog) } catch {
            let line = (text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("clod_only") } ?? -1) + 1
            #expect(error.errors.first?.description.hasPrefix("a.yml:\(line):7: notes: unknown question 'clod_only' in section 'infrastructure'") == true,
                    "\(error.errors)")
        }
    }

    @Test func theAnswersFileNamesItsSectionsFolderRelativeToItself() throws {
        let text = "version: 1\ncustom_sections: ../company-sections\n"
        #expect(AnswersFile.customSections(in: text, file: "site/security/security-overview.yml") == "site/security/../company-sections")
        #expect(FileStore.display("site/security/../company-sections") == "site/company-sections")
        #expect(AnswersFile.customSections(in: "version: 1\n", file: "a.yml") == nil)
        var answers = try AnswersFile.parse(text, file: "a.yml", catalog: Fixtures.catalog)
        #expect(answers.customSections == "../company-sections")
        answers.customSections = "sections"
        #expect(AnswersFile.serialize(answers, catalog: Fixtures.catalog) == "version: 1\ncustom_sections: sections\n")
    }

    @Test func anUnknownSectionSaysWhereItLooked() throws {
        let text = "version: 1\nsections:\n  vendor-risk:\n    include: true\n"
        do {
            _ = try AnswersFile.parse(text, file: "a.yml", catalog: Fixtures.catalog)
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "a.yml:3:3: unknown section 'vendor-risk' (not built in, and no custom sections folder was given): name the folder of your own sections with --sections DIR or 'custom_sections:' in this file")
        }
    }

    @Test func pathsAreShownAsAPersonWritesThem() {
        #expect(FileStore.display("security/../content/security.md") == "content/security.md")
        #expect(FileStore.display("./a//b/./c.md") == "a/b/c.md")
        #expect(FileStore.display("/work/site/content/security.md", relativeTo: "/work/site") == "content/security.md")
        #expect(FileStore.display("/elsewhere/x.md", relativeTo: "/work/site") == "/elsewhere/x.md")
        #expect(FileStore.display("../x.md") == "../x.md")
    }

    @Test func theGDPRParagraphPointsToThePrivacyContactWhenThereIsOne() throws {
        var answers = try Fixtures.answers("later-health.yml")
        answers.sections["compliance", default: SectionAnswers()].include = true
        answers.sections["compliance"]?.answers["frameworks"] = .choices(["gdpr"])
        let renderer = PageRenderer(catalog: Fixtures.catalog)
        let compliance = try #require(Fixtures.catalog.section("compliance"))
        let before = try #require(renderer.sectionMarkdown(compliance, answers))
        #expect(before.contains("[Contact us](https://northwind.health/security/report)"))
        answers.company.privacyContact = "dpo@example.com"
        let after = try #require(renderer.sectionMarkdown(compliance, answers))
        #expect(after.contains("(mailto:dpo@example.com)"), "\(after)")
        #expect(!after.contains("northwind.health/security/report"))
    }
}
