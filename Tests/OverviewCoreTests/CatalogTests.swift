import Foundation
import Testing
@testable import OverviewCore

@Suite struct CatalogTests {
    func parse(_ text: String, file: String = "custom.md") throws(InputError) -> Section {
        try SectionParser(file: file).parse(text)
    }

    func error(_ text: String) -> String? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func theBuiltInCatalogHasItsSectionsInOrder() {
        #expect(Fixtures.catalog.sections.map(\.id) == [
            "overview", "security-team", "governance", "infrastructure", "data-location", "network-security",
            "ddos-protection", "data-encryption", "data-retention", "subprocessors", "ai-data",
            "business-continuity", "availability", "application-monitoring", "application-protection",
            "secure-development", "vulnerability-management", "responsible-disclosure", "incident-response",
            "user-protection", "compliance", "payment-information", "employee-access", "staff-devices",
        ])
    }

    @Test func everyBuiltInTemplateCompiles() throws {
        for section in Fixtures.catalog.sections {
            #expect(throws: Never.self, "\(section.source)") { try section.template.compile() }
            // At a glance's templates compile on first use too.
            for entry in section.glance?.templates ?? [] {
                #expect(throws: Never.self, "\(section.source): at_a_glance.\(entry.group.rawValue)") { try entry.template.compile() }
            }
        }
    }

    @Test("The built-in sections feed each security.txt field from one section only (a start without custom sections does not check again)")
    func builtInSecurityTxtContractsAgree() throws {
        let builtin = try BuiltinCatalog.sections()
        #expect(throws: Never.self) {
            try SecurityTxtContract.checkCatalog(builtin: Dictionary(uniqueKeysWithValues: builtin.map { ($0.id, $0) }), merged: builtin)
        }
        // The check finds a field fed twice in the built-in sections too.
        var doubled = builtin
        let feeding = try #require(doubled.firstIndex { $0.securityTxt?.fields.isEmpty == false })
        let other = try #require(doubled.indices.first { $0 != feeding && doubled[$0].securityTxt == nil })
        doubled[other].securityTxt = doubled[feeding].securityTxt
        #expect(throws: InputError.self) {
            try SecurityTxtContract.checkCatalog(builtin: [:], merged: doubled)
        }
    }

    @Test func everySectionHasGuidanceAndQuestions() {
        for section in Fixtures.catalog.sections {
            #expect(!section.guidance.who.isEmpty && !section.guidance.why.isEmpty, "\(section.id)")
            #expect(!section.questions.isEmpty, "\(section.id)")
            #expect(section.questions.contains { $0.required }, "\(section.id) has nothing required")
        }
    }

    /// The catalog says what is true today, not what the 2019 seed said.
    @Test func theCatalogIsUpToDate() {
        let text = BuiltinCatalog.files.map(\.text).joined()
        for outdated in ["privacy shield", "sqreen", "battled-proofed", "comply to", "trustcenter"] {
            #expect(!text.localizedCaseInsensitiveContains(outdated), "the catalog still says '\(outdated)'")
        }
        for placeholder in ["DOMAIN", "[yearly", "[Amazon Web Services |", "[Stripe |", "<!--"] {
            #expect(!text.contains(placeholder), "the catalog still has the placeholder '\(placeholder)'")
        }
        // US spelling throughout.
        for british in ["organis", "behaviour", "colour", "licence", "practise", "recognis", "centre", "programme", "defence", "catalogue"] {
            #expect(!text.localizedCaseInsensitiveContains(british), "the catalog spells '\(british)' the British way")
        }
        // Claims the catalog once printed without an answer behind them.
        for overclaim in ["Dedicated security team", "such as those in the OWASP Top 10", "and we recommend it to everyone",
                          "TLS 1.3 and newer", "then delete it from our systems", "validated our compliance as a PCI DSS service provider"] {
            #expect(!text.contains(overclaim), "the catalog still says '\(overclaim)'")
        }
        #expect(text.contains("Data Privacy Framework"))
        #expect(text.contains("27001:2022"))
        #expect(text.contains("/.well-known/security.txt"))
    }

    /// A link's address is never Markdown-escaped: kramdown keeps the backslashes.
    @Test func linkAddressesAreInsertedAsValidated() {
        for section in Fixtures.catalog.sections {
            #expect(!section.body.contains("]({{") || !section.body.contains(try! Regex(#"\]\(\{\{[^{]"#)),
                    "\(section.source) escapes a link address: use {{{...}}}")
        }
    }

    @Test func aFileWithoutFrontMatter() {
        #expect(error("# Title\n") == "custom.md:1: no front matter: a section file starts with a line '---'")
        #expect(error("---\nid: x\n") == "custom.md:1: front matter is not closed: add a line '---' after it")
    }

    @Test func anUnknownQuestionKind() {
        let text = sectionFile(minimalFrontMatter.replacingOccurrences(of: "kind: yesno", with: "kind: slider"))
        #expect(error(text) == "custom.md:10:11: unknown question kind 'slider' (one of single, multiple, yesno, text, multiline, records)")
    }

    @Test func aMalformedRule() {
        let unknown = sectionFile(minimalFrontMatter + "\nrecommended_for:\n  - funding_at_least: lots")
        #expect(error(unknown) == "custom.md:13:5: unknown condition 'funding_at_least' in a recommended_for rule")
        let twoKeys = sectionFile(minimalFrontMatter + "\nrecommended_for:\n  - {always: true, accepts_payments: true}")
        #expect(error(twoKeys) == "custom.md:13:5: a recommended_for rule must have exactly one condition, found 2")
        let badValue = sectionFile(minimalFrontMatter + "\nrecommended_for:\n  - stage_at_least: unicorn")
        #expect(error(badValue) == "custom.md:13:21: 'unicorn' is not a value of stage_at_least (one of 'pre-seed', 'seed', 'series-a', 'series-b', 'later')")
        let notAList = sectionFile(minimalFrontMatter + "\nrecommended_for: always")
        #expect(error(notAList) == "custom.md:12:18: recommended_for must be a list, found a single value")
    }

    @Test func aBrokenTemplate() {
        let text = sectionFile(minimalFrontMatter, body: "Intro\n{{#ok}}\nnever closed\n")
        #expect(error(text)?.hasPrefix("custom.md:") == true)
        #expect(error(text)?.contains("template error: a {{#name}} or {{^name}} block is never closed: add {{/name}}") == true)
        let mismatched = sectionFile(minimalFrontMatter, body: "{{#ok}}\nyes\n{{/ko}}\n")
        #expect(error(mismatched)?.hasPrefix("custom.md:15:") == true, "at the closing tag: \(error(mismatched) ?? "")")
        #expect(error(mismatched)?.hasSuffix("template error: this {{/name}} closes a block that was not opened with the same name") == true)
    }

    @Test("Blocks the author writes on adjacent lines print as one paragraph; a blank line between them makes two")
    func adjacentBlocksAreOneParagraph() throws {
        let adjacent = try parse(sectionFile(minimalFrontMatter, body: "{{#ok}}\nFirst.\n{{/ok}}\n{{#also}}\nSecond.\n{{/also}}\n{{#ok}}\nThird.\n{{/ok}}\n"))
        #expect(adjacent.template.render(["ok": true, "also": true]) == "First.\nSecond.\nThird.\n")
        let apart = try parse(sectionFile(minimalFrontMatter, body: "{{#ok}}\nFirst.\n\n{{/ok}}\n{{#also}}\nSecond.\n{{/also}}\n"))
        #expect(apart.template.render(["ok": true, "also": true]) == "First.\n\nSecond.\n")
        // An error on the body's first line is at its own line and column (the name after "{{/"),
        // not shifted by the pragma put before the body.
        let first = sectionFile(minimalFrontMatter, body: "Yes {{/ko}}\n")
        #expect(error(first)?.hasPrefix("custom.md:13:8:") == true, "\(error(first) ?? "accepted")")
    }

    @Test("Control characters in a section's text are refused where they are")
    func controlCharacters() {
        let title = sectionFile(minimalFrontMatter.replacingOccurrences(of: "title: Custom", with: "title: \"Cus\\e[31mtom\""))
        #expect(error(title) == "custom.md:3:8: title contains a control character")
        let twoLines = sectionFile(minimalFrontMatter.replacingOccurrences(of: "title: Custom", with: "title: \"Tit\\nle\""))
        #expect(error(twoLines) == "custom.md:3:8: title must be one line")
        let comment = sectionFile(minimalFrontMatter, body: "Yes {{! never closed\n")
        #expect(error(comment)?.hasSuffix("template error: a tag or comment runs to the end of the template: close it with }}") == true,
                "\(error(comment) ?? "")")
        let label = sectionFile(minimalFrontMatter.replacingOccurrences(of: "label: It is so", with: "label: \"It is\\x07 so\""))
        #expect(error(label) == "custom.md:11:12: label contains a control character")
        let body = sectionFile(minimalFrontMatter, body: "{{#ok}}\nWe \u{1B}[2J do.\n{{/ok}}\n")
        #expect(error(body) == "custom.md:14:4: the text contains a control character")
    }

    @Test func aConditionOnAQuestionThatDoesNotExist() {
        let text = sectionFile(minimalFrontMatter + "\n  - id: more\n    kind: text\n    label: More\n    when: {answer: nope, is: true}")
        #expect(error(text) == "custom.md:15:20: when.answer 'nope' is not an earlier question of this section")
    }

    @Test func aDuplicateIdInACustomFolder() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("a.md", sectionFile(minimalFrontMatter))
        try folder.write("b.md", sectionFile(minimalFrontMatter))
        #expect(throws: InputError.self) { try Catalog.load(customDirectory: folder.path) }
        do {
            _ = try Catalog.load(customDirectory: folder.path)
        } catch {
            #expect(error.description == "\(folder.path)/b.md:2: duplicate section id 'custom' (also in \(folder.path)/a.md)")
        }
    }

    @Test func aCustomSectionIsAddedAndOneWithABuiltInIdReplacesIt() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("custom.md", sectionFile(minimalFrontMatter))
        try folder.write("overview.md", sectionFile(minimalFrontMatter
            .replacingOccurrences(of: "id: custom", with: "id: overview")
            .replacingOccurrences(of: "title: Custom", with: "title: About our security")
            .replacingOccurrences(of: "order: 500", with: "order: 1")
            + "\nsecurity_txt: {}  # feeds security.txt nothing, on purpose"))
        let catalog = try Catalog.load(customDirectory: folder.path)
        #expect(catalog.sections.count == 25)
        #expect(catalog.sections.first?.title == "About our security")
        #expect(catalog.sections.last?.id == "custom")
    }

    @Test func aMissingCustomFolderIsNamed() {
        do {
            _ = try Catalog.load(customDirectory: "/nonexistent/sections")
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "/nonexistent/sections: no such folder")
        }
    }
}

/// A temporary folder for one test.
struct TemporaryFolder {
    let path: String
    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("so-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    func file(_ name: String) -> String { path + "/" + name }
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try text.write(toFile: file(name), atomically: true, encoding: .utf8)
        return file(name)
    }
    func read(_ name: String) -> String? { try? String(contentsOfFile: file(name), encoding: .utf8) }
    func remove() { try? FileManager.default.removeItem(atPath: path) }
}
