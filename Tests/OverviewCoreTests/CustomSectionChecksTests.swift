import Foundation
import Testing
@testable import OverviewCore

/// A company's own section cannot put a typo, an unaffirmed sentence or raw
/// typed text on the public page: each is an error when the catalog loads.
struct CustomSectionChecksTests {
    /// The problems of a custom folder holding `files`, with the folder's path cut off.
    func problems(_ files: [String: String]) throws -> [String] {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        for (name, text) in files { try folder.write(name, text) }
        do {
            _ = try Catalog.loadReporting(customDirectory: folder.path)
            return []
        } catch {
            return error.errors.map { $0.description.replacingOccurrences(of: folder.path + "/", with: "") }
        }
    }

    func problems(front: String = minimalFrontMatter, body: String) throws -> [String] {
        try problems(["custom.md": sectionFile(front, body: body)])
    }

    let textQuestion = minimalFrontMatter + "\n  - {id: vendor, kind: text, label: Our vendor}"
        + "\n  - {id: tools, kind: multiple, label: Tools, choices: [{id: a, label: A}, {id: b, label: B}]}"

    @Test func theBuiltInSectionsPassTheirOwnChecks() {
        let catalog = Fixtures.catalog
        for section in catalog.sections {
            #expect(TemplateCheck.problems(section, in: catalog).map(\.description) == [], "\(section.id)")
        }
    }

    @Test func aMisspelledNameIsAnErrorWithItsLine() throws {
        let found = try problems(body: "{{#ok}}\nWe use {{vendors}} and {{company.nam}}.\n{{/ok}}\n")
        #expect(found.count == 2)
        #expect(found[0].hasPrefix("custom.md:14: unknown name 'vendors' in the template: not a question of this section (ok)"))
        #expect(found[1].hasPrefix("custom.md:14: unknown name 'company.nam' in the template"))
    }

    @Test func namesTheKindsAndTheContextGiveAreAccepted() throws {
        let body = """
            {{#ok}}
            {{#vendor}}{{company.name}} uses {{vendor}}{{#company.contact_email}} ({{company.contact}}){{/company.contact_email}}.{{/vendor}}
            {{#tools.items}}
            - {{label}}{{#url}} ({{{url}}}){{/url}}
            {{/tools.items}}
            {{#tools.a}}A is in use.{{/tools.a}}
            {{#sections.compliance.frameworks.gdpr}}GDPR, as the compliance section says.{{/sections.compliance.frameworks.gdpr}}
            {{/ok}}

            """
        #expect(try problems(front: textQuestion, body: body) == [])
    }

    @Test func anOptionalAnswerPrintedOutsideItsBlockIsAnError() throws {
        // Left empty, "It covers {{scope}}." would print "It covers ." on the public page.
        let found = try problems(front: textQuestion, body: "{{#ok}}\nWe use tools.\nIt covers {{vendor}}.\n{{/ok}}\n")
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("custom.md:17: 'vendor' is an optional answer printed outside its own block") == true, "\(found)")
        // Inside its own block, or inside a block that shows only without it, it is fine / still wrong.
        #expect(try problems(front: textQuestion, body: "{{#ok}}\n{{#vendor}}\nIt covers {{vendor}}.\n{{/vendor}}\n{{/ok}}\n") == [])
        #expect(try problems(front: textQuestion, body: "{{#ok}}\n{{^vendor}}\nIt covers {{vendor}}.\n{{/vendor}}\n{{/ok}}\n").count == 1)
        // A required answer is checked by `check` instead.
        let required = textQuestion.replacingOccurrences(of: "label: Our vendor}", with: "label: Our vendor, required: true}")
        #expect(try problems(front: required, body: "{{#ok}}\nIt covers {{vendor}}.\n{{/ok}}\n") == [])
    }

    @Test func aNameInsideAnInvertedBlockIsChecked() throws {
        let found = try problems(front: textQuestion, body: "{{#ok}}\n{{^vendor}}\nWe use {{vendr}}.\n{{/vendor}}\n{{/ok}}\n")
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("custom.md:17: unknown name 'vendr'") == true)
        let dotted = try problems(front: textQuestion, body: "{{#tools}}\n{{tools.c}}\n{{/tools}}\n")
        #expect(dotted.first?.hasPrefix("custom.md:16: unknown name 'tools.c'") == true, "\(dotted)")
    }

    @Test func aBareSentenceIsAnErrorUnlessTheSectionSaysItIsFixed() throws {
        let body = "We take security seriously.\n{{#ok}}\nYes.\n{{/ok}}\n"
        let found = try problems(body: body)
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("custom.md:13: 'We take security seriously.' is printed whatever the answers") == true)
        #expect(try problems(front: minimalFrontMatter + "\nfixed_text: true", body: body) == [])
        // An inverted block prints when nothing is answered: a claim no answer made.
        #expect(try problems(body: "{{^ok}}\nWe are certified.\n{{/ok}}\n").count == 1)
    }

    @Test func typedTextPrintedRawIsRefused() throws {
        for tag in ["{{{vendor}}}", "{{& vendor}}", "{{&vendor}}"] {
            let found = try problems(front: textQuestion, body: "{{#vendor}}\nWe use \(tag).\n{{/vendor}}\n")
            #expect(found.count == 1, "\(tag)")
            #expect(found.first?.hasPrefix("custom.md:16: 'vendor' is text a person typed and is printed without escaping") == true, "\(found)")
        }
        let name = try problems(body: "{{#ok}}\n{{{company.name}}} does.\n{{/ok}}\n")
        #expect(name.first?.contains("'company.name' is text a person typed") == true, "\(name)")
        #expect(name.first?.contains("use {{company.name}}") == true, "\(name)")
        // Catalog text and links are not typed text.
        #expect(try problems(front: textQuestion, body: "{{#tools.items}}\n- [{{{label}}}]({{{url}}})\n{{/tools.items}}\n") == [])
    }

    @Test func everyErrorInAFileIsReported() throws {
        let body = "Our vendors:\n{{#vendor}}\nWe use {{{vendor}}} and {{vendors}}.\n{{/vendor}}\n"
        let found = try problems(front: textQuestion, body: body)
        #expect(found.count == 3, "\(found)")
        #expect(found.contains { $0.hasPrefix("custom.md:15: 'Our vendors:' is printed whatever the answers") })
        #expect(found.contains { $0.hasPrefix("custom.md:17: 'vendor' is text a person typed") })
        #expect(found.contains { $0.hasPrefix("custom.md:17: unknown name 'vendors'") })

        // In the front matter too: each key's problem, and each missing key.
        let front = "id: Bad Id\ntitle: T\norder: many\nquestions: []"
        let keys = try problems(front: front, body: "")
        #expect(keys == [
            "custom.md:2:1: id 'Bad Id' must be lowercase letters, digits and '-'",
            "custom.md:4:8: order must be a whole number written with digits only, like 10",
            "custom.md:2:1: the front matter has no 'guidance' (required: id, title, order, guidance)",
        ], "\(keys)")
    }

    @Test func twoSectionsWithOneOrderAreFlagged() throws {
        let other = minimalFrontMatter.replacingOccurrences(of: "id: custom", with: "id: other")
        let found = try problems(["a.md": sectionFile(minimalFrontMatter), "b.md": sectionFile(other)])
        #expect(found.count == 2)
        #expect(found.first?.hasPrefix("a.md:4: order 500 is also the order of section 'other'") == true, "\(found)")
    }

    @Test func aBuiltInSectionsFileCanBeShownToForkIt() throws {
        let text = try #require(try SectionListing.file(of: "overview", in: Fixtures.catalog))
        #expect(text.hasPrefix("---\nid: overview\n"))
        #expect(try SectionListing.file(of: "nope", in: Fixtures.catalog) == nil)
    }
}

/// `sections --format json --answers` agrees with `check` about what is finished.
struct SectionListingTests {
    @Test("a section the answers file never mentions is not complete, as check says")
    func aNeverAnsweredSectionIsNotComplete() throws {
        let answers = try Fixtures.answers("written-before-16.yml")
        let json = try SectionListing.json(Fixtures.catalog, answers: answers)
        let items = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        func item(_ id: String) throws -> [String: Any] { try #require(items.first { $0["id"] as? String == id }) }
        // governance (recommended, so on the plan) and ai-data (optional) were never answered.
        #expect(try item("governance")["complete"] as? Bool == false)
        #expect(try item("ai-data")["complete"] as? Bool == false)
        // security-team was answered in full.
        #expect(try item("security-team")["complete"] as? Bool == true)
    }
}
