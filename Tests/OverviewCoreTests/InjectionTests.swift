import Foundation
import Testing
@testable import OverviewCore

/// No answer becomes code or structure in the site that builds the page.
@Suite struct InjectionTests {
    let catalog = Fixtures.catalog

    @Test("Plain text skips the escaping rules and comes out as they would have it")
    func plainTextAsTheRulesHaveIt() {
        var texts = ["", " ", "   leading", "October 1, 2025 to September 30, 2026", "It's \"fine\"; really? Yes!",
                     "50% of 2/3", "trailing  ", "a", "1", "12", "Acme Health, Inc"]
        // Every byte that isPlainByte takes and some it does not, mixed.
        let pieces = ["a", "Z", "7", " ", ",", "'", "\"", "!", "?", ";", "/", "%", ".", ":", "-", "#", "@", "w", "\n", "é", "*"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3_000 {
            texts.append((0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined())
        }
        var plain = 0
        for text in texts {
            if text.utf8.allSatisfy(MarkdownText.isPlainByte) { plain += 1 }
            #expect(MarkdownText.escape(text) == MarkdownText.escapeEachCharacter(text), "\(text.debugDescription)")
        }
        #expect(plain > 50, "the fast path was taken")
    }

    @Test("Hugo shortcodes in any answer reach the page only as text")
    func shortcodes() throws {
        var answers = try Fixtures.answers("seed-saas.yml")
        answers.company.name = "Acme {{< x >}} {{% y %}} {{</ x >}} {{%/ y %}}"
        answers.company.securityContact = "{{%x%}}@acme.example"
        #expect(TextFormat.email.problem(with: "{{%x%}}@acme.example") == nil, "the address is valid as an email")
        let page = PageRenderer(catalog: catalog).page(answers, format: .hugo)
        for opening in ["{{<", "{{%", "{{ <", "{{ %"] {
            #expect(!page.contains(opening), "\(opening) in the page")
        }
        #expect(page.contains("mailto:%7B%7B%25x%25%7D%7D@acme.example"))
        #expect(SecurityContact.url("security@acme.example") == "mailto:security@acme.example")
    }

    @Test("What goldmark and kramdown read as structure is escaped")
    func markdownStructure() {
        #expect(MarkdownText.escape(": a definition") == "\\: a definition")
        #expect(MarkdownText.escape("  : indented") == "\\: indented")
        #expect(MarkdownText.escape("see www.example.com/path") == "see www&#46;example.com/path")
        #expect(MarkdownText.escape("WWW.EXAMPLE.COM") == "WWW&#46;EXAMPLE.COM")
        #expect(MarkdownText.escape("write to a@b.example") == "write to a&#64;b.example")
        #expect(MarkdownText.escape("mailto:a@b.example") == "mailto:a&#64;b.example")
        #expect(MarkdownText.escape("a: b") == "a: b")
    }

    @Test("Wrapping never puts a colon at the start of a line")
    func wrappingColon() {
        let line = String(repeating: "word ", count: 15) + "wor : definition after the wrap"
        let wrapped = MarkdownText.wrap(line)
        #expect(wrapped.contains("\n"))
        #expect(!wrapped.split(separator: "\n").contains { $0.hasPrefix(":") }, "\(wrapped)")
    }

    @Test("The front matter's description gets the page's escaping")
    func frontMatterDescription() throws {
        var answers = try Fixtures.answers("seed-saas.yml")
        answers.company.name = "<b>Acme</b> *x* {{< y >}}"
        for format in [PageFormat.hugo, .jekyll] {
            let page = PageRenderer(catalog: catalog).page(answers, format: format)
            let frontMatter = page.components(separatedBy: "\n---\n")[0]
            #expect(frontMatter.contains("&lt;b&gt;Acme&lt;/b&gt; \\\\*x\\\\* \\\\{\\\\{&lt; y &gt;\\\\}\\\\}")
                    || frontMatter.contains("&lt;b&gt;Acme&lt;/b&gt; \\*x\\* \\{\\{&lt; y &gt;\\}\\}"), "\(frontMatter)")
            #expect(!frontMatter.contains("<b>"))
        }
    }

    @Test("security.txt has one Contact, whatever separator an answer tries")
    func securityTxtLines() throws {
        var answers = try Fixtures.answers("seed-saas.yml")
        answers.company.name = "Acme\u{2028}Contact: mailto:evil@evil.example\u{2029}x\u{85}y"
        let text = try SecurityTxt.text(answers, catalog: catalog, file: "a.yml", today: ReviewDate(answers.reviewed!)!)
        #expect(!text.unicodeScalars.contains { $0 == "\u{2028}" || $0 == "\u{2029}" || $0 == "\u{85}" })
    }
}

@Suite struct ExportSafetyTests {
    let catalog = Fixtures.catalog
    let today = ReviewDate("2026-11-29")!

    func targets(_ folder: TemporaryFolder) -> Export.Targets {
        Export.Targets(answers: folder.file("security-overview.yml"), page: folder.file("page.md"),
                       format: .hugo, securityTxt: folder.file("security.txt"))
    }

    /// Whether `chattr` can make files immutable here (root on a file system that has the flag).
    static let canMakeImmutable: Bool = {
        guard getuid() == 0, let folder = try? TemporaryFolder(), let probe = try? folder.write("probe", "x") else { return false }
        defer { _ = chattr("-i", probe); folder.remove() }
        return chattr("+i", probe)
    }()

    @discardableResult
    static func chattr(_ flag: String, _ path: String) -> Bool {
        var pid = pid_t()
        let argv: [UnsafeMutablePointer<CChar>?] = ["chattr", flag, path].map { (word: String) in strdup(word) } + [nil]
        defer { argv.forEach { free($0) } }
        guard posix_spawnp(&pid, "chattr", nil, nil, argv, nil) == 0 else { return false }
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        return status == 0
    }

    @Test("When security.txt cannot be replaced, the page already renamed is put back",
          .enabled(if: canMakeImmutable, "needs root and chattr"))
    func aFailedLastRenameRestoresThePage() throws {
        let folder = try TemporaryFolder()
        defer { _ = Self.chattr("-i", folder.file("security.txt")); folder.remove() }
        var answers = try Fixtures.answers("later-health.yml")
        try Export.write(answers, catalog: catalog, targets: targets(folder), today: today)
        let before = (folder.read("security-overview.yml"), folder.read("page.md"), folder.read("security.txt"))
        #expect(Self.chattr("+i", folder.file("security.txt")))
        answers.company.name = "Renamed Health"
        answers.company.domain = "renamed.example"
        do {
            try Export.write(answers, catalog: catalog, targets: targets(folder), today: today)
            Issue.record("wrote over an immutable file")
        } catch {
            #expect(error.description.contains("security.txt: cannot write: Operation not permitted; nothing was written"), "\(error)")
        }
        #expect(folder.read("security-overview.yml") == before.0)
        #expect(folder.read("page.md") == before.1)
        #expect(folder.read("security.txt") == before.2)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    @Test("A second writer waits for the first: the folder is locked while one export runs")
    func exportsTakeTurns() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let fd = open(folder.path, O_RDONLY | O_DIRECTORY)
        defer { close(fd) }
        #expect(flock(fd, LOCK_EX) == 0)
        do {
            try FileStore.withFolderLocks(for: [folder.file("page.md")], timeoutSeconds: 0.2) { () throws(InputError) in
                Issue.record("ran while another held the lock")
            }
        } catch {
            #expect(error.description.hasPrefix("\(folder.path): another security-overview has been writing files in this folder"))
        }
        flock(fd, LOCK_UN)
        var ran = false
        try FileStore.withFolderLocks(for: [folder.file("page.md")], timeoutSeconds: 0.2) { () throws(InputError) in ran = true }
        #expect(ran)
    }

    @Test("The draft is never an output")
    func draftIsNoOutput() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var targets = targets(folder)
        targets.securityTxt = targets.answers + ".draft"
        do {
            try Export.write(Answers(), catalog: catalog, targets: targets, writeAnswers: false, today: today)
            Issue.record("wrote over the draft")
        } catch {
            #expect(error.message.contains("outputs.security_txt (\(targets.answers).draft) is the same file as its draft"))
        }
    }

    @Test("Outputs outside the answers file's folder are refused", arguments: [
        "../page.md", "/tmp/page.md", "site/../../page.md", "link/page.md",
    ])
    func outputsOutside(_ path: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        #expect(symlink("/tmp", folder.file("link")) == 0)
        let answersPath = try folder.write("security-overview.yml", "version: 1\noutputs:\n  page: \(path)\n")
        let answers = try AnswersFile.load(answersPath, catalog: catalog)
        do {
            try Export.checkOutputsInside(answers, answersPath: answersPath)
            Issue.record("accepted \(path)")
        } catch {
            #expect(error.description == "\(answersPath):3: outputs.page '\(path)' is outside the answers file's folder; nothing was written. Give a path inside it, or pass --allow-outputs-outside if you mean it")
        }
    }

    @Test func outputsInsideAreFine() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let answersPath = try folder.write("security-overview.yml", "version: 1\noutputs:\n  page: site/./x/../page.md\n  security_txt: static/.well-known/security.txt\n")
        try Export.checkOutputsInside(try AnswersFile.load(answersPath, catalog: catalog), answersPath: answersPath)
    }
}
