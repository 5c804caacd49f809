import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The security lead's year (issue 14), in a real terminal and real site builds:
/// a draft older than a pulled change, a correction that keeps `reviewed`, a
/// review that moves it, notes shown and kept, and Hugo and Jekyll front matter.
@Suite("The security lead's year", .serialized)
struct SecurityLeadYearTests {
    /// Last year's answers with a note on the overview and one on its question.
    static let noted = WizardTmuxTests.lastYear.replacingOccurrences(of: "      invite_contact: true\n", with: """
              invite_contact: true
            note: Wording agreed with legal in May
            notes:
              intro: SECRET-NOTE keep the intro short

        """)

    @Test("A draft older than a pulled change: the wizard says so, lists what differs, and keeps the file unless told otherwise",
          .enabled(if: TmuxWizard.enabled, "tmux is not installed"))
    func draftOlderThanTheFile() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        _ = try scratch.write("security-overview.yml", WizardTmuxTests.lastYear)
        let wizard = try TmuxWizard(in: scratch.path, arguments: ["--answers", "security-overview.yml"])
        defer { wizard.kill() }

        // A change in the wizard (the introduction: yes -> no), autosaved as the draft; then the wizard is stopped.
        try wizard.waitFor("Step 4 of 5")
        try wizard.keys("Down", "Down", "Enter")
        try wizard.waitFor("Recommended for: Every company. This section opens the page.")
        try wizard.keys("Down", "Space")
        let draftPath = scratch.file("security-overview.yml.draft")
        try wizard.waitUntil("the draft to hold the change") {
            (try? String(contentsOfFile: draftPath, encoding: .utf8))?.contains("intro: false") == true
        }
        let draft = try #require(scratch.read("security-overview.yml.draft"))
        #expect(draft.hasPrefix("# security-overview draft of security-overview.yml; started from sha256:"))
        kill(try wizard.pid(), SIGTERM)
        #expect(try wizard.exitStatus() == 128 + Int(SIGTERM))

        // A git pull brings a GDPR answer into the answers file.
        let pulled = WizardTmuxTests.lastYear.replacingOccurrences(of: "reviewed: 2025-11-01\n", with: """
              compliance:
                include: true
                answers:
                  frameworks: [gdpr]
            reviewed: 2025-11-01

            """)
        _ = try scratch.write("security-overview.yml", pulled)

        try wizard.restart(["--answers", "security-overview.yml"])
        var screen = try wizard.waitFor("changed since this draft was started")
        #expect(screen.contains("› Keep the answers file as it is (discard the draft)"), "\(screen)")
        #expect(screen.contains("Resume the draft anyway"))
        try wizard.keys("Down")
        try wizard.waitFor("› See what differs")
        try wizard.keys("Enter")
        screen = try wizard.waitFor("› Hide what differs")
        #expect(screen.contains("would no longer claim: Compliance"), "\(screen)")
        #expect(screen.contains("would no longer claim: Overview"), "\(screen)")
        try wizard.keys("Up")
        try wizard.waitFor("› Keep the answers file as it is")
        try wizard.keys("Enter")
        screen = try wizard.waitFor("Step 4 of 5")
        try wizard.keys("q")
        #expect(try wizard.exitStatus() == 0)
        #expect(scratch.read("security-overview.yml") == pulled, "the pulled answer is kept")
        #expect(scratch.read("security-overview.yml.draft") == nil, "the draft was discarded, as chosen")
    }

    @Test("A draft of an older file resumed anyway says so first, then takes the draft",
          .enabled(if: TmuxWizard.enabled, "tmux is not installed"))
    func olderDraftResumedAnyway() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        _ = try scratch.write("security-overview.yml", WizardTmuxTests.lastYear)
        // A draft written before drafts named their file (an older security-overview): it may undo anything.
        _ = try scratch.write("security-overview.yml.draft", WizardTmuxTests.lastYear.replacingOccurrences(of: "name: Acme", with: "name: Acme Draft"))
        let wizard = try TmuxWizard(in: scratch.path, arguments: ["--answers", "security-overview.yml"], width: 60, height: 16)
        defer { wizard.kill() }
        try wizard.waitFor("changed since this draft was started")
        try wizard.keys("Down", "Down")
        try wizard.waitFor("› Resume the draft anyway")
        try wizard.keys("Enter")
        // The review's title can be drawn before its rows: wait for the row, then check the step.
        let screen = try wizard.waitFor("Acme Draft")
        #expect(screen.contains("Step 4 of 5"))
        try wizard.keys("q")
        try wizard.waitFor("Quit without saving")
    }

    @Test("A correction keeps reviewed; a review of every answer moves it to today; notes are shown and kept",
          .enabled(if: TmuxWizard.enabled, "tmux is not installed"))
    func correctionThenReview() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        _ = try scratch.write("security-overview.yml", Self.noted)
        let wizard = try TmuxWizard(in: scratch.path, arguments: ["--answers", "security-overview.yml"])
        defer { wizard.kill() }

        var screen = try wizard.waitFor("Step 4 of 5")
        #expect(screen.contains("Last reviewed 2025-11-01"), "\(screen)")

        // The overview shows its notes, marked as never published.
        try wizard.keys("Down", "Down", "Enter")
        screen = try wizard.waitFor("Note (never published): Wording agreed with legal in May")
        #expect(screen.contains("Note (never published): SECRET-NOTE keep the intro"), "\(screen)")
        // n on the question: its note, edited in place.
        try wizard.waitFor("› (•) Yes")
        try wizard.keys("n")
        try wizard.waitFor("› [SECRET-NOTE keep the intro short")
        try wizard.keys("C-u")
        try wizard.type("SECRET-NOTE edited in the wizard")
        try wizard.waitFor("[SECRET-NOTE edited in the wizard")
        try wizard.keys("Escape")

        // A typo fixed in the company name: a correction.
        try wizard.waitFor("Step 4 of 5")
        try wizard.keys("Home", "Enter")
        try wizard.waitFor("Company name")
        try wizard.keys("C-u")
        try wizard.type("Acme Inc")
        try wizard.waitFor("[Acme Inc")
        try wizard.keys("Escape")
        try wizard.waitFor("Acme Inc · acme.example")
        try wizard.keys("End")
        try wizard.waitFor("› Export: write the answers file")
        try wizard.keys("Enter")
        try WizardTmuxTests().toWrite(wizard, review: .correction)
        try wizard.keys("Enter")
        try wizard.waitFor("Wrote ")
        try wizard.keys("q")
        #expect(try wizard.exitStatus() == 0)
        var answers = try #require(scratch.read("security-overview.yml"))
        #expect(answers.contains("  name: Acme Inc\n"))
        #expect(answers.contains("reviewed: 2025-11-01\n"), "a correction keeps the yearly clock")
        #expect(answers.contains("note: Wording agreed with legal in May"), "notes are kept")
        #expect(answers.contains("intro: SECRET-NOTE edited in the wizard"), "the note edited with n is saved")
        #expect(scratch.read("security-overview.md")?.contains("SECRET-NOTE") == false)

        // A year later: every answer looked at, a review.
        try wizard.restart(["--answers", "security-overview.yml"])
        try wizard.waitFor("Step 4 of 5")
        try wizard.keys("End")
        try wizard.waitFor("› Export: write the answers file")
        try wizard.keys("Enter")
        try WizardTmuxTests().toWrite(wizard, review: .current)
        try wizard.keys("Enter")
        try wizard.waitFor("Wrote ")
        try wizard.keys("q")
        #expect(try wizard.exitStatus() == 0)
        answers = try #require(scratch.read("security-overview.yml"))
        #expect(answers.contains("reviewed: \(Self.today())\n"), "\(answers)")
        #expect(answers.contains("note: Wording agreed with legal in May"))
    }

    static func today() -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: Date())
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }

    // MARK: - Front matter in real site builds

    /// seed-saas with the site's own front matter keys.
    static func withFrontMatter(format: String, _ extra: String) throws -> String {
        try String(contentsOfFile: CommandLineTests.fixture("seed-saas.yml"), encoding: .utf8)
            .replacingOccurrences(of: "  format: hugo\n", with: "  format: \(format)\n" + extra)
    }

    @Test("Hugo: a menu entry from the answers file, the mark in the front matter, no raw HTML omitted",
          .enabled(if: WebsiteToolsTests.available("hugo"), "hugo is not installed"))
    func hugoMenu() throws {
        let site = try Scratch()
        defer { site.remove() }
        try site.write("hugo.toml", """
            baseURL = "https://example.org/"
            title = "Example"
            disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
            """)
        try site.write("layouts/_default/single.html", """
            <!doctype html><html><head><title>{{ .Title }}</title></head><body>
            <nav>{{ range .Site.Menus.main }}<a href="{{ .URL }}">{{ .Name }}</a>{{ end }}</nav>
            <p id="mark">{{ .Params.generated_by }}</p>
            {{ .Content }}</body></html>

            """)
        try FileManager.default.createDirectory(atPath: site.file("content"), withIntermediateDirectories: true)
        let answers = try site.write("security-overview.yml", try Self.withFrontMatter(format: "hugo", """
              front_matter:
                menu:
                  main:
                    name: "Security & trust"
                    weight: 40
                aliases: [/trust/]

            """))
        let page = site.file("content/security.md")
        let render = try Run.tool(["render", "--answers", answers, "--format", "hugo", "--output", page])
        #expect(render.status == 0, "\(render.stderr)")
        let markdown = try #require(site.read("content/security.md"))
        #expect(!markdown.contains("<!--"))
        #expect(markdown.contains("\ngenerated_by: generated by security-overview from answers; sha256:"))

        let build = try Run.command("hugo", ["--source", site.path, "--quiet"])
        #expect(build.status == 0, "\(build.stdout)\(build.stderr)")
        let html = try #require(site.read("public/security/index.html"))
        #expect(html.contains(#"<a href="/security/">Security &amp; trust</a>"#), "\(html)")
        #expect(html.contains("<p id=\"mark\">generated by security-overview from answers; sha256:"))
        #expect(!html.contains("raw HTML omitted"))
        #expect(FileManager.default.fileExists(atPath: site.file("public/trust/index.html")), "the alias")

        // The mark in the front matter is still the tool's: rendering again replaces the page without --force; a hand edit is refused.
        #expect(try Run.tool(["render", "--answers", answers, "--format", "hugo", "--output", page]).status == 0)
        try site.write("content/security.md", markdown.replacingOccurrences(of: "weight: 40", with: "weight: 41"))
        let refused = try Run.tool(["render", "--answers", answers, "--format", "hugo", "--output", page])
        #expect(refused.status == 1 && refused.stderr.contains("was edited by hand"), "\(refused.stderr)")
    }

    @Test("Jekyll: a layout and extra keys from the answers file, the mark in the front matter",
          .enabled(if: WebsiteToolsTests.available("jekyll"), "jekyll is not installed"))
    func jekyllLayout() throws {
        let site = try Scratch()
        defer { site.remove() }
        try site.write("_config.yml", "title: Example\n")
        try site.write("_layouts/trust.html", """
            <!doctype html><html><body><nav>{{ page.nav_title }} ({{ page.nav_order }})</nav>
            <p id="mark">{{ page.generated_by }}</p>
            {{ content }}</body></html>

            """)
        let answers = try site.write("security-overview.yml", try Self.withFrontMatter(format: "jekyll", """
              front_matter:
                layout: trust
                nav_title: "Security: trust"
                nav_order: 7

            """))
        let render = try Run.tool(["render", "--answers", answers, "--format", "jekyll", "--output", site.file("security.md")])
        #expect(render.status == 0, "\(render.stderr)")
        try FileManager.default.removeItem(atPath: answers)
        let build = try Run.command("jekyll", ["build", "--source", site.path, "--destination", site.file("_site"), "--quiet"])
        #expect(build.status == 0, "\(build.stdout)\(build.stderr)")
        let html = try #require(site.read("_site/security/index.html"))
        #expect(html.contains("<nav>Security: trust (7)</nav>"), "\(html)")
        #expect(html.contains("<p id=\"mark\">generated by security-overview from answers; sha256:"))
        #expect(!html.contains("<!--"))
        #expect(html.contains(">Compliance</h2>"))
    }

    @Test("A front matter key the tool writes is refused with the file and line")
    func ownKeyRefused() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let answers = try scratch.write("a.yml", try Self.withFrontMatter(format: "hugo", "  front_matter:\n    title: Trust\n"))
        let result = try Run.tool(["render", "--answers", answers, "--format", "hugo"])
        #expect(result.status != 0)
        let line = (try String(contentsOfFile: answers, encoding: .utf8)).split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0 == "    title: Trust" }! + 1
        #expect(result.stderr.contains("a.yml:\(line):5: outputs.front_matter: 'title' is written by security-overview itself"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "one line: \(result.stderr)")
    }

    @Test("A revise reads its answers back from the cache when the file is as it was, and the file when it changed",
          .enabled(if: TmuxWizard.enabled, "tmux is not installed"))
    func answersCache() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        _ = try scratch.write("security-overview.yml", WizardTmuxTests.lastYear)
        let environment = ["XDG_CACHE_HOME": scratch.file("cache")]
        let folder = scratch.file("cache/security-overview/answers")
        func entries() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: folder) }
        func entry() throws -> (inode: UInt64, text: String) {
            let path = folder + "/" + (try #require(try entries().first))
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            let inode = try #require((attributes[.systemFileNumber] as? NSNumber)?.uint64Value)
            return (inode, String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self))
        }
        let wizard = try TmuxWizard(in: scratch.path, arguments: ["--answers", "security-overview.yml"], environment: environment)
        defer { wizard.kill() }
        let parsed = try wizard.waitFor("Step 4 of 5")
        #expect(parsed.contains("Acme · acme.example"))
        try wizard.keys("q")
        #expect(try wizard.exitStatus() == 0)
        // The first start parsed the file and remembered its answers.
        #expect(try entries().count == 1)
        let first = try entry()
        #expect(first.text.hasPrefix("built-in "))

        // The same file again: the same review, and the entry read, not written again.
        try wizard.restart(["--answers", "security-overview.yml"], environment: environment)
        let remembered = try wizard.waitFor("Step 4 of 5")
        #expect(remembered == parsed)
        try wizard.keys("q")
        #expect(try wizard.exitStatus() == 0)
        let second = try entry()
        #expect(second.inode == first.inode && second.text == first.text)

        // A git pull changes the company's name: the file is read again, and remembered anew.
        _ = try scratch.write("security-overview.yml", WizardTmuxTests.lastYear.replacingOccurrences(of: "name: Acme", with: "name: Acme Corp"))
        try wizard.restart(["--answers", "security-overview.yml"], environment: environment)
        #expect(try wizard.waitFor("Step 4 of 5").contains("Acme Corp · acme.example"))
        try wizard.keys("q")
        #expect(try wizard.exitStatus() == 0)
        let third = try entry()
        #expect(try entries().count == 1 && third.text != first.text)

        // An entry damaged on disk is ignored: the file is read, and the entry replaced.
        let damaged = folder + "/" + (try #require(try entries().first))
        try Data(third.text.utf8.dropLast(3)).write(to: URL(fileURLWithPath: damaged))
        try wizard.restart(["--answers", "security-overview.yml"], environment: environment)
        #expect(try wizard.waitFor("Step 4 of 5").contains("Acme Corp · acme.example"))
        try wizard.keys("q")
        #expect(try wizard.exitStatus() == 0)
        #expect(try entry().text == third.text)
    }
}
