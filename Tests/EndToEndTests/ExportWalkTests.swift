import Foundation
import Testing

/// The whole walk in tmux, from an empty folder to every file a founder
/// needs: the export step asks where the page goes and in which form, offers
/// security.txt at that form's path, writes all three files and says how to
/// publish them; the next export asks nothing again.
@Suite("Export walk in tmux", .serialized,
       .enabled(if: TmuxWizard.enabled, "tmux is not installed (with CI=true a missing tmux fails instead)"))
struct ExportWalkTests {
    @Test("From an empty folder to the page, security.txt and the answers file, the address asked once",
          arguments: [(80, 24), (60, 16)])
    func wholeWalk(width: Int, height: Int) throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        // A Hugo site has its static/ folder; .well-known in it is made by the export.
        try FileManager.default.createDirectory(atPath: scratch.file("static"), withIntermediateDirectories: true)
        let wizard = try TmuxWizard(in: scratch.path, width: width, height: height)
        defer { wizard.kill() }
        let walk = WizardTmuxTests()

        try walk.answerProfile(wizard)
        try wizard.keys("Enter")
        try wizard.waitFor("Step 2 of 5")
        try wizard.keys("Enter")
        let opened = try wizard.waitFor("Step 3 of 5 · section 1 of ")
        let count = try #require(WizardTmuxTests.sectionCount(opened), "no section count in the title bar:\n\(opened)")
        try wizard.keys("Space")  // the overview's introduction: yes
        for section in 1...count {
            try wizard.waitFor("section \(section) of \(count)")
            try wizard.keys("End")
            try wizard.waitFor(section < count ? "› Next: " : "› Next: review →")
            try wizard.keys("Enter")
        }
        try wizard.waitFor("Step 4 of 5")
        try wizard.keys("End")
        try wizard.waitFor("› Export: write the answers file")
        try wizard.keys("Enter")

        // The export step's questions, each waited for before the next key.
        try wizard.waitFor("Where the page will be published")
        try wizard.type("https://example.com/security/")
        try wizard.waitFor("[https://example.com/security/")
        try wizard.keys("Tab")
        try wizard.waitFor("› ( ) Markdown, plain")
        try wizard.keys("Down")
        try wizard.waitFor("› ( ) Markdown for Hugo")
        try wizard.keys("Space")
        try wizard.waitFor("› (•) Markdown for Hugo")
        try wizard.keys("Tab")
        try wizard.waitFor("› [static/.well-known/security.txt")
        try wizard.keys("Tab")
        try wizard.waitFor("› Write the files")
        try wizard.keys("Enter")
        try wizard.waitFor("Wrote ")
        let done = try wizard.waitFor("Write the files again")
        #expect(done.contains("static/"), "the done screen says where Hugo serves security.txt from:\n\(done)")
        try wizard.keys("q")
        #expect(try wizard.exitStatus() == 0)

        let answers = try #require(scratch.read("security-overview.yml"))
        #expect(answers.contains("format: hugo"))
        #expect(answers.contains("page_url: https://example.com/security/"))
        #expect(answers.contains("security_txt: static/.well-known/security.txt"))
        let page = try #require(scratch.read("security-overview.md"))
        #expect(page.hasPrefix("---\n") && page.contains("slug: security"), "Hugo front matter")
        let txt = try #require(scratch.read("static/.well-known/security.txt"))
        #expect(txt.contains("Contact: mailto:security@example.com"))
        #expect(txt.contains("Canonical: https://example.com/.well-known/security.txt"))

        // Again: the answers open at the review, and the export goes straight to Write.
        try wizard.restart()
        // Straight to what this write means for the review date, then Write.
        try wizard.writeFromTheReview()
        try wizard.waitFor("Wrote ")
        try wizard.keys("q")
        #expect(try wizard.exitStatus() == 0)
        #expect(try wizard.output().components(separatedBy: "Where the page will be published").count <= 2)
    }
}

/// A page edited by hand since it was generated: the wizard's Write is
/// refused, says what it would lose without pointing at a `--force` the wizard
/// does not have, shows what differs, and writes over the edit only when the
/// person chooses "Overwrite the edited file".
@Suite("Overwriting a hand edit in tmux", .serialized,
       .enabled(if: TmuxWizard.enabled, "tmux is not installed (with CI=true a missing tmux fails instead)"))
struct OverwriteHandEditTests {
    @Test("Write refused over a hand edit, See what differs, then Overwrite writes the page with a fresh mark",
          arguments: [(80, 24), (60, 16)])
    func overwrite(width: Int, height: Int) throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let seed = try String(contentsOfFile: CommandLineTests.fixture("pre-seed.yml"), encoding: .utf8)
        let answers = try scratch.write("security-overview.yml", seed + "outputs:\n  format: markdown\n")
        #expect(try Run.tool(["export", "--answers", answers]).status == 0)
        let generated = try #require(scratch.read("security-overview.md"))
        let edited = generated.replacingOccurrences(of: "Firewall rules", with: "Moat rules")
        #expect(edited != generated, "the hand edit changes the page")
        try scratch.write("security-overview.md", edited)

        let wizard = try TmuxWizard(in: scratch.path, width: width, height: height)
        defer { wizard.kill() }
        try wizard.writeFromTheReview()
        let refused = try wizard.waitFor("See what differs")
        #expect(!refused.contains("--force"), "the wizard has no --force:\n\(refused)")
        #expect(scratch.read("security-overview.md") == edited, "nothing written before the person chooses")

        try wizard.keys("Down")
        try wizard.waitFor("› See what differs")
        try wizard.keys("Enter")
        let shown = try wizard.waitFor("Hide what differs")
        #expect(shown.contains("-") && shown.contains("Moat rules"), "the hand-edited line is shown:\n\(shown)")
        try wizard.keys("Down")
        try wizard.waitFor("› Overwrite the edited file")
        try wizard.keys("Enter")
        try wizard.waitFor("Write the files again")
        try wizard.keys("q")
        #expect(try wizard.exitStatus() == 0)

        let page = try #require(scratch.read("security-overview.md"))
        #expect(page.contains("Firewall rules") && !page.contains("Moat rules"), "the hand edit is gone")
        // The mark is fresh: a plain export (no --force) replaces the page again.
        let again = try Run.tool(["export", "--answers", answers])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(scratch.read("security-overview.yml")?.contains("reviewed: \(CommandLineTests.utcToday())") == true,
                "the wizard's Write moved the review date, as export --force would not")
    }

    @Test("A page made by hand before the tool is refused, then replaced only when the person chooses Replace")
    func replaceAPageMadeByHand() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let seed = try String(contentsOfFile: CommandLineTests.fixture("pre-seed.yml"), encoding: .utf8)
        _ = try scratch.write("security-overview.yml", seed + "outputs:\n  format: markdown\n")
        let ours = "# Security\n\nWe take security seriously.\n"
        try scratch.write("security-overview.md", ours)

        let wizard = try TmuxWizard(in: scratch.path, width: 80, height: 24)
        defer { wizard.kill() }
        try wizard.writeFromTheReview()
        let refused = try wizard.waitFor("Replace the existing file")
        #expect(refused.contains("is already there and not written by"), "\(refused)")
        #expect(!refused.contains("--force"), "the wizard has no --force:\n\(refused)")
        #expect(scratch.read("security-overview.md") == ours, "nothing written before the person chooses")
        try wizard.keys("Down", "Down")
        try wizard.waitFor("› Replace the existing file")
        try wizard.keys("Enter")
        try wizard.waitFor("Write the files again")
        try wizard.keys("q")
        #expect(try wizard.exitStatus() == 0)
        let page = try #require(scratch.read("security-overview.md"))
        #expect(!page.contains("We take security seriously") && page.contains("generated by security-overview"))
    }
}

extension TmuxWizard {
    /// From the review of an answers file: on to the export, a review of every answer, Write.
    func writeFromTheReview() throws {
        try waitFor("Step 4 of 5")
        try keys("End")
        try waitFor("› Export: write the answers file")
        try keys("Enter")
        try WizardTmuxTests().pickReview(self, .current)
        try waitFor("› Write the files")
        try keys("Enter")
    }
}
