import Foundation
import Testing

/// What a website repo's CI job meets: annotations, diffs, and an answers
/// file that names its own sections folder.
@Suite struct WebsiteCITests {
    static let customSection = """
        ---
        id: vendor-risk
        title: Vendor risk
        order: 990
        guidance: {who: Everyone., why: Because.}
        questions:
          - {id: reviews_vendors, kind: yesno, label: We review our vendors}
        ---
        {{#reviews_vendors}}
        We review every vendor before we use it.
        {{/reviews_vendors}}

        """

    /// A website repo: the answers in security/, custom sections beside them,
    /// the page in content/.
    func site() throws -> (Scratch, String) {
        let scratch = try Scratch()
        try FileManager.default.createDirectory(atPath: scratch.file("security/sections"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: scratch.file("content"), withIntermediateDirectories: true)
        _ = try scratch.write("security/sections/vendor-risk.md", Self.customSection)
        let base = try String(contentsOfFile: CommandLineTests.fixture("seed-saas.yml"), encoding: .utf8)
        // The fixture's own outputs replaced by the page in content/.
        let answers = String(base[..<base.range(of: "\noutputs:\n")!.lowerBound]).appending("\noutputs:\n  page: ../content/security.md\n")
            .replacingOccurrences(of: "version: 1\n", with: "version: 1\ncustom_sections: sections\n")
            .replacingOccurrences(of: "sections:\n", with: "sections:\n  vendor-risk:\n    include: true\n    answers:\n      reviews_vendors: true\n")
        return (scratch, try scratch.write("security/security-overview.yml", answers))
    }

    @Test func everyCommandFindsTheSectionsTheAnswersFileNames() throws {
        let (scratch, answers) = try site()
        defer { scratch.remove() }
        let render = try Run.tool(["render", "--answers", answers])
        #expect(render.status == 0, "\(render.stderr)")
        #expect(render.stdout.contains("We review every vendor before we use it."))
        let sections = try Run.tool(["sections", "--answers", answers, "--format", "json"])
        #expect(sections.status == 0, "\(sections.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(sections.stdout.utf8)) as? [[String: Any]])
        let vendor = try #require(json.first { $0["id"] as? String == "vendor-risk" })
        #expect(vendor["custom"] as? Bool == true)
        #expect(vendor["included"] as? Bool == true)
        #expect(vendor["complete"] as? Bool == true)
        let question = try #require((vendor["questions"] as? [[String: Any]])?.first)
        #expect(question["answered"] as? Bool == true)
        let export = try Run.tool(["export", "--answers", answers, "--allow-outputs-outside"])
        #expect(export.status == 0, "\(export.stderr)")
        #expect(scratch.read("content/security.md")?.contains("We review every vendor") == true)
        let check = try Run.tool(["check", "--answers", answers, "--today", "2026-11-29"])
        #expect(!check.stderr.contains("unknown section"), "\(check.stderr)")
    }

    @Test func checkPrintsGitHubAnnotationsWithPathsAsAPersonWritesThem() throws {
        let (scratch, answers) = try site()
        defer { scratch.remove() }
        _ = try scratch.write("content/security.md", "hand written\n")
        let check = try Run.tool(["check", "--answers", "security/security-overview.yml", "--today", "2026-11-29", "--format", "github"], in: scratch.path)
        #expect(check.status == 1)
        let lines = check.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("::error file=content/security.md::the page differs from what the answers produce") }, "\(check.stdout)")
        #expect(lines.contains { $0.hasPrefix("::error file=security/security-overview.yml,line=") }, "\(check.stdout)")
        #expect(!check.stdout.contains(".."))
    }

    @Test("export says when check would fail; a page with a line added below its mark is refused as a hand edit")
    func exportWarnsAndRefusesAHandEdit() throws {
        let (scratch, answers) = try site()
        defer { scratch.remove() }
        let first = try Run.tool(["export", "--answers", answers, "--allow-outputs-outside"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("warning: 'check' will fail: "), "\(first.stderr)")
        #expect(first.stderr.contains("never seen (new in the catalog)"), "\(first.stderr)")
        let page = try #require(scratch.read("content/security.md"))
        _ = try scratch.write("content/security.md", page + "\nA line added by hand.\n")
        let refused = try Run.tool(["export", "--answers", answers, "--allow-outputs-outside"])
        #expect(refused.status == 1)
        #expect(refused.stderr.hasPrefix("error: ") && refused.stderr.contains("content/security.md: was edited by hand since it was generated"), "\(refused.stderr)")
        #expect(refused.stderr.split(separator: "\n").count == 1, "one line of error, alone")
    }

    @Test func checkShowsTheDiffOfAPageEditedByHand() throws {
        let (scratch, answers) = try site()
        defer { scratch.remove() }
        #expect(try Run.tool(["export", "--answers", answers, "--allow-outputs-outside"]).status == 0)
        let page = try #require(scratch.read("content/security.md"))
        _ = try scratch.write("content/security.md", page.replacingOccurrences(of: "We review every vendor", with: "We audit every vendor"))
        let check = try Run.tool(["check", "--answers", "security/security-overview.yml", "--today", "2026-11-29", "--diff"], in: scratch.path)
        #expect(check.status == 1)
        #expect(check.stdout.contains("--- content/security.md\n+++ content/security.md (from the answers)\n"), "\(check.stdout)")
        #expect(check.stdout.contains("\n-We audit every vendor before we use it.\n+We review every vendor before we use it.\n"), "\(check.stdout)")
    }

    @Test func aSectionsFolderWithAMistakeStopsEveryCommand() throws {
        let (scratch, answers) = try site()
        defer { scratch.remove() }
        _ = try scratch.write("security/sections/vendor-risk.md", Self.customSection.replacingOccurrences(of: "We review every vendor", with: "We review {{vendors}}"))
        for command in ["render", "check", "export", "sections"] {
            let result = try Run.tool([command, "--answers", answers])
            #expect(result.status == 1, "\(command)")
            #expect(result.stderr.contains("vendor-risk.md:10: unknown name 'vendors'"), "\(command): \(result.stderr)")
        }
    }

    @Test func aMistakeInACustomSectionIsAnAnnotationOnItsLine() throws {
        let (scratch, _) = try site()
        defer { scratch.remove() }
        _ = try scratch.write("security/sections/vendor-risk.md", Self.customSection.replacingOccurrences(of: "We review every vendor", with: "We review {{vendors}}"))
        let check = try Run.tool(["check", "--answers", "security/security-overview.yml", "--today", "2026-11-29", "--format", "github"], in: scratch.path)
        #expect(check.status == 1)
        // On standard output, where the runner reads workflow commands, not as a plain line on stderr.
        #expect(check.stdout.hasPrefix("::error file=security/sections/vendor-risk.md,line=10::unknown name 'vendors'"), "\(check.stdout)")
        #expect(!check.stderr.contains("error:"), "\(check.stderr)")
    }

    @Test func exportNamesItsFilesAsAPersonWritesThem() throws {
        let (scratch, _) = try site()
        defer { scratch.remove() }
        let answers = try #require(scratch.read("security/security-overview.yml"))
        _ = try scratch.write("security/security-overview.yml", answers + "  security_txt: ../static/.well-known/security.txt\n  page_url: https://example.com/security/\n")
        let missing = try Run.tool(["export", "--answers", "security/security-overview.yml", "--allow-outputs-outside"], in: scratch.path)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("error: static/.well-known/security.txt: cannot write: the folder 'static/.well-known' does not exist"), "\(missing.stderr)")
        try FileManager.default.createDirectory(atPath: scratch.file("static/.well-known"), withIntermediateDirectories: true)
        let export = try Run.tool(["export", "--answers", "security/security-overview.yml", "--allow-outputs-outside"], in: scratch.path)
        #expect(export.status == 0, "\(export.stderr)")
        #expect(export.stdout.contains("wrote content/security.md\nwrote static/.well-known/security.txt\n"), "\(export.stdout)")
        #expect(!export.stdout.contains("..") && !missing.stderr.contains(".."))
    }
}
